/*
 * mj_cache.h - parsed notes kept between runs, so that status and check
 * read and parse only the notes that changed.
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

struct mj_cache;

/* Is the cache on (MJOURNAL_CACHE is not "off"). */
bool mj_cache_enabled(void);
/* Reads root's cache; an empty one when it is missing or not sound. */
struct mj_cache *mj_cache_load(const char *root);
/*
 * Fills out with the cached note at path (slug/name) when its entry has
 * stamp; returns false otherwise.  Safe to call from several threads.
 */
bool mj_cache_find(const struct mj_cache *cache, const char *path,
		   const char *slug, const char *name,
		   const struct mj_stamp *stamp, bool text, struct mj_note *out);
size_t mj_cache_count(const struct mj_cache *cache);
void mj_cache_free(struct mj_cache *cache);

/*
 * Writes the pieces of the cache of journal (every stamped note old enough
 * to trust, compared with started, when the run began reading) that
 * differ from previous; returns how many.  A note that previous holds with
 * the same stamp is copied from it as it is (so a note read without its
 * texts keeps them); others are serialized.  Errors are ignored: a cache
 * is only ever an optimisation.
 */
size_t mj_cache_save(const struct mj_journal *journal,
		     const struct timespec *started,
		     const struct mj_cache *previous);

#endif
