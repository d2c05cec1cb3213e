/*
 * csv.c - CSV files, read and written with libcsv.
 */
#include "mj_csv.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

struct reading {
	struct mj_csv *out;
	struct mj_strvec fields; /* the row being read */
	int line;                /* the line being fed to the parser */
	int row_line;            /* the line the row being read starts on */
	int field_line;          /* the line the last field ended on */
};

static void on_field(void *data, size_t len, void *arg)
{
	struct reading *r = arg;

	mj_strvec_push_owned(&r->fields, mj_xstrndup(data ? data : "", len));
	r->field_line = r->line;
}

static void on_row(int c, void *arg)
{
	struct reading *r = arg;
	struct mj_csv *out = r->out;
	(void)c;

	mj_grow((void **)&out->rows, &out->cap, out->len + 1, sizeof(*out->rows));
	out->rows[out->len].fields = r->fields;
	out->rows[out->len].line = r->line;
	out->len++;
	memset(&r->fields, 0, sizeof(r->fields));
}

/* White space trimmed around a cell that is not in quotes: a space, and a
 * tab unless tabs separate the cells. */
static int is_blank(unsigned char c)
{
	return c == ' ' || c == '\t';
}

static int is_space_only(unsigned char c)
{
	return c == ' ';
}

/* The end of the line at text: after its LF, CRLF or lone CR (old Mac). */
static const char *line_end(const char *text, const char *end)
{
	while (text < end && *text != '\n' && *text != '\r')
		text++;
	if (text < end)
		text += *text == '\r' && text + 1 < end && text[1] == '\n' ? 2 : 1;
	return text;
}

/* Excel's first line "sep=;": the separator it names, or 0. */
static char sep_line(const char *text, const char *end)
{
	const char *eol = line_end(text, end);
	size_t n = (size_t)(eol - text);

	while (n > 5 && (text[n - 1] == '\n' || text[n - 1] == '\r'))
		n--;
	if (n != 5 || memcmp(text, "sep=", 4) || strchr("\" \r\n", text[4]))
		return 0;
	return text[4];
}

/* The separator the first row uses most, outside quotes: ',', ';' or a
 * tab (',' when there is none, or a tie). */
static char find_separator(const char *text, const char *end)
{
	static const char seps[] = ",;\t";
	size_t count[3] = { 0, 0, 0 }, best = 0;
	bool quoted = false;

	while (text < end && (*text == '\n' || *text == '\r'))
		text++;
	for (; text < end; text++) {
		const char *sep = *text ? memchr(seps, *text, 3) : NULL;

		if (*text == '"')
			quoted = !quoted;
		else if (!quoted && (*text == '\n' || *text == '\r'))
			break;
		else if (!quoted && sep)
			count[sep - seps]++;
	}
	for (size_t i = 1; i < 3; i++)
		if (count[i] > count[best])
			best = i;
	return seps[best];
}

int mj_csv_read(struct mj_csv *out, const char *text, size_t len,
		struct mj_csv_error *error)
{
	struct csv_parser p;
	struct reading r = { out, MJ_STRVEC_INIT, 0, 1, 1 };
	const char *end = text + len;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	memset(error, 0, sizeof(*error));
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		text += 3; /* a spreadsheet's byte-order mark */
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return -1;
	if ((out->separator = sep_line(text, end))) {
		out->sep_line = true;
		text = line_end(text, end);
		r.line++;
	} else {
		out->separator = find_separator(text, end);
	}
	csv_set_delim(&p, (unsigned char)out->separator);
	csv_set_space_func(&p, out->separator == '\t' ? is_space_only : is_blank);
	/* fed a line at a time, so that a row knows the line it ends on */
	while (text < end && rc == 0) {
		size_t n = (size_t)(line_end(text, end) - text);

		r.line++;
		if (!r.fields.len && !p.quoted && !p.entry_pos)
			r.row_line = r.line; /* between rows */
		if (csv_parse(&p, text, n, on_field, on_row, &r) != n) {
			error->problem = p.quoted ? MJ_CSV_AFTER_QUOTE :
					 MJ_CSV_QUOTE_IN_CELL;
			rc = -1;
		}
		text += n;
	}
	if (rc == 0 && csv_fini(&p, on_field, on_row, &r) != 0) {
		error->problem = MJ_CSV_UNCLOSED;
		r.line = r.fields.len ? r.field_line : r.row_line;
		rc = -1;
	}
	if (rc < 0) {
		error->line = r.line;
		error->field = r.fields.len;
	}
	csv_free(&p);
	mj_strvec_free(&r.fields);
	return rc;
}

void mj_csv_free(struct mj_csv *csv)
{
	for (size_t i = 0; i < csv->len; i++)
		mj_strvec_free(&csv->rows[i].fields);
	free(csv->rows);
	memset(csv, 0, sizeof(*csv));
}

#define DIGITS "0123456789"

/* Digits, optionally '-' first and a '.' part: 12, -3, 3.75. */
static bool is_number(const char *s)
{
	size_t whole, part;

	s += *s == '-';
	whole = strspn(s, DIGITS);
	if (s[whole] != '.')
		return whole && !s[whole];
	part = strspn(s + whole + 1, DIGITS);
	return whole && part && !s[whole + 1 + part];
}

/* YYYY-MM-DD */
static bool is_date(const char *s)
{
	return strlen(s) == 10 && strspn(s, DIGITS) == 4 && s[4] == '-' &&
	       strspn(s + 5, DIGITS) == 2 && s[7] == '-' &&
	       strspn(s + 8, DIGITS) == 2;
}

/* Does text have the shape of the kind mjournal wrote it as? */
static bool has_shape(enum mj_csv_kind kind, const char *text)
{
	switch (kind) {
	case MJ_CSV_NUMBER:
		return is_number(text);
	case MJ_CSV_DATE:
		return is_date(text);
	case MJ_CSV_BOOL:
		return !strcmp(text, "true") || !strcmp(text, "false");
	case MJ_CSV_TEXT:
		break;
	}
	return false;
}

/* Does the reader need the cell in quotes to read it back as it is: a
 * comma, a semicolon (a first row of them would be read as the
 * separator), a quote or a line break in it, Excel's "sep=" that would
 * name the separator at the file's start, white space libcsv would trim at
 * either end, a byte-order mark the reader would drop at the file's
 * start, or nothing at all as a row's only field (a line with nothing is
 * no row). */
static bool needs_quotes(const char *f, size_t len, size_t n)
{
	return strpbrk(f, ",;\"\r\n") || !strncmp(f, "sep=", 4) ||
	       (len && (f[0] == ' ' || f[0] == '\t' || f[len - 1] == ' ' ||
			f[len - 1] == '\t')) ||
	       (len >= 3 && !memcmp(f, "\xEF\xBB\xBF", 3)) || (!len && n == 1);
}

/* Someone's words, as a spreadsheet may only show them. */
static void write_text(FILE *out, const char *text, size_t n)
{
	struct mj_buf cell = MJ_BUF_INIT;
	bool formula = *text && strchr("=+-@\t\r", *text);

	mj_buf_adds(&cell, formula ? "'" : "");
	mj_buf_add_visible(&cell, text, false);
	if (formula || needs_quotes(cell.ptr, cell.len, n))
		csv_fwrite(out, cell.ptr, cell.len);
	else
		fputs(cell.ptr, out);
	mj_buf_free(&cell);
}

void mj_csv_write_row(FILE *out, const struct mj_csv_cell *cells, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *text = cells[i].text ? cells[i].text : "";

		if (i)
			fputc(',', out);
		if (!*text && n == 1)
			fputs("\"\"", out); /* a row of one empty cell is a row */
		else if (!*text || has_shape(cells[i].kind, text))
			fputs(text, out);
		else
			write_text(out, text, n);
	}
	fputs("\r\n", out);
}

void mj_csv_write_header(FILE *out, const char *const *names, size_t n)
{
	struct mj_csv_cell *cells = mj_xcalloc(n + 1, sizeof(*cells));

	for (size_t i = 0; i < n; i++)
		cells[i] = (struct mj_csv_cell){ MJ_CSV_TEXT, names[i] };
	mj_csv_write_row(out, cells, n);
	free(cells);
}
