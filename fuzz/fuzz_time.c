/*
 * fuzz_time.c - xc_time_decode() on any bytes, as UTCTime and as
 * GeneralizedTime, against a reference reading of RFC 5280 4.1.2.5: the
 * core must accept exactly the strings the reference accepts, and give
 * back the very date those strings spell. The bytes are also read as a
 * whole Time TLV with xc_der_read_time().
 */
#include <stdio.h>
#include <string.h>

#include "fuzz.h"

static unsigned digits(const uint8_t *p, size_t n, bool *ok)
{
	unsigned v = 0;

	for (size_t i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			*ok = false;
		v = v * 10 + (unsigned)(p[i] - '0');
	}
	return v;
}

/* True if v is exactly the strict form of its tag and a real date. */
static bool ref_valid(uint32_t tag, xc_slice v)
{
	static const unsigned dim[12] = { 31, 28, 31, 30, 31, 30,
	                                  31, 31, 30, 31, 30, 31 };
	size_t yl = tag == XC_TAG_UTC_TIME ? 2 : 4;
	const uint8_t *p = v.p;
	unsigned y, mo, d, h, mi, s, days;
	bool ok = true;

	if (v.len != yl + 11 || p[v.len - 1] != 'Z')
		return false;
	y = digits(p, yl, &ok);
	if (yl == 2)
		y += y >= 50 ? 1900 : 2000;
	mo = digits(p + yl, 2, &ok);
	d = digits(p + yl + 2, 2, &ok);
	h = digits(p + yl + 4, 2, &ok);
	mi = digits(p + yl + 6, 2, &ok);
	s = digits(p + yl + 8, 2, &ok);
	/* Year 0000 is a real date here; one() expects XC_ERR_YEAR_ZERO. */
	if (!ok || mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 59)
		return false;
	days = dim[mo - 1];
	if (mo == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		days = 29;
	return d >= 1 && d <= days;
}

static void one(uint32_t tag, xc_slice v)
{
	xc_time t, t2;
	char back[32];
	bool valid = ref_valid(tag, v);
	xc_err e, e2;

	memset(&t, 0, sizeof(t));
	memset(&t2, 0xff, sizeof(t2));
	e = xc_time_decode(tag, v, &t);
	e2 = xc_time_decode(tag, v, &t2);
	FZ_CHECK(e == e2);
	/* Year 0000 (GeneralizedTime only) is the one field error. */
	bool year0 = valid && tag == XC_TAG_GENERALIZED_TIME && memcmp(v.p, "0000", 4) == 0;
	FZ_CHECK(valid == (e == XC_OK || e == XC_ERR_YEAR_ZERO));
	FZ_CHECK(year0 == (e == XC_ERR_YEAR_ZERO));
	if (!valid) {
		FZ_CHECK(e == XC_ERR_TIME || e == XC_ERR_TIME_RANGE);
		return;
	}
	FZ_CHECK(t.err == e && t2.err == e);
	FZ_CHECK(t.epoch == t2.epoch && t.year == t2.year && t.month == t2.month &&
	         t.day == t2.day && t.hour == t2.hour && t.minute == t2.minute &&
	         t.second == t2.second && t.tag == t2.tag);
	FZ_CHECK(t.tag == tag);
	fz_walk_time(&t);
	if (tag == XC_TAG_UTC_TIME)
		snprintf(back, sizeof(back), "%02u%02u%02u%02u%02u%02uZ", t.year % 100u,
		         t.month, t.day, t.hour, t.minute, t.second);
	else
		snprintf(back, sizeof(back), "%04u%02u%02u%02u%02u%02uZ", t.year,
		         t.month, t.day, t.hour, t.minute, t.second);
	FZ_CHECK(strlen(back) == v.len && memcmp(back, v.p, v.len) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	xc_slice v = xc_slice_make(data, size);
	xc_time t;
	xc_der d;
	xc_err e;

	one(XC_TAG_UTC_TIME, v);
	one(XC_TAG_GENERALIZED_TIME, v);
	FZ_CHECK(xc_time_decode(XC_TAG_OCTET_STRING, v, &t) != XC_OK);

	xc_der_init(&d, data, size);
	e = xc_der_read_time(&d, &t);
	if (e == XC_OK) {
		fz_walk_time(&t);
		FZ_CHECK(xc_der_offset(&d) <= size);
	} else {
		FZ_CHECK(e >= XC_ERR_FIRST);
		FZ_CHECK(xc_der_error_offset(&d) <= size);
	}
	return 0;
}
