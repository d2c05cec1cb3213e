#!/bin/sh
# Fail closed: what cannot be shown to be public is kept private.  Editors'
# working files (a real vim's swap file, emacs's autosave and lock, backups)
# are never a change, never committed, never block a sync; a note whose
# front matter says private in any spelling, or cannot be read and looks
# private, is never committed, summarised or shown; and whatever a person
# commits with plain git, sync never pushes a private note, an editor's
# file or conflict markers.
. "$(dirname "$0")/lib.sh"
export MJOURNAL_TODAY=2026-11-23
SECRET=PRIVATE-WORDS-51c0d

# no_secret REPO: the words are in no object of REPO
no_secret() {
	git -C "$1" cat-file --batch-all-objects --batch >objects 2>/dev/null &&
	test_no_grep "$SECRET" objects
}

# synced: the hub has the journal's branch as it is
synced() {
	git -C journal rev-parse main >ours &&
	git -C hub.git rev-parse main >theirs &&
	test_cmp ours theirs
}

# a note of sam-with-alex dated $1, its front matter lines $2, body $3
note_with() {
	printf -- "---\n%bdate: %s\nstage: enabling\nattendance: held\nduration: 30m\n---\n## Learning\n%s\n" \
		"$2" "$1" "$3" >"journal/sam-with-alex/$1.md"
}

test_expect_success 'setup: the sample programme in git, a hub, a careless clone' '
	cp -R "$SAMPLE_DIR" journal &&
	git -C journal init -q && git -C journal add -A &&
	git -C journal commit -q -m programme &&
	git init -q --bare hub.git && git -C journal remote add origin "$TRASH/hub.git" &&
	mj -C journal sync >/dev/null &&
	git clone -q hub.git careless
'

test_expect_success 'a real vim on a private note: its swap file is no change, never committed' '
	printf -- "---\ndate: 2026-11-20\nstage: enabling\n---\n%s\n" "$SECRET" \
		>journal/sam-with-alex/2026-11-20.private.md &&
	terminal_start 80 24 "vim -u NONE -i NONE -N $TRASH/journal/sam-with-alex/2026-11-20.private.md" &&
	wait_until 20 test -f journal/sam-with-alex/.2026-11-20.private.md.swp &&
	mj -C journal status >status.out &&
	test_grep "2026-11-20.private.md" status.out &&
	test_grep ! "swp" status.out &&
	mj -C journal commit >commit.out 2>&1 &&
	mj -C journal sync >sync.out 2>&1 &&
	synced &&
	git -C journal ls-files >files &&
	test_grep ! "swp" files &&
	no_secret journal && no_secret hub.git &&
	terminal send-keys ":qa!" Enter &&
	wait_until 20 test ! -f journal/sam-with-alex/.2026-11-20.private.md.swp
'

test_expect_success 'emacs autosaves and locks, and backups: no change, no merge leftover' '
	printf "%s\n" "$SECRET" >"journal/sam-with-alex/#2026-11-20.private.md#" &&
	ln -s "alex@host.4242:1700000000" "journal/sam-with-alex/.#2026-11-20.private.md" &&
	cp journal/sam-with-alex/2026-11-09.md "journal/sam-with-alex/2026-11-09.md~" &&
	printf "%s\n" "$SECRET" >"journal/sam-with-alex/2026-11-20.private.md~" &&
	mj -C journal status >status.out &&
	test_grep "2026-11-20.private.md" status.out &&
	test_grep ! "#\|~" status.out &&
	test_expect_code_in "0 1" mj -C journal check sam-with-alex >check.out 2>&1 &&
	test_grep ! "merge" check.out &&
	test_grep ! "#\|~" check.out &&
	mj -C journal commit >commit.out 2>&1 &&
	mj -C journal sync >sync.out 2>&1 &&
	synced &&
	git -C journal ls-files >files &&
	test_grep ! "#\|~" files &&
	no_secret journal && no_secret hub.git
'

test_expect_success 'init ignores editors'"'"' working files (the sample journal does not: the rule holds without it)' '
	mj init fresh >/dev/null &&
	test_grep "^\.\*\.sw\[a-p\]$" fresh/.gitignore &&
	test_grep "^\*~$" fresh/.gitignore &&
	test_grep "^#\*#$" fresh/.gitignore &&
	test_grep "^\.#\*$" fresh/.gitignore &&
	test_grep ! "swp\|~" journal/.gitignore
'

test_expect_success 'private: true in front matter that does not parse is still private' '
	note_with 2026-11-21 "private: true\ntitle: Plan: ship it\n" "$SECRET one" &&
	note_with 2026-11-22 "Private: true\n" "$SECRET two" &&
	note_with 2026-11-23 "private: maybe\n" "$SECRET three" &&
	note_with 2026-11-19 "private: true\nmeta:\n  nested: key\n" "$SECRET four" &&
	mj -C journal summary sam-with-alex >summary.md &&
	test_no_grep "$SECRET" summary.md &&
	mj -C journal report -o "$TRASH/site" >/dev/null &&
	test_grep ! "$SECRET" site/* &&
	mj -C journal log sam-with-alex >log.out &&
	test_no_grep "$SECRET" log.out &&
	mj -C journal commit --no-verify >commit.out 2>&1 &&
	git -C journal ls-files sam-with-alex >files &&
	test_grep ! "2026-11-2[123]\|2026-11-19" files &&
	no_secret journal &&
	mj -C journal status >status.out &&
	test_grep "2026-11-21.md" status.out &&
	test_grep "private" status.out
'

test_expect_success 'check says why a note with unreadable front matter is kept private' '
	test_expect_code_in "0 1" mj -C journal check sam-with-alex >check.out 2>&1 &&
	test_grep "2026-11-21.md.*kept private" check.out &&
	test_grep "2026-11-23.md.*kept private" check.out
'

test_expect_success 'a private note committed with plain git is never pushed' '
	rm -f journal/sam-with-alex/2026-11-19.md journal/sam-with-alex/2026-11-2[123].md &&
	git -C journal rev-parse refs/heads/main >before &&
	git -C hub.git rev-parse refs/heads/main >hub-before &&
	git -C journal add -f sam-with-alex/2026-11-20.private.md &&
	git -C journal commit -q -m "by hand" &&
	test_must_fail mj -C journal sync >sync.out 2>&1 &&
	test_grep "nothing was pushed" sync.out &&
	test_grep "2026-11-20.private.md" sync.out &&
	test_grep "git rm --cached" sync.out &&
	git -C hub.git rev-parse refs/heads/main >hub-after &&
	test_cmp hub-before hub-after &&
	no_secret hub.git
'

test_expect_success 'following the advice takes it out, and sync goes through' '
	git -C journal reset -q --soft origin/main &&
	git -C journal rm -q --cached -- ":/sam-with-alex/2026-11-20.private.md" &&
	mj -C journal commit >commit.out 2>&1 &&
	mj -C journal sync >sync.out 2>&1 &&
	test_path_is_missing journal/.git/MERGE_HEAD &&
	no_secret hub.git &&
	test -f journal/sam-with-alex/2026-11-20.private.md
'

test_expect_success 'a note private by its front matter, committed with plain git, is never pushed' '
	note_with 2026-11-18 "PRIVATE: yes\n" "$SECRET five" &&
	git -C journal add sam-with-alex/2026-11-18.md &&
	git -C journal commit -q -m "by hand" &&
	test_must_fail mj -C journal push >push.out 2>&1 &&
	test_grep "2026-11-18.md.*private" push.out &&
	no_secret hub.git &&
	git -C journal reset -q --hard origin/main
'

test_expect_success 'an editor'"'"'s file forced into git is never pushed' '
	printf "%s\n" "$SECRET" >journal/sam-with-alex/.2026-11-09.md.swp &&
	git -C journal add -f sam-with-alex/.2026-11-09.md.swp &&
	git -C journal commit -q -m "by hand" &&
	test_must_fail mj -C journal sync >sync.out 2>&1 &&
	test_grep "swp.*editor" sync.out &&
	no_secret hub.git &&
	git -C journal reset -q --hard origin/main
'

test_expect_success 'conflict markers committed with plain git are never pushed' '
	printf "<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> main\n" \
		>>journal/sam-with-alex/2026-11-09.md &&
	git -C journal commit -q -am "by hand" &&
	git -C hub.git rev-parse refs/heads/main >hub-before &&
	test_must_fail mj -C journal sync >sync.out 2>&1 &&
	test_grep "conflict marker" sync.out &&
	test_grep "2026-11-09.md" sync.out &&
	git -C hub.git rev-parse refs/heads/main >hub-after &&
	test_cmp hub-before hub-after &&
	git -C journal reset -q --hard origin/main
'

test_expect_success 'finishing a merge never commits a private note forced into the index' '
	git -C careless pull -q &&
	echo "their line" >>careless/sam-with-alex/2026-11-09.md &&
	git -C careless commit -q -am "theirs" && git -C careless push -q &&
	echo "my line" >>journal/sam-with-alex/2026-11-09.md &&
	mj -C journal commit >/dev/null &&
	test_must_fail mj -C journal sync >sync.out 2>&1 &&
	test -f journal/.git/MERGE_HEAD &&
	printf "ours\ntheirs\n" >>journal/sam-with-alex/2026-11-09.md &&
	sed -i "/^<<<<<<<\|^=======\|^>>>>>>>/d" journal/sam-with-alex/2026-11-09.md &&
	git -C journal add sam-with-alex/2026-11-09.md &&
	git -C journal add -f sam-with-alex/2026-11-20.private.md &&
	test_must_fail mj -C journal commit --no-verify >commit.out 2>&1 &&
	test_grep "2026-11-20.private.md.*private note" commit.out &&
	git -C journal rm -q --cached sam-with-alex/2026-11-20.private.md &&
	mj -C journal commit >commit.out 2>&1 &&
	mj -C journal sync >sync.out 2>&1 &&
	no_secret hub.git
'

test_expect_success 'a private note a collaborator pushed: sync goes on, programme flags it' '
	git -C careless pull -q &&
	printf "%s\n" "$SECRET" >careless/sam-with-alex/2026-11-21.private.md &&
	git -C careless add -f sam-with-alex/2026-11-21.private.md &&
	git -C careless commit -q -m "oops" && git -C careless push -q &&
	mj -C journal sync >sync.out 2>&1 &&
	mj programme "file://$TRASH/hub.git" --format json >prog.json &&
	test_grep "\"private_tracked\": 1" prog.json &&
	mj programme "file://$TRASH/hub.git" >prog.txt &&
	test_grep "sam-with-alex.*private-tracked" prog.txt &&
	test_no_grep "$SECRET" prog.txt &&
	test_no_grep "$SECRET" prog.json
'

test_expect_success 'actions --done on an action only a private note holds keeps it there' '
	printf -- "---\ndate: 2026-11-22\nstage: enabling\n---\n## Actions\n- [ ] Sam: %s-action\n" \
		"$SECRET" >journal/sam-with-alex/2026-11-22.private.md &&
	git -C journal rev-parse HEAD >head-before &&
	mj -C journal actions --done "$SECRET-action" >done.out 2>&1 &&
	test_grep "\[x\] Sam: $SECRET-action" journal/sam-with-alex/2026-11-22.private.md &&
	git -C journal rev-parse HEAD >head-after &&
	test_cmp head-before head-after &&
	git -C journal log --all --format=%B >messages &&
	test_no_grep "$SECRET" messages &&
	git -C journal diff --exit-code >/dev/null
'

test_done
