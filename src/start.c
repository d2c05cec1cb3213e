/*
 * start.c - a relationship about to start: values checked, agreement made.
 */
#include "mj_start.h"
#include "mj_ini.h"
#include "mj_journal.h"
#include "mj_template.h"

#include <stdlib.h>
#include <string.h>

/* Longest person value that keeps "mentee = " lines inside inih's limit. */
#define PERSON_MAX 150

static char *check_person(const char *field, const char *person)
{
	struct mj_buf written = MJ_BUF_INIT;
	size_t len;
	int rc;

	if (!person || !*person || strlen(person) > PERSON_MAX)
		return mj_xasprintf("'%s' must be 1 to %d characters", field,
				    PERSON_MAX);
	for (const char *p = person; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return mj_xasprintf("'%s' may not hold line breaks or "
					    "control characters: '%s'",
					    field, person);
	if (!mj_utf8_is_valid(person, strlen(person), NULL))
		return mj_xasprintf("'%s' is not UTF-8 text; agreement.ini must "
				    "be", field);
	/* "mentee = " and the value as written: one line the reader takes */
	rc = mj_ini_write_value(&written, person);
	len = strlen(field) + 3 + written.len;
	mj_buf_free(&written);
	if (rc < 0 || len > MJ_INI_LINE_MAX)
		return mj_xasprintf("'%s' is too long to be written on one line "
				    "of agreement.ini (%zu bytes, with the quotes "
				    "and backslashes it needs; at most %d)",
				    field, len, MJ_INI_LINE_MAX);
	return NULL;
}

/* "key = value", the value written so that it reads back as it is (the
 * check made sure it can be). */
static void add_line(struct mj_buf *out, const char *key, const char *value)
{
	mj_buf_addf(out, "%s = ", key);
	mj_ini_write_value(out, value);
}

char *mj_start_check(struct mj_start *s, mj_date today)
{
	char *why;
	int days, type, model;

	if (!s->slug || !mj_slug_is_valid(s->slug) ||
	    mj_journal_name_is_reserved(s->slug))
		return mj_xasprintf("'%s' is not a valid relationship name: use "
				    "lower-case letters, digits and '-', at most "
				    "63, like sam-with-alex", s->slug ? s->slug : "");
	if ((why = check_person("mentor", s->mentor)))
		return why;
	if (!s->mentees.len)
		return mj_xstrdup("'mentee' is missing: name at least one mentee");
	for (size_t i = 0; i < s->mentees.len; i++)
		if ((why = check_person("mentee", s->mentees.items[i])))
			return why;
	type = s->type ? mj_type_from_name(s->type) :
	       s->mentees.len > 1 ? MJ_TYPE_GROUP : MJ_TYPE_ONE_TO_ONE;
	if (type < 0)
		return mj_xasprintf("'type' must be one-to-one (1:1), group, peer "
				    "or reverse, not '%s'", s->type);
	/* the short form status shows, written out in full */
	s->type = mj_type_name((enum mj_type)type);
	if (s->mentees.len > 1 && type != MJ_TYPE_GROUP)
		return mj_xasprintf("%zu mentees make a group relationship; make "
				    "'type' group", s->mentees.len);
	model = s->model ? mj_model_from_name(s->model) : MJ_MODEL_DEVELOPMENTAL;
	if (model < 0)
		return mj_xasprintf("'model' must be developmental or sponsorship, "
				    "not '%s'", s->model);
	s->model = mj_model_name((enum mj_model_kind)model);
	if (s->started == MJ_DATE_NONE)
		s->started = today;
	if (s->ends == MJ_DATE_NONE)
		s->ends = mj_date_add_months(s->started, 6);
	if (s->ends <= s->started)
		return mj_xstrdup("'ends' must come after 'started': mentoring "
				  "runs for a term");
	if (s->review == MJ_DATE_NONE)
		s->review = s->started + (s->ends - s->started) / 2;
	if (s->review <= s->started || s->review >= s->ends)
		return mj_xstrdup("'review' must fall inside the term, after "
				  "'started' and before 'ends'");
	if (!s->cadence)
		s->cadence = "14d";
	if (mj_cadence_parse(&days, s->cadence) < 0)
		return mj_xasprintf("'cadence' must be Nd or Nw, like 14d or 2w, "
				    "not '%s'", s->cadence);
	return NULL;
}

char *mj_start_agreement(const char *template, const struct mj_start *s)
{
	char started[MJ_DATE_TEXT_SIZE], ends[MJ_DATE_TEXT_SIZE];
	char review[MJ_DATE_TEXT_SIZE];
	struct mj_buf mentor = MJ_BUF_INIT, mentees = MJ_BUF_INIT;
	char *text;

	mj_buf_adds(&mentor, "");
	mj_ini_write_value(&mentor, s->mentor);
	mj_buf_adds(&mentees, "");
	for (size_t i = 0; i < s->mentees.len; i++) {
		if (i)
			mj_buf_adds(&mentees, "\n");
		add_line(&mentees, "mentee", s->mentees.items[i]);
	}
	text = mj_template_fill(template, (const char *const[]){
		"mentor", mentor.ptr, "mentees", mentees.ptr, "type", s->type,
		"model", s->model,
		"started", mj_date_format(s->started, started),
		"ends", mj_date_format(s->ends, ends), "cadence", s->cadence,
		"review", mj_date_format(s->review, review), "slug", s->slug,
		NULL });
	mj_buf_free(&mentor);
	mj_buf_free(&mentees);
	return text;
}
