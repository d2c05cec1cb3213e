/*
 * mj_stamp.h - a file's identity as the cache compares it: a plain value,
 * so the model can carry it without depending on the file system module.
 */
#ifndef MJ_STAMP_H
#define MJ_STAMP_H

#include <stdbool.h>
#include <stdint.h>

struct mj_stamp {
	int64_t size;
	int64_t mtime_sec, mtime_nsec;
	int64_t ctime_sec, ctime_nsec;
	uint64_t ino;
};

/* The same file, unchanged: every part of the stamps equal. */
static inline bool mj_stamp_equal(const struct mj_stamp *a,
				  const struct mj_stamp *b)
{
	return a->size == b->size && a->mtime_sec == b->mtime_sec &&
	       a->mtime_nsec == b->mtime_nsec && a->ctime_sec == b->ctime_sec &&
	       a->ctime_nsec == b->ctime_nsec && a->ino == b->ino;
}

#endif
