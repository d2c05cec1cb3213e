/*
 * report.c - the programme report as static HTML.
 *
 * Every text that comes from the journal is escaped here (mj_html_escape)
 * or rendered by cmark in its safe mode (the summaries), so nothing a note
 * contains can run in a reader's browser.
 */
#include "mj_report.h"
#include "mj_programme.h"
#include "mj_stats.h"
#include "mj_summary.h"
#include "mj_validate.h"

#include <stdlib.h>
#include <string.h>

void mj_html_escape(struct mj_buf *buf, const char *text)
{
	size_t len = strlen(text), bad;

	/* the pages declare UTF-8: a byte that is not (a file name from
	 * another system) becomes U+FFFD, never an invalid page */
	if (!mj_utf8_is_valid(text, len, &bad)) {
		char *head = mj_xstrndup(text, bad);
		mj_html_escape(buf, head);
		free(head);
		mj_buf_adds(buf, "&#xFFFD;");
		mj_html_escape(buf, text + bad + 1);
		return;
	}
	for (const char *p = text; *p; p++) {
		switch (*p) {
		case '&':
			mj_buf_adds(buf, "&amp;");
			break;
		case '<':
			mj_buf_adds(buf, "&lt;");
			break;
		case '>':
			mj_buf_adds(buf, "&gt;");
			break;
		case '"':
			mj_buf_adds(buf, "&quot;");
			break;
		case '\'':
			mj_buf_adds(buf, "&#39;");
			break;
		default:
			mj_buf_add(buf, p, 1);
		}
	}
}

static void add_page(struct mj_report *r, char *name, char *text)
{
	mj_grow((void **)&r->pages, &r->cap, r->len + 1, sizeof(*r->pages));
	r->pages[r->len].name = name;
	r->pages[r->len].text = text;
	r->len++;
}

static void page_start(struct mj_buf *b, const char *title)
{
	mj_buf_adds(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		       "<meta charset=\"utf-8\">\n"
		       "<meta name=\"viewport\" content=\"width=device-width, "
		       "initial-scale=1\">\n<title>");
	mj_html_escape(b, title);
	mj_buf_adds(b, "</title>\n<link rel=\"stylesheet\" href=\"style.css\">\n"
		       "</head>\n<body>\n");
}

static void page_end(struct mj_buf *b, mj_date today)
{
	char date[MJ_DATE_TEXT_SIZE];

	mj_buf_addf(b, "<footer><p class=\"muted\">Made by mjournal on %s. "
		       "Private notes are not part of this report.</p></footer>\n"
		       "</body>\n</html>\n", mj_date_format(today, date));
}

/* ---- timelines ---- */

struct scale {
	mj_date from, to;
	double left, width;
};

static double x_of(const struct scale *s, mj_date d)
{
	if (s->to <= s->from)
		return s->left;
	return s->left + s->width * (double)(d - s->from) / (double)(s->to - s->from);
}

/* The span a timeline shows: the term, stretched to every note and today. */
static void span(const struct mj_relationship *rel, mj_date today,
		 mj_date *from, mj_date *to)
{
	const struct mj_agreement *a = &rel->agreement;

	*from = a->started_date;
	*to = a->ends_date;
	for (size_t i = 0; i < rel->n_notes; i++) {
		mj_date d = mj_note_effective_date(&rel->notes[i]);
		if (d == MJ_DATE_NONE)
			continue;
		if (*from == MJ_DATE_NONE || d < *from)
			*from = d;
		if (*to == MJ_DATE_NONE || d > *to)
			*to = d;
	}
	if (*from == MJ_DATE_NONE)
		*from = today;
	if (*to == MJ_DATE_NONE || *to < *from)
		*to = *from + 1;
	if (a->status_value == MJ_STATUS_ACTIVE && today > *to)
		*to = today;
}

/*
 * A session's mark: told apart by shape as well as colour (held: a filled
 * circle; no-show: a ring; moved or cancelled: a square), each at 3:1 or
 * more against the page and the bands.
 */
static void marker(struct mj_buf *b, enum mj_attendance a, double x, double y,
		   double r)
{
	if (a == MJ_ATTENDANCE_HELD)
		mj_buf_addf(b, "<circle class=\"held\" cx=\"%.1f\" cy=\"%.1f\" "
			       "r=\"%.1f\">", x, y, r);
	else if (a == MJ_ATTENDANCE_NO_SHOW)
		mj_buf_addf(b, "<circle class=\"missed\" cx=\"%.1f\" cy=\"%.1f\" "
			       "r=\"%.1f\">", x, y, r - 1);
	else
		mj_buf_addf(b, "<rect class=\"moved\" x=\"%.1f\" y=\"%.1f\" "
			       "width=\"%.1f\" height=\"%.1f\">", x - r + 1, y - r + 1,
			    2 * r - 2, 2 * r - 2);
}

static const char *marker_end(enum mj_attendance a)
{
	return a == MJ_ATTENDANCE_HELD || a == MJ_ATTENDANCE_NO_SHOW ?
	       "</circle>\n" : "</rect>\n";
}

/* A stage band: from a note whose stage differs from the band before it
 * (a renegotiation too) to the next such note, or to end. */
struct band {
	enum mj_stage stage;
	mj_date from, to;
};

static size_t bands_of(const struct mj_relationship *rel, mj_date end,
		       mj_date last, struct band *out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < rel->n_notes; i++) {
		const struct mj_note *note = &rel->notes[i];
		mj_date d = mj_note_effective_date(note);

		if (note->stage == MJ_STAGE_NONE || d == MJ_DATE_NONE ||
		    (n && out[n - 1].stage == note->stage))
			continue;
		if (n == max)
			break;
		if (n)
			out[n - 1].to = d;
		out[n++] = (struct band){ note->stage, d,
			note->stage == MJ_STAGE_FOLLOW_UP ? last : end };
	}
	return n;
}

/*
 * The timeline of rel as SVG: stages as bands (named on the band), sessions
 * as marks, today as a dashed line.  Its title and description say in
 * words what it shows, for those who cannot see it.  small: the index's
 * sparkline, without labels.
 */
static void timeline_svg(struct mj_buf *b, const struct mj_relationship *rel,
			 mj_date today, bool small)
{
	const double width = small ? 160 : 800, height = small ? 20 : 96;
	const double band_y = small ? 2 : 20, band_h = small ? 16 : 40;
	struct scale s = { 0, 0, small ? 4 : 16, width - (small ? 8 : 32) };
	struct band bands[32];
	size_t n_bands, counts[4] = { 0 };
	char date[MJ_DATE_TEXT_SIZE], other[MJ_DATE_TEXT_SIZE];
	const char *id = small ? "spark" : "timeline";
	mj_date end;

	span(rel, today, &s.from, &s.to);
	end = rel->agreement.status_value != MJ_STATUS_ACTIVE &&
	      rel->agreement.closed_date != MJ_DATE_NONE ?
	      rel->agreement.closed_date : s.to;
	n_bands = bands_of(rel, end, s.to, bands, MJ_ARRAY_SIZE(bands));
	for (size_t i = 0; i < rel->n_notes; i++)
		if (rel->notes[i].attendance != MJ_ATTENDANCE_NONE &&
		    mj_note_effective_date(&rel->notes[i]) != MJ_DATE_NONE)
			counts[rel->notes[i].attendance]++;
	mj_buf_addf(b, "<svg class=\"%s\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
		       "aria-labelledby=\"%s-%s-t %s-%s-d\">\n<title id=\"%s-%s-t\">"
		       "Timeline of %s</title>\n<desc id=\"%s-%s-d\">From %s to %s. ",
		    id, width, height, id, rel->slug, id, rel->slug, id, rel->slug,
		    rel->slug, id, rel->slug, mj_date_format(s.from, date),
		    mj_date_format(s.to, other));
	for (size_t i = 0; i < n_bands; i++)
		mj_buf_addf(b, "%s%s from %s", i ? ", " : "Stages: ",
			    mj_stage_name(bands[i].stage),
			    mj_date_format(bands[i].from, date));
	mj_buf_addf(b, "%sSessions: %zu held, %zu no-show, %zu moved or "
		       "cancelled.", n_bands ? ". " : "", counts[MJ_ATTENDANCE_HELD],
		    counts[MJ_ATTENDANCE_NO_SHOW],
		    counts[MJ_ATTENDANCE_RESCHEDULED] + counts[MJ_ATTENDANCE_CANCELLED]);
	if (today >= s.from && today <= s.to)
		mj_buf_addf(b, " Today is %s.", mj_date_format(today, date));
	mj_buf_adds(b, "</desc>\n");
	for (size_t i = 0; i < n_bands; i++) {
		double x = x_of(&s, bands[i].from);
		double w = x_of(&s, bands[i].to) - x + 0.5;
		mj_buf_addf(b, "<rect class=\"band-%s\" x=\"%.1f\" y=\"%.0f\" "
			       "width=\"%.1f\" height=\"%.0f\"/>\n",
			    mj_stage_name(bands[i].stage), x, band_y, w, band_h);
		if (!small && w > 64)
			mj_buf_addf(b, "<text class=\"band-name\" x=\"%.1f\" y=\"%.0f\">"
				       "%s</text>\n", x + 4, band_y + 12,
				    mj_stage_name(bands[i].stage));
	}
	if (today >= s.from && today <= s.to)
		mj_buf_addf(b, "<line class=\"today\" x1=\"%.1f\" x2=\"%.1f\" "
			       "y1=\"%.0f\" y2=\"%.0f\"/>\n",
			    x_of(&s, today), x_of(&s, today), band_y - 2,
			    band_y + band_h + 2);
	for (size_t i = 0; i < rel->n_notes; i++) {
		const struct mj_note *n = &rel->notes[i];
		mj_date d = mj_note_effective_date(n);
		if (n->attendance == MJ_ATTENDANCE_NONE || d == MJ_DATE_NONE)
			continue;
		marker(b, n->attendance, x_of(&s, d), band_y + band_h / 2 +
		       (small ? 0 : 6), small ? 3 : 6);
		mj_buf_addf(b, "<title>%s, %s", mj_date_format(d, date),
			    mj_attendance_name(n->attendance));
		if (n->title) {
			mj_buf_adds(b, ": ");
			mj_html_escape(b, n->title);
		}
		mj_buf_addf(b, "</title>%s", marker_end(n->attendance));
	}
	if (!small) {
		mj_buf_addf(b, "<text class=\"axis\" x=\"%.0f\" y=\"%.0f\">%s</text>\n",
			    s.left, band_y + band_h + 18, mj_date_format(s.from, date));
		mj_buf_addf(b, "<text class=\"axis\" x=\"%.0f\" y=\"%.0f\" "
			       "text-anchor=\"end\">%s</text>\n",
			    s.left + s.width, band_y + band_h + 18,
			    mj_date_format(s.to, date));
	}
	mj_buf_adds(b, "</svg>\n");
}

/* What the marks and bands mean, with the same shapes. */
static void legend(struct mj_buf *b)
{
	static const char *const stages[] = { "preparing", "negotiating",
					      "enabling", "closing", "follow-up" };

	mj_buf_adds(b, "<ul class=\"legend\" aria-label=\"Legend of the timeline\">\n"
		       "<li><svg viewBox=\"0 0 14 14\" aria-hidden=\"true\"><circle "
		       "class=\"held\" cx=\"7\" cy=\"7\" r=\"6\"/></svg>held</li>\n"
		       "<li><svg viewBox=\"0 0 14 14\" aria-hidden=\"true\"><circle "
		       "class=\"missed\" cx=\"7\" cy=\"7\" r=\"5\"/></svg>no-show</li>\n"
		       "<li><svg viewBox=\"0 0 14 14\" aria-hidden=\"true\"><rect "
		       "class=\"moved\" x=\"2\" y=\"2\" width=\"10\" height=\"10\"/>"
		       "</svg>moved or cancelled</li>\n"
		       "<li><svg viewBox=\"0 0 14 14\" aria-hidden=\"true\"><line "
		       "class=\"today\" x1=\"7\" x2=\"7\" y1=\"0\" y2=\"14\"/></svg>"
		       "today</li>\n");
	for (size_t i = 0; i < MJ_ARRAY_SIZE(stages); i++)
		mj_buf_addf(b, "<li><svg viewBox=\"0 0 14 14\" aria-hidden=\"true\">"
			       "<rect class=\"band-%s\" x=\"0\" y=\"2\" width=\"14\" "
			       "height=\"10\"/></svg>%s</li>\n", stages[i], stages[i]);
	mj_buf_adds(b, "</ul>\n");
}

/* ---- pages ---- */

struct row {
	struct mj_relationship view; /* without private notes */
	struct mj_stats stats;
	size_t errors, warnings;
};

static void health(struct mj_buf *b, const struct row *r)
{
	const char *cls = "health-ok", *text = "on track";

	if (r->stats.ended) {
		cls = "health-ended";
		text = mj_status_name(r->view.agreement.status_value);
	} else if (r->errors) {
		cls = "health-bad";
		text = "needs fixing";
	} else if (r->stats.overdue) {
		cls = "health-warn";
		text = "overdue";
	} else if (r->stats.overdue_actions || r->warnings) {
		cls = "health-warn";
		text = "to look at";
	}
	mj_buf_addf(b, "<span class=\"badge %s\">%s</span>", cls, text);
}

static void people(struct mj_buf *b, const struct mj_agreement *a)
{
	char name[160];

	if (a->mentor.text)
		mj_html_escape(b, mj_person_name(a->mentor.text, name, sizeof(name)));
	mj_buf_adds(b, " &rarr; ");
	for (size_t i = 0; i < a->n_mentees; i++) {
		if (i)
			mj_buf_adds(b, ", ");
		mj_html_escape(b, mj_person_name(a->mentees[i].text, name, sizeof(name)));
	}
}

/* Opens a table (scrolling on its own when wide) with its caption and the
 * headings of its columns, NULL-ended. */
static void table_start(struct mj_buf *b, const char *cls, const char *caption,
			const char *const *columns)
{
	mj_buf_addf(b, "<div class=\"table-wrap\">\n<table class=\"%s\">\n"
		       "<caption>%s</caption>\n<thead><tr>", cls, caption);
	for (size_t i = 0; columns[i]; i++)
		mj_buf_addf(b, "<th scope=\"col\">%s</th>", columns[i]);
	mj_buf_adds(b, "</tr></thead>\n<tbody>\n");
}

static void table_end(struct mj_buf *b)
{
	mj_buf_adds(b, "</tbody>\n</table>\n</div>\n");
}

/* The programme at a glance: totals, and sessions per month. */
static void totals(struct mj_buf *b, const struct mj_prog_figures *f,
		   size_t ending)
{
	char hours[16];
	int active = 0;

	for (size_t i = 0; i < f->by_status.len; i++)
		if (!strcmp(f->by_status.items[i].key, "active"))
			active = f->by_status.items[i].value;
	mj_format_hours(f->minutes, hours, sizeof(hours));
	mj_buf_addf(b, "<section aria-labelledby=\"glance\">\n<h2 id=\"glance\">At "
		       "a glance</h2>\n<ul class=\"totals\">\n"
		       "<li><strong>%s</strong> hours of mentoring</li>\n"
		       "<li><strong>%d</strong> sessions held, <strong>%d</strong> "
		       "missed</li>\n<li><strong>%d</strong> active, <strong>%zu"
		       "</strong> closed, <strong>%zu</strong> ended early</li>\n"
		       "<li><strong>%zu</strong> term%s ending in the next 60 days"
		       "</li>\n</ul>\n", hours, f->held, f->missed, active,
		    f->closed, f->ended_early, ending, ending == 1 ? "" : "s");
	if (f->months.len) {
		static const char *const columns[] = {
			"Month", "Held", "Missed", "Hours", NULL,
		};
		table_start(b, "months", "Sessions per month", columns);
		for (size_t i = 0; i < f->months.len; i++) {
			mj_format_hours(f->months.items[i].value, hours, sizeof(hours));
			mj_buf_addf(b, "<tr><th scope=\"row\">%s</th><td class=\"num\">"
				       "%d</td><td class=\"num\">%d</td><td class=\"num\">"
				       "%s</td></tr>\n", f->months.items[i].key,
				    f->months.items[i].held, f->months.items[i].missed,
				    hours);
		}
		table_end(b);
	}
	mj_buf_adds(b, "</section>\n");
}

/* A cell with the name of its column, which a phone shows beside it. */
static void cell(struct mj_buf *b, const char *label, const char *cls)
{
	mj_buf_addf(b, "<td data-label=\"%s\"%s%s%s>", label, cls ? " class=\"" : "",
		    cls ? cls : "", cls ? "\"" : "");
}

static char *index_page(const struct mj_journal *j, const struct row *rows,
			size_t n, const struct mj_prog_figures *figures,
			mj_date today)
{
	struct mj_buf b = MJ_BUF_INIT;
	const char *name = j->config.name.text ? j->config.name.text : "Mentoring journal";
	static const char *const columns[] = {
		"Relationship", "People", "Type", "Stage", "Health", "Last met",
		"Next due", "Held / missed", "Timeline", NULL,
	};
	char date[MJ_DATE_TEXT_SIZE];
	size_t ending = 0;

	for (size_t i = 0; i < n; i++)
		ending += !rows[i].stats.ended &&
			  rows[i].view.agreement.ends_date != MJ_DATE_NONE &&
			  rows[i].view.agreement.ends_date >= today &&
			  rows[i].view.agreement.ends_date - today <= 60;
	page_start(&b, name);
	mj_buf_adds(&b, "<header>\n<h1>");
	mj_html_escape(&b, name);
	mj_buf_addf(&b, "</h1>\n<p>%zu relationship%s, as of %s</p>\n</header>\n"
		       "<main>\n", n, n == 1 ? "" : "s", mj_date_format(today, date));
	totals(&b, figures, ending);
	mj_buf_adds(&b, "<h2 id=\"all\">Relationships</h2>\n");
	table_start(&b, "relationships", "Every relationship: its people, stage, "
		    "health, meetings and timeline", columns);
	for (size_t i = 0; i < n; i++) {
		const struct row *r = &rows[i];
		const struct mj_agreement *a = &r->view.agreement;
		char last[MJ_DATE_TEXT_SIZE], next[MJ_DATE_TEXT_SIZE];

		mj_buf_addf(&b, "<tr id=\"%s\"><th scope=\"row\"><a href=\"%s.html\">"
			       "%s</a></th>", r->view.slug, r->view.slug, r->view.slug);
		cell(&b, "People", "people");
		people(&b, a);
		mj_buf_adds(&b, "</td>");
		cell(&b, "Type", NULL);
		mj_buf_addf(&b, "%s</td>", a->present ? mj_type_name(a->type_value) : "-");
		cell(&b, "Stage", NULL);
		mj_buf_addf(&b, "%s</td>", mj_stage_name(r->stats.stage));
		cell(&b, "Health", NULL);
		health(&b, r);
		mj_buf_adds(&b, "</td>");
		cell(&b, "Last met", NULL);
		mj_buf_addf(&b, "%s</td>", mj_date_format(r->stats.last_met, last));
		cell(&b, "Next due", NULL);
		mj_buf_addf(&b, "%s</td>", r->stats.ended ? "-" :
			    mj_date_format(r->stats.next_due, next));
		cell(&b, "Held / missed", "num");
		mj_buf_addf(&b, "%d / %d</td>", r->stats.held, r->stats.missed);
		cell(&b, "Timeline", "spark-cell");
		timeline_svg(&b, &r->view, today, true);
		mj_buf_adds(&b, "</td></tr>\n");
	}
	table_end(&b);
	legend(&b);
	mj_buf_adds(&b, "</main>\n");
	page_end(&b, today);
	return mj_buf_detach(&b);
}

static char *relationship_page(const struct mj_journal *j, const struct row *r,
			       const struct mj_source *src, mj_date today)
{
	struct mj_buf b = MJ_BUF_INIT;
	struct mj_summary_options opts = { today, false, NULL };
	struct mj_doc *doc = mj_summary_build(&r->view, src, &opts);
	char *summary = mj_doc_render(doc, MJ_DOC_HTML);

	(void)j;
	page_start(&b, r->view.slug);
	mj_buf_adds(&b, "<nav aria-label=\"Report\"><a href=\"index.html\">&larr; "
			"All relationships</a></nav>\n<main>\n");
	/* the timeline goes after the summary's overview, before its sections */
	char *first_section = strstr(summary, "<h2>");
	size_t head = first_section ? (size_t)(first_section - summary) : strlen(summary);
	mj_buf_add(&b, summary, head);
	/* on a phone the chart keeps its size and scrolls, by keyboard too */
	mj_buf_adds(&b, "<h2 id=\"timeline\">Timeline</h2>\n<div class=\"chart\" "
			"tabindex=\"0\" role=\"region\" aria-labelledby=\"timeline\">\n");
	timeline_svg(&b, &r->view, today, false);
	mj_buf_adds(&b, "</div>\n");
	legend(&b);
	mj_buf_adds(&b, summary + head);
	mj_buf_adds(&b, "</main>\n");
	page_end(&b, today);
	free(summary);
	mj_doc_free(doc);
	return mj_buf_detach(&b);
}

void mj_report_build(const struct mj_journal *journal,
		     const struct mj_source *src, const char *css,
		     mj_date today, struct mj_report *out)
{
	struct mj_validate_options vopts = { today, false };
	struct row *rows = mj_xcalloc(journal->n_relationships + 1, sizeof(*rows));
	struct mj_prog_row *prog = mj_xcalloc(journal->n_relationships + 1,
					      sizeof(*prog));
	struct mj_prog_figures figures;
	const char *name = journal->config.name.text ? journal->config.name.text : "";

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < journal->n_relationships; i++) {
		struct mj_diags diags = MJ_DIAGS_INIT;
		mj_relationship_view(&journal->relationships[i], false, &rows[i].view);
		mj_stats_compute(&rows[i].view, today, &rows[i].stats);
		mj_validate_relationship(&rows[i].view, &vopts, &diags);
		rows[i].errors = mj_diags_count(&diags, MJ_LEVEL_ERROR);
		rows[i].warnings = mj_diags_count(&diags, MJ_LEVEL_WARNING);
		mj_diags_free(&diags);
		mj_prog_row_make(&prog[i], name, &journal->relationships[i], today);
	}
	/* the totals are the programme's own figures (mj_programme.h) */
	mj_prog_figures(prog, journal->n_relationships, &figures);
	add_page(out, mj_xstrdup("index.html"),
		 index_page(journal, rows, journal->n_relationships, &figures,
			    today));
	mj_prog_figures_free(&figures);
	for (size_t i = 0; i < journal->n_relationships; i++)
		mj_prog_row_free(&prog[i]);
	free(prog);
	for (size_t i = 0; i < journal->n_relationships; i++)
		add_page(out, mj_xasprintf("%s.html", rows[i].view.slug),
			 relationship_page(journal, &rows[i], src, today));
	add_page(out, mj_xstrdup("style.css"), mj_xstrdup(css ? css : ""));
	for (size_t i = 0; i < journal->n_relationships; i++)
		mj_relationship_view_free(&rows[i].view);
	free(rows);
}

/* ---- the programme site: built from programme rows, no word of a note ---- */

/* Sessions per month as bars: held above the line, missed below. */
static void months_svg(struct mj_buf *b, const struct mj_prog_figures *f)
{
	const double w = 800, h = 200, top = 20, base = 140, left = 40;
	double bar = f->months.len ? (w - left - 10) / (double)f->months.len : 0;
	int most = 1;

	for (size_t i = 0; i < f->months.len; i++) {
		if (f->months.items[i].held > most)
			most = f->months.items[i].held;
		if (f->months.items[i].missed > most)
			most = f->months.items[i].missed;
	}
	mj_buf_addf(b, "<div class=\"chart\" tabindex=\"0\" role=\"region\" "
		       "aria-labelledby=\"per-month\">\n<svg class=\"timeline\" "
		       "viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-labelledby="
		       "\"months-t months-d\">\n<title id=\"months-t\">Sessions per "
		       "month</title>\n<desc id=\"months-d\">", w, h);
	for (size_t i = 0; i < f->months.len; i++)
		mj_buf_addf(b, "%s%s: %d held, %d missed", i ? "; " : "",
			    f->months.items[i].key, f->months.items[i].held,
			    f->months.items[i].missed);
	mj_buf_addf(b, "%s.</desc>\n<line class=\"base\" x1=\"%.0f\" x2=\"%.0f\" "
		       "y1=\"%.0f\" y2=\"%.0f\"/>\n", f->months.len ? "" :
		       "No sessions yet", left, w - 10, base, base);
	for (size_t i = 0; i < f->months.len; i++) {
		const struct mj_prog_count *m = &f->months.items[i];
		double x = left + bar * (double)i + bar * 0.15;
		double held = (base - top) * m->held / most;
		double missed = 40.0 * m->missed / most;
		mj_buf_addf(b, "<rect class=\"held\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
			       "height=\"%.1f\"><title>%s: %d held</title></rect>\n",
			    x, base - held, bar * 0.7, held, m->key, m->held);
		if (m->missed)
			mj_buf_addf(b, "<rect class=\"moved\" x=\"%.1f\" y=\"%.0f\" "
				       "width=\"%.1f\" height=\"%.1f\"><title>%s: %d "
				       "missed</title></rect>\n", x, base + 1, bar * 0.7,
				    missed, m->key, m->missed);
		if (f->months.len <= 12 || i % 2 == 0)
			mj_buf_addf(b, "<text class=\"axis\" x=\"%.1f\" y=\"%.0f\" "
				       "text-anchor=\"middle\">%s</text>\n",
				    x + bar * 0.35, h - 6, m->key);
	}
	mj_buf_addf(b, "<text class=\"axis\" x=\"0\" y=\"%.0f\">%d</text>\n"
		       "</svg>\n</div>\n", top + 4, most);
	mj_buf_adds(b, "<ul class=\"legend\" aria-label=\"Legend of the bars\">\n"
		       "<li><svg viewBox=\"0 0 14 14\" aria-hidden=\"true\"><rect "
		       "class=\"held\" x=\"2\" y=\"2\" width=\"10\" height=\"10\"/>"
		       "</svg>sessions held (above the line)</li>\n<li><svg viewBox="
		       "\"0 0 14 14\" aria-hidden=\"true\"><rect class=\"moved\" x=\"2\" "
		       "y=\"2\" width=\"10\" height=\"10\"/></svg>missed: no-show or "
		       "cancelled (below)</li>\n</ul>\n");
}

/* Every relationship's term as a bar, today as a dashed line. */
static void terms_svg(struct mj_buf *b, const struct mj_prog_row *rows, size_t n,
		      mj_date today)
{
	const double w = 800, row_h = 18, left = 200, top = 10;
	const double h = top + row_h * (double)n + 30;
	struct scale s = { MJ_DATE_NONE, MJ_DATE_NONE, left, w - left - 10 };
	char a[MJ_DATE_TEXT_SIZE], c[MJ_DATE_TEXT_SIZE];

	for (size_t i = 0; i < n; i++) {
		if (rows[i].started != MJ_DATE_NONE &&
		    (s.from == MJ_DATE_NONE || rows[i].started < s.from))
			s.from = rows[i].started;
		if (rows[i].ends != MJ_DATE_NONE &&
		    (s.to == MJ_DATE_NONE || rows[i].ends > s.to))
			s.to = rows[i].ends;
	}
	if (s.from == MJ_DATE_NONE)
		s.from = today;
	if (s.to == MJ_DATE_NONE || s.to <= s.from)
		s.to = s.from + 1;
	mj_buf_addf(b, "<div class=\"chart\" tabindex=\"0\" role=\"region\" "
		       "aria-labelledby=\"terms\">\n<svg class=\"timeline\" "
		       "viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-labelledby="
		       "\"terms-t terms-d\">\n<title id=\"terms-t\">The term of "
		       "every relationship</title>\n<desc id=\"terms-d\">From %s to "
		       "%s. ", w, h, mj_date_format(s.from, a), mj_date_format(s.to, c));
	for (size_t i = 0; i < n; i++)
		mj_buf_addf(b, "%s%s: %s from %s to %s", i ? "; " : "", rows[i].slug,
			    mj_status_name(rows[i].status),
			    mj_date_format(rows[i].started, a),
			    mj_date_format(rows[i].closed != MJ_DATE_NONE ?
					   rows[i].closed : rows[i].ends, c));
	mj_buf_adds(b, ".</desc>\n");
	for (size_t i = 0; i < n; i++) {
		const struct mj_prog_row *r = &rows[i];
		mj_date end = r->closed != MJ_DATE_NONE ? r->closed : r->ends;
		double y = top + row_h * (double)i;

		mj_buf_adds(b, "<text class=\"axis\" x=\"0\" y=\"");
		mj_buf_addf(b, "%.0f\">", y + 12);
		mj_html_escape(b, r->slug);
		mj_buf_adds(b, "</text>\n");
		if (r->started == MJ_DATE_NONE || end == MJ_DATE_NONE)
			continue;
		mj_buf_addf(b, "<rect class=\"term-%s\" x=\"%.1f\" y=\"%.0f\" "
			       "width=\"%.1f\" height=\"%.0f\"/>\n",
			    mj_status_name(r->status), x_of(&s, r->started), y + 2,
			    x_of(&s, end) - x_of(&s, r->started) + 0.5, row_h - 5);
	}
	if (today >= s.from && today <= s.to)
		mj_buf_addf(b, "<line class=\"today\" x1=\"%.1f\" x2=\"%.1f\" "
			       "y1=\"%.0f\" y2=\"%.0f\"/>\n", x_of(&s, today),
			    x_of(&s, today), top - 4, h - 26);
	mj_buf_addf(b, "<text class=\"axis\" x=\"%.0f\" y=\"%.0f\">%s</text>\n"
		       "<text class=\"axis\" x=\"%.0f\" y=\"%.0f\" text-anchor=\"end\">"
		       "%s</text>\n</svg>\n</div>\n", left, h - 8,
		    mj_date_format(s.from, a), w - 10, h - 8, mj_date_format(s.to, c));
	mj_buf_adds(b, "<ul class=\"legend\" aria-label=\"Legend of the terms\">\n"
		       "<li><svg viewBox=\"0 0 14 14\" aria-hidden=\"true\"><rect "
		       "class=\"term-active\" x=\"0\" y=\"3\" width=\"14\" height=\"8\"/>"
		       "</svg>active</li>\n<li><svg viewBox=\"0 0 14 14\" aria-hidden="
		       "\"true\"><rect class=\"term-closed\" x=\"0\" y=\"3\" width=\"14\" "
		       "height=\"8\"/></svg>closed</li>\n<li><svg viewBox=\"0 0 14 14\" "
		       "aria-hidden=\"true\"><rect class=\"term-ended-early\" x=\"0\" "
		       "y=\"3\" width=\"14\" height=\"8\"/></svg>ended early</li>\n"
		       "<li><svg viewBox=\"0 0 14 14\" aria-hidden=\"true\"><line "
		       "class=\"today\" x1=\"7\" x2=\"7\" y1=\"0\" y2=\"14\"/></svg>"
		       "today</li>\n</ul>\n");
}

static void share_line(struct mj_buf *b, const char *what, size_t part,
		       size_t whole)
{
	if (whole)
		mj_buf_addf(b, "<li><strong>%zu%%</strong> %s (%zu of %zu)</li>\n",
			    (part * 100 + whole / 2) / whole, what, part, whole);
}

void mj_report_programme(const struct mj_prog_row *rows, size_t n,
			 const struct mj_prog_figures *f, size_t journals,
			 const char *css, mj_date today, struct mj_report *out)
{
	struct mj_buf b = MJ_BUF_INIT;
	static const char *const by_mentor[] = { "Mentor", "Hours", NULL };
	static const char *const columns[] = {
		"Relationship", "Journal", "People", "Stage", "Status",
		"Held / missed", "Hours", "Last held", "Ends",
		"Open / late actions", "Errors / warnings", NULL,
	};
	char date[MJ_DATE_TEXT_SIZE], hours[16];

	memset(out, 0, sizeof(*out));
	page_start(&b, "Mentoring programme");
	mj_format_hours(f->minutes, hours, sizeof(hours));
	mj_buf_addf(&b, "<header>\n<h1>Mentoring programme</h1>\n<p>%zu journal%s, "
		       "%zu relationship%s, as of %s</p>\n</header>\n<main>\n"
		       "<h2>At a glance</h2>\n<ul class=\"totals\">\n"
		       "<li><strong>%s</strong> hours of mentoring</li>\n"
		       "<li><strong>%d</strong> sessions held, <strong>%d</strong> "
		       "missed</li>\n", journals, journals == 1 ? "" : "s", n,
		    n == 1 ? "" : "s", mj_date_format(today, date), hours, f->held,
		    f->missed);
	if (f->median_gap_days >= 0)
		mj_buf_addf(&b, "<li><strong>%d</strong> days between sessions "
			       "(median)</li>\n", f->median_gap_days);
	share_line(&b, "of the relationships that ended, ended early",
		   f->ended_early, f->ended);
	share_line(&b, "of the closed ones, closed with a complete closing "
		   "session", f->closed_complete, f->closed);
	mj_buf_adds(&b, "</ul>\n<h3>By stage</h3>\n<ul class=\"totals\">\n");
	for (size_t i = 0; i < f->by_stage.len; i++)
		mj_buf_addf(&b, "<li><strong>%d</strong> %s</li>\n",
			    f->by_stage.items[i].value, f->by_stage.items[i].key);
	mj_buf_adds(&b, "</ul>\n<h3>By status</h3>\n<ul class=\"totals\">\n");
	for (size_t i = 0; i < f->by_status.len; i++)
		mj_buf_addf(&b, "<li><strong>%d</strong> %s</li>\n",
			    f->by_status.items[i].value, f->by_status.items[i].key);
	mj_buf_adds(&b, "</ul>\n<h2 id=\"per-month\">Sessions per month</h2>\n");
	months_svg(&b, f);
	mj_buf_adds(&b, "<h2 id=\"terms\">Terms</h2>\n");
	terms_svg(&b, rows, n, today);
	mj_buf_adds(&b, "<h2>Hours per mentor</h2>\n");
	table_start(&b, "months", "Hours of held sessions, per mentor", by_mentor);
	for (size_t i = 0; i < f->mentor_minutes.len; i++) {
		mj_format_hours(f->mentor_minutes.items[i].value, hours, sizeof(hours));
		mj_buf_adds(&b, "<tr><th scope=\"row\">");
		mj_html_escape(&b, f->mentor_minutes.items[i].key);
		mj_buf_addf(&b, "</th><td class=\"num\">%s</td></tr>\n", hours);
	}
	table_end(&b);
	mj_buf_adds(&b, "<h2>Relationships</h2>\n");
	table_start(&b, "relationships", "Every relationship: figures only, never "
		    "a word of a note", columns);
	for (size_t i = 0; i < n; i++) {
		const struct mj_prog_row *r = &rows[i];
		char last[MJ_DATE_TEXT_SIZE], ends[MJ_DATE_TEXT_SIZE];

		mj_buf_adds(&b, "<tr><th scope=\"row\">");
		mj_html_escape(&b, r->slug);
		mj_buf_adds(&b, "</th>");
		cell(&b, "Journal", NULL);
		mj_html_escape(&b, r->journal);
		mj_buf_adds(&b, "</td>");
		cell(&b, "People", "people");
		mj_html_escape(&b, r->mentor);
		mj_buf_adds(&b, " &rarr; ");
		for (size_t k = 0; k < r->mentees.len; k++) {
			if (k)
				mj_buf_adds(&b, ", ");
			mj_html_escape(&b, r->mentees.items[k]);
		}
		mj_buf_adds(&b, "</td>");
		mj_format_hours(r->minutes, hours, sizeof(hours));
		cell(&b, "Stage", NULL);
		mj_buf_addf(&b, "%s</td>", mj_stage_name(r->stage));
		cell(&b, "Status", NULL);
		mj_buf_addf(&b, "%s</td>", mj_status_name(r->status));
		cell(&b, "Held / missed", "num");
		mj_buf_addf(&b, "%d / %d</td>", r->held, r->missed);
		cell(&b, "Hours", "num");
		mj_buf_addf(&b, "%s</td>", hours);
		cell(&b, "Last held", NULL);
		mj_buf_addf(&b, "%s</td>", mj_date_format(r->last_held, last));
		cell(&b, "Ends", NULL);
		mj_buf_addf(&b, "%s</td>", mj_date_format(r->ends, ends));
		cell(&b, "Open / late actions", "num");
		mj_buf_addf(&b, "%d / %d</td>", r->open_actions, r->late_actions);
		cell(&b, "Errors / warnings", "num");
		mj_buf_addf(&b, "%d / %d</td></tr>\n", r->errors, r->warnings);
	}
	table_end(&b);
	mj_buf_adds(&b, "</main>\n");
	page_end(&b, today);
	add_page(out, mj_xstrdup("index.html"), mj_buf_detach(&b));
	add_page(out, mj_xstrdup("style.css"), mj_xstrdup(css ? css : ""));
}

void mj_report_free(struct mj_report *report)
{
	for (size_t i = 0; i < report->len; i++) {
		free(report->pages[i].name);
		free(report->pages[i].text);
	}
	free(report->pages);
	memset(report, 0, sizeof(*report));
}
