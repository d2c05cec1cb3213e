/* libFuzzer: the agreement parser (inih through our line reader). */
#include "mj_model.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mj_agreement a;
	struct mj_diags diags = MJ_DIAGS_INIT;
	size_t len;
	char *edited;

	mj_agreement_parse(&a, (const char *)data, size, "x/agreement.ini", &diags);
	/* close's in-place edit must work on whatever parsed */
	edited = mj_agreement_set_closed((const char *)data, size, &a, "closed",
					 "2026-01-01", &len);
	free(edited);
	mj_agreement_free(&a);
	mj_diags_free(&diags);
	return 0;
}
