/*
 * test_seed.c - the example objects of the pyca/cryptography X.509
 * reference (tests/data/seed/, values in tests/data/seed/README.md), read
 * with the core API alone: PEM scan and decode, parse, then every value
 * the README lists that the core exposes.
 *
 * Extensions are checked at the raw level (OID, criticality, extnValue
 * bytes), which is what the core's ext.h offers. Out of scope here, since
 * they need decoders the core does not have yet (Core II/III):
 *  - good-ca.pem: the AKI's key_identifier as a parsed field (only its
 *    bytes inside the raw value are checked), the key_usage bits by name
 *    (key_cert_sign, crl_sign: the raw BIT STRING 03020106 is checked),
 *    the policy list and basic_constraints as objects (raw bytes
 *    checked), and the AuthorityKeyIdentifier computed from its public
 *    key (580184241bbc2b52944a3da510721451f5af3ac9);
 *  - crl-version-2.pem: crl_reason as the name key_compromise (the raw
 *    ENUMERATED 0a0101 is checked) and invalidity_date as an extension
 *    object (its raw GeneralizedTime is decoded here with xc_time_decode);
 *  - csr-rsa-sha1.pem: "signature valid", the SAN as parsed dns_name
 *    values (the names are found in the raw value), and the
 *    SubjectKeyIdentifier computed from its key
 *    (dbaaf00611db44febf93038a7688575037a691f7);
 *  - signed-by-issuer-rsa4096.pem: its signature verifying with the
 *    issuer's key (checked here: both parse, and the key is that one).
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xc/xc.h>

/* Reads tests/data/seed/<name>, which holds one PEM block of `kind`, and
 * decodes it: a malloc'd DER buffer (the tests may allocate). */
static uint8_t *load_pem(const char *name, xc_pem_kind kind, size_t *len)
{
	char path[256];
	size_t n;
	snprintf(path, sizeof path, "seed/%s", name);
	uint8_t *text = tu_read_data(path, &n);

	xc_pem_iter it;
	xc_pem_block blk;
	size_t off;
	xc_pem_iter_init(&it, text, n);
	CU_ASSERT_FATAL(xc_pem_next(&it, &blk, &off) == XC_OK);
	CU_ASSERT_EQUAL(blk.kind, kind);
	size_t cap = XC_PEM_DECODED_MAX(blk.body.len);
	uint8_t *der = malloc(cap);
	CU_ASSERT_FATAL(xc_pem_decode(blk.body, der, cap, len, &off) == XC_OK);
	/* one block per file */
	CU_ASSERT_EQUAL(xc_pem_next(&it, &blk, &off), XC_END);
	free(text);
	return der;
}

static bool contains(xc_slice s, const void *needle, size_t n)
{
	for (size_t i = 0; n <= s.len && i <= s.len - n; i++)
		if (memcmp(s.p + i, needle, n) == 0)
			return true;
	return false;
}

static bool contains_hex(xc_slice s, const char *hex)
{
	size_t n;
	uint8_t *b = tu_unhex(hex, &n);
	bool r = contains(s, b, n);
	free(b);
	return r;
}

static bool contains_str(xc_slice s, const char *str)
{
	return contains(s, str, strlen(str));
}

static void check_time(const xc_time *t, const char *want)
{
	char buf[XC_TIME_STR];
	CU_ASSERT_EQUAL(xc_time_format(t, buf, sizeof buf), XC_OK);
	CU_ASSERT_STRING_EQUAL(buf, want);
}

static void check_name(xc_slice name, const char *want)
{
	char buf[512];
	CU_ASSERT_EQUAL(xc_name_rfc4514(name, buf, sizeof buf, NULL), XC_OK);
	CU_ASSERT_STRING_EQUAL(buf, want);
}

static void check_sha256(xc_slice der, const char *want)
{
	uint8_t fp[XC_HASH_MAX];
	CU_ASSERT_EQUAL(xc_hash_size(XC_HASH_SHA256), 32);
	CU_ASSERT_EQUAL(xc_fingerprint(XC_HASH_SHA256, der, fp, sizeof fp), XC_OK);
	CU_ASSERT_STRING_EQUAL(tu_hex_tmp(fp, 32), want);
}

static void check_sigalg(const xc_algid *a, const char *dotted, const char *name)
{
	char buf[XC_OID_DOTTED_MAX];
	CU_ASSERT_EQUAL(xc_oid_to_dotted(a->oid, buf, sizeof buf, NULL), XC_OK);
	CU_ASSERT_STRING_EQUAL(buf, dotted);
	CU_ASSERT_PTR_NOT_NULL_FATAL(xc_oid_name(a->oid));
	CU_ASSERT_STRING_EQUAL(xc_oid_name(a->oid), name);
}

/* One expected extension, in DER order. */
typedef struct want_ext {
	const char *oid;        /* dotted */
	bool critical;
	const char *value_hex;  /* whole extnValue, or NULL */
	const char *has_hex;    /* bytes the value contains, or NULL */
	const char *has_str[2]; /* strings the value contains */
} want_ext;

static void check_exts(xc_slice exts, size_t count, const want_ext *w, size_t n)
{
	xc_ext_iter it;
	xc_ext x;
	size_t i = 0;
	char buf[XC_OID_DOTTED_MAX];

	CU_ASSERT_EQUAL(count, n);
	xc_ext_iter_init(&it, exts);
	while (xc_ext_next(&it, &x) == XC_OK) {
		CU_ASSERT_FATAL(i < n);
		CU_ASSERT_EQUAL(xc_oid_to_dotted(x.oid, buf, sizeof buf, NULL), XC_OK);
		CU_ASSERT_STRING_EQUAL(buf, w[i].oid);
		CU_ASSERT_EQUAL(x.critical, w[i].critical);
		if (w[i].value_hex)
			CU_ASSERT_STRING_EQUAL(tu_hex_tmp(x.value.p, x.value.len), w[i].value_hex);
		if (w[i].has_hex)
			CU_ASSERT(contains_hex(x.value, w[i].has_hex));
		for (size_t k = 0; k < 2; k++)
			if (w[i].has_str[k])
				CU_ASSERT(contains_str(x.value, w[i].has_str[k]));
		i++;
	}
	CU_ASSERT_EQUAL(i, n);
}

/* good-ca.pem: PKITS "Good CA". */
static void test_good_ca(void)
{
	size_t len, off = 0;
	uint8_t *der = load_pem("good-ca.pem", XC_PEM_CERTIFICATE, &len);
	xc_cert c;
	char buf[256];

	CU_ASSERT_FATAL(xc_cert_parse(&c, der, len, &off) == XC_OK);
	CU_ASSERT_EQUAL(xc_int_to_dec(c.serial, buf, sizeof buf, NULL), XC_OK);
	CU_ASSERT_STRING_EQUAL(buf, "2");
	CU_ASSERT_EQUAL(c.version, 2);
	CU_ASSERT_STRING_EQUAL(xc_version_name(c.version), "v3");
	check_time(&c.not_before, "2010-01-01T08:30:00Z");
	check_time(&c.not_after, "2030-12-31T08:30:00Z");
	check_name(c.subject, "CN=Good CA,O=Test Certificates 2011,C=US");

	/* The subject's attributes in DER order: C, O, CN. */
	static const struct { xc_oid_id id; const char *value; } attrs[] = {
		{ XC_OID_COUNTRY_NAME, "US" },
		{ XC_OID_ORGANIZATION_NAME, "Test Certificates 2011" },
		{ XC_OID_COMMON_NAME, "Good CA" },
	};
	xc_name_iter ni;
	xc_attr a;
	size_t i = 0;
	xc_name_iter_init(&ni, c.subject);
	while (xc_name_next(&ni, &a) == XC_OK) {
		CU_ASSERT_FATAL(i < 3);
		CU_ASSERT(xc_oid_is(a.oid, attrs[i].id));
		CU_ASSERT_EQUAL(xc_string_to_utf8(a.tag, a.value, buf, sizeof buf, NULL), XC_OK);
		CU_ASSERT_STRING_EQUAL(buf, attrs[i].value);
		CU_ASSERT_EQUAL(a.rdn, i);
		i++;
	}
	CU_ASSERT_EQUAL(i, 3);
	CU_ASSERT_EQUAL(xc_name_attr_count(c.subject), 3);

	check_sha256(c.der, "86d218374763fce77d5b2b45398db48f10e553da1875be7d6103085baca0343f");
	check_sigalg(&c.sig_alg, "1.2.840.113549.1.1.11", "sha256WithRSAEncryption");
	check_sigalg(&c.tbs_sig_alg, "1.2.840.113549.1.1.11", "sha256WithRSAEncryption");

	static const want_ext exts[] = {
		/* AKI: keyIdentifier [0] e47d... */
		{ "2.5.29.35", false, NULL, "8014e47d5fd15c9586082c05aebe75b665a7d95da866", { NULL } },
		{ "2.5.29.14", false, NULL, "580184241bbc2b52944a3da510721451f5af3ac9", { NULL } },
		/* keyUsage: keyCertSign and cRLSign only */
		{ "2.5.29.15", true, "03020106", NULL, { NULL } },
		/* one policy 2.16.840.1.101.3.2.1.48.1, no qualifiers */
		{ "2.5.29.32", false, "300e300c060a60864801650302013001", NULL, { NULL } },
		/* basicConstraints: cA TRUE, no pathLenConstraint */
		{ "2.5.29.19", true, "30030101ff", NULL, { NULL } },
	};
	check_exts(c.extensions, c.ext_count, exts, 5);
	free(der);
}

/* crl-version-2.pem: its version INTEGER is 2, kept as read (xc/crl.h). */
static void test_crl_version_2(void)
{
	size_t len, off = 0;
	uint8_t *der = load_pem("crl-version-2.pem", XC_PEM_CRL, &len);
	xc_crl crl;
	char buf[64];

	CU_ASSERT_FATAL(xc_crl_parse(&crl, der, len, &off) == XC_OK);
	CU_ASSERT(crl.version_present);
	CU_ASSERT_EQUAL(crl.version, 2);
	CU_ASSERT_PTR_NULL(xc_crl_version_name(&crl));
	check_name(crl.issuer, "CN=cryptography.io,C=US");
	check_time(&crl.last_update, "2015-01-01T00:00:00Z");
	CU_ASSERT(crl.has_next_update);
	check_time(&crl.next_update, "2016-01-01T00:00:00Z");
	check_sigalg(&crl.sig_alg, "1.2.840.113549.1.1.11", "sha256WithRSAEncryption");
	check_sha256(crl.der, "65cf2ec43a833f31dcf3fc95d7b387b38ef8b9332187079d1bb421b9e457f41f");
	CU_ASSERT(!xc_slice_present(crl.extensions));

	CU_ASSERT_EQUAL(crl.revoked_count, 1);
	xc_revoked_iter it;
	xc_revoked r;
	xc_revoked_iter_init(&it, &crl);
	CU_ASSERT_FATAL(xc_revoked_next(&it, &r) == XC_OK);
	CU_ASSERT_EQUAL(xc_int_to_dec(r.serial, buf, sizeof buf, NULL), XC_OK);
	CU_ASSERT_STRING_EQUAL(buf, "0");
	check_time(&r.revocation_date, "2015-01-01T00:00:00Z");
	CU_ASSERT_EQUAL(xc_revoked_next(&it, &r), XC_END);

	static const want_ext exts[] = {
		/* invalidityDate: GeneralizedTime 20150101000000Z */
		{ "2.5.29.24", false, "180f32303135303130313030303030305a", NULL, { NULL } },
		/* cRLReason: ENUMERATED 1, keyCompromise */
		{ "2.5.29.21", false, "0a0101", NULL, { NULL } },
	};
	check_exts(r.extensions, r.ext_count, exts, 2);

	xc_ext x;
	xc_time t;
	CU_ASSERT_FATAL(xc_ext_find_id(r.extensions, XC_OID_INVALIDITY_DATE, &x) == XC_OK);
	CU_ASSERT_FATAL(x.value.len == 17 && x.value.p[0] == XC_TAG_GENERALIZED_TIME);
	CU_ASSERT_EQUAL(xc_time_decode(XC_TAG_GENERALIZED_TIME,
	                               xc_slice_make(x.value.p + 2, 15), &t), XC_OK);
	check_time(&t, "2015-01-01T00:00:00Z");

	/* Serial 0 found by value. */
	uint8_t zero = 0;
	CU_ASSERT_EQUAL(xc_crl_find_revoked(&crl, xc_slice_make(&zero, 1), &r), XC_OK);
	free(der);
}

/* csr-rsa-sha1.pem */
static void test_csr_rsa_sha1(void)
{
	size_t len, off = 0;
	uint8_t *der = load_pem("csr-rsa-sha1.pem", XC_PEM_CSR, &len);
	xc_csr csr;

	CU_ASSERT_FATAL(xc_csr_parse(&csr, der, len, &off) == XC_OK);
	CU_ASSERT_EQUAL(csr.version, 0);
	CU_ASSERT_STRING_EQUAL(xc_csr_version_name(&csr), "v1");
	check_name(csr.subject, "CN=hello.com,O=r509 LLC,L=Chicago,ST=Illinois,C=US");
	check_sigalg(&csr.sig_alg, "1.2.840.113549.1.1.5", "sha1WithRSAEncryption");

	xc_spki k;
	CU_ASSERT_FATAL(xc_spki_parse(&k, csr.spki, der, &off) == XC_OK);
	CU_ASSERT_EQUAL(k.type, XC_KEY_RSA);
	CU_ASSERT_STRING_EQUAL(xc_key_type_name(k.type), "rsa");
	CU_ASSERT_EQUAL(k.bits, 2048);

	xc_slice exts;
	size_t count = 0;
	CU_ASSERT_FATAL(xc_csr_extensions(&csr, &exts, &count, &off) == XC_OK);
	static const want_ext want[] = {
		{ "2.5.29.17", false, NULL, "8209776f726c642e636f6d820c77686174657665722e636f6d",
		  { "world.com", "whatever.com" } },
	};
	check_exts(exts, count, want, 1);
	free(der);
}

/* cryptography-io.pem */
static void test_cryptography_io(void)
{
	size_t len, off = 0;
	uint8_t *der = load_pem("cryptography-io.pem", XC_PEM_CERTIFICATE, &len);
	xc_cert c;
	xc_ext x;

	CU_ASSERT_FATAL(xc_cert_parse(&c, der, len, &off) == XC_OK);
	CU_ASSERT_FATAL(xc_ext_find_id(c.extensions, XC_OID_SUBJECT_ALTERNATIVE_NAME, &x) == XC_OK);
	/* dNSName [2] "www.cryptography.io", then "cryptography.io" */
	CU_ASSERT(contains_str(x.value, "\x82\x13www.cryptography.io"));
	CU_ASSERT(contains_str(x.value, "\x82\x0f" "cryptography.io"));
	free(der);
}

/* issuer-rsa4096.pub.pem (PKCS#1) and the certificate it signed. */
static void test_rsa4096_pair(void)
{
	size_t klen, clen, off = 0;
	uint8_t *kder = load_pem("issuer-rsa4096.pub.pem", XC_PEM_RSA_PUBLIC_KEY, &klen);
	uint8_t *cder = load_pem("signed-by-issuer-rsa4096.pem", XC_PEM_CERTIFICATE, &clen);
	xc_spki issuer, own;
	xc_cert c;

	CU_ASSERT_FATAL(xc_spki_parse_pkcs1(&issuer, xc_slice_make(kder, klen), &off) == XC_OK);
	CU_ASSERT_EQUAL(issuer.bits, 4096);
	CU_ASSERT_FATAL(xc_cert_parse(&c, cder, clen, &off) == XC_OK);
	check_sigalg(&c.sig_alg, "1.2.840.113549.1.1.13", "sha512WithRSAEncryption");
	CU_ASSERT_STRING_EQUAL(xc_sigalg_hash_name(&c.sig_alg), "sha512");
	check_name(c.issuer, "CN=Issuer");
	CU_ASSERT_EQUAL(c.signature.len, 512);
	/* Self-issued: its own key is the issuer's. */
	CU_ASSERT_FATAL(xc_spki_parse(&own, c.spki, cder, &off) == XC_OK);
	CU_ASSERT(xc_slice_eq(own.rsa_n, issuer.rsa_n));
	CU_ASSERT(xc_slice_eq(own.rsa_e, issuer.rsa_e));
	free(kder);
	free(cder);
}

int main(void)
{
	static const tu_test tests[] = {
		{ "good-ca.pem", test_good_ca },
		{ "crl-version-2.pem", test_crl_version_2 },
		{ "csr-rsa-sha1.pem", test_csr_rsa_sha1 },
		{ "cryptography-io.pem", test_cryptography_io },
		{ "issuer-rsa4096 pair", test_rsa4096_pair },
		{ NULL, NULL },
	};
	return tu_run("seed", tests);
}
