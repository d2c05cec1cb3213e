/*
 * cmd_close.c - mjournal close: end a relationship well.
 *
 * On success: status and closed written into agreement.ini (every other
 * byte kept), summary.md written, "SLUG: close" committed and tagged
 * SLUG/closed.  On refusal every unmet criterion is listed and nothing
 * changes.
 */
#include "mj_cli.h"
#include "mj_commands.h"
#include "mj_git.h"
#include "mj_summary.h"

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
		return mj_cli_error("--reason goes with --early");
	if (a->early && (!a->reason || !*a->reason))
		return mj_cli_error("--early needs --reason: say in a few words why "
				    "the relationship ends");
	if (a->reason && strpbrk(a->reason, "\n\r"))
		return mj_cli_error("--reason must be one line");
	if (a->date > ctx->today)
		return mj_cli_error("--date %s is in the future; close on the day "
				    "it happens", mj_date_format(a->date, date));
	return 0;
}

/* Adds to unmet every reason the relationship cannot close on a->date. */
static void criteria(const struct mj_relationship *rel,
		     const struct close_args *a, mj_date today,
		     const struct mj_changes *changes, struct mj_diags *unmet)
{
	struct mj_validate_options opts = { today, true };
	const struct mj_agreement *ag = &rel->agreement;
	char date[MJ_DATE_TEXT_SIZE];
	char *agreement = mj_xasprintf("%s/agreement.ini", rel->slug);
	size_t prefix = strlen(rel->slug);

	if (!a->early)
		mj_validate_relationship(rel, &opts, unmet);
	for (size_t i = unmet->len; i-- > 0;) /* only errors stop a closure */
		if (unmet->items[i].level != MJ_LEVEL_ERROR) {
			free(unmet->items[i].file);
			free(unmet->items[i].message);
			unmet->items[i] = unmet->items[--unmet->len];
		}
	if (ag->started_date != MJ_DATE_NONE && a->date < ag->started_date)
		mj_diags_add(unmet, agreement, ag->started.line, 1, MJ_LEVEL_ERROR,
			     "close", "the closing date %s is before 'started'",
			     mj_date_format(a->date, date));
	for (size_t i = 0; i < rel->n_notes; i++) {
		const struct mj_note *n = &rel->notes[i];
		mj_date d = mj_note_effective_date(n);
		if (d != MJ_DATE_NONE && d > a->date && n->stage != MJ_STAGE_FOLLOW_UP)
			mj_diags_add(unmet, n->file, n->date_line, 1, MJ_LEVEL_ERROR,
				     "close", "a note of stage '%s' after the "
				     "closing date %s; only follow-up notes may come "
				     "after it",
				     mj_stage_name(n->stage) ? mj_stage_name(n->stage) : "?",
				     mj_date_format(a->date, date));
	}
	for (size_t i = 0; i < changes->len; i++) {
		const struct mj_change *c = &changes->items[i];
		if (c->kind == MJ_CHANGE_PRIVATE || strncmp(c->path, rel->slug, prefix) ||
		    c->path[prefix] != '/')
			continue;
		mj_diags_add(unmet, c->path, 0, 0, MJ_LEVEL_ERROR, "close",
			     "is %s but not committed; run mjournal commit first",
			     mj_change_kind_name(c->kind));
	}
	mj_diags_sort(unmet);
	free(agreement);
}

/*
 * Commits SLUG's agreement.ini and summary.md as the closure and tags it
 * SLUG/closed.  Returns 0, or -1 after printing why.
 */
static int commit_and_tag(struct mj_repo *repo, const char *slug, const char *tag,
			  bool early, const char *reason, const char *date,
			  const char *owner, bool *committed)
{
	struct mj_strvec paths = MJ_STRVEC_INIT;
	char *message, *tag_message;
	int rc = -1;

	mj_strvec_push_owned(&paths, mj_xasprintf("%s/agreement.ini", slug));
	mj_strvec_push_owned(&paths, mj_xasprintf("%s/summary.md", slug));
	message = early && reason ?
		mj_xasprintf("%s: close (ended early)\n\n%s\n", slug, reason) :
		early ? mj_xasprintf("%s: close (ended early)\n", slug) :
			mj_xasprintf("%s: close\n", slug);
	tag_message = early ?
		mj_xasprintf("%s ended early on %s, without fault%s%s\n", slug, date,
			     reason ? ": " : "", reason ? reason : "") :
		mj_xasprintf("%s closed on %s\n", slug, date);
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
	free(message);
	free(tag_message);
	return rc;
}

/* Writes path, or restores it to old (NULL: it did not exist). */
static int restore(const char *path, const char *old, size_t len)
{
	return old ? mj_fs_write_atomic(path, old, len) : unlink(path);
}

static int run(struct mj_ctx *ctx)
{
	struct close_args a = { NULL, MJ_DATE_NONE, false, NULL };
	struct mj_journal *journal = &ctx->journal;
	struct mj_changes changes = { NULL, 0, 0 };
	struct mj_diags unmet = MJ_DIAGS_INIT;
	struct mj_repo *repo = ctx->repo;
	struct mj_relationship *rel;
	struct mj_source src;
	struct mj_doc *doc = NULL;
	char *agreement_path = NULL, *summary_path = NULL, *old = NULL;
	char *old_summary = NULL, *edited = NULL, *summary = NULL;
	char *tag = NULL;
	char date[MJ_DATE_TEXT_SIZE];
	size_t old_len = 0, old_summary_len = 0, edited_len;
	mj_date today = ctx->today;
	bool committed;
	int status;

	memset(&src, 0, sizeof(src));
	if (parse_args(ctx, &a) != 0)
		return MJ_EXIT_USAGE;
	status = MJ_EXIT_USAGE;
	rel = mj_journal_find(journal, a.slug);
	if (!rel || !rel->agreement.present || !rel->agreement.parsed) {
		mj_cli_error("'%s' has no readable agreement.ini (mjournal check "
			     "%s says why)", a.slug, a.slug);
		goto done;
	}
	tag = mj_xasprintf("%s/closed", a.slug);
	if (rel->agreement.status_value != MJ_STATUS_ACTIVE) {
		/* closed in agreement.ini but never tagged: a closure that was
		 * interrupted (or made by hand) is finished, not refused */
		if (repo && !mj_git_tag_exists(repo, tag) &&
		    rel->agreement.closed_date != MJ_DATE_NONE) {
			mj_date_format(rel->agreement.closed_date, date);
			if (commit_and_tag(repo, a.slug, tag,
					   rel->agreement.status_value == MJ_STATUS_ENDED_EARLY,
					   NULL, date, journal->config.owner.text,
					   &committed) == 0) {
				printf("Finished closing %s (closed = %s): tagged %s\n",
				       a.slug, date, tag);
				status = MJ_EXIT_OK;
			}
			goto done;
		}
		mj_cli_error("%s is already %s (closed = %s)", a.slug,
			     mj_status_name(rel->agreement.status_value),
			     rel->agreement.closed.text ? rel->agreement.closed.text : "?");
		status = MJ_EXIT_FAILED;
		goto done;
	}
	if (repo && mj_git_tag_exists(repo, tag)) {
		mj_cli_error("the tag %s exists already; remove it or keep the "
			     "relationship open", tag);
		goto done;
	}
	if (repo && mj_git_status(repo, &changes) < 0) {
		mj_cli_error("%s", mj_git_error());
		goto done;
	}
	criteria(rel, &a, today, &changes, &unmet);
	if (unmet.len) {
		bool color = mj_cli_color(stderr);
		for (size_t i = 0; i < unmet.len; i++)
			mj_diag_print(stderr, &unmet.items[i], color);
		mj_cli_error("%s is not closed: %zu criteri%s unmet (above); "
			     "nothing changed", a.slug, unmet.len,
			     unmet.len == 1 ? "on" : "a");
		if (!a.early)
			mj_cli_hint("to end it without fault instead: mjournal close "
				    "%s --early --reason '...'", a.slug);
		status = MJ_EXIT_FAILED;
		goto done;
	}

	/* the new agreement and the summary, built before anything is written */
	agreement_path = mj_xasprintf("%s/%s/agreement.ini", journal->root, a.slug);
	summary_path = mj_xasprintf("%s/%s/summary.md", journal->root, a.slug);
	if (mj_fs_read(agreement_path, MJ_FILE_SIZE_LIMIT, &old, &old_len) != MJ_READ_OK) {
		mj_cli_error("cannot read '%s': %s", agreement_path, strerror(errno));
		goto done;
	}
	mj_date_format(a.date, date);
	edited = mj_agreement_set_closed(old, old_len, &rel->agreement,
					 a.early ? "ended-early" : "closed", date,
					 &edited_len);
	if (!edited) {
		mj_cli_error("%s/agreement.ini has no [relationship] section", a.slug);
		goto done;
	}
	rel->agreement.status_value = a.early ? MJ_STATUS_ENDED_EARLY : MJ_STATUS_CLOSED;
	rel->agreement.closed_date = a.date;
	mj_source_init_fs(&src, journal->root);
	doc = mj_summary_build(rel, &src, &(struct mj_summary_options){
		today, false, a.reason });
	summary = mj_doc_render(doc, MJ_DOC_MARKDOWN);
	if (mj_fs_read(summary_path, MJ_FILE_SIZE_LIMIT, &old_summary,
		       &old_summary_len) != MJ_READ_OK)
		old_summary = NULL;

	if (mj_fs_write_atomic(agreement_path, edited, edited_len) < 0 ||
	    mj_fs_write_atomic(summary_path, summary, strlen(summary)) < 0) {
		mj_cli_error("cannot write the closure: %s", strerror(errno));
		goto undo;
	}
	if (repo && commit_and_tag(repo, a.slug, tag, a.early, a.reason, date,
				   journal->config.owner.text, &committed) < 0) {
		if (!committed)
			goto undo;
		goto done;
	}
	printf("%s %s on %s: %s/summary.md%s%s\n", a.early ? "Ended" : "Closed",
	       a.slug, date, a.slug, repo ? ", tagged " : "", repo ? tag : "");
	status = MJ_EXIT_OK;
	goto done;
undo:
	/* a failed closure leaves the files as they were */
	restore(agreement_path, old, old_len);
	restore(summary_path, old_summary, old_summary_len);
done:
	mj_doc_free(doc);
	if (src.ctx)
		mj_source_free_fs(&src);
	mj_changes_free(&changes);
	mj_diags_free(&unmet);
	free(agreement_path);
	free(summary_path);
	free(old);
	free(old_summary);
	free(edited);
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
	{ NULL, 0, 0, 0, 0, 0, 0 },
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
