/*
 * tools/emit.c - certdump's output (see emit.h).
 */
#include "emit.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* See emit.h. */
void emit_json_str(const char *s, size_t n)
{
	putchar('"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

/* See emit.h. */
void emit_json_cstr(const char *s)
{
	if (s)
		emit_json_str(s, strlen(s));
	else
		fputs("null", stdout);
}

/* See emit.h. */
void emit_hex(xc_slice s)
{
	for (size_t i = 0; i < s.len; i++)
		printf("%02x", s.p[i]);
}

/* See emit.h. */
void emit_json_hex(xc_slice s)
{
	putchar('"');
	emit_hex(s);
	putchar('"');
}

/* See emit.h. */
void emit_json_err(xc_err e)
{
	printf("{\"error\": \"%s\"}", xc_errname(e));
}

/* See emit.h. */
void emit_err_value(const emit_ctx *em, xc_err e, size_t off)
{
	if (em->json)
		printf("{\"error\": \"%s\", \"offset\": %zu}", xc_errname(e), off);
	else
		printf("(error: %s at byte %zu)", xc_strerror(e), off);
}

/* See emit.h. */
void emit_key(emit_ctx *em, const char *k)
{
	if (em->json) {
		printf("%s\"%s\": ", em->first ? "" : ", ", k);
		em->first = false;
	} else {
		printf("  %-26s ", k);
	}
}

/* See emit.h. */
void emit_end_field(const emit_ctx *em)
{
	if (!em->json)
		putchar('\n');
}

/* See emit.h. */
void emit_str(emit_ctx *em, const char *k, const char *v)
{
	emit_key(em, k);
	if (em->json)
		emit_json_cstr(v);
	else
		fputs(v ? v : "(none)", stdout);
	emit_end_field(em);
}

/* See emit.h. */
void emit_int(emit_ctx *em, const char *k, int64_t v)
{
	emit_key(em, k);
	printf("%" PRId64, v);
	emit_end_field(em);
}

/* See emit.h. */
void emit_field_hex(emit_ctx *em, const char *k, xc_slice v)
{
	emit_key(em, k);
	if (em->json)
		emit_json_hex(v);
	else
		emit_hex(v);
	emit_end_field(em);
}

/* See emit.h. */
void emit_begin(emit_ctx *em, const char *file, size_t index, const char *type)
{
	em->count++;
	if (em->json) {
		printf("{\"file\": ");
		emit_json_cstr(file);
		printf(", \"index\": %zu, \"type\": \"%s\"", index, type);
		em->first = false;   /* "file" came first */
	} else {
		printf("%s [%zu] %s\n", file, index, type);
	}
}

/* See emit.h. */
void emit_failed(const emit_ctx *em, xc_err e, size_t off)
{
	if (em->json)
		printf(", \"error\": \"%s\", \"offset\": %zu", xc_errname(e), off);
	else
		printf("  error: %s at byte %zu\n", xc_strerror(e), off);
}

/* See emit.h. */
void emit_end(const emit_ctx *em)
{
	if (em->json)
		puts("}");
	else
		putchar('\n');
}
