/*
 * test_name.c - X.501 names (core/src/name.c): structure checks, the
 * iterator, string decoding and RFC 4514 output.
 *
 * The expected strings and errors of the table were produced by pyca/
 * cryptography 38 (tests/name_oracle.py --name HEX, which parses the name
 * inside a certificate template), except where a comment says otherwise:
 *  - multi-valued RDNs: pyca keeps an RDN's attributes in a Python set, so
 *    its order depends on the hash seed; we expect DER order.
 *  - structural errors: pyca refuses the certificate at load (ValueError);
 *    we expect the DER error xc_name_check() reports.
 * pyca also refuses a SET OF whose elements are not in DER order
 * (InvalidSetOrdering, at load). xc_name_check() does not check ordering,
 * by design, so no row covers it.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xc/xc.h>

typedef struct name_case {
	const char *desc;
	const char *hex;        /* the Name's contents */
	xc_err err;             /* of xc_name_rfc4514() */
	const char *want;       /* its output when err is XC_OK */
} name_case;

static const name_case name_cases[] = {
	{ "empty name",
	  "",
	  XC_OK, "" },
	{ "one CN",
	  "3110300e06035504030c07476f6f64204341",
	  XC_OK, "CN=Good CA" },
	{ "reverse RDN order",
	  "310b3009060355040613025553310c300a060355040a0c034f7267310a300806035504030c0178",
	  XC_OK, "CN=x,O=Org,C=US" },
	{ "multi-valued RDN in DER order",
	  "3114300806035504030c01613008060355040a0c0162",
	  XC_OK, "CN=a+O=b" },
	{ "multi-valued RDN, then another RDN",
	  "310b30090603550406130255533114300806035504030c01613008060355040a0c0162",
	  XC_OK, "CN=a+O=b,C=US" },
	{ "duplicate attribute in RDN dropped",
	  "3114300806035504030c016130080603550403130161",
	  XC_OK, "CN=a" },
	{ "BMP duplicate of UTF8 dropped",
	  "3115300806035504030c0161300906035504031e020061",
	  XC_OK, "CN=a" },
	{ "same value other OID kept",
	  "3114300806035504030c01613008060355040a0c0161",
	  XC_OK, "CN=a+O=a" },
	{ "all short names",
	  "310a300806035504030c0176310a300806035504070c0176310a300806035504080c0176310a3008060355040a0c0176310a3008060355040b0c0176310a300806035504060c0176310a300806035504090c01763111300f060a0992268993f22c6401190c01763111300f060a0992268993f22c6401010c0176",
	  XC_OK, "UID=v,DC=v,STREET=v,C=v,OU=v,O=v,ST=v,L=v,CN=v" },
	{ "escape backslash",
	  "310c300a06035504030c03615c62",
	  XC_OK, "CN=a\\\\b" },
	{ "escape quote",
	  "310c300a06035504030c03612262",
	  XC_OK, "CN=a\\\"b" },
	{ "escape plus",
	  "310c300a06035504030c03612b62",
	  XC_OK, "CN=a\\+b" },
	{ "escape comma",
	  "310c300a06035504030c03612c62",
	  XC_OK, "CN=a\\,b" },
	{ "escape semicolon",
	  "310c300a06035504030c03613b62",
	  XC_OK, "CN=a\\;b" },
	{ "escape angles",
	  "310c300a06035504030c033c613e",
	  XC_OK, "CN=\\<a\\>" },
	{ "escape NUL",
	  "310d300b06035504030c0461006200",
	  XC_OK, "CN=a\\00b\\00" },
	{ "equals not escaped",
	  "310e300c06035504030c05613d622363",
	  XC_OK, "CN=a=b#c" },
	{ "leading hash",
	  "310b300906035504030c022361",
	  XC_OK, "CN=\\#a" },
	{ "lone hash",
	  "310a300806035504030c0123",
	  XC_OK, "CN=\\#" },
	{ "leading space",
	  "310b300906035504030c022061",
	  XC_OK, "CN=\\ a" },
	{ "trailing space",
	  "310b300906035504030c026120",
	  XC_OK, "CN=a\\ " },
	{ "leading and trailing spaces",
	  "310e300c06035504030c052020612020",
	  XC_OK, "CN=\\  a \\ " },
	{ "single space value",
	  "310a300806035504030c0120",
	  XC_OK, "CN=\\\\ " },
	{ "two spaces",
	  "310b300906035504030c022020",
	  XC_OK, "CN=\\ \\ " },
	{ "leading comma",
	  "310b300906035504030c022c61",
	  XC_OK, "CN=\\,a" },
	{ "empty value",
	  "3109300706035504030c00",
	  XC_OK, "CN=" },
	{ "empty value in RDN sequence",
	  "31093007060355040a13003109300706035504030c00",
	  XC_OK, "CN=,O=" },
	{ "UTF-8 multibyte",
	  "3112301006035504030c09c3a9e4b8adf09f9880",
	  XC_OK, "CN=\xc3""\xa9""\xe4""\xb8""\xad""\xf0""\x9f""\x98""\x80""" },
	{ "PrintableString",
	  "310e300c060355040313055072696e74",
	  XC_OK, "CN=Print" },
	{ "IA5String",
	  "310c300a06035504031603696135",
	  XC_OK, "CN=ia5" },
	{ "T61String as UTF-8",
	  "310c300a06035504031403743631",
	  XC_OK, "CN=t61" },
	{ "OCTET STRING as UTF-8",
	  "310c300a060355040304036f6374",
	  XC_OK, "CN=oct" },
	{ "UTCTime as UTF-8",
	  "310a30080603550403170178",
	  XC_OK, "CN=x" },
	{ "BMPString",
	  "310f300d06035504031e06004200e94e2d",
	  XC_OK, "CN=B\xc3""\xa9""\xe4""\xb8""\xad""" },
	{ "BMPString surrogate pair",
	  "310f300d06035504031e060061d83dde00",
	  XC_OK, "CN=a\xf0""\x9f""\x98""\x80""" },
	{ "BMPString lone high surrogate",
	  "310d300b06035504031e04d83d0041",
	  XC_ERR_STRING, NULL }, /* pyca: ERR UnicodeDecodeError */
	{ "BMPString lone low surrogate",
	  "310b300906035504031e02de00",
	  XC_ERR_STRING, NULL }, /* pyca: ERR UnicodeDecodeError */
	{ "BMPString high surrogate at end",
	  "310d300b06035504031e040041d83d",
	  XC_ERR_STRING, NULL }, /* pyca: ERR UnicodeDecodeError */
	{ "BMPString odd length",
	  "310c300a06035504031e03004100",
	  XC_ERR_STRING, NULL }, /* pyca: ERR UnicodeDecodeError */
	{ "BMPString NUL",
	  "310b300906035504031e020000",
	  XC_OK, "CN=\\00" },
	{ "UniversalString",
	  "3111300f06035504031c08000000550001f600",
	  XC_OK, "CN=U\xf0""\x9f""\x98""\x80""" },
	{ "UniversalString above U+10FFFF",
	  "310d300b06035504031c0400110000",
	  XC_ERR_STRING, NULL }, /* pyca: ERR UnicodeDecodeError */
	{ "UniversalString surrogate",
	  "310d300b06035504031c040000d800",
	  XC_ERR_STRING, NULL }, /* pyca: ERR UnicodeDecodeError */
	{ "UniversalString length 3",
	  "310c300a06035504031c03000041",
	  XC_ERR_STRING, NULL }, /* pyca: ERR UnicodeDecodeError */
	{ "BIT STRING x500UniqueIdentifier",
	  "310c300a060355042d030300ab0f",
	  XC_OK, "2.5.4.45=#00ab0f" },
	{ "BIT STRING with unused bits",
	  "310b3009060355042d030204f0",
	  XC_OK, "2.5.4.45=#04f0" },
	{ "empty BIT STRING",
	  "31093007060355042d0300",
	  XC_OK, "2.5.4.45=" },
	{ "BIT STRING on CN",
	  "310b300906035504030302000f",
	  XC_ERR_STRING, NULL }, /* pyca: ERR TypeError */
	{ "x500UniqueIdentifier as string",
	  "310a3008060355042d0c0175",
	  XC_OK, "2.5.4.45=u" },
	{ "unknown OID dotted",
	  "310a300806032a03040c0176",
	  XC_OK, "1.2.3.4=v" },
	{ "large arc OID dotted",
	  "3110300e06092a8648ce3d04018f7f0c0176",
	  XC_OK, "1.2.840.10045.4.1.2047=v" },
	{ "emailAddress dotted",
	  "3114301206092a864886f70d01090116056140622e63",
	  XC_OK, "1.2.840.113549.1.9.1=a@b.c" },
	{ "serialNumber dotted",
	  "310c300a06035504051303313233",
	  XC_OK, "2.5.4.5=123" },
	{ "invalid UTF-8 byte",
	  "310a300806035504030c01ff",
	  XC_ERR_STRING, NULL }, /* pyca: ERR ValueError */
	{ "invalid UTF-8 in PrintableString",
	  "310b3009060355040313026180",
	  XC_ERR_STRING, NULL }, /* pyca: ERR ValueError */
	{ "UTF-8 overlong",
	  "310b300906035504030c02c0af",
	  XC_ERR_STRING, NULL }, /* pyca: ERR ValueError */
	{ "UTF-8 overlong 3 bytes",
	  "310c300a06035504030c03e080af",
	  XC_ERR_STRING, NULL }, /* pyca: ERR ValueError */
	{ "UTF-8 surrogate",
	  "310c300a06035504030c03eda080",
	  XC_ERR_STRING, NULL }, /* pyca: ERR ValueError */
	{ "UTF-8 above U+10FFFF",
	  "310d300b06035504030c04f4908080",
	  XC_ERR_STRING, NULL }, /* pyca: ERR ValueError */
	{ "UTF-8 truncated sequence",
	  "310c300a06035504030c0361e4b8",
	  XC_ERR_STRING, NULL }, /* pyca: ERR ValueError */
	{ "UTF-8 max code point",
	  "310d300b06035504030c04f48fbfbf",
	  XC_OK, "CN=\xf4""\x8f""\xbf""\xbf""" },
	{ "VideotexString refused",
	  "310a30080603550403150176",
	  XC_ERR_STRING, NULL }, /* pyca: ERR KeyError */
	{ "GeneralString refused",
	  "310a300806035504031b0176",
	  XC_ERR_STRING, NULL }, /* pyca: ERR KeyError */
	{ "INTEGER value refused",
	  "310a30080603550403020101",
	  XC_ERR_STRING, NULL }, /* pyca: ERR KeyError */
	{ "SEQUENCE value refused",
	  "3109300706035504033000",
	  XC_ERR_STRING, NULL }, /* pyca: ERR KeyError */
	{ "context tag refused",
	  "310a30080603550403800176",
	  XC_ERR_STRING, NULL }, /* pyca: ERR KeyError */
	{ "high tag refused",
	  "310b300906035504031f1f0161",
	  XC_ERR_STRING, NULL }, /* pyca: ERR ValueError */
	{ "bad value after good RDN",
	  "310a300806035504030c01ff310b3009060355040a0c026f6b",
	  XC_ERR_STRING, NULL }, /* pyca: ERR ValueError */
	{ "empty SET",
	  "310a300806035504030c01613100",
	  XC_ERR_RDN_EMPTY, NULL }, /* pyca: ERR ValueError */
	{ "RDN not a SET",
	  "300a300806035504030c0161",
	  XC_ERR_TAG, NULL }, /* pyca: LOADERR ValueError */
	{ "ATAV not a SEQUENCE",
	  "310a310806035504030c0161",
	  XC_ERR_TAG, NULL }, /* pyca: LOADERR ValueError */
	{ "truncated ATAV (no value)",
	  "310730050603550403",
	  XC_ERR_TRUNCATED, NULL }, /* pyca: LOADERR ValueError */
	{ "truncated ATAV (empty)",
	  "31023000",
	  XC_ERR_TRUNCATED, NULL }, /* pyca: LOADERR ValueError */
	{ "ATAV type not an OID",
	  "310830060c01780c0161",
	  XC_ERR_TAG, NULL }, /* pyca: LOADERR ValueError */
	{ "ATAV bad OID",
	  "31093007060280010c0161",
	  XC_ERR_OID, NULL }, /* pyca: LOADERR ValueError */
	{ "ATAV empty OID",
	  "3107300506000c0161",
	  XC_ERR_OID, NULL }, /* pyca: LOADERR ValueError */
	{ "trailing junk in ATAV",
	  "310d300b06035504030c01610c0162",
	  XC_ERR_TRAILING, NULL }, /* pyca: LOADERR ValueError */
	{ "value length past end",
	  "310b300906035504030c056162",
	  XC_ERR_LEN_PAST_END, NULL }, /* pyca: LOADERR ValueError */
	{ "junk after last RDN",
	  "310a300806035504030c016131",
	  XC_ERR_TRUNCATED, NULL }, /* pyca: LOADERR ValueError */
	{ "indefinite length",
	  "3180300806035504030c01610000",
	  XC_ERR_LEN_INDEFINITE, NULL }, /* pyca: LOADERR ValueError */
};

/* tu_hex() allocates; compare and free. */
static bool hex_is(const uint8_t *p, size_t len, const char *want)
{
	char *h = tu_hex(p, len);
	bool eq = strcmp(h, want) == 0;
	if (!eq)
		fprintf(stderr, "\n%s != %s\n", h, want);
	free(h);
	return eq;
}

static bool structural(xc_err e)
{
	return e != XC_OK && e != XC_ERR_STRING;
}

static void test_rfc4514_table(void)
{
	char buf[1024];

	for (size_t i = 0; i < sizeof(name_cases) / sizeof(name_cases[0]); i++) {
		const name_case *c = &name_cases[i];
		size_t n, len = 12345, off = 0;
		uint8_t *der = tu_unhex(c->hex, &n);
		xc_slice name = xc_slice_make(der, n);

		/* Structure errors come from the check; string errors only
		 * from formatting. */
		xc_err ce = xc_name_check(name, NULL, &off);
		xc_err e = xc_name_rfc4514(name, buf, sizeof(buf), &len);
		if (ce != (structural(c->err) ? c->err : XC_OK) || e != c->err ||
		    (e == XC_OK && (strcmp(buf, c->want) != 0 || len != strlen(c->want))))
			fprintf(stderr, "\n%s: check %s, rfc4514 %s \"%s\", want %s \"%s\"\n",
			        c->desc, xc_errname(ce), xc_errname(e), e ? "" : buf,
			        xc_errname(c->err), c->want ? c->want : "");
		CU_ASSERT_EQUAL(ce, structural(c->err) ? c->err : XC_OK);
		CU_ASSERT_EQUAL(e, c->err);
		if (c->err == XC_OK) {
			CU_ASSERT_STRING_EQUAL(buf, c->want);
			CU_ASSERT_EQUAL(len, strlen(c->want));
		} else {
			CU_ASSERT_EQUAL(len, 0);
		}
		free(der);
	}
}

/* Every buffer too small says XC_ERR_BUFFER; the exact size works. */
static void test_rfc4514_buffer(void)
{
	static const char *const hexes[] = {
		/* CN=x,O=Org,C=US */
		"310b3009060355040613025553310c300a060355040a0c034f7267"
		"310a300806035504030c0178",
		/* 1.2.840.10045.4.1.2047=v: the dotted form is cut */
		"3110300e06092a8648ce3d04018f7f0c0176",
		/* CN=\\ */
		"310a30080603550403130120",
	};
	char buf[128];

	for (size_t h = 0; h < sizeof(hexes) / sizeof(hexes[0]); h++) {
		size_t n, full, len;
		uint8_t *der = tu_unhex(hexes[h], &n);
		xc_slice name = xc_slice_make(der, n);

		CU_ASSERT_EQUAL_FATAL(xc_name_rfc4514(name, buf, sizeof(buf), &full), XC_OK);
		for (size_t cap = 0; cap <= full; cap++) {
			len = 99;
			CU_ASSERT_EQUAL(xc_name_rfc4514(name, buf, cap, &len), XC_ERR_BUFFER);
			CU_ASSERT_EQUAL(len, 0);
			if (cap)
				CU_ASSERT(memchr(buf, '\0', cap) != NULL);
		}
		CU_ASSERT_EQUAL(xc_name_rfc4514(name, buf, full + 1, &len), XC_OK);
		CU_ASSERT_EQUAL(len, full);
		CU_ASSERT_EQUAL(xc_name_rfc4514(name, buf, full + 1, NULL), XC_OK);
		free(der);
	}
}

/* A bad value says XC_ERR_STRING even when the buffer is already full. */
static void test_rfc4514_string_beats_buffer(void)
{
	/* O=ok first in output, then CN with a bad byte */
	size_t n;
	char buf[4];
	uint8_t *der = tu_unhex("310a300806035504030c01ff310b3009060355040a0c026f6b", &n);

	CU_ASSERT_EQUAL(xc_name_rfc4514(xc_slice_make(der, n), buf, sizeof(buf), NULL),
	                XC_ERR_STRING);
	CU_ASSERT_EQUAL(xc_name_rfc4514(xc_slice_make(der, n), NULL, 0, NULL),
	                XC_ERR_STRING);
	free(der);
}

typedef struct check_case {
	const char *desc;
	const char *hex;
	xc_err err;
	size_t off;             /* from the start of hex, with base = start - 3 */
} check_case;

static const check_case check_cases[] = {
	{ "empty name", "", XC_OK, 0 },
	{ "valid", "310a300806035504030c0161", XC_OK, 12 },
	{ "empty SET at its tag", "310a300806035504030c01613100", XC_ERR_RDN_EMPTY, 12 },
	/* the first empty SET is reported, after the whole name is checked */
	{ "two empty SETs", "31003100310a300806035504030c0161", XC_ERR_RDN_EMPTY, 0 },
	{ "empty SET, then a bad RDN", "3100310730050603550403", XC_ERR_TRUNCATED, 11 },
	{ "RDN not a SET", "300a300806035504030c0161", XC_ERR_TAG, 0 },
	{ "trailing junk in ATAV", "310d300b06035504030c01610c0162", XC_ERR_TRAILING, 12 },
	{ "ATAV without value", "310730050603550403", XC_ERR_TRUNCATED, 9 },
	{ "bad OID", "31093007060280010c0161", XC_ERR_OID, 6 },
	{ "second RDN bad", "310a300806035504030c0161310730050603550403",
	  XC_ERR_TRUNCATED, 21 },
	{ "lone tag byte", "31", XC_ERR_TRUNCATED, 0 },
};

/* Offsets count from the caller's base, not from the name. */
static void test_check_offsets(void)
{
	for (size_t i = 0; i < sizeof(check_cases) / sizeof(check_cases[0]); i++) {
		const check_case *c = &check_cases[i];
		size_t n, off = 999;
		uint8_t *raw = tu_unhex(c->hex, &n);
		uint8_t *buf = malloc(n + 3);
		memcpy(buf + 3, raw, n);
		xc_err e = xc_name_check(xc_slice_make(buf + 3, n), buf, &off);
		if (e != c->err || off != c->off + 3)
			fprintf(stderr, "\n%s: %s at %zu, want %s at %zu\n", c->desc,
			        xc_errname(e), off, xc_errname(c->err), c->off + 3);
		CU_ASSERT_EQUAL(e, c->err);
		CU_ASSERT_EQUAL(off, c->off + 3);
		/* NULL base and off are allowed */
		CU_ASSERT_EQUAL(xc_name_check(xc_slice_make(buf + 3, n), NULL, NULL), c->err);
		free(raw);
		free(buf);
	}
}

static void test_iter(void)
{
	/* RDN 0: C=US; RDN 1: CN=a + O=b (BMPString); RDN 2: 2.5.4.45 BIT STRING */
	size_t n;
	uint8_t *der = tu_unhex(
		"310b3009060355040613025553"
		"3115300806035504030c01613009060355040a1e020062"
		"310b3009060355042d0302000f", &n);
	xc_slice name = xc_slice_make(der, n);
	static const struct {
		size_t rdn, idx;
		uint32_t tag;
		const char *oid, *value;
	} want[] = {
		{ 0, 0, XC_TAG_PRINTABLE_STRING, "550406", "5553" },
		{ 1, 0, XC_TAG_UTF8_STRING, "550403", "61" },
		{ 1, 1, XC_TAG_BMP_STRING, "55040a", "0062" },
		{ 2, 0, XC_TAG_BIT_STRING, "55042d", "000f" },
	};
	xc_name_iter it;
	xc_attr a;

	CU_ASSERT_EQUAL_FATAL(xc_name_check(name, NULL, NULL), XC_OK);
	CU_ASSERT_EQUAL(xc_name_rdn_count(name), 3);
	CU_ASSERT_EQUAL(xc_name_attr_count(name), 4);
	xc_name_iter_init(&it, name);
	for (size_t i = 0; i < 4; i++) {
		CU_ASSERT_EQUAL_FATAL(xc_name_next(&it, &a), XC_OK);
		CU_ASSERT_EQUAL(a.rdn, want[i].rdn);
		CU_ASSERT_EQUAL(a.index_in_rdn, want[i].idx);
		CU_ASSERT_EQUAL(a.tag, want[i].tag);
		CU_ASSERT(hex_is(a.oid.p, a.oid.len, want[i].oid));
		CU_ASSERT(hex_is(a.value.p, a.value.len, want[i].value));
		/* raw_value is the whole TLV and ends where value ends */
		CU_ASSERT_EQUAL(a.raw_value.p + a.raw_value.len, a.value.p + a.value.len);
		CU_ASSERT_EQUAL(a.raw_value.p[0], (uint8_t)want[i].tag);
	}
	CU_ASSERT_EQUAL(xc_name_next(&it, &a), XC_END);
	CU_ASSERT_EQUAL(xc_name_next(&it, &a), XC_END);
	free(der);

	/* empty name */
	xc_name_iter_init(&it, xc_slice_make(NULL, 0));
	CU_ASSERT_EQUAL(xc_name_next(&it, &a), XC_END);
	CU_ASSERT_EQUAL(xc_name_rdn_count(xc_slice_make(NULL, 0)), 0);
	CU_ASSERT_EQUAL(xc_name_attr_count(xc_slice_make(NULL, 0)), 0);
	char buf[4];
	size_t len = 7;
	CU_ASSERT_EQUAL(xc_name_rfc4514(xc_slice_make(NULL, 0), buf, sizeof(buf), &len), XC_OK);
	CU_ASSERT_STRING_EQUAL(buf, "");
	CU_ASSERT_EQUAL(len, 0);
}

/*
 * One RDN, CN=a (UTF8String) + CN=a (PrintableString) + CN=b: pyca's set
 * keeps CN=a once and both values of CN. The repeat is the second; the
 * one-line form agrees ("CN=a+CN=b").
 */
static void test_attr_repeats(void)
{
	size_t n;
	uint8_t *der = tu_unhex("311e" "300806035504030c0161" "300806035504030c0162"
	                        "30080603550403130161", &n);
	xc_slice name = xc_slice_make(der, n);
	bool want[] = { false, false, true };
	xc_name_iter it;
	xc_attr a;
	char buf[64];
	size_t i = 0;

	CU_ASSERT_EQUAL_FATAL(xc_name_check(name, NULL, NULL), XC_OK);
	xc_name_iter_init(&it, name);
	while (xc_name_next(&it, &a) == XC_OK && i < 3)
		CU_ASSERT_EQUAL(xc_name_attr_repeats(name, &a), want[i++]);
	CU_ASSERT_EQUAL(i, 3);
	CU_ASSERT_EQUAL(xc_name_rfc4514(name, buf, sizeof buf, NULL), XC_OK);
	CU_ASSERT_STRING_EQUAL(buf, "CN=a+CN=b");
	free(der);
}

/* An unchecked, broken name: the iterator reports errors, sticky. */
static void test_iter_errors(void)
{
	static const struct {
		const char *hex;
		size_t good;
		xc_err err;
	} cases[] = {
		{ "310a300806035504030c01613100", 1, XC_ERR_RDN_EMPTY },
		{ "310a300806035504030c01613000", 1, XC_ERR_TAG },
		{ "310d300b06035504030c01610c0162", 0, XC_ERR_TRAILING },
		{ "3107300506035504033100", 0, XC_ERR_TRUNCATED },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t n;
		uint8_t *der = tu_unhex(cases[i].hex, &n);
		xc_name_iter it;
		xc_attr a;

		xc_name_iter_init(&it, xc_slice_make(der, n));
		for (size_t k = 0; k < cases[i].good; k++)
			CU_ASSERT_EQUAL(xc_name_next(&it, &a), XC_OK);
		CU_ASSERT_EQUAL(xc_name_next(&it, &a), cases[i].err);
		CU_ASSERT_EQUAL(xc_name_next(&it, &a), cases[i].err);
		free(der);
	}
}

typedef struct str_case {
	const char *desc;
	uint32_t tag;
	const char *hex;        /* value contents */
	xc_err err;
	const char *want_hex;   /* UTF-8 output */
} str_case;

static const str_case str_cases[] = {
	{ "UTF8String", XC_TAG_UTF8_STRING, "41c3a9e4b8adf09f9880", XC_OK, "41c3a9e4b8adf09f9880" },
	{ "empty", XC_TAG_UTF8_STRING, "", XC_OK, "" },
	{ "NUL kept", XC_TAG_UTF8_STRING, "610062", XC_OK, "610062" },
	{ "PrintableString", XC_TAG_PRINTABLE_STRING, "4142", XC_OK, "4142" },
	/* the header: every other tag is taken as UTF-8 (rfc4514 is
	 * stricter, as pyca) */
	{ "VideotexString as UTF-8", XC_TAG_VIDEOTEX_STRING, "41", XC_OK, "41" },
	{ "T61String with Latin-1 byte", XC_TAG_T61_STRING, "e9", XC_ERR_STRING, NULL },
	{ "max code point", XC_TAG_UTF8_STRING, "f48fbfbf", XC_OK, "f48fbfbf" },
	{ "U+FFFF", XC_TAG_UTF8_STRING, "efbfbf", XC_OK, "efbfbf" },
	{ "last before surrogates", XC_TAG_UTF8_STRING, "ed9fbf", XC_OK, "ed9fbf" },
	{ "first after surrogates", XC_TAG_UTF8_STRING, "ee8080", XC_OK, "ee8080" },
	{ "overlong 2", XC_TAG_UTF8_STRING, "c180", XC_ERR_STRING, NULL },
	{ "overlong 3", XC_TAG_UTF8_STRING, "e09fbf", XC_ERR_STRING, NULL },
	{ "overlong 4", XC_TAG_UTF8_STRING, "f08fbfbf", XC_ERR_STRING, NULL },
	{ "surrogate D800", XC_TAG_UTF8_STRING, "eda080", XC_ERR_STRING, NULL },
	{ "surrogate DFFF", XC_TAG_UTF8_STRING, "edbfbf", XC_ERR_STRING, NULL },
	{ "above U+10FFFF", XC_TAG_UTF8_STRING, "f4908080", XC_ERR_STRING, NULL },
	{ "F5 lead", XC_TAG_UTF8_STRING, "f5808080", XC_ERR_STRING, NULL },
	{ "lone continuation", XC_TAG_UTF8_STRING, "80", XC_ERR_STRING, NULL },
	{ "bad continuation", XC_TAG_UTF8_STRING, "c341", XC_ERR_STRING, NULL },
	{ "truncated 4-byte", XC_TAG_UTF8_STRING, "f09f98", XC_ERR_STRING, NULL },
	{ "FF", XC_TAG_IA5_STRING, "ff", XC_ERR_STRING, NULL },
	{ "BMPString", XC_TAG_BMP_STRING, "004100e94e2d", XC_OK, "41c3a9e4b8ad" },
	{ "BMPString pair", XC_TAG_BMP_STRING, "d83dde00", XC_OK, "f09f9880" },
	{ "BMPString highest pair", XC_TAG_BMP_STRING, "dbffdfff", XC_OK, "f48fbfbf" },
	{ "BMPString BOM kept", XC_TAG_BMP_STRING, "feff0041", XC_OK, "efbbbf41" },
	{ "BMPString lone high", XC_TAG_BMP_STRING, "d83d", XC_ERR_STRING, NULL },
	{ "BMPString high+high", XC_TAG_BMP_STRING, "d83dd83d", XC_ERR_STRING, NULL },
	{ "BMPString low first", XC_TAG_BMP_STRING, "de00d83d", XC_ERR_STRING, NULL },
	{ "BMPString odd", XC_TAG_BMP_STRING, "00", XC_ERR_STRING, NULL },
	{ "UniversalString", XC_TAG_UNIVERSAL_STRING, "000000410001f600", XC_OK, "41f09f9880" },
	{ "UniversalString U+10FFFF", XC_TAG_UNIVERSAL_STRING, "0010ffff", XC_OK, "f48fbfbf" },
	{ "UniversalString too big", XC_TAG_UNIVERSAL_STRING, "ffffffff", XC_ERR_STRING, NULL },
	{ "UniversalString surrogate", XC_TAG_UNIVERSAL_STRING, "0000dfff", XC_ERR_STRING, NULL },
	{ "UniversalString short", XC_TAG_UNIVERSAL_STRING, "000041", XC_ERR_STRING, NULL },
	{ "BIT STRING is not a string", XC_TAG_BIT_STRING, "000f", XC_ERR_STRING, NULL },
};

static void test_string_to_utf8(void)
{
	char buf[64];

	for (size_t i = 0; i < sizeof(str_cases) / sizeof(str_cases[0]); i++) {
		const str_case *c = &str_cases[i];
		size_t n, len = 77;
		uint8_t *v = tu_unhex(c->hex, &n);
		xc_err e = xc_string_to_utf8(c->tag, xc_slice_make(v, n), buf, sizeof(buf), &len);
		if (e != c->err)
			fprintf(stderr, "\n%s: %s\n", c->desc, xc_errname(e));
		CU_ASSERT_EQUAL(e, c->err);
		if (c->err == XC_OK) {
			CU_ASSERT(hex_is((const uint8_t *)buf, len, c->want_hex));
			CU_ASSERT_EQUAL(buf[len], '\0');
			/* one byte short of the NUL fails */
			CU_ASSERT_EQUAL(xc_string_to_utf8(c->tag, xc_slice_make(v, n), buf,
			                                  len, NULL), XC_ERR_BUFFER);
		} else {
			/* a bad string is XC_ERR_STRING at any size */
			CU_ASSERT_EQUAL(xc_string_to_utf8(c->tag, xc_slice_make(v, n), buf, 0,
			                                  NULL), c->err);
		}
		free(v);
	}
}

static void test_attr_rfc4514(void)
{
	size_t n, len;
	char buf[64];
	xc_name_iter it;
	xc_attr a;
	/* CN=Good CA, then 2.5.4.45 BIT STRING, then CN BIT STRING */
	uint8_t *der = tu_unhex("3110300e06035504030c07476f6f64204341"
	                        "310b3009060355042d0302000f"
	                        "310b300906035504030302000f", &n);

	xc_name_iter_init(&it, xc_slice_make(der, n));
	CU_ASSERT_EQUAL_FATAL(xc_name_next(&it, &a), XC_OK);
	CU_ASSERT_EQUAL(xc_attr_rfc4514(&a, buf, sizeof(buf), &len), XC_OK);
	CU_ASSERT_STRING_EQUAL(buf, "CN=Good CA");
	CU_ASSERT_EQUAL(len, 10);
	CU_ASSERT_EQUAL(xc_attr_rfc4514(&a, buf, 10, &len), XC_ERR_BUFFER);
	CU_ASSERT_EQUAL(xc_attr_rfc4514(&a, buf, 11, NULL), XC_OK);
	CU_ASSERT_EQUAL_FATAL(xc_name_next(&it, &a), XC_OK);
	CU_ASSERT_EQUAL(xc_attr_rfc4514(&a, buf, sizeof(buf), &len), XC_OK);
	CU_ASSERT_STRING_EQUAL(buf, "2.5.4.45=#000f");
	CU_ASSERT_EQUAL_FATAL(xc_name_next(&it, &a), XC_OK);
	CU_ASSERT_EQUAL(xc_attr_rfc4514(&a, buf, sizeof(buf), &len), XC_ERR_STRING);
	free(der);
}

/* Many RDNs: the checkpointed backwards walk must visit every one. */
static void test_rfc4514_many_rdns(void)
{
	enum { N = 300 };
	static const uint8_t rdn[] = { 0x31, 0x0b, 0x30, 0x09, 0x06, 0x03, 0x55, 0x04,
	                               0x03, 0x0c, 0x02, 0x30, 0x30 };
	uint8_t *der = malloc(N * sizeof(rdn));
	char *buf = malloc(N * 8 + 1), *want = malloc(N * 8 + 1);
	size_t len, w = 0;

	for (size_t i = 0; i < N; i++) {
		memcpy(der + i * sizeof(rdn), rdn, sizeof(rdn));
		der[i * sizeof(rdn) + 11] = (uint8_t)('0' + i / 10 % 10);
		der[i * sizeof(rdn) + 12] = (uint8_t)('0' + i % 10);
	}
	for (size_t i = N; i-- > 0;)
		w += (size_t)sprintf(want + w, "%sCN=%c%c", i == N - 1 ? "" : ",",
		                     (char)('0' + i / 10 % 10), (char)('0' + i % 10));
	xc_slice name = xc_slice_make(der, N * sizeof(rdn));
	CU_ASSERT_EQUAL(xc_name_check(name, NULL, NULL), XC_OK);
	CU_ASSERT_EQUAL(xc_name_rdn_count(name), N);
	CU_ASSERT_EQUAL(xc_name_rfc4514(name, buf, N * 8 + 1, &len), XC_OK);
	CU_ASSERT_STRING_EQUAL(buf, want);
	CU_ASSERT_EQUAL(len, w);
	free(der);
	free(buf);
	free(want);
}

int main(void)
{
	static const tu_test tests[] = {
		{ "rfc4514 table (pyca 38)", test_rfc4514_table },
		{ "rfc4514 buffer too small", test_rfc4514_buffer },
		{ "rfc4514 string error beats buffer", test_rfc4514_string_beats_buffer },
		{ "rfc4514 many RDNs", test_rfc4514_many_rdns },
		{ "check offsets", test_check_offsets },
		{ "iterator and counts", test_iter },
		{ "iterator errors", test_iter_errors },
		{ "string to UTF-8", test_string_to_utf8 },
		{ "attribute rfc4514", test_attr_rfc4514 },
		{ "repeated attributes in an RDN", test_attr_repeats },
		{ NULL, NULL },
	};
	return tu_run("name", tests);
}
