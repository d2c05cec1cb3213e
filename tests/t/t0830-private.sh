#!/bin/sh
# Confidential stays confidential: a private note's words reach no index,
# commit, push, summary or report, whichever command runs; every object of
# every repository is scanned.
. "$(dirname "$0")/lib.sh"
export MJOURNAL_TODAY=2026-11-23
SECRET=PRIVATE-WORDS-7f3a9

# no_secret REPO: the words are in no object and no index entry of REPO
no_secret() {
	git -C "$1" cat-file --batch-all-objects --batch >objects 2>/dev/null &&
	test_no_grep "$SECRET" objects &&
	git -C "$1" log --all --name-only --format= >names &&
	test_no_grep "\.private\.md$" names &&
	git -C "$1" ls-files --stage >index &&
	test_no_grep "private" index
}

test_expect_success 'setup: private notes everywhere' '
	cp -R "$SAMPLE_DIR" journal &&
	git -C journal init -q && git -C journal add -A && git -C journal commit -q -m programme &&
	git init -q --bare remote.git && git -C journal remote add origin "$TRASH/remote.git" &&
	for slug in sam-with-alex jo-with-maria tom-with-alex; do
		printf -- "---\ndate: 2026-11-20\nstage: enabling\n---\n## Learning\n%s in %s\n" \
			"$SECRET" $slug >journal/$slug/2026-11-20-mine.private.md || return 1
	done &&
	printf -- "---\ndate: 2026-11-20\nstage: enabling\nprivate: true\n---\n%s\n" "$SECRET" \
		>journal/sam-with-alex/2026-11-21-flagged.private.md
'

test_expect_success 'every command runs with private notes present' '
	EDITOR=true mj -C journal note sam-with-alex --no-edit --attendance held --duration 60m --date 2026-11-23 >/dev/null &&
	mj -C journal commit >/dev/null &&
	mj -C journal status >status.out &&
	test_grep "private.*never committed" status.out &&
	mj -C journal summary sam-with-alex >summary.md &&
	mj -C journal summary sam-with-alex --format html >summary.html &&
	mj -C journal report -o "$TRASH/site" >/dev/null &&
	mj -C journal hours >/dev/null && mj -C journal actions >/dev/null &&
	mj -C journal close jo-with-maria --early --reason "moved" >/dev/null &&
	mj -C journal sync >/dev/null &&
	mj -C journal hook install >/dev/null &&
	git -C journal status --porcelain --ignored >porcelain &&
	test_grep "private.md" porcelain &&
	test_grep ! "^??.*private" porcelain
'

test_expect_success 'no private words in any summary or report page' '
	test_no_grep "$SECRET" summary.md &&
	test_no_grep "$SECRET" summary.html &&
	test_no_grep "$SECRET" journal/jo-with-maria/summary.md &&
	test_file_not_empty site/index.html &&
	test_grep ! "$SECRET" site/* &&
	mj -C journal report >/dev/null &&
	test_file_not_empty journal/.mjournal/report/index.html &&
	test_grep ! "$SECRET" journal/.mjournal/report/*
'

test_expect_success 'no private words in any object of the journal or the remote' '
	no_secret journal &&
	no_secret remote.git &&
	git -C remote.git log --format=%s main >log &&
	test_grep "^jo-with-maria: close (ended early)$" log &&
	git -C journal log --all --name-only --format= >names &&
	test_no_grep private names
'

test_expect_success 'a private note forced into the index: check says so, the hook stops git' '
	git -C journal add -f sam-with-alex/2026-11-20-mine.private.md &&
	test_expect_code 1 mj -C journal check >out &&
	test_grep "private-tracked" out &&
	mj -C journal commit >out &&
	test_grep "Nothing to commit" out &&
	test_expect_code 1 git -C journal commit -q -m "oops" 2>err &&
	test_grep "private-tracked" err &&
	git -C journal reset -q sam-with-alex/2026-11-20-mine.private.md &&
	# git add -f itself wrote the blob; nothing refers to it any more
	git -C journal prune --expire=now &&
	no_secret journal
'

test_expect_success 'notes git holds that are private by name or by front matter: found from the index memo, and without one' '
	printf -- "---\ndate: 2026-11-22\nstage: enabling\nprivate: true\n---\nflagged\n" \
		>journal/tom-with-alex/2026-11-22.md &&
	git -C journal add -f sam-with-alex/2026-11-20-mine.private.md \
		tom-with-alex/2026-11-22.md &&
	# out of the moment the index was written (no racily clean entry
	# for status to refresh), then status leaves the index memo
	sleep 2.1 &&
	{ mj -C journal status >/dev/null 2>&1 || :; } &&
	{ mj -C journal status >/dev/null 2>&1 || :; } &&
	test -f journal/.mjournal/index &&
	rm -f journal/.mjournal/private &&
	(export MJOURNAL_TRACE=1 && test_expect_code 1 mj -C journal check >memo.out 2>trace) &&
	test_grep "git index remembered" trace &&
	test_grep "tracked and forbidden: 2$" trace &&
	rm -f journal/.mjournal/private journal/.mjournal/index &&
	(export MJOURNAL_TRACE=1 && test_expect_code 1 mj -C journal check >git.out 2>trace) &&
	test_grep ! "git index remembered" trace &&
	test_grep "tracked and forbidden: 2$" trace &&
	test_cmp git.out memo.out &&
	test_grep "sam-with-alex/2026-11-20-mine.private.md.*private-tracked" memo.out &&
	test_grep "tom-with-alex/2026-11-22.md.*private-tracked" memo.out &&
	git -C journal reset -q sam-with-alex/2026-11-20-mine.private.md \
		tom-with-alex/2026-11-22.md &&
	rm journal/tom-with-alex/2026-11-22.md &&
	git -C journal prune --expire=now &&
	no_secret journal
'

test_expect_success 'private notes stay out of a clone and a sync' '
	git clone -q remote.git clone &&
	test -f clone/sam-with-alex/2026-11-23.md &&
	test -z "$(find clone -name "*.private.md")" &&
	no_secret clone
'

test_done
