/* libFuzzer: a whole session note (front matter and cmark body), and the
 * cache's serialization of what it found. */
#include "mj_cache.h"
#include "mj_model.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mj_note note, back;
	struct mj_buf buf = MJ_BUF_INIT;

	mj_note_parse(&note, "x/2026-01-01.md", "2026-01-01.md", (const char *)data, size);
	mj_note_serialize(&note, &buf);
	if (mj_note_deserialize(&back, "x", buf.ptr ? buf.ptr : "", buf.len, true) != 0)
		__builtin_trap(); /* what was written must read back */
	mj_note_free(&back);
	/* and arbitrary bytes as a cache entry never crash */
	if (mj_note_deserialize(&back, "x", (const char *)data, size, true) == 0)
		mj_note_free(&back);
	mj_buf_free(&buf);
	mj_note_free(&note);
	return 0;
}
