/*
 * mj_plan.h - writes of several files that a kill cannot leave half done.
 *
 * A command that writes several files writes its plan first, under
 * .mjournal/ (mjournal's own, never in git): what it will write, move and
 * commit.  The plan goes once the job is done (or undone after a
 * failure).  A plan left behind is a run killed half way: the next
 * command that takes the journal's lock finishes it (mj_plan_finish).
 * Relationships started by new and import are made under
 * .mjournal/start/ and moved into place; the edits of mj_cli_apply
 * (extend, reopen, actions --done) are planned in .mjournal/apply, a
 * rename in .mjournal/rename.
 */
#ifndef MJ_PLAN_H
#define MJ_PLAN_H

#include "mj_cli.h"

/*
 * Starts the relationships slugs, each with its agreement (texts, in the
 * same order), all or nothing: staged under .mjournal/start, then moved
 * into place and committed with message (when ctx->repo) as recorded in
 * a plan written first, so that a run killed at any point leaves either
 * nothing or what the next command that takes the lock finishes (in
 * mj_cli_lock, with mj_plan_finish).  Never over anything.  0, or -1
 * after saying why, with nothing left behind.
 */
int mj_plan_start(struct mj_ctx *ctx, const struct mj_strvec *slugs,
		  const struct mj_strvec *texts, const char *message);
/* Is slug's agreement.ini there with exactly text (a start done before). */
bool mj_plan_started_already(const char *root, const char *slug,
			     const char *text);

/*
 * Finishes what killed runs planned: a start is moved into place and
 * committed (or, killed before its plan, cleared); planned edits are
 * written where the file is still as it was (one changed since is left
 * as it is, named) and committed.  Says what it finished.  Under the
 * journal's lock; owner as mj_git_commit_paths.  0, or -1 after saying
 * why.
 */
int mj_plan_finish(const char *root, const char *owner);

/* The plan of edits (message NULL: nothing to commit), written before
 * the first of them; 0, or -1 after saying why. */
int mj_plan_edits(const char *root, const struct mj_edit *edits, size_t n,
		  const char *message);
/* The planned edits done (committed): the plan goes; a fault point.  0,
 * or -1 after saying why. */
int mj_plan_edits_done(const char *root);
/* The planned edits undone after a failure: the plan goes, quietly. */
void mj_plan_drop_edits(const char *root);

/*
 * Renames the relationship old to new (rename): the folder moved, what
 * git tracks in it committed at its new path, the tag OLD/closed made
 * NEW/closed, after a plan the next command finishes if a kill stops
 * it.  *files: the committed files moved; *tagged: a tag renamed.  0, or
 * -1 after saying why (the folder back where it was if nothing was
 * committed).
 */
int mj_plan_rename(struct mj_ctx *ctx, const char *old, const char *new,
		   size_t *files, bool *tagged);

/* Is the file under root now as text says (NULL: absent). */
bool mj_plan_file_is(const char *root, const char *file, const char *text,
		     size_t len);

#endif
