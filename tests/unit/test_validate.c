/*
 * test_validate.c - the cycle's rules on relationships built in memory.
 */
#include "unit.h"

#include "mj_validate.h"

static void validate(const struct mj_relationship *rel, const char *today,
		     struct mj_diags *out)
{
	struct mj_validate_options opts = { 0, false };
	assert_int_equal(mj_date_parse_str(&opts.today, today), 0);
	mj_validate_relationship(rel, &opts, out);
}


static const char *const good_cycle[] = {
	"2026-01-12.md", NOTE("2026-01-12", "preparing", "", "# prep\n"),
	"2026-01-19.md", NOTE("2026-01-19", "negotiating", HELD, "# agree\n"),
	"2026-02-02.md", NOTE("2026-02-02", "enabling", HELD, FEEDBACK),
	"2026-02-16.md", NOTE("2026-02-16", "enabling", HELD, FEEDBACK),
	NULL,
};

static void a_good_cycle_has_no_diagnostics(void **state)
{
	struct mj_relationship rel;
	struct mj_diags d = MJ_DIAGS_INIT;
	(void)state;
	build(&rel, &active, good_cycle);
	validate(&rel, "2026-02-20", &d);
	if (d.len)
		dump_diags(&d);
	assert_int_equal(d.len, 0);
	mj_date day;
	assert_int_equal(mj_cycle_stage(&rel), MJ_STAGE_ENABLING);
	/* closing is suggested from one cadence before the term ends */
	mj_date_parse_str(&day, "2026-06-27");
	assert_int_equal(mj_cycle_next_stage(&rel, day), MJ_STAGE_ENABLING);
	assert_int_equal(mj_cycle_next_stage(&rel, day + 1), MJ_STAGE_CLOSING);
	mj_relationship_free(&rel);
	mj_diags_free(&d);
}

static void stages_going_back_are_errors(void **state)
{
	static const char *const notes[] = {
		"2026-01-19.md", NOTE("2026-01-19", "negotiating", HELD, ""),
		"2026-02-02.md", NOTE("2026-02-02", "enabling", HELD, FEEDBACK),
		"2026-02-09.md", NOTE("2026-02-09", "preparing", "", ""),
		NULL,
	};
	struct mj_relationship rel;
	struct mj_diags d = MJ_DIAGS_INIT;
	(void)state;
	build(&rel, &active, notes);
	validate(&rel, "2026-02-10", &d);
	assert_int_equal(count_diags(&d, MJ_RULE_STAGE_ORDER, 3, MJ_LEVEL_ERROR), 1);
	assert_int_equal(d.len, 1);
	assert_string_equal(d.items[0].file, "sam/2026-02-09.md");
	mj_relationship_free(&rel);
	mj_diags_free(&d);
}

static void same_day_notes_follow_the_cycle_not_the_name(void **state)
{
	static const char *const notes[] = {
		"2026-01-19-a-agreed.md", NOTE("2026-01-19", "negotiating", HELD, ""),
		"2026-01-19-b-before.md", NOTE("2026-01-19", "preparing", "", ""),
		"2026-01-19-c-work.md", NOTE("2026-01-19", "enabling", HELD, FEEDBACK),
		NULL,
	};
	struct mj_relationship rel;
	struct mj_diags d = MJ_DIAGS_INIT;
	(void)state;
	build(&rel, &active, notes);
	validate(&rel, "2026-01-20", &d);
	if (d.len)
		dump_diags(&d);
	assert_int_equal(d.len, 0);
	assert_string_equal(rel.notes[0].name, "2026-01-19-b-before.md");
	mj_relationship_free(&rel);
	mj_diags_free(&d);
}

static void one_renegotiation_at_the_review_point_is_info(void **state)
{
	static const char *const notes[] = {
		"2026-01-19.md", NOTE("2026-01-19", "negotiating", HELD, ""),
		"2026-02-02.md", NOTE("2026-02-02", "enabling", HELD, FEEDBACK),
		"2026-04-12.md", NOTE("2026-04-12", "negotiating", HELD, ""),
		"2026-04-20.md", NOTE("2026-04-20", "enabling", HELD, FEEDBACK),
		"2026-05-04.md", NOTE("2026-05-04", "negotiating", HELD, ""),
		NULL,
	};
	struct fixture no_review = active;
	struct mj_relationship rel;
	struct mj_diags d = MJ_DIAGS_INIT;
	(void)state;
	build(&rel, &active, notes);
	validate(&rel, "2026-05-05", &d);
	assert_int_equal(count_diags(&d, MJ_RULE_STAGE_ORDER, 3, MJ_LEVEL_INFO), 1);
	/* a second one is an error */
	assert_int_equal(count_diags(&d, MJ_RULE_STAGE_ORDER, 0, MJ_LEVEL_ERROR), 1);
	assert_string_equal(diag_file(&d, MJ_RULE_STAGE_ORDER, MJ_LEVEL_ERROR),
			    "sam/2026-05-04.md");
	mj_relationship_free(&rel);
	mj_diags_free(&d);

	/* without a review point, renegotiating is an error */
	no_review.review = "";
	build(&rel, &no_review, notes);
	validate(&rel, "2026-05-05", &d);
	assert_int_equal(count_diags(&d, MJ_RULE_STAGE_ORDER, 0, MJ_LEVEL_ERROR), 2);
	assert_int_equal(count_diags(&d, MJ_RULE_STAGE_ORDER, 0, MJ_LEVEL_INFO), 0);
	mj_relationship_free(&rel);
	mj_diags_free(&d);
}

static void enabling_needs_negotiating_first(void **state)
{
	static const char *const notes[] = {
		"2026-01-20.md", NOTE("2026-01-20", "enabling", HELD, FEEDBACK),
		"2026-01-27.md", NOTE("2026-01-27", "enabling", HELD, FEEDBACK),
		NULL,
	};
	struct mj_relationship rel;
	struct mj_diags d = MJ_DIAGS_INIT;
	(void)state;
	build(&rel, &active, notes);
	validate(&rel, "2026-01-28", &d);
	assert_int_equal(count_diags(&d, MJ_RULE_STAGE_SKIPPED, 3, MJ_LEVEL_ERROR), 1);
	assert_int_equal(d.len, 1);
	mj_relationship_free(&rel);
	mj_diags_free(&d);
}

static void enabling_needs_signatures_and_goals(void **state)
{
	static const char *const notes[] = {
		"2026-01-19.md", NOTE("2026-01-19", "negotiating", HELD, ""),
		"2026-02-02.md", NOTE("2026-02-02", "enabling", HELD, FEEDBACK),
		NULL,
	};
	struct fixture late = active, unsigned_ = active, no_goals = active;
	struct mj_relationship rel;
	struct mj_diags d = MJ_DIAGS_INIT;
	(void)state;

	late.signed_mentee = "2026-02-05";
	build(&rel, &late, notes);
	validate(&rel, "2026-02-06", &d);
	assert_int_equal(count_diags(&d, MJ_RULE_AGREEMENT_UNSIGNED, 3, MJ_LEVEL_ERROR), 1);
	assert_non_null(strstr(d.items[0].message, "signed-mentee = 2026-02-05"));
	mj_relationship_free(&rel);
	mj_diags_free(&d);

	unsigned_.signed_mentee = "";
	build(&rel, &unsigned_, notes);
	validate(&rel, "2026-02-06", &d);
	assert_int_equal(count_diags(&d, MJ_RULE_AGREEMENT_UNSIGNED, 3, MJ_LEVEL_ERROR), 1);
	assert_int_equal(mj_cycle_next_stage(&rel, 20500), MJ_STAGE_NEGOTIATING);
	mj_relationship_free(&rel);
	mj_diags_free(&d);

	no_goals.goal = "; none yet";
	build(&rel, &no_goals, notes);
	validate(&rel, "2026-02-06", &d);
	assert_int_equal(count_diags(&d, MJ_RULE_AGREEMENT_UNSIGNED, 3, MJ_LEVEL_ERROR), 1);
	assert_non_null(strstr(d.items[0].message, "no goals"));
	mj_relationship_free(&rel);
	mj_diags_free(&d);
}

static void notes_before_the_start_or_in_the_future(void **state)
{
	static const char *const notes[] = {
		"2026-01-11.md", NOTE("2026-01-11", "preparing", "", ""),
		"2026-02-01.md", NOTE("2026-02-01", "preparing", "", ""),
		NULL,
	};
	struct mj_relationship rel;
	struct mj_diags d = MJ_DIAGS_INIT;
	(void)state;
	build(&rel, &active, notes);
	validate(&rel, "2026-01-31", &d);
	assert_int_equal(count_diags(&d, MJ_RULE_NOTE_DATE, 2, MJ_LEVEL_ERROR), 2);
	assert_string_equal(d.items[0].file, "sam/2026-01-11.md");
	assert_string_equal(d.items[1].file, "sam/2026-02-01.md");
	mj_relationship_free(&rel);
	mj_diags_free(&d);
	/* the next day, the second note is no longer in the future */
	build(&rel, &active, notes);
	validate(&rel, "2026-02-01", &d);
	assert_int_equal(count_diags(&d, MJ_RULE_NOTE_DATE, 0, MJ_LEVEL_ERROR), 1);
	mj_relationship_free(&rel);
	mj_diags_free(&d);
}

static void closing_needs_outcomes_learning_and_no_open_actions(void **state)
{
	static const char *const notes[] = {
		"2026-01-19.md", NOTE("2026-01-19", "negotiating", HELD, "- [ ] Sam: sign\n"),
		"2026-02-02.md", NOTE("2026-02-02", "closing", HELD, FEEDBACK "## Outcomes\nmet\n"),
		NULL,
	};
	struct mj_validate_options opts = { 0, true };
	struct mj_relationship rel;
	struct mj_diags d = MJ_DIAGS_INIT;
	(void)state;
	build(&rel, &active, notes);
	validate(&rel, "2026-02-03", &d);
	assert_int_equal(count_diags(&d, MJ_RULE_CLOSING_INCOMPLETE, 0, MJ_LEVEL_WARNING), 2);
	assert_diag(&d, MJ_RULE_CLOSING_INCOMPLETE, 7, MJ_LEVEL_WARNING); /* the action */
	assert_diag(&d, MJ_RULE_CLOSING_INCOMPLETE, 3, MJ_LEVEL_WARNING); /* no learning */
	mj_diags_free(&d);
	/* at close, the same are errors */
	mj_date_parse_str(&opts.today, "2026-02-03");
	mj_validate_relationship(&rel, &opts, &d);
	assert_int_equal(count_diags(&d, MJ_RULE_CLOSING_INCOMPLETE, 0, MJ_LEVEL_ERROR), 2);
	mj_relationship_free(&rel);
	mj_diags_free(&d);
}

static void closing_without_a_closing_session(void **state)
{
	struct mj_validate_options opts = { 20500, true };
	struct fixture closed = active;
	struct mj_relationship rel;
	struct mj_diags d = MJ_DIAGS_INIT;
	(void)state;
	build(&rel, &active, good_cycle);
	mj_validate_relationship(&rel, &opts, &d);
	assert_int_equal(count_diags(&d, MJ_RULE_CLOSING_INCOMPLETE, 0, MJ_LEVEL_ERROR), 1);
	assert_string_equal(d.items[0].file, "sam/agreement.ini");
	mj_relationship_free(&rel);
	mj_diags_free(&d);
	/* ended early: no closing session needed */
	closed.status = "ended-early";
	closed.closed = "2026-02-20";
	build(&rel, &closed, good_cycle);
	mj_validate_relationship(&rel, &opts, &d);
	assert_int_equal(d.len, 0);
	mj_relationship_free(&rel);
	mj_diags_free(&d);
}

static void after_closure_only_follow_up(void **state)
{
	static const char *const notes[] = {
		"2026-01-19.md", NOTE("2026-01-19", "negotiating", HELD, ""),
		"2026-02-02.md", NOTE("2026-02-02", "closing", HELD,
				     FEEDBACK "## Outcomes\nok\n## Learning\nok\n"),
		"2026-02-03.md", NOTE("2026-02-03", "enabling", HELD, FEEDBACK),
		"2026-03-01.md", NOTE("2026-03-01", "follow-up", "", ""),
		NULL,
	};
	struct fixture closed = active;
	struct mj_relationship rel;
	struct mj_diags d = MJ_DIAGS_INIT;
	(void)state;
	closed.status = "closed";
	closed.closed = "2026-02-02";
	build(&rel, &closed, notes);
	validate(&rel, "2026-03-02", &d);
	assert_int_equal(count_diags(&d, MJ_RULE_AFTER_CLOSURE, 0, MJ_LEVEL_ERROR), 1);
	assert_string_equal(diag_file(&d, MJ_RULE_AFTER_CLOSURE, MJ_LEVEL_ERROR),
			    "sam/2026-02-03.md");
	mj_relationship_free(&rel);
	mj_diags_free(&d);
	/* a follow-up while still active */
	build(&rel, &active, notes);
	validate(&rel, "2026-03-02", &d);
	assert_diag(&d, MJ_RULE_AFTER_CLOSURE, 3, MJ_LEVEL_ERROR);
	mj_relationship_free(&rel);
	mj_diags_free(&d);
}

static void two_no_shows_in_a_row(void **state)
{
	static const char *const notes[] = {
		"2026-01-19.md", NOTE("2026-01-19", "negotiating", HELD, ""),
		"2026-02-02.md", NOTE("2026-02-02", "enabling", "attendance: no-show\n", ""),
		"2026-02-09.md", NOTE("2026-02-09", "enabling", "attendance: cancelled\n", ""),
		"2026-02-16.md", NOTE("2026-02-16", "enabling", "attendance: no-show\n", ""),
		"2026-02-23.md", NOTE("2026-02-23", "enabling", HELD, FEEDBACK),
		"2026-03-02.md", NOTE("2026-03-02", "enabling", "attendance: no-show\n", ""),
		NULL,
	};
	struct mj_relationship rel;
	struct mj_diags d = MJ_DIAGS_INIT;
	(void)state;
	build(&rel, &active, notes);
	validate(&rel, "2026-03-03", &d);
	assert_int_equal(count_diags(&d, MJ_RULE_NO_SHOWS, 0, MJ_LEVEL_WARNING), 1);
	assert_diag(&d, MJ_RULE_NO_SHOWS, 4, MJ_LEVEL_WARNING);
	mj_relationship_free(&rel);
	mj_diags_free(&d);
}

static void quiet_relationships(void **state)
{
	static const char *const notes[] = {
		"2026-01-19.md", NOTE("2026-01-19", "negotiating", HELD, ""),
		"2026-02-16.md", NOTE("2026-02-16", "enabling", HELD, FEEDBACK),
		"2026-03-17.md", NOTE("2026-03-17", "enabling", HELD, FEEDBACK),
		NULL,
	};
	struct mj_relationship rel;
	struct mj_diags d = MJ_DIAGS_INIT;
	(void)state;
	build(&rel, &active, notes);
	/* 28 days is twice the cadence: not yet quiet; 29 is */
	validate(&rel, "2026-04-14", &d);
	assert_int_equal(count_diags(&d, MJ_RULE_QUIET, 0, MJ_LEVEL_WARNING), 1);
	assert_string_equal(d.items[0].file, "sam/2026-03-17.md");
	mj_diags_free(&d);
	validate(&rel, "2026-04-15", &d);
	assert_int_equal(count_diags(&d, MJ_RULE_QUIET, 0, MJ_LEVEL_WARNING), 2);
	mj_relationship_free(&rel);
	mj_diags_free(&d);
}

static void term_over_and_overdue_actions(void **state)
{
	static const char *const notes[] = {
		"2026-01-19.md", NOTE("2026-01-19", "negotiating", HELD,
			"- [ ] Sam: due on a leap day (due 2028-02-29)\n"
			"- [ ] Sam: due at the month's end (due 2026-01-31)\n"
			"- [x] Sam: done, never overdue (due 2026-01-20)\n"
			"```\n- [ ] in code (due 2026-01-20)\n```\n"),
		"2026-07-01.md", NOTE("2026-07-01", "enabling", HELD, FEEDBACK),
		NULL,
	};
	struct mj_relationship rel;
	struct mj_diags d = MJ_DIAGS_INIT;
	(void)state;
	build(&rel, &active, notes);
	validate(&rel, "2026-01-31", &d);
	assert_int_equal(count_diags(&d, MJ_RULE_ACTION_OVERDUE, 0, MJ_LEVEL_WARNING), 0);
	mj_diags_free(&d);
	validate(&rel, "2026-02-01", &d);
	assert_int_equal(count_diags(&d, MJ_RULE_ACTION_OVERDUE, 0, MJ_LEVEL_WARNING), 1);
	assert_diag(&d, MJ_RULE_ACTION_OVERDUE, 8, MJ_LEVEL_WARNING);
	assert_no_diag(&d, MJ_RULE_TERM_OVER);
	mj_diags_free(&d);
	validate(&rel, "2026-07-13", &d);
	assert_diag(&d, MJ_RULE_TERM_OVER, 5, MJ_LEVEL_WARNING);
	assert_string_equal(diag_file(&d, MJ_RULE_TERM_OVER, MJ_LEVEL_WARNING),
			    "sam/agreement.ini");
	mj_diags_free(&d);
	validate(&rel, "2028-03-01", &d);
	assert_int_equal(count_diags(&d, MJ_RULE_ACTION_OVERDUE, 0, MJ_LEVEL_WARNING), 2);
	mj_relationship_free(&rel);
	mj_diags_free(&d);
}

static void group_sessions_with_absent_mentees(void **state)
{
	static const char *const notes[] = {
		"2026-01-19.md", NOTE("2026-01-19", "negotiating", HELD, ""),
		"2026-02-02.md", NOTE("2026-02-02", "enabling", HELD "absent: [Sam]\n", FEEDBACK),
		NULL,
	};
	struct mj_relationship rel;
	struct mj_diags d = MJ_DIAGS_INIT;
	(void)state;
	build(&rel, &active, notes);
	validate(&rel, "2026-02-03", &d);
	assert_int_equal(d.len, 0);
	assert_int_equal(rel.notes[1].absent.len, 1);
	assert_int_equal(mj_cycle_last_held(&rel), rel.notes[1].date);
	mj_relationship_free(&rel);
	mj_diags_free(&d);
}

static void private_tracked(void **state)
{
	struct mj_strvec paths = MJ_STRVEC_INIT;
	struct mj_diags d = MJ_DIAGS_INIT;
	(void)state;
	mj_strvec_push(&paths, "sam/2026-01-01.private.md");
	mj_strvec_push(&paths, ".mjournal/lock");
	mj_validate_tracked(&paths, &d);
	assert_diag(&d, MJ_RULE_PRIVATE_TRACKED, 0, MJ_LEVEL_ERROR);
	assert_string_equal(d.items[0].file, "sam/2026-01-01.private.md");
	assert_diag(&d, MJ_RULE_MJOURNAL_TRACKED, 0, MJ_LEVEL_ERROR);
	assert_string_equal(d.items[1].file, ".mjournal/lock");
	mj_strvec_free(&paths);
	mj_diags_free(&d);
}

/* no goals after negotiating: a warning at once, the error at enabling */
static void goals_missing_after_negotiating(void **state)
{
	static const char *const notes[] = {
		"2026-01-19.md", NOTE("2026-01-19", "negotiating", HELD, FEEDBACK),
		NULL,
	};
	struct fixture no_goals = active;
	struct mj_relationship rel;
	struct mj_diags d = MJ_DIAGS_INIT;
	(void)state;

	no_goals.goal = "; goal = Lead a project";
	build(&rel, &no_goals, notes);
	validate(&rel, "2026-01-20", &d);
	assert_diag(&d, MJ_RULE_AGREEMENT_FIELD, 3, MJ_LEVEL_WARNING);
	mj_relationship_free(&rel);
	mj_diags_free(&d);
	build(&rel, &active, notes); /* with a goal: nothing to say */
	validate(&rel, "2026-01-20", &d);
	assert_int_equal(count_diags(&d, MJ_RULE_AGREEMENT_FIELD, 0, MJ_LEVEL_WARNING), 0);
	mj_relationship_free(&rel);
	mj_diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_good_cycle_has_no_diagnostics),
		cmocka_unit_test(stages_going_back_are_errors),
		cmocka_unit_test(same_day_notes_follow_the_cycle_not_the_name),
		cmocka_unit_test(one_renegotiation_at_the_review_point_is_info),
		cmocka_unit_test(enabling_needs_negotiating_first),
		cmocka_unit_test(enabling_needs_signatures_and_goals),
		cmocka_unit_test(notes_before_the_start_or_in_the_future),
		cmocka_unit_test(closing_needs_outcomes_learning_and_no_open_actions),
		cmocka_unit_test(closing_without_a_closing_session),
		cmocka_unit_test(goals_missing_after_negotiating),
		cmocka_unit_test(after_closure_only_follow_up),
		cmocka_unit_test(two_no_shows_in_a_row),
		cmocka_unit_test(quiet_relationships),
		cmocka_unit_test(term_over_and_overdue_actions),
		cmocka_unit_test(group_sessions_with_absent_mentees),
		cmocka_unit_test(private_tracked),
	};
	RUN_TESTS(tests);
}
