/*
 * mj_command.h - what a command is: one descriptor per command, kept beside
 * its code, from which its options are parsed, its help is written, its
 * mistakes are named and its words are completed.
 *
 * Parsing is pure: argv and a descriptor in, parsed values or an error's
 * words out.  Setting up what a command needs (the journal, the lock) is
 * mj_cli.h's work.
 */
#ifndef MJ_COMMAND_H
#define MJ_COMMAND_H

#include "mj_date.h"
#include "mj_util.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* What an option's value or an operand is: how it is checked and completed. */
enum mj_arg {
	MJ_ARG_NONE,     /* a flag: no value */
	MJ_ARG_TEXT,     /* free text */
	MJ_ARG_DATE,     /* YYYY-MM-DD, checked while parsing */
	MJ_ARG_CHOICE,   /* one of the words in choices, checked while parsing */
	MJ_ARG_SLUG,     /* a relationship of the journal */
	MJ_ARG_ACTIVE,   /* a relationship that is still active */
	MJ_ARG_PERSON,   /* 'Name <email>' */
	MJ_ARG_NAME,     /* a person's name, or its first word */
	MJ_ARG_FILE,
	MJ_ARG_DIR,
	MJ_ARG_REMOTE,   /* a git remote */
	MJ_ARG_COMMAND,  /* one of mjournal's commands */
	MJ_ARG_NOTE,     /* a note of the relationship named before it: its
			  * date or its file name */
};

/* Option flags. */
enum {
	MJ_OPT_REPEAT = 1,   /* may be given more than once; every value kept */
	MJ_OPT_REQUIRED = 2, /* shown without brackets in the usage line */
	MJ_OPT_OUTSIDE = 4,  /* given, the command works outside any journal:
			      * of its needs, only today's date is set up */
};

struct mj_option {
	const char *name;     /* the long name, without "--" */
	char short_name;      /* 0: none */
	enum mj_arg kind;
	const char *arg;      /* the value's name in help, "DATE" */
	const char *choices;  /* MJ_ARG_CHOICE: "text json", the first the default */
	const char *help;     /* one sentence, wrapped when printed */
	unsigned flags;
};

/* What a command needs before it runs (mj_cli_run sets it up). */
enum {
	MJ_NEED_TODAY = 1,   /* today's date (MJOURNAL_TODAY or the clock) */
	MJ_NEED_JOURNAL = 2, /* the journal's settings */
	MJ_NEED_MODEL = 4,   /* the journal read (only the slugs operands name) */
	MJ_NEED_TEXT = 8,    /* with titles and action texts (MJ_LOAD_TEXT) */
	MJ_NEED_WRITER = 16, /* the lock, and a repository when it commits */
	MJ_NEED_GIT = 32,    /* with MJ_NEED_WRITER: a repository always */
};

struct mj_ctx;

struct mj_command {
	const char *name;
	const char *summary;     /* one sentence for mjournal --help */
	const char *operand;     /* the operands' name in help, "SLUG"; or NULL */
	enum mj_arg operand_kind;
	const char *operand_choices; /* MJ_ARG_CHOICE: the words allowed */
	unsigned min_operands, max_operands; /* max 0: none; UINT_MAX: any */
	unsigned slug_operands;  /* MJ_ARG_SLUG: how many leading operands
				  * are slugs, the rest free text (0: all) */
	enum mj_arg rest_kind;   /* what the operands after those are (for
				  * completion); MJ_ARG_NONE: free text */
	const struct mj_option *options; /* ends with a NULL name */
	unsigned needs;
	int (*run)(struct mj_ctx *ctx);
	bool hidden;             /* not listed (the completion helper) */
};

/* The options every command takes, after its own. */
extern const struct mj_option mj_common_options[];
/* The options of a command that has none of its own. */
extern const struct mj_option mj_no_options[];

/* The end of an options table, and the option many commands share. */
#define MJ_OPTIONS_END { NULL, 0, MJ_ARG_NONE, NULL, NULL, NULL, 0 }
#define MJ_OPTION_FORMAT_JSON { "format", 0, MJ_ARG_CHOICE, "FORMAT", \
	"text json", "text (default) or json", 0 }

/* What parsing found: values by option, then the operands. */
#define MJ_MAX_OPTIONS 16
struct mj_args {
	const struct mj_command *cmd;
	bool given[MJ_MAX_OPTIONS];
	const char *value[MJ_MAX_OPTIONS];      /* the last value given */
	struct mj_strvec values[MJ_MAX_OPTIONS]; /* MJ_OPT_REPEAT: all of them */
	mj_date date[MJ_MAX_OPTIONS];           /* MJ_ARG_DATE, parsed */
	struct mj_strvec operands;
	bool help;                              /* -h or --help */
	const char *chdir;                      /* -C DIR, the last one */
};

/*
 * Parses argv (argv[0] the command's name) against cmd.  Options and
 * operands may mix; "--" ends the options.  Returns 0, or -1 with the
 * reason in err ("unknown option '--titel'; did you mean '--title'?").
 */
int mj_args_parse(struct mj_args *out, const struct mj_command *cmd, int argc,
		  char *const *argv, struct mj_buf *err);
/* mj_args_parse in two steps: the words read (options checked), then the
 * operands counted, so that a relationship the current folder gives can
 * be put in between (mj_cli_run); each -1 with the reason in err. */
int mj_args_read(struct mj_args *out, const struct mj_command *cmd, int argc,
		 char *const *argv, struct mj_buf *err);
int mj_args_check(const struct mj_args *args, struct mj_buf *err);
/* Are cmd's operands relationships (MJ_ARG_SLUG or MJ_ARG_ACTIVE). */
bool mj_command_takes_relationship(const struct mj_command *cmd);
void mj_args_free(struct mj_args *args);

/* The option's value by its long name (NULL when not given). */
const char *mj_arg_value(const struct mj_args *args, const char *name);
bool mj_arg_given(const struct mj_args *args, const char *name);
/* MJ_ARG_DATE: the date given, or otherwise. */
mj_date mj_arg_date(const struct mj_args *args, const char *name,
		    mj_date otherwise);
/* MJ_OPT_REPEAT: every value given, in order. */
const struct mj_strvec *mj_arg_values(const struct mj_args *args,
				      const char *name);
/* MJ_ARG_CHOICE: the index of the value in choices (0 when not given). */
int mj_arg_choice(const struct mj_args *args, const char *name);
/* The option named name in cmd (or the common ones), or NULL. */
const struct mj_option *mj_command_option(const struct mj_command *cmd,
					  const char *name);

/*
 * The word of words (NULL-terminated) nearest to typo, as "did you mean"
 * offers it: within two edits (a swap of neighbours is one) and closer than
 * half the word; or NULL.
 */
const char *mj_suggest(const char *typo, const char *const *words);

/* The usage line, "mjournal note SLUG [--date DATE] ...", unwrapped. */
char *mj_command_usage(const struct mj_command *cmd);
/* "usage: mjournal note SLUG [--date DATE] ...\n" wrapped to width
 * columns, its next lines under the first operand: the help's first line
 * and the usage shown with a mistake, laid out alike. */
void mj_command_usage_lines(const struct mj_command *cmd, size_t width,
			    struct mj_buf *b);
/* The whole help, wrapped to width columns. */
void mj_command_help(const struct mj_command *cmd, size_t width, FILE *out);
/* mjournal --help: the commands and their summaries, wrapped to width. */
void mj_commands_help(const struct mj_command *const *cmds, size_t width,
		      FILE *out);
#endif
