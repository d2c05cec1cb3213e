/*
 * cli.c - what every command shares.
 */
#include "mj_cli.h"
#include "mj_git.h"
#include "mj_lock.h"
#include "mj_out.h"
#include "mj_report.h"
#include "mj_plan.h"
#include "mj_table.h"
#include "mj_template.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

const struct mj_command *mj_cli_command(const char *name)
{
	for (size_t i = 0; mj_commands[i]; i++)
		if (!strcmp(mj_commands[i]->name, name))
			return mj_commands[i];
	return NULL;
}

size_t mj_cli_width(FILE *out)
{
	size_t width = mj_terminal_width(out);
	return width ? width : 80;
}

/*
 * Writes prefix and fmt's text to out, made visible as a whole after
 * formatting (OpenSSH's fmprintf): a value that came from a journal, a
 * remote or libgit2 never sends a control character to the terminal.
 */
static void print_visible(FILE *out, const char *prefix, const char *fmt,
			  va_list ap)
{
	struct mj_buf text = MJ_BUF_INIT, shown = MJ_BUF_INIT;

	mj_buf_adds(&text, prefix);
	mj_buf_vaddf(&text, fmt, ap);
	mj_buf_adds(&shown, "");
	mj_buf_add_visible(&shown, text.ptr, true);
	fputs(shown.ptr, out);
	mj_buf_free(&text);
	mj_buf_free(&shown);
}

void mj_cli_print(FILE *out, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	print_visible(out, "", fmt, ap);
	va_end(ap);
}

int mj_cli_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	print_visible(stderr, "mjournal: ", fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return MJ_EXIT_USAGE;
}

void mj_cli_hint(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	print_visible(stderr, "hint: ", fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int mj_cli_refuse_uncommitted(struct mj_repo *repo, const char *folder,
			      const char *hint)
{
	struct mj_changes changes;
	size_t n = folder ? strlen(folder) : 0, dirty = 0;

	if (mj_git_status(repo, NULL, &changes) < 0)
		return mj_cli_error("%s", mj_git_error());
	for (size_t i = 0; i < changes.len; i++) {
		const struct mj_change *c = &changes.items[i];
		if (mj_change_never_committed(c) || mj_journal_path_is_own(c->path) ||
		    (folder && (strncmp(c->path, folder, n) || c->path[n] != '/')))
			continue;
		if (!dirty++)
			mj_cli_error("%s has changes that are not committed:",
				     folder ? folder : "the journal");
		char *path = mj_visible(c->path, false);
		fprintf(stderr, "  %-11s %s\n", mj_change_kind_name(c->kind), path);
		free(path);
	}
	mj_changes_free(&changes);
	if (!dirty)
		return MJ_EXIT_OK;
	mj_cli_hint("%s", hint);
	return MJ_EXIT_FAILED;
}

static pid_t pager_pid = -1;

static void wait_for_pager(void)
{
	mj_out_flush();
	close(STDOUT_FILENO); /* the pager sees the end of its input */
	waitpid(pager_pid, NULL, 0);
}

void mj_cli_pager(void)
{
	const char *env = getenv("MJOURNAL_PAGER");
	char *config = NULL;
	const char *pager;
	int fds[2];

	if (pager_pid >= 0 || !isatty(STDOUT_FILENO))
		return;
	if (!env) {
		config = mj_git_config_string(".", "core.pager");
		env = config ? config : getenv("PAGER");
	}
	pager = env ? env : "less";
	if (!*pager || !strcmp(pager, "cat") || pipe(fds) < 0) {
		free(config);
		return;
	}
	setenv("LESS", "FRX", 0);
	setenv("LV", "-c", 0);
	fflush(stdout);
	pager_pid = fork();
	if (pager_pid == 0) {
		dup2(fds[0], STDIN_FILENO);
		close(fds[0]);
		close(fds[1]);
		execl("/bin/sh", "sh", "-c", pager, (char *)NULL);
		_exit(127);
	}
	if (pager_pid > 0) {
		dup2(fds[1], STDOUT_FILENO);
		atexit(wait_for_pager);
	}
	close(fds[0]);
	close(fds[1]);
	free(config);
}

bool mj_cli_color(FILE *f)
{
	const char *no = getenv("NO_COLOR");
	const char *term = getenv("TERM");

	if (no && *no)
		return false;
	if (term && !strcmp(term, "dumb"))
		return false;
	return isatty(mj_out_fd(f));
}

/* Today (MJOURNAL_TODAY or the system date); prints an error on failure. */
static int today(mj_date *out)
{
	if (mj_date_today(out) == 0)
		return 0;
	mj_cli_error("MJOURNAL_TODAY is not a date in the form YYYY-MM-DD: '%s'",
		     getenv("MJOURNAL_TODAY"));
	return -1;
}

/* What to do about part, a link or an odd file in the journal's way. */
static void hint_for(const char *part)
{
	if (mj_journal_path_in(part, MJ_JOURNAL_OWN_DIR))
		mj_cli_hint("everything under .mjournal/ is mjournal's own (its "
			    "lock, cache and report) and is made again when "
			    "missing; if a commit brought it, take it out of git "
			    "too: git rm -r --cached .mjournal");
	else if (mj_journal_path_in(part, MJ_JOURNAL_TEMPLATES_DIR))
		mj_cli_hint("put the template itself there, or remove it to use "
			    "the built-in one");
}

int mj_cli_journal_error(const char *root, const char *rel,
			 enum mj_file_kind want, const char *doing)
{
	int err = errno;
	enum mj_file_kind kind = want, expected;
	char *part;

	if (!mj_jfs_path_ok(rel))
		return mj_cli_error("cannot %s '%s': mjournal never uses such a "
				    "name inside a journal (a control character, "
				    "'..' or .git in it)", doing, rel);
	part = mj_jfs_culprit(root, rel, &kind);
	expected = part && !strcmp(part, rel) ? want : MJ_KIND_DIR;
	if (!part || kind == expected) {
		mj_cli_error("cannot %s '%s': %s", doing, rel, strerror(err));
	} else {
		if (kind == MJ_KIND_LINK)
			mj_cli_error("%s is a symbolic link, and mjournal never "
				     "reads or writes through a link inside a "
				     "journal: remove it (rm %s) and run the "
				     "command again", part, part);
		else
			mj_cli_error("%s is %s where mjournal expects %s: move it "
				     "out of the way and run the command again",
				     part, mj_fs_kind_name(kind),
				     mj_fs_kind_name(expected));
		hint_for(part);
	}
	free(part);
	return MJ_EXIT_USAGE;
}

int mj_cli_template(const char *root, const char *name, char **out)
{
	char *rel;

	if (mj_template_load(root, name, out) == 0)
		return 0;
	rel = mj_template_file(name);
	mj_cli_journal_error(root, rel, MJ_KIND_FILE, "read the template");
	free(rel);
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
		enum mj_file_kind kind;
		bool ok = mj_slug_is_valid(slugs->items[i]) &&
			  mj_jfs_kind(root, slugs->items[i], &kind) == 0 &&
			  kind == MJ_KIND_DIR;
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

/* Finds the journal and reads only its settings; as mj_cli_load. */
static int open_settings(struct mj_journal *out)
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

static int lock_root(const char *root, const char *owner, int *fd);

/*
 * Under the journal's lock: a sync that was interrupted while it brought
 * files in is finished or undone before anything else, said in one line.
 * -1 (the lock released) when it cannot be.
 */
static int recover_sync(const char *root, int *fd)
{
	char *said = NULL;

	if (!mj_git_sync_interrupted(root))
		return 0;
	if (mj_git_sync_recover(root, &said) < 0) {
		mj_cli_error("%s", mj_git_error());
		mj_lock_release_journal(*fd);
		*fd = -1;
		return -1;
	}
	if (said)
		mj_cli_print(stderr, "mjournal: %s\n", said);
	free(said);
	return 0;
}

void mj_cli_finish_sync(void)
{
	char *root = NULL;
	int fd;

	if (mj_journal_find_root(".", &root) == 0 &&
	    mj_git_sync_interrupted(root) && lock_root(root, NULL, &fd) == 0)
		mj_lock_release_journal(fd);
	free(root);
}

int mj_cli_lock(const struct mj_journal *journal, int *fd)
{
	return lock_root(journal->root, journal->config.owner.text, fd);
}

/* mj_cli_lock for the journal at root; owner may be NULL */
static int lock_root(const char *root, const char *owner, int *fd)
{
	/* wait a little for another writer: two quick commits both succeed */
	long tries = (long)(mj_lock_wait() * 20);
	struct mj_lock_holder other;
	char *who;

	for (;;) {
		*fd = mj_lock_journal(root, &other);
		if (*fd >= 0) {
			if (other.pid)
				mj_lock_say_taken_over(".mjournal/lock", &other);
			/* what a killed run began, finished first: a sync
			 * that was bringing files in, then a plan */
			if (recover_sync(root, fd) < 0)
				return -1;
			if (mj_plan_finish(root, owner) == 0)
				return 0;
			mj_lock_release_journal(*fd);
			*fd = -1;
			return -1;
		}
		if (errno != EWOULDBLOCK || tries-- <= 0)
			break;
		usleep(50 * 1000);
	}
	if (errno != EWOULDBLOCK) {
		mj_cli_journal_error(root, ".mjournal/lock", MJ_KIND_FILE,
				     "lock the journal with");
		return -1;
	}
	who = other.pid ? mj_lock_holder_text(&other) :
			  mj_xstrdup("another mjournal command");
	mj_cli_error("the journal is busy: %s is writing to it; try again in a "
		     "moment", who);
	free(who);
	return -1;
}

/*
 * What a command that writes needs first: the journal's settings, its
 * repository and an identity to commit with (always, or only when the
 * journal's autocommit is on; else *repo is NULL), and the journal's lock
 * (*lock).  Returns MJ_EXIT_OK or the exit status after printing why; the
 * caller frees what it got in any case.
 */
static int open_writer(struct mj_journal *journal, bool always_git,
		       struct mj_repo **repo, int *lock)
{
	int status = open_settings(journal);
	bool commit;

	*repo = NULL;
	*lock = -1;
	if (status != MJ_EXIT_OK)
		return status;
	commit = always_git || journal->config.autocommit;
	if (commit && (mj_git_open(repo, journal->root) < 0 ||
		       mj_git_check_identity(*repo, journal->config.owner.text) < 0))
		return mj_cli_error("%s", mj_git_error());
	if (mj_cli_lock(journal, lock) < 0)
		return MJ_EXIT_USAGE;
	return MJ_EXIT_OK;
}

int mj_cli_become_writer(struct mj_ctx *ctx, unsigned flags)
{
	struct mj_journal *journal = &ctx->journal;

	if (journal->config.autocommit &&
	    (mj_git_open(&ctx->repo, journal->root) < 0 ||
	     mj_git_check_identity(ctx->repo, journal->config.owner.text) < 0))
		return mj_cli_error("%s", mj_git_error());
	if (mj_cli_lock(journal, &ctx->lock) < 0)
		return MJ_EXIT_USAGE;
	/* read again under the lock: what is checked is what is written */
	mj_journal_free(journal);
	return mj_cli_load(journal, NULL, flags);
}

/* Is the file under root still as it was read (NULL: absent). */
static bool still(const char *root, const struct mj_edit *e)
{
	return mj_plan_file_is(root, e->file, e->old, e->old_len);
}

static void put_back(const char *root, const struct mj_edit *edits, size_t n)
{
	for (size_t i = 0; i < n; i++)
		mj_jfs_restore(root, edits[i].file, edits[i].old,
			       edits[i].old_len);
}

int mj_cli_apply(struct mj_ctx *ctx, const struct mj_edit *edits, size_t n,
		 const char *message, bool *committed)
{
	struct mj_journal *journal = &ctx->journal;
	struct mj_repo *repo = ctx->repo;
	struct mj_strvec paths = MJ_STRVEC_INIT;
	bool own_lock = ctx->lock < 0;
	size_t written = 0;
	int lock = ctx->lock, status = MJ_EXIT_USAGE;

	*committed = false;
	if (own_lock) {
		if (journal->config.autocommit &&
		    (mj_git_open(&repo, journal->root) < 0 ||
		     mj_git_check_identity(repo, journal->config.owner.text) < 0)) {
			mj_cli_error("%s", mj_git_error());
			goto done;
		}
		if (mj_cli_lock(journal, &lock) < 0)
			goto done;
	}
	for (size_t i = 0; i < n; i++)
		if (!still(journal->root, &edits[i])) {
			mj_cli_error("%s changed while mjournal was reading it; "
				     "nothing written, run the command again",
				     edits[i].file);
			goto done;
		}
	if (mj_plan_edits(journal->root, edits, n,
				 repo && journal->config.autocommit ?
				 message : NULL) < 0)
		goto done;
	for (; written < n; written++) {
		if (mj_jfs_write(journal->root, edits[written].file,
				 edits[written].text, edits[written].len,
				 MJ_WRITE_REPLACE) < 0) {
			mj_cli_journal_error(journal->root, edits[written].file,
					     MJ_KIND_FILE, "write");
			put_back(journal->root, edits, written);
			mj_plan_drop_edits(journal->root);
			goto done;
		}
		if (!edits[written].private &&
		    !mj_note_name_is_private(edits[written].file))
			mj_strvec_push(&paths, edits[written].file);
	}
	if (repo && journal->config.autocommit && paths.len &&
	    mj_git_commit_paths(repo, &paths, message, journal->config.owner.text,
				committed) < 0) {
		mj_cli_error("%s", mj_git_error());
		if (!*committed) {
			put_back(journal->root, edits, n);
			mj_cli_hint("nothing changed");
		}
		mj_plan_drop_edits(journal->root);
		goto done;
	}
	if (mj_plan_edits_done(journal->root) < 0)
		goto done;
	status = MJ_EXIT_OK;
done:
	if (own_lock) {
		mj_lock_release_journal(lock);
		mj_git_free(repo);
	}
	mj_strvec_free(&paths);
	return status;
}

/* Says why dir (under root; the user's own path when root is NULL) or
 * the file name in it could not be written; MJ_EXIT_USAGE. */
static int pages_error(const char *root, const char *dir, const char *name)
{
	char *path = name ? mj_path_join(dir, name) : mj_xstrdup(dir);
	enum mj_file_kind kind;
	int err = errno;

	if (root)
		mj_cli_journal_error(root, path, name ? MJ_KIND_FILE : MJ_KIND_DIR,
				     name ? "write" : "make");
	else if (mj_fs_kind(path, &kind) == 0 && kind == MJ_KIND_LINK)
		mj_cli_error("'%s' is a symbolic link, and mjournal never writes "
			     "through a link: %s", path, name ? "remove it" :
			     "give the folder it points to");
	else
		mj_cli_error("cannot %s '%s': %s", name ? "write" : "make", path,
			     strerror(err));
	free(path);
	return MJ_EXIT_USAGE;
}

int mj_cli_write_pages(const struct mj_report *report, const char *root,
		       const char *dir)
{
	int fd = root ? mj_jfs_open_dir(root, dir, true) :
			mj_fs_open_dir(dir, true);
	int status = MJ_EXIT_OK;

	if (fd < 0)
		return pages_error(root, dir, NULL);
	for (size_t i = 0; i < report->len && status == MJ_EXIT_OK; i++) {
		/* no control byte in a page: one a journal holds is shown as
		 * on a terminal (^[), never sent to whoever reads the page's
		 * source with cat or less */
		const char *text = report->pages[i].text;
		struct mj_buf page = MJ_BUF_INIT;

		mj_buf_add_visible_bytes(&page, text, strlen(text),
					 MJ_VISIBLE_LINES);
		if (mj_fs_write_at(fd, report->pages[i].name, page.ptr, page.len,
				   MJ_WRITE_REPLACE) < 0)
			status = pages_error(root, dir, report->pages[i].name);
		mj_buf_free(&page);
	}
	close(fd);
	return status;
}

/* The error, the usage line and where the help is; MJ_EXIT_USAGE. */
static int usage_error(const struct mj_command *cmd, const char *why)
{
	struct mj_buf b = MJ_BUF_INIT;
	char *usage = mj_command_usage(cmd);

	mj_cli_error("%s", why);
	mj_buf_adds(&b, "usage: ");
	mj_wrap(&b, usage, 7, 8, mj_cli_width(stderr));
	fprintf(stderr, "%s\n", b.ptr);
	mj_cli_hint("mjournal help %s shows every option", cmd->name);
	mj_buf_free(&b);
	free(usage);
	return MJ_EXIT_USAGE;
}

static int set_up(struct mj_ctx *ctx)
{
	unsigned needs = ctx->cmd->needs;
	bool slugs = ctx->cmd->operand_kind == MJ_ARG_SLUG ||
		     ctx->cmd->operand_kind == MJ_ARG_ACTIVE;
	/* a command that writes commits: git's status reuses the listing */
	unsigned flags = (needs & MJ_NEED_TEXT ? MJ_LOAD_TEXT : 0) |
			 (needs & MJ_NEED_WRITER ? MJ_LOAD_WALK : 0);
	int status;

	if (ctx->args.chdir && chdir(ctx->args.chdir) < 0)
		return mj_cli_error("cannot change to '%s': %s", ctx->args.chdir,
				    strerror(errno));
	if ((needs & MJ_NEED_TODAY) && today(&ctx->today) < 0)
		return MJ_EXIT_USAGE;
	if (needs & MJ_NEED_WRITER) {
		status = open_writer(&ctx->journal, needs & MJ_NEED_GIT,
				     &ctx->repo, &ctx->lock);
		if (status != MJ_EXIT_OK || !(needs & MJ_NEED_MODEL))
			return status;
		/* read under the lock: what is checked is what is written */
		mj_journal_free(&ctx->journal);
	}
	if ((needs & MJ_NEED_MODEL) && slugs && ctx->cmd->slug_operands) {
		/* only the leading operands are slugs (edit SLUG [DATE|FILE]) */
		struct mj_strvec only = MJ_STRVEC_INIT;
		for (size_t i = 0; i < ctx->args.operands.len &&
				   i < ctx->cmd->slug_operands; i++)
			mj_strvec_push(&only, ctx->args.operands.items[i]);
		status = mj_cli_load(&ctx->journal, &only, flags);
		mj_strvec_free(&only);
		return status;
	}
	if (needs & MJ_NEED_MODEL)
		return mj_cli_load(&ctx->journal, slugs ? &ctx->args.operands : NULL,
				   flags);
	if (needs & MJ_NEED_JOURNAL)
		return open_settings(&ctx->journal);
	return MJ_EXIT_OK;
}

int mj_cli_run(const struct mj_command *cmd, int argc, char **argv)
{
	struct mj_ctx ctx;
	struct mj_buf err = MJ_BUF_INIT;
	int status;

	memset(&ctx, 0, sizeof(ctx));
	ctx.cmd = cmd;
	ctx.lock = -1;
	ctx.today = MJ_DATE_NONE;
	if (mj_args_parse(&ctx.args, cmd, argc, argv, &err) < 0) {
		status = usage_error(cmd, err.ptr);
	} else if (ctx.args.help) {
		mj_command_help(cmd, mj_cli_width(stdout), stdout);
		status = MJ_EXIT_OK;
	} else {
		mj_trace("%s", cmd->name);
		status = set_up(&ctx);
		mj_trace("set up");
		if (status == MJ_EXIT_OK)
			status = cmd->run(&ctx);
		mj_trace("ran");
	}
	mj_lock_release_journal(ctx.lock);
	mj_git_free(ctx.repo);
	mj_journal_free(&ctx.journal);
	mj_args_free(&ctx.args);
	mj_buf_free(&err);
	return status;
}
