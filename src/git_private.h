/*
 * git_private.h - what git.c and git_remote.c share inside the git module;
 * nothing outside the module includes it.
 */
#ifndef MJ_GIT_PRIVATE_H
#define MJ_GIT_PRIVATE_H

#include "mj_git.h"
#include "mj_model.h"

#include "git_compat.h"

#include <sys/stat.h>

/* A file whose stat data in git's index were stale, its content the
 * same: what refreshing its entry needs (git_status.c finds them). */
struct mjg_fresh {
	char *path; /* relative to the work tree */
	git_oid id;
	struct mj_stamp stamp;
};

/* A lock file older than this is named as probably left behind. */
#define MJG_STALE_LOCK_SECONDS 600

struct mj_repo {
	git_repository *repo;
	char *root;   /* absolute journal root */
	char *prefix; /* the journal's folder inside the work tree: "" or "a/b/" */
	struct mjg_fresh *fresh; /* found by the last mj_git_status */
	struct mjg_credential *credential; /* the command's, for every remote */
	size_t n_fresh, cap_fresh;
	bool no_memo; /* read for someone else: no memo written (git_status.c) */
};

/* Records a failure for mj_git_error(), with libgit2's own message; -1.
 * Only right after the libgit2 call that failed: libgit2 keeps messages
 * of calls that went on (a missing ignore file) that are not the reason. */
int mjg_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Records a failure of mjournal's own reason, without libgit2's; -1. */
int mjg_fail_own(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The identity for role ("AUTHOR", "COMMITTER"), as git decides it. */
int mjg_identity(git_signature **out, git_repository *repo, const char *role,
		 const char *owner);
/*
 * Waits (MJOURNAL_LOCK_WAIT) while another git command holds the index
 * lock, before a libgit2 call that writes the index itself (checkout,
 * merge); -1 after saying so when it stays held.
 */
int mjg_wait_index_free(git_repository *repo);
/* The same for the lock git takes to move the branch HEAD names
 * (.git/refs/heads/BRANCH.lock), before mjournal moves it. */
int mjg_wait_branch_free(git_repository *repo);
/* Sets libgit2 up, once, before its first use (every entry point that
 * has no repository yet calls it). */
void mjg_ready(void);
/* The last part of path. */
const char *mjg_base_of(const char *path);
/* Reads path (relative to the journal) from the work tree; NULL when it
 * cannot be read (deleted, too large). */
char *mjg_read_workdir(struct mj_repo *repo, const char *path, size_t *len);
/* Sets e's stat data (times, device, inode, owner, size) from st, as git
 * records them for a file it has just seen. */
void mjg_entry_stat(git_index_entry *e, const struct stat *st);
/* Forgets the fresh entries the last status found. */
void mjg_fresh_clear(struct mj_repo *repo);
/* The repository's index as on disk now (force: even when unchanged);
 * -1 after saying why, with what to do when git wrote it in a form
 * libgit2 cannot read (a split index). */
int mjg_read_index(git_index **out, git_repository *repo, bool force);
/* HEAD's commit, or NULL on an unborn branch. */
int mjg_head_commit(git_commit **out, git_repository *repo);
/*
 * Takes git's index lock (.git/index.lock) as git does, waiting for a git
 * status that holds it for a moment; *lock is its path, for
 * mjg_unlock_index (which accepts NULL).
 */
int mjg_lock_index(struct mj_repo *repo, char **lock, int *fd);
void mjg_unlock_index(char *lock, int fd);
/* Writes index as .git/index while mjournal holds index.lock: to a file
 * beside it, renamed into place. */
int mjg_write_index(struct mj_repo *repo, git_index *index);
/*
 * git_checkout.c: the other side's commit brought into the work tree,
 * each file through a temporary file renamed into place, after a record
 * (.mjournal/sync) that lets the next command finish or undo a sync
 * stopped half way.  label names the other side ("origin/main").
 *
 * mjg_fast_forward moves the branch ref (full name; unborn: made) to
 * target; mjg_merge merges theirs into HEAD, as git merges (renames
 * found), and commits the merge, or leaves the conflicts with git's
 * MERGE_HEAD and out->conflicts set.  A file that cannot be written
 * (a full disk) undoes what was written: the journal is as before.
 */
int mjg_fast_forward(struct mj_repo *repo, const char *ref,
		     const git_oid *target, bool unborn, const char *label);
int mjg_merge(struct mj_repo *repo, const git_oid *theirs, const char *label,
	      const char *branch, const char *owner, struct mj_sync_result *out);
/* git_gate.c: why a commit may not take (or a push send) a file. */
struct mjg_refusal {
	char *path;       /* in the repository */
	const char *why;  /* "a private note", ... */
	int line;         /* of a conflict marker, or 0 */
	git_oid commit;   /* the commit that brings it in (push) */
	char *summary;    /* that commit's title (push) */
};
/*
 * Judges what tree brings in compared with each of its parents (none: a
 * first commit brings in everything): 0 when it may enter, 1 with *out
 * (mjg_refusal_free) naming the first file that may not, -1 on error.
 * With only (paths in the repository), only those are compared: for a
 * tree known to differ from its first parent nowhere else.
 */
int mjg_gate_tree(struct mj_repo *repo, git_tree *tree,
		  git_tree *const *parents, size_t n_parents,
		  const struct mj_strvec *only, struct mjg_refusal *out);
/* Judges every commit that pushing refs (full names) to remote would
 * send: those its last fetched refs (refs/remotes/REMOTE/) lack. */
int mjg_gate_push(struct mj_repo *repo, const char *remote,
		  const git_strarray *refs, struct mjg_refusal *out);
void mjg_refusal_free(struct mjg_refusal *r);
/*
 * git_trust.c: libgit2's certificate check for url's server, decided as
 * git decides it (its http.* settings and GIT_SSL_* variables).  0 to
 * trust it, else GIT_ECERTIFICATE with a message that says what to set.
 */
int mjg_certificate_check(git_repository *repo, const char *url,
			  git_cert *cert, int valid, const char *host);

/*
 * git_limit.c: no object over MJ_FILE_SIZE_LIMIT is read whole.
 *
 * mjg_guard_objects makes every whole read of repo's objects (a checkout,
 * a merge, a walk) refuse one whose header says it is over the limit.
 */
int mjg_guard_objects(git_repository *repo);

/* References and where they point, as they were at one moment. */
struct mjg_refs {
	struct mj_strvec names;
	git_oid *ids;
	size_t cap;
};

/* The direct references whose names match glob (refs/heads/ and a star). */
void mjg_refs_collect(git_repository *repo, const char *glob,
		      struct mjg_refs *out);
void mjg_refs_free(struct mjg_refs *refs);
/* Puts the references matching glob back as was says (removing those
 * it does not have). */
int mjg_refs_restore(git_repository *repo, const char *glob,
		     const struct mjg_refs *was);
/*
 * Checks what the commits reachable from the references tips name (globs
 * as git_revwalk_push_glob takes them: "refs/tags" is every tag) and not
 * from hide bring: every file they add or change, by the size its header
 * gives, without reading it.  -1 after saying which files are over the
 * limit, in which commits, by whom, and what to do, naming the remote
 * source (as the user calls it); a commit over the limit is stopped by
 * the guard (repo must have one).
 */
int mjg_check_incoming(git_repository *repo, const char *const *tips,
		       size_t n_tips, const struct mjg_refs *hide,
		       const char *source);
/*
 * When url is a remote on this machine (a path, file://), checks every
 * commit of it not reachable from hide (in the remote, before a fetch:
 * libgit2's local transport inflates each object it sends); 0 for other
 * remotes, which are checked after their fetch.
 */
int mjg_check_local_remote(const char *url, const struct mjg_refs *hide,
			   const char *source);
/* git_remote.c: a user name and password (NULL: none). */
void mjg_credential_free(struct mjg_credential *credential);
/* Where mj_git_tag_delete remembers a tag it removed, by the tag's name
 * ("refs/mjournal/removed-tags/SLUG/closed"), pointing where it pointed. */
#define MJG_REMOVED_TAGS "refs/mjournal/removed-tags/"
/*
 * Before moving the ref PREFIX NAME: git's index lock taken, naming the
 * ref, so that a kill half way leaves a ref lock the next run knows to be
 * the killed run's.  0, or -1 after failing (*lock NULL); released with
 * mjg_unlock_index.
 */
int mjg_lock_ref(struct mj_repo *repo, const char *prefix, const char *name,
		 char **lock, int *fd);
/* The folder of a remote on this machine (a path, or file://), else NULL:
 * decided as libgit2 decides which transport to use. */
const char *mjg_remote_local_path(const char *url);

/* ---- git_gcrypt.c: encrypted remotes, through git and git-remote-gcrypt */

/*
 * Is remote name encrypted (marked by mjournal remote add --encrypted, or
 * a gcrypt:: URL): 1, else 0; -1 after saying why when it is, and git
 * would reach it (to push, or to fetch) at a URL that is not gcrypt::,
 * or git or its helper is missing.
 */
int mjg_gcrypt_encrypted(git_repository *repo, const char *name, bool push);
/* git fetch of the remote's branches and every tag (replaced when they
 * differ, as libgit2 does); -1 after saying why. */
int mjg_gcrypt_fetch(git_repository *repo, const char *name);
/* Is url a gcrypt:: URL. */
bool mjg_gcrypt_url(const char *url);
/* Fetches the branches of the encrypted hub at url (gcrypt::...) into the
 * bare repository repo, as they are there; -1 after saying why. */
int mjg_gcrypt_mirror(git_repository *repo, const char *url);
/* What a push through git-remote-gcrypt did. */
/* ---- running git and gpg, and GPG's keys (git_gcrypt.c), for the
 * encrypted hub's two halves (git_gcrypt.c, git_gcrypt_hub.c) ---- */

struct mjg_run {
	struct mj_buf out, err;
	int status;      /* the exit status; 127: it could not be run */
	bool timed_out;  /* silent for the whole wait, and stopped */
};

/* What a run is given besides its arguments. */
struct mjg_run_with {
	const char *input;        /* its standard input (NULL: nothing) */
	size_t input_len;
	const char *const *env;   /* "NAME=VALUE" more in its environment */
	const char *fd3;          /* a line read from its descriptor 3 (a
				   * passphrase: never on its command line) */
};

/*
 * Runs argv (found on PATH) in dir (NULL: here), its standard output and
 * error kept in r, as with says (NULL: no input, nothing more).  A run
 * that writes nothing for MJOURNAL_NETWORK_TIMEOUT seconds (network:
 * true) is stopped, with its helpers.  0 when it ran and exited 0.
 */
int mjg_run_given(const char *dir, const char *const *argv, bool network,
		  const struct mjg_run_with *with, struct mjg_run *r);
int mjg_run(const char *dir, const char *const *argv, bool network,
	    struct mjg_run *r);
void mjg_run_free(struct mjg_run *r);
/* Every line r's program wrote to its standard error, shown (credentials
 * in a URL redacted; of a progress line, its last state). */
void mjg_show_words(const struct mjg_run *r);
/* The top of the work tree (the git folder of a bare repository). */
const char *mjg_top_of(git_repository *repo);
/* The participants gcrypt encrypts to for remote name (NULL: none named,
 * gcrypt's "simple" mode); caller frees. */
char *mjg_participants_of(git_repository *repo, const char *name);
/* The words of text (blanks between them), appended to out. */
void mjg_split_words(const char *text, struct mj_strvec *out);
/* Every participant of remote name can be encrypted to and one of them is
 * this keyring's: 0, or -1 after naming the key and what to do. */
int mjg_keys_usable(git_repository *repo, const char *name);
/* Would moving ref from hub_id (hex) to src (a local ref) lose commits. */
bool mjg_loses_commits(git_repository *repo, const char *src,
		       const char *hub_id);

/* What a push to an encrypted remote did (git_gcrypt.c). */
struct mjg_gcrypt_pushed {
	bool moves_branch, creates_branch; /* the branch (branch) moved, made */
	size_t tag_changes;                /* tags added, replaced, removed */
	char *rejected;                    /* a ref refused, and why; caller frees */
};
/*
 * git push of refspecs ("[+]SRC:DST", ":DST") to remote name, after
 * checking every participant's key, and that the hub has nothing the
 * push would lose (gcrypt replaces what it has: a ref that would not
 * move forward is refused here, as out->rejected).  -1 after saying why.
 */
int mjg_gcrypt_push(git_repository *repo, const char *name, const char *branch,
		    const git_strarray *refspecs, struct mjg_gcrypt_pushed *out);

/* ---- an encrypted hub on this machine, pushed to in process
 * (git_gcrypt_hub.c) ---- */

/* A hub's manifest, as git-remote-gcrypt writes and reads it. */
struct mjg_manifest {
	struct mj_strvec refs;  /* "ID REF" */
	struct mj_strvec packs; /* "pack :SHA256:ID KEY" */
	struct mj_strvec keeps; /* "keep :SHA256:ID N" */
	struct mj_strvec extns; /* "extn ..." */
	char *repo;             /* the hub's id, ":id:..." */
};
/* text (decrypted) as the helper reads it, into m: 0, or -1 for a line
 * the helper would read otherwise or not at all (m then empty). */
int mjg_manifest_parse(const char *text, struct mjg_manifest *m);
/* m as the helper writes it (each list a line, even when empty). */
char *mjg_manifest_text(const struct mjg_manifest *m);
/* ref (a full name) at hex, its line last, or removed (hex: NULL). */
void mjg_manifest_set_ref(struct mjg_manifest *m, const char *ref,
			  const char *hex);
void mjg_manifest_free(struct mjg_manifest *m);

/* The id of branch in the bare repository on this machine plain names
 * (a path or a file:// URL), into hex: 0; 1: no such branch; -1: plain
 * names no such repository, or it cannot be read. */
int mjg_hub_branch(const char *plain, const char *branch, char hex[41]);
/*
 * Pushes refspecs ("[+]SRC:DST", ":DST") to remote name, whose hub is the
 * bare repository on this machine url names (as git-remote-gcrypt's push
 * is given it), its files on hub_branch there, which must still be
 * lease_hex (else out->rejected says to fetch first).  0 when done (the
 * hub's branch then in now; out as mjg_gcrypt_push says), -1 after saying
 * why (nothing pushed), 1 when it is one for git-remote-gcrypt (a hub
 * elsewhere, or one this file leaves to the helper: nothing done).
 */
int mjg_hub_push(git_repository *repo, const char *name, const char *url,
		 const char *hub_branch, const char *lease_hex,
		 const char *branch, const git_strarray *refspecs,
		 struct mjg_gcrypt_pushed *out, char now[41]);
/* A commit of no one, as git-remote-gcrypt makes them (root, 2013,
 * "Initial commit", no parent), of tree in repo, into out. */
int mjg_anon_commit(git_repository *repo, git_tree *tree, git_oid *out);

/* How long a remote may stay silent, in seconds: MJOURNAL_NETWORK_TIMEOUT,
 * else 60. */
unsigned mjg_network_timeout(void);

/* The value of key in repo's configuration, or NULL (quietly); caller
 * frees. */
char *mjg_config_string(git_repository *repo, const char *key);

#endif
