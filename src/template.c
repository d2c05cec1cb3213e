/*
 * template.c - built-in and journal templates.
 */
#include "mj_template.h"
#include "mj_fs.h"
#include "mj_journal.h"
#include "mj_util.h"

#include <errno.h>
#include <inttypes.h>
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

#define MADE_DIR MJ_JOURNAL_OWN_DIR "/made"

/* .mjournal/made/HASH for file; caller frees. */
static char *made_record(const char *file)
{
	return mj_xasprintf(MADE_DIR "/%016" PRIx64,
			    mj_hash(file, strlen(file), MJ_HASH_SEED));
}

static char *made_hash(const char *text, size_t len)
{
	return mj_xasprintf("%016" PRIx64 "\n",
			    mj_hash(text, len, MJ_HASH_SEED));
}

int mj_template_remember(const char *root, const char *file, const char *text,
			 size_t len)
{
	char *rec = made_record(file), *hash = made_hash(text, len);
	int rc = mj_jfs_mkdir(root, MADE_DIR) < 0 ? -1 :
		 mj_jfs_write(root, rec, hash, strlen(hash), MJ_WRITE_REPLACE);

	free(rec);
	free(hash);
	return rc;
}

bool mj_template_is_as_made(const char *root, const char *file,
			    const char *text, size_t len)
{
	char *rec = made_record(file), *hash = made_hash(text, len), *kept;
	size_t kept_len;
	bool same = false;

	if (mj_jfs_read(root, rec, 64, &kept, &kept_len) == MJ_READ_OK) {
		same = kept_len == strlen(hash) && !memcmp(kept, hash, kept_len);
		free(kept);
	}
	free(rec);
	free(hash);
	return same;
}

void mj_template_forget(const char *root, const char *file)
{
	char *rec = made_record(file);

	mj_jfs_remove(root, rec);
	free(rec);
}
