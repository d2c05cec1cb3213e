/*
 * test_csv.c - CSV read as spreadsheets write it (libcsv), its rows as
 * import reads them, and the checks of a relationship about to start.
 */
#include "unit.h"

#include "mj_csv.h"
#include "mj_import.h"
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
	struct mj_csv_error error;
	(void)state;

	assert_int_equal(mj_csv_read(&csv, text, sizeof(text) - 1, &error), 0);
	assert_int_equal(csv.separator, ',');
	assert_int_equal(csv.len, 4);
	assert_string_equal(csv.rows[0].fields.items[0], "slug");
	assert_string_equal(csv.rows[1].fields.items[1], "Doe, Alex");
	assert_int_equal(csv.rows[1].line, 2);
	assert_string_equal(csv.rows[2].fields.items[1], "two\r\nlines \"quoted\"");
	assert_int_equal(csv.rows[2].line, 5); /* the line the row ends on */
	assert_string_equal(csv.rows[3].fields.items[1], "last");
	assert_int_equal(csv.rows[3].line, 6);
	mj_csv_free(&csv);

	assert_int_equal(mj_csv_read(&csv, "a,\"open\nb\n", strlen("a,\"open\nb\n"), &error), -1);
	assert_int_equal(error.problem, MJ_CSV_UNCLOSED);
	assert_int_equal(error.line, 1); /* where the cell starts */
	assert_int_equal(error.field, 1);
	mj_csv_free(&csv);
}

static struct mj_csv read_text(const char *text, int want)
{
	struct mj_csv csv;
	struct mj_csv_error error;

	assert_int_equal(mj_csv_read(&csv, text, strlen(text), &error), want);
	return csv;
}

/* The separator of the first row, or the one sep= names; lines as an
 * editor counts them, whatever ends them. */
static void separators_and_line_ends(void **state)
{
	struct mj_csv csv;
	(void)state;

	csv = read_text("a;\"b;c\";d,e\n1;2;3\n", 0);
	assert_int_equal(csv.separator, ';');
	assert_int_equal(csv.rows[0].fields.len, 3);
	assert_string_equal(csv.rows[0].fields.items[1], "b;c");
	assert_string_equal(csv.rows[0].fields.items[2], "d,e");
	mj_csv_free(&csv);

	csv = read_text("a\t b\t\tc\n", 0);
	assert_int_equal(csv.separator, '\t');
	assert_int_equal(csv.rows[0].fields.len, 4);
	assert_string_equal(csv.rows[0].fields.items[1], "b");
	assert_string_equal(csv.rows[0].fields.items[2], "");
	mj_csv_free(&csv);

	csv = read_text("\xEF\xBB\xBFsep=;\r\na,b;c\r\nd;e\r\n", 0);
	assert_true(csv.sep_line);
	assert_int_equal(csv.len, 2);
	assert_string_equal(csv.rows[0].fields.items[0], "a,b");
	assert_int_equal(csv.rows[0].line, 2);
	assert_int_equal(csv.rows[1].line, 3);
	mj_csv_free(&csv);

	csv = read_text("a,b\r1,2\r\r3,\"x\ry\"\r4,5", 0);
	assert_int_equal(csv.len, 4);
	assert_int_equal(csv.rows[1].line, 2);
	assert_int_equal(csv.rows[2].line, 5); /* the line the row ends on */
	assert_string_equal(csv.rows[2].fields.items[1], "x\ry");
	assert_int_equal(csv.rows[3].line, 6);
	mj_csv_free(&csv);
}

/* Quotes that do not pair up, told apart. */
static void stray_quotes(void **state)
{
	struct mj_csv csv;
	struct mj_csv_error error;
	(void)state;

	assert_int_equal(mj_csv_read(&csv, "a,b\r\nx,O\"Brien\r\n", strlen("a,b\r\nx,O\"Brien\r\n"), &error), -1);
	assert_int_equal(error.problem, MJ_CSV_QUOTE_IN_CELL);
	assert_int_equal(error.line, 2);
	assert_int_equal(error.field, 1);
	mj_csv_free(&csv);
	assert_int_equal(mj_csv_read(&csv, "a,b\n\n\"O\"Brien\",x\n", strlen("a,b\n\n\"O\"Brien\",x\n"), &error), -1);
	assert_int_equal(error.problem, MJ_CSV_AFTER_QUOTE);
	assert_int_equal(error.line, 3);
	assert_int_equal(error.field, 0);
	mj_csv_free(&csv);
	assert_int_equal(mj_csv_read(&csv, "a,b\rc,d\r\"e,\rf\r", strlen("a,b\rc,d\r\"e,\rf\r"), &error), -1);
	assert_int_equal(error.problem, MJ_CSV_UNCLOSED);
	assert_int_equal(error.line, 3);
	assert_int_equal(error.field, 0);
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
		   "\"Eve ^[]52;c;eA==^G \\x9b Doe\",two^Jlines\r\n");
	/* quoted where RFC 4180 needs it */
	expect_row(ROW({ MJ_CSV_TEXT, "Doe, Alex" }, { MJ_CSV_TEXT, " pad" },
		       { MJ_CSV_TEXT, NULL }, { MJ_CSV_TEXT, "plain" }),
		   "\"Doe, Alex\",\" pad\",,plain\r\n");
	/* a first row of ';' or "sep=" would name another separator */
	expect_row(ROW({ MJ_CSV_TEXT, "a;b" }, { MJ_CSV_TEXT, "sep=;" }),
		   "\"a;b\",\"sep=;\"\r\n");
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

/* A spreadsheet's rows read: date cells at 00:00 are the day; a date
 * that cannot be read is one diagnostic, never the term's checks on a
 * default in its place; extra columns are one note. */
static void import_rows(void **state)
{
	static const char text[] =
		"slug;mentor;mentee;started;ends;Department\r"
		"a-b;A <a@x>;B <b@x>;2026-01-05 00:00:00;2026-06-30T00:00Z;X\r"
		"c-d;A <a@x>;C <c@x>;05/01/2026;2025-06-30;\r"
		"e-f;A <a@x>;E <e@x>;2026-01-05T09:30;;\r";
	struct mj_import im;
	(void)state;

	mj_import_read(&im, "m.csv", text, sizeof(text) - 1, day("2026-01-01"));
	assert_int_equal(im.n, 3);
	assert_true(im.checked[0]);
	assert_int_equal(im.rows[0].started, day("2026-01-05"));
	assert_int_equal(im.rows[0].ends, day("2026-06-30"));
	assert_false(im.checked[1]);
	assert_int_equal(im.diags.len, 3);
	assert_int_equal(im.diags.items[0].level, MJ_LEVEL_INFO);
	assert_non_null(strstr(im.diags.items[0].message, "'Department'"));
	assert_int_equal(im.diags.items[1].line, 3);
	assert_non_null(strstr(im.diags.items[1].message, "'05/01/2026'"));
	assert_int_equal(im.diags.items[2].line, 4);
	assert_non_null(strstr(im.diags.items[2].message, "time of day"));
	mj_import_free(&im);
}

/* The journals import --split makes: by pair one a row; by mentor one
 * a mentor cell (case and space aside), its folder safe on any system
 * and unique without regard to case. */
static void split_into_journals(void **state)
{
	static const char text[] =
		"slug,mentor,mentee\n"
		"a,Alex Doe <a@x>,B <b@x>\n"
		"b, ALEX doe <A@x> ,C <c@x>\n"
		"c,alex DOE <z@x>,D <d@x>\n"
		"d,.. a/b:c*d? <e@x>,E <e@x>\n"
		"e,<only@x>,F <f@x>\n";
	struct mj_import im;
	struct mj_import_journal *j;
	size_t n;
	(void)state;

	mj_import_read(&im, "s.csv", text, sizeof(text) - 1, day("2026-01-01"));
	assert_int_equal(im.n, 5);
	n = mj_import_split(&im, MJ_IMPORT_BY_PAIR, &j);
	assert_int_equal(n, 5);
	assert_string_equal(j[1].folder, "b");
	assert_string_equal(j[1].name, "b");
	assert_int_equal(j[1].n, 1);
	assert_int_equal(j[1].rows[0], 1);
	mj_import_journals_free(j, n);

	n = mj_import_split(&im, MJ_IMPORT_BY_MENTOR, &j);
	assert_int_equal(n, 4);
	assert_string_equal(j[0].folder, "Alex Doe");
	assert_string_equal(j[0].name, "Alex Doe");
	assert_string_equal(j[0].owner, "Alex Doe <a@x>");
	assert_int_equal(j[0].n, 2);
	assert_int_equal(j[0].rows[1], 1);
	assert_string_equal(j[1].folder, "alex DOE 2");
	assert_string_equal(j[2].folder, "a-b-c-d");
	assert_string_equal(j[2].name, ".. a/b:c*d?");
	assert_string_equal(j[3].folder, "only@x"); /* the address alone */
	mj_import_journals_free(j, n);
	mj_import_free(&im);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(spreadsheet_csv),
		cmocka_unit_test(separators_and_line_ends),
		cmocka_unit_test(stray_quotes),
		cmocka_unit_test(cells_a_spreadsheet_cannot_evaluate),
		cmocka_unit_test(starting_values_and_defaults),
		cmocka_unit_test(import_rows),
		cmocka_unit_test(split_into_journals),
	};
	RUN_TESTS(tests);
}
