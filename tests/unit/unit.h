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
#include "mj_journal.h"
#include "mj_model.h"
#include <errno.h>

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

/*
 * Relationships built in memory: an agreement from a fixture (its status,
 * closed date, goal line, review date, mentee's signature) and notes given
 * as (file name, text) pairs ending with NULL.
 */
static const char agreement[] =
	"[relationship]\n"                       /* 1 */
	"mentor = Alex Doe <alex@example.org>\n" /* 2 */
	"mentee = Sam Roe <sam@example.org>\n"   /* 3 */
	"started = 2026-01-12\n"                 /* 4 */
	"ends = 2026-07-12\n"                    /* 5 */
	"cadence = 14d\n"                        /* 6 */
	"status = %s\n"                          /* 7 */
	"closed = %s\n"                          /* 8 */
	"[goals]\n"                              /* 9 */
	"%s\n"                                   /* 10 */
	"[terms]\n"                              /* 11 */
	"review = %s\n"                          /* 12 */
	"signed-mentor = 2026-01-19\n"           /* 13 */
	"signed-mentee = %s\n";                  /* 14 */

struct fixture {
	const char *status, *closed, *goal, *review, *signed_mentee;
};

static const struct fixture active __attribute__((unused)) = {
	"active", "", "goal = Lead a project", "2026-04-12", "2026-01-19",
};

/* A relationship from an agreement fixture and (name, text) note pairs. */
static inline void build(struct mj_relationship *rel, const struct fixture *f,
		  const char *const *notes)
{
	char text[2048];
	struct mj_diags *d;

	mj_relationship_init(rel, "sam");
	d = &rel->diags;
	snprintf(text, sizeof(text), agreement, f->status, f->closed, f->goal,
		 f->review, f->signed_mentee);
	mj_agreement_parse(&rel->agreement, text, strlen(text),
			   "sam/agreement.ini", d);
	for (size_t i = 0; notes && notes[i]; i += 2) {
		struct mj_note note;
		char file[128];
		snprintf(file, sizeof(file), "sam/%s", notes[i]);
		mj_note_parse(&note, file, notes[i], notes[i + 1],
			      strlen(notes[i + 1]));
		mj_relationship_add_note(rel, &note);
	}
	mj_relationship_sort(rel);
}

/* The date YYYY-MM-DD (it must be one). */
static inline mj_date day(const char *text)
{
	mj_date d;
	assert_int_equal(mj_date_parse_str(&d, text), 0);
	return d;
}

#define HELD "attendance: held\nduration: 60m\n"
#define NOTE(date, stage, extra, body) \
	"---\ndate: " date "\nstage: " stage "\n" extra "---\n" body
#define FEEDBACK "## Feedback\n- fine\n"

/*
 * A journal source held in memory: files as (path, text) pairs ending with
 * NULL, folders implied by the paths.  Loading, summaries and reports run
 * on it without a disk.
 */
struct mem_source {
	const char *const *files;
};

static inline int mem_list(void *ctx, const char *dir, struct mj_dirent **out,
			   size_t *n)
{
	const struct mem_source *m = ctx;
	size_t dlen = strlen(dir), cap = 0;

	*out = NULL;
	*n = 0;
	for (size_t i = 0; m->files[i]; i += 2) {
		const char *p = m->files[i], *rest, *slash;
		size_t len;
		bool seen = false;

		if (dlen && (strncmp(p, dir, dlen) || p[dlen] != '/'))
			continue;
		rest = dlen ? p + dlen + 1 : p;
		slash = strchr(rest, '/');
		len = slash ? (size_t)(slash - rest) : strlen(rest);
		for (size_t j = 0; j < *n; j++)
			if (strlen((*out)[j].name) == len &&
			    !strncmp((*out)[j].name, rest, len))
				seen = true;
		if (seen)
			continue;
		if (*n == cap) {
			cap = cap ? 2 * cap : 8;
			*out = realloc(*out, cap * sizeof(**out));
		}
		memset(&(*out)[*n], 0, sizeof(**out));
		(*out)[*n].name = strndup(rest, len);
		(*out)[*n].kind = slash ? MJ_KIND_DIR : MJ_KIND_FILE;
		(*n)++;
	}
	for (size_t i = 1; i < *n; i++) /* sorted by name, as a folder is */
		for (size_t j = i; j > 0 &&
		     strcmp((*out)[j - 1].name, (*out)[j].name) > 0; j--) {
			struct mj_dirent t = (*out)[j];
			(*out)[j] = (*out)[j - 1];
			(*out)[j - 1] = t;
		}
	return 0;
}

static inline enum mj_read_status mem_read(void *ctx, const char *path,
					   size_t limit, char **out, size_t *len)
{
	const struct mem_source *m = ctx;

	for (size_t i = 0; m->files[i]; i += 2)
		if (!strcmp(m->files[i], path)) {
			*len = strlen(m->files[i + 1]);
			if (*len > limit)
				return MJ_READ_TOO_LARGE;
			*out = strdup(m->files[i + 1]);
			return MJ_READ_OK;
		}
	errno = ENOENT;
	return MJ_READ_ERROR;
}

static inline void mem_source(struct mj_source *src, struct mem_source *m)
{
	memset(src, 0, sizeof(*src));
	src->list = mem_list;
	src->read = mem_read;
	src->ctx = m;
}

#define RUN_TESTS(tests) do { \
	cmocka_set_message_output(CM_OUTPUT_TAP); \
	return cmocka_run_group_tests((tests), NULL, NULL); \
	} while (0)

#endif
