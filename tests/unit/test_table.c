/*
 * test_table.c - columns fitted to a width: shrink, cut with an ellipsis,
 * leave out the least important.
 */
#include "unit.h"

#include "mj_table.h"
#include "mj_util.h"

static const struct mj_column columns[] = {
	{ "NAME", 6, 0, false, false },
	{ "NOTES", 0, 0, true, false },
	{ "WHAT", 8, 1, false, false },
};

/* The table of two rows printed within width, as a string; caller frees. */
static char *print(size_t width, bool color)
{
	static const char *const row1[] = { "sam-with-alex", "12", "a longish description" };
	static const char *const row2[] = { "jo", "3", "short" };
	struct mj_table *t = mj_table_new(columns, 3);
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	mj_table_add(t, row1, MJ_STYLE_PLAIN);
	mj_table_add(t, row2, MJ_STYLE_WARNING);
	mj_table_print(t, out, width, color);
	fclose(out);
	mj_table_free(t);
	return text;
}

static void natural_widths_when_there_is_room(void **state)
{
	char *text = print(0, false);
	(void)state;
	assert_string_equal(text,
			    "NAME           NOTES  WHAT\n"
			    "sam-with-alex     12  a longish description\n"
			    "jo                 3  short\n");
	free(text);
}

static void flexible_columns_shrink_with_an_ellipsis(void **state)
{
	char *text = print(36, false);
	(void)state;
	/* no line is wider than asked; cut text ends in "~" (not UTF-8 here) */
	for (char *line = text, *nl; (nl = strchr(line, '\n')); line = nl + 1)
		assert_true((size_t)(nl - line) <= 36);
	assert_non_null(strstr(text, "~"));
	assert_non_null(strstr(text, "   12  "));
	free(text);
}

static void the_least_important_column_is_left_out(void **state)
{
	char *text = print(16, false);
	(void)state;
	assert_null(strstr(text, "WHAT"));
	assert_non_null(strstr(text, "NOTES"));
	for (char *line = text, *nl; (nl = strchr(line, '\n')); line = nl + 1)
		assert_true((size_t)(nl - line) <= 16);
	free(text);
}

static void rows_are_coloured_on_request(void **state)
{
	char *plain = print(0, false), *color = print(0, true);
	(void)state;
	assert_null(strchr(plain, '\033'));
	assert_non_null(strstr(color, "\033[33mjo"));
	assert_non_null(strstr(color, "\033[2mNAME"));
	free(plain);
	free(color);
}

static void widths_count_characters_not_bytes(void **state)
{
	(void)state;
	assert_int_equal(mj_text_width(""), 0);
	assert_int_equal(mj_text_width("abc"), 3);
	assert_int_equal(mj_text_width("caf\xC3\xA9"), 4);
	assert_int_equal(mj_text_width("\xE2\x80\xA6"), 1);
	/* display columns, whatever the locale: 王小明 takes six, a combining
	 * acute none, an emoji two, a stray byte one */
	assert_int_equal(mj_text_width("\xE7\x8E\x8B\xE5\xB0\x8F\xE6\x98\x8E"), 6);
	assert_int_equal(mj_text_width("e\xCC\x81"), 1);
	assert_int_equal(mj_text_width("\xF0\x9F\x98\x80"), 2);
	assert_int_equal(mj_text_width("a\xFF" "b"), 3);
}

/* Wide characters take two columns: the rows stay aligned, and a cut
 * never splits one. */
static void wide_characters_keep_columns_aligned(void **state)
{
	static const struct mj_column cols[] = {
		{ "MENTOR", 4, 0, false, false }, { "ROLE", 0, 0, false, false },
	};
	static const char wang[] = "\xE7\x8E\x8B\xE5\xB0\x8F\xE6\x98\x8E";
	struct mj_table *t = mj_table_new(cols, 2);
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	(void)state;

	mj_table_add(t, (const char *const[]){ wang, "mentor" }, MJ_STYLE_PLAIN);
	mj_table_add(t, (const char *const[]){ "Sam", "mentee" }, MJ_STYLE_PLAIN);
	mj_table_print(t, out, 0, false);
	fclose(out);
	assert_string_equal(text, "MENTOR  ROLE\n"
			    "\xE7\x8E\x8B\xE5\xB0\x8F\xE6\x98\x8E  mentor\n"
			    "Sam     mentee\n");
	free(text);
	/* in 11 columns the name gets 4: one wide character and the
	 * ellipsis ("~" outside a UTF-8 locale), padded; a second wide
	 * character would need a fifth column */
	text = NULL;
	out = open_memstream(&text, &len);
	mj_table_print(t, out, 11, false);
	fclose(out);
	assert_non_null(strstr(text, "\n\xE7\x8E\x8B~   mentor\n"));
	assert_null(strstr(text, "\xE5\xB0\x8F"));
	free(text);
	mj_table_free(t);
}

/* A wrapping column takes more lines instead of cutting its text; the
 * other cells stay on the first line, and no line ends in spaces. */
static void a_wrapping_column_takes_more_lines(void **state)
{
	static const struct mj_column cols[] = {
		{ "ACTION", 10, 0, false, true }, { "WHERE", 0, 0, false, false },
	};
	struct mj_table *t = mj_table_new(cols, 2);
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	(void)state;

	mj_table_add(t, (const char *const[]){ "send the plan to the team lead",
					       "sam/2026-02-02.md:14" }, MJ_STYLE_PLAIN);
	mj_table_add(t, (const char *const[]){ "book", "sam/2026-03-01.md:9" },
		     MJ_STYLE_PLAIN);
	mj_table_print(t, out, 34, false);
	fclose(out);
	assert_string_equal(text,
			    "ACTION        WHERE\n"
			    "send the      sam/2026-02-02.md:14\n"
			    "plan to the\n"
			    "team lead\n"
			    "book          sam/2026-03-01.md:9\n");
	free(text);
	mj_table_free(t);
}

static void wraps_by_display_width(void **state)
{
	struct mj_buf b = MJ_BUF_INIT;
	(void)state;

	mj_wrap(&b, "one two three four", 0, 2, 9);
	assert_string_equal(b.ptr, "one two\n  three\n  four");
	mj_buf_free(&b);
	/* a word longer than the width stands on a line of its own */
	mj_wrap(&b, "a verylongword b", 0, 0, 5);
	assert_string_equal(b.ptr, "a\nverylongword\nb");
	mj_buf_free(&b);
	/* wide characters count two columns */
	mj_wrap(&b, "\xE7\x8E\x8B\xE5\xB0\x8F \xE6\x98\x8E", 0, 0, 5);
	assert_string_equal(b.ptr, "\xE7\x8E\x8B\xE5\xB0\x8F\n\xE6\x98\x8E");
	mj_buf_free(&b);
	/* a first word that does not fit where the line is starts the next
	 * line, whole */
	mj_buf_adds(&b, "");
	mj_wrap(&b, "consequences for all", 14, 4, 20);
	assert_string_equal(b.ptr, "\n    consequences for\n    all");
	mj_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(natural_widths_when_there_is_room),
		cmocka_unit_test(flexible_columns_shrink_with_an_ellipsis),
		cmocka_unit_test(the_least_important_column_is_left_out),
		cmocka_unit_test(rows_are_coloured_on_request),
		cmocka_unit_test(widths_count_characters_not_bytes),
		cmocka_unit_test(wide_characters_keep_columns_aligned),
		cmocka_unit_test(a_wrapping_column_takes_more_lines),
		cmocka_unit_test(wraps_by_display_width),
	};
	RUN_TESTS(tests);
}
