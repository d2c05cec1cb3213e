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

static bool is_fence(const char *p, size_t n, bool closing)
{
	return n == 3 && (!memcmp(p, "---", 3) || (closing && !memcmp(p, "...", 3)));
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

/* Reads the items of a list whose SEQUENCE_START was just consumed. */
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
			error_at(p, &ev.start_mark,
				 "a list in front matter holds plain values only, "
				 "not %s", event_kind(ev.type));
			rc = -1;
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
			entry->scalar = scalar_text(&value);
		} else if (value.type == YAML_SEQUENCE_START_EVENT) {
			entry->is_list = true;
			rc = read_list(p, entry);
		} else {
			error_at(p, &value.start_mark,
				 "front matter values are plain values or lists, "
				 "not %s", event_kind(value.type));
			rc = -1;
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

size_t mj_front_matter_split(const char *text, size_t len, const char **yaml,
			     size_t *yaml_len, int *body_line)
{
	const char *end = text + len, *p = text, *next, *start;
	int line;
	size_t n;

	if (yaml) {
		*yaml = NULL;
		*yaml_len = 0;
	}
	*body_line = 1;
	if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
		p += 3;
	n = line_at(p, end, &next);
	if (!is_fence(p, n, false))
		return 0;
	start = next;
	for (p = next, line = 2; p < end; p = next, line++) {
		n = line_at(p, end, &next);
		if (is_fence(p, n, true))
			break;
	}
	*body_line = line + (p < end);
	if (p >= end)
		return len; /* not closed */
	if (yaml) {
		*yaml = start;
		*yaml_len = (size_t)(p - start);
	}
	return (size_t)(next - text);
}

void mj_front_matter_parse(struct mj_front_matter *out, const char *text,
			   size_t len, const char *file, struct mj_diags *diags)
{
	const char *yaml_start;
	size_t yaml_len;

	memset(out, 0, sizeof(*out));
	out->body_offset = mj_front_matter_split(text, len, &yaml_start,
						 &yaml_len, &out->body_line);
	if (out->body_offset == 0)
		return;
	out->present = true;
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
