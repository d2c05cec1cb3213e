/*
 * mj_csv.h - CSV files, read and written with libcsv.
 *
 * Reading takes what spreadsheets write: quoted fields (commas, quotes and
 * line breaks inside), CRLF or LF, a UTF-8 byte-order mark.  Each row keeps
 * the line it ends on, for FILE.csv:LINE messages.
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
};

#define MJ_CSV_INIT { NULL, 0, 0 }

/* Reads len bytes of CSV; -1 when it is not CSV (a quote left open), with
 * *line the line where reading stopped. */
int mj_csv_read(struct mj_csv *out, const char *text, size_t len, int *line);
void mj_csv_free(struct mj_csv *csv);

/* Writes one row of n fields, each quoted where mj_csv_read needs it to
 * read the field back as it is, ended by CRLF as RFC 4180 says. */
void mj_csv_write_row(FILE *out, const char *const *fields, size_t n);

#endif
