/*
 * test_issuer_der.c - the issuer's DER writer (issuer/der.h), times
 * (when.h), names (dn.h) and number parsing (ext.h), checked against
 * X.690's rules and read back with the core's reader, the oracle here.
 */
#include <stdlib.h>
#include <string.h>

#include <xc/xc.h>

#include "testutil.h"

#include "der.h"
#include "dn.h"
#include "ext.h"
#include "when.h"

static uint8_t buf[1 << 18];

/* The writer's output as one TLV read back by the core: *tlv its parts. */
static bool read_back(const ci_der *w, xc_tlv *tlv)
{
	xc_der r;

	xc_der_init(&r, w->buf, w->len);
	return xc_der_read(&r, tlv) == XC_OK && !xc_der_more(&r);
}

static bool out_is(const ci_der *w, const char *hex)
{
	size_t n;
	uint8_t *want = tu_unhex(hex, &n);
	bool ok = ci_der_finish(w) == CI_DER_OK && w->len == n && !memcmp(w->buf, want, n);

	if (!ok)
		fprintf(stderr, "\n  got  %s\n  want %s\n", tu_hex_tmp(w->buf, w->len), hex);
	free(want);
	return ok;
}

/* X.690 8.1.3: short form to 127, then 0x81 nn, 0x82 nnnn, 0x83 ... */
static void test_lengths(void)
{
	static const struct {
		size_t n;
		const char *hdr;
	} rows[] = {
		{ 0, "0400" }, { 1, "0401" }, { 127, "047f" }, { 128, "048180" }, { 255, "0481ff" },
		{ 256, "04820100" }, { 65535, "0482ffff" }, { 65536, "0483010000" },
	};
	static uint8_t content[65536];

	for (size_t i = 0; i < sizeof(content); i++)
		content[i] = (uint8_t)(i * 7 + 1);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		size_t hn;
		uint8_t *hdr = tu_unhex(rows[i].hdr, &hn);
		ci_der w;
		xc_tlv t;

		/* primitive */
		ci_der_init(&w, buf, sizeof(buf));
		ci_der_tlv(&w, CI_TAG_OCTET_STRING, content, rows[i].n);
		CU_ASSERT_EQUAL(ci_der_finish(&w), CI_DER_OK);
		CU_ASSERT_EQUAL(w.len, hn + rows[i].n);
		CU_ASSERT(!memcmp(w.buf, hdr, hn));
		CU_ASSERT(read_back(&w, &t) && t.value.len == rows[i].n &&
			  !memcmp(t.value.p, content, rows[i].n));
		/* constructed: the contents move right when the length grows */
		hdr[0] = CI_TAG_SEQUENCE;
		ci_der_init(&w, buf, sizeof(buf));
		ci_der_begin(&w, CI_TAG_SEQUENCE);
		ci_der_raw(&w, content, rows[i].n);
		ci_der_end(&w);
		CU_ASSERT_EQUAL(ci_der_finish(&w), CI_DER_OK);
		CU_ASSERT_EQUAL(w.len, hn + rows[i].n);
		CU_ASSERT(!memcmp(w.buf, hdr, hn));
		CU_ASSERT(!memcmp(w.buf + hn, content, rows[i].n));
		/* nested: both lengths right after two moves */
		ci_der_init(&w, buf, sizeof(buf));
		ci_der_begin(&w, CI_TAG_SEQUENCE);
		ci_der_begin(&w, CI_TAG_SET);
		ci_der_raw(&w, content, rows[i].n);
		ci_der_end(&w);
		ci_der_end(&w);
		CU_ASSERT(read_back(&w, &t) && t.tag == XC_TAG_SEQUENCE);
		{
			xc_der r;
			xc_tlv in;

			xc_der_init(&r, t.value.p, t.value.len);
			CU_ASSERT(xc_der_read(&r, &in) == XC_OK && in.tag == XC_TAG_SET &&
				  in.value.len == rows[i].n && !memcmp(in.value.p, content, rows[i].n) &&
				  !xc_der_more(&r));
		}
		free(hdr);
	}
}

static void test_int(void)
{
	static const struct {
		int64_t v;
		const char *hex;
	} rows[] = {
		{ 0, "020100" }, { 1, "020101" }, { 0x7f, "02017f" }, { 0x80, "02020080" },
		{ 0xff, "020200ff" }, { 0x100, "02020100" }, { 0xff00, "020300ff00" },
		{ -1, "0201ff" }, { -128, "020180" }, { -129, "0202ff7f" }, { -256, "0202ff00" },
		{ INT64_MAX, "02087fffffffffffffff" }, { INT64_MIN, "02088000000000000000" },
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		ci_der w;
		xc_tlv t;
		int64_t back;

		ci_der_init(&w, buf, sizeof(buf));
		ci_der_int(&w, rows[i].v);
		CU_ASSERT(out_is(&w, rows[i].hex));
		/* the core reads the same number back, and finds it minimal */
		CU_ASSERT(read_back(&w, &t) && xc_der_check_int(t.value) == XC_OK &&
			  xc_der_int_to_i64(t.value, &back) == XC_OK && back == rows[i].v);
	}
	/* every power of two and its neighbours, both signs */
	for (int s = 0; s < 63; s++) {
		int64_t base = (int64_t)1 << s;

		for (int64_t d = -1; d <= 1; d++) {
			int64_t vs[2] = { base + d, -(base + d) };

			for (int k = 0; k < 2; k++) {
				ci_der w;
				xc_tlv t;
				int64_t back;

				ci_der_init(&w, buf, sizeof(buf));
				ci_der_int(&w, vs[k]);
				CU_ASSERT_FATAL(read_back(&w, &t));
				CU_ASSERT(xc_der_check_int(t.value) == XC_OK);
				CU_ASSERT(xc_der_int_to_i64(t.value, &back) == XC_OK && back == vs[k]);
			}
		}
	}
}

static void test_uint(void)
{
	static const struct {
		const char *mag, *hex;
	} rows[] = {
		{ "", "020100" }, { "00", "020100" }, { "0000", "020100" }, { "000001", "020101" },
		{ "7f", "02017f" }, { "80", "02020080" }, { "ff00", "020300ff00" },
		{ "0080", "02020080" },
		{ "ffffffffffffffffffffffffffffffffffffffff",
		  "021500ffffffffffffffffffffffffffffffffffffffff" },
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		size_t n;
		uint8_t *mag = tu_unhex(rows[i].mag, &n);
		ci_der w;

		ci_der_init(&w, buf, sizeof(buf));
		ci_der_uint(&w, mag, n);
		CU_ASSERT(out_is(&w, rows[i].hex));
		free(mag);
	}
}

static void test_oid(void)
{
	static const struct {
		const char *dotted, *hex;
	} rows[] = {
		{ "2.999", "06028837" },
		{ "1.2.840.113549", "06062a864886f70d" },
		{ "2.5.29.17", "0603551d11" },
		{ "0.0", "060100" },
		{ "1.39", "06014f" },
		{ "2.40", "060178" },
		{ "1.2.4294967295", "06062a8fffffff7f" },
		{ "1.2.4294967296", "06062a9080808000" },
		{ "1.2.18446744073709551615", "060b2a81ffffffffffffffff7f" },
		{ "2.18446744073709551535", "060a81ffffffffffffffff7f" },
	};
	static const char *const bad[] = {
		"", "1", "1.", ".1", "3.1", "1.40", "0.40", "1.2.03", "01.2", "1..2", "1.2a", "a.b",
		"1.2.", "1.2 ", "-1.2", "1.2.18446744073709551616", "2.18446744073709551536",
		"1.2.99999999999999999999999",
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		ci_der w;
		xc_tlv t;
		char dotted[XC_OID_DOTTED_MAX];

		ci_der_init(&w, buf, sizeof(buf));
		ci_der_oid(&w, rows[i].dotted);
		CU_ASSERT(out_is(&w, rows[i].hex));
		CU_ASSERT(ci_der_oid_valid(rows[i].dotted));
		/* the core prints the same dotted form back */
		CU_ASSERT(read_back(&w, &t) && xc_der_check_oid(t.value) == XC_OK &&
			  xc_oid_to_dotted(t.value, dotted, sizeof(dotted), NULL) == XC_OK &&
			  !strcmp(dotted, rows[i].dotted));
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ci_der w;

		ci_der_init(&w, buf, sizeof(buf));
		ci_der_oid(&w, bad[i]);
		CU_ASSERT_EQUAL(ci_der_finish(&w), CI_DER_OID);
		CU_ASSERT_EQUAL(w.len, 0);
		CU_ASSERT(!ci_der_oid_valid(bad[i]));
	}
}

/* A string of `tag` from s: written as `hex` (NULL: refused with
 * CI_DER_CHARSET); what is written decodes with the core back to s. */
static void string_row(uint8_t tag, const char *s, size_t n, const char *hex)
{
	ci_der w;
	xc_tlv t;
	char back[256];
	size_t bn;

	ci_der_init(&w, buf, sizeof(buf));
	ci_der_string(&w, tag, s, n);
	if (!hex) {
		CU_ASSERT_EQUAL(ci_der_finish(&w), CI_DER_CHARSET);
		return;
	}
	CU_ASSERT(out_is(&w, hex));
	CU_ASSERT_FATAL(read_back(&w, &t));
	if (tag == CI_TAG_T61 && n && (s[0] & 0x80))
		return;         /* T61 bytes are not UTF-8: the core refuses to decode them */
	CU_ASSERT(xc_string_to_utf8(t.tag, t.value, back, sizeof(back), &bn) == XC_OK &&
		  bn == n && !memcmp(back, s, n));
}

#define ROW(tag, lit, hex) string_row(tag, lit, sizeof(lit) - 1, hex)

static void test_strings(void)
{
	ROW(CI_TAG_PRINTABLE, "Ab9 '()+,-./:=?", "130f416239202728292b2c2d2e2f3a3d3f");
	ROW(CI_TAG_PRINTABLE, "", "1300");
	ROW(CI_TAG_PRINTABLE, "a*b", NULL);
	ROW(CI_TAG_PRINTABLE, "a@b", NULL);
	ROW(CI_TAG_PRINTABLE, "a_b", NULL);
	ROW(CI_TAG_PRINTABLE, "a&b", NULL);
	ROW(CI_TAG_PRINTABLE, "\xc3\xa9", NULL);
	ROW(CI_TAG_IA5, "a@b.c~", "1606614062 2e637e");
	ROW(CI_TAG_IA5, "caf\xc3\xa9", NULL);
	ROW(CI_TAG_NUMERIC, "0123 9", "1206303132332039");
	ROW(CI_TAG_NUMERIC, "12a", NULL);
	ROW(CI_TAG_NUMERIC, "1-2", NULL);
	ROW(CI_TAG_VISIBLE, " ~", "1a02207e");
	ROW(CI_TAG_VISIBLE, "a\nb", NULL);
	ROW(CI_TAG_VISIBLE, "a\x7f", NULL);
	ROW(CI_TAG_UTF8, "caf\xc3\xa9", "0c05636166c3a9");
	ROW(CI_TAG_UTF8, "\xf0\x9f\x98\x80", "0c04f09f9880");
	ROW(CI_TAG_UTF8, "\xc3\x28", NULL);             /* bad continuation */
	ROW(CI_TAG_UTF8, "\xc0\x80", NULL);             /* overlong NUL */
	ROW(CI_TAG_UTF8, "\xe0\x80\xaf", NULL);         /* overlong '/' */
	ROW(CI_TAG_UTF8, "\xed\xa0\x80", NULL);         /* a surrogate */
	ROW(CI_TAG_UTF8, "\xf4\x90\x80\x80", NULL);     /* past U+10FFFF */
	ROW(CI_TAG_UTF8, "\xc3", NULL);                 /* truncated */
	ROW(CI_TAG_UTF8, "\xff", NULL);
	ROW(CI_TAG_BMP, "a\xc3\xa9", "1e04006100e9");
	ROW(CI_TAG_BMP, "\xef\xbf\xbd", "1e02fffd");
	ROW(CI_TAG_BMP, "\xf0\x9f\x98\x80", NULL);      /* beyond the BMP */
	ROW(CI_TAG_BMP, "\xc3", NULL);
	ROW(CI_TAG_UNIVERSAL, "a\xf0\x9f\x98\x80", "1c08000000610001f600");
	ROW(CI_TAG_UNIVERSAL, "\xed\xa0\x80", NULL);
	ROW(CI_TAG_T61, "abc", "1403616263");
	ROW(CI_TAG_T61, "\xe9", "1401e9");
	{
		ci_der w;

		ci_der_init(&w, buf, sizeof(buf));
		ci_der_string(&w, CI_TAG_INTEGER, "1", 1);
		CU_ASSERT_EQUAL(ci_der_finish(&w), CI_DER_ARG);
	}
}

/* Key usage's named bits: each flag alone, combinations, decipherOnly
 * in the second byte; the core's KeyUsage decoder reads the same bits. */
static void test_named_bits(void)
{
	static const struct {
		uint32_t bits;
		const char *hex;
	} rows[] = {
		{ 0, "030100" },
		{ XC_KU_DIGITAL_SIGNATURE, "03020780" },
		{ XC_KU_CONTENT_COMMITMENT, "03020640" },
		{ XC_KU_KEY_ENCIPHERMENT, "03020520" },
		{ XC_KU_DATA_ENCIPHERMENT, "03020410" },
		{ XC_KU_KEY_AGREEMENT, "03020308" },
		{ XC_KU_KEY_CERT_SIGN, "03020204" },
		{ XC_KU_CRL_SIGN, "03020102" },
		{ XC_KU_KEY_AGREEMENT | XC_KU_ENCIPHER_ONLY, "03020009" },
		{ XC_KU_KEY_AGREEMENT | XC_KU_DECIPHER_ONLY, "0303070880" },
		{ XC_KU_DIGITAL_SIGNATURE | XC_KU_KEY_CERT_SIGN | XC_KU_CRL_SIGN, "03020186" },
		{ XC_KU_DIGITAL_SIGNATURE | XC_KU_KEY_ENCIPHERMENT, "030205a0" },
		{ 0x1ff, "030307ff80" },
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		ci_der w;
		xc_ku ku;
		xc_slice v;

		ci_der_init(&w, buf, sizeof(buf));
		ci_der_named_bits(&w, rows[i].bits);
		CU_ASSERT(out_is(&w, rows[i].hex));
		v = xc_slice_make(w.buf, w.len);
		if (rows[i].bits) {
			CU_ASSERT(xc_ku_decode(&ku, v, NULL, NULL) == XC_OK && ku.bits == rows[i].bits);
		}
	}
	{
		static const uint8_t one = 0x01, pad = 0x80;
		ci_der w;

		ci_der_init(&w, buf, sizeof(buf));
		ci_der_bits(&w, &one, 1, 8);
		CU_ASSERT_EQUAL(ci_der_finish(&w), CI_DER_ARG);
		ci_der_init(&w, buf, sizeof(buf));
		ci_der_bits(&w, &one, 1, 1);    /* a set padding bit is not DER */
		CU_ASSERT_EQUAL(ci_der_finish(&w), CI_DER_ARG);
		ci_der_init(&w, buf, sizeof(buf));
		ci_der_bits(&w, &pad, 1, 7);
		CU_ASSERT(out_is(&w, "03020780"));
		ci_der_init(&w, buf, sizeof(buf));
		ci_der_named_bits_tag(&w, CI_TAG_CTX(3), 1u << 1);
		CU_ASSERT(out_is(&w, "83020640"));
	}
}

/* Time `text` (when.h form): written as `hex`; the core decodes the
 * same second back. */
static void time_row(const char *text, bool gen, const char *hex)
{
	int64_t t;
	ci_msg m;
	ci_der w;
	xc_tlv tlv;
	xc_time back;

	CU_ASSERT_FATAL(ci_when_parse(text, 0, &t, &m) == 0);
	ci_der_init(&w, buf, sizeof(buf));
	if (gen)
		ci_der_gentime(&w, t);
	else
		ci_der_time(&w, t);
	CU_ASSERT(out_is(&w, hex));
	CU_ASSERT(read_back(&w, &tlv) && xc_time_decode(tlv.tag, tlv.value, &back) == XC_OK &&
		  back.epoch == t);
}

static void test_times(void)
{
	/* "491231235959Z" etc. as hex: 17 0d, then ASCII */
	time_row("1950-01-01T00:00:00Z", false, "170d3530303130313030303030305a");
	time_row("1949-12-31T23:59:59Z", false, "180f31393439313233313233353935395a");
	time_row("2049-12-31T23:59:59Z", false, "170d3439313233313233353935395a");
	time_row("2050-01-01T00:00:00Z", false, "180f32303530303130313030303030305a");
	time_row("9999-12-31T23:59:59Z", false, "180f39393939313233313233353935395a");
	time_row("0001-01-01T00:00:00Z", false, "180f30303031303130313030303030305a");
	time_row("2026-12-07T10:00:00Z", true, "180f32303236313230373130303030305a");
	time_row("2024-02-29T12:34:56Z", false, "170d3234303232393132333435365a");
	{
		ci_der w;

		ci_der_init(&w, buf, sizeof(buf));
		ci_der_time(&w, 253402300800LL);        /* 10000-01-01 */
		CU_ASSERT_EQUAL(ci_der_finish(&w), CI_DER_TIME);
		ci_der_init(&w, buf, sizeof(buf));
		ci_der_time(&w, -62135596801LL);        /* year 0 */
		CU_ASSERT_EQUAL(ci_der_finish(&w), CI_DER_TIME);
	}
}

static void test_when(void)
{
	static const struct {
		const char *text;
		int64_t want;   /* relative to now = 1000000000 */
	} rel[] = {
		{ "now", 0 }, { "+30d", 30 * 86400 }, { "-1h", -3600 }, { "+90m", 5400 },
		{ "+3600s", 3600 }, { "+2w", 14 * 86400 }, { "+1y", 365 * 86400 }, { "-0s", 0 },
	};
	static const char *const bad[] = {
		"", "+30", "30d", "+d", "+30x", "+-3d", "+3d ", "2026-13-01T00:00:00Z",
		"2026-02-29T00:00:00Z", "2026-12-07 10:00:00Z", "2026-12-07T10:00:00", "2026-12-07",
		"2026-12-07T24:00:00Z", "2026-12-07T10:60:00Z", "2026-12-07T10:00:60Z",
		"0000-01-01T00:00:00Z", "2026-04-31T00:00:00Z", "+99999999999999999999d", "+4000000d",
		"2026-12-07T10:00:00z", "NOW",
	};
	const int64_t now = 1000000000;
	char s[32];
	int64_t t;
	ci_msg m;

	for (size_t i = 0; i < sizeof(rel) / sizeof(rel[0]); i++) {
		CU_ASSERT(ci_when_parse(rel[i].text, now, &t, &m) == 0 && t == now + rel[i].want);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		m.text[0] = 0;
		CU_ASSERT_EQUAL(ci_when_parse(bad[i], now, &t, &m), -1);
		CU_ASSERT(m.text[0] != 0);
	}
	CU_ASSERT(ci_when_parse("2024-02-29T23:59:59Z", 0, &t, &m) == 0 &&
		  t == xc_time_to_epoch(2024, 2, 29, 23, 59, 59));
	ci_when_format(t, s, sizeof(s));
	CU_ASSERT_STRING_EQUAL(s, "2024-02-29T23:59:59Z");
	ci_when_format(-1, s, sizeof(s));
	CU_ASSERT_STRING_EQUAL(s, "1969-12-31T23:59:59Z");
	/* days_from_civil against the core's epoch at many dates */
	for (int64_t y = 1; y <= 9999; y += 37)
		for (unsigned mo = 1; mo <= 12; mo += 5)
			CU_ASSERT(ci_days_from_civil(y, mo, 28) * 86400 ==
				  xc_time_to_epoch((unsigned)y, mo, 28, 0, 0, 0));
}

static void test_errors(void)
{
	uint8_t small[4];
	ci_der w;

	ci_der_init(&w, small, sizeof(small));
	ci_der_tlv(&w, CI_TAG_OCTET_STRING, "abc", 3);
	CU_ASSERT_EQUAL(ci_der_finish(&w), CI_DER_NOSPACE);
	ci_der_int(&w, 1);              /* sticky: no-op */
	CU_ASSERT_EQUAL(ci_der_finish(&w), CI_DER_NOSPACE);
	/* a length that grows past the buffer at end */
	ci_der_init(&w, buf, 130);
	ci_der_begin(&w, CI_TAG_SEQUENCE);
	ci_der_raw(&w, buf + 1000, 128);
	ci_der_end(&w);
	CU_ASSERT_EQUAL(ci_der_finish(&w), CI_DER_NOSPACE);
	ci_der_init(&w, buf, sizeof(buf));
	for (int i = 0; i < CI_DER_DEPTH; i++)
		ci_der_begin(&w, CI_TAG_SEQUENCE);
	CU_ASSERT_EQUAL(ci_der_finish(&w), CI_DER_UNBALANCED);
	ci_der_begin(&w, CI_TAG_SEQUENCE);
	CU_ASSERT_EQUAL(ci_der_finish(&w), CI_DER_TOO_DEEP);
	ci_der_init(&w, buf, sizeof(buf));
	ci_der_end(&w);
	CU_ASSERT_EQUAL(ci_der_finish(&w), CI_DER_UNBALANCED);
	ci_der_init(&w, buf, sizeof(buf));
	ci_der_null(&w);
	ci_der_bool(&w, true);
	ci_der_bool(&w, false);
	CU_ASSERT(out_is(&w, "05000101ff010100"));
	for (int e = CI_DER_OK; e <= CI_DER_ARG; e++)
		CU_ASSERT(strcmp(ci_der_err_name((ci_der_err)e), "unknown error"));
}

static void dn_row(const char *text, const char *hex)
{
	ci_der w;
	ci_msg m;
	int rc;

	m.text[0] = 0;
	ci_der_init(&w, buf, sizeof(buf));
	rc = ci_dn_write(&w, text, &m);
	if (!hex) {
		CU_ASSERT_EQUAL(rc, -1);
		CU_ASSERT(m.text[0] != 0);
		return;
	}
	CU_ASSERT_EQUAL(rc, 0);
	CU_ASSERT(out_is(&w, hex));
	CU_ASSERT(xc_name_check(xc_slice_make(w.buf + 2, w.len - 2), NULL, NULL) == XC_OK);
}

/* The pyca differential (enc_diff.py) covers names at large; these are the
 * refusals and the SET order. */
static void test_dn(void)
{
	dn_row("", "3000");
	dn_row("CN=a", "300c310a300806035504030c0161");
	/* O=b+CN=a: 2.5.4.3 sorts before 2.5.4.10 */
	dn_row("O=b+CN=a", "30163114300806035504030c01613008060355040a0c0162");
	dn_row("C=USA", NULL);
	dn_row("C=U", NULL);
	dn_row("XX=1", NULL);
	dn_row("CN", NULL);
	dn_row("CN=a\\", NULL);
	dn_row("CN=\"x\"", NULL);
	dn_row("CN=a;b", NULL);
	dn_row("CN/bogus=x", NULL);
	dn_row("CN/printable=a*b", NULL);
	dn_row("CN=a+CN=a", NULL);
	dn_row("1.40=x", NULL);
	dn_row("1.2.3=#zz", NULL);
	dn_row("1.2.3=#3000", NULL);      /* constructed */
	dn_row("CN=\\zz", NULL);
	dn_row("emailAddress=caf\xc3\xa9", NULL);   /* IA5String */
}

static void test_serial(void)
{
	static const struct {
		const char *text, *hex;         /* hex NULL: refused */
	} rows[] = {
		{ "1", "01" }, { "255", "ff" }, { "256", "0100" }, { "0x01", "01" }, { "0X0abc", "0abc" },
		{ "01:02:ab", "0102ab" }, { "0x00ff", "ff" },
		{ "730750818665451459101842416358141509827966271487",
		  "7fffffffffffffffffffffffffffffffffffffff" },
		{ "0x7fffffffffffffffffffffffffffffffffffffff",
		  "7fffffffffffffffffffffffffffffffffffffff" },
		{ "730750818665451459101842416358141509827966271488", NULL },   /* 2^159 */
		{ "0x8000000000000000000000000000000000000000", NULL },
		{ "0x010000000000000000000000000000000000000000", NULL },
		{ "0", NULL }, { "0x0", NULL }, { "-1", NULL }, { "0x", NULL }, { "", NULL },
		{ "abc", NULL }, { "1.5", NULL }, { "0xg1", NULL }, { " 1", NULL },
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		uint8_t out[20];
		size_t n = 99;
		ci_msg m;
		int rc = ci_serial_parse(rows[i].text, out, &n, &m);

		if (!rows[i].hex) {
			CU_ASSERT_EQUAL(rc, -1);
			continue;
		}
		CU_ASSERT_EQUAL_FATAL(rc, 0);
		CU_ASSERT_STRING_EQUAL(tu_hex_tmp(out, n), rows[i].hex);
	}
}

int main(void)
{
	static const tu_test tests[] = {
		{ "lengths", test_lengths },
		{ "int", test_int },
		{ "uint", test_uint },
		{ "oid", test_oid },
		{ "strings", test_strings },
		{ "named_bits", test_named_bits },
		{ "times", test_times },
		{ "when", test_when },
		{ "errors", test_errors },
		{ "dn", test_dn },
		{ "serial", test_serial },
		{ NULL, NULL },
	};

	return tu_run("issuer_der", tests);
}
