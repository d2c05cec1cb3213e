/*
 * cmd_hook.c - mjournal hook install: check --staged before plain git
 * commits, and no plain git push to an encrypted remote.
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

/*
 * The hooks mjournal installs: pre-commit checks the staged files,
 * pre-push refuses a plain push to a remote mjournal knows as encrypted.
 */
static char *hook_text(const char *root, const char *which)
{
	struct mj_buf buf = MJ_BUF_INIT;
	char *self = realpath("/proc/self/exe", NULL);
	bool push = !strcmp(which, "pre-push");

	mj_buf_addf(&buf, "#!/bin/sh\n%s\n", HOOK_MARK);
	mj_buf_adds(&buf, push ? "# Refuses to send the journal in plain text to "
				 "a remote\n# mjournal knows as encrypted.\n" :
				 "# Checks the journal's staged files before each "
				 "commit;\n# git commit --no-verify skips it.\n");
	mj_buf_adds(&buf, "mjournal=");
	add_quoted(&buf, self ? self : "mjournal");
	mj_buf_adds(&buf, "\n[ -x \"$mjournal\" ] || mjournal=mjournal\n"
			  "exec \"$mjournal\" -C ");
	add_quoted(&buf, root);
	mj_buf_adds(&buf, push ? " remote check-push \"$1\" \"$2\"\n" :
				 " check --staged\n");
	free(self);
	return mj_buf_detach(&buf);
}

int mj_hook_install(const char *root, const char *which, bool force, bool quiet)
{
	struct mj_repo *repo = NULL;
	char *dir = NULL, *path = NULL, *backup = NULL, *text = NULL, *have = NULL;
	size_t have_len;
	int status = MJ_EXIT_USAGE;

	if (mj_git_open(&repo, root) < 0 || mj_git_hooks_dir(repo, &dir) < 0) {
		mj_cli_error("%s", mj_git_error());
		goto done;
	}
	if (mj_fs_user_folder(dir) < 0) {
		mj_cli_error("cannot make '%s': %s", dir, strerror(errno));
		goto done;
	}
	path = mj_path_join(dir, which);
	text = hook_text(root, which);
	if (mj_fs_read(path, MJ_FILE_SIZE_LIMIT, &have, &have_len) == MJ_READ_OK &&
	    !strstr(have, HOOK_MARK)) {
		if (!force) {
			mj_cli_error("'%s' already exists and is not mjournal's; "
				     "nothing changed there", path);
			if (!strcmp(which, "pre-push"))
				mj_cli_hint("add the line 'mjournal -C %s remote "
					    "check-push \"$1\" \"$2\"' to it yourself, "
					    "or run mjournal hook install --force to "
					    "replace it (it is kept as "
					    "pre-push.before-mjournal)", root);
			else
				mj_cli_hint("add the line 'mjournal -C %s check "
					    "--staged' to it yourself, or run mjournal "
					    "hook install --force to replace it (it is "
					    "kept as pre-commit.before-mjournal)", root);
			goto done;
		}
		backup = mj_xasprintf("%s.before-mjournal", path);
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
	if (!quiet && !strcmp(which, "pre-push"))
		mj_cli_tell("Installed %s: git push refuses to send the journal "
			    "in plain text to an encrypted remote", path);
	else if (!quiet)
		mj_cli_tell("Installed %s: git commit now runs mjournal check "
			    "--staged", path);
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

static int run(struct mj_ctx *ctx)
{
	bool force = mj_arg_given(&ctx->args, "force");
	int status = mj_hook_install(ctx->journal.root, "pre-commit", force, false);

	if (status == MJ_EXIT_OK)
		status = mj_hook_install(ctx->journal.root, "pre-push", force, false);
	return status;
}

static const struct mj_option options[] = {
	{ "force", 0, MJ_ARG_NONE, NULL, NULL, "replace an existing pre-commit "
	  "or pre-push hook (kept as HOOK.before-mjournal)", 0 },
	MJ_OPTIONS_END,
};

const struct mj_command mj_cmd_hook = {
	.name = "hook",
	.summary = "Install git hooks: pre-commit runs mjournal check "
		   "--staged, pre-push refuses a plain push to an encrypted "
		   "remote.",
	.operand = "install", .operand_kind = MJ_ARG_CHOICE,
	.operand_choices = "install",
	.min_operands = 1, .max_operands = 1,
	.options = options,
	.needs = MJ_NEED_JOURNAL,
	.run = run,
};
