/*
 * git_gcrypt_hub.c - a push to an encrypted hub on this machine (a bare
 * repository, by its path or a file:// URL), written by mjournal itself
 * in git-remote-gcrypt's format: what the helper would write, without the
 * hundred processes it runs for one push.
 *
 * The hub's branch holds, in a commit of no one, the manifest (encrypted
 * to every participant and signed) and one file per pack (a git pack,
 * encrypted with a random passphrase the manifest holds, named by the
 * SHA-256 of its encrypted bytes).  A push adds this journal's new
 * objects as one more pack and rewrites the manifest; the branch is moved
 * only while it is still what this sync fetched (a compare-and-swap under
 * the branch's lock), so two clones never overwrite each other.  gpg
 * encrypts and signs (the same options as the helper's); libgit2 builds
 * the pack and writes the hub; OpenSSL draws the passphrase and hashes.
 *
 * What this file does not know as the helper writes it, it leaves to the
 * helper: a hub elsewhere, a first push, a manifest it cannot read or
 * that holds a line it does not know, a hub due for repacking (more than
 * 25 packs), participants not named by fingerprint.
 *
 * The manifest this clone last read or wrote is kept beside the
 * repository (.git/mjournal-hubs/), with the hub's commit it was read
 * from, so a push after a push decrypts nothing.
 */
#include "git_private.h"
#include "mj_fs.h"

#include <errno.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define MANIFEST_FILE "91bd0c092128cf2e60e1a608c31e92caf1f9c1595f83f2890ef17c0e4881aa0a"
#define PACK_KEY_BYTES 63  /* the helper's: base64, 84 characters */
#define REPACK_LIMIT 25    /* more packs than this: the helper repacks */
#define S2K_COUNT "--s2k-count", "65536"
#define CACHE_MAGIC "mjournal hub manifest 1\n"
#define HAVE_PACKS "remote-gcrypt/have_packs+"

/* ---- the manifest ---- */

void mjg_manifest_free(struct mjg_manifest *m)
{
	mj_strvec_free(&m->refs);
	mj_strvec_free(&m->packs);
	mj_strvec_free(&m->keeps);
	mj_strvec_free(&m->extns);
	free(m->repo);
	memset(m, 0, sizeof(*m));
}

static bool all_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr("0123456789abcdef", s[i]) || !s[i])
			return false;
	return true;
}

/* A line "pack :SHA256:ID KEY" or "keep :SHA256:ID N". */
static bool pack_line(const char *line)
{
	const char *id = line + 5, *sp;

	if (strncmp(id, ":SHA256:", 8))
		return false;
	id += 8;
	sp = strchr(id, ' ');
	return sp && sp - id == 64 && all_hex(id, 64) && sp[1] &&
	       !strchr(sp + 1, ' ');
}

/* text as the helper reads it, into m: 0, or -1 for a line it would
 * read otherwise or not at all (then the helper pushes). */
int mjg_manifest_parse(const char *text, struct mjg_manifest *m)
{
	char *copy = mj_xstrdup(text);
	int rc = 0;

	memset(m, 0, sizeof(*m));
	for (char *save = NULL, *line = strtok_r(copy, "\n", &save);
	     line && rc == 0; line = strtok_r(NULL, "\n", &save)) {
		if (strlen(line) > 41 && all_hex(line, 40) && line[40] == ' ' &&
		    !strncmp(line + 41, "refs/", 5) && !strchr(line + 41, ' '))
			mj_strvec_push(&m->refs, line);
		else if (!strncmp(line, "pack ", 5) && pack_line(line))
			mj_strvec_push(&m->packs, line);
		else if (!strncmp(line, "keep ", 5) && pack_line(line))
			mj_strvec_push(&m->keeps, line);
		else if (!strncmp(line, "extn ", 5))
			mj_strvec_push(&m->extns, line);
		else if (!strncmp(line, "repo ", 5) && !m->repo && line[5] &&
			 !strchr(line + 5, ' '))
			m->repo = mj_xstrdup(line + 5);
		else
			rc = -1;
	}
	free(copy);
	if (rc == 0 && !m->repo)
		rc = -1;
	if (rc < 0)
		mjg_manifest_free(m);
	return rc;
}

static void add_lines(struct mj_buf *buf, const struct mj_strvec *lines)
{
	for (size_t i = 0; i < lines->len; i++)
		mj_buf_addf(buf, "%s%s", i ? "\n" : "", lines->items[i]);
	mj_buf_adds(buf, "\n");
}

/* m as the helper writes it: refs, packs, keeps, repo, extensions, each
 * list a line even when empty. */
char *mjg_manifest_text(const struct mjg_manifest *m)
{
	struct mj_buf buf = MJ_BUF_INIT;

	add_lines(&buf, &m->refs);
	add_lines(&buf, &m->packs);
	add_lines(&buf, &m->keeps);
	mj_buf_addf(&buf, "repo %s\n", m->repo);
	add_lines(&buf, &m->extns);
	return mj_buf_detach(&buf);
}

/* The id the manifest gives ref dst, or NULL. */
static const char *manifest_ref(const struct mjg_manifest *m, const char *dst)
{
	for (size_t i = 0; i < m->refs.len; i++)
		if (!strcmp(m->refs.items[i] + 41, dst))
			return m->refs.items[i];
	return NULL;
}

void mjg_manifest_set_ref(struct mjg_manifest *m, const char *ref,
			  const char *hex)
{
	for (size_t k = 0; k < m->refs.len;) {
		if (strcmp(m->refs.items[k] + 41, ref)) {
			k++;
			continue;
		}
		free(m->refs.items[k]);
		memmove(m->refs.items + k, m->refs.items + k + 1,
			(m->refs.len - k - 1) * sizeof(char *));
		m->refs.len--;
	}
	if (hex)
		mj_strvec_push_owned(&m->refs, mj_xasprintf("%s %s", hex, ref));
}

/* ---- hashes, passphrases ---- */

/* The SHA-256 of data in hexadecimal, into hex: 0, or -1 (OpenSSL could
 * not; a wrong name would make the pack unreadable to every reader). */
static int sha256_hex(const void *data, size_t len, char hex[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	if (EVP_Digest(data, len, md, &n, EVP_sha256(), NULL) != 1 || n != 32)
		return -1;
	for (unsigned i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	return 0;
}

/* A pack's passphrase as the helper draws it (gpg --armor --gen-rand 1
 * 63: strong random bytes in base64), or -1. */
static int pack_key(char out[4 * ((PACK_KEY_BYTES + 2) / 3) + 1])
{
	unsigned char raw[PACK_KEY_BYTES];

	if (RAND_bytes(raw, sizeof(raw)) != 1)
		return -1;
	EVP_EncodeBlock((unsigned char *)out, raw, sizeof(raw));
	OPENSSL_cleanse(raw, sizeof(raw));
	return 0;
}

/* ---- the hub ---- */

/* The bare repository on this machine plain names (a path or a file://
 * URL), opened into *hub: 0, or -1 (quietly) when it names none. */
static int open_local_hub(const char *plain, git_repository **hub)
{
	const char *path = plain + (strncmp(plain, "file://", 7) ? 0 : 7);

	*hub = NULL;
	if (*path == '/' &&
	    git_repository_open_ext(hub, path, GIT_REPOSITORY_OPEN_NO_SEARCH,
				    NULL) == 0 && git_repository_is_bare(*hub))
		return 0;
	git_repository_free(*hub);
	*hub = NULL;
	git_error_clear();
	return -1;
}

int mjg_hub_branch(const char *plain, const char *branch, char hex[41])
{
	git_repository *hub = NULL;
	git_oid id;
	int rc;

	if (open_local_hub(plain, &hub) < 0)
		return -1;
	rc = git_reference_name_to_id(&id, hub, branch);
	if (rc == 0)
		git_oid_tostr(hex, 41, &id);
	else if (rc == GIT_ENOTFOUND)
		rc = 1;
	git_error_clear();
	git_repository_free(hub);
	return rc < 0 ? -1 : rc;
}

/* ---- gpg, as the helper runs it ---- */

struct gpg {
	struct mj_strvec argv; /* the program, gcrypt.gpg-args, a count */
	size_t base;
};

static void gpg_init(struct gpg *g, git_repository *repo)
{
	char *program = mjg_config_string(repo, "gpg.program");
	char *args = mjg_config_string(repo, "gcrypt.gpg-args");

	memset(g, 0, sizeof(*g));
	mj_strvec_push(&g->argv, program && *program ? program : "gpg");
	mjg_split_words(args, &g->argv);
	/* as git_gcrypt.c gives the helper: see gpg_args_setting there */
	if (!args || !strstr(args, "--s2k-")) {
		static const char *const count[] = { S2K_COUNT };
		mj_strvec_push(&g->argv, count[0]);
		mj_strvec_push(&g->argv, count[1]);
	}
	g->base = g->argv.len;
	free(program);
	free(args);
}

/* The gpg options so far, then rest (NULL-ended), as one argv. */
static const char **gpg_argv(struct gpg *g, const char *const *rest)
{
	size_t n = 0;
	const char **argv;

	while (g->argv.len > g->base) /* the last call's */
		free(g->argv.items[--g->argv.len]);
	while (rest[n])
		mj_strvec_push(&g->argv, rest[n++]);
	argv = mj_xcalloc(g->argv.len + 1, sizeof(char *));
	for (size_t i = 0; i < g->argv.len; i++)
		argv[i] = g->argv.items[i];
	return argv;
}

static void gpg_free(struct gpg *g)
{
	mj_strvec_free(&g->argv);
}

/* Is word a key's fingerprint (v4: 40, v5: 64 hexadecimal digits). */
static bool fingerprint(const char *word)
{
	size_t n = strlen(word);

	if (n != 40 && n != 64)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!strchr("0123456789abcdefABCDEF", word[i]))
			return false;
	return true;
}

/*
 * The manifest blob decrypted, as the helper accepts it: encrypted to a
 * key of this keyring, signed by one of the participants (their primary
 * key's fingerprint ends gpg's VALIDSIG line).  NULL when not (the helper
 * then says why).
 */
static char *manifest_decrypt(struct gpg *g, const struct mj_strvec *who,
			      const char *data, size_t len)
{
	static const char *const rest[] = { "--status-fd", "2", "-q", "-d", NULL };
	const char **argv = gpg_argv(g, rest);
	struct mjg_run_with with = { data, len, NULL, NULL };
	struct mjg_run r;
	bool enc_to = false, signed_by = false;
	char *text = NULL;

	if (mjg_run_given(NULL, argv, false, &with, &r) == 0) {
		for (char *save = NULL, *line = strtok_r(r.err.ptr, "\n", &save);
		     line; line = strtok_r(NULL, "\n", &save)) {
			const char *last = strrchr(line, ' ');
			enc_to |= !strncmp(line, "[GNUPG:] ENC_TO ", 16);
			if (strncmp(line, "[GNUPG:] VALIDSIG ", 18) || !last)
				continue;
			for (size_t i = 0; i < who->len; i++)
				signed_by |= !strcasecmp(last + 1, who->items[i]);
		}
		if (enc_to && signed_by && !memchr(r.out.ptr, '\0', r.out.len))
			text = mj_xstrdup(r.out.ptr);
	}
	mjg_run_free(&r);
	free(argv);
	return text;
}

/* The first of who whose secret key this keyring holds, or NULL. */
static char *signer_of(struct gpg *g, const struct mj_strvec *who)
{
	static const char *const rest[] = { "--batch", "--no-tty", "--with-colons",
					    "--list-secret-keys", NULL };
	const char **argv = gpg_argv(g, rest);
	struct mjg_run r;
	char *found = NULL;

	if (mjg_run(NULL, argv, false, &r) == 0)
		for (size_t i = 0; i < who->len && !found; i++) {
			char *line = mj_xasprintf("\nfpr:::::::::%s:", who->items[i]);
			for (char *p = line + 13; *p; p++)
				*p = (char)(*p >= 'a' && *p <= 'f' ? *p - 32 : *p);
			if (strstr(r.out.ptr, line + 1) == r.out.ptr ||
			    strstr(r.out.ptr, line))
				found = mj_xstrdup(who->items[i]);
			free(line);
		}
	mjg_run_free(&r);
	free(argv);
	return found;
}

#define SIGNER_KEY "mjournal.%s.hub-signer"

/*
 * The participant of remote name who signs this clone's manifests: the
 * one found last time while still a participant (kept in the git setting
 * SIGNER_KEY, so that a push asks gpg nothing for it), else the first
 * whose secret key this keyring holds (afresh: always that), or NULL.
 */
static char *signer_here(git_repository *repo, const char *name, struct gpg *g,
			 const struct mj_strvec *who, bool afresh)
{
	char *key = mj_xasprintf(SIGNER_KEY, name);
	char *signer = afresh ? NULL : mjg_config_string(repo, key);
	git_config *cfg = NULL;

	if (signer && !mj_strvec_contains(who, signer)) {
		free(signer);
		signer = NULL;
	}
	if (!signer && (signer = signer_of(g, who)) &&
	    git_repository_config(&cfg, repo) == 0)
		git_config_set_string(cfg, key, signer);
	git_error_clear();
	git_config_free(cfg);
	free(key);
	return signer;
}

/* No participant's secret key here: said with the keys' own fault when
 * there is one (mjg_keys_usable names it); -1. */
static int no_signer(git_repository *repo, const char *name)
{
	if (mjg_keys_usable(repo, name) == 0)
		mjg_fail_own("nothing was pushed: gpg lists none of the keys of "
			     "the encrypted remote '%s' as yours; add yours: "
			     "mjournal remote keys %s --add KEY", name, name);
	return -1;
}

/* The pack, encrypted with passphrase key as the helper encrypts it;
 * NULL after saying why. */
static char *pack_encrypt(struct gpg *g, const char *key, const void *pack,
			  size_t len, size_t *out_len)
{
	static const char *const rest[] = { "--batch", "--force-mdc",
					    "--compress-algo", "none",
					    "--trust-model=always",
					    "--passphrase-fd", "3", "-c", NULL };
	const char **argv = gpg_argv(g, rest);
	struct mjg_run_with with = { pack, len, NULL, key };
	struct mjg_run r;
	char *out = NULL;

	if (mjg_run_given(NULL, argv, false, &with, &r) == 0 && r.out.len) {
		*out_len = r.out.len;
		out = mj_buf_detach(&r.out);
	} else {
		mjg_fail_own("nothing was pushed: %s", r.status == 127 ?
			     "gpg is not installed, so the new objects could not "
			     "be encrypted; install it (Debian: apt install "
			     "gnupg)" : "gpg could not encrypt the new objects; "
			     "fix what it said above and push again");
		if (r.status != 127)
			mjg_show_words(&r);
	}
	mjg_run_free(&r);
	free(argv);
	return out;
}

/* text encrypted to who and signed by signer, as the helper does it;
 * NULL after saying why (the keys' fault named when it is theirs). */
static char *manifest_encrypt(struct gpg *g, git_repository *repo,
			      const char *name, const struct mj_strvec *who,
			      const char *signer, const char *text,
			      size_t *out_len, bool quiet)
{
	struct mj_strvec rest = MJ_STRVEC_INIT;
	const char **argv;
	struct mjg_run_with with = { text, strlen(text), NULL, NULL };
	struct mjg_run r;
	char *out = NULL;

	mj_strvec_push(&rest, "--compress-algo");
	mj_strvec_push(&rest, "none");
	mj_strvec_push(&rest, "--trust-model=always");
	mj_strvec_push(&rest, "-se");
	for (size_t i = 0; i < who->len; i++) {
		mj_strvec_push(&rest, "-r");
		mj_strvec_push(&rest, who->items[i]);
	}
	mj_strvec_push(&rest, "-u");
	mj_strvec_push(&rest, signer);
	{
		const char **list = mj_xcalloc(rest.len + 1, sizeof(char *));
		for (size_t i = 0; i < rest.len; i++)
			list[i] = rest.items[i];
		argv = gpg_argv(g, list);
		free(list);
	}
	if (mjg_run_given(NULL, argv, false, &with, &r) == 0 && r.out.len) {
		*out_len = r.out.len;
		out = mj_buf_detach(&r.out);
	} else if (!quiet && mjg_keys_usable(repo, name) == 0) {
		/* not a key mjournal can name: gpg's words */
		mjg_show_words(&r);
		mjg_fail_own("nothing was pushed: gpg could not encrypt the "
			     "manifest for the encrypted remote '%s'; fix what "
			     "it said above and push again", name);
	}
	mjg_run_free(&r);
	mj_strvec_free(&rest);
	free(argv);
	return out;
}

/* ---- what this clone knows of the hub ---- */

static char *cache_path(git_repository *repo, const char *url)
{
	char hex[65];

	if (sha256_hex(url, strlen(url), hex) < 0)
		return mj_xasprintf("%smjournal-hubs/-", git_repository_path(repo));
	hex[24] = '\0';
	return mj_xasprintf("%smjournal-hubs/%s", git_repository_path(repo), hex);
}

/* The manifest kept for the hub at url as it was at commit id, or NULL. */
static char *cache_read(git_repository *repo, const char *url, const char *id)
{
	char *path = cache_path(repo, url), *text = NULL, *kept = NULL;
	size_t len = 0, magic = strlen(CACHE_MAGIC);

	if (mj_fs_read(path, 1 << 24, &text, &len) == MJ_READ_OK &&
	    len > magic + 41 && !strncmp(text, CACHE_MAGIC, magic) &&
	    !strncmp(text + magic, id, 40) && text[magic + 40] == '\n')
		kept = mj_xstrdup(text + magic + 41);
	free(text);
	free(path);
	return kept;
}

/* Keeps text as the manifest of the hub at url at commit id (readable by
 * this user only: it holds the packs' passphrases).  Quietly: without it
 * the next push decrypts the manifest. */
static void cache_write(git_repository *repo, const char *url, const char *id,
			const char *text)
{
	char *path = cache_path(repo, url);
	char *dir = mj_xasprintf("%smjournal-hubs", git_repository_path(repo));
	char *data = mj_xasprintf(CACHE_MAGIC "%s\n%s", id, text);
	mode_t was = umask(077);

	if ((mkdir(dir, 0700) == 0 || errno == EEXIST) &&
	    mj_fs_write(path, data, strlen(data), MJ_WRITE_UNSYNCED) == 0)
		chmod(path, 0600);
	umask(was);
	free(data);
	free(dir);
	free(path);
}

/* The helper's list of the packs this clone has, so that its next fetch
 * does not bring back the pack this push made. */
static void note_pack(git_repository *repo, const char *pack)
{
	char *dir = mj_xasprintf("%sremote-gcrypt", git_repository_path(repo));
	char *path = mj_xasprintf("%s" HAVE_PACKS, git_repository_path(repo));
	FILE *f;

	if ((mkdir(dir, 0755) == 0 || errno == EEXIST) && (f = fopen(path, "a"))) {
		fprintf(f, "pack :SHA256:%s\n", pack);
		fclose(f);
	}
	free(dir);
	free(path);
}

/* ---- the push ---- */

struct update {
	const char *dst;  /* the hub's ref */
	char *src;        /* this journal's, NULL: removed */
	git_oid id;       /* what src is */
	bool force;
	bool same;        /* the hub has it so already */
};

/* The objects of updates the hub's refs (old) lack, packed; an empty
 * buffer when there are none.  -1 after saying why, 1: a ref is no
 * commit nor tag (the helper pushes it). */
static int pack_new(git_repository *repo, const struct update *u, size_t n,
		    const struct mjg_manifest *old, git_buf *pack)
{
	git_revwalk *walk = NULL;
	git_packbuilder *pb = NULL;
	int rc = -1;

	if (git_revwalk_new(&walk, repo) < 0 || git_packbuilder_new(&pb, repo) < 0)
		goto done;
	for (size_t i = 0; i < old->refs.len; i++) {
		git_oid id;
		if (git_oid_fromstrn(&id, old->refs.items[i], 40) == 0 &&
		    git_revwalk_hide(walk, &id) < 0)
			git_error_clear(); /* not here, or not a commit */
	}
	for (size_t i = 0; i < n; i++) {
		git_object *obj = NULL, *peeled = NULL;
		int bad;
		if (!u[i].src || u[i].same)
			continue;
		if (git_object_lookup(&obj, repo, &u[i].id, GIT_OBJECT_ANY) < 0)
			goto done;
		if (git_object_type(obj) == GIT_OBJECT_TAG &&
		    git_packbuilder_insert(pb, &u[i].id, NULL) < 0) {
			git_object_free(obj);
			goto done;
		}
		bad = git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0 ||
		      git_revwalk_push(walk, git_object_id(peeled)) < 0;
		git_object_free(peeled);
		git_object_free(obj);
		if (bad) {
			git_error_clear();
			rc = 1;
			goto done;
		}
	}
	if (git_packbuilder_insert_walk(pb, walk) < 0)
		goto done;
	rc = git_packbuilder_object_count(pb) == 0 ? 0 :
	     git_packbuilder_write_buf(pack, pb) < 0 ? -1 : 0;
done:
	if (rc < 0)
		mjg_fail("nothing was pushed: cannot pack the new objects");
	git_packbuilder_free(pb);
	git_revwalk_free(walk);
	return rc;
}

/* A commit of no one, as the helper makes them (root, 2013, "Initial
 * commit", no parent), of tree, in repo. */
int mjg_anon_commit(git_repository *repo, git_tree *tree, git_oid *out)
{
	git_signature *who = NULL;
	int rc = git_signature_new(&who, "root", "root@localhost", 1356994801, -240);

	if (rc == 0)
		rc = git_commit_create(out, repo, NULL, who, who, NULL,
				       "Initial commit\n", tree, 0, NULL);
	git_signature_free(who);
	return rc;
}

/*
 * The hub's new commit: its tree (old) with the pack (if any) and the
 * manifest written into it, and the hub's branch moved to it if it is
 * still lease.  0 (1: the branch had moved), or -1 after saying why.
 */
static int hub_write(git_repository *hub, const char *branch,
		     const git_oid *lease, git_tree *old, const char *pack_name,
		     const char *pack, size_t pack_len, const char *manifest,
		     size_t manifest_len, git_oid *out)
{
	git_treebuilder *tb = NULL;
	git_tree *tree = NULL;
	git_reference *ref = NULL;
	git_oid blob, tree_id;
	int rc = -1;

	/* a reflog the hub keeps names no one either */
	if (git_repository_set_ident(hub, "root", "root@localhost") < 0 ||
	    git_treebuilder_new(&tb, hub, old) < 0 ||
	    (git_tree_entry_byname(old, MANIFEST_FILE) &&
	     git_treebuilder_remove(tb, MANIFEST_FILE) < 0))
		goto done;
	if (pack_name &&
	    (git_blob_create_from_buffer(&blob, hub, pack, pack_len) < 0 ||
	     git_treebuilder_insert(NULL, tb, pack_name, &blob,
				    GIT_FILEMODE_BLOB) < 0))
		goto done;
	if (git_blob_create_from_buffer(&blob, hub, manifest, manifest_len) < 0 ||
	    git_treebuilder_insert(NULL, tb, MANIFEST_FILE, &blob,
				   GIT_FILEMODE_BLOB) < 0 ||
	    git_treebuilder_write(&tree_id, tb) < 0 ||
	    git_tree_lookup(&tree, hub, &tree_id) < 0 ||
	    mjg_anon_commit(hub, tree, out) < 0)
		goto done;
	mj_fs_fault_point("before moving the encrypted hub's branch");
	rc = git_reference_create_matching(&ref, hub, branch, out, 1, lease,
					   "push");
	if (rc == GIT_EMODIFIED || rc == GIT_ELOCKED) {
		git_error_clear();
		rc = 1;
	}
done:
	if (rc < 0)
		mjg_fail("nothing was pushed: cannot write the encrypted hub");
	git_reference_free(ref);
	git_tree_free(tree);
	git_treebuilder_free(tb);
	return rc < 0 ? -1 : rc;
}

/* The remote-tracking refs of remote name follow the hub's branches, as
 * git push moves them. */
static void track(git_repository *repo, const char *name, const struct update *u,
		  size_t n)
{
	git_remote *remote = NULL;

	if (git_remote_lookup(&remote, repo, name) < 0) {
		git_error_clear();
		return;
	}
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < git_remote_refspec_count(remote); k++) {
			const git_refspec *spec = git_remote_get_refspec(remote, k);
			git_buf to = { NULL, 0, 0 };
			git_reference *ref = NULL;
			if (git_refspec_direction(spec) != GIT_DIRECTION_FETCH ||
			    !git_refspec_src_matches(spec, u[i].dst) ||
			    git_refspec_transform(&to, spec, u[i].dst) < 0) {
				git_error_clear();
				continue;
			}
			if (u[i].src)
				git_reference_create(&ref, repo, to.ptr, &u[i].id, 1,
						     "update by push");
			else if (git_reference_lookup(&ref, repo, to.ptr) == 0)
				git_reference_delete(ref);
			git_reference_free(ref);
			git_buf_dispose(&to);
			git_error_clear();
		}
	git_remote_free(remote);
}

/* The refspecs as updates of the hub's refs; -1: one the helper would
 * read otherwise (a pattern, a ref that is not there). */
static int updates_of(git_repository *repo, const git_strarray *refspecs,
		      struct update *u)
{
	for (size_t i = 0; i < refspecs->count; i++) {
		const char *spec = refspecs->strings[i];
		const char *colon;
		u[i].force = *spec == '+';
		spec += u[i].force;
		colon = strchr(spec, ':');
		if (!colon || !colon[1] || strchr(spec, '*'))
			return -1;
		u[i].dst = colon + 1;
		if (colon > spec) {
			u[i].src = mj_xstrndup(spec, (size_t)(colon - spec));
			if (git_reference_name_to_id(&u[i].id, repo, u[i].src) < 0) {
				git_error_clear();
				return -1;
			}
		}
	}
	return 0;
}

int mjg_hub_push(git_repository *repo, const char *name, const char *url,
		 const char *hub_branch, const char *lease_hex,
		 const char *branch, const git_strarray *refspecs,
		 struct mjg_gcrypt_pushed *out, char now[41])
{
	struct update *u = mj_xcalloc(refspecs->count + 1, sizeof(*u));
	struct mj_strvec who = MJ_STRVEC_INIT;
	struct mjg_manifest m;
	struct gpg g;
	git_repository *hub = NULL;
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	git_buf pack = { NULL, 0, 0 };
	git_oid lease, new_id;
	char *list = NULL, *text = NULL, *signer = NULL, *sealed = NULL;
	char *packed = NULL, *new_text = NULL;
	char key[4 * ((PACK_KEY_BYTES + 2) / 3) + 1], pack_id[65];
	size_t sealed_len = 0, packed_len = 0;
	bool changed = false, kept_signer = false;
	int rc = 1;

	memset(out, 0, sizeof(*out));
	memset(&m, 0, sizeof(m));
	gpg_init(&g, repo);
	if (open_local_hub(url, &hub) < 0) /* a hub elsewhere: the helper's */
		goto done;
	list = mjg_participants_of(repo, name);
	mjg_split_words(list, &who);
	for (size_t i = 0; i < who.len; i++)
		if (!fingerprint(who.items[i]))
			goto done;
	if (!who.len || git_oid_fromstr(&lease, lease_hex) < 0 ||
	    updates_of(repo, refspecs, u) < 0 ||
	    git_commit_lookup(&commit, hub, &lease) < 0 ||
	    git_commit_tree(&tree, commit) < 0)
		goto done;
	/* the manifest: kept from the last push, else the hub's, decrypted */
	if (!(text = cache_read(repo, url, lease_hex))) {
		const git_tree_entry *e = git_tree_entry_byname(tree, MANIFEST_FILE);
		git_blob *blob = NULL;
		if (!e || git_blob_lookup(&blob, hub, git_tree_entry_id(e)) < 0)
			goto done;
		text = manifest_decrypt(&g, &who, git_blob_rawcontent(blob),
					(size_t)git_blob_rawsize(blob));
		git_blob_free(blob);
		if (!text)
			goto done;
	}
	if (mjg_manifest_parse(text, &m) < 0)
		goto done;
	if (m.packs.len > m.keeps.len + REPACK_LIMIT)
		goto done;
	/* a ref the push would not move forward: refused, as git does */
	for (size_t i = 0; i < refspecs->count; i++) {
		const char *had = manifest_ref(&m, u[i].dst);
		char hex[41];
		if (u[i].src)
			git_oid_tostr(hex, sizeof(hex), &u[i].id);
		u[i].same = (had && u[i].src && !strncmp(had, hex, 40)) ||
			    (!had && !u[i].src);
		if (u[i].same)
			continue;
		if (had && u[i].src && !u[i].force) {
			char *was = mj_xstrndup(had, 40);
			bool loses = mjg_loses_commits(repo, u[i].src, was);
			free(was);
			if (loses) {
				out->rejected = mj_xasprintf("%s (fetch first)", u[i].dst);
				rc = 0;
				goto done;
			}
		}
		changed = true;
		if (!strcmp(u[i].dst, branch)) {
			out->moves_branch = true;
			out->creates_branch = !had;
		} else if (!strncmp(u[i].dst, "refs/tags/", 10)) {
			out->tag_changes++;
		}
	}
	if (!changed) { /* the hub has it all: nothing to write */
		git_oid_tostr(now, 41, &lease);
		rc = 0;
		goto done;
	}
	/* from here on, what fails is said: nothing is pushed */
	rc = -1;
	/* the helper's signer: the remote's, else git's; else a participant
	 * whose secret key is here (the helper takes gpg's default key,
	 * which readers refuse when it is not a participant's) */
	{
		char *key_name = mj_xasprintf("remote.%s.gcrypt-signingkey", name);
		signer = mjg_config_string(repo, key_name);
		free(key_name);
		if (!signer)
			signer = mjg_config_string(repo, "user.signingkey");
	}
	kept_signer = !signer;
	if (!signer && !(signer = signer_here(repo, name, &g, &who, false))) {
		no_signer(repo, name);
		goto done;
	}
	{
		int packed_rc = pack_new(repo, u, refspecs->count, &m, &pack);
		if (packed_rc != 0) {
			rc = packed_rc;
			goto done;
		}
	}
	if (pack.size) {
		if (pack_key(key) < 0) {
			mjg_fail_own("nothing was pushed: no random bytes for the "
				     "pack's passphrase; try again");
			goto done;
		}
		if (!(packed = pack_encrypt(&g, key, pack.ptr, pack.size, &packed_len)))
			goto done;
		if (sha256_hex(packed, packed_len, pack_id) < 0) {
			mjg_fail_own("nothing was pushed: the encrypted pack could "
				     "not be named (no SHA-256 from OpenSSL); try "
				     "again");
			goto done;
		}
		mj_strvec_push_owned(&m.packs, mj_xasprintf("pack :SHA256:%s %s",
							    pack_id, key));
		OPENSSL_cleanse(key, sizeof(key));
	}
	/* the refs as the helper rewrites them: each pushed one last */
	for (size_t i = 0; i < refspecs->count; i++) {
		char hex[41];
		if (u[i].src)
			git_oid_tostr(hex, sizeof(hex), &u[i].id);
		mjg_manifest_set_ref(&m, u[i].dst, u[i].src ? hex : NULL);
	}
	new_text = mjg_manifest_text(&m);
	sealed = manifest_encrypt(&g, repo, name, &who, signer, new_text,
				  &sealed_len, kept_signer);
	if (!sealed && kept_signer) { /* its secret key gone: look again */
		free(signer);
		signer = signer_here(repo, name, &g, &who, true);
		if (!signer)
			no_signer(repo, name);
		else
			sealed = manifest_encrypt(&g, repo, name, &who, signer,
						  new_text, &sealed_len, false);
	}
	if (!sealed)
		goto done;
	rc = hub_write(hub, hub_branch, &lease, tree, pack.size ? pack_id : NULL,
		       packed, packed_len, sealed, sealed_len, &new_id);
	if (rc == 1) { /* another clone's push landed since this sync fetched */
		free(out->rejected);
		memset(out, 0, sizeof(*out));
		out->rejected = mj_xasprintf("%s (fetch first: another clone "
					     "pushed meanwhile)", branch);
		rc = 0;
		goto done;
	}
	if (rc < 0)
		goto done;
	git_oid_tostr(now, 41, &new_id);
	cache_write(repo, url, now, new_text);
	if (pack.size)
		note_pack(repo, pack_id);
	track(repo, name, u, refspecs->count);
	{
		char *id_key = mj_xasprintf("remote.%s.gcrypt-id", name);
		char *have = mjg_config_string(repo, id_key);
		git_config *cfg = NULL;
		if (!have && git_repository_config(&cfg, repo) == 0)
			git_config_set_string(cfg, id_key, m.repo);
		git_error_clear();
		git_config_free(cfg);
		free(have);
		free(id_key);
	}
	rc = 0;
done:
	if (rc == 1) /* the helper's push: nothing of this one's to say */
		git_error_clear();
	for (size_t i = 0; i < refspecs->count; i++)
		free(u[i].src);
	free(u);
	if (text)
		OPENSSL_cleanse(text, strlen(text));
	if (new_text)
		OPENSSL_cleanse(new_text, strlen(new_text));
	free(text);
	free(new_text);
	free(sealed);
	free(packed);
	free(signer);
	free(list);
	git_buf_dispose(&pack);
	git_tree_free(tree);
	git_commit_free(commit);
	git_repository_free(hub);
	mjg_manifest_free(&m);
	mj_strvec_free(&who);
	gpg_free(&g);
	return rc;
}
