#!/bin/sh
# git's index under real use: git status running beside mjournal (as VS
# Code and shell prompts run it), a git add at the same moment, locks left
# by others or by a killed mjournal, and a journal copied with cp -r.
. "$(dirname "$0")/lib.sh"
export MJOURNAL_TODAY=2026-11-23

# note N: a new session note for sam-with-alex, unique by N
note() {
	printf -- "---\ndate: 2026-11-%02d\nstage: enabling\nattendance: held\nduration: 1h\n---\n## Feedback\n- note %s\n" \
		"$(( ($1 % 20) + 1 ))" "$1" >"journal/sam-with-alex/2026-11-$(printf %02d $(( ($1 % 20) + 1 )))-n$1.md"
}

test_expect_success 'setup: a signed relationship' '
	make_journal &&
	sign_agreement journal/sam-with-alex 2026-01-19 &&
	printf -- "---\ndate: 2026-01-19\nstage: negotiating\nattendance: held\nduration: 1h\n---\n" >journal/sam-with-alex/2026-01-19.md &&
	git -C journal add -A && git -C journal commit -qm signed
'

test_expect_success 'git status in a loop beside 20 commits: every commit lands' '
	: >looping &&
	{ (while [ -f looping ]; do git -C journal status >/dev/null 2>&1; done) & } &&
	loop=$! &&
	n=1 && ok=0 &&
	while [ $n -le 20 ]; do
		note $n &&
		{ mj -C journal commit >out 2>err && ok=$((ok + 1)) || cat err; } &&
		n=$((n + 1)) || return 1
	done &&
	rm -f looping && wait $loop &&
	test $ok = 20 &&
	git -C journal ls-tree -r --name-only HEAD >tree &&
	test "$(grep -c -- "-n[0-9]*\.md$" tree)" = 20 &&
	test -z "$(git -C journal status --porcelain)" &&
	git -C journal fsck --strict
'

test_expect_success 'a git add during commits is never lost' '
	: >adding &&
	{ (k=1; while [ $k -le 30 ] && [ -f adding ]; do
		echo "$k" >journal/extra-$k.txt
		# a few tries while a commit holds the index; never for ever
		t=0; until git -C journal add extra-$k.txt 2>/dev/null ||
			[ $t -ge 500 ]; do sleep 0.01; t=$((t + 1)); done
		k=$((k + 1))
	   done; rm -f adding) & } &&
	adder=$! &&
	n=21 &&
	while [ $n -le 40 ] && [ -f adding ]; do
		note $n &&
		{ mj -C journal commit >/dev/null 2>&1 || :; } &&
		n=$((n + 1)) || return 1
	done &&
	wait $adder &&
	git -C journal ls-files >files &&
	test "$(grep -c "^extra-[0-9]*\.txt$" files)" = 30 &&
	git -C journal fsck --strict
'

test_expect_success 'a lock held for a moment is waited for' '
	note 41 &&
	: >journal/.git/index.lock &&
	{ (sleep 1; rm -f journal/.git/index.lock) & } &&
	mj -C journal commit >out 2>err &&
	test_grep "^Committed" out &&
	wait
'

test_expect_success 'a lock held longer: busy, and no advice to remove it' '
	note 42 &&
	: >journal/.git/index.lock &&
	test_expect_code 2 env MJOURNAL_LOCK_WAIT=1 "$MJOURNAL" -C journal commit >out 2>err &&
	test_grep "^mjournal: git.s index is busy: another git command (an editor or a shell prompt running git status, say) held .git/index.lock for 1 seconds; try again" err &&
	test_grep ! "remove" err &&
	test_grep ! "global/xdg" err &&
	test -f journal/.git/index.lock
'

test_expect_success 'an old lock nobody uses is named, never removed by mjournal' '
	touch -d "2 hours ago" journal/.git/index.lock &&
	test_expect_code 2 mj -C journal commit >out 2>err &&
	test_grep "git.s index is locked (.git/index.lock) and has been for a long time: if no git command is running, remove .git/index.lock and try again" err &&
	test -f journal/.git/index.lock &&
	rm journal/.git/index.lock
'

test_expect_success 'a lock a killed mjournal left is taken over' '
	sh -c "exit 0" & dead=$! && wait $dead &&
	printf "mjournal %s\n" $dead >journal/.git/index.lock &&
	mj -C journal commit >out &&
	test_grep "^Committed" out &&
	test_path_is_missing journal/.git/index.lock
'

# fresh DIR ARGS: how many unchanged files with stale stat data mjournal
# hashed while it compared the work tree with git's index
fresh() {
	MJOURNAL_TRACE=1 mj -C "$@" 2>&1 >/dev/null |
		sed -n "s/.*git status: .* \([0-9][0-9]*\) fresh$/\1/p"
}

test_expect_success 'a journal copied with cp -r: same status, and status refreshes the index' '
	mj -C journal status >before &&
	cp -r journal copy &&
	git -C copy diff-files --name-only >stale &&
	test_file_not_empty stale &&
	mj -C copy status >after &&
	test_cmp before after &&
	git -C copy diff-files --name-only >stale &&
	test ! -s stale &&
	test "$(fresh copy status)" = 0
'

test_expect_success 'after cp -r the first commit refreshes the index; the second hashes nothing' '
	cp -r journal copy2 &&
	git -C copy2 diff-files --name-only >stale &&
	test_line_count -gt 20 stale &&
	printf -- "---\ndate: 2026-11-23\nstage: enabling\nattendance: held\nduration: 1h\n---\n## Feedback\n- copied\n" >copy2/sam-with-alex/2026-11-23-copied.md &&
	test "$(fresh copy2 commit)" -gt 20 &&
	git -C copy2 log -1 --format=%s >subject &&
	test_grep "add session 2026-11-23" subject &&
	git -C copy2 diff-files --name-only >stale &&
	test ! -s stale &&
	git -C copy2 status --porcelain >st && test ! -s st &&
	printf -- "---\ndate: 2026-11-22\nstage: enabling\nattendance: held\nduration: 1h\n---\n## Feedback\n- again\n" >copy2/sam-with-alex/2026-11-22-again.md &&
	test "$(fresh copy2 commit)" = 0 &&
	git -C copy2 ls-files >files &&
	test_grep "2026-11-22-again.md" files
'

test_done
