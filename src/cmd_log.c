/*
 * cmd_log.c - mjournal log: the timeline of sessions.
 */
#include "mj_cli.h"
#include "mj_commands.h"

#include <getopt.h>
#include <string.h>

static void print_relationship(const struct mj_relationship *rel)
{
	const struct mj_agreement *a = &rel->agreement;
	char person[128], date[MJ_DATE_TEXT_SIZE];

	printf("%s", rel->slug);
	if (a->mentor.text) {
		printf(": %s with ", mj_person_name(a->mentor.text, person,
						    sizeof(person)));
		for (size_t i = 0; i < a->n_mentees; i++)
			printf("%s%s", i ? (i + 1 == a->n_mentees ? " and " : ", ") :
			       "", mj_person_name(a->mentees[i].text, person,
						  sizeof(person)));
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
		printf("  %-10s  %-11s  %-9s%-6s  %s%s\n",
		       mj_date_format(mj_note_effective_date(n), date),
		       stage ? stage : "?", attendance ? attendance : "-", held,
		       n->title ? n->title : n->name,
		       n->is_private ? " (private)" : "");
	}
}

int cmd_log(int argc, char **argv)
{
	static const struct option options[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct mj_journal journal;
	struct mj_strvec only = MJ_STRVEC_INIT;
	int opt, status = MJ_EXIT_USAGE;

	while ((opt = getopt_long(argc, argv, "C:h", options, NULL)) != -1) {
		int common = mj_cli_common_option("log", opt, optarg, &status);
		if (common < 0)
			return status;
	}
	if (optind + 1 < argc)
		return mj_cli_bad_usage("log");
	if (optind < argc)
		mj_strvec_push(&only, argv[optind]);
	status = mj_cli_load(&journal, &only, MJ_LOAD_TEXT);
	mj_strvec_free(&only);
	if (status != MJ_EXIT_OK)
		return status;
	for (size_t i = 0; i < journal.n_relationships; i++) {
		if (i)
			putchar('\n');
		print_relationship(&journal.relationships[i]);
	}
	if (!journal.n_relationships)
		puts("no relationships yet: mjournal new starts one");
	mj_journal_free(&journal);
	return MJ_EXIT_OK;
}
