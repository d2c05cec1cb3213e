/*
 * git_status.c - what differs from HEAD inside the journal, as git status
 * sees it, from one walk of the work tree.
 *
 * The folders the journal's loader listed (mj_walk) are compared with git's
 * index as git compares them: a file whose stat data match its index entry
 * is unchanged and never read; only a file whose stat data differ is
 * hashed, and when its content is the same after all (the journal was
 * copied, restored or touched) its entry is remembered as fresh, so that
 * the index can be refreshed (git.c).  The index is compared with HEAD's
 * tree entry by entry.  Folders the loader did not list (templates, a
 * relationship's sub-folders, a folder git ignores but tracks files in)
 * are listed here, once.
 *
 * What git has is remembered under .mjournal/, each memo keyed by what it
 * depends on and checked before use: the index's entries and how they
 * differ from HEAD (index), HEAD's files (head), the private notes and
 * mjournal's own files git has (private), which is check's question.
 */
#include "git_private.h"

#include "mj_cache.h"
#include "mj_journal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A file of the work tree, its path relative to the journal. */
struct wt_file {
	char *path;
	const struct mj_dirent *e;
};

/* An entry of git's index or of HEAD's tree inside the journal. */
struct git_file {
	const char *path; /* relative to the journal */
	git_oid id;
	uint32_t mode;
	uint32_t flags;   /* index: FILE_* */
	uint32_t head;    /* index: GIT_STATUS_INDEX_* against HEAD */
	/* index: the stat data of the stage-0 entry */
	git_index_time mtime, ctime;
	uint32_t file_size, ino;
};

enum {
	FILE_CONFLICTED = 1,  /* the path has unmerged stages */
	FILE_STAGED = 2,      /* a stage-0 entry (the stat data are its) */
	FILE_SPARSE = 4,      /* skip-worktree or assume-unchanged: git does
				 not look at the file */
	FILE_DELETED = 8,     /* in HEAD, not in the index */
};

struct files {
	struct git_file *items;
	size_t len, cap;
};

/* HEAD's files inside the journal */
struct head {
	struct files files;
	char *text;                  /* the memo the paths point into */
	struct mj_strvec paths;      /* or the paths of a tree walk */
};

struct status {
	struct mj_repo *repo;
	struct mj_walk *walk;
	struct wt_file *wt;
	size_t n_wt, cap_wt;
	git_index *git_index;        /* index's paths point into it */
	struct files index;
	struct files deleted;        /* in HEAD, not in the index */
	struct head head;
	char *memo;                  /* or a memo's text they point into */
	struct stat index_stat;      /* of .git/index: racily clean entries */
	char *key;                   /* what the index memo is made from, or
				      * NULL (no index yet, or no HEAD) */
	bool filemode;               /* core.filemode: x bits count */
};

static int compare_wt(const void *a, const void *b)
{
	return strcmp(((const struct wt_file *)a)->path,
		      ((const struct wt_file *)b)->path);
}

static int compare_files(const void *a, const void *b)
{
	return strcmp(((const struct git_file *)a)->path,
		      ((const struct git_file *)b)->path);
}

static struct git_file *push_file(struct files *f, const char *path,
				  const git_oid *id, uint32_t mode)
{
	struct git_file *g;

	mj_grow((void **)&f->items, &f->cap, f->len + 1, sizeof(*f->items));
	g = &f->items[f->len++];
	memset(g, 0, sizeof(*g));
	g->path = path;
	g->id = *id;
	g->mode = mode;
	return g;
}

/* A submodule's entry: its folder is another repository, never walked. */
static bool is_gitlink(uint32_t mode)
{
	return (mode & 0170000) == 0160000;
}

/* The index's entries inside the journal, one per path, in path order. */
static int read_index(struct status *st)
{
	git_index *index = NULL;
	size_t prefix_len = strlen(st->repo->prefix), n;

	if (mjg_read_index(&index, st->repo->repo, false) < 0)
		return -1;
	st->git_index = index;
	n = git_index_entrycount(index);
	for (size_t i = 0; i < n; i++) {
		const git_index_entry *e = git_index_get_byindex(index, i);
		struct git_file *last = st->index.len ?
			&st->index.items[st->index.len - 1] : NULL;
		bool conflict = git_index_entry_stage(e) != 0;

		if (strncmp(e->path, st->repo->prefix, prefix_len) ||
		    is_gitlink(e->mode))
			continue;
		if (!last || strcmp(last->path, e->path + prefix_len))
			last = push_file(&st->index, e->path + prefix_len, &e->id,
					 e->mode);
		if (conflict) {
			last->flags |= FILE_CONFLICTED;
			continue;
		}
		last->id = e->id;
		last->mode = e->mode;
		last->flags |= FILE_STAGED;
		if ((e->flags_extended & GIT_INDEX_ENTRY_SKIP_WORKTREE) ||
		    (e->flags & GIT_INDEX_ENTRY_VALID))
			last->flags |= FILE_SPARSE;
		last->mtime = e->mtime;
		last->ctime = e->ctime;
		last->file_size = e->file_size;
		last->ino = e->ino;
	}
	if (st->index.len > 1)
		qsort(st->index.items, st->index.len, sizeof(*st->index.items),
		      compare_files);
	return 0;
}

/* ---- memos: what git has, remembered under .mjournal/ ---- */

/*
 * A memo is .mjournal/NAME: one line "mjournal-NAME FORMAT CHECKSUM KEY",
 * then its body.  KEY says what the body was made from; a memo is used only
 * when its key is the one asked for and its body's checksum holds, and is
 * made again otherwise.  MJOURNAL_CACHE=off turns memos off.
 */
#define MEMO_LIMIT (256u * 1024 * 1024)
/* 2: assume-unchanged entries marked as sparse ones; 3: "private" holds
 * mjournal's own files git has too; 4: private by a name that holds
 * .private.md */
#define MEMO_FORMAT 4

/* Where memo name is kept, relative to the journal. */
static char *memo_path(const char *name)
{
	return mj_path_join(".mjournal", name);
}

/*
 * Reads memo name made from key (any, with key NULL: *made_from is then
 * its key, caller frees).  Returns its text (caller frees) with *body and
 * *len at its body, or NULL when there is no such memo.
 */
static char *memo_read(struct mj_repo *repo, const char *name, const char *key,
		       char **made_from, char **body, size_t *len)
{
	char *path = memo_path(name);
	char *head = mj_xasprintf("mjournal-%s %d ", name, MEMO_FORMAT), *text = NULL, *nl, *end;
	size_t n, at = strlen(head);
	unsigned long long sum;

	if (!mj_cache_enabled() ||
	    mj_jfs_read(repo->root, path, MEMO_LIMIT, &text, &n) != MJ_READ_OK ||
	    !(nl = memchr(text, '\n', n)) || (size_t)(nl - text) < at + 17 ||
	    memcmp(text, head, at) || text[at + 16] != ' ')
		goto none;
	*nl = '\0';
	sum = strtoull(text + at, &end, 16);
	if (end != text + at + 16 || (key && strcmp(text + at + 17, key)) ||
	    mj_checksum(nl + 1, n - (size_t)(nl + 1 - text)) != sum)
		goto none;
	if (made_from)
		*made_from = mj_xstrdup(text + at + 17);
	*body = nl + 1;
	*len = n - (size_t)(nl + 1 - text);
	free(path);
	free(head);
	return text;
none:
	free(text);
	free(path);
	free(head);
	return NULL;
}

/*
 * A memo is made in one buffer: memo_start writes its header, whose
 * checksum (of the body after it) memo_write fills in, so that a large
 * body is never copied.
 */
static void memo_start(struct mj_buf *all, const char *name, const char *key)
{
	mj_buf_addf(all, "mjournal-%s %d %016llx %s\n", name, MEMO_FORMAT,
		    0ULL, key);
}

static void memo_write(struct mj_repo *repo, const char *name, const char *key,
		       struct mj_buf *all)
{
	char *path, sum[17];
	size_t body;

	/* a memo that cannot be written (a link in the way: check names
	 * it) is made again next time */
	if (!mj_cache_enabled() || repo->no_memo || strchr(key, '\n'))
		return;
	body = (size_t)((const char *)memchr(all->ptr, '\n', all->len) -
			all->ptr) + 1;
	snprintf(sum, sizeof(sum), "%016llx", (unsigned long long)
		 mj_checksum(all->ptr + body, all->len - body));
	/* the checksum's place: before " KEY\n" */
	memcpy(all->ptr + body - strlen(key) - 18, sum, 16);
	path = memo_path(name);
	if (mj_jfs_mkdir(repo->root, ".mjournal") == 0)
		mj_jfs_write(repo->root, path, all->ptr, all->len,
			     MJ_WRITE_UNSYNCED);
	free(path);
}

/* The stat data of .git/index; false when there is none yet. */
static bool stat_index(struct mj_repo *repo, struct stat *out)
{
	char *path = mj_path_join(git_repository_path(repo->repo), "index");
	bool found = stat(path, out) == 0;

	if (!found)
		memset(out, 0, sizeof(*out));
	free(path);
	return found;
}

/* The journal's tree in HEAD: NULL on an unborn branch, or when HEAD has
 * no such folder yet. */
static int journal_tree(struct mj_repo *repo, git_tree **out)
{
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	git_tree_entry *entry = NULL;
	size_t plen = strlen(repo->prefix);
	int rc = -1;

	*out = NULL;
	if (mjg_head_commit(&commit, repo->repo) < 0)
		return -1;
	if (!commit)
		return 0;
	if (git_commit_tree(&tree, commit) < 0) {
		mjg_fail("cannot read HEAD's tree");
		goto done;
	}
	rc = 0;
	if (!plen) {
		*out = tree;
		tree = NULL;
	} else {
		char *dir = mj_xstrndup(repo->prefix, plen - 1);
		if (git_tree_entry_bypath(&entry, tree, dir) < 0 ||
		    git_tree_entry_type(entry) != GIT_OBJECT_TREE ||
		    git_tree_lookup(out, repo->repo, git_tree_entry_id(entry)) < 0)
			*out = NULL; /* the journal's folder is not in HEAD yet */
		git_error_clear();
		free(dir);
	}
done:
	git_tree_entry_free(entry);
	git_tree_free(tree);
	git_commit_free(commit);
	return rc;
}

/*
 * What the memos of the index are made from: the index file (git replaces
 * it by rename on every change, so its size, times and inode say which it
 * is), the journal's tree in HEAD and the journal's place in the work
 * tree.  NULL when HEAD cannot be read.
 */
static char *index_key(struct mj_repo *repo, const struct stat *index)
{
	char hex[GIT_OID_HEXSZ + 1] = "none";
	git_tree *tree = NULL;
	char *key = NULL;

	if (journal_tree(repo, &tree) == 0) {
		if (tree)
			git_oid_tostr(hex, sizeof(hex), git_tree_id(tree));
		key = mj_xasprintf("%lld %lld.%09ld %lld.%09ld %llu %s %s",
				   (long long)index->st_size,
				   (long long)index->st_mtim.tv_sec,
				   index->st_mtim.tv_nsec,
				   (long long)index->st_ctim.tv_sec,
				   index->st_ctim.tv_nsec,
				   (unsigned long long)index->st_ino, hex,
				   repo->prefix);
	}
	git_tree_free(tree);
	git_error_clear();
	return key;
}

/*
 * HEAD's files, remembered in the memo "head", made from the id of the
 * journal's tree in HEAD: per file "MODE ID PATH" ended by a NUL (a path
 * may hold a newline).
 */
static bool load_memo(struct mj_repo *repo, const git_oid *tree,
		      git_oid *found, struct head *head)
{
	char want[GIT_OID_HEXSZ + 1], *made_from = NULL, *p, *end;
	size_t len;

	if (tree)
		git_oid_tostr(want, sizeof(want), tree);
	head->text = memo_read(repo, "head", tree ? want : NULL,
			       found ? &made_from : NULL, &p, &len);
	if (!head->text || (found && git_oid_fromstr(found, made_from) < 0))
		goto unsound;
	for (end = p + len; p < end;) {
		/* "MODE ID PATH\0": fixed widths after the mode */
		char *nul = memchr(p, '\0', (size_t)(end - p)), *after;
		unsigned long mode = strtoul(p, &after, 8);
		git_oid id;

		if (!nul || *after != ' ' || nul - after < GIT_OID_HEXSZ + 3 ||
		    after[GIT_OID_HEXSZ + 1] != ' ' ||
		    git_oid_fromstrn(&id, after + 1, GIT_OID_HEXSZ) < 0)
			goto unsound;
		push_file(&head->files, after + GIT_OID_HEXSZ + 2, &id,
			  (uint32_t)mode);
		p = nul + 1;
	}
	free(made_from);
	return true;
unsound:
	git_error_clear();
	free(made_from);
	head->files.len = 0;
	free(head->text);
	head->text = NULL;
	return false;
}

static void save_memo(struct mj_repo *repo, const git_oid *tree,
		      const struct head *head)
{
	struct mj_buf body = MJ_BUF_INIT;
	char hex[GIT_OID_HEXSZ + 1], key[GIT_OID_HEXSZ + 1];

	git_oid_tostr(key, sizeof(key), tree);
	memo_start(&body, "head", key);
	for (size_t i = 0; i < head->files.len; i++) {
		const struct git_file *f = &head->files.items[i];
		char mode[16];
		int n = snprintf(mode, sizeof(mode), "%o ", (unsigned)f->mode);

		mj_buf_add(&body, mode, (size_t)n);
		git_oid_fmt(hex, &f->id);
		hex[GIT_OID_HEXSZ] = ' ';
		mj_buf_add(&body, hex, GIT_OID_HEXSZ + 1);
		mj_buf_add(&body, f->path, strlen(f->path) + 1);
	}
	memo_write(repo, "head", key, &body);
	mj_buf_free(&body);
}

/* A file added to head: its path kept in head->paths. */
static void add_head_file(struct head *head, char *path, const git_tree_entry *e)
{
	mj_strvec_push_owned(&head->paths, path);
	push_file(&head->files, path, git_tree_entry_id(e),
		  (uint32_t)git_tree_entry_filemode(e));
}

struct subtree_walk {
	struct head *head;
	const char *root; /* the walked tree's place: "" or "a/b/" */
};

static int collect_under(const char *root, const git_tree_entry *entry,
			 void *payload)
{
	struct subtree_walk *w = payload;

	if (git_tree_entry_type(entry) == GIT_OBJECT_TREE ||
	    is_gitlink(git_tree_entry_filemode(entry)))
		return 0;
	add_head_file(w->head, mj_xasprintf("%s%s%s", w->root, root,
					    git_tree_entry_name(entry)), entry);
	return 0;
}

/* What a commit changed: files and folders gone from the old tree. */
struct gone {
	struct mj_strvec files, dirs; /* dirs end with '/' */
};

static bool same_entry(const git_tree_entry *a, const git_tree_entry *b)
{
	return a && b && git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b)) &&
	       git_tree_entry_filemode(a) == git_tree_entry_filemode(b);
}

static bool is_tree(const git_tree_entry *e)
{
	return e && git_tree_entry_type(e) == GIT_OBJECT_TREE;
}

/*
 * Compares two trees at root, reading only the folders whose ids differ:
 * what is gone goes to gone, what is new or changed to head.
 */
static int diff_trees(git_repository *repo, const git_tree *old,
		      const git_tree *new, const char *root, struct head *head,
		      struct gone *gone)
{
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < git_tree_entrycount(old); i++) {
		const git_tree_entry *e = git_tree_entry_byindex(old, i);
		const char *name = git_tree_entry_name(e);
		const git_tree_entry *f = git_tree_entry_byname(new, name);
		char *path = mj_xasprintf("%s%s", root, name);

		if (same_entry(e, f)) {
			free(path);
		} else if (is_tree(e) && is_tree(f)) {
			git_tree *a = NULL, *b = NULL;
			char *dir = mj_xasprintf("%s/", path);
			rc = git_tree_lookup(&a, repo, git_tree_entry_id(e)) < 0 ||
			     git_tree_lookup(&b, repo, git_tree_entry_id(f)) < 0 ? -1 :
			     diff_trees(repo, a, b, dir, head, gone);
			git_tree_free(a);
			git_tree_free(b);
			free(dir);
			free(path);
		} else if (is_tree(e)) {
			mj_strvec_push_owned(&gone->dirs, mj_xasprintf("%s/", path));
			free(path);
		} else {
			mj_strvec_push_owned(&gone->files, path);
		}
	}
	for (size_t i = 0; rc == 0 && i < git_tree_entrycount(new); i++) {
		const git_tree_entry *f = git_tree_entry_byindex(new, i);
		const git_tree_entry *e = git_tree_entry_byname(old, git_tree_entry_name(f));
		char *path = mj_xasprintf("%s%s", root, git_tree_entry_name(f));

		if (same_entry(e, f) || (is_tree(e) && is_tree(f))) {
			free(path); /* the same, or compared above */
		} else if (is_tree(f)) {
			git_tree *sub = NULL;
			char *dir = mj_xasprintf("%s/", path);
			struct subtree_walk w = { head, dir };
			rc = git_tree_lookup(&sub, repo, git_tree_entry_id(f)) < 0 ||
			     git_tree_walk(sub, GIT_TREEWALK_PRE, collect_under, &w) < 0 ?
			     -1 : 0;
			git_tree_free(sub);
			free(dir);
			free(path);
		} else if (is_gitlink(git_tree_entry_filemode(f))) {
			free(path);
		} else {
			add_head_file(head, path, f);
		}
	}
	return rc;
}

static int compare_paths(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_gone(const struct gone *gone, const char *path)
{
	for (size_t i = 0; i < gone->dirs.len; i++)
		if (!strncmp(path, gone->dirs.items[i], strlen(gone->dirs.items[i])))
			return true;
	return gone->files.len &&
	       bsearch(&path, gone->files.items, gone->files.len, sizeof(char *),
		       compare_paths);
}

/*
 * Brings head, remembered for the tree old, to the tree new: HEAD moved
 * by a commit, which changed a few files; only the folders whose ids
 * differ are read.  -1 when old cannot be read (head is then unusable).
 */
static int update_head(struct mj_repo *repo, const git_oid *old_id,
		       const git_tree *new, struct head *head)
{
	struct gone gone = { MJ_STRVEC_INIT, MJ_STRVEC_INIT };
	git_tree *old = NULL;
	size_t remembered = head->files.len, kept = 0;
	int rc;

	if (git_tree_lookup(&old, repo->repo, old_id) < 0) {
		git_error_clear();
		return -1;
	}
	rc = diff_trees(repo->repo, old, new, "", head, &gone);
	git_tree_free(old);
	git_error_clear();
	mj_strvec_sort(&gone.files);
	for (size_t i = 0; rc == 0 && i < head->files.len; i++)
		if (i >= remembered || !is_gone(&gone, head->files.items[i].path))
			head->files.items[kept++] = head->files.items[i];
	head->files.len = kept;
	if (rc == 0 && head->files.len > 1)
		qsort(head->files.items, head->files.len,
		      sizeof(*head->files.items), compare_files);
	mj_strvec_free(&gone.files);
	mj_strvec_free(&gone.dirs);
	return rc;
}

static void head_free(struct head *head)
{
	free(head->files.items);
	free(head->text);
	mj_strvec_free(&head->paths);
	memset(head, 0, sizeof(*head));
}

/* HEAD's files inside the journal, in path order. */
static int read_head(struct mj_repo *repo, struct head *head)
{
	git_tree *tree = NULL;
	struct subtree_walk all = { head, "" };
	git_oid old_id;

	memset(head, 0, sizeof(*head));
	if (journal_tree(repo, &tree) < 0)
		return -1;
	if (!tree || load_memo(repo, git_tree_id(tree), NULL, head)) {
		git_tree_free(tree);
		return 0;
	}
	/* remembered for an older HEAD: only what commits changed is read */
	if (load_memo(repo, NULL, &old_id, head) &&
	    update_head(repo, &old_id, tree, head) == 0) {
		mj_trace("HEAD's files brought up to date");
		save_memo(repo, git_tree_id(tree), head);
		git_tree_free(tree);
		return 0;
	}
	head_free(head);
	if (git_tree_walk(tree, GIT_TREEWALK_PRE, collect_under, &all) < 0) {
		git_tree_free(tree);
		return mjg_fail("cannot read HEAD's tree");
	}
	if (head->files.len > 1)
		qsort(head->files.items, head->files.len,
		      sizeof(*head->files.items), compare_files);
	save_memo(repo, git_tree_id(tree), head);
	git_tree_free(tree);
	return 0;
}

/* Does the index hold a file under folder dir (relative to the journal). */
static bool index_has_under(const struct status *st, const char *dir)
{
	size_t lo = 0, hi = st->index.len, n = strlen(dir);

	while (lo < hi) { /* the first path >= dir */
		size_t mid = (lo + hi) / 2;
		if (strcmp(st->index.items[mid].path, dir) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < st->index.len && !strncmp(st->index.items[lo].path, dir, n); lo++)
		if (st->index.items[lo].path[n] == '/')
			return true;
	return false;
}

static bool is_ignored(const struct status *st, const char *path, bool dir)
{
	char *full = mj_xasprintf("%s%s%s", st->repo->prefix, path, dir ? "/" : "");
	int ignored = 0;

	if (git_ignore_path_is_ignored(&ignored, st->repo->repo, full) < 0) {
		git_error_clear();
		ignored = 0;
	}
	free(full);
	return ignored == 1;
}

/* Has the listing a .git entry: the folder is another repository. */
static bool is_repository(const struct mj_dirent *entries, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(entries[i].name, ".git"))
			return true;
	return false;
}

/* The files under dir, from the walk (listing what it lacks). */
static void walk_dir(struct status *st, const char *dir)
{
	const struct mj_dirent *entries;
	size_t n;

	if (mj_walk_list(st->walk, dir, &entries, &n) < 0)
		return; /* gone meanwhile, or unreadable: nothing to compare */
	for (size_t i = 0; i < n; i++) {
		const struct mj_dirent *e = &entries[i];
		char *path = *dir ? mj_path_join(dir, e->name) : mj_xstrdup(e->name);
		const struct mj_dirent *sub;
		size_t n_sub;

		if (!strcmp(e->name, ".git")) {
			free(path); /* the repository itself (a folder or, in a
				     * linked work tree, a file) */
			continue;
		}
		if (e->kind == MJ_KIND_FILE || e->kind == MJ_KIND_LINK) {
			mj_grow((void **)&st->wt, &st->cap_wt, st->n_wt + 1,
				sizeof(*st->wt));
			st->wt[st->n_wt].path = path;
			st->wt[st->n_wt++].e = e;
			continue;
		}
		/* a folder: never another repository, never one git
		 * ignores (nor mjournal's own) unless it tracks files in it */
		if (e->kind == MJ_KIND_DIR &&
		    (index_has_under(st, path) ||
		     (strcmp(path, ".mjournal") && !is_ignored(st, path, true))) &&
		    mj_walk_list(st->walk, path, &sub, &n_sub) == 0 &&
		    !is_repository(sub, n_sub))
			walk_dir(st, path);
		free(path);
	}
}

static bool same_type(uint32_t mode, const struct mj_dirent *e)
{
	return (mode & 0170000) == 0120000 ? e->kind == MJ_KIND_LINK :
					     e->kind == MJ_KIND_FILE;
}

/* Do the file's stat data match its index entry (and is it not racily
 * clean: changed in the same moment the index was written). */
static bool stat_matches(const struct status *st, const struct git_file *ie,
			 const struct mj_dirent *e)
{
	const struct mj_stamp *s = &e->stamp;

	if (!e->has_stamp || (uint32_t)s->size != ie->file_size ||
	    (int32_t)s->mtime_sec != ie->mtime.seconds ||
	    (uint32_t)s->mtime_nsec != ie->mtime.nanoseconds ||
	    (int32_t)s->ctime_sec != ie->ctime.seconds ||
	    (uint32_t)s->ctime_nsec != ie->ctime.nanoseconds ||
	    (uint32_t)s->ino != ie->ino)
		return false;
	if (st->filemode && e->executable != ((ie->mode & 0111) != 0))
		return false;
	return s->mtime_sec < (int64_t)st->index_stat.st_mtim.tv_sec ||
	       (s->mtime_sec == (int64_t)st->index_stat.st_mtim.tv_sec &&
		s->mtime_nsec < (int64_t)st->index_stat.st_mtim.tv_nsec);
}

/*
 * Is the file at path (relative to the journal) the blob want, as git
 * would store it: hashed as it is first (a copied or touched file is the
 * same bytes), then with git's filters (core.autocrlf) when that differs.
 * *id is the id found.
 */
static bool same_blob(const struct status *st, const char *path,
		      const struct mj_dirent *e, const git_oid *want, git_oid *id)
{
	char *rel = mj_xasprintf("%s%s", st->repo->prefix, path);
	char *full = mj_path_join(git_repository_workdir(st->repo->repo), rel);
	int rc;

	if (e->kind == MJ_KIND_LINK) {
		char target[4096];
		ssize_t len = readlink(full, target, sizeof(target));
		rc = len < 0 ? -1 : git_odb_hash(id, target, (size_t)len,
						 GIT_OBJECT_BLOB);
	} else {
		rc = git_odb_hashfile(id, full, GIT_OBJECT_BLOB);
		if (rc == 0 && !git_oid_equal(id, want))
			rc = git_repository_hashfile(id, st->repo->repo, rel,
						     GIT_OBJECT_BLOB, NULL);
	}
	git_error_clear();
	free(full);
	free(rel);
	return rc == 0 && git_oid_equal(id, want);
}

/* The work tree's file against its index entry: 0, or a GIT_STATUS_WT_
 * flag; an unchanged file with stale stat data is remembered as fresh. */
static unsigned compare_work(struct status *st, const struct git_file *in,
			     const struct wt_file *w)
{
	struct mjg_fresh *f;
	git_oid id;

	if (!same_type(in->mode, w->e))
		return GIT_STATUS_WT_TYPECHANGE;
	if (stat_matches(st, in, w->e))
		return 0;
	if (!same_blob(st, w->path, w->e, &in->id, &id))
		return GIT_STATUS_WT_MODIFIED;
	if (st->filemode && w->e->kind == MJ_KIND_FILE &&
	    w->e->executable != ((in->mode & 0111) != 0))
		return GIT_STATUS_WT_MODIFIED;
	if (w->e->has_stamp) {
		mj_grow((void **)&st->repo->fresh, &st->repo->cap_fresh,
			st->repo->n_fresh + 1, sizeof(*st->repo->fresh));
		f = &st->repo->fresh[st->repo->n_fresh++];
		f->path = mj_xasprintf("%s%s", st->repo->prefix, in->path);
		f->id = id;
		f->stamp = w->e->stamp;
	}
	return 0;
}

/* The index against HEAD: each index entry's GIT_STATUS_INDEX_* flags,
 * and HEAD's files the index lacks (staged deletions). */
static void compare_head(struct status *st)
{
	const struct files *h = &st->head.files;
	size_t i = 0, k = 0;

	while (i < st->index.len || k < h->len) {
		struct git_file *in;
		const struct git_file *hf = k < h->len ? &h->items[k] : NULL;
		int cmp = i == st->index.len ? 1 : !hf ? -1 :
			  strcmp(st->index.items[i].path, hf->path);

		if (cmp > 0 && hf) { /* HEAD only */
			push_file(&st->deleted, hf->path, &hf->id, hf->mode)->flags =
				FILE_DELETED;
			k++;
			continue;
		}
		in = &st->index.items[i];
		if (cmp < 0 || !hf || !(in->flags & FILE_STAGED))
			in->head = GIT_STATUS_INDEX_NEW;
		else if ((hf->mode & 0170000) != (in->mode & 0170000))
			in->head = GIT_STATUS_INDEX_TYPECHANGE;
		else if (!git_oid_equal(&hf->id, &in->id) || hf->mode != in->mode)
			in->head = GIT_STATUS_INDEX_MODIFIED;
		i++;
		k += cmp == 0;
	}
}

/* What git status would say of one path: GIT_STATUS_* flags.  d is a file
 * only HEAD has, in one the index has, w the work tree's. */
static unsigned status_of(struct status *st, const struct git_file *d,
			  const struct git_file *in, const struct wt_file *w)
{
	unsigned flags = d ? GIT_STATUS_INDEX_DELETED : in ? in->head : 0;

	if (in && (in->flags & FILE_CONFLICTED))
		return GIT_STATUS_CONFLICTED;
	if (in && (in->flags & FILE_SPARSE))
		return flags; /* sparse: git does not look at the work tree */
	if (in && !w)
		flags |= GIT_STATUS_WT_DELETED;
	else if (!in && w && !is_ignored(st, w->path, false))
		flags |= GIT_STATUS_WT_NEW;
	else if (!in && w && !flags)
		flags |= GIT_STATUS_IGNORED; /* named only when a private note */
	else if (in && w)
		flags |= compare_work(st, in, w);
	return flags;
}

/* Is the note at path (relative to the journal) in the work tree private,
 * by its name or by its front matter. */
static bool workdir_private(struct mj_repo *repo, const char *path)
{
	const char *base = mjg_base_of(path);
	size_t len;
	char *text;
	bool private;

	if (mj_note_name_is_private(base))
		return true;
	if (!mj_str_ends_with(base, ".md"))
		return false;
	text = mjg_read_workdir(repo, path, &len);
	private = mj_note_text_is_private(base, text, len);
	free(text);
	return private;
}

static enum mj_change_kind change_kind(struct mj_repo *repo, unsigned int flags,
				       const char *path)
{
	if (flags & GIT_STATUS_CONFLICTED)
		return MJ_CHANGE_CONFLICTED;
	if (flags & GIT_STATUS_IGNORED)
		return MJ_CHANGE_PRIVATE;
	/* a name no journal file has, which mjournal neither reads nor
	 * commits: say so, rather than call it a private note */
	if ((flags & (GIT_STATUS_INDEX_NEW | GIT_STATUS_WT_NEW |
		      GIT_STATUS_WT_MODIFIED | GIT_STATUS_INDEX_MODIFIED)) &&
	    !mj_jfs_path_ok(path))
		return MJ_CHANGE_BAD_NAME;
	if ((flags & (GIT_STATUS_INDEX_NEW | GIT_STATUS_WT_NEW |
		      GIT_STATUS_WT_MODIFIED | GIT_STATUS_INDEX_MODIFIED)) &&
	    workdir_private(repo, path))
		return MJ_CHANGE_PRIVATE;
	if (flags & (GIT_STATUS_INDEX_NEW | GIT_STATUS_WT_NEW))
		return MJ_CHANGE_NEW;
	if (flags & (GIT_STATUS_INDEX_DELETED | GIT_STATUS_WT_DELETED))
		return MJ_CHANGE_DELETED;
	if (flags & (GIT_STATUS_INDEX_TYPECHANGE | GIT_STATUS_WT_TYPECHANGE))
		return MJ_CHANGE_TYPECHANGE;
	return MJ_CHANGE_MODIFIED;
}

const char *mj_change_kind_name(enum mj_change_kind kind)
{
	static const char *const names[] = {
		"new", "modified", "deleted", "renamed", "typechange",
		"conflicted", "private", "bad name",
	};
	return names[kind];
}

void mj_git_write_no_memo(struct mj_repo *repo)
{
	repo->no_memo = true;
}

bool mj_change_never_committed(const struct mj_change *c)
{
	return c->kind == MJ_CHANGE_PRIVATE || c->kind == MJ_CHANGE_BAD_NAME;
}

static void add_change(struct mj_changes *out, struct mj_repo *repo,
		       const char *path, unsigned flags)
{
	struct mj_change *c;

	/* ignored: only private notes are worth naming; an editor's file
	 * beside a note is never a change (git's own files are: deleted or
	 * changed, they are named) */
	if (!flags || ((flags & GIT_STATUS_IGNORED) &&
		       !mj_note_name_is_private(path)) ||
	    ((flags & (GIT_STATUS_WT_NEW | GIT_STATUS_IGNORED)) &&
	     mj_name_is_by_product(mjg_base_of(path))))
		return;
	mj_grow((void **)&out->items, &out->cap, out->len + 1, sizeof(*out->items));
	c = &out->items[out->len++];
	c->path = mj_xstrdup(path);
	c->kind = change_kind(repo, flags, path);
	c->staged = (flags & (GIT_STATUS_INDEX_NEW | GIT_STATUS_INDEX_MODIFIED |
			      GIT_STATUS_INDEX_DELETED |
			      GIT_STATUS_INDEX_TYPECHANGE)) &&
		    !(flags & (GIT_STATUS_WT_NEW | GIT_STATUS_WT_MODIFIED |
			       GIT_STATUS_WT_DELETED));
}

/* The smallest of three paths (NULL: that list is at its end). */
static const char *least(const char *a, const char *b, const char *c)
{
	const char *m = a;

	if (b && (!m || strcmp(b, m) < 0))
		m = b;
	if (c && (!m || strcmp(c, m) < 0))
		m = c;
	return m;
}

/*
 * What the index holds inside the journal, and how it differs from HEAD,
 * in the memo "index" (made from index_key), so that a look at the
 * journal needs neither libgit2's parse of the whole index nor HEAD's
 * files until one of them changes: per file ten u32 (mode, flags, head
 * flags, size, mtime, mtime ns, ctime, ctime ns, inode, path length), the
 * id's 20 bytes, the path and a NUL.
 */
#define INDEX_RECORD (10 * 4 + GIT_OID_RAWSZ)

/* The next record of an index memo at *p, or NULL at its end or when it
 * is not sound (*bad). */
static unsigned char *next_record(unsigned char **p, unsigned char *end,
				  bool *bad)
{
	unsigned char *at = *p;
	uint32_t n;

	if (at == end)
		return NULL;
	n = (size_t)(end - at) < INDEX_RECORD ? 0 : mj_le32(at + 36);
	if ((size_t)(end - at) < INDEX_RECORD ||
	    (size_t)(end - at - INDEX_RECORD) <= n ||
	    at[INDEX_RECORD + n] != '\0' || memchr(at + INDEX_RECORD, '\0', n)) {
		*bad = true;
		return NULL;
	}
	*p = at + INDEX_RECORD + n + 1;
	return at;
}

static bool load_index_memo(struct status *st, const char *key)
{
	unsigned char *p, *end, *record;
	size_t len, n_index = 0, n_deleted = 0;
	bool bad = false;
	char *body;

	st->memo = memo_read(st->repo, "index", key, NULL, &body, &len);
	if (!st->memo)
		return false;
	/* counted first: the arrays are made once, at their size */
	end = (unsigned char *)body + len;
	for (p = (unsigned char *)body; (record = next_record(&p, end, &bad));)
		*(mj_le32(record + 4) & FILE_DELETED ? &n_deleted : &n_index) += 1;
	if (bad)
		goto unsound;
	st->index.items = mj_xcalloc(st->index.cap = n_index + 1,
				     sizeof(*st->index.items));
	st->deleted.items = mj_xcalloc(st->deleted.cap = n_deleted + 1,
				       sizeof(*st->deleted.items));
	for (p = (unsigned char *)body; (record = next_record(&p, end, &bad));) {
		struct git_file f;

		memset(&f, 0, sizeof(f));
		f.mode = mj_le32(record);
		f.flags = mj_le32(record + 4);
		f.head = mj_le32(record + 8);
		f.file_size = mj_le32(record + 12);
		f.mtime.seconds = (int32_t)mj_le32(record + 16);
		f.mtime.nanoseconds = mj_le32(record + 20);
		f.ctime.seconds = (int32_t)mj_le32(record + 24);
		f.ctime.nanoseconds = mj_le32(record + 28);
		f.ino = mj_le32(record + 32);
		git_oid_fromraw(&f.id, record + 40);
		f.path = (const char *)record + INDEX_RECORD;
		*push_file(f.flags & FILE_DELETED ? &st->deleted : &st->index,
			   NULL, &f.id, 0) = f;
	}
	return true;
unsound:
	st->index.len = st->deleted.len = 0;
	free(st->memo);
	st->memo = NULL;
	return false;
}

static void put_records(struct mj_buf *b, const struct files *files)
{
	for (size_t i = 0; i < files->len; i++) {
		const struct git_file *f = &files->items[i];
		mj_buf_add_le32(b, f->mode);
		mj_buf_add_le32(b, f->flags);
		mj_buf_add_le32(b, f->head);
		mj_buf_add_le32(b, f->file_size);
		mj_buf_add_le32(b, (uint32_t)f->mtime.seconds);
		mj_buf_add_le32(b, f->mtime.nanoseconds);
		mj_buf_add_le32(b, (uint32_t)f->ctime.seconds);
		mj_buf_add_le32(b, f->ctime.nanoseconds);
		mj_buf_add_le32(b, f->ino);
		mj_buf_add_le32(b, (uint32_t)strlen(f->path));
		mj_buf_add(b, (const char *)f->id.id, GIT_OID_RAWSZ);
		mj_buf_add(b, f->path, strlen(f->path) + 1);
	}
}

static void save_index_memo(const struct status *st, const char *key)
{
	struct mj_buf body = MJ_BUF_INIT;

	memo_start(&body, "index", key);
	put_records(&body, &st->index);
	put_records(&body, &st->deleted);
	memo_write(st->repo, "index", key, &body);
	mj_buf_free(&body);
}

static void status_free(struct status *st)
{
	for (size_t k = 0; k < st->n_wt; k++)
		free(st->wt[k].path);
	free(st->wt);
	free(st->index.items);
	free(st->deleted.items);
	free(st->memo);
	free(st->key);
	head_free(&st->head);
	git_index_free(st->git_index);
}

/* The index's stat data, and the key of the memos made from it. */
static void key_index(struct status *st)
{
	/* no index yet: nothing is racy, nothing to remember */
	st->key = stat_index(st->repo, &st->index_stat) ?
		  index_key(st->repo, &st->index_stat) : NULL;
}

/* The index and how it differs from HEAD: remembered, else read. */
static int read_git(struct status *st)
{
	if (st->key && load_index_memo(st, st->key)) {
		mj_trace("git index remembered");
		return 0;
	}
	if (read_index(st) < 0 || read_head(st->repo, &st->head) < 0)
		return -1;
	compare_head(st);
	if (st->key)
		save_index_memo(st, st->key);
	return 0;
}

int mj_git_status(struct mj_repo *repo, struct mj_walk *walk,
		  struct mj_changes *out)
{
	struct status st;
	struct mj_walk *own = NULL;
	size_t d = 0, i = 0, w = 0;
	int filemode = 1, rc = -1;
	git_config *config = NULL;

	memset(out, 0, sizeof(*out));
	memset(&st, 0, sizeof(st));
	mjg_fresh_clear(repo);
	st.repo = repo;
	st.walk = walk ? walk : (own = mj_walk_new(repo->root));
	if (git_repository_config_snapshot(&config, repo->repo) == 0 &&
	    git_config_get_bool(&filemode, config, "core.filemode") < 0)
		filemode = 1;
	git_config_free(config);
	git_error_clear();
	st.filemode = filemode != 0;
	key_index(&st);
	if (read_git(&st) < 0)
		goto done;
	walk_dir(&st, "");
	if (st.n_wt > 1)
		qsort(st.wt, st.n_wt, sizeof(*st.wt), compare_wt);
	for (;;) {
		const struct git_file *df = d < st.deleted.len ?
					    &st.deleted.items[d] : NULL;
		const struct git_file *in = i < st.index.len ? &st.index.items[i] : NULL;
		const struct wt_file *wf = w < st.n_wt ? &st.wt[w] : NULL;
		const char *path = least(df ? df->path : NULL, in ? in->path : NULL,
					 wf ? wf->path : NULL);

		if (!path)
			break;
		df = df && !strcmp(df->path, path) ? df : NULL;
		in = in && !strcmp(in->path, path) ? in : NULL;
		wf = wf && !strcmp(wf->path, path) ? wf : NULL;
		add_change(out, repo, path, status_of(&st, df, in, wf));
		d += df != NULL;
		i += in != NULL;
		w += wf != NULL;
	}
	mj_trace("git status: %zu files, %zu in the index, %zu only in HEAD, "
		 "%zu changes, %zu fresh", st.n_wt, st.index.len, st.deleted.len,
		 out->len, repo->n_fresh);
	rc = 0;
done:
	status_free(&st);
	mj_walk_free(own);
	return rc;
}

void mj_changes_free(struct mj_changes *changes)
{
	for (size_t i = 0; i < changes->len; i++)
		free(changes->items[i].path);
	free(changes->items);
	memset(changes, 0, sizeof(*changes));
}

/* ---- what git must never have: private notes, mjournal's own files ---- */

static void push_forbidden(struct mj_strvec *out, const char *path)
{
	if ((mj_note_name_is_private(path) || mj_journal_path_is_own(path)) &&
	    !mj_strvec_contains(out, path))
		mj_strvec_push(out, path);
}

/* Is path (relative to the journal) one of files (in path order). */
static bool has_file(const struct files *files, const char *path)
{
	struct git_file key;

	memset(&key, 0, sizeof(key));
	key.path = path;

	return files->len && bsearch(&key, files->items, files->len,
				     sizeof(*files->items), compare_files);
}

/*
 * The answer is remembered in the memo "private", made from what the
 * index memos are made from and from the notes asked about: the paths,
 * each ended by a NUL.
 */
static char *private_key(const struct status *st, const struct mj_strvec *also)
{
	uint64_t asked = 0;

	if (!st->key)
		return NULL;
	for (size_t i = 0; also && i < also->len; i++)
		asked = mj_hash(also->items[i], strlen(also->items[i]) + 1, asked);
	return mj_xasprintf("%s %016llx", st->key, (unsigned long long)asked);
}

static bool load_private(struct mj_repo *repo, const char *key,
			 struct mj_strvec *out)
{
	char *body, *text;
	size_t len;

	text = memo_read(repo, "private", key, NULL, &body, &len);
	if (!text || (len && body[len - 1] != '\0')) {
		free(text);
		return false;
	}
	for (char *p = body; p < body + len; p += strlen(p) + 1)
		mj_strvec_push(out, p);
	free(text);
	return true;
}

static void save_private(struct mj_repo *repo, const char *key,
			 const struct mj_strvec *paths)
{
	struct mj_buf body = MJ_BUF_INIT;

	memo_start(&body, "private", key);
	for (size_t i = 0; i < paths->len; i++)
		mj_buf_add(&body, paths->items[i], strlen(paths->items[i]) + 1);
	memo_write(repo, "private", key, &body);
	mj_buf_free(&body);
}

static int compare_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The answer of mj_git_tracked_forbidden from the index memo, read a
 * record at a time: the arrays a status makes of it would be most of the
 * memory of a large journal's check (80 MB at 600,000 files).  false,
 * with nothing added to out, when there is no sound memo made from key.
 */
static bool forbidden_in_memo(struct mj_repo *repo, const char *key,
			      const struct mj_strvec *also, struct mj_strvec *out)
{
	struct mj_strvec asked = MJ_STRVEC_INIT, found = MJ_STRVEC_INIT;
	unsigned char *p, *end, *record;
	bool bad = false;
	size_t len;
	char *body, *memo = memo_read(repo, "index", key, NULL, &body, &len);

	if (!memo)
		return false;
	for (size_t i = 0; also && i < also->len; i++)
		mj_strvec_push(&asked, also->items[i]);
	mj_strvec_sort(&asked);
	end = (unsigned char *)body + len;
	/* in the index or only in HEAD: git has it */
	for (p = (unsigned char *)body; (record = next_record(&p, end, &bad));) {
		const char *path = (const char *)record + INDEX_RECORD;

		push_forbidden(&found, path);
		if (asked.len && bsearch(&path, asked.items, asked.len,
					 sizeof(*asked.items), compare_str) &&
		    !mj_strvec_contains(&found, path))
			mj_strvec_push(&found, path);
	}
	for (size_t i = 0; !bad && i < found.len; i++)
		if (!mj_strvec_contains(out, found.items[i]))
			mj_strvec_push(out, found.items[i]);
	mj_strvec_free(&found);
	mj_strvec_free(&asked);
	free(memo);
	return !bad;
}

int mj_git_tracked_forbidden(struct mj_repo *repo,
			     const struct mj_strvec *also, struct mj_strvec *out)
{
	struct status st;
	char *key;
	int rc = -1;

	memset(&st, 0, sizeof(st));
	st.repo = repo;
	key_index(&st);
	key = private_key(&st, also);
	if (key && load_private(repo, key, out)) {
		mj_trace("tracked and forbidden: %zu, remembered", out->len);
		rc = 0;
		goto done;
	}
	if (st.key && forbidden_in_memo(repo, st.key, also, out)) {
		mj_trace("git index remembered");
		goto found;
	}
	/* what git has: the index, and HEAD's files the index lacks */
	if (read_git(&st) < 0)
		goto done;
	for (size_t i = 0; i < st.index.len; i++)
		push_forbidden(out, st.index.items[i].path);
	for (size_t i = 0; i < st.deleted.len; i++)
		push_forbidden(out, st.deleted.items[i].path);
	/* notes private by their front matter, wherever git has them */
	for (size_t i = 0; also && i < also->len; i++)
		if ((has_file(&st.index, also->items[i]) ||
		     has_file(&st.deleted, also->items[i])) &&
		    !mj_strvec_contains(out, also->items[i]))
			mj_strvec_push(out, also->items[i]);
found:
	mj_strvec_sort(out);
	if (key)
		save_private(repo, key, out);
	mj_trace("tracked and forbidden: %zu", out->len);
	rc = 0;
done:
	free(key);
	status_free(&st);
	return rc;
}
