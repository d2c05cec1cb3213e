/*
 * cli_plan.c - what a killed run began, finished by the next one:
 * relationships started all or nothing (new, import) and edits of
 * several files (mj_cli_apply), each written as a plan first.
 */
#include "mj_cli.h"
#include "mj_git.h"
#include "mj_plan.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/*
 * Starting relationships, all or nothing.  Each agreement is written under
 * .mjournal/start/new/SLUG first (mjournal's own folder, never in git);
 * then the plan (.mjournal/start/plan) is written, flushed, which says
 * what to move and the commit to make; then the folders are moved into
 * place and committed, and the plan and the staging folder removed.  A
 * run killed before the plan leaves nothing in the journal; one killed
 * after it is finished by the next command that writes
 * (finish_start): the plan is the point of no return.
 */
#define START_DIR MJ_JOURNAL_OWN_DIR "/start"
#define START_NEW START_DIR "/new"
#define START_PLAN START_DIR "/plan"
#define START_HEADER "mjournal start 1\n"

struct start_plan {
	struct mj_strvec slugs;
	char *message; /* NULL: nothing to commit */
};

static char *staged_path(const char *slug)
{
	return mj_path_join(START_NEW, slug);
}

/* The plan: the header, one slug a line, an empty line, the message. */
static char *plan_text(const struct mj_strvec *slugs, const char *message)
{
	struct mj_buf b = MJ_BUF_INIT;

	mj_buf_adds(&b, START_HEADER);
	for (size_t i = 0; i < slugs->len; i++)
		mj_buf_addf(&b, "%s\n", slugs->items[i]);
	mj_buf_addf(&b, "\n%s", message ? message : "");
	return mj_buf_detach(&b);
}

/* Reads the plan text back; -1 when it is not one mjournal wrote. */
static int plan_parse(struct start_plan *plan, const char *text)
{
	const char *p = text;

	memset(plan, 0, sizeof(*plan));
	if (strncmp(p, START_HEADER, strlen(START_HEADER)))
		return -1;
	p += strlen(START_HEADER);
	while (*p && *p != '\n') {
		const char *nl = strchr(p, '\n');
		char *slug = nl ? mj_xstrndup(p, (size_t)(nl - p)) : NULL;

		if (!slug || !mj_slug_is_valid(slug)) {
			free(slug);
			mj_strvec_free(&plan->slugs);
			return -1;
		}
		mj_strvec_push_owned(&plan->slugs, slug);
		p = nl + 1;
	}
	if (*p != '\n' || !plan->slugs.len) {
		mj_strvec_free(&plan->slugs);
		return -1;
	}
	plan->message = p[1] ? mj_xstrdup(p + 1) : NULL;
	return 0;
}

/* Moves the first n staged folders of slugs back out of the journal. */
static void unmove(const char *root, const struct mj_strvec *slugs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *staged = staged_path(slugs->items[i]);
		mj_jfs_move(root, slugs->items[i], staged);
		free(staged);
	}
}

/* Commits paths with message in repo, or (NULL) in the repository of
 * the journal at root; 0, or -1 after saying why. */
static int commit_paths(struct mj_repo *repo, const char *root,
			const char *owner, const struct mj_strvec *paths,
			const char *message)
{
	struct mj_repo *opened = NULL;
	bool committed;
	int rc = 0;

	if ((!repo && mj_git_open(&opened, root) < 0) ||
	    mj_git_commit_paths(repo ? repo : opened, paths, message, owner,
				&committed) < 0) {
		mj_cli_error("%s", mj_git_error());
		rc = -1;
	}
	mj_git_free(opened);
	return rc;
}

/* Commits slug/agreement.ini of every slug; as commit_paths. */
static int commit_started(struct mj_repo *repo, const char *root,
			  const char *owner, const struct mj_strvec *slugs,
			  const char *message)
{
	struct mj_strvec paths = MJ_STRVEC_INIT;
	int rc;

	for (size_t i = 0; i < slugs->len; i++)
		mj_strvec_push_owned(&paths, mj_path_join(slugs->items[i],
							  "agreement.ini"));
	rc = commit_paths(repo, root, owner, &paths, message);
	mj_strvec_free(&paths);
	return rc;
}

/* The plan done: removed (the end of the start), then the staging. */
static int start_done(const char *root)
{
	mj_fs_fault_point("before removing what a start planned");
	if (mj_jfs_remove(root, START_PLAN) == 0 &&
	    mj_jfs_remove_tree(root, START_DIR) == 0)
		return 0;
	mj_cli_journal_error(root, START_DIR, MJ_KIND_DIR, "remove");
	return -1;
}

int mj_plan_start(struct mj_ctx *ctx, const struct mj_strvec *slugs,
		  const struct mj_strvec *texts, const char *message)
{
	const char *root = ctx->journal.root;
	const char *commit = ctx->repo ? message : NULL;
	char *plan = NULL;
	size_t moved = 0;
	int rc = -1;

	if (mj_jfs_remove_tree(root, START_DIR) < 0) {
		mj_cli_journal_error(root, START_DIR, MJ_KIND_DIR, "clear");
		return -1;
	}
	for (size_t i = 0; i < slugs->len; i++) {
		char *dir = staged_path(slugs->items[i]);
		char *file = mj_path_join(dir, "agreement.ini");
		int bad = mj_jfs_mkdir(root, dir) < 0 ?
			  mj_cli_journal_error(root, dir, MJ_KIND_DIR, "make") :
			  mj_jfs_write(root, file, texts->items[i],
				       strlen(texts->items[i]), MJ_WRITE_NEW) < 0 ?
			  mj_cli_journal_error(root, file, MJ_KIND_FILE, "write") : 0;
		free(dir);
		free(file);
		if (bad)
			goto staged;
	}
	plan = plan_text(slugs, commit);
	if (mj_jfs_write(root, START_PLAN, plan, strlen(plan),
			 MJ_WRITE_REPLACE) < 0) {
		mj_cli_journal_error(root, START_PLAN, MJ_KIND_FILE, "write");
		goto staged;
	}
	for (; moved < slugs->len; moved++) {
		char *staged = staged_path(slugs->items[moved]);
		int bad = mj_jfs_move(root, staged, slugs->items[moved]);

		free(staged);
		if (bad < 0) {
			if (errno == EEXIST)
				mj_cli_error("'%s' already exists in the journal; "
					     "choose another name",
					     slugs->items[moved]);
			else
				mj_cli_journal_error(root, slugs->items[moved],
						     MJ_KIND_DIR, "make");
			goto undo;
		}
	}
	if (commit && commit_started(ctx->repo, root,
				     ctx->journal.config.owner.text, slugs,
				     commit) < 0)
		goto undo;
	rc = start_done(root);
	goto done;
undo:
	/* back where they were staged, then the plan: undone, or (killed
	 * on the way) finished by the next command */
	unmove(root, slugs, moved);
	mj_jfs_remove(root, START_PLAN);
staged:
	mj_jfs_remove_tree(root, START_DIR);
done:
	free(plan);
	return rc;
}

/* Finishes a start a killed run planned (moves what is left, commits
 * it), or undoes one killed before its plan; nothing when there is none.
 * 0, or -1 after saying why. */
static int finish_start(const char *root, const char *owner)
{
	struct start_plan plan;
	enum mj_file_kind kind;
	struct mj_buf done = MJ_BUF_INIT;
	char *text = NULL;
	size_t len;
	int rc = -1;

	if (mj_jfs_kind(root, START_DIR, &kind) < 0 && errno == ENOENT)
		return 0;
	if (mj_jfs_read(root, START_PLAN, MJ_FILE_SIZE_LIMIT, &text,
			&len) != MJ_READ_OK) {
		if (errno == ENOENT && mj_jfs_remove_tree(root, START_DIR) == 0)
			return 0; /* killed before its plan: undone */
		mj_cli_journal_error(root, START_PLAN, MJ_KIND_FILE, "read");
		return -1;
	}
	if (plan_parse(&plan, text) < 0) {
		free(text);
		mj_cli_error("%s is not a plan mjournal wrote: remove %s and run "
			     "the command again", START_PLAN, START_DIR);
		return -1;
	}
	free(text);
	mj_buf_adds(&done, "");
	for (size_t i = 0; i < plan.slugs.len; i++) {
		const char *slug = plan.slugs.items[i];
		char *staged = staged_path(slug);
		bool here = mj_jfs_kind(root, staged, &kind) == 0;

		if (here && mj_jfs_move(root, staged, slug) < 0) {
			mj_cli_error("cannot finish starting '%s', which an "
				     "interrupted run began: %s; %s holds its "
				     "agreement: move it to %s yourself",
				     slug, strerror(errno), staged, slug);
			free(staged);
			goto done;
		}
		mj_buf_addf(&done, " %s", slug);
		free(staged);
	}
	if (plan.message &&
	    commit_started(NULL, root, owner, &plan.slugs, plan.message) < 0)
		goto done;
	if (start_done(root) < 0)
		goto done;
	mj_cli_print(stderr, "mjournal: finished what an interrupted run "
		     "began: started%s\n", done.ptr);
	rc = 0;
done:
	mj_buf_free(&done);
	mj_strvec_free(&plan.slugs);
	free(plan.message);
	return rc;
}

bool mj_plan_started_already(const char *root, const char *slug,
			     const char *text)
{
	char *path = mj_path_join(slug, "agreement.ini"), *now = NULL;
	size_t len = 0;
	bool same = mj_jfs_read(root, path, MJ_FILE_SIZE_LIMIT, &now, &len) ==
		    MJ_READ_OK && len == strlen(text) && !memcmp(now, text, len);

	free(path);
	free(now);
	return same;
}


/*
 * Edits of several files, finished after a kill.  Before the first file
 * is written, mj_cli_apply writes its plan (.mjournal/apply): each
 * file's text before and after, whether it is private, and the commit
 * message (none: nothing to commit).  The plan goes once the commit is
 * made, or once the files are put back after a failure.  The next command
 * that writes finds a plan left by a killed run and finishes it: each
 * file still as it was before is written, then the commit is made.  A
 * file changed since by someone else is left as it is, and named.
 */
#define APPLY_PLAN MJ_JOURNAL_OWN_DIR "/apply"
#define APPLY_HEADER "mjournal apply 1\n"

/* "name LEN\n" then LEN bytes and "\n"; a NULL text is LEN -1. */
static void plan_add_bytes(struct mj_buf *b, const char *name,
			   const char *text, size_t len)
{
	if (!text) {
		mj_buf_addf(b, "%s -1\n", name);
		return;
	}
	mj_buf_addf(b, "%s %zu\n", name, len);
	mj_buf_add(b, text, len);
	mj_buf_adds(b, "\n");
}

static char *apply_plan_text(const struct mj_edit *edits, size_t n,
			     const char *message, size_t *len)
{
	struct mj_buf b = MJ_BUF_INIT;

	mj_buf_adds(&b, APPLY_HEADER);
	plan_add_bytes(&b, "message", message, message ? strlen(message) : 0);
	for (size_t i = 0; i < n; i++) {
		plan_add_bytes(&b, "file", edits[i].file, strlen(edits[i].file));
		mj_buf_addf(&b, "private %d\n", edits[i].private ? 1 : 0);
		plan_add_bytes(&b, "old", edits[i].old, edits[i].old_len);
		plan_add_bytes(&b, "new", edits[i].text, edits[i].len);
	}
	*len = b.len;
	return mj_buf_detach(&b);
}

/* Reads "name LEN\n" and its bytes at *at (before end); -1 when the
 * plan is not that.  *out points into the plan (NULL for -1). */
static int plan_take_bytes(const char **at, const char *end,
			   const char *name, const char **out, size_t *len)
{
	size_t n = strlen(name);
	const char *p = *at;
	char *stop;
	long long v;

	if ((size_t)(end - p) < n + 2 || memcmp(p, name, n) || p[n] != ' ')
		return -1;
	v = strtoll(p + n + 1, &stop, 10);
	if (stop == p + n + 1 || stop >= end || *stop != '\n')
		return -1;
	p = stop + 1;
	if (v < 0) {
		*out = NULL;
		*len = 0;
	} else {
		if ((size_t)(end - p) < (size_t)v + 1 || p[v] != '\n')
			return -1;
		*out = p;
		*len = (size_t)v;
		p += v + 1;
	}
	*at = p;
	return 0;
}

struct apply_plan {
	char *message;         /* NULL: nothing to commit */
	struct mj_edit *edits; /* pointing into text */
	char **files;
	size_t n;
};

static void apply_plan_free(struct apply_plan *plan)
{
	for (size_t i = 0; i < plan->n; i++)
		free(plan->files[i]);
	free(plan->files);
	free(plan->edits);
	free(plan->message);
}

static int apply_plan_parse(struct apply_plan *plan, const char *text,
			    size_t len)
{
	const char *at = text, *end = text + len, *bytes;
	size_t n, cap = 0, fcap = 0;

	memset(plan, 0, sizeof(*plan));
	if (len < strlen(APPLY_HEADER) ||
	    memcmp(text, APPLY_HEADER, strlen(APPLY_HEADER)))
		return -1;
	at += strlen(APPLY_HEADER);
	if (plan_take_bytes(&at, end, "message", &bytes, &n) < 0)
		return -1;
	plan->message = bytes ? mj_xstrndup(bytes, n) : NULL;
	while (at < end) {
		struct mj_edit *e;
		const char *file;
		size_t file_len;

		mj_grow((void **)&plan->edits, &cap, plan->n + 1,
			sizeof(*plan->edits));
		mj_grow((void **)&plan->files, &fcap, plan->n + 1,
			sizeof(*plan->files));
		e = &plan->edits[plan->n];
		memset(e, 0, sizeof(*e));
		if (plan_take_bytes(&at, end, "file", &file, &file_len) < 0 ||
		    !file || (size_t)(end - at) < 10 ||
		    strncmp(at, "private ", 8) || (at[8] != '0' && at[8] != '1') ||
		    at[9] != '\n')
			goto bad;
		plan->files[plan->n] = mj_xstrndup(file, file_len);
		e->file = plan->files[plan->n++];
		e->private = at[8] == '1';
		at += 10;
		if (plan_take_bytes(&at, end, "old", &e->old, &e->old_len) < 0 ||
		    plan_take_bytes(&at, end, "new", &e->text, &e->len) < 0 ||
		    !e->text || !mj_jfs_path_ok(e->file))
			goto bad;
	}
	if (plan->n)
		return 0;
bad:
	apply_plan_free(plan);
	return -1;
}

bool mj_plan_file_is(const char *root, const char *file, const char *text,
		     size_t len)
{
	char *now = NULL;
	size_t now_len = 0;
	enum mj_read_status r = mj_jfs_read(root, file, MJ_FILE_SIZE_LIMIT,
					    &now, &now_len);
	bool same = text ? r == MJ_READ_OK && now_len == len &&
			   !memcmp(now, text, len) :
			   r == MJ_READ_ERROR && errno == ENOENT;

	free(now);
	return same;
}

int mj_plan_edits_done(const char *root)
{
	mj_fs_fault_point("before removing what an edit planned");
	if (mj_jfs_remove(root, APPLY_PLAN) == 0)
		return 0;
	mj_cli_journal_error(root, APPLY_PLAN, MJ_KIND_FILE, "remove");
	return -1;
}

/* Reads the plan file plan under root: 1, 0 when there is none, or -1
 * after saying why. */
static int read_plan(const char *root, const char *plan, char **text,
		     size_t *len)
{
	if (mj_jfs_read(root, plan, MJ_FILE_SIZE_LIMIT, text, len) == MJ_READ_OK)
		return 1;
	if (errno == ENOENT)
		return 0;
	mj_cli_journal_error(root, plan, MJ_KIND_FILE, "read");
	return -1;
}

/* Finishes an edit a killed run planned; as finish_start. */
static int finish_apply(const char *root, const char *owner)
{
	struct apply_plan plan;
	int found;
	struct mj_strvec paths = MJ_STRVEC_INIT;
	struct mj_buf done = MJ_BUF_INIT;
	char *text = NULL;
	size_t len;
	int rc = -1;

	if ((found = read_plan(root, APPLY_PLAN, &text, &len)) <= 0)
		return found;
	if (apply_plan_parse(&plan, text, len) < 0) {
		/* cut short by a kill before its rename cannot be: not ours */
		free(text);
		mj_cli_error("%s is not a plan mjournal wrote: remove it and run "
			     "the command again", APPLY_PLAN);
		return -1;
	}
	mj_buf_adds(&done, "");
	for (size_t i = 0; i < plan.n; i++) {
		const struct mj_edit *e = &plan.edits[i];

		if (!mj_plan_file_is(root, e->file, e->text, e->len)) {
			if (!mj_plan_file_is(root, e->file, e->old, e->old_len)) {
				mj_cli_print(stderr, "mjournal: %s changed after an "
					     "interrupted run planned to write it: "
					     "left as it is\n", e->file);
				continue;
			}
			if (mj_jfs_write(root, e->file, e->text, e->len,
					 MJ_WRITE_REPLACE) < 0) {
				mj_cli_journal_error(root, e->file, MJ_KIND_FILE,
						     "write");
				goto done;
			}
		}
		mj_buf_addf(&done, " %s", e->file);
		if (!e->private && !mj_note_name_is_private(e->file))
			mj_strvec_push(&paths, e->file);
	}
	if (plan.message && paths.len &&
	    commit_paths(NULL, root, owner, &paths, plan.message) < 0)
		goto done;
	if (mj_plan_edits_done(root) < 0)
		goto done;
	mj_cli_print(stderr, "mjournal: finished what an interrupted run "
		     "began: wrote%s\n", done.ptr);
	rc = 0;
done:
	mj_strvec_free(&paths);
	mj_buf_free(&done);
	apply_plan_free(&plan);
	free(text);
	return rc;
}


int mj_plan_edits(const char *root, const struct mj_edit *edits,
			 size_t n, const char *message)
{
	size_t len;
	char *plan = apply_plan_text(edits, n, message, &len);
	int rc = 0;

	if (mj_jfs_mkdir(root, MJ_JOURNAL_OWN_DIR) < 0 ||
	    mj_jfs_write(root, APPLY_PLAN, plan, len, MJ_WRITE_REPLACE) < 0) {
		mj_cli_journal_error(root, APPLY_PLAN, MJ_KIND_FILE, "write");
		rc = -1;
	}
	free(plan);
	return rc;
}

void mj_plan_drop_edits(const char *root)
{
	mj_jfs_remove(root, APPLY_PLAN);
}



/*
 * A relationship renamed.  Before the folder moves, the plan
 * (.mjournal/rename) names OLD and NEW; the job is then done by one
 * function that sees how far it got (the folder moved or not, what git
 * tracks under OLD committed under NEW or not, the tag OLD/closed made
 * NEW/closed or not) and does the rest, so that the next command that
 * writes finishes a run killed at any point.
 */
#define RENAME_PLAN MJ_JOURNAL_OWN_DIR "/rename"
#define RENAME_HEADER "mjournal rename 1\n"

/* "old\nnew\n" after the header: the two slugs, or -1. */
static int rename_plan_parse(const char *text, char **old, char **new)
{
	const char *p = text, *nl;

	*old = *new = NULL;
	if (strncmp(p, RENAME_HEADER, strlen(RENAME_HEADER)))
		return -1;
	p += strlen(RENAME_HEADER);
	if (!(nl = strchr(p, '\n')))
		return -1;
	*old = mj_xstrndup(p, (size_t)(nl - p));
	p = nl + 1;
	if ((nl = strchr(p, '\n')))
		*new = mj_xstrndup(p, (size_t)(nl - p));
	if (nl && !nl[1] && mj_slug_is_valid(*old) && mj_slug_is_valid(*new))
		return 0;
	free(*old);
	free(*new);
	*old = *new = NULL;
	return -1;
}

/*
 * The rename of old to new in repo, from wherever a run got: *files is
 * how many committed files it moved (0 when a killed run had committed
 * them), *tagged whether OLD/closed became NEW/closed.  0; or -1 after
 * saying why, the folder moved back when the commit failed.
 */
static int rename_job(struct mj_repo *repo, const char *root,
		      const char *owner, const char *old, const char *new,
		      size_t *files, bool *tagged)
{
	struct mj_strvec paths = MJ_STRVEC_INIT;
	char *old_tag = mj_xasprintf("%s/closed", old);
	char *new_tag = mj_xasprintf("%s/closed", new);
	char *message = mj_xasprintf("Rename %s to %s\n", old, new);
	enum mj_file_kind kind;
	bool moved = false;
	int rc = -1;

	*files = 0;
	*tagged = false;
	if (mj_jfs_kind(root, old, &kind) == 0) {
		if (kind != MJ_KIND_DIR || mj_jfs_move(root, old, new) < 0) {
			mj_cli_error("cannot move %s to %s: %s", old, new,
				     kind != MJ_KIND_DIR ? strerror(ENOTDIR) :
				     strerror(errno));
			goto done;
		}
		moved = true;
	} else if (mj_jfs_kind(root, new, &kind) < 0 || kind != MJ_KIND_DIR) {
		mj_cli_error("cannot rename %s to %s: neither folder is there; "
			     "put it back under one of the names and run the "
			     "command again", old, new);
		goto done;
	}
	/* what git tracks under either name (a run killed inside its
	 * commit may have written the index), at both: committed as the
	 * work tree has them, which HEAD has already after a finished one */
	if (mj_git_tracked(repo, old, &paths) < 0 ||
	    mj_git_tracked(repo, new, &paths) < 0) {
		mj_cli_error("%s", mj_git_error());
		goto undo;
	}
	for (size_t i = 0, n = paths.len; i < n; i++) {
		const char *p = paths.items[i];
		bool at_old = !strncmp(p, old, strlen(old)) && p[strlen(old)] == '/';
		char *other = mj_xasprintf("%s%s", at_old ? new : old,
					   p + strlen(at_old ? old : new));

		if (mj_strvec_contains(&paths, other))
			free(other);
		else
			mj_strvec_push_owned(&paths, other);
	}
	*files = paths.len / 2;
	if (*files && commit_paths(repo, root, owner, &paths, message) < 0)
		goto undo;
	mj_fs_fault_point("before renaming a relationship's tag");
	if (mj_git_tag_exists(repo, old_tag)) {
		/* a run killed between making the new tag and removing the
		 * old one made the new one already */
		if ((mj_git_tag_exists(repo, new_tag) ?
		     mj_git_tag_delete(repo, old_tag) :
		     mj_git_tag_rename(repo, old_tag, new_tag, owner)) < 0) {
			mj_cli_error("%s", mj_git_error());
			mj_cli_hint("%s is renamed and committed; the tag is still "
				    "%s", new, old_tag);
			goto done;
		}
		*tagged = true;
	}
	rc = 0;
	goto done;
undo:
	if (moved && mj_jfs_move(root, new, old) < 0)
		mj_cli_hint("the folder is %s now; move it back with mv %s %s",
			    new, new, old);
done:
	mj_strvec_free(&paths);
	free(old_tag);
	free(new_tag);
	free(message);
	return rc;
}

int mj_plan_rename(struct mj_ctx *ctx, const char *old, const char *new,
		   size_t *files, bool *tagged)
{
	const char *root = ctx->journal.root;
	char *plan = mj_xasprintf(RENAME_HEADER "%s\n%s\n", old, new);
	int rc = -1;

	if (mj_jfs_mkdir(root, MJ_JOURNAL_OWN_DIR) < 0 ||
	    mj_jfs_write(root, RENAME_PLAN, plan, strlen(plan),
			 MJ_WRITE_REPLACE) < 0)
		mj_cli_journal_error(root, RENAME_PLAN, MJ_KIND_FILE, "write");
	else if (rename_job(ctx->repo, root, ctx->journal.config.owner.text,
			    old, new, files, tagged) == 0) {
		mj_fs_fault_point("before removing what a rename planned");
		rc = mj_jfs_remove(root, RENAME_PLAN);
		if (rc < 0)
			mj_cli_journal_error(root, RENAME_PLAN, MJ_KIND_FILE,
					     "remove");
	} else {
		/* undone (or said what is left): nothing to finish */
		mj_jfs_remove(root, RENAME_PLAN);
	}
	free(plan);
	return rc;
}

/* Finishes a rename a killed run planned; as finish_start. */
static int finish_rename(const char *root, const char *owner)
{
	struct mj_repo *repo = NULL;
	int found;
	char *text = NULL, *old = NULL, *new = NULL;
	size_t len, files;
	bool tagged;
	int rc = -1;

	if ((found = read_plan(root, RENAME_PLAN, &text, &len)) <= 0)
		return found;
	if (rename_plan_parse(text, &old, &new) < 0) {
		mj_cli_error("%s is not a plan mjournal wrote: remove it and run "
			     "the command again", RENAME_PLAN);
		goto done;
	}
	if (mj_git_open(&repo, root) < 0) {
		mj_cli_error("%s", mj_git_error());
		goto done;
	}
	if (rename_job(repo, root, owner, old, new, &files, &tagged) < 0) {
		mj_cli_hint("an interrupted rename of %s to %s cannot be "
			    "finished; once the folders are as they should be, "
			    "remove %s", old, new, RENAME_PLAN);
		goto done;
	}
	if (mj_jfs_remove(root, RENAME_PLAN) < 0) {
		mj_cli_journal_error(root, RENAME_PLAN, MJ_KIND_FILE, "remove");
		goto done;
	}
	mj_cli_print(stderr, "mjournal: finished what an interrupted run "
		     "began: renamed %s to %s\n", old, new);
	rc = 0;
done:
	mj_git_free(repo);
	free(text);
	free(old);
	free(new);
	return rc;
}

int mj_plan_finish(const char *root, const char *owner)
{
	if (finish_start(root, owner) < 0 || finish_rename(root, owner) < 0)
		return -1;
	return finish_apply(root, owner);
}
