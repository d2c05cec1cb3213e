/*
 * mj_agenda.h - what is coming, for every active relationship: meetings
 * (agreed with next:, else due by cadence), actions due, review points and
 * term ends.  Pure: built from the model and today's date.  Private notes
 * give nothing: an agenda is shared, and a calendar feed even more so.
 */
#ifndef MJ_AGENDA_H
#define MJ_AGENDA_H

#include "mj_model.h"

enum mj_agenda_kind {
	MJ_AGENDA_MEETING,
	MJ_AGENDA_ACTION,
	MJ_AGENDA_REVIEW,
	MJ_AGENDA_TERM_END,
};

struct mj_agenda_item {
	mj_date date;
	enum mj_agenda_kind kind;
	char *slug;
	bool planned;  /* a meeting agreed in a note (next:), not the cadence's */
	bool late;     /* its day has passed and it is still to do */
	char *owner;   /* an action's owner, or NULL */
	char *text;    /* what: an action's text; for the others a short phrase */
	char *key;     /* the item within its relationship, stable from run to
			* run: "meeting", "review", "ends", "action:<key>" */
};

struct mj_agenda {
	struct mj_agenda_item *items; /* soonest first */
	size_t len;
	size_t cap;
};

#define MJ_AGENDA_INIT { NULL, 0, 0 }

void mj_agenda_build(const struct mj_journal *journal, mj_date today,
		     struct mj_agenda *out);
/* The same a relationship at a time: rel's items appended to out (none
 * unless it is active), then the agendas of several joined (the items of
 * from moved to the end of to), then sorted, soonest first. */
void mj_agenda_add(const struct mj_relationship *rel, mj_date today,
		   struct mj_agenda *out);
void mj_agenda_join(struct mj_agenda *to, struct mj_agenda *from);
void mj_agenda_sort(struct mj_agenda *agenda);
void mj_agenda_free(struct mj_agenda *agenda);
/* "meeting", "action", "review", "term-end" */
const char *mj_agenda_kind_name(enum mj_agenda_kind kind);

/*
 * An iCalendar feed (RFC 5545) of the items dated today or later: all-day
 * events whose UIDs derive from journal_id, the slug and the item's key.
 * Its text (summaries, the calendar's name) holds no control character
 * but TAB: RFC 5545 forbids them, and C1 controls are left out too.
 * Caller frees; NULL, with *why saying why (caller frees), when libical
 * cannot be loaded or fails.
 */
char *mj_agenda_ics(const struct mj_agenda *agenda, const char *journal_id,
		    const char *calendar_name, mj_date today, char **why);

#endif
