/*
 * test_cache.c - parsed notes and agreements serialized for the cache and
 * read back.
 */
#include "unit.h"

#include "mj_cache.h"

static const char note_text[] =
	"---\ndate: 2026-02-02\nstage: enabling\nattendance: held\nduration: 1.5h\n"
	"absent: [Kim, Wei]\nmood: fine\n---\n# Plan and risk\n\n## Goals\nx\n\n"
	"## Actions\n- [ ] Sam: send the plan (due 2026-02-09)\n- [x] done thing\n"
	"- [ ] bad date (due 2026-02-30)\n\n## Learning\ny\n"
	"\n## Outcomes\n<!-- Each goal:\n- Plan: met -->\n";

static void assert_same_note(const struct mj_note *a, const struct mj_note *b,
			     bool text)
{
	assert_string_equal(a->file, b->file);
	assert_string_equal(a->name, b->name);
	assert_int_equal(a->is_private, b->is_private);
	assert_int_equal(a->name_ok, b->name_ok);
	assert_int_equal(a->name_date, b->name_date);
	assert_int_equal(a->date, b->date);
	assert_int_equal(a->date_line, b->date_line);
	assert_int_equal(a->stage, b->stage);
	assert_int_equal(a->attendance, b->attendance);
	assert_int_equal(a->duration_minutes, b->duration_minutes);
	assert_int_equal(a->absent.len, b->absent.len);
	for (size_t i = 0; i < a->absent.len; i++)
		assert_string_equal(a->absent.items[i], b->absent.items[i]);
	assert_int_equal(a->sections, b->sections);
	assert_memory_equal(a->section_line, b->section_line, sizeof(a->section_line));
	assert_int_equal(a->n_actions, b->n_actions);
	for (size_t i = 0; i < a->n_actions; i++) {
		assert_int_equal(a->actions[i].state, b->actions[i].state);
		assert_int_equal(a->actions[i].due, b->actions[i].due);
		assert_int_equal(a->actions[i].line, b->actions[i].line);
		if (text) {
			assert_string_equal(a->actions[i].text, b->actions[i].text);
			if (a->actions[i].owner)
				assert_string_equal(a->actions[i].owner, b->actions[i].owner);
			else
				assert_null(b->actions[i].owner);
		} else {
			assert_null(b->actions[i].text);
			assert_null(b->actions[i].owner);
		}
	}
	assert_int_equal(a->n_comment_lines, b->n_comment_lines);
	for (size_t i = 0; i < a->n_comment_lines; i++) {
		assert_int_equal(a->comment_lines[i].section, b->comment_lines[i].section);
		assert_int_equal(a->comment_lines[i].line, b->comment_lines[i].line);
		assert_true(a->comment_lines[i].key == b->comment_lines[i].key);
	}
	if (text)
		assert_string_equal(a->title, b->title);
	else
		assert_null(b->title);
	assert_int_equal(a->diags.len, b->diags.len);
	for (size_t i = 0; i < a->diags.len; i++) {
		assert_string_equal(a->diags.items[i].file, b->diags.items[i].file);
		assert_int_equal(a->diags.items[i].line, b->diags.items[i].line);
		assert_int_equal(a->diags.items[i].column, b->diags.items[i].column);
		assert_int_equal(a->diags.items[i].level, b->diags.items[i].level);
		assert_string_equal(a->diags.items[i].rule, b->diags.items[i].rule);
		assert_string_equal(a->diags.items[i].message, b->diags.items[i].message);
	}
}

static void round_trip(void **state)
{
	struct mj_note parsed, back;
	struct mj_buf buf = MJ_BUF_INIT;
	(void)state;

	mj_note_parse(&parsed, "sam/2026-02-02.md", "2026-02-02.md", note_text,
		      strlen(note_text));
	assert_true(parsed.diags.len >= 2); /* an unknown key, a bad due date */
	assert_int_equal(parsed.n_comment_lines, 1);
	mj_note_serialize(&parsed, &buf);
	assert_int_equal(mj_note_deserialize(&back, "sam", buf.ptr, buf.len, true), 0);
	assert_same_note(&parsed, &back, true);
	mj_note_free(&back);
	assert_int_equal(mj_note_deserialize(&back, "sam", buf.ptr, buf.len, false), 0);
	assert_same_note(&parsed, &back, false);
	mj_note_free(&back);
	mj_note_free(&parsed);
	mj_buf_free(&buf);
}

static void damaged_data_is_refused(void **state)
{
	struct mj_note parsed, back;
	struct mj_buf buf = MJ_BUF_INIT;
	(void)state;

	mj_note_parse(&parsed, "sam/2026-02-02.md", "2026-02-02.md", note_text,
		      strlen(note_text));
	mj_note_serialize(&parsed, &buf);
	/* every cut is refused, never read past */
	for (size_t len = 0; len < buf.len; len++)
		assert_int_equal(mj_note_deserialize(&back, "sam", buf.ptr, len, true), -1);
	/* trailing bytes are refused */
	mj_buf_add(&buf, "x", 1);
	assert_int_equal(mj_note_deserialize(&back, "sam", buf.ptr, buf.len, true), -1);
	/* every byte flipped: refused, or read as some note, never a crash */
	buf.len--;
	for (size_t i = 0; i < buf.len; i++) {
		buf.ptr[i] ^= (char)0xA5;
		if (mj_note_deserialize(&back, "sam", buf.ptr, buf.len, true) == 0)
			mj_note_free(&back);
		buf.ptr[i] ^= (char)0xA5;
	}
	mj_note_free(&parsed);
	mj_buf_free(&buf);
}

static const char agreement_text[] =
	"[relationship]\nmentor = Alex Doe <alex@example.org>\n"
	"mentee = Sam Roe\nmentee = \"Kim, Lee\" <kim@example.org>\n"
	"type = group\nmodel = sponsorship\nstarted = 2026-06-01\n"
	"ends = 2026-12-18\ncadence = 2w\nstatus = closed\nclosed = 2026-11-30\n"
	"reopened = 2026-10-01\n\n[goals]\ngoal = Lead a project\n"
	"goal = Speak up\n  in reviews\n\n[terms]\nconfidentiality = ours\n"
	"no-fault-exit = yes\nreview = 2026-09-14\nsigned-mentor = 2026-06-15\n"
	"signed-mentee = 2026-02-30\nmood = fine\nnot a line\n";

static void assert_same_agreement(struct mj_agreement *a, struct mj_agreement *b)
{
	struct mj_field *x[MJ_AGREEMENT_SINGLES], *y[MJ_AGREEMENT_SINGLES];

	assert_int_equal(a->present, b->present);
	assert_int_equal(a->parsed, b->parsed);
	mj_agreement_singles(a, x);
	mj_agreement_singles(b, y);
	for (size_t i = 0; i < MJ_AGREEMENT_SINGLES; i++) {
		if (x[i]->text)
			assert_string_equal(x[i]->text, y[i]->text);
		else
			assert_null(y[i]->text);
		assert_int_equal(x[i]->line, y[i]->line);
		assert_int_equal(x[i]->end_line, y[i]->end_line);
	}
	assert_int_equal(a->n_mentees, b->n_mentees);
	for (size_t i = 0; i < a->n_mentees; i++) {
		assert_string_equal(a->mentees[i].text, b->mentees[i].text);
		assert_int_equal(a->mentees[i].line, b->mentees[i].line);
	}
	assert_int_equal(a->n_goals, b->n_goals);
	for (size_t i = 0; i < a->n_goals; i++) {
		assert_string_equal(a->goals[i].text, b->goals[i].text);
		assert_int_equal(a->goals[i].end_line, b->goals[i].end_line);
	}
	/* every value read from the fields: the bytes after the lists */
	assert_memory_equal(&a->type_value, &b->type_value,
			    sizeof(*a) - offsetof(struct mj_agreement, type_value));
}

/* An agreement's parse comes back whole, with what its parse said and
 * nothing of another file's diagnostics */
static void agreement_round_trip(void **state)
{
	struct mj_agreement parsed, back;
	struct mj_diags diags = MJ_DIAGS_INIT, again = MJ_DIAGS_INIT;
	struct mj_buf buf = MJ_BUF_INIT;
	(void)state;

	mj_diags_add(&diags, "sam", 0, 0, MJ_LEVEL_ERROR, MJ_RULE_QUIET, "other");
	mj_agreement_parse(&parsed, agreement_text, strlen(agreement_text),
			   "sam/agreement.ini", &diags);
	assert_true(diags.len >= 4); /* a bad date, an unknown key, a bad line */
	assert_int_equal(parsed.n_mentees, 2);
	assert_int_equal(parsed.n_goals, 2);
	mj_agreement_serialize(&parsed, &diags, "sam/agreement.ini", &buf);
	mj_diags_add(&again, "x", 0, 0, MJ_LEVEL_INFO, MJ_RULE_QUIET, "before");
	assert_int_equal(mj_agreement_deserialize(&back, &again,
						  "sam/agreement.ini", buf.ptr,
						  buf.len), 0);
	assert_same_agreement(&parsed, &back);
	assert_int_equal(again.len, diags.len); /* "before" for "other" */
	for (size_t i = 1; i < diags.len; i++) {
		assert_string_equal(again.items[i].file, "sam/agreement.ini");
		assert_string_equal(again.items[i].message, diags.items[i].message);
		assert_string_equal(again.items[i].rule, diags.items[i].rule);
		assert_int_equal(again.items[i].line, diags.items[i].line);
		assert_int_equal(again.items[i].level, diags.items[i].level);
	}
	assert_string_equal(again.items[0].message, "before");
	mj_agreement_free(&back);
	/* every cut refused, nothing added, never read past */
	for (size_t len = 0; len < buf.len; len++) {
		assert_int_equal(mj_agreement_deserialize(&back, &again,
							  "sam/agreement.ini",
							  buf.ptr, len), -1);
		assert_int_equal(again.len, diags.len);
		assert_null(back.mentor.text);
	}
	/* every byte flipped: refused, or read as some agreement */
	for (size_t i = 0; i < buf.len; i++) {
		struct mj_diags some = MJ_DIAGS_INIT;
		buf.ptr[i] ^= (char)0xA5;
		if (mj_agreement_deserialize(&back, &some, "a", buf.ptr,
					     buf.len) == 0)
			mj_agreement_free(&back);
		mj_diags_free(&some);
		buf.ptr[i] ^= (char)0xA5;
	}
	mj_agreement_free(&parsed);
	mj_diags_free(&diags);
	mj_diags_free(&again);
	mj_buf_free(&buf);
}

/* buf as hex, 32 bytes a line */
static char *hex_lines(const struct mj_buf *buf)
{
	size_t n = buf->len * 2 + buf->len / 32 + 2;
	char *out = malloc(n), *p = out;

	for (size_t i = 0; i < buf->len; i++) {
		p += sprintf(p, "%02x", (unsigned char)buf->ptr[i]);
		if (i % 32 == 31 || i + 1 == buf->len)
			*p++ = '\n';
	}
	*p = '\0';
	return out;
}

/*
 * The golden parsed note and agreement: a note that exercises every
 * field, and an agreement, parsed and serialized, must be byte for byte
 * the file kept for MJ_NOTE_FORMAT.  A
 * change to the parser or the serialization without a new format number
 * fails here; MJ_UPDATE_GOLDEN=1 writes the file for a new number.
 */
static void golden_note_ties_the_format(void **state)
{
	static const char golden_text[] =
		"---\ndate: 2026-02-02\nstage: enabling\nattendance: held\n"
		"duration: 1.5h\nabsent: [Kim]\ntitle: Plan and risk\nmood: fine\n"
		"next: 2026-02-16\n---\n"
		"# A heading\n\n## Goals\nx\n\n## Actions\n"
		"- [ ] Sam: send the plan (due 2026-02-09)\n- [x] Alex: done thing\n"
		"- [-] dropped thing\n- [ ] bad date (due 2026-02-30)\n\n"
		"- [!] important thing\n[ ] no marker\n"
		"## Feedback\n- fine\n\n## Learning\ny\n\n## Outcomes\n"
		"<!-- Each goal:\n- Plan: met -->\n\n## Next\nz\n"
		"<<<<<<< HEAD\n";
	struct mj_note parsed;
	struct mj_agreement terms;
	struct mj_diags diags = MJ_DIAGS_INIT;
	struct mj_buf buf = MJ_BUF_INIT;
	char path[64], *hex, *want = NULL;
	size_t want_len = 0;
	FILE *f;
	(void)state;

	mj_note_parse(&parsed, "sam/2026-02-02-plan.md", "2026-02-02-plan.md",
		      golden_text, strlen(golden_text));
	mj_note_serialize(&parsed, &buf);
	/* and an agreement, with what its parse said */
	mj_agreement_parse(&terms, agreement_text, strlen(agreement_text),
			   "sam/agreement.ini", &diags);
	mj_agreement_serialize(&terms, &diags, "sam/agreement.ini", &buf);
	hex = hex_lines(&buf);
	snprintf(path, sizeof(path), "tests/golden/note-format-%d.hex",
		 MJ_NOTE_FORMAT);
	if (getenv("MJ_UPDATE_GOLDEN")) {
		f = fopen(path, "w");
		assert_non_null(f);
		fputs(hex, f);
		fclose(f);
	}
	f = fopen(path, "r");
	if (!f)
		fail_msg("no %s: a new MJ_NOTE_FORMAT needs its golden file "
			 "(MJ_UPDATE_GOLDEN=1 make check)", path);
	want = malloc(1 << 16);
	want_len = fread(want, 1, (1 << 16) - 1, f);
	want[want_len] = '\0';
	fclose(f);
	if (strcmp(want, hex))
		fail_msg("a parsed note no longer serializes as %s says: the "
			 "parser or the cache format changed, so bump "
			 "MJ_NOTE_FORMAT in mj_model.h (then MJ_UPDATE_GOLDEN=1 "
			 "make check writes the new golden file)", path);
	free(want);
	free(hex);
	mj_note_free(&parsed);
	mj_agreement_free(&terms);
	mj_diags_free(&diags);
	mj_buf_free(&buf);
}

static void rule_ids_are_interned(void **state)
{
	(void)state;
	char name[] = "quiet"; /* not a literal: the table's own string comes back */
	assert_string_equal(mj_rule_intern(name), MJ_RULE_QUIET);
	assert_ptr_not_equal(mj_rule_intern(name), name);
	assert_ptr_equal(mj_rule_intern(name), mj_rule_intern("quiet"));
	assert_string_equal(mj_rule_intern("note-front-matter"), MJ_RULE_NOTE_FRONT_MATTER);
	assert_null(mj_rule_intern("not-a-rule"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip),
		cmocka_unit_test(damaged_data_is_refused),
		cmocka_unit_test(agreement_round_trip),
		cmocka_unit_test(golden_note_ties_the_format),
		cmocka_unit_test(rule_ids_are_interned),
	};
	RUN_TESTS(tests);
}
