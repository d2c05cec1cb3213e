/*
 * mj_report.h - the programme report: static HTML pages of the whole
 * journal, with timelines drawn as inline SVG.  No JavaScript, no external
 * assets; private notes are left out.
 */
#ifndef MJ_REPORT_H
#define MJ_REPORT_H

#include "mj_journal.h"

struct mj_report_page {
	char *name; /* "index.html", "SLUG.html", "style.css" */
	char *text;
};

struct mj_report {
	struct mj_report_page *pages;
	size_t len;
	size_t cap;
};

/* Builds every page of the report; note texts are read from src, the
 * stylesheet is css. */
void mj_report_build(const struct mj_journal *journal,
		     const struct mj_source *src, const char *css,
		     mj_date today, struct mj_report *out);
struct mj_prog_row;
struct mj_prog_figures;
/*
 * The programme's site (programme -o): one page built from programme rows
 * and figures only (mj_programme.h), so it cannot hold a note's words:
 * totals, sessions per month and every term as SVG charts with text
 * equivalents, hours per mentor, every relationship; and the stylesheet.
 */
void mj_report_programme(const struct mj_prog_row *rows, size_t n,
			 const struct mj_prog_figures *figures, size_t journals,
			 const char *css, mj_date today, struct mj_report *out);
void mj_report_free(struct mj_report *report);

/* Appends text to buf with &, <, >, " and ' escaped for HTML. */
void mj_html_escape(struct mj_buf *buf, const char *text);

#endif
