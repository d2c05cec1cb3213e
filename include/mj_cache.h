/*
 * mj_cache.h - parsed notes and agreements kept between runs, so that
 * status and check read and parse only the files that changed.
 *
 * The cache is .mjournal/cache/ under the journal root: versioned files
 * (pieces, each holding some relationships), written atomically, each
 * checked whole (length and checksum) before any of its entries is used.
 * An entry is used only when the note's file identity (size, modification
 * and change times to the nanosecond, inode) is the one it was parsed with,
 * and notes changed within the last seconds before a run are never
 * stored, so an edit that keeps the size and lands in the same timestamp
 * tick cannot be mistaken for the cached text.  A missing,
 * corrupt or foreign cache is ignored and rebuilt.  MJOURNAL_CACHE=off
 * turns it off.
 */
#ifndef MJ_CACHE_H
#define MJ_CACHE_H

#include "mj_model.h"

#include <time.h>

/* Serializes what parsing found in note (not its file path: see below). */
void mj_note_serialize(const struct mj_note *note, struct mj_buf *out);
/*
 * Rebuilds a note serialized by mj_note_serialize; its path is
 * slug/name.  Without text, its title and its actions' texts and owners
 * are left out (NULL).  Returns 0, or -1 (out freed) when data is not
 * such a note.
 */
int mj_note_deserialize(struct mj_note *out, const char *slug, const char *data,
			size_t len, bool text);

/*
 * What parsing found in an agreement, with the diagnostics of diags that
 * are file's (what its parse said), and back: 0, or -1 (nothing added,
 * out cleared) when data is not such an agreement.
 */
void mj_agreement_serialize(const struct mj_agreement *agreement,
			    const struct mj_diags *diags, const char *file,
			    struct mj_buf *out);
int mj_agreement_deserialize(struct mj_agreement *out, struct mj_diags *diags,
			     const char *file, const char *data, size_t len);

struct mj_cache;

/* The cache is kept in this many pieces (files). */
#define MJ_CACHE_PIECES 64

/* Is the cache on (MJOURNAL_CACHE is not "off"). */
bool mj_cache_enabled(void);
/* root's cache: its pieces are read when first needed; one that is
 * missing or not sound holds nothing. */
struct mj_cache *mj_cache_load(const char *root);
/*
 * A whole read says which relationships it will read (mj_cache_expect,
 * returning the piece that holds slug's notes: reading the relationships
 * of one piece together keeps one piece in memory at a time) and when it
 * has read each (mj_cache_done): the piece is let go after its last.
 */
unsigned mj_cache_expect(struct mj_cache *cache, const char *slug);
void mj_cache_done(struct mj_cache *cache, const char *slug);
/*
 * Fills out with the cached note at path (slug/name) when its entry has
 * stamp; returns false otherwise.  Safe to call from several threads.
 */
bool mj_cache_find(struct mj_cache *cache, const char *path,
		   const char *slug, const char *name,
		   const struct mj_stamp *stamp, bool text, struct mj_note *out);
/*
 * The same for a relationship's agreement at path (slug/agreement.ini):
 * out filled and the diagnostics its parse gave added to diags.
 */
bool mj_cache_find_agreement(struct mj_cache *cache, const char *path,
			     const struct mj_stamp *stamp,
			     struct mj_agreement *out, struct mj_diags *diags);
void mj_cache_free(struct mj_cache *cache);

/*
 * Saving while reading, so that a journal's notes are never all in memory
 * for it: after mj_cache_save_begin (started: when the run began
 * reading), the loader hands each relationship it read to mj_cache_keep
 * before mj_cache_done; its stamped notes old enough to trust are added
 * to its piece, and the piece is written when its last relationship is
 * done, if it differs from what was read (a note it lacked or held with
 * another stamp, or one it held that is gone).  A note the piece holds
 * with the same stamp is copied as it is (so a note read without its
 * texts keeps them); others are serialized.  mj_cache_save_end removes
 * the pieces no relationship was read from and returns how many pieces
 * were written.  Safe from several threads; errors are ignored: a cache
 * is only ever an optimisation.
 */
void mj_cache_save_begin(struct mj_cache *cache, const struct timespec *started);
void mj_cache_keep(struct mj_cache *cache, const struct mj_relationship *rel);
size_t mj_cache_save_end(struct mj_cache *cache);

#endif
