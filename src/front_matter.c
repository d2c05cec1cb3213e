/*
 * front_matter.c - note front matter, parsed with libyaml's event API.
 */
#include "mj_front_matter.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* Length of the line at p (without its end), and where the next one starts. */
static size_t line_at(const char *p, const char *end, const char **next)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

	*next = nl ? nl + 1 : end;
	while (n && (p[n - 1] == '\r' || p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	return n;
}

/* The kind of block a note may start with, known by its first line. */
enum block_format { BLOCK_NONE, BLOCK_YAML, BLOCK_TOML, BLOCK_JSON };

static enum block_format opening_format(const char *p, size_t n)
{
	if (n == 3 && !memcmp(p, "---", 3))
		return BLOCK_YAML;
	if (n == 3 && !memcmp(p, "+++", 3))
		return BLOCK_TOML; /* Hugo's TOML front matter */
	if (n && p[0] == '{') { /* Hugo's JSON: "{" alone, or '{ "key"' */
		size_t i = 1;

		while (i < n && (p[i] == ' ' || p[i] == '\t'))
			i++;
		if (i == n || p[i] == '"')
			return BLOCK_JSON;
	}
	return BLOCK_NONE;
}

static bool is_closing(enum block_format format, const char *p, size_t n)
{
	switch (format) {
	case BLOCK_YAML:
		return n == 3 && (!memcmp(p, "---", 3) || !memcmp(p, "...", 3));
	case BLOCK_TOML:
		return n == 3 && !memcmp(p, "+++", 3);
	default:
		return n == 1 && p[0] == '}';
	}
}

struct parse {
	yaml_parser_t parser;
	const char *file;
	int first_line; /* note line of the YAML text's first line */
	struct mj_diags *diags;
	struct mj_front_matter *fm;
};

static void error_at(struct parse *p, const yaml_mark_t *mark, const char *fmt,
		     ...) __attribute__((format(printf, 3, 4)));

static void error_at(struct parse *p, const yaml_mark_t *mark, const char *fmt,
		     ...)
{
	va_list ap;

	va_start(ap, fmt);
	mj_diags_vadd(p->diags, p->file, p->first_line + (int)mark->line,
		      (int)mark->column + 1, MJ_LEVEL_ERROR,
		      MJ_RULE_NOTE_FRONT_MATTER, fmt, ap);
	va_end(ap);
}

/* Next event into *ev; reports libyaml's own errors.  Returns 0 or -1. */
static int next_event(struct parse *p, yaml_event_t *ev)
{
	if (yaml_parser_parse(&p->parser, ev))
		return 0;
	const char *problem = p->parser.problem ? p->parser.problem : "parse error";
	const char *hint = "";

	/* libyaml's words, and what usually causes them */
	if (strstr(problem, "mapping values are not allowed"))
		hint = " (a value holding ': ' needs quotes, like title: "
		       "\"Session 7: plan review\")";
	else if (strstr(problem, "cannot start any token") ||
		 strstr(problem, "tab"))
		hint = " (YAML indents with spaces, never tabs; and a value "
		       "starting with @, ` or a tab needs quotes)";
	error_at(p, &p->parser.problem_mark, "front matter is not valid YAML: %s%s",
		 problem, hint);
	return -1;
}

static const char *event_kind(yaml_event_type_t type)
{
	switch (type) {
	case YAML_ALIAS_EVENT:
		return "an alias";
	case YAML_MAPPING_START_EVENT:
		return "a mapping";
	case YAML_SEQUENCE_START_EVENT:
		return "a list";
	default:
		return "something else";
	}
}

static char *scalar_text(const yaml_event_t *ev)
{
	return mj_xstrndup((const char *)ev->data.scalar.value,
			   ev->data.scalar.length);
}

/*
 * YAML's null: a plain scalar that is empty, ~, null, Null or NULL (the
 * core schema), untagged or tagged !!null.  A quoted "~" is text, and so is
 * one tagged !!str.
 */
static bool scalar_is_null(const yaml_event_t *ev)
{
	static const char *const nulls[] = { "", "~", "null", "Null", "NULL" };
	const char *tag = (const char *)ev->data.scalar.tag;
	const char *value = (const char *)ev->data.scalar.value;

	if (tag ? strcmp(tag, YAML_NULL_TAG) :
		  ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	for (size_t i = 0; i < MJ_ARRAY_SIZE(nulls); i++)
		if (!strcmp(value, nulls[i]))
			return true;
	return false;
}

/*
 * A scalar value into entry.  A block scalar's (| or >) final line breaks,
 * which YAML keeps unless written |- or >-, are dropped: front matter
 * values are read as one line each.
 */
static void read_scalar(struct mj_fm_entry *entry, const yaml_event_t *ev)
{
	yaml_scalar_style_t style = ev->data.scalar.style;

	entry->scalar = scalar_text(ev);
	entry->is_null = scalar_is_null(ev);
	if (style == YAML_LITERAL_SCALAR_STYLE ||
	    style == YAML_FOLDED_SCALAR_STYLE) {
		size_t n = strlen(entry->scalar);

		while (n && entry->scalar[n - 1] == '\n')
			entry->scalar[--n] = '\0';
	}
}

/*
 * Consumes the rest of a mapping or list whose start event was just read,
 * without keeping it: another tool's value, outer levels deep in the
 * key's value.  Iterative, so depth costs no stack; aliases are events,
 * never expanded.  Deeper than
 * MJ_FRONT_MATTER_DEPTH is refused at once: libyaml's scanner spends time
 * in proportion to the depth on every token, so 60,000 '[' would take
 * seconds.
 */
static int skip_nested(struct parse *p, const char *key, size_t outer)
{
	for (size_t depth = 1; depth;) {
		yaml_event_t ev;
		int rc = 0;

		if (next_event(p, &ev) < 0)
			return -1;
		if (ev.type == YAML_MAPPING_START_EVENT ||
		    ev.type == YAML_SEQUENCE_START_EVENT) {
			if (outer + ++depth > MJ_FRONT_MATTER_DEPTH) {
				error_at(p, &ev.start_mark,
					 "'%s' nests deeper than %d levels",
					 key, MJ_FRONT_MATTER_DEPTH);
				rc = -1;
			}
		} else if (ev.type == YAML_MAPPING_END_EVENT ||
			   ev.type == YAML_SEQUENCE_END_EVENT) {
			depth--;
		} else if (ev.type == YAML_NO_EVENT ||
			   ev.type == YAML_STREAM_END_EVENT) {
			/* never, when libyaml keeps its word */
			error_at(p, &ev.start_mark, "front matter ends inside "
				 "'%s'", key);
			rc = -1;
		}
		yaml_event_delete(&ev);
		if (rc)
			return rc;
	}
	return 0;
}

static bool is_start(yaml_event_type_t type)
{
	return type == YAML_MAPPING_START_EVENT ||
	       type == YAML_SEQUENCE_START_EVENT;
}

/* What a list holds besides plain values, for entry->nested. */
static const char *list_holding(yaml_event_type_t type)
{
	switch (type) {
	case YAML_MAPPING_START_EVENT:
		return "a list holding a mapping";
	case YAML_SEQUENCE_START_EVENT:
		return "a list holding a list";
	default:
		return "a list holding an alias";
	}
}

/*
 * Reads the items of a list whose SEQUENCE_START was just consumed: plain
 * values into entry->items; anything else marks the entry nested and is
 * skipped.
 */
static int read_list(struct parse *p, struct mj_fm_entry *entry)
{
	for (;;) {
		yaml_event_t ev;
		int rc = 0;

		if (next_event(p, &ev) < 0)
			return -1;
		if (ev.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&ev);
			return 0;
		}
		if (ev.type == YAML_SCALAR_EVENT) {
			mj_strvec_push_owned(&entry->items, scalar_text(&ev));
		} else {
			if (!entry->nested)
				entry->nested = list_holding(ev.type);
			if (is_start(ev.type))
				rc = skip_nested(p, entry->key, 1);
		}
		yaml_event_delete(&ev);
		if (rc)
			return rc;
	}
}

/* Reads key/value pairs after MAPPING_START until MAPPING_END. */
static int read_mapping(struct parse *p)
{
	struct mj_front_matter *fm = p->fm;

	for (;;) {
		yaml_event_t key, value;
		struct mj_fm_entry *entry;
		int rc = 0;

		if (next_event(p, &key) < 0)
			return -1;
		if (key.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&key);
			return 0;
		}
		if (key.type != YAML_SCALAR_EVENT) {
			error_at(p, &key.start_mark,
				 "front matter keys are plain words, not %s",
				 event_kind(key.type));
			yaml_event_delete(&key);
			return -1;
		}
		if (next_event(p, &value) < 0) {
			yaml_event_delete(&key);
			return -1;
		}
		mj_grow((void **)&fm->items, &fm->cap, fm->len + 1,
			sizeof(*fm->items));
		entry = &fm->items[fm->len++];
		memset(entry, 0, sizeof(*entry));
		entry->key = scalar_text(&key);
		entry->line = p->first_line + (int)key.start_mark.line;
		entry->column = (int)key.start_mark.column + 1;
		entry->value_line = p->first_line + (int)value.start_mark.line;
		entry->value_column = (int)value.start_mark.column + 1;
		if (value.type == YAML_SCALAR_EVENT) {
			read_scalar(entry, &value);
		} else if (value.type == YAML_SEQUENCE_START_EVENT) {
			entry->is_list = true;
			rc = read_list(p, entry);
		} else {
			/* a mapping or an alias: another tool's, or an error
			 * the note's reader names */
			entry->nested = event_kind(value.type);
			if (is_start(value.type))
				rc = skip_nested(p, entry->key, 0);
		}
		yaml_event_delete(&key);
		yaml_event_delete(&value);
		if (rc)
			return rc;
	}
}

/* Reads the whole YAML stream: empty, or one document holding a mapping. */
static int read_stream(struct parse *p)
{
	yaml_event_t ev;
	int documents = 0;

	for (;;) {
		yaml_event_type_t type;

		if (next_event(p, &ev) < 0)
			return -1;
		type = ev.type;
		if (type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			return 0;
		}
		if (type == YAML_DOCUMENT_START_EVENT && documents++) {
			error_at(p, &ev.start_mark, "%s",
				 "front matter holds one YAML document only");
			yaml_event_delete(&ev);
			return -1;
		}
		if (type == YAML_MAPPING_START_EVENT) {
			yaml_event_delete(&ev);
			if (read_mapping(p) < 0)
				return -1;
			continue;
		}
		if (type == YAML_SCALAR_EVENT || type == YAML_SEQUENCE_START_EVENT ||
		    type == YAML_ALIAS_EVENT) {
			error_at(p, &ev.start_mark, "%s",
				 "front matter must be 'key: value' lines");
			yaml_event_delete(&ev);
			return -1;
		}
		yaml_event_delete(&ev);
	}
}

/*
 * Finds the block at the top of text (after a byte-order mark): its format,
 * its inside (*inner and *inner_len, NULL when it never closes) and the
 * body's first line.  Returns where the body starts: 0 without a block,
 * len when it never closes.  A JSON object on the first line alone is a
 * whole block.
 */
static size_t find_block(const char *text, size_t len,
			 enum block_format *format, const char **inner,
			 size_t *inner_len, int *body_line)
{
	const char *end = text + len, *p = text, *next, *start;
	int line;
	size_t n;

	*inner = NULL;
	*inner_len = 0;
	*body_line = 1;
	if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
		p += 3;
	n = line_at(p, end, &next);
	*format = opening_format(p, n);
	if (*format == BLOCK_NONE)
		return 0;
	if (*format == BLOCK_JSON && n > 1 && p[n - 1] == '}') {
		*inner = p;
		*inner_len = n;
		*body_line = 2;
		return (size_t)(next - text);
	}
	start = *format == BLOCK_JSON ? p : next;
	for (p = next, line = 2; p < end; p = next, line++) {
		n = line_at(p, end, &next);
		if (is_closing(*format, p, n))
			break;
	}
	*body_line = line + (p < end);
	if (p >= end)
		return len; /* not closed */
	*inner = start;
	*inner_len = (size_t)(*format == BLOCK_JSON ? p + n - start : p - start);
	return (size_t)(next - text);
}

size_t mj_front_matter_split(const char *text, size_t len, const char **yaml,
			     size_t *yaml_len, int *body_line)
{
	enum block_format format;
	const char *inner;
	size_t inner_len, offset;

	offset = find_block(text, len, &format, &inner, &inner_len, body_line);
	if (yaml) {
		*yaml = format == BLOCK_YAML ? inner : NULL;
		*yaml_len = format == BLOCK_YAML ? inner_len : 0;
	}
	return offset;
}

void mj_front_matter_parse(struct mj_front_matter *out, const char *text,
			   size_t len, const char *file, struct mj_diags *diags)
{
	enum block_format format;
	const char *yaml_start;
	size_t yaml_len;

	memset(out, 0, sizeof(*out));
	out->body_offset = find_block(text, len, &format, &yaml_start,
				      &yaml_len, &out->body_line);
	if (format == BLOCK_NONE)
		return;
	out->present = true;
	if (format != BLOCK_YAML) {
		/* named, not read: "no front matter" would send the user
		 * looking for the wrong mistake */
		mj_diags_add(diags, file, 1, 1, MJ_LEVEL_ERROR,
			     MJ_RULE_NOTE_FRONT_MATTER,
			     "mjournal reads YAML front matter; this is %s: "
			     "write it between '---' lines as 'key: value' "
			     "lines",
			     format == BLOCK_TOML ? "TOML (between '+++' lines)" :
						    "JSON (between '{' and '}')");
		return;
	}
	if (!yaml_start) {
		mj_diags_add(diags, file, 1, 1, MJ_LEVEL_ERROR,
			     MJ_RULE_NOTE_FRONT_MATTER,
			     "front matter is not closed; add a line '---' after "
			     "its last key");
		return;
	}
	if (yaml_len > MJ_FRONT_MATTER_LIMIT) {
		mj_diags_add(diags, file, 2, 1, MJ_LEVEL_ERROR,
			     MJ_RULE_NOTE_FRONT_MATTER,
			     "front matter is larger than %u KiB; keep it to a "
			     "few keys and write the rest below it",
			     MJ_FRONT_MATTER_LIMIT / 1024);
		return;
	}

	struct parse parse = { .file = file, .first_line = 2, .diags = diags,
			       .fm = out };
	if (!yaml_parser_initialize(&parse.parser)) {
		mj_diags_add(diags, file, 2, 1, MJ_LEVEL_ERROR,
			     MJ_RULE_NOTE_FRONT_MATTER,
			     "front matter could not be read (out of memory)");
		return;
	}
	yaml_parser_set_input_string(&parse.parser,
				     (const unsigned char *)yaml_start,
				     yaml_len);
	yaml_parser_set_encoding(&parse.parser, YAML_UTF8_ENCODING);
	out->valid = read_stream(&parse) == 0;
	yaml_parser_delete(&parse.parser);
}

void mj_front_matter_free(struct mj_front_matter *fm)
{
	for (size_t i = 0; i < fm->len; i++) {
		free(fm->items[i].key);
		free(fm->items[i].scalar);
		mj_strvec_free(&fm->items[i].items);
	}
	free(fm->items);
	memset(fm, 0, sizeof(*fm));
}
