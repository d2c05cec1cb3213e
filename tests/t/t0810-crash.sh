#!/bin/sh
# Crash safety: mjournal killed (SIGKILL) at every write, rename and git
# step of note, commit, close and sync.  After each kill: no note lost or
# cut, git fsck clean, the next run works and finishes the job.
# MJOURNAL_FAULT_AT=N kills at the Nth such point; MJOURNAL_FAULT_LIST
# lists the points of a run.  (t0811 kills from outside.)
. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/lib-crash.sh"
export MJOURNAL_TODAY=2026-11-23

# fault_points NAME SETUP COMMAND: runs COMMAND once, uninterrupted, in a
# fresh copy made by SETUP, and writes the fault points it passed, one a
# line, to NAME.points.  A command that passes none cannot be crash-tested.
fault_points() {
	rm -rf "c-$1" "$TRASH/$1.points" && cp -R base "c-$1" &&
	(cd "c-$1" && eval "$2") &&
	(cd "c-$1" && export MJOURNAL_FAULT_LIST="$TRASH/$1.points" && eval "$3" >/dev/null 2>&1) &&
	if [ ! -s "$1.points" ]; then
		echo "$1: the dry run passed no fault point" >&2; return 1
	fi &&
	sed "s/^/$1: point /" "$1.points"
}

# crash_at NAME SETUP COMMAND N: runs COMMAND in a fresh copy made by
# SETUP, killed at the Nth fault point; it must die of that SIGKILL.
crash_at() {
	rm -rf "c-$1" && cp -R base "c-$1" && (cd "c-$1" && eval "$2") &&
	notes_sum "c-$1" >before.sum &&
	{ (cd "c-$1" && export MJOURNAL_FAULT_AT=$4 && eval "$3" >/dev/null 2>&1); echo $? >rc; } &&
	if [ "$(cat rc)" != 137 ]; then
		echo "$1: point $4 did not kill (exit $(cat rc))" >&2; return 1
	fi
}

# crash_each NAME SETUP COMMAND FINISH DONE: lists COMMAND's fault points
# from a dry run, then for each point N kills COMMAND there (in a fresh
# copy made by SETUP) and checks that the journal is sound, that every note
# written before is there unchanged, and that FINISH then completes the
# job, as DONE (a test of the finished job) shows.  Last, a run that passes
# every point must do the whole job by itself.
crash_each() {
	fault_points "$1" "$2" "$3" >points.out &&
	cat points.out &&
	total=$(wc -l <"$1.points") &&
	n=1 &&
	while [ $n -le "$total" ]; do
		crash_at "$1" "$2" "$3" $n &&
		sound "c-$1" &&
		notes_sum "c-$1" >after.sum &&
		# every note there before is there after, byte for byte (the
		# agreement is what close changes)
		{ grep -v "agreement.ini$" before.sum || test $? = 1; } >kept.sum &&
		while read -r line; do
			grep -Fxq "$line" after.sum ||
			{ echo "$1: at point $n, lost or changed: $line" >&2; return 1; }
		done <kept.sum &&
		if ! (cd "c-$1" && eval "$4") >again.out 2>&1; then
			echo "$1: could not finish after a crash at point $n" >&2
			cat again.out >&2; return 1
		fi &&
		sound "c-$1" &&
		if ! (cd "c-$1" && eval "$5") >done.out 2>&1; then
			echo "$1: the job is not done after a crash at point $n and the run after it" >&2
			cat done.out >&2; return 1
		fi || return 1
		n=$((n + 1))
	done &&
	rm -rf "c-$1" && cp -R base "c-$1" && (cd "c-$1" && eval "$2") &&
	(cd "c-$1" && export MJOURNAL_FAULT_AT=$((total + 1)) && eval "$3" >/dev/null) &&
	sound "c-$1" &&
	(cd "c-$1" && eval "$5") &&
	echo "$1: $total crash points, each killed and survived"
}

test_expect_success 'setup: the sample programme in git, and a bare remote' '
	cp -R "$SAMPLE_DIR" base &&
	git -C base init -q && git -C base add -A && git -C base commit -q -m programme &&
	git init -q --bare remote.git &&
	git -C base remote add origin "$TRASH/remote.git" &&
	git -C base push -q origin main &&
	git -C base branch -q --set-upstream-to=origin/main main
'

NOTE="\"$MJOURNAL\" note sam-with-alex --no-edit --attendance held --duration 60m --date 2026-11-23 --stage enabling --title crash"

test_expect_success 'note survives a crash at every point' '
	crash_each note ":" "$NOTE" \
		"if [ -f sam-with-alex/2026-11-23-crash.md ]; then
			test -z \"\$(git status --porcelain -- sam-with-alex)\" || \"$MJOURNAL\" commit
		 else
			$NOTE
		 fi" \
		"git log -1 --format=%s -- sam-with-alex/2026-11-23-crash.md | grep \"add session 2026-11-23\"" >out &&
	cat out && test_grep "note: [3-9] crash points, each killed and survived" out
'

test_expect_success 'a new note is never cut: whole, or not there' '
	fault_points cut ":" "$NOTE" >/dev/null &&
	total=$(wc -l <cut.points) &&
	n=1 &&
	while [ $n -le $((total + 1)) ]; do
		if [ $n -le "$total" ]; then
			crash_at cut ":" "$NOTE" $n || return 1
		else
			(cd c-cut && eval "$NOTE" >/dev/null) || return 1
		fi &&
		for f in c-cut/sam-with-alex/2026-11-23*.md; do
			[ -f "$f" ] || continue
			tail -n 1 "$f" | grep -q "What the mentor learned" ||
			{ echo "cut: $f at point $n"; cat "$f"; return 1; }
		done &&
		n=$((n + 1))
	done &&
	test_grep "What the mentor learned" c-cut/sam-with-alex/2026-11-23-crash.md
'

test_expect_success 'commit survives a crash at every point' '
	crash_each commit \
		"printf -- \"---\\ndate: 2026-11-23\\nstage: enabling\\nattendance: held\\nduration: 1h\\n---\\n## Feedback\\nok\\n\" >sam-with-alex/2026-11-23.md &&
		 echo more >>jo-with-maria/2026-11-02.md" \
		"\"$MJOURNAL\" commit" \
		"test -z \"\$(git status --porcelain)\" || \"$MJOURNAL\" commit" \
		"test -z \"\$(git status --porcelain)\" &&
		 git show --name-only --format= HEAD | grep -x sam-with-alex/2026-11-23.md"
'

test_expect_success 'close survives a crash at every point' '
	crash_each close ":" \
		"\"$MJOURNAL\" close jo-with-maria --early --reason \"Jo moved on\"" \
		"\"$MJOURNAL\" close jo-with-maria --early --reason \"Jo moved on\"" \
		"git tag -l jo-with-maria/closed | grep -q closed &&
		 git show jo-with-maria/closed:jo-with-maria/summary.md | grep -q \"Jo moved on\" &&
		 grep -q \"^status = ended-early\$\" jo-with-maria/agreement.ini &&
		 test -z \"\$(git status --porcelain)\""
'

test_expect_success 'sync survives a crash at every point' '
	git clone -q remote.git other &&
	printf -- "---\ndate: 2026-11-23\nstage: enabling\nattendance: held\nduration: 1h\n---\n## Feedback\nfrom the other side\n" \
		>other/helen-with-ravi/2026-11-23.md &&
	mj -C other commit >/dev/null && mj -C other sync >/dev/null &&
	crash_each sync \
		"rm -rf \"$TRASH/hub-sync.git\" && cp -R \"$TRASH/remote.git\" \"$TRASH/hub-sync.git\" &&
		 git remote set-url origin \"$TRASH/hub-sync.git\" &&
		 git fetch -q origin && git reset -q --hard main &&
		 echo local >>sam-with-alex/2026-11-09.md && \"$MJOURNAL\" commit >/dev/null" \
		"\"$MJOURNAL\" sync" \
		"\"$MJOURNAL\" sync || { \"$MJOURNAL\" commit && \"$MJOURNAL\" sync; }" \
		"test -f helen-with-ravi/2026-11-23.md &&
		 grep -q \"^local\$\" sam-with-alex/2026-11-09.md &&
		 test \"\$(git rev-parse HEAD)\" = \"\$(git rev-parse origin/main)\" &&
		 test -z \"\$(git status --porcelain)\""
'

test_expect_success 'edit survives a crash at every point' '
	crash_each edit \
		"echo \"- To the mentor: a late thought.\" >>sam-with-alex/2026-11-09.md" \
		"EDITOR=true \"$MJOURNAL\" edit sam-with-alex 2026-11-09" \
		"EDITOR=true \"$MJOURNAL\" edit sam-with-alex 2026-11-09" \
		"git log -1 --format=%s | grep \"edit session 2026-11-09\" &&
		 git show HEAD:sam-with-alex/2026-11-09.md | grep -q \"a late thought\" &&
		 test -z \"\$(git status --porcelain)\"" >out &&
	cat out && test_grep "edit: [2-9] crash points, each killed and survived" out
'

test_expect_success 'extend survives a crash at every point' '
	crash_each extend ":" \
		"\"$MJOURNAL\" extend jo-with-maria --ends 2027-06-30" \
		"\"$MJOURNAL\" extend jo-with-maria --ends 2027-06-30 ||
		 git show HEAD:jo-with-maria/agreement.ini | grep -q \"^ends = 2027-06-30\"" \
		"git show HEAD:jo-with-maria/agreement.ini | grep -q \"^ends = 2027-06-30\$\" &&
		 test -z \"\$(git status --porcelain)\"" >out &&
	cat out && test_grep "extend: [3-9] crash points, each killed and survived" out
'

test_expect_success 'reopen survives a crash at every point' '
	crash_each reopen "git tag -a tom-with-alex/closed -m closed" \
		"\"$MJOURNAL\" reopen tom-with-alex" \
		"\"$MJOURNAL\" reopen tom-with-alex &&
		 { test -z \"\$(git status --porcelain)\" || \"$MJOURNAL\" commit; }" \
		"git show HEAD:tom-with-alex/agreement.ini | grep -q \"^status = active\$\" &&
		 test -z \"\$(git tag -l tom-with-alex/closed)\" &&
		 test -z \"\$(git status --porcelain)\"" >out &&
	cat out && test_grep "reopen: [4-9] crash points, each killed and survived" out
'

# a spreadsheet of three relationships, for import
printf "slug,mentor,mentee\nnew-one,A <a@example.org>,B <b@example.org>\nnew-two,C <c@example.org>,D <d@example.org>\nnew-three,E <e@example.org>,F <f@example.org>\n" >three.csv
IMPORT="\"$MJOURNAL\" import \"$TRASH/three.csv\""
# the import is in the journal whole, in one commit, or not at all
IMPORTED="git show --name-only --format=%s HEAD >../done.files &&
	 printf \"%s\\n\" \"import 3 relationships from three.csv\" \"\" new-one/agreement.ini new-three/agreement.ini new-two/agreement.ini >../done.expect &&
	 cmp ../done.expect ../done.files && test -z \"\$(git status --porcelain)\" &&
	 test ! -e .mjournal/start"

test_expect_success 'import survives a crash at every point, and its rerun finishes it' '
	crash_each import ":" "$IMPORT" "$IMPORT" "$IMPORTED" >out &&
	cat out && test_grep "import: [0-9][0-9]* crash points, each killed and survived" out
'

# import_whole DIR: the import's commit is there, with its three folders
import_whole() {
	c=$(git -C "$1" log --format=%H --grep="^import 3 relationships" -1) &&
	test -n "$c" &&
	git -C "$1" show --name-only --format= "$c" >whole.files &&
	test_line_count = 3 whole.files
}

test_expect_success 'a killed import is all or nothing: any command that writes finishes it' '
	fault_points all ":" "$IMPORT" >/dev/null &&
	total=$(wc -l <all.points) &&
	n=1 &&
	while [ $n -le "$total" ]; do
		crash_at all ":" "$IMPORT" $n &&
		# committed whole, or not at all
		if git -C c-all log --format=%s | grep -q "^import"; then
			import_whole c-all
		fi &&
		(cd c-all && "$MJOURNAL" extend jo-with-maria --ends 2027-06-30 >/dev/null 2>../err) &&
		test ! -e c-all/.mjournal/start &&
		if ls c-all | grep -q "^new-"; then
			import_whole c-all && test_grep "finished what an interrupted run began: started new-one new-two new-three" err
		fi &&
		test -z "$(git -C c-all status --porcelain)" &&
		(cd c-all && "$MJOURNAL" import "$TRASH/three.csv" >../out) &&
		import_whole c-all && test -z "$(git -C c-all status --porcelain)" ||
		{ echo "after a crash at point $n" >&2; return 1; }
		n=$((n + 1))
	done
'

NEW="\"$MJOURNAL\" new fresh-pair --mentor \"A <a@example.org>\" --mentee \"B <b@example.org>\""

test_expect_success 'new survives a crash at every point, and its rerun finishes it' '
	crash_each new ":" "$NEW" "$NEW" \
		"git log -1 --format=%s | grep -x \"fresh-pair: start relationship\" &&
		 git show HEAD:fresh-pair/agreement.ini | grep -q \"^mentor = A <a@example.org>\$\" &&
		 test -z \"\$(git status --porcelain)\" && test ! -e .mjournal/start" >out &&
	cat out && test_grep "new: [3-9] crash points, each killed and survived" out
'

test_done
