/*
 * mj_import.h - a spreadsheet of relationships to start, read.
 *
 * The CSV as spreadsheets write it (see mj_csv.h: the separator found,
 * CR-only lines counted), its header row mapped to the columns, each row
 * into the values of a relationship about to start, and those checked
 * (mj_start_check).  What is read, ignored and named:
 *
 * - columns matched by name without regard to case or surrounding space;
 *   a column mjournal does not read (department, matched by) and a
 *   column with no name are ignored, listed in one note; a name one or
 *   two letters from a column's (cadance) is an error, not ignored;
 * - cells to the right of the header's last column must be empty: a
 *   value there is a row that does not line up (a comma not in quotes);
 * - a date, or a date with the time 00:00 as spreadsheets write a date
 *   cell (2026-01-05 00:00:00, 2026-01-05T00:00); another time is named;
 * - a quote where CSV allows none, named as what it is;
 * - a value that cannot be read is one problem: the checks that depend
 *   on it (the order of the dates) are not made on a guess.
 *
 * Pure: the journal is not looked at (whether a relationship is there
 * already is the command's question).
 */
#ifndef MJ_IMPORT_H
#define MJ_IMPORT_H

#include "mj_csv.h"
#include "mj_diag.h"
#include "mj_start.h"

struct mj_import {
	struct mj_csv csv;      /* the cells the rows point into */
	struct mj_start *rows;  /* every row that is not blank, in order */
	int *lines;             /* the line each of them ends on */
	bool *checked;          /* per row: read and passed mj_start_check */
	size_t n;
	struct mj_diags diags;  /* errors, and a note of the columns ignored */
};

/*
 * Reads len bytes of text, the CSV file named file (for the
 * diagnostics), into out; today is the default start.  Free out with
 * mj_import_free, whatever was found.
 */
void mj_import_read(struct mj_import *out, const char *file, const char *text,
		    size_t len, mj_date today);
void mj_import_free(struct mj_import *im);

/* How import --split shares the rows out into journals. */
enum mj_import_by { MJ_IMPORT_BY_PAIR, MJ_IMPORT_BY_MENTOR };

/* One journal import --split makes. */
struct mj_import_journal {
	char *folder;       /* its folder in the target, unique there */
	char *name;         /* its name (mjournal.ini) */
	const char *owner;  /* its mentor, as the first of its rows writes it */
	size_t *rows;       /* its rows, as indexes into the import's */
	size_t n;
};

/*
 * The journals im's rows (every one read and checked) go into, in the
 * order their first rows come: by pair, one per row, folder and name the
 * slug; by mentor, one per mentor (the mentor cell, case and surrounding
 * space aside), named with the mentor's name, in a folder of that name
 * made safe on any system ('/', '\', control characters and
 * ':*?"<>|' as '-'; no '.', '-' or space first or last; at most 80
 * bytes, a character never cut; "mentor" when nothing
 * is left), followed by " 2", " 3"... when two mentors' folders would be
 * one (letters compared without case).  Returns how many; free *out with
 * mj_import_journals_free.
 */
size_t mj_import_split(const struct mj_import *im, enum mj_import_by by,
		       struct mj_import_journal **out);
void mj_import_journals_free(struct mj_import_journal *journals, size_t n);

#endif
