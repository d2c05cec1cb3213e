/*
 * mj_json.h - the JSON forms of mjournal's data, written with jansson.
 *
 * Field names are part of mjournal's interface (SPEC section 4).
 */
#ifndef MJ_JSON_H
#define MJ_JSON_H

#include "mj_diag.h"

#include <stdio.h>

/* [{"file", "line", "column", "level", "rule", "message"}], then a newline. */
int mj_json_print_diags(FILE *out, const struct mj_diags *diags);

#endif
