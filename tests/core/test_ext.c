/* Tests of xc/ext.h: checking, iterating and finding raw extensions.
 * Blocks are the contents of an Extensions SEQUENCE, written by hand. */
#include <xc/ext.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

/* basicConstraints, critical, cA TRUE */
#define EXT_BC "300f 0603551d13 0101ff 0405 30030101ff"
/* subjectKeyIdentifier, not critical */
#define EXT_SKI "300b 0603551d0e 0404 0402abcd"
/* 1.2.3.4 (unknown), not critical, value NULL */
#define EXT_UNK "3009 06032a0304 0402 0500"

/*
 * An explicit critical FALSE: DER (X.690 11.5) never encodes a DEFAULT
 * value, so ext.c refuses it. pyca loads such CSRs: if the core is made to
 * accept them, set this to XC_OK (the row then expects one extension).
 */
#define EXPLICIT_FALSE XC_ERR_DEFAULT

static const struct check_case {
	const char *name;
	const char *hex;
	xc_err err;
	size_t off;             /* error offset from the block's start */
	size_t count;           /* extensions, when err is XC_OK */
} check_cases[] = {
	{ "empty block", "", XC_OK, 0, 0 },
	{ "one extension", EXT_SKI, XC_OK, 0, 1 },
	{ "critical TRUE", EXT_BC, XC_OK, 0, 1 },
	{ "three extensions", EXT_BC EXT_SKI EXT_UNK, XC_OK, 0, 3 },
	{ "same OID twice (not the block's business)", EXT_SKI EXT_SKI, XC_OK, 0, 2 },
	{ "empty extnValue", "3007 0603551d0e 0400", XC_OK, 0, 1 },
	{ "explicit critical FALSE", "300c 0603551d0e 010100 0402abcd", EXPLICIT_FALSE, 7, 1 },
	{ "explicit critical FALSE after a good one",
	  EXT_SKI "300c 0603551d0e 010100 0402abcd", EXPLICIT_FALSE, 13 + 7, 2 },
	{ "critical 01 (BER TRUE)", "300c 0603551d13 010101 04023000", XC_ERR_BOOL, 9, 0 },
	{ "critical of two octets", "300d 0603551d13 0102ffff 04023000", XC_ERR_BOOL, 9, 0 },
	{ "missing OCTET STRING", "3005 0603551d13", XC_ERR_TRUNCATED, 7, 0 },
	{ "critical, missing OCTET STRING", "3008 0603551d13 0101ff", XC_ERR_TRUNCATED, 10, 0 },
	{ "extnValue a BIT STRING", "3009 0603551d13 03020000", XC_ERR_TAG, 7, 0 },
	{ "extnValue constructed OCTET STRING", "3009 0603551d13 24020500", XC_ERR_TAG, 7, 0 },
	{ "trailing element", "300b 0603551d13 04023000 0500", XC_ERR_TRAILING, 11, 0 },
	{ "critical after extnValue", "300b 0603551d13 04023000 0101ff", XC_ERR_TRAILING, 11, 0 },
	{ "bad OID (last octet continued)", "3008 0602559d 04023000", XC_ERR_OID, 4, 0 },
	{ "empty OID", "3006 0600 04023000", XC_ERR_OID, 4, 0 },
	{ "OID missing", "3007 0101ff 04023000", XC_ERR_TAG, 2, 0 },
	{ "empty Extension SEQUENCE", "3000", XC_ERR_TRUNCATED, 2, 0 },
	{ "Extension a SET", "310b 0603551d0e 0404 0402abcd", XC_ERR_TAG, 0, 0 },
	{ "junk after the extensions", EXT_SKI "0500", XC_ERR_TAG, 13, 0 },
	{ "lone byte after the extensions", EXT_SKI "30", XC_ERR_TRUNCATED, 13, 0 },
	{ "Extension length past the block", "300c 0603551d0e 0404 0402abcd", XC_ERR_LEN_PAST_END, 1, 0 },
	{ "extnValue length past the Extension", "300b 0603551d0e 0405 0402abcd 00", XC_ERR_LEN_PAST_END, 8, 0 },
	{ "indefinite length", "3080 0603551d0e 0404 0402abcd 0000", XC_ERR_LEN_INDEFINITE, 1, 0 },
	{ "error in the third extension", EXT_BC EXT_SKI "3009 06032a0304 0403 0500", XC_ERR_LEN_PAST_END,
	  17 + 13 + 8, 0 },
};

static void test_check_table(void)
{
	for (size_t i = 0; i < sizeof check_cases / sizeof check_cases[0]; i++) {
		const struct check_case *c = &check_cases[i];
		size_t len, off = 9999, count = 9999;
		uint8_t *buf = tu_unhex(c->hex, &len);

		xc_err e = xc_ext_check(xc_slice_make(buf, len), NULL, &off, &count);
		if (e != c->err || (e && off != c->off) || (!e && count != c->count)) {
			fprintf(stderr, "\n  %s: got %s at %zu (count %zu), want %s at %zu (count %zu)\n",
			        c->name, xc_errname(e), off, count, xc_errname(c->err), c->off, c->count);
			CU_FAIL(c->name);
		}
		/* NULL off and count are allowed. */
		CU_ASSERT_EQUAL(xc_ext_check(xc_slice_make(buf, len), NULL, NULL, NULL), c->err);
		free(buf);
	}
}

/* With a base, offsets count from the enclosing input. */
static void test_check_base(void)
{
	size_t len, off = 0;
	uint8_t *buf = tu_unhex("a311 300f" EXT_SKI "3000", &len);

	CU_ASSERT_EQUAL(xc_ext_check(xc_slice_make(buf + 4, len - 4), buf, &off, NULL),
	                XC_ERR_TRUNCATED);
	CU_ASSERT_EQUAL(off, 4 + 13 + 2);
	free(buf);
}

static void expect_ext(const xc_ext *x, const char *oid, bool critical, const char *value,
                       const uint8_t *raw_p, size_t raw_len)
{
	char *h = tu_hex(x->oid.p, x->oid.len);
	CU_ASSERT_STRING_EQUAL(h, oid);
	free(h);
	CU_ASSERT_EQUAL(x->critical, critical);
	h = tu_hex(x->value.p, x->value.len);
	CU_ASSERT_STRING_EQUAL(h, value);
	free(h);
	CU_ASSERT_PTR_EQUAL(x->raw.p, raw_p);
	CU_ASSERT_EQUAL(x->raw.len, raw_len);
}

/* Iteration gives the extensions in DER order, as slices of the block. */
static void test_iter(void)
{
	size_t len;
	uint8_t *buf = tu_unhex(EXT_BC EXT_SKI EXT_UNK, &len);
	xc_slice block = xc_slice_make(buf, len);
	xc_ext_iter it;
	xc_ext x;

	CU_ASSERT_EQUAL_FATAL(len, 17 + 13 + 11);
	xc_ext_iter_init(&it, block);
	CU_ASSERT_EQUAL_FATAL(xc_ext_next(&it, &x), XC_OK);
	expect_ext(&x, "551d13", true, "30030101ff", buf, 17);
	CU_ASSERT_EQUAL_FATAL(xc_ext_next(&it, &x), XC_OK);
	expect_ext(&x, "551d0e", false, "0402abcd", buf + 17, 13);
	CU_ASSERT_EQUAL_FATAL(xc_ext_next(&it, &x), XC_OK);
	expect_ext(&x, "2a0304", false, "0500", buf + 30, 11);
	CU_ASSERT_EQUAL(xc_ext_next(&it, &x), XC_END);
	CU_ASSERT_EQUAL(xc_ext_next(&it, &x), XC_END);

	/* An empty block ends at once. */
	xc_ext_iter_init(&it, xc_slice_make(buf, 0));
	CU_ASSERT_EQUAL(xc_ext_next(&it, &x), XC_END);
	free(buf);

	/* Over a bad block, the error comes at the bad extension and stays. */
	buf = tu_unhex(EXT_SKI "3005 0603551d13", &len);
	xc_ext_iter_init(&it, xc_slice_make(buf, len));
	CU_ASSERT_EQUAL(xc_ext_next(&it, &x), XC_OK);
	CU_ASSERT_EQUAL(xc_ext_next(&it, &x), XC_ERR_TRUNCATED);
	CU_ASSERT_EQUAL(xc_ext_next(&it, &x), XC_ERR_TRUNCATED);
	free(buf);
}

static void test_find(void)
{
	size_t len;
	uint8_t *buf = tu_unhex(EXT_BC EXT_SKI EXT_UNK, &len);
	xc_slice block = xc_slice_make(buf, len);
	xc_ext x;
	static const uint8_t unk[] = { 0x2a, 0x03, 0x04 };
	static const uint8_t ski[] = { 0x55, 0x1d, 0x0e };
	static const uint8_t absent[] = { 0x2a, 0x03, 0x05 };
	static const uint8_t prefix[] = { 0x2a, 0x03 };

	CU_ASSERT_EQUAL(xc_ext_find(block, xc_slice_make(unk, sizeof unk), &x), XC_OK);
	expect_ext(&x, "2a0304", false, "0500", buf + 30, 11);
	CU_ASSERT_EQUAL(xc_ext_find(block, xc_slice_make(ski, sizeof ski), &x), XC_OK);
	expect_ext(&x, "551d0e", false, "0402abcd", buf + 17, 13);
	CU_ASSERT_EQUAL(xc_ext_find(block, xc_slice_make(absent, sizeof absent), &x), XC_NOT_FOUND);
	/* a prefix of an OID is another OID */
	CU_ASSERT_EQUAL(xc_ext_find(block, xc_slice_make(prefix, sizeof prefix), &x), XC_NOT_FOUND);
	CU_ASSERT_EQUAL(xc_ext_find(xc_slice_make(buf, 0), xc_slice_make(ski, sizeof ski), &x),
	                XC_NOT_FOUND);

	/* by known id */
	CU_ASSERT_EQUAL(xc_ext_find_id(block, XC_OID_BASIC_CONSTRAINTS, &x), XC_OK);
	expect_ext(&x, "551d13", true, "30030101ff", buf, 17);
	CU_ASSERT_EQUAL(xc_ext_find_id(block, XC_OID_SUBJECT_KEY_IDENTIFIER, &x), XC_OK);
	CU_ASSERT_PTR_EQUAL(x.raw.p, buf + 17);
	CU_ASSERT_EQUAL(xc_ext_find_id(block, XC_OID_KEY_USAGE, &x), XC_NOT_FOUND);
	CU_ASSERT_EQUAL(xc_ext_find_id(block, XC_OID_UNKNOWN, &x), XC_ERR_ARG);
	CU_ASSERT_EQUAL(xc_ext_find_id(block, XC_OID_COUNT, &x), XC_ERR_ARG);
	free(buf);

	/* The first of two with the same OID. */
	buf = tu_unhex("3009 0603551d0e 0402 0401" "01" "3009 0603551d0e 0402 0401" "02", &len);
	CU_ASSERT_EQUAL(xc_ext_find_id(xc_slice_make(buf, len), XC_OID_SUBJECT_KEY_IDENTIFIER, &x),
	                XC_OK);
	CU_ASSERT_PTR_EQUAL(x.raw.p, buf);
	free(buf);

	/* A malformed extension before the match is an error, not NOT_FOUND. */
	buf = tu_unhex("3005 0603551d13" EXT_SKI, &len);
	CU_ASSERT_EQUAL(xc_ext_find(xc_slice_make(buf, len), xc_slice_make(ski, sizeof ski), &x),
	                XC_ERR_TRUNCATED);
	free(buf);
}

int main(void)
{
	static const tu_test tests[] = {
		{ "xc_ext_check (table)", test_check_table },
		{ "check offsets from a base", test_check_base },
		{ "iteration order and values", test_iter },
		{ "find and find_id", test_find },
		{ NULL, NULL },
	};
	return tu_run("ext", tests);
}
