/*
 * cli.c - what every command shares.
 */
#include "mj_cli.h"
#include "mj_git.h"
#include "mj_lock.h"
#include "mj_report.h"
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

static pid_t pager_pid = -1;

static void wait_for_pager(void)
{
	fflush(stdout);
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
	return isatty(fileno(f));
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

/*
 * Starting relationships, all or nothing.  Each agreement is written under
 * .mjournal/start/new/SLUG first (mjournal's own folder, never in git);
 * then the plan (.mjournal/start/plan) is written, flushed, which says
 * what to move and the commit to make; then the folders are moved into
 * place and committed, and the plan and the staging folder removed.  A
 * run killed before the plan leaves nothing in the journal; one killed
 * after it is finished by the next command that writes
 * (finish_start): the plan is the point of no return.
 */
#define START_DIR MJ_JOURNAL_OWN_DIR "/start"
#define START_NEW START_DIR "/new"
#define START_PLAN START_DIR "/plan"
#define START_HEADER "mjournal start 1\n"

struct start_plan {
	struct mj_strvec slugs;
	char *message; /* NULL: nothing to commit */
};

static char *staged_path(const char *slug)
{
	return mj_path_join(START_NEW, slug);
}

/* The plan: the header, one slug a line, an empty line, the message. */
static char *plan_text(const struct mj_strvec *slugs, const char *message)
{
	struct mj_buf b = MJ_BUF_INIT;

	mj_buf_adds(&b, START_HEADER);
	for (size_t i = 0; i < slugs->len; i++)
		mj_buf_addf(&b, "%s\n", slugs->items[i]);
	mj_buf_addf(&b, "\n%s", message ? message : "");
	return mj_buf_detach(&b);
}

/* Reads the plan text back; -1 when it is not one mjournal wrote. */
static int plan_parse(struct start_plan *plan, const char *text)
{
	const char *p = text;

	memset(plan, 0, sizeof(*plan));
	if (strncmp(p, START_HEADER, strlen(START_HEADER)))
		return -1;
	p += strlen(START_HEADER);
	while (*p && *p != '\n') {
		const char *nl = strchr(p, '\n');
		char *slug = nl ? mj_xstrndup(p, (size_t)(nl - p)) : NULL;

		if (!slug || !mj_slug_is_valid(slug)) {
			free(slug);
			mj_strvec_free(&plan->slugs);
			return -1;
		}
		mj_strvec_push_owned(&plan->slugs, slug);
		p = nl + 1;
	}
	if (*p != '\n' || !plan->slugs.len) {
		mj_strvec_free(&plan->slugs);
		return -1;
	}
	plan->message = p[1] ? mj_xstrdup(p + 1) : NULL;
	return 0;
}

/* Moves the first n staged folders of slugs back out of the journal. */
static void unmove(const char *root, const struct mj_strvec *slugs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *staged = staged_path(slugs->items[i]);
		mj_jfs_move(root, slugs->items[i], staged);
		free(staged);
	}
}

/* Commits paths with message in repo, or (NULL) in the repository of
 * the journal at root; 0, or -1 after saying why. */
static int commit_paths(struct mj_repo *repo, const char *root,
			const char *owner, const struct mj_strvec *paths,
			const char *message)
{
	struct mj_repo *opened = NULL;
	bool committed;
	int rc = 0;

	if ((!repo && mj_git_open(&opened, root) < 0) ||
	    mj_git_commit_paths(repo ? repo : opened, paths, message, owner,
				&committed) < 0) {
		mj_cli_error("%s", mj_git_error());
		rc = -1;
	}
	mj_git_free(opened);
	return rc;
}

/* Commits slug/agreement.ini of every slug; as commit_paths. */
static int commit_started(struct mj_repo *repo, const char *root,
			  const char *owner, const struct mj_strvec *slugs,
			  const char *message)
{
	struct mj_strvec paths = MJ_STRVEC_INIT;
	int rc;

	for (size_t i = 0; i < slugs->len; i++)
		mj_strvec_push_owned(&paths, mj_path_join(slugs->items[i],
							  "agreement.ini"));
	rc = commit_paths(repo, root, owner, &paths, message);
	mj_strvec_free(&paths);
	return rc;
}

/* The plan done: removed (the end of the start), then the staging. */
static int start_done(const char *root)
{
	mj_fs_fault_point("before removing what a start planned");
	if (mj_jfs_remove(root, START_PLAN) == 0 &&
	    mj_jfs_remove_tree(root, START_DIR) == 0)
		return 0;
	mj_cli_journal_error(root, START_DIR, MJ_KIND_DIR, "remove");
	return -1;
}

int mj_cli_start(struct mj_ctx *ctx, const struct mj_strvec *slugs,
		 const struct mj_strvec *texts, const char *message)
{
	const char *root = ctx->journal.root;
	const char *commit = ctx->repo ? message : NULL;
	char *plan = NULL;
	size_t moved = 0;
	int rc = -1;

	if (mj_jfs_remove_tree(root, START_DIR) < 0) {
		mj_cli_journal_error(root, START_DIR, MJ_KIND_DIR, "clear");
		return -1;
	}
	for (size_t i = 0; i < slugs->len; i++) {
		char *dir = staged_path(slugs->items[i]);
		char *file = mj_path_join(dir, "agreement.ini");
		int bad = mj_jfs_mkdir(root, dir) < 0 ?
			  mj_cli_journal_error(root, dir, MJ_KIND_DIR, "make") :
			  mj_jfs_write(root, file, texts->items[i],
				       strlen(texts->items[i]), MJ_WRITE_NEW) < 0 ?
			  mj_cli_journal_error(root, file, MJ_KIND_FILE, "write") : 0;
		free(dir);
		free(file);
		if (bad)
			goto staged;
	}
	plan = plan_text(slugs, commit);
	if (mj_jfs_write(root, START_PLAN, plan, strlen(plan),
			 MJ_WRITE_REPLACE) < 0) {
		mj_cli_journal_error(root, START_PLAN, MJ_KIND_FILE, "write");
		goto staged;
	}
	for (; moved < slugs->len; moved++) {
		char *staged = staged_path(slugs->items[moved]);
		int bad = mj_jfs_move(root, staged, slugs->items[moved]);

		free(staged);
		if (bad < 0) {
			if (errno == EEXIST)
				mj_cli_error("'%s' already exists in the journal; "
					     "choose another name",
					     slugs->items[moved]);
			else
				mj_cli_journal_error(root, slugs->items[moved],
						     MJ_KIND_DIR, "make");
			goto undo;
		}
	}
	if (commit && commit_started(ctx->repo, root,
				     ctx->journal.config.owner.text, slugs,
				     commit) < 0)
		goto undo;
	rc = start_done(root);
	goto done;
undo:
	/* back where they were staged, then the plan: undone, or (killed
	 * on the way) finished by the next command */
	unmove(root, slugs, moved);
	mj_jfs_remove(root, START_PLAN);
staged:
	mj_jfs_remove_tree(root, START_DIR);
done:
	free(plan);
	return rc;
}

/* Finishes a start a killed run planned (moves what is left, commits
 * it), or undoes one killed before its plan; nothing when there is none.
 * 0, or -1 after saying why. */
static int finish_start(const char *root, const char *owner)
{
	struct start_plan plan;
	enum mj_file_kind kind;
	struct mj_buf done = MJ_BUF_INIT;
	char *text = NULL;
	size_t len;
	int rc = -1;

	if (mj_jfs_kind(root, START_DIR, &kind) < 0 && errno == ENOENT)
		return 0;
	if (mj_jfs_read(root, START_PLAN, MJ_FILE_SIZE_LIMIT, &text,
			&len) != MJ_READ_OK) {
		if (errno == ENOENT && mj_jfs_remove_tree(root, START_DIR) == 0)
			return 0; /* killed before its plan: undone */
		mj_cli_journal_error(root, START_PLAN, MJ_KIND_FILE, "read");
		return -1;
	}
	if (plan_parse(&plan, text) < 0) {
		free(text);
		mj_cli_error("%s is not a plan mjournal wrote: remove %s and run "
			     "the command again", START_PLAN, START_DIR);
		return -1;
	}
	free(text);
	mj_buf_adds(&done, "");
	for (size_t i = 0; i < plan.slugs.len; i++) {
		const char *slug = plan.slugs.items[i];
		char *staged = staged_path(slug);
		bool here = mj_jfs_kind(root, staged, &kind) == 0;

		if (here && mj_jfs_move(root, staged, slug) < 0) {
			mj_cli_error("cannot finish starting '%s', which an "
				     "interrupted run began: %s; %s holds its "
				     "agreement", slug, strerror(errno), staged);
			free(staged);
			goto done;
		}
		mj_buf_addf(&done, " %s", slug);
		free(staged);
	}
	if (plan.message &&
	    commit_started(NULL, root, owner, &plan.slugs, plan.message) < 0)
		goto done;
	if (start_done(root) < 0)
		goto done;
	mj_cli_print(stderr, "mjournal: finished what an interrupted run "
		     "began: started%s\n", done.ptr);
	rc = 0;
done:
	mj_buf_free(&done);
	mj_strvec_free(&plan.slugs);
	free(plan.message);
	return rc;
}

bool mj_cli_started_already(const char *root, const char *slug,
			    const char *text)
{
	char *path = mj_path_join(slug, "agreement.ini"), *now = NULL;
	size_t len = 0;
	bool same = mj_jfs_read(root, path, MJ_FILE_SIZE_LIMIT, &now, &len) ==
		    MJ_READ_OK && len == strlen(text) && !memcmp(now, text, len);

	free(path);
	free(now);
	return same;
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

static int finish_interrupted(const char *root, const char *owner);

int mj_cli_lock(const struct mj_journal *journal, int *fd)
{
	const char *root = journal->root;
	/* wait a little for another writer: two quick commits both succeed */
	long tries = (long)(mj_lock_wait() * 20);
	struct mj_lock_holder other;
	char *who;

	for (;;) {
		*fd = mj_lock_journal(root, &other);
		if (*fd >= 0) {
			if (other.pid)
				mj_lock_say_taken_over(".mjournal/lock", &other);
			/* what a killed run began, finished first */
			if (finish_interrupted(root, journal->config.owner.text) == 0)
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

/*
 * Edits of several files, finished after a kill.  Before the first file
 * is written, mj_cli_apply writes its plan (.mjournal/apply): each
 * file's text before and after, whether it is private, and the commit
 * message (none: nothing to commit).  The plan goes once the commit is
 * made, or once the files are put back after a failure.  The next command
 * that writes finds a plan left by a killed run and finishes it: each
 * file still as it was before is written, then the commit is made.  A
 * file changed since by someone else is left as it is, and named.
 */
#define APPLY_PLAN MJ_JOURNAL_OWN_DIR "/apply"
#define APPLY_HEADER "mjournal apply 1\n"

/* "name LEN\n" then LEN bytes and "\n"; a NULL text is LEN -1. */
static void plan_add_bytes(struct mj_buf *b, const char *name,
			   const char *text, size_t len)
{
	if (!text) {
		mj_buf_addf(b, "%s -1\n", name);
		return;
	}
	mj_buf_addf(b, "%s %zu\n", name, len);
	mj_buf_add(b, text, len);
	mj_buf_adds(b, "\n");
}

static char *apply_plan_text(const struct mj_edit *edits, size_t n,
			     const char *message, size_t *len)
{
	struct mj_buf b = MJ_BUF_INIT;

	mj_buf_adds(&b, APPLY_HEADER);
	plan_add_bytes(&b, "message", message, message ? strlen(message) : 0);
	for (size_t i = 0; i < n; i++) {
		plan_add_bytes(&b, "file", edits[i].file, strlen(edits[i].file));
		mj_buf_addf(&b, "private %d\n", edits[i].private ? 1 : 0);
		plan_add_bytes(&b, "old", edits[i].old, edits[i].old_len);
		plan_add_bytes(&b, "new", edits[i].text, edits[i].len);
	}
	*len = b.len;
	return mj_buf_detach(&b);
}

/* Reads "name LEN\n" and its bytes at *at (before end); -1 when the
 * plan is not that.  *out points into the plan (NULL for -1). */
static int plan_take_bytes(const char **at, const char *end,
			   const char *name, const char **out, size_t *len)
{
	size_t n = strlen(name);
	const char *p = *at;
	char *stop;
	long long v;

	if ((size_t)(end - p) < n + 2 || memcmp(p, name, n) || p[n] != ' ')
		return -1;
	v = strtoll(p + n + 1, &stop, 10);
	if (stop == p + n + 1 || stop >= end || *stop != '\n')
		return -1;
	p = stop + 1;
	if (v < 0) {
		*out = NULL;
		*len = 0;
	} else {
		if ((size_t)(end - p) < (size_t)v + 1 || p[v] != '\n')
			return -1;
		*out = p;
		*len = (size_t)v;
		p += v + 1;
	}
	*at = p;
	return 0;
}

struct apply_plan {
	char *message;         /* NULL: nothing to commit */
	struct mj_edit *edits; /* pointing into text */
	char **files;
	size_t n;
};

static void apply_plan_free(struct apply_plan *plan)
{
	for (size_t i = 0; i < plan->n; i++)
		free(plan->files[i]);
	free(plan->files);
	free(plan->edits);
	free(plan->message);
}

static int apply_plan_parse(struct apply_plan *plan, const char *text,
			    size_t len)
{
	const char *at = text, *end = text + len, *bytes;
	size_t n, cap = 0, fcap = 0;

	memset(plan, 0, sizeof(*plan));
	if (len < strlen(APPLY_HEADER) ||
	    memcmp(text, APPLY_HEADER, strlen(APPLY_HEADER)))
		return -1;
	at += strlen(APPLY_HEADER);
	if (plan_take_bytes(&at, end, "message", &bytes, &n) < 0)
		return -1;
	plan->message = bytes ? mj_xstrndup(bytes, n) : NULL;
	while (at < end) {
		struct mj_edit *e;
		const char *file;
		size_t file_len;

		mj_grow((void **)&plan->edits, &cap, plan->n + 1,
			sizeof(*plan->edits));
		mj_grow((void **)&plan->files, &fcap, plan->n + 1,
			sizeof(*plan->files));
		e = &plan->edits[plan->n];
		memset(e, 0, sizeof(*e));
		if (plan_take_bytes(&at, end, "file", &file, &file_len) < 0 ||
		    !file || (size_t)(end - at) < 10 ||
		    strncmp(at, "private ", 8) || (at[8] != '0' && at[8] != '1') ||
		    at[9] != '\n')
			goto bad;
		plan->files[plan->n] = mj_xstrndup(file, file_len);
		e->file = plan->files[plan->n++];
		e->private = at[8] == '1';
		at += 10;
		if (plan_take_bytes(&at, end, "old", &e->old, &e->old_len) < 0 ||
		    plan_take_bytes(&at, end, "new", &e->text, &e->len) < 0 ||
		    !e->text || !mj_jfs_path_ok(e->file))
			goto bad;
	}
	if (plan->n)
		return 0;
bad:
	apply_plan_free(plan);
	return -1;
}

/* Is the file under root now as text says (NULL: absent). */
static bool file_is(const char *root, const char *file, const char *text,
		    size_t len)
{
	char *now = NULL;
	size_t now_len = 0;
	enum mj_read_status r = mj_jfs_read(root, file, MJ_FILE_SIZE_LIMIT,
					    &now, &now_len);
	bool same = text ? r == MJ_READ_OK && now_len == len &&
			   !memcmp(now, text, len) :
			   r == MJ_READ_ERROR && errno == ENOENT;

	free(now);
	return same;
}

static int remove_apply_plan(const char *root)
{
	mj_fs_fault_point("before removing what an edit planned");
	if (mj_jfs_remove(root, APPLY_PLAN) == 0)
		return 0;
	mj_cli_journal_error(root, APPLY_PLAN, MJ_KIND_FILE, "remove");
	return -1;
}

/* Finishes an edit a killed run planned; as finish_start. */
static int finish_apply(const char *root, const char *owner)
{
	struct apply_plan plan;
	struct mj_strvec paths = MJ_STRVEC_INIT;
	struct mj_buf done = MJ_BUF_INIT;
	char *text = NULL;
	size_t len;
	int rc = -1;

	if (mj_jfs_read(root, APPLY_PLAN, MJ_FILE_SIZE_LIMIT, &text,
			&len) != MJ_READ_OK) {
		if (errno == ENOENT)
			return 0;
		mj_cli_journal_error(root, APPLY_PLAN, MJ_KIND_FILE, "read");
		return -1;
	}
	if (apply_plan_parse(&plan, text, len) < 0) {
		/* cut short by a kill before its rename cannot be: not ours */
		free(text);
		mj_cli_error("%s is not a plan mjournal wrote: remove it and run "
			     "the command again", APPLY_PLAN);
		return -1;
	}
	mj_buf_adds(&done, "");
	for (size_t i = 0; i < plan.n; i++) {
		const struct mj_edit *e = &plan.edits[i];

		if (!file_is(root, e->file, e->text, e->len)) {
			if (!file_is(root, e->file, e->old, e->old_len)) {
				mj_cli_print(stderr, "mjournal: %s changed after an "
					     "interrupted run planned to write it: "
					     "left as it is\n", e->file);
				continue;
			}
			if (mj_jfs_write(root, e->file, e->text, e->len,
					 MJ_WRITE_REPLACE) < 0) {
				mj_cli_journal_error(root, e->file, MJ_KIND_FILE,
						     "write");
				goto done;
			}
		}
		mj_buf_addf(&done, " %s", e->file);
		if (!e->private && !mj_note_name_is_private(e->file))
			mj_strvec_push(&paths, e->file);
	}
	if (plan.message && paths.len &&
	    commit_paths(NULL, root, owner, &paths, plan.message) < 0)
		goto done;
	if (remove_apply_plan(root) < 0)
		goto done;
	mj_cli_print(stderr, "mjournal: finished what an interrupted run "
		     "began: wrote%s\n", done.ptr);
	rc = 0;
done:
	mj_strvec_free(&paths);
	mj_buf_free(&done);
	apply_plan_free(&plan);
	free(text);
	return rc;
}

static int finish_interrupted(const char *root, const char *owner)
{
	if (finish_start(root, owner) < 0)
		return -1;
	return finish_apply(root, owner);
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
	return file_is(root, e->file, e->old, e->old_len);
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
	size_t written = 0, plan_len = 0;
	char *plan = NULL;
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
	plan = apply_plan_text(edits, n, repo && journal->config.autocommit ?
			       message : NULL, &plan_len);
	if (mj_jfs_mkdir(journal->root, MJ_JOURNAL_OWN_DIR) < 0 ||
	    mj_jfs_write(journal->root, APPLY_PLAN, plan, plan_len,
			 MJ_WRITE_REPLACE) < 0) {
		mj_cli_journal_error(journal->root, APPLY_PLAN, MJ_KIND_FILE,
				     "write");
		goto done;
	}
	for (; written < n; written++) {
		if (mj_jfs_write(journal->root, edits[written].file,
				 edits[written].text, edits[written].len,
				 MJ_WRITE_REPLACE) < 0) {
			mj_cli_journal_error(journal->root, edits[written].file,
					     MJ_KIND_FILE, "write");
			put_back(journal->root, edits, written);
			mj_jfs_remove(journal->root, APPLY_PLAN);
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
		mj_jfs_remove(journal->root, APPLY_PLAN);
		goto done;
	}
	if (remove_apply_plan(journal->root) < 0)
		goto done;
	status = MJ_EXIT_OK;
done:
	if (own_lock) {
		mj_lock_release_journal(lock);
		mj_git_free(repo);
	}
	mj_strvec_free(&paths);
	free(plan);
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
	for (size_t i = 0; i < report->len && status == MJ_EXIT_OK; i++)
		if (mj_fs_write_at(fd, report->pages[i].name, report->pages[i].text,
				   strlen(report->pages[i].text),
				   MJ_WRITE_REPLACE) < 0)
			status = pages_error(root, dir, report->pages[i].name);
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
