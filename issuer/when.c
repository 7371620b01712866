/*
 * issuer/when.c - times on the command line (when.h).
 */
#include "when.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "msg.h"

/* Howard Hinnant's days_from_civil: days since 1970-01-01 of a proleptic
 * Gregorian date, exact for any year an int64_t day count holds. */
int64_t ci_days_from_civil(int64_t y, unsigned mo, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= mo <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

/* 0001-01-01T00:00:00Z and 10000-01-01T00:00:00Z: the years a
 * certificate time can hold (when.h). */
#define WHEN_MIN (-62135596800LL)
#define WHEN_END 253402300800LL

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

static bool leap(unsigned y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int parse_abs(const char *t, int64_t *out, ci_msg *m)
{
	static const unsigned mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	unsigned y, mo, d, h, mi, s;

	if (strlen(t) != 20 || t[4] != '-' || t[7] != '-' || t[10] != 'T' ||
	    t[13] != ':' || t[16] != ':' || t[19] != 'Z' ||
	    !digits(t, 4, &y) || !digits(t + 5, 2, &mo) || !digits(t + 8, 2, &d) ||
	    !digits(t + 11, 2, &h) || !digits(t + 14, 2, &mi) || !digits(t + 17, 2, &s))
		return ci_fail(m, "'%s': not a time (YYYY-MM-DDTHH:MM:SSZ, now, +30d, -1h)", t);
	if (y == 0 || mo < 1 || mo > 12 || d < 1 ||
	    d > mdays[mo - 1] + (mo == 2 && leap(y)) || h > 23 || mi > 59 || s > 59)
		return ci_fail(m, "'%s': no such date or time", t);
	*out = ci_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
	return 0;
}

int ci_when_parse(const char *text, int64_t now, int64_t *out, ci_msg *m)
{
	static const struct {
		char unit;
		int64_t secs;
	} units[] = {
		{ 's', 1 }, { 'm', 60 }, { 'h', 3600 }, { 'd', 86400 },
		{ 'w', 7 * 86400 }, { 'y', 365 * 86400 },
	};
	const char *p;
	int64_t n = 0, t = 0;

	if (!text || !*text)
		return ci_fail(m, "empty time");
	if (!strcmp(text, "now")) {
		t = now;
	} else if (text[0] == '+' || text[0] == '-') {
		size_t u;

		for (p = text + 1; *p >= '0' && *p <= '9'; p++) {
			if (n > (WHEN_END - WHEN_MIN) / 10)
				return ci_fail(m, "'%s': too far from now", text);
			n = n * 10 + (*p - '0');
		}
		if (p == text + 1 || !p[0] || p[1])
			return ci_fail(m, "'%s': not a relative time (+30d, -1h: a number and one of s m h d w y)", text);
		for (u = 0; u < sizeof(units) / sizeof(units[0]); u++)
			if (units[u].unit == *p)
				break;
		if (u == sizeof(units) / sizeof(units[0]))
			return ci_fail(m, "'%s': unknown unit '%c' (s m h d w y)", text, *p);
		if (n > (WHEN_END - WHEN_MIN) / units[u].secs)
			return ci_fail(m, "'%s': too far from now", text);
		n *= units[u].secs;
		t = text[0] == '+' ? now + n : now - n;
	} else if (parse_abs(text, &t, m)) {
		return -1;
	}
	if (t < WHEN_MIN || t >= WHEN_END)
		return ci_fail(m, "'%s': outside years 0001..9999", text);
	*out = t;
	return 0;
}

void ci_civil_from_days(int64_t days, int64_t *y, unsigned *mo, unsigned *d)
{
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;

	*d = doy - (153 * mp + 2) / 5 + 1;
	*mo = mp < 10 ? mp + 3 : mp - 9;
	*y = (int64_t)yoe + era * 400 + (*mo <= 2);
}

void ci_when_format(int64_t t, char *buf, unsigned long cap)
{
	int64_t days = t / 86400, secs = t % 86400, y;
	unsigned mo, d;

	if (secs < 0) {
		secs += 86400;
		days--;
	}
	ci_civil_from_days(days, &y, &mo, &d);
	snprintf(buf, cap, "%04lld-%02u-%02uT%02u:%02u:%02uZ", (long long)y, mo, d,
		 (unsigned)(secs / 3600), (unsigned)(secs / 60 % 60), (unsigned)(secs % 60));
}
