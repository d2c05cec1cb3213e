/*
 * cmd_report.c - mjournal report: the programme as a static HTML site.
 */
#include "mj_cli.h"
#include "mj_commands.h"
#include "mj_report.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

int cmd_report(int argc, char **argv)
{
	static const struct option options[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct mj_journal journal;
	struct mj_source src;
	struct mj_report report;
	const char *output = NULL;
	char *dir;
	mj_date today;
	int opt, status = MJ_EXIT_USAGE;

	while ((opt = getopt_long(argc, argv, "C:ho:", options, NULL)) != -1) {
		int common = mj_cli_common_option("report", opt, optarg, &status);
		if (common < 0)
			return status;
		if (opt == 'o')
			output = optarg;
	}
	if (optind < argc)
		return mj_cli_bad_usage("report");
	if (mj_cli_today(&today) < 0)
		return MJ_EXIT_USAGE;
	if ((status = mj_cli_load(&journal, NULL, MJ_LOAD_TEXT)) != MJ_EXIT_OK)
		return status;
	/* by default inside .mjournal/, which git ignores: never committed */
	dir = output ? mj_xstrdup(output) : mj_path_join(journal.root, ".mjournal/report");
	mj_source_init_fs(&src, journal.root);
	mj_report_build(&journal, &src, today, &report);
	status = MJ_EXIT_OK;
	if (mj_fs_mkdir_parents(dir) < 0) {
		status = mj_cli_error("cannot make '%s': %s", dir, strerror(errno));
	} else {
		for (size_t i = 0; i < report.len && status == MJ_EXIT_OK; i++) {
			char *path = mj_path_join(dir, report.pages[i].name);
			if (mj_fs_write_atomic(path, report.pages[i].text,
					       strlen(report.pages[i].text)) < 0)
				status = mj_cli_error("cannot write '%s': %s", path,
						      strerror(errno));
			free(path);
		}
	}
	if (status == MJ_EXIT_OK)
		printf("Wrote %zu pages: open %s/index.html\n", report.len - 1, dir);
	mj_report_free(&report);
	mj_source_free_fs(&src);
	mj_journal_free(&journal);
	free(dir);
	return status;
}
