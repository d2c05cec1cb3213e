/*
 * json.c - the JSON forms of mjournal's data.
 */
#include "mj_json.h"

#include <jansson.h>
#include <stdlib.h>

/* Prints value (which it frees) and a newline; -1 when it fails. */
static int print_value(FILE *out, json_t *value)
{
	int rc = value ? json_dumpf(value, out, JSON_INDENT(2) | JSON_ENSURE_ASCII) : -1;

	json_decref(value);
	if (rc == 0)
		fputc('\n', out);
	return rc;
}

int mj_json_print_diags(FILE *out, const struct mj_diags *diags)
{
	json_t *list = json_array();

	for (size_t i = 0; i < diags->len; i++) {
		const struct mj_diag *d = &diags->items[i];
		json_array_append_new(list, json_pack("{s:s, s:i, s:i, s:s, s:s, s:s}",
			"file", d->file, "line", d->line, "column", d->column,
			"level", mj_level_name(d->level), "rule", d->rule,
			"message", d->message));
	}
	return print_value(out, list);
}
