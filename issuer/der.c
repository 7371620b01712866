/*
 * issuer/der.c - the DER writer (der.h).
 *
 * Forward writing: a constructed TLV reserves one length byte at begin;
 * at end, when the contents' length is known, the contents move right by
 * the extra length bytes the long form needs (X.690 10.1: the shortest
 * form). The move costs a memmove per TLV longer than 127 bytes, which is
 * nothing next to a signature, and keeps the API in writing order (a
 * backwards writer would make every builder list its fields in reverse).
 */
#include "der.h"

#include <string.h>

#include <xc/der.h>

#include "when.h"

void ci_der_init(ci_der *w, uint8_t *buf, size_t cap)
{
	w->buf = buf;
	w->cap = cap;
	w->len = 0;
	w->depth = 0;
	w->err = CI_DER_OK;
}

ci_der_err ci_der_finish(const ci_der *w)
{
	if (w->err)
		return w->err;
	return w->depth ? CI_DER_UNBALANCED : CI_DER_OK;
}

const char *ci_der_err_name(ci_der_err e)
{
	switch (e) {
	case CI_DER_OK:
		return "no error";
	case CI_DER_NOSPACE:
		return "the output does not fit its buffer";
	case CI_DER_TOO_DEEP:
		return "structure nested too deep";
	case CI_DER_UNBALANCED:
		return "unbalanced constructed TLV (a writer bug)";
	case CI_DER_OID:
		return "not a valid dotted OID";
	case CI_DER_CHARSET:
		return "a character the string type cannot hold";
	case CI_DER_TIME:
		return "a time outside years 0001..9999";
	case CI_DER_ARG:
		return "an invalid value for the DER type";
	}
	return "unknown error";
}

xc_slice ci_der_out(const ci_der *w)
{
	return xc_slice_make(w->buf, w->len);
}

static bool fail(ci_der *w, ci_der_err e)
{
	if (!w->err)
		w->err = e;
	return false;
}

static bool room(ci_der *w, size_t n)
{
	if (w->err)
		return false;
	if (w->cap - w->len < n)
		return fail(w, CI_DER_NOSPACE);
	return true;
}

static void put(ci_der *w, const void *p, size_t n)
{
	if (!room(w, n))
		return;
	if (n)
		memcpy(w->buf + w->len, p, n);
	w->len += n;
}

/* Bytes of the length octets for a length of n (X.690 8.1.3). */
static size_t len_size(size_t n)
{
	size_t k = 1;

	if (n < 0x80)
		return 1;
	while (n) {
		k++;
		n >>= 8;
	}
	return k;
}

static void put_len_at(uint8_t *at, size_t n)
{
	size_t k = len_size(n);

	if (k == 1) {
		at[0] = (uint8_t)n;
		return;
	}
	at[0] = (uint8_t)(0x80 | (k - 1));
	for (size_t i = k - 1; i >= 1; i--) {
		at[i] = (uint8_t)(n & 0xff);
		n >>= 8;
	}
}

static void header(ci_der *w, uint8_t tag, size_t n)
{
	uint8_t h[1 + 1 + sizeof(size_t)];

	h[0] = tag;
	put_len_at(h + 1, n);
	put(w, h, 1 + len_size(n));
}

void ci_der_begin(ci_der *w, uint8_t tag)
{
	if (w->err)
		return;
	if (w->depth >= CI_DER_DEPTH) {
		fail(w, CI_DER_TOO_DEEP);
		return;
	}
	/* One length byte reserved: the short form, moved at end if longer. */
	put(w, (uint8_t[]){ tag, 0 }, 2);
	if (!w->err)
		w->open[w->depth++] = w->len;
}

void ci_der_end(ci_der *w)
{
	size_t start, n, k;

	if (w->err)
		return;
	if (!w->depth) {
		fail(w, CI_DER_UNBALANCED);
		return;
	}
	start = w->open[--w->depth];
	n = w->len - start;
	k = len_size(n);
	if (k > 1) {
		if (!room(w, k - 1))
			return;
		memmove(w->buf + start + k - 1, w->buf + start, n);
		w->len += k - 1;
	}
	put_len_at(w->buf + start - 1, n);
}

void ci_der_tlv(ci_der *w, uint8_t tag, const void *p, size_t n)
{
	header(w, tag, n);
	put(w, p, n);
}

void ci_der_raw(ci_der *w, const void *p, size_t n)
{
	put(w, p, n);
}

void ci_der_uint(ci_der *w, const uint8_t *mag, size_t n)
{
	uint8_t zero = 0;

	while (n && !mag[0]) {
		mag++;
		n--;
	}
	if (!n) {
		ci_der_tlv(w, CI_TAG_INTEGER, &zero, 1);
		return;
	}
	if (mag[0] & 0x80) {
		header(w, CI_TAG_INTEGER, n + 1);
		put(w, &zero, 1);
		put(w, mag, n);
		return;
	}
	ci_der_tlv(w, CI_TAG_INTEGER, mag, n);
}

void ci_der_int_tag(ci_der *w, uint8_t tag, int64_t v)
{
	uint8_t b[8];
	size_t i = 0;

	for (int s = 56; s >= 0; s -= 8)
		b[i++] = (uint8_t)((uint64_t)v >> s);
	/* X.690 8.3.2: drop a leading byte while the next one's top bit
	 * repeats it (0x00 before a clear bit, 0xff before a set bit). */
	i = 0;
	while (i < 7 && ((b[i] == 0x00 && !(b[i + 1] & 0x80)) ||
			 (b[i] == 0xff && (b[i + 1] & 0x80))))
		i++;
	ci_der_tlv(w, tag, b + i, 8 - i);
}

void ci_der_int(ci_der *w, int64_t v)
{
	ci_der_int_tag(w, CI_TAG_INTEGER, v);
}

void ci_der_bool(ci_der *w, bool v)
{
	uint8_t b = v ? 0xff : 0x00;

	ci_der_tlv(w, CI_TAG_BOOLEAN, &b, 1);
}

void ci_der_null(ci_der *w)
{
	ci_der_tlv(w, CI_TAG_NULL, NULL, 0);
}

/* One arc of dotted text into *v; false on junk, a leading zero or an arc
 * past 64 bits. */
static bool read_arc(const char **s, uint64_t *v)
{
	const char *p = *s;

	if (*p < '0' || *p > '9')
		return false;
	if (*p == '0' && p[1] >= '0' && p[1] <= '9')
		return false;
	*v = 0;
	for (; *p >= '0' && *p <= '9'; p++) {
		unsigned d = (unsigned)(*p - '0');

		if (*v > (UINT64_MAX - d) / 10)
			return false;
		*v = *v * 10 + d;
	}
	*s = p;
	return true;
}

/* Base-128 arc (X.690 8.19.2) into out; returns its length. */
static size_t put_arc(uint8_t *out, uint64_t v)
{
	uint8_t tmp[10];
	size_t n = 0;

	do {
		tmp[n++] = (uint8_t)(v & 0x7f);
		v >>= 7;
	} while (v);
	for (size_t i = 0; i < n; i++)
		out[i] = (uint8_t)(tmp[n - 1 - i] | (i + 1 < n ? 0x80 : 0));
	return n;
}

/* Encodes dotted text into out (contents octets); 0 if malformed or
 * longer than cap. */
static size_t oid_encode(const char *dotted, uint8_t *out, size_t cap)
{
	const char *s = dotted;
	uint64_t a, b;
	size_t n = 0;
	uint8_t arc[10];
	size_t k;

	if (!s || !read_arc(&s, &a) || *s++ != '.' || !read_arc(&s, &b))
		return 0;
	if (a > 2 || (a < 2 && b > 39))
		return 0;
	/* The first subidentifier is 40a + b; past 64 bits the core (and
	 * pyca) would refuse it, so it is refused here too. */
	if (b > UINT64_MAX - a * 40)
		return 0;
	k = put_arc(arc, a * 40 + b);
	if (k > cap)
		return 0;
	memcpy(out, arc, k);
	n = k;
	while (*s) {
		if (*s++ != '.' || !read_arc(&s, &b))
			return 0;
		k = put_arc(arc, b);
		if (n + k > cap)
			return 0;
		memcpy(out + n, arc, k);
		n += k;
	}
	return n;
}

bool ci_der_oid_valid(const char *dotted)
{
	uint8_t tmp[256];

	return oid_encode(dotted, tmp, sizeof(tmp)) != 0;
}

size_t ci_der_oid_encode(const char *dotted, uint8_t *out, size_t cap)
{
	return oid_encode(dotted, out, cap);
}

void ci_der_oid(ci_der *w, const char *dotted)
{
	uint8_t tmp[256];
	size_t n = oid_encode(dotted, tmp, sizeof(tmp));

	if (!n) {
		fail(w, CI_DER_OID);
		return;
	}
	ci_der_tlv(w, CI_TAG_OID, tmp, n);
}

void ci_der_oid_raw(ci_der *w, const uint8_t *p, size_t n)
{
	ci_der_tlv(w, CI_TAG_OID, p, n);
}

static void bits_tag(ci_der *w, uint8_t tag, const uint8_t *p, size_t n, unsigned unused)
{
	uint8_t u = (uint8_t)unused;

	if (unused > 7 || (unused && !n)) {
		fail(w, CI_DER_ARG);
		return;
	}
	if (n && (p[n - 1] & ((1u << unused) - 1))) {
		fail(w, CI_DER_ARG);   /* DER: the unused bits are zero */
		return;
	}
	header(w, tag, n + 1);
	put(w, &u, 1);
	put(w, p, n);
}

void ci_der_bits(ci_der *w, const uint8_t *p, size_t n, unsigned unused)
{
	bits_tag(w, CI_TAG_BIT_STRING, p, n, unused);
}

void ci_der_named_bits_tag(ci_der *w, uint8_t tag, uint32_t bits)
{
	uint8_t b[4] = { 0 };
	unsigned top = 0;
	size_t n;

	for (unsigned i = 0; i < 32; i++) {
		if (bits & (1u << i)) {
			b[i / 8] = (uint8_t)(b[i / 8] | (0x80u >> (i % 8)));
			top = i + 1;
		}
	}
	n = (top + 7) / 8;
	bits_tag(w, tag, b, n, (unsigned)(n * 8 - top));
}

void ci_der_named_bits(ci_der *w, uint32_t bits)
{
	ci_der_named_bits_tag(w, CI_TAG_BIT_STRING, bits);
}

/* One UTF-8 code point from s[0..n); 0 bytes consumed on invalid UTF-8
 * (overlong forms, surrogates, past U+10FFFF). */
static size_t utf8_next(const uint8_t *s, size_t n, uint32_t *cp)
{
	size_t k;
	uint32_t c, min;

	if (!n)
		return 0;
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xe0) == 0xc0) {
		k = 2, c &= 0x1f, min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		k = 3, c &= 0x0f, min = 0x800;
	} else if ((c & 0xf8) == 0xf0) {
		k = 4, c &= 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (n < k)
		return 0;
	for (size_t i = 1; i < k; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3fu);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return k;
}

/* X.680 41.4 PrintableString: A-Z a-z 0-9 space ' ( ) + , - . / : = ? */
static bool printable(uint8_t c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || (c && strchr(" '()+,-./:=?", c));
}

static bool char_ok(uint8_t tag, uint8_t c)
{
	switch (tag) {
	case CI_TAG_PRINTABLE:
		return printable(c);
	case CI_TAG_IA5:
		return c < 0x80;
	case CI_TAG_NUMERIC:
		return (c >= '0' && c <= '9') || c == ' ';
	case CI_TAG_VISIBLE:
		return c >= 0x20 && c <= 0x7e;
	default:
		return true;
	}
}

/* UTF-8 into UCS-2 (BMP) or UCS-4 (Universal) big-endian. */
static void wide(ci_der *w, uint8_t tag, const uint8_t *s, size_t n)
{
	size_t unit = tag == CI_TAG_BMP ? 2 : 4, count = 0, k;
	uint32_t cp;

	for (size_t i = 0; i < n; i += k) {
		k = utf8_next(s + i, n - i, &cp);
		if (!k || (unit == 2 && cp > 0xffff)) {
			fail(w, CI_DER_CHARSET);
			return;
		}
		count++;
	}
	header(w, tag, count * unit);
	for (size_t i = 0; i < n; i += k) {
		uint8_t b[4];

		k = utf8_next(s + i, n - i, &cp);
		for (size_t j = 0; j < unit; j++)
			b[j] = (uint8_t)(cp >> (8 * (unit - 1 - j)));
		put(w, b, unit);
	}
}

void ci_der_string(ci_der *w, uint8_t tag, const char *str, size_t n)
{
	const uint8_t *s = (const uint8_t *)str;
	uint32_t cp;

	if (w->err)
		return;
	switch (tag) {
	case CI_TAG_BMP:
	case CI_TAG_UNIVERSAL:
		wide(w, tag, s, n);
		return;
	case CI_TAG_UTF8:
		for (size_t i = 0, k; i < n; i += k) {
			k = utf8_next(s + i, n - i, &cp);
			if (!k) {
				fail(w, CI_DER_CHARSET);
				return;
			}
		}
		break;
	case CI_TAG_PRINTABLE:
	case CI_TAG_IA5:
	case CI_TAG_NUMERIC:
	case CI_TAG_VISIBLE:
		for (size_t i = 0; i < n; i++) {
			if (!char_ok(tag, s[i])) {
				fail(w, CI_DER_CHARSET);
				return;
			}
		}
		break;
	case CI_TAG_T61:
		break;
	default:
		fail(w, CI_DER_ARG);
		return;
	}
	ci_der_tlv(w, tag, s, n);
}

/* Splits t; false outside years 1..9999 (year 0 neither pyca nor the
 * core can read). */
static bool split(int64_t t, unsigned f[6])
{
	int64_t days, secs, y;
	/* 0001-01-01 and 10000-01-01 in seconds. */
	const int64_t lo = -62135596800LL, hi = 253402300800LL;

	if (t < lo || t >= hi)
		return false;
	days = t / 86400;
	secs = t % 86400;
	if (secs < 0) {
		secs += 86400;
		days--;
	}
	ci_civil_from_days(days, &y, &f[1], &f[2]);
	f[0] = (unsigned)y;
	f[3] = (unsigned)(secs / 3600);
	f[4] = (unsigned)(secs / 60 % 60);
	f[5] = (unsigned)(secs % 60);
	return true;
}

static void put_time(ci_der *w, int64_t t, bool utc_ok)
{
	unsigned f[6];
	char s[16];
	size_t n = 0;
	bool utc;

	if (!split(t, f)) {
		fail(w, CI_DER_TIME);
		return;
	}
	/* RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050
	 * (and before 1950, which UTCTime cannot say). */
	utc = utc_ok && f[0] >= 1950 && f[0] <= 2049;
	if (!utc) {
		s[n++] = (char)('0' + f[0] / 1000);
		s[n++] = (char)('0' + f[0] / 100 % 10);
	}
	s[n++] = (char)('0' + f[0] / 10 % 10);
	s[n++] = (char)('0' + f[0] % 10);
	for (int i = 1; i < 6; i++) {
		s[n++] = (char)('0' + f[i] / 10);
		s[n++] = (char)('0' + f[i] % 10);
	}
	s[n++] = 'Z';
	ci_der_tlv(w, utc ? CI_TAG_UTCTIME : CI_TAG_GENTIME, s, n);
}

void ci_der_time(ci_der *w, int64_t t)
{
	put_time(w, t, true);
}

void ci_der_gentime(ci_der *w, int64_t t)
{
	put_time(w, t, false);
}

int ci_hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int ci_hex_decode(const char *s, uint8_t *out, size_t cap, size_t *n)
{
	size_t k = 0;

	for (; *s; s += 2) {
		if (ci_hex_digit(s[0]) < 0 || ci_hex_digit(s[1]) < 0 || k == cap)
			return -1;
		out[k++] = (uint8_t)(ci_hex_digit(s[0]) * 16 + ci_hex_digit(s[1]));
	}
	*n = k;
	return 0;
}

bool ci_der_is_one_tlv(const uint8_t *p, size_t n)
{
	xc_der r;
	xc_tlv t;

	xc_der_init(&r, p, n);
	return n && xc_der_read(&r, &t) == XC_OK && !xc_der_more(&r);
}
