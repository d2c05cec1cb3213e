#!/bin/sh
# The tests of the tests: a suite that cannot fail proves nothing.
#
#  - The end-to-end suite (tests/t) is run with MJOURNAL=/bin/true and with
#    MJOURNAL=/bin/false: every test that is not setup (its title starts
#    with "setup") must fail with both.
#  - The crash tests (t0810) are run with fault injection disabled (a
#    wrapper that drops MJOURNAL_FAULT_AT): every one must fail.
#  - The test library itself: a broken &&-chain is reported as a bug in the
#    test, naming it; a failing command in a chain fails the test.
#
# Prints TAP for prove.  MJOURNAL names the real binary (for the wrapper).
set -u
here=$(cd "$(dirname "$0")" && pwd)
project=$(cd "$here/.." && pwd)
real=${MJOURNAL:-$project/mjournal}
# the fakes' failures are expected: not among what make check says failed
unset MJ_TEST_FAILURES
work=$(mktemp -d "${TMPDIR:-/tmp}/mjournal-meta.XXXXXX")
trap 'rm -rf "$work"' EXIT
count=0
failed=0

report() { # report OK? TITLE [DETAILS FILE]
	count=$((count + 1))
	if [ "$1" = ok ]; then
		echo "ok $count - $2"
	else
		echo "not ok $count - $2"
		[ -n "${3:-}" ] && sed 's/^/# /' "$3"
		failed=$((failed + 1))
	fi
}

# passing LOG: the TAP lines of tests that passed, neither setup nor skipped
passing() {
	grep -E '^ok [0-9]+ - ' "$1" | grep -v -E '^ok [0-9]+ - setup' |
		grep -v '# SKIP' || true
}

# run_with BINARY NAME SCRIPT: the script's TAP output with MJOURNAL=BINARY
run_with() {
	MJOURNAL=$1 sh "$3" >"$work/$2.$(basename "$3" .sh).log" 2>&1 </dev/null
}

# the fake binaries, each script in turn, two at a time
printf '#!/bin/sh\nunset MJOURNAL_FAULT_AT\nexec "%s" "$@"\n' "$real" >"$work/no-fault"
chmod +x "$work/no-fault"
export work
ls "$project"/tests/t/t[0-9]*.sh | xargs -P 2 -I{} sh -c '
	MJOURNAL=/bin/true sh "{}" >"$work/true.$(basename "{}" .sh).log" 2>&1 </dev/null
	MJOURNAL=/bin/false sh "{}" >"$work/false.$(basename "{}" .sh).log" 2>&1 </dev/null
	true'

for script in "$project"/tests/t/t[0-9]*.sh; do
	name=$(basename "$script" .sh)
	for fake in true false; do
		log=$work/$fake.$name.log
		passing "$log" >"$work/passing"
		if ! grep -q '^1\.\.[0-9]' "$log"; then
			report not "$name with MJOURNAL=/bin/$fake: the script did not finish" "$log"
		elif [ -s "$work/passing" ]; then
			report not "$name with MJOURNAL=/bin/$fake: these tests pass against a fake binary" "$work/passing"
		else
			report ok "$name: every test that is not setup fails with MJOURNAL=/bin/$fake"
		fi
	done
done

run_with "$work/no-fault" nofault "$project/tests/t/t0810-crash.sh"
passing "$work/nofault.t0810-crash.log" >"$work/passing"
if [ ! -s "$work/nofault.t0810-crash.log" ] || [ -s "$work/passing" ]; then
	report not "t0810-crash: these crash tests pass with fault injection disabled" "$work/passing"
else
	report ok "t0810-crash: every crash test fails with fault injection disabled"
fi

# the library: a broken chain, a failing link, the helpers
mkdir -p "$work/lib"
cat >"$work/lib/t9999-lib.sh" <<SCRIPT
. "$project/tests/t/lib.sh"
test_expect_success 'a chain broken after its first line' '
	true
	false &&
	true
'
test_expect_success 'a chain with a failing link' '
	true &&
	false &&
	true
'
test_expect_success 'an unbroken chain' '
	echo a >a &&
	echo a >b &&
	test_cmp a b &&
	test_grep ^a a &&
	test_grep ! ^b a &&
	test_line_count = 1 a &&
	test_must_fail false &&
	test_expect_code 3 sh -c "exit 3"
'
test_expect_success 'test_must_fail refuses success and crashes' '
	if test_must_fail true; then false; fi &&
	if test_must_fail sh -c "kill -9 \\\$\\\$"; then false; fi &&
	if test_grep ^x missing-file; then false; fi
'
test_done
SCRIPT
run_with "$real" lib "$work/lib/t9999-lib.sh"
log=$work/lib.t9999-lib.log
if grep -q "^not ok 1 - a chain broken after its first line" "$log" &&
	grep -q "^# BUG in the test: broken &&-chain in 'a chain broken after its first line'" "$log"; then
	report ok "lib.sh: a broken &&-chain is a bug in the test, named"
else
	report not "lib.sh: a broken &&-chain went unreported" "$log"
fi
if grep -q "^not ok 2 - a chain with a failing link" "$log" &&
	grep -q "^ok 3 - an unbroken chain" "$log" &&
	grep -q "^ok 4 - test_must_fail refuses success and crashes" "$log"; then
	report ok "lib.sh: a failing link fails the test; the helpers work"
else
	report not "lib.sh: failing links or helpers misbehave" "$log"
fi

echo "1..$count"
[ "$failed" -eq 0 ]
