/*
 * cmd_term.c - mjournal extend and reopen: the term of a relationship.
 *
 * Both edit agreement.ini in place (every other byte kept, as close does)
 * and commit it; reopen also removes the SLUG/closed tag, after the commit,
 * so that a failure leaves the closure whole.
 */
#include "mj_cli.h"
#include "mj_commands.h"
#include "mj_git.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/*
 * Sets the changes in rel's agreement.ini and commits them with message.
 * MJ_EXIT_OK, or an exit status after saying why.
 */
static int edit_agreement(struct mj_ctx *ctx, const struct mj_relationship *rel,
			  const struct mj_agreement_change *changes, size_t n,
			  const char *message)
{
	char *file = mj_path_join(rel->slug, "agreement.ini");
	char *old = NULL, *text = NULL;
	size_t old_len = 0, len = 0;
	bool committed;
	int status = MJ_EXIT_USAGE;

	if (mj_jfs_read(ctx->journal.root, file, MJ_FILE_SIZE_LIMIT, &old,
			&old_len) != MJ_READ_OK) {
		mj_cli_journal_error(ctx->journal.root, file, MJ_KIND_FILE, "read");
		goto done;
	}
	text = mj_agreement_edit(old, old_len, &rel->agreement, changes, n, &len);
	if (!text) {
		mj_cli_error("%s " MJ_AGREEMENT_UNEDITABLE, file);
		goto done;
	}
	status = mj_cli_apply(ctx, &(struct mj_edit){ file, old, old_len, text, len, false },
			      1, message, &committed);
done:
	free(file);
	free(old);
	free(text);
	return status;
}

/* The relationship operand, with an agreement that can be edited. */
static const struct mj_relationship *agreement_of(struct mj_ctx *ctx)
{
	const char *slug = ctx->args.operands.items[0];
	const struct mj_relationship *rel = mj_journal_find(&ctx->journal, slug);

	if (!rel || !rel->agreement.present || !rel->agreement.parsed) {
		mj_cli_error("'%s' has no readable agreement.ini (mjournal check "
			     "%s says why)", slug, slug);
		return NULL;
	}
	return rel;
}

static int run_extend(struct mj_ctx *ctx)
{
	const struct mj_relationship *rel = agreement_of(ctx);
	const struct mj_agreement *a;
	mj_date ends = mj_arg_date(&ctx->args, "ends", MJ_DATE_NONE);
	char date[MJ_DATE_TEXT_SIZE], old[MJ_DATE_TEXT_SIZE], *message;
	int status;

	if (!rel)
		return MJ_EXIT_USAGE;
	a = &rel->agreement;
	mj_date_format(ends, date);
	if (a->status_value != MJ_STATUS_ACTIVE)
		return mj_cli_error("%s is %s; mjournal reopen %s first", rel->slug,
				    mj_status_name(a->status_value), rel->slug);
	if (a->ends_date != MJ_DATE_NONE && ends <= a->ends_date)
		return mj_cli_error("--ends %s is not after the term's end (%s); to "
				    "shorten a term, edit agreement.ini",
				    date, mj_date_format(a->ends_date, old));
	if (a->started_date != MJ_DATE_NONE && ends <= a->started_date)
		return mj_cli_error("--ends %s is not after 'started'; give a "
				    "later day", date);
	message = mj_xasprintf("%s: extend term to %s\n", rel->slug, date);
	status = edit_agreement(ctx, rel, (const struct mj_agreement_change[]){
		{ &a->ends, "ends", date } }, 1, message);
	if (status == MJ_EXIT_OK)
		mj_cli_print(stdout, "%s %s: ends %s (was %s)\n",
			     ctx->journal.config.autocommit ? "Extended" :
			     "Extended, not committed,", rel->slug, date,
			     a->ends.text ? a->ends.text : "not set");
	free(message);
	return status;
}

static int run_reopen(struct mj_ctx *ctx)
{
	const struct mj_relationship *rel = agreement_of(ctx);
	const struct mj_agreement *a;
	char *message, *tag, today[MJ_DATE_TEXT_SIZE];
	int status;

	if (!rel)
		return MJ_EXIT_USAGE;
	a = &rel->agreement;
	tag = mj_xasprintf("%s/closed", rel->slug);
	if (a->status_value == MJ_STATUS_ACTIVE) {
		/* reopened, but stopped before the tag went: finish the job */
		if (ctx->repo && mj_git_tag_exists(ctx->repo, tag)) {
			status = mj_git_tag_delete(ctx->repo, tag) < 0 ?
				 mj_cli_error("%s", mj_git_error()) : MJ_EXIT_OK;
			if (status == MJ_EXIT_OK)
				printf("Finished reopening %s: tag %s removed\n",
				       rel->slug, tag);
		} else {
			status = mj_cli_error("%s is active already: nothing to "
					      "reopen; mjournal status shows it",
					      rel->slug);
		}
		free(tag);
		return status;
	}
	message = mj_xasprintf("%s: reopen\n", rel->slug);
	mj_date_format(ctx->today, today);
	status = edit_agreement(ctx, rel, (const struct mj_agreement_change[]){
		{ &a->status, "status", "active" }, { &a->closed, "closed", "" },
		{ &a->reopened, "reopened", today } }, 3, message);
	/* the tag goes once the reopening is committed, never before */
	if (status == MJ_EXIT_OK && ctx->repo && mj_git_tag_delete(ctx->repo, tag) < 0) {
		mj_cli_error("%s", mj_git_error());
		mj_cli_hint("%s is reopened; remove the tag with git tag -d %s",
			    rel->slug, tag);
		status = MJ_EXIT_USAGE;
	} else if (status == MJ_EXIT_OK) {
		printf("Reopened %s: status = active%s\n", rel->slug,
		       ctx->repo ? ", tag removed" : "");
	}
	free(message);
	free(tag);
	return status;
}

static const struct mj_option extend_options[] = {
	{ "ends", 0, MJ_ARG_DATE, "DATE", NULL,
	  "the term's new last day (required)", MJ_OPT_REQUIRED },
	MJ_OPTIONS_END,
};

const struct mj_command mj_cmd_extend = {
	.name = "extend",
	.summary = "Extend a relationship's term: set ends in agreement.ini "
		   "and commit it.",
	.operand = "SLUG", .operand_kind = MJ_ARG_ACTIVE,
	.min_operands = 1, .max_operands = 1,
	.options = extend_options,
	.needs = MJ_NEED_TODAY | MJ_NEED_WRITER | MJ_NEED_MODEL,
	.run = run_extend,
};

const struct mj_command mj_cmd_reopen = {
	.name = "reopen",
	.summary = "Undo a close: status back to active, closed emptied, "
		   "reopened dated, the SLUG/closed tag removed, committed.",
	.operand = "SLUG", .operand_kind = MJ_ARG_SLUG,
	.min_operands = 1, .max_operands = 1,
	.options = mj_no_options,
	.needs = MJ_NEED_TODAY | MJ_NEED_WRITER | MJ_NEED_MODEL,
	.run = run_reopen,
};
