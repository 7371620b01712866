/*
 * test_name_openssl.c - OpenSSL's canonical name encoding and name hash
 * (core/src/name_openssl.c).
 *
 * No value here comes from OpenSSL: each case states what
 * x509_name_canon() does (crypto/x509/x_name.c) as an equality between
 * encodings, built with the writer below, so a case fails when the code
 * departs from the rule, whatever the digest. That the hash is OpenSSL's
 * is checked against `openssl x509 -subject_hash` itself, on every
 * certificate of the Debian trust store and on names made to exercise
 * each rule (tests/vfs/integration/test_ids.py).
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xc/xc.h>

/* A Name built in a fixed buffer: rdn() opens an RDN, atv() adds an
 * attribute to it (lengths under 128, enough for these cases). */
typedef struct nb {
	uint8_t b[512];
	size_t len;
	size_t set;             /* offset of the open SET's length byte */
} nb;

static const uint8_t cn[] = { 0x55, 0x04, 0x03 };
static const uint8_t org[] = { 0x55, 0x04, 0x0a };

static void rdn(nb *n)
{
	n->b[n->len++] = 0x31;
	n->set = n->len;
	n->b[n->len++] = 0;
}

static void atv(nb *n, const uint8_t *oid, size_t oid_len, uint8_t tag, const void *v,
		size_t vlen)
{
	size_t seq = 2 + oid_len + 2 + vlen;

	n->b[n->len++] = 0x30;
	n->b[n->len++] = (uint8_t)seq;
	n->b[n->len++] = 0x06;
	n->b[n->len++] = (uint8_t)oid_len;
	memcpy(n->b + n->len, oid, oid_len);
	n->len += oid_len;
	n->b[n->len++] = tag;
	n->b[n->len++] = (uint8_t)vlen;
	memcpy(n->b + n->len, v, vlen);
	n->len += vlen;
	n->b[n->set] = (uint8_t)(n->b[n->set] + 2 + seq);
}

/* One RDN of one CN. */
static void one_cn(nb *n, uint8_t tag, const void *v, size_t vlen)
{
	memset(n, 0, sizeof(*n));
	rdn(n);
	atv(n, cn, sizeof(cn), tag, v, vlen);
}

static xc_slice sl(const nb *n)
{
	return xc_slice_make(n->b, n->len);
}

/* The canonical encodings of a and b are the same bytes, and so their
 * hashes. */
static void same_canon(const nb *a, const nb *b)
{
	uint8_t ca[XC_NAME_CANON_MAX(512)], cb[XC_NAME_CANON_MAX(512)];
	size_t la = 0, lb = 0;
	uint32_t ha = 1, hb = 2;

	CU_ASSERT_EQUAL_FATAL(xc_name_canon_openssl(sl(a), ca, sizeof(ca), &la), XC_OK);
	CU_ASSERT_EQUAL_FATAL(xc_name_canon_openssl(sl(b), cb, sizeof(cb), &lb), XC_OK);
	CU_ASSERT_EQUAL(la, lb);
	CU_ASSERT(la == lb && memcmp(ca, cb, la) == 0);
	CU_ASSERT_EQUAL(xc_name_hash_openssl(sl(a), ca, sizeof(ca), &ha), XC_OK);
	CU_ASSERT_EQUAL(xc_name_hash_openssl(sl(b), cb, sizeof(cb), &hb), XC_OK);
	CU_ASSERT_EQUAL(ha, hb);
}

static void differ(const nb *a, const nb *b)
{
	uint8_t buf[XC_NAME_CANON_MAX(512)];
	uint32_t ha = 0, hb = 0;

	CU_ASSERT_EQUAL(xc_name_hash_openssl(sl(a), buf, sizeof(buf), &ha), XC_OK);
	CU_ASSERT_EQUAL(xc_name_hash_openssl(sl(b), buf, sizeof(buf), &hb), XC_OK);
	CU_ASSERT_NOT_EQUAL(ha, hb);
}

/* A canonical value: a UTF8String (tag 0x0c) of the given bytes. */
static void want_utf8(nb *n, const char *s)
{
	one_cn(n, 0x0c, s, strlen(s));
}

static void test_string_rules(void)
{
	nb a, b;

	/* case folded, whitespace trimmed and collapsed, type made UTF8String */
	one_cn(&a, 0x13, "  Foo \t\n Bar  ", 14);
	want_utf8(&b, "foo bar");
	same_canon(&a, &b);
	one_cn(&a, 0x16, "MiXeD", 5);          /* IA5String */
	want_utf8(&b, "mixed");
	same_canon(&a, &b);
	one_cn(&a, 0x1a, "\vV\f", 3);          /* VisibleString, \v \f are spaces */
	want_utf8(&b, "v");
	same_canon(&a, &b);
	/* only ASCII letters fold: the bytes of an accented capital stay */
	one_cn(&a, 0x0c, "\xc3\x89T\xc3\x89", 5);
	want_utf8(&b, "\xc3\x89t\xc3\x89");
	same_canon(&a, &b);
	/* one-byte types are Latin-1: 0xC9 is U+00C9 */
	one_cn(&a, 0x14, "\xc9", 1);            /* T61String */
	want_utf8(&b, "\xc3\x89");
	same_canon(&a, &b);
	/* BMPString and UniversalString to UTF-8 */
	one_cn(&a, 0x1e, "\0A\0 \0 \x20\xac", 8);
	want_utf8(&b, "a \xe2\x82\xac");
	same_canon(&a, &b);
	one_cn(&a, 0x1c, "\0\0\0B\0\x01\xf6\x00", 8);
	want_utf8(&b, "b\xf0\x9f\x98\x80");
	same_canon(&a, &b);
	/* all spaces: an empty value */
	one_cn(&a, 0x13, "   ", 3);
	want_utf8(&b, "");
	same_canon(&a, &b);
	/* a different text is a different hash */
	want_utf8(&a, "foo bar");
	want_utf8(&b, "foobar");
	differ(&a, &b);
}

static void test_kept_types(void)
{
	nb a, b;

	/* NumericString and BIT STRING are no canonical types: kept, so a
	 * NumericString differs from the UTF8String of its text */
	one_cn(&a, 0x12, "1 2", 3);
	want_utf8(&b, "1 2");
	differ(&a, &b);
	{
		uint8_t buf[XC_NAME_CANON_MAX(512)];
		size_t len = 0;

		one_cn(&a, 0x03, "\x00\x01", 2);
		CU_ASSERT_EQUAL(xc_name_canon_openssl(sl(&a), buf, sizeof(buf), &len), XC_OK);
		/* as is: the whole Name contents, byte for byte */
		CU_ASSERT(len == a.len && memcmp(buf, a.b, len) == 0);
	}
}

static void test_set_resorted(void)
{
	nb a, b;

	/* DER order of the source: UTF8String "b" (tag 0x0c) before
	 * PrintableString "A" (0x13); canonical, "a" sorts first */
	memset(&a, 0, sizeof(a));
	rdn(&a);
	atv(&a, cn, sizeof(cn), 0x0c, "b", 1);
	atv(&a, cn, sizeof(cn), 0x13, "A", 1);
	memset(&b, 0, sizeof(b));
	rdn(&b);
	atv(&b, cn, sizeof(cn), 0x0c, "a", 1);
	atv(&b, cn, sizeof(cn), 0x0c, "b", 1);
	same_canon(&a, &b);
	/* RDNs keep their order */
	memset(&a, 0, sizeof(a));
	rdn(&a);
	atv(&a, cn, sizeof(cn), 0x0c, "x", 1);
	rdn(&a);
	atv(&a, org, sizeof(org), 0x0c, "y", 1);
	memset(&b, 0, sizeof(b));
	rdn(&b);
	atv(&b, org, sizeof(org), 0x0c, "y", 1);
	rdn(&b);
	atv(&b, cn, sizeof(cn), 0x0c, "x", 1);
	differ(&a, &b);
}

static void test_hash_is_sha1_le(void)
{
	nb a;
	uint8_t buf[XC_NAME_CANON_MAX(512)], md[XC_HASH_MAX];
	size_t len = 0;
	uint32_t h = 0;

	/* the empty name: no bytes, so SHA-1 of nothing */
	CU_ASSERT_EQUAL(xc_name_canon_openssl(xc_slice_make(NULL, 0), buf, sizeof(buf), &len),
			XC_OK);
	CU_ASSERT_EQUAL(len, 0);
	one_cn(&a, 0x13, "Some CA", 7);
	CU_ASSERT_EQUAL(xc_name_canon_openssl(sl(&a), buf, sizeof(buf), &len), XC_OK);
	CU_ASSERT_EQUAL(xc_fingerprint(XC_HASH_SHA1, xc_slice_make(buf, len), md, sizeof(md)),
			XC_OK);
	CU_ASSERT_EQUAL(xc_name_hash_openssl(sl(&a), buf, sizeof(buf), &h), XC_OK);
	CU_ASSERT_EQUAL(h, (uint32_t)md[0] | (uint32_t)md[1] << 8 | (uint32_t)md[2] << 16 |
			       (uint32_t)md[3] << 24);
}

static void test_errors(void)
{
	static const struct {
		const char *desc;
		uint8_t tag;
		const char *v;
		size_t len;
	} rows[] = {
		{ "BMPString of odd length", 0x1e, "\0a\0", 3 },
		{ "BMPString surrogate pair (UCS-2 only)", 0x1e, "\xd8\x3d\xde\x00", 4 },
		{ "UniversalString past U+10FFFF", 0x1c, "\0\x11\0\0", 4 },
		{ "UniversalString of 3 bytes", 0x1c, "\0\0a", 3 },
		{ "UTF8String not UTF-8", 0x0c, "\xff", 1 },
	};
	uint8_t buf[XC_NAME_CANON_MAX(512)];
	uint32_t h = 7;
	nb a;

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		one_cn(&a, rows[i].tag, rows[i].v, rows[i].len);
		if (xc_name_hash_openssl(sl(&a), buf, sizeof(buf), &h) != XC_ERR_STRING || h) {
			fprintf(stderr, "  %s: accepted\n", rows[i].desc);
			CU_FAIL("a value OpenSSL refuses was accepted");
		}
	}
	/* an empty RDN */
	memset(&a, 0, sizeof(a));
	rdn(&a);
	CU_ASSERT_EQUAL(xc_name_canon_openssl(sl(&a), buf, sizeof(buf), NULL), XC_ERR_RDN_EMPTY);
}

/* Every cap: XC_ERR_BUFFER or the same bytes, never a write past cap. */
static void test_buffer(void)
{
	uint8_t full[XC_NAME_CANON_MAX(512)], buf[XC_NAME_CANON_MAX(512) + 8];
	size_t flen = 0;
	nb a;

	memset(&a, 0, sizeof(a));
	rdn(&a);
	atv(&a, cn, sizeof(cn), 0x1e, "\0X\0Y\0Z", 6);
	atv(&a, org, sizeof(org), 0x14, "\xe9\xe9\xe9\xe9", 4);
	rdn(&a);
	atv(&a, cn, sizeof(cn), 0x13, "  a  b  ", 8);
	CU_ASSERT_EQUAL_FATAL(xc_name_canon_openssl(sl(&a), full, sizeof(full), &flen), XC_OK);
	CU_ASSERT(flen <= XC_NAME_CANON_MAX(a.len));
	for (size_t cap = 0; cap <= XC_NAME_CANON_MAX(a.len); cap++) {
		size_t len = 99;
		xc_err e;

		memset(buf, 0xa5, sizeof(buf));
		e = xc_name_canon_openssl(sl(&a), buf, cap, &len);
		CU_ASSERT(e == XC_OK || e == XC_ERR_BUFFER);
		if (e == XC_OK)
			CU_ASSERT(len == flen && memcmp(buf, full, flen) == 0);
		for (size_t i = cap; i < sizeof(buf); i++)
			if (buf[i] != 0xa5) {
				CU_FAIL("wrote past cap");
				break;
			}
	}
	CU_ASSERT_EQUAL(xc_name_canon_openssl(sl(&a), buf, XC_NAME_CANON_MAX(a.len), NULL), XC_OK);
}

int main(void)
{
	static const tu_test tests[] = {
		{ "string values: case, spaces, types", test_string_rules },
		{ "other types kept", test_kept_types },
		{ "RDN re-sorted, RDN order kept", test_set_resorted },
		{ "hash: SHA-1, first four bytes little-endian", test_hash_is_sha1_le },
		{ "values OpenSSL refuses", test_errors },
		{ "buffer sizes", test_buffer },
		{ NULL, NULL },
	};
	return tu_run("name_openssl", tests);
}
