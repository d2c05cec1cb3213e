/*
 * test_cache.c - parsed notes serialized for the cache and read back.
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
 * The golden parsed note: a note that exercises every field, parsed and
 * serialized, must be byte for byte the file kept for MJ_NOTE_FORMAT.  A
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
	struct mj_buf buf = MJ_BUF_INIT;
	char path[64], *hex, *want = NULL;
	size_t want_len = 0;
	FILE *f;
	(void)state;

	mj_note_parse(&parsed, "sam/2026-02-02-plan.md", "2026-02-02-plan.md",
		      golden_text, strlen(golden_text));
	mj_note_serialize(&parsed, &buf);
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
		cmocka_unit_test(golden_note_ties_the_format),
		cmocka_unit_test(rule_ids_are_interned),
	};
	RUN_TESTS(tests);
}
