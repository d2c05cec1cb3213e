/*
 * test_csv.c - CSV read as spreadsheets write it (libcsv), and the checks
 * of a relationship about to start.
 */
#include "unit.h"

#include "mj_csv.h"
#include "mj_start.h"

static void spreadsheet_csv(void **state)
{
	static const char text[] =
		"\xEF\xBB\xBFslug,mentor\r\n"
		"a,\"Doe, Alex\"\r\n"
		"\r\n"
		"b,\"two\r\nlines \"\"quoted\"\"\"\r\n"
		"c,last";
	struct mj_csv csv;
	int line;
	(void)state;

	assert_int_equal(mj_csv_read(&csv, text, sizeof(text) - 1, &line), 0);
	assert_int_equal(csv.len, 4);
	assert_string_equal(csv.rows[0].fields.items[0], "slug");
	assert_string_equal(csv.rows[1].fields.items[1], "Doe, Alex");
	assert_int_equal(csv.rows[1].line, 2);
	assert_string_equal(csv.rows[2].fields.items[1], "two\r\nlines \"quoted\"");
	assert_int_equal(csv.rows[2].line, 5); /* the line the row ends on */
	assert_string_equal(csv.rows[3].fields.items[1], "last");
	assert_int_equal(csv.rows[3].line, 6);
	mj_csv_free(&csv);

	assert_int_equal(mj_csv_read(&csv, "a,\"open\nb\n", 10, &line), -1);
	assert_int_equal(line, 2);
	mj_csv_free(&csv);
}

static void starting_values_and_defaults(void **state)
{
	struct mj_start s = { "sam", "Alex <a@x>", MJ_STRVEC_INIT, NULL, NULL,
			      MJ_DATE_NONE, MJ_DATE_NONE, MJ_DATE_NONE, NULL };
	char *why, *text;
	(void)state;

	mj_strvec_push(&s.mentees, "Sam <s@x>");
	assert_null(mj_start_check(&s, day("2026-01-31")));
	assert_string_equal(s.type, "one-to-one");
	assert_string_equal(s.model, "developmental");
	assert_int_equal(s.ends, day("2026-07-31"));
	assert_string_equal(s.cadence, "14d");
	text = mj_start_agreement("{{mentor}}|{{mentees}}|{{model}}|{{review}}", &s);
	assert_string_equal(text, "Alex <a@x>|mentee = Sam <s@x>|developmental|2026-05-01");
	free(text);

	mj_strvec_push(&s.mentees, "Kim <k@x>");
	s.type = "1:1";
	why = mj_start_check(&s, day("2026-01-31"));
	assert_non_null(strstr(why, "2 mentees make a group relationship"));
	free(why);
	s.type = "group";
	s.review = day("2026-08-01");
	why = mj_start_check(&s, day("2026-01-31"));
	assert_non_null(strstr(why, "'review' must fall inside the term"));
	free(why);
	mj_strvec_free(&s.mentees);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(spreadsheet_csv),
		cmocka_unit_test(starting_values_and_defaults),
	};
	RUN_TESTS(tests);
}
