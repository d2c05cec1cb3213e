/* libFuzzer: the front matter parser (libyaml's event API). */
#include "mj_front_matter.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mj_front_matter fm;
	struct mj_diags diags = MJ_DIAGS_INIT;

	mj_front_matter_parse(&fm, (const char *)data, size, "x/2026-01-01.md", &diags);
	mj_front_matter_free(&fm);
	mj_diags_free(&diags);
	return 0;
}
