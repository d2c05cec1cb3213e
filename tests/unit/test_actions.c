/*
 * test_actions.c - an action across the notes that mention it, ticking one
 * in a note's text, and the agenda built from the model.
 */
#include "unit.h"

#include "mj_actions.h"
#include "mj_agenda.h"
#include "mj_stats.h"

#include <libical/ical.h>

static void one_action_written_in_many_notes(void **state)
{
	static const char *const notes[] = {
		"2026-02-02.md", NOTE("2026-02-02", "enabling", HELD,
				      "## Actions\n"
				      "- [ ] Sam: write the plan (due 2026-02-10)\n"
				      "- [ ] Alex: introduce Sam to Priya\n"
				      "- [ ] Sam: read the book\n"),
		"2026-02-16.md", NOTE("2026-02-16", "enabling", HELD,
				      "## Actions\n"
				      /* case, spacing, a full stop, a new due date */
				      "- [x] sam:  Write the plan. (due 2026-02-12)\n"
				      "- [ ] Sam: read the book\n"
				      "- [ ] Sam: a new one (due 2026-02-20)\n"),
		"2026-03-02.md", NOTE("2026-03-02", "enabling", HELD,
				      "## Actions\n- [-] Sam: read the book!\n"),
		NULL,
	};
	struct mj_relationship rel;
	struct mj_action_list list;
	struct mj_stats s;
	(void)state;

	build(&rel, &active, notes);
	mj_actions_track(&rel, &list);
	assert_int_equal(list.len, 4); /* plan, intro, book, new one */
	/* the plan: first written on line 8 of the first note, ticked in
	 * the second, which gives it its state and due date */
	assert_string_equal(list.items[0].first_note->name, "2026-02-02.md");
	assert_int_equal(list.items[0].first_line, 8);
	assert_string_equal(list.items[0].note->name, "2026-02-16.md");
	assert_int_equal(list.items[0].action->state, MJ_ACTION_DONE);
	assert_int_equal(list.items[0].action->due, day("2026-02-12"));
	assert_int_equal(list.items[0].mentions, 2);
	assert_int_equal(list.items[1].action->state, MJ_ACTION_OPEN);
	assert_int_equal(list.items[2].action->state, MJ_ACTION_DROPPED);
	assert_int_equal(list.items[2].mentions, 3);
	assert_string_equal(list.items[2].note->name, "2026-03-02.md");
	mj_action_list_free(&list);

	/* counted once: the plan is done, not also open and overdue */
	mj_stats_compute(&rel, day("2026-03-05"), &s);
	assert_int_equal(s.open_actions, 2);
	assert_int_equal(s.overdue_actions, 1); /* the new one */
	assert_int_equal(s.done_actions, 1);
	assert_int_equal(s.dropped_actions, 1);
	mj_relationship_free(&rel);
}

static void keys_read_loosely_but_not_too_loosely(void **state)
{
	char *a = mj_action_key("Sam", "Write  the plan.");
	char *b = mj_action_key("sam", "write the plan");
	char *c = mj_action_key("Alex", "write the plan");
	char *d = mj_action_key(NULL, "write the plan");
	char *e = mj_action_key("Sam", "write the plans");
	char *f = mj_action_key("Sam", "write the plan (dropped: not needed).");
	char *g = mj_action_key("Sam", "(all of it)");
	(void)state;

	assert_string_equal(a, b);
	assert_string_equal(a, f);
	assert_string_equal(g, "sam:(all of it)");
	assert_string_not_equal(a, c);
	assert_string_not_equal(a, d);
	assert_string_not_equal(a, e);
	free(a); free(b); free(c); free(d); free(e); free(f); free(g);
}

static void a_box_is_ticked_in_place(void **state)
{
	static const char text[] = "---\r\ndate: x\r\n---\r\n## Actions\r\n"
				   "* [ ] Sam: plan (due 2026-02-10)\r\n";
	size_t len;
	char *out;
	(void)state;

	out = mj_note_set_box(text, strlen(text), 5, MJ_ACTION_DONE, &len);
	assert_non_null(out);
	assert_int_equal(len, strlen(text));
	assert_string_equal(out, "---\r\ndate: x\r\n---\r\n## Actions\r\n"
			    "* [x] Sam: plan (due 2026-02-10)\r\n");
	free(out);
	assert_null(mj_note_set_box(text, strlen(text), 2, MJ_ACTION_DONE, &len));
	assert_null(mj_note_set_box(text, strlen(text), 40, MJ_ACTION_DONE, &len));
}

static void an_item_goes_at_the_end_of_the_actions(void **state)
{
	static const char text[] = "# T\n\n## Actions\n<!-- c -->\n- [ ] a\n\n"
				   "## Feedback\nok\n";
	static const char bare[] = "# T\n\nno sections";
	size_t len;
	char *out;
	(void)state;

	out = mj_note_add_item(text, strlen(text), 3, "- [x] b", &len);
	assert_string_equal(out, "# T\n\n## Actions\n<!-- c -->\n- [ ] a\n"
			    "- [x] b\n\n## Feedback\nok\n");
	assert_int_equal(len, strlen(out));
	free(out);
	/* no Actions section: one is added at the end */
	out = mj_note_add_item(bare, strlen(bare), 0, "- [x] b", &len);
	assert_string_equal(out, "# T\n\nno sections\n\n## Actions\n- [x] b\n");
	free(out);
}

static void patterns_match_owner_and_text(void **state)
{
	char owner[] = "Sam", text[] = "Write the plan";
	struct mj_action a = { MJ_ACTION_OPEN, owner, MJ_DATE_NONE, text, 3, 0 };
	(void)state;

	assert_true(mj_action_matches(&a, "write THE"));
	assert_true(mj_action_matches(&a, "sam: write"));
	assert_false(mj_action_matches(&a, "alex"));
}

static void a_meeting_agreed_comes_before_the_cadence(void **state)
{
	static const char *const notes[] = {
		"2026-02-02.md", NOTE("2026-02-02", "enabling",
				      HELD "next: 2026-02-23\n", FEEDBACK),
		NULL,
	};
	static const char *const later[] = {
		"2026-02-02.md", NOTE("2026-02-02", "enabling",
				      HELD "next: 2026-02-23\n", FEEDBACK),
		"2026-02-23.md", NOTE("2026-02-23", "enabling", HELD, FEEDBACK),
		NULL,
	};
	struct mj_relationship rel;
	struct mj_stats s;
	(void)state;

	build(&rel, &active, notes);
	mj_stats_compute(&rel, day("2026-02-20"), &s);
	assert_int_equal(s.next_due, day("2026-02-23"));
	assert_true(s.next_planned);
	assert_false(s.overdue); /* the cadence alone would say 2026-02-16 */
	mj_relationship_free(&rel);

	/* once met, the agreed day is history: the cadence again */
	build(&rel, &active, later);
	mj_stats_compute(&rel, day("2026-02-24"), &s);
	assert_int_equal(s.next_due, day("2026-03-09"));
	assert_false(s.next_planned);
	mj_relationship_free(&rel);
}

static void the_agenda_and_its_calendar(void **state)
{
	static const char *const notes[] = {
		"2026-02-02.md", NOTE("2026-02-02", "enabling",
				      HELD "next: 2026-02-23\n",
				      "## Actions\n- [ ] Sam: plan (due 2026-02-10)\n"
				      "- [ ] Sam: later (due 2026-03-10)\n"
				      "- [ ] Sam: whenever\n" FEEDBACK),
		"2026-02-03.private.md", NOTE("2026-02-03", "enabling", HELD,
					      "## Actions\n- [ ] Sam: SECRET (due 2026-03-01)\n"),
		NULL,
	};
	struct mj_journal j;
	struct mj_agenda agenda;
	icalcomponent *cal, *ev;
	char *ics, *again, *why = NULL;
	int events = 0;
	(void)state;

	memset(&j, 0, sizeof(j));
	j.relationships = mj_xcalloc(1, sizeof(*j.relationships));
	j.n_relationships = 1;
	build(&j.relationships[0], &active, notes);
	mj_agenda_build(&j, day("2026-02-20"), &agenda);
	/* late action, meeting, review, later action, term end; never the
	 * private note's action or one without a due date */
	assert_int_equal(agenda.len, 5);
	assert_int_equal(agenda.items[0].kind, MJ_AGENDA_ACTION);
	assert_true(agenda.items[0].late);
	assert_int_equal(agenda.items[1].kind, MJ_AGENDA_MEETING);
	assert_true(agenda.items[1].planned);
	assert_int_equal(agenda.items[1].date, day("2026-02-23"));
	assert_int_equal(agenda.items[2].kind, MJ_AGENDA_ACTION);
	assert_int_equal(agenda.items[3].kind, MJ_AGENDA_REVIEW);
	assert_int_equal(agenda.items[4].kind, MJ_AGENDA_TERM_END);

	ics = mj_agenda_ics(&agenda, "Journal", "Journal", day("2026-02-20"), &why);
	assert_non_null(ics);
	assert_null(strstr(ics, "SECRET"));
	cal = icalparser_parse_string(ics);
	assert_non_null(cal);
	for (ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
	     ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
		assert_true(icalcomponent_get_dtstart(ev).is_date);
		events++;
	}
	assert_int_equal(events, 4); /* the late action is not in the future */
	icalcomponent_free(cal);
	/* the same feed, byte for byte, from a second run */
	again = mj_agenda_ics(&agenda, "Journal", "Journal", day("2026-02-20"), &why);
	assert_string_equal(ics, again);
	free(again);
	free(ics);
	/* no control character of a journal's text reaches the feed */
	free(agenda.items[2].text);
	agenda.items[2].text = mj_xstrdup("later\033]52;c;eA==\007 \302\233now\tthen");
	ics = mj_agenda_ics(&agenda, "Journal", "The \033[2J programme",
			    day("2026-02-20"), &why);
	assert_null(strpbrk(ics, "\033\007"));
	assert_null(strstr(ics, "\302\233"));
	assert_non_null(strstr(ics, "X-WR-CALNAME:The [2J programme\r\n"));
	assert_non_null(strstr(ics, "later]52"));
	assert_non_null(strstr(ics, " now\tthen")); /* HTAB is allowed */
	free(ics);
	mj_agenda_free(&agenda);
	mj_relationship_free(&j.relationships[0]);
	free(j.relationships);
}

/* An action written into another note is its source, never decoded. */
static void an_action_is_copied_as_written(void **state)
{
	static const char note[] =
		"---\ndate: 2026-01-26\nstage: negotiating\n---\n"
		"# Met\n## Actions\n"
		"- [ ] Sam: call &#27;]52;c;x&#7; *Kim*\r\n"
		"  today (due 2026-03-10)\n"
		"- [x] Jo: `code` &#x9b;2J\n";
	char *source, *line;
	(void)state;

	source = mj_note_item_source(note, strlen(note), 7);
	assert_string_equal(source, "[ ] Sam: call &#27;]52;c;x&#7; *Kim* today "
			    "(due 2026-03-10)");
	line = mj_action_line_of_source(source, MJ_ACTION_DONE);
	assert_string_equal(line, "- [x] Sam: call &#27;]52;c;x&#7; *Kim* today "
			    "(due 2026-03-10)");
	free(line);
	free(source);
	source = mj_note_item_source(note, strlen(note), 9);
	line = mj_action_line_of_source(source, MJ_ACTION_OPEN);
	assert_string_equal(line, "- [ ] Jo: `code` &#x9b;2J");
	free(line);
	free(source);
	/* no item starts on a heading, nor past the end */
	assert_null(mj_note_item_source(note, strlen(note), 6));
	assert_null(mj_note_item_source(note, strlen(note), 40));
	assert_null(mj_action_line_of_source("not an action", MJ_ACTION_OPEN));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(one_action_written_in_many_notes),
		cmocka_unit_test(keys_read_loosely_but_not_too_loosely),
		cmocka_unit_test(a_box_is_ticked_in_place),
		cmocka_unit_test(an_item_goes_at_the_end_of_the_actions),
		cmocka_unit_test(an_action_is_copied_as_written),
		cmocka_unit_test(patterns_match_owner_and_text),
		cmocka_unit_test(a_meeting_agreed_comes_before_the_cadence),
		cmocka_unit_test(the_agenda_and_its_calendar),
	};
	RUN_TESTS(tests);
}
