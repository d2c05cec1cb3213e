/*
 * mj_message.h - commit messages that say what changed, per relationship:
 * "sam-with-alex: add session 2026-02-02; edit agreement".
 */
#ifndef MJ_MESSAGE_H
#define MJ_MESSAGE_H

#include "mj_util.h"

enum mj_change_verb { MJ_VERB_ADD, MJ_VERB_EDIT, MJ_VERB_REMOVE };

struct mj_message_change {
	const char *path; /* relative to the journal root */
	enum mj_change_verb verb;
};

/*
 * The message for committing changes (sorted by path): one line when one
 * relationship changed, else a subject and one line per relationship.
 * Caller frees.
 */
char *mj_message_describe(const struct mj_message_change *changes, size_t n);

#endif
