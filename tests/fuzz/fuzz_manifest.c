/*
 * libFuzzer: an encrypted hub's manifest, as a participant's gpg hands it
 * over decrypted, through the reader and the writer of git_gcrypt_hub.c:
 * whatever it holds, reading it never crashes; one it reads, it writes
 * back as it read it (written again, the same bytes), and a ref moved or
 * removed in it is there once or not at all when read back.
 */
#include "../../src/git_private.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* How many ref lines of m name ref. */
static size_t lines_of(const struct mjg_manifest *m, const char *ref)
{
	size_t n = 0;

	for (size_t i = 0; i < m->refs.len; i++)
		n += !strcmp(m->refs.items[i] + 41, ref);
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const refs[] = { "refs/heads/main", "refs/heads/master",
					    "refs/tags/a/closed" };
	struct mjg_manifest m, again;
	char *text, *written, *rewritten;
	const char *ref;
	bool remove;

	if (size < 1)
		return 0;
	ref = refs[data[0] % 3];
	remove = data[0] & 0x80;
	text = mj_xstrndup((const char *)data + 1, size - 1);
	if (mjg_manifest_parse(text, &m) < 0) {
		free(text);
		return 0;
	}
	written = mjg_manifest_text(&m);
	if (mjg_manifest_parse(written, &again) < 0)
		__builtin_trap();
	rewritten = mjg_manifest_text(&again);
	if (strcmp(written, rewritten))
		__builtin_trap();
	mjg_manifest_free(&again);
	free(rewritten);
	mjg_manifest_set_ref(&m, ref, remove ? NULL :
			     "0123456789abcdef0123456789abcdef01234567");
	free(written);
	written = mjg_manifest_text(&m);
	if (mjg_manifest_parse(written, &again) < 0 ||
	    lines_of(&again, ref) != (remove ? 0 : 1) ||
	    again.packs.len != m.packs.len || strcmp(again.repo, m.repo))
		__builtin_trap();
	mjg_manifest_free(&again);
	mjg_manifest_free(&m);
	free(written);
	free(text);
	return 0;
}
