/*
 * cmd_note.c - mjournal note: write a session note in the user's editor.
 *
 * The note is created from the stage's template without ever replacing a
 * file, opened in $VISUAL / $EDITOR / vi, checked when the editor exits and
 * committed when it has no errors.  A note left as the template made it is
 * removed: there was nothing to keep.
 */
#include "mj_actions.h"
#include "mj_cli.h"
#include "mj_commands.h"
#include "mj_git.h"
#include "mj_lock.h"
#include "mj_template.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

struct note_args {
	const char *slug;
	mj_date date;
	enum mj_stage stage;
	const char *title;
	bool edit;
	const char *attendance; /* as given, or NULL */
	const char *duration;
};

/* Reads and checks the arguments; 0, or -1 after saying what is wrong. */
static int parse_args(const struct mj_ctx *ctx, struct note_args *a)
{
	const struct mj_args *args = &ctx->args;
	const char *stage = mj_arg_value(args, "stage");
	int minutes;

	a->slug = args->operands.items[0];
	a->date = mj_arg_date(args, "date", ctx->today);
	a->stage = stage ? mj_stage_from_name(stage) : MJ_STAGE_NONE;
	a->title = mj_arg_value(args, "title");
	a->edit = !mj_arg_given(args, "no-edit");
	a->attendance = mj_arg_value(args, "attendance");
	a->duration = mj_arg_value(args, "duration");
	if (a->duration && mj_duration_parse(&minutes, a->duration) < 0)
		return mj_cli_error("--duration '%s' is not minutes or hours; "
				    "write it like 45m, 1h, 1.5h or 1h30m",
				    a->duration);
	if (a->duration && a->attendance && strcasecmp(a->attendance, "held"))
		return mj_cli_error("--duration goes with a held session, not "
				    "with --attendance %s; leave --duration out",
				    a->attendance);
	for (const char *p = a->title; p && *p; p++)
		if ((unsigned char)*p < 0x20)
			return mj_cli_error("--title must be one line of "
					    "text; leave the line breaks out");
	return 0;
}

/* The new note's file name: DATE[-title-words].md, never one that exists
 * in the relationship's folder (slug, under root). */
static char *note_name(const char *root, const char *slug,
		       const struct note_args *a)
{
	char date[MJ_DATE_TEXT_SIZE];
	char *words = a->title ? mj_slugify(a->title, 48) : NULL;
	char *base;

	mj_date_format(a->date, date);
	base = words && *words ? mj_xasprintf("%s-%s", date, words) :
				 mj_xstrdup(date);
	free(words);
	for (int n = 1;; n++) {
		char *name = n == 1 ? mj_xasprintf("%s.md", base) :
			     n == 2 && !a->title ?
			     mj_xasprintf("%s-%s.md", base, mj_stage_name(a->stage)) :
			     mj_xasprintf("%s-%d.md", base, n);
		char *path = mj_path_join(slug, name);
		enum mj_file_kind kind;
		bool taken = mj_jfs_kind(root, path, &kind) == 0;

		free(path);
		if (!taken) {
			free(base);
			return name;
		}
		free(name);
	}
}

static const char *default_title(enum mj_stage stage)
{
	switch (stage) {
	case MJ_STAGE_PREPARING:
		return "Preparing";
	case MJ_STAGE_NEGOTIATING:
		return "Agreeing goals and terms";
	case MJ_STAGE_CLOSING:
		return "Closing";
	case MJ_STAGE_FOLLOW_UP:
		return "Follow-up";
	default:
		return "Session";
	}
}

/*
 * Sets key's line in the front matter to "key: value", or removes it when
 * value is NULL; text without the key is left as it is.
 */
static void set_front_matter(char *text, const char *key, const char *value,
			     struct mj_buf *out)
{
	size_t klen = strlen(key);
	const char *p = text, *end = strstr(text + 3, "\n---");

	for (; *p; ) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p + 1) : strlen(p);
		if (end && p < end && !strncmp(p, key, klen) && p[klen] == ':') {
			if (value)
				mj_buf_addf(out, "%s: %s\n", key, value);
		} else {
			mj_buf_add(out, p, len);
		}
		p += len;
	}
}

/* The template's attendance and duration as the user said them: with
 * --no-edit, nothing is written that was not said. */
static char *attendance_lines(char *text, const struct note_args *a)
{
	struct mj_buf out = MJ_BUF_INIT;
	const char *attendance = a->attendance;
	bool no_meeting;

	if (!attendance && !a->duration && a->edit)
		return text; /* the editor shows the template's defaults */
	if (!attendance && a->duration)
		attendance = "held";
	no_meeting = attendance && strcasecmp(attendance, "held");
	if (attendance) {
		mj_buf_adds(&out, "");
		set_front_matter(text, "attendance", attendance, &out);
		free(text);
		text = mj_buf_detach(&out);
	}
	/* a duration only when told; a meeting that did not happen lasts
	 * nothing */
	if (a->duration || no_meeting || !a->edit) {
		mj_buf_adds(&out, "");
		set_front_matter(text, "duration", no_meeting ? NULL : a->duration,
				 &out);
		free(text);
		text = mj_buf_detach(&out);
	}
	return text;
}

/*
 * What the new note carries from the relationship: the open actions of
 * earlier notes, to be ticked in this one ({{open_actions}}, list items),
 * and the agreement's goals to review ({{goals}}, inside the template's
 * comment so that a goal nobody reviewed is not taken for an outcome).
 * Private notes give nothing: the new note is not private.  An action is
 * carried as its note has it (an entity stays an entity); one that cannot
 * be read so is not carried.
 */
static void carried(const char *root, const struct mj_relationship *rel,
		    struct mj_buf *actions, struct mj_buf *goals)
{
	struct mj_relationship shared;
	struct mj_action_list list;

	mj_buf_adds(actions, "");
	mj_buf_adds(goals, "");
	mj_relationship_view(rel, false, &shared);
	mj_actions_track(&shared, &list);
	for (size_t i = 0; i < list.len; i++) {
		if (list.items[i].action->state != MJ_ACTION_OPEN)
			continue;
		char *line = mj_journal_action_line(root, list.items[i].note,
						    list.items[i].action,
						    MJ_ACTION_OPEN);
		if (line)
			mj_buf_addf(actions, "%s\n", line);
		free(line);
	}
	mj_action_list_free(&list);
	mj_relationship_view_free(&shared);
	for (size_t i = 0; i < rel->agreement.n_goals; i++) {
		const char *g = rel->agreement.goals[i].text;
		mj_buf_adds(goals, "\n- ");
		for (; *g; g++) /* "--" would end the comment */
			if (g[0] == '-' && g[1] == '-')
				mj_buf_adds(goals, "- ");
			else
				mj_buf_add(goals, g, 1);
	}
}

static char *note_text(const char *root, const char *template,
		       const struct mj_relationship *rel, const struct note_args *a)
{
	char date[MJ_DATE_TEXT_SIZE];
	struct mj_buf mentees = MJ_BUF_INIT, actions = MJ_BUF_INIT;
	struct mj_buf goals = MJ_BUF_INIT;
	char *text;

	for (size_t i = 0; i < rel->agreement.n_mentees; i++)
		mj_buf_addf(&mentees, "%s%s", i ? ", " : "",
			    rel->agreement.mentees[i].text);
	carried(root, rel, &actions, &goals);
	text = mj_template_fill(template ? template : "", (const char *const[]){
		"date", mj_date_format(a->date, date),
		"stage", mj_stage_name(a->stage),
		"title", a->title ? a->title : default_title(a->stage),
		"slug", rel->slug,
		"mentor", rel->agreement.mentor.text ? rel->agreement.mentor.text : "",
		"mentees", mentees.ptr ? mentees.ptr : "",
		"open_actions", actions.ptr,
		"goals", goals.ptr,
		NULL });
	mj_buf_free(&mentees);
	mj_buf_free(&actions);
	mj_buf_free(&goals);
	return attendance_lines(text, a);
}

/*
 * Runs the user's editor on path, as git does: the value of $VISUAL, else
 * $EDITOR, else vi, given to the shell so that it may hold arguments.
 */
static int run_editor(const char *path)
{
	const char *editor = getenv("VISUAL");
	pid_t pid;
	int wstatus;

	if (!editor || !*editor)
		editor = getenv("EDITOR");
	if (!editor || !*editor)
		editor = "vi";
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return mj_cli_error("cannot start the editor: %s", strerror(errno));
	if (pid == 0) {
		char *script = mj_xasprintf("%s \"$@\"", editor);
		execl("/bin/sh", "sh", "-c", script, editor, path, (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &wstatus, 0) < 0)
		if (errno != EINTR)
			return mj_cli_error("cannot wait for the editor: %s",
					    strerror(errno));
	if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0)
		return mj_cli_error("the editor '%s' did not exit cleanly; "
				    "set EDITOR to one that works", editor);
	return 0;
}

/* Prints the diagnostics about file; returns how many are errors. */
static size_t report_note(const struct mj_journal *journal, const char *slug,
			  const char *file, mj_date today)
{
	struct mj_journal fresh;
	struct mj_source src;
	struct mj_strvec only = MJ_STRVEC_INIT;
	struct mj_diags diags = MJ_DIAGS_INIT;
	struct mj_validate_options opts = { today, false };
	bool color = mj_cli_color(stdout);
	size_t errors = 0;

	mj_strvec_push(&only, slug);
	mj_source_init_fs(&src, journal->root);
	if (mj_journal_load(&fresh, journal->root, &src, &only, MJ_LOAD_TEXT) == 0) {
		for (size_t i = 0; i < fresh.n_relationships; i++)
			mj_validate_relationship(&fresh.relationships[i], &opts,
						 &diags);
		mj_diags_sort(&diags);
		for (size_t i = 0; i < diags.len; i++) {
			if (strcmp(diags.items[i].file, file))
				continue;
			mj_diag_print(stdout, &diags.items[i], color);
			errors += diags.items[i].level == MJ_LEVEL_ERROR;
		}
	}
	mj_journal_free(&fresh);
	mj_source_free_fs(&src);
	mj_diags_free(&diags);
	mj_strvec_free(&only);
	return errors;
}

static int commit_note(struct mj_journal *journal, const char *file,
		       bool private, const char *message, bool *committed)
{
	struct mj_repo *repo = NULL;
	struct mj_strvec paths = MJ_STRVEC_INIT, tracked = MJ_STRVEC_INIT;
	int lock, rc = 0;

	*committed = false;
	if (mj_cli_lock(journal, &lock) < 0)
		return -1;
	mj_strvec_push(&paths, file);
	if (mj_git_open(&repo, journal->root) == 0 && private &&
	    mj_git_tracked_forbidden(repo, &paths, &tracked) == 0 &&
	    !mj_strvec_contains(&tracked, file)) {
		/* a private note git never had: nothing to commit, as
		 * intended (one git has is taken out of it below) */
	} else if (!repo ||
		   mj_git_commit_paths(repo, &paths, message,
				       journal->config.owner.text, committed) < 0) {
		mj_cli_error("%s", mj_git_error());
		mj_cli_hint("your note is kept in %s; run mjournal commit when "
			    "the problem is solved", file);
		rc = -1;
	}
	mj_lock_release_journal(lock);
	mj_git_free(repo);
	mj_strvec_free(&paths);
	mj_strvec_free(&tracked);
	return rc;
}

/* The template of stage (mj_cli_template); -1 after saying why not. */
static int stage_template(const char *root, enum mj_stage stage, char **out)
{
	char *name = mj_xasprintf("%s.md", mj_stage_name(stage));
	int rc = mj_cli_template(root, name, out);

	free(name);
	return rc;
}

/* Does the stage's template ask for attendance (a meeting, not a reflection). */
static bool meeting_template(const char *template)
{
	return template && strstr(template, "\nattendance:");
}

/* The stage written in the note file (under root), or "no stage". */
static const char *written_stage(const char *root, const char *file)
{
	struct mj_note note;
	char *text;
	size_t len;
	enum mj_stage stage = MJ_STAGE_NONE;

	if (mj_jfs_read(root, file, MJ_FILE_SIZE_LIMIT, &text, &len) == MJ_READ_OK) {
		mj_note_parse(&note, file, strrchr(file, '/') + 1, text, len);
		if (note.stage != MJ_STAGE_NONE)
			stage = note.stage;
		mj_note_free(&note);
		free(text);
	}
	return stage == MJ_STAGE_NONE ? "no stage" : mj_stage_name(stage);
}

/*
 * What HEAD holds of file (relative to root) now; found false when it
 * cannot be read, which no later reading can tell apart from its absence:
 * an edit is then kept as the editor saved it.
 */
static void head_text(const char *root, const char *file, struct mj_text *out)
{
	struct mj_repo *repo = NULL;

	memset(out, 0, sizeof(*out));
	if (mj_git_open(&repo, root) < 0 || mj_git_head_text(repo, file, out) < 0)
		mj_text_free(out);
	mj_git_free(repo);
}

/*
 * The editor has exited on file, opened with the text before while HEAD
 * held opened.  When HEAD holds another version now (a sync brought in
 * the other side's lines while the editor was open, and the editor saved
 * its old buffer over them), what the editor saved is merged with HEAD's
 * version from before, as git merges a file, and written back: a stale
 * buffer is never committed over somebody's words.  0 when the file may
 * be checked and committed, else the exit status after saying why not.
 */
static int merge_underneath(const char *root, const char *file,
			    const char *before, const struct mj_text *opened)
{
	struct mj_text now, base = { mj_xstrdup(before), strlen(before), true };
	struct mj_text saved = { NULL, 0, false }, merged = { NULL, 0, false };
	bool clean = false;
	int status = 0;

	head_text(root, file, &now);
	if (mj_text_equal(opened, &now))
		goto done;
	saved.found = mj_jfs_read(root, file, MJ_FILE_SIZE_LIMIT, &saved.text,
				  &saved.len) == MJ_READ_OK;
	if (!now.found) {
		mj_cli_tell("%s was deleted in the journal while it was open "
			    "(by a sync); %s, not committed: run mjournal "
			    "commit to keep it, or delete it", file,
			    saved.found ? "your text is kept in it" :
					  "nothing is left of it");
		status = MJ_EXIT_FAILED;
		goto done;
	}
	if (mj_git_merge_text(file, &base, &saved, "your edit", &now,
			      "the journal now", &merged, &clean) < 0 ||
	    mj_jfs_write(root, file, merged.text, merged.len,
			 MJ_WRITE_REPLACE) < 0) {
		mj_cli_error("%s changed in the journal while it was open and "
			     "cannot be merged with your edit: %s", file,
			     mj_git_error());
		status = MJ_EXIT_FAILED;
		goto done;
	}
	if (clean) {
		mj_cli_tell("%s changed in the journal while it was open "
			    "(a sync brought in other lines): your edit is "
			    "merged with them", file);
		goto done;
	}
	mj_cli_tell("%s changed in the journal while it was open, and you "
		    "changed the same lines: both versions are in the file "
		    "between <<<<<<< and >>>>>>> lines, not committed; keep what "
		    "you want, delete the marker lines, then run mjournal "
		    "commit", file);
	status = MJ_EXIT_FAILED;
done:
	mj_text_free(&base);
	mj_text_free(&now);
	mj_text_free(&saved);
	mj_text_free(&merged);
	return status;
}

/*
 * Is the note at file, which git has never committed, byte for byte what
 * a template made: what was written just now (before, when made_now), or
 * what note remembered writing (mj_template_remember), whatever title or
 * options made it.  Such a note is removed, never committed.
 */
static bool left_as_made(const char *root, const char *file, const char *before,
			 bool made_now)
{
	char *text = NULL;
	size_t len = 0;
	bool as_made = false;

	if (mj_jfs_read(root, file, MJ_FILE_SIZE_LIMIT, &text, &len) == MJ_READ_OK)
		as_made = (made_now && len == strlen(before) &&
			   !memcmp(text, before, len)) ||
			  mj_template_is_as_made(root, file, text, len);
	free(text);
	return as_made;
}

static void remove_as_made(const char *root, const char *file)
{
	mj_jfs_remove(root, file);
	mj_template_forget(root, file);
	mj_cli_print(stdout, "%s was left as the template made it: removed, "
		     "nothing committed\n", file);
}

/*
 * The note at file (its text before the editor: before) opened in the
 * editor when edit, then checked, then committed with message when it has
 * no errors.  A note git never committed that is left as a template made
 * it is removed, however the editor ended.  Returns the exit status.
 */
static int write_session(struct mj_ctx *ctx, const char *slug, const char *file,
			 const char *before, bool edit, bool made_now,
			 const char *message)
{
	struct mj_journal *journal = &ctx->journal;
	char *path = mj_path_join(journal->root, file), *after = NULL;
	size_t after_len = 0;
	bool committed = false, in_head = false, private;
	int status = MJ_EXIT_USAGE;

	if (edit) {
		struct mj_text opened;
		int merged;

		head_text(journal->root, file, &opened);
		in_head = opened.found;
		if (run_editor(path) != 0) {
			if (!in_head && left_as_made(journal->root, file, before,
						     made_now))
				remove_as_made(journal->root, file);
			else
				mj_cli_hint("the note is kept in %s; edit it and "
					    "run mjournal commit", file);
			mj_text_free(&opened);
			goto done;
		}
		merged = merge_underneath(journal->root, file, before, &opened);
		mj_text_free(&opened);
		if (merged) {
			status = merged;
			goto done;
		}
		if (!in_head && left_as_made(journal->root, file, before, made_now)) {
			remove_as_made(journal->root, file);
			status = MJ_EXIT_OK;
			goto done;
		}
	}
	if (report_note(journal, slug, file, ctx->today)) {
		mj_cli_print(stdout, "%s is kept but not committed: fix the "
			     "errors above, then run mjournal commit\n", file);
		status = MJ_EXIT_FAILED;
		goto done;
	}
	/* judged as the editor left it; a note that cannot be read is
	 * not known public */
	if (mj_jfs_read(journal->root, file, MJ_FILE_SIZE_LIMIT, &after,
			&after_len) != MJ_READ_OK)
		after = NULL;
	private = mj_note_text_is_private(file, after, after_len);
	if (journal->config.autocommit &&
	    commit_note(journal, file, private, message, &committed) < 0)
		goto done;
	if (committed)
		mj_template_forget(journal->root, file);
	/* the stage the note holds, as the user left it */
	if (private && !committed)
		mj_cli_print(stdout, "%s is private: kept in the journal, never "
			     "committed\n", file);
	else if (private)
		mj_cli_print(stdout, "%s is private now: taken out of git, kept "
			     "in the journal\n", file);
	else if (committed || !journal->config.autocommit)
		mj_cli_print(stdout, "%s %s (%s)\n",
			     committed ? "Committed" : "Wrote", file,
			     written_stage(journal->root, file));
	else
		mj_cli_print(stdout, "%s is as it was committed: nothing to "
			     "commit\n", file);
	status = MJ_EXIT_OK;
done:
	free(path);
	free(after);
	return status;
}

/*
 * A note of slug that git has never seen (new, not private) and that is
 * dated date (any date when MJ_DATE_NONE): the latest such, or NULL.
 */
static char *uncommitted_note(const char *root, const char *slug, mj_date date)
{
	struct mj_repo *repo = NULL;
	struct mj_changes changes = { NULL, 0, 0 };
	char *found = NULL;
	size_t slen = strlen(slug);

	if (mj_git_open(&repo, root) == 0 && mj_git_status(repo, NULL, &changes) == 0)
		for (size_t i = 0; i < changes.len; i++) {
			const char *path = changes.items[i].path;
			mj_date d;
			if (changes.items[i].kind != MJ_CHANGE_NEW ||
			    strncmp(path, slug, slen) || path[slen] != '/' ||
			    strchr(path + slen + 1, '/') ||
			    !mj_note_name_parse(path + slen + 1, &d) ||
			    (date != MJ_DATE_NONE && d != date))
				continue;
			free(found);
			found = mj_xstrdup(path);
		}
	mj_changes_free(&changes);
	mj_git_free(repo);
	return found;
}

/* Opens the note at file again, then checks and commits it ("SLUG: what DATE"). */
static int reopen_note(struct mj_ctx *ctx, const char *slug, const char *file,
		       const char *what)
{
	char *before = NULL, *message, date[MJ_DATE_TEXT_SIZE] = "";
	size_t len;
	mj_date d;
	int status;

	if (mj_jfs_read(ctx->journal.root, file, MJ_FILE_SIZE_LIMIT, &before,
			&len) != MJ_READ_OK)
		return mj_cli_journal_error(ctx->journal.root, file, MJ_KIND_FILE,
					    "read");
	if (mj_note_name_parse(strrchr(file, '/') + 1, &d))
		mj_date_format(d, date);
	message = mj_xasprintf("%s: %s %s\n", slug, what, date);
	status = write_session(ctx, slug, file, before, true, false, message);
	free(message);
	free(before);
	return status;
}

static int run(struct mj_ctx *ctx)
{
	struct note_args a = { NULL, MJ_DATE_NONE, MJ_STAGE_NONE, NULL, true, NULL, NULL };
	struct mj_journal *journal = &ctx->journal;
	struct mj_relationship *rel;
	char *name = NULL, *file = NULL, *template = NULL;
	char *text = NULL, *message = NULL, date[MJ_DATE_TEXT_SIZE];
	mj_date today = ctx->today;
	int status;

	if (parse_args(ctx, &a) != 0)
		return MJ_EXIT_USAGE;
	status = MJ_EXIT_USAGE;
	rel = mj_journal_find(journal, a.slug);
	if (!rel || !rel->agreement.present) {
		mj_cli_error("'%s' has no agreement.ini; start relationships with "
			     "mjournal new", a.slug);
		goto done;
	}
	if (a.stage == MJ_STAGE_NONE)
		a.stage = mj_cycle_next_stage(rel, today);
	if (stage_template(journal->root, a.stage, &template) < 0)
		goto done;
	if (!a.edit && !a.attendance && !a.duration && meeting_template(template)) {
		mj_cli_error("--no-edit writes only what it is told: say what "
			     "happened, like --attendance held --duration 60m, "
			     "or --attendance no-show");
		goto done;
	}

	if (a.edit && !mj_arg_given(&ctx->args, "new") &&
	    (file = uncommitted_note(journal->root, a.slug,
				     mj_arg_given(&ctx->args, "date") ?
				     a.date : MJ_DATE_NONE))) {
		mj_cli_print(stdout, "%s is not committed yet: opening it again "
			     "(mjournal note --new makes another note)\n", file);
		status = reopen_note(ctx, a.slug, file, "add session");
		goto done;
	}
	name = note_name(journal->root, a.slug, &a);
	file = mj_path_join(a.slug, name);
	text = note_text(journal->root, template ? template : "", rel, &a);
	/* remembered first: a note is never there unknown as a template's */
	if (a.edit)
		mj_template_remember(journal->root, file, text, strlen(text));
	if (mj_jfs_write(journal->root, file, text, strlen(text),
			 MJ_WRITE_NEW) < 0) {
		mj_cli_journal_error(journal->root, file, MJ_KIND_FILE, "write");
		goto done;
	}
	message = mj_xasprintf("%s: add session %s\n", a.slug,
			       mj_date_format(a.date, date));
	status = write_session(ctx, a.slug, file, text, a.edit, true, message);
done:
	free(name);
	free(file);
	free(template);
	free(text);
	free(message);
	return status;
}

static const struct mj_option options[] = {
	{ "date", 0, MJ_ARG_DATE, "DATE", NULL,
	  "the session's date (default: today)", 0 },
	{ "stage", 0, MJ_ARG_CHOICE, "STAGE",
	  "preparing negotiating enabling closing follow-up",
	  "preparing, negotiating, enabling, closing or follow-up (default: the "
	  "cycle's next stage)", 0 },
	{ "title", 0, MJ_ARG_TEXT, "WORDS", NULL,
	  "the note's title, also used in its file name", 0 },
	{ "attendance", 0, MJ_ARG_CHOICE, "ATTENDANCE",
	  "held no-show rescheduled cancelled",
	  "held, no-show, rescheduled or cancelled: what happened", 0 },
	{ "duration", 0, MJ_ARG_TEXT, "DURATION",
	  NULL, "how long a held session lasted, like 45m, 1h or 1h30m", 0 },
	{ "no-edit", 0, MJ_ARG_NONE, NULL, NULL,
	  "write the note without opening an editor (say what happened with "
	  "--attendance)", 0 },
	{ "new", 0, MJ_ARG_NONE, NULL, NULL,
	  "make a new note even when one is not committed yet (else that one "
	  "is opened again)", 0 },
	MJ_OPTIONS_END,
};

/* the lock is taken only to commit: the editor may stay open for hours */
const struct mj_command mj_cmd_note = {
	.name = "note",
	.summary = "Write a session note from the stage's template in your "
		   "editor, check it, commit it.",
	.operand = "SLUG", .operand_kind = MJ_ARG_SLUG,
	.min_operands = 1, .max_operands = 1,
	.options = options,
	.needs = MJ_NEED_TODAY | MJ_NEED_MODEL | MJ_NEED_TEXT,
	.run = run,
};

/*
 * The notes of rel that which names, in order: a date as people say it
 * (every note of that day), a file name or path (that note); the latest
 * note when which is NULL.  *n gets how many; caller frees the array.
 */
static const struct mj_note **find_notes(const struct mj_relationship *rel,
					 const char *which, mj_date today,
					 size_t *n)
{
	const struct mj_note **found = mj_xcalloc(rel->n_notes + 1,
						  sizeof(*found));
	mj_date date;
	bool is_date = which && !mj_str_ends_with(which, ".md") &&
		       mj_date_parse_spoken(&date, which, today) == 0;
	const char *base = which && strrchr(which, '/') ? strrchr(which, '/') + 1 :
			   which;

	*n = 0;
	for (size_t i = 0; i < rel->n_notes; i++) {
		const struct mj_note *note = &rel->notes[i];
		if (!which) {
			found[0] = note; /* the last one is the latest */
			*n = 1;
		} else if (is_date ? mj_note_effective_date(note) == date :
			 !strcmp(note->name, base))
			found[(*n)++] = note;
	}
	return found;
}

/* Two notes or more that day: git's way with an ambiguous name. */
static int ambiguous(const char *slug, const char *which,
		     const struct mj_note **notes, size_t n)
{
	char day[MJ_DATE_TEXT_SIZE];

	mj_cli_error("'%s' is ambiguous: %s has %zu notes on %s", which, slug,
		     n, mj_date_format(mj_note_effective_date(notes[0]), day));
	mj_cli_hint("the candidates are:");
	for (size_t i = 0; i < n; i++)
		mj_cli_hint("  %s", notes[i]->name);
	mj_cli_hint("name one by its file: mjournal edit %s %s", slug,
		    notes[n - 1]->name);
	return MJ_EXIT_USAGE;
}

static int run_edit(struct mj_ctx *ctx)
{
	const char *slug = ctx->args.operands.items[0];
	const char *which = ctx->args.operands.len > 1 ?
			    ctx->args.operands.items[1] : NULL;
	const struct mj_relationship *rel = mj_journal_find(&ctx->journal, slug);
	size_t n = 0;
	const struct mj_note **notes = rel ? find_notes(rel, which, ctx->today,
							&n) : NULL;
	const struct mj_note *note = n == 1 ? notes[0] : NULL;
	int status;

	if (n > 1) {
		status = ambiguous(slug, which, notes, n);
		free(notes);
		return status;
	}
	free(notes);
	if (!note) {
		if (which)
			return mj_cli_error("%s has no note '%s'; mjournal log %s "
					    "lists its notes", slug, which, slug);
		return mj_cli_error("%s has no note yet; write one with mjournal "
				    "note %s", slug, slug);
	}
	return reopen_note(ctx, slug, note->file, "edit session");
}

/* the lock is taken only to commit, as for note */
const struct mj_command mj_cmd_edit = {
	.name = "edit",
	.summary = "Open a note again in your editor (the latest, or the one "
		   "a date or file name gives), check it, commit it.",
	.operand = "SLUG [DATE|FILE]", .operand_kind = MJ_ARG_SLUG,
	.min_operands = 1, .max_operands = 2, .slug_operands = 1,
	.rest_kind = MJ_ARG_NOTE,
	.options = mj_no_options,
	.needs = MJ_NEED_TODAY | MJ_NEED_MODEL | MJ_NEED_TEXT,
	.run = run_edit,
};
