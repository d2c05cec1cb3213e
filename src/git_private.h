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
/* HEAD's commit, or NULL on an unborn branch. */
int mjg_head_commit(git_commit **out, git_repository *repo);

#endif
