/*
 * journal.c - finding a journal and reading it into the model.
 */
#include "mj_journal.h"
#include "mj_actions.h"
#include "mj_cache.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

struct fs_source {
	int root; /* opened once: every read and listing is beneath it */
	bool hide_private;
};

static int fs_list(void *ctx, const char *dir, struct mj_dirent **out, size_t *n)
{
	struct fs_source *fs = ctx;
	int rc = mj_jfs_list_at(fs->root, dir, out, n);
	size_t kept = 0;

	for (size_t i = 0; rc == 0 && i < *n; i++) {
		if (fs->hide_private && mj_note_name_is_private((*out)[i].name)) {
			free((*out)[i].name);
			continue;
		}
		(*out)[kept++] = (*out)[i];
	}
	if (rc == 0)
		*n = kept;
	return rc;
}

static enum mj_read_status fs_read(void *ctx, const char *rel, size_t limit,
				   char **out, size_t *len)
{
	struct fs_source *fs = ctx;

	return mj_jfs_read_at(fs->root, rel, limit, out, len);
}

void mj_source_init_fs_shared(struct mj_source *src, const char *root)
{
	mj_source_init_fs(src, root);
	((struct fs_source *)src->ctx)->hide_private = true;
	src->cache_read_only = true; /* another's journal: nothing written */
}

void mj_source_init_fs(struct mj_source *src, const char *root)
{
	struct fs_source *fs = mj_xcalloc(1, sizeof(*fs));

	fs->root = mj_jfs_root(root); /* when it fails, every read says why */
	memset(src, 0, sizeof(*src));
	src->list = fs_list;
	src->read = fs_read;
	src->cacheable = true;
	src->ctx = fs;
}

void mj_source_free_fs(struct mj_source *src)
{
	struct fs_source *fs = src->ctx;

	if (fs && fs->root >= 0)
		close(fs->root);
	free(fs);
	src->ctx = NULL;
}

int mj_journal_find_root(const char *start, char **out)
{
	char *dir = realpath(start, NULL);

	*out = NULL;
	if (!dir)
		return -1;
	for (;;) {
		char *ini = mj_path_join(dir, "mjournal.ini");
		enum mj_file_kind kind;
		bool found = mj_fs_kind(ini, &kind) == 0 && kind == MJ_KIND_FILE;
		char *slash = strrchr(dir, '/');

		free(ini);
		if (found) {
			*out = dir;
			return 0;
		}
		if (!slash || !strcmp(dir, "/")) {
			free(dir);
			return -1;
		}
		slash[slash == dir] = '\0'; /* "/a" becomes "/", "/a/b" "/a" */
	}
}

bool mj_journal_name_is_reserved(const char *name)
{
	return name[0] == '.' || !strcmp(name, MJ_JOURNAL_TEMPLATES_DIR);
}

/* Can name, a folder directly under the root, be a relationship. */
static bool may_be_relationship(const char *name)
{
	return !mj_journal_name_is_reserved(name) && mj_slug_is_valid(name);
}

int mj_journal_relationship_names(const char *root, struct mj_strvec *out)
{
	struct mj_dirent *entries;
	size_t n;

	if (mj_fs_list(root, &entries, &n) < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (entries[i].kind == MJ_KIND_DIR &&
		    may_be_relationship(entries[i].name))
			mj_strvec_push(out, entries[i].name);
	mj_fs_list_free(entries, n);
	return 0;
}

char *mj_journal_relationship_at(const char *root, const char *dir)
{
	size_t n = strlen(root), len;
	char *slug;

	if (n && root[n - 1] == '/')
		n--; /* the root is "/" */
	if (strncmp(dir, root, n) || dir[n] != '/')
		return NULL;
	dir += n + 1;
	len = strcspn(dir, "/");
	slug = mj_xstrndup(dir, len);
	if (!may_be_relationship(slug)) {
		free(slug);
		return NULL;
	}
	return slug;
}

/*
 * Drops the unknown-key warnings of the keys mjournal.ini allows (in any
 * case, as keys are matched) from rel's notes.  Done after parsing and
 * after the cache took the notes, so the cache never depends on the
 * journal's settings.
 */
static void allow_keys(const struct mj_strvec *allowed,
		       struct mj_relationship *rel)
{
	for (size_t i = 0; allowed->len && i < rel->n_notes; i++) {
		struct mj_diags *d = &rel->notes[i].diags;
		size_t kept = 0;
		for (size_t k = 0; k < d->len; k++) {
			bool drop = false;
			for (size_t a = 0; a < allowed->len && !drop; a++) {
				char *words = mj_xasprintf("unknown key '%s' ",
							   allowed->items[a]);
				drop = !strcmp(d->items[k].rule,
					       MJ_RULE_NOTE_FRONT_MATTER) &&
				       !strncasecmp(d->items[k].message, words,
						    strlen(words));
				free(words);
			}
			if (drop) {
				free(d->items[k].file);
				free(d->items[k].message);
			} else {
				d->items[kept++] = d->items[k];
			}
		}
		d->len = kept;
	}
}

bool mj_journal_path_in(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	return !strncmp(path, dir, n) && (!path[n] || path[n] == '/');
}

bool mj_journal_path_is_own(const char *path)
{
	return mj_journal_path_in(path, MJ_JOURNAL_OWN_DIR);
}

/* A file left by a merge (dir: "" for the root). */
static void leftover_error(struct mj_diags *diags, const char *dir,
			   const char *name)
{
	char *path = *dir ? mj_path_join(dir, name) : mj_xstrdup(name);

	mj_diags_add(diags, path, 0, 0, MJ_LEVEL_ERROR, MJ_RULE_MERGE_LEFTOVER,
		     "was left by a merge: keep what you want of it in the file "
		     "it was made from, then delete it (mjournal commit refuses "
		     "it)");
	free(path);
}

static bool is_note_name(const char *name)
{
	return mj_str_ends_with(name, ".md") && strcmp(name, "summary.md");
}

/* Does the listing hold an agreement.ini or a note: is it a relationship. */
static bool holds_relationship(const struct mj_dirent *entries, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(entries[i].name, "agreement.ini") ||
		    is_note_name(entries[i].name))
			return true;
	return false;
}

/* What a link at path means, and what to do about it. */
static const char *link_advice(const char *path)
{
	if (mj_journal_path_is_own(path))
		return "mjournal never reads or writes through it, so the "
		       "commands that need it stop: remove it (what is under "
		       ".mjournal/ is made again)";
	if (mj_journal_path_in(path, MJ_JOURNAL_TEMPLATES_DIR))
		return "mjournal never follows links, so it is not read and the "
		       "commands that need it stop: put the template itself there";
	return "mjournal never follows links, so it is not read (put the file "
	       "itself in the journal)";
}

static void symlink_error(struct mj_diags *diags, const char *path)
{
	mj_diags_add(diags, path, 0, 0, MJ_LEVEL_ERROR, MJ_RULE_SYMLINK,
		     "is a symbolic link; %s", link_advice(path));
}

static void not_a_file_error(struct mj_diags *diags, const char *path)
{
	mj_diags_add(diags, path, 0, 0, MJ_LEVEL_ERROR, MJ_RULE_NOT_A_FILE,
		     "is not a regular file (a FIFO, a device or a socket) and "
		     "is not read; move it out of the journal");
}

static void too_large_error(struct mj_diags *diags, const char *path)
{
	mj_diags_add(diags, path, 0, 0, MJ_LEVEL_ERROR, MJ_RULE_FILE_TOO_LARGE,
		     "is larger than %u MiB and is not read; split it or move "
		     "attachments out of the journal",
		     MJ_FILE_SIZE_LIMIT / (1024 * 1024));
}

static void unreadable_error(struct mj_diags *diags, const char *path,
			     const char *rule, int err)
{
	mj_diags_add(diags, path, 0, 0, MJ_LEVEL_ERROR, rule,
		     "cannot be read: %s", strerror(err));
}

/* Reads one file into *text; reports why not as a diagnostic. */
static bool read_member(const struct mj_source *src, const char *path,
			const char *rule, struct mj_diags *diags, char **text,
			size_t *len)
{
	switch (src->read(src->ctx, path, MJ_FILE_SIZE_LIMIT, text, len)) {
	case MJ_READ_OK:
		return true;
	case MJ_READ_TOO_LARGE:
		too_large_error(diags, path);
		break;
	case MJ_READ_NOT_REGULAR:
		symlink_error(diags, path);
		break;
	case MJ_READ_ERROR:
		unreadable_error(diags, path, rule, errno);
		break;
	}
	return false;
}

/* What loading one relationship needs, and what it found. */
struct load {
	const struct mj_source *src;
	struct mj_cache *cache;
	struct mj_walk *walk;  /* the listings kept (MJ_LOAD_WALK), or NULL */
	bool text;             /* titles and action texts are wanted */
	const struct mj_strvec *allowed; /* front matter keys never warned of */
	atomic_size_t cached;  /* notes that came from the cache */
	atomic_size_t stamped; /* notes read from files that can be cached */
	atomic_size_t agreements_cached;
};

/* One note: from the cache when its file did not change, else parsed. */
static void load_note(struct mj_relationship *rel, struct load *ld,
		      const char *path, const struct mj_dirent *e)
{
	struct mj_note note;
	char *text;
	size_t len;

	if (e->has_stamp) {
		atomic_fetch_add(&ld->stamped, 1);
		if (ld->cache && mj_cache_find(ld->cache, path, rel->slug, e->name,
					       &e->stamp, ld->text, &note)) {
			atomic_fetch_add(&ld->cached, 1);
			mj_relationship_add_note(rel, &note);
			return;
		}
	}
	if (read_member(ld->src, path, MJ_RULE_NOTE_FRONT_MATTER, &rel->diags,
			&text, &len)) {
		mj_note_parse(&note, path, e->name, text, len);
		free(text);
		/* the stamp was taken before the read: a change during it is
		 * seen as a change next time, never hidden */
		note.has_stamp = e->has_stamp;
		note.stamp = e->stamp;
	} else {
		mj_note_init_unread(&note, path, e->name);
	}
	mj_relationship_add_note(rel, &note);
}

/* The agreement: from the cache when its file did not change, else
 * parsed. */
static void load_agreement(struct mj_relationship *rel, struct load *ld,
			   const char *path, const struct mj_dirent *e)
{
	char *text;
	size_t len;

	rel->agreement.present = true;
	if (e->has_stamp && ld->cache &&
	    mj_cache_find_agreement(ld->cache, path, &e->stamp,
				    &rel->agreement, &rel->diags)) {
		atomic_fetch_add(&ld->agreements_cached, 1);
		rel->agreement_stamped = true;
		rel->agreement_stamp = e->stamp;
		return;
	}
	if (!read_member(ld->src, path, MJ_RULE_AGREEMENT_SYNTAX, &rel->diags,
			 &text, &len))
		return;
	mj_agreement_parse(&rel->agreement, text, len, path, &rel->diags);
	free(text);
	/* the stamp was taken before the read, as a note's */
	rel->agreement_stamped = e->has_stamp;
	rel->agreement_stamp = e->stamp;
}

static void load_relationship(struct mj_relationship *rel, struct load *ld,
			      const struct mj_dirent *entries, size_t n)
{
	size_t notes = 0;

	/* room for every note at once: growing the array by doubling copied
	 * it three times for 30 notes and left a sixteenth of it unused */
	for (size_t i = 0; i < n; i++)
		notes += mj_str_ends_with(entries[i].name, ".md");
	rel->notes = mj_xcalloc(notes + 1, sizeof(*rel->notes));
	rel->cap_notes = notes + 1;
	for (size_t i = 0; i < n; i++) {
		const struct mj_dirent *e = &entries[i];
		bool agreement = !strcmp(e->name, "agreement.ini");
		char *path;

		if (mj_name_is_by_product(e->name))
			continue; /* an editor's file beside a note: not read */
		if (mj_name_is_merge_leftover(e->name)) {
			leftover_error(&rel->diags, rel->slug, e->name);
			continue;
		}
		if (!agreement && !mj_str_ends_with(e->name, ".md"))
			continue; /* not ours: ignored */
		path = mj_path_join(rel->slug, e->name);
		if (e->kind == MJ_KIND_LINK) {
			symlink_error(&rel->diags, path);
		} else if (e->kind == MJ_KIND_OTHER) {
			not_a_file_error(&rel->diags, path);
		} else if (e->kind != MJ_KIND_FILE) {
			/* a folder named like a note: not ours */
		} else if (!strcmp(e->name, "summary.md")) {
			/* mjournal's own output (close): not a note */
		} else if (agreement) {
			load_agreement(rel, ld, path, e);
		} else {
			load_note(rel, ld, path, e);
		}
		free(path);
	}
	if (!rel->agreement.present)
		mj_diags_add(&rel->diags, rel->slug, 0, 0, MJ_LEVEL_ERROR,
			     MJ_RULE_AGREEMENT_MISSING,
			     "has no agreement.ini; write the mentoring "
			     "agreement before the working sessions (mjournal "
			     "new starts one)");
	mj_relationship_sort(rel);
}

/* A folder under the root that may hold a relationship. */
struct job {
	const char *name;
	bool loaded;    /* it held a relationship with a valid name */
	bool bad_name;  /* it held one, under a name that is not a slug */
};

struct pool {
	struct mj_relationship *rels; /* one slot per job */
	struct job *jobs;
	size_t *order;                /* the jobs, in the order to take them */
	size_t n_jobs;
	struct load *ld;
	const struct mj_visitor *visitor; /* takes each, or NULL: all kept */
	atomic_size_t next;
};

/* Lists one folder and, when it is a relationship, reads it. */
static void load_folder(struct pool *p, size_t i)
{
	struct job *job = &p->jobs[i];
	struct mj_dirent *entries;
	size_t n;

	if (p->ld->src->list(p->ld->src->ctx, job->name, &entries, &n) < 0) {
		/* a name mjournal never opens (a control character in it) */
		job->bad_name = errno == EINVAL;
		goto done;
	}
	if (holds_relationship(entries, n)) {
		job->bad_name = !mj_slug_is_valid(job->name);
		job->loaded = !job->bad_name;
		if (job->loaded) {
			/* one a visitor takes is only ever on this stack */
			struct mj_relationship taken;
			struct mj_relationship *rel = p->visitor ? &taken :
						      &p->rels[i];
			mj_relationship_init(rel, job->name);
			load_relationship(rel, p->ld, entries, n);
			if (p->ld->cache)
				mj_cache_keep(p->ld->cache, rel);
			allow_keys(p->ld->allowed, rel);
			if (p->visitor) { /* taken, and let go */
				p->visitor->each(p->visitor->ctx, i, rel);
				mj_relationship_free(rel);
			}
		}
	}
	if (p->ld->walk)
		mj_walk_add(p->ld->walk, job->name, entries, n); /* kept */
	else
		mj_fs_list_free(entries, n);
done:
	if (p->ld->cache)
		mj_cache_done(p->ld->cache, job->name);
}

static void *worker(void *arg)
{
	struct pool *p = arg;
	size_t i;

	while ((i = atomic_fetch_add(&p->next, 1)) < p->n_jobs)
		load_folder(p, p->order[i]);
	return NULL;
}

static size_t thread_count(size_t jobs)
{
	const char *env = getenv("MJOURNAL_THREADS");
	long n = env && atoi(env) > 0 ? atol(env) : sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1)
		n = 1;
	if (n > 16)
		n = 16;
	return jobs < (size_t)n ? (jobs ? jobs : 1) : (size_t)n;
}

/* The jobs, the relationships of one cache piece after another, so that
 * the cache has one piece in memory at a time (per thread). */
static void order_by_piece(struct pool *pool, struct mj_cache *cache)
{
	unsigned *piece = mj_xcalloc(pool->n_jobs + 1, sizeof(*piece));
	size_t at[MJ_CACHE_PIECES + 1] = { 0 };
	size_t *order = pool->order;

	for (size_t i = 0; i < pool->n_jobs; i++) {
		piece[i] = mj_cache_expect(cache, pool->jobs[i].name);
		at[piece[i] + 1]++;
	}
	for (size_t k = 1; k <= MJ_CACHE_PIECES; k++)
		at[k] += at[k - 1];
	for (size_t i = 0; i < pool->n_jobs; i++)
		order[at[piece[i]]++] = i;
	free(piece);
}

/* Reads every folder, on several threads when there are several. */
static void load_all(struct pool *pool)
{
	size_t n = thread_count(pool->n_jobs), started = 0;
	pthread_t *threads = mj_xcalloc(n, sizeof(*threads));

	for (size_t i = 1; i < n; i++)
		if (pthread_create(&threads[i], NULL, worker, pool) == 0)
			started = i;
		else
			break;
	worker(pool); /* this thread works too */
	for (size_t i = 1; i <= started; i++)
		pthread_join(threads[i], NULL);
	free(threads);
}

/* The entries of mjournal's own folder dir: a link, a FIFO or a device
 * among them is reported. */
static void check_own_entries(struct mj_journal *out,
			      const struct mj_source *src, const char *dir)
{
	struct mj_dirent *entries;
	size_t n;

	if (src->list(src->ctx, dir, &entries, &n) < 0)
		return;
	for (size_t i = 0; i < n; i++) {
		char *path = mj_path_join(dir, entries[i].name);
		if (entries[i].kind == MJ_KIND_LINK)
			symlink_error(&out->diags, path);
		else if (entries[i].kind == MJ_KIND_OTHER)
			not_a_file_error(&out->diags, path);
		free(path);
	}
	mj_fs_list_free(entries, n);
}

/*
 * mjournal's own folders at the root, .mjournal/ and templates/: a link
 * or anything but a folder there, or a link among what they hold, is
 * reported (mjournal never reads or writes through it).
 */
static void check_own_folders(struct mj_journal *out,
			      const struct mj_source *src,
			      const struct mj_dirent *top, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct mj_dirent *e = &top[i];
		if (strcmp(e->name, MJ_JOURNAL_OWN_DIR) &&
		    strcmp(e->name, MJ_JOURNAL_TEMPLATES_DIR))
			continue;
		if (e->kind == MJ_KIND_LINK)
			symlink_error(&out->diags, e->name);
		else if (e->kind != MJ_KIND_DIR)
			mj_diags_add(&out->diags, e->name, 0, 0, MJ_LEVEL_ERROR,
				     MJ_RULE_NOT_A_FILE,
				     "is %s, not a folder: mjournal keeps its own "
				     "files there; move it out of the way",
				     mj_fs_kind_name(e->kind));
		else
			check_own_entries(out, src, e->name);
	}
}

static void load_config(struct mj_journal *out, const struct mj_source *src)
{
	char *text;
	size_t len;

	if (read_member(src, "mjournal.ini", MJ_RULE_JOURNAL_CONFIG, &out->diags,
			&text, &len)) {
		mj_config_parse(&out->config, text, len, "mjournal.ini",
				&out->diags);
		free(text);
	} else {
		out->config.autocommit = true;
	}
}

void mj_journal_open(struct mj_journal *out, const char *root,
		     const struct mj_source *src)
{
	memset(out, 0, sizeof(*out));
	out->root = mj_xstrdup(root);
	load_config(out, src);
}

int mj_journal_visit(struct mj_journal *out, const char *root,
		     const struct mj_source *src, const struct mj_strvec *slugs,
		     unsigned flags, const struct mj_visitor *visitor)
{
	struct mj_dirent *top;
	struct job *jobs;
	struct load ld = { src, NULL, NULL, flags & MJ_LOAD_TEXT, NULL, 0, 0, 0 };
	struct pool pool = { NULL, NULL, NULL, 0, &ld, visitor, 0 };
	struct mj_cache *cache = NULL;
	size_t n_top, n_read = 0;
	bool everything = !slugs || !slugs->len;
	struct timespec started;

	mj_journal_open(out, root, src);
	ld.allowed = &out->config.allow_keys;
	if ((flags & MJ_LOAD_WALK) && src->cacheable)
		ld.walk = out->walk = mj_walk_new(root);
	clock_gettime(CLOCK_REALTIME, &started);
	if (src->list(src->ctx, "", &top, &n_top) < 0)
		return -1;
	jobs = mj_xcalloc(n_top + 1, sizeof(*jobs));
	for (size_t i = 0; i < n_top; i++) {
		const struct mj_dirent *e = &top[i];

		if (everything && e->kind == MJ_KIND_FILE &&
		    mj_name_is_merge_leftover(e->name))
			leftover_error(&out->diags, "", e->name);
		if (mj_journal_name_is_reserved(e->name) ||
		    (!everything && !mj_strvec_contains(slugs, e->name)))
			continue;
		if (e->kind == MJ_KIND_LINK)
			symlink_error(&out->diags, e->name);
		else if (e->kind == MJ_KIND_DIR)
			jobs[pool.n_jobs++].name = e->name;
	}
	if (everything)
		check_own_folders(out, src, top, n_top);
	pool.jobs = jobs;
	pool.rels = mj_xcalloc(visitor ? 1 : pool.n_jobs + 1, sizeof(*pool.rels));
	pool.order = mj_xcalloc(pool.n_jobs + 1, sizeof(*pool.order));
	for (size_t i = 0; i < pool.n_jobs; i++)
		pool.order[i] = i;
	if (src->cacheable && mj_cache_enabled()) {
		cache = mj_cache_load(root);
		order_by_piece(&pool, cache);
		/* what changed is written as it is read, after a whole read */
		if (everything && !src->cache_read_only)
			mj_cache_save_begin(cache, &started);
	}
	ld.cache = cache;
	if (visitor)
		visitor->start(visitor->ctx, pool.n_jobs);
	load_all(&pool);
	mj_trace("folders read");

	/* the relationships, in name order; what was not one is dropped */
	out->relationships = pool.rels;
	out->cap_relationships = visitor ? 1 : pool.n_jobs + 1;
	for (size_t i = 0; i < pool.n_jobs; i++) {
		if (jobs[i].bad_name)
			mj_diags_add(&out->diags, jobs[i].name, 0, 0, MJ_LEVEL_ERROR,
				     MJ_RULE_RELATIONSHIP_NAME,
				     "is not a relationship name: use lower-case "
				     "letters, digits and '-', like sam-with-alex "
				     "(at most 63)");
		n_read += jobs[i].loaded;
		if (jobs[i].loaded && !visitor)
			out->relationships[out->n_relationships++] = pool.rels[i];
	}
	size_t written = cache ? mj_cache_save_end(cache) : 0;
	mj_trace("%zu relationships, %zu notes from the cache, %zu read and "
		 "parsed, cache %s (%zu pieces written), %zu agreements from "
		 "the cache", n_read, (size_t)ld.cached,
		 (size_t)(ld.stamped - ld.cached),
		 !cache ? "off" : written ? "rewritten" : "kept", written,
		 (size_t)ld.agreements_cached);
	mj_cache_free(cache);
	if (ld.walk)
		mj_walk_add(ld.walk, "", top, n_top); /* kept */
	else
		mj_fs_list_free(top, n_top);
	free(pool.order);
	free(jobs);
	return 0;
}

int mj_journal_load(struct mj_journal *out, const char *root,
		    const struct mj_source *src, const struct mj_strvec *slugs,
		    unsigned flags)
{
	return mj_journal_visit(out, root, src, slugs, flags, NULL);
}

struct mj_relationship *mj_journal_find(struct mj_journal *journal,
					const char *slug)
{
	for (size_t i = 0; i < journal->n_relationships; i++)
		if (!strcmp(journal->relationships[i].slug, slug))
			return &journal->relationships[i];
	return NULL;
}

void mj_journal_free(struct mj_journal *journal)
{
	free(journal->root);
	mj_walk_free(journal->walk);
	mj_config_free(&journal->config);
	for (size_t i = 0; i < journal->n_relationships; i++)
		mj_relationship_free(&journal->relationships[i]);
	free(journal->relationships);
	mj_diags_free(&journal->diags);
	memset(journal, 0, sizeof(*journal));
}

void mj_relationship_private_by_front_matter(const struct mj_relationship *rel,
					     struct mj_strvec *out)
{
	for (size_t i = 0; i < rel->n_notes; i++) {
		const struct mj_note *n = &rel->notes[i];
		if (n->is_private && !mj_note_name_is_private(n->name))
			mj_strvec_push(out, n->file);
	}
}

char *mj_journal_action_line(const char *root, const struct mj_note *note,
			     const struct mj_action *a,
			     enum mj_action_state state)
{
	char *text = NULL, *source, *line = NULL;
	size_t len = 0;

	if (mj_jfs_read(root, note->file, MJ_FILE_SIZE_LIMIT, &text, &len) !=
	    MJ_READ_OK)
		return NULL;
	source = mj_note_item_source(text, len, a->line);
	if (source)
		line = mj_action_line_of_source(source, state);
	free(source);
	free(text);
	return line;
}
