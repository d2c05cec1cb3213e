/*
 * date.c - calendar dates as day numbers.
 */
#include "mj_date.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static bool is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_month(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

static bool ymd_is_valid(int year, int month, int day)
{
	return year >= 1 && year <= 9999 && month >= 1 && month <= 12 &&
	       day >= 1 && day <= days_in_month(year, month);
}

/* Days from civil date: the era-based algorithm on 400-year cycles. */
mj_date mj_date_from_ymd(int year, int month, int day)
{
	int y = year - (month <= 2);
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void mj_date_to_ymd(mj_date date, int *year, int *month, int *day)
{
	int z = date + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	int d = doy - (153 * mp + 2) / 5 + 1;
	int m = mp < 10 ? mp + 3 : mp - 9;

	*year = yoe + era * 400 + (m <= 2);
	*month = m;
	*day = d;
}

static int digits(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int mj_date_parse(mj_date *out, const char *text, size_t len)
{
	int y, m, d;

	if (len != 10 || text[4] != '-' || text[7] != '-')
		return -1;
	y = digits(text, 4);
	m = digits(text + 5, 2);
	d = digits(text + 8, 2);
	if (y < 0 || m < 0 || d < 0 || !ymd_is_valid(y, m, d))
		return -1;
	*out = mj_date_from_ymd(y, m, d);
	return 0;
}

int mj_date_parse_str(mj_date *out, const char *text)
{
	size_t len;

	while (*text == ' ' || *text == '\t')
		text++;
	len = strlen(text);
	while (len && (text[len - 1] == ' ' || text[len - 1] == '\t'))
		len--;
	return mj_date_parse(out, text, len);
}

char *mj_date_format(mj_date date, char *buf)
{
	int y, m, d;

	if (date == MJ_DATE_NONE) {
		strcpy(buf, "-");
		return buf;
	}
	mj_date_to_ymd(date, &y, &m, &d);
	char text[32];
	snprintf(text, sizeof(text), "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
	memcpy(buf, text, MJ_DATE_TEXT_SIZE - 1);
	buf[MJ_DATE_TEXT_SIZE - 1] = '\0';
	return buf;
}

mj_date mj_date_add_months(mj_date date, int months)
{
	int y, m, d, total;

	mj_date_to_ymd(date, &y, &m, &d);
	total = y * 12 + (m - 1) + months;
	y = total / 12;
	m = total % 12 + 1;
	if (d > days_in_month(y, m))
		d = days_in_month(y, m);
	return mj_date_from_ymd(y, m, d);
}

mj_date mj_date_of_time(time_t when)
{
	struct tm tm;

	if (!localtime_r(&when, &tm))
		return MJ_DATE_NONE;
	return mj_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int mj_date_today(mj_date *out)
{
	const char *env = getenv("MJOURNAL_TODAY");
	time_t now;
	struct tm tm;

	if (env && *env)
		return mj_date_parse_str(out, env);
	now = time(NULL);
	if (!localtime_r(&now, &tm))
		return -1;
	*out = mj_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	return 0;
}

/* Monday 0 ... Sunday 6; 1970-01-01 was a Thursday. */
static int weekday(mj_date date)
{
	return ((date % 7) + 7 + 3) % 7;
}

/* The weekday word names (mon, tues, wednesday: three letters or more of
 * the name, any case), 0 for Monday; -1 when none. */
static int weekday_named(const char *word, size_t len)
{
	static const char *const names[] = { "monday", "tuesday", "wednesday",
		"thursday", "friday", "saturday", "sunday" };

	for (int i = 0; len >= 3 && i < 7; i++)
		if (len <= strlen(names[i]) && !strncasecmp(word, names[i], len))
			return i;
	return -1;
}

/* "-3d", "+2w": days or weeks from today; -1 when malformed. */
static int offset_days(const char *text, size_t len, int *days)
{
	int sign = text[0] == '-' ? -1 : 1, n = 0;
	size_t i = 1;

	if (len < 3 || (text[0] != '-' && text[0] != '+') || len > 7)
		return -1;
	for (; i < len - 1; i++) {
		if (text[i] < '0' || text[i] > '9')
			return -1;
		n = n * 10 + (text[i] - '0');
	}
	if (text[len - 1] == 'w' || text[len - 1] == 'W')
		n *= 7;
	else if (text[len - 1] != 'd' && text[len - 1] != 'D')
		return -1;
	*days = sign * n;
	return 0;
}

int mj_date_parse_spoken(mj_date *out, const char *text, mj_date today)
{
	size_t len;
	int days, day;

	while (*text == ' ' || *text == '\t')
		text++;
	len = strlen(text);
	while (len && (text[len - 1] == ' ' || text[len - 1] == '\t'))
		len--;
	if (mj_date_parse(out, text, len) == 0)
		return 0;
	if (today == MJ_DATE_NONE)
		return -1;
	if (len == 5 && !strncasecmp(text, "today", len))
		days = 0;
	else if (len == 9 && !strncasecmp(text, "yesterday", len))
		days = -1;
	else if ((day = weekday_named(text, len)) >= 0)
		days = -((weekday(today) - day + 6) % 7 + 1);
	else if (offset_days(text, len, &days) < 0)
		return -1;
	*out = today + days;
	return 0;
}

/* Parses the leading unsigned integer of at most 6 digits; -1 if none. */
static long leading_number(const char **p)
{
	long v = 0;
	int n = 0;

	while (**p >= '0' && **p <= '9') {
		if (++n > 6)
			return -1;
		v = v * 10 + (**p - '0');
		(*p)++;
	}
	return n ? v : -1;
}

int mj_cadence_parse(int *days, const char *text)
{
	const char *p = text;
	long n = leading_number(&p);

	if (n <= 0)
		return -1;
	if (!strcmp(p, "d"))
		*days = (int)n;
	else if (!strcmp(p, "w"))
		*days = (int)n * 7;
	else
		return -1;
	return 0;
}

/* The unit at *p (hours: 60, minutes: 1, or 0), moving past it. */
static int duration_unit(const char **p)
{
	static const struct { const char *word; int minutes; } units[] = {
		{ "hours", 60 }, { "hour", 60 }, { "hrs", 60 }, { "hr", 60 },
		{ "h", 60 }, { "minutes", 1 }, { "minute", 1 }, { "mins", 1 },
		{ "min", 1 }, { "m", 1 },
	};

	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		size_t n = strlen(units[i].word);
		if (!strncasecmp(*p, units[i].word, n)) {
			*p += n;
			return units[i].minutes;
		}
	}
	return 0;
}

static void skip_blanks(const char **p)
{
	while (**p == ' ' || **p == '\t')
		(*p)++;
}

/* Two digits at *p no greater than most, moving *p past them; or -1. */
static int two_digits(const char **p, int most)
{
	int v = digits(*p, 2);

	if (v < 0 || v > most)
		return -1;
	*p += 2;
	return v;
}

/*
 * 45m, 45 min, 45 minutes, 1h, 1 hour, 1.5h, 1.5 h, 1h30m, 1h 30m, 1:30
 * (hours:minutes); a number always has its unit.
 */
int mj_duration_parse(int *minutes, const char *text)
{
	const char *p = text;
	long total = 0;

	skip_blanks(&p);
	if (strchr(p, ':')) { /* h:mm */
		long h = leading_number(&p), m;
		if (h < 0 || *p++ != ':' || !(p[0] >= '0' && p[0] <= '9') ||
		    !(p[1] >= '0' && p[1] <= '9'))
			return -1;
		m = leading_number(&p);
		skip_blanks(&p);
		if (m < 0 || m > 59 || *p || h * 60 + m <= 0 || h > 24)
			return -1;
		*minutes = (int)(h * 60 + m);
		return 0;
	}
	while (*p) {
		long whole = leading_number(&p), frac = 0, scale = 1;
		int unit;

		if (whole < 0)
			return -1;
		if (*p == '.') {
			const char *start = ++p;
			frac = leading_number(&p);
			if (frac < 0 || p - start > 2)
				return -1;
			for (const char *q = start; q < p; q++)
				scale *= 10;
		}
		skip_blanks(&p);
		unit = duration_unit(&p);
		if (!unit || (frac && unit == 1))
			return -1;
		total += whole * unit + (frac * unit + scale / 2) / scale;
		if (total > 24 * 60)
			return -1;
		skip_blanks(&p);
	}
	if (total <= 0)
		return -1;
	*minutes = (int)total;
	return 0;
}

int mj_date_parse_moment(mj_date *out, const char *text)
{
	const char *p = text;
	char day[11];

	skip_blanks(&p);
	if (strlen(p) < 10)
		return -1;
	memcpy(day, p, 10);
	day[10] = '\0';
	if (mj_date_parse(out, day, 10) < 0)
		return -1;
	p += 10;
	skip_blanks(&p);
	if (!*p)
		return 0;
	/* a time of day (Hugo, Jekyll, Obsidian): T or a space, then
	 * HH:MM[:SS[.fraction]] and a zone (Z, +01:00, +0100, -5), each
	 * part in its range: 25:99 is no time */
	if (p[-1] != ' ' && *p != 'T' && *p != 't')
		return -1;
	if (*p == 'T' || *p == 't')
		p++;
	if (two_digits(&p, 23) < 0 || *p++ != ':' || two_digits(&p, 59) < 0)
		return -1;
	if (*p == ':') {
		p++;
		if (two_digits(&p, 59) < 0)
			return -1;
		if (*p == '.') {
			if (!(*++p >= '0' && *p <= '9'))
				return -1;
			while (*p >= '0' && *p <= '9')
				p++;
		}
	}
	skip_blanks(&p);
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		p++;
		/* hours of one or two digits (YAML's -5), then minutes */
		if (!(p[0] >= '0' && p[0] <= '9'))
			return -1;
		if (!(p[1] >= '0' && p[1] <= '9'))
			p++;
		else if (two_digits(&p, 23) < 0)
			return -1;
		if (*p == ':')
			p++;
		if (*p >= '0' && *p <= '9' && two_digits(&p, 59) < 0)
			return -1;
	}
	skip_blanks(&p);
	if (*p)
		return -1;
	return 0;
}
