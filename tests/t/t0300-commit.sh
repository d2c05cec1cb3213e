#!/bin/sh
# mjournal commit: check, stage every change in the journal, describe it.
. "$(dirname "$0")/lib.sh"

new_note() {
	mkdir -p "$(dirname "$1")" &&
	cat >"$1" <<-EOF
	---
	date: $2
	stage: ${3:-enabling}
	attendance: held
	duration: 60m
	---
	# A session

	## Feedback
	Both ways.
	EOF
}

test_expect_success 'setup' '
	make_journal &&
	sign_agreement journal/sam-with-alex 2026-01-19 &&
	new_note journal/sam-with-alex/2026-01-19.md 2026-01-19 negotiating &&
	git -C journal status --porcelain >st &&
	test -s st
'

test_expect_success 'commit stages additions and edits, with a message saying what' '
	mj -C journal commit >out &&
	test_grep "^Committed: sam-with-alex: add session 2026-01-19; edit agreement$" out &&
	git -C journal log -1 --format=%B >msg &&
	echo "sam-with-alex: add session 2026-01-19; edit agreement" >expect &&
	echo >>expect &&
	test_cmp expect msg &&
	test -z "$(git -C journal status --porcelain)" &&
	git -C journal fsck --strict
'

test_expect_success 'nothing to commit is fine (exit 0)' '
	mj -C journal commit >out &&
	test_grep "Nothing to commit" out
'

test_expect_success 'deletions are committed; private notes never are' '
	new_note journal/sam-with-alex/2026-02-02.md 2026-02-02 &&
	echo "my doubts" >journal/sam-with-alex/2026-02-02-doubts.private.md &&
	mj -C journal commit >/dev/null &&
	git -C journal ls-files >tracked &&
	test_grep "sam-with-alex/2026-02-02.md" tracked &&
	rm journal/sam-with-alex/2026-02-02.md &&
	mj -C journal commit >out &&
	test_grep "sam-with-alex: remove session 2026-02-02" out &&
	git -C journal log --all --name-only --format= >names &&
	test_no_grep "private" names &&
	test -f journal/sam-with-alex/2026-02-02-doubts.private.md
'

test_expect_success 'several relationships: a subject and one line each' '
	(cd journal && mj new kim-with-alex --mentor "Alex Doe <alex@example.org>" \
		--mentee "Kim Lee <kim@example.org>" --started 2026-02-01 >/dev/null) &&
	new_note journal/kim-with-alex/2026-02-01.md 2026-02-01 preparing &&
	new_note journal/sam-with-alex/2026-02-16.md 2026-02-16 &&
	sed -i "s/^name = .*/name = Renamed/" journal/mjournal.ini &&
	mj -C journal commit >out &&
	git -C journal log -1 --format=%B >msg &&
	cat >expect <<-\EOF &&
	Update the journal, kim-with-alex, sam-with-alex

	journal: edit journal settings
	kim-with-alex: add session 2026-02-01
	sam-with-alex: add session 2026-02-16

	EOF
	test_cmp expect msg
'

test_expect_success 'commit refuses on check errors, naming them; --no-verify commits' '
	printf -- "---\ndate: 2026-02-20\nstage: dancing\n---\n" >journal/sam-with-alex/2026-02-20.md &&
	git -C journal rev-parse HEAD >before &&
	test_expect_code 1 mj -C journal commit 2>err &&
	test_grep "2026-02-20.md:3:8: error: unknown stage" err &&
	test_grep "not committed: check found 1 error" err &&
	git -C journal rev-parse HEAD >after &&
	test_cmp before after &&
	mj -C journal commit --no-verify -m "Keep the draft" >out &&
	git -C journal log -1 --format=%s >msg &&
	echo "Keep the draft" >expect &&
	test_cmp expect msg &&
	git -C journal rm -q sam-with-alex/2026-02-20.md &&
	git -C journal commit -q -m "drop draft"
'

# a commit writes only the trees along its paths (git_tree_create_updated):
# the tree it makes is the one git makes of the same index
test_expect_success 'the tree committed is the index git has; a folder emptied leaves it, others stay as they were' '
	sam=$(git -C journal rev-parse HEAD:sam-with-alex) &&
	new_note journal/gone-with-alex/2026-02-03.md 2026-02-03 preparing &&
	cp journal/sam-with-alex/agreement.ini journal/gone-with-alex/ &&
	mj -C journal commit --no-verify >/dev/null &&
	git -C journal ls-tree -d HEAD >dirs &&
	test_grep "gone-with-alex" dirs &&
	rm -r journal/gone-with-alex &&
	new_note journal/kim-with-alex/2026-02-03.md 2026-02-03 preparing &&
	mj -C journal commit >/dev/null &&
	git -C journal log -1 --format=%B >msg &&
	test_grep "^gone-with-alex: remove" msg &&
	git -C journal ls-tree -d HEAD >dirs &&
	test_grep ! "gone-with-alex" dirs &&
	test "$(git -C journal rev-parse HEAD:sam-with-alex)" = "$sam" &&
	test "$(git -C journal write-tree)" = "$(git -C journal rev-parse "HEAD^{tree}")" &&
	git -C journal ls-tree -r --name-only HEAD >files &&
	test_grep "kim-with-alex/2026-02-03.md" files &&
	git -C journal fsck --strict
'

# the check skipped, what is committed is still judged (the gate on the
# paths committed alone: tests/unit/test_git.c)
test_expect_success 'markers are refused with --no-verify too, and the rest then commits' '
	printf "a\n<<<<<<< HEAD\nb\n=======\nc\n>>>>>>> main\n" >journal/sam-with-alex/plan.txt &&
	new_note journal/sam-with-alex/2026-02-23.md 2026-02-23 &&
	git -C journal rev-parse HEAD >before &&
	test_expect_code 2 mj -C journal commit --no-verify >out 2>&1 &&
	test_grep "refusing to commit .sam-with-alex/plan.txt.: line 2 is a merge conflict marker" out &&
	git -C journal rev-parse HEAD >after &&
	test_cmp before after &&
	rm journal/sam-with-alex/plan.txt &&
	mj -C journal commit >/dev/null &&
	git -C journal ls-files --error-unmatch sam-with-alex/2026-02-23.md
'

test_expect_success 'in a subfolder of a larger repository only the journal is committed' '
	git init -q mono &&
	echo code >mono/app.c && git -C mono add app.c && git -C mono commit -q -m app &&
	mj init mono/mentoring >/dev/null &&
	(cd mono/mentoring && mj new sam-with-alex --mentor "A <a@x>" --mentee "S <s@x>" \
		--started 2026-02-01 >/dev/null) &&
	echo changed >mono/app.c &&
	echo staged >mono/other.txt && git -C mono add other.txt &&
	new_note mono/mentoring/sam-with-alex/2026-02-01.md 2026-02-01 preparing &&
	mj -C mono/mentoring commit >out &&
	git -C mono show --name-only --format= HEAD >files &&
	echo mentoring/sam-with-alex/2026-02-01.md >expect &&
	test_cmp expect files &&
	test "$(git -C mono rev-parse HEAD:app.c)" = "$(git -C mono rev-parse HEAD~:app.c)" &&
	git -C mono ls-tree -r --name-only HEAD >all &&
	test_grep ! other.txt all &&
	printf "<<<<<<< HEAD\nb\n=======\nc\n>>>>>>> main\n" >mono/mentoring/sam-with-alex/plan.txt &&
	test_expect_code 2 mj -C mono/mentoring commit --no-verify >out 2>&1 &&
	test_grep "refusing to commit .sam-with-alex/plan.txt.: line 1 is a merge conflict marker" out &&
	rm mono/mentoring/sam-with-alex/plan.txt &&
	git -C mono status --porcelain >st &&
	test_grep "^ M app.c" st &&
	test_grep "^A  other.txt" st
'

test_expect_success 'commit on an unborn HEAD' '
	mkdir unborn && git -C unborn init -q &&
	printf "[journal]\nname = U\nowner = A <a@x>\n" >unborn/mjournal.ini &&
	mj -C unborn commit >out &&
	test_grep "^Committed: journal: add journal settings$" out &&
	git -C unborn log --format=%s >log &&
	test $(wc -l <log) -eq 1
'

test_expect_success 'without a git identity, the journal owner commits' '
	(
		unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL &&
		HOME=$TRASH/nobody && mkdir -p "$HOME" && export HOME &&
		new_note unborn/x/2026-02-01.md 2026-02-01 preparing &&
		cp journal/sam-with-alex/agreement.ini unborn/x/ &&
		mj -C unborn commit --no-verify >/dev/null &&
		git -C unborn log -1 --format="%an <%ae>" >who &&
		echo "A <a@x>" >expect &&
		test_cmp expect who
	)
'

test_expect_success 'two commits at once: a sound repository, every note committed' '
	for i in 1 2 3 4 5 6; do
		new_note journal/sam-with-alex/2026-03-0$i.md 2026-03-0$i
	done &&
	{
		( MJOURNAL_TODAY=2026-03-10 mj -C journal commit >c1.out 2>c1.err; echo $? >c1.rc ) &
		( MJOURNAL_TODAY=2026-03-10 mj -C journal commit >c2.out 2>c2.err; echo $? >c2.rc ) &
		wait
	} &&
	cat c1.out c1.err c2.out c2.err &&
	test "$(cat c1.rc)" = 0 && test "$(cat c2.rc)" = 0 &&
	git -C journal fsck --strict &&
	test -z "$(git -C journal status --porcelain)" &&
	git -C journal ls-files sam-with-alex >files &&
	test $(grep -c "2026-03-0" files) -eq 6
'

test_expect_success 'a held lock makes a writer say the journal is busy' '
	new_note journal/sam-with-alex/2026-03-09.md 2026-03-09 &&
	hold_lock journal &&
	MJOURNAL_LOCK_WAIT=0 MJOURNAL_TODAY=2026-03-10 test_expect_code 2 mj -C journal commit 2>err &&
	test_grep "journal is busy" err &&
	release_lock &&
	MJOURNAL_TODAY=2026-03-10 mj -C journal commit >/dev/null
'

test_done
