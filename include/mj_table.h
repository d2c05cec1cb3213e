/*
 * mj_table.h - text aligned in columns for people, fitted to a width.
 *
 * Widths are display columns, as a terminal shows UTF-8 text (wcwidth):
 * a wide East Asian character takes two, a combining mark none.  When the table is
 * wider than allowed, flexible columns shrink to their minimum, text that no
 * longer fits ends in an ellipsis (never a silent cut), and if that is not
 * enough, droppable columns are left out, the least important first.
 */
#ifndef MJ_TABLE_H
#define MJ_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct mj_buf;

enum mj_style { MJ_STYLE_PLAIN, MJ_STYLE_DIM, MJ_STYLE_WARNING, MJ_STYLE_ERROR };

struct mj_column {
	const char *header;
	size_t min_width; /* 0: the column never shrinks */
	int drop_rank;    /* 0: never left out; higher: left out first */
	bool right;       /* right-aligned (numbers) */
	bool wrap;        /* text wraps onto more lines instead of being cut */
};

struct mj_table;

struct mj_table *mj_table_new(const struct mj_column *columns, size_t n);
/*
 * Adds a row of n cells (copied); style colours the whole row.  A cell may
 * hold line breaks: the row then takes more lines.
 */
void mj_table_add(struct mj_table *table, const char *const *cells,
		  enum mj_style style);
/* Prints the table within width characters (0: no limit). */
void mj_table_print(const struct mj_table *table, FILE *out, size_t width,
		    bool color);
void mj_table_free(struct mj_table *table);
/* The columns the table takes when nothing is shrunk or left out. */
size_t mj_table_width(const struct mj_table *table);

/* The columns the table takes, nothing cut, when every column that may
 * be left out is and flexible columns are at their minimum. */
size_t mj_table_min_width(const struct mj_table *table);

/* The columns a UTF-8 string takes on a terminal. */
size_t mj_text_width(const char *s);
/*
 * Appends text to buf wrapped to width columns, between words (a word
 * wider than the width has a line of its own, whole): the first line
 * continues a line already at column `at` (or, when its first word does
 * not fit there, starts the next line), the others start with indent
 * spaces.
 */
void mj_wrap(struct mj_buf *buf, const char *text, size_t at, size_t indent,
	     size_t width);

/* The terminal's width for out: its size, else $COLUMNS, else 0. */
size_t mj_terminal_width(FILE *out);

#endif
