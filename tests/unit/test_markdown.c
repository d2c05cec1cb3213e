/*
 * test_markdown.c - note bodies read with cmark (sections, actions) and
 * documents rendered by cmark, escaped for each format.
 */
#include "unit.h"

#include "mj_markdown.h"

static void sections_by_heading(void **state)
{
	(void)state;
	assert_int_equal(mj_markdown_section_of("Feedback"), MJ_SECTION_FEEDBACK);
	assert_int_equal(mj_markdown_section_of("feedback:"), MJ_SECTION_FEEDBACK);
	assert_int_equal(mj_markdown_section_of("Outcomes (goals reviewed)"),
			 MJ_SECTION_OUTCOMES);
	assert_int_equal(mj_markdown_section_of("NEXT"), MJ_SECTION_NEXT);
	assert_int_equal(mj_markdown_section_of("Feedbacks"), -1);
	assert_int_equal(mj_markdown_section_of("Feed"), -1);
	assert_int_equal(mj_markdown_section_of(""), -1);
	assert_int_equal(mj_markdown_section_of("My goals"), -1);
}

static void action(const char *text, int rc, enum mj_action_state state,
		   const char *owner, const char *what, const char *due, bool bad)
{
	struct mj_action a = { 0 };
	bool bad_due = false;
	char date[MJ_DATE_TEXT_SIZE];

	assert_int_equal(mj_markdown_parse_action(&a, text, &bad_due), rc);
	if (rc)
		return;
	assert_int_equal(a.state, state);
	if (owner)
		assert_string_equal(a.owner, owner);
	else
		assert_null(a.owner);
	assert_string_equal(a.text, what);
	if (due)
		assert_string_equal(mj_date_format(a.due, date), due);
	else
		assert_int_equal(a.due, MJ_DATE_NONE);
	assert_int_equal(bad_due, bad);
	free(a.owner);
	free(a.text);
}

static void actions_parsed(void **state)
{
	(void)state;
	action("[ ] Sam: send the plan (due 2026-02-09)", 0, MJ_ACTION_OPEN,
	       "Sam", "send the plan", "2026-02-09", false);
	action("[x] Alex: book a room", 0, MJ_ACTION_DONE, "Alex", "book a room",
	       NULL, false);
	action("[X] Alex: book a room", 0, MJ_ACTION_DONE, "Alex", "book a room",
	       NULL, false);
	action("[-] read the book", 0, MJ_ACTION_DROPPED, NULL, "read the book",
	       NULL, false);
	action("[ ] Sam: renew (due 2026-02-30)", 0, MJ_ACTION_OPEN, "Sam",
	       "renew (due 2026-02-30)", NULL, true); /* kept as written */
	/* due dates in the other forms people write */
	action("[ ] Sam: plan (Due 2026-11-01)", 0, MJ_ACTION_OPEN, "Sam", "plan",
	       "2026-11-01", false);
	action("[ ] Sam: plan due 2026-11-02", 0, MJ_ACTION_OPEN, "Sam", "plan",
	       "2026-11-02", false);
	action("[ ] Sam: plan \xF0\x9F\x93\x85 2026-11-03", 0, MJ_ACTION_OPEN,
	       "Sam", "plan", "2026-11-03", false);
	action("[ ] Sam: plan due to the move", 0, MJ_ACTION_OPEN, "Sam",
	       "plan due to the move", NULL, false);
	action("[ ] Sam: plan (due soon)", 0, MJ_ACTION_OPEN, "Sam",
	       "plan (due soon)", NULL, true);
	action("not an action", -1, MJ_ACTION_OPEN, NULL, NULL, NULL, false);
	action("[link](x) text", -1, MJ_ACTION_OPEN, NULL, NULL, NULL, false);
}

static void scans_a_body(void **state)
{
	static const char body[] =
		"# Title here\n"                         /* 5 */
		"\n"
		"## Actions\n"                           /* 7 */
		"- [ ] Sam: one\n"                       /* 8 */
		"  - [x] Alex: nested two\n"             /* 9 */
		"\n"
		"> - [ ] quoted: still an item\n"        /* 11 */
		"\n"
		"## Next\n"                              /* 13 */
		"Meet again.\n"                          /* 14 */
		"## Outcomes\n"                          /* 15 */
		"<!-- the template's comment -->\n"      /* 16 */
		"- \n";                                  /* 17 */
	struct mj_note n;
	(void)state;

	memset(&n, 0, sizeof(n));
	mj_markdown_scan_note(&n, body, strlen(body), 5);
	assert_string_equal(n.title, "Title here");
	assert_true(n.sections & (1u << MJ_SECTION_ACTIONS));
	assert_true(n.sections & (1u << MJ_SECTION_NEXT));
	assert_false(n.sections & (1u << MJ_SECTION_GOALS));
	assert_int_equal(n.section_line[MJ_SECTION_ACTIONS], 7);
	assert_int_equal(n.section_line[MJ_SECTION_NEXT], 13);
	/* a section of no words (a comment, an empty item) is not there */
	assert_false(n.sections & (1u << MJ_SECTION_OUTCOMES));
	assert_true(n.n_actions >= 2);
	assert_int_equal(n.actions[0].line, 8);
	assert_string_equal(n.actions[0].text, "one");
	assert_int_equal(n.actions[1].line, 9);
	assert_int_equal(n.actions[1].state, MJ_ACTION_DONE);
	mj_note_free(&n);
}

/* a slip in the editor is said, not silently dropped */
static void malformed_boxes_are_warned_of(void **state)
{
	static const char body[] =
		"## Actions\n"            /* 3 */
		"- x ] Sam: one\n"        /* 4 */
		"- [] Sam: two\n"         /* 5 */
		"- [/] Sam: three\n"      /* 6 */
		"- [Priya](https://example.org) is a link\n" /* 7 */
		"- [x] Sam: fine\n";      /* 8 */
	struct mj_note n;
	(void)state;

	memset(&n, 0, sizeof(n));
	n.file = strdup("sam/2026-02-02.md");
	mj_markdown_scan_note(&n, body, strlen(body), 3);
	assert_int_equal(n.n_actions, 1);
	assert_int_equal(count_diags(&n.diags, "action-syntax", 0, MJ_LEVEL_WARNING), 3);
	assert_diag(&n.diags, "action-syntax", 4, MJ_LEVEL_WARNING);
	assert_diag(&n.diags, "action-syntax", 5, MJ_LEVEL_WARNING);
	assert_diag(&n.diags, "action-syntax", 6, MJ_LEVEL_WARNING);
	mj_note_free(&n);
}

static char *render(enum mj_doc_format format)
{
	struct mj_doc *doc = mj_doc_new();
	char *out;

	mj_doc_add(doc, MJ_BLOCK_HEADING, 1, "Notes & <things>");
	mj_doc_open(doc, MJ_BLOCK_PARAGRAPH, 0);
	mj_doc_text(doc, "*not emphasis* [x](javascript:alert(1)) ");
	mj_doc_strong(doc, "bold");
	mj_doc_close(doc);
	mj_doc_open(doc, MJ_BLOCK_LIST, 1);
	mj_doc_add(doc, MJ_BLOCK_ITEM, 0, "first");
	mj_doc_add(doc, MJ_BLOCK_ITEM, 0, "second");
	mj_doc_close(doc);
	out = mj_doc_render(doc, format);
	mj_doc_free(doc);
	return out;
}

static void documents_escape_text(void **state)
{
	char *md = render(MJ_DOC_MARKDOWN), *html = render(MJ_DOC_HTML);
	(void)state;

	/* text is text: Markdown's characters are escaped, never read */
	assert_non_null(strstr(md, "# Notes & \\<things\\>"));
	assert_non_null(strstr(md, "\\*not emphasis\\*"));
	assert_non_null(strstr(md, "**bold**"));
	assert_non_null(strstr(md, "1.  first"));
	assert_non_null(strstr(html, "<h1>Notes &amp; &lt;things&gt;</h1>"));
	assert_null(strstr(html, "<em>"));
	assert_null(strstr(html, "href="));
	assert_non_null(strstr(html, "<strong>bold</strong>"));
	assert_non_null(strstr(html, "<ol>"));
	free(md);
	free(html);
}

static void section_of_a_body(void **state)
{
	static const char body[] =
		"## Feedback\n- kept\n\nalso kept\n## Learning\n- not this\n";
	struct mj_doc *doc = mj_doc_new();
	char *md;
	(void)state;

	assert_int_equal(mj_doc_add_section(doc, body, strlen(body),
					    MJ_SECTION_FEEDBACK), 2);
	assert_int_equal(mj_doc_add_section(doc, body, strlen(body),
					    MJ_SECTION_OUTCOMES), 0);
	md = mj_doc_render(doc, MJ_DOC_MARKDOWN);
	assert_non_null(strstr(md, "kept"));
	assert_non_null(strstr(md, "also kept"));
	assert_null(strstr(md, "not this"));
	free(md);
	mj_doc_free(doc);
}

/* The deepest nesting of <emph>, <strong>, <link>, <image> in cmark's XML. */
static int inline_depth(const char *xml)
{
	int depth = 0, deepest = 0;

	for (const char *p = xml; (p = strchr(p, '<')); p++) {
		bool closing = p[1] == '/';
		const char *name = p + 1 + closing;
		if (strncmp(name, "emph", 4) && strncmp(name, "strong", 6) &&
		    strncmp(name, "link", 4) && strncmp(name, "image", 5))
			continue;
		depth += closing ? -1 : 1;
		if (depth > deepest)
			deepest = depth;
	}
	return deepest;
}

static void quoted_nesting_is_bounded(void **state)
{
	struct mj_buf body = MJ_BUF_INIT;
	struct mj_doc *doc = mj_doc_new();
	char *xml, *md;
	(void)state;

	/* emphasis in strong text in emphasis ..., 200 deep, then words */
	mj_buf_adds(&body, "## Learning\n");
	for (int i = 0; i < 100; i++)
		mj_buf_adds(&body, "*a **b ");
	mj_buf_adds(&body, "deepest");
	for (int i = 0; i < 100; i++)
		mj_buf_adds(&body, " b** a*");
	mj_buf_adds(&body, "\n\nA [*link*](https://example.org) stays.\n");
	assert_int_equal(mj_doc_add_section(doc, body.ptr, body.len,
					    MJ_SECTION_LEARNING), 2);
	xml = mj_doc_render(doc, MJ_DOC_XML);
	md = mj_doc_render(doc, MJ_DOC_MARKDOWN);
	assert_int_equal(inline_depth(xml), MJ_DOC_INLINE_DEPTH);
	/* the words deeper than the bound are kept, as text */
	assert_non_null(strstr(xml, "deepest"));
	assert_non_null(strstr(md, "deepest"));
	/* nesting within the bound is left alone */
	assert_non_null(strstr(md, "[*link*](https://example.org)"));
	free(xml);
	free(md);
	mj_doc_free(doc);
	mj_buf_free(&body);
}

static void format_names(void **state)
{
	(void)state;
	assert_int_equal(mj_doc_format_from_name("md"), MJ_DOC_MARKDOWN);
	assert_int_equal(mj_doc_format_from_name("html"), MJ_DOC_HTML);
	assert_int_equal(mj_doc_format_from_name("man"), MJ_DOC_MAN);
	assert_int_equal(mj_doc_format_from_name("latex"), MJ_DOC_LATEX);
	assert_int_equal(mj_doc_format_from_name("xml"), MJ_DOC_XML);
	assert_int_equal(mj_doc_format_from_name("pdf"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sections_by_heading),
		cmocka_unit_test(actions_parsed),
		cmocka_unit_test(scans_a_body),
		cmocka_unit_test(malformed_boxes_are_warned_of),
		cmocka_unit_test(documents_escape_text),
		cmocka_unit_test(section_of_a_body),
		cmocka_unit_test(quoted_nesting_is_bounded),
		cmocka_unit_test(format_names),
	};
	RUN_TESTS(tests);
}
