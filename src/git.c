/*
 * git.c - the journal's repository, through libgit2.
 */
#include "git_private.h"
#include "mj_lock.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* each thread its own: the journal is read by several */
static _Thread_local char error_text[1024];

const char *mj_git_error(void)
{
	return error_text;
}

char *mj_url_redact(const char *text)
{
	struct mj_buf out = MJ_BUF_INIT;
	const char *p = text, *sep;

	mj_buf_adds(&out, "");
	while ((sep = strstr(p, "://"))) {
		const char *host = sep + 3, *at = NULL;
		size_t len = strcspn(host, "/?#\"<>`\\ \t\r\n");

		for (size_t i = 0; i < len; i++)
			if (host[i] == '@')
				at = host + i;
		mj_buf_add(&out, p, (size_t)(host - p));
		p = at ? at + 1 : host;
	}
	mj_buf_adds(&out, p);
	return mj_buf_detach(&out);
}

/*
 * Records the failure fmt says, followed by libgit2's message why.  Every
 * git error passes here, so here a URL loses its password, whoever wrote
 * it into the message (mjournal, libgit2, a server); the message is cut
 * to its room only after that.
 */
static int fail_with(const git_error *why, const char *fmt, va_list ap)
{
	struct mj_buf text = MJ_BUF_INIT;
	char *shown;

	mj_buf_adds(&text, "");
	mj_buf_vaddf(&text, fmt, ap);
	if (why && why->message)
		mj_buf_addf(&text, ": %s", why->message);
	shown = mj_url_redact(text.ptr);
	snprintf(error_text, sizeof(error_text), "%s", shown);
	free(shown);
	mj_buf_free(&text);
	git_error_clear();
	return -1;
}

int mjg_fail_own(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fail_with(NULL, fmt, ap);
	va_end(ap);
	return -1;
}

int mjg_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fail_with(git_error_last(), fmt, ap);
	va_end(ap);
	return -1;
}

/*
 * libgit2 is set up on first use: its set-up reads and parses the system's
 * whole certificate bundle (12 ms), which a command that never opens the
 * repository (log, report, help) need not pay.
 */
static pthread_once_t ready_once = PTHREAD_ONCE_INIT;
static bool ready;

static void set_up(void)
{
	git_libgit2_init();
	ready = true;
}

void mjg_ready(void)
{
	pthread_once(&ready_once, set_up);
}

void mj_git_setup(void)
{
	mjg_ready();
}

void mj_git_teardown(void)
{
	if (ready)
		git_libgit2_shutdown();
}

static char *default_branch(void)
{
	git_config *cfg = NULL;
	git_buf buf = GIT_BUF_INIT;
	char *name = NULL;

	if (git_config_open_default(&cfg) == 0 &&
	    git_config_get_string_buf(&buf, cfg, "init.defaultBranch") == 0 &&
	    buf.size)
		name = mj_xstrdup(buf.ptr);
	git_buf_dispose(&buf);
	git_config_free(cfg);
	git_error_clear();
	return name ? name : mj_xstrdup("main");
}

int mjg_read_index(git_index **out, git_repository *repo, bool force)
{
	const git_error *why;

	*out = NULL;
	if (git_repository_index(out, repo) == 0 &&
	    git_index_read(*out, force) == 0)
		return 0;
	git_index_free(*out);
	*out = NULL;
	why = git_error_last();
	/* git's split index (core.splitIndex) keeps part of the index in
	 * another file, which libgit2 does not read */
	if (why && why->message && strstr(why->message, "extension: 'link'"))
		return mjg_fail_own("cannot read the git index: it is split "
				    "(core.splitIndex), which mjournal's git "
				    "library cannot read; run git config "
				    "core.splitIndex false && git update-index "
				    "--no-split-index");
	return mjg_fail("cannot read the git index");
}

int mj_git_init(const char *dir, bool alone, bool *created)
{
	git_repository *repo = NULL;
	git_repository_init_options opts;
	char *branch;
	int rc;

	mjg_ready();

	git_repository_init_options_init(&opts,
					 GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	*created = false;
	if (git_repository_open_ext(&repo, dir, alone ?
				    GIT_REPOSITORY_OPEN_NO_SEARCH : 0, NULL) == 0) {
		git_repository_free(repo);
		return 0;
	}
	git_error_clear();
	branch = default_branch();
	opts.flags = GIT_REPOSITORY_INIT_MKPATH;
	opts.initial_head = branch;
	rc = git_repository_init_ext(&repo, dir, &opts);
	free(branch);
	if (rc < 0)
		return mjg_fail("cannot create a git repository in '%s'", dir);
	git_repository_free(repo);
	*created = true;
	return 0;
}

int mj_git_open(struct mj_repo **out, const char *root)
{
	git_repository *repo = NULL;
	const char *workdir;
	char *real_workdir;
	size_t n;

	mjg_ready();

	*out = NULL;
	if (git_repository_open_ext(&repo, root, 0, NULL) < 0)
		return mjg_fail("'%s' is not inside a git repository (mjournal init "
			    "makes one)", root);
	workdir = git_repository_workdir(repo);
	if (!workdir) {
		git_repository_free(repo);
		return mjg_fail_own("the repository holding '%s' is bare; mjournal needs "
				    "a work tree", root);
	}
	real_workdir = realpath(workdir, NULL);
	if (!real_workdir) {
		git_repository_free(repo);
		return mjg_fail_own("cannot resolve '%s': %s", workdir, strerror(errno));
	}
	n = strlen(real_workdir);
	if (strncmp(root, real_workdir, n) || (root[n] && root[n] != '/' &&
					       strcmp(real_workdir, "/"))) {
		free(real_workdir);
		git_repository_free(repo);
		return mjg_fail_own("the journal '%s' is outside the repository's work "
				    "tree; run git init in the journal's folder",
				    root);
	}
	*out = mj_xcalloc(1, sizeof(**out));
	(*out)->repo = repo;
	(*out)->root = mj_xstrdup(root);
	if (!strcmp(real_workdir, "/"))
		n = 0;
	(*out)->prefix = root[n] ? mj_xasprintf("%s/", root + n + 1) :
				   mj_xstrdup("");
	free(real_workdir);
	return 0;
}

void mj_git_free(struct mj_repo *repo)
{
	if (!repo)
		return;
	git_repository_free(repo->repo);
	mjg_fresh_clear(repo);
	free(repo->fresh);
	mjg_credential_free(repo->credential);
	free(repo->root);
	free(repo->prefix);
	free(repo);
}

/* Splits "Name <email>"; false when it does not have that shape. */
static bool split_person(const char *person, char **name, char **email)
{
	const char *lt = person ? strchr(person, '<') : NULL;
	const char *gt = lt ? strchr(lt, '>') : NULL;
	char buf[256];

	if (!lt || !gt || gt == lt + 1)
		return false;
	mj_person_name(person, buf, sizeof(buf));
	if (!*buf || *buf == '<')
		return false;
	*name = mj_xstrdup(buf);
	*email = mj_xstrndup(lt + 1, (size_t)(gt - lt - 1));
	return true;
}

/*
 * One identity, as git decides it: GIT_<ROLE>_NAME and _EMAIL, else
 * user.name and user.email, else the journal's owner.
 */
int mjg_identity(git_signature **out, git_repository *repo, const char *role,
		    const char *owner)
{
	char name_var[32], email_var[32];
	const char *env_name, *env_email;
	char *name, *email;
	int rc;

	snprintf(name_var, sizeof(name_var), "GIT_%s_NAME", role);
	snprintf(email_var, sizeof(email_var), "GIT_%s_EMAIL", role);
	env_name = getenv(name_var);
	env_email = getenv(email_var);
	if (env_name && *env_name && env_email && *env_email)
		return git_signature_now(out, env_name, env_email) < 0 ?
			mjg_fail("invalid identity in %s/%s", name_var, email_var) : 0;
	if (git_signature_default(out, repo) == 0)
		return 0;
	git_error_clear();
	if (split_person(owner, &name, &email)) {
		rc = git_signature_now(out, name, email);
		free(name);
		free(email);
		if (rc == 0)
			return 0;
	}
	return mjg_fail_own("no identity to commit with; run git config user.name "
			    "'Your Name' and git config user.email you@example.org, or "
			    "set owner = Name <email> in mjournal.ini");
}

int mj_git_check_identity(struct mj_repo *repo, const char *owner)
{
	git_signature *sig = NULL;
	int rc = mjg_identity(&sig, repo->repo, "AUTHOR", owner);

	git_signature_free(sig);
	return rc;
}

void mj_git_default_person(const char *dir, char **out)
{
	git_repository *repo = NULL;
	git_signature *sig = NULL;
	const char *name = getenv("GIT_AUTHOR_NAME");
	const char *email = getenv("GIT_AUTHOR_EMAIL");

	mjg_ready();

	*out = NULL;
	if (name && *name && email && *email) {
		*out = mj_xasprintf("%s <%s>", name, email);
		return;
	}
	if (git_repository_open_ext(&repo, dir, 0, NULL) == 0 &&
	    git_signature_default(&sig, repo) == 0) {
		*out = mj_xasprintf("%s <%s>", sig->name, sig->email);
	} else {
		git_config *cfg = NULL;
		git_buf n = GIT_BUF_INIT, e = GIT_BUF_INIT;
		git_error_clear();
		if (git_config_open_default(&cfg) == 0 &&
		    git_config_get_string_buf(&n, cfg, "user.name") == 0 &&
		    git_config_get_string_buf(&e, cfg, "user.email") == 0 &&
		    n.size && e.size)
			*out = mj_xasprintf("%s <%s>", n.ptr, e.ptr);
		git_buf_dispose(&n);
		git_buf_dispose(&e);
		git_config_free(cfg);
	}
	git_signature_free(sig);
	git_repository_free(repo);
	git_error_clear();
}

char *mj_git_config_string(const char *dir, const char *name)
{
	git_repository *repo = NULL;
	git_config *cfg = NULL;
	git_buf value = GIT_BUF_INIT;
	char *out = NULL;

	mjg_ready();

	if (git_repository_open_ext(&repo, dir, 0, NULL) == 0 ?
	    git_repository_config_snapshot(&cfg, repo) :
	    git_config_open_default(&cfg)) {
		git_error_clear();
		git_repository_free(repo);
		return NULL;
	}
	if (git_config_get_string_buf(&value, cfg, name) == 0)
		out = mj_xstrdup(value.ptr);
	git_buf_dispose(&value);
	git_config_free(cfg);
	git_repository_free(repo);
	git_error_clear();
	return out;
}

int mj_git_hooks_dir(struct mj_repo *repo, char **out)
{
	git_buf buf = GIT_BUF_INIT;
	git_config *cfg = NULL;
	char *path = NULL;

	*out = NULL;
	if (git_repository_config_snapshot(&cfg, repo->repo) == 0 &&
	    git_config_get_path(&buf, cfg, "core.hooksPath") == 0 && buf.size) {
		path = buf.ptr[0] == '/' ? mj_xstrdup(buf.ptr) :
			mj_path_join(git_repository_workdir(repo->repo), buf.ptr);
	}
	git_buf_dispose(&buf);
	git_config_free(cfg);
	git_error_clear();
	if (!path)
		path = mj_path_join(git_repository_commondir(repo->repo), "hooks");
	*out = path;
	return 0;
}

int mjg_head_commit(git_commit **out, git_repository *repo)
{
	git_object *obj = NULL;
	int rc = git_revparse_single(&obj, repo, "HEAD^{commit}");

	*out = NULL;
	if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH) {
		git_error_clear();
		return 0; /* unborn: the first commit */
	}
	if (rc < 0)
		return mjg_fail("cannot read HEAD");
	*out = (git_commit *)obj;
	return 0;
}

static int add_merge_head(const git_oid *id, void *payload)
{
	git_oid *merge_head = payload;

	git_oid_cpy(merge_head, id);
	return 0;
}

/* A merge whose index still has conflicts cannot be committed: says
 * which file, and what to do; -1. */
static int unfinished_merge(struct mj_repo *repo, git_index *index)
{
	git_index_conflict_iterator *it = NULL;
	const git_index_entry *anc, *ours, *theirs;
	size_t n = strlen(repo->prefix);
	char *inside = NULL, *outside = NULL;

	if (git_index_conflict_iterator_new(&it, index) == 0)
		while (git_index_conflict_next(&anc, &ours, &theirs, it) == 0) {
			const char *path = ours ? ours->path : theirs ?
					   theirs->path : anc->path;
			if (!strncmp(path, repo->prefix, n) && !inside)
				inside = mj_xstrdup(path + n);
			else if (strncmp(path, repo->prefix, n) && !outside)
				outside = mj_xstrdup(path);
		}
	git_index_conflict_iterator_free(it);
	git_error_clear();
	if (inside)
		mjg_fail_own("the merge is not finished: '%s' still has a conflict "
			     "(mjournal status names every such file); finish "
			     "the merge with mjournal commit first", inside);
	else
		mjg_fail_own("the merge is not finished: '%s', outside the "
			     "journal, still has a conflict; resolve it with git "
			     "(git add), then run mjournal commit",
			     outside ? outside : "a file");
	free(inside);
	free(outside);
	return -1;
}

char *mj_git_merge_title(struct mj_repo *repo)
{
	char *path = mj_path_join(git_repository_path(repo->repo), "MERGE_MSG");
	char *text = NULL, *title = NULL;
	size_t len;

	if (!mj_git_merging(repo)) {
		free(path);
		return NULL;
	}
	if (mj_fs_read(path, 64 * 1024, &text, &len) == MJ_READ_OK &&
	    text[0] && text[0] != '#' && text[0] != '\n')
		title = mj_xstrndup(text, strcspn(text, "\n"));
	if (!title)
		title = mj_xstrdup("Merge: finish the merge");
	free(text);
	free(path);
	return title;
}

/* Does tree (HEAD's, or NULL) hold path (relative to the work tree). */
static bool tree_has(git_tree *tree, const char *path)
{
	git_tree_entry *entry = NULL;
	bool found = tree && git_tree_entry_bypath(&entry, tree, path) == 0;

	git_tree_entry_free(entry);
	git_error_clear();
	return found;
}

/*
 * HEAD's tree with paths (relative to the journal) as index has them,
 * made by updating only the trees along each path: a commit of one note
 * reads and writes two or three trees, however large the journal.  0,
 * with in_repo the paths in the repository (where alone the tree can
 * differ from HEAD's); 1 when libgit2 could not make it so (a file where
 * HEAD has a folder, or the other way round), to be made from a whole
 * index instead.
 */
static int updated_tree(git_oid *out, struct mj_repo *repo, git_index *index,
			git_tree *head_tree, const struct mj_strvec *paths,
			struct mj_strvec *in_repo)
{
	git_tree_update *updates = mj_xcalloc(paths->len + 1, sizeof(*updates));
	size_t n = 0;
	int rc;

	for (size_t i = 0; i < paths->len; i++) {
		char *path = mj_xasprintf("%s%s", repo->prefix, paths->items[i]);
		const git_index_entry *entry = git_index_get_bypath(index, path, 0);

		mj_strvec_push_owned(in_repo, path);
		if (!entry && !tree_has(head_tree, path))
			continue; /* nowhere: nothing to commit */
		updates[n].action = entry ? GIT_TREE_UPDATE_UPSERT :
					    GIT_TREE_UPDATE_REMOVE;
		if (entry) {
			updates[n].id = entry->id;
			updates[n].filemode = (git_filemode_t)entry->mode;
		}
		updates[n++].path = path;
	}
	rc = git_tree_create_updated(out, repo->repo, head_tree, n, updates) < 0;
	git_error_clear();
	if (rc)
		mj_strvec_free(in_repo);
	free(updates);
	return rc;
}

/*
 * The tree to commit: HEAD's tree with exactly paths taken from the index,
 * or, while a merge is in progress, the whole index (as git commits it),
 * which must then hold no conflict.  *changed, when known, the only paths
 * where it differs from HEAD's (else left empty).
 */
static int commit_tree(git_oid *out, struct mj_repo *repo, git_index *index,
		       git_commit *parent, const struct mj_strvec *paths,
		       bool merging, struct mj_strvec *changed)
{
	git_index *next = NULL;
	git_tree *head_tree = NULL;
	int rc = -1;

	if (merging) {
		if (git_index_has_conflicts(index))
			return unfinished_merge(repo, index);
		return git_index_write_tree(out, index) < 0 ?
			mjg_fail("cannot write the tree") : 0;
	}
	if (parent && git_commit_tree(&head_tree, parent) < 0) {
		mjg_fail("cannot read HEAD's tree");
		goto done;
	}
	if (head_tree &&
	    updated_tree(out, repo, index, head_tree, paths, changed) == 0) {
		rc = 0;
		goto done;
	}
	/* HEAD's tree read whole into an index, the paths staged there */
	if (git_index_new(&next) < 0) {
		mjg_fail("cannot make an index");
		goto done;
	}
	if (head_tree && git_index_read_tree(next, head_tree) < 0) {
		mjg_fail("cannot read HEAD's tree");
		goto done;
	}
	for (size_t i = 0; i < paths->len; i++) {
		char *in_repo = mj_xasprintf("%s%s", repo->prefix, paths->items[i]);
		const git_index_entry *entry = git_index_get_bypath(index, in_repo, 0);
		int err = 0;

		if (entry)
			err = git_index_add(next, entry);
		else if (git_index_get_bypath(next, in_repo, 0))
			err = git_index_remove(next, in_repo, 0);
		free(in_repo);
		if (err < 0) {
			mjg_fail("cannot stage '%s'", paths->items[i]);
			goto done;
		}
	}
	if (git_index_write_tree_to(out, next, repo->repo) < 0) {
		mjg_fail("cannot write the tree");
		goto done;
	}
	rc = 0;
done:
	git_tree_free(head_tree);
	git_index_free(next);
	return rc;
}

/* Is path (relative to the journal) gone from the work tree: its file, or
 * a folder on the way, is no more.  Anything else (a link refused, an
 * unreadable folder) is there: never taken for a removal.  *kind gets
 * what is there. */
static bool workdir_gone(struct mj_repo *repo, const char *path,
			 enum mj_file_kind *kind)
{
	*kind = MJ_KIND_FILE;
	return mj_jfs_kind(repo->root, path, kind) < 0 &&
	       (errno == ENOENT || errno == ENOTDIR);
}

/*
 * Stages each path as the work tree has it: added, or removed when its
 * file is gone.  A private note (or an editor's file) is never added: one
 * git has (committed before, or added with git) is removed from the index,
 * so that the commit takes it out of git; a private note git does not have
 * is refused, an editor's file left alone.
 */
static int stage_paths(struct mj_repo *repo, git_index *index, git_tree *head,
		       const struct mj_strvec *paths, const bool *private)
{
	for (size_t i = 0; i < paths->len; i++) {
		char *in_repo = mj_xasprintf("%s%s", repo->prefix, paths->items[i]);
		enum mj_file_kind kind;
		bool gone = workdir_gone(repo, paths->items[i], &kind);
		bool remove = private[i] || gone || kind == MJ_KIND_DIR;
		int err;

		if (private[i] && !git_index_get_bypath(index, in_repo, 0) &&
		    !tree_has(head, in_repo)) {
			bool by_product = mj_name_is_by_product(
				mjg_base_of(paths->items[i]));

			free(in_repo);
			if (by_product)
				continue; /* an editor's file: never committed */
			return mjg_fail_own("refusing to commit the private note "
					    "'%s'", paths->items[i]);
		}
		err = remove ? git_index_remove_bypath(index, in_repo) :
			       git_index_add_bypath(index, in_repo);
		free(in_repo);
		if (err < 0)
			return mjg_fail("cannot stage '%s'", paths->items[i]);
	}
	return 0;
}

const char *mjg_base_of(const char *path)
{
	return strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
}

char *mjg_read_workdir(struct mj_repo *repo, const char *path, size_t *len)
{
	char *text = NULL;

	*len = 0;
	if (mj_jfs_read(repo->root, path, MJ_FILE_SIZE_LIMIT, &text, len) !=
	    MJ_READ_OK) {
		text = NULL;
		*len = 0;
	}
	return text;
}


/* Refuses a file a merge left, or one holding conflict markers; says
 * whether it is a private note (by its name or its front matter). */
static int refuse_path(struct mj_repo *repo, const char *path, bool *private)
{
	struct mj_diags diags = MJ_DIAGS_INIT;
	size_t len;
	char *text;
	enum mj_file_kind kind;
	int line = 0;

	if (mj_name_is_by_product(mjg_base_of(path))) {
		*private = true; /* an editor's file: taken out of git, if there */
		return 0;
	}
	if (mj_name_is_merge_leftover(mjg_base_of(path)))
		return mjg_fail_own("refusing to commit '%s': a merge left it; keep "
				    "what you want in the file it came from and "
				    "delete it", path);
	text = mjg_read_workdir(repo, path, &len);
	if (text)
		line = mj_check_conflict_markers(text, len, path, &diags);
	/* a file that is gone is staged as a removal: nothing to judge; one
	 * that is there but cannot be read is not known to be public */
	*private = text || !workdir_gone(repo, path, &kind) ?
		   mj_note_text_is_private(mjg_base_of(path), text, len) :
		   mj_note_name_is_private(mjg_base_of(path));
	free(text);
	mj_diags_free(&diags);
	if (line && !*private)
		return mjg_fail_own("refusing to commit '%s': line %d is a merge "
				    "conflict marker; keep the text you want and "
				    "delete the marker lines", path, line);
	return 0;
}

/* ---- git's lock files ---- */


/*
 * Why the lock file shown (".git/index.lock") that guards what ("git's
 * index") could not be had, from errno (mj_lock.h): holder is who holds
 * it, when mjournal does.  Git's own locks are never removed by mjournal:
 * the message says when to remove one and which.
 */
static int lock_failure(const char *what, const char *shown, double waited,
			const struct mj_lock_holder *holder)
{
	char *who = holder->pid ? mj_lock_holder_text(holder) :
		    mj_xstrdup("another git command (an editor or a shell "
			       "prompt running git status, say)");
	int err = errno;

	if (err == ESTALE)
		mjg_fail_own("%s is locked (%s) and has been for a long time: if "
			     "no git command is running, remove %s and try "
			     "again", what, shown, shown);
	else if (err == EWOULDBLOCK)
		mjg_fail_own("%s is busy: %s held %s for %.0f seconds; try again "
			     "(or set MJOURNAL_LOCK_WAIT)", what, who, shown,
			     waited);
	else if (err == EINVAL)
		mjg_fail_own("%s is locked by %s, which is not a plain file: if no "
			     "git command is running, remove %s and try again",
			     what, shown, shown);
	else
		mjg_fail_own("cannot lock %s (%s): %s", what, shown,
			     strerror(err));
	free(who);
	return -1;
}

/* The lock git takes on the branch HEAD names (HEAD itself when
 * detached), under .git, and what it is called; caller frees both. */
static void branch_lock(git_repository *repo, char **name, char **what)
{
	git_reference *head = NULL;

	if (git_reference_lookup(&head, repo, "HEAD") == 0 &&
	    git_reference_type(head) == GIT_REFERENCE_SYMBOLIC) {
		const char *branch = git_reference_symbolic_target(head);
		*name = mj_xasprintf("%s.lock", branch);
		*what = mj_xasprintf("the branch %s", !strncmp(branch, "refs/heads/",
							      11) ? branch + 11 : branch);
	} else {
		*name = mj_xstrdup("HEAD.lock");
		*what = mj_xstrdup("HEAD");
	}
	git_reference_free(head);
	git_error_clear();
}

/* Removes the lock file name (relative to the git folder) a killed
 * mjournal (dead) left, and says so. */
static void drop_lock_left(git_repository *repo, const char *name,
			   const struct mj_lock_holder *dead)
{
	char *path = mj_path_join(git_repository_path(repo), name);
	char *shown = mj_path_join(".git", name);

	if (unlink(path) == 0)
		mj_lock_say_taken_over(shown, dead);
	free(shown);
	free(path);
}

/*
 * After git's index lock was taken over from a killed mjournal: that
 * run held it through its commit or tag, so the lock of the ref it was
 * moving (the one it named, else the branch) is its own, left half way
 * through: it goes, named.  A tag's removal moves its record too
 * (mj_git_tag_delete), so that lock goes with the tag's.
 */
static void drop_ref_lock_of(git_repository *repo,
			     const struct mj_lock_holder *dead)
{
	char *name, *what = NULL;

	if (*dead->ref)
		name = mj_xasprintf("%s.lock", dead->ref);
	else
		branch_lock(repo, &name, &what);
	drop_lock_left(repo, name, dead);
	if (!strncmp(dead->ref, "refs/tags/", 10)) {
		char *record = mj_xasprintf(MJG_REMOVED_TAGS "%s.lock",
					    dead->ref + 10);
		drop_lock_left(repo, record, dead);
		free(record);
	}
	free(name);
	free(what);
}

/*
 * Waits while another git command holds the lock file name (relative to
 * the repository's git folder) that guards what, before a libgit2 call
 * that takes it itself; -1 after saying why when it stays held.
 */
static int wait_lock_free(git_repository *repo, const char *name,
			  const char *what)
{
	char *path = mj_path_join(git_repository_path(repo), name);
	char *shown = mj_path_join(".git", name);
	struct mj_lock_holder other;
	double wait = mj_lock_wait();
	int rc = mj_lock_wait_gone(path, wait, MJG_STALE_LOCK_SECONDS, &other);

	if (rc < 0)
		lock_failure(what, shown, wait, &other);
	else if (other.pid)
		mj_lock_say_taken_over(shown, &other);
	free(shown);
	free(path);
	return rc;
}

int mjg_wait_index_free(git_repository *repo)
{
	return wait_lock_free(repo, "index.lock", "git's index");
}

int mjg_wait_branch_free(git_repository *repo)
{
	char *name, *what;
	int rc;

	branch_lock(repo, &name, &what);
	rc = wait_lock_free(repo, name, what);
	free(name);
	free(what);
	return rc;
}

/* ---- git's index, read and written under its own lock ---- */

/*
 * Takes git's index lock, waiting up to wait seconds (*lock is its path,
 * *fd the open lock): one a killed mjournal left is taken over, named,
 * and the branch lock it left with it.  -1 when it cannot be had (*other
 * and errno as mj_lock_file).
 */
static int take_index_lock(struct mj_repo *repo, double wait, char **lock,
			   int *fd, struct mj_lock_holder *other)
{
	*lock = mj_path_join(git_repository_path(repo->repo), "index.lock");
	*fd = mj_lock_file(*lock, wait, MJG_STALE_LOCK_SECONDS, other);
	if (*fd < 0)
		return -1;
	if (other->pid) {
		mj_lock_say_taken_over(".git/index.lock", other);
		drop_ref_lock_of(repo->repo, other);
	}
	return 0;
}

/*
 * Takes git's index lock (.git/index.lock) as git does, waiting for a
 * git status that holds it for a moment.  *lock is its path.
 */
int mjg_lock_index(struct mj_repo *repo, char **lock, int *fd)
{
	struct mj_lock_holder other;
	double wait = mj_lock_wait();

	if (take_index_lock(repo, wait, lock, fd, &other) < 0)
		return lock_failure("git's index", ".git/index.lock", wait, &other);
	return 0;
}

void mjg_unlock_index(char *lock, int fd)
{
	mj_lock_release_file(lock, fd);
	free(lock);
}

/*
 * Before moving the ref PREFIX NAME (a tag): git's index lock taken, as
 * for a commit, and the ref named in it, so that a kill half way leaves
 * a ref lock the next run knows to be the killed run's.  0, or -1 after
 * failing (*lock NULL).
 */
int mjg_lock_ref(struct mj_repo *repo, const char *prefix,
		 const char *name, char **lock, int *fd)
{
	char *ref = mj_xasprintf("%s%s", prefix, name);
	int rc = mjg_lock_index(repo, lock, fd);

	if (rc < 0) {
		free(*lock);
	} else if (mj_lock_file_say_ref(*fd, ref) < 0) {
		rc = mjg_fail("cannot write .git/index.lock: %s", strerror(errno));
		mjg_unlock_index(*lock, *fd);
	}
	if (rc < 0)
		*lock = NULL;
	free(ref);
	return rc;
}

static int copy_entries(git_index *out, git_index *from)
{
	size_t count = git_index_entrycount(from);

	for (size_t i = 0; i < count; i++)
		if (git_index_add(out, git_index_get_byindex(from, i)) < 0)
			return -1;
	return 0;
}

/*
 * Writes index as .git/index while mjournal holds index.lock: written to a
 * file of its own beside it, then renamed into place, so that a reader
 * sees the old index or the new, never half of one.
 */
int mjg_write_index(struct mj_repo *repo, git_index *index)
{
	char *tmp = mj_path_join(git_repository_path(repo->repo), "mjournal-index");
	char *path = mj_path_join(git_repository_path(repo->repo), "index");
	char *tmp_lock = mj_xasprintf("%s.lock", tmp);
	git_index *out = NULL;
	int rc = -1;

	/* ours alone under index.lock: what a killed run left goes, the
	 * lock libgit2 takes on it included */
	unlink(tmp);
	unlink(tmp_lock);
	if (git_index_open(&out, tmp) < 0 || copy_entries(out, index) < 0 ||
	    git_index_write(out) < 0) {
		mjg_fail("cannot write the git index");
	} else if (rename(tmp, path) < 0) {
		git_error_clear();
		mjg_fail("cannot write the git index: %s", strerror(errno));
	} else {
		rc = 0;
	}
	git_index_free(out);
	unlink(tmp);
	free(tmp);
	free(tmp_lock);
	free(path);
	return rc;
}

void mjg_entry_stat(git_index_entry *e, const struct stat *st)
{
	e->ctime.seconds = (int32_t)st->st_ctim.tv_sec;
	e->ctime.nanoseconds = (uint32_t)st->st_ctim.tv_nsec;
	e->mtime.seconds = (int32_t)st->st_mtim.tv_sec;
	e->mtime.nanoseconds = (uint32_t)st->st_mtim.tv_nsec;
	e->dev = (uint32_t)st->st_dev;
	e->ino = (uint32_t)st->st_ino;
	e->uid = (uint32_t)st->st_uid;
	e->gid = (uint32_t)st->st_gid;
	e->file_size = (uint32_t)st->st_size;
}

void mjg_fresh_clear(struct mj_repo *repo)
{
	for (size_t i = 0; i < repo->n_fresh; i++)
		free(repo->fresh[i].path);
	repo->n_fresh = 0;
}

/*
 * Refreshes the index as git does: the entries of the files the last
 * status found unchanged with stale stat data get the files' stat data
 * now, so that the next look need not hash them again.  An entry that
 * changed meanwhile (another git command) or a file that changed since
 * (its stat data are not the ones status saw) is left as it is.
 */
static int apply_fresh(struct mj_repo *repo, git_index *index, bool *changed)
{
	const char *workdir = git_repository_workdir(repo->repo);

	*changed = false;
	for (size_t i = 0; i < repo->n_fresh; i++) {
		const struct mjg_fresh *f = &repo->fresh[i];
		const git_index_entry *e = git_index_get_bypath(index, f->path, 0);
		git_index_entry fresh;
		struct mj_stamp now;
		struct stat st;
		char *path;
		int rc;

		if (!e || !git_oid_equal(&e->id, &f->id))
			continue;
		path = mj_path_join(workdir, f->path);
		rc = lstat(path, &st);
		free(path);
		if (rc < 0)
			continue;
		mj_stamp_of(&st, &now);
		if (!mj_stamp_equal(&now, &f->stamp))
			continue;
		fresh = *e;
		mjg_entry_stat(&fresh, &st);
		if (git_index_add(index, &fresh) < 0)
			return mjg_fail("cannot refresh the git index");
		*changed = true;
	}
	mjg_fresh_clear(repo);
	return 0;
}

int mj_git_refresh_index(struct mj_repo *repo)
{
	git_index *index = NULL;
	struct mj_lock_holder other;
	char *lock;
	bool changed = false;
	int fd, rc = -1;

	if (!repo->n_fresh)
		return 0;
	if (take_index_lock(repo, 0, &lock, &fd, &other) < 0) {
		free(lock); /* git holds it: it refreshes the index itself */
		mjg_fresh_clear(repo);
		return 0;
	}
	if (mjg_read_index(&index, repo->repo, true) == 0 &&
	    apply_fresh(repo, index, &changed) == 0)
		rc = changed ? mjg_write_index(repo, index) : 0;
	git_index_free(index);
	mjg_unlock_index(lock, fd);
	git_error_clear();
	return rc;
}

/*
 * The gate (git_gate.c) on the tree about to be committed, against HEAD's
 * tree and, finishing a merge, the merged commit's; -1 after saying why.
 */
static int gate_commit(struct mj_repo *repo, git_tree *tree, git_tree *head_tree,
		       git_commit *merged, const struct mj_strvec *changed)
{
	git_tree *parents[2] = { head_tree, NULL };
	struct mjg_refusal r;
	int rc;

	if (merged && git_commit_tree(&parents[1], merged) < 0)
		return mjg_fail("cannot read the merged commit's tree");
	rc = mjg_gate_tree(repo, tree, parents, merged ? 2 : head_tree ? 1 : 0,
			   changed->len ? changed : NULL, &r);
	git_tree_free(parents[1]);
	if (rc == 1 && r.line)
		rc = mjg_fail_own("refusing to commit '%s': line %d is a merge "
				  "conflict marker; keep the text you want and "
				  "delete the marker lines", r.path, r.line);
	else if (rc == 1)
		rc = mjg_fail_own("refusing to commit '%s': it is %s; take it out "
				  "of git with: git rm --cached -- ':/%s'",
				  r.path, r.why, r.path);
	mjg_refusal_free(&r);
	return rc;
}

int mj_git_commit_paths(struct mj_repo *repo, const struct mj_strvec *paths,
			const char *message, const char *owner, bool *committed)
{
	git_index *index = NULL;
	git_commit *parent = NULL, *merged = NULL;
	git_tree *tree = NULL, *head_tree = NULL;
	git_signature *author = NULL, *committer = NULL;
	git_oid tree_id, commit_id, merge_head;
	struct mj_strvec changed = MJ_STRVEC_INIT;
	bool merging = git_repository_state(repo->repo) == GIT_REPOSITORY_STATE_MERGE;
	bool refreshed, *private;
	char *lock = NULL, *merge_message = NULL;
	int lock_fd = -1, rc = -1;

	*committed = false;
	private = mj_xcalloc(paths->len + 1, sizeof(*private));
	for (size_t i = 0; i < paths->len; i++)
		if (refuse_path(repo, paths->items[i], &private[i]) < 0)
			goto done;
	if (mjg_identity(&author, repo->repo, "AUTHOR", owner) < 0 ||
	    mjg_identity(&committer, repo->repo, "COMMITTER", owner) < 0)
		goto done;
	/* read, changed and written under git's own lock: a git add running
	 * beside it is never lost, a git status beside it is waited for */
	if (mjg_lock_index(repo, &lock, &lock_fd) < 0 ||
	    mjg_wait_branch_free(repo->repo) < 0)
		goto done;
	if (mjg_read_index(&index, repo->repo, true) < 0)
		goto done;
	if (apply_fresh(repo, index, &refreshed) < 0)
		goto done;
	mj_trace("index read%s", refreshed ? " and refreshed" : "");
	if (mjg_head_commit(&parent, repo->repo) < 0)
		goto done;
	if (merging &&
	    (git_repository_mergehead_foreach(repo->repo, add_merge_head,
					      &merge_head) < 0 ||
	     git_commit_lookup(&merged, repo->repo, &merge_head) < 0)) {
		mjg_fail("cannot read MERGE_HEAD");
		goto done;
	}
	if (parent && git_commit_tree(&head_tree, parent) < 0) {
		mjg_fail("cannot read HEAD's tree");
		goto done;
	}
	if (stage_paths(repo, index, head_tree, paths, private) < 0 ||
	    commit_tree(&tree_id, repo, index, parent, paths, merging,
			&changed) < 0)
		goto done;
	if (!merging && parent &&
	    git_oid_equal(&tree_id, git_commit_tree_id(parent))) {
		rc = mjg_write_index(repo, index);
		goto done; /* nothing changed */
	}
	if (git_tree_lookup(&tree, repo->repo, &tree_id) < 0) {
		mjg_fail("cannot read the new tree");
		goto done;
	}
	if (gate_commit(repo, tree, head_tree, merged, &changed) < 0)
		goto done;
	mj_fs_fault_point("before writing the git index");
	if (mjg_write_index(repo, index) < 0)
		goto done;
	mj_fs_fault_point("before committing");
	const git_commit *parents[2] = { parent, merged };
	if (merging) {
		/* whichever command finishes a merge, its commit is one */
		char *title = mj_git_merge_title(repo);
		merge_message = mj_xasprintf("%s\n\n%s", title, message);
		message = merge_message;
		free(title);
	}
	if (git_commit_create(&commit_id, repo->repo, "HEAD", author, committer,
			      NULL, message, tree, merging ? 2 : parent ? 1 : 0,
			      parents) < 0) {
		mjg_fail("cannot commit");
		goto done;
	}
	if (merging)
		git_repository_state_cleanup(repo->repo);
	mj_trace("committed");
	*committed = true;
	rc = 0;
done:
	mj_strvec_free(&changed);
	free(private);
	free(merge_message);
	git_signature_free(author);
	git_signature_free(committer);
	git_tree_free(tree);
	git_tree_free(head_tree);
	git_commit_free(parent);
	git_commit_free(merged);
	git_index_free(index);
	mjg_unlock_index(lock, lock_fd);
	return rc;
}

bool mj_git_merging(struct mj_repo *repo)
{
	return git_repository_state(repo->repo) == GIT_REPOSITORY_STATE_MERGE;
}

bool mj_git_tag_exists(struct mj_repo *repo, const char *name)
{
	git_reference *ref = NULL;
	char *full = mj_xasprintf("refs/tags/%s", name);
	bool exists = git_reference_lookup(&ref, repo->repo, full) == 0;

	git_reference_free(ref);
	git_error_clear();
	free(full);
	return exists;
}

int mj_git_tag(struct mj_repo *repo, const char *name, const char *message,
	       const char *owner)
{
	git_signature *tagger = NULL;
	git_object *head = NULL;
	git_oid id;
	char *lock = NULL;
	int lock_fd = -1, rc = -1;

	if (mjg_identity(&tagger, repo->repo, "COMMITTER", owner) < 0)
		return -1;
	if (git_revparse_single(&head, repo->repo, "HEAD^{commit}") < 0) {
		mjg_fail("cannot read HEAD");
		goto done;
	}
	if (mjg_lock_ref(repo, "refs/tags/", name, &lock, &lock_fd) < 0)
		goto done;
	mj_fs_fault_point("before tagging");
	if (git_tag_create(&id, repo->repo, name, head, tagger, message, 0) < 0) {
		mjg_fail("cannot make the tag '%s'", name);
		goto done;
	}
	rc = 0;
done:
	if (lock)
		mjg_unlock_index(lock, lock_fd);
	git_object_free(head);
	git_signature_free(tagger);
	return rc;
}

int mj_git_tag_rename(struct mj_repo *repo, const char *from, const char *to,
		      const char *owner)
{
	git_object *tag = NULL;
	char *full = mj_xasprintf("refs/tags/%s", from);
	int rc = -1;

	if (git_revparse_single(&tag, repo->repo, full) < 0 ||
	    git_object_type(tag) != GIT_OBJECT_TAG) {
		mjg_fail("cannot read the tag '%s'", from);
		goto done;
	}
	if (mj_git_tag(repo, to, git_tag_message((git_tag *)tag), owner) == 0)
		rc = mj_git_tag_delete(repo, from);
done:
	git_object_free(tag);
	free(full);
	return rc;
}

int mj_git_tracked(struct mj_repo *repo, const char *dir, struct mj_strvec *out)
{
	git_index *index = NULL;
	char *prefix = mj_xasprintf("%s%s/", repo->prefix, dir);
	size_t n = strlen(prefix), skip = strlen(repo->prefix);

	if (mjg_read_index(&index, repo->repo, false) < 0) {
		free(prefix);
		return -1;
	}
	for (size_t i = 0; i < git_index_entrycount(index); i++) {
		const git_index_entry *e = git_index_get_byindex(index, i);
		if (e && !strncmp(e->path, prefix, n) &&
		    !mj_strvec_contains(out, e->path + skip))
			mj_strvec_push(out, e->path + skip);
	}
	git_index_free(index);
	free(prefix);
	return 0;
}

int mj_git_tag_delete(struct mj_repo *repo, const char *name)
{
	git_reference *tag = NULL, *record = NULL;
	char *full = mj_xasprintf("refs/tags/%s", name);
	char *kept = mj_xasprintf(MJG_REMOVED_TAGS "%s", name);
	char *lock;
	int fd, rc;

	/* under git's index lock, which names the tag (a kill leaves a
	 * lock the next run takes over) */
	if (mjg_lock_ref(repo, "refs/tags/", name, &lock, &fd) < 0) {
		free(kept);
		free(full);
		return -1;
	}
	rc = git_reference_lookup(&tag, repo->repo, full);

	if (rc == GIT_ENOTFOUND) {
		git_error_clear();
		rc = 0;
		goto done;
	}
	/* the record first: a removal stopped half-way is done again */
	if (rc < 0 || git_reference_type(tag) != GIT_REFERENCE_DIRECT ||
	    git_reference_create(&record, repo->repo, kept,
				 git_reference_target(tag), 1,
				 "mjournal: tag removed") < 0) {
		rc = mjg_fail("cannot remove the tag '%s'", name);
		goto done;
	}
	mj_fs_fault_point("before removing a tag");
	if ((rc = git_reference_delete(tag)) < 0)
		mjg_fail("cannot remove the tag '%s'", name);
done:
	mjg_unlock_index(lock, fd);
	git_reference_free(record);
	git_reference_free(tag);
	free(kept);
	free(full);
	return rc < 0 ? -1 : 0;
}

/* ---- the index as a journal source (check --staged) ---- */

struct index_source {
	git_repository *repo;
	git_index *index;
	char *prefix;
	bool hide_private; /* never list (so never read) *.private.md */
};

static int index_list(void *ctx, const char *dir, struct mj_dirent **out,
		      size_t *n)
{
	struct index_source *src = ctx;
	char *base = *dir ? mj_xasprintf("%s%s/", src->prefix, dir) :
			    mj_xstrdup(src->prefix);
	size_t base_len = strlen(base), count = git_index_entrycount(src->index);
	struct mj_dirent *items = NULL;
	size_t len = 0, cap = 0;

	for (size_t i = 0; i < count; i++) {
		const git_index_entry *e = git_index_get_byindex(src->index, i);
		const char *rest, *slash;
		char *name;
		enum mj_file_kind kind;

		if (git_index_entry_stage(e) != 0 ||
		    strncmp(e->path, base, base_len) ||
		    (src->hide_private && mj_note_name_is_private(e->path)))
			continue;
		rest = e->path + base_len;
		slash = strchr(rest, '/');
		name = slash ? mj_xstrndup(rest, (size_t)(slash - rest)) :
			       mj_xstrdup(rest);
		kind = slash ? MJ_KIND_DIR :
		       (e->mode & 0170000) == 0120000 ? MJ_KIND_LINK :
		       (e->mode & 0170000) == 0100000 ? MJ_KIND_FILE :
							 MJ_KIND_OTHER;
		/* entries are sorted: a folder's files are next to each other */
		if (len && !strcmp(items[len - 1].name, name)) {
			free(name);
			continue;
		}
		mj_grow((void **)&items, &cap, len + 1, sizeof(*items));
		memset(&items[len], 0, sizeof(*items));
		items[len].name = name;
		items[len].kind = kind;
		len++;
	}
	free(base);
	*out = items;
	*n = len;
	return 0;
}

static enum mj_read_status index_read(void *ctx, const char *path, size_t limit,
				      char **out, size_t *len)
{
	struct index_source *src = ctx;
	char *full = mj_xasprintf("%s%s", src->prefix, path);
	const git_index_entry *e = git_index_get_bypath(src->index, full, 0);
	git_blob *blob = NULL;
	git_object_size_t size;
	git_odb *odb = NULL;
	git_object_t kind;
	size_t header_size;
	int rc;

	free(full);
	*out = NULL;
	*len = 0;
	if (!e) {
		errno = ENOENT;
		return MJ_READ_ERROR;
	}
	if ((e->mode & 0170000) != 0100000)
		return MJ_READ_NOT_REGULAR;
	/* the size from the object's header: a file over the limit is never
	 * inflated to learn that it is */
	rc = git_repository_odb(&odb, src->repo);
	if (rc == 0)
		rc = git_odb_read_header(&header_size, &kind, odb, &e->id);
	git_odb_free(odb);
	if (rc == 0 && header_size > limit)
		return MJ_READ_TOO_LARGE;
	if (rc < 0 || git_blob_lookup(&blob, src->repo, &e->id) < 0) {
		git_error_clear();
		errno = EIO;
		return MJ_READ_ERROR;
	}
	size = git_blob_rawsize(blob);
	*out = mj_xstrndup(git_blob_rawcontent(blob), (size_t)size);
	*len = (size_t)size;
	git_blob_free(blob);
	return MJ_READ_OK;
}

int mj_git_source_index(struct mj_repo *repo, struct mj_source *out)
{
	struct index_source *src = mj_xcalloc(1, sizeof(*src));

	/* the repository keeps its index in memory: read what is on disk now */
	if (mjg_read_index(&src->index, repo->repo, false) < 0) {
		free(src);
		return -1;
	}
	src->repo = repo->repo;
	src->prefix = mj_xstrdup(repo->prefix);
	memset(out, 0, sizeof(*out));
	out->list = index_list;
	out->read = index_read;
	out->cacheable = false; /* what is staged is never served from the cache */
	out->ctx = src;
	return 0;
}

int mj_git_source_tree(struct mj_repo *repo, const char *ref,
		       struct mj_source *out)
{
	struct index_source *src = mj_xcalloc(1, sizeof(*src));
	char *spec = mj_xasprintf("%s^{tree}", ref);
	git_object *tree = NULL;
	int rc = 0;

	/* the tree read into an index of its own, in memory */
	if (git_revparse_single(&tree, repo->repo, spec) < 0 ||
	    git_index_new(&src->index) < 0 ||
	    git_index_read_tree(src->index, (git_tree *)tree) < 0) {
		git_index_free(src->index);
		free(src);
		rc = mjg_fail("cannot read the tree of %s", ref);
	}
	git_object_free(tree);
	free(spec);
	if (rc < 0)
		return rc;
	src->repo = repo->repo;
	src->prefix = mj_xstrdup(repo->prefix);
	/* private notes are read, never shown: what a tree holds of them is
	 * exposed, and counted (programme's private-tracked) */
	src->hide_private = false;
	memset(out, 0, sizeof(*out));
	out->list = index_list;
	out->read = index_read;
	out->cacheable = false;
	out->ctx = src;
	return 0;
}

void mj_git_source_free(struct mj_source *out)
{
	struct index_source *src = out->ctx;

	if (!src)
		return;
	git_index_free(src->index);
	free(src->prefix);
	free(src);
	out->ctx = NULL;
}

