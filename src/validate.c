/*
 * validate.c - the mentoring cycle's rules, across a relationship's notes.
 *
 * Rules that need only one file (front matter values, names, feedback in a
 * held session) are found by the parsers; the rules here need several notes,
 * the agreement or today's date.
 */
#include "mj_validate.h"
#include "mj_actions.h"
#include "mj_journal.h"
#include "mj_markdown.h"

#include <stdlib.h>
#include <string.h>

struct cycle {
	const struct mj_relationship *rel;
	const struct mj_agreement *a;
	const struct mj_validate_options *opts;
	struct mj_diags *out;
	struct mj_action_list actions; /* each action once (mj_actions.h) */
};

static bool is_active(const struct mj_agreement *a)
{
	return a->status_value == MJ_STATUS_ACTIVE;
}

static const char *date_text(mj_date d, char *buf)
{
	return mj_date_format(d, buf);
}

/* note-date: before the relationship started, or in the future. */
static void check_note_dates(struct cycle *c, const struct mj_note *n)
{
	char a[MJ_DATE_TEXT_SIZE], b[MJ_DATE_TEXT_SIZE];
	mj_date d = mj_note_effective_date(n);
	int line = n->date_line ? n->date_line : 1;

	if (d == MJ_DATE_NONE)
		return;
	if (c->a->started_date != MJ_DATE_NONE && d < c->a->started_date)
		mj_diags_add(c->out, n->file, line, 1, MJ_LEVEL_ERROR,
			     MJ_RULE_NOTE_DATE,
			     "dated %s, before the relationship started (%s); "
			     "fix the date or 'started'",
			     date_text(d, a), date_text(c->a->started_date, b));
	if (d > c->opts->today)
		mj_diags_add(c->out, n->file, line, 1, MJ_LEVEL_ERROR,
			     MJ_RULE_NOTE_DATE,
			     "dated %s, in the future (today is %s); notes record "
			     "sessions that happened: fix the date",
			     date_text(d, a), date_text(c->opts->today, b));
}

/* absent: names only mentees of this relationship. */
static void check_absent(struct cycle *c, const struct mj_note *n)
{
	/* an agreement without mentees (unread, broken) says nothing here */
	for (size_t i = 0; c->a->n_mentees && i < n->absent.len; i++) {
		bool mentee = false;
		for (size_t k = 0; k < c->a->n_mentees && !mentee; k++) {
			char name[160];
			mj_person_name(c->a->mentees[k].text, name, sizeof(name));
			mentee = mj_person_matches(n->absent.items[i], name);
		}
		if (!mentee)
			mj_diags_add(c->out, n->file, n->attendance_line ?
				     n->attendance_line : 1, 1, MJ_LEVEL_WARNING,
				     MJ_RULE_NOTE_FRONT_MATTER,
				     "absent names '%s', who is not a mentee of "
				     "this relationship; write a mentee's name as "
				     "agreement.ini has it", n->absent.items[i]);
	}
}

/* stage-order and stage-skipped, and renegotiation as info. */
static void check_stage_order(struct cycle *c)
{
	enum mj_stage reached = MJ_STAGE_NONE;
	bool negotiated = false, renegotiated = false, restarted = false;
	char buf[MJ_DATE_TEXT_SIZE];

	for (size_t i = 0; i < c->rel->n_notes; i++) {
		const struct mj_note *n = &c->rel->notes[i];
		enum mj_stage s = n->stage;
		int line = n->stage_line ? n->stage_line : 1;

		/* reopened (mjournal reopen): enabling sessions again */
		if (!restarted && c->a->reopened_date != MJ_DATE_NONE &&
		    mj_note_effective_date(n) != MJ_DATE_NONE &&
		    mj_note_effective_date(n) >= c->a->reopened_date) {
			restarted = true;
			if (reached == MJ_STAGE_CLOSING)
				reached = MJ_STAGE_ENABLING;
		}

		if (s == MJ_STAGE_NONE || s == MJ_STAGE_FOLLOW_UP ||
		    mj_note_effective_date(n) == MJ_DATE_NONE)
			continue;
		/* after closure, after-closure says what is wrong */
		if (!is_active(c->a) && c->a->closed_date != MJ_DATE_NONE &&
		    mj_note_effective_date(n) > c->a->closed_date)
			continue;
		if (s == MJ_STAGE_ENABLING && !negotiated) {
			mj_diags_add(c->out, n->file, line, 1, MJ_LEVEL_ERROR,
				     MJ_RULE_STAGE_SKIPPED,
				     "an enabling session before any negotiating "
				     "session: agree goals and terms first");
			negotiated = true; /* say it once */
		}
		if (s == MJ_STAGE_NEGOTIATING)
			negotiated = true;
		if (s >= reached || reached == MJ_STAGE_NONE) {
			reached = s;
			continue;
		}
		if (s == MJ_STAGE_NEGOTIATING && reached == MJ_STAGE_ENABLING &&
		    c->a->review_date != MJ_DATE_NONE && !renegotiated) {
			renegotiated = true;
			mj_diags_add(c->out, n->file, line, 1, MJ_LEVEL_INFO,
				     MJ_RULE_STAGE_ORDER,
				     "a renegotiation at the review point (%s)",
				     date_text(c->a->review_date, buf));
			continue;
		}
		if (s == MJ_STAGE_NEGOTIATING && reached == MJ_STAGE_ENABLING)
			mj_diags_add(c->out, n->file, line, 1, MJ_LEVEL_ERROR,
				     MJ_RULE_STAGE_ORDER,
				     renegotiated ?
				     "a second renegotiation; the agreement has one "
				     "review point, so renegotiate there once" :
				     "negotiating after enabling; add a review point "
				     "(review = YYYY-MM-DD under [terms]) to "
				     "renegotiate once");
		else
			mj_diags_add(c->out, n->file, line, 1, MJ_LEVEL_ERROR,
				     MJ_RULE_STAGE_ORDER,
				     "stage '%s' after '%s': the cycle goes preparing, "
				     "negotiating, enabling, closing; fix the stage",
				     mj_stage_name(s), mj_stage_name(reached));
	}
}

/* agreement-unsigned: working sessions need a signed agreement with goals. */
/* Does rel have a note of stage. */
static bool has_stage(const struct mj_relationship *rel, enum mj_stage stage)
{
	for (size_t i = 0; i < rel->n_notes; i++)
		if (rel->notes[i].stage == stage)
			return true;
	return false;
}

static void check_signed(struct cycle *c)
{
	mj_date signed_on = mj_agreement_signed_date(c->a);
	bool goals_said = false;
	char buf[MJ_DATE_TEXT_SIZE];

	if (!c->a->present)
		return;
	for (size_t i = 0; i < c->rel->n_notes; i++) {
		const struct mj_note *n = &c->rel->notes[i];
		mj_date d = mj_note_effective_date(n);
		int line = n->stage_line ? n->stage_line : 1;

		/* goals are agreed while negotiating: say so then, not weeks
		 * later at the first enabling session */
		if (n->stage == MJ_STAGE_NEGOTIATING && !c->a->n_goals &&
		    !goals_said && !has_stage(c->rel, MJ_STAGE_ENABLING)) {
			goals_said = true;
			mj_diags_add(c->out, n->file, line, 1, MJ_LEVEL_WARNING,
				     MJ_RULE_AGREEMENT_FIELD,
				     "a negotiating session, but agreement.ini has "
				     "no goals yet; write them as goal = ... under "
				     "[goals] (a '; goal' line is a comment)");
		}
		if (n->stage != MJ_STAGE_ENABLING || d == MJ_DATE_NONE)
			continue;
		if (signed_on == MJ_DATE_NONE)
			mj_diags_add(c->out, n->file, line, 1, MJ_LEVEL_ERROR,
				     MJ_RULE_AGREEMENT_UNSIGNED,
				     "stage 'enabling' but the agreement is not "
				     "signed; fill in signed-mentor and "
				     "signed-mentee under [terms]");
		else if (d < signed_on)
			mj_diags_add(c->out, n->file, line, 1, MJ_LEVEL_ERROR,
				     MJ_RULE_AGREEMENT_UNSIGNED,
				     "stage 'enabling' before the agreement was "
				     "signed (%s = %s); fix the note's date or "
				     "the signing date",
				     c->a->signed_mentor_date == signed_on ?
				     "signed-mentor" : "signed-mentee",
				     date_text(signed_on, buf));
		if (!c->a->n_goals && !goals_said) {
			goals_said = true;
			mj_diags_add(c->out, n->file, line, 1, MJ_LEVEL_ERROR,
				     MJ_RULE_AGREEMENT_UNSIGNED,
				     "stage 'enabling' but the agreement has no "
				     "goals; add goal = ... under [goals] (a mentee "
				     "should know why they need this mentor)");
		}
	}
}

static const struct mj_note *last_closing_note(const struct mj_relationship *rel)
{
	for (size_t i = rel->n_notes; i-- > 0;)
		if (rel->notes[i].stage == MJ_STAGE_CLOSING)
			return &rel->notes[i];
	return NULL;
}

/*
 * The first line of words inside a comment under closing's heading of
 * section that is not a goal the template listed there for review: words
 * written inside the comment by mistake; 0 when there is none.
 */
static int words_in_comment(const struct mj_note *closing,
			    const struct mj_agreement *a, enum mj_section section)
{
	for (size_t i = 0; i < closing->n_comment_lines; i++) {
		const struct mj_comment_line *c = &closing->comment_lines[i];
		bool goal = false;

		if (c->section != section)
			continue;
		for (size_t g = 0; g < a->n_goals && !goal; g++)
			goal = section == MJ_SECTION_OUTCOMES &&
			       c->key == mj_markdown_comment_key(
					a->goals[g].text, strlen(a->goals[g].text));
		if (!goal)
			return c->line;
	}
	return 0;
}

/* closing-incomplete: outcomes, learning and no open actions. */
static void check_closing(struct cycle *c)
{
	const struct mj_note *closing = last_closing_note(c->rel);
	enum mj_level level = c->opts->closing ? MJ_LEVEL_ERROR : MJ_LEVEL_WARNING;
	static const enum mj_section needed[] = {
		MJ_SECTION_OUTCOMES, MJ_SECTION_LEARNING,
	};

	if (c->a->status_value == MJ_STATUS_ENDED_EARLY)
		return;
	if (!closing) {
		if (c->opts->closing || c->a->status_value == MJ_STATUS_CLOSED)
			mj_diags_add(c->out,
				     c->a->present ? "" : c->rel->slug, 0, 0,
				     level, MJ_RULE_CLOSING_INCOMPLETE,
				     "no closing session; write one (mjournal note "
				     "%s --stage closing), or end early with "
				     "--early --reason", c->rel->slug);
		return;
	}
	for (size_t i = 0; i < MJ_ARRAY_SIZE(needed); i++) {
		int inside = closing->sections & (1u << needed[i]) ? 0 :
			     words_in_comment(closing, c->a, needed[i]);
		if (inside)
			mj_diags_add(c->out, closing->file, inside, 1, level,
				     MJ_RULE_CLOSING_INCOMPLETE,
				     "the closing session's '## %s' holds words "
				     "only inside a comment: your %s inside a "
				     "comment (<!-- ... -->), which is never read; "
				     "write %s below the '-->'",
				     mj_section_name(needed[i]),
				     needed[i] == MJ_SECTION_OUTCOMES ?
				     "outcomes are" : "learning is",
				     needed[i] == MJ_SECTION_OUTCOMES ?
				     "them" : "it");
		else if (!(closing->sections & (1u << needed[i])))
			mj_diags_add(c->out, closing->file,
				     closing->stage_line ? closing->stage_line : 1,
				     1, level, MJ_RULE_CLOSING_INCOMPLETE,
				     "the closing session has no '## %s' section; add "
				     "one%s",
				     mj_section_name(needed[i]),
				     needed[i] == MJ_SECTION_OUTCOMES ?
				     ": review each goal" :
				     ": what did each of you learn");
	}
	/* each action once, where it was last written */
	for (size_t i = 0; i < c->actions.len; i++) {
		const struct mj_tracked_action *t = &c->actions.items[i];
		if (t->action->state == MJ_ACTION_OPEN)
			mj_diags_add(c->out, t->note->file, t->action->line, 1,
				     level, MJ_RULE_CLOSING_INCOMPLETE,
				     "action still open at closing: mark it "
				     "[x] done or [-] dropped");
	}
}

/* after-closure: only follow-up notes after closing, and only then. */
static void check_after_closure(struct cycle *c)
{
	mj_date closed = is_active(c->a) ? MJ_DATE_NONE : c->a->closed_date;
	char buf[MJ_DATE_TEXT_SIZE];

	for (size_t i = 0; i < c->rel->n_notes; i++) {
		const struct mj_note *n = &c->rel->notes[i];
		mj_date d = mj_note_effective_date(n);
		int line = n->stage_line ? n->stage_line : 1;

		if (d == MJ_DATE_NONE || n->stage == MJ_STAGE_NONE)
			continue;
		/* the day of closure belongs to both: closing and follow-up */
		if (n->stage == MJ_STAGE_FOLLOW_UP &&
		    (closed == MJ_DATE_NONE || d < closed) &&
		    /* after an earlier closure, before the reopening */
		    !(c->a->reopened_date != MJ_DATE_NONE &&
		      d <= c->a->reopened_date))
			mj_diags_add(c->out, n->file, line, 1, MJ_LEVEL_ERROR,
				     MJ_RULE_AFTER_CLOSURE,
				     "a follow-up note before the relationship "
				     "was closed; use stage enabling or closing");
		else if (n->stage != MJ_STAGE_FOLLOW_UP && closed != MJ_DATE_NONE &&
			 d > closed)
			mj_diags_add(c->out, n->file, line, 1, MJ_LEVEL_ERROR,
				     MJ_RULE_AFTER_CLOSURE,
				     "stage '%s' after the relationship closed "
				     "(%s); notes after closure are follow-up: change "
				     "its stage to follow-up",
				     mj_stage_name(n->stage), date_text(closed, buf));
	}
}

/* no-shows: two with no held session between them. */
static void check_no_shows(struct cycle *c)
{
	const struct mj_note *previous = NULL;

	for (size_t i = 0; i < c->rel->n_notes; i++) {
		const struct mj_note *n = &c->rel->notes[i];

		if (n->attendance == MJ_ATTENDANCE_HELD) {
			previous = NULL;
		} else if (n->attendance == MJ_ATTENDANCE_NO_SHOW) {
			if (previous)
				mj_diags_add(c->out, n->file,
					     n->attendance_line, 1,
					     MJ_LEVEL_WARNING, MJ_RULE_NO_SHOWS,
					     "two no-shows in a row (also %s): talk "
					     "about the relationship, or end it "
					     "without fault",
					     previous->name);
			previous = n;
		}
	}
}

/* quiet: more than twice the cadence without a held session. */
static void check_quiet(struct cycle *c)
{
	const struct mj_note *last = NULL;
	int limit = c->a->cadence_days * 2;
	char buf[MJ_DATE_TEXT_SIZE];
	mj_date planned = MJ_DATE_NONE;

	if (!is_active(c->a) || !limit)
		return;
	for (size_t i = 0; i < c->rel->n_notes; i++) {
		const struct mj_note *n = &c->rel->notes[i];
		mj_date d = mj_note_effective_date(n);

		if (n->next != MJ_DATE_NONE)
			planned = n->next;
		if (n->attendance != MJ_ATTENDANCE_HELD || d == MJ_DATE_NONE)
			continue;
		if (last && d - mj_note_effective_date(last) > limit)
			mj_diags_add(c->out, n->file, n->date_line ? n->date_line : 1,
				     1, MJ_LEVEL_WARNING, MJ_RULE_QUIET,
				     "%d days since the session before (%s); the "
				     "cadence is %s: meet more often, or change it",
				     d - mj_note_effective_date(last),
				     date_text(mj_note_effective_date(last), buf),
				     c->a->cadence.text);
		last = n;
	}
	mj_date since = last ? mj_note_effective_date(last) : c->a->started_date;
	if (since == MJ_DATE_NONE || c->opts->today - since <= limit)
		return;
	/* a meeting is agreed (next:) and its day has not passed */
	if (planned != MJ_DATE_NONE && planned > since &&
	    planned >= c->opts->today)
		return;
	if (last)
		mj_diags_add(c->out, last->file, last->date_line ? last->date_line : 1,
			     1, MJ_LEVEL_WARNING, MJ_RULE_QUIET,
			     "no session held for %d days (cadence %s): the "
			     "relationship is overdue; meet, or talk about ending",
			     c->opts->today - since, c->a->cadence.text);
	else
		mj_diags_add(c->out, "", c->a->started.line, 1, MJ_LEVEL_WARNING,
			     MJ_RULE_QUIET,
			     "no session held in the %d days since it started "
			     "(cadence %s): the relationship is overdue; meet, "
			     "or talk about ending",
			     c->opts->today - since, c->a->cadence.text);
}

/* term-over and action-overdue: today's date against the agreement. */
static void check_today(struct cycle *c)
{
	char a[MJ_DATE_TEXT_SIZE], b[MJ_DATE_TEXT_SIZE];

	if (!is_active(c->a))
		return;
	if (c->a->ends_date != MJ_DATE_NONE && c->a->ends_date < c->opts->today)
		mj_diags_add(c->out, "", c->a->ends.line, 1, MJ_LEVEL_WARNING,
			     MJ_RULE_TERM_OVER,
			     "'ends' (%s) has passed; close the relationship or "
			     "extend it", date_text(c->a->ends_date, a));
	for (size_t i = 0; i < c->actions.len; i++) {
		const struct mj_action *act = c->actions.items[i].action;
		if (mj_action_is_late(act, c->opts->today))
			mj_diags_add(c->out, c->actions.items[i].note->file,
				     act->line, 1, MJ_LEVEL_WARNING,
				     MJ_RULE_ACTION_OVERDUE,
				     "open action was due %s (today is %s): "
				     "do it, re-date it or drop it [-]",
				     date_text(act->due, a),
				     date_text(c->opts->today, b));
	}}

/* Diagnostics with an empty file name are about the agreement. */
static void name_agreement(struct mj_diags *out, size_t from, const char *slug)
{
	for (size_t i = from; i < out->len; i++) {
		if (*out->items[i].file)
			continue;
		free(out->items[i].file);
		out->items[i].file = mj_xasprintf("%s/agreement.ini", slug);
	}
}

void mj_validate_relationship(const struct mj_relationship *rel,
			      const struct mj_validate_options *opts,
			      struct mj_diags *out)
{
	struct cycle c = { rel, &rel->agreement, opts, out,
			   MJ_ACTION_LIST_INIT };
	size_t from = out->len;

	mj_actions_track(rel, &c.actions);
	mj_diags_copy(out, &rel->diags);
	for (size_t i = 0; i < rel->n_notes; i++) {
		mj_diags_copy(out, &rel->notes[i].diags);
		check_note_dates(&c, &rel->notes[i]);
		check_absent(&c, &rel->notes[i]);
	}
	check_stage_order(&c);
	check_signed(&c);
	check_closing(&c);
	check_after_closure(&c);
	check_no_shows(&c);
	if (rel->agreement.present) {
		check_quiet(&c);
		check_today(&c);
	}
	mj_action_list_free(&c.actions);
	name_agreement(out, from, rel->slug);
}

void mj_validate_tracked(const struct mj_strvec *paths, struct mj_diags *out)
{
	for (size_t i = 0; i < paths->len; i++) {
		if (mj_journal_path_is_own(paths->items[i]))
			mj_diags_add(out, paths->items[i], 0, 0, MJ_LEVEL_ERROR,
				     MJ_RULE_MJOURNAL_TRACKED,
				     "is mjournal's own (its lock, cache and "
				     "report live under .mjournal/) and never "
				     "belongs in git; run git rm -r --cached "
				     ".mjournal, then git commit");
		else
			mj_diags_add(out, paths->items[i], 0, 0, MJ_LEVEL_ERROR,
				     MJ_RULE_PRIVATE_TRACKED,
				     "a private note is tracked by git; run git rm "
				     "--cached '%s' (and remove it from history if "
				     "it was pushed)",
				     paths->items[i]);
	}
}

enum mj_stage mj_cycle_stage(const struct mj_relationship *rel)
{
	for (size_t i = rel->n_notes; i-- > 0;) {
		enum mj_stage s = rel->notes[i].stage;
		if (s != MJ_STAGE_NONE && s != MJ_STAGE_FOLLOW_UP)
			return s;
	}
	return MJ_STAGE_PREPARING;
}

enum mj_stage mj_cycle_next_stage(const struct mj_relationship *rel,
				  mj_date today)
{
	const struct mj_agreement *a = &rel->agreement;
	enum mj_stage now = mj_cycle_stage(rel);

	if (a->present && !is_active(a))
		return MJ_STAGE_FOLLOW_UP;
	if (!rel->n_notes)
		return MJ_STAGE_PREPARING;
	if (now == MJ_STAGE_CLOSING)
		return MJ_STAGE_CLOSING;
	if (mj_agreement_signed_date(a) == MJ_DATE_NONE || !a->n_goals)
		return MJ_STAGE_NEGOTIATING;
	if (a->ends_date != MJ_DATE_NONE && today >= a->ends_date - a->cadence_days)
		return MJ_STAGE_CLOSING;
	return MJ_STAGE_ENABLING;
}

mj_date mj_cycle_last_held(const struct mj_relationship *rel)
{
	for (size_t i = rel->n_notes; i-- > 0;)
		if (rel->notes[i].attendance == MJ_ATTENDANCE_HELD)
			return mj_note_effective_date(&rel->notes[i]);
	return MJ_DATE_NONE;
}
