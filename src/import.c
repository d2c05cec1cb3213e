/*
 * import.c - a spreadsheet of relationships to start, read and checked.
 */
#include "mj_import.h"
#include "mj_command.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define RULE "import"

enum column { COL_SLUG, COL_MENTOR, COL_MENTEE, COL_TYPE, COL_MODEL,
	      COL_STARTED, COL_ENDS, COL_CADENCE, COL_REVIEW, COL_COUNT };

static const char *const column_names[COL_COUNT + 1] = {
	"slug", "mentor", "mentee", "type", "model", "started", "ends",
	"cadence", "review", NULL,
};

#define COLUMNS_READ "slug, mentor, mentee (repeat it, or separate names " \
	"with ';'), type, model, started, ends, cadence and review"

struct reader {
	struct mj_import *im;
	const char *file;
	int *columns;      /* per header field: enum column, or -1 */
	size_t n_columns;
};

static void problem(struct reader *r, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void problem(struct reader *r, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	mj_diags_vadd(&r->im->diags, r->file, line, 0, MJ_LEVEL_ERROR, RULE,
		      fmt, ap);
	va_end(ap);
}

/* Does any data row hold something in field i? */
static bool column_used(const struct mj_csv *csv, size_t i)
{
	for (size_t r = 1; r < csv->len; r++)
		if (i < csv->rows[r].fields.len &&
		    *mj_str_trim(csv->rows[r].fields.items[i]))
			return true;
	return false;
}

/* "'a', 'b' and column 7 (no name)" */
static void add_list_item(struct mj_buf *list, size_t at, size_t count,
			  const char *item)
{
	mj_buf_addf(list, "%s%s", !at ? "" : at + 1 == count ? " and " : ", ",
		    item);
}

/* The header row: which column each field is. */
static void read_header(struct reader *r)
{
	const struct mj_csv_row *h = &r->im->csv.rows[0];
	bool seen[COL_COUNT] = { false };
	struct mj_strvec ignored = MJ_STRVEC_INIT;

	r->n_columns = h->fields.len;
	r->columns = mj_xcalloc(h->fields.len + 1, sizeof(*r->columns));
	for (size_t i = 0; i < h->fields.len; i++) {
		char *copy = mj_xstrdup(h->fields.items[i]);
		char *name = mj_str_trim(copy);
		char *lower = mj_str_lower(mj_xstrdup(name));
		const char *near;
		int c = -1;

		for (int k = 0; k < COL_COUNT && c < 0; k++)
			if (!strcasecmp(name, column_names[k]))
				c = k;
		r->columns[i] = c;
		if (c >= 0 && seen[c] && c != COL_MENTEE)
			problem(r, h->line, "the column '%s' is there twice",
				column_names[c]);
		else if (c >= 0)
			seen[c] = true;
		else if (!*name && column_used(&r->im->csv, i))
			mj_strvec_push_owned(&ignored, mj_xasprintf(
				"column %zu (no name)", i + 1));
		else if ((near = mj_suggest(lower, column_names)))
			problem(r, h->line, "unknown column '%s': did you mean "
				"'%s'? (the columns are " COLUMNS_READ ")", name,
				near);
		else if (*name)
			mj_strvec_push_owned(&ignored, mj_xasprintf("'%s'",
								    name));
		free(lower);
		free(copy);
	}
	for (int k = COL_SLUG; k <= COL_MENTEE; k++)
		if (!seen[k])
			problem(r, h->line, "no column '%s': the header row names "
				"the columns, and slug, mentor and mentee are "
				"needed", column_names[k]);
	if (ignored.len) {
		struct mj_buf list = MJ_BUF_INIT;

		for (size_t i = 0; i < ignored.len; i++)
			add_list_item(&list, i, ignored.len, ignored.items[i]);
		mj_diags_add(&r->im->diags, r->file, h->line, 0, MJ_LEVEL_INFO,
			     RULE, "ignoring the column%s %s: mjournal reads "
			     COLUMNS_READ, ignored.len == 1 ? "" : "s", list.ptr);
		mj_buf_free(&list);
	}
	mj_strvec_free(&ignored);
}

static bool two_digits(const char *s)
{
	return s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9';
}

/*
 * A date cell with a time of day, as a spreadsheet writes a date it
 * holds as a moment: YYYY-MM-DD, a space or T, HH:MM, optionally :SS and
 * a fraction, optionally Z.  1 when the time is 00:00 (*out is the day),
 * 0 when it is another time, -1 when text is not such a cell.
 */
static int day_at_midnight(mj_date *out, const char *text)
{
	const char *t = text + 11;
	size_t n;
	bool zero;

	if (strlen(text) < 16 || (text[10] != ' ' && text[10] != 'T') ||
	    mj_date_parse(out, text, 10) < 0 || !two_digits(t) ||
	    t[2] != ':' || !two_digits(t + 3) || t[0] > '2' ||
	    (t[0] == '2' && t[1] > '3') || t[3] > '5')
		return -1;
	n = 5;
	if (t[n] == ':') {
		if (!two_digits(t + n + 1) || t[n + 1] > '5')
			return -1;
		n += 3;
		if (t[n] == '.' && (t[n + 1] >= '0' && t[n + 1] <= '9'))
			n += 1 + strspn(t + n + 1, "0123456789");
	}
	n += t[n] == 'Z';
	if (t[n])
		return -1;
	zero = strspn(t, "0:.Z") == n;
	return zero ? 1 : 0;
}

/* A date cell into *out; false (and said) when it cannot be read. */
static bool date_cell(struct reader *r, int line, enum column c, char *text,
		      mj_date *out)
{
	text = mj_str_trim(text);
	if (mj_date_parse_str(out, text) == 0)
		return true;
	switch (day_at_midnight(out, text)) {
	case 1:
		return true;
	case 0:
		problem(r, line, "'%s' is a date with a time of day, '%s': "
			"give the day alone, YYYY-MM-DD (a time is read only "
			"when it is 00:00, as a spreadsheet writes a date)",
			column_names[c], text);
		break;
	default:
		problem(r, line, "'%s' is not a real date in the form "
			"YYYY-MM-DD: '%s'", column_names[c], text);
	}
	*out = MJ_DATE_NONE;
	return false;
}

/* "a comma", "a ';'", "a tab" */
static const char *separator_name(char sep)
{
	return sep == ',' ? "a comma" : sep == ';' ? "a ';'" :
	       sep == '\t' ? "a tab" : "the separator";
}

/* One data row into s; false when it is blank (or cannot be read at
 * all).  *dates_read is false when a date cell could not be read. */
static bool read_row(struct reader *r, const struct mj_csv_row *row,
		     struct mj_start *s, bool *dates_read)
{
	size_t used = 0;

	memset(s, 0, sizeof(*s));
	s->started = s->ends = s->review = MJ_DATE_NONE;
	*dates_read = true;
	for (size_t i = 0; i < row->fields.len; i++)
		if (*mj_str_trim(row->fields.items[i]))
			used = i + 1;
	if (!used)
		return false;
	if (used > r->n_columns) { /* nothing else is sure */
		problem(r, row->line, "%zu fields, but the header names %zu "
			"columns (a name with %s needs quotes)", used,
			r->n_columns, separator_name(r->im->csv.separator));
		return false;
	}
	for (size_t i = 0; i < used; i++) {
		char *v = row->fields.items[i], *save = NULL;
		if (!*v)
			continue;
		switch (r->columns[i]) {
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
		case COL_STARTED:
			*dates_read &= date_cell(r, row->line, COL_STARTED, v,
						 &s->started);
			break;
		case COL_ENDS:
			*dates_read &= date_cell(r, row->line, COL_ENDS, v,
						 &s->ends);
			break;
		case COL_CADENCE: s->cadence = v; break;
		case COL_REVIEW:
			*dates_read &= date_cell(r, row->line, COL_REVIEW, v,
						 &s->review);
			break;
		default: break;
		}
	}
	return true;
}

/*
 * Checks s; when a date could not be read, everything but the term
 * (whose checks would judge a default in its place: "'ends' must come
 * after 'started'" for a start nobody could read).  NULL or why.
 */
static char *check_row(struct mj_start *s, bool dates_read, mj_date today)
{
	struct mj_start without_dates;

	if (dates_read)
		return mj_start_check(s, today);
	without_dates = *s;
	without_dates.started = without_dates.ends = MJ_DATE_NONE;
	without_dates.review = MJ_DATE_NONE;
	return mj_start_check(&without_dates, today);
}

/* Every row read and checked; the problems said. */
static void check_rows(struct reader *r, mj_date today)
{
	struct mj_import *im = r->im;

	im->rows = mj_xcalloc(im->csv.len + 1, sizeof(*im->rows));
	im->lines = mj_xcalloc(im->csv.len + 1, sizeof(*im->lines));
	im->checked = mj_xcalloc(im->csv.len + 1, sizeof(*im->checked));
	for (size_t i = 1; i < im->csv.len; i++) {
		const struct mj_csv_row *row = &im->csv.rows[i];
		struct mj_start *s = &im->rows[im->n];
		bool dates_read;
		char *why;

		if (!read_row(r, row, s, &dates_read))
			continue;
		im->lines[im->n++] = row->line;
		if ((why = check_row(s, dates_read, today))) {
			problem(r, row->line, "%s", why);
			free(why);
			continue;
		}
		if (!dates_read)
			continue;
		im->checked[im->n - 1] = true;
		for (size_t k = 0; k + 1 < im->n; k++)
			if (im->rows[k].slug && !strcmp(im->rows[k].slug, s->slug)) {
				problem(r, row->line, "'%s' is also on line %d",
					s->slug, im->lines[k]);
				break;
			}
	}
}

/* "in the 'mentor' column", "in column 4" */
static char *where_in_row(const struct mj_csv *csv, size_t field, int line)
{
	const struct mj_csv_row *h = csv->len ? &csv->rows[0] : NULL;

	if (h && h->line < line && field < h->fields.len &&
	    *h->fields.items[field] && strlen(h->fields.items[field]) < 40)
		return mj_xasprintf("in the '%s' column",
				    h->fields.items[field]);
	return mj_xasprintf("in column %zu", field + 1);
}

/* Quotes that do not pair up, named as what they are. */
static void quote_problem(struct reader *r, const struct mj_csv_error *e)
{
	char *where = where_in_row(&r->im->csv, e->field, e->line);

	switch (e->problem) {
	case MJ_CSV_QUOTE_IN_CELL:
		problem(r, e->line, "a quote inside an unquoted cell (%s): a "
			"cell that holds '\"' is written in quotes, each '\"' "
			"doubled, as \"O\"\"Brien\"", where);
		break;
	case MJ_CSV_AFTER_QUOTE:
		problem(r, e->line, "text after the quote that closes a quoted "
			"cell (%s): a '\"' inside a quoted cell is doubled, as "
			"\"O\"\"Brien\"", where);
		break;
	case MJ_CSV_UNCLOSED:
	default:
		problem(r, e->line, "a quoted field is never closed: a '\"' is "
			"missing (the cell %s starts with one)", where);
	}
	free(where);
}

void mj_import_read(struct mj_import *out, const char *file, const char *text,
		    size_t len, mj_date today)
{
	struct reader r = { out, file, NULL, 0 };
	struct mj_csv_error error;
	char *why;
	int line;

	memset(out, 0, sizeof(*out));
	if ((why = mj_encoding_problem(text, len, &line))) {
		problem(&r, line, "%s", why);
		free(why);
	} else if (mj_csv_read(&out->csv, text, len, &error) < 0) {
		quote_problem(&r, &error);
	} else if (out->csv.len < 2) {
		problem(&r, out->csv.len ? out->csv.rows[0].line : 1,
			"no relationships: a header row naming the columns, "
			"then one row per relationship");
	} else {
		read_header(&r);
		if (!mj_diags_count(&out->diags, MJ_LEVEL_ERROR))
			check_rows(&r, today);
	}
	free(r.columns);
}

void mj_import_free(struct mj_import *im)
{
	for (size_t i = 0; i < im->n; i++)
		mj_strvec_free(&im->rows[i].mentees);
	free(im->rows);
	free(im->lines);
	free(im->checked);
	mj_csv_free(&im->csv);
	mj_diags_free(&im->diags);
	memset(im, 0, sizeof(*im));
}

/* The mentor cell as compared: trimmed, ASCII letters lower-cased. */
static char *mentor_key(const char *mentor)
{
	char *copy = mj_xstrdup(mentor), *key;

	key = mj_xstrdup(mj_str_trim(copy));
	free(copy);
	return mj_str_lower(key);
}

/* A person's name as a folder name any system takes (mj_import_split). */
static char *folder_of(const char *person)
{
	char name[256], *p;
	size_t len;

	mj_person_name(person, name, sizeof(name));
	for (p = name; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f || strchr("/\\:*?\"<>|", *p))
			*p = '-';
	p = name + strspn(name, ".- ");
	len = strlen(p);
	if (len > 80) {
		len = 80;
		while (len && ((unsigned char)p[len] & 0xc0) == 0x80)
			len--;
	}
	while (len && strchr(".- ", p[len - 1]))
		len--;
	return len ? mj_xstrndup(p, len) : mj_xstrdup("mentor");
}

static bool folder_taken(const struct mj_import_journal *j, size_t n,
			 const char *folder)
{
	for (size_t i = 0; i < n; i++)
		if (!strcasecmp(j[i].folder, folder))
			return true;
	return false;
}

size_t mj_import_split(const struct mj_import *im, enum mj_import_by by,
		       struct mj_import_journal **out)
{
	struct mj_import_journal *j = mj_xcalloc(im->n + 1, sizeof(*j));
	struct mj_strvec keys = MJ_STRVEC_INIT;
	size_t n = 0;

	for (size_t r = 0; r < im->n; r++) {
		const struct mj_start *s = &im->rows[r];
		char *key = by == MJ_IMPORT_BY_MENTOR ? mentor_key(s->mentor) :
			    mj_xstrdup(s->slug);
		size_t k = 0;

		while (k < n && strcmp(keys.items[k], key))
			k++;
		if (k == n) {
			char person[256];

			mj_strvec_push_owned(&keys, key);
			key = NULL;
			j[n].owner = s->mentor;
			j[n].rows = mj_xcalloc(im->n, sizeof(*j[n].rows));
			if (by == MJ_IMPORT_BY_PAIR) {
				j[n].folder = mj_xstrdup(s->slug);
				j[n].name = mj_xstrdup(s->slug);
			} else {
				char *base = folder_of(s->mentor);

				j[n].folder = mj_xstrdup(base);
				for (int i = 2; folder_taken(j, n, j[n].folder); i++) {
					free(j[n].folder);
					j[n].folder = mj_xasprintf("%s %d", base, i);
				}
				free(base);
				j[n].name = mj_xstrdup(mj_str_trim(mj_person_name(
					s->mentor, person, sizeof(person))));
			}
			n++;
		}
		free(key);
		j[k].rows[j[k].n++] = r;
	}
	mj_strvec_free(&keys);
	*out = j;
	return n;
}

void mj_import_journals_free(struct mj_import_journal *journals, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(journals[i].folder);
		free(journals[i].name);
		free(journals[i].rows);
	}
	free(journals);
}
