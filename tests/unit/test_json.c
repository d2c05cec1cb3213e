/*
 * test_json.c - the JSON forms (through jansson) and the journal settings.
 */
#include "unit.h"

#include "mj_json.h"

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
	struct mj_config c;
	struct mj_diags d = MJ_DIAGS_INIT;
	(void)state;

	mj_config_parse(&c, text, strlen(text), "mjournal.ini", &d);
	assert_int_equal(d.len, 0);
	assert_string_equal(c.name.text, "Platform mentoring");
	assert_string_equal(c.owner.text, "Alex Doe <alex@example.org>");
	assert_false(c.autocommit);
	mj_config_free(&c);

	mj_config_parse(&c, "[journal]\nautocommit = maybe\n", 29, "mjournal.ini", &d);
	assert_true(c.autocommit); /* the default stands; the value is an error */
	assert_diag(&d, MJ_RULE_JOURNAL_CONFIG, 2, MJ_LEVEL_ERROR);
	mj_config_free(&c);
	mj_diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(diagnostics_as_objects),
		cmocka_unit_test(no_diagnostics_is_an_empty_array),
		cmocka_unit_test(journal_settings),
	};
	RUN_TESTS(tests);
}
