/*
 * test_issuer.c - the issuer search (core/src/issuer.c) on PKITS
 * certificates: the order of the candidates (the object itself, then
 * key-id matches, then name matches), the ranking of the verdict when none
 * verifies, the budget, a malformed AKI, DSA parameters inherited from the
 * issuer's issuer, a CRL, and the supplier's verify hook. Candidates that
 * only name-match are PKITS certificates with their extensions hidden (no
 * SKI); wrong keys are another certificate's key put in. Skips (77)
 * without the vectors.
 */
#include "testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xc/xc.h>

#define PKITS VECTORS_DIR "/x509/PKITS_data/"

enum { GOOD_CA, ANCHOR, DSA_CA, DSA_INHERITED_CA, PATH1_EE, DSA5_EE, NCERTS };

static const char *const cert_files[NCERTS] = {
	[GOOD_CA] = "GoodCACert.crt",
	[ANCHOR] = "TrustAnchorRootCertificate.crt",
	[DSA_CA] = "DSACACert.crt",
	[DSA_INHERITED_CA] = "DSAParametersInheritedCACert.crt",
	[PATH1_EE] = "ValidCertificatePathTest1EE.crt",
	[DSA5_EE] = "ValidDSAParameterInheritanceTest5EE.crt",
};

static uint8_t *ders[NCERTS + 1];
static xc_cert certs[NCERTS];
static xc_crl good_crl;

static void load_all(void)
{
	char path[512];
	size_t len;

	for (size_t i = 0; i < NCERTS; i++) {
		snprintf(path, sizeof path, PKITS "certs/%s", cert_files[i]);
		ders[i] = tu_read_file(path, &len);
		CU_ASSERT_FATAL(ders[i] != NULL);
		CU_ASSERT_FATAL(xc_cert_parse(&certs[i], ders[i], len, NULL) == XC_OK);
	}
	ders[NCERTS] = tu_read_file(PKITS "crls/GoodCACRL.crl", &len);
	CU_ASSERT_FATAL(ders[NCERTS] != NULL);
	CU_ASSERT_FATAL(xc_crl_parse(&good_crl, ders[NCERTS], len, NULL) == XC_OK);
}

/* A list of candidates, and a record of the calls. */
typedef struct list {
	const xc_cert *v[8];
	size_t n;
	size_t calls;           /* of cand() */
	size_t checks;          /* of verify() */
} list;

static bool list_cand(void *ctx, xc_slice name, xc_slice key_id, size_t i, xc_cert *out)
{
	list *l = ctx;

	(void)name, (void)key_id;
	l->calls++;
	if (i >= l->n)
		return false;
	*out = *l->v[i];
	return true;
}

static xc_verify_result list_verify(void *ctx, const xc_signed_obj *o, const xc_cert *issuer,
				    xc_slice params)
{
	list *l = ctx;

	l->checks++;
	return xc_issuer_raw_verify(o, issuer, params);
}

/* c as a candidate that matches only by name: no extensions, no SKI. */
static xc_cert no_ski(const xc_cert *c)
{
	xc_cert v = *c;

	v.extensions = xc_slice_make(NULL, 0);
	v.ext_count = 0;
	return v;
}

/* c with another certificate's key. */
static xc_cert other_key(const xc_cert *c, const xc_cert *key_of)
{
	xc_cert v = *c;

	v.spki = key_of->spki;
	return v;
}

/* The key-id match comes before the name match whatever the supplier's
 * order; each verifies, so the search gives both, then none. */
static void test_order(void)
{
	xc_cert name_only = no_ski(&certs[GOOD_CA]);
	list l = { .v = { &name_only, &certs[ANCHOR], &certs[GOOD_CA] }, .n = 3 };
	xc_issuer_src src = { .cand = list_cand, .ctx = &l };
	xc_signed_obj o = xc_signed_of_cert(&certs[PATH1_EE]);
	xc_issuer_search s;
	xc_issuer_found f;
	size_t tried;

	xc_issuer_search_init(&s, &o, &src, XC_ISSUER_SELF, NULL);
	CU_ASSERT_FATAL(xc_issuer_next(&s, &f));
	CU_ASSERT_EQUAL(f.index, 2);
	CU_ASSERT(!f.self && !f.inherited);
	CU_ASSERT(xc_slice_eq(f.cert.spki, certs[GOOD_CA].spki));
	CU_ASSERT_FATAL(xc_issuer_next(&s, &f));
	CU_ASSERT_EQUAL(f.index, 0);
	CU_ASSERT(!xc_issuer_next(&s, &f));
	CU_ASSERT_EQUAL(xc_issuer_verdict(&s, &tried), XC_VERIFY_VALID);
	CU_ASSERT_EQUAL(tried, 2);      /* the anchor names another subject */
	CU_ASSERT(l.calls <= 2 * (l.n + 1));
}

/* A self-signed root verifies with its own key when asked to, first; the
 * object's own DER among the candidates is never tried again. */
static void test_self(void)
{
	list l = { .v = { &certs[ANCHOR] }, .n = 1 };
	xc_issuer_src src = { .cand = list_cand, .ctx = &l };
	xc_signed_obj o = xc_signed_of_cert(&certs[ANCHOR]);
	xc_issuer_found f;
	size_t tried;

	CU_ASSERT_EQUAL(xc_issuer_find(&o, &src, XC_ISSUER_SELF, NULL, &f, &tried),
			XC_VERIFY_VALID);
	CU_ASSERT(f.self);
	CU_ASSERT_EQUAL(tried, 1);
	CU_ASSERT_EQUAL(xc_issuer_find(&o, &src, 0, NULL, &f, &tried), XC_VERIFY_KEY_MISMATCH);
	CU_ASSERT_EQUAL(tried, 0);
}

/* Rows: the keys of the candidates for a DSA-signed certificate (each
 * otherwise its issuer, by name and key id), the verdict. INVALID (DSA
 * CA's key: right parameters, wrong key) wins over any other failure,
 * UNSUPPORTED (a DSA key without parameters, none to inherit here) comes
 * last, and the first other failure (KEY_MISMATCH: an RSA key for a DSA
 * signature) between. */
static void test_verdict(void)
{
	static const struct {
		int keys[3];    /* -1 ends */
		xc_verify_result want;
		size_t tried;
	} rows[] = {
		{ { -1 }, XC_VERIFY_KEY_MISMATCH, 0 },
		{ { DSA_INHERITED_CA, -1 }, XC_VERIFY_UNSUPPORTED, 1 },
		{ { DSA_INHERITED_CA, ANCHOR, -1 }, XC_VERIFY_KEY_MISMATCH, 2 },
		{ { ANCHOR, DSA_INHERITED_CA, -1 }, XC_VERIFY_KEY_MISMATCH, 2 },
		{ { DSA_INHERITED_CA, ANCHOR, DSA_CA }, XC_VERIFY_INVALID, 3 },
		{ { DSA_CA, ANCHOR, -1 }, XC_VERIFY_INVALID, 2 },
	};

	for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
		xc_cert v[3];
		list l = { 0 };
		xc_issuer_src src = { .cand = list_cand, .ctx = &l };
		xc_signed_obj o = xc_signed_of_cert(&certs[DSA5_EE]);
		xc_issuer_found f;
		size_t tried;

		for (size_t k = 0; k < 3 && rows[r].keys[k] >= 0; k++) {
			v[k] = other_key(&certs[DSA_INHERITED_CA], &certs[rows[r].keys[k]]);
			l.v[l.n++] = &v[k];
		}
		xc_verify_result got = xc_issuer_find(&o, &src, 0, NULL, &f, &tried);

		if (got != rows[r].want || tried != rows[r].tried)
			printf("row %zu: %s after %zu\n", r, xc_verify_result_name(got), tried);
		CU_ASSERT_EQUAL(got, rows[r].want);
		CU_ASSERT_EQUAL(tried, rows[r].tried);
	}
}

/* Every signature check takes one from the budget, shared by searches. */
static void test_budget(void)
{
	xc_cert wrong = other_key(&certs[GOOD_CA], &certs[ANCHOR]);
	list l = { .v = { &wrong, &certs[GOOD_CA] }, .n = 2 };
	xc_issuer_src src = { .cand = list_cand, .verify = list_verify, .ctx = &l };
	xc_signed_obj o = xc_signed_of_cert(&certs[PATH1_EE]);
	xc_issuer_found f;
	size_t budget = 1, tried;

	CU_ASSERT_EQUAL(xc_issuer_find(&o, &src, 0, &budget, &f, &tried), XC_VERIFY_INVALID);
	CU_ASSERT_EQUAL(budget, 0);
	CU_ASSERT_EQUAL(l.checks, 1);
	CU_ASSERT_EQUAL(xc_issuer_find(&o, &src, 0, &budget, &f, &tried), XC_VERIFY_KEY_MISMATCH);
	CU_ASSERT_EQUAL(tried, 0);
	CU_ASSERT_EQUAL(l.checks, 1);
	budget = 2;
	CU_ASSERT_EQUAL(xc_issuer_find(&o, &src, 0, &budget, &f, &tried), XC_VERIFY_VALID);
	CU_ASSERT_EQUAL(budget, 0);
	CU_ASSERT_EQUAL(l.checks, 3);
}

/* An authorityKeyIdentifier whose keyIdentifier overruns names no issuer,
 * not even the right one. */
static void test_bad_aki(void)
{
	static const uint8_t exts[] = { 0x30, 0x0e, 0x06, 0x03, 0x55, 0x1d, 0x23,
					0x04, 0x07, 0x30, 0x05, 0x80, 0x05, 0x01, 0x02, 0x03 };
	list l = { .v = { &certs[GOOD_CA] }, .n = 1 };
	xc_issuer_src src = { .cand = list_cand, .ctx = &l };
	xc_signed_obj o = xc_signed_of_cert(&certs[PATH1_EE]);
	xc_issuer_found f;
	size_t tried;

	o.extensions = xc_slice_make(exts, sizeof exts);
	CU_ASSERT_EQUAL(xc_issuer_find(&o, &src, XC_ISSUER_SELF, NULL, &f, &tried),
			XC_VERIFY_KEY_MISMATCH);
	CU_ASSERT_EQUAL(tried, 0);
}

/* DSAParametersInheritedCA's key has no parameters: they come from DSA CA,
 * which issued it, when the supplier has it (RFC 3279 2.3.2). */
static void test_dsa_inherit(void)
{
	list l = { .v = { &certs[ANCHOR], &certs[DSA_INHERITED_CA] }, .n = 2 };
	xc_issuer_src src = { .cand = list_cand, .ctx = &l };
	xc_signed_obj o = xc_signed_of_cert(&certs[DSA5_EE]);
	xc_issuer_found f;
	size_t tried;
	bool inh;

	CU_ASSERT_EQUAL(xc_issuer_find(&o, &src, 0, NULL, &f, &tried), XC_VERIFY_UNSUPPORTED);
	l.v[l.n++] = &certs[DSA_CA];
	CU_ASSERT_EQUAL(xc_issuer_find(&o, &src, 0, NULL, &f, &tried), XC_VERIFY_VALID);
	CU_ASSERT(f.inherited);
	CU_ASSERT_EQUAL(f.index, 1);
	CU_ASSERT_EQUAL(xc_issuer_verify(&o, &certs[DSA_INHERITED_CA], &src, NULL, &inh),
			XC_VERIFY_VALID);
	CU_ASSERT(inh);
	CU_ASSERT_EQUAL(xc_issuer_verify(&o, &certs[DSA_INHERITED_CA], NULL, NULL, &inh),
			XC_VERIFY_UNSUPPORTED);
	CU_ASSERT(!inh);
}

/* A CRL's issuer, by the same search. */
static void test_crl(void)
{
	list l = { .v = { &certs[ANCHOR], &certs[GOOD_CA] }, .n = 2 };
	xc_issuer_src src = { .cand = list_cand, .ctx = &l };
	xc_signed_obj o = xc_signed_of_crl(&good_crl);
	xc_issuer_found f;
	size_t tried;

	CU_ASSERT_EQUAL(xc_issuer_find(&o, &src, XC_ISSUER_SELF, NULL, &f, &tried),
			XC_VERIFY_VALID);
	CU_ASSERT_EQUAL(f.index, 1);
	CU_ASSERT_EQUAL(tried, 1);
}

int main(void)
{
	static const tu_test tests[] = {
		{ "load", load_all },
		{ "key-id match before name match", test_order },
		{ "self first", test_self },
		{ "verdict ranking", test_verdict },
		{ "budget", test_budget },
		{ "malformed AKI", test_bad_aki },
		{ "DSA parameters inherited", test_dsa_inherit },
		{ "CRL", test_crl },
		{ NULL, NULL },
	};
	DIR *d = opendir(PKITS "certs");
	int rc;

	if (!d) {
		printf("PKITS vectors absent: skipped\n");
		return 77;
	}
	closedir(d);
	rc = tu_run("issuer", tests);
	for (size_t i = 0; i <= NCERTS; i++)
		free(ders[i]);
	return rc;
}
