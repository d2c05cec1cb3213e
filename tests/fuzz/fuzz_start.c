/*
 * libFuzzer: the agreement new and import write from the template, with
 * its property: whatever values mj_start_check accepts, the agreement
 * written reads back without an error, with every value as given.  The
 * input is the values separated by NUL bytes: mentor, cadence, type,
 * model, then mentees (a missing or empty one is left to the defaults).
 */
#include "mj_start.h"
#include "mj_template.h"

#include "fuzz_check.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool same(const struct mj_field *f, const char *value)
{
	return f->text && !strcmp(f->text, value);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = mj_xstrndup((const char *)data, size), *why, *text;
	struct mj_strvec parts = MJ_STRVEC_INIT;
	struct mj_start s;
	struct mj_agreement a;
	struct mj_diags diags = MJ_DIAGS_INIT;
	mj_date today = 20515; /* 2026-03-03 */

	for (size_t at = 0; at <= size; at += strlen(copy + at) + 1)
		mj_strvec_push(&parts, copy + at);
	memset(&s, 0, sizeof(s));
	s.slug = "sam-with-alex";
	s.mentor = parts.items[0];
	s.started = s.ends = s.review = MJ_DATE_NONE;
	if (parts.len > 1 && *parts.items[1])
		s.cadence = parts.items[1];
	if (parts.len > 2 && *parts.items[2])
		s.type = parts.items[2];
	if (parts.len > 3 && *parts.items[3])
		s.model = parts.items[3];
	for (size_t i = 4; i < parts.len; i++)
		mj_strvec_push(&s.mentees, parts.items[i]);
	if (!s.mentees.len)
		mj_strvec_push(&s.mentees, "Sam Roe <sam@example.org>");

	why = mj_start_check(&s, today);
	if (!why) {
		text = mj_start_agreement(fuzz_template("agreement.ini"), &s);
		mj_agreement_parse(&a, text, strlen(text), "x/agreement.ini",
				   &diags);
		check(a.parsed);
		for (size_t i = 0; i < diags.len; i++)
			check(diags.items[i].level != MJ_LEVEL_ERROR);
		check(same(&a.mentor, s.mentor));
		check(a.n_mentees == s.mentees.len);
		for (size_t i = 0; i < a.n_mentees; i++)
			check(same(&a.mentees[i], s.mentees.items[i]));
		check(same(&a.type, s.type) && same(&a.model, s.model));
		check(same(&a.cadence, s.cadence));
		check(a.started_date == s.started && a.ends_date == s.ends &&
		      a.review_date == s.review);
		mj_agreement_free(&a);
		free(text);
	}
	free(why);
	mj_diags_free(&diags);
	mj_strvec_free(&s.mentees);
	mj_strvec_free(&parts);
	free(copy);
	return 0;
}
