/*
 * test_message.c - commit messages that say what changed.
 */
#include "unit.h"

#include "mj_message.h"

static void expect_message(const struct mj_message_change *changes, size_t n,
			   const char *want)
{
	char *got = mj_message_describe(changes, n);
	assert_string_equal(got, want);
	free(got);
}

static void one_relationship_one_line(void **state)
{
	static const struct mj_message_change changes[] = {
		{ "sam-with-alex/2026-02-02.md", MJ_VERB_ADD },
		{ "sam-with-alex/agreement.ini", MJ_VERB_EDIT },
	};
	(void)state;
	expect_message(changes, 2,
		       "sam-with-alex: add session 2026-02-02; edit agreement\n");
}

static void sessions_of_one_day_are_said_once(void **state)
{
	static const struct mj_message_change changes[] = {
		{ "sam-with-alex/2026-02-02-a.md", MJ_VERB_ADD },
		{ "sam-with-alex/2026-02-02-b.md", MJ_VERB_ADD },
		{ "sam-with-alex/2026-02-09.md", MJ_VERB_REMOVE },
		{ "sam-with-alex/summary.md", MJ_VERB_ADD },
	};
	(void)state;
	expect_message(changes, 4,
		       "sam-with-alex: add session 2026-02-02; remove session "
		       "2026-02-09; add summary\n");
}

static void several_relationships_get_a_subject(void **state)
{
	static const struct mj_message_change changes[] = {
		{ "mjournal.ini", MJ_VERB_EDIT },
		{ "sam-with-alex/2026-02-02.md", MJ_VERB_EDIT },
		{ "jo-with-maria/notes.txt", MJ_VERB_ADD },
		{ "templates/enabling.md", MJ_VERB_EDIT },
		{ "templates/closing.md", MJ_VERB_EDIT },
	};
	(void)state;
	expect_message(changes, 5,
		       "Update the journal, jo-with-maria, sam-with-alex\n\n"
		       "journal: edit journal settings; edit templates\n"
		       "jo-with-maria: add notes.txt\n"
		       "sam-with-alex: edit session 2026-02-02\n");
}

static void many_relationships_are_counted(void **state)
{
	static const struct mj_message_change changes[] = {
		{ "a/agreement.ini", MJ_VERB_ADD },
		{ "b/agreement.ini", MJ_VERB_ADD },
		{ "c/agreement.ini", MJ_VERB_ADD },
		{ "d/agreement.ini", MJ_VERB_ADD },
	};
	(void)state;
	expect_message(changes, 4,
		       "Update 4 relationships\n\n"
		       "a: add agreement\nb: add agreement\n"
		       "c: add agreement\nd: add agreement\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(one_relationship_one_line),
		cmocka_unit_test(sessions_of_one_day_are_said_once),
		cmocka_unit_test(several_relationships_get_a_subject),
		cmocka_unit_test(many_relationships_are_counted),
	};
	RUN_TESTS(tests);
}
