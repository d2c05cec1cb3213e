/*
 * report.c - the programme report as static HTML.
 *
 * Every text that comes from the journal is escaped here (mj_html_escape)
 * or rendered by cmark in its safe mode (the summaries), so nothing a note
 * contains can run in a reader's browser.
 */
#include "mj_report.h"
#include "mj_stats.h"
#include "mj_summary.h"
#include "mj_template.h"
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

static const char *marker_class(enum mj_attendance a)
{
	return a == MJ_ATTENDANCE_HELD ? "held" :
	       a == MJ_ATTENDANCE_NO_SHOW ? "missed" : "moved";
}

/*
 * The timeline of rel as SVG: stages as bands, sessions as dots (held
 * filled, no-shows hollow, moved or cancelled grey), today as a dashed line.
 * small: the index's sparkline, without labels.
 */
static void timeline_svg(struct mj_buf *b, const struct mj_relationship *rel,
			 mj_date today, bool small)
{
	const double width = small ? 160 : 800, height = small ? 20 : 96;
	const double band_y = small ? 2 : 20, band_h = small ? 16 : 40;
	struct scale s = { 0, 0, small ? 4 : 16, width - (small ? 8 : 32) };
	enum mj_stage reached = MJ_STAGE_NONE;
	char date[MJ_DATE_TEXT_SIZE];
	mj_date end;

	span(rel, today, &s.from, &s.to);
	end = rel->agreement.status_value != MJ_STATUS_ACTIVE &&
	      rel->agreement.closed_date != MJ_DATE_NONE ?
	      rel->agreement.closed_date : s.to;
	mj_buf_addf(b, "<svg class=\"%s\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
		       "aria-label=\"Timeline of %s\">\n",
		    small ? "spark" : "timeline", width, height, rel->slug);
	/* stage bands: from a stage's first note to the next stage's */
	for (size_t i = 0; i < rel->n_notes; i++) {
		const struct mj_note *n = &rel->notes[i];
		mj_date start = mj_note_effective_date(n), stop = end;
		if (n->stage == MJ_STAGE_NONE || start == MJ_DATE_NONE ||
		    (int)n->stage <= (int)reached)
			continue;
		reached = n->stage;
		for (size_t k = i + 1; k < rel->n_notes; k++)
			if ((int)rel->notes[k].stage > (int)reached &&
			    mj_note_effective_date(&rel->notes[k]) != MJ_DATE_NONE) {
				stop = mj_note_effective_date(&rel->notes[k]);
				break;
			}
		if (n->stage == MJ_STAGE_FOLLOW_UP)
			stop = s.to;
		mj_buf_addf(b, "<rect class=\"band-%s\" x=\"%.1f\" y=\"%.0f\" "
			       "width=\"%.1f\" height=\"%.0f\"><title>%s from %s"
			       "</title></rect>\n",
			    mj_stage_name(n->stage), x_of(&s, start), band_y,
			    x_of(&s, stop) - x_of(&s, start) + 0.5, band_h,
			    mj_stage_name(n->stage), mj_date_format(start, date));
	}
	if (today >= s.from && today <= s.to)
		mj_buf_addf(b, "<line class=\"today\" x1=\"%.1f\" x2=\"%.1f\" "
			       "y1=\"%.0f\" y2=\"%.0f\"><title>today</title></line>\n",
			    x_of(&s, today), x_of(&s, today), band_y - 2,
			    band_y + band_h + 2);
	for (size_t i = 0; i < rel->n_notes; i++) {
		const struct mj_note *n = &rel->notes[i];
		mj_date d = mj_note_effective_date(n);
		if (n->attendance == MJ_ATTENDANCE_NONE || d == MJ_DATE_NONE)
			continue;
		mj_buf_addf(b, "<circle class=\"%s\" cx=\"%.1f\" cy=\"%.0f\" r=\"%s\">"
			       "<title>%s, %s", marker_class(n->attendance),
			    x_of(&s, d), band_y + band_h / 2, small ? "2.5" : "6",
			    mj_date_format(d, date), mj_attendance_name(n->attendance));
		if (n->title) {
			mj_buf_adds(b, ": ");
			mj_html_escape(b, n->title);
		}
		mj_buf_adds(b, "</title></circle>\n");
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

static char *index_page(const struct mj_journal *j, const struct row *rows,
			size_t n, mj_date today)
{
	struct mj_buf b = MJ_BUF_INIT;
	const char *name = j->config.name.text ? j->config.name.text : "Mentoring journal";
	char date[MJ_DATE_TEXT_SIZE];

	page_start(&b, name);
	mj_buf_adds(&b, "<header>\n<h1>");
	mj_html_escape(&b, name);
	mj_buf_addf(&b, "</h1>\n<p>%zu relationship%s, as of %s</p>\n</header>\n",
		    n, n == 1 ? "" : "s", mj_date_format(today, date));
	mj_buf_adds(&b, "<div class=\"table-wrap\">\n<table>\n<thead><tr>"
			"<th>Relationship</th><th class=\"optional\">People</th>"
			"<th class=\"optional optional-wide\">Type</th><th>Stage</th><th>Health</th>"
			"<th class=\"optional\">Last met</th><th class=\"narrow\">Next due</th>"
			"<th class=\"optional\">Held / missed</th>"
			"<th class=\"optional\">Timeline</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < n; i++) {
		const struct row *r = &rows[i];
		const struct mj_agreement *a = &r->view.agreement;
		char last[MJ_DATE_TEXT_SIZE], next[MJ_DATE_TEXT_SIZE];

		mj_buf_addf(&b, "<tr id=\"%s\"><td><a href=\"%s.html\">%s</a></td>"
			       "<td class=\"optional\">", r->view.slug, r->view.slug,
			    r->view.slug);
		people(&b, a);
		mj_buf_addf(&b, "</td><td class=\"optional optional-wide\">%s</td><td>%s</td><td>",
			    a->present ? mj_type_name(a->type_value) : "-",
			    r->stats.ended ? mj_status_name(a->status_value) :
					     mj_stage_name(r->stats.stage));
		health(&b, r);
		mj_buf_addf(&b, "</td><td class=\"optional\">%s</td><td class=\"narrow\">%s</td>"
			       "<td class=\"optional num\">%d / %d</td>"
			       "<td class=\"optional\">",
			    mj_date_format(r->stats.last_met, last),
			    r->stats.ended ? "-" : mj_date_format(r->stats.next_due, next),
			    r->stats.held, r->stats.missed);
		timeline_svg(&b, &r->view, today, true);
		mj_buf_adds(&b, "</td></tr>\n");
	}
	mj_buf_adds(&b, "</tbody>\n</table>\n</div>\n");
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
	mj_buf_adds(&b, "<nav><a href=\"index.html\">&larr; All relationships</a>"
			"</nav>\n<main>\n");
	/* the timeline goes after the summary's overview, before its sections */
	char *first_section = strstr(summary, "<h2>");
	size_t head = first_section ? (size_t)(first_section - summary) : strlen(summary);
	mj_buf_add(&b, summary, head);
	mj_buf_adds(&b, "<h2>Timeline</h2>\n");
	timeline_svg(&b, &r->view, today, false);
	mj_buf_adds(&b, "<p class=\"legend\"><span><i class=\"key-held\"></i>held"
			"</span><span><i class=\"key-missed\"></i>no-show</span>"
			"<span><i class=\"key-moved\"></i>moved or cancelled</span>"
			"<span>bands: the stages</span></p>\n");
	mj_buf_adds(&b, summary + head);
	mj_buf_adds(&b, "</main>\n");
	page_end(&b, today);
	free(summary);
	mj_doc_free(doc);
	return mj_buf_detach(&b);
}

void mj_report_build(const struct mj_journal *journal,
		     const struct mj_source *src, mj_date today,
		     struct mj_report *out)
{
	struct mj_validate_options vopts = { today, false };
	struct row *rows = mj_xcalloc(journal->n_relationships + 1, sizeof(*rows));
	char *css = mj_template_load(journal->root, "report.css");

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < journal->n_relationships; i++) {
		struct mj_diags diags = MJ_DIAGS_INIT;
		mj_relationship_view(&journal->relationships[i], false, &rows[i].view);
		mj_stats_compute(&rows[i].view, today, &rows[i].stats);
		mj_validate_relationship(&rows[i].view, &vopts, &diags);
		rows[i].errors = mj_diags_count(&diags, MJ_LEVEL_ERROR);
		rows[i].warnings = mj_diags_count(&diags, MJ_LEVEL_WARNING);
		mj_diags_free(&diags);
	}
	add_page(out, mj_xstrdup("index.html"),
		 index_page(journal, rows, journal->n_relationships, today));
	for (size_t i = 0; i < journal->n_relationships; i++)
		add_page(out, mj_xasprintf("%s.html", rows[i].view.slug),
			 relationship_page(journal, &rows[i], src, today));
	add_page(out, mj_xstrdup("style.css"), css ? css : mj_xstrdup(""));
	for (size_t i = 0; i < journal->n_relationships; i++)
		mj_relationship_view_free(&rows[i].view);
	free(rows);
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
