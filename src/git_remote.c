/*
 * git_remote.c - sharing the journal through git remotes, with libgit2:
 * fetch, integrate (fast-forward or a real merge), push.
 *
 * Part of the git module (it includes <git2.h> like git.c and shares its
 * private declarations in git_private.h).
 */
#include "git_private.h"
#include "mj_lock.h"
#include "mj_out.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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
static volatile sig_atomic_t timeout_s;    /* mjg_network_timeout(), read once */
static struct sigaction saved_alarm;

unsigned mjg_network_timeout(void)
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
	timeout_s = (sig_atomic_t)mjg_network_timeout();
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

/* Was the last fetch's failure a remote out of reach (no answer, no
 * connection, no such path on this machine), rather than a refusal. */
static bool unreachable;

bool mj_git_unreachable(void)
{
	return unreachable;
}

/*
 * The failure of a network operation on remote (named as it was; a
 * remote's name, or NULL when it is only url), worded as git words it
 * where git has words for it: "repository '<url>' not found".
 */
static int network_failure(const char *what, const char *remote,
			   const char *url)
{
	const git_error *why = git_error_last();
	const char *named = remote ? remote : url;

	unreachable = timed_out ||
		      (why && (why->klass == GIT_ERROR_NET ||
			       why->klass == GIT_ERROR_OS));
	if (!timed_out && url && why && why->message &&
	    strstr(why->message, "status code: 404")) {
		git_error_clear();
		if (remote)
			return mjg_fail_own("repository '%s' not found; check "
					    "the address of %s (git remote -v)",
					    url, remote);
		return mjg_fail_own("repository '%s' not found; check the "
				    "address", url);
	}
	if (timed_out) {
		git_error_clear();
		return mjg_fail("cannot %s '%s': no answer for %u seconds; the "
				"journal is unchanged (MJOURNAL_NETWORK_TIMEOUT "
				"sets the wait)", what, named, mjg_network_timeout());
	}
	return mjg_fail("cannot %s '%s'", what, named);
}

/* ---- callbacks: credentials and progress ---- */

/*
 * A user name and password from git's credential helpers (or its prompt),
 * kept for every connection of one command: a sync that fetches and then
 * pushes asks once.  Approved once a connection succeeded with it.
 */
struct mjg_credential {
	char *url, *user, *password;
	bool approved;
};

static void credential_free(struct mjg_credential *c)
{
	free(c->url);
	free(c->user);
	free(c->password);
	memset(c, 0, sizeof(*c));
}

void mjg_credential_free(struct mjg_credential *c)
{
	if (c)
		credential_free(c);
	free(c);
}

struct remote_payload {
	int ssh_attempt;      /* which ssh credential to offer next */
	struct mjg_credential *credential; /* shared by the command's connections */
	bool offered;         /* this connection was given it */
	bool progress;        /* print progress (standard error is a terminal) */
	struct mj_buf shown;  /* the progress line on the terminal, if any */
	bool shown_remote;    /* ... is the server's */
	bool remote_updated;  /* the server wrote its current line over */
	bool quiet;           /* keep the server's words to itself */
	char *rejected;       /* a reference the remote refused, and why */
	bool moves_branch;    /* the push changes the remote's branch */
	bool creates_branch;  /* ... makes it */
	size_t tag_changes;   /* tags it adds, replaces or removes there */
	const char *branch;   /* that branch: "refs/heads/main" */
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
 * libgit2's error for a failed authentication, fmt's words with every URL
 * in them without the user name and password it may hold; GIT_EAUTH.
 */
static int auth_failure(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
static int auth_failure(const char *fmt, ...)
{
	struct mj_buf text = MJ_BUF_INIT;
	char *shown;
	va_list ap;

	va_start(ap, fmt);
	mj_buf_adds(&text, "");
	mj_buf_vaddf(&text, fmt, ap);
	va_end(ap);
	shown = mj_url_redact(text.ptr);
	git_error_set(GIT_ERROR_NET, "%s", shown);
	mj_buf_free(&text);
	free(shown);
	return GIT_EAUTH;
}

/* A user name and password for https, from git's credential helpers,
 * once per command (the one the command's first connection got). */
static int userpass(git_credential **out, const char *url,
		    struct remote_payload *p)
{
	struct mjg_credential *c = p->credential;

	if (p->offered) {
		/* asked again: the server refused what the helpers gave; git
		 * erases it from them, and so does mjournal */
		credential_run("reject", url, c->user, c->password, NULL, NULL);
		credential_free(c);
		return auth_failure("authentication failed for %s; the "
				    "password is forgotten: run the command "
				    "again to give the right one", url);
	}
	if (c->user && strcmp(c->url, url))
		credential_free(c); /* another server: its own */
	if (!c->user) {
		if (credential_run("fill", url, NULL, NULL, &c->user,
				   &c->password) < 0)
			return auth_failure("no user name and password for "
					    "%s: git's credential helpers have "
					    "none (git config credential.helper "
					    "store, or run mjournal on a "
					    "terminal to be asked)", url);
		c->url = mj_xstrdup(url);
	}
	p->offered = true;
	return git_credential_userpass_plaintext_new(out, c->user, c->password);
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
	return auth_failure("authentication failed for %s: no ssh key was "
			    "accepted (ssh-agent, ~/.ssh/id_ed25519, id_ecdsa, "
			    "id_rsa); add yours to the server", url);
}

/*
 * Progress is one line on a terminal, written again in place (a carriage
 * return, the text, the rest of the old line erased), and nothing at all
 * anywhere else.  A line of other output is written above it; the line
 * stays until progress_end.
 */
static void progress_show(struct remote_payload *p, bool remote,
			  const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void progress_show(struct remote_payload *p, bool remote,
			  const char *fmt, ...)
{
	va_list ap;

	if (!p->progress)
		return;
	mj_buf_free(&p->shown);
	va_start(ap, fmt);
	mj_buf_vaddf(&p->shown, fmt, ap);
	va_end(ap);
	/* the text (the server's too) through the filter; the controls
	 * are mjournal's own */
	mj_out_control(stderr, "\r");
	fputs(p->shown.ptr, stderr);
	mj_out_control(stderr, "\033[K");
	p->shown_remote = remote;
}

/* A whole line (text, no newline) of other output: above the progress. */
static void progress_above(struct remote_payload *p, const char *text)
{
	if (p->shown.len)
		mj_out_control(stderr, "\r\033[K");
	fprintf(stderr, "%s\n", text);
	if (p->shown.len)
		fputs(p->shown.ptr, stderr);
}

static void progress_end(struct remote_payload *p)
{
	if (p->shown.len)
		fputc('\n', stderr);
	mj_buf_free(&p->shown);
	p->shown_remote = false;
}

/*
 * Is this line of the server's (ended by a newline) its progress?  git
 * tells its server not to send any when no one watches; libgit2 cannot,
 * so mjournal recognises git's: a line written over before it ended, the
 * last state of one (", done."), the pack's "Total N (delta M)".
 */
static bool remote_progress(const struct remote_payload *p, const char *line,
			    size_t len)
{
	static const char done[] = ", done.";

	return p->remote_updated ||
	       (len >= sizeof(done) - 1 &&
		!memcmp(line + len - (sizeof(done) - 1), done, sizeof(done) - 1)) ||
	       (!strncmp(line, "Total ", 6) && line[6] >= '0' && line[6] <= '9');
}

static int fetch_progress(const git_indexer_progress *stats, void *data)
{
	struct remote_payload *p = data;

	if (watch_progress() < 0)
		return -1;
	if (stats->total_objects)
		progress_show(p, false, "Receiving: %u%% (%u/%u objects)",
			      stats->received_objects * 100 / stats->total_objects,
			      stats->received_objects, stats->total_objects);
	return 0;
}

static int push_progress(unsigned int current, unsigned int total, size_t bytes,
			 void *data)
{
	struct remote_payload *p = data;

	(void)bytes;
	if (watch_progress() < 0)
		return -1;
	if (total)
		progress_show(p, false, "Sending: %u%% (%u/%u objects)",
			      current * 100 / total, current, total);
	return 0;
}

/* What the push will change on the remote: nothing, when it has it all. */
static int push_negotiation(const git_push_update **updates, size_t len,
			    void *data)
{
	struct remote_payload *p = data;

	for (size_t i = 0; i < len; i++) {
		bool branch = p->branch &&
			      !strcmp(updates[i]->dst_refname, p->branch);
		if (git_oid_equal(&updates[i]->src, &updates[i]->dst))
			continue;
		if (!branch)
			p->tag_changes++;
		p->moves_branch |= branch;
		/* src: where the remote's reference is now (zero: nowhere) */
		p->creates_branch |= branch && git_oid_is_zero(&updates[i]->src);
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

/*
 * The server's own words ("remote: ..."), a line at a time, with their
 * control characters visible: they are someone else's text.  A line it
 * ends with a carriage return is progress, to be written over: shown as
 * progress is (in place on a terminal, else not at all); the line that
 * ends it with a newline replaces it.
 */
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
			char *line = mj_xasprintf("remote: %s", shown);
			if (text[i] == '\r') {
				progress_show(p, true, "%s", line);
				p->remote_updated = true;
			} else if (p->shown_remote) {
				/* the last state of the server's progress */
				progress_show(p, true, "%s", line);
				progress_end(p);
			} else if (!p->progress &&
				   remote_progress(p, p->remote_line.ptr,
						   p->remote_line.len)) {
				; /* nobody watches it */
			} else {
				progress_above(p, line);
			}
			free(line);
			free(shown);
		}
		if (text[i] == '\n')
			p->remote_updated = false;
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
			   git_repository *repo, git_remote *remote,
			   struct mjg_credential *credential)
{
	git_remote_init_callbacks(cb, GIT_REMOTE_CALLBACKS_VERSION);
	memset(p, 0, sizeof(*p));
	p->progress = isatty(2);
	p->credential = credential;
	cb->credentials = credentials;
	cb->transfer_progress = fetch_progress;
	cb->push_transfer_progress = push_progress;
	cb->push_negotiation = push_negotiation;
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
	struct mjg_credential *c = p->credential;

	sideband("\n", 1, p);
	progress_end(p);
	if (ok && p->offered && c->user && !c->approved) {
		credential_run("approve", c->url, c->user, c->password, NULL, NULL);
		c->approved = true;
	}
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

char *mjg_config_string(git_repository *repo, const char *key)
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
	t->remote = mjg_config_string(repo->repo, key);
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
	t->merge = t->configured ? mjg_config_string(repo->repo, key) : NULL;
	free(key);
	if (!t->merge)
		t->merge = mj_xasprintf("refs/heads/%s", t->branch);
	t->upstream = mj_xasprintf("refs/remotes/%s/%s", t->remote, t->merge + 11);
	return 0;
}

/*
 * A remote's relative path ("../hub.git") as git reads it: from the top of
 * the work tree (the git folder of a bare repository), wherever the
 * command runs.  NULL for a URL, an absolute path or ssh's host:path.
 */
static char *url_from_top(git_repository *repo, const char *url)
{
	const char *top = git_repository_workdir(repo);
	const char *colon, *slash;

	if (!url || !*url || *url == '/' || strstr(url, "://"))
		return NULL;
	colon = strchr(url, ':');
	slash = strchr(url, '/');
	if (colon && (!slash || colon < slash))
		return NULL;
	return mj_xasprintf("%s%s", top ? top : git_repository_path(repo), url);
}

static int remote_open(git_remote **out, struct mj_repo *repo, const char *name)
{
	char *url, *pushurl;
	int rc = 0;

	if (git_remote_lookup(out, repo->repo, name) < 0)
		return mjg_fail("no remote '%s'; see git remote -v", name);
	url = url_from_top(repo->repo, git_remote_url(*out));
	pushurl = url_from_top(repo->repo, git_remote_pushurl(*out));
	if ((url && git_remote_set_instance_url(*out, url) < 0) ||
	    (pushurl && git_remote_set_instance_pushurl(*out, pushurl) < 0)) {
		rc = mjg_fail("cannot read the remote '%s'", name);
		git_remote_free(*out);
		*out = NULL;
	}
	free(url);
	free(pushurl);
	return rc;
}

/* ---- fetch and integrate ---- */

/* Removes the lock files under dir (a folder of .git), and below. */
static void remove_ref_locks(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		char *path;
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		path = mj_xasprintf("%s/%s", dir, e->d_name);
		if (e->d_type == DT_DIR)
			remove_ref_locks(path);
		else if (mj_str_ends_with(e->d_name, ".lock") && unlink(path) == 0)
			fprintf(stderr, "mjournal: removed %s, left by the "
				"interrupted fetch\n", strstr(path, ".git/") ?
				strstr(path, ".git/") : path);
		free(path);
	}
	closedir(d);
}

/*
 * A push to a hub on this machine runs in mjournal's own process: a kill
 * while it moves the hub's refs leaves their locks in the hub.  Before
 * such a push, .git/mjournal-push lists the lock files it may make
 * (removed after it); the next fetch or push that takes over a dead
 * holder's lock removes those still there once they are two seconds old
 * (git holds a ref's lock for a moment: an older one is nobody's).
 */
#define HUB_PUSH_LIST "mjournal-push"

static void note_hub_locks(struct mj_repo *repo, const char *url,
			   const git_strarray *refspecs)
{
	const char *hub = mjg_remote_local_path(url);
	char *list, *refs_dir;
	struct stat st;
	FILE *f;

	if (!hub)
		return;
	refs_dir = mj_xasprintf("%s/.git", hub);
	if (stat(refs_dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
		free(refs_dir);
		refs_dir = mj_xstrdup(hub); /* a bare hub */
	}
	list = mj_xasprintf("%s" HUB_PUSH_LIST, git_repository_path(repo->repo));
	if ((f = fopen(list, "w"))) {
		for (size_t i = 0; i < refspecs->count; i++) {
			const char *dst = strchr(refspecs->strings[i], ':');
			if (dst && dst[1])
				fprintf(f, "%s/%s.lock\n", refs_dir, dst + 1);
		}
		/* a removed tag is taken out of packed-refs too */
		fprintf(f, "%s/packed-refs.lock\n", refs_dir);
		fflush(f);
		fsync(fileno(f));
		fclose(f);
	}
	free(list);
	free(refs_dir);
}

static void forget_hub_locks(struct mj_repo *repo)
{
	char *list = mj_xasprintf("%s" HUB_PUSH_LIST,
				  git_repository_path(repo->repo));

	unlink(list);
	free(list);
}

static void take_over_hub_locks(const char *git_dir)
{
	char *list = mj_xasprintf("%s" HUB_PUSH_LIST, git_dir);
	char line[4096];
	FILE *f = fopen(list, "r");
	struct stat st;

	while (f && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		for (int i = 0; i < 30 && lstat(line, &st) == 0 &&
		     S_ISREG(st.st_mode) && time(NULL) - st.st_mtime < 2; i++)
			usleep(100 * 1000);
		if (lstat(line, &st) == 0 && S_ISREG(st.st_mode) &&
		    time(NULL) - st.st_mtime >= 2 && unlink(line) == 0)
			fprintf(stderr, "mjournal: removed %s, left in the hub by "
				"the interrupted push\n", line);
	}
	if (f)
		fclose(f);
	unlink(list);
	free(list);
}

/*
 * A fetch (and a push, which moves them too) holds
 * .git/mjournal-fetch.lock, naming its process: libgit2 leaves the locks
 * of the remote-tracking refs it was moving when it is killed, and they
 * would block every later fetch.  The next fetch or push that finds the
 * holder gone takes them over with it, saying so.  Returns the
 * lock's path (NULL when it could not be taken: the fetch goes on as
 * before) and *fd.
 */
static char *fetch_lock(struct mj_repo *repo, const char *remote, int *fd)
{
	const char *git_dir = git_repository_path(repo->repo);
	char *path = mj_xasprintf("%smjournal-fetch.lock", git_dir);
	struct mj_lock_holder other;

	*fd = mj_lock_file(path, mj_lock_wait(), MJG_STALE_LOCK_SECONDS, &other);
	if (*fd < 0) {
		free(path);
		return NULL;
	}
	if (other.pid) {
		char *refs = mj_xasprintf("%srefs/remotes/%s", git_dir, remote);
		take_over_hub_locks(git_dir);
		char *fetch_head = mj_xasprintf("%sFETCH_HEAD.lock", git_dir);
		mj_lock_say_taken_over(".git/mjournal-fetch.lock", &other);
		remove_ref_locks(refs);
		if (unlink(fetch_head) == 0)
			fputs("mjournal: removed .git/FETCH_HEAD.lock, left by the "
			      "interrupted fetch\n", stderr);
		free(fetch_head);
		free(refs);
	}
	return path;
}

static int fetch(struct mj_repo *repo, const struct tracking *t,
		 const struct mjg_refs *branches, struct mjg_credential *credential)
{
	git_remote *remote = NULL;
	git_fetch_options opts;
	struct remote_payload payload;
	char *lock;
	int rc, lock_fd, encrypted;

	if ((encrypted = mjg_gcrypt_encrypted(repo->repo, t->remote, false)) < 0)
		return -1;
	if (encrypted) { /* git and git-remote-gcrypt bring it in */
		lock = fetch_lock(repo, t->remote, &lock_fd);
		rc = mjg_gcrypt_fetch(repo->repo, t->remote);
		if (lock)
			mj_lock_release_file(lock, lock_fd);
		free(lock);
		return rc;
	}
	if (remote_open(&remote, repo, t->remote) < 0)
		return -1;
	if (mjg_check_local_remote(git_remote_url(remote), branches,
				   t->remote) < 0) {
		git_remote_free(remote);
		return -1;
	}
	git_fetch_options_init(&opts, GIT_FETCH_OPTIONS_VERSION);
	opts.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_ALL; /* SLUG/closed too */
	callbacks_init(&opts.callbacks, &payload, repo->repo, remote, credential);
	lock = fetch_lock(repo, t->remote, &lock_fd);
	watch_start();
	rc = git_remote_fetch(remote, NULL, &opts, NULL);
	watch_stop();
	if (lock)
		mj_lock_release_file(lock, lock_fd);
	free(lock);
	callbacks_done(&payload, rc == 0);
	if (rc < 0)
		network_failure("fetch from", t->remote, git_remote_url(remote));
	git_remote_free(remote);
	return rc < 0 ? -1 : 0;
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

/* The ref name as all has it, into out (nothing when all has it not):
 * what mjg_refs_restore puts back. */
static void ref_as_it_was(const struct mjg_refs *all, const char *name,
			  struct mjg_refs *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t j = 0; j < all->names.len; j++)
		if (!strcmp(all->names.items[j], name)) {
			mj_grow((void **)&out->ids, &out->cap, 1, sizeof(*out->ids));
			out->ids[0] = all->ids[j];
			mj_strvec_push(&out->names, name);
			return;
		}
}

/*
 * The tags reopen removed (mj_git_tag_delete keeps a record of each) stay
 * as they were before the fetch: the remote's copy of one, which the next
 * push removes, never comes back.  tags: every tag before the fetch.
 */
static int keep_removed_tags(struct mj_repo *repo, const struct mjg_refs *tags)
{
	struct mjg_refs removed, was;
	int rc = 0;

	mjg_refs_collect(repo->repo, MJG_REMOVED_TAGS "*", &removed);
	for (size_t i = 0; i < removed.names.len && rc == 0; i++) {
		char *name = mj_xasprintf("refs/tags/%s", removed.names.items[i] +
					  strlen(MJG_REMOVED_TAGS));
		ref_as_it_was(tags, name, &was);
		rc = mjg_refs_restore(repo->repo, name, &was);
		mjg_refs_free(&was);
		free(name);
	}
	mjg_refs_free(&removed);
	return rc;
}

/* Is the object id (a tag: what it tags, in turn) a commit. */
static bool names_commit(git_repository *repo, const git_oid *id)
{
	git_object *obj = NULL, *peeled = NULL;
	bool commit = git_object_lookup(&obj, repo, id, GIT_OBJECT_ANY) == 0 &&
		      git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) == 0;

	git_object_free(peeled);
	git_object_free(obj);
	git_error_clear();
	return commit;
}

/*
 * A SLUG/closed tag the fetch brought that names no commit (another
 * clone pointed it at a tree or a file) is not taken: it is put back as
 * it was before the fetch (tags), and named, with who must remove it.
 * Taken, it would stop every later push of the journal's tags.
 */
static int refuse_odd_tags(struct mj_repo *repo, const char *remote,
			   const struct mjg_refs *tags)
{
	struct mjg_refs now;
	int rc = 0;

	mjg_refs_collect(repo->repo, "refs/tags/*", &now);
	for (size_t i = 0; i < now.names.len && rc == 0; i++) {
		const char *name = now.names.items[i];
		struct mjg_refs was;
		if (!mj_str_ends_with(name, "/closed") ||
		    names_commit(repo->repo, &now.ids[i]))
			continue;
		ref_as_it_was(tags, name, &was);
		/* one that was here already is this clone's, said at push */
		if (!was.names.len || !git_oid_equal(&was.ids[0], &now.ids[i])) {
			char *shown = mj_visible(name + 10, false);
			fprintf(stderr, "mjournal: %s's tag %s names no commit, so it "
				"was not taken\n", remote, shown);
			fprintf(stderr, "hint: whoever pushed it must remove it there: "
				"git push %s :refs/tags/%s\n", remote, shown);
			free(shown);
			rc = mjg_refs_restore(repo->repo, name, &was);
		}
		mjg_refs_free(&was);
	}
	mjg_refs_free(&now);
	return rc;
}

static int integrate(struct mj_repo *repo, const struct tracking *t,
		     const char *owner, struct mj_sync_result *out)
{
	git_reference *upstream_ref = NULL;
	git_annotated_commit *upstream = NULL;
	git_merge_analysis_t analysis;
	git_merge_preference_t preference;
	char *label = NULL, *branch = NULL;
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
	label = mj_xasprintf("%s/%s", t->remote, t->merge + 11);
	branch = mj_xasprintf("refs/heads/%s", t->branch);
	if (analysis & GIT_MERGE_ANALYSIS_UP_TO_DATE) {
		out->up_to_date = true;
		rc = 0;
	} else if (analysis & (GIT_MERGE_ANALYSIS_UNBORN |
			       GIT_MERGE_ANALYSIS_FASTFORWARD)) {
		rc = mjg_fast_forward(repo, branch, git_annotated_commit_id(upstream),
				      analysis & GIT_MERGE_ANALYSIS_UNBORN, label);
		out->fast_forward = rc == 0;
	} else {
		rc = mjg_merge(repo, git_annotated_commit_id(upstream), label,
			       t->branch, owner, out);
	}
done:
	free(label);
	free(branch);
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
	for (size_t i = 0; i < refspecs->count; i++) { /* "[+]SRC:DST": SRC */
		const char *spec = refspecs->strings[i] +
				   (refspecs->strings[i][0] == '+');
		if (*spec != ':') /* ":DST" removes; it sends nothing */
			refs.strings[refs.count++] = mj_xstrndup(spec,
				strcspn(spec, ":"));
	}
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

/*
 * A remote whose HEAD names a branch it does not have (git init --bare
 * names master) gives a plain git clone nothing to check out.  Once a push
 * made the branch there: a bare repository on this machine gets its HEAD
 * pointed at it (out->head_set); for any other, which mjournal does not
 * change, a fresh look at what it offers says whether to tell the user
 * (out->head_dangling).
 */
static void remote_head_check(git_remote *remote, const char *branch,
			      const git_remote_callbacks *callbacks,
			      struct remote_payload *payload,
			      struct mj_sync_result *out)
{
	const char *url = git_remote_pushurl(remote) ? git_remote_pushurl(remote) :
			  git_remote_url(remote);
	const char *path = mjg_remote_local_path(url);
	git_repository *hub = NULL;
	git_reference *head = NULL, *target = NULL, *moved = NULL;
	const git_remote_head **heads = NULL;
	size_t n = 0;
	bool has_head = false;

	if (path) {
		if (git_repository_open_ext(&hub, path, GIT_REPOSITORY_OPEN_NO_SEARCH,
					    NULL) == 0 &&
		    git_repository_is_bare(hub) &&
		    git_reference_lookup(&head, hub, "HEAD") == 0 &&
		    git_reference_type(head) == GIT_REFERENCE_SYMBOLIC &&
		    git_reference_lookup(&target, hub,
					 git_reference_symbolic_target(head)) ==
			    GIT_ENOTFOUND &&
		    git_reference_symbolic_create(&moved, hub, "HEAD", branch, 1,
						  "mjournal push: the first branch") == 0)
			out->head_set = true;
		goto done;
	}
	payload->offered = false; /* a connection of its own */
	watch_start();
	if (git_remote_connect(remote, GIT_DIRECTION_FETCH, callbacks, NULL,
			       NULL) == 0 &&
	    git_remote_ls(&heads, &n, remote) == 0) {
		for (size_t i = 0; i < n; i++)
			if (!strcmp(heads[i]->name, "HEAD"))
				has_head = true;
		out->head_dangling = !has_head;
	}
	watch_stop();
	git_remote_disconnect(remote);
	callbacks_done(payload, n > 0);
done:
	git_reference_free(moved);
	git_reference_free(target);
	git_reference_free(head);
	git_repository_free(hub);
	git_error_clear();
}

static int push(struct mj_repo *repo, const struct tracking *t,
		struct mjg_credential *credential, struct mj_sync_result *out)
{
	git_remote *remote = NULL;
	git_push_options opts;
	struct remote_payload payload;
	git_reference *branch = NULL;
	git_strarray refspecs = { NULL, 0 }, tags = { NULL, 0 };
	struct mjg_refs removed;
	struct mjg_gcrypt_pushed pushed;
	char *lock;
	int rc = -1, lock_fd, encrypted = 0;

	memset(&payload, 0, sizeof(payload)); /* done: frees what it holds */
	mjg_refs_collect(repo->repo, MJG_REMOVED_TAGS "*", &removed);
	if (remote_open(&remote, repo, t->remote) < 0)
		goto done;
	/* the branch, and the tags close makes (SLUG/closed); a tag reopen
	 * removed is removed there too, or replaced when closed again */
	if (git_tag_list_match(&tags, "*/closed", repo->repo) < 0)
		git_error_clear();
	refspecs.strings = mj_xcalloc(tags.count + removed.names.len + 1,
				      sizeof(char *));
	refspecs.strings[refspecs.count++] =
		mj_xasprintf("refs/heads/%s:%s", t->branch, t->merge);
	for (size_t i = 0; i < tags.count; i++) {
		char *record = mj_xasprintf(MJG_REMOVED_TAGS "%s", tags.strings[i]);
		char *ref = mj_xasprintf("refs/tags/%s", tags.strings[i]);
		git_oid id;
		bool odd = git_reference_name_to_id(&id, repo->repo, ref) < 0 ||
			   !names_commit(repo->repo, &id);
		free(ref);
		if (odd) { /* not this journal's: never sent */
			char *shown = mj_visible(tags.strings[i], false);
			fprintf(stderr, "mjournal: the tag %s names no commit, so it "
				"was not pushed\n", shown);
			fprintf(stderr, "hint: remove it: git tag -d %s\n", shown);
			free(shown);
			free(record);
			continue;
		}
		refspecs.strings[refspecs.count++] =
			mj_xasprintf("%srefs/tags/%s:refs/tags/%s",
				     mj_strvec_contains(&removed.names, record) ?
				     "+" : "", tags.strings[i], tags.strings[i]);
		free(record);
	}
	for (size_t i = 0; i < removed.names.len; i++) {
		const char *name = removed.names.items[i] + strlen(MJG_REMOVED_TAGS);
		bool closed_again = false;
		for (size_t j = 0; j < tags.count; j++)
			closed_again |= !strcmp(tags.strings[j], name);
		if (!closed_again)
			refspecs.strings[refspecs.count++] =
				mj_xasprintf(":refs/tags/%s", name);
	}
	if (gate_push(repo, t, &refspecs) < 0)
		goto done;
	if ((encrypted = mjg_gcrypt_encrypted(repo->repo, t->remote, true)) < 0)
		goto done;
	git_push_options_init(&opts, GIT_PUSH_OPTIONS_VERSION);
	if (!encrypted)
		callbacks_init(&opts.callbacks, &payload, repo->repo, remote,
			       credential);
	payload.branch = t->merge;
	mj_fs_fault_point("before pushing");
	/* a push moves the remote-tracking refs too: held as a fetch */
	lock = fetch_lock(repo, t->remote, &lock_fd);
	if (encrypted) { /* git and git-remote-gcrypt send it */
		rc = mjg_gcrypt_push(repo->repo, t->remote, t->merge, &refspecs,
				     &pushed);
		payload.rejected = pushed.rejected;
		payload.moves_branch = pushed.moves_branch;
		payload.creates_branch = pushed.creates_branch;
		payload.tag_changes = pushed.tag_changes;
		if (lock)
			mj_lock_release_file(lock, lock_fd);
		free(lock);
		if (rc < 0)
			goto done;
	} else {
		note_hub_locks(repo, git_remote_url(remote), &refspecs);
		watch_start();
		rc = git_remote_push(remote, &refspecs, &opts);
		watch_stop();
		forget_hub_locks(repo);
		if (lock)
			mj_lock_release_file(lock, lock_fd);
		free(lock);
		callbacks_done(&payload, rc == 0 && !payload.rejected);
	}
	if (rc == GIT_ENONFASTFORWARD) {
		git_error_clear();
		mjg_fail("the remote has changes this journal does not have; run "
			 "mjournal sync to bring them in first");
		out->remote_moved = true;
		goto done;
	}
	if (rc < 0) {
		network_failure("push to", t->remote, git_remote_url(remote));
		goto done;
	}
	if (payload.rejected) {
		out->remote_moved = strstr(payload.rejected, "fast-forward") ||
				    strstr(payload.rejected, "fetch first");
		if (out->remote_moved)
			mjg_fail_own("the remote refused %s; run mjournal sync to bring "
				     "in its changes first", payload.rejected);
		else if (strstr(payload.rejected, "hook"))
			mjg_fail_own("the remote's hook refused the push (%s); its "
				     "reasons are above, from 'remote:'; fix what they "
				     "name and push again", payload.rejected);
		else
			mjg_fail_own("the remote refused %s; ask whoever keeps "
				     "it why", payload.rejected);
		rc = -1;
		goto done;
	}
	out->pushed = payload.moves_branch;
	out->pushed_tags = payload.tag_changes;
	out->pushed_nothing = !out->pushed && !out->pushed_tags;
	/* the remote has what reopen did: nothing more to remember */
	for (size_t i = 0; i < removed.names.len; i++)
		if (git_reference_remove(repo->repo, removed.names.items[i]) < 0)
			git_error_clear();
	if (payload.creates_branch && !encrypted)
		remote_head_check(remote, t->merge, &opts.callbacks, &payload, out);
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
	mjg_refs_free(&removed);
	return rc;
}

int mj_git_sync(struct mj_repo *repo, const char *remote, unsigned what,
		const char *owner, struct mj_sync_result *out)
{
	struct tracking t;
	struct mjg_refs branches, tags;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	memset(&branches, 0, sizeof(branches));
	memset(&tags, 0, sizeof(tags));
	if (!repo->credential) /* one for the whole command */
		repo->credential = mj_xcalloc(1, sizeof(*repo->credential));
	if (tracking_find(repo, remote, &t) < 0)
		goto done;
	out->remote = mj_xstrdup(t.remote);
	out->branch = mj_xstrdup(t.branch);
	if (what & MJ_SYNC_PULL) {
		/* the journal's branches are what it has; no file over the
		 * size limit is brought in, or read whole to bring it in */
		mjg_refs_collect(repo->repo, "refs/heads/*", &branches);
		mjg_refs_collect(repo->repo, "refs/tags/*", &tags);
		if (mjg_guard_objects(repo->repo) < 0 ||
		    fetch(repo, &t, &branches, repo->credential) < 0 ||
		    keep_removed_tags(repo, &tags) < 0 ||
		    refuse_odd_tags(repo, t.remote, &tags) < 0 ||
		    check_fetched(repo, &t, &branches) < 0 ||
		    integrate(repo, &t, owner, out) < 0)
			goto done;
		if (out->conflict) {
			rc = 0;
			goto done;
		}
	}
	if ((what & MJ_SYNC_PUSH) && push(repo, &t, repo->credential, out) < 0)
		goto done;
	rc = 0;
done:
	mjg_refs_free(&branches);
	mjg_refs_free(&tags);
	tracking_free(&t);
	return rc;
}

void mj_sync_result_free(struct mj_sync_result *r)
{
	free(r->remote);
	free(r->branch);
	for (size_t i = 0; i < r->n_conflicts; i++) {
		free(r->conflicts[i].path);
		free(r->conflicts[i].here);
		free(r->conflicts[i].there);
	}
	free(r->conflicts);
	free(r->ours_label);
	free(r->theirs_label);
	mj_strvec_free(&r->moved_from);
	mj_strvec_free(&r->moved_to);
	memset(r, 0, sizeof(*r));
}

void mj_git_closed_tags(struct mj_repo *repo, struct mj_strvec *out)
{
	git_strarray tags = { NULL, 0 };

	if (git_tag_list_match(&tags, "*/closed", repo->repo) == 0)
		for (size_t i = 0; i < tags.count; i++)
			mj_strvec_push(out, tags.strings[i]);
	git_strarray_dispose(&tags);
	git_error_clear();
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

/* The copy in dir as a repository mjournal reads. */
static struct mj_repo *mirror_repo(git_repository *repo, const char *dir)
{
	struct mj_repo *out = mj_xcalloc(1, sizeof(*out));

	out->repo = repo;
	out->root = mj_xstrdup(dir);
	out->prefix = mj_xstrdup("");
	return out;
}

/* Which branch a fetch read, and when, kept in the copy's own config for
 * mj_git_mirror_cached; a copy that cannot keep it is simply not used
 * when the remote is out of reach. */
static void remember_fetch(git_repository *repo, const char *ref)
{
	git_config *cfg = NULL;

	if (git_repository_config(&cfg, repo) < 0 ||
	    git_config_set_string(cfg, "mjournal.branch", ref) < 0 ||
	    git_config_set_int64(cfg, "mjournal.fetched", (int64_t)time(NULL)) < 0)
		git_error_clear();
	git_config_free(cfg);
}

int mj_git_mirror_cached(struct mj_repo **out, const char *dir, char **ref,
			 long long *fetched)
{
	git_repository *repo = NULL;
	git_reference *branch = NULL;
	git_config *cfg = NULL;
	git_buf name = { NULL, 0, 0 };
	int64_t when = 0;
	int rc = -1;

	mjg_ready();
	*out = NULL;
	*ref = NULL;
	if (git_repository_open_bare(&repo, dir) < 0 ||
	    git_repository_config_snapshot(&cfg, repo) < 0 ||
	    git_config_get_string_buf(&name, cfg, "mjournal.branch") < 0 ||
	    git_config_get_int64(&when, cfg, "mjournal.fetched") < 0 ||
	    git_reference_lookup(&branch, repo, name.ptr) < 0) {
		git_error_clear();
		git_repository_free(repo);
		goto done;
	}
	*ref = mj_xstrdup(name.ptr);
	*fetched = (long long)when;
	*out = mirror_repo(repo, dir);
	rc = 0;
done:
	git_reference_free(branch);
	git_buf_dispose(&name);
	git_config_free(cfg);
	return rc;
}

char *mj_git_ref_commit(struct mj_repo *repo, const char *ref)
{
	git_oid id;
	char hex[GIT_OID_HEXSZ + 1];

	if (git_reference_name_to_id(&id, repo->repo, ref) < 0) {
		git_error_clear();
		return NULL;
	}
	return mj_xstrdup(git_oid_tostr(hex, sizeof(hex), &id));
}

int mj_git_mirror(struct mj_repo **out, const char *dir, const char *url,
		  char **ref)
{
	char *shown = mj_url_redact(url); /* url itself is for libgit2 only */
	git_repository *repo = NULL;
	git_remote *remote = NULL;
	git_fetch_options opts;
	struct remote_payload payload;
	struct mjg_credential credential = { NULL, NULL, NULL, false };
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
	unreachable = false;
	if (git_repository_open_bare(&repo, dir) < 0 &&
	    git_repository_init(&repo, dir, 1) < 0) {
		mjg_fail("cannot make a copy of '%s' in '%s'", shown, dir);
		goto fail;
	}
	if (mjg_gcrypt_url(url)) { /* an encrypted hub: git and its helper */
		mjg_refs_collect(repo, "refs/heads/*", &had);
		if (mjg_guard_objects(repo) < 0 || mjg_gcrypt_mirror(repo, url) < 0)
			goto fail;
		goto fetched;
	}
	if (git_remote_create_anonymous(&remote, repo, url) < 0) {
		mjg_fail("'%s' is not a git remote", shown);
		goto fail;
	}
	git_fetch_options_init(&opts, GIT_FETCH_OPTIONS_VERSION);
	opts.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
	opts.update_fetchhead = 0;
	callbacks_init(&opts.callbacks, &payload, repo, remote, &credential);
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
	credential_free(&credential);
	if (rc < 0) {
		network_failure("fetch from", NULL, shown);
		goto fail;
	}
fetched:
	if (mjg_check_incoming(repo, branches, 1, &had, url) < 0) {
		char *why = mj_xstrdup(mj_git_error());
		mjg_refs_restore(repo, "refs/heads/*", &had);
		mjg_fail_own("%s", why);
		free(why);
		goto fail;
	}
	mjg_refs_free(&had);
	/* the branch the remote's HEAD names, else main, else master (an
	 * encrypted hub names none) */
	if (remote && git_remote_default_branch(&head, remote) == 0) {
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
	remember_fetch(repo, *ref);
	*out = mirror_repo(repo, dir);
	free(shown);
	return 0;
fail:
	mjg_refs_free(&had);
	git_remote_free(remote);
	git_repository_free(repo);
	free(shown);
	return -1;
}
