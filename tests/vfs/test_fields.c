/*
 * test_fields.c - the object field builders (vfs/fields*.c): the tree of
 * the seed examples and of generated objects, file by file, against the
 * values pyca/cryptography 38 gives for them; the no-file rules; invalid
 * objects; duplicate CRL serials; the text-file rules for every file.
 *
 * The generated objects (hex below) were made with pyca 38's builders
 * (Ed25519 and P-256 keys) and `openssl req -x509 -sigopt
 * rsa_padding_mode:pss` (the RSASSA-PSS certificate); the expected values
 * are what pyca prints for them.
 */
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "testutil.h"

/* Ed25519 self-signed: name C=DE, OU=one, OU=two, x500UniqueIdentifier
 * BIT STRING 0102, 1.2.3.4=x, CN="line1\nline2" (DER order). */
static const char ed_hex[] =
	"3082016630820118a003020102020a1234567890abcdef1234300506032b65703058310b"
	"3009060355040613024445310c300a060355040b0c036f6e65310c300a060355040b0c03"
	"74776f310b3009060355042d03020102310a300806032a03040c01783114301206035504"
	"030c0b6c696e65310a6c696e6532301e170d3230303130323033303430355a170d343931"
	"3233313233353935395a3058310b3009060355040613024445310c300a060355040b0c03"
	"6f6e65310c300a060355040b0c0374776f310b3009060355042d03020102310a30080603"
	"2a03040c01783114301206035504030c0b6c696e65310a6c696e6532302a300506032b65"
	"7003210003a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8"
	"300506032b6570034100d71c125bbacb0b0bb450f93dd7ce11d7f75cb84ec5450c8dcdb6"
	"40a462108a1017b095a982448d9f6f0e90bc6500dfdbd877bcad7e8de2c5d7c7bbda9fa0"
	"8f0b";

/* P-256 self-signed, ecdsa-with-SHA384, CN=ec. */
static const char ec_hex[] =
	"308201063081ada003020102020101300a06082a8648ce3d040303300d310b3009060355"
	"04030c026563301e170d3230303130323033303430355a170d3439313233313233353935"
	"395a300d310b300906035504030c0265633059301306072a8648ce3d020106082a8648ce"
	"3d030107034200043ed7a28ec648edce5d5b7e252f6b2aafbb44835114a24b3caa8f710f"
	"64993bc25711a34cdc9229080b639f09977feb7ca91ecce1649bfea8ad85c72b206ade7e"
	"300a06082a8648ce3d040303034800304502201315e9486901b5a7c5829d9e23aa211e97"
	"083bb7505fef77b7a1b526ed88e3b3022100fc7ca9a9430ea5293ae890bdaee67e76b33c"
	"5cb4d0127ae0c2bb1e78d66dd567";

/* CRL by CN=ec revoking serials 5, 50, 5, 10, 9, 5 (in that order). */
static const char crldup_hex[] =
	"308201103081b6020101300a06082a8648ce3d040302300d310b300906035504030c0265"
	"63170d3230303130323033303430355a170d3439313233313233353935395a3078301202"
	"0105170d3230303130323033303430355a3012020132170d323030313032303330343035"
	"5a3012020105170d3230303130323033303430355a301202010a170d3230303130323033"
	"303430355a3012020109170d3230303130323033303430355a3012020105170d32303031"
	"30323033303430355a300a06082a8648ce3d04030203490030460221009dea3bece9b527"
	"ca975988e8d7a3e3aa07e1d54afb9104eb614e21363b6aadee022100e4aad6d8d2e00b04"
	"162d0003abe56664ccda38654ceb6342a76b99fb4949c0d9";

/* A minimal v1 CRL (made by hand): no nextUpdate, no entry, no
 * extensions; the signature is a dummy. pyca loads it. */
static const char crlmin_hex[] =
	"303c302a300a06082a8648ce3d040302300d310b300906035504030c026563170d323030"
	"3130323033303430355a300a06082a8648ce3d04030203020000";

/* CSR of CN=ec with unstructuredName "un" and challengePassword "pw". */
static const char csr_hex[] =
	"3081ef308195020100300d310b300906035504030c0265633059301306072a8648ce3d02"
	"0106082a8648ce3d030107034200043ed7a28ec648edce5d5b7e252f6b2aafbb44835114"
	"a24b3caa8f710f64993bc25711a34cdc9229080b639f09977feb7ca91ecce1649bfea8ad"
	"85c72b206ade7ea026301106092a864886f70d01090231040c02756e301106092a864886"
	"f70d01090731040c027077300a06082a8648ce3d0403020349003046022100a5f3c1e132"
	"1195cb00f9da9ee917f9515747018ccad73c9483c6fb3d79952d4d022100b8a02265fb2f"
	"cd321c6a408d579cec7a9f519aa680dff59cc790856fc96aa0cd";

/* RSA-1024 self-signed with RSASSA-PSS (sha256, MGF1 sha256, salt 32). */
static const char pss_hex[] =
	"3082026030820195a00302010202145dbf3a726e15b18ccb2ad6605c1b2a8da48927f530"
	"4106092a864886f70d01010a3034a00f300d06096086480165030402010500a11c301a06"
	"092a864886f70d010108300d06096086480165030402010500a203020120300e310c300a"
	"06035504030c03707373301e170d3236313132333133353733315a170d32363131323431"
	"33353733315a300e310c300a06035504030c0370737330819f300d06092a864886f70d01"
	"0101050003818d0030818902818100ae12f4e771637612a33fc17ca0965daa5c6800c6b3"
	"4fe384cb3dd0f28089f1cdbe11f5ce229b7b882ea6838f2388269535c5eb58bb4f506fde"
	"4045c45227fda770abd2bfa3dabde37cf1ca01eaa71567236e1ee147a026269ea51612d9"
	"3d5dc27ac763ba248bd42ce4da7edeab97d50dca8276f7f67fb57ab1f767ec2502ad9302"
	"03010001a3533051301d0603551d0e04160414b880bad0939af74786901208d8e0c80998"
	"80b3fe301f0603551d23041830168014b880bad0939af74786901208d8e0c8099880b3fe"
	"300f0603551d130101ff040530030101ff304106092a864886f70d01010a3034a00f300d"
	"06096086480165030402010500a11c301a06092a864886f70d010108300d060960864801"
	"65030402010500a20302012003818100addd64ee521e16a7d0c39c2048a40e6ca8672113"
	"e71934e7a1b8121b2a1ef7c365ac60e30e7e392f3730e54c2895d9c3c25af617cac28ee9"
	"347d07f714dc2d2ae68a263af113a9e2d577e27ca633a50727dd46292d2a4bdb3ba18f30"
	"f812e8b3ca41345deeddd8b783c99ce09eecc23b3e119b923f8c63f5ca60193ce2423fc2";

/* The objects: a seed file (its first object block) or DER in hex. */
typedef struct obj {
	const char *key;
	const char *seed;
	const char *hex;
	cfs_type hint;
	cfs_type want;
} obj;

static const obj objs[] = {
	{ "ca", "seed/good-ca.pem", NULL, CFS_CERT, CFS_CERT },
	{ "io", "seed/cryptography-io.pem", NULL, CFS_CERT, CFS_CERT },
	{ "crl", "seed/crl-version-2.pem", NULL, CFS_CRL, CFS_CRL },
	{ "csr", "seed/csr-rsa-sha1.pem", NULL, CFS_CSR, CFS_CSR },
	{ "ed", NULL, ed_hex, CFS_UNKNOWN, CFS_CERT },
	{ "ec", NULL, ec_hex, CFS_CERT, CFS_CERT },
	{ "crldup", NULL, crldup_hex, CFS_UNKNOWN, CFS_CRL },
	{ "crlmin", NULL, crlmin_hex, CFS_CRL, CFS_CRL },
	{ "csr2", NULL, csr_hex, CFS_UNKNOWN, CFS_CSR },
	{ "pss", NULL, pss_hex, CFS_CERT, CFS_CERT },
};
#define NOBJ (sizeof(objs) / sizeof(objs[0]))

static cfs_tree *trees[NOBJ];
static uint8_t *ders[NOBJ];
static size_t der_lens[NOBJ];

/* The DER of an object: the seed file's first object block, or the hex. */
static uint8_t *obj_der(const obj *o, size_t *len)
{
	xc_pem_iter it;
	xc_pem_block b;
	uint8_t *buf, *der = NULL;
	size_t blen;

	if (o->hex)
		return tu_unhex(o->hex, len);
	buf = tu_read_data(o->seed, &blen);
	if (!buf)
		return NULL;
	xc_pem_iter_init(&it, buf, blen);
	while (xc_pem_next(&it, &b, NULL) == XC_OK) {
		if (cfs_type_of_pem(b.kind) == CFS_UNKNOWN)
			continue;
		der = malloc(XC_PEM_DECODED_MAX(b.body.len));
		if (xc_pem_decode(b.body, der, XC_PEM_DECODED_MAX(b.body.len), len, NULL) != XC_OK) {
			free(der);
			der = NULL;
		}
		break;
	}
	free(buf);
	return der;
}

static size_t obj_index(const char *key)
{
	for (size_t i = 0; i < NOBJ; i++)
		if (strcmp(objs[i].key, key) == 0)
			return i;
	CU_FAIL_FATAL("unknown object key");
	return 0;
}

/* The object's tree, built once and sealed as the store would. */
static cfs_node *tree_of(const char *key)
{
	size_t i = obj_index(key);

	if (!trees[i]) {
		cfs_type got;

		ders[i] = obj_der(&objs[i], &der_lens[i]);
		CU_ASSERT_PTR_NOT_NULL_FATAL(ders[i]);
		trees[i] = cfs_tree_new();
		CU_ASSERT_PTR_NOT_NULL_FATAL(trees[i]);
		got = cfs_fields_build(trees[i], cfs_tree_root(trees[i]), objs[i].hint,
				       ders[i], der_lens[i]);
		CU_ASSERT_EQUAL(got, objs[i].want);
		cfs_tree_seal(trees[i]);        /* which finds a name used twice */
		CU_ASSERT_TRUE(cfs_tree_ok(trees[i]));
	}
	return cfs_tree_root(trees[i]);
}

/* path -> exact content; want NULL: the file must not exist. */
typedef struct row {
	const char *key;
	const char *path;
	const char *want;
} row;

static const row rows[] = {
	/* the PKITS Good CA (seed README) */
	{ "ca", "type", "certificate\n" },
	{ "ca", "version", "v3\n" },
	{ "ca", "serial_number", "2\n" },
	{ "ca", "not_valid_before", "2010-01-01T08:30:00Z\n" },
	{ "ca", "not_valid_after", "2030-12-31T08:30:00Z\n" },
	{ "ca", "subject", "CN=Good CA,O=Test Certificates 2011,C=US\n" },
	{ "ca", "issuer", "CN=Trust Anchor,O=Test Certificates 2011,C=US\n" },
	{ "ca", "subject.d/common_name", "Good CA\n" },
	{ "ca", "subject.d/organization_name", "Test Certificates 2011\n" },
	{ "ca", "subject.d/country_name", "US\n" },
	{ "ca", "issuer.d/common_name", "Trust Anchor\n" },
	{ "ca", "fingerprint/sha256",
	  "86d218374763fce77d5b2b45398db48f10e553da1875be7d6103085baca0343f\n" },
	{ "ca", "fingerprint/sha1", "6f49779533d565e8b7c1062503eab41492c38e4d\n" },
	{ "ca", "fingerprint/md5", "a36417efe95210a2f9cd85e0700ceead\n" },
	{ "ca", "signature_algorithm", "sha256WithRSAEncryption\n" },
	{ "ca", "signature_algorithm_oid", "1.2.840.113549.1.1.11\n" },
	{ "ca", "signature_hash_algorithm", "sha256\n" },
	{ "ca", "public_key/algorithm", "rsa\n" },
	{ "ca", "public_key/key_size", "2048\n" },
	{ "ca", "public_key/public_exponent", "65537\n" },
	{ "ca", "public_key/fingerprint/sha256",
	  "faca9ad2bf39dac8c6e60be93871ea2ebb647143e46c8a8036160a509472d32e\n" },
	{ "ca", "public_key/curve", NULL },
	{ "ca", "public_key/error", NULL },
	{ "ca", "signature_algorithm_parameters", NULL },
	{ "ca", "next_update", NULL },
	{ "ca", "revoked", NULL },
	{ "ca", "attributes", NULL },
	{ "ca", "error", NULL },
	/* cryptography.io: three OUs in DER order */
	{ "io", "subject.d/organizational_unit_name",
	  "GT48742965\nSee www.rapidssl.com/resources/cps (c)14\n"
	  "Domain Control Validated - RapidSSL(R)\n" },
	{ "io", "serial_number", "16160\n" },
	{ "io", "public_key/key_size", "4096\n" },
	/* the seed CRL, whose version field holds 2 */
	{ "crl", "type", "crl\n" },
	{ "crl", "version", "unknown(2)\n" },
	{ "crl", "issuer", "CN=cryptography.io,C=US\n" },
	{ "crl", "issuer.d/common_name", "cryptography.io\n" },
	{ "crl", "issuer.d/country_name", "US\n" },
	{ "crl", "last_update", "2015-01-01T00:00:00Z\n" },
	{ "crl", "next_update", "2016-01-01T00:00:00Z\n" },
	{ "crl", "revoked_count", "1\n" },
	{ "crl", "revoked/0/serial_number", "0\n" },
	{ "crl", "revoked/0/revocation_date", "2015-01-01T00:00:00Z\n" },
	{ "crl", "fingerprint/sha256",
	  "65cf2ec43a833f31dcf3fc95d7b387b38ef8b9332187079d1bb421b9e457f41f\n" },
	{ "crl", "signature_algorithm", "sha256WithRSAEncryption\n" },
	{ "crl", "subject", NULL },
	{ "crl", "serial_number", NULL },
	{ "crl", "public_key", NULL },
	/* the seed CSR */
	{ "csr", "type", "csr\n" },
	{ "csr", "subject", "CN=hello.com,O=r509 LLC,L=Chicago,ST=Illinois,C=US\n" },
	{ "csr", "subject.d/locality_name", "Chicago\n" },
	{ "csr", "subject.d/state_or_province_name", "Illinois\n" },
	{ "csr", "signature_algorithm", "sha1WithRSAEncryption\n" },
	{ "csr", "signature_algorithm_oid", "1.2.840.113549.1.1.5\n" },
	{ "csr", "signature_hash_algorithm", "sha1\n" },
	{ "csr", "public_key/algorithm", "rsa\n" },
	{ "csr", "public_key/key_size", "2048\n" },
	{ "csr", "attributes/extension_request/oid", "1.2.840.113549.1.9.14\n" },
	{ "csr", "attributes/extension_request/type", "48\n" },
	{ "csr", "extensions_error", NULL },
	{ "csr", "issuer", NULL },
	{ "csr", "version", NULL },
	/* Ed25519: no hash, no key_size; name value rules */
	{ "ed", "type", "certificate\n" },
	{ "ed", "serial_number", "85968058272638546416180\n" },
	{ "ed", "not_valid_before", "2020-01-02T03:04:05Z\n" },
	{ "ed", "not_valid_after", "2049-12-31T23:59:59Z\n" },
	{ "ed", "signature_algorithm", "ed25519\n" },
	{ "ed", "signature_algorithm_oid", "1.3.101.112\n" },
	{ "ed", "signature_hash_algorithm", NULL },
	{ "ed", "public_key/algorithm", "ed25519\n" },
	{ "ed", "public_key/key_size", NULL },
	{ "ed", "public_key/modulus", NULL },
	/* one rule for every text file (docs/ABI.md 2): the newline escaped */
	{ "ed", "subject", "CN=line1\\nline2,1.2.3.4=x,2.5.4.45=#0102,OU=two,OU=one,C=DE\n" },
	{ "ed", "subject.d/common_name", "line1\\nline2\n" },
	{ "ed", "subject.d/organizational_unit_name", "one\ntwo\n" },
	{ "ed", "subject.d/x500_unique_identifier", "0102\n" },
	{ "ed", "subject.d/1.2.3.4", "x\n" },
	{ "ed", "subject.d/country_name", "DE\n" },
	{ "ed", "signature",
	  "d71c125bbacb0b0bb450f93dd7ce11d7f75cb84ec5450c8dcdb640a462108a10"
	  "17b095a982448d9f6f0e90bc6500dfdbd877bcad7e8de2c5d7c7bbda9fa08f0b\n" },
	/* P-256 */
	{ "ec", "public_key/algorithm", "ec\n" },
	{ "ec", "public_key/curve", "secp256r1\n" },
	{ "ec", "public_key/key_size", "256\n" },
	{ "ec", "public_key/x", "3ed7a28ec648edce5d5b7e252f6b2aafbb44835114a24b3caa8f710f64993bc2\n" },
	{ "ec", "public_key/y", "5711a34cdc9229080b639f09977feb7ca91ecce1649bfea8ad85c72b206ade7e\n" },
	{ "ec", "public_key/public_exponent", NULL },
	{ "ec", "signature_algorithm", "ecdsa-with-SHA384\n" },
	{ "ec", "signature_hash_algorithm", "sha384\n" },
	{ "ec", "version", "v3\n" },
	{ "ec", "subject", "CN=ec\n" },
	/* duplicate serials: the later ones suffixed, in DER order */
	{ "crldup", "revoked_count", "6\n" },
	{ "crldup", "revoked/5/serial_number", "5\n" },
	{ "crldup", "revoked/5.1/serial_number", "5\n" },
	{ "crldup", "revoked/5.2/serial_number", "5\n" },
	{ "crldup", "revoked/5.3", NULL },
	{ "crldup", "revoked/50/serial_number", "50\n" },
	{ "crldup", "revoked/10/serial_number", "10\n" },
	{ "crldup", "revoked/9/revocation_date", "2020-01-02T03:04:05Z\n" },
	{ "crldup", "version", "v2\n" },
	{ "crldup", "signature_algorithm", "ecdsa-with-SHA256\n" },
	/* no nextUpdate, no entries: no file, no directory */
	{ "crlmin", "version", "v1\n" },
	{ "crlmin", "issuer", "CN=ec\n" },
	{ "crlmin", "last_update", "2020-01-02T03:04:05Z\n" },
	{ "crlmin", "next_update", NULL },
	{ "crlmin", "revoked_count", "0\n" },
	{ "crlmin", "revoked", NULL },
	{ "crlmin", "extensions", NULL },
	{ "crlmin", "signature", "00\n" },
	/* CSR attributes: pyca's oid, _type; no extension request */
	{ "csr2", "attributes/challenge_password/oid", "1.2.840.113549.1.9.7\n" },
	{ "csr2", "attributes/challenge_password/type", "12\n" },
	{ "csr2", "attributes/challenge_password/value", "pw" },
	{ "csr2", "attributes/unstructured_name/oid", "1.2.840.113549.1.9.2\n" },
	{ "csr2", "attributes/unstructured_name/value", "un" },
	{ "csr2", "extensions", NULL },
	{ "csr2", "extensions_error", NULL },
	{ "csr2", "public_key/curve", "secp256r1\n" },
	/* RSASSA-PSS */
	{ "pss", "signature_algorithm", "RSASSA-PSS\n" },
	{ "pss", "signature_algorithm_oid", "1.2.840.113549.1.1.10\n" },
	{ "pss", "signature_hash_algorithm", "sha256\n" },
	{ "pss", "signature_algorithm_parameters/hash_algorithm", "sha256\n" },
	{ "pss", "signature_algorithm_parameters/mgf1_hash_algorithm", "sha256\n" },
	{ "pss", "signature_algorithm_parameters/salt_length", "32\n" },
	{ "pss", "serial_number", "535200675470638014766695861820563214531746670581\n" },
	{ "pss", "public_key/key_size", "1024\n" },
	{ "pss", "public_key/modulus",
	  "ae12f4e771637612a33fc17ca0965daa5c6800c6b34fe384cb3dd0f28089f1cdbe11f5ce"
	  "229b7b882ea6838f2388269535c5eb58bb4f506fde4045c45227fda770abd2bfa3dabde3"
	  "7cf1ca01eaa71567236e1ee147a026269ea51612d93d5dc27ac763ba248bd42ce4da7ede"
	  "ab97d50dca8276f7f67fb57ab1f767ec2502ad93\n" },
};

static void test_values(void)
{
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const row *r = &rows[i];
		cfs_node *n = cfs_walk(tree_of(r->key), r->path);

		if (!r->want) {
			if (n)
				fprintf(stderr, "\n%s: %s exists\n", r->key, r->path);
			CU_ASSERT_PTR_NULL(n);
			continue;
		}
		if (!n || n->kind != CFS_FILE) {
			fprintf(stderr, "\n%s: %s missing\n", r->key, r->path);
			CU_FAIL("file missing");
			continue;
		}
		if (n->len != strlen(r->want) || memcmp(n->data, r->want, n->len) != 0) {
			fprintf(stderr, "\n%s: %s = \"%.*s\", want \"%s\"\n", r->key, r->path,
				(int)n->len, (const char *)n->data, r->want);
			CU_FAIL("wrong content");
		}
	}
}

static void assert_bytes(cfs_node *root, const char *path, xc_slice want)
{
	cfs_node *n = cfs_walk(root, path);

	CU_ASSERT_PTR_NOT_NULL_FATAL(n);
	CU_ASSERT_EQUAL(n->kind, CFS_FILE);
	CU_ASSERT_EQUAL(n->len, want.len);
	CU_ASSERT_TRUE(n->len == want.len && memcmp(n->data, want.p, want.len) == 0);
}

/* der, the tbs bytes, the names' der, public_key/der: the parsed slices;
 * pem: the seed files are OpenSSL's own PEM, byte for byte. */
static void test_binary(void)
{
	static const char *const seeds[] = { "ca", "io", "crl", "csr" };
	cfs_node *root;
	size_t i, len;
	xc_cert c;
	xc_crl crl;
	xc_csr csr;

	for (i = 0; i < NOBJ; i++) {
		root = tree_of(objs[i].key);
		assert_bytes(root, "der", xc_slice_make(ders[i], der_lens[i]));
	}
	for (i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++) {
		size_t k = obj_index(seeds[i]);
		uint8_t *file = tu_read_data(objs[k].seed, &len);

		assert_bytes(tree_of(seeds[i]), "pem", xc_slice_make(file, len));
		free(file);
	}
	/* the text page (vfs/text.c) for every valid object */
	for (i = 0; i < NOBJ; i++)
		CU_ASSERT_PTR_NOT_NULL(cfs_walk(tree_of(objs[i].key), "text"));
	root = tree_of("ca");
	i = obj_index("ca");
	CU_ASSERT_EQUAL_FATAL(xc_cert_parse(&c, ders[i], der_lens[i], NULL), XC_OK);
	assert_bytes(root, "tbs_certificate_bytes", c.tbs);
	assert_bytes(root, "subject.d/der", c.subject_raw);
	assert_bytes(root, "issuer.d/der", c.issuer_raw);
	assert_bytes(root, "public_key/der", c.spki);

	root = tree_of("crl");
	i = obj_index("crl");
	CU_ASSERT_EQUAL_FATAL(xc_crl_parse(&crl, ders[i], der_lens[i], NULL), XC_OK);
	assert_bytes(root, "tbs_certlist_bytes", crl.tbs);
	assert_bytes(root, "issuer.d/der", crl.issuer_raw);

	root = tree_of("csr");
	i = obj_index("csr");
	CU_ASSERT_EQUAL_FATAL(xc_csr_parse(&csr, ders[i], der_lens[i], NULL), XC_OK);
	assert_bytes(root, "tbs_certrequest_bytes", csr.tbs);
	assert_bytes(root, "public_key/der", csr.spki);
	/* pyca's Attribute.value: the first value's contents octets */
	{
		static const char ext_req[] =
			"30220603551d11041b30198209776f726c642e636f6d820c77686174657665722e636f6d";
		uint8_t *v = tu_unhex(ext_req, &len);

		assert_bytes(root, "attributes/extension_request/value", xc_slice_make(v, len));
		free(v);
	}
	/* public_key/pem: the SPKI as OpenSSL writes a PUBLIC KEY */
	{
		static const char pem[] =
			"-----BEGIN PUBLIC KEY-----\n"
			"MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEPteijsZI7c5dW34lL2sqr7tEg1EU\n"
			"oks8qo9xD2SZO8JXEaNM3JIpCAtjnwmXf+t8qR7M4WSb/qithccrIGrefg==\n"
			"-----END PUBLIC KEY-----\n";

		assert_bytes(tree_of("ec"), "public_key/pem", xc_slice_make(pem, strlen(pem)));
	}
}

/* Files holding raw DER; every other file is text. */
static bool binary_name(const char *name)
{
	return strcmp(name, "der") == 0 || strcmp(name, "value") == 0 ||
	       strncmp(name, "tbs_", 4) == 0;
}

/* Every text file of every tree: not empty, one newline at the end, no
 * empty line (an empty value has no file), no NUL; names are real. */
static void check_node(const cfs_node *d)
{
	for (size_t i = 0; i < d->nkids; i++) {
		const cfs_node *n = d->kids[i];

		CU_ASSERT(n->name[0] != '\0' && strchr(n->name, '/') == NULL &&
			  strcmp(n->name, ".") != 0 && strcmp(n->name, "..") != 0);
		if (n->kind == CFS_DIR) {
			CU_ASSERT(n->nkids > 0);
			check_node(n);
			continue;
		}
		if (n->kind == CFS_LINK) {
			/* revoked_hex/: relative links to revoked/ */
			CU_ASSERT(n->len > 11 && memcmp(n->data, "../revoked/", 11) == 0);
			continue;
		}
		CU_ASSERT_EQUAL(n->kind, CFS_FILE);
		if (binary_name(n->name) || strcmp(n->name, "text") == 0)
			continue;
		CU_ASSERT(n->len >= 2 && n->data[n->len - 1] == '\n' &&
			  n->data[n->len - 2] != '\n');
		CU_ASSERT(n->data[0] != '\n');
		CU_ASSERT(memchr(n->data, '\0', n->len) == NULL);
		if (n->len && n->data[n->len - 1] != '\n')
			fprintf(stderr, "\n%s: no newline\n", n->name);
	}
}

static void test_text_rules(void)
{
	for (size_t i = 0; i < NOBJ; i++)
		check_node(tree_of(objs[i].key));
}

/* A truncated certificate: type invalid, the error with the offset where
 * the parser stopped, and the DER. */
static void test_invalid(void)
{
	static const struct {
		const char *name;
		const char *hex;        /* NULL: the Good CA's first 100 bytes */
		cfs_type hint;
		const char *error;
	} cases[] = {
		{ "truncated cert", NULL, CFS_CERT,
		  "length runs past the end of the enclosing data at byte 3\n" },
		{ "truncated, no hint", NULL, CFS_UNKNOWN,
		  "length runs past the end of the enclosing data at byte 3\n" },
		{ "empty SEQUENCE", "3000", CFS_CERT, NULL },
		{ "not a SEQUENCE", "020100", CFS_UNKNOWN, "unexpected tag at byte 0\n" },
		{ "CRL DER as a certificate", crlmin_hex, CFS_CERT, NULL },
		{ "empty", "", CFS_UNKNOWN, NULL },
	};
	size_t ca = obj_index("ca");

	tree_of("ca");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cfs_tree *t = cfs_tree_new();
		cfs_node *root = cfs_tree_root(t), *n;
		uint8_t *der;
		size_t len, off = 0;
		xc_err e;
		char want[200];

		if (cases[i].hex) {
			der = tu_unhex(cases[i].hex, &len);
		} else {
			len = 100;
			der = malloc(len);
			memcpy(der, ders[ca], len);
		}
		CU_ASSERT_EQUAL(cfs_fields_build(t, root, cases[i].hint, der, len), CFS_INVALID);
		cfs_tree_seal(t);
		CU_ASSERT_TRUE(cfs_tree_ok(t));
		n = cfs_walk(root, "type");
		CU_ASSERT_TRUE_FATAL(n && n->len == 8 && memcmp(n->data, "invalid\n", 8) == 0);
		n = cfs_walk(root, "error");
		CU_ASSERT_PTR_NOT_NULL_FATAL(n);
		/* the certificate parser's own error and offset */
		e = xc_cert_parse(&(xc_cert){ 0 }, der, len, &off);
		snprintf(want, sizeof(want), "%s at byte %zu\n", xc_strerror(e), off);
		if (cases[i].hint == CFS_CERT)
			CU_ASSERT_TRUE(n->len == strlen(want) && memcmp(n->data, want, n->len) == 0);
		if (cases[i].error &&
		    (n->len != strlen(cases[i].error) || memcmp(n->data, cases[i].error, n->len))) {
			fprintf(stderr, "\n%s: error \"%.*s\"\n", cases[i].name, (int)n->len,
				(const char *)n->data);
			CU_FAIL("wrong error line");
		}
		if (len)
			assert_bytes(root, "der", xc_slice_make(der, len));
		else
			CU_ASSERT_PTR_NULL(cfs_walk(root, "der"));
		CU_ASSERT_PTR_NULL(cfs_walk(root, "fingerprint"));
		CU_ASSERT_PTR_NULL(cfs_walk(root, "text"));
		CU_ASSERT_EQUAL(root->nkids, len ? 3u : 2u);
		cfs_tree_free(t);
		free(der);
	}
}

/* revoked/ is built in name order, so it is sorted (binary search) even
 * before the tree is sealed; six entries, one directory each. */
static void test_revoked_dir(void)
{
	static const char *const names[] = { "10", "5", "5.1", "5.2", "50", "9" };
	cfs_tree *t = cfs_tree_new();
	size_t i = obj_index("crldup"), len;
	uint8_t *der = tu_unhex(crldup_hex, &len);
	cfs_node *rd;

	(void)i;
	CU_ASSERT_EQUAL(cfs_fields_build(t, cfs_tree_root(t), CFS_CRL, der, len), CFS_CRL);
	rd = cfs_lookup(cfs_tree_root(t), "revoked");
	CU_ASSERT_PTR_NOT_NULL_FATAL(rd);
	CU_ASSERT_TRUE(rd->sorted);
	CU_ASSERT_EQUAL_FATAL(rd->nkids, 6);
	for (size_t k = 0; k < 6; k++)
		CU_ASSERT_STRING_EQUAL(rd->kids[k]->name, names[k]);
	cfs_tree_free(t);
	free(der);
}

/* The two parts the store builds apart: the base with empty places of
 * the derived files, then the derived files alone; together the same
 * files as cfs_fields_build. */
static void test_lazy_parts(void)
{
	static const char *const derived[] = { "pem", "text", "fingerprint" };
	cfs_tree *base = cfs_tree_new(), *d = cfs_tree_new(), *all = cfs_tree_new();
	size_t len;
	uint8_t *der = tu_unhex(crldup_hex, &len);
	cfs_node *n;

	CU_ASSERT_EQUAL(cfs_fields_build_base(base, cfs_tree_root(base), CFS_CRL, der, len, true),
			CFS_CRL);
	cfs_fields_derived(d, cfs_tree_root(d), CFS_CRL, der, len);
	CU_ASSERT_EQUAL(cfs_fields_build(all, cfs_tree_root(all), CFS_CRL, der, len), CFS_CRL);
	CU_ASSERT_EQUAL(cfs_tree_root(d)->nkids, 3);
	for (size_t i = 0; i < 3; i++) {
		const cfs_node *full = cfs_lookup(cfs_tree_root(all), derived[i]);

		n = cfs_lookup(cfs_tree_root(base), derived[i]);
		CU_ASSERT_PTR_NOT_NULL_FATAL(n);
		CU_ASSERT_PTR_NOT_NULL_FATAL(full);
		CU_ASSERT_EQUAL(n->kind, full->kind);
		CU_ASSERT_EQUAL(n->len, 0);
		CU_ASSERT_EQUAL(n->nkids, 0);
		n = cfs_lookup(cfs_tree_root(d), derived[i]);
		CU_ASSERT_PTR_NOT_NULL_FATAL(n);
		CU_ASSERT_EQUAL(n->len, full->len);
		CU_ASSERT_EQUAL(n->nkids, full->nkids);
		CU_ASSERT(n->len == 0 || memcmp(n->data, full->data, n->len) == 0);
	}
	CU_ASSERT_EQUAL(cfs_lookup(cfs_tree_root(all), "text")->len > 0, true);
	CU_ASSERT_EQUAL(cfs_tree_root(base)->nkids, cfs_tree_root(all)->nkids);
	/* nothing derived from an object that is not one */
	cfs_tree_free(d);
	d = cfs_tree_new();
	cfs_fields_derived(d, cfs_tree_root(d), CFS_INVALID, der, len);
	CU_ASSERT_EQUAL(cfs_tree_root(d)->nkids, 0);
	cfs_tree_free(base);
	cfs_tree_free(d);
	cfs_tree_free(all);
	free(der);
}

static void test_type_names(void)
{
	CU_ASSERT_STRING_EQUAL(cfs_type_name(CFS_CERT), "certificate");
	CU_ASSERT_STRING_EQUAL(cfs_type_name(CFS_CRL), "crl");
	CU_ASSERT_STRING_EQUAL(cfs_type_name(CFS_CSR), "csr");
	CU_ASSERT_STRING_EQUAL(cfs_type_name(CFS_INVALID), "invalid");
	CU_ASSERT_EQUAL(cfs_type_of_pem(XC_PEM_CERTIFICATE), CFS_CERT);
	CU_ASSERT_EQUAL(cfs_type_of_pem(XC_PEM_TRUSTED_CERTIFICATE), CFS_CERT);
	CU_ASSERT_EQUAL(cfs_type_of_pem(XC_PEM_CRL), CFS_CRL);
	CU_ASSERT_EQUAL(cfs_type_of_pem(XC_PEM_CSR), CFS_CSR);
	CU_ASSERT_EQUAL(cfs_type_of_pem(XC_PEM_OTHER), CFS_UNKNOWN);
	CU_ASSERT_EQUAL(cfs_type_of_pem(XC_PEM_PUBLIC_KEY), CFS_UNKNOWN);
	CU_ASSERT_EQUAL(cfs_type_of_pem(XC_PEM_RSA_PUBLIC_KEY), CFS_UNKNOWN);
}

/* A key the core cannot decode: der, pem and the pin stay, plus `error`
 * and the algorithm's OID. */
/* Whether two sealed subtrees hold the same names, kinds and bytes. */
static bool same_tree(const cfs_node *a, const cfs_node *b)
{
	if (strcmp(a->name, b->name) != 0 || a->kind != b->kind || a->len != b->len ||
	    a->nkids != b->nkids || (a->len && memcmp(a->data, b->data, a->len) != 0))
		return false;
	for (size_t i = 0; i < a->nkids; i++)
		if (!same_tree(a->kids[i], b->kids[i]))
			return false;
	return true;
}

/* The lazy parts (fields.h, cfs_lazy_parts), for every kind of object:
 * the base has an empty place, of the row's kind, for each row the full
 * build has and no other; each part's tree has exactly its rows present,
 * the same as the full build's; the base holds every other file of the
 * full build unchanged. A builder that made a lazy file the table lacks,
 * or a row no builder makes, fails here. */
static void test_lazy_table(void)
{
	unsigned seen[CFS_LAZY_COUNT] = { 0 };

	for (size_t i = 0; i < NOBJ; i++) {
		cfs_tree *base = cfs_tree_new(), *all = cfs_tree_new(), *d[CFS_PART_COUNT];
		cfs_node *rb = cfs_tree_root(base), *ra = cfs_tree_root(all);
		size_t len, present[CFS_PART_COUNT] = { 0 };
		uint8_t *der = obj_der(&objs[i], &len);
		cfs_type type;

		CU_ASSERT_PTR_NOT_NULL_FATAL(der);
		type = cfs_fields_build_base(base, rb, objs[i].hint, der, len, true);
		CU_ASSERT_EQUAL(type, objs[i].want);
		cfs_fields_build(all, ra, objs[i].hint, der, len);
		cfs_tree_seal(base);
		cfs_tree_seal(all);
		CU_ASSERT_TRUE(cfs_tree_ok(base) && cfs_tree_ok(all));
		for (size_t p = 0; p < CFS_PART_COUNT; p++) {
			d[p] = cfs_tree_new();
			cfs_fields_part(d[p], cfs_tree_root(d[p]), (cfs_part)p, type, der, len);
			cfs_tree_seal(d[p]);
			CU_ASSERT_TRUE(cfs_tree_ok(d[p]));
		}
		for (size_t k = 0; k < CFS_LAZY_COUNT; k++) {
			const cfs_lazy *l = &cfs_lazy_parts[k];
			const cfs_node *full = cfs_lookup(ra, l->name);
			const cfs_node *place = cfs_lookup(rb, l->name);
			const cfs_node *built = cfs_lookup(cfs_tree_root(d[l->part]), l->name);

			if (!full) {
				CU_ASSERT_PTR_NULL(place);
				CU_ASSERT_PTR_NULL(built);
				continue;
			}
			seen[k]++;
			present[l->part]++;
			CU_ASSERT_PTR_NOT_NULL_FATAL(place);
			CU_ASSERT_PTR_NOT_NULL_FATAL(built);
			CU_ASSERT_EQUAL(place->kind, l->dir ? CFS_DIR : CFS_FILE);
			CU_ASSERT_EQUAL(full->kind, place->kind);
			CU_ASSERT_EQUAL(place->nkids, 0);
			CU_ASSERT_EQUAL(place->len, 0);
			if (!same_tree(built, full))
				fprintf(stderr, "\n%s: %s differs\n", objs[i].key, l->name);
			CU_ASSERT_TRUE(same_tree(built, full));
		}
		for (size_t p = 0; p < CFS_PART_COUNT; p++)
			CU_ASSERT_EQUAL(cfs_tree_root(d[p])->nkids, present[p]);
		CU_ASSERT_EQUAL(rb->nkids, ra->nkids);
		for (size_t k = 0; k < ra->nkids; k++) {
			const cfs_node *n = ra->kids[k], *m = cfs_lookup(rb, n->name);
			bool part = false;

			for (size_t p = 0; p < CFS_PART_COUNT; p++)
				part = part || cfs_lookup(cfs_tree_root(d[p]), n->name);
			CU_ASSERT_PTR_NOT_NULL_FATAL(m);
			CU_ASSERT_TRUE(part || same_tree(n, m));
		}
		cfs_tree_free(base);
		for (size_t p = 0; p < CFS_PART_COUNT; p++)
			cfs_tree_free(d[p]);
		cfs_tree_free(all);
		free(der);
	}
	/* every row was met, in some object */
	for (size_t k = 0; k < CFS_LAZY_COUNT; k++)
		CU_ASSERT_TRUE(seen[k] > 0);
}

static void test_bad_key(void)
{
	/* SPKI of id-ecPublicKey on secp256r1 with a 3-byte point */
	static const char spki_hex[] =
		"3019301306072a8648ce3d020106082a8648ce3d030107030200" "04";
	size_t len;
	uint8_t *spki = tu_unhex(spki_hex, &len);
	cfs_tree *t = cfs_tree_new();
	cfs_node *root = cfs_tree_root(t), *n;

	cfs_fields_public_key(t, root, xc_slice_make(spki, len), spki);
	CU_ASSERT_TRUE(cfs_tree_ok(t));
	n = cfs_walk(root, "public_key/error");
	CU_ASSERT_PTR_NOT_NULL(n);
	n = cfs_walk(root, "public_key/algorithm");
	CU_ASSERT_TRUE(n && n->len == 18 && memcmp(n->data, "1.2.840.10045.2.1\n", 18) == 0);
	CU_ASSERT_PTR_NOT_NULL(cfs_walk(root, "public_key/der"));
	CU_ASSERT_PTR_NOT_NULL(cfs_walk(root, "public_key/pem"));
	CU_ASSERT_PTR_NOT_NULL(cfs_walk(root, "public_key/fingerprint/sha256"));
	CU_ASSERT_PTR_NULL(cfs_walk(root, "public_key/key_size"));
	cfs_tree_free(t);
	free(spki);
}

/*
 * Field errors (docs/ABI.md 2): objects of tests/data/fieldlevel that pyca
 * loads and raises on one field of. The field's file is absent, its
 * `<field>_error` (or `error` inside a directory that stays) says why and
 * where in the DER; every other field is there as usual.
 */
static const row field_error_rows[] = {
	{ "cert-subject-empty-rdn.pem", "subject", NULL },
	{ "cert-subject-empty-rdn.pem", "subject_error",
	  "empty relative distinguished name at byte 142\n" },
	{ "cert-subject-empty-rdn.pem", "subject.d/error",
	  "empty relative distinguished name at byte 142\n" },
	{ "cert-subject-empty-rdn.pem", "subject.d/common_name", NULL },
	{ "cert-subject-empty-rdn.pem", "issuer", "O=certfs,CN=certfs fieldlevel CA\n" },
	{ "cert-subject-empty-rdn.pem", "not_valid_after", "2036-01-01T00:00:00Z\n" },
	{ "cert-issuer-empty-rdn.pem", "issuer", NULL },
	{ "cert-issuer-empty-rdn.pem", "issuer_error",
	  "empty relative distinguished name at byte 60\n" },
	{ "cert-issuer-empty-rdn.pem", "subject", "CN=issuer has an empty RDN\n" },
	{ "cert-not-after-year0.pem", "not_valid_after", NULL },
	{ "cert-not-after-year0.pem", "not_valid_after_error", "year 0 is out of range at byte 100\n" },
	{ "cert-not-after-year0.pem", "not_valid_before", "2026-01-01T00:00:00Z\n" },
	{ "crl-last-update-year0.pem", "last_update_error", "year 0 is out of range at byte 76\n" },
	{ "crl-last-update-year0.pem", "next_update", "2026-02-01T00:00:00Z\n" },
	{ "crl-revocation-date-year0.pem", "revoked/5/revocation_date", NULL },
	{ "crl-revocation-date-year0.pem", "revoked/5/revocation_date_error",
	  "year 0 is out of range at byte 113\n" },
	{ "crl-revocation-date-year0.pem", "revoked/5/serial_number", "5\n" },
	{ "csr-subject-empty-rdn.pem", "subject_error",
	  "empty relative distinguished name at byte 40\n" },
	/* a value that is no string of its type: at the value */
	{ "cert-subject-bad-utf8.pem", "subject_error", "string invalid for its type at byte 124\n" },
	{ "cert-subject-bad-utf8.pem", "subject.d/common_name", "ff\n" },
	/* an undecodable key and extension: the offset into the object too */
	{ "cert-key-ec-point-short.pem", "public_key/error", "malformed public key at byte 169\n" },
	{ "cert-ca-false.pem", "extensions/basic_constraints/error",
	  "a DEFAULT value is encoded (X.690 11.5) at byte 443\n" },
	/* keys pyca and OpenSSL read as RSA */
	{ "cert-rsa-params-oid.pem", "public_key/algorithm", "rsa\n" },
	{ "cert-rsa-params-oid.pem", "public_key/error", NULL },
	{ "cert-x500-rsa.pem", "public_key/algorithm", "rsa\n" },
	{ "cert-x500-rsa.pem", "public_key/key_size", "2048\n" },
	/* pyca's set: a repeat once, both values of one type */
	{ "cert-subject-repeated-value.pem", "subject", "O=o+CN=same\n" },
	{ "cert-subject-repeated-value.pem", "subject.d/common_name", "same\n" },
	{ "cert-subject-multivalued.pem", "subject", "CN=a+CN=c+O=b,C=DE\n" },
	{ "cert-subject-multivalued.pem", "subject.d/common_name", "a\nc\n" },
	/* a newline in a value, in the one-line and the list files alike */
	{ "cert-subject-newline.pem", "subject", "O=a\\\\b\\,c,CN=two\\nlines\n" },
	{ "cert-subject-newline.pem", "subject.d/common_name", "two\\nlines\n" },
};

/* The DER of the one PEM block of a tests/data file, or NULL. */
static uint8_t *pem_der(const char *name, size_t *len)
{
	char path[256];
	size_t n, off;
	uint8_t *buf;
	xc_pem_iter it;
	xc_pem_block b;

	snprintf(path, sizeof(path), "fieldlevel/%s", name);
	buf = tu_read_data(path, &n);
	xc_pem_iter_init(&it, buf, n);
	if (xc_pem_next(&it, &b, &off) != XC_OK ||
	    xc_pem_decode(b.body, buf, n, len, &off) != XC_OK) {
		free(buf);
		return NULL;
	}
	return buf;
}

static void test_field_errors(void)
{
	for (size_t i = 0; i < sizeof(field_error_rows) / sizeof(field_error_rows[0]); i++) {
		const row *r = &field_error_rows[i];
		size_t len;
		uint8_t *der = pem_der(r->key, &len);
		cfs_tree *t = cfs_tree_new();
		cfs_node *n;

		CU_ASSERT_PTR_NOT_NULL_FATAL(der);
		CU_ASSERT_PTR_NOT_NULL_FATAL(t);
		CU_ASSERT_NOT_EQUAL(cfs_fields_build(t, cfs_tree_root(t), CFS_UNKNOWN, der, len),
				    CFS_INVALID);
		cfs_tree_seal(t);
		CU_ASSERT_TRUE(cfs_tree_ok(t));
		n = cfs_walk(cfs_tree_root(t), r->path);
		if (!r->want ? n != NULL
		    : !n || n->len != strlen(r->want) || memcmp(n->data, r->want, n->len)) {
			fprintf(stderr, "\n%s: %s = \"%.*s\", want \"%s\"\n", r->key, r->path,
				n ? (int)n->len : 6, n ? (const char *)n->data : "(none)",
				r->want ? r->want : "(none)");
			CU_FAIL("field error row");
		}
		cfs_tree_free(t);
		free(der);
	}
}

/* PEM line breaks at the 64-character boundary: no empty line. */
static void test_pem_lines(void)
{
	static const struct {
		size_t n;
		const char *want;
	} cases[] = {
		{ 1, "-----BEGIN X-----\nAA==\n-----END X-----\n" },
		{ 48, "-----BEGIN X-----\n"
		      "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4v\n"
		      "-----END X-----\n" },
		{ 49, "-----BEGIN X-----\n"
		      "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4v\n"
		      "MA==\n-----END X-----\n" },
		{ 96, "-----BEGIN X-----\n"
		      "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4v\n"
		      "MDEyMzQ1Njc4OTo7PD0+P0BBQkNERUZHSElKS0xNTk9QUVJTVFVWV1hZWltcXV5f\n"
		      "-----END X-----\n" },
	};
	uint8_t b[96];

	for (size_t i = 0; i < sizeof(b); i++)
		b[i] = (uint8_t)i;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cfs_tree *t = cfs_tree_new();
		cfs_node *n = cfs_pem(t, cfs_tree_root(t), "pem", "X",
				      xc_slice_make(b, cases[i].n));

		CU_ASSERT_PTR_NOT_NULL_FATAL(n);
		CU_ASSERT_EQUAL(n->len, strlen(cases[i].want));
		CU_ASSERT_NSTRING_EQUAL(n->data, cases[i].want, n->len);
		cfs_tree_free(t);
	}
}

static void test_cleanup(void)
{
	for (size_t i = 0; i < NOBJ; i++) {
		cfs_tree_free(trees[i]);
		free(ders[i]);
		trees[i] = NULL;
		ders[i] = NULL;
	}
}

int main(void)
{
	static const tu_test tests[] = {
		{ "type names", test_type_names },
		{ "values (pyca's)", test_values },
		{ "binary files", test_binary },
		{ "text-file rules", test_text_rules },
		{ "invalid objects", test_invalid },
		{ "revoked/ sorted as built", test_revoked_dir },
		{ "derived files built apart", test_lazy_parts },
		{ "lazy parts: one table", test_lazy_table },
		{ "undecodable key", test_bad_key },
		{ "field errors (tests/data/fieldlevel)", test_field_errors },
		{ "PEM lines", test_pem_lines },
		{ "cleanup", test_cleanup },
		{ NULL, NULL },
	};

	return tu_run("vfs_fields", tests);
}
