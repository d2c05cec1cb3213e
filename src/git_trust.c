/*
 * git_trust.c - whether to trust an https server's certificate, as git
 * decides it: http.sslVerify, http.sslCAInfo and http.sslCAPath (also per
 * URL, http.<url>.*), GIT_SSL_NO_VERIFY, GIT_SSL_CAINFO, GIT_SSL_CAPATH.
 *
 * libgit2 checks the certificate against the system's authorities first.
 * When it refuses one, the certificate is verified again here with
 * OpenSSL against the authorities git's configuration names, and its
 * name checked as git (curl) does, IP addresses included: libgit2 1.5
 * never matches a certificate issued to an IP address.
 *
 * Part of the git module (git_private.h).
 */
#include "git_private.h"

#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <arpa/inet.h>
#include <errno.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

/*
 * The value of http.<url>.<key> for the longest <url> the remote's URL
 * starts with, else of http.<key>; caller frees.
 */
static char *http_config(git_repository *repo, const char *url, const char *key)
{
	git_config *cfg = NULL;
	git_config_iterator *it = NULL;
	git_config_entry *entry;
	char *value = NULL;
	size_t best = 0, klen = strlen(key);

	if (git_repository_config_snapshot(&cfg, repo) < 0 ||
	    git_config_iterator_glob_new(&it, cfg, "^http\\.") < 0)
		goto done;
	while (git_config_next(&entry, it) == 0) {
		const char *name = entry->name + 5; /* after "http." */
		size_t n = strlen(name);
		size_t ulen;

		if (n < klen || strcasecmp(name + n - klen, key))
			continue;
		if (n == klen) { /* http.<key>: the default */
			if (!best && !value)
				value = mj_xstrdup(entry->value);
			continue;
		}
		if (name[n - klen - 1] != '.')
			continue;
		ulen = n - klen - 1;
		if (ulen > best && !strncmp(url, name, ulen) &&
		    (url[ulen] == '\0' || url[ulen] == '/' || name[ulen - 1] == '/')) {
			free(value);
			value = mj_xstrdup(entry->value);
			best = ulen;
		}
	}
done:
	git_config_iterator_free(it);
	git_config_free(cfg);
	git_error_clear();
	return value;
}

/* git's booleans: false, no, off, 0 (and the empty string) are false. */
static bool config_false(const char *value)
{
	return value && (!*value || !strcasecmp(value, "false") ||
			 !strcasecmp(value, "no") || !strcasecmp(value, "off") ||
			 !strcmp(value, "0"));
}

/* The environment's word, else the configuration's; caller frees. */
static char *setting(git_repository *repo, const char *url, const char *env,
		     const char *key)
{
	const char *e = getenv(env);
	return e && *e ? mj_xstrdup(e) : http_config(repo, url, key);
}

/* Is path given but not there. */
static bool missing(const char *path)
{
	struct stat st;

	return path && stat(path, &st) < 0 && errno == ENOENT;
}

/* Verifies der against the authorities in ca_file / ca_path (and the
 * system's), and that it names host, a name or an IP address. */
static bool verified(const unsigned char *der, size_t len, const char *host,
		     const char *ca_file, const char *ca_path)
{
	X509 *cert = d2i_X509(NULL, &der, (long)len);
	X509_STORE *store = X509_STORE_new();
	X509_STORE_CTX *ctx = X509_STORE_CTX_new();
	unsigned char ip[16];
	bool is_ip = inet_pton(AF_INET, host, ip) == 1 ||
		     inet_pton(AF_INET6, host, ip) == 1;
	bool ok = false;

	if (!cert || !store || !ctx)
		goto done;
	X509_STORE_set_default_paths(store);
	if ((ca_file || ca_path) &&
	    X509_STORE_load_locations(store, ca_file, ca_path) != 1)
		goto done;
	if (X509_STORE_CTX_init(ctx, store, cert, NULL) != 1 ||
	    X509_verify_cert(ctx) != 1)
		goto done;
	ok = is_ip ? X509_check_ip_asc(cert, host, 0) == 1 :
		     X509_check_host(cert, host, 0, 0, NULL) == 1;
done:
	X509_STORE_CTX_free(ctx);
	X509_STORE_free(store);
	X509_free(cert);
	return ok;
}

int mjg_certificate_check(git_repository *repo, const char *url,
			  git_cert *cert, int valid, const char *host)
{
	const char *env = getenv("GIT_SSL_NO_VERIFY");
	char *verify = http_config(repo, url, "sslverify");
	bool no_verify = (env && *env) || config_false(verify);
	char *ca_file = NULL, *ca_path = NULL, *shown = NULL;
	int rc;

	free(verify);
	if (valid || no_verify)
		return 0;
	ca_file = setting(repo, url, "GIT_SSL_CAINFO", "sslcainfo");
	ca_path = setting(repo, url, "GIT_SSL_CAPATH", "sslcapath");
	if (missing(ca_file) || missing(ca_path)) {
		/* as git says it: what the setting names is not there */
		bool file = missing(ca_file);
		git_error_set(GIT_ERROR_SSL, "%s not found: %s; fix or remove %s "
			      "(or %s), which names it", file ? "file" : "folder",
			      file ? ca_file : ca_path,
			      file ? "http.sslCAInfo" : "http.sslCAPath",
			      file ? "GIT_SSL_CAINFO" : "GIT_SSL_CAPATH");
		rc = GIT_ECERTIFICATE;
		goto done;
	}
	if (cert->cert_type == GIT_CERT_X509) {
		const git_cert_x509 *x = (const git_cert_x509 *)cert;
		if (verified(x->data, x->len, host, ca_file, ca_path)) {
			rc = 0;
			goto done;
		}
	}
	shown = mj_url_redact(url);
	git_error_set(GIT_ERROR_SSL, "the certificate of %s is not trusted%s%s%s; "
		      "if the server uses a private authority, name it as git "
		      "does: git config http.sslCAInfo /path/to/ca.pem (or "
		      "http.%s.sslCAInfo)", host,
		      ca_file ? " (checked against " : "", ca_file ? ca_file : "",
		      ca_file ? ")" : "", shown);
	rc = GIT_ECERTIFICATE;
done:
	free(shown);
	free(ca_file);
	free(ca_path);
	return rc;
}
