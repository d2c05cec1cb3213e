/*
 * cmd_new.c - mjournal new: start a relationship from the agreement template.
 */
#include "mj_cli.h"
#include "mj_commands.h"
#include "mj_git.h"
#include "mj_template.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Longest person value that keeps "mentee = " lines inside inih's limit. */
#define PERSON_MAX 150

static int check_person(const char *option, const char *person)
{
	if (!*person || strlen(person) > PERSON_MAX)
		return mj_cli_error("%s must be 1 to %d characters", option,
				    PERSON_MAX);
	for (const char *p = person; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == ';')
			return mj_cli_error("%s may not hold line breaks, control "
					    "characters or ';': '%s'", option,
					    person);
	return 0;
}

struct new_args {
	const char *slug;
	const char *mentor;
	struct mj_strvec mentees;
	const char *type;
	mj_date started, ends;
	const char *cadence;
};

/* 0 to go on; non-zero to stop with *status (after --help or a bad argument). */
static int parse_args(int argc, char **argv, struct new_args *a,
		      int *status)
{
	static const struct option options[] = {
		{ "mentor", required_argument, NULL, 'm' },
		{ "mentee", required_argument, NULL, 'e' },
		{ "type", required_argument, NULL, 't' },
		{ "started", required_argument, NULL, 's' },
		{ "ends", required_argument, NULL, 'E' },
		{ "cadence", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *ends = NULL;
	int opt, days;

	*status = MJ_EXIT_USAGE;
	while ((opt = getopt_long(argc, argv, "C:h", options, NULL)) != -1) {
		int common = mj_cli_common_option("new", opt, optarg, status);
		if (common < 0)
			return -1;
		if (common == 0)
			continue;
		switch (opt) {
		case 'm':
			a->mentor = optarg;
			break;
		case 'e':
			mj_strvec_push(&a->mentees, optarg);
			break;
		case 't':
			a->type = optarg;
			break;
		case 's':
			if (mj_cli_parse_date("--started", optarg, &a->started) < 0)
				return -1;
			break;
		case 'E':
			ends = optarg;
			break;
		case 'c':
			a->cadence = optarg;
			break;
		}
	}
	if (optind + 1 != argc)
		return mj_cli_bad_usage("new");
	a->slug = argv[optind];
	if (!mj_slug_is_valid(a->slug) || mj_journal_name_is_reserved(a->slug))
		return mj_cli_error("'%s' is not a valid relationship name: use "
				    "lower-case letters, digits and '-', at most "
				    "63, like sam-with-alex", a->slug);
	if (!a->mentor || !a->mentees.len)
		return mj_cli_error("a relationship needs --mentor and at least "
				    "one --mentee ('Name <email>')");
	if (check_person("--mentor", a->mentor) != 0)
		return -1;
	for (size_t i = 0; i < a->mentees.len; i++)
		if (check_person("--mentee", a->mentees.items[i]) != 0)
			return -1;
	if (!a->type)
		a->type = a->mentees.len > 1 ? "group" : "one-to-one";
	if (mj_type_from_name(a->type) < 0)
		return mj_cli_error("unknown --type '%s'; use one-to-one, group, "
				    "peer or reverse", a->type);
	if (a->mentees.len > 1 && strcmp(a->type, "group"))
		return mj_cli_error("%zu mentees make a group relationship; use "
				    "--type group", a->mentees.len);
	if (a->started == MJ_DATE_NONE && mj_cli_today(&a->started) < 0)
		return -1;
	a->ends = mj_date_add_months(a->started, 6);
	if (ends && mj_cli_parse_date("--ends", ends, &a->ends) < 0)
		return -1;
	if (a->ends <= a->started)
		return mj_cli_error("--ends must come after --started: mentoring "
				    "runs for a term");
	if (!a->cadence)
		a->cadence = "14d";
	if (mj_cadence_parse(&days, a->cadence) < 0)
		return mj_cli_error("--cadence must be Nd or Nw, like 14d or 2w, "
				    "not '%s'", a->cadence);
	return 0;
}

static char *agreement_text(const char *root, const struct new_args *a)
{
	char started[MJ_DATE_TEXT_SIZE], ends[MJ_DATE_TEXT_SIZE];
	char review[MJ_DATE_TEXT_SIZE];
	struct mj_buf mentees = MJ_BUF_INIT;
	char *template = mj_template_load(root, "agreement.ini");
	char *text;

	for (size_t i = 0; i < a->mentees.len; i++)
		mj_buf_addf(&mentees, "%smentee = %s", i ? "\n" : "",
			    a->mentees.items[i]);
	mj_date_format(a->started, started);
	mj_date_format(a->ends, ends);
	mj_date_format(a->started + (a->ends - a->started) / 2, review);
	text = mj_template_fill(template, (const char *const[]){
		"mentor", a->mentor, "mentees", mentees.ptr, "type", a->type,
		"started", started, "ends", ends, "cadence", a->cadence,
		"review", review, "slug", a->slug, NULL });
	mj_buf_free(&mentees);
	free(template);
	return text;
}

int cmd_new(int argc, char **argv)
{
	struct new_args a = { .started = MJ_DATE_NONE };
	struct mj_journal journal;
	struct mj_repo *repo = NULL;
	struct mj_strvec paths = MJ_STRVEC_INIT;
	char *dir = NULL, *path = NULL, *text = NULL, *message = NULL;
	const char *owner;
	bool committed;
	int lock = -1, status;

	memset(&journal, 0, sizeof(journal));
	if (parse_args(argc, argv, &a, &status) != 0)
		goto done;
	if ((status = mj_cli_open_writer(&journal, MJ_WRITER_AUTOCOMMIT, &repo,
					 &lock)) != MJ_EXIT_OK)
		goto done;
	status = MJ_EXIT_USAGE;
	owner = journal.config.owner.text;
	dir = mj_path_join(journal.root, a.slug);
	if (mj_fs_exists(dir)) {
		mj_cli_error("'%s' already exists; choose another name", a.slug);
		goto done;
	}
	if (mkdir(dir, 0755) < 0) {
		mj_cli_error("cannot make '%s': %s", dir, strerror(errno));
		goto done;
	}
	text = agreement_text(journal.root, &a);
	path = mj_path_join(dir, "agreement.ini");
	if (mj_fs_write_new(path, text, strlen(text)) < 0) {
		mj_cli_error("cannot write '%s': %s", path, strerror(errno));
		rmdir(dir);
		goto done;
	}
	if (repo) {
		mj_strvec_push_owned(&paths, mj_xasprintf("%s/agreement.ini",
							  a.slug));
		message = mj_xasprintf("%s: start relationship\n", a.slug);
		if (mj_git_commit_paths(repo, &paths, message, owner,
					&committed) < 0) {
			mj_cli_error("%s", mj_git_error());
			unlink(path);
			rmdir(dir);
			goto done;
		}
	}
	printf("Started %s: %s/agreement.ini\n", a.slug, a.slug);
	printf("Next: agree the goals and sign the agreement, then mjournal "
	       "note %s\n", a.slug);
	status = MJ_EXIT_OK;
done:
	mj_fs_unlock(lock);
	mj_git_free(repo);
	mj_journal_free(&journal);
	mj_strvec_free(&paths);
	mj_strvec_free(&a.mentees);
	free(dir);
	free(path);
	free(text);
	free(message);
	return status;
}
