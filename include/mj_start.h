/*
 * mj_start.h - a relationship about to start: its values checked and its
 * agreement written from the template.  Shared by new (one, from options)
 * and import (many, from a spreadsheet).  Pure.
 */
#ifndef MJ_START_H
#define MJ_START_H

#include "mj_model.h"

struct mj_start {
	const char *slug;
	const char *mentor;
	struct mj_strvec mentees;
	const char *type;    /* NULL: one-to-one, group for several mentees */
	const char *model;   /* NULL: developmental */
	mj_date started;     /* MJ_DATE_NONE: today */
	mj_date ends;        /* MJ_DATE_NONE: six months after started */
	mj_date review;      /* MJ_DATE_NONE: half way through the term */
	const char *cadence; /* NULL: 14d */
};

/*
 * Checks s and fills in its defaults (type and model come back in the
 * agreement's spelling).  Returns NULL, or what is wrong (caller frees),
 * naming fields as the agreement does ('ends', 'mentee').
 */
char *mj_start_check(struct mj_start *s, mj_date today);

/* The agreement text: template with s's values filled in.  Caller frees. */
char *mj_start_agreement(const char *template, const struct mj_start *s);

#endif
