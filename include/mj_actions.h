/*
 * mj_actions.h - an action across the notes that mention it.
 *
 * An action agreed in one session is reviewed in the next: the same line
 * comes back, ticked or not.  An action is one action wherever it is
 * written, known by its owner and its text read loosely (case, spacing,
 * trailing punctuation and a trailing remark in brackets aside, so that
 * "[-] Sam: read the book (not needed)" drops "Sam: read the book"; its
 * due date may change), and the latest
 * note that mentions it decides its state and due date.  Pure: computed
 * from the model.
 */
#ifndef MJ_ACTIONS_H
#define MJ_ACTIONS_H

#include "mj_model.h"

struct mj_tracked_action {
	const struct mj_action *action;   /* the latest mention */
	const struct mj_note *note;       /* the note of the latest mention */
	const struct mj_note *first_note; /* where it was first written */
	int first_line;
	int mentions;
};

struct mj_action_list {
	struct mj_tracked_action *items; /* in the order first written */
	size_t len;
	size_t cap;
};

#define MJ_ACTION_LIST_INIT { NULL, 0, 0 }

/* The actions of rel's notes, each once. */
void mj_actions_track(const struct mj_relationship *rel,
		      struct mj_action_list *out);
void mj_action_list_free(struct mj_action_list *list);

/* Is the tracked action open and past its due date on day today. */
bool mj_action_is_late(const struct mj_action *action, mj_date today);

/*
 * An action as actions lists it: a copy of its latest mention and of the
 * names of the notes that hold it, so that the relationship it was read
 * from can be let go (mj_journal_visit).
 */
struct mj_action_row {
	char *slug;
	char *file;               /* the note where it was last written */
	struct mj_action action;  /* that mention */
	bool overdue;
	char *first_file;         /* the note where it was first written */
	mj_date since;            /* that note's day */
	int first_line;
	int mentions;             /* notes and lines that hold it */
};
void mj_action_row_make(struct mj_action_row *row, const char *slug,
			const struct mj_tracked_action *t, mj_date today);
void mj_action_row_free(struct mj_action_row *row);

/*
 * The key two mentions of one action share: the owner and the text in
 * lower case, runs of white space as one space, trailing punctuation and
 * a trailing remark in brackets off (never the whole text).
 * Caller frees.
 */
char *mj_action_key(const char *owner, const char *text);
/* The hash of that key: struct mj_action's id, kept in the cache so that
 * actions are told apart without their text. */
uint64_t mj_action_id(const char *owner, const char *text);

/* An action as a Markdown list item: "- [ ] Sam: text (due D)", no newline. */
char *mj_action_line(const struct mj_action *action, enum mj_action_state state);

/* Does pattern occur in "owner: text", without regard to case. */
bool mj_action_matches(const struct mj_action *action, const char *pattern);

/*
 * A note's text with the box of the action item on line (any box
 * mj_markdown_box_state reads) set to state ([x], [-] or [ ]), every other
 * byte kept; NULL when that line has no box.
 */
char *mj_note_set_box(const char *text, size_t len, int line,
		      enum mj_action_state state, size_t *out_len);

/*
 * The line mj_action_line makes in state, from source, an action item as
 * its note holds it (mj_note_item_source): its owner, text and due date
 * as written, so that what a CommonMark entity stands for (&#27; is ESC)
 * is never written in its place; an open action carried open keeps a box
 * of in progress ([/]), important ([!]) or a question ([?]).  NULL when
 * source is not an action.
 * Caller frees.
 */
char *mj_action_line_of_source(const char *source, enum mj_action_state state);

/*
 * A note's text with item (one line, no newline) added at the end of its
 * "## Actions" section, whose heading is on heading_line (0: the note has
 * none, and the section is added at the end).  Caller frees.
 */
char *mj_note_add_item(const char *text, size_t len, int heading_line,
		       const char *item, size_t *out_len);

#endif
