/*
 * mj_date.h - calendar dates as day numbers.
 *
 * A date is the number of days since 1970-01-01 (proleptic Gregorian), so
 * differences and comparisons are plain integer arithmetic.
 */
#ifndef MJ_DATE_H
#define MJ_DATE_H

#include <stdbool.h>
#include <time.h>
#include <stddef.h>

typedef int mj_date;

#define MJ_DATE_NONE (-2147483647 - 1)
#define MJ_DATE_TEXT_SIZE 11 /* "YYYY-MM-DD" and NUL */

/* Parses exactly "YYYY-MM-DD" (len bytes) into *out; a real date or -1. */
int mj_date_parse(mj_date *out, const char *text, size_t len);
/* Parses a NUL-terminated string, ignoring surrounding white space. */
int mj_date_parse_str(mj_date *out, const char *text);
/*
 * A date as people say it, the one parser of every date a user types:
 * YYYY-MM-DD; today, yesterday; a weekday (mon, tue, wednesday:
 * three letters or more) meaning the last one before today, never today
 * itself (on a Monday, mon is a week ago); -3d, +2w: days or weeks from
 * today.  Any case, surrounding white space ignored.  today may be
 * MJ_DATE_NONE: then only YYYY-MM-DD.  0, or -1 when it is none of these
 * or not a real date.
 */
int mj_date_parse_spoken(mj_date *out, const char *text, mj_date today);
/* The forms mj_date_parse_spoken takes, for messages. */
#define MJ_DATE_FORMS "YYYY-MM-DD, today, yesterday, a weekday (mon) or -3d"
/* Writes "YYYY-MM-DD" into buf (MJ_DATE_TEXT_SIZE bytes); returns buf. */
char *mj_date_format(mj_date date, char *buf);
mj_date mj_date_from_ymd(int year, int month, int day);
/* The year, month (1-12) and day of a date. */
void mj_date_to_ymd(mj_date date, int *year, int *month, int *day);
/* The same day of the month, n months later (clamped to the month's end). */
mj_date mj_date_add_months(mj_date date, int months);

/*
 * Today: MJOURNAL_TODAY when set (tests, reports as of a date), else the
 * local system date.  Returns -1 and leaves *out alone when MJOURNAL_TODAY is
 * set but not a date.
 */
int mj_date_today(mj_date *out);
/* The local day of a moment; MJ_DATE_NONE when it has none. */
mj_date mj_date_of_time(time_t when);

/* "14d", "2w" into days (> 0); -1 when malformed. */
int mj_cadence_parse(int *days, const char *text);
/* "60m", "1h", "1.5h" into minutes (> 0); -1 when malformed. */
int mj_duration_parse(int *minutes, const char *text);
/*
 * A front matter date: YYYY-MM-DD, or one with a real time of day as Hugo,
 * Jekyll and Obsidian write it (2026-11-20T10:00:00+01:00, 2026-11-20
 * 14:00:00 +0100, 2026-11-20T14:00); the day is the date.  A time must
 * be real: hours 00-23, minutes and seconds 00-59, a zone Z or +-HH[[:]MM].
 */
int mj_date_parse_moment(mj_date *out, const char *text);

#endif
