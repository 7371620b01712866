/* Tests of xc/ext_sct.h: PrecertificateSignedCertificateTimestamps and
 * SignedCertificateTimestamps. Every row's verdict was checked against
 * pyca 38 (the value put in a certificate and read back through
 * `extensions`), and the corpus renderings match pyca's (see the report). */
#include "testutil.h"

#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xc/xc.h>

#define VECTORS "/usr/lib/python3/dist-packages/cryptography_vectors/x509"

/* Appends to a rendering; the tables compare whole renderings. */
static void put(char *buf, size_t cap, size_t *n, const char *fmt, ...)
{
	va_list ap;
	int r;

	if (*n >= cap)
		return;
	va_start(ap, fmt);
	r = vsnprintf(buf + *n, cap - *n, fmt, ap);
	va_end(ap);
	if (r > 0)
		*n += (size_t)r;
	if (*n >= cap)
		*n = cap - 1;
}

/* A GeneralName as the oracle script prints pyca's (see the report). */
static void put_gn(char *buf, size_t cap, size_t *n, const xc_gn *g)
{
	char tmp[1024];

	switch (g->type) {
	case XC_GN_DNS_NAME:
	case XC_GN_URI:
	case XC_GN_RFC822_NAME:
		put(buf, cap, n, "%s:%.*s",
		    g->type == XC_GN_DNS_NAME ? "dns" : g->type == XC_GN_URI ? "uri" : "email",
		    (int)g->value.len, (const char *)g->value.p);
		break;
	case XC_GN_IP_ADDRESS:
		CU_ASSERT_EQUAL(xc_gn_ip_format(g->value, false, tmp, sizeof(tmp), NULL), XC_OK);
		put(buf, cap, n, "ip:%s", tmp);
		break;
	case XC_GN_DIRECTORY_NAME:
		if (xc_name_rfc4514(g->value, tmp, sizeof(tmp), NULL) != XC_OK)
			strcpy(tmp, "?");
		put(buf, cap, n, "dir:%s", tmp);
		break;
	case XC_GN_REGISTERED_ID:
		xc_oid_to_dotted(g->value, tmp, sizeof(tmp), NULL);
		put(buf, cap, n, "rid:%s", tmp);
		break;
	case XC_GN_OTHER_NAME:
		xc_oid_to_dotted(g->other_oid, tmp, sizeof(tmp), NULL);
		put(buf, cap, n, "other:%s", tmp);
		break;
	case XC_GN_X400_ADDRESS:
		put(buf, cap, n, "x400");
		break;
	case XC_GN_EDI_PARTY_NAME:
		put(buf, cap, n, "edi");
		break;
	}
}

/* "[gn,gn]" for a checked GeneralNames. */
static inline void put_gns(char *buf, size_t cap, size_t *n, xc_slice gns)
{
	xc_gn_iter it;
	xc_gn g;
	xc_err e;
	bool first = true;

	put(buf, cap, n, "[");
	xc_gn_iter_init(&it, gns);
	while ((e = xc_gn_next(&it, &g)) == XC_OK) {
		put(buf, cap, n, first ? "" : ",");
		put_gn(buf, cap, n, &g);
		first = false;
	}
	CU_ASSERT_EQUAL(e, XC_END);
	put(buf, cap, n, "]");
}

/* One table row: an extension value, the expected error and rendering. */
typedef struct row {
	const char *name;
	const char *hex;
	xc_err err;
	const char *want;       /* rendering when err is XC_OK */
	size_t off;             /* error offset when err is not XC_OK; ~0 to skip */
} row;

#define ANY_OFF ((size_t)-1)

static void run_rows(const row *rows, size_t n,
                     xc_err (*render)(xc_slice, size_t *, char *, size_t))
{
	for (size_t i = 0; i < n; i++) {
		const row *r = &rows[i];
		size_t len, off = 0;
		uint8_t *der = tu_unhex(r->hex, &len);
		char out[2048];
		xc_err e;

		out[0] = '\0';
		e = render(xc_slice_make(der, len), &off, out, sizeof(out));
		if (e != r->err || (e == XC_OK && strcmp(out, r->want) != 0) ||
		    (e != XC_OK && r->off != ANY_OFF && off != r->off))
			fprintf(stderr, "\n  %s: got %s @%zu \"%s\", want %s @%zu \"%s\"", r->name,
			        xc_errname(e), off, out, xc_errname(r->err), r->off,
			        r->want ? r->want : "");
		CU_ASSERT_EQUAL(e, r->err);
		if (e == XC_OK && r->err == XC_OK)
			CU_ASSERT_STRING_EQUAL(out, r->want);
		if (e != XC_OK && r->off != ANY_OFF)
			CU_ASSERT_EQUAL(off, r->off);
		free(der);
	}
}

/* The real certificates and CRLs: every extension of this module's types
 * decoded and rendered; with XC_DUMP set the renderings are printed, to be
 * compared with the oracle script's output for pyca 38. */
static size_t corpus_seen, corpus_ok;
static const char *corpus_path;
static bool corpus_dump;

static xc_err corpus_ext(const xc_ext *x, char *out, size_t cap);

static void corpus_block(xc_slice exts)
{
	xc_ext_iter it;
	xc_ext x;
	char out[8192];

	xc_ext_iter_init(&it, exts);
	while (xc_ext_next(&it, &x) == XC_OK) {
		char d[XC_OID_DOTTED_MAX];
		xc_err e;

		out[0] = '\0';
		e = corpus_ext(&x, out, sizeof(out));
		if (e == XC_NOT_FOUND)
			continue;
		corpus_seen++;
		if (e == XC_OK)
			corpus_ok++;
		xc_oid_to_dotted(x.oid, d, sizeof(d), NULL);
		if (corpus_dump)
			printf("\nDUMP %s %s %s\n", corpus_path, d,
			       e == XC_OK ? out : xc_errname(e));
	}
}

static void corpus_der(const uint8_t *der, size_t len)
{
	xc_cert c;
	xc_crl crl;

	if (xc_cert_parse(&c, der, len, NULL) == XC_OK && c.extensions.p)
		corpus_block(c.extensions);
	else if (xc_crl_parse(&crl, der, len, NULL) == XC_OK && crl.extensions.p)
		corpus_block(crl.extensions);
}

static int corpus_visit(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	size_t len;
	uint8_t *buf;

	(void)st;
	(void)ftw;
	if (type != FTW_F || !(buf = tu_read_file(path, &len)))
		return 0;
	corpus_path = path;
	if (xc_pem_detect(buf, len)) {
		xc_pem_iter it;
		xc_pem_block blk;
		xc_err e;

		xc_pem_iter_init(&it, buf, len);
		/* The first block only, as pyca's load_pem_* reads. */
		if ((e = xc_pem_next(&it, &blk, NULL)) == XC_OK) {
			size_t cap = XC_PEM_DECODED_MAX(blk.body.len), dlen;
			uint8_t *der = malloc(cap);
			if (der && xc_pem_decode(blk.body, der, cap, &dlen, NULL) == XC_OK)
				corpus_der(der, dlen);
			free(der);
		}
	} else {
		corpus_der(buf, len);
	}
	free(buf);
	return 0;
}

/* Walks the corpus; false if it is not installed. */
static bool corpus_walk(void)
{
	corpus_seen = corpus_ok = 0;
	corpus_dump = getenv("XC_DUMP") != NULL;
	if (nftw(VECTORS, corpus_visit, 32, FTW_PHYS) != 0) {
		fprintf(stderr, "\n(corpus %s not found: skipped)\n", VECTORS);
		return false;
	}
	fprintf(stderr, "\ncorpus: %zu extensions of this module's types, %zu decoded\n",
	        corpus_seen, corpus_ok);
	return true;
}

/* Decodes one extension of a named corpus file (first PEM block or DER)
 * with the module's renderer; XC_NOT_FOUND if the file or the extension is
 * missing. */
static xc_err corpus_one(const char *file, const char *oid_dotted, char *out, size_t cap)
{
	char path[512];
	size_t len;
	uint8_t *buf, *der = NULL;
	xc_cert c;
	xc_crl crl;
	xc_slice exts = { NULL, 0 };
	xc_ext_iter it;
	xc_ext x;
	xc_err e = XC_NOT_FOUND;

	snprintf(path, sizeof(path), "%s/%s", VECTORS, file);
	if (!(buf = tu_read_file(path, &len)))
		return XC_NOT_FOUND;
	if (xc_pem_detect(buf, len)) {
		xc_pem_iter pi;
		xc_pem_block blk;
		size_t dlen = 0;
		xc_pem_iter_init(&pi, buf, len);
		if (xc_pem_next(&pi, &blk, NULL) == XC_OK) {
			der = malloc(XC_PEM_DECODED_MAX(blk.body.len));
			if (der && xc_pem_decode(blk.body, der, XC_PEM_DECODED_MAX(blk.body.len),
			                         &dlen, NULL) != XC_OK)
				dlen = 0;
		}
		len = dlen;
	}
	if (xc_cert_parse(&c, der ? der : buf, len, NULL) == XC_OK)
		exts = c.extensions;
	else if (xc_crl_parse(&crl, der ? der : buf, len, NULL) == XC_OK)
		exts = crl.extensions;
	xc_ext_iter_init(&it, exts);
	while (exts.p && xc_ext_next(&it, &x) == XC_OK) {
		char d[XC_OID_DOTTED_MAX];
		xc_oid_to_dotted(x.oid, d, sizeof(d), NULL);
		if (strcmp(d, oid_dotted) == 0) {
			e = corpus_ext(&x, out, cap);
			break;
		}
	}
	free(der);
	free(buf);
	return e;
}

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
