/*
 * mj_markdown.h - session note bodies, read with cmark.
 */
#ifndef MJ_MARKDOWN_H
#define MJ_MARKDOWN_H

#include "mj_model.h"

#include <stddef.h>

/*
 * Reads the Markdown body (len bytes, whose first line is first_line of the
 * note) into note: its first heading as title (unless it has one), the
 * sections present and the action items, all found in cmark's syntax tree.
 */
void mj_markdown_scan_note(struct mj_note *note, const char *body, size_t len,
			   int first_line);

/*
 * The source of the list item that starts on line (of the note) in the
 * body read as mj_markdown_scan_note reads it: its paragraph as written,
 * entities and markup kept, each line trimmed and joined to the next with
 * a space; NULL when no item starts there.  Caller frees.
 */
char *mj_markdown_item_source(const char *body, size_t len, int first_line,
			      int line);

/*
 * The key of a line of words (len bytes) inside a comment, as struct
 * mj_comment_line keeps it: its bytes but white space, '-' and '*', so
 * that "- Ship the API" and the goal "Ship the API" share one.
 */
uint64_t mj_markdown_comment_key(const char *text, size_t len);

/* Which known section a heading's text names, or -1. */
int mj_markdown_section_of(const char *heading);

/*
 * Is mark (the character inside "[ ]") a box an action may have, and
 * which state does it give: ' ', '/' (in progress), '>' (forwarded), '<'
 * (scheduled), '!' (important) and '?' (a question) are open, 'x' and 'X'
 * done, '-' dropped.  state may be NULL.
 */
bool mj_markdown_box_state(char mark, enum mj_action_state *state);
/* Does text (len bytes) start with such a box, then a space or its end. */
bool mj_markdown_starts_with_box(const char *text, size_t len);

/*
 * Parses a list item's text as an action: "[ ] Owner: text (due D)".
 * Returns 0 and fills out (owner/text allocated) when the text starts with
 * a box; -1 otherwise.  *bad_due is set when a due date is not a real date.
 */
int mj_markdown_parse_action(struct mj_action *out, const char *text,
			     bool *bad_due);

/*
 * Documents built as cmark syntax trees and rendered by cmark's own
 * renderers, so text is always escaped for the output format and HTML is
 * rendered in cmark's safe mode (no raw HTML, no javascript: links).
 */
struct mj_doc;

enum mj_block {
	MJ_BLOCK_HEADING,   /* arg: level */
	MJ_BLOCK_PARAGRAPH,
	MJ_BLOCK_LIST,      /* arg: 1 for an ordered list */
	MJ_BLOCK_ITEM,
	MJ_BLOCK_QUOTE,
};

enum mj_doc_format {
	MJ_DOC_MARKDOWN, MJ_DOC_HTML, MJ_DOC_MAN, MJ_DOC_LATEX, MJ_DOC_XML,
};

struct mj_doc *mj_doc_new(void);
void mj_doc_free(struct mj_doc *doc);
/* Opens a block inside the current one; mj_doc_close ends it. */
void mj_doc_open(struct mj_doc *doc, enum mj_block block, int arg);
void mj_doc_close(struct mj_doc *doc);
/* Inline text in the current block, as it is (never read as Markdown). */
void mj_doc_text(struct mj_doc *doc, const char *text);
void mj_doc_strong(struct mj_doc *doc, const char *text);
void mj_doc_emph(struct mj_doc *doc, const char *text);
/* A block holding only text: a heading, a paragraph, a list item. */
void mj_doc_add(struct mj_doc *doc, enum mj_block block, int arg,
		const char *text);
/*
 * How deep emphasis, strong text, links and images may nest in what a
 * document quotes from a note; deeper ones are kept as their text, so
 * that rendering takes time linear in the note.
 */
#define MJ_DOC_INLINE_DEPTH 16
/*
 * A note body (after its front matter) parsed once: for each section, the
 * blocks that stand under its "## <section>" heading (HTML blocks left
 * out), with inline nesting bounded by MJ_DOC_INLINE_DEPTH.
 */
struct mj_sections;
struct mj_sections *mj_sections_parse(const char *body, size_t len);
/* Moves section's blocks into the current block of doc (each section can
 * be taken once); returns how many it moved. */
int mj_doc_take_section(struct mj_doc *doc, struct mj_sections *sections,
			enum mj_section section);
void mj_sections_free(struct mj_sections *sections);
/* Renders the document; caller frees.  HTML shows each image as a link
 * to it (and the document keeps those links): nothing on a page loads
 * from anywhere. */
char *mj_doc_render(const struct mj_doc *doc, enum mj_doc_format format);
/* What a man page's .TH line says: title, section, date, source, manual. */
struct mj_man_head {
	const char *title;   /* written in capitals, as man pages name themselves */
	const char *section; /* "7" */
	const char *date;
	const char *source;  /* "mjournal 0.1.0" */
	const char *manual;  /* the header's centre: "Mentoring summaries" */
};
/*
 * The document as a whole man page: a .TH line made of head (each field
 * quoted for roff, a control character as mj_visible shows it), then the
 * document as cmark's man renderer writes it.  Caller frees.
 */
char *mj_doc_render_man_page(const struct mj_doc *doc,
			     const struct mj_man_head *head);
/* The format named name ("md", "html", "man", "latex", "xml"), or -1. */
int mj_doc_format_from_name(const char *name);

#endif
