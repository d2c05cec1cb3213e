/*
 * message.c - commit messages that say what changed.
 */
#include "mj_message.h"
#include "mj_model.h"

#include <stdlib.h>
#include <string.h>

static const char *verb_name(enum mj_change_verb verb)
{
	return verb == MJ_VERB_ADD ? "add" : verb == MJ_VERB_EDIT ? "edit" : "remove";
}

/* What one file is, in words: "session 2026-02-02", "agreement". */
static char *describe_file(const char *name)
{
	mj_date d;

	if (!strcmp(name, "agreement.ini"))
		return mj_xstrdup("agreement");
	if (!strcmp(name, "summary.md"))
		return mj_xstrdup("summary");
	if (mj_note_name_parse(name, &d)) {
		char date[MJ_DATE_TEXT_SIZE];
		return mj_xasprintf("session %s", mj_date_format(d, date));
	}
	return mj_xstrdup(name);
}

/* The group a path belongs to: its relationship, or "" for the journal's. */
static char *group_of(const char *path)
{
	const char *slash = strchr(path, '/');

	if (!slash || !strncmp(path, "templates/", 10))
		return mj_xstrdup("");
	return mj_xstrndup(path, (size_t)(slash - path));
}

/* "add session 2026-02-02; edit agreement" for the changes of group. */
static void describe_group(struct mj_buf *out, const char *group,
			   const struct mj_message_change *changes, size_t n)
{
	struct mj_strvec seen = MJ_STRVEC_INIT;

	for (size_t i = 0; i < n; i++) {
		char *g = group_of(changes[i].path), *what, *item;

		if (strcmp(g, group)) {
			free(g);
			continue;
		}
		free(g);
		if (*group)
			what = describe_file(strrchr(changes[i].path, '/') + 1);
		else if (!strcmp(changes[i].path, "mjournal.ini"))
			what = mj_xstrdup("journal settings");
		else if (!strncmp(changes[i].path, "templates/", 10))
			what = mj_xstrdup("templates");
		else
			what = mj_xstrdup(changes[i].path);
		item = mj_xasprintf("%s %s", verb_name(changes[i].verb), what);
		free(what);
		/* several sessions of one day, or templates: say it once */
		if (!mj_strvec_contains(&seen, item)) {
			mj_buf_addf(out, "%s%s", seen.len ? "; " : "", item);
			mj_strvec_push(&seen, item);
		}
		free(item);
	}
	mj_strvec_free(&seen);
}

char *mj_message_describe(const struct mj_message_change *changes, size_t n)
{
	struct mj_strvec groups = MJ_STRVEC_INIT;
	struct mj_buf out = MJ_BUF_INIT;

	for (size_t i = 0; i < n; i++) {
		char *g = group_of(changes[i].path);
		if (!mj_strvec_contains(&groups, g))
			mj_strvec_push(&groups, g);
		free(g);
	}
	mj_strvec_sort(&groups);
	if (groups.len > 1) {
		mj_buf_adds(&out, "Update ");
		if (groups.len > 3) {
			mj_buf_addf(&out, "%zu relationships", groups.len);
		} else {
			for (size_t i = 0; i < groups.len; i++)
				mj_buf_addf(&out, "%s%s", i ? ", " : "",
					    *groups.items[i] ? groups.items[i] :
							      "the journal");
		}
		mj_buf_adds(&out, "\n\n");
	}
	for (size_t i = 0; i < groups.len; i++) {
		mj_buf_addf(&out, "%s: ", *groups.items[i] ? groups.items[i] :
					  "journal");
		describe_group(&out, groups.items[i], changes, n);
		mj_buf_adds(&out, "\n");
	}
	mj_strvec_free(&groups);
	return mj_buf_detach(&out);
}
