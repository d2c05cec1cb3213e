/*
 * mj_lock.h - the locks mjournal takes, and git's it waits for.
 *
 * mjournal takes two locks: the journal's own (.mjournal/lock, an flock
 * the kernel releases when the process ends, however it ends) and git's
 * index lock (.git/index.lock, a file made with O_EXCL, as git makes it).
 * Each holds "mjournal PID HOST", so that a message can say who holds it
 * and a lock whose holder ended without releasing it (killed, on this
 * machine) is taken over at once, with a message naming it.  Git's own
 * lock files are never removed: mjournal waits for them, then names them
 * with what to do.  A lock path that is not a plain file (a folder, a
 * link) is refused.  Functions return 0 or a descriptor, or -1 with errno
 * set.
 */
#ifndef MJ_LOCK_H
#define MJ_LOCK_H

/* Who holds a lock mjournal took (pid 0: nobody known). */
struct mj_lock_holder {
	long pid;
	char host[64]; /* "" when the lock did not say (an older mjournal) */
	char ref[200]; /* the git ref it was moving ("refs/tags/x"), or "" */
};

/*
 * Takes the journal's write lock (.mjournal/lock under root, made with
 * the folder when missing, never through a link: see mj_jfs_open),
 * without waiting.  Returns a descriptor for mj_lock_release_journal, or
 * -1 with errno EWOULDBLOCK (another holds it: *other is who, when the
 * lock says), EISDIR or EINVAL (the lock is a folder, a device), ELOOP or
 * ENOTDIR (a link on the way).  When the lock names a holder that ended
 * without releasing it, *other is that holder.
 */
int mj_lock_journal(const char *root, struct mj_lock_holder *other);
/* Releases it: emptied, then closed (a negative fd is ignored). */
void mj_lock_release_journal(int fd);

/* How long a command waits for a lock: MJOURNAL_LOCK_WAIT seconds (5). */
double mj_lock_wait(void);

/*
 * Takes a lock file as git does (path made with O_EXCL), waiting up to
 * wait seconds with backoff while another holds it.  A lock mjournal left
 * on this machine whose process is gone is taken over (*other is who left
 * it; pid 0 when none was).  Returns the open file, or -1 with errno
 * EWOULDBLOCK (still held after wait), ESTALE (older than stale seconds:
 * nobody seems to be using it), EINVAL (not a plain file), or another.
 */
int mj_lock_file(const char *path, double wait, double stale,
		 struct mj_lock_holder *other);
/*
 * Says in the lock file fd took that its holder is about to move the git
 * ref (a kill leaves that ref's own lock behind: whoever takes the lock
 * over knows it is the killed holder's).  0, or -1.
 */
int mj_lock_file_say_ref(int fd, const char *ref);
/* Releases what mj_lock_file took: removed, then closed. */
void mj_lock_release_file(const char *path, int fd);
/*
 * Waits up to wait seconds until nobody holds the lock file path (git is
 * about to take it itself); errors and *other as mj_lock_file.
 */
int mj_lock_wait_gone(const char *path, double wait, double stale,
		      struct mj_lock_holder *other);

/* "mjournal (PID 123 on HOST)"; caller frees. */
char *mj_lock_holder_text(const struct mj_lock_holder *holder);
/* Says on standard error that the lock shown (".mjournal/lock") was left
 * by holder, which ended without releasing it, and is taken over. */
void mj_lock_say_taken_over(const char *shown,
			    const struct mj_lock_holder *holder);

#endif
