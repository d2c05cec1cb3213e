#!/bin/sh
# On a terminal of 80 and 50 columns: log wraps a long title between
# words, never inside one; and the usage printed with a mistake is laid
# out exactly as help lays it out (one routine writes both).
. "$(dirname "$0")/lib.sh"
export MJOURNAL_TODAY=2026-11-23

# runs a command line in a terminal $1 columns wide, what it shows in
# "screen"
screen_at() {
	in_terminal "$1" 100 "cd \"$TRASH/journal\" && export LANG=C.UTF-8 LC_ALL=C.UTF-8 MJOURNAL_PAGER=cat && $2"
}

# no line of the screen is wider than $1 columns
fits() {
	awk -v w="$1" 'length($0) > w { print "too wide: " $0; bad = 1 }
		END { exit bad }' screen
}

TITLE="A rather long title about the pipeline review and its many consequences for everyone involved"

test_expect_success 'setup: a note with a long title' '
	cp -R "$SAMPLE_DIR" journal &&
	cat >journal/sam-with-alex/2026-11-20.md <<-EOF &&
	---
	date: 2026-11-20
	stage: enabling
	attendance: held
	duration: 30m
	---
	# $TITLE

	## Notes
	We talked.
	EOF
	echo "$TITLE" | tr " " "\n" >words
'

for cols in 80 50; do
	test_expect_success "log at $cols columns: the title wrapped between words" '
		screen_at '$cols' "\"$MJOURNAL\" log sam-with-alex" &&
		fits '$cols' &&
		sed -n "/2026-11-20/,\$p" screen | tr -s " \n" "\n\n" >shown &&
		while read w; do
			grep -qx -- "$w" shown || { echo "split: $w"; return 1; }
		done <words
	'
done

test_expect_success 'log at 80 columns: the next lines of a title under its first' '
	screen_at 80 "\"$MJOURNAL\" log sam-with-alex" &&
	test_grep "^  2026-11-20  enabling     held      30m    A rather long" screen &&
	test_grep "^ \{44\}[a-z]" screen
'

test_expect_success 'into a file, a title stays one line' '
	mj -C journal log sam-with-alex >out &&
	test_grep "30m    $TITLE$" out
'

for cols in 80 50; do
	test_expect_success "the usage with a mistake, at $cols columns, is help's" '
		screen_at '$cols' "\"$MJOURNAL\" help note; echo ===; \"$MJOURNAL\" note --bogus" &&
		fits '$cols' &&
		sed -n "1,/^===/p" screen | sed -n "/^usage:/,/^\$/p" | sed "/^\$/d" >help-usage &&
		sed -n "/^===/,\$p" screen | sed -n "/^usage:/,/^hint:/p" | sed "\$d" >error-usage &&
		test_line_count -gt 1 help-usage &&
		test_cmp help-usage error-usage
	'
done

test_done
