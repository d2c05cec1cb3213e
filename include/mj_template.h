/*
 * mj_template.h - the agreement, note and journal templates.
 *
 * The files of the project's templates/ folder are compiled into the binary,
 * so mjournal works installed or not; a journal's own templates/ folder
 * overrides any of them by name.
 */
#ifndef MJ_TEMPLATE_H
#define MJ_TEMPLATE_H

#include <stddef.h>

struct mj_builtin_template {
	const char *name;
	const char *text;
};

/* Generated at build time from templates/ (build/templates.c). */
extern const struct mj_builtin_template mj_builtin_templates[];
extern const size_t mj_builtin_template_count;

/*
 * The template called name: root/templates/name when the journal has one
 * (root may be NULL), else the built-in one.  Caller frees; NULL when there
 * is no such template or the journal's copy cannot be read.
 */
char *mj_template_load(const char *root, const char *name);

/*
 * Copies text with every {{key}} replaced by its value; vars holds key and
 * value pairs and ends with NULL.  Unknown keys are left as written.
 */
char *mj_template_fill(const char *text, const char *const *vars);

#endif
