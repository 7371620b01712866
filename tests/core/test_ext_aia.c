/* Tests of xc/ext_aia.h: AuthorityInformationAccess and
 * SubjectInformationAccess. Every row's verdict was checked against pyca 38
 * (the value put in a certificate and read back through `extensions`), and
 * the corpus renderings match pyca's for every vector (see the report). */
#include "ext_harness.h"

/* "method=gn;method=gn". */
static xc_err render_aia(xc_slice v, size_t *off, char *out, size_t cap)
{
	xc_aia a;
	xc_aia_iter it;
	xc_access_desc ad;
	size_t n = 0, count = 0;
	xc_err e;

	if ((e = xc_aia_decode(&a, v, v.p, off)))
		return e;
	xc_aia_iter_init(&it, a.list);
	while ((e = xc_aia_next(&it, &ad)) == XC_OK) {
		char d[XC_OID_DOTTED_MAX];
		xc_oid_to_dotted(ad.method, d, sizeof(d), NULL);
		put(out, cap, &n, "%s%s=", count++ ? ";" : "", d);
		put_gn(out, cap, &n, &ad.location);
	}
	CU_ASSERT_EQUAL(e, XC_END);
	CU_ASSERT_EQUAL(count, a.count);
	return XC_OK;
}

static xc_err corpus_ext(const xc_ext *x, char *out, size_t cap)
{
	size_t off;

	if (!xc_oid_is(x->oid, XC_OID_AUTHORITY_INFORMATION_ACCESS) &&
	    !xc_oid_is(x->oid, XC_OID_SUBJECT_INFORMATION_ACCESS))
		return XC_NOT_FOUND;
	return render_aia(x->value, &off, out, cap);
}

static const row rows[] = {
	{ "empty list (pyca accepts)", "3000", XC_OK, "", 0 },
	{ "ocsp uri", "3016301406082b060105050730018608687474703a2f2f6f", XC_OK,
	  "1.3.6.1.5.5.7.48.1=uri:http://o", 0 },
	{ "two descriptions, dirname and dns",
	  "3031301a06082b06010505073002a40e300c310a300806035504030c0161"
	  "301306082b0601050507300182076578616d706c65", XC_OK,
	  "1.3.6.1.5.5.7.48.2=dir:CN=a;1.3.6.1.5.5.7.48.1=dns:example", 0 },
	{ "missing location", "300c300a06082b06010505073001", XC_ERR_TRUNCATED, NULL, ANY_OFF },
	{ "two locations", "3012301006082b06010505073001860161860162", XC_ERR_TRAILING, NULL, 17 },
	{ "no method", "30053003860161", XC_ERR_TAG, NULL, 4 },
	{ "not a SEQUENCE", "3100", XC_ERR_TAG, NULL, 0 },
	{ "description not a SEQUENCE", "30020500", XC_ERR_TAG, NULL, 2 },
	{ "bytes after the value", "300000", XC_ERR_TRAILING, NULL, 2 },
	{ "truncated", "3005300306", XC_ERR_LEN_PAST_END, NULL, ANY_OFF },
	{ "uri not utf-8", "3010300e06082b060105050730018602fffe", XC_ERR_STRING, NULL, 14 },
	{ "unknown GeneralName tag", "300e300c06082b060105050730018900", XC_ERR_TAG, NULL, 14 },
	{ "bad method oid", "300530030600860161", XC_ERR_OID, NULL, ANY_OFF },
	{ "empty value", "", XC_ERR_TRUNCATED, NULL, 0 },
};

static void test_rows(void)
{
	run_rows(rows, sizeof(rows) / sizeof(rows[0]), render_aia);
}

static void test_corpus(void)
{
	char out[4096];

	if (!corpus_walk())
		return;
	CU_ASSERT(corpus_seen >= 19);
	CU_ASSERT_EQUAL(corpus_ok, corpus_seen);
	/* Values printed by pyca 38 for the same files. */
	CU_ASSERT_EQUAL(corpus_one("cryptography.io.pem", "1.3.6.1.5.5.7.1.1",
	                           out, sizeof(out)), XC_OK);
	CU_ASSERT_STRING_EQUAL(out, "1.3.6.1.5.5.7.48.1=uri:http://gv.symcd.com;"
	                            "1.3.6.1.5.5.7.48.2=uri:http://gv.symcb.com/gv.crt");
	CU_ASSERT_EQUAL(corpus_one("custom/sia.pem", "1.3.6.1.5.5.7.1.11",
	                           out, sizeof(out)), XC_OK);
	CU_ASSERT_STRING_EQUAL(out, "1.3.6.1.5.5.7.48.5=uri:https://my.ca.issuer/;"
	                            "2.999.7=uri:gopher://info-mac-archive");
}

int main(void)
{
	static const tu_test tests[] = {
		{ "rows", test_rows },
		{ "corpus", test_corpus },
		{ NULL, NULL },
	};
	return tu_run("ext_aia", tests);
}
