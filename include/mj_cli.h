/*
 * mj_cli.h - what every command shares: the command table's shape, option
 * handling, messages in git's tone, and opening the journal.
 */
#ifndef MJ_CLI_H
#define MJ_CLI_H

#include "mj_command.h"
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

/* What a command receives, set up from its descriptor's needs. */
struct mj_ctx {
	const struct mj_command *cmd;
	struct mj_args args;
	mj_date today;              /* MJ_NEED_TODAY */
	struct mj_journal journal;  /* MJ_NEED_JOURNAL: settings; MJ_NEED_MODEL: read */
	struct mj_repo *repo;       /* MJ_NEED_WRITER, when it commits; else NULL */
	int lock;                   /* MJ_NEED_WRITER: the journal's lock; else -1 */
};

/* Every command, in the order mjournal --help lists them; NULL ends it. */
extern const struct mj_command *const mj_commands[];

/* The command named name, or NULL. */
const struct mj_command *mj_cli_command(const char *name);
/*
 * Runs cmd with argv (argv[0] its name): parses the arguments from its
 * descriptor (or prints its help), sets up what it needs, runs it, and
 * frees what was set up.  Returns the exit status.
 */
int mj_cli_run(const struct mj_command *cmd, int argc, char **argv);
/* The width help and tables are written for on out: the terminal's, else 80. */
size_t mj_cli_width(FILE *out);

/*
 * Messages, and any line that quotes what a journal, a remote or libgit2
 * holds, are formatted first and then written with every control
 * character but newline and tab made visible (mj_buf_add_visible), as a
 * whole: a name, a title or a server's words cannot move the cursor, set
 * the terminal's title or write its clipboard.
 */
/* "mjournal: <message>" on standard error; returns MJ_EXIT_USAGE. */
int mj_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "hint: <message>" on standard error. */
void mj_cli_hint(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A sentence (no newline at its end) on standard output, made visible
 * and, on a terminal, wrapped between words as a message is. */
void mj_cli_tell(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* fmt's text on out, made visible (newlines and tabs stay). */
void mj_cli_print(FILE *out, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Sends the rest of standard output (and standard error, when it is the
 * same terminal) through a pager when it is a terminal, as git does
 * (mj_out_page): MJOURNAL_PAGER, else git's core.pager, else PAGER, else
 * less.  An empty value or "cat" means none, and so does --no-pager
 * (mj_cli_no_pager).
 */
void mj_cli_pager(void);
/* mjournal --no-pager: mj_cli_pager starts none. */
void mj_cli_no_pager(void);

/* Should output to f be coloured: a terminal, and NO_COLOR unset. */
bool mj_cli_color(FILE *f);

/*
 * Says why the journal's path rel (under root; a file when want is
 * MJ_KIND_FILE, a folder when MJ_KIND_DIR) could not be used for doing
 * ("read", "write"), from errno: a symbolic link on the way, or something
 * other than a folder before rel or than want at it, is named with what to
 * do.  Returns MJ_EXIT_USAGE.
 */
int mj_cli_journal_error(const char *root, const char *rel,
			 enum mj_file_kind want, const char *doing);

/* The template name for the journal at root (mj_template_load); -1 after
 * saying why the journal's own copy cannot be used. */
int mj_cli_template(const char *root, const char *name, char **out);

/*
 * For a command that reads first and writes only with some options
 * (actions --done): the repository when the journal commits by itself,
 * the lock, what killed runs began finished, and the journal read again
 * under the lock (flags as mj_journal_load).  MJ_EXIT_OK, or the exit
 * status after saying why.
 */
int mj_cli_become_writer(struct mj_ctx *ctx, unsigned flags);

/*
 * For a command that makes journals (import --split): ctx set up as the
 * writer of the journal at root, as MJ_NEED_WRITER | MJ_NEED_GIT sets it
 * up from the current folder (settings, repository, identity, lock).
 * MJ_EXIT_OK, or the exit status after saying why; mj_cli_release frees
 * what it got in any case.
 */
int mj_cli_writer_at(struct mj_ctx *ctx, const char *root);
/* What the set-up of ctx took (lock, repository, journal) released and
 * freed; ctx can be set up again. */
void mj_cli_release(struct mj_ctx *ctx);

/* Finds the journal root from the current folder; prints why not. */
int mj_cli_find_root(char **root);
/*
 * Finds and reads the journal from the working tree (slugs: all when NULL
 * or empty; flags: as mj_journal_load).  Refuses a slug that names no relationship.  Returns
 * MJ_EXIT_OK or an exit status after printing why.
 */
int mj_cli_load(struct mj_journal *out, const struct mj_strvec *slugs,
		unsigned flags);
/* The same, each relationship given to visitor (mj_journal_visit). */
int mj_cli_visit(struct mj_journal *out, const struct mj_strvec *slugs,
		 unsigned flags, const struct mj_visitor *visitor);

/*
 * What check finds in each relationship, as the journal is read one
 * relationship at a time (check, commit): mj_cli_findings_init gives the
 * visitor; mj_cli_findings_take appends the journal's own findings, then
 * every relationship's, to out, and the notes private by their front
 * matter to private.
 */
struct mj_cli_findings {
	struct mj_slots slots; /* findings and notes private by front matter */
	size_t read;           /* relationships read, once taken */
	struct mj_validate_options vopts;
};
void mj_cli_findings_init(struct mj_cli_findings *findings, mj_date today,
			  struct mj_visitor *visitor);
void mj_cli_findings_take(struct mj_cli_findings *findings,
			  const struct mj_journal *journal,
			  struct mj_diags *out, struct mj_strvec *private);
void mj_cli_findings_free(struct mj_cli_findings *findings);

/*
 * Takes the journal's write lock, waiting up to MJOURNAL_LOCK_WAIT seconds
 * (default 5) for another writer; prints "journal is busy" when it cannot,
 * and names a lock that is a link or not a file.  A lock whose holder was
 * killed is taken over, with a message.  A sync that was interrupted while
 * it brought files in is then finished or undone (mj_git_sync_recover),
 * with a message; then what a killed run began (the plans mj_plan_start
 * and mj_cli_apply write first) is finished, or undone when it had not
 * reached its plan.  When either fails, the lock is released (*fd is -1)
 * and -1 returned.
 */
int mj_cli_lock(const struct mj_journal *journal, int *fd);
/* For a reader that shows what is committed (status): an interrupted
 * sync in the journal of the current folder is finished or undone first,
 * under the lock, as a writer would; silent when there is none. */
void mj_cli_finish_sync(void);

struct mj_report;
struct mj_report_output;
/*
 * A report's pages written into dir (made when missing): a folder of the
 * journal at root, or the user's own path when root is NULL; each page as
 * it is made, a page already holding its bytes left as it is, and a page
 * built from the same inputs kept (mj_report_output).  The first failure
 * is said, and no page written after it.
 */
struct mj_cli_pages {
	int fd;
	const char *root, *dir;
	struct mj_fs_parts parts; /* a page being written in parts */
	int status;   /* MJ_EXIT_OK until a page cannot be written */
	size_t kept;  /* pages kept as they were */
};
/* Opens dir and sets out up to write there; the exit status so far. */
int mj_cli_pages_open(struct mj_cli_pages *pages,
		      struct mj_report_output *out, const char *root,
		      const char *dir);
/* The exit status: MJ_EXIT_OK when every page was written. */
int mj_cli_pages_close(struct mj_cli_pages *pages);
/* Writes a report's pages, all made already, into dir as above; an exit
 * status. */
int mj_cli_write_pages(const struct mj_report *report, const char *root,
		       const char *dir);

/* A file a command rewrites: the text it read and the text it writes. */
struct mj_edit {
	const char *file; /* relative to the journal root */
	const char *old;  /* as read before the edit; NULL: a new file */
	size_t old_len;
	const char *text;
	size_t len;
	bool private;     /* a private note: written, never committed */
};

/*
 * Writes each edit's file atomically and commits them with message when
 * the journal commits by itself; nothing is written when a file is no
 * longer what was read, and what was written is put back when writing or
 * the commit fails.  Takes the journal's lock (and opens git) unless the
 * command holds them already.  A private note (by its name, or marked
 * private) is written and never committed.  Returns MJ_EXIT_OK, or an
 * exit status after saying why; *committed tells whether a commit was
 * made.
 */
int mj_cli_apply(struct mj_ctx *ctx, const struct mj_edit *edits, size_t n,
		 const char *message, bool *committed);

/*
 * Refuses to go on over work not committed: names (on standard error)
 * each change git sees in the journal's folder folder (NULL: the whole
 * journal), private notes and mjournal's own files aside, under "WHAT has
 * changes that are not committed:", then hint.  MJ_EXIT_OK when there is
 * none, MJ_EXIT_FAILED after naming them, MJ_EXIT_USAGE when git fails.
 */
int mj_cli_refuse_uncommitted(struct mj_repo *repo, const char *folder,
			      const char *hint);

#endif
