/*
 * markdown.c - session note bodies, read with cmark.
 */
#define CMARK_NO_SHORT_NAMES 1
#include "mj_markdown.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

/* The text of node's inline content, breaks as spaces; caller frees. */
static char *plain_text(cmark_node *node)
{
	struct mj_buf buf = MJ_BUF_INIT;
	cmark_iter *iter = cmark_iter_new(node);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *cur = cmark_iter_get_node(iter);
		const char *lit;

		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(cur)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			lit = cmark_node_get_literal(cur);
			if (lit)
				mj_buf_adds(&buf, lit);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			mj_buf_add(&buf, " ", 1);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(iter);
	return mj_buf_detach(&buf);
}

int mj_markdown_section_of(const char *heading)
{
	for (int s = 0; s < MJ_SECTION_COUNT; s++) {
		const char *name = mj_section_name((enum mj_section)s);
		size_t n = strlen(name);
		char after;

		if (!mj_str_equal_nocase(heading, strlen(heading) < n ?
					 strlen(heading) : n, name))
			continue;
		after = heading[n];
		/* "Feedback", "Feedback:", "Outcomes (goals reviewed)" */
		if (!after || after == ' ' || after == ':' || after == '\t' ||
		    after == '(')
			return s;
	}
	return -1;
}

/* Finds "(due YYYY-MM-DD)" or "(due: ...)" in text; removes it when found. */
static void take_due(char *text, mj_date *due, bool *bad_due)
{
	char *open = strstr(text, "(due");
	char *p, *close;

	if (!open)
		return;
	p = open + 4;
	if (*p == ':')
		p++;
	if (*p != ' ')
		return;
	while (*p == ' ')
		p++;
	close = strchr(p, ')');
	if (!close)
		return;
	if (mj_date_parse(due, p, (size_t)(close - p)) < 0) {
		*due = MJ_DATE_NONE;
		*bad_due = true;
		return;
	}
	memmove(open, close + 1, strlen(close + 1) + 1);
}

/* "Sam:" or "Alex and Kim:" before the text: an owner of a few words. */
static char *take_owner(char **text)
{
	char *colon = strchr(*text, ':');
	char *owner;
	int words = 1;

	if (!colon || colon == *text || colon - *text > 60 || colon[1] != ' ')
		return NULL;
	for (char *p = *text; p < colon; p++) {
		if (strchr("([`*_\"", *p))
			return NULL;
		if (*p == ' ' && ++words > 4)
			return NULL;
	}
	owner = mj_xstrndup(*text, (size_t)(colon - *text));
	*text = colon + 1;
	return owner;
}

int mj_markdown_parse_action(struct mj_action *out, const char *text,
			     bool *bad_due)
{
	enum mj_action_state state;
	char *copy, *rest;

	*bad_due = false;
	if (strlen(text) < 3 || text[0] != '[' || text[2] != ']' ||
	    (text[3] && text[3] != ' '))
		return -1;
	switch (text[1]) {
	case ' ':
		state = MJ_ACTION_OPEN;
		break;
	case 'x':
	case 'X':
		state = MJ_ACTION_DONE;
		break;
	case '-':
		state = MJ_ACTION_DROPPED;
		break;
	default:
		return -1;
	}
	memset(out, 0, sizeof(*out));
	out->state = state;
	out->due = MJ_DATE_NONE;
	copy = mj_xstrdup(text + 3);
	rest = mj_str_trim(copy);
	out->owner = take_owner(&rest);
	if (out->owner)
		mj_str_trim(out->owner);
	take_due(rest, &out->due, bad_due);
	out->text = mj_xstrdup(mj_str_trim(rest));
	free(copy);
	return 0;
}

static void scan_item(struct mj_note *note, cmark_node *item, int first_line)
{
	cmark_node *para = cmark_node_first_child(item);
	struct mj_action action;
	bool bad_due;
	char *text;
	int line = first_line - 1 + cmark_node_get_start_line(item);

	if (!para || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
		return;
	text = plain_text(para);
	if (mj_markdown_parse_action(&action, text, &bad_due) == 0) {
		action.line = line;
		note->actions = mj_xrealloc(note->actions,
					    (note->n_actions + 1) * sizeof(action));
		note->actions[note->n_actions++] = action;
		if (bad_due)
			mj_diags_add(&note->diags, note->file, line, 1,
				     MJ_LEVEL_WARNING, MJ_RULE_ACTION_SYNTAX,
				     "the action's due date is not a real date in "
				     "the form (due YYYY-MM-DD)");
	}
	free(text);
}

static void scan_heading(struct mj_note *note, cmark_node *heading,
			 int first_line, bool *seen_h1)
{
	int level = cmark_node_get_heading_level(heading);
	char *text = plain_text(heading);
	int line = first_line - 1 + cmark_node_get_start_line(heading);
	int section;

	mj_str_trim(text);
	if (level == 1 && !*seen_h1) {
		*seen_h1 = true;
		if (!note->title && *text) {
			note->title = text;
			return;
		}
	}
	section = mj_markdown_section_of(text);
	if (level >= 2 && section >= 0 && !(note->sections & (1u << section))) {
		note->sections |= 1u << section;
		note->section_line[section] = line;
	}
	free(text);
}

void mj_markdown_scan_note(struct mj_note *note, const char *body, size_t len,
			   int first_line)
{
	cmark_node *doc = cmark_parse_document(body, len, CMARK_OPT_VALIDATE_UTF8);
	cmark_iter *iter = cmark_iter_new(doc);
	cmark_event_type ev;
	bool seen_h1 = false;

	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(iter);

		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(node)) {
		case CMARK_NODE_HEADING:
			scan_heading(note, node, first_line, &seen_h1);
			break;
		case CMARK_NODE_ITEM:
			scan_item(note, node, first_line);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(iter);
	cmark_node_free(doc);
}
