/*
 * cmd_summary.c - mjournal summary: a relationship's summary, rendered by
 * cmark as Markdown, HTML, man, LaTeX or XML.
 */
#include "mj_cli.h"
#include "mj_commands.h"
#include "mj_summary.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int run(struct mj_ctx *ctx)
{
	struct mj_summary_options sopts = {
		ctx->today, mj_arg_given(&ctx->args, "include-private"), NULL,
	};
	const char *output = mj_arg_value(&ctx->args, "output");
	const char *slug = ctx->args.operands.items[0];
	const char *format_name = mj_arg_value(&ctx->args, "format");
	enum mj_doc_format format = (enum mj_doc_format)
		mj_doc_format_from_name(format_name ? format_name : "md");
	struct mj_relationship *rel = mj_journal_find(&ctx->journal, slug);
	struct mj_source src;
	struct mj_doc *doc;
	char *text, *css = NULL;
	int status = MJ_EXIT_OK;

	if (!rel)
		return mj_cli_error("'%s' holds no relationship; mjournal "
				    "check %s says why", slug, slug);
	/* a page stands alone: the report's stylesheet goes inside it */
	if (format == MJ_DOC_HTML &&
	    mj_cli_template(ctx->journal.root, "report.css", &css) < 0)
		return MJ_EXIT_USAGE;
	mj_source_init_fs(&src, ctx->journal.root);
	doc = mj_summary_build(rel, &src, &sopts);
	text = mj_summary_render(doc, slug, format, css, ctx->today);
	free(css);
	if (!output) {
		/* a terminal gets the notes' words with controls visible */
		char *shown = mj_visible(text, true);
		mj_cli_pager();
		fputs(shown, stdout);
		free(shown);
	} else if (mj_fs_write(output, text, strlen(text), MJ_WRITE_REPLACE) < 0) {
		status = mj_cli_error("cannot write '%s': %s", output, strerror(errno));
	}
	free(text);
	mj_doc_free(doc);
	mj_source_free_fs(&src);
	return status;
}

static const struct mj_option options[] = {
	{ "format", 0, MJ_ARG_CHOICE, "FORMAT", "md html man latex xml",
	  "md (default), html, man, latex or xml", 0 },
	{ "output", 'o', MJ_ARG_FILE, "FILE",
	  NULL, "write to FILE instead of standard output", 0 },
	{ "include-private", 0, MJ_ARG_NONE, NULL, NULL,
	  "quote private notes too", 0 },
	MJ_OPTIONS_END,
};

const struct mj_command mj_cmd_summary = {
	.name = "summary",
	.summary = "A relationship's summary: parties, term, goals, stages, "
		   "sessions, actions, outcomes, feedback and learning.",
	.operand = "SLUG", .operand_kind = MJ_ARG_SLUG,
	.min_operands = 1, .max_operands = 1,
	.options = options,
	.needs = MJ_NEED_TODAY | MJ_NEED_MODEL | MJ_NEED_TEXT,
	.run = run,
};
