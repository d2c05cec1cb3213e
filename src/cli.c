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
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
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

/*
 * A message (error or hint) on standard error, or a sentence on standard
 * output (no prefix), made visible as print_visible does; on a terminal, a line wider than it is wrapped
 * between words, its next lines under the text (a hint's after "hint: ",
 * as git's advice is).  Into a file or a pipe a message stays one line,
 * as git's do, for grep.
 */
static void print_message(FILE *out, const char *prefix, const char *fmt,
			  va_list ap)
{
	struct mj_buf text = MJ_BUF_INIT, shown = MJ_BUF_INIT;
	size_t width = isatty(mj_out_fd(out)) ? mj_terminal_width(out) : 0;
	const char *lead = strcmp(prefix, "hint: ") ? "" : prefix;

	mj_buf_adds(&text, prefix);
	mj_buf_vaddf(&text, fmt, ap);
	mj_buf_adds(&shown, "");
	for (char *line = text.ptr, *end; line; line = end) {
		struct mj_buf visible = MJ_BUF_INIT, wrapped = MJ_BUF_INIT;

		end = strchr(line, '\n');
		if (end)
			*end++ = '\0';
		mj_buf_adds(&visible, "");
		mj_buf_add_visible(&visible, line, true);
		if (!width || mj_text_width(visible.ptr) <= width) {
			mj_buf_adds(&shown, visible.ptr);
		} else {
			mj_buf_adds(&wrapped, "");
			mj_wrap(&wrapped, visible.ptr, 0, strlen(prefix), width);
			for (const char *p = wrapped.ptr; *p; p++) {
				mj_buf_add(&shown, p, 1);
				if (*p == '\n' && *lead) {
					mj_buf_adds(&shown, lead);
					p += strlen(lead); /* for its spaces */
				}
			}
		}
		mj_buf_adds(&shown, end ? "\n" : "");
		mj_buf_free(&visible);
		mj_buf_free(&wrapped);
	}
	fputs(shown.ptr, out);
	fputc('\n', out);
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

void mj_cli_tell(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	print_message(stdout, "", fmt, ap);
	va_end(ap);
}

int mj_cli_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	print_message(stderr, "mjournal: ", fmt, ap);
	va_end(ap);
	return MJ_EXIT_USAGE;
}

void mj_cli_hint(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	print_message(stderr, "hint: ", fmt, ap);
	va_end(ap);
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

static bool no_pager;

void mj_cli_no_pager(void)
{
	no_pager = true;
}

/* Is a pager of one word (no shell syntax) missing from PATH: then there
 * is none, rather than output lost to "sh: less: not found". */
static bool missing(const char *pager)
{
	const char *path = getenv("PATH");
	bool found = false;

	if (strpbrk(pager, " \t|&;<>()$`\\\"'*?[#~=%/"))
		return false;
	for (const char *p = path ? path : ""; *p && !found;) {
		size_t len = strcspn(p, ":");
		char *file = mj_xasprintf("%.*s/%s", (int)len, p, pager);
		found = access(file, X_OK) == 0;
		free(file);
		p += len + (p[len] == ':');
	}
	return !found;
}

void mj_cli_pager(void)
{
	const char *env = getenv("MJOURNAL_PAGER");
	char *config = NULL;
	const char *pager;

	if (no_pager || !isatty(STDOUT_FILENO))
		return;
	if (!env) {
		config = mj_git_config_string(".", "core.pager");
		env = config ? config : getenv("PAGER");
	}
	pager = env ? env : "less";
	pager += strspn(pager, " \t");
	if (*pager && strcmp(pager, "cat") && !missing(pager))
		mj_out_page(pager);
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

/* "no relationship 'sam-with-alx' in this journal; did you mean
 * 'sam-with-alex'?", as for a misspelt command. */
static void no_relationship(const char *root, const char *slug)
{
	struct mj_strvec names = MJ_STRVEC_INIT;
	const char *near;

	mj_journal_relationship_names(root, &names);
	mj_strvec_push_owned(&names, NULL); /* the end, for mj_suggest */
	near = mj_suggest(slug, (const char *const *)names.items);
	if (near)
		mj_cli_error("no relationship '%s' in this journal; did you mean "
			     "'%s'?", slug, near);
	else {
		mj_cli_error("no relationship '%s' in this journal", slug);
		mj_cli_hint("mjournal status lists them; mjournal new starts one");
	}
	mj_strvec_free(&names);
}

int mj_cli_load(struct mj_journal *out, const struct mj_strvec *slugs,
		unsigned flags)
{
	return mj_cli_visit(out, slugs, flags, NULL);
}

int mj_cli_visit(struct mj_journal *out, const struct mj_strvec *slugs,
		 unsigned flags, const struct mj_visitor *visitor)
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
			no_relationship(root, slugs->items[i]);
			free(root);
			return MJ_EXIT_USAGE;
		}
	}
	mj_source_init_fs(&src, root);
	rc = mj_journal_visit(out, root, &src, slugs, flags, visitor);
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

/* What check keeps of a relationship read */
struct findings {
	struct mj_diags diags;
	struct mj_strvec private; /* notes private by their front matter */
};

static void findings_start(void *ctx, size_t n)
{
	struct mj_cli_findings *f = ctx;

	mj_slots_start(&f->slots, n, sizeof(struct findings));
}

static void findings_of(void *ctx, size_t slot, struct mj_relationship *rel)
{
	struct mj_cli_findings *f = ctx;
	struct findings *found = mj_slots_take(&f->slots, slot);

	mj_validate_relationship(rel, &f->vopts, &found->diags);
	mj_relationship_private_by_front_matter(rel, &found->private);
}

void mj_cli_findings_init(struct mj_cli_findings *findings, mj_date today,
			  struct mj_visitor *visitor)
{
	memset(findings, 0, sizeof(*findings));
	findings->vopts.today = today;
	*visitor = (struct mj_visitor){ findings_start, findings_of, findings };
}

void mj_cli_findings_take(struct mj_cli_findings *f,
			  const struct mj_journal *journal,
			  struct mj_diags *out, struct mj_strvec *private)
{
	const struct findings *found = f->slots.records;

	f->read = mj_slots_pack(&f->slots);
	mj_diags_copy(out, &journal->diags);
	for (size_t i = 0; i < f->read; i++) {
		mj_diags_copy(out, &found[i].diags);
		for (size_t k = 0; k < found[i].private.len; k++)
			mj_strvec_push(private, found[i].private.items[k]);
	}
}

void mj_cli_findings_free(struct mj_cli_findings *f)
{
	struct findings *found = f->slots.records;

	for (size_t i = 0; i < f->slots.n; i++) {
		mj_diags_free(&found[i].diags);
		mj_strvec_free(&found[i].private);
	}
	mj_slots_free(&f->slots);
	memset(f, 0, sizeof(*f));
}

/* Finds the journal and reads only its settings; as mj_cli_load. */
/* The settings of the journal at root. */
static void open_settings_at(struct mj_journal *out, const char *root)
{
	struct mj_source src;

	memset(out, 0, sizeof(*out));
	mj_source_init_fs(&src, root);
	mj_journal_open(out, root, &src);
	mj_source_free_fs(&src);
}

static int open_settings(struct mj_journal *out)
{
	char *root;

	memset(out, 0, sizeof(*out));
	if (mj_cli_find_root(&root) < 0)
		return MJ_EXIT_USAGE;
	open_settings_at(out, root);
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
 * For the journal whose settings are read, what a writer needs: its
 * repository and an identity to commit with (always, or only when the
 * journal's autocommit is on; else *repo is NULL), and the journal's lock
 * (*lock).  Returns MJ_EXIT_OK or the exit status after printing why.
 */
static int take_writer(struct mj_journal *journal, bool always_git,
		       struct mj_repo **repo, int *lock)
{
	bool commit = always_git || journal->config.autocommit;

	*repo = NULL;
	*lock = -1;
	if (commit && (mj_git_open(repo, journal->root) < 0 ||
		       mj_git_check_identity(*repo, journal->config.owner.text) < 0))
		return mj_cli_error("%s", mj_git_error());
	if (mj_cli_lock(journal, lock) < 0)
		return MJ_EXIT_USAGE;
	return MJ_EXIT_OK;
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

	*repo = NULL;
	*lock = -1;
	if (status != MJ_EXIT_OK)
		return status;
	return take_writer(journal, always_git, repo, lock);
}

int mj_cli_writer_at(struct mj_ctx *ctx, const char *root)
{
	open_settings_at(&ctx->journal, root);
	return take_writer(&ctx->journal, true, &ctx->repo, &ctx->lock);
}

void mj_cli_release(struct mj_ctx *ctx)
{
	mj_lock_release_journal(ctx->lock);
	ctx->lock = -1;
	mj_git_free(ctx->repo);
	ctx->repo = NULL;
	mj_journal_free(&ctx->journal);
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

/* Does the page name in the folder fd carry the fingerprint inputs in its
 * head (a regular file, never through a link). */
static bool page_kept(void *ctx, const char *name, uint64_t inputs)
{
	struct mj_cli_pages *p = ctx;
	char head[2048], want[sizeof(MJ_REPORT_INPUTS_META) + 20];
	const char *end, *at;
	struct stat st;
	ssize_t n = -1;
	int fd;

	if (p->fd < 0)
		return false;
	fd = openat(p->fd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return false;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		n = read(fd, head, sizeof(head) - 1);
	close(fd);
	if (n <= 0)
		return false;
	head[n] = '\0';
	snprintf(want, sizeof(want), MJ_REPORT_INPUTS_META "%016llx\">",
		 (unsigned long long)inputs);
	end = strstr(head, "</head>");
	at = strstr(head, want);
	if (!end || !at || at > end)
		return false;
	p->kept++;
	return true;
}

/* text, or its control bytes made visible in shown: a page holds none;
 * one a journal holds is shown as on a terminal (^[), never sent to
 * whoever reads the page's source with cat or less, and a page with none
 * is written as it is, not copied */
static const char *visible(const char *text, size_t *len, struct mj_buf *shown)
{
	*len = strlen(text);
	if (mj_text_is_visible(text, *len, MJ_VISIBLE_LINES))
		return text;
	mj_buf_add_visible_bytes(shown, text, *len, MJ_VISIBLE_LINES);
	*len = shown->len;
	return shown->ptr;
}

/* Writes one page, unless an earlier one failed. */
static void page_write(void *ctx, const char *name, const char *text)
{
	struct mj_cli_pages *p = ctx;
	struct mj_buf shown = MJ_BUF_INIT;
	size_t len;

	if (p->status != MJ_EXIT_OK)
		return;
	text = visible(text, &len, &shown);
	if (mj_fs_write_at(p->fd, name, text, len, MJ_WRITE_IF_CHANGED) < 0)
		p->status = pages_error(p->root, p->dir, name);
	mj_buf_free(&shown);
}

/* Writes a page in parts (one page at a time), unless a page failed. */
static void page_part(void *ctx, const char *name, const char *text)
{
	struct mj_cli_pages *p = ctx;
	struct mj_buf shown = MJ_BUF_INIT;
	size_t len;

	if (!p->parts.name) {
		if (p->status != MJ_EXIT_OK)
			return;
		mj_fs_parts_begin(&p->parts, p->fd, name);
	}
	if (text) {
		text = visible(text, &len, &shown);
		mj_fs_parts_add(&p->parts, text, len);
		mj_buf_free(&shown);
	} else if (mj_fs_parts_end(&p->parts, MJ_WRITE_IF_CHANGED) < 0 &&
		   p->status == MJ_EXIT_OK) {
		p->status = pages_error(p->root, p->dir, name);
	}
}

static int page_spill(void *ctx)
{
	struct mj_cli_pages *p = ctx;

	return p->fd >= 0 ? mj_fs_spill_at(p->fd) : -1;
}

int mj_cli_pages_open(struct mj_cli_pages *p, struct mj_report_output *out,
		      const char *root, const char *dir)
{
	memset(p, 0, sizeof(*p));
	p->root = root;
	p->dir = dir;
	p->fd = root ? mj_jfs_open_dir(root, dir, true) : mj_fs_open_dir(dir, true);
	p->status = p->fd < 0 ? pages_error(root, dir, NULL) : MJ_EXIT_OK;
	out->kept = page_kept;
	out->write = page_write;
	out->part = page_part;
	out->spill = page_spill;
	out->ctx = p;
	out->now = (int64_t)time(NULL);
	return p->status;
}

int mj_cli_pages_close(struct mj_cli_pages *p)
{
	if (p->parts.name) { /* a page never ended: it is not put in place */
		p->parts.err = ECANCELED;
		mj_fs_parts_end(&p->parts, MJ_WRITE_IF_CHANGED);
	}
	if (p->fd >= 0)
		close(p->fd);
	p->fd = -1;
	return p->status;
}

int mj_cli_write_pages(const struct mj_report *report, const char *root,
		       const char *dir)
{
	struct mj_cli_pages pages;
	struct mj_report_output out;

	if (mj_cli_pages_open(&pages, &out, root, dir) == MJ_EXIT_OK)
		for (size_t i = 0; i < report->len; i++)
			page_write(&pages, report->pages[i].name,
				   report->pages[i].text);
	return mj_cli_pages_close(&pages);
}

/* The error, the usage line and where the help is; MJ_EXIT_USAGE. */
static int usage_error(const struct mj_command *cmd, const char *why)
{
	struct mj_buf b = MJ_BUF_INIT;

	mj_cli_error("%s", why);
	mj_command_usage_lines(cmd, mj_cli_width(stderr), &b);
	fputs(b.ptr, stderr);
	mj_cli_hint("mjournal help %s shows every option", cmd->name);
	mj_buf_free(&b);
	return MJ_EXIT_USAGE;
}

/* The command's needs, or only today's date when an option that works
 * outside any journal is given (MJ_OPT_OUTSIDE). */
static unsigned needs_of(const struct mj_ctx *ctx)
{
	const struct mj_option *o = ctx->cmd->options;
	unsigned needs = ctx->cmd->needs;

	for (size_t i = 0; i < MJ_MAX_OPTIONS && o[i].name; i++)
		if ((o[i].flags & MJ_OPT_OUTSIDE) && ctx->args.given[i])
			needs &= MJ_NEED_TODAY;
	return needs;
}

static int set_up(struct mj_ctx *ctx)
{
	unsigned needs = needs_of(ctx);
	bool slugs = mj_command_takes_relationship(ctx->cmd);
	/* a command that writes commits: git's status reuses the listing */
	unsigned flags = (needs & MJ_NEED_TEXT ? MJ_LOAD_TEXT : 0) |
			 (needs & MJ_NEED_WRITER ? MJ_LOAD_WALK : 0);
	int status;

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

/* Is name a relationship's folder in the journal at root. */
static bool names_relationship(const char *root, const char *name)
{
	enum mj_file_kind kind;

	return mj_slug_is_valid(name) && !mj_journal_name_is_reserved(name) &&
	       mj_jfs_kind(root, name, &kind) == 0 && kind == MJ_KIND_DIR;
}

/*
 * The one place a relationship is taken from the current folder, as git
 * takes the repository: a command that needs one, run inside a
 * relationship's folder (at any depth) without naming it, gets it as its
 * first operand.  That is when fewer operands are given than it needs
 * (note, close), or when the first names no relationship and one more
 * fits (edit 2026-12-02, rename NEW).  Commands for which a relationship
 * is optional (status, check, log) keep meaning the whole journal.
 */
static void infer_relationship(struct mj_args *args)
{
	const struct mj_command *cmd = args->cmd;
	size_t n = args->operands.len;
	bool short_of = n < cmd->min_operands, room = n < cmd->max_operands;
	char *root = NULL, *here = NULL, *slug = NULL;

	if (!mj_command_takes_relationship(cmd) || !cmd->min_operands ||
	    !(short_of || room) || mj_journal_find_root(".", &root) < 0)
		return;
	here = realpath(".", NULL);
	slug = here ? mj_journal_relationship_at(root, here) : NULL;
	if (slug && (short_of ||
		     !names_relationship(root, args->operands.items[0])))
		mj_strvec_insert(&args->operands, 0, slug);
	free(slug);
	free(here);
	free(root);
}

/* After the words are read: -C's folder entered, the relationship the
 * folder gives taken, the operands counted; an exit status. */
static int settle(struct mj_args *args, struct mj_buf *err)
{
	if (args->chdir && chdir(args->chdir) < 0)
		return mj_cli_error("cannot change to '%s': %s", args->chdir,
				    strerror(errno));
	infer_relationship(args);
	if (mj_args_check(args, err) < 0)
		return usage_error(args->cmd, err->ptr);
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
	if (mj_args_read(&ctx.args, cmd, argc, argv, &err) < 0) {
		status = usage_error(cmd, err.ptr);
	} else if (ctx.args.help) {
		mj_command_help(cmd, mj_cli_width(stdout), stdout);
		status = MJ_EXIT_OK;
	} else if ((status = settle(&ctx.args, &err)) != MJ_EXIT_OK) {
		/* said */
	} else {
		mj_trace("%s", cmd->name);
		status = set_up(&ctx);
		mj_trace("set up");
		if (status == MJ_EXIT_OK)
			status = cmd->run(&ctx);
		mj_trace("ran");
	}
	mj_cli_release(&ctx);
	mj_args_free(&ctx.args);
	mj_buf_free(&err);
	return status;
}
