/*
 * test_ini.c - INI files through inih: lines, sections, repeated keys,
 * continuations, refused lines.
 */
#include "unit.h"

#include "mj_ini.h"

/* The first entry of section/key, or NULL. */
static const struct mj_ini_entry *find(const struct mj_ini *ini,
				       const char *section, const char *key)
{
	for (size_t i = 0; i < ini->len; i++)
		if (!strcmp(ini->items[i].section, section) &&
		    !strcmp(ini->items[i].key, key))
			return &ini->items[i];
	return NULL;
}

static int parse(struct mj_ini *ini, struct mj_diags *d, const char *text)
{
	return mj_ini_parse(ini, text, strlen(text), "x.ini", "agreement-syntax", d);
}

static void values_keep_their_lines(void **state)
{
	struct mj_ini ini = MJ_INI_INIT;
	struct mj_diags d = MJ_DIAGS_INIT;
	(void)state;

	assert_int_equal(parse(&ini, &d,
			       "; a comment\n"
			       "[relationship]\n"
			       "mentor = Alex Doe <alex@example.org>\n"
			       "closed =\n"
			       "\n"
			       "[goals]\n"
			       "goal = one\n"
			       "goal = two\n"), 0);
	assert_int_equal(d.len, 0);
	assert_int_equal(ini.len, 4);
	assert_string_equal(ini.items[0].section, "relationship");
	assert_string_equal(ini.items[0].key, "mentor");
	assert_string_equal(ini.items[0].value, "Alex Doe <alex@example.org>");
	assert_int_equal(ini.items[0].line, 3);
	assert_string_equal(ini.items[1].value, "");
	/* repeated keys stay separate, in file order */
	assert_string_equal(ini.items[2].value, "one");
	assert_string_equal(ini.items[3].value, "two");
	assert_int_equal(ini.items[3].line, 8);
	assert_int_equal(mj_ini_section_line(&ini, "goals"), 6);
	assert_int_equal(mj_ini_section_line(&ini, "terms"), 0);
	assert_ptr_equal(find(&ini, "goals", "goal"), &ini.items[2]);
	assert_null(find(&ini, "goals", "mentor"));
	mj_ini_free(&ini);
}

static void an_indented_line_continues_the_value(void **state)
{
	struct mj_ini ini = MJ_INI_INIT;
	struct mj_diags d = MJ_DIAGS_INIT;
	(void)state;

	assert_int_equal(parse(&ini, &d,
			       "[goals]\r\n"
			       "goal = lead a project\r\n"
			       "  with a team of three\r\n"
			       "goal = speak\r\n"), 0);
	assert_int_equal(ini.len, 2);
	assert_string_equal(ini.items[0].value, "lead a project with a team of three");
	assert_int_equal(ini.items[0].line, 2);
	assert_int_equal(ini.items[0].end_line, 3);
	assert_string_equal(ini.items[1].value, "speak");
	mj_ini_free(&ini);
}

/* git config habits: indented keys, any case, quotes, " # " comments */
static void read_as_git_config_reads(void **state)
{
	struct mj_ini ini = MJ_INI_INIT;
	struct mj_diags d = MJ_DIAGS_INIT;
	(void)state;

	assert_int_equal(parse(&ini, &d,
		"[Relationship]\n"
		"\tMentor = Alex Doe <alex@example.org>\n"
		"\tmentee = Sam Roe <sam@example.org>\n"
		"  started = \"2026-06-01\"\n"
		"cadence = 14d # every other week\n"
		"[goals]\n"
		"goal = \"Ship release #3\"\n"
		"  and write about it\n"
		"goal = \"# not a comment\"\n"), 0);
	assert_int_equal(d.len, 0);
	assert_int_equal(ini.len, 6);
	assert_string_equal(ini.items[0].section, "relationship");
	assert_string_equal(ini.items[0].key, "mentor");
	assert_string_equal(ini.items[0].value, "Alex Doe <alex@example.org>");
	assert_string_equal(ini.items[1].key, "mentee");
	assert_int_equal(ini.items[1].line, 3);
	assert_string_equal(ini.items[2].key, "started");
	assert_string_equal(ini.items[2].value, "2026-06-01");
	assert_string_equal(ini.items[3].value, "14d");
	/* "#3" in quotes is not a comment; an indented line that is no
	 * assignment continues the value above */
	assert_string_equal(ini.items[4].value, "Ship release #3 and write about it");
	assert_int_equal(ini.items[4].end_line, 8);
	assert_string_equal(ini.items[5].value, "# not a comment");
	assert_int_equal(ini.items[1].could_continue, 2); /* the indented keys */
	assert_int_equal(ini.items[2].could_continue, 3);
	assert_int_equal(ini.items[0].could_continue, 0); /* first in section */
	assert_int_equal(ini.items[5].could_continue, 0); /* not indented */
	mj_ini_free(&ini);
	mj_diags_free(&d);
}

/* The line that could be read either way: a key, said with the other way */
static void an_indented_unknown_key_says_both_readings(void **state)
{
	struct mj_ini ini = MJ_INI_INIT;
	struct mj_diags d = MJ_DIAGS_INIT;
	(void)state;

	assert_int_equal(parse(&ini, &d,
			       "[goals]\n"
			       "goal = keep the ratio\n"
			       "  of effort\n"
			       "  speed = quality\n"), 0);
	assert_int_equal(ini.len, 2);
	assert_string_equal(ini.items[0].value, "keep the ratio of effort");
	assert_int_equal(ini.items[1].could_continue, 3);
	mj_ini_warn_unknown(&d, "a.ini", "agreement-field", &ini.items[1]);
	assert_diag(&d, "agreement-field", 4, MJ_LEVEL_WARNING);
	assert_non_null(strstr(d.items[0].message,
			       "not as more of the value on line 3"));
	mj_ini_free(&ini);
	mj_diags_free(&d);
}

static void bad_lines_are_refused_with_their_number(void **state)
{
	struct mj_ini ini = MJ_INI_INIT;
	struct mj_diags d = MJ_DIAGS_INIT;
	char *longline;
	(void)state;

	assert_int_equal(parse(&ini, &d, "[a]\nkey = v\nthis is not ini\n"), -1);
	assert_diag(&d, "agreement-syntax", 3, MJ_LEVEL_ERROR);
	mj_ini_free(&ini);
	mj_diags_free(&d);

	/* not UTF-8 text: one diagnostic that names the encoding, nothing read */
	assert_int_equal(mj_ini_parse(&ini, "[a]\nk = v\0x\n", 11, "x.ini",
				      "agreement-syntax", &d), -2);
	assert_diag(&d, "file-encoding", 2, MJ_LEVEL_ERROR);
	assert_non_null(strstr(d.items[0].message, "NUL"));
	assert_int_equal(ini.len, 0);
	mj_ini_free(&ini);
	mj_diags_free(&d);
	assert_int_equal(parse(&ini, &d, "[a]\nname = Jos\xe9\n"), -2);
	assert_diag(&d, "file-encoding", 2, MJ_LEVEL_ERROR);
	assert_non_null(strstr(d.items[0].message, "byte 0xE9: Windows-1252"));
	mj_ini_free(&ini);
	mj_diags_free(&d);
	assert_int_equal(mj_ini_parse(&ini, "\xff\xfe[\0a\0]\0", 8, "x.ini",
				      "agreement-syntax", &d), -2);
	assert_int_equal(d.len, 1);
	assert_non_null(strstr(d.items[0].message, "is UTF-16"));
	mj_ini_free(&ini);
	mj_diags_free(&d);

	/* a line longer than inih holds is refused whole, never read cut */
	longline = malloc(20000);
	strcpy(longline, "[a]\nkey = ");
	memset(longline + 10, 'x', 19000);
	strcpy(longline + 19010, "\nnext = 1\n");
	assert_int_equal(parse(&ini, &d, longline), -1);
	assert_diag(&d, "agreement-syntax", 2, MJ_LEVEL_ERROR);
	assert_null(find(&ini, "a", "key"));
	assert_non_null(find(&ini, "a", "next"));
	free(longline);
	mj_ini_free(&ini);
	mj_diags_free(&d);
}

static void indented_lines_read_as_inih_and_git_config_do(void **state)
{
	struct mj_ini ini = MJ_INI_INIT;
	struct mj_diags d = MJ_DIAGS_INIT;
	(void)state;

	/* an indented "name = value" is that key, whatever its value looks
	 * like; the indented line under it is more of that value, not a key
	 * of the name inih had before */
	assert_int_equal(parse(&ini, &d,
			       "[terms]\n"
			       "review = 2026-01-01\n"
			       "[relationship]\n"
			       "  status = mentor = x\n"
			       "  more\n"
			       "\fcadence = 14d\n"
			       "\vmore of it\n"
			       "  [goals]\n"
			       "  goal = one\n"), 0);
	assert_int_equal(ini.len, 4);
	assert_string_equal(ini.items[1].key, "status");
	assert_string_equal(ini.items[1].value, "mentor = x more");
	assert_int_equal(ini.items[1].line, 4);
	assert_int_equal(ini.items[1].end_line, 5);
	/* white space isspace() has is indentation to inih too */
	assert_string_equal(ini.items[2].key, "cadence");
	assert_string_equal(ini.items[2].value, "14d more of it");
	assert_int_equal(ini.items[2].end_line, 7);
	assert_null(find(&ini, "relationship", "mentor"));
	/* an indented [section] is one, as in git config */
	assert_string_equal(ini.items[3].section, "goals");
	assert_string_equal(ini.items[3].value, "one");
	assert_int_equal(mj_ini_section_line(&ini, "goals"), 8);
	mj_ini_free(&ini);
	mj_diags_free(&d);
}

/* value written by mj_ini_write_value after "key = ", read back */
static char *round_trip(const char *value)
{
	struct mj_ini ini = MJ_INI_INIT;
	struct mj_diags d = MJ_DIAGS_INIT;
	struct mj_buf text = MJ_BUF_INIT;
	char *back = NULL;

	mj_buf_adds(&text, "[s]\nkey = ");
	if (mj_ini_write_value(&text, value) == 0) {
		mj_buf_adds(&text, "\n");
		assert_int_equal(parse(&ini, &d, text.ptr), 0);
		assert_int_equal(ini.len, 1);
		back = mj_xstrdup(ini.items[0].value);
	}
	mj_ini_free(&ini);
	mj_diags_free(&d);
	mj_buf_free(&text);
	return back;
}

static void values_are_written_to_read_back(void **state)
{
	static const char *const fine[] = {
		"Alex Doe <alex@example.org>", "Ann # Lee", "x #", "\"Sam\" Roe",
		"Kim \"K\" O'Li", " lead", "trail\t", "", "a;b", "; first",
		"#3 Ship release", "a = b: c", "a ;b", "line\nbreak",
		"'Kim' \"Li\"", "q 'q' \"q\" # x", "back\\slash\\", "\b\t\n",
		"\"Doe, Alex\" <alex@example.org>", "  two  ", "Zo\xc3\xab",
		"bell\a", "esc\x1b]0;title\a", "del\x7f", "\x0b\x0c" "ff ",
		"\xc2\x9b" "2J",
	};
	static const char *const impossible[] = { "cr\r", "Jos\xe9", "a\r\n" };
	(void)state;

	for (size_t i = 0; i < MJ_ARRAY_SIZE(fine); i++) {
		char *back = round_trip(fine[i]);
		assert_non_null(back);
		assert_string_equal(back, fine[i]);
		free(back);
	}
	for (size_t i = 0; i < MJ_ARRAY_SIZE(impossible); i++)
		assert_null(round_trip(impossible[i]));
}

static void known_keys_by_section(void **state)
{
	static const char *const known[] = { "relationship.mentor", "terms.review" };
	(void)state;
	assert_true(mj_ini_key_is_known("relationship", "mentor", known, 2));
	assert_true(mj_ini_key_is_known("terms", "review", known, 2));
	assert_false(mj_ini_key_is_known("terms", "mentor", known, 2));
	assert_false(mj_ini_key_is_known("relation", "ship.mentor", known, 2));
	assert_false(mj_ini_key_is_known("relationship", "ment", known, 2));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(values_keep_their_lines),
		cmocka_unit_test(an_indented_line_continues_the_value),
		cmocka_unit_test(an_indented_unknown_key_says_both_readings),
		cmocka_unit_test(read_as_git_config_reads),
		cmocka_unit_test(bad_lines_are_refused_with_their_number),
		cmocka_unit_test(known_keys_by_section),
		cmocka_unit_test(indented_lines_read_as_inih_and_git_config_do),
		cmocka_unit_test(values_are_written_to_read_back),
	};
	RUN_TESTS(tests);
}
