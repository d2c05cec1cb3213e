/*
 * mj_closure.h - closing a relationship, worked out before anything is
 * written: the closing criteria, the files the closure writes (and what
 * to put back if writing fails), the commit and the tag.
 *
 * Planning is pure: the relationship, the files' current texts and a
 * source for the notes in; a plan out.  cmd_close.c carries it out; only
 * mj_closure_undo touches the disk.
 */
#ifndef MJ_CLOSURE_H
#define MJ_CLOSURE_H

#include "mj_journal.h"

struct mj_closure_request {
	mj_date date;        /* the closing day */
	mj_date today;
	bool early;          /* ended early, without fault */
	const char *reason;  /* why it ended early; NULL otherwise */
};

/* A file of the relationship that differs from the last commit. */
struct mj_pending {
	const char *path;    /* relative to the journal root */
	const char *what;    /* "modified", "new", ... */
};

/*
 * Adds to unmet every reason rel cannot close as asked, as errors with
 * rule "close" or the validator's rules: check errors (unless early), a
 * closing date before started, a note other than follow-up after it, a
 * pending (uncommitted) file.  Sorted by file and line.
 */
void mj_closure_criteria(const struct mj_relationship *rel,
			 const struct mj_closure_request *req,
			 const struct mj_pending *pending, size_t n_pending,
			 struct mj_diags *unmet);

/* A file the closure writes: its new text, and the old one to restore. */
struct mj_closure_file {
	char *path;          /* relative to the journal root */
	char *text;
	size_t len;
	char *old;           /* NULL: the file did not exist (remove it to undo) */
	size_t old_len;
};

struct mj_closure_plan {
	/* summary.md, then agreement.ini: written in this order, so that the
	 * agreement, which says closed, is never there without its summary
	 * (a closure killed between them is done again, not finished) */
	struct mj_closure_file files[2];
	char *message;       /* the commit message */
	char *tag;           /* SLUG/closed */
	char *tag_message;
};

/*
 * Plans the closure of rel: agreement.ini (old text given) with status and
 * closed set, every other byte kept; summary.md (old text, or NULL) built
 * from the notes read from src.  rel's status and closed date are set as
 * closed, for the summary.  Returns -1 when the agreement has no
 * [relationship] section.
 */
int mj_closure_plan(struct mj_closure_plan *out, struct mj_relationship *rel,
		    const char *agreement, size_t agreement_len,
		    const char *summary, size_t summary_len,
		    const struct mj_source *src,
		    const struct mj_closure_request *req);
void mj_closure_plan_free(struct mj_closure_plan *plan);
/* Puts the plan's files under root back as they were before it. */
void mj_closure_undo(const char *root, const struct mj_closure_plan *plan);

/*
 * Does the SLUG/closed tag of a relationship with agreement a name a
 * closure that reopen undid (the relationship is active, and was
 * reopened)?  Such a tag goes: close replaces it, sync removes it.
 */
bool mj_closure_tag_is_stale(const struct mj_agreement *a);

/* The commit message and tag message of a closure on date (YYYY-MM-DD). */
void mj_closure_texts(const char *slug, bool early, const char *reason,
		      const char *date, char **message, char **tag_message);

#endif
