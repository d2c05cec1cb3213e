/*
 * libFuzzer: the CSV writer (programme --format csv, hours --format csv),
 * with its property: what it writes, the reader import uses reads back as
 * the same rows of the same fields, as a spreadsheet may show them: a
 * field that starts with = + - @ TAB or CR with a ' before it, control
 * characters made visible.  The input is the rows separated by
 * 0x01 bytes, each its fields separated by NUL bytes.
 */
#include "mj_csv.h"

#include "fuzz_check.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The field read back is the one given, as a spreadsheet may show it. */
static void check_field(const char *back, const char *given)
{
	bool formula = *given && strchr("=+-@\t\r", *given);
	char *shown = mj_visible(given, false);

	if (formula)
		check(back[0] == '\'' && !strcmp(back + 1, shown));
	else
		check(!strcmp(back, shown));
	free(shown);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = mj_xstrndup((const char *)data, size), *written = NULL;
	size_t written_len = 0, n_rows = 0;
	struct mj_strvec *rows = NULL;
	struct mj_csv back = MJ_CSV_INIT;
	FILE *out = open_memstream(&written, &written_len);
	struct mj_csv_error error;

	check(out != NULL);
	/* the copy cut into rows at 0x01, each row into fields at NUL */
	for (size_t at = 0; at <= size;) {
		size_t end = at;
		while (end < size && copy[end] != '\x01')
			end++;
		copy[end] = '\0';
		rows = mj_xrealloc(rows, (n_rows + 1) * sizeof(*rows));
		memset(&rows[n_rows], 0, sizeof(*rows));
		for (size_t f = at; f <= end; f += strlen(copy + f) + 1)
			mj_strvec_push(&rows[n_rows], copy + f);
		mj_csv_write_header(out, (const char *const *)rows[n_rows].items,
				    rows[n_rows].len);
		n_rows++;
		at = end + 1;
	}
	check(fclose(out) == 0);
	check(mj_csv_read(&back, written, written_len, &error) == 0);
	check(back.len == n_rows);
	for (size_t r = 0; r < n_rows; r++) {
		check(back.rows[r].fields.len == rows[r].len);
		for (size_t f = 0; f < rows[r].len; f++)
			check_field(back.rows[r].fields.items[f], rows[r].items[f]);
	}
	mj_csv_free(&back);
	for (size_t r = 0; r < n_rows; r++)
		mj_strvec_free(&rows[r]);
	free(rows);
	free(written);
	free(copy);
	return 0;
}
