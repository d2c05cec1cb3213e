/*
 * cmd_actions.c - mjournal actions: action items across the journal.
 */
#include "mj_cli.h"
#include "mj_commands.h"
#include "mj_json.h"
#include "mj_table.h"

#include <stdlib.h>
#include <string.h>

/* Overdue first (oldest due first), then open by due date, then the rest. */
static int compare_rows(const void *pa, const void *pb)
{
	const struct mj_action_row *a = pa, *b = pb;
	const struct mj_action *x = a->action, *y = b->action;
	int c;

	if (a->overdue != b->overdue)
		return a->overdue ? -1 : 1;
	if (x->state != y->state)
		return (int)x->state - (int)y->state;
	if (x->due != y->due)
		return x->due == MJ_DATE_NONE ? 1 : y->due == MJ_DATE_NONE ? -1 :
		       x->due < y->due ? -1 : 1;
	c = strcmp(a->note->file, b->note->file);
	return c ? c : x->line - y->line;
}

/*
 * The actions as a table: WHERE a column of its own, or (stacked) on the
 * line under the action's text, which wraps; file:line is never cut.
 */
static struct mj_table *action_table(const struct mj_action_row *rows,
				     size_t n, bool stacked)
{
	struct mj_column columns[] = {
		{ "STATE", 0, 0, false, false },
		{ "DUE", 0, 0, false, false },
		{ "OWNER", 6, 1, false, false },
		{ stacked ? "ACTION, WHERE" : "ACTION", 16, 0, false, true },
		{ "WHERE", 0, 0, false, false },
	};
	struct mj_table *table;

	for (size_t i = 0; stacked && i < n; i++) {
		char where[512];
		size_t w = (size_t)snprintf(where, sizeof(where), "%s:%d",
					    rows[i].note->file, rows[i].action->line);
		if (w > columns[3].min_width)
			columns[3].min_width = w;
	}
	table = mj_table_new(columns, stacked ? 4 : 5);
	for (size_t i = 0; i < n; i++) {
		const struct mj_action *a = rows[i].action;
		char due[MJ_DATE_TEXT_SIZE], where[512], *action;

		snprintf(where, sizeof(where), "%s:%d", rows[i].note->file, a->line);
		action = stacked ? mj_xasprintf("%s\n%s", a->text, where) :
				   mj_xstrdup(a->text);
		mj_table_add(table, (const char *const[]){
			rows[i].overdue ? "overdue" : mj_action_state_name(a->state),
			a->due == MJ_DATE_NONE ? "-" : mj_date_format(a->due, due),
			a->owner ? a->owner : "-", action, where },
			rows[i].overdue ? MJ_STYLE_WARNING :
			a->state == MJ_ACTION_OPEN ? MJ_STYLE_PLAIN : MJ_STYLE_DIM);
		free(action);
	}
	return table;
}

static int run(struct mj_ctx *ctx)
{
	const struct mj_journal *journal = &ctx->journal;
	const struct mj_args *args = &ctx->args;
	struct mj_action_row *rows = NULL;
	size_t n = 0, cap = 0;
	bool only_open = mj_arg_given(args, "open");
	bool only_overdue = mj_arg_given(args, "overdue");
	bool json = mj_arg_choice(args, "format") == 1;
	const char *owner = mj_arg_value(args, "owner");
	mj_date today = ctx->today;

	for (size_t r = 0; r < journal->n_relationships; r++) {
		const struct mj_relationship *rel = &journal->relationships[r];
		for (size_t i = 0; i < rel->n_notes; i++) {
			const struct mj_note *note = &rel->notes[i];
			for (size_t k = 0; k < note->n_actions; k++) {
				const struct mj_action *a = &note->actions[k];
				bool open = a->state == MJ_ACTION_OPEN;
				bool late = open && a->due != MJ_DATE_NONE &&
					    a->due < today;

				if ((only_open && !open) || (only_overdue && !late) ||
				    (owner && !mj_person_matches(a->owner, owner)))
					continue;
				mj_grow((void **)&rows, &cap, n + 1, sizeof(*rows));
				rows[n++] = (struct mj_action_row){ rel->slug, note,
								    a, late };
			}
		}
	}
	if (n > 1)
		qsort(rows, n, sizeof(*rows), compare_rows);

	if (json) {
		mj_json_print_actions(stdout, rows, n);
	} else if (!n) {
		printf("No actions%s.\n", only_open || only_overdue || owner ?
		       " match" : " yet");
	} else {
		size_t width = mj_terminal_width(stdout);
		struct mj_table *table = action_table(rows, n, false);

		/* too wide: each place goes under its action, whole */
		if (width && mj_table_width(table) > width) {
			mj_table_free(table);
			table = action_table(rows, n, true);
		}
		mj_table_print(table, stdout, width, mj_cli_color(stdout));
		mj_table_free(table);
	}
	free(rows);
	return MJ_EXIT_OK;
}

static const struct mj_option options[] = {
	{ "open", 0, MJ_ARG_NONE, NULL, NULL, "only open actions", 0 },
	{ "overdue", 0, MJ_ARG_NONE, NULL, NULL,
	  "only open actions past their due date", 0 },
	{ "owner", 0, MJ_ARG_NAME, "NAME", NULL,
	  "only NAME's actions ('Sam' or 'Sam Roe')", 0 },
	MJ_OPTION_FORMAT_JSON,
	MJ_OPTIONS_END,
};

const struct mj_command mj_cmd_actions = {
	.name = "actions",
	.summary = "Action items across the journal, overdue first.",
	.options = options,
	.needs = MJ_NEED_TODAY | MJ_NEED_MODEL | MJ_NEED_TEXT,
	.run = run,
};
