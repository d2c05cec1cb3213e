/*
 * cmd_import.c - mjournal import: start relationships from a spreadsheet.
 *
 * All or nothing: every row is checked before anything is written, and
 * every problem is reported as FILE.csv:LINE; then the agreements are
 * written and committed as one commit.  A failure on the way puts the
 * journal back as it was.
 */
#include "mj_cli.h"
#include "mj_commands.h"
#include "mj_git.h"
#include "mj_import.h"
#include "mj_init.h"
#include "mj_plan.h"
#include "mj_start.h"
#include "mj_template.h"

#include <errno.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct import {
	const char *file;            /* as given, for messages */
	struct mj_import read;       /* the rows, checked, and the problems */
	bool *there;                 /* per row: in the journal already */
	size_t n_there;
};

/* A problem a row has with the journal: FILE:LINE: error: ... */
static void problem(struct import *im, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void problem(struct import *im, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	mj_diags_vadd(&im->read.diags, im->file, line, 0, MJ_LEVEL_ERROR,
		      "import", fmt, ap);
	va_end(ap);
}

static size_t errors(const struct import *im)
{
	return mj_diags_count(&im->read.diags, MJ_LEVEL_ERROR);
}

/* Which of the rows read are in the journal already. */
static void find_there(struct import *im, const struct mj_journal *journal)
{
	enum mj_file_kind kind;

	im->there = mj_xcalloc(im->read.n + 1, sizeof(*im->there));
	for (size_t i = 0; i < im->read.n; i++)
		if (im->read.checked[i] &&
		    (mj_jfs_kind(journal->root, im->read.rows[i].slug,
				 &kind) == 0 || errno != ENOENT)) {
			im->there[i] = true;
			im->n_there++;
		}
}

/* FILE:LINE: LEVEL: message, by line; each message may quote a cell:
 * shown, never sent, as every message is. */
static void say_problems(struct import *im)
{
	mj_diags_sort(&im->read.diags);
	for (size_t i = 0; i < im->read.diags.len; i++) {
		const struct mj_diag *d = &im->read.diags.items[i];
		mj_cli_print(stderr, "%s:%d: %s: %s\n", im->file, d->line,
			     mj_level_name(d->level), d->message);
	}
}

/* The agreement of each of the rows (n indexes; NULL: every row), from
 * the template of the journal at root, in texts; 0, or -1 after saying
 * why. */
static int agreements(const char *root, const struct import *im,
		      const size_t *rows, size_t n, struct mj_strvec *texts)
{
	char *template = NULL;

	if (mj_cli_template(root, "agreement.ini", &template) < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		mj_strvec_push_owned(texts, mj_start_agreement(template ?
							       template : "",
							       &im->read.rows[rows ? rows[i] : i]));
	free(template);
	return 0;
}

/*
 * Every row in the journal already: when each one's agreement is what
 * this import writes, it was done before (a rerun, perhaps after a kill);
 * else each is a problem.  True when done before.
 */
static bool imported_before(const struct mj_ctx *ctx, struct import *im)
{
	struct mj_strvec texts = MJ_STRVEC_INIT;
	bool same = !errors(im) && im->n_there == im->read.n &&
		    agreements(ctx->journal.root, im, NULL, im->read.n, &texts) == 0;

	for (size_t i = 0; same && i < im->read.n; i++)
		same = mj_plan_started_already(ctx->journal.root, im->read.rows[i].slug,
					      texts.items[i]);
	mj_strvec_free(&texts);
	for (size_t i = 0; !same && i < im->read.n; i++)
		if (im->there[i])
			problem(im, im->read.lines[i], "'%s' exists already in the "
				"journal", im->read.rows[i].slug);
	return same;
}

/* Starts the rows (n indexes; NULL: every row) in the journal ctx is
 * set up for, in one commit; 0, or -1 after saying why, with nothing
 * started. */
static int start_rows(struct mj_ctx *ctx, const struct import *im,
		      const size_t *rows, size_t n)
{
	struct mj_strvec slugs = MJ_STRVEC_INIT, texts = MJ_STRVEC_INIT;
	char *copy = mj_xstrdup(im->file), *message = NULL;
	int rc = -1;

	if (agreements(ctx->journal.root, im, rows, n, &texts) < 0)
		goto done;
	for (size_t i = 0; i < n; i++)
		mj_strvec_push(&slugs, im->read.rows[rows ? rows[i] : i].slug);
	message = mj_xasprintf("import %zu relationship%s from %s\n", n,
			       n == 1 ? "" : "s", basename(copy));
	rc = mj_plan_start(ctx, &slugs, &texts, message);
done:
	mj_strvec_free(&slugs);
	mj_strvec_free(&texts);
	free(message);
	free(copy);
	return rc;
}

static int write_and_commit(struct mj_ctx *ctx, struct import *im)
{
	if (start_rows(ctx, im, NULL, im->read.n) < 0) {
		mj_cli_hint("nothing imported; the journal is as it was");
		return MJ_EXIT_USAGE;
	}
	printf("Imported %zu relationship%s from %s:", im->read.n,
	       im->read.n == 1 ? "" : "s", im->file);
	for (size_t i = 0; i < im->read.n; i++)
		printf(" %s", im->read.rows[i].slug);
	printf("\nNext: mjournal status shows them; mjournal note SLUG "
	       "writes a first note\n");
	return MJ_EXIT_OK;
}

static void dry_run(const struct import *im)
{
	char a[MJ_DATE_TEXT_SIZE], b[MJ_DATE_TEXT_SIZE];

	for (size_t i = 0; i < im->read.n; i++) {
		const struct mj_start *s = &im->read.rows[i];
		struct mj_buf mentees = MJ_BUF_INIT;

		mj_buf_adds(&mentees, "");
		for (size_t k = 0; k < s->mentees.len; k++)
			mj_buf_addf(&mentees, "%s%s", k ? ", " : "",
				    s->mentees.items[k]);
		/* the cells as they were written: shown, never sent */
		mj_cli_print(stdout, "would start %s: %s with %s (%s, %s to %s, "
			     "every %s)\n", s->slug, s->mentor, mentees.ptr,
			     s->type, mj_date_format(s->started, a),
			     mj_date_format(s->ends, b), s->cadence);
		mj_buf_free(&mentees);
	}
	printf("%zu relationship%s; nothing written (--dry-run)\n", im->read.n,
	       im->read.n == 1 ? "" : "s");
}

/* ---- import --split DIR: a journal per pair or per mentor ---- */

/* Is path free for a journal: not there, or an empty folder. */
static bool free_for_journal(const char *path)
{
	enum mj_file_kind kind;
	struct mj_dirent *entries;
	size_t n;
	bool empty;

	if (mj_fs_kind(path, &kind) < 0)
		return errno == ENOENT;
	if (kind != MJ_KIND_DIR || mj_fs_list(path, &entries, &n) < 0)
		return false;
	empty = n == 0;
	mj_fs_list_free(entries, n);
	return empty;
}

/* The journal dir would be inside (its nearest existing folder's), or
 * NULL; caller frees. */
static char *journal_around(const char *dir)
{
	char *path = mj_xstrdup(dir), *root = NULL;

	while (!mj_fs_exists(path) && strcmp(path, ".") && strcmp(path, "/")) {
		char *up = mj_xstrdup(dirname(path));
		free(path);
		path = up;
	}
	if (mj_journal_find_root(path, &root) < 0)
		root = NULL;
	free(path);
	return root;
}

/* Refuses, by name, every folder of the journals that is there and not
 * empty, and a target inside a journal; true when all is free. */
static bool split_targets_free(const char *dir,
			       const struct mj_import_journal *j, size_t n)
{
	char *around = journal_around(dir);
	size_t taken = 0;

	if (around) {
		mj_cli_error("'%s' is inside the journal '%s'; a journal cannot "
			     "hold another: give a folder outside it", dir, around);
		free(around);
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		char *path = mj_path_join(dir, j[i].folder);

		if (!free_for_journal(path)) {
			mj_cli_error("'%s' is there already and is not an empty "
				     "folder", path);
			taken++;
		}
		free(path);
	}
	if (taken)
		mj_cli_hint("nothing imported: mjournal never writes over a "
			    "folder; give another DIR, or move %s away",
			    taken == 1 ? "that folder" : "those folders");
	return !taken;
}

/* "Alex Doe: sam-with-alex tom-with-alex" */
static void say_journal(const struct import *im, const char *verb,
			const struct mj_import_journal *j)
{
	struct mj_buf line = MJ_BUF_INIT;

	mj_buf_addf(&line, "  %s%s:", verb, j->folder);
	for (size_t k = 0; k < j->n; k++)
		mj_buf_addf(&line, " %s", im->read.rows[j->rows[k]].slug);
	/* names from the spreadsheet: shown, never sent */
	mj_cli_print(stdout, "%s\n", line.ptr);
	mj_buf_free(&line);
}

/* One journal made, its rows started and committed; 0, or -1 after
 * saying why. */
static int make_journal(const struct mj_ctx *ctx, const struct import *im,
			const char *dir, const struct mj_import_journal *j)
{
	struct mj_init in = { .name = j->name, .owner = j->owner, .alone = true };
	struct mj_ctx journal;
	char *path = mj_path_join(dir, j->folder), *root = NULL;
	bool created;
	int rc = -1;

	memset(&journal, 0, sizeof(journal));
	journal.cmd = ctx->cmd;
	journal.today = ctx->today;
	journal.lock = -1;
	in.dir = path;
	if (mj_init_journal(&in, &root, &created) == 0 &&
	    mj_cli_writer_at(&journal, root) == MJ_EXIT_OK)
		rc = start_rows(&journal, im, j->rows, j->n);
	mj_cli_release(&journal);
	free(root);
	free(path);
	return rc;
}

static int split(struct mj_ctx *ctx, struct import *im)
{
	const char *dir = mj_arg_value(&ctx->args, "split");
	enum mj_import_by by = mj_arg_choice(&ctx->args, "by") ?
			       MJ_IMPORT_BY_MENTOR : MJ_IMPORT_BY_PAIR;
	struct mj_import_journal *j;
	size_t n = mj_import_split(&im->read, by, &j), made = 0;
	bool dry = mj_arg_given(&ctx->args, "dry-run");
	int status = MJ_EXIT_FAILED;

	if (!split_targets_free(dir, j, n))
		goto done;
	if (dry) {
		printf("would make %zu journal%s in %s:\n", n, n == 1 ? "" : "s",
		       dir);
		for (size_t i = 0; i < n; i++)
			say_journal(im, "", &j[i]);
		printf("%zu relationship%s; nothing written (--dry-run)\n",
		       im->read.n, im->read.n == 1 ? "" : "s");
		status = MJ_EXIT_OK;
		goto done;
	}
	if (mj_fs_user_folder(dir) < 0) {
		status = mj_cli_error("cannot make the folder '%s': %s", dir,
				      strerror(errno));
		goto done;
	}
	for (; made < n; made++)
		if (make_journal(ctx, im, dir, &j[made]) < 0) {
			/* all or nothing: the journals this run made go */
			for (size_t i = 0; i <= made; i++)
				mj_jfs_remove_tree(dir, j[i].folder);
			mj_cli_hint("nothing imported; the journals made are "
				    "removed again");
			status = MJ_EXIT_USAGE;
			goto done;
		}
	printf("Imported %zu relationship%s from %s into %zu journal%s in %s:\n",
	       im->read.n, im->read.n == 1 ? "" : "s", im->file, n,
	       n == 1 ? "" : "s", dir);
	for (size_t i = 0; i < n; i++)
		say_journal(im, "", &j[i]);
	printf("Next: in each, git remote add origin URL (its own hub), then "
	       "mjournal sync\n");
	status = MJ_EXIT_OK;
done:
	mj_import_journals_free(j, n);
	return status;
}

static int run(struct mj_ctx *ctx)
{
	struct import im;
	char *text = NULL;
	size_t len;
	bool into = mj_arg_given(&ctx->args, "split");
	int status = MJ_EXIT_FAILED;

	memset(&im, 0, sizeof(im));
	im.file = ctx->args.operands.items[0];
	if (mj_arg_given(&ctx->args, "by") && !into)
		return mj_cli_error("--by needs --split DIR: add --split DIR, or "
				    "leave --by out");
	if (mj_fs_read(im.file, MJ_FILE_SIZE_LIMIT, &text, &len) != MJ_READ_OK)
		return mj_cli_error("cannot read '%s': %s", im.file, strerror(errno));
	mj_import_read(&im.read, im.file, text, len, ctx->today);
	if (!into)
		find_there(&im, &ctx->journal);
	if (!into && im.n_there && imported_before(ctx, &im)) {
		say_problems(&im);
		printf("Imported from %s already: %zu relationship%s, each as "
		       "this file writes it\n", im.file, im.read.n,
		       im.read.n == 1 ? "" : "s");
		status = MJ_EXIT_OK;
	} else if (say_problems(&im), errors(&im))
		mj_cli_error("nothing imported: %zu problem%s in %s (above); "
			     "fix the file and run the import again",
			     errors(&im), errors(&im) == 1 ? "" : "s", im.file);
	else if (into)
		status = split(ctx, &im);
	else if (mj_arg_given(&ctx->args, "dry-run"))
		status = (dry_run(&im), MJ_EXIT_OK);
	else
		status = write_and_commit(ctx, &im);
	free(im.there);
	mj_import_free(&im.read);
	free(text);
	return status;
}

static const struct mj_option options[] = {
	{ "dry-run", 0, MJ_ARG_NONE, NULL, NULL,
	  "check every row and show what would be started; write nothing", 0 },
	{ "split", 0, MJ_ARG_DIR, "DIR", NULL,
	  "a new journal for each pair (or each mentor, with --by mentor), "
	  "each its own git repository, in a folder under DIR; run anywhere "
	  "but inside a journal", MJ_OPT_OUTSIDE },
	{ "by", 0, MJ_ARG_CHOICE, "WHAT", "pair mentor",
	  "with --split: a journal per pair (default) or per mentor", 0 },
	MJ_OPTIONS_END,
};

const struct mj_command mj_cmd_import = {
	.name = "import",
	.summary = "Start relationships from a spreadsheet (CSV with a header "
		   "row), all or nothing, in one commit.",
	.operand = "FILE.csv", .operand_kind = MJ_ARG_FILE,
	.min_operands = 1, .max_operands = 1,
	.options = options,
	.needs = MJ_NEED_TODAY | MJ_NEED_WRITER,
	.run = run,
};
