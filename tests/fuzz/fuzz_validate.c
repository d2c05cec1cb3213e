/*
 * libFuzzer: the validator and the figures on one relationship.  The input
 * is an agreement, then notes, separated by lines "%%%%"; the notes are
 * named by their place (2026-01-01.md, 2026-01-02.md, ...).
 */
#include "mj_stats.h"
#include "mj_validate.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *next_part(const char *p, const char *end, size_t *len)
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size;
	struct mj_relationship rel;
	struct mj_diags out = MJ_DIAGS_INIT;
	struct mj_validate_options opts = { 20515, false }; /* 2026-03-03 */
	struct mj_stats stats;
	struct mj_hours hours;
	size_t len;
	int k = 0;

	mj_relationship_init(&rel, "x");
	p = next_part(p, end, &len);
	mj_agreement_parse(&rel.agreement, (const char *)data, len,
			   "x/agreement.ini", &rel.diags);
	while (p < end && k < 28) {
		const char *start = p;
		struct mj_note note;
		char name[32], file[40];

		p = next_part(p, end, &len);
		snprintf(name, sizeof(name), "2026-02-%02d.md", ++k);
		snprintf(file, sizeof(file), "x/%s", name);
		mj_note_parse(&note, file, name, start, len);
		mj_relationship_add_note(&rel, &note);
	}
	mj_relationship_sort(&rel);
	mj_validate_relationship(&rel, &opts, &out);
	opts.closing = true;
	mj_validate_relationship(&rel, &opts, &out);
	mj_diags_sort(&out);
	mj_stats_compute(&rel, opts.today, &stats);
	mj_hours_compute(&rel, MJ_DATE_NONE, MJ_DATE_NONE, &hours);
	mj_hours_free(&hours);
	(void)mj_cycle_next_stage(&rel, opts.today);
	mj_diags_free(&out);
	mj_relationship_free(&rel);
	return 0;
}
