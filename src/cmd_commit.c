/*
 * cmd_commit.c - mjournal commit: check, then commit every change inside
 * the journal (never a private note), with a message that says what
 * changed.
 */
#include "mj_cli.h"
#include "mj_commands.h"
#include "mj_git.h"
#include "mj_message.h"

#include <stdlib.h>
#include <string.h>

/*
 * Prints the errors check finds in what is to be committed, and returns how
 * many: what check says of a private note's contents does not stop a
 * commit (the note is never committed), but a private note in git does,
 * unless this commit takes it out of git (it is among paths: git rm
 * --cached, or its file deleted).  *mend counts those --no-verify does
 * not pass either: conflict markers and files a merge left.
 */
static size_t report_errors(const struct mj_journal *journal,
			    struct mj_cli_findings *found,
			    struct mj_repo *repo,
			    const struct mj_strvec *paths, size_t *mend)
{
	struct mj_diags diags = MJ_DIAGS_INIT;
	struct mj_strvec tracked = MJ_STRVEC_INIT, private = MJ_STRVEC_INIT;
	bool color = mj_cli_color(stderr);
	size_t errors = 0;

	*mend = 0;
	mj_cli_findings_take(found, journal, &diags, &private);
	mj_trace("validated");
	if (mj_git_tracked_forbidden(repo, &private, &tracked) == 0)
		mj_validate_tracked(&tracked, &diags);
	mj_diags_sort(&diags);
	for (size_t i = 0; i < diags.len; i++) {
		const struct mj_diag *d = &diags.items[i];
		bool is_private = mj_note_name_is_private(d->file) ||
				  mj_strvec_contains(&private, d->file);
		bool in_git = !strcmp(d->rule, MJ_RULE_PRIVATE_TRACKED);
		if (d->level != MJ_LEVEL_ERROR || (is_private && !in_git) ||
		    (in_git && mj_strvec_contains(paths, d->file)))
			continue;
		mj_diag_print(stderr, d, color);
		errors++;
		*mend += !strcmp(d->rule, MJ_RULE_CONFLICT_MARKERS) ||
			 !strcmp(d->rule, MJ_RULE_MERGE_LEFTOVER);
	}
	mj_diags_free(&diags);
	mj_strvec_free(&tracked);
	mj_strvec_free(&private);
	return errors;
}

static int run(struct mj_ctx *ctx)
{
	struct mj_journal *journal = &ctx->journal;
	struct mj_repo *repo = ctx->repo;
	struct mj_changes changes = { NULL, 0, 0 };
	struct mj_message_change *described = NULL;
	struct mj_strvec paths = MJ_STRVEC_INIT;
	const char *message = mj_arg_value(&ctx->args, "message");
	char *text = NULL, *first, *title = NULL;
	bool verify = !mj_arg_given(&ctx->args, "no-verify"), committed = false;
	size_t n = 0, errors, mend = 0;
	mj_date today = ctx->today;
	struct mj_cli_findings found;
	struct mj_visitor visitor;
	int status;

	/* read under the writer's lock, one relationship at a time: what
	 * check finds in each is kept, its notes let go */
	mj_cli_findings_init(&found, today, &visitor);
	mj_journal_free(journal);
	status = mj_cli_visit(journal, NULL, MJ_LOAD_WALK, &visitor);
	if (status != MJ_EXIT_OK)
		goto done;
	status = MJ_EXIT_USAGE;
	if (mj_git_status(repo, journal->walk, &changes) < 0) {
		mj_cli_error("%s", mj_git_error());
		goto done;
	}
	described = mj_xcalloc(changes.len + 1, sizeof(*described));
	for (size_t i = 0; i < changes.len; i++) {
		const struct mj_change *c = &changes.items[i];
		if (mj_change_never_committed(c) || mj_journal_path_is_own(c->path))
			continue;
		/* a conflicted file is committed once its markers are gone:
		 * check's conflict-markers rule says whether they are */
		described[n].path = c->path;
		described[n].verb = c->kind == MJ_CHANGE_NEW ? MJ_VERB_ADD :
				    c->kind == MJ_CHANGE_DELETED ? MJ_VERB_REMOVE :
								   MJ_VERB_EDIT;
		mj_strvec_push(&paths, c->path);
		n++;
	}
	if (!n) {
		printf("Nothing to commit: the journal is as git has it.\n");
		status = MJ_EXIT_OK;
		goto done;
	}
	if (verify && (errors = report_errors(journal, &found, repo, &paths,
					      &mend)) > 0) {
		/* markers are refused whatever the option: no advice to try it */
		if (mend)
			mj_cli_error("not committed: check found %zu error%s "
				     "(above); mend each file holding conflict "
				     "markers (keep the text you want, delete the "
				     "marker lines), then run mjournal commit again",
				     errors, errors == 1 ? "" : "s");
		else
			mj_cli_error("not committed: check found %zu error%s "
				     "(above); fix them, or commit anyway with "
				     "--no-verify", errors, errors == 1 ? "" : "s");
		status = MJ_EXIT_FAILED;
		goto done;
	}
	text = message ? mj_xasprintf("%s\n", message) :
			 mj_message_describe(described, n);
	title = mj_git_merge_title(repo); /* the commit finishes a merge */
	if (mj_git_commit_paths(repo, &paths, text, journal->config.owner.text,
				&committed) < 0) {
		mj_cli_error("%s", mj_git_error());
		goto done;
	}
	text[strcspn(text, "\n")] = '\0'; /* the first line, shown */
	first = mj_visible(title ? title : text, false);
	printf("Committed: %s\n", first);
	free(first);
	status = MJ_EXIT_OK;
done:
	mj_changes_free(&changes);
	mj_strvec_free(&paths);
	free(described);
	free(text);
	free(title);
	mj_cli_findings_free(&found);
	return status;
}

static const struct mj_option options[] = {
	{ "message", 'm', MJ_ARG_TEXT, "MESSAGE", NULL,
	  "the commit message (default: what changed)", 0 },
	{ "no-verify", 0, MJ_ARG_NONE, NULL, NULL,
	  "commit even when check finds errors", 0 },
	MJ_OPTIONS_END,
};

const struct mj_command mj_cmd_commit = {
	.name = "commit",
	.summary = "Check, then commit every change inside the journal (never a "
		   "private note) with a message that says what changed.",
	.options = options,
	/* the model is read by run, one relationship at a time */
	.needs = MJ_NEED_TODAY | MJ_NEED_WRITER | MJ_NEED_GIT,
	.run = run,
};
