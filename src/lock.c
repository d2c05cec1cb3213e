/*
 * lock.c - the journal's lock, git's lock files, and who holds them.
 */
#define _GNU_SOURCE 1
#include "mj_lock.h"
#include "mj_fs.h"
#include "mj_util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* What a host name in a lock may hold: nothing a terminal would act on. */
static const char host_chars[] = "abcdefghijklmnopqrstuvwxyz"
				 "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_";

/* This machine's name as a lock says it. */
static void this_host(char *out, size_t size)
{
	if (gethostname(out, size) < 0)
		out[0] = '\0';
	out[size - 1] = '\0';
	for (char *p = out; *p; p++)
		if (!strchr(host_chars, *p))
			*p = '-';
}

/* The holder text names: "mjournal PID [HOST]", a newline at most after
 * it.  False when it is not what mjournal writes. */
static bool parse_holder(const char *text, struct mj_lock_holder *out)
{
	const char *p = text + 9;
	char *end;
	long pid;
	size_t n;

	memset(out, 0, sizeof(*out));
	if (strncmp(text, "mjournal ", 9) || *p < '0' || *p > '9')
		return false;
	errno = 0;
	pid = strtol(p, &end, 10);
	if (errno || pid <= 0 || pid > INT_MAX)
		return false;
	if (*end == ' ') {
		n = strspn(end + 1, host_chars);
		if (!n || n >= sizeof(out->host))
			return false;
		memcpy(out->host, end + 1, n);
		end += 1 + n;
	}
	if (*end == '\n')
		end++;
	/* the git ref it was moving, when it said (mj_lock_file_say_ref) */
	if (!strncmp(end, "ref ", 4)) {
		n = strspn(end + 4, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			   "0123456789/_.-");
		if (!n || n >= sizeof(out->ref) || end[4 + n] != '\n') {
			memset(out, 0, sizeof(*out));
			return false;
		}
		memcpy(out->ref, end + 4, n);
		end += 4 + n + 1;
	}
	if (*end) {
		memset(out, 0, sizeof(*out));
		return false;
	}
	out->pid = pid;
	return true;
}

/* The holder the open lock fd names (pid 0 when none). */
static void read_holder(int fd, struct mj_lock_holder *out)
{
	char text[512];
	ssize_t n = pread(fd, text, sizeof(text) - 1, 0);

	text[n > 0 ? n : 0] = '\0';
	parse_holder(text, out);
}

/* Says in the open lock fd that this process holds it (and, when ref is
 * not NULL, that it is moving that git ref). */
static int write_holder_ref(int fd, const char *ref)
{
	char host[sizeof(((struct mj_lock_holder *)0)->host)];
	char *text;
	size_t n;
	int rc = 0;

	this_host(host, sizeof(host));
	text = mj_xasprintf("mjournal %ld%s%s\n%s%s%s", (long)getpid(),
			    *host ? " " : "", host, ref ? "ref " : "",
			    ref ? ref : "", ref ? "\n" : "");
	n = strlen(text);
	if (ftruncate(fd, 0) < 0 || pwrite(fd, text, n, 0) != (ssize_t)n)
		rc = -1;
	free(text);
	return rc;
}

static int write_holder(int fd)
{
	return write_holder_ref(fd, NULL);
}

int mj_lock_file_say_ref(int fd, const char *ref)
{
	return write_holder_ref(fd, ref);
}

/* Has holder ended without releasing its lock: it ran on this machine
 * (or did not say where) and its process is gone. */
static bool holder_gone(const struct mj_lock_holder *holder)
{
	char host[sizeof(holder->host)];

	if (!holder->pid || holder->pid == (long)getpid())
		return false;
	this_host(host, sizeof(host));
	if (*holder->host && strcmp(holder->host, host))
		return false;
	return kill((pid_t)holder->pid, 0) < 0 && errno == ESRCH;
}

char *mj_lock_holder_text(const struct mj_lock_holder *holder)
{
	if (*holder->host)
		return mj_xasprintf("mjournal (PID %ld on %s)", holder->pid,
				    holder->host);
	return mj_xasprintf("mjournal (PID %ld)", holder->pid);
}

void mj_lock_say_taken_over(const char *shown,
			    const struct mj_lock_holder *holder)
{
	char *who = mj_lock_holder_text(holder);

	fprintf(stderr, "mjournal: %s was left by %s, which ended without "
		"releasing it: taken over\n", shown, who);
	free(who);
}

/* Closes fd and fails with err; -1. */
static int fail_closing(int fd, int err)
{
	close(fd);
	errno = err;
	return -1;
}

/* ---- the journal's lock ---- */

int mj_lock_journal(const char *root, struct mj_lock_holder *other)
{
	struct stat st;
	int fd;

	memset(other, 0, sizeof(*other));
	if (mj_jfs_mkdir(root, ".mjournal") < 0)
		return -1;
	fd = mj_jfs_open(root, ".mjournal/lock",
			 O_RDWR | O_CREAT | O_NONBLOCK, 0644);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0)
		return fail_closing(fd, errno);
	if (!S_ISREG(st.st_mode))
		return fail_closing(fd, EINVAL);
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		int err = errno;
		if (err == EWOULDBLOCK)
			read_holder(fd, other);
		return fail_closing(fd, err);
	}
	/* a holder it still names never released it: it was killed */
	read_holder(fd, other);
	if (write_holder(fd) < 0)
		return fail_closing(fd, errno);
	return fd;
}

void mj_lock_release_journal(int fd)
{
	if (fd < 0)
		return;
	/* emptied: the next holder finds nobody left it behind */
	if (ftruncate(fd, 0) < 0)
		mj_trace("cannot empty the journal's lock: %s", strerror(errno));
	close(fd);
}

double mj_lock_wait(void)
{
	const char *env = getenv("MJOURNAL_LOCK_WAIT");
	return env && *env ? atof(env) : 5.0;
}

/* ---- lock files, as git takes them ---- */

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

enum held {
	HELD_NOT,      /* nobody holds it */
	HELD,          /* another holds it */
	HELD_LEFT,     /* mjournal left it here, and its process is gone */
	HELD_STALE,    /* older than stale: nobody seems to be using it */
	HELD_ODD,      /* not a plain file */
};

/* Who holds the lock file path now (*holder: mjournal, when it says). */
static enum held look(const char *path, double stale,
		      struct mj_lock_holder *holder)
{
	struct stat st;
	int fd;

	memset(holder, 0, sizeof(*holder));
	if (lstat(path, &st) < 0)
		return errno == ENOENT ? HELD_NOT : HELD;
	if (!S_ISREG(st.st_mode))
		return HELD_ODD;
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd >= 0) {
		read_holder(fd, holder);
		close(fd);
	}
	if (holder_gone(holder))
		return HELD_LEFT;
	if (difftime(time(NULL), st.st_mtime) > stale)
		return HELD_STALE;
	return HELD;
}

/* A wait for a lock file another holds. */
struct waiting {
	double started, wait, stale; /* seconds */
	useconds_t pause;            /* the next pause: longer each time */
};

/* One turn of w for the lock file path: 0 to try again, else -1 with
 * errno as mj_lock_file says. */
static int wait_turn(const char *path, struct waiting *w,
		     struct mj_lock_holder *other)
{
	struct mj_lock_holder holder;

	switch (look(path, w->stale, &holder)) {
	case HELD_NOT:
		return 0;
	case HELD_LEFT:
		/* two mjournal runs never get here together: they hold the
		 * journal's lock */
		if (unlink(path) < 0 && errno != ENOENT)
			return -1;
		*other = holder;
		return 0;
	case HELD_ODD:
		errno = EINVAL;
		return -1;
	case HELD_STALE:
		*other = holder;
		errno = ESTALE;
		return -1;
	case HELD:
		break;
	}
	if (now_seconds() - w->started >= w->wait) {
		*other = holder;
		errno = EWOULDBLOCK;
		return -1;
	}
	usleep(w->pause);
	if (w->pause < 100000)
		w->pause *= 2;
	return 0;
}

/*
 * Makes the lock file path, never over one, already naming its holder: a
 * file of this process's beside it is written, then linked to path, so
 * that a kill never leaves a lock that names nobody.  Where links cannot
 * be made, made with O_EXCL and then written.  The open file, or -1.
 */
static int make_lock(const char *path)
{
	char *tmp = mj_xasprintf("%s.%ld.mjournal-tmp", path, (long)getpid());
	int fd = open(tmp, O_RDWR | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC,
		      0666), rc = -1, saved;

	if (fd >= 0 && write_holder(fd) == 0)
		rc = link(tmp, path);
	saved = errno;
	unlink(tmp);
	free(tmp);
	if (fd >= 0 && rc == 0)
		return fd;
	if (fd >= 0)
		close(fd);
	if (saved != EPERM && saved != ENOSYS && saved != EOPNOTSUPP) {
		errno = saved;
		return -1;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0 || write_holder(fd) == 0)
		return fd;
	unlink(path);
	return fail_closing(fd, errno);
}

int mj_lock_file(const char *path, double wait, double stale,
		 struct mj_lock_holder *other)
{
	struct waiting w = { now_seconds(), wait, stale, 2000 };

	memset(other, 0, sizeof(*other));
	for (;;) {
		int fd = make_lock(path);

		if (fd >= 0)
			return fd;
		if (errno != EEXIST || wait_turn(path, &w, other) < 0)
			return -1;
	}
}

void mj_lock_release_file(const char *path, int fd)
{
	if (fd < 0)
		return;
	unlink(path);
	close(fd);
}

int mj_lock_wait_gone(const char *path, double wait, double stale,
		      struct mj_lock_holder *other)
{
	struct waiting w = { now_seconds(), wait, stale, 2000 };
	struct stat st;

	memset(other, 0, sizeof(*other));
	while (lstat(path, &st) == 0)
		if (wait_turn(path, &w, other) < 0)
			return -1;
	return 0;
}
