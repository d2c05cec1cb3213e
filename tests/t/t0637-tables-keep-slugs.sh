#!/bin/sh
# agenda, actions, hours and programme on a terminal of 80 and 50
# columns: the relationship's name (what a user types next) stays whole,
# the other columns are shortened or left out first, and no line is wider
# than the terminal (programme's legend and figures wrap between words);
# status has done so since it was fitted.
. "$(dirname "$0")/lib.sh"
export MJOURNAL_TODAY=2026-11-23

LONG=jo-long-slug-name-with-maria

# a command in a terminal $1 columns wide, what it shows in "screen"
screen_at() {
	in_terminal "$1" 200 "cd \"$TRASH/journal\" && LANG=C.UTF-8 LC_ALL=C.UTF-8 MJOURNAL_PAGER=cat \"$MJOURNAL\" $2"
}

# no relationship's name is cut on the screen: every one the journal
# has that the command shows is there whole, none ends in an ellipsis
slugs_whole() {
	test_grep ! "[a-z]…" screen &&
	for s in $1; do
		grep -q -- "$s" screen || { echo "not whole: $s"; return 1; }
	done
}

test_expect_success 'setup: the sample programme, one relationship with a long name' '
	cp -R "$SAMPLE_DIR" journal &&
	git -C journal init -q &&
	git -C journal add -A &&
	git -C journal commit -q -m "The programme" &&
	mj -C journal rename jo-with-maria $LONG >/dev/null
'

for cols in 80 50; do
	test_expect_success "agenda at $cols columns: names whole" '
		screen_at '$cols' agenda &&
		fits '$cols' &&
		test_grep "^DATE .*RELATIONSHIP,\{0,1\} *WHAT" screen &&
		test_grep "  $LONG\(  \|\$\)" screen &&
		slugs_whole "$LONG sam-with-alex helen-with-ravi omar-with-lena data-circle"
	'

	test_expect_success "hours at $cols columns: names whole, numbers kept" '
		screen_at '$cols' hours &&
		fits '$cols' &&
		test_grep "^$LONG  .* 4  .*3.75$" screen &&
		slugs_whole "$LONG sam-with-alex helen-with-ravi tom-with-alex" &&
		test_grep "^total  *38  .*37.25$" screen
	'

	test_expect_success "programme at $cols columns: names whole" '
		screen_at '$cols' "programme \"$TRASH/journal\"" &&
		fits '$cols' &&
		test_grep "^RELATIONSHIP " screen &&
		sed -n "/^RELATIONSHIP/,/^\$/p" screen >table &&
		mv table screen &&
		fits '$cols' &&
		test_grep "^$LONG " screen &&
		slugs_whole "$LONG sam-with-alex helen-with-ravi priya-with-dev"
	'

	test_expect_success "actions --owner at $cols columns: each place whole" '
		screen_at '$cols' "actions --owner Sam" &&
		fits '$cols' &&
		mj -C journal actions --owner Sam --format json >json &&
		# each place that a terminal this wide can hold, after the state
		python3 -c "import json; [print(p) for p in (\"%s:%d\" % (a[\"file\"], a[\"line\"]) for a in json.load(open(\"json\"))) if len(p) <= '$cols' - 12]" >places &&
		test_line_count -ge 5 places &&
		while read place; do
			grep -q -- " $place\$" screen || { echo "cut: $place"; return 1; }
		done <places
	'
done

test_expect_success 'actions at 50 columns: each due date under its state' '
	screen_at 50 actions &&
	test_grep "^STATE, DUE  " screen &&
	test_grep "^2026-11-26  sam-with-alex/2026-10-12.md:16$" screen
'

test_done
