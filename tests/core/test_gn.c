/* Tests of xc/gn.h: GeneralName reading, GeneralNames checks, type names
 * and iPAddress formatting. Expected values checked against pyca 38
 * (SubjectAlternativeName of each input) and Python's ipaddress. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>
#include <xc/xc.h>

/* Hex of bytes in one of a few rotating buffers (nothing to free). */
static const char *hx(const uint8_t *p, size_t n)
{
	static char bufs[4][2 * 512 + 1];
	static unsigned k;
	char *b = bufs[k++ % 4];
	if (xc_hex(xc_slice_make(p, n), b, sizeof(bufs[0])) != XC_OK)
		return "(too long)";
	return b;
}

/* GeneralNames contents (inside the SEQUENCE) and what checking gives. */
static const struct {
	const char *name;
	const char *hex;
	xc_err err;
	size_t count;   /* names, when err is XC_OK */
	size_t off;     /* error offset, when err is not XC_OK */
} gns_cases[] = {
	{ "empty", "", XC_OK, 0, 0 },
	{ "dns", "8208612e622e636f6d2e", XC_OK, 1, 0 },
	{ "dns empty", "8200", XC_OK, 1, 0 },
	{ "dns utf8", "8203c3a962", XC_OK, 1, 0 },
	{ "dns control char", "8202610a", XC_OK, 1, 0 },
	{ "rfc822 utf8", "8103c3a962", XC_OK, 1, 0 },
	{ "uri utf8", "8605e282ac2f2f", XC_OK, 1, 0 },
	{ "dns 0xff", "8202ff61", XC_ERR_STRING, 0, 0 },
	{ "dns overlong", "8204c0af6162", XC_ERR_STRING, 0, 0 },
	{ "dns surrogate", "8206edb080616263", XC_ERR_STRING, 0, 0 },
	{ "dns above U+10FFFF", "8204f4908080", XC_ERR_STRING, 0, 0 },
	{ "dns truncated utf8", "8202 61e2", XC_ERR_STRING, 0, 0 },
	{ "second name bad", "8200 8202ff61", XC_ERR_STRING, 1, 2 },
	{ "dns past end", "820561", XC_ERR_LEN_PAST_END, 0, 0 },
	{ "dns constructed", "a2020400", XC_ERR_TAG, 0, 0 },
	{ "unknown tag [9]", "89020000", XC_ERR_TAG, 0, 0 },
	{ "universal tag", "0c0161", XC_ERR_TAG, 0, 0 },
	{ "ipv4", "870401020304", XC_OK, 1, 0 },
	{ "ipv6", "871020010db8000000000000000000000001", XC_OK, 1, 0 },
	{ "ipv4 net", "87080a000000ff000000", XC_OK, 1, 0 },
	{ "ipv4 net /24 zero", "870800000000ffffff00", XC_OK, 1, 0 },
	{ "ipv6 net", "872020010db8000000000000000000000000ffffffff000000000000000000000000", XC_OK, 1, 0 },
	{ "ip 3 bytes", "8703010203", XC_ERR_EXT_VALUE, 0, 0 },
	{ "ip 0 bytes", "8700", XC_ERR_EXT_VALUE, 0, 0 },
	{ "ip 5 bytes", "87050102030405", XC_ERR_EXT_VALUE, 0, 0 },
	{ "ipv4 net host bits", "87080a000001ff000000", XC_ERR_EXT_VALUE, 0, 0 },
	{ "ipv4 net /0 host bits", "87080a00000000000000", XC_ERR_EXT_VALUE, 0, 0 },
	{ "ipv4 net bad mask", "87080a000000ffff00ff", XC_ERR_EXT_VALUE, 0, 0 },
	{ "ipv6 net bad mask", "872020010db800000000000000000000000000ffffff000000000000000000000001", XC_ERR_EXT_VALUE, 0, 0 },
	{ "registered id", "880101", XC_OK, 1, 0 },
	{ "registered id empty", "8800", XC_ERR_OID, 0, 0 },
	{ "registered id bad arc", "880180", XC_ERR_OID, 0, 0 },
	{ "other name", "a00b06032a0304a0040c026869", XC_OK, 1, 0 },
	{ "other name not oid", "a003020101", XC_ERR_TAG, 0, 2 },
	{ "other name trailing in value", "a00d06032a0304a0060c0268690101", XC_ERR_TRAILING, 0, 13 },
	{ "other name primitive [0] value", "a00c06032a0304800568656c6c6f", XC_ERR_TAG, 0, 7 },
	{ "other name empty value", "a00706032a0304a000", XC_ERR_TRUNCATED, 0, 9 },
	{ "other name value truncated", "a00806032a0304a0010c", XC_ERR_TRUNCATED, 0, 9 },
	{ "other name missing value", "a0040602a003", XC_ERR_TRUNCATED, 0, 6 },
	{ "other name bad oid", "a00a060180a0050c03616263", XC_ERR_OID, 0, 0 },
	{ "other name primitive", "800106", XC_ERR_TAG, 0, 0 },
	{ "x400", "a305300302010a", XC_OK, 1, 0 },
	{ "edi party", "a503020101", XC_OK, 1, 0 },
	{ "directory name", "a40e300c310a300806035504030c0161", XC_OK, 1, 0 },
	{ "directory name empty Name", "a4023000", XC_OK, 1, 0 },
	{ "directory name empty", "a400", XC_ERR_TRUNCATED, 0, 2 },
	{ "directory name SET", "a4073105300302010a", XC_ERR_TAG, 0, 2 },
	{ "directory name truncated RDN", "a4033001a0", XC_ERR_TRUNCATED, 0, 4 },
	{ "directory name trailing", "a40430000500", XC_ERR_TRAILING, 0, 4 },
};

static void test_gns_check(void)
{
	for (size_t i = 0; i < sizeof(gns_cases) / sizeof(gns_cases[0]); i++) {
		size_t len, off = 999, count = 999;
		uint8_t *b = tu_unhex(gns_cases[i].hex, &len);
		xc_err e = xc_gns_check(xc_slice_make(b, len), b, &off, &count);
		if (e != gns_cases[i].err)
			fprintf(stderr, "\n%s: got %s want %s (off %zu)\n", gns_cases[i].name,
			        xc_errname(e), xc_errname(gns_cases[i].err), off);
		CU_ASSERT_EQUAL(e, gns_cases[i].err);
		if (e == XC_OK) {
			CU_ASSERT_EQUAL(count, gns_cases[i].count);
		} else if (gns_cases[i].off) {
			if (off != gns_cases[i].off)
				fprintf(stderr, "\n%s: off %zu want %zu\n", gns_cases[i].name,
				        off, gns_cases[i].off);
			CU_ASSERT_EQUAL(off, gns_cases[i].off);
		}
		free(b);
	}
}

/* The fields xc_gn_read hands back, for one name of each type. */
static const struct {
	const char *hex;
	xc_gn_type type;
	const char *value;      /* hex of .value */
	const char *other_oid;  /* hex of .other_oid, or NULL */
} read_cases[] = {
	{ "a00b06032a0304a0040c026869", XC_GN_OTHER_NAME, "0c026869", "2a0304" },
	{ "8103612e62", XC_GN_RFC822_NAME, "612e62", NULL },
	{ "8203612e62", XC_GN_DNS_NAME, "612e62", NULL },
	{ "a305300302010a", XC_GN_X400_ADDRESS, "300302010a", NULL },
	{ "a40e300c310a300806035504030c0161", XC_GN_DIRECTORY_NAME, "310a300806035504030c0161", NULL },
	{ "a503020101", XC_GN_EDI_PARTY_NAME, "020101", NULL },
	{ "8603612e62", XC_GN_URI, "612e62", NULL },
	{ "870401020304", XC_GN_IP_ADDRESS, "01020304", NULL },
	{ "88032a0304", XC_GN_REGISTERED_ID, "2a0304", NULL },
};

static void test_gn_read(void)
{
	for (size_t i = 0; i < sizeof(read_cases) / sizeof(read_cases[0]); i++) {
		size_t len;
		uint8_t *b = tu_unhex(read_cases[i].hex, &len);
		xc_der d;
		xc_gn g;
		xc_der_init(&d, b, len);
		CU_ASSERT_EQUAL_FATAL(xc_gn_read(&d, &g), XC_OK);
		CU_ASSERT_EQUAL(g.type, read_cases[i].type);
		CU_ASSERT_PTR_EQUAL(g.raw.p, b);
		CU_ASSERT_EQUAL(g.raw.len, len);
		CU_ASSERT_STRING_EQUAL(hx(g.value.p, g.value.len), read_cases[i].value);
		if (read_cases[i].other_oid) {
			CU_ASSERT_STRING_EQUAL(hx(g.other_oid.p, g.other_oid.len),
			                       read_cases[i].other_oid);
		} else {
			CU_ASSERT_PTR_NULL(g.other_oid.p);
		}
		CU_ASSERT_FALSE(xc_der_more(&d));
		free(b);
	}
}

static void test_gn_iter(void)
{
	size_t len;
	uint8_t *b = tu_unhex("8203612e62 870401020304 8800", &len);
	xc_gn_iter it;
	xc_gn g;

	xc_gn_iter_init(&it, xc_slice_make(b, len));
	CU_ASSERT_EQUAL(xc_gn_next(&it, &g), XC_OK);
	CU_ASSERT_EQUAL(g.type, XC_GN_DNS_NAME);
	CU_ASSERT_EQUAL(xc_gn_next(&it, &g), XC_OK);
	CU_ASSERT_EQUAL(g.type, XC_GN_IP_ADDRESS);
	/* An unchecked block: the bad third name is an error, and stays one. */
	CU_ASSERT_EQUAL(xc_gn_next(&it, &g), XC_ERR_OID);
	CU_ASSERT_EQUAL(xc_gn_next(&it, &g), XC_ERR_OID);

	xc_gn_iter_init(&it, xc_slice_make(b, 6));
	CU_ASSERT_EQUAL(xc_gn_next(&it, &g), XC_OK);
	CU_ASSERT_EQUAL(xc_gn_next(&it, &g), XC_ERR_TRUNCATED);
	xc_gn_iter_init(&it, xc_slice_make(b, 5));
	CU_ASSERT_EQUAL(xc_gn_next(&it, &g), XC_OK);
	CU_ASSERT_EQUAL(xc_gn_next(&it, &g), XC_END);
	CU_ASSERT_EQUAL(xc_gn_next(&it, &g), XC_END);
	free(b);
}

static void test_gn_type_name(void)
{
	static const char *const want[] = {
		"other_name", "rfc822_name", "dns_name", "x400_address",
		"directory_name", "edi_party_name", "uniform_resource_identifier",
		"ip_address", "registered_id",
	};
	for (int t = 0; t <= 8; t++)
		CU_ASSERT_STRING_EQUAL(xc_gn_type_name((xc_gn_type)t), want[t]);
	CU_ASSERT_PTR_NULL(xc_gn_type_name((xc_gn_type)9));
	CU_ASSERT_PTR_NULL(xc_gn_type_name((xc_gn_type)-1));
}

/* Address bytes, network flag, and str() of Python's ipaddress object (or
 * NULL for an error). */
static const struct {
	const char *hex;
	bool network;
	const char *want;
} ip_cases[] = {
	{ "c0000201", false, "192.0.2.1" },
	{ "00000000", false, "0.0.0.0" },
	{ "ffffffff", false, "255.255.255.255" },
	{ "0a000005", false, "10.0.0.5" },
	{ "20010db8000000000000000000000001", false, "2001:db8::1" },
	{ "00000000000000000000000000000000", false, "::" },
	{ "00000000000000000000000000000001", false, "::1" },
	{ "00010000000000000000000000000000", false, "1::" },
	{ "00000000000000000000ffff01020304", false, "::ffff:102:304" },
	{ "00000000000000000000000001020304", false, "::102:304" },
	{ "20010db8000000010000000000000001", false, "2001:db8:0:1::1" },
	{ "20010db8000000000001000000000001", false, "2001:db8::1:0:0:1" },
	{ "20010db8000000010001000100010001", false, "2001:db8:0:1:1:1:1:1" },
	{ "20010db800000001000100010001ABCD", false, "2001:db8:0:1:1:1:1:abcd" },
	{ "fe800000000000000202b3fffe1e8329", false, "fe80::202:b3ff:fe1e:8329" },
	{ "00010002000300040005000600070008", false, "1:2:3:4:5:6:7:8" },
	{ "0a000000ff000000", false, "10.0.0.0/8" },
	{ "0a000000ff000000", true, "10.0.0.0/8" },
	{ "c0a80100ffffff00", true, "192.168.1.0/24" },
	{ "0000000000000000", true, "0.0.0.0/0" },
	{ "01020304ffffffff", true, "1.2.3.4/32" },
	{ "20010db8000000000000000000000000ffffffff000000000000000000000000", true, "2001:db8::/32" },
	{ "00000000000000000000000000000000ffffffffffffffffffffffffffffffff", true, "::/128" },
	{ "00000000000000000000000000000000" "00000000000000000000000000000000", true, "::/0" },
	{ "c0000201", true, NULL },
	{ "20010db8000000000000000000000001", true, NULL },
	{ "0a000001ff000000", true, NULL },
	{ "0a000000ff00ff00", true, NULL },
	{ "010203", false, NULL },
	{ "", false, NULL },
	{ "0102030405", false, NULL },
	{ "0102030405060708090a0b0c0d0e0f1011", false, NULL },
};

static void test_gn_ip_format(void)
{
	for (size_t i = 0; i < sizeof(ip_cases) / sizeof(ip_cases[0]); i++) {
		size_t len, n = 999;
		uint8_t *b = tu_unhex(ip_cases[i].hex, &len);
		char buf[XC_GN_IP_STR];
		xc_err e = xc_gn_ip_format(xc_slice_make(b, len), ip_cases[i].network,
		                           buf, sizeof(buf), &n);
		if (ip_cases[i].want) {
			CU_ASSERT_EQUAL(e, XC_OK);
			if (e == XC_OK) {
				if (strcmp(buf, ip_cases[i].want))
					fprintf(stderr, "\n%s: got %s want %s\n", ip_cases[i].hex,
					        buf, ip_cases[i].want);
				CU_ASSERT_STRING_EQUAL(buf, ip_cases[i].want);
				CU_ASSERT_EQUAL(n, strlen(ip_cases[i].want));
			}
		} else {
			CU_ASSERT_EQUAL(e, XC_ERR_EXT_VALUE);
		}
		free(b);
	}
}

static void test_gn_ip_format_buffer(void)
{
	size_t len, n;
	uint8_t *b = tu_unhex("20010db8000000000000000000000001", &len);
	char buf[XC_GN_IP_STR];

	/* "2001:db8::1" is 11 characters: 12 bytes fit, 11 do not. */
	CU_ASSERT_EQUAL(xc_gn_ip_format(xc_slice_make(b, len), false, buf, 12, &n), XC_OK);
	CU_ASSERT_EQUAL(n, 11);
	CU_ASSERT_EQUAL(xc_gn_ip_format(xc_slice_make(b, len), false, buf, 11, &n), XC_ERR_BUFFER);
	CU_ASSERT_EQUAL(xc_gn_ip_format(xc_slice_make(b, len), false, buf, 0, &n), XC_ERR_BUFFER);
	free(b);

	/* The longest text fits XC_GN_IP_STR. */
	b = tu_unhex("fffffffffffffffffffffffffffffffe"
	             "fffffffffffffffffffffffffffffffe", &len);
	CU_ASSERT_EQUAL(xc_gn_ip_format(xc_slice_make(b, len), true, buf, sizeof(buf), &n), XC_OK);
	CU_ASSERT_STRING_EQUAL(buf, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/127");
	free(b);
}

/* The reader's parent sees errors inside, with the inner offset. */
static void test_gn_error_offset(void)
{
	size_t len;
	uint8_t *b = tu_unhex("3012 8203612e62 a00b06032a0304a004 0c0268", &len);
	xc_der d, in;
	xc_gn g;

	xc_der_init(&d, b, len);
	CU_ASSERT_EQUAL(xc_der_enter(&d, XC_TAG_SEQUENCE, &in), XC_ERR_LEN_PAST_END);
	free(b);

	b = tu_unhex("3010 8203612e62 a00906032a0304a0020c03", &len);
	xc_der_init(&d, b, len);
	CU_ASSERT_EQUAL_FATAL(xc_der_enter(&d, XC_TAG_SEQUENCE, &in), XC_OK);
	CU_ASSERT_EQUAL(xc_gn_read(&in, &g), XC_OK);
	CU_ASSERT_EQUAL(xc_gn_read(&in, &g), XC_ERR_LEN_PAST_END);
	CU_ASSERT_EQUAL(d.err, XC_ERR_LEN_PAST_END);
	/* The DER reader places a bad length at its length octet. */
	CU_ASSERT_EQUAL(xc_der_error_offset(&d), 17);
	free(b);
}

int main(void)
{
	static const tu_test tests[] = {
		{ "gns_check", test_gns_check },
		{ "gn_read", test_gn_read },
		{ "gn_iter", test_gn_iter },
		{ "gn_type_name", test_gn_type_name },
		{ "gn_ip_format", test_gn_ip_format },
		{ "gn_ip_format_buffer", test_gn_ip_format_buffer },
		{ "gn_error_offset", test_gn_error_offset },
		{ NULL, NULL },
	};
	return tu_run("gn", tests);
}
