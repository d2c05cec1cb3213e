/*
 * test_command.c - a command's arguments parsed from its descriptor, and
 * the help and suggestions written from it.
 */
#include "unit.h"

#include "mj_command.h"

#include <limits.h>

static const struct mj_option options[] = {
	{ "date", 0, MJ_ARG_DATE, "DATE", NULL, "the day", 0 },
	{ "format", 0, MJ_ARG_CHOICE, "FORMAT", "text json", "text or json", 0 },
	{ "mentee", 0, MJ_ARG_PERSON, "PERSON", NULL, "a mentee", MJ_OPT_REPEAT },
	{ "message", 'm', MJ_ARG_TEXT, "MESSAGE", NULL,
	  "a long help text that has to be wrapped because it goes on and on "
	  "well past the width of any reasonable terminal", 0 },
	{ "no-edit", 'n', MJ_ARG_NONE, NULL, NULL, "no editor", 0 },
	{ NULL, 0, 0, 0, 0, 0, 0 },
};

static const struct mj_command cmd = {
	.name = "note", .summary = "Write a note.",
	.operand = "SLUG", .operand_kind = MJ_ARG_SLUG,
	.min_operands = 1, .max_operands = 1, .options = options,
};

static const struct mj_option required[] = {
	{ "mentor", 0, MJ_ARG_PERSON, "PERSON", NULL, "the mentor", MJ_OPT_REQUIRED },
	{ NULL, 0, 0, 0, 0, 0, 0 },
};

static const struct mj_command needs_mentor = {
	.name = "new", .summary = "Start.", .operand = "SLUG",
	.operand_kind = MJ_ARG_TEXT, .min_operands = 1, .max_operands = 1,
	.options = required,
};

/* Parses the words (NULL-terminated); the error's text, or "" on success. */
static char *parse(struct mj_args *a, const struct mj_command *c, ...)
{
	static char err_text[512];
	char *argv[16];
	int argc = 0;
	struct mj_buf err = MJ_BUF_INIT;
	va_list ap;

	va_start(ap, c);
	argv[argc++] = (char *)(uintptr_t)c->name;
	for (char *w; (w = va_arg(ap, char *));)
		argv[argc++] = w;
	va_end(ap);
	argv[argc] = NULL;
	err_text[0] = '\0';
	if (mj_args_parse(a, c, argc, argv, &err) < 0)
		snprintf(err_text, sizeof(err_text), "%s", err.ptr);
	mj_buf_free(&err);
	return err_text;
}

static void parses_every_form(void **state)
{
	struct mj_args a;
	char text[MJ_DATE_TEXT_SIZE];
	(void)state;

	assert_string_equal(parse(&a, &cmd, "--date", "2026-02-02", "sam",
				  "--format=json", "-nmhello", "--mentee", "A",
				  "--mentee=B", "-C", "dir", (char *)NULL), "");
	assert_string_equal(mj_date_format(mj_arg_date(&a, "date", MJ_DATE_NONE),
					   text), "2026-02-02");
	assert_int_equal(mj_arg_choice(&a, "format"), 1);
	assert_true(mj_arg_given(&a, "no-edit"));
	assert_string_equal(mj_arg_value(&a, "message"), "hello");
	assert_int_equal(mj_arg_values(&a, "mentee")->len, 2);
	assert_string_equal(mj_arg_values(&a, "mentee")->items[1], "B");
	assert_string_equal(a.chdir, "dir");
	assert_int_equal(a.operands.len, 1);
	assert_string_equal(a.operands.items[0], "sam");
	assert_false(a.help);
	mj_args_free(&a);

	/* after --, a word is an operand even when it looks like an option */
	assert_string_equal(parse(&a, &cmd, "--", "--date", (char *)NULL), "");
	assert_string_equal(a.operands.items[0], "--date");
	assert_int_equal(mj_arg_date(&a, "date", 7), 7);
	assert_int_equal(mj_arg_choice(&a, "format"), 0);
	assert_null(mj_arg_value(&a, "message"));
	mj_args_free(&a);

	/* --help wins over missing operands */
	assert_string_equal(parse(&a, &cmd, "-h", (char *)NULL), "");
	assert_true(a.help);
	mj_args_free(&a);
}

static void names_each_mistake(void **state)
{
	struct mj_args a;
	(void)state;

#define REFUSED(expect, ...) do { \
	assert_string_equal(parse(&a, __VA_ARGS__, (char *)NULL), (expect)); \
	mj_args_free(&a); } while (0)
	REFUSED("unknown option '--dat'; did you mean '--date'?", &cmd, "--dat");
	REFUSED("unknown option '--mentees'; did you mean '--mentee'?", &cmd,
		"sam", "--mentees=x");
	REFUSED("unknown option '--frobnicate'", &cmd, "sam", "--frobnicate");
	REFUSED("unknown option '-x'", &cmd, "sam", "-x");
	REFUSED("unknown --format 'jsno'; did you mean 'json'? use text or json",
		&cmd, "sam", "--format", "jsno");
	REFUSED("--date '2026-02-30' is not a real date: give YYYY-MM-DD, "
		"today, yesterday, a weekday (mon) or -3d",
		&cmd, "sam", "--date", "2026-02-30");
	REFUSED("--date needs a value (DATE)", &cmd, "sam", "--date");
	REFUSED("--message needs a value (MESSAGE)", &cmd, "sam", "-m");
	REFUSED("-C needs a value (DIR)", &cmd, "sam", "-C");
	REFUSED("--no-edit takes no value", &cmd, "sam", "--no-edit=yes");
	REFUSED("note needs a relationship: SLUG, the name of its folder (or "
		"run it inside that folder)", &cmd);
	REFUSED("too many arguments: 'alex' (note takes at most one SLUG)", &cmd,
		"sam", "alex");
	REFUSED("new needs --mentor PERSON", &needs_mentor, "sam");
#undef REFUSED
}

static void edit_distance_and_suggestions(void **state)
{
	static const char *const commands[] = {
		"init", "new", "note", "log", "check", "status", "close", NULL,
	};
	(void)state;

	assert_int_equal(mj_edit_distance("status", "status"), 0);
	assert_int_equal(mj_edit_distance("stauts", "status"), 1); /* a swap */
	assert_int_equal(mj_edit_distance("", "abc"), 3);
	assert_int_equal(mj_edit_distance("kitten", "sitting"), 3);
	assert_string_equal(mj_suggest("stauts", commands), "status");
	assert_string_equal(mj_suggest("chek", commands), "check");
	assert_string_equal(mj_suggest("clsoe", commands), "close");
	assert_null(mj_suggest("report", commands));
	/* a guess must be closer than half the word */
	assert_null(mj_suggest("xy", commands));
	assert_string_equal(mj_suggest("nte", commands), "note");
	/* a tie is no suggestion */
	assert_null(mj_suggest("nobe", (const char *const[]){ "note", "nose", NULL }));
}

static void usage_breaks_between_options(void **state)
{
	struct mj_buf b = MJ_BUF_INIT;
	(void)state;

	/* the first line of help and the usage shown with a mistake */
	mj_command_usage_lines(&cmd, 50, &b);
	assert_string_equal(b.ptr,
		"usage: mjournal note SLUG [--date DATE]\n"
		"                     [--format FORMAT]\n"
		"                     [--mentee PERSON...]\n"
		"                     [-m|--message MESSAGE]\n"
		"                     [-n|--no-edit]\n");
	mj_buf_free(&b);
	/* an option wider than the room there is: broken between words,
	 * never past the width */
	mj_command_usage_lines(&cmd, 40, &b);
	assert_string_equal(b.ptr,
		"usage: mjournal note SLUG [--date DATE]\n"
		"                     [--format FORMAT]\n"
		"                     [--mentee\n"
		"                     PERSON...]\n"
		"                     [-m|--message\n"
		"                     MESSAGE]\n"
		"                     [-n|--no-edit]\n");
	mj_buf_free(&b);
}

static void help_fits_the_width(void **state)
{
	char *out = NULL, *usage = mj_command_usage(&cmd);
	size_t len = 0, lines = 0;
	FILE *f;
	(void)state;

	assert_string_equal(usage, "mjournal note SLUG [--date DATE] [--format "
			    "FORMAT] [--mentee PERSON...] [-m|--message MESSAGE] "
			    "[-n|--no-edit]");
	free(usage);
	for (size_t width = 40; width <= 100; width += 20) {
		f = open_memstream(&out, &len);
		mj_command_help(&cmd, width, f);
		fclose(f);
		for (char *line = out, *end; *line; line = end + 1) {
			end = strchr(line, '\n');
			assert_non_null(end);
			if ((size_t)(end - line) > width)
				fail_msg("over %zu columns: %.*s", width,
					 (int)(end - line), line);
			lines++;
		}
		assert_non_null(strstr(out, "    -m, --message MESSAGE\n"));
		assert_non_null(strstr(out, "    -C DIR              run as if"));
		assert_non_null(strstr(out, "    -h, --help          show this help\n"));
		free(out);
	}
	assert_true(lines > 30);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_every_form),
		cmocka_unit_test(names_each_mistake),
		cmocka_unit_test(edit_distance_and_suggestions),
		cmocka_unit_test(help_fits_the_width),
		cmocka_unit_test(usage_breaks_between_options),
	};
	RUN_TESTS(tests);
}
