/*
 * libFuzzer: the summary writer (summary, and close's summary.md) on one
 * relationship read from the input as fuzz_relationship.h says, rendered
 * in every format, with its properties: the quoted notes nest no deeper
 * than MJ_DOC_INLINE_DEPTH (so rendering is linear), the HTML holds no
 * markup of the notes' own (a script, a javascript: link) and loads
 * nothing (no image: a note's is a link), and every rendering is UTF-8.
 */
#include "fuzz_relationship.h"
#include "mj_summary.h"

#include "fuzz_check.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The notes, read from the input's parts by their names. */
static enum mj_read_status read_part(void *ctx, const char *path,
				     size_t limit, char **out, size_t *len)
{
	const struct fuzz_parts *parts = ctx;
	char file[40];

	for (size_t k = 1; k < parts->n; k++) {
		snprintf(file, sizeof(file), "x/2026-02-%02zu.md", k);
		if (strcmp(file, path))
			continue;
		if (parts->len[k] > limit)
			return MJ_READ_TOO_LARGE;
		*out = mj_xstrndup(parts->text[k], parts->len[k]);
		*len = parts->len[k];
		return MJ_READ_OK;
	}
	return MJ_READ_ERROR;
}

/* The deepest nesting of emphasis, strong text, links and images. */
static int inline_depth(const char *xml)
{
	int depth = 0, deepest = 0;

	for (const char *p = xml; (p = strchr(p, '<')); p++) {
		bool closing = p[1] == '/';
		const char *name = p + 1 + closing;
		if (strncmp(name, "emph", 4) && strncmp(name, "strong", 6) &&
		    strncmp(name, "link", 4) && strncmp(name, "image", 5))
			continue;
		depth += closing ? -1 : 1;
		if (depth > deepest)
			deepest = depth;
	}
	return deepest;
}

static bool holds_nocase(const char *text, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = text; *p; p++)
		if (!strncasecmp(p, word, n))
			return true;
	return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mj_relationship rel;
	struct fuzz_parts parts;
	struct mj_source src = { .read = read_part, .ctx = &parts };
	struct mj_summary_options opts = { 20515, size % 2, NULL };
	struct mj_doc *doc;

	fuzz_relationship((const char *)data, size, &rel, &parts);
	doc = mj_summary_build(&rel, &src, &opts);
	for (int f = MJ_DOC_MARKDOWN; f <= MJ_DOC_XML; f++) {
		char *out = mj_doc_render(doc, (enum mj_doc_format)f);
		check(mj_utf8_is_valid(out, strlen(out), NULL));
		if (f == MJ_DOC_XML)
			check(inline_depth(out) <= MJ_DOC_INLINE_DEPTH);
		if (f == MJ_DOC_HTML)
			check(!holds_nocase(out, "<script") &&
			      !holds_nocase(out, "<img") &&
			      !holds_nocase(out, "href=\"javascript:") &&
			      !holds_nocase(out, "src=\"javascript:"));
		free(out);
	}
	mj_doc_free(doc);
	mj_relationship_free(&rel);
	return 0;
}
