#!/bin/sh
# sync brings the other side in safely: each file it writes goes through a
# temporary file renamed into place; a sync killed half way is finished or
# undone by the next command; a full disk leaves nothing half done; merges
# find renames as git does; each conflict is named by its kind, with
# markers labelled by both sides, and the commit that ends a merge is one.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/lib-crash.sh"
export MJOURNAL_TODAY=2026-11-23

# edit FILE OLD NEW: a heading line replaced, as a person would
edit() {
	sed -i "s/^$2\$/$3/" "$1"
}

# stage NAME: a copy of the journal "alex" and of its hub, in NAME/, that
# a run can change (the hub too) and the next run copy again
stage() {
	rm -rf "$1" && mkdir "$1" &&
	cp -R hub.git "$1/hub.git" && cp -R alex "$1/journal" &&
	git -C "$1/journal" remote set-url origin "$TRASH/$1/hub.git"
}

# from NAME RUN: RUN/ made a copy of the stage NAME/ (the hub at the same
# absolute path as a run of NAME sees it)
from() {
	rm -rf "$2" && cp -R "$1" "$2" &&
	git -C "$2/journal" remote set-url origin "$TRASH/$2/hub.git"
}

# whole RUN: every note and agreement of RUN's journal is as it was before
# the sync or as the sync makes it (before.sum, after.sum): none cut short
whole() {
	notes_sum "$1/journal" >now.sum &&
	while read -r line; do
		grep -Fxq "$line" before.sum || grep -Fxq "$line" after.sum ||
		{ echo "cut or foreign: $line" >&2; return 1; }
	done <now.sum
}

test_expect_success 'setup: a hub, alex (mjournal) and sam (plain git)' '
	git init -q --bare hub.git &&
	cp -R "$SAMPLE_DIR" alex &&
	git -C alex init -q && git -C alex add -A &&
	git -C alex commit -q -m "The programme" &&
	git -C alex remote add origin "$TRASH/hub.git" &&
	mj -C alex sync >/dev/null &&
	git clone -q hub.git sam
'

# what sam pushes: notes edited, one deleted, one renamed, a new folder
sam_writes() {
	edit sam/sam-with-alex/2026-11-09.md "# Getting ready to close" "# Ready to close, says Sam" &&
	printf "\nSam adds a paragraph.\n" >>sam/jo-with-maria/2026-11-02.md &&
	git -C sam rm -q helen-with-ravi/2026-09-08.md &&
	git -C sam mv data-circle/2026-09-21.md data-circle/2026-09-22.md &&
	mkdir sam/zoe-with-kim &&
	cp sam/sam-with-alex/agreement.ini sam/zoe-with-kim/agreement.ini &&
	git -C sam add -A && git -C sam commit -q -m "sam: four changes" &&
	git -C sam push -q origin main
}

test_expect_success 'setup: the two stages, a fast-forward and a merge' '
	sam_writes &&
	stage ff &&
	printf "\nAlex adds a line.\n" >>alex/lee-with-nina/2026-04-20.md &&
	mj -C alex commit >/dev/null &&
	stage merge &&
	git -C alex reset -q --hard HEAD~1
'

# crash_sync STAGE: sync killed at each point it passes, in a fresh copy of
# STAGE; after each kill the files are whole, the next command finishes or
# undoes it (saying so), the repository is sound and clean, and the next
# sync does the job
crash_sync() {
	from "$1" dry && notes_sum dry/journal >before.sum &&
	(cd dry/journal && MJOURNAL_FAULT_LIST="$TRASH/$1.points" \
		"$MJOURNAL" sync >/dev/null 2>&1) &&
	notes_sum dry/journal >after.sum &&
	! cmp -s before.sum after.sum &&
	total=$(wc -l <"$1.points") &&
	grep -c "before renaming a file into place" "$1.points" >renames &&
	test "$(cat renames)" -ge 4 &&
	n=1 &&
	while [ $n -le "$total" ]; do
		from "$1" run &&
		{ (cd run/journal && MJOURNAL_FAULT_AT=$n "$MJOURNAL" sync \
			>/dev/null 2>&1); echo $? >rc; } &&
		test "$(cat rc)" = 137 &&
		whole run &&
		had=no && if test -f run/journal/.mjournal/sync; then had=yes; fi &&
		mj -C run/journal status >/dev/null 2>err &&
		if test $had = yes; then
			test_grep "sync that was interrupted" err || return 1
		fi &&
		test_path_is_missing run/journal/.mjournal/sync &&
		test_path_is_missing run/journal/.git/MERGE_HEAD &&
		git -C run/journal status --porcelain >st &&
		test_line_count = 0 st &&
		git -C run/journal fsck --strict >/dev/null 2>&1 &&
		whole run &&
		mj -C run/journal sync >/dev/null 2>&1 &&
		notes_sum run/journal >done.sum &&
		test_cmp after.sum done.sum &&
		git -C run/journal merge-base --is-ancestor origin/main HEAD || {
			echo "$1: at point $n of $total" >&2; return 1; }
		n=$((n + 1))
	done &&
	echo "$1: $total points, each killed and survived"
}

test_expect_success 'a fast-forward killed at every point: whole files, then finished or undone' '
	crash_sync ff
'

test_expect_success 'a merge killed at every point: whole files, then finished or undone' '
	crash_sync merge
'

test_expect_success 'the next writer, not only status, finishes an interrupted sync' '
	from merge run &&
	at=$(awk "/before writing the git index/ { print \$1 - 1 }" merge.points) &&
	{ (cd run/journal && MJOURNAL_FAULT_AT=$at "$MJOURNAL" sync \
		>/dev/null 2>&1); echo $? >rc; } &&
	test "$(cat rc)" = 137 &&
	test -f run/journal/.mjournal/sync &&
	test -f run/journal/.git/MERGE_HEAD &&
	mj -C run/journal commit >out 2>err &&
	test_grep "^mjournal: undid the sync that was interrupted: nothing of origin/main is brought in; run mjournal sync again$" err &&
	test_grep "Nothing to commit" out &&
	test_path_is_missing run/journal/.git/MERGE_HEAD &&
	git -C run/journal log --format=%s >log &&
	test_grep ! "sam: four changes" log
'

test_expect_success 'an undo killed at each of its own points: the next command ends it' '
	from merge dry && notes_sum dry/journal >before.sum &&
	mj -C dry/journal sync >/dev/null 2>&1 && notes_sum dry/journal >after.sum &&
	at=$(awk "/before writing the git index/ { print \$1 - 1 }" merge.points) &&
	from merge run &&
	{ (cd run/journal && MJOURNAL_FAULT_AT=$at "$MJOURNAL" sync \
		>/dev/null 2>&1); echo $? >rc; } &&
	test "$(cat rc)" = 137 &&
	rm -rf killed && cp -R run killed &&
	(cd run/journal && MJOURNAL_FAULT_LIST="$TRASH/undo.points" \
		"$MJOURNAL" status >/dev/null 2>&1) &&
	cat undo.points &&
	total=$(wc -l <undo.points) &&
	test "$total" -ge 4 &&
	n=1 &&
	while [ $n -le "$total" ]; do
		rm -rf run && cp -R killed run &&
		{ (cd run/journal && MJOURNAL_FAULT_AT=$n "$MJOURNAL" status \
			>/dev/null 2>&1); echo $? >rc; } &&
		test "$(cat rc)" = 137 &&
		whole run &&
		mj -C run/journal status >/dev/null 2>err &&
		test_grep "undid the sync that was interrupted" err &&
		test_path_is_missing run/journal/.mjournal/sync &&
		test_path_is_missing run/journal/.git/MERGE_HEAD &&
		git -C run/journal status --porcelain >st &&
		test_line_count = 0 st &&
		git -C run/journal fsck --strict >/dev/null 2>&1 &&
		notes_sum run/journal >now.sum && test_cmp before.sum now.sum &&
		mj -C run/journal sync >/dev/null 2>&1 &&
		notes_sum run/journal >done.sum && test_cmp after.sum done.sum || {
			echo "the undo killed at point $n of $total" >&2; return 1; }
		n=$((n + 1))
	done
'

# full_disk STAGE SUFFIX: the Nth file write of sync fails with ENOSPC (with
# SUFFIX "-": that one and every one after it), for each N until sync
# succeeds; each time the journal is as before, or git shows a merge in
# progress, and mjournal commit never takes the other side's words as ours
full_disk() {
	from "$1" dry && notes_sum dry/journal >before.sum &&
	mj -C dry/journal sync >/dev/null 2>&1 &&
	notes_sum dry/journal >after.sum &&
	n=1 &&
	while :; do
		from "$1" run &&
		head=$(git -C run/journal rev-parse HEAD) &&
		if (cd run/journal && MJOURNAL_FAULT_ENOSPC=$n${2-} "$MJOURNAL" sync \
			>"$TRASH/out" 2>"$TRASH/err"); then
			break
		fi &&
		test_grep "No space left on device" err &&
		whole run &&
		if test -f run/journal/.mjournal/sync; then
			test_grep "could not be undone yet" err &&
			test -f run/journal/.git/MERGE_HEAD || test "$1" = ff
		else
			test_grep "the journal is as it was\|cannot write .mjournal/sync" err &&
			notes_sum run/journal >now.sum && test_cmp before.sum now.sum &&
			test_path_is_missing run/journal/.git/MERGE_HEAD
		fi &&
		mj -C run/journal commit >out 2>&1 &&
		test_grep "Nothing to commit" out &&
		test "$(git -C run/journal rev-parse HEAD)" = "$head" &&
		git -C run/journal status --porcelain >st &&
		test_line_count = 0 st &&
		mj -C run/journal sync >/dev/null 2>&1 &&
		notes_sum run/journal >done.sum &&
		test_cmp after.sum done.sum || {
			echo "$1: write $n${2-} failed" >&2; return 1; }
		n=$((n + 1))
	done &&
	test $n -gt 5 &&
	echo "$1: $((n - 1)) writes failed in turn, each undone"
}

test_expect_success 'a full disk at any write of a merge: undone, never half' '
	full_disk merge
'

test_expect_success 'a disk that stays full: the next command undoes it' '
	full_disk merge -
'

test_expect_success 'a full disk at any write of a fast-forward: undone' '
	full_disk ff
'

# small_disk: a merge bringing in a long note into a journal on a tmpfs
# with too little room left for it
small_disk() {
	cp -R merge/journal small/journal &&
	git clone -q --bare merge/hub.git big.git &&
	git -C small/journal remote set-url origin "$TRASH/big.git" &&
	git clone -q big.git bigsam &&
	head -c 1500000 /dev/urandom | base64 >bigsam/sam-with-alex/2026-11-16.md &&
	git -C bigsam add -A && git -C bigsam commit -q -m "sam: a long note" &&
	git -C bigsam push -q origin main &&
	git -C small/journal fetch -q origin &&
	head=$(git -C small/journal rev-parse HEAD) &&
	free=$(df -B1 --output=avail small | tail -1) &&
	{ head -c $((free - 400000)) /dev/zero >small/filler 2>/dev/null || :; } &&
	test_expect_code 2 mj -C small/journal sync >out 2>err &&
	test_grep "No space left on device" err &&
	test_grep "the journal is as it was" err &&
	test_path_is_missing small/journal/.git/MERGE_HEAD &&
	test_path_is_missing small/journal/sam-with-alex/2026-11-16.md &&
	git -C small/journal status --porcelain >st &&
	test_line_count = 0 st &&
	mj -C small/journal commit >out &&
	test_grep "Nothing to commit" out &&
	test "$(git -C small/journal rev-parse HEAD)" = "$head" &&
	rm small/filler &&
	mj -C small/journal sync >/dev/null &&
	cmp small/journal/sam-with-alex/2026-11-16.md bigsam/sam-with-alex/2026-11-16.md
}

mkdir small
if mount -t tmpfs -o size=6m tmpfs small 2>/dev/null; then
	test_expect_success 'a real full disk (a small tmpfs) during a merge: undone' '
		small_disk
	'
	umount small
else
	test_skip 'a real full disk (a small tmpfs) during a merge: undone' \
		'cannot mount a tmpfs here'
fi

test_expect_success 'setup: two mjournal clones for merges' '
	git init -q --bare two.git &&
	cp -R "$SAMPLE_DIR" a &&
	git -C a init -q && git -C a add -A && git -C a commit -q -m "The programme" &&
	git -C a remote add origin "$TRASH/two.git" &&
	mj -C a sync >/dev/null &&
	git clone -q two.git b
'

test_expect_success 'a folder renamed on one side takes the other side'\''s edits, as git pull does' '
	mj -C a rename sam-with-alex sam-roe-with-alex >/dev/null &&
	mj -C a sync >/dev/null &&
	edit b/sam-with-alex/2026-11-09.md "# Getting ready to close" "# Ready to close, says B" &&
	sed -i "s/^ends = .*/ends = 2027-03-31/" b/sam-with-alex/agreement.ini &&
	mj -C b commit >/dev/null &&
	git clone -q b b-git &&
	mj -C b sync >out &&
	test_grep "^Merged origin/main" out &&
	test_path_is_missing b/sam-with-alex &&
	test_grep "Ready to close, says B" b/sam-roe-with-alex/2026-11-09.md &&
	test_grep "^ends = 2027-03-31" b/sam-roe-with-alex/agreement.ini &&
	git -C b-git -c pull.rebase=false pull -q --no-edit "$TRASH/two.git" main &&
	git -C b rev-parse HEAD^{tree} >mine &&
	git -C b-git rev-parse HEAD^{tree} >theirs &&
	test_cmp theirs mine &&
	git -C b status --porcelain >st && test_line_count = 0 st &&
	git -C b log -1 --format=%s >title &&
	test_grep "^Merge origin/main: sync the journal$" title &&
	mj -C a sync >/dev/null
'

# git moves a file added to a folder the other side renamed only with
# merge.directoryRenames=true (its default stops the merge to ask); a
# relationship's note belongs with its relationship, so sync moves it
test_expect_success 'a note added to a folder renamed on the other side goes with it, both ways' '
	mj -C a rename priya-with-dev priya-shah-with-dev >/dev/null &&
	EDITOR=true mj -C b note priya-with-dev --no-edit --title "Added by B" \
		--attendance held --duration 30m --date 2026-11-20 >/dev/null &&
	mj -C b commit -m "B writes" >/dev/null &&
	mj -C a sync >/dev/null &&
	git clone -q b b-dirs &&
	mj -C b sync >out &&
	test_grep "^Moved priya-with-dev/2026-11-20-added-by-b.md to priya-shah-with-dev/2026-11-20-added-by-b.md: " out &&
	test_path_is_missing b/priya-with-dev &&
	test -f b/priya-shah-with-dev/2026-11-20-added-by-b.md &&
	git -C b-dirs -c pull.rebase=false -c merge.directoryRenames=true \
		pull -q --no-edit "$TRASH/two.git" main &&
	git -C b rev-parse HEAD^{tree} >mine &&
	git -C b-dirs rev-parse HEAD^{tree} >theirs &&
	test_cmp theirs mine &&
	git -C b status --porcelain >st && test_line_count = 0 st &&
	mj -C b check >/dev/null &&

	mj -C b rename priya-shah-with-dev priya-with-dev >/dev/null &&
	EDITOR=true mj -C a note priya-shah-with-dev --no-edit --title "Added by A" \
		--attendance held --duration 30m --date 2026-11-21 >/dev/null &&
	mj -C a commit -m "A writes" >/dev/null &&
	mj -C b sync >/dev/null &&
	mj -C a sync >out &&
	test_grep "^Moved priya-shah-with-dev/2026-11-21-added-by-a.md to priya-with-dev/2026-11-21-added-by-a.md: " out &&
	test_path_is_missing a/priya-shah-with-dev &&
	test -f a/priya-with-dev/2026-11-21-added-by-a.md &&
	test -f a/priya-with-dev/2026-11-20-added-by-b.md &&
	git -C a status --porcelain >st && test_line_count = 0 st &&
	mj -C a check >/dev/null &&
	mj -C b sync >/dev/null &&
	git -C a rev-parse HEAD >a.head && git -C b rev-parse HEAD >b.head &&
	test_cmp a.head b.head
'

test_expect_success 'every kind of conflict is named, with what to do; no side files' '
	(cd a &&
	 edit jo-with-maria/2026-11-02.md "# Shadowing the platform on-call" "# On-call, by A" &&
	 printf "\nA keeps this one.\n" >>helen-with-ravi/2026-10-20.md &&
	 git rm -q omar-with-lena/2026-11-02-preparing.md &&
	 git mv lee-with-nina/2026-04-06.md lee-with-nina/2026-04-06-a.md &&
	 printf "\nA adds this to the renamed note.\n" >>lee-with-nina/2026-04-06-a.md &&
	 printf -- "---\ndate: 2026-11-20\nstage: follow-up\nattendance: held\nduration: 1h\n---\n# A wrote this\n" >tom-with-alex/2026-11-20.md &&
	 git add -A && git commit -q -m "a: five changes") &&
	(cd b &&
	 edit jo-with-maria/2026-11-02.md "# Shadowing the platform on-call" "# On-call, by B" &&
	 git rm -q helen-with-ravi/2026-10-20.md &&
	 printf "\nB edits the one A deleted.\n" >>omar-with-lena/2026-11-02-preparing.md &&
	 git mv lee-with-nina/2026-04-06.md lee-with-nina/2026-04-06-b.md &&
	 edit lee-with-nina/2026-04-06-b.md "# Lee did not come" "# Lee did not come, says B" &&
	 printf -- "---\ndate: 2026-11-20\nstage: follow-up\nattendance: held\nduration: 1h\n---\n# B wrote this\n" >tom-with-alex/2026-11-20.md &&
	 git add -A && git commit -q -m "b: five changes") &&
	mj -C b sync >/dev/null &&
	cp -R a a-git &&
	test_expect_code 1 mj -C a sync >out &&
	cat out &&
	test_grep "^Conflict: both sides wrote" out &&
	test_grep "^  both edited: jo-with-maria/2026-11-02.md$" out &&
	test_grep "^  edited here, deleted there: helen-with-ravi/2026-10-20.md$" out &&
	test_grep "^  deleted here, edited there: omar-with-lena/2026-11-02-preparing.md$" out &&
	test_grep "^  renamed on both sides: lee-with-nina/2026-04-06.md, to lee-with-nina/2026-04-06-a.md here and to lee-with-nina/2026-04-06-b.md there$" out &&
	test_grep "^  added on both sides: tom-with-alex/2026-11-20.md$" out &&
	test_grep "^Your words follow <<<<<<< main; theirs follow ======= and end at >>>>>>> origin/main [0-9a-f]\{7\}.$" out &&
	test_grep "^Then run mjournal commit to finish the merge, and mjournal sync again.$" out &&
	test_grep ! "git commit" out &&
	test_grep "^<<<<<<< main$" a/jo-with-maria/2026-11-02.md &&
	test_grep "^>>>>>>> origin/main [0-9a-f]\{7\}$" a/tom-with-alex/2026-11-20.md &&
	test_grep ! "^<<<<<<<" a/helen-with-ravi/2026-10-20.md &&
	test_grep "A keeps this one" a/helen-with-ravi/2026-10-20.md &&
	test_grep "B edits the one A deleted" a/omar-with-lena/2026-11-02-preparing.md &&
	for copy in a b; do
		test_grep "A adds this to the renamed note" a/lee-with-nina/2026-04-06-$copy.md &&
		test_grep "says B" a/lee-with-nina/2026-04-06-$copy.md || return 1
	done &&
	(cd a && find . -name "*~*" ! -path "./.git/*") >sides &&
	test_line_count = 0 sides &&
	test -f a/.git/MERGE_HEAD &&
	test_must_fail git -C a-git -c pull.rebase=false pull -q --no-edit origin main >/dev/null 2>&1 &&
	git -C a-git status --porcelain >git-st &&
	git -C a status --porcelain >mj-st &&
	test_cmp git-st mj-st &&
	for copy in a b; do
		test_cmp a-git/lee-with-nina/2026-04-06-$copy.md \
			a/lee-with-nina/2026-04-06-$copy.md || return 1
	done
'

test_expect_success 'push during the merge says to finish it, as sync does, not to run sync' '
	test_expect_code 1 mj -C a push >out 2>err &&
	test_grep "a merge is not finished" err &&
	test_grep "run mjournal commit to finish the merge" err &&
	test_grep ! "run mjournal sync to bring" err
'

test_expect_success 'commit names what to mend, and offers no option it would refuse' '
	test_expect_code 1 mj -C a commit >out 2>err &&
	test_grep "conflict-markers" err &&
	test_grep "mend each file holding conflict markers" err &&
	test_grep ! "no-verify" err
'

test_expect_success 'a writer during the merge names the conflict inside the journal' '
	test_must_fail mj -C a extend jo-with-maria --ends 2027-12-31 >out 2>&1 &&
	test_grep "the merge is not finished: .[a-z-]*/2026-[0-9-]*.md. still has a conflict (mjournal status names every such file); finish the merge with mjournal commit first" out &&
	test_grep ! "outside the journal" out
'

test_expect_success 'mended, the commit that ends the merge is a merge, titled as one' '
	sed -i "/^<<<<<<< /d; /^=======\$/,/^>>>>>>> /d" a/jo-with-maria/2026-11-02.md a/tom-with-alex/2026-11-20.md &&
	rm a/omar-with-lena/2026-11-02-preparing.md a/lee-with-nina/2026-04-06-b.md &&
	mj -C a commit >out &&
	test_grep "^Committed: Merge origin/main: sync the journal$" out &&
	git -C a log -1 --format=%P >parents &&
	test $(wc -w <parents) -eq 2 &&
	git -C a log -1 --format=%s >title &&
	test_grep "^Merge origin/main: sync the journal$" title &&
	test_path_is_missing a/.git/MERGE_HEAD &&
	mj -C a sync >/dev/null &&
	mj -C b sync >/dev/null &&
	git -C b status --porcelain >st && test_line_count = 0 st
'

test_expect_success 'a merge ended by another command (extend) is a merge too' '
	edit a/jo-with-maria/2026-11-02.md "# On-call, by A" "# On-call, A again" &&
	mj -C a commit >/dev/null && mj -C a sync >/dev/null &&
	edit b/jo-with-maria/2026-11-02.md "# On-call, by A" "# On-call, B again" &&
	mj -C b commit >/dev/null &&
	test_expect_code 1 mj -C b sync >/dev/null &&
	sed -i "/^<<<<<<< /,/^=======\$/d; /^>>>>>>> /d" b/jo-with-maria/2026-11-02.md &&
	git -C b add jo-with-maria/2026-11-02.md &&
	mj -C b extend sam-roe-with-alex --ends 2027-06-30 >/dev/null &&
	git -C b log -1 --format=%s >title &&
	test_grep "^Merge origin/main: sync the journal$" title &&
	git -C b log -1 --format=%P >parents &&
	test $(wc -w <parents) -eq 2 &&
	test_path_is_missing b/.git/MERGE_HEAD
'

test_expect_success 'setup: a journal in a folder of a bigger repository' '
	git init -q --bare mono.git &&
	mkdir mono && git -C mono init -q -b main &&
	echo "top" >mono/README &&
	cp -R "$SAMPLE_DIR" mono/mentoring &&
	git -C mono add -A && git -C mono commit -q -m start &&
	git -C mono remote add origin "$TRASH/mono.git" &&
	mj -C mono/mentoring sync >/dev/null &&
	git clone -q -b main mono.git mono2
'

test_expect_success 'a local change is never overwritten; an editor'\''s swap file never blocks' '
	echo "theirs" >>mono2/README &&
	git -C mono2 commit -qam "README" && git -C mono2 push -q origin main &&
	echo "mine, not committed" >>mono/README &&
	test_expect_code 2 mj -C mono/mentoring sync >out 2>err &&
	test_grep "nothing was brought in: origin/main changes .README., which has changes here that are not committed; commit it or move it away first" err &&
	test_grep "mine, not committed" mono/README &&
	test_path_is_missing mono/mentoring/.mjournal/sync &&
	test_path_is_missing mono/.git/MERGE_HEAD &&
	git -C mono checkout -q README &&
	printf "swap\n" >mono/mentoring/sam-with-alex/.2026-11-09.md.swp &&
	edit mono2/mentoring/sam-with-alex/2026-11-09.md "# Getting ready to close" "# From the other clone" &&
	git -C mono2 commit -qam "edit" && git -C mono2 push -q origin main &&
	mj -C mono/mentoring sync >out &&
	test_grep "^Brought in origin/main" out &&
	test_grep "From the other clone" mono/mentoring/sam-with-alex/2026-11-09.md &&
	test_grep "^theirs$" mono/README &&
	test_grep "^swap$" mono/mentoring/sam-with-alex/.2026-11-09.md.swp
'

test_expect_success 'a symbolic link the other side committed is never written' '
	rm mono/mentoring/sam-with-alex/.2026-11-09.md.swp &&
	ln -s /etc/passwd mono2/mentoring/sam-with-alex/passwd.md &&
	git -C mono2 add -A && git -C mono2 commit -qm "a link" &&
	git -C mono2 push -q origin main &&
	head=$(git -C mono rev-parse HEAD) &&
	test_expect_code 2 mj -C mono/mentoring sync >out 2>err &&
	test_grep "nothing was brought in: origin/main brings .mentoring/sam-with-alex/passwd.md., a symbolic link, which mjournal never writes into a journal" err &&
	test_path_is_missing mono/mentoring/sam-with-alex/passwd.md &&
	test_path_is_missing mono/mentoring/.mjournal/sync &&
	test "$(git -C mono rev-parse HEAD)" = "$head" &&
	git -C mono status --porcelain >st && test_line_count = 0 st &&
	git -C mono2 rm -q mentoring/sam-with-alex/passwd.md &&
	git -C mono2 commit -qm "the link out" && git -C mono2 push -q origin main &&
	mj -C mono/mentoring sync >out &&
	test_grep "^Brought in origin/main" out &&
	test_path_is_missing mono/mentoring/sam-with-alex/passwd.md
'

test_expect_success 'in a folder of a bigger repository: the added note goes along, named from the journal; one whose name is taken stays' '
	git -C mono2 pull -q --no-rebase origin main &&
	git -C mono2 mv mentoring/priya-with-dev mentoring/priya-shah-with-dev &&
	printf "theirs\n" >mono2/mentoring/priya-shah-with-dev/taken.md &&
	git -C mono2 add -A && git -C mono2 commit -qm "renamed with plain git" &&
	git -C mono2 push -q origin main &&
	EDITOR=true mj -C mono/mentoring note priya-with-dev --no-edit \
		--title "Added here" --attendance held --duration 30m \
		--date 2026-11-20 >/dev/null &&
	printf "mine\n" >mono/mentoring/priya-with-dev/taken.md &&
	git -C mono add -A && git -C mono commit -qm "mine" &&
	mj -C mono/mentoring sync >out &&
	test_grep "^Moved priya-with-dev/2026-11-20-added-here.md to priya-shah-with-dev/2026-11-20-added-here.md: " out &&
	test_grep ! "taken.md" out &&
	test -f mono/mentoring/priya-shah-with-dev/2026-11-20-added-here.md &&
	test_grep "^theirs$" mono/mentoring/priya-shah-with-dev/taken.md &&
	test_grep "^mine$" mono/mentoring/priya-with-dev/taken.md &&
	git -C mono ls-files mentoring/priya-with-dev >left &&
	echo mentoring/priya-with-dev/taken.md >expect &&
	test_cmp expect left &&
	git -C mono status --porcelain >st && test_line_count = 0 st
'

# a SLUG/closed tag is the mark close leaves; one that names no commit
# (the other side pointed it at a tree) would stop every later push of
# the journal's tags, and a fetch would bring it back after git tag -d
test_expect_success 'a closed tag the other side points at a tree is not taken, and stops nothing' '
	git -C b pull -q --no-edit origin main 2>/dev/null &&
	git -C b tag jo-with-maria/closed "$(git -C b rev-parse HEAD^{tree})" &&
	git -C b push -q origin jo-with-maria/closed &&
	mj -C a sync >out 2>err &&
	test_grep "tag jo-with-maria/closed names no commit, so it was not taken" err &&
	test_grep "git push origin :refs/tags/jo-with-maria/closed" err &&
	test_must_fail git -C a rev-parse -q --verify refs/tags/jo-with-maria/closed &&
	mj -C a sync >out 2>err &&
	test_grep "was not taken" err &&
	git -C a tag jo-with-maria/closed "$(git -C a rev-parse HEAD^{tree})" &&
	mj -C a push >out 2>err &&
	test_grep "the tag jo-with-maria/closed names no commit, so it was not pushed" err &&
	test_grep "^hint: remove it: git tag -d jo-with-maria/closed" err &&
	git -C a tag -d jo-with-maria/closed >/dev/null &&
	git -C b push -q origin :refs/tags/jo-with-maria/closed &&
	mj -C a sync >out 2>err &&
	test_grep ! "names no commit" err
'

# a name another clone chose is shown, never obeyed: its newline cannot
# start a line that looks like mjournal's own, its tab is seen
test_expect_success 'a file name with a newline or a tab from the other side: one line, shown' '
	git -C b pull -q --no-edit origin main 2>/dev/null &&
	tab=$(printf "\t") &&
	for name in "$(printf "x\nmjournal: Pushed main to origin")" "tab${tab}x"; do
		printf "theirs\n" >"b/jo-with-maria/$name.md" &&
		git -C b add -A && git -C b commit -qm "a name" &&
		git -C b push -q origin main &&
		test_must_fail mj -C a sync >out 2>err &&
		test_grep "a name mjournal never writes" err &&
		test_line_count = 1 err &&
		test_grep ! "$tab" err &&
		git -C b rm -q -- "jo-with-maria/$name.md" &&
		git -C b commit -qm "the name gone" && git -C b push -q origin main || return 1
	done &&
	mj -C a sync >out 2>err
'

# mjournal's own files (its lock, its record of a sync) never come from
# git: one the other side committed is refused by name, with what they
# must run; taken, it broke every later commit here (mjournal-tracked)
test_expect_success 'mjournal.s own file committed by the other side is refused, named' '
	git -C b pull -q --no-edit origin main 2>/dev/null &&
	for own in sync lock; do
		mkdir -p b/.mjournal && echo junk >b/.mjournal/$own &&
		git -C b add -f .mjournal/$own && git -C b commit -qm "own $own" &&
		git -C b push -q origin main &&
		git -C a rev-parse HEAD >before &&
		test_must_fail mj -C a sync >out 2>err &&
		test_grep "origin/main brings .\.mjournal/$own., mjournal.s own file, which never belongs in git; whoever committed it must take it out: git rm -r --cached .mjournal" err &&
		git -C a rev-parse HEAD >after && test_cmp before after &&
		git -C b rm -q --cached .mjournal/$own && rm b/.mjournal/$own &&
		git -C b commit -qm "own $own gone" && git -C b push -q origin main &&
		mj -C a sync >out 2>err || return 1
	done &&
	echo "A line after." >>a/jo-with-maria/2026-11-02.md &&
	mj -C a commit -m "after" >out &&
	git -C a ls-files .mjournal >tracked && test_line_count = 0 tracked
'

# a note renamed on one side and deleted on the other: named as such (not
# "edited"), the index as git pull leaves it (one conflict, at the new
# name), and commit ends the merge
test_expect_success 'renamed on one side, deleted on the other: named so, as git leaves it' '
	for side in there here; do
		mj -C a sync >/dev/null && git -C b pull -q --no-edit origin main 2>/dev/null &&
		n=2026-11-10 && [ $side = there ] || n=2026-09-29 &&
		f=helen-with-ravi/$n.md && to=helen-with-ravi/$n-moved.md &&
		if [ $side = there ]; then
			git -C b mv $f $to &&
			git -C b commit -qm "b moves" &&
			git -C a rm -q $f && mj -C a commit -m "a deletes" >/dev/null
		else
			git -C b rm -q $f && git -C b commit -qm "b deletes" &&
			git -C a mv $f $to &&
			mj -C a commit -m "a moves" >/dev/null
		fi &&
		git -C b push -q origin main &&
		rm -rf a-git && cp -R a a-git &&
		test_expect_code 1 mj -C a sync >out &&
		if [ $side = there ]; then
			test_grep "^  deleted here, renamed there: $f, to $to there$" out
		else
			test_grep "^  renamed here, deleted there: $f, to $to here$" out
		fi &&
		test_grep ! "edited" out &&
		test_must_fail git -C a-git -c pull.rebase=false pull -q --no-edit origin main >/dev/null 2>&1 &&
		git -C a-git status --porcelain >git-st &&
		git -C a status --porcelain >mj-st &&
		test_cmp git-st mj-st &&
		mj -C a commit >out &&
		test_grep "Merge origin/main" out &&
		mj -C a sync >/dev/null || return 1
	done
'

# git~1 can stand for .git on some file systems, and git will not write
# it: only whoever committed it can rename it, and sync says so
test_expect_success 'a name git will not write, from the other side: who must rename it' '
	mj -C a sync >/dev/null && git -C b pull -q --no-edit origin main 2>/dev/null &&
	blob=$(echo x | git -C b hash-object -w --stdin) &&
	sub=$(printf "100644 blob %s\tconfig\n" $blob | git -C b mktree) &&
	root=$({ git -C b ls-tree HEAD && printf "040000 tree %s\tgit~1\n" $sub; } | git -C b mktree) &&
	c=$(git -C b commit-tree $root -p HEAD -m "git~1") &&
	git -C b push -q origin $c:refs/heads/main &&
	test_must_fail mj -C a sync >out 2>err &&
	test_grep "nothing was brought in: origin/main holds a file whose name git will not write (invalid path: .git~1/config.), as it could stand for .git on some systems; whoever committed it must rename it" err &&
	git -C a status --porcelain >st && test_line_count = 0 st &&
	echo "A line, not yet pushed." >>a/jo-with-maria/2026-11-02.md &&
	mj -C a commit -m "a line" >/dev/null &&
	test_must_fail mj -C a sync >out 2>err &&
	test_grep "whoever committed it must rename it" err &&
	test_path_is_missing a/git~1 &&
	git -C b push -q -f origin HEAD:main &&
	mj -C a sync >out
'

# a file put where a relationship's folder was, while a note was added to
# that folder here: git stops with CONFLICT (file/directory); libgit2
# merged both and the file was lost without a word
test_expect_success 'a file put where the other side keeps a folder: nothing brought in, named' '
	mj -C a sync >/dev/null && git -C b pull -q --no-edit origin main 2>/dev/null &&
	git -C b rm -rq jo-with-maria && echo "a file now" >b/jo-with-maria &&
	git -C b add -A && git -C b commit -qm "folder to file" && git -C b push -q origin main &&
	printf -- "---\ndate: 2026-11-20\nstage: enabling\nattendance: held\nduration: 1h\n---\n# New\n" \
		>a/jo-with-maria/2026-11-20.md &&
	mj -C a commit -m "a note" >/dev/null &&
	git -C a rev-parse HEAD >before &&
	test_must_fail mj -C a sync >out 2>err &&
	test_grep "nothing was brought in: origin/main puts a file at .jo-with-maria., where the folder .jo-with-maria. is, with .jo-with-maria/2026-11-20.md. in it; whoever put the file there must put the folder back" err &&
	git -C a rev-parse HEAD >after && test_cmp before after &&
	test_path_is_missing a/.git/MERGE_HEAD &&
	git -C a status --porcelain >st && test_line_count = 0 st &&
	git -C b revert --no-edit HEAD >/dev/null && git -C b push -q origin main &&
	mj -C a sync >out &&
	test -f a/jo-with-maria/2026-11-20.md && test -f a/jo-with-maria/agreement.ini &&
	git -C b pull -q --no-edit origin main 2>/dev/null &&
	git -C b rm -rq jo-with-maria && echo "a file now" >b/jo-with-maria &&
	git -C b add -A && git -C b commit -qm "folder to file again" &&
	git -C b push -q origin main &&
	test_must_fail mj -C a sync >out 2>err &&
	test_grep "nothing was brought in: origin/main puts a file at .jo-with-maria., where the folder .jo-with-maria. is; whoever put the file there must put the folder back" err &&
	git -C b revert --no-edit HEAD >/dev/null && git -C b push -q origin main &&
	mj -C a sync >out &&
	test -f a/jo-with-maria/agreement.ini
'

test_done
