#!/bin/sh
# A short run of each libFuzzer harness (make fuzz runs them for long), and
# the inputs fuzzing found once, kept as regression tests.
. "$(dirname "$0")/lib.sh"

if ! command -v clang >/dev/null 2>&1; then
	test_skip 'fuzz harnesses' 'clang is not installed'
	test_done
fi

test_expect_success 'the harnesses build' '
	make -s -C "$PROJECT_DIR" fuzz-build >build.log 2>&1 || { cat build.log; false; }
'

test_expect_success 'a short run of each harness finds nothing' '
	FUZZ_WORK="$TRASH/fuzz" "$PROJECT_DIR/tests/fuzz/run.sh" \
		"$PROJECT_DIR/build/fuzz" "${FUZZ_SHORT_SECONDS:-4}" >out 2>&1 ||
		{ cat out "$TRASH"/fuzz/*.log | tail -40; false; } &&
	test $(grep -c "number_of_executed_units" out) -eq 4 &&
	test -z "$(find "$TRASH/fuzz/findings" -type f)"
'

test_expect_success 'inputs kept from fuzzing run clean' '
	for f in "$PROJECT_DIR"/tests/fuzz/regressions/*/*; do
		[ -f "$f" ] || continue
		h=$(basename "$(dirname "$f")") &&
		"$PROJECT_DIR/build/fuzz/fuzz_$h" "$f" >run.log 2>&1 ||
		{ echo "regression: $f"; cat run.log; return 1; }
	done
'

test_done
