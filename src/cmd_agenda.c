/*
 * cmd_agenda.c - mjournal agenda: what is coming, soonest first, as a
 * table, JSON or an iCalendar feed.
 */
#include "mj_agenda.h"
#include "mj_cli.h"
#include "mj_commands.h"
#include "mj_json.h"
#include "mj_table.h"

#include <stdlib.h>
#include <string.h>

enum { FORMAT_TEXT, FORMAT_JSON, FORMAT_ICS };

/* "today", "in 3d", "4d late" */
static void when(mj_date date, mj_date today, char *buf, size_t size)
{
	if (date == today)
		snprintf(buf, size, "today");
	else if (date > today)
		snprintf(buf, size, "in %dd", date - today);
	else
		snprintf(buf, size, "%dd late", today - date);
}

/*
 * The agenda's table: what each item is in a column of its own, or
 * (stacked, when that leaves too little room for it) on the lines under
 * its relationship's name, which is never cut.
 */
static struct mj_table *agenda_table(const struct mj_agenda *agenda,
				     mj_date today, mj_date until, bool stacked)
{
	struct mj_column columns[] = {
		{ "DATE", 0, 0, false, false },
		{ "WHEN", 0, 2, false, false },
		{ stacked ? "RELATIONSHIP, WHAT" : "RELATIONSHIP", 0, 0, false,
		  stacked },
		{ "WHAT", 20, 0, false, true },
	};
	struct mj_table *table;

	for (size_t i = 0; stacked && i < agenda->len; i++)
		if (mj_text_width(agenda->items[i].slug) > columns[2].min_width)
			columns[2].min_width = mj_text_width(agenda->items[i].slug);
	table = mj_table_new(columns, stacked ? 3 : 4);
	for (size_t i = 0; i < agenda->len; i++) {
		const struct mj_agenda_item *it = &agenda->items[i];
		char date[MJ_DATE_TEXT_SIZE], rel[32], *what, *slug;

		if (it->date > until)
			continue;
		when(it->date, today, rel, sizeof(rel));
		what = it->kind == MJ_AGENDA_ACTION ?
			mj_xasprintf("action: %s%s%s", it->owner ? it->owner : "",
				     it->owner ? ": " : "", it->text) :
			mj_xstrdup(it->text);
		slug = stacked ? mj_xasprintf("%s\n%s", it->slug, what) :
				 mj_xstrdup(it->slug);
		mj_table_add(table, (const char *const[]){
			mj_date_format(it->date, date), rel, slug, what },
			it->late ? MJ_STYLE_WARNING : MJ_STYLE_PLAIN);
		free(what);
		free(slug);
	}
	return table;
}

static void print_text(const struct mj_agenda *agenda, mj_date today,
		       mj_date until)
{
	size_t width = mj_terminal_width(stdout), shown = 0;
	struct mj_table *table = agenda_table(agenda, today, until, false);
	char from[MJ_DATE_TEXT_SIZE], to[MJ_DATE_TEXT_SIZE];

	printf("Agenda %s to %s\n\n", mj_date_format(today, from),
	       mj_date_format(until, to));
	for (size_t i = 0; i < agenda->len; i++)
		shown += agenda->items[i].date <= until;
	if (width && mj_table_min_width(table) > width) {
		mj_table_free(table);
		table = agenda_table(agenda, today, until, true);
	}
	if (shown)
		mj_table_print(table, stdout, width, mj_cli_color(stdout));
	else
		printf("Nothing due.\n");
	mj_table_free(table);
}

/* What agenda keeps of a relationship read: its items, their words its own */
struct reader {
	struct mj_slots slots; /* a struct mj_agenda */
	mj_date today;
};

static void reader_start(void *ctx, size_t n)
{
	struct reader *r = ctx;

	mj_slots_start(&r->slots, n, sizeof(struct mj_agenda));
}

static void reader_each(void *ctx, size_t slot, struct mj_relationship *rel)
{
	struct reader *r = ctx;

	mj_agenda_add(rel, r->today, mj_slots_take(&r->slots, slot));
}

/* reads the relationships one at a time: only their items are kept */
static int run(struct mj_ctx *ctx)
{
	struct mj_journal journal;
	struct reader r = { { NULL, NULL, 0, 0 }, ctx->today };
	const struct mj_visitor visitor = { reader_start, reader_each, &r };
	const char *days_text = mj_arg_value(&ctx->args, "days");
	int format = mj_arg_choice(&ctx->args, "format");
	struct mj_agenda agenda = MJ_AGENDA_INIT, *read;
	size_t n;
	long days = 28;
	char *end = NULL;
	int status;

	if (days_text) {
		days = strtol(days_text, &end, 10);
		if (!*days_text || *end || days < 0 || days > 3660)
			return mj_cli_error("--days '%s' is not a number of days "
					    "from 0 to 3660; give one like --days 28",
					    days_text);
	}
	status = mj_cli_visit(&journal, NULL, MJ_LOAD_TEXT, &visitor);
	n = mj_slots_pack(&r.slots);
	read = r.slots.records;
	for (size_t i = 0; i < n; i++)
		mj_agenda_join(&agenda, &read[i]);
	mj_slots_free(&r.slots);
	mj_agenda_sort(&agenda);
	if (status == MJ_EXIT_OK)
		mj_cli_pager();
	if (status != MJ_EXIT_OK) {
		/* said */
	} else if (format == FORMAT_ICS) {
		const char *name = journal.config.name.text ?
				   journal.config.name.text : "mjournal";
		char *why = NULL;
		char *ics = mj_agenda_ics(&agenda, name, name, ctx->today,
					  &why);
		if (ics)
			fputs(ics, stdout);
		else
			status = mj_cli_error("cannot write the calendar: %s; "
					      "use --format json for the same "
					      "agenda", why);
		free(ics);
		free(why);
	} else if (format == FORMAT_JSON) {
		mj_json_print_agenda(stdout, &agenda, ctx->today);
	} else {
		print_text(&agenda, ctx->today, ctx->today + (int)days);
	}
	mj_agenda_free(&agenda);
	mj_journal_free(&journal);
	return status;
}
static const struct mj_option options[] = {
	{ "days", 0, MJ_ARG_TEXT, "N", NULL,
	  "how far ahead the text view looks (default 28); json and ics hold "
	  "every item", 0 },
	{ "format", 0, MJ_ARG_CHOICE, "FORMAT", "text json ics",
	  "text (default), json, or ics: an iCalendar feed to subscribe to", 0 },
	MJ_OPTIONS_END,
};

const struct mj_command mj_cmd_agenda = {
	.name = "agenda",
	.summary = "What is coming for every active relationship: meetings, "
		   "actions due, review points, term ends.",
	.options = options,
	.needs = MJ_NEED_TODAY, /* reads the journal itself */
	.run = run,
};
