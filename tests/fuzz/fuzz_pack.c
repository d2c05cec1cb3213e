/*
 * libFuzzer: a pack as a fetch receives it from a server, through the
 * intake mjournal puts before libgit2's indexer (git_limit.c), cut in two
 * at a point the input picks: whatever a server sends, looking at it never
 * crashes, and a pack the intake lets through is the indexer's to judge.
 * The harness reaches into the git module (git_private.h): the intake is
 * no public function.
 */
#include "../../src/git_private.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static git_odb *objects;
static char dir[] = "/tmp/mj-fuzz-pack-XXXXXX";

static void remove_repository(void)
{
	char *command = mj_xasprintf("rm -rf '%s'", dir);

	if (system(command) != 0)
		fprintf(stderr, "fuzz_pack: %s failed\n", command);
	free(command);
}

/* A bare repository with the guard, made once per run. */
static git_odb *repository_objects(void)
{
	git_repository *repo = NULL;

	if (objects)
		return objects;
	mj_git_setup();
	if (!mkdtemp(dir) || atexit(remove_repository) != 0 ||
	    git_repository_init(&repo, dir, 1) < 0 ||
	    mjg_guard_objects(repo) < 0 || git_repository_odb(&objects, repo) < 0)
		__builtin_trap();
	/* the database holds its backends; the repository may go */
	git_repository_free(repo);
	return objects;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	git_odb_writepack *pack = NULL;
	git_indexer_progress stats = { 0 };
	size_t cut = size ? data[0] % (size + 1) : 0;

	if (git_odb_write_pack(&pack, repository_objects(), NULL, NULL) < 0)
		__builtin_trap();
	if (pack->append(pack, data, cut, &stats) == 0)
		pack->append(pack, data + cut, size - cut, &stats);
	git_error_clear();
	pack->free(pack);
	return 0;
}
