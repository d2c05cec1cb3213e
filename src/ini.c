/*
 * ini.c - INI files read with inih, through a line reader of our own.
 *
 * inih (as Debian builds it) reports no line numbers to the handler and cuts
 * lines longer than its buffer, reading the rest as another line.  Feeding it
 * through ini_parse_stream with our own reader fixes both: the reader counts
 * lines, so the handler knows the line of each value, and it sees every line
 * whole before inih does, so a line too long for inih's buffer is refused and
 * replaced by an empty one instead of being read cut.
 */
#include "mj_ini.h"
#include "mj_util.h"

#include <ini.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct reader {
	const char *text;
	size_t len;
	size_t pos;
	int line;               /* number of the line handed to inih last */
	bool line_indented;     /* did that line start with white space */
	bool line_continues;    /* inih reads it as more of the value above */
	bool named;             /* inih has a name a continuation would join */
	bool refused;
	const char *file;
	const char *rule;
	struct mj_diags *diags;
	struct mj_ini *ini;
};

/* Records "[name]" (inih reads it too; we want its line). */
static void note_section(struct mj_ini *ini, const char *start, size_t len,
			 int line)
{
	const char *end = memchr(start, ']', len);
	struct mj_ini_section *sec;

	if (!end)
		return;
	mj_grow((void **)&ini->sections, &ini->cap_sections,
		ini->n_sections + 1, sizeof(*ini->sections));
	sec = &ini->sections[ini->n_sections++];
	sec->name = mj_xstrndup(start + 1, (size_t)(end - start - 1));
	mj_str_trim(sec->name);
	sec->line = line;
}

/* Is c white space as inih's isspace() has it (in a line: no '\n'). */
static bool ini_space(char c)
{
	return c && strchr(" \t\v\f\r", c);
}

/* "name = value" as a key's assignment: the name's length, else 0. */
static size_t assignment_key(const char *line)
{
	size_t n = 0;

	if (!((line[0] >= 'a' && line[0] <= 'z') || (line[0] >= 'A' && line[0] <= 'Z')))
		return 0;
	while (line[n] && (strchr("_-.", line[n]) ||
			   (line[n] >= 'a' && line[n] <= 'z') ||
			   (line[n] >= 'A' && line[n] <= 'Z') ||
			   (line[n] >= '0' && line[n] <= '9')))
		n++;
	size_t k = n;
	while (line[k] == ' ' || line[k] == '\t')
		k++;
	return line[k] == '=' ? n : 0;
}

/* The white space a line starts with, as inih's isspace() has it. */
static size_t indent_of(const char *line, size_t n)
{
	size_t indent = 0;

	while (indent < n && ini_space(line[indent]))
		indent++;
	return indent;
}

/* Is the line (n bytes, no indentation) "name = value". */
static bool is_assignment(const char *line, size_t n)
{
	char *copy = mj_xstrndup(line, n);
	bool yes = assignment_key(copy) > 0;

	free(copy);
	return yes;
}

bool mj_ini_line_continues(const char *line, size_t n)
{
	size_t indent = indent_of(line, n);

	return indent && indent < n && line[indent] != ';' &&
	       line[indent] != '#' && !is_assignment(line + indent, n - indent);
}

static char *read_line(char *str, int num, void *stream)
{
	struct reader *r = stream;
	const char *start, *nl;
	size_t len, indent, room = num > 2 ? (size_t)num - 2 : 0;

	if (room > MJ_INI_LINE_MAX)
		room = MJ_INI_LINE_MAX;

	if (r->pos >= r->len)
		return NULL;
	start = r->text + r->pos;
	nl = memchr(start, '\n', r->len - r->pos);
	len = nl ? (size_t)(nl - start) : r->len - r->pos;
	r->pos += len + (nl != NULL);
	r->line++;
	if (len && start[len - 1] == '\r')
		len--;
	r->line_continues = false;
	if (len && start[0] == '[' && len <= room)
		note_section(r->ini, start, len, r->line);

	if (memchr(start, '\0', len)) {
		mj_diags_add(r->diags, r->file, r->line, 1, MJ_LEVEL_ERROR, r->rule,
			     "line %d holds a NUL byte; this is not a text file",
			     r->line);
		r->refused = true;
		len = 0;
	} else if (len > room) {
		mj_diags_add(r->diags, r->file, r->line, (int)room + 1,
			     MJ_LEVEL_ERROR, r->rule,
			     "line %d is %zu bytes long, more than the %zu an INI "
			     "line may hold; wrap the value onto indented "
			     "continuation lines",
			     r->line, len, room);
		r->refused = true;
		len = 0;
	}
	/*
	 * Indentation does not matter for "name = value", as in git config:
	 * such a line goes to inih unindented, as the key it is.  Any other
	 * indented line but a comment is more of the value above when inih
	 * has a name to give it, as inih reads it.
	 */
	indent = indent_of(start, len);
	r->line_indented = indent > 0;
	if (mj_ini_line_continues(start, len)) {
		r->line_continues = r->named;
	} else if (indent && is_assignment(start + indent, len - indent)) {
		start += indent;
		len -= indent;
	}
	/* inih forgets the name at a section ("[" alone is an error) */
	if (len && start[0] == '[' && memchr(start, ']', len) &&
	    !r->line_continues)
		r->named = false;
	memcpy(str, start, len);
	str[len] = '\n';
	str[len + 1] = '\0';
	return str;
}

/*
 * A value as written, read as git config reads one: surrounding quotes
 * removed (a quoted value may hold anything), and an unquoted value ends
 * where " # " starts a comment.  Caller frees.
 */
static char *clean_value(const char *value)
{
	size_t len = strlen(value);
	const char *hash;

	if (len >= 2 && (value[0] == '"' || value[0] == '\'')) {
		const char *close = strchr(value + 1, value[0]);
		if (close)
			return mj_xstrndup(value + 1, (size_t)(close - value - 1));
	}
	for (hash = strstr(value, " #"); hash; hash = strstr(hash + 1, " #"))
		if (hash[2] == ' ' || hash[2] == '\t' || !hash[2]) {
			char *v = mj_xstrndup(value, (size_t)(hash - value));
			mj_str_trim(v); /* inih trimmed the start already */
			return v;
		}
	return mj_xstrdup(value);
}


static void add_entry(struct mj_ini *ini, const char *section, const char *key,
		      const char *value, int line)
{
	struct mj_ini_entry *e;

	mj_grow((void **)&ini->items, &ini->cap, ini->len + 1, sizeof(*ini->items));
	e = &ini->items[ini->len++];
	/* section and key names are read without regard to case, as git
	 * config reads them: [Relationship] and Mentor = are the same */
	e->section = mj_str_lower(mj_xstrdup(section));
	e->key = mj_str_lower(mj_xstrdup(key));
	e->value = clean_value(value);
	e->line = e->end_line = line;
	e->could_continue = 0;
}

static int handle_value(void *user, const char *section, const char *key,
			const char *value)
{
	struct reader *r = user;
	struct mj_ini *ini = r->ini;
	struct mj_ini_entry *last = ini->len ? &ini->items[ini->len - 1] : NULL;
	int above;

	r->named = *key != '\0'; /* as inih keeps a name for what follows */
	if (r->line_continues && last) {
		/* a continuation line: joined to the value above, whose name
		 * inih gives (every name it takes is the last entry's) */
		char *joined = *last->value ?
			mj_xasprintf("%s %s", last->value, value) :
			mj_xstrdup(value);
		free(last->value);
		last->value = joined;
		last->end_line = r->line;
		return 1;
	}
	/* read before add_entry moves the entries */
	above = last && !strcasecmp(last->section, section) ? last->end_line : 0;
	add_entry(ini, section, key, value, r->line);
	/* an indented key could have been meant as more of the value above */
	if (r->line_indented)
		ini->items[ini->len - 1].could_continue = above;
	return 1;
}

int mj_ini_parse(struct mj_ini *out, const char *text, size_t len,
		 const char *file, const char *syntax_rule,
		 struct mj_diags *diags)
{
	struct reader r = { text, len, 0, 0, false, false, false, false, file,
			    syntax_rule, diags, out };
	int line, rc;
	size_t plain_len;
	char *plain = mj_text_normalize(text, len, &plain_len), *why;

	if (plain) { /* a byte-order mark, CR line endings */
		rc = mj_ini_parse(out, plain, plain_len, file, syntax_rule, diags);
		free(plain);
		return rc;
	}
	why = mj_encoding_problem(text, len, &line);

	if (why) { /* read as UTF-8 it would be misread: not read at all */
		mj_diags_add(diags, file, line, 1, MJ_LEVEL_ERROR,
			     MJ_RULE_FILE_ENCODING, "%s", why);
		free(why);
		return -2;
	}
	rc = ini_parse_stream(read_line, &r, handle_value, &r);

	if (rc > 0) {
		mj_diags_add(diags, file, rc, 1, MJ_LEVEL_ERROR, syntax_rule,
			     "line %d is not 'key = value', a [section] or a "
			     "comment",
			     rc);
		return -1;
	}
	if (rc < 0) {
		mj_diags_add(diags, file, 0, 0, MJ_LEVEL_ERROR, syntax_rule,
			     "cannot be read");
		return -1;
	}
	return r.refused ? -1 : 0;
}

int mj_ini_section_line(const struct mj_ini *ini, const char *section)
{
	for (size_t i = 0; i < ini->n_sections; i++)
		if (!strcmp(ini->sections[i].name, section))
			return ini->sections[i].line;
	return 0;
}

bool mj_ini_key_is_known(const char *section, const char *key,
			 const char *const *known, size_t n_known)
{
	size_t slen = strlen(section);

	for (size_t i = 0; i < n_known; i++)
		if (!strncmp(known[i], section, slen) && known[i][slen] == '.' &&
		    !strcmp(known[i] + slen + 1, key))
			return true;
	return false;
}

void mj_ini_warn_unknown(struct mj_diags *diags, const char *file,
			 const char *rule, const struct mj_ini_entry *e)
{
	const char *section = *e->section ? e->section : "no section";

	if (e->could_continue)
		mj_diags_add(diags, file, e->line, 1, MJ_LEVEL_WARNING, rule,
			     "unknown key '%s' in [%s] is not used; this "
			     "indented line reads as a key, not as more of the "
			     "value on line %d: if it is more of that value, "
			     "join it to that line",
			     e->key, section, e->could_continue);
	else
		mj_diags_add(diags, file, e->line, 1, MJ_LEVEL_WARNING, rule,
			     "unknown key '%s' in [%s] is not used", e->key,
			     section);
}

int mj_ini_write_value(struct mj_buf *out, const char *value)
{
	size_t len = strlen(value);
	const char *hash;
	/* after "key = ", a ';' first would start a comment */
	bool quote = !len || ini_space(value[0]) || ini_space(value[len - 1]) ||
		     value[0] == '"' || value[0] == '\'' || value[0] == ';';
	char mark;

	for (const char *p = value; *p; p++)
		if (((unsigned char)*p < 0x20 && *p != '\t') || *p == 0x7f ||
		    (*p == ';' && p > value && ini_space(p[-1])))
			return -1;
	/* " # " ends a value that is not quoted (clean_value) */
	for (hash = strstr(value, " #"); hash && !quote; hash = strstr(hash + 1, " #"))
		quote = hash[2] == ' ' || hash[2] == '\t' || !hash[2];
	if (!quote) {
		mj_buf_adds(out, value);
		return 0;
	}
	mark = !strchr(value, '"') ? '"' : !strchr(value, '\'') ? '\'' : 0;
	if (!mark)
		return -1;
	mj_buf_addf(out, "%c%s%c", mark, value, mark);
	return 0;
}

void mj_ini_free(struct mj_ini *ini)
{
	for (size_t i = 0; i < ini->n_sections; i++)
		free(ini->sections[i].name);
	free(ini->sections);
	ini->sections = NULL;
	ini->n_sections = ini->cap_sections = 0;
	for (size_t i = 0; i < ini->len; i++) {
		free(ini->items[i].section);
		free(ini->items[i].key);
		free(ini->items[i].value);
	}
	free(ini->items);
	ini->items = NULL;
	ini->len = ini->cap = 0;
}
