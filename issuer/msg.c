/*
 * issuer/msg.c - error messages (msg.h).
 */
#include "msg.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int ci_fail(ci_msg *m, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(m->text, sizeof(m->text), fmt, ap);
	va_end(ap);
	return -1;
}

int ci_fail_ctx(ci_msg *m, const char *fmt, ...)
{
	char old[sizeof(m->text)];
	size_t n;
	va_list ap;

	memcpy(old, m->text, sizeof(old));
	va_start(ap, fmt);
	vsnprintf(m->text, sizeof(m->text), fmt, ap);
	va_end(ap);
	n = strlen(m->text);
	snprintf(m->text + n, sizeof(m->text) - n, "%s", old);
	return -1;
}
