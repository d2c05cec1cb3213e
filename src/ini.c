/*
 * ini.c - INI files read with inih, through a line reader of our own.
 *
 * inih (as Debian builds it) reports no line numbers to the handler and cuts
 * lines longer than its buffer, reading the rest as another line.  Feeding it
 * through ini_parse_stream with our own reader fixes both: the reader counts
 * lines, so the handler knows the line of each value, and it sees every line
 * whole before inih does, so a line too long for inih's buffer is refused and
 * replaced by an empty one instead of being read cut.
 *
 * Values are read here, as git config reads them (mj_ini_read_value), and
 * never by inih: inih gets a line's key and its '=', and the handler takes
 * the value the reader read.  inih would cut a value at " ;" even inside
 * quotes, keep the quotes, and know no escapes.
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
	int key_line;           /* the line that was (continued: first) */
	int *given;             /* key_line of each line inih got, in order */
	size_t n_given;
	size_t cap_given;
	char *value;            /* its value as git reads it, or NULL */
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

/* Is c white space as git config has it (outside quotes, trimmed). */
static bool git_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* The length of the line break at text[i] (0 when there is none): newline,
 * or CR LF when lines end in LF. */
static size_t line_break_at(const char *text, size_t len, size_t i,
			    char newline)
{
	if (text[i] == newline)
		return 1;
	return newline == '\n' && text[i] == '\r' && i + 1 < len &&
	       text[i + 1] == '\n' ? 2 : 0;
}

/* Where the line holding text[i] ends (its line break, or len). */
static size_t line_end_from(const char *text, size_t len, size_t i,
			    char newline)
{
	while (i < len && !line_break_at(text, len, i, newline))
		i++;
	return i;
}

int mj_ini_read_value(const char *text, size_t len, char newline, char **out,
		      struct mj_ini_span *span)
{
	struct mj_buf value = MJ_BUF_INIT;
	bool quote = false, comment = false;
	size_t trim_len = 0, i = 0, brk, opened = 0;
	int rc = MJ_INI_VALUE_OK;

	memset(span, 0, sizeof(*span));
	span->comment = SIZE_MAX;
	mj_buf_adds(&value, "");
	/* git's parse_value (config.c), step by step */
	for (;;) {
		char c;

		if (i >= len || (brk = line_break_at(text, len, i, newline))) {
			if (quote) {
				rc = MJ_INI_UNCLOSED_QUOTE;
				span->problem = opened;
			}
			break;
		}
		c = text[i++];
		if (comment)
			continue;
		if (git_space(c) && !quote) {
			if (!trim_len)
				trim_len = value.len;
			if (value.len)
				mj_buf_add(&value, &c, 1);
			continue;
		}
		if (!quote && (c == ';' || c == '#')) {
			comment = true;
			span->comment = i - 1;
			continue;
		}
		trim_len = 0;
		if (c == '\\') {
			if (i >= len)
				continue; /* at the end of the text: nothing more */
			if ((brk = line_break_at(text, len, i, newline))) {
				i += brk;
				span->breaks++;
				continue;
			}
			switch (text[i]) {
			case 't': c = '\t'; break;
			case 'b': c = '\b'; break;
			case 'n': c = '\n'; break;
			case '\\': case '"': c = text[i]; break;
			default:
				rc = MJ_INI_UNKNOWN_ESCAPE;
				span->problem = i - 1;
				break;
			}
			if (rc)
				break;
			i++;
			mj_buf_add(&value, &c, 1);
			continue;
		}
		if (c == '"') {
			quote = !quote;
			opened = i - 1;
			span->problem_breaks = span->breaks;
			continue;
		}
		mj_buf_add(&value, &c, 1);
	}
	if (rc == MJ_INI_UNKNOWN_ESCAPE)
		span->problem_breaks = span->breaks;
	if (rc)
		i = line_end_from(text, len, i, newline);
	span->end = i;
	if (span->comment == SIZE_MAX)
		span->comment = i;
	if (trim_len)
		value.len = trim_len;
	value.ptr[value.len] = '\0';
	if (out && !rc)
		*out = mj_buf_detach(&value);
	else if (out)
		*out = NULL;
	mj_buf_free(&value);
	return rc;
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
	       line[indent] != '#' && line[indent] != '[' &&
	       !is_assignment(line + indent, n - indent);
}

/* Can inih read the line (n bytes) whole: no NUL, no longer than room;
 * else the diagnostic, and the file is refused. */
static bool line_readable(struct reader *r, const char *line, size_t n,
			  size_t room, int number)
{
	if (memchr(line, '\0', n)) {
		mj_diags_add(r->diags, r->file, number, 1, MJ_LEVEL_ERROR,
			     r->rule,
			     "line %d holds a NUL byte; this is not a text file: "
			     "remove the byte",
			     number);
	} else if (n > room) {
		mj_diags_add(r->diags, r->file, number, (int)room + 1,
			     MJ_LEVEL_ERROR, r->rule,
			     "line %d is %zu bytes long, more than the %zu an INI "
			     "line may hold; wrap the value onto indented "
			     "continuation lines",
			     number, n, room);
	} else {
		return true;
	}
	r->refused = true;
	return false;
}

/* The next line of r's text (without its line break) in *n; r moves past
 * it and counts it. */
static const char *next_line(struct reader *r, size_t *n)
{
	const char *start = r->text + r->pos;
	const char *nl = memchr(start, '\n', r->len - r->pos);

	*n = nl ? (size_t)(nl - start) : r->len - r->pos;
	r->pos += *n + (nl != NULL);
	r->line++;
	if (*n && start[*n - 1] == '\r')
		(*n)--;
	return start;
}

/* Where inih splits "name = value" (or "name: value"): the '=' or ':',
 * unless a " ;" comment comes first; NULL when there is none. */
static const char *name_end(const char *line, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (line[i] == '=' || line[i] == ':')
			return line + i;
		if (line[i] == ';' && i && ini_space(line[i - 1]))
			return NULL;
	}
	return NULL;
}

/* The column (1-based) of offset at in r's text. */
static int column_of(const struct reader *r, size_t at)
{
	size_t start = at;

	while (start && r->text[start - 1] != '\n')
		start--;
	return (int)(at - start) + 1;
}

/* The warning for a comment glued to the text around it, which git
 * config reads as a comment all the same ("Ship release #3", "a;b"). */
static void glued_comment(struct reader *r, const char *value,
			  const struct mj_ini_span *span)
{
	size_t at = (size_t)(value - r->text) + span->comment;
	char before = span->comment ? value[span->comment - 1] : ' ';
	char after = at + 1 < r->len ? r->text[at + 1] : '\n';
	int line = r->line;

	if ((ini_space(before) || before == '\n') &&
	    (ini_space(after) || after == '\n'))
		return;
	for (size_t i = at; i < (size_t)(value - r->text) + span->end; i++)
		line -= r->text[i] == '\n'; /* the lines continued after it */
	mj_diags_add(r->diags, r->file, line, column_of(r, at),
		     MJ_LEVEL_WARNING, r->rule,
		     "the '%c' starts a comment, as git config reads it: the "
		     "value is '%s'; put the value in double quotes if the "
		     "'%c' is part of it",
		     r->text[at], r->value, r->text[at]);
}

/*
 * Reads the value that starts at value (in r's text) as git config reads
 * it, into r->value; the lines a '\' continues it onto go with it (r moves
 * past them).  False after a diagnostic when it cannot be read.
 */
static bool read_value(struct reader *r, const char *value, size_t room)
{
	size_t at = (size_t)(value - r->text), end;
	struct mj_ini_span span;
	int rc = mj_ini_read_value(value, r->len - at, '\n', &r->value, &span);
	bool readable = true;

	/* the lines continued: each as long as a line may be */
	end = at + span.end;
	while (r->pos <= end && r->pos < r->len) {
		size_t n;
		const char *line = next_line(r, &n);
		readable &= line_readable(r, line, n, room, r->line);
	}
	if (rc == MJ_INI_UNCLOSED_QUOTE)
		mj_diags_add(r->diags, r->file, r->key_line + span.problem_breaks,
			     column_of(r, at + span.problem), MJ_LEVEL_ERROR,
			     r->rule,
			     "line %d: a '\"' is never closed; inside a value, "
			     "write a quote as \\\"",
			     r->key_line + span.problem_breaks);
	else if (rc == MJ_INI_UNKNOWN_ESCAPE)
		mj_diags_add(r->diags, r->file, r->key_line + span.problem_breaks,
			     column_of(r, at + span.problem), MJ_LEVEL_ERROR,
			     r->rule,
			     "line %d: '\\%c' is no escape git config knows "
			     "(\\\" \\\\ \\n \\t \\b are); write a backslash as "
			     "\\\\",
			     r->key_line + span.problem_breaks,
			     value[span.problem + 1]);
	else if (span.comment < span.end)
		glued_comment(r, value, &span);
	if (rc)
		r->refused = true;
	return !rc && readable;
}

static char *read_line(char *str, int num, void *stream)
{
	struct reader *r = stream;
	const char *start, *value = NULL;
	size_t len, indent, room = num > 2 ? (size_t)num - 2 : 0;

	if (room > MJ_INI_LINE_MAX)
		room = MJ_INI_LINE_MAX;
	free(r->value);
	r->value = NULL;
	if (r->pos >= r->len)
		return NULL;
	start = next_line(r, &len);
	r->key_line = r->line;
	mj_grow((void **)&r->given, &r->cap_given, r->n_given + 1,
		sizeof(*r->given));
	r->given[r->n_given++] = r->line;
	r->line_continues = false;
	if (!line_readable(r, start, len, room, r->line))
		len = 0;
	/*
	 * Indentation does not matter for "name = value" or a [section], as
	 * in git config: such a line goes to inih unindented.  Any other
	 * indented line but a comment is more of the value above when inih
	 * has a name to give it, as inih reads it.
	 */
	indent = indent_of(start, len);
	r->line_indented = indent > 0;
	if (mj_ini_line_continues(start, len)) {
		r->line_continues = r->named;
	} else if (indent && indent < len &&
		   (start[indent] == '[' ||
		    is_assignment(start + indent, len - indent))) {
		start += indent;
		len -= indent;
		indent = 0;
	}
	if (len && start[0] == '[') {
		note_section(r->ini, start, len, r->line);
		/* inih forgets the name at a section ("[" alone is an error) */
		if (memchr(start, ']', len))
			r->named = false;
	} else if (r->line_continues) {
		value = start + indent;
	} else if (indent < len && start[indent] != ';' && start[indent] != '#') {
		value = name_end(start, len);
		value = value ? value + 1 : NULL;
	}
	/* inih gets the name and its '=' (or the indentation, and a mark
	 * it takes for more of the value above): the value is read here */
	if (value) {
		size_t head = (size_t)(value - start);
		len = read_value(r, value, room) ? head : 0;
		memcpy(str, start, len);
		if (len && r->line_continues)
			str[len++] = '-';
	} else {
		memcpy(str, start, len);
	}
	str[len] = '\n';
	str[len + 1] = '\0';
	return str;
}

static void add_entry(struct mj_ini *ini, const char *section, const char *key,
		      const char *value, int line, int end_line)
{
	struct mj_ini_entry *e;

	mj_grow((void **)&ini->items, &ini->cap, ini->len + 1, sizeof(*ini->items));
	e = &ini->items[ini->len++];
	/* section and key names are read without regard to case, as git
	 * config reads them: [Relationship] and Mentor = are the same */
	e->section = mj_str_lower(mj_xstrdup(section));
	e->key = mj_str_lower(mj_xstrdup(key));
	e->value = mj_xstrdup(value);
	e->line = line;
	e->end_line = end_line;
	e->could_continue = 0;
}

static int handle_value(void *user, const char *section, const char *key,
			const char *value)
{
	struct reader *r = user;
	struct mj_ini *ini = r->ini;
	struct mj_ini_entry *last = ini->len ? &ini->items[ini->len - 1] : NULL;
	/* the value as git reads it; inih's reading is not used */
	const char *read = r->value ? r->value : value;
	int above;

	r->named = *key != '\0'; /* as inih keeps a name for what follows */
	if (r->line_continues && last) {
		/* a continuation line: joined to the value above, whose name
		 * inih gives (every name it takes is the last entry's) */
		if (*read) {
			char *joined = *last->value ?
				mj_xasprintf("%s %s", last->value, read) :
				mj_xstrdup(read);
			free(last->value);
			last->value = joined;
		}
		last->end_line = r->line;
		return 1;
	}
	/* read before add_entry moves the entries */
	above = last && !strcasecmp(last->section, section) ? last->end_line : 0;
	add_entry(ini, section, key, read, r->key_line, r->line);
	/* an indented key could have been meant as more of the value above */
	if (r->line_indented)
		ini->items[ini->len - 1].could_continue = above;
	return 1;
}

int mj_ini_parse(struct mj_ini *out, const char *text, size_t len,
		 const char *file, const char *syntax_rule,
		 struct mj_diags *diags)
{
	struct reader r = { .text = text, .len = len, .file = file,
			    .rule = syntax_rule, .diags = diags, .ini = out };
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
	free(r.value);
	/* inih counts the lines it was given: the first of each is known */
	if (rc > 0 && (size_t)rc <= r.n_given)
		rc = r.given[rc - 1];
	free(r.given);

	if (rc > 0) {
		mj_diags_add(diags, file, rc, 1, MJ_LEVEL_ERROR, syntax_rule,
			     "line %d is not 'key = value', a [section] or a "
			     "comment; fix it, or start it with ';' to make it "
			     "one",
			     rc);
		return -1;
	}
	if (rc < 0) {
		mj_diags_add(diags, file, 0, 0, MJ_LEVEL_ERROR, syntax_rule,
			     "cannot be read; mjournal check says why");
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
			     "unknown key '%s' in [%s] is not used; check its "
			     "spelling, or remove it", e->key, section);
}

int mj_ini_write_value(struct mj_buf *out, const char *value)
{
	size_t len = strlen(value);
	/* what git config trims or takes for a comment is quoted, as git's
	 * own writer quotes it */
	bool quote = !len || value[0] == ' ' || value[len - 1] == ' ' ||
		     strpbrk(value, "#;");

	if (!mj_utf8_is_valid(value, len, NULL))
		return -1;
	/* a CR has no escape, and before a line break it is part of it */
	if (strchr(value, '\r'))
		return -1;
	if (quote)
		mj_buf_adds(out, "\"");
	for (const char *p = value; *p; p++) {
		switch (*p) {
		case '\t': mj_buf_adds(out, "\\t"); break;
		case '\n': mj_buf_adds(out, "\\n"); break;
		case '\b': mj_buf_adds(out, "\\b"); break;
		case '"': mj_buf_adds(out, "\\\""); break;
		case '\\': mj_buf_adds(out, "\\\\"); break;
		default: mj_buf_add(out, p, 1); break;
		}
	}
	if (quote)
		mj_buf_adds(out, "\"");
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
