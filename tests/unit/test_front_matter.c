/*
 * test_front_matter.c - the YAML block at the top of a note, through
 * libyaml: a mapping with lines and columns; what is deeper is skipped and
 * named.
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

/* What is not a scalar or a list of scalars is skipped, and named. */
static void nested_values_are_skipped_and_named(void **state)
{
	static const struct {
		const char *text;
		const char *nested;
	} cases[] = {
		{ "---\na:\n  b: c\n  d: [e, {f: g}]\ntitle: T\n---\n", "a mapping" },
		{ "---\na: [[1, 2]]\ntitle: T\n---\n", "a list holding a list" },
		{ "---\na:\n  - src: x\n    title: y\ntitle: T\n---\n",
		  "a list holding a mapping" },
		{ "---\nb: &x 1\na: *x\ntitle: T\n---\n", "an alias" },
	};
	(void)state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mj_front_matter fm;
		struct mj_diags d = MJ_DIAGS_INIT;
		const struct mj_fm_entry *a = NULL, *title = NULL;

		parse(&fm, &d, cases[i].text);
		if (!fm.valid || d.len)
			fail_msg("refused: %s", cases[i].text);
		for (size_t k = 0; k < fm.len; k++) {
			if (!strcmp(fm.items[k].key, "a"))
				a = &fm.items[k];
			if (!strcmp(fm.items[k].key, "title"))
				title = &fm.items[k];
		}
		if (!a || !title) {
			fail_msg("keys lost: %s", cases[i].text);
			continue;
		}
		assert_string_equal(a->nested, cases[i].nested);
		assert_int_equal(a->line, cases[i].text[4] == 'b' ? 3 : 2);
		assert_string_equal(title->scalar, "T"); /* read after it */
		mj_front_matter_free(&fm);
	}
}

/* A Markdown body that starts with a brace (a Hugo shortcode) is a body. */
static void a_brace_is_not_always_json(void **state)
{
	static const char text[] = "{{< figure src=\"a.png\" >}}\n# Body\n";
	struct mj_front_matter fm;
	struct mj_diags d = MJ_DIAGS_INIT;
	(void)state;

	parse(&fm, &d, text);
	assert_false(fm.present);
	assert_int_equal(fm.body_offset, 0);
	assert_int_equal(d.len, 0);
	mj_front_matter_free(&fm);
}

static void not_a_mapping_is_refused(void **state)
{
	static const char *const texts[] = {
		"---\n- a\n- b\n---\n",
		"---\ntitle: Session 7: plan\n---\n",
		"---\n[a]: b\n---\n",
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

/* YAML's null, quotes and block scalars, as YAML means them. */
static void null_quoted_and_block_scalars(void **state)
{
	static const struct {
		const char *value;
		const char *scalar;
		bool is_null;
	} cases[] = {
		{ "", "", true }, { "~", "~", true }, { "null", "null", true },
		{ "NULL", "NULL", true }, { "nULL", "nULL", false },
		{ "\"~\"", "~", false }, { "'null'", "null", false },
		{ "!!str ~", "~", false }, { "!!null", "", true },
		{ ">\n  a folded\n  line\n", "a folded line", false },
		{ "|\n  literal\n", "literal", false },
		{ ">+\n  kept\n\n", "kept", false },
		{ ">-\n  stripped\n", "stripped", false },
		{ "\"a\\n\"", "a\n", false }, /* a quoted line break is kept */
	};
	(void)state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mj_front_matter fm;
		struct mj_diags d = MJ_DIAGS_INIT;
		char *text = mj_xasprintf("---\nk: %s\n---\n", cases[i].value);

		parse(&fm, &d, text);
		assert_int_equal(d.len, 0);
		assert_int_equal(fm.len, 1);
		if (strcmp(fm.items[0].scalar, cases[i].scalar) ||
		    fm.items[0].is_null != cases[i].is_null)
			fail_msg("k: %s read as '%s' (%s)", cases[i].value,
				 fm.items[0].scalar,
				 fm.items[0].is_null ? "null" : "not null");
		mj_front_matter_free(&fm);
		free(text);
	}
}

/* TOML and JSON blocks: named, not read, and the body after them. */
static void toml_and_json_blocks_are_named(void **state)
{
	static const struct {
		const char *text;
		const char *words;
		const char *body;
	} cases[] = {
		{ "+++\ntitle = 'x'\n+++\n# Body\n", "this is TOML", "# Body\n" },
		{ "{\n  \"title\": \"x\"\n}\n# Body\n", "this is JSON", "# Body\n" },
		{ "{\"title\": \"x\"}\n# Body\n", "this is JSON", "# Body\n" },
		{ "+++\ntitle = 'x'\n", "this is TOML", "" },
		{ "{ \"title\": \"x\" }\n# Body\n", "this is JSON", "# Body\n" },
	};
	(void)state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mj_front_matter fm;
		struct mj_diags d = MJ_DIAGS_INIT;
		const char *text = cases[i].text;
		size_t len = strlen(text);
		int body_line;

		parse(&fm, &d, text);
		assert_true(fm.present);
		assert_false(fm.valid);
		assert_int_equal(d.len, 1);
		assert_int_equal(d.items[0].line, 1);
		assert_non_null(strstr(d.items[0].message, cases[i].words));
		assert_string_equal(text + fm.body_offset, cases[i].body);
		assert_int_equal(mj_front_matter_split(text, len, NULL, NULL,
						       &body_line),
				 fm.body_offset);
		mj_front_matter_free(&fm);
		mj_diags_free(&d);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_flat_mapping_with_positions),
		cmocka_unit_test(no_block_and_unclosed_block),
		cmocka_unit_test(nested_values_are_skipped_and_named),
		cmocka_unit_test(not_a_mapping_is_refused),
		cmocka_unit_test(null_quoted_and_block_scalars),
		cmocka_unit_test(toml_and_json_blocks_are_named),
		cmocka_unit_test(a_brace_is_not_always_json),
	};
	RUN_TESTS(tests);
}
