/* Tests of xc/oid.h: dotted form, the known-OID table and its lookup. */
#include <xc/oid.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

/* Dotted formatting: contents octets in hex, the error, the dotted form. */
static const struct dotted_case {
	const char *name;
	const char *hex;
	xc_err err;
	const char *dotted;
} dotted_cases[] = {
	{ "sha256WithRSA", "2a864886f70d01010b", XC_OK, "1.2.840.113549.1.1.11" },
	{ "commonName", "550403", XC_OK, "2.5.4.3" },
	{ "2.999.3", "883703", XC_OK, "2.999.3" },
	{ "0.0", "00", XC_OK, "0.0" },
	{ "0.39", "27", XC_OK, "0.39" },
	{ "1.0", "28", XC_OK, "1.0" },
	{ "1.39", "4f", XC_OK, "1.39" },
	{ "2.0", "50", XC_OK, "2.0" },
	{ "2.40", "78", XC_OK, "2.40" },
	{ "2.47 one octet", "7f", XC_OK, "2.47" },
	{ "zero arcs", "2a0000", XC_OK, "1.2.0.0" },
	{ "arc 127/128", "2a7f8100", XC_OK, "1.2.127.128" },
	{ "arc 2^63-1", "2affffffffffffffff7f", XC_OK, "1.2.9223372036854775807" },
	{ "arc 2^63", "2a81808080808080808000", XC_OK, "1.2.9223372036854775808" },
	{ "arc 2^64-1", "2a81ffffffffffffffff7f", XC_OK, "1.2.18446744073709551615" },
	{ "first sub 2^64-1", "81ffffffffffffffff7f", XC_OK, "2.18446744073709551535" },
	{ "first sub 2^64-1 then arc", "81ffffffffffffffff7f05", XC_OK, "2.18446744073709551535.5" },
	{ "arc 2^64", "2a82808080808080808000", XC_ERR_OID_OVERFLOW, NULL },
	{ "arc of 11 digits", "2a8180808080808080808000", XC_ERR_OID_OVERFLOW, NULL },
	{ "first sub 2^64", "82808080808080808000", XC_ERR_OID_OVERFLOW, NULL },
	{ "non-minimal arc", "2a8001", XC_ERR_OID, NULL },
	{ "non-minimal first", "8028", XC_ERR_OID, NULL },
	{ "non-minimal zero", "2a8000", XC_ERR_OID, NULL },
	{ "truncated last", "2a86", XC_ERR_OID, NULL },
	{ "truncated only", "80", XC_ERR_OID, NULL },
	{ "empty", "", XC_ERR_OID, NULL },
};

static void test_dotted_cases(void)
{
	for (size_t i = 0; i < sizeof dotted_cases / sizeof dotted_cases[0]; i++) {
		const struct dotted_case *c = &dotted_cases[i];
		size_t n, len = 99;
		uint8_t *der = tu_unhex(c->hex, &n);
		char buf[XC_OID_DOTTED_MAX];
		memset(buf, 'x', sizeof buf);
		xc_err e = xc_oid_to_dotted(xc_slice_make(der, n), buf, sizeof buf, &len);
		if (e != c->err || (c->dotted && strcmp(buf, c->dotted) != 0))
			fprintf(stderr, "case %s: got %s \"%.*s\"\n", c->name,
			        xc_errname(e), (int)sizeof buf, buf);
		CU_ASSERT_EQUAL(e, c->err);
		if (c->dotted) {
			CU_ASSERT_STRING_EQUAL(buf, c->dotted);
			CU_ASSERT_EQUAL(len, strlen(c->dotted));
		} else {
			/* Errors leave an empty string and a zero length. */
			CU_ASSERT_EQUAL(buf[0], '\0');
			CU_ASSERT_EQUAL(len, 0);
		}
		/* Malformed input is reported as such even with no room at all. */
		CU_ASSERT_EQUAL(xc_oid_to_dotted(xc_slice_make(der, n), NULL, 0, NULL),
		                c->err ? c->err : XC_ERR_BUFFER);
		free(der);
	}
}

static void test_dotted_buffer(void)
{
	static const uint8_t der[] = { 0x55, 0x04, 0x03 }; /* 2.5.4.3 */
	xc_slice s = xc_slice_make(der, sizeof der);
	char buf[16];
	size_t len;

	/* Exact fit: 7 characters and the NUL. */
	CU_ASSERT_EQUAL(xc_oid_to_dotted(s, buf, 8, &len), XC_OK);
	CU_ASSERT_STRING_EQUAL(buf, "2.5.4.3");
	CU_ASSERT_EQUAL(len, 7);
	CU_ASSERT_EQUAL(xc_oid_to_dotted(s, buf, 8, NULL), XC_OK);

	/* One short, for every cap down to 1: an error, and an empty string
	 * rather than a shorter OID. */
	for (size_t cap = 7; cap >= 1; cap--) {
		memset(buf, 'x', sizeof buf);
		len = 99;
		CU_ASSERT_EQUAL(xc_oid_to_dotted(s, buf, cap, &len), XC_ERR_BUFFER);
		CU_ASSERT_EQUAL(buf[0], '\0');
		CU_ASSERT_EQUAL(len, 0);
		CU_ASSERT_EQUAL(buf[cap], 'x'); /* nothing written past cap */
	}
	CU_ASSERT_EQUAL(xc_oid_to_dotted(s, NULL, 0, &len), XC_ERR_BUFFER);
	CU_ASSERT_EQUAL(xc_oid_to_dotted(s, NULL, 8, &len), XC_ERR_ARG);
}

/* XC_OID_DOTTED_MAX suffices for 64 contents octets: the densest output is
 * one-octet arcs of 127 (four characters per octet). */
static void test_dotted_max(void)
{
	uint8_t der[64];
	char buf[XC_OID_DOTTED_MAX];
	size_t len;

	memset(der, 0x7f, sizeof der);
	CU_ASSERT_EQUAL(xc_oid_to_dotted(xc_slice_make(der, sizeof der), buf,
	                                 sizeof buf, &len), XC_OK);
	CU_ASSERT_EQUAL(len, 4 + 63 * 4);
	CU_ASSERT_EQUAL(strncmp(buf, "2.47.127.127.", 13), 0);

	/* Pseudo-random well-formed OIDs of up to 64 octets all fit. */
	uint32_t x = 12345;
	for (int round = 0; round < 20000; round++) {
		x = x * 1103515245u + 12345u;
		size_t n = 1 + (x >> 16) % 64;
		for (size_t i = 0; i < n; i++) {
			x = x * 1103515245u + 12345u;
			uint8_t b = (uint8_t)(x >> 16);
			/* Keep it well formed: arcs of at most 9 octets, no 0x80
			 * lead octet, a final octet without the high bit. */
			if (i == n - 1 || i % 9 == 8)
				b &= 0x7f;
			if (b == 0x80 && (i == 0 || !(der[i - 1] & 0x80u)))
				b = 0x81;
			der[i] = b;
		}
		xc_err e = xc_oid_to_dotted(xc_slice_make(der, n), buf, sizeof buf, &len);
		CU_ASSERT_EQUAL(e, XC_OK);
		if (e)
			break;
		CU_ASSERT(len < XC_OID_DOTTED_MAX);
	}
}

/* Encodes a dotted OID to contents octets (X.690 8.19) independently of the
 * generator; returns the length, 0 on a bad string. */
static size_t encode_dotted(const char *dotted, uint8_t *out, size_t cap)
{
	uint64_t arcs[64];
	size_t narcs = 0, n = 0;
	const char *p = dotted;

	while (*p && narcs < 64) {
		char *end;
		arcs[narcs++] = strtoull(p, &end, 10);
		if (end == p || (*end && *end != '.'))
			return 0;
		p = *end ? end + 1 : end;
	}
	if (narcs < 2 || arcs[0] > 2 || (arcs[0] < 2 && arcs[1] >= 40))
		return 0;
	arcs[1] += arcs[0] * 40;
	for (size_t i = 1; i < narcs; i++) {
		uint8_t tmp[10];
		size_t k = 0;
		uint64_t v = arcs[i];
		do {
			tmp[k++] = (uint8_t)(v & 0x7f);
			v >>= 7;
		} while (v);
		while (k--) {
			if (n == cap)
				return 0;
			out[n++] = (uint8_t)(tmp[k] | (k ? 0x80 : 0));
		}
	}
	return n;
}

/* Reference lookup: a linear scan of the table. */
static xc_oid_id scan(const uint8_t *p, size_t n)
{
	for (int id = 1; id < XC_OID_COUNT; id++) {
		const xc_oid_info *r = xc_oid_info_of((xc_oid_id)id);
		if (r->der_len == n && memcmp(r->der, p, n) == 0)
			return (xc_oid_id)id;
	}
	return XC_OID_UNKNOWN;
}

/* Every row: its bytes are its dotted string encoded, they format back to
 * it, and every entry point finds the row. */
static void test_every_row(void)
{
	for (int i = 1; i < XC_OID_COUNT; i++) {
		xc_oid_id id = (xc_oid_id)i;
		const xc_oid_info *r = xc_oid_info_of(id);
		CU_ASSERT_PTR_NOT_NULL_FATAL(r);
		CU_ASSERT_EQUAL(r->id, id);
		CU_ASSERT_PTR_NOT_NULL(r->name);
		CU_ASSERT_PTR_NOT_NULL(r->constant);
		CU_ASSERT(r->kind != 0);

		uint8_t enc[64];
		size_t n = encode_dotted(r->dotted, enc, sizeof enc);
		CU_ASSERT(n > 0);
		CU_ASSERT_EQUAL(n, r->der_len);
		if (n != r->der_len || memcmp(enc, r->der, n) != 0)
			fprintf(stderr, "row %s: table bytes differ from its dotted form\n",
			        r->dotted);
		CU_ASSERT_EQUAL(memcmp(enc, r->der, r->der_len), 0);

		xc_slice s = xc_slice_make(r->der, r->der_len);
		char buf[XC_OID_DOTTED_MAX];
		CU_ASSERT_EQUAL(xc_oid_to_dotted(s, buf, sizeof buf, NULL), XC_OK);
		CU_ASSERT_STRING_EQUAL(buf, r->dotted);

		CU_ASSERT_EQUAL(xc_oid_lookup(s), id);
		CU_ASSERT(xc_oid_is(s, id));
		CU_ASSERT(!xc_oid_is(s, (xc_oid_id)(i == 1 ? 2 : 1)));
		CU_ASSERT(!xc_oid_is(s, XC_OID_UNKNOWN));
		CU_ASSERT_PTR_EQUAL(xc_oid_name(s), r->name);

		/* A copy elsewhere in memory is found too (no pointer tricks). */
		uint8_t copy[64];
		memcpy(copy, r->der, r->der_len);
		CU_ASSERT_EQUAL(xc_oid_lookup(xc_slice_make(copy, r->der_len)), id);
	}
}

static void test_names(void)
{
	static const struct {
		const char *hex;
		const char *name;
	} cases[] = {
		{ "550403", "commonName" },
		{ "2a864886f70d01010b", "sha256WithRSAEncryption" },
		{ "2b06010505070301", "serverAuth" },
		{ "551d13", "basicConstraints" },
		{ "2a8648ce3d030107", "secp256r1" },
		{ "608648016503040201", "sha256" },
		{ "2a864886f70d010101", "rsaEncryption" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t n;
		uint8_t *der = tu_unhex(cases[i].hex, &n);
		const char *name = xc_oid_name(xc_slice_make(der, n));
		CU_ASSERT_PTR_NOT_NULL(name);
		if (name)
			CU_ASSERT_STRING_EQUAL(name, cases[i].name);
		free(der);
	}
}

static void test_unknown(void)
{
	static const char *const hex[] = {
		"55048467",             /* 2.5.4.999 */
		"2a03",                 /* 1.2.3 */
		"55040300",             /* 2.5.4.3.0: a known OID extended */
		"5504",                 /* 2.5.4: a prefix of known OIDs */
		"2a864886f70d0101",     /* 1.2.840.113549.1.1 */
		"2a864886f70d01010b00", /* sha256WithRSA.0 */
		"883703",               /* 2.999.3 */
		"00",
		"2a86",                 /* malformed: truncated */
		"2a864886f70d01010b2a864886f70d01010b", /* longer than any row */
	};
	for (size_t i = 0; i < sizeof hex / sizeof hex[0]; i++) {
		size_t n;
		uint8_t *der = tu_unhex(hex[i], &n);
		xc_slice s = xc_slice_make(der, n);
		CU_ASSERT_EQUAL(xc_oid_lookup(s), XC_OID_UNKNOWN);
		CU_ASSERT_PTR_NULL(xc_oid_name(s));
		free(der);
	}
	CU_ASSERT_EQUAL(xc_oid_lookup(xc_slice_make(NULL, 0)), XC_OID_UNKNOWN);
	CU_ASSERT_PTR_NULL(xc_oid_name(xc_slice_make(NULL, 0)));
	CU_ASSERT(!xc_oid_is(xc_slice_make(NULL, 0), XC_OID_COMMON_NAME));

	CU_ASSERT_PTR_NULL(xc_oid_info_of(XC_OID_UNKNOWN));
	CU_ASSERT_PTR_NULL(xc_oid_info_of(XC_OID_COUNT));
	CU_ASSERT_PTR_NULL(xc_oid_info_of((xc_oid_id)1000));
	CU_ASSERT_PTR_NOT_NULL(xc_oid_info_of(XC_OID_COUNT - 1));
}

/* The perfect hash against a linear scan, on every prefix of every row
 * (unknown unless the prefix is itself a row: 2.5.29.37 and 2.5.29.37.0)
 * and on every one-octet change of every row. */
static void test_lookup_vs_scan(void)
{
	unsigned known = 0;

	for (int i = 1; i < XC_OID_COUNT; i++) {
		const xc_oid_info *r = xc_oid_info_of((xc_oid_id)i);
		uint8_t b[64];
		memcpy(b, r->der, r->der_len);
		for (size_t n = 1; n < r->der_len; n++) {
			xc_oid_id want = scan(b, n);
			CU_ASSERT_EQUAL(xc_oid_lookup(xc_slice_make(b, n)), want);
			known += want != XC_OID_UNKNOWN;
		}
		for (size_t k = 0; k < r->der_len; k++) {
			for (unsigned v = 0; v < 256; v++) {
				b[k] = (uint8_t)v;
				xc_oid_id got = xc_oid_lookup(xc_slice_make(b, r->der_len));
				if (got != scan(b, r->der_len))
					CU_FAIL("lookup disagrees with a linear scan");
			}
			b[k] = r->der[k];
		}
		b[r->der_len] = 0x01;
		CU_ASSERT_EQUAL(xc_oid_lookup(xc_slice_make(b, r->der_len + 1u)),
		                scan(b, r->der_len + 1u));
	}
	/* The table does hold OIDs that are prefixes of others. */
	CU_ASSERT(known > 0);
}

int main(void)
{
	static const tu_test tests[] = {
		{ "dotted cases", test_dotted_cases },
		{ "dotted buffer", test_dotted_buffer },
		{ "dotted max", test_dotted_max },
		{ "every row", test_every_row },
		{ "names", test_names },
		{ "unknown", test_unknown },
		{ "lookup vs scan", test_lookup_vs_scan },
		{ NULL, NULL },
	};
	return tu_run("oid", tests);
}
