/*
 * agreement.c - the mentoring agreement (agreement.ini) as a model.
 */
#include "mj_ini.h"
#include "mj_model.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const known_keys[] = {
	"relationship.mentor", "relationship.mentee", "relationship.type",
	"relationship.model", "relationship.started", "relationship.ends",
	"relationship.cadence", "relationship.status", "relationship.closed",
	"relationship.reopened", "goals.goal",
	"terms.confidentiality", "terms.no-fault-exit", "terms.review",
	"terms.signed-mentor", "terms.signed-mentee",
};

/* The single-valued field for section.key, or NULL for lists and others. */
static struct mj_field *field_for(struct mj_agreement *a, const char *section,
				  const char *key)
{
	if (!strcmp(section, "relationship")) {
		if (!strcmp(key, "mentor"))
			return &a->mentor;
		if (!strcmp(key, "type"))
			return &a->type;
		if (!strcmp(key, "model"))
			return &a->model;
		if (!strcmp(key, "started"))
			return &a->started;
		if (!strcmp(key, "ends"))
			return &a->ends;
		if (!strcmp(key, "cadence"))
			return &a->cadence;
		if (!strcmp(key, "status"))
			return &a->status;
		if (!strcmp(key, "closed"))
			return &a->closed;
		if (!strcmp(key, "reopened"))
			return &a->reopened;
	} else if (!strcmp(section, "terms")) {
		if (!strcmp(key, "confidentiality"))
			return &a->confidentiality;
		if (!strcmp(key, "no-fault-exit"))
			return &a->no_fault_exit;
		if (!strcmp(key, "review"))
			return &a->review;
		if (!strcmp(key, "signed-mentor"))
			return &a->signed_mentor;
		if (!strcmp(key, "signed-mentee"))
			return &a->signed_mentee;
	}
	return NULL;
}

static void push_field(struct mj_field **list, size_t *n,
		       const struct mj_ini_entry *e)
{
	*list = mj_xrealloc(*list, (*n + 1) * sizeof(**list));
	(*list)[*n].text = mj_xstrdup(e->value);
	(*list)[*n].line = e->line;
	(*list)[*n].end_line = e->end_line;
	(*n)++;
}

struct context {
	const char *file;
	struct mj_diags *diags;
	int section_line; /* where a missing field would go */
};

static void field_error(const struct context *ctx, int line, const char *fmt,
			...) __attribute__((format(printf, 3, 4)));

/* An agreement-field error at line, or at [relationship] when absent. */
static void field_error(const struct context *ctx, int line, const char *fmt,
			...)
{
	va_list ap;

	va_start(ap, fmt);
	mj_diags_vadd(ctx->diags, ctx->file, line ? line : ctx->section_line,
		      1, MJ_LEVEL_ERROR, MJ_RULE_AGREEMENT_FIELD, fmt, ap);
	va_end(ap);
}

/* A required or optional date; bad dates are errors either way. */
static mj_date date_field(const struct context *ctx, const struct mj_field *f,
			  const char *key, bool required)
{
	mj_date d;

	if (!f->text || !*f->text) {
		if (required)
			field_error(ctx, f->line,
				    "'%s' is missing; add %s = YYYY-MM-DD", key,
				    key);
		return MJ_DATE_NONE;
	}
	if (mj_date_parse_str(&d, f->text) < 0) {
		field_error(ctx, f->line,
			    "'%s' is not a real date in the form YYYY-MM-DD: '%s'",
			    key, f->text);
		return MJ_DATE_NONE;
	}
	return d;
}

/* An enumerated value: returns its index, or fallback when absent or bad. */
static int enum_field(const struct context *ctx, const struct mj_field *f,
		      const char *key, int (*from_name)(const char *),
		      const char *choices, int fallback)
{
	int v;

	if (!f->text || !*f->text)
		return fallback;
	v = from_name(f->text);
	if (v < 0) {
		mj_diags_add(ctx->diags, ctx->file, f->line, 1, MJ_LEVEL_ERROR,
			     MJ_RULE_AGREEMENT_FIELD,
			     "unknown %s '%s'; use %s", key, f->text, choices);
		return fallback;
	}
	return v;
}

static void interpret(struct mj_agreement *a, const struct context *ctx)
{
	if (!a->mentor.text || !*a->mentor.text)
		field_error(ctx, a->mentor.line,
			    "'mentor' is missing; add mentor = Name <email>");
	if (!a->n_mentees)
		field_error(ctx, 0,
			    "'mentee' is missing; add mentee = Name <email> "
			    "(one line per mentee)");
	for (size_t i = 0; i < a->n_mentees; i++)
		if (!*a->mentees[i].text)
			field_error(ctx, a->mentees[i].line,
				    "'mentee' is empty; write mentee = Name <email>");

	a->type_value = (enum mj_type)enum_field(ctx, &a->type, "type",
		mj_type_from_name, "one-to-one, group, peer or reverse",
		MJ_TYPE_ONE_TO_ONE);
	a->model_value = (enum mj_model_kind)enum_field(ctx, &a->model, "model",
		mj_model_from_name, "developmental or sponsorship",
		MJ_MODEL_DEVELOPMENTAL);
	a->status_value = (enum mj_status)enum_field(ctx, &a->status, "status",
		mj_status_from_name, "active, closed or ended-early",
		MJ_STATUS_ACTIVE);
	if (a->type_value != MJ_TYPE_GROUP && a->n_mentees > 1)
		mj_diags_add(ctx->diags, ctx->file,
			     a->type.line ? a->type.line : a->mentees[1].line, 1,
			     MJ_LEVEL_ERROR, MJ_RULE_AGREEMENT_FIELD,
			     "%zu mentees in a %s relationship; set type = group",
			     a->n_mentees, mj_type_name(a->type_value));

	a->started_date = date_field(ctx, &a->started, "started", true);
	a->ends_date = date_field(ctx, &a->ends, "ends", true);
	if (a->started_date != MJ_DATE_NONE && a->ends_date != MJ_DATE_NONE &&
	    a->ends_date <= a->started_date)
		field_error(ctx, a->ends.line,
			    "'ends' (%s) is not after 'started' (%s); mentoring "
			    "runs for a term",
			    a->ends.text, a->started.text);

	if (!a->cadence.text || !*a->cadence.text)
		field_error(ctx, a->cadence.line,
			    "'cadence' is missing; add cadence = 14d (days) or "
			    "2w (weeks)");
	else if (mj_cadence_parse(&a->cadence_days, a->cadence.text) < 0)
		field_error(ctx, a->cadence.line,
			    "'cadence' must be Nd or Nw, like 14d or 2w, not "
			    "'%s'", a->cadence.text);

	a->closed_date = date_field(ctx, &a->closed, "closed", false);
	a->reopened_date = date_field(ctx, &a->reopened, "reopened", false);
	if (a->status_value != MJ_STATUS_ACTIVE && a->closed_date == MJ_DATE_NONE &&
	    (!a->closed.text || !*a->closed.text))
		field_error(ctx, a->status.line,
			    "status is %s but 'closed' has no date; %s",
			    mj_status_name(a->status_value),
			    "add closed = YYYY-MM-DD (mjournal close writes both)");
	if (a->closed_date != MJ_DATE_NONE && a->started_date != MJ_DATE_NONE &&
	    a->closed_date < a->started_date)
		field_error(ctx, a->closed.line,
			    "'closed' (%s) is before 'started' (%s)",
			    a->closed.text, a->started.text);

	a->review_date = date_field(ctx, &a->review, "review", false);
	a->signed_mentor_date = date_field(ctx, &a->signed_mentor,
					   "signed-mentor", false);
	a->signed_mentee_date = date_field(ctx, &a->signed_mentee,
					   "signed-mentee", false);
}

/*
 * Goals an editor's comment continuation turned into comments: "; goal =
 * ..." lines under [goals] other than the template's own example.
 */
static void commented_goals(const char *text, size_t len, const char *file,
			    struct mj_diags *diags)
{
	static const char example[] = "Lead my first project end to end";
	const char *p = text, *end = text + len;
	bool in_goals = false;

	for (int line = 1; p < end; line++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *copy = mj_xstrndup(p, n), *s = mj_str_trim(copy);

		if (*s == '[')
			in_goals = !strncasecmp(s, "[goals]", 7);
		else if (in_goals && (*s == ';' || *s == '#')) {
			char *rest = mj_str_trim(s + 1);
			if (!strncasecmp(rest, "goal", 4)) {
				char *eq = mj_str_trim(rest + 4);
				if (*eq == '=' && *mj_str_trim(eq + 1) &&
				    strcmp(mj_str_trim(eq + 1), example))
					mj_diags_add(diags, file, line, 1,
						     MJ_LEVEL_WARNING,
						     MJ_RULE_AGREEMENT_FIELD,
						     "this goal is commented out by the "
						     "'%c' at the start of the line; "
						     "remove it to make it a goal", *s);
			}
		}
		free(copy);
		p = nl ? nl + 1 : end;
	}
}

void mj_agreement_clear(struct mj_agreement *agreement)
{
	memset(agreement, 0, sizeof(*agreement));
	agreement->started_date = agreement->ends_date = MJ_DATE_NONE;
	agreement->closed_date = agreement->review_date = MJ_DATE_NONE;
	agreement->reopened_date = MJ_DATE_NONE;
	agreement->signed_mentor_date = agreement->signed_mentee_date =
		MJ_DATE_NONE;
}

void mj_agreement_parse(struct mj_agreement *out, const char *text, size_t len,
			const char *file, struct mj_diags *diags)
{
	struct mj_ini ini = MJ_INI_INIT;
	struct context ctx = { file, diags, 1 };
	int rc;

	mj_agreement_clear(out);
	out->present = true;
	out->text_hash = mj_hash(text, len, MJ_HASH_SEED);
	mj_check_conflict_markers(text, len, file, diags);
	rc = mj_ini_parse(&ini, text, len, file, MJ_RULE_AGREEMENT_SYNTAX, diags);
	out->parsed = rc == 0;
	if (rc == -2) { /* not UTF-8: said once, not as a list of missing fields */
		mj_ini_free(&ini);
		return;
	}
	commented_goals(text, len, file, diags);
	ctx.section_line = mj_ini_section_line(&ini, "relationship");
	if (!ctx.section_line)
		ctx.section_line = 1;

	for (size_t i = 0; i < ini.len; i++) {
		const struct mj_ini_entry *e = &ini.items[i];
		struct mj_field *f = field_for(out, e->section, e->key);

		/* a key with no name: inih continues no value after it, so a
		 * key added after it could take the lines that follow */
		if (!strcmp(e->section, "relationship") && *e->key)
			out->relationship_end_line = e->end_line;
		if (f) {
			if (f->text) {
				mj_diags_add(diags, file, e->line, 1,
					     MJ_LEVEL_ERROR,
					     MJ_RULE_AGREEMENT_FIELD,
					     "'%s' is given twice (first on line "
					     "%d); keep one",
					     e->key, f->line);
				continue;
			}
			f->text = mj_xstrdup(e->value);
			f->line = e->line;
			f->end_line = e->end_line;
		} else if (!strcmp(e->section, "relationship") &&
			   !strcmp(e->key, "mentee")) {
			push_field(&out->mentees, &out->n_mentees, e);
		} else if (!strcmp(e->section, "goals") && !strcmp(e->key, "goal")) {
			if (*e->value)
				push_field(&out->goals, &out->n_goals, e);
		} else if (!mj_ini_key_is_known(e->section, e->key, known_keys,
						MJ_ARRAY_SIZE(known_keys))) {
			mj_ini_warn_unknown(diags, file, MJ_RULE_AGREEMENT_FIELD, e);
		}
	}
	interpret(out, &ctx);
	mj_ini_free(&ini);
}

mj_date mj_agreement_signed_date(const struct mj_agreement *a)
{
	if (a->signed_mentor_date == MJ_DATE_NONE ||
	    a->signed_mentee_date == MJ_DATE_NONE)
		return MJ_DATE_NONE;
	return a->signed_mentor_date > a->signed_mentee_date ?
		a->signed_mentor_date : a->signed_mentee_date;
}

static void free_field(struct mj_field *f)
{
	free(f->text);
	f->text = NULL;
}

static void free_list(struct mj_field *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(list[i].text);
	free(list);
}

void mj_agreement_singles(struct mj_agreement *a,
			  struct mj_field *out[MJ_AGREEMENT_SINGLES])
{
	struct mj_field *singles[MJ_AGREEMENT_SINGLES] = {
		&a->mentor, &a->type, &a->model, &a->started, &a->ends,
		&a->cadence, &a->status, &a->closed, &a->reopened,
		&a->confidentiality, &a->no_fault_exit, &a->review,
		&a->signed_mentor, &a->signed_mentee,
	};

	memcpy(out, singles, sizeof(singles));
}

void mj_agreement_free(struct mj_agreement *a)
{
	struct mj_field *singles[MJ_AGREEMENT_SINGLES];

	mj_agreement_singles(a, singles);
	for (size_t i = 0; i < MJ_AGREEMENT_SINGLES; i++)
		free_field(singles[i]);
	free_list(a->mentees, a->n_mentees);
	free_list(a->goals, a->n_goals);
	memset(a, 0, sizeof(*a));
}

/* The newline of the line break at at (past the CR of a CR LF), or end. */
static const char *line_break(const char *at, const char *end, char newline)
{
	return newline == '\n' && at < end && *at == '\r' ? at + 1 : at;
}

/*
 * Writes the entry at line ("key = value  ; comment"; end is the end of
 * the text, newline ends its lines) with value in place of its value: the
 * key and the spacing after '=' are kept, and so is a comment with the
 * spacing before it.  *used gets how much of the text the entry took (its
 * line and the lines a '\' continued its value onto, up to the last one's
 * line break), *breaks how many of those line breaks.  -1 when the line is
 * not "key = value" (or "key: value") as inih splits it, at the first '='
 * or ':', when the old value cannot be read, or when value cannot be
 * written (mj_ini_write_value).
 */
static int replace_value(struct mj_buf *out, const char *line,
			 const char *end, char newline, const char *value,
			 size_t *used, int *breaks)
{
	const char *eq = NULL, *v, *comment = NULL, *stop;
	struct mj_ini_span span;

	for (const char *p = line; p < end && *p != newline && !eq; p++)
		if (*p == '=' || *p == ':')
			eq = p;
	if (!eq || mj_ini_read_value(eq + 1, (size_t)(end - eq - 1), newline,
				     NULL, &span) < 0)
		return -1;
	*breaks = span.breaks;
	/* a CR before the line break, or at the end, stays the line's */
	stop = eq + 1 + span.end;
	*used = (size_t)(line_break(stop, end, newline) - line);
	if (stop == end && stop > eq + 1 && stop[-1] == '\r')
		stop--;
	if (span.comment < span.end)
		comment = eq + 1 + span.comment;
	v = eq + 1;
	while (v < stop && (*v == ' ' || *v == '\t'))
		v++;
	mj_buf_add(out, line, (size_t)(eq + 1 - line));
	if (!*value && !comment) { /* "closed =", no space after it */
		mj_buf_add(out, stop, (size_t)(line + *used - stop));
		return 0;
	}
	if (v < stop && v != comment)
		mj_buf_add(out, eq + 1, (size_t)(v - eq - 1)); /* as written */
	else
		mj_buf_add(out, " ", 1); /* there was no value */
	/* an empty value before a comment is "": the reader would take the
	 * comment for the value */
	if (mj_ini_write_value(out, value) < 0)
		return -1;
	if (comment) {
		const char *space = comment;
		while (space > eq + 1 && (space[-1] == ' ' || space[-1] == '\t'))
			space--;
		if (space == eq + 1 && space == comment)
			mj_buf_add(out, " ", 1);
		mj_buf_add(out, space, (size_t)(stop - space));
	}
	mj_buf_add(out, stop, (size_t)(line + *used - stop)); /* a CR, if any */
	return 0;
}

/* The change to the field on line (its key's line), or NULL. */
static const struct mj_agreement_change *
change_on(const struct mj_agreement_change *changes, size_t n, int line)
{
	for (size_t i = 0; i < n; i++)
		if (changes[i].field->line == line)
			return &changes[i];
	return NULL;
}

/* Is line one of the continuation lines of a changed value. */
static bool in_changed_value(const struct mj_agreement_change *changes,
			     size_t n, int line)
{
	for (size_t i = 0; i < n; i++)
		if (changes[i].field->line && changes[i].field->line < line &&
		    line <= changes[i].field->end_line)
			return true;
	return false;
}

/* "key = value" for each change whose key is missing. */
static int add_missing(struct mj_buf *out,
		       const struct mj_agreement_change *changes, size_t n,
		       const char *eol)
{
	for (size_t i = 0; i < n; i++) {
		if (changes[i].field->line)
			continue;
		mj_buf_addf(out, "%s =%s", changes[i].key,
			    *changes[i].value ? " " : "");
		if (*changes[i].value &&
		    mj_ini_write_value(out, changes[i].value) < 0)
			return -1;
		mj_buf_adds(out, eol);
	}
	return 0;
}

char *mj_agreement_edit(const char *text, size_t len,
			const struct mj_agreement *a,
			const struct mj_agreement_change *changes, size_t n,
			size_t *out_len)
{
	struct mj_buf out = MJ_BUF_INIT;
	/* lines end as the reader ends them; a new line ends as the file's */
	char newline = mj_text_newline(text, len);
	const char *eol = newline == '\r' ? "\r" :
			  memchr(text, '\r', len) ? "\r\n" : "\n";
	const char *p = text, *end = text + len;
	/* missing keys go after status, else after the last [relationship]
	 * entry: after a key with a name, nothing can read as more of them */
	int insert_after = a->status.line ? a->status.end_line :
			   a->relationship_end_line;

	if (!insert_after)
		return NULL;
	mj_buf_adds(&out, "");
	for (int line = 1; p < end; line++) {
		const char *nl = memchr(p, newline, (size_t)(end - p));
		size_t len_line = nl ? (size_t)(nl - p) : (size_t)(end - p);
		const struct mj_agreement_change *c = change_on(changes, n, line);

		if (c) {
			size_t at = out.len, used;
			int breaks;
			/* a line the reader would refuse is no edit either */
			if (replace_value(&out, p, end, newline, c->value, &used,
					  &breaks) < 0 ||
			    out.len - at - (out.ptr[out.len - 1] == '\r') >
			    MJ_INI_LINE_MAX) {
				mj_buf_free(&out);
				return NULL;
			}
			/* the lines a '\' continued the old value onto go */
			line += breaks;
			nl = p + used < end ? p + used : NULL;
			mj_buf_add(&out, nl ? nl : "", nl != NULL);
		} else if (!in_changed_value(changes, n, line) ||
			   !mj_ini_line_continues(p, len_line)) {
			mj_buf_add(&out, p, len_line + (nl != NULL));
		} else {
			/* the rest of a changed value goes with it, with the
			 * lines a '\' continues it onto */
			struct mj_ini_span span;
			if (mj_ini_read_value(p, (size_t)(end - p), newline, NULL,
					      &span) == 0) {
				const char *at = line_break(p + span.end, end,
							    newline);
				line += span.breaks;
				nl = at < end ? at : NULL;
			}
		}
		if (line == insert_after) {
			/* the last line gets an end if it had none, never
			 * making it longer for the reader (a CR there is half
			 * of eol); a '\' it ends with, ended or not, would
			 * continue its value onto the first key added: it
			 * continues it onto a blank line instead (after a
			 * value that does not continue, a blank line is
			 * nothing) */
			bool ended = out.len && out.ptr[out.len - 1] == newline;
			size_t last = out.len - ended;

			if (last && out.ptr[last - 1] == '\r' && newline == '\n')
				last--;
			bool backslash = last && out.ptr[last - 1] == '\\';
			if (out.len && !ended)
				mj_buf_adds(&out, out.ptr[out.len - 1] == '\r' &&
					    eol[0] == '\r' ? eol + 1 : eol);
			if (backslash)
				mj_buf_adds(&out, eol);
			if (add_missing(&out, changes, n, eol) < 0) {
				mj_buf_free(&out);
				return NULL;
			}
		}
		p = nl ? nl + 1 : end;
	}
	*out_len = out.len;
	return mj_buf_detach(&out);
}

char *mj_agreement_set_closed(const char *text, size_t len,
			      const struct mj_agreement *a, const char *status,
			      const char *closed, size_t *out_len)
{
	const struct mj_agreement_change changes[] = {
		{ &a->status, "status", status },
		{ &a->closed, "closed", closed },
	};

	return mj_agreement_edit(text, len, a, changes, MJ_ARRAY_SIZE(changes),
				 out_len);
}
