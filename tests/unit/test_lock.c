/*
 * test_lock.c - the journal's lock and git-style lock files: held by one,
 * saying who holds them, taken over from a holder that is gone, refused
 * when they are not plain files.
 */
#include "unit.h"

#include "mj_fs.h"
#include "mj_lock.h"
#include "mj_util.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char root[] = "/tmp/mj-lock-XXXXXX";

static char *at(const char *name)
{
	return mj_path_join(root, name);
}

/* Writes text into path. */
static void put(const char *path, const char *text)
{
	assert_int_equal(mj_fs_write(path, text, strlen(text), MJ_WRITE_REPLACE), 0);
}

/* The PID of a process that has ended. */
static long dead_pid(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	waitpid(pid, NULL, 0);
	return (long)pid;
}

static void the_journal_lock_is_held_by_one_who_says_so(void **state)
{
	struct mj_lock_holder other;
	char *path = at(".mjournal/lock"), *text;
	size_t len;
	int fd, status;
	pid_t pid;
	(void)state;

	fd = mj_lock_journal(root, &other);
	assert_true(fd >= 0);
	assert_int_equal(other.pid, 0);
	pid = fork();
	if (pid == 0) /* another sees it held, and by whom */
		_exit(mj_lock_journal(root, &other) < 0 && errno == EWOULDBLOCK &&
		      other.pid == (long)getppid() ? 0 : 1);
	waitpid(pid, &status, 0);
	assert_int_equal(WEXITSTATUS(status), 0);
	mj_lock_release_journal(fd);
	/* released: emptied, so nobody is said to have left it */
	assert_int_equal(mj_fs_read(path, 100, &text, &len), MJ_READ_OK);
	assert_int_equal(len, 0);
	free(text);
	fd = mj_lock_journal(root, &other);
	assert_true(fd >= 0);
	assert_int_equal(other.pid, 0);
	mj_lock_release_journal(fd);
	free(path);
}

static void a_journal_lock_left_by_a_killed_run_is_taken_over(void **state)
{
	struct mj_lock_holder other;
	char *path = at(".mjournal/lock"), *text;
	long dead = dead_pid();
	int fd;
	(void)state;

	text = mj_xasprintf("mjournal %ld somewhere\n", dead);
	put(path, text);
	free(text);
	fd = mj_lock_journal(root, &other);
	assert_true(fd >= 0);
	assert_int_equal(other.pid, dead);
	assert_string_equal(other.host, "somewhere");
	text = mj_lock_holder_text(&other);
	assert_non_null(strstr(text, "somewhere"));
	free(text);
	mj_lock_release_journal(fd);
	free(path);
}

static void a_journal_lock_that_is_no_file_is_refused(void **state)
{
	struct mj_lock_holder other;
	char *dir = at(".mjournal"), *path = at(".mjournal/lock");
	char *outside = at("outside");
	(void)state;

	/* a folder */
	unlink(path);
	assert_int_equal(mkdir(path, 0755), 0);
	assert_int_equal(mj_lock_journal(root, &other), -1);
	assert_int_equal(errno, EISDIR);
	rmdir(path);
	/* a link to a file outside: never opened, never made */
	assert_int_equal(symlink(outside, path), 0);
	assert_int_equal(mj_lock_journal(root, &other), -1);
	assert_int_equal(errno, ELOOP);
	assert_false(mj_fs_exists(outside));
	unlink(path);
	/* .mjournal itself a link to a folder outside */
	rmdir(dir);
	assert_int_equal(mkdir(outside, 0755), 0);
	assert_int_equal(symlink(outside, dir), 0);
	assert_int_equal(mj_lock_journal(root, &other), -1);
	assert_int_equal(errno, ELOOP);
	free(outside);
	outside = at("outside/lock");
	assert_false(mj_fs_exists(outside));
	unlink(dir);
	free(outside);
	free(dir);
	free(path);
}

static void a_lock_file_is_taken_once_and_says_who(void **state)
{
	struct mj_lock_holder other;
	char *path = at("index.lock"), *text;
	size_t len;
	int fd;
	(void)state;

	fd = mj_lock_file(path, 0, 600, &other);
	assert_true(fd >= 0);
	assert_int_equal(mj_fs_read(path, 100, &text, &len), MJ_READ_OK);
	assert_true(!strncmp(text, "mjournal ", 9));
	free(text);
	/* held by this very process: busy, never taken over */
	assert_int_equal(mj_lock_file(path, 0.05, 600, &other), -1);
	assert_int_equal(errno, EWOULDBLOCK);
	assert_int_equal(other.pid, (long)getpid());
	mj_lock_release_file(path, fd);
	assert_false(mj_fs_exists(path));
	free(path);
}

static void a_lock_file_left_by_a_killed_run_is_taken_over(void **state)
{
	struct mj_lock_holder other;
	char *path = at("index.lock"), *text;
	long dead = dead_pid();
	int fd;
	(void)state;

	/* as an older mjournal wrote it: no host, so this one */
	text = mj_xasprintf("mjournal %ld\n", dead);
	put(path, text);
	free(text);
	fd = mj_lock_file(path, 0, 600, &other);
	assert_true(fd >= 0);
	assert_int_equal(other.pid, dead);
	mj_lock_release_file(path, fd);
	/* another machine's: its process cannot be seen, so it is waited for */
	text = mj_xasprintf("mjournal %ld elsewhere.example\n", dead);
	put(path, text);
	free(text);
	assert_int_equal(mj_lock_file(path, 0, 600, &other), -1);
	assert_int_equal(errno, EWOULDBLOCK);
	assert_string_equal(other.host, "elsewhere.example");
	assert_int_equal(mj_lock_wait_gone(path, 0, 600, &other), -1);
	assert_int_equal(errno, EWOULDBLOCK);
	/* what is not mjournal's (git's own, empty) is never taken over */
	put(path, "");
	assert_int_equal(mj_lock_file(path, 0, 600, &other), -1);
	assert_int_equal(errno, EWOULDBLOCK);
	assert_int_equal(other.pid, 0);
	/* old: named as such */
	assert_int_equal(mj_lock_file(path, 0, -1, &other), -1);
	assert_int_equal(errno, ESTALE);
	assert_int_equal(mj_lock_wait_gone(path, 0, -1, &other), -1);
	assert_int_equal(errno, ESTALE);
	/* a lock text that is not what mjournal writes is not its */
	put(path, "mjournal 12x\n");
	assert_int_equal(mj_lock_file(path, 0, 600, &other), -1);
	assert_int_equal(other.pid, 0);
	unlink(path);
	assert_int_equal(mj_lock_wait_gone(path, 0, 600, &other), 0);
	/* not a plain file: refused at once */
	assert_int_equal(mkdir(path, 0755), 0);
	assert_int_equal(mj_lock_file(path, 5, 600, &other), -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(mj_lock_wait_gone(path, 5, 600, &other), -1);
	assert_int_equal(errno, EINVAL);
	rmdir(path);
	free(path);
}

static int make_root(void **state)
{
	(void)state;
	return mkdtemp(root) ? 0 : -1;
}

static int remove_root(void **state)
{
	char *cmd = mj_xasprintf("rm -rf '%s'", root);
	(void)state;
	int rc = system(cmd);
	free(cmd);
	return rc;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_journal_lock_is_held_by_one_who_says_so),
		cmocka_unit_test(a_journal_lock_left_by_a_killed_run_is_taken_over),
		cmocka_unit_test(a_journal_lock_that_is_no_file_is_refused),
		cmocka_unit_test(a_lock_file_is_taken_once_and_says_who),
		cmocka_unit_test(a_lock_file_left_by_a_killed_run_is_taken_over),
	};
	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, make_root, remove_root);
}
