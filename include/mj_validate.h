/*
 * mj_validate.h - the mentoring cycle's rules (SPEC section 3).
 *
 * Pure functions: they read the model and today's date and add
 * diagnostics; they print nothing and touch no disk.
 */
#ifndef MJ_VALIDATE_H
#define MJ_VALIDATE_H

#include "mj_model.h"

struct mj_validate_options {
	mj_date today;
	bool closing; /* for close: closing-incomplete is an error */
};

/*
 * Every diagnostic about rel: those found while reading its files, then the
 * cycle's rules across its notes in date order.
 */
void mj_validate_relationship(const struct mj_relationship *rel,
			      const struct mj_validate_options *opts,
			      struct mj_diags *out);
/* What git must never have, found in the index or HEAD
 * (mj_git_tracked_forbidden): private-tracked for a private note,
 * mjournal-tracked for mjournal's own files. */
void mj_validate_tracked(const struct mj_strvec *paths, struct mj_diags *out);

/* The stage the relationship is in: its latest note's (preparing if none). */
enum mj_stage mj_cycle_stage(const struct mj_relationship *rel);
/* The stage the next note most likely belongs to. */
enum mj_stage mj_cycle_next_stage(const struct mj_relationship *rel,
				  mj_date today);
/* The last held session's date, or MJ_DATE_NONE. */
mj_date mj_cycle_last_held(const struct mj_relationship *rel);

#endif
