/*
 * test_util.c - buffers, string vectors, slugs, UTF-8, and diagnostics.
 */
#include "unit.h"

#include "mj_util.h"

static void buffers_grow_and_detach(void **state)
{
	struct mj_buf b = MJ_BUF_INIT;
	char *s;
	(void)state;

	for (int i = 0; i < 1000; i++)
		mj_buf_addf(&b, "%d,", i % 10);
	assert_int_equal(b.len, 2000);
	mj_buf_adds(&b, "end");
	assert_memory_equal(b.ptr + 2000, "end", 4); /* kept NUL-terminated */
	s = mj_buf_detach(&b);
	assert_null(b.ptr);
	assert_int_equal(b.len, 0);
	assert_int_equal(strlen(s), 2003);
	free(s);
	s = mj_buf_detach(&b); /* an empty buffer detaches as "" */
	assert_string_equal(s, "");
	free(s);
}

static void sizes_for_a_person(void **state)
{
	char buf[32];
	(void)state;

	mj_format_size(1, buf, sizeof(buf));
	assert_string_equal(buf, "1 byte");
	mj_format_size(812, buf, sizeof(buf));
	assert_string_equal(buf, "812 bytes");
	mj_format_size(5324, buf, sizeof(buf));
	assert_string_equal(buf, "5.2 KiB");
	mj_format_size(4u * 1024 * 1024, buf, sizeof(buf));
	assert_string_equal(buf, "4 MiB");
	mj_format_size(200u * 1024 * 1024, buf, sizeof(buf));
	assert_string_equal(buf, "200 MiB");
	mj_format_size(3ull * 1024 * 1024 * 1024, buf, sizeof(buf));
	assert_string_equal(buf, "3 GiB");
	mj_format_size(3ull * 1024 * 1024 * 1024 + 200u * 1024 * 1024, buf,
		       sizeof(buf));
	assert_string_equal(buf, "3.2 GiB");
}

static void string_vectors(void **state)
{
	struct mj_strvec v = MJ_STRVEC_INIT;
	(void)state;

	mj_strvec_push(&v, "b");
	mj_strvec_push(&v, "a");
	mj_strvec_push_owned(&v, mj_xstrdup("c"));
	assert_true(mj_strvec_contains(&v, "a"));
	assert_false(mj_strvec_contains(&v, "d"));
	mj_strvec_sort(&v);
	assert_string_equal(v.items[0], "a");
	assert_string_equal(v.items[2], "c");
	mj_strvec_free(&v);
	assert_int_equal(v.len, 0);
}

static void strings_and_slugs(void **state)
{
	char text[] = "  \t padded \n";
	char *slug;
	(void)state;

	assert_string_equal(mj_str_trim(text), "padded");
	assert_true(mj_str_ends_with("a.private.md", ".private.md"));
	assert_false(mj_str_ends_with("md", ".md"));
	assert_true(mj_str_natural_cmp("Mentor 2", "Mentor 10") < 0);
	assert_true(mj_str_natural_cmp("Mentor 100", "Mentor 10") > 0);
	assert_true(mj_str_natural_cmp("Mentor 007", "Mentor 7") == 0);
	assert_true(mj_str_natural_cmp("a", "ab") < 0);
	assert_true(mj_str_natural_cmp("b1", "a2") > 0);
	assert_true(mj_str_natural_cmp("2026-02", "2026-10") < 0);
	assert_true(mj_str_equal_nocase("HeLd", 4, "held"));
	assert_false(mj_str_equal_nocase("held!", 5, "held"));
	assert_true(mj_slug_is_valid("sam-with-alex"));
	assert_false(mj_slug_is_valid(".."));
	assert_false(mj_slug_is_valid("a/b"));
	assert_false(mj_slug_is_valid(""));
	assert_false(mj_slug_is_valid("Sam With Alex"));
	slug = mj_slugify("Plan & risk: the FIRST one!", 40);
	assert_true(mj_slug_is_valid(slug));
	assert_non_null(strstr(slug, "plan"));
	assert_non_null(strstr(slug, "first"));
	free(slug);
	slug = mj_slugify("a very long title that goes on and on", 10);
	assert_true(strlen(slug) <= 10);
	free(slug);
}

static void utf8_and_lines(void **state)
{
	size_t bad = 0;
	(void)state;

	assert_true(mj_utf8_is_valid("caf\xC3\xA9", 5, &bad));
	assert_false(mj_utf8_is_valid("caf\xE9!", 5, &bad)); /* Windows-1252 */
	assert_int_equal(bad, 3);
	assert_false(mj_utf8_is_valid("\xC0\xAF", 2, &bad)); /* overlong */
	assert_false(mj_utf8_is_valid("\xED\xA0\x80", 3, &bad)); /* surrogate */
	assert_int_equal(mj_line_of_offset("a\nb\nc", 0), 1);
	assert_int_equal(mj_line_of_offset("a\nb\nc", 2), 2);
	assert_int_equal(mj_line_of_offset("a\nb\nc", 4), 3);
}

static void diagnostics_sort_count_and_print(void **state)
{
	struct mj_diags d = MJ_DIAGS_INIT, copy = MJ_DIAGS_INIT;
	char *text = NULL;
	size_t len = 0;
	FILE *out;
	(void)state;

	mj_diags_add(&d, "b.md", 3, 1, MJ_LEVEL_WARNING, MJ_RULE_QUIET, "late %d", 3);
	mj_diags_add(&d, "a.md", 10, 2, MJ_LEVEL_ERROR, MJ_RULE_NOTE_DATE, "bad");
	mj_diags_add(&d, "a.md", 2, 0, MJ_LEVEL_INFO, MJ_RULE_QUIET, "fyi");
	mj_diags_sort(&d);
	assert_string_equal(d.items[0].file, "a.md");
	assert_int_equal(d.items[0].line, 2);
	assert_int_equal(d.items[1].line, 10);
	assert_string_equal(d.items[2].file, "b.md");
	assert_int_equal(mj_diags_count(&d, MJ_LEVEL_ERROR), 1);
	assert_int_equal(mj_diags_count(&d, MJ_LEVEL_WARNING), 1);
	mj_diags_copy(&copy, &d);
	assert_int_equal(copy.len, 3);
	assert_ptr_not_equal(copy.items[0].message, d.items[0].message);
	out = open_memstream(&text, &len);
	mj_diag_print(out, &d.items[1], 0);
	mj_diag_print(out, &d.items[2], 0);
	fclose(out);
	assert_string_equal(text,
			    "a.md:10:2: error: bad [note-date]\n"
			    "b.md:3:1: warning: late 3 [quiet]\n");
	free(text);
	assert_string_equal(mj_level_name(MJ_LEVEL_WARNING), "warning");
	mj_diags_free(&d);
	mj_diags_free(&copy);
}

static void control_characters_made_visible(void **state)
{
	char *v;
	(void)state;
#define VISIBLE(in, keep, out) do { v = mj_visible((in), (keep)); \
	assert_string_equal(v, (out)); free(v); } while (0)
	VISIBLE("evil \x1b]0;pwned\x07 \x1b[2J title", false,
		"evil ^[]0;pwned^G ^[[2J title");
	VISIBLE("a\rb\x7f", false, "a^Mb^?");
	VISIBLE("line\n\tnext", false, "line^J^Inext");
	VISIBLE("line\n\tnext\x1b", true, "line\n\tnext^[");
	/* C1 controls, as UTF-8 and as stray bytes */
	VISIBLE("csi \xc2\x9b" "2J osc \x9d", false, "csi \\x9b2J osc \\x9d");
	/* everything else is kept: accents, wide characters, emoji */
	VISIBLE("Jos\xc3\xa9 \xe3\x80\x80 \xe7\x8e\x8b \xf0\x9f\x98\x80 \xc2\xa0",
		false, "Jos\xc3\xa9 \xe3\x80\x80 \xe7\x8e\x8b \xf0\x9f\x98\x80 \xc2\xa0");
#undef VISIBLE
}

/* What standard output's filter does with bytes that come in pieces. */
static void visible_bytes_in_pieces(void **state)
{
	const unsigned all = MJ_VISIBLE_LINES | MJ_VISIBLE_CRLF | MJ_VISIBLE_MORE;
	struct mj_buf b = MJ_BUF_INIT;
	(void)state;

	/* a CSV line end stays, a CR alone is shown, a NUL too */
	assert_int_equal(mj_buf_add_visible_bytes(&b, "a,b\r\nc\rd\0e", 10,
						  all), 10);
	assert_int_equal(b.len, 12);
	assert_memory_equal(b.ptr, "a,b\r\nc^Md^@e", 12);
	mj_buf_free(&b);
	/* a character or a CR the end cuts short is kept back, not shown */
	assert_int_equal(mj_buf_add_visible_bytes(&b, "x\xe2\x82", 3, all), 1);
	assert_int_equal(mj_buf_add_visible_bytes(&b, "y\r", 2, all), 1);
	assert_int_equal(mj_buf_add_visible_bytes(&b, "\xc2", 1, all), 0);
	assert_string_equal(b.ptr, "xy");
	mj_buf_free(&b);
	/* with the rest: the euro sign whole, C1 CSI shown */
	assert_int_equal(mj_buf_add_visible_bytes(&b, "\xe2\x82\xac\xc2\x9b", 5,
						  all), 5);
	assert_string_equal(b.ptr, "\xe2\x82\xac\\x9b");
	mj_buf_free(&b);
	/* at the end (no more bytes): what is left is shown as it is */
	assert_int_equal(mj_buf_add_visible_bytes(&b, "z\r", 2, MJ_VISIBLE_CRLF), 2);
	assert_string_equal(b.ptr, "z^M");
	mj_buf_free(&b);
}

/* mj_text_is_visible says whether the filter would change a byte: the
 * two agree on every kind of byte it knows, as lines and as not. */
static void visible_as_it_is(void **state)
{
	static const char *const texts[] = {
		"", "plain", "two\nlines\tand a tab", "a\r\nb", "cr\r",
		"esc \x1b[2J", "del \x7f", "csi \xc2\x9b", "stray \x9d",
		"Jos\xc3\xa9 \xe3\x80\x80 \xf0\x9f\x98\x80 \xc2\xa0",
		"cut \xe2\x82", "bad \xff\xfe", "nul",
	};
	const unsigned flags[] = { 0, MJ_VISIBLE_LINES,
				   MJ_VISIBLE_LINES | MJ_VISIBLE_CRLF };
	(void)state;

	for (size_t i = 0; i < sizeof(texts) / sizeof(*texts); i++)
		for (size_t f = 0; f < sizeof(flags) / sizeof(*flags); f++) {
			const char *t = texts[i];
			size_t n = strlen(t) + (!strcmp(t, "nul") ? 1 : 0);
			struct mj_buf b = MJ_BUF_INIT;
			bool same;

			mj_buf_add_visible_bytes(&b, t, n, flags[f]);
			same = b.len == n && !memcmp(b.ptr, t, n);
			assert_int_equal(mj_text_is_visible(t, n, flags[f]), same);
			mj_buf_free(&b);
		}
	/* a page of text and markup is written as it is */
	assert_true(mj_text_is_visible("<p>Jos\xc3\xa9</p>\n", 13,
				       MJ_VISIBLE_LINES));
	assert_false(mj_text_is_visible("<p>\x1b</p>\n", 9, MJ_VISIBLE_LINES));
}

/* Records filled in any order come out in slot order, the rest zero */
static void slots_packed_in_order(void **state)
{
	struct mj_slots slots;
	const int *records;
	(void)state;

	mj_slots_start(&slots, 6, sizeof(int));
	*(int *)mj_slots_take(&slots, 4) = 40;
	*(int *)mj_slots_take(&slots, 1) = 10;
	*(int *)mj_slots_take(&slots, 5) = 50;
	assert_int_equal(mj_slots_pack(&slots), 3);
	assert_int_equal(slots.n, 3);
	records = slots.records;
	assert_int_equal(records[0], 10);
	assert_int_equal(records[1], 40);
	assert_int_equal(records[2], 50);
	for (size_t i = 3; i < 6; i++)
		assert_int_equal(records[i], 0);
	/* packed again: the same */
	assert_int_equal(mj_slots_pack(&slots), 3);
	assert_int_equal(records[1], 40);
	mj_slots_free(&slots);
	/* none filled, or none at all */
	mj_slots_start(&slots, 0, sizeof(int));
	assert_int_equal(mj_slots_pack(&slots), 0);
	mj_slots_free(&slots);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(buffers_grow_and_detach),
		cmocka_unit_test(string_vectors),
		cmocka_unit_test(sizes_for_a_person),
		cmocka_unit_test(strings_and_slugs),
		cmocka_unit_test(utf8_and_lines),
		cmocka_unit_test(control_characters_made_visible),
		cmocka_unit_test(visible_bytes_in_pieces),
		cmocka_unit_test(visible_as_it_is),
		cmocka_unit_test(diagnostics_sort_count_and_print),
		cmocka_unit_test(slots_packed_in_order),
	};
	RUN_TESTS(tests);
}
