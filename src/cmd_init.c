/*
 * cmd_init.c - mjournal init: make a folder a journal.
 */
#include "mj_cli.h"
#include "mj_commands.h"
#include "mj_init.h"

#include <libgen.h>
#include <stdlib.h>

static int run(struct mj_ctx *ctx)
{
	struct mj_init in = {
		.dir = ctx->args.operands.len ? ctx->args.operands.items[0] : ".",
		.name = mj_arg_value(&ctx->args, "name"),
		.owner = mj_arg_value(&ctx->args, "owner"),
	};
	char *root, *base;
	bool created;

	if (mj_init_journal(&in, &root, &created) < 0)
		return MJ_EXIT_USAGE;
	base = mj_xstrdup(root);
	printf("Started the journal '%s' in %s%s\n", in.name ? in.name :
	       basename(base), root, created ? " (a new git repository)" : "");
	printf("Next: mjournal new SLUG --mentor 'Name <email>' --mentee 'Name "
	       "<email>'\n");
	free(base);
	free(root);
	return MJ_EXIT_OK;
}

static const struct mj_option options[] = {
	{ "name", 0, MJ_ARG_TEXT, "NAME", NULL,
	  "the journal's name (default: the folder's)", 0 },
	{ "owner", 0, MJ_ARG_PERSON, "PERSON", NULL,
	  "who keeps it, as 'Name <email>' (default: git's user.name and "
	  "user.email)", 0 },
	MJ_OPTIONS_END,
};

const struct mj_command mj_cmd_init = {
	.name = "init",
	.summary = "Make DIR (default: here) a journal: a git repository, "
		   "mjournal.ini, .gitignore, a first commit.",
	.operand = "DIR", .operand_kind = MJ_ARG_DIR,
	.min_operands = 0, .max_operands = 1,
	.options = options,
	.run = run,
};
