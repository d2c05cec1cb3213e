/*
 * mj_model.h - the journal as mjournal's own types.
 *
 * Parsing turns bytes into these structures plus diagnostics; it never
 * prints and never touches the disk, so every parser is a pure function of
 * its input and can be tested in memory.  Loading (mj_journal.h) finds the
 * bytes; validation (mj_validate.h) reads these structures.
 */
#ifndef MJ_MODEL_H
#define MJ_MODEL_H

#include "mj_date.h"
#include "mj_diag.h"
#include "mj_stamp.h"
#include "mj_util.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MJ_FILE_SIZE_LIMIT (4u * 1024 * 1024)

/* A value read from a file, with the lines it came from (0: absent). */
struct mj_field {
	char *text; /* NULL when absent */
	int line;     /* the key's */
	int end_line; /* the last continuation line's (line when none) */
};

enum mj_type { MJ_TYPE_ONE_TO_ONE, MJ_TYPE_GROUP, MJ_TYPE_PEER, MJ_TYPE_REVERSE };
enum mj_model_kind { MJ_MODEL_DEVELOPMENTAL, MJ_MODEL_SPONSORSHIP };
enum mj_status { MJ_STATUS_ACTIVE, MJ_STATUS_CLOSED, MJ_STATUS_ENDED_EARLY };

struct mj_agreement {
	bool present;      /* the file exists */
	bool parsed;       /* it parsed without a refused line */
	struct mj_field mentor;
	struct mj_field *mentees;
	size_t n_mentees;
	struct mj_field *goals;
	size_t n_goals;
	struct mj_field type, model, started, ends, cadence, status, closed;
	struct mj_field reopened; /* the day of the last reopening, if any */
	struct mj_field confidentiality, no_fault_exit, review;
	struct mj_field signed_mentor, signed_mentee;
	/* interpreted values; MJ_DATE_NONE / defaults when absent or bad */
	enum mj_type type_value;
	enum mj_model_kind model_value;
	enum mj_status status_value;
	mj_date started_date, ends_date, closed_date, review_date;
	mj_date reopened_date;
	mj_date signed_mentor_date, signed_mentee_date;
	int cadence_days; /* 0 when absent or bad */
	int relationship_end_line; /* last line of the [relationship] entries
				      that have a name */
	uint64_t text_hash; /* mj_hash of the file's bytes; 0 when absent */
};

enum mj_stage {
	MJ_STAGE_NONE = -1,
	MJ_STAGE_PREPARING,
	MJ_STAGE_NEGOTIATING,
	MJ_STAGE_ENABLING,
	MJ_STAGE_CLOSING,
	MJ_STAGE_FOLLOW_UP,
};

enum mj_attendance {
	MJ_ATTENDANCE_NONE = -1, /* a reflection, no meeting */
	MJ_ATTENDANCE_HELD,
	MJ_ATTENDANCE_NO_SHOW,
	MJ_ATTENDANCE_RESCHEDULED,
	MJ_ATTENDANCE_CANCELLED,
};

enum mj_section {
	MJ_SECTION_GOALS,
	MJ_SECTION_ACTIONS,
	MJ_SECTION_FEEDBACK,
	MJ_SECTION_LEARNING,
	MJ_SECTION_OUTCOMES,
	MJ_SECTION_NEXT,
	MJ_SECTION_COUNT,
};

enum mj_action_state { MJ_ACTION_OPEN, MJ_ACTION_DONE, MJ_ACTION_DROPPED };

struct mj_action {
	enum mj_action_state state;
	char *owner; /* NULL when the item names none */
	mj_date due; /* MJ_DATE_NONE when the item has none */
	char *text;  /* the item's text without the box, owner and due */
	int line;
	uint64_t id; /* which action it is (mj_action_id, mj_actions.h) */
};

/*
 * A line of words inside a comment (<!-- ... -->) under a section's
 * heading when the section holds no words outside one: what a template
 * wrote there (the goals to review, in the closing one), or words written
 * inside the comment by mistake.  The comment's first line is not one.
 */
struct mj_comment_line {
	enum mj_section section;
	int line;
	uint64_t key; /* mj_markdown_comment_key of the line's words */
};

#define MJ_COMMENT_LINES 64 /* a note keeps no more of them */

/*
 * The format of a parsed note or agreement, the key of the cache of
 * parsed files (with the sizes of the structures below).  Bump it
 * whenever what the note or agreement parser finds or how either is
 * serialized changes: a new field, another reading of a key, another
 * diagnostic's words.  tests/unit/test_cache.c holds a parsed note's and
 * a parsed agreement's serialization as a golden file named after this
 * number (tests/golden/note-format-N.hex) and fails when the parsers'
 * output moves without a new number, so a cache from an older build can
 * never hand back old answers.
 */
#define MJ_NOTE_FORMAT 10

struct mj_note {
	bool has_stamp;   /* read from the work tree: stamp is the file's */
	struct mj_stamp stamp;
	char *file;       /* path relative to the journal root */
	char *name;       /* base name */
	bool is_private;  /* *.private.md, or private: true */
	bool name_ok;     /* YYYY-MM-DD[-words].md with a real date */
	mj_date name_date;
	bool has_front_matter;
	mj_date date;     /* front matter date, MJ_DATE_NONE when absent/bad */
	int date_line;
	enum mj_stage stage;
	int stage_line;
	enum mj_attendance attendance;
	int attendance_line;
	int duration_minutes; /* 0 when absent or bad */
	int duration_line;
	mj_date next;     /* next: the day agreed for the next meeting */
	int next_line;
	struct mj_strvec absent;
	char *title;      /* front matter title, else the first heading; or NULL */
	unsigned sections; /* bit (1u << enum mj_section) per section present */
	int section_line[MJ_SECTION_COUNT];
	struct mj_action *actions;
	size_t n_actions;
	struct mj_comment_line *comment_lines; /* at most MJ_COMMENT_LINES */
	size_t n_comment_lines;
	int conflict_line; /* first merge conflict marker line, 0 when none */
	struct mj_diags diags; /* problems found while parsing */
};

struct mj_relationship {
	char *slug;
	struct mj_agreement agreement;
	struct mj_note *notes; /* in date order, then file name order */
	size_t n_notes;
	size_t cap_notes;
	struct mj_diags diags; /* problems found while loading or parsing */
	/* agreement.ini's stamp, when it was read whole from a listed
	 * folder: its parse may then be cached (mj_cache.h) */
	bool agreement_stamped;
	struct mj_stamp agreement_stamp;
};

struct mj_config {
	struct mj_field name, owner;
	/* [programme] key: the GPG key of the programme's managers, to which
	 * a push to an encrypted remote encrypts the journal's figures */
	struct mj_field programme_key;
	bool autocommit;
	struct mj_strvec allow_keys; /* [notes] allow-keys: front matter keys
				      * of the journal's own, never warned of */
};

struct mj_walk;

struct mj_journal {
	char *root;      /* absolute path of the folder holding mjournal.ini */
	struct mj_config config;
	struct mj_relationship *relationships; /* in slug order */
	size_t n_relationships;
	size_t cap_relationships;
	struct mj_diags diags; /* about mjournal.ini and the journal's folders */
	/* the work tree's folders as the loader listed them (mj_fs.h), for
	 * git's status to compare with git's index; NULL when not read from
	 * the work tree */
	struct mj_walk *walk;
};

/* Names as written in files; NULL for out-of-range values. */
const char *mj_stage_name(enum mj_stage stage);
enum mj_stage mj_stage_from_name(const char *name);
const char *mj_attendance_name(enum mj_attendance attendance);
enum mj_attendance mj_attendance_from_name(const char *name);
const char *mj_type_name(enum mj_type type);
int mj_type_from_name(const char *name);
const char *mj_model_name(enum mj_model_kind model);
int mj_model_from_name(const char *name);
const char *mj_status_name(enum mj_status status);
int mj_status_from_name(const char *name);
const char *mj_section_name(enum mj_section section);
const char *mj_action_state_name(enum mj_action_state state);

/*
 * The name part of "Name <email>" (or the whole text), copied into buf of
 * size bytes; returns buf.
 */
char *mj_person_name(const char *person, char *buf, size_t size);

/*
 * Does given (an action's owner, a name in absent:) name the person name:
 * the same name, or one is the other's first name ("Sam" and "Sam Roe"),
 * ignoring case.
 */
bool mj_person_matches(const char *given, const char *name);

/* agreement.c: interprets agreement.ini text; diagnostics go to diags. */
void mj_agreement_parse(struct mj_agreement *out, const char *text, size_t len,
			const char *file, struct mj_diags *diags);
void mj_agreement_free(struct mj_agreement *agreement);
/* The agreement's fields that hold one value (all but mentees and
 * goals), in a fixed order, into out. */
#define MJ_AGREEMENT_SINGLES 14
void mj_agreement_singles(struct mj_agreement *agreement,
			  struct mj_field *out[MJ_AGREEMENT_SINGLES]);
/* No agreement: nothing present, every date MJ_DATE_NONE. */
void mj_agreement_clear(struct mj_agreement *agreement);
/*
 * The agreement text with status and closed set to the given values, every
 * other byte kept: values are replaced in place (spacing and comments
 * stay; the continuation lines of a replaced value go with it), and a
 * missing key is added after status (else after the [relationship]
 * entries), so that the text reads back with the values set and every
 * other key as it was.  Returns NULL when it cannot be edited so: no
 * [relationship] entries, or a changed line would be longer than the
 * reader takes (MJ_INI_LINE_MAX).  Caller frees.
 */
/* Why, for a person, after the file's name. */
#define MJ_AGREEMENT_UNEDITABLE "cannot be edited in place: it has no " \
	"[relationship] entries, or a line the edit changes would be longer " \
	"than an INI line may be (shorten that line's comment)"
char *mj_agreement_set_closed(const char *text, size_t len,
			      const struct mj_agreement *agreement,
			      const char *status, const char *closed,
			      size_t *out_len);

/* A value mj_agreement_edit sets: field is the agreement's (line 0: the
 * key is absent, and added as key = value). */
struct mj_agreement_change {
	const struct mj_field *field;
	const char *key;
	const char *value;
};

/*
 * The agreement text with each change made, every other byte kept, as
 * mj_agreement_set_closed does it; NULL as it says.
 */
char *mj_agreement_edit(const char *text, size_t len,
			const struct mj_agreement *agreement,
			const struct mj_agreement_change *changes, size_t n,
			size_t *out_len);

/* The date of the later signature, or MJ_DATE_NONE unless both signed. */
mj_date mj_agreement_signed_date(const struct mj_agreement *agreement);

/* config.c: interprets mjournal.ini text. */
void mj_config_parse(struct mj_config *out, const char *text, size_t len,
		     const char *file, struct mj_diags *diags);
void mj_config_free(struct mj_config *config);

/*
 * note.c: parses one session note.  file is the path relative to the
 * journal root and name its base name; the note's own problems go to
 * out->diags.
 */
void mj_note_parse(struct mj_note *out, const char *file, const char *name,
		   const char *text, size_t len);
/* A note for a file that was not read (too large): name checks only. */
void mj_note_init_unread(struct mj_note *out, const char *file, const char *name);
void mj_note_free(struct mj_note *note);
/*
 * The source of the action item that starts on line of a note's text (as
 * mj_note_parse numbers lines): what its author wrote, entities such as
 * &#27; kept as they are, never the text CommonMark decodes them to; NULL
 * when no item starts there.  Caller frees.
 */
char *mj_note_item_source(const char *text, size_t len, int line);
/*
 * Reports git's conflict markers (lines starting <<<<<<< or >>>>>>>) left in
 * text; returns the first one's line, or 0 when there are none.
 */
int mj_check_conflict_markers(const char *text, size_t len, const char *file,
			      struct mj_diags *diags);
/*
 * Is the base name a file a merge leaves beside the one it could not merge
 * (NAME~HEAD, NAME~main) or a merge tool's copy (.orig, .rej).
 */
bool mj_name_is_merge_leftover(const char *name);
/*
 * Is the base name a file an editor keeps beside the one it edits: vim's
 * swap files (.NAME.swp, .swo, ...) and its write test (4913), emacs's
 * autosave (#NAME#) and lock (.#NAME), backups (NAME~), Kate's swap,
 * LibreOffice's lock (.~lock.NAME#), JetBrains' safe-write copies.  Such a
 * file is never committed, never counts as a change and never blocks a
 * sync; one of a private note is private (its name holds .private.md).
 */
bool mj_name_is_by_product(const char *name);
/*
 * Is the note private, failing closed: by its name, by its front matter's
 * private key (any case; true, yes, on; a value that is neither true nor
 * false), or, when the note cannot be read (NULL text, a bad encoding,
 * front matter that does not parse), when a line of its head looks like a
 * private key.  The one predicate: the git side (status, commit, push)
 * and the readers (summary, report) all decide by it.
 */
bool mj_note_text_is_private(const char *name, const char *text, size_t len);
/* Does the base name say private: it holds .private.md (a private note,
 * and an editor's swap file or backup of one). */
bool mj_note_name_is_private(const char *name);
/* Does name have the YYYY-MM-DD[-words].md shape; *date gets its date. */
bool mj_note_name_parse(const char *name, mj_date *date);

/* model.c: relationships as ordered note lists */
void mj_relationship_init(struct mj_relationship *rel, const char *slug);
/* Appends a parsed note (taking ownership of its contents). */
void mj_relationship_add_note(struct mj_relationship *rel, struct mj_note *note);
/* Orders the notes by date, then stage, then file name. */
void mj_relationship_sort(struct mj_relationship *rel);
void mj_relationship_free(struct mj_relationship *rel);
/* Moves rel's name and agreement to out, which holds no notes: what a
 * command keeps of a relationship it reads once (mj_journal_visit).
 * Freed with mj_relationship_free, as rel still is. */
void mj_relationship_take_head(struct mj_relationship *rel,
			       struct mj_relationship *out);
/*
 * A view of rel without its private notes (all notes when with_private):
 * *view shares everything with rel, its notes array too unless it leaves
 * a note out; the caller frees it with mj_relationship_view_free (never
 * mj_relationship_free), before rel.
 */
void mj_relationship_view(const struct mj_relationship *rel, bool with_private,
			  struct mj_relationship *view);
void mj_relationship_view_free(struct mj_relationship *view);
/* The date a note belongs to: front matter date, else its name's date. */
mj_date mj_note_effective_date(const struct mj_note *note);

#endif
