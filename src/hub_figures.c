/*
 * hub_figures.c - the figures an encrypted hub holds for the programme's
 * managers: made as programme makes a journal's, and read back.
 */
#include "mj_hub_figures.h"
#include "mj_journal.h"
#include "mj_json.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * The document programme --format json writes of the journal at ref of
 * repo, read as programme reads a remote (its tree; a private note found
 * there is private-tracked), the source named hub: *out, *len; *key the
 * programme's key its mjournal.ini names (NULL: none).  -1 when it cannot
 * be read.
 */
static int make_document(struct mj_repo *repo, const char *root, const char *ref,
			 const char *hub, mj_date today, char **key, char **out,
			 size_t *len, char **why)
{
	struct mj_source tree;
	struct mj_journal journal;
	struct mj_prog_rows rows = { NULL, 0, 0 };
	struct mj_prog_reader reader;
	struct mj_visitor visitor;
	struct mj_prog_figures figures;
	bool keyed;
	struct mj_prog_source source;
	FILE *doc;
	int rc = -1;

	*key = *out = NULL;
	*len = 0;
	if (mj_git_source_tree(repo, ref, &tree) < 0) {
		*why = mj_xstrdup(mj_git_error());
		return -1;
	}
	/* no programme's key: no figures, and nothing more to read */
	mj_journal_open(&journal, root, &tree);
	keyed = journal.config.programme_key.text &&
		*journal.config.programme_key.text;
	mj_journal_free(&journal);
	if (!keyed) {
		mj_git_source_free(&tree);
		return 0;
	}
	/* row by row as it is read: its notes are let go */
	mj_prog_reader_init(&reader, today, true, &visitor);
	if (mj_journal_visit(&journal, root, &tree, NULL, 0, &visitor) < 0) {
		*why = mj_xasprintf("cannot read the journal of %s for its figures: "
				    "%s", ref, strerror(errno));
		mj_git_source_free(&tree);
		return -1;
	}
	memset(&source, 0, sizeof(source));
	source.shown = mj_xstrdup(hub);
	source.journal = journal.config.name.text ?
			 mj_xstrdup(journal.config.name.text) :
			 mj_prog_source_name(hub);
	source.fetched = source.figures_of = MJ_DATE_NONE;
	mj_prog_reader_take(&reader, &rows, source.journal, NULL);
	/* the key was read above, from the same tree */
	mj_prog_figures(rows.items, rows.len, &figures);
	doc = open_memstream(out, len);
	if (doc && mj_json_print_programme(doc, today, &source, 1, rows.items,
					   rows.len, &figures) == 0 &&
	    fclose(doc) == 0) {
		*key = mj_xstrdup(journal.config.programme_key.text);
		rc = 0;
	} else {
		if (doc)
			fclose(doc);
		free(*out);
		*out = NULL;
		*why = mj_xstrdup("cannot write the figures for the programme");
	}
	mj_prog_figures_free(&figures);
	mj_prog_rows_free(&rows);
	mj_prog_source_free(&source);
	mj_journal_free(&journal);
	mj_git_source_free(&tree);
	return rc;
}

int mj_hub_figures_publish(struct mj_repo *repo, const char *root,
			   const char *remote, const char *branch, mj_date today,
			   char **why)
{
	char *hub = mj_git_encrypted_hub(repo, remote), *ref, *key = NULL;
	char *text = NULL;
	size_t len = 0;
	int rc;

	*why = NULL;
	if (!hub)
		return 0; /* a plain remote: its managers read the journal */
	ref = mj_xasprintf("refs/heads/%s", branch);
	rc = make_document(repo, root, ref, hub, today, &key, &text, &len, why);
	if (rc == 0 && key) {
		rc = mj_git_publish_figures(repo, remote, key, text, len) < 0 ? -1 : 1;
		if (rc < 0)
			*why = mj_xstrdup(mj_git_error());
	}
	free(text);
	free(key);
	free(ref);
	free(hub);
	return rc;
}

int mj_hub_figures_read(const char *dir, const char *url,
			struct mj_prog_rows *rows, struct mj_prog_known *known,
			char **journal, mj_date *day, char **why)
{
	char *text = NULL, *shown;
	size_t len = 0;
	int rc = 0;

	*why = NULL;
	if (mj_git_hub_figures(dir, url, &text, &len) < 0) {
		*why = mj_xstrdup(mj_git_error());
		return -1;
	}
	if (mj_json_read_programme(text, len, rows, known, journal, day) < 0) {
		shown = mj_url_redact(url);
		*why = mj_xasprintf("cannot read '%s': its figures for the "
				    "programme are not figures mjournal wrote; "
				    "ask the pair to sync again", shown);
		free(shown);
		rc = -1;
	}
	free(text);
	return rc;
}
