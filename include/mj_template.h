/*
 * mj_template.h - the agreement, note and journal templates.
 *
 * The files of the project's templates/ folder are compiled into the binary,
 * so mjournal works installed or not; a journal's own templates/ folder
 * overrides any of them by name.
 */
#ifndef MJ_TEMPLATE_H
#define MJ_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

struct mj_builtin_template {
	const char *name;
	const char *text;
};

/* Generated at build time from templates/ (build/templates.c). */
extern const struct mj_builtin_template mj_builtin_templates[];
extern const size_t mj_builtin_template_count;

/* The journal's own copy of template name, relative to the journal:
 * templates/NAME; caller frees. */
char *mj_template_file(const char *name);
/* The built-in template called name (a copy, caller frees), or NULL. */
char *mj_template_builtin(const char *name);
/*
 * The template called name for the journal at root: its own copy
 * (templates/NAME, read as mj_jfs_read reads, never through a link) when
 * it has one, else the built-in one.  Returns 0 with *out (caller frees;
 * NULL when there is no such template), or -1 when the journal's copy is
 * there but cannot be used: a link on the way (ELOOP), not a file
 * (EINVAL), larger than 256 KiB (EFBIG), unreadable; never the built-in
 * one instead.
 */
int mj_template_load(const char *root, const char *name, char **out);

/*
 * Copies text with every {{key}} replaced by its value; vars holds key and
 * value pairs and ends with NULL.  Unknown keys are left as written.
 */
char *mj_template_fill(const char *text, const char *const *vars);

/*
 * Notes made from a template for the editor, remembered until they are
 * committed or removed, so that one left as it was made is known as such
 * whatever title or options made it, by note or edit run later:
 * .mjournal/made/HASH (HASH of the note's path) holds the hash of the
 * bytes written.  mjournal's own, never committed.
 */
/* Remembers that file (relative to root) was made as text (len bytes). */
int mj_template_remember(const char *root, const char *file, const char *text,
			 size_t len);
/* Is text (len bytes) what file was made as, by the record above. */
bool mj_template_is_as_made(const char *root, const char *file,
			    const char *text, size_t len);
/* Forgets file's record; a missing one is no error. */
void mj_template_forget(const char *root, const char *file);

#endif
