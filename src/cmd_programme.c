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
#include "mj_hub_figures.h"
#include "mj_json.h"
#include "mj_programme.h"
#include "mj_report.h"
#include "mj_template.h"
#include "mj_stats.h"
#include "mj_table.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { FORMAT_TEXT, FORMAT_JSON, FORMAT_CSV };

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

/*
 * The private notes the git of the journal folder holds (in its index or
 * HEAD), into out: a folder is read as its files are, and a private note
 * there is never read, but one git tracks is exposed to whoever the
 * repository is shared with.  Nothing when the folder is in no git
 * repository.
 */
static void tracked_private(const char *root,
			    const struct mj_prog_reader *reader,
			    struct mj_strvec *out)
{
	struct mj_strvec also = MJ_STRVEC_INIT;
	struct mj_repo *repo = NULL;

	if (mj_git_open(&repo, root) < 0)
		return; /* not in a git repository: nothing is tracked */
	mj_git_write_no_memo(repo); /* nothing written in the folder read */
	mj_prog_reader_private(reader, &also);
	if (mj_git_tracked_forbidden(repo, &also, out) < 0)
		mj_cli_hint("cannot tell which private notes git holds in '%s': "
			    "%s", root, mj_git_error());
	mj_strvec_free(&also);
	mj_git_free(repo);
}

/* Where a source is: the resolved path of a folder or of a file://
 * URL, else the URL without its user, a trailing '/' or ".git" and with
 * its scheme and host in lower case; caller frees. */
static char *source_key(const char *source)
{
	const char *path = !strncmp(source, "file://", 7) ? source + 7 :
			   is_remote(source) ? NULL : source;
	char *real = path ? realpath(path, NULL) : NULL, *key, *end, *sep;

	if (real)
		return real;
	key = mj_url_redact(source);
	end = key + strlen(key);
	while (end > key && end[-1] == '/')
		*--end = '\0';
	if (mj_str_ends_with(key, ".git"))
		key[strlen(key) - 4] = '\0';
	if ((sep = strstr(key, "://")))
		for (char *p = key; *p && (p < sep + 3 || *p != '/'); p++)
			*p = (char)tolower((unsigned char)*p);
	return key;
}

/* The copy of a remote under the cache folder; NULL after saying why. */
static char *copy_dir(const char *shown)
{
	char *cache = cache_dir(), *dir;

	if (!cache)
		return NULL;
	dir = mj_xasprintf("%s/%016llx.git", cache, (unsigned long long)
			   mj_hash(shown, strlen(shown), MJ_HASH_SEED));
	free(cache);
	return dir;
}

/*
 * Opens the copy of the remote source (fetched now, or, when the remote
 * cannot be reached, as an earlier run fetched it: *fetched that day,
 * else MJ_DATE_NONE) and its tree; *copy: the copy's folder.  0, or -1
 * with src->error set.
 */
static int open_remote(const char *source, struct mj_prog_source *src,
		       struct mj_repo **repo, struct mj_source *tree,
		       char **tip, char **copy)
{
	char *dir = copy_dir(src->shown), *ref = NULL;
	long long when;
	int rc = -1;

	if (!dir) {
		src->error = mj_xasprintf("no cache folder for a copy of '%s'",
					  src->shown);
		return -1;
	}
	if (mj_git_mirror(repo, dir, source, &ref) < 0) {
		/* out of reach: its copy; refused (a key, a password): not */
		src->error = mj_xstrdup(mj_git_error());
		if (!mj_git_unreachable() ||
		    mj_git_mirror_cached(repo, dir, &ref, &when) < 0)
			goto done;
		src->fetched = mj_date_of_time((time_t)when);
	}
	if (mj_git_source_tree(*repo, ref, tree) < 0) {
		free(src->error);
		src->error = mj_xstrdup(mj_git_error());
		src->fetched = MJ_DATE_NONE;
		mj_git_free(*repo);
		*repo = NULL;
		goto done;
	}
	*tip = mj_git_ref_commit(*repo, ref);
	*copy = dir;
	dir = NULL;
	rc = 0;
done:
	free(dir);
	free(ref);
	return rc;
}

/* The commit a folder's git is at, or NULL. */
static char *folder_tip(const char *root)
{
	struct mj_repo *repo = NULL;
	char *tip = NULL;

	if (mj_git_open(&repo, root) == 0)
		tip = mj_git_ref_commit(repo, "HEAD");
	mj_git_free(repo);
	return tip;
}

/*
 * Reads one SOURCE into rows; into src, its journal's name, or why it
 * cannot be read.  src->shown is the SOURCE as messages and outputs name
 * it (mj_url_redact): the source itself, with its password, goes to
 * libgit2 only.  *tip: the commit read (a remote's branch, or a folder's
 * HEAD), or NULL.
 */
/*
 * Reads the figures the encrypted hub source publishes for its programme
 * (this keyring may not read its journal) into rows and known: 0, or -1
 * with src->error set.
 */
static int read_figures(const char *source, struct mj_prog_source *src,
			struct mj_prog_rows *out, struct mj_prog_known *known)
{
	char *dir = copy_dir(src->shown), *journal = NULL, *why = NULL;
	mj_date day;

	free(src->error);
	src->error = NULL;
	if (!dir) {
		src->error = mj_xasprintf("no cache folder for a copy of '%s'",
					  src->shown);
		return -1;
	}
	if (mj_hub_figures_read(dir, source, out, known, &journal, &day,
				&why) < 0) {
		src->error = why;
		free(dir);
		return -1;
	}
	src->journal = journal ? journal : mj_prog_source_name(src->shown);
	src->figures_of = day;
	free(dir);
	return 0;
}

static int read_source(const char *source, struct mj_prog_source *src,
		       mj_date today, struct mj_prog_rows *out,
		       struct mj_prog_known *known, char **tip)
{
	struct mj_journal journal;
	struct mj_prog_reader reader;
	struct mj_visitor visitor;
	struct mj_source tree;
	struct mj_repo *repo = NULL;
	char *root = NULL;

	*tip = NULL;
	if (is_remote(source)) {
		if (open_remote(source, src, &repo, &tree, tip, &root) < 0) {
			/* an encrypted hub, and no key of its readers: the
			 * figures it publishes for the programme's key */
			if (!strncmp(source, "gcrypt::", 8) && mj_git_not_a_reader())
				return read_figures(source, src, out, known);
			return -1;
		}
		if (src->fetched == MJ_DATE_NONE) {
			free(src->error);
			src->error = NULL;
		}
	} else {
		char *real = realpath(source, NULL);
		char *ini = real ? mj_path_join(real, "mjournal.ini") : NULL;
		bool journal_here = ini && mj_fs_exists(ini);

		free(ini);
		if (!journal_here) {
			free(real);
			src->error = mj_xasprintf("'%s' is not a journal folder "
						  "or a git remote", src->shown);
			return -1;
		}
		root = real;
		mj_source_init_fs_shared(&tree, root);
		*tip = folder_tip(root);
	}
	/* row by row as it is read: its notes are let go */
	mj_prog_reader_init(&reader, today, repo != NULL, &visitor);
	if (mj_journal_visit(&journal, root, &tree, NULL, 0, &visitor) < 0) {
		src->error = mj_xasprintf("cannot read '%s': %s", src->shown,
					  strerror(errno));
	} else {
		struct mj_strvec tracked = MJ_STRVEC_INIT;
		size_t first = out->len;

		src->journal = journal.config.name.text ?
			       mj_xstrdup(journal.config.name.text) :
			       mj_prog_source_name(src->shown);
		if (!repo)
			tracked_private(root, &reader, &tracked);
		mj_prog_reader_take(&reader, out, src->journal,
				    repo ? NULL : &tracked);
		for (size_t i = first; i < out->len; i++)
			out->items[i].fetched = src->fetched;
		mj_strvec_free(&tracked);
		if (!journal.config.name.text && out->len == first &&
		    journal.diags.len) {
			src->error = mj_xasprintf("'%s' holds no journal (no "
						  "mjournal.ini at its top)",
						  src->shown);
			free(src->journal);
			src->journal = NULL;
		}
	}
	mj_journal_free(&journal);
	if (repo)
		mj_git_source_free(&tree);
	else
		mj_source_free_fs(&tree);
	mj_git_free(repo);
	free(root);
	return src->journal ? 0 : -1;
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
	if (r->no_agreement && n < size)
		n += (size_t)snprintf(buf + n, size - n, "no-agreement ");
	if (r->fetched != MJ_DATE_NONE && n < size)
		n += (size_t)snprintf(buf + n, size - n, "from-copy ");
	if (n && n <= size)
		buf[n - 1] = '\0';
	return n ? buf : "ok";
}

/* Does a slug appear in two journals: the journal is then what tells
 * their rows apart. */
static bool slugs_repeat(const struct mj_prog_rows *rows)
{
	struct mj_strvec slugs = MJ_STRVEC_INIT;
	bool repeat = false;

	for (size_t i = 0; i < rows->len; i++)
		mj_strvec_push(&slugs, rows->items[i].slug);
	mj_strvec_sort(&slugs);
	for (size_t i = 1; i < slugs.len && !repeat; i++)
		repeat = !strcmp(slugs.items[i - 1], slugs.items[i]);
	mj_strvec_free(&slugs);
	return repeat;
}

static void print_rows(const struct mj_prog_rows *rows)
{
	struct mj_column columns[] = {
		{ "JOURNAL", 10, 3, false, false },
		{ "RELATIONSHIP", 0, 0, false, false },
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
	struct mj_table *table;

	if (slugs_repeat(rows))
		columns[0].drop_rank = 0; /* shortened, never left out */
	table = mj_table_new(columns, MJ_ARRAY_SIZE(columns));

	for (size_t i = 0; i < rows->len; i++) {
		const struct mj_prog_row *r = &rows->items[i];
		char people[200], met[32], hours[16], last[MJ_DATE_TEXT_SIZE];
		char ends[MJ_DATE_TEXT_SIZE], actions[32], h[96];

		snprintf(people, sizeof(people), "%s / %s%s",
			 *r->mentor ? r->mentor : "-",
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
			mj_prog_status_name(r), met, hours,
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

/* "  LABEL: key n, key n", wrapped between words within the terminal
 * (80 columns elsewhere), its next lines at 4 */
static void print_counts(const char *label, const struct mj_prog_counts *c,
			 bool minutes)
{
	struct mj_buf line = MJ_BUF_INIT, wrapped = MJ_BUF_INIT;
	char *shown;

	mj_buf_addf(&line, "%s:", label);
	for (size_t i = 0; i < c->len; i++) {
		char hours[16];
		if (minutes)
			mj_format_hours(c->items[i].value, hours, sizeof(hours));
		else
			snprintf(hours, sizeof(hours), "%d", c->items[i].value);
		mj_buf_addf(&line, "%s %s %s", i ? "," : "", c->items[i].key,
			    hours);
	}
	mj_buf_adds(&line, c->len ? "" : " none");
	/* a key may be a mentor's name: shown, never sent */
	shown = mj_visible(line.ptr, false);
	mj_buf_adds(&wrapped, "  ");
	mj_wrap(&wrapped, shown, 2, 4, mj_cli_width(stdout));
	printf("%s\n", wrapped.ptr);
	free(shown);
	mj_buf_free(&line);
	mj_buf_free(&wrapped);
}

/* Hours per mentor: a table, mentors in order (numbers as numbers). */
static void print_mentors(const struct mj_prog_counts *c)
{
	static const struct mj_column columns[] = {
		{ "MENTOR", 12, 0, false, false },
		{ "HOURS", 0, 0, true, false },
	};
	struct mj_table *table;

	if (!c->len)
		return;
	table = mj_table_new(columns, MJ_ARRAY_SIZE(columns));
	for (size_t i = 0; i < c->len; i++) {
		char hours[16];

		mj_format_hours(c->items[i].value, hours, sizeof(hours));
		mj_table_add(table, (const char *const[]){ c->items[i].key, hours },
			     MJ_STYLE_PLAIN);
	}
	printf("\nHours per mentor\n");
	mj_table_print(table, stdout, mj_terminal_width(stdout),
		       mj_cli_color(stdout));
	mj_table_free(table);
}

static void print_share(const char *label, size_t part, size_t whole)
{
	if (whole)
		printf("  %s: %zu of %zu (%zu%%)\n", label, part, whole,
		       (part * 100 + whole / 2) / whole);
	else
		printf("  %s: none yet\n", label);
}

static void print_text(const struct mj_prog_rows *rows, const struct mj_prog_figures *f,
		       const struct mj_prog_source *sources, size_t n_sources,
		       size_t journals, mj_date today)
{
	char date[MJ_DATE_TEXT_SIZE], hours[16], median[16];

	printf("Programme of %zu journal%s, %s: %zu relationship%s\n", journals,
	       journals == 1 ? "" : "s", mj_date_format(today, date),
	       rows->len, rows->len == 1 ? "" : "s");
	for (size_t i = 0; i < n_sources; i++) {
		const struct mj_prog_source *s = &sources[i];

		if (s->same_as)
			continue;
		if (s->fetched != MJ_DATE_NONE)
			mj_cli_print(stdout, "From its copy fetched %s, as it "
				     "cannot be reached: %s\n",
				     mj_date_format(s->fetched, date), s->shown);
		else if (s->figures_of != MJ_DATE_NONE)
			mj_cli_print(stdout, "From the figures its last push left "
				     "(of %s; encrypted journal): %s\n",
				     mj_date_format(s->figures_of, date), s->shown);
		else if (s->error)
			mj_cli_print(stdout, "Not read: %s\n", s->error);
	}
	printf("\n");
	if (rows->len) {
		struct mj_buf legend = MJ_BUF_INIT;

		print_rows(rows);
		/* within the terminal, and within 80 columns elsewhere */
		mj_buf_adds(&legend, "");
		mj_wrap(&legend, "MET sessions held/missed; HOURS of held "
			"sessions; ACTIONS open, and how many are late; HEALTH "
			"what check finds (1E: one error, 2W: two warnings), and "
			"overdue, quiet, term-over, private-tracked, "
			"no-agreement, from-copy", 0, 0, mj_cli_width(stdout));
		printf("\n%s\n", legend.ptr);
		mj_buf_free(&legend);
	}
	mj_format_hours(f->minutes, hours, sizeof(hours));
	printf("\nFigures\n");
	print_counts("relationships by stage", &f->by_stage, false);
	print_counts("by status", &f->by_status, false);
	printf("  hours: %s in all; sessions held %d, missed %d\n", hours,
	       f->held, f->missed);
	if (f->months.len)
		printf("  month      held  missed  hours\n");
	for (size_t i = 0; i < f->months.len; i++) {
		mj_format_hours(f->months.items[i].value, hours, sizeof(hours));
		printf("  %-7s  %6d  %6d  %5s\n", f->months.items[i].key,
		       f->months.items[i].held, f->months.items[i].missed, hours);
	}
	if (f->median_gap_days >= 0)
		printf("  median days between sessions: %s\n",
		       mj_prog_days_text(f->median_gap_days, median));
	print_share("ended early, of those ended", f->ended_early, f->ended);
	print_share("closed with a complete closing session", f->closed_complete,
		    f->closed);
	print_mentors(&f->mentor_minutes);
}

/* A day as a CSV cell: empty when there is none. */
static struct mj_csv_cell date_cell(mj_date date, char *buf)
{
	return (struct mj_csv_cell){ MJ_CSV_DATE, date == MJ_DATE_NONE ? "" :
				     mj_date_format(date, buf) };
}

static void print_csv(const struct mj_prog_rows *rows)
{
	static const char *const header[] = {
		"journal", "slug", "mentor", "mentees", "type", "stage", "status",
		"started", "ends", "closed", "held", "missed", "hours",
		"last_held", "next_due", "open_actions", "late_actions", "errors",
		"warnings", "overdue", "quiet", "term_over", "fetched",
	};

	mj_csv_write_header(stdout, header, MJ_ARRAY_SIZE(header));
	for (size_t i = 0; i < rows->len; i++) {
		const struct mj_prog_row *r = &rows->items[i];
		char d[6][MJ_DATE_TEXT_SIZE], n[8][16], hours[16];
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
			{ MJ_CSV_TEXT, mj_prog_status_name(r) },
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
			date_cell(r->fetched, d[5]),
		};
		mj_csv_write_row(stdout, cells, MJ_ARRAY_SIZE(cells));
		mj_buf_free(&mentees);
	}
}

/* The index of text in v, or -1. */
static long index_of(const struct mj_strvec *v, const char *text)
{
	for (size_t i = 0; i < v->len; i++)
		if (!strcmp(v->items[i], text))
			return (long)i;
	return -1;
}

/*
 * Reads every source into rows, each journal once: a source at a path,
 * URL or commit read before (the same folder given twice, a repository
 * by file:// and by git://) is named and left out.  A source that cannot
 * be read is named and the others read.  The number of journals read.
 */
static size_t read_sources(const struct mj_strvec *given,
			   struct mj_prog_source *sources, mj_date today,
			   struct mj_prog_rows *rows, struct mj_prog_known *known)
{
	struct mj_strvec keys = MJ_STRVEC_INIT, tips = MJ_STRVEC_INIT;
	size_t journals = 0;

	for (size_t i = 0; i < given->len; i++) {
		struct mj_prog_source *src = &sources[i];
		size_t first = rows->len;
		char date[MJ_DATE_TEXT_SIZE], *tip = NULL;
		long same;

		src->shown = mj_url_redact(given->items[i]);
		src->fetched = src->figures_of = MJ_DATE_NONE;
		known[i].median_gap_days = -1;
		mj_strvec_push_owned(&keys, source_key(given->items[i]));
		same = index_of(&keys, keys.items[i]);
		if (same == (long)i &&
		    read_source(given->items[i], src, today, rows, &known[i],
				&tip) < 0) {
			mj_cli_error("%s", src->error); /* it names the source */
			same = -1;
		} else if (same == (long)i && tip && index_of(&tips, tip) >= 0) {
			same = index_of(&tips, tip);
			while (rows->len > first)
				mj_prog_row_free(&rows->items[--rows->len]);
		}
		mj_strvec_push_owned(&tips, tip ? tip : mj_xstrdup(""));
		if (same >= 0 && same != (long)i) {
			src->same_as = mj_xstrdup(sources[same].shown);
			mj_cli_print(stderr, "mjournal: '%s' is the journal of '%s' "
				     "again: counted once\n", src->shown,
				     src->same_as);
		} else if (same == (long)i) {
			journals++;
		}
		if (src->fetched != MJ_DATE_NONE && !src->same_as)
			mj_cli_print(stderr, "mjournal: cannot reach '%s' (%s); its "
				     "copy fetched %s is read instead\n", src->shown,
				     src->error, mj_date_format(src->fetched, date));
	}
	mj_strvec_free(&keys);
	mj_strvec_free(&tips);
	return journals;
}

static int run(struct mj_ctx *ctx)
{
	const struct mj_strvec *given = &ctx->args.operands;
	struct mj_prog_source *sources = mj_xcalloc(given->len + 1,
						    sizeof(*sources));
	struct mj_prog_known *known = mj_xcalloc(given->len + 1, sizeof(*known));
	struct mj_prog_rows rows = { NULL, 0, 0 };
	struct mj_prog_figures figures;
	int format = mj_arg_choice(&ctx->args, "format");
	const char *output = mj_arg_value(&ctx->args, "output");
	size_t journals = read_sources(given, sources, ctx->today, &rows, known);
	int status = MJ_EXIT_OK;

	for (size_t i = 0; i < given->len; i++)
		if (sources[i].error && sources[i].fetched == MJ_DATE_NONE)
			status = MJ_EXIT_FAILED; /* the others are reported */
	if (!journals)
		status = MJ_EXIT_USAGE;
	if (journals) {
		mj_prog_figures_with(rows.items, rows.len, known, given->len,
				     &figures);
		if (output) {
			struct mj_report site;
			char *css = mj_template_builtin("report.css");
			mj_report_programme(rows.items, rows.len, &figures,
					    sources, given->len, css, ctx->today,
					    &site);
			if (mj_cli_write_pages(&site, NULL, output) != MJ_EXIT_OK)
				status = MJ_EXIT_USAGE;
			else
				fprintf(stderr, "Wrote the programme's site: open "
					"%s/index.html\n", output);
			mj_report_free(&site);
			free(css);
		}
		if (format == FORMAT_JSON)
			mj_json_print_programme(stdout, ctx->today, sources,
						given->len, rows.items, rows.len,
						&figures);
		else if (format == FORMAT_CSV)
			print_csv(&rows);
		else
			print_text(&rows, &figures, sources, given->len, journals,
				   ctx->today);
		mj_prog_figures_free(&figures);
	}
	for (size_t i = 0; i < rows.len; i++)
		mj_prog_row_free(&rows.items[i]);
	free(rows.items);
	for (size_t i = 0; i < given->len; i++) {
		mj_prog_source_free(&sources[i]);
		mj_prog_known_free(&known[i]);
	}
	free(sources);
	free(known);
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
