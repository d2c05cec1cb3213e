/*
 * test_closure.c - the closing criteria and the closure's plan, worked
 * out in memory: what stops a closure, and what one writes.
 */
#include "unit.h"

#include "mj_closure.h"

#define CLOSING NOTE("2026-06-29", "closing", HELD, \
	FEEDBACK "## Outcomes\n- led the project\n## Learning\n- ask sooner\n")

static const char *const closable[] = {
	"2026-01-12.md", NOTE("2026-01-12", "preparing", "", "# prep\n"),
	"2026-01-19.md", NOTE("2026-01-19", "negotiating", HELD, "# agree\n"),
	"2026-02-02.md", NOTE("2026-02-02", "enabling", HELD,
			      FEEDBACK "## Actions\n- [x] Sam: plan\n"),
	"2026-06-29-closing.md", CLOSING,
	NULL,
};

static struct mj_closure_request request(const char *date, bool early)
{
	struct mj_closure_request r = { 0, 0, early, early ? "moved on" : NULL };
	mj_date_parse_str(&r.date, date);
	mj_date_parse_str(&r.today, "2026-06-30");
	return r;
}

static void a_complete_cycle_may_close(void **state)
{
	struct mj_relationship rel;
	struct mj_diags unmet = MJ_DIAGS_INIT;
	struct mj_closure_request r = request("2026-06-30", false);
	(void)state;

	build(&rel, &active, closable);
	mj_closure_criteria(&rel, &r, NULL, 0, &unmet);
	if (unmet.len)
		dump_diags(&unmet);
	assert_int_equal(unmet.len, 0);
	mj_diags_free(&unmet);
	mj_relationship_free(&rel);
}

static void no_closing_session_is_unmet_unless_early(void **state)
{
	static const char *const notes[] = {
		"2026-01-19.md", NOTE("2026-01-19", "negotiating", HELD, ""),
		"2026-02-02.md", NOTE("2026-02-02", "enabling", HELD,
				      FEEDBACK "## Actions\n- [ ] Sam: open\n"),
		NULL,
	};
	struct mj_relationship rel;
	struct mj_diags unmet = MJ_DIAGS_INIT;
	struct mj_closure_request r = request("2026-06-30", false);
	(void)state;

	build(&rel, &active, notes);
	mj_closure_criteria(&rel, &r, NULL, 0, &unmet);
	assert_diag(&unmet, MJ_RULE_CLOSING_INCOMPLETE, 0, MJ_LEVEL_ERROR);
	for (size_t i = 0; i < unmet.len; i++) /* only errors stop it */
		assert_int_equal(unmet.items[i].level, MJ_LEVEL_ERROR);
	mj_diags_free(&unmet);
	/* ended early: the cycle need not be complete */
	r = request("2026-06-30", true);
	mj_closure_criteria(&rel, &r, NULL, 0, &unmet);
	assert_int_equal(unmet.len, 0);
	mj_diags_free(&unmet);
	mj_relationship_free(&rel);
}

static void dates_and_pending_files(void **state)
{
	static const char *const notes[] = {
		"2026-01-19.md", NOTE("2026-01-19", "negotiating", HELD, ""),
		"2026-03-02.md", NOTE("2026-03-02", "enabling", HELD, FEEDBACK),
		"2026-03-09.md", NOTE("2026-03-09", "follow-up", "", ""),
		NULL,
	};
	const struct mj_pending pending[] = {
		{ "sam/2026-03-02.md", "modified" },
		{ "samuel/2026-01-01.md", "new" },   /* another relationship */
		{ "mjournal.ini", "modified" },
	};
	struct mj_relationship rel;
	struct mj_diags unmet = MJ_DIAGS_INIT;
	struct mj_closure_request r = request("2026-03-01", true);
	(void)state;

	build(&rel, &active, notes);
	mj_closure_criteria(&rel, &r, pending, 3, &unmet);
	/* the enabling note after the closing day; the follow-up may be */
	assert_int_equal(count_diags(&unmet, "close", 0, MJ_LEVEL_ERROR), 2);
	assert_diag(&unmet, "close", 2, MJ_LEVEL_ERROR);
	assert_string_equal(diag_file(&unmet, "close", MJ_LEVEL_ERROR),
			    "sam/2026-03-02.md");
	/* sorted by file and line: the file's own problem first */
	assert_non_null(strstr(unmet.items[0].message, "is modified but not committed"));
	assert_non_null(strstr(unmet.items[1].message, "after the closing date"));
	mj_diags_free(&unmet);
	/* before the relationship started */
	r = request("2026-01-01", true);
	mj_closure_criteria(&rel, &r, NULL, 0, &unmet);
	assert_diag(&unmet, "close", 4, MJ_LEVEL_ERROR);
	for (size_t i = 0; i < unmet.len; i++)
		if (unmet.items[i].line == 4)
			assert_string_equal(unmet.items[i].message, "the closing "
					    "date 2026-01-01 is before 'started'; give "
					    "a later --date");
	mj_diags_free(&unmet);
	mj_relationship_free(&rel);
}

static struct mem_source notes_source = { (const char *const[]){
	"sam/2026-06-29-closing.md", CLOSING, NULL } };

static void the_plan_says_what_is_written(void **state)
{
	struct mj_relationship rel;
	struct mj_closure_plan p;
	struct mj_closure_request r = request("2026-06-30", false);
	struct mj_source src;
	char text[2048], expect[2048];
	(void)state;

	/* the agreement build() parsed, as its file holds it */
	snprintf(text, sizeof(text), agreement, active.status, active.closed,
		 active.goal, active.review, active.signed_mentee);
	snprintf(expect, sizeof(expect), agreement, "closed", "2026-06-30",
		 active.goal, active.review, active.signed_mentee);
	build(&rel, &active, closable);
	mem_source(&src, &notes_source);
	assert_int_equal(mj_closure_plan(&p, &rel, text, strlen(text),
					 "old summary\n", 12, &src, &r), 0);
	assert_string_equal(p.files[1].path, "sam/agreement.ini");
	/* status and closed written in place, every other byte kept */
	assert_string_equal(p.files[1].text, expect);
	assert_int_equal(p.files[1].len, strlen(expect));
	assert_string_equal(p.files[1].old, text);
	assert_string_equal(p.files[0].path, "sam/summary.md");
	assert_non_null(strstr(p.files[0].text, "# sam: summary"));
	assert_non_null(strstr(p.files[0].text, "closed 2026-06-30"));
	assert_non_null(strstr(p.files[0].text, "led the project"));
	assert_string_equal(p.files[0].old, "old summary\n");
	assert_string_equal(p.message, "sam: close\n");
	assert_string_equal(p.tag, "sam/closed");
	assert_string_equal(p.tag_message, "sam closed on 2026-06-30\n");
	mj_closure_plan_free(&p);
	/* ended early: the reason in the commit and the tag; no summary yet */
	r = request("2026-05-01", true);
	assert_int_equal(mj_closure_plan(&p, &rel, text, strlen(text),
					 NULL, 0, &src, &r), 0);
	assert_non_null(strstr(p.files[1].text, "status = ended-early\n"));
	assert_null(p.files[0].old);
	assert_non_null(strstr(p.files[0].text, "moved on"));
	assert_string_equal(p.message, "sam: close (ended early)\n\nmoved on\n");
	assert_string_equal(p.tag_message, "sam ended early on 2026-05-01, without "
			    "fault: moved on\n");
	mj_closure_plan_free(&p);
	mj_relationship_free(&rel);
	/* no [relationship] section: nothing to plan */
	mj_relationship_init(&rel, "sam");
	mj_agreement_parse(&rel.agreement, "[goals]\n", 8, "sam/agreement.ini",
			   &rel.diags);
	assert_int_equal(mj_closure_plan(&p, &rel, "[goals]\n", 8, NULL, 0, &src,
					 &r), -1);
	mj_relationship_free(&rel);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_complete_cycle_may_close),
		cmocka_unit_test(no_closing_session_is_unmet_unless_early),
		cmocka_unit_test(dates_and_pending_files),
		cmocka_unit_test(the_plan_says_what_is_written),
	};
	RUN_TESTS(tests);
}
