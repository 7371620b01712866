/*
 * xc/time.h - UTCTime and GeneralizedTime per RFC 5280 4.1.2.5.
 *
 *   UTCTime:          YYMMDDHHMMSSZ    (YY >= 50: 19YY, else 20YY)
 *   GeneralizedTime:  YYYYMMDDHHMMSSZ  (no fractional seconds)
 *
 * Strict: exactly these forms, digits only, a trailing Z, and a real date
 * and time (days per month with leap years, hour < 24, minute < 60,
 * second < 60).
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
} xc_time;

/* Decodes the contents octets of a time of the given tag. */
xc_err xc_time_decode(uint32_t tag, xc_slice value, xc_time *out);

/* Reads a Time ::= CHOICE { utcTime, generalTime } from a reader. */
xc_err xc_der_read_time(xc_der *d, xc_time *out);

/* Formats as YYYY-MM-DDTHH:MM:SSZ (20 chars + NUL: cap >= XC_TIME_STR). */
#define XC_TIME_STR 21
xc_err xc_time_format(const xc_time *t, char *buf, size_t cap);

/* The epoch seconds of a proleptic Gregorian date and time (no checks). */
int64_t xc_time_to_epoch(unsigned year, unsigned month, unsigned day,
                         unsigned hour, unsigned minute, unsigned second);

#endif
