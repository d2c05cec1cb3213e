#!/bin/sh
# Actions in every box Obsidian Tasks and GitHub write, a box that lost its
# "- ", and templates: a note left as a template made it is never committed,
# and outcomes written inside the closing template's comment are named.
. "$(dirname "$0")/lib.sh"

# an enabling note of sam-with-alex dated $1, its Actions section from stdin
enabling_note() {
	{
		printf -- "---\ndate: %s\nstage: enabling\nattendance: held\n" "$1" &&
		printf -- "duration: 45m\n---\n# Session\n\n## Actions\n" &&
		cat &&
		printf -- "\n## Feedback\n- To the mentor: clear.\n"
	} >"sam-with-alex/$1.md"
}

test_expect_success 'setup' '
	make_journal &&
	(cd journal &&
	 sign_agreement sam-with-alex 2026-01-19 &&
	 mj commit -m "sign" >/dev/null &&
	 mj note sam-with-alex --no-edit --stage negotiating --attendance held \
		--duration 30m --date 2026-01-19 >/dev/null) &&
	# editors: one that quits with an error (vim :cq), one that saves the
	# note unchanged (written again, as an editor writes), one killed
	# with mjournal before it saves anything
	printf "#!/bin/sh\nexit 1\n" >"$TRASH/fails" &&
	cat >"$TRASH/same" <<-\EOS &&
	#!/bin/sh
	cp "$1" "$1.saving" && mv "$1.saving" "$1"
	EOS
	cat >"$TRASH/killed" <<-\EOS &&
	#!/bin/sh
	# the editor runs under sh, under mjournal: kill mjournal
	kill -9 $(ps -o ppid= -p $PPID)
	sleep 1
	EOS
	cat >"$TRASH/words-then-fails" <<-\EOS &&
	#!/bin/sh
	printf "Words worth keeping.\n" >>"$1"
	exit 1
	EOS
	chmod +x "$TRASH/fails" "$TRASH/same" "$TRASH/killed" \
		"$TRASH/words-then-fails" &&
	printf "%s\n" out err msg expect before after json \
		>>journal/.git/info/exclude
'
cd journal 2>/dev/null

test_expect_success 'every box of Obsidian Tasks and GitHub is read with a meaning or warned of' '
	enabling_note 2026-02-02 <<-\EOF &&
	- [ ] Sam: plain open
	- [x] Sam: done small
	- [X] Sam: done capital
	- [>] Sam: forwarded to next time
	- [<] Sam: scheduled for later
	- [!] Sam: important one
	- [?] Sam: a question to ask
	- [/] Sam: in progress now
	- [-] Sam: dropped after all
	- [~] Sam: a non-task line
	- [p] Sam: a pro
	EOF
	mj commit -m "session" >/dev/null &&
	mj actions --open >out &&
	for a in "plain open" "forwarded to next time" "scheduled for later" \
		"important one" "a question to ask" "in progress now"; do
		test_grep "^open .*$a" out || return 1
	done &&
	test_no_grep "done small\|done capital\|dropped after all" out &&
	mj actions >out &&
	test_grep "^done .*done small" out &&
	test_grep "^done .*done capital" out &&
	test_grep "^dropped .*dropped after all" out &&
	mj check sam-with-alex >out &&
	f=sam-with-alex/2026-02-02.md &&
	test_grep "^$f:19:1: warning: .\[~\]. marks a non-task (as in Obsidian Tasks): it is not read as an action" out &&
	test_grep "^$f:20:1: warning: .\[p\]. is no state of an action mjournal reads" out &&
	# in progress is open, no longer warned of
	test_no_grep "^$f:17:" out
'

test_expect_success 'an open action in any box is carried and ticked by actions --done' '
	mj note sam-with-alex --no-edit --attendance held --duration 30m \
		--date 2026-02-16 >/dev/null &&
	f=sam-with-alex/2026-02-16.md &&
	test_grep "^- \[ \] Sam: forwarded to next time$" $f &&
	test_grep "^- \[ \] Sam: scheduled for later$" $f &&
	test_grep "^- \[!\] Sam: important one$" $f &&
	test_grep "^- \[?\] Sam: a question to ask$" $f &&
	test_grep "^- \[/\] Sam: in progress now$" $f &&
	test_no_grep "non-task\|a pro\|dropped after all\|done small" $f &&
	mj actions --done "important one" >out &&
	test_grep "Marked done in $f: Sam: important one" out &&
	test_grep "^- \[x\] Sam: important one$" $f &&
	test -z "$(git status --porcelain)"
'

test_expect_success 'a box without its "- " is warned of and never joined to the item above' '
	enabling_note 2026-02-23 <<-\EOF &&
	- [ ] Sam: send the plan to the team lead (due 2026-07-14)
	[ ] Alex: introduce Sam to Priya in finance (due 2026-07-20)
	EOF
	mj check sam-with-alex >out &&
	test_grep "^sam-with-alex/2026-02-23.md:11:1: warning: a task without its .- .: this line is not read as an action, nor as part of the item above" out &&
	mj actions --format json >json &&
	test_grep "\"text\": \"send the plan to the team lead\"" json &&
	test_grep "\"due\": \"2026-07-14\"" json &&
	test_no_grep "Priya\|2026-07-20" json &&
	mj commit -m "session" >/dev/null &&
	mj note sam-with-alex --no-edit --attendance held --duration 30m \
		--date 2026-02-26 >/dev/null &&
	test_grep "^- \[ \] Sam: send the plan to the team lead (due 2026-07-14)$" \
		sam-with-alex/2026-02-26.md &&
	test_no_grep "Priya" sam-with-alex/2026-02-26.md
'

test_expect_success 'note --title with an editor that fails keeps no template, and commits none later' '
	git rev-parse HEAD >before &&
	test_expect_code 2 env EDITOR="$TRASH/fails" "$MJOURNAL" note sam-with-alex \
		--title "Before the review" --date 2026-02-27 >out 2>err &&
	test_grep "the editor .* did not exit cleanly" err &&
	test_grep "left as the template made it: removed, nothing committed" out &&
	test_path_is_missing sam-with-alex/2026-02-27-before-the-review.md &&
	EDITOR="$TRASH/same" mj note sam-with-alex --date 2026-02-27 >out &&
	test_grep "left as the template made it: removed, nothing committed" out &&
	git rev-parse HEAD >after &&
	test_cmp before after &&
	test -z "$(git status --porcelain)" &&
	# words written before the editor failed are kept, not committed
	test_expect_code 2 env EDITOR="$TRASH/words-then-fails" "$MJOURNAL" note sam-with-alex \
		--title "Kept words" --date 2026-02-27 >out 2>err &&
	test_grep "Words worth keeping" sam-with-alex/2026-02-27-kept-words.md &&
	git rev-parse HEAD >after &&
	test_cmp before after &&
	rm sam-with-alex/2026-02-27-kept-words.md
'

test_expect_success 'a template a killed run left is removed by note and by edit, never committed' '
	git rev-parse HEAD >before &&
	(EDITOR="$TRASH/killed" "$MJOURNAL" note sam-with-alex --title "An odd title" \
		--date 2026-02-28 >/dev/null 2>&1 || echo $? >rc) &&
	echo 137 >expect && test_cmp expect rc && rm rc &&
	test -f sam-with-alex/2026-02-28-an-odd-title.md &&
	EDITOR="$TRASH/same" mj note sam-with-alex >out &&
	test_grep "2026-02-28-an-odd-title.md is not committed yet: opening it again" out &&
	test_grep "2026-02-28-an-odd-title.md was left as the template made it: removed, nothing committed" out &&
	test_path_is_missing sam-with-alex/2026-02-28-an-odd-title.md &&
	(EDITOR="$TRASH/killed" "$MJOURNAL" note sam-with-alex --title "Another one" \
		--date 2026-02-28 >/dev/null 2>&1 || echo $? >rc) &&
	test_cmp expect rc && rm rc &&
	EDITOR="$TRASH/same" mj edit sam-with-alex 2026-02-28 >out &&
	test_grep "2026-02-28-another-one.md was left as the template made it: removed, nothing committed" out &&
	test_path_is_missing sam-with-alex/2026-02-28-another-one.md &&
	git rev-parse HEAD >after &&
	test_cmp before after &&
	test -z "$(git status --porcelain)"
'

test_expect_success 'outcomes inside the closing template'"'"'s comment are named; open actions in any box stop close' '
	cat >"$TRASH/outcomes-inside" <<-\EOS &&
	#!/bin/sh
	sed -i -e "s/^- Lead my first project -->\$/- Lead my first project: met, Sam led the spring launch -->/" \
		-e "s/^<!-- What each of you takes away from this mentoring. -->\$/Sam: ask early. Alex: listen longer./" \
		-e "s/^<!-- To the mentor: .*-->\$/- To the mentor: clear. To the mentee: prepared./" "$1"
	EOS
	chmod +x "$TRASH/outcomes-inside" &&
	EDITOR="$TRASH/outcomes-inside" mj note sam-with-alex --stage closing \
		--date 2026-03-01 >out &&
	f=sam-with-alex/2026-03-01.md &&
	test_grep "Committed $f (closing)" out &&
	test_grep "^- Lead my first project: met, Sam led the spring launch -->$" $f &&
	line=$(grep -n "spring launch" $f | cut -d: -f1) &&
	mj check sam-with-alex >out &&
	test_grep "^$f:$line:1: warning: the closing session.s .## Outcomes. holds words only inside a comment: your outcomes are inside a comment (<!-- ... -->)" out &&
	test_no_grep "has no .## Outcomes. section" out &&
	test_expect_code 1 mj close sam-with-alex 2>err &&
	test_grep "^$f:$line:1: error: .*your outcomes are inside a comment (<!-- ... -->)" err &&
	# plain open, forwarded, scheduled, a question, in progress, the plan
	grep "^$f:.*action still open at closing" err >out &&
	test_line_count = 6 out &&
	# the goals the template listed, untouched, are no outcomes written
	sed -i "s/: met, Sam led the spring launch -->/ -->/" $f &&
	mj check sam-with-alex >out &&
	test_grep "^$f:3:1: warning: the closing session has no .## Outcomes. section" out &&
	test_no_grep "inside a comment" out
'

test_done
