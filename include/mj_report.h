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

/* Builds every page of the report; note texts are read from src. */
void mj_report_build(const struct mj_journal *journal,
		     const struct mj_source *src, mj_date today,
		     struct mj_report *out);
void mj_report_free(struct mj_report *report);

/* Appends text to buf with &, <, >, " and ' escaped for HTML. */
void mj_html_escape(struct mj_buf *buf, const char *text);

#endif
