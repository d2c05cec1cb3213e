/*
 * test_template.c - built-in templates, a journal's own, and {{key}}.
 */
#include "unit.h"

#include "mj_template.h"
#include "mj_util.h"

#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

static void keys_are_replaced_unknown_ones_kept(void **state)
{
	static const char *const vars[] = { "slug", "sam", "date", "2026-02-02", NULL };
	char *out;
	(void)state;

	out = mj_template_fill("{{slug}} on {{date}}: {{nope}} {{slug}}", vars);
	assert_string_equal(out, "sam on 2026-02-02: {{nope}} sam");
	free(out);
	/* an unclosed brace and text around it stay as written */
	out = mj_template_fill("a {{slug b", vars);
	assert_string_equal(out, "a {{slug b");
	free(out);
	out = mj_template_fill("", vars);
	assert_string_equal(out, "");
	free(out);
	/* a value holding braces is not filled again */
	static const char *const loop[] = { "a", "{{a}}", NULL };
	out = mj_template_fill("{{a}}{{a}}", loop);
	assert_string_equal(out, "{{a}}{{a}}");
	free(out);
}

static void every_stage_has_a_built_in_template(void **state)
{
	static const char *const names[] = {
		"agreement.ini", "mjournal.ini", "gitignore", "preparing.md",
		"negotiating.md", "enabling.md", "closing.md", "follow-up.md",
	};
	(void)state;

	assert_true(mj_builtin_template_count >= 8);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char *text = mj_template_builtin(names[i]);
		if (!text)
			fail_msg("no built-in template %s", names[i]);
		assert_true(strlen(text) > 10);
		free(text);
	}
	assert_null(mj_template_builtin("no-such.md"));
}

/* Writes text into root/rel. */
static void put(const char *root, const char *rel, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void a_journal_template_overrides_the_built_in_one(void **state)
{
	char root[] = "/tmp/mj-template-XXXXXX", path[128], *cmd;
	char *text;
	(void)state;

	assert_non_null(mkdtemp(root));
	/* without the journal's own copy, the built-in one */
	assert_int_equal(mj_template_load(root, "enabling.md", &text), 0);
	assert_non_null(text);
	assert_non_null(strstr(text, "## Feedback"));
	free(text);
	snprintf(path, sizeof(path), "%s/templates", root);
	assert_int_equal(mkdir(path, 0700), 0);
	put(root, "templates/enabling.md", "our own {{date}}\n");
	assert_int_equal(mj_template_load(root, "enabling.md", &text), 0);
	assert_string_equal(text, "our own {{date}}\n");
	free(text);
	/* no such template anywhere */
	assert_int_equal(mj_template_load(root, "no-such.md", &text), 0);
	assert_null(text);
	cmd = mj_xasprintf("rm -rf '%s'", root);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

/* what note made from a template is known by its bytes, whatever made it */
static void a_note_made_is_remembered_until_forgotten(void **state)
{
	char root[] = "/tmp/mj-template-XXXXXX", *cmd;
	static const char made[] = "---\ndate: 2026-02-02\n---\n# A title\n";
	(void)state;

	assert_non_null(mkdtemp(root));
	assert_false(mj_template_is_as_made(root, "sam/2026-02-02.md", made,
					    strlen(made)));
	assert_int_equal(mj_template_remember(root, "sam/2026-02-02.md", made,
					      strlen(made)), 0);
	assert_true(mj_template_is_as_made(root, "sam/2026-02-02.md", made,
					   strlen(made)));
	/* one byte more, or another note, is not what was made */
	assert_false(mj_template_is_as_made(root, "sam/2026-02-02.md", made,
					    strlen(made) - 1));
	assert_false(mj_template_is_as_made(root, "sam/2026-02-03.md", made,
					    strlen(made)));
	mj_template_forget(root, "sam/2026-02-02.md");
	assert_false(mj_template_is_as_made(root, "sam/2026-02-02.md", made,
					    strlen(made)));
	mj_template_forget(root, "sam/2026-02-02.md"); /* twice: no harm */
	cmd = mj_xasprintf("rm -rf '%s'", root);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

static void a_linked_template_is_refused_never_replaced(void **state)
{
	char root[] = "/tmp/mj-template-XXXXXX", outside[] = "/tmp/mj-outside-XXXXXX";
	char path[128], target[128], *cmd, *text = NULL;
	(void)state;

	assert_non_null(mkdtemp(root));
	assert_non_null(mkdtemp(outside));
	put(outside, "enabling.md", "MARKER from outside\n");
	/* a link at templates/NAME: refused, not the built-in one instead */
	snprintf(path, sizeof(path), "%s/templates", root);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/templates/enabling.md", root);
	snprintf(target, sizeof(target), "%s/enabling.md", outside);
	assert_int_equal(symlink(target, path), 0);
	assert_int_equal(mj_template_load(root, "enabling.md", &text), -1);
	assert_int_equal(errno, ELOOP);
	assert_null(text);
	/* a linked templates/ folder: refused, never followed */
	unlink(path);
	snprintf(path, sizeof(path), "%s/templates", root);
	rmdir(path);
	assert_int_equal(symlink(outside, path), 0);
	assert_int_equal(mj_template_load(root, "enabling.md", &text), -1);
	assert_int_equal(errno, ELOOP);
	/* a folder where the template should be */
	unlink(path);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/templates/enabling.md", root);
	assert_int_equal(mkdir(path, 0700), 0);
	assert_int_equal(mj_template_load(root, "enabling.md", &text), -1);
	cmd = mj_xasprintf("rm -rf '%s' '%s'", root, outside);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(keys_are_replaced_unknown_ones_kept),
		cmocka_unit_test(every_stage_has_a_built_in_template),
		cmocka_unit_test(a_journal_template_overrides_the_built_in_one),
		cmocka_unit_test(a_linked_template_is_refused_never_replaced),
		cmocka_unit_test(a_note_made_is_remembered_until_forgotten),
	};
	RUN_TESTS(tests);
}
