/*
 * cmd_hours.c - mjournal hours: practice hours from held sessions, the
 * evidence a mentor keeps for accreditation.
 */
#include "mj_cli.h"
#include "mj_commands.h"
#include "mj_json.h"
#include "mj_table.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

enum format { FORMAT_TEXT, FORMAT_CSV, FORMAT_MD, FORMAT_JSON };

/* A CSV field, quoted when it holds a comma, a quote or a line break. */
static void csv_field(const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, stdout);
		return;
	}
	putchar('"');
	for (; *s; s++) {
		if (*s == '"')
			putchar('"');
		putchar(*s);
	}
	putchar('"');
}

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
		{ "RELATIONSHIP", 10, 0, false },
		{ "TYPE", 0, 1, false },
		{ "SESSIONS", 0, 0, true },
		{ "MENTEES", 0, 0, true },
		{ "HOURS", 0, 0, true },
	};
	struct mj_table *table = format == FORMAT_TEXT ?
		mj_table_new(columns, MJ_ARRAY_SIZE(columns)) : NULL;
	int minutes = 0, sessions = 0;
	char hours[16], count[16], mentees[16];

	if (format == FORMAT_CSV)
		puts("relationship,type,sessions,mentees,hours");
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
			csv_field(slug);
			printf(",%s,%s,%s,%s\n", type, count, mentees, hours);
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

int cmd_hours(int argc, char **argv)
{
	static const struct option options[] = {
		{ "since", required_argument, NULL, 's' },
		{ "until", required_argument, NULL, 'u' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const formats[] = { "text", "csv", "md", "json" };
	struct mj_journal journal;
	struct mj_hours_row *rows;
	struct mj_strvec everyone = MJ_STRVEC_INIT;
	mj_date since = MJ_DATE_NONE, until = MJ_DATE_NONE;
	enum format format = FORMAT_TEXT;
	size_t n = 0;
	int opt, status = MJ_EXIT_USAGE;

	while ((opt = getopt_long(argc, argv, "C:h", options, NULL)) != -1) {
		int common = mj_cli_common_option("hours", opt, optarg, &status);
		if (common < 0)
			return status;
		if (common == 0)
			continue;
		if (opt == 's' && mj_cli_parse_date("--since", optarg, &since) < 0)
			return MJ_EXIT_USAGE;
		if (opt == 'u' && mj_cli_parse_date("--until", optarg, &until) < 0)
			return MJ_EXIT_USAGE;
		if (opt == 'f') {
			size_t f = 0;
			while (f < MJ_ARRAY_SIZE(formats) && strcmp(formats[f], optarg))
				f++;
			if (f == MJ_ARRAY_SIZE(formats))
				return mj_cli_error("unknown --format '%s'; use text, "
						    "csv, md or json", optarg);
			format = (enum format)f;
		}
	}
	if (optind < argc)
		return mj_cli_bad_usage("hours");
	if (since != MJ_DATE_NONE && until != MJ_DATE_NONE && until < since)
		return mj_cli_error("--until comes before --since");
	status = mj_cli_load(&journal, NULL, 0);
	if (status != MJ_EXIT_OK)
		return status;

	rows = mj_xcalloc(journal.n_relationships + 1, sizeof(*rows));
	for (size_t i = 0; i < journal.n_relationships; i++) {
		struct mj_hours_row *row = &rows[n];
		row->rel = &journal.relationships[i];
		mj_hours_compute(row->rel, since, until, &row->hours);
		if (!row->hours.sessions) {
			mj_hours_free(&row->hours);
			continue;
		}
		for (size_t k = 0; k < row->hours.mentees.len; k++)
			if (!mj_strvec_contains(&everyone, row->hours.mentees.items[k]))
				mj_strvec_push(&everyone, row->hours.mentees.items[k]);
		n++;
	}
	if (format == FORMAT_JSON)
		mj_json_print_hours(stdout, rows, n, since, until, (int)everyone.len);
	else
		print_rows(rows, n, format, (int)everyone.len);
	for (size_t i = 0; i < n; i++)
		mj_hours_free(&rows[i].hours);
	free(rows);
	mj_strvec_free(&everyone);
	mj_journal_free(&journal);
	return MJ_EXIT_OK;
}
