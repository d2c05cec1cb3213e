/*
 * test_fs.c - atomic writes, bounded reads, listing, the lock, the list of
 * fault points.
 */
#include "unit.h"

#include "mj_fs.h"
#include "mj_util.h"

#include <errno.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char root[] = "/tmp/mj-fs-XXXXXX";

static char *at(const char *name)
{
	return mj_path_join(root, name);
}

static void writes_are_whole_and_new_files_never_overwrite(void **state)
{
	char *path = at("note.md"), *text;
	size_t len;
	(void)state;

	assert_int_equal(mj_fs_write_new(path, "first\n", 6), 0);
	assert_int_equal(mj_fs_write_new(path, "second\n", 7), -1);
	assert_int_equal(errno, EEXIST);
	assert_int_equal(mj_fs_read(path, 100, &text, &len), MJ_READ_OK);
	assert_string_equal(text, "first\n");
	free(text);
	assert_int_equal(mj_fs_write_atomic(path, "replaced\n", 9), 0);
	assert_int_equal(mj_fs_read(path, 100, &text, &len), MJ_READ_OK);
	assert_string_equal(text, "replaced\n");
	assert_int_equal(len, 9);
	free(text);
	/* over the limit: not read */
	assert_int_equal(mj_fs_read(path, 8, &text, &len), MJ_READ_TOO_LARGE);
	assert_null(text);
	free(path);
}

static void links_and_folders_are_not_read(void **state)
{
	char *link = at("link.md"), *dir = at("a/b/c"), *text;
	enum mj_file_kind kind;
	size_t len;
	(void)state;

	assert_int_equal(symlink("/etc/passwd", link), 0);
	assert_int_equal(mj_fs_read(link, 1 << 20, &text, &len), MJ_READ_NOT_REGULAR);
	assert_int_equal(mj_fs_kind(link, &kind), 0);
	assert_int_equal(kind, MJ_KIND_LINK);
	assert_int_equal(mj_fs_mkdir_parents(dir), 0);
	assert_int_equal(mj_fs_kind(dir, &kind), 0);
	assert_int_equal(kind, MJ_KIND_DIR);
	assert_int_equal(mj_fs_read(dir, 1 << 20, &text, &len), MJ_READ_NOT_REGULAR);
	assert_false(mj_fs_exists(root + 1)); /* relative: not there */
	free(link);
	free(dir);
}

static void listing_is_sorted_and_stamped(void **state)
{
	struct mj_dirent *entries;
	size_t n;
	(void)state;

	assert_int_equal(mj_fs_list(root, &entries, &n), 0);
	assert_int_equal(n, 3); /* a, link.md, note.md */
	assert_string_equal(entries[0].name, "a");
	assert_string_equal(entries[1].name, "link.md");
	assert_string_equal(entries[2].name, "note.md");
	assert_false(entries[1].has_stamp);
	assert_true(entries[2].has_stamp);
	assert_int_equal(entries[2].stamp.size, 9);
	mj_fs_list_free(entries, n);
}

static void the_lock_is_held_by_one(void **state)
{
	int fd, status;
	pid_t pid;
	(void)state;

	fd = mj_fs_lock(root);
	assert_true(fd >= 0);
	pid = fork();
	if (pid == 0)
		_exit(mj_fs_lock(root) < 0 && errno == EWOULDBLOCK ? 0 : 1);
	waitpid(pid, &status, 0);
	assert_int_equal(WEXITSTATUS(status), 0);
	mj_fs_unlock(fd);
	fd = mj_fs_lock(root);
	assert_true(fd >= 0);
	mj_fs_unlock(fd);
}

static void fault_points_are_listed(void **state)
{
	char *list = at("points"), *text;
	size_t len;
	(void)state;

	setenv("MJOURNAL_FAULT_LIST", list, 1);
	mj_fs_fault_point("one");
	mj_fs_fault_point("two");
	unsetenv("MJOURNAL_FAULT_LIST");
	assert_int_equal(mj_fs_read(list, 100, &text, &len), MJ_READ_OK);
	/* numbered as MJOURNAL_FAULT_AT counts them */
	assert_non_null(strstr(text, " one\n"));
	assert_non_null(strstr(text, " two\n"));
	assert_int_equal(mj_line_of_offset(text, len - 1), 2);
	free(text);
	free(list);
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
		cmocka_unit_test(writes_are_whole_and_new_files_never_overwrite),
		cmocka_unit_test(links_and_folders_are_not_read),
		cmocka_unit_test(listing_is_sorted_and_stamped),
		cmocka_unit_test(the_lock_is_held_by_one),
		cmocka_unit_test(fault_points_are_listed),
	};
	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, make_root, remove_root);
}
