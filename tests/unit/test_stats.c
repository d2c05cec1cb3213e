/*
 * test_stats.c - figures about a relationship: sessions, actions, hours.
 */
#include "unit.h"

#include "mj_stats.h"

static const char *const sessions[] = {
	"2026-01-12.md", NOTE("2026-01-12", "preparing", "", "# prep\n"),
	"2026-01-19.md", NOTE("2026-01-19", "negotiating", HELD, "# agree\n"),
	"2026-02-02.md", NOTE("2026-02-02", "enabling",
			      "attendance: held\nduration: 45m\n",
			      "## Actions\n- [ ] Sam: plan (due 2026-02-10)\n"
			      "- [ ] Sam: read (due 2026-03-01)\n"
			      "- [x] Alex: intro\n- [-] Sam: dropped\n"),
	"2026-02-16.md", NOTE("2026-02-16", "enabling", "attendance: no-show\n", ""),
	"2026-02-23.md", NOTE("2026-02-23", "enabling", "attendance: cancelled\n", ""),
	NULL,
};

static void sessions_actions_and_dates(void **state)
{
	struct mj_relationship rel;
	struct mj_stats s;
	(void)state;

	build(&rel, &active, sessions);
	mj_stats_compute(&rel, day("2026-02-20"), &s);
	assert_int_equal(s.stage, MJ_STAGE_ENABLING);
	assert_false(s.ended);
	assert_int_equal(s.held, 2);
	assert_int_equal(s.missed, 2);
	assert_int_equal(s.minutes, 105);
	assert_int_equal(s.last_met, day("2026-02-02"));
	assert_int_equal(s.next_due, day("2026-02-16")); /* cadence 14d */
	assert_true(s.overdue);
	assert_false(s.term_ending);
	assert_int_equal(s.open_actions, 2);
	assert_int_equal(s.overdue_actions, 1);
	assert_int_equal(s.done_actions, 1);
	assert_int_equal(s.dropped_actions, 1);
	/* on the due day itself nothing is overdue yet */
	mj_stats_compute(&rel, day("2026-02-16"), &s);
	assert_false(s.overdue);
	/* two cadences before the end of the term, it is ending */
	mj_stats_compute(&rel, day("2026-06-14"), &s);
	assert_true(s.term_ending);
	mj_stats_compute(&rel, day("2026-06-13"), &s);
	assert_false(s.term_ending);
	mj_relationship_free(&rel);
}

static void an_ended_relationship_is_never_overdue(void **state)
{
	static const struct fixture closed = {
		"closed", "2026-03-01", "goal = Lead a project", "2026-04-12",
		"2026-01-19",
	};
	struct mj_relationship rel;
	struct mj_stats s;
	(void)state;

	build(&rel, &closed, sessions);
	mj_stats_compute(&rel, day("2026-12-01"), &s);
	assert_true(s.ended);
	assert_false(s.overdue);
	assert_false(s.term_ending);
	mj_relationship_free(&rel);
}

static void no_notes_no_dates(void **state)
{
	struct mj_relationship rel;
	struct mj_stats s;
	(void)state;

	build(&rel, &active, NULL);
	mj_stats_compute(&rel, day("2026-02-20"), &s);
	assert_int_equal(s.stage, MJ_STAGE_PREPARING);
	assert_int_equal(s.held, 0);
	assert_int_equal(s.last_met, MJ_DATE_NONE);
	assert_int_equal(s.next_due, MJ_DATE_NONE);
	assert_false(s.overdue);
	mj_relationship_free(&rel);
}

static void hours_in_a_window_with_absent_mentees(void **state)
{
	static const char group_agreement[] =
		"[relationship]\nmentor = Alex Doe <alex@example.org>\n"
		"mentee = Wei Chen <wei@example.org>\n"
		"mentee = Kim Park <kim@example.org>\n"
		"started = 2026-01-12\nends = 2026-07-12\ncadence = 14d\n"
		"type = group\n";
	static const char *const notes[][2] = {
		{ "2026-01-19.md", NOTE("2026-01-19", "negotiating", HELD, "") },
		{ "2026-02-02.md", NOTE("2026-02-02", "enabling",
					"attendance: held\nduration: 90m\nabsent: Wei\n", "") },
		{ "2026-03-02.md", NOTE("2026-03-02", "enabling", HELD "absent: [Kim Park]\n", "") },
		{ "2026-03-16.md", NOTE("2026-03-16", "enabling", "attendance: no-show\n", "") },
	};
	struct mj_relationship rel;
	struct mj_hours h;
	(void)state;

	mj_relationship_init(&rel, "circle");
	mj_agreement_parse(&rel.agreement, group_agreement, strlen(group_agreement),
			   "circle/agreement.ini", &rel.diags);
	for (size_t i = 0; i < 4; i++) {
		struct mj_note note;
		mj_note_parse(&note, notes[i][0], notes[i][0], notes[i][1],
			      strlen(notes[i][1]));
		mj_relationship_add_note(&rel, &note);
	}
	mj_relationship_sort(&rel);

	mj_hours_compute(&rel, MJ_DATE_NONE, MJ_DATE_NONE, &h);
	assert_int_equal(h.sessions, 3);
	assert_int_equal(h.minutes, 210);
	assert_int_equal(h.mentees.len, 2);
	mj_hours_free(&h);

	/* February only: Wei was absent, so only Kim attended */
	mj_hours_compute(&rel, day("2026-02-01"), day("2026-02-28"), &h);
	assert_int_equal(h.sessions, 1);
	assert_int_equal(h.minutes, 90);
	assert_int_equal(h.mentees.len, 1);
	assert_string_equal(h.mentees.items[0], "Kim Park");
	mj_hours_free(&h);

	/* the window's ends are inclusive */
	mj_hours_compute(&rel, day("2026-03-02"), day("2026-03-02"), &h);
	assert_int_equal(h.sessions, 1);
	assert_string_equal(h.mentees.items[0], "Wei Chen");
	mj_hours_free(&h);
	mj_relationship_free(&rel);
}

static void hours_are_written_without_trailing_zeros(void **state)
{
	static const struct { int minutes; const char *text; } cases[] = {
		{ 0, "0" }, { 60, "1" }, { 90, "1.5" }, { 45, "0.75" },
		{ 690, "11.5" }, { 20, "0.33" }, { 40, "0.67" }, { 6, "0.1" },
	};
	char buf[32];
	(void)state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		mj_format_hours(cases[i].minutes, buf, sizeof(buf));
		assert_string_equal(buf, cases[i].text);
	}
}

static void findings_are_written_short(void **state)
{
	char buf[32];
	(void)state;

	mj_format_findings(0, 0, buf, sizeof(buf));
	assert_string_equal(buf, "");
	mj_format_findings(2, 0, buf, sizeof(buf));
	assert_string_equal(buf, "2E");
	mj_format_findings(0, 13, buf, sizeof(buf));
	assert_string_equal(buf, "13W");
	mj_format_findings(3, 1, buf, sizeof(buf));
	assert_string_equal(buf, "3E 1W");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sessions_actions_and_dates),
		cmocka_unit_test(an_ended_relationship_is_never_overdue),
		cmocka_unit_test(no_notes_no_dates),
		cmocka_unit_test(hours_in_a_window_with_absent_mentees),
		cmocka_unit_test(hours_are_written_without_trailing_zeros),
		cmocka_unit_test(findings_are_written_short),
	};
	RUN_TESTS(tests);
}
