/*
 * mj_front_matter.h - the YAML block at the top of a session note.
 *
 * The front matter is one YAML mapping.  Each key's value is kept when it
 * is a scalar or a list of scalars; any other value (a mapping, a list
 * holding mappings or lists, an alias) is skipped, and the
 * entry only says what it was (nested), so that other tools' keys cost
 * nothing and the note's reader can name one of its own keys that holds
 * one.  Aliases are never expanded, so alias bombs cost nothing either;
 * a value nested deeper than MJ_FRONT_MATTER_DEPTH is refused.
 * TOML ('+++') and JSON ('{') blocks are named as such, not read.
 */
#ifndef MJ_FRONT_MATTER_H
#define MJ_FRONT_MATTER_H

#include "mj_diag.h"
#include "mj_util.h"

#include <stdbool.h>
#include <stddef.h>

#define MJ_FRONT_MATTER_LIMIT (64u * 1024)
/* How deep a value may nest (a mapping in a list in a mapping is 3). */
#define MJ_FRONT_MATTER_DEPTH 32

struct mj_fm_entry {
	char *key;
	int line;          /* 1-based line of the key in the note */
	int column;
	bool is_list;
	char *scalar;      /* when !is_list and !nested */
	bool is_null;      /* scalar is YAML's null: empty, ~, null (unquoted),
			    * or tagged !!null */
	struct mj_strvec items; /* the list's plain values, when is_list */
	const char *nested; /* what the value is when it is not plain values:
			     * "a mapping", "a list holding a mapping", ... */
	int value_line;
	int value_column;
};

struct mj_front_matter {
	bool present;       /* the note starts with a "---" line (or TOML's
			     * "+++", or JSON's "{": named, never valid) */
	bool valid;         /* it closed and parsed as a mapping */
	struct mj_fm_entry *items;
	size_t len;
	size_t cap;
	size_t body_offset; /* where the Markdown body starts */
	int body_line;      /* the body's first line number */
};

/*
 * Splits text into front matter and body and parses the front matter.
 * Problems are note-front-matter errors on file.  A block scalar's final
 * line breaks (| or >, which YAML keeps unless written |- or >-) are
 * dropped: values are read as one line each.
 */
void mj_front_matter_parse(struct mj_front_matter *out, const char *text,
			   size_t len, const char *file, struct mj_diags *diags);
void mj_front_matter_free(struct mj_front_matter *fm);

/*
 * Where the Markdown body of a note starts: after a closed front matter
 * block (YAML, TOML or JSON), else 0 (no front matter), else len (an
 * unclosed one).  *yaml and *yaml_len get the YAML text between the fences
 * (may be NULL; NULL too for a TOML or JSON block).
 */
size_t mj_front_matter_split(const char *text, size_t len, const char **yaml,
			     size_t *yaml_len, int *body_line);

#endif
