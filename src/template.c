/*
 * template.c - built-in and journal templates.
 */
#include "mj_template.h"
#include "mj_fs.h"
#include "mj_journal.h"
#include "mj_util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define TEMPLATE_SIZE_LIMIT (256u * 1024)

char *mj_template_file(const char *name)
{
	return mj_path_join(MJ_JOURNAL_TEMPLATES_DIR, name);
}

char *mj_template_builtin(const char *name)
{
	for (size_t i = 0; i < mj_builtin_template_count; i++)
		if (!strcmp(mj_builtin_templates[i].name, name))
			return mj_xstrdup(mj_builtin_templates[i].text);
	return NULL;
}

int mj_template_load(const char *root, const char *name, char **out)
{
	char *rel = mj_template_file(name), *text;
	size_t len;
	enum mj_read_status rc = mj_jfs_read(root, rel, TEMPLATE_SIZE_LIMIT,
					     &text, &len);

	free(rel);
	*out = NULL;
	switch (rc) {
	case MJ_READ_OK:
		*out = text;
		return 0;
	case MJ_READ_ERROR:
		if (errno != ENOENT)
			return -1;
		*out = mj_template_builtin(name); /* the journal has none */
		return 0;
	case MJ_READ_TOO_LARGE:
		errno = EFBIG;
		return -1;
	case MJ_READ_NOT_REGULAR:
		break;
	}
	if (errno != ELOOP)
		errno = EINVAL;
	return -1;
}

char *mj_template_fill(const char *text, const char *const *vars)
{
	struct mj_buf out = MJ_BUF_INIT;
	const char *p = text;

	for (;;) {
		const char *open = strstr(p, "{{"), *close;
		bool replaced = false;

		if (!open)
			break;
		close = strstr(open + 2, "}}");
		if (!close)
			break;
		mj_buf_add(&out, p, (size_t)(open - p));
		for (size_t i = 0; vars[i]; i += 2) {
			size_t n = strlen(vars[i]);
			if ((size_t)(close - open - 2) == n &&
			    !memcmp(open + 2, vars[i], n)) {
				mj_buf_adds(&out, vars[i + 1]);
				replaced = true;
				break;
			}
		}
		if (!replaced)
			mj_buf_add(&out, open, (size_t)(close + 2 - open));
		p = close + 2;
	}
	mj_buf_adds(&out, p);
	return mj_buf_detach(&out);
}
