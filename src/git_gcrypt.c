/*
 * git_gcrypt.c - encrypted remotes: a hub in git-remote-gcrypt's format,
 * reached by running git with that remote helper (libgit2 cannot run
 * remote helpers), and GPG's keys, read by running gpg.
 *
 * A remote is encrypted when mjournal marked it so (mjournal remote add
 * --encrypted: the git setting mjournal.NAME.encrypted holds the hub's
 * URL) or when git reaches it through a gcrypt:: URL.  Such a remote is
 * never pushed in plain text: every URL git would use for it (after
 * insteadOf) must be gcrypt::, git, git-remote-gcrypt and gpg must be
 * there, and every participant's key must be in the keyring and able to
 * encrypt, or nothing is pushed.
 *
 * Part of the git module (it includes <git2.h> like git.c and shares its
 * private declarations in git_private.h).
 */
#include "git_private.h"
#include "mj_fs.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define GCRYPT_PREFIX "gcrypt::"
#define MARK_KEY "mjournal.%s.encrypted"
#define HELPER "git-remote-gcrypt"
#define PACK_S2K_COUNT "--s2k-count 65536" /* gpg's least above its floor */
#define NEEDS "encrypted remotes need git, git-remote-gcrypt and gpg " \
	"(Debian: apt install git git-remote-gcrypt gnupg)"

/* ---- running git and gpg ---- */

void mjg_run_free(struct mjg_run *r)
{
	mj_buf_free(&r->out);
	mj_buf_free(&r->err);
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/*
 * Runs argv (found on PATH) in dir (NULL: here), its standard output and
 * error kept in r, its input with->input (with NULL: nothing).  A run that
 * writes nothing for MJOURNAL_NETWORK_TIMEOUT seconds (network: true) is
 * stopped, with its helpers (a process group of its own).  0 when it ran
 * and exited 0.
 */
int mjg_run_given(const char *dir, const char *const *argv, bool network,
		  const struct mjg_run_with *with, struct mjg_run *r)
{
	int out[2], err[2] = { -1, -1 }, in[2] = { -1, -1 }, three = -1;
	struct sigaction pipe_was;
	pid_t pid;
	long limit = (long)mjg_network_timeout() * 1000, last;
	struct pollfd fds[3];
	int open_fds = 2;
	size_t written = 0;
	bool feed = with && with->input;

	memset(r, 0, sizeof(*r));
	r->status = 127;
	mj_buf_add(&r->out, "", 0);
	mj_buf_add(&r->err, "", 0);
	if (with && with->fd3) { /* a line, far smaller than a pipe holds */
		int p[2];
		size_t n = strlen(with->fd3);
		if (n >= 4096 || pipe(p) < 0)
			return -1;
		if (write(p[1], with->fd3, n) != (ssize_t)n ||
		    write(p[1], "\n", 1) != 1) {
			close(p[0]);
			close(p[1]);
			return -1;
		}
		close(p[1]);
		three = p[0];
	}
	if (pipe(out) < 0) {
		if (three >= 0)
			close(three);
		return -1;
	}
	if (pipe(err) < 0 || (feed && pipe(in) < 0)) {
		close(out[0]);
		close(out[1]);
		if (three >= 0)
			close(three);
		if (err[0] >= 0) {
			close(err[0]);
			close(err[1]);
		}
		return -1;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		if (three >= 0)
			close(three);
		close(out[0]);
		close(out[1]);
		close(err[0]);
		close(err[1]);
		if (feed) {
			close(in[0]);
			close(in[1]);
		}
		return -1;
	}
	if (pid == 0) {
		int null = feed ? in[0] : open("/dev/null", O_RDONLY);
		setpgid(0, 0);
		dup2(null, 0);
		dup2(out[1], 1);
		dup2(err[1], 2);
		if (three >= 0 && three != 3)
			dup2(three, 3);
		/* nothing of mjournal's stays open in git and its helpers: not
		 * the journal's lock, which must end with mjournal */
		for (int fd = three >= 0 ? 4 : 3; fd < 1024; fd++)
			close(fd);
		if (dir && chdir(dir) < 0)
			_exit(126);
		if (!isatty(STDIN_FILENO))
			setenv("GIT_TERMINAL_PROMPT", "0", 1);
		for (size_t i = 0; with && with->env && with->env[i]; i++)
			putenv((char *)(uintptr_t)with->env[i]);
		execvp(argv[0], (char *const *)(uintptr_t)argv);
		_exit(127);
	}
	close(out[1]);
	close(err[1]);
	if (three >= 0)
		close(three);
	fds[0].fd = out[0];
	fds[1].fd = err[0];
	fds[2].fd = -1;
	fds[0].events = fds[1].events = POLLIN;
	fds[2].events = POLLOUT;
	if (feed) {
		close(in[0]);
		fds[2].fd = in[1];
		/* a reader that stops early must not end mjournal */
		struct sigaction ignore;
		memset(&ignore, 0, sizeof(ignore));
		ignore.sa_handler = SIG_IGN;
		sigaction(SIGPIPE, &ignore, &pipe_was);
		if (!with->input_len) {
			close(in[1]);
			fds[2].fd = -1;
		}
	}
	last = now_ms();
	while (open_fds) {
		int n = poll(fds, 3, 1000);
		if (n < 0 && errno != EINTR)
			break;
		if (n <= 0) {
			if (network && now_ms() - last > limit) {
				r->timed_out = true;
				kill(-pid, SIGTERM);
				break;
			}
			continue;
		}
		if (feed && fds[2].fd >= 0 && fds[2].revents) {
			const char *input = with ? with->input : NULL;
			size_t input_len = with ? with->input_len : 0;
			ssize_t put = (fds[2].revents & POLLOUT) && input ?
				      write(fds[2].fd, input + written,
					    input_len - written) : -1;
			if (put > 0)
				written += (size_t)put;
			if (put <= 0 || written == input_len) {
				close(fds[2].fd);
				fds[2].fd = -1;
			}
		}
		for (int i = 0; i < 2; i++) {
			char buf[4096];
			ssize_t got;
			if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP)))
				continue;
			got = read(fds[i].fd, buf, sizeof(buf));
			if (got <= 0) {
				close(fds[i].fd);
				fds[i].fd = -1;
				open_fds--;
				continue;
			}
			mj_buf_add(i ? &r->err : &r->out, buf, (size_t)got);
			last = now_ms();
		}
	}
	for (int i = 0; i < 3; i++)
		if (fds[i].fd >= 0)
			close(fds[i].fd);
	if (feed)
		sigaction(SIGPIPE, &pipe_was, NULL);
	while (waitpid(pid, &r->status, 0) < 0 && errno == EINTR)
		;
	r->status = WIFEXITED(r->status) ? WEXITSTATUS(r->status) : 128;
	return r->status == 0 && !r->timed_out ? 0 : -1;
}

/* run_given with nothing more: no input, the same environment. */
int mjg_run(const char *dir, const char *const *argv, bool network,
	    struct mjg_run *r)
{
	return mjg_run_given(dir, argv, network, NULL, r);
}

/* The top of the work tree (the git folder of a bare repository). */
const char *mjg_top_of(git_repository *repo)
{
	const char *top = git_repository_workdir(repo);

	return top ? top : git_repository_path(repo);
}

/* Is program an executable file in one of the folders of path (':'). */
static bool on_path(const char *program, const char *path)
{
	bool found = false;
	char *copy = mj_xstrdup(path ? path : "");

	for (char *save = NULL, *dir = strtok_r(copy, ":", &save); dir && !found;
	     dir = strtok_r(NULL, ":", &save)) {
		char *file = mj_xasprintf("%s/%s", dir, program);
		found = access(file, X_OK) == 0;
		free(file);
	}
	free(copy);
	return found;
}

/* git and its helper are there: 0, or -1 after saying which is not (each
 * time: once found, they are taken to stay for the rest of the run). */
static int tools_present(void)
{
	const char *const version[] = { "git", "--exec-path", NULL };
	static bool found;
	struct mjg_run r;
	bool helper;

	if (found)
		return 0;
	/* both on PATH, as a Debian system has them: nothing to ask git */
	if (on_path("git", getenv("PATH")) && on_path(HELPER, getenv("PATH"))) {
		found = true;
		return 0;
	}
	if (mjg_run(NULL, version, false, &r) < 0) {
		mjg_run_free(&r);
		return mjg_fail_own("git is not installed, so nothing was sent "
				    "or fetched; " NEEDS);
	}
	mj_str_trim(r.out.ptr);
	helper = on_path(HELPER, getenv("PATH")) || on_path(HELPER, r.out.ptr);
	mjg_run_free(&r);
	if (!helper)
		return mjg_fail_own(HELPER " is not installed, so nothing was "
				    "sent or fetched; " NEEDS);
	found = true;
	return 0;
}

/* ---- which remotes are encrypted ---- */

static int config_set(git_repository *repo, const char *key, const char *value)
{
	git_config *cfg = NULL;
	int rc = git_repository_config(&cfg, repo);

	if (rc == 0)
		rc = value ? git_config_set_string(cfg, key, value) :
			     git_config_delete_entry(cfg, key);
	git_config_free(cfg);
	if (rc == GIT_ENOTFOUND && !value) {
		git_error_clear();
		return 0;
	}
	return rc < 0 ? mjg_fail("cannot write the git setting %s", key) : 0;
}

/*
 * Sets who may read remote name: gcrypt's participants, published.  With
 * them hidden, gpg 2.4 (Debian 13) tries each of its secret keys on each
 * reader's packet, says "ecdh failed" for each that is not the one, and
 * exits with 2 however the decryption ended: git-remote-gcrypt then
 * refuses a manifest every reader but the first could read.  Published,
 * each packet names the key it is for; the hub learns the readers' key
 * ids (never a name or an e-mail address, which are not in them).
 */
static int set_participants(git_repository *repo, const char *name,
			    const char *list)
{
	char *key = mj_xasprintf("remote.%s.gcrypt-participants", name);
	int rc = config_set(repo, key, list);

	free(key);
	if (rc == 0) {
		key = mj_xasprintf("remote.%s.gcrypt-publish-participants", name);
		rc = config_set(repo, key, "true");
		free(key);
	}
	return rc;
}

/* The hub's URL mjournal recorded for remote name, or NULL. */
static char *mark_of(git_repository *repo, const char *name)
{
	char *key = mj_xasprintf(MARK_KEY, name);
	char *url = mjg_config_string(repo, key);

	free(key);
	return url;
}

/* url without "file://" and trailing slashes; a path read from top. */
static char *hub_key(git_repository *repo, const char *url)
{
	char *plain, *real;
	size_t n;

	if (!strncmp(url, "file://", 7))
		url += 7;
	plain = mj_xstrdup(url);
	n = strlen(plain);
	while (n > 1 && plain[n - 1] == '/')
		plain[--n] = '\0';
	if (*plain == '/' || *plain == '.') {
		char *path = *plain == '/' ? mj_xstrdup(plain) :
			     mj_xasprintf("%s%s", mjg_top_of(repo), plain);
		if ((real = realpath(path, NULL))) {
			free(plain);
			plain = real;
		}
		free(path);
	}
	return plain;
}

/*
 * The name of the encrypted remote (as mjournal remembers them) whose hub
 * url reaches in plain text, or NULL; caller frees.
 */
static char *hub_owner(git_repository *repo, const char *url)
{
	git_config *cfg = NULL;
	git_config_iterator *it = NULL;
	git_config_entry *e;
	char *owner = NULL, *want = hub_key(repo, url);

	/* every entry, matched here: libgit2 1.5 leaks the match data of a
	 * glob's regular expression */
	if (git_repository_config_snapshot(&cfg, repo) == 0 &&
	    git_config_iterator_new(&it, cfg) == 0)
		while (!owner && git_config_next(&e, it) == 0) {
			char *hub;

			if (strncmp(e->name, "mjournal.", 9) ||
			    !mj_str_ends_with(e->name, ".encrypted") ||
			    strlen(e->name) <= 9 + strlen(".encrypted"))
				continue;
			hub = hub_key(repo, e->value);
			size_t n = strlen(hub);
			/* the same, or the same but for a ".git" */
			if (!strcmp(hub, want) ||
			    (!strncmp(hub, want, n) && !strcmp(want + n, ".git")) ||
			    (!strncmp(hub, want, strlen(want)) &&
			     !strcmp(hub + strlen(want), ".git")))
				owner = mj_xstrndup(e->name + 9, strlen(e->name) - 9 -
						    strlen(".encrypted"));
			free(hub);
		}
	git_config_iterator_free(it);
	git_config_free(cfg);
	git_error_clear();
	free(want);
	return owner;
}

/*
 * The URLs of remote name as git would use them, read from the settings
 * when git could not read them otherwise: no URL rewritten (insteadOf,
 * pushInsteadOf), no settings included or given in the environment.
 * 0, or 1 when git must be asked.
 */
static int urls_as_set(git_repository *repo, const char *name, bool push,
		       struct mj_strvec *out)
{
	static const char *const env[] = { "GIT_CONFIG_PARAMETERS",
					   "GIT_CONFIG_COUNT", "GIT_CONFIG_GLOBAL",
					   "GIT_CONFIG_SYSTEM", "GIT_CONFIG_NOSYSTEM",
					   NULL };
	git_config *cfg = NULL;
	git_config_iterator *it = NULL;
	git_config_entry *e;
	char *url_key = mj_xasprintf("remote.%s.url", name);
	char *push_key = mj_xasprintf("remote.%s.pushurl", name);
	struct mj_strvec urls = MJ_STRVEC_INIT, pushurls = MJ_STRVEC_INIT;
	int rc = 0;

	for (size_t i = 0; env[i]; i++)
		if (getenv(env[i]))
			rc = 1;
	if (rc == 0 && (git_repository_config_snapshot(&cfg, repo) < 0 ||
			git_config_iterator_new(&it, cfg) < 0))
		rc = 1;
	while (rc == 0 && git_config_next(&e, it) == 0) {
		if ((!strncasecmp(e->name, "url.", 4) &&
		     (mj_str_ends_with(e->name, ".insteadof") ||
		      mj_str_ends_with(e->name, ".pushinsteadof"))) ||
		    !strncasecmp(e->name, "include", 7))
			rc = 1;
		else if (!strcmp(e->name, url_key) && e->value)
			mj_strvec_push(&urls, e->value);
		else if (!strcmp(e->name, push_key) && e->value)
			mj_strvec_push(&pushurls, e->value);
	}
	if (rc == 0 && !urls.len)
		rc = 1; /* git's own words for a remote without a URL */
	for (size_t i = 0; rc == 0 && push && pushurls.len && i < pushurls.len; i++)
		mj_strvec_push(out, pushurls.items[i]);
	for (size_t i = 0; rc == 0 && !(push && pushurls.len) && i < urls.len; i++)
		mj_strvec_push(out, urls.items[i]);
	git_config_iterator_free(it);
	git_config_free(cfg);
	git_error_clear();
	mj_strvec_free(&urls);
	mj_strvec_free(&pushurls);
	free(url_key);
	free(push_key);
	return rc;
}

/*
 * Every URL git would use for remote name to fetch (push: false) or push,
 * as git itself resolves them (insteadOf, pushurl): 0, or -1 after saying
 * why.
 */
static int urls_of(git_repository *repo, const char *name, bool push,
		   struct mj_strvec *out)
{
	const char *const fetch_argv[] = { "git", "remote", "get-url", "--all",
					   "--", name, NULL };
	const char *const push_argv[] = { "git", "remote", "get-url", "--push",
					  "--all", "--", name, NULL };
	struct mjg_run r;
	int rc;

	if (tools_present() < 0)
		return -1;
	if (urls_as_set(repo, name, push, out) == 0)
		return 0;
	rc = mjg_run(mjg_top_of(repo), push ? push_argv : fetch_argv, false, &r);
	if (rc == 0)
		for (char *save = NULL, *line = strtok_r(r.out.ptr, "\n", &save);
		     line; line = strtok_r(NULL, "\n", &save))
			mj_strvec_push(out, line);
	else
		mjg_fail_own("no remote '%s'; see git remote -v", name);
	mjg_run_free(&r);
	return rc;
}

int mjg_gcrypt_encrypted(git_repository *repo, const char *name, bool push)
{
	git_remote *remote = NULL;
	char *mark = mark_of(repo, name);
	bool gcrypt = false;
	struct mj_strvec urls = MJ_STRVEC_INIT;
	int rc = 0;

	if (git_remote_lookup(&remote, repo, name) == 0) {
		const char *url = git_remote_url(remote);
		const char *pushurl = git_remote_pushurl(remote);
		gcrypt = (url && !strncmp(url, GCRYPT_PREFIX, strlen(GCRYPT_PREFIX))) ||
			 (pushurl && !strncmp(pushurl, GCRYPT_PREFIX,
					      strlen(GCRYPT_PREFIX)));
	}
	if (!mark && !gcrypt && remote) {
		/* another name for an encrypted remote's hub, in plain text */
		const char *url = push && git_remote_pushurl(remote) ?
				  git_remote_pushurl(remote) : git_remote_url(remote);
		char *owner = url ? hub_owner(repo, url) : NULL;
		if (owner) {
			char *shown = mj_url_redact(url);
			rc = mjg_fail_own("nothing was %s: the remote '%s' reaches %s in "
					  "plain text, the hub of the encrypted remote "
					  "'%s'; use that one (mjournal sync %s)",
					  push ? "pushed" : "fetched", name, shown, owner,
					  owner);
			free(shown);
			free(owner);
			git_remote_free(remote);
			return rc;
		}
	}
	git_remote_free(remote);
	git_error_clear();
	if (!mark && !gcrypt)
		return 0;
	if (!mark) { /* a clone of an encrypted hub: remembered as one */
		char *key = mj_xasprintf(MARK_KEY, name);
		git_remote *r = NULL;
		if (git_remote_lookup(&r, repo, name) == 0 && git_remote_url(r) &&
		    !strncmp(git_remote_url(r), GCRYPT_PREFIX, strlen(GCRYPT_PREFIX)))
			config_set(repo, key, git_remote_url(r) + strlen(GCRYPT_PREFIX));
		git_remote_free(r);
		git_error_clear();
		free(key);
	}
	/* what git would really use: every URL must go through the helper */
	if (urls_of(repo, name, push, &urls) < 0) {
		rc = -1;
		goto done;
	}
	for (size_t i = 0; i < urls.len; i++)
		if (strncmp(urls.items[i], GCRYPT_PREFIX, strlen(GCRYPT_PREFIX))) {
			char *shown = mj_url_redact(urls.items[i]);
			rc = mjg_fail_own("nothing was %s: the remote '%s' is "
					  "encrypted, and git would reach it in "
					  "plain text at '%s'; set it back with "
					  "git remote set-url %s%s gcrypt::URL",
					  push ? "pushed" : "fetched", name, shown,
					  push ? "--push " : "", name);
			free(shown);
			goto done;
		}
	rc = 1;
done:
	mj_strvec_free(&urls);
	free(mark);
	return rc;
}

/* ---- keys ---- */

/*
 * What gpg knows of key (a fingerprint, a key id, an e-mail address):
 * its fingerprint and first user id, and what makes it unusable to
 * encrypt to (NULL: nothing).  -1 when gpg cannot be run.
 */
static int key_look(const char *key, char **fpr, char **uid, char **problem)
{
	const char *const argv[] = { "gpg", "--batch", "--no-tty", "--with-colons",
				     "--fixed-list-mode", "--list-keys", "--", key,
				     NULL };
	struct mjg_run r;
	size_t keys = 0;
	bool usable = false, in_pub = false;
	char validity = 0;

	*fpr = *uid = *problem = NULL;
	if (mjg_run(NULL, argv, false, &r) < 0 && r.status == 127) {
		mjg_run_free(&r);
		return mjg_fail_own("gpg is not installed, so nothing was sent; "
				    NEEDS);
	}
	for (char *save = NULL, *line = strtok_r(r.out.ptr, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *field[13] = { NULL };
		size_t n = 0;
		for (char *p = line; n < 13; n++) {
			field[n] = p;
			p = strchr(p, ':');
			if (!p)
				break;
			*p++ = '\0';
		}
		if (!strcmp(field[0], "pub")) {
			keys++;
			in_pub = true;
			validity = field[1] ? field[1][0] : 0;
			usable = n >= 11 && field[11] && strchr(field[11], 'E');
		} else if (!strcmp(field[0], "fpr") && in_pub && keys == 1 && n >= 9) {
			*fpr = mj_xstrdup(field[9]);
			in_pub = false;
		} else if (!strcmp(field[0], "uid") && keys == 1 && !*uid && n >= 9) {
			*uid = mj_xstrdup(field[9]);
		} else if (strcmp(field[0], "fpr")) {
			in_pub = false;
		}
	}
	mjg_run_free(&r);
	if (keys == 0)
		*problem = mj_xstrdup("not in your keyring");
	else if (keys > 1)
		*problem = mj_xstrdup("names several keys; name one by its "
				      "fingerprint");
	else if (validity == 'e')
		*problem = mj_xstrdup("expired");
	else if (validity == 'r')
		*problem = mj_xstrdup("revoked");
	else if (validity == 'd' || validity == 'i')
		*problem = mj_xstrdup("disabled or invalid");
	else if (!usable)
		*problem = mj_xstrdup("has no key that can encrypt (expired?)");
	return 0;
}

/* Is the secret part of key (a fingerprint) in the keyring. */
static bool key_secret(const char *fpr)
{
	const char *const argv[] = { "gpg", "--batch", "--no-tty", "--with-colons",
				     "--list-secret-keys", "--", fpr, NULL };
	struct mjg_run r;
	bool have = mjg_run(NULL, argv, false, &r) == 0 && strstr(r.out.ptr, "\nsec:");

	have = have || (r.out.ptr && !strncmp(r.out.ptr, "sec:", 4));
	mjg_run_free(&r);
	return have;
}

/* The participants gcrypt encrypts to for remote name, as it reads them. */
char *mjg_participants_of(git_repository *repo, const char *name)
{
	char *key = mj_xasprintf("remote.%s.gcrypt-participants", name);
	char *value = mjg_config_string(repo, key);

	free(key);
	if (!value || !*value) {
		free(value);
		value = mjg_config_string(repo, "gcrypt.participants");
	}
	if (value && (!*value || !strcmp(value, "simple"))) {
		free(value);
		value = NULL;
	}
	return value;
}

void mjg_split_words(const char *text, struct mj_strvec *out)
{
	char *copy = mj_xstrdup(text ? text : "");

	for (char *save = NULL, *w = strtok_r(copy, " \t", &save); w;
	     w = strtok_r(NULL, " \t", &save))
		mj_strvec_push(out, w);
	free(copy);
}

/*
 * Every participant of remote name can be encrypted to, and this keyring
 * holds the secret key of one of them (gcrypt signs with it; a reader
 * accepts only a participant's signature): 0, or -1 after naming the
 * key and what to do.
 */
int mjg_keys_usable(git_repository *repo, const char *name)
{
	char *list = mjg_participants_of(repo, name);
	struct mj_strvec keys = MJ_STRVEC_INIT;
	bool secret = false;
	int rc = 0;

	if (!list)
		return mjg_fail_own("nothing was pushed: the encrypted remote '%s' "
				    "names no one who may read it (git config "
				    "remote.%s.gcrypt-participants is empty); add "
				    "keys with mjournal remote keys %s --add KEY",
				    name, name, name);
	mjg_split_words(list, &keys);
	for (size_t i = 0; i < keys.len && rc == 0; i++) {
		char *fpr, *uid, *problem;
		if (key_look(keys.items[i], &fpr, &uid, &problem) < 0) {
			rc = -1;
			break;
		}
		if (problem)
			rc = mjg_fail_own("nothing was pushed: the key %s%s%s%s of "
					  "the encrypted remote '%s' is %s; import "
					  "or renew it (gpg --import, gpg "
					  "--quick-set-expire), or take it out: "
					  "mjournal remote keys %s --remove %s",
					  keys.items[i], uid ? " (" : "", uid ? uid : "",
					  uid ? ")" : "", name, problem, name,
					  keys.items[i]);
		else
			secret = secret || key_secret(fpr);
		free(fpr);
		free(uid);
		free(problem);
	}
	if (rc == 0 && !secret)
		rc = mjg_fail_own("nothing was pushed: none of the keys that may "
				  "read the encrypted remote '%s' is yours (no "
				  "secret key for them in your keyring), so its "
				  "readers would refuse your push; add yours with "
				  "mjournal remote keys %s --add KEY", name, name);
	mj_strvec_free(&keys);
	free(list);
	return rc;
}

/* ---- fetch and push ---- */

/* What git and the helper said, shown above an error (all), or only the
 * helper's warnings. */
static void show_words(const struct mjg_run *r, bool all)
{
	char *copy = mj_xstrdup(r->err.ptr ? r->err.ptr : "");

	for (char *save = NULL, *line = strtok_r(copy, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *shown;
		if (!all && (strncmp(line, "gcrypt:", 7) ||
			     !strstr(line, "WARNING")))
			continue;
		if (strchr(line, '\r'))
			line = strrchr(line, '\r') + 1; /* progress: the last */
		shown = mj_url_redact(line);
		fprintf(stderr, "%s\n", shown);
		free(shown);
	}
	free(copy);
}

void mjg_show_words(const struct mjg_run *r)
{
	show_words(r, true);
}

static int network_failed(const struct mjg_run *r, const char *what,
			  const char *name)
{
	if (r->timed_out)
		return mjg_fail_own("cannot %s '%s': no answer for %u seconds; the "
				    "journal is unchanged: try again, or set a longer "
				    "wait in MJOURNAL_NETWORK_TIMEOUT", what, name,
				    mjg_network_timeout());
	show_words(r, true);
	return mjg_fail_own("cannot %s the encrypted remote '%s' (git and "
			    HELPER " said why, above)", what, name);
}

static int lease_of(git_repository *repo, const char *name, bool push,
		    char **lease);

/*
 * What this process read of a hub: the lease the last fetch of remote
 * fetched_name took before it fetched.  A push to the same remote in the
 * same sync holds to it: the hub's branch unmoved since then, it has
 * nothing the fetch did not bring, so its refs need not be read again.
 */
static char *fetched_name, *fetched_lease;

#define SEEN_KEY "mjournal.%s.hub-seen"

/* The one line "ID URL" of lease, without its newline, when it has one
 * line and ID is a commit; else NULL.  Caller frees. */
static char *lease_line(const char *lease)
{
	const char *end = lease ? strchr(lease, '\n') : NULL;

	if (!end || end[1] || !strncmp(lease, "none ", 5))
		return NULL;
	return mj_xstrndup(lease, (size_t)(end - lease));
}

/* The hub of remote name is as seen (what mjournal last fetched from it,
 * or pushed to it), "ID URL": remembered for the next fetch. */
static void remember_seen(git_repository *repo, const char *name,
			  const char *seen)
{
	char *key = mj_xasprintf(SEEN_KEY, name);

	if (config_set(repo, key, seen) < 0)
		git_error_clear(); /* then the next sync fetches */
	free(key);
}

int mjg_gcrypt_fetch(git_repository *repo, const char *name)
{
	const char *const argv[] = { "git", "fetch", "--quiet", "--force", "--tags",
				     "--no-write-fetch-head", "--", name, NULL };
	char *lease = NULL, *line, *seen, *key;
	struct mjg_run r;
	int rc = 0;

	free(fetched_name);
	free(fetched_lease);
	fetched_name = fetched_lease = NULL;
	/* the hub's branch, read in plain: when it is where this journal
	 * last saw it, the helper (a manifest to decrypt) has nothing new */
	if (lease_of(repo, name, false, &lease) < 0)
		return -1;
	line = lease_line(lease);
	key = mj_xasprintf(SEEN_KEY, name);
	seen = mjg_config_string(repo, key);
	free(key);
	memset(&r, 0, sizeof(r));
	if (line && seen && !strcmp(line, seen)) {
		rc = 0;
	} else if (mjg_run(mjg_top_of(repo), argv, true, &r) < 0) {
		rc = network_failed(&r, "fetch from", name);
	} else {
		show_words(&r, false);
		if (line)
			remember_seen(repo, name, line);
	}
	mjg_run_free(&r);
	if (rc == 0) {
		fetched_name = mj_xstrdup(name);
		fetched_lease = lease;
		lease = NULL;
	}
	free(lease);
	free(line);
	free(seen);
	return rc;
}

bool mjg_gcrypt_url(const char *url)
{
	return url && !strncmp(url, GCRYPT_PREFIX, strlen(GCRYPT_PREFIX));
}

/* Was the last mirror refused as no key of this keyring may read it. */
static bool not_a_reader;

int mjg_gcrypt_mirror(git_repository *repo, const char *url)
{
	const char *const argv[] = { "git", "fetch", "--quiet", "--force",
				     "--no-tags", "--no-write-fetch-head", "--", url,
				     "+refs/heads/*:refs/heads/*", NULL };
	char *shown = mj_url_redact(url);
	struct mjg_run r;
	int rc = 0;

	if (tools_present() < 0) {
		free(shown);
		return -1;
	}
	not_a_reader = false;
	if (mjg_run(git_repository_path(repo), argv, true, &r) < 0) {
		if (!r.timed_out && strstr(r.err.ptr, "Failed to decrypt manifest")) {
			/* said plainly, without the helper's words */
			not_a_reader = true;
			rc = mjg_fail_own("cannot fetch from the encrypted remote "
					  "'%s': none of the keys that may read it is "
					  "in your keyring; import yours (gpg --import), "
					  "or ask a reader to add it (mjournal remote "
					  "keys NAME --add KEY)", shown);
		} else {
			rc = network_failed(&r, "fetch from", shown);
		}
	}
	mjg_run_free(&r);
	free(shown);
	return rc;
}

bool mj_git_not_a_reader(void)
{
	return not_a_reader;
}

/*
 * The remote's refs as the hub's manifest lists them ("ID REF" lines,
 * git ls-remote's), for the check that a push only moves a branch
 * forward: git-remote-gcrypt replaces whatever the hub had.
 */
static int remote_refs(git_repository *repo, const char *name, struct mjg_run *r)
{
	const char *const argv[] = { "git", "ls-remote", "--quiet", "--", name,
				     NULL };

	if (mjg_run(mjg_top_of(repo), argv, true, r) < 0 &&
	    !strstr(r->err.ptr ? r->err.ptr : "", "Repository not found"))
		return network_failed(r, "read", name);
	return 0;
}

/* Would moving ref from what the hub has (hub_id) to src lose commits. */
bool mjg_loses_commits(git_repository *repo, const char *src,
			  const char *hub_id)
{
	git_oid hub, ours;
	bool loses = true;

	if (git_oid_fromstr(&hub, hub_id) < 0 ||
	    git_reference_name_to_id(&ours, repo, src) < 0) {
		git_error_clear();
		return true;
	}
	if (git_oid_equal(&hub, &ours) ||
	    git_graph_descendant_of(repo, &ours, &hub) == 1)
		loses = false;
	git_error_clear();
	return loses;
}

/* ---- pushes that cross: a lease on the hub's branch ---- */

#define LEASE_ENV "MJOURNAL_GCRYPT_LEASE"
#define PUSHED_ENV "MJOURNAL_GCRYPT_PUSHED" /* where the hook says what
						* the helper pushes */
#define LEASE_REFUSED "mjournal: the encrypted hub changed while this push " \
	"was made"
#define LEASE_HOOK "#!/bin/sh\n" \
	"# mjournal's, for its pushes to an encrypted hub: git-remote-gcrypt\n" \
	"# replaces the hub's branch with what it read before the push, so its\n" \
	"# push lands only while the branch is what mjournal read then (the\n" \
	"# lines \"ID URL\" of $" LEASE_ENV "); else another clone pushed\n" \
	"# meanwhile, and nothing is sent.  What it lets through it writes\n" \
	"# (\"ID URL\") to $" PUSHED_ENV ".\n" \
	"[ -n \"${" LEASE_ENV ":-}\" ] || exit 0\n" \
	"while read -r local_ref local_id remote_ref remote_id; do\n" \
	"\tcase $local_ref in refs/gcrypt/*) ;; *) continue ;; esac\n" \
	"\twant=$(printf '%s\\n' \"$" LEASE_ENV "\" | while read -r id url; do\n" \
	"\t\t[ \"$url\" = \"$2\" ] && echo \"$id\"; done)\n" \
	"\t[ -z \"$want\" ] && want=unknown\n" \
	"\t[ \"$want\" = none ] && case $remote_id in *[!0]*) ;; *) want=$remote_id ;; esac\n" \
	"\tif [ \"$remote_id\" != \"$want\" ]; then\n" \
	"\t\techo \"" LEASE_REFUSED " ($remote_ref)\" >&2\n" \
	"\t\texit 1\n" \
	"\tfi\n" \
	"\t[ -z \"${" PUSHED_ENV ":-}\" ] ||\n" \
	"\t\techo \"$local_id $2\" >>\"$" PUSHED_ENV "\"\n" \
	"done\n" \
	"exit 0\n"

/*
 * The git repository git-remote-gcrypt keeps the hub of gcrypt URL gurl
 * in (its "gitception"), as the plain URL its own git push is given, and
 * the branch there that holds the encrypted files; NULL for a hub it
 * writes as files (rsync, sftp, rclone, a folder that is no repository).
 * Decided as the helper decides (git-remote-gcrypt 1.5).
 */
static char *gitception_of(const char *gurl, char **branch)
{
	const char *url = gurl + (mjg_gcrypt_url(gurl) ? strlen(GCRYPT_PREFIX) : 0);
	char *plain, *hash, *head;
	bool files;

	*branch = NULL;
	if (!strncmp(url, "gitception://", 13))
		url += 13;
	plain = mj_xstrdup(url);
	if ((hash = strrchr(plain, '#')))
		*hash++ = '\0';
	head = mj_xasprintf("%s/HEAD", plain);
	files = !strncmp(plain, "sftp://", 7) || !strncmp(plain, "rsync://", 8) ||
		!strncmp(plain, "rclone://", 9) ||
		(*plain == '/' && access(head, F_OK) != 0);
	free(head);
	if (files) {
		free(plain);
		return NULL;
	}
	*branch = mj_xasprintf("refs/heads/%s", hash && *hash ? hash : "master");
	return plain;
}

/*
 * The lease for a push to remote name (push: its push URLs, else those
 * it fetches from): a line "ID URL" for each git repository it reaches
 * (ID: the branch of encrypted files there, or "none"), into *lease.
 * Read before git-remote-gcrypt reads the manifest, so a branch that is
 * still ID when the helper pushes has not moved since.  0, or -1 after
 * saying why.
 */
static int lease_of(git_repository *repo, const char *name, bool push,
		    char **lease)
{
	struct mj_strvec urls = MJ_STRVEC_INIT;
	struct mj_buf buf = MJ_BUF_INIT;
	int rc = 0;

	*lease = NULL;
	if (urls_of(repo, name, push, &urls) < 0)
		return -1;
	mj_buf_adds(&buf, "");
	for (size_t i = 0; i < urls.len && rc == 0; i++) {
		char *branch, *hub = gitception_of(urls.items[i], &branch);
		const char *argv[] = { "git", "ls-remote", "--", hub, branch, NULL };
		struct mjg_run r;

		char id[41];
		int here = hub ? mjg_hub_branch(hub, branch, id) : -1;

		if (!hub)
			continue;
		if (here >= 0) { /* on this machine: read as git would */
			mj_buf_addf(&buf, "%s %s\n", here ? "none" : id, hub);
			free(hub);
			free(branch);
			continue;
		}
		if (mjg_run(mjg_top_of(repo), argv, true, &r) < 0) {
			rc = network_failed(&r, "read", name);
		} else {
			char *tab = strchr(r.out.ptr, '\t');
			if (tab)
				*tab = '\0';
			mj_buf_addf(&buf, "%s %s\n", tab ? r.out.ptr : "none", hub);
		}
		mjg_run_free(&r);
		free(hub);
		free(branch);
	}
	mj_strvec_free(&urls);
	if (rc == 0)
		*lease = mj_buf_detach(&buf);
	else
		mj_buf_free(&buf);
	return rc;
}

/* Does lease (of the URLs remote name fetches from) name the very git
 * repositories a push to it reaches, in the same order. */
static bool lease_fits_push(git_repository *repo, const char *name,
			    const char *lease)
{
	struct mj_strvec urls = MJ_STRVEC_INIT;
	struct mj_buf want = MJ_BUF_INIT;
	const char *line = lease;
	bool fits;

	if (urls_of(repo, name, true, &urls) < 0) {
		git_error_clear();
		return false;
	}
	mj_buf_adds(&want, "");
	/* a hub kept as files has no lease: its refs must be read */
	fits = urls.len > 0;
	for (size_t i = 0; i < urls.len; i++) {
		char *branch, *hub = gitception_of(urls.items[i], &branch);
		if (hub)
			mj_buf_addf(&want, "%s\n", hub);
		fits = fits && hub;
		free(hub);
		free(branch);
	}
	/* each line of lease is "ID URL\n": compare the URLs in turn */
	for (const char *at = want.ptr; *at && fits;) {
		const char *end = strchr(at, '\n'), *sp = strchr(line, ' ');
		const char *eol = sp ? strchr(sp, '\n') : NULL;
		fits = sp && eol && (size_t)(eol - sp - 1) == (size_t)(end - at) &&
		       !strncmp(sp + 1, at, (size_t)(end - at));
		line = eol ? eol + 1 : line;
		at = end + 1;
	}
	fits = fits && !*line;
	mj_buf_free(&want);
	mj_strvec_free(&urls);
	return fits;
}

/*
 * The folder of hooks mjournal's pushes to an encrypted hub run with
 * (git -c core.hooksPath): its pre-push holds git-remote-gcrypt's push
 * to the lease.  Written when it is not there as it should be; NULL
 * after saying why.  (Pushes mjournal makes run no other hook, through
 * libgit2 or through git.)
 */
static char *lease_hooks(git_repository *repo)
{
	char *dir = mj_xasprintf("%smjournal-push-hooks", git_repository_path(repo));
	char *path = mj_xasprintf("%s/pre-push", dir), *have = NULL;
	size_t len = 0;
	struct stat st;

	if (mj_fs_read(path, 1 << 16, &have, &len) != MJ_READ_OK ||
	    strcmp(have, LEASE_HOOK) || stat(path, &st) < 0 ||
	    !(st.st_mode & S_IXUSR)) {
		if ((mkdir(dir, 0755) < 0 && errno != EEXIST) ||
		    mj_fs_write(path, LEASE_HOOK, strlen(LEASE_HOOK),
				MJ_WRITE_REPLACE) < 0 ||
		    chmod(path, 0755) < 0) {
			mjg_fail_own("nothing was pushed: cannot write '%s': %s",
				     path, strerror(errno));
			free(dir);
			dir = NULL;
		}
	}
	free(have);
	free(path);
	return dir;
}

/*
 * The gpg options the helper runs gpg with (gcrypt.gpg-args), as a git -c
 * setting: the user's, and an iteration count for the passphrase of each
 * pack.  That passphrase is 63 random bytes the helper draws, so stretching
 * it adds nothing, and gpg's default (calibrated by its agent to a tenth of
 * a second at least, the largest count on a fast machine) costs that much
 * to encrypt each pack and again to decrypt it on every fetch.  A count
 * the user set stays theirs; readers need nothing: the count is in the
 * packet.
 */
static char *gpg_args_setting(git_repository *repo)
{
	char *mine = mjg_config_string(repo, "gcrypt.gpg-args");
	char *setting;

	if (mine && strstr(mine, "--s2k-"))
		setting = mj_xasprintf("gcrypt.gpg-args=%s", mine);
	else
		setting = mj_xasprintf("gcrypt.gpg-args=%s%s" PACK_S2K_COUNT,
				       mine ? mine : "", mine && *mine ? " " : "");
	free(mine);
	return setting;
}

/* Is line ("ID URL") one of the lines of list. */
static bool has_line(const char *list, const char *line, size_t len)
{
	for (const char *at = list; at && *at;) {
		const char *end = strchr(at, '\n');
		size_t n = end ? (size_t)(end - at) : strlen(at);
		if (n == len && !strncmp(at, line, len))
			return true;
		at = end ? end + 1 : NULL;
	}
	return false;
}

/*
 * After a push that failed without a word on any reference: did another
 * clone's push land between the hook's look at the hub and the helper's
 * own push (which the hub then refused, as its branch was no longer what
 * that push expected)?  True when the hub's branch is now neither what
 * the lease said nor what the hook let through (pushed, its file).
 * Nothing of this push landed then: sync may fetch and push again.
 */
static bool hub_moved_meanwhile(git_repository *repo, const char *name,
				const char *lease, const char *pushed)
{
	char *now = NULL, *ours = NULL;
	size_t len = 0;
	bool moved = false;

	if (lease_of(repo, name, true, &now) < 0) {
		git_error_clear();
		return false;
	}
	if (mj_fs_read(pushed, 1 << 16, &ours, &len) != MJ_READ_OK)
		ours = NULL;
	for (const char *at = now; at && *at && !moved;) {
		const char *end = strchr(at, '\n');
		size_t n = end ? (size_t)(end - at) : strlen(at);
		moved = !has_line(lease, at, n) && !has_line(ours, at, n);
		at = end ? end + 1 : NULL;
	}
	free(now);
	free(ours);
	return moved;
}

/*
 * The push to remote name made by mjournal itself when its hub is a bare
 * repository on this machine and lease (one line "ID URL") says where its
 * branch was: as mjg_gcrypt_push says, or 1 when it is the helper's to
 * make (MJOURNAL_GCRYPT_HELPER=1 makes every push the helper's).
 */
static int push_here(git_repository *repo, const char *name, const char *branch,
		     const char *lease, const git_strarray *refspecs,
		     struct mjg_gcrypt_pushed *out)
{
	struct mj_strvec urls = MJ_STRVEC_INIT;
	char *line = lease_line(lease), *hub = NULL, *hub_branch = NULL;
	char *url, now[41] = "";
	const char *helper = getenv("MJOURNAL_GCRYPT_HELPER");
	int rc = 1;

	if ((helper && !strcmp(helper, "1")) || !line || !(url = strchr(line, ' ')))
		goto done;
	*url++ = '\0';
	if (urls_of(repo, name, true, &urls) < 0) {
		rc = -1;
		goto done;
	}
	if (urls.len != 1 || !(hub = gitception_of(urls.items[0], &hub_branch)) ||
	    strcmp(hub, url))
		goto done;
	rc = mjg_hub_push(repo, name, url, hub_branch, line, branch,
			  refspecs, out, now);
	if (rc == 0 && !out->rejected && *now) {
		char *seen = mj_xasprintf("%s %s", now, url);
		remember_seen(repo, name, seen);
		free(seen);
	}
	if (rc != 1) {
		free(fetched_name);
		free(fetched_lease);
		fetched_name = fetched_lease = NULL;
	}
done:
	mj_strvec_free(&urls);
	free(line);
	free(hub);
	free(hub_branch);
	return rc;
}

int mjg_gcrypt_push(git_repository *repo, const char *name,
		    const char *branch, const git_strarray *refspecs,
		    struct mjg_gcrypt_pushed *out)
{
	const char **argv = mj_xcalloc(refspecs->count + 12, sizeof(char *));
	/* no one's name in what the hub's git writes of the push either (a
	 * reflog, when the hub keeps one) */
	const char *env[5] = { NULL, NULL, "GIT_COMMITTER_NAME=root",
			       "GIT_COMMITTER_EMAIL=root@localhost", NULL };
	struct mjg_run_with with = { NULL, 0, env, NULL };
	struct mjg_run r, refs;
	char *lease = NULL, *dir = NULL, *hooks = NULL, *lease_env = NULL;
	char *pushed = NULL, *pushed_env = NULL, *publish = NULL, *gpg = NULL;
	/* the lease this sync's fetch took: the hub is what it fetched */
	bool fetched = fetched_name && !strcmp(fetched_name, name) &&
		       fetched_lease && lease_fits_push(repo, name, fetched_lease);
	size_t n = 0;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	memset(&r, 0, sizeof(r));
	memset(&refs, 0, sizeof(refs));
	if (fetched)
		lease = mj_xstrdup(fetched_lease);
	else if (lease_of(repo, name, true, &lease) < 0) {
		free(argv);
		return -1;
	}
	/* a hub on this machine: written here, unless it is one for the
	 * helper (see git_gcrypt_hub.c) */
	if ((rc = push_here(repo, name, branch, lease, refspecs, out)) != 1) {
		free(argv);
		free(lease);
		return rc;
	}
	rc = -1;
	/* the lease first: what the helper reads after it is at least as new */
	if (mjg_keys_usable(repo, name) < 0 || !(dir = lease_hooks(repo)) ||
	    (!fetched && remote_refs(repo, name, &refs) < 0)) {
		mjg_run_free(&refs);
		free(argv);
		free(dir);
		free(lease);
		return -1;
	}
	/* a ref the hub has that the push would not move forward (none to
	 * read when the fetch's lease holds) */
	for (char *save = NULL, *line = refs.out.ptr ?
	     strtok_r(refs.out.ptr, "\n", &save) : NULL; line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *tab = strchr(line, '\t');
		if (!tab)
			continue;
		*tab = '\0';
		for (size_t i = 0; i < refspecs->count; i++) {
			const char *spec = refspecs->strings[i];
			const char *dst = strchr(spec, ':');
			char *src;
			if (*spec == '+' || !dst || strcmp(dst + 1, tab + 1) ||
			    dst == spec)
				continue;
			src = mj_xstrndup(spec, (size_t)(dst - spec));
			if (mjg_loses_commits(repo, src, line)) {
				out->rejected = mj_xasprintf("%s (fetch first)",
							     tab + 1);
				free(src);
				mjg_run_free(&refs);
				free(argv);
				free(dir);
				free(lease);
				return 0;
			}
			free(src);
		}
	}
	mjg_run_free(&refs);
	hooks = mj_xasprintf("core.hooksPath=%s", dir);
	env[0] = lease_env = mj_xasprintf(LEASE_ENV "=%s", lease);
	pushed = mj_xasprintf("%s/pushed", dir);
	env[1] = pushed_env = mj_xasprintf(PUSHED_ENV "=%s", pushed);
	if (unlink(pushed) < 0 && errno != ENOENT) {
		mjg_fail_own("nothing was pushed: cannot remove '%s': %s", pushed,
			     strerror(errno));
		goto done;
	}
	/* the readers published whatever the remote's settings say, so that
	 * gpg 2.4 can read what mjournal pushes (set_participants) */
	publish = mj_xasprintf("remote.%s.gcrypt-publish-participants=true", name);
	argv[n++] = "git";
	argv[n++] = "-c";
	argv[n++] = hooks;
	argv[n++] = "-c";
	argv[n++] = publish;
	argv[n++] = "-c";
	argv[n++] = gpg = gpg_args_setting(repo);
	argv[n++] = "push";
	argv[n++] = "--porcelain";
	argv[n++] = "--";
	argv[n++] = name;
	for (size_t i = 0; i < refspecs->count; i++)
		argv[n++] = refspecs->strings[i];
	argv[n] = NULL;
	if (mjg_run_given(mjg_top_of(repo), argv, true, &with, &r) < 0 &&
	    strstr(r.err.ptr, LEASE_REFUSED)) {
		/* another clone pushed since the lease: nothing was sent */
		out->rejected = mj_xasprintf("%s (fetch first: another clone "
					     "pushed meanwhile)", branch);
		rc = 0;
		goto done;
	}
	if (r.status && !strstr(r.out.ptr, "\n!\t") &&
	    strncmp(r.out.ptr, "!\t", 2)) {
		if (!r.timed_out && hub_moved_meanwhile(repo, name, lease, pushed)) {
			out->rejected = mj_xasprintf("%s (fetch first: another "
						     "clone pushed meanwhile)",
						     branch);
			rc = 0;
			goto done;
		}
		network_failed(&r, "push to", name);
		goto done;
	}
	/* "FLAG\tSRC:DST\tSUMMARY": ' ' forward, '+' forced, '-' removed,
	 * '*' new, '!' refused, '=' the same */
	for (char *save = NULL, *line = strtok_r(r.out.ptr, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char flag = line[0], *spec, *dst, *summary;
		if (line[1] != '\t' || !(spec = line + 2) ||
		    !(summary = strchr(spec, '\t')))
			continue;
		*summary++ = '\0';
		dst = strchr(spec, ':');
		dst = dst ? dst + 1 : spec;
		if (flag == '!') {
			if (!out->rejected)
				out->rejected = mj_xasprintf("%s %s", dst, summary);
		} else if (flag != '=' && !strcmp(dst, branch)) {
			out->moves_branch = true;
			out->creates_branch = flag == '*';
		} else if (flag != '=' && !strncmp(dst, "refs/tags/", 10)) {
			out->tag_changes++;
		}
	}
	show_words(&r, false);
	/* the hub's branch is now what the helper pushed, as this journal
	 * has it: the next fetch needs not ask the helper */
	if (!out->rejected && r.status == 0) {
		char *said = NULL, *line = lease_line(lease), *url;
		size_t len = 0;
		if (line && mj_fs_read(pushed, 4096, &said, &len) == MJ_READ_OK &&
		    (url = strchr(line, ' ')) && strchr(said, '\n') &&
		    !strchr(said, '\n')[1]) {
			char *end = strchr(said, ' ');
			mj_str_trim(said);
			if (end && !strcmp(end, url))
				remember_seen(repo, name, said);
		}
		free(said);
		free(line);
	}
	free(fetched_name);
	free(fetched_lease);
	fetched_name = fetched_lease = NULL;
	rc = 0;
done:
	mjg_run_free(&r);
	free(argv);
	free(dir);
	free(lease);
	free(hooks);
	free(publish);
	free(gpg);
	free(lease_env);
	free(pushed);
	free(pushed_env);
	return rc;
}

/* ---- adding an encrypted remote, and its keys ---- */

/*
 * The fingerprints of keys (each checked: in the keyring, able to
 * encrypt), appended to out: 0, or -1 after naming the key at fault.
 */
static int fingerprints(const struct mj_strvec *keys, struct mj_strvec *out)
{
	for (size_t i = 0; i < keys->len; i++) {
		char *fpr, *uid, *problem;
		int rc = 0;
		if (key_look(keys->items[i], &fpr, &uid, &problem) < 0)
			return -1;
		if (problem)
			rc = mjg_fail_own("the key '%s' is %s; nothing changed "
					  "(gpg --import it first, or name another)",
					  keys->items[i], problem);
		else if (!mj_strvec_contains(out, fpr))
			mj_strvec_push(out, fpr);
		free(fpr);
		free(uid);
		free(problem);
		if (rc < 0)
			return rc;
	}
	return 0;
}

static char *joined(const struct mj_strvec *words)
{
	struct mj_buf buf = MJ_BUF_INIT;

	for (size_t i = 0; i < words->len; i++)
		mj_buf_addf(&buf, "%s%s", i ? " " : "", words->items[i]);
	return mj_buf_detach(&buf);
}

/* The fingerprint of key, when the keyring has it alone; else NULL. */
static char *fingerprint_of(const char *key)
{
	char *fpr = NULL, *uid = NULL, *problem = NULL;

	if (key_look(key, &fpr, &uid, &problem) < 0)
		git_error_clear();
	free(uid);
	free(problem);
	return fpr;
}

/* One of fprs is a key whose secret part is in the keyring. */
static bool one_is_mine(const struct mj_strvec *fprs)
{
	for (size_t i = 0; i < fprs->len; i++)
		if (key_secret(fprs->items[i]))
			return true;
	return false;
}

int mj_git_remote_add(struct mj_repo *repo, const char *name, const char *url,
		      bool encrypted, const struct mj_strvec *keys)
{
	git_remote *remote = NULL;
	struct mj_strvec fprs = MJ_STRVEC_INIT;
	char *mark = mark_of(repo->repo, name), *gurl = NULL, *list = NULL, *key;
	char *owner;
	const char *hub = url;
	int rc = -1;

	if (!strncmp(hub, GCRYPT_PREFIX, strlen(GCRYPT_PREFIX)))
		hub += strlen(GCRYPT_PREFIX);
	if (mark && !encrypted) {
		mjg_fail_own("the remote '%s' was encrypted; nothing changed (add "
			     "it again with --encrypted, or choose another name)",
			     name);
		goto done;
	}
	if (!encrypted && (owner = hub_owner(repo->repo, url))) {
		mjg_fail_own("'%s' is the hub of the encrypted remote '%s', and a "
			     "plain remote there would send the journal in plain "
			     "text; use '%s' (nothing changed)", url, owner, owner);
		free(owner);
		goto done;
	}
	if (git_remote_lookup(&remote, repo->repo, name) == 0) {
		mjg_fail_own("there is a remote '%s' already; nothing changed "
			     "(see git remote -v)", name);
		goto done;
	}
	git_error_clear();
	if (encrypted) {
		if (!keys->len) {
			mjg_fail_own("name who may read the encrypted remote: --to "
				     "KEY (yours and your partner's)");
			goto done;
		}
		if (tools_present() < 0 || fingerprints(keys, &fprs) < 0)
			goto done;
		if (!one_is_mine(&fprs)) {
			mjg_fail_own("none of these keys is yours (no secret key "
				     "for them in your keyring): you could not read "
				     "the remote, nor sign what you push; add yours "
				     "with --to");
			goto done;
		}
		gurl = mj_xasprintf(GCRYPT_PREFIX "%s", hub);
		list = joined(&fprs);
	}
	if (git_remote_create(&remote, repo->repo, name, gurl ? gurl : url) < 0) {
		mjg_fail("cannot add the remote '%s'", name);
		goto done;
	}
	if (encrypted) {
		rc = set_participants(repo->repo, name, list);
		/* only a participant's signature is accepted: gcrypt signs
		 * with the first of them the keyring holds the secret of */
		if (rc == 0) {
			key = mj_xasprintf(MARK_KEY, name);
			rc = config_set(repo->repo, key, hub);
			free(key);
		}
		goto done;
	}
	rc = 0;
done:
	git_remote_free(remote);
	mj_strvec_free(&fprs);
	free(mark);
	free(gurl);
	free(list);
	return rc;
}

void mj_gcrypt_keys_free(struct mj_gcrypt_key *keys, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(keys[i].key);
		free(keys[i].fingerprint);
		free(keys[i].uid);
		free(keys[i].problem);
	}
	free(keys);
}

int mj_git_remote_keys(struct mj_repo *repo, const char *name,
		       const struct mj_strvec *add, const struct mj_strvec *remove,
		       struct mj_gcrypt_key **out, size_t *n)
{
	char *list = NULL, *key = NULL;
	struct mj_strvec have = MJ_STRVEC_INIT, now = MJ_STRVEC_INIT;
	int encrypted, rc = -1;

	*out = NULL;
	*n = 0;
	encrypted = mjg_gcrypt_encrypted(repo->repo, name, true);
	if (encrypted < 0)
		return -1;
	if (!encrypted)
		return mjg_fail_own("the remote '%s' is not encrypted (add one with "
				    "mjournal remote add --encrypted NAME URL --to "
				    "KEY...)", name);
	list = mjg_participants_of(repo->repo, name);
	mjg_split_words(list, &have);
	if (add->len || remove->len) {
		struct mj_strvec added = MJ_STRVEC_INIT;
		if (fingerprints(add, &added) < 0) {
			mj_strvec_free(&added);
			goto done;
		}
		for (size_t i = 0; i < have.len; i++) {
			char *mine = fingerprint_of(have.items[i]);
			bool drop = false;
			for (size_t j = 0; j < remove->len && !drop; j++) {
				/* by what was given, or by the key it names */
				char *gone = fingerprint_of(remove->items[j]);
				drop = !strcasecmp(have.items[i], remove->items[j]) ||
				       (gone && (!strcasecmp(gone, have.items[i]) ||
						 (mine && !strcasecmp(gone, mine))));
				free(gone);
			}
			free(mine);
			if (!drop && !mj_strvec_contains(&now, have.items[i]))
				mj_strvec_push(&now, have.items[i]);
		}
		for (size_t i = 0; i < added.len; i++)
			if (!mj_strvec_contains(&now, added.items[i]))
				mj_strvec_push(&now, added.items[i]);
		mj_strvec_free(&added);
		if (!now.len) {
			mjg_fail_own("that would leave no one who may read '%s'; "
				     "add a key first (mjournal remote keys %s --add "
				     "KEY); nothing changed", name, name);
			goto done;
		}
		if (now.len == have.len && remove->len && !add->len) {
			mjg_fail_own("no key of '%s' is %s; nothing changed (mjournal "
				     "remote keys %s lists them)", name,
				     remove->items[0], name);
			goto done;
		}
		if (!one_is_mine(&now)) {
			mjg_fail_own("that would leave none of your own keys, so you "
				     "could not read '%s' nor sign a push; keep one of "
				     "yours (mjournal remote keys %s lists them); "
				     "nothing changed", name, name);
			goto done;
		}
		free(list);
		list = joined(&now);
		if (set_participants(repo->repo, name, list) < 0)
			goto done;
		mj_strvec_free(&have);
		mjg_split_words(list, &have);
	}
	*out = mj_xcalloc(have.len + 1, sizeof(**out));
	for (size_t i = 0; i < have.len; i++) {
		struct mj_gcrypt_key *k = &(*out)[(*n)++];
		k->key = mj_xstrdup(have.items[i]);
		if (key_look(have.items[i], &k->fingerprint, &k->uid, &k->problem) < 0) {
			mj_gcrypt_keys_free(*out, *n);
			*out = NULL;
			*n = 0;
			goto done;
		}
	}
	rc = 0;
done:
	mj_strvec_free(&have);
	mj_strvec_free(&now);
	free(list);
	free(key);
	return rc;
}

/* ---- figures for a programme, beside the encrypted history ---- */

#define FIGURES_REF "refs/mjournal/figures"
#define FIGURES_FILE "figures.gpg"
/* a record larger than this, encrypted or not, is not one mjournal wrote */
#define FIGURES_LIMIT (64u * 1024 * 1024)

/*
 * Does data start with an OpenPGP packet that encrypts a session key to
 * a public key (tag 1), as gpg --encrypt writes it: what mjournal checks
 * before anything it encrypted leaves the machine.
 */
static bool gpg_encrypted(const unsigned char *data, size_t len)
{
	if (!len || !(data[0] & 0x80))
		return false;
	if (data[0] & 0x40) /* new format: the tag in 6 bits */
		return (data[0] & 0x3F) == 1;
	return ((data[0] >> 2) & 0x0F) == 1;
}

/*
 * A commit of no one in repo, as git-remote-gcrypt makes them (root,
 * 2013, "Initial commit", no parent), whose tree holds data as
 * FIGURES_FILE; its id into out.  -1 after saying why.
 */
static int figures_commit(git_repository *repo, const char *data, size_t len,
			  git_oid *out)
{
	git_oid blob, tree_id;
	git_treebuilder *builder = NULL;
	git_tree *tree = NULL;
	int rc = -1;

	if (git_blob_create_from_buffer(&blob, repo, data, len) < 0 ||
	    git_treebuilder_new(&builder, repo, NULL) < 0 ||
	    git_treebuilder_insert(NULL, builder, FIGURES_FILE, &blob,
				   GIT_FILEMODE_BLOB) < 0 ||
	    git_treebuilder_write(&tree_id, builder) < 0 ||
	    git_tree_lookup(&tree, repo, &tree_id) < 0 ||
	    mjg_anon_commit(repo, tree, out) < 0)
		mjg_fail("cannot write the figures for the programme into the "
			 "repository");
	else
		rc = 0;
	git_tree_free(tree);
	git_treebuilder_free(builder);
	return rc;
}

char *mj_git_encrypted_hub(struct mj_repo *repo, const char *name)
{
	char *hub = mark_of(repo->repo, name), *url, *shown;

	if (!hub)
		return NULL;
	url = mj_xasprintf(GCRYPT_PREFIX "%s", hub);
	shown = mj_url_redact(url);
	free(url);
	free(hub);
	return shown;
}

int mj_git_publish_figures(struct mj_repo *repo, const char *name,
			   const char *key, const char *text, size_t len)
{
	char *fpr = NULL, *uid = NULL, *problem = NULL, *spec = NULL;
	const char *encrypt[] = { "gpg", "--batch", "--no-tty", "--quiet",
				  "--trust-model", "always", "--recipient",
				  NULL, "--encrypt", NULL };
	struct mjg_run_with with = { text, len, NULL, NULL };
	struct mj_strvec urls = MJ_STRVEC_INIT;
	struct mjg_run r;
	git_oid id;
	char hex[GIT_OID_HEXSZ + 1];
	int rc = -1;

	memset(&r, 0, sizeof(r));
	if (key_look(key, &fpr, &uid, &problem) < 0)
		goto done;
	if (problem) {
		mjg_fail_own("no figures were sent for the programme: its key %s%s%s%s "
			     "([programme] key in mjournal.ini) is %s; import it "
			     "(gpg --import) or correct mjournal.ini", key,
			     uid ? " (" : "", uid ? uid : "", uid ? ")" : "",
			     problem);
		goto done;
	}
	encrypt[7] = fpr;
	if (mjg_run_given(NULL, encrypt, false, &with, &r) < 0 ||
	    !gpg_encrypted((const unsigned char *)r.out.ptr, r.out.len)) {
		show_words(&r, true);
		mjg_fail_own("no figures were sent for the programme: gpg could not "
			     "encrypt them to %s; fix what it said, above, and "
			     "push again", key);
		goto done;
	}
	if (figures_commit(repo->repo, r.out.ptr, r.out.len, &id) < 0 ||
	    urls_of(repo->repo, name, true, &urls) < 0)
		goto done;
	spec = mj_xasprintf("+%s:" FIGURES_REF,
			    git_oid_tostr(hex, sizeof(hex), &id));
	for (size_t i = 0; i < urls.len; i++) {
		char *branch, *hub = gitception_of(urls.items[i], &branch);
		/* the hub's plain URL: its own hook would refuse any push
		 * there, and this one holds nothing gpg did not encrypt */
		const char *push[] = { "git", "push", "--quiet", "--no-verify",
				       "--", hub, spec, NULL };
		struct mjg_run p;
		int failed;

		free(branch);
		if (!hub) {
			char *shown = mj_url_redact(urls.items[i]);
			mjg_fail_own("no figures were sent for the programme: the "
				     "encrypted remote '%s' keeps its files at %s, "
				     "not in a git repository, where figures have no "
				     "place; use a git repository as its hub", name,
				     shown);
			free(shown);
			goto done;
		}
		failed = mjg_run(mjg_top_of(repo->repo), push, true, &p) < 0;
		if (failed)
			network_failed(&p, "send the figures for the programme to",
				       name);
		mjg_run_free(&p);
		free(hub);
		if (failed)
			goto done;
	}
	rc = 0;
done:
	mjg_run_free(&r);
	mj_strvec_free(&urls);
	free(spec);
	free(fpr);
	free(uid);
	free(problem);
	return rc;
}

/* Why the last mj_git_hub_figures failed, when it was the keyring. */
static enum mj_figures_missing figures_missing;

enum mj_figures_missing mj_git_figures_missing(void)
{
	return figures_missing;
}

int mj_git_hub_figures(const char *dir, const char *url, char **out,
		       size_t *len)
{
	char *branch = NULL, *hub = gitception_of(url, &branch);
	char *shown = mj_url_redact(url);
	const char *fetch[] = { "git", "fetch", "--quiet", "--force", "--no-tags",
				"--no-write-fetch-head", "--", hub,
				"+" FIGURES_REF ":" FIGURES_REF, NULL };
	const char *decrypt[] = { "gpg", "--batch", "--no-tty", "--status-fd", "2",
				  "--max-output", "67108864", "--decrypt", NULL };
	git_repository *repo = NULL;
	git_object *blob = NULL;
	struct mjg_run r, d;
	int rc = -1;

	*out = NULL;
	*len = 0;
	figures_missing = MJ_FIGURES_THERE;
	memset(&r, 0, sizeof(r));
	memset(&d, 0, sizeof(d));
	if (!hub) {
		figures_missing = MJ_FIGURES_NONE;
		mjg_fail_own("cannot fetch from the encrypted remote '%s': none of "
			     "the keys that may read it is in your keyring, and it "
			     "keeps no figures for a programme (its files are not "
			     "in a git repository); ask the pair for a reader's "
			     "key, or to keep it in a git repository", shown);
		goto done;
	}
	if (git_repository_open_bare(&repo, dir) < 0 &&
	    git_repository_init(&repo, dir, 1) < 0) {
		mjg_fail("cannot make a copy of '%s' in '%s'", shown, dir);
		goto done;
	}
	if (mjg_run(git_repository_path(repo), fetch, true, &r) < 0) {
		if (r.timed_out || !strstr(r.err.ptr, "find remote ref")) {
			network_failed(&r, "fetch from", shown);
			goto done;
		}
		figures_missing = MJ_FIGURES_NONE;
		mjg_fail_own("cannot fetch from the encrypted remote '%s': none of "
			     "the keys that may read it is in your keyring, and it "
			     "holds no figures for a programme (its journal names "
			     "no programme's key); ask the pair to name yours in "
			     "their mjournal.ini ([programme] key) and sync", shown);
		goto done;
	}
	if (git_revparse_single(&blob, repo, FIGURES_REF ":" FIGURES_FILE) < 0 ||
	    git_object_type(blob) != GIT_OBJECT_BLOB ||
	    git_blob_rawsize((git_blob *)blob) > FIGURES_LIMIT) {
		git_error_clear();
		mjg_fail_own("cannot read '%s': what it holds for a programme is not "
			     "figures mjournal wrote; ask the pair to sync again",
			     shown);
		goto done;
	}
	{
		struct mjg_run_with with = { git_blob_rawcontent((git_blob *)blob),
					 (size_t)git_blob_rawsize((git_blob *)blob),
					 NULL, NULL };
		if (!gpg_encrypted((const unsigned char *)with.input, with.input_len)) {
			mjg_fail_own("cannot read '%s': what it holds for a programme "
				     "is not encrypted, so not figures mjournal "
				     "wrote; ask the pair to sync again", shown);
			goto done;
		}
		/* only what gpg says it decrypted: never a record sent plain */
		if (mjg_run_given(NULL, decrypt, false, &with, &d) < 0 ||
		    !strstr(d.err.ptr, "[GNUPG:] DECRYPTION_OKAY")) {
			if (d.status == 127) {
				mjg_fail_own("gpg is not installed, so '%s' cannot be "
					     "read; " NEEDS, shown);
				goto done;
			}
			figures_missing = MJ_FIGURES_NO_KEY;
			mjg_fail_own("cannot fetch from the encrypted remote '%s': "
				     "this keyring holds neither a key that may read "
				     "its journal nor the programme's key its figures "
				     "are encrypted to; import the secret key whose "
				     "fingerprint the journal's mjournal.ini names "
				     "([programme] key): gpg --import", shown);
			goto done;
		}
	}
	*len = d.out.len;
	*out = mj_buf_detach(&d.out);
	rc = 0;
done:
	git_object_free(blob);
	git_repository_free(repo);
	mjg_run_free(&r);
	mjg_run_free(&d);
	free(hub);
	free(branch);
	free(shown);
	return rc;
}

/* ---- git push past mjournal: the pre-push hook ---- */

int mj_git_push_allowed(struct mj_repo *repo, const char *remote,
			const char *url, const char *updates)
{
	bool helper_own = true;
	char *owner = NULL; /* the encrypted remote whose hub url is */
	int rc = 0;

	/* git-remote-gcrypt's own push of the hub's encrypted files: local
	 * refs under refs/gcrypt/ only */
	for (const char *line = updates; line && *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		if (len && strncmp(line, "refs/gcrypt/", 12))
			helper_own = false;
		line += len + (end != NULL);
	}
	if (!strncmp(url, GCRYPT_PREFIX, strlen(GCRYPT_PREFIX)))
		return 0; /* through the helper: encrypted */
	if (helper_own && updates && *updates)
		return 0;
	/* the remote by its name (marked, or its other URLs), or a hub by
	 * its URL */
	owner = hub_owner(repo->repo, url);
	if (!owner) {
		char *mark = mark_of(repo->repo, remote);
		if (mark || (strcmp(remote, url) &&
			     mjg_gcrypt_encrypted(repo->repo, remote, true)))
			owner = mj_xstrdup(remote);
		free(mark);
		git_error_clear();
	}
	if (owner) {
		char *shown = mj_url_redact(url);
		rc = mjg_fail_own("refused: this push would send the journal in "
				  "plain text to %s, and mjournal knows '%s' there "
				  "as an encrypted remote; push with mjournal push %s "
				  "(git push %s, with its gcrypt:: URL)", shown, owner,
				  owner, owner);
		free(shown);
	}
	free(owner);
	return rc;
}
