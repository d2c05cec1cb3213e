/*
 * cmd_report.c - mjournal report: the programme as a static HTML site.
 */
#include "mj_cli.h"
#include "mj_commit.h" /* MJ_COMMIT: written by the Makefile */
#include "mj_commands.h"
#include "mj_report.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* The report's own folder inside the journal, which git ignores. */
#define REPORT_DIR ".mjournal/report"

/* reads the relationships one at a time, each page written as its
 * relationship is read */
static int run(struct mj_ctx *ctx)
{
	const char *root = ctx->journal.root;
	const char *output = mj_arg_value(&ctx->args, "output");
	struct mj_journal journal;
	struct mj_source src;
	struct mj_report report;
	struct mj_report_output out;
	struct mj_report_reader reader;
	struct mj_visitor visitor;
	struct mj_cli_pages pages;
	char *css, *shown;
	int status;

	if (mj_cli_template(root, "report.css", &css) < 0)
		return MJ_EXIT_USAGE;
	/* by default inside the journal, never through a link there */
	if (mj_cli_pages_open(&pages, &out, output ? NULL : root,
			      output ? output : REPORT_DIR) != MJ_EXIT_OK) {
		free(css);
		return mj_cli_pages_close(&pages);
	}
	out.build = "mjournal " MJ_VERSION " " MJ_COMMIT;
	mj_source_init_fs(&src, root);
	mj_report_reader_init(&reader, &src, ctx->today, &out, &visitor);
	status = mj_cli_visit(&journal, NULL, MJ_LOAD_TEXT, &visitor);
	if (mj_report_reader_finish(&reader, status == MJ_EXIT_OK ? &journal : NULL,
				    css, &report) < 0 && status == MJ_EXIT_OK) {
		mj_cli_error("cannot read back the index's rows, kept in a "
			     "temporary file: %s", strerror(errno));
		status = MJ_EXIT_USAGE;
	}
	if (status == MJ_EXIT_OK)
		status = mj_cli_pages_close(&pages);
	else
		mj_cli_pages_close(&pages);
	shown = output ? mj_xstrdup(output) : mj_path_join(root, REPORT_DIR);
	if (status == MJ_EXIT_OK && pages.kept)
		printf("Wrote %zu pages (%zu unchanged, kept): open %s/index.html\n",
		       report.len - 1, pages.kept, shown);
	else if (status == MJ_EXIT_OK)
		printf("Wrote %zu pages: open %s/index.html\n", report.len - 1,
		       shown);
	mj_report_free(&report);
	mj_source_free_fs(&src);
	mj_journal_free(&journal);
	free(shown);
	free(css);
	return status;
}

static const struct mj_option options[] = {
	{ "output", 'o', MJ_ARG_DIR, "DIR", NULL,
	  "where to write it (default: .mjournal/report)", 0 },
	MJ_OPTIONS_END,
};

const struct mj_command mj_cmd_report = {
	.name = "report",
	.summary = "A static HTML report of the whole journal: an index and a "
		   "page per relationship, with timelines; private notes left out.",
	.options = options,
	.needs = MJ_NEED_TODAY | MJ_NEED_JOURNAL, /* reads the rest itself */
	.run = run,
};
