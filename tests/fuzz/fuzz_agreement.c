/* libFuzzer: the agreement parser (inih through our line reader); the
 * in-place edits have a harness of their own (fuzz_agreement_edit). */
#include "mj_model.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mj_agreement a;
	struct mj_diags diags = MJ_DIAGS_INIT;

	mj_agreement_parse(&a, (const char *)data, size, "x/agreement.ini", &diags);
	mj_agreement_free(&a);
	mj_diags_free(&diags);
	return 0;
}
