/*
 * cmd_new.c - mjournal new: start a relationship from the agreement template.
 */
#include "mj_cli.h"
#include "mj_commands.h"
#include "mj_git.h"
#include "mj_template.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Longest person value that keeps "mentee = " lines inside inih's limit. */
#define PERSON_MAX 150

static int check_person(const char *option, const char *person)
{
	if (!*person || strlen(person) > PERSON_MAX)
		return mj_cli_error("%s must be 1 to %d characters", option,
				    PERSON_MAX);
	for (const char *p = person; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == ';')
			return mj_cli_error("%s may not hold line breaks, control "
					    "characters or ';': '%s'", option,
					    person);
	return 0;
}

struct new_args {
	const char *slug;
	const char *mentor;
	const struct mj_strvec *mentees;
	const char *type;
	mj_date started, ends;
	const char *cadence;
};

/* Reads and checks the arguments; 0, or -1 after saying what is wrong. */
static int parse_args(const struct mj_ctx *ctx, struct new_args *a)
{
	const struct mj_args *args = &ctx->args;
	int days;

	a->mentor = mj_arg_value(args, "mentor");
	a->mentees = mj_arg_values(args, "mentee");
	a->type = mj_arg_value(args, "type");
	a->started = mj_arg_date(args, "started", ctx->today);
	a->cadence = mj_arg_value(args, "cadence");
	a->slug = args->operands.items[0];
	if (!mj_slug_is_valid(a->slug) || mj_journal_name_is_reserved(a->slug))
		return mj_cli_error("'%s' is not a valid relationship name: use "
				    "lower-case letters, digits and '-', at most "
				    "63, like sam-with-alex", a->slug);
	if (check_person("--mentor", a->mentor) != 0)
		return -1;
	for (size_t i = 0; i < a->mentees->len; i++)
		if (check_person("--mentee", a->mentees->items[i]) != 0)
			return -1;
	if (!a->type)
		a->type = a->mentees->len > 1 ? "group" : "one-to-one";
	/* the short form status shows, written out in full */
	a->type = mj_type_name((enum mj_type)mj_type_from_name(a->type));
	if (a->mentees->len > 1 && strcmp(a->type, "group"))
		return mj_cli_error("%zu mentees make a group relationship; use "
				    "--type group", a->mentees->len);
	a->ends = mj_arg_date(args, "ends", mj_date_add_months(a->started, 6));
	if (a->ends <= a->started)
		return mj_cli_error("--ends must come after --started: mentoring "
				    "runs for a term");
	if (!a->cadence)
		a->cadence = "14d";
	if (mj_cadence_parse(&days, a->cadence) < 0)
		return mj_cli_error("--cadence must be Nd or Nw, like 14d or 2w, "
				    "not '%s'", a->cadence);
	return 0;
}

static char *agreement_text(const char *root, const struct new_args *a)
{
	char started[MJ_DATE_TEXT_SIZE], ends[MJ_DATE_TEXT_SIZE];
	char review[MJ_DATE_TEXT_SIZE];
	struct mj_buf mentees = MJ_BUF_INIT;
	char *template = mj_template_load(root, "agreement.ini");
	char *text;

	for (size_t i = 0; i < a->mentees->len; i++)
		mj_buf_addf(&mentees, "%smentee = %s", i ? "\n" : "",
			    a->mentees->items[i]);
	mj_date_format(a->started, started);
	mj_date_format(a->ends, ends);
	mj_date_format(a->started + (a->ends - a->started) / 2, review);
	text = mj_template_fill(template, (const char *const[]){
		"mentor", a->mentor, "mentees", mentees.ptr, "type", a->type,
		"started", started, "ends", ends, "cadence", a->cadence,
		"review", review, "slug", a->slug, NULL });
	mj_buf_free(&mentees);
	free(template);
	return text;
}

static int run(struct mj_ctx *ctx)
{
	struct new_args a = { .started = MJ_DATE_NONE };
	const struct mj_journal *journal = &ctx->journal;
	struct mj_repo *repo = ctx->repo;
	struct mj_strvec paths = MJ_STRVEC_INIT;
	char *dir = NULL, *path = NULL, *text = NULL, *message = NULL;
	const char *owner;
	bool committed;
	int status;

	if (parse_args(ctx, &a) != 0)
		return MJ_EXIT_USAGE;
	status = MJ_EXIT_USAGE;
	owner = journal->config.owner.text;
	dir = mj_path_join(journal->root, a.slug);
	if (mj_fs_exists(dir)) {
		mj_cli_error("'%s' already exists; choose another name", a.slug);
		goto done;
	}
	if (mkdir(dir, 0755) < 0) {
		mj_cli_error("cannot make '%s': %s", dir, strerror(errno));
		goto done;
	}
	text = agreement_text(journal->root, &a);
	path = mj_path_join(dir, "agreement.ini");
	if (mj_fs_write_new(path, text, strlen(text)) < 0) {
		mj_cli_error("cannot write '%s': %s", path, strerror(errno));
		rmdir(dir);
		goto done;
	}
	if (repo) {
		mj_strvec_push_owned(&paths, mj_xasprintf("%s/agreement.ini",
							  a.slug));
		message = mj_xasprintf("%s: start relationship\n", a.slug);
		if (mj_git_commit_paths(repo, &paths, message, owner,
					&committed) < 0) {
			mj_cli_error("%s", mj_git_error());
			unlink(path);
			rmdir(dir);
			goto done;
		}
	}
	printf("Started %s: %s/agreement.ini\n", a.slug, a.slug);
	printf("Next: agree the goals and sign the agreement, then mjournal "
	       "note %s\n", a.slug);
	status = MJ_EXIT_OK;
done:
	mj_strvec_free(&paths);
	free(dir);
	free(path);
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
	{ "started", 0, MJ_ARG_DATE, "DATE", NULL, "first day (default: today)", 0 },
	{ "ends", 0, MJ_ARG_DATE, "DATE", NULL,
	  "last day (default: six months after started)", 0 },
	{ "cadence", 0, MJ_ARG_TEXT, "CADENCE", NULL,
	  "gap between meetings, Nd or Nw (default: 14d)", 0 },
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
