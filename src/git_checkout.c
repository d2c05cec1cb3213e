/*
 * git_checkout.c - the other side's files brought into the work tree, for
 * sync: a fast-forward or a merge, written by mjournal itself.
 *
 * libgit2's checkout writes a file in place, so a sync killed on the way
 * left notes cut short or empty.  Here every file goes through the
 * journal's own writer (a temporary file beside it, flushed, renamed into
 * place; a removal unlinks), after a record of the whole plan,
 * .mjournal/sync, flushed first:
 *
 *     mjournal sync 1
 *     kind merge                (or fast-forward)
 *     head OLD-HEAD             (zeros: the branch was unborn)
 *     target THEIR-COMMIT
 *     label origin/main
 *     put OLD-BLOB NEW-BLOB PATH   (zeros: no file), one line a file
 *
 * Order: the record, then (merge) MERGE_HEAD and MERGE_MSG, then the
 * removals, the writes, git's index, and last the branch (or the merge
 * commit); the record goes when all is done.  A sync stopped before the
 * branch moved is undone by the next command (mj_git_sync_recover): each
 * file listed that holds the old or the new words gets the old back, the
 * index entries of those paths are HEAD's again, MERGE_HEAD goes.  One
 * stopped after is finished.  A write that fails (a full disk) is undone
 * the same way at once.  A local change is never overwritten: a file
 * that holds neither the old nor the new words stops the sync before it
 * writes anything (and is left alone by an undo).
 *
 * Part of the git module.
 */
#include "git_private.h"
#include "mj_journal.h"

#include <git2/sys/index.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define RECORD ".mjournal/sync"

enum kind { FAST_FORWARD, MERGE };

struct put {
	char *path;      /* in the work tree */
	git_oid old_id;  /* HEAD's blob; zero: no file */
	git_oid new_id;  /* what sync writes; zero: removed */
	unsigned mode;   /* the new file's mode */
	char *text;      /* a merged file with markers: written as is */
	size_t len;
};

struct plan {
	enum kind kind;
	git_oid head, target;
	char *label;
	struct put *puts;
	size_t len, cap;
};

static void plan_free(struct plan *p)
{
	for (size_t i = 0; i < p->len; i++) {
		free(p->puts[i].path);
		free(p->puts[i].text);
	}
	free(p->puts);
	free(p->label);
	memset(p, 0, sizeof(*p));
}

static struct put *plan_add(struct plan *p, const char *path,
			    const git_oid *old_id, const git_oid *new_id,
			    unsigned mode)
{
	struct put *put;

	if (p->len == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 16;
		p->puts = mj_xrealloc(p->puts, p->cap * sizeof(*p->puts));
	}
	put = &p->puts[p->len++];
	memset(put, 0, sizeof(*put));
	put->path = mj_xstrdup(path);
	if (old_id)
		git_oid_cpy(&put->old_id, old_id);
	if (new_id)
		git_oid_cpy(&put->new_id, new_id);
	put->mode = mode;
	return put;
}

static const char *workdir_of(struct mj_repo *repo)
{
	return git_repository_workdir(repo->repo);
}

static char *journal_path(struct mj_repo *repo, const char *path);

/*
 * What failed in bringing label in, said with libgit2's reason; when that
 * reason is a name git will not write (".git" as some file systems also
 * spell it, "git~1"), who must mend it: only whoever committed it can.
 */
static int fail_bringing(const char *what, const char *label)
{
	const git_error *e = git_error_last();

	if (e && e->message && !strncmp(e->message, "invalid path", 12))
		return mjg_fail_own("nothing was brought in: %s holds a file "
				    "whose name git will not write (%s), as it "
				    "could stand for .git on some systems; "
				    "whoever committed it must rename it", label,
				    e->message);
	return mjg_fail("%s", what);
}

/* ---- the work tree, file by file ---- */

enum state { ABSENT, SAME_AS, OTHER };

/*
 * What the work tree holds at path: ABSENT, or a regular file whose blob
 * id is *id (SAME_AS), or anything else (a link, a folder, a file too
 * large, a name mjournal never writes): OTHER.
 */
static enum state look(const char *workdir, const char *path, git_oid *id)
{
	char *text = NULL;
	size_t len = 0;
	enum mj_read_status r = mj_jfs_read(workdir, path, MJ_FILE_SIZE_LIMIT,
					    &text, &len);

	if (r == MJ_READ_ERROR && (errno == ENOENT || errno == ENOTDIR))
		return ABSENT;
	if (r != MJ_READ_OK)
		return OTHER;
	git_odb_hash(id, text, len, GIT_OBJECT_BLOB);
	free(text);
	return SAME_AS;
}

/* Is path (in the work tree) a folder, not a link to one. */
static bool is_folder(const char *workdir, const char *path)
{
	char *full = mj_xasprintf("%s%s", workdir, path);
	struct stat st;
	bool folder = lstat(full, &st) == 0 && S_ISDIR(st.st_mode);

	free(full);
	return folder;
}

/* Does the work tree hold id at path (zero: no file there). */
static bool holds(enum state st, const git_oid *seen, const git_oid *id)
{
	if (git_oid_is_zero(id))
		return st == ABSENT;
	return st == SAME_AS && git_oid_equal(seen, id);
}

/* Removes path's folders that are left empty, up to the top. */
static void prune(const char *workdir, const char *path)
{
	char *dir = mj_xstrdup(path), *slash;

	while ((slash = strrchr(dir, '/'))) {
		*slash = '\0';
		if (mj_jfs_remove(workdir, dir) < 0)
			break;
	}
	free(dir);
}

/* Writes id (or text) at path as mode, or removes the file (zero id). */
static int put_file(git_repository *repo, const char *workdir,
		    const char *path, const git_oid *id, unsigned mode,
		    const char *text, size_t len)
{
	git_blob *blob = NULL;
	const char *slash = strrchr(path, '/');
	int rc;

	if (git_oid_is_zero(id)) {
		mj_fs_fault_point("before removing a file");
		if (mj_jfs_remove(workdir, path) < 0)
			return mjg_fail_own("cannot remove '%s': %s", path,
					    strerror(errno));
		prune(workdir, path);
		return 0;
	}
	if (!text) {
		if (git_blob_lookup(&blob, repo, id) < 0)
			return mjg_fail("cannot read '%s' from git", path);
		text = git_blob_rawcontent(blob);
		len = (size_t)git_blob_rawsize(blob);
	}
	if (slash) {
		char *dir = mj_xstrndup(path, (size_t)(slash - path));
		rc = mj_jfs_mkdir(workdir, dir);
		free(dir);
		if (rc < 0) {
			git_blob_free(blob);
			return mjg_fail_own("cannot make the folder of '%s': %s",
					    path, strerror(errno));
		}
	}
	rc = mj_jfs_write(workdir, path, text, len, MJ_WRITE_REPLACE);
	git_blob_free(blob);
	if (rc < 0)
		return mjg_fail_own("cannot write '%s': %s", path, strerror(errno));
	if (mode == GIT_FILEMODE_BLOB_EXECUTABLE) {
		int fd = mj_jfs_open(workdir, path, O_RDONLY, 0);
		if (fd >= 0) {
			fchmod(fd, 0755);
			close(fd);
		}
	}
	return 0;
}

/*
 * Checks that no file of the plan holds a local change: each holds HEAD's
 * words or the new ones (the sync already went that far).  -1 after
 * naming the first that does not.
 */
static int check_safe(struct mj_repo *repo, const struct plan *p)
{
	for (size_t i = 0; i < p->len; i++) {
		const struct put *put = &p->puts[i];
		git_oid seen;
		enum state st;
		char *rel = journal_path(repo, put->path);
		/* mjournal's own (its lock, its record of a sync): never from
		 * git, whoever committed it (taking it out of git is a change
		 * sync brings, as any other) */
		bool own = !git_oid_is_zero(&put->new_id) &&
			   strncmp(rel, "../", 3) && mj_journal_path_is_own(rel);

		if (own) {
			char *shown = mj_visible(rel, false);
			int rc = mjg_fail_own("nothing was brought in: %s brings "
					      "'%s', mjournal's own file, which "
					      "never belongs in git; whoever "
					      "committed it must take it out: git "
					      "rm -r --cached " MJ_JOURNAL_OWN_DIR,
					      p->label, shown);
			free(shown);
			free(rel);
			return rc;
		}
		free(rel);

		st = look(workdir_of(repo), put->path, &seen);
		if (holds(st, &seen, &put->old_id) || holds(st, &seen, &put->new_id))
			continue;
		/* a name another clone chose: a newline or a tab in it shown,
		 * never a line of its own */
		char *shown = mj_visible(put->path, false);
		int rc;
		if (!mj_jfs_path_ok(put->path)) {
			rc = mjg_fail_own("nothing was brought in: %s brings a "
					  "file named '%s', a name mjournal "
					  "never writes; whoever committed it "
					  "must rename it", p->label, shown);
			free(shown);
			return rc;
		}
		if (st == OTHER && git_oid_is_zero(&put->old_id) &&
		    is_folder(workdir_of(repo), put->path)) {
			/* a file where this journal keeps a folder: the other
			 * side's to mend, not this one's to commit */
			rc = mjg_fail_own("nothing was brought in: %s puts a file "
					  "at '%s', where the folder '%s' is; "
					  "whoever put the file there must put "
					  "the folder back (or the file "
					  "elsewhere)", p->label, shown, shown);
			free(shown);
			return rc;
		}
		rc = mjg_fail_own("nothing was brought in: %s changes '%s', "
				    "which %s; commit it or move it away first",
				    p->label, shown,
				    st == ABSENT ? "was deleted here and that is "
						   "not committed" :
				    st == OTHER ? "is not a file here (a folder, a "
						  "link, or too large to read)" :
				    git_oid_is_zero(&put->old_id) ?
						  "is here and git does not have it" :
						  "has changes here that are not "
						  "committed");
		free(shown);
		return rc;
	}
	return 0;
}

/* Writes the new files (removals first: a file may become a folder). */
static int apply_forward(struct mj_repo *repo, const struct plan *p)
{
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < p->len; i++) {
			const struct put *put = &p->puts[i];
			git_oid seen;

			if (git_oid_is_zero(&put->new_id) != (pass == 0))
				continue;
			if (holds(look(workdir_of(repo), put->path, &seen), &seen,
				  &put->new_id))
				continue; /* there already */
			if (put_file(repo->repo, workdir_of(repo), put->path,
				     &put->new_id, put->mode, put->text,
				     put->len) < 0)
				return -1;
		}
	return 0;
}

/* The mode of path in tree (a plain file's when it is not there). */
static unsigned mode_in(git_tree *tree, const char *path)
{
	git_tree_entry *e = NULL;
	unsigned mode = GIT_FILEMODE_BLOB;

	if (tree && git_tree_entry_bypath(&e, tree, path) == 0)
		mode = git_tree_entry_filemode(e);
	git_tree_entry_free(e);
	git_error_clear();
	return mode;
}

/*
 * Puts HEAD's files back (removals first): each file that holds the new
 * words gets the old ones; one that holds anything else is a change of
 * the user's, left alone and counted in *kept.
 */
static int apply_back(struct mj_repo *repo, const struct plan *p,
		      git_tree *head, size_t *kept)
{
	*kept = 0;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < p->len; i++) {
			const struct put *put = &p->puts[i];
			git_oid seen;
			enum state st;

			if (git_oid_is_zero(&put->old_id) != (pass == 0))
				continue;
			st = look(workdir_of(repo), put->path, &seen);
			if (holds(st, &seen, &put->old_id))
				continue;
			if (!holds(st, &seen, &put->new_id)) {
				(*kept)++;
				continue;
			}
			if (put_file(repo->repo, workdir_of(repo), put->path,
				     &put->old_id, mode_in(head, put->path), NULL,
				     0) < 0)
				return -1;
		}
	return 0;
}

/* ---- the record ---- */

static int record_write(struct mj_repo *repo, const struct plan *p)
{
	struct mj_buf b = MJ_BUF_INIT;
	char head[GIT_OID_HEXSZ + 1], target[GIT_OID_HEXSZ + 1];
	int rc;

	git_oid_tostr(head, sizeof(head), &p->head);
	git_oid_tostr(target, sizeof(target), &p->target);
	mj_buf_addf(&b, "mjournal sync 1\nkind %s\nhead %s\ntarget %s\nlabel %s\n",
		    p->kind == MERGE ? "merge" : "fast-forward", head, target,
		    p->label);
	for (size_t i = 0; i < p->len; i++) {
		char old[GIT_OID_HEXSZ + 1], new[GIT_OID_HEXSZ + 1];

		git_oid_tostr(old, sizeof(old), &p->puts[i].old_id);
		git_oid_tostr(new, sizeof(new), &p->puts[i].new_id);
		mj_buf_addf(&b, "put %s %s %s\n", old, new, p->puts[i].path);
	}
	rc = mj_jfs_mkdir(repo->root, ".mjournal") < 0 ||
	     mj_jfs_write(repo->root, RECORD, b.ptr, b.len, MJ_WRITE_REPLACE) < 0 ?
	     mjg_fail_own("cannot write %s: %s", RECORD, strerror(errno)) : 0;
	mj_buf_free(&b);
	return rc;
}

static int record_remove(struct mj_repo *repo)
{
	mj_fs_fault_point("before removing the sync's record");
	if (mj_jfs_remove(repo->root, RECORD) < 0)
		return mjg_fail_own("cannot remove %s: %s", RECORD, strerror(errno));
	return 0;
}

static bool parse_oid(git_oid *out, const char *hex, size_t len)
{
	return len == GIT_OID_HEXSZ && git_oid_fromstrn(out, hex, len) == 0;
}

/* Reads the record into p: 0, 1 when there is none, -1 when unreadable. */
static int record_read(const char *root, struct plan *p)
{
	char *text = NULL, *line, *next;
	size_t len;
	enum mj_read_status r = mj_jfs_read(root, RECORD, 64 * 1024 * 1024,
					    &text, &len);
	bool ok = true;

	memset(p, 0, sizeof(*p));
	if (r == MJ_READ_ERROR && errno == ENOENT)
		return 1;
	if (r != MJ_READ_OK)
		return mjg_fail_own("cannot read %s: %s", RECORD,
				    strerror(errno));
	for (line = text; ok && *line; line = next) {
		size_t n = strcspn(line, "\n");
		next = line[n] ? line + n + 1 : line + n;
		line[n] = '\0';
		if (!strncmp(line, "kind ", 5))
			p->kind = !strcmp(line + 5, "merge") ? MERGE : FAST_FORWARD;
		else if (!strncmp(line, "head ", 5))
			ok = parse_oid(&p->head, line + 5, strlen(line + 5));
		else if (!strncmp(line, "target ", 7))
			ok = parse_oid(&p->target, line + 7, strlen(line + 7));
		else if (!strncmp(line, "label ", 6))
			p->label = mj_xstrdup(line + 6);
		else if (!strncmp(line, "put ", 4)) {
			git_oid old, new;
			ok = strlen(line) > 4 + 2 * (GIT_OID_HEXSZ + 1) &&
			     parse_oid(&old, line + 4, GIT_OID_HEXSZ) &&
			     parse_oid(&new, line + 5 + GIT_OID_HEXSZ, GIT_OID_HEXSZ) &&
			     mj_jfs_path_ok(line + 6 + 2 * GIT_OID_HEXSZ);
			if (ok)
				plan_add(p, line + 6 + 2 * GIT_OID_HEXSZ, &old, &new,
					 GIT_FILEMODE_BLOB);
		}
	}
	free(text);
	if (!p->label)
		p->label = mj_xstrdup("the remote");
	if (!ok) {
		plan_free(p);
		return mjg_fail_own("%s is damaged; look at what git status "
				    "shows, then remove it", RECORD);
	}
	return 0;
}

/* ---- git's merge state ---- */

static char *git_file(struct mj_repo *repo, const char *name)
{
	return mj_path_join(git_repository_path(repo->repo), name);
}

static int merge_state_write(struct mj_repo *repo, const struct plan *p,
			     const char *message)
{
	char hex[GIT_OID_HEXSZ + 2];
	const char *names[] = { "MERGE_MSG", "MERGE_MODE", "MERGE_HEAD" };
	const char *texts[] = { message, "no-ff", hex };

	git_oid_tostr(hex, sizeof(hex), &p->target);
	strcat(hex, "\n");
	for (size_t i = 0; i < MJ_ARRAY_SIZE(names); i++) {
		char *path = git_file(repo, names[i]);
		int rc = mj_fs_write(path, texts[i], strlen(texts[i]),
				     MJ_WRITE_REPLACE);
		free(path);
		if (rc < 0)
			return mjg_fail_own("cannot write .git/%s: %s", names[i],
					    strerror(errno));
	}
	return 0;
}

/* Removes git's merge state when it is this sync's: MERGE_HEAD names
 * target, or is not there yet (MERGE_MSG was written first). */
static void merge_state_remove(struct mj_repo *repo, const git_oid *target)
{
	const char *names[] = { "MERGE_HEAD", "MERGE_MODE", "MERGE_MSG" };
	char *path = git_file(repo, "MERGE_HEAD");
	char *text = NULL;
	size_t len;
	git_oid id;
	enum mj_read_status r = mj_fs_read(path, 1024, &text, &len);

	if ((r == MJ_READ_ERROR && errno == ENOENT) ||
	    (r == MJ_READ_OK && parse_oid(&id, text, strcspn(text, "\n")) &&
	     git_oid_equal(&id, target)))
		for (size_t i = 0; i < MJ_ARRAY_SIZE(names); i++) {
			char *file = git_file(repo, names[i]);
			unlink(file);
			free(file);
		}
	free(text);
	free(path);
}

/* ---- git's index ---- */

/* Copies the stat data of path's file into its entry (it was written). */
static void stat_entry(git_index *index, const char *workdir, const char *path)
{
	const git_index_entry *e = git_index_get_bypath(index, path, 0);
	git_index_entry fresh;
	struct stat st;
	char *full;
	int rc;

	if (!e)
		return;
	full = mj_path_join(workdir, path);
	rc = lstat(full, &st);
	free(full);
	if (rc < 0 || !S_ISREG(st.st_mode))
		return;
	fresh = *e;
	mjg_entry_stat(&fresh, &st);
	git_index_add(index, &fresh);
}

/*
 * git's index as the sync leaves it: the resolved tree (unchanged entries
 * keep their stat data), and merged's conflicts (NULL: none).
 */
static int index_forward(struct mj_repo *repo, const struct plan *p,
			 git_tree *resolved, git_index *merged)
{
	git_index *index = NULL;
	git_index_conflict_iterator *it = NULL;
	const git_index_entry *anc, *ours, *theirs;
	char *lock = NULL;
	int fd = -1, rc = -1;

	if (mjg_lock_index(repo, &lock, &fd) < 0 ||
	    mjg_read_index(&index, repo->repo, true) < 0)
		goto done;
	if (git_index_read_tree(index, resolved) < 0) {
		fail_bringing("cannot update the git index", p->label);
		goto done;
	}
	for (size_t i = 0; i < p->len; i++)
		if (!git_oid_is_zero(&p->puts[i].new_id) && !p->puts[i].text)
			stat_entry(index, workdir_of(repo), p->puts[i].path);
	if (merged && git_index_conflict_iterator_new(&it, merged) == 0)
		while (git_index_conflict_next(&anc, &ours, &theirs, it) == 0)
			if (git_index_conflict_add(index, anc, ours, theirs) < 0) {
				mjg_fail("cannot record a conflict in the git index");
				goto done;
			}
	mj_fs_fault_point("before writing the git index");
	rc = mjg_write_index(repo, index);
done:
	git_index_conflict_iterator_free(it);
	git_index_free(index);
	mjg_unlock_index(lock, fd);
	return rc;
}

/* The entries of the plan's paths (and every conflict) as HEAD has them. */
static int index_back(struct mj_repo *repo, const struct plan *p, git_tree *head)
{
	git_index *index = NULL;
	git_index_conflict_iterator *it = NULL;
	const git_index_entry *anc, *ours, *theirs;
	struct mj_strvec paths = MJ_STRVEC_INIT;
	char *lock = NULL;
	int fd = -1, rc = -1;

	if (mjg_lock_index(repo, &lock, &fd) < 0 ||
	    mjg_read_index(&index, repo->repo, true) < 0)
		goto done;
	for (size_t i = 0; i < p->len; i++)
		mj_strvec_push(&paths, p->puts[i].path);
	if (git_index_conflict_iterator_new(&it, index) == 0)
		while (git_index_conflict_next(&anc, &ours, &theirs, it) == 0)
			mj_strvec_push(&paths, ours ? ours->path : theirs ?
				       theirs->path : anc->path);
	git_index_conflict_iterator_free(it);
	for (size_t i = 0; i < paths.len; i++) {
		git_tree_entry *te = NULL;
		git_index_conflict_remove(index, paths.items[i]);
		git_index_remove(index, paths.items[i], 0);
		if (head && git_tree_entry_bypath(&te, head, paths.items[i]) == 0 &&
		    git_tree_entry_type(te) == GIT_OBJECT_BLOB) {
			git_index_entry e;
			memset(&e, 0, sizeof(e));
			e.path = paths.items[i];
			e.mode = git_tree_entry_filemode(te);
			git_oid_cpy(&e.id, git_tree_entry_id(te));
			if (git_index_add(index, &e) < 0) {
				git_tree_entry_free(te);
				mjg_fail("cannot put the git index back");
				goto done;
			}
		}
		git_tree_entry_free(te);
	}
	git_error_clear();
	mj_fs_fault_point("before writing the git index");
	rc = mjg_write_index(repo, index);
done:
	mj_strvec_free(&paths);
	git_index_free(index);
	mjg_unlock_index(lock, fd);
	return rc;
}

/* ---- finishing or undoing ---- */

static void head_id(git_repository *repo, git_oid *out)
{
	memset(out, 0, sizeof(*out));
	if (git_reference_name_to_id(out, repo, "HEAD") < 0)
		memset(out, 0, sizeof(*out));
	git_error_clear();
}

/*
 * Undoes what p began, before the branch moved: files, index, merge
 * state, then the record.  *kept: files left alone (changed since).
 */
static int undo(struct mj_repo *repo, const struct plan *p, size_t *kept)
{
	git_commit *head = NULL;
	git_tree *tree = NULL;
	int rc = -1;

	if (mjg_head_commit(&head, repo->repo) < 0 ||
	    (head && git_commit_tree(&tree, head) < 0))
		goto done;
	if (apply_back(repo, p, tree, kept) < 0 || index_back(repo, p, tree) < 0)
		goto done;
	if (p->kind == MERGE)
		merge_state_remove(repo, &p->target);
	rc = record_remove(repo);
done:
	git_tree_free(tree);
	git_commit_free(head);
	return rc;
}

/*
 * A write failed: everything undone at once, the failure said with what
 * happened to the journal.  -1 always.
 */
static int fail_undone(struct mj_repo *repo, const struct plan *p)
{
	char *why = mj_xstrdup(mj_git_error());
	size_t kept;

	int undone = undo(repo, p, &kept);

	if (undone == 0 && !strncmp(why, "nothing was brought in", 22))
		mjg_fail_own("%s", why); /* said whole, with who must act */
	else if (undone == 0)
		mjg_fail_own("nothing was brought in from %s: %s; the journal is "
			     "as it was; fix that and run the command "
			     "again", p->label, why);
	else
		mjg_fail_own("%s; bringing in %s stopped half way and could not be "
			     "undone yet (%s): run mjournal status to undo it",
			     why, p->label, mj_git_error());
	free(why);
	return -1;
}

bool mj_git_sync_interrupted(const char *root)
{
	enum mj_file_kind kind;

	return mj_jfs_kind(root, RECORD, &kind) == 0;
}

int mj_git_sync_recover(const char *root, char **said)
{
	struct mj_repo *repo = NULL;
	struct plan p;
	git_oid now;
	size_t kept = 0;
	int rc;

	*said = NULL;
	rc = record_read(root, &p);
	if (rc != 0)
		return rc > 0 ? 0 : -1;
	rc = -1;
	if (mj_git_open(&repo, root) < 0)
		goto done;
	head_id(repo->repo, &now);
	if (!git_oid_equal(&now, &p.head)) {
		/* the branch moved: the files and the index were done */
		if (p.kind == MERGE)
			merge_state_remove(repo, &p.target);
		if (record_remove(repo) < 0)
			goto done;
		*said = mj_xasprintf("finished the sync that was interrupted: %s "
				     "is brought in", p.label);
	} else {
		if (undo(repo, &p, &kept) < 0)
			goto done;
		*said = mj_xasprintf("undid the sync that was interrupted: nothing "
				     "of %s is brought in%s; run mjournal sync "
				     "again", p.label, kept ? " (files changed since "
				     "are left as they are)" : "");
	}
	rc = 0;
done:
	if (rc < 0) {
		char *why = mj_xstrdup(mj_git_error());
		mjg_fail_own("a sync was interrupted and cannot be undone: %s", why);
		free(why);
	}
	plan_free(&p);
	mj_git_free(repo);
	return rc;
}

/* ---- the plan of a fast-forward or a merge ---- */

static bool in_strvec(const struct mj_strvec *v, const char *s)
{
	return mj_strvec_contains(v, s);
}

/* The files that differ from HEAD's tree (NULL: none) to tree, but
 * those of skip (a merge's conflicts, planned apart). */
static int plan_diff(struct mj_repo *repo, struct plan *p, git_tree *from,
		     git_tree *to, const struct mj_strvec *skip)
{
	git_diff *diff = NULL;
	git_diff_options opts;

	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	if (git_diff_tree_to_tree(&diff, repo->repo, from, to, &opts) < 0)
		return mjg_fail("cannot compare the trees");
	for (size_t i = 0; i < git_diff_num_deltas(diff); i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		bool added = d->status == GIT_DELTA_ADDED;
		bool deleted = d->status == GIT_DELTA_DELETED;
		const char *path = deleted ? d->old_file.path : d->new_file.path;
		unsigned mode = d->new_file.mode;

		if (skip && in_strvec(skip, path))
			continue;
		if (!deleted && mode != GIT_FILEMODE_BLOB &&
		    mode != GIT_FILEMODE_BLOB_EXECUTABLE) {
			/* said before the diff, which holds path, is freed */
			char *shown = mj_visible(path, false);
			mjg_fail_own("nothing was brought in: %s brings '%s', %s, "
				     "which mjournal never writes into a journal; "
				     "whoever committed it must take it out",
				     p->label, shown, mode == GIT_FILEMODE_LINK ?
				     "a symbolic link" : "not a file");
			free(shown);
			git_diff_free(diff);
			return -1;
		}
		if (d->status == GIT_DELTA_TYPECHANGE) {
			plan_add(p, path, &d->old_file.id, NULL, 0);
			plan_add(p, path, NULL, &d->new_file.id, mode);
			continue;
		}
		plan_add(p, path, added ? NULL : &d->old_file.id,
			 deleted ? NULL : &d->new_file.id, mode);
	}
	git_diff_free(diff);
	return 0;
}

/* A copy of merged with only its resolved entries, as a tree. */
static int resolved_tree(git_tree **out, git_repository *repo, git_index *merged)
{
	git_index *clean = NULL;
	git_oid id;
	int rc = -1;

	*out = NULL;
	if (git_index_new(&clean) < 0)
		return mjg_fail("cannot make an index");
	for (size_t i = 0; i < git_index_entrycount(merged); i++) {
		const git_index_entry *e = git_index_get_byindex(merged, i);
		if (git_index_entry_stage(e) == 0 && git_index_add(clean, e) < 0)
			goto done;
	}
	if (git_index_write_tree_to(&id, clean, repo) < 0 ||
	    git_tree_lookup(out, repo, &id) < 0)
		goto done;
	rc = 0;
done:
	if (rc < 0)
		mjg_fail("cannot write the merged tree");
	git_index_free(clean);
	return rc;
}

/* path in the work tree as the journal names it ("../" outside it). */
static char *journal_path(struct mj_repo *repo, const char *path)
{
	size_t n = strlen(repo->prefix);

	return strncmp(path, repo->prefix, n) ? mj_xasprintf("../%s", path) :
						mj_xstrdup(path + n);
}

static void conflict_add(struct mj_repo *repo, struct mj_sync_result *out,
			 enum mj_conflict_kind kind, const char *path,
			 const char *here, const char *there)
{
	struct mj_conflict *c;

	out->conflicts = mj_xrealloc(out->conflicts, (out->n_conflicts + 1) *
				     sizeof(*out->conflicts));
	c = &out->conflicts[out->n_conflicts++];
	c->kind = kind;
	c->path = journal_path(repo, path);
	c->here = here ? journal_path(repo, here) : NULL;
	c->there = there ? journal_path(repo, there) : NULL;
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct mj_conflict *)a)->path,
		      ((const struct mj_conflict *)b)->path);
}

/* The merge r (markers where both sides clash) planned at path, over
 * old_id (NULL: no file there), written as it is. */
static void plan_merged(struct plan *p, const char *path, const git_oid *old_id,
			const git_merge_file_result *r)
{
	struct put *put;
	git_oid id;

	git_odb_hash(&id, r->ptr, r->len, GIT_OBJECT_BLOB);
	put = plan_add(p, path, old_id, &id, r->mode ? r->mode : GIT_FILEMODE_BLOB);
	put->text = mj_xstrndup(r->ptr, r->len);
	put->len = r->len;
}

/*
 * A file renamed on both sides (n names its three paths) written under
 * both new names with both sides' words, merged as git merges them
 * (markers where they clash): each copy whole, so that keeping either
 * name loses nothing.  Without one of the three versions, each name keeps
 * its side's (the work tree has ours; theirs is planned).
 */
static int plan_renamed_both(struct mj_repo *repo, struct plan *p,
			     git_index *merged, const git_index_name_entry *n,
			     const git_merge_file_options *opts)
{
	const git_index_entry *anc = NULL, *ours = NULL, *theirs = NULL, *x, *y;
	git_merge_file_result r;

	if (git_index_conflict_get(&anc, &x, &y, merged, n->ancestor) < 0 ||
	    git_index_conflict_get(&x, &ours, &y, merged, n->ours) < 0 ||
	    git_index_conflict_get(&x, &y, &theirs, merged, n->theirs) < 0 ||
	    !anc || !ours || !theirs) {
		git_error_clear();
		if (theirs)
			plan_add(p, theirs->path, NULL, &theirs->id, theirs->mode);
		return 0;
	}
	if (git_merge_file_from_index(&r, repo->repo, anc, ours, theirs, opts) < 0)
		return mjg_fail("cannot merge '%s'", n->ancestor);
	plan_merged(p, ours->path, &ours->id, &r);
	plan_merged(p, theirs->path, NULL, &r);
	git_merge_file_result_free(&r);
	return 0;
}

/*
 * A file renamed from `from` to `to` on one side and deleted on the other
 * is recorded in merged as git records it: one conflict at `to`, the
 * common version there too (libgit2 leaves it at `from`, a conflict of
 * no one's file).
 */
static int conflict_follows_rename(git_index *merged, const char *from,
				   const char *to)
{
	const git_index_entry *anc = NULL, *ours = NULL, *theirs = NULL, *x, *y;
	git_index_entry e[3];
	char *path = mj_xstrdup(to);
	int rc;

	memset(e, 0, sizeof(e));
	if (git_index_conflict_get(&anc, &x, &y, merged, from) < 0 || !anc ||
	    git_index_conflict_get(&x, &ours, &theirs, merged, to) < 0) {
		git_error_clear();
		free(path);
		return 0; /* not as libgit2 leaves it: left alone */
	}
	e[0] = *anc;
	e[0].path = path;
	if (ours)
		e[1] = *ours, e[1].path = path;
	if (theirs)
		e[2] = *theirs, e[2].path = path;
	rc = git_index_conflict_remove(merged, from);
	if (rc == 0)
		rc = git_index_conflict_add(merged, &e[0], ours ? &e[1] : NULL,
					    theirs ? &e[2] : NULL);
	free(path);
	return rc;
}

/*
 * The conflicts of merged, planned and named: both sides' words with
 * markers in one file where both have it, else the side that has it;
 * never a NAME~HEAD beside it.  *paths gets every conflicted path.
 */
static int plan_conflicts(struct mj_repo *repo, struct plan *p,
			  git_index *merged, const char *ours_label,
			  const char *theirs_label, struct mj_strvec *paths,
			  struct mj_sync_result *out)
{
	git_index_conflict_iterator *it = NULL;
	const git_index_entry *anc, *ours, *theirs;
	struct mj_strvec renamed = MJ_STRVEC_INIT, named = MJ_STRVEC_INIT;
	struct mj_strvec moved_from = MJ_STRVEC_INIT, moved_to = MJ_STRVEC_INIT;
	git_merge_file_options opts;
	int rc = -1;

	git_merge_file_options_init(&opts, GIT_MERGE_FILE_OPTIONS_VERSION);
	opts.our_label = ours_label;
	opts.their_label = theirs_label;
	/* renamed on both sides: libgit2 names the three paths */
	for (size_t i = 0; i < git_index_name_entrycount(merged); i++) {
		const git_index_name_entry *n = git_index_name_get_byindex(merged, i);
		if (n->ancestor && n->ours && n->theirs &&
		    strcmp(n->ours, n->theirs) && strcmp(n->ancestor, n->ours) &&
		    strcmp(n->ancestor, n->theirs)) {
			conflict_add(repo, out, MJ_CONFLICT_RENAMED_BOTH, n->ancestor,
				     n->ours, n->theirs);
			if (plan_renamed_both(repo, p, merged, n, &opts) < 0)
				goto done;
			mj_strvec_push(&renamed, n->ancestor);
			mj_strvec_push(&renamed, n->ours);
			mj_strvec_push(&renamed, n->theirs);
		} else if (n->ancestor && !n->ours != !n->theirs &&
			   strcmp(n->ancestor, n->ours ? n->ours : n->theirs)) {
			/* renamed on one side, deleted on the other */
			const char *to = n->ours ? n->ours : n->theirs;
			conflict_add(repo, out, n->ours ? MJ_CONFLICT_RENAMED_HERE :
				     MJ_CONFLICT_RENAMED_THERE, n->ancestor,
				     n->ours, n->theirs);
			mj_strvec_push(&named, n->ancestor);
			mj_strvec_push(&named, to);
			mj_strvec_push(&moved_from, n->ancestor);
			mj_strvec_push(&moved_to, to);
		}
	}
	if (git_index_conflict_iterator_new(&it, merged) < 0) {
		mjg_fail("cannot read the merge's conflicts");
		goto done;
	}
	while (git_index_conflict_next(&anc, &ours, &theirs, it) == 0) {
		const char *path = ours ? ours->path : theirs ? theirs->path :
				   anc->path;
		mj_strvec_push(paths, path);
		if (in_strvec(&renamed, path))
			continue; /* planned above, both copies */
		if (ours && theirs) {
			git_merge_file_result r;
			if (git_merge_file_from_index(&r, repo->repo, anc, ours,
						      theirs, &opts) < 0) {
				mjg_fail("cannot merge '%s'", path);
				goto done;
			}
			plan_merged(p, path, &ours->id, &r);
			git_merge_file_result_free(&r);
		} else if (theirs) {
			plan_add(p, path, NULL, &theirs->id, theirs->mode);
		}
		if (in_strvec(&named, path))
			continue;
		if (ours && theirs)
			conflict_add(repo, out, anc ? MJ_CONFLICT_BOTH_EDITED :
				     MJ_CONFLICT_ADDED_BOTH, path, NULL, NULL);
		else if (ours)
			conflict_add(repo, out, MJ_CONFLICT_DELETED_THERE, path,
				     NULL, NULL);
		else if (theirs)
			conflict_add(repo, out, MJ_CONFLICT_DELETED_HERE, path,
				     NULL, NULL);
	}
	git_index_conflict_iterator_free(it);
	it = NULL;
	for (size_t i = 0; i < moved_from.len; i++)
		if (conflict_follows_rename(merged, moved_from.items[i],
					    moved_to.items[i]) < 0) {
			mjg_fail("cannot record the merge's conflicts");
			goto done;
		}
	if (out->n_conflicts)
		qsort(out->conflicts, out->n_conflicts, sizeof(*out->conflicts),
		      by_path);
	rc = 0;
done:
	git_index_conflict_iterator_free(it);
	mj_strvec_free(&renamed);
	mj_strvec_free(&named);
	mj_strvec_free(&moved_from);
	mj_strvec_free(&moved_to);
	return rc;
}

/*
 * A file one side put where the other keeps a folder with files in it
 * (a relationship's folder replaced by a file there, a note added to it
 * here): libgit2 merges both into an index git could not write, and the
 * file was lost without a word.  Git stops there (and keeps the file as
 * NAME~commit beside the folder); sync brings in nothing and says who
 * must put the folder back.  0, or -1 after saying so.
 */
static int refuse_file_over_folder(struct mj_repo *repo, git_index *merged,
				   const char *label)
{
	size_t n = git_index_entrycount(merged);

	for (size_t i = 0; i < n; i++) {
		const git_index_entry *e = git_index_get_byindex(merged, i);
		char *folder = mj_xasprintf("%s/", e->path);
		size_t at;
		bool clash = git_index_find_prefix(&at, merged, folder) == 0;
		free(folder);
		git_error_clear();
		if (clash) {
			const git_index_entry *inside = git_index_get_byindex(merged, at);
			char *file = journal_path(repo, e->path);
			char *in = journal_path(repo, inside->path);
			char *shown = mj_visible(file, false);
			char *shown_in = mj_visible(in, false);
			int rc = mjg_fail_own("nothing was brought in: %s puts a file "
					      "at '%s', where the folder '%s' is, "
					      "with '%s' in it; whoever put the file "
					      "there must put the folder back (or the "
					      "file elsewhere)", label, shown, shown,
					      shown_in);
			free(shown);
			free(shown_in);
			free(file);
			free(in);
			return rc;
		}
	}
	return 0;
}

/* ---- the two ways in ---- */

/* The branch HEAD names ("refs/heads/main"), else "HEAD"; caller frees. */
static char *head_ref_name(git_repository *repo)
{
	git_reference *head = NULL;
	char *name;

	if (git_reference_lookup(&head, repo, "HEAD") == 0 &&
	    git_reference_type(head) == GIT_REFERENCE_SYMBOLIC)
		name = mj_xstrdup(git_reference_symbolic_target(head));
	else
		name = mj_xstrdup("HEAD");
	git_reference_free(head);
	git_error_clear();
	return name;
}

int mjg_fast_forward(struct mj_repo *repo, const char *ref,
		     const git_oid *target, bool unborn, const char *label)
{
	struct plan p;
	git_commit *head = NULL, *commit = NULL;
	git_tree *head_tree = NULL, *tree = NULL;
	git_reference *moved = NULL;
	char *ref_lock = NULL;
	int ref_fd = -1;
	bool moved_ok;
	int rc = -1;

	memset(&p, 0, sizeof(p));
	p.kind = FAST_FORWARD;
	p.label = mj_xstrdup(label);
	git_oid_cpy(&p.target, target);
	if (git_commit_lookup(&commit, repo->repo, target) < 0 ||
	    git_commit_tree(&tree, commit) < 0) {
		mjg_fail("cannot read the remote's commit");
		goto done;
	}
	if (!unborn && (mjg_head_commit(&head, repo->repo) < 0 ||
			(head && git_commit_tree(&head_tree, head) < 0)))
		goto done;
	if (head)
		git_oid_cpy(&p.head, git_commit_id(head));
	if (plan_diff(repo, &p, head_tree, tree, NULL) < 0 ||
	    check_safe(repo, &p) < 0)
		goto done;
	mj_fs_fault_point("before checking out the remote tree");
	if (mjg_wait_index_free(repo->repo) < 0 ||
	    mjg_wait_branch_free(repo->repo) < 0 || record_write(repo, &p) < 0)
		goto done;
	if (apply_forward(repo, &p) < 0 || index_forward(repo, &p, tree, NULL) < 0) {
		fail_undone(repo, &p);
		goto done;
	}
	mj_fs_fault_point("before moving the branch to the remote commit");
	if (mjg_lock_ref(repo, "", ref, &ref_lock, &ref_fd) < 0) {
		fail_undone(repo, &p);
		goto done;
	}
	moved_ok = git_reference_create(&moved, repo->repo, ref, target, 1,
					unborn ? "mjournal sync: first fetch" :
					"mjournal sync: fast-forward") == 0;
	if (!moved_ok)
		mjg_fail("cannot move the branch %s", ref + 11);
	mjg_unlock_index(ref_lock, ref_fd);
	if (!moved_ok) {
		fail_undone(repo, &p);
		goto done;
	}
	rc = record_remove(repo);
done:
	git_reference_free(moved);
	git_tree_free(tree);
	git_tree_free(head_tree);
	git_commit_free(commit);
	git_commit_free(head);
	plan_free(&p);
	return rc;
}

/* ---- a folder renamed on one side, a note added to it on the other ---- */

/* The folder of path ("" at the top), its length. */
static size_t folder_len(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? (size_t)(slash - path) : 0;
}

/*
 * The folders side no longer has whose files it moved (renames found as
 * the merge finds them), each with the folder most of them went to (none
 * when two took as many): from[i] to to[i], the longest first.
 */
static int folders_renamed(git_repository *repo, git_tree *base, git_tree *side,
			   struct mj_strvec *from, struct mj_strvec *to)
{
	struct mj_strvec pairs = MJ_STRVEC_INIT; /* "FROM\nTO", one a file */
	git_diff *diff = NULL;
	git_diff_find_options find;

	git_diff_find_options_init(&find, GIT_DIFF_FIND_OPTIONS_VERSION);
	find.flags = GIT_DIFF_FIND_RENAMES;
	if (git_diff_tree_to_tree(&diff, repo, base, side, NULL) < 0 ||
	    git_diff_find_similar(diff, &find) < 0) {
		git_diff_free(diff);
		return mjg_fail("cannot compare the commits to merge");
	}
	for (size_t i = 0; i < git_diff_num_deltas(diff); i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		size_t old_len = folder_len(d->old_file.path);
		size_t new_len = folder_len(d->new_file.path);
		char *old;
		git_tree_entry *still = NULL;
		if (d->status != GIT_DELTA_RENAMED || !old_len || !new_len ||
		    (old_len == new_len &&
		     !strncmp(d->old_file.path, d->new_file.path, old_len)))
			continue;
		old = mj_xstrndup(d->old_file.path, old_len);
		if (git_tree_entry_bypath(&still, side, old) < 0)
			mj_strvec_push_owned(&pairs, mj_xasprintf("%s\n%.*s", old,
					     (int)new_len, d->new_file.path));
		git_error_clear();
		git_tree_entry_free(still);
		free(old);
	}
	git_diff_free(diff);
	/* sorted, each folder's pairs are together, the same ones in a run */
	mj_strvec_sort(&pairs);
	for (size_t i = 0; i < pairs.len;) {
		const char *nl = strchr(pairs.items[i], '\n');
		size_t key = (size_t)(nl - pairs.items[i]) + 1, best = 0;
		const char *went = NULL;
		bool tie = false;
		size_t j = i;
		while (j < pairs.len && !strncmp(pairs.items[j], pairs.items[i], key)) {
			size_t run = j;
			while (j < pairs.len && !strcmp(pairs.items[j], pairs.items[run]))
				j++;
			if (j - run > best) {
				best = j - run;
				went = pairs.items[run] + key;
				tie = false;
			} else if (j - run == best) {
				tie = true;
			}
		}
		if (!tie) {
			mj_strvec_push_owned(from, mj_xstrndup(pairs.items[i], key - 1));
			mj_strvec_push(to, went);
		}
		i = j;
	}
	/* the longest first: a subfolder's own rename before its parent's */
	for (size_t a = 1; a < from->len; a++)
		for (size_t b = a; b > 0 && strlen(from->items[b - 1]) <
		     strlen(from->items[b]); b--) {
			char *t = from->items[b];
			from->items[b] = from->items[b - 1];
			from->items[b - 1] = t;
			t = to->items[b];
			to->items[b] = to->items[b - 1];
			to->items[b - 1] = t;
		}
	mj_strvec_free(&pairs);
	return 0;
}

/* Each file of merged (stage 0) in folder/ that base does not have, moved
 * into to/ unless a file is there already; each move said in out. */
static int move_added(struct mj_repo *repo, git_index *merged, git_tree *base,
		      const char *folder, const char *to,
		      struct mj_sync_result *out)
{
	struct mj_strvec added = MJ_STRVEC_INIT;
	char *prefix = mj_xasprintf("%s/", folder);
	size_t at, len = strlen(prefix);
	int rc = 0;

	if (git_index_find_prefix(&at, merged, prefix) == 0)
		for (; at < git_index_entrycount(merged); at++) {
			const git_index_entry *e = git_index_get_byindex(merged, at);
			git_tree_entry *was = NULL;
			if (strncmp(e->path, prefix, len))
				break;
			if (git_index_entry_stage(e) == 0 &&
			    git_tree_entry_bypath(&was, base, e->path) < 0)
				mj_strvec_push(&added, e->path);
			git_tree_entry_free(was);
		}
	git_error_clear();
	for (size_t i = 0; i < added.len && rc == 0; i++) {
		char *dest = mj_xasprintf("%s/%s", to, added.items[i] + len);
		git_index_entry moved;
		bool taken = false;
		for (int stage = 0; stage <= 3; stage++)
			taken = taken || git_index_get_bypath(merged, dest, stage);
		if (!taken) {
			moved = *git_index_get_bypath(merged, added.items[i], 0);
			moved.path = dest;
			if (git_index_add(merged, &moved) < 0 ||
			    git_index_remove(merged, added.items[i], 0) < 0) {
				rc = mjg_fail("cannot move %s into %s", added.items[i], to);
			} else {
				mj_strvec_push_owned(&out->moved_from,
						     journal_path(repo, added.items[i]));
				mj_strvec_push_owned(&out->moved_to,
						     journal_path(repo, dest));
			}
		}
		free(dest);
	}
	mj_strvec_free(&added);
	free(prefix);
	return rc;
}

/*
 * As git merges a folder renamed on one side (merge.directoryRenames
 * true): the files the other side added to it go along (libgit2 leaves
 * them in the old folder, where a note would make a relationship of its
 * own, without its agreement).  For each folder one side no longer has,
 * its files moved mostly into one folder, each file of merged the other
 * side added to it is moved there, unless a file of that name is there
 * already.  0, or -1 after saying why.
 */
static int follow_folder_renames(struct mj_repo *repo, git_commit *head,
				 git_tree *head_tree, git_commit *theirs,
				 git_index *merged, struct mj_sync_result *out)
{
	git_oid base_id;
	git_commit *base = NULL;
	git_tree *base_tree = NULL, *theirs_tree = NULL;
	int rc = -1;

	if (git_merge_base(&base_id, repo->repo, git_commit_id(head),
			   git_commit_id(theirs)) < 0) {
		git_error_clear(); /* no common history: nothing was renamed */
		return 0;
	}
	if (git_commit_lookup(&base, repo->repo, &base_id) < 0 ||
	    git_commit_tree(&base_tree, base) < 0 ||
	    git_commit_tree(&theirs_tree, theirs) < 0) {
		mjg_fail("cannot read the commits to merge");
		goto done;
	}
	rc = 0;
	for (int side = 0; side < 2 && rc == 0; side++) {
		struct mj_strvec from = MJ_STRVEC_INIT, to = MJ_STRVEC_INIT;
		rc = folders_renamed(repo->repo, base_tree,
				     side ? theirs_tree : head_tree, &from, &to);
		for (size_t i = 0; i < from.len && rc == 0; i++)
			rc = move_added(repo, merged, base_tree, from.items[i], to.items[i],
					out);
		mj_strvec_free(&from);
		mj_strvec_free(&to);
	}
done:
	git_tree_free(base_tree);
	git_tree_free(theirs_tree);
	git_commit_free(base);
	return rc;
}

int mjg_merge(struct mj_repo *repo, const git_oid *theirs_id, const char *label,
	      const char *branch, const char *owner, struct mj_sync_result *out)
{
	struct plan p;
	git_merge_options opts;
	git_commit *head = NULL, *theirs = NULL;
	git_tree *head_tree = NULL, *tree = NULL;
	git_index *merged = NULL;
	git_signature *author = NULL, *committer = NULL;
	struct mj_strvec conflicted = MJ_STRVEC_INIT;
	struct mj_buf message = MJ_BUF_INIT;
	char short_id[8];
	git_oid commit_id;
	char *ref_lock = NULL, *head_ref = NULL;
	int ref_fd = -1;
	bool moved_ok;
	int rc = -1;

	memset(&p, 0, sizeof(p));
	p.kind = MERGE;
	p.label = mj_xstrdup(label);
	git_oid_cpy(&p.target, theirs_id);
	git_oid_tostr(short_id, sizeof(short_id), theirs_id);
	out->ours_label = mj_xstrdup(branch);
	out->theirs_label = mj_xasprintf("%s %s", label, short_id);
	/* as git merges: renames found (a folder renamed on one side takes
	 * the other side's edits along, and its new files: see
	 * follow_folder_renames); what conflicts is written by
	 * plan_conflicts, never as NAME~HEAD files */
	git_merge_options_init(&opts, GIT_MERGE_OPTIONS_VERSION);
	opts.flags |= GIT_MERGE_FIND_RENAMES;
	if (mjg_identity(&author, repo->repo, "AUTHOR", owner) < 0 ||
	    mjg_identity(&committer, repo->repo, "COMMITTER", owner) < 0)
		goto done;
	if (mjg_head_commit(&head, repo->repo) < 0 || !head ||
	    git_commit_tree(&head_tree, head) < 0 ||
	    git_commit_lookup(&theirs, repo->repo, theirs_id) < 0) {
		mjg_fail("cannot read the commits to merge");
		goto done;
	}
	git_oid_cpy(&p.head, git_commit_id(head));
	if (git_merge_commits(&merged, repo->repo, head, theirs, &opts) < 0) {
		char *what = mj_xasprintf("cannot merge %s", label);
		fail_bringing(what, label);
		free(what);
		goto done;
	}
	if (follow_folder_renames(repo, head, head_tree, theirs, merged, out) < 0 ||
	    refuse_file_over_folder(repo, merged, label) < 0)
		goto done;
	if (plan_conflicts(repo, &p, merged, out->ours_label, out->theirs_label,
			   &conflicted, out) < 0 ||
	    resolved_tree(&tree, repo->repo, merged) < 0 ||
	    plan_diff(repo, &p, head_tree, tree, &conflicted) < 0 ||
	    check_safe(repo, &p) < 0)
		goto done;
	mj_buf_addf(&message, "Merge %s: sync the journal\n", label);
	if (conflicted.len) {
		mj_buf_adds(&message, "\n# Conflicts:\n");
		for (size_t i = 0; i < conflicted.len; i++)
			mj_buf_addf(&message, "#\t%s\n", conflicted.items[i]);
	}
	mj_fs_fault_point("before merging");
	if (mjg_wait_index_free(repo->repo) < 0 ||
	    mjg_wait_branch_free(repo->repo) < 0 || record_write(repo, &p) < 0)
		goto done;
	/* git's merge state first: whatever happens to the files next, git
	 * and mjournal see a merge in progress, never their words as ours */
	if (merge_state_write(repo, &p, message.ptr) < 0 ||
	    apply_forward(repo, &p) < 0 ||
	    index_forward(repo, &p, tree, conflicted.len ? merged : NULL) < 0) {
		fail_undone(repo, &p);
		goto done;
	}
	if (conflicted.len) {
		out->conflict = true;
		rc = record_remove(repo);
		goto done;
	}
	mj_buf_free(&message);
	mj_buf_addf(&message, "Merge %s: sync the journal\n", label);
	const git_commit *parents[2] = { head, theirs };
	mj_fs_fault_point("before committing the merge");
	head_ref = head_ref_name(repo->repo);
	if (mjg_lock_ref(repo, "", head_ref, &ref_lock, &ref_fd) < 0) {
		fail_undone(repo, &p);
		goto done;
	}
	moved_ok = git_commit_create(&commit_id, repo->repo, "HEAD", author,
				     committer, NULL, message.ptr, tree, 2,
				     parents) == 0;
	if (!moved_ok)
		mjg_fail("cannot commit the merge");
	mjg_unlock_index(ref_lock, ref_fd);
	if (!moved_ok) {
		fail_undone(repo, &p);
		goto done;
	}
	git_repository_state_cleanup(repo->repo);
	out->merged = true;
	rc = record_remove(repo);
done:
	free(head_ref);
	mj_buf_free(&message);
	mj_strvec_free(&conflicted);
	git_index_free(merged);
	git_tree_free(tree);
	git_tree_free(head_tree);
	git_commit_free(head);
	git_commit_free(theirs);
	git_signature_free(author);
	git_signature_free(committer);
	plan_free(&p);
	return rc;
}
