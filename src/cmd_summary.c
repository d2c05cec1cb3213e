/*
 * cmd_summary.c - mjournal summary: a relationship's summary, rendered by
 * cmark as Markdown, HTML, man, LaTeX or XML.
 */
#include "mj_cli.h"
#include "mj_commands.h"
#include "mj_summary.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

int cmd_summary(int argc, char **argv)
{
	static const struct option options[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "include-private", no_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct mj_summary_options sopts = { 0, false, NULL };
	struct mj_journal journal;
	struct mj_strvec only = MJ_STRVEC_INIT;
	struct mj_source src;
	struct mj_relationship *rel;
	struct mj_doc *doc;
	const char *output = NULL;
	char *text;
	int opt, format = MJ_DOC_MARKDOWN, status = MJ_EXIT_USAGE;

	while ((opt = getopt_long(argc, argv, "C:ho:", options, NULL)) != -1) {
		int common = mj_cli_common_option("summary", opt, optarg, &status);
		if (common < 0)
			return status;
		if (common == 0)
			continue;
		if (opt == 'f') {
			format = mj_doc_format_from_name(optarg);
			if (format < 0)
				return mj_cli_error("unknown --format '%s'; use md, "
						    "html, man, latex or xml", optarg);
		} else if (opt == 'o') {
			output = optarg;
		} else if (opt == 'p') {
			sopts.include_private = true;
		}
	}
	if (optind + 1 != argc)
		return mj_cli_bad_usage("summary");
	if (mj_cli_today(&sopts.today) < 0)
		return MJ_EXIT_USAGE;
	mj_strvec_push(&only, argv[optind]);
	status = mj_cli_load(&journal, &only, MJ_LOAD_TEXT);
	mj_strvec_free(&only);
	if (status != MJ_EXIT_OK)
		return status;
	rel = mj_journal_find(&journal, argv[optind]);
	if (!rel) {
		mj_journal_free(&journal);
		return mj_cli_error("'%s' holds no relationship", argv[optind]);
	}
	mj_source_init_fs(&src, journal.root);
	doc = mj_summary_build(rel, &src, &sopts);
	text = mj_doc_render(doc, (enum mj_doc_format)format);
	if (!output) {
		fputs(text, stdout);
		status = MJ_EXIT_OK;
	} else if (mj_fs_write_atomic(output, text, strlen(text)) < 0) {
		status = mj_cli_error("cannot write '%s': %s", output, strerror(errno));
	} else {
		status = MJ_EXIT_OK;
	}
	free(text);
	mj_doc_free(doc);
	mj_source_free_fs(&src);
	mj_journal_free(&journal);
	return status;
}
