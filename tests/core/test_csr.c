/*
 * test_csr.c - certificate signing requests (core/src/csr.c):
 * xc_csr_parse(), the attribute iterator and xc_csr_extensions(), on small
 * valid CSRs and on variants built field by field.
 *
 * Templates (the P-256 key of tests/data/cert/ec-p256.der):
 *  - tests/data/csr/ec-p256.der: `openssl req -new` with a config holding
 *    challengePassword = pw and -addext subjectAltName=DNS:a.t, so its
 *    attributes are a challengePassword and an extensionRequest;
 *  - tests/data/csr/ec-p256-noattr.der: the same without attributes (an
 *    empty [0]).
 * A row replaces or drops CertificationRequestInfo fields (hex; "" drops);
 * the builder re-encodes the lengths and knows where each field starts,
 * so the expected error offset is "field + delta".
 *
 * A malformed extensionRequest (value not an Extensions SEQUENCE, several
 * values, a bad Extension) loads, and xc_csr_extensions() reports the
 * error and where, as pyca loads the CSR and raises on `.extensions`.
 *
 * Accept/reject follows pyca/cryptography 38 (load_der_x509_csr) except:
 *  - versions other than 0 are kept as read (xc/csr.h;
 *    tests/known-differences.md), pyca raises InvalidVersion;
 *  - pyca refuses a challengePassword with two values when
 *    `.attributes` is read ("Only single-valued attributes"); the core
 *    reports the first value and the count (xc/csr.h);
 *  - an attribute with an empty SET of values is XC_ERR_EMPTY (RFC 2986:
 *    SET SIZE(1..MAX)); pyca 38 panics on it (Option::unwrap on None).
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xc/xc.h>

#include "der_build.h"

/* The CertificationRequestInfo's fields, then signatureAlgorithm and
 * signature. */
enum { F_VER, F_SUBJECT, F_SPKI, F_ATTRS, F_SIGALG, F_SIG, NF };
#define N_TBS F_SIGALG

typedef struct tmpl {
	uint8_t *der;
	size_t len;
	xc_slice f[NF];
} tmpl;

/* Splits the template with the DER reader (tested in test_der). */
static void tmpl_load(tmpl *t)
{
	xc_der d, outer, tbs;
	xc_tlv x;

	memset(t, 0, sizeof *t);
	t->der = tu_read_data("csr/ec-p256.der", &t->len);
	xc_der_init(&d, t->der, t->len);
	CU_ASSERT_FATAL(xc_der_enter(&d, XC_TAG_SEQUENCE, &outer) == XC_OK);
	CU_ASSERT_FATAL(xc_der_enter(&outer, XC_TAG_SEQUENCE, &tbs) == XC_OK);
	for (int i = 0; i < N_TBS; i++) {
		CU_ASSERT_FATAL(xc_der_read(&tbs, &x) == XC_OK);
		t->f[i] = x.raw;
	}
	CU_ASSERT_FATAL(!xc_der_more(&tbs));
	for (int i = F_SIGALG; i < NF; i++) {
		CU_ASSERT_FATAL(xc_der_read(&outer, &x) == XC_OK);
		t->f[i] = x.raw;
	}
}

/* f[i]: NULL keeps the template's field, "" drops it, else hex. at[i] is
 * where field i starts (or would have) in the output. */
static void build(const tmpl *t, const char *const f[NF], blob *out, size_t at[NF])
{
	blob fld[NF];
	size_t tbs_len = 0, rest_len = 0;

	for (int i = 0; i < NF; i++) {
		fld[i].len = 0;
		if (!f[i])
			put(&fld[i], t->f[i].p, t->f[i].len);
		else
			put_hex(&fld[i], f[i]);
		if (i < N_TBS)
			tbs_len += fld[i].len;
		else
			rest_len += fld[i].len;
	}
	size_t tbs_tlv = hdr_len(tbs_len) + tbs_len;
	out->len = 0;
	put_hdr(out, 0x30, tbs_tlv + rest_len);
	put_hdr(out, 0x30, tbs_len);
	for (int i = 0; i < NF; i++) {
		at[i] = out->len;
		put(out, fld[i].b, fld[i].len);
	}
}

typedef struct csr_case {
	const char *desc;
	const char *f[NF];
	xc_err err;
	int off_field;
	size_t off_delta;
	/* for XC_OK rows */
	int64_t version;
	size_t attr_count;
	xc_err ext_err;         /* of xc_csr_extensions() */
	size_t ext_count;       /* when it gives XC_OK */
	size_t ext_off;         /* its error offset, from the start of F_ATTRS */
} csr_case;

#define ERR(e, field, delta) .err = (e), .off_field = (field), .off_delta = (delta)
#define OK(v, na, xe, nx) .err = XC_OK, .version = (v), .attr_count = (na), \
	.ext_err = (xe), .ext_count = (nx)
/* Parses (version 0, na attributes), but xc_csr_extensions() fails. */
#define XERR(na, xe, delta) .err = XC_OK, .version = 0, .attr_count = (na), \
	.ext_err = (xe), .ext_off = (delta)

/* The template's two attributes, and the OIDs used to make others. */
#define PW "301106092a864886f70d01090731040c027077"
#define EXTREQ "301f06092a864886f70d01090e31123010300e0603551d11040730058203612e74"
#define OID_PW "06092a864886f70d010907"
#define OID_EXTREQ "06092a864886f70d01090e"
#define OID_MS_EXTREQ "060a2b06010401823702010e"

static const csr_case csr_cases[] = {
	{ .desc = "template", .f = { NULL }, OK(0, 2, XC_OK, 1) },

	/* attributes */
	{ .desc = "no attributes (empty [0])", .f = { [F_ATTRS] = "a000" },
	  OK(0, 0, XC_NOT_FOUND, 0) },
	{ .desc = "challengePassword only", .f = { [F_ATTRS] = "a013" PW },
	  OK(0, 1, XC_NOT_FOUND, 0) },
	{ .desc = "extension request only", .f = { [F_ATTRS] = "a021" EXTREQ },
	  OK(0, 1, XC_OK, 1) },
	{ .desc = "Microsoft extension request",
	  .f = { [F_ATTRS] = "a022" "3020" OID_MS_EXTREQ "31123010300e0603551d11040730058203612e74" },
	  OK(0, 1, XC_OK, 1) },
	{ .desc = "extension request with no extensions (pyca: [])",
	  .f = { [F_ATTRS] = "a011" "300f" OID_EXTREQ "31023000" },
	  OK(0, 1, XC_OK, 0) },
	{ .desc = "attribute with two values",
	  .f = { [F_ATTRS] = "a017" "3015" OID_PW "3108" "0c027077" "0c027078" },
	  OK(0, 1, XC_NOT_FOUND, 0) },
	{ .desc = "attribute with an empty SET", .f = { [F_ATTRS] = "a00f" "300d" OID_PW "3100" },
	  ERR(XC_ERR_EMPTY, F_ATTRS, 15) },
	{ .desc = "second attribute with an empty SET",
	  .f = { [F_ATTRS] = "a022" PW "300d" OID_PW "3100" },
	  ERR(XC_ERR_EMPTY, F_ATTRS, 34) },
	{ .desc = "attribute without values", .f = { [F_ATTRS] = "a00d" "300b" OID_PW },
	  ERR(XC_ERR_TRUNCATED, F_ATTRS, 15) },
	{ .desc = "attribute values not a SET", .f = { [F_ATTRS] = "a00f" "300d" OID_PW "3000" },
	  ERR(XC_ERR_TAG, F_ATTRS, 15) },
	{ .desc = "attribute type not an OID",
	  .f = { [F_ATTRS] = "a009" "3007" "040100" "31020500" },
	  ERR(XC_ERR_TAG, F_ATTRS, 4) },
	{ .desc = "attribute with data after its values",
	  .f = { [F_ATTRS] = "a015" "3013" OID_PW "31040c027077" "0500" },
	  ERR(XC_ERR_TRAILING, F_ATTRS, 21) },
	{ .desc = "extension request with two values",
	  .f = { [F_ATTRS] = "a013" "3011" OID_EXTREQ "3104" "3000" "3000" },
	  XERR(1, XC_ERR_TAG, 2) },
	{ .desc = "extension request value not a SEQUENCE",
	  .f = { [F_ATTRS] = "a011" "300f" OID_EXTREQ "3102" "0400" },
	  XERR(1, XC_ERR_TAG, 17) },
	{ .desc = "requested extension with explicit critical FALSE",
	  .f = { [F_ATTRS] = "a01f" "301d" OID_EXTREQ "3110" "300e" "300c" "0603551d11" "010100"
	                     "04023000" },
	  XERR(1, XC_ERR_DEFAULT, 26) },
	{ .desc = "extension request: Extensions and a NULL",
	 .f = { [F_ATTRS] = "a013" "3011" OID_EXTREQ "3104" "3000" "0500" },
	  XERR(1, XC_ERR_TAG, 2) },
	{ .desc = "second of two extension requests malformed: the first is used",
	 .f = { [F_ATTRS] = "a034" "3011" OID_EXTREQ "3104" "3000" "0500" EXTREQ },
	  XERR(2, XC_ERR_TAG, 2) },
	/* 3011... sorts before 301f...: DER's SET OF order (X.690 11.6). */
	{ .desc = "attributes out of DER order",
	 .f = { [F_ATTRS] = "a034" EXTREQ "3011" OID_EXTREQ "3104" "3000" "0500" },
	  ERR(XC_ERR_SET_ORDER, F_ATTRS, 2 + 33) },
	{ .desc = "attributes missing",
	  .f = { [F_ATTRS] = "" }, ERR(XC_ERR_TRUNCATED, F_ATTRS, 0) },
	{ .desc = "attributes as a SET, not [0]", .f = { [F_ATTRS] = "3100" },
	  ERR(XC_ERR_TAG, F_ATTRS, 0) },
	{ .desc = "data after attributes", .f = { [F_ATTRS] = "a0000500" },
	  ERR(XC_ERR_TRAILING, F_ATTRS, 2) },

	/* version, subject, key */
	{ .desc = "version 1 kept", .f = { [F_VER] = "020101" }, OK(1, 2, XC_OK, 1) },
	{ .desc = "version -1", .f = { [F_VER] = "0201ff" }, ERR(XC_ERR_VERSION, F_VER, 2) },
	{ .desc = "version of 9 octets", .f = { [F_VER] = "0209010101010101010101" },
	  ERR(XC_ERR_VERSION, F_VER, 2) },
	{ .desc = "version missing", .f = { [F_VER] = "" }, ERR(XC_ERR_TAG, F_VER, 0) },
	{ .desc = "version not minimal", .f = { [F_VER] = "02020000" }, ERR(XC_ERR_INT, F_VER, 2) },
	{ .desc = "empty subject", .f = { [F_SUBJECT] = "3000" }, OK(0, 2, XC_OK, 1) },
	/* pyca loads it and raises on .subject only (xc/name.h) */
	{ .desc = "subject with an empty RDN", .f = { [F_SUBJECT] = "30023100" },
	  OK(0, 2, XC_OK, 1) },
	{ .desc = "subjectPKInfo missing", .f = { [F_SPKI] = "" }, ERR(XC_ERR_TAG, F_SPKI, 0) },

	/* signature */
	{ .desc = "signature padding bit set", .f = { [F_SIG] = "0303010003" },
	  ERR(XC_ERR_BITSTRING, F_SIG, 4) },
	{ .desc = "signatureAlgorithm missing", .f = { [F_SIGALG] = "" },
	  ERR(XC_ERR_TAG, F_SIGALG, 0) },
};

static void test_table(void)
{
	tmpl t;

	tmpl_load(&t);
	for (size_t i = 0; i < sizeof csr_cases / sizeof csr_cases[0]; i++) {
		const csr_case *k = &csr_cases[i];
		blob b;
		size_t at[NF];
		xc_csr csr;
		size_t off = (size_t)-1;

		build(&t, k->f, &b, at);
		xc_err e = xc_csr_parse(&csr, b.b, b.len, &off);
		size_t want_off = k->err ? at[k->off_field] + k->off_delta : 0;
		if (e != k->err || (k->err && off != want_off)) {
			fprintf(stderr, "\n  %s: got %s at %zu, want %s at %zu\n", k->desc,
			        xc_errname(e), off, xc_errname(k->err), want_off);
			CU_FAIL("csr_cases row");
			continue;
		}
		if (e)
			continue;
		CU_ASSERT(csr.der.p == b.b && csr.der.len == b.len);
		CU_ASSERT_EQUAL(csr.version, k->version);
		CU_ASSERT_EQUAL(csr.attr_count, k->attr_count);

		/* The iterator agrees with attr_count and never fails on a
		 * parsed CSR. */
		xc_csr_attr_iter it;
		xc_csr_attr a;
		size_t n = 0;
		xc_csr_attr_iter_init(&it, &csr);
		while ((e = xc_csr_attr_next(&it, &a)) == XC_OK)
			n++;
		CU_ASSERT_EQUAL(e, XC_END);
		CU_ASSERT_EQUAL(n, csr.attr_count);

		xc_slice exts = { NULL, 0 };
		size_t count = 99;
		off = (size_t)-1;
		e = xc_csr_extensions(&csr, &exts, &count, &off);
		want_off = at[F_ATTRS] + k->ext_off;
		if (e != k->ext_err || (e >= XC_ERR_FIRST && off != want_off)) {
			fprintf(stderr, "\n  %s: xc_csr_extensions got %s at %zu, want %s at %zu\n",
			        k->desc, xc_errname(e), off, xc_errname(k->ext_err), want_off);
			CU_FAIL("csr_cases extensions");
		} else if (e == XC_OK) {
			CU_ASSERT_EQUAL(count, k->ext_count);
			CU_ASSERT(exts.p >= b.b && exts.p + exts.len <= b.b + b.len);
		}
	}
	free(t.der);
}

static void test_template_fields(void)
{
	size_t len;
	uint8_t *der = tu_read_data("csr/ec-p256.der", &len);
	xc_csr csr;
	size_t off;
	char buf[256];

	CU_ASSERT_FATAL(xc_csr_parse(&csr, der, len, &off) == XC_OK);
	CU_ASSERT(csr.der.p == der && csr.der.len == len);
	CU_ASSERT(csr.tbs.p == der + 3 && csr.tbs.len == 165);
	CU_ASSERT_EQUAL(csr.version, 0);
	CU_ASSERT_STRING_EQUAL(xc_csr_version_name(&csr), "v1");
	CU_ASSERT_EQUAL(xc_name_rfc4514(csr.subject, buf, sizeof buf, NULL), XC_OK);
	CU_ASSERT_STRING_EQUAL(buf, "CN=t");
	CU_ASSERT(csr.subject_raw.p == der + 9 && csr.subject_raw.len == 14);
	CU_ASSERT(csr.spki.p == der + 23 && csr.spki.len == 91);
	CU_ASSERT(csr.attributes.p == der + 116 && csr.attributes.len == 52);
	CU_ASSERT_EQUAL(csr.attr_count, 2);
	CU_ASSERT_STRING_EQUAL(xc_oid_name(csr.sig_alg.oid), "ecdsa-with-SHA256");
	CU_ASSERT(csr.signature.p == der + 183 && csr.signature.len == 71);

	xc_spki k;
	CU_ASSERT_EQUAL(xc_spki_parse(&k, csr.spki, der, &off), XC_OK);
	CU_ASSERT_EQUAL(k.type, XC_KEY_EC);

	/* Attributes in DER order. */
	xc_csr_attr_iter it;
	xc_csr_attr a;
	xc_csr_attr_iter_init(&it, &csr);
	CU_ASSERT_FATAL(xc_csr_attr_next(&it, &a) == XC_OK);
	CU_ASSERT(xc_oid_is(a.oid, XC_OID_CHALLENGE_PASSWORD));
	CU_ASSERT(a.raw.p == der + 116 && a.raw.len == 19);
	CU_ASSERT_EQUAL(a.value_count, 1);
	CU_ASSERT_EQUAL(a.tag, XC_TAG_UTF8_STRING);
	CU_ASSERT(a.value.len == 2 && memcmp(a.value.p, "pw", 2) == 0);
	{
		/* As a string: the attribute's OID + decoded value. */
		char text[16];
		size_t tlen = 0;
		CU_ASSERT_EQUAL(xc_string_to_utf8(a.tag, a.value, text, sizeof text, &tlen), XC_OK);
		CU_ASSERT(tlen == 2 && strcmp(text, "pw") == 0);
		CU_ASSERT_STRING_EQUAL(xc_oid_name(a.oid), "challengePassword");
	}
	CU_ASSERT_STRING_EQUAL(tu_hex_tmp(a.value_raw.p, a.value_raw.len), "0c027077");
	CU_ASSERT_STRING_EQUAL(tu_hex_tmp(a.values.p, a.values.len), "0c027077");
	CU_ASSERT_FATAL(xc_csr_attr_next(&it, &a) == XC_OK);
	CU_ASSERT(xc_oid_is(a.oid, XC_OID_EXTENSION_REQUEST));
	CU_ASSERT_EQUAL(a.value_count, 1);
	CU_ASSERT_EQUAL(a.tag, XC_TAG_SEQUENCE);
	/* pyca's Attribute.value: the contents octets */
	CU_ASSERT_STRING_EQUAL(tu_hex_tmp(a.value.p, a.value.len),
	                       "300e0603551d11040730058203612e74");
	CU_ASSERT_EQUAL(xc_csr_attr_next(&it, &a), XC_END);
	CU_ASSERT_EQUAL(xc_csr_attr_next(&it, &a), XC_END);

	xc_slice exts;
	size_t count = 0;
	CU_ASSERT_FATAL(xc_csr_extensions(&csr, &exts, &count, NULL) == XC_OK);
	CU_ASSERT_EQUAL(count, 1);
	CU_ASSERT(exts.p == der + 152 && exts.len == 16);
	xc_ext x;
	CU_ASSERT_EQUAL(xc_ext_find_id(exts, XC_OID_SUBJECT_ALTERNATIVE_NAME, &x), XC_OK);
	CU_ASSERT(!x.critical);
	CU_ASSERT_STRING_EQUAL(tu_hex_tmp(x.value.p, x.value.len), "30058203612e74"); /* DNS:a.t */
	/* count and off may be NULL */
	CU_ASSERT_EQUAL(xc_csr_extensions(&csr, &exts, NULL, NULL), XC_OK);
	free(der);
}

/* The second attribute's first value is the one reported. */
static void test_multi_valued(void)
{
	tmpl t;
	blob b;
	size_t at[NF];
	xc_csr csr;
	xc_csr_attr_iter it;
	xc_csr_attr a;

	tmpl_load(&t);
	const char *f[NF] = { [F_ATTRS] = "a017" "3015" OID_PW "3108" "0c027077" "0c027078" };
	build(&t, f, &b, at);
	CU_ASSERT_FATAL(xc_csr_parse(&csr, b.b, b.len, NULL) == XC_OK);
	xc_csr_attr_iter_init(&it, &csr);
	CU_ASSERT_FATAL(xc_csr_attr_next(&it, &a) == XC_OK);
	CU_ASSERT_EQUAL(a.value_count, 2);
	CU_ASSERT(a.value.len == 2 && memcmp(a.value.p, "pw", 2) == 0);
	CU_ASSERT(a.value_raw.p == b.b + at[F_ATTRS] + 17);
	CU_ASSERT_EQUAL(a.values.len, 8);
	free(t.der);
}

static void test_no_attributes(void)
{
	size_t len;
	uint8_t *der = tu_read_data("csr/ec-p256-noattr.der", &len);
	xc_csr csr;
	xc_slice exts;
	size_t count;

	CU_ASSERT_FATAL(xc_csr_parse(&csr, der, len, NULL) == XC_OK);
	CU_ASSERT_EQUAL(csr.attr_count, 0);
	CU_ASSERT(csr.attributes.p == der + 115 && csr.attributes.len == 0);
	CU_ASSERT_EQUAL(xc_csr_extensions(&csr, &exts, &count, NULL), XC_NOT_FOUND);
	xc_csr_attr_iter it;
	xc_csr_attr a;
	xc_csr_attr_iter_init(&it, &csr);
	CU_ASSERT_EQUAL(xc_csr_attr_next(&it, &a), XC_END);
	free(der);
}

static void test_version_name(void)
{
	xc_csr csr;
	memset(&csr, 0, sizeof csr);
	CU_ASSERT_STRING_EQUAL(xc_csr_version_name(&csr), "v1");
	csr.version = 1;
	CU_ASSERT_PTR_NULL(xc_csr_version_name(&csr));
	csr.version = 2;
	CU_ASSERT_PTR_NULL(xc_csr_version_name(&csr));
	csr.version = -1;
	CU_ASSERT_PTR_NULL(xc_csr_version_name(&csr));
}

static void test_truncated_everywhere(void)
{
	static const char *const files[] = { "csr/ec-p256.der", "csr/ec-p256-noattr.der" };
	for (size_t f = 0; f < 2; f++) {
		size_t len;
		uint8_t *der = tu_read_data(files[f], &len);
		for (size_t n = 0; n < len; n++) {
			uint8_t *cut = malloc(n ? n : 1);
			memcpy(cut, der, n);
			xc_csr csr;
			size_t off = (size_t)-1;
			xc_err e = xc_csr_parse(&csr, cut, n, &off);
			CU_ASSERT(e >= XC_ERR_FIRST && e < XC_ERR_LAST);
			CU_ASSERT(off <= n);
			free(cut);
		}
		free(der);
	}
}

/* The CertificationRequestInfo's contents cut at every length, lengths
 * re-encoded: every cut is an error, since the attributes are mandatory. */
static void test_tbs_truncated_everywhere(void)
{
	tmpl t;
	tmpl_load(&t);
	const uint8_t *tbs = t.f[F_VER].p;
	size_t tbs_len = (size_t)(t.f[F_ATTRS].p + t.f[F_ATTRS].len - tbs);

	for (size_t k = 0; k < tbs_len; k++) {
		blob b = { .len = 0 };
		size_t rest = t.f[F_SIGALG].len + t.f[F_SIG].len;
		put_hdr(&b, 0x30, hdr_len(k) + k + rest);
		put_hdr(&b, 0x30, k);
		put(&b, tbs, k);
		put(&b, t.f[F_SIGALG].p, t.f[F_SIGALG].len);
		put(&b, t.f[F_SIG].p, t.f[F_SIG].len);

		xc_csr csr;
		size_t off = (size_t)-1;
		xc_err e = xc_csr_parse(&csr, b.b, b.len, &off);
		if (e < XC_ERR_FIRST || off > b.len) {
			fprintf(stderr, "\n  tbs cut at %zu: %s at %zu\n", k, xc_errname(e), off);
			CU_FAIL("tbs truncation");
		}
		CU_ASSERT(off >= hdr_len(hdr_len(k) + k + rest));
		CU_ASSERT(off <= hdr_len(hdr_len(k) + k + rest) + hdr_len(k) + k);
	}
	free(t.der);
}

static void test_outer_mutations(void)
{
	size_t len;
	uint8_t *der = tu_read_data("csr/ec-p256.der", &len);
	uint8_t *b = malloc(len + 8);
	xc_csr csr;
	size_t off;

	memcpy(b, der, len);
	b[len] = 0;
	CU_ASSERT_EQUAL(xc_csr_parse(&csr, b, len + 1, &off), XC_ERR_TRAILING);
	CU_ASSERT_EQUAL(off, len);

	memcpy(b, der, len);
	b[0] = 0xa0;
	CU_ASSERT_EQUAL(xc_csr_parse(&csr, b, len, &off), XC_ERR_TAG);
	CU_ASSERT_EQUAL(off, 0);

	/* 30 81 fb -> 30 80 ... 00 00 */
	b[0] = 0x30;
	b[1] = 0x80;
	memcpy(b + 2, der + 3, len - 3);
	b[len - 1] = 0;
	b[len] = 0;
	CU_ASSERT_EQUAL(xc_csr_parse(&csr, b, len + 1, &off), XC_ERR_LEN_INDEFINITE);
	CU_ASSERT_EQUAL(off, 1);

	/* A certificate is not a CSR: its tbs starts with [0], not the
	 * version INTEGER. */
	size_t clen;
	uint8_t *cert = tu_read_data("cert/ec-p256.der", &clen);
	CU_ASSERT_EQUAL(xc_csr_parse(&csr, cert, clen, &off), XC_ERR_TAG);
	CU_ASSERT_EQUAL(off, 8);
	free(cert);

	free(b);
	free(der);
}

int main(void)
{
	static const tu_test tests[] = {
		{ "template fields and attributes", test_template_fields },
		{ "table of variants", test_table },
		{ "multi-valued attribute", test_multi_valued },
		{ "no attributes", test_no_attributes },
		{ "version names", test_version_name },
		{ "truncated at every length", test_truncated_everywhere },
		{ "tbs truncated at every length", test_tbs_truncated_everywhere },
		{ "outer mutations", test_outer_mutations },
		{ NULL, NULL },
	};
	return tu_run("csr", tests);
}
