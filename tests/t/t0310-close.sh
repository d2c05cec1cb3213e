#!/bin/sh
# mjournal close: the closure criteria, the agreement edited in place,
# summary.md, the commit and the tag.
. "$(dirname "$0")/lib.sh"
export MJOURNAL_TODAY=2026-11-23

test_expect_success 'setup: the sample programme in git' '
	cp -R "$SAMPLE_DIR" journal &&
	git -C journal init -q &&
	git -C journal add -A && git -C journal commit -q -m sample
'

test_expect_success 'refusal lists every unmet criterion and changes nothing' '
	cp journal/sam-with-alex/agreement.ini before.ini &&
	git -C journal rev-parse HEAD >head.before &&
	test_expect_code 1 mj -C journal close sam-with-alex 2>err &&
	test_grep "no closing session" err &&
	test_grep "is not closed: 1 criterion unmet" err &&
	cmp before.ini journal/sam-with-alex/agreement.ini &&
	test ! -e journal/sam-with-alex/summary.md &&
	git -C journal rev-parse HEAD >head.after &&
	test_cmp head.before head.after &&
	test -z "$(git -C journal status --porcelain)"
'

test_expect_success 'an incomplete closing session and open actions are listed too' '
	cat >journal/sam-with-alex/2026-11-23-closing.md <<-\EOF &&
	---
	date: 2026-11-23
	stage: closing
	attendance: held
	duration: 60m
	---
	# Closing

	## Feedback
	Thank you.
	EOF
	mj -C journal commit >/dev/null &&
	test_expect_code 1 mj -C journal close sam-with-alex 2>err &&
	test_grep "2026-11-23-closing.md:3:1: error: the closing session has no .## Outcomes." err &&
	test_grep "2026-11-23-closing.md:3:1: error: the closing session has no .## Learning." err &&
	test_grep "2026-10-12.md:16:1: error: action still open at closing" err &&
	test_grep "2026-10-26.md:14:1: error: action still open at closing" err &&
	test_grep "2026-11-09.md:15:1: error: action still open at closing" err &&
	test_grep "5 criteria unmet" err &&
	cmp before.ini journal/sam-with-alex/agreement.ini
'

test_expect_success 'uncommitted changes in the relationship are a criterion' '
	echo "late thought" >>journal/sam-with-alex/2026-11-09.md &&
	test_expect_code 1 mj -C journal close sam-with-alex 2>err &&
	test_grep "^sam-with-alex/2026-11-09.md: error: is modified but not committed" err &&
	git -C journal checkout -q sam-with-alex/2026-11-09.md
'

test_expect_success 'a complete closing: only status and closed change; summary, commit, tag' '
	sed -i "s/^- \[ \] /- [x] /" journal/sam-with-alex/2026-10-12.md \
		journal/sam-with-alex/2026-10-26.md journal/sam-with-alex/2026-11-09.md &&
	cat >>journal/sam-with-alex/2026-11-23-closing.md <<-\EOF &&

	## Outcomes
	- *Lead my first project*: met.

	## Learning
	- Alex: ending well takes preparation.
	EOF
	mj -C journal commit >/dev/null &&
	mj -C journal close sam-with-alex >out &&
	test_grep "^Closed sam-with-alex on 2026-11-23: sam-with-alex/summary.md, tagged sam-with-alex/closed$" out &&
	test_expect_code 1 diff before.ini journal/sam-with-alex/agreement.ini >changed &&
	cat >expect <<-\EOF &&
	10,11c10,11
	< status = active
	< closed =
	---
	> status = closed
	> closed = 2026-11-23
	EOF
	test_cmp expect changed &&
	git -C journal log -1 --format=%s >msg &&
	echo "sam-with-alex: close" >expect &&
	test_cmp expect msg &&
	git -C journal show --name-only --format= HEAD | sort >files &&
	printf "sam-with-alex/agreement.ini\nsam-with-alex/summary.md\n" >expect &&
	test_cmp expect files &&
	git -C journal cat-file -t sam-with-alex/closed >type &&
	echo tag >expect &&
	test_cmp expect type &&
	git -C journal tag -n1 -l sam-with-alex/closed >tag &&
	test_grep "sam-with-alex closed on 2026-11-23" tag &&
	test "$(git -C journal rev-parse sam-with-alex/closed^{commit})" = "$(git -C journal rev-parse HEAD)" &&
	test -z "$(git -C journal status --porcelain)" &&
	git -C journal fsck --strict
'

test_expect_success 'the summary is the relationship as a document' '
	s=journal/sam-with-alex/summary.md &&
	test_grep "^# sam-with-alex: summary$" $s &&
	test_grep "Term:\*\* 2026-06-01 to 2026-12-18; closed 2026-11-23" $s &&
	test_grep "^## Outcomes$" $s &&
	test_grep "Lead my first project\*: met." $s &&
	test_grep "^## Feedback$" $s &&
	test_grep "^## Learning$" $s &&
	mj -C journal check sam-with-alex &&
	mj -C journal status --all >st &&
	test_grep "^sam-with-alex .* closed " st
'

test_expect_success 'closing twice is refused' '
	test_expect_code 1 mj -C journal close sam-with-alex 2>err &&
	test_grep "already closed" err
'

test_expect_success 'after closure only follow-up notes are accepted' '
	EDITOR=true mj -C journal note sam-with-alex --no-edit --attendance held --duration 60m --date 2026-11-23 >out &&
	test_grep "(follow-up)" out
'

test_expect_success '--early ends without fault and needs only a reason' '
	test_expect_code 2 mj -C journal close jo-with-maria --early 2>err &&
	test_grep "needs --reason" err &&
	test_expect_code 2 mj -C journal close jo-with-maria --reason x 2>err &&
	test_grep "goes with --early" err &&
	mj -C journal close jo-with-maria --early --reason "Jo moved to another company" --date 2026-11-20 >out &&
	test_grep "^Ended jo-with-maria on 2026-11-20" out &&
	test_grep "^status = ended-early$" journal/jo-with-maria/agreement.ini &&
	test_grep "^closed = 2026-11-20$" journal/jo-with-maria/agreement.ini &&
	test_grep "Reason for ending:\*\* Jo moved to another company" journal/jo-with-maria/summary.md &&
	git -C journal log -1 --format=%B >msg &&
	test_grep "^jo-with-maria: close (ended early)$" msg &&
	test_grep "^Jo moved to another company$" msg &&
	git -C journal tag -n1 -l jo-with-maria/closed >tag &&
	test_grep "ended early on 2026-11-20, without fault: Jo moved" tag &&
	mj -C journal check jo-with-maria
'

test_expect_success 'close refuses dates in the future, before the start, and before notes' '
	test_expect_code 2 mj -C journal close helen-with-ravi --date 2026-12-01 2>err &&
	test_grep "in the future" err &&
	test_expect_code 1 mj -C journal close helen-with-ravi --early --reason r --date 2026-11-01 2>err &&
	test_grep "2026-11-10.md:2:1: error: a note of stage .enabling. after the closing date 2026-11-01" err &&
	test_grep "^status = active$" journal/helen-with-ravi/agreement.ini
'

test_expect_success 'a comment and spacing on the status line survive the edit' '
	sed -i "s/^status = active$/status = active        ; active | closed | ended-early/" \
		journal/helen-with-ravi/agreement.ini &&
	sed -i "s/^closed =$/closed =               ; written by close/" \
		journal/helen-with-ravi/agreement.ini &&
	mj -C journal commit >/dev/null &&
	cp journal/helen-with-ravi/agreement.ini before2.ini &&
	mj -C journal close helen-with-ravi --early --reason "Helen changed roles" >/dev/null &&
	test_expect_code 1 diff before2.ini journal/helen-with-ravi/agreement.ini >changed &&
	test_grep "^> status = ended-early        ; active | closed | ended-early$" changed &&
	test_grep "^> closed = 2026-11-23               ; written by close$" changed &&
	test $(grep -c "^[<>]" changed) -eq 4
'

test_expect_success 'an unknown relationship is a usage error' '
	test_expect_code 2 mj -C journal close nobody 2>err &&
	test_expect_code 2 mj -C journal close ../etc 2>err
'

test_expect_success 'a closure made by hand is finished with its summary, then tagged' '
	grep -q "^status = ended-early" journal/lee-with-nina/agreement.ini &&
	test ! -e journal/lee-with-nina/summary.md &&
	mj -C journal close lee-with-nina >out &&
	test_grep "Finished closing lee-with-nina" out &&
	git -C journal show lee-with-nina/closed:lee-with-nina/summary.md >summary &&
	test_grep "^# lee-with-nina: summary" summary &&
	test_grep "ended early" summary &&
	test -z "$(git -C journal status --porcelain)"
'

test_done
