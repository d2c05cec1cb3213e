/*
 * mj_fs.h - the few file operations mjournal trusts with the user's words.
 *
 * Two kinds of path.  A path inside a journal (mj_jfs_*) is relative to
 * the journal's root and is never resolved through a symbolic link: the
 * journal is shared with others through git, and a link one of them
 * committed must not make mjournal read or write a file outside it.  A
 * path the user gave on the command line (mj_fs_*: summary -o, import's
 * spreadsheet, the folder init makes) is the user's own and is resolved
 * as the shell would.
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
#include <sys/types.h>
#include <stdint.h>

enum mj_file_kind { MJ_KIND_FILE, MJ_KIND_DIR, MJ_KIND_LINK, MJ_KIND_OTHER };

/* "a symbolic link", "a folder", "a file", or "a FIFO, a device or a
 * socket": what a kind is called in a message. */
const char *mj_fs_kind_name(enum mj_file_kind kind);

enum mj_read_status {
	MJ_READ_OK = 0,
	MJ_READ_TOO_LARGE = 1,
	MJ_READ_NOT_REGULAR = 2, /* a link, a folder, a device */
	MJ_READ_ERROR = -1,      /* errno says why */
};

enum mj_write_mode {
	MJ_WRITE_REPLACE,  /* replaced whole, flushed to disk */
	MJ_WRITE_NEW,      /* as REPLACE, but never over a file: EEXIST */
	/* as REPLACE, but a file that already holds these bytes is left as
	 * it is (not written, not flushed): for pages rebuilt whole on every
	 * run, most of them unchanged */
	MJ_WRITE_IF_CHANGED,
	/* replaced by rename, without waiting for the disk: for what
	 * mjournal keeps for itself (the cache, the memos), which is checked
	 * before use, so a crash costs at most a rebuild; not a fault point */
	MJ_WRITE_UNSYNCED,
};

/* ---- paths inside a journal ---- */

/*
 * Is rel a path mjournal may use inside a journal: relative, with no
 * empty, "." or ".." part, no control character, and no part named .git
 * (in any case).  Every mj_jfs_* function checks it first (EINVAL).
 */
bool mj_jfs_path_ok(const char *rel);

/*
 * The journal's file rel under root, read, written or looked at without
 * following a symbolic link anywhere on the way: where the kernel has
 * openat2, with RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS, else one part at a
 * time with O_NOFOLLOW.  A link on the way fails with ELOOP; a part that
 * is not a folder with ENOTDIR; mj_jfs_culprit says which part it was.
 */
enum mj_read_status mj_jfs_read(const char *root, const char *rel,
				size_t limit, char **out, size_t *len);
/* Writes rel as how says; a link, a folder or a device at rel is never
 * replaced (ELOOP, EISDIR, EINVAL).  The folder holding it must exist. */
int mj_jfs_write(const char *root, const char *rel, const char *data,
		 size_t len, enum mj_write_mode how);
/*
 * Puts rel back as it was before a write that is being undone: old (len
 * bytes) written back, or rel removed when old is NULL (it did not exist).
 */
int mj_jfs_restore(const char *root, const char *rel, const char *old,
		   size_t len);
/*
 * Moves from (a file or a folder) to to, never over anything (EEXIST),
 * and flushes both folders: a crash leaves it at one place or the other.
 * A fault point.
 */
int mj_jfs_move(const char *root, const char *from, const char *to);
/* Removes rel and, when it is a folder, everything in it (a link in it
 * is removed, never followed); a missing one is no error. */
int mj_jfs_remove_tree(const char *root, const char *rel);
/* Removes the file (or empty folder) rel; a missing one is no error. */
int mj_jfs_remove(const char *root, const char *rel);
/* Makes the folder rel and every missing folder above it; an existing
 * one must be a folder, not a link to one (ELOOP) nor a file (ENOTDIR). */
int mj_jfs_mkdir(const char *root, const char *rel);
/*
 * Opens the folder rel ("" for root itself), made first with
 * mj_jfs_mkdir when make: a descriptor for mj_fs_write_at, or -1.
 */
int mj_jfs_open_dir(const char *root, const char *rel, bool make);
/* Opens the file rel with flags (O_CREAT allowed, with mode): -1 when any
 * part is a link.  The caller checks what it opened (fstat). */
int mj_jfs_open(const char *root, const char *rel, int flags, unsigned mode);
/* The kind of rel (a link at rel is MJ_KIND_LINK); -1 when it does not
 * exist or a folder on the way is a link (ELOOP). */
int mj_jfs_kind(const char *root, const char *rel, enum mj_file_kind *kind);
/*
 * The journal's root opened once, for many reads (the loader's): a
 * descriptor for the *_at functions (with root < 0 they fail with EBADF).
 */
int mj_jfs_root(const char *root);
/* As mj_jfs_read. */
enum mj_read_status mj_jfs_read_at(int root, const char *rel, size_t limit,
				   char **out, size_t *len);
struct mj_dirent;
/* As mj_fs_list, for the folder rel ("" for root itself). */
int mj_jfs_list_at(int root, const char *rel, struct mj_dirent **out,
		   size_t *n);
/*
 * After a call above failed: the first part of rel (as "a", "a/b", ...)
 * that is a symbolic link, or else one before the last that is not a
 * folder, or else rel itself, with its kind.  Returns that path (caller
 * frees), or NULL when rel does not exist up to there (or is not a path
 * mjournal uses).
 */
char *mj_jfs_culprit(const char *root, const char *rel,
		     enum mj_file_kind *kind);
/* Resolve one part at a time even where openat2 exists (the tests use
 * both ways). */
void mj_jfs_walk_only(bool on);

/* ---- a folder already open ---- */

/* Writes name inside the open folder dir, as mj_jfs_write. */
int mj_fs_write_at(int dir, const char *name, const char *data, size_t len,
		   enum mj_write_mode how);

/*
 * A file too large to hold whole, written in parts into a temporary file
 * beside it and then put in place as mj_fs_write_at would (how; with
 * MJ_WRITE_IF_CHANGED a file holding the same bytes is left as it is).
 * After begin, add any number of parts; end always releases w, and says
 * 0, or -1 with errno for the first thing that failed (nothing is then
 * put in place; an err set before end drops the file the same way).
 */
struct mj_fs_parts {
	int dir;
	char *name;
	char *tmp;
	int fd;
	int err; /* the first failure's errno */
};
int mj_fs_parts_begin(struct mj_fs_parts *w, int dir, const char *name);
void mj_fs_parts_add(struct mj_fs_parts *w, const char *data, size_t len);
int mj_fs_parts_end(struct mj_fs_parts *w, enum mj_write_mode how);
/* An unnamed temporary file in dir, for what a command cannot hold in
 * memory: gone when closed, or when the command dies; a descriptor, or
 * -1 with errno. */
int mj_fs_spill_at(int dir);

/* ---- paths the user gave ---- */

/*
 * Reads the regular file at path (never following a symbolic link) into
 * *out (NUL-terminated, caller frees), unless it is larger than limit.
 */
enum mj_read_status mj_fs_read(const char *path, size_t limit, char **out,
			       size_t *len);
/* Writes path as how says (as mj_jfs_write; the folders on the way are
 * the user's, links among them followed). */
int mj_fs_write(const char *path, const char *data, size_t len,
		enum mj_write_mode how);
/* Makes the folder path; an existing one must be a folder itself, not a
 * link to one (ELOOP) nor a file (ENOTDIR). */
int mj_fs_mkdir(const char *path);
/* As mkdir -p: path and every missing folder above it; path itself as
 * mj_fs_mkdir wants it. */
int mj_fs_mkdir_parents(const char *path);
/* Makes the folder path when there is none: a folder the user named (init
 * DIR) or git's settings name (the hooks), where an existing folder, or a
 * link to one, is used as it is.  Never for a folder inside a journal. */
int mj_fs_user_folder(const char *path);
/* Opens the folder path (made first with mj_fs_mkdir_parents when make),
 * never a link to one: a descriptor for mj_fs_write_at, or -1. */
int mj_fs_open_dir(const char *path, bool make);
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

/* Writes all of data to fd, again after an interruption; 0, or -1 with
 * errno. */
int mj_fs_write_all(int fd, const char *data, size_t len);
/* len bytes written at, or read from, offset at of fd: 0, or -1 with
 * errno (a file that ends first: EIO). */
int mj_fs_pwrite_all(int fd, const char *data, size_t len, off_t at);
int mj_fs_pread_all(int fd, char *data, size_t len, off_t at);
/*
 * A full disk, for tests: with MJOURNAL_FAULT_ENOSPC=N the Nth flushed
 * file write of the process (counting from 1) fails with ENOSPC, and with
 * N- that one and every one after it.  Called once by each such write.
 */
bool mj_fs_fault_full(void);

#endif
