/*
 * issuer/when.h - times on the command line.
 *
 *   2026-12-07T10:00:00Z   an absolute UTC time, exactly this form
 *   now                    the time the command started
 *   +30d  -1h  +90m  +3600s  +2w  +1y
 *                          relative to now; d = 86400 s, w = 7 d,
 *                          y = 365 d (a fixed length, as openssl -days)
 *
 * Times are seconds since 1970-01-01T00:00:00Z (int64_t, negative
 * before), in years 1..9999. The DER form (UTCTime before 2050) is the
 * writer's (der.h, ci_der_time).
 */
#ifndef CI_WHEN_H
#define CI_WHEN_H

#include <stdint.h>

#include "msg.h"

int ci_when_parse(const char *text, int64_t now, int64_t *out, ci_msg *m);
/* "2026-12-07T10:00:00Z" into buf (at least 21 bytes). */
void ci_when_format(int64_t t, char *buf, unsigned long cap);
/* Days from civil date and back (proleptic Gregorian), shared with the
 * writer. */
int64_t ci_days_from_civil(int64_t y, unsigned mo, unsigned d);
void ci_civil_from_days(int64_t days, int64_t *y, unsigned *mo, unsigned *d);

#endif
