/*
 * git_private.h - what git.c and git_remote.c share inside the git module;
 * nothing outside the module includes it.
 */
#ifndef MJ_GIT_PRIVATE_H
#define MJ_GIT_PRIVATE_H

#include "mj_git.h"
#include "mj_model.h"

#include <git2.h>

struct mj_repo {
	git_repository *repo;
	char *root;   /* absolute journal root */
	char *prefix; /* the journal's folder inside the work tree: "" or "a/b/" */
};

/* Records a failure for mj_git_error(), with libgit2's own message; -1. */
int mjg_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The identity for role ("AUTHOR", "COMMITTER"), as git decides it. */
int mjg_identity(git_signature **out, git_repository *repo, const char *role,
		 const char *owner);
/*
 * Waits (MJOURNAL_LOCK_WAIT) while another git command holds the index
 * lock, before a libgit2 call that writes the index itself (checkout,
 * merge); -1 after saying so when it stays held.
 */
int mjg_wait_index_free(git_repository *repo);
/* HEAD's commit, or NULL on an unborn branch. */
int mjg_head_commit(git_commit **out, git_repository *repo);
/*
 * git_trust.c: libgit2's certificate check for url's server, decided as
 * git decides it (its http.* settings and GIT_SSL_* variables).  0 to
 * trust it, else GIT_ECERTIFICATE with a message that says what to set.
 */
int mjg_certificate_check(git_repository *repo, const char *url,
			  git_cert *cert, int valid, const char *host);

#endif
