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
	bool no_agreement;        /* its folder has no agreement.ini */
	mj_date fetched;          /* read from the copy fetched that day, as
				   * its remote could not be reached; else
				   * MJ_DATE_NONE */
	bool closing_complete;    /* closed with a closing session that has
				   * its Outcomes and Learning */
	struct mj_prog_session *sessions;
	size_t n_sessions;
};

/* A SOURCE as the programme read it. */
struct mj_prog_source {
	char *shown;      /* as given, its password left out */
	char *journal;    /* its journal's name; NULL when not read */
	char *error;      /* why it could not be read; else NULL */
	char *same_as;    /* the source given before that it repeats (the
			   * same folder, URL or history), counted once;
			   * else NULL */
	mj_date fetched;  /* a remote out of reach, read from its copy
			   * fetched that day; else MJ_DATE_NONE */
	mj_date figures_of; /* an encrypted hub read from the figures it
			     * publishes for the programme, of that day;
			     * else MJ_DATE_NONE */
};

void mj_prog_source_free(struct mj_prog_source *src);
/* A journal's name when its mjournal.ini gives none: the last part of
 * its source (a path or URL), without ".git" or a trailing '/'.  Caller
 * frees. */
char *mj_prog_source_name(const char *source);
/* Days as figures show them: "21", or "17.5" for a median between two;
 * into buf of 16 bytes, returned. */
const char *mj_prog_days_text(double days, char *buf);

/* The row's status as outputs name it: "none" without an agreement. */
const char *mj_prog_status_name(const struct mj_prog_row *row);

/* One relationship (its private notes left out) as a programme row. */
void mj_prog_row_make(struct mj_prog_row *out, const char *journal,
		      const struct mj_relationship *rel, mj_date today);
void mj_prog_row_free(struct mj_prog_row *row);

struct mj_prog_rows {
	struct mj_prog_row *items;
	size_t len, cap;
};

/*
 * The rows of a journal's relationships, made one relationship at a time
 * as the journal is read (mj_journal_visit), so that its notes are never
 * all in memory: mj_prog_reader_init gives the visitor; a folder without
 * an agreement has a row too, saying so, with its errors.  in_git: read
 * from a git tree, where every private note found is one git holds
 * (private-tracked).  mj_prog_reader_private lists the notes private by
 * their front matter that were read; mj_prog_reader_take appends the rows
 * to out in name order, named name, with tracked (read from a folder: the
 * private notes its git holds, or NULL) counted, and frees the reader.
 */
struct mj_prog_reader {
	struct mj_slots slots; /* a row and the notes private by front matter */
	mj_date today;
	bool in_git;
};
struct mj_visitor;
void mj_prog_reader_init(struct mj_prog_reader *reader, mj_date today,
			 bool in_git, struct mj_visitor *visitor);
void mj_prog_reader_private(const struct mj_prog_reader *reader,
			    struct mj_strvec *out);
void mj_prog_reader_take(struct mj_prog_reader *reader,
			 struct mj_prog_rows *out, const char *name,
			 const struct mj_strvec *tracked);
void mj_prog_rows_free(struct mj_prog_rows *rows);

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
	double median_gap_days;   /* between held sessions, as statisticians
				   * define the median (of an even count, the
				   * mean of the two middle ones); -1: none */
	size_t ended, ended_early, closed, closed_complete;
};

/* The programme's figures, from the rows alone. */
void mj_prog_figures(const struct mj_prog_row *rows, size_t n,
		     struct mj_prog_figures *out);

/*
 * What the rows of a journal known by its figures alone (the record an
 * encrypted hub publishes for its programme, read back) cannot say: their
 * rows have no sessions.
 */
struct mj_prog_known {
	struct mj_prog_counts months; /* held, missed, minutes (value) per month */
	double median_gap_days;       /* -1: none */
	size_t gaps;                  /* how many gaps between held sessions
				       * that median is of */
	size_t closed_complete;       /* relationships closed with a complete
				       * closing session */
};
void mj_prog_known_free(struct mj_prog_known *known);

/*
 * The figures of rows and of journals known by their figures alone: their
 * months added, their closing sessions counted, and each of their gaps
 * between sessions taken as their median (exact for one such journal
 * alone, the nearest its figures allow beside others).
 */
void mj_prog_figures_with(const struct mj_prog_row *rows, size_t n,
			  const struct mj_prog_known *known, size_t n_known,
			  struct mj_prog_figures *out);
void mj_prog_figures_free(struct mj_prog_figures *figures);

#endif
