/*
 * stats.c - figures about a relationship.
 */
#include "mj_stats.h"
#include "mj_actions.h"

#include <stdio.h>
#include <string.h>

void mj_stats_compute(const struct mj_relationship *rel, mj_date today,
		      struct mj_stats *out)
{
	const struct mj_agreement *a = &rel->agreement;
	struct mj_action_list actions;
	mj_date planned = MJ_DATE_NONE;

	memset(out, 0, sizeof(*out));
	out->stage = MJ_STAGE_PREPARING;
	out->last_met = out->next_due = MJ_DATE_NONE;
	out->ended = a->present && a->status_value != MJ_STATUS_ACTIVE;
	for (size_t i = 0; i < rel->n_notes; i++) {
		const struct mj_note *n = &rel->notes[i];

		if (n->stage != MJ_STAGE_NONE && n->stage != MJ_STAGE_FOLLOW_UP)
			out->stage = n->stage;
		if (n->next != MJ_DATE_NONE)
			planned = n->next;
		if (n->attendance == MJ_ATTENDANCE_HELD) {
			out->held++;
			out->minutes += n->duration_minutes;
			out->last_met = mj_note_effective_date(n);
		} else if (n->attendance == MJ_ATTENDANCE_NO_SHOW ||
			   n->attendance == MJ_ATTENDANCE_CANCELLED) {
			out->missed++;
		}
	}
	/* each action once, in the state its latest mention gives it */
	mj_actions_track(rel, &actions);
	for (size_t i = 0; i < actions.len; i++) {
		const struct mj_action *act = actions.items[i].action;
		switch (act->state) {
		case MJ_ACTION_OPEN:
			out->open_actions++;
			out->overdue_actions += mj_action_is_late(act, today);
			break;
		case MJ_ACTION_DONE:
			out->done_actions++;
			break;
		case MJ_ACTION_DROPPED:
			out->dropped_actions++;
			break;
		}
	}
	mj_action_list_free(&actions);
	/* a meeting agreed (next:) after the last one held, else the cadence */
	if (planned != MJ_DATE_NONE &&
	    (out->last_met == MJ_DATE_NONE || planned > out->last_met)) {
		out->next_due = planned;
		out->next_planned = true;
	} else if (out->last_met != MJ_DATE_NONE && a->cadence_days) {
		out->next_due = out->last_met + a->cadence_days;
	}
	if (!out->ended) {
		out->overdue = out->next_due != MJ_DATE_NONE && today > out->next_due;
		out->term_ending = a->ends_date != MJ_DATE_NONE &&
				   a->ends_date - today <= 2 * a->cadence_days;
	}
}

/* Adds the mentees of a held session (all, less those absent). */
static void add_attendees(const struct mj_agreement *a, const struct mj_note *n,
			  struct mj_strvec *mentees)
{
	for (size_t i = 0; i < a->n_mentees; i++) {
		char name[160];
		bool absent = false;

		mj_person_name(a->mentees[i].text, name, sizeof(name));
		for (size_t k = 0; k < n->absent.len && !absent; k++)
			absent = mj_person_matches(n->absent.items[k], name);
		if (!absent && !mj_strvec_contains(mentees, name))
			mj_strvec_push(mentees, name);
	}
}

void mj_hours_compute(const struct mj_relationship *rel, mj_date since,
		      mj_date until, struct mj_hours *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < rel->n_notes; i++) {
		const struct mj_note *n = &rel->notes[i];
		mj_date d = mj_note_effective_date(n);

		if (n->attendance != MJ_ATTENDANCE_HELD || d == MJ_DATE_NONE)
			continue;
		if ((since != MJ_DATE_NONE && d < since) ||
		    (until != MJ_DATE_NONE && d > until))
			continue;
		out->sessions++;
		out->minutes += n->duration_minutes;
		add_attendees(&rel->agreement, n, &out->mentees);
	}
}

void mj_hours_free(struct mj_hours *hours)
{
	mj_strvec_free(&hours->mentees);
}

void mj_format_findings(size_t errors, size_t warnings, char *buf, size_t size)
{
	if (errors && warnings)
		snprintf(buf, size, "%zuE %zuW", errors, warnings);
	else if (errors || warnings)
		snprintf(buf, size, "%zu%c", errors ? errors : warnings,
			 errors ? 'E' : 'W');
	else
		snprintf(buf, size, "%s", "");
}

void mj_format_hours(int minutes, char *buf, size_t size)
{
	int whole = minutes / 60, rest = minutes % 60;

	if (!rest)
		snprintf(buf, size, "%d", whole);
	else if (rest * 10 % 60 == 0)
		snprintf(buf, size, "%d.%d", whole, rest * 10 / 60);
	else
		snprintf(buf, size, "%d.%02d", whole, (rest * 100 + 30) / 60);
}
