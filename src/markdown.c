/*
 * markdown.c - session note bodies, read with cmark.
 */
#define CMARK_NO_SHORT_NAMES 1
#include "mj_markdown.h"
#include "mj_actions.h"

#include <cmark.h>
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/*
 * cmark's memory while a note is scanned.  cmark makes and frees a block
 * for every node, line and delimiter: reading 30,000 notes spent a fifth
 * of its time in malloc and free.  A note's blocks come instead from an
 * arena (one a thread: the journal is read on several), a run of chunks
 * each block is cut from, freed all at once when the note is read.  A
 * block freed before then stays until the note is done, so that what a
 * note may hold so is bounded (ARENA_MAX): past it, as for a note of
 * megabytes, blocks are cmark's own again, each freed when cmark frees it.
 */
#define ARENA_CHUNK (64 * 1024)
#define ARENA_MAX (4 * 1024 * 1024)
#define ARENA_ALIGN alignof(max_align_t)
#define ARENA_ROUND(n) (((n) + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1))

struct arena_chunk {
	struct arena_chunk *next;
	size_t cap, used;
	alignas(max_align_t) unsigned char data[];
};

/* each block: in the ARENA_ALIGN bytes before it, its size and whether
 * it was allocated on its own (past ARENA_MAX) */
struct arena_head {
	size_t size;
	size_t own;
};
_Static_assert(sizeof(struct arena_head) <= ARENA_ALIGN,
	       "a block's head fits before it");

static _Thread_local struct arena_chunk *arena;
static _Thread_local size_t arena_held; /* the chunks' bytes */

static struct arena_head *head_of(void *block)
{
	return (struct arena_head *)(void *)((unsigned char *)block - ARENA_ALIGN);
}

static void *arena_alloc(size_t size)
{
	size_t need;
	struct arena_chunk *c = arena;
	unsigned char *block;
	bool own;

	if (size > SIZE_MAX / 2)
		return NULL;
	need = ARENA_ALIGN + ARENA_ROUND(size);
	own = (!c || c->cap - c->used < need) && arena_held + need > ARENA_MAX;
	if (own) {
		block = mj_xmalloc(need);
	} else {
		if (!c || c->cap - c->used < need) {
			size_t cap = need > ARENA_CHUNK ? need : ARENA_CHUNK;

			c = mj_xmalloc(sizeof(*c) + cap);
			c->cap = cap;
			c->used = 0;
			c->next = arena;
			arena = c;
			arena_held += cap;
		}
		block = c->data + c->used;
		c->used += need;
	}
	*(struct arena_head *)(void *)block = (struct arena_head){ size, own };
	return block + ARENA_ALIGN;
}

static void *arena_calloc(size_t n, size_t size)
{
	void *p = size && n > SIZE_MAX / 2 / size ? NULL : arena_alloc(n * size);

	if (!p)
		abort(); /* as cmark's own allocator does */
	memset(p, 0, n * size);
	return p;
}

static void arena_free(void *p)
{
	/* a block of the arena goes with it when the note is read */
	if (p && head_of(p)->own)
		free(head_of(p));
}

static void *arena_realloc(void *old, size_t size)
{
	struct arena_chunk *c = arena;
	struct arena_head *h = old ? head_of(old) : NULL;
	void *p;

	if (h && size <= h->size)
		return old;
	/* the last block of the newest chunk grows where it is */
	if (h && !h->own &&
	    (unsigned char *)old + ARENA_ROUND(h->size) == c->data + c->used &&
	    ARENA_ROUND(size) - ARENA_ROUND(h->size) <= c->cap - c->used) {
		c->used += ARENA_ROUND(size) - ARENA_ROUND(h->size);
		h->size = size;
		return old;
	}
	p = arena_alloc(size);
	if (!p)
		abort();
	if (h) {
		memcpy(p, old, h->size);
		arena_free(old);
	}
	return p;
}

static void arena_release(void)
{
	while (arena) {
		struct arena_chunk *next = arena->next;

		free(arena);
		arena = next;
	}
	arena_held = 0;
}

static cmark_mem arena_mem = { arena_calloc, arena_realloc, arena_free };

/* body parsed by cmark in this thread's arena: arena_release once the
 * document is freed */
static cmark_node *parse_in_arena(const char *body, size_t len)
{
	cmark_parser *parser = cmark_parser_new_with_mem(CMARK_OPT_VALIDATE_UTF8,
							 &arena_mem);
	cmark_node *doc;

	cmark_parser_feed(parser, body, len);
	doc = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	return doc;
}

/* Calls visit on node and each node inside it, in order, until it says
 * to stop (returns false). */
static void walk(cmark_node *node, bool (*visit)(cmark_node *, void *),
		 void *ctx)
{
	cmark_iter *iter = cmark_iter_new(node);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE)
		if (ev == CMARK_EVENT_ENTER &&
		    !visit(cmark_iter_get_node(iter), ctx))
			break;
	cmark_iter_free(iter);
}

struct text_walk {
	struct mj_buf buf;
	const char *line_break; /* what a line break becomes */
};

static bool add_text(cmark_node *cur, void *ctx)
{
	struct text_walk *t = ctx;
	const char *lit;

	switch (cmark_node_get_type(cur)) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
		lit = cmark_node_get_literal(cur);
		if (lit)
			mj_buf_adds(&t->buf, lit);
		break;
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
		mj_buf_adds(&t->buf, t->line_break);
		break;
	default:
		break;
	}
	return true;
}

/* The text of node's inline content, each line break as line_break;
 * caller frees. */
static char *text_with_breaks(cmark_node *node, const char *line_break)
{
	struct text_walk t = { MJ_BUF_INIT, line_break };

	mj_buf_adds(&t.buf, "");
	walk(node, add_text, &t);
	return mj_buf_detach(&t.buf);
}

/* The text of node's inline content, breaks as spaces; caller frees. */
static char *plain_text(cmark_node *node)
{
	return text_with_breaks(node, " ");
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

/* Where word (lower case, its first byte no letter) starts in text,
 * ignoring case; or NULL.  Only where that first byte is is compared. */
static char *find_nocase(char *text, const char *word)
{
	size_t n = strlen(word);

	for (char *p = text; (p = strchr(p, word[0])); p++)
		if (!strncasecmp(p, word, n))
			return p;
	return NULL;
}

/*
 * Finds the due date and removes it from text: "(due YYYY-MM-DD)",
 * "(due: ...)" and "(Due ...)", "due YYYY-MM-DD" at the end, and the
 * Obsidian Tasks form "\xF0\x9F\x93\x85 YYYY-MM-DD".  *bad_due when one is
 * written but is not a real date.
 */
static void take_due(char *text, mj_date *due, bool *bad_due)
{
	static const char calendar[] = "\xF0\x9F\x93\x85";
	char *open = find_nocase(text, "(due"), *p, *end;
	size_t n;

	if (open) {
		p = open + 4;
	} else if ((open = strstr(text, calendar))) {
		p = open + strlen(calendar);
	} else if ((open = find_nocase(text, " due ")) ||
		   (open = find_nocase(text, " due:"))) {
		p = open + 4;
	} else if (!strncasecmp(text, "due ", 4)) {
		open = text;
		p = text + 3;
	} else {
		return;
	}
	if (*p == ':')
		p++;
	if (*p != ' ')
		return;
	while (*p == ' ')
		p++;
	end = *open == '(' ? strchr(p, ')') : p + strcspn(p, " ,;)");
	if (!end)
		return;
	n = (size_t)(end - p);
	if (n != 10 || mj_date_parse(due, p, n) < 0) {
		/* "(due soon)" is a due date written wrong; "due to the move"
		 * is no due date at all */
		if (*open == '(' || (n >= 4 && p[0] >= '0' && p[0] <= '9')) {
			*due = MJ_DATE_NONE;
			*bad_due = true;
		}
		return;
	}
	memmove(open, end + (*end == ')'), strlen(end + (*end == ')')) + 1);
}

/*
 * The boxes GitHub's task lists and Obsidian Tasks (with the themes its
 * users style boxes with) write, and what each says of an action: done,
 * dropped (cancelled), or open, however it is open (in progress,
 * forwarded or scheduled to another day, important, a question).
 */
static const struct {
	char mark;
	enum mj_action_state state;
} boxes[] = {
	{ ' ', MJ_ACTION_OPEN },    { 'x', MJ_ACTION_DONE },
	{ 'X', MJ_ACTION_DONE },    { '-', MJ_ACTION_DROPPED },
	{ '/', MJ_ACTION_OPEN },    { '>', MJ_ACTION_OPEN },
	{ '<', MJ_ACTION_OPEN },    { '!', MJ_ACTION_OPEN },
	{ '?', MJ_ACTION_OPEN },
};

/* Obsidian Tasks' example of a non-task box: never an action, said so. */
#define NON_TASK_MARK '~'

bool mj_markdown_box_state(char mark, enum mj_action_state *state)
{
	for (size_t i = 0; i < MJ_ARRAY_SIZE(boxes); i++)
		if (boxes[i].mark == mark) {
			if (state)
				*state = boxes[i].state;
			return true;
		}
	return false;
}

bool mj_markdown_starts_with_box(const char *text, size_t len)
{
	return len >= 3 && text[0] == '[' && text[2] == ']' &&
	       (len == 3 || text[3] == ' ' || text[3] == '\t') &&
	       mj_markdown_box_state(text[1], NULL);
}

/* How many bytes the UTF-8 character at text takes (1 for a stray byte). */
static size_t char_length(const char *text)
{
	unsigned char c = (unsigned char)*text;
	size_t n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;

	for (size_t i = 1; i < n; i++)
		if (((unsigned char)text[i] & 0xc0) != 0x80)
			return 1;
	return n;
}

/*
 * Does text start like an action whose box mjournal does not read: a box
 * holding one character that is no state of an action ("[p]", "[~]",
 * "[\u2713]"), or a slip ("[]", "[ x]", "[v ]", "x ] ...").  A link
 * ("[name](url)"), a citation ("[1]") and longer brackets are not.  *mark
 * is the box's one character (NULL for a slip), its length in *mark_len.
 */
static bool unread_box(const char *text, const char **mark, size_t *mark_len)
{
	*mark = NULL;
	*mark_len = 0;
	if (text[0] == '[') {
		const char *close = memchr(text, ']', strnlen(text, 7));
		size_t n;

		if (!close || close[1] == '(' || close[1] == '[')
			return false;
		n = (size_t)(close - text - 1);
		if (n && n == char_length(text + 1) &&
		    !mj_markdown_box_state(text[1], NULL) &&
		    !(text[1] >= '0' && text[1] <= '9')) {
			if (close[1] && close[1] != ' ' && close[1] != '\t')
				return false;
			*mark = text + 1;
			*mark_len = n;
			return true;
		}
		for (const char *p = text + 1; p < close; p++)
			if (!strchr(" xX-*/vVoO+?<>!", *p))
				return false;
		return true;
	}
	return text[0] && strchr("xX- ", text[0]) && text[1] == ' ' &&
	       text[2] == ']';
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
	enum mj_action_state state = MJ_ACTION_OPEN;
	char *copy, *rest;

	*bad_due = false;
	if (!mj_markdown_starts_with_box(text, strlen(text)))
		return -1;
	mj_markdown_box_state(text[1], &state);
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
	out->id = mj_action_id(out->owner, out->text);
	free(copy);
	return 0;
}

static void warn_box_without_marker(struct mj_note *note, int line)
{
	mj_diags_add(&note->diags, note->file, line, 1, MJ_LEVEL_WARNING,
		     MJ_RULE_ACTION_SYNTAX,
		     "a task without its '- ': this line is not read as an "
		     "action, nor as part of the item above; start it with '- '");
}

/*
 * The lines of text (a paragraph's, line breaks as newlines; its first
 * line is line of the note) from line number from on that start with a
 * box but are no list item, each warned of; the first is cut off with
 * all after it, so that no such line is ever joined to the item above.
 */
static void cut_boxes_without_marker(struct mj_note *note, char *text,
				     int line, int from)
{
	char *cut = NULL;
	int k = 0;

	for (char *p = text; p; k++) {
		char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);

		if (k >= from && mj_markdown_starts_with_box(p, n)) {
			warn_box_without_marker(note, line + k);
			if (!cut)
				cut = p;
		}
		p = nl ? nl + 1 : NULL;
	}
	if (cut)
		cut[cut > text ? -1 : 0] = '\0';
	for (char *p = text; (p = strchr(p, '\n'));)
		*p = ' ';
}

static void scan_item(struct mj_note *note, cmark_node *item, int first_line)
{
	cmark_node *para = cmark_node_first_child(item);
	struct mj_action action;
	bool bad_due;
	char *text;
	const char *mark;
	size_t mark_len;
	int line = first_line - 1 + cmark_node_get_start_line(item);

	if (!para || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
		return;
	text = text_with_breaks(para, "\n");
	cut_boxes_without_marker(note, text, line, 1);
	if (mj_markdown_parse_action(&action, text, &bad_due) == 0) {
		action.line = line;
		note->actions = mj_xrealloc(note->actions,
					    (note->n_actions + 1) * sizeof(action));
		note->actions[note->n_actions++] = action;
		if (bad_due)
			mj_diags_add(&note->diags, note->file, line, 1,
				     MJ_LEVEL_WARNING, MJ_RULE_ACTION_SYNTAX,
				     "the action's due date is not a real date in "
				     "the form (due YYYY-MM-DD); write it like "
				     "(due 2026-03-01)");
	} else if (unread_box(text, &mark, &mark_len) && !mark) {
		mj_diags_add(&note->diags, note->file, line, 1, MJ_LEVEL_WARNING,
			     MJ_RULE_ACTION_SYNTAX,
			     "this looks like an action, but its box is not [ ], "
			     "[x] or [-]: it is not read as one; write one of "
			     "these to make it an action");
	} else if (mark && *mark == NON_TASK_MARK) {
		mj_diags_add(&note->diags, note->file, line, 1, MJ_LEVEL_WARNING,
			     MJ_RULE_ACTION_SYNTAX,
			     "'[~]' marks a non-task (as in Obsidian Tasks): it is "
			     "not read as an action; write [ ] to keep it open or "
			     "[-] to drop it");
	} else if (mark) {
		mj_diags_add(&note->diags, note->file, line, 1, MJ_LEVEL_WARNING,
			     MJ_RULE_ACTION_SYNTAX,
			     "'[%.*s]' is no state of an action mjournal reads: "
			     "this item is not read as one; write [ ] (open), [x] "
			     "(done) or [-] (dropped)", (int)mark_len, mark);
	}
	free(text);
}

/* A paragraph that is not an item's own text: a line of it that starts
 * with a box is a task that lost its '- '. */
static void scan_paragraph(struct mj_note *note, cmark_node *para,
			   int first_line)
{
	cmark_node *parent = cmark_node_parent(para);
	char *text;

	if (parent && cmark_node_get_type(parent) == CMARK_NODE_ITEM &&
	    cmark_node_first_child(parent) == para)
		return; /* scan_item reads it */
	text = text_with_breaks(para, "\n");
	cut_boxes_without_marker(note, text,
				 first_line - 1 + cmark_node_get_start_line(para),
				 0);
	free(text);
}

char *mj_markdown_item_source(const char *body, size_t len, int first_line,
			      int line)
{
	cmark_node *doc = cmark_parse_document(body, len, CMARK_OPT_VALIDATE_UTF8);
	cmark_iter *iter = cmark_iter_new(doc);
	cmark_event_type ev;
	struct mj_buf out = MJ_BUF_INIT;
	cmark_node *para = NULL;

	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(iter);

		if (ev == CMARK_EVENT_ENTER &&
		    cmark_node_get_type(node) == CMARK_NODE_ITEM &&
		    first_line - 1 + cmark_node_get_start_line(node) == line) {
			para = cmark_node_first_child(node);
			break;
		}
	}
	if (para && cmark_node_get_type(para) == CMARK_NODE_PARAGRAPH) {
		int from = cmark_node_get_start_line(para);
		int to = cmark_node_get_end_line(para);

		for (int k = from; k <= to; k++) {
			const char *p;
			size_t n, skip = 0;

			if (!(p = mj_text_line(body, len, k, &n)))
				break;
			if (k == to && cmark_node_get_end_column(para) > 0 &&
			    (size_t)cmark_node_get_end_column(para) < n)
				n = (size_t)cmark_node_get_end_column(para);
			if (k == from && cmark_node_get_start_column(para) > 0)
				skip = (size_t)cmark_node_get_start_column(para) - 1;
			if (skip > n)
				skip = n;
			while (skip < n && (p[skip] == ' ' || p[skip] == '\t'))
				skip++;
			while (n > skip && (p[n - 1] == ' ' || p[n - 1] == '\t'))
				n--;
			/* a box that lost its '- ' is none of this item */
			if (k > from && mj_markdown_starts_with_box(p + skip,
								    n - skip))
				break;
			if (out.len)
				mj_buf_adds(&out, " ");
			mj_buf_add(&out, p + skip, n - skip);
		}
	}
	cmark_iter_free(iter);
	cmark_node_free(doc);
	if (!out.len) {
		mj_buf_free(&out);
		return NULL;
	}
	return mj_buf_detach(&out);
}

/* Does an HTML block hold anything but comments and white space. */
static bool html_has_words(const char *html)
{
	while (html && *html) {
		const char *open = strstr(html, "<!--");
		for (const char *p = html; p < (open ? open : html + strlen(html)); p++)
			if (!strchr(" \t\r\n", *p))
				return true;
		if (!open)
			return false;
		html = strstr(open + 4, "-->");
		if (html)
			html += 3;
	}
	return false;
}

/*
 * Does the section under heading hold words: a template's comment, blank
 * lines or an empty list item do not count, so an empty Outcomes never
 * satisfies close and is never quoted.
 */
/* Finds words: text, code, or HTML that is not a comment; stops there. */
static bool find_words(cmark_node *cur, void *ctx)
{
	bool *words = ctx;
	const char *lit;

	switch (cmark_node_get_type(cur)) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
	case CMARK_NODE_CODE_BLOCK:
		lit = cmark_node_get_literal(cur);
		*words = lit && lit[strspn(lit, " \t\r\n")];
		break;
	case CMARK_NODE_HTML_BLOCK:
	case CMARK_NODE_HTML_INLINE:
		*words = html_has_words(cmark_node_get_literal(cur));
		break;
	default:
		break;
	}
	return !*words;
}

/* Does a block hold words. */
static bool node_has_words(cmark_node *node)
{
	bool words = false;

	walk(node, find_words, &words);
	return words;
}

/*
 * Does the section under heading hold words: a template's comment, blank
 * lines or an empty list item do not count, so an empty Outcomes never
 * satisfies close and is never quoted.
 */
static bool section_has_words(cmark_node *heading)
{
	int level = cmark_node_get_heading_level(heading);

	for (cmark_node *n = cmark_node_next(heading); n; n = cmark_node_next(n)) {
		if (cmark_node_get_type(n) == CMARK_NODE_HEADING &&
		    cmark_node_get_heading_level(n) <= level)
			return false;
		if (node_has_words(n))
			return true;
	}
	return false;
}

uint64_t mj_markdown_comment_key(const char *text, size_t len)
{
	struct mj_buf b = MJ_BUF_INIT;
	uint64_t key;

	mj_buf_adds(&b, "");
	for (size_t i = 0; i < len; i++)
		if (!strchr(" \t\r\n-*", text[i]) || !text[i])
			mj_buf_add(&b, text + i, 1);
	key = mj_hash(b.ptr, b.len, MJ_HASH_SEED);
	mj_buf_free(&b);
	return key;
}

/* Where what (n bytes) first occurs in the len bytes at p, or NULL. */
static const char *find_in(const char *p, size_t len, const char *what,
			   size_t n)
{
	for (size_t i = 0; i + n <= len; i++)
		if (!memcmp(p + i, what, n))
			return p + i;
	return NULL;
}

static void add_comment_line(struct mj_note *note, enum mj_section section,
			     int line, const char *text, size_t len)
{
	size_t words = 0;

	for (size_t i = 0; i < len; i++)
		words += !strchr(" \t\r\n-*", text[i]) || !text[i];
	if (!words || note->n_comment_lines >= MJ_COMMENT_LINES)
		return;
	note->comment_lines = mj_xrealloc(note->comment_lines,
					  (note->n_comment_lines + 1) *
					  sizeof(*note->comment_lines));
	note->comment_lines[note->n_comment_lines++] = (struct mj_comment_line){
		section, line, mj_markdown_comment_key(text, len) };
}

/*
 * The lines of words inside the comments under heading, whose section
 * holds no words outside them, but each comment's first line.
 */
static void scan_comments(struct mj_note *note, cmark_node *heading,
			  enum mj_section section, int first_line)
{
	int level = cmark_node_get_heading_level(heading);

	for (cmark_node *n = cmark_node_next(heading); n; n = cmark_node_next(n)) {
		const char *p;
		bool inside = false;
		int line;

		if (cmark_node_get_type(n) == CMARK_NODE_HEADING &&
		    cmark_node_get_heading_level(n) <= level)
			return;
		if (cmark_node_get_type(n) != CMARK_NODE_HTML_BLOCK)
			continue;
		p = cmark_node_get_literal(n);
		line = first_line - 1 + cmark_node_get_start_line(n);
		for (; p && *p; line++) {
			const char *nl = strchr(p, '\n');
			size_t len = nl ? (size_t)(nl - p) : strlen(p);
			const char *open = NULL, *close;

			if (!inside) {
				open = find_in(p, len, "<!--", 4);
				inside = open != NULL;
			}
			close = inside ? find_in(open ? open + 4 : p,
						   len - (size_t)((open ? open + 4 :
							       p) - p),
						   "-->", 3) : NULL;
			if (inside && !open)
				add_comment_line(note, section, line, p,
						 close ? (size_t)(close - p) : len);
			if (close)
				inside = false;
			p = nl ? nl + 1 : NULL;
		}
	}
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
		if (section_has_words(heading)) {
			note->sections |= 1u << section;
			note->section_line[section] = line;
		} else {
			scan_comments(note, heading, (enum mj_section)section,
				      first_line);
		}
	}
	free(text);
}

void mj_markdown_scan_note(struct mj_note *note, const char *body, size_t len,
			   int first_line)
{
	cmark_node *doc = parse_in_arena(body, len);
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
		case CMARK_NODE_PARAGRAPH:
			scan_paragraph(note, node, first_line);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(iter);
	cmark_node_free(doc);
	arena_release();
}

/* ---- documents ---- */

#define DOC_DEPTH 16

struct mj_doc {
	cmark_node *root;
	cmark_node *stack[DOC_DEPTH];
	int depth; /* stack[depth] is the current container */
};

struct mj_doc *mj_doc_new(void)
{
	struct mj_doc *doc = mj_xcalloc(1, sizeof(*doc));

	doc->root = cmark_node_new(CMARK_NODE_DOCUMENT);
	doc->stack[0] = doc->root;
	return doc;
}

void mj_doc_free(struct mj_doc *doc)
{
	if (!doc)
		return;
	cmark_node_free(doc->root);
	free(doc);
}

static cmark_node *current(struct mj_doc *doc)
{
	return doc->stack[doc->depth];
}

void mj_doc_open(struct mj_doc *doc, enum mj_block block, int arg)
{
	cmark_node *node = NULL;

	switch (block) {
	case MJ_BLOCK_HEADING:
		node = cmark_node_new(CMARK_NODE_HEADING);
		cmark_node_set_heading_level(node, arg);
		break;
	case MJ_BLOCK_PARAGRAPH:
		node = cmark_node_new(CMARK_NODE_PARAGRAPH);
		break;
	case MJ_BLOCK_LIST:
		node = cmark_node_new(CMARK_NODE_LIST);
		cmark_node_set_list_type(node, arg ? CMARK_ORDERED_LIST :
						     CMARK_BULLET_LIST);
		cmark_node_set_list_tight(node, 1);
		if (arg) {
			cmark_node_set_list_start(node, 1);
			cmark_node_set_list_delim(node, CMARK_PERIOD_DELIM);
		}
		break;
	case MJ_BLOCK_ITEM:
		node = cmark_node_new(CMARK_NODE_ITEM);
		break;
	case MJ_BLOCK_QUOTE:
		node = cmark_node_new(CMARK_NODE_BLOCK_QUOTE);
		break;
	}
	cmark_node_append_child(current(doc), node);
	if (doc->depth + 1 < DOC_DEPTH)
		doc->stack[++doc->depth] = node;
}

void mj_doc_close(struct mj_doc *doc)
{
	if (doc->depth > 0)
		doc->depth--;
}

/* Items and quotes hold blocks: inline text there goes in a paragraph. */
static cmark_node *inline_parent(struct mj_doc *doc)
{
	cmark_node *cur = current(doc), *last;
	cmark_node_type type = cmark_node_get_type(cur);

	if (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING)
		return cur;
	last = cmark_node_last_child(cur);
	if (last && cmark_node_get_type(last) == CMARK_NODE_PARAGRAPH)
		return last;
	last = cmark_node_new(CMARK_NODE_PARAGRAPH);
	cmark_node_append_child(cur, last);
	return last;
}

static void add_inline(struct mj_doc *doc, cmark_node_type wrapper,
		       const char *text)
{
	cmark_node *node = cmark_node_new(CMARK_NODE_TEXT);

	cmark_node_set_literal(node, text);
	if (wrapper != CMARK_NODE_NONE) {
		cmark_node *wrap = cmark_node_new(wrapper);
		cmark_node_append_child(wrap, node);
		node = wrap;
	}
	cmark_node_append_child(inline_parent(doc), node);
}

void mj_doc_text(struct mj_doc *doc, const char *text)
{
	add_inline(doc, CMARK_NODE_NONE, text);
}

void mj_doc_strong(struct mj_doc *doc, const char *text)
{
	add_inline(doc, CMARK_NODE_STRONG, text);
}

void mj_doc_emph(struct mj_doc *doc, const char *text)
{
	add_inline(doc, CMARK_NODE_EMPH, text);
}

void mj_doc_add(struct mj_doc *doc, enum mj_block block, int arg,
		const char *text)
{
	mj_doc_open(doc, block, arg);
	mj_doc_text(doc, text);
	mj_doc_close(doc);
}

static bool is_inline_container(cmark_node_type type)
{
	return type == CMARK_NODE_EMPH || type == CMARK_NODE_STRONG ||
	       type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE;
}

/*
 * Inline containers (emphasis, strong, links, images) nested more than
 * MJ_DOC_INLINE_DEPTH deep inside node become their text: the words stay,
 * the markup deeper than that goes.  cmark 0.30's CommonMark renderer
 * walks from every inline node up to its block, so nesting as deep as a
 * note allows made rendering quadratic (400 KB of nested emphasis: 25 s);
 * with the depth bounded it is linear.  Nodes change only after their
 * EXIT event, as cmark asks.
 */
static void flatten_deep_inlines(cmark_node *node)
{
	cmark_iter *iter = cmark_iter_new(node);
	cmark_event_type ev;
	int depth = 0;

	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *cur = cmark_iter_get_node(iter), *text;
		char *words;

		if (!is_inline_container(cmark_node_get_type(cur)))
			continue;
		if (ev == CMARK_EVENT_ENTER) {
			depth++;
			continue;
		}
		if (--depth != MJ_DOC_INLINE_DEPTH)
			continue; /* within the bound, or inside one flattened */
		words = plain_text(cur);
		text = cmark_node_new(CMARK_NODE_TEXT);
		cmark_node_set_literal(text, words);
		free(words);
		cmark_node_insert_before(cur, text);
		cmark_node_free(cur);
		cmark_iter_reset(iter, text, CMARK_EVENT_ENTER);
	}
	cmark_iter_free(iter);
}

struct mj_sections {
	cmark_node *part[MJ_SECTION_COUNT]; /* a document of its blocks */
};

struct mj_sections *mj_sections_parse(const char *body, size_t len)
{
	struct mj_sections *s = mj_xcalloc(1, sizeof(*s));
	cmark_node *note = cmark_parse_document(body, len, CMARK_OPT_VALIDATE_UTF8);
	cmark_node *node = cmark_node_first_child(note), *next;
	int inside = -1;

	for (; node; node = next) {
		next = cmark_node_next(node);
		if (cmark_node_get_type(node) == CMARK_NODE_HEADING &&
		    cmark_node_get_heading_level(node) <= 2) {
			char *text = plain_text(node);
			inside = cmark_node_get_heading_level(node) == 2 ?
				 mj_markdown_section_of(mj_str_trim(text)) : -1;
			free(text);
			continue;
		}
		if (inside < 0 || inside >= MJ_SECTION_COUNT ||
		    cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK)
			continue;
		cmark_node_unlink(node);
		flatten_deep_inlines(node);
		if (!s->part[inside])
			s->part[inside] = cmark_node_new(CMARK_NODE_DOCUMENT);
		cmark_node_append_child(s->part[inside], node);
	}
	cmark_node_free(note);
	return s;
}

int mj_doc_take_section(struct mj_doc *doc, struct mj_sections *sections,
			enum mj_section section)
{
	cmark_node *part = sections->part[section], *node;
	int added = 0;

	if (!part)
		return 0;
	while ((node = cmark_node_first_child(part))) {
		cmark_node_unlink(node);
		cmark_node_append_child(current(doc), node);
		added++;
	}
	return added;
}

void mj_sections_free(struct mj_sections *sections)
{
	if (!sections)
		return;
	for (size_t i = 0; i < MJ_SECTION_COUNT; i++)
		if (sections->part[i])
			cmark_node_free(sections->part[i]);
	free(sections);
}

/*
 * cmark's man renderer writes code in font C, which groff 1.23 warns it
 * cannot select (lintian reports it): CR, the constant-width roman groff
 * and mandoc know, says what was meant.  Text never holds "\f[C]": cmark
 * writes a backslash of the text as "\e".
 */
static char *man_fonts(const char *man)
{
	static const char old[] = "\\f[C]";
	struct mj_buf b = MJ_BUF_INIT;
	const char *p = man, *at;

	while ((at = strstr(p, old))) {
		mj_buf_add(&b, p, (size_t)(at - p));
		mj_buf_adds(&b, "\\f[CR]");
		p = at + sizeof(old) - 1;
	}
	mj_buf_adds(&b, p);
	return mj_buf_detach(&b);
}

/*
 * Each image under root made a link to it, its alt text the link's words
 * (the address when it has none): a page mjournal writes loads nothing
 * from anywhere, since a note's image on a server would tell that server
 * who reads the page, and when.  cmark's HTML then treats the address as
 * any link's (an unsafe scheme dropped).
 */
static void images_as_links(cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_node **found = NULL;
	size_t n = 0, cap = 0;
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER &&
		    cmark_node_get_type(node) == CMARK_NODE_IMAGE) {
			mj_grow((void **)&found, &cap, n + 1, sizeof(*found));
			found[n++] = node;
		}
	}
	cmark_iter_free(it);
	/* innermost last found: replaced first, so none is freed twice */
	while (n--) {
		cmark_node *img = found[n], *link = cmark_node_new(CMARK_NODE_LINK);
		cmark_node *child;
		const char *url = cmark_node_get_url(img);
		cmark_node_set_url(link, url ? url : "");
		cmark_node_set_title(link, cmark_node_get_title(img));
		while ((child = cmark_node_first_child(img)))
			cmark_node_append_child(link, child);
		if (!cmark_node_first_child(link)) {
			cmark_node *words = cmark_node_new(CMARK_NODE_TEXT);
			cmark_node_set_literal(words, url && *url ? url : "image");
			cmark_node_append_child(link, words);
		}
		cmark_node_replace(img, link);
		cmark_node_free(img);
	}
	free(found);
}

char *mj_doc_render(const struct mj_doc *doc, enum mj_doc_format format)
{
	char *out = NULL, *copy;

	switch (format) {
	case MJ_DOC_MARKDOWN:
		out = cmark_render_commonmark(doc->root, CMARK_OPT_DEFAULT, 0);
		break;
	case MJ_DOC_HTML:
		images_as_links(doc->root);
		out = cmark_render_html(doc->root, CMARK_OPT_DEFAULT);
		break;
	case MJ_DOC_MAN:
		out = cmark_render_man(doc->root, CMARK_OPT_DEFAULT, 0);
		break;
	case MJ_DOC_LATEX:
		out = cmark_render_latex(doc->root, CMARK_OPT_DEFAULT, 0);
		break;
	case MJ_DOC_XML:
		out = cmark_render_xml(doc->root, CMARK_OPT_DEFAULT);
		break;
	}
	copy = format == MJ_DOC_MAN ? man_fonts(out ? out : "") :
	       mj_xstrdup(out ? out : "");
	cmark_get_default_mem_allocator()->free(out);
	return copy;
}

/* " \"text\"": one argument of a roff request, quoted; in capitals when
 * upper (ASCII letters only) */
static void roff_argument(struct mj_buf *b, const char *text, bool upper)
{
	char *shown = mj_visible(text, false);

	mj_buf_adds(b, " \"");
	for (const char *p = shown; *p; p++) {
		if (*p == '\\')
			mj_buf_adds(b, "\\e");
		else if (*p == '"')
			mj_buf_adds(b, "\\(dq");
		else if (*p == '-')
			mj_buf_adds(b, "\\-");
		else if (upper && *p >= 'a' && *p <= 'z')
			mj_buf_addf(b, "%c", *p - 'a' + 'A');
		else
			mj_buf_add(b, p, 1);
	}
	mj_buf_adds(b, "\"");
	free(shown);
}

char *mj_doc_render_man_page(const struct mj_doc *doc,
			     const struct mj_man_head *head)
{
	struct mj_buf b = MJ_BUF_INIT;
	char *body = mj_doc_render(doc, MJ_DOC_MAN);

	mj_buf_adds(&b, ".TH");
	roff_argument(&b, head->title, true);
	roff_argument(&b, head->section, false);
	roff_argument(&b, head->date, false);
	roff_argument(&b, head->source, false);
	roff_argument(&b, head->manual, false);
	mj_buf_adds(&b, "\n");
	mj_buf_adds(&b, body);
	free(body);
	return mj_buf_detach(&b);
}

int mj_doc_format_from_name(const char *name)
{
	static const char *const names[] = { "md", "html", "man", "latex", "xml" };

	for (size_t i = 0; i < MJ_ARRAY_SIZE(names); i++)
		if (!strcmp(names[i], name))
			return (int)i;
	return -1;
}
