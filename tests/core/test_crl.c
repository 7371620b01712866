/*
 * test_crl.c - certificate revocation lists (core/src/crl.c):
 * xc_crl_parse(), the revoked-entry iterator and lookup, on a small valid
 * CRL and on variants of it built field by field.
 *
 * The template is tests/data/crl/ec-p256.der, made by `openssl ca -gencrl`
 * with the P-256 key of tests/data/cert/ec-p256.der after revoking serial
 * 0x11 (-crl_reason keyCompromise: an entry with a cRLReason extension)
 * and serial 0x21 (no reason: an entry without extensions); it is v2 with
 * a cRLNumber extension. A row replaces or drops TBSCertList fields (hex;
 * "" drops), the builder re-encodes the lengths and knows where each field
 * starts: the expected error offset is "field + delta".
 *
 * Accept/reject follows pyca/cryptography 38 (load_der_x509_crl on the
 * same bytes), except for version values, which the core keeps as read
 * (xc/crl.h; tests/known-differences.md): pyca refuses any version but 1,
 * including an explicit 0.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xc/xc.h>

#include "der_build.h"

/* The TBSCertList's fields, then signatureAlgorithm and signatureValue. */
enum {
	F_VER, F_ALG, F_ISSUER, F_THIS, F_NEXT, F_REVOKED, F_EXTS,
	F_SIGALG, F_SIG, NF
};
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
	t->der = tu_read_data("crl/ec-p256.der", &t->len);
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

#define ABSENT (-1)

typedef struct crl_case {
	const char *desc;
	const char *f[NF];
	xc_err err;
	int off_field;
	size_t off_delta;
	/* for XC_OK rows */
	int version;            /* ABSENT: no version field */
	const char *version_name;
	const char *next;       /* xc_time_format() of nextUpdate, NULL if absent */
	int revoked;            /* ABSENT: no revokedCertificates */
	int ext_count;          /* ABSENT: no crlExtensions */
} crl_case;

#define ERR(e, field, delta) .err = (e), .off_field = (field), .off_delta = (delta)
#define OK(v, vn, nx, r, x) .err = XC_OK, .version = (v), .version_name = (vn), \
	.next = (nx), .revoked = (r), .ext_count = (x)

/* Pieces of the template: its two revoked entries, and a bad UTCTime. */
#define E1 "3020020111170d3236313132333130353531375a300c300a0603551d1504030a0101"
#define E2 "3012020121170d3236313132333130353531385a"
#define MONTH13 "170d3236313332333130353531375a"
#define NEXT "2026-11-24T10:55:18Z"

static const crl_case crl_cases[] = {
	{ .desc = "template (v2)", .f = { NULL }, OK(1, "v2", NEXT, 2, 1) },

	/* version */
	{ .desc = "v1: no version, no extensions, entries without extensions",
	  .f = { [F_VER] = "", [F_REVOKED] = "3014" E2, [F_EXTS] = "" },
	  OK(ABSENT, "v1", NEXT, 1, ABSENT) },
	{ .desc = "v1 without revoked list", .f = { [F_VER] = "", [F_REVOKED] = "", [F_EXTS] = "" },
	  OK(ABSENT, "v1", NEXT, ABSENT, ABSENT) },
	{ .desc = "explicit version 0 kept", .f = { [F_VER] = "020100" },
	  OK(0, "v1", NEXT, 2, 1) },
	{ .desc = "version 2 kept", .f = { [F_VER] = "020102" }, OK(2, NULL, NEXT, 2, 1) },
	{ .desc = "version 5 kept", .f = { [F_VER] = "020105" }, OK(5, NULL, NEXT, 2, 1) },
	{ .desc = "version -1", .f = { [F_VER] = "0201ff" }, ERR(XC_ERR_VERSION, F_VER, 2) },
	{ .desc = "version of 9 octets", .f = { [F_VER] = "0209010101010101010101" },
	  ERR(XC_ERR_VERSION, F_VER, 2) },
	{ .desc = "version not minimal", .f = { [F_VER] = "02020001" }, ERR(XC_ERR_INT, F_VER, 2) },
	{ .desc = "empty version INTEGER", .f = { [F_VER] = "0200" }, ERR(XC_ERR_INT, F_VER, 2) },

	/* signature, issuer */
	{ .desc = "signature AlgorithmIdentifier missing", .f = { [F_ALG] = "" },
	  ERR(XC_ERR_TAG, F_ALG, 2) },
	/* pyca loads it and raises on .issuer only (xc/name.h) */
	{ .desc = "issuer with an empty RDN", .f = { [F_ISSUER] = "30023100" },
	  OK(1, "v2", NEXT, 2, 1) },

	/* thisUpdate, nextUpdate */
	{ .desc = "no nextUpdate", .f = { [F_NEXT] = "" }, OK(1, "v2", NULL, 2, 1) },
	{ .desc = "GeneralizedTime updates",
	  .f = { [F_THIS] = "180f32303135303130313030303030305a",
	         [F_NEXT] = "180f32303136303130313030303030305a" },
	  OK(1, "v2", "2016-01-01T00:00:00Z", 2, 1) },
	{ .desc = "thisUpdate month 13", .f = { [F_THIS] = MONTH13 },
	  ERR(XC_ERR_TIME_RANGE, F_THIS, 2) },
	{ .desc = "nextUpdate month 13", .f = { [F_NEXT] = MONTH13 },
	  ERR(XC_ERR_TIME_RANGE, F_NEXT, 2) },
	{ .desc = "thisUpdate missing", .f = { [F_THIS] = "", [F_NEXT] = "" },
	  ERR(XC_ERR_TAG, F_THIS, 0) },
	{ .desc = "thisUpdate not a time", .f = { [F_THIS] = "0400" },
	  ERR(XC_ERR_TAG, F_THIS, 0) },

	/* revokedCertificates */
	{ .desc = "no revoked list", .f = { [F_REVOKED] = "" }, OK(1, "v2", NEXT, ABSENT, 1) },
	{ .desc = "no nextUpdate, no revoked list", .f = { [F_NEXT] = "", [F_REVOKED] = "" },
	  OK(1, "v2", NULL, ABSENT, 1) },
	{ .desc = "empty revoked list (pyca: no entries)", .f = { [F_REVOKED] = "3000" },
	  OK(1, "v2", NEXT, 0, 1) },
	{ .desc = "entry with an empty extensions SEQUENCE",
	  .f = { [F_REVOKED] = "30163014020121170d3236313132333130353531385a3000" },
	  OK(1, "v2", NEXT, 1, 1) },
	{ .desc = "three entries", .f = { [F_REVOKED] = "304a" E1 E2 E2 },
	  OK(1, "v2", NEXT, 3, 1) },
	{ .desc = "entry time month 13", .f = { [F_REVOKED] = "30143012020121" MONTH13 },
	  ERR(XC_ERR_TIME_RANGE, F_REVOKED, 9) },
	{ .desc = "second entry time month 13", .f = { [F_REVOKED] = "3036" E1 "3012020121" MONTH13 },
	  ERR(XC_ERR_TIME_RANGE, F_REVOKED, 43) },
	{ .desc = "entry serial not minimal",
	  .f = { [F_REVOKED] = "3015301302020011170d3236313132333130353531385a" },
	  ERR(XC_ERR_INT, F_REVOKED, 6) },
	{ .desc = "entry without revocationDate", .f = { [F_REVOKED] = "30053003020121" },
	  ERR(XC_ERR_TRUNCATED, F_REVOKED, 7) },
	{ .desc = "entry not a SEQUENCE", .f = { [F_REVOKED] = "3003020121" },
	  ERR(XC_ERR_TAG, F_REVOKED, 2) },
	{ .desc = "entry with data after its extensions",
	  .f = { [F_REVOKED] = "3018" "3016020121170d3236313132333130353531385a30000500" },
	  ERR(XC_ERR_TRAILING, F_REVOKED, 24) },
	{ .desc = "entry extension with explicit critical FALSE",
	  .f = { [F_REVOKED] = "3025" "3023020121170d3236313132333130353531385a"
	                       "300f300d0603551d150101000403 0a0101" },
	  ERR(XC_ERR_DEFAULT, F_REVOKED, 31) },
	{ .desc = "entry extensions not a SEQUENCE",
	  .f = { [F_REVOKED] = "3016" "3014020121170d3236313132333130353531385a0500" },
	  ERR(XC_ERR_TAG, F_REVOKED, 22) },

	/* crlExtensions */
	{ .desc = "empty crlExtensions SEQUENCE", .f = { [F_EXTS] = "a0023000" },
	  OK(1, "v2", NEXT, 2, 0) },
	{ .desc = "empty [0]", .f = { [F_EXTS] = "a000" }, ERR(XC_ERR_TRUNCATED, F_EXTS, 2) },
	{ .desc = "data after crlExtensions", .f = { [F_EXTS] = "a00230000500" },
	  ERR(XC_ERR_TRAILING, F_EXTS, 4) },
	{ .desc = "crlExtensions [1] instead of [0]", .f = { [F_EXTS] = "a1023000" },
	  ERR(XC_ERR_TRAILING, F_EXTS, 0) },

	/* signatureValue */
	{ .desc = "signature padding bit set", .f = { [F_SIG] = "0303010003" },
	  ERR(XC_ERR_BITSTRING, F_SIG, 4) },
	{ .desc = "signature with 1 unused bit, padding zero", .f = { [F_SIG] = "0303010002" },
	  OK(1, "v2", NEXT, 2, 1) },
	{ .desc = "signature missing", .f = { [F_SIG] = "" }, ERR(XC_ERR_TRUNCATED, F_SIG, 0) },
};

static void test_table(void)
{
	tmpl t;
	char buf[64];

	tmpl_load(&t);
	for (size_t i = 0; i < sizeof crl_cases / sizeof crl_cases[0]; i++) {
		const crl_case *k = &crl_cases[i];
		blob b;
		size_t at[NF];
		xc_crl crl;
		size_t off = (size_t)-1;

		build(&t, k->f, &b, at);
		xc_err e = xc_crl_parse(&crl, b.b, b.len, &off);
		size_t want_off = k->err ? at[k->off_field] + k->off_delta : 0;
		if (e != k->err || (k->err && off != want_off)) {
			fprintf(stderr, "\n  %s: got %s at %zu, want %s at %zu\n", k->desc,
			        xc_errname(e), off, xc_errname(k->err), want_off);
			CU_FAIL("crl_cases row");
			continue;
		}
		if (e)
			continue;
		CU_ASSERT(crl.der.p == b.b && crl.der.len == b.len);
		CU_ASSERT_EQUAL(crl.version_present, k->version != ABSENT);
		CU_ASSERT_EQUAL(crl.version, k->version == ABSENT ? 0 : k->version);
		const char *vn = xc_crl_version_name(&crl);
		CU_ASSERT((vn == NULL) == (k->version_name == NULL));
		if (vn && k->version_name)
			CU_ASSERT_STRING_EQUAL(vn, k->version_name);
		CU_ASSERT_EQUAL(crl.has_next_update, k->next != NULL);
		if (k->next) {
			CU_ASSERT_EQUAL(xc_time_format(&crl.next_update, buf, sizeof buf), XC_OK);
			CU_ASSERT_STRING_EQUAL(buf, k->next);
		}
		CU_ASSERT_EQUAL(xc_slice_present(crl.revoked), k->revoked != ABSENT);
		CU_ASSERT_EQUAL(crl.revoked_count, k->revoked == ABSENT ? 0 : (size_t)k->revoked);
		CU_ASSERT_EQUAL(xc_slice_present(crl.extensions), k->ext_count != ABSENT);
		CU_ASSERT_EQUAL(crl.ext_count, k->ext_count == ABSENT ? 0 : (size_t)k->ext_count);

		/* The iterator agrees with revoked_count. */
		xc_revoked_iter it;
		xc_revoked r;
		size_t n = 0;
		xc_revoked_iter_init(&it, &crl);
		while ((e = xc_revoked_next(&it, &r)) == XC_OK)
			n++;
		CU_ASSERT_EQUAL(e, XC_END);
		CU_ASSERT_EQUAL(n, crl.revoked_count);
	}
	free(t.der);
}

/*
 * Field errors (xc/time.h, xc/name.h): pyca 38 loads a CRL whose
 * thisUpdate, nextUpdate or revocationDate is in year 0000 and raises on
 * that field only; the parse succeeds and the time carries the error.
 */
static void test_field_errors(void)
{
	static const char *const y0 = "180f30303030303130313030303030305a";
	tmpl t;
	tmpl_load(&t);
	const char *f[NF] = { [F_ISSUER] = "30023100", [F_THIS] = y0, [F_NEXT] = y0,
	                      [F_REVOKED] = "3016" "3014020121180f30303030303130313030303030305a" };
	blob b;
	size_t at[NF], off = 0;
	xc_crl crl;
	xc_revoked_iter it;
	xc_revoked r;
	char buf[64];

	build(&t, f, &b, at);
	CU_ASSERT_EQUAL_FATAL(xc_crl_parse(&crl, b.b, b.len, &off), XC_OK);
	CU_ASSERT_EQUAL(xc_name_rfc4514(crl.issuer, buf, sizeof buf, NULL), XC_ERR_RDN_EMPTY);
	CU_ASSERT_EQUAL(xc_time_format(&crl.last_update, buf, sizeof buf), XC_ERR_YEAR_ZERO);
	CU_ASSERT_EQUAL(xc_time_format(&crl.next_update, buf, sizeof buf), XC_ERR_YEAR_ZERO);
	CU_ASSERT_EQUAL((size_t)(crl.last_update.value.p - b.b), at[F_THIS] + 2);
	xc_revoked_iter_init(&it, &crl);
	CU_ASSERT_EQUAL_FATAL(xc_revoked_next(&it, &r), XC_OK);
	CU_ASSERT_EQUAL(r.revocation_date.err, XC_ERR_YEAR_ZERO);
	CU_ASSERT_EQUAL(xc_time_format(&r.revocation_date, buf, sizeof buf), XC_ERR_YEAR_ZERO);
	CU_ASSERT_EQUAL(xc_revoked_next(&it, &r), XC_END);
	CU_ASSERT_EQUAL(crl.ext_count, 1);
	free(t.der);
}

static void test_template_fields(void)
{
	size_t len;
	uint8_t *der = tu_read_data("crl/ec-p256.der", &len);
	xc_crl crl;
	size_t off;
	char buf[256];

	CU_ASSERT_FATAL(xc_crl_parse(&crl, der, len, &off) == XC_OK);
	CU_ASSERT(crl.der.p == der && crl.der.len == len);
	CU_ASSERT(crl.tbs.p == der + 3 && crl.tbs.len == 134);
	CU_ASSERT(crl.version_present);
	CU_ASSERT_EQUAL(crl.version, 1);
	CU_ASSERT_STRING_EQUAL(xc_crl_version_name(&crl), "v2");
	CU_ASSERT_STRING_EQUAL(xc_oid_name(crl.tbs_sig_alg.oid), "ecdsa-with-SHA256");
	CU_ASSERT_STRING_EQUAL(xc_oid_name(crl.sig_alg.oid), "ecdsa-with-SHA256");
	CU_ASSERT_EQUAL(xc_name_rfc4514(crl.issuer, buf, sizeof buf, NULL), XC_OK);
	CU_ASSERT_STRING_EQUAL(buf, "CN=t");
	CU_ASSERT(crl.issuer_raw.p == der + 21 && crl.issuer_raw.len == 14);
	CU_ASSERT_EQUAL(xc_time_format(&crl.last_update, buf, sizeof buf), XC_OK);
	CU_ASSERT_STRING_EQUAL(buf, "2026-11-23T10:55:18Z");
	CU_ASSERT_EQUAL(crl.last_update.tag, XC_TAG_UTC_TIME);
	CU_ASSERT(crl.has_next_update);
	CU_ASSERT(crl.revoked.p == der + 67 && crl.revoked.len == 54);
	CU_ASSERT_EQUAL(crl.revoked_count, 2);
	CU_ASSERT(crl.extensions.p == der + 125 && crl.extensions.len == 12);
	CU_ASSERT_EQUAL(crl.ext_count, 1);
	xc_ext x;
	CU_ASSERT_EQUAL(xc_ext_find_id(crl.extensions, XC_OID_CRL_NUMBER, &x), XC_OK);
	CU_ASSERT_STRING_EQUAL(tu_hex_tmp(x.value.p, x.value.len), "020101");
	CU_ASSERT(crl.signature.p == der + 152 && crl.signature.len == 71);

	/* Entries in DER order: 0x11 with a cRLReason, then 0x21 without
	 * extensions. */
	xc_revoked_iter it;
	xc_revoked r;
	xc_revoked_iter_init(&it, &crl);
	CU_ASSERT_FATAL(xc_revoked_next(&it, &r) == XC_OK);
	CU_ASSERT(r.raw.p == der + 67 && r.raw.len == 34);
	CU_ASSERT_STRING_EQUAL(tu_hex_tmp(r.serial.p, r.serial.len), "11");
	CU_ASSERT_EQUAL(xc_time_format(&r.revocation_date, buf, sizeof buf), XC_OK);
	CU_ASSERT_STRING_EQUAL(buf, "2026-11-23T10:55:17Z");
	CU_ASSERT(xc_slice_present(r.extensions));
	CU_ASSERT_EQUAL(r.ext_count, 1);
	xc_ext_iter ei;
	xc_ext_iter_init(&ei, r.extensions);
	CU_ASSERT_FATAL(xc_ext_next(&ei, &x) == XC_OK);
	CU_ASSERT(xc_oid_is(x.oid, XC_OID_CRL_REASON));
	CU_ASSERT(!x.critical);
	CU_ASSERT_STRING_EQUAL(tu_hex_tmp(x.value.p, x.value.len), "0a0101"); /* keyCompromise */
	CU_ASSERT_EQUAL(xc_ext_next(&ei, &x), XC_END);

	CU_ASSERT_FATAL(xc_revoked_next(&it, &r) == XC_OK);
	CU_ASSERT(r.raw.p == der + 101 && r.raw.len == 20);
	CU_ASSERT_STRING_EQUAL(tu_hex_tmp(r.serial.p, r.serial.len), "21");
	CU_ASSERT_EQUAL(xc_time_format(&r.revocation_date, buf, sizeof buf), XC_OK);
	CU_ASSERT_STRING_EQUAL(buf, "2026-11-23T10:55:18Z");
	CU_ASSERT(!xc_slice_present(r.extensions));
	CU_ASSERT_EQUAL(r.ext_count, 0);
	CU_ASSERT_EQUAL(xc_revoked_next(&it, &r), XC_END);
	CU_ASSERT_EQUAL(xc_revoked_next(&it, &r), XC_END); /* stays ended */
	free(der);
}

typedef struct find_case {
	const char *serial;     /* hex of the INTEGER contents */
	xc_err err;
	size_t raw_at;          /* offset of the entry found */
} find_case;

static const find_case find_cases[] = {
	{ "11", XC_OK, 67 },
	{ "21", XC_OK, 101 },
	{ "22", XC_NOT_FOUND, 0 },
	{ "01", XC_NOT_FOUND, 0 },
	{ "1100", XC_NOT_FOUND, 0 },    /* longer value sharing a prefix */
	{ "0011", XC_NOT_FOUND, 0 },
	{ "", XC_NOT_FOUND, 0 },
};

static void test_find_revoked(void)
{
	size_t len;
	uint8_t *der = tu_read_data("crl/ec-p256.der", &len);
	xc_crl crl;

	CU_ASSERT_FATAL(xc_crl_parse(&crl, der, len, NULL) == XC_OK);
	for (size_t i = 0; i < sizeof find_cases / sizeof find_cases[0]; i++) {
		const find_case *k = &find_cases[i];
		size_t n;
		/* The serial lives in its own buffer: compared by value. */
		uint8_t *s = tu_unhex(k->serial, &n);
		xc_revoked r;
		memset(&r, 0, sizeof r);
		xc_err e = xc_crl_find_revoked(&crl, xc_slice_make(s, n), &r);
		CU_ASSERT_EQUAL(e, k->err);
		if (e == XC_OK && k->err == XC_OK) {
			CU_ASSERT(r.raw.p == der + k->raw_at);
			CU_ASSERT(r.serial.p >= der && r.serial.p < der + len);
			CU_ASSERT_EQUAL(r.serial.len, n);
		}
		free(s);
	}

	/* No revoked list at all: nothing found, nothing iterated. */
	static const char *const nolist =
		"30503038300a06082a8648ce3d040302300c310a300806035504030c0174170d323631"
		"3132333130353531385a170d3236313132343130353531385a300a06082a8648ce3d"
		"04030203080000000000000000";
	size_t n;
	uint8_t *b = tu_unhex(nolist, &n);
	size_t off = 0;
	xc_err e = xc_crl_parse(&crl, b, n, &off);
	CU_ASSERT_EQUAL(e, XC_OK);
	if (e == XC_OK) {
		xc_revoked r;
		xc_revoked_iter it;
		uint8_t s = 0x11;
		CU_ASSERT(!xc_slice_present(crl.revoked));
		CU_ASSERT_EQUAL(xc_crl_find_revoked(&crl, xc_slice_make(&s, 1), &r), XC_NOT_FOUND);
		xc_revoked_iter_init(&it, &crl);
		CU_ASSERT_EQUAL(xc_revoked_next(&it, &r), XC_END);
		CU_ASSERT_STRING_EQUAL(xc_crl_version_name(&crl), "v1");
	}
	free(b);
	free(der);
}

/* A CRL entry with an empty extensions SEQUENCE: present, zero of them. */
static void test_entry_empty_extensions(void)
{
	tmpl t;
	blob b;
	size_t at[NF];
	xc_crl crl;
	xc_revoked r;

	tmpl_load(&t);
	const char *f[NF] = { [F_REVOKED] = "30163014020121170d3236313132333130353531385a3000" };
	build(&t, f, &b, at);
	CU_ASSERT_FATAL(xc_crl_parse(&crl, b.b, b.len, NULL) == XC_OK);
	uint8_t s = 0x21;
	CU_ASSERT_FATAL(xc_crl_find_revoked(&crl, xc_slice_make(&s, 1), &r) == XC_OK);
	CU_ASSERT(xc_slice_present(r.extensions));
	CU_ASSERT_EQUAL(r.extensions.len, 0);
	CU_ASSERT_EQUAL(r.ext_count, 0);
	free(t.der);
}

static void test_version_name(void)
{
	xc_crl crl;
	memset(&crl, 0, sizeof crl);
	CU_ASSERT_STRING_EQUAL(xc_crl_version_name(&crl), "v1");
	crl.version_present = true;
	CU_ASSERT_STRING_EQUAL(xc_crl_version_name(&crl), "v1");
	crl.version = 1;
	CU_ASSERT_STRING_EQUAL(xc_crl_version_name(&crl), "v2");
	crl.version = 2;
	CU_ASSERT_PTR_NULL(xc_crl_version_name(&crl));
	crl.version = 3;
	CU_ASSERT_PTR_NULL(xc_crl_version_name(&crl));
	crl.version = INT64_MAX;
	CU_ASSERT_PTR_NULL(xc_crl_version_name(&crl));
}

static void test_truncated_everywhere(void)
{
	size_t len;
	uint8_t *der = tu_read_data("crl/ec-p256.der", &len);
	for (size_t n = 0; n < len; n++) {
		uint8_t *cut = malloc(n ? n : 1);
		memcpy(cut, der, n);
		xc_crl crl;
		size_t off = (size_t)-1;
		xc_err e = xc_crl_parse(&crl, cut, n, &off);
		CU_ASSERT(e >= XC_ERR_FIRST && e < XC_ERR_LAST);
		CU_ASSERT(off <= n);
		free(cut);
	}
	free(der);
}

/* The TBSCertList's contents cut at every length, lengths re-encoded. The
 * cuts after thisUpdate, nextUpdate and the revoked list leave valid CRLs
 * (every later field is optional). */
static void test_tbs_truncated_everywhere(void)
{
	tmpl t;
	tmpl_load(&t);
	const uint8_t *tbs = t.f[F_VER].p;
	size_t tbs_len = (size_t)(t.f[F_EXTS].p + t.f[F_EXTS].len - tbs);
	size_t ok_at[3] = {
		(size_t)(t.f[F_THIS].p + t.f[F_THIS].len - tbs),
		(size_t)(t.f[F_NEXT].p + t.f[F_NEXT].len - tbs),
		(size_t)(t.f[F_REVOKED].p + t.f[F_REVOKED].len - tbs),
	};

	for (size_t k = 0; k < tbs_len; k++) {
		blob b = { .len = 0 };
		size_t rest = t.f[F_SIGALG].len + t.f[F_SIG].len;
		put_hdr(&b, 0x30, hdr_len(k) + k + rest);
		put_hdr(&b, 0x30, k);
		put(&b, tbs, k);
		put(&b, t.f[F_SIGALG].p, t.f[F_SIGALG].len);
		put(&b, t.f[F_SIG].p, t.f[F_SIG].len);

		xc_crl crl;
		size_t off = (size_t)-1;
		xc_err e = xc_crl_parse(&crl, b.b, b.len, &off);
		if (k == ok_at[0] || k == ok_at[1] || k == ok_at[2]) {
			CU_ASSERT_EQUAL(e, XC_OK);
			continue;
		}
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
	uint8_t *der = tu_read_data("crl/ec-p256.der", &len);
	uint8_t *b = malloc(len + 8);
	xc_crl crl;
	size_t off;

	memcpy(b, der, len);
	b[len] = 0;
	CU_ASSERT_EQUAL(xc_crl_parse(&crl, b, len + 1, &off), XC_ERR_TRAILING);
	CU_ASSERT_EQUAL(off, len);

	memcpy(b, der, len);
	b[0] = 0x31;
	CU_ASSERT_EQUAL(xc_crl_parse(&crl, b, len, &off), XC_ERR_TAG);
	CU_ASSERT_EQUAL(off, 0);

	/* 30 81 dc -> 30 80 ... 00 00 */
	b[0] = 0x30;
	b[1] = 0x80;
	memcpy(b + 2, der + 3, len - 3);
	b[len - 1] = 0;
	b[len] = 0;
	CU_ASSERT_EQUAL(xc_crl_parse(&crl, b, len + 1, &off), XC_ERR_LEN_INDEFINITE);
	CU_ASSERT_EQUAL(off, 1);

	/* A certificate is not a CRL: its tbs starts with [0], not a version
	 * INTEGER or an AlgorithmIdentifier. */
	size_t clen;
	uint8_t *cert = tu_read_data("cert/ec-p256.der", &clen);
	CU_ASSERT_EQUAL(xc_crl_parse(&crl, cert, clen, &off), XC_ERR_TAG);
	CU_ASSERT_EQUAL(off, 8);
	free(cert);

	free(b);
	free(der);
}

int main(void)
{
	static const tu_test tests[] = {
		{ "template fields and entries", test_template_fields },
		{ "table of variants", test_table },
		{ "find revoked", test_find_revoked },
		{ "entry with empty extensions", test_entry_empty_extensions },
		{ "version names", test_version_name },
		{ "field errors: empty RDN, year 0", test_field_errors },
		{ "truncated at every length", test_truncated_everywhere },
		{ "tbs truncated at every length", test_tbs_truncated_everywhere },
		{ "outer mutations", test_outer_mutations },
		{ NULL, NULL },
	};
	return tu_run("crl", tests);
}
