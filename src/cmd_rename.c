/*
 * cmd_rename.c - mjournal rename OLD NEW: a relationship under another
 * name.
 *
 * The folder is moved (its private notes with it, never committed), and
 * every file git tracks in it is committed at its new path in one commit,
 * "Rename OLD to NEW", which git shows as renames.  The tag OLD/closed, if
 * any, becomes NEW/closed with the same message; the old one is removed
 * as reopen removes one, so that the next sync removes it from the
 * remote.  Nothing inside the files names the folder, and mjournal's own
 * memos under .mjournal/ are keyed by path and renewed when read.
 */
#include "mj_cli.h"
#include "mj_commands.h"
#include "mj_git.h"
#include "mj_journal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Refuses during a merge, or when a file of OLD is not committed (a
 * private note aside): MJ_EXIT_OK, or after saying why. */
static int refuse_if_dirty(struct mj_repo *repo, const char *old)
{
	if (mj_git_merging(repo))
		return mj_cli_error("a merge is not finished; finish it (mjournal "
				    "commit) before renaming");
	return mj_cli_refuse_uncommitted(repo, old, "run mjournal commit first; "
					 "a rename moves only what is committed");
}

/* Moves the folder from to to inside the journal at root; never through
 * a link, never over something.  0, or -1 with errno. */
static int move_folder(const char *root, const char *from, const char *to)
{
	int dir = mj_jfs_root(root), rc;
	enum mj_file_kind kind;

	if (dir < 0)
		return -1;
	if (mj_jfs_kind(root, from, &kind) < 0 || kind != MJ_KIND_DIR) {
		close(dir);
		errno = ENOTDIR;
		return -1;
	}
	if (mj_jfs_kind(root, to, &kind) == 0) {
		close(dir);
		errno = EEXIST;
		return -1;
	}
	mj_fs_fault_point("before moving a relationship");
	rc = renameat(dir, from, dir, to);
	close(dir);
	return rc;
}

static int run(struct mj_ctx *ctx)
{
	const char *old = ctx->args.operands.items[0];
	const char *new = ctx->args.operands.items[1];
	const char *root = ctx->journal.root;
	const char *owner = ctx->journal.config.owner.text;
	struct mj_strvec paths = MJ_STRVEC_INIT;
	char *old_tag = mj_xasprintf("%s/closed", old);
	char *new_tag = mj_xasprintf("%s/closed", new);
	char *message = NULL;
	enum mj_file_kind kind;
	size_t tracked;
	bool committed, tagged = false;
	int status = MJ_EXIT_USAGE;

	if (!mj_slug_is_valid(new) || mj_journal_name_is_reserved(new)) {
		mj_cli_error("'%s' is not a valid relationship name: use lower-case "
			     "letters, digits and '-', at most 63, like "
			     "sam-with-alex", new);
		goto done;
	}
	if (!strcmp(old, new)) {
		mj_cli_error("%s is its name already", old);
		goto done;
	}
	if (mj_jfs_kind(root, new, &kind) == 0) {
		mj_cli_error("%s exists already; choose another name", new);
		goto done;
	}
	if (mj_git_tag_exists(ctx->repo, new_tag)) {
		mj_cli_error("the tag %s exists already; remove it first (git tag "
			     "-d %s)", new_tag, new_tag);
		goto done;
	}
	if ((status = refuse_if_dirty(ctx->repo, old)) != MJ_EXIT_OK)
		goto done;
	status = MJ_EXIT_USAGE;
	if (mj_git_tracked(ctx->repo, old, &paths) < 0) {
		mj_cli_error("%s", mj_git_error());
		goto done;
	}
	tracked = paths.len;
	for (size_t i = 0; i < tracked; i++)
		mj_strvec_push_owned(&paths, mj_xasprintf("%s%s", new,
			paths.items[i] + strlen(old)));
	if (move_folder(root, old, new) < 0) {
		mj_cli_error("cannot move %s to %s: %s", old, new, strerror(errno));
		goto done;
	}
	message = mj_xasprintf("Rename %s to %s\n", old, new);
	if (mj_git_commit_paths(ctx->repo, &paths, message, owner,
				&committed) < 0) {
		mj_cli_error("%s", mj_git_error());
		if (move_folder(root, new, old) < 0)
			mj_cli_hint("the folder is %s now; move it back with mv "
				    "%s %s", new, new, old);
		goto done;
	}
	if (mj_git_tag_exists(ctx->repo, old_tag)) {
		if (mj_git_tag_rename(ctx->repo, old_tag, new_tag, owner) < 0) {
			mj_cli_error("%s", mj_git_error());
			mj_cli_hint("%s is renamed and committed; the tag is still %s",
				    new, old_tag);
			goto done;
		}
		tagged = true;
	}
	mj_cli_print(stdout, "Renamed %s to %s: %zu file%s moved%s%s\n", old, new,
		     tracked, tracked == 1 ? "" : "s", tagged ? ", tag " : "",
		     tagged ? new_tag : "");
	status = MJ_EXIT_OK;
done:
	mj_strvec_free(&paths);
	free(old_tag);
	free(new_tag);
	free(message);
	return status;
}

const struct mj_command mj_cmd_rename = {
	.name = "rename",
	.summary = "Give a relationship another name: its folder moved, and its "
		   "SLUG/closed tag, in one commit git shows as a rename.",
	.operand = "OLD NEW", .operand_kind = MJ_ARG_SLUG,
	.min_operands = 2, .max_operands = 2, .slug_operands = 1,
	.options = mj_no_options,
	.needs = MJ_NEED_WRITER | MJ_NEED_GIT | MJ_NEED_MODEL,
	.run = run,
};
