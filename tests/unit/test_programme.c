/*
 * test_programme.c - programme rows and figures, built in memory.
 */
#include "unit.h"

#include "mj_programme.h"

static void rows_and_figures(void **state)
{
	static const char *const notes[] = {
		"2026-01-19.md", NOTE("2026-01-19", "negotiating", HELD, "# T\n"),
		"2026-02-02.md", NOTE("2026-02-02", "enabling",
				      "attendance: held\nduration: 1h30m\n", FEEDBACK),
		"2026-02-09.md", NOTE("2026-02-09", "enabling",
				      "attendance: no-show\n", ""),
		"2026-02-23.md", NOTE("2026-02-23", "enabling", HELD, FEEDBACK),
		"2026-02-24.private.md", NOTE("2026-02-24", "enabling", HELD, FEEDBACK),
		NULL,
	};
	static const struct fixture closed = {
		"closed", "2026-03-01", "goal = Lead a project", "2026-02-12",
		"2026-01-19",
	};
	struct mj_relationship a, b;
	struct mj_prog_row rows[2];
	struct mj_prog_figures f;
	(void)state;

	build(&a, &active, notes);
	build(&b, &closed, notes);
	mj_prog_row_make(&rows[0], "J", &a, day("2026-02-25"));
	mj_prog_row_make(&rows[1], "J", &b, day("2026-02-25"));
	/* the private note is left out: three held, one missed */
	assert_int_equal(rows[0].held, 3);
	assert_int_equal(rows[0].missed, 1);
	assert_int_equal(rows[0].minutes, 210);
	assert_string_equal(rows[0].mentor, "Alex Doe");
	assert_string_equal(rows[0].mentees.items[0], "Sam Roe");
	assert_int_equal(rows[0].last_held, day("2026-02-23"));
	assert_false(rows[1].closing_complete); /* no closing session */
	mj_prog_figures(rows, 2, &f);
	assert_int_equal(f.relationships, 2);
	assert_int_equal(f.minutes, 420);
	assert_int_equal(f.held, 6);
	/* 14, 21 twice each: the mean of the two middle ones */
	assert_true(f.median_gap_days == 17.5);
	assert_int_equal(f.months.len, 2);
	assert_string_equal(f.months.items[1].key, "2026-02");
	assert_int_equal(f.months.items[1].held, 4);
	assert_int_equal(f.months.items[1].missed, 2);
	assert_int_equal(f.ended, 1);
	assert_int_equal(f.closed, 1);
	assert_int_equal(f.closed_complete, 0);
	assert_int_equal(f.mentor_minutes.len, 1);
	assert_int_equal(f.mentor_minutes.items[0].value, 420);
	mj_prog_figures_free(&f);
	mj_prog_row_free(&rows[0]);
	mj_prog_row_free(&rows[1]);
	mj_relationship_free(&a);
	mj_relationship_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rows_and_figures),
	};
	RUN_TESTS(tests);
}
