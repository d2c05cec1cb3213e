/*
 * cmd_close.c - mjournal close: end a relationship well.
 *
 * On success: status and closed written into agreement.ini (every other
 * byte kept), summary.md written, "SLUG: close" committed and tagged
 * SLUG/closed.  On refusal every unmet criterion is listed and nothing
 * changes.
 */
#include "mj_cli.h"
#include "mj_closure.h"
#include "mj_commands.h"
#include "mj_git.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct close_args {
	const char *slug;
	mj_date date;
	bool early;
	const char *reason;
};

/* Reads and checks the arguments; 0, or -1 after saying what is wrong. */
static int parse_args(const struct mj_ctx *ctx, struct close_args *a)
{
	const struct mj_args *args = &ctx->args;
	char date[MJ_DATE_TEXT_SIZE];

	a->slug = args->operands.items[0];
	a->date = mj_arg_date(args, "date", ctx->today);
	a->early = mj_arg_given(args, "early");
	a->reason = mj_arg_value(args, "reason");
	if (a->reason && !a->early)
		return mj_cli_error("--reason goes with --early; add --early, "
				    "or leave --reason out");
	if (a->early && (!a->reason || !*a->reason))
		return mj_cli_error("--early needs --reason: say in a few words why "
				    "the relationship ends");
	if (a->reason && strpbrk(a->reason, "\n\r"))
		return mj_cli_error("--reason must be one line; say it without "
				    "line breaks");
	if (a->date > ctx->today)
		return mj_cli_error("--date %s is in the future; close on the day "
				    "it happens", mj_date_format(a->date, date));
	return 0;
}

/* Commits the closure's files and tags it.  0, or -1 after saying why. */
static int commit_and_tag(struct mj_repo *repo, const char *slug,
			  const char *tag, const char *message,
			  const char *tag_message, const char *owner,
			  bool *committed)
{
	struct mj_strvec paths = MJ_STRVEC_INIT;
	int rc = -1;

	mj_strvec_push_owned(&paths, mj_xasprintf("%s/agreement.ini", slug));
	mj_strvec_push_owned(&paths, mj_xasprintf("%s/summary.md", slug));
	*committed = false;
	if (mj_git_commit_paths(repo, &paths, message, owner, committed) < 0) {
		mj_cli_error("%s", mj_git_error());
	} else if (mj_git_tag(repo, tag, tag_message, owner) < 0) {
		mj_cli_error("%s", mj_git_error());
		mj_cli_hint("the closure is committed; run mjournal close %s again "
			    "to tag it", slug);
	} else {
		rc = 0;
	}
	mj_strvec_free(&paths);
	return rc;
}

/* Every unmet criterion, then why nothing changed. */
static int refuse(const struct close_args *a, const struct mj_diags *unmet)
{
	bool color = mj_cli_color(stderr);

	for (size_t i = 0; i < unmet->len; i++)
		mj_diag_print(stderr, &unmet->items[i], color);
	mj_cli_error("%s is not closed: %zu criteri%s unmet (above); nothing "
		     "changed", a->slug, unmet->len, unmet->len == 1 ? "on" : "a");
	if (!a->early)
		mj_cli_hint("to end it without fault instead: mjournal close "
			    "%s --early --reason '...'", a->slug);
	return MJ_EXIT_FAILED;
}

/* The files' current texts (summary.md may not exist) and the plan. */
static int plan(struct mj_ctx *ctx, struct mj_relationship *rel,
		const struct mj_closure_request *req, struct mj_closure_plan *out)
{
	const char *root = ctx->journal.root;
	char *agreement_path = mj_path_join(rel->slug, "agreement.ini");
	char *summary_path = mj_path_join(rel->slug, "summary.md");
	char *agreement = NULL, *summary = NULL;
	size_t agreement_len = 0, summary_len = 0;
	struct mj_source src;
	int status = MJ_EXIT_USAGE;

	if (mj_jfs_read(root, agreement_path, MJ_FILE_SIZE_LIMIT, &agreement,
			&agreement_len) != MJ_READ_OK) {
		mj_cli_journal_error(root, agreement_path, MJ_KIND_FILE, "read");
		goto done;
	}
	if (mj_jfs_read(root, summary_path, MJ_FILE_SIZE_LIMIT, &summary,
			&summary_len) != MJ_READ_OK)
		summary = NULL;
	mj_source_init_fs(&src, root);
	if (mj_closure_plan(out, rel, agreement, agreement_len, summary,
			    summary_len, &src, req) < 0)
		mj_cli_error("%s/agreement.ini " MJ_AGREEMENT_UNEDITABLE,
			     rel->slug);
	else
		status = MJ_EXIT_OK;
	mj_source_free_fs(&src);
done:
	free(agreement_path);
	free(summary_path);
	free(agreement);
	free(summary);
	return status;
}

/* Writes n of the plan's files, in order; on failure puts back what was
 * written. */
static int write_files(const char *root, const struct mj_closure_file *files,
		       size_t n, const struct mj_closure_plan *p)
{
	for (size_t i = 0; i < n; i++) {
		const struct mj_closure_file *f = &files[i];
		if (mj_jfs_write(root, f->path, f->text, f->len,
				 MJ_WRITE_REPLACE) < 0) {
			mj_cli_journal_error(root, f->path, MJ_KIND_FILE, "write");
			mj_closure_undo(root, p);
			return -1;
		}
	}
	return 0;
}

/* A closed agreement without its summary (closed by hand): the summary
 * written, as close writes it; 0, or -1 after saying why. */
static int write_missing_summary(struct mj_ctx *ctx, struct mj_relationship *rel)
{
	const struct mj_agreement *ag = &rel->agreement;
	char *path = mj_path_join(rel->slug, "summary.md");
	enum mj_file_kind kind;
	bool there = mj_jfs_kind(ctx->journal.root, path, &kind) == 0 ||
		     errno != ENOENT;
	struct mj_closure_request req = { ag->closed_date, ctx->today,
		ag->status_value == MJ_STATUS_ENDED_EARLY, NULL };
	struct mj_closure_plan p;
	int rc = 0;

	free(path);
	if (there)
		return 0;
	memset(&p, 0, sizeof(p));
	if (plan(ctx, rel, &req, &p) != MJ_EXIT_OK ||
	    write_files(ctx->journal.root, p.files, 1, &p) < 0)
		rc = -1;
	mj_closure_plan_free(&p);
	return rc;
}

/* closed in agreement.ini but never tagged: a closure that was interrupted
 * (or made by hand) is finished, its summary written when missing, not
 * refused */
static int finish(struct mj_ctx *ctx, struct mj_relationship *rel,
		  const char *tag)
{
	const struct mj_agreement *ag = &rel->agreement;
	char date[MJ_DATE_TEXT_SIZE], *message, *tag_message;
	bool committed;
	int status = MJ_EXIT_USAGE;

	if (write_missing_summary(ctx, rel) < 0)
		return MJ_EXIT_USAGE;
	mj_date_format(ag->closed_date, date);
	mj_closure_texts(rel->slug, ag->status_value == MJ_STATUS_ENDED_EARLY,
			 NULL, date, &message, &tag_message);
	if (commit_and_tag(ctx->repo, rel->slug, tag, message, tag_message,
			   ctx->journal.config.owner.text, &committed) == 0) {
		printf("Finished closing %s (closed = %s): tagged %s\n", rel->slug,
		       date, tag);
		status = MJ_EXIT_OK;
	}
	free(message);
	free(tag_message);
	return status;
}

static int run(struct mj_ctx *ctx)
{
	struct close_args a = { NULL, MJ_DATE_NONE, false, NULL };
	struct mj_repo *repo = ctx->repo;
	struct mj_changes changes = { NULL, 0, 0 };
	struct mj_pending *pending = NULL;
	size_t n_pending = 0;
	struct mj_diags unmet = MJ_DIAGS_INIT;
	struct mj_closure_plan p;
	struct mj_closure_request req;
	struct mj_relationship *rel;
	char *tag = NULL, *summary = NULL, date[MJ_DATE_TEXT_SIZE];
	bool committed;
	int status = MJ_EXIT_USAGE;

	memset(&p, 0, sizeof(p));
	if (parse_args(ctx, &a) != 0)
		return MJ_EXIT_USAGE;
	req = (struct mj_closure_request){ a.date, ctx->today, a.early, a.reason };
	rel = mj_journal_find(&ctx->journal, a.slug);
	if (!rel || !rel->agreement.present || !rel->agreement.parsed) {
		mj_cli_error("'%s' has no readable agreement.ini (mjournal check "
			     "%s says why)", a.slug, a.slug);
		goto done;
	}
	tag = mj_xasprintf("%s/closed", a.slug);
	if (rel->agreement.status_value != MJ_STATUS_ACTIVE) {
		if (repo && !mj_git_tag_exists(repo, tag) &&
		    rel->agreement.closed_date != MJ_DATE_NONE) {
			status = finish(ctx, rel, tag);
			goto done;
		}
		mj_cli_error("%s is already %s (closed = %s)", a.slug,
			     mj_status_name(rel->agreement.status_value),
			     rel->agreement.closed.text ? rel->agreement.closed.text : "?");
		mj_cli_hint("nothing to close; mjournal reopen %s undoes a close",
			    a.slug);
		status = MJ_EXIT_FAILED;
		goto done;
	}
	if (repo && mj_git_tag_exists(repo, tag) &&
	    !mj_closure_tag_is_stale(&rel->agreement)) {
		mj_cli_error("the tag %s exists already; remove it or keep the "
			     "relationship open", tag);
		goto done;
	}
	/* the tag of the closure reopen undid (from a clone that had not
	 * seen the reopening): it goes as reopen removes one */
	if (repo && mj_git_tag_exists(repo, tag) &&
	    mj_git_tag_delete(repo, tag) < 0) {
		mj_cli_error("%s", mj_git_error());
		goto done;
	}
	if (repo && mj_git_status(repo, ctx->journal.walk, &changes) < 0) {
		mj_cli_error("%s", mj_git_error());
		goto done;
	}
	pending = mj_xcalloc(changes.len + 1, sizeof(*pending));
	summary = mj_xasprintf("%s/summary.md", a.slug);
	for (size_t i = 0; i < changes.len; i++)
		/* summary.md is close's own, rewritten below: one left by a
		 * closure killed before its agreement was written is no change
		 * of the user's */
		if (!mj_change_never_committed(&changes.items[i]) &&
		    strcmp(changes.items[i].path, summary))
			pending[n_pending++] = (struct mj_pending){
				changes.items[i].path,
				mj_change_kind_name(changes.items[i].kind) };
	mj_closure_criteria(rel, &req, pending, n_pending, &unmet);
	if (unmet.len) {
		status = refuse(&a, &unmet);
		goto done;
	}
	/* everything worked out before anything is written */
	if ((status = plan(ctx, rel, &req, &p)) != MJ_EXIT_OK)
		goto done;
	status = MJ_EXIT_USAGE;
	if (write_files(ctx->journal.root, p.files, MJ_ARRAY_SIZE(p.files), &p) < 0)
		goto done;
	if (repo && commit_and_tag(repo, a.slug, p.tag, p.message, p.tag_message,
				   ctx->journal.config.owner.text, &committed) < 0) {
		if (!committed) /* a failed closure leaves the files as they were */
			mj_closure_undo(ctx->journal.root, &p);
		goto done;
	}
	printf("%s %s on %s: %s/summary.md%s%s\n", a.early ? "Ended" : "Closed",
	       a.slug, mj_date_format(a.date, date), a.slug,
	       repo ? ", tagged " : "", repo ? p.tag : "");
	status = MJ_EXIT_OK;
done:
	mj_closure_plan_free(&p);
	mj_changes_free(&changes);
	mj_diags_free(&unmet);
	free(pending);
	free(summary);
	free(tag);
	return status;
}

static const struct mj_option options[] = {
	{ "date", 0, MJ_ARG_DATE, "DATE", NULL,
	  "the closing day (default: today)", 0 },
	{ "early", 0, MJ_ARG_NONE, NULL, NULL,
	  "end early, without fault (no closing session needed)", 0 },
	{ "reason", 0, MJ_ARG_TEXT, "TEXT", NULL,
	  "why it ends early (with --early)", 0 },
	MJ_OPTIONS_END,
};

/* without autocommit, the closure is written, not committed or tagged */
const struct mj_command mj_cmd_close = {
	.name = "close",
	.summary = "Close a relationship: check the closing criteria, write "
		   "status and closed, summary.md, commit and tag SLUG/closed.",
	.operand = "SLUG", .operand_kind = MJ_ARG_ACTIVE,
	.min_operands = 1, .max_operands = 1,
	.options = options,
	.needs = MJ_NEED_TODAY | MJ_NEED_WRITER | MJ_NEED_MODEL | MJ_NEED_TEXT,
	.run = run,
};
