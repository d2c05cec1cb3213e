/*
 * closure.c - the closing criteria and the closure's plan.
 */
#include "mj_closure.h"
#include "mj_summary.h"
#include "mj_validate.h"

#include <stdlib.h>
#include <string.h>

void mj_closure_criteria(const struct mj_relationship *rel,
			 const struct mj_closure_request *req,
			 const struct mj_pending *pending, size_t n_pending,
			 struct mj_diags *unmet)
{
	struct mj_validate_options opts = { req->today, true };
	const struct mj_agreement *ag = &rel->agreement;
	char date[MJ_DATE_TEXT_SIZE];
	char *agreement = mj_xasprintf("%s/agreement.ini", rel->slug);
	size_t prefix = strlen(rel->slug);

	mj_date_format(req->date, date);
	if (!req->early)
		mj_validate_relationship(rel, &opts, unmet);
	for (size_t i = unmet->len; i-- > 0;) /* only errors stop a closure */
		if (unmet->items[i].level != MJ_LEVEL_ERROR) {
			free(unmet->items[i].file);
			free(unmet->items[i].message);
			unmet->items[i] = unmet->items[--unmet->len];
		}
	if (ag->started_date != MJ_DATE_NONE && req->date < ag->started_date)
		mj_diags_add(unmet, agreement, ag->started.line, 1, MJ_LEVEL_ERROR,
			     "close", "the closing date %s is before 'started'; "
			     "give a later --date",
			     date);
	for (size_t i = 0; i < rel->n_notes; i++) {
		const struct mj_note *n = &rel->notes[i];
		mj_date d = mj_note_effective_date(n);
		if (d != MJ_DATE_NONE && d > req->date && n->stage != MJ_STAGE_FOLLOW_UP)
			mj_diags_add(unmet, n->file, n->date_line, 1, MJ_LEVEL_ERROR,
				     "close", "a note of stage '%s' after the "
				     "closing date %s; only follow-up notes may come "
				     "after it: close on a later --date, or make "
				     "it a follow-up note",
				     mj_stage_name(n->stage) ? mj_stage_name(n->stage) : "?",
				     date);
	}
	for (size_t i = 0; i < n_pending; i++) {
		const char *path = pending[i].path;
		if (strncmp(path, rel->slug, prefix) || path[prefix] != '/')
			continue;
		mj_diags_add(unmet, path, 0, 0, MJ_LEVEL_ERROR, "close",
			     "is %s but not committed; run mjournal commit first",
			     pending[i].what);
	}
	mj_diags_sort(unmet);
	free(agreement);
}

bool mj_closure_tag_is_stale(const struct mj_agreement *a)
{
	return a->status_value == MJ_STATUS_ACTIVE &&
	       a->reopened_date != MJ_DATE_NONE;
}

void mj_closure_texts(const char *slug, bool early, const char *reason,
		      const char *date, char **message, char **tag_message)
{
	*message = early && reason ?
		mj_xasprintf("%s: close (ended early)\n\n%s\n", slug, reason) :
		early ? mj_xasprintf("%s: close (ended early)\n", slug) :
			mj_xasprintf("%s: close\n", slug);
	*tag_message = early ?
		mj_xasprintf("%s ended early on %s, without fault%s%s\n", slug, date,
			     reason ? ": " : "", reason ? reason : "") :
		mj_xasprintf("%s closed on %s\n", slug, date);
}

static void set_file(struct mj_closure_file *f, char *path, char *text,
		     size_t len, const char *old, size_t old_len)
{
	f->path = path;
	f->text = text;
	f->len = len;
	f->old = old ? mj_xstrndup(old, old_len) : NULL;
	f->old_len = old ? old_len : 0;
}

int mj_closure_plan(struct mj_closure_plan *out, struct mj_relationship *rel,
		    const char *agreement, size_t agreement_len,
		    const char *summary, size_t summary_len,
		    const struct mj_source *src,
		    const struct mj_closure_request *req)
{
	char date[MJ_DATE_TEXT_SIZE], *edited;
	struct mj_doc *doc;
	size_t edited_len;

	memset(out, 0, sizeof(*out));
	mj_date_format(req->date, date);
	edited = mj_agreement_set_closed(agreement, agreement_len, &rel->agreement,
					 req->early ? "ended-early" : "closed",
					 date, &edited_len);
	if (!edited)
		return -1;
	set_file(&out->files[1], mj_xasprintf("%s/agreement.ini", rel->slug),
		 edited, edited_len, agreement, agreement_len);
	/* the summary tells the relationship as closed */
	rel->agreement.status_value = req->early ? MJ_STATUS_ENDED_EARLY :
						   MJ_STATUS_CLOSED;
	rel->agreement.closed_date = req->date;
	doc = mj_summary_build(rel, src, &(struct mj_summary_options){
		req->today, false, req->reason });
	edited = mj_doc_render(doc, MJ_DOC_MARKDOWN);
	mj_doc_free(doc);
	set_file(&out->files[0], mj_xasprintf("%s/summary.md", rel->slug),
		 edited, strlen(edited), summary, summary_len);
	out->tag = mj_xasprintf("%s/closed", rel->slug);
	mj_closure_texts(rel->slug, req->early, req->reason, date, &out->message,
			 &out->tag_message);
	return 0;
}

void mj_closure_plan_free(struct mj_closure_plan *plan)
{
	for (size_t i = 0; i < MJ_ARRAY_SIZE(plan->files); i++) {
		free(plan->files[i].path);
		free(plan->files[i].text);
		free(plan->files[i].old);
	}
	free(plan->message);
	free(plan->tag);
	free(plan->tag_message);
	memset(plan, 0, sizeof(*plan));
}

void mj_closure_undo(const char *root, const struct mj_closure_plan *plan)
{
	for (size_t i = 0; i < MJ_ARRAY_SIZE(plan->files); i++) {
		const struct mj_closure_file *f = &plan->files[i];
		mj_jfs_restore(root, f->path, f->old, f->old_len);
	}
}
