/*
 * table.c - text aligned in columns, fitted to a width.
 */
#include "mj_table.h"
#include "mj_util.h"

#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

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

size_t mj_text_width(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

size_t mj_terminal_width(FILE *out)
{
	struct winsize ws;
	const char *env = getenv("COLUMNS");

	if (isatty(fileno(out)) && ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 0)
		return ws.ws_col;
	if (env && atoi(env) > 0)
		return (size_t)atoi(env);
	return 0;
}

struct mj_table *mj_table_new(const struct mj_column *columns, size_t n)
{
	struct mj_table *t = mj_xcalloc(1, sizeof(*t));

	t->columns = mj_xmalloc(n * sizeof(*columns));
	memcpy(t->columns, columns, n * sizeof(*columns));
	t->n_columns = n;
	return t;
}

void mj_table_add(struct mj_table *t, const char *const *cells,
		  enum mj_style style)
{
	struct row *r;

	mj_grow((void **)&t->rows, &t->cap_rows, t->n_rows + 1, sizeof(*t->rows));
	r = &t->rows[t->n_rows++];
	r->cells = mj_xmalloc(t->n_columns * sizeof(char *));
	for (size_t i = 0; i < t->n_columns; i++)
		r->cells[i] = mj_xstrdup(cells[i] ? cells[i] : "");
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

/* Characters in the first len bytes of s. */
static size_t prefix_width(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

/* Prints s in width characters: cut with an ellipsis, padded with spaces. */
static void print_cell(FILE *out, const char *s, size_t width, bool right,
		       bool last)
{
	size_t w = mj_text_width(s), len = strlen(s);

	if (w > width) {
		/* keep width - 1 whole characters, then the ellipsis */
		size_t keep = width ? width - 1 : 0, seen = 0;

		for (len = 0; s[len]; len++) {
			if (((unsigned char)s[len] & 0xC0) == 0x80)
				continue;
			if (seen == keep)
				break;
			seen++;
		}
		while (len && s[len - 1] == ' ')
			len--;
		w = prefix_width(s, len) + (width ? 1 : 0);
		right = false;
	}
	if (right)
		for (size_t i = w; i < width; i++)
			fputc(' ', out);
	fwrite(s, 1, len, out);
	if (len < strlen(s) && width)
		fputs(ellipsis(), out);
	if (!right && !last)
		for (size_t i = w; i < width; i++)
			fputc(' ', out);
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
			size_t w = mj_text_width(t->rows[r].cells[c]);
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
	for (size_t r = 0; r <= t->n_rows; r++) {
		enum mj_style style = r ? t->rows[r - 1].style : MJ_STYLE_DIM;
		bool first = true;

		if (color && style != MJ_STYLE_PLAIN)
			fputs(style == MJ_STYLE_ERROR ? "\033[31m" :
			      style == MJ_STYLE_WARNING ? "\033[33m" : "\033[2m",
			      out);
		for (size_t c = 0; c < t->n_columns; c++) {
			if (!shown[c])
				continue;
			if (!first)
				fputs("  ", out);
			first = false;
			print_cell(out, r ? t->rows[r - 1].cells[c] :
				   t->columns[c].header, widths[c],
				   t->columns[c].right, c == last);
		}
		if (color && style != MJ_STYLE_PLAIN)
			fputs("\033[0m", out);
		fputc('\n', out);
	}
	free(widths);
	free(shown);
}
