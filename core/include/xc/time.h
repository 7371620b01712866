/*
 * xc/time.h - UTCTime and GeneralizedTime per RFC 5280 4.1.2.5.
 *
 *   UTCTime:          YYMMDDHHMMSSZ    (YY >= 50: 19YY, else 20YY)
 *   GeneralizedTime:  YYYYMMDDHHMMSSZ  (no fractional seconds)
 *
 * Strict: exactly these forms, digits only, a trailing Z, and a real date
 * and time (days per month with leap years, hour < 24, minute < 60,
 * second < 60).
 *
 * One exception is a field error, not a structure error: a GeneralizedTime
 * of year 0000 is well formed and pyca/cryptography 38 loads an object
 * holding one, raising only when that time is read ("year 0 is out of
 * range"). So xc_time_decode() returns XC_ERR_YEAR_ZERO for it with every
 * field filled, xc_der_read_time() accepts it and records the error in
 * the xc_time, and xc_time_format() returns it: the object parses and that
 * one field reports its error. Every other impossible date (month 13,
 * 30 February, hour 24, second 60) pyca refuses at load, and so do the
 * object parsers here (XC_ERR_TIME_RANGE).
 */
#ifndef XC_TIME_H
#define XC_TIME_H

#include "der.h"
#include "err.h"
#include "slice.h"

typedef struct xc_time {
	int64_t epoch;          /* seconds since 1970-01-01T00:00:00Z */
	uint16_t year;          /* 1..9999 (year 0 is refused, as pyca cannot represent it) */
	uint8_t month, day, hour, minute, second;
	uint8_t tag;            /* XC_TAG_UTC_TIME or XC_TAG_GENERALIZED_TIME */
	xc_err err;             /* XC_OK, or the field error XC_ERR_YEAR_ZERO */
	xc_slice value;         /* the contents octets as read (for err's offset) */
} xc_time;

/* Decodes the contents octets of a time of the given tag. Year 0000 gives
 * XC_ERR_YEAR_ZERO with *out filled (out->err set to it, epoch of the
 * proleptic year 0); other errors leave *out unspecified. */
xc_err xc_time_decode(uint32_t tag, xc_slice value, xc_time *out);

/* Reads a Time ::= CHOICE { utcTime, generalTime } from a reader. A year
 * 0000 is not a reader error: XC_OK, with out->err = XC_ERR_YEAR_ZERO. */
xc_err xc_der_read_time(xc_der *d, xc_time *out);

/* Formats as YYYY-MM-DDTHH:MM:SSZ (20 chars + NUL: cap >= XC_TIME_STR).
 * A time with a field error (t->err) gives that error and no text, as
 * pyca's accessor raises for it. */
#define XC_TIME_STR 21
xc_err xc_time_format(const xc_time *t, char *buf, size_t cap);

/* The epoch seconds of a proleptic Gregorian date and time (no checks). */
int64_t xc_time_to_epoch(unsigned year, unsigned month, unsigned day,
                         unsigned hour, unsigned minute, unsigned second);

#endif
