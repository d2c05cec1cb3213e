/*
 * report.c - the programme report as static HTML.
 *
 * Every text that comes from the journal is escaped here (mj_html_escape)
 * or rendered by cmark in its safe mode (the summaries), so nothing a note
 * contains can run in a reader's browser.
 */
#include "mj_report.h"
#include "mj_fs.h"
#include "mj_programme.h"
#include "mj_stats.h"
#include "mj_summary.h"
#include "mj_template.h"
#include "mj_validate.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* A page's head: the stylesheet is style.css beside it, or css itself
 * when given (a page that stands alone); the fingerprint of its inputs
 * when not 0 (mj_report_reuse) */
static void page_head(struct mj_buf *b, const char *title, const char *css,
		      uint64_t inputs)
{
	mj_buf_adds(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		       "<meta charset=\"utf-8\">\n"
		       "<meta name=\"viewport\" content=\"width=device-width, "
		       "initial-scale=1\">\n<title>");
	mj_html_escape(b, title);
	mj_buf_adds(b, "</title>\n");
	if (inputs)
		mj_buf_addf(b, MJ_REPORT_INPUTS_META "%016llx\">\n",
			    (unsigned long long)inputs);
	if (!css) {
		mj_buf_adds(b, "<link rel=\"stylesheet\" href=\"style.css\">\n");
	} else {
		/* "<" is never CSS outside a string, where "\3C " says
		 * the same: no "</style>" can end the sheet early */
		mj_buf_adds(b, "<style>\n");
		for (const char *p = css; *p; p++)
			if (*p == '<')
				mj_buf_adds(b, "\\3C ");
			else
				mj_buf_add(b, p, 1);
		mj_buf_adds(b, "</style>\n");
	}
	mj_buf_adds(b, "</head>\n<body>\n");
}

static void page_start(struct mj_buf *b, const char *title)
{
	page_head(b, title, NULL, 0);
}

char *mj_report_standalone(const char *title, const char *css,
			   const char *body)
{
	struct mj_buf b = MJ_BUF_INIT;

	page_head(&b, title, css ? css : "", 0);
	mj_buf_adds(&b, "<main>\n");
	mj_buf_adds(&b, body);
	mj_buf_adds(&b, "</main>\n</body>\n</html>\n");
	return mj_buf_detach(&b);
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
		       "aria-labelledby=\"%s-%s-t\" aria-describedby=\"%s-%s-d\">\n"
		       "<title id=\"%s-%s-t\">"
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
		/* told apart without colour: a divider where a band starts,
		 * and its name, or its initial where the name does not fit */
		if (i)
			mj_buf_addf(b, "<line class=\"band-edge\" x1=\"%.1f\" "
				       "x2=\"%.1f\" y1=\"%.0f\" y2=\"%.0f\"/>\n", x, x,
				    band_y, band_y + band_h);
		if (!small && w > 64)
			mj_buf_addf(b, "<text class=\"band-name\" x=\"%.1f\" y=\"%.0f\">"
				       "%s</text>\n", x + 4, band_y + 12,
				    mj_stage_name(bands[i].stage));
		else if (!small && w > 10)
			mj_buf_addf(b, "<text class=\"band-name\" x=\"%.1f\" y=\"%.0f\">"
				       "%c</text>\n", x + 2, band_y + 12,
				    (char)(mj_stage_name(bands[i].stage)[0] - 'a' + 'A'));
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
			       "height=\"10\"/></svg>%c&nbsp;%s</li>\n", stages[i],
			    (char)(stages[i][0] - 'a' + 'A'), stages[i]);
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
 * headings of its columns, NULL-ended; sorted: the column its rows are in
 * ascending order of, said with aria-sort (-1: none said). */
static void table_start_sorted(struct mj_buf *b, const char *cls,
			       const char *caption, const char *const *columns,
			       int sorted)
{
	/* a region one can reach with the keyboard, to scroll a wide table */
	mj_buf_addf(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
		       "aria-label=\"%s\">\n<table class=\"%s\">\n"
		       "<caption>%s</caption>\n<thead><tr>", caption, cls, caption);
	for (int i = 0; columns[i]; i++)
		mj_buf_addf(b, "<th scope=\"col\"%s>%s</th>", i == sorted ?
			    " aria-sort=\"ascending\"" : "", columns[i]);
	mj_buf_adds(b, "</tr></thead>\n<tbody>\n");
}

static void table_start(struct mj_buf *b, const char *cls, const char *caption,
			const char *const *columns)
{
	table_start_sorted(b, cls, caption, columns, -1);
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

/* A relationship's row of the index. */
static void index_row(struct mj_buf *b, const struct row *r, mj_date today)
{
	const struct mj_agreement *a = &r->view.agreement;
	char last[MJ_DATE_TEXT_SIZE], next[MJ_DATE_TEXT_SIZE];

	mj_buf_addf(b, "<tr id=\"%s\"><th scope=\"row\"><a href=\"%s.html\">"
		       "%s</a></th>", r->view.slug, r->view.slug, r->view.slug);
	cell(b, "People", "people");
	people(b, a);
	mj_buf_adds(b, "</td>");
	cell(b, "Type", NULL);
	mj_buf_addf(b, "%s</td>", a->present ? mj_type_name(a->type_value) : "-");
	cell(b, "Stage", NULL);
	mj_buf_addf(b, "%s</td>", mj_stage_name(r->stats.stage));
	cell(b, "Health", NULL);
	health(b, r);
	mj_buf_adds(b, "</td>");
	cell(b, "Last met", NULL);
	mj_buf_addf(b, "%s</td>", mj_date_format(r->stats.last_met, last));
	cell(b, "Next due", NULL);
	mj_buf_addf(b, "%s</td>", r->stats.ended ? "-" :
		    mj_date_format(r->stats.next_due, next));
	cell(b, "Held / missed", "num");
	mj_buf_addf(b, "%d / %d</td>", r->stats.held, r->stats.missed);
	cell(b, "Timeline", "spark-cell");
	timeline_svg(b, &r->view, today, true);
	mj_buf_adds(b, "</td></tr>\n");
}

/* The index up to its rows: the totals (n relationships, ending of them
 * ending within 60 days), then the head of the table of rows. */
static void index_head(struct mj_buf *b, const struct mj_journal *j, size_t n,
		       size_t ending, const struct mj_prog_figures *figures,
		       mj_date today)
{
	const char *name = j->config.name.text ? j->config.name.text : "Mentoring journal";
	static const char *const columns[] = {
		"Relationship", "People", "Type", "Stage", "Health", "Last met",
		"Next due", "Held / missed", "Timeline", NULL,
	};
	char date[MJ_DATE_TEXT_SIZE];

	page_start(b, name);
	mj_buf_adds(b, "<header>\n<h1>");
	mj_html_escape(b, name);
	mj_buf_addf(b, "</h1>\n<p>%zu relationship%s, as of %s</p>\n</header>\n"
		       "<main>\n", n, n == 1 ? "" : "s", mj_date_format(today, date));
	totals(b, figures, ending);
	mj_buf_adds(b, "<h2 id=\"all\">Relationships</h2>\n");
	table_start(b, "relationships", "Every relationship: its people, stage, "
		    "health, meetings and timeline", columns);
}

/* The index after its rows. */
static void index_tail(struct mj_buf *b, mj_date today)
{
	table_end(b);
	legend(b);
	mj_buf_adds(b, "</main>\n");
	page_end(b, today);
}

/*
 * The fingerprint of what rel's page is built from (mj_report_reuse); 0
 * when it has none: a note not read from the work tree, or changed within
 * two seconds of now.
 */
static uint64_t page_inputs(const struct mj_relationship *rel, mj_date today,
			    int64_t now, const char *build)
{
	uint64_t h = mj_hash(build, strlen(build) + 1, MJ_HASH_SEED);

	h = mj_hash(&today, sizeof(today), h);
	h = mj_hash(rel->slug, strlen(rel->slug) + 1, h);
	h = mj_hash(&rel->agreement.present, sizeof(rel->agreement.present), h);
	h = mj_hash(&rel->agreement.text_hash, sizeof(rel->agreement.text_hash), h);
	for (size_t i = 0; i < rel->n_notes; i++) {
		const struct mj_note *n = &rel->notes[i];
		const struct mj_stamp *st = &n->stamp;
		int64_t parts[] = { st->size, st->mtime_sec, st->mtime_nsec,
				    st->ctime_sec, st->ctime_nsec,
				    (int64_t)st->ino, n->is_private };

		if (!n->has_stamp || st->mtime_sec >= now - 2 ||
		    st->ctime_sec >= now - 2)
			return 0;
		h = mj_hash(n->file, strlen(n->file) + 1, h);
		h = mj_hash(parts, sizeof(parts), h);
	}
	return h ? h : 1;
}

static char *relationship_page(const struct row *r, const struct mj_source *src,
			       mj_date today, uint64_t inputs)
{
	struct mj_buf b = MJ_BUF_INIT;
	struct mj_summary_options opts = { today, false, NULL };
	struct mj_doc *doc = mj_summary_build(&r->view, src, &opts);
	char *summary = mj_doc_render(doc, MJ_DOC_HTML);

	page_head(&b, r->view.slug, NULL, inputs);
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

/*
 * What the report keeps of a relationship read: its row of the index, its
 * programme row (the totals are the programme's own figures,
 * mj_programme.h) and its page, written as it is made when there is an
 * output (page then NULL).
 */
struct report_read {
	char *index_row; /* NULL: it is in the reader's spill, at row_at */
	off_t row_at;
	size_t row_len;
	struct mj_prog_row prog;
	bool ending;    /* its term ends within 60 days */
	char *name;     /* its page's name */
	char *page;
};

static void reader_start(void *ctx, size_t n)
{
	struct mj_report_reader *r = ctx;

	mj_slots_start(&r->slots, n, sizeof(struct report_read));
}

/* Is the page name kept as it is (under the reader's lock: the output is
 * one, the loader's threads several). */
static bool page_kept(struct mj_report_reader *r, const char *name,
		      uint64_t inputs)
{
	bool kept;

	pthread_mutex_lock(&r->lock);
	kept = r->output->kept(r->output->ctx, name, inputs);
	pthread_mutex_unlock(&r->lock);
	return kept;
}

/*
 * Keeps a relationship's row of the index, row, until the index is
 * made: in the reader's spill, a file, so that the index does not hold
 * the journal's memory (some 5 KB a relationship: 100 MB at 20,000), or,
 * without one or when it cannot be written, in memory.
 */
static void keep_row(struct mj_report_reader *r, struct report_read *read,
		     struct mj_buf *row)
{
	bool spilled = false;

	pthread_mutex_lock(&r->lock);
	if (r->spill >= 0) {
		read->row_at = r->spilled;
		read->row_len = row->len;
		spilled = mj_fs_pwrite_all(r->spill, row->ptr, row->len,
					   r->spilled) == 0;
		if (spilled)
			r->spilled += (off_t)row->len;
	}
	pthread_mutex_unlock(&r->lock);
	if (spilled)
		mj_buf_free(row);
	else
		read->index_row = mj_buf_detach(row);
}

static void reader_each(void *ctx, size_t slot, struct mj_relationship *rel)
{
	struct mj_report_reader *r = ctx;
	struct report_read *read = mj_slots_take(&r->slots, slot);
	struct mj_validate_options vopts = { r->today, false };
	struct mj_diags diags = MJ_DIAGS_INIT;
	struct mj_buf b = MJ_BUF_INIT;
	const struct mj_agreement *a;
	struct row row;
	uint64_t inputs = 0;

	mj_relationship_view(rel, false, &row.view);
	mj_stats_compute(&row.view, r->today, &row.stats);
	mj_validate_relationship(&row.view, &vopts, &diags);
	row.errors = mj_diags_count(&diags, MJ_LEVEL_ERROR);
	row.warnings = mj_diags_count(&diags, MJ_LEVEL_WARNING);
	mj_diags_free(&diags);
	index_row(&b, &row, r->today);
	keep_row(r, read, &b);
	mj_prog_row_make(&read->prog, "", rel, r->today);
	a = &row.view.agreement;
	read->ending = !row.stats.ended && a->ends_date != MJ_DATE_NONE &&
		       a->ends_date >= r->today && a->ends_date - r->today <= 60;
	read->name = mj_xasprintf("%s.html", rel->slug);
	if (r->output)
		inputs = page_inputs(&row.view, r->today, r->output->now,
				     r->output->build);
	if (!inputs || !page_kept(r, read->name, inputs))
		read->page = relationship_page(&row, r->src, r->today, inputs);
	if (r->output && read->page) {
		pthread_mutex_lock(&r->lock);
		r->output->write(r->output->ctx, read->name, read->page);
		pthread_mutex_unlock(&r->lock);
		free(read->page);
		read->page = NULL;
	}
	mj_relationship_view_free(&row.view);
}

void mj_report_reader_init(struct mj_report_reader *reader,
			   const struct mj_source *src, mj_date today,
			   const struct mj_report_output *output,
			   struct mj_visitor *visitor)
{
	memset(reader, 0, sizeof(*reader));
	reader->src = src;
	reader->today = today;
	reader->output = output;
	reader->spill = output && output->spill ? output->spill(output->ctx) : -1;
	pthread_mutex_init(&reader->lock, NULL);
	*visitor = (struct mj_visitor){ reader_start, reader_each, reader };
}

/* A page made: kept in out, or handed to output and let go. */
static void made(struct mj_report *out, const struct mj_report_output *output,
		 char *name, char *text)
{
	if (output && text) {
		output->write(output->ctx, name, text);
		free(text);
		text = NULL;
	}
	add_page(out, name, text);
}

/* The index: its head, each relationship's row in the journal's order,
 * its tail; written in parts as it is made when there is an output.  0,
 * or -1 with errno when a row could not be read back (nothing made). */
static int make_index(struct mj_report_reader *reader,
		      const struct mj_journal *journal,
		      const struct report_read *read, size_t n, size_t ending,
		      const struct mj_prog_figures *figures, struct mj_report *out)
{
	const struct mj_report_output *output = reader->output;
	struct mj_buf b = MJ_BUF_INIT;
	bool parts = output && output->part;
	char *row = NULL;
	size_t cap = 0;
	int rc = 0;

	index_head(&b, journal, n, ending, figures, reader->today);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		if (read[i].index_row) {
			mj_buf_adds(&b, read[i].index_row);
		} else {
			mj_grow((void **)&row, &cap, read[i].row_len, 1);
			rc = mj_fs_pread_all(reader->spill, row, read[i].row_len,
					     read[i].row_at);
			mj_buf_add(&b, row, read[i].row_len);
		}
		if (parts && b.len >= 65536) {
			output->part(output->ctx, "index.html", b.ptr);
			b.len = 0;
			b.ptr[0] = '\0';
		}
	}
	index_tail(&b, reader->today);
	if (rc < 0) {
		/* a page begun and never ended is not put in place */
	} else if (parts) {
		output->part(output->ctx, "index.html", b.ptr);
		output->part(output->ctx, "index.html", NULL);
		add_page(out, mj_xstrdup("index.html"), NULL);
	} else {
		made(out, output, mj_xstrdup("index.html"), mj_buf_detach(&b));
	}
	mj_buf_free(&b);
	free(row);
	return rc;
}

int mj_report_reader_finish(struct mj_report_reader *reader,
			    const struct mj_journal *journal, const char *css,
			    struct mj_report *out)
{
	size_t n = mj_slots_pack(&reader->slots);
	struct report_read *read = reader->slots.records;
	struct mj_prog_row *prog = mj_xcalloc(n + 1, sizeof(*prog));
	const char *name = journal && journal->config.name.text ?
			   journal->config.name.text : "";
	struct mj_prog_figures figures;
	size_t ending = 0;
	int rc = 0, saved;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < n; i++) {
		prog[i] = read[i].prog;
		free(prog[i].journal);
		prog[i].journal = mj_xstrdup(name);
		ending += read[i].ending;
	}
	if (journal) { /* else the journal could not be read: nothing made */
		mj_prog_figures(prog, n, &figures);
		rc = make_index(reader, journal, read, n, ending, &figures, out);
		mj_prog_figures_free(&figures);
	}
	for (size_t i = 0; i < n; i++) {
		mj_prog_row_free(&prog[i]);
		free(read[i].index_row);
		if (journal)
			add_page(out, read[i].name, read[i].page);
		else
			free(read[i].name), free(read[i].page);
	}
	if (journal)
		made(out, reader->output, mj_xstrdup("style.css"),
		     mj_xstrdup(css ? css : ""));
	saved = errno;
	if (reader->spill >= 0)
		close(reader->spill);
	free(prog);
	mj_slots_free(&reader->slots);
	pthread_mutex_destroy(&reader->lock);
	errno = saved;
	return rc;
}

void mj_report_build(struct mj_journal *journal,
		     const struct mj_source *src, const char *css,
		     mj_date today, const struct mj_report_output *output,
		     struct mj_report *out)
{
	struct mj_report_reader reader;
	struct mj_visitor visitor;

	mj_report_reader_init(&reader, src, today, output, &visitor);
	visitor.start(visitor.ctx, journal->n_relationships);
	for (size_t i = 0; i < journal->n_relationships; i++)
		visitor.each(visitor.ctx, i, &journal->relationships[i]);
	mj_report_reader_finish(&reader, journal, css, out);
}

/* ---- the programme site: built from programme rows, no word of a note ---- */

/* Sessions per month as bars: held above the line, missed below. */
/*
 * Sessions per month as bars: held above the line, missed below it, on
 * one scale (a session is as tall up as down), with the scale drawn: the
 * line is 0, the top the most held in a month, the bottom the most
 * missed, each labelled.
 */
static void months_svg(struct mj_buf *b, const struct mj_prog_figures *f)
{
	const double w = 800, h = 200, top = 20, bottom = 172, left = 64;
	double bar = f->months.len ? (w - left - 10) / (double)f->months.len : 0;
	double unit, base;
	int most_held = 0, most_missed = 0;

	for (size_t i = 0; i < f->months.len; i++) {
		if (f->months.items[i].held > most_held)
			most_held = f->months.items[i].held;
		if (f->months.items[i].missed > most_missed)
			most_missed = f->months.items[i].missed;
	}
	if (!most_held && !most_missed)
		most_held = 1;
	unit = (bottom - top) / (double)(most_held + most_missed);
	base = top + unit * most_held;
	mj_buf_addf(b, "<div class=\"chart\" tabindex=\"0\" role=\"region\" "
		       "aria-labelledby=\"per-month\">\n<svg class=\"timeline\" "
		       "viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-labelledby="
		       "\"months-t\" aria-describedby=\"months-d\">\n<title id="
		       "\"months-t\">Sessions per "
		       "month</title>\n<desc id=\"months-d\">", w, h);
	for (size_t i = 0; i < f->months.len; i++)
		mj_buf_addf(b, "%s%s: %d held, %d missed", i ? "; " : "",
			    f->months.items[i].key, f->months.items[i].held,
			    f->months.items[i].missed);
	mj_buf_addf(b, "%s.</desc>\n", f->months.len ? "" : "No sessions yet");
	/* the scale: the axis, 0 on the line, the most held at the top and
	 * the most missed at the bottom, each with its tick */
	mj_buf_addf(b, "<line class=\"base\" x1=\"%.0f\" x2=\"%.0f\" y1=\"%.1f\" "
		       "y2=\"%.1f\"/>\n<line class=\"base\" x1=\"%.0f\" x2=\"%.0f\" "
		       "y1=\"%.0f\" y2=\"%.1f\"/>\n<text class=\"axis\" x=\"%.0f\" "
		       "y=\"%.1f\" text-anchor=\"end\">0</text>\n", left - 4, w - 10,
		    base, base, left - 4, left - 4, top,
		    base + unit * most_missed, left - 8, base + 4);
	if (most_held)
		mj_buf_addf(b, "<line class=\"base\" x1=\"%.0f\" x2=\"%.0f\" "
			       "y1=\"%.0f\" y2=\"%.0f\"/>\n<text class=\"axis\" "
			       "x=\"%.0f\" y=\"%.0f\" text-anchor=\"end\">%d held</text>\n",
			    left - 8, left - 4, top, top, left - 8, top + 4, most_held);
	if (most_missed)
		mj_buf_addf(b, "<line class=\"base\" x1=\"%.0f\" x2=\"%.0f\" "
			       "y1=\"%.1f\" y2=\"%.1f\"/>\n<text class=\"axis\" "
			       "x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">%d missed"
			       "</text>\n", left - 8, left - 4, bottom, bottom,
			    left - 8, bottom + 4, most_missed);
	for (size_t i = 0; i < f->months.len; i++) {
		const struct mj_prog_count *m = &f->months.items[i];
		double x = left + bar * (double)i + bar * 0.15;
		double held = unit * m->held, missed = unit * m->missed;

		mj_buf_addf(b, "<rect class=\"held\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
			       "height=\"%.1f\"><title>%s: %d held</title></rect>\n",
			    x, base - held, bar * 0.7, held, m->key, m->held);
		if (m->missed)
			mj_buf_addf(b, "<rect class=\"moved\" x=\"%.1f\" y=\"%.1f\" "
				       "width=\"%.1f\" height=\"%.1f\"><title>%s: %d "
				       "missed</title></rect>\n", x, base, bar * 0.7,
				    missed, m->key, m->missed);
		if (f->months.len <= 12 || i % 2 == 0)
			mj_buf_addf(b, "<text class=\"axis\" x=\"%.1f\" y=\"%.0f\" "
				       "text-anchor=\"middle\">%s</text>\n",
				    x + bar * 0.35, h - 6, m->key);
	}
	mj_buf_adds(b, "</svg>\n</div>\n");
	mj_buf_adds(b, "<ul class=\"legend\" aria-label=\"Legend of the bars\">\n"
		       "<li><svg viewBox=\"0 0 14 14\" aria-hidden=\"true\"><rect "
		       "class=\"held\" x=\"2\" y=\"2\" width=\"10\" height=\"10\"/>"
		       "</svg>sessions held (above the line)</li>\n<li><svg viewBox="
		       "\"0 0 14 14\" aria-hidden=\"true\"><rect class=\"moved\" x=\"2\" "
		       "y=\"2\" width=\"10\" height=\"10\"/></svg>missed: no-show or "
		       "cancelled (below, on the same scale)</li>\n</ul>\n");
}

/* Above this many relationships, the terms are summed up by month. */
#define TERMS_ONE_BY_ONE 60
/* The characters of a slug the terms chart has room for. */
#define TERMS_LABEL 28

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
		       "\"terms-t\" aria-describedby=\"terms-d\">\n<title id=\"terms-t\">The term of "
		       "every relationship</title>\n<desc id=\"terms-d\">From %s to "
		       "%s. ", w, h, mj_date_format(s.from, a), mj_date_format(s.to, c));
	for (size_t i = 0; i < n; i++)
		mj_buf_addf(b, "%s%s: %s from %s to %s", i ? "; " : "", rows[i].slug,
			    mj_prog_status_name(&rows[i]),
			    mj_date_format(rows[i].started, a),
			    mj_date_format(rows[i].closed != MJ_DATE_NONE ?
					   rows[i].closed : rows[i].ends, c));
	mj_buf_adds(b, ".</desc>\n");
	for (size_t i = 0; i < n; i++) {
		const struct mj_prog_row *r = &rows[i];
		mj_date end = r->closed != MJ_DATE_NONE ? r->closed : r->ends;
		double y = top + row_h * (double)i;

		/* a slug longer than its room is cut, whole in its title */
		mj_buf_adds(b, "<text class=\"axis\" x=\"0\" y=\"");
		mj_buf_addf(b, "%.0f\">", y + 12);
		if (strlen(r->slug) > TERMS_LABEL) {
			char cut[TERMS_LABEL + 1];
			memcpy(cut, r->slug, TERMS_LABEL);
			cut[TERMS_LABEL] = '\0';
			mj_html_escape(b, cut);
			mj_buf_adds(b, "&hellip;<title>");
			mj_html_escape(b, r->slug);
			mj_buf_adds(b, "</title>");
		} else {
			mj_html_escape(b, r->slug);
		}
		mj_buf_adds(b, "</text>\n");
		if (r->started == MJ_DATE_NONE || end == MJ_DATE_NONE)
			continue;
		mj_buf_addf(b, "<rect class=\"term-%s\" x=\"%.1f\" y=\"%.0f\" "
			       "width=\"%.1f\" height=\"%.0f\"/>\n",
			    mj_prog_status_name(r), x_of(&s, r->started), y + 2,
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

/*
 * A large programme's terms: how many end each month, as bars (one per
 * month from the first end to the last), with a short description; the
 * relationships table has every term.
 */
static void ends_svg(struct mj_buf *b, const struct mj_prog_row *rows, size_t n,
		     mj_date today)
{
	const double w = 800, h = 200, top = 20, base = 172, left = 64;
	int y0, m0, y1, m1, d, most = 1, over = 0, *count;
	mj_date first = MJ_DATE_NONE, last = MJ_DATE_NONE;
	size_t months, peak = 0;
	char a[MJ_DATE_TEXT_SIZE], c[MJ_DATE_TEXT_SIZE];
	double bar;

	for (size_t i = 0; i < n; i++) {
		mj_date e = rows[i].ends;
		if (e == MJ_DATE_NONE)
			continue;
		first = first == MJ_DATE_NONE || e < first ? e : first;
		last = last == MJ_DATE_NONE || e > last ? e : last;
		over += rows[i].term_over;
	}
	if (first == MJ_DATE_NONE)
		first = last = today;
	mj_date_to_ymd(first, &y0, &m0, &d);
	mj_date_to_ymd(last, &y1, &m1, &d);
	months = (size_t)((y1 - y0) * 12 + (m1 - m0) + 1);
	count = mj_xcalloc(months, sizeof(*count));
	for (size_t i = 0; i < n; i++) {
		int y, m;
		if (rows[i].ends == MJ_DATE_NONE)
			continue;
		mj_date_to_ymd(rows[i].ends, &y, &m, &d);
		count[(y - y0) * 12 + (m - m0)]++;
	}
	for (size_t i = 0; i < months; i++)
		if (count[i] > most || (count[i] == most && !count[peak]))
			most = count[peak = i];
	mj_buf_addf(b, "<div class=\"chart\" tabindex=\"0\" role=\"region\" "
		       "aria-labelledby=\"terms\">\n<svg class=\"timeline\" "
		       "viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-labelledby="
		       "\"terms-t\" aria-describedby=\"terms-d\">\n<title id="
		       "\"terms-t\">How many terms end each month</title>\n"
		       "<desc id=\"terms-d\">%zu relationships; their terms end "
		       "from %s to %s, the most in %04d-%02d (%d); %d past their "
		       "end and not closed. Every term is in the relationships "
		       "table.</desc>\n", w, h, n, mj_date_format(first, a),
		    mj_date_format(last, c), y0 + (m0 - 1 + (int)peak) / 12,
		    (m0 - 1 + (int)peak) % 12 + 1, most, over);
	bar = (w - left - 10) / (double)months;
	mj_buf_addf(b, "<line class=\"base\" x1=\"%.0f\" x2=\"%.0f\" y1=\"%.0f\" "
		       "y2=\"%.0f\"/>\n<text class=\"axis\" x=\"%.0f\" y=\"%.0f\" "
		       "text-anchor=\"end\">0</text>\n<text class=\"axis\" x=\"%.0f\" "
		       "y=\"%.0f\" text-anchor=\"end\">%d</text>\n", left - 4, w - 10,
		    base, base, left - 8, base + 4, left - 8, top + 4, most);
	for (size_t i = 0; i < months; i++) {
		int y = y0 + (m0 - 1 + (int)i) / 12, m = (m0 - 1 + (int)i) % 12 + 1;
		double x = left + bar * (double)i + bar * 0.15;
		double height = (base - top) * count[i] / most;

		mj_buf_addf(b, "<rect class=\"term-active\" x=\"%.1f\" y=\"%.1f\" "
			       "width=\"%.1f\" height=\"%.1f\"><title>%04d-%02d: %d "
			       "end</title></rect>\n", x, base - height, bar * 0.7,
			    height, y, m, count[i]);
		if (months <= 12 || i % ((months + 11) / 12) == 0)
			mj_buf_addf(b, "<text class=\"axis\" x=\"%.1f\" y=\"%.0f\" "
				       "text-anchor=\"middle\">%04d-%02d</text>\n",
				    x + bar * 0.35, h - 6, y, m);
	}
	mj_buf_addf(b, "</svg>\n</div>\n<p>Every relationship's term is in the "
		       "<a href=\"#all\">relationships table</a> (Ends).</p>\n");
	free(count);
}

static void share_line(struct mj_buf *b, const char *what, size_t part,
		       size_t whole)
{
	if (whole)
		mj_buf_addf(b, "<li><strong>%zu%%</strong> %s (%zu of %zu)</li>\n",
			    (part * 100 + whole / 2) / whole, what, part, whole);
}

/* The sources not read, and those read from an older copy, named. */
static void source_notices(struct mj_buf *b,
			   const struct mj_prog_source *sources, size_t n)
{
	bool any = false;

	for (size_t i = 0; i < n; i++) {
		const struct mj_prog_source *s = &sources[i];
		char date[MJ_DATE_TEXT_SIZE];

		if (s->same_as || !s->error)
			continue;
		mj_buf_adds(b, any ? "<li>" : "<ul class=\"notices\">\n<li>");
		any = true;
		mj_html_escape(b, s->shown);
		if (s->fetched != MJ_DATE_NONE)
			mj_buf_addf(b, ": cannot be reached; shown as its copy "
				       "fetched on %s</li>\n",
				    mj_date_format(s->fetched, date));
		else
			mj_buf_adds(b, ": not read, so not counted</li>\n");
	}
	if (any)
		mj_buf_adds(b, "</ul>\n");
}

/* A programme row's health in words: what check finds, and its flags
 * ("ok" when none). */
static void prog_health(struct mj_buf *b, const struct mj_prog_row *r)
{
	const char *flags[] = {
		r->overdue ? "overdue" : NULL, r->quiet ? "quiet" : NULL,
		r->term_over ? "term over" : NULL,
		r->no_agreement ? "no agreement" : NULL,
		r->private_tracked ? "private note in git" : NULL,
		r->fetched != MJ_DATE_NONE ? "from an older copy" : NULL,
	};
	bool any = r->errors || r->warnings;

	if (r->errors)
		mj_buf_addf(b, "%d error%s", r->errors, r->errors == 1 ? "" : "s");
	if (r->warnings)
		mj_buf_addf(b, "%s%d warning%s", r->errors ? ", " : "", r->warnings,
			    r->warnings == 1 ? "" : "s");
	for (size_t i = 0; i < MJ_ARRAY_SIZE(flags); i++)
		if (flags[i]) {
			mj_buf_addf(b, "%s<span class=\"flag\">%s</span>",
				    any ? " " : "", flags[i]);
			any = true;
		}
	if (!any)
		mj_buf_adds(b, "ok");
}

/* A row's id: the journal's name and the slug, unique in the page. */
static char *row_id(const struct mj_prog_row *r)
{
	char *journal = mj_slugify(r->journal, 40);
	char *id = mj_xasprintf("%s--%s", journal, r->slug);

	free(journal);
	return id;
}

/* Every relationship, first on the page: a row id each, and a list of
 * the letters slugs start with, linking to the first of each, to find a
 * pair without JavaScript in a long table. */
static void prog_table(struct mj_buf *b, const struct mj_prog_row *rows,
		       size_t n)
{
	static const char *const columns[] = {
		"Relationship", "Journal", "People", "Type", "Stage, status",
		"Health", "Last held, next due", "Ends",
		"Sessions held / missed, hours", "Actions open / late", NULL,
	};
	char first[128] = { 0 }, hours[16];

	mj_buf_adds(b, "<section aria-labelledby=\"all\">\n<h2 id=\"all\">"
		       "Relationships</h2>\n");
	if (n > 20) {
		mj_buf_adds(b, "<nav aria-label=\"Relationships by first letter\" "
			       "class=\"letters\"><ul>\n");
		for (size_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)rows[i].slug[0];
			if (c < 128 && !first[c]) {
				first[c] = 1;
				mj_buf_addf(b, "<li><a href=\"#letter-%c\">%c</a></li>",
					    c, c);
			}
		}
		mj_buf_adds(b, "\n</ul></nav>\n");
	}
	memset(first, 0, sizeof(first));
	table_start(b, "relationships", "Every relationship: figures only, "
		    "never a word of a note", columns);
	for (size_t i = 0; i < n; i++) {
		const struct mj_prog_row *r = &rows[i];
		unsigned char c = (unsigned char)r->slug[0];
		char *id = row_id(r), d[MJ_DATE_TEXT_SIZE];

		/* a slug is kept on one line, unless it is too long for one */
		mj_buf_addf(b, "<tr id=\"%s\"><th scope=\"row\"%s>", id,
			    strlen(r->slug) > 24 ? " class=\"long\"" : "");
		free(id);
		if (n > 20 && c < 128 && !first[c]) {
			first[c] = 1;
			mj_buf_addf(b, "<span id=\"letter-%c\"></span>", c);
		}
		mj_html_escape(b, r->slug);
		mj_buf_adds(b, "</th>");
		cell(b, "Journal", NULL);
		mj_html_escape(b, r->journal);
		mj_buf_adds(b, "</td>");
		cell(b, "People", "people");
		mj_html_escape(b, *r->mentor ? r->mentor : "-");
		mj_buf_adds(b, " &rarr; ");
		for (size_t k = 0; k < r->mentees.len; k++) {
			if (k)
				mj_buf_adds(b, ", ");
			mj_html_escape(b, r->mentees.items[k]);
		}
		mj_buf_adds(b, "</td>");
		cell(b, "Type", NULL);
		mj_buf_addf(b, "%s</td>", r->no_agreement ? "-" :
			    mj_type_name(r->type));
		cell(b, "Stage, status", NULL);
		mj_buf_addf(b, "%s, %s</td>", mj_stage_name(r->stage),
			    mj_prog_status_name(r));
		cell(b, "Health", "health");
		prog_health(b, r);
		mj_buf_adds(b, "</td>");
		cell(b, "Last held, next due", "date");
		mj_buf_addf(b, "%s,<br>", mj_date_format(r->last_held, d));
		mj_buf_addf(b, "%s</td>", mj_date_format(r->next_due, d));
		cell(b, "Ends", "date");
		mj_buf_addf(b, "%s</td>", mj_date_format(r->ends, d));
		mj_format_hours(r->minutes, hours, sizeof(hours));
		cell(b, "Sessions held / missed, hours", "num");
		mj_buf_addf(b, "%d / %d, %s&nbsp;h</td>", r->held, r->missed, hours);
		cell(b, "Actions open / late", "num");
		mj_buf_addf(b, "%d / %d</td></tr>\n", r->open_actions,
			    r->late_actions);
	}
	table_end(b);
	mj_buf_adds(b, "</section>\n");
}

/*
 * The programme page's one script, mjournal's own (templates/programme.js,
 * never a journal's copy): the filter over the relationships and the
 * sorting of the hours per mentor, on a page that reads in full without
 * it.  It holds no "</", so nothing in it can end the element early.
 */
static void script(struct mj_buf *b)
{
	char *js = mj_template_builtin("programme.js");

	if (js && !strstr(js, "</"))
		mj_buf_addf(b, "<script>\n%s</script>\n", js);
	free(js);
}

void mj_report_programme(const struct mj_prog_row *rows, size_t n,
			 const struct mj_prog_figures *f,
			 const struct mj_prog_source *sources, size_t n_sources,
			 const char *css, mj_date today, struct mj_report *out)
{
	size_t journals = 0;
	struct mj_buf b = MJ_BUF_INIT;
	static const char *const by_mentor[] = { "Mentor", "Hours", NULL };
	char date[MJ_DATE_TEXT_SIZE], hours[16], median[16];

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < n_sources; i++)
		journals += sources[i].journal && !sources[i].same_as;
	page_start(&b, "Mentoring programme");
	mj_format_hours(f->minutes, hours, sizeof(hours));
	mj_buf_addf(&b, "<header>\n<h1>Mentoring programme</h1>\n<p>%zu journal%s, "
		       "%zu relationship%s, as of %s</p>\n</header>\n"
		       "<nav aria-label=\"Sections\"><ul class=\"sections\">"
		       "<li><a href=\"#all\">Relationships</a></li>"
		       "<li><a href=\"#glance\">At a glance</a></li>"
		       "<li><a href=\"#per-month\">Sessions per month</a></li>"
		       "<li><a href=\"#terms\">Terms</a></li>"
		       "<li><a href=\"#mentors\">Hours per mentor</a></li>"
		       "</ul></nav>\n<main>\n",
		    journals, journals == 1 ? "" : "s", n, n == 1 ? "" : "s",
		    mj_date_format(today, date));
	source_notices(&b, sources, n_sources);
	prog_table(&b, rows, n);
	mj_buf_addf(&b, "<h2 id=\"glance\">At a glance</h2>\n<ul class=\"totals\">\n"
		       "<li><strong>%s</strong> hours of mentoring</li>\n"
		       "<li><strong>%d</strong> sessions held, <strong>%d</strong> "
		       "missed</li>\n", hours, f->held, f->missed);
	if (f->median_gap_days >= 0)
		mj_buf_addf(&b, "<li><strong>%s</strong> days between sessions "
			       "(median)</li>\n",
			    mj_prog_days_text(f->median_gap_days, median));
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
	if (n > TERMS_ONE_BY_ONE)
		ends_svg(&b, rows, n, today);
	else
		terms_svg(&b, rows, n, today);
	mj_buf_addf(&b, "<h2 id=\"mentors\">Hours per mentor</h2>\n<details%s>\n"
		       "<summary>%zu mentor%s: hours of held sessions each</summary>\n",
		    f->mentor_minutes.len > 12 ? "" : " open",
		    f->mentor_minutes.len, f->mentor_minutes.len == 1 ? "" : "s");
	/* by name, numbers in names as numbers (Mentor 2 before Mentor
	 * 10); the script sorts by either column, hours as numbers */
	table_start_sorted(&b, "months mentors sortable",
			   "Hours of held sessions, per mentor", by_mentor, 0);
	for (size_t i = 0; i < f->mentor_minutes.len; i++) {
		mj_format_hours(f->mentor_minutes.items[i].value, hours, sizeof(hours));
		mj_buf_adds(&b, "<tr><th scope=\"row\">");
		mj_html_escape(&b, f->mentor_minutes.items[i].key);
		mj_buf_addf(&b, "</th><td class=\"num\" data-sort=\"%d\">%s</td>"
			       "</tr>\n", f->mentor_minutes.items[i].value, hours);
	}
	table_end(&b);
	mj_buf_adds(&b, "</details>\n</main>\n");
	script(&b);
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
