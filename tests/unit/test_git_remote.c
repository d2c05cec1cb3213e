/*
 * test_git_remote.c - sharing through a real bare remote: the first push
 * sets the upstream, a change made elsewhere comes in by fast-forward, and
 * two changes to one line stop as a conflict, as git leaves one.  Each
 * result is read back with the git command line.
 */
#include "unit_git.h"

static struct mj_repo *repo;

static int setup(void **state)
{
	bool created = false, committed = false;
	struct mj_strvec paths = MJ_STRVEC_INIT;
	char *out;

	if (scratch_setup(state) < 0 || mj_git_init(at("j"), false, &created) < 0)
		return -1;
	put("j/mjournal.ini", "[journal]\n");
	put("j/sam/2026-01-12.md", "line one\n");
	out = sh("git init -q --bare remote.git && "
		 "git -C j remote add origin \"$PWD/remote.git\" && "
		 "git -C j symbolic-ref HEAD refs/heads/main");
	free(out);
	mj_strvec_push(&paths, "mjournal.ini");
	mj_strvec_push(&paths, "sam/2026-01-12.md");
	if (mj_git_open(&repo, at("j")) < 0 ||
	    mj_git_commit_paths(repo, &paths, "first", NULL, &committed) < 0)
		return -1;
	mj_strvec_free(&paths);
	return committed ? 0 : -1;
}

static int teardown(void **state)
{
	mj_git_free(repo);
	return scratch_teardown(state);
}

static void sync(unsigned what, struct mj_sync_result *r)
{
	if (mj_git_sync(repo, NULL, what, NULL, r) < 0)
		fail_msg("sync: %s", mj_git_error());
}

static void first_push_sets_the_upstream(void **state)
{
	struct mj_sync_result r;
	(void)state;

	sync(MJ_SYNC_PULL | MJ_SYNC_PUSH, &r);
	assert_string_equal(r.remote, "origin");
	assert_string_equal(r.branch, "main");
	assert_true(r.remote_empty);
	assert_true(r.pushed);
	assert_true(r.upstream_set);
	mj_sync_result_free(&r);
	assert_sh("first\n", "git -C remote.git log --format=%%s main");
	assert_sh("origin/main\n", "git -C j rev-parse --abbrev-ref main@{upstream}");
	sync(MJ_SYNC_PULL | MJ_SYNC_PUSH, &r);
	assert_true(r.up_to_date);
	assert_false(r.upstream_set);
	mj_sync_result_free(&r);
}

static void changes_elsewhere_fast_forward(void **state)
{
	struct mj_sync_result r;
	(void)state;

	free(sh("git clone -q -b main remote.git other && cd other && "
		"echo 'from elsewhere' >sam/2026-02-02.md && git add . && "
		"git commit -q -m elsewhere && git push -q origin main"));
	sync(MJ_SYNC_PULL, &r);
	assert_true(r.fast_forward);
	assert_false(r.merged);
	assert_false(r.pushed);
	mj_sync_result_free(&r);
	assert_sh("elsewhere\n", "git -C j log -1 --format=%%s");
	assert_sh("from elsewhere\n", "cat j/sam/2026-02-02.md");
	assert_sh("", "git -C j status --porcelain");
}

static void one_line_changed_twice_is_a_conflict(void **state)
{
	struct mj_sync_result r;
	struct mj_strvec paths = MJ_STRVEC_INIT;
	bool committed;
	(void)state;

	free(sh("cd other && git pull -q && echo theirs >sam/2026-01-12.md && "
		"git commit -q -am theirs && git push -q origin main"));
	put("j/sam/2026-01-12.md", "ours\n");
	mj_strvec_push(&paths, "sam/2026-01-12.md");
	assert_int_equal(mj_git_commit_paths(repo, &paths, "ours", NULL,
					     &committed), 0);
	mj_strvec_free(&paths);
	sync(MJ_SYNC_PULL | MJ_SYNC_PUSH, &r);
	assert_true(r.conflict);
	assert_false(r.pushed);
	assert_int_equal(r.n_conflicts, 1);
	assert_string_equal(r.conflicts[0].path, "sam/2026-01-12.md");
	assert_int_equal(r.conflicts[0].kind, MJ_CONFLICT_BOTH_EDITED);
	assert_string_equal(r.ours_label, "main");
	mj_sync_result_free(&r);
	assert_true(mj_git_merging(repo));
	assert_sh("UU sam/2026-01-12.md\n", "git -C j status --porcelain");
	/* nothing was committed: HEAD is ours, the file holds both sides */
	assert_sh("ours\n", "git -C j show HEAD:sam/2026-01-12.md");
	/* the markers name both sides: the branch, and the remote's with
	 * its commit */
	assert_sh("<<<<<<< main\nours\n=======\ntheirs\n",
		  "sed -n 1,4p j/sam/2026-01-12.md");
	assert_sh(">>>>>>> origin/main\n",
		  "sed -n 5p j/sam/2026-01-12.md | cut -c1-19");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(first_push_sets_the_upstream),
		cmocka_unit_test(changes_elsewhere_fast_forward),
		cmocka_unit_test(one_line_changed_twice_is_a_conflict),
	};
	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, setup, teardown);
}
