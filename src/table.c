/*
 * table.c - text aligned in columns, fitted to a width.
 */
#define _XOPEN_SOURCE 700 /* wcwidth */
#include "mj_out.h"
#include "mj_table.h"
#include "mj_util.h"

#include <langinfo.h>
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>

struct row {
	char **cells;
	enum mj_style style;
};

struct mj_table {
	struct mj_column *columns;
	size_t n_columns;
	struct row *rows;
	size_t n_rows;
	size_t cap_rows;
};

/* The code point at s and its length in bytes (*n); a stray byte is itself. */
static uint32_t decode(const char *s, size_t *n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len = u[0] < 0x80 ? 1 : u[0] >> 5 == 6 ? 2 : u[0] >> 4 == 14 ? 3 :
		     u[0] >> 3 == 30 ? 4 : 1;
	uint32_t c = len == 1 ? u[0] : u[0] & (0x7F >> len);

	for (size_t i = 1; i < len; i++) {
		if ((u[i] & 0xC0) != 0x80) {
			*n = 1;
			return u[0];
		}
		c = (c << 6) | (u[i] & 0x3F);
	}
	*n = len;
	return c;
}

/*
 * Columns a character takes on a terminal: wcwidth's answer in a UTF-8
 * locale whatever the user's (the journal's files are UTF-8): 2 for wide
 * East Asian characters and most emoji, 0 for combining marks.
 */
static size_t char_width(uint32_t c)
{
	static locale_t utf8;
	locale_t old;
	int w;

	if (c < 0x7F)
		return c >= 0x20;
	if (!utf8)
		utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	if (!utf8)
		return 1;
	old = uselocale(utf8);
	w = wcwidth((wchar_t)c);
	uselocale(old);
	return w < 0 ? 1 : (size_t)w;
}

/* Columns of the first len bytes of s. */
static size_t prefix_width(const char *s, size_t len)
{
	size_t w = 0, n;

	for (size_t i = 0; i < len && s[i]; i += n)
		w += char_width(decode(s + i, &n));
	return w;
}

size_t mj_text_width(const char *s)
{
	return prefix_width(s, strlen(s));
}

size_t mj_terminal_width(FILE *out)
{
	struct winsize ws;
	const char *env = getenv("COLUMNS");

	if (isatty(mj_out_fd(out)) && ioctl(mj_out_fd(out), TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 0)
		return ws.ws_col;
	if (env && atoi(env) > 0)
		return (size_t)atoi(env);
	return 0;
}

void mj_wrap(struct mj_buf *buf, const char *text, size_t at, size_t indent,
	     size_t width)
{
	size_t col = at;
	bool first = true;

	while (*text) {
		size_t len = strcspn(text, " "), w;
		char *word = mj_xstrndup(text, len);

		w = mj_text_width(word);
		if (first && at > indent && col + w > width) {
			/* a first word that does not fit where the line is
			 * starts the next line instead (never cut) */
			mj_buf_addf(buf, "\n%*s", (int)indent, "");
			col = indent;
		} else if (!first && col + 1 + w > width) {
			mj_buf_addf(buf, "\n%*s", (int)indent, "");
			col = indent;
		} else if (!first) {
			mj_buf_adds(buf, " ");
			col++;
		}
		mj_buf_adds(buf, word);
		col += w;
		first = false;
		free(word);
		text += len;
		while (*text == ' ')
			text++;
	}
}

struct mj_table *mj_table_new(const struct mj_column *columns, size_t n)
{
	struct mj_table *t = mj_xcalloc(1, sizeof(*t));

	t->columns = mj_xmalloc(n * sizeof(*columns));
	memcpy(t->columns, columns, n * sizeof(*columns));
	t->n_columns = n;
	return t;
}

/* The cell's text with control characters visible; its own line breaks
 * (a cell of several lines) stay. */
static char *visible_lines(const char *text)
{
	struct mj_buf b = MJ_BUF_INIT;

	mj_buf_adds(&b, "");
	for (const char *p = text;;) {
		size_t len = strcspn(p, "\n");
		char *line = mj_xstrndup(p, len);
		mj_buf_add_visible(&b, line, false);
		free(line);
		if (!p[len])
			return mj_buf_detach(&b);
		mj_buf_adds(&b, "\n");
		p += len + 1;
	}
}

void mj_table_add(struct mj_table *t, const char *const *cells,
		  enum mj_style style)
{
	struct row *r;

	mj_grow((void **)&t->rows, &t->cap_rows, t->n_rows + 1, sizeof(*t->rows));
	r = &t->rows[t->n_rows++];
	r->cells = mj_xmalloc(t->n_columns * sizeof(char *));
	for (size_t i = 0; i < t->n_columns; i++)
		r->cells[i] = visible_lines(cells[i] ? cells[i] : "");
	r->style = style;
}

void mj_table_free(struct mj_table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n_rows; i++) {
		for (size_t c = 0; c < t->n_columns; c++)
			free(t->rows[i].cells[c]);
		free(t->rows[i].cells);
	}
	free(t->rows);
	free(t->columns);
	free(t);
}

static const char *ellipsis(void)
{
	const char *codeset = nl_langinfo(CODESET);
	return codeset && !strcmp(codeset, "UTF-8") ? "\xE2\x80\xA6" : "~";
}

/* Prints s in width characters: cut with an ellipsis, padded with spaces. */
static void print_cell(struct mj_buf *out, const char *s, size_t width,
		       bool right, bool last)
{
	size_t w = mj_text_width(s), len = strlen(s);

	if (w > width) {
		/* keep whole characters in width - 1 columns, then the ellipsis */
		size_t keep = width ? width - 1 : 0, seen = 0, n;

		for (len = 0; s[len]; len += n) {
			size_t cw = char_width(decode(s + len, &n));
			if (seen + cw > keep)
				break;
			seen += cw;
		}
		while (len && s[len - 1] == ' ')
			len--;
		w = prefix_width(s, len) + (width ? 1 : 0);
		right = false;
	}
	if (right)
		for (size_t i = w; i < width; i++)
			mj_buf_add(out, " ", 1);
	mj_buf_add(out, s, len);
	if (len < strlen(s) && width)
		mj_buf_adds(out, ellipsis());
	if (!right && !last)
		for (size_t i = w; i < width; i++)
			mj_buf_add(out, " ", 1);
}

static size_t total_width(const size_t *widths, const bool *shown, size_t n)
{
	size_t total = 0, count = 0;

	for (size_t c = 0; c < n; c++)
		if (shown[c]) {
			total += widths[c];
			count++;
		}
	return total + (count ? 2 * (count - 1) : 0);
}

/* Shrinks flexible columns towards floor(c), the widest first. */
static void shrink(const struct mj_table *t, size_t *widths, const bool *shown,
		   size_t width, size_t (*floor)(const struct mj_column *))
{
	for (;;) {
		size_t total = total_width(widths, shown, t->n_columns);
		size_t widest = t->n_columns;

		if (total <= width)
			return;
		for (size_t c = 0; c < t->n_columns; c++)
			if (shown[c] && t->columns[c].min_width &&
			    widths[c] > floor(&t->columns[c]) &&
			    (widest == t->n_columns || widths[c] > widths[widest]))
				widest = c;
		if (widest == t->n_columns)
			return;
		widths[widest]--;
	}
}

static size_t comfortable(const struct mj_column *c)
{
	return c->min_width;
}

static size_t header_width(const struct mj_column *c)
{
	size_t w = mj_text_width(c->header);
	return w > 3 ? w : 3;
}

/*
 * Fits the table in width: flexible columns shrink to a comfortable width,
 * then the least important columns are left out, then flexible columns
 * shrink to their header's width; room left over goes back to them.
 */
static void fit(const struct mj_table *t, size_t *widths, bool *shown,
		const size_t *natural, size_t width)
{
	if (!width || total_width(widths, shown, t->n_columns) <= width)
		return;
	shrink(t, widths, shown, width, comfortable);
	while (total_width(widths, shown, t->n_columns) > width) {
		size_t drop = t->n_columns;
		int rank = 0;

		for (size_t c = 0; c < t->n_columns; c++)
			if (shown[c] && t->columns[c].drop_rank > rank) {
				rank = t->columns[c].drop_rank;
				drop = c;
			}
		if (drop == t->n_columns)
			break;
		shown[drop] = false;
	}
	shrink(t, widths, shown, width, header_width);
	for (size_t c = 0; c < t->n_columns; c++) {
		size_t total = total_width(widths, shown, t->n_columns);
		if (shown[c] && t->columns[c].min_width && total < width) {
			size_t room = width - total, want = natural[c] - widths[c];
			widths[c] += room < want ? room : want;
		}
	}
}

/* The widest of text's lines. */
static size_t lines_width(const char *text)
{
	size_t widest = 0;

	for (const char *p = text;; p++) {
		size_t len = strcspn(p, "\n"), w = prefix_width(p, len);
		if (w > widest)
			widest = w;
		p += len;
		if (!*p)
			return widest;
	}
}

/* A cell's lines (it may hold line breaks), each wrapped to width in a
 * wrapping column. */
static char **cell_lines(const struct mj_table *t, size_t r, size_t c,
			 size_t width, size_t *n)
{
	const char *text = r ? t->rows[r - 1].cells[c] : t->columns[c].header;
	struct mj_buf b = MJ_BUF_INIT;
	char **lines;

	/* each of the cell's own lines wraps by itself */
	for (const char *p = text; r && t->columns[c].wrap && width;) {
		size_t len = strcspn(p, "\n");
		char *para = mj_xstrndup(p, len);
		mj_wrap(&b, para, 0, 0, width);
		free(para);
		if (!p[len])
			break;
		mj_buf_adds(&b, "\n");
		p += len + 1;
	}
	if (!(r && t->columns[c].wrap && width))
		mj_buf_adds(&b, text);
	*n = 1;
	for (const char *p = b.ptr; *p; p++)
		*n += *p == '\n';
	lines = mj_xcalloc(*n + 1, sizeof(*lines));
	lines[0] = mj_buf_detach(&b); /* lines[0] owns the text */
	for (size_t i = 1; i < *n; i++) {
		lines[i] = strchr(lines[i - 1], '\n');
		*lines[i]++ = '\0';
	}
	return lines;
}

/* Row r (0: the header), on as many lines as its wrapped cells need. */
static void print_row(const struct mj_table *t, size_t r, const size_t *widths,
		      const bool *shown, size_t last, bool color, FILE *out)
{
	enum mj_style style = r ? t->rows[r - 1].style : MJ_STYLE_DIM;
	char ***cells = mj_xcalloc(t->n_columns, sizeof(*cells));
	size_t *counts = mj_xcalloc(t->n_columns, sizeof(*counts)), lines = 1;
	struct mj_buf line = MJ_BUF_INIT;

	for (size_t c = 0; c < t->n_columns; c++) {
		cells[c] = cell_lines(t, r, c, widths[c], &counts[c]);
		if (shown[c] && counts[c] > lines)
			lines = counts[c];
	}
	for (size_t k = 0; k < lines; k++) {
		bool first = true;

		line.len = 0;
		mj_buf_adds(&line, "");
		for (size_t c = 0; c < t->n_columns; c++) {
			if (!shown[c])
				continue;
			if (!first)
				mj_buf_adds(&line, "  ");
			first = false;
			print_cell(&line, k < counts[c] ? cells[c][k] : "",
				   widths[c], t->columns[c].right, c == last);
		}
		/* a wrapped line's empty cells */
		while (line.len && line.ptr[line.len - 1] == ' ')
			line.ptr[--line.len] = '\0';
		if (color && style != MJ_STYLE_PLAIN)
			mj_out_control(out, style == MJ_STYLE_ERROR ? "\033[31m" :
				       style == MJ_STYLE_WARNING ? "\033[33m" :
				       "\033[2m");
		fputs(line.ptr, out);
		if (color && style != MJ_STYLE_PLAIN)
			mj_out_control(out, "\033[0m");
		fputc('\n', out);
	}
	mj_buf_free(&line);
	for (size_t c = 0; c < t->n_columns; c++) {
		free(cells[c][0]);
		free(cells[c]);
	}
	free(cells);
	free(counts);
}

size_t mj_table_width(const struct mj_table *t)
{
	size_t total = 0;

	for (size_t c = 0; c < t->n_columns; c++) {
		size_t widest = mj_text_width(t->columns[c].header);
		for (size_t r = 0; r < t->n_rows; r++)
			if (lines_width(t->rows[r].cells[c]) > widest)
				widest = lines_width(t->rows[r].cells[c]);
		total += widest + (c ? 2 : 0);
	}
	return total;
}

size_t mj_table_min_width(const struct mj_table *t)
{
	size_t total = 0, count = 0;

	for (size_t c = 0; c < t->n_columns; c++) {
		size_t widest = mj_text_width(t->columns[c].header);

		if (t->columns[c].drop_rank)
			continue;
		for (size_t r = 0; r < t->n_rows; r++)
			if (lines_width(t->rows[r].cells[c]) > widest)
				widest = lines_width(t->rows[r].cells[c]);
		if (t->columns[c].min_width && widest > t->columns[c].min_width)
			widest = t->columns[c].min_width;
		total += widest + (count++ ? 2 : 0);
	}
	return total;
}

void mj_table_print(const struct mj_table *t, FILE *out, size_t width,
		    bool color)
{
	size_t *widths = mj_xcalloc(t->n_columns, sizeof(size_t));
	bool *shown = mj_xcalloc(t->n_columns, sizeof(bool));
	size_t last = 0;

	for (size_t c = 0; c < t->n_columns; c++) {
		shown[c] = true;
		widths[c] = mj_text_width(t->columns[c].header);
		for (size_t r = 0; r < t->n_rows; r++) {
			size_t w = lines_width(t->rows[r].cells[c]);
			if (w > widths[c])
				widths[c] = w;
		}
	}
	size_t *natural = mj_xmalloc(t->n_columns * sizeof(size_t));
	memcpy(natural, widths, t->n_columns * sizeof(size_t));
	fit(t, widths, shown, natural, width);
	free(natural);
	for (size_t c = 0; c < t->n_columns; c++)
		if (shown[c])
			last = c;
	for (size_t r = 0; r <= t->n_rows; r++)
		print_row(t, r, widths, shown, last, color, out);
	free(widths);
	free(shown);
}
