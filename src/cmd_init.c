/*
 * cmd_init.c - mjournal init: make a folder a journal.
 */
#include "mj_cli.h"
#include "mj_commands.h"
#include "mj_git.h"
#include "mj_template.h"

#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * Adds the journal's ignore lines to .gitignore, keeping what it has.
 * *written says whether it wrote; *old (caller frees) is what the file
 * held before, NULL when there was none.
 */
static int write_gitignore(const char *root, bool *written, char **old,
			   size_t *old_len)
{
	char *ours = mj_template_builtin("gitignore");
	char *have = NULL;
	size_t len = 0;
	struct mj_buf next = MJ_BUF_INIT;
	int rc = 0;

	*written = false;
	if (mj_jfs_read(root, ".gitignore", MJ_FILE_SIZE_LIMIT, &have,
			&len) != MJ_READ_OK) {
		have = NULL;
		len = 0;
	}
	if (have)
		mj_buf_add(&next, have, len);
	if (!have || !strstr(have, "*.private.md") || !strstr(have, ".mjournal/") ||
	    !strstr(have, "*.mjournal-tmp-*")) {
		if (next.len && next.ptr[next.len - 1] != '\n')
			mj_buf_adds(&next, "\n");
		mj_buf_adds(&next, ours);
		rc = mj_jfs_write(root, ".gitignore", next.ptr, next.len,
				  MJ_WRITE_REPLACE);
		*written = rc == 0;
	}
	mj_buf_free(&next);
	*old = have;
	*old_len = len;
	free(ours);
	return rc;
}

static int run(struct mj_ctx *ctx)
{
	const char *dir = ctx->args.operands.len ? ctx->args.operands.items[0] : ".";
	const char *name = mj_arg_value(&ctx->args, "name");
	const char *owner = mj_arg_value(&ctx->args, "owner");
	char *root = NULL, *found = NULL, *person = NULL;
	char *text = NULL, *base_copy = NULL, *template = NULL, *old_ignore = NULL;
	size_t old_ignore_len = 0;
	struct mj_repo *repo = NULL;
	struct mj_strvec paths = MJ_STRVEC_INIT;
	bool created, gitignore_written = false, committed;
	int status = MJ_EXIT_USAGE;

	if (mj_fs_user_folder(dir) < 0)
		return mj_cli_error("cannot make the folder '%s': %s", dir,
				    strerror(errno));
	root = realpath(dir, NULL);
	if (!root)
		return mj_cli_error("cannot use '%s': %s", dir, strerror(errno));
	if (mj_journal_find_root(root, &found) == 0) {
		if (!strcmp(found, root))
			mj_cli_error("'%s' is already a journal", root);
		else
			mj_cli_error("'%s' is inside the journal '%s'; a journal "
				     "cannot hold another", root, found);
		goto done;
	}
	mj_git_default_person(root, &person);
	if (!owner)
		owner = person;
	if (!owner) {
		mj_cli_error("no owner for the journal and no identity for git");
		mj_cli_hint("run git config --global user.name 'Your Name' and "
			    "git config --global user.email you@example.org, or "
			    "pass --owner 'Name <email>'");
		goto done;
	}
	if (strpbrk(owner, "\n\r;") || (name && strpbrk(name, "\n\r;"))) {
		mj_cli_error("the owner and name must be one line without ';'");
		goto done;
	}
	base_copy = mj_xstrdup(root);
	if (!name)
		name = basename(base_copy);

	if (mj_git_init(root, &created) < 0) {
		mj_cli_error("%s", mj_git_error());
		goto done;
	}
	template = mj_template_builtin("mjournal.ini");
	text = mj_template_fill(template, (const char *const[]){
		"name", name, "owner", owner, NULL });
	if (mj_jfs_write(root, "mjournal.ini", text, strlen(text),
			 MJ_WRITE_NEW) < 0) {
		mj_cli_journal_error(root, "mjournal.ini", MJ_KIND_FILE, "write");
		goto done;
	}
	if (write_gitignore(root, &gitignore_written, &old_ignore,
			    &old_ignore_len) < 0) {
		mj_cli_journal_error(root, ".gitignore", MJ_KIND_FILE, "write");
		goto undo;
	}
	mj_strvec_push(&paths, "mjournal.ini");
	mj_strvec_push(&paths, ".gitignore");
	if (mj_git_open(&repo, root) < 0 ||
	    mj_git_commit_paths(repo, &paths, "Start the journal\n", owner,
				&committed) < 0) {
		mj_cli_error("%s", mj_git_error());
		goto undo;
	}
	printf("Started the journal '%s' in %s%s\n", name, root,
	       created ? " (a new git repository)" : "");
	printf("Next: mjournal new SLUG --mentor 'Name <email>' --mentee 'Name "
	       "<email>'\n");
	status = MJ_EXIT_OK;
	goto done;
undo:
	/* a failed init leaves no half-made journal behind */
	mj_jfs_remove(root, "mjournal.ini");
	if (gitignore_written)
		mj_jfs_restore(root, ".gitignore", old_ignore, old_ignore_len);
done:
	mj_git_free(repo);
	mj_strvec_free(&paths);
	free(template);
	free(text);
	free(base_copy);
	free(old_ignore);
	free(person);
	free(found);
	free(root);
	return status;
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
