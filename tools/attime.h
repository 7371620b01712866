/*
 * tools/attime.h - a validation time from text, for certverify --at and
 * the limbo harness's validation_time.
 *
 *   2024-03-01T00:00:00Z          RFC 3339 (section 5.6): 'T' or 't' or a
 *   2024-03-01T01:00:00+01:00     space, 'Z' or 'z' or a numeric offset,
 *   2024-03-01T00:00:00.999Z      any fraction of a second (dropped: a
 *                                 validity bound is whole seconds, so the
 *                                 fraction can never decide between them
 *                                 the other way, limbo's notbefore- and
 *                                 notafter-fractional cases)
 *   now                           the time given as `now`
 *   +30d  -1h  +90m  +3600s  +2w  +1y
 *                                 relative to now, as certissue's times
 *                                 (d = 86400 s, w = 7 d, y = 365 d)
 *
 * Years 0001..9999, the range a certificate time can hold.
 */
#ifndef TOOLS_ATTIME_H
#define TOOLS_ATTIME_H

#include <stddef.h>
#include <stdint.h>

/* 0 with *out in seconds since the epoch, or -1 with the reason in
 * err[cap]. */
int at_parse(const char *text, int64_t now, int64_t *out, char *err, size_t cap);

/* "2024-03-01T00:00:00Z" into buf (at least 21 bytes). */
void at_format(int64_t t, char *buf, size_t cap);

#endif
