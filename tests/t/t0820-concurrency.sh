#!/bin/sh
# Several mjournal commands at once on one journal: a sound repository,
# every note committed, and a clear "journal is busy" when a writer gives
# up waiting.
. "$(dirname "$0")/lib.sh"
export MJOURNAL_TODAY=2026-11-30

note_file() {
	printf -- "---\ndate: %s\nstage: enabling\nattendance: held\nduration: 1h\n---\n## Feedback\n%s\n" "$2" "$3" >"$1"
}

test_expect_success 'setup' '
	cp -R "$SAMPLE_DIR" journal &&
	git -C journal init -q && git -C journal add -A && git -C journal commit -q -m programme
'

test_expect_success 'parallel note, commit and status: every note committed, nothing lost' '
	export MJOURNAL_LOCK_WAIT=120 &&
	i=0 &&
	for slug in sam-with-alex jo-with-maria helen-with-ravi data-circle; do
		i=$((i + 1)) &&
		note_file journal/$slug/2026-11-2$i.md 2026-11-2$i "written by hand $i" || return 1
	done &&
	{
		for slug in sam-with-alex jo-with-maria helen-with-ravi data-circle omar-with-lena; do
			( EDITOR=true "$MJOURNAL" -C journal note $slug --no-edit --attendance held --duration 60m --date 2026-11-23 \
				--title "from $slug" >note-$slug.out 2>&1; echo $? >note-$slug.rc ) &
		done
		for k in 1 2 3; do
			( "$MJOURNAL" -C journal commit >commit-$k.out 2>&1; echo $? >commit-$k.rc ) &
			( "$MJOURNAL" -C journal status >status-$k.out 2>&1; echo $? >status-$k.rc ) &
			( "$MJOURNAL" -C journal check >/dev/null 2>&1; echo $? >check-$k.rc ) &
		done
		wait
	} &&
	for f in *.rc; do
		rc=$(cat $f) &&
		case $f in
		status-*|note-*) test $rc -eq 0 ;;
		check-*) test $rc -le 1 ;;
		commit-*) test $rc -eq 0 || grep -q "journal is busy" ${f%.rc}.out ;;
		esac || { echo "$f: exit $rc"; cat ${f%.rc}.out; return 1; }
	done &&
	mj -C journal commit >/dev/null &&
	git -C journal fsck --strict &&
	test -z "$(git -C journal status --porcelain)" &&
	for n in 1 2 3 4; do
		git -C journal log --format= --name-only | grep -q "2026-11-2$n.md" ||
		{ echo "note 2026-11-2$n.md never committed"; return 1; }
	done &&
	git -C journal ls-files | grep -c "2026-11-23-from-" >count &&
	echo 5 >expect && test_cmp expect count &&
	for n in 1 2 3 4; do
		git -C journal grep -q "written by hand $n" HEAD || return 1
	done
'

test_expect_success 'a writer that cannot get the lock in time says the journal is busy' '
	note_file journal/sam-with-alex/2026-11-25.md 2026-11-23 "another" &&
	hold_lock journal &&
	MJOURNAL_LOCK_WAIT=1 test_expect_code 2 mj -C journal commit 2>err &&
	test_grep "the journal is busy" err &&
	MJOURNAL_LOCK_WAIT=1 test_expect_code 2 mj -C journal close jo-with-maria --early --reason r 2>err &&
	test_grep "the journal is busy" err &&
	mj -C journal status >out &&
	test_grep "sam-with-alex/2026-11-25.md" out &&
	release_lock &&
	test_expect_code 1 mj -C journal commit 2>err &&
	test_grep "differs from the file name" err &&
	rm journal/sam-with-alex/2026-11-25.md
'

test_expect_success 'readers never wait for writers' '
	hold_lock journal &&
	export MJOURNAL_LOCK_WAIT=600 &&
	timeout 60 "$MJOURNAL" -C journal status >/dev/null &&
	timeout 60 "$MJOURNAL" -C journal check >check.out &&
	test_grep "sam-with-alex" check.out &&
	release_lock
'

test_done
