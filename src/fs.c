/*
 * fs.c - atomic writes, bounded reads, the journal lock.
 */
#define _GNU_SOURCE 1
#include "mj_fs.h"
#include "mj_util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

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

enum mj_read_status mj_fs_read(const char *path, size_t limit, char **out,
			       size_t *len)
{
	struct stat st;
	size_t got = 0, cap;
	char *buf;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);

	*out = NULL;
	*len = 0;
	if (fd < 0)
		return errno == ELOOP ? MJ_READ_NOT_REGULAR : MJ_READ_ERROR;
	if (fstat(fd, &st) < 0) {
		close(fd);
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
			int saved = errno;
			free(buf);
			close(fd);
			errno = saved;
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

static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* fsync the folder holding path, so a rename or link survives a crash. */
static int sync_parent(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? mj_xstrndup(path, (size_t)(slash - path)) :
			    mj_xstrdup(".");
	int fd = open(*dir ? dir : "/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int rc = 0;

	free(dir);
	if (fd < 0)
		return -1;
	if (fsync(fd) < 0 && errno != EINVAL)
		rc = -1;
	close(fd);
	return rc;
}

/*
 * Writes data to a new temporary file beside path; returns its name.  A
 * crash may leave one behind: journals ignore *.mjournal-tmp-* in git.
 */
static char *write_temp(const char *path, const char *data, size_t len,
			bool sync)
{
	char *tmp = mj_xasprintf("%s.mjournal-tmp-XXXXXX", path);
	int fd = mkostemp(tmp, O_CLOEXEC);
	int saved;

	if (fd < 0) {
		free(tmp);
		return NULL;
	}
	if (fchmod(fd, 0644) < 0 || write_all(fd, data, len) < 0 ||
	    (sync && fsync(fd) < 0))
		goto fail;
	if (close(fd) < 0) {
		fd = -1;
		goto fail;
	}
	return tmp;
fail:
	saved = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	errno = saved;
	return NULL;
}

int mj_fs_write_unsynced(const char *path, const char *data, size_t len)
{
	char *tmp = write_temp(path, data, len, false);
	int rc = -1;

	if (tmp && (rc = rename(tmp, path)) < 0)
		unlink(tmp);
	free(tmp);
	return rc;
}

int mj_fs_write_atomic(const char *path, const char *data, size_t len)
{
	char *tmp = write_temp(path, data, len, true);
	int saved;

	if (!tmp)
		return -1;
	mj_fs_fault_point("before renaming a file into place");
	if (rename(tmp, path) < 0) {
		saved = errno;
		unlink(tmp);
		free(tmp);
		errno = saved;
		return -1;
	}
	free(tmp);
	return sync_parent(path);
}

int mj_fs_write_new(const char *path, const char *data, size_t len)
{
	char *tmp;
	int rc, saved;

	if (mj_fs_exists(path)) {
		errno = EEXIST;
		return -1;
	}
	tmp = write_temp(path, data, len, true);
	if (!tmp)
		return -1;
	mj_fs_fault_point("before linking a new file into place");
	/* link fails if path appeared meanwhile: never overwrite */
	rc = link(tmp, path);
	saved = errno;
	unlink(tmp);
	free(tmp);
	if (rc < 0) {
		errno = saved;
		return -1;
	}
	return sync_parent(path);
}

int mj_fs_mkdir(const char *path)
{
	if (mkdir(path, 0755) < 0 && errno != EEXIST)
		return -1;
	return 0;
}

int mj_fs_mkdir_parents(const char *path)
{
	char *copy = mj_xstrdup(path);
	int rc = 0;

	for (char *p = copy + 1; *p && rc == 0; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		rc = mj_fs_mkdir(copy);
		*p = '/';
	}
	if (rc == 0)
		rc = mj_fs_mkdir(copy);
	free(copy);
	return rc;
}

int mj_fs_kind(const char *path, enum mj_file_kind *kind)
{
	struct stat st;

	if (lstat(path, &st) < 0)
		return -1;
	*kind = S_ISREG(st.st_mode) ? MJ_KIND_FILE :
		S_ISDIR(st.st_mode) ? MJ_KIND_DIR :
		S_ISLNK(st.st_mode) ? MJ_KIND_LINK : MJ_KIND_OTHER;
	return 0;
}

bool mj_fs_exists(const char *path)
{
	enum mj_file_kind kind;
	return mj_fs_kind(path, &kind) == 0;
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

int mj_fs_list(const char *dir, struct mj_dirent **out, size_t *n)
{
	DIR *d = opendir(dir);
	struct mj_dirent *items = NULL;
	size_t len = 0, cap = 0;
	struct dirent *de;

	*out = NULL;
	*n = 0;
	if (!d)
		return -1;
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
		e->kind = S_ISREG(st.st_mode) ? MJ_KIND_FILE :
			  S_ISDIR(st.st_mode) ? MJ_KIND_DIR :
			  S_ISLNK(st.st_mode) ? MJ_KIND_LINK : MJ_KIND_OTHER;
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

int mj_fs_lock(const char *root)
{
	char *dir = mj_path_join(root, ".mjournal");
	char *path = mj_path_join(dir, "lock");
	int fd = -1, saved;

	if (mj_fs_mkdir(dir) < 0)
		goto done;
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0)
		goto done;
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		saved = errno;
		close(fd);
		fd = -1;
		errno = saved == EWOULDBLOCK ? EWOULDBLOCK : saved;
	}
done:
	free(dir);
	free(path);
	return fd;
}

double mj_fs_lock_wait(void)
{
	const char *env = getenv("MJOURNAL_LOCK_WAIT");
	return env && *env ? atof(env) : 5.0;
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Is the lock at path one a run of mjournal left when it was killed. */
static bool left_by_mjournal(const char *path)
{
	char buf[64] = "";
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;
	long pid;

	if (fd >= 0)
		close(fd);
	if (n <= 0 || strncmp(buf, "mjournal ", 9))
		return false;
	buf[n] = '\0';
	pid = strtol(buf + 9, NULL, 10);
	return pid > 0 && pid != (long)getpid() && kill((pid_t)pid, 0) < 0 &&
	       errno == ESRCH;
}

int mj_fs_lockfile(const char *path, double wait, double stale)
{
	double start = now_seconds();
	useconds_t pause = 2000;

	for (;;) {
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		struct stat st;

		if (fd >= 0) {
			char mark[40];
			int n = snprintf(mark, sizeof(mark), "mjournal %ld\n",
					 (long)getpid());
			if (write(fd, mark, (size_t)n) != n) {
				unlink(path);
				close(fd);
				return -1;
			}
			return fd;
		}
		if (errno != EEXIST)
			return -1;
		/* its process is gone: nobody holds it (two mjournal runs never
		 * get here together: they hold the journal's lock) */
		if (left_by_mjournal(path)) {
			unlink(path);
			continue;
		}
		if (lstat(path, &st) == 0 && difftime(time(NULL), st.st_mtime) > stale) {
			errno = ESTALE;
			return -1;
		}
		if (now_seconds() - start >= wait) {
			errno = EWOULDBLOCK;
			return -1;
		}
		usleep(pause);
		if (pause < 100000)
			pause *= 2;
	}
}

void mj_fs_unlock(int fd)
{
	if (fd >= 0)
		close(fd);
}

int mj_fs_restore(const char *path, const char *old, size_t len)
{
	if (old)
		return mj_fs_write_atomic(path, old, len);
	return unlink(path) < 0 && errno != ENOENT ? -1 : 0;
}
