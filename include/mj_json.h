/*
 * mj_json.h - the JSON forms of mjournal's data, written with jansson.
 *
 * Field names are part of mjournal's interface (SPEC section 4); fields may
 * be added, never renamed.  Each printer writes one document and a newline
 * and returns 0, or -1 when it could not.  Text that is not UTF-8 (a file
 * name, say) is written with U+FFFD for each bad byte, and a warning on
 * stderr says how many bytes were replaced.
 */
#ifndef MJ_JSON_H
#define MJ_JSON_H

#include "mj_diag.h"
#include "mj_stats.h"

#include <stdio.h>

/* The bytes replaced by U+FFFD in the last document printed. */
size_t mj_json_replaced_bytes(void);

/* [{"file", "line", "column", "level", "rule", "message"}] */
int mj_json_print_diags(FILE *out, const struct mj_diags *diags);

struct mj_status_row {
	struct mj_relationship rel; /* its name and agreement, no notes */
	struct mj_stats stats;
	size_t errors, warnings;
};

/*
 * {"journal", "today", "relationships": [{"slug", "mentor", "mentees",
 * "type", "status", "stage", "held", "missed", "last_met", "next_due",
 * "next_planned", "started", "ends", "overdue", "open_actions", "overdue_actions", "errors", "warnings",
 * "hours"}], "uncommitted": [...], "private": [...], "bad_names": [...]}
 * (bad_names: files mjournal never commits for their name, a control
 * character in it)
 */
int mj_json_print_status(FILE *out, const char *journal, mj_date today,
			 const struct mj_status_row *rows, size_t n,
			 const struct mj_strvec *uncommitted,
			 const struct mj_strvec *private_files,
			 const struct mj_strvec *bad_names);

struct mj_action_row;
/*
 * [{"slug", "file", "line", "state", "owner", "due", "text", "overdue",
 * "first_file", "first_line", "mentions"}]: file and line say where the
 * action was last written, which decides its state.
 */
int mj_json_print_actions(FILE *out, const struct mj_action_row *rows, size_t n);

struct mj_hours_row {
	const struct mj_relationship *rel;
	struct mj_hours hours;
};

/*
 * {"total_hours", "total_sessions", "total_mentees", "since", "until",
 * "relationships": [{"slug", "type", "hours", "sessions", "mentees"}]}
 */
int mj_json_print_hours(FILE *out, const struct mj_hours_row *rows, size_t n,
			mj_date since, mj_date until, int total_mentees);

struct mj_agenda;
/* {"today", "items": [{"date", "kind", "slug", "planned", "late", "owner",
 * "text"}]} */
int mj_json_print_agenda(FILE *out, const struct mj_agenda *agenda, mj_date today);

struct mj_prog_row;
struct mj_prog_figures;
struct mj_prog_source;
/*
 * {"today", "sources": [{"source", "journal", "error", "same_as",
 * "fetched"}], "relationships": [...], "figures": {...}}: see the man
 * page, programme.
 */
int mj_json_print_programme(FILE *out, mj_date today,
			    const struct mj_prog_source *sources, size_t n_sources,
			    const struct mj_prog_row *rows, size_t n,
			    const struct mj_prog_figures *figures);

struct mj_prog_rows;
struct mj_prog_known;
/*
 * Reads back one journal's document of mj_json_print_programme (the
 * figures an encrypted hub publishes for its programme): its rows,
 * appended to rows, and what they cannot say (months, the median gap,
 * closing sessions) into known; *journal (caller frees; NULL when it has
 * no rows and names no journal) and *today, the day the figures are of.
 * Every field is checked: -1, nothing appended, when one is missing or
 * of another kind.
 */
int mj_json_read_programme(const char *text, size_t len,
			   struct mj_prog_rows *rows, struct mj_prog_known *known,
			   char **journal, mj_date *today);

#endif
