/*
 * mj_fs.h - the few file operations mjournal trusts with the user's words.
 *
 * Every write goes to a temporary file in the same folder, is flushed to
 * disk with fsync, and is then renamed (or linked, when the target must not
 * exist) into place, so a crash leaves either the old file or the new one,
 * never half of one.  Functions return 0, or -1 with errno set.
 */
#ifndef MJ_FS_H
#define MJ_FS_H

#include "mj_stamp.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum mj_file_kind { MJ_KIND_FILE, MJ_KIND_DIR, MJ_KIND_LINK, MJ_KIND_OTHER };

enum mj_read_status {
	MJ_READ_OK = 0,
	MJ_READ_TOO_LARGE = 1,
	MJ_READ_NOT_REGULAR = 2, /* a link, a folder, a device */
	MJ_READ_ERROR = -1,      /* errno says why */
};

/*
 * Reads the regular file at path (never following a symbolic link) into
 * *out (NUL-terminated, caller frees), unless it is larger than limit.
 */
enum mj_read_status mj_fs_read(const char *path, size_t limit, char **out,
			       size_t *len);
/* Replaces path with data, atomically. */
int mj_fs_write_atomic(const char *path, const char *data, size_t len);
/*
 * Replaces path with data by rename, without waiting for the disk: for
 * what mjournal keeps for itself (the cache), which is checked before use,
 * so a crash costs at most a rebuild.  Not a fault point.
 */
int mj_fs_write_unsynced(const char *path, const char *data, size_t len);
/* Creates path with data, atomically; fails with EEXIST if it exists. */
int mj_fs_write_new(const char *path, const char *data, size_t len);
/*
 * Puts path back as it was before a write that is being undone: old (len
 * bytes) written back, or path removed when old is NULL (it did not exist).
 */
int mj_fs_restore(const char *path, const char *old, size_t len);
int mj_fs_mkdir(const char *path);
/* As mkdir -p: path and every missing folder above it. */
int mj_fs_mkdir_parents(const char *path);
/* The kind of path without following links; -1 when it does not exist. */
int mj_fs_kind(const char *path, enum mj_file_kind *kind);
bool mj_fs_exists(const char *path);


struct mj_dirent {
	char *name;
	enum mj_file_kind kind;
	bool has_stamp;         /* regular files of a listed folder */
	bool executable;        /* a regular file with an x bit */
	struct mj_stamp stamp;
};

/*
 * The entries of dir (without . and ..), sorted by name, each looked at
 * without following links (stamped when a regular file); caller frees.
 */
int mj_fs_list(const char *dir, struct mj_dirent **out, size_t *n);
/* The stamp of a file from its stat data. */
struct stat;
void mj_stamp_of(const struct stat *st, struct mj_stamp *out);
void mj_fs_list_free(struct mj_dirent *entries, size_t n);

/*
 * A walk: the listings of the folders under a root, kept as they were
 * listed, so that what one reader listed (the journal's loader) another
 * (git's status) uses instead of listing again.  Adding is safe from
 * several threads; mj_walk_list is for one thread, after the adding.
 */
struct mj_walk;
struct mj_walk *mj_walk_new(const char *root);
/* Keeps dir's listing (dir relative to the root, "" for it), as
 * mj_fs_list made it: the walk frees it. */
void mj_walk_add(struct mj_walk *walk, const char *dir,
		 struct mj_dirent *entries, size_t n);
/* dir's listing: the one kept, else listed now (and kept); -1 when dir
 * cannot be listed. */
int mj_walk_list(struct mj_walk *walk, const char *dir,
		 const struct mj_dirent **entries, size_t *n);
void mj_walk_free(struct mj_walk *walk);

/*
 * Takes the journal's write lock (.mjournal/lock under root), without
 * waiting.  Returns a descriptor (>= 0) to pass to mj_fs_unlock, or -1 with
 * errno EWOULDBLOCK when another mjournal holds it.  The kernel releases it
 * when the process ends, however it ends: a lock is never left stale.
 */
int mj_fs_lock(const char *root);

/* How long a command waits for a lock: MJOURNAL_LOCK_WAIT seconds (5). */
double mj_fs_lock_wait(void);

/*
 * Takes a lock file as git does (path created with O_EXCL, as git's own
 * index.lock), with "mjournal PID" written in it, waiting up to wait
 * seconds with backoff while another holds it.  A lock mjournal left
 * behind (its process is gone) is taken over; another's lock is never
 * removed.  Returns the open file, or -1 with errno EWOULDBLOCK (still
 * held after wait) or ESTALE (older than stale seconds: nobody seems to be
 * using it), or another errno.  Remove it with unlink, then close.
 */
int mj_fs_lockfile(const char *path, double wait, double stale);
void mj_fs_unlock(int fd);

/* dir/name joined with one '/'; caller frees. */
char *mj_path_join(const char *dir, const char *name);

/*
 * Fault injection for crash tests, called before each rename, link and git
 * step; WHERE says which.  When MJOURNAL_FAULT_AT=N is set, the Nth call
 * (counting from 1) kills the process with SIGKILL.  When
 * MJOURNAL_FAULT_LIST=FILE is set, each call appends "N WHERE" to FILE, so
 * a run without a kill lists every point a crash test must try.
 */
void mj_fs_fault_point(const char *where);

#endif
