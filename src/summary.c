/*
 * summary.c - a relationship's summary, built as a document.
 */
#include "mj_summary.h"
#include "mj_actions.h"
#include "mj_front_matter.h"
#include "mj_report.h"
#include "mj_stats.h"

#include <stdlib.h>
#include <string.h>

static bool shown(const struct mj_note *n, const struct mj_summary_options *o)
{
	return o->include_private || !n->is_private;
}

/* "- **label:** text" */
static void field(struct mj_doc *doc, const char *label, const char *text)
{
	mj_doc_open(doc, MJ_BLOCK_ITEM, 0);
	mj_doc_strong(doc, label);
	mj_doc_text(doc, " ");
	mj_doc_text(doc, text);
	mj_doc_close(doc);
}

static void people(struct mj_doc *doc, const struct mj_agreement *a)
{
	struct mj_buf mentees = MJ_BUF_INIT;
	char name[160];

	if (a->mentor.text)
		field(doc, "Mentor:", mj_person_name(a->mentor.text, name, sizeof(name)));
	for (size_t i = 0; i < a->n_mentees; i++)
		mj_buf_addf(&mentees, "%s%s", i ? ", " : "",
			    mj_person_name(a->mentees[i].text, name, sizeof(name)));
	if (a->n_mentees)
		field(doc, a->n_mentees > 1 ? "Mentees:" : "Mentee:", mentees.ptr);
	mj_buf_free(&mentees);
}

static void overview(struct mj_doc *doc, const struct mj_relationship *rel,
		     const struct mj_stats *s, const struct mj_summary_options *o)
{
	const struct mj_agreement *a = &rel->agreement;
	char from[MJ_DATE_TEXT_SIZE], to[MJ_DATE_TEXT_SIZE], closed[MJ_DATE_TEXT_SIZE];
	char hours[16], *text;

	mj_doc_open(doc, MJ_BLOCK_LIST, 0);
	people(doc, a);
	text = mj_xasprintf("%s, %s", mj_type_name(a->type_value),
			    mj_model_name(a->model_value));
	field(doc, "Type:", text);
	free(text);
	mj_date_format(a->started_date, from);
	mj_date_format(a->ends_date, to);
	mj_date_format(a->closed_date, closed);
	if (a->status_value == MJ_STATUS_CLOSED)
		text = mj_xasprintf("%s to %s; closed %s", from, to, closed);
	else if (a->status_value == MJ_STATUS_ENDED_EARLY)
		text = mj_xasprintf("%s to %s; ended early %s, without fault",
				    from, to, closed);
	else
		text = mj_xasprintf("%s to %s; active", from, to);
	field(doc, "Term:", text);
	free(text);
	if (a->cadence.text)
		field(doc, "Cadence:", a->cadence.text);
	mj_format_hours(s->minutes, hours, sizeof(hours));
	text = mj_xasprintf("%d held (%s hours), %d missed", s->held, hours,
			    s->missed);
	field(doc, "Sessions:", text);
	free(text);
	if (o->reason)
		field(doc, "Reason for ending:", o->reason);
	mj_doc_close(doc);
}

static void goals(struct mj_doc *doc, const struct mj_agreement *a)
{
	if (!a->n_goals)
		return;
	mj_doc_add(doc, MJ_BLOCK_HEADING, 2, "Goals");
	mj_doc_open(doc, MJ_BLOCK_LIST, 1);
	for (size_t i = 0; i < a->n_goals; i++)
		mj_doc_add(doc, MJ_BLOCK_ITEM, 0, a->goals[i].text);
	mj_doc_close(doc);
}

/* When each stage began, and the sessions in date order. */
static void timeline(struct mj_doc *doc, const struct mj_relationship *rel,
		     const struct mj_summary_options *o)
{
	enum mj_stage reached = MJ_STAGE_NONE;
	char date[MJ_DATE_TEXT_SIZE];

	mj_doc_add(doc, MJ_BLOCK_HEADING, 2, "Stages");
	mj_doc_open(doc, MJ_BLOCK_LIST, 0);
	for (size_t i = 0; i < rel->n_notes; i++) {
		const struct mj_note *n = &rel->notes[i];
		char *text;
		if (!shown(n, o) || n->stage == MJ_STAGE_NONE ||
		    (n->stage <= reached && n->stage != MJ_STAGE_NEGOTIATING))
			continue;
		text = mj_xasprintf(n->stage < reached ?
				    "again from %s (a renegotiation)" : "from %s",
				    mj_date_format(mj_note_effective_date(n), date));
		mj_doc_open(doc, MJ_BLOCK_ITEM, 0);
		mj_doc_strong(doc, mj_stage_name(n->stage));
		mj_doc_text(doc, " ");
		mj_doc_text(doc, text);
		mj_doc_close(doc);
		free(text);
		if (n->stage > reached)
			reached = n->stage;
	}
	mj_doc_close(doc);

	mj_doc_add(doc, MJ_BLOCK_HEADING, 2, "Sessions");
	mj_doc_open(doc, MJ_BLOCK_LIST, 0);
	for (size_t i = 0; i < rel->n_notes; i++) {
		const struct mj_note *n = &rel->notes[i];
		struct mj_buf line = MJ_BUF_INIT;
		if (!shown(n, o))
			continue;
		mj_buf_addf(&line, "%s, %s", mj_date_format(mj_note_effective_date(n), date),
			    n->stage != MJ_STAGE_NONE ? mj_stage_name(n->stage) : "?");
		if (n->attendance != MJ_ATTENDANCE_NONE)
			mj_buf_addf(&line, ", %s", mj_attendance_name(n->attendance));
		if (n->attendance == MJ_ATTENDANCE_HELD && n->duration_minutes)
			mj_buf_addf(&line, " (%d min)", n->duration_minutes);
		mj_doc_open(doc, MJ_BLOCK_ITEM, 0);
		mj_doc_text(doc, line.ptr);
		if (n->title) {
			mj_doc_text(doc, ": ");
			mj_doc_emph(doc, n->title);
		}
		mj_doc_close(doc);
		mj_buf_free(&line);
	}
	mj_doc_close(doc);
}

/* Each action once, in the state its latest shown mention gives it. */
static void action_list(struct mj_doc *doc, const struct mj_action_list *list,
			enum mj_action_state state, const char *label)
{
	int count = 0;

	for (size_t i = 0; i < list->len; i++)
		count += list->items[i].action->state == state;
	if (!count)
		return;
	mj_doc_add(doc, MJ_BLOCK_HEADING, 3, label); /* a heading to find */
	mj_doc_open(doc, MJ_BLOCK_LIST, 0);
	for (size_t i = 0; i < list->len; i++) {
		const struct mj_tracked_action *t = &list->items[i];
		const struct mj_action *a = t->action;
		char due[MJ_DATE_TEXT_SIZE], first[MJ_DATE_TEXT_SIZE];
		char last[MJ_DATE_TEXT_SIZE];

		if (a->state != state)
			continue;
		mj_doc_open(doc, MJ_BLOCK_ITEM, 0);
		if (a->owner) {
			mj_doc_strong(doc, a->owner);
			mj_doc_text(doc, ": ");
		}
		mj_doc_text(doc, a->text);
		if (a->due != MJ_DATE_NONE) {
			char *text = mj_xasprintf(" (due %s)",
						  mj_date_format(a->due, due));
			mj_doc_text(doc, text);
			free(text);
		}
		if (t->first_note != t->note) { /* carried from note to note */
			char *text = mj_xasprintf(", written %s, last seen %s",
				mj_date_format(mj_note_effective_date(t->first_note), first),
				mj_date_format(mj_note_effective_date(t->note), last));
			mj_doc_text(doc, text);
			free(text);
		}
		mj_doc_close(doc);
	}
	mj_doc_close(doc);
}

/* The notes' own words under heading: each note's section, quoted. */
/*
 * The notes' sections, each note read and parsed once for all the
 * summary's excerpts: parsed[i] is rel->notes[i]'s, NULL until asked for
 * (and when the note cannot be read).
 */
struct excerpt_notes {
	const struct mj_relationship *rel;
	const struct mj_source *src;
	struct mj_sections **parsed;
	bool *tried;
};

static struct mj_sections *sections_of(struct excerpt_notes *e, size_t i)
{
	const struct mj_note *n = &e->rel->notes[i];
	char *text;
	size_t len, offset;
	int body_line;

	if (e->tried[i])
		return e->parsed[i];
	e->tried[i] = true;
	if (e->src->read(e->src->ctx, n->file, MJ_FILE_SIZE_LIMIT, &text, &len) !=
	    MJ_READ_OK)
		return NULL;
	offset = mj_front_matter_split(text, len, NULL, NULL, &body_line);
	e->parsed[i] = mj_sections_parse(text + offset, len - offset);
	free(text);
	return e->parsed[i];
}

static void excerpts(struct mj_doc *doc, struct excerpt_notes *e,
		     const struct mj_summary_options *o, enum mj_section section,
		     const char *heading, bool closing_only)
{
	const struct mj_relationship *rel = e->rel;
	bool titled = false;

	for (size_t i = 0; i < rel->n_notes; i++) {
		const struct mj_note *n = &rel->notes[i];
		char date[MJ_DATE_TEXT_SIZE], *label;
		struct mj_sections *sections;

		if (!shown(n, o) || !(n->sections & (1u << section)) ||
		    (closing_only && n->stage != MJ_STAGE_CLOSING &&
		     n->stage != MJ_STAGE_FOLLOW_UP))
			continue;
		if (!(sections = sections_of(e, i)))
			continue;
		if (!titled) {
			mj_doc_add(doc, MJ_BLOCK_HEADING, 2, heading);
			titled = true;
		}
		label = mj_xasprintf("%s%s%s", mj_date_format(mj_note_effective_date(n), date),
				     n->title ? ", " : "", n->title ? n->title : "");
		mj_doc_add(doc, MJ_BLOCK_HEADING, 3, label);
		mj_doc_open(doc, MJ_BLOCK_QUOTE, 0);
		mj_doc_take_section(doc, sections, section);
		mj_doc_close(doc);
		free(label);
	}
}

static char *title_of(const char *slug)
{
	return mj_xasprintf("%s: summary", slug);
}

struct mj_doc *mj_summary_build(const struct mj_relationship *rel,
				const struct mj_source *src,
				const struct mj_summary_options *o)
{
	struct mj_doc *doc = mj_doc_new();
	struct mj_stats stats;
	struct mj_action_list actions;
	struct mj_relationship visible;
	struct excerpt_notes notes = {
		.rel = rel, .src = src,
		.parsed = mj_xcalloc(rel->n_notes + 1, sizeof(*notes.parsed)),
		.tried = mj_xcalloc(rel->n_notes + 1, sizeof(*notes.tried)),
	};
	char *title;

	/* the figures count only the notes the summary shows */
	mj_relationship_view(rel, o->include_private, &visible);
	mj_stats_compute(&visible, o->today, &stats);
	mj_actions_track(&visible, &actions); /* pointing into visible */
	title = title_of(rel->slug);
	mj_doc_add(doc, MJ_BLOCK_HEADING, 1, title);
	free(title);
	overview(doc, rel, &stats, o);
	goals(doc, &rel->agreement);
	excerpts(doc, &notes, o, MJ_SECTION_OUTCOMES, "Outcomes", true);
	timeline(doc, rel, o);
	if (actions.len) {
		mj_doc_add(doc, MJ_BLOCK_HEADING, 2, "Actions");
		action_list(doc, &actions, MJ_ACTION_DONE, "Done");
		action_list(doc, &actions, MJ_ACTION_OPEN, "Open");
		action_list(doc, &actions, MJ_ACTION_DROPPED, "Dropped");
	}
	mj_action_list_free(&actions);
	mj_relationship_view_free(&visible);
	excerpts(doc, &notes, o, MJ_SECTION_FEEDBACK, "Feedback", false);
	excerpts(doc, &notes, o, MJ_SECTION_LEARNING, "Learning", false);
	for (size_t i = 0; i < rel->n_notes; i++)
		mj_sections_free(notes.parsed[i]);
	free(notes.parsed);
	free(notes.tried);
	return doc;
}

char *mj_summary_render(const struct mj_doc *doc, const char *slug,
			enum mj_doc_format format, const char *css,
			mj_date today)
{
	char date[MJ_DATE_TEXT_SIZE], *title, *body, *page;
	struct mj_man_head head = {
		slug, "7", mj_date_format(today, date), "mjournal " MJ_VERSION,
		"Mentoring summaries",
	};

	if (format == MJ_DOC_MAN)
		return mj_doc_render_man_page(doc, &head);
	if (format != MJ_DOC_HTML)
		return mj_doc_render(doc, format);
	title = title_of(slug);
	body = mj_doc_render(doc, MJ_DOC_HTML);
	page = mj_report_standalone(title, css, body);
	free(body);
	free(title);
	return page;
}
