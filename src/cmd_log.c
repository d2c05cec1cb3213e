/*
 * cmd_log.c - mjournal log: the timeline of sessions.
 */
#include "mj_cli.h"
#include "mj_commands.h"
#include "mj_table.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Prints text from the journal's files, its control characters visible. */
static void print_visible(FILE *out, const char *text)
{
	char *v = mj_visible(text, false);
	fputs(v, out);
	free(v);
}

/* The column a note's title starts at, after its lead */
#define TITLE_COLUMN 44
/* Fewer columns than this left for a title: its next lines start at 4 */
#define TITLE_ROOM 20

/*
 * A note's line: lead ("  DATE  STAGE  ATTENDANCE DURATION"), then its
 * title (its file's name when it has none), its control characters
 * visible, wrapped between words to the terminal's width (width; 0: one
 * line): its next lines under its first, or, when too little room is
 * left there, on lines of its own from column 4.
 */
static void print_note(FILE *out, const char *lead, const struct mj_note *n,
		       size_t width)
{
	char *title = mj_visible(n->title ? n->title : n->name, false);
	char *text = mj_xasprintf("%s%s", title, n->is_private ? " (private)" : "");
	struct mj_buf b = MJ_BUF_INIT;

	mj_buf_adds(&b, lead);
	if (!width || width >= TITLE_COLUMN + TITLE_ROOM) {
		mj_buf_adds(&b, "  ");
		mj_wrap(&b, text, TITLE_COLUMN, TITLE_COLUMN,
			width ? width : SIZE_MAX);
	} else { /* a narrow terminal: the title on lines of its own */
		while (b.len && b.ptr[b.len - 1] == ' ')
			b.ptr[--b.len] = '\0';
		mj_buf_adds(&b, "\n    ");
		mj_wrap(&b, text, 4, 4, width);
	}
	fputs(b.ptr, out);
	putc('\n', out);
	mj_buf_free(&b);
	free(text);
	free(title);
}

static void print_relationship(FILE *out, const struct mj_relationship *rel,
			       size_t width)
{
	const struct mj_agreement *a = &rel->agreement;
	char person[128], date[MJ_DATE_TEXT_SIZE];

	fputs(rel->slug, out);
	if (a->mentor.text) {
		fputs(": ", out);
		print_visible(out, mj_person_name(a->mentor.text, person,
						  sizeof(person)));
		fputs(" with ", out);
		for (size_t i = 0; i < a->n_mentees; i++) {
			fputs(i ? (i + 1 == a->n_mentees ? " and " : ", ") : "", out);
			print_visible(out, mj_person_name(a->mentees[i].text, person,
							  sizeof(person)));
		}
	}
	if (a->present)
		fprintf(out, " (%s, %s)", mj_type_name(a->type_value),
			mj_status_name(a->status_value));
	putc('\n', out);
	if (!rel->n_notes)
		fputs("  no sessions yet\n", out);
	for (size_t i = 0; i < rel->n_notes; i++) {
		const struct mj_note *n = &rel->notes[i];
		const char *stage = mj_stage_name(n->stage);
		const char *attendance = mj_attendance_name(n->attendance);
		char held[32] = "";

		if (n->attendance == MJ_ATTENDANCE_HELD && n->duration_minutes)
			snprintf(held, sizeof(held), " %dm", n->duration_minutes);
		char *lead = mj_xasprintf("  %-10s  %-11s  %-9s%-6s",
			mj_date_format(mj_note_effective_date(n), date),
			stage ? stage : "?", attendance ? attendance : "-", held);

		print_note(out, lead, n, width);
		free(lead);
	}
}

/* What log keeps of a relationship read: the lines it prints */
struct reader {
	struct mj_slots slots; /* a char *: the relationship's lines */
	size_t width;
};

static void reader_start(void *ctx, size_t n)
{
	struct reader *r = ctx;

	mj_slots_start(&r->slots, n, sizeof(char *));
}

static void reader_each(void *ctx, size_t slot, struct mj_relationship *rel)
{
	struct reader *r = ctx;
	char **text = mj_slots_take(&r->slots, slot);
	size_t len;
	FILE *out = mj_xmemstream(text, &len);

	print_relationship(out, rel, r->width);
	mj_xmemstream_close(out);
}

/* reads the relationships one at a time: only the lines they print are
 * kept, printed in name order once all are read */
static int run(struct mj_ctx *ctx)
{
	struct mj_journal journal;
	struct reader r = { { NULL, NULL, 0, 0 }, mj_terminal_width(stdout) };
	const struct mj_visitor visitor = { reader_start, reader_each, &r };
	char **text;
	size_t n;
	int status;

	status = mj_cli_visit(&journal, &ctx->args.operands, MJ_LOAD_TEXT,
			      &visitor);
	n = mj_slots_pack(&r.slots);
	text = r.slots.records;
	if (status == MJ_EXIT_OK) {
		mj_cli_pager();
		for (size_t i = 0; i < n; i++) {
			if (i)
				putchar('\n');
			fputs(text[i], stdout);
		}
		if (!n)
			puts("no relationships yet: mjournal new starts one");
	}
	for (size_t i = 0; i < n; i++)
		free(text[i]);
	mj_slots_free(&r.slots);
	mj_journal_free(&journal);
	return status;
}

const struct mj_command mj_cmd_log = {
	.name = "log",
	.summary = "The timeline of sessions: date, stage, attendance, duration, "
		   "title.",
	.operand = "SLUG", .operand_kind = MJ_ARG_SLUG,
	.min_operands = 0, .max_operands = 1,
	.options = mj_no_options,
	.needs = 0, /* reads the journal itself, a relationship at a time */
	.run = run,
};
