/*
 * cmd_sync.c - mjournal sync, pull and push: share the journal through
 * ordinary git remotes.
 */
#include "mj_cli.h"
#include "mj_closure.h"
#include "mj_commands.h"
#include "mj_fs.h"
#include "mj_git.h"
#include "mj_hub_figures.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* A merge sync stopped to be mended comes first: sync, pull and push
 * (whose "run mjournal sync" sync would refuse) all say so. */
static int refuse_if_merging(struct mj_repo *repo)
{
	if (mj_git_merging(repo)) {
		mj_cli_error("a merge is not finished: files with conflicts "
			     "are waiting (mjournal status names them)");
		mj_cli_hint("mend any file mjournal check reports, then run "
			    "mjournal commit to finish the merge, and sync again");
		return MJ_EXIT_FAILED;
	}
	return 0;
}

/* Uncommitted work would be at risk in a merge: name it and refuse. */
static int refuse_if_dirty(struct mj_repo *repo)
{
	int status = refuse_if_merging(repo);

	return status ? status :
	       mj_cli_refuse_uncommitted(repo, NULL, "run mjournal commit first; "
					 "then nothing can be lost");
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
		/* said only of a merge made (or stopped to be mended) */
		for (size_t i = 0; (r->merged || r->conflict) &&
		     i < r->moved_to.len; i++) {
			/* names another clone chose: a newline or tab in one
			 * shown, never a line of its own (as conflicts are) */
			char *from = mj_visible(r->moved_from.items[i], false);
			char *to = mj_visible(r->moved_to.items[i], false);
			printf("Moved %s to %s: its folder was renamed on one "
			       "side, the file added on the other\n", from, to);
			free(from);
			free(to);
		}
	}
	if (r->pushed)
		printf("Pushed %s to %s%s\n", r->branch, r->remote,
		       r->upstream_set ? " (now its upstream)" : "");
	else if (r->pushed_tags)
		printf("Updated %zu tag%s on %s (it had %s already)%s\n",
		       r->pushed_tags, r->pushed_tags == 1 ? "" : "s", r->remote,
		       r->branch, r->upstream_set ? "; now its upstream" : "");
	else if (r->pushed_nothing)
		printf("%s already has %s: nothing to push%s\n", r->remote,
		       r->branch, r->upstream_set ? " (now its upstream)" : "");
	if (r->head_set)
		printf("%s's HEAD named no branch: it names %s now, so a git clone "
		       "checks it out\n", r->remote, r->branch);
	if (r->head_dangling)
		mj_cli_hint("%s's HEAD names no branch, so a git clone of it checks "
			    "out nothing; to make %s its default, run on the server: "
			    "git --git-dir=REPOSITORY symbolic-ref HEAD refs/heads/%s",
			    r->remote, r->branch, r->branch);
}

/*
 * The SLUG/closed tags of relationships that are open again, as the
 * agreements on disk now say (a sync may just have brought the reopening
 * in from another clone): removed, as reopen removes one, so that the
 * push removes them from the remote too.  MJ_EXIT_OK, or after saying why.
 */
static int remove_stale_tags(struct mj_ctx *ctx)
{
	struct mj_strvec tags = { NULL, 0, 0 };
	int status = MJ_EXIT_OK;

	mj_git_closed_tags(ctx->repo, &tags);
	for (size_t i = 0; i < tags.len && status == MJ_EXIT_OK; i++) {
		char *slug = mj_xstrndup(tags.items[i], strlen(tags.items[i]) -
					 strlen("/closed"));
		char *file = mj_path_join(slug, "agreement.ini"), *text = NULL;
		size_t len = 0;
		struct mj_agreement a;
		struct mj_diags diags = MJ_DIAGS_INIT;

		memset(&a, 0, sizeof(a));
		if (mj_jfs_read(ctx->journal.root, file, MJ_FILE_SIZE_LIMIT, &text,
				&len) == MJ_READ_OK) {
			mj_agreement_parse(&a, text, len, file, &diags);
			if (mj_closure_tag_is_stale(&a)) {
				if (mj_git_tag_delete(ctx->repo, tags.items[i]) < 0)
					status = mj_cli_error("%s", mj_git_error());
				else
					mj_cli_print(stdout, "Removed the tag %s: %s "
						     "was reopened\n", tags.items[i],
						     slug);
			}
		}
		mj_agreement_free(&a);
		mj_diags_free(&diags);
		free(text);
		free(file);
		free(slug);
	}
	mj_strvec_free(&tags);
	return status;
}

/* A push refused as the remote moved since the fetch: sync fetches and
 * pushes again, this many times in all. */
#define SYNC_PUSHES 3

/* One part of share (MJ_SYNC_PULL, or MJ_SYNC_PUSH): MJ_EXIT_OK, or
 * after saying why; *conflict when a merge stopped.  again: a push
 * refused as the remote moved is said as what sync does next, and
 * MJ_EXIT_RETRY returned. */
enum { MJ_EXIT_RETRY = -1 };
static int share_step(struct mj_ctx *ctx, const char *remote, unsigned what,
		      bool again, struct mj_sync_result *result)
{
	if (mj_git_sync(ctx->repo, remote, what, ctx->journal.config.owner.text,
			result) < 0) {
		report(result, what);
		if (again && result->remote_moved) {
			printf("%s moved while this sync pushed: bringing in "
			       "the other clone's changes\n",
			       result->remote);
			return MJ_EXIT_RETRY;
		}
		mj_cli_error("%s", mj_git_error());
		return MJ_EXIT_USAGE;
	}
	report(result, what);
	return MJ_EXIT_OK;
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
		"each copy holds both sides' words (between marker lines "
		"where they clash): keep one name and delete the other file" },
	[MJ_CONFLICT_ADDED_BOTH] = { "added on both sides",
		"both versions are in the file, between the marker lines: keep "
		"the words you want and delete the marker lines" },
	[MJ_CONFLICT_RENAMED_HERE] = { "renamed here, deleted there",
		"your file is under its new name, no markers: keep it, or "
		"delete it to agree with them" },
	[MJ_CONFLICT_RENAMED_THERE] = { "deleted here, renamed there",
		"their file is under its new name, no markers: keep it, or "
		"delete it again" },
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
		} else if (c->here || c->there) { /* renamed on one side */
			char *to = mj_visible(c->here ? c->here : c->there, false);
			printf("  %s: %s, to %s %s\n", conflict_kinds[c->kind].name,
			       path, to, c->here ? "here" : "there");
			free(to);
		} else {
			printf("  %s: %s\n", conflict_kinds[c->kind].name, path);
		}
		printf("    %s\n", conflict_kinds[c->kind].todo);
		markers = markers || c->kind == MJ_CONFLICT_BOTH_EDITED ||
			  c->kind == MJ_CONFLICT_ADDED_BOTH ||
			  c->kind == MJ_CONFLICT_RENAMED_BOTH;
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

/*
 * After a push to an encrypted remote: the journal's figures for its
 * programme's managers, when its mjournal.ini names their key (here, and
 * in the commit pushed, whose key it is), put on the hub beside its
 * history.  MJ_EXIT_OK, or after saying why.
 */
static int publish_figures(struct mj_ctx *ctx, const struct mj_sync_result *r)
{
	char *why = NULL;
	int rc;

	if (!ctx->journal.config.programme_key.text)
		return MJ_EXIT_OK; /* no programme's key: nothing to read */
	rc = mj_hub_figures_publish(ctx->repo, ctx->journal.root, r->remote,
				    r->branch, ctx->today, &why);

	if (rc > 0)
		printf("Sent %s the figures for the programme, encrypted to its "
		       "key\n", r->remote);
	if (rc < 0)
		mj_cli_error("%s", why);
	free(why);
	return rc < 0 ? MJ_EXIT_USAGE : MJ_EXIT_OK;
}

static int share(struct mj_ctx *ctx, unsigned what)
{
	struct mj_repo *repo = ctx->repo;
	struct mj_sync_result result;
	const char *remote = ctx->args.operands.len ? ctx->args.operands.items[0] : NULL;
	int status;

	memset(&result, 0, sizeof(result));
	if ((status = what & MJ_SYNC_PULL ? refuse_if_dirty(repo) :
		      refuse_if_merging(repo)) != 0)
		goto done;
	/* sync: a push the remote refused, as another clone pushed since
	 * the fetch, is made again after their commits are brought in */
	for (int pushes = 1;; pushes++) {
		bool again = (what & MJ_SYNC_PULL) && pushes < SYNC_PUSHES;

		if ((what & MJ_SYNC_PULL) &&
		    (status = share_step(ctx, remote, MJ_SYNC_PULL, false,
					 &result)) != 0)
			goto done;
		if (!(what & MJ_SYNC_PUSH) || result.conflict)
			break;
		mj_sync_result_free(&result);
		if ((status = remove_stale_tags(ctx)) != 0)
			goto done;
		status = share_step(ctx, remote, MJ_SYNC_PUSH, again, &result);
		if (status != MJ_EXIT_RETRY && status != 0)
			goto done;
		if (status == 0)
			break;
		mj_sync_result_free(&result);
	}
	if ((what & MJ_SYNC_PUSH) && !result.conflict &&
	    (status = publish_figures(ctx, &result)) != 0)
		goto done;
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

/* today: the figures a push to an encrypted remote publishes are of it */
#define SHARING(cmd, text, fn, today) { \
	.name = cmd, .summary = text, \
	.operand = "REMOTE", .operand_kind = MJ_ARG_REMOTE, \
	.min_operands = 0, .max_operands = 1, .options = mj_no_options, \
	.needs = MJ_NEED_WRITER | MJ_NEED_GIT | (today), .run = fn, }

/* REMOTE: the branch's upstream, else origin, else the only remote */
const struct mj_command mj_cmd_sync = SHARING("sync",
	"Fetch, bring in the remote's changes (fast-forward, or a merge when "
	"both sides wrote), then push.", sync_run, MJ_NEED_TODAY);
const struct mj_command mj_cmd_pull = SHARING("pull",
	"Fetch and bring in the remote's changes, without pushing.", pull_run, 0);
const struct mj_command mj_cmd_push = SHARING("push",
	"Push the journal's branch (setting its upstream the first time).",
	push_run, MJ_NEED_TODAY);
