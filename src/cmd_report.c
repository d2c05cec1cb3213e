/*
 * cmd_report.c - mjournal report: the programme as a static HTML site.
 */
#include "mj_cli.h"
#include "mj_commands.h"
#include "mj_report.h"

#include <stdlib.h>
#include <string.h>

static int run(struct mj_ctx *ctx)
{
	const struct mj_journal *journal = &ctx->journal;
	const char *output = mj_arg_value(&ctx->args, "output");
	struct mj_source src;
	struct mj_report report;
	mj_date today = ctx->today;
	char *dir;
	int status;

	/* by default inside .mjournal/, which git ignores: never committed */
	dir = output ? mj_xstrdup(output) : mj_path_join(journal->root, ".mjournal/report");
	mj_source_init_fs(&src, journal->root);
	mj_report_build(journal, &src, today, &report);
	status = mj_cli_write_pages(&report, dir);
	if (status == MJ_EXIT_OK)
		printf("Wrote %zu pages: open %s/index.html\n", report.len - 1, dir);
	mj_report_free(&report);
	mj_source_free_fs(&src);
	free(dir);
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
	.needs = MJ_NEED_TODAY | MJ_NEED_MODEL | MJ_NEED_TEXT,
	.run = run,
};
