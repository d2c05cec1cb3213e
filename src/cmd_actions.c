/*
 * cmd_actions.c - mjournal actions: action items across the journal.
 */
#include "mj_cli.h"
#include "mj_commands.h"
#include "mj_json.h"
#include "mj_table.h"

#include <getopt.h>
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

/* Is word the first word of text ("Sam" of "Sam Roe"), ignoring case. */
static bool first_word_of(const char *word, const char *text)
{
	size_t n = strlen(word);

	return strlen(text) > n && text[n] == ' ' && mj_str_equal_nocase(text, n, word);
}

/*
 * Does the owner written in a note match NAME: the same name, or one the
 * first name of the other ("Sam" and "Sam Roe"), ignoring case.
 */
static bool owner_matches(const char *owner, const char *name)
{
	if (!owner)
		return false;
	return mj_str_equal_nocase(owner, strlen(owner), name) ||
	       first_word_of(owner, name) || first_word_of(name, owner);
}

int cmd_actions(int argc, char **argv)
{
	static const struct option options[] = {
		{ "open", no_argument, NULL, 'o' },
		{ "overdue", no_argument, NULL, 'O' },
		{ "owner", required_argument, NULL, 'w' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct mj_journal journal;
	struct mj_action_row *rows = NULL;
	size_t n = 0, cap = 0;
	bool only_open = false, only_overdue = false, json = false;
	const char *owner = NULL;
	mj_date today;
	int opt, status = MJ_EXIT_USAGE;

	while ((opt = getopt_long(argc, argv, "C:h", options, NULL)) != -1) {
		int common = mj_cli_common_option("actions", opt, optarg, &status);
		if (common < 0)
			return status;
		if (common == 0)
			continue;
		if (opt == 'o') {
			only_open = true;
		} else if (opt == 'O') {
			only_overdue = true;
		} else if (opt == 'w') {
			owner = optarg;
		} else if (opt == 'f' && mj_cli_format_json(optarg, &json) != 0) {
			return MJ_EXIT_USAGE;
		}
	}
	if (optind < argc)
		return mj_cli_bad_usage("actions");
	if (mj_cli_today(&today) < 0)
		return MJ_EXIT_USAGE;
	status = mj_cli_load(&journal, NULL, MJ_LOAD_TEXT);
	if (status != MJ_EXIT_OK)
		return status;

	for (size_t r = 0; r < journal.n_relationships; r++) {
		const struct mj_relationship *rel = &journal.relationships[r];
		for (size_t i = 0; i < rel->n_notes; i++) {
			const struct mj_note *note = &rel->notes[i];
			for (size_t k = 0; k < note->n_actions; k++) {
				const struct mj_action *a = &note->actions[k];
				bool open = a->state == MJ_ACTION_OPEN;
				bool late = open && a->due != MJ_DATE_NONE &&
					    a->due < today;

				if ((only_open && !open) || (only_overdue && !late) ||
				    (owner && !owner_matches(a->owner, owner)))
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
		static const struct mj_column columns[] = {
			{ "STATE", 0, 0, false },
			{ "DUE", 0, 0, false },
			{ "OWNER", 6, 2, false },
			{ "ACTION", 12, 0, false },
			{ "WHERE", 12, 1, false },
		};
		struct mj_table *table = mj_table_new(columns, MJ_ARRAY_SIZE(columns));

		for (size_t i = 0; i < n; i++) {
			const struct mj_action *a = rows[i].action;
			char due[MJ_DATE_TEXT_SIZE], where[512];
			snprintf(where, sizeof(where), "%s:%d", rows[i].note->file,
				 a->line);
			mj_table_add(table, (const char *const[]){
				rows[i].overdue ? "overdue" : mj_action_state_name(a->state),
				a->due == MJ_DATE_NONE ? "-" : mj_date_format(a->due, due),
				a->owner ? a->owner : "-", a->text, where },
				rows[i].overdue ? MJ_STYLE_WARNING :
				a->state == MJ_ACTION_OPEN ? MJ_STYLE_PLAIN : MJ_STYLE_DIM);
		}
		mj_table_print(table, stdout, mj_terminal_width(stdout),
			       mj_cli_color(stdout));
		mj_table_free(table);
	}
	free(rows);
	mj_journal_free(&journal);
	return MJ_EXIT_OK;
}
