/*
 * check.c - the invariant checks every fuzz target shares (fuzz.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

/* Guard bytes after each output buffer: a formatter that writes past its
 * cap is caught even in the replay build, where no sanitizer runs. */
#define GUARD 16
#define GUARD_BYTE 0xa5

/* See fuzz.h. */
void fz_fail(const char *what, const char *file, int line)
{
	fz_alloc_stop();
	fprintf(stderr, "fuzz invariant broken: %s (%s:%d)\n", what, file, line);
	fflush(stderr);
	abort();
}

/* See fuzz.h. */
void fz_unlisted_difference(const char *what)
{
	static unsigned long reported;

	if (!getenv("FZ_DIFF_REPORT")) {
		fz_alloc_stop();
		fprintf(stderr, "fuzz invariant broken: %s not on the allow-list\n", what);
		fflush(stderr);
		abort();
	}
	fz_allow_begin();
	if (reported++ < 3)
		fprintf(stderr, "unclassified %s, reported only (FZ_DIFF_REPORT): classify it "
		        "in a long run (scripts/fuzz --all)\n", what);
	fz_allow_end();
}

/* See fuzz.h. Compared as integers: the slice may point anywhere, and
 * relational operators on unrelated pointers are undefined. */
void fz_in(const fz_buf *b, xc_slice s)
{
	uintptr_t lo = (uintptr_t)b->p, p = (uintptr_t)s.p;

	if (!s.p) {
		FZ_CHECK(s.len == 0);
		return;
	}
	FZ_CHECK(p >= lo);
	FZ_CHECK(p - lo <= b->len);
	FZ_CHECK(s.len <= b->len - (p - lo));
}

/* See fuzz.h. */
void fz_within(xc_slice outer, xc_slice inner)
{
	fz_buf b = { outer.p, outer.len };

	FZ_CHECK(outer.p != NULL);
	FZ_CHECK(inner.p != NULL);
	fz_in(&b, inner);
}

/* See fuzz.h. */
void fz_off(xc_err e, size_t off, size_t len)
{
	const char *msg = xc_strerror(e), *name = xc_errname(e);

	/* Every error the core returns has a message and a name. */
	FZ_CHECK(msg != NULL && msg[0] != 0);
	FZ_CHECK(name != NULL && name[0] != 0);
	FZ_CHECK(e < XC_ERR_LAST);
	if (e >= XC_ERR_FIRST)
		FZ_CHECK(off <= len);
}

static char *guarded(size_t cap)
{
	char *buf = fz_malloc(cap + GUARD);

	if (!buf)
		abort();
	memset(buf, GUARD_BYTE, cap + GUARD);
	return buf;
}

static void guard_intact(const char *buf, size_t cap)
{
	for (size_t i = 0; i < GUARD; i++)
		FZ_CHECK((uint8_t)buf[cap + i] == GUARD_BYTE);
}

/* See fuzz.h. */
xc_err fz_fmt(fz_fmt_fn fn, const void *arg, size_t cap, bool nul_free,
              bool must_fit, char **out, size_t *outlen)
{
	char *buf = guarded(cap), *tight, *shrt;
	size_t len = SIZE_MAX, len2 = SIZE_MAX, len3;
	xc_err e, e2;

	e = fn(arg, buf, cap, &len);
	guard_intact(buf, cap);
	FZ_CHECK(e == XC_OK || e >= XC_ERR_FIRST);
	if (must_fit)
		FZ_CHECK(e != XC_ERR_BUFFER);
	if (e != XC_OK) {
		free(buf);
		return e;
	}
	FZ_CHECK(len < cap);
	FZ_CHECK(buf[len] == '\0');
	if (nul_free)
		FZ_CHECK(strlen(buf) == len);

	/* Exactly enough room: same answer. */
	tight = guarded(len + 1);
	e2 = fn(arg, tight, len + 1, &len2);
	guard_intact(tight, len + 1);
	FZ_CHECK(e2 == XC_OK);
	FZ_CHECK(len2 == len);
	FZ_CHECK(memcmp(tight, buf, len + 1) == 0);
	free(tight);

	/* One byte short: the caller must hear it did not fit. */
	shrt = guarded(len);
	e2 = fn(arg, shrt, len, &len3);
	guard_intact(shrt, len);
	FZ_CHECK(e2 == XC_ERR_BUFFER);
	free(shrt);

	if (outlen)
		*outlen = len;
	if (out)
		*out = buf;
	else
		free(buf);
	return e;
}
