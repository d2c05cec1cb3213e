/*
 * libFuzzer: the validator and the figures on one relationship, read from
 * the input as fuzz_relationship.h says.
 */
#include "fuzz_relationship.h"
#include "mj_stats.h"
#include "mj_validate.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mj_relationship rel;
	struct fuzz_parts parts;
	struct mj_diags out = MJ_DIAGS_INIT;
	struct mj_validate_options opts = { 20515, false }; /* 2026-03-03 */
	struct mj_stats stats;
	struct mj_hours hours;

	fuzz_relationship((const char *)data, size, &rel, &parts);
	mj_validate_relationship(&rel, &opts, &out);
	opts.closing = true;
	mj_validate_relationship(&rel, &opts, &out);
	mj_diags_sort(&out);
	mj_stats_compute(&rel, opts.today, &stats);
	mj_hours_compute(&rel, MJ_DATE_NONE, MJ_DATE_NONE, &hours);
	mj_hours_free(&hours);
	(void)mj_cycle_next_stage(&rel, opts.today);
	mj_diags_free(&out);
	mj_relationship_free(&rel);
	return 0;
}
