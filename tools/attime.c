/*
 * tools/attime.c - validation times from text (attime.h).
 */
#include "attime.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <xc/time.h>

/* 0001-01-01T00:00:00Z and 10000-01-01T00:00:00Z. */
#define AT_MIN (-62135596800LL)
#define AT_END 253402300800LL

static bool digits(const char *s, size_t n, unsigned *v)
{
	*v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		*v = *v * 10 + (unsigned)(s[i] - '0');
	}
	return true;
}

/* RFC 3339 5.6: date-time = full-date "T" full-time, with time-secfrac
 * and time-offset (Z or +hh:mm / -hh:mm); 'T' may be 't' or ' ' (5.6's
 * NOTE), 'Z' may be 'z'. */
static int parse_rfc3339(const char *t, int64_t *out, char *err, size_t cap)
{
	static const unsigned mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	unsigned y, mo, d, h, mi, s, oh, om;
	const char *p = t + 19;
	int64_t off = 0;
	bool leap;

	if (strlen(t) < 20 || t[4] != '-' || t[7] != '-' ||
	    (t[10] != 'T' && t[10] != 't' && t[10] != ' ') || t[13] != ':' || t[16] != ':' ||
	    !digits(t, 4, &y) || !digits(t + 5, 2, &mo) || !digits(t + 8, 2, &d) ||
	    !digits(t + 11, 2, &h) || !digits(t + 14, 2, &mi) || !digits(t + 17, 2, &s))
		goto form;
	if (*p == '.') {
		/* The fraction is dropped (attime.h says why). */
		const char *f = ++p;
		while (*p >= '0' && *p <= '9')
			p++;
		if (p == f)
			goto form;
	}
	if ((*p == 'Z' || *p == 'z') && !p[1]) {
		off = 0;
	} else if ((*p == '+' || *p == '-') && strlen(p) == 6 && p[3] == ':' &&
		   digits(p + 1, 2, &oh) && digits(p + 4, 2, &om) && oh < 24 && om < 60) {
		off = (int64_t)(oh * 3600 + om * 60);
		if (*p == '+')
			off = -off;
	} else {
		goto form;
	}
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (y == 0 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] + (mo == 2 && leap) ||
	    h > 23 || mi > 59 || s > 59) {
		snprintf(err, cap, "'%s': no such date or time", t);
		return -1;
	}
	*out = xc_time_to_epoch(y, mo, d, h, mi, s) + off;
	return 0;
form:
	snprintf(err, cap, "'%s': not a time (2024-03-01T00:00:00Z, RFC 3339; now; +30d, -1h)", t);
	return -1;
}

/* +N<unit> / -N<unit>, relative to now. */
static int parse_relative(const char *t, int64_t now, int64_t *out, char *err, size_t cap)
{
	static const struct {
		char unit;
		int64_t secs;
	} units[] = {
		{ 's', 1 }, { 'm', 60 }, { 'h', 3600 }, { 'd', 86400 },
		{ 'w', 7 * 86400 }, { 'y', 365 * 86400 },
	};
	const char *p;
	int64_t n = 0;
	size_t u;

	for (p = t + 1; *p >= '0' && *p <= '9'; p++) {
		if (n > (AT_END - AT_MIN) / 10)
			goto far;
		n = n * 10 + (*p - '0');
	}
	for (u = 0; u < sizeof(units) / sizeof(units[0]); u++)
		if (p > t + 1 && p[0] == units[u].unit && !p[1])
			break;
	if (u == sizeof(units) / sizeof(units[0])) {
		snprintf(err, cap, "'%s': not a relative time (+30d, -1h: a number and one of s m h d w y)", t);
		return -1;
	}
	if (n > (AT_END - AT_MIN) / units[u].secs)
		goto far;
	n *= units[u].secs;
	*out = t[0] == '+' ? now + n : now - n;
	return 0;
far:
	snprintf(err, cap, "'%s': too far from now", t);
	return -1;
}

int at_parse(const char *text, int64_t now, int64_t *out, char *err, size_t cap)
{
	int64_t t;

	if (!text || !*text) {
		snprintf(err, cap, "empty time");
		return -1;
	}
	if (!strcmp(text, "now"))
		t = now;
	else if (text[0] == '+' || text[0] == '-') {
		if (parse_relative(text, now, &t, err, cap))
			return -1;
	} else if (parse_rfc3339(text, &t, err, cap)) {
		return -1;
	}
	if (t < AT_MIN || t >= AT_END) {
		snprintf(err, cap, "'%s': outside years 0001..9999", text);
		return -1;
	}
	*out = t;
	return 0;
}

void at_format(int64_t t, char *buf, size_t cap)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!gmtime_r(&tt, &tm) || !strftime(buf, cap, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(buf, cap, "@%lld", (long long)t);
}
