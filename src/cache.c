/*
 * cache.c - parsed notes kept between runs (see mj_cache.h).
 *
 * The cache is written in pieces, .mjournal/cache/00 to 3f, each holding
 * the notes of the relationships whose name hashes to it, so that a change
 * to one note rewrites one piece (a 64th of the cache), not all of it.
 * Each piece is checked whole and used or ignored by itself.
 *
 * Piece layout, little-endian:
 *   "MJCACHE\n"  u32 format  u32 layout  u32 agreement_layout
 *   i64 started_sec  i64 started_nsec
 *   u32 entries  u64 payload_length  u64 payload_checksum
 *   payload: entries x { str path  stamp (6 x i64)  str data }
 * where data is a note (path slug/NAME.md) or an agreement with the
 * diagnostics its parse gave (path slug/agreement.ini)
 * where str is u32 length and bytes.  The whole file is checked before any
 * entry is trusted.
 */
#include "mj_cache.h"
#include "mj_fs.h"
#include "mj_journal.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define CACHE_MAGIC "MJCACHE\n"
/* the note format, and the structures' sizes for a change no one bumped */
#define CACHE_LAYOUT ((uint32_t)(sizeof(struct mj_note) << 16 | \
				 sizeof(struct mj_action) << 8 | \
				 sizeof(struct mj_diag)))
#define CACHE_AGREEMENT_LAYOUT ((uint32_t)(sizeof(struct mj_agreement) << 8 | \
					   sizeof(struct mj_field)))
#define CACHE_SIZE_LIMIT (1024u * 1024 * 1024)
/* notes changed this recently are not stored: timestamps can be coarse */
#define TRUST_AFTER_SECONDS 2
#define PIECES MJ_CACHE_PIECES

/* ---- encoding ---- */

static void put_u32(struct mj_buf *b, uint32_t v)
{
	mj_buf_add_le32(b, v);
}

static void put_i64(struct mj_buf *b, int64_t v)
{
	uint64_t u = (uint64_t)v;
	put_u32(b, (uint32_t)u);
	put_u32(b, (uint32_t)(u >> 32));
}

static void put_int(struct mj_buf *b, int v)
{
	put_u32(b, (uint32_t)v);
}

/* A string, or NULL (length 0xFFFFFFFF). */
static void put_str(struct mj_buf *b, const char *s)
{
	if (!s) {
		put_u32(b, UINT32_MAX);
		return;
	}
	put_u32(b, (uint32_t)strlen(s));
	mj_buf_adds(b, s);
}

struct reader {
	const unsigned char *p, *end;
	bool bad;
};

static uint32_t get_u32(struct reader *r)
{
	uint32_t v;

	if (r->end - r->p < 4) {
		r->bad = true;
		return 0;
	}
	v = mj_le32(r->p);
	r->p += 4;
	return v;
}

static int64_t get_i64(struct reader *r)
{
	uint64_t lo = get_u32(r), hi = get_u32(r);
	return (int64_t)(lo | hi << 32);
}

static int get_int(struct reader *r)
{
	return (int)get_u32(r);
}

/* A string, copied; NULL when it was NULL (or the data ran out). */
static char *get_str(struct reader *r)
{
	uint32_t n = get_u32(r);

	if (n == UINT32_MAX || r->bad)
		return NULL;
	if ((size_t)(r->end - r->p) < n || memchr(r->p, '\0', n)) {
		r->bad = true;
		return NULL;
	}
	r->p += n;
	return mj_xstrndup((const char *)r->p - n, n);
}

/* A string in place (not copied): *len bytes at the returned pointer. */
static const char *get_span(struct reader *r, size_t *len)
{
	uint32_t n = get_u32(r);

	if (r->bad || n == UINT32_MAX || (size_t)(r->end - r->p) < n) {
		r->bad = true;
		return NULL;
	}
	r->p += n;
	*len = n;
	return (const char *)r->p - n;
}

/* The diagnostics of diags (of file only, when not NULL): a count, then
 * each one's line, column, level, rule and words. */
static void put_diags(struct mj_buf *b, const struct mj_diags *diags,
		      const char *file)
{
	uint32_t count = 0;

	for (size_t i = 0; i < diags->len; i++)
		count += !file || !strcmp(diags->items[i].file, file);
	put_u32(b, count);
	for (size_t i = 0; i < diags->len; i++) {
		const struct mj_diag *d = &diags->items[i];
		if (file && strcmp(d->file, file))
			continue;
		put_int(b, d->line);
		put_int(b, d->column);
		put_int(b, d->level);
		put_str(b, d->rule);
		put_str(b, d->message);
	}
}

/* Counts read from a file are checked against what is left of it. */
static bool plausible(const struct reader *r, uint32_t count, size_t each)
{
	return (size_t)(r->end - r->p) / each >= count;
}

/* Diagnostics put_diags wrote, added to out as file's; -1 when they are
 * not such. */
static int get_diags(struct reader *r, struct mj_diags *out, const char *file)
{
	uint32_t count = get_u32(r);

	if (!plausible(r, count, 20))
		return -1;
	for (uint32_t i = 0; i < count && !r->bad; i++) {
		int line = get_int(r), column = get_int(r), level = get_int(r);
		char *rule = get_str(r), *message = get_str(r);
		const char *interned = rule ? mj_rule_intern(rule) : NULL;
		free(rule);
		if (!interned || !message || level < MJ_LEVEL_INFO ||
		    level > MJ_LEVEL_ERROR) {
			free(message);
			return -1;
		}
		mj_diags_add(out, file, line, column, (enum mj_level)level,
			     interned, "%s", message);
		free(message);
	}
	return r->bad ? -1 : 0;
}

/* ---- notes ---- */

void mj_note_serialize(const struct mj_note *n, struct mj_buf *b)
{
	put_str(b, n->name);
	put_int(b, n->is_private);
	put_int(b, n->name_ok);
	put_int(b, n->name_date);
	put_int(b, n->has_front_matter);
	put_int(b, n->date);
	put_int(b, n->date_line);
	put_int(b, n->stage);
	put_int(b, n->stage_line);
	put_int(b, n->attendance);
	put_int(b, n->attendance_line);
	put_int(b, n->duration_minutes);
	put_int(b, n->duration_line);
	put_int(b, n->next);
	put_int(b, n->next_line);
	put_u32(b, (uint32_t)n->absent.len);
	for (size_t i = 0; i < n->absent.len; i++)
		put_str(b, n->absent.items[i]);
	put_str(b, n->title);
	put_u32(b, n->sections);
	for (int s = 0; s < MJ_SECTION_COUNT; s++)
		put_int(b, n->section_line[s]);
	put_u32(b, (uint32_t)n->n_actions);
	for (size_t i = 0; i < n->n_actions; i++) {
		put_int(b, n->actions[i].state);
		put_str(b, n->actions[i].owner);
		put_int(b, n->actions[i].due);
		put_str(b, n->actions[i].text);
		put_int(b, n->actions[i].line);
		put_i64(b, (int64_t)n->actions[i].id);
	}
	put_u32(b, (uint32_t)n->n_comment_lines);
	for (size_t i = 0; i < n->n_comment_lines; i++) {
		put_int(b, n->comment_lines[i].section);
		put_int(b, n->comment_lines[i].line);
		put_i64(b, (int64_t)n->comment_lines[i].key);
	}
	put_int(b, n->conflict_line);
	put_diags(b, &n->diags, NULL);
}

/* A string, copied when wanted, else passed over. */
static char *get_text(struct reader *r, bool wanted)
{
	size_t len;

	if (wanted)
		return get_str(r);
	if (r->end - r->p >= 4 && !memcmp(r->p, "\xff\xff\xff\xff", 4))
		r->p += 4; /* NULL */
	else
		get_span(r, &len);
	return NULL;
}

int mj_note_deserialize(struct mj_note *n, const char *slug, const char *data,
			size_t len, bool text)
{
	struct reader r = { (const unsigned char *)data,
			    (const unsigned char *)data + len, false };
	uint32_t count;

	memset(n, 0, sizeof(*n));
	n->name = get_str(&r);
	if (!n->name)
		goto bad;
	n->file = mj_path_join(slug, n->name);
	n->is_private = get_int(&r);
	n->name_ok = get_int(&r);
	n->name_date = get_int(&r);
	n->has_front_matter = get_int(&r);
	n->date = get_int(&r);
	n->date_line = get_int(&r);
	n->stage = (enum mj_stage)get_int(&r);
	n->stage_line = get_int(&r);
	n->attendance = (enum mj_attendance)get_int(&r);
	n->attendance_line = get_int(&r);
	n->duration_minutes = get_int(&r);
	n->duration_line = get_int(&r);
	n->next = get_int(&r);
	n->next_line = get_int(&r);
	count = get_u32(&r);
	if (!plausible(&r, count, 4))
		goto bad;
	for (uint32_t i = 0; i < count && !r.bad; i++) {
		char *s = get_str(&r);
		if (s)
			mj_strvec_push_owned(&n->absent, s);
	}
	n->title = get_text(&r, text);
	n->sections = get_u32(&r);
	for (int s = 0; s < MJ_SECTION_COUNT; s++)
		n->section_line[s] = get_int(&r);
	count = get_u32(&r);
	if (!plausible(&r, count, 20))
		goto bad;
	n->actions = mj_xcalloc(count + 1, sizeof(*n->actions));
	for (uint32_t i = 0; i < count && !r.bad; i++) {
		struct mj_action *a = &n->actions[n->n_actions++];
		a->state = (enum mj_action_state)get_int(&r);
		a->owner = get_text(&r, text);
		a->due = get_int(&r);
		a->text = get_text(&r, text);
		a->line = get_int(&r);
		a->id = (uint64_t)get_i64(&r);
		if (text && !a->text)
			goto bad;
	}
	count = get_u32(&r);
	if (count > MJ_COMMENT_LINES || !plausible(&r, count, 16))
		goto bad;
	n->comment_lines = mj_xcalloc(count + 1, sizeof(*n->comment_lines));
	for (uint32_t i = 0; i < count && !r.bad; i++) {
		struct mj_comment_line *c = &n->comment_lines[n->n_comment_lines++];
		c->section = (enum mj_section)get_int(&r);
		c->line = get_int(&r);
		c->key = (uint64_t)get_i64(&r);
		if ((unsigned)c->section >= MJ_SECTION_COUNT)
			goto bad;
	}
	n->conflict_line = get_int(&r);
	if (get_diags(&r, &n->diags, n->file) < 0)
		goto bad;
	if (r.bad || r.p != r.end)
		goto bad;
	return 0;
bad:
	mj_note_free(n);
	return -1;
}

/* ---- agreements ---- */

static void put_field(struct mj_buf *b, const struct mj_field *f)
{
	put_str(b, f->text);
	put_int(b, f->line);
	put_int(b, f->end_line);
}

static void get_field(struct reader *r, struct mj_field *f)
{
	f->text = get_str(r);
	f->line = get_int(r);
	f->end_line = get_int(r);
}

/* The values read from an agreement's fields, in the order they are
 * stored, into out (AGREEMENT_VALUES of them). */
#define AGREEMENT_VALUES 9
static void agreement_values(struct mj_agreement *a,
			     int *out[AGREEMENT_VALUES])
{
	int *values[AGREEMENT_VALUES] = {
		&a->started_date, &a->ends_date, &a->closed_date,
		&a->review_date, &a->reopened_date, &a->signed_mentor_date,
		&a->signed_mentee_date, &a->cadence_days,
		&a->relationship_end_line,
	};

	memcpy(out, values, sizeof(values));
}

void mj_agreement_serialize(const struct mj_agreement *agreement,
			    const struct mj_diags *diags, const char *file,
			    struct mj_buf *b)
{
	struct mj_agreement a = *agreement; /* read through the tables */
	struct mj_field *singles[MJ_AGREEMENT_SINGLES];
	int *values[AGREEMENT_VALUES];

	put_int(b, a.present);
	put_int(b, a.parsed);
	mj_agreement_singles(&a, singles);
	for (size_t i = 0; i < MJ_AGREEMENT_SINGLES; i++)
		put_field(b, singles[i]);
	put_u32(b, (uint32_t)a.n_mentees);
	for (size_t i = 0; i < a.n_mentees; i++)
		put_field(b, &a.mentees[i]);
	put_u32(b, (uint32_t)a.n_goals);
	for (size_t i = 0; i < a.n_goals; i++)
		put_field(b, &a.goals[i]);
	put_int(b, a.type_value);
	put_int(b, a.model_value);
	put_int(b, a.status_value);
	agreement_values(&a, values);
	for (size_t i = 0; i < AGREEMENT_VALUES; i++)
		put_int(b, *values[i]);
	put_i64(b, (int64_t)a.text_hash);
	put_diags(b, diags, file);
}

int mj_agreement_deserialize(struct mj_agreement *a, struct mj_diags *diags,
			     const char *file, const char *data, size_t len)
{
	struct reader r = { (const unsigned char *)data,
			    (const unsigned char *)data + len, false };
	struct mj_field *singles[MJ_AGREEMENT_SINGLES];
	int *values[AGREEMENT_VALUES];
	struct mj_diags found = MJ_DIAGS_INIT;
	uint32_t count;

	mj_agreement_clear(a);
	a->present = get_int(&r);
	a->parsed = get_int(&r);
	mj_agreement_singles(a, singles);
	for (size_t i = 0; i < MJ_AGREEMENT_SINGLES; i++)
		get_field(&r, singles[i]);
	count = get_u32(&r);
	if (!plausible(&r, count, 12))
		goto bad;
	a->mentees = mj_xcalloc(count + 1, sizeof(*a->mentees));
	for (uint32_t i = 0; i < count && !r.bad; i++)
		get_field(&r, &a->mentees[a->n_mentees++]);
	count = get_u32(&r);
	if (!plausible(&r, count, 12))
		goto bad;
	a->goals = mj_xcalloc(count + 1, sizeof(*a->goals));
	for (uint32_t i = 0; i < count && !r.bad; i++)
		get_field(&r, &a->goals[a->n_goals++]);
	a->type_value = (enum mj_type)get_int(&r);
	a->model_value = (enum mj_model_kind)get_int(&r);
	a->status_value = (enum mj_status)get_int(&r);
	agreement_values(a, values);
	for (size_t i = 0; i < AGREEMENT_VALUES; i++)
		*values[i] = get_int(&r);
	a->text_hash = (uint64_t)get_i64(&r);
	if ((unsigned)a->type_value > MJ_TYPE_REVERSE ||
	    (unsigned)a->model_value > MJ_MODEL_SPONSORSHIP ||
	    (unsigned)a->status_value > MJ_STATUS_ENDED_EARLY ||
	    get_diags(&r, &found, file) < 0 || r.bad || r.p != r.end)
		goto bad;
	mj_diags_copy(diags, &found);
	mj_diags_free(&found);
	return 0;
bad:
	mj_diags_free(&found);
	mj_agreement_free(a);
	mj_agreement_clear(a);
	return -1;
}

/* ---- the cache file ---- */

struct entry {
	const char *path; /* into the file's bytes, not NUL-terminated */
	size_t path_len;
	struct mj_stamp stamp;
	const char *note;
	size_t note_len;
};

/*
 * One piece: its file, mapped and indexed only while the loader reads the
 * relationships it holds (the loader takes them piece by piece), so that
 * a large journal never has its whole cache in memory at once.  While a
 * whole read saves the cache, what the piece would be rewritten with is
 * noted as its relationships are read (mj_cache_keep: which of its entries
 * still hold, and the notes it lacks), and it is written, when that
 * differs from its file, as soon as its last relationship is read.
 */
struct piece {
	pthread_mutex_t lock;     /* taking it in, adding to it, letting it go */
	bool opened;              /* its file was looked at */
	char *bytes;              /* mapped, or NULL */
	size_t size;
	struct entry *entries;
	size_t n_entries;         /* the entries its file holds */
	size_t *slots;            /* open addressing: entry index + 1, 0 empty */
	size_t n_slots;
	atomic_size_t expected;   /* relationships still to be read */
	bool awaited;             /* some relationship of it was to be read */
	/* saving: what the piece would be rewritten with */
	bool *used;               /* its entries of notes still there, as they are */
	size_t n_used;
	struct mj_buf fresh;      /* entries of the notes it lacks */
	uint32_t n_fresh;
};

struct mj_cache {
	char *root;
	bool saving;              /* mj_cache_save_begin was called */
	struct timespec started;  /* when the read that saves began */
	pthread_mutex_t dir_lock; /* making the cache's folder, once */
	int dir;                  /* 0 not yet made, 1 made, -1 cannot be */
	atomic_size_t written;    /* pieces written */
	struct piece pieces[PIECES];
};

/* The hash of a path, for the index of entries. */
static uint64_t path_hash(const char *path, size_t len)
{
	return mj_hash(path, len, MJ_HASH_SEED);
}

bool mj_cache_enabled(void)
{
	const char *env = getenv("MJOURNAL_CACHE");
	return !env || strcmp(env, "off");
}

/* The cache's folder, and a piece of it, relative to the journal: read
 * and written as mj_jfs_* do, never through a link. */
#define CACHE_DIR ".mjournal/cache"

static char *piece_path(unsigned piece)
{
	return mj_xasprintf(CACHE_DIR "/%02x", piece);
}

/* The piece a note's path (slug/name), or a slug, belongs to. */
static unsigned piece_of(const char *path, size_t len)
{
	const char *slash = memchr(path, '/', len);

	return (unsigned)(mj_hash(path, slash ? (size_t)(slash - path) : len,
				  MJ_HASH_SEED) % PIECES);
}

static void get_stamp(struct reader *r, struct mj_stamp *s)
{
	s->size = get_i64(r);
	s->mtime_sec = get_i64(r);
	s->mtime_nsec = get_i64(r);
	s->ctime_sec = get_i64(r);
	s->ctime_nsec = get_i64(r);
	s->ino = (uint64_t)get_i64(r);
}

static void put_stamp(struct mj_buf *b, const struct mj_stamp *s)
{
	put_i64(b, s->size);
	put_i64(b, s->mtime_sec);
	put_i64(b, s->mtime_nsec);
	put_i64(b, s->ctime_sec);
	put_i64(b, s->ctime_nsec);
	put_i64(b, (int64_t)s->ino);
}

/* Reads and checks a whole piece; false when it is not to be used. */
static bool parse_piece(struct piece *pc, unsigned at)
{
	struct reader r = { (const unsigned char *)pc->bytes,
			    (const unsigned char *)pc->bytes + pc->size, false };
	uint32_t count;
	uint64_t payload_len, sum;

	if (pc->size < 8 || memcmp(pc->bytes, CACHE_MAGIC, 8))
		return false;
	r.p += 8;
	if (get_u32(&r) != MJ_NOTE_FORMAT || get_u32(&r) != CACHE_LAYOUT ||
	    get_u32(&r) != CACHE_AGREEMENT_LAYOUT)
		return false;
	get_i64(&r);
	get_i64(&r);
	count = get_u32(&r);
	payload_len = (uint64_t)get_i64(&r);
	sum = (uint64_t)get_i64(&r);
	if (r.bad || payload_len != (uint64_t)(r.end - r.p) ||
	    mj_checksum(r.p, (size_t)payload_len) != sum ||
	    !plausible(&r, count, 60))
		return false;
	pc->entries = mj_xcalloc((size_t)count + 1, sizeof(*pc->entries));
	for (uint32_t i = 0; i < count; i++) {
		struct entry *e = &pc->entries[i];
		e->path = get_span(&r, &e->path_len);
		get_stamp(&r, &e->stamp);
		e->note = get_span(&r, &e->note_len);
		/* an entry in the wrong piece would never be rewritten */
		if (r.bad || piece_of(e->path, e->path_len) != at)
			return false;
	}
	if (r.p != r.end)
		return false;
	pc->n_entries = count;
	return true;
}

static size_t slot_of(const char *path, size_t len, size_t n_slots)
{
	return (size_t)(path_hash(path, len) & (n_slots - 1));
}

static void index_entries(struct piece *pc)
{
	pc->n_slots = 16;
	while (pc->n_slots < pc->n_entries * 2)
		pc->n_slots *= 2;
	pc->slots = mj_xcalloc(pc->n_slots, sizeof(*pc->slots));
	for (size_t i = 0; i < pc->n_entries; i++) {
		const struct entry *e = &pc->entries[i];
		size_t s = slot_of(e->path, e->path_len, pc->n_slots);
		while (pc->slots[s])
			s = (s + 1) & (pc->n_slots - 1);
		pc->slots[s] = i + 1;
	}
}

/* Maps a piece read-only; false when there is none to use. */
static bool map_piece(struct piece *pc, const char *root, const char *path)
{
	struct stat st;
	int fd = mj_jfs_open(root, path, O_RDONLY | O_NONBLOCK, 0);
	void *p;

	if (fd < 0)
		return false;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    (uint64_t)st.st_size > CACHE_SIZE_LIMIT) {
		close(fd);
		return false;
	}
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE,
		 fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return false;
	pc->bytes = p;
	pc->size = (size_t)st.st_size;
	return true;
}

/* Lets a piece's bytes and index go; what it held is still counted. */
static void unmap_piece(struct piece *pc)
{
	if (pc->bytes)
		munmap(pc->bytes, pc->size);
	pc->bytes = NULL;
	pc->size = 0;
	free(pc->entries);
	free(pc->slots);
	pc->entries = NULL;
	pc->slots = NULL;
	pc->n_slots = 0;
}

/* Takes piece at in the first time it is needed: mapped, checked whole,
 * indexed; one that is missing or not sound holds nothing.  A piece is
 * replaced by rename, never written in place: a mapping always sees one
 * whole version of it. */
static struct piece *open_piece(struct mj_cache *c, unsigned at)
{
	struct piece *pc = &c->pieces[at];

	pthread_mutex_lock(&pc->lock);
	if (!pc->opened) {
		char *path = piece_path(at);
		pc->opened = true;
		if (map_piece(pc, c->root, path) && !parse_piece(pc, at)) {
			unmap_piece(pc);
			pc->n_entries = 0;
		}
		if (pc->bytes)
			index_entries(pc);
		free(path);
	}
	pthread_mutex_unlock(&pc->lock);
	return pc;
}

struct mj_cache *mj_cache_load(const char *root)
{
	struct mj_cache *c = mj_xcalloc(1, sizeof(*c));

	c->root = mj_xstrdup(root);
	pthread_mutex_init(&c->dir_lock, NULL);
	for (unsigned i = 0; i < PIECES; i++)
		pthread_mutex_init(&c->pieces[i].lock, NULL);
	return c;
}

unsigned mj_cache_expect(struct mj_cache *c, const char *slug)
{
	unsigned at = piece_of(slug, strlen(slug));

	c->pieces[at].awaited = true;
	atomic_fetch_add(&c->pieces[at].expected, 1);
	return at;
}

/* The entry of a taken-in piece for path when it has stamp, or NULL. */
static const struct entry *lookup(const struct piece *pc, const char *path,
				  const struct mj_stamp *stamp)
{
	size_t len = strlen(path);

	if (!pc->slots)
		return NULL;
	for (size_t s = slot_of(path, len, pc->n_slots); pc->slots[s];
	     s = (s + 1) & (pc->n_slots - 1)) {
		const struct entry *e = &pc->entries[pc->slots[s] - 1];
		if (e->path_len == len && !memcmp(e->path, path, len))
			return mj_stamp_equal(&e->stamp, stamp) ? e : NULL;
	}
	return NULL;
}

bool mj_cache_find(struct mj_cache *c, const char *path, const char *slug,
		   const char *name, const struct mj_stamp *stamp, bool text,
		   struct mj_note *out)
{
	struct piece *pc = open_piece(c, piece_of(path, strlen(path)));
	const struct entry *e = lookup(pc, path, stamp);

	if (!e || mj_note_deserialize(out, slug, e->note, e->note_len, text) < 0)
		return false;
	if (strcmp(out->name, name)) {
		mj_note_free(out);
		return false;
	}
	out->has_stamp = true;
	out->stamp = *stamp;
	return true;
}

bool mj_cache_find_agreement(struct mj_cache *c, const char *path,
			     const struct mj_stamp *stamp,
			     struct mj_agreement *out, struct mj_diags *diags)
{
	struct piece *pc = open_piece(c, piece_of(path, strlen(path)));
	const struct entry *e = lookup(pc, path, stamp);

	return e && mj_agreement_deserialize(out, diags, path, e->note,
					     e->note_len) == 0;
}

void mj_cache_free(struct mj_cache *c)
{
	if (!c)
		return;
	for (unsigned i = 0; i < PIECES; i++) {
		unmap_piece(&c->pieces[i]);
		free(c->pieces[i].used);
		mj_buf_free(&c->pieces[i].fresh);
		pthread_mutex_destroy(&c->pieces[i].lock);
	}
	pthread_mutex_destroy(&c->dir_lock);
	free(c->root);
	free(c);
}

/* ---- saving ---- */

/* Was the note's file last changed early enough before started to trust? */
static bool old_enough(const struct mj_stamp *s, const struct timespec *started)
{
	int64_t limit = (int64_t)started->tv_sec - TRUST_AFTER_SECONDS;

	return s->mtime_sec < limit && s->ctime_sec < limit;
}

/* Overwrites the 4 or 8 bytes at offset of b with v, little-endian. */
static void patch(struct mj_buf *b, size_t offset, uint64_t v, int bytes)
{
	for (int i = 0; i < bytes; i++)
		b->ptr[offset + (size_t)i] = (char)(v >> (8 * i));
}

/* The notes to store: stamped and old enough. */
static bool storable(const struct mj_note *n, const struct timespec *started)
{
	return n->has_stamp && old_enough(&n->stamp, started);
}

void mj_cache_save_begin(struct mj_cache *c, const struct timespec *started)
{
	enum mj_file_kind kind;

	if (!mj_cache_enabled())
		return;
	c->saving = true;
	c->started = *started;
	/* the cache of an older mjournal was one file of that name */
	if (mj_jfs_kind(c->root, CACHE_DIR, &kind) == 0 && kind == MJ_KIND_FILE)
		mj_jfs_remove(c->root, CACHE_DIR);
}

/* The header of a piece, its count, length and checksum filled in once
 * the entries after it are written (write_piece). */
#define HEADER_COUNT_AT 36
#define HEADER_SIZE (HEADER_COUNT_AT + 20)

static void start_piece(struct mj_buf *b, const struct timespec *started)
{
	mj_buf_add(b, CACHE_MAGIC, 8);
	put_u32(b, MJ_NOTE_FORMAT);
	put_u32(b, CACHE_LAYOUT);
	put_u32(b, CACHE_AGREEMENT_LAYOUT);
	put_i64(b, (int64_t)started->tv_sec);
	put_i64(b, (int64_t)started->tv_nsec);
	put_u32(b, 0);
	put_i64(b, 0);
	put_i64(b, 0);
}

void mj_cache_keep(struct mj_cache *c, const struct mj_relationship *rel)
{
	struct piece *pc;
	struct mj_buf add = MJ_BUF_INIT, note = MJ_BUF_INIT;
	size_t *held = mj_xcalloc(rel->n_notes + 2, sizeof(*held)), n_held = 0;
	uint32_t added = 0;
	char *agreement;
	const struct entry *old;

	if (!c->saving) {
		free(held);
		return;
	}
	/* mapped until the relationship is done (mj_cache_done): read
	 * without the lock, which only noting what was found needs */
	pc = open_piece(c, piece_of(rel->slug, strlen(rel->slug)));
	for (size_t i = 0; i < rel->n_notes; i++) {
		const struct mj_note *n = &rel->notes[i];
		if (!storable(n, &c->started))
			continue;
		/* a note the piece holds with the same stamp stays as it is
		 * (one read without its texts keeps them) */
		old = lookup(pc, n->file, &n->stamp);
		if (old) {
			held[n_held++] = (size_t)(old - pc->entries);
			continue;
		}
		note.len = 0;
		mj_note_serialize(n, &note);
		put_str(&add, n->file);
		put_stamp(&add, &n->stamp);
		put_u32(&add, (uint32_t)note.len);
		mj_buf_add(&add, note.ptr ? note.ptr : "", note.len);
		added++;
	}
	/* the agreement as it was parsed, with what its parse said */
	agreement = mj_path_join(rel->slug, "agreement.ini");
	if (!rel->agreement_stamped ||
	    !old_enough(&rel->agreement_stamp, &c->started)) {
		/* not stored */
	} else if ((old = lookup(pc, agreement, &rel->agreement_stamp))) {
		held[n_held++] = (size_t)(old - pc->entries);
	} else {
		note.len = 0;
		mj_agreement_serialize(&rel->agreement, &rel->diags, agreement,
				       &note);
		put_str(&add, agreement);
		put_stamp(&add, &rel->agreement_stamp);
		put_u32(&add, (uint32_t)note.len);
		mj_buf_add(&add, note.ptr, note.len);
		added++;
	}
	free(agreement);
	pthread_mutex_lock(&pc->lock);
	if (n_held && !pc->used)
		pc->used = mj_xcalloc(pc->n_entries + 1, sizeof(*pc->used));
	for (size_t k = 0; k < n_held; k++)
		if (!pc->used[held[k]]) {
			pc->used[held[k]] = true;
			pc->n_used++;
		}
	if (added)
		mj_buf_add(&pc->fresh, add.ptr, add.len);
	pc->n_fresh += added;
	pthread_mutex_unlock(&pc->lock);
	free(held);
	mj_buf_free(&add);
	mj_buf_free(&note);
}

/* Writes piece at as mj_cache_keep noted it: the entries that still hold,
 * copied as they are, then the fresh ones (removed when it holds
 * nothing); with its lock held.  Errors are ignored: a cache that cannot
 * be written is only rebuilt next time (check names a link in the way). */
static void write_piece(struct mj_cache *c, struct piece *pc, unsigned at)
{
	struct mj_buf b = MJ_BUF_INIT;
	char *path = piece_path(at);
	size_t count = pc->n_used + pc->n_fresh;

	start_piece(&b, &c->started);
	for (size_t i = 0; pc->used && i < pc->n_entries; i++) {
		const struct entry *e = &pc->entries[i];
		if (!pc->used[i])
			continue;
		put_u32(&b, (uint32_t)e->path_len);
		mj_buf_add(&b, e->path, e->path_len);
		put_stamp(&b, &e->stamp);
		put_u32(&b, (uint32_t)e->note_len);
		mj_buf_add(&b, e->note, e->note_len);
	}
	if (pc->fresh.len)
		mj_buf_add(&b, pc->fresh.ptr, pc->fresh.len);
	patch(&b, HEADER_COUNT_AT, count, 4);
	patch(&b, HEADER_COUNT_AT + 4, b.len - HEADER_SIZE, 8);
	patch(&b, HEADER_COUNT_AT + 12,
	      mj_checksum(b.ptr + HEADER_SIZE, b.len - HEADER_SIZE), 8);
	pthread_mutex_lock(&c->dir_lock);
	if (!c->dir) /* never through a link */
		c->dir = mj_jfs_mkdir(c->root, CACHE_DIR) < 0 ? -1 : 1;
	pthread_mutex_unlock(&c->dir_lock);
	if (c->dir > 0) {
		if (!count)
			mj_jfs_remove(c->root, path); /* nothing to keep */
		else
			mj_jfs_write(c->root, path, b.ptr, b.len,
				     MJ_WRITE_UNSYNCED);
		atomic_fetch_add(&c->written, 1);
	}
	mj_buf_free(&b);
	free(path);
}

void mj_cache_done(struct mj_cache *c, const char *slug)
{
	unsigned at = piece_of(slug, strlen(slug));
	struct piece *pc = &c->pieces[at];

	if (atomic_fetch_sub(&pc->expected, 1) != 1)
		return;
	if (c->saving)
		open_piece(c, at); /* its entries counted */
	pthread_mutex_lock(&pc->lock);
	/* rewritten when it lacks a note, or holds one that is gone */
	if (c->saving && (pc->n_fresh || pc->n_used != pc->n_entries))
		write_piece(c, pc, at);
	free(pc->used);
	pc->used = NULL;
	mj_buf_free(&pc->fresh);
	unmap_piece(pc); /* its last relationship read */
	pthread_mutex_unlock(&pc->lock);
}

size_t mj_cache_save_end(struct mj_cache *c)
{
	if (!c->saving)
		return 0;
	/* a piece no relationship hashes to any more holds only notes that
	 * are gone */
	for (unsigned at = 0; at < PIECES; at++) {
		struct piece *pc = &c->pieces[at];
		if (pc->awaited || !open_piece(c, at)->n_entries)
			continue;
		pthread_mutex_lock(&pc->lock);
		write_piece(c, pc, at);
		unmap_piece(pc);
		pthread_mutex_unlock(&pc->lock);
	}
	return c->written;
}
