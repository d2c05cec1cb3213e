/*
 * mj_ini.h - INI files (mjournal.ini, agreement.ini) read with inih.
 *
 * Every value keeps the line it came from.  Repeated keys stay separate
 * entries in file order; indented continuation lines are joined to the value
 * above with one space.  A line longer than inih can hold is refused with a
 * diagnostic and never read cut.
 */
#ifndef MJ_INI_H
#define MJ_INI_H

#include "mj_diag.h"
#include "mj_util.h"

#include <stdbool.h>
#include <stddef.h>

/* The longest line read (inih's buffer, as Debian builds it, holds 200
 * bytes with the line break and its NUL); a longer one is refused. */
#define MJ_INI_LINE_MAX 198

struct mj_ini_entry {
	char *section;
	char *key;
	char *value; /* white space trimmed; "" for "key =" */
	int line;    /* line of the key */
	int end_line; /* last continuation line of the value */
	/* an indented "name = value" line right under another value: read as
	 * a key, as git config reads it, but it could have been meant to
	 * continue the value on this line (0 when it could not) */
	int could_continue;
};

struct mj_ini_section {
	char *name;
	int line;
};

struct mj_ini {
	struct mj_ini_entry *items;
	size_t len;
	size_t cap;
	struct mj_ini_section *sections; /* section headers in file order */
	size_t n_sections;
	size_t cap_sections;
};

#define MJ_INI_INIT { NULL, 0, 0, NULL, 0, 0 }

/*
 * Parses len bytes of text.  Problems become diagnostics on file with rule
 * syntax_rule.  Returns 0 when the whole file was read, -1 when any line was
 * refused (the entries read are kept, but should not be trusted), -2 when
 * the text is not UTF-8 (rule file-encoding; nothing is read).
 */
int mj_ini_parse(struct mj_ini *out, const char *text, size_t len,
		 const char *file, const char *syntax_rule,
		 struct mj_diags *diags);
/* The line of the first [section] header, or 0. */
int mj_ini_section_line(const struct mj_ini *ini, const char *section);
/* Is section/key one of the known pairs, given as "section.key" strings. */
bool mj_ini_key_is_known(const char *section, const char *key,
			 const char *const *known, size_t n_known);
/*
 * The warning for a key nobody reads, rule rule; for a could_continue line
 * it says the other reading and how to get it.
 */
void mj_ini_warn_unknown(struct mj_diags *diags, const char *file,
			 const char *rule, const struct mj_ini_entry *e);
void mj_ini_free(struct mj_ini *ini);

/* Is the line (n bytes, without its line break) one the reader takes for
 * more of the value above, after a key with a name: indented, not blank,
 * not a comment, not "name = value". */
bool mj_ini_line_continues(const char *line, size_t n);

/*
 * Appends value as it must be written after "key = " for mj_ini_parse to
 * read it back as it is: as it is when it can be, else in quotes (a value
 * starting or ending with white space or a quote, starting with ';',
 * holding " # ", or empty).  -1, appending nothing, when no writing reads back as value: it
 * holds a line break or another control character, a ';' after white
 * space (inih takes that for a comment, even in quotes), or needs quotes
 * and holds both kinds.
 */
int mj_ini_write_value(struct mj_buf *out, const char *value);

#endif
