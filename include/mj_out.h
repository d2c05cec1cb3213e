/*
 * mj_out.h - the one way to the terminal: standard output and standard
 * error pass through a filter that makes control characters visible.
 *
 * Whatever a journal, a remote, a spreadsheet or libgit2 holds may reach a
 * message, a table or a document mjournal writes to standard output or
 * error, through any printf.  Rather than trusting every call to format
 * it, mj_out_init puts a filter under stdout and stderr themselves (as
 * OpenSSH's fmprintf, but at the stream): every byte written through
 * stdio goes through mj_buf_add_visible_bytes, so ESC, BEL, CR, DEL and
 * the C1 controls arrive as ^[, ^G, ^M, ^? and \x9b.  Newline and tab
 * stay, and so does a CR before LF (the line end of CSV and of a
 * calendar feed).  The only other control bytes that reach the terminal
 * are the ones mjournal composes itself, through mj_out_control.
 */
#ifndef MJ_OUT_H
#define MJ_OUT_H

#include <stdio.h>

/*
 * Puts the filter under stdout and stderr (the first thing main does);
 * standard output stays line-buffered on a terminal, fully buffered
 * elsewhere, standard error unbuffered.
 */
void mj_out_init(void);

/*
 * Writes seq, a terminal control mjournal composed (a colour, the CR that
 * rewrites a progress line), to f as it is, after what f holds.  Never
 * give it text that came from elsewhere.
 */
void mj_out_control(FILE *f, const char *seq);

/* Writes everything stdout and stderr hold, a character the filter was
 * keeping back included (before the pager sees the end of its input). */
void mj_out_flush(void);

/* The file descriptor of the terminal under f, for isatty and its size:
 * 1 and 2 for stdout and stderr, or the terminal they were on before
 * they were paged. */
int mj_out_fd(FILE *f);

/*
 * Sends what is written to standard output from now on through pager, a
 * shell command, when standard output is a terminal; standard error too
 * when it is the same terminal (as git pages both), so that a summary
 * written on standard error comes after what standard output said.
 * Tables and messages are still fitted to the terminal (mj_out_fd).  The
 * pager runs with LESS=FRX and LV=-c unless they are set.  Once it ends
 * (the user quit before the end), what is left is dropped without an
 * error; at exit the pager gets the end of its input and is waited for,
 * and the exit status stays the command's.  0, or -1 when there is no
 * terminal or the pager cannot be started (the output goes on as before).
 */
int mj_out_page(const char *pager);

#endif
