/*
 * main.c - mjournal's entry point and its table of commands.
 */
#include "mj_cli.h"
#include "mj_commands.h"
#include "mj_commit.h" /* MJ_COMMIT: written by the Makefile */
#include "mj_git.h"
#include "mj_out.h"

#include <errno.h>
#include <locale.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef MJ_VERSION
#define MJ_VERSION "unknown"
#endif

/* "mjournal 0.1.0 (commit 8ca90e3)": the commit git describe named when
 * it was built, or the version alone (a build from a tarball) */
static int print_version(void)
{
	if (MJ_COMMIT[0])
		printf("mjournal %s (commit %s)\n", MJ_VERSION, MJ_COMMIT);
	else
		printf("mjournal %s\n", MJ_VERSION);
	return MJ_EXIT_OK;
}

const struct mj_command *const mj_commands[] = {
	&mj_cmd_init, &mj_cmd_new, &mj_cmd_import, &mj_cmd_note, &mj_cmd_edit, &mj_cmd_log, &mj_cmd_check,
	&mj_cmd_status, &mj_cmd_agenda, &mj_cmd_actions, &mj_cmd_hours, &mj_cmd_commit,
	&mj_cmd_close, &mj_cmd_extend, &mj_cmd_reopen, &mj_cmd_rename, &mj_cmd_sync, &mj_cmd_pull, &mj_cmd_push, &mj_cmd_remote,
	&mj_cmd_summary, &mj_cmd_report, &mj_cmd_programme, &mj_cmd_hook, &mj_cmd_help,
	&mj_cmd_complete, NULL,
};

static void print_help(FILE *out)
{
	mj_commands_help(mj_commands, mj_cli_width(out), out);
}

/* "'stauts' is not a command; did you mean 'status'?" */
static int not_a_command(const char *name)
{
	const char *names[MJ_ARRAY_SIZE(mj_commands)];
	const char *near;
	size_t n = 0;

	for (size_t i = 0; mj_commands[i]; i++)
		if (!mj_commands[i]->hidden)
			names[n++] = mj_commands[i]->name;
	names[n] = NULL;
	near = mj_suggest(name, names);
	if (near)
		return mj_cli_error("'%s' is not a command; did you mean '%s'?",
				    name, near);
	mj_cli_error("'%s' is not a command", name);
	mj_cli_hint("mjournal --help lists them");
	return MJ_EXIT_USAGE;
}

static int run_help(struct mj_ctx *ctx)
{
	const struct mj_command *cmd;

	if (!ctx->args.operands.len) {
		print_help(stdout);
		return MJ_EXIT_OK;
	}
	cmd = mj_cli_command(ctx->args.operands.items[0]);
	if (!cmd)
		return not_a_command(ctx->args.operands.items[0]);
	mj_command_help(cmd, mj_cli_width(stdout), stdout);
	return MJ_EXIT_OK;
}

const struct mj_command mj_cmd_help = {
	.name = "help",
	.summary = "Show a command's options (the same as mjournal COMMAND "
		   "--help), or list the commands.",
	.operand = "COMMAND", .operand_kind = MJ_ARG_COMMAND,
	.min_operands = 0, .max_operands = 1,
	.options = mj_no_options,
	.run = run_help,
};

/* Standard output must really have been written (a full disk, a pipe). */
static int finish(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "mjournal: cannot write to standard output: %s\n",
			strerror(errno));
		return MJ_EXIT_USAGE;
	}
	return status;
}

int main(int argc, char **argv)
{
	const struct mj_command *cmd;
	int i = 1, status;

	mj_out_init(); /* before any output: the terminal sees no control */
	setlocale(LC_CTYPE, ""); /* the terminal's character set, for tables */
	/* a journal is many small allocations: grow the heap in larger steps
	 * (fewer system calls and page-table updates; memory is not used
	 * until it is touched) */
	mallopt(M_TOP_PAD, 8 << 20);
	while (i < argc && argv[i][0] == '-') {
		if (!strcmp(argv[i], "--version")) {
			return finish(print_version());
		}
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			print_help(stdout);
			return finish(MJ_EXIT_OK);
		}
		if (!strcmp(argv[i], "--no-pager")) {
			mj_cli_no_pager();
			i++;
			continue;
		}
		if (!strcmp(argv[i], "-C") && i + 1 < argc) {
			if (chdir(argv[i + 1]) < 0)
				return mj_cli_error("cannot change to '%s': %s",
						    argv[i + 1], strerror(errno));
			i += 2;
			continue;
		}
		mj_cli_error("unknown option '%s'", argv[i]);
		mj_cli_hint("mjournal --help lists the options and commands");
		return MJ_EXIT_USAGE;
	}
	if (i >= argc) {
		print_help(stderr);
		return MJ_EXIT_USAGE;
	}
	cmd = mj_cli_command(argv[i]);
	if (!cmd)
		return not_a_command(argv[i]);
	status = mj_cli_run(cmd, argc - i, argv + i);
	mj_git_teardown();
	return finish(status);
}
