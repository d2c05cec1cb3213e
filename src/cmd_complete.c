/*
 * cmd_complete.c - mjournal __complete: the words a shell may complete,
 * worked out from the command table, so completion never drifts from the
 * options.  bash, zsh and fish call it (completions/).
 *
 * mjournal __complete -- WORD... CURRENT
 *
 * The words are the command line after "mjournal", the last one the word
 * being completed (empty for a new one).  The answer's first line says what
 * kind of completion it is: ":words" (the candidates follow, one a line),
 * ":file" or ":dir" (the shell completes paths itself).  What the line
 * already holds is not offered again: an operand typed before (a
 * relationship named twice means nothing more), an option given once
 * that is not repeated.
 */
#include "mj_cli.h"
#include "mj_commands.h"
#include "mj_git.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * The candidates that start with prefix, one a line, but those typed
 * already (typed may be NULL).  A candidate the visible formatter would
 * change (a name holding a control character) cannot be typed as it is
 * shown: it is left out, never sent raw.
 */
static void words(const char *prefix, const char *lead, const struct mj_strvec *all,
		  const struct mj_strvec *typed)
{
	size_t n = strlen(prefix);

	for (size_t i = 0; i < all->len; i++) {
		char *shown = mj_visible(all->items[i], false);

		if (!strncmp(all->items[i], prefix, n) &&
		    !strcmp(shown, all->items[i]) &&
		    !(typed && mj_strvec_contains(typed, all->items[i])))
			printf("%s%s\n", lead, all->items[i]);
		free(shown);
	}
}

/* People named in the agreements: "Name <email>", or only the names. */
static void people(const struct mj_journal *j, bool names, struct mj_strvec *out)
{
	for (size_t r = 0; r < j->n_relationships; r++) {
		const struct mj_agreement *a = &j->relationships[r].agreement;
		for (size_t k = 0; k <= a->n_mentees; k++) {
			const char *p = k ? a->mentees[k - 1].text : a->mentor.text;
			char name[160];
			if (!p)
				continue;
			if (names)
				p = mj_person_name(p, name, sizeof(name));
			if (!mj_strvec_contains(out, p))
				mj_strvec_push(out, p);
		}
	}
}

/* The dates and file names of the notes of rel, as edit takes them. */
static void notes(const struct mj_relationship *rel, struct mj_strvec *out)
{
	char date[MJ_DATE_TEXT_SIZE];

	for (size_t i = 0; rel && i < rel->n_notes; i++) {
		mj_date_format(mj_note_effective_date(&rel->notes[i]), date);
		if (!mj_strvec_contains(out, date))
			mj_strvec_push(out, date);
		mj_strvec_push(out, rel->notes[i].name);
	}
}

/* Values read from the journal; slug: the relationship MJ_ARG_NOTE is of */
static void journal_values(enum mj_arg kind, const char *slug,
			   struct mj_strvec *out)
{
	struct mj_strvec only = MJ_STRVEC_INIT;
	struct mj_journal j;
	char *root;
	int status;

	if (mj_journal_find_root(".", &root) < 0)
		return;
	free(root);
	if (kind == MJ_ARG_NOTE) {
		if (!slug)
			return;
		mj_strvec_push(&only, slug);
	}
	status = mj_cli_load(&j, &only, 0);
	mj_strvec_free(&only);
	if (status != MJ_EXIT_OK)
		return;
	if (kind == MJ_ARG_NOTE) {
		notes(mj_journal_find(&j, slug), out);
		mj_journal_free(&j);
		return;
	}
	if (kind == MJ_ARG_PERSON || kind == MJ_ARG_NAME) {
		people(&j, kind == MJ_ARG_NAME, out);
		mj_strvec_sort(out);
	}
	for (size_t r = 0; kind != MJ_ARG_PERSON && kind != MJ_ARG_NAME &&
	     r < j.n_relationships; r++) {
		const struct mj_agreement *a = &j.relationships[r].agreement;
		if (kind == MJ_ARG_SLUG ||
		    (a->present && a->status_value == MJ_STATUS_ACTIVE))
			mj_strvec_push(out, j.relationships[r].slug);
	}
	mj_journal_free(&j);
}

/*
 * The values of kind starting with prefix, each after lead ("--date="),
 * but those in typed (may be NULL); slug: the relationship an
 * MJ_ARG_NOTE is of.
 */
static void values(enum mj_arg kind, const char *choices, const char *prefix,
		   const char *lead, const char *slug, const struct mj_strvec *typed)
{
	struct mj_strvec all = MJ_STRVEC_INIT;
	char date[MJ_DATE_TEXT_SIZE];
	mj_date today;

	switch (kind) {
	case MJ_ARG_FILE:
		puts(":file");
		return;
	case MJ_ARG_DIR:
		puts(":dir");
		return;
	case MJ_ARG_CHOICE:
		for (const char *p = choices; *p;) {
			size_t len = strcspn(p, " ");
			mj_strvec_push_owned(&all, mj_xstrndup(p, len));
			p += len + (p[len] == ' ');
		}
		break;
	case MJ_ARG_DATE:
		if (mj_date_today(&today) == 0)
			mj_strvec_push(&all, mj_date_format(today, date));
		break;
	case MJ_ARG_SLUG:
	case MJ_ARG_ACTIVE:
	case MJ_ARG_PERSON:
	case MJ_ARG_NAME:
	case MJ_ARG_NOTE:
		journal_values(kind, slug, &all);
		break;
	case MJ_ARG_REMOTE:
		mj_git_remote_names(".", &all);
		break;
	case MJ_ARG_COMMAND:
		for (size_t i = 0; mj_commands[i]; i++)
			if (!mj_commands[i]->hidden)
				mj_strvec_push(&all, mj_commands[i]->name);
		break;
	case MJ_ARG_NONE:
	case MJ_ARG_TEXT:
		break;
	}
	puts(":words");
	words(prefix, lead, &all, typed);
	mj_strvec_free(&all);
}

/* The options of cmd starting with prefix, but those given (given[k]
 * for cmd->options[k]) that are not repeated */
static void options(const struct mj_command *cmd, const char *prefix,
		    const bool *given)
{
	struct mj_strvec all = MJ_STRVEC_INIT;
	size_t k = 0;

	for (const struct mj_option *o = cmd->options; o->name; o++, k++)
		if (k >= MJ_MAX_OPTIONS || !given[k] || (o->flags & MJ_OPT_REPEAT))
			mj_strvec_push_owned(&all, mj_xasprintf("--%s", o->name));
	mj_strvec_push(&all, "--help");
	mj_strvec_push(&all, "-C");
	puts(":words");
	words(prefix, "", &all, NULL);
	mj_strvec_free(&all);
}

/* The option a word names ("--date", "-o", "--date=..."), or NULL. */
static const struct mj_option *named(const struct mj_command *cmd,
				     const char *word)
{
	if (word[0] != '-')
		return NULL;
	if (word[1] != '-') {
		for (const struct mj_option *o = cmd->options; o->name; o++)
			if (o->short_name == word[1] && !word[2])
				return o;
		return word[1] == 'C' && !word[2] ?
		       mj_command_option(cmd, "C") : NULL;
	}
	for (const struct mj_option *o = cmd->options; o->name; o++) {
		size_t n = strlen(o->name);
		if (!strncmp(word + 2, o->name, n) && (!word[2 + n] || word[2 + n] == '='))
			return o;
	}
	return NULL;
}

static int run(struct mj_ctx *ctx)
{
	const struct mj_strvec *w = &ctx->args.operands;
	const struct mj_command *cmd = NULL;
	const char *cur = w->len ? w->items[w->len - 1] : "";
	struct mj_strvec typed = MJ_STRVEC_INIT; /* the operands before cur */
	bool given[MJ_MAX_OPTIONS] = { false };
	enum mj_arg kind;
	bool after_slugs;
	size_t i = 0;

	/* mjournal's own options, then the command */
	for (; i + 1 < w->len && !cmd; i++) {
		if (!strcmp(w->items[i], "-C") && i + 2 < w->len) {
			if (chdir(w->items[++i]) < 0)
				return MJ_EXIT_OK;
		} else if (w->items[i][0] != '-') {
			cmd = mj_cli_command(w->items[i]);
			if (!cmd)
				return MJ_EXIT_OK;
		}
	}
	if (!cmd) {
		if (i && !strcmp(w->items[i - 1], "-C")) {
			puts(":dir");
		} else if (cur[0] == '-') {
			struct mj_strvec global = MJ_STRVEC_INIT;
			mj_strvec_push(&global, "-C");
			mj_strvec_push(&global, "--help");
			mj_strvec_push(&global, "--no-pager");
			mj_strvec_push(&global, "--version");
			puts(":words");
			words(cur, "", &global, NULL);
			mj_strvec_free(&global);
		} else {
			values(MJ_ARG_COMMAND, NULL, cur, "", NULL, NULL);
		}
		return MJ_EXIT_OK;
	}
	for (; i + 1 < w->len; i++) {
		const struct mj_option *o = named(cmd, w->items[i]);
		if (!strcmp(w->items[i], "-C"))
			o = mj_command_option(cmd, "C");
		for (size_t k = 0; o && k < MJ_MAX_OPTIONS && cmd->options[k].name; k++)
			if (&cmd->options[k] == o)
				given[k] = true;
		if (o && o->kind != MJ_ARG_NONE && !strchr(w->items[i], '=')) {
			if (i + 2 == w->len) { /* cur is this option's value */
				values(o->kind, o->choices, cur, "", NULL, NULL);
				goto done;
			}
			i++;
		} else if (!o && w->items[i][0] != '-') {
			mj_strvec_push(&typed, w->items[i]);
		}
	}
	/* the slugs first, then (edit) what names one of its notes */
	after_slugs = cmd->slug_operands && typed.len >= cmd->slug_operands;
	kind = after_slugs ? cmd->rest_kind : cmd->operand_kind;
	if (cur[0] == '-' && cur[1] == '-' && strchr(cur, '=')) {
		const struct mj_option *o = named(cmd, cur);
		char *lead = mj_xstrndup(cur, (size_t)(strchr(cur, '=') - cur) + 1);
		if (o && o->kind != MJ_ARG_NONE)
			values(o->kind, o->choices, strchr(cur, '=') + 1, lead,
			       NULL, NULL);
		free(lead);
	} else if (cur[0] == '-') {
		options(cmd, cur, given);
	} else if (typed.len < cmd->max_operands && kind != MJ_ARG_NONE) {
		values(kind, cmd->operand_choices, cur, "",
		       after_slugs ? typed.items[cmd->slug_operands - 1] : NULL,
		       &typed);
	}
done:
	mj_strvec_free(&typed);
	return MJ_EXIT_OK;
}

const struct mj_command mj_cmd_complete = {
	.name = "__complete",
	.summary = "The words a shell may complete (for completions/).",
	.operand = "WORD", .operand_kind = MJ_ARG_TEXT,
	.min_operands = 0, .max_operands = UINT_MAX,
	.options = mj_no_options,
	.run = run,
	.hidden = true,
};
