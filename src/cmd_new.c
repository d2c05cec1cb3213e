/*
 * cmd_new.c - mjournal new: start a relationship from the agreement template.
 */
#include "mj_cli.h"
#include "mj_commands.h"
#include "mj_git.h"
#include "mj_plan.h"
#include "mj_start.h"
#include "mj_template.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The relationship the options describe, checked; 0, or -1 after saying
 * what is wrong. */
static int parse_args(const struct mj_ctx *ctx, struct mj_start *s)
{
	const struct mj_args *args = &ctx->args;
	const struct mj_strvec *mentees = mj_arg_values(args, "mentee");
	char *why;

	s->slug = args->operands.items[0];
	s->mentor = mj_arg_value(args, "mentor");
	for (size_t i = 0; i < mentees->len; i++)
		mj_strvec_push(&s->mentees, mentees->items[i]);
	s->type = mj_arg_value(args, "type");
	s->model = mj_arg_value(args, "model");
	s->started = mj_arg_date(args, "started", MJ_DATE_NONE);
	s->ends = mj_arg_date(args, "ends", MJ_DATE_NONE);
	s->review = mj_arg_date(args, "review", MJ_DATE_NONE);
	s->cadence = mj_arg_value(args, "cadence");
	if (!(why = mj_start_check(s, ctx->today)))
		return 0;
	mj_cli_error("%s", why);
	free(why);
	return -1;
}

static int run(struct mj_ctx *ctx)
{
	struct mj_start a = { .started = MJ_DATE_NONE };
	const struct mj_journal *journal = &ctx->journal;
	struct mj_strvec slugs = MJ_STRVEC_INIT, texts = MJ_STRVEC_INIT;
	char *text = NULL, *message = NULL;
	char *template = NULL;
	int status;

	status = MJ_EXIT_USAGE;
	if (parse_args(ctx, &a) != 0)
		goto done;
	if (mj_cli_template(journal->root, "agreement.ini", &template) < 0)
		goto done;
	text = mj_start_agreement(template ? template : "", &a);
	if (mj_plan_started_already(journal->root, a.slug, text)) {
		/* a run before this one did it (perhaps killed after) */
		printf("Started %s already: %s/agreement.ini is as these "
		       "options write it\n", a.slug, a.slug);
		status = MJ_EXIT_OK;
		goto done;
	}
	mj_strvec_push(&slugs, a.slug);
	mj_strvec_push(&texts, text);
	message = mj_xasprintf("%s: start relationship\n", a.slug);
	if (mj_plan_start(ctx, &slugs, &texts, message) < 0)
		goto done;
	printf("Started %s: %s/agreement.ini\n", a.slug, a.slug);
	printf("Next: agree the goals and sign the agreement, then mjournal "
	       "note %s\n", a.slug);
	status = MJ_EXIT_OK;
done:
	mj_strvec_free(&slugs);
	mj_strvec_free(&texts);
	mj_strvec_free(&a.mentees);
	free(template);
	free(text);
	free(message);
	return status;
}

static const struct mj_option options[] = {
	{ "mentor", 0, MJ_ARG_PERSON, "PERSON", NULL,
	  "the mentor, as 'Name <email>'", MJ_OPT_REQUIRED },
	{ "mentee", 0, MJ_ARG_PERSON, "PERSON", NULL,
	  "a mentee; repeat for group mentoring", MJ_OPT_REQUIRED | MJ_OPT_REPEAT },
	{ "type", 0, MJ_ARG_CHOICE, "TYPE", "one-to-one 1:1 group peer reverse",
	  "one-to-one (or 1:1), group, peer or reverse (default: one-to-one, "
	  "group for several mentees)", 0 },
	{ "model", 0, MJ_ARG_CHOICE, "MODEL", "developmental sponsorship",
	  "developmental or sponsorship (default: developmental)", 0 },
	{ "started", 0, MJ_ARG_DATE, "DATE", NULL, "first day (default: today)", 0 },
	{ "ends", 0, MJ_ARG_DATE, "DATE", NULL,
	  "last day (default: six months after started)", 0 },
	{ "cadence", 0, MJ_ARG_TEXT, "CADENCE", NULL,
	  "gap between meetings, Nd or Nw (default: 14d)", 0 },
	{ "review", 0, MJ_ARG_DATE, "DATE", NULL,
	  "the review point (default: half way through the term)", 0 },
	MJ_OPTIONS_END,
};

const struct mj_command mj_cmd_new = {
	.name = "new",
	.summary = "Start a relationship from the agreement template and commit "
		   "it.",
	.operand = "SLUG", .operand_kind = MJ_ARG_TEXT,
	.min_operands = 1, .max_operands = 1,
	.options = options,
	.needs = MJ_NEED_TODAY | MJ_NEED_WRITER,
	.run = run,
};
