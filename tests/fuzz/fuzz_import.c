/*
 * libFuzzer: a spreadsheet as import reads it (the CSV reader, the
 * separator found, the header mapped, each row read and checked), with its
 * properties: every diagnostic names a line of the file, a row accepted
 * has a relationship name no other accepted row has, and the agreement
 * written from it reads back without an error.  The input is the file.
 */
#include "mj_import.h"
#include "mj_model.h"
#include "mj_template.h"

#include "fuzz_check.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Lines as an editor counts them: ended by LF, CRLF or a lone CR. */
static int count_lines(const char *text, size_t len)
{
	int lines = 1;

	for (size_t i = 0; i < len; i++)
		if (text[i] == '\n' ||
		    (text[i] == '\r' && (i + 1 == len || text[i + 1] != '\n')))
			lines++;
	return lines;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct mj_import im;
	int lines = count_lines(text, size);
	mj_date today = 20454; /* 2026-01-01 */

	mj_import_read(&im, "x.csv", text, size, today);
	for (size_t i = 0; i < im.diags.len; i++)
		check(im.diags.items[i].line >= 1 &&
		      im.diags.items[i].line <= lines);
	for (size_t i = 0; i < im.n; i++) {
		struct mj_agreement a;
		struct mj_diags diags = MJ_DIAGS_INIT;
		char *agreement;

		check(im.lines[i] >= 1 && im.lines[i] <= lines);
		if (!im.checked[i])
			continue;
		check(mj_slug_is_valid(im.rows[i].slug));
		for (size_t k = 0; k < i; k++)
			check(!im.checked[k] ||
			      strcmp(im.rows[k].slug, im.rows[i].slug) ||
			      mj_diags_count(&im.diags, MJ_LEVEL_ERROR));
		agreement = mj_start_agreement(fuzz_template("agreement.ini"), &im.rows[i]);
		mj_agreement_parse(&a, agreement, strlen(agreement),
				   "x/agreement.ini", &diags);
		check(a.parsed);
		for (size_t k = 0; k < diags.len; k++)
			check(diags.items[k].level != MJ_LEVEL_ERROR);
		check(a.started_date == im.rows[i].started &&
		      a.ends_date == im.rows[i].ends);
		mj_agreement_free(&a);
		mj_diags_free(&diags);
		free(agreement);
	}
	mj_import_free(&im);
	return 0;
}
