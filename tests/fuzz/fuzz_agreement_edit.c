/*
 * libFuzzer: the in-place edits of agreement.ini that close, extend and
 * reopen make (the input's length picks one), with their property: the
 * edited text reads back with each changed value set and every other
 * entry (section, key, value, in order) as it was.  An edit may be refused
 * only when the agreement has no [relationship] entries or a changed line
 * would grow past what the reader takes.
 */
#include "mj_ini.h"
#include "mj_model.h"

#include "fuzz_check.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The first [relationship] entry with key, or NULL. */
static const struct mj_ini_entry *first(const struct mj_ini *ini,
					const char *key)
{
	for (size_t i = 0; i < ini->len; i++)
		if (!strcmp(ini->items[i].section, "relationship") &&
		    !strcmp(ini->items[i].key, key))
			return &ini->items[i];
	return NULL;
}

static bool changed(const struct mj_agreement_change *changes, size_t n,
		    const struct mj_ini *ini, const struct mj_ini_entry *e)
{
	for (size_t i = 0; i < n; i++)
		if (e == first(ini, changes[i].key))
			return true;
	return false;
}

/* Every entry but the changed ones is the same, in the same order. */
static bool others_kept(const struct mj_ini *before, const struct mj_ini *after,
			const struct mj_agreement_change *changes, size_t n)
{
	size_t j = 0;

	for (size_t i = 0; i < before->len; i++) {
		const struct mj_ini_entry *b = &before->items[i], *a;
		if (changed(changes, n, before, b))
			continue;
		while (j < after->len && changed(changes, n, after, &after->items[j]))
			j++;
		if (j == after->len)
			return false;
		a = &after->items[j++];
		if (strcmp(a->section, b->section) || strcmp(a->key, b->key) ||
		    strcmp(a->value, b->value))
			return false;
	}
	while (j < after->len && changed(changes, n, after, &after->items[j]))
		j++;
	return j == after->len;
}

/* The longest line of the fields changed, as written. */
static size_t longest_changed_line(const char *text, size_t len,
				   const struct mj_agreement_change *changes,
				   size_t n)
{
	char newline = mj_text_newline(text, len);
	const char *p = text, *end = text + len;
	size_t longest = 0;

	for (int line = 1; p < end; line++) {
		const char *nl = memchr(p, newline, (size_t)(end - p));
		size_t line_len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		for (size_t i = 0; i < n; i++)
			if (changes[i].field->line == line && line_len > longest)
				longest = line_len;
		p = nl ? nl + 1 : end;
	}
	return longest;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct mj_agreement a, back;
	struct mj_diags diags = MJ_DIAGS_INIT;
	struct mj_ini before = MJ_INI_INIT, after = MJ_INI_INIT;
	struct mj_agreement_change changes[3];
	size_t n, len = 0;
	char *edited;

	mj_agreement_parse(&a, text, size, "x/agreement.ini", &diags);
	switch (size % 3) {
	case 0: /* close */
		changes[0] = (struct mj_agreement_change){ &a.status, "status",
			size % 2 ? "ended-early" : "closed" };
		changes[1] = (struct mj_agreement_change){ &a.closed, "closed",
			"2026-01-01" };
		n = 2;
		break;
	case 1: /* extend */
		changes[0] = (struct mj_agreement_change){ &a.ends, "ends",
			"2027-03-31" };
		n = 1;
		break;
	default: /* reopen */
		changes[0] = (struct mj_agreement_change){ &a.status, "status",
			"active" };
		changes[1] = (struct mj_agreement_change){ &a.closed, "closed", "" };
		changes[2] = (struct mj_agreement_change){ &a.reopened,
			"reopened", "2026-02-02" };
		n = 3;
		break;
	}
	/* whatever parsed, the edit never fails badly */
	edited = mj_agreement_edit(text, size, &a, changes, n, &len);
	/* what mjournal edits is an agreement it read whole */
	if (a.parsed && mj_ini_parse(&before, text, size, "x", "x", &diags) == 0) {
		if (!edited) {
			check(!a.relationship_end_line ||
			      longest_changed_line(text, size, changes, n) +
			      sizeof("ended-early") > MJ_INI_LINE_MAX);
		} else {
			check(mj_ini_parse(&after, edited, len, "x", "x",
					   &diags) == 0);
			check(others_kept(&before, &after, changes, n));
			mj_agreement_parse(&back, edited, len, "x/agreement.ini",
					   &diags);
			for (size_t i = 0; i < n; i++) {
				const struct mj_ini_entry *e = first(&after,
								      changes[i].key);
				check(e && !strcmp(e->value, changes[i].value));
			}
			check(back.parsed);
			mj_agreement_free(&back);
		}
	}
	free(edited);
	mj_ini_free(&before);
	mj_ini_free(&after);
	mj_agreement_free(&a);
	mj_diags_free(&diags);
	return 0;
}
