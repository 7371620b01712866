/* Tests of xc/ext_nc.h: NameConstraints. Every row's verdict was checked
 * against pyca 38 (the value put in a certificate and read back through
 * `extensions`), and the corpus renderings match pyca's (see the report). */
#include "ext_harness.h"

/* "P[gn,...]E[gn,...]", "-" for an absent list. */
static xc_err render_nc(xc_slice v, size_t *off, char *out, size_t cap)
{
	xc_nc nc;
	size_t n = 0;
	xc_err e;

	if ((e = xc_nc_decode(&nc, v, v.p, off)))
		return e;
	for (int k = 0; k < 2; k++) {
		xc_slice list = k ? nc.excluded : nc.permitted;
		size_t want = k ? nc.excluded_count : nc.permitted_count, count = 0;
		xc_subtree_iter it;
		xc_gn g;

		put(out, cap, &n, k ? "E" : "P");
		if (!list.p) {
			put(out, cap, &n, "-");
			continue;
		}
		put(out, cap, &n, "[");
		xc_subtree_iter_init(&it, list);
		while ((e = xc_subtree_next(&it, &g)) == XC_OK) {
			char ip[XC_GN_IP_STR];
			put(out, cap, &n, count++ ? "," : "");
			put_gn(out, cap, &n, &g);
			if (g.type == XC_GN_IP_ADDRESS)
				CU_ASSERT_EQUAL(xc_gn_ip_format(g.value, true, ip, sizeof(ip), NULL),
				                XC_OK);
		}
		CU_ASSERT_EQUAL(e, XC_END);
		CU_ASSERT_EQUAL(count, want);
		put(out, cap, &n, "]");
	}
	return XC_OK;
}

static xc_err corpus_ext(const xc_ext *x, char *out, size_t cap)
{
	size_t off;

	if (!xc_oid_is(x->oid, XC_OID_NAME_CONSTRAINTS))
		return XC_NOT_FOUND;
	return render_nc(x->value, &off, out, cap);
}

static const row rows[] = {
	{ "permitted dns", "300ba00930078205782e636f6d", XC_OK, "P[dns:x.com]E-", 0 },
	{ "excluded dns", "300ba10930078205782e636f6d", XC_OK, "P-E[dns:x.com]", 0 },
	{ "both", "3016a00930078205782e636f6da10930078205782e636f6d", XC_OK,
	  "P[dns:x.com]E[dns:x.com]", 0 },
	{ "minimum 1 (read, dropped)",
	  "300ea00c300a8205782e636f6d800101", XC_OK, "P[dns:x.com]E-", 0 },
	{ "maximum 5 (read, dropped)",
	  "300ea00c300a8205782e636f6d810105", XC_OK, "P[dns:x.com]E-", 0 },
	{ "ipv4 network", "300ea00c300a87080a000000ff000000", XC_OK, "P[ip:10.0.0.0/8]E-", 0 },
	{ "ipv6 network",
	  "3026a1243022872020010db8000000000000000000000000ffffffff000000000000000000000000",
	  XC_OK, "P-E[ip:2001:db8::/32]", 0 },
	{ "directory name", "3014a0123010a40e300c310a300806035504030c0161", XC_OK,
	  "P[dir:CN=a]E-", 0 },
	/* pyca: "At least one of permitted_subtrees and excluded_subtrees
	 * must not be None" */
	{ "neither list", "3000", XC_ERR_EXT_VALUE, NULL, 0 },
	/* pyca: "permitted_subtrees must be a non-empty list or None" */
	{ "empty permitted", "3002a000", XC_ERR_EMPTY, NULL, 2 },
	{ "explicit minimum 0", "300ea00c300a8205782e636f6d800100", XC_ERR_DEFAULT, NULL, 13 },
	{ "negative minimum", "300ea00c300a8205782e636f6d8001ff", XC_ERR_INT_RANGE, NULL, 15 },
	{ "maximum past 64 bits", "3016a01430128205782e636f6d8109010000000000000000",
	  XC_ERR_INT_RANGE, NULL, 15 },
	/* pyca: "IPAddress name constraints must be an IPv4Network or
	 * IPv6Network object" */
	{ "ipv4 address, 4 bytes", "300aa008300687040a000000", XC_ERR_EXT_VALUE, NULL, 6 },
	{ "ipv6 address, 16 bytes", "3016a0143012871020010db8000000000000000000000001",
	  XC_ERR_EXT_VALUE, NULL, 6 },
	{ "ip, 3 bytes", "3009a007300587030a0000", XC_ERR_EXT_VALUE, NULL, 6 },
	{ "host bits set", "300ea00c300a87080a000001ff000000", XC_ERR_EXT_VALUE, NULL, 6 },
	{ "ipv6 host bits set",
	  "3026a0243022872020010db8000000000000000000000001ffffffff000000000000000000000000",
	  XC_ERR_EXT_VALUE, NULL, 6 },
	{ "excluded before permitted", "3016a10930078205782e636f6da00930078205782e636f6d",
	  XC_ERR_TRAILING, NULL, 13 },
	{ "empty subtree", "3004a0023000", XC_ERR_TRUNCATED, NULL, ANY_OFF },
	{ "maximum before minimum", "3011a00f300d8205782e636f6d810105800101", XC_ERR_TRAILING,
	  NULL, 16 },
	{ "primitive [0]", "30028000", XC_ERR_TRAILING, NULL, 2 },
	{ "not a SEQUENCE", "0400", XC_ERR_TAG, NULL, 0 },
	{ "bytes after the value", "300ba00930078205782e636f6d00", XC_ERR_TRAILING, NULL, 13 },
};

static void test_rows(void)
{
	run_rows(rows, sizeof(rows) / sizeof(rows[0]), render_nc);
}

static void test_corpus(void)
{
	char out[4096];

	if (!corpus_walk())
		return;
	/* Three are refused, as by pyca ("Invalid netmask", "... has host
	 * bits set", "Invalid IPNetwork, must be 8 bytes for IPv4 and 32
	 * bytes for IPv6"). */
	CU_ASSERT(corpus_seen >= 27);
	CU_ASSERT_EQUAL(corpus_ok + 3, corpus_seen);
	CU_ASSERT_EQUAL(corpus_one("custom/nc_invalid_ip_netmask.pem", "2.5.29.30", out,
	                           sizeof(out)), XC_ERR_EXT_VALUE);
	CU_ASSERT_EQUAL(corpus_one("custom/nc_invalid_ip4_netmask.der", "2.5.29.30", out,
	                           sizeof(out)), XC_ERR_EXT_VALUE);
	CU_ASSERT_EQUAL(corpus_one("custom/nc_ip_invalid_length.pem", "2.5.29.30", out,
	                           sizeof(out)), XC_ERR_EXT_VALUE);
	/* Values printed by pyca 38 for the same files. */
	CU_ASSERT_EQUAL(corpus_one("custom/nc_single_ip_netmask.pem", "2.5.29.30", out,
	                           sizeof(out)), XC_OK);
	CU_ASSERT_STRING_EQUAL(out, "P[ip:ff::/128,ip:192.168.0.1/32]E-");
}

int main(void)
{
	static const tu_test tests[] = {
		{ "rows", test_rows },
		{ "corpus", test_corpus },
		{ NULL, NULL },
	};
	return tu_run("ext_nc", tests);
}
