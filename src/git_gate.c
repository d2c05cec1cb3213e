/*
 * git_gate.c - what may enter a commit or leave for a remote: the one place
 * that decides it, for every commit mjournal makes (its own, a merge's)
 * and every commit it pushes, whoever made it (plain git included).
 *
 * A commit may not bring in, compared with each of its parents:
 *  - a private note, by its name or by its bytes, failing closed (a note
 *    that cannot be read or classified counts as private);
 *  - a file an editor keeps beside a note (a swap file, a backup);
 *  - a file holding conflict markers, in the journal;
 *  - a symbolic link or a submodule where the journal keeps files.
 * Part of the git module: it includes <git2.h> through git_private.h.
 */
#include "git_private.h"

#include <stdlib.h>
#include <string.h>

/* Why path may not enter: a phrase after "it is"/"it holds", or NULL. */
static const char *judge_blob(struct mj_repo *repo, const char *path,
			      const git_diff_file *file, int *line)
{
	const char *base = mjg_base_of(path);
	bool in_journal = !strncmp(path, repo->prefix, strlen(repo->prefix));
	bool note = mj_str_ends_with(base, ".md");
	size_t header_len = 0;
	git_object_t type;
	git_odb *odb = NULL;
	git_blob *blob = NULL;
	const char *why = NULL;

	*line = 0;
	if (mj_name_is_by_product(base))
		return mj_note_name_is_private(base) ?
			"an editor's working copy of a private note" :
			"an editor's working file (a swap file or a backup)";
	if (mj_note_name_is_private(base))
		return "a private note";
	if (!in_journal)
		return NULL;
	if (file->mode == GIT_FILEMODE_LINK)
		return "a symbolic link, where the journal keeps only files";
	if (file->mode == GIT_FILEMODE_COMMIT)
		return "a submodule, where the journal keeps only files";
	/* the size first, so that a huge blob is never inflated */
	if (git_repository_odb(&odb, repo->repo) < 0 ||
	    git_odb_read_header(&header_len, &type, odb, &file->id) < 0) {
		git_error_clear();
		why = note ? "a note that cannot be read, so not known to be "
			     "public" : NULL;
	} else if (header_len > MJ_FILE_SIZE_LIMIT) {
		why = note ? "a note too large to tell whether it is private" :
			     NULL;
	} else if (git_blob_lookup(&blob, repo->repo, &file->id) < 0) {
		git_error_clear();
		why = note ? "a note that cannot be read, so not known to be "
			     "public" : NULL;
	} else {
		const char *text = git_blob_rawcontent(blob);
		size_t len = (size_t)git_blob_rawsize(blob);
		struct mj_diags diags = MJ_DIAGS_INIT;

		if (note && mj_note_text_is_private(base, text, len))
			why = "a private note (its front matter says so, or "
			      "cannot be read)";
		else if ((*line = mj_check_conflict_markers(text, len, path,
							     &diags)) > 0)
			why = "a file with merge conflict markers";
		mj_diags_free(&diags);
	}
	git_blob_free(blob);
	git_odb_free(odb);
	return why;
}

/* Does one of the parents (other than the first) have file as it is. */
static bool parent_has(git_tree *const *parents, size_t n,
		       const git_diff_file *file)
{
	for (size_t i = 1; i < n; i++) {
		git_tree_entry *e = NULL;
		bool same = parents[i] &&
			    git_tree_entry_bypath(&e, parents[i], file->path) == 0 &&
			    git_oid_equal(git_tree_entry_id(e), &file->id);

		git_tree_entry_free(e);
		git_error_clear();
		if (same)
			return true;
	}
	return false;
}

int mjg_gate_tree(struct mj_repo *repo, git_tree *tree,
		  git_tree *const *parents, size_t n_parents,
		  const struct mj_strvec *only, struct mjg_refusal *out)
{
	git_diff *diff = NULL;
	git_diff_options opts;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	opts.flags |= GIT_DIFF_INCLUDE_TYPECHANGE;
	if (only) {
		/* those paths as they are, no pattern: the trees are not
		 * walked where none of them is */
		opts.flags |= GIT_DIFF_DISABLE_PATHSPEC_MATCH;
		opts.pathspec.strings = only->items;
		opts.pathspec.count = only->len;
	}
	if (git_diff_tree_to_tree(&diff, repo->repo, n_parents ? parents[0] : NULL,
				  tree, &opts) < 0)
		return mjg_fail("cannot compare the commit with its parent");
	for (size_t i = 0; i < git_diff_num_deltas(diff); i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		const char *why;
		int line;

		if (d->status == GIT_DELTA_DELETED ||
		    parent_has(parents, n_parents, &d->new_file))
			continue;
		why = judge_blob(repo, d->new_file.path, &d->new_file, &line);
		if (why) {
			out->path = mj_xstrdup(d->new_file.path);
			out->why = why;
			out->line = line;
			rc = 1;
			break;
		}
	}
	git_diff_free(diff);
	return rc;
}

void mjg_refusal_free(struct mjg_refusal *r)
{
	free(r->path);
	free(r->summary);
	memset(r, 0, sizeof(*r));
}

/* Gates one commit against its parents: 1 with *out when refused. */
static int gate_commit(struct mj_repo *repo, const git_oid *id,
		       struct mjg_refusal *out)
{
	git_commit *commit = NULL;
	git_tree *tree = NULL, **parents = NULL;
	unsigned n = 0;
	int rc = -1;

	if (git_commit_lookup(&commit, repo->repo, id) < 0 ||
	    git_commit_tree(&tree, commit) < 0) {
		mjg_fail("cannot read a commit to push");
		goto done;
	}
	n = git_commit_parentcount(commit);
	parents = mj_xcalloc(n + 1, sizeof(*parents));
	for (unsigned i = 0; i < n; i++) {
		git_commit *p = NULL;

		if (git_commit_parent(&p, commit, i) < 0 ||
		    git_commit_tree(&parents[i], p) < 0) {
			git_commit_free(p);
			mjg_fail("cannot read a parent of a commit to push");
			goto done;
		}
		git_commit_free(p);
	}
	rc = mjg_gate_tree(repo, tree, parents, n, NULL, out);
	if (rc == 1) {
		git_oid_cpy(&out->commit, id);
		out->summary = mj_xstrdup(git_commit_summary(commit) ?
					  git_commit_summary(commit) : "");
	}
done:
	for (unsigned i = 0; parents && i < n; i++)
		git_tree_free(parents[i]);
	free(parents);
	git_tree_free(tree);
	git_commit_free(commit);
	return rc;
}

int mjg_gate_push(struct mj_repo *repo, const char *remote,
		  const git_strarray *refs, struct mjg_refusal *out)
{
	git_revwalk *walk = NULL;
	char *hidden = mj_xasprintf("refs/remotes/%s/*", remote);
	git_oid id;
	int rc = -1, next = 0;

	memset(out, 0, sizeof(*out));
	if (git_revwalk_new(&walk, repo->repo) < 0)
		goto fail;
	for (size_t i = 0; i < refs->count; i++)
		if (git_revwalk_push_ref(walk, refs->strings[i]) < 0)
			goto fail;
	/* what the remote had when last fetched is published already */
	if (git_revwalk_hide_glob(walk, hidden) < 0)
		goto fail;
	rc = 0;
	while (rc == 0 && (next = git_revwalk_next(&id, walk)) == 0)
		rc = gate_commit(repo, &id, out);
	if (rc == 0 && next != GIT_ITEROVER)
		goto fail;
	goto done;
fail:
	rc = mjg_fail("cannot list the commits to push");
done:
	git_revwalk_free(walk);
	free(hidden);
	return rc;
}
