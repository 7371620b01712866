/*
 * test_chain.c - one chain step (core/src/chain.c): xc_name_equal() on a
 * table of names built from a compact spec, xc_cert_verify() and
 * xc_cert_issued_by() on PKITS' Good CA and its trust anchor, a flipped
 * signature bit, an inner/outer algorithm mismatch, CSR self-verify, and
 * PKITS' DSA parameter inheritance (RFC 3279 2.3.2) through
 * xc_cert_verify_inherit() and xc_crl_verify_inherit().
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xc/xc.h>

#define PKITS_CERTS VECTORS_DIR "/x509/PKITS_data/certs/"

/* Builds Name contents from "K:TT:value" attributes, '+' between the
 * attributes of one RDN and '|' between RDNs; K is C, O, OU or CN, TT the
 * value's tag in hex (1e: the ASCII value as UTF-16BE). Values short. */
static size_t build_name(const char *spec, uint8_t *out)
{
	uint8_t rdn[512], atv[256];
	size_t n = 0, rn = 0;
	const char *s = spec;

	while (*s) {
		char key[4] = { 0 };
		unsigned tag;
		size_t k = 0, an = 0, vn;
		uint8_t oid_last;

		while (*s != ':')
			key[k++] = *s++;
		s++;
		sscanf(s, "%2x", &tag);
		s += 3;
		oid_last = !strcmp(key, "C") ? 6 : !strcmp(key, "O") ? 10 :
			   !strcmp(key, "OU") ? 11 : 3;
		atv[an++] = 0x06;
		atv[an++] = 3;
		atv[an++] = 0x55;
		atv[an++] = 0x04;
		atv[an++] = oid_last;
		atv[an++] = (uint8_t)tag;
		size_t lenpos = an++;
		vn = 0;
		while (*s && *s != '+' && *s != '|') {
			if (tag == 0x1e)
				atv[an++] = 0, vn++;
			atv[an++] = (uint8_t)*s++;
			vn++;
		}
		atv[lenpos] = (uint8_t)vn;
		rdn[rn++] = 0x30;
		rdn[rn++] = (uint8_t)an;
		memcpy(rdn + rn, atv, an);
		rn += an;
		if (*s == '+') {
			s++;
			continue;
		}
		out[n++] = 0x31;
		out[n++] = (uint8_t)rn;
		memcpy(out + n, rdn, rn);
		n += rn;
		rn = 0;
		if (*s == '|')
			s++;
	}
	return n;
}

static const struct {
	const char *a, *b;
	bool equal;
} name_cases[] = {
	{ "C:13:US|CN:13:Good CA", "C:13:US|CN:13:Good CA", true },
	{ "C:13:US|CN:13:Good CA", "C:13:us|CN:13:GOOD ca", true },
	{ "CN:13:Good CA", "CN:13:  Good    CA  ", true },
	{ "CN:13:Good CA", "CN:0c:Good CA", true },
	{ "CN:13:Good CA", "CN:16:good ca", true },
	{ "CN:13:Good CA", "CN:1e:Good CA", true },
	{ "CN:13:Good CA", "CN:14:Good CA", true },
	{ "CN:13:Good CA", "CN:1a:Good CA", true },
	{ "CN:13:Good CA", "CN:13:GoodCA", false },
	{ "CN:13:Good CA", "CN:13:Good CB", false },
	{ "CN:13:Good CA", "O:13:Good CA", false },
	{ "CN:13:Good CA", "CN:04:Good CA", false },	/* OCTET STRING: not a string */
	{ "CN:04:Good CA", "CN:04:Good CA", true },
	{ "CN:04:Good CA", "CN:04:good CA", false },
	{ "C:13:US|CN:13:A", "C:13:US", false },
	{ "C:13:US", "C:13:US|CN:13:A", false },
	{ "C:13:US|CN:13:A", "CN:13:A|C:13:US", false },
	{ "O:13:X+CN:13:A", "O:13:X+CN:13:A", true },
	{ "O:13:X+CN:13:A", "CN:13:A+O:13:X", true },
	{ "O:13:X+CN:13:A", "CN:0c:a+O:16:x", true },
	{ "O:13:X+CN:13:A", "O:13:X|CN:13:A", false },
	{ "O:13:X+CN:13:A", "O:13:X+CN:13:B", false },
	{ "O:13:X+O:13:X+CN:13:A", "O:13:X+CN:13:A+CN:13:A", false },
	{ "O:13:X+O:13:X", "O:13:X+O:0c:x", true },
	{ "", "", true },
	{ "", "CN:13:A", false },
};

static void test_name_equal(void)
{
	uint8_t a[1024], b[1024];

	for (size_t i = 0; i < sizeof(name_cases) / sizeof(name_cases[0]); i++) {
		size_t na = build_name(name_cases[i].a, a);
		size_t nb = build_name(name_cases[i].b, b);
		bool r1 = xc_name_equal(xc_slice_make(a, na), xc_slice_make(b, nb));
		bool r2 = xc_name_equal(xc_slice_make(b, nb), xc_slice_make(a, na));

		if (r1 != name_cases[i].equal || r2 != name_cases[i].equal)
			fprintf(stderr, "case %zu: \"%s\" vs \"%s\": %d/%d\n", i,
				name_cases[i].a, name_cases[i].b, r1, r2);
		CU_ASSERT_EQUAL(r1, name_cases[i].equal);
		CU_ASSERT_EQUAL(r2, name_cases[i].equal);
	}
}

/* A long string value falls back to a byte compare. */
static void test_name_long_value(void)
{
	uint8_t a[1600], b[1600];
	size_t n = 0;

	for (int k = 0; k < 2; k++) {
		uint8_t *p = k ? b : a;
		n = 0;
		p[n++] = 0x31; p[n++] = 0x82; p[n++] = 0x05; p[n++] = 0x0d;
		p[n++] = 0x30; p[n++] = 0x82; p[n++] = 0x05; p[n++] = 0x09;
		p[n++] = 0x06; p[n++] = 3; p[n++] = 0x55; p[n++] = 4; p[n++] = 3;
		p[n++] = 0x0c; p[n++] = 0x82; p[n++] = 0x05; p[n++] = 0x00;
		memset(p + n, k ? 'A' : 'a', 1280);
		n += 1280;
	}
	CU_ASSERT_TRUE(xc_name_equal(xc_slice_make(a, n), xc_slice_make(a, n)));
	CU_ASSERT_FALSE(xc_name_equal(xc_slice_make(a, n), xc_slice_make(b, n)));
}

static uint8_t *load_pem(const char *path, bool data, size_t *len)
{
	size_t n, off;
	uint8_t *text = data ? tu_read_data(path, &n) : tu_read_file(path, &n);
	xc_pem_iter it;
	xc_pem_block blk;

	CU_ASSERT_FATAL(text != NULL);
	xc_pem_iter_init(&it, text, n);
	CU_ASSERT_FATAL(xc_pem_next(&it, &blk, &off) == XC_OK);
	uint8_t *der = malloc(XC_PEM_DECODED_MAX(blk.body.len));
	CU_ASSERT_FATAL(xc_pem_decode(blk.body, der, XC_PEM_DECODED_MAX(blk.body.len),
				      len, &off) == XC_OK);
	free(text);
	return der;
}

/*
 * RSA keys pyca and OpenSSL read whatever their parameters (xc/spki.h):
 * self-signed certificates of tests/data/fieldlevel, each signed by the
 * private half of the key it holds, which `openssl verify` accepts. Before,
 * the core refused the key (XC_ERR_ALGORITHM, UNSUPPORTED) and so the
 * signature. The CSR's key has INTEGER parameters too.
 */
static void test_rsa_key_parameters(void)
{
	static const char *const files[] = {
		"fieldlevel/cert-rsa-params-absent.pem", "fieldlevel/cert-rsa-params-integer.pem",
		"fieldlevel/cert-rsa-params-oid.pem", "fieldlevel/cert-x500-rsa.pem",
	};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		size_t len, off;
		uint8_t *der = load_pem(files[i], true, &len);
		xc_cert c;

		CU_ASSERT_EQUAL_FATAL(xc_cert_parse(&c, der, len, &off), XC_OK);
		CU_ASSERT_EQUAL(xc_cert_verify(&c, c.spki), XC_VERIFY_VALID);
		/* and a flipped signature bit is still caught */
		((uint8_t *)c.signature.p)[10] ^= 1;
		CU_ASSERT_EQUAL(xc_cert_verify(&c, c.spki), XC_VERIFY_INVALID);
		free(der);
	}
	size_t len, off;
	uint8_t *der = load_pem("fieldlevel/csr-rsa-params-integer.pem", true, &len);
	xc_csr r;
	CU_ASSERT_EQUAL_FATAL(xc_csr_parse(&r, der, len, &off), XC_OK);
	CU_ASSERT_EQUAL(xc_csr_verify(&r), XC_VERIFY_VALID);
	free(der);
}

static bool have_pkits(void)
{
	FILE *f = fopen(PKITS_CERTS "TrustAnchorRootCertificate.crt", "rb");
	if (!f)
		return false;
	fclose(f);
	return true;
}

static void test_good_ca(void)
{
	size_t len, alen, off;
	uint8_t *der = load_pem("seed/good-ca.pem", true, &len);
	xc_cert c, ta;

	CU_ASSERT_FATAL(xc_cert_parse(&c, der, len, &off) == XC_OK);
	if (!have_pkits()) {
		free(der);
		return;
	}
	uint8_t *a = tu_read_file(PKITS_CERTS "TrustAnchorRootCertificate.crt", &alen);
	CU_ASSERT_FATAL(xc_cert_parse(&ta, a, alen, &off) == XC_OK);

	CU_ASSERT_TRUE(xc_cert_chains_to(&c, &ta));
	CU_ASSERT_FALSE(xc_cert_chains_to(&c, &c));
	CU_ASSERT_TRUE(xc_cert_chains_to(&ta, &ta));
	CU_ASSERT_EQUAL(xc_cert_verify(&c, ta.spki), XC_VERIFY_VALID);
	CU_ASSERT_EQUAL(xc_cert_issued_by(&c, &ta), XC_VERIFY_VALID);
	CU_ASSERT_EQUAL(xc_cert_issued_by(&ta, &ta), XC_VERIFY_VALID);
	CU_ASSERT_EQUAL(xc_cert_issued_by(&ta, &c), XC_VERIFY_KEY_MISMATCH);
	/* Good CA's own key did not sign it */
	CU_ASSERT_EQUAL(xc_cert_verify(&c, c.spki), XC_VERIFY_INVALID);

	/* one flipped bit in the signature */
	uint8_t *sig = (uint8_t *)(uintptr_t)c.signature.p;
	sig[c.signature.len / 2] ^= 0x10;
	CU_ASSERT_EQUAL(xc_cert_verify(&c, ta.spki), XC_VERIFY_INVALID);
	sig[c.signature.len / 2] ^= 0x10;
	CU_ASSERT_EQUAL(xc_cert_verify(&c, ta.spki), XC_VERIFY_VALID);

	/* one flipped bit in the TBS */
	uint8_t *tbs = (uint8_t *)(uintptr_t)c.tbs.p;
	tbs[c.tbs.len - 5] ^= 0x01;
	CU_ASSERT_EQUAL(xc_cert_verify(&c, ta.spki), XC_VERIFY_INVALID);
	tbs[c.tbs.len - 5] ^= 0x01;

	/* the outer algorithm differs from the inner one: the parsed outer
	 * algid pointed at another (sha1WithRSA) identifier */
	static const uint8_t sha1rsa[] = { 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48,
		0x86, 0xf7, 0x0d, 0x01, 0x01, 0x05, 0x05, 0x00 };
	xc_cert m = c;
	m.sig_alg.raw = xc_slice_make(sha1rsa, sizeof sha1rsa);
	m.sig_alg.oid = xc_slice_make(sha1rsa + 4, 9);
	m.sig_alg.params = xc_slice_make(sha1rsa + 13, 2);
	CU_ASSERT_EQUAL(xc_cert_verify(&m, ta.spki), XC_VERIFY_INVALID);
	m = c;
	m.tbs_sig_alg.raw = xc_slice_make(sha1rsa, sizeof sha1rsa);
	CU_ASSERT_EQUAL(xc_cert_verify(&m, ta.spki), XC_VERIFY_INVALID);

	free(a);
	free(der);
}

static void test_pkits_crl(void)
{
	size_t clen, alen, off;
	xc_crl crl;
	xc_cert ta;

	if (!have_pkits())
		return;
	uint8_t *a = tu_read_file(PKITS_CERTS "TrustAnchorRootCertificate.crt", &alen);
	uint8_t *c = tu_read_file(VECTORS_DIR "/x509/PKITS_data/crls/TrustAnchorRootCRL.crl",
				  &clen);
	CU_ASSERT_FATAL(a && c);
	CU_ASSERT_FATAL(xc_cert_parse(&ta, a, alen, &off) == XC_OK);
	CU_ASSERT_FATAL(xc_crl_parse(&crl, c, clen, &off) == XC_OK);
	CU_ASSERT_TRUE(xc_name_equal(crl.issuer, ta.subject));
	CU_ASSERT_EQUAL(xc_crl_verify(&crl, ta.spki), XC_VERIFY_VALID);
	uint8_t *sig = (uint8_t *)(uintptr_t)crl.signature.p;
	sig[0] ^= 0x80;
	CU_ASSERT_EQUAL(xc_crl_verify(&crl, ta.spki), XC_VERIFY_INVALID);
	free(a);
	free(c);
}

/* PKITS 4.1.5: DSACA (parameters in its key) issues
 * DSAParametersInheritedCA, whose key omits them; what the latter signs
 * verifies only with DSACA's parameters. */
static void test_dsa_inherit(void)
{
	static const char *const names[] = { "DSACACert.crt",
		"DSAParametersInheritedCACert.crt", "ValidDSAParameterInheritanceTest5EE.crt",
		"TrustAnchorRootCertificate.crt" };
	uint8_t *der[4];
	xc_cert c[4];
	xc_crl crl;
	size_t len, off;
	char path[512];

	if (!have_pkits())
		return;
	for (size_t i = 0; i < 4; i++) {
		snprintf(path, sizeof path, "%s%s", PKITS_CERTS, names[i]);
		der[i] = tu_read_file(path, &len);
		CU_ASSERT_FATAL(der[i] != NULL);
		CU_ASSERT_FATAL(xc_cert_parse(&c[i], der[i], len, &off) == XC_OK);
	}
	const xc_cert *dsa_ca = &c[0], *inh_ca = &c[1], *ee = &c[2], *ta = &c[3];
	xc_slice none = xc_slice_make(NULL, 0);

	/* the CA with parameters needs nothing inherited */
	CU_ASSERT_EQUAL(xc_cert_verify(inh_ca, dsa_ca->spki), XC_VERIFY_VALID);
	CU_ASSERT_EQUAL(xc_cert_verify_inherit(inh_ca, dsa_ca->spki, ta->spki),
			XC_VERIFY_VALID);
	/* the end entity: its issuer's key has no parameters */
	CU_ASSERT_EQUAL(xc_cert_verify(ee, inh_ca->spki), XC_VERIFY_UNSUPPORTED);
	CU_ASSERT_EQUAL(xc_cert_verify_inherit(ee, inh_ca->spki, none), XC_VERIFY_UNSUPPORTED);
	CU_ASSERT_EQUAL(xc_cert_verify_inherit(ee, inh_ca->spki, dsa_ca->spki),
			XC_VERIFY_VALID);
	/* the trust anchor's RSA key has no DSA parameters to give */
	CU_ASSERT_EQUAL(xc_cert_verify_inherit(ee, inh_ca->spki, ta->spki),
			XC_VERIFY_KEY_MISMATCH);
	/* a flipped signature bit stays INVALID with the right parameters */
	uint8_t *sig = (uint8_t *)(uintptr_t)ee->signature.p;
	sig[ee->signature.len - 1] ^= 0x01;
	CU_ASSERT_EQUAL(xc_cert_verify_inherit(ee, inh_ca->spki, dsa_ca->spki),
			XC_VERIFY_INVALID);
	sig[ee->signature.len - 1] ^= 0x01;

	/* the CA's CRL, signed with the inherited parameters too */
	uint8_t *cder = tu_read_file(VECTORS_DIR
				     "/x509/PKITS_data/crls/DSAParametersInheritedCACRL.crl",
				     &len);
	CU_ASSERT_FATAL(cder != NULL);
	CU_ASSERT_FATAL(xc_crl_parse(&crl, cder, len, &off) == XC_OK);
	CU_ASSERT_EQUAL(xc_crl_verify(&crl, inh_ca->spki), XC_VERIFY_UNSUPPORTED);
	CU_ASSERT_EQUAL(xc_crl_verify_inherit(&crl, inh_ca->spki, dsa_ca->spki),
			XC_VERIFY_VALID);
	free(cder);
	for (size_t i = 0; i < 4; i++)
		free(der[i]);
}

static void test_csr(void)
{
	static const char *const files[] = { "csr/ec-p256.der", "csr/ec-p256-noattr.der" };
	size_t len, off;
	xc_csr csr;

	for (size_t i = 0; i < 2; i++) {
		uint8_t *der = tu_read_data(files[i], &len);
		CU_ASSERT_FATAL(xc_csr_parse(&csr, der, len, &off) == XC_OK);
		CU_ASSERT_EQUAL(xc_csr_verify(&csr), XC_VERIFY_VALID);
		uint8_t *sig = (uint8_t *)(uintptr_t)csr.signature.p;
		sig[csr.signature.len - 3] ^= 0x01;
		CU_ASSERT_NOT_EQUAL(xc_csr_verify(&csr), XC_VERIFY_VALID);
		free(der);
	}
	uint8_t *der = load_pem("seed/csr-rsa-sha1.pem", true, &len);
	CU_ASSERT_FATAL(xc_csr_parse(&csr, der, len, &off) == XC_OK);
	CU_ASSERT_EQUAL(xc_csr_verify(&csr), XC_VERIFY_VALID);
	uint8_t *sig = (uint8_t *)(uintptr_t)csr.signature.p;
	sig[10] ^= 0x04;
	CU_ASSERT_EQUAL(xc_csr_verify(&csr), XC_VERIFY_INVALID);
	free(der);
}

int main(void)
{
	static const tu_test tests[] = {
		{ "name_equal table", test_name_equal },
		{ "name_equal long value", test_name_long_value },
		{ "good CA by trust anchor", test_good_ca },
		{ "PKITS trust anchor CRL", test_pkits_crl },
		{ "CSR self-verify", test_csr },
		{ "RSA keys with any parameters, id-ea-rsa", test_rsa_key_parameters },
		{ "DSA parameters inherited (PKITS 4.1.5)", test_dsa_inherit },
		{ NULL, NULL },
	};
	return tu_run("chain", tests);
}
