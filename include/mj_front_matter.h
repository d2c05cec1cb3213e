/*
 * mj_front_matter.h - the YAML block at the top of a session note.
 *
 * Only a flat mapping is accepted: each key holds a scalar or a list of
 * scalars.  Aliases, nested mappings and nested lists are refused, so alias
 * bombs and deep nesting cost nothing.
 */
#ifndef MJ_FRONT_MATTER_H
#define MJ_FRONT_MATTER_H

#include "mj_diag.h"
#include "mj_util.h"

#include <stdbool.h>
#include <stddef.h>

#define MJ_FRONT_MATTER_LIMIT (64u * 1024)

struct mj_fm_entry {
	char *key;
	int line;          /* 1-based line of the key in the note */
	int column;
	bool is_list;
	char *scalar;      /* when !is_list */
	struct mj_strvec items; /* when is_list */
	int value_line;
	int value_column;
};

struct mj_front_matter {
	bool present;       /* the note starts with a "---" line */
	bool valid;         /* it closed and parsed as a flat mapping */
	struct mj_fm_entry *items;
	size_t len;
	size_t cap;
	size_t body_offset; /* where the Markdown body starts */
	int body_line;      /* the body's first line number */
};

/*
 * Splits text into front matter and body and parses the front matter.
 * Problems are note-front-matter errors on file.
 */
void mj_front_matter_parse(struct mj_front_matter *out, const char *text,
			   size_t len, const char *file, struct mj_diags *diags);
void mj_front_matter_free(struct mj_front_matter *fm);

/*
 * Where the Markdown body of a note starts: after a closed front matter
 * block, else 0 (no front matter), else len (an unclosed one).  *yaml and
 * *yaml_len get the YAML text between the fences (may be NULL).
 */
size_t mj_front_matter_split(const char *text, size_t len, const char **yaml,
			     size_t *yaml_len, int *body_line);

#endif
