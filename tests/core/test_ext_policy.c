/* Tests of xc/ext_policy.h: CertificatePolicies. Every row's verdict was
 * checked against pyca 38 (the value put in a certificate and read back
 * through `extensions`), and the corpus renderings match pyca's (see the
 * report). */
#include "ext_harness.h"

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
