#!/bin/sh
# Sharing as git does it, over a real https server on 127.0.0.1 (basic
# auth, no credential helper): one question for the user name and password
# per sync, progress on one line of a terminal and nowhere else, a push
# that had nothing to send saying so, and a hub whose HEAD names a branch
# it does not have.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/lib-http.sh"
export MJOURNAL_TODAY=2026-11-23
trap 'kill_terminals; stop_http; cd / && rm -rf "$TRASH"' EXIT

start_http || echo "# the server did not start"
HTTPS="https://127.0.0.1:$HTTPS_PORT/journal.git"
PLAIN="http://127.0.0.1:$HTTP_PORT"

# an askpass program, as git runs one: answers sam / secret, and counts
cat >"$TRASH/askpass" <<SCRIPT
#!/bin/sh
echo "\$1" >>"$TRASH/asked"
case "\$1" in
Username*) echo sam ;;
*) echo secret ;;
esac
SCRIPT
chmod +x "$TRASH/askpass"

# note J TITLE: a held session in J's sam-with-alex, committed
note() {
	EDITOR=true mj -C "$1" note sam-with-alex --no-edit --attendance held \
		--duration 60m --date 2026-11-23 --title "$2" >/dev/null
}

test_expect_success 'setup: a journal, and a hub made as Debian git makes one' '
	git -c init.defaultBranch=master init -q --bare "$TRASH/srv/journal.git" &&
	git -C "$TRASH/srv/journal.git" config http.receivepack true &&
	git -C "$TRASH/srv/journal.git" symbolic-ref HEAD >head &&
	echo refs/heads/master >expect &&
	test_cmp expect head &&
	cp -R "$SAMPLE_DIR" alex &&
	git -C alex init -q &&
	git -C alex add -A && git -C alex commit -q -m "The programme" &&
	git -C alex remote add origin "$HTTPS" &&
	git config --global http.sslCAInfo "$TRASH/tls/ca.pem"
'

test_expect_success 'no credential helper: one sync asks for the user and password once' '
	rm -f "$TRASH/asked" &&
	GIT_ASKPASS="$TRASH/askpass" mj -C alex sync >out 2>err &&
	test_grep "Pushed main to origin" out &&
	test_grep "^Username for" "$TRASH/asked" &&
	test_grep "^Password for" "$TRASH/asked" &&
	test_line_count = 2 "$TRASH/asked" &&
	note alex "Second" &&
	rm -f "$TRASH/asked" &&
	GIT_ASKPASS="$TRASH/askpass" mj -C alex sync >out 2>err &&
	test_grep "Already up to date" out &&
	test_grep "Pushed main to origin" out &&
	test_line_count = 2 "$TRASH/asked"
'

# git has asked for $1 on the terminal, or the sync has ended without it
asked() {
	screen_shows "^$1" || test -s "$TRASH/sync.rc"
}

test_expect_success 'on a terminal, with no helper: asked once for a sync that fetches and pushes' '
	note alex "Third" &&
	cat >"$TRASH/sync.sh" <<-SCRIPT &&
	#!/bin/sh
	cd "$TRASH/alex/sam-with-alex" && "$MJOURNAL" sync >"$TRASH/sync.out" 2>&1
	echo \$? >"$TRASH/sync.rc"
	exec sleep 3600
	SCRIPT
	chmod +x "$TRASH/sync.sh" &&
	rm -f "$TRASH/sync.rc" &&
	terminal_start 100 30 "$TRASH/sync.sh" &&
	wait_until 60 asked Username &&
	terminal send-keys "sam" Enter &&
	wait_until 60 asked Password &&
	terminal send-keys "secret" Enter &&
	wait_until 120 test -s "$TRASH/sync.rc" &&
	terminal capture-pane -p >screen &&
	terminal kill-server &&
	echo 0 >expect &&
	{ test_cmp expect "$TRASH/sync.rc" || { cat "$TRASH/sync.out" screen; false; }; } &&
	test_grep "Pushed main to origin" "$TRASH/sync.out" &&
	grep -c "^Username for" screen >n &&
	echo 1 >expect &&
	test_cmp expect n &&
	grep -c "^Password for" screen >n &&
	test_cmp expect n
'

test_expect_success 'a wrong answer is asked once, refused, and nothing is asked again' '
	sed "s/echo secret/echo wrong/" "$TRASH/askpass" >"$TRASH/wrongpass" &&
	chmod +x "$TRASH/wrongpass" &&
	rm -f "$TRASH/asked" &&
	GIT_ASKPASS="$TRASH/wrongpass" test_expect_code 2 mj -C alex sync >out 2>err &&
	test_grep "authentication failed for $HTTPS" err &&
	test_line_count = 2 "$TRASH/asked"
'

test_expect_success 'the hub HEAD names master, which it lacks: mjournal says how to fix it' '
	git -c init.defaultBranch=master init -q --bare "$TRASH/srv/other.git" &&
	git -C "$TRASH/srv/other.git" config http.receivepack true &&
	git -C alex remote add other "$PLAIN/other.git" &&
	mj -C alex push other >out 2>err &&
	test_grep "Pushed main to other" out &&
	test_grep "HEAD names no branch" err &&
	test_grep "git --git-dir=REPOSITORY symbolic-ref HEAD refs/heads/main" err &&
	git --git-dir="$TRASH/srv/other.git" symbolic-ref HEAD refs/heads/main &&
	git clone -q "$PLAIN/other.git" viaplain &&
	test -f viaplain/sam-with-alex/agreement.ini
'

test_expect_success 'nothing to push: said, never "Pushed"' '
	mj -C alex push other >out 2>err &&
	test_grep "other already has main: nothing to push" out &&
	test_grep ! "Pushed" out &&
	test_grep ! "HEAD names no branch" err
'

test_expect_success 'on a terminal: progress on one line, the server words on their own lines' '
	git clone -q "$PLAIN/other.git" reader &&
	for i in 1 2 3 4 5 6; do note alex "Session $i" || return 1; done &&
	mj -C alex push other >/dev/null &&
	in_terminal 200 60 "cd $TRASH/reader && $MJOURNAL pull" &&
	test_grep "Brought in origin/main" screen &&
	test_grep ! "objects)remote" screen &&
	test_grep ! "[0-9])[A-Za-z]" screen &&
	grep -c "Receiving:" screen >n &&
	echo 1 >expect &&
	test_cmp expect n &&
	grep -c "remote: Counting objects" screen >n &&
	test_cmp expect n &&
	test_grep "^Receiving: 100% (" screen
'

test_expect_success 'not on a terminal: no progress at all' '
	note alex "Session 7" &&
	mj -C alex push other >/dev/null &&
	mj -C reader pull 2>err | cat >out &&
	test_grep "Brought in origin/main" out &&
	test_grep ! "Receiving" err &&
	test_grep ! "Counting objects" err &&
	test_grep ! "$(printf "\r")" err
'

test_done
