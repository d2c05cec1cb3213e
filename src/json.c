/*
 * json.c - the JSON forms of mjournal's data.
 */
#include "mj_json.h"
#include "mj_actions.h"
#include "mj_agenda.h"
#include "mj_programme.h"

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
	char *text = value ? json_dumps(value, JSON_INDENT(2) | JSON_ENSURE_ASCII) :
		     NULL;
	int rc = text ? 0 : -1;

	json_decref(value);
	/* jansson escapes every control but DEL: a raw 0x7F can only be in a
	 * string, where \u007F says the same without a control byte */
	for (const char *p = text; p && *p;) {
		size_t n = strcspn(p, "\x7F");
		fwrite(p, 1, n, out);
		p += n;
		if (*p) {
			fputs("\\u007F", out);
			p++;
		}
	}
	free(text);
	if (rc == 0)
		fputc('\n', out);
	last_replaced = replaced;
	replaced = 0;
	if (last_replaced)
		fprintf(stderr, "mjournal: warning: %zu byte%s not UTF-8 shown as "
			"U+FFFD in the JSON\n",
			last_replaced, last_replaced == 1 ? "" : "s");
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
	const struct mj_relationship *rel = &row->rel;
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
			 const struct mj_strvec *private_files,
			 const struct mj_strvec *bad_names)
{
	json_t *list = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, status_object(&rows[i]));
	return print_value(out, json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}",
		"journal", text_value(journal), "today", date_value(today),
		"relationships", list, "uncommitted", string_list(uncommitted),
		"private", string_list(private_files),
		"bad_names", string_list(bad_names)));
}

int mj_json_print_actions(FILE *out, const struct mj_action_row *rows, size_t n)
{
	json_t *list = json_array();

	for (size_t i = 0; i < n; i++) {
		const struct mj_action *a = &rows[i].action;
		json_array_append_new(list, json_pack("{s:s, s:o, s:i, s:s, s:o, s:o, "
						      "s:o, s:b, s:o, s:i, s:i}",
			"slug", rows[i].slug, "file", text_value(rows[i].file),
			"line", a->line, "state", mj_action_state_name(a->state),
			"owner", text_value(a->owner), "due", date_value(a->due),
			"text", text_value(a->text), "overdue", rows[i].overdue,
			"first_file", text_value(rows[i].first_file),
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

int mj_json_print_agenda(FILE *out, const struct mj_agenda *agenda, mj_date today)
{
	json_t *items = json_array();

	for (size_t i = 0; i < agenda->len; i++) {
		const struct mj_agenda_item *it = &agenda->items[i];
		json_array_append_new(items, json_pack("{s:o, s:s, s:s, s:b, s:b, "
						       "s:o, s:o}",
			"date", date_value(it->date),
			"kind", mj_agenda_kind_name(it->kind), "slug", it->slug,
			"planned", it->planned, "late", it->late,
			"owner", text_value(it->owner), "text", text_value(it->text)));
	}
	return print_value(out, json_pack("{s:o, s:o}", "today", date_value(today),
					  "items", items));
}

static json_t *prog_row(const struct mj_prog_row *r)
{
	return json_pack("{s:o, s:s, s:o, s:o, s:s, s:s, s:s, s:o, s:o, s:o, s:i, "
			 "s:i, s:o, s:o, s:o, s:i, s:i, s:i, s:i, s:i, s:b, s:b, s:b, "
			 "s:b, s:o}",
		"journal", text_value(r->journal), "slug", r->slug,
		"mentor", text_value(r->mentor), "mentees", string_list(&r->mentees),
		"type", mj_type_name(r->type), "stage", mj_stage_name(r->stage),
		"status", mj_prog_status_name(r),
		"started", date_value(r->started), "ends", date_value(r->ends),
		"closed", date_value(r->closed),
		"held", r->held, "missed", r->missed,
		"hours", hours_value(r->minutes),
		"last_held", date_value(r->last_held),
		"next_due", date_value(r->next_due),
		"open_actions", r->open_actions, "late_actions", r->late_actions,
		"errors", r->errors, "warnings", r->warnings,
		"private_tracked", r->private_tracked,
		"overdue", r->overdue, "quiet", r->quiet, "term_over", r->term_over,
		"no_agreement", r->no_agreement, "fetched", date_value(r->fetched));
}

/* {"key": value...}; hours when minutes */
static json_t *prog_counts(const struct mj_prog_counts *c, bool minutes)
{
	json_t *o = json_object();

	for (size_t i = 0; i < c->len; i++)
		json_object_set_new(o, c->items[i].key, minutes ?
				    hours_value(c->items[i].value) :
				    json_integer(c->items[i].value));
	return o;
}

static json_t *share(size_t part, size_t whole)
{
	return whole ? json_real((double)((part * 1000 + whole / 2) / whole) / 1000.0) :
		       json_null();
}

int mj_json_print_programme(FILE *out, mj_date today,
			    const struct mj_prog_source *sources, size_t n_sources,
			    const struct mj_prog_row *rows, size_t n,
			    const struct mj_prog_figures *f)
{
	json_t *list = json_array(), *src = json_array(), *months = json_array();
	double median = f->median_gap_days;

	for (size_t i = 0; i < n_sources; i++) {
		const struct mj_prog_source *s = &sources[i];
		json_t *o = json_pack("{s:o, s:o, s:o, s:o, s:o}",
			"source", text_value(s->shown),
			"journal", s->journal ? text_value(s->journal) : json_null(),
			"error", s->error ? text_value(s->error) : json_null(),
			"same_as", s->same_as ? text_value(s->same_as) : json_null(),
			"fetched", date_value(s->fetched));
		json_array_append_new(src, o);
	}
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, prog_row(&rows[i]));
	for (size_t i = 0; i < f->months.len; i++)
		json_array_append_new(months, json_pack("{s:s, s:i, s:i, s:o}",
			"month", f->months.items[i].key,
			"held", f->months.items[i].held,
			"missed", f->months.items[i].missed,
			"hours", hours_value(f->months.items[i].value)));
	return print_value(out, json_pack("{s:o, s:o, s:o, s:{s:i, s:o, s:o, s:o, "
					  "s:o, s:i, s:i, s:o, s:o, s:o, s:o}}",
		"today", date_value(today), "sources", src, "relationships", list,
		"figures",
		"relationships", (int)f->relationships,
		"by_stage", prog_counts(&f->by_stage, false),
		"by_status", prog_counts(&f->by_status, false),
		"hours", hours_value(f->minutes),
		"hours_per_mentor", prog_counts(&f->mentor_minutes, true),
		"held", f->held, "missed", f->missed,
		"months", months,
		"median_days_between_sessions", median < 0 ? json_null() :
			median == (double)(long)median ? json_integer((long)median) :
			json_real(median),
		"share_ended_early", share(f->ended_early, f->ended),
		"share_closed_complete", share(f->closed_complete, f->closed)));
}

/* ---- reading back what mj_json_print_programme wrote ---- */

/* The string at key of o, or NULL when it is not one. */
static const char *string_at(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* A date at key: "YYYY-MM-DD" or null (MJ_DATE_NONE); false otherwise. */
static bool date_at(json_t *o, const char *key, mj_date *out)
{
	json_t *v = json_object_get(o, key);

	*out = MJ_DATE_NONE;
	if (json_is_null(v))
		return true;
	return json_is_string(v) && mj_date_parse_str(out, json_string_value(v)) == 0;
}

/* A count at key, 0 or more; false otherwise. */
static bool count_at(json_t *o, const char *key, int *out)
{
	json_t *v = json_object_get(o, key);

	*out = json_is_integer(v) ? (int)json_integer_value(v) : -1;
	return json_is_integer(v) && json_integer_value(v) >= 0 &&
	       json_integer_value(v) <= 100000000;
}

/* Hours at key (a number, two decimals) as minutes; false otherwise. */
static bool minutes_at(json_t *o, const char *key, int *out)
{
	json_t *v = json_object_get(o, key);
	double hours = json_number_value(v);

	*out = 0;
	if (!json_is_number(v) || hours < 0 || hours > 1e7)
		return false;
	*out = (int)(hours * 60 + 0.5);
	return true;
}

static bool flag_at(json_t *o, const char *key, bool *out)
{
	json_t *v = json_object_get(o, key);

	*out = json_is_true(v);
	return json_is_boolean(v);
}

/* One row of "relationships"; false when a field is missing or wrong. */
static bool read_prog_row(json_t *o, struct mj_prog_row *r)
{
	const char *journal = string_at(o, "journal"), *slug = string_at(o, "slug");
	const char *mentor = string_at(o, "mentor"), *status = string_at(o, "status");
	const char *type = string_at(o, "type"), *stage = string_at(o, "stage");
	json_t *mentees = json_object_get(o, "mentees"), *name;
	size_t i;
	bool ok;

	memset(r, 0, sizeof(*r));
	if (!json_is_object(o) || !journal || !slug || !mj_slug_is_valid(slug) ||
	    !mentor || !status || !type || !stage || !json_is_array(mentees) ||
	    json_array_size(mentees) > 1000)
		return false;
	r->journal = mj_xstrdup(journal);
	r->slug = mj_xstrdup(slug);
	r->mentor = mj_xstrdup(mentor);
	json_array_foreach(mentees, i, name) {
		if (!json_is_string(name))
			return false;
		mj_strvec_push(&r->mentees, json_string_value(name));
	}
	r->no_agreement = !strcmp(status, "none");
	r->status = (enum mj_status)(r->no_agreement ? MJ_STATUS_ACTIVE :
				     mj_status_from_name(status));
	r->type = (enum mj_type)mj_type_from_name(type);
	r->stage = mj_stage_from_name(stage);
	ok = (int)r->status >= 0 && (int)r->type >= 0 && r->stage != MJ_STAGE_NONE &&
	     date_at(o, "started", &r->started) && date_at(o, "ends", &r->ends) &&
	     date_at(o, "closed", &r->closed) &&
	     date_at(o, "last_held", &r->last_held) &&
	     date_at(o, "next_due", &r->next_due) &&
	     date_at(o, "fetched", &r->fetched) &&
	     count_at(o, "held", &r->held) && count_at(o, "missed", &r->missed) &&
	     minutes_at(o, "hours", &r->minutes) &&
	     count_at(o, "open_actions", &r->open_actions) &&
	     count_at(o, "late_actions", &r->late_actions) &&
	     count_at(o, "errors", &r->errors) &&
	     count_at(o, "warnings", &r->warnings) &&
	     count_at(o, "private_tracked", &r->private_tracked) &&
	     flag_at(o, "overdue", &r->overdue) && flag_at(o, "quiet", &r->quiet) &&
	     flag_at(o, "term_over", &r->term_over) &&
	     flag_at(o, "no_agreement", &r->no_agreement);
	r->sessions = mj_xcalloc(1, sizeof(*r->sessions));
	return ok;
}

/* "months" of "figures": [{"month", "held", "missed", "hours"}]. */
static bool read_months(json_t *list, struct mj_prog_counts *out)
{
	json_t *m;
	size_t i;

	if (!json_is_array(list) || json_array_size(list) > 100000)
		return false;
	json_array_foreach(list, i, m) {
		const char *month = string_at(m, "month");
		struct mj_prog_count c = { NULL, 0, 0, 0 };
		mj_date day;
		char first[16];

		if (!month || strlen(month) != 7 ||
		    (snprintf(first, sizeof(first), "%s-01", month),
		     mj_date_parse_str(&day, first) < 0) ||
		    !count_at(m, "held", &c.held) || !count_at(m, "missed", &c.missed) ||
		    !minutes_at(m, "hours", &c.value))
			return false;
		c.key = mj_xstrdup(month);
		mj_grow((void **)&out->items, &out->cap, out->len + 1,
			sizeof(*out->items));
		out->items[out->len++] = c;
	}
	return true;
}

int mj_json_read_programme(const char *text, size_t len,
			   struct mj_prog_rows *rows, struct mj_prog_known *known,
			   char **journal, mj_date *today)
{
	json_error_t error;
	json_t *doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &error);
	json_t *list = json_object_get(doc, "relationships"), *o;
	json_t *figures = json_object_get(doc, "figures");
	json_t *median = json_object_get(figures, "median_days_between_sessions");
	json_t *share = json_object_get(figures, "share_closed_complete");
	struct mj_prog_rows got = { NULL, 0, 0 };
	size_t i, closed = 0, gaps = 0;
	bool ok = json_is_object(doc) && json_is_array(list) &&
		  json_is_object(figures) && date_at(doc, "today", today) &&
		  (json_is_null(median) ||
		   (json_is_number(median) && json_number_value(median) >= 0)) &&
		  (json_is_null(share) ||
		   (json_is_number(share) && json_number_value(share) >= 0 &&
		    json_number_value(share) <= 1));

	memset(known, 0, sizeof(*known));
	*journal = NULL;
	known->median_gap_days = -1;
	if (ok && json_array_size(list) > 1000000)
		ok = false;
	json_array_foreach(list, i, o) {
		if (!ok)
			break;
		mj_grow((void **)&got.items, &got.cap, got.len + 1,
			sizeof(*got.items));
		ok = read_prog_row(o, &got.items[got.len++]);
		/* one journal's figures: every row names the same one */
		ok = ok && (!i || !strcmp(got.items[i].journal, got.items[0].journal));
	}
	ok = ok && read_months(json_object_get(figures, "months"), &known->months);
	if (ok) {
		for (i = 0; i < got.len; i++) {
			closed += !got.items[i].no_agreement &&
				  got.items[i].status == MJ_STATUS_CLOSED;
			gaps += got.items[i].held > 1 ? (size_t)got.items[i].held - 1 : 0;
		}
		if (json_is_number(median)) {
			known->median_gap_days = json_number_value(median);
			known->gaps = gaps ? gaps : 1;
		}
		if (json_is_number(share))
			known->closed_complete = (size_t)(json_number_value(share) *
							  (double)closed + 0.5);
		if (got.len)
			*journal = mj_xstrdup(got.items[0].journal);
		else if (json_is_array(json_object_get(doc, "sources")) &&
			 string_at(json_array_get(json_object_get(doc, "sources"), 0),
				   "journal"))
			*journal = mj_xstrdup(string_at(json_array_get(
				json_object_get(doc, "sources"), 0), "journal"));
		for (i = 0; i < got.len; i++) {
			mj_grow((void **)&rows->items, &rows->cap, rows->len + 1,
				sizeof(*rows->items));
			rows->items[rows->len++] = got.items[i];
		}
		free(got.items);
		got.items = NULL;
		got.len = 0;
	} else {
		mj_prog_known_free(known);
	}
	mj_prog_rows_free(&got);
	json_decref(doc);
	return ok ? 0 : -1;
}
