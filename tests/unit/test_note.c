/*
 * test_note.c - session notes: names, front matter (libyaml), body (cmark).
 */
#include "unit.h"

#include "mj_front_matter.h"

#include "mj_markdown.h"
#include "mj_model.h"

static void parse(struct mj_note *n, const char *name, const char *text)
{
	char *file = malloc(strlen(name) + 5);
	sprintf(file, "sam/%s", name);
	mj_note_parse(n, file, name, text, strlen(text));
	free(file);
}

static const char example[] =
	"---\n"
	"date: 2026-02-02\n"
	"stage: enabling\n"
	"attendance: held             # held | no-show\n"
	"duration: 1.5h\n"
	"absent: [Kim, \"Wei Chen\"]\n"
	"---\n"
	"# Project plan and the first risk\n"
	"\n"
	"## Goals\n"
	"Progress on *Lead my first project*: the plan is drafted.\n"
	"\n"
	"## actions\n"
	"- [ ] Sam: send the plan to the team lead (due 2026-02-09)\n"
	"- [x] Alex: introduce Sam to [Priya](https://example.org)\n"
	"- [-] Sam: read the estimation book (dropped: not needed now)\n"
	"- [ ] no owner here, no date\n"
	"- not an action\n"
	"\n"
	"```\n"
	"- [ ] inside a code block: not an action\n"
	"```\n"
	"\n"
	"    - [ ] indented code: not an action either\n"
	"\n"
	"## Feedback:\n"
	"- To the mentor: good.\n"
	"\n"
	"## LEARNING\n"
	"What the mentor learned.\n";

static void reads_front_matter_and_body(void **state)
{
	struct mj_note n;
	char buf[MJ_DATE_TEXT_SIZE];
	(void)state;

	parse(&n, "2026-02-02.md", example);
	if (n.diags.len)
		dump_diags(&n.diags);
	assert_int_equal(n.diags.len, 0);
	assert_true(n.name_ok);
	assert_false(n.is_private);
	assert_string_equal(mj_date_format(n.date, buf), "2026-02-02");
	assert_int_equal(n.date_line, 2);
	assert_int_equal(n.stage, MJ_STAGE_ENABLING);
	assert_int_equal(n.stage_line, 3);
	assert_int_equal(n.attendance, MJ_ATTENDANCE_HELD);
	assert_int_equal(n.duration_minutes, 90);
	assert_int_equal(n.absent.len, 2);
	assert_string_equal(n.absent.items[1], "Wei Chen");
	assert_string_equal(n.title, "Project plan and the first risk");
	assert_true(n.sections & (1u << MJ_SECTION_GOALS));
	assert_true(n.sections & (1u << MJ_SECTION_ACTIONS));
	assert_true(n.sections & (1u << MJ_SECTION_FEEDBACK));
	assert_true(n.sections & (1u << MJ_SECTION_LEARNING));
	assert_false(n.sections & (1u << MJ_SECTION_OUTCOMES));
	assert_int_equal(n.section_line[MJ_SECTION_ACTIONS], 13);
	assert_int_equal(n.section_line[MJ_SECTION_LEARNING], 29);
	mj_note_free(&n);
}

static void finds_actions_in_the_syntax_tree_only(void **state)
{
	struct mj_note n;
	char buf[MJ_DATE_TEXT_SIZE];
	(void)state;

	parse(&n, "2026-02-02.md", example);
	assert_int_equal(n.n_actions, 4);
	assert_int_equal(n.actions[0].state, MJ_ACTION_OPEN);
	assert_string_equal(n.actions[0].owner, "Sam");
	assert_string_equal(n.actions[0].text, "send the plan to the team lead");
	assert_string_equal(mj_date_format(n.actions[0].due, buf), "2026-02-09");
	assert_int_equal(n.actions[0].line, 14);
	assert_int_equal(n.actions[1].state, MJ_ACTION_DONE);
	assert_string_equal(n.actions[1].owner, "Alex");
	assert_string_equal(n.actions[1].text, "introduce Sam to Priya");
	assert_int_equal(n.actions[1].due, MJ_DATE_NONE);
	assert_int_equal(n.actions[2].state, MJ_ACTION_DROPPED);
	assert_int_equal(n.actions[3].owner, NULL);
	assert_string_equal(n.actions[3].text, "no owner here, no date");
	assert_int_equal(n.actions[3].line, 17);
	mj_note_free(&n);
}

static void parses_action_text(void **state)
{
	struct mj_action a;
	bool bad;
	(void)state;

	assert_int_equal(mj_markdown_parse_action(&a, "[X] Kim and Jo: pair (due: 2026-03-01) today", &bad), 0);
	assert_int_equal(a.state, MJ_ACTION_DONE);
	assert_string_equal(a.owner, "Kim and Jo");
	assert_string_equal(a.text, "pair  today");
	assert_false(bad);
	free(a.owner);
	free(a.text);
	assert_int_equal(mj_markdown_parse_action(&a, "[ ] fix it (due 2026-02-30)", &bad), 0);
	assert_true(bad);
	assert_int_equal(a.due, MJ_DATE_NONE);
	free(a.owner);
	free(a.text);
	assert_int_equal(mj_markdown_parse_action(&a, "[ ] A very long sentence with many words: no owner", &bad), 0);
	assert_null(a.owner);
	free(a.text);
	assert_int_equal(mj_markdown_parse_action(&a, "[]", &bad), -1);
	assert_int_equal(mj_markdown_parse_action(&a, "[", &bad), -1);
	assert_int_equal(mj_markdown_parse_action(&a, "", &bad), -1);
	assert_int_equal(mj_markdown_parse_action(&a, "[y] nope", &bad), -1);
	assert_int_equal(mj_markdown_parse_action(&a, "[x]nospace", &bad), -1);
	assert_int_equal(mj_markdown_parse_action(&a, "[x]", &bad), 0);
	assert_string_equal(a.text, "");
	free(a.owner);
	free(a.text);
}

static void a_bad_due_date_is_a_warning(void **state)
{
	struct mj_note n;
	(void)state;
	parse(&n, "2026-02-02.md", "---\ndate: 2026-02-02\nstage: preparing\n---\n"
				   "- [ ] Sam: x (due 2026-13-01)\n");
	assert_diag(&n.diags, MJ_RULE_ACTION_SYNTAX, 5, MJ_LEVEL_WARNING);
	mj_note_free(&n);
}

static void checks_note_names(void **state)
{
	static const char *const good[] = {
		"2026-02-02.md", "2026-02-02-first-meeting.md", "2026-02-02-x.md",
		"2024-02-29-leap.md", "2026-02-02.private.md",
		"2026-02-02-reflection.private.md", "2026-02-02-2.md",
	};
	static const char *const bad[] = {
		"2026-02-30.md", "2026-2-2.md", "notes.md", "2026-02-02-.md",
		"2026-02-02-Upper.md", "2026-02-02--two.md", "2026-02-02_x.md",
		"2026-02-02.markdown", "2026-02-02-a b.md", "2026-02-02.md.md",
		"2025-02-29.md", ".private.md", "2026-02-02-.private.md",
	};
	mj_date d;
	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (!mj_note_name_parse(good[i], &d))
			fail_msg("%s should be a note name", good[i]);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (mj_note_name_parse(bad[i], &d))
			fail_msg("%s should not be a note name", bad[i]);
}

static void reports_front_matter_problems(void **state)
{
	struct mj_note n;
	(void)state;

	parse(&n, "2026-02-02.md", "# no front matter\n");
	assert_diag(&n.diags, MJ_RULE_NOTE_FRONT_MATTER, 1, MJ_LEVEL_ERROR);
	assert_string_equal(n.title, "no front matter");
	mj_note_free(&n);

	parse(&n, "2026-02-02.md", "---\ndate: 2026-02-02\nstage: enabling\n");
	assert_diag(&n.diags, MJ_RULE_NOTE_FRONT_MATTER, 1, MJ_LEVEL_ERROR);
	mj_note_free(&n);

	parse(&n, "2026-02-02.md", "---\ndate: [2026\nstage: x\n---\n");
	assert_true(count_diags(&n.diags, MJ_RULE_NOTE_FRONT_MATTER, 0, MJ_LEVEL_ERROR) >= 1);
	mj_note_free(&n);

	parse(&n, "2026-02-02.md", "---\ndate: 2026-02-03\nstage: dancing\n"
				   "attendance: maybe\nduration: 60\ntitel: good\n"
				   "date: 2026-02-02\n---\n");
	assert_diag(&n.diags, MJ_RULE_NOTE_DATE, 2, MJ_LEVEL_ERROR);
	assert_diag(&n.diags, MJ_RULE_NOTE_FRONT_MATTER, 3, MJ_LEVEL_ERROR);
	assert_diag(&n.diags, MJ_RULE_NOTE_FRONT_MATTER, 4, MJ_LEVEL_ERROR);
	assert_diag(&n.diags, MJ_RULE_NOTE_FRONT_MATTER, 5, MJ_LEVEL_ERROR);
	assert_diag(&n.diags, MJ_RULE_NOTE_FRONT_MATTER, 6, MJ_LEVEL_WARNING);
	assert_diag(&n.diags, MJ_RULE_NOTE_FRONT_MATTER, 7, MJ_LEVEL_ERROR);
	mj_note_free(&n);

	parse(&n, "2026-02-02.md", "---\nstage: closing\n---\n");
	assert_diag(&n.diags, MJ_RULE_NOTE_FRONT_MATTER, 1, MJ_LEVEL_ERROR); /* no date */
	assert_diag(&n.diags, MJ_RULE_NOTE_FRONT_MATTER, 2, MJ_LEVEL_ERROR); /* attendance */
	mj_note_free(&n);

	parse(&n, "2026-02-02.md", "---\n- a\n- b\n---\n");
	assert_diag(&n.diags, MJ_RULE_NOTE_FRONT_MATTER, 2, MJ_LEVEL_ERROR);
	mj_note_free(&n);

	parse(&n, "2026-02-02.md", "---\ndate: 2026-02-02\nstage: {nested: map}\n---\n");
	assert_diag(&n.diags, MJ_RULE_NOTE_FRONT_MATTER, 3, MJ_LEVEL_ERROR);
	mj_note_free(&n);
}

static void hostile_yaml_is_refused_cheaply(void **state)
{
	struct mj_note n;
	struct mj_buf deep = MJ_BUF_INIT;
	(void)state;

	/* another tool's aliases are never expanded, so cost nothing */
	parse(&n, "2026-02-02.md",
	      "---\ndate: 2026-02-02\nstage: preparing\n"
	      "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a]\n"
	      "c: [*b, *b, *b, *b, *b, *b]\n---\n");
	assert_no_diag(&n.diags, MJ_RULE_NOTE_FRONT_MATTER);
	mj_note_free(&n);

	parse(&n, "2026-02-02.md", "---\ndate: *alias\n---\n");
	assert_diag(&n.diags, MJ_RULE_NOTE_FRONT_MATTER, 2, MJ_LEVEL_ERROR);
	mj_note_free(&n);

	mj_buf_adds(&deep, "---\nabsent: ");
	for (int i = 0; i < 20000; i++)
		mj_buf_adds(&deep, "[");
	mj_buf_adds(&deep, "\n---\n");
	parse(&n, "2026-02-02.md", deep.ptr);
	assert_true(count_diags(&n.diags, MJ_RULE_NOTE_FRONT_MATTER, 0,
				MJ_LEVEL_ERROR) >= 1);
	mj_note_free(&n);
	mj_buf_free(&deep);

	/* another tool's value, closed: skipped up to MJ_FRONT_MATTER_DEPTH
	 * levels, refused at once beyond (libyaml's time grows with depth) */
	for (int depth = MJ_FRONT_MATTER_DEPTH; depth <= 20000;
	     depth += 20000 - MJ_FRONT_MATTER_DEPTH) {
		mj_buf_adds(&deep, "---\ndate: 2026-02-02\nstage: preparing\n"
				   "menu: ");
		for (int i = 0; i < depth; i++)
			mj_buf_adds(&deep, "[");
		for (int i = 0; i < depth; i++)
			mj_buf_adds(&deep, "]");
		mj_buf_adds(&deep, "\n---\n");
		parse(&n, "2026-02-02.md", deep.ptr);
		if (depth == MJ_FRONT_MATTER_DEPTH) {
			assert_no_diag(&n.diags, MJ_RULE_NOTE_FRONT_MATTER);
			assert_int_equal(n.stage, MJ_STAGE_PREPARING);
		} else {
			assert_diag(&n.diags, MJ_RULE_NOTE_FRONT_MATTER, 4,
				    MJ_LEVEL_ERROR);
			assert_non_null(strstr(n.diags.items[0].message,
					       "'menu' nests deeper than"));
		}
		mj_note_free(&n);
		mj_buf_free(&deep);
	}

	mj_buf_adds(&deep, "---\n");
	for (int i = 0; i < 10000; i++)
		mj_buf_addf(&deep, "key%d: value\n", i);
	mj_buf_adds(&deep, "---\n");
	parse(&n, "2026-02-02.md", deep.ptr);
	assert_diag(&n.diags, MJ_RULE_NOTE_FRONT_MATTER, 2, MJ_LEVEL_ERROR);
	assert_non_null(strstr(n.diags.items[n.diags.len - 1].message, "larger"));
	mj_note_free(&n);
	mj_buf_free(&deep);
}

static void nul_bytes_and_bad_utf8_are_reported(void **state)
{
	struct mj_note n;
	const char nul[] = "---\ndate: 2026-02-02\n\0stage: x\n---\n";
	(void)state;

	mj_note_parse(&n, "sam/2026-02-02.md", "2026-02-02.md", nul, sizeof(nul) - 1);
	assert_diag(&n.diags, MJ_RULE_NOTE_ENCODING, 3, MJ_LEVEL_ERROR);
	mj_note_free(&n);

	parse(&n, "2026-02-02.md", "---\ndate: 2026-02-02\nstage: enabling\n---\n\nbad \xC3\x28 here\n");
	assert_diag(&n.diags, MJ_RULE_NOTE_ENCODING, 6, MJ_LEVEL_ERROR);
	mj_note_free(&n);

	parse(&n, "2026-02-02.md", "---\ndate: 2026-02-02\nstage: preparing\n---\n\xED\xA0\x80\n");
	assert_diag(&n.diags, MJ_RULE_NOTE_ENCODING, 5, MJ_LEVEL_ERROR);
	mj_note_free(&n);
}

static void deep_markdown_does_not_crash(void **state)
{
	struct mj_note n;
	struct mj_buf deep = MJ_BUF_INIT;
	(void)state;

	mj_buf_adds(&deep, "---\ndate: 2026-02-02\nstage: preparing\n---\n");
	for (int i = 0; i < 50000; i++)
		mj_buf_adds(&deep, ">");
	mj_buf_adds(&deep, " - [ ] deep action\n");
	for (int i = 0; i < 10000; i++)
		mj_buf_adds(&deep, "- ");
	mj_buf_adds(&deep, "[ ] nested\n");
	parse(&n, "2026-02-02.md", deep.ptr);
	assert_int_equal(count_diags(&n.diags, MJ_RULE_NOTE_FRONT_MATTER, 0, MJ_LEVEL_ERROR), 0);
	mj_note_free(&n);
	mj_buf_free(&deep);
}

static void feedback_and_duration_rules_need_only_the_note(void **state)
{
	struct mj_note n;
	(void)state;

	parse(&n, "2026-02-02.md", "---\ndate: 2026-02-02\nstage: enabling\nattendance: held\n---\n# x\n");
	assert_diag(&n.diags, MJ_RULE_DURATION_MISSING, 4, MJ_LEVEL_WARNING);
	assert_diag(&n.diags, MJ_RULE_FEEDBACK_MISSING, 3, MJ_LEVEL_WARNING);
	mj_note_free(&n);

	parse(&n, "2026-02-02.md", "---\ndate: 2026-02-02\nstage: enabling\nattendance: no-show\n---\n# x\n");
	assert_no_diag(&n.diags, MJ_RULE_DURATION_MISSING);
	assert_no_diag(&n.diags, MJ_RULE_FEEDBACK_MISSING);
	mj_note_free(&n);

	parse(&n, "2026-02-02.md", "---\ndate: 2026-02-02\nstage: negotiating\nattendance: held\nduration: 1h\n---\n");
	assert_int_equal(n.diags.len, 0);
	mj_note_free(&n);
}

static void private_notes(void **state)
{
	struct mj_note n;
	(void)state;
	parse(&n, "2026-02-02-doubts.private.md", "---\ndate: 2026-02-02\nstage: preparing\n---\n");
	assert_true(n.is_private);
	assert_int_equal(n.diags.len, 0);
	mj_note_free(&n);
	parse(&n, "2026-02-02.md", "---\ndate: 2026-02-02\nstage: preparing\nprivate: true\n---\n");
	assert_true(n.is_private);
	mj_note_free(&n);
	parse(&n, "2026-02-02.md", "---\ndate: 2026-02-02\nstage: preparing\nprivate: maybe\n---\n");
	assert_diag(&n.diags, MJ_RULE_NOTE_FRONT_MATTER, 4, MJ_LEVEL_ERROR);
	mj_note_free(&n);
}

static void conflict_markers_in_notes(void **state)
{
	struct mj_note n;
	(void)state;
	parse(&n, "2026-02-02.md", "---\ndate: 2026-02-02\nstage: preparing\n---\n"
				   "<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> origin/main\n");
	assert_diag(&n.diags, MJ_RULE_CONFLICT_MARKERS, 5, MJ_LEVEL_ERROR);
	assert_int_equal(n.conflict_line, 5);
	mj_note_free(&n);
}

/* A note whose front matter is head (then a closing fence and a body). */
static void parse_head(struct mj_note *n, const char *head)
{
	char *text = mj_xasprintf("---\n%s---\n# Heading\n## Feedback\n"
				  "- fine\n", head);

	parse(n, "2026-02-02.md", text);
	free(text);
}

/* Other tools' keys may hold anything and are not read; ours may not. */
static void other_tools_nested_keys_are_ignored(void **state)
{
	struct mj_note n;
	(void)state;

	parse_head(&n, "title: Plan\nparams:\n  color: red\nmenu:\n  main:\n"
		       "    weight: 10\nresources:\n  - src: a.png\n    title: A\n"
		       "eleventyNavigation: {key: x}\nimage: {path: /a.png}\n"
		       "date: 2026-02-02\nstage: preparing\n");
	assert_no_diag(&n.diags, MJ_RULE_NOTE_FRONT_MATTER);
	assert_int_equal(n.stage, MJ_STAGE_PREPARING);
	assert_string_equal(n.title, "Plan");
	mj_note_free(&n);

	/* one of ours nested: an error at the key's line, naming it */
	parse_head(&n, "date: 2026-02-02\nstage:\n  name: preparing\n");
	assert_int_equal(count_diags(&n.diags, MJ_RULE_NOTE_FRONT_MATTER, 0,
				     MJ_LEVEL_ERROR), 1);
	assert_diag(&n.diags, MJ_RULE_NOTE_FRONT_MATTER, 3, MJ_LEVEL_ERROR);
	assert_non_null(strstr(n.diags.items[0].message,
			       "'stage' holds a mapping"));
	mj_note_free(&n);

	/* a private that cannot be read keeps the note private */
	parse_head(&n, "date: 2026-02-02\nstage: preparing\nPrivate: [{a: 1}]\n");
	assert_diag(&n.diags, MJ_RULE_NOTE_FRONT_MATTER, 4, MJ_LEVEL_ERROR);
	assert_true(n.is_private);
	mj_note_free(&n);
}

static void keys_are_matched_without_case(void **state)
{
	struct mj_note n;
	(void)state;

	parse_head(&n, "Title: Plan\nDate: 2026-02-02\nSTAGE: enabling\n"
		       "Attendance: held\nDuration: 1h\n");
	assert_no_diag(&n.diags, MJ_RULE_NOTE_FRONT_MATTER);
	assert_string_equal(n.title, "Plan");
	assert_int_equal(n.stage, MJ_STAGE_ENABLING);
	assert_int_equal(n.duration_minutes, 60);
	mj_note_free(&n);
}

/* Only what looks like a misspelling of one of mjournal's keys is named. */
static void only_misspellings_are_warned_of(void **state)
{
	static const char *const silent[] = {
		"id", "desc", "url", "linkTitle", "type", "publishDate",
		"expiryDate", "images", "image", "redirect_from", "tags", "name",
		"time", "style", "mood", "draft", "slug", "weight", "lastmod",
		"series", "layout", "updated", "created", "text_", "page",
	};
	static const char *const warned[][2] = {
		{ "atendance", "attendance" }, { "Attendence", "attendance" },
		{ "titel", "title" }, { "dat", "date" }, { "State", "stage" },
		{ "durration", "duration" }, { "privte", "private" },
		{ "absnet", "absent" }, { "nxet", "next" },
	};
	(void)state;

	for (size_t i = 0; i < sizeof(silent) / sizeof(silent[0]); i++) {
		struct mj_note n;
		char *head = mj_xasprintf("date: 2026-02-02\nstage: preparing\n"
					  "%s: x\n", silent[i]);

		parse_head(&n, head);
		if (n.diags.len)
			fail_msg("'%s' was warned of: %s", silent[i],
				 n.diags.items[0].message);
		mj_note_free(&n);
		free(head);
	}
	for (size_t i = 0; i < sizeof(warned) / sizeof(warned[0]); i++) {
		struct mj_note n;
		char *head = mj_xasprintf("date: 2026-02-02\nstage: preparing\n"
					  "%s: x\n", warned[i][0]);
		char *words = mj_xasprintf("unknown key '%s' is not used; did "
					   "you mean '%s'?", warned[i][0],
					   warned[i][1]);

		parse_head(&n, head);
		if (n.diags.len != 1 || strcmp(n.diags.items[0].message, words))
			fail_msg("'%s' was not named as '%s'", warned[i][0],
				 warned[i][1]);
		assert_int_equal(n.diags.items[0].level, MJ_LEVEL_WARNING);
		assert_int_equal(n.diags.items[0].line, 4);
		mj_note_free(&n);
		free(head);
		free(words);
	}
}

/* Null, quoted and block values as YAML means them. */
static void values_as_yaml_means_them(void **state)
{
	struct mj_note n;
	(void)state;

	parse_head(&n, "date: 2026-02-02\nstage: preparing\nprivate:\n"
		       "title: \"~\"\n");
	assert_no_diag(&n.diags, MJ_RULE_NOTE_FRONT_MATTER);
	assert_false(n.is_private);
	assert_string_equal(n.title, "~");
	mj_note_free(&n);

	parse_head(&n, "date: 2026-02-02\nstage: preparing\nprivate: ~\n"
		       "title: null\n");
	assert_no_diag(&n.diags, MJ_RULE_NOTE_FRONT_MATTER);
	assert_false(n.is_private);
	assert_string_equal(n.title, "Heading"); /* the first heading */
	mj_note_free(&n);

	/* null is no value: named only for what a note needs */
	parse_head(&n, "date: 2026-02-02\nstage: enabling\nattendance: held\n"
		       "duration:\nnext: ~\nabsent:\n");
	assert_no_diag(&n.diags, MJ_RULE_NOTE_FRONT_MATTER);
	assert_diag(&n.diags, MJ_RULE_DURATION_MISSING, 4, MJ_LEVEL_WARNING);
	assert_int_equal(n.next, MJ_DATE_NONE);
	assert_int_equal(n.absent.len, 0);
	mj_note_free(&n);
	parse_head(&n, "date:\nstage: ~\n");
	assert_int_equal(n.diags.len, 2);
	assert_string_equal(n.diags.items[0].message,
			    "'date' is empty; write the session's day, "
			    "date: YYYY-MM-DD");
	assert_diag(&n.diags, MJ_RULE_NOTE_FRONT_MATTER, 3, MJ_LEVEL_ERROR);
	mj_note_free(&n);

	parse_head(&n, "date: 2026-02-02\nstage: preparing\ntitle: >\n"
		       "  A folded\n  title\n");
	assert_string_equal(n.title, "A folded title");
	mj_note_free(&n);

	/* quoted, "~" is text: not a yes or no, so the note stays private */
	parse_head(&n, "date: 2026-02-02\nstage: preparing\nprivate: '~'\n");
	assert_diag(&n.diags, MJ_RULE_NOTE_FRONT_MATTER, 4, MJ_LEVEL_ERROR);
	assert_true(n.is_private);
	mj_note_free(&n);

	parse_head(&n, "date: 2024-03-06T25:99:00\nstage: preparing\n");
	assert_diag(&n.diags, MJ_RULE_NOTE_FRONT_MATTER, 2, MJ_LEVEL_ERROR);
	assert_int_equal(n.date, MJ_DATE_NONE);
	mj_note_free(&n);
}

/* TOML and JSON front matter are named, and a private key in them kept. */
static void toml_and_json_are_named(void **state)
{
	static const char *const texts[] = {
		"+++\ndate = 2026-02-02\nstage = 'preparing'\n\nprivate = true\n"
		"+++\n# Plan\n",
		"{\n  \"date\": \"2026-02-02\",\n  \"private\": true\n}\n# Plan\n",
		"{\"date\": \"2026-02-02\", \"private\": true}\n# Plan\n",
	};
	(void)state;

	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct mj_note n;

		parse(&n, "2026-02-02.md", texts[i]);
		assert_diag(&n.diags, MJ_RULE_NOTE_FRONT_MATTER, 1,
			    MJ_LEVEL_ERROR);
		assert_non_null(strstr(n.diags.items[0].message,
				       "mjournal reads YAML front matter; "
				       "this is"));
		assert_true(n.is_private);
		assert_string_equal(n.title, "Plan"); /* the body after it */
		mj_note_free(&n);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_front_matter_and_body),
		cmocka_unit_test(finds_actions_in_the_syntax_tree_only),
		cmocka_unit_test(parses_action_text),
		cmocka_unit_test(a_bad_due_date_is_a_warning),
		cmocka_unit_test(checks_note_names),
		cmocka_unit_test(reports_front_matter_problems),
		cmocka_unit_test(hostile_yaml_is_refused_cheaply),
		cmocka_unit_test(nul_bytes_and_bad_utf8_are_reported),
		cmocka_unit_test(deep_markdown_does_not_crash),
		cmocka_unit_test(feedback_and_duration_rules_need_only_the_note),
		cmocka_unit_test(private_notes),
		cmocka_unit_test(conflict_markers_in_notes),
		cmocka_unit_test(other_tools_nested_keys_are_ignored),
		cmocka_unit_test(keys_are_matched_without_case),
		cmocka_unit_test(only_misspellings_are_warned_of),
		cmocka_unit_test(values_as_yaml_means_them),
		cmocka_unit_test(toml_and_json_are_named),
	};
	RUN_TESTS(tests);
}
