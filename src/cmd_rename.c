/*
 * cmd_rename.c - mjournal rename OLD NEW: a relationship under another
 * name.
 *
 * The folder is moved (its private notes with it, never committed), and
 * every file git tracks in it is committed at its new path in one commit,
 * "Rename OLD to NEW", which git shows as renames.  The tag OLD/closed, if
 * any, becomes NEW/closed with the same message; the old one is removed
 * as reopen removes one, so that the next sync removes it from the
 * remote.  A plan comes first (mj_plan_rename), so that a run killed
 * half way is finished by the next command that writes.  Nothing inside the files names the folder, and mjournal's own
 * memos under .mjournal/ are keyed by path and renewed when read.
 */
#include "mj_cli.h"
#include "mj_commands.h"
#include "mj_git.h"
#include "mj_journal.h"
#include "mj_plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static int run(struct mj_ctx *ctx)
{
	const char *old = ctx->args.operands.items[0];
	const char *new = ctx->args.operands.items[1];
	const char *root = ctx->journal.root;
	char *new_tag = mj_xasprintf("%s/closed", new);
	enum mj_file_kind kind;
	size_t tracked;
	bool tagged = false;
	int status = MJ_EXIT_USAGE;

	if (!mj_slug_is_valid(new) || mj_journal_name_is_reserved(new)) {
		mj_cli_error("'%s' is not a valid relationship name: use lower-case "
			     "letters, digits and '-', at most 63, like "
			     "sam-with-alex", new);
		goto done;
	}
	if (!strcmp(old, new)) {
		mj_cli_error("%s is its name already; give another name",
			     old);
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
	if (mj_plan_rename(ctx, old, new, &tracked, &tagged) < 0)
		goto done;
	mj_cli_print(stdout, "Renamed %s to %s: %zu file%s moved%s%s\n", old, new,
		     tracked, tracked == 1 ? "" : "s", tagged ? ", tag " : "",
		     tagged ? new_tag : "");
	status = MJ_EXIT_OK;
done:
	free(new_tag);
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
