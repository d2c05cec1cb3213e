/*
 * test_date.c - calendar dates, cadences and durations.
 */
#include "unit.h"

#include "mj_date.h"

static mj_date date_of(const char *text)
{
	mj_date d = MJ_DATE_NONE;
	assert_int_equal(mj_date_parse_str(&d, text), 0);
	return d;
}

static void parses_real_dates(void **state)
{
	char buf[MJ_DATE_TEXT_SIZE];
	(void)state;
	assert_int_equal(date_of("1970-01-01"), 0);
	assert_int_equal(date_of("2026-01-12"), 20465);
	assert_string_equal(mj_date_format(date_of("2024-02-29"), buf), "2024-02-29");
	assert_string_equal(mj_date_format(date_of("  2026-12-31 "), buf), "2026-12-31");
	assert_int_equal(date_of("2026-03-01") - date_of("2026-02-28"), 1);
	assert_int_equal(date_of("2024-03-01") - date_of("2024-02-28"), 2);
	assert_int_equal(date_of("2000-03-01") - date_of("2000-02-28"), 2);
	assert_int_equal(date_of("1900-03-01") - date_of("1900-02-28"), 1);
}

static void refuses_unreal_dates(void **state)
{
	static const char *const bad[] = {
		"2026-02-29", "2026-02-30", "2026-04-31", "2026-13-01",
		"2026-00-10", "2026-01-00", "2026-1-12", "26-01-12", "2026/01/12",
		"2026-01-12x", "", "0000-01-01", "2026-01-1a", "１９７０-01-01",
		"1900-02-29",
	};
	mj_date d = 42;
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(mj_date_parse_str(&d, bad[i]), -1);
		assert_int_equal(d, 42);
	}
}

static void round_trips_every_day(void **state)
{
	char buf[MJ_DATE_TEXT_SIZE];
	mj_date d;
	(void)state;
	for (mj_date day = date_of("1999-12-01"); day < date_of("2101-03-01"); day++) {
		mj_date_format(day, buf);
		assert_int_equal(mj_date_parse(&d, buf, strlen(buf)), 0);
		assert_int_equal(d, day);
	}
}

static void adds_months_clamped(void **state)
{
	char buf[MJ_DATE_TEXT_SIZE];
	(void)state;
	assert_string_equal(mj_date_format(mj_date_add_months(date_of("2026-01-12"), 6), buf), "2026-07-12");
	assert_string_equal(mj_date_format(mj_date_add_months(date_of("2026-08-31"), 6), buf), "2027-02-28");
	assert_string_equal(mj_date_format(mj_date_add_months(date_of("2023-08-31"), 6), buf), "2024-02-29");
	assert_string_equal(mj_date_format(mj_date_add_months(date_of("2026-12-15"), 1), buf), "2027-01-15");
}

static void today_honours_the_environment(void **state)
{
	mj_date d;
	(void)state;
	setenv("MJOURNAL_TODAY", "2026-02-02", 1);
	assert_int_equal(mj_date_today(&d), 0);
	assert_int_equal(d, date_of("2026-02-02"));
	setenv("MJOURNAL_TODAY", "2026-02-30", 1);
	assert_int_equal(mj_date_today(&d), -1);
	unsetenv("MJOURNAL_TODAY");
	assert_int_equal(mj_date_today(&d), 0);
	assert_true(d > date_of("2020-01-01"));
}

static void parses_cadences(void **state)
{
	int days = 0;
	(void)state;
	assert_int_equal(mj_cadence_parse(&days, "14d"), 0);
	assert_int_equal(days, 14);
	assert_int_equal(mj_cadence_parse(&days, "2w"), 0);
	assert_int_equal(days, 14);
	assert_int_equal(mj_cadence_parse(&days, "0d"), -1);
	assert_int_equal(mj_cadence_parse(&days, "14"), -1);
	assert_int_equal(mj_cadence_parse(&days, "d"), -1);
	assert_int_equal(mj_cadence_parse(&days, "2 w"), -1);
	assert_int_equal(mj_cadence_parse(&days, "9999999d"), -1);
	assert_int_equal(mj_cadence_parse(&days, "-3d"), -1);
}

static void parses_durations(void **state)
{
	int m = 0;
	(void)state;
	assert_int_equal(mj_duration_parse(&m, "60m"), 0);
	assert_int_equal(m, 60);
	assert_int_equal(mj_duration_parse(&m, "1h"), 0);
	assert_int_equal(m, 60);
	assert_int_equal(mj_duration_parse(&m, "1.5h"), 0);
	assert_int_equal(m, 90);
	assert_int_equal(mj_duration_parse(&m, "0.25h"), 0);
	assert_int_equal(m, 15);
	assert_int_equal(mj_duration_parse(&m, "45min"), 0);
	assert_int_equal(m, 45);
	assert_int_equal(mj_duration_parse(&m, "60"), -1);
	assert_int_equal(mj_duration_parse(&m, "1.5m"), -1);
	assert_int_equal(mj_duration_parse(&m, "0m"), -1);
	assert_int_equal(mj_duration_parse(&m, "h"), -1);
	assert_int_equal(mj_duration_parse(&m, "1.h"), -1);
	assert_int_equal(mj_duration_parse(&m, "1.125h"), -1);
	assert_int_equal(mj_duration_parse(&m, "9999999h"), -1);
	/* the forms people write */
	static const struct { const char *text; int minutes; } forms[] = {
		{ "1h30m", 90 }, { "1h 30m", 90 }, { "90 min", 90 }, { "1:30", 90 },
		{ "0:45", 45 }, { "45 minutes", 45 }, { "1 hour", 60 },
		{ "1.5 h", 90 }, { "2 hrs", 120 }, { "1H", 60 }, { " 30m ", 30 },
	};
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		m = 0;
		if (mj_duration_parse(&m, forms[i].text) != 0 || m != forms[i].minutes)
			fail_msg("'%s' read as %d", forms[i].text, m);
	}
	assert_int_equal(mj_duration_parse(&m, "25h"), -1);
	assert_int_equal(mj_duration_parse(&m, "1:75"), -1);
	assert_int_equal(mj_duration_parse(&m, "1m30"), -1);
	assert_int_equal(mj_duration_parse(&m, "an hour"), -1);
}

/* front matter dates with a time of day: the day is the date */
static void parses_moments(void **state)
{
	static const char *const good[] = {
		"2026-11-20", "2026-11-20T10:00:00+01:00", "2026-11-20 14:00:00 +0100",
		"2026-11-20T14:00", "2026-11-20T14:00:00Z", "2026-11-20 14:00",
		"2026-11-20T23:59:59.999-05:00", "2026-11-20 00:00:00 -5",
		"2026-11-20t10:00:00z", "2026-11-20T10:00:00+0530",
	};
	static const char *const bad[] = {
		"2026-11-20X", "2026-11-20Tnoon", "2026-11-31T10:00", "20261120",
		"2026-11-20T1", "2026-11-20 and more", "2026-11-20T25:99:00",
		"2026-11-20T24:00", "2026-11-20T10:60", "2026-11-20T10:00:61",
		"2026-11-20T10:00:00+25:00", "2026-11-20T10:00:00+01:75",
		"2026-11-20T10:00:00.", "2026-11-20T10:00:00 pm",
		"2026-11-20T10:00+", "2026-11-20T10:0",
	};
	char text[MJ_DATE_TEXT_SIZE];
	mj_date d;
	(void)state;

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		if (mj_date_parse_moment(&d, good[i]) != 0)
			fail_msg("'%s' refused", good[i]);
		assert_string_equal(mj_date_format(d, text), "2026-11-20");
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (mj_date_parse_moment(&d, bad[i]) == 0)
			fail_msg("'%s' accepted", bad[i]);
}

/* today is 2026-12-02, a Wednesday */
static mj_date spoken(const char *text)
{
	mj_date d = MJ_DATE_NONE;
	assert_int_equal(mj_date_parse_spoken(&d, text, date_of("2026-12-02")), 0);
	return d;
}

static void parses_dates_as_people_say_them(void **state)
{
	static const char *const bad[] = { "", "now", "mo", "mondays", "-d",
		"-3", "3d", "-3x", "tomorrow", "--3d", "-1000000d", "yesterday2",
		"2026-12-32", NULL };
	mj_date d = 42;
	(void)state;

	assert_int_equal(spoken("2026-11-30"), date_of("2026-11-30"));
	assert_int_equal(spoken(" today "), date_of("2026-12-02"));
	assert_int_equal(spoken("Yesterday"), date_of("2026-12-01"));
	/* the last one before today, never today itself */
	assert_int_equal(spoken("tue"), date_of("2026-12-01"));
	assert_int_equal(spoken("mon"), date_of("2026-11-30"));
	assert_int_equal(spoken("monday"), date_of("2026-11-30"));
	assert_int_equal(spoken("wed"), date_of("2026-11-25"));
	assert_int_equal(spoken("Wednesday"), date_of("2026-11-25"));
	assert_int_equal(spoken("thurs"), date_of("2026-11-26"));
	assert_int_equal(spoken("sun"), date_of("2026-11-29"));
	assert_int_equal(spoken("-1d"), date_of("2026-12-01"));
	assert_int_equal(spoken("-30d"), date_of("2026-11-02"));
	assert_int_equal(spoken("+2w"), date_of("2026-12-16"));
	assert_int_equal(spoken("-0d"), date_of("2026-12-02"));
	for (size_t i = 0; bad[i]; i++)
		assert_int_equal(mj_date_parse_spoken(&d, bad[i],
						      date_of("2026-12-02")), -1);
	/* without today, only YYYY-MM-DD */
	assert_int_equal(mj_date_parse_spoken(&d, "today", MJ_DATE_NONE), -1);
	assert_int_equal(mj_date_parse_spoken(&d, "2026-01-01", MJ_DATE_NONE), 0);
	assert_int_equal(d, date_of("2026-01-01"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_real_dates),
		cmocka_unit_test(parses_moments),
		cmocka_unit_test(parses_dates_as_people_say_them),
		cmocka_unit_test(refuses_unreal_dates),
		cmocka_unit_test(round_trips_every_day),
		cmocka_unit_test(adds_months_clamped),
		cmocka_unit_test(today_honours_the_environment),
		cmocka_unit_test(parses_cadences),
		cmocka_unit_test(parses_durations),
	};
	RUN_TESTS(tests);
}
