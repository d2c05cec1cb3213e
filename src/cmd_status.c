/*
 * cmd_status.c - mjournal status: where each relationship stands.
 */
#include "mj_cli.h"
#include "mj_commands.h"
#include "mj_git.h"
#include "mj_json.h"
#include "mj_table.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Most urgent first: errors, overdue, term ending, late actions, warnings. */
static int compare_rows(const void *pa, const void *pb)
{
	const struct mj_status_row *a = pa, *b = pb;
	int keys_a[] = { a->stats.ended, !a->errors, !a->stats.overdue,
			 !a->stats.term_ending, !a->stats.overdue_actions,
			 !a->warnings };
	int keys_b[] = { b->stats.ended, !b->errors, !b->stats.overdue,
			 !b->stats.term_ending, !b->stats.overdue_actions,
			 !b->warnings };

	for (size_t i = 0; i < MJ_ARRAY_SIZE(keys_a); i++)
		if (keys_a[i] != keys_b[i])
			return keys_a[i] - keys_b[i];
	if (a->stats.next_due != b->stats.next_due)
		return a->stats.next_due == MJ_DATE_NONE ? 1 :
		       b->stats.next_due == MJ_DATE_NONE ? -1 :
		       a->stats.next_due < b->stats.next_due ? -1 : 1;
	return strcmp(a->rel.slug, b->rel.slug);
}

static void people(const struct mj_agreement *a, char *buf, size_t size)
{
	char mentor[80] = "?", mentee[80] = "?";

	if (a->mentor.text)
		mj_person_name(a->mentor.text, mentor, sizeof(mentor));
	if (a->n_mentees)
		mj_person_name(a->mentees[0].text, mentee, sizeof(mentee));
	if (a->n_mentees > 1)
		snprintf(buf, size, "%s / %s +%zu", mentor, mentee, a->n_mentees - 1);
	else
		snprintf(buf, size, "%s / %s", mentor, mentee);
}

static const char *short_type(const struct mj_agreement *a)
{
	if (!a->present)
		return "-";
	return a->type_value == MJ_TYPE_ONE_TO_ONE ? "1:1" : mj_type_name(a->type_value);
}

/* "today", "in 3d", "5d late" */
static void relative_due(mj_date due, mj_date today, bool ended, char *buf,
			 size_t size)
{
	if (ended || due == MJ_DATE_NONE)
		snprintf(buf, size, "-");
	else if (due == today)
		snprintf(buf, size, "today");
	else if (due > today)
		snprintf(buf, size, "in %dd", due - today);
	else
		snprintf(buf, size, "%dd late", today - due);
}

/* ENDS: how long the term has left, "in 12d", "in 9w", or "3d over". */
static void term_end(mj_date ends, mj_date today, bool ended, char *buf,
		     size_t size)
{
	if (ended || ends == MJ_DATE_NONE)
		snprintf(buf, size, "-");
	else if (ends < today)
		snprintf(buf, size, "%dd over", today - ends);
	else if (ends == today)
		snprintf(buf, size, "today");
	else if (ends - today < 70)
		snprintf(buf, size, "in %dd", ends - today);
	else
		snprintf(buf, size, "in %dw", (ends - today) / 7);
}

static void print_table(const struct mj_status_row *rows, size_t n,
			mj_date today, bool all)
{
	static const struct mj_column columns[] = {
		/* the name is what a user types next: always whole; the
		 * others give way first (the highest rank is left out first),
		 * what is due and the check never */
		{ "RELATIONSHIP", 0, 0, false, false },
		{ "PEOPLE", 14, 3, false, false },
		{ "TYPE", 0, 5, false, false },
		{ "STAGE", 0, 0, false, false },
		{ "MET", 0, 2, true, false },
		{ "LAST", 0, 4, true, false },
		{ "NEXT", 0, 0, false, false },
		{ "ENDS", 0, 4, false, false },
		{ "ACTIONS", 0, 1, false, false },
		{ "CHECK", 0, 0, false, false },
		{ "HOURS", 0, 6, true, false },
	};
	struct mj_table *table = mj_table_new(columns, MJ_ARRAY_SIZE(columns));

	for (size_t i = 0; i < n; i++) {
		const struct mj_status_row *r = &rows[i];
		const struct mj_stats *s = &r->stats;
		char who[200], met[32], last[32], next[32], actions[32];
		char check[64], hours[16], ends[32];
		const char *stage = mj_stage_name(s->stage);
		enum mj_style style = MJ_STYLE_PLAIN;

		if (s->ended && !all)
			continue;
		if (s->ended)
			stage = mj_status_name(r->rel.agreement.status_value);
		people(&r->rel.agreement, who, sizeof(who));
		snprintf(met, sizeof(met), "%d/%d", s->held, s->missed);
		if (s->last_met == MJ_DATE_NONE)
			snprintf(last, sizeof(last), "-");
		else
			snprintf(last, sizeof(last), "%dd", today - s->last_met);
		relative_due(s->next_due, today, s->ended, next, sizeof(next));
		if (!r->rel.agreement.present) /* what is missing, said */
			snprintf(ends, sizeof(ends), "no agreement");
		else
			term_end(r->rel.agreement.ends_date, today, s->ended,
				 ends, sizeof(ends));
		if (!s->open_actions)
			snprintf(actions, sizeof(actions), "-");
		else if (s->overdue_actions)
			snprintf(actions, sizeof(actions), "%d, %d late",
				 s->open_actions, s->overdue_actions);
		else
			snprintf(actions, sizeof(actions), "%d", s->open_actions);
		mj_format_findings(r->errors, r->warnings, check, sizeof(check));
		if (!*check)
			snprintf(check, sizeof(check), "ok");
		mj_format_hours(s->minutes, hours, sizeof(hours));
		if (r->errors)
			style = MJ_STYLE_ERROR;
		else if (s->overdue || s->overdue_actions || s->term_ending)
			style = MJ_STYLE_WARNING;
		else if (s->ended)
			style = MJ_STYLE_DIM;
		mj_table_add(table, (const char *const[]){
			r->rel.slug, who, short_type(&r->rel.agreement), stage,
			met, last, next, ends, actions, check, hours }, style);
	}
	mj_table_print(table, stdout, mj_terminal_width(stdout),
		       mj_cli_color(stdout));
	mj_table_free(table);
}

static void print_ended(const struct mj_status_row *rows, size_t n)
{
	struct mj_buf line = MJ_BUF_INIT, wrapped = MJ_BUF_INIT;
	size_t ended = 0;

	for (size_t i = 0; i < n; i++)
		ended += rows[i].stats.ended;
	if (!ended)
		return;
	mj_buf_addf(&line, "%zu ended (", ended);
	for (size_t i = 0, k = 0; i < n; i++)
		if (rows[i].stats.ended)
			mj_buf_addf(&line, "%s%s", k++ ? ", " : "",
				    rows[i].rel.slug);
	mj_buf_adds(&line, "): mjournal status --all shows them");
	/* a terminal's lines break between words, never inside one */
	mj_buf_adds(&wrapped, "");
	mj_wrap(&wrapped, line.ptr, 0, 0, mj_terminal_width(stdout) ?
		mj_terminal_width(stdout) : SIZE_MAX);
	printf("\n%s\n", wrapped.ptr);
	mj_buf_free(&line);
	mj_buf_free(&wrapped);
}

/* Where a change's note starts when it goes under its path */
#define CHANGE_NOTE_COLUMN 14

static void print_changes(const struct mj_changes *changes, bool in_git)
{
	size_t width = mj_terminal_width(stdout);

	if (!in_git) {
		printf("\nThe journal is not in a git repository.\n");
		return;
	}
	if (!changes->len) {
		printf("\nEverything is committed.\n");
		return;
	}
	printf("\nNot committed:\n");
	for (size_t i = 0; i < changes->len; i++) {
		const struct mj_change *c = &changes->items[i];
		char *path = mj_visible(c->path, false);
		const char *note = c->kind == MJ_CHANGE_PRIVATE ?
			"(private: never committed)" :
			c->kind == MJ_CHANGE_BAD_NAME ?
			"(never committed: a control character in its name)" : "";
		struct mj_buf line = MJ_BUF_INIT;

		mj_buf_addf(&line, "  %-11s %s", mj_change_kind_name(c->kind),
			    path);
		if (*note && width && mj_text_width(line.ptr) + 2 +
		    mj_text_width(note) > width) {
			/* a terminal too narrow: the note under the path */
			mj_buf_addf(&line, "\n%*s", CHANGE_NOTE_COLUMN, "");
			mj_wrap(&line, note, CHANGE_NOTE_COLUMN,
				CHANGE_NOTE_COLUMN, width);
		} else if (*note) {
			mj_buf_addf(&line, "  %s", note);
		}
		puts(line.ptr);
		mj_buf_free(&line);
		free(path);
	}
}

/* Is path inside one of the relationships asked for (all when none). */
static bool path_in(const char *path, const struct mj_strvec *slugs)
{
	for (size_t i = 0; i < slugs->len; i++) {
		size_t n = strlen(slugs->items[i]);
		if (!strncmp(path, slugs->items[i], n) && path[n] == '/')
			return true;
	}
	return !slugs->len;
}

/* The rows of the relationships read, one a slot (mj_journal_visit). */
struct rows {
	struct mj_slots slots;
	struct mj_validate_options vopts;
};

static void rows_start(void *ctx, size_t n)
{
	struct rows *r = ctx;

	mj_slots_start(&r->slots, n, sizeof(struct mj_status_row));
}

/* A relationship's row: its figures and findings, its name and agreement */
static void row_of(void *ctx, size_t slot, struct mj_relationship *rel)
{
	struct rows *r = ctx;
	struct mj_status_row *row = mj_slots_take(&r->slots, slot);
	struct mj_diags diags = MJ_DIAGS_INIT;

	mj_validate_relationship(rel, &r->vopts, &diags);
	row->errors = mj_diags_count(&diags, MJ_LEVEL_ERROR);
	row->warnings = mj_diags_count(&diags, MJ_LEVEL_WARNING);
	mj_stats_compute(rel, r->vopts.today, &row->stats);
	mj_diags_free(&diags);
	mj_relationship_take_head(rel, &row->rel);
}

/* status loads by itself: a journal outside git has no changes to show */
static int run(struct mj_ctx *ctx)
{
	struct mj_validate_options vopts = { ctx->today, false };
	struct mj_journal journal;
	const struct mj_strvec slugs = ctx->args.operands;
	struct mj_strvec uncommitted = MJ_STRVEC_INIT, private_files = MJ_STRVEC_INIT;
	struct mj_strvec bad_names = MJ_STRVEC_INIT;
	struct mj_changes changes = { NULL, 0, 0 }, shown = { NULL, 0, 0 };
	struct mj_status_row *rows = NULL;
	struct rows read = { { NULL, NULL, 0, 0 }, { ctx->today, false } };
	const struct mj_visitor visitor = { rows_start, row_of, &read };
	size_t n_rows = 0;
	struct mj_repo *repo = NULL;
	bool all = mj_arg_given(&ctx->args, "all");
	bool json = mj_arg_choice(&ctx->args, "format") == 1;
	int status = MJ_EXIT_USAGE;

	memset(&journal, 0, sizeof(journal));
	mj_cli_finish_sync();
	/* each relationship's row as it is read: its notes are let go */
	status = mj_cli_visit(&journal, &slugs, MJ_LOAD_WALK, &visitor);
	n_rows = mj_slots_pack(&read.slots);
	rows = read.slots.records;
	if (status != MJ_EXIT_OK)
		goto done;
	/* git's view from the folders the loader listed: one walk */
	if (mj_git_open(&repo, journal.root) < 0) {
		repo = NULL; /* not in git: no changes to show */
	} else if (mj_git_status(repo, journal.walk, &changes) < 0) {
		status = mj_cli_error("%s", mj_git_error());
		goto done;
	} else {
		mj_git_refresh_index(repo);
	}

	if (n_rows > 1)
		qsort(rows, n_rows, sizeof(*rows), compare_rows);

	for (size_t i = 0; i < changes.len; i++) {
		struct mj_change *c = &changes.items[i];
		if (!path_in(c->path, &slugs) || mj_journal_path_is_own(c->path))
			continue;
		mj_grow((void **)&shown.items, &shown.cap, shown.len + 1,
			sizeof(*shown.items));
		shown.items[shown.len++] = *c;
		mj_strvec_push(c->kind == MJ_CHANGE_PRIVATE ? &private_files :
			       c->kind == MJ_CHANGE_BAD_NAME ? &bad_names :
			       &uncommitted, c->path);
	}

	if (json) {
		mj_json_print_status(stdout, journal.config.name.text, vopts.today,
				     rows, n_rows, &uncommitted,
				     &private_files, &bad_names);
	} else {
		char today[MJ_DATE_TEXT_SIZE];
		char *name = mj_visible(journal.config.name.text ?
					journal.config.name.text : "Journal", false);
		printf("%s, %s\n\n", name,
		       mj_date_format(vopts.today, today));
		free(name);
		size_t shown_rows = 0;
		for (size_t i = 0; i < n_rows; i++)
			shown_rows += all || !rows[i].stats.ended;
		if (!n_rows)
			printf("No relationships yet: mjournal new starts one.\n");
		else if (!shown_rows)
			printf("No active relationships.\n");
		else
			print_table(rows, n_rows, vopts.today, all);
		if (!all)
			print_ended(rows, n_rows);
		print_changes(&shown, repo != NULL);
	}
	status = MJ_EXIT_OK;
done:
	free(shown.items); /* the paths belong to changes */
	mj_changes_free(&changes);
	mj_git_free(repo);
	for (size_t i = 0; i < n_rows; i++)
		mj_relationship_free(&rows[i].rel);
	mj_slots_free(&read.slots);
	mj_journal_free(&journal);
	mj_strvec_free(&uncommitted);
	mj_strvec_free(&private_files);
	mj_strvec_free(&bad_names);
	return status;
}

static const struct mj_option options[] = {
	{ "all", 0, MJ_ARG_NONE, NULL, NULL, "show ended relationships too", 0 },
	MJ_OPTION_FORMAT_JSON,
	MJ_OPTIONS_END,
};

const struct mj_command mj_cmd_status = {
	.name = "status",
	.summary = "Where each relationship stands, most urgent first; then what "
		   "is not committed.",
	.operand = "SLUG", .operand_kind = MJ_ARG_SLUG,
	.min_operands = 0, .max_operands = UINT_MAX,
	.options = options,
	.needs = MJ_NEED_TODAY,
	.run = run,
};
