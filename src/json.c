/*
 * json.c - the JSON forms of mjournal's data.
 */
#include "mj_json.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* Bytes text_value replaced while the document being built was made. */
static size_t replaced, last_replaced;

/*
 * Prints value (which it frees) and a newline; -1 when it fails.  A
 * replaced byte is said on stderr, so that nobody takes U+FFFD for what the
 * file holds.
 */
static int print_value(FILE *out, json_t *value)
{
	int rc = value ? json_dumpf(value, out, JSON_INDENT(2) | JSON_ENSURE_ASCII) : -1;

	json_decref(value);
	if (rc == 0)
		fputc('\n', out);
	last_replaced = replaced;
	replaced = 0;
	if (last_replaced)
		fprintf(stderr, "mjournal: warning: %zu byte%s that %s not UTF-8 "
			"(in a file name or text) %s written as U+FFFD in the "
			"JSON\n", last_replaced, last_replaced == 1 ? "" : "s",
			last_replaced == 1 ? "is" : "are",
			last_replaced == 1 ? "is" : "are");
	return rc;
}

size_t mj_json_replaced_bytes(void)
{
	return last_replaced;
}

/* A date as "YYYY-MM-DD", or null. */
static json_t *date_value(mj_date d)
{
	char buf[MJ_DATE_TEXT_SIZE];
	return d == MJ_DATE_NONE ? json_null() : json_string(mj_date_format(d, buf));
}

/*
 * Text from the journal's files (paths, names, messages): valid UTF-8 as
 * JSON needs, each invalid byte replaced by U+FFFD, so an entry is never
 * dropped for one bad byte.
 */
static json_t *text_value(const char *s)
{
	struct mj_buf b = MJ_BUF_INIT;
	json_t *v;
	size_t bad;

	if (!s)
		return json_null();
	if (mj_utf8_is_valid(s, strlen(s), &bad))
		return json_string(s);
	mj_buf_adds(&b, "");
	while (*s) {
		size_t n = strlen(s);
		if (mj_utf8_is_valid(s, n, &bad)) {
			mj_buf_adds(&b, s);
			break;
		}
		mj_buf_add(&b, s, bad);
		mj_buf_adds(&b, "\xEF\xBF\xBD");
		replaced++;
		s += bad + 1;
	}
	v = json_string(b.ptr);
	mj_buf_free(&b);
	return v;
}

/* Hours as a number with two decimals at most. */
static json_t *hours_value(int minutes)
{
	return json_real((double)((minutes * 100 + 30) / 60) / 100.0);
}

static json_t *string_list(const struct mj_strvec *v)
{
	json_t *list = json_array();
	for (size_t i = 0; v && i < v->len; i++)
		json_array_append_new(list, text_value(v->items[i]));
	return list;
}

int mj_json_print_diags(FILE *out, const struct mj_diags *diags)
{
	json_t *list = json_array();

	for (size_t i = 0; i < diags->len; i++) {
		const struct mj_diag *d = &diags->items[i];
		json_array_append_new(list, json_pack("{s:o, s:i, s:i, s:s, s:s, s:o}",
			"file", text_value(d->file), "line", d->line,
			"column", d->column, "level", mj_level_name(d->level),
			"rule", d->rule, "message", text_value(d->message)));
	}
	return print_value(out, list);
}

static json_t *status_object(const struct mj_status_row *row)
{
	const struct mj_relationship *rel = row->rel;
	const struct mj_agreement *a = &rel->agreement;
	const struct mj_stats *s = &row->stats;
	json_t *mentees = json_array();

	for (size_t i = 0; i < a->n_mentees; i++)
		json_array_append_new(mentees, text_value(a->mentees[i].text));
	return json_pack("{s:s, s:o, s:o, s:o, s:o, s:s, s:i, s:i, s:o, s:o, "
			 "s:b, s:o, s:o, s:b, s:i, s:i, s:i, s:i, s:o}",
		"slug", rel->slug,
		"mentor", text_value(a->mentor.text),
		"mentees", mentees,
		"type", a->present ? json_string(mj_type_name(a->type_value)) : json_null(),
		"status", a->present ? json_string(mj_status_name(a->status_value)) : json_null(),
		"stage", mj_stage_name(s->stage),
		"held", s->held, "missed", s->missed,
		"last_met", date_value(s->last_met),
		"next_due", date_value(s->next_due),
		"next_planned", s->next_planned,
		"started", date_value(a->started_date),
		"ends", date_value(a->ends_date),
		"overdue", s->overdue,
		"open_actions", s->open_actions,
		"overdue_actions", s->overdue_actions,
		"errors", (int)row->errors, "warnings", (int)row->warnings,
		"hours", hours_value(s->minutes));
}

int mj_json_print_status(FILE *out, const char *journal, mj_date today,
			 const struct mj_status_row *rows, size_t n,
			 const struct mj_strvec *uncommitted,
			 const struct mj_strvec *private_files)
{
	json_t *list = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, status_object(&rows[i]));
	return print_value(out, json_pack("{s:o, s:o, s:o, s:o, s:o}",
		"journal", text_value(journal), "today", date_value(today),
		"relationships", list, "uncommitted", string_list(uncommitted),
		"private", string_list(private_files)));
}

int mj_json_print_actions(FILE *out, const struct mj_action_row *rows, size_t n)
{
	json_t *list = json_array();

	for (size_t i = 0; i < n; i++) {
		const struct mj_action *a = rows[i].action;
		json_array_append_new(list, json_pack("{s:s, s:o, s:i, s:s, s:o, s:o, "
						      "s:o, s:b, s:o, s:i, s:i}",
			"slug", rows[i].slug, "file", text_value(rows[i].note->file),
			"line", a->line, "state", mj_action_state_name(a->state),
			"owner", text_value(a->owner), "due", date_value(a->due),
			"text", text_value(a->text), "overdue", rows[i].overdue,
			"first_file", text_value(rows[i].first_note->file),
			"first_line", rows[i].first_line,
			"mentions", rows[i].mentions));
	}
	return print_value(out, list);
}

int mj_json_print_hours(FILE *out, const struct mj_hours_row *rows, size_t n,
			mj_date since, mj_date until, int total_mentees)
{
	json_t *list = json_array();
	int minutes = 0, sessions = 0;

	for (size_t i = 0; i < n; i++) {
		const struct mj_hours *h = &rows[i].hours;
		const struct mj_agreement *a = &rows[i].rel->agreement;
		minutes += h->minutes;
		sessions += h->sessions;
		json_array_append_new(list, json_pack("{s:s, s:o, s:o, s:i, s:i}",
			"slug", rows[i].rel->slug,
			"type", a->present ? json_string(mj_type_name(a->type_value)) : json_null(),
			"hours", hours_value(h->minutes), "sessions", h->sessions,
			"mentees", (int)h->mentees.len));
	}
	return print_value(out, json_pack("{s:o, s:i, s:i, s:o, s:o, s:o}",
		"total_hours", hours_value(minutes), "total_sessions", sessions,
		"total_mentees", total_mentees, "since", date_value(since),
		"until", date_value(until), "relationships", list));
}
