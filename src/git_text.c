/*
 * git_text.c - one file's text as git knows it: its committed version, and
 * a three-way merge of three texts, as git merges a file.
 *
 * note and edit use them to keep an edit that was open while the file
 * changed underneath (a sync brought in the other side's lines): what the
 * editor saved is merged with what is committed now, from the text the
 * editor opened.  Part of the git module: it includes <git2.h> through
 * git_private.h.
 */
#include "git_private.h"

#include <stdlib.h>
#include <string.h>

int mj_git_head_text(struct mj_repo *repo, const char *path,
		     struct mj_text *out)
{
	git_commit *head = NULL;
	git_tree *tree = NULL;
	git_tree_entry *entry = NULL;
	git_blob *blob = NULL;
	char *full = mj_xasprintf("%s%s", repo->prefix, path);
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (mjg_head_commit(&head, repo->repo) < 0)
		goto done;
	if (!head) {
		rc = 0; /* an unborn branch holds nothing */
		goto done;
	}
	if (git_commit_tree(&tree, head) < 0) {
		mjg_fail("cannot read HEAD's tree");
		goto done;
	}
	if (git_tree_entry_bypath(&entry, tree, full) < 0 ||
	    git_tree_entry_type(entry) != GIT_OBJECT_BLOB) {
		git_error_clear();
		rc = 0; /* not in HEAD, or not a file there */
		goto done;
	}
	if (git_blob_lookup(&blob, repo->repo, git_tree_entry_id(entry)) < 0) {
		mjg_fail("cannot read '%s' from HEAD", path);
		goto done;
	}
	if (git_blob_rawsize(blob) > MJ_FILE_SIZE_LIMIT) {
		mjg_fail_own("'%s' in HEAD is larger than mjournal reads; "
			     "take it out of git (git rm --cached)", path);
		goto done;
	}
	out->len = (size_t)git_blob_rawsize(blob);
	out->text = mj_xstrndup(git_blob_rawcontent(blob), out->len);
	out->found = true;
	rc = 0;
done:
	git_blob_free(blob);
	git_tree_entry_free(entry);
	git_tree_free(tree);
	git_commit_free(head);
	free(full);
	return rc;
}

bool mj_text_equal(const struct mj_text *a, const struct mj_text *b)
{
	return a->found == b->found && a->len == b->len &&
	       (!a->len || !memcmp(a->text, b->text, a->len));
}

void mj_text_free(struct mj_text *text)
{
	free(text->text);
	memset(text, 0, sizeof(*text));
}

static void input(git_merge_file_input *in, const struct mj_text *t,
		  const char *path)
{
	git_merge_file_input_init(in, GIT_MERGE_FILE_INPUT_VERSION);
	in->ptr = t->text ? t->text : "";
	in->size = t->len;
	in->path = path;
	in->mode = 0100644;
}

int mj_git_merge_text(const char *path, const struct mj_text *base,
		      const struct mj_text *ours, const char *ours_label,
		      const struct mj_text *theirs, const char *theirs_label,
		      struct mj_text *out, bool *clean)
{
	git_merge_file_input b, o, t;
	git_merge_file_options opts;
	git_merge_file_result result;

	mjg_ready();
	memset(out, 0, sizeof(*out));
	memset(&result, 0, sizeof(result));
	input(&b, base, path);
	input(&o, ours, path);
	input(&t, theirs, path);
	git_merge_file_options_init(&opts, GIT_MERGE_FILE_OPTIONS_VERSION);
	opts.ancestor_label = "as opened";
	opts.our_label = ours_label;
	opts.their_label = theirs_label;
	if (git_merge_file(&result, &b, &o, &t, &opts) < 0)
		return mjg_fail("cannot merge the versions of '%s'", path);
	out->text = mj_xstrndup(result.ptr ? result.ptr : "", result.len);
	out->len = result.len;
	out->found = true;
	*clean = result.automergeable != 0;
	git_merge_file_result_free(&result);
	return 0;
}
