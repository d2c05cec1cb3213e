#!/bin/sh
# status on a terminal of 80 and 50 columns: the relationship's name, the
# one column a user types next, stays whole; the other columns are
# shortened or left out first, and no line is wider than the terminal.
. "$(dirname "$0")/lib.sh"
export MJOURNAL_TODAY=2026-11-23

# status in a terminal $1 columns wide, what it shows in "screen"
status_at() {
	in_terminal "$1" 30 "cd \"$TRASH/journal\" && LANG=C.UTF-8 LC_ALL=C.UTF-8 MJOURNAL_PAGER=cat \"$MJOURNAL\" status"
}

test_expect_success 'setup: the sample programme, one relationship with a long name' '
	cp -R "$SAMPLE_DIR" journal &&
	git -C journal init -q &&
	git -C journal add -A &&
	git -C journal commit -q -m "The programme" &&
	mj -C journal rename jo-with-maria jo-long-slug-name-with-maria >/dev/null
'

test_expect_success 'at 80 columns every name is whole, other columns give way' '
	status_at 80 &&
	fits 80 &&
	test_grep "^jo-long-slug-name-with-maria " screen &&
	test_grep "^sam-with-alex " screen &&
	test_grep "^priya-with-dev " screen &&
	test_grep ! "^[a-z-]*…" screen &&
	test_grep "^RELATIONSHIP " screen
'

test_expect_success 'at 50 columns too: names whole, the stage and what is due kept' '
	mj -C journal rename jo-long-slug-name-with-maria jo-with-maria >/dev/null &&
	status_at 50 &&
	fits 50 &&
	test_grep "^sam-with-alex " screen &&
	test_grep "^helen-with-ravi " screen &&
	test_grep "^omar-with-lena " screen &&
	test_grep ! "^[a-z-]*…" screen &&
	test_grep "^RELATIONSHIP .*STAGE .*NEXT" screen &&
	test_grep "^2 ended (lee-with-nina, tom-with-alex): mjournal$" screen &&
	test_grep "^status --all shows them$" screen
'

test_done
