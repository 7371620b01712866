/*
 * walk_name.c - the Name walker (fuzz.h): iteration, each attribute's
 * string and RFC 4514 form, and the whole name's RFC 4514 form rebuilt from
 * its attributes as xc/name.h describes it.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

/* Worst case of an RFC 4514 rendering: escapes (\00 is 3 bytes for 1),
 * UTF-16 to UTF-8 (3 for 2), #hex (2 for 1), dotted OIDs (4 for 1). */
#define RFC4514_CAP(n) (8 * (n) + 64)

static xc_err name_rfc(const void *arg, char *buf, size_t cap, size_t *len)
{
	return xc_name_rfc4514(*(const xc_slice *)arg, buf, cap, len);
}

static xc_err name_2253(const void *arg, char *buf, size_t cap, size_t *len)
{
	return xc_name_openssl_rfc2253(*(const xc_slice *)arg, buf, cap, len);
}

static xc_err attr_rfc(const void *arg, char *buf, size_t cap, size_t *len)
{
	return xc_attr_rfc4514(arg, buf, cap, len);
}

struct rendered {
	size_t rdn;
	xc_slice oid;
	char *s;
	size_t len;
};

/*
 * True if an earlier attribute of r[i]'s RDN has the same OID and the same
 * rendering, hence the same value: pyca builds an RDN as a set, so
 * xc_name_rfc4514 prints such a duplicate once (core/src/name.c).
 */
static bool dup_in_rdn(const struct rendered *r, size_t start, size_t i)
{
	for (size_t j = start; j < i; j++)
		if (xc_slice_eq(r[j].oid, r[i].oid) && r[j].len == r[i].len &&
		    memcmp(r[j].s, r[i].s, r[i].len) == 0)
			return true;
	return false;
}

/* See fuzz.h. `name` was accepted by xc_name_check() (or a parser). */
/*
 * OpenSSL's forms: the RFC 2253 line (xc_name_openssl_rfc2253) through the
 * formatter harness; the canonical encoding (xc_name_canon_openssl): at the promised
 * size it fits or fails on a value, never on the buffer; it is a run of
 * SETs, as many as the name has RDNs, each in DER SET OF order; every
 * smaller cap gives the same bytes or XC_ERR_BUFFER without writing past
 * cap; the hash is computed from the same bytes.
 */
static void walk_canon(xc_slice name, bool empty_rdn)
{
	size_t cap = XC_NAME_CANON_MAX(name.len), len = 0, rdns = 0;
	uint8_t *full = fz_malloc(cap + 1), *buf = fz_malloc(cap + 16);
	uint32_t h = 1;
	char *s2253 = NULL;
	size_t l2253 = 0;
	xc_err e;

	if (!full || !buf)
		abort();
	/* OpenSSL's one-line form: fits the promised size, no NUL inside */
	e = fz_fmt(name_2253, &name, XC_NAME_RFC2253_MAX(name.len), true, true, &s2253, &l2253);
	FZ_CHECK(e == XC_OK || e == XC_ERR_STRING || e == XC_ERR_RDN_EMPTY);
	if (empty_rdn)
		FZ_CHECK(e != XC_OK);
	free(s2253);
	e = xc_name_canon_openssl(name, full, cap, &len);
	FZ_CHECK(e == XC_OK || e == XC_ERR_STRING || e == XC_ERR_RDN_EMPTY);
	if (empty_rdn)
		FZ_CHECK(e != XC_OK);
	FZ_CHECK(xc_name_hash_openssl(name, buf, cap, &h) == e);
	FZ_CHECK(e == XC_OK || h == 0);
	if (e == XC_OK) {
		xc_der d;
		xc_slice set;

		FZ_CHECK(len <= cap);
		xc_der_init(&d, full, len);
		while (xc_der_more(&d)) {
			xc_slice prev = { NULL, 0 };
			xc_der in;
			xc_tlv t;

			FZ_CHECK(xc_der_expect(&d, XC_TAG_SET, &set) == XC_OK);
			xc_der_init(&in, set.p, set.len);
			while (xc_der_more(&in)) {
				FZ_CHECK(xc_der_read(&in, &t) == XC_OK && t.tag == XC_TAG_SEQUENCE);
				if (prev.p) {
					size_t m = prev.len < t.raw.len ? prev.len : t.raw.len;
					int c = memcmp(prev.p, t.raw.p, m);

					FZ_CHECK(c < 0 || (c == 0 && prev.len <= t.raw.len));
				}
				prev = t.raw;
			}
			rdns++;
		}
		FZ_CHECK(rdns == xc_name_rdn_count(name));
		/* a few smaller caps (every one would be quadratic) */
		for (size_t c = 0; c < cap; c = c * 2 + 1) {
			size_t l = 0;

			memset(buf, 0xa5, cap + 16);
			e = xc_name_canon_openssl(name, buf, c, &l);
			FZ_CHECK(e == XC_OK || e == XC_ERR_BUFFER);
			if (e == XC_OK)
				FZ_CHECK(l == len && memcmp(buf, full, len) == 0);
			for (size_t i = c; i < cap + 16; i++)
				FZ_CHECK(buf[i] == 0xa5);
		}
	}
	free(full);
	free(buf);
}

void fz_walk_name(const fz_buf *b, xc_slice name)
{
	xc_name_iter it;
	xc_attr a;
	xc_err e;
	size_t n = 0, rdns = 0, off = SIZE_MAX, max = name.len / 2 + 1;
	struct rendered *r = fz_calloc(max, sizeof(*r));
	bool all_ok = true, string_err = false, empty_rdn;
	char *whole = NULL;
	size_t wlen = 0;

	if (!r)
		abort();
	fz_in(b, name);
	e = xc_name_check(name, b->p, &off);
	/* An empty RDN is the name's field error (xc/name.h): the parsers
	 * keep such a name, and every reader of it must say so. */
	FZ_CHECK(e == XC_OK || e == XC_ERR_RDN_EMPTY);
	empty_rdn = e == XC_ERR_RDN_EMPTY;

	xc_name_iter_init(&it, name);
	while ((e = xc_name_next(&it, &a)) == XC_OK) {
		/* Each attribute takes at least 2 bytes (an OID TLV alone is
		 * 3), so more than len/2 of them means the iterator loops. */
		FZ_CHECK(n < max);
		fz_within(name, a.oid);
		fz_within(name, a.raw_value);
		fz_within(a.raw_value, a.value);
		FZ_CHECK(a.value.p + a.value.len == a.raw_value.p + a.raw_value.len);
		if ((a.raw_value.p[0] & 0x1f) != 0x1f)
			FZ_CHECK(a.tag == a.raw_value.p[0]);
		FZ_CHECK(xc_der_check_oid(a.oid) == XC_OK);
		if (n == 0) {
			FZ_CHECK(a.rdn == 0 && a.index_in_rdn == 0);
		} else if (a.rdn == r[n - 1].rdn) {
			FZ_CHECK(a.index_in_rdn > 0);
		} else {
			FZ_CHECK(a.rdn == r[n - 1].rdn + 1);
			FZ_CHECK(a.index_in_rdn == 0);
		}
		fz_walk_oid(a.oid);
		fz_walk_string(a.tag, a.value);

		r[n].rdn = a.rdn;
		r[n].oid = a.oid;
		e = fz_fmt(attr_rfc, &a, RFC4514_CAP(a.oid.len + a.raw_value.len),
		           true, true, &r[n].s, &r[n].len);
		if (e != XC_OK) {
			FZ_CHECK(e == XC_ERR_STRING);
			all_ok = false;
			string_err = true;
		}
		rdns = a.rdn + 1;
		n++;
	}
	FZ_CHECK(e == (empty_rdn ? XC_ERR_RDN_EMPTY : XC_END));
	FZ_CHECK(xc_name_next(&it, &a) == e);
	FZ_CHECK(xc_name_attr_count(name) == n);
	if (!empty_rdn)
		FZ_CHECK(xc_name_rdn_count(name) == rdns);

	e = fz_fmt(name_rfc, &name, RFC4514_CAP(name.len), true, true, &whole, &wlen);
	if (empty_rdn) {
		/* RDNs are printed last to first: a bad string after the
		 * empty RDN may be met first. */
		FZ_CHECK(e == XC_ERR_RDN_EMPTY || e == XC_ERR_STRING);
		all_ok = string_err = false;
	}
	if (string_err)
		FZ_CHECK(e == XC_ERR_STRING);
	if (all_ok) {
		/* RDNs last to first joined by ",", attributes of one RDN in
		 * DER order joined by "+", duplicates once. */
		char *want = fz_malloc(RFC4514_CAP(name.len));
		size_t q = 0, end = n;

		FZ_CHECK(e == XC_OK);
		if (!want)
			abort();
		while (end > 0) {
			size_t start = end;

			while (start > 0 && r[start - 1].rdn == r[end - 1].rdn)
				start--;
			if (end != n)
				want[q++] = ',';
			for (size_t i = start; i < end; i++) {
				if (dup_in_rdn(r, start, i))
					continue;
				if (i != start)
					want[q++] = '+';
				memcpy(want + q, r[i].s, r[i].len);
				q += r[i].len;
			}
			end = start;
		}
		want[q] = '\0';
		FZ_CHECK(wlen == q && strcmp(whole, want) == 0);
		free(want);
	}
	free(whole);
	for (size_t i = 0; i < n; i++)
		free(r[i].s);
	free(r);
	walk_canon(name, empty_rdn);
}

/* See fuzz.h. */
bool fz_name_has(xc_slice name, bool (*pred)(const xc_attr *a))
{
	xc_name_iter it;
	xc_attr a;
	size_t off;

	if (xc_name_error(name, name.p, &off) != XC_OK)
		return true;
	xc_name_iter_init(&it, name);
	while (xc_name_next(&it, &a) == XC_OK)
		if (pred(&a))
			return true;
	return false;
}
