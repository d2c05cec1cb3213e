/*
 * mj_csv.h - CSV files, read and written with libcsv.
 *
 * Reading takes what spreadsheets write: quoted fields (commas, quotes and
 * line breaks inside), CRLF, LF or CR-only (Excel for Mac) line ends, a
 * UTF-8 byte-order mark, and the separator the first row uses (',', ';'
 * as European Excel and LibreOffice write, or a tab), or the one Excel's
 * first line "sep=;" names.  Each row keeps the line it ends on, for
 * FILE.csv:LINE messages.
 */
#ifndef MJ_CSV_H
#define MJ_CSV_H

#include "mj_util.h"

#include <stdio.h>

struct mj_csv_row {
	struct mj_strvec fields;
	int line;
};

struct mj_csv {
	struct mj_csv_row *rows; /* empty lines are no rows */
	size_t len;
	size_t cap;
	char separator;          /* ',', ';', a tab, or what sep= named */
	bool sep_line;           /* the file starts with "sep=X" (line 1) */
};

#define MJ_CSV_INIT { NULL, 0, 0, ',', false }

/* Why a file is not CSV: the quotes do not pair up. */
enum mj_csv_problem {
	MJ_CSV_UNCLOSED = 1,  /* a quoted cell is never closed */
	MJ_CSV_QUOTE_IN_CELL, /* a '"' inside a cell not in quotes: O"Brien */
	MJ_CSV_AFTER_QUOTE,   /* more after a quoted cell's closing '"' */
};

struct mj_csv_error {
	enum mj_csv_problem problem;
	int line;     /* where: the line of the '"' (an unclosed cell: the
		       * line it starts on) */
	size_t field; /* the cell's place in its row, from 0 */
};

/* Reads len bytes of CSV; -1 when it is not CSV, with *error saying why
 * and where (the rows read until then stay in out: free it). */
int mj_csv_read(struct mj_csv *out, const char *text, size_t len,
		struct mj_csv_error *error);
void mj_csv_free(struct mj_csv *csv);

/*
 * What a cell holds, and so how it is written.  A cell mjournal worked
 * out itself (a count, hours, a day, a flag) is written as it is, so a
 * spreadsheet reads it as a number, a date or a truth value.  Any other
 * text is someone's words, and a spreadsheet must never evaluate it (the
 * OWASP rule for CSV injection): a TEXT cell that starts with = + - @,
 * TAB or CR gets a leading ' and quotes, and its control characters are
 * made visible as on a terminal (mj_buf_add_visible: ESC as ^[, a line
 * break as ^J).  A NUMBER, DATE or BOOL cell whose text does not have
 * that shape is written as TEXT: the kind is a claim checked here.
 */
enum mj_csv_kind {
	MJ_CSV_TEXT,
	MJ_CSV_NUMBER, /* digits, optionally '-' first and a '.' part: 3.75 */
	MJ_CSV_DATE,   /* YYYY-MM-DD */
	MJ_CSV_BOOL,   /* true or false */
};

struct mj_csv_cell {
	enum mj_csv_kind kind;
	const char *text; /* NULL or "": an empty cell, of any kind */
};

/* Writes one row of n cells, quoted where mj_csv_read needs it to read
 * each back as written (a ',', ';', quote or line break inside, a cell
 * starting "sep="), ended by CRLF as RFC
 * 4180 says.  The one CSV writer: every CSV mjournal writes passes here. */
void mj_csv_write_row(FILE *out, const struct mj_csv_cell *cells, size_t n);
/* A row of n TEXT cells (a header row). */
void mj_csv_write_header(FILE *out, const char *const *names, size_t n);

#endif
