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
};

static void on_field(void *data, size_t len, void *arg)
{
	struct reading *r = arg;

	mj_strvec_push_owned(&r->fields, mj_xstrndup(data ? data : "", len));
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

int mj_csv_read(struct mj_csv *out, const char *text, size_t len, int *line)
{
	struct csv_parser p;
	struct reading r = { out, MJ_STRVEC_INIT, 0 };
	const char *end = text + len;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		text += 3; /* a spreadsheet's byte-order mark */
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return -1;
	/* fed a line at a time, so that a row knows the line it ends on */
	while (text < end && rc == 0) {
		const char *nl = memchr(text, '\n', (size_t)(end - text));
		size_t n = nl ? (size_t)(nl - text + 1) : (size_t)(end - text);

		r.line++;
		if (csv_parse(&p, text, n, on_field, on_row, &r) != n)
			rc = -1;
		text += n;
	}
	if (rc == 0 && csv_fini(&p, on_field, on_row, &r) != 0)
		rc = -1;
	csv_free(&p);
	mj_strvec_free(&r.fields);
	*line = r.line;
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
 * comma, a quote or a line break in it, white space libcsv would trim at
 * either end, a byte-order mark the reader would drop at the file's
 * start, or nothing at all as a row's only field (a line with nothing is
 * no row). */
static bool needs_quotes(const char *f, size_t len, size_t n)
{
	return strpbrk(f, ",\"\r\n") ||
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
