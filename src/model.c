/*
 * model.c - names of the model's enumerations, relationships as note lists.
 */
#include "mj_model.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const stage_names[] = {
	"preparing", "negotiating", "enabling", "closing", "follow-up",
};
static const char *const attendance_names[] = {
	"held", "no-show", "rescheduled", "cancelled",
};
static const char *const type_names[] = {
	"one-to-one", "group", "peer", "reverse",
};
static const char *const model_names[] = { "developmental", "sponsorship" };
static const char *const status_names[] = { "active", "closed", "ended-early" };
static const char *const section_names[] = {
	"Goals", "Actions", "Feedback", "Learning", "Outcomes", "Next",
};
static const char *const action_state_names[] = { "open", "done", "dropped" };

static const char *name_of(const char *const *names, size_t n, int value)
{
	return value >= 0 && (size_t)value < n ? names[value] : NULL;
}

static int value_of(const char *const *names, size_t n, const char *name)
{
	/* people write Enabling, Held, One-to-One: case does not matter */
	for (size_t i = 0; name && i < n; i++)
		if (!strcasecmp(names[i], name))
			return (int)i;
	return -1;
}

const char *mj_stage_name(enum mj_stage stage)
{
	return name_of(stage_names, MJ_ARRAY_SIZE(stage_names), (int)stage);
}

enum mj_stage mj_stage_from_name(const char *name)
{
	return (enum mj_stage)value_of(stage_names, MJ_ARRAY_SIZE(stage_names), name);
}

const char *mj_attendance_name(enum mj_attendance attendance)
{
	return name_of(attendance_names, MJ_ARRAY_SIZE(attendance_names),
		       (int)attendance);
}

enum mj_attendance mj_attendance_from_name(const char *name)
{
	return (enum mj_attendance)value_of(attendance_names,
					    MJ_ARRAY_SIZE(attendance_names), name);
}

const char *mj_type_name(enum mj_type type)
{
	return name_of(type_names, MJ_ARRAY_SIZE(type_names), (int)type);
}

int mj_type_from_name(const char *name)
{
	/* "1:1" is how status shows a one-to-one relationship */
	if (name && !strcmp(name, "1:1"))
		return MJ_TYPE_ONE_TO_ONE;
	return value_of(type_names, MJ_ARRAY_SIZE(type_names), name);
}

const char *mj_model_name(enum mj_model_kind model)
{
	return name_of(model_names, MJ_ARRAY_SIZE(model_names), (int)model);
}

int mj_model_from_name(const char *name)
{
	return value_of(model_names, MJ_ARRAY_SIZE(model_names), name);
}

const char *mj_status_name(enum mj_status status)
{
	return name_of(status_names, MJ_ARRAY_SIZE(status_names), (int)status);
}

int mj_status_from_name(const char *name)
{
	return value_of(status_names, MJ_ARRAY_SIZE(status_names), name);
}

const char *mj_section_name(enum mj_section section)
{
	return name_of(section_names, MJ_ARRAY_SIZE(section_names), (int)section);
}

const char *mj_action_state_name(enum mj_action_state state)
{
	return name_of(action_state_names, MJ_ARRAY_SIZE(action_state_names),
		       (int)state);
}

char *mj_person_name(const char *person, char *buf, size_t size)
{
	const char *lt = strchr(person, '<');
	size_t len = lt ? (size_t)(lt - person) : strlen(person);

	while (len && (person[len - 1] == ' ' || person[len - 1] == '\t'))
		len--;
	if (!len) /* "<sam@example.org>" alone: keep the address */
		len = strlen(person);
	if (len >= size)
		len = size - 1;
	memcpy(buf, person, len);
	buf[len] = '\0';
	return buf;
}

void mj_relationship_init(struct mj_relationship *rel, const char *slug)
{
	memset(rel, 0, sizeof(*rel));
	mj_agreement_clear(&rel->agreement);
	rel->slug = mj_xstrdup(slug);
}

void mj_relationship_add_note(struct mj_relationship *rel, struct mj_note *note)
{
	mj_grow((void **)&rel->notes, &rel->cap_notes, rel->n_notes + 1,
		sizeof(*rel->notes));
	rel->notes[rel->n_notes++] = *note;
	memset(note, 0, sizeof(*note));
}

mj_date mj_note_effective_date(const struct mj_note *note)
{
	if (note->date != MJ_DATE_NONE)
		return note->date;
	return note->name_ok ? note->name_date : MJ_DATE_NONE;
}

static int compare_notes(const void *pa, const void *pb)
{
	const struct mj_note *a = pa, *b = pb;
	mj_date da = mj_note_effective_date(a), db = mj_note_effective_date(b);

	if (da != db)
		return da < db ? -1 : 1;
	/* same day: the cycle's order, so a same-day pair never goes back */
	if (a->stage != b->stage)
		return a->stage < b->stage ? -1 : 1;
	return strcmp(a->name, b->name);
}

void mj_relationship_sort(struct mj_relationship *rel)
{
	if (rel->n_notes > 1)
		qsort(rel->notes, rel->n_notes, sizeof(*rel->notes), compare_notes);
}

void mj_relationship_free(struct mj_relationship *rel)
{
	free(rel->slug);
	mj_agreement_free(&rel->agreement);
	for (size_t i = 0; i < rel->n_notes; i++)
		mj_note_free(&rel->notes[i]);
	free(rel->notes);
	mj_diags_free(&rel->diags);
	memset(rel, 0, sizeof(*rel));
}

void mj_relationship_take_head(struct mj_relationship *rel,
			       struct mj_relationship *out)
{
	memset(out, 0, sizeof(*out));
	out->slug = rel->slug;
	out->agreement = rel->agreement;
	rel->slug = NULL;
	mj_agreement_clear(&rel->agreement);
}

void mj_relationship_view(const struct mj_relationship *rel, bool with_private,
			  struct mj_relationship *view)
{
	size_t kept = 0;

	for (size_t i = 0; i < rel->n_notes; i++)
		kept += with_private || !rel->notes[i].is_private;
	*view = *rel;
	view->cap_notes = 0; /* the array is rel's: nothing to leave out */
	if (kept == rel->n_notes)
		return;
	view->notes = mj_xcalloc(kept + 1, sizeof(*view->notes));
	view->n_notes = 0;
	view->cap_notes = kept + 1; /* its own */
	for (size_t i = 0; i < rel->n_notes; i++)
		if (with_private || !rel->notes[i].is_private)
			view->notes[view->n_notes++] = rel->notes[i];
}

void mj_relationship_view_free(struct mj_relationship *view)
{
	if (view->cap_notes)
		free(view->notes);
	view->notes = NULL;
	view->n_notes = 0;
}

/* Is word the first word of text ("Sam" of "Sam Roe"), ignoring case. */
static bool first_word_of(const char *word, const char *text)
{
	size_t n = strlen(word);

	return strlen(text) > n && text[n] == ' ' && mj_str_equal_nocase(text, n, word);
}

bool mj_name_is_merge_leftover(const char *name)
{
	const char *tilde = strchr(name, '~');

	/* NAME~ alone is an editor's backup, not a merge's */
	return (tilde && tilde[1] && !mj_name_is_by_product(name)) ||
	       mj_str_ends_with(name, ".orig") || mj_str_ends_with(name, ".rej");
}

bool mj_name_is_by_product(const char *name)
{
	size_t n = strlen(name);

	if (n && name[n - 1] == '~')
		return true; /* a backup: vim, emacs, nano, gedit */
	if (n >= 2 && name[0] == '#' && name[n - 1] == '#')
		return true; /* emacs's autosave */
	if (!strncmp(name, ".#", 2) || !strncmp(name, ".~lock.", 7))
		return true; /* emacs's lock, LibreOffice's lock */
	if (!strcmp(name, "4913"))
		return true; /* vim: can it write here */
	/* vim's swap files: .NAME.swp, then .swo, .swn ... down to .saa */
	if (name[0] == '.' && n >= 6 && name[n - 4] == '.' && name[n - 3] == 's' &&
	    name[n - 2] >= 'a' && name[n - 2] <= 'w' &&
	    name[n - 1] >= 'a' && name[n - 1] <= 'z')
		return true;
	return mj_str_ends_with(name, ".kate-swp") ||
	       mj_str_ends_with(name, "___jb_tmp___") ||
	       mj_str_ends_with(name, "___jb_old___");
}

bool mj_person_matches(const char *given, const char *name)
{
	if (!given || !name)
		return false;
	return mj_str_equal_nocase(given, strlen(given), name) ||
	       first_word_of(given, name) || first_word_of(name, given);
}
