/*
 * test_ini_property.c - what mjournal writes into agreement.ini reads back
 * as it was: random values (quotes, commas, '#', ';', backslashes, spaces
 * at either end, non-ASCII) from a fixed seed, through the one encoder
 * (mj_ini_write_value), the agreement new and import write
 * (mj_start_agreement) and the edits close, extend and reopen make
 * (mj_agreement_edit), each read back with the reader check uses.
 */
#include "unit.h"

#include "mj_ini.h"
#include "mj_start.h"
#include "mj_template.h"

#define ROUNDS 2000

static uint64_t seed = 0x6d6a6f75726e616cULL; /* fixed: a failure repeats */

static uint32_t next_random(void)
{
	/* xorshift64* */
	seed ^= seed >> 12;
	seed ^= seed << 25;
	seed ^= seed >> 27;
	return (uint32_t)((seed * 0x2545F4914F6CDD1DULL) >> 32);
}

/*
 * A random value of up to max pieces: the hostile ones more often than
 * their share.  With controls too: tab, line break and backspace (the
 * encoder's escapes), ESC, BEL, DEL, VT; people's names never hold those.
 */
static char *random_value(size_t max, bool controls)
{
	static const char *const pieces[] = {
		"\"", "'", ",", "#", ";", "\\", " ", "  ", "\\\"", "\"\"",
		"Doe", "Alex", "<alex@example.org>", "Zo\xc3\xab",
		"\xc3\x85ngstr\xc3\xb6m", "\xe6\x97\xa5\xe6\x9c\xac", "=", ":",
		"[", "]", "x", "3", " # ", " ; ", "\\n", "\\\\",
	};
	static const char *const control[] = { "\t", "\n", "\b", "\x1b",
						"\a", "\x7f", "\x0b" };
	struct mj_buf out = MJ_BUF_INIT;
	size_t n = next_random() % (max + 1);

	mj_buf_adds(&out, "");
	for (size_t i = 0; i < n; i++) {
		if (controls && next_random() % 8 == 0)
			mj_buf_adds(&out, control[next_random() %
						   MJ_ARRAY_SIZE(control)]);
		else
			mj_buf_adds(&out, pieces[next_random() %
						 MJ_ARRAY_SIZE(pieces)]);
	}
	return mj_buf_detach(&out);
}

static const char *agreement_template(void)
{
	for (size_t i = 0; i < mj_builtin_template_count; i++)
		if (!strcmp(mj_builtin_templates[i].name, "agreement.ini"))
			return mj_builtin_templates[i].text;
	fail();
	return NULL;
}

/* No error among the diagnostics (warnings are fine). */
static void assert_no_error(const struct mj_diags *d)
{
	for (size_t i = 0; i < d->len; i++)
		if (d->items[i].level == MJ_LEVEL_ERROR)
			fail_msg("%d: %s", d->items[i].line, d->items[i].message);
}

static void every_value_reads_back_as_written(void **state)
{
	(void)state;
	for (int round = 0; round < ROUNDS; round++) {
		char *value = random_value(12, true);
		struct mj_buf text = MJ_BUF_INIT;
		struct mj_ini ini = MJ_INI_INIT;
		struct mj_diags d = MJ_DIAGS_INIT;

		mj_buf_adds(&text, "[goals]\ngoal = ");
		assert_int_equal(mj_ini_write_value(&text, value), 0);
		mj_buf_adds(&text, " ; a comment after it\ngoal = next\n");
		assert_int_equal(mj_ini_parse(&ini, text.ptr, text.len, "a.ini",
					      "agreement-syntax", &d), 0);
		assert_int_equal(ini.len, 2);
		assert_string_equal(ini.items[0].value, value);
		assert_string_equal(ini.items[1].value, "next");
		mj_ini_free(&ini);
		mj_diags_free(&d);
		mj_buf_free(&text);
		free(value);
	}
}

/* Random people for new and import (import splits mentees at ';'). */
static void random_start(struct mj_start *s, struct mj_strvec *owned)
{
	memset(s, 0, sizeof(*s));
	s->slug = "sam-with-alex";
	s->started = s->ends = s->review = MJ_DATE_NONE;
	do {
		mj_strvec_push_owned(owned, random_value(10, false));
	} while (!*owned->items[owned->len - 1]);
	s->mentor = owned->items[owned->len - 1];
	for (uint32_t n = 1 + next_random() % 3; s->mentees.len < n;) {
		char *m = random_value(10, false);
		if (*m)
			mj_strvec_push(&s->mentees, m);
		mj_strvec_push_owned(owned, m);
	}
}

static void new_and_import_write_every_field_to_read_back(void **state)
{
	(void)state;
	for (int round = 0; round < ROUNDS; round++) {
		struct mj_strvec owned = MJ_STRVEC_INIT;
		struct mj_start s;
		struct mj_agreement a;
		struct mj_diags d = MJ_DIAGS_INIT;
		char *why, *text;

		random_start(&s, &owned);
		why = mj_start_check(&s, 20515);
		if (why)
			fail_msg("'%s' refused: %s", s.mentor, why);
		text = mj_start_agreement(agreement_template(), &s);
		mj_agreement_parse(&a, text, strlen(text), "x/agreement.ini", &d);
		assert_true(a.parsed);
		assert_no_error(&d);
		assert_string_equal(a.mentor.text, s.mentor);
		assert_int_equal(a.n_mentees, s.mentees.len);
		for (size_t i = 0; i < a.n_mentees; i++)
			assert_string_equal(a.mentees[i].text, s.mentees.items[i]);
		mj_agreement_free(&a);
		mj_diags_free(&d);
		free(text);
		mj_strvec_free(&s.mentees);
		mj_strvec_free(&owned);
	}
}

/* "key = value" and, at random, a comment after it. */
static void add_entry(struct mj_buf *text, const char *key, const char *value)
{
	static const char *const comments[] = {
		"", " ; by hand", "\t# kept", " ;", "  # \"quoted\" \\ note",
	};

	mj_buf_addf(text, "%s = ", key);
	assert_int_equal(mj_ini_write_value(text, value), 0);
	mj_buf_addf(text, "%s\n",
		    comments[next_random() % MJ_ARRAY_SIZE(comments)]);
}

static void edits_write_every_field_to_read_back(void **state)
{
	static const char *const keys[] = { "status", "closed", "ends",
					    "reopened" };
	(void)state;
	for (int round = 0; round < ROUNDS; round++) {
		struct mj_buf text = MJ_BUF_INIT;
		char *values[6], *edited;
		struct mj_agreement a, back;
		struct mj_diags d = MJ_DIAGS_INIT;
		struct mj_agreement_change changes[2];
		size_t len, n = 0;

		for (size_t i = 0; i < MJ_ARRAY_SIZE(values); i++)
			values[i] = random_value(10, true);
		mj_buf_adds(&text, "[relationship]\n");
		add_entry(&text, "mentor", values[0]);
		add_entry(&text, "mentee", values[1]);
		add_entry(&text, "started", "2026-01-05");
		if (next_random() % 2)
			add_entry(&text, "status", "active");
		if (next_random() % 2)
			add_entry(&text, "ends", "2026-07-05");
		mj_buf_adds(&text, "[goals]\n");
		add_entry(&text, "goal", values[2]);
		add_entry(&text, "goal", values[3]);
		mj_agreement_parse(&a, text.ptr, text.len, "x/agreement.ini", &d);
		assert_true(a.parsed);
		/* two of the fields close, extend and reopen set, to random
		 * values (they write dates and names, but any value must do) */
		for (size_t k = next_random() % 4; n < 2; k = (k + 1) % 4) {
			const struct mj_field *f = !strcmp(keys[k], "status") ?
				&a.status : !strcmp(keys[k], "closed") ? &a.closed :
				!strcmp(keys[k], "ends") ? &a.ends : &a.reopened;
			changes[n] = (struct mj_agreement_change){ f, keys[k],
								   values[4 + n] };
			n++;
		}
		edited = mj_agreement_edit(text.ptr, text.len, &a, changes, n, &len);
		assert_non_null(edited);
		mj_agreement_parse(&back, edited, len, "x/agreement.ini", &d);
		assert_true(back.parsed);
		assert_string_equal(back.mentor.text, values[0]);
		assert_string_equal(back.mentees[0].text, values[1]);
		assert_string_equal(back.started.text, "2026-01-05");
		for (size_t i = 0; i < n; i++) {
			const char *key = changes[i].key;
			const struct mj_field *f = !strcmp(key, "status") ?
				&back.status : !strcmp(key, "closed") ? &back.closed :
				!strcmp(key, "ends") ? &back.ends : &back.reopened;
			assert_non_null(f->text);
			assert_string_equal(f->text, changes[i].value);
		}
		/* an empty goal is no goal */
		assert_int_equal(back.n_goals, (*values[2] != 0) + (*values[3] != 0));
		for (size_t i = 0, g = 2; i < back.n_goals; i++, g++) {
			if (!*values[g])
				g++;
			assert_string_equal(back.goals[i].text, values[g]);
		}
		mj_agreement_free(&a);
		mj_agreement_free(&back);
		mj_diags_free(&d);
		free(edited);
		mj_buf_free(&text);
		for (size_t i = 0; i < MJ_ARRAY_SIZE(values); i++)
			free(values[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_value_reads_back_as_written),
		cmocka_unit_test(new_and_import_write_every_field_to_read_back),
		cmocka_unit_test(edits_write_every_field_to_read_back),
	};
	RUN_TESTS(tests);
}
