/*
 * unit.h - what the C unit tests share: cmocka, TAP output, and looking up
 * diagnostics by rule and line.
 */
#ifndef MJ_UNIT_H
#define MJ_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mj_diag.h"

/* How many diagnostics of rule at line (line 0: any line) and level. */
static inline size_t count_diags(const struct mj_diags *d, const char *rule,
				 int line, enum mj_level level)
{
	size_t n = 0;
	for (size_t i = 0; i < d->len; i++)
		if (!strcmp(d->items[i].rule, rule) && d->items[i].level == level &&
		    (!line || d->items[i].line == line))
			n++;
	return n;
}

/* The file of the first diagnostic of rule and level, or "". */
static inline const char *diag_file(const struct mj_diags *d, const char *rule,
				    enum mj_level level)
{
	for (size_t i = 0; i < d->len; i++)
		if (!strcmp(d->items[i].rule, rule) && d->items[i].level == level)
			return d->items[i].file;
	return "";
}

/* Prints every diagnostic, so a failing test shows what it had. */
static inline void dump_diags(const struct mj_diags *d)
{
	for (size_t i = 0; i < d->len; i++)
		mj_diag_print(stderr, &d->items[i], 0);
}

#define assert_diag(d, rule, line, level) do { \
	if (count_diags((d), (rule), (line), (level)) == 0) { \
		dump_diags(d); \
		fail_msg("no %s at line %d", (rule), (line)); \
	} } while (0)

#define assert_no_diag(d, rule) do { \
	if (count_diags((d), (rule), 0, MJ_LEVEL_ERROR) + \
	    count_diags((d), (rule), 0, MJ_LEVEL_WARNING) + \
	    count_diags((d), (rule), 0, MJ_LEVEL_INFO)) { \
		dump_diags(d); \
		fail_msg("unexpected %s", (rule)); \
	} } while (0)

#define RUN_TESTS(tests) do { \
	cmocka_set_message_output(CM_OUTPUT_TAP); \
	return cmocka_run_group_tests((tests), NULL, NULL); \
	} while (0)

#endif
