/*
 * cmd_hook.c - mjournal hook install: check --staged before plain git commits.
 */
#include "mj_cli.h"
#include "mj_commands.h"
#include "mj_git.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define HOOK_MARK "# installed by mjournal hook install"

/* Single-quotes s for the shell. */
static void add_quoted(struct mj_buf *buf, const char *s)
{
	mj_buf_adds(buf, "'");
	for (; *s; s++) {
		if (*s == '\'')
			mj_buf_adds(buf, "'\\''");
		else
			mj_buf_add(buf, s, 1);
	}
	mj_buf_adds(buf, "'");
}

static char *hook_text(const char *root)
{
	struct mj_buf buf = MJ_BUF_INIT;
	char *self = realpath("/proc/self/exe", NULL);

	mj_buf_addf(&buf, "#!/bin/sh\n%s\n", HOOK_MARK);
	mj_buf_adds(&buf, "# Checks the journal's staged files before each "
			  "commit; git commit --no-verify skips it.\n");
	mj_buf_adds(&buf, "mjournal=");
	add_quoted(&buf, self ? self : "mjournal");
	mj_buf_adds(&buf, "\n[ -x \"$mjournal\" ] || mjournal=mjournal\n"
			  "exec \"$mjournal\" -C ");
	add_quoted(&buf, root);
	mj_buf_adds(&buf, " check --staged\n");
	free(self);
	return mj_buf_detach(&buf);
}

static int run(struct mj_ctx *ctx)
{
	const struct mj_journal *journal = &ctx->journal;
	struct mj_repo *repo = NULL;
	char *dir = NULL, *path = NULL, *backup = NULL, *text = NULL, *have = NULL;
	size_t have_len;
	bool force = mj_arg_given(&ctx->args, "force");
	int status = MJ_EXIT_USAGE;

	if (mj_git_open(&repo, journal->root) < 0 ||
	    mj_git_hooks_dir(repo, &dir) < 0) {
		mj_cli_error("%s", mj_git_error());
		goto done;
	}
	if (mj_fs_user_folder(dir) < 0) {
		mj_cli_error("cannot make '%s': %s", dir, strerror(errno));
		goto done;
	}
	path = mj_path_join(dir, "pre-commit");
	text = hook_text(journal->root);
	if (mj_fs_read(path, MJ_FILE_SIZE_LIMIT, &have, &have_len) == MJ_READ_OK &&
	    !strstr(have, HOOK_MARK)) {
		if (!force) {
			mj_cli_error("'%s' already exists and is not mjournal's; "
				     "nothing changed", path);
			mj_cli_hint("add the line 'mjournal -C %s check --staged' "
				    "to it yourself, or run mjournal hook install "
				    "--force to replace it (it is kept as "
				    "pre-commit.before-mjournal)", journal->root);
			goto done;
		}
		backup = mj_path_join(dir, "pre-commit.before-mjournal");
		if (mj_fs_write(backup, have, have_len, MJ_WRITE_NEW) < 0) {
			mj_cli_error("cannot keep the old hook as '%s': %s", backup,
				     strerror(errno));
			goto done;
		}
		printf("Kept the old hook as %s\n", backup);
	}
	if (mj_fs_write(path, text, strlen(text), MJ_WRITE_REPLACE) < 0 ||
	    chmod(path, 0755) < 0) {
		mj_cli_error("cannot write '%s': %s", path, strerror(errno));
		goto done;
	}
	printf("Installed %s: git commit now runs mjournal check --staged\n", path);
	status = MJ_EXIT_OK;
done:
	mj_git_free(repo);
	free(dir);
	free(path);
	free(backup);
	free(text);
	free(have);
	return status;
}

static const struct mj_option options[] = {
	{ "force", 0, MJ_ARG_NONE, NULL, NULL, "replace an existing pre-commit "
	  "hook (kept as pre-commit.before-mjournal)", 0 },
	MJ_OPTIONS_END,
};

const struct mj_command mj_cmd_hook = {
	.name = "hook",
	.summary = "Install a git pre-commit hook that runs mjournal check "
		   "--staged.",
	.operand = "install", .operand_kind = MJ_ARG_CHOICE,
	.operand_choices = "install",
	.min_operands = 1, .max_operands = 1,
	.options = options,
	.needs = MJ_NEED_JOURNAL,
	.run = run,
};
