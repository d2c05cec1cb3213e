/*
 * mj_stamp.h - a file's identity as the cache compares it: a plain value,
 * so the model can carry it without depending on the file system module.
 */
#ifndef MJ_STAMP_H
#define MJ_STAMP_H

#include <stdint.h>

struct mj_stamp {
	int64_t size;
	int64_t mtime_sec, mtime_nsec;
	int64_t ctime_sec, ctime_nsec;
	uint64_t ino;
};

#endif
