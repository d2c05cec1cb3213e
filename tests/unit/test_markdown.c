/*
 * test_markdown.c - note bodies read with cmark (sections, actions) and
 * documents rendered by cmark, escaped for each format.
 */
#include "unit.h"

#include <pthread.h>

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
	/* the boxes of Obsidian Tasks and its themes: open however it is open */
	action("[/] Sam: in progress", 0, MJ_ACTION_OPEN, "Sam", "in progress",
	       NULL, false);
	action("[>] Sam: forwarded", 0, MJ_ACTION_OPEN, "Sam", "forwarded",
	       NULL, false);
	action("[<] Sam: scheduled", 0, MJ_ACTION_OPEN, "Sam", "scheduled",
	       NULL, false);
	action("[!] Sam: important", 0, MJ_ACTION_OPEN, "Sam", "important",
	       NULL, false);
	action("[?] Sam: a question", 0, MJ_ACTION_OPEN, "Sam", "a question",
	       NULL, false);
	action("[~] Sam: a non-task", -1, MJ_ACTION_OPEN, NULL, NULL, NULL, false);
	action("[p] a pro", -1, MJ_ACTION_OPEN, NULL, NULL, NULL, false);
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

/* cmark reads a note in an arena of 64 KB chunks: a note that needs many
 * chunks, one block larger than a chunk (a paragraph of 200 KB), and
 * blocks grown in place and moved; read the same twice in a row (the
 * arena let go in between), and on another thread */
static void *scan_large(void *body)
{
	struct mj_note *n = mj_xcalloc(1, sizeof(*n));

	mj_markdown_scan_note(n, body, strlen(body), 1);
	return n;
}

static void large_notes_are_read_whole(void **state)
{
	struct mj_buf b = MJ_BUF_INIT;
	struct mj_note *first, *again, *other;
	pthread_t thread;
	(void)state;

	mj_buf_adds(&b, "# Large\n\n## Actions\n");
	for (int i = 0; i < 3000; i++)
		mj_buf_addf(&b, "- [ ] Sam: item %d with *some* `code` and [a link](x)\n", i);
	mj_buf_adds(&b, "\n## Next\n");
	for (int i = 0; i < 20000; i++)
		mj_buf_adds(&b, "word ");
	mj_buf_adds(&b, "\n");
	first = scan_large(b.ptr);
	again = scan_large(b.ptr);
	assert_int_equal(pthread_create(&thread, NULL, scan_large, b.ptr), 0);
	assert_int_equal(pthread_join(thread, (void **)&other), 0);
	for (struct mj_note **n = (struct mj_note *[]){ first, again, other, NULL }; *n; n++) {
		assert_string_equal((*n)->title, "Large");
		assert_int_equal((*n)->n_actions, 3000);
		assert_string_equal((*n)->actions[2999].text,
				    "item 2999 with some code and a link");
		assert_true((*n)->sections & (1u << MJ_SECTION_NEXT));
		mj_note_free(*n);
		free(*n);
	}
	mj_buf_free(&b);
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
		"- [x] Sam: fine\n"       /* 8 */
		"- [~] Sam: not a task\n" /* 9 */
		"- [p] a pro\n"           /* 10 */
		"- [\xE2\x9C\x93] Sam: ticked\n" /* 11 */
		"- [1] Roe, a citation\n" /* 12 */
		"- [x]Sam: no space\n";    /* 13 */
	struct mj_note n;
	(void)state;

	memset(&n, 0, sizeof(n));
	n.file = strdup("sam/2026-02-02.md");
	mj_markdown_scan_note(&n, body, strlen(body), 3);
	assert_int_equal(n.n_actions, 2); /* [/] is in progress: open */
	assert_int_equal(count_diags(&n.diags, "action-syntax", 0, MJ_LEVEL_WARNING), 6);
	assert_diag(&n.diags, "action-syntax", 4, MJ_LEVEL_WARNING);
	assert_diag(&n.diags, "action-syntax", 5, MJ_LEVEL_WARNING);
	assert_diag(&n.diags, "action-syntax", 9, MJ_LEVEL_WARNING);
	assert_diag(&n.diags, "action-syntax", 10, MJ_LEVEL_WARNING);
	assert_diag(&n.diags, "action-syntax", 11, MJ_LEVEL_WARNING);
	assert_diag(&n.diags, "action-syntax", 13, MJ_LEVEL_WARNING);
	for (size_t i = 0; i < n.diags.len; i++)
		if (n.diags.items[i].line == 10)
			assert_non_null(strstr(n.diags.items[i].message, "'[p]'"));
	mj_note_free(&n);
}

/* a box without its list marker is warned of, never joined to the item
 * above (its text and due date stay its own) */
static void boxes_without_marker(void **state)
{
	static const char body[] =
		"## Actions\n"                                  /* 3 */
		"- [ ] Sam: send the plan (due 2026-07-14)\n"   /* 4 */
		"[ ] Alex: introduce Sam (due 2026-07-20)\n"    /* 5 */
		"[x] Kim: book a room\n"                        /* 6 */
		"\n"
		"[ ] Alex: alone in a paragraph\n"              /* 8 */
		"- [ ] Sam: a long action\n"                    /* 9 */
		"  that goes on [ ] here\n";                    /* 10 */
	struct mj_note n;
	char date[MJ_DATE_TEXT_SIZE];
	(void)state;

	memset(&n, 0, sizeof(n));
	n.file = strdup("sam/2026-02-02.md");
	mj_markdown_scan_note(&n, body, strlen(body), 3);
	assert_int_equal(n.n_actions, 2);
	assert_string_equal(n.actions[0].text, "send the plan");
	assert_string_equal(mj_date_format(n.actions[0].due, date), "2026-07-14");
	assert_string_equal(n.actions[1].text, "a long action that goes on [ ] here");
	assert_int_equal(count_diags(&n.diags, "action-syntax", 0, MJ_LEVEL_WARNING), 3);
	assert_diag(&n.diags, "action-syntax", 5, MJ_LEVEL_WARNING);
	assert_diag(&n.diags, "action-syntax", 6, MJ_LEVEL_WARNING);
	assert_diag(&n.diags, "action-syntax", 8, MJ_LEVEL_WARNING);
	mj_note_free(&n);
}

/* words inside a comment of a section with none outside are kept as
 * comment lines (but the comment's first line), keyed as the goals are */
static void comment_lines_found(void **state)
{
	static const char body[] =
		"## Outcomes\n"                                   /* 3 */
		"<!-- Each goal reviewed: met, partly, changed.\n" /* 4 */
		"- Ship the API\n"                                /* 5 */
		"- Lead a meeting: met -->\n"                     /* 6 */
		"\n## Learning\n"                                /* 8 */
		"<!-- What each learned. -->\n"                   /* 9 */
		"I learned to wait.\n";                           /* 10 */
	struct mj_note n;
	(void)state;

	memset(&n, 0, sizeof(n));
	mj_markdown_scan_note(&n, body, strlen(body), 3);
	assert_false(n.sections & (1u << MJ_SECTION_OUTCOMES));
	assert_true(n.sections & (1u << MJ_SECTION_LEARNING));
	assert_int_equal(n.n_comment_lines, 2);
	assert_int_equal(n.comment_lines[0].section, MJ_SECTION_OUTCOMES);
	assert_int_equal(n.comment_lines[0].line, 5);
	assert_true(n.comment_lines[0].key ==
		    mj_markdown_comment_key("Ship the API", 12));
	assert_int_equal(n.comment_lines[1].line, 6);
	assert_false(n.comment_lines[1].key ==
		     mj_markdown_comment_key("Lead a meeting", 14));
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

/* a man page's .TH: each field one quoted roff argument, whatever it holds */
static void man_page_head_is_quoted(void **state)
{
	struct mj_doc *doc = mj_doc_new();
	struct mj_man_head head = {
		"tom-\"with\\alex\x1b", "7", "2026-03-01", "mjournal 0.1.0",
		"Mentoring summaries",
	};
	char *page;
	(void)state;

	mj_doc_add(doc, MJ_BLOCK_HEADING, 1, "Notes");
	page = mj_doc_render_man_page(doc, &head);
	assert_string_equal(page,
		".TH \"TOM\\-\\(dqWITH\\eALEX^[\" \"7\" \"2026\\-03\\-01\" "
		"\"mjournal 0.1.0\" \"Mentoring summaries\"\n.SH\nNotes\n");
	free(page);
	mj_doc_free(doc);
}

/* code in font CR (groff 1.23 cannot select C); text that reads "\f[C]"
 * stays text */

/* One section of a note body, parsed for it alone. */
static int add_section(struct mj_doc *doc, const char *body, size_t len,
		       enum mj_section section)
{
	struct mj_sections *sections = mj_sections_parse(body, len);
	int n = mj_doc_take_section(doc, sections, section);

	/* a section is taken once: its blocks are in doc now */
	assert_int_equal(mj_doc_take_section(doc, sections, section), 0);
	mj_sections_free(sections);
	return n;
}

static void man_code_is_in_font_cr(void **state)
{
	static const char body[] = "## Learning\n\nRun `git log`, not \\f[C].\n\n"
				   "    indented code\n";
	struct mj_doc *doc = mj_doc_new();
	char *man;
	(void)state;

	assert_int_equal(add_section(doc, body, strlen(body),
					    MJ_SECTION_LEARNING), 2);
	man = mj_doc_render(doc, MJ_DOC_MAN);
	assert_non_null(strstr(man, "\\f[CR]git log\\f[]"));
	assert_non_null(strstr(man, "\\f[CR]\nindented code"));
	assert_non_null(strstr(man, "not \\ef[C]."));
	assert_null(strstr(man, "\\f[C]"));
	free(man);
	mj_doc_free(doc);
}

static void html_images_are_links(void **state)
{
	static const char body[] =
		"## Learning\n\n![a pixel](http://example.org/p.png \"t\") "
		"![](http://example.org/bare.png) ![![inner](i.png)](o.png) "
		"![x](javascript:alert(1))\n";
	struct mj_doc *doc = mj_doc_new();
	char *html;
	(void)state;

	assert_int_equal(add_section(doc, body, strlen(body),
					    MJ_SECTION_LEARNING), 1);
	html = mj_doc_render(doc, MJ_DOC_HTML);
	assert_null(strstr(html, "<img"));
	assert_non_null(strstr(html, "<a href=\"http://example.org/p.png\" "
				     "title=\"t\">a pixel</a>"));
	assert_non_null(strstr(html, "<a href=\"http://example.org/bare.png\">"
				     "http://example.org/bare.png</a>"));
	assert_non_null(strstr(html, "<a href=\"o.png\"><a href=\"i.png\">"
				     "inner</a></a>"));
	assert_non_null(strstr(html, "<a href=\"\">x</a>"));
	free(html);
	mj_doc_free(doc);
}

static void section_of_a_body(void **state)
{
	static const char body[] =
		"## Feedback\n- kept\n\nalso kept\n## Learning\n- not this\n";
	struct mj_doc *doc = mj_doc_new();
	char *md;
	(void)state;

	assert_int_equal(add_section(doc, body, strlen(body),
					    MJ_SECTION_FEEDBACK), 2);
	assert_int_equal(add_section(doc, body, strlen(body),
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
	assert_int_equal(add_section(doc, body.ptr, body.len,
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
		cmocka_unit_test(large_notes_are_read_whole),
		cmocka_unit_test(malformed_boxes_are_warned_of),
		cmocka_unit_test(boxes_without_marker),
		cmocka_unit_test(comment_lines_found),
		cmocka_unit_test(documents_escape_text),
		cmocka_unit_test(man_page_head_is_quoted),
		cmocka_unit_test(man_code_is_in_font_cr),
		cmocka_unit_test(html_images_are_links),
		cmocka_unit_test(section_of_a_body),
		cmocka_unit_test(quoted_nesting_is_bounded),
		cmocka_unit_test(format_names),
	};
	RUN_TESTS(tests);
}
