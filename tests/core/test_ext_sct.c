/* Tests of xc/ext_sct.h: PrecertificateSignedCertificateTimestamps and
 * SignedCertificateTimestamps. Every row's verdict was checked against
 * pyca 38 (the value put in a certificate and read back through
 * `extensions`), and the corpus renderings match pyca's (see the report). */
#include "ext_harness.h"

/* "v0 logid ms hash SIG ENTRY ext=hex sig=hex", SCTs joined by ";". */
static xc_err render_as(xc_slice v, size_t *off, char *out, size_t cap, xc_sct_entry_type t)
{
	xc_scts scts;
	xc_sct_iter it;
	xc_sct s;
	size_t n = 0, count = 0;
	xc_err e;

	if ((e = xc_scts_decode(&scts, v, t, v.p, off)))
		return e;
	xc_sct_iter_init(&it, &scts);
	while ((e = xc_sct_next(&it, &s)) == XC_OK) {
		char log[2 * XC_SCT_LOG_ID_LEN + 1], ext[512], sig[1024];
		CU_ASSERT_EQUAL(s.log_id.len, XC_SCT_LOG_ID_LEN);
		CU_ASSERT_EQUAL(s.entry_type, t);
		CU_ASSERT_EQUAL(xc_hex(s.log_id, log, sizeof(log)), XC_OK);
		CU_ASSERT_EQUAL(xc_hex(s.extensions, ext, sizeof(ext)), XC_OK);
		CU_ASSERT_EQUAL(xc_hex(s.signature, sig, sizeof(sig)), XC_OK);
		put(out, cap, &n,
		  "%sv%u %s %llu %s %s %s ext=%s sig=%s", count++ ? ";" : "", s.version,
		    log, (unsigned long long)s.timestamp, xc_sct_hash_name(s.hash_alg),
		    xc_sct_sig_name(s.sig_alg), xc_sct_entry_type_name(s.entry_type), ext, sig);
	}
	CU_ASSERT_EQUAL(e, XC_END);
	CU_ASSERT_EQUAL(count, scts.count);
	return XC_OK;
}

static xc_err render_precert(xc_slice v, size_t *off, char *out, size_t cap)
{
	return render_as(v, off, out, cap, XC_SCT_PRECERTIFICATE);
}

static xc_err corpus_ext(const xc_ext *x, char *out, size_t cap)
{
	size_t off;

	if (xc_oid_is(x->oid, XC_OID_PRECERT_SIGNED_CERTIFICATE_TIMESTAMPS))
		return render_as(x->value, &off, out, cap, XC_SCT_PRECERTIFICATE);
	if (xc_oid_is(x->oid, XC_OID_SIGNED_CERTIFICATE_TIMESTAMPS))
		return render_as(x->value, &off, out, cap, XC_SCT_X509_CERTIFICATE);
	return XC_NOT_FOUND;
}

static const row rows[] = {
	{ "one",
	  "04350033003100aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "aaaaaaaaaaaaaa00000174876e807b0000040300023000",
	  XC_OK,
	  "v0 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "aaa 1600000000123 sha256 ECDSA PRE_CERTIFICATE ext= sig=3000", 0 },
	{ "empty list",
	  "04020000",
	  XC_OK, "", 0 },
	{ "two, md5/rsa and sha1/dsa with extensions",
	  "046a0068003100aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "aaaaaaaaaaaaaa00000174876e807b0000010100023000003300010101010101"
	  "0101010101010101010101010101010101010101010101010101000000000000"
	  "000000020102020200023000",
	  XC_OK,
	  "v0 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "aaa 1600000000123 md5 RSA PRE_CERTIFICATE ext= sig=3000;v0 01010"
	  "10101010101010101010101010101010101010101010101010101010101 0 sh"
	  "a1 DSA PRE_CERTIFICATE ext=0102 sig=3000", 0 },
	{ "sha224, sha384, sha512",
	  "0481990097003100aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "aaaaaaaaaaaaaaaa00000174876e807b0000030300023000003100aaaaaaaaaa"
	  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa0000017487"
	  "6e807b0000050300023000002f00aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "aaaaaaaaaaaaaaaaaaaaaaaaaaaa00000174876e807b000006030000",
	  XC_OK,
	  "v0 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "aaa 1600000000123 sha224 ECDSA PRE_CERTIFICATE ext= sig=3000;v0 "
	  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  " 1600000000123 sha384 ECDSA PRE_CERTIFICATE ext= sig=3000;v0 aaa"
	  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa 16"
	  "00000000123 sha512 ECDSA PRE_CERTIFICATE ext= sig=", 0 },
	{ "bytes after an SCT's signature (pyca ignores)",
	  "04360034003200aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "aaaaaaaaaaaaaa00000174876e807b000004030002300000",
	  XC_OK,
	  "v0 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "aaa 1600000000123 sha256 ECDSA PRE_CERTIFICATE ext= sig=3000", 0 },
	{ "bytes after the list (pyca ignores)",
	  "04360033003100aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "aaaaaaaaaaaaaa00000174876e807b000004030002300000",
	  XC_OK,
	  "v0 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "aaa 1600000000123 sha256 ECDSA PRE_CERTIFICATE ext= sig=3000", 0 },
	{ "version 1",
	  "04350033003101aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "aaaaaaaaaaaaaa00000174876e807b0000040300023000",
	  XC_ERR_VERSION, NULL, 6 },
	{ "hash none",
	  "04350033003100aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "aaaaaaaaaaaaaa00000174876e807b0000000300023000",
	  XC_ERR_UNSUPPORTED, NULL, 49 },
	{ "hash 7",
	  "04350033003100aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "aaaaaaaaaaaaaa00000174876e807b0000070300023000",
	  XC_ERR_UNSUPPORTED, NULL, 49 },
	{ "signature anonymous",
	  "04350033003100aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "aaaaaaaaaaaaaa00000174876e807b0000040000023000",
	  XC_ERR_UNSUPPORTED, NULL, 50 },
	{ "signature 4",
	  "04350033003100aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "aaaaaaaaaaaaaa00000174876e807b0000040400023000",
	  XC_ERR_UNSUPPORTED, NULL, 50 },
	{ "empty OCTET STRING",
	  "0400",
	  XC_ERR_TRUNCATED, NULL, 2 },
	{ "one byte",
	  "040100",
	  XC_ERR_TRUNCATED, NULL, 2 },
	{ "list length one short",
	  "04350032003100aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "aaaaaaaaaaaaaa00000174876e807b0000040300023000",
	  XC_ERR_TRUNCATED, NULL, 4 },
	{ "list length one long",
	  "04350034003100aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "aaaaaaaaaaaaaa00000174876e807b0000040300023000",
	  XC_ERR_TRUNCATED, NULL, 2 },
	{ "empty SCT",
	  "040400020000",
	  XC_ERR_TRUNCATED, NULL, 6 },
	{ "SCT cut in the log id",
	  "040f000d000b00aaaaaaaaaaaaaaaaaaaa",
	  XC_ERR_TRUNCATED, NULL, 7 },
	{ "SCT cut in the signature",
	  "04340032003000aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "aaaaaaaaaaaaaa00000174876e807b00000403000230",
	  XC_ERR_TRUNCATED, NULL, 51 },
	{ "not an OCTET STRING",
	  "3000",
	  XC_ERR_TAG, NULL, 0 },
	{ "bytes after the OCTET STRING",
	  "04350033003100aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "aaaaaaaaaaaaaa00000174876e807b000004030002300000",
	  XC_ERR_TRAILING, NULL, 55 },
};

static void test_rows(void)
{
	run_rows(rows, sizeof(rows) / sizeof(rows[0]), render_precert);
}

/* The other extension: same list, pyca's X509_CERTIFICATE entry type. */
static void test_entry_type(void)
{
	size_t len, off;
	uint8_t *der = tu_unhex(rows[0].hex, &len);
	char out[1024];

	CU_ASSERT_EQUAL(render_as(xc_slice_make(der, len), &off, out, sizeof(out),
	                          XC_SCT_X509_CERTIFICATE), XC_OK);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, " X509_CERTIFICATE "));
	free(der);
	CU_ASSERT_PTR_NULL(xc_sct_hash_name(0));
	CU_ASSERT_PTR_NULL(xc_sct_hash_name(7));
	CU_ASSERT_PTR_NULL(xc_sct_sig_name(0));
	CU_ASSERT_PTR_NULL(xc_sct_sig_name(4));
	CU_ASSERT_STRING_EQUAL(xc_sct_hash_name(4), "sha256");
	CU_ASSERT_STRING_EQUAL(xc_sct_sig_name(3), "ECDSA");
}

static void test_corpus(void)
{
	char out[8192];

	if (!corpus_walk())
		return;
	/* Four vectors pyca 38 refuses are refused, with the same reason. */
	CU_ASSERT(corpus_seen >= 6);
	CU_ASSERT_EQUAL(corpus_ok + 4, corpus_seen);
	CU_ASSERT_EQUAL(corpus_one("badssl-sct-none-hash.der", "1.3.6.1.4.1.11129.2.4.2", out,
	                           sizeof(out)), XC_ERR_UNSUPPORTED);
	CU_ASSERT_EQUAL(corpus_one("badssl-sct-anonymous-sig.der", "1.3.6.1.4.1.11129.2.4.2", out,
	                           sizeof(out)), XC_ERR_UNSUPPORTED);
	CU_ASSERT_EQUAL(corpus_one("custom/invalid-sct-length.der", "1.3.6.1.4.1.11129.2.4.2",
	                           out, sizeof(out)), XC_ERR_TRUNCATED);
	CU_ASSERT_EQUAL(corpus_one("custom/invalid-sct-version.der", "1.3.6.1.4.1.11129.2.4.2",
	                           out, sizeof(out)), XC_ERR_VERSION);
	/* Values printed by pyca 38 for the same file. */
	CU_ASSERT_EQUAL(corpus_one("badssl-sct.pem", "1.3.6.1.4.1.11129.2.4.2", out, sizeof(out)),
	                XC_OK);
	CU_ASSERT_STRING_EQUAL(out,
	  "v0 a7ce4a4e6207e0addee5fdaa4b1f86768767b5d002a55d47310e7e670a95e"
	  "ab2 147934778539"
	  "6 sha256 ECDSA PRE_CERTIFICATE ext= sig=3045022100b803ad34f6fc0f"
	  "2cff84a086e5d7cf"
	  "5af00a07626a7fb3a64464f195a448451102202f618d531b6f4ab80a67b207e1"
	  "8f6dadd1044a5eb3"
	                       "89ef7c60c26853f93d1f6d");
}

int main(void)
{
	static const tu_test tests[] = {
		{ "rows", test_rows },
		{ "entry_type", test_entry_type },
		{ "corpus", test_corpus },
		{ NULL, NULL },
	};
	return tu_run("ext_sct", tests);
}
