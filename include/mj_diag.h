/*
 * mj_diag.h - diagnostics about the user's files, as data.
 *
 * Parsers and the validator add diagnostics to a list; only commands print
 * them, in GCC's "file:line:column: level: message [rule]" form or as JSON.
 */
#ifndef MJ_DIAG_H
#define MJ_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

enum mj_level {
	MJ_LEVEL_INFO,
	MJ_LEVEL_WARNING,
	MJ_LEVEL_ERROR,
};

struct mj_diag {
	char *file;    /* relative to the journal root */
	int line;      /* 1-based; 0 when the problem has no line */
	int column;    /* 1-based; 0 when the problem has no column */
	enum mj_level level;
	const char *rule; /* stable rule id, a static string */
	char *message;
};

struct mj_diags {
	struct mj_diag *items;
	size_t len;
	size_t cap;
};

#define MJ_DIAGS_INIT { NULL, 0, 0 }

void mj_diags_add(struct mj_diags *diags, const char *file, int line,
		  int column, enum mj_level level, const char *rule,
		  const char *fmt, ...) __attribute__((format(printf, 7, 8)));
void mj_diags_vadd(struct mj_diags *diags, const char *file, int line,
		   int column, enum mj_level level, const char *rule,
		   const char *fmt, va_list ap);
/* Deep copy of every diagnostic of from appended to to. */
void mj_diags_copy(struct mj_diags *to, const struct mj_diags *from);
/* Sorts by file, then line, then column; keeps insertion order otherwise. */
void mj_diags_sort(struct mj_diags *diags);
size_t mj_diags_count(const struct mj_diags *diags, enum mj_level level);
void mj_diags_free(struct mj_diags *diags);

const char *mj_level_name(enum mj_level level);
/* The static rule id equal to name, or NULL when there is no such rule. */
const char *mj_rule_intern(const char *name);
/* Prints one diagnostic, GCC style; colour when color is non-zero. */
void mj_diag_print(FILE *out, const struct mj_diag *diag, int color);

/* The rule ids of SPEC section 3, and the few mjournal adds. */
#define MJ_RULE_AGREEMENT_MISSING "agreement-missing"
#define MJ_RULE_AGREEMENT_SYNTAX "agreement-syntax"
#define MJ_RULE_AGREEMENT_FIELD "agreement-field"
#define MJ_RULE_NOTE_NAME "note-name"
#define MJ_RULE_NOTE_FRONT_MATTER "note-front-matter"
#define MJ_RULE_NOTE_DATE "note-date"
#define MJ_RULE_NOTE_ENCODING "note-encoding"
#define MJ_RULE_STAGE_ORDER "stage-order"
#define MJ_RULE_STAGE_SKIPPED "stage-skipped"
#define MJ_RULE_AGREEMENT_UNSIGNED "agreement-unsigned"
#define MJ_RULE_FILE_TOO_LARGE "file-too-large"
#define MJ_RULE_DURATION_MISSING "duration-missing"
#define MJ_RULE_CLOSING_INCOMPLETE "closing-incomplete"
#define MJ_RULE_AFTER_CLOSURE "after-closure"
#define MJ_RULE_FEEDBACK_MISSING "feedback-missing"
#define MJ_RULE_NO_SHOWS "no-shows"
#define MJ_RULE_QUIET "quiet"
#define MJ_RULE_TERM_OVER "term-over"
#define MJ_RULE_ACTION_OVERDUE "action-overdue"
#define MJ_RULE_ACTION_SYNTAX "action-syntax"
#define MJ_RULE_PRIVATE_TRACKED "private-tracked"
#define MJ_RULE_MJOURNAL_TRACKED "mjournal-tracked"
#define MJ_RULE_CONFLICT_MARKERS "conflict-markers"
#define MJ_RULE_MERGE_LEFTOVER "merge-leftover"
#define MJ_RULE_FILE_ENCODING "file-encoding"
#define MJ_RULE_JOURNAL_CONFIG "journal-config"
#define MJ_RULE_RELATIONSHIP_NAME "relationship-name"
#define MJ_RULE_SYMLINK "symlink"
#define MJ_RULE_NOT_A_FILE "not-a-file"

#endif
