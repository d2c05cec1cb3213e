#!/bin/sh
# Merges that never hide a conflict: a note deleted on one side and edited
# on the other stays a conflict (as git shows it), files a merge leaves
# are reported, and no commit ever holds a conflict marker.
. "$(dirname "$0")/lib.sh"
export MJOURNAL_TODAY=2026-11-23

# no_markers_in_history REPO: no commit adds a conflict marker or a side file
no_markers_in_history() {
	git -C "$1" log -p --all >history &&
	test_grep ! "^+<<<<<<<" history &&
	test_grep ! "^+>>>>>>>" history &&
	git -C "$1" log --all --name-only --format= >names &&
	test_grep ! "~" names &&
	git -C "$1" fsck --strict 2>fsck.err >/dev/null
}

test_expect_success 'setup: two clones of one journal' '
	git init -q --bare remote.git &&
	cp -R "$SAMPLE_DIR" alex &&
	git -C alex init -q &&
	git -C alex add -A && git -C alex commit -q -m "The programme" &&
	git -C alex remote add origin "$TRASH/remote.git" &&
	mj -C alex sync >/dev/null &&
	git clone -q remote.git sam
'

test_expect_success 'a rename on one side, an edit on the other: a conflict, no side files' '
	note=sam-with-alex/2026-11-09.md &&
	git -C alex mv $note sam-with-alex/2026-11-10.md &&
	sed -i "s/^date: 2026-11-09/date: 2026-11-10/" alex/sam-with-alex/2026-11-10.md &&
	git -C alex commit -qam "alex: the session moved a day" &&
	mj -C alex sync >/dev/null &&
	sed -i "s/^# .*/# Getting ready to close, says Sam/" sam/$note &&
	sed "s/^date: 2026-11-09/date: 2026-11-10/; s/^# .*/# Sam wrote this one/" \
		sam/$note >sam/sam-with-alex/2026-11-10.md &&
	git -C sam add -A && git -C sam commit -qm "sam: an edit and a new note" &&
	test_expect_code 1 mj -C sam sync >out &&
	test_grep "^Conflict" out &&
	test_grep "^  edited here, deleted there: sam-with-alex/2026-11-09.md$" out &&
	test_grep "^  added on both sides: sam-with-alex/2026-11-10.md$" out &&
	(cd sam && find . -name "*~*" ! -path "./.git/*") >sides &&
	test_line_count = 0 sides &&
	git -C sam status --porcelain >st &&
	test_grep "^UD sam-with-alex/2026-11-09.md$" st &&
	test_grep "^AA sam-with-alex/2026-11-10.md$" st &&
	test_must_fail mj -C sam check sam-with-alex >out &&
	test_grep "2026-11-10.md:[0-9]*:1: error: merge conflict markers" out
'

test_expect_success 'commit refuses conflict markers, even with --no-verify' '
	test_must_fail mj -C sam commit >out 2>&1 &&
	test_grep "conflict-markers" out &&
	test_expect_code 2 mj -C sam commit --no-verify >out 2>&1 &&
	test_grep "refusing to commit .sam-with-alex/2026-11-10.md.: line [0-9]* is a merge conflict marker" out &&
	test -f sam/.git/MERGE_HEAD
'

test_expect_success 'files a merge leaves are reported and never committed' '
	cp sam/sam-with-alex/2026-11-10.md "sam/sam-with-alex/2026-11-10.md~HEAD" &&
	printf "x\n" >sam/mjournal.ini.orig &&
	test_must_fail mj -C sam check >out &&
	test_grep "^sam-with-alex/2026-11-10.md~HEAD: error: was left by a merge" out &&
	test_grep "^mjournal.ini.orig: error: was left by a merge" out &&
	test_grep "merge-leftover" out &&
	rm "sam/sam-with-alex/2026-11-10.md~HEAD" sam/mjournal.ini.orig
'

test_expect_success 'markers in any file, whatever its name, are refused' '
	printf "a\n<<<<<<< HEAD\nb\n=======\nc\n>>>>>>> main\n" >sam/sam-with-alex/plan.txt &&
	test_expect_code 2 mj -C sam commit --no-verify >out 2>&1 &&
	test_grep "refusing to commit" out &&
	rm sam/sam-with-alex/plan.txt
'

test_expect_success 'mended, the merge is committed and shared; history stays clean' '
	sed -i "/^<<<<<<< /d; /^=======\$/,/^>>>>>>> /d" sam/sam-with-alex/2026-11-10.md &&
	test_grep "Sam wrote this one" sam/sam-with-alex/2026-11-10.md &&
	git -C sam rm -q sam-with-alex/2026-11-09.md &&
	mj -C sam commit >out &&
	test_grep "^Committed" out &&
	test_path_is_missing sam/.git/MERGE_HEAD &&
	mj -C sam sync >out &&
	test_grep "Pushed main" out &&
	mj -C alex sync >out &&
	test_grep "fast-forward" out &&
	no_markers_in_history sam &&
	no_markers_in_history alex &&
	no_markers_in_history remote.git
'

test_done
