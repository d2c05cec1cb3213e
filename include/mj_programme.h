/*
 * mj_programme.h - a mentoring programme seen from above: figures across
 * many journals, and not a word of any note.
 *
 * Confidential by construction: a programme row has fields for names,
 * dates and counts only.  Nothing here can hold a note's text, a goal,
 * feedback, learning, an outcome, an action's text or a title, so no
 * output built from these structures can show one.  Rows are made from a
 * relationship without its private notes.  Pure.
 */
#ifndef MJ_PROGRAMME_H
#define MJ_PROGRAMME_H

#include "mj_model.h"

/* A session as the programme counts it: when, held or not, how long. */
struct mj_prog_session {
	mj_date date;
	bool held;   /* else missed: a no-show or cancelled */
	int minutes;
};

struct mj_prog_row {
	char *journal;            /* the journal's name */
	char *slug;
	char *mentor;             /* a name, without the email */
	struct mj_strvec mentees; /* names */
	enum mj_type type;
	enum mj_stage stage;
	enum mj_status status;
	mj_date started, ends, closed, last_held, next_due;
	int held, missed, minutes;
	int open_actions, late_actions;
	int errors, warnings;
	int private_tracked;      /* private notes in the git the source is read
				   * from: exposed, and counted as errors */
	bool overdue, quiet, term_over;
	bool closing_complete;    /* closed with a closing session that has
				   * its Outcomes and Learning */
	struct mj_prog_session *sessions;
	size_t n_sessions;
};

/* One relationship (its private notes left out) as a programme row. */
void mj_prog_row_make(struct mj_prog_row *out, const char *journal,
		      const struct mj_relationship *rel, mj_date today);
void mj_prog_row_free(struct mj_prog_row *row);

/* A name and a figure: hours per mentor, relationships per stage... */
struct mj_prog_count {
	char *key;
	int value;   /* minutes, or a count */
	int held, missed; /* per month: sessions */
};

struct mj_prog_counts {
	struct mj_prog_count *items; /* sorted by key */
	size_t len, cap;
};

struct mj_prog_figures {
	size_t relationships;
	struct mj_prog_counts by_stage, by_status, mentor_minutes, months;
	int minutes;
	int held, missed;
	int median_gap_days;      /* between held sessions; -1 when none */
	size_t ended, ended_early, closed, closed_complete;
};

/* The programme's figures, from the rows alone. */
void mj_prog_figures(const struct mj_prog_row *rows, size_t n,
		     struct mj_prog_figures *out);
void mj_prog_figures_free(struct mj_prog_figures *figures);

#endif
