/*
 * test_journal.c - loading a journal from a source: which folders are
 * relationships, which files are notes, what is reported; finding the root.
 */
#include "unit.h"

#include <limits.h>
#include <unistd.h>

#define AGREEMENT \
	"[relationship]\nmentor = Alex Doe <alex@example.org>\n" \
	"mentee = Sam Roe <sam@example.org>\nstarted = 2026-01-12\n" \
	"ends = 2026-07-12\ncadence = 14d\nstatus = active\n"

static const char *const files[] = {
	"mjournal.ini", "[journal]\nname = Test programme\nowner = Alex <a@x.org>\n",
	"sam-with-alex/agreement.ini", AGREEMENT,
	"sam-with-alex/2026-02-02.md", "---\ndate: 2026-02-02\nstage: enabling\n---\n# Two\n",
	"sam-with-alex/2026-01-12-preparing.md", "---\ndate: 2026-01-12\nstage: preparing\n---\n# One\n",
	"sam-with-alex/summary.md", "# not a note\n",
	"sam-with-alex/notes.txt", "not a note either\n",
	"kim-with-lee/2026-03-01.md", "---\ndate: 2026-03-01\nstage: preparing\n---\n",
	"templates/agreement.ini", AGREEMENT,
	".mjournal/cache", "x",
	"Bad_Name/agreement.ini", AGREEMENT,
	"empty/readme", "nothing here\n",
	"README.md", "# the programme\n",
	NULL,
};

static void loads_relationships_in_name_order(void **state)
{
	struct mem_source m = { files };
	struct mj_source src;
	struct mj_journal j;
	struct mj_relationship *r;
	(void)state;

	mem_source(&src, &m);
	assert_int_equal(mj_journal_load(&j, "/journal", &src, NULL, 0), 0);
	assert_string_equal(j.config.name.text, "Test programme");
	/* templates, dot folders and a folder with no note or agreement are
	 * not relationships; a bad name is reported, not loaded */
	assert_int_equal(j.n_relationships, 2);
	assert_string_equal(j.relationships[0].slug, "kim-with-lee");
	assert_string_equal(j.relationships[1].slug, "sam-with-alex");
	assert_diag(&j.diags, MJ_RULE_RELATIONSHIP_NAME, 0, MJ_LEVEL_ERROR);
	assert_string_equal(diag_file(&j.diags, MJ_RULE_RELATIONSHIP_NAME,
				      MJ_LEVEL_ERROR), "Bad_Name");

	r = mj_journal_find(&j, "sam-with-alex");
	assert_non_null(r);
	assert_true(r->agreement.present);
	/* summary.md and other files are not notes; notes in date order */
	assert_int_equal(r->n_notes, 2);
	assert_string_equal(r->notes[0].file, "sam-with-alex/2026-01-12-preparing.md");
	assert_string_equal(r->notes[1].file, "sam-with-alex/2026-02-02.md");
	assert_false(mj_journal_find(&j, "kim-with-lee")->agreement.present);
	assert_null(mj_journal_find(&j, "templates"));
	mj_journal_free(&j);
}

static void loads_only_the_relationships_asked(void **state)
{
	struct mem_source m = { files };
	struct mj_source src;
	struct mj_journal j;
	struct mj_strvec slugs = MJ_STRVEC_INIT;
	(void)state;

	mem_source(&src, &m);
	mj_strvec_push(&slugs, "kim-with-lee");
	assert_int_equal(mj_journal_load(&j, "/journal", &src, &slugs, 0), 0);
	assert_int_equal(j.n_relationships, 1);
	assert_string_equal(j.relationships[0].slug, "kim-with-lee");
	assert_int_equal(count_diags(&j.diags, MJ_RULE_RELATIONSHIP_NAME, 0,
				     MJ_LEVEL_ERROR), 0);
	mj_journal_free(&j);
	mj_strvec_free(&slugs);
}

static void reserved_names(void **state)
{
	(void)state;
	assert_true(mj_journal_name_is_reserved("templates"));
	assert_true(mj_journal_name_is_reserved(".git"));
	assert_true(mj_journal_name_is_reserved(".mjournal"));
	assert_false(mj_journal_name_is_reserved("sam-with-alex"));
}

static void finds_the_root_upward(void **state)
{
	char tmp[] = "/tmp/mj-journal-XXXXXX", path[PATH_MAX], real[PATH_MAX];
	char *root = NULL;
	FILE *f;
	(void)state;

	assert_non_null(mkdtemp(tmp));
	snprintf(path, sizeof(path), "%s/a/b", tmp);
	assert_int_equal(mj_fs_mkdir_parents(path), 0);
	assert_int_equal(mj_journal_find_root(path, &root), -1);
	snprintf(path, sizeof(path), "%s/a/mjournal.ini", tmp);
	f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/a/b", tmp);
	assert_int_equal(mj_journal_find_root(path, &root), 0);
	snprintf(path, sizeof(path), "%s/a", tmp);
	assert_non_null(realpath(path, real));
	assert_string_equal(root, real);
	free(root);
	snprintf(path, sizeof(path), "rm -rf '%s'", tmp);
	assert_int_equal(system(path), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loads_relationships_in_name_order),
		cmocka_unit_test(loads_only_the_relationships_asked),
		cmocka_unit_test(reserved_names),
		cmocka_unit_test(finds_the_root_upward),
	};
	RUN_TESTS(tests);
}
