/*
 * cmd_hours.c - mjournal hours: practice hours from held sessions, the
 * evidence a mentor keeps for accreditation.
 */
#include "mj_cli.h"
#include "mj_commands.h"
#include "mj_csv.h"
#include "mj_json.h"
#include "mj_table.h"

#include <stdlib.h>
#include <string.h>

enum format { FORMAT_TEXT, FORMAT_CSV, FORMAT_MD, FORMAT_JSON };

/* A Markdown table cell: pipes and backslashes escaped. */
static void md_field(const char *s)
{
	for (; *s; s++) {
		if (*s == '|' || *s == '\\')
			putchar('\\');
		putchar(*s);
	}
}

static void print_rows(const struct mj_hours_row *rows, size_t n,
		       enum format format, int total_mentees)
{
	static const struct mj_column columns[] = {
		/* the name whole; the type, then the mentees left out first */
		{ "RELATIONSHIP", 0, 0, false, false },
		{ "TYPE", 0, 2, false, false },
		{ "SESSIONS", 0, 0, true, false },
		{ "MENTEES", 0, 1, true, false },
		{ "HOURS", 0, 0, true, false },
	};
	struct mj_table *table = format == FORMAT_TEXT ?
		mj_table_new(columns, MJ_ARRAY_SIZE(columns)) : NULL;
	int minutes = 0, sessions = 0;
	char hours[16], count[16], mentees[16];

	if (format == FORMAT_CSV)
		mj_csv_write_header(stdout, (const char *const[]){ "relationship",
				    "type", "sessions", "mentees", "hours" }, 5);
	else if (format == FORMAT_MD)
		puts("| Relationship | Type | Sessions | Mentees | Hours |\n"
		     "|---|---|---:|---:|---:|");
	for (size_t i = 0; i <= n; i++) {
		const char *slug = "total", *type = "";

		if (i < n) {
			const struct mj_hours *h = &rows[i].hours;
			const struct mj_agreement *a = &rows[i].rel->agreement;
			slug = rows[i].rel->slug;
			type = a->present ? mj_type_name(a->type_value) : "";
			minutes += h->minutes;
			sessions += h->sessions;
			mj_format_hours(h->minutes, hours, sizeof(hours));
			snprintf(count, sizeof(count), "%d", h->sessions);
			snprintf(mentees, sizeof(mentees), "%zu", h->mentees.len);
		} else {
			mj_format_hours(minutes, hours, sizeof(hours));
			snprintf(count, sizeof(count), "%d", sessions);
			snprintf(mentees, sizeof(mentees), "%d", total_mentees);
		}
		if (format == FORMAT_CSV) {
			mj_csv_write_row(stdout, (const struct mj_csv_cell[]){
				{ MJ_CSV_TEXT, slug }, { MJ_CSV_TEXT, type },
				{ MJ_CSV_NUMBER, count }, { MJ_CSV_NUMBER, mentees },
				{ MJ_CSV_NUMBER, hours } }, 5);
		} else if (format == FORMAT_MD) {
			fputs(i < n ? "| " : "| **", stdout);
			md_field(slug);
			printf("%s | %s | %s | %s | %s |\n", i < n ? "" : "**", type,
			       count, mentees, hours);
		} else {
			mj_table_add(table, (const char *const[]){
				slug, type, count, mentees, hours },
				i < n ? MJ_STYLE_PLAIN : MJ_STYLE_DIM);
		}
	}
	if (table) {
		mj_table_print(table, stdout, mj_terminal_width(stdout),
			       mj_cli_color(stdout));
		mj_table_free(table);
	}
}

/* What hours keeps of a relationship read: its name, agreement and hours */
struct held {
	struct mj_relationship head;
	struct mj_hours hours;
};

struct reader {
	struct mj_slots slots;
	mj_date since, until;
};

static void reader_start(void *ctx, size_t n)
{
	struct reader *r = ctx;

	mj_slots_start(&r->slots, n, sizeof(struct held));
}

/* a relationship without a session held in the period has no row */
static void reader_each(void *ctx, size_t slot, struct mj_relationship *rel)
{
	struct reader *r = ctx;
	struct mj_hours hours;
	struct held *held;

	mj_hours_compute(rel, r->since, r->until, &hours);
	if (!hours.sessions) {
		mj_hours_free(&hours);
		return;
	}
	held = mj_slots_take(&r->slots, slot);
	held->hours = hours;
	mj_relationship_take_head(rel, &held->head);
}

/* reads the relationships one at a time: only their hours are kept */
static int run(struct mj_ctx *ctx)
{
	struct mj_journal journal;
	struct reader r = { { NULL, NULL, 0, 0 },
			    mj_arg_date(&ctx->args, "since", MJ_DATE_NONE),
			    mj_arg_date(&ctx->args, "until", MJ_DATE_NONE) };
	const struct mj_visitor visitor = { reader_start, reader_each, &r };
	struct mj_hours_row *rows = NULL;
	struct mj_strvec everyone = MJ_STRVEC_INIT;
	enum format format = (enum format)mj_arg_choice(&ctx->args, "format");
	struct held *held;
	size_t n;
	int status;

	if (r.since != MJ_DATE_NONE && r.until != MJ_DATE_NONE &&
	    r.until < r.since)
		return mj_cli_error("--until comes before --since; swap "
				    "them");
	status = mj_cli_visit(&journal, NULL, 0, &visitor);
	n = mj_slots_pack(&r.slots);
	held = r.slots.records;
	if (status == MJ_EXIT_OK) {
		rows = mj_xcalloc(n + 1, sizeof(*rows));
		for (size_t i = 0; i < n; i++) {
			const struct mj_strvec *mentees = &held[i].hours.mentees;

			rows[i] = (struct mj_hours_row){ &held[i].head,
							 held[i].hours };
			for (size_t k = 0; k < mentees->len; k++)
				if (!mj_strvec_contains(&everyone, mentees->items[k]))
					mj_strvec_push(&everyone, mentees->items[k]);
		}
		if (format == FORMAT_JSON)
			mj_json_print_hours(stdout, rows, n, r.since, r.until,
					    (int)everyone.len);
		else
			print_rows(rows, n, format, (int)everyone.len);
	}
	for (size_t i = 0; i < n; i++) {
		mj_hours_free(&held[i].hours);
		mj_relationship_free(&held[i].head);
	}
	mj_slots_free(&r.slots);
	free(rows);
	mj_strvec_free(&everyone);
	mj_journal_free(&journal);
	return status;
}

static const struct mj_option options[] = {
	{ "since", 0, MJ_ARG_DATE, "DATE", NULL, "from this day (inclusive)", 0 },
	{ "until", 0, MJ_ARG_DATE, "DATE", NULL, "to this day (inclusive)", 0 },
	{ "format", 0, MJ_ARG_CHOICE, "FORMAT", "text csv md json",
	  "text (default), csv, md or json", 0 },
	MJ_OPTIONS_END,
};

const struct mj_command mj_cmd_hours = {
	.name = "hours",
	.summary = "Hours of mentoring practice from held sessions, per "
		   "relationship and in total.",
	.options = options,
	.needs = 0, /* reads the journal itself, a relationship at a time */
	.run = run,
};
