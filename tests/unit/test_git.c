/*
 * test_git.c - the repository through libgit2: made, committed to, tagged
 * and read as git status sees it; every result read back with the git
 * command line.
 */
#include "unit_git.h"
#include "../../src/git_private.h"

#include <unistd.h>

static struct mj_repo *repo;

static int setup(void **state)
{
	bool created = false;

	if (scratch_setup(state) < 0 || mj_git_init(at("j"), false, &created) < 0 ||
	    !created)
		return -1;
	put("j/.gitignore", "*.private.md\n");
	put("j/mjournal.ini", "[journal]\n");
	return mj_git_open(&repo, at("j"));
}

static int teardown(void **state)
{
	mj_git_free(repo);
	return scratch_teardown(state);
}

static void commit(const char *message, bool expect_commit, ...)
{
	struct mj_strvec paths = MJ_STRVEC_INIT;
	bool committed = !expect_commit;
	va_list ap;

	va_start(ap, expect_commit);
	for (const char *p; (p = va_arg(ap, const char *));)
		mj_strvec_push(&paths, p);
	va_end(ap);
	if (mj_git_commit_paths(repo, &paths, message, NULL, &committed) < 0)
		fail_msg("commit: %s", mj_git_error());
	assert_int_equal(committed, expect_commit);
	mj_strvec_free(&paths);
}

static void init_is_idempotent(void **state)
{
	bool created = true;
	(void)state;
	assert_int_equal(mj_git_init(at("j"), false, &created), 0);
	assert_false(created);
	assert_sh("true\n", "git -C j rev-parse --is-inside-work-tree");
}

static void commits_exactly_the_paths(void **state)
{
	(void)state;
	put("j/sam/agreement.ini", "[relationship]\n");
	put("j/sam/2026-01-12.md", "# one\n");
	put("j/other.txt", "not asked for\n");
	/* on an unborn HEAD */
	commit("sam: agreement and first note", true, ".gitignore", "mjournal.ini",
	       "sam/agreement.ini", "sam/2026-01-12.md", (char *)NULL);
	assert_sh("sam: agreement and first note\n", "git -C j log --format=%%s");
	assert_sh("A U Thor <author@example.com>\n", "git -C j log --format='%%an <%%ae>'");
	assert_sh(".gitignore\nmjournal.ini\nsam/2026-01-12.md\nsam/agreement.ini\n",
		  "git -C j ls-tree -r --name-only HEAD");
	assert_sh("?? other.txt\n", "git -C j status --porcelain");
	/* nothing changed: no empty commit */
	commit("again", false, "sam/2026-01-12.md", (char *)NULL);
	assert_sh("1\n", "git -C j rev-list --count HEAD");
	/* a removal is committed too */
	assert_int_equal(unlink(at("j/sam/2026-01-12.md")), 0);
	commit("sam: note removed", true, "sam/2026-01-12.md", (char *)NULL);
	assert_sh(".gitignore\nmjournal.ini\nsam/agreement.ini\n",
		  "git -C j ls-tree -r --name-only HEAD");
	free(sh("git -C j fsck --strict 2>&1"));
}

static void refuses_private_notes(void **state)
{
	struct mj_strvec paths = MJ_STRVEC_INIT;
	bool committed = true;
	(void)state;

	put("j/sam/2026-02-02.private.md", "secret\n");
	mj_strvec_push(&paths, "sam/2026-02-02.private.md");
	assert_int_equal(mj_git_commit_paths(repo, &paths, "no", NULL, &committed), -1);
	assert_false(committed);
	/* mjournal's reason, never a libgit2 message left by an earlier call */
	assert_string_equal(mj_git_error(), "refusing to commit the private "
			    "note 'sam/2026-02-02.private.md'");
	mj_strvec_free(&paths);
	assert_sh("", "git -C j ls-files '*.private.md'");
}

static void status_as_git_sees_it(void **state)
{
	struct mj_changes c = { 0 };
	(void)state;

	put("j/sam/agreement.ini", "[relationship]\nmentor = A\n");
	put("j/kim/2026-03-01.md", "# new\n");
	assert_int_equal(mj_git_status(repo, NULL, &c), 0);
	/* sorted by path: kim's new note, other.txt, sam's agreement and
	 * the private note git ignores */
	assert_int_equal(c.len, 4);
	assert_string_equal(c.items[0].path, "kim/2026-03-01.md");
	assert_int_equal(c.items[0].kind, MJ_CHANGE_NEW);
	assert_string_equal(c.items[1].path, "other.txt");
	assert_string_equal(c.items[2].path, "sam/2026-02-02.private.md");
	assert_int_equal(c.items[2].kind, MJ_CHANGE_PRIVATE);
	assert_string_equal(c.items[3].path, "sam/agreement.ini");
	assert_int_equal(c.items[3].kind, MJ_CHANGE_MODIFIED);
	assert_false(c.items[3].staged);
	assert_string_equal(mj_change_kind_name(MJ_CHANGE_MODIFIED), "modified");
	mj_changes_free(&c);
}

static void reads_the_index(void **state)
{
	struct mj_source src;
	char *text = NULL;
	size_t len;
	(void)state;

	free(sh("git -C j add sam/agreement.ini"));
	put("j/sam/agreement.ini", "[relationship]\nmentor = changed again\n");
	assert_int_equal(mj_git_source_index(repo, &src), 0);
	assert_int_equal(src.read(src.ctx, "sam/agreement.ini", 1024, &text, &len),
			 MJ_READ_OK);
	assert_string_equal(text, "[relationship]\nmentor = A\n");
	free(text);
	mj_git_source_free(&src);
}

static void tags(void **state)
{
	(void)state;
	assert_false(mj_git_tag_exists(repo, "sam-closed"));
	assert_int_equal(mj_git_tag(repo, "sam-closed", "sam: closed", NULL), 0);
	assert_true(mj_git_tag_exists(repo, "sam-closed"));
	assert_sh("sam-closed\n", "git -C j tag -l");
	assert_sh("tag\n", "git -C j cat-file -t sam-closed");
	assert_int_equal(mj_git_tag(repo, "sam-closed", "again", NULL), -1);
}

static void tracked_private_notes_and_own_files(void **state)
{
	struct mj_strvec found = MJ_STRVEC_INIT;
	(void)state;

	assert_int_equal(mj_git_tracked_forbidden(repo, NULL, &found), 0);
	assert_int_equal(found.len, 0);
	/* committed behind mjournal's back, with the git command line */
	free(sh("git -C j add -f sam/2026-02-02.private.md"));
	assert_int_equal(mj_git_tracked_forbidden(repo, NULL, &found), 0);
	assert_int_equal(found.len, 1);
	assert_string_equal(found.items[0], "sam/2026-02-02.private.md");
	mj_strvec_free(&found);
	free(sh("git -C j rm -q --cached sam/2026-02-02.private.md"));
	/* mjournal's own files, committed by a collaborator */
	put("j/.mjournal/report/index.html", "<p>x</p>\n");
	free(sh("git -C j add -f .mjournal/report/index.html"));
	assert_int_equal(mj_git_tracked_forbidden(repo, NULL, &found), 0);
	assert_int_equal(found.len, 1);
	assert_string_equal(found.items[0], ".mjournal/report/index.html");
	mj_strvec_free(&found);
	free(sh("git -C j rm -q --cached .mjournal/report/index.html"));
}

/* private: true in the front matter is as private as the name */
static void private_by_front_matter(void **state)
{
	struct mj_strvec paths = MJ_STRVEC_INIT, also = MJ_STRVEC_INIT,
			 found = MJ_STRVEC_INIT;
	struct mj_changes c = { 0 };
	bool committed = true;
	(void)state;

	put("j/sam/2026-03-02.md", "---\ndate: 2026-03-02\nstage: enabling\n"
	    "private: True\n---\nmy doubts\n");
	assert_int_equal(mj_git_status(repo, NULL, &c), 0);
	for (size_t i = 0; i < c.len; i++)
		if (!strcmp(c.items[i].path, "sam/2026-03-02.md"))
			assert_int_equal(c.items[i].kind, MJ_CHANGE_PRIVATE);
	mj_changes_free(&c);
	mj_strvec_push(&paths, "sam/2026-03-02.md");
	assert_int_equal(mj_git_commit_paths(repo, &paths, "no", NULL, &committed), -1);
	assert_false(committed);
	assert_non_null(strstr(mj_git_error(), "private note"));
	mj_strvec_free(&paths);
	/* added with plain git: check can name it */
	free(sh("git -C j add sam/2026-03-02.md"));
	mj_strvec_push(&also, "sam/2026-03-02.md");
	assert_int_equal(mj_git_tracked_forbidden(repo, &also, &found), 0);
	assert_true(mj_strvec_contains(&found, "sam/2026-03-02.md"));
	free(sh("git -C j rm -q --cached sam/2026-03-02.md"));
	mj_strvec_free(&also);
	mj_strvec_free(&found);
}

/* The gate on a tree against HEAD's: everything that differs, or only the
 * paths it is told (a commit names the paths it changed). */
static int gate(git_tree *tree, git_tree *head, const char *only_path,
		struct mjg_refusal *r)
{
	struct mj_strvec only = MJ_STRVEC_INIT;
	int rc;

	if (only_path)
		mj_strvec_push(&only, only_path);
	rc = mjg_gate_tree(repo, tree, &head, 1, only_path ? &only : NULL, r);
	mj_strvec_free(&only);
	return rc;
}

static void the_gate_judges_what_a_tree_brings_in(void **state)
{
	static const char markers[] = "<<<<<<< HEAD\nb\n=======\nc\n>>>>>>> main\n";
	git_object *head = NULL;
	git_tree *tree = NULL;
	git_tree_update update = { GIT_TREE_UPDATE_UPSERT, { { 0 } },
				   GIT_FILEMODE_BLOB, "gate/plan.txt" };
	struct mjg_refusal r;
	git_oid id;
	(void)state;

	assert_int_equal(git_revparse_single(&head, repo->repo, "HEAD^{tree}"), 0);
	assert_int_equal(git_blob_create_from_buffer(&update.id, repo->repo,
						     markers, strlen(markers)), 0);
	assert_int_equal(git_tree_create_updated(&id, repo->repo, (git_tree *)head,
						 1, &update), 0);
	assert_int_equal(git_tree_lookup(&tree, repo->repo, &id), 0);
	/* all that differs from HEAD */
	assert_int_equal(gate(tree, (git_tree *)head, NULL, &r), 1);
	assert_string_equal(r.path, "gate/plan.txt");
	assert_int_equal(r.line, 1);
	mjg_refusal_free(&r);
	/* the path that changed, named */
	assert_int_equal(gate(tree, (git_tree *)head, "gate/plan.txt", &r), 1);
	assert_string_equal(r.path, "gate/plan.txt");
	mjg_refusal_free(&r);
	/* told of another path only, it looks nowhere else */
	assert_int_equal(gate(tree, (git_tree *)head, "mjournal.ini", &r), 0);
	mjg_refusal_free(&r);
	git_tree_free(tree);
	git_object_free(head);
}

static void identity(void **state)
{
	char *who = NULL;
	(void)state;

	mj_git_default_person(at("j"), &who);
	assert_string_equal(who, "A U Thor <author@example.com>");
	free(who);
	unsetenv("GIT_AUTHOR_NAME");
	unsetenv("GIT_AUTHOR_EMAIL");
	unsetenv("GIT_COMMITTER_NAME");
	unsetenv("GIT_COMMITTER_EMAIL");
	mj_git_default_person(at("j"), &who);
	assert_null(who);
	assert_int_equal(mj_git_check_identity(repo, NULL), -1);
	assert_int_equal(mj_git_check_identity(repo, "Owner <o@example.org>"), 0);
}

static void expect_redacted(const char *text, const char *want)
{
	char *got = mj_url_redact(text);

	assert_string_equal(got, want);
	free(got);
}

/* A URL is shown without its user name and password, wherever it stands
 * in a message, as git's transport_anonymize_url shows a remote. */
static void urls_shown_without_userinfo(void **state)
{
	(void)state;

	expect_redacted("https://user:s3cret@127.0.0.1:1/x.git",
			"https://127.0.0.1:1/x.git");
	expect_redacted("ssh://git@host/x", "ssh://host/x");
	expect_redacted("https://user:p@ss@host", "https://host");
	expect_redacted("cannot fetch from 'http://u:pw@h/x': failed at "
			"'http://u:pw@h/x' for alex@example.org",
			"cannot fetch from 'http://h/x': failed at 'http://h/x' "
			"for alex@example.org");
	/* nothing to hide: the text as it was */
	expect_redacted("git@host:mentors/lee.git", "git@host:mentors/lee.git");
	expect_redacted("https://host/a@b", "https://host/a@b");
	expect_redacted("/home/alex/journal", "/home/alex/journal");
	expect_redacted("", "");
}

int main(void)
{
	/* in order: each test starts from what the one before left */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(init_is_idempotent),
		cmocka_unit_test(commits_exactly_the_paths),
		cmocka_unit_test(refuses_private_notes),
		cmocka_unit_test(status_as_git_sees_it),
		cmocka_unit_test(reads_the_index),
		cmocka_unit_test(tags),
		cmocka_unit_test(tracked_private_notes_and_own_files),
		cmocka_unit_test(private_by_front_matter),
		cmocka_unit_test(the_gate_judges_what_a_tree_brings_in),
		cmocka_unit_test(identity),
		cmocka_unit_test(urls_shown_without_userinfo),
	};
	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, setup, teardown);
}
