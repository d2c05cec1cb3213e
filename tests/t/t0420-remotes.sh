#!/bin/sh
# Sharing through real servers on 127.0.0.1, as git's users do: https with
# a private authority and basic auth (git's credential helpers), plain
# http, git daemon, a server hook that refuses, a server that never
# answers; named remotes, and the tags close makes.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/lib-http.sh"
export MJOURNAL_TODAY=2026-11-23
# git has asked for $1 on the terminal, or the sync has ended without it
asked() {
	screen_shows "^$1" || test -s "$TRASH/sync.rc"
}
trap 'kill_terminals; stop_http; stop_daemon; stop_silent; cd / && rm -rf "$TRASH"' EXIT

# the servers, started here so that every test knows their ports
start_http && start_daemon && start_silent || echo "# a server did not start"
HTTPS="https://127.0.0.1:$HTTPS_PORT/journal.git"

test_expect_success 'setup: a journal with its first commit, and a served repository' '
	make_served_repo journal.git &&
	cp -R "$SAMPLE_DIR" alex &&
	git -C alex init -q &&
	git -C alex add -A && git -C alex commit -q -m "The programme" &&
	git -C alex remote add origin "$HTTPS"
'

test_expect_success 'a private authority not named anywhere: refused, saying what to set' '
	printf "https://sam:secret@127.0.0.1:%s\n" $HTTPS_PORT >"$TRASH/creds" &&
	git config --global credential.helper "store --file=$TRASH/creds" &&
	test_expect_code 2 mj -C alex sync >out 2>err &&
	test_grep "certificate of 127.0.0.1 is not trusted" err &&
	test_grep "http.sslCAInfo" err
'

test_expect_success 'trusted through http.sslCAInfo, an IP address certificate, store helper' '
	git config --global http.sslCAInfo "$TRASH/tls/ca.pem" &&
	git ls-remote "$HTTPS" >/dev/null &&
	mj -C alex sync >out 2>err &&
	test_grep "Pushed main to origin" out &&
	git -C "$TRASH/srv/journal.git" log --format=%s main >log &&
	test_grep "^The programme$" log
'

test_expect_success 'per URL settings and GIT_SSL_CAINFO are honoured too' '
	git config --global --unset http.sslCAInfo &&
	test_expect_code 2 mj -C alex sync >/dev/null 2>&1 &&
	git config --global "http.https://127.0.0.1:$HTTPS_PORT/.sslCAInfo" "$TRASH/tls/ca.pem" &&
	mj -C alex sync >out &&
	test_grep "Already up to date" out &&
	git config --global --unset "http.https://127.0.0.1:$HTTPS_PORT/.sslCAInfo" &&
	GIT_SSL_CAINFO="$TRASH/tls/ca.pem" mj -C alex sync >out &&
	test_grep "Already up to date" out &&
	GIT_SSL_NO_VERIFY=1 mj -C alex sync >out &&
	test_grep "Already up to date" out &&
	git -C alex config http.sslVerify false &&
	mj -C alex sync >out &&
	git -C alex config --unset http.sslVerify &&
	git config --global http.sslCAInfo "$TRASH/tls/ca.pem"
'

test_expect_success 'a wrong password: authentication failed, and git forgets it' '
	printf "https://sam:wrong@127.0.0.1:%s\n" $HTTPS_PORT >"$TRASH/creds" &&
	test_expect_code 2 mj -C alex sync </dev/null >out 2>err &&
	test_grep "authentication failed for https://127.0.0.1:$HTTPS_PORT/journal.git" err &&
	test_grep ! "ssh" err &&
	test_grep ! "wrong" "$TRASH/creds"
'

test_expect_success 'no credentials and no terminal: says where credentials come from' '
	git config --global credential.helper "cache --socket=$TRASH/cache/socket" &&
	test_expect_code 2 mj -C alex sync </dev/null >out 2>err &&
	test_grep "no user name and password for https://127.0.0.1:$HTTPS_PORT/journal.git" err &&
	test_grep "credential.helper" err &&
	test_grep ! "ssh" err
'

test_expect_success 'on a terminal, git asks; the cache helper then keeps the answer' '
	cat >"$TRASH/sync.sh" <<-SCRIPT &&
	#!/bin/sh
	cd "$TRASH/alex" && "$MJOURNAL" sync >"$TRASH/sync.out" 2>&1
	echo \$? >"$TRASH/sync.rc"
	exec sleep 3600
	SCRIPT
	chmod +x "$TRASH/sync.sh" &&
	rm -f "$TRASH/sync.rc" &&
	terminal_start 100 20 "$TRASH/sync.sh" &&
	wait_until 60 asked Username &&
	terminal send-keys "sam" Enter &&
	wait_until 60 asked Password &&
	terminal send-keys "secret" Enter &&
	wait_until 120 test -s "$TRASH/sync.rc" &&
	echo 0 >expect &&
	{ test_cmp expect "$TRASH/sync.rc" || { cat "$TRASH/sync.out"; false; }; } &&
	test_grep "Already up to date" "$TRASH/sync.out" &&
	printf "url=%s\n\n" "$HTTPS" | GIT_TERMINAL_PROMPT=0 git credential fill >filled &&
	test_grep "^password=secret$" filled &&
	mj -C alex sync </dev/null >out &&
	test_grep "Already up to date" out
'
# the cache daemon ended before the terminal it was started in (its
# hangup could meet a daemon already told to exit); neither is what the
# test above asserts, so neither can fail it
git credential-cache --socket="$TRASH/cache/socket" exit 2>/dev/null
terminal kill-server 2>/dev/null

# the store helper again, whatever became of the test before
use_store() {
	git credential-cache --socket="$TRASH/cache/socket" exit 2>/dev/null
	printf "https://sam:secret@127.0.0.1:%s\n" $HTTPS_PORT >"$TRASH/creds" &&
	git config --global credential.helper "store --file=$TRASH/creds"
}

test_expect_success 'plain http and git daemon remotes' '
	use_store &&
	make_served_repo plain.git &&
	git -C alex remote add plain "http://127.0.0.1:$HTTP_PORT/plain.git" &&
	mj -C alex push plain >out &&
	test_grep "Pushed main to plain" out &&
	git clone -q "git://127.0.0.1:$DAEMON_PORT/plain.git" viadaemon &&
	EDITOR=true mj -C viadaemon note sam-with-alex --no-edit --attendance held --duration 60m --date 2026-11-23 >/dev/null &&
	mj -C viadaemon sync >out &&
	test_grep "Pushed main to origin" out &&
	mj -C alex pull plain >out &&
	test_grep "Brought in plain/main" out &&
	git -C alex fsck --strict >/dev/null 2>&1
'

test_expect_success 'a named remote leaves the upstream alone' '
	git -C alex rev-parse --abbrev-ref main@{upstream} >up &&
	echo origin/main >expect &&
	test_cmp expect up &&
	mj -C alex sync plain >out &&
	git -C alex rev-parse --abbrev-ref main@{upstream} >up &&
	test_cmp expect up
'

test_expect_success 'the tags close makes are pushed and fetched' '
	mj -C alex sync >/dev/null &&
	mj -C alex close lee-with-nina --early --reason "moved away" >out &&
	mj -C alex sync >out &&
	git -C "$TRASH/srv/journal.git" tag -l >tags &&
	test_grep "^lee-with-nina/closed$" tags &&
	git clone -q "http://127.0.0.1:$HTTP_PORT/plain.git" other &&
	git -C other remote set-url origin "$HTTPS" &&
	mj -C other sync >out &&
	git -C other tag -l >tags &&
	test_grep "^lee-with-nina/closed$" tags
'

test_expect_success 'a hook that refuses: its words shown, called a refusal' '
	make_served_repo hooked.git &&
	cat >"$TRASH/srv/hooked.git/hooks/pre-receive" <<-\HOOK &&
	#!/bin/sh
	echo "journals are read-only this week"
	exit 1
	HOOK
	chmod +x "$TRASH/srv/hooked.git/hooks/pre-receive" &&
	git -C alex remote add hooked "http://127.0.0.1:$HTTP_PORT/hooked.git" &&
	test_expect_code 2 mj -C alex push hooked >out 2>err &&
	test_grep "^remote: journals are read-only this week$" err &&
	test_grep "hook refused the push" err &&
	test_grep ! "bring in its changes" err
'

test_expect_success 'a server that never answers: a timeout, and the lock is free' '
	git -C alex remote add silent "http://127.0.0.1:$SILENT_PORT/journal.git" &&
	start=$(date +%s) &&
	MJOURNAL_NETWORK_TIMEOUT=2 test_expect_code 2 mj -C alex pull silent >out 2>err &&
	end=$(date +%s) &&
	test $((end - start)) -lt 20 &&
	test_grep "no answer for 2 seconds" err &&
	EDITOR=true mj -C alex note jo-with-maria --no-edit --attendance held --duration 60m --date 2026-11-23 >out &&
	test_grep "^Committed" out
'

test_expect_success 'git fsck passes on every repository' '
	for r in alex other viadaemon srv/journal.git srv/plain.git; do
		git -C "$r" fsck --strict >/dev/null 2>&1 || { echo "fsck: $r"; return 1; }
	done
'

test_done
