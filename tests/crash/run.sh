#!/bin/sh
# make crash: every command that writes, killed with SIGKILL at random
# moments, again and again.  A property, not a list of cases: for each
# writer, CRASH_ROUNDS times (default 200), a fresh copy of a journal is
# given to the command, which is killed after a random delay spread over
# its uninterrupted run time (measured first); then
#
#   - every file of the work tree is as it was before, or as the
#     uninterrupted run leaves it (never cut short, never emptied), or
#     absent where one of the two has none;
#   - git fsck --strict passes (in the hub too, for sync), and every
#     commit the branch had, before and at the kill, is still on it;
#   - the same command run again works (or refuses only because its job
#     is done), and then the job is done, git fsck passes, mjournal check
#     finds no error and mjournal status works: no manual rm, ever.
#
# CRASH_SEED (default: the clock) seeds the delays, and is printed: the
# same seed draws the same delays.  CRASH_WRITERS picks writers (default:
# new note edit commit close extend reopen actions import rename sync).  A
# failure prints the seed, the writer, the round, the delay and what was
# wrong, keeps the trash folder, and the exit status is 1.
#
# usage: MJOURNAL=/path/to/mjournal tests/crash/run.sh
set -u
MJOURNAL=${MJOURNAL:?MJOURNAL must name the binary to test}
ROUNDS=${CRASH_ROUNDS:-200}
SEED=${CRASH_SEED:-$(date +%s)}
WRITERS=${CRASH_WRITERS:-new note edit commit close extend reopen actions import rename sync}
PROJECT_DIR=$(cd "$(dirname "$0")/../.." && pwd)

export TZ=UTC LANG=C LC_ALL=C NO_COLOR=1 TERM=dumb
export MJOURNAL_TODAY=2026-11-23
export GIT_AUTHOR_NAME='Alex Doe' GIT_AUTHOR_EMAIL=alex@example.org
export GIT_COMMITTER_NAME='Alex Doe' GIT_COMMITTER_EMAIL=alex@example.org
export GIT_CONFIG_NOSYSTEM=1 MJOURNAL_LOCK_WAIT=10
unset VISUAL EDITOR GIT_DIR GIT_WORK_TREE MJOURNAL_FAULT_AT MJOURNAL_FAULT_LIST \
	CDPATH PAGER MJOURNAL_PAGER http_proxy https_proxy

WORK=$(mktemp -d "${TMPDIR:-/tmp}/mjournal-crash.XXXXXX")
export HOME=$WORK/home
mkdir -p "$HOME"
printf '[user]\n\tname = Alex Doe\n\temail = alex@example.org\n[init]\n\tdefaultBranch = main\n' \
	>"$HOME/.gitconfig"
cd "$WORK" || exit 1
failures=0

# ---- the random delays: an LCG (glibc's constants), seeded ----

state=$SEED
# random N: a number in [0, N) in $rand
random() {
	state=$(((state * 1103515245 + 12345) % 2147483648))
	rand=$((state / 65536 % $1))
}

now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

# ---- the journals ----

# the editor note and edit use: appends a section, then says it is done
cat >"$WORK/editor" <<'EOS'
#!/bin/sh
: >"$CRASH_WORK/editor.started"
# in the uninterrupted run: the work tree as mjournal hands it to the
# editor, a state a kill may leave too
if [ -n "${CRASH_MID:-}" ]; then
	find . -path ./.git -prune -o -path ./.mjournal -prune -o -type f \
		! -name '*.mjournal-tmp-*' -print | LC_ALL=C sort |
		xargs -r sha1sum >"$CRASH_MID"
fi
printf '\n## Feedback\n\nA thought the editor added, whole.\n' >>"$1"
: >"$CRASH_WORK/editor.done"
EOS
chmod +x "$WORK/editor"
export CRASH_WORK=$WORK

printf 'slug,mentor,mentee\nnew-one,A <a@example.org>,B <b@example.org>\nnew-two,C <c@example.org>,D <d@example.org>\nnew-three,E <e@example.org>,F <f@example.org>\n' \
	>"$WORK/three.csv"

# base: the sample programme in git with a bare hub; a second clone has
# pushed a note the journal has not seen
make_base() {
	mkdir base &&
	cp -R "$PROJECT_DIR/sample-program" base/journal &&
	git -C base/journal init -q && git -C base/journal add -A &&
	git -C base/journal commit -q -m programme &&
	git init -q --bare base/hub.git &&
	git -C base/journal remote add origin "$WORK/base/hub.git" &&
	git -C base/journal push -q -u origin main 2>/dev/null &&
	git clone -q base/hub.git base/other &&
	printf -- '---\ndate: 2026-11-23\nstage: enabling\nattendance: held\nduration: 1h\n---\n## Feedback\nfrom the other side\n' \
		>base/other/helen-with-ravi/2026-11-23.md &&
	git -C base/other add -A && git -C base/other commit -q -m "the other side" &&
	git -C base/other push -q origin main
}

# prepare WRITER DIR: the state the writer starts from, in the journal DIR
prepare() {
	case $1 in
	commit)
		printf -- '---\ndate: 2026-11-23\nstage: enabling\nattendance: held\nduration: 1h\n---\n## Feedback\nok\n' \
			>"$2/sam-with-alex/2026-11-23.md" &&
		echo more >>"$2/jo-with-maria/2026-11-02.md" ;;
	reopen|rename)
		git -C "$2" tag -a tom-with-alex/closed -m closed ;;
	sync)
		echo local >>"$2/sam-with-alex/2026-11-09.md" &&
		(cd "$2" && "$MJOURNAL" commit >/dev/null) ;;
	*) : ;;
	esac
}

# writer WRITER: runs it in the current folder (exec: the caller's $! is
# mjournal itself); with RUN=echo, says the command instead
RUN=exec
writer() {
	case $1 in
	new) $RUN "$MJOURNAL" new crash-pair --mentor "A <a@example.org>" \
		--mentee "B <b@example.org>" ;;
	note) $RUN env EDITOR="$WORK/editor" "$MJOURNAL" note sam-with-alex \
		--date 2026-11-23 --stage enabling --attendance held --duration 1h ;;
	edit) $RUN env EDITOR="$WORK/editor" "$MJOURNAL" edit sam-with-alex 2026-11-09 ;;
	commit) $RUN "$MJOURNAL" commit ;;
	close) $RUN "$MJOURNAL" close jo-with-maria --early --reason "Jo moved on" ;;
	extend) $RUN "$MJOURNAL" extend jo-with-maria --ends 2027-06-30 ;;
	reopen) $RUN "$MJOURNAL" reopen tom-with-alex ;;
	actions) $RUN "$MJOURNAL" actions --done "anonymous reactions" ;;
	import) $RUN "$MJOURNAL" import "$WORK/three.csv" ;;
	rename) $RUN "$MJOURNAL" rename tom-with-alex tom-roe-with-alex ;;
	sync) $RUN "$MJOURNAL" sync ;;
	esac
}

# done_check WRITER: in the journal, is the writer's job done (and
# committed: the work tree as git has it)
done_check() {
	test -z "$(git status --porcelain)" || { echo "uncommitted after the rerun:"; git status --porcelain; return 1; }
	case $1 in
	new) git show HEAD:crash-pair/agreement.ini | grep -q "^mentor = A <a@example.org>$" ;;
	note) git log --format=%s | grep -q "add session 2026-11-23" &&
	      git show HEAD:sam-with-alex/2026-11-23.md | grep -q "A thought the editor added, whole." ;;
	edit) git show HEAD:sam-with-alex/2026-11-09.md | grep -q "A thought the editor added, whole." ;;
	commit) git show HEAD:sam-with-alex/2026-11-23.md | grep -q "^ok$" &&
		git show HEAD:jo-with-maria/2026-11-02.md | grep -q "^more$" ;;
	close) git tag -l jo-with-maria/closed | grep -q closed &&
	       git show jo-with-maria/closed:jo-with-maria/summary.md | grep -q "Jo moved on" &&
	       git show HEAD:jo-with-maria/agreement.ini | grep -q "^status = ended-early$" ;;
	extend) git show HEAD:jo-with-maria/agreement.ini | grep -q "^ends = 2027-06-30$" ;;
	reopen) git show HEAD:tom-with-alex/agreement.ini | grep -q "^status = active$" &&
		test -z "$(git tag -l tom-with-alex/closed)" ;;
	actions) git show HEAD:helen-with-ravi/2026-11-10.md | grep -q "\[x\] .*anonymous reactions" ;;
	import) test "$(git show HEAD:new-two/agreement.ini | grep -c "^mentor = C <c@example.org>$")" = 1 &&
		git show --name-only --format= HEAD | grep -c "^new-.*/agreement.ini$" | grep -qx 3 ;;
	rename) test -z "$(git ls-files tom-with-alex)" && test ! -e tom-with-alex &&
		git show HEAD:tom-roe-with-alex/agreement.ini >/dev/null &&
		test -n "$(git tag -l tom-roe-with-alex/closed)" &&
		test -z "$(git tag -l tom-with-alex/closed)" ;;
	sync) test -f helen-with-ravi/2026-11-23.md && grep -q "^local$" sam-with-alex/2026-11-09.md &&
	      test "$(git rev-parse HEAD)" = "$(git rev-parse origin/main)" &&
	      test "$(git rev-parse HEAD)" = "$(git -C ../hub.git rev-parse main)" ;;
	esac || { echo "the job is not done after the rerun"; return 1; }
}

# sums DIR: every file of the work tree (not git's, not mjournal's own,
# not a temporary file) with its checksum
sums() {
	(cd "$1" && find . -path ./.git -prune -o -path ./.mjournal -prune -o \
		-type f ! -name '*.mjournal-tmp-*' -print | LC_ALL=C sort |
		xargs -r sha1sum)
}

# whole BEFORE AFTER MID NOW: each file of NOW is as in BEFORE or AFTER
# (or MID, the tree an editor was given); a file missing from NOW is
# missing from one of them
whole() {
	awk 'FILENAME == ARGV[1] { b[$2] = $1; next }
	     FILENAME == ARGV[2] { a[$2] = $1; next }
	     FILENAME == ARGV[3] { m[$2] = $1; next }
	     { n[$2] = $1 }
	     END {
		bad = 0
		for (p in n)
			if (!(p in b && b[p] == n[p]) && !(p in a && a[p] == n[p]) &&
			    !(p in m && m[p] == n[p])) {
				print "cut or changed: " p; bad = 1
			}
		for (p in b)
			if (!(p in n) && p in a) { print "lost: " p; bad = 1 }
		exit bad
	     }' "$1" "$2" "$3" "$4"
}

# sound DIR: git fsck, and mjournal check (no error) and status
sound() {
	git -C "$1" fsck --strict >fsck.out 2>&1 || { echo "git fsck --strict failed:"; cat fsck.out; return 1; }
	"$MJOURNAL" -C "$1" check >check.out 2>&1
	rc=$?
	[ $rc -le 1 ] || { echo "mjournal check: exit $rc"; cat check.out; return 1; }
	"$MJOURNAL" -C "$1" status >status.out 2>&1 || { echo "mjournal status failed:"; cat status.out; return 1; }
}

# fresh WRITER DIR: a copy of the writer's start in DIR
fresh() {
	rm -rf "$2" && cp -R "start-$1" "$2" &&
	git -C "$2/journal" remote set-url origin "$WORK/$2/hub.git"
}

# one_round WRITER DELAY_MS: a run killed after DELAY_MS, checked, rerun,
# checked; prints what is wrong and fails
one_round() {
	fresh "$1" r || return 1
	h0=$(git -C r/journal rev-parse HEAD)
	rm -f editor.started editor.done
	(cd r/journal && writer "$1") >run.out 2>&1 &
	pid=$!
	sleep "$(printf '%d.%03d' $(($2 / 1000)) $(($2 % 1000)))"
	kill -9 $pid 2>/dev/null
	wait $pid
	rc=$?
	rc_kill=$rc
	if [ $rc != 137 ] && [ $rc != 0 ]; then
		echo "the run ended with $rc before the kill:"; cat run.out; return 1
	fi
	# an editor mjournal started goes on after it: wait for it
	if [ -e editor.started ]; then
		n=0
		while [ ! -e editor.done ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
	fi
	sums r/journal >now.sum
	whole "before-$1.sum" "after-$1.sum" "mid-$1.sum" now.sum || return 1
	git -C r/journal merge-base --is-ancestor "$h0" main ||
		{ echo "a commit the branch had is lost"; return 1; }
	h1=$(git -C r/journal rev-parse HEAD)
	sound r/journal || return 1
	if [ "$1" = sync ]; then
		git -C r/hub.git fsck --strict >fsck.out 2>&1 || { echo "git fsck --strict failed in the hub:"; cat fsck.out; return 1; }
	fi
	# the same command again: it works, or refuses only because its job
	# is done
	(cd r/journal && writer "$1") >rerun.out 2>&1
	rc=$?
	if [ $rc != 0 ] && { [ $rc -gt 2 ] || ! (cd r/journal && done_check "$1" >/dev/null 2>&1); }; then
		echo "the rerun failed (exit $rc):"; cat rerun.out; return 1
	fi
	(cd r/journal && done_check "$1") || { echo "the rerun said:"; cat rerun.out; return 1; }
	git -C r/journal merge-base --is-ancestor "$h1" main ||
		{ echo "a commit made before the kill is lost"; return 1; }
	sound r/journal
}

# ---- the loop ----

echo "crash: seed $SEED, $ROUNDS rounds per writer, writers: $WRITERS"
make_base || { echo "crash: cannot make the journals"; exit 1; }
for w in $WRITERS; do
	rm -rf "start-$w" && cp -R base "start-$w" &&
	git -C "start-$w/journal" remote set-url origin "$WORK/start-$w/hub.git" &&
	prepare "$w" "start-$w/journal" &&
	sums "start-$w/journal" >"before-$w.sum" || { echo "crash: $w: cannot prepare"; exit 1; }
	# its uninterrupted run: what it leaves, and how long it takes (the
	# middle of three)
	: >times
	: >"mid-$w.sum"
	for i in 1 2 3; do
		fresh "$w" ref || exit 1
		t0=$(now_ms)
		(cd ref/journal && CRASH_MID=$WORK/mid-$w.sum && export CRASH_MID &&
		 writer "$w") >ref.out 2>&1 ||
			{ echo "crash: $w fails without a kill:"; cat ref.out; exit 1; }
		echo $(($(now_ms) - t0)) >>times
	done
	middle=$(sort -n times | sed -n 2p)
	sums ref/journal >"after-$w.sum"
	(cd ref/journal && done_check "$w") >ref.out 2>&1 ||
		{ echo "crash: $w: the uninterrupted run does not do the job:"; cat ref.out; exit 1; }
	span=$((middle * 12 / 10 + 1))
	round=1 killed=0
	while [ $round -le "$ROUNDS" ]; do
		random $span
		delay=$rand
		if ! one_round "$w" $delay >why.out 2>&1; then
			failures=$((failures + 1))
			mv r "failed-$w-$round"
			echo "crash: FAILED seed $SEED writer $w round $round delay ${delay}ms (kept in $WORK/failed-$w-$round):"
			echo "  command: $(RUN=echo writer "$w")"
			sed 's/^/  /' why.out
			break
		fi
		[ "$rc_kill" = 137 ] && killed=$((killed + 1))
		round=$((round + 1))
	done
	echo "crash: $w: $((round - 1)) of $ROUNDS rounds passed, $killed of them killed (runs of ${middle} ms, kills within ${span} ms)"
done
if [ $failures -gt 0 ]; then
	echo "crash: $failures writer(s) failed; seed $SEED; the trash folder is kept: $WORK"
	exit 1
fi
cd / && rm -rf "$WORK"
echo "crash: every writer survived every kill (seed $SEED)"
