/*
 * programme.c - figures across journals: rows with no room for words.
 */
#include "mj_programme.h"
#include "mj_journal.h"
#include "mj_stats.h"
#include "mj_validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *name_of(const char *person)
{
	char buf[200];
	return mj_xstrdup(person ? mj_person_name(person, buf, sizeof(buf)) : "");
}

/* A closing note with Outcomes and Learning, as close asks for. */
static bool closing_complete(const struct mj_relationship *rel)
{
	const unsigned needed = (1u << MJ_SECTION_OUTCOMES) |
				(1u << MJ_SECTION_LEARNING);

	if (rel->agreement.status_value != MJ_STATUS_CLOSED)
		return false;
	for (size_t i = rel->n_notes; i-- > 0;)
		if (rel->notes[i].stage == MJ_STAGE_CLOSING)
			return (rel->notes[i].sections & needed) == needed;
	return false;
}

void mj_prog_row_make(struct mj_prog_row *out, const char *journal,
		      const struct mj_relationship *full, mj_date today)
{
	const struct mj_agreement *a = &full->agreement;
	struct mj_relationship rel;
	struct mj_validate_options opts = { today, false };
	struct mj_diags diags = MJ_DIAGS_INIT;
	struct mj_stats s;

	memset(out, 0, sizeof(*out));
	mj_relationship_view(full, false, &rel); /* never a private note */
	mj_stats_compute(&rel, today, &s);
	out->journal = mj_xstrdup(journal);
	out->slug = mj_xstrdup(rel.slug);
	out->mentor = name_of(a->mentor.text);
	for (size_t i = 0; i < a->n_mentees; i++)
		mj_strvec_push_owned(&out->mentees, name_of(a->mentees[i].text));
	out->type = a->type_value;
	out->stage = s.stage;
	out->status = a->status_value;
	out->started = a->started_date;
	out->ends = a->ends_date;
	out->closed = a->closed_date;
	out->last_held = s.last_met;
	out->next_due = s.ended ? MJ_DATE_NONE : s.next_due;
	out->held = s.held;
	out->missed = s.missed;
	out->minutes = s.minutes;
	out->open_actions = s.open_actions;
	out->late_actions = s.overdue_actions;
	out->overdue = s.overdue;
	out->no_agreement = !a->present;
	out->fetched = MJ_DATE_NONE;
	if (out->no_agreement)
		out->started = out->ends = out->closed = MJ_DATE_NONE;
	out->closing_complete = closing_complete(&rel);
	mj_validate_relationship(&rel, &opts, &diags);
	for (size_t i = 0; i < diags.len; i++) {
		out->errors += diags.items[i].level == MJ_LEVEL_ERROR;
		out->warnings += diags.items[i].level == MJ_LEVEL_WARNING;
		out->quiet |= !strcmp(diags.items[i].rule, MJ_RULE_QUIET);
		out->term_over |= !strcmp(diags.items[i].rule, MJ_RULE_TERM_OVER);
	}
	mj_diags_free(&diags);
	out->sessions = mj_xcalloc(rel.n_notes + 1, sizeof(*out->sessions));
	for (size_t i = 0; i < rel.n_notes; i++) {
		const struct mj_note *n = &rel.notes[i];
		bool held = n->attendance == MJ_ATTENDANCE_HELD;
		if (!held && n->attendance != MJ_ATTENDANCE_NO_SHOW &&
		    n->attendance != MJ_ATTENDANCE_CANCELLED)
			continue;
		out->sessions[out->n_sessions++] = (struct mj_prog_session){
			mj_note_effective_date(n), held,
			held ? n->duration_minutes : 0 };
	}
	mj_relationship_view_free(&rel);
}

/* What the reader keeps of a relationship read */
struct read {
	struct mj_prog_row row;
	struct mj_strvec private; /* notes private by their front matter */
};

static void reader_start(void *ctx, size_t n)
{
	struct mj_prog_reader *r = ctx;

	mj_slots_start(&r->slots, n, sizeof(struct read));
}

static void reader_each(void *ctx, size_t slot, struct mj_relationship *rel)
{
	struct mj_prog_reader *r = ctx;
	struct read *read = mj_slots_take(&r->slots, slot);

	mj_prog_row_make(&read->row, "", rel, r->today);
	for (size_t j = 0; r->in_git && j < rel->n_notes; j++)
		read->row.private_tracked += rel->notes[j].is_private;
	mj_relationship_private_by_front_matter(rel, &read->private);
}

void mj_prog_reader_init(struct mj_prog_reader *reader, mj_date today,
			 bool in_git, struct mj_visitor *visitor)
{
	memset(reader, 0, sizeof(*reader));
	reader->today = today;
	reader->in_git = in_git;
	*visitor = (struct mj_visitor){ reader_start, reader_each, reader };
}

void mj_prog_reader_private(const struct mj_prog_reader *reader,
			    struct mj_strvec *out)
{
	const struct read *read = reader->slots.records;

	for (size_t i = 0; i < reader->slots.n; i++)
		for (size_t k = 0; k < read[i].private.len; k++)
			mj_strvec_push(out, read[i].private.items[k]);
}

void mj_prog_reader_take(struct mj_prog_reader *reader,
			 struct mj_prog_rows *out, const char *name,
			 const struct mj_strvec *tracked)
{
	size_t n = mj_slots_pack(&reader->slots);
	struct read *read = reader->slots.records;

	mj_grow((void **)&out->items, &out->cap, out->len + n + 1,
		sizeof(*out->items));
	for (size_t i = 0; i < n; i++) {
		struct mj_prog_row *row = &out->items[out->len++];

		mj_strvec_free(&read[i].private);
		*row = read[i].row;
		free(row->journal);
		row->journal = mj_xstrdup(name);
		for (size_t j = 0; tracked && j < tracked->len; j++)
			row->private_tracked +=
				!mj_journal_path_is_own(tracked->items[j]) &&
				mj_journal_path_in(tracked->items[j], row->slug);
		row->errors += row->private_tracked;
	}
	mj_slots_free(&reader->slots);
	memset(reader, 0, sizeof(*reader));
}

void mj_prog_rows_free(struct mj_prog_rows *rows)
{
	for (size_t i = 0; i < rows->len; i++)
		mj_prog_row_free(&rows->items[i]);
	free(rows->items);
	memset(rows, 0, sizeof(*rows));
}

void mj_prog_source_free(struct mj_prog_source *src)
{
	free(src->shown);
	free(src->journal);
	free(src->error);
	free(src->same_as);
	memset(src, 0, sizeof(*src));
}

char *mj_prog_source_name(const char *source)
{
	char *copy = mj_xstrdup(source), *end, *start;

	end = copy + strlen(copy);
	while (end > copy && end[-1] == '/')
		*--end = '\0';
	if (mj_str_ends_with(copy, ".git"))
		copy[strlen(copy) - 4] = '\0';
	start = strrchr(copy, '/') ? strrchr(copy, '/') + 1 :
		strrchr(copy, ':') ? strrchr(copy, ':') + 1 : copy;
	start = mj_xstrdup(start);
	free(copy);
	return start;
}

const char *mj_prog_days_text(double days, char *buf)
{
	snprintf(buf, 16, "%.1f", days);
	if (mj_str_ends_with(buf, ".0"))
		buf[strlen(buf) - 2] = '\0';
	return buf;
}

const char *mj_prog_status_name(const struct mj_prog_row *row)
{
	return row->no_agreement ? "none" : mj_status_name(row->status);
}

void mj_prog_row_free(struct mj_prog_row *row)
{
	free(row->journal);
	free(row->slug);
	free(row->mentor);
	mj_strvec_free(&row->mentees);
	free(row->sessions);
	memset(row, 0, sizeof(*row));
}

/* The count for key, made when missing, kept in key order (numbers in
 * keys as numbers: Mentor 2 before Mentor 10). */
static struct mj_prog_count *count_of(struct mj_prog_counts *c, const char *key)
{
	size_t at = 0;

	while (at < c->len && mj_str_natural_cmp(c->items[at].key, key) < 0)
		at++;
	if (at < c->len && !strcmp(c->items[at].key, key))
		return &c->items[at];
	mj_grow((void **)&c->items, &c->cap, c->len + 1, sizeof(*c->items));
	memmove(&c->items[at + 1], &c->items[at], (c->len - at) * sizeof(*c->items));
	c->len++;
	c->items[at] = (struct mj_prog_count){ mj_xstrdup(key), 0, 0, 0 };
	return &c->items[at];
}

static int compare_days(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

void mj_prog_figures(const struct mj_prog_row *rows, size_t n,
		     struct mj_prog_figures *out)
{
	mj_prog_figures_with(rows, n, NULL, 0, out);
}

void mj_prog_figures_with(const struct mj_prog_row *rows, size_t n,
			  const struct mj_prog_known *known, size_t n_known,
			  struct mj_prog_figures *out)
{
	double *gaps = NULL;
	size_t n_gaps = 0, cap = 0;

	memset(out, 0, sizeof(*out));
	out->relationships = n;
	for (size_t i = 0; i < n; i++) {
		const struct mj_prog_row *r = &rows[i];
		mj_date previous = MJ_DATE_NONE;

		count_of(&out->by_stage, mj_stage_name(r->stage))->value++;
		count_of(&out->by_status, mj_prog_status_name(r))->value++;
		if (*r->mentor) /* none without an agreement */
			count_of(&out->mentor_minutes, r->mentor)->value +=
				r->minutes;
		out->minutes += r->minutes;
		out->held += r->held;
		out->missed += r->missed;
		out->ended += !r->no_agreement && r->status != MJ_STATUS_ACTIVE;
		out->ended_early += r->status == MJ_STATUS_ENDED_EARLY;
		out->closed += r->status == MJ_STATUS_CLOSED;
		out->closed_complete += r->closing_complete;
		for (size_t k = 0; k < r->n_sessions; k++) {
			const struct mj_prog_session *s = &r->sessions[k];
			char date[MJ_DATE_TEXT_SIZE];
			struct mj_prog_count *m;

			if (s->date == MJ_DATE_NONE)
				continue;
			mj_date_format(s->date, date);
			date[7] = '\0'; /* YYYY-MM */
			m = count_of(&out->months, date);
			m->held += s->held;
			m->missed += !s->held;
			m->value += s->minutes;
			if (!s->held)
				continue;
			if (previous != MJ_DATE_NONE) {
				mj_grow((void **)&gaps, &cap, n_gaps + 1, sizeof(*gaps));
				gaps[n_gaps++] = s->date - previous;
			}
			previous = s->date;
		}
	}
	for (size_t i = 0; i < n_known; i++) {
		const struct mj_prog_known *k = &known[i];

		out->closed_complete += k->closed_complete;
		for (size_t j = 0; j < k->months.len; j++) {
			struct mj_prog_count *m = count_of(&out->months,
							   k->months.items[j].key);
			m->held += k->months.items[j].held;
			m->missed += k->months.items[j].missed;
			m->value += k->months.items[j].value;
		}
		for (size_t j = 0; k->median_gap_days >= 0 && j < k->gaps; j++) {
			mj_grow((void **)&gaps, &cap, n_gaps + 1, sizeof(*gaps));
			gaps[n_gaps++] = k->median_gap_days;
		}
	}
	if (n_gaps > 1)
		qsort(gaps, n_gaps, sizeof(*gaps), compare_days);
	/* the median; of an even count, the mean of the two middle ones */
	out->median_gap_days = !n_gaps ? -1 : n_gaps % 2 ? gaps[n_gaps / 2] :
			       (gaps[n_gaps / 2 - 1] + gaps[n_gaps / 2]) / 2.0;
	free(gaps);
}

static void counts_free(struct mj_prog_counts *c)
{
	for (size_t i = 0; i < c->len; i++)
		free(c->items[i].key);
	free(c->items);
	memset(c, 0, sizeof(*c));
}

void mj_prog_known_free(struct mj_prog_known *known)
{
	counts_free(&known->months);
	memset(known, 0, sizeof(*known));
}

void mj_prog_figures_free(struct mj_prog_figures *f)
{
	counts_free(&f->by_stage);
	counts_free(&f->by_status);
	counts_free(&f->mentor_minutes);
	counts_free(&f->months);
}
