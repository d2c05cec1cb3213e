#!/bin/sh
# Crash safety: mjournal killed (SIGKILL) at every write, rename and git
# step of note, commit, close and sync, and from the editor.  After each
# kill: no note lost or cut, git fsck clean, the next run works and
# finishes the job.  MJOURNAL_FAULT_AT=N kills at the Nth such point.
. "$(dirname "$0")/lib.sh"
export MJOURNAL_TODAY=2026-11-23

# Every note and agreement of a journal with its checksum.
notes_sum() {
	(cd "$1" && find . -path ./.git -prune -o -path ./.mjournal -prune -o \
		-type f \( -name "*.md" -o -name "*.ini" \) -print | LC_ALL=C sort |
		xargs cksum)
}

# sound DIR: what must hold after any crash
sound() {
	git -C "$1" fsck --strict >/dev/null 2>&1 || { echo "fsck failed in $1"; git -C "$1" fsck --strict; return 1; }
	"$MJOURNAL" -C "$1" check >/dev/null 2>&1
	rc=$?
	[ $rc -le 1 ] || { echo "check after the crash: exit $rc"; "$MJOURNAL" -C "$1" check; return 1; }
	"$MJOURNAL" -C "$1" status >/dev/null 2>&1 || { echo "status after the crash failed"; return 1; }
}

# crash_each NAME SETUP COMMAND VERIFY: for N = 1, 2, ... runs COMMAND in a
# fresh copy made by SETUP, killed at the Nth point, until it runs through;
# after each kill the journal is sound, the notes written before are all
# there unchanged, and COMMAND run again (or VERIFY) completes the job.
crash_each() {
	n=1
	while [ $n -le 40 ]; do
		rm -rf "c-$1" && cp -R base "c-$1" && (cd "c-$1" && eval "$2") &&
		notes_sum "c-$1" >before.sum &&
		(cd "c-$1" && MJOURNAL_FAULT_AT=$n eval "$3" >/dev/null 2>&1); rc=$?
		if [ $rc -ne 137 ]; then
			[ $rc -le 1 ] || { echo "$1: exit $rc without a crash at $n"; return 1; }
			echo "$1: $((n - 1)) crash points, each survived"
			return 0
		fi
		sound "c-$1" || { echo "$1: after a crash at point $n"; return 1; }
		notes_sum "c-$1" >after.sum
		# every note there before is there after, byte for byte (the
		# agreement is what close changes)
		grep -v "agreement.ini$" before.sum | while read -r line; do
			grep -Fxq "$line" after.sum || { echo "$1: at point $n, lost or changed: $line"; exit 1; }
		done || return 1
		(cd "c-$1" && eval "$4") >again.out 2>&1 ||
			{ echo "$1: could not finish after a crash at point $n"; cat again.out; return 1; }
		sound "c-$1" || return 1
		n=$((n + 1))
	done
	echo "$1: still crashing at point 40"
	return 1
}

test_expect_success 'setup: the sample programme in git, and a bare remote' '
	cp -R "$SAMPLE_DIR" base &&
	git -C base init -q && git -C base add -A && git -C base commit -q -m programme &&
	git init -q --bare remote.git &&
	git -C base remote add origin "$TRASH/remote.git" &&
	git -C base push -q origin main &&
	git -C base branch -q --set-upstream-to=origin/main main
'

test_expect_success 'note survives a crash at every point' '
	crash_each note ":" \
		"\"$MJOURNAL\" note sam-with-alex --no-edit --date 2026-11-23 --stage enabling" \
		"test -z \"\$(git status --porcelain --untracked-files=all -- \"sam-with-alex/*.md\")\" ||
		 \"$MJOURNAL\" commit" >out &&
	cat out && test_grep "crash points, each survived" out
'

test_expect_success 'a new note is never cut: whole, or not there' '
	for n in 1 2 3 4 5 6; do
		rm -rf c && cp -R base c &&
		(cd c && MJOURNAL_FAULT_AT=$n "$MJOURNAL" note sam-with-alex --no-edit \
			--date 2026-11-23 --stage enabling >/dev/null 2>&1) ;
		for f in c/sam-with-alex/2026-11-23*.md; do
			[ -f "$f" ] || continue
			tail -n 1 "$f" | grep -q "What the mentor learned" ||
			{ echo "cut: $f at point $n"; cat "$f"; return 1; }
		done
	done
'

test_expect_success 'commit survives a crash at every point' '
	crash_each commit \
		"printf -- \"---\\ndate: 2026-11-23\\nstage: enabling\\nattendance: held\\nduration: 1h\\n---\\n## Feedback\\nok\\n\" >sam-with-alex/2026-11-23.md &&
		 echo more >>jo-with-maria/2026-11-02.md" \
		"\"$MJOURNAL\" commit" \
		"\"$MJOURNAL\" commit && test -z \"\$(git status --porcelain)\""
'

test_expect_success 'close survives a crash at every point' '
	crash_each close ":" \
		"\"$MJOURNAL\" close jo-with-maria --early --reason \"Jo moved on\"" \
		"\"$MJOURNAL\" close jo-with-maria --early --reason \"Jo moved on\" ||
		 git tag -l jo-with-maria/closed | grep -q closed;
		 git tag -l jo-with-maria/closed | grep -q closed &&
		 grep -q \"^status = ended-early\$\" jo-with-maria/agreement.ini &&
		 test -z \"\$(git status --porcelain)\""
'

test_expect_success 'sync survives a crash at every point' '
	git clone -q remote.git other &&
	printf -- "---\ndate: 2026-11-23\nstage: enabling\nattendance: held\nduration: 1h\n---\n## Feedback\nfrom the other side\n" \
		>other/helen-with-ravi/2026-11-23.md &&
	mj -C other commit >/dev/null && mj -C other sync >/dev/null &&
	crash_each sync \
		"git fetch -q origin && git reset -q --hard main &&
		 echo local >>sam-with-alex/2026-11-09.md && \"$MJOURNAL\" commit >/dev/null" \
		"\"$MJOURNAL\" sync" \
		"{ \"$MJOURNAL\" sync || { \"$MJOURNAL\" commit && \"$MJOURNAL\" sync; }; } &&
		 test -f helen-with-ravi/2026-11-23.md &&
		 grep -q \"^local\$\" sam-with-alex/2026-11-09.md"
'

test_expect_success 'killed from the editor: the note is kept, the next run works' '
	rm -rf e && cp -R base e &&
	cat >"$TRASH/killer" <<-\EOS &&
	#!/bin/sh
	printf "\nHalf a thought, then the power went.\n" >>"$1"
	# the editor runs under sh, under mjournal: kill mjournal
	kill -9 $(ps -o ppid= -p $PPID)
	sleep 1
	EOS
	chmod +x "$TRASH/killer" &&
	(cd e && EDITOR="$TRASH/killer" "$MJOURNAL" note sam-with-alex --date 2026-11-23 \
		--stage enabling >/dev/null 2>&1); test $? -eq 137 &&
	test_grep "Half a thought" e/sam-with-alex/2026-11-23.md &&
	sound e &&
	mj -C e commit >out &&
	test_grep "add session 2026-11-23" out
'

test_expect_success 'a stale git lock left by a crash is named clearly' '
	rm -rf l && cp -R base l &&
	: >l/.git/index.lock &&
	echo more >>l/jo-with-maria/2026-11-02.md &&
	test_expect_code 2 mj -C l commit 2>err &&
	test_grep "index.lock" err &&
	rm l/.git/index.lock &&
	mj -C l commit >/dev/null
'

test_done
