/*
 * mj_git.h - the git repository that holds a journal, through libgit2.
 *
 * Paths given to these functions are relative to the journal root; the
 * module maps them into the repository, which may hold the journal as one
 * of its folders.  Functions return 0, or -1 with a message for
 * mj_git_error().
 */
#ifndef MJ_GIT_H
#define MJ_GIT_H

#include "mj_journal.h"
#include "mj_util.h"

#include <stdbool.h>

struct mj_repo;

/* Library set-up (done by the first function that needs it; tests call
 * it themselves) and tear-down, once per process. */
void mj_git_setup(void);
void mj_git_teardown(void);
/* The message of the last failure, in git's tone; a URL in it is shown
 * as mj_url_redact shows it. */
const char *mj_git_error(void);
/*
 * text with the user name and password of every URL in it left out, as
 * git's transport_anonymize_url shows a remote: "https://user:pw@host/x"
 * is "https://host/x".  The userinfo is what comes after "://" and up to
 * the last '@' of the authority (which ends at '/', '?', '#', white space
 * or a byte no URL holds unescaped); scp's "user@host:path" has no
 * password and stays.  Only libgit2 is given the URL itself: messages and
 * outputs show this.  Caller frees.
 */
char *mj_url_redact(const char *text);

/* Makes dir a git repository unless it already is inside one (alone:
 * unless it is one itself, so that it is a repository of its own even
 * inside another's working tree). */
int mj_git_init(const char *dir, bool alone, bool *created);
/* Opens the repository that contains the journal at root. */
int mj_git_open(struct mj_repo **out, const char *root);
void mj_git_free(struct mj_repo *repo);

/*
 * Records paths (changed, added or removed in the working tree) in the index
 * and commits exactly them on HEAD (an unborn HEAD too), whatever else the
 * index holds.  Private notes (*.private.md) are refused.  owner is the
 * journal's owner ("Name <email>"), the identity used when git has none;
 * may be NULL.  *committed is false when nothing changed.  While a merge
 * is under way the whole index is committed, as a merge of two parents
 * titled by mj_git_merge_title, message below the title.
 */
int mj_git_commit_paths(struct mj_repo *repo, const struct mj_strvec *paths,
			const char *message, const char *owner, bool *committed);

/* Is a merge under way (git's MERGE_HEAD): sync stopped, or was stopped. */
bool mj_git_merging(struct mj_repo *repo);
/*
 * The title of the commit that finishes the merge under way (the first
 * line of git's MERGE_MSG: "Merge origin/main: sync the journal"), or
 * NULL when none is; caller frees.  mj_git_commit_paths makes that commit
 * a merge with this title, the command's own message below it.
 */
char *mj_git_merge_title(struct mj_repo *repo);

/* Does the tag exist. */
bool mj_git_tag_exists(struct mj_repo *repo, const char *name);
/*
 * Removes the tag name (a tag that does not exist is no failure), and
 * remembers that it did: the next push removes it from the remote, and
 * until then no fetch brings it back.
 */
int mj_git_tag_delete(struct mj_repo *repo, const char *name);
/* An annotated tag name on HEAD with message; fails if it exists. */
int mj_git_tag(struct mj_repo *repo, const char *name, const char *message,
	       const char *owner);
/*
 * The annotated tag from, as the tag to on HEAD with from's message; from
 * then removed as mj_git_tag_delete removes one (remembered, so that the
 * next push removes it from the remote).
 */
int mj_git_tag_rename(struct mj_repo *repo, const char *from, const char *to,
		      const char *owner);
/* The files git tracks (its index) under the journal's folder dir, by
 * their path in the journal, appended to out. */
int mj_git_tracked(struct mj_repo *repo, const char *dir, struct mj_strvec *out);

/*
 * Checks that commits can be made: an identity from the environment, git's
 * configuration or owner.  Used before writing anything.
 */
int mj_git_check_identity(struct mj_repo *repo, const char *owner);

/*
 * The identity git would commit with from dir, as "Name <email>": from
 * GIT_AUTHOR_NAME/EMAIL, else user.name/user.email of the repository holding
 * dir (or the global configuration).  *out is NULL when git has none.
 */
void mj_git_default_person(const char *dir, char **out);

/* A string from the git configuration seen from dir (or the user's), or
 * NULL; caller frees. */
char *mj_git_config_string(const char *dir, const char *name);
/* The folder of the repository's hooks (core.hooksPath honoured). */
int mj_git_hooks_dir(struct mj_repo *repo, char **out);

enum mj_change_kind {
	MJ_CHANGE_NEW,
	MJ_CHANGE_MODIFIED,
	MJ_CHANGE_DELETED,
	MJ_CHANGE_RENAMED,
	MJ_CHANGE_TYPECHANGE,
	MJ_CHANGE_CONFLICTED,
	MJ_CHANGE_PRIVATE, /* a private note: never to commit */
	MJ_CHANGE_BAD_NAME, /* a name mjournal never uses (a control character
			     * in it, mj_jfs_path_ok): never to commit */
};

struct mj_change {
	char *path; /* relative to the journal root */
	enum mj_change_kind kind;
	bool staged; /* the change is in the index already */
};

struct mj_changes {
	struct mj_change *items;
	size_t len;
	size_t cap;
};

/*
 * What differs from HEAD inside the journal, as git status sees it:
 * changes, untracked files (each file of a new folder), and the private
 * notes git ignores.  Sorted by path.  walk holds the folders the
 * journal's loader listed (journal->walk), compared with git's index
 * instead of listing them again; NULL lists every folder.  Files found
 * unchanged with stale stat data are remembered in repo: the next commit
 * (mj_git_commit_paths) or mj_git_refresh_index writes them into the
 * index.
 */
int mj_git_status(struct mj_repo *repo, struct mj_walk *walk,
		  struct mj_changes *out);
/*
 * Refreshes git's index with what the last mj_git_status found, when
 * nobody holds the index now (never waits: git refreshes it as well).
 */
int mj_git_refresh_index(struct mj_repo *repo);
void mj_changes_free(struct mj_changes *changes);
const char *mj_change_kind_name(enum mj_change_kind kind);
/* Is c one mjournal never commits: a private note, or a bad name. */
bool mj_change_never_committed(const struct mj_change *c);

/* What mj_git_sync does. */
enum { MJ_SYNC_PULL = 1, MJ_SYNC_PUSH = 2 };

/* How a file of a merge conflicts. */
enum mj_conflict_kind {
	MJ_CONFLICT_BOTH_EDITED,   /* both sides changed the same lines */
	MJ_CONFLICT_DELETED_THERE, /* edited here, deleted (or renamed away) there */
	MJ_CONFLICT_DELETED_HERE,  /* deleted here, edited there */
	MJ_CONFLICT_RENAMED_BOTH,  /* renamed on both sides, to two names */
	MJ_CONFLICT_ADDED_BOTH,    /* added on both sides, different words */
	MJ_CONFLICT_RENAMED_HERE,  /* renamed here, deleted there */
	MJ_CONFLICT_RENAMED_THERE, /* deleted here, renamed there */
};

struct mj_conflict {
	enum mj_conflict_kind kind;
	char *path;  /* relative to the journal ("../" outside it) */
	/* the new names: RENAMED_BOTH both, RENAMED_HERE here, RENAMED_THERE
	 * there; else NULL */
	char *here, *there;
};

struct mj_sync_result {
	char *remote, *branch;
	bool remote_empty;  /* the remote has no such branch yet */
	bool up_to_date, fast_forward, merged;
	bool conflict;      /* the merge stopped: files to resolve */
	struct mj_conflict *conflicts; /* sorted by path */
	size_t n_conflicts;
	char *ours_label, *theirs_label; /* on the marker lines */
	bool pushed;        /* the push changed the remote */
	size_t pushed_tags; /* the closed tags it added, replaced or removed */
	bool pushed_nothing; /* it had everything the push would send */
	bool upstream_set;
	bool head_set;      /* the remote's HEAD named no branch: now this one */
	bool head_dangling; /* it names none, and mjournal cannot change it */
	bool remote_moved;  /* the push was refused: the remote has commits
			     * pushed since it was fetched (sync again) */
	/* files one side added to a folder the other renamed, moved by the
	 * merge from moved_from[i] to moved_to[i] */
	struct mj_strvec moved_from, moved_to;
};

/*
 * Shares the journal through a git remote (remote: NULL for the branch's
 * upstream, else origin, else the only one): fetch, then fast-forward or
 * merge (MJ_SYNC_PULL), then push (MJ_SYNC_PUSH, not after a conflict),
 * setting the upstream on the first push.  A conflicted merge is left as
 * git leaves one (markers in the files, MERGE_HEAD) with out->conflict set;
 * that is not a failure of this function.
 */
int mj_git_sync(struct mj_repo *repo, const char *remote, unsigned what,
		const char *owner, struct mj_sync_result *out);
void mj_sync_result_free(struct mj_sync_result *result);

/*
 * Is there a record of a sync that was stopped while it brought files in
 * (killed, or a disk that filled and could not be undone).
 */
bool mj_git_sync_interrupted(const char *root);
/*
 * Finishes (when the branch had moved) or undoes (the files, git's index
 * and MERGE_HEAD put back as before the sync) what an interrupted sync
 * left in the journal at root; the caller holds the journal's lock.
 * *said (caller frees; NULL when there was nothing) is one sentence on
 * what was done.  -1 when it cannot be done, with the reason.
 */
int mj_git_sync_recover(const char *root, char **said);

/* The tags close makes ("SLUG/closed"), by name. */
void mj_git_closed_tags(struct mj_repo *repo, struct mj_strvec *out);

/* A file's text, or that there is none (found false). */
struct mj_text {
	char *text;
	size_t len;
	bool found;
};
bool mj_text_equal(const struct mj_text *a, const struct mj_text *b);
void mj_text_free(struct mj_text *text);
/* path (relative to the journal) as HEAD holds it; found false when HEAD
 * has no such file (or no commit yet). */
int mj_git_head_text(struct mj_repo *repo, const char *path,
		     struct mj_text *out);
/*
 * Merges ours and theirs from base as git merges a file (line by line);
 * *clean is false when both changed the same lines: *out then holds both
 * versions between markers labelled ours_label and theirs_label.
 */
int mj_git_merge_text(const char *path, const struct mj_text *base,
		      const struct mj_text *ours, const char *ours_label,
		      const struct mj_text *theirs, const char *theirs_label,
		      struct mj_text *out, bool *clean);

/*
 * Adds the remote name at url.  encrypted: as gcrypt::url (git-remote-
 * gcrypt's format), readable by keys (GPG keys: fingerprints, ids or
 * e-mail addresses, each checked in the keyring, one of them the user's
 * own), recorded by fingerprint in remote.NAME.gcrypt-participants, and
 * marked (mjournal.NAME.encrypted, the hub's URL) so that no later URL
 * sends it in plain text.  A marked name is never added again plain.
 */
int mj_git_remote_add(struct mj_repo *repo, const char *name, const char *url,
		      bool encrypted, const struct mj_strvec *keys);
/* Who may read an encrypted remote: a participant as configured, what
 * the keyring says of it, and what makes it unusable (NULL: nothing). */
struct mj_gcrypt_key {
	char *key, *fingerprint, *uid, *problem;
};
/*
 * The participants of the encrypted remote name, after adding the keys in
 * add and taking out those in remove (a fingerprint, or what names one in
 * the keyring); *out has *n of them, freed with mj_gcrypt_keys_free.
 */
int mj_git_remote_keys(struct mj_repo *repo, const char *name,
		       const struct mj_strvec *add, const struct mj_strvec *remove,
		       struct mj_gcrypt_key **out, size_t *n);
void mj_gcrypt_keys_free(struct mj_gcrypt_key *keys, size_t n);
/*
 * May git push to remote (its name, or the URL given in its place) at url
 * go: updates is what git's pre-push hook reads ("LOCAL-REF ID REMOTE-REF
 * ID" lines).  -1 after saying why when it would send the journal in
 * plain text to a remote or hub mjournal knows as encrypted.
 */
int mj_git_push_allowed(struct mj_repo *repo, const char *remote,
			const char *url, const char *updates);

/* The names of the remotes of the repository holding dir (none: empty). */
void mj_git_remote_names(const char *dir, struct mj_strvec *out);

/* A journal source reading the git index (what is staged). */
int mj_git_source_index(struct mj_repo *repo, struct mj_source *out);
/*
 * A journal source reading the tree ref names ("refs/heads/main"), the
 * journal at the repository's top; private notes (*.private.md) are never
 * listed, so never read.
 */
int mj_git_source_tree(struct mj_repo *repo, const char *ref,
		       struct mj_source *out);
void mj_git_source_free(struct mj_source *src);

/*
 * Fetches the branches of the remote at url into the bare repository dir
 * (made when missing) and opens it; *ref names the branch to read: the
 * remote's HEAD, else main, else master.  Caller frees *ref.
 */
int mj_git_mirror(struct mj_repo **out, const char *dir, const char *url,
		  char **ref);
/*
 * The copy an earlier mj_git_mirror left in dir, for when the remote
 * cannot be reached: *ref the branch that fetch read, *fetched when (in
 * seconds since the epoch).  -1 when there is no such copy (quietly).
 */
int mj_git_mirror_cached(struct mj_repo **out, const char *dir, char **ref,
			 long long *fetched);
/* Was the last mj_git_mirror's failure a remote out of reach (no
 * answer, no connection, a path not there), not a refusal (a password,
 * a key, a repository not found on a server that answered). */
bool mj_git_unreachable(void);
/* Was the last mj_git_mirror of an encrypted hub (gcrypt::) refused as
 * no key in this keyring may read it. */
bool mj_git_not_a_reader(void);

/* The hub of remote name as "gcrypt::URL" (its password left out) when
 * mjournal knows name as an encrypted remote, else NULL; caller frees. */
char *mj_git_encrypted_hub(struct mj_repo *repo, const char *name);

/*
 * Publishes figures (text, len: a document for the programme's managers)
 * beside the encrypted history of the encrypted remote name: encrypted by
 * gpg to key alone (its key id hidden; nothing is sent unless gpg
 * encrypted it), in a commit of no one (root, 2013, as git-remote-gcrypt
 * makes them) holding the file figures.gpg, pushed to
 * refs/mjournal/figures of each git repository the remote's hub is, in
 * place of what was there.  0, or -1 after saying why.
 */
int mj_git_publish_figures(struct mj_repo *repo, const char *name,
			   const char *key, const char *text, size_t len);
/*
 * The figures the encrypted hub at url (gcrypt::...) publishes, fetched
 * into the bare repository dir (made when missing) and decrypted with
 * this keyring: *out (caller frees), *len.  -1 after saying why, and
 * mj_git_figures_missing says whether it was for want of figures or of a
 * key.
 */
int mj_git_hub_figures(const char *dir, const char *url, char **out,
		       size_t *len);
enum mj_figures_missing {
	MJ_FIGURES_THERE,  /* not the reason: another failure */
	MJ_FIGURES_NONE,   /* the hub holds none */
	MJ_FIGURES_NO_KEY, /* this keyring has no key to decrypt them */
};
enum mj_figures_missing mj_git_figures_missing(void);

/* The commit ref ("HEAD", "refs/heads/main") names in repo, in hex, or
 * NULL; caller frees. */
char *mj_git_ref_commit(struct mj_repo *repo, const char *ref);

/*
 * Paths in the index or in HEAD that git must never have: private notes
 * (every *.private.md, and those of also, notes private by their front
 * matter; may be NULL) and mjournal's own files (.mjournal and under it:
 * mj_journal_path_is_own).
 */
int mj_git_tracked_forbidden(struct mj_repo *repo,
			     const struct mj_strvec *also, struct mj_strvec *out);
/* repo is read for someone else (programme reading a journal folder):
 * what it finds is not remembered in the journal's .mjournal. */
void mj_git_write_no_memo(struct mj_repo *repo);

#endif
