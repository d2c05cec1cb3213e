/*
 * cli.c - what every command shares.
 */
#include "mj_cli.h"
#include "mj_git.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const struct mj_command *mj_cli_command(const char *name)
{
	for (size_t i = 0; i < mj_command_count; i++)
		if (!strcmp(mj_commands[i].name, name))
			return &mj_commands[i];
	return NULL;
}

int mj_cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("mjournal: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return MJ_EXIT_USAGE;
}

void mj_cli_hint(const char *fmt, ...)
{
	va_list ap;

	fputs("hint: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void mj_cli_usage(const struct mj_command *cmd, FILE *out)
{
	fprintf(out, "usage: mjournal %s %s\n\n%s\n", cmd->name, cmd->usage,
		cmd->summary);
	fprintf(out, "\n%s", cmd->help);
	fputs("    -C DIR              run as if started in DIR\n"
	      "    -h, --help          show this help\n", out);
}

int mj_cli_bad_usage(const char *command)
{
	const struct mj_command *cmd = mj_cli_command(command);

	fprintf(stderr, "usage: mjournal %s %s\n", command, cmd ? cmd->usage : "");
	return MJ_EXIT_USAGE;
}

int mj_cli_common_option(const char *command, int opt, const char *arg,
			 int *status)
{
	switch (opt) {
	case 'C':
		if (chdir(arg) < 0) {
			*status = mj_cli_error("cannot change to '%s': %s", arg,
					       strerror(errno));
			return -1;
		}
		return 0;
	case 'h':
		if (mj_cli_command(command))
			mj_cli_usage(mj_cli_command(command), stdout);
		*status = MJ_EXIT_OK;
		return -1;
	case '?':
	case ':':
		*status = mj_cli_bad_usage(command);
		return -1;
	default:
		return 1;
	}
}

int mj_cli_format_json(const char *arg, bool *json)
{
	if (strcmp(arg, "json") && strcmp(arg, "text"))
		return mj_cli_error("unknown --format '%s'; use text or json", arg);
	*json = !strcmp(arg, "json");
	return 0;
}

bool mj_cli_color(FILE *f)
{
	const char *no = getenv("NO_COLOR");
	const char *term = getenv("TERM");

	if (no && *no)
		return false;
	if (term && !strcmp(term, "dumb"))
		return false;
	return isatty(fileno(f));
}

int mj_cli_today(mj_date *out)
{
	if (mj_date_today(out) == 0)
		return 0;
	mj_cli_error("MJOURNAL_TODAY is not a date in the form YYYY-MM-DD: '%s'",
		     getenv("MJOURNAL_TODAY"));
	return -1;
}

int mj_cli_parse_date(const char *option, const char *text, mj_date *out)
{
	if (mj_date_parse_str(out, text) == 0)
		return 0;
	mj_cli_error("%s '%s' is not a real date in the form YYYY-MM-DD", option,
		     text);
	return -1;
}

int mj_cli_find_root(char **root)
{
	char *cwd;

	if (mj_journal_find_root(".", root) == 0)
		return 0;
	cwd = getcwd(NULL, 0);
	mj_cli_error("not inside a journal: no mjournal.ini in '%s' or any "
		     "folder above it", cwd ? cwd : ".");
	mj_cli_hint("run mjournal init to make one, or -C DIR to use another");
	free(cwd);
	return -1;
}

int mj_cli_load(struct mj_journal *out, const struct mj_strvec *slugs,
		unsigned flags)
{
	struct mj_source src;
	char *root;
	int rc;

	memset(out, 0, sizeof(*out));
	if (mj_cli_find_root(&root) < 0)
		return MJ_EXIT_USAGE;
	for (size_t i = 0; slugs && i < slugs->len; i++) {
		char *path = mj_path_join(root, slugs->items[i]);
		enum mj_file_kind kind;
		bool ok = mj_slug_is_valid(slugs->items[i]) &&
			  mj_fs_kind(path, &kind) == 0 && kind == MJ_KIND_DIR;
		free(path);
		if (!ok) {
			mj_cli_error("no relationship '%s' in this journal",
				     slugs->items[i]);
			free(root);
			return MJ_EXIT_USAGE;
		}
	}
	mj_source_init_fs(&src, root);
	rc = mj_journal_load(out, root, &src, slugs, flags);
	mj_source_free_fs(&src);
	if (rc < 0) {
		mj_cli_error("cannot read the journal at '%s': %s", root,
			     strerror(errno));
		free(root);
		mj_journal_free(out);
		return MJ_EXIT_USAGE;
	}
	free(root);
	return MJ_EXIT_OK;
}

int mj_cli_open(struct mj_journal *out)
{
	struct mj_source src;
	char *root;

	memset(out, 0, sizeof(*out));
	if (mj_cli_find_root(&root) < 0)
		return MJ_EXIT_USAGE;
	mj_source_init_fs(&src, root);
	mj_journal_open(out, root, &src);
	mj_source_free_fs(&src);
	free(root);
	return MJ_EXIT_OK;
}

int mj_cli_lock(const char *root, int *fd)
{
	const char *env = getenv("MJOURNAL_LOCK_WAIT");
	/* wait a little for another writer: two quick commits both succeed */
	long tries = (env && *env ? atol(env) : 5) * 20;

	for (;;) {
		*fd = mj_fs_lock(root);
		if (*fd >= 0)
			return 0;
		if (errno != EWOULDBLOCK || tries-- <= 0)
			break;
		usleep(50 * 1000);
	}
	if (errno == EWOULDBLOCK)
		mj_cli_error("the journal is busy: another mjournal command is "
			     "writing to it; try again in a moment");
	else
		mj_cli_error("cannot lock the journal (.mjournal/lock): %s",
			     strerror(errno));
	return -1;
}

int mj_cli_open_writer(struct mj_journal *journal, enum mj_writer mode,
		       struct mj_repo **repo, int *lock)
{
	int status = mj_cli_open(journal);
	bool commit;

	*repo = NULL;
	*lock = -1;
	if (status != MJ_EXIT_OK)
		return status;
	commit = mode == MJ_WRITER_GIT || journal->config.autocommit;
	if (commit && (mj_git_open(repo, journal->root) < 0 ||
		       mj_git_check_identity(*repo, journal->config.owner.text) < 0))
		return mj_cli_error("%s", mj_git_error());
	if (mj_cli_lock(journal->root, lock) < 0)
		return MJ_EXIT_USAGE;
	return MJ_EXIT_OK;
}
