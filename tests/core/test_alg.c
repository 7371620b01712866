/* Tests of xc/alg.h: AlgorithmIdentifier reading and signature algorithm
 * decoding. The DER of every row was written from the dotted OIDs by a
 * small encoder independent of the core's OID table; the RSASSA-PSS set
 * "cryptography vectors rsa_pss_cert.pem" is the signatureAlgorithm of
 * x509/custom/rsa_pss_cert.pem (openssl x509 -text: sha256, mgf1 with
 * sha256, salt 0xde, trailer 1). */
#include <xc/alg.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

static xc_algid algid_of(const uint8_t *buf, size_t len, xc_err *e)
{
	xc_der d;
	xc_algid a;

	memset(&a, 0, sizeof a);
	xc_der_init(&d, buf, len);
	*e = xc_der_read_algid(&d, &a);
	if (*e == XC_OK)
		*e = xc_der_finish(&d);
	return a;
}

/*
 * xc_der_read_algid. `oid` and `params` are the expected slices in hex
 * (params NULL: absent); `off` is the error offset.
 */
static const struct algid_case {
	const char *name;
	const char *hex;
	xc_err err;
	size_t off;
	const char *oid;
	const char *params;
} algid_cases[] = {
	{ "params absent", "300506032b6570", XC_OK, 0, "2b6570", NULL },
	{ "params NULL", "300706032b65700500", XC_OK, 0, "2b6570", "0500" },
	{ "params SEQUENCE", "300a06032b65703003020101", XC_OK, 0, "2b6570", "3003020101" },
	{ "params OID (EC curve)", "301306072a8648ce3d020106082a8648ce3d030107", XC_OK, 0,
	  "2a8648ce3d0201", "06082a8648ce3d030107" },
	{ "trailing junk inside", "300906032b657005000500", XC_ERR_TRAILING, 9, NULL, NULL },
	{ "two parameters", "300a06032b65700500020100", XC_ERR_TRAILING, 9, NULL, NULL },
	{ "empty SEQUENCE", "3000", XC_ERR_TRUNCATED, 2, NULL, NULL },
	{ "SET, not SEQUENCE", "310506032b6570", XC_ERR_TAG, 0, NULL, NULL },
	{ "OID not first", "30070500 06032b6570", XC_ERR_TAG, 2, NULL, NULL },
	{ "bad OID", "300406022a86", XC_ERR_OID, 4, NULL, NULL },
	{ "malformed parameters", "300506012a0480", XC_ERR_LEN_INDEFINITE, 6, NULL, NULL },
	{ "length past end", "300606032b6570", XC_ERR_LEN_PAST_END, 1, NULL, NULL },
	{ "data after the algid", "300506032b6570 00", XC_ERR_TRAILING, 7, NULL, NULL },
};

static void check_hex(const char *what, xc_slice s, const char *want)
{
	if (!want) {
		CU_ASSERT_PTR_NULL(s.p);
		return;
	}
	CU_ASSERT_PTR_NOT_NULL_FATAL(s.p);
	char *h = tu_hex(s.p, s.len);
	if (strcmp(h, want) != 0) {
		fprintf(stderr, "\n  %s: %s, want %s\n", what, h, want);
		CU_FAIL(what);
	}
	free(h);
}

static void test_algid_table(void)
{
	for (size_t i = 0; i < sizeof algid_cases / sizeof algid_cases[0]; i++) {
		const struct algid_case *c = &algid_cases[i];
		size_t len;
		uint8_t *buf = tu_unhex(c->hex, &len);
		xc_der d;
		xc_algid a;

		memset(&a, 0, sizeof a);
		xc_der_init(&d, buf, len);
		xc_err e = xc_der_read_algid(&d, &a);
		if (e == XC_OK)
			e = xc_der_finish(&d);
		size_t off = e ? xc_der_error_offset(&d) : 0;
		if (e != c->err || off != c->off) {
			fprintf(stderr, "\n  %s: got %s at %zu, want %s at %zu\n", c->name,
			        xc_errname(e), off, xc_errname(c->err), c->off);
			CU_FAIL(c->name);
		} else if (e == XC_OK) {
			CU_ASSERT_PTR_EQUAL(a.raw.p, buf);
			CU_ASSERT_EQUAL(a.raw.len, len);
			check_hex(c->name, a.oid, c->oid);
			check_hex(c->name, a.params, c->params);
		}
		free(buf);
	}
}

/* An AlgorithmIdentifier inside a larger structure: raw is its own TLV,
 * the reader moves past it, offsets count from the outer input. */
static void test_algid_nested(void)
{
	size_t len;
	uint8_t *buf = tu_unhex("300a 020101 300506032b6570 0500", &len);
	xc_der d, in;
	xc_slice v;
	xc_algid a;

	xc_der_init(&d, buf, len);
	CU_ASSERT_EQUAL_FATAL(xc_der_enter(&d, XC_TAG_SEQUENCE, &in), XC_OK);
	CU_ASSERT_EQUAL(xc_der_read_int(&in, &v), XC_OK);
	CU_ASSERT_EQUAL(xc_der_read_algid(&in, &a), XC_OK);
	CU_ASSERT_PTR_EQUAL(a.raw.p, buf + 5);
	CU_ASSERT_EQUAL(a.raw.len, 7);
	CU_ASSERT_PTR_EQUAL(a.oid.p, buf + 9);
	CU_ASSERT_EQUAL(xc_der_offset(&in), 12);
	/* the NULL after it is outside the SEQUENCE's 10 bytes */
	CU_ASSERT_EQUAL(xc_der_finish(&in), XC_OK);
	CU_ASSERT_EQUAL(xc_der_finish(&d), XC_ERR_TRAILING);
	CU_ASSERT_EQUAL(xc_der_error_offset(&d), 12);
	free(buf);

	/* an algid running past its enclosing SEQUENCE (though not past the
	 * input): the error reaches the outer reader with its offset */
	buf = tu_unhex("3008 020101 3004 06012a 0500", &len);
	xc_der_init(&d, buf, len);
	CU_ASSERT_EQUAL_FATAL(xc_der_enter(&d, XC_TAG_SEQUENCE, &in), XC_OK);
	CU_ASSERT_EQUAL(xc_der_read_int(&in, &v), XC_OK);
	CU_ASSERT_EQUAL(xc_der_read_algid(&in, &a), XC_ERR_LEN_PAST_END);
	CU_ASSERT_EQUAL(d.err, XC_ERR_LEN_PAST_END);
	CU_ASSERT_EQUAL(xc_der_error_offset(&d), 6);
	free(buf);
}

/*
 * Every signature algorithm of alg.c's table: its algid with parameters
 * absent and with NULL; what it decodes to; the hash name pyca gives.
 */
static const struct sig_case {
	const char *dotted;
	const char *absent;     /* AlgorithmIdentifier, parameters absent */
	const char *null;       /* the same with NULL parameters */
	xc_oid_id id;
	xc_key_type key;
	xc_hash hash;
	const char *hash_name;  /* xc_sigalg_hash_name */
} sig_cases[] = {
	{ "1.2.840.113549.1.1.4", "300b06092a864886f70d010104", "300d06092a864886f70d0101040500", XC_OID_RSA_WITH_MD5, XC_KEY_RSA, XC_HASH_MD5, "md5" },
	{ "1.2.840.113549.1.1.5", "300b06092a864886f70d010105", "300d06092a864886f70d0101050500", XC_OID_RSA_WITH_SHA1, XC_KEY_RSA, XC_HASH_SHA1, "sha1" },
	{ "1.3.14.3.2.29", "300706052b0e03021d", "300906052b0e03021d0500", XC_OID_RSA_WITH_SHA1_ALT, XC_KEY_RSA, XC_HASH_SHA1, "sha1" },
	{ "1.2.840.113549.1.1.14", "300b06092a864886f70d01010e", "300d06092a864886f70d01010e0500", XC_OID_RSA_WITH_SHA224, XC_KEY_RSA, XC_HASH_SHA224, "sha224" },
	{ "1.2.840.113549.1.1.11", "300b06092a864886f70d01010b", "300d06092a864886f70d01010b0500", XC_OID_RSA_WITH_SHA256, XC_KEY_RSA, XC_HASH_SHA256, "sha256" },
	{ "1.2.840.113549.1.1.12", "300b06092a864886f70d01010c", "300d06092a864886f70d01010c0500", XC_OID_RSA_WITH_SHA384, XC_KEY_RSA, XC_HASH_SHA384, "sha384" },
	{ "1.2.840.113549.1.1.13", "300b06092a864886f70d01010d", "300d06092a864886f70d01010d0500", XC_OID_RSA_WITH_SHA512, XC_KEY_RSA, XC_HASH_SHA512, "sha512" },
	{ "2.16.840.1.101.3.4.3.13", "300b060960864801650304030d", "300d060960864801650304030d0500", XC_OID_RSA_WITH_SHA3_224, XC_KEY_RSA, XC_HASH_NONE, "sha3-224" },
	{ "2.16.840.1.101.3.4.3.14", "300b060960864801650304030e", "300d060960864801650304030e0500", XC_OID_RSA_WITH_SHA3_256, XC_KEY_RSA, XC_HASH_NONE, "sha3-256" },
	{ "2.16.840.1.101.3.4.3.15", "300b060960864801650304030f", "300d060960864801650304030f0500", XC_OID_RSA_WITH_SHA3_384, XC_KEY_RSA, XC_HASH_NONE, "sha3-384" },
	{ "2.16.840.1.101.3.4.3.16", "300b0609608648016503040310", "300d06096086480165030403100500", XC_OID_RSA_WITH_SHA3_512, XC_KEY_RSA, XC_HASH_NONE, "sha3-512" },
	{ "1.2.840.10045.4.1", "300906072a8648ce3d0401", "300b06072a8648ce3d04010500", XC_OID_ECDSA_WITH_SHA1, XC_KEY_EC, XC_HASH_SHA1, "sha1" },
	{ "1.2.840.10045.4.3.1", "300a06082a8648ce3d040301", "300c06082a8648ce3d0403010500", XC_OID_ECDSA_WITH_SHA224, XC_KEY_EC, XC_HASH_SHA224, "sha224" },
	{ "1.2.840.10045.4.3.2", "300a06082a8648ce3d040302", "300c06082a8648ce3d0403020500", XC_OID_ECDSA_WITH_SHA256, XC_KEY_EC, XC_HASH_SHA256, "sha256" },
	{ "1.2.840.10045.4.3.3", "300a06082a8648ce3d040303", "300c06082a8648ce3d0403030500", XC_OID_ECDSA_WITH_SHA384, XC_KEY_EC, XC_HASH_SHA384, "sha384" },
	{ "1.2.840.10045.4.3.4", "300a06082a8648ce3d040304", "300c06082a8648ce3d0403040500", XC_OID_ECDSA_WITH_SHA512, XC_KEY_EC, XC_HASH_SHA512, "sha512" },
	{ "2.16.840.1.101.3.4.3.9", "300b0609608648016503040309", "300d06096086480165030403090500", XC_OID_ECDSA_WITH_SHA3_224, XC_KEY_EC, XC_HASH_NONE, "sha3-224" },
	{ "2.16.840.1.101.3.4.3.10", "300b060960864801650304030a", "300d060960864801650304030a0500", XC_OID_ECDSA_WITH_SHA3_256, XC_KEY_EC, XC_HASH_NONE, "sha3-256" },
	{ "2.16.840.1.101.3.4.3.11", "300b060960864801650304030b", "300d060960864801650304030b0500", XC_OID_ECDSA_WITH_SHA3_384, XC_KEY_EC, XC_HASH_NONE, "sha3-384" },
	{ "2.16.840.1.101.3.4.3.12", "300b060960864801650304030c", "300d060960864801650304030c0500", XC_OID_ECDSA_WITH_SHA3_512, XC_KEY_EC, XC_HASH_NONE, "sha3-512" },
	{ "1.2.840.10040.4.3", "300906072a8648ce380403", "300b06072a8648ce3804030500", XC_OID_DSA_WITH_SHA1, XC_KEY_DSA, XC_HASH_SHA1, "sha1" },
	{ "2.16.840.1.101.3.4.3.1", "300b0609608648016503040301", "300d06096086480165030403010500", XC_OID_DSA_WITH_SHA224, XC_KEY_DSA, XC_HASH_SHA224, "sha224" },
	{ "2.16.840.1.101.3.4.3.2", "300b0609608648016503040302", "300d06096086480165030403020500", XC_OID_DSA_WITH_SHA256, XC_KEY_DSA, XC_HASH_SHA256, "sha256" },
	{ "2.16.840.1.101.3.4.3.3", "300b0609608648016503040303", "300d06096086480165030403030500", XC_OID_DSA_WITH_SHA384, XC_KEY_DSA, XC_HASH_SHA384, "sha384" },
	{ "2.16.840.1.101.3.4.3.4", "300b0609608648016503040304", "300d06096086480165030403040500", XC_OID_DSA_WITH_SHA512, XC_KEY_DSA, XC_HASH_SHA512, "sha512" },
	{ "1.3.101.112", "300506032b6570", "300706032b65700500", XC_OID_ED25519, XC_KEY_ED25519, XC_HASH_NONE, NULL },
	{ "1.3.101.113", "300506032b6571", "300706032b65710500", XC_OID_ED448, XC_KEY_ED448, XC_HASH_NONE, NULL },
};

/* RSA PKCS#1 v1.5 takes NULL or (tolerated) absent parameters; ECDSA, DSA
 * and EdDSA only absent ones (RFC 5758 3.2, RFC 8410 3). */
static bool null_params_ok(xc_key_type k)
{
	return k == XC_KEY_RSA;
}

/* The algid with `params` (hex) in place of none: "30 LL oid params". */
static uint8_t *with_params(const char *absent, const char *params, size_t *len)
{
	size_t n, pn;
	uint8_t *a = tu_unhex(absent, &n);
	uint8_t *p = tu_unhex(params, &pn);
	uint8_t *out = malloc(n + pn);
	memcpy(out, a, n);
	memcpy(out + n, p, pn);
	out[1] = (uint8_t)(out[1] + pn); /* every row is short-form */
	*len = n + pn;
	free(a);
	free(p);
	return out;
}

static void check_sig(const struct sig_case *c, const uint8_t *buf, size_t len, xc_err want,
                      const char *form)
{
	xc_err e;
	xc_algid a = algid_of(buf, len, &e);
	xc_sigalg s;

	CU_ASSERT_EQUAL_FATAL(e, XC_OK);
	e = xc_sigalg_decode(&a, &s);
	if (e != want) {
		fprintf(stderr, "\n  %s (%s): got %s, want %s\n", c->dotted, form, xc_errname(e),
		        xc_errname(want));
		CU_FAIL(c->dotted);
	}
	CU_ASSERT_EQUAL(s.id, c->id);
	CU_ASSERT_EQUAL(s.key, c->key);
	CU_ASSERT_EQUAL(s.hash, c->hash);
	if (c->hash_name) {
		const xc_oid_info *info = xc_oid_info_of(s.hash_oid);
		CU_ASSERT_PTR_NOT_NULL_FATAL(info);
		CU_ASSERT_STRING_EQUAL(info->name, c->hash_name);
	} else {
		CU_ASSERT_EQUAL(s.hash_oid, XC_OID_UNKNOWN);
	}
	/* The hash is named by the OID, whatever the parameters. */
	const char *hn = xc_sigalg_hash_name(&a);
	if (c->hash_name) {
		CU_ASSERT_PTR_NOT_NULL_FATAL(hn);
		CU_ASSERT_STRING_EQUAL(hn, c->hash_name);
	} else {
		CU_ASSERT_PTR_NULL(hn);
	}
}

static void test_sig_table(void)
{
	for (size_t i = 0; i < sizeof sig_cases / sizeof sig_cases[0]; i++) {
		const struct sig_case *c = &sig_cases[i];
		size_t len;
		uint8_t *buf;

		buf = tu_unhex(c->absent, &len);
		check_sig(c, buf, len, XC_OK, "absent");
		free(buf);

		buf = tu_unhex(c->null, &len);
		check_sig(c, buf, len, null_params_ok(c->key) ? XC_OK : XC_ERR_ALGORITHM, "NULL");
		free(buf);

		/* Anything else is wrong for every one of them. */
		buf = with_params(c->absent, "020100", &len);
		check_sig(c, buf, len, XC_ERR_ALGORITHM, "INTEGER");
		free(buf);
		buf = with_params(c->absent, "3000", &len);
		check_sig(c, buf, len, XC_ERR_ALGORITHM, "empty SEQUENCE");
		free(buf);
	}
}

/* Every signature OID of the core's table is covered by a row above. */
static void test_sig_table_complete(void)
{
	size_t n = 0;
	for (int id = 1; id < XC_OID_COUNT; id++) {
		const xc_oid_info *info = xc_oid_info_of((xc_oid_id)id);
		if (!info || !(info->kind & XC_OIDK_SIGALG))
			continue;
		xc_algid a;
		xc_sigalg s;
		memset(&a, 0, sizeof a);
		a.oid = xc_slice_make(info->der, info->der_len);
		if (xc_sigalg_decode(&a, &s) == XC_ERR_UNSUPPORTED)
			continue; /* GOST: unknown to alg.c */
		if (id == XC_OID_RSASSA_PSS)
			continue; /* its own table */
		bool found = false;
		for (size_t i = 0; i < sizeof sig_cases / sizeof sig_cases[0]; i++)
			found |= sig_cases[i].id == (xc_oid_id)id;
		if (!found) {
			fprintf(stderr, "\n  no row for %s\n", info->dotted);
			CU_FAIL("signature OID without a row");
		}
		n++;
	}
	CU_ASSERT_EQUAL(n, sizeof sig_cases / sizeof sig_cases[0]);
}

/* Unknown and non-signature OIDs. */
static void test_sig_unsupported(void)
{
	static const struct {
		const char *name;
		const char *hex;
		xc_oid_id id;
	} rows[] = {
		{ "1.2.3.4 (unknown)", "3005 06032a0304", XC_OID_UNKNOWN },
		{ "GOST R 34.11-94 with 34.10-2001", "3008 06062a8503020203", XC_OID_GOSTR3411_94_WITH_3410_2001 },
		{ "rsaEncryption (a key, not a signature)", "300d 06092a864886f70d0101010500",
		  XC_OID_RSA_ENCRYPTION },
		{ "sha256 (a hash)", "300d 06096086480165030402010500", XC_OID_SHA256 },
		{ "md2WithRSAEncryption", "300d 06092a864886f70d0101020500", XC_OID_UNKNOWN },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		size_t len;
		uint8_t *buf = tu_unhex(rows[i].hex, &len);
		xc_err e;
		xc_algid a = algid_of(buf, len, &e);
		xc_sigalg s;
		CU_ASSERT_EQUAL_FATAL(e, XC_OK);
		e = xc_sigalg_decode(&a, &s);
		if (e != XC_ERR_UNSUPPORTED || s.id != rows[i].id || s.key != XC_KEY_UNKNOWN) {
			fprintf(stderr, "\n  %s: got %s id %d key %d\n", rows[i].name, xc_errname(e),
			        (int)s.id, (int)s.key);
			CU_FAIL(rows[i].name);
		}
		CU_ASSERT_EQUAL(s.hash, XC_HASH_NONE);
		CU_ASSERT_PTR_NULL(xc_sigalg_hash_name(&a));
		free(buf);
	}
}

/* RSASSA-PSS (RFC 4055 3.1): the decoded parameters, defaults filled in. */
static const struct pss_case {
	const char *name;
	const char *hex;
	xc_err err;
	xc_hash hash;
	xc_hash mgf1_hash;
	int64_t salt;
	int64_t trailer;
	const char *hash_name;
} pss_cases[] = {
	{ "absent parameters: all defaults",
	  "300b06092a864886f70d01010a",
	  XC_OK, XC_HASH_SHA1, XC_HASH_SHA1, 20, 1, "sha1" },
	{ "empty SEQUENCE: all defaults",
	  "300d06092a864886f70d01010a3000",
	  XC_OK, XC_HASH_SHA1, XC_HASH_SHA1, 20, 1, "sha1" },
	{ "cryptography vectors rsa_pss_cert.pem",
	  "304206092a864886f70d01010a3035a00f300d06096086480165030402010500a11c301a06092a864886"
	  "f70d010108300d06096086480165030402010500a204020200de",
	  XC_OK, XC_HASH_SHA256, XC_HASH_SHA256, 222, 1, "sha256" },
	{ "sha512/mgf1-sha512/64, hash params absent",
	  "303d06092a864886f70d01010a3030a00d300b0609608648016503040203a11a301806092a864886f70d010108300b0609608648016503040203a203020140",
	  XC_OK, XC_HASH_SHA512, XC_HASH_SHA512, 64, 1, "sha512" },
	{ "sha384, mgf1 default",
	  "301e06092a864886f70d01010a3011a00f300d06096086480165030402020500",
	  XC_OK, XC_HASH_SHA384, XC_HASH_SHA1, 20, 1, "sha384" },
	{ "salt 0",
	  "301206092a864886f70d01010a3005a203020100",
	  XC_OK, XC_HASH_SHA1, XC_HASH_SHA1, 0, 1, "sha1" },
	{ "trailer 1 written out",
	  "301206092a864886f70d01010a3005a303020101",
	  XC_OK, XC_HASH_SHA1, XC_HASH_SHA1, 20, 1, "sha1" },
	{ "trailer 2",
	  "301206092a864886f70d01010a3005a303020102",
	  XC_ERR_ALGORITHM, XC_HASH_NONE, XC_HASH_NONE, 0, 0, NULL },
	{ "salt -1",
	  "301206092a864886f70d01010a3005a2030201ff",
	  XC_ERR_ALGORITHM, XC_HASH_NONE, XC_HASH_NONE, 0, 0, NULL },
	{ "salt 2^63 (9 bytes)",
	  "301a06092a864886f70d01010a300da20b0209008000000000000000",
	  XC_ERR_ALGORITHM, XC_HASH_NONE, XC_HASH_NONE, 0, 0, NULL },
	{ "salt non-minimal",
	  "301306092a864886f70d01010a3006a20402020014",
	  XC_ERR_ALGORITHM, XC_HASH_NONE, XC_HASH_NONE, 0, 0, NULL },
	{ "salt not an INTEGER",
	  "301206092a864886f70d01010a3005a203040114",
	  XC_ERR_ALGORITHM, XC_HASH_NONE, XC_HASH_NONE, 0, 0, NULL },
	{ "salt then junk in [2]",
	  "301406092a864886f70d01010a3007a2050201140500",
	  XC_ERR_ALGORITHM, XC_HASH_NONE, XC_HASH_NONE, 0, 0, NULL },
	{ "hash algid with INTEGER params",
	  "301f06092a864886f70d01010a3012a010300e0609608648016503040201020100",
	  XC_ERR_ALGORITHM, XC_HASH_NONE, XC_HASH_NONE, 0, 0, NULL },
	{ "hash algid with two NULLs",
	  "302006092a864886f70d01010a3013a011300f060960864801650304020105000500",
	  XC_ERR_ALGORITHM, XC_HASH_NONE, XC_HASH_NONE, 0, 0, NULL },
	{ "hash algid not a SEQUENCE",
	  "301a06092a864886f70d01010a300da00b0609608648016503040201",
	  XC_ERR_ALGORITHM, XC_HASH_NONE, XC_HASH_NONE, 0, 0, NULL },
	{ "hash algid then junk in [0]",
	  "302006092a864886f70d01010a3013a011300d060960864801650304020105000500",
	  XC_ERR_ALGORITHM, XC_HASH_NONE, XC_HASH_NONE, 0, 0, NULL },
	{ "hash algid bad OID",
	  "301506092a864886f70d01010a3008a006300406026086",
	  XC_ERR_ALGORITHM, XC_HASH_NONE, XC_HASH_NONE, 0, 0, NULL },
	{ "hash sha3-256 (no xc_hash)",
	  "301e06092a864886f70d01010a3011a00f300d06096086480165030402080500",
	  XC_ERR_UNSUPPORTED, XC_HASH_NONE, XC_HASH_NONE, 0, 0, NULL },
	{ "mgf not mgf1",
	  "302b06092a864886f70d01010a301ea11c301a06092a864886f70d010109300d06096086480165030402010500",
	  XC_ERR_UNSUPPORTED, XC_HASH_NONE, XC_HASH_NONE, 0, 0, NULL },
	{ "mgf1 without hash",
	  "301c06092a864886f70d01010a300fa10d300b06092a864886f70d010108",
	  XC_ERR_ALGORITHM, XC_HASH_NONE, XC_HASH_NONE, 0, 0, NULL },
	{ "mgf1 hash sha3-256",
	  "302b06092a864886f70d01010a301ea11c301a06092a864886f70d010108300d06096086480165030402080500",
	  XC_ERR_UNSUPPORTED, XC_HASH_NONE, XC_HASH_NONE, 0, 0, NULL },
	{ "fields out of order ([2] before [0])",
	  "302306092a864886f70d01010a3016a203020120a00f300d06096086480165030402010500",
	  XC_ERR_ALGORITHM, XC_HASH_NONE, XC_HASH_NONE, 0, 0, NULL },
	{ "unknown field [4]",
	  "301206092a864886f70d01010a3005a403020101",
	  XC_ERR_ALGORITHM, XC_HASH_NONE, XC_HASH_NONE, 0, 0, NULL },
	{ "params NULL",
	  "300d06092a864886f70d01010a0500",
	  XC_ERR_ALGORITHM, XC_HASH_NONE, XC_HASH_NONE, 0, 0, NULL },
	{ "[0] primitive",
	  "301e06092a864886f70d01010a3011800f300d06096086480165030402010500",
	  XC_ERR_ALGORITHM, XC_HASH_NONE, XC_HASH_NONE, 0, 0, NULL },
};

static void test_pss_table(void)
{
	for (size_t i = 0; i < sizeof pss_cases / sizeof pss_cases[0]; i++) {
		const struct pss_case *c = &pss_cases[i];
		size_t len;
		uint8_t *buf = tu_unhex(c->hex, &len);
		xc_err e;
		xc_algid a = algid_of(buf, len, &e);
		xc_sigalg s;

		if (e != XC_OK) {
			fprintf(stderr, "\n  %s: algid %s\n", c->name, xc_errname(e));
			CU_FAIL(c->name);
			free(buf);
			continue;
		}
		CU_ASSERT_TRUE(xc_oid_is(a.oid, XC_OID_RSASSA_PSS));
		e = xc_sigalg_decode(&a, &s);
		if (e != c->err) {
			fprintf(stderr, "\n  %s: got %s, want %s\n", c->name, xc_errname(e),
			        xc_errname(c->err));
			CU_FAIL(c->name);
		}
		CU_ASSERT_EQUAL(s.id, XC_OID_RSASSA_PSS);
		CU_ASSERT_EQUAL(s.key, XC_KEY_RSA);
		const char *hn = xc_sigalg_hash_name(&a);
		if (e == XC_OK) {
			CU_ASSERT_EQUAL(s.hash, c->hash);
			CU_ASSERT_EQUAL(s.pss.hash, c->hash);
			CU_ASSERT_EQUAL(s.pss.mgf1_hash, c->mgf1_hash);
			CU_ASSERT_EQUAL(s.pss.salt_len, c->salt);
			CU_ASSERT_EQUAL(s.pss.trailer, c->trailer);
			CU_ASSERT_PTR_NOT_NULL_FATAL(hn);
			CU_ASSERT_STRING_EQUAL(hn, c->hash_name);
			CU_ASSERT_STRING_EQUAL(xc_hash_name(s.hash), c->hash_name);
		} else {
			/* PSS names its hash only through parameters that decode. */
			CU_ASSERT_PTR_NULL(hn);
		}
		free(buf);
	}
}

static void test_key_type_name(void)
{
	static const struct {
		xc_key_type t;
		const char *name;
	} rows[] = {
		{ XC_KEY_RSA, "rsa" },       { XC_KEY_RSA_PSS, "rsa" },   { XC_KEY_EC, "ec" },
		{ XC_KEY_ED25519, "ed25519" }, { XC_KEY_ED448, "ed448" }, { XC_KEY_DSA, "dsa" },
		{ XC_KEY_X25519, "x25519" }, { XC_KEY_X448, "x448" },     { XC_KEY_DH, "dh" },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const char *n = xc_key_type_name(rows[i].t);
		CU_ASSERT_PTR_NOT_NULL_FATAL(n);
		CU_ASSERT_STRING_EQUAL(n, rows[i].name);
	}
	CU_ASSERT_PTR_NULL(xc_key_type_name(XC_KEY_UNKNOWN));
	CU_ASSERT_PTR_NULL(xc_key_type_name((xc_key_type)99));
}

int main(void)
{
	static const tu_test tests[] = {
		{ "read_algid (table)", test_algid_table },
		{ "read_algid nested", test_algid_nested },
		{ "signature algorithms (table)", test_sig_table },
		{ "every signature OID has a row", test_sig_table_complete },
		{ "unsupported algorithms", test_sig_unsupported },
		{ "RSASSA-PSS parameters (table)", test_pss_table },
		{ "key type names", test_key_type_name },
		{ NULL, NULL },
	};
	return tu_run("alg", tests);
}
