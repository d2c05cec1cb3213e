/*
 * mj_report.h - the programme report: static HTML pages of the whole
 * journal, with timelines drawn as inline SVG.  No JavaScript, no external
 * assets; private notes are left out.
 */
#ifndef MJ_REPORT_H
#define MJ_REPORT_H

#include "mj_journal.h"

#include <pthread.h>
#include <sys/types.h>

struct mj_report_page {
	char *name; /* "index.html", "SLUG.html", "style.css" */
	char *text; /* NULL: the page already written is kept as it is */
};

/*
 * Where a report's pages go as they are made, so that no more than one is
 * in memory: write(ctx, name, text).  A relationship's page carries, in
 * its head, the fingerprint of what it was built from (the build of
 * mjournal, today, the agreement's bytes, and the name and stamp of each note it
 * shows): a page whose fingerprint is unchanged is not built again.
 * kept(ctx, name, inputs): does the page already written under name carry
 * inputs.  A note changed within two seconds of now (where two changes
 * may share one time stamp) gives its page no fingerprint, so that the
 * next run builds it again.
 */
struct mj_report_output {
	bool (*kept)(void *ctx, const char *name, uint64_t inputs);
	void (*write)(void *ctx, const char *name, const char *text);
	/* a page too large to hold whole (the index), in parts: each call
	 * adds text, whole lines, to the page name; text NULL ends it */
	void (*part)(void *ctx, const char *name, const char *text);
	/* an unnamed temporary file beside the pages, for what the report
	 * keeps until its end (the index's rows): a descriptor, or -1 */
	int (*spill)(void *ctx);
	void *ctx;
	int64_t now; /* seconds since the epoch */
	/* the build that makes the pages (version and commit): another
	 * build may lay a page out otherwise, so its pages are built again */
	const char *build;
};
/* The name the fingerprint has in a page's head:
 * <meta name="mjournal-inputs" content="HEX">. */
#define MJ_REPORT_INPUTS_META "<meta name=\"mjournal-inputs\" content=\""

struct mj_report {
	struct mj_report_page *pages;
	size_t len;
	size_t cap;
};

/* Builds every page of the report; note texts are read from src, the
 * stylesheet is css.  With output, each page goes there as it is made
 * (out lists their names, their texts NULL); without, out holds them. */
void mj_report_build(struct mj_journal *journal,
		     const struct mj_source *src, const char *css,
		     mj_date today, const struct mj_report_output *output,
		     struct mj_report *out);
/*
 * The same as the journal is read, a relationship at a time
 * (mj_journal_visit), so that no more than the relationships being read
 * are in memory: mj_report_reader_init gives the visitor; each
 * relationship's page is made (and, with output, written) as it is read,
 * and its row of the index kept; mj_report_reader_finish then makes the
 * index and the stylesheet from journal's settings, and frees the reader
 * (journal NULL: the journal could not be read, nothing more is made).
 * The index's rows wait in output's spill when it has one.  0, or -1
 * with errno when they could not be read back (the index is not made).
 */
struct mj_report_reader {
	struct mj_slots slots;
	const struct mj_source *src;
	mj_date today;
	const struct mj_report_output *output;
	int spill;     /* the index's rows (output->spill), or -1 */
	off_t spilled; /* its length */
	pthread_mutex_t lock; /* output is one; the loader's threads several */
};
void mj_report_reader_init(struct mj_report_reader *reader,
			   const struct mj_source *src, mj_date today,
			   const struct mj_report_output *output,
			   struct mj_visitor *visitor);
int mj_report_reader_finish(struct mj_report_reader *reader,
			    const struct mj_journal *journal, const char *css,
			    struct mj_report *out);
struct mj_prog_row;
struct mj_prog_source;
struct mj_prog_figures;
/*
 * The programme's site (programme -o): one page built from programme rows
 * and figures only (mj_programme.h), so it cannot hold a note's words:
 * totals, sessions per month and every term as SVG charts with text
 * equivalents, hours per mentor, every relationship; and the stylesheet.
 */
void mj_report_programme(const struct mj_prog_row *rows, size_t n,
			 const struct mj_prog_figures *figures,
			 const struct mj_prog_source *sources, size_t n_sources,
			 const char *css, mj_date today, struct mj_report *out);
void mj_report_free(struct mj_report *report);

/*
 * A page that stands alone (summary --format html): a whole HTML document
 * (UTF-8, titled title) holding body, which is HTML already, with css as
 * its own stylesheet, inside the page.  Caller frees.
 */
char *mj_report_standalone(const char *title, const char *css,
			   const char *body);

/* Appends text to buf with &, <, >, " and ' escaped for HTML. */
void mj_html_escape(struct mj_buf *buf, const char *text);

#endif
