/*
 * test_table.c - columns fitted to a width: shrink, cut with an ellipsis,
 * leave out the least important.
 */
#include "unit.h"

#include "mj_table.h"

static const struct mj_column columns[] = {
	{ "NAME", 6, 0, false },
	{ "NOTES", 0, 0, true },
	{ "WHAT", 8, 1, false },
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
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(natural_widths_when_there_is_room),
		cmocka_unit_test(flexible_columns_shrink_with_an_ellipsis),
		cmocka_unit_test(the_least_important_column_is_left_out),
		cmocka_unit_test(rows_are_coloured_on_request),
		cmocka_unit_test(widths_count_characters_not_bytes),
	};
	RUN_TESTS(tests);
}
