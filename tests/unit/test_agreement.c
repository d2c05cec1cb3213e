/*
 * test_agreement.c - INI reading through inih and the agreement model.
 */
#include "unit.h"

#include "mj_ini.h"
#include "mj_model.h"

#define FILE_NAME "sam/agreement.ini"

static const char good[] =
	"; a comment\n"
	"[relationship]\n"
	"mentor = Alex Doe <alex@example.org>\n"
	"mentee = Sam Roe <sam@example.org>\n"
	"type = one-to-one            ; inline comment\n"
	"model = developmental\n"
	"started = 2026-01-12\n"
	"ends = 2026-07-12\n"
	"cadence = 2w\n"
	"status = active\n"
	"closed =\n"
	"\n"
	"[goals]\n"
	"goal = Lead my first project end to end\n"
	"goal = Build a network outside the data team\n"
	"  continuation lines are indented\n"
	"  and join the value above\n"
	"goal = Third\n"
	"\n"
	"[terms]\n"
	"confidentiality = What we discuss stays between us.\n"
	"review = 2026-04-12\n"
	"signed-mentor = 2026-01-19\n"
	"signed-mentee = 2026-01-20\n";

static void parse(struct mj_agreement *a, struct mj_diags *d, const char *text)
{
	mj_agreement_parse(a, text, strlen(text), FILE_NAME, d);
}

static void reads_every_field_with_its_line(void **state)
{
	struct mj_agreement a;
	struct mj_diags d = MJ_DIAGS_INIT;
	char buf[MJ_DATE_TEXT_SIZE];
	(void)state;

	parse(&a, &d, good);
	if (d.len)
		dump_diags(&d);
	assert_int_equal(d.len, 0);
	assert_true(a.parsed);
	assert_string_equal(a.mentor.text, "Alex Doe <alex@example.org>");
	assert_int_equal(a.mentor.line, 3);
	assert_int_equal(a.n_mentees, 1);
	assert_int_equal(a.mentees[0].line, 4);
	assert_string_equal(a.type.text, "one-to-one");
	assert_int_equal(a.type_value, MJ_TYPE_ONE_TO_ONE);
	assert_int_equal(a.cadence_days, 14);
	assert_string_equal(mj_date_format(a.started_date, buf), "2026-01-12");
	assert_int_equal(a.closed_date, MJ_DATE_NONE);
	assert_int_equal(a.status_value, MJ_STATUS_ACTIVE);
	assert_int_equal(a.status.line, 10);
	assert_int_equal(a.closed.line, 11);
	assert_int_equal(a.relationship_end_line, 11);
	assert_int_equal(a.n_goals, 3);
	assert_string_equal(a.goals[1].text, "Build a network outside the data team "
			    "continuation lines are indented and join the value above");
	assert_int_equal(a.goals[1].line, 15);
	assert_int_equal(a.goals[2].line, 18);
	assert_string_equal(mj_date_format(mj_agreement_signed_date(&a), buf),
			    "2026-01-20");
	mj_agreement_free(&a);
	mj_diags_free(&d);
}

static void group_mentees_are_a_list_in_file_order(void **state)
{
	struct mj_agreement a;
	struct mj_diags d = MJ_DIAGS_INIT;
	(void)state;

	parse(&a, &d, "[relationship]\nmentor = A <a@x>\nmentee = K\nmentee = W\n"
		      "mentee = J\ntype = group\nstarted = 2026-01-01\n"
		      "ends = 2026-06-01\ncadence = 7d\n");
	assert_int_equal(d.len, 0);
	assert_int_equal(a.n_mentees, 3);
	assert_string_equal(a.mentees[0].text, "K");
	assert_string_equal(a.mentees[2].text, "J");
	assert_int_equal(a.type_value, MJ_TYPE_GROUP);
	mj_agreement_free(&a);
	mj_diags_free(&d);
}

static void refuses_a_line_inih_would_cut(void **state)
{
	struct mj_agreement a;
	struct mj_diags d = MJ_DIAGS_INIT;
	char text[1024], goal[400];
	(void)state;

	memset(goal, 'x', 300);
	goal[300] = '\0';
	snprintf(text, sizeof(text), "[relationship]\nmentor = A\nmentee = B\n"
		 "started = 2026-01-01\nends = 2026-06-01\ncadence = 7d\n"
		 "[goals]\ngoal = %s\ngoal = short\n", goal);
	parse(&a, &d, text);
	assert_false(a.parsed);
	assert_diag(&d, MJ_RULE_AGREEMENT_SYNTAX, 8, MJ_LEVEL_ERROR);
	assert_non_null(strstr(d.items[0].message, "continuation"));
	/* the cut value is never read: only the short goal is there */
	assert_int_equal(a.n_goals, 1);
	assert_string_equal(a.goals[0].text, "short");
	mj_agreement_free(&a);
	mj_diags_free(&d);
}

static void a_line_at_the_limit_is_read_whole(void **state)
{
	struct mj_ini ini = MJ_INI_INIT;
	struct mj_diags d = MJ_DIAGS_INIT;
	char text[512];
	(void)state;

	/* "k = " and 194 bytes: a 198-byte line, the most inih can hold */
	memcpy(text, "[s]\nk = ", 8);
	memset(text + 8, 'v', 194);
	strcpy(text + 8 + 194, "\r\nnext = 1\n");
	assert_int_equal(mj_ini_parse(&ini, text, strlen(text), "f.ini",
				      MJ_RULE_AGREEMENT_SYNTAX, &d), 0);
	assert_int_equal(d.len, 0);
	assert_int_equal(ini.len, 2);
	assert_int_equal(strlen(ini.items[0].value), 194);
	assert_int_equal(ini.items[1].line, 3);
	mj_ini_free(&ini);
	/* one byte more is refused */
	memcpy(text, "[s]\nk = ", 8);
	memset(text + 8, 'v', 195);
	strcpy(text + 8 + 195, "\n");
	assert_int_equal(mj_ini_parse(&ini, text, strlen(text), "f.ini",
				      MJ_RULE_AGREEMENT_SYNTAX, &d), -1);
	assert_diag(&d, MJ_RULE_AGREEMENT_SYNTAX, 2, MJ_LEVEL_ERROR);
	mj_ini_free(&ini);
	mj_diags_free(&d);
}

static void reports_syntax_errors_with_their_line(void **state)
{
	struct mj_agreement a;
	struct mj_diags d = MJ_DIAGS_INIT;
	(void)state;

	parse(&a, &d, "[relationship]\nmentor = A\nthis line is not ini\n");
	assert_false(a.parsed);
	assert_diag(&d, MJ_RULE_AGREEMENT_SYNTAX, 3, MJ_LEVEL_ERROR);
	mj_agreement_free(&a);
	mj_diags_free(&d);

	parse(&a, &d, "[relationship]\nmentor = A\x00 hidden\n");
	mj_agreement_free(&a);
	mj_diags_free(&d);
	/* a NUL inside the given length */
	mj_agreement_parse(&a, "[relationship]\nmentor = A\0B\n", 28, FILE_NAME, &d);
	assert_diag(&d, MJ_RULE_FILE_ENCODING, 2, MJ_LEVEL_ERROR);
	assert_int_equal(d.len, 1); /* said once, not as missing fields */
	assert_false(a.parsed);
	/* and nothing is read from it: no date is taken for 1970-01-01 */
	assert_int_equal(a.ends_date, MJ_DATE_NONE);
	assert_int_equal(a.started_date, MJ_DATE_NONE);
	mj_agreement_free(&a);
	mj_diags_free(&d);
	/* Windows habits: an accented name in Windows-1252 */
	parse(&a, &d, "[relationship]\nmentor = Jos\xe9 Roe\n");
	assert_diag(&d, MJ_RULE_FILE_ENCODING, 2, MJ_LEVEL_ERROR);
	assert_int_equal(d.len, 1);
	mj_agreement_free(&a);
	mj_diags_free(&d);
}

static void reports_missing_and_malformed_fields(void **state)
{
	struct mj_agreement a;
	struct mj_diags d = MJ_DIAGS_INIT;
	(void)state;

	parse(&a, &d, "[relationship]\ntype = mentoring\nmodel = coaching\n"
		      "started = 2026-02-30\nends = 2025-01-01\ncadence = often\n"
		      "status = paused\n[terms]\nreview = soon\n[extra]\nfoo = bar\n");
	/* mentor and mentee missing: at the [relationship] header */
	assert_int_equal(count_diags(&d, MJ_RULE_AGREEMENT_FIELD, 1, MJ_LEVEL_ERROR), 2);
	assert_diag(&d, MJ_RULE_AGREEMENT_FIELD, 2, MJ_LEVEL_ERROR);
	assert_diag(&d, MJ_RULE_AGREEMENT_FIELD, 3, MJ_LEVEL_ERROR);
	assert_diag(&d, MJ_RULE_AGREEMENT_FIELD, 4, MJ_LEVEL_ERROR);
	assert_diag(&d, MJ_RULE_AGREEMENT_FIELD, 6, MJ_LEVEL_ERROR);
	assert_diag(&d, MJ_RULE_AGREEMENT_FIELD, 7, MJ_LEVEL_ERROR);
	assert_diag(&d, MJ_RULE_AGREEMENT_FIELD, 9, MJ_LEVEL_ERROR);
	assert_diag(&d, MJ_RULE_AGREEMENT_FIELD, 11, MJ_LEVEL_WARNING);
	mj_agreement_free(&a);
	mj_diags_free(&d);

	parse(&a, &d, "[relationship]\nmentor = A\nmentee = B\nstarted = 2026-03-01\n"
		      "ends = 2026-03-01\ncadence = 14d\nstarted = 2026-01-01\n");
	assert_diag(&d, MJ_RULE_AGREEMENT_FIELD, 5, MJ_LEVEL_ERROR); /* not after */
	assert_diag(&d, MJ_RULE_AGREEMENT_FIELD, 7, MJ_LEVEL_ERROR); /* twice */
	mj_agreement_free(&a);
	mj_diags_free(&d);

	parse(&a, &d, "[relationship]\nmentor = A\nmentee = B\nmentee = C\n"
		      "started = 2026-03-01\nends = 2026-09-01\ncadence = 14d\n"
		      "status = closed\n");
	assert_diag(&d, MJ_RULE_AGREEMENT_FIELD, 4, MJ_LEVEL_ERROR); /* 2 mentees */
	assert_diag(&d, MJ_RULE_AGREEMENT_FIELD, 8, MJ_LEVEL_ERROR); /* no closed */
	mj_agreement_free(&a);
	mj_diags_free(&d);
}

/* a goal an editor's comment continuation hid is said, not lost */
static void commented_out_goals_are_warned_of(void **state)
{
	struct mj_agreement a;
	struct mj_diags d = MJ_DIAGS_INIT;
	(void)state;

	parse(&a, &d, "[relationship]\nmentor = A\n[goals]\n"
		      "; goal = Lead my first project end to end\n"  /* 4: the example */
		      "; goal = Learn SQL well\n"                    /* 5 */
		      "#goal=Speak at the meetup\n"                  /* 6 */
		      "; goals are agreed, one per line\n"           /* 7 */
		      "[terms]\n; goal = not under goals\n");
	assert_int_equal(count_diags(&d, MJ_RULE_AGREEMENT_FIELD, 0, MJ_LEVEL_WARNING), 2);
	assert_diag(&d, MJ_RULE_AGREEMENT_FIELD, 5, MJ_LEVEL_WARNING);
	assert_diag(&d, MJ_RULE_AGREEMENT_FIELD, 6, MJ_LEVEL_WARNING);
	mj_agreement_free(&a);
	mj_diags_free(&d);
}

static void an_empty_or_garbage_file_gives_diagnostics(void **state)
{
	static const char *const inputs[] = {
		"", "\n\n\n", "[", "]]]]", "=", "= = =", "[relationship", "\xff\xfe\x00",
		"[relationship]\n\tmentor = continuation without a key\n",
		"\xEF\xBB\xBF[relationship]\nmentor = A\n",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		struct mj_agreement a;
		struct mj_diags d = MJ_DIAGS_INIT;
		parse(&a, &d, inputs[i]);
		assert_true(count_diags(&d, MJ_RULE_AGREEMENT_FIELD, 0, MJ_LEVEL_ERROR) +
			    count_diags(&d, MJ_RULE_AGREEMENT_SYNTAX, 0, MJ_LEVEL_ERROR) +
			    count_diags(&d, MJ_RULE_FILE_ENCODING, 0, MJ_LEVEL_ERROR) > 0);
		mj_agreement_free(&a);
		mj_diags_free(&d);
	}
}

static void conflict_markers_are_reported(void **state)
{
	struct mj_agreement a;
	struct mj_diags d = MJ_DIAGS_INIT;
	(void)state;

	parse(&a, &d, "[relationship]\n<<<<<<< HEAD\nmentor = A\n=======\n"
		      "mentor = B\n>>>>>>> theirs\n");
	assert_diag(&d, MJ_RULE_CONFLICT_MARKERS, 2, MJ_LEVEL_ERROR);
	mj_agreement_free(&a);
	mj_diags_free(&d);
}

static void config_reads_settings_and_warns_on_unknown_keys(void **state)
{
	struct mj_config c;
	struct mj_diags d = MJ_DIAGS_INIT;
	const char *text = "[journal]\nname = Team\nowner = A <a@x>\n"
			   "autocommit = false\ncolour = blue\n[other]\nx = 1\n";
	(void)state;

	mj_config_parse(&c, text, strlen(text), "mjournal.ini", &d);
	assert_string_equal(c.name.text, "Team");
	assert_string_equal(c.owner.text, "A <a@x>");
	assert_false(c.autocommit);
	assert_diag(&d, MJ_RULE_JOURNAL_CONFIG, 5, MJ_LEVEL_WARNING);
	assert_diag(&d, MJ_RULE_JOURNAL_CONFIG, 7, MJ_LEVEL_WARNING);
	mj_config_free(&c);
	mj_diags_free(&d);

	text = "[journal]\nautocommit = perhaps\n";
	mj_config_parse(&c, text, strlen(text), "mjournal.ini", &d);
	assert_true(c.autocommit);
	assert_diag(&d, MJ_RULE_JOURNAL_CONFIG, 2, MJ_LEVEL_ERROR);
	mj_config_free(&c);
	mj_diags_free(&d);
}

static void person_names(void **state)
{
	char buf[64];
	(void)state;
	assert_string_equal(mj_person_name("Alex Doe <alex@example.org>", buf, sizeof(buf)), "Alex Doe");
	assert_string_equal(mj_person_name("Kim", buf, sizeof(buf)), "Kim");
	assert_string_equal(mj_person_name("<kim@x>", buf, sizeof(buf)), "<kim@x>");
	assert_string_equal(mj_person_name("Someone With A Long Name", buf, 5), "Some");
}

static char *closed_text(const char *text, const char *status, const char *date)
{
	struct mj_agreement a;
	struct mj_diags d = MJ_DIAGS_INIT;
	size_t len;
	char *out;

	mj_agreement_parse(&a, text, strlen(text), FILE_NAME, &d);
	out = mj_agreement_set_closed(text, strlen(text), &a, status, date, &len);
	if (out)
		assert_int_equal(strlen(out), len);
	mj_agreement_free(&a);
	mj_diags_free(&d);
	return out;
}

static void close_edits_only_status_and_closed(void **state)
{
	char *out;
	(void)state;

	out = closed_text(good, "closed", "2026-07-06");
	/* every line but two is byte-identical */
	{
		const char *want_status = "status = closed\n";
		const char *want_closed = "closed = 2026-07-06\n";
		char *expect = mj_xstrdup(good);
		char *p = strstr(expect, "status = active\n");
		assert_non_null(p);
		struct mj_buf b = MJ_BUF_INIT;
		mj_buf_add(&b, expect, (size_t)(p - expect));
		mj_buf_adds(&b, want_status);
		mj_buf_adds(&b, want_closed);
		mj_buf_adds(&b, strstr(p, "closed =\n") + strlen("closed =\n"));
		assert_string_equal(out, b.ptr);
		mj_buf_free(&b);
		free(expect);
	}
	free(out);

	/* comments and spacing on the edited lines stay */
	out = closed_text("[relationship]\nstatus = active      ; active | closed\r\n"
			  "closed =              ; written by close\r\nends = x\r\n",
			  "ended-early", "2026-05-11");
	assert_string_equal(out, "[relationship]\nstatus = ended-early      ; active | closed\r\n"
			    "closed = 2026-05-11              ; written by close\r\nends = x\r\n");
	free(out);

	/* missing keys are added after status, or after the section's entries */
	out = closed_text("; c\n[relationship]\nmentor = A\nstatus=active\n\n[goals]\ngoal = g\n",
			  "closed", "2026-01-02");
	assert_string_equal(out, "; c\n[relationship]\nmentor = A\nstatus=closed\n"
			    "closed = 2026-01-02\n\n[goals]\ngoal = g\n");
	free(out);
	out = closed_text("[relationship]\nmentor = A\nmentee = B", "closed", "2026-01-02");
	assert_string_equal(out, "[relationship]\nmentor = A\nmentee = B\n"
			    "status = closed\nclosed = 2026-01-02\n");
	free(out);
	assert_null(closed_text("[goals]\ngoal = g\n", "closed", "2026-01-02"));
}

static void close_edits_as_the_reader_reads(void **state)
{
	char line[256], *out;
	(void)state;

	/* old Mac line endings: lines end at CR, and so does a new one */
	out = closed_text("[relationship]\rmentor = A\rstatus = active\r",
			  "closed", "2026-01-02");
	assert_string_equal(out, "[relationship]\rmentor = A\rstatus = closed\r"
			    "closed = 2026-01-02\r");
	free(out);
	/* "key: value" is split at its first '=' or ':', as inih splits it */
	out = closed_text("[relationship]\nstatus: a=b\nclosed: \n", "closed",
			  "2026-01-02");
	assert_string_equal(out, "[relationship]\nstatus: closed\n"
			    "closed: 2026-01-02\n");
	free(out);
	/* the rest of a replaced value goes with it; a comment among it
	 * stays; a new key comes after all of it */
	out = closed_text("[relationship]\nstatus = active\n; why\n  more\n"
			  "mentor = A\n", "closed", "2026-01-02");
	assert_string_equal(out, "[relationship]\nstatus = closed\n; why\n"
			    "closed = 2026-01-02\nmentor = A\n");
	free(out);
	/* an empty value before a comment is written "": the reader would
	 * take the comment for the value */
	out = closed_text("[relationship]\nstatus = closed\nclosed = 2026-01-02 ; by close\n",
			  "active", "");
	assert_string_equal(out, "[relationship]\nstatus = active\n"
			    "closed = \"\" ; by close\n");
	free(out);
	/* a line the reader would refuse is no edit */
	snprintf(line, sizeof(line), "[relationship]\nstatus = active ;%0*d\n",
		 MJ_INI_LINE_MAX - 17, 0);
	out = closed_text(line, "closed", "2026-01-02");
	assert_non_null(out);
	free(out);
	assert_null(closed_text(line, "ended-early", "2026-01-02"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_every_field_with_its_line),
		cmocka_unit_test(group_mentees_are_a_list_in_file_order),
		cmocka_unit_test(refuses_a_line_inih_would_cut),
		cmocka_unit_test(a_line_at_the_limit_is_read_whole),
		cmocka_unit_test(reports_syntax_errors_with_their_line),
		cmocka_unit_test(reports_missing_and_malformed_fields),
		cmocka_unit_test(commented_out_goals_are_warned_of),
		cmocka_unit_test(an_empty_or_garbage_file_gives_diagnostics),
		cmocka_unit_test(conflict_markers_are_reported),
		cmocka_unit_test(config_reads_settings_and_warns_on_unknown_keys),
		cmocka_unit_test(person_names),
		cmocka_unit_test(close_edits_only_status_and_closed),
		cmocka_unit_test(close_edits_as_the_reader_reads),
	};
	RUN_TESTS(tests);
}
