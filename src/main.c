/*
 * main.c - mjournal's entry point and its table of commands.
 */
#include "mj_cli.h"
#include "mj_commands.h"
#include "mj_git.h"

#include <errno.h>
#include <locale.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef MJ_VERSION
#define MJ_VERSION "unknown"
#endif

const struct mj_command mj_commands[] = {
	{ "init", cmd_init, "[DIR] [--name NAME] [--owner 'NAME <EMAIL>']",
	  "Make DIR (default: here) a journal: a git repository, mjournal.ini, "
	  ".gitignore, a first commit.",
	  "    --name NAME         the journal's name (default: the folder's)\n"
	  "    --owner P           who keeps it (default: git's user.name/email)\n" },
	{ "new", cmd_new,
	  "SLUG --mentor P --mentee P [--mentee P...] [--type T] [--started D] "
	  "[--ends D] [--cadence C]",
	  "Start a relationship from the agreement template and commit it.",
	  "    --mentor P          the mentor, as 'Name <email>'\n"
	  "    --mentee P          a mentee; repeat for group mentoring\n"
	  "    --type T            one-to-one, group, peer or reverse\n"
	  "    --started D         first day (default: today)\n"
	  "    --ends D            last day (default: six months after started)\n"
	  "    --cadence C         gap between meetings, Nd or Nw (default: 14d)\n" },
	{ "note", cmd_note, "SLUG [--date D] [--stage S] [--title WORDS] [--no-edit]",
	  "Write a session note from the stage's template in your editor, check "
	  "it, commit it.",
	  "    --date D            the session's date (default: today)\n"
	  "    --stage S           preparing, negotiating, enabling, closing or\n"
	  "                        follow-up (default: the cycle's next stage)\n"
	  "    --title WORDS       the note's title, also used in its file name\n"
	  "    --no-edit           write the note without opening an editor\n" },
	{ "log", cmd_log, "[SLUG]",
	  "The timeline of sessions: date, stage, attendance, title.",
	  "" },
	{ "check", cmd_check, "[SLUG...] [--strict] [--staged] [--format json]",
	  "Validate the mentoring cycle; diagnostics in GCC's form.",
	  "    --strict            warnings fail too (exit 1)\n"
	  "    --staged            check what is in the git index\n"
	  "    --format FORMAT     text (default) or json\n" },
	{ "status", cmd_status, "[SLUG...] [--all] [--format json]",
	  "Where each relationship stands, most urgent first; then what is not "
	  "committed.",
	  "    --all               show ended relationships too\n"
	  "    --format FORMAT     text (default) or json\n" },
	{ "actions", cmd_actions,
	  "[--open] [--overdue] [--owner NAME] [--format json]",
	  "Action items across the journal, overdue first.",
	  "    --open              only open actions\n"
	  "    --overdue           only open actions past their due date\n"
	  "    --owner NAME        only NAME's actions ('Sam' or 'Sam Roe')\n"
	  "    --format FORMAT     text (default) or json\n" },
	{ "hours", cmd_hours, "[--since D] [--until D] [--format csv|md|json]",
	  "Hours of mentoring practice from held sessions, per relationship and "
	  "in total.",
	  "    --since D           from this day (inclusive)\n"
	  "    --until D           to this day (inclusive)\n"
	  "    --format FORMAT     text (default), csv, md or json\n" },
	{ "commit", cmd_commit, "[-m MSG] [--no-verify]",
	  "Check, then commit every change inside the journal (never a private "
	  "note) with a message that says what changed.",
	  "    -m, --message MSG   the commit message (default: what changed)\n"
	  "    --no-verify         commit even when check finds errors\n" },
	{ "close", cmd_close, "SLUG [--date D] [--early --reason TEXT]",
	  "Close a relationship: check the closing criteria, write status and "
	  "closed, summary.md, commit and tag SLUG/closed.",
	  "    --date D            the closing day (default: today)\n"
	  "    --early             end early, without fault (no closing session)\n"
	  "    --reason TEXT       why it ends early (with --early)\n" },
	{ "sync", cmd_sync, "[REMOTE]",
	  "Fetch, bring in the remote's changes (fast-forward, or a merge when "
	  "both sides wrote), then push.",
	  "    REMOTE              default: the branch's upstream, else origin\n" },
	{ "pull", cmd_pull, "[REMOTE]",
	  "Fetch and bring in the remote's changes, without pushing.",
	  "    REMOTE              default: the branch's upstream, else origin\n" },
	{ "push", cmd_push, "[REMOTE]",
	  "Push the journal's branch (setting its upstream the first time).",
	  "    REMOTE              default: the branch's upstream, else origin\n" },
	{ "summary", cmd_summary,
	  "SLUG [--format md|html|man|latex|xml] [-o FILE] [--include-private]",
	  "A relationship's summary: parties, term, goals, stages, sessions, "
	  "actions, outcomes, feedback and learning.",
	  "    --format FORMAT     md (default), html, man, latex or xml\n"
	  "    -o, --output FILE   write to FILE instead of standard output\n"
	  "    --include-private   quote private notes too\n" },
	{ "report", cmd_report, "[-o DIR]",
	  "A static HTML report of the whole journal: an index and a page per "
	  "relationship, with timelines; private notes left out.",
	  "    -o, --output DIR    where to write it (default: .mjournal/report)\n" },
	{ "hook", cmd_hook, "install [--force]",
	  "Install a git pre-commit hook that runs mjournal check --staged.",
	  "    --force             replace an existing pre-commit hook (kept as\n"
	  "                        pre-commit.before-mjournal)\n" },
};

const size_t mj_command_count = MJ_ARRAY_SIZE(mj_commands);

static void print_help(FILE *out)
{
	fputs("usage: mjournal [-C DIR] [--version] [--help] COMMAND [ARGS]\n\n"
	      "Mentoring relationships as plain text in git.\n\ncommands:\n",
	      out);
	for (size_t i = 0; i < mj_command_count; i++)
		fprintf(out, "    %-8s %s\n", mj_commands[i].name,
			mj_commands[i].summary);
	fputs("\nmjournal COMMAND --help shows a command's options.\n", out);
}

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

	setlocale(LC_CTYPE, ""); /* the terminal's character set, for tables */
	/* a journal is many small allocations: grow the heap in larger steps
	 * (fewer system calls and page-table updates; memory is not used
	 * until it is touched) */
	mallopt(M_TOP_PAD, 8 << 20);
	while (i < argc && argv[i][0] == '-') {
		if (!strcmp(argv[i], "--version")) {
			printf("mjournal %s\n", MJ_VERSION);
			return finish(MJ_EXIT_OK);
		}
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			print_help(stdout);
			return finish(MJ_EXIT_OK);
		}
		if (!strcmp(argv[i], "-C") && i + 1 < argc) {
			if (chdir(argv[i + 1]) < 0)
				return mj_cli_error("cannot change to '%s': %s",
						    argv[i + 1], strerror(errno));
			i += 2;
			continue;
		}
		mj_cli_error("unknown option '%s'", argv[i]);
		print_help(stderr);
		return MJ_EXIT_USAGE;
	}
	if (i >= argc) {
		print_help(stderr);
		return MJ_EXIT_USAGE;
	}
	cmd = mj_cli_command(argv[i]);
	if (!cmd) {
		mj_cli_error("'%s' is not a command; see mjournal --help", argv[i]);
		return MJ_EXIT_USAGE;
	}
	mj_git_setup();
	status = cmd->run(argc - i, argv + i);
	mj_git_teardown();
	return finish(status);
}
