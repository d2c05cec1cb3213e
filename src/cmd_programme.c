/*
 * cmd_programme.c - mjournal programme: figures across many journals, for
 * the people who run a mentoring programme, without a word of any note.
 *
 * A SOURCE is a journal folder or a git remote.  A remote is fetched into
 * a bare copy under the user's cache folder and read from the tree of its
 * branch: no work tree, nothing written to the source.  Private notes are
 * never listed, so never read; every output is built from programme rows,
 * which have no field for a note's words (mj_programme.h).
 */
#include "mj_cli.h"
#include "mj_commands.h"
#include "mj_csv.h"
#include "mj_git.h"
#include "mj_json.h"
#include "mj_programme.h"
#include "mj_report.h"
#include "mj_template.h"
#include "mj_stats.h"
#include "mj_table.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { FORMAT_TEXT, FORMAT_JSON, FORMAT_CSV };

struct rows {
	struct mj_prog_row *items;
	size_t len, cap;
};

/* https://, ssh://, file://, or scp's user@host:path */
static bool is_remote(const char *source)
{
	const char *colon = strchr(source, ':');

	if (strstr(source, "://"))
		return true;
	return colon && colon > source && !memchr(source, '/', (size_t)(colon - source)) &&
	       access(source, F_OK) != 0;
}

/* $XDG_CACHE_HOME/mjournal/programme, else ~/.cache/...: made if missing. */
static char *cache_dir(void)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	char *dir = xdg && *xdg == '/' ?
		    mj_xasprintf("%s/mjournal/programme", xdg) :
		    mj_xasprintf("%s/.cache/mjournal/programme", home ? home : "/tmp");

	if (mj_fs_mkdir_parents(dir) < 0) {
		mj_cli_error("cannot make '%s': %s", dir, strerror(errno));
		free(dir);
		return NULL;
	}
	return dir;
}

/* The last part of a path or URL, without ".git" or a trailing '/'. */
static char *last_part(const char *source)
{
	char *copy = mj_xstrdup(source), *end, *start;

	end = copy + strlen(copy);
	while (end > copy && end[-1] == '/')
		*--end = '\0';
	if (mj_str_ends_with(copy, ".git"))
		copy[strlen(copy) - 4] = '\0';
	start = strrchr(copy, '/') ? strrchr(copy, '/') + 1 :
		strrchr(copy, ':') ? strrchr(copy, ':') + 1 : copy;
	start = mj_xstrdup(start);
	free(copy);
	return start;
}

/* Rows of a journal's relationships; in_git: read from a git tree, where
 * every private note found is one git holds (private-tracked); tracked:
 * read from a folder, the private notes its git holds (NULL: none). */
static void add_rows(struct rows *out, const struct mj_journal *journal,
		     const char *name, mj_date today, bool in_git,
		     const struct mj_strvec *tracked)
{
	for (size_t i = 0; i < journal->n_relationships; i++) {
		const struct mj_relationship *rel = &journal->relationships[i];
		struct mj_prog_row *row;

		if (!rel->agreement.present)
			continue;
		mj_grow((void **)&out->items, &out->cap, out->len + 1,
			sizeof(*out->items));
		row = &out->items[out->len++];
		mj_prog_row_make(row, name, rel, today);
		for (size_t j = 0; in_git && j < rel->n_notes; j++)
			row->private_tracked += rel->notes[j].is_private;
		for (size_t j = 0; tracked && j < tracked->len; j++)
			row->private_tracked +=
				!mj_journal_path_is_own(tracked->items[j]) &&
				mj_journal_path_in(tracked->items[j], rel->slug);
		row->errors += row->private_tracked;
	}
}

/*
 * The private notes the git of the journal folder holds (in its index or
 * HEAD), into out: a folder is read as its files are, and a private note
 * there is never read, but one git tracks is exposed to whoever the
 * repository is shared with.  Nothing when the folder is in no git
 * repository.
 */
static void tracked_private(const struct mj_journal *journal,
			    struct mj_strvec *out)
{
	struct mj_strvec also = MJ_STRVEC_INIT;
	struct mj_repo *repo = NULL;

	if (mj_git_open(&repo, journal->root) < 0)
		return; /* not in a git repository: nothing is tracked */
	mj_git_write_no_memo(repo); /* nothing written in the folder read */
	mj_journal_private_by_front_matter(journal, &also);
	if (mj_git_tracked_forbidden(repo, &also, out) < 0)
		mj_cli_hint("cannot tell which private notes git holds in '%s': "
			    "%s", journal->root, mj_git_error());
	mj_strvec_free(&also);
	mj_git_free(repo);
}

/*
 * Reads one SOURCE into rows; its journal's name into *name.  shown is
 * the SOURCE as messages and outputs name it (mj_url_redact): the source
 * itself, with its password, goes to libgit2 only.
 */
static int read_source(const char *source, const char *shown, mj_date today,
		       struct rows *out, char **name)
{
	struct mj_journal journal;
	struct mj_source src;
	struct mj_repo *repo = NULL;
	char *root = NULL, *dir = NULL, *ref = NULL;
	int rc = MJ_EXIT_USAGE;

	*name = NULL;
	if (is_remote(source)) {
		char *cache = cache_dir();
		if (!cache)
			return MJ_EXIT_USAGE;
		dir = mj_xasprintf("%s/%016llx.git", cache, (unsigned long long)
				   mj_hash(shown, strlen(shown), MJ_HASH_SEED));
		free(cache);
		if (mj_git_mirror(&repo, dir, source, &ref) < 0 ||
		    mj_git_source_tree(repo, ref, &src) < 0) {
			mj_cli_error("%s", mj_git_error());
			goto done;
		}
		root = mj_xstrdup(dir);
	} else {
		char *real = realpath(source, NULL);
		char *ini = real ? mj_path_join(real, "mjournal.ini") : NULL;
		bool journal_here = ini && mj_fs_exists(ini);

		free(ini);
		if (!journal_here) {
			free(real);
			mj_cli_error("'%s' is not a journal folder or a git remote",
				     shown);
			goto done;
		}
		root = real;
		mj_source_init_fs_shared(&src, root);
	}
	if (mj_journal_load(&journal, root, &src, NULL, 0) < 0) {
		mj_cli_error("cannot read '%s': %s", shown, strerror(errno));
	} else if (!journal.config.name.text && !journal.n_relationships &&
		   journal.diags.len) {
		mj_cli_error("'%s' holds no journal (no mjournal.ini at its top)",
			     shown);
	} else {
		*name = journal.config.name.text ? mj_xstrdup(journal.config.name.text) :
			last_part(shown);
		struct mj_strvec tracked = MJ_STRVEC_INIT;

		if (!repo)
			tracked_private(&journal, &tracked);
		add_rows(out, &journal, *name, today, repo != NULL,
			 repo ? NULL : &tracked);
		mj_strvec_free(&tracked);
		rc = MJ_EXIT_OK;
	}
	mj_journal_free(&journal);
	if (repo)
		mj_git_source_free(&src);
	else
		mj_source_free_fs(&src);
done:
	mj_git_free(repo);
	free(root);
	free(dir);
	free(ref);
	return rc;
}

static const char *health(const struct mj_prog_row *r, char *buf, size_t size)
{
	size_t n;

	/* each part followed by a space, the last one dropped */
	mj_format_findings((size_t)r->errors, (size_t)r->warnings, buf, size);
	n = strlen(buf);
	if (n && n + 1 < size) {
		buf[n++] = ' ';
		buf[n] = '\0';
	}
	if (r->private_tracked && n < size)
		n += (size_t)snprintf(buf + n, size - n, "private-tracked ");
	if (r->overdue && n < size)
		n += (size_t)snprintf(buf + n, size - n, "overdue ");
	if (r->quiet && n < size)
		n += (size_t)snprintf(buf + n, size - n, "quiet ");
	if (r->term_over && n < size)
		n += (size_t)snprintf(buf + n, size - n, "term-over ");
	if (n && n <= size)
		buf[n - 1] = '\0';
	return n ? buf : "ok";
}

static void print_rows(const struct rows *rows)
{
	static const struct mj_column columns[] = {
		{ "JOURNAL", 10, 3, false, false },
		{ "RELATIONSHIP", 14, 0, false, false },
		{ "PEOPLE", 14, 2, false, false },
		{ "STAGE", 0, 0, false, false },
		{ "STATUS", 0, 0, false, false },
		{ "MET", 0, 1, true, false },
		{ "HOURS", 0, 1, true, false },
		{ "LAST", 0, 4, false, false },
		{ "ENDS", 0, 4, false, false },
		{ "ACTIONS", 0, 2, false, false },
		{ "HEALTH", 0, 0, false, false },
	};
	struct mj_table *table = mj_table_new(columns, MJ_ARRAY_SIZE(columns));

	for (size_t i = 0; i < rows->len; i++) {
		const struct mj_prog_row *r = &rows->items[i];
		char people[200], met[32], hours[16], last[MJ_DATE_TEXT_SIZE];
		char ends[MJ_DATE_TEXT_SIZE], actions[32], h[96];

		snprintf(people, sizeof(people), "%s / %s%s", r->mentor,
			 r->mentees.len ? r->mentees.items[0] : "-",
			 r->mentees.len > 1 ? " +" : "");
		if (r->mentees.len > 1)
			snprintf(people + strlen(people), sizeof(people) - strlen(people),
				 "%zu", r->mentees.len - 1);
		snprintf(met, sizeof(met), "%d/%d", r->held, r->missed);
		mj_format_hours(r->minutes, hours, sizeof(hours));
		snprintf(actions, sizeof(actions), r->late_actions ? "%d, %d late" :
			 "%d", r->open_actions, r->late_actions);
		mj_table_add(table, (const char *const[]){
			r->journal, r->slug, people, mj_stage_name(r->stage),
			mj_status_name(r->status), met, hours,
			mj_date_format(r->last_held, last),
			mj_date_format(r->ends, ends), actions,
			health(r, h, sizeof(h)) },
			r->errors ? MJ_STYLE_ERROR :
			r->overdue || r->late_actions || r->term_over ?
			MJ_STYLE_WARNING : MJ_STYLE_PLAIN);
	}
	mj_table_print(table, stdout, mj_terminal_width(stdout),
		       mj_cli_color(stdout));
	mj_table_free(table);
}

static void print_counts(const char *label, const struct mj_prog_counts *c,
			 bool minutes)
{
	printf("  %s:", label);
	for (size_t i = 0; i < c->len; i++) {
		char hours[16];
		if (minutes)
			mj_format_hours(c->items[i].value, hours, sizeof(hours));
		else
			snprintf(hours, sizeof(hours), "%d", c->items[i].value);
		/* a key may be a mentor's name: shown, never sent */
		mj_cli_print(stdout, "%s %s %s", i ? "," : "", c->items[i].key,
			     hours);
	}
	printf("%s\n", c->len ? "" : " none");
}

static void print_share(const char *label, size_t part, size_t whole)
{
	if (whole)
		printf("  %s: %zu of %zu (%zu%%)\n", label, part, whole,
		       (part * 100 + whole / 2) / whole);
	else
		printf("  %s: none yet\n", label);
}

static void print_text(const struct rows *rows, const struct mj_prog_figures *f,
		       size_t journals, mj_date today)
{
	char date[MJ_DATE_TEXT_SIZE], hours[16];

	printf("Programme of %zu journal%s, %s: %zu relationship%s\n\n", journals,
	       journals == 1 ? "" : "s", mj_date_format(today, date),
	       rows->len, rows->len == 1 ? "" : "s");
	if (rows->len)
		print_rows(rows);
	mj_format_hours(f->minutes, hours, sizeof(hours));
	printf("\nFigures\n");
	print_counts("relationships by stage", &f->by_stage, false);
	print_counts("by status", &f->by_status, false);
	printf("  hours: %s in all; sessions held %d, missed %d\n", hours,
	       f->held, f->missed);
	print_counts("hours per mentor", &f->mentor_minutes, true);
	if (f->months.len)
		printf("  month      held  missed  hours\n");
	for (size_t i = 0; i < f->months.len; i++) {
		mj_format_hours(f->months.items[i].value, hours, sizeof(hours));
		printf("  %-7s  %6d  %6d  %5s\n", f->months.items[i].key,
		       f->months.items[i].held, f->months.items[i].missed, hours);
	}
	if (f->median_gap_days >= 0)
		printf("  median days between sessions: %d\n", f->median_gap_days);
	print_share("ended early, of those ended", f->ended_early, f->ended);
	print_share("closed with a complete closing session", f->closed_complete,
		    f->closed);
}

/* A day as a CSV cell: empty when there is none. */
static struct mj_csv_cell date_cell(mj_date date, char *buf)
{
	return (struct mj_csv_cell){ MJ_CSV_DATE, date == MJ_DATE_NONE ? "" :
				     mj_date_format(date, buf) };
}

static void print_csv(const struct rows *rows)
{
	static const char *const header[] = {
		"journal", "slug", "mentor", "mentees", "type", "stage", "status",
		"started", "ends", "closed", "held", "missed", "hours",
		"last_held", "next_due", "open_actions", "late_actions", "errors",
		"warnings", "overdue", "quiet", "term_over",
	};

	mj_csv_write_header(stdout, header, MJ_ARRAY_SIZE(header));
	for (size_t i = 0; i < rows->len; i++) {
		const struct mj_prog_row *r = &rows->items[i];
		char d[5][MJ_DATE_TEXT_SIZE], n[8][16], hours[16];
		struct mj_buf mentees = MJ_BUF_INIT;

		mj_buf_adds(&mentees, "");
		for (size_t k = 0; k < r->mentees.len; k++)
			mj_buf_addf(&mentees, "%s%s", k ? "; " : "", r->mentees.items[k]);
		mj_format_hours(r->minutes, hours, sizeof(hours));
		snprintf(n[0], 16, "%d", r->held);
		snprintf(n[1], 16, "%d", r->missed);
		snprintf(n[2], 16, "%d", r->open_actions);
		snprintf(n[3], 16, "%d", r->late_actions);
		snprintf(n[4], 16, "%d", r->errors);
		snprintf(n[5], 16, "%d", r->warnings);
		const struct mj_csv_cell cells[] = {
			{ MJ_CSV_TEXT, r->journal }, { MJ_CSV_TEXT, r->slug },
			{ MJ_CSV_TEXT, r->mentor }, { MJ_CSV_TEXT, mentees.ptr },
			{ MJ_CSV_TEXT, mj_type_name(r->type) },
			{ MJ_CSV_TEXT, mj_stage_name(r->stage) },
			{ MJ_CSV_TEXT, mj_status_name(r->status) },
			date_cell(r->started, d[0]), date_cell(r->ends, d[1]),
			date_cell(r->closed, d[2]),
			{ MJ_CSV_NUMBER, n[0] }, { MJ_CSV_NUMBER, n[1] },
			{ MJ_CSV_NUMBER, hours },
			date_cell(r->last_held, d[3]), date_cell(r->next_due, d[4]),
			{ MJ_CSV_NUMBER, n[2] }, { MJ_CSV_NUMBER, n[3] },
			{ MJ_CSV_NUMBER, n[4] }, { MJ_CSV_NUMBER, n[5] },
			{ MJ_CSV_BOOL, r->overdue ? "true" : "false" },
			{ MJ_CSV_BOOL, r->quiet ? "true" : "false" },
			{ MJ_CSV_BOOL, r->term_over ? "true" : "false" },
		};
		mj_csv_write_row(stdout, cells, MJ_ARRAY_SIZE(cells));
		mj_buf_free(&mentees);
	}
}

static int run(struct mj_ctx *ctx)
{
	const struct mj_strvec *sources = &ctx->args.operands;
	struct mj_strvec names = MJ_STRVEC_INIT, shown = MJ_STRVEC_INIT;
	struct rows rows = { NULL, 0, 0 };
	struct mj_prog_figures figures;
	int format = mj_arg_choice(&ctx->args, "format");
	const char *output = mj_arg_value(&ctx->args, "output");
	int status = MJ_EXIT_OK;

	for (size_t i = 0; i < sources->len; i++)
		mj_strvec_push_owned(&shown, mj_url_redact(sources->items[i]));
	for (size_t i = 0; i < sources->len && status == MJ_EXIT_OK; i++) {
		char *name;
		status = read_source(sources->items[i], shown.items[i], ctx->today,
				     &rows, &name);
		if (name)
			mj_strvec_push_owned(&names, name);
	}
	if (status == MJ_EXIT_OK) {
		mj_prog_figures(rows.items, rows.len, &figures);
		if (output) {
			struct mj_report site;
			char *css = mj_template_builtin("report.css");
			mj_report_programme(rows.items, rows.len, &figures,
					    sources->len, css, ctx->today, &site);
			status = mj_cli_write_pages(&site, NULL, output);
			if (status == MJ_EXIT_OK)
				fprintf(stderr, "Wrote the programme's site: open "
					"%s/index.html\n", output);
			mj_report_free(&site);
			free(css);
		}
		if (format == FORMAT_JSON)
			mj_json_print_programme(stdout, ctx->today, &shown, &names,
						rows.items, rows.len, &figures);
		else if (format == FORMAT_CSV)
			print_csv(&rows);
		else
			print_text(&rows, &figures, sources->len, ctx->today);
		mj_prog_figures_free(&figures);
	}
	for (size_t i = 0; i < rows.len; i++)
		mj_prog_row_free(&rows.items[i]);
	free(rows.items);
	mj_strvec_free(&names);
	mj_strvec_free(&shown);
	return status;
}

static const struct mj_option options[] = {
	{ "format", 0, MJ_ARG_CHOICE, "FORMAT", "text json csv",
	  "text (default), json, or csv: one row per relationship", 0 },
	{ "output", 'o', MJ_ARG_DIR, "DIR", NULL,
	  "also write the programme's site (HTML, SVG charts) into DIR", 0 },
	MJ_OPTIONS_END,
};

/* no journal of its own: it reads the journals it is given */
const struct mj_command mj_cmd_programme = {
	.name = "programme",
	.summary = "Figures across many journals (folders or git remotes) for "
		   "a programme manager, without a word of any note.",
	.operand = "SOURCE", .operand_kind = MJ_ARG_DIR,
	.min_operands = 1, .max_operands = UINT_MAX,
	.options = options,
	.needs = MJ_NEED_TODAY,
	.run = run,
};
