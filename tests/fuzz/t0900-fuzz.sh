#!/bin/sh
# A short run of each libFuzzer harness (make fuzz runs them for long), and
# the inputs fuzzing found once, kept as regression tests.  These test the
# library code through the harnesses, not the mjournal binary, so they live
# apart from the end-to-end suite (tools/meta-check.sh runs that one with
# fake binaries).
. "$(dirname "$0")/../t/lib.sh"

if ! command -v clang >/dev/null 2>&1; then
	test_skip 'fuzz harnesses' 'clang is not installed'
	test_done
fi

test_expect_success 'the harnesses build' '
	if ! make -s -C "$PROJECT_DIR" fuzz-build >build.log 2>&1; then
		cat build.log; false
	fi
'

test_expect_success 'a short run of each harness finds nothing' '
	if ! FUZZ_WORK="$TRASH/fuzz" "$PROJECT_DIR/tests/fuzz/run.sh" \
		"$PROJECT_DIR/build/fuzz" "${FUZZ_SHORT_SECONDS:-4}" >out 2>&1; then
		grep -h -B2 -A8 "ERROR\|SUMMARY\|deadly\|timeout\|out-of-memory" \
			out "$TRASH"/fuzz/*.log | head -60; false
	fi &&
	ls "$PROJECT_DIR"/tests/fuzz/fuzz_*.c >harnesses &&
	test $(grep -c "number_of_executed_units" out) -eq $(wc -l <harnesses) &&
	find "$TRASH/fuzz/findings" -type f >findings &&
	test_line_count = 0 findings
'

regressions=$(find "$PROJECT_DIR/tests/fuzz/regressions" -mindepth 2 -type f | LC_ALL=C sort)
if [ -z "$regressions" ]; then
	test_skip 'inputs kept from fuzzing run clean' \
		'tests/fuzz/regressions holds no input yet'
else
	echo "$regressions" >"$TRASH/regressions"
	test_expect_success 'inputs kept from fuzzing run clean' '
		while read -r f; do
			h=$(basename "$(dirname "$f")") &&
			if ! "$PROJECT_DIR/build/fuzz/fuzz_$h" "$f" >run.log 2>&1; then
				echo "regression: $f"; cat run.log; return 1
			fi
		done <regressions
	'
fi

test_done
