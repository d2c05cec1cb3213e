/*
 * fuzz_relationship.h - one relationship from a harness's input, for the
 * harnesses that need a whole one (fuzz_validate, fuzz_summary): an
 * agreement, then notes, separated by lines "%%%%"; the notes are named by
 * their place (x/2026-02-01.md, x/2026-02-02.md, ...), at most 28.
 */
#ifndef FUZZ_RELATIONSHIP_H
#define FUZZ_RELATIONSHIP_H

#include "mj_model.h"

#include <stdio.h>
#include <string.h>

#define FUZZ_MAX_NOTES 28

/* The input's parts: [0] the agreement, then the notes. */
struct fuzz_parts {
	const char *text[FUZZ_MAX_NOTES + 1];
	size_t len[FUZZ_MAX_NOTES + 1];
	size_t n;
};

static const char *fuzz_next_part(const char *p, const char *end, size_t *len)
{
	const char *sep = p;

	for (; sep + 5 <= end; sep++)
		if (!memcmp(sep, "\n%%%%", 5))
			break;
	if (sep + 5 > end)
		sep = end;
	*len = (size_t)(sep - p);
	return sep + 5 <= end ? sep + 5 : end;
}

/* Cuts data into parts and reads them into rel (mj_relationship_free). */
static void fuzz_relationship(const char *data, size_t size,
			      struct mj_relationship *rel,
			      struct fuzz_parts *parts)
{
	const char *p = data, *end = data + size;

	mj_relationship_init(rel, "x");
	parts->n = 0;
	parts->text[0] = p;
	p = fuzz_next_part(p, end, &parts->len[0]);
	parts->n = 1;
	mj_agreement_parse(&rel->agreement, parts->text[0], parts->len[0],
			   "x/agreement.ini", &rel->diags);
	while (p < end && parts->n <= FUZZ_MAX_NOTES) {
		struct mj_note note;
		char name[32], file[40];
		size_t k = parts->n;

		parts->text[k] = p;
		p = fuzz_next_part(p, end, &parts->len[k]);
		snprintf(name, sizeof(name), "2026-02-%02zu.md", k);
		snprintf(file, sizeof(file), "x/%s", name);
		mj_note_parse(&note, file, name, parts->text[k], parts->len[k]);
		mj_relationship_add_note(rel, &note);
		parts->n++;
	}
	mj_relationship_sort(rel);
}

#endif
