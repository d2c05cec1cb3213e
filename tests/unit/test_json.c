/*
 * test_json.c - the JSON forms (through jansson) and the journal settings.
 */
#include "unit.h"

#include "mj_json.h"
#include "mj_programme.h"

#include <jansson.h>

/* What printer wrote to a memory stream, parsed back by jansson. */
static json_t *parsed(char *text)
{
	json_error_t err;
	json_t *doc = json_loads(text, 0, &err);
	if (!doc)
		fail_msg("not JSON (%s): %s", err.text, text);
	free(text);
	return doc;
}

static void diagnostics_as_objects(void **state)
{
	struct mj_diags d = MJ_DIAGS_INIT;
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	json_t *doc, *first;
	(void)state;

	mj_diags_add(&d, "sam/2026-02-02.md", 4, 11, MJ_LEVEL_ERROR,
		     MJ_RULE_NOTE_DATE, "a \"quoted\" word\tand a tab");
	mj_diags_add(&d, "sam/agreement.ini", 0, 0, MJ_LEVEL_WARNING,
		     MJ_RULE_TERM_OVER, "over");
	/* a file name that is not UTF-8 is kept, its bad byte replaced */
	mj_diags_add(&d, "sam/Jos\xe9.md", 0, 0, MJ_LEVEL_ERROR,
		     MJ_RULE_NOTE_NAME, "is not a note name: 'Jos\xe9.md'");
	assert_int_equal(mj_json_print_diags(out, &d), 0);
	fclose(out);
	assert_int_equal(mj_json_replaced_bytes(), 2); /* and said on stderr */
	assert_int_equal(text[len - 1], '\n');
	doc = parsed(text);
	assert_int_equal(json_array_size(doc), 3);
	assert_string_equal(json_string_value(json_object_get(json_array_get(doc, 2),
							      "file")),
			    "sam/Jos\xef\xbf\xbd.md");
	first = json_array_get(doc, 0);
	assert_string_equal(json_string_value(json_object_get(first, "file")),
			    "sam/2026-02-02.md");
	assert_int_equal(json_integer_value(json_object_get(first, "line")), 4);
	assert_int_equal(json_integer_value(json_object_get(first, "column")), 11);
	assert_string_equal(json_string_value(json_object_get(first, "level")), "error");
	assert_string_equal(json_string_value(json_object_get(first, "rule")), "note-date");
	assert_string_equal(json_string_value(json_object_get(first, "message")),
			    "a \"quoted\" word\tand a tab");
	json_decref(doc);
	mj_diags_free(&d);
}

static void no_diagnostics_is_an_empty_array(void **state)
{
	struct mj_diags d = MJ_DIAGS_INIT;
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	json_t *doc;
	(void)state;

	assert_int_equal(mj_json_print_diags(out, &d), 0);
	fclose(out);
	assert_int_equal(mj_json_replaced_bytes(), 0);
	doc = parsed(text);
	assert_true(json_is_array(doc));
	assert_int_equal(json_array_size(doc), 0);
	json_decref(doc);
}

static void journal_settings(void **state)
{
	static const char text[] =
		"[journal]\nname = Platform mentoring\n"
		"owner = Alex Doe <alex@example.org>\nautocommit = false\n";
	static const char programme[] = "[programme]\nkey = 4B3C\n";
	struct mj_config c;
	struct mj_diags d = MJ_DIAGS_INIT;
	(void)state;

	mj_config_parse(&c, text, strlen(text), "mjournal.ini", &d);
	assert_int_equal(d.len, 0);
	assert_string_equal(c.name.text, "Platform mentoring");
	assert_string_equal(c.owner.text, "Alex Doe <alex@example.org>");
	assert_false(c.autocommit);
	mj_config_free(&c);

	mj_config_parse(&c, programme, strlen(programme), "mjournal.ini", &d);
	assert_int_equal(d.len, 0);
	assert_string_equal(c.programme_key.text, "4B3C");
	mj_config_free(&c);

	mj_config_parse(&c, "[journal]\nautocommit = maybe\n", 29, "mjournal.ini", &d);
	assert_true(c.autocommit); /* the default stands; the value is an error */
	assert_diag(&d, MJ_RULE_JOURNAL_CONFIG, 2, MJ_LEVEL_ERROR);
	mj_config_free(&c);
	mj_diags_free(&d);
}

/* A row as a journal's figures give it (sessions on the days given). */
static void make_row(struct mj_prog_row *r, const char *slug, enum mj_status status,
		     const mj_date *held, size_t n)
{
	memset(r, 0, sizeof(*r));
	r->journal = mj_xstrdup("North \"cohort\" \xc3\xa9");
	r->slug = mj_xstrdup(slug);
	r->mentor = mj_xstrdup("Alex Doe");
	mj_strvec_push(&r->mentees, "Sam Roe");
	mj_strvec_push(&r->mentees, "Kim Lee");
	r->type = MJ_TYPE_GROUP;
	r->stage = MJ_STAGE_ENABLING;
	r->status = status;
	r->started = mj_date_from_ymd(2026, 1, 5);
	r->ends = mj_date_from_ymd(2026, 12, 31);
	r->closed = status == MJ_STATUS_CLOSED ? mj_date_from_ymd(2026, 6, 1) :
		    MJ_DATE_NONE;
	r->last_held = n ? held[n - 1] : MJ_DATE_NONE;
	r->next_due = MJ_DATE_NONE;
	r->fetched = MJ_DATE_NONE;
	r->sessions = mj_xcalloc(n + 1, sizeof(*r->sessions));
	for (size_t i = 0; i < n; i++)
		r->sessions[r->n_sessions++] = (struct mj_prog_session){ held[i], true, 50 };
	r->held = (int)n;
	r->minutes = 50 * (int)n;
	r->missed = 1;
	r->open_actions = 2;
	r->late_actions = 1;
	r->warnings = 3;
	r->overdue = true;
	r->closing_complete = status == MJ_STATUS_CLOSED;
}

/* What programme --format json writes of one journal reads back into
 * the same rows, and figures that are the same as the journal's own. */
static void programme_figures_read_back(void **state)
{
	const mj_date a[] = { mj_date_from_ymd(2026, 3, 2), mj_date_from_ymd(2026, 3, 9),
			      mj_date_from_ymd(2026, 4, 20) };
	const mj_date b[] = { mj_date_from_ymd(2026, 3, 3), mj_date_from_ymd(2026, 3, 24) };
	struct mj_prog_row rows[2];
	struct mj_prog_figures f, back;
	struct mj_prog_rows got = { NULL, 0, 0 };
	struct mj_prog_known known;
	struct mj_prog_source src = { NULL, NULL, NULL, NULL, MJ_DATE_NONE, MJ_DATE_NONE };
	char *text = NULL, *journal = NULL;
	size_t len = 0;
	mj_date today = mj_date_from_ymd(2026, 11, 30), day;
	FILE *out = open_memstream(&text, &len);
	(void)state;

	make_row(&rows[0], "sam-with-alex", MJ_STATUS_ACTIVE, a, 3);
	make_row(&rows[1], "kim-with-alex", MJ_STATUS_CLOSED, b, 2);
	src.shown = mj_xstrdup("gcrypt::https://hub.example.org/j.git");
	src.journal = mj_xstrdup(rows[0].journal);
	mj_prog_figures(rows, 2, &f);
	assert_int_equal(mj_json_print_programme(out, today, &src, 1, rows, 2, &f), 0);
	fclose(out);
	assert_int_equal(mj_json_read_programme(text, len, &got, &known, &journal,
						&day), 0);
	assert_int_equal(day, today);
	assert_string_equal(journal, rows[0].journal);
	assert_int_equal(got.len, 2);
	for (size_t i = 0; i < 2; i++) {
		assert_string_equal(got.items[i].slug, rows[i].slug);
		assert_string_equal(got.items[i].mentor, rows[i].mentor);
		assert_int_equal(got.items[i].mentees.len, 2);
		assert_string_equal(got.items[i].mentees.items[1], "Kim Lee");
		assert_int_equal(got.items[i].type, rows[i].type);
		assert_int_equal(got.items[i].stage, rows[i].stage);
		assert_int_equal(got.items[i].status, rows[i].status);
		assert_int_equal(got.items[i].closed, rows[i].closed);
		assert_int_equal(got.items[i].last_held, rows[i].last_held);
		assert_int_equal(got.items[i].next_due, MJ_DATE_NONE);
		assert_int_equal(got.items[i].minutes, rows[i].minutes);
		assert_int_equal(got.items[i].held, rows[i].held);
		assert_int_equal(got.items[i].late_actions, 1);
		assert_int_equal(got.items[i].warnings, 3);
		assert_true(got.items[i].overdue);
		assert_int_equal(got.items[i].n_sessions, 0);
	}
	/* the figures of the rows read back, with what they cannot say */
	mj_prog_figures_with(got.items, got.len, &known, 1, &back);
	assert_int_equal(back.minutes, f.minutes);
	assert_int_equal(back.held, f.held);
	assert_int_equal(back.closed_complete, f.closed_complete);
	assert_true(back.median_gap_days == f.median_gap_days);
	assert_int_equal(back.months.len, f.months.len);
	for (size_t i = 0; i < f.months.len; i++) {
		assert_string_equal(back.months.items[i].key, f.months.items[i].key);
		assert_int_equal(back.months.items[i].held, f.months.items[i].held);
		assert_int_equal(back.months.items[i].value, f.months.items[i].value);
	}
	assert_int_equal(back.by_status.len, f.by_status.len);
	mj_prog_figures_free(&back);
	mj_prog_known_free(&known);
	mj_prog_rows_free(&got);
	free(journal);
	free(text);

	/* a field missing or of another kind: nothing read */
	static const char *const bad[] = {
		"{\"today\": \"2026-11-30\", \"relationships\": [], \"figures\": {}}",
		"[]", "not json",
		"{\"today\": \"2026-11-30\", \"relationships\": [{\"slug\": \"../x\"}], "
		"\"figures\": {\"months\": [], \"median_days_between_sessions\": null, "
		"\"share_closed_complete\": null}}",
	};
	for (size_t i = 0; i < MJ_ARRAY_SIZE(bad); i++) {
		assert_int_equal(mj_json_read_programme(bad[i], strlen(bad[i]), &got,
							&known, &journal, &day), -1);
		assert_int_equal(got.len, 0);
		assert_null(journal);
	}
	mj_prog_figures_free(&f);
	mj_prog_row_free(&rows[0]);
	mj_prog_row_free(&rows[1]);
	mj_prog_source_free(&src);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(diagnostics_as_objects),
		cmocka_unit_test(no_diagnostics_is_an_empty_array),
		cmocka_unit_test(journal_settings),
		cmocka_unit_test(programme_figures_read_back),
	};
	RUN_TESTS(tests);
}
