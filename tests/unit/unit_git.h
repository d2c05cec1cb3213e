/*
 * unit_git.h - what the git unit tests share: a scratch folder with a fixed
 * identity, files written into it, and the git command line to read back
 * what libgit2 wrote.
 */
#ifndef MJ_UNIT_GIT_H
#define MJ_UNIT_GIT_H

#include "unit.h"
#include "mj_git.h"

#include <limits.h>
#include <stdarg.h>

static char scratch[] = "/tmp/mj-unit-git-XXXXXX";

/* A scratch folder as HOME, with git's identity and clock fixed. */
static inline int scratch_setup(void **state)
{
	(void)state;
	if (!mkdtemp(scratch))
		return -1;
	setenv("HOME", scratch, 1);
	setenv("TZ", "UTC", 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("GIT_AUTHOR_NAME", "A U Thor", 1);
	setenv("GIT_AUTHOR_EMAIL", "author@example.com", 1);
	setenv("GIT_COMMITTER_NAME", "C O Mitter", 1);
	setenv("GIT_COMMITTER_EMAIL", "committer@example.com", 1);
	mj_git_setup();
	return 0;
}

static inline int scratch_teardown(void **state)
{
	char cmd[PATH_MAX + 16];
	(void)state;
	mj_git_teardown();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", scratch);
	return system(cmd);
}

/* The path of rel inside the scratch folder, in a static buffer. */
static inline const char *at(const char *rel)
{
	static char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s/%s", scratch, rel);
	return path;
}

/* Writes text to rel under the scratch folder, making its folders. */
static inline void put(const char *rel, const char *text)
{
	char path[PATH_MAX], *slash;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", scratch, rel);
	slash = strrchr(path, '/');
	*slash = '\0';
	assert_int_equal(mj_fs_mkdir_parents(path), 0);
	*slash = '/';
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* Runs a shell command in the scratch folder; its output, caller frees. */
static inline char *sh(const char *fmt, ...)
{
	char cmd[2048], *out = NULL;
	size_t len = 0;
	va_list ap;
	FILE *p, *o = open_memstream(&out, &len);
	int c, n;

	n = snprintf(cmd, sizeof(cmd), "cd '%s' && ", scratch);
	va_start(ap, fmt);
	vsnprintf(cmd + n, sizeof(cmd) - (size_t)n, fmt, ap);
	va_end(ap);
	p = popen(cmd, "r");
	assert_non_null(p);
	while ((c = fgetc(p)) != EOF)
		fputc(c, o);
	if (pclose(p) != 0)
		fail_msg("failed: %s\n%s", cmd, out ? out : "");
	fclose(o);
	return out;
}

/* Asserts a shell command's output. */
#define assert_sh(expected, ...) do { \
	char *out_ = sh(__VA_ARGS__); \
	assert_string_equal(out_, (expected)); \
	free(out_); } while (0)

#endif
