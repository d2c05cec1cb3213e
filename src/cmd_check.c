/*
 * cmd_check.c - mjournal check: validate the mentoring cycle.
 */
#include "mj_cli.h"
#include "mj_commands.h"
#include "mj_git.h"
#include "mj_json.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* Reads the journal from the index (--staged) instead of the work tree. */
static int load_staged(struct mj_journal *journal, struct mj_repo *repo,
		       const char *root, const struct mj_strvec *slugs,
		       const struct mj_visitor *visitor)
{
	struct mj_source src;
	int rc;

	if (mj_git_source_index(repo, &src) < 0)
		return mj_cli_error("%s", mj_git_error());
	rc = mj_journal_visit(journal, root, &src, slugs, 0, visitor);
	mj_git_source_free(&src);
	if (rc < 0)
		return mj_cli_error("cannot read the git index: %s",
				    strerror(errno));
	return MJ_EXIT_OK;
}

/* With SLUG arguments, only what is about those relationships is shown. */
static void keep_only(struct mj_diags *diags, const struct mj_strvec *slugs)
{
	size_t kept = 0;

	for (size_t i = 0; i < diags->len; i++) {
		struct mj_diag d = diags->items[i];
		const char *slash = strchr(d.file, '/');
		size_t n = slash ? (size_t)(slash - d.file) : strlen(d.file);
		bool keep = false;

		for (size_t k = 0; k < slugs->len && !keep; k++)
			keep = strlen(slugs->items[k]) == n &&
			       !strncmp(slugs->items[k], d.file, n);
		if (keep) {
			diags->items[kept++] = d;
		} else {
			free(d.file);
			free(d.message);
		}
	}
	diags->len = kept;
}

/* check loads by itself: from the work tree, or from the index (--staged) */
static int run(struct mj_ctx *ctx)
{
	struct mj_journal journal;
	struct mj_diags diags = MJ_DIAGS_INIT;
	const struct mj_strvec slugs = ctx->args.operands;
	struct mj_strvec tracked = MJ_STRVEC_INIT;
	struct mj_strvec also = MJ_STRVEC_INIT;
	struct mj_cli_findings found;
	struct mj_visitor visitor;
	struct mj_repo *repo = NULL;
	bool strict = mj_arg_given(&ctx->args, "strict");
	bool staged = mj_arg_given(&ctx->args, "staged");
	bool json = mj_arg_choice(&ctx->args, "format") == 1, color;
	char *root = NULL;
	int status = MJ_EXIT_USAGE, rc;
	size_t errors, warnings;

	memset(&journal, 0, sizeof(journal));
	mj_cli_findings_init(&found, ctx->today, &visitor);
	if (staged) {
		if (mj_cli_find_root(&root) < 0)
			goto done;
		if (mj_git_open(&repo, root) < 0) {
			mj_cli_error("%s", mj_git_error());
			goto done;
		}
		status = load_staged(&journal, repo, root, &slugs, &visitor);
	} else {
		status = mj_cli_visit(&journal, &slugs, 0, &visitor);
		if (status == MJ_EXIT_OK && mj_git_open(&repo, journal.root) < 0)
			repo = NULL; /* a journal outside git: nothing is tracked */
	}
	if (status != MJ_EXIT_OK)
		goto done;
	status = MJ_EXIT_USAGE;

	mj_cli_findings_take(&found, &journal, &diags, &also);
	mj_trace("validated");
	if (repo) {
		rc = mj_git_tracked_forbidden(repo, &also, &tracked);
		if (rc < 0) {
			mj_cli_error("%s", mj_git_error());
			goto done;
		}
		mj_validate_tracked(&tracked, &diags);
	}
	if (slugs.len)
		keep_only(&diags, &slugs);
	mj_diags_sort(&diags);

	if (json) {
		mj_json_print_diags(stdout, &diags);
	} else {
		if (diags.len)
			mj_cli_pager();
		color = mj_cli_color(stdout);
		for (size_t i = 0; i < diags.len; i++)
			mj_diag_print(stdout, &diags.items[i], color);
	}
	errors = mj_diags_count(&diags, MJ_LEVEL_ERROR);
	warnings = mj_diags_count(&diags, MJ_LEVEL_WARNING);
	/* the diagnostics out before the count, when both go to one place */
	fflush(stdout);
	if (!json && (errors || warnings))
		fprintf(stderr, "%zu error%s, %zu warning%s in %zu relationship%s\n",
			errors, errors == 1 ? "" : "s", warnings,
			warnings == 1 ? "" : "s", (size_t)found.read,
			found.read == 1 ? "" : "s");
	status = errors || (strict && warnings) ? MJ_EXIT_FAILED : MJ_EXIT_OK;
done:
	mj_git_free(repo);
	mj_journal_free(&journal);
	mj_diags_free(&diags);
	mj_strvec_free(&tracked);
	mj_strvec_free(&also);
	mj_cli_findings_free(&found);
	free(root);
	return status;
}

static const struct mj_option options[] = {
	{ "strict", 0, MJ_ARG_NONE, NULL, NULL, "warnings fail too (exit 1)", 0 },
	{ "staged", 0, MJ_ARG_NONE, NULL, NULL, "check what is in the git index", 0 },
	MJ_OPTION_FORMAT_JSON,
	MJ_OPTIONS_END,
};

const struct mj_command mj_cmd_check = {
	.name = "check",
	.summary = "Validate the mentoring cycle; diagnostics in GCC's form.",
	.operand = "SLUG", .operand_kind = MJ_ARG_SLUG,
	.min_operands = 0, .max_operands = UINT_MAX,
	.options = options,
	.needs = MJ_NEED_TODAY,
	.run = run,
};
