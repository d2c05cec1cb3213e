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

/* One row through the writer, as text. */
static char *written(const struct mj_csv_cell *cells, size_t n)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	mj_csv_write_row(f, cells, n);
	fclose(f);
	return text;
}

static void expect_row(const struct mj_csv_cell *cells, size_t n,
		       const char *want)
{
	char *got = written(cells, n);

	assert_string_equal(got, want);
	free(got);
}

#define ROW(...) (const struct mj_csv_cell[]){ __VA_ARGS__ }, \
	sizeof((const struct mj_csv_cell[]){ __VA_ARGS__ }) / sizeof(struct mj_csv_cell)

/* A spreadsheet never evaluates a cell of someone's words (OWASP's rule
 * for CSV injection); what mjournal worked out stays a number or a day. */
static void cells_a_spreadsheet_cannot_evaluate(void **state)
{
	(void)state;

	expect_row(ROW({ MJ_CSV_TEXT, "=HYPERLINK(\"http://x\",\"y\")" }),
		   "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\r\n");
	expect_row(ROW({ MJ_CSV_TEXT, "+1" }, { MJ_CSV_TEXT, "-1" },
		       { MJ_CSV_TEXT, "@SUM(A1)" }, { MJ_CSV_TEXT, "\tTab" },
		       { MJ_CSV_TEXT, "\rCR" }),
		   "\"'+1\",\"'-1\",\"'@SUM(A1)\",\"'^ITab\",\"'^MCR\"\r\n");
	/* control characters made visible, as on a terminal */
	expect_row(ROW({ MJ_CSV_TEXT, "Eve \033]52;c;eA==\007 \302\233 Doe" },
		       { MJ_CSV_TEXT, "two\nlines" }),
		   "Eve ^[]52;c;eA==^G \\x9b Doe,two^Jlines\r\n");
	/* quoted where RFC 4180 needs it */
	expect_row(ROW({ MJ_CSV_TEXT, "Doe, Alex" }, { MJ_CSV_TEXT, " pad" },
		       { MJ_CSV_TEXT, NULL }, { MJ_CSV_TEXT, "plain" }),
		   "\"Doe, Alex\",\" pad\",,plain\r\n");
	/* mjournal's own figures as it wrote them */
	expect_row(ROW({ MJ_CSV_NUMBER, "-3" }, { MJ_CSV_NUMBER, "37.25" },
		       { MJ_CSV_DATE, "2026-11-23" }, { MJ_CSV_DATE, "" },
		       { MJ_CSV_BOOL, "true" }),
		   "-3,37.25,2026-11-23,,true\r\n");
	/* a kind whose text has not its shape is someone's words */
	expect_row(ROW({ MJ_CSV_NUMBER, "-1+2" }, { MJ_CSV_NUMBER, "3." },
		       { MJ_CSV_DATE, "=2026-11-23" }, { MJ_CSV_BOOL, "@yes" }),
		   "\"'-1+2\",3.,\"'=2026-11-23\",\"'@yes\"\r\n");
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
		cmocka_unit_test(cells_a_spreadsheet_cannot_evaluate),
		cmocka_unit_test(starting_values_and_defaults),
	};
	RUN_TESTS(tests);
}
