/*
 * out.c - standard output and standard error, behind the filter that
 * makes control characters visible (mj_out.h).
 */
#define _GNU_SOURCE /* fopencookie */
#include "mj_fs.h"
#include "mj_out.h"
#include "mj_util.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

struct filter {
	int fd;
	FILE *stream;
	bool raw;        /* mj_out_control is writing */
	char pending[4]; /* a character, or a CR, that the last write cut short */
	size_t n_pending;
	int terminal;    /* paged: the terminal fd was (for isatty, its size) */
	bool gone;       /* paged, and the pager has ended: output discarded */
};

static struct filter filters[2] = {
	{ .fd = STDOUT_FILENO, .terminal = -1 },
	{ .fd = STDERR_FILENO, .terminal = -1 },
};
static pid_t pager_pid = -1;

static struct filter *filter_of(FILE *f)
{
	for (size_t i = 0; i < MJ_ARRAY_SIZE(filters); i++)
		if (filters[i].stream && filters[i].stream == f)
			return &filters[i];
	return NULL;
}

/* Writes data to f's file descriptor; once a pager has ended (the user
 * quit it before the end), what is left is dropped, as git does. */
static int write_out(struct filter *f, const char *data, size_t len)
{
	if (f->gone)
		return 0;
	if (mj_fs_write_all(f->fd, data, len) == 0)
		return 0;
	if (errno != EPIPE || f->terminal < 0)
		return -1;
	f->gone = true;
	return 0;
}

/* Writes data made visible; with more, keeps back what it cuts short. */
static int write_visible(struct filter *f, const char *data, size_t len,
			 bool more)
{
	struct mj_buf in = MJ_BUF_INIT, out = MJ_BUF_INIT;
	size_t took;
	int rc;

	mj_buf_add(&in, f->pending, f->n_pending);
	mj_buf_add(&in, data, len);
	took = mj_buf_add_visible_bytes(&out, in.ptr, in.len, MJ_VISIBLE_LINES |
					MJ_VISIBLE_CRLF |
					(more ? MJ_VISIBLE_MORE : 0));
	f->n_pending = in.len - took;
	if (f->n_pending > sizeof(f->pending)) /* never: a character is 4 */
		f->n_pending = 0;
	memcpy(f->pending, in.ptr + took, f->n_pending);
	rc = write_out(f, out.ptr, out.len);
	mj_buf_free(&in);
	mj_buf_free(&out);
	return rc;
}

static ssize_t filter_write(void *cookie, const char *data, size_t len)
{
	struct filter *f = cookie;

	if (f->raw) {
		if (f->n_pending && write_visible(f, "", 0, false) < 0)
			return -1;
		return write_out(f, data, len) < 0 ? -1 : (ssize_t)len;
	}
	return write_visible(f, data, len, true) < 0 ? -1 : (ssize_t)len;
}

void mj_out_flush(void)
{
	for (size_t i = 0; i < MJ_ARRAY_SIZE(filters); i++) {
		struct filter *f = &filters[i];
		if (!f->stream)
			continue;
		fflush(f->stream);
		if (f->n_pending)
			write_visible(f, "", 0, false);
	}
}

void mj_out_init(void)
{
	cookie_io_functions_t io = { .write = filter_write };
	FILE *out, *err;

	if (filters[0].stream)
		return;
	out = fopencookie(&filters[0], "w", io);
	err = fopencookie(&filters[1], "w", io);
	if (!out || !err) {
		fputs("mjournal: out of memory\n", stderr);
		exit(2);
	}
	setvbuf(out, NULL, isatty(STDOUT_FILENO) ? _IOLBF : _IOFBF, BUFSIZ);
	setvbuf(err, NULL, _IONBF, 0);
	filters[0].stream = stdout = out;
	filters[1].stream = stderr = err;
	atexit(mj_out_flush);
}

void mj_out_control(FILE *f, const char *seq)
{
	struct filter *filter = filter_of(f);

	if (!*seq)
		return;
	if (!filter) {
		fputs(seq, f);
		return;
	}
	fflush(f);
	filter->raw = true;
	fputs(seq, f);
	fflush(f);
	filter->raw = false;
}

int mj_out_fd(FILE *f)
{
	struct filter *filter = filter_of(f);

	if (!filter)
		return fileno(f);
	return filter->terminal >= 0 ? filter->terminal : filter->fd;
}

/* At exit: the pager gets the end of its input and is waited for (the
 * exit status stays the command's). */
static void wait_for_pager(void)
{
	mj_out_flush();
	for (size_t i = 0; i < MJ_ARRAY_SIZE(filters); i++)
		if (filters[i].terminal >= 0)
			close(filters[i].fd);
	while (waitpid(pager_pid, NULL, 0) < 0 && errno == EINTR)
		;
}

/* Are standard output and standard error the same terminal. */
static bool same_terminal(void)
{
	struct stat out, err;

	return isatty(STDERR_FILENO) && fstat(STDOUT_FILENO, &out) == 0 &&
	       fstat(STDERR_FILENO, &err) == 0 && out.st_rdev == err.st_rdev;
}

int mj_out_page(const char *pager)
{
	bool both = same_terminal();
	int fds[2];

	if (pager_pid >= 0 || !isatty(STDOUT_FILENO) || pipe(fds) < 0)
		return -1;
	mj_out_flush();
	pager_pid = fork();
	if (pager_pid == 0) {
		dup2(fds[0], STDIN_FILENO);
		close(fds[0]);
		close(fds[1]);
		/* as git runs its pager: less quits when the text fits a
		 * screen, passes colours, leaves the screen as it is */
		setenv("LESS", "FRX", 0);
		setenv("LV", "-c", 0);
		execl("/bin/sh", "sh", "-c", pager, (char *)NULL);
		_exit(127);
	}
	close(fds[0]);
	if (pager_pid < 0) {
		close(fds[1]);
		return -1;
	}
	/* quitting the pager early is no error: what is left is dropped */
	signal(SIGPIPE, SIG_IGN);
	for (size_t i = 0; i < MJ_ARRAY_SIZE(filters); i++) {
		struct filter *f = &filters[i];
		if (f->fd == STDERR_FILENO && !both)
			continue;
		f->terminal = fcntl(f->fd, F_DUPFD_CLOEXEC, 3);
		dup2(fds[1], f->fd);
	}
	close(fds[1]);
	atexit(wait_for_pager);
	return 0;
}
