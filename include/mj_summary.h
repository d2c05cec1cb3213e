/*
 * mj_summary.h - a relationship's summary, built as a document: parties,
 * term, goals, the stage timeline, sessions and hours, actions, outcomes,
 * and feedback and learning quoted from the notes.
 */
#ifndef MJ_SUMMARY_H
#define MJ_SUMMARY_H

#include "mj_journal.h"
#include "mj_markdown.h"

struct mj_summary_options {
	mj_date today;
	bool include_private;  /* private notes are left out unless asked */
	const char *reason;    /* why it ended early, when it did */
};

/*
 * The summary of rel.  The notes' own words (feedback, learning, outcomes)
 * are read from src.  Caller frees with mj_doc_free.
 */
struct mj_doc *mj_summary_build(const struct mj_relationship *rel,
				const struct mj_source *src,
				const struct mj_summary_options *opts);

/*
 * The summary of slug (built by mj_summary_build) as a whole document in
 * format: a man page (.TH: the slug, section 7, today, "mjournal
 * VERSION"), an HTML page (UTF-8, titled, with css, the report's
 * stylesheet, inside it); the other formats as mj_doc_render writes them.
 * Caller frees.
 */
char *mj_summary_render(const struct mj_doc *doc, const char *slug,
			enum mj_doc_format format, const char *css,
			mj_date today);

#endif
