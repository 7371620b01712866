/*
 * walk.c - walkers over the fields of parsed objects (fuzz.h), and the
 * small reference implementations their formatters are compared with.
 *
 * The references are deliberately naive (schoolbook division, byte-by-byte
 * UTF decoding): slow is fine, obviously right is the point.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

/* Bounds on the quadratic references, so a 64 KiB input stays fast. */
#define REF_INT_MAX 256

/* ---- integers ---------------------------------------------------------- */

/* The magnitude of a two's complement big-endian value, as bytes. */
static uint8_t *ref_magnitude(xc_slice v, bool *neg)
{
	uint8_t *m = fz_malloc(v.len);

	memcpy(m, v.p, v.len);
	*neg = v.len && (v.p[0] & 0x80);
	if (*neg) {
		unsigned carry = 1;

		for (size_t i = v.len; i-- > 0;) {
			unsigned x = (uint8_t)~m[i] + carry;

			m[i] = (uint8_t)x;
			carry = x >> 8;
		}
	}
	return m;
}

static char *ref_int_hex(xc_slice v)
{
	bool neg;
	uint8_t *m = ref_magnitude(v, &neg);
	char *s = fz_malloc(2 * v.len + 3), *q = s;
	size_t i = 0;

	while (i < v.len && m[i] == 0)
		i++;
	if (i == v.len) {
		strcpy(s, "0");
		free(m);
		return s;
	}
	if (neg)
		*q++ = '-';
	for (; i < v.len; i++)
		q += sprintf(q, "%02x", m[i]);
	free(m);
	return s;
}

static char *ref_int_dec(xc_slice v)
{
	bool neg;
	uint8_t *m = ref_magnitude(v, &neg);
	char *digits = fz_malloc(3 * v.len + 2), *s = fz_malloc(3 * v.len + 3);
	size_t nd = 0, q = 0;
	bool zero;

	do {
		unsigned rem = 0;

		zero = true;
		for (size_t i = 0; i < v.len; i++) {
			unsigned x = (rem << 8) | m[i];

			m[i] = (uint8_t)(x / 10);
			rem = x % 10;
			if (m[i])
				zero = false;
		}
		digits[nd++] = (char)('0' + rem);
	} while (!zero);
	if (neg && !(nd == 1 && digits[0] == '0'))
		s[q++] = '-';
	while (nd)
		s[q++] = digits[--nd];
	s[q] = '\0';
	free(digits);
	free(m);
	return s;
}

static size_t ref_int_bits(xc_slice v)
{
	bool neg;
	uint8_t *m = ref_magnitude(v, &neg);
	size_t bits = 0;

	for (size_t i = 0; i < v.len; i++) {
		if (m[i]) {
			unsigned b = 8;

			while (!(m[i] & (1u << (b - 1))))
				b--;
			bits = (v.len - i - 1) * 8 + b;
			break;
		}
	}
	free(m);
	return bits;
}

static xc_err int_dec(const void *arg, char *buf, size_t cap, size_t *len)
{
	return xc_int_to_dec(*(const xc_slice *)arg, buf, cap, len);
}

static xc_err int_hex(const void *arg, char *buf, size_t cap, size_t *len)
{
	return xc_int_to_hex(*(const xc_slice *)arg, buf, cap, len);
}

static xc_err hex(const void *arg, char *buf, size_t cap, size_t *len)
{
	xc_err e = xc_hex(*(const xc_slice *)arg, buf, cap);

	*len = e == XC_OK ? strlen(buf) : 0;
	return e;
}

/* See fuzz.h. Called on any bytes, checked INTEGER or not: the formatters
 * must never misbehave, and where they answer, answer right. */
void fz_walk_int(const fz_buf *b, xc_slice v)
{
	bool valid = xc_der_check_int(v) == XC_OK;
	char *dec = NULL, *hx = NULL, *ref;
	xc_err e;

	if (b)
		fz_in(b, v);
	FZ_CHECK(xc_int_negative(v) == (v.len && (v.p[0] & 0x80)));

	e = fz_fmt(int_dec, &v, XC_INT_DEC_MAX(v.len), true, true, &dec, NULL);
	if (valid)
		FZ_CHECK(e == XC_OK);
	if (e == XC_OK && v.len && v.len <= REF_INT_MAX) {
		ref = ref_int_dec(v);
		FZ_CHECK(strcmp(dec, ref) == 0);
		free(ref);
	}
	e = fz_fmt(int_hex, &v, XC_INT_HEX_MAX(v.len), true, true, &hx, NULL);
	if (valid)
		FZ_CHECK(e == XC_OK);
	if (e == XC_OK && v.len) {
		ref = ref_int_hex(v);
		FZ_CHECK(strcmp(hx, ref) == 0);
		free(ref);
	}
	if (dec && hx)
		FZ_CHECK((dec[0] == '-') == (hx[0] == '-'));
	if (valid && v.len <= REF_INT_MAX)
		FZ_CHECK(xc_int_bits(v) == ref_int_bits(v));
	free(dec);
	free(hx);

	if (v.len <= 4096) {
		char *plain = NULL;

		e = fz_fmt(hex, &v, 2 * v.len + 1, true, true, &plain, NULL);
		FZ_CHECK(e == XC_OK);
		for (size_t i = 0; i < v.len; i++) {
			char two[3];

			snprintf(two, sizeof(two), "%02x", v.p[i]);
			FZ_CHECK(plain[2 * i] == two[0] && plain[2 * i + 1] == two[1]);
		}
		free(plain);
	}
}

/* ---- times ------------------------------------------------------------- */

/* See fuzz.h. Counted the long way, year by year: a closed formula is
 * what the core has, and the reference should not share its mistakes. */
int64_t fz_ref_epoch(unsigned y, unsigned mo, unsigned d, unsigned h,
                     unsigned mi, unsigned s)
{
	static const unsigned before[12] = { 0, 31, 59, 90, 120, 151, 181,
	                                     212, 243, 273, 304, 334 };
	int64_t days = 0;

	if (y >= 1970) {
		for (unsigned i = 1970; i < y; i++)
			days += 365 + ((i % 4 == 0 && i % 100 != 0) || i % 400 == 0);
	} else {
		for (unsigned i = y; i < 1970; i++)
			days -= 365 + ((i % 4 == 0 && i % 100 != 0) || i % 400 == 0);
	}
	days += before[mo - 1] + d - 1;
	if (mo > 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		days++;
	return days * 86400 + (int64_t)h * 3600 + (int64_t)mi * 60 + s;
}

static unsigned days_in(unsigned y, unsigned m)
{
	static const unsigned dim[12] = { 31, 28, 31, 30, 31, 30,
	                                  31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dim[m - 1];
}

static xc_err time_fmt(const void *arg, char *buf, size_t cap, size_t *len)
{
	xc_err e = xc_time_format(arg, buf, cap);

	*len = e == XC_OK ? strlen(buf) : 0;
	return e;
}

/* See fuzz.h. */
void fz_walk_time(const xc_time *t)
{
	char want[32], *got = NULL;
	size_t len;

	FZ_CHECK(t->tag == XC_TAG_UTC_TIME || t->tag == XC_TAG_GENERALIZED_TIME);
	if (t->tag == XC_TAG_UTC_TIME)
		FZ_CHECK(t->year >= 1950 && t->year <= 2049);
	FZ_CHECK(t->year <= 9999);
	FZ_CHECK(t->month >= 1 && t->month <= 12);
	FZ_CHECK(t->day >= 1 && t->day <= days_in(t->year, t->month));
	FZ_CHECK(t->hour < 24 && t->minute < 60 && t->second < 60);
	FZ_CHECK(t->epoch == xc_time_to_epoch(t->year, t->month, t->day,
	                                      t->hour, t->minute, t->second));
	FZ_CHECK(t->epoch == fz_ref_epoch(t->year, t->month, t->day,
	                                  t->hour, t->minute, t->second));

	/* Year 0 is the field's error (xc/time.h), and formatting says so. */
	FZ_CHECK(t->err == (t->year == 0 ? XC_ERR_YEAR_ZERO : XC_OK));
	if (t->err) {
		FZ_CHECK(fz_fmt(time_fmt, t, XC_TIME_STR, true, true, NULL, NULL) == t->err);
		return;
	}
	FZ_CHECK(fz_fmt(time_fmt, t, XC_TIME_STR, true, true, &got, &len) == XC_OK);
	snprintf(want, sizeof(want), "%04u-%02u-%02uT%02u:%02u:%02uZ",
	         t->year, t->month, t->day, t->hour, t->minute, t->second);
	FZ_CHECK(len == 20);
	FZ_CHECK(strcmp(got, want) == 0);
	free(got);
}

/* ---- OIDs -------------------------------------------------------------- */

/* Reference dotted form. 0: ok; 1: malformed; 2: an arc above 64 bits. */
static int ref_oid_dotted(xc_slice oid, char *buf, size_t cap)
{
	size_t i = 0, q = 0;
	bool first = true;

	if (oid.len == 0 || (oid.p[oid.len - 1] & 0x80))
		return 1;
	while (i < oid.len) {
		uint64_t x = 0;

		if (oid.p[i] == 0x80)
			return 1;
		do {
			if (x >> 57)
				return 2;
			x = (x << 7) | (oid.p[i] & 0x7f);
		} while (oid.p[i++] & 0x80);
		if (first) {
			unsigned a = x < 40 ? 0 : x < 80 ? 1 : 2;

			q += (size_t)snprintf(buf + q, cap - q, "%u.%llu", a,
			                      (unsigned long long)(x - 40u * a));
			first = false;
		} else {
			q += (size_t)snprintf(buf + q, cap - q, ".%llu",
			                      (unsigned long long)x);
		}
		if (q >= cap)
			return 3;
	}
	return 0;
}

static xc_err oid_dotted(const void *arg, char *buf, size_t cap, size_t *len)
{
	return xc_oid_to_dotted(*(const xc_slice *)arg, buf, cap, len);
}

/* Every row of the table must agree with itself; checked once a process. */
static void check_oid_table(void)
{
	static bool done;
	char buf[XC_OID_DOTTED_MAX];

	if (done)
		return;
	done = true;
	FZ_CHECK(xc_oid_info_of(XC_OID_UNKNOWN) == NULL);
	FZ_CHECK(xc_oid_info_of(XC_OID_COUNT) == NULL);
	for (int id = 1; id < XC_OID_COUNT; id++) {
		const xc_oid_info *in = xc_oid_info_of((xc_oid_id)id);
		xc_slice s;

		FZ_CHECK(in != NULL && in->id == (xc_oid_id)id);
		s = xc_slice_make(in->der, in->der_len);
		FZ_CHECK(xc_oid_lookup(s) == (xc_oid_id)id);
		FZ_CHECK(xc_oid_to_dotted(s, buf, sizeof(buf), NULL) == XC_OK);
		FZ_CHECK(strcmp(buf, in->dotted) == 0);
	}
}

/* See fuzz.h. Any bytes: the contents of an OBJECT IDENTIFIER or not. */
void fz_walk_oid(xc_slice oid)
{
	char ref[2 * XC_OID_DOTTED_MAX + 64], *got = NULL;
	int r = ref_oid_dotted(oid, ref, sizeof(ref));
	xc_err chk = xc_der_check_oid(oid), e;
	xc_oid_id id;
	const char *name;

	check_oid_table();
	if (r == 1)
		FZ_CHECK(chk == XC_ERR_OID);
	else if (r == 0)
		FZ_CHECK(chk == XC_OK);
	else if (r == 2)
		FZ_CHECK(chk == XC_OK || chk == XC_ERR_OID_OVERFLOW);

	e = fz_fmt(oid_dotted, &oid, XC_OID_DOTTED_MAX, true,
	           oid.len <= 64 && r != 1 && r != 2, &got, NULL);
	if (r == 1)
		FZ_CHECK(e == XC_ERR_OID);
	if (r == 0 && e == XC_OK)
		FZ_CHECK(strcmp(got, ref) == 0);
	if (r == 0 && oid.len <= 64)
		FZ_CHECK(e == XC_OK);
	if (r == 2)
		FZ_CHECK(e == XC_OK || e == XC_ERR_OID_OVERFLOW);
	free(got);

	id = xc_oid_lookup(oid);
	name = xc_oid_name(oid);
	FZ_CHECK(id >= XC_OID_UNKNOWN && id < XC_OID_COUNT);
	if (id == XC_OID_UNKNOWN) {
		FZ_CHECK(name == NULL);
	} else {
		const xc_oid_info *in = xc_oid_info_of(id);

		FZ_CHECK(in != NULL);
		FZ_CHECK(in->der_len == oid.len && memcmp(in->der, oid.p, oid.len) == 0);
		FZ_CHECK(xc_oid_is(oid, id));
		FZ_CHECK(name != NULL && strcmp(name, in->name) == 0);
		FZ_CHECK(r == 0 && strcmp(ref, in->dotted) == 0);
	}
}

/* ---- strings ----------------------------------------------------------- */

/* See fuzz.h. Strict RFC 3629: no overlongs, no surrogates, <= U+10FFFF. */
bool fz_ref_utf8_valid(const uint8_t *p, size_t len)
{
	size_t i = 0;

	while (i < len) {
		uint8_t c = p[i];
		uint32_t cp, min;
		size_t n;

		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xe0) == 0xc0) {
			n = 1, cp = c & 0x1fu, min = 0x80;
		} else if ((c & 0xf0) == 0xe0) {
			n = 2, cp = c & 0x0fu, min = 0x800;
		} else if ((c & 0xf8) == 0xf0) {
			n = 3, cp = c & 0x07u, min = 0x10000;
		} else {
			return false;
		}
		if (len - i - 1 < n)
			return false;
		for (size_t k = 1; k <= n; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (p[i + k] & 0x3fu);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += n + 1;
	}
	return true;
}

static size_t put_utf8(uint8_t *q, uint32_t cp)
{
	if (cp < 0x80) {
		q[0] = (uint8_t)cp;
		return 1;
	}
	if (cp < 0x800) {
		q[0] = (uint8_t)(0xc0 | (cp >> 6));
		q[1] = (uint8_t)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		q[0] = (uint8_t)(0xe0 | (cp >> 12));
		q[1] = (uint8_t)(0x80 | ((cp >> 6) & 0x3f));
		q[2] = (uint8_t)(0x80 | (cp & 0x3f));
		return 3;
	}
	q[0] = (uint8_t)(0xf0 | (cp >> 18));
	q[1] = (uint8_t)(0x80 | ((cp >> 12) & 0x3f));
	q[2] = (uint8_t)(0x80 | ((cp >> 6) & 0x3f));
	q[3] = (uint8_t)(0x80 | (cp & 0x3f));
	return 4;
}

/* Reference decoding to UTF-8 into out (room for 2*len+4); false if the
 * value is not a valid string of its type. */
static bool ref_string(uint32_t tag, xc_slice v, uint8_t *out, size_t *olen)
{
	size_t q = 0;

	if (tag == XC_TAG_BIT_STRING)
		return false;
	if (tag == XC_TAG_BMP_STRING) {
		if (v.len % 2)
			return false;
		for (size_t i = 0; i < v.len; i += 2) {
			uint32_t u = (uint32_t)v.p[i] << 8 | v.p[i + 1];

			if (u >= 0xdc00 && u <= 0xdfff)
				return false;
			if (u >= 0xd800 && u <= 0xdbff) {
				uint32_t l;

				if (i + 4 > v.len)
					return false;
				l = (uint32_t)v.p[i + 2] << 8 | v.p[i + 3];
				if (l < 0xdc00 || l > 0xdfff)
					return false;
				u = 0x10000 + ((u - 0xd800) << 10) + (l - 0xdc00);
				i += 2;
			}
			q += put_utf8(out + q, u);
		}
	} else if (tag == XC_TAG_UNIVERSAL_STRING) {
		if (v.len % 4)
			return false;
		for (size_t i = 0; i < v.len; i += 4) {
			uint32_t u = (uint32_t)v.p[i] << 24 | (uint32_t)v.p[i + 1] << 16 |
			             (uint32_t)v.p[i + 2] << 8 | v.p[i + 3];

			if (u > 0x10ffff || (u >= 0xd800 && u <= 0xdfff))
				return false;
			q += put_utf8(out + q, u);
		}
	} else {
		if (!fz_ref_utf8_valid(v.p, v.len))
			return false;
		memcpy(out, v.p, v.len);
		q = v.len;
	}
	*olen = q;
	return true;
}

struct str_arg {
	uint32_t tag;
	xc_slice v;
};

static xc_err str_utf8(const void *arg, char *buf, size_t cap, size_t *len)
{
	const struct str_arg *a = arg;

	return xc_string_to_utf8(a->tag, a->v, buf, cap, len);
}

/* See fuzz.h. */
void fz_walk_string(uint32_t tag, xc_slice v)
{
	struct str_arg a = { tag, v };
	uint8_t *ref = fz_malloc(2 * v.len + 4);
	size_t rlen = 0, len = 0;
	bool ok = ref_string(tag, v, ref, &rlen);
	char *got = NULL;
	xc_err e;

	/* A decoded string may hold U+0000, so no strlen() check here. */
	e = fz_fmt(str_utf8, &a, 2 * v.len + 8, false, true, &got, &len);
	if (ok) {
		FZ_CHECK(e == XC_OK);
		FZ_CHECK(len == rlen && memcmp(got, ref, len) == 0);
	} else {
		FZ_CHECK(e == XC_ERR_STRING);
	}
	free(got);
	free(ref);
}

/* ---- fingerprints ------------------------------------------------------ */

/* See fuzz.h. Hashing is slow next to parsing: small inputs only. */
void fz_walk_fingerprints(xc_slice data)
{
	uint8_t a[XC_HASH_MAX + 8], b[XC_HASH_MAX + 8];

	if (data.len > 4096)
		return;
	FZ_CHECK(xc_hash_size(XC_HASH_NONE) == 0);
	FZ_CHECK(xc_fingerprint(XC_HASH_NONE, data, a, sizeof(a)) >= XC_ERR_FIRST);
	for (int h = XC_HASH_NONE + 1; h < XC_HASH_COUNT; h++) {
		size_t n = xc_hash_size((xc_hash)h);
		xc_err e;

		FZ_CHECK(n > 0 && n <= XC_HASH_MAX);
		FZ_CHECK(xc_hash_name((xc_hash)h) != NULL);
		memset(a, 0xa5, sizeof(a));
		e = xc_fingerprint((xc_hash)h, data, a, n);
		if (e == XC_ERR_UNSUPPORTED)
			continue;
		FZ_CHECK(e == XC_OK);
		for (size_t i = n; i < sizeof(a); i++)
			FZ_CHECK(a[i] == 0xa5);
		FZ_CHECK(xc_fingerprint((xc_hash)h, data, b, sizeof(b)) == XC_OK);
		FZ_CHECK(memcmp(a, b, n) == 0);
		/* Too small a buffer is refused, never written past. */
		memset(b, 0xa5, sizeof(b));
		FZ_CHECK(xc_fingerprint((xc_hash)h, data, b, n - 1) >= XC_ERR_FIRST);
		for (size_t i = n - 1; i < sizeof(b); i++)
			FZ_CHECK(b[i] == 0xa5);
	}
}
