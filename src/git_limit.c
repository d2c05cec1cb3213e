/*
 * git_limit.c - no git object over a journal file's size limit is read
 * whole.  libgit2 inflates a blob whole in memory to check it out or
 * merge it (and its local transport to send it), so a file of 3 GiB,
 * 15 MB on the wire, would cost 3 GiB.  Two defences, both by the size an
 * object's header gives without inflating it:
 *
 *   - what a fetch brings is checked before anything merges, checks out
 *     or (from a remote on this machine) sends it, and refused with the
 *     files named and what to do;
 *   - the repositories sync and programme use get a first object backend
 *     that refuses a whole read of such an object, whatever reads it, and
 *     looks at a fetched pack as it streams in: an object stored whole
 *     streams through libgit2's indexer in little memory (the check after
 *     the fetch names it), but one stored as a change to another is
 *     rebuilt whole, with its base, so such a change over the limit stops
 *     the fetch.
 *
 * Part of the git module (git_private.h); zlib is spoken to only here.
 */
#include "git_private.h"

#include <git2/sys/odb_backend.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

/* Folders nested deeper than this are refused too: the walk recurses. */
#define MAX_DEPTH 256
/*
 * libgit2's indexer keeps some 150 bytes of every object it indexes, and
 * sizes its tables by the number a pack's header announces before any
 * arrives: a fetch takes no pack that announces more than this (110 MB; a
 * journal of 150,000 notes, each its commit, is some 600,000 objects).
 */
#define MAX_PACK_OBJECTS 750000

static void format_limit(char *buf, size_t size)
{
	mj_format_size(MJ_FILE_SIZE_LIMIT, buf, size);
}

/* What every refusal ends with: what was refused, and what to do. */
static void add_what_to_do(struct mj_buf *out)
{
	char limit[32];

	format_limit(limit, sizeof(limit));
	mj_buf_addf(out, ": over the %s a journal's file may have (mjournal "
		    "never reads one whole), so nothing was brought in. Whoever "
		    "committed it must take it out of the history they pushed "
		    "(git rebase -i, then git push --force-with-lease): a later "
		    "commit that deletes it leaves it in the history every fetch "
		    "brings", limit);
}

/* ---- a pack as a fetch receives it ---- */

enum { OBJ_OFS_DELTA = 6, OBJ_REF_DELTA = 7 };

enum scan_state {
	SCAN_PACK_HEADER, SCAN_OBJECT_HEADER, SCAN_BASE_OFFSET, SCAN_BASE_ID,
	SCAN_DATA, SCAN_DONE,
};

/*
 * Where a pack stream is: the pack's header, then each object's header
 * (its type and size), a delta's base, its deflated data.  Each object is
 * inflated (and thrown away) only to find where it ends; a delta's first
 * bytes give the size of what it rebuilds.
 */
struct pack_scan {
	enum scan_state state;
	unsigned char head[12];
	size_t have;           /* bytes of the pack's header, or base id */
	uint32_t left;         /* objects still to come */
	int type;
	uint64_t size;         /* the object's inflated size, by its header */
	unsigned shift;        /* of the next size byte; 0: none read yet */
	unsigned char delta[20]; /* a delta's first bytes: base and result size */
	size_t delta_len;
	z_stream zs;
	uint64_t refused;      /* the size that stopped the fetch, or 0 */
	bool too_many;         /* the pack announced too many objects */
};

/* The varint at *p (a delta's size); false when it is not all there. */
static bool delta_varint(const unsigned char **p, const unsigned char *end,
			 uint64_t *out)
{
	unsigned shift = 0;

	*out = 0;
	while (*p < end && shift < 64) {
		unsigned char c = *(*p)++;
		*out |= (uint64_t)(c & 0x7f) << shift;
		shift += 7;
		if (!(c & 0x80))
			return true;
	}
	return false;
}

/* An object's data begins: a delta over the limit (its own data, or what
 * it rebuilds) is refused; -1 then. */
static int scan_data_begins(struct pack_scan *s)
{
	if ((s->type == OBJ_OFS_DELTA || s->type == OBJ_REF_DELTA) &&
	    s->size > MJ_FILE_SIZE_LIMIT) {
		s->refused = s->size;
		return -1;
	}
	s->delta_len = 0;
	s->state = inflateReset(&s->zs) == Z_OK ? SCAN_DATA : SCAN_DONE;
	return 0;
}

/* The size a delta rebuilds, once its first bytes are in: -1 when it is
 * over the limit. */
static int scan_delta_result(struct pack_scan *s)
{
	const unsigned char *p = s->delta, *end = s->delta + s->delta_len;
	uint64_t base, result;

	if (delta_varint(&p, end, &base) && delta_varint(&p, end, &result) &&
	    result > MJ_FILE_SIZE_LIMIT) {
		s->refused = result;
		return -1;
	}
	return 0;
}

/* Inflates what of the current object's data p holds; how much of p it
 * used (the rest belongs to the next object), or -1 to refuse. */
static ptrdiff_t scan_inflate(struct pack_scan *s, const unsigned char *p,
			      size_t n)
{
	unsigned char out[16384];
	bool delta = s->type == OBJ_OFS_DELTA || s->type == OBJ_REF_DELTA;
	int rc;

	if (n > UINT32_MAX)
		n = UINT32_MAX; /* zlib's counts are 32 bits: the rest next */
	s->zs.next_in = (unsigned char *)(uintptr_t)p;
	s->zs.avail_in = (uInt)n;
	do {
		s->zs.next_out = out;
		s->zs.avail_out = sizeof(out);
		rc = inflate(&s->zs, Z_NO_FLUSH);
		if (delta && s->delta_len < sizeof(s->delta)) {
			size_t got = sizeof(out) - s->zs.avail_out;
			size_t room = sizeof(s->delta) - s->delta_len;
			memcpy(s->delta + s->delta_len, out, got < room ? got : room);
			s->delta_len += got < room ? got : room;
			if (scan_delta_result(s) < 0)
				return -1;
		}
	} while (rc == Z_OK && (s->zs.avail_in || !s->zs.avail_out));
	if (rc == Z_STREAM_END) {
		s->state = --s->left ? SCAN_OBJECT_HEADER : SCAN_DONE;
		s->shift = 0;
	} else if ((rc != Z_OK && rc != Z_BUF_ERROR) || s->zs.avail_in == n) {
		s->state = SCAN_DONE; /* not a pack: the indexer says so */
	}
	return (ptrdiff_t)(n - s->zs.avail_in);
}

/* Looks at n more bytes of the stream; -1 when an object in them is
 * refused (s->refused says its size). */
static int scan_feed(struct pack_scan *s, const unsigned char *p, size_t n)
{
	while (n && s->state != SCAN_DONE) {
		unsigned char c = *p;
		ptrdiff_t used = 1;

		switch (s->state) {
		case SCAN_PACK_HEADER:
			s->head[s->have++] = c;
			if (s->have < sizeof(s->head))
				break;
			s->left = (uint32_t)s->head[8] << 24 | s->head[9] << 16 |
				  s->head[10] << 8 | s->head[11];
			s->state = memcmp(s->head, "PACK", 4) || !s->left ?
				   SCAN_DONE : SCAN_OBJECT_HEADER;
			if (s->state != SCAN_DONE && s->left > MAX_PACK_OBJECTS) {
				s->too_many = true;
				return -1;
			}
			break;
		case SCAN_OBJECT_HEADER:
			if (!s->shift) {
				s->type = (c >> 4) & 7;
				s->size = c & 15;
				s->shift = 4;
			} else if (s->shift < 64) {
				s->size |= (uint64_t)(c & 0x7f) << s->shift;
				s->shift += 7;
			} else {
				s->state = SCAN_DONE;
				break;
			}
			if (c & 0x80)
				break;
			s->have = 0;
			if (s->type == OBJ_OFS_DELTA)
				s->state = SCAN_BASE_OFFSET;
			else if (s->type == OBJ_REF_DELTA)
				s->state = SCAN_BASE_ID;
			else if (scan_data_begins(s) < 0)
				return -1;
			break;
		case SCAN_BASE_OFFSET:
			if (!(c & 0x80) && scan_data_begins(s) < 0)
				return -1;
			break;
		case SCAN_BASE_ID:
			if (++s->have == GIT_OID_RAWSZ && scan_data_begins(s) < 0)
				return -1;
			break;
		case SCAN_DATA:
			if ((used = scan_inflate(s, p, n)) < 0)
				return -1;
			break;
		case SCAN_DONE:
			break;
		}
		p += used;
		n -= (size_t)used;
	}
	return 0;
}

/* The fetch's pack: looked at, then handed to libgit2's indexer. */
struct intake {
	git_odb_writepack parent;
	git_indexer *indexer;
	struct pack_scan scan;
};

static int intake_append(git_odb_writepack *w, const void *data, size_t size,
			 git_indexer_progress *stats)
{
	struct intake *in = (struct intake *)w;
	struct mj_buf why = MJ_BUF_INIT;
	char size_text[32];

	if (scan_feed(&in->scan, data, size) == 0)
		return git_indexer_append(in->indexer, data, size, stats);
	if (in->scan.too_many) {
		mj_buf_addf(&why, "it sends %u objects, more than the %u a fetch "
			    "by mjournal takes in (libgit2 keeps some of each in "
			    "memory); fetch them once with git fetch, and mjournal "
			    "brings in only what is new after that",
			    (unsigned)in->scan.left, (unsigned)MAX_PACK_OBJECTS);
	} else {
		mj_format_size(in->scan.refused, size_text, sizeof(size_text));
		mj_buf_addf(&why, "it sends a file of %s, as a change to another "
			    "one (git log --stat on a clone that has it names it)",
			    size_text);
		add_what_to_do(&why);
	}
	git_error_set_str(GIT_ERROR_ODB, why.ptr);
	mj_buf_free(&why);
	return GIT_ERROR;
}

static int intake_commit(git_odb_writepack *w, git_indexer_progress *stats)
{
	return git_indexer_commit(((struct intake *)w)->indexer, stats);
}

static void intake_free(git_odb_writepack *w)
{
	struct intake *in = (struct intake *)w;

	git_indexer_free(in->indexer);
	inflateEnd(&in->scan.zs);
	free(in);
}

/* ---- the guard: every whole read of an object checks its size first ---- */

struct guard {
	git_odb_backend parent;
	/* the same objects, opened apart: the guarded database is locked
	 * while its backends run, so the guard cannot ask it */
	git_odb *objects;
	char *packs; /* where a fetched pack goes */
};

/* Refuses to read id whole when its header says it is over the limit;
 * else lets the other backends read it. */
static int guard_read(void **data, size_t *len, git_object_t *type,
		      git_odb_backend *backend, const git_oid *id)
{
	struct guard *g = (struct guard *)backend;
	char hex[GIT_OID_HEXSZ + 1], size_text[32], limit[32];
	git_object_t kind;
	size_t size;

	(void)data;
	(void)len;
	(void)type;
	if (git_odb_read_header(&size, &kind, g->objects, id) < 0 ||
	    size <= MJ_FILE_SIZE_LIMIT) {
		git_error_clear();
		return GIT_PASSTHROUGH;
	}
	git_oid_tostr(hex, sizeof(hex), id);
	mj_format_size(size, size_text, sizeof(size_text));
	format_limit(limit, sizeof(limit));
	git_error_set(GIT_ERROR_ODB, "the %s %s is %s, over the %s mjournal "
		      "reads of one file; whoever committed it must take "
		      "it out of the history", git_object_type2string(kind), hex,
		      size_text, limit);
	return GIT_ERROR;
}

/* The other backends say what the header is. */
static int guard_read_header(size_t *len, git_object_t *type,
			     git_odb_backend *backend, const git_oid *id)
{
	(void)len;
	(void)type;
	(void)backend;
	(void)id;
	return GIT_ENOTFOUND;
}

/* A fetched pack goes through the intake, as the packed backend's would
 * go straight to the indexer. */
static int guard_writepack(git_odb_writepack **out, git_odb_backend *backend,
			   git_odb *odb, git_indexer_progress_cb progress,
			   void *payload)
{
	struct guard *g = (struct guard *)backend;
	git_indexer_options opts;
	struct intake *in = mj_xcalloc(1, sizeof(*in));

	if (git_indexer_options_init(&opts, GIT_INDEXER_OPTIONS_VERSION) < 0 ||
	    inflateInit(&in->scan.zs) != Z_OK) {
		free(in);
		return GIT_ERROR;
	}
	opts.progress_cb = progress;
	opts.progress_cb_payload = payload;
	if (git_indexer_new(&in->indexer, g->packs, 0, odb, &opts) < 0) {
		inflateEnd(&in->scan.zs);
		free(in);
		return GIT_ERROR;
	}
	in->parent.backend = backend;
	in->parent.append = intake_append;
	in->parent.commit = intake_commit;
	in->parent.free = intake_free;
	*out = &in->parent;
	return 0;
}

/* Packs a fetch wrote are seen by the guard too. */
static int guard_refresh(git_odb_backend *backend)
{
	return git_odb_refresh(((struct guard *)backend)->objects);
}

static void guard_free(git_odb_backend *backend)
{
	struct guard *g = (struct guard *)backend;

	git_odb_free(g->objects);
	free(g->packs);
	free(g);
}

int mjg_guard_objects(git_repository *repo)
{
	struct guard *g = mj_xcalloc(1, sizeof(*g));
	git_buf path = GIT_BUF_INIT;
	git_odb *odb = NULL;
	int rc = -1;

	/* the intake refuses such a pack first, saying why; this is libgit2's
	 * own refusal, whatever writes the pack */
	git_libgit2_opts(GIT_OPT_SET_PACK_MAX_OBJECTS, (size_t)MAX_PACK_OBJECTS);

	if (git_repository_item_path(&path, repo, GIT_REPOSITORY_ITEM_OBJECTS) < 0 ||
	    git_odb_open(&g->objects, path.ptr) < 0 ||
	    git_repository_odb(&odb, repo) < 0 ||
	    git_odb_init_backend(&g->parent, GIT_ODB_BACKEND_VERSION) < 0) {
		mjg_fail("cannot open the repository's objects");
		git_odb_free(g->objects);
		free(g);
		goto done;
	}
	g->packs = mj_path_join(path.ptr, "pack");
	g->parent.read = guard_read;
	g->parent.read_header = guard_read_header;
	g->parent.writepack = guard_writepack;
	g->parent.refresh = guard_refresh;
	g->parent.free = guard_free;
	/* before the loose and packed backends (priorities 1 and 2) */
	if (git_odb_add_backend(odb, &g->parent, 1000) < 0) {
		mjg_fail("cannot open the repository's objects");
		guard_free(&g->parent);
		goto done;
	}
	rc = 0;
done:
	git_odb_free(odb);
	git_buf_dispose(&path);
	return rc;
}

/* ---- the references a walk starts from or stops at ---- */

void mjg_refs_collect(git_repository *repo, const char *glob,
		      struct mjg_refs *out)
{
	git_reference_iterator *it = NULL;
	git_reference *ref;

	memset(out, 0, sizeof(*out));
	if (git_reference_iterator_glob_new(&it, repo, glob) < 0) {
		git_error_clear();
		return;
	}
	while (git_reference_next(&ref, it) == 0) {
		if (git_reference_type(ref) == GIT_REFERENCE_DIRECT) {
			mj_grow((void **)&out->ids, &out->cap, out->names.len + 1,
				sizeof(*out->ids));
			out->ids[out->names.len] = *git_reference_target(ref);
			mj_strvec_push(&out->names, git_reference_name(ref));
		}
		git_reference_free(ref);
	}
	git_reference_iterator_free(it);
	git_error_clear();
}

void mjg_refs_free(struct mjg_refs *refs)
{
	mj_strvec_free(&refs->names);
	free(refs->ids);
	memset(refs, 0, sizeof(*refs));
}

int mjg_refs_restore(git_repository *repo, const char *glob,
		     const struct mjg_refs *was)
{
	struct mjg_refs now;
	git_reference *ref = NULL;
	int rc = 0;

	mjg_refs_collect(repo, glob, &now);
	for (size_t i = 0; i < now.names.len; i++)
		if (!mj_strvec_contains(&was->names, now.names.items[i]) &&
		    git_reference_remove(repo, now.names.items[i]) < 0)
			rc = mjg_fail("cannot remove %s", now.names.items[i]);
	for (size_t i = 0; i < was->names.len && rc == 0; i++) {
		if (git_reference_create(&ref, repo, was->names.items[i],
					 &was->ids[i], 1, "mjournal: refused") < 0)
			rc = mjg_fail("cannot put %s back", was->names.items[i]);
		git_reference_free(ref);
		ref = NULL;
	}
	mjg_refs_free(&now);
	return rc;
}

/* ---- what a fetch brings ---- */

/* A file (or folder, or commit) over the limit, and where it came in. */
struct finding {
	char *path;
	size_t size;
	git_oid commit;
	char *author;
};

struct check {
	git_repository *repo;
	git_odb *odb;
	git_commit *commit; /* the commit being looked at */
	struct mj_buf path;  /* the folder being looked at: "" or "a/b" */
	int depth;
	struct finding *items;
	size_t len, cap;
};

static void found(struct check *c, const char *what, size_t size)
{
	const git_signature *author = git_commit_author(c->commit);

	for (size_t i = 0; i < c->len; i++)
		if (!strcmp(c->items[i].path, what))
			return; /* the same file in several commits: once */
	mj_grow((void **)&c->items, &c->cap, c->len + 1, sizeof(*c->items));
	c->items[c->len].path = mj_visible(what, false);
	c->items[c->len].size = size;
	c->items[c->len].commit = *git_commit_id(c->commit);
	c->items[c->len].author = mj_visible(author && author->name ?
					     author->name : "?", false);
	c->len++;
}

/* Appends name to the path being looked at; returns where it was cut. */
static size_t path_enter(struct mj_buf *path, const char *name)
{
	size_t at = path->len;

	mj_buf_addf(path, "%s%s", at ? "/" : "", name);
	return at;
}

static void path_leave(struct mj_buf *path, size_t at)
{
	path->len = at;
	path->ptr[at] = '\0';
}

/*
 * Every file of the tree id that old (a parent's tree, or NULL) does not
 * hold as it is, by header: a folder the parent has unchanged is never
 * opened.  0, or -1 when an object cannot be read.
 */
static int check_tree(struct check *c, const git_tree *old, const git_oid *id)
{
	git_tree *tree = NULL;
	git_object_t kind;
	size_t size;
	int rc = 0;

	if (git_odb_read_header(&size, &kind, c->odb, id) < 0)
		return mjg_fail("cannot read the folder '%s'", c->path.ptr);
	if (size > MJ_FILE_SIZE_LIMIT || c->depth > MAX_DEPTH) {
		char *what = mj_xasprintf("%s/ (a folder %s)", c->path.ptr,
					  c->depth > MAX_DEPTH ? "nested too deep" :
					  "listing too many files");
		found(c, what, size);
		free(what);
		return 0;
	}
	if (git_tree_lookup(&tree, c->repo, id) < 0)
		return mjg_fail("cannot read the folder '%s'", c->path.ptr);
	for (size_t i = 0; i < git_tree_entrycount(tree) && rc == 0; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(tree, i);
		const git_tree_entry *was =
			old ? git_tree_entry_byname(old, git_tree_entry_name(e)) : NULL;
		size_t at;

		if (was && git_oid_equal(git_tree_entry_id(was), git_tree_entry_id(e)))
			continue;
		at = path_enter(&c->path, git_tree_entry_name(e));
		if (git_tree_entry_type(e) == GIT_OBJECT_BLOB) {
			if (git_odb_read_header(&size, &kind, c->odb,
						git_tree_entry_id(e)) < 0)
				rc = mjg_fail("cannot read '%s'", c->path.ptr);
			else if (size > MJ_FILE_SIZE_LIMIT)
				found(c, c->path.ptr, size);
		} else if (git_tree_entry_type(e) == GIT_OBJECT_TREE) {
			git_tree *old_sub = NULL;
			if (was && git_tree_entry_type(was) == GIT_OBJECT_TREE &&
			    git_tree_lookup(&old_sub, c->repo,
					    git_tree_entry_id(was)) < 0)
				git_error_clear(); /* compared with nothing */
			c->depth++;
			rc = check_tree(c, old_sub, git_tree_entry_id(e));
			c->depth--;
			git_tree_free(old_sub);
		} /* a submodule's commit is another repository's */
		path_leave(&c->path, at);
	}
	git_tree_free(tree);
	return rc;
}

/* What the commit changes from its first parent (all of a root commit). */
static int check_commit(struct check *c, const git_oid *id)
{
	git_commit *parent = NULL;
	git_tree *old = NULL;
	int rc;

	if (git_commit_lookup(&c->commit, c->repo, id) < 0)
		return mjg_fail("cannot read a commit");
	/* a shallow clone's first commit has no parent to compare with */
	if (git_commit_parentcount(c->commit) &&
	    (git_commit_parent(&parent, c->commit, 0) < 0 ||
	     git_commit_tree(&old, parent) < 0))
		git_error_clear();
	mj_buf_adds(&c->path, "");
	rc = check_tree(c, old, git_commit_tree_id(c->commit));
	git_tree_free(old);
	git_commit_free(parent);
	git_commit_free(c->commit);
	c->commit = NULL;
	return rc;
}

/* "a.md (200 MiB, commit 1a2b3c4 by Sam Roe), b.md (...) and 3 more" */
static void describe(const struct check *c, struct mj_buf *out)
{
	const size_t shown = 3;
	char size[32], hex[8];

	for (size_t i = 0; i < c->len && i < shown; i++) {
		mj_format_size(c->items[i].size, size, sizeof(size));
		git_oid_tostr(hex, sizeof(hex), &c->items[i].commit);
		mj_buf_addf(out, "%s%s (%s, commit %s by %s)",
			    i ? (i + 1 == c->len ? " and " : ", ") : "",
			    c->items[i].path, size, hex, c->items[i].author);
	}
	if (c->len > shown)
		mj_buf_addf(out, " and %zu more", c->len - shown);
}

int mjg_check_incoming(git_repository *repo, const char *const *tips,
		       size_t n_tips, const struct mjg_refs *hide,
		       const char *source)
{
	struct check c;
	git_revwalk *walk = NULL;
	git_oid id;
	int rc = -1, next;

	memset(&c, 0, sizeof(c));
	c.repo = repo;
	if (git_repository_odb(&c.odb, repo) < 0 ||
	    git_revwalk_new(&walk, repo) < 0) {
		mjg_fail("cannot read what %s brings", source);
		goto done;
	}
	/* what is not in this repository cannot hide anything in it */
	for (size_t i = 0; i < hide->names.len; i++)
		if (git_revwalk_hide(walk, &hide->ids[i]) < 0)
			git_error_clear();
	for (size_t i = 0; i < n_tips; i++)
		if (git_revwalk_push_glob(walk, tips[i]) < 0) {
			mjg_fail("cannot read what %s brings", source);
			goto done;
		}
	while ((next = git_revwalk_next(&id, walk)) == 0)
		if (check_commit(&c, &id) < 0)
			goto done;
	if (next != GIT_ITEROVER) {
		/* the guard's words: a commit over the limit */
		mjg_fail("cannot read what %s brings", source);
		goto done;
	}
	if (c.len) {
		struct mj_buf why = MJ_BUF_INIT;
		mj_buf_addf(&why, "%s holds ", source);
		describe(&c, &why);
		add_what_to_do(&why);
		mjg_fail_own("%s", why.ptr);
		mj_buf_free(&why);
		goto done;
	}
	rc = 0;
done:
	for (size_t i = 0; i < c.len; i++) {
		free(c.items[i].path);
		free(c.items[i].author);
	}
	free(c.items);
	mj_buf_free(&c.path);
	git_revwalk_free(walk);
	git_odb_free(c.odb);
	return rc;
}

const char *mjg_remote_local_path(const char *url)
{
	const char *path = strncmp(url, "file://", 7) ? url : url + 7;
	struct stat st;

	if (path == url && strstr(url, "://"))
		return NULL;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode) ? path : NULL;
}

int mjg_check_local_remote(const char *url, const struct mjg_refs *hide,
			   const char *source)
{
	static const char *const everything[] = { "refs/*" };
	const char *path = mjg_remote_local_path(url);
	git_repository *remote = NULL;
	int rc;

	/* libgit2's local transport packs every object the fetch brings,
	 * inflating each: look at their headers first, in the remote */
	if (!path)
		return 0;
	if (git_repository_open_ext(&remote, path, GIT_REPOSITORY_OPEN_NO_SEARCH,
				    NULL) < 0) {
		git_error_clear(); /* the fetch says what is wrong with it */
		return 0;
	}
	rc = mjg_guard_objects(remote);
	if (rc == 0)
		rc = mjg_check_incoming(remote, everything, 1, hide, source);
	git_repository_free(remote);
	return rc;
}
