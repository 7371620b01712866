/* Tests of xc/ext_policy.h: CertificatePolicies. Every row's verdict was
 * checked against pyca 38 (the value put in a certificate and read back
 * through `extensions`), and the corpus renderings match pyca's (see the
 * report). */
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

static void put_text(char *buf, size_t cap, size_t *n, const xc_display_text *t)
{
	char tmp[1024];

	CU_ASSERT_EQUAL(xc_string_to_utf8(t->tag, t->value, tmp, sizeof(tmp), NULL), XC_OK);
	put(buf, cap, n, "%s", tmp);
}

/* "oid-" without qualifiers, else "oid[cps:uri;un(org:1,2|text)]", "-"
 * for an absent notice reference or text; policies joined by " ". */
static xc_err render_policies(xc_slice v, size_t *off, char *out, size_t cap)
{
	xc_policies ps;
	xc_policy_iter it;
	xc_policy_info p;
	size_t n = 0, count = 0;
	xc_err e;

	if ((e = xc_policies_decode(&ps, v, v.p, off)))
		return e;
	xc_policy_iter_init(&it, ps.list);
	while ((e = xc_policy_next(&it, &p)) == XC_OK) {
		char d[XC_OID_DOTTED_MAX];
		xc_qualifier_iter qi;
		xc_qualifier q;
		size_t qn = 0;

		xc_oid_to_dotted(p.oid, d, sizeof(d), NULL);
		put(out, cap, &n, "%s%s", count++ ? " " : "", d);
		if (!p.has_qualifiers) {
			put(out, cap, &n, "-");
			continue;
		}
		put(out, cap, &n, "[");
		xc_qualifier_iter_init(&qi, p.qualifiers);
		while ((e = xc_qualifier_next(&qi, &q)) == XC_OK) {
			put(out, cap, &n, qn++ ? ";" : "");
			if (q.type == XC_QUALIFIER_CPS_URI) {
				CU_ASSERT(xc_oid_is(q.oid, XC_OID_CPS_QUALIFIER));
				put(out, cap, &n, "cps:%.*s", 
				    (int)q.cps_uri.len, (const char *)q.cps_uri.p);
				continue;
			}
			CU_ASSERT(xc_oid_is(q.oid, XC_OID_CPS_USER_NOTICE));
			put(out, cap, &n, "un(");
			if (q.has_notice_ref) {
				xc_notice_number_iter ni;
				xc_slice num;
				size_t nn = 0;

				put_text(out, cap, &n, &q.organization);
				put(out, cap, &n, ":");
				xc_notice_number_iter_init(&ni, q.notice_numbers);
				while ((e = xc_notice_number_next(&ni, &num)) == XC_OK) {
					char dec[128];
					CU_ASSERT_EQUAL(xc_int_to_dec(num, dec, sizeof(dec), NULL),
					                XC_OK);
					put(out, cap, &n, "%s%s", nn++ ? "," : "", dec);
				}
				CU_ASSERT_EQUAL(e, XC_END);
				CU_ASSERT_EQUAL(nn, q.notice_number_count);
			} else {
				put(out, cap, &n, "-");
			}
			put(out, cap, &n, "|");
			if (q.has_explicit_text)
				put_text(out, cap, &n, &q.explicit_text);
			else
				put(out, cap, &n, "-");
			put(out, cap, &n, ")");
		}
		CU_ASSERT_EQUAL(e, XC_END);
		CU_ASSERT_EQUAL(qn, p.qualifier_count);
		put(out, cap, &n, "]");
	}
	CU_ASSERT_EQUAL(e, XC_END);
	CU_ASSERT_EQUAL(count, ps.count);
	return XC_OK;
}

static xc_err corpus_ext(const xc_ext *x, char *out, size_t cap)
{
	size_t off;

	if (!xc_oid_is(x->oid, XC_OID_CERTIFICATE_POLICIES))
		return XC_NOT_FOUND;
	return render_policies(x->value, &off, out, cap);
}

/* POL is 1.2.3.4; CPS and UN the two qualifier ids. */
#define POL "06032a0304"
#define CPS "06082b06010505070201"
#define UN "06082b06010505070202"

static const row rows[] = {
	{ "empty list (pyca accepts)", "3000", XC_OK, "", 0 },
	{ "no qualifiers", "3007300506032a0304", XC_OK, "1.2.3.4-", 0 },
	{ "empty qualifiers", "3009300706032a03043000", XC_OK, "1.2.3.4[]", 0 },
	{ "duplicate policies (pyca accepts)", "300e300506032a0304300506032a0304", XC_OK,
	  "1.2.3.4- 1.2.3.4-", 0 },
	{ "cps", "301f301d" POL "3016301406082b06010505070201" "1608687474703a2f2f78", XC_OK,
	  "1.2.3.4[cps:http://x]", 0 },
	{ "empty cps", "3017301506032a0304300e300c" CPS "1600", XC_OK, "1.2.3.4[cps:]", 0 },
	{ "empty user notice", "3017301506032a0304300e300c" UN "3000",
	  XC_OK, "1.2.3.4[un(-|-)]", 0 },
	{ "cps and notice", "3026302406032a0304301d300d" CPS "160161300c" UN "3000", XC_OK,
	  "1.2.3.4[cps:a;un(-|-)]", 0 },
	{ "notice reference and text",
	  "302a302806032a03043021301f" UN "3013300d16036f726730060201010201000c026869", XC_OK,
	  "1.2.3.4[un(org:1,0|hi)]", 0 },
	{ "empty notice numbers", "3020301e06032a03043017301506" "082b06010505070202"
	  "3009300716036f72673000", XC_OK, "1.2.3.4[un(org:|-)]", 0 },
	{ "bmp organization, big number, visible text, then cps",
	  "304a304806032a03043041302906082b06010505070202301d30161e0400410042300e0209010000"
	  "0000000000000201001a03766973301406082b060105050702011608687474703a2f2f63", XC_OK,
	  "1.2.3.4[un(AB:18446744073709551616,0|vis);cps:http://c]", 0 },
	{ "utf8 text, second policy", "3022301906032a03043012301006082b0601050507020230040c02c3a9"
	  "30050603550420", XC_OK, "1.2.3.4[un(-|\xc3\xa9)] 2.5.4.32-", 0 },
	{ "bmp surrogate pair", "301d301b06032a03043014301206082b0601050507020230061e04d83dde00",
	  XC_OK, "1.2.3.4[un(-|\xf0\x9f\x98\x80)]", 0 },
	{ "visible space", "301a301806032a03043011300f" UN "30031a0120",
	  XC_OK, "1.2.3.4[un(-| )]", 0 },
	{ "ia5 DEL", "301b301906032a03043012301006082b06010505070202" "300416027f41", XC_OK,
	  "1.2.3.4[un(-|\x7f" "A)]", 0 },
	/* pyca: "CpsUri ASN.1 structure found but OID did not match" */
	{ "cps under unotice id", "301f301d06032a03043016301406082b06010505070202"
	  "1608687474703a2f2f78", XC_ERR_EXT_VALUE, NULL, 15 },
	{ "cps under unknown id", "301a301806032a03043011300f06032a03051608687474703a2f2f78",
	  XC_ERR_EXT_VALUE, NULL, 15 },
	/* pyca: "UserNotice ASN.1 structure found but OID did not match" */
	{ "notice under cps id", "3017301506032a0304300e300c" CPS "3000",
	  XC_ERR_EXT_VALUE, NULL, 15 },
	{ "cps not ascii", "3019301706032a03043010300e" CPS "1602c3a9", XC_ERR_STRING, NULL, 23 },
	{ "cps as utf8string", "301f301d06032a03043016301406082b06010505070201"
	  "0c08687474703a2f2f78", XC_ERR_TAG, NULL, 23 },
	{ "visible not ascii", "301b301906032a03043012301006082b06010505070202" "30041a02c3a9",
	  XC_ERR_STRING, NULL, 25 },
	{ "visible control", "301a301806032a03043011300f" UN "30031a0101",
	  XC_ERR_STRING, NULL, 25 },
	{ "visible DEL", "301a301806032a03043011300f" UN "30031a017f", XC_ERR_STRING, NULL, 25 },
	{ "bmp lone surrogate", "301b301906032a03043012301006082b06010505070202" "30041e02d800",
	  XC_ERR_STRING, NULL, 25 },
	{ "bmp odd length", "301c301a06032a03043013301106082b06010505070202" "30051e03004100",
	  XC_ERR_STRING, NULL, 25 },
	{ "utf8 truncated", "301a301806032a03043011300f" UN "30030c01c3", XC_ERR_STRING, NULL, 25 },
	{ "printable text", "301a301806032a03043011300f" UN "3003130141", XC_ERR_TAG, NULL, 25 },
	{ "text before reference", "3024302206032a0304301b301906082b06010505070202"
	  "300d0c026869300716036f72673000", XC_ERR_TRAILING, NULL, 29 },
	{ "negative notice number", "3023302106032a0304301a301806082b06010505070202"
	  "300c300a16036f726730030201ff", XC_ERR_INT_RANGE, NULL, 36 },
	{ "notice number not minimal", "3024302206032a0304301b301906082b06010505070202"
	  "300d300b16036f7267300402020001", XC_ERR_INT, NULL, ANY_OFF },
	{ "two qualifier values", "301b301906032a03043012301006082b06010505070201"
	  "160161160161", XC_ERR_TRAILING, NULL, 26 },
	{ "empty oid", "300430020600", XC_ERR_OID, NULL, ANY_OFF },
	{ "qualifiers not a SEQUENCE", "3009300706032a03040500", XC_ERR_TRAILING, NULL, 9 },
	{ "bytes after the value", "3007300506032a030400", XC_ERR_TRAILING, NULL, 9 },
	{ "stray byte after a policy",
	  "3019301606032a0304300f300d06082b0601050507020116016100", XC_ERR_TRUNCATED,
	  NULL, ANY_OFF },
};

static void test_rows(void)
{
	run_rows(rows, sizeof(rows) / sizeof(rows[0]), render_policies);
}

static void test_corpus(void)
{
	char out[8192];

	if (!corpus_walk())
		return;
	/* cp_invalid.pem and cp_invalid2.der are refused, as by pyca. */
	CU_ASSERT(corpus_seen >= 417);
	CU_ASSERT_EQUAL(corpus_ok + 2, corpus_seen);
	CU_ASSERT_EQUAL(corpus_one("custom/cp_invalid.pem", "2.5.29.32", out, sizeof(out)),
	                XC_ERR_EXT_VALUE);
	CU_ASSERT_EQUAL(corpus_one("custom/cp_invalid2.der", "2.5.29.32", out, sizeof(out)),
	                XC_ERR_EXT_VALUE);
	/* Values printed by pyca 38 for the same files. */
	CU_ASSERT_EQUAL(corpus_one("cryptography.io.pem", "2.5.29.32", out, sizeof(out)), XC_OK);
	CU_ASSERT_STRING_EQUAL(out, "2.16.840.1.113733.1.7.54[cps:https://www.rapidssl.com/legal]");
	CU_ASSERT_EQUAL(corpus_one("custom/cp_user_notice_with_notice_reference.pem", "2.5.29.32",
	                           out, sizeof(out)), XC_OK);
	CU_ASSERT_STRING_EQUAL(out, "2.16.840.1.12345.1.2.3.4.1[cps:http://example.com/cps;"
	                            "cps:http://other.com/cps;un(my org:1,2,3,4|thing)]");
}

int main(void)
{
	static const tu_test tests[] = {
		{ "rows", test_rows },
		{ "corpus", test_corpus },
		{ NULL, NULL },
	};
	return tu_run("ext_policy", tests);
}
