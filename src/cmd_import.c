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
#include "mj_csv.h"
#include "mj_git.h"
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

enum column { COL_SLUG, COL_MENTOR, COL_MENTEE, COL_TYPE, COL_MODEL,
	      COL_STARTED, COL_ENDS, COL_CADENCE, COL_REVIEW, COL_COUNT };

static const char *const column_names[COL_COUNT] = {
	"slug", "mentor", "mentee", "type", "model", "started", "ends",
	"cadence", "review",
};

struct import {
	const char *file;            /* as given, for messages */
	struct mj_csv csv;
	int *columns;                /* per header field: enum column, or -1 */
	size_t n_columns;
	struct mj_start *rows;       /* the relationships, checked */
	int *lines;
	bool *there;                 /* per row: in the journal already */
	size_t n;
	size_t n_there;
	size_t errors;
};

static void problem(struct import *im, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* FILE:LINE: error: and the message, which may quote a cell: shown,
 * never sent, as every message is. */
static void problem(struct import *im, int line, const char *fmt, ...)
{
	struct mj_buf why = MJ_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	mj_buf_vaddf(&why, fmt, ap);
	va_end(ap);
	mj_cli_print(stderr, "%s:%d: error: %s\n", im->file, line, why.ptr);
	mj_buf_free(&why);
	im->errors++;
}

/* The header row: which column each field is. */
static void read_header(struct import *im)
{
	const struct mj_csv_row *h = &im->csv.rows[0];
	bool seen[COL_COUNT] = { false };

	im->n_columns = h->fields.len;
	im->columns = mj_xcalloc(h->fields.len + 1, sizeof(*im->columns));
	for (size_t i = 0; i < h->fields.len; i++) {
		char *name = mj_str_lower(mj_str_trim(mj_xstrdup(h->fields.items[i])));
		int c = -1;
		for (int k = 0; k < COL_COUNT && c < 0; k++)
			if (!strcmp(name, column_names[k]))
				c = k;
		if (c < 0)
			problem(im, h->line, "unknown column '%s'; the columns are "
				"slug, mentor, mentee (repeat it, or separate "
				"names with ';'), type, model, started, ends, "
				"cadence and review", name);
		else if (seen[c] && c != COL_MENTEE)
			problem(im, h->line, "the column '%s' is there twice", name);
		else
			seen[c] = true;
		im->columns[i] = c;
		free(name);
	}
	for (int k = COL_SLUG; k <= COL_MENTEE; k++)
		if (!seen[k])
			problem(im, h->line, "no column '%s': the header row names "
				"the columns, and slug, mentor and mentee are "
				"needed", column_names[k]);
}

static mj_date date_cell(struct import *im, int line, enum column c,
			 const char *text)
{
	mj_date d = MJ_DATE_NONE;

	if (*text && mj_date_parse_str(&d, text) < 0) {
		problem(im, line, "'%s' is not a real date in the form "
			"YYYY-MM-DD: '%s'", column_names[c], text);
		d = MJ_DATE_NONE;
	}
	return d;
}

/* One data row into s; false when it is blank (or cannot be read). */
static bool read_row(struct import *im, const struct mj_csv_row *row,
		     struct mj_start *s)
{
	bool blank = true;

	memset(s, 0, sizeof(*s));
	s->started = s->ends = s->review = MJ_DATE_NONE;
	for (size_t i = 0; i < row->fields.len; i++)
		if (*mj_str_trim(row->fields.items[i]))
			blank = false;
	if (blank)
		return false;
	if (row->fields.len > im->n_columns) { /* nothing else is sure */
		problem(im, row->line, "%zu fields, but the header names %zu "
			"columns (a name with a comma needs quotes)",
			row->fields.len, im->n_columns);
		return false;
	}
	for (size_t i = 0; i < row->fields.len && i < im->n_columns; i++) {
		char *v = row->fields.items[i], *save = NULL;
		if (!*v)
			continue;
		switch (im->columns[i]) {
		case COL_SLUG: s->slug = v; break;
		case COL_MENTOR: s->mentor = v; break;
		case COL_MENTEE:
			for (char *m = strtok_r(v, ";", &save); m;
			     m = strtok_r(NULL, ";", &save))
				if (*(m = mj_str_trim(m)))
					mj_strvec_push(&s->mentees, m);
			break;
		case COL_TYPE: s->type = v; break;
		case COL_MODEL: s->model = v; break;
		case COL_STARTED: s->started = date_cell(im, row->line, COL_STARTED, v); break;
		case COL_ENDS: s->ends = date_cell(im, row->line, COL_ENDS, v); break;
		case COL_CADENCE: s->cadence = v; break;
		case COL_REVIEW: s->review = date_cell(im, row->line, COL_REVIEW, v); break;
		default: break;
		}
	}
	return true;
}

/* Every row read and checked; the problems said. */
static void check_rows(struct import *im, const struct mj_journal *journal,
		       mj_date today)
{
	im->rows = mj_xcalloc(im->csv.len + 1, sizeof(*im->rows));
	im->lines = mj_xcalloc(im->csv.len + 1, sizeof(*im->lines));
	im->there = mj_xcalloc(im->csv.len + 1, sizeof(*im->there));
	for (size_t r = 1; r < im->csv.len; r++) {
		const struct mj_csv_row *row = &im->csv.rows[r];
		struct mj_start *s = &im->rows[im->n];
		enum mj_file_kind kind;
		char *why;

		if (!read_row(im, row, s))
			continue;
		im->lines[im->n++] = row->line;
		if ((why = mj_start_check(s, today))) {
			problem(im, row->line, "%s", why);
			free(why);
			continue;
		}
		/* said later, unless this very import is there already */
		if (mj_jfs_kind(journal->root, s->slug, &kind) == 0 ||
		    errno != ENOENT) {
			im->there[im->n - 1] = true;
			im->n_there++;
		}
		for (size_t k = 0; k + 1 < im->n; k++)
			if (im->rows[k].slug && !strcmp(im->rows[k].slug, s->slug)) {
				problem(im, row->line, "'%s' is also on line %d",
					s->slug, im->lines[k]);
				break;
			}
	}
}

/* The agreement of every row, from the journal's template, in texts;
 * 0, or -1 after saying why. */
static int agreements(const struct mj_ctx *ctx, const struct import *im,
		      struct mj_strvec *texts)
{
	char *template = NULL;

	if (mj_cli_template(ctx->journal.root, "agreement.ini", &template) < 0)
		return -1;
	for (size_t i = 0; i < im->n; i++)
		mj_strvec_push_owned(texts, mj_start_agreement(template ?
							       template : "",
							       &im->rows[i]));
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
	bool same = !im->errors && im->n_there == im->n &&
		    agreements(ctx, im, &texts) == 0;

	for (size_t i = 0; same && i < im->n; i++)
		same = mj_plan_started_already(ctx->journal.root, im->rows[i].slug,
					      texts.items[i]);
	mj_strvec_free(&texts);
	for (size_t i = 0; !same && i < im->n; i++)
		if (im->there[i])
			problem(im, im->lines[i], "'%s' exists already in the "
				"journal", im->rows[i].slug);
	return same;
}

static int write_and_commit(struct mj_ctx *ctx, struct import *im)
{
	struct mj_strvec slugs = MJ_STRVEC_INIT, texts = MJ_STRVEC_INIT;
	char *copy = mj_xstrdup(im->file), *message = NULL;
	int status = MJ_EXIT_USAGE;

	if (agreements(ctx, im, &texts) < 0)
		goto done;
	for (size_t i = 0; i < im->n; i++)
		mj_strvec_push(&slugs, im->rows[i].slug);
	message = mj_xasprintf("import %zu relationship%s from %s\n", im->n,
			       im->n == 1 ? "" : "s", basename(copy));
	if (mj_plan_start(ctx, &slugs, &texts, message) < 0) {
		mj_cli_hint("nothing imported; the journal is as it was");
		goto done;
	}
	printf("Imported %zu relationship%s from %s:", im->n,
	       im->n == 1 ? "" : "s", im->file);
	for (size_t i = 0; i < im->n; i++)
		printf(" %s", im->rows[i].slug);
	printf("\n");
	status = MJ_EXIT_OK;
done:
	mj_strvec_free(&slugs);
	mj_strvec_free(&texts);
	free(message);
	free(copy);
	return status;
}

static void dry_run(const struct import *im)
{
	char a[MJ_DATE_TEXT_SIZE], b[MJ_DATE_TEXT_SIZE];

	for (size_t i = 0; i < im->n; i++) {
		const struct mj_start *s = &im->rows[i];
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
	printf("%zu relationship%s; nothing written (--dry-run)\n", im->n,
	       im->n == 1 ? "" : "s");
}

static int run(struct mj_ctx *ctx)
{
	struct import im;
	char *text = NULL, *why;
	size_t len;
	int line, status = MJ_EXIT_FAILED;

	memset(&im, 0, sizeof(im));
	im.file = ctx->args.operands.items[0];
	if (mj_fs_read(im.file, MJ_FILE_SIZE_LIMIT, &text, &len) != MJ_READ_OK)
		return mj_cli_error("cannot read '%s': %s", im.file, strerror(errno));
	if ((why = mj_encoding_problem(text, len, &line))) {
		problem(&im, line, "%s", why);
		free(why);
	} else if (mj_csv_read(&im.csv, text, len, &line) < 0) {
		problem(&im, line, "a quoted field is never closed: a '\"' is "
			"missing");
	} else if (im.csv.len < 2) {
		problem(&im, 1, "no relationships: a header row naming the "
			"columns, then one row per relationship");
	} else {
		read_header(&im);
		if (!im.errors)
			check_rows(&im, &ctx->journal, ctx->today);
	}
	if (im.n_there && imported_before(ctx, &im)) {
		printf("Imported from %s already: %zu relationship%s, each as "
		       "this file writes it\n", im.file, im.n,
		       im.n == 1 ? "" : "s");
		status = MJ_EXIT_OK;
	} else if (im.errors)
		mj_cli_error("nothing imported: %zu problem%s in %s (above)",
			     im.errors, im.errors == 1 ? "" : "s", im.file);
	else if (mj_arg_given(&ctx->args, "dry-run"))
		status = (dry_run(&im), MJ_EXIT_OK);
	else
		status = write_and_commit(ctx, &im);
	for (size_t i = 0; i < im.n; i++)
		mj_strvec_free(&im.rows[i].mentees);
	free(im.rows);
	free(im.lines);
	free(im.there);
	free(im.columns);
	mj_csv_free(&im.csv);
	free(text);
	return status;
}

static const struct mj_option options[] = {
	{ "dry-run", 0, MJ_ARG_NONE, NULL, NULL,
	  "check every row and show what would be started; write nothing", 0 },
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
