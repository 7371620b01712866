/* Tests of xc/der.h: the strict DER reader. Every DER rule the reader
 * enforces has a row here; expected offsets count from the start of the
 * row's input (for a length error: the first length octet, or the last one when
 * the length runs past the end; for a tag error:
 * the identifier octet; for a contents error: the contents octet at fault). */
#include <xc/der.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#define HT(id, num) ((uint32_t)(id) << 24 | (uint32_t)(num)) /* a high tag */

/*
 * One TLV read with xc_der_read(). `pad` zero octets are appended to the
 * hex so rows with long lengths stay short. On success `off` is the
 * reader's offset after the read; on failure the error offset.
 */
static const struct tlv_case {
	const char *name;
	const char *hex;
	size_t pad;
	xc_err err;
	size_t off;
	uint32_t tag;
	size_t value_len;
} tlv_cases[] = {
	/* lengths: short and long forms, X.690 8.1.3 / 10.1 */
	{ "len 0", "0400", 0, XC_OK, 2, 0x04, 0 },
	{ "len 5", "04050102030405", 0, XC_OK, 7, 0x04, 5 },
	{ "len 127 short form", "047f", 127, XC_OK, 129, 0x04, 127 },
	{ "len 128 (81 80)", "048180", 128, XC_OK, 131, 0x04, 128 },
	{ "len 255 (81 ff)", "0481ff", 255, XC_OK, 258, 0x04, 255 },
	{ "len 256 (82 01 00)", "04820100", 256, XC_OK, 260, 0x04, 256 },
	{ "len 65536 (83 01 00 00)", "0483010000", 65536, XC_OK, 65541, 0x04, 65536 },
	{ "indefinite (80)", "30800000", 0, XC_ERR_LEN_INDEFINITE, 1, 0, 0 },
	{ "non-minimal 81 05", "04810501020304 05", 0, XC_ERR_LEN_NONMINIMAL, 1, 0, 0 },
	{ "non-minimal 81 7f", "04817f", 127, XC_ERR_LEN_NONMINIMAL, 1, 0, 0 },
	{ "non-minimal 81 00", "048100", 0, XC_ERR_LEN_NONMINIMAL, 1, 0, 0 },
	{ "non-minimal 82 00 80", "04820080", 128, XC_ERR_LEN_NONMINIMAL, 1, 0, 0 },
	{ "non-minimal 82 00 ff", "048200ff", 255, XC_ERR_LEN_NONMINIMAL, 1, 0, 0 },
	{ "non-minimal 82 00 05", "0482000501020304 05", 0, XC_ERR_LEN_NONMINIMAL, 1, 0, 0 },
	{ "length ff (reserved)", "04ff", 8, XC_ERR_LEN_OVERFLOW, 1, 0, 0 },
	{ "length of 9 octets", "0489010000000000000000", 0, XC_ERR_LEN_OVERFLOW, 1, 0, 0 },
	{ "length past end (short)", "0405010203", 0, XC_ERR_LEN_PAST_END, 1, 0, 0 },
	{ "length ends exactly at the end", "040401020304", 0, XC_OK, 6, 0x04, 4 },
	{ "length past end by one", "0405010203 04", 0, XC_ERR_LEN_PAST_END, 1, 0, 0 },
	/* long form: the offset is the last length octet's (test_cert relies on it) */
	{ "length past end 81 80", "048180", 127, XC_ERR_LEN_PAST_END, 2, 0, 0 },
	{ "length past end 82 01 00", "04820100", 255, XC_ERR_LEN_PAST_END, 3, 0, 0 },
	{ "length past end 88 huge", "04887fffffffffffffff", 0, XC_ERR_LEN_PAST_END, 9, 0, 0 },
	/* truncated headers */
	{ "empty input", "", 0, XC_ERR_TRUNCATED, 0, 0, 0 },
	{ "tag only", "04", 0, XC_ERR_TRUNCATED, 0, 0, 0 },
	{ "long length cut (82 01)", "048201", 0, XC_ERR_TRUNCATED, 1, 0, 0 },
	{ "long length cut (81)", "0481", 0, XC_ERR_TRUNCATED, 1, 0, 0 },
	/* tags: low and high tag numbers, X.690 8.1.2 */
	{ "SEQUENCE", "3000", 0, XC_OK, 2, 0x30, 0 },
	{ "[3] constructed", "a3020500", 0, XC_OK, 4, 0xa3, 2 },
	{ "[30] primitive (last low tag)", "9e00", 0, XC_OK, 2, 0x9e, 0 },
	{ "high tag [31] universal (1f 1f)", "1f1f00", 0, XC_OK, 3, HT(0x1f, 31), 0 },
	{ "high tag [31] context (9f 1f)", "9f1f0100", 0, XC_OK, 4, HT(0x9f, 31), 1 },
	{ "high tag [31] constructed (bf 1f)", "bf1f00", 0, XC_OK, 3, HT(0xbf, 31), 0 },
	{ "high tag [127] (9f 7f)", "9f7f00", 0, XC_OK, 3, HT(0x9f, 127), 0 },
	{ "high tag [128] (9f 81 00)", "9f810000", 0, XC_OK, 4, HT(0x9f, 128), 0 },
	{ "high tag largest (2^24-1)", "9f87ffff7f00", 0, XC_OK, 6, HT(0x9f, 0xffffff), 0 },
	{ "high tag 5 (1f 05): low form fits", "1f0500", 0, XC_ERR_TAG_NONMINIMAL, 0, 0, 0 },
	{ "high tag 30 (1f 1e): low form fits", "1f1e00", 0, XC_ERR_TAG_NONMINIMAL, 0, 0, 0 },
	{ "high tag 0 (1f 00)", "1f0000", 0, XC_ERR_TAG_NONMINIMAL, 0, 0, 0 },
	{ "high tag leading 80 (1f 80 01)", "1f800100", 0, XC_ERR_TAG_NONMINIMAL, 0, 0, 0 },
	{ "high tag leading 80 (1f 80 80 1f)", "1f80801f00", 0, XC_ERR_TAG_NONMINIMAL, 0, 0, 0 },
	{ "high tag 2^24", "9f8880800000", 0, XC_ERR_TAG_OVERFLOW, 0, 0, 0 },
	{ "high tag huge", "9fffffffff7f00", 0, XC_ERR_TAG_OVERFLOW, 0, 0, 0 },
	{ "high tag huge, unterminated", "9fffffffffffffffffff", 0, XC_ERR_TAG_OVERFLOW, 0, 0, 0 },
	{ "high tag cut (1f 81)", "1f81", 0, XC_ERR_TRUNCATED, 0, 0, 0 },
	{ "high tag without length (1f 1f)", "1f1f", 0, XC_ERR_TRUNCATED, 0, 0, 0 },
	{ "high tag, then bad length", "9f1f80", 0, XC_ERR_LEN_INDEFINITE, 2, 0, 0 },
	{ "high tag, then length past end", "9f1f05ff", 0, XC_ERR_LEN_PAST_END, 2, 0, 0 },
};

static uint8_t *unhex_pad(const char *hex, size_t pad, size_t *len)
{
	size_t n;
	uint8_t *b = tu_unhex(hex, &n);
	uint8_t *out = calloc(n + pad + 1, 1);
	memcpy(out, b, n);
	free(b);
	*len = n + pad;
	return out;
}

static void test_tlv_table(void)
{
	for (size_t i = 0; i < sizeof tlv_cases / sizeof tlv_cases[0]; i++) {
		const struct tlv_case *c = &tlv_cases[i];
		size_t len;
		uint8_t *buf = unhex_pad(c->hex, c->pad, &len);
		xc_der d;
		xc_tlv t;

		xc_der_init(&d, buf, len);
		xc_err e = xc_der_read(&d, &t);
		size_t off = e ? xc_der_error_offset(&d) : xc_der_offset(&d);
		if (e != c->err || off != c->off) {
			fprintf(stderr, "\n  %s: got %s at %zu, want %s at %zu\n", c->name,
			        xc_errname(e), off, xc_errname(c->err), c->off);
			CU_FAIL(c->name);
		} else if (e == XC_OK) {
			CU_ASSERT_EQUAL(t.tag, c->tag);
			CU_ASSERT_EQUAL(t.value.len, c->value_len);
			CU_ASSERT_PTR_EQUAL(t.raw.p, buf);
			CU_ASSERT_EQUAL(t.raw.len, c->off);
			CU_ASSERT_PTR_EQUAL(t.value.p + t.value.len, buf + c->off);
		} else {
			CU_ASSERT_EQUAL(d.err, c->err);
			/* A failed read consumes nothing. */
			CU_ASSERT_EQUAL(xc_der_offset(&d), 0);
		}
		free(buf);
	}
}

/* Typed reads: which function a row calls. */
enum kind { K_INT, K_BOOL, K_NULL, K_BITS, K_OID, K_EXPECT_OCTETS };

/*
 * One typed read. `want` is the value in hex: INTEGER/OID contents, the
 * BIT STRING's bytes after the unused-bits octet, "00"/"ff" for a BOOLEAN.
 */
static const struct typed_case {
	const char *name;
	enum kind kind;
	const char *hex;
	xc_err err;
	size_t off;             /* error offset */
	const char *want;
	unsigned unused;        /* BIT STRING */
} typed_cases[] = {
	/* INTEGER, X.690 8.3.2 */
	{ "int 0", K_INT, "020100", XC_OK, 0, "00", 0 },
	{ "int 127", K_INT, "02017f", XC_OK, 0, "7f", 0 },
	{ "int -128", K_INT, "020180", XC_OK, 0, "80", 0 },
	{ "int 128 (00 80)", K_INT, "02020080", XC_OK, 0, "0080", 0 },
	{ "int -129 (ff 7f)", K_INT, "0202ff7f", XC_OK, 0, "ff7f", 0 },
	{ "int 256 (01 00)", K_INT, "02020100", XC_OK, 0, "0100", 0 },
	{ "int empty", K_INT, "0200", XC_ERR_INT, 2, NULL, 0 },
	{ "int 00 7f non-minimal", K_INT, "0202007f", XC_ERR_INT, 2, NULL, 0 },
	{ "int 00 00 non-minimal", K_INT, "02020000", XC_ERR_INT, 2, NULL, 0 },
	{ "int ff 80 non-minimal", K_INT, "0202ff80", XC_ERR_INT, 2, NULL, 0 },
	{ "int ff ff non-minimal", K_INT, "0202ffff", XC_ERR_INT, 2, NULL, 0 },
	{ "int wrong tag", K_INT, "0a0100", XC_ERR_TAG, 0, NULL, 0 },
	/* BOOLEAN, X.690 11.1 */
	{ "bool false", K_BOOL, "010100", XC_OK, 0, "00", 0 },
	{ "bool true", K_BOOL, "0101ff", XC_OK, 0, "ff", 0 },
	{ "bool 01 (BER true)", K_BOOL, "010101", XC_ERR_BOOL, 2, NULL, 0 },
	{ "bool 7f", K_BOOL, "01017f", XC_ERR_BOOL, 2, NULL, 0 },
	{ "bool length 2", K_BOOL, "0102ffff", XC_ERR_BOOL, 2, NULL, 0 },
	{ "bool length 0", K_BOOL, "0100", XC_ERR_BOOL, 2, NULL, 0 },
	{ "bool wrong tag", K_BOOL, "0201ff", XC_ERR_TAG, 0, NULL, 0 },
	/* NULL, X.690 8.8 */
	{ "null", K_NULL, "0500", XC_OK, 0, "", 0 },
	{ "null with content", K_NULL, "050100", XC_ERR_NULL, 2, NULL, 0 },
	{ "null wrong tag", K_NULL, "0400", XC_ERR_TAG, 0, NULL, 0 },
	/* BIT STRING, X.690 8.6.2 and 11.2 */
	{ "bits empty string (00)", K_BITS, "030100", XC_OK, 0, "", 0 },
	{ "bits one byte", K_BITS, "030200a5", XC_OK, 0, "a5", 0 },
	{ "bits 4 unused, zero", K_BITS, "030204f0", XC_OK, 0, "f0", 4 },
	{ "bits 7 unused, zero", K_BITS, "0303078080", XC_OK, 0, "8080", 7 },
	{ "bits no contents", K_BITS, "0300", XC_ERR_BITSTRING, 2, NULL, 0 },
	{ "bits 01 alone", K_BITS, "030101", XC_ERR_BITSTRING, 2, NULL, 0 },
	{ "bits 07 alone", K_BITS, "030107", XC_ERR_BITSTRING, 2, NULL, 0 },
	{ "bits 8 unused", K_BITS, "03020800", XC_ERR_BITSTRING, 2, NULL, 0 },
	{ "bits ff unused", K_BITS, "0302ff00", XC_ERR_BITSTRING, 2, NULL, 0 },
	{ "bits padding bit set (1 unused)", K_BITS, "03020101", XC_ERR_BITSTRING, 3, NULL, 0 },
	{ "bits padding bit set (7 unused)", K_BITS, "03030700c0", XC_ERR_BITSTRING, 4, NULL, 0 },
	{ "bits wrong tag", K_BITS, "040100", XC_ERR_TAG, 0, NULL, 0 },
	/* OBJECT IDENTIFIER, X.690 8.19 */
	{ "oid 1.2", K_OID, "06012a", XC_OK, 0, "2a", 0 },
	{ "oid 1.2.840.113549", K_OID, "06062a864886f70d", XC_OK, 0, "2a864886f70d", 0 },
	{ "oid 2.999 (multi-octet first arc)", K_OID, "06028837", XC_OK, 0, "8837", 0 },
	{ "oid arc 2^64-1", K_OID, "060b2a81ffffffffffffffff7f", XC_OK, 0, "2a81ffffffffffffffff7f", 0 },
	{ "oid arc 2^63", K_OID, "060b2a81808080808080808000", XC_OK, 0, "2a81808080808080808000", 0 },
	{ "oid empty", K_OID, "0600", XC_ERR_OID, 2, NULL, 0 },
	{ "oid last octet continued", K_OID, "06022a86", XC_ERR_OID, 2, NULL, 0 },
	{ "oid only a continued octet", K_OID, "060181", XC_ERR_OID, 2, NULL, 0 },
	{ "oid 80 leading an arc", K_OID, "06032a8001", XC_ERR_OID, 2, NULL, 0 },
	{ "oid 80 leading the first arc", K_OID, "06028001", XC_ERR_OID, 2, NULL, 0 },
	{ "oid 80 80 leading an arc", K_OID, "06042a808001", XC_ERR_OID, 2, NULL, 0 },
	{ "oid arc 2^64 (82 ...)", K_OID, "060b2a82808080808080808000", XC_ERR_OID_OVERFLOW, 2, NULL, 0 },
	{ "oid arc of 11 octets", K_OID, "060c2a8180808080808080808000", XC_ERR_OID_OVERFLOW, 2, NULL, 0 },
	{ "oid wrong tag", K_OID, "0d012a", XC_ERR_TAG, 0, NULL, 0 },
	/* xc_der_expect with a fixed tag */
	{ "expect OCTET STRING", K_EXPECT_OCTETS, "0402abcd", XC_OK, 0, "abcd", 0 },
	{ "expect OCTET STRING, got constructed", K_EXPECT_OCTETS, "2402abcd", XC_ERR_TAG, 0, NULL, 0 },
	{ "expect OCTET STRING, got high tag", K_EXPECT_OCTETS, "1f2402abcd", XC_ERR_TAG, 0, NULL, 0 },
	{ "expect OCTET STRING, malformed", K_EXPECT_OCTETS, "0480", XC_ERR_LEN_INDEFINITE, 1, NULL, 0 },
};

static void test_typed_table(void)
{
	for (size_t i = 0; i < sizeof typed_cases / sizeof typed_cases[0]; i++) {
		const struct typed_case *c = &typed_cases[i];
		size_t len;
		uint8_t *buf = tu_unhex(c->hex, &len);
		xc_der d;
		xc_slice v = { NULL, 0 };
		bool b = false;
		unsigned unused = 99;
		xc_err e = XC_OK;

		xc_der_init(&d, buf, len);
		switch (c->kind) {
		case K_INT: e = xc_der_read_int(&d, &v); break;
		case K_BOOL: e = xc_der_read_bool(&d, &b); break;
		case K_NULL: e = xc_der_read_null(&d); break;
		case K_BITS: e = xc_der_read_bits(&d, &v, &unused); break;
		case K_OID: e = xc_der_read_oid(&d, &v); break;
		case K_EXPECT_OCTETS: e = xc_der_expect(&d, XC_TAG_OCTET_STRING, &v); break;
		}
		size_t off = e ? xc_der_error_offset(&d) : 0;
		if (e != c->err || off != c->off) {
			fprintf(stderr, "\n  %s: got %s at %zu, want %s at %zu\n", c->name,
			        xc_errname(e), off, xc_errname(c->err), c->off);
			CU_FAIL(c->name);
			free(buf);
			continue;
		}
		if (e == XC_OK) {
			/* The whole TLV was consumed. */
			CU_ASSERT_EQUAL(xc_der_finish(&d), XC_OK);
			if (c->kind == K_BOOL) {
				CU_ASSERT_EQUAL(b, strcmp(c->want, "ff") == 0);
			} else if (c->kind != K_NULL) {
				char *h = tu_hex(v.p, v.len);
				if (strcmp(h, c->want) != 0) {
					fprintf(stderr, "\n  %s: value %s, want %s\n", c->name, h, c->want);
					CU_FAIL(c->name);
				}
				free(h);
			}
			if (c->kind == K_BITS)
				CU_ASSERT_EQUAL(unused, c->unused);
		} else {
			CU_ASSERT_EQUAL(d.err, c->err);
		}
		free(buf);
	}
}

/* xc_der_check_int / xc_der_int_to_i64 on contents octets alone. */
static const struct i64_case {
	const char *name;
	const char *hex;
	xc_err err;
	int64_t value;
} i64_cases[] = {
	{ "0", "00", XC_OK, 0 },
	{ "1", "01", XC_OK, 1 },
	{ "127", "7f", XC_OK, 127 },
	{ "-128", "80", XC_OK, -128 },
	{ "-1", "ff", XC_OK, -1 },
	{ "128", "0080", XC_OK, 128 },
	{ "-129", "ff7f", XC_OK, -129 },
	{ "65535", "00ffff", XC_OK, 65535 },
	{ "-65536", "ff0000", XC_OK, -65536 },
	{ "2^31", "0080000000", XC_OK, 2147483648 },
	{ "-2^31", "80000000", XC_OK, -2147483647 - 1 },
	{ "INT64_MAX", "7fffffffffffffff", XC_OK, INT64_MAX },
	{ "INT64_MIN", "8000000000000000", XC_OK, INT64_MIN },
	{ "-2", "fe", XC_OK, -2 },
	{ "-2^56", "ff00000000000000", XC_OK, -72057594037927936 },
	{ "2^63 (9 bytes)", "008000000000000000", XC_ERR_INT_RANGE, 0 },
	{ "2^64-1 (9 bytes)", "00ffffffffffffffff", XC_ERR_INT_RANGE, 0 },
	{ "INT64_MIN-1 (9 bytes)", "ff7fffffffffffffff", XC_ERR_INT_RANGE, 0 },
	{ "2^64", "010000000000000000", XC_ERR_INT_RANGE, 0 },
	{ "empty", "", XC_ERR_INT, 0 },
	{ "00 7f", "007f", XC_ERR_INT, 0 },
	{ "ff 80", "ff80", XC_ERR_INT, 0 },
	{ "9 bytes non-minimal", "000000000000000001", XC_ERR_INT, 0 },
};

static void test_int_to_i64(void)
{
	for (size_t i = 0; i < sizeof i64_cases / sizeof i64_cases[0]; i++) {
		const struct i64_case *c = &i64_cases[i];
		size_t len;
		uint8_t *buf = tu_unhex(c->hex, &len);
		int64_t v = 12345;
		xc_err e = xc_der_int_to_i64(xc_slice_make(buf, len), &v);
		if (e != c->err || (e == XC_OK && v != c->value)) {
			fprintf(stderr, "\n  %s: got %s %lld, want %s %lld\n", c->name, xc_errname(e),
			        (long long)v, xc_errname(c->err), (long long)c->value);
			CU_FAIL(c->name);
		}
		/* check_int agrees on the encoding rule. */
		xc_err ce = xc_der_check_int(xc_slice_make(buf, len));
		CU_ASSERT_EQUAL(ce, c->err == XC_ERR_INT ? XC_ERR_INT : XC_OK);
		free(buf);
	}
}

/* xc_der_check_oid on contents alone. */
static void test_check_oid(void)
{
	static const struct {
		const char *hex;
		xc_err err;
	} rows[] = {
		{ "2a", XC_OK },
		{ "2a864886f70d01010b", XC_OK },
		{ "", XC_ERR_OID },
		{ "2a86", XC_ERR_OID },
		{ "2a8001", XC_ERR_OID },
		{ "81ffffffffffffffff7f", XC_OK },
		{ "82808080808080808000", XC_ERR_OID_OVERFLOW },
		{ "ffffffffffffffffff7f", XC_ERR_OID_OVERFLOW },
		{ "8180808080808080808000", XC_ERR_OID_OVERFLOW },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		size_t len;
		uint8_t *buf = tu_unhex(rows[i].hex, &len);
		xc_err e = xc_der_check_oid(xc_slice_make(buf, len));
		if (e != rows[i].err) {
			fprintf(stderr, "\n  check_oid %s: got %s want %s\n", rows[i].hex,
			        xc_errname(e), xc_errname(rows[i].err));
			CU_FAIL("check_oid");
		}
		free(buf);
	}
}

/* A sequence of reads on one reader: more, offset, peek, optional. */
static void test_peek_optional(void)
{
	/* [0] { INTEGER 5 }, INTEGER 7, [31] NULL-ish primitive */
	size_t len;
	uint8_t *buf = tu_unhex("a003020105 020107 9f1f00", &len);
	xc_der d;
	xc_slice v;
	bool present = true;

	xc_der_init(&d, buf, len);
	CU_ASSERT_TRUE(xc_der_more(&d));
	CU_ASSERT_EQUAL(xc_der_offset(&d), 0);
	CU_ASSERT_TRUE(xc_der_peek(&d, XC_TAG_CTX_CONS(0)));
	CU_ASSERT_FALSE(xc_der_peek(&d, XC_TAG_CTX(0)));
	CU_ASSERT_FALSE(xc_der_peek(&d, XC_TAG_INTEGER));
	CU_ASSERT_EQUAL(xc_der_offset(&d), 0); /* peek reads nothing */

	/* absent: reader unchanged */
	CU_ASSERT_EQUAL(xc_der_optional(&d, XC_TAG_CTX_CONS(1), &v, &present), XC_OK);
	CU_ASSERT_FALSE(present);
	CU_ASSERT_EQUAL(xc_der_offset(&d), 0);

	/* present */
	CU_ASSERT_EQUAL(xc_der_optional(&d, XC_TAG_CTX_CONS(0), &v, &present), XC_OK);
	CU_ASSERT_TRUE(present);
	CU_ASSERT_PTR_EQUAL(v.p, buf + 2);
	CU_ASSERT_EQUAL(v.len, 3);
	CU_ASSERT_EQUAL(xc_der_offset(&d), 5);

	CU_ASSERT_TRUE(xc_der_peek(&d, XC_TAG_INTEGER));
	CU_ASSERT_EQUAL(xc_der_read_int(&d, &v), XC_OK);
	CU_ASSERT_EQUAL(v.len, 1);
	CU_ASSERT_EQUAL(v.p[0], 7);

	/* high tag peek: compared whole, not by its first octet */
	CU_ASSERT_TRUE(xc_der_peek(&d, HT(0x9f, 31)));
	CU_ASSERT_FALSE(xc_der_peek(&d, HT(0x9f, 32)));
	CU_ASSERT_FALSE(xc_der_peek(&d, HT(0xbf, 31)));
	CU_ASSERT_EQUAL(xc_der_optional(&d, HT(0x9f, 32), &v, &present), XC_OK);
	CU_ASSERT_FALSE(present);
	CU_ASSERT_EQUAL(xc_der_optional(&d, HT(0x9f, 31), &v, &present), XC_OK);
	CU_ASSERT_TRUE(present);
	CU_ASSERT_EQUAL(v.len, 0);

	/* at the end: nothing to peek, optional absent, finish OK */
	CU_ASSERT_FALSE(xc_der_more(&d));
	CU_ASSERT_FALSE(xc_der_peek(&d, XC_TAG_INTEGER));
	CU_ASSERT_EQUAL(xc_der_optional(&d, XC_TAG_INTEGER, &v, &present), XC_OK);
	CU_ASSERT_FALSE(present);
	CU_ASSERT_EQUAL(xc_der_finish(&d), XC_OK);
	CU_ASSERT_EQUAL(d.err, XC_OK);
	free(buf);
}

/*
 * xc_der_optional on a malformed header. der.h: "A malformed header is an
 * error either way", i.e. whether or not the tag matches.
 */
static const struct opt_case {
	const char *name;
	const char *hex;
	uint32_t tag;
	xc_err err;
	size_t off;
} opt_cases[] = {
	{ "tag matches, indefinite length", "a080", XC_TAG_CTX_CONS(0), XC_ERR_LEN_INDEFINITE, 1 },
	{ "tag matches, length past end", "a00500", XC_TAG_CTX_CONS(0), XC_ERR_LEN_PAST_END, 1 },
	{ "tag matches, truncated", "a0", XC_TAG_CTX_CONS(0), XC_ERR_TRUNCATED, 0 },
	{ "other tag, indefinite length", "0280", XC_TAG_CTX_CONS(0), XC_ERR_LEN_INDEFINITE, 1 },
	{ "other tag, length past end", "020500", XC_TAG_CTX_CONS(0), XC_ERR_LEN_PAST_END, 1 },
	{ "high tag matches, indefinite length", "9f1f80", HT(0x9f, 31), XC_ERR_LEN_INDEFINITE, 2 },
	{ "high tag, non-minimal tag", "9f0500", HT(0x9f, 31), XC_ERR_TAG_NONMINIMAL, 0 },
};

static void test_optional_malformed(void)
{
	for (size_t i = 0; i < sizeof opt_cases / sizeof opt_cases[0]; i++) {
		const struct opt_case *c = &opt_cases[i];
		size_t len;
		uint8_t *buf = tu_unhex(c->hex, &len);
		xc_der d;
		xc_slice v;
		bool present = true;

		xc_der_init(&d, buf, len);
		xc_err e = xc_der_optional(&d, c->tag, &v, &present);
		size_t off = e ? xc_der_error_offset(&d) : 0;
		if (e != c->err || off != c->off) {
			fprintf(stderr, "\n  optional %s: got %s at %zu, want %s at %zu\n", c->name,
			        xc_errname(e), off, xc_errname(c->err), c->off);
			CU_FAIL(c->name);
		}
		CU_ASSERT_FALSE(present);
		free(buf);
	}
}

/*
 * Nested readers: an error three levels down is recorded, with its offset
 * from the outermost input, in every reader above.
 *
 *   30 0c                 outer SEQUENCE
 *      05 00              NULL
 *      30 08              middle SEQUENCE
 *         02 01 05        INTEGER 5
 *         30 03           inner SEQUENCE
 *            01 01 07     BOOLEAN 07: not DER (offset 13)
 */
static void test_nested_error(void)
{
	size_t len;
	uint8_t *buf = tu_unhex("300c 0500 3008 020105 3003 010107", &len);
	xc_der top, outer, mid, in;
	xc_slice v;
	bool b;

	xc_der_init(&top, buf, len);
	CU_ASSERT_EQUAL_FATAL(xc_der_enter(&top, XC_TAG_SEQUENCE, &outer), XC_OK);
	CU_ASSERT_EQUAL(xc_der_offset(&outer), 2);
	CU_ASSERT_EQUAL(xc_der_offset(&top), 14);
	CU_ASSERT_EQUAL(xc_der_read_null(&outer), XC_OK);
	CU_ASSERT_EQUAL_FATAL(xc_der_enter(&outer, XC_TAG_SEQUENCE, &mid), XC_OK);
	CU_ASSERT_EQUAL(xc_der_read_int(&mid, &v), XC_OK);
	CU_ASSERT_EQUAL(xc_der_offset(&mid), 9);
	CU_ASSERT_EQUAL_FATAL(xc_der_enter(&mid, XC_TAG_SEQUENCE, &in), XC_OK);
	CU_ASSERT_EQUAL(xc_der_offset(&in), 11);

	CU_ASSERT_EQUAL(xc_der_read_bool(&in, &b), XC_ERR_BOOL);
	CU_ASSERT_EQUAL(in.err, XC_ERR_BOOL);
	CU_ASSERT_EQUAL(mid.err, XC_ERR_BOOL);
	CU_ASSERT_EQUAL(outer.err, XC_ERR_BOOL);
	CU_ASSERT_EQUAL(top.err, XC_ERR_BOOL);
	CU_ASSERT_EQUAL(xc_der_error_offset(&in), 13);
	CU_ASSERT_EQUAL(xc_der_error_offset(&mid), 13);
	CU_ASSERT_EQUAL(xc_der_error_offset(&outer), 13);
	CU_ASSERT_EQUAL(xc_der_error_offset(&top), 13);

	/* The outer readers are stopped too. */
	CU_ASSERT_FALSE(xc_der_more(&outer));
	CU_ASSERT_EQUAL(xc_der_finish(&top), XC_ERR_BOOL);
	CU_ASSERT_EQUAL(xc_der_finish(&mid), XC_ERR_BOOL);
	free(buf);
}

/* An inner reader's window ends at its TLV's end even when the outer
 * input goes on: a length past it is LEN_PAST_END (offset of the length). */
static void test_nested_window(void)
{
	size_t len;
	uint8_t *buf = tu_unhex("3003 0405 00 0000000000", &len);
	xc_der top, in;
	xc_tlv t;

	xc_der_init(&top, buf, len);
	CU_ASSERT_EQUAL_FATAL(xc_der_enter(&top, XC_TAG_SEQUENCE, &in), XC_OK);
	CU_ASSERT_EQUAL(xc_der_read(&in, &t), XC_ERR_LEN_PAST_END);
	CU_ASSERT_EQUAL(top.err, XC_ERR_LEN_PAST_END);
	CU_ASSERT_EQUAL(xc_der_error_offset(&top), 3);
	free(buf);
}

/* Trailing bytes inside a nested SEQUENCE: TRAILING at the first of them,
 * reported in the outer reader. */
static void test_nested_trailing(void)
{
	size_t len;
	uint8_t *buf = tu_unhex("3009 3005 020101 0500 0500", &len);
	xc_der top, outer, in;
	xc_slice v;

	xc_der_init(&top, buf, len);
	CU_ASSERT_EQUAL_FATAL(xc_der_enter(&top, XC_TAG_SEQUENCE, &outer), XC_OK);
	CU_ASSERT_EQUAL_FATAL(xc_der_enter(&outer, XC_TAG_SEQUENCE, &in), XC_OK);
	CU_ASSERT_EQUAL(xc_der_read_int(&in, &v), XC_OK);
	CU_ASSERT_TRUE(xc_der_more(&in));
	CU_ASSERT_EQUAL(xc_der_finish(&in), XC_ERR_TRAILING);
	CU_ASSERT_EQUAL(xc_der_error_offset(&top), 7);
	CU_ASSERT_EQUAL(top.err, XC_ERR_TRAILING);
	CU_ASSERT_EQUAL(outer.err, XC_ERR_TRAILING);
	free(buf);

	/* Trailing bytes after the outermost TLV. */
	buf = tu_unhex("0500 00", &len);
	xc_der_init(&top, buf, len);
	CU_ASSERT_EQUAL(xc_der_read_null(&top), XC_OK);
	CU_ASSERT_EQUAL(xc_der_finish(&top), XC_ERR_TRAILING);
	CU_ASSERT_EQUAL(xc_der_error_offset(&top), 2);
	free(buf);

	/* An empty reader finishes cleanly. */
	xc_der_init(&top, (const uint8_t *)"", 0);
	CU_ASSERT_FALSE(xc_der_more(&top));
	CU_ASSERT_EQUAL(xc_der_finish(&top), XC_OK);
}

/* enter: wrong tag, and a malformed TLV, leave the inner reader unused. */
static void test_enter_errors(void)
{
	size_t len;
	uint8_t *buf = tu_unhex("3100", &len);
	xc_der d, in;

	xc_der_init(&d, buf, len);
	CU_ASSERT_EQUAL(xc_der_enter(&d, XC_TAG_SEQUENCE, &in), XC_ERR_TAG);
	CU_ASSERT_EQUAL(xc_der_error_offset(&d), 0);
	free(buf);

	buf = tu_unhex("30 81 02 0500", &len);
	xc_der_init(&d, buf, len);
	CU_ASSERT_EQUAL(xc_der_enter(&d, XC_TAG_SEQUENCE, &in), XC_ERR_LEN_NONMINIMAL);
	CU_ASSERT_EQUAL(xc_der_error_offset(&d), 1);
	free(buf);
}

/* xc_der_init_at: offsets count from the outer input's base. */
static void test_init_at(void)
{
	size_t len;
	uint8_t *buf = tu_unhex("ffffffff 0201 80 0202 0001", &len);
	xc_der d;
	xc_slice v;

	xc_der_init_at(&d, xc_slice_make(buf + 4, len - 4), buf);
	CU_ASSERT_EQUAL(xc_der_offset(&d), 4);
	CU_ASSERT_EQUAL(xc_der_read_int(&d, &v), XC_OK);
	CU_ASSERT_EQUAL(xc_der_offset(&d), 7);
	CU_ASSERT_EQUAL(xc_der_read_int(&d, &v), XC_ERR_INT);
	CU_ASSERT_EQUAL(xc_der_error_offset(&d), 9);

	/* NULL base: offsets from the slice itself */
	xc_der_init_at(&d, xc_slice_make(buf + 4, len - 4), NULL);
	CU_ASSERT_EQUAL(xc_der_offset(&d), 0);
	CU_ASSERT_EQUAL(xc_der_read_int(&d, &v), XC_OK);
	CU_ASSERT_EQUAL(xc_der_read_int(&d, &v), XC_ERR_INT);
	CU_ASSERT_EQUAL(xc_der_error_offset(&d), 5);
	free(buf);
}

/* Errors are sticky: after the first, every call returns it, reads
 * nothing, and the first error's offset stays. */
static void test_sticky(void)
{
	size_t len;
	/* INTEGER 00 7f (bad), then a perfectly good INTEGER and SEQUENCE */
	uint8_t *buf = tu_unhex("0202007f 020105 3000", &len);
	xc_der d, in;
	xc_tlv t;
	xc_slice v;
	bool b, present;
	unsigned unused;

	xc_der_init(&d, buf, len);
	CU_ASSERT_EQUAL(xc_der_read_int(&d, &v), XC_ERR_INT);
	size_t off = xc_der_error_offset(&d);
	size_t pos = xc_der_offset(&d);
	CU_ASSERT_EQUAL(off, 2);

	CU_ASSERT_EQUAL(xc_der_read(&d, &t), XC_ERR_INT);
	CU_ASSERT_EQUAL(xc_der_expect(&d, XC_TAG_INTEGER, &v), XC_ERR_INT);
	CU_ASSERT_EQUAL(xc_der_expect_raw(&d, XC_TAG_INTEGER, &v, &v), XC_ERR_INT);
	CU_ASSERT_EQUAL(xc_der_optional(&d, XC_TAG_INTEGER, &v, &present), XC_ERR_INT);
	CU_ASSERT_FALSE(present);
	CU_ASSERT_EQUAL(xc_der_enter(&d, XC_TAG_SEQUENCE, &in), XC_ERR_INT);
	CU_ASSERT_EQUAL(xc_der_read_int(&d, &v), XC_ERR_INT);
	CU_ASSERT_EQUAL(xc_der_read_bool(&d, &b), XC_ERR_INT);
	CU_ASSERT_EQUAL(xc_der_read_oid(&d, &v), XC_ERR_INT);
	CU_ASSERT_EQUAL(xc_der_read_null(&d), XC_ERR_INT);
	CU_ASSERT_EQUAL(xc_der_read_bits(&d, &v, &unused), XC_ERR_INT);
	CU_ASSERT_EQUAL(xc_der_finish(&d), XC_ERR_INT);
	CU_ASSERT_FALSE(xc_der_more(&d));
	CU_ASSERT_FALSE(xc_der_peek(&d, XC_TAG_INTEGER));
	CU_ASSERT_FALSE(xc_der_peek(&d, HT(0x9f, 31)));

	/* A later failure does not replace the first. */
	xc_der_fail(&d, XC_ERR_TAG, buf + 6);
	CU_ASSERT_EQUAL(d.err, XC_ERR_INT);
	CU_ASSERT_EQUAL(xc_der_error_offset(&d), off);
	CU_ASSERT_EQUAL(xc_der_offset(&d), pos);
	free(buf);
}

/* xc_der_fail on a nested reader reaches the top; xc_der_expect_raw gives
 * the whole TLV. */
static void test_fail_and_raw(void)
{
	size_t len;
	uint8_t *buf = tu_unhex("3005 0403 616263", &len);
	xc_der top, in;
	xc_slice v, raw;

	xc_der_init(&top, buf, len);
	CU_ASSERT_EQUAL_FATAL(xc_der_enter(&top, XC_TAG_SEQUENCE, &in), XC_OK);
	CU_ASSERT_EQUAL(xc_der_expect_raw(&in, XC_TAG_OCTET_STRING, &v, &raw), XC_OK);
	CU_ASSERT_PTR_EQUAL(raw.p, buf + 2);
	CU_ASSERT_EQUAL(raw.len, 5);
	CU_ASSERT_PTR_EQUAL(v.p, buf + 4);
	CU_ASSERT_EQUAL(v.len, 3);
	CU_ASSERT_EQUAL(xc_der_fail(&in, XC_ERR_STRING, v.p + 1), XC_ERR_STRING);
	CU_ASSERT_EQUAL(top.err, XC_ERR_STRING);
	CU_ASSERT_EQUAL(xc_der_error_offset(&top), 5);
	free(buf);
}

/* The constructed bit of low and high tags. */
static void test_tag_constructed(void)
{
	CU_ASSERT_TRUE(xc_tag_constructed(XC_TAG_SEQUENCE));
	CU_ASSERT_TRUE(xc_tag_constructed(XC_TAG_CTX_CONS(3)));
	CU_ASSERT_FALSE(xc_tag_constructed(XC_TAG_CTX(3)));
	CU_ASSERT_FALSE(xc_tag_constructed(XC_TAG_INTEGER));
	CU_ASSERT_TRUE(xc_tag_constructed(HT(0xbf, 31)));
	CU_ASSERT_FALSE(xc_tag_constructed(HT(0x9f, 31)));
}

/*
 * Every low-tag header with a short-form length, in a window that is one
 * octet short of the TLV, exactly the TLV, and one octet longer: the
 * readers decide these without the general header decoder (der.c,
 * short_header()), so each is checked against X.690's rules directly, for
 * the whole TLV read, an expected tag, the wrong tag, and a typed read
 * (INTEGER). The buffer is exactly the window, so a read past it is an
 * error under the sanitizers too.
 */
static void test_short_forms(void)
{
	for (unsigned id = 0; id < 256; id++) {
		if ((id & 0x1fu) == 0x1fu)
			continue;
		for (size_t l = 0; l < 0x80; l++) {
			/* (A window under two octets is a truncated
			 * header, another rule: not here.) */
			for (size_t avail = l ? l + 1 : 2; avail <= l + 3; avail++) {
				uint8_t *buf = calloc(1, avail);
				bool fits = l + 2 <= avail;
				xc_err want = fits ? XC_OK : XC_ERR_LEN_PAST_END;
				xc_der d;
				xc_tlv t;
				xc_slice v, raw;

				CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
				buf[0] = (uint8_t)id;
				buf[1] = (uint8_t)l;
				for (size_t i = 2; i < avail; i++)
					buf[i] = 0x01; /* a minimal INTEGER */

				xc_der_init(&d, buf, avail);
				CU_ASSERT_EQUAL(xc_der_read(&d, &t), want);
				CU_ASSERT_EQUAL(fits ? xc_der_offset(&d) : xc_der_error_offset(&d),
				                fits ? l + 2 : 1);
				if (fits) {
					CU_ASSERT_EQUAL(t.tag, id);
					CU_ASSERT(t.value.p == buf + 2 && t.value.len == l);
					CU_ASSERT(t.raw.p == buf && t.raw.len == l + 2);
				}

				xc_der_init(&d, buf, avail);
				CU_ASSERT_EQUAL(xc_der_expect_raw(&d, id, &v, &raw), want);
				if (fits)
					CU_ASSERT(v.p == buf + 2 && v.len == l &&
					          raw.p == buf && raw.len == l + 2);

				/* A wrong tag is refused at the identifier octet,
				 * nothing consumed; a bad length still wins. */
				xc_der_init(&d, buf, avail);
				CU_ASSERT_EQUAL(xc_der_expect(&d, id ^ 0x01u, &v),
				                fits ? XC_ERR_TAG : XC_ERR_LEN_PAST_END);
				CU_ASSERT_EQUAL(xc_der_error_offset(&d), fits ? 0 : 1);
				if (fits)
					CU_ASSERT_EQUAL(xc_der_offset(&d), 0);

				xc_der_init(&d, buf, avail);
				xc_err want_int = !fits ? XC_ERR_LEN_PAST_END
				                  : id != XC_TAG_INTEGER ? XC_ERR_TAG
				                  : l == 0 ? XC_ERR_INT : XC_OK;
				CU_ASSERT_EQUAL(xc_der_read_int(&d, &v), want_int);
				if (want_int == XC_OK)
					CU_ASSERT(v.p == buf + 2 && v.len == l);
				free(buf);
			}
		}
	}
}

int main(void)
{
	static const tu_test tests[] = {
		{ "TLV headers (table)", test_tlv_table },
		{ "typed reads (table)", test_typed_table },
		{ "int_to_i64 (table)", test_int_to_i64 },
		{ "check_oid", test_check_oid },
		{ "peek and optional", test_peek_optional },
		{ "optional on a malformed header", test_optional_malformed },
		{ "error three readers down", test_nested_error },
		{ "inner window", test_nested_window },
		{ "trailing data", test_nested_trailing },
		{ "enter errors", test_enter_errors },
		{ "init_at base", test_init_at },
		{ "sticky errors", test_sticky },
		{ "fail and expect_raw", test_fail_and_raw },
		{ "constructed bit", test_tag_constructed },
		{ "every short-form header", test_short_forms },
		{ NULL, NULL },
	};
	return tu_run("der", tests);
}
