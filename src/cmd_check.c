/*
 * cmd_check.c - mjournal check: validate the mentoring cycle.
 */
#include "mj_cli.h"
#include "mj_commands.h"
#include "mj_git.h"
#include "mj_json.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

/* Reads the journal from the index (--staged) instead of the work tree. */
static int load_staged(struct mj_journal *journal, struct mj_repo *repo,
		       const char *root, const struct mj_strvec *slugs)
{
	struct mj_source src;
	int rc;

	if (mj_git_source_index(repo, &src) < 0)
		return mj_cli_error("%s", mj_git_error());
	rc = mj_journal_load(journal, root, &src, slugs, 0);
	mj_git_source_free(&src);
	if (rc < 0)
		return mj_cli_error("cannot read the git index");
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

int cmd_check(int argc, char **argv)
{
	static const struct option options[] = {
		{ "strict", no_argument, NULL, 's' },
		{ "staged", no_argument, NULL, 'S' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct mj_validate_options vopts = { 0 };
	struct mj_journal journal;
	struct mj_diags diags = MJ_DIAGS_INIT;
	struct mj_strvec slugs = MJ_STRVEC_INIT, tracked = MJ_STRVEC_INIT;
	struct mj_repo *repo = NULL;
	bool strict = false, staged = false, json = false, color;
	char *root = NULL;
	int opt, status = MJ_EXIT_USAGE;
	size_t errors, warnings;

	memset(&journal, 0, sizeof(journal));
	while ((opt = getopt_long(argc, argv, "C:h", options, NULL)) != -1) {
		int common = mj_cli_common_option("check", opt, optarg, &status);
		if (common < 0)
			return status;
		if (common == 0)
			continue;
		if (opt == 's') {
			strict = true;
		} else if (opt == 'S') {
			staged = true;
		} else if (opt == 'f' && mj_cli_format_json(optarg, &json) != 0) {
			return MJ_EXIT_USAGE;
		}
	}
	for (; optind < argc; optind++)
		mj_strvec_push(&slugs, argv[optind]);
	if (mj_cli_today(&vopts.today) < 0)
		goto done;

	if (staged) {
		if (mj_cli_find_root(&root) < 0)
			goto done;
		if (mj_git_open(&repo, root) < 0) {
			mj_cli_error("%s", mj_git_error());
			goto done;
		}
		status = load_staged(&journal, repo, root, &slugs);
	} else {
		status = mj_cli_load(&journal, &slugs, 0);
		if (status == MJ_EXIT_OK && mj_git_open(&repo, journal.root) < 0)
			repo = NULL; /* a journal outside git: nothing is tracked */
	}
	if (status != MJ_EXIT_OK)
		goto done;
	status = MJ_EXIT_USAGE;

	mj_validate_journal(&journal, &vopts, &diags);
	if (repo) {
		if (mj_git_tracked_private(repo, &tracked) < 0) {
			mj_cli_error("%s", mj_git_error());
			goto done;
		}
		mj_validate_private_tracked(&tracked, &diags);
	}
	if (slugs.len)
		keep_only(&diags, &slugs);
	mj_diags_sort(&diags);

	if (json) {
		mj_json_print_diags(stdout, &diags);
	} else {
		color = mj_cli_color(stdout);
		for (size_t i = 0; i < diags.len; i++)
			mj_diag_print(stdout, &diags.items[i], color);
	}
	errors = mj_diags_count(&diags, MJ_LEVEL_ERROR);
	warnings = mj_diags_count(&diags, MJ_LEVEL_WARNING);
	if (!json && (errors || warnings))
		fprintf(stderr, "%zu error%s, %zu warning%s in %zu relationship%s\n",
			errors, errors == 1 ? "" : "s", warnings,
			warnings == 1 ? "" : "s", journal.n_relationships,
			journal.n_relationships == 1 ? "" : "s");
	status = errors || (strict && warnings) ? MJ_EXIT_FAILED : MJ_EXIT_OK;
done:
	mj_git_free(repo);
	mj_journal_free(&journal);
	mj_diags_free(&diags);
	mj_strvec_free(&slugs);
	mj_strvec_free(&tracked);
	free(root);
	return status;
}
