/* Tests of xc/time.h: strict UTCTime / GeneralizedTime decoding (RFC 5280
 * 4.1.2.5), epoch seconds (checked against Python's calendar.timegm when
 * the table was written) and formatting. Accept/reject choices follow
 * pyca/cryptography 38 (rust-asn1), checked by loading crafted
 * certificates. */
#include <xc/time.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#define U XC_TAG_UTC_TIME
#define G XC_TAG_GENERALIZED_TIME

static const struct time_case {
	uint32_t tag;
	const char *s;
	xc_err err;
	int64_t epoch;          /* calendar.timegm(...) */
	const char *iso;        /* xc_time_format() */
} time_cases[] = {
	{ XC_TAG_UTC_TIME, "261123103838Z", XC_OK, INT64_C(1795430318), "2026-11-23T10:38:38Z" },
	{ XC_TAG_UTC_TIME, "000229000000Z", XC_OK, INT64_C(951782400), "2000-02-29T00:00:00Z" },
	{ XC_TAG_UTC_TIME, "491231235959Z", XC_OK, INT64_C(2524607999), "2049-12-31T23:59:59Z" },
	{ XC_TAG_UTC_TIME, "500101000000Z", XC_OK, INT64_C(-631152000), "1950-01-01T00:00:00Z" },
	{ XC_TAG_UTC_TIME, "700101000000Z", XC_OK, INT64_C(0), "1970-01-01T00:00:00Z" },
	{ XC_TAG_UTC_TIME, "691231235959Z", XC_OK, INT64_C(-1), "1969-12-31T23:59:59Z" },
	{ XC_TAG_UTC_TIME, "991231235959Z", XC_OK, INT64_C(946684799), "1999-12-31T23:59:59Z" },
	{ XC_TAG_UTC_TIME, "240229120000Z", XC_OK, INT64_C(1709208000), "2024-02-29T12:00:00Z" },
	{ XC_TAG_UTC_TIME, "380119031407Z", XC_OK, INT64_C(2147483647), "2038-01-19T03:14:07Z" },
	{ XC_TAG_UTC_TIME, "380119031408Z", XC_OK, INT64_C(2147483648), "2038-01-19T03:14:08Z" },
	{ XC_TAG_UTC_TIME, "000101000000Z", XC_OK, INT64_C(946684800), "2000-01-01T00:00:00Z" },
	{ XC_TAG_GENERALIZED_TIME, "20000229000000Z", XC_OK, INT64_C(951782400), "2000-02-29T00:00:00Z" },
	{ XC_TAG_GENERALIZED_TIME, "20240229000000Z", XC_OK, INT64_C(1709164800), "2024-02-29T00:00:00Z" },
	{ XC_TAG_GENERALIZED_TIME, "20261123103838Z", XC_OK, INT64_C(1795430318), "2026-11-23T10:38:38Z" },
	{ XC_TAG_GENERALIZED_TIME, "20240430235959Z", XC_OK, INT64_C(1714521599), "2024-04-30T23:59:59Z" },
	{ XC_TAG_GENERALIZED_TIME, "00010101000000Z", XC_OK, INT64_C(-62135596800), "0001-01-01T00:00:00Z" },
	{ XC_TAG_GENERALIZED_TIME, "99991231235959Z", XC_OK, INT64_C(253402300799), "9999-12-31T23:59:59Z" },
	{ XC_TAG_GENERALIZED_TIME, "19700101000000Z", XC_OK, INT64_C(0), "1970-01-01T00:00:00Z" },
	{ XC_TAG_GENERALIZED_TIME, "19691231235959Z", XC_OK, INT64_C(-1), "1969-12-31T23:59:59Z" },
	{ XC_TAG_GENERALIZED_TIME, "16000229000000Z", XC_OK, INT64_C(-11670998400), "1600-02-29T00:00:00Z" },
	{ XC_TAG_GENERALIZED_TIME, "21060207062816Z", XC_OK, INT64_C(4294967296), "2106-02-07T06:28:16Z" },
	{ XC_TAG_GENERALIZED_TIME, "19500101000000Z", XC_OK, INT64_C(-631152000), "1950-01-01T00:00:00Z" },
	{ XC_TAG_GENERALIZED_TIME, "20491231235959Z", XC_OK, INT64_C(2524607999), "2049-12-31T23:59:59Z" },
	{ XC_TAG_GENERALIZED_TIME, "20500101000000Z", XC_OK, INT64_C(2524608000), "2050-01-01T00:00:00Z" },
	{ XC_TAG_GENERALIZED_TIME, "18991231000000Z", XC_OK, INT64_C(-2209075200), "1899-12-31T00:00:00Z" },
	{ XC_TAG_GENERALIZED_TIME, "04000229000000Z", XC_OK, INT64_C(-49539340800), "0400-02-29T00:00:00Z" },
	/* Form (XC_ERR_TIME): exact lengths, digits, a final Z. */
	{ U, "", XC_ERR_TIME, 0, NULL },
	{ U, "2611231038Z", XC_ERR_TIME, 0, NULL },             /* no seconds */
	{ U, "26112310383Z", XC_ERR_TIME, 0, NULL },
	{ U, "2611231038380Z", XC_ERR_TIME, 0, NULL },
	{ U, "261123103838", XC_ERR_TIME, 0, NULL },            /* missing Z */
	{ U, "261123103838z", XC_ERR_TIME, 0, NULL },
	{ U, "261123103838+0000", XC_ERR_TIME, 0, NULL },
	{ U, "2611231038+0000", XC_ERR_TIME, 0, NULL },
	{ U, "2611231038.5Z", XC_ERR_TIME, 0, NULL },
	{ U, "26112310383aZ", XC_ERR_TIME, 0, NULL },
	{ U, "-61123103838Z", XC_ERR_TIME, 0, NULL },
	{ U, "+61123103838Z", XC_ERR_TIME, 0, NULL },
	{ U, " 61123103838Z", XC_ERR_TIME, 0, NULL },
	{ U, "2611 3103838Z", XC_ERR_TIME, 0, NULL },
	{ U, "20261123103838Z", XC_ERR_TIME, 0, NULL },         /* GT form as UTC */
	{ G, "261123103838Z", XC_ERR_TIME, 0, NULL },           /* UTC form as GT */
	{ G, "", XC_ERR_TIME, 0, NULL },
	{ G, "202611231038Z", XC_ERR_TIME, 0, NULL },
	{ G, "2026112310383Z", XC_ERR_TIME, 0, NULL },
	{ G, "20261123103838", XC_ERR_TIME, 0, NULL },
	{ G, "20261123103838.5Z", XC_ERR_TIME, 0, NULL },       /* fraction */
	{ G, "20261123103838.0Z", XC_ERR_TIME, 0, NULL },
	{ G, "20261123103838+0000", XC_ERR_TIME, 0, NULL },     /* offset */
	{ G, "20261123103838-0100", XC_ERR_TIME, 0, NULL },
	{ G, "2026112310383Z0", XC_ERR_TIME, 0, NULL },
	{ G, "2O261123103838Z", XC_ERR_TIME, 0, NULL },         /* letter O */
	{ G, "202611231038388", XC_ERR_TIME, 0, NULL },
	/* Values (XC_ERR_TIME_RANGE): a real date and time only. */
	{ U, "261323103838Z", XC_ERR_TIME_RANGE, 0, NULL },     /* month 13 */
	{ U, "260023103838Z", XC_ERR_TIME_RANGE, 0, NULL },     /* month 0 */
	{ U, "261100103838Z", XC_ERR_TIME_RANGE, 0, NULL },     /* day 0 */
	{ U, "000230000000Z", XC_ERR_TIME_RANGE, 0, NULL },
	{ U, "230229000000Z", XC_ERR_TIME_RANGE, 0, NULL },
	{ U, "261123240000Z", XC_ERR_TIME_RANGE, 0, NULL },     /* 24:00:00 */
	{ U, "261123236000Z", XC_ERR_TIME_RANGE, 0, NULL },
	{ U, "261123235960Z", XC_ERR_TIME_RANGE, 0, NULL },     /* leap second: pyca refuses */
	{ U, "261123999999Z", XC_ERR_TIME_RANGE, 0, NULL },
	{ G, "19000229000000Z", XC_ERR_TIME_RANGE, 0, NULL },   /* 1900 not leap */
	{ G, "20230229000000Z", XC_ERR_TIME_RANGE, 0, NULL },
	{ G, "21000229000000Z", XC_ERR_TIME_RANGE, 0, NULL },
	{ G, "20240230000000Z", XC_ERR_TIME_RANGE, 0, NULL },
	{ G, "20240431000000Z", XC_ERR_TIME_RANGE, 0, NULL },   /* April 31 */
	{ G, "20240631000000Z", XC_ERR_TIME_RANGE, 0, NULL },
	{ G, "20240931000000Z", XC_ERR_TIME_RANGE, 0, NULL },
	{ G, "20241131000000Z", XC_ERR_TIME_RANGE, 0, NULL },
	{ G, "20240132000000Z", XC_ERR_TIME_RANGE, 0, NULL },
	{ G, "20241301000000Z", XC_ERR_TIME_RANGE, 0, NULL },
	{ G, "20240001000000Z", XC_ERR_TIME_RANGE, 0, NULL },
	{ G, "20241123240000Z", XC_ERR_TIME_RANGE, 0, NULL },
	{ G, "20241123236000Z", XC_ERR_TIME_RANGE, 0, NULL },
	{ G, "20241123235960Z", XC_ERR_TIME_RANGE, 0, NULL },
	{ G, "00000101000000Z", XC_ERR_YEAR_ZERO, 0, NULL },    /* year 0: pyca cannot represent it */
	{ G, "00000230000000Z", XC_ERR_TIME_RANGE, 0, NULL },   /* ... and no real date either */
	{ G, "00001301000000Z", XC_ERR_TIME_RANGE, 0, NULL },
	/* Neither time tag. */
	{ XC_TAG_OCTET_STRING, "261123103838Z", XC_ERR_TAG, 0, NULL },
	{ XC_TAG_PRINTABLE_STRING, "20261123103838Z", XC_ERR_TAG, 0, NULL },
};

#define N_CASES (sizeof time_cases / sizeof time_cases[0])

static void test_decode_table(void)
{
	for (size_t i = 0; i < N_CASES; i++) {
		const struct time_case *c = &time_cases[i];
		size_t n = strlen(c->s);
		xc_time t;
		memset(&t, 0xaa, sizeof t);
		xc_err e = xc_time_decode(c->tag, xc_slice_make(c->s, n), &t);
		if (e != c->err)
			fprintf(stderr, "%s: got %s, want %s\n", c->s, xc_errname(e),
			        xc_errname(c->err));
		CU_ASSERT_EQUAL(e, c->err);
		if (e != XC_OK || c->err != XC_OK)
			continue;
		CU_ASSERT_EQUAL(t.epoch, c->epoch);
		CU_ASSERT_EQUAL(t.tag, c->tag);
		char buf[XC_TIME_STR];
		CU_ASSERT_EQUAL(xc_time_format(&t, buf, sizeof buf), XC_OK);
		CU_ASSERT_STRING_EQUAL(buf, c->iso);
		/* The fields agree with the formatted string. */
		char again[32];
		snprintf(again, sizeof again, "%04u-%02u-%02uT%02u:%02u:%02uZ", t.year,
		         t.month, t.day, t.hour, t.minute, t.second);
		CU_ASSERT_STRING_EQUAL(again, c->iso);
		CU_ASSERT_EQUAL(xc_time_to_epoch(t.year, t.month, t.day, t.hour, t.minute,
		                                 t.second), c->epoch);
	}
}

/* Every day of years 1..9999: the day after a valid day is one day
 * (86400 s) later, the day after a month's last day is refused, and the
 * table's anchors above tie the sequence to Python's calendar. */
static void test_every_day(void)
{
	static const unsigned mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int64_t prev = xc_time_to_epoch(1, 1, 1, 0, 0, 0) - 86400;
	size_t bad = 0;

	for (unsigned y = 1; y <= 9999; y++) {
		bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
		for (unsigned m = 1; m <= 12; m++) {
			unsigned last = mdays[m - 1] + (m == 2 && leap);
			for (unsigned d = 1; d <= last + 1; d++) {
				char s[16];
				xc_time t;
				snprintf(s, sizeof s, "%04u%02u%02u000000Z", y, m, d);
				xc_err e = xc_time_decode(G, xc_slice_make(s, 15), &t);
				if (d > last) {
					bad += e != XC_ERR_TIME_RANGE;
					continue;
				}
				if (e != XC_OK || t.epoch != prev + 86400) {
					if (!bad)
						fprintf(stderr, "day walk fails at %s\n", s);
					bad++;
				}
				prev = t.epoch;
			}
		}
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(prev, INT64_C(253402214400)); /* 9999-12-31 */
}

/* Every hour, minute and second of one day, and one past each bound. */
static void test_every_second(void)
{
	size_t bad = 0;
	for (unsigned h = 0; h <= 24; h++)
		for (unsigned mi = 0; mi <= 60; mi++)
			for (unsigned s = 0; s <= 60; s++) {
				char str[16];
				xc_time t;
				snprintf(str, sizeof str, "240229%02u%02u%02uZ", h, mi, s);
				xc_err e = xc_time_decode(U, xc_slice_make(str, 13), &t);
				bool valid = h < 24 && mi < 60 && s < 60;
				if (valid)
					bad += e != XC_OK ||
					       t.epoch != INT64_C(1709164800) + h * 3600 + mi * 60 + s;
				else
					bad += e != XC_ERR_TIME_RANGE;
			}
	CU_ASSERT_EQUAL(bad, 0);
}

/* Every UTCTime year: 50..99 are 19YY, 00..49 are 20YY. */
static void test_utc_pivot(void)
{
	for (unsigned yy = 0; yy < 100; yy++) {
		char s[16];
		xc_time t;
		snprintf(s, sizeof s, "%02u0101000000Z", yy);
		CU_ASSERT_EQUAL(xc_time_decode(U, xc_slice_make(s, 13), &t), XC_OK);
		CU_ASSERT_EQUAL(t.year, yy >= 50 ? 1900 + yy : 2000 + yy);
	}
}

static void test_format_errors(void)
{
	xc_time t;
	char buf[XC_TIME_STR];
	CU_ASSERT_EQUAL(xc_time_decode(G, xc_slice_make("20240229123456Z", 15), &t), XC_OK);
	CU_ASSERT_EQUAL(xc_time_format(&t, buf, XC_TIME_STR - 1), XC_ERR_BUFFER);
	CU_ASSERT_EQUAL(xc_time_format(&t, buf, 0), XC_ERR_BUFFER);
	CU_ASSERT_EQUAL(xc_time_format(&t, buf, XC_TIME_STR), XC_OK);
	CU_ASSERT_STRING_EQUAL(buf, "2024-02-29T12:34:56Z");
	/* An embedded NUL is not a digit. */
	CU_ASSERT_EQUAL(xc_time_decode(U, xc_slice_make("26112310383\0Z", 13), &t), XC_ERR_TIME);
	t.year = 10000;
	CU_ASSERT_EQUAL(xc_time_format(&t, buf, sizeof buf), XC_ERR_ARG);
}

/* xc_der_read_time() on a Validity-like SEQUENCE: the CHOICE, and errors
 * recorded at the right offset. */
static const struct read_case {
	const char *name;
	const char *hex;        /* SEQUENCE { Time, Time } */
	xc_err err;
	size_t off;             /* error offset in the whole input */
	int64_t before, after;
} read_cases[] = {
	{ "utc, generalized",
	  "3020 170d 3236313132333130333833385a"
	  " 180f 32303530303130313030303030305a",
	  XC_OK, 0, INT64_C(1795430318), INT64_C(2524608000) },
	{ "bad second time: range error at its contents",
	  "3020 170d 3236313132333130333833385a"
	  " 180f 32303233303232393030303030305a",
	  XC_ERR_TIME_RANGE, 19, 0, 0 },
	{ "bad first time: form error at its contents",
	  "3020 170d 3236313132333130333833387a"
	  " 180f 32303530303130313030303030305a",
	  XC_ERR_TIME, 4, 0, 0 },
	{ "OCTET STRING instead of a time: tag error at the TLV",
	  "3020 170d 3236313132333130333833385a"
	  " 040f 32303530303130313030303030305a",
	  XC_ERR_TAG, 17, 0, 0 },
	{ "constructed UTCTime is not a time",
	  "3011 370f 170d 3236313132333130333833385a",
	  XC_ERR_TAG, 2, 0, 0 },
	{ "length past the end",
	  "3011 170d 3236313132333130333833385a 1801",
	  XC_ERR_LEN_PAST_END, 18, 0, 0 },
	{ "truncated header",
	  "3010 170d 3236313132333130333833385a 18",
	  XC_ERR_TRUNCATED, 17, 0, 0 },
};

/*
 * Year 0000 (xc/time.h): pyca 38 loads the object and raises on the field,
 * so the reader accepts the TLV, and the time carries XC_ERR_YEAR_ZERO,
 * which xc_time_format() returns.
 */
static void test_year_zero(void)
{
	static const uint8_t tlv[] = "\x18\x0f" "00000229235959Z";
	xc_der d;
	xc_time t;
	char buf[XC_TIME_STR];

	xc_der_init(&d, tlv, sizeof tlv - 1);
	CU_ASSERT_EQUAL(xc_der_read_time(&d, &t), XC_OK);
	CU_ASSERT_EQUAL(d.err, XC_OK);
	CU_ASSERT_EQUAL(t.err, XC_ERR_YEAR_ZERO);
	CU_ASSERT(t.value.p == tlv + 2 && t.value.len == 15);
	CU_ASSERT_EQUAL(t.year, 0);
	CU_ASSERT_EQUAL(t.day, 29);             /* year 0 is a leap year */
	CU_ASSERT_EQUAL(xc_time_format(&t, buf, sizeof buf), XC_ERR_YEAR_ZERO);
	/* A real date reads with no error recorded. */
	static const uint8_t ok[] = "\x18\x0f" "00010101000000Z";
	xc_der_init(&d, ok, sizeof ok - 1);
	CU_ASSERT_EQUAL(xc_der_read_time(&d, &t), XC_OK);
	CU_ASSERT_EQUAL(t.err, XC_OK);
	CU_ASSERT_EQUAL(xc_time_format(&t, buf, sizeof buf), XC_OK);
	CU_ASSERT_STRING_EQUAL(buf, "0001-01-01T00:00:00Z");
}

static void test_der_read(void)
{
	for (size_t i = 0; i < sizeof read_cases / sizeof read_cases[0]; i++) {
		const struct read_case *c = &read_cases[i];
		size_t n;
		uint8_t *b = tu_unhex(c->hex, &n);
		xc_der d, seq;
		xc_time a, z;
		xc_err e;

		xc_der_init(&d, b, n);
		if (!(e = xc_der_enter(&d, XC_TAG_SEQUENCE, &seq)) &&
		    !(e = xc_der_read_time(&seq, &a)) &&
		    !(e = xc_der_read_time(&seq, &z)))
			e = xc_der_finish(&seq);
		if (e != c->err)
			fprintf(stderr, "%s: got %s\n", c->name, xc_errname(e));
		CU_ASSERT_EQUAL(e, c->err);
		if (c->err == XC_OK) {
			CU_ASSERT_EQUAL(a.epoch, c->before);
			CU_ASSERT_EQUAL(z.epoch, c->after);
			CU_ASSERT_EQUAL(a.tag, XC_TAG_UTC_TIME);
			CU_ASSERT_EQUAL(z.tag, XC_TAG_GENERALIZED_TIME);
		} else {
			CU_ASSERT_EQUAL(d.err, c->err);
			if (xc_der_error_offset(&d) != c->off)
				fprintf(stderr, "%s: offset %zu\n", c->name, xc_der_error_offset(&d));
			CU_ASSERT_EQUAL(xc_der_error_offset(&d), c->off);
		}
		free(b);
	}
}

int main(void)
{
	static const tu_test tests[] = {
		{ "decode table (epochs from calendar.timegm)", test_decode_table },
		{ "every day of years 1..9999", test_every_day },
		{ "every second of a day", test_every_second },
		{ "UTCTime year pivot", test_utc_pivot },
		{ "format", test_format_errors },
		{ "xc_der_read_time", test_der_read },
		{ "year 0: a field error", test_year_zero },
		{ NULL, NULL },
	};
	return tu_run("time", tests);
}
