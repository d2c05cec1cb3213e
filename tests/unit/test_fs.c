/*
 * test_fs.c - atomic writes, bounded reads, listing, paths inside a journal
 * never resolved through a link (with openat2 and by the walk), the list of
 * fault points.
 */
#include "unit.h"

#include "mj_fs.h"
#include "mj_util.h"

#include <errno.h>
#include <fcntl.h>
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

	assert_int_equal(mj_fs_write(path, "first\n", 6, MJ_WRITE_NEW), 0);
	assert_int_equal(mj_fs_write(path, "second\n", 7, MJ_WRITE_NEW), -1);
	assert_int_equal(errno, EEXIST);
	assert_int_equal(mj_fs_read(path, 100, &text, &len), MJ_READ_OK);
	assert_string_equal(text, "first\n");
	free(text);
	assert_int_equal(mj_fs_write(path, "replaced\n", 9, MJ_WRITE_REPLACE), 0);
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

static void user_folders_are_never_links(void **state)
{
	char *link = at("linked"), *dir = at("a"), *file = at("note.md");
	char *under = at("linked/x");
	(void)state;

	assert_int_equal(symlink(dir, link), 0);
	/* an existing folder is fine, a link to one is not */
	assert_int_equal(mj_fs_mkdir(dir), 0);
	assert_int_equal(mj_fs_mkdir(link), -1);
	assert_int_equal(errno, ELOOP);
	assert_int_equal(mj_fs_mkdir_parents(link), -1);
	assert_int_equal(errno, ELOOP);
	assert_int_equal(mj_fs_open_dir(link, true), -1);
	assert_int_equal(mj_fs_mkdir(file), -1);
	assert_int_equal(errno, ENOTDIR);
	/* the folders above are the user's own: a link among them is
	 * followed, as mkdir -p follows it */
	assert_int_equal(mj_fs_mkdir_parents(under), 0);
	/* a file is never written over a link */
	assert_int_equal(mj_fs_write(link, "x", 1, MJ_WRITE_REPLACE), -1);
	assert_int_equal(errno, ELOOP);
	assert_int_equal(unlink(link), 0);
	free(link);
	free(dir);
	free(file);
	free(under);
}

static void journal_paths_are_checked_first(void **state)
{
	static const char *const bad[] = {
		"", "/etc/passwd", "a//b", "a/", "./a", "a/./b", "..", "a/../b",
		".git", ".git/config", "a/.GIT/b", "a\033b", "a\nb", "a\177",
	};
	static const char *const good[] = {
		"a", ".mjournal/lock", "sam/2026-01-01.md", ".gitignore",
		"a..b", "templates/report.css", "Jos\351.md",
	};
	char *text;
	size_t len;
	(void)state;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (mj_jfs_path_ok(bad[i]))
			fail_msg("'%s' taken", bad[i]);
		assert_int_equal(mj_jfs_read(root, bad[i], 100, &text, &len),
				 MJ_READ_ERROR);
		assert_int_equal(errno, EINVAL);
	}
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (!mj_jfs_path_ok(good[i]))
			fail_msg("'%s' refused", good[i]);
}

/*
 * A journal under root/j with a folder that is a link to root/out, and a
 * file that is a link to a file there: nothing is read or written through
 * either, whichever way paths are resolved.
 */
static void no_link_is_followed_inside_a_journal(bool walk)
{
	char *j = at(walk ? "j-walk" : "j"), *out = at(walk ? "out-walk" : "out");
	char *cmd = mj_xasprintf("mkdir -p '%s/real' '%s' && echo secret >'%s/secret' && "
				 "ln -s '%s' '%s/linked' && ln -s '%s/secret' '%s/real/file' && "
				 "echo ok >'%s/real/ok'",
				 j, out, out, out, j, out, j, j);
	enum mj_file_kind kind;
	char *text, *part;
	size_t len;
	int fd;

	mj_jfs_walk_only(walk);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	assert_int_equal(mj_jfs_read(j, "real/ok", 100, &text, &len), MJ_READ_OK);
	assert_string_equal(text, "ok\n");
	free(text);
	/* a linked file: not read, not replaced */
	assert_int_equal(mj_jfs_read(j, "real/file", 100, &text, &len),
			 MJ_READ_NOT_REGULAR);
	assert_int_equal(mj_jfs_write(j, "real/file", "x", 1, MJ_WRITE_REPLACE), -1);
	assert_int_equal(errno, ELOOP);
	/* a linked folder: nothing read, written, made or listed in it */
	assert_int_equal(mj_jfs_read(j, "linked/secret", 100, &text, &len),
			 MJ_READ_NOT_REGULAR);
	assert_int_equal(errno, ELOOP);
	assert_int_equal(mj_jfs_write(j, "linked/new", "x", 1, MJ_WRITE_NEW), -1);
	assert_int_equal(errno, ELOOP);
	assert_int_equal(mj_jfs_write(j, "linked/new", "x", 1, MJ_WRITE_UNSYNCED), -1);
	assert_int_equal(mj_jfs_mkdir(j, "linked/sub"), -1);
	assert_int_equal(errno, ELOOP);
	assert_int_equal(mj_jfs_mkdir(j, "linked"), -1);
	assert_int_equal(mj_jfs_open_dir(j, "linked", false), -1);
	assert_int_equal(mj_jfs_open_dir(j, "linked", true), -1);
	assert_int_equal(mj_jfs_open(j, "linked/lock", O_RDWR | O_CREAT, 0644), -1);
	assert_int_equal(mj_jfs_kind(j, "linked/secret", &kind), -1);
	assert_int_equal(mj_jfs_remove(j, "linked/secret"), -1);
	assert_int_equal(mj_fs_kind(cmd = mj_path_join(out, "new"), &kind), -1);
	free(cmd);
	assert_int_equal(mj_fs_read(cmd = mj_path_join(out, "secret"), 100, &text,
				    &len), MJ_READ_OK);
	free(cmd);
	assert_string_equal(text, "secret\n");
	free(text);
	/* which part is the link */
	part = mj_jfs_culprit(j, "linked/sub/x", &kind);
	assert_string_equal(part, "linked");
	assert_int_equal(kind, MJ_KIND_LINK);
	free(part);
	part = mj_jfs_culprit(j, "real/file", &kind);
	assert_string_equal(part, "real/file");
	assert_int_equal(kind, MJ_KIND_LINK);
	free(part);
	part = mj_jfs_culprit(j, "real/ok/x", &kind);
	assert_string_equal(part, "real/ok");
	assert_int_equal(kind, MJ_KIND_FILE);
	free(part);
	assert_null(mj_jfs_culprit(j, "none/x", &kind));
	/* what is not a link works: made, written, listed, removed */
	assert_int_equal(mj_jfs_mkdir(j, "made/deeper"), 0);
	assert_int_equal(mj_jfs_write(j, "made/deeper/f", "1", 1, MJ_WRITE_NEW), 0);
	assert_int_equal(mj_jfs_write(j, "made/deeper/f", "2", 1, MJ_WRITE_NEW), -1);
	assert_int_equal(errno, EEXIST);
	assert_int_equal(mj_jfs_write(j, "made/deeper/f", "22", 2, MJ_WRITE_REPLACE), 0);
	assert_int_equal(mj_jfs_kind(j, "made/deeper/f", &kind), 0);
	assert_int_equal(kind, MJ_KIND_FILE);
	fd = mj_jfs_open_dir(j, "made", false);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(mj_jfs_restore(j, "made/deeper/f", NULL, 0), 0);
	assert_int_equal(mj_jfs_kind(j, "made/deeper/f", &kind), -1);
	assert_int_equal(errno, ENOENT);
	assert_int_equal(mj_jfs_remove(j, "made/deeper"), 0);
	assert_int_equal(mj_jfs_remove(j, "made/deeper"), 0); /* gone: fine */
	mj_jfs_walk_only(false);
	free(j);
	free(out);
}

static void no_link_is_followed_with_openat2(void **state)
{
	(void)state;
	no_link_is_followed_inside_a_journal(false);
}

static void no_link_is_followed_by_the_walk(void **state)
{
	(void)state;
	no_link_is_followed_inside_a_journal(true);
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

/* How many entries of the folder dir hold part in their name. */
static int entries_with(const char *dir, const char *part)
{
	struct mj_dirent *items;
	size_t n;
	int found = 0;

	assert_int_equal(mj_fs_list(dir, &items, &n), 0);
	for (size_t i = 0; i < n; i++)
		found += strstr(items[i].name, part) != NULL;
	mj_fs_list_free(items, n);
	return found;
}

static void a_file_written_in_parts_is_whole_or_not_there(void **state)
{
	char *dir = at("parts"), *page, *text;
	struct mj_fs_parts w;
	struct stat before, after;
	size_t len;
	int fd;
	(void)state;

	assert_int_equal(mkdir(dir, 0755), 0);
	page = mj_path_join(dir, "index.html");
	fd = open(dir, O_RDONLY | O_DIRECTORY);
	assert_true(fd >= 0);
	/* written, then put in place whole */
	assert_int_equal(mj_fs_parts_begin(&w, fd, "index.html"), 0);
	mj_fs_parts_add(&w, "<p>one</p>\n", 11);
	assert_int_equal(entries_with(dir, "index.html"), 1); /* the temporary */
	assert_int_equal(entries_with(dir, "mjournal-tmp"), 1);
	mj_fs_parts_add(&w, "<p>two</p>\n", 11);
	assert_int_equal(mj_fs_parts_end(&w, MJ_WRITE_IF_CHANGED), 0);
	assert_int_equal(mj_fs_read(page, 100, &text, &len), MJ_READ_OK);
	assert_string_equal(text, "<p>one</p>\n<p>two</p>\n");
	free(text);
	assert_int_equal(stat(page, &before), 0);
	/* the same bytes: the file is left as it was */
	assert_int_equal(mj_fs_parts_begin(&w, fd, "index.html"), 0);
	mj_fs_parts_add(&w, "<p>one</p>\n<p>two</p>\n", 22);
	assert_int_equal(mj_fs_parts_end(&w, MJ_WRITE_IF_CHANGED), 0);
	assert_int_equal(stat(page, &after), 0);
	assert_int_equal(before.st_ino, after.st_ino);
	/* a longer text with the same start is not the same */
	assert_int_equal(mj_fs_parts_begin(&w, fd, "index.html"), 0);
	mj_fs_parts_add(&w, "<p>one</p>\n<p>two</p>\n<p>3</p>\n", 31);
	assert_int_equal(mj_fs_parts_end(&w, MJ_WRITE_IF_CHANGED), 0);
	assert_int_equal(stat(page, &after), 0);
	assert_true(before.st_ino != after.st_ino);
	/* a page given up is not put in place */
	assert_int_equal(mj_fs_parts_begin(&w, fd, "index.html"), 0);
	mj_fs_parts_add(&w, "half", 4);
	w.err = ECANCELED;
	assert_int_equal(mj_fs_parts_end(&w, MJ_WRITE_IF_CHANGED), -1);
	assert_int_equal(errno, ECANCELED);
	assert_int_equal(mj_fs_read(page, 100, &text, &len), MJ_READ_OK);
	assert_string_equal(text, "<p>one</p>\n<p>two</p>\n<p>3</p>\n");
	free(text);
	/* never through a link: the link stays, what it points to too */
	assert_int_equal(unlink(page), 0);
	assert_int_equal(symlink("/etc/hostname", page), 0);
	assert_int_equal(mj_fs_parts_begin(&w, fd, "index.html"), 0);
	mj_fs_parts_add(&w, "over", 4);
	assert_int_equal(mj_fs_parts_end(&w, MJ_WRITE_IF_CHANGED), -1);
	assert_int_equal(errno, ELOOP);
	assert_int_equal(lstat(page, &after), 0);
	assert_true(S_ISLNK(after.st_mode));
	assert_int_equal(entries_with(dir, "mjournal-tmp"), 0);
	/* a spill has no name in the folder, and holds what was put there */
	int spill = mj_fs_spill_at(fd);
	char back[6] = "";
	assert_true(spill >= 0);
	assert_int_equal(entries_with(dir, ""), 1); /* the link alone */
	assert_int_equal(mj_fs_pwrite_all(spill, "abcdef", 6, 0), 0);
	assert_int_equal(mj_fs_pwrite_all(spill, "XY", 2, 2), 0);
	assert_int_equal(mj_fs_pread_all(spill, back, 5, 1), 0);
	assert_memory_equal(back, "bXYef", 5);
	assert_int_equal(mj_fs_pread_all(spill, back, 6, 4), -1); /* too short */
	assert_int_equal(errno, EIO);
	close(spill);
	close(fd);
	free(page);
	free(dir);
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
		cmocka_unit_test(user_folders_are_never_links),
		cmocka_unit_test(journal_paths_are_checked_first),
		cmocka_unit_test(no_link_is_followed_with_openat2),
		cmocka_unit_test(no_link_is_followed_by_the_walk),
		cmocka_unit_test(fault_points_are_listed),
		cmocka_unit_test(a_file_written_in_parts_is_whole_or_not_there),
	};
	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, make_root, remove_root);
}
