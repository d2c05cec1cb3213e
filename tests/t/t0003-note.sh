#!/bin/sh
# mjournal note: write a session note in a real editor.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	make_journal &&
	write_editor typist "We talked about what Sam wants from mentoring." &&
	# the tests scratch files beside the notes; git is told to ignore them
	printf "%s\n" out msg expect files before after err st keep log \
		>>journal/.git/info/exclude
'
cd journal 2>/dev/null

test_expect_success 'the first note is a preparing note, written in $EDITOR and committed' '
	EDITOR=$TRASH/typist MJOURNAL_TODAY=2026-01-12 mj note sam-with-alex >out &&
	test_grep "Committed sam-with-alex/2026-01-12.md (preparing)" out &&
	f=sam-with-alex/2026-01-12.md &&
	test_grep "^stage: preparing$" $f &&
	test_grep "^date: 2026-01-12$" $f &&
	test_grep "^# Preparing$" $f &&
	test_grep "what Sam wants" $f &&
	git log -1 --format=%s >msg &&
	echo "sam-with-alex: add session 2026-01-12" >expect &&
	test_cmp expect msg &&
	git show --name-only --format= HEAD >files &&
	echo $f >expect &&
	test_cmp expect files &&
	test -z "$(git status --porcelain)"
'

test_expect_success 'a note left as the template made it is removed, not committed' '
	git rev-parse HEAD >before &&
	EDITOR=true MJOURNAL_TODAY=2026-01-13 mj note sam-with-alex >out &&
	test_grep "left as the template made it" out &&
	test ! -e sam-with-alex/2026-01-13.md &&
	git rev-parse HEAD >after &&
	test_cmp before after
'

test_expect_success 'an existing note is never overwritten: a new name is chosen' '
	cp sam-with-alex/2026-01-12.md keep &&
	EDITOR=$TRASH/typist MJOURNAL_TODAY=2026-01-12 mj note sam-with-alex --stage preparing >out &&
	test_grep "2026-01-12-preparing.md" out &&
	test_cmp keep sam-with-alex/2026-01-12.md &&
	EDITOR=$TRASH/typist MJOURNAL_TODAY=2026-01-12 mj note sam-with-alex --stage preparing >out &&
	test_grep "2026-01-12-3.md" out &&
	test_cmp keep sam-with-alex/2026-01-12.md
'

test_expect_success 'the next note is negotiating until the agreement is signed' '
	EDITOR=$TRASH/typist mj note sam-with-alex --date 2026-01-19 --title "First meeting" >out &&
	test_grep "2026-01-19-first-meeting.md (negotiating)" out &&
	test_grep "^# First meeting$" sam-with-alex/2026-01-19-first-meeting.md &&
	test_grep "^attendance: held" sam-with-alex/2026-01-19-first-meeting.md
'

test_expect_success 'after signing, the next note is enabling' '
	sign_agreement sam-with-alex 2026-01-19 &&
	git commit -qam "sign" &&
	EDITOR=$TRASH/typist mj note sam-with-alex --date 2026-02-02 >out &&
	test_grep "sam-with-alex/2026-02-02.md (enabling)" out &&
	test_grep "^## Feedback$" sam-with-alex/2026-02-02.md
'

test_expect_success '$EDITOR may hold arguments, as in git' '
	cat >"$TRASH/ed-args" <<-\EOS &&
	#!/bin/sh
	# first argument: a word to write; last: the note
	printf "%s\n" "$1" >>"$2"
	EOS
	chmod +x "$TRASH/ed-args" &&
	EDITOR="$TRASH/ed-args Arguments-work" mj note sam-with-alex --date 2026-02-16 >out &&
	test_grep "Arguments-work" sam-with-alex/2026-02-16.md
'

test_expect_success '$VISUAL comes before $EDITOR' '
	write_editor visual "Written by VISUAL." &&
	VISUAL=$TRASH/visual EDITOR=false mj note sam-with-alex --date 2026-02-20 >out &&
	test_grep "Written by VISUAL" sam-with-alex/2026-02-20.md
'

test_expect_success 'a failing editor keeps the note and commits nothing' '
	cat >"$TRASH/crash" <<-\EOS &&
	#!/bin/sh
	echo "half a thought" >>"$1"
	exit 3
	EOS
	chmod +x "$TRASH/crash" &&
	git rev-parse HEAD >before &&
	EDITOR=$TRASH/crash test_expect_code 2 mj note sam-with-alex --date 2026-02-21 2>err &&
	test_grep "did not exit cleanly" err &&
	test_grep "half a thought" sam-with-alex/2026-02-21.md &&
	git rev-parse HEAD >after &&
	test_cmp before after &&
	git status --porcelain >st &&
	test_grep "2026-02-21.md" st &&
	rm sam-with-alex/2026-02-21.md
'

test_expect_success 'a note with errors is shown, kept and not committed (exit 1)' '
	cat >"$TRASH/breaker" <<-\EOS &&
	#!/bin/sh
	sed -i "s/^stage: enabling/stage: workshop/" "$1"
	EOS
	chmod +x "$TRASH/breaker" &&
	git rev-parse HEAD >before &&
	EDITOR=$TRASH/breaker test_expect_code 1 mj note sam-with-alex --date 2026-02-22 >out &&
	test_grep "2026-02-22.md:3:8: error: unknown stage .workshop." out &&
	test_grep "kept but not committed" out &&
	test -f sam-with-alex/2026-02-22.md &&
	git rev-parse HEAD >after &&
	test_cmp before after &&
	rm sam-with-alex/2026-02-22.md
'

test_expect_success '--no-edit writes the note without an editor' '
	EDITOR=false mj note sam-with-alex --no-edit --attendance held --duration 60m --date 2026-02-23 --stage enabling >out &&
	test_grep "Committed sam-with-alex/2026-02-23.md" out
'

test_expect_success 'note refuses unknown relationships, stages and dates' '
	test_expect_code 2 mj note nobody --no-edit --attendance held --duration 60m 2>err &&
	test_grep "no relationship" err &&
	test_expect_code 2 mj note ../etc --no-edit --attendance held --duration 60m 2>err &&
	test_expect_code 2 mj note sam-with-alex --stage dancing 2>err &&
	test_grep "unknown --stage" err &&
	test_expect_code 2 mj note sam-with-alex --date 2026-02-31 2>err &&
	test_grep "not a real date" err
'

test_expect_success 'what mjournal committed reads well with git' '
	git log --format=%s >log &&
	test_grep "sam-with-alex: add session 2026-02-02" log &&
	git fsck --strict &&
	test_expect_code 0 mj check >out
'

test_done
