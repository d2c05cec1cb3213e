/*
 * cmd_log.c - mjournal log: the timeline of sessions.
 */
#include "mj_cli.h"
#include "mj_commands.h"

#include <stdlib.h>
#include <string.h>

/* Prints text from the journal's files, its control characters visible. */
static void print_visible(const char *text)
{
	char *v = mj_visible(text, false);
	fputs(v, stdout);
	free(v);
}

static void print_relationship(const struct mj_relationship *rel)
{
	const struct mj_agreement *a = &rel->agreement;
	char person[128], date[MJ_DATE_TEXT_SIZE];

	printf("%s", rel->slug);
	if (a->mentor.text) {
		fputs(": ", stdout);
		print_visible(mj_person_name(a->mentor.text, person, sizeof(person)));
		fputs(" with ", stdout);
		for (size_t i = 0; i < a->n_mentees; i++) {
			fputs(i ? (i + 1 == a->n_mentees ? " and " : ", ") : "", stdout);
			print_visible(mj_person_name(a->mentees[i].text, person,
						     sizeof(person)));
		}
	}
	if (a->present)
		printf(" (%s, %s)", mj_type_name(a->type_value),
		       mj_status_name(a->status_value));
	putchar('\n');
	if (!rel->n_notes)
		puts("  no sessions yet");
	for (size_t i = 0; i < rel->n_notes; i++) {
		const struct mj_note *n = &rel->notes[i];
		const char *stage = mj_stage_name(n->stage);
		const char *attendance = mj_attendance_name(n->attendance);
		char held[32] = "";

		if (n->attendance == MJ_ATTENDANCE_HELD && n->duration_minutes)
			snprintf(held, sizeof(held), " %dm", n->duration_minutes);
		printf("  %-10s  %-11s  %-9s%-6s  ",
		       mj_date_format(mj_note_effective_date(n), date),
		       stage ? stage : "?", attendance ? attendance : "-", held);
		print_visible(n->title ? n->title : n->name);
		puts(n->is_private ? " (private)" : "");
	}
}

static int run(struct mj_ctx *ctx)
{
	const struct mj_journal *journal = &ctx->journal;

	mj_cli_pager();
	for (size_t i = 0; i < journal->n_relationships; i++) {
		if (i)
			putchar('\n');
		print_relationship(&journal->relationships[i]);
	}
	if (!journal->n_relationships)
		puts("no relationships yet: mjournal new starts one");
	return MJ_EXIT_OK;
}

const struct mj_command mj_cmd_log = {
	.name = "log",
	.summary = "The timeline of sessions: date, stage, attendance, duration, "
		   "title.",
	.operand = "SLUG", .operand_kind = MJ_ARG_SLUG,
	.min_operands = 0, .max_operands = 1,
	.options = mj_no_options,
	.needs = MJ_NEED_MODEL | MJ_NEED_TEXT,
	.run = run,
};
