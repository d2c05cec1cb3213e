/* libFuzzer: the agreement parser (inih through our line reader), and the
 * cache's serialization of what it found and what its parse said; the
 * in-place edits have a harness of their own (fuzz_agreement_edit). */
#include "fuzz_check.h"
#include "mj_cache.h"
#include "mj_model.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mj_agreement a, back;
	struct mj_diags diags = MJ_DIAGS_INIT, again = MJ_DIAGS_INIT;
	struct mj_buf buf = MJ_BUF_INIT;

	mj_agreement_parse(&a, (const char *)data, size, "x/agreement.ini", &diags);
	mj_agreement_serialize(&a, &diags, "x/agreement.ini", &buf);
	/* what was written reads back, with as many findings */
	check(mj_agreement_deserialize(&back, &again, "x/agreement.ini",
				       buf.ptr ? buf.ptr : "", buf.len) == 0);
	check(again.len == diags.len && back.text_hash == a.text_hash &&
	      back.n_goals == a.n_goals && back.n_mentees == a.n_mentees &&
	      back.ends_date == a.ends_date);
	mj_agreement_free(&back);
	/* and arbitrary bytes as a cache entry never crash */
	if (mj_agreement_deserialize(&back, &again, "x", (const char *)data,
				     size) == 0)
		mj_agreement_free(&back);
	mj_buf_free(&buf);
	mj_diags_free(&again);
	mj_diags_free(&diags);
	mj_agreement_free(&a);
	return 0;
}
