/* Tests of xc/ext_dp.h: CRLDistributionPoints, FreshestCRL and
 * IssuingDistributionPoint. Every row's verdict was checked against pyca 38
 * (the value put in a certificate or CRL and read back through
 * `extensions`), and the corpus renderings match pyca's (see the report). */
#include "ext_harness.h"

/* "F[gn,..]", "R[CN=a+O=b]" (DER order) or "-". */
static void put_dp_name(char *buf, size_t cap, size_t *n, const xc_dp_name *dn)
{
	xc_rdn_iter it;
	xc_attr a;
	xc_err e;
	size_t count = 0;

	switch (dn->type) {
	case XC_DP_NAME_NONE:
		put(buf, cap, n, "-");
		break;
	case XC_DP_FULL_NAME:
		put(buf, cap, n, "F");
		put_gns(buf, cap, n, dn->full_name);
		break;
	case XC_DP_RELATIVE_NAME:
		put(buf, cap, n, "R[");
		xc_rdn_iter_init(&it, dn->relative_name);
		while ((e = xc_rdn_next(&it, &a)) == XC_OK) {
			char tmp[1024];
			CU_ASSERT_EQUAL(a.index_in_rdn, count);
			CU_ASSERT_EQUAL(xc_attr_rfc4514(&a, tmp, sizeof(tmp), NULL), XC_OK);
			put(buf, cap, n, "%s%s", count++ ? "+" : "", tmp);
		}
		CU_ASSERT_EQUAL(e, XC_END);
		CU_ASSERT_EQUAL(count, dn->relative_name_count);
		put(buf, cap, n, "]");
		break;
	}
}

/* Reason names in bit order, "{}" for an empty set, "-" when absent. */
static void put_reasons(char *buf, size_t cap, size_t *n, bool has, uint16_t r)
{
	size_t count = 0;

	if (!has) {
		put(buf, cap, n, "-");
		return;
	}
	for (unsigned b = 1; b <= 8; b++)
		if (r & (1u << b))
			put(buf, cap, n, "%s%s", count++ ? "," : "", xc_reason_flag_name(b));
	if (!count)
		put(buf, cap, n, "{}");
}

static xc_err render_dps(xc_slice v, size_t *off, char *out, size_t cap)
{
	xc_dps dps;
	xc_dp_iter it;
	xc_dp dp;
	size_t n = 0, count = 0;
	xc_err e;

	if ((e = xc_dps_decode(&dps, v, v.p, off)))
		return e;
	xc_dp_iter_init(&it, dps.list);
	while ((e = xc_dp_next(&it, &dp)) == XC_OK) {
		put(out, cap, &n, count++ ? ";" : "");
		put_dp_name(out, cap, &n, &dp.name);
		put(out, cap, &n, " r=");
		put_reasons(out, cap, &n, dp.has_reasons, dp.reasons);
		put(out, cap, &n, " i=");
		if (dp.has_crl_issuer)
			put_gns(out, cap, &n, dp.crl_issuer);
		else
			put(out, cap, &n, "-");
	}
	CU_ASSERT_EQUAL(e, XC_END);
	CU_ASSERT_EQUAL(count, dps.count);
	return XC_OK;
}

static xc_err render_idp(xc_slice v, size_t *off, char *out, size_t cap)
{
	xc_idp idp;
	size_t n = 0;
	xc_err e;

	if ((e = xc_idp_decode(&idp, v, v.p, off)))
		return e;
	put_dp_name(out, cap, &n, &idp.name);
	put(out, cap, &n, " u%d c%d r=", idp.only_contains_user_certs, idp.only_contains_ca_certs);
	put_reasons(out, cap, &n, idp.has_only_some_reasons, idp.only_some_reasons);
	put(out, cap, &n, " i%d a%d", idp.indirect_crl, idp.only_contains_attribute_certs);
	return XC_OK;
}

static xc_err corpus_ext(const xc_ext *x, char *out, size_t cap)
{
	size_t off;

	if (xc_oid_is(x->oid, XC_OID_CRL_DISTRIBUTION_POINTS) ||
	    xc_oid_is(x->oid, XC_OID_FRESHEST_CRL))
		return render_dps(x->value, &off, out, cap);
	if (xc_oid_is(x->oid, XC_OID_ISSUING_DISTRIBUTION_POINT))
		return render_idp(x->value, &off, out, cap);
	return XC_NOT_FOUND;
}

static const row dp_rows[] = {
	{ "empty list (pyca accepts)", "3000", XC_OK, "", 0 },
	{ "empty point", "30023000", XC_OK, "- r=- i=-", 0 },
	{ "full name uri", "3010300ea00ca00a8608687474703a2f2f78", XC_OK,
	  "F[uri:http://x] r=- i=-", 0 },
	{ "empty full name", "30063004a002a000", XC_OK, "F[] r=- i=-", 0 },
	{ "relative name", "3010300ea00ca10a300806035504030c0161", XC_OK, "R[CN=a] r=- i=-", 0 },
	{ "relative name, two attributes",
	  "301a3018a016a114300806035504030c01613008060355040a0c0162", XC_OK,
	  "R[CN=a+O=b] r=- i=-", 0 },
	{ "everything",
	  "30263024a00ca00a8608687474703a2f2f7881020560a210a40e300c310a300806035504030c0161",
	  XC_OK, "F[uri:http://x] r=key_compromise,ca_compromise i=[dir:CN=a]", 0 },
	{ "two points", "301e300ea00ca00a8608687474703a2f2f78300ca20a8608687474703a2f2f78",
	  XC_OK, "F[uri:http://x] r=- i=-;- r=- i=[uri:http://x]", 0 },
	{ "reasons with issuer only", "3012301081020640a20a8608687474703a2f2f78", XC_OK,
	  "- r=key_compromise i=[uri:http://x]", 0 },
	{ "reasons with relative name", "30143012a00ca10a300806035504030c016181020640", XC_OK,
	  "R[CN=a] r=key_compromise i=-", 0 },
	{ "reasons: only bit 0 (an empty set)", "3006300481020780", XC_OK, "- r={} i=-", 0 },
	{ "reasons: all bits, bit 9 ignored", "30153013a00ca00a8608687474703a2f2f78810307ff80",
	  XC_OK, "F[uri:http://x] r=key_compromise,ca_compromise,affiliation_changed,"
	  "superseded,cessation_of_operation,certificate_hold,privilege_withdrawn,"
	  "aa_compromise i=-", 0 },
	{ "reasons: no bits", "30133011a00ca00a8608687474703a2f2f78810100", XC_OK,
	  "F[uri:http://x] r={} i=-", 0 },
	{ "empty crl issuer", "30043002a200", XC_OK, "- r=- i=[]", 0 },
	/* pyca: "You must supply crl_issuer, full_name, or relative_name
	 * when reasons is not None" */
	{ "reasons alone", "3006300481020640", XC_ERR_EXT_VALUE, NULL, 2 },
	{ "reasons with empty full name", "300a3008a002a00081020640", XC_ERR_EXT_VALUE, NULL, 2 },
	{ "reasons with empty issuer", "3008300681020640a200", XC_ERR_EXT_VALUE, NULL, 2 },
	{ "both full and relative name",
	  "301c301aa018a00a8608687474703a2f2f78a10a300806035504030c0161", XC_ERR_TRAILING,
	  NULL, 18 },
	{ "empty relative name", "30063004a002a100", XC_ERR_EMPTY, NULL, 6 },
	{ "relative name out of order",
	  "301a3018a016a114300806035504030c0162300806035504030c0161", XC_ERR_SET_ORDER, NULL, 18 },
	{ "attribute without oid", "300b3009a007a10530030c0161", XC_ERR_TAG, NULL, 10 },
	{ "unknown name choice", "3010300ea00ca20a8608687474703a2f2f78", XC_ERR_TAG, NULL, 6 },
	{ "full name uri not utf-8", "30093007a005a0038601ff", XC_ERR_STRING, NULL, 8 },
	{ "x400 in full name (pyca raises UnsupportedGeneralNameType)", "30083006a004a002a300",
	  XC_OK, "F[x400] r=- i=-", 0 },
	{ "reasons padding bit set", "30143012a00ca00a8608687474703a2f2f7881020141",
	  XC_ERR_BITSTRING, NULL, 20 },
	{ "reasons empty bit string", "30123010a00ca00a8608687474703a2f2f788100",
	  XC_ERR_BITSTRING, NULL, ANY_OFF },
	{ "reasons unused count 8", "30143012a00ca00a8608687474703a2f2f7881020800",
	  XC_ERR_BITSTRING, NULL, 20 },
	{ "issuer then reasons", "30083006a20081020640", XC_ERR_TRAILING, NULL, 6 },
	{ "not a SEQUENCE", "0500", XC_ERR_TAG, NULL, 0 },
	{ "bytes after the value", "300000", XC_ERR_TRAILING, NULL, 2 },
};

static const row idp_rows[] = {
	{ "user certs", "30038101ff", XC_OK, "- u1 c0 r=- i0 a0", 0 },
	{ "attribute certs", "30038501ff", XC_OK, "- u0 c0 r=- i0 a1", 0 },
	{ "some reasons", "300483020640", XC_OK, "- u0 c0 r=key_compromise i0 a0", 0 },
	{ "full name",
	  "300ea00ca00a8608687474703a2f2f78", XC_OK, "F[uri:http://x] u0 c0 r=- i0 a0", 0 },
	{ "full name, indirect", "3011a00ca00a8608687474703a2f2f788401ff", XC_OK,
	  "F[uri:http://x] u0 c0 r=- i1 a0", 0 },
	{ "relative name, user, all reasons",
	  "3016a00ca10a300806035504030c01618101ff830307ff80", XC_OK,
	  "R[CN=a] u1 c0 r=key_compromise,ca_compromise,affiliation_changed,superseded,"
	  "cessation_of_operation,certificate_hold,privilege_withdrawn,aa_compromise i0 a0", 0 },
	{ "empty reason set with a flag", "3007830207808501ff", XC_OK, "- u0 c0 r={} i0 a1", 0 },
	/* pyca: "Cannot create empty extension: ..." */
	{ "empty", "3000", XC_ERR_EXT_VALUE, NULL, 0 },
	{ "empty reason set alone", "300483020780", XC_ERR_EXT_VALUE, NULL, 0 },
	{ "empty full name alone", "3004a002a000", XC_ERR_EXT_VALUE, NULL, 0 },
	/* pyca: "Only one of the following can be set to True: ..." */
	{ "two flags", "30068101ff8201ff", XC_ERR_EXT_VALUE, NULL, 0 },
	{ "explicit FALSE", "3003810100", XC_ERR_DEFAULT, NULL, 4 },
	{ "boolean 0x01", "3003810101", XC_ERR_BOOL, NULL, 4 },
	{ "boolean two bytes", "30048102ffff", XC_ERR_BOOL, NULL, 4 },
	{ "out of order", "30078401ff83020640", XC_ERR_TRAILING, NULL, 5 },
	{ "not a SEQUENCE", "a000", XC_ERR_TAG, NULL, 0 },
	{ "bytes after the value", "30038101ff00", XC_ERR_TRAILING, NULL, 5 },
};

static void test_dp_rows(void)
{
	run_rows(dp_rows, sizeof(dp_rows) / sizeof(dp_rows[0]), render_dps);
}

static void test_idp_rows(void)
{
	run_rows(idp_rows, sizeof(idp_rows) / sizeof(idp_rows[0]), render_idp);
}

static void test_names(void)
{
	CU_ASSERT_PTR_NULL(xc_reason_flag_name(0));
	CU_ASSERT_STRING_EQUAL(xc_reason_flag_name(1), "key_compromise");
	CU_ASSERT_STRING_EQUAL(xc_reason_flag_name(8), "aa_compromise");
	CU_ASSERT_PTR_NULL(xc_reason_flag_name(9));
}

static void test_corpus(void)
{
	char out[4096];

	if (!corpus_walk())
		return;
	CU_ASSERT(corpus_seen >= 100);
	CU_ASSERT_EQUAL(corpus_ok, corpus_seen);
	/* Values printed by pyca 38 for the same files. */
	CU_ASSERT_EQUAL(corpus_one("cryptography.io.pem", "2.5.29.31", out, sizeof(out)), XC_OK);
	CU_ASSERT_STRING_EQUAL(out, "F[uri:http://gv.symcb.com/gv.crl] r=- i=-");
	CU_ASSERT_EQUAL(corpus_one("custom/crl_idp_relative_user_all_reasons.pem", "2.5.29.28",
	                           out, sizeof(out)), XC_OK);
	CU_ASSERT_STRING_EQUAL(out, "R[O=PyCA] u1 c0 r=key_compromise,ca_compromise,"
	                            "affiliation_changed,superseded,cessation_of_operation,"
	                            "certificate_hold,privilege_withdrawn,aa_compromise i0 a0");
	CU_ASSERT_EQUAL(corpus_one("custom/freshestcrl.pem", "2.5.29.46", out, sizeof(out)), XC_OK);
	CU_ASSERT_STRING_EQUAL(out, "F[uri:http://myhost.com/myca.crl,"
	                            "uri:http://backup.myhost.com/myca.crl] "
	  "r=key_compromise,ca_compromise i=[dir:CN=cryptography CA,C=US]");
}

int main(void)
{
	static const tu_test tests[] = {
		{ "dp_rows", test_dp_rows },
		{ "idp_rows", test_idp_rows },
		{ "names", test_names },
		{ "corpus", test_corpus },
		{ NULL, NULL },
	};
	return tu_run("ext_dp", tests);
}
