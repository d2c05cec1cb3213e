/*
 * mj_hub_figures.h - the figures a journal on an encrypted hub publishes
 * for its programme's managers, who hold the programme's key and not the
 * pair's: exactly the document programme --format json writes of the
 * journal, made from the commit pushed, encrypted to the key its
 * mjournal.ini names ([programme] key), and read back by programme.
 */
#ifndef MJ_HUB_FIGURES_H
#define MJ_HUB_FIGURES_H

#include "mj_date.h"
#include "mj_git.h"
#include "mj_programme.h"

/*
 * After a push of branch to remote: when remote is an encrypted one and
 * the journal as pushed (refs/heads/BRANCH; its root folder root) names a
 * programme's key, its figures as of today, encrypted to that key, are
 * put on the hub in place of the ones there.  1 when they were, 0 when
 * there was nothing to do, -1 with *why (caller frees).
 */
int mj_hub_figures_publish(struct mj_repo *repo, const char *root,
			   const char *remote, const char *branch, mj_date today,
			   char **why);

/*
 * The figures the encrypted hub at url (gcrypt::...) publishes, read with
 * this keyring (fetched into the bare repository dir): its rows appended
 * to rows, named by its journal (*journal, caller frees), what they cannot
 * say into known, and *day, the day they are of.  -1 with *why (caller
 * frees).
 */
int mj_hub_figures_read(const char *dir, const char *url,
			struct mj_prog_rows *rows, struct mj_prog_known *known,
			char **journal, mj_date *day, char **why);

#endif
