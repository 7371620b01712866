/* UTCTime and GeneralizedTime: see xc/time.h. */
#include "inner.h"

/* Reads n ASCII digits; false on anything else (sign, space, letter). */
static bool digits(const uint8_t *p, size_t n, unsigned *out)
{
	unsigned v = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned c = (unsigned)p[i] - '0';
		if (c > 9)
			return false;
		v = v * 10 + c;
	}
	*out = v;
	return true;
}

static bool leap(unsigned y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days in each month of a common year; February gets one more in leap
 * years. */
static const uint8_t month_days[12] = {
	31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
};

/*
 * See xc/time.h.
 *
 * RFC 5280 4.1.2.5.1: "UTCTime values MUST be expressed in Greenwich Mean
 * Time (Zulu) and MUST include seconds (i.e., times are YYMMDDHHMMSSZ)
 * [...] Where YY is greater than or equal to 50, the year SHALL be
 * interpreted as 19YY; and Where YY is less than 50, the year SHALL be
 * interpreted as 20YY."
 *
 * RFC 5280 4.1.2.5.2: "GeneralizedTime values MUST be expressed in
 * Greenwich Mean Time (Zulu) and MUST include seconds (i.e., times are
 * YYYYMMDDHHMMSSZ), even where the number of seconds is zero.
 * GeneralizedTime values MUST NOT include fractional seconds."
 *
 * Anything else (no Z, an offset, fractions, missing seconds) is refused
 * as XC_ERR_TIME, as pyca's rust-asn1 does. A well-formed string naming a
 * date or time that does not exist is XC_ERR_TIME_RANGE. Two choices
 * follow pyca 38: a leap second (ss = 60) is refused, as rust-asn1 refuses
 * it; and year 0000 is XC_ERR_YEAR_ZERO, checked last so that the rest of
 * the date is valid: rust-asn1 accepts it, and only pyca's datetime
 * cannot represent it (its not_valid_before raises "year 0 is out of
 * range"), so it is an error of the field, not of the object (xc/time.h).
 */
xc_err xc_time_decode(uint32_t tag, xc_slice value, xc_time *out)
{
	const uint8_t *p = value.p;
	unsigned year, month, day, hour, minute, second;
	size_t ylen;

	if (tag == XC_TAG_UTC_TIME)
		ylen = 2;
	else if (tag == XC_TAG_GENERALIZED_TIME)
		ylen = 4;
	else
		return XC_ERR_TAG;
	if (value.len != ylen + 11 || p[ylen + 10] != 'Z')
		return XC_ERR_TIME;
	if (!digits(p, ylen, &year) ||
	    !digits(p + ylen, 2, &month) ||
	    !digits(p + ylen + 2, 2, &day) ||
	    !digits(p + ylen + 4, 2, &hour) ||
	    !digits(p + ylen + 6, 2, &minute) ||
	    !digits(p + ylen + 8, 2, &second))
		return XC_ERR_TIME;
	if (ylen == 2)
		year += year >= 50 ? 1900 : 2000;

	if (month < 1 || month > 12 || day < 1)
		return XC_ERR_TIME_RANGE;
	unsigned mdays = month_days[month - 1];
	if (month == 2 && leap(year))
		mdays++;
	if (day > mdays)
		return XC_ERR_TIME_RANGE;
	if (hour > 23 || minute > 59 || second > 59)
		return XC_ERR_TIME_RANGE;

	out->year = (uint16_t)year;
	out->month = (uint8_t)month;
	out->day = (uint8_t)day;
	out->hour = (uint8_t)hour;
	out->minute = (uint8_t)minute;
	out->second = (uint8_t)second;
	out->tag = (uint8_t)tag;
	out->value = value;
	out->epoch = xc_time_to_epoch(year, month, day, hour, minute, second);
	out->err = year == 0 ? XC_ERR_YEAR_ZERO : XC_OK;
	return out->err;
}

/* See xc/time.h. */
xc_err xc_der_read_time(xc_der *d, xc_time *out)
{
	const uint8_t *start = d->p;
	xc_tlv t;
	xc_err e = xc_der_read(d, &t);
	if (e)
		return e;
	if (t.tag != XC_TAG_UTC_TIME && t.tag != XC_TAG_GENERALIZED_TIME) {
		/* Leave the reader where it was, as xc_der_expect() does. */
		d->p = start;
		return xc_der_fail(d, XC_ERR_TAG, start);
	}
	/* Year 0 stays in out->err: the field's error, not the object's. */
	if ((e = xc_time_decode(t.tag, t.value, out)) && e != XC_ERR_YEAR_ZERO)
		return xc_der_fail(d, e, t.value.p);
	return XC_OK;
}

/* Writes v as exactly n decimal digits (v < 10^n). */
static void put_digits(char *p, unsigned v, size_t n)
{
	while (n--) {
		p[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

/* See xc/time.h. */
xc_err xc_time_format(const xc_time *t, char *buf, size_t cap)
{
	if (t->err)
		return t->err;
	if (cap < XC_TIME_STR)
		return XC_ERR_BUFFER;
	/* A struct not filled by xc_time_decode() could overflow the fixed
	 * widths; refuse it rather than print a wrong date. */
	if (t->year > 9999 || t->month > 99 || t->day > 99 || t->hour > 99 ||
	    t->minute > 99 || t->second > 99)
		return XC_ERR_ARG;
	memcpy(buf, "0000-00-00T00:00:00Z", XC_TIME_STR);
	put_digits(buf, t->year, 4);
	put_digits(buf + 5, t->month, 2);
	put_digits(buf + 8, t->day, 2);
	put_digits(buf + 11, t->hour, 2);
	put_digits(buf + 14, t->minute, 2);
	put_digits(buf + 17, t->second, 2);
	return XC_OK;
}

/*
 * See xc/time.h. Days from 1970-01-01 by the era method (H. Hinnant's
 * days_from_civil): a 400-year era has exactly 146097 days, and counting
 * years from March puts the leap day last, so no table is needed. Pure
 * arithmetic: timegm() and friends depend on TZ and locale state.
 */
int64_t xc_time_to_epoch(unsigned year, unsigned month, unsigned day,
                         unsigned hour, unsigned minute, unsigned second)
{
	int64_t y = (int64_t)year - (month <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;                            /* [0, 399] */
	int64_t mp = month > 2 ? (int64_t)month - 3 : (int64_t)month + 9;
	int64_t doy = (153 * mp + 2) / 5 + (int64_t)day - 1;    /* [0, 365] */
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;    /* [0, 146096] */
	int64_t days = era * 146097 + doe - 719468;

	return days * 86400 + (int64_t)hour * 3600 + (int64_t)minute * 60 +
	       (int64_t)second;
}
