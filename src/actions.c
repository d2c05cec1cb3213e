/*
 * actions.c - an action across the notes that mention it.
 */
#include "mj_actions.h"
#include "mj_markdown.h"

#include <stdlib.h>
#include <string.h>

static void add_loose(struct mj_buf *b, const char *s)
{
	bool space = false;

	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = b->len > 0;
			continue;
		}
		if (space)
			mj_buf_add(b, " ", 1);
		space = false;
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		mj_buf_add(b, (const char *)&c, 1);
	}
}

char *mj_action_key(const char *owner, const char *text)
{
	struct mj_buf b = MJ_BUF_INIT;
	size_t start;

	mj_buf_adds(&b, "");
	add_loose(&b, owner);
	mj_buf_add(&b, ":", 1);
	start = b.len;
	add_loose(&b, text);
	/* trailing punctuation, and a reason in brackets at the end ("(not
	 * needed after all)"), are no part of which action it is */
	for (bool again = true; again;) {
		char *open = b.len > start && b.ptr[b.len - 1] == ')' ?
			     strrchr(b.ptr + start, '(') : NULL;
		again = false;
		while (b.len > start && strchr(".!?,;: ", b.ptr[b.len - 1])) {
			b.ptr[--b.len] = '\0';
			again = true;
		}
		if (open && open > b.ptr + start) {
			b.len = (size_t)(open - b.ptr);
			b.ptr[b.len] = '\0';
			again = true;
		}
	}
	return mj_buf_detach(&b);
}

uint64_t mj_action_id(const char *owner, const char *text)
{
	char *key = mj_action_key(owner, text);
	uint64_t id = mj_hash(key, strlen(key), MJ_HASH_SEED);

	free(key);
	return id;
}

bool mj_action_is_late(const struct mj_action *action, mj_date today)
{
	return action->state == MJ_ACTION_OPEN && action->due != MJ_DATE_NONE &&
	       action->due < today;
}

void mj_action_row_make(struct mj_action_row *row, const char *slug,
			const struct mj_tracked_action *t, mj_date today)
{
	const struct mj_action *a = t->action;

	*row = (struct mj_action_row){
		.slug = mj_xstrdup(slug),
		.file = mj_xstrdup(t->note->file),
		.action = *a,
		.overdue = mj_action_is_late(a, today),
		.first_file = mj_xstrdup(t->first_note->file),
		.since = mj_note_effective_date(t->first_note),
		.first_line = t->first_line,
		.mentions = t->mentions,
	};
	row->action.owner = a->owner ? mj_xstrdup(a->owner) : NULL;
	row->action.text = a->text ? mj_xstrdup(a->text) : NULL;
}

void mj_action_row_free(struct mj_action_row *row)
{
	free(row->slug);
	free(row->file);
	free(row->action.owner);
	free(row->action.text);
	free(row->first_file);
	memset(row, 0, sizeof(*row));
}

void mj_actions_track(const struct mj_relationship *rel,
		      struct mj_action_list *out)
{
	size_t total = 0, n_slots = 16, *slots;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < rel->n_notes; i++)
		total += rel->notes[i].n_actions;
	while (n_slots < total * 2)
		n_slots *= 2;
	/* by id: slot holds 1 + the action's place in out, 0 when free */
	slots = mj_xcalloc(n_slots, sizeof(*slots));
	for (size_t i = 0; i < rel->n_notes; i++) {
		const struct mj_note *n = &rel->notes[i];

		for (size_t k = 0; k < n->n_actions; k++) {
			const struct mj_action *a = &n->actions[k];
			size_t s = (size_t)a->id & (n_slots - 1);

			while (slots[s] && out->items[slots[s] - 1].action->id != a->id)
				s = (s + 1) & (n_slots - 1);
			if (slots[s]) {
				struct mj_tracked_action *t = &out->items[slots[s] - 1];
				t->action = a;
				t->note = n;
				t->mentions++;
				continue;
			}
			mj_grow((void **)&out->items, &out->cap, out->len + 1,
				sizeof(*out->items));
			out->items[out->len++] = (struct mj_tracked_action){
				a, n, n, a->line, 1 };
			slots[s] = out->len;
		}
	}
	free(slots);
}

void mj_action_list_free(struct mj_action_list *list)
{
	free(list->items);
	memset(list, 0, sizeof(*list));
}

char *mj_action_line(const struct mj_action *a, enum mj_action_state state)
{
	struct mj_buf b = MJ_BUF_INIT;
	char due[MJ_DATE_TEXT_SIZE];

	mj_buf_addf(&b, "- [%c] ", state == MJ_ACTION_DONE ? 'x' :
		    state == MJ_ACTION_DROPPED ? '-' : ' ');
	if (a->owner)
		mj_buf_addf(&b, "%s: ", a->owner);
	mj_buf_adds(&b, a->text);
	if (a->due != MJ_DATE_NONE)
		mj_buf_addf(&b, " (due %s)", mj_date_format(a->due, due));
	return mj_buf_detach(&b);
}

char *mj_action_line_of_source(const char *source, enum mj_action_state state)
{
	struct mj_action a;
	bool bad_due;
	char *line;

	if (mj_markdown_parse_action(&a, source, &bad_due) < 0)
		return NULL;
	line = mj_action_line(&a, state);
	/* an open action stays in progress, important or a question; one
	 * forwarded or scheduled is open where it arrives ("- [ ] ") */
	if (state == MJ_ACTION_OPEN && a.state == MJ_ACTION_OPEN &&
	    strchr("/!?", source[1]))
		line[3] = source[1];
	free(a.owner);
	free(a.text);
	return line;
}

bool mj_action_matches(const struct mj_action *a, const char *pattern)
{
	char *whole = mj_xasprintf("%s%s%s", a->owner ? a->owner : "",
				   a->owner ? ": " : "", a->text);
	char *want = mj_str_lower(mj_xstrdup(pattern));
	bool found = strstr(mj_str_lower(whole), want) != NULL;

	free(whole);
	free(want);
	return found;
}

/* The start of line number line (1-based) in text, as cmark numbered it
 * (a CR alone ends a line too), or NULL. */
static const char *line_start(const char *text, size_t len, int line)
{
	size_t n;
	return mj_text_line(text, len, line, &n);
}

char *mj_note_set_box(const char *text, size_t len, int line,
		      enum mj_action_state state, size_t *out_len)
{
	size_t n;
	const char *start = mj_text_line(text, len, line, &n), *end, *box = NULL;
	char *out;

	if (!start)
		return NULL;
	end = start + n;
	for (const char *p = start; p + 2 < end && !box; p++)
		if (p[0] == '[' && p[2] == ']' &&
		    mj_markdown_box_state(p[1], NULL))
			box = p;
	if (!box)
		return NULL;
	out = mj_xmalloc(len + 1);
	memcpy(out, text, len);
	out[len] = '\0';
	out[box - text + 1] = state == MJ_ACTION_DONE ? 'x' :
			      state == MJ_ACTION_DROPPED ? '-' : ' ';
	*out_len = len;
	return out;
}

char *mj_note_add_item(const char *text, size_t len, int heading_line,
		       const char *item, size_t *out_len)
{
	struct mj_buf b = MJ_BUF_INIT;
	const char *eol = memchr(text, '\r', len) ? "\r\n" : "\n";
	const char *start = heading_line ? line_start(text, len, heading_line) : NULL;
	const char *end = text + len, *at = end, *p;

	if (start) {
		/* the section ends at the next heading; the item goes after
		 * its last line that is not blank */
		const char *last = NULL;
		p = memchr(start, '\n', (size_t)(end - start));
		for (p = p ? p + 1 : end; p < end; ) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			const char *next = nl ? nl + 1 : end;
			const char *q = p;
			while (q < next && (*q == ' ' || *q == '\t' || *q == '\r' ||
					    *q == '\n'))
				q++;
			if (*p == '#')
				break;
			if (q < next)
				last = next;
			p = next;
		}
		if (!last) {
			last = memchr(start, '\n', (size_t)(end - start));
			last = last ? last + 1 : end;
		}
		at = last;
	}
	mj_buf_add(&b, text, (size_t)(at - text));
	if (at > text && at[-1] != '\n')
		mj_buf_adds(&b, eol);
	if (!start)
		mj_buf_addf(&b, "%s## Actions%s", len ? eol : "", eol);
	mj_buf_addf(&b, "%s%s", item, eol);
	mj_buf_add(&b, at, (size_t)(end - at));
	*out_len = b.len;
	return mj_buf_detach(&b);
}
