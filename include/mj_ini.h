/*
 * mj_ini.h - INI files (mjournal.ini, agreement.ini) read with inih.
 *
 * Every value keeps the line it came from.  Repeated keys stay separate
 * entries in file order.  Values are read as git config reads them
 * (mj_ini_read_value); besides, an indented line that is no "name = value",
 * no [section] and no comment is more of the value above, joined to it with
 * one space (inih's habit; git config refuses such a line).  A line longer
 * than inih can hold is refused with a diagnostic and never read cut.
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
 * not a comment, not a [section], not "name = value". */
bool mj_ini_line_continues(const char *line, size_t n);

/*
 * Where a value read by mj_ini_read_value lies in its text (offsets from
 * the value's start).
 */
struct mj_ini_span {
	size_t end;         /* the line break that ends it, or the text's end */
	size_t comment;     /* where its comment starts; end when it has none */
	int breaks;         /* line breaks a '\' at a line's end continued it over */
	size_t problem;     /* what could not be read, when it could not */
	int problem_breaks; /* line breaks before problem */
};

enum {
	MJ_INI_VALUE_OK = 0,
	MJ_INI_UNCLOSED_QUOTE = -1, /* a '"' still open at the end of the line */
	MJ_INI_UNKNOWN_ESCAPE = -2, /* a '\' before a character no escape has */
};

/*
 * Reads the value that starts at text (right after "name =", or at an
 * indented continuation line), len bytes to the end of the file, lines
 * ending in newline (a CR before an LF is part of the line break), as git
 * config reads a value ("git help config", Syntax): white space (space,
 * tab, CR) around it dropped and inside it kept; double quotes around any
 * part of it, inside which '#', ';' and white space are text; the escapes
 * \" \\ \n \t \b; a '\' at the end of a line continues the value on
 * the next line; outside quotes '#' or ';' starts a comment, to the end of
 * the line.  A single quote is a character like any other.  *out (when
 * out is not NULL) gets the value, which the caller frees, and *span where
 * it lies; returns 0, or MJ_INI_UNCLOSED_QUOTE or MJ_INI_UNKNOWN_ESCAPE
 * with *out NULL, span->problem where, and span->end at the end of that
 * line.
 */
int mj_ini_read_value(const char *text, size_t len, char newline, char **out,
		      struct mj_ini_span *span);

/*
 * Appends value as it must be written after "key = " for mj_ini_read_value
 * (and git config) to read it back as it is, as git's own writer writes
 * it: '"' and '\' escaped with '\', a tab, a line break and a backspace
 * as \t \n \b, and the whole in double quotes when it starts or ends with
 * a space, holds '#' or ';', or is empty; other control characters as
 * they are, as git writes them.  -1, appending nothing, when it cannot be:
 * not UTF-8 (the file must be), or holding a CR.
 */
int mj_ini_write_value(struct mj_buf *out, const char *value);

#endif
