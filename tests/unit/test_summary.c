/*
 * test_summary.c - a relationship's summary and the programme report, built
 * from a journal held in memory: what they say, what they leave out, and
 * that the notes' words are escaped for the output.
 */
#include "unit.h"

#include "mj_report.h"
#include "mj_summary.h"

#define AGREEMENT(status, closed) \
	"[relationship]\nmentor = Alex Doe <alex@example.org>\n" \
	"mentee = Sam Roe <sam@example.org>\nstarted = 2026-01-12\n" \
	"ends = 2026-07-12\ncadence = 14d\nstatus = " status "\n" \
	"closed = " closed "\n[goals]\ngoal = Lead <b>a</b> project\n"

static const char *const files[] = {
	"mjournal.ini", "[journal]\nname = Test & programme\n",
	"sam/agreement.ini", AGREEMENT("closed", "2026-06-30"),
	"sam/2026-01-12-preparing.md",
	"---\ndate: 2026-01-12\nstage: preparing\n---\n# First talk\n",
	"sam/2026-02-02.md",
	"---\ndate: 2026-02-02\nstage: enabling\nattendance: held\nduration: 90m\n---\n"
	"# Plan\n## Actions\n- [x] Sam: draft the plan\n- [ ] Alex: book a room\n"
	"## Feedback\n- <script>alert(1)</script> was *fine*\n",
	"sam/2026-03-01.private.md",
	"---\ndate: 2026-03-01\nstage: enabling\nattendance: held\nduration: 60m\n---\n"
	"## Feedback\n- SECRET words\n## Actions\n- [ ] Sam: PRIVATE action\n",
	"sam/2026-06-30-closing.md",
	"---\ndate: 2026-06-30\nstage: closing\nattendance: held\nduration: 30m\n---\n"
	"## Outcomes\n- Led the project to its end\n",
	NULL,
};

static struct mj_journal journal;
static struct mj_source src;
static struct mem_source mem = { files };

static int setup(void **state)
{
	(void)state;
	mem_source(&src, &mem);
	return mj_journal_load(&journal, "/j", &src, NULL, MJ_LOAD_TEXT);
}

static int teardown(void **state)
{
	(void)state;
	mj_journal_free(&journal);
	return 0;
}

static char *summary(bool with_private, enum mj_doc_format format)
{
	struct mj_summary_options o = { mj_date_from_ymd(2026, 7, 1), with_private, NULL };
	struct mj_doc *doc = mj_summary_build(mj_journal_find(&journal, "sam"),
					      &src, &o);
	char *text = mj_doc_render(doc, format);

	mj_doc_free(doc);
	return text;
}

#define assert_contains(hay, needle) do { \
	if (!strstr((hay), (needle))) \
		fail_msg("no \"%s\" in:\n%s", (needle), (hay)); } while (0)
#define assert_lacks(hay, needle) do { \
	if (strstr((hay), (needle))) \
		fail_msg("\"%s\" should not be in:\n%s", (needle), (hay)); } while (0)

static void summary_says_what_happened(void **state)
{
	char *md = summary(false, MJ_DOC_MARKDOWN);
	(void)state;

	assert_contains(md, "# sam: summary");
	assert_contains(md, "Alex Doe");
	assert_contains(md, "Sam Roe");
	assert_contains(md, "closed 2026-06-30");
	assert_contains(md, "## Goals");
	assert_contains(md, "## Outcomes");
	assert_contains(md, "Led the project to its end");
	assert_contains(md, "## Actions");
	assert_contains(md, "draft the plan");
	assert_contains(md, "book a room");
	assert_contains(md, "## Feedback");
	/* sessions held: 90m and 30m shown, the private hour not counted */
	assert_contains(md, "2 held (2 hours), 0 missed");
	free(md);
}

static void summary_leaves_private_notes_out(void **state)
{
	char *md = summary(false, MJ_DOC_MARKDOWN), *all = summary(true, MJ_DOC_MARKDOWN);
	(void)state;

	assert_lacks(md, "SECRET");
	assert_lacks(md, "PRIVATE action");
	assert_contains(all, "SECRET");
	assert_contains(all, "PRIVATE action");
	assert_contains(all, "3 held (3 hours)");
	free(md);
	free(all);
}

static void summary_html_is_escaped(void **state)
{
	char *html = summary(false, MJ_DOC_HTML);
	(void)state;

	assert_lacks(html, "<script>");
	assert_lacks(html, "<b>a</b>");
	assert_contains(html, "Lead &lt;b&gt;a&lt;/b&gt; project");
	free(html);
}

static const char *page(const struct mj_report *r, const char *name)
{
	for (size_t i = 0; i < r->len; i++)
		if (!strcmp(r->pages[i].name, name))
			return r->pages[i].text;
	fail_msg("no page %s", name);
	return NULL;
}

static void report_has_every_page_and_no_secret(void **state)
{
	struct mj_report r = { 0 };
	(void)state;

	mj_report_build(&journal, &src, "body { }", mj_date_from_ymd(2026, 7, 1), NULL,
			&r);
	assert_int_equal(r.len, 3);
	assert_contains(page(&r, "index.html"), "Test &amp; programme");
	assert_contains(page(&r, "index.html"), "href=\"sam.html\"");
	assert_contains(page(&r, "sam.html"), "<svg");
	assert_non_null(page(&r, "style.css"));
	for (size_t i = 0; i < r.len; i++) {
		assert_lacks(r.pages[i].text, "SECRET");
		assert_lacks(r.pages[i].text, "PRIVATE action");
		assert_lacks(r.pages[i].text, "<script");
	}
	mj_report_free(&r);
}

static void html_escape(void **state)
{
	struct mj_buf b = MJ_BUF_INIT;
	(void)state;

	mj_html_escape(&b, "a<b>&\"c'");
	assert_string_equal(b.ptr, "a&lt;b&gt;&amp;&quot;c&#39;");
	mj_buf_free(&b);
	/* bytes that are not UTF-8 never reach a page that says it is */
	mj_html_escape(&b, "Jos\xe9 & \xff<");
	assert_string_equal(b.ptr, "Jos&#xFFFD; &amp; &#xFFFD;&lt;");
	mj_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(summary_says_what_happened),
		cmocka_unit_test(summary_leaves_private_notes_out),
		cmocka_unit_test(summary_html_is_escaped),
		cmocka_unit_test(report_has_every_page_and_no_secret),
		cmocka_unit_test(html_escape),
	};
	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, setup, teardown);
}
