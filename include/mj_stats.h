/*
 * mj_stats.h - figures about a relationship: sessions, meetings, actions,
 * hours.  Pure: computed from the model and today's date.
 */
#ifndef MJ_STATS_H
#define MJ_STATS_H

#include "mj_model.h"

struct mj_stats {
	enum mj_stage stage;     /* the stage of the latest note */
	bool ended;              /* closed or ended early */
	int held;                /* sessions held */
	int missed;              /* no-shows and cancelled sessions */
	int minutes;             /* duration of held sessions */
	mj_date last_met;        /* last held session, or MJ_DATE_NONE */
	mj_date next_due;        /* the next meeting agreed in a note (next:)
				  * after last_met, else last_met + cadence,
				  * or MJ_DATE_NONE */
	bool next_planned;       /* next_due is a date agreed, not cadence */
	bool overdue;            /* active and today is past next_due */
	bool term_ending;        /* active and ends within two cadences */
	int open_actions;
	int overdue_actions;
	int done_actions;
	int dropped_actions;
};

/* Figures for rel on day today; private notes count as their owner's own. */
void mj_stats_compute(const struct mj_relationship *rel, mj_date today,
		      struct mj_stats *out);

/* Hours in a window: held sessions dated since..until (inclusive). */
struct mj_hours {
	int minutes;
	int sessions;
	struct mj_strvec mentees; /* distinct names of mentees who attended */
};

/* since/until may be MJ_DATE_NONE for an open end. */
void mj_hours_compute(const struct mj_relationship *rel, mj_date since,
		      mj_date until, struct mj_hours *out);
void mj_hours_free(struct mj_hours *hours);

/* "11.5", "0.75", "2": minutes as hours, without trailing zeros. */
void mj_format_hours(int minutes, char *buf, size_t size);
/* What check found, short: "2E 1W", "2E", "1W", or "" for nothing. */
void mj_format_findings(size_t errors, size_t warnings, char *buf, size_t size);

#endif
