/*
 * fuzz_check.h - what the harnesses of the writers share: a property
 * that does not hold stops the run where it failed (libFuzzer keeps the
 * input), and a built-in template by name.
 */
#ifndef FUZZ_CHECK_H
#define FUZZ_CHECK_H

#include "mj_template.h"

#include <stdbool.h>
#include <string.h>

static inline void check(bool ok)
{
	if (!ok)
		__builtin_trap();
}

static inline const char *fuzz_template(const char *name)
{
	for (size_t i = 0; i < mj_builtin_template_count; i++)
		if (!strcmp(mj_builtin_templates[i].name, name))
			return mj_builtin_templates[i].text;
	__builtin_trap();
}

#endif
