/*
 * test_front_matter.c - the YAML block at the top of a note, through
 * libyaml: a flat mapping with lines and columns, nothing deeper.
 */
#include "unit.h"

#include "mj_front_matter.h"

static void parse(struct mj_front_matter *fm, struct mj_diags *d,
		  const char *text)
{
	mj_front_matter_parse(fm, text, strlen(text), "n.md", d);
}

static void a_flat_mapping_with_positions(void **state)
{
	struct mj_front_matter fm;
	struct mj_diags d = MJ_DIAGS_INIT;
	static const char text[] =
		"---\ndate: 2026-02-02\nabsent: [Kim, Wei]\ntitle: \"A: b\"\n---\n# Body\n";
	(void)state;

	parse(&fm, &d, text);
	assert_int_equal(d.len, 0);
	assert_true(fm.present);
	assert_true(fm.valid);
	assert_int_equal(fm.len, 3);
	assert_string_equal(fm.items[0].key, "date");
	assert_int_equal(fm.items[0].line, 2);
	assert_string_equal(fm.items[0].scalar, "2026-02-02");
	assert_int_equal(fm.items[0].value_column, 7);
	assert_true(fm.items[1].is_list);
	assert_int_equal(fm.items[1].items.len, 2);
	assert_string_equal(fm.items[1].items.items[1], "Wei");
	assert_string_equal(fm.items[2].scalar, "A: b");
	assert_int_equal(fm.body_line, 6);
	assert_string_equal(text + fm.body_offset, "# Body\n");
	mj_front_matter_free(&fm);
}

static void no_block_and_unclosed_block(void **state)
{
	struct mj_front_matter fm;
	struct mj_diags d = MJ_DIAGS_INIT;
	(void)state;

	parse(&fm, &d, "# Just a body\n");
	assert_false(fm.present);
	assert_int_equal(fm.body_offset, 0);
	assert_int_equal(d.len, 0);
	mj_front_matter_free(&fm);

	parse(&fm, &d, "---\ndate: 2026-02-02\n# no closing fence\n");
	assert_true(fm.present);
	assert_false(fm.valid);
	assert_true(d.len >= 1);
	assert_string_equal(d.items[0].rule, MJ_RULE_NOTE_FRONT_MATTER);
	mj_front_matter_free(&fm);
	mj_diags_free(&d);
}

static void nesting_and_aliases_are_refused(void **state)
{
	static const char *const texts[] = {
		"---\na:\n  b: c\n---\n",
		"---\na: [[1, 2]]\n---\n",
		"---\na: &x 1\nb: *x\n---\n",
		"---\n- a\n- b\n---\n",
		"---\ntitle: Session 7: plan\n---\n",
	};
	(void)state;

	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct mj_front_matter fm;
		struct mj_diags d = MJ_DIAGS_INIT;

		parse(&fm, &d, texts[i]);
		if (fm.valid || !d.len)
			fail_msg("accepted: %s", texts[i]);
		assert_string_equal(d.items[0].rule, MJ_RULE_NOTE_FRONT_MATTER);
		assert_true(d.items[0].line >= 2);
		mj_front_matter_free(&fm);
		mj_diags_free(&d);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_flat_mapping_with_positions),
		cmocka_unit_test(no_block_and_unclosed_block),
		cmocka_unit_test(nesting_and_aliases_are_refused),
	};
	RUN_TESTS(tests);
}
