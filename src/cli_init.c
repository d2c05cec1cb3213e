/*
 * cli_init.c - making a folder a journal (mj_init.h).
 */
#include "mj_cli.h"
#include "mj_git.h"
#include "mj_ini.h"
#include "mj_init.h"
#include "mj_template.h"

#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>

/*
 * Adds the journal's ignore lines to .gitignore, keeping what it has.
 * *written says whether it wrote; *old (caller frees) is what the file
 * held before, NULL when there was none.
 */
static int write_gitignore(const char *root, bool *written, char **old,
			   size_t *old_len)
{
	char *ours = mj_template_builtin("gitignore");
	char *have = NULL;
	size_t len = 0;
	struct mj_buf next = MJ_BUF_INIT;
	int rc = 0;

	*written = false;
	if (mj_jfs_read(root, ".gitignore", MJ_FILE_SIZE_LIMIT, &have,
			&len) != MJ_READ_OK) {
		have = NULL;
		len = 0;
	}
	if (have)
		mj_buf_add(&next, have, len);
	if (!have || !strstr(have, "*.private.md") || !strstr(have, ".mjournal/") ||
	    !strstr(have, "*.mjournal-tmp-*")) {
		if (next.len && next.ptr[next.len - 1] != '\n')
			mj_buf_adds(&next, "\n");
		mj_buf_adds(&next, ours);
		rc = mj_jfs_write(root, ".gitignore", next.ptr, next.len,
				  MJ_WRITE_REPLACE);
		*written = rc == 0;
	}
	mj_buf_free(&next);
	*old = have;
	*old_len = len;
	free(ours);
	return rc;
}

int mj_init_journal(const struct mj_init *in, char **root_out, bool *created)
{
	const char *name = in->name, *owner = in->owner;
	char *root = NULL, *found = NULL, *person = NULL;
	char *text = NULL, *base_copy = NULL, *template = NULL, *old_ignore = NULL;
	size_t old_ignore_len = 0;
	struct mj_repo *repo = NULL;
	struct mj_strvec paths = MJ_STRVEC_INIT;
	struct mj_buf name_written = MJ_BUF_INIT, owner_written = MJ_BUF_INIT;
	bool gitignore_written = false, committed;
	int rc = -1;

	*root_out = NULL;
	*created = false;
	if (mj_fs_user_folder(in->dir) < 0) {
		mj_cli_error("cannot make the folder '%s': %s", in->dir,
			     strerror(errno));
		return -1;
	}
	root = realpath(in->dir, NULL);
	if (!root) {
		mj_cli_error("cannot use '%s': %s", in->dir, strerror(errno));
		return -1;
	}
	if (mj_journal_find_root(root, &found) == 0) {
		if (!strcmp(found, root))
			mj_cli_error("'%s' is already a journal; use it as "
				     "it is, or give another folder", root);
		else
			mj_cli_error("'%s' is inside the journal '%s'; a journal "
				     "cannot hold another: give a folder outside "
				     "it", root, found);
		goto done;
	}
	mj_git_default_person(root, &person);
	if (!owner)
		owner = person;
	if (!owner) {
		mj_cli_error("no owner for the journal and no identity for git");
		mj_cli_hint("run git config --global user.name 'Your Name' and "
			    "git config --global user.email you@example.org, or "
			    "pass --owner 'Name <email>'");
		goto done;
	}
	base_copy = mj_xstrdup(root);
	if (!name)
		name = basename(base_copy);
	/* written so that they read back as they are, to git config too */
	if (strpbrk(owner, "\n\r") || strpbrk(name, "\n\r") ||
	    mj_ini_write_value(&owner_written, owner) < 0 ||
	    mj_ini_write_value(&name_written, name) < 0) {
		mj_cli_error("the owner and name must be one line of UTF-8 "
			     "text");
		goto done;
	}

	if (mj_git_init(root, in->alone, created) < 0) {
		mj_cli_error("%s", mj_git_error());
		goto done;
	}
	template = mj_template_builtin("mjournal.ini");
	text = mj_template_fill(template, (const char *const[]){
		"name", name_written.ptr, "owner", owner_written.ptr, NULL });
	if (mj_jfs_write(root, "mjournal.ini", text, strlen(text),
			 MJ_WRITE_NEW) < 0) {
		mj_cli_journal_error(root, "mjournal.ini", MJ_KIND_FILE, "write");
		goto done;
	}
	if (write_gitignore(root, &gitignore_written, &old_ignore,
			    &old_ignore_len) < 0) {
		mj_cli_journal_error(root, ".gitignore", MJ_KIND_FILE, "write");
		goto undo;
	}
	mj_strvec_push(&paths, "mjournal.ini");
	mj_strvec_push(&paths, ".gitignore");
	if (mj_git_open(&repo, root) < 0 ||
	    mj_git_commit_paths(repo, &paths, "Start the journal\n", owner,
				&committed) < 0) {
		mj_cli_error("%s", mj_git_error());
		goto undo;
	}
	*root_out = root;
	root = NULL;
	rc = 0;
	goto done;
undo:
	/* a failed init leaves no half-made journal behind */
	mj_jfs_remove(root, "mjournal.ini");
	if (gitignore_written)
		mj_jfs_restore(root, ".gitignore", old_ignore, old_ignore_len);
done:
	mj_git_free(repo);
	mj_strvec_free(&paths);
	free(template);
	free(text);
	free(base_copy);
	mj_buf_free(&name_written);
	mj_buf_free(&owner_written);
	free(old_ignore);
	free(person);
	free(found);
	free(root);
	return rc;
}
