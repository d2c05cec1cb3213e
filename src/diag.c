/*
 * diag.c - diagnostics as data.
 */
#include "mj_diag.h"
#include "mj_out.h"
#include "mj_util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void mj_diags_add(struct mj_diags *diags, const char *file, int line,
		  int column, enum mj_level level, const char *rule,
		  const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	mj_diags_vadd(diags, file, line, column, level, rule, fmt, ap);
	va_end(ap);
}

void mj_diags_vadd(struct mj_diags *diags, const char *file, int line,
		   int column, enum mj_level level, const char *rule,
		   const char *fmt, va_list ap)
{
	struct mj_buf buf = MJ_BUF_INIT;
	struct mj_diag *d;

	mj_buf_vaddf(&buf, fmt, ap);
	mj_grow((void **)&diags->items, &diags->cap, diags->len + 1,
		sizeof(*diags->items));
	d = &diags->items[diags->len++];
	d->file = mj_xstrdup(file ? file : "");
	d->line = line;
	d->column = column;
	d->level = level;
	d->rule = rule;
	d->message = mj_buf_detach(&buf);
}

void mj_diags_copy(struct mj_diags *to, const struct mj_diags *from)
{
	for (size_t i = 0; i < from->len; i++) {
		const struct mj_diag *d = &from->items[i];
		mj_diags_add(to, d->file, d->line, d->column, d->level, d->rule,
			     "%s", d->message);
	}
}

static int compare_diags(const void *pa, const void *pb)
{
	const struct mj_diag *a = pa, *b = pb;
	int c = strcmp(a->file, b->file);

	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->column != b->column)
		return a->column < b->column ? -1 : 1;
	return 0;
}

void mj_diags_sort(struct mj_diags *diags)
{
	/* insertion sort keeps equal positions in the order they were found */
	for (size_t i = 1; i < diags->len; i++) {
		struct mj_diag d = diags->items[i];
		size_t j = i;
		while (j > 0 && compare_diags(&diags->items[j - 1], &d) > 0) {
			diags->items[j] = diags->items[j - 1];
			j--;
		}
		diags->items[j] = d;
	}
}

size_t mj_diags_count(const struct mj_diags *diags, enum mj_level level)
{
	size_t n = 0;
	for (size_t i = 0; i < diags->len; i++)
		n += diags->items[i].level == level;
	return n;
}

void mj_diags_free(struct mj_diags *diags)
{
	for (size_t i = 0; i < diags->len; i++) {
		free(diags->items[i].file);
		free(diags->items[i].message);
	}
	free(diags->items);
	diags->items = NULL;
	diags->len = diags->cap = 0;
}

const char *mj_level_name(enum mj_level level)
{
	switch (level) {
	case MJ_LEVEL_ERROR:
		return "error";
	case MJ_LEVEL_WARNING:
		return "warning";
	case MJ_LEVEL_INFO:
		break;
	}
	return "info";
}

void mj_diag_print(FILE *out, const struct mj_diag *diag, int color)
{
	const char *on = "", *off = color ? "\033[0m" : "";
	char *file = mj_visible(diag->file, false);
	char *message = mj_visible(diag->message, false);

	if (color)
		on = diag->level == MJ_LEVEL_ERROR ? "\033[1;31m" :
		     diag->level == MJ_LEVEL_WARNING ? "\033[1;33m" : "\033[1;36m";
	fputs(file, out);
	if (diag->line > 0) {
		fprintf(out, ":%d", diag->line);
		if (diag->column > 0)
			fprintf(out, ":%d", diag->column);
	}
	fputs(": ", out);
	mj_out_control(out, on);
	fputs(mj_level_name(diag->level), out);
	mj_out_control(out, off);
	fprintf(out, ": %s [%s]\n", message, diag->rule);
	free(file);
	free(message);
}

const char *mj_rule_intern(const char *name)
{
	static const char *const rules[] = {
		MJ_RULE_AGREEMENT_MISSING,
		MJ_RULE_AGREEMENT_SYNTAX,
		MJ_RULE_AGREEMENT_FIELD,
		MJ_RULE_NOTE_NAME,
		MJ_RULE_NOTE_FRONT_MATTER,
		MJ_RULE_NOTE_DATE,
		MJ_RULE_NOTE_ENCODING,
		MJ_RULE_STAGE_ORDER,
		MJ_RULE_STAGE_SKIPPED,
		MJ_RULE_AGREEMENT_UNSIGNED,
		MJ_RULE_FILE_TOO_LARGE,
		MJ_RULE_DURATION_MISSING,
		MJ_RULE_CLOSING_INCOMPLETE,
		MJ_RULE_AFTER_CLOSURE,
		MJ_RULE_FEEDBACK_MISSING,
		MJ_RULE_NO_SHOWS,
		MJ_RULE_QUIET,
		MJ_RULE_TERM_OVER,
		MJ_RULE_ACTION_OVERDUE,
		MJ_RULE_ACTION_SYNTAX,
		MJ_RULE_PRIVATE_TRACKED,
		MJ_RULE_MJOURNAL_TRACKED,
		MJ_RULE_CONFLICT_MARKERS,
		MJ_RULE_MERGE_LEFTOVER,
		MJ_RULE_FILE_ENCODING,
		MJ_RULE_JOURNAL_CONFIG,
		MJ_RULE_RELATIONSHIP_NAME,
		MJ_RULE_SYMLINK,
		MJ_RULE_NOT_A_FILE,
	};

	for (size_t i = 0; i < MJ_ARRAY_SIZE(rules); i++)
		if (!strcmp(rules[i], name))
			return rules[i];
	return NULL;
}
