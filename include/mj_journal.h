/*
 * mj_journal.h - finding a journal and reading it into the model.
 *
 * Files come from a source: the working tree, or (for check --staged) the
 * git index.  The loader decides which files are relationships and notes
 * and hands their bytes to the pure parsers in mj_model.h.
 */
#ifndef MJ_JOURNAL_H
#define MJ_JOURNAL_H

#include "mj_fs.h"
#include "mj_model.h"

/* Where the journal's files come from.  Paths are relative to the root. */
struct mj_source {
	/* Entries of folder dir ("" for the root), sorted by name. */
	int (*list)(void *ctx, const char *dir, struct mj_dirent **out, size_t *n);
	/* As mj_fs_read, for the file at path. */
	enum mj_read_status (*read)(void *ctx, const char *path, size_t limit,
				    char **out, size_t *len);
	/* Its files may be cached: list stamps its entries (the work tree). */
	bool cacheable;
	/* The journal's cache is read, never written (another's journal). */
	bool cache_read_only;
	void *ctx;
};

/* The working tree under root. */
void mj_source_init_fs(struct mj_source *src, const char *root);
/* The same, with private notes (*.private.md) never listed, so never read,
 * and its cache read but never written: nothing is written under root. */
void mj_source_init_fs_shared(struct mj_source *src, const char *root);
void mj_source_free_fs(struct mj_source *src);

/*
 * Finds the journal root: the nearest folder from start upward holding
 * mjournal.ini.  *out is an absolute path; caller frees.  -1 when none.
 */
int mj_journal_find_root(const char *start, char **out);

/* Reads only the journal's settings (mjournal.ini), no relationships. */
void mj_journal_open(struct mj_journal *out, const char *root,
		     const struct mj_source *src);

/*
 * Reads the journal at root from src.  With slugs (non-empty), only those
 * relationships are read.  Relationships are read by several threads
 * (MJOURNAL_THREADS, default: one per processor), and notes whose files
 * did not change come from the cache (mj_cache.h) when src is cacheable.
 * Problems with the user's files (mjournal.ini among them) become
 * diagnostics; returns -1 only when the root folder cannot be listed
 * (errno says why).
 */
enum {
	/* titles, action texts and owners are not needed: check and status
	 * read them from the cache only when asked (MJ_LOAD_TEXT) */
	MJ_LOAD_TEXT = 1,
	/* from the work tree (a cacheable source): keep the folders listed
	 * in out->walk, so that git's status compares them instead of
	 * listing them again */
	MJ_LOAD_WALK = 2,
};

int mj_journal_load(struct mj_journal *out, const char *root,
		    const struct mj_source *src, const struct mj_strvec *slugs,
		    unsigned flags);

/*
 * A command that needs each relationship once and never two together
 * (status, check) takes them one at a time, so that its memory is bounded
 * by the relationships being read, not by the journal: start is called
 * once with the number of slots, then each for every relationship read,
 * with its slot (slots are in name order; some stay unused), on the
 * loader's threads (each call writes only what is its slot's) and in no
 * particular order.  The relationship is freed when each returns: what a
 * command keeps of it, it takes (mj_relationship_take_head) or copies,
 * commonly into a record of its slot (mj_slots, mj_util.h).
 * out then holds the settings and the journal's diagnostics, and no
 * relationship.
 */
struct mj_visitor {
	void (*start)(void *ctx, size_t n_slots);
	void (*each)(void *ctx, size_t slot, struct mj_relationship *rel);
	void *ctx;
};
int mj_journal_visit(struct mj_journal *out, const char *root,
		     const struct mj_source *src, const struct mj_strvec *slugs,
		     unsigned flags, const struct mj_visitor *visitor);
/* The notes of rel private by their front matter (private: true, not by
 * name), appended to out. */
void mj_relationship_private_by_front_matter(const struct mj_relationship *rel,
					     struct mj_strvec *out);
/* The relationship named slug, or NULL. */
struct mj_relationship *mj_journal_find(struct mj_journal *journal,
					const char *slug);
void mj_journal_free(struct mj_journal *journal);

/*
 * The line that writes action a (of note, in the journal at root) in state
 * into another note: read from note's file as its author wrote it
 * (mj_action_line_of_source), never from the text CommonMark decoded.
 * NULL when the file cannot be read or holds no item at a's line.
 */
char *mj_journal_action_line(const char *root, const struct mj_note *note,
			     const struct mj_action *a,
			     enum mj_action_state state);

/* mjournal's own folder (its lock, cache, memos and default report) and
 * the journal's own templates, at the root. */
#define MJ_JOURNAL_OWN_DIR ".mjournal"
#define MJ_JOURNAL_TEMPLATES_DIR "templates"

/* Is path (relative to the root) dir or inside it. */
bool mj_journal_path_in(const char *path, const char *dir);
/* Is path (relative to the root) mjournal's own: .mjournal or under it,
 * never committed or shown as a change. */
bool mj_journal_path_is_own(const char *path);
/* Is name (a folder directly under the root) never a relationship. */
bool mj_journal_name_is_reserved(const char *name);
/* The names of the folders directly under root that are relationships
 * (not reserved, a valid slug), in name order, appended to out; -1 when
 * root cannot be listed. */
int mj_journal_relationship_names(const char *root, struct mj_strvec *out);
/*
 * The relationship whose folder dir is in, at any depth, in the journal
 * at root (both absolute, links resolved, as mj_journal_find_root and
 * realpath give them); NULL when dir is not inside one.  Caller frees.
 */
char *mj_journal_relationship_at(const char *root, const char *dir);

#endif
