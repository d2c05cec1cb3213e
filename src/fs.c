/*
 * fs.c - file access: inside a journal never through a symbolic link;
 * atomic writes, bounded reads, listings.
 */
#define _GNU_SOURCE 1
#include "mj_fs.h"
#include "mj_util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#if defined(SYS_openat2) && defined(__has_include)
#if __has_include(<linux/openat2.h>)
#include <linux/openat2.h>
#define HAVE_OPENAT2 1
#endif
#endif

char *mj_path_join(const char *dir, const char *name)
{
	size_t n = strlen(dir), m = strlen(name), slash;
	char *out;

	if (!n)
		return mj_xstrdup(name);
	/* no printf: the loader joins a path for every file it reads */
	slash = dir[n - 1] != '/';
	out = mj_xmalloc(n + slash + m + 1);
	memcpy(out, dir, n);
	if (slash)
		out[n] = '/';
	memcpy(out + n + slash, name, m + 1);
	return out;
}

void mj_fs_fault_point(const char *where)
{
	static long count;
	const char *at = getenv("MJOURNAL_FAULT_AT");
	const char *list = getenv("MJOURNAL_FAULT_LIST");

	count++;
	if (list && *list) {
		FILE *f = fopen(list, "a");

		if (f) {
			fprintf(f, "%ld %s\n", count, where);
			fclose(f);
		}
	}
	if (at && count == atol(at))
		kill(getpid(), SIGKILL);
}

static enum mj_file_kind kind_of(mode_t mode)
{
	return S_ISREG(mode) ? MJ_KIND_FILE :
	       S_ISDIR(mode) ? MJ_KIND_DIR :
	       S_ISLNK(mode) ? MJ_KIND_LINK : MJ_KIND_OTHER;
}

const char *mj_fs_kind_name(enum mj_file_kind kind)
{
	switch (kind) {
	case MJ_KIND_FILE:
		return "a file";
	case MJ_KIND_DIR:
		return "a folder";
	case MJ_KIND_LINK:
		return "a symbolic link";
	case MJ_KIND_OTHER:
		break;
	}
	return "a FIFO, a device or a socket";
}

/* Closes fd (when open) without changing errno; returns -1, for the
 * failure being reported. */
static int close_keep_errno(int fd)
{
	int saved = errno;

	if (fd >= 0)
		close(fd);
	errno = saved;
	return -1;
}

/* ---- reading and writing in a folder already open ---- */

/* Reads the file fd was opened on (closed here), as mj_fs_read; fd < 0
 * is the failed open, errno saying why. */
static enum mj_read_status read_open(int fd, size_t limit, char **out,
				     size_t *len)
{
	struct stat st;
	size_t got = 0, cap;
	char *buf;

	*out = NULL;
	*len = 0;
	if (fd < 0)
		return errno == ELOOP ? MJ_READ_NOT_REGULAR : MJ_READ_ERROR;
	if (fstat(fd, &st) < 0) {
		close_keep_errno(fd);
		return MJ_READ_ERROR;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return MJ_READ_NOT_REGULAR;
	}
	if ((uint64_t)st.st_size > limit) {
		close(fd);
		return MJ_READ_TOO_LARGE;
	}
	/* read to the end, whatever stat said: a file may grow meanwhile */
	cap = (size_t)st.st_size + 1;
	buf = mj_xmalloc(cap + 1);
	for (;;) {
		ssize_t n;

		if (got == cap) {
			if (cap > limit) {
				free(buf);
				close(fd);
				return MJ_READ_TOO_LARGE;
			}
			cap = cap * 2 > limit + 1 ? limit + 1 : cap * 2;
			buf = mj_xrealloc(buf, cap + 1);
		}
		n = read(fd, buf + got, cap - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			free(buf);
			close_keep_errno(fd);
			return MJ_READ_ERROR;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	buf[got] = '\0';
	*out = buf;
	*len = got;
	return MJ_READ_OK;
}

/* len bytes written to fd, at offset at, or where it is when at < 0. */
static int write_all_at(int fd, const char *data, size_t len, off_t at)
{
	while (len) {
		ssize_t n = at < 0 ? write(fd, data, len) : pwrite(fd, data, len, at);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		data += n;
		len -= (size_t)n;
		at += at < 0 ? 0 : n;
	}
	return 0;
}

int mj_fs_write_all(int fd, const char *data, size_t len)
{
	return write_all_at(fd, data, len, -1);
}

int mj_fs_pwrite_all(int fd, const char *data, size_t len, off_t at)
{
	return at < 0 ? (errno = EINVAL, -1) : write_all_at(fd, data, len, at);
}

int mj_fs_pread_all(int fd, char *data, size_t len, off_t at)
{
	while (len) {
		ssize_t n = pread(fd, data, len, at);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			errno = n ? errno : EIO; /* shorter than it was written */
			return -1;
		}
		data += n;
		len -= (size_t)n;
		at += n;
	}
	return 0;
}

/* A name for a temporary file beside name: name.mjournal-tmp-XXXXXX,
 * which journals ignore in git (a crash may leave one behind). */
static char *temp_name(const char *name)
{
	static const char letters[] = "abcdefghijklmnopqrstuvwxyz"
				      "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	static atomic_ulong made;
	struct timespec ts;
	unsigned long nth = atomic_fetch_add(&made, 1);
	uint64_t r;
	char *tmp = mj_xasprintf("%s.mjournal-tmp-XXXXXX", name);
	char *x = tmp + strlen(tmp) - 6;

	clock_gettime(CLOCK_REALTIME, &ts);
	r = mj_hash(&ts, sizeof(ts), (uint64_t)getpid() * 1000003u + nth);
	for (int i = 0; i < 6; i++, r /= 62)
		x[i] = letters[r % 62];
	return tmp;
}

bool mj_fs_fault_full(void)
{
	static long count;
	const char *at = getenv("MJOURNAL_FAULT_ENOSPC");
	char *end;
	long n;

	count++;
	if (!at || !*at)
		return false;
	n = strtol(at, &end, 10);
	return *end == '-' ? count >= n : count == n;
}

/* Fills the new temporary file fd with data (flushed when sync), then
 * closes it. */
static int fill_temp(int fd, const char *data, size_t len, bool sync)
{
	if (sync && mj_fs_fault_full()) {
		close(fd);
		errno = ENOSPC;
		return -1;
	}
	if (fchmod(fd, 0644) < 0 || mj_fs_write_all(fd, data, len) < 0 ||
	    (sync && fsync(fd) < 0))
		return close_keep_errno(fd);
	return close(fd);
}

/* Makes a new temporary file beside name in dir, open for writing into
 * *fd; its name, or NULL with errno. */
static char *open_temp(int dir, const char *name, int *fd)
{
	for (int tries = 0; tries < 100; tries++) {
		char *tmp = temp_name(name);

		*fd = openat(dir, tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC |
			     O_NOFOLLOW, 0644);
		if (*fd >= 0)
			return tmp;
		free(tmp);
		if (errno != EEXIST)
			return NULL;
	}
	return NULL;
}

/* Writes data to a new temporary file beside name in dir; its name. */
static char *write_temp(int dir, const char *name, const char *data,
			size_t len, bool sync)
{
	int fd, saved;
	char *tmp = open_temp(dir, name, &fd);

	if (!tmp || fill_temp(fd, data, len, sync) == 0)
		return tmp;
	saved = errno;
	unlinkat(dir, tmp, 0);
	free(tmp);
	errno = saved;
	return NULL;
}

/* Is name in dir absent, or a file that may be replaced (how). */
/* Does the regular file name in dir, of size size, hold exactly data. */
static bool holds(int dir, const char *name, off_t size, const char *data,
		  size_t len)
{
	char buf[65536];
	size_t at = 0;
	ssize_t n;
	int fd;

	if (size < 0 || (uint64_t)size != len)
		return false;
	fd = openat(dir, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return false;
	while (at <= len && (n = read(fd, buf, sizeof(buf))) > 0) {
		if ((size_t)n > len - at || memcmp(buf, data + at, (size_t)n))
			break;
		at += (size_t)n;
	}
	close(fd);
	return n == 0 && at == len;
}

/* 0: name in dir may be written; 1: it already holds data (only asked
 * for with MJ_WRITE_IF_CHANGED); -1 with errno: it may not. */
static int may_write(int dir, const char *name, enum mj_write_mode how,
		     const char *data, size_t len)
{
	struct stat st;
	int why;

	if (fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return errno == ENOENT ? 0 : -1;
	why = how == MJ_WRITE_NEW ? EEXIST :
	      S_ISLNK(st.st_mode) ? ELOOP :
	      S_ISDIR(st.st_mode) ? EISDIR :
	      S_ISREG(st.st_mode) ? 0 : EINVAL;
	if (!why)
		return how == MJ_WRITE_IF_CHANGED &&
		       holds(dir, name, st.st_size, data, len);
	errno = why;
	return -1;
}

/* Puts the temporary file tmp (taken: freed) in dir in the place of
 * name, as how says, and flushes the folder when it must. */
static int install_temp(int dir, char *tmp, const char *name,
			enum mj_write_mode how)
{
	bool sync = how != MJ_WRITE_UNSYNCED;
	int rc, saved;

	if (how == MJ_WRITE_NEW) {
		mj_fs_fault_point("before linking a new file into place");
		/* linkat fails if name appeared meanwhile: never overwrite */
		rc = linkat(dir, tmp, dir, name, 0);
		saved = errno;
		unlinkat(dir, tmp, 0);
	} else {
		if (sync)
			mj_fs_fault_point("before renaming a file into place");
		rc = renameat(dir, tmp, dir, name);
		saved = errno;
		if (rc < 0)
			unlinkat(dir, tmp, 0);
	}
	free(tmp);
	errno = saved;
	if (rc < 0)
		return -1;
	/* the folder flushed too, so that the rename or link survives */
	return sync && fsync(dir) < 0 && errno != EINVAL ? -1 : 0;
}

int mj_fs_write_at(int dir, const char *name, const char *data, size_t len,
		   enum mj_write_mode how)
{
	bool sync = how != MJ_WRITE_UNSYNCED;
	char *tmp;
	int rc;

	rc = may_write(dir, name, how, data, len);
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	tmp = write_temp(dir, name, data, len, sync);
	return tmp ? install_temp(dir, tmp, name, how) : -1;
}

/* Does the regular file name in dir hold what the file fd holds (size
 * bytes), read a piece of each at a time. */
static bool holds_file(int dir, const char *name, off_t size, int fd)
{
	char ours[65536], theirs[sizeof(ours)];
	struct stat st;
	off_t at = 0;
	bool same;
	int other = openat(dir, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);

	if (other < 0)
		return false;
	same = fstat(other, &st) == 0 && S_ISREG(st.st_mode) &&
	       st.st_size == size;
	while (same && at < size) {
		ssize_t n = pread(fd, ours, sizeof(ours), at);

		same = n > 0 && read(other, theirs, (size_t)n) == n &&
		       !memcmp(ours, theirs, (size_t)n);
		at += n > 0 ? n : 0;
	}
	close(other);
	return same;
}

int mj_fs_parts_begin(struct mj_fs_parts *w, int dir, const char *name)
{
	memset(w, 0, sizeof(*w));
	w->dir = dir;
	w->name = mj_xstrdup(name);
	w->tmp = open_temp(dir, name, &w->fd);
	if (!w->tmp || fchmod(w->fd, 0644) < 0)
		w->err = errno;
	return w->err ? -1 : 0;
}

void mj_fs_parts_add(struct mj_fs_parts *w, const char *data, size_t len)
{
	if (!w->err && mj_fs_write_all(w->fd, data, len) < 0)
		w->err = errno;
}

int mj_fs_parts_end(struct mj_fs_parts *w, enum mj_write_mode how)
{
	bool sync = how != MJ_WRITE_UNSYNCED, same = false;
	enum mj_write_mode check = how == MJ_WRITE_IF_CHANGED ?
				   MJ_WRITE_REPLACE : how;
	struct stat st;
	int rc = -1, saved;

	if (!w->err && sync && mj_fs_fault_full())
		w->err = ENOSPC;
	if (!w->err && may_write(w->dir, w->name, check, NULL, 0) < 0)
		w->err = errno;
	if (!w->err && how == MJ_WRITE_IF_CHANGED && fstat(w->fd, &st) == 0)
		same = holds_file(w->dir, w->name, st.st_size, w->fd);
	if (!w->err && !same && sync && fsync(w->fd) < 0)
		w->err = errno;
	if (w->fd >= 0 && close(w->fd) < 0 && !w->err)
		w->err = errno;
	if (!w->err && !same) {
		rc = install_temp(w->dir, w->tmp, w->name, how);
	} else {
		if (w->tmp)
			unlinkat(w->dir, w->tmp, 0);
		free(w->tmp);
		rc = w->err ? -1 : 0;
		errno = w->err ? w->err : errno;
	}
	saved = errno;
	free(w->name);
	memset(w, 0, sizeof(*w));
	w->fd = -1;
	errno = saved;
	return rc;
}

int mj_fs_spill_at(int dir)
{
	int fd = openat(dir, ".", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	char *tmp;

	if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR &&
			errno != EINVAL))
		return fd;
	/* a file system without unnamed files: one named, then unlinked */
	tmp = open_temp(dir, "spill", &fd);
	if (!tmp)
		return -1;
	unlinkat(dir, tmp, 0);
	free(tmp);
	return fd;
}

/* Makes the folder name in dir; an existing one must be a folder. */
static int make_dir_at(int dir, const char *name)
{
	struct stat st;

	if (mkdirat(dir, name, 0755) == 0)
		return 0;
	if (errno != EEXIST || fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return -1;
	if (S_ISDIR(st.st_mode))
		return 0;
	errno = S_ISLNK(st.st_mode) ? ELOOP : ENOTDIR;
	return -1;
}

static int compare_entries(const void *a, const void *b)
{
	return strcmp(((const struct mj_dirent *)a)->name,
		      ((const struct mj_dirent *)b)->name);
}

void mj_stamp_of(const struct stat *st, struct mj_stamp *out)
{
	out->size = (int64_t)st->st_size;
	out->mtime_sec = (int64_t)st->st_mtim.tv_sec;
	out->mtime_nsec = (int64_t)st->st_mtim.tv_nsec;
	out->ctime_sec = (int64_t)st->st_ctim.tv_sec;
	out->ctime_nsec = (int64_t)st->st_ctim.tv_nsec;
	out->ino = (uint64_t)st->st_ino;
}

/* Lists the folder fd was opened on (taken: closed here), as mj_fs_list. */
static int list_open(int fd, struct mj_dirent **out, size_t *n)
{
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct mj_dirent *items = NULL;
	size_t len = 0, cap = 0;
	struct dirent *de;

	*out = NULL;
	*n = 0;
	if (!d)
		return close_keep_errno(fd);
	while ((de = readdir(d))) {
		struct mj_dirent *e;
		struct stat st;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		mj_grow((void **)&items, &cap, len + 1, sizeof(*items));
		e = &items[len++];
		memset(e, 0, sizeof(*e));
		e->name = mj_xstrdup(de->d_name);
		/* relative to the open folder: no walk of the whole path */
		if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
			e->kind = MJ_KIND_OTHER; /* gone meanwhile: reported, not read */
			continue;
		}
		e->kind = kind_of(st.st_mode);
		if (e->kind == MJ_KIND_FILE) {
			e->has_stamp = true;
			e->executable = (st.st_mode & 0111) != 0;
			mj_stamp_of(&st, &e->stamp);
		}
	}
	closedir(d);
	if (len > 1)
		qsort(items, len, sizeof(*items), compare_entries);
	*out = items;
	*n = len;
	return 0;
}

void mj_fs_list_free(struct mj_dirent *entries, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(entries[i].name);
	free(entries);
}

/* ---- paths inside a journal: never through a link ---- */

static atomic_bool walk_only;   /* the tests' switch */
static atomic_bool no_openat2;  /* the kernel (or a sandbox) lacks it */

void mj_jfs_walk_only(bool on)
{
	walk_only = on;
}

bool mj_jfs_path_ok(const char *rel)
{
	const char *part = rel;

	for (;;) {
		size_t n = strcspn(part, "/");

		if (n == 0 || (n == 1 && part[0] == '.') ||
		    (n == 2 && !strncmp(part, "..", 2)) ||
		    (n == 4 && !strncasecmp(part, ".git", 4)))
			return false;
		for (size_t i = 0; i < n; i++)
			if ((unsigned char)part[i] < 0x20 || part[i] == 0x7f)
				return false;
		if (!part[n])
			return true;
		part += n + 1;
	}
}

/* The journal's root folder, opened (the user's path: as given). */
static int open_root(const char *root)
{
	return open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

/*
 * Opens the folders of path[0..len) under root one at a time, each
 * without following a link (and made first when make): the last one's
 * descriptor (root's own again when len is 0).
 */
static int walk_dirs(int root, const char *path, size_t len, bool make)
{
	int dir = openat(root, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	size_t at = 0;

	while (dir >= 0 && at < len) {
		size_t n = strcspn(path + at, "/");
		char *part = mj_xstrndup(path + at, n < len - at ? n : len - at);
		int next = -1;

		if (!make || make_dir_at(dir, part) == 0)
			next = openat(dir, part, O_RDONLY | O_DIRECTORY |
				      O_NOFOLLOW | O_CLOEXEC);
		free(part);
		close_keep_errno(dir);
		dir = next;
		at += n + 1;
	}
	return dir;
}

/*
 * The first part of rel under the folder top (as "a", "a/b", ...) that is
 * a link or not a folder, else rel itself, with its kind; NULL when rel
 * does not exist up to there.
 */
static char *first_odd_part(int top, const char *rel, enum mj_file_kind *kind)
{
	size_t at = 0;

	for (;;) {
		size_t end = at + strcspn(rel + at, "/");
		char *part = mj_xstrndup(rel, end);
		struct stat st;

		/* the parts before are folders, not links: nothing followed */
		if (fstatat(top, part, &st, AT_SYMLINK_NOFOLLOW) < 0) {
			free(part);
			return NULL;
		}
		*kind = kind_of(st.st_mode);
		if (!rel[end] || *kind != MJ_KIND_DIR)
			return part;
		free(part);
		at = end + 1;
	}
}

/* After an open of rel under root failed: -1, with errno ELOOP when a
 * link was in the way (opened as a folder, a link says ENOTDIR). */
static int link_in_the_way(int root, const char *rel)
{
	enum mj_file_kind kind;
	int saved = errno;
	char *part = saved == ENOTDIR ? first_odd_part(root, rel, &kind) : NULL;

	errno = part && kind == MJ_KIND_LINK ? ELOOP : saved;
	free(part);
	return -1;
}

/* Opens rel (a checked path) under root with flags, never through a
 * link: one openat2 where the kernel has it, else a walk. */
static int open_beneath(int root, const char *rel, int flags, mode_t mode)
{
	const char *slash = strrchr(rel, '/');
	int dir, fd;

#ifdef HAVE_OPENAT2
	if (!walk_only && !no_openat2) {
		struct open_how how;
		long got;

		memset(&how, 0, sizeof(how));
		how.flags = (uint64_t)(flags | O_NOFOLLOW | O_CLOEXEC);
		how.mode = flags & O_CREAT ? mode : 0;
		how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS |
			      RESOLVE_NO_MAGICLINKS;
		got = syscall(SYS_openat2, root, rel, &how, sizeof(how));
		if (got >= 0)
			return (int)got;
		if (errno != ENOSYS && errno != EPERM && errno != EAGAIN)
			return link_in_the_way(root, rel);
		if (errno != EAGAIN)
			no_openat2 = true;
	}
#endif
	dir = walk_dirs(root, rel, slash ? (size_t)(slash - rel) : 0, false);
	if (dir < 0)
		return link_in_the_way(root, rel);
	fd = openat(dir, slash ? slash + 1 : rel,
		    flags | O_NOFOLLOW | O_CLOEXEC, mode);
	close_keep_errno(dir);
	return fd < 0 ? link_in_the_way(root, rel) : fd;
}

/* Opens root, checks rel: the root's descriptor, or -1. */
static int open_checked(const char *root, const char *rel)
{
	if (!mj_jfs_path_ok(rel)) {
		errno = EINVAL;
		return -1;
	}
	return open_root(root);
}

/* Opens the folder holding rel (never through a link) and points *name
 * at rel's last part. */
static int open_parent(const char *root, const char *rel, const char **name)
{
	const char *slash = strrchr(rel, '/');
	int top = open_checked(root, rel), dir;
	char *dirs;

	*name = slash ? slash + 1 : rel;
	if (top < 0 || !slash)
		return top;
	dirs = mj_xstrndup(rel, (size_t)(slash - rel));
	dir = open_beneath(top, dirs, O_RDONLY | O_DIRECTORY, 0);
	free(dirs);
	close_keep_errno(top);
	return dir;
}

int mj_jfs_open(const char *root, const char *rel, int flags, unsigned mode)
{
	int top = open_checked(root, rel), fd;

	if (top < 0)
		return -1;
	fd = open_beneath(top, rel, flags, (mode_t)mode);
	close_keep_errno(top);
	return fd;
}

int mj_jfs_root(const char *root)
{
	return open_root(root);
}

enum mj_read_status mj_jfs_read_at(int root, const char *rel, size_t limit,
				   char **out, size_t *len)
{
	int fd = -1;

	if (!mj_jfs_path_ok(rel))
		errno = EINVAL;
	else if (root < 0)
		errno = EBADF;
	else
		fd = open_beneath(root, rel, O_RDONLY | O_NONBLOCK, 0);
	return read_open(fd, limit, out, len);
}

enum mj_read_status mj_jfs_read(const char *root, const char *rel,
				size_t limit, char **out, size_t *len)
{
	int top = open_checked(root, rel);
	enum mj_read_status rc;

	if (top < 0)
		return read_open(-1, limit, out, len);
	rc = mj_jfs_read_at(top, rel, limit, out, len);
	close_keep_errno(top);
	return rc;
}

int mj_jfs_write(const char *root, const char *rel, const char *data,
		 size_t len, enum mj_write_mode how)
{
	const char *name;
	int dir = open_parent(root, rel, &name), rc;

	if (dir < 0)
		return -1;
	rc = mj_fs_write_at(dir, name, data, len, how);
	close_keep_errno(dir);
	return rc;
}

int mj_jfs_remove(const char *root, const char *rel)
{
	const char *name;
	int dir = open_parent(root, rel, &name), rc;

	if (dir < 0)
		return -1;
	rc = unlinkat(dir, name, 0);
	if (rc < 0 && errno == EISDIR)
		rc = unlinkat(dir, name, AT_REMOVEDIR);
	if (rc < 0 && errno == ENOENT)
		rc = 0;
	close_keep_errno(dir);
	return rc;
}

int mj_jfs_move(const char *root, const char *from, const char *to)
{
	const char *from_name, *to_name;
	int from_dir = open_parent(root, from, &from_name), to_dir, rc;
	struct stat st;

	if (from_dir < 0)
		return -1;
	to_dir = open_parent(root, to, &to_name);
	if (to_dir < 0)
		return close_keep_errno(from_dir);
	mj_fs_fault_point("before moving a folder into place");
	rc = renameat2(from_dir, from_name, to_dir, to_name, RENAME_NOREPLACE);
	if (rc < 0 && (errno == EINVAL || errno == ENOSYS)) {
		/* a file system without RENAME_NOREPLACE: under the lock */
		if (fstatat(to_dir, to_name, &st, AT_SYMLINK_NOFOLLOW) == 0)
			errno = EEXIST;
		else if (errno == ENOENT)
			rc = renameat(from_dir, from_name, to_dir, to_name);
	}
	/* both folders flushed, so that the move survives a crash */
	if (rc == 0 && ((fsync(to_dir) < 0 && errno != EINVAL) ||
			(fsync(from_dir) < 0 && errno != EINVAL)))
		rc = -1;
	close_keep_errno(to_dir);
	close_keep_errno(from_dir);
	return rc;
}

int mj_jfs_remove_tree(const char *root, const char *rel)
{
	struct mj_dirent *entries = NULL;
	size_t n = 0;
	int top = open_checked(root, rel), rc = 0;
	enum mj_file_kind kind;

	if (top < 0)
		return -1;
	if (mj_jfs_kind(root, rel, &kind) < 0) {
		close(top);
		return errno == ENOENT ? 0 : -1;
	}
	if (kind == MJ_KIND_DIR && mj_jfs_list_at(top, rel, &entries, &n) < 0)
		rc = -1;
	close_keep_errno(top);
	for (size_t i = 0; i < n && rc == 0; i++) {
		char *path = mj_path_join(rel, entries[i].name);
		rc = entries[i].kind == MJ_KIND_DIR ?
		     mj_jfs_remove_tree(root, path) : mj_jfs_remove(root, path);
		free(path);
	}
	mj_fs_list_free(entries, n);
	return rc < 0 ? -1 : mj_jfs_remove(root, rel);
}

int mj_jfs_restore(const char *root, const char *rel, const char *old,
		   size_t len)
{
	if (old)
		return mj_jfs_write(root, rel, old, len, MJ_WRITE_REPLACE);
	return mj_jfs_remove(root, rel);
}

int mj_jfs_open_dir(const char *root, const char *rel, bool make)
{
	int top, dir;

	if (!*rel)
		return open_root(root);
	top = open_checked(root, rel);
	if (top < 0)
		return -1;
	dir = make ? walk_dirs(top, rel, strlen(rel), true) :
		     open_beneath(top, rel, O_RDONLY | O_DIRECTORY, 0);
	close_keep_errno(top);
	return dir;
}

int mj_jfs_mkdir(const char *root, const char *rel)
{
	int dir = mj_jfs_open_dir(root, rel, true);

	if (dir < 0)
		return -1;
	return close(dir);
}

int mj_jfs_kind(const char *root, const char *rel, enum mj_file_kind *kind)
{
	const char *name;
	struct stat st;
	int dir = open_parent(root, rel, &name), rc;

	if (dir < 0)
		return -1;
	rc = fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW);
	if (rc == 0)
		*kind = kind_of(st.st_mode);
	close_keep_errno(dir);
	return rc;
}

int mj_jfs_list_at(int root, const char *rel, struct mj_dirent **out,
		   size_t *n)
{
	int fd = -1;

	if (*rel && !mj_jfs_path_ok(rel))
		errno = EINVAL;
	else if (root < 0)
		errno = EBADF;
	else if (!*rel)
		fd = openat(root, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	else
		fd = open_beneath(root, rel, O_RDONLY | O_DIRECTORY, 0);
	return list_open(fd, out, n);
}

char *mj_jfs_culprit(const char *root, const char *rel,
		     enum mj_file_kind *kind)
{
	int top = open_checked(root, rel);
	char *part;

	if (top < 0)
		return NULL;
	part = first_odd_part(top, rel, kind);
	close(top);
	return part;
}

/* ---- paths the user gave ---- */

enum mj_read_status mj_fs_read(const char *path, size_t limit, char **out,
			       size_t *len)
{
	return read_open(open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC |
			      O_NONBLOCK), limit, out, len);
}

int mj_fs_write(const char *path, const char *data, size_t len,
		enum mj_write_mode how)
{
	const char *slash = strrchr(path, '/');
	char *dir = !slash ? mj_xstrdup(".") : slash == path ? mj_xstrdup("/") :
		    mj_xstrndup(path, (size_t)(slash - path));
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc = -1;

	free(dir);
	if (fd >= 0) {
		rc = mj_fs_write_at(fd, slash ? slash + 1 : path, data, len, how);
		close_keep_errno(fd);
	}
	return rc;
}

int mj_fs_mkdir(const char *path)
{
	return make_dir_at(AT_FDCWD, path);
}

int mj_fs_user_folder(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return mj_fs_mkdir(path);
	if (S_ISDIR(st.st_mode))
		return 0;
	errno = ENOTDIR;
	return -1;
}

/* path without the slashes it ends with ("/" stays); caller frees. */
static char *without_trailing_slash(const char *path)
{
	char *copy = mj_xstrdup(path);
	size_t n = strlen(copy);

	while (n > 1 && copy[n - 1] == '/')
		copy[--n] = '\0';
	return copy;
}

int mj_fs_mkdir_parents(const char *path)
{
	char *copy = without_trailing_slash(path);
	int rc = 0;

	/* the folders above are the user's: links among them are followed,
	 * as mkdir -p follows them */
	for (char *p = copy + 1; *p && rc == 0; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0755) < 0 && errno != EEXIST)
			rc = -1;
		*p = '/';
	}
	if (rc == 0)
		rc = mj_fs_mkdir(copy);
	free(copy);
	return rc;
}

int mj_fs_open_dir(const char *path, bool make)
{
	char *copy = without_trailing_slash(path);
	int fd = -1;

	if (!make || mj_fs_mkdir_parents(copy) == 0)
		fd = open(copy, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	free(copy);
	return fd;
}

int mj_fs_kind(const char *path, enum mj_file_kind *kind)
{
	struct stat st;

	if (lstat(path, &st) < 0)
		return -1;
	*kind = kind_of(st.st_mode);
	return 0;
}

bool mj_fs_exists(const char *path)
{
	enum mj_file_kind kind;
	return mj_fs_kind(path, &kind) == 0;
}

int mj_fs_list(const char *dir, struct mj_dirent **out, size_t *n)
{
	return list_open(open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), out, n);
}

/* ---- a walk: listings kept for another reader ---- */

struct walk_dir {
	char *path;
	struct mj_dirent *entries;
	size_t n;
};

struct mj_walk {
	char *root;
	struct walk_dir *dirs;
	size_t len, cap;
	size_t sorted; /* dirs[0..sorted) are in path order, sorted by the
			* first mj_walk_list; those listed after follow */
	pthread_mutex_t lock;
};

struct mj_walk *mj_walk_new(const char *root)
{
	struct mj_walk *walk = mj_xcalloc(1, sizeof(*walk));

	walk->root = mj_xstrdup(root);
	pthread_mutex_init(&walk->lock, NULL);
	return walk;
}

void mj_walk_add(struct mj_walk *walk, const char *dir,
		 struct mj_dirent *entries, size_t n)
{
	struct walk_dir *d;

	pthread_mutex_lock(&walk->lock);
	mj_grow((void **)&walk->dirs, &walk->cap, walk->len + 1,
		sizeof(*walk->dirs));
	d = &walk->dirs[walk->len++];
	d->path = mj_xstrdup(dir);
	d->entries = entries;
	d->n = n;
	pthread_mutex_unlock(&walk->lock);
}

static int compare_dirs(const void *a, const void *b)
{
	return strcmp(((const struct walk_dir *)a)->path,
		      ((const struct walk_dir *)b)->path);
}

int mj_walk_list(struct mj_walk *walk, const char *dir,
		 const struct mj_dirent **entries, size_t *n)
{
	struct walk_dir key = { (char *)(uintptr_t)dir, NULL, 0 }, *found;
	struct mj_dirent *listed;
	char *path;
	int rc;

	if (!walk->sorted && walk->len) {
		qsort(walk->dirs, walk->len, sizeof(*walk->dirs), compare_dirs);
		walk->sorted = walk->len;
	}
	found = walk->sorted ? bsearch(&key, walk->dirs, walk->sorted,
				       sizeof(*walk->dirs), compare_dirs) : NULL;
	for (size_t i = walk->sorted; !found && i < walk->len; i++)
		if (!strcmp(walk->dirs[i].path, dir))
			found = &walk->dirs[i];
	if (!found) {
		/* listed now: kept after the sorted ones, found by this call */
		path = *dir ? mj_path_join(walk->root, dir) : mj_xstrdup(walk->root);
		rc = mj_fs_list(path, &listed, n);
		free(path);
		if (rc < 0)
			return -1;
		mj_walk_add(walk, dir, listed, *n);
		*entries = listed;
		return 0;
	}
	*entries = found->entries;
	*n = found->n;
	return 0;
}

void mj_walk_free(struct mj_walk *walk)
{
	if (!walk)
		return;
	for (size_t i = 0; i < walk->len; i++) {
		mj_fs_list_free(walk->dirs[i].entries, walk->dirs[i].n);
		free(walk->dirs[i].path);
	}
	free(walk->dirs);
	free(walk->root);
	pthread_mutex_destroy(&walk->lock);
	free(walk);
}

