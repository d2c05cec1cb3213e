/*
 * mj_cli.h - what every command shares: the command table's shape, option
 * handling, messages in git's tone, and opening the journal.
 */
#ifndef MJ_CLI_H
#define MJ_CLI_H

#include "mj_journal.h"
#include "mj_validate.h"

#include <stdbool.h>
#include <stdio.h>

/* Exit status everywhere (SPEC section 4). */
enum {
	MJ_EXIT_OK = 0,
	MJ_EXIT_FAILED = 1, /* the journal fails what was asked */
	MJ_EXIT_USAGE = 2,  /* bad arguments, environment, git failure */
};

struct mj_command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *usage;   /* the synopsis after "mjournal NAME " */
	const char *summary; /* one line for mjournal --help */
	const char *help;    /* the options, one per line */
};

extern const struct mj_command mj_commands[];
extern const size_t mj_command_count;

const struct mj_command *mj_cli_command(const char *name);

/* "mjournal: <message>" on standard error; returns MJ_EXIT_USAGE. */
int mj_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "hint: <message>" on standard error. */
void mj_cli_hint(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints the command's usage and options to out. */
void mj_cli_usage(const struct mj_command *cmd, FILE *out);
/* The usage error for a bad option or argument; returns MJ_EXIT_USAGE. */
int mj_cli_bad_usage(const char *command);

/*
 * Handles the options every command takes: -C DIR (chdir) and --help.
 * Returns -1 when the option was handled and the command must stop with
 * *status, 0 when it was handled and parsing goes on, 1 when not ours.
 */
int mj_cli_common_option(const char *command, int opt, const char *arg,
			 int *status);

/* --format for commands that print text or JSON: sets *json; else an error. */
int mj_cli_format_json(const char *arg, bool *json);

/* Should output to f be coloured: a terminal, and NO_COLOR unset. */
bool mj_cli_color(FILE *f);
/* Today (MJOURNAL_TODAY or the system date); prints an error on failure. */
int mj_cli_today(mj_date *out);
/* Parses a --date style argument; prints an error on failure. */
int mj_cli_parse_date(const char *option, const char *text, mj_date *out);

/* Finds the journal root from the current folder; prints why not. */
int mj_cli_find_root(char **root);
/*
 * Finds and reads the journal from the working tree (slugs: all when NULL
 * or empty; flags: as mj_journal_load).  Refuses a slug that names no relationship.  Returns
 * MJ_EXIT_OK or an exit status after printing why.
 */
int mj_cli_load(struct mj_journal *out, const struct mj_strvec *slugs,
		unsigned flags);

/* Finds the journal and reads only its settings; as mj_cli_load. */
int mj_cli_open(struct mj_journal *out);

struct mj_repo;

/* Does a writing command need git always, or only when it commits. */
enum mj_writer { MJ_WRITER_GIT, MJ_WRITER_AUTOCOMMIT };

/*
 * What a command that writes needs first: the journal's settings, its
 * repository and an identity to commit with (always, or only when the
 * journal's autocommit is on; else *repo is NULL), and the journal's lock
 * (*lock).  Returns MJ_EXIT_OK or the exit status after printing why; the
 * caller frees what it got in any case.
 */
int mj_cli_open_writer(struct mj_journal *journal, enum mj_writer mode,
		       struct mj_repo **repo, int *lock);

/*
 * Takes the journal's write lock, waiting up to MJOURNAL_LOCK_WAIT seconds
 * (default 5) for another writer; prints "journal is busy" when it cannot.
 */
int mj_cli_lock(const char *root, int *fd);

#endif
