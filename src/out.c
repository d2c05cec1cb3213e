/*
 * out.c - standard output and standard error, behind the filter that
 * makes control characters visible (mj_out.h).
 */
#define _GNU_SOURCE /* fopencookie */
#include "mj_fs.h"
#include "mj_out.h"
#include "mj_util.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct filter {
	int fd;
	FILE *stream;
	bool raw;        /* mj_out_control is writing */
	char pending[4]; /* a character, or a CR, that the last write cut short */
	size_t n_pending;
};

static struct filter filters[2] = { { .fd = STDOUT_FILENO },
				    { .fd = STDERR_FILENO } };

static struct filter *filter_of(FILE *f)
{
	for (size_t i = 0; i < MJ_ARRAY_SIZE(filters); i++)
		if (filters[i].stream && filters[i].stream == f)
			return &filters[i];
	return NULL;
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
	rc = mj_fs_write_all(f->fd, out.ptr, out.len);
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
		return mj_fs_write_all(f->fd, data, len) < 0 ? -1 : (ssize_t)len;
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
	return filter ? filter->fd : fileno(f);
}
