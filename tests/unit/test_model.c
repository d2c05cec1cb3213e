/*
 * test_model.c - the model's names, people, note names, and relationships
 * as ordered note lists with private views.
 */
#include "unit.h"

static void names_round_trip(void **state)
{
	(void)state;
	for (int s = MJ_STAGE_PREPARING; s <= MJ_STAGE_FOLLOW_UP; s++)
		assert_int_equal(mj_stage_from_name(mj_stage_name((enum mj_stage)s)), s);
	for (int a = MJ_ATTENDANCE_HELD; a <= MJ_ATTENDANCE_CANCELLED; a++)
		assert_int_equal(mj_attendance_from_name(
			mj_attendance_name((enum mj_attendance)a)), a);
	for (int t = MJ_TYPE_ONE_TO_ONE; t <= MJ_TYPE_REVERSE; t++)
		assert_int_equal(mj_type_from_name(mj_type_name((enum mj_type)t)), t);
	for (int m = MJ_MODEL_DEVELOPMENTAL; m <= MJ_MODEL_SPONSORSHIP; m++)
		assert_int_equal(mj_model_from_name(mj_model_name((enum mj_model_kind)m)), m);
	for (int s = MJ_STATUS_ACTIVE; s <= MJ_STATUS_ENDED_EARLY; s++)
		assert_int_equal(mj_status_from_name(mj_status_name((enum mj_status)s)), s);
	assert_string_equal(mj_stage_name(MJ_STAGE_FOLLOW_UP), "follow-up");
	assert_string_equal(mj_section_name(MJ_SECTION_NEXT), "Next");
	assert_string_equal(mj_action_state_name(MJ_ACTION_DROPPED), "dropped");
	/* out of range and unknown */
	assert_null(mj_stage_name(MJ_STAGE_NONE));
	assert_null(mj_stage_name((enum mj_stage)99));
	/* without regard to case */
	assert_int_equal(mj_stage_from_name("Enabling"), MJ_STAGE_ENABLING);
	assert_int_equal(mj_attendance_from_name("HELD"), MJ_ATTENDANCE_HELD);
	assert_int_equal(mj_type_from_name("One-to-One"), MJ_TYPE_ONE_TO_ONE);
	assert_int_equal(mj_stage_from_name("enable"), -1);
	assert_int_equal(mj_status_from_name(NULL), -1);
	assert_int_equal(mj_type_from_name("pair"), -1);
}

static void person_names(void **state)
{
	char buf[16];
	(void)state;
	assert_string_equal(mj_person_name("Sam Roe <sam@example.org>", buf, sizeof(buf)),
			    "Sam Roe");
	assert_string_equal(mj_person_name("Sam Roe", buf, sizeof(buf)), "Sam Roe");
	assert_string_equal(mj_person_name("<sam@x.org>", buf, sizeof(buf)),
			    "<sam@x.org>");
	/* cut to the buffer, always terminated */
	assert_string_equal(mj_person_name("Maximilian Alexander Roe", buf,
					   sizeof(buf)), "Maximilian Alex");
}

/* one rule for action owners and absent mentees */
static void people_match_by_name_or_first_name(void **state)
{
	(void)state;
	assert_true(mj_person_matches("Sam", "Sam Roe"));
	assert_true(mj_person_matches("sam roe", "Sam Roe"));
	assert_true(mj_person_matches("SAM", "Sam Roe"));
	assert_true(mj_person_matches("Sam Roe", "Sam"));
	assert_false(mj_person_matches("Sa", "Sam Roe"));
	assert_false(mj_person_matches("Roe", "Sam Roe"));
	assert_false(mj_person_matches("Samuel", "Sam Roe"));
	assert_false(mj_person_matches(NULL, "Sam Roe"));
}

static void note_names(void **state)
{
	mj_date d;
	char text[MJ_DATE_TEXT_SIZE];
	(void)state;
	assert_true(mj_note_name_parse("2026-02-02.md", &d));
	assert_string_equal(mj_date_format(d, text), "2026-02-02");
	assert_true(mj_note_name_parse("2026-02-02-closing-talk.md", &d));
	assert_false(mj_note_name_parse("2026-02-30.md", &d));
	assert_false(mj_note_name_parse("notes.md", &d));
	assert_false(mj_note_name_parse("2026-02-02.txt", &d));
	assert_true(mj_note_name_is_private("2026-02-02.private.md"));
	assert_false(mj_note_name_is_private("2026-02-02-private.md"));
	assert_false(mj_note_name_is_private("2026-02-02.md"));
}

static void notes_in_date_then_stage_order(void **state)
{
	static const char *const notes[] = {
		"2026-02-02.md", NOTE("2026-02-02", "enabling", HELD, ""),
		/* the front matter's date wins over the name's */
		"2026-01-20.md", NOTE("2026-03-01", "enabling", HELD, ""),
		"2026-01-12-b.md", NOTE("2026-01-12", "negotiating", "", ""),
		"2026-01-12-a.md", NOTE("2026-01-12", "preparing", "", ""),
		"2026-01-30.private.md", NOTE("2026-01-30", "enabling", HELD, ""),
		NULL,
	};
	struct mj_relationship rel, view;
	char text[MJ_DATE_TEXT_SIZE];
	(void)state;

	build(&rel, &active, notes);
	assert_int_equal(rel.n_notes, 5);
	assert_string_equal(rel.notes[0].name, "2026-01-12-a.md");
	assert_string_equal(rel.notes[1].name, "2026-01-12-b.md");
	assert_string_equal(rel.notes[2].name, "2026-01-30.private.md");
	assert_string_equal(rel.notes[3].name, "2026-02-02.md");
	assert_string_equal(rel.notes[4].name, "2026-01-20.md");
	assert_string_equal(mj_date_format(mj_note_effective_date(&rel.notes[4]), text),
			    "2026-03-01");

	mj_relationship_view(&rel, false, &view);
	assert_int_equal(view.n_notes, 4);
	for (size_t i = 0; i < view.n_notes; i++)
		assert_false(view.notes[i].is_private);
	assert_string_equal(view.slug, rel.slug);
	mj_relationship_view_free(&view);
	mj_relationship_view(&rel, true, &view);
	assert_int_equal(view.n_notes, 5);
	mj_relationship_view_free(&view);
	mj_relationship_free(&rel);
}

static void conflict_markers(void **state)
{
	static const char text[] = "a\n<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> x\n";
	static const char clean[] = "a\n<<<<<< not seven\n=======\n";
	struct mj_diags d = { 0 };
	(void)state;

	assert_int_equal(mj_check_conflict_markers(text, strlen(text), "n.md", &d), 2);
	assert_true(d.len >= 1);
	mj_diags_free(&d);
	assert_int_equal(mj_check_conflict_markers(clean, strlen(clean), "n.md", &d), 0);
	assert_int_equal(d.len, 0);
	mj_diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names_round_trip),
		cmocka_unit_test(person_names),
		cmocka_unit_test(people_match_by_name_or_first_name),
		cmocka_unit_test(note_names),
		cmocka_unit_test(notes_in_date_then_stage_order),
		cmocka_unit_test(conflict_markers),
	};
	RUN_TESTS(tests);
}
