/*
 * agenda.c - what is coming, across the journal's active relationships.
 */
#include "mj_agenda.h"
#include "mj_actions.h"
#include "mj_stats.h"

#include <stdlib.h>
#include <string.h>

static void add(struct mj_agenda *out, const struct mj_agenda_item *item)
{
	mj_grow((void **)&out->items, &out->cap, out->len + 1, sizeof(*out->items));
	out->items[out->len++] = *item;
}

static int compare_items(const void *pa, const void *pb)
{
	const struct mj_agenda_item *a = pa, *b = pb;
	int c;

	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	if ((c = strcmp(a->slug, b->slug)))
		return c;
	if (a->kind != b->kind)
		return (int)a->kind - (int)b->kind;
	return strcmp(a->key, b->key);
}

static void relationship_items(const struct mj_relationship *rel, mj_date today,
			       struct mj_agenda *out)
{
	const struct mj_agreement *a = &rel->agreement;
	struct mj_relationship shared;
	struct mj_action_list actions;
	struct mj_stats stats;

	mj_relationship_view(rel, false, &shared);
	mj_stats_compute(&shared, today, &stats);
	if (stats.next_due != MJ_DATE_NONE)
		add(out, &(struct mj_agenda_item){ stats.next_due,
			MJ_AGENDA_MEETING, mj_xstrdup(rel->slug),
			stats.next_planned, stats.next_due < today, NULL,
			mj_xstrdup(stats.next_planned ? "meeting (agreed)" :
				   "meeting (due by the cadence)"),
			mj_xstrdup("meeting") });
	mj_actions_track(&shared, &actions);
	for (size_t i = 0; i < actions.len; i++) {
		const struct mj_action *act = actions.items[i].action;
		if (act->state != MJ_ACTION_OPEN || act->due == MJ_DATE_NONE)
			continue;
		add(out, &(struct mj_agenda_item){ act->due, MJ_AGENDA_ACTION,
			mj_xstrdup(rel->slug), false, act->due < today,
			act->owner ? mj_xstrdup(act->owner) : NULL,
			mj_xstrdup(act->text),
			mj_xasprintf("action:%016llx", (unsigned long long)act->id) });
	}
	mj_action_list_free(&actions);
	mj_relationship_view_free(&shared);
	if (a->review_date != MJ_DATE_NONE && a->review_date >= today)
		add(out, &(struct mj_agenda_item){ a->review_date,
			MJ_AGENDA_REVIEW, mj_xstrdup(rel->slug), false, false,
			NULL, mj_xstrdup("review point"), mj_xstrdup("review") });
	if (a->ends_date != MJ_DATE_NONE)
		add(out, &(struct mj_agenda_item){ a->ends_date,
			MJ_AGENDA_TERM_END, mj_xstrdup(rel->slug), false,
			a->ends_date < today, NULL, mj_xstrdup(a->ends_date < today ?
					 "term over: close or extend" :
					 "term ends"),
			mj_xstrdup("ends") });
}

void mj_agenda_add(const struct mj_relationship *rel, mj_date today,
		   struct mj_agenda *out)
{
	if (rel->agreement.present &&
	    rel->agreement.status_value == MJ_STATUS_ACTIVE)
		relationship_items(rel, today, out);
}

void mj_agenda_join(struct mj_agenda *to, struct mj_agenda *from)
{
	mj_grow((void **)&to->items, &to->cap, to->len + from->len + 1,
		sizeof(*to->items));
	if (from->len)
		memcpy(to->items + to->len, from->items,
		       from->len * sizeof(*from->items));
	to->len += from->len;
	free(from->items);
	memset(from, 0, sizeof(*from));
}

void mj_agenda_sort(struct mj_agenda *agenda)
{
	if (agenda->len > 1)
		qsort(agenda->items, agenda->len, sizeof(*agenda->items),
		      compare_items);
}

void mj_agenda_build(const struct mj_journal *journal, mj_date today,
		     struct mj_agenda *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t r = 0; r < journal->n_relationships; r++)
		mj_agenda_add(&journal->relationships[r], today, out);
	mj_agenda_sort(out);
}

void mj_agenda_free(struct mj_agenda *agenda)
{
	for (size_t i = 0; i < agenda->len; i++) {
		free(agenda->items[i].slug);
		free(agenda->items[i].owner);
		free(agenda->items[i].text);
		free(agenda->items[i].key);
	}
	free(agenda->items);
	memset(agenda, 0, sizeof(*agenda));
}

const char *mj_agenda_kind_name(enum mj_agenda_kind kind)
{
	static const char *const names[] = { "meeting", "action", "review",
					     "term-end" };
	return (size_t)kind < MJ_ARRAY_SIZE(names) ? names[kind] : NULL;
}
