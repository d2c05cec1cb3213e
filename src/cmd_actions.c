/*
 * cmd_actions.c - mjournal actions: action items across the journal, each
 * once (mj_actions.h); --done and --drop tick one in the latest note.
 */
#include "mj_actions.h"
#include "mj_cli.h"
#include "mj_commands.h"
#include "mj_json.h"
#include "mj_table.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Overdue first (oldest due first), then open by due date, then the rest. */
static int compare_rows(const void *pa, const void *pb)
{
	const struct mj_action_row *a = pa, *b = pb;
	const struct mj_action *x = &a->action, *y = &b->action;
	int c;

	if (a->overdue != b->overdue)
		return a->overdue ? -1 : 1;
	if (x->state != y->state)
		return (int)x->state - (int)y->state;
	if (x->due != y->due)
		return x->due == MJ_DATE_NONE ? 1 : y->due == MJ_DATE_NONE ? -1 :
		       x->due < y->due ? -1 : 1;
	c = strcmp(a->file, b->file);
	return c ? c : x->line - y->line;
}

/* How the actions table is laid out, from the widest to the narrowest. */
enum layout {
	LAYOUT_WIDE,    /* WHERE a column of its own */
	LAYOUT_STACKED, /* WHERE on the line under the action's text */
	LAYOUT_NARROW,  /* and DUE on the line under the state */
};

/*
 * The actions as a table: SINCE the day of the note that first held it,
 * WHERE the note that holds it last (the one that decides its state): a
 * column of its own, or (stacked) on the line under the action's text,
 * which wraps, and (narrow) the due date under the state too; file:line
 * (the relationship's name first) is what is kept whole.
 */
static struct mj_table *action_table(const struct mj_action_row *rows,
				     size_t n, enum layout layout)
{
	bool stacked = layout != LAYOUT_WIDE, narrow = layout == LAYOUT_NARROW;
	struct mj_column columns[6];
	struct mj_table *table;
	size_t k = 0, action_column;

	columns[k++] = (struct mj_column){ narrow ? "STATE, DUE" : "STATE",
					   0, 0, false, false };
	if (!narrow)
		columns[k++] = (struct mj_column){ "DUE", 0, 0, false, false };
	columns[k++] = (struct mj_column){ "OWNER", 6, 1, false, false };
	columns[k++] = (struct mj_column){ "SINCE", 0, 2, false, false };
	action_column = k;
	columns[k++] = (struct mj_column){ stacked ? "ACTION, WHERE" : "ACTION",
					   16, 0, false, true };
	if (!stacked)
		columns[k++] = (struct mj_column){ "WHERE", 0, 0, false, false };
	for (size_t i = 0; stacked && i < n; i++) {
		char where[512];
		size_t w = (size_t)snprintf(where, sizeof(where), "%s:%d",
					    rows[i].file, rows[i].action.line);
		if (w > columns[action_column].min_width)
			columns[action_column].min_width = w;
	}
	table = mj_table_new(columns, k);
	for (size_t i = 0; i < n; i++) {
		const struct mj_action *a = &rows[i].action;
		char due[MJ_DATE_TEXT_SIZE], since[MJ_DATE_TEXT_SIZE];
		char where[512], *action, *state;
		const char *cells[6];
		const char *state_name = rows[i].overdue ? "overdue" :
					 mj_action_state_name(a->state);

		snprintf(where, sizeof(where), "%s:%d", rows[i].file, a->line);
		if (a->due == MJ_DATE_NONE)
			snprintf(due, sizeof(due), "-");
		else
			mj_date_format(a->due, due);
		action = stacked ? mj_xasprintf("%s\n%s", a->text, where) :
				   mj_xstrdup(a->text);
		state = narrow ? mj_xasprintf("%s\n%s", state_name, due) :
				 mj_xstrdup(state_name);
		k = 0;
		cells[k++] = state;
		if (!narrow)
			cells[k++] = due;
		cells[k++] = a->owner ? a->owner : "-";
		cells[k++] = mj_date_format(rows[i].since, since);
		cells[k++] = action;
		if (!stacked)
			cells[k++] = where;
		mj_table_add(table, cells,
			     rows[i].overdue ? MJ_STYLE_WARNING :
			     a->state == MJ_ACTION_OPEN ? MJ_STYLE_PLAIN :
			     MJ_STYLE_DIM);
		free(action);
		free(state);
	}
	return table;
}

/* The latest note of rel that is not private: where a tick is written. */
static const struct mj_note *latest_note(const struct mj_relationship *rel)
{
	for (size_t i = rel->n_notes; i-- > 0;)
		if (!rel->notes[i].is_private)
			return &rel->notes[i];
	return NULL;
}

/*
 * Ticks (or drops) the one open action PATTERN names: its box in the latest
 * note when that note holds it, else a line added to that note's Actions.
 */
static int set_state(struct mj_ctx *ctx, const char *pattern,
		     enum mj_action_state state)
{
	const struct mj_relationship *rel = NULL;
	struct mj_action_list list, found = MJ_ACTION_LIST_INIT;
	const struct mj_tracked_action *t;
	const struct mj_note *latest;
	char *old = NULL, *text = NULL, *message = NULL, *item;
	char *shown;
	size_t old_len = 0, len = 0;
	const char *verb = state == MJ_ACTION_DONE ? "done" : "dropped";
	bool committed, private;
	int status = MJ_EXIT_USAGE;

	for (size_t r = 0; r < ctx->journal.n_relationships; r++) {
		mj_actions_track(&ctx->journal.relationships[r], &list);
		for (size_t i = 0; i < list.len; i++) {
			if (list.items[i].action->state != MJ_ACTION_OPEN ||
			    !mj_action_matches(list.items[i].action, pattern))
				continue;
			rel = &ctx->journal.relationships[r];
			mj_grow((void **)&found.items, &found.cap, found.len + 1,
				sizeof(*found.items));
			found.items[found.len++] = list.items[i];
		}
		mj_action_list_free(&list);
	}
	if (found.len != 1) {
		mj_cli_error(found.len ? "'%s' names %zu open actions; say which "
			     "with more of its words:" : "no open action "
			     "matches '%s'", pattern, found.len);
		for (size_t i = 0; i < found.len; i++) {
			const struct mj_action *a = found.items[i].action;
			mj_cli_print(stderr, "  %s:%d: %s%s%s\n",
				     found.items[i].note->file, a->line,
				     a->owner ? a->owner : "",
				     a->owner ? ": " : "", a->text);
		}
		status = found.len ? MJ_EXIT_USAGE : MJ_EXIT_FAILED;
		goto done;
	}
	t = &found.items[0];
	/* an action a private note wrote stays there: ticked in place, never
	 * copied into a public note or a commit message */
	private = t->note->is_private || t->first_note->is_private;
	latest = private ? t->note : latest_note(rel);
	if (!latest) { /* only private notes: nothing is written into those */
		mj_cli_error("%s has no note that is not private to write the "
			     "tick into", rel->slug);
		goto done;
	}
	if (mj_jfs_read(ctx->journal.root, latest->file, MJ_FILE_SIZE_LIMIT,
			&old, &old_len) != MJ_READ_OK) {
		mj_cli_journal_error(ctx->journal.root, latest->file, MJ_KIND_FILE,
				     "read");
		goto done;
	}
	if (t->note == latest) {
		text = mj_note_set_box(old, old_len, t->action->line, state, &len);
	} else {
		/* as its note has it: the decoded text may hold controls */
		item = mj_journal_action_line(ctx->journal.root, t->note,
					      t->action, state);
		if (!item) {
			mj_cli_error("cannot read the action at %s:%d as written; "
				     "nothing changed; run mjournal check to see why",
				     t->note->file,
				     t->action->line);
			goto done;
		}
		text = mj_note_add_item(old, old_len,
					latest->section_line[MJ_SECTION_ACTIONS],
					item, &len);
		free(item);
	}
	if (!text) {
		mj_cli_error("%s:%d holds no action box to tick", latest->file,
			     t->action->line);
		goto done;
	}
	/* the text as CommonMark decoded it (&#27; is ESC): shown, never sent,
	 * in the commit message too */
	shown = mj_visible(t->action->text, false);
	message = mj_xasprintf("%s: action %s: %s\n", rel->slug, verb, shown);
	free(shown);
	status = mj_cli_apply(ctx, &(struct mj_edit){ latest->file, old, old_len,
				text, len, private }, 1, message, &committed);
	if (status == MJ_EXIT_OK)
		mj_cli_print(stdout, "Marked %s in %s%s: %s%s%s\n", verb,
			     latest->file,
			     private ? " (private: kept out of git)" : "",
			     t->action->owner ? t->action->owner : "",
			     t->action->owner ? ": " : "", t->action->text);
done:
	mj_action_list_free(&found);
	free(old);
	free(text);
	free(message);
	return status;
}

/* What actions keeps of a relationship read: its rows, their words copied */
struct kept {
	struct mj_action_row *rows;
	size_t n;
};

struct reader {
	struct mj_slots slots; /* a struct kept */
	mj_date today;
	bool only_open, only_overdue;
	const char *owner;
};

static void reader_start(void *ctx, size_t n)
{
	struct reader *r = ctx;

	mj_slots_start(&r->slots, n, sizeof(struct kept));
}

static void reader_each(void *ctx, size_t slot, struct mj_relationship *rel)
{
	struct reader *r = ctx;
	struct mj_action_list list = MJ_ACTION_LIST_INIT;
	struct kept *kept = mj_slots_take(&r->slots, slot);

	mj_actions_track(rel, &list);
	kept->rows = mj_xcalloc(list.len + 1, sizeof(*kept->rows));
	for (size_t i = 0; i < list.len; i++) {
		const struct mj_action *a = list.items[i].action;
		bool late = mj_action_is_late(a, r->today);

		if ((r->only_open && a->state != MJ_ACTION_OPEN) ||
		    (r->only_overdue && !late) ||
		    (r->owner && !mj_person_matches(a->owner, r->owner)))
			continue;
		mj_action_row_make(&kept->rows[kept->n++], rel->slug,
				   &list.items[i], r->today);
	}
	mj_action_list_free(&list);
}

static void print_rows(const struct mj_action_row *rows, size_t n)
{
	size_t width = mj_terminal_width(stdout);
	enum layout layout = LAYOUT_WIDE;
	struct mj_table *table = action_table(rows, n, layout);

	/* too wide: each place goes under its action, whole; then each due
	 * date under its state */
	while (width && layout != LAYOUT_NARROW &&
	       (layout == LAYOUT_WIDE ? mj_table_width(table) :
		mj_table_min_width(table)) > width) {
		mj_table_free(table);
		table = action_table(rows, n, ++layout);
	}
	mj_table_print(table, stdout, width, mj_cli_color(stdout));
	mj_table_free(table);
}

/* the list reads the relationships one at a time: only the actions it
 * shows are kept, with their own copies of their words */
static int run(struct mj_ctx *ctx)
{
	const struct mj_args *args = &ctx->args;
	struct mj_journal journal;
	struct reader r = { { NULL, NULL, 0, 0 }, ctx->today,
			    mj_arg_given(args, "open"),
			    mj_arg_given(args, "overdue"),
			    mj_arg_value(args, "owner") };
	const struct mj_visitor visitor = { reader_start, reader_each, &r };
	struct mj_action_row *rows = NULL;
	struct kept *kept;
	size_t n = 0, n_kept, total = 0;
	bool json = mj_arg_choice(args, "format") == 1;
	const char *done = mj_arg_value(args, "done");
	const char *drop = mj_arg_value(args, "drop");
	int status;

	if (done && drop)
		return mj_cli_error("--done and --drop go one at a time; "
				    "give one of them");
	if (done || drop) {
		status = mj_cli_become_writer(ctx, MJ_LOAD_TEXT);
		if (status != MJ_EXIT_OK)
			return status;
		return set_state(ctx, done ? done : drop,
				 done ? MJ_ACTION_DONE : MJ_ACTION_DROPPED);
	}
	status = mj_cli_visit(&journal, NULL, MJ_LOAD_TEXT, &visitor);
	n_kept = mj_slots_pack(&r.slots);
	kept = r.slots.records;
	for (size_t i = 0; i < n_kept; i++)
		total += kept[i].n;
	rows = mj_xcalloc(total + 1, sizeof(*rows));
	for (size_t i = 0; i < n_kept; i++) {
		memcpy(rows + n, kept[i].rows, kept[i].n * sizeof(*rows));
		n += kept[i].n;
		free(kept[i].rows);
	}
	mj_slots_free(&r.slots);
	if (status != MJ_EXIT_OK)
		goto done;
	mj_cli_pager(); /* a long list: overdue first, at the top */
	if (n > 1)
		qsort(rows, n, sizeof(*rows), compare_rows);
	if (json)
		mj_json_print_actions(stdout, rows, n);
	else if (!n)
		printf("No actions%s.\n", r.only_open || r.only_overdue ||
		       r.owner ? " match" : " yet");
	else
		print_rows(rows, n);
done:
	for (size_t i = 0; i < n; i++)
		mj_action_row_free(&rows[i]);
	free(rows);
	mj_journal_free(&journal);
	return status;
}

static const struct mj_option options[] = {
	{ "open", 0, MJ_ARG_NONE, NULL, NULL, "only open actions", 0 },
	{ "overdue", 0, MJ_ARG_NONE, NULL, NULL,
	  "only open actions past their due date", 0 },
	{ "owner", 0, MJ_ARG_NAME, "NAME", NULL,
	  "only NAME's actions ('Sam' or 'Sam Roe')", 0 },
	{ "done", 0, MJ_ARG_TEXT, "PATTERN", NULL,
	  "mark the open action whose owner and text hold PATTERN done, in "
	  "the relationship's latest note, and commit it", 0 },
	{ "drop", 0, MJ_ARG_TEXT, "PATTERN", NULL,
	  "mark that action dropped [-] the same way", 0 },
	MJ_OPTION_FORMAT_JSON,
	MJ_OPTIONS_END,
};

const struct mj_command mj_cmd_actions = {
	.name = "actions",
	.summary = "Action items across the journal, each once, overdue "
		   "first; --done or --drop ticks one.",
	.options = options,
	/* the list reads the journal itself; --done and --drop under the
	 * journal's lock (mj_cli_become_writer) */
	.needs = MJ_NEED_TODAY | MJ_NEED_JOURNAL,
	.run = run,
};
