#!/bin/sh
# What a killed writer leaves, the next command finishes: edits planned
# before they are written (extend, reopen, actions --done), and the locks
# a commit killed inside libgit2 leaves in .git.  Each case is one that
# make crash (tests/crash/run.sh) found.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/lib-crash.sh"
export MJOURNAL_TODAY=2026-11-23

# point_of NAME WHERE COMMAND: the number of COMMAND's first fault point
# WHERE says, from a run in a copy of base
point_of() {
	rm -rf "p-$1" "$TRASH/$1.points" && cp -R base "p-$1" &&
	(cd "p-$1" && MJOURNAL_FAULT_LIST="$TRASH/$1.points" && export MJOURNAL_FAULT_LIST &&
	 eval "$3" >/dev/null 2>&1) &&
	grep " $2\$" "$1.points" | head -n 1 | cut -d" " -f1
}

# killed_at NAME N COMMAND: a copy of base in NAME, COMMAND killed there
# at its Nth fault point
killed_at() {
	rm -rf "$1" && cp -R base "$1" &&
	{ (cd "$1" && MJOURNAL_FAULT_AT=$2 && export MJOURNAL_FAULT_AT &&
	   eval "$3" >/dev/null 2>&1); echo $? >rc; } &&
	echo 137 >expect.rc && test_cmp expect.rc rc
}

test_expect_success 'setup: the sample programme in git' '
	cp -R "$SAMPLE_DIR" base &&
	git -C base init -q && git -C base add -A && git -C base commit -q -m programme
'

EXTEND="\"$MJOURNAL\" extend jo-with-maria --ends 2027-06-30"

test_expect_success 'extend killed before its commit: run again, it commits what it wrote' '
	n=$(point_of extend "before committing" "$EXTEND") && test -n "$n" &&
	killed_at x "$n" "$EXTEND" &&
	test_grep "^ends = 2027-06-30$" x/jo-with-maria/agreement.ini &&
	test -n "$(git -C x status --porcelain)" &&
	test_expect_code 2 mj -C x extend jo-with-maria --ends 2027-06-30 2>err &&
	test_grep "finished what an interrupted run began: wrote jo-with-maria/agreement.ini" err &&
	test_grep "not after the term.s end" err &&
	git -C x show HEAD:jo-with-maria/agreement.ini | grep "^ends = 2027-06-30$" &&
	git -C x log -1 --format=%s >subject &&
	test_grep "jo-with-maria: extend" subject &&
	test -z "$(git -C x status --porcelain)" && test ! -e x/.mjournal/apply &&
	sound x
'

test_expect_success 'extend killed before writing: the next command that writes does it all' '
	n=$(point_of extend2 "before renaming a file into place" "$EXTEND") && test -n "$n" &&
	n=$((n + 1)) &&
	killed_at y "$n" "$EXTEND" &&
	test -e y/.mjournal/apply &&
	git -C y diff --quiet &&
	mj -C y note sam-with-alex --no-edit --date 2026-11-23 --stage enabling \
		--attendance held --duration 1h 2>err >out &&
	test_grep "finished what an interrupted run began" err &&
	git -C y show HEAD~1:jo-with-maria/agreement.ini | grep "^ends = 2027-06-30$" &&
	test -z "$(git -C y status --porcelain)" && sound y
'

test_expect_success 'a planned edit never overwrites a file changed after the kill' '
	n=$(point_of extend3 "before committing" "$EXTEND") &&
	killed_at z "$n" "$EXTEND" &&
	sed -i "s/^ends = 2027-06-30/ends = 2027-09-30/" z/jo-with-maria/agreement.ini &&
	cp z/jo-with-maria/agreement.ini mine &&
	mj -C z commit >out 2>err &&
	test_grep "jo-with-maria/agreement.ini changed after an interrupted run planned to write it: left as it is" err &&
	test_cmp mine z/jo-with-maria/agreement.ini &&
	test ! -e z/.mjournal/apply
'

DONE="\"$MJOURNAL\" actions --done \"anonymous reactions\""

test_expect_success 'actions --done killed before its commit: run again, the tick is committed' '
	n=$(point_of tick "before committing" "$DONE") && test -n "$n" &&
	killed_at t "$n" "$DONE" &&
	test_expect_code 1 mj -C t actions --done "anonymous reactions" 2>err &&
	test_grep "finished what an interrupted run began" err &&
	git -C t show HEAD:helen-with-ravi/2026-11-10.md | grep "\[x\] .*anonymous reactions" &&
	test -z "$(git -C t status --porcelain)" && sound t
'

REOPEN="\"$MJOURNAL\" reopen tom-with-alex"

test_expect_success 'reopen killed before its commit: run again, it is committed, then the tag goes' '
	git -C base tag -a tom-with-alex/closed -m closed &&
	n=$(point_of reopen "before committing" "$REOPEN") && test -n "$n" &&
	killed_at r "$n" "$REOPEN" &&
	mj -C r reopen tom-with-alex 2>err >out &&
	test_grep "Finished reopening tom-with-alex" out &&
	git -C r show HEAD:tom-with-alex/agreement.ini | grep "^status = active$" &&
	test -z "$(git -C r tag -l tom-with-alex/closed)" &&
	test -z "$(git -C r status --porcelain)" && sound r &&
	git -C base tag -d tom-with-alex/closed >/dev/null
'

test_expect_success 'a commit killed inside libgit2 writing the index: the next commit works' '
	rm -rf i && cp -R base i &&
	: >i/.git/mjournal-index.lock &&
	echo more >>i/jo-with-maria/2026-11-02.md &&
	mj -C i commit >out &&
	test_grep "Committed" out &&
	test ! -e i/.git/mjournal-index.lock &&
	test -z "$(git -C i status --porcelain)"
'

# locks as a commit killed while moving the branch leaves them: git's
# index lock, naming the killed mjournal, and the branch's lock
killed_in_branch_move() {
	rm -rf "$1" && cp -R base "$1" &&
	sh -c "exit 0" & dead=$! && wait $dead &&
	printf "mjournal %s\n" $dead >"$1/.git/index.lock" &&
	: >"$1/.git/refs/heads/main.lock" &&
	echo more >>"$1/jo-with-maria/2026-11-02.md"
}

test_expect_success 'a commit killed while moving the branch: the next commit takes over both locks' '
	killed_in_branch_move b &&
	MJOURNAL_LOCK_WAIT=1 mj -C b commit >out 2>err &&
	test_grep ".git/index.lock was left by mjournal" err &&
	test_grep ".git/refs/heads/main.lock was left by mjournal" err &&
	test ! -e b/.git/refs/heads/main.lock &&
	test -z "$(git -C b status --porcelain)" && sound b
'

test_expect_success 'and when status took over the index lock first, the branch lock went with it' '
	rm -rf s && cp -R base s &&
	echo more >>s/jo-with-maria/2026-11-02.md &&
	git -C s add jo-with-maria/2026-11-02.md &&
	sh -c "exit 0" & dead=$! && wait $dead &&
	printf "mjournal %s\n" $dead >s/.git/index.lock &&
	: >s/.git/refs/heads/main.lock &&
	MJOURNAL_LOCK_WAIT=1 mj -C s status >/dev/null 2>err &&
	test_grep ".git/index.lock was left by mjournal" err &&
	test ! -e s/.git/index.lock &&
	test ! -e s/.git/refs/heads/main.lock &&
	MJOURNAL_LOCK_WAIT=1 mj -C s commit >out &&
	test -z "$(git -C s status --porcelain)" && sound s
'

# reopen_killed_at DIR LOCK: a copy of base in DIR, closed, reopened and
# closed again, as a reopen killed inside libgit2 removing the tag leaves
# it: git's index lock naming the tag, held by a dead mjournal, and LOCK
# (a lock file under .git) left behind
reopen_killed_at() {
	rm -rf "$1" && cp -R base "$1" &&
	git -C "$1" tag -a tom-with-alex/closed -m closed &&
	mj -C "$1" reopen tom-with-alex >/dev/null &&
	git -C "$1" tag -a tom-with-alex/closed -m closed &&
	sh -c "exit 0" & dead=$! && wait $dead &&
	printf "mjournal %s\nref refs/tags/tom-with-alex/closed\n" $dead >"$1/.git/index.lock" &&
	mkdir -p "$(dirname "$1/.git/$2")" && : >"$1/.git/$2"
}

# the rerun of reopen in DIR takes over the lock LOCK and finishes
reopen_finished() {
	MJOURNAL_LOCK_WAIT=1 mj -C "$1" reopen tom-with-alex >out 2>err &&
	test_grep ".git/$2 was left by mjournal" err &&
	test_grep "Finished reopening tom-with-alex" out &&
	test -z "$(git -C "$1" tag -l tom-with-alex/closed)" &&
	test ! -e "$1/.git/$2" && sound "$1"
}

test_expect_success 'reopen killed removing the tag: the rerun takes the tag.s lock over and removes it' '
	reopen_killed_at g refs/tags/tom-with-alex/closed.lock &&
	reopen_finished g refs/tags/tom-with-alex/closed.lock
'

test_expect_success 'reopen killed writing the removed tag.s record: the rerun takes that lock over too' '
	reopen_killed_at gr refs/mjournal/removed-tags/tom-with-alex/closed.lock &&
	reopen_finished gr refs/mjournal/removed-tags/tom-with-alex/closed.lock
'

test_expect_success 'sync killed while fetching: the next sync takes the fetch.s locks over' '
	rm -rf h hub.git && cp -R base h &&
	git init -q --bare hub.git &&
	git -C h remote add origin "$TRASH/hub.git" &&
	mj -C h sync >/dev/null &&
	git clone -q hub.git peer &&
	printf "more\n" >>peer/sam-with-alex/2026-11-09.md &&
	git -C peer commit -qam "peer" && git -C peer push -q &&
	sh -c "exit 0" & dead=$! && wait $dead &&
	printf "mjournal %s\n" $dead >h/.git/mjournal-fetch.lock &&
	git -C h rev-parse origin/main >h/.git/refs/remotes/origin/main.lock &&
	: >h/.git/FETCH_HEAD.lock &&
	MJOURNAL_LOCK_WAIT=1 mj -C h sync >out 2>err &&
	test_grep "mjournal-fetch.lock was left by mjournal" err &&
	test_grep "removed .git/refs/remotes/origin/main.lock" err &&
	test_grep "Brought in origin/main" out &&
	test_grep "^more$" h/sam-with-alex/2026-11-09.md &&
	test ! -e h/.git/refs/remotes/origin/main.lock &&
	test ! -e h/.git/mjournal-fetch.lock && sound h
'

test_expect_success 'sync killed while pushing to a hub on a path: the hub.s lock it left is taken over' '
	rm -rf k khub.git && cp -R base k &&
	git init -q --bare khub.git &&
	git -C k remote add origin "$TRASH/khub.git" &&
	mj -C k sync >/dev/null &&
	printf "more\n" >>k/sam-with-alex/2026-11-09.md &&
	mj -C k commit >/dev/null &&
	sh -c "exit 0" & dead=$! && wait $dead &&
	printf "mjournal %s\n" $dead >k/.git/mjournal-fetch.lock &&
	printf "%s\n" "$TRASH/khub.git/refs/heads/main.lock" >k/.git/mjournal-push &&
	git -C k rev-parse HEAD >khub.git/refs/heads/main.lock &&
	touch -d "-10 seconds" khub.git/refs/heads/main.lock &&
	MJOURNAL_LOCK_WAIT=1 mj -C k sync >out 2>err &&
	test_grep "khub.git/refs/heads/main.lock, left in the hub by the interrupted push" err &&
	git -C k rev-parse HEAD >expect &&
	git -C khub.git rev-parse main >actual && test_cmp expect actual &&
	test ! -e khub.git/refs/heads/main.lock && test ! -e k/.git/mjournal-push &&
	sound k
'

RENAME="\"$MJOURNAL\" rename tom-with-alex tom-roe-with-alex"

# renamed DIR: the rename of tom-with-alex (closed) is done in DIR, and
# committed, with its tag
renamed() {
	test -d "$1/tom-roe-with-alex" && test ! -e "$1/tom-with-alex" &&
	git -C "$1" ls-files tom-roe-with-alex | grep -q "agreement.ini$" &&
	test -z "$(git -C "$1" ls-files tom-with-alex)" &&
	test -z "$(git -C "$1" status --porcelain)" &&
	git -C "$1" log -1 --format=%s | grep -qx "Rename tom-with-alex to tom-roe-with-alex" &&
	test -n "$(git -C "$1" tag -l tom-roe-with-alex/closed)" &&
	test -z "$(git -C "$1" tag -l tom-with-alex/closed)"
}

test_expect_success 'rename killed at each of its steps: the next command that writes finishes it' '
	rm -rf rb && cp -R base rb && git -C rb tag -a tom-with-alex/closed -m closed &&
	rm -f rb.points &&
	(cd rb && MJOURNAL_FAULT_LIST="$TRASH/rb.points" && export MJOURNAL_FAULT_LIST &&
	 eval "$RENAME" >/dev/null) && renamed rb &&
	points=$(wc -l <rb.points) && test "$points" -gt 5 &&
	rm -rf rb0 && cp -R base rb0 && git -C rb0 tag -a tom-with-alex/closed -m closed &&
	n=1 &&
	while [ $n -le "$points" ]; do
		rm -rf rk && cp -R rb0 rk &&
		{ (cd rk && MJOURNAL_FAULT_AT=$n && export MJOURNAL_FAULT_AT &&
		   eval "$RENAME" >/dev/null 2>&1); echo $? >rc; } &&
		if [ "$(cat rc)" = 137 ]; then
			mj -C rk commit >out 2>err; rc=$?
			test $rc -le 1 || { echo "point $n: commit after the kill: $rc"; cat err; false; }
		fi &&
		{ renamed rk || { ! test -e rk/tom-roe-with-alex && test -z "$(git -C rk status --porcelain)" &&
				  mj -C rk rename tom-with-alex tom-roe-with-alex >/dev/null && renamed rk; } ||
		  { echo "point $n ($(sed -n "${n}p" rb.points)): not renamed after the kill"; cat err;
		    git -C rk status --porcelain; git -C rk tag -l; false; }; } &&
		sound rk || return 1
		n=$((n + 1))
	done
'

test_expect_success 'rename killed between moving the folder and its commit: the rerun says it finished it' '
	rm -rf rr && cp -R rb0 rr &&
	n=$(grep -n "before moving a folder into place" rb.points | head -n 1 | cut -d: -f1) &&
	test -n "$n" &&
	{ (cd rr && MJOURNAL_FAULT_AT=$((n + 1)) && export MJOURNAL_FAULT_AT &&
	   eval "$RENAME" >/dev/null 2>&1); echo $? >rc; } && echo 137 >expect.rc && test_cmp expect.rc rc &&
	test -d rr/tom-roe-with-alex && test -n "$(git -C rr ls-files tom-with-alex)" &&
	test_expect_code 2 mj -C rr rename tom-with-alex tom-roe-with-alex >out 2>err &&
	test_grep "finished what an interrupted run began: renamed tom-with-alex to tom-roe-with-alex" err &&
	renamed rr && sound rr
'

test_done
