/*
 * note.c - one session note: name, front matter and body as a model.
 *
 * Everything found here depends only on the note's name and bytes (never on
 * today's date or on other notes), so a parsed note can be cached and reused
 * while its file does not change.
 */
#include "mj_front_matter.h"
#include "mj_markdown.h"
#include "mj_model.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const known_keys[] = {
	"date", "stage", "attendance", "duration", "absent", "title", "private",
	"next",
};

bool mj_note_name_is_private(const char *name)
{
	return strstr(name, ".private.md") != NULL;
}

bool mj_note_name_parse(const char *name, mj_date *date)
{
	size_t n = strlen(name);
	const char *stem_end;

	if (!mj_str_ends_with(name, ".md") || n < 13)
		return false;
	if (mj_date_parse(date, name, 10) < 0)
		return false;
	stem_end = name + n - 3;
	if (mj_str_ends_with(name, ".private.md"))
		stem_end = name + n - 11;
	if (stem_end < name + 10)
		return false;
	if (stem_end == name + 10)
		return true;
	/* -words: lower-case letters, digits and single dashes */
	if (name[10] != '-' || stem_end == name + 11)
		return false;
	for (const char *p = name + 11; p < stem_end; p++) {
		bool ok = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
			  (*p == '-' && p[-1] != '-');
		if (!ok)
			return false;
	}
	return stem_end[-1] != '-';
}

static void note_init(struct mj_note *note, const char *file, const char *name)
{
	memset(note, 0, sizeof(*note));
	note->file = mj_xstrdup(file);
	note->name = mj_xstrdup(name);
	note->is_private = mj_note_name_is_private(name);
	note->date = MJ_DATE_NONE;
	note->next = MJ_DATE_NONE;
	note->name_date = MJ_DATE_NONE;
	note->stage = MJ_STAGE_NONE;
	note->attendance = MJ_ATTENDANCE_NONE;
	note->name_ok = mj_note_name_parse(name, &note->name_date);
	if (!note->name_ok) {
		note->name_date = MJ_DATE_NONE;
		mj_diags_add(&note->diags, file, 0, 0, MJ_LEVEL_ERROR,
			     MJ_RULE_NOTE_NAME,
			     "'%s' is not a note name; name notes "
			     "YYYY-MM-DD.md or YYYY-MM-DD-some-words.md with a "
			     "real date",
			     name);
	}
}

void mj_note_init_unread(struct mj_note *out, const char *file, const char *name)
{
	note_init(out, file, name);
}

static void fm_error(struct mj_note *note, const struct mj_fm_entry *e,
		     const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* A note-front-matter error at the value of entry e. */
static void fm_error(struct mj_note *note, const struct mj_fm_entry *e,
		     const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	mj_diags_vadd(&note->diags, note->file, e->value_line, e->value_column,
		      MJ_LEVEL_ERROR, MJ_RULE_NOTE_FRONT_MATTER, fmt, ap);
	va_end(ap);
}

/* The scalar value of e, or NULL (and an error) when it is a list. */
static const char *scalar_of(struct mj_note *note, const struct mj_fm_entry *e)
{
	if (!e->is_list)
		return e->scalar;
	fm_error(note, e, "'%s' takes one value, not a list", e->key);
	return NULL;
}

/* Is e's value YAML's null (empty, ~, null) rather than some text. */
static bool is_null(const struct mj_fm_entry *e)
{
	return !e->is_list && e->is_null;
}

/* Where the note records the line of key, or NULL for keys it does not. */
static int *line_of(struct mj_note *note, const char *key)
{
	if (!strcasecmp(key, "date"))
		return &note->date_line;
	if (!strcasecmp(key, "next"))
		return &note->next_line;
	if (!strcasecmp(key, "stage"))
		return &note->stage_line;
	if (!strcasecmp(key, "attendance"))
		return &note->attendance_line;
	if (!strcasecmp(key, "duration"))
		return &note->duration_line;
	return NULL;
}

static void read_entry(struct mj_note *note, const struct mj_fm_entry *e)
{
	int *line = line_of(note, e->key);
	const char *v;

	if (line) /* given, even when its value cannot be read */
		*line = e->line;
	if (e->nested) {
		/* mjournal's keys hold plain values; other tools' may hold
		 * anything, and are never read */
		if (!strcasecmp(e->key, "private"))
			note->is_private = true; /* not known to be public */
		mj_diags_add(&note->diags, note->file, e->line, e->column,
			     MJ_LEVEL_ERROR, MJ_RULE_NOTE_FRONT_MATTER,
			     "'%s' holds %s; write %s%s", e->key, e->nested,
			     !strcasecmp(e->key, "absent") ?
				     "a name or a list of names" :
				     "one plain value, as mjournal's own keys take",
			     !strcasecmp(e->key, "private") ?
				     "; until it does, the note is kept private" :
				     "");
		return;
	}
	if (is_null(e)) {
		/* YAML's null (date:, next: ~) is no value: not given, and
		 * named only for the keys a note needs */
		static const char *const needed[][2] = {
			{ "date", "write the session's day, date: YYYY-MM-DD" },
			{ "stage", "use preparing, negotiating, enabling, closing "
				   "or follow-up" },
			{ "attendance", "use held, no-show, rescheduled or "
					"cancelled" },
		};
		for (size_t i = 0; i < MJ_ARRAY_SIZE(needed); i++)
			if (!strcasecmp(e->key, needed[i][0])) {
				fm_error(note, e, "'%s' is empty; %s", e->key,
					 needed[i][1]);
				return;
			}
		if (line)
			*line = 0;
		return;
	}
	if (!strcasecmp(e->key, "absent")) {
		if (e->is_list) {
			for (size_t i = 0; i < e->items.len; i++)
				mj_strvec_push(&note->absent, e->items.items[i]);
		} else if (e->scalar && !e->is_null && *e->scalar) {
			mj_strvec_push(&note->absent, e->scalar);
		}
		return;
	}
	v = scalar_of(note, e);
	if (!v) {
		if (!strcasecmp(e->key, "private"))
			note->is_private = true; /* not known to be public */
		return;
	}
	if (!strcasecmp(e->key, "date")) {
		if (mj_date_parse_moment(&note->date, v) < 0) {
			note->date = MJ_DATE_NONE;
			fm_error(note, e,
				 "date '%s' is not a real date in the form "
				 "YYYY-MM-DD (a real time of day after it may "
				 "follow, like 2026-02-02T10:00:00)", v);
		}
	} else if (!strcasecmp(e->key, "next")) {
		if (mj_date_parse_moment(&note->next, v) < 0) {
			note->next = MJ_DATE_NONE;
			fm_error(note, e,
				 "next '%s' is not a real date in the form "
				 "YYYY-MM-DD: the day agreed for the next meeting",
				 v);
		}
	} else if (!strcasecmp(e->key, "stage")) {
		note->stage = mj_stage_from_name(v);
		if (note->stage == MJ_STAGE_NONE)
			fm_error(note, e,
				 "unknown stage '%s'; use preparing, negotiating, "
				 "enabling, closing or follow-up", v);
	} else if (!strcasecmp(e->key, "attendance")) {
		note->attendance = mj_attendance_from_name(v);
		if (note->attendance == MJ_ATTENDANCE_NONE)
			fm_error(note, e,
				 "unknown attendance '%s'; use held, no-show, "
				 "rescheduled or cancelled", v);
	} else if (!strcasecmp(e->key, "duration")) {
		if (mj_duration_parse(&note->duration_minutes, v) < 0) {
			note->duration_minutes = 0;
			fm_error(note, e,
				 "duration '%s' is not minutes or hours; write it "
				 "like 45m, 1h, 1.5h, 1h30m or 1:30", v);
		}
	} else if (!strcasecmp(e->key, "title")) {
		/* a null or empty title (title:, title: ~, title: #7 read as
		 * a comment) leaves the note's first heading as its title; a
		 * quoted "~" is text, as YAML means it */
		if (!is_null(e) && *v) {
			free(note->title);
			note->title = mj_xstrdup(v);
		}
	} else if (!strcasecmp(e->key, "private")) {
		/* YAML 1.1's booleans, in any case; null (private:, ~, null)
		 * is false, as Obsidian and Jekyll read it; anything else (a
		 * quoted "~" or "" included: text, not null) is not known to
		 * be public, so the note is kept private (fail closed) */
		if (!strcasecmp(v, "true") || !strcasecmp(v, "yes") ||
		    !strcasecmp(v, "on") || !strcasecmp(v, "y")) {
			note->is_private = true;
		} else if (!is_null(e) &&
			   strcasecmp(v, "false") && strcasecmp(v, "no") &&
			   strcasecmp(v, "off") && strcasecmp(v, "n")) {
			note->is_private = true;
			fm_error(note, e, "private must be true or false, not '%s'; "
				 "until it is, the note is kept private", v);
		}
	}
}

/*
 * The key of mjournal's that key looks like a misspelling of, or NULL:
 * without regard to case, at most one edit (a letter added, dropped or
 * changed, or two neighbours swapped) from a key of up to six letters,
 * two from a longer one (private, duration, attendance).  Every other key
 * is another tool's (Obsidian's tags, Hugo's url, Dendron's id, ...) or
 * the user's, and is accepted without a word.  The rule is tight enough
 * that no tool's documented key comes near: type, time, name and tags
 * stay two edits or more from date, stage and title.
 */
static const char *misspelt_key(const char *key)
{
	const char *best = NULL;
	size_t best_d = SIZE_MAX, n = strlen(key);
	char lower[32];

	if (n >= sizeof(lower))
		return NULL; /* longer than any key of ours by far */
	memcpy(lower, key, n + 1);
	mj_str_lower(lower);
	for (size_t i = 0; i < MJ_ARRAY_SIZE(known_keys); i++) {
		size_t len = strlen(known_keys[i]), most = len > 6 ? 2 : 1, d;

		if (n + most < len || n > len + most)
			continue;
		d = mj_edit_distance(lower, known_keys[i]);
		if (d && d <= most && d < best_d) {
			best = known_keys[i];
			best_d = d;
		}
	}
	return best;
}

static bool key_is_known(const char *key)
{
	for (size_t i = 0; i < MJ_ARRAY_SIZE(known_keys); i++)
		if (!strcasecmp(known_keys[i], key))
			return true;
	return false;
}

/*
 * mjournal's keys (matched without regard to case, as Hugo matches its
 * own) are read; any other key, whatever it holds, is not, and is named
 * only when it looks like a misspelling of one of mjournal's.
 */
static void read_front_matter(struct mj_note *note,
			      const struct mj_front_matter *fm)
{
	for (size_t i = 0; i < fm->len; i++) {
		const struct mj_fm_entry *e = &fm->items[i];
		const char *near;
		bool twice = false;

		if (!key_is_known(e->key)) {
			near = misspelt_key(e->key);
			if (near)
				mj_diags_add(&note->diags, note->file, e->line,
					     e->column, MJ_LEVEL_WARNING,
					     MJ_RULE_NOTE_FRONT_MATTER,
					     "unknown key '%s' is not used; did "
					     "you mean '%s'?", e->key, near);
			continue;
		}
		for (size_t j = 0; j < i; j++)
			twice |= !strcasecmp(fm->items[j].key, e->key);
		if (twice) {
			/* which of the two counts is unknown: keep it private */
			if (!strcasecmp(e->key, "private"))
				note->is_private = true;
			mj_diags_add(&note->diags, note->file, e->line, e->column,
				     MJ_LEVEL_ERROR, MJ_RULE_NOTE_FRONT_MATTER,
				     "'%s' is given twice; keep one", e->key);
		} else {
			read_entry(note, e);
		}
	}
}

/* Rules that need only this note: required keys, names, feedback. */
static void check_note(struct mj_note *note, int fm_line)
{
	const char *file = note->file;
	/* a private note is a reflection beside a session's note: it may
	 * have no attendance of its own */
	bool meeting_stage = !note->is_private &&
			     (note->stage == MJ_STAGE_NEGOTIATING ||
			      note->stage == MJ_STAGE_ENABLING ||
			      note->stage == MJ_STAGE_CLOSING);

	if (!note->date_line)
		mj_diags_add(&note->diags, file, fm_line, 1, MJ_LEVEL_ERROR,
			     MJ_RULE_NOTE_FRONT_MATTER,
			     "front matter has no 'date'; add date: YYYY-MM-DD");
	if (!note->stage_line)
		mj_diags_add(&note->diags, file, fm_line, 1, MJ_LEVEL_ERROR,
			     MJ_RULE_NOTE_FRONT_MATTER,
			     "front matter has no 'stage'; add stage: preparing, "
			     "negotiating, enabling, closing or follow-up");
	if (meeting_stage && !note->attendance_line)
		mj_diags_add(&note->diags, file, note->stage_line, 1,
			     MJ_LEVEL_ERROR, MJ_RULE_NOTE_FRONT_MATTER,
			     "stage '%s' needs 'attendance'; add it: held, "
			     "no-show, rescheduled or cancelled",
			     mj_stage_name(note->stage));
	if (note->date != MJ_DATE_NONE && note->name_ok &&
	    note->date != note->name_date) {
		char a[MJ_DATE_TEXT_SIZE], b[MJ_DATE_TEXT_SIZE];
		mj_diags_add(&note->diags, file, note->date_line, 1,
			     MJ_LEVEL_ERROR, MJ_RULE_NOTE_DATE,
			     "date %s differs from the file name's %s; rename "
			     "the file or fix the date",
			     mj_date_format(note->date, a),
			     mj_date_format(note->name_date, b));
	}
	if (note->attendance != MJ_ATTENDANCE_NONE &&
	    note->attendance != MJ_ATTENDANCE_HELD && note->duration_line)
		mj_diags_add(&note->diags, file, note->duration_line, 1,
			     MJ_LEVEL_WARNING, MJ_RULE_NOTE_FRONT_MATTER,
			     "a session that did not happen (%s) lasts no time; "
			     "remove 'duration' (hours never count it)",
			     mj_attendance_name(note->attendance));
	if (note->attendance == MJ_ATTENDANCE_HELD && !note->duration_minutes &&
	    !note->duration_line)
		mj_diags_add(&note->diags, file, note->attendance_line, 1,
			     MJ_LEVEL_WARNING, MJ_RULE_DURATION_MISSING,
			     "a held session with no 'duration' does not count "
			     "in hours; add duration: 60m (or 1h)");
	if (note->attendance == MJ_ATTENDANCE_HELD &&
	    (note->stage == MJ_STAGE_ENABLING || note->stage == MJ_STAGE_CLOSING) &&
	    !(note->sections & (1u << MJ_SECTION_FEEDBACK)))
		mj_diags_add(&note->diags, file, note->stage_line, 1,
			     MJ_LEVEL_WARNING, MJ_RULE_FEEDBACK_MISSING,
			     "no '## Feedback' section; add one: feedback both "
			     "ways at every meeting keeps the relationship "
			     "honest");
}

int mj_check_conflict_markers(const char *text, size_t len, const char *file,
			      struct mj_diags *diags)
{
	const char *p = text, *end = text + len;
	int line = 1;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		if (n >= 7 && (!memcmp(p, "<<<<<<<", 7) || !memcmp(p, ">>>>>>>", 7)) &&
		    (n == 7 || p[7] == ' ')) {
			mj_diags_add(diags, file, line, 1, MJ_LEVEL_ERROR,
				     MJ_RULE_CONFLICT_MARKERS,
				     "merge conflict markers: keep the text you "
				     "want, delete the <<<<<<< ======= >>>>>>> "
				     "lines, then commit");
			return line;
		}
		if (!nl)
			break;
		p = nl + 1;
		line++;
	}
	return 0;
}

/* NUL bytes, UTF-16 or invalid UTF-8: the file is not text we can read. */
static bool check_encoding(struct mj_note *note, const char *text, size_t len)
{
	int line;
	char *why = mj_encoding_problem(text, len, &line);

	if (!why)
		return true;
	mj_diags_add(&note->diags, note->file, line, 1, MJ_LEVEL_ERROR,
		     MJ_RULE_NOTE_ENCODING, "%s", why);
	free(why);
	return false;
}

/* Does a private key start at p: "private", quotes or blanks, ':' or '='. */
static bool is_private_key(const char *p)
{
	static const char key[] = "private";

	while (*p == ' ' || *p == '\t' || *p == '"' || *p == '\'' ||
	       (unsigned char)*p >= 0x80)
		p++;
	if (strncasecmp(p, key, sizeof(key) - 1))
		return false;
	p += sizeof(key) - 1;
	while (*p == '"' || *p == '\'' || *p == ' ' || *p == '\t')
		p++;
	return *p == ':' || *p == '=';
}

/*
 * The line (1-based) of the note's head that looks like a private key
 * ("private:", "Private :", "'private':", TOML's "private =", JSON's
 * "private": after '{' or ',' too; whatever follows), or 0.  For a note
 * whose front matter cannot be read, so that such a note is kept private
 * (fail closed).  The head is the front matter's lines up to its closing
 * fence ("---", "...", "+++"), or, without an opening fence, the lines up
 * to the first blank one; at most MJ_FRONT_MATTER_LIMIT bytes.  NUL bytes
 * are skipped (UTF-16 text), and so are bytes above ASCII before a key (a
 * byte-order mark, a no-break space).
 */
static int private_key_line(const char *text, size_t len)
{
	size_t end = len < MJ_FRONT_MATTER_LIMIT ? len : MJ_FRONT_MATTER_LIMIT;
	bool fenced = false;
	int line = 1;

	for (size_t i = 0; i < end; line++) {
		char words[4096];
		size_t n = 0;
		bool fence;

		while (i < end && text[i] != '\n') {
			if (text[i] && text[i] != '\r' && n < sizeof(words) - 1)
				words[n++] = text[i];
			i++;
		}
		i++;
		words[n] = '\0';
		const char *start = words;
		while (*start == ' ' || *start == '\t' ||
		       (unsigned char)*start >= 0x80)
			start++;
		fence = !strncmp(start, "---", 3) || !strncmp(start, "...", 3) ||
			!strncmp(start, "+++", 3);
		if (line == 1 && fence && *start != '.') {
			fenced = true;
			continue;
		}
		if ((fenced && fence) || (!fenced && !*start))
			break;
		for (const char *p = start; p; p = strpbrk(p, "{,")) {
			p += *p == '{' || *p == ',';
			if (is_private_key(p))
				return line;
		}
	}
	return 0;
}

/* A note whose front matter (or encoding) could not be read: private when
 * a line of it looks like a private key. */
static void keep_private_if_unsure(struct mj_note *note, const char *text,
				   size_t len)
{
	int line = private_key_line(text, len);

	if (!line || note->is_private)
		return;
	note->is_private = true;
	mj_diags_add(&note->diags, note->file, line, 1, MJ_LEVEL_WARNING,
		     MJ_RULE_NOTE_FRONT_MATTER,
		     "line %d looks like 'private:' but the front matter cannot "
		     "be read, so the note is kept private (never committed, "
		     "shared or quoted) until it can: fix the front "
		     "matter", line);
}

void mj_note_parse(struct mj_note *out, const char *file, const char *name,
		   const char *text, size_t len)
{
	struct mj_front_matter fm;
	size_t plain_len;
	char *plain = mj_text_normalize(text, len, &plain_len);

	if (plain) { /* a byte-order mark, CR line endings */
		mj_note_parse(out, file, name, plain, plain_len);
		free(plain);
		return;
	}
	note_init(out, file, name);
	if (!check_encoding(out, text, len)) {
		keep_private_if_unsure(out, text, len);
		return;
	}
	out->conflict_line = mj_check_conflict_markers(text, len, file,
						       &out->diags);

	mj_front_matter_parse(&fm, text, len, file, &out->diags);
	out->has_front_matter = fm.present;
	if (!fm.present) {
		mj_diags_add(&out->diags, file, 1, 1, MJ_LEVEL_ERROR,
			     MJ_RULE_NOTE_FRONT_MATTER,
			     "no front matter; start the note with a '---' line, "
			     "then date:, stage: (and attendance:, duration:), "
			     "then '---'");
	} else if (fm.valid) {
		read_front_matter(out, &fm);
	}
	if (!fm.valid)
		keep_private_if_unsure(out, text, len);
	if (fm.body_offset < len)
		mj_markdown_scan_note(out, text + fm.body_offset,
				      len - fm.body_offset, fm.body_line);
	/* after the body: feedback-missing needs its sections */
	if (fm.valid)
		check_note(out, 1);
	mj_front_matter_free(&fm);
}

char *mj_note_item_source(const char *text, size_t len, int line)
{
	size_t plain_len, offset;
	char *plain = mj_text_normalize(text, len, &plain_len), *source;
	int first_line;

	if (plain) { /* as mj_note_parse reads it */
		source = mj_note_item_source(plain, plain_len, line);
		free(plain);
		return source;
	}
	offset = mj_front_matter_split(text, len, NULL, NULL, &first_line);
	if (offset >= len)
		return NULL;
	return mj_markdown_item_source(text + offset, len - offset, first_line,
				       line);
}

void mj_note_free(struct mj_note *note)
{
	free(note->file);
	free(note->name);
	mj_strvec_free(&note->absent);
	free(note->title);
	for (size_t i = 0; i < note->n_actions; i++) {
		free(note->actions[i].owner);
		free(note->actions[i].text);
	}
	free(note->actions);
	free(note->comment_lines);
	mj_diags_free(&note->diags);
	memset(note, 0, sizeof(*note));
}

bool mj_note_text_is_private(const char *name, const char *text, size_t len)
{
	struct mj_note note;
	bool private;

	if (mj_note_name_is_private(name))
		return true;
	if (!mj_str_ends_with(name, ".md"))
		return false;
	if (!text)
		return true; /* a note that cannot be read is not known public */
	mj_note_parse(&note, name, name, text, len);
	private = note.is_private;
	mj_note_free(&note);
	return private;
}
