/*
 * git_compat.h - the differences between the libgit2 releases mjournal
 * builds with (1.5 on Debian 12, 1.9 on Debian 13), in one place, chosen
 * by libgit2's own version macros.  Only git_private.h includes it.
 */
#ifndef MJ_GIT_COMPAT_H
#define MJ_GIT_COMPAT_H

#include <git2.h>

#define MJG_LIBGIT2_AT_LEAST(major, minor)                                     \
	(LIBGIT2_VER_MAJOR > (major) ||                                        \
	 (LIBGIT2_VER_MAJOR == (major) && LIBGIT2_VER_MINOR >= (minor)))

/* 1.8 moved the functions that set and clear the last error, which
 * mjournal's credential callbacks and error handling use, to sys/. */
#if MJG_LIBGIT2_AT_LEAST(1, 8)
#include <git2/sys/errors.h>
#endif

#endif
