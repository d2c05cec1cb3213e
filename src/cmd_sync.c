/*
 * cmd_sync.c - mjournal sync, pull and push: share the journal through
 * ordinary git remotes.
 */
#include "mj_cli.h"
#include "mj_commands.h"
#include "mj_git.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Uncommitted work would be at risk in a merge: name it and refuse. */
static int refuse_if_dirty(struct mj_repo *repo)
{
	struct mj_changes changes;
	size_t dirty = 0;

	if (mj_git_merging(repo)) {
		mj_cli_error("a merge is not finished: files with conflicts "
			     "are waiting (mjournal status names them)");
		mj_cli_hint("mend any file mjournal check reports, then run "
			    "mjournal commit to finish the merge, and sync again");
		return MJ_EXIT_FAILED;
	}
	if (mj_git_status(repo, NULL, &changes) < 0)
		return mj_cli_error("%s", mj_git_error());
	for (size_t i = 0; i < changes.len; i++) {
		const struct mj_change *c = &changes.items[i];
		if (c->kind == MJ_CHANGE_PRIVATE || mj_journal_path_is_own(c->path))
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

/* What each kind of conflict is called, and what to do about it. */
static const struct {
	const char *name, *todo;
} conflict_kinds[] = {
	[MJ_CONFLICT_BOTH_EDITED] = { "both edited",
		"both versions are in the file, between the marker lines: keep "
		"the words you want and delete the marker lines" },
	[MJ_CONFLICT_DELETED_THERE] = { "edited here, deleted there",
		"your version is in the file, no markers: keep it as it is, or "
		"delete the file to agree with them" },
	[MJ_CONFLICT_DELETED_HERE] = { "deleted here, edited there",
		"their version is in the file, no markers: keep it, or delete "
		"the file again" },
	[MJ_CONFLICT_RENAMED_BOTH] = { "renamed on both sides",
		"both copies are there, no markers: keep one name and delete "
		"the other file" },
	[MJ_CONFLICT_ADDED_BOTH] = { "added on both sides",
		"both versions are in the file, between the marker lines: keep "
		"the words you want and delete the marker lines" },
};

/* Names each conflicted file with its kind and what to do; stdout. */
static void say_conflicts(const struct mj_sync_result *r, unsigned what)
{
	bool markers = false;

	printf("Conflict: both sides wrote, and these files need you. Nothing "
	       "is lost.\n");
	for (size_t i = 0; i < r->n_conflicts; i++) {
		const struct mj_conflict *c = &r->conflicts[i];
		char *path = mj_visible(c->path, false);

		if (c->kind == MJ_CONFLICT_RENAMED_BOTH) {
			char *here = mj_visible(c->here, false);
			char *there = mj_visible(c->there, false);
			printf("  %s: %s, to %s here and to %s there\n",
			       conflict_kinds[c->kind].name, path, here, there);
			free(here);
			free(there);
		} else {
			printf("  %s: %s\n", conflict_kinds[c->kind].name, path);
		}
		printf("    %s\n", conflict_kinds[c->kind].todo);
		markers = markers || c->kind == MJ_CONFLICT_BOTH_EDITED ||
			  c->kind == MJ_CONFLICT_ADDED_BOTH;
		free(path);
	}
	if (markers) {
		char *ours = mj_visible(r->ours_label, false);
		char *theirs = mj_visible(r->theirs_label, false);
		printf("Your words follow <<<<<<< %s; theirs follow ======= and "
		       "end at >>>>>>> %s.\n", ours, theirs);
		free(ours);
		free(theirs);
	}
	printf("Then run mjournal commit to finish the merge%s.\n",
	       what & MJ_SYNC_PUSH ? ", and mjournal sync again" : "");
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
		say_conflicts(&result, what);
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
