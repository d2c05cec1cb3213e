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

/* Which known section a heading's text names, or -1. */
int mj_markdown_section_of(const char *heading);

/*
 * Parses a list item's text as an action: "[ ] Owner: text (due D)".
 * Returns 0 and fills out (owner/text allocated) when the text starts with
 * a box; -1 otherwise.  *bad_due is set when a due date is not a real date.
 */
int mj_markdown_parse_action(struct mj_action *out, const char *text,
			     bool *bad_due);

#endif
