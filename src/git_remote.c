/*
 * git_remote.c - sharing the journal through git remotes, with libgit2:
 * fetch, integrate (fast-forward or a real merge), push.
 *
 * Part of the git module (it includes <git2.h> like git.c and shares its
 * private declarations in git_private.h).
 */
#include "git_private.h"
#include "mj_out.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* ---- a watchdog: no network operation waits for ever ---- */

/*
 * libgit2 (1.5) has no network timeouts of its own.  An alarm interrupts
 * a connect() or recv() that waits too long (the handler is installed
 * without SA_RESTART, so the call fails with EINTR and the operation
 * stops with an error); every sign of progress winds it again.  It times
 * silence, not work: when the alarm finds that mjournal itself was busy
 * for most of the wait (libgit2 indexing or packing what did arrive), the
 * remote did answer, and the alarm is wound again.  The lock is released
 * when the command ends, as always.
 */
static volatile sig_atomic_t timed_out, watching;
static volatile sig_atomic_t wound_cpu_ms; /* CPU time when last wound */
static volatile sig_atomic_t timeout_s;    /* network_timeout(), read once */
static struct sigaction saved_alarm;

static unsigned network_timeout(void)
{
	const char *env = getenv("MJOURNAL_NETWORK_TIMEOUT");
	long n = env && *env ? atol(env) : 0;

	return n > 0 ? (unsigned)n : 60;
}

/* The process's CPU time in milliseconds (async-signal-safe). */
static sig_atomic_t cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (sig_atomic_t)(ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

static void wind(void)
{
	wound_cpu_ms = cpu_ms();
	alarm((unsigned)timeout_s);
}

static void on_alarm(int sig)
{
	sig_atomic_t now = cpu_ms();

	(void)sig;
	if ((long)(now - wound_cpu_ms) * 2 >= (long)timeout_s * 1000) {
		wind(); /* working, not waiting */
		return;
	}
	timed_out = 1;
}

static void watch_start(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	timed_out = 0;
	timeout_s = (sig_atomic_t)network_timeout();
	sigaction(SIGALRM, &sa, &saved_alarm);
	watching = 1;
	wind();
}

/* Progress was made: wait again; -1 once the alarm has gone off.  Outside
 * a network operation (the server's last words shown after it) nothing. */
static int watch_progress(void)
{
	if (!watching)
		return 0;
	if (timed_out)
		return -1;
	wind();
	return 0;
}

static void watch_stop(void)
{
	watching = 0;
	alarm(0);
	sigaction(SIGALRM, &saved_alarm, NULL);
}

/* The failure of a network operation on remote, named as it was. */
static int network_failure(const char *what, const char *remote)
{
	if (timed_out) {
		git_error_clear();
		return mjg_fail("cannot %s '%s': no answer for %u seconds; the "
				"journal is unchanged (MJOURNAL_NETWORK_TIMEOUT "
				"sets the wait)", what, remote, network_timeout());
	}
	return mjg_fail("cannot %s '%s'", what, remote);
}

/* ---- callbacks: credentials and progress ---- */

struct remote_payload {
	int ssh_attempt;      /* which ssh credential to offer next */
	char *url, *user, *password; /* what git's helpers gave, for approve */
	bool progress;        /* print progress (standard error is a terminal) */
	bool quiet;           /* keep the server's words to itself */
	char *rejected;       /* a reference the remote refused, and why */
	struct mj_buf remote_line; /* the server's words, to the end of a line */
	git_repository *repo; /* whose configuration says whom to trust */
	const char *remote_url;
};

/*
 * Runs git credential ACTION (fill, approve, reject) for url, as git does
 * with its helpers.  fill gets *user and *password (0), or -1 when no
 * helper and no prompt had them; prompting on the terminal is allowed only
 * when standard input is one (and GIT_TERMINAL_PROMPT does not forbid it).
 */
static int credential_exec(const char *action, const char *url,
			   const char *user, const char *password,
			   char **out_user, char **out_password)
{
	int in[2], out[2];
	pid_t pid;
	char buf[4096];
	size_t got = 0;
	ssize_t n;
	int status;

	/* prompting needs a person at a terminal */
	bool prompt = isatty(STDIN_FILENO);

	if (out_user)
		*out_user = *out_password = NULL;
	if (pipe(in) < 0)
		return -1;
	if (pipe(out) < 0) {
		close(in[0]);
		close(in[1]);
		return -1;
	}
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		dup2(in[0], 0);
		/* approve and reject answer nothing; a helper they start (the
		 * cache's daemon) must not hold the pipe open */
		if (out_user)
			dup2(out[1], 1);
		else
			dup2(open("/dev/null", O_WRONLY), 1);
		close(in[1]);
		close(out[0]);
		close(out[1]);
		if (!prompt)
			setenv("GIT_TERMINAL_PROMPT", "0", 1);
		execlp("git", "git", "credential", action, (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	dprintf(in[1], "url=%s\n", url);
	if (user)
		dprintf(in[1], "username=%s\npassword=%s\n", user, password);
	dprintf(in[1], "\n");
	close(in[1]);
	while (got < sizeof(buf) - 1 &&
	       (n = read(out[0], buf + got, sizeof(buf) - 1 - got)) > 0)
		got += (size_t)n;
	close(out[0]);
	buf[got] = '\0';
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !out_user)
		return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
	for (char *save = NULL, *line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (!strncmp(line, "username=", 9))
			*out_user = mj_xstrdup(line + 9);
		else if (!strncmp(line, "password=", 9))
			*out_password = mj_xstrdup(line + 9);
	}
	if (*out_user && *out_password)
		return 0;
	free(*out_user);
	free(*out_password);
	*out_user = *out_password = NULL;
	return -1;
}

static int credential_run(const char *action, const char *url, const char *user,
			  const char *password, char **out_user,
			  char **out_password)
{
	/* no watchdog while a person may be typing a password */
	unsigned waiting = alarm(0);
	int rc = credential_exec(action, url, user, password, out_user,
				 out_password);

	if (waiting)
		wind();
	return rc;
}

/*
 * libgit2's error for a failed authentication: "WHAT for URL WHY", the
 * URL without the user name and password it may hold; GIT_EAUTH.
 */
static int auth_failure(const char *what, const char *url, const char *why)
{
	char *shown = mj_url_redact(url);

	git_error_set(GIT_ERROR_NET, "%s for %s%s", what, shown, why);
	free(shown);
	return GIT_EAUTH;
}

/* A user name and password for https, from git's credential helpers. */
static int userpass(git_credential **out, const char *url,
		    struct remote_payload *p)
{
	if (p->user) {
		/* asked again: the server refused what the helpers gave; git
		 * erases it from them, and so does mjournal */
		credential_run("reject", url, p->user, p->password, NULL, NULL);
		free(p->user);
		free(p->password);
		p->user = p->password = NULL;
		return auth_failure("authentication failed", url, "");
	}
	if (credential_run("fill", url, NULL, NULL, &p->user, &p->password) < 0)
		return auth_failure("no user name and password", url,
				    ": git's credential helpers have none (git "
				    "config credential.helper store, or run "
				    "mjournal on a terminal to be asked)");
	p->url = mj_xstrdup(url);
	return git_credential_userpass_plaintext_new(out, p->user, p->password);
}

static int credentials(git_credential **out, const char *url,
		       const char *user_from_url, unsigned int allowed,
		       void *data)
{
	struct remote_payload *p = data;
	const char *home = getenv("HOME");
	const char *user = user_from_url ? user_from_url : getenv("USER");
	static const char *const keys[] = { "id_ed25519", "id_ecdsa", "id_rsa" };

	if (!user)
		user = "git";
	if (allowed & GIT_CREDENTIAL_USERNAME)
		return git_credential_username_new(out, user);
	if (allowed & GIT_CREDENTIAL_SSH_KEY) {
		/* first the agent, then each key file, each once */
		while (p->ssh_attempt <= (int)MJ_ARRAY_SIZE(keys)) {
			int attempt = p->ssh_attempt++;
			if (attempt == 0) {
				if (getenv("SSH_AUTH_SOCK") &&
				    git_credential_ssh_key_from_agent(out, user) == 0)
					return 0;
				continue;
			}
			char *private_key = mj_xasprintf("%s/.ssh/%s", home ? home : "",
							 keys[attempt - 1]);
			char *public_key = mj_xasprintf("%s.pub", private_key);
			int rc = -1;
			if (home && access(private_key, R_OK) == 0)
				rc = git_credential_ssh_key_new(out, user,
					access(public_key, R_OK) == 0 ? public_key : NULL,
					private_key, NULL);
			free(private_key);
			free(public_key);
			if (rc == 0)
				return 0;
		}
	}
	if (allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT)
		return userpass(out, url, p);
	return auth_failure("authentication failed", url, ": no ssh key was "
			    "accepted (ssh-agent, ~/.ssh/id_ed25519, id_ecdsa, "
			    "id_rsa)");
}

static int fetch_progress(const git_indexer_progress *stats, void *data)
{
	struct remote_payload *p = data;

	if (watch_progress() < 0)
		return -1;
	if (p->progress && stats->total_objects) {
		mj_out_control(stderr, "\r");
		fprintf(stderr, "Receiving: %u%% (%u/%u objects)",
			stats->received_objects * 100 / stats->total_objects,
			stats->received_objects, stats->total_objects);
	}
	return 0;
}

static int push_progress(unsigned int current, unsigned int total, size_t bytes,
			 void *data)
{
	struct remote_payload *p = data;

	(void)bytes;
	if (watch_progress() < 0)
		return -1;
	if (p->progress && total) {
		mj_out_control(stderr, "\r");
		fprintf(stderr, "Sending: %u%% (%u/%u objects)",
			current * 100 / total, current, total);
	}
	return 0;
}

static int push_update(const char *refname, const char *status, void *data)
{
	struct remote_payload *p = data;

	if (status && !p->rejected)
		p->rejected = mj_xasprintf("%s: %s", refname, status);
	return 0;
}

/* The server's own words ("remote: ..."), a line at a time, with their
 * control characters visible: they are someone else's text. */
static int sideband(const char *text, int len, void *data)
{
	struct remote_payload *p = data;

	if (watch_progress() < 0)
		return -1;
	for (int i = 0; i < len; i++) {
		if (text[i] != '\n' && text[i] != '\r') {
			mj_buf_add(&p->remote_line, text + i, 1);
			continue;
		}
		if (p->remote_line.len && !p->quiet) {
			char *shown = mj_visible(p->remote_line.ptr, false);
			fprintf(stderr, "remote: %s\n", shown);
			free(shown);
		}
		mj_buf_free(&p->remote_line);
	}
	return 0;
}

static int certificate_check(git_cert *cert, int valid, const char *host,
			     void *data)
{
	struct remote_payload *p = data;
	return mjg_certificate_check(p->repo, p->remote_url, cert, valid, host);
}

static void callbacks_init(git_remote_callbacks *cb, struct remote_payload *p,
			   git_repository *repo, git_remote *remote)
{
	git_remote_init_callbacks(cb, GIT_REMOTE_CALLBACKS_VERSION);
	memset(p, 0, sizeof(*p));
	p->progress = isatty(2);
	cb->credentials = credentials;
	cb->transfer_progress = fetch_progress;
	cb->push_transfer_progress = push_progress;
	cb->push_update_reference = push_update;
	cb->sideband_progress = sideband;
	cb->certificate_check = certificate_check;
	p->repo = repo;
	p->remote_url = git_remote_url(remote);
	cb->payload = p;
}

/* After a network operation: the progress line ended, the server's last
 * words shown, and the credentials approved (git's helpers store them)
 * when the operation succeeded with them. */
static void callbacks_done(struct remote_payload *p, bool ok)
{
	if (p->progress)
		fputc('\n', stderr);
	sideband("\n", 1, p);
	if (ok && p->user)
		credential_run("approve", p->url, p->user, p->password, NULL, NULL);
	free(p->url);
	free(p->user);
	free(p->password);
	p->url = p->user = p->password = NULL;
}

/* ---- which branch, which remote ---- */

struct tracking {
	char *branch;      /* the local branch: "main" */
	char *remote;      /* "origin" */
	char *merge;       /* the remote's branch: "refs/heads/main" */
	char *upstream;    /* the tracking ref: "refs/remotes/origin/main" */
	bool configured;   /* branch.<name>.remote was set, to this remote */
	bool has_upstream; /* branch.<name>.remote was set at all */
};

static void tracking_free(struct tracking *t)
{
	free(t->branch);
	free(t->remote);
	free(t->merge);
	free(t->upstream);
	memset(t, 0, sizeof(*t));
}

static char *config_string(git_repository *repo, const char *key)
{
	git_config *cfg = NULL;
	git_buf buf = GIT_BUF_INIT;
	char *value = NULL;

	if (git_repository_config_snapshot(&cfg, repo) == 0 &&
	    git_config_get_string_buf(&buf, cfg, key) == 0)
		value = mj_xstrdup(buf.ptr);
	git_buf_dispose(&buf);
	git_config_free(cfg);
	git_error_clear();
	return value;
}

/* The current branch and where it syncs: the named remote, or its upstream. */
static int tracking_find(struct mj_repo *repo, const char *remote,
			 struct tracking *t)
{
	git_reference *head = NULL;
	git_strarray remotes = { NULL, 0 };
	char *key;
	int rc;

	memset(t, 0, sizeof(*t));
	rc = git_repository_head(&head, repo->repo);
	if (rc == GIT_EUNBORNBRANCH) {
		git_error_clear();
		/* the branch HEAD names: "refs/heads/main" */
		if (git_reference_lookup(&head, repo->repo, "HEAD") < 0)
			return mjg_fail("cannot read HEAD");
		t->branch = mj_xstrdup(git_reference_symbolic_target(head) + 11);
	} else if (rc < 0 || !git_reference_is_branch(head)) {
		git_reference_free(head);
		return mjg_fail_own("HEAD is not on a branch; check one out first");
	} else {
		t->branch = mj_xstrdup(git_reference_shorthand(head));
	}
	git_reference_free(head);

	key = mj_xasprintf("branch.%s.remote", t->branch);
	t->remote = config_string(repo->repo, key);
	free(key);
	t->configured = t->has_upstream = t->remote != NULL;
	if (remote) {
		t->configured = t->configured && !strcmp(t->remote, remote);
		free(t->remote);
		t->remote = mj_xstrdup(remote);
	}
	if (!t->remote) {
		if (git_remote_list(&remotes, repo->repo) < 0 || !remotes.count) {
			git_strarray_dispose(&remotes);
			return mjg_fail_own("the journal has no remote; add one with git "
					    "remote add origin URL");
		}
		/* origin, else the only remote */
		for (size_t i = 0; i < remotes.count; i++)
			if (!strcmp(remotes.strings[i], "origin"))
				t->remote = mj_xstrdup("origin");
		if (!t->remote && remotes.count == 1)
			t->remote = mj_xstrdup(remotes.strings[0]);
		git_strarray_dispose(&remotes);
		if (!t->remote)
			return mjg_fail_own("several remotes and none is origin; name one: "
					    "mjournal sync REMOTE");
	}
	key = mj_xasprintf("branch.%s.merge", t->branch);
	t->merge = t->configured ? config_string(repo->repo, key) : NULL;
	free(key);
	if (!t->merge)
		t->merge = mj_xasprintf("refs/heads/%s", t->branch);
	t->upstream = mj_xasprintf("refs/remotes/%s/%s", t->remote, t->merge + 11);
	return 0;
}

static int remote_open(git_remote **out, struct mj_repo *repo, const char *name)
{
	if (git_remote_lookup(out, repo->repo, name) < 0)
		return mjg_fail("no remote '%s'; see git remote -v", name);
	return 0;
}

/* ---- fetch and integrate ---- */

static int fetch(struct mj_repo *repo, const struct tracking *t,
		 const struct mjg_refs *branches)
{
	git_remote *remote = NULL;
	git_fetch_options opts;
	struct remote_payload payload;
	int rc;

	if (remote_open(&remote, repo, t->remote) < 0)
		return -1;
	if (mjg_check_local_remote(git_remote_url(remote), branches,
				   t->remote) < 0) {
		git_remote_free(remote);
		return -1;
	}
	git_fetch_options_init(&opts, GIT_FETCH_OPTIONS_VERSION);
	opts.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_ALL; /* SLUG/closed too */
	callbacks_init(&opts.callbacks, &payload, repo->repo, remote);
	watch_start();
	rc = git_remote_fetch(remote, NULL, &opts, NULL);
	watch_stop();
	callbacks_done(&payload, rc == 0);
	git_remote_free(remote);
	return rc < 0 ? network_failure("fetch from", t->remote) : 0;
}

/*
 * What the fetch brought and the branches do not have, checked before
 * anything merges or checks it out: its branches and tags.
 */
static int check_fetched(struct mj_repo *repo, const struct tracking *t,
			 const struct mjg_refs *branches)
{
	char *theirs = mj_xasprintf("refs/remotes/%s", t->remote);
	const char *const tips[] = { theirs, "refs/tags" };
	int rc = mjg_check_incoming(repo->repo, tips, MJ_ARRAY_SIZE(tips),
				    branches, t->remote);

	free(theirs);
	return rc;
}

/* Names every conflicted path of the index (inside the journal). */
static void collect_conflicts(struct mj_repo *repo, struct mj_strvec *out)
{
	git_index *index = NULL;
	git_index_conflict_iterator *it = NULL;
	const git_index_entry *ancestor, *ours, *theirs;
	size_t n = strlen(repo->prefix);

	if (git_repository_index(&index, repo->repo) < 0 ||
	    git_index_conflict_iterator_new(&it, index) < 0) {
		git_index_free(index);
		git_error_clear();
		return;
	}
	while (git_index_conflict_next(&ancestor, &ours, &theirs, it) == 0) {
		const char *path = ours ? ours->path : theirs ? theirs->path :
				   ancestor->path;
		if (!strncmp(path, repo->prefix, n) && !mj_strvec_contains(out, path + n))
			mj_strvec_push(out, path + n);
		else if (strncmp(path, repo->prefix, n))
			mj_strvec_push_owned(out, mj_xasprintf("../%s", path));
	}
	git_index_conflict_iterator_free(it);
	git_index_free(index);
	git_error_clear();
}

/* Moves the branch to target after checking its tree out safely. */
static int fast_forward(struct mj_repo *repo, const struct tracking *t,
			const git_oid *target, bool unborn)
{
	git_checkout_options opts;
	git_object *commit = NULL;
	git_reference *ref = NULL, *moved = NULL;
	char *name = mj_xasprintf("refs/heads/%s", t->branch);
	int rc = -1;

	git_checkout_options_init(&opts, GIT_CHECKOUT_OPTIONS_VERSION);
	opts.checkout_strategy = GIT_CHECKOUT_SAFE;
	if (git_object_lookup(&commit, repo->repo, target, GIT_OBJECT_COMMIT) < 0) {
		mjg_fail("cannot read the remote's commit");
		goto done;
	}
	mj_fs_fault_point("before checking out the remote tree");
	if (mjg_wait_index_free(repo->repo) < 0 ||
	    mjg_wait_branch_free(repo->repo) < 0)
		goto done;
	if (git_checkout_tree(repo->repo, commit, &opts) < 0) {
		mjg_fail("cannot bring in the remote's files (a local file is in the "
		     "way; commit or move it first)");
		goto done;
	}
	mj_fs_fault_point("before moving the branch to the remote commit");
	if (unborn)
		rc = git_reference_create(&moved, repo->repo, name, target, 0,
					  "mjournal sync: first fetch");
	else if ((rc = git_reference_lookup(&ref, repo->repo, name)) == 0)
		rc = git_reference_set_target(&moved, ref, target,
					      "mjournal sync: fast-forward");
	if (rc < 0)
		mjg_fail("cannot move the branch %s", t->branch);
done:
	git_reference_free(ref);
	git_reference_free(moved);
	git_object_free(commit);
	free(name);
	return rc < 0 ? -1 : 0;
}

/* A real merge of upstream into HEAD; conflicts are left for the user. */
static int merge(struct mj_repo *repo, const struct tracking *t,
		 git_annotated_commit *upstream, const char *owner,
		 struct mj_sync_result *out)
{
	git_merge_options merge_opts;
	git_checkout_options checkout_opts;
	git_index *index = NULL;
	git_tree *tree = NULL;
	git_commit *head = NULL, *theirs = NULL;
	git_signature *author = NULL, *committer = NULL;
	git_oid tree_id, commit_id;
	const git_annotated_commit *heads[1] = { upstream };
	char *message = NULL;
	int rc = -1;

	git_merge_options_init(&merge_opts, GIT_MERGE_OPTIONS_VERSION);
	/* no rename detection: a note deleted on one side and edited on the
	 * other is a modify/delete conflict, as git shows it, never a pair
	 * of NAME~HEAD and NAME~BRANCH files beside it */
	merge_opts.flags &= ~(unsigned)GIT_MERGE_FIND_RENAMES;
	git_checkout_options_init(&checkout_opts, GIT_CHECKOUT_OPTIONS_VERSION);
	checkout_opts.checkout_strategy = GIT_CHECKOUT_SAFE |
					  GIT_CHECKOUT_ALLOW_CONFLICTS;
	if (mjg_identity(&author, repo->repo, "AUTHOR", owner) < 0 ||
	    mjg_identity(&committer, repo->repo, "COMMITTER", owner) < 0)
		goto done;
	mj_fs_fault_point("before merging");
	if (mjg_wait_index_free(repo->repo) < 0 ||
	    mjg_wait_branch_free(repo->repo) < 0)
		goto done;
	if (git_merge(repo->repo, heads, 1, &merge_opts, &checkout_opts) < 0) {
		mjg_fail("cannot merge %s/%s", t->remote, t->merge + 11);
		goto done;
	}
	if (git_repository_index(&index, repo->repo) < 0) {
		mjg_fail("cannot read the index");
		goto done;
	}
	if (git_index_has_conflicts(index)) {
		/* git's own merge state stays: plain git can finish it too */
		out->conflict = true;
		collect_conflicts(repo, &out->conflicts);
		rc = 0;
		goto done;
	}
	if (git_index_write_tree(&tree_id, index) < 0 ||
	    git_tree_lookup(&tree, repo->repo, &tree_id) < 0 ||
	    mjg_head_commit(&head, repo->repo) < 0 || !head ||
	    git_commit_lookup(&theirs, repo->repo,
			      git_annotated_commit_id(upstream)) < 0) {
		mjg_fail("cannot write the merge");
		goto done;
	}
	message = mj_xasprintf("Merge %s/%s: sync the journal\n", t->remote,
			       t->merge + 11);
	const git_commit *parents[2] = { head, theirs };
	mj_fs_fault_point("before committing the merge");
	if (git_commit_create(&commit_id, repo->repo, "HEAD", author, committer,
			      NULL, message, tree, 2, parents) < 0) {
		mjg_fail("cannot commit the merge");
		goto done;
	}
	git_repository_state_cleanup(repo->repo);
	out->merged = true;
	rc = 0;
done:
	free(message);
	git_commit_free(head);
	git_commit_free(theirs);
	git_tree_free(tree);
	git_index_free(index);
	git_signature_free(author);
	git_signature_free(committer);
	return rc;
}

static int integrate(struct mj_repo *repo, const struct tracking *t,
		     const char *owner, struct mj_sync_result *out)
{
	git_reference *upstream_ref = NULL;
	git_annotated_commit *upstream = NULL;
	git_merge_analysis_t analysis;
	git_merge_preference_t preference;
	int rc = -1;

	if (git_reference_lookup(&upstream_ref, repo->repo, t->upstream) < 0) {
		git_error_clear();
		out->remote_empty = true; /* nothing there yet: push will fill it */
		return 0;
	}
	if (git_annotated_commit_from_ref(&upstream, repo->repo, upstream_ref) < 0) {
		mjg_fail("cannot read %s", t->upstream);
		goto done;
	}
	const git_annotated_commit *heads[1] = { upstream };
	if (git_merge_analysis(&analysis, &preference, repo->repo, heads, 1) < 0) {
		mjg_fail("cannot compare with %s/%s", t->remote, t->merge + 11);
		goto done;
	}
	if (analysis & GIT_MERGE_ANALYSIS_UP_TO_DATE) {
		out->up_to_date = true;
		rc = 0;
	} else if (analysis & GIT_MERGE_ANALYSIS_UNBORN) {
		rc = fast_forward(repo, t, git_annotated_commit_id(upstream), true);
		out->fast_forward = rc == 0;
	} else if (analysis & GIT_MERGE_ANALYSIS_FASTFORWARD) {
		rc = fast_forward(repo, t, git_annotated_commit_id(upstream), false);
		out->fast_forward = rc == 0;
	} else {
		rc = merge(repo, t, upstream, owner, out);
	}
done:
	git_annotated_commit_free(upstream);
	git_reference_free(upstream_ref);
	return rc;
}

/* ---- push ---- */

/*
 * The gate (git_gate.c) on every commit the push would send (the branch
 * and the closed tags, less what the remote had when last fetched):
 * nothing is sent when one brings in a private note, an editor's file,
 * conflict markers or a link.  -1 after saying which and what to do.
 */
static int gate_push(struct mj_repo *repo, const struct tracking *t,
		     const git_strarray *refspecs)
{
	git_strarray refs = { NULL, 0 };
	struct mjg_refusal r;
	git_reference *upstream = NULL;
	char short_id[8];
	char *mend;
	int rc;

	refs.strings = mj_xcalloc(refspecs->count + 1, sizeof(char *));
	for (size_t i = 0; i < refspecs->count; i++) /* "SRC:DST": SRC */
		refs.strings[refs.count++] = mj_xstrndup(refspecs->strings[i],
			strcspn(refspecs->strings[i], ":"));
	rc = mjg_gate_push(repo, t->remote, &refs, &r);
	for (size_t i = 0; i < refs.count; i++)
		free(refs.strings[i]);
	free(refs.strings);
	if (rc != 1)
		return rc;
	git_oid_tostr(short_id, sizeof(short_id), &r.commit);
	/* the commits not yet pushed are taken back into the index, the
	 * file taken out (or mended), then committed again as one */
	if (git_reference_lookup(&upstream, repo->repo, t->upstream) == 0)
		mend = mj_xasprintf("git reset --soft %s/%s, then %s, then "
				    "mjournal commit", t->remote, t->merge + 11,
				    r.line ? "mend the file (keep the text you "
					     "want, delete the marker lines)" :
					     "git rm --cached -- ':/FILE'");
	else
		mend = mj_xasprintf("%s, then rewrite the commits that hold it "
				    "(git rebase -i --root)",
				    r.line ? "mend the file" :
					     "git rm --cached -- ':/FILE'");
	git_reference_free(upstream);
	git_error_clear();
	if (r.line)
		rc = mjg_fail_own("nothing was pushed: commit %s (\"%s\") brings "
				  "in '%s', %s (line %d); mend it in the commits "
				  "not yet pushed: %s", short_id, r.summary, r.path,
				  r.why, r.line, mend);
	else
		rc = mjg_fail_own("nothing was pushed: commit %s (\"%s\") brings "
				  "in '%s', %s; take it out of the commits not "
				  "yet pushed: %s (FILE is '%s')", short_id,
				  r.summary, r.path, r.why, mend, r.path);
	free(mend);
	mjg_refusal_free(&r);
	return rc;
}

static int push(struct mj_repo *repo, const struct tracking *t,
		struct mj_sync_result *out)
{
	git_remote *remote = NULL;
	git_push_options opts;
	struct remote_payload payload;
	git_reference *branch = NULL;
	git_strarray refspecs = { NULL, 0 }, tags = { NULL, 0 };
	int rc = -1;

	memset(&payload, 0, sizeof(payload)); /* done: frees what it holds */
	if (remote_open(&remote, repo, t->remote) < 0)
		goto done;
	/* the branch, and the tags close makes (SLUG/closed) */
	if (git_tag_list_match(&tags, "*/closed", repo->repo) < 0)
		git_error_clear();
	refspecs.strings = mj_xcalloc(tags.count + 1, sizeof(char *));
	refspecs.strings[refspecs.count++] =
		mj_xasprintf("refs/heads/%s:%s", t->branch, t->merge);
	for (size_t i = 0; i < tags.count; i++)
		refspecs.strings[refspecs.count++] =
			mj_xasprintf("refs/tags/%s:refs/tags/%s", tags.strings[i],
				     tags.strings[i]);
	if (gate_push(repo, t, &refspecs) < 0)
		goto done;
	git_push_options_init(&opts, GIT_PUSH_OPTIONS_VERSION);
	callbacks_init(&opts.callbacks, &payload, repo->repo, remote);
	mj_fs_fault_point("before pushing");
	watch_start();
	rc = git_remote_push(remote, &refspecs, &opts);
	watch_stop();
	callbacks_done(&payload, rc == 0 && !payload.rejected);
	if (rc == GIT_ENONFASTFORWARD) {
		git_error_clear();
		mjg_fail("the remote has changes this journal does not have; run "
			 "mjournal sync to bring them in first");
		goto done;
	}
	if (rc < 0) {
		network_failure("push to", t->remote);
		goto done;
	}
	if (payload.rejected) {
		if (strstr(payload.rejected, "fast-forward") ||
		    strstr(payload.rejected, "fetch first"))
			mjg_fail_own("the remote refused %s; run mjournal sync to bring "
				     "in its changes first", payload.rejected);
		else if (strstr(payload.rejected, "hook"))
			mjg_fail_own("the remote's hook refused the push (%s); its "
				     "reasons are above, from 'remote:'", payload.rejected);
		else
			mjg_fail_own("the remote refused %s", payload.rejected);
		rc = -1;
		goto done;
	}
	out->pushed = true;
	/* as git push -u only when the branch has no upstream: syncing with
	 * another remote once never moves it */
	if (!t->has_upstream &&
	    git_branch_lookup(&branch, repo->repo, t->branch, GIT_BRANCH_LOCAL) == 0) {
		char *upstream = mj_xasprintf("%s/%s", t->remote, t->merge + 11);
		if (git_branch_set_upstream(branch, upstream) == 0)
			out->upstream_set = true;
		git_error_clear();
		free(upstream);
	}
	rc = 0;
done:
	free(payload.rejected);
	git_reference_free(branch);
	git_remote_free(remote);
	for (size_t i = 0; i < refspecs.count; i++)
		free(refspecs.strings[i]);
	free(refspecs.strings);
	git_strarray_dispose(&tags);
	return rc;
}

int mj_git_sync(struct mj_repo *repo, const char *remote, unsigned what,
		const char *owner, struct mj_sync_result *out)
{
	struct tracking t;
	struct mjg_refs branches;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	memset(&branches, 0, sizeof(branches));
	if (tracking_find(repo, remote, &t) < 0)
		goto done;
	out->remote = mj_xstrdup(t.remote);
	out->branch = mj_xstrdup(t.branch);
	if (what & MJ_SYNC_PULL) {
		/* the journal's branches are what it has; no file over the
		 * size limit is brought in, or read whole to bring it in */
		mjg_refs_collect(repo->repo, "refs/heads/*", &branches);
		if (mjg_guard_objects(repo->repo) < 0 ||
		    fetch(repo, &t, &branches) < 0 ||
		    check_fetched(repo, &t, &branches) < 0 ||
		    integrate(repo, &t, owner, out) < 0)
			goto done;
		if (out->conflict) {
			rc = 0;
			goto done;
		}
	}
	if ((what & MJ_SYNC_PUSH) && push(repo, &t, out) < 0)
		goto done;
	rc = 0;
done:
	mjg_refs_free(&branches);
	tracking_free(&t);
	return rc;
}

void mj_sync_result_free(struct mj_sync_result *r)
{
	free(r->remote);
	free(r->branch);
	mj_strvec_free(&r->conflicts);
	memset(r, 0, sizeof(*r));
}

void mj_git_remote_names(const char *dir, struct mj_strvec *out)
{
	git_repository *repo = NULL;
	git_strarray names = { NULL, 0 };

	mjg_ready();

	if (git_repository_open_ext(&repo, dir, 0, NULL) == 0 &&
	    git_remote_list(&names, repo) == 0)
		for (size_t i = 0; i < names.count; i++)
			mj_strvec_push(out, names.strings[i]);
	git_strarray_dispose(&names);
	git_repository_free(repo);
	git_error_clear();
}

/* ---- a copy of another journal's repository (programme) ---- */

int mj_git_mirror(struct mj_repo **out, const char *dir, const char *url,
		  char **ref)
{
	char *shown = mj_url_redact(url); /* url itself is for libgit2 only */
	git_repository *repo = NULL;
	git_remote *remote = NULL;
	git_fetch_options opts;
	struct remote_payload payload;
	git_buf head = { NULL, 0, 0 };
	char refspec[] = "+refs/heads/*:refs/heads/*";
	char *specs[] = { refspec };
	git_strarray refspecs = { specs, 1 };
	static const char *const branches[] = { "refs/heads" };
	struct mjg_refs had;
	int rc;

	mjg_ready();

	*out = NULL;
	*ref = NULL;
	if (git_repository_open_bare(&repo, dir) < 0 &&
	    git_repository_init(&repo, dir, 1) < 0) {
		mjg_fail("cannot make a copy of '%s' in '%s'", shown, dir);
		goto fail;
	}
	if (git_remote_create_anonymous(&remote, repo, url) < 0) {
		mjg_fail("'%s' is not a git remote", shown);
		goto fail;
	}
	git_fetch_options_init(&opts, GIT_FETCH_OPTIONS_VERSION);
	opts.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
	opts.update_fetchhead = 0;
	callbacks_init(&opts.callbacks, &payload, repo, remote);
	payload.progress = false; /* many remotes: a quiet reader */
	payload.quiet = true;
	/* no file over the size limit is brought in, or read whole to bring
	 * it in: what the copy had is what the check starts from, and what
	 * it goes back to when the fetch brought one */
	mjg_refs_collect(repo, "refs/heads/*", &had);
	if (mjg_guard_objects(repo) < 0 ||
	    mjg_check_local_remote(url, &had, url) < 0)
		goto fail;
	watch_start();
	rc = git_remote_fetch(remote, &refspecs, &opts, NULL);
	watch_stop();
	callbacks_done(&payload, rc == 0);
	if (rc < 0) {
		network_failure("fetch from", shown);
		goto fail;
	}
	if (mjg_check_incoming(repo, branches, 1, &had, url) < 0) {
		char *why = mj_xstrdup(mj_git_error());
		mjg_refs_restore(repo, "refs/heads/*", &had);
		mjg_fail_own("%s", why);
		free(why);
		goto fail;
	}
	mjg_refs_free(&had);
	/* the branch the remote's HEAD names, else main, else master */
	if (git_remote_default_branch(&head, remote) == 0) {
		*ref = mj_xstrdup(head.ptr);
		git_buf_dispose(&head);
	} else {
		git_reference *r = NULL;
		git_error_clear();
		if (git_reference_lookup(&r, repo, "refs/heads/main") == 0)
			*ref = mj_xstrdup("refs/heads/main");
		else if (git_reference_lookup(&r, repo, "refs/heads/master") == 0)
			*ref = mj_xstrdup("refs/heads/master");
		git_reference_free(r);
		git_error_clear();
		if (!*ref) {
			mjg_fail("'%s' has no branch to read (no main, no master)",
				 shown);
			goto fail;
		}
	}
	git_remote_free(remote);
	*out = mj_xcalloc(1, sizeof(**out));
	(*out)->repo = repo;
	(*out)->root = mj_xstrdup(dir);
	(*out)->prefix = mj_xstrdup("");
	free(shown);
	return 0;
fail:
	mjg_refs_free(&had);
	git_remote_free(remote);
	git_repository_free(repo);
	free(shown);
	return -1;
}
