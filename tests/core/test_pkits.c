/*
 * test_pkits.c - every PKITS certificate and CRL checked against the
 * issuers PKITS itself holds (core/src/chain.c).
 *
 * For each object in PKITS_data/certs (.crt) and PKITS_data/crls (.crl) the
 * candidate issuers are the PKITS certificates whose subject equals the
 * object's issuer name (xc_name_equal) and, for certificates, whose SKI
 * matches the AKI (xc_cert_chains_to); the object counts as VALID if
 * some candidate's key verifies it, else INVALID if some candidate gives
 * INVALID, else the first candidate's result.
 *
 * Expected: the objects PKITS signs badly on purpose (BadSignedCACert,
 * InvalidEESignatureTest3EE, InvalidDSASignatureTest6EE,
 * BadCRLSignatureCACRL) are INVALID (or BAD_SIG: InvalidDSASignatureTest6EE's
 * signature has 14 bytes after its Dss-Sig-Value); every other object with
 * a candidate verifies VALID. That includes what DSAParametersInheritedCA
 * signs (ValidDSAParameterInheritanceTest5EE and its CRL): its key omits
 * the DSA parameters, which come from its own issuer, DSACA (RFC 3279
 * 2.3.2, xc_cert_verify_inherit()); without them those objects are
 * UNSUPPORTED, which is checked too. Skips (77) without the vectors.
 */
#include "testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xc/xc.h>

#define PKITS_DIR VECTORS_DIR "/x509/PKITS_data/"
#define MAX_CERTS 1024

typedef struct obj {
	char name[128];
	uint8_t *der;
	size_t len;
	bool is_crl;
	xc_cert cert;
	xc_crl crl;
} obj;

static obj certs[MAX_CERTS];
static size_t ncerts;

static int by_name(const void *a, const void *b)
{
	return strcmp(((const obj *)a)->name, ((const obj *)b)->name);
}

static size_t load_dir(const char *dir, const char *ext, bool is_crl, obj *out, size_t max)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)) != NULL && n < max) {
		size_t l = strlen(e->d_name), off;
		char path[512];

		if (l < 5 || strcmp(e->d_name + l - 4, ext) != 0 || l >= sizeof out[n].name)
			continue;
		snprintf(path, sizeof path, "%s%s", dir, e->d_name);
		obj *o = &out[n];
		memset(o, 0, sizeof *o);
		memcpy(o->name, e->d_name, l + 1);
		o->is_crl = is_crl;
		o->der = tu_read_file(path, &o->len);
		if (!o->der)
			continue;
		xc_err r = is_crl ? xc_crl_parse(&o->crl, o->der, o->len, &off)
				  : xc_cert_parse(&o->cert, o->der, o->len, &off);
		if (r != XC_OK) {
			fprintf(stderr, "%s: parse error %s at %zu\n", o->name, xc_errname(r), off);
			CU_FAIL("parse");
			free(o->der);
			continue;
		}
		n++;
	}
	closedir(d);
	qsort(out, n, sizeof *out, by_name);
	return n;
}

static bool expect_invalid(const char *name)
{
	if (strstr(name, "BadSigned") && strstr(name, "Cert.crt"))
		return true;
	if (strstr(name, "BadCRLSignature") && strstr(name, "CRL.crl"))
		return true;
	return strstr(name, "InvalidEESignature") || strstr(name, "InvalidDSASignature");
}

/* AKI/SKI match for a CRL, as xc_cert_chains_to() does for certificates. */
static bool crl_names_issuer(const xc_cert *issuer, const xc_crl *crl)
{
	xc_ext ext;
	xc_aki aki;
	xc_ski ski;

	if (!xc_name_equal(crl->issuer, issuer->subject))
		return false;
	if (xc_ext_find_id(crl->extensions, XC_OID_AUTHORITY_KEY_IDENTIFIER, &ext) != XC_OK ||
	    xc_aki_decode(&aki, ext.value, NULL, NULL) != XC_OK ||
	    !xc_slice_present(aki.key_id))
		return true;
	if (xc_ext_find_id(issuer->extensions, XC_OID_SUBJECT_KEY_IDENTIFIER, &ext) != XC_OK ||
	    xc_ski_decode(&ski, ext.value, NULL, NULL) != XC_OK)
		return true;
	return xc_slice_eq(aki.key_id, ski.digest);
}

static size_t passed, failed, n_valid, n_invalid, n_noissuer, n_unsupported, n_other;
static size_t n_inherited;

/* True if the certificate's key is DSA without domain parameters. */
static bool inherits_params(const xc_cert *c)
{
	xc_spki k;
	size_t off;

	return xc_spki_parse(&k, c->spki, c->spki.p, &off) == XC_OK &&
	       k.type == XC_KEY_DSA && !k.dsa_p.p;
}

/* Verifies o with issuer `is`; for an issuer whose DSA key inherits its
 * parameters, with the parameters of each of the issuer's own issuers,
 * best result kept. */
static xc_verify_result verify_with(const obj *o, const obj *is)
{
	xc_verify_result best = XC_VERIFY_ERROR, plain;
	size_t cands = 0;

	plain = o->is_crl ? xc_crl_verify(&o->crl, is->cert.spki)
			  : xc_cert_verify(&o->cert, is->cert.spki);
	if (!inherits_params(&is->cert))
		return plain;
	/* Without the parameters the key cannot verify anything. */
	if (plain != XC_VERIFY_UNSUPPORTED) {
		printf("FAIL %s: %s without inherited parameters, expected UNSUPPORTED\n",
		       o->name, xc_verify_result_name(plain));
		failed++;
	}
	for (size_t i = 0; i < ncerts; i++) {
		const obj *up = &certs[i];

		if (!xc_cert_chains_to(&is->cert, &up->cert) ||
		    xc_cert_verify(&is->cert, up->cert.spki) != XC_VERIFY_VALID)
			continue;
		xc_verify_result r = o->is_crl
			? xc_crl_verify_inherit(&o->crl, is->cert.spki, up->cert.spki)
			: xc_cert_verify_inherit(&o->cert, is->cert.spki, up->cert.spki);
		if (cands++ == 0 || r == XC_VERIFY_VALID)
			best = r;
	}
	if (best == XC_VERIFY_VALID)
		n_inherited++;
	return cands ? best : plain;
}

static void check_one(const obj *o)
{
	size_t cands = 0;
	xc_verify_result best = XC_VERIFY_ERROR;

	for (size_t i = 0; i < ncerts; i++) {
		const obj *is = &certs[i];
		bool m = o->is_crl ? crl_names_issuer(&is->cert, &o->crl)
				   : xc_cert_chains_to(&o->cert, &is->cert);
		if (!m)
			continue;
		xc_verify_result r = verify_with(o, is);
		if (cands++ == 0 || r == XC_VERIFY_VALID ||
		    (r == XC_VERIFY_INVALID && best != XC_VERIFY_VALID))
			best = r;
	}
	if (!cands) {
		n_noissuer++;
		printf("no issuer: %s\n", o->name);
		return;
	}
	switch (best) {
	case XC_VERIFY_VALID: n_valid++; break;
	case XC_VERIFY_INVALID: n_invalid++; break;
	case XC_VERIFY_UNSUPPORTED: n_unsupported++; break;
	case XC_VERIFY_BAD_KEY:
	case XC_VERIFY_BAD_SIG:
	case XC_VERIFY_KEY_MISMATCH:
	case XC_VERIFY_ERROR:
	default: n_other++; break;
	}
	xc_verify_result want = expect_invalid(o->name) ? XC_VERIFY_INVALID : XC_VERIFY_VALID;
	if (best != XC_VERIFY_VALID)
		printf("%s: %s\n", xc_verify_result_name(best), o->name);
	/* InvalidDSASignatureTest6EE's Dss-Sig-Value has bytes after it: a
	 * malformed signature, BAD_SIG in xc/verify.h's terms, still a
	 * rejection. */
	if (best == want || (want == XC_VERIFY_INVALID && best == XC_VERIFY_BAD_SIG)) {
		passed++;
	} else {
		failed++;
		printf("FAIL %s: %s, expected %s\n", o->name, xc_verify_result_name(best),
		       xc_verify_result_name(want));
	}
}

static void test_pkits(void)
{
	static obj crls[MAX_CERTS];
	size_t ncrls;

	ncerts = load_dir(PKITS_DIR "certs/", ".crt", false, certs, MAX_CERTS);
	ncrls = load_dir(PKITS_DIR "crls/", ".crl", true, crls, MAX_CERTS);
	CU_ASSERT_FATAL(ncerts > 300 && ncrls > 100);
	for (size_t i = 0; i < ncerts; i++)
		check_one(&certs[i]);
	for (size_t i = 0; i < ncrls; i++)
		check_one(&crls[i]);
	printf("%zu certificates, %zu CRLs: %zu valid, %zu invalid, %zu no issuer, "
	       "%zu unsupported, %zu other\n", ncerts, ncrls, n_valid, n_invalid,
	       n_noissuer, n_unsupported, n_other);
	printf("%zu verified with inherited DSA parameters\n", n_inherited);
	printf("%zu passed, %zu failed\n", passed, failed);
	CU_ASSERT_EQUAL(failed, 0);
	/* ValidDSAParameterInheritanceTest5EE and DSAParametersInheritedCACRL */
	CU_ASSERT(n_inherited >= 2);
	for (size_t i = 0; i < ncerts; i++)
		free(certs[i].der);
	for (size_t i = 0; i < ncrls; i++)
		free(crls[i].der);
}

int main(void)
{
	static const tu_test tests[] = {
		{ "PKITS certificates and CRLs", test_pkits },
		{ NULL, NULL },
	};
	DIR *d = opendir(PKITS_DIR "certs");

	if (!d) {
		printf("PKITS vectors absent: skipped\n");
		return 77;
	}
	closedir(d);
	return tu_run("pkits", tests);
}
