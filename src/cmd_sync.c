/*
 * cmd_sync.c - mjournal sync, pull and push: share the journal through
 * ordinary git remotes.
 */
#include "mj_cli.h"
#include "mj_commands.h"
#include "mj_git.h"

#include <stdlib.h>
#include <string.h>

/* Uncommitted work would be at risk in a merge: name it and refuse. */
static int refuse_if_dirty(struct mj_repo *repo)
{
	struct mj_changes changes;
	size_t dirty = 0;

	if (mj_git_merging(repo)) {
		mj_cli_error("a merge is not finished (a conflict, or an "
			     "interrupted sync)");
		mj_cli_hint("mend any file mjournal check reports, then run "
			    "mjournal commit to finish the merge, and sync again");
		return MJ_EXIT_FAILED;
	}
	if (mj_git_status(repo, NULL, &changes) < 0)
		return mj_cli_error("%s", mj_git_error());
	for (size_t i = 0; i < changes.len; i++) {
		const struct mj_change *c = &changes.items[i];
		if (mj_change_never_committed(c) || mj_journal_path_is_own(c->path))
			continue;
		if (!dirty++)
			mj_cli_error("the journal has changes that are not committed:");
		char *path = mj_visible(c->path, false);
		fprintf(stderr, "  %-11s %s\n", mj_change_kind_name(c->kind), path);
		free(path);
	}
	mj_changes_free(&changes);
	if (!dirty)
		return 0;
	mj_cli_hint("run mjournal commit first; then nothing can be lost");
	return MJ_EXIT_FAILED;
}

static void report(const struct mj_sync_result *r, unsigned what)
{
	if (what & MJ_SYNC_PULL) {
		if (r->remote_empty)
			printf("%s has no branch %s yet\n", r->remote, r->branch);
		else if (r->up_to_date)
			printf("Already up to date with %s/%s\n", r->remote, r->branch);
		else if (r->fast_forward)
			printf("Brought in %s/%s (fast-forward)\n", r->remote, r->branch);
		else if (r->merged)
			printf("Merged %s/%s: both sides had written\n", r->remote,
			       r->branch);
	}
	if (r->pushed)
		printf("Pushed %s to %s%s\n", r->branch, r->remote,
		       r->upstream_set ? " (now its upstream)" : "");
}

static int share(struct mj_ctx *ctx, unsigned what)
{
	struct mj_repo *repo = ctx->repo;
	struct mj_sync_result result;
	const char *remote = ctx->args.operands.len ? ctx->args.operands.items[0] : NULL;
	int status;

	memset(&result, 0, sizeof(result));
	if ((what & MJ_SYNC_PULL) && (status = refuse_if_dirty(repo)) != 0)
		goto done;
	status = MJ_EXIT_USAGE;
	if (mj_git_sync(repo, remote, what, ctx->journal.config.owner.text,
			&result) < 0) {
		report(&result, what);
		mj_cli_error("%s", mj_git_error());
		goto done;
	}
	report(&result, what);
	if (result.conflict) {
		printf("Conflict: both sides changed the same lines. Nothing is lost: "
		       "each file below holds both versions, between <<<<<<< and "
		       ">>>>>>> lines.\n");
		for (size_t i = 0; i < result.conflicts.len; i++) {
			char *path = mj_visible(result.conflicts.items[i], false);
			printf("  %s\n", path);
			free(path);
		}
		printf("Keep what you want in each, delete the marker lines, then "
		       "run mjournal commit (or git commit)%s.\n",
		       what & MJ_SYNC_PUSH ? " and mjournal sync again" : "");
		status = MJ_EXIT_FAILED;
		goto done;
	}
	status = MJ_EXIT_OK;
done:
	mj_sync_result_free(&result);
	return status;
}

static int sync_run(struct mj_ctx *ctx)
{
	return share(ctx, MJ_SYNC_PULL | MJ_SYNC_PUSH);
}

static int pull_run(struct mj_ctx *ctx)
{
	return share(ctx, MJ_SYNC_PULL);
}

static int push_run(struct mj_ctx *ctx)
{
	return share(ctx, MJ_SYNC_PUSH);
}

#define SHARING(cmd, text, fn) { \
	.name = cmd, .summary = text, \
	.operand = "REMOTE", .operand_kind = MJ_ARG_REMOTE, \
	.min_operands = 0, .max_operands = 1, .options = mj_no_options, \
	.needs = MJ_NEED_WRITER | MJ_NEED_GIT, .run = fn, }

/* REMOTE: the branch's upstream, else origin, else the only remote */
const struct mj_command mj_cmd_sync = SHARING("sync",
	"Fetch, bring in the remote's changes (fast-forward, or a merge when "
	"both sides wrote), then push.", sync_run);
const struct mj_command mj_cmd_pull = SHARING("pull",
	"Fetch and bring in the remote's changes, without pushing.", pull_run);
const struct mj_command mj_cmd_push = SHARING("push",
	"Push the journal's branch (setting its upstream the first time).",
	push_run);
