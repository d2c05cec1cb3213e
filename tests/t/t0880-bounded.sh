#!/bin/sh
# Bounded resources against a collaborator: what others push to a shared
# journal cannot make mjournal take gigabytes of memory, minutes of work or
# a false "no answer".  A file over the 4 MiB limit a journal's file may
# have, pushed with plain git to the hub (here 200 MiB of zeros, 200 KiB on
# the wire), is refused by sync, pull and programme before anything reads
# it whole, by its name, whether the hub is a path on this machine (read
# by libgit2 object by object) or a server (git daemon); such a file sent
# as a change to another is refused as it streams in; the network
# watchdog ends with the fetch; and a summary of a note written to be slow
# to render is rendered in linear time.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/lib-http.sh"
export MJOURNAL_TODAY=2026-11-23
trap 'kill_terminals; stop_daemon; cd / && rm -rf "$TRASH"' EXIT
mkdir -p "$TRASH/srv" && start_daemon || echo "# git daemon did not start"

BIG=sam-with-alex/2026-11-20-big.md

# peak_kib FILE: the peak resident memory that /usr/bin/time -v wrote there
peak_kib() {
	sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$1"
}

# measured WAIT OUT ERR COMMAND...: runs COMMAND (the real binary) under
# /usr/bin/time -v into time.out, with a network timeout of WAIT seconds;
# its exit status.  From a hub on a path, a second: nothing there is slow
# to answer, so a watchdog that took mjournal's own work for silence shows
measured() {
	_wait=$1 _out=$2 _err=$3
	shift 3
	env MJOURNAL_NETWORK_TIMEOUT=$_wait timeout 120 /usr/bin/time -v \
		-o time.out "$MJOURNAL" "$@" >"$_out" 2>"$_err"
}

# as_sam GIT-ARGS...: git in the collaborator's clone, as Sam
as_sam() {
	env GIT_AUTHOR_NAME="Sam Roe" GIT_AUTHOR_EMAIL=sam@example.org \
		GIT_COMMITTER_NAME="Sam Roe" GIT_COMMITTER_EMAIL=sam@example.org \
		git -C sam "$@"
}

# within_memory: the command measured last stayed under 128 MiB
within_memory() {
	_peak=$(peak_kib time.out) &&
	echo "peak resident memory: $_peak KiB" &&
	test "$_peak" -lt 131072
}

# refused ERR: the message names the file, its size and what to do, and
# never claims that the remote did not answer
refused() {
	test_grep "$BIG (200 MiB, commit [0-9a-f]* by Sam Roe)" "$1" &&
	test_grep "over the 4 MiB a journal.s file may have" "$1" &&
	test_grep "take it out of the history they pushed" "$1" &&
	test_grep ! "no answer" "$1"
}

# unchanged JOURNAL: HEAD is still head.JOURNAL, nothing in the work tree
# changed, the file is not there
unchanged() {
	git -C "$1" rev-parse HEAD >head.now &&
	test_cmp "head.$1" head.now &&
	git -C "$1" status --porcelain >st &&
	test_line_count = 0 st &&
	test_path_is_missing "$1/$BIG"
}

test_expect_success 'setup: a hub, a journal syncing with it by path, one by git daemon, a collaborator with plain git' '
	make_served_repo hub.git &&
	cp -R "$SAMPLE_DIR" alex &&
	git -C alex init -q &&
	git -C alex add -A && git -C alex commit -q -m "The programme" &&
	git -C alex remote add origin "$TRASH/srv/hub.git" &&
	mj -C alex sync >/dev/null &&
	git clone -q "git://127.0.0.1:$DAEMON_PORT/hub.git" lee &&
	git clone -q srv/hub.git sam &&
	as_sam rev-parse HEAD >base &&
	git -C alex rev-parse HEAD >head.alex &&
	git -C lee rev-parse HEAD >head.lee
'

test_expect_success 'setup: the collaborator pushes a 200 MiB note with plain git' '
	head -c 200M /dev/zero >"sam/$BIG" &&
	as_sam add "$BIG" &&
	as_sam commit -q -m "Notes, and a big file by mistake" &&
	as_sam push -q origin main
'

test_expect_success 'sync from a hub on a path refuses the file by name, at once, in little memory' '
	test_expect_code 2 measured 1 out err -C alex sync &&
	refused err &&
	within_memory &&
	unchanged alex
'

test_expect_success 'the next sync refuses it again, the same way' '
	test_expect_code 2 measured 1 out err -C alex sync &&
	refused err &&
	within_memory &&
	unchanged alex
'

test_expect_success 'sync from git daemon refuses it after the fetch, before the merge, in little memory' '
	test_expect_code 2 measured 60 out err -C lee sync &&
	refused err &&
	within_memory &&
	unchanged lee &&
	test_expect_code 2 measured 60 out err -C lee pull &&
	refused err &&
	unchanged lee
'

test_expect_success 'a file over the limit sent as a change to another is refused as it streams in, in little memory' '
	make_served_repo deltas.git &&
	git -C alex push -q "$TRASH/srv/deltas.git" main &&
	git clone -q "git://127.0.0.1:$DAEMON_PORT/deltas.git" kit &&
	git -C kit rev-parse HEAD >head.kit &&
	git clone -q srv/deltas.git dana &&
	head -c 100M /dev/zero >dana/sam-with-alex/2026-11-20-big.md &&
	git -C dana add sam-with-alex &&
	git -C dana commit -q -m "A big note" &&
	printf x | dd of=dana/sam-with-alex/2026-11-20-big.md bs=1 seek=1000 conv=notrunc 2>/dev/null &&
	git -C dana commit -q -a -m "The big note, changed" &&
	git -C dana push -q origin main &&
	test_expect_code 2 measured 60 out err -C kit sync &&
	test_grep "it sends a file of 100 MiB, as a change to another one" err &&
	test_grep "take it out of the history they pushed" err &&
	within_memory &&
	unchanged kit
'

test_expect_success 'programme refuses a remote holding it, on a path or a server' '
	test_expect_code 2 measured 1 out err programme "file://$TRASH/srv/hub.git" &&
	refused err &&
	within_memory &&
	test_expect_code 2 measured 60 out err programme \
		"git://127.0.0.1:$DAEMON_PORT/hub.git" &&
	refused err &&
	within_memory
'

test_expect_success 'a later commit that deletes the file is not enough: the history still holds it' '
	as_sam rm -q "$BIG" &&
	as_sam commit -q -m "Remove the big file" &&
	as_sam push -q origin main &&
	test_expect_code 2 measured 1 out err -C alex sync &&
	refused err &&
	within_memory &&
	unchanged alex &&
	test_expect_code 2 measured 60 out err -C lee sync &&
	refused err &&
	unchanged lee
'

test_expect_success 'once the collaborator takes it out of the history, sync brings in the rest' '
	as_sam reset -q --hard "$(cat base)" &&
	printf -- "---\ndate: 2026-11-20\nstage: enabling\nattendance: held\nduration: 1h\n---\n# From Sam\n\n## Feedback\n- To the mentor: thanks.\n" \
		>sam/sam-with-alex/2026-11-20.md &&
	as_sam add sam-with-alex/2026-11-20.md &&
	as_sam commit -q -m "A note from Sam" &&
	as_sam push -q --force origin main &&
	measured 1 out err -C alex sync &&
	within_memory &&
	test_grep "Brought in origin/main (fast-forward)" out &&
	test -f alex/sam-with-alex/2026-11-20.md &&
	measured 60 out err -C lee sync &&
	test -f lee/sam-with-alex/2026-11-20.md &&
	measured 1 out err programme "file://$TRASH/srv/hub.git" &&
	test_grep sam-with-alex out &&
	git -C srv/hub.git rev-list --objects --all >objects &&
	test_grep ! "$BIG" objects
'

test_expect_success 'the network watchdog ends with the fetch: a merge that waits for git.s index lock is not killed' '
	make_served_repo small.git &&
	cp -R "$SAMPLE_DIR" kim &&
	git -C kim init -q &&
	git -C kim add -A && git -C kim commit -q -m "The programme" &&
	git -C kim remote add origin "$TRASH/srv/small.git" &&
	mj -C kim sync >/dev/null &&
	git clone -q srv/small.git pat &&
	printf -- "---\ndate: 2026-11-21\nstage: enabling\nattendance: held\nduration: 1h\n---\n# Again\n\n## Feedback\n- To the mentee: good.\n" \
		>pat/sam-with-alex/2026-11-21.md &&
	git -C pat add sam-with-alex/2026-11-21.md &&
	git -C pat commit -q -m "A note from Pat" &&
	git -C pat push -q origin main &&
	: >kim/.git/index.lock &&
	{ (sleep 3 && rm -f kim/.git/index.lock) & } &&
	{ env MJOURNAL_NETWORK_TIMEOUT=1 "$MJOURNAL" -C kim pull >out 2>err
	  echo "exit $?" >status; } &&
	wait &&
	echo "exit 0" >expect &&
	if ! test_cmp expect status; then cat err; false; fi &&
	test_grep "Brought in origin/main (fast-forward)" out &&
	test -f kim/sam-with-alex/2026-11-21.md
'

# inline_nesting: the deepest nesting of emphasis, strong text, links
# and images in cmark's XML on standard input
inline_nesting() {
	perl -0777 -ne '$d = 0; $m = 0;
		while (/<(\/?)(emph|strong|link|image)\b/g) {
			$d += $1 ? -1 : 1; $m = $d if $d > $m;
		}
		print "$m\n"'
}

test_expect_success 'a summary quoting emphasis nested 40,000 deep is rendered, its nesting bounded' '
	cp -R "$SAMPLE_DIR" deep &&
	note=deep/sam-with-alex/2026-11-09.md &&
	{ echo &&
	  yes "*a **b " | head -n 20000 | tr -d "\n" &&
	  printf "the deepest words" &&
	  yes " b** a*" | head -n 20000 | tr -d "\n" &&
	  echo; } >>"$note" &&
	test $(wc -c <"$note") -gt 250000 &&
	timeout 60 "$MJOURNAL" -C deep summary sam-with-alex >summary.md &&
	test_grep "the deepest words" summary.md &&
	timeout 60 "$MJOURNAL" -C deep summary sam-with-alex --format xml >summary.xml &&
	test_grep "the deepest words" summary.xml &&
	inline_nesting <summary.xml >depth &&
	echo 16 >expect &&
	test_cmp expect depth
'

test_done
