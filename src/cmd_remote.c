/*
 * cmd_remote.c - mjournal remote: add a remote (an encrypted one: a hub
 * that cannot read the journal), list and change who may read it, and
 * the check git's pre-push hook runs.
 */
#include "mj_cli.h"
#include "mj_commands.h"
#include "mj_git.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const usage =
	"mjournal remote add [--encrypted --to KEY...] NAME URL | "
	"remote keys NAME [--add KEY] [--remove KEY] | "
	"remote check-push NAME URL";

static int add(struct mj_ctx *ctx, struct mj_repo *repo, const char *name,
	       const char *url)
{
	bool encrypted = mj_arg_given(&ctx->args, "encrypted");
	const struct mj_strvec *keys = mj_arg_values(&ctx->args, "to");
	struct mj_strvec none = MJ_STRVEC_INIT;

	if (!keys)
		keys = &none;
	if (!encrypted && keys->len) {
		mj_cli_error("--to names who may read an encrypted remote: add "
			     "--encrypted");
		return MJ_EXIT_USAGE;
	}
	if (mj_git_remote_add(repo, name, url, encrypted, keys) < 0)
		return mj_cli_error("%s", mj_git_error());
	if (!encrypted) {
		mj_cli_print(stdout, "Added the remote %s\n", name);
		return MJ_EXIT_OK;
	}
	mj_cli_tell("Added the encrypted remote %s: the hub holds only what "
		    "git-remote-gcrypt encrypts for %zu key%s (mjournal remote "
		    "keys %s lists them)", name, keys->len,
		    keys->len == 1 ? "" : "s", name);
	/* git push past mjournal is checked too */
	mj_hook_install(ctx->journal.root, "pre-push", false, true);
	return MJ_EXIT_OK;
}

static int keys(struct mj_ctx *ctx, struct mj_repo *repo, const char *name)
{
	const struct mj_strvec *more = mj_arg_values(&ctx->args, "add");
	const struct mj_strvec *fewer = mj_arg_values(&ctx->args, "remove");
	struct mj_strvec none = MJ_STRVEC_INIT;
	struct mj_gcrypt_key *list = NULL;
	size_t n = 0;
	bool changed;

	more = more ? more : &none;
	fewer = fewer ? fewer : &none;
	changed = more->len || fewer->len;
	if (mj_git_remote_keys(repo, name, more, fewer, &list, &n) < 0)
		return mj_cli_error("%s", mj_git_error());
	if (changed) {
		mj_cli_print(stdout, "Who may read %s from its next push on (what "
			     "others fetched before stays theirs):\n", name);
		/* a clone of an encrypted hub: git push past mjournal is
		 * checked from now on too */
		mj_hook_install(ctx->journal.root, "pre-push", false, true);
	}
	for (size_t i = 0; i < n; i++)
		mj_cli_print(stdout, "%s  %s%s%s%s\n",
			     list[i].fingerprint ? list[i].fingerprint : list[i].key,
			     list[i].uid ? list[i].uid : "?",
			     list[i].problem ? " (" : "",
			     list[i].problem ? list[i].problem : "",
			     list[i].problem ? ")" : "");
	mj_gcrypt_keys_free(list, n);
	return MJ_EXIT_OK;
}

/* The pre-push hook: git's remote and URL, what it pushes on stdin. */
static int check_push(struct mj_repo *repo, const char *name, const char *url)
{
	struct mj_buf updates = MJ_BUF_INIT;
	char buf[4096];
	ssize_t got;
	int status = MJ_EXIT_OK;

	while ((got = read(STDIN_FILENO, buf, sizeof(buf))) > 0 &&
	       updates.len < (1u << 20))
		mj_buf_add(&updates, buf, (size_t)got);
	mj_buf_add(&updates, "", 0);
	if (mj_git_push_allowed(repo, name, url, updates.ptr ? updates.ptr : "") < 0)
		status = mj_cli_error("%s", mj_git_error());
	mj_buf_free(&updates);
	return status;
}

static int run(struct mj_ctx *ctx)
{
	const struct mj_strvec *ops = &ctx->args.operands;
	const char *what = ops->items[0];
	struct mj_repo *repo = NULL;
	int status;

	if (!((!strcmp(what, "add") && ops->len == 3) ||
	      (!strcmp(what, "keys") && ops->len == 2) ||
	      (!strcmp(what, "check-push") && ops->len == 3))) {
		mj_cli_error("usage: %s", usage);
		return MJ_EXIT_USAGE;
	}
	if (strcmp(what, "keys") && (mj_arg_given(&ctx->args, "add") ||
				     mj_arg_given(&ctx->args, "remove"))) {
		mj_cli_error("--add and --remove go with remote keys NAME: run "
			     "mjournal remote keys NAME --add KEY");
		return MJ_EXIT_USAGE;
	}
	if (mj_git_open(&repo, ctx->journal.root) < 0)
		return mj_cli_error("%s", mj_git_error());
	if (!strcmp(what, "add"))
		status = add(ctx, repo, ops->items[1], ops->items[2]);
	else if (!strcmp(what, "keys"))
		status = keys(ctx, repo, ops->items[1]);
	else
		status = check_push(repo, ops->items[1], ops->items[2]);
	mj_git_free(repo);
	return status;
}

static const struct mj_option options[] = {
	{ "encrypted", 0, MJ_ARG_NONE, NULL, NULL, "add: the hub holds the "
	  "journal encrypted (git-remote-gcrypt's format), never plain text", 0 },
	{ "to", 0, MJ_ARG_TEXT, "KEY", NULL, "add --encrypted: a GPG key that "
	  "may read it (yours, your partner's); again for each", MJ_OPT_REPEAT },
	{ "add", 0, MJ_ARG_TEXT, "KEY", NULL, "keys: one more key that may read "
	  "it, from the next push on", MJ_OPT_REPEAT },
	{ "remove", 0, MJ_ARG_TEXT, "KEY", NULL, "keys: a key that may no longer "
	  "read what is pushed from now on", MJ_OPT_REPEAT },
	MJ_OPTIONS_END,
};

const struct mj_command mj_cmd_remote = {
	.name = "remote",
	.summary = "Add a remote (--encrypted: a hub that cannot read the "
		   "journal); list or change who may read an encrypted one.",
	.operand = "add NAME URL | keys NAME", .operand_kind = MJ_ARG_TEXT,
	.min_operands = 2, .max_operands = 3,
	.options = options,
	.needs = MJ_NEED_JOURNAL,
	.run = run,
};
