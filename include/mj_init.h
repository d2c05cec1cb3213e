/*
 * mj_init.h - making a folder a journal: the one way a journal begins,
 * for init (one, where the user says) and import --split (one per pair
 * or per mentor).
 */
#ifndef MJ_INIT_H
#define MJ_INIT_H

#include <stdbool.h>

struct mj_init {
	const char *dir;   /* the folder, made when missing */
	const char *name;  /* the journal's name; NULL: the folder's */
	const char *owner; /* 'Name <email>'; NULL: git's user.name and email */
	bool alone;        /* a git repository of its own, even inside
			    * another's working tree */
};

/*
 * Makes in->dir a journal: a git repository (unless it is inside one
 * already and not alone), mjournal.ini with its name and owner, the
 * journal's lines added to .gitignore, and a first commit "Start the
 * journal".  A folder that is a journal, or inside one, is refused.
 * *root: the journal's resolved path (caller frees); *created: a new git
 * repository was made.  0, or -1 after saying why, with no half-made
 * journal left behind.
 */
int mj_init_journal(const struct mj_init *in, char **root, bool *created);

#endif
