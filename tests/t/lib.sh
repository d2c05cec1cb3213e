# lib.sh - the end-to-end test library, in the style of git's t/test-lib.sh.
#
# A test script sources this file, then calls
#   test_expect_success 'title' 'commands joined with &&'
# and ends with test_done.  Each script runs in a fresh trash folder with a
# fixed HOME, time zone, locale, git identity and MJOURNAL_TODAY, and prints
# TAP for prove.

set -u
TEST_NAME=$(basename "$0" .sh)
TEST_DIR=$(cd "$(dirname "$0")" && pwd)
PROJECT_DIR=$(cd "$TEST_DIR/../.." && pwd)
MJOURNAL=${MJOURNAL:-$PROJECT_DIR/mjournal}
SAMPLE_DIR=$PROJECT_DIR/sample-program

export TZ=UTC LANG=C LC_ALL=C NO_COLOR=1 TERM=dumb
export MJOURNAL_TODAY=2026-03-01
export GIT_AUTHOR_NAME='Alex Doe' GIT_AUTHOR_EMAIL=alex@example.org
export GIT_COMMITTER_NAME='Alex Doe' GIT_COMMITTER_EMAIL=alex@example.org
export GIT_CONFIG_NOSYSTEM=1
unset VISUAL EDITOR GIT_DIR GIT_WORK_TREE MJOURNAL_FAULT_AT CDPATH \
	GIT_SSL_CAINFO GIT_SSL_CAPATH GIT_SSL_NO_VERIFY GIT_TERMINAL_PROMPT \
	http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy \
	PAGER MJOURNAL_PAGER MJOURNAL_NETWORK_TIMEOUT

TRASH=$(mktemp -d "${TMPDIR:-/tmp}/mjournal-$TEST_NAME.XXXXXX")
export HOME=$TRASH/home
mkdir -p "$HOME"
cat >"$HOME/.gitconfig" <<'CFG'
[user]
	name = Alex Doe
	email = alex@example.org
[init]
	defaultBranch = main
[advice]
	detachedHead = false
CFG
# the terminals a test started (tmux servers, see terminal_start) go with
# the script, whether its tests passed or not
kill_terminals() {
	_tl_n=$(cat "$TRASH/.terminals" 2>/dev/null || echo 0)
	while [ "$_tl_n" -gt 0 ]; do
		tmux -L "mj-$TEST_NAME-${TRASH##*.}-$_tl_n" kill-server 2>/dev/null
		_tl_n=$((_tl_n - 1))
	done
}
trap 'kill_terminals; cd / && rm -rf "$TRASH"' EXIT
cd "$TRASH" || exit 1

# the tests read a copy of the sample programme: mjournal keeps a cache in
# a journal it reads, and the project's own tree must not change
cp -R "$SAMPLE_DIR" "$TRASH/sample-program"
SAMPLE_DIR=$TRASH/sample-program

test_count=0
test_failed=0
test_bugs=0

# The body of a test runs inside a function, so that "return 1" leaves it
# (a loop says "|| return 1"), and in a subshell, so that a "cd" or a
# variable stays inside the test.  There is no "set -e": a body is one
# chain of commands joined with "&&", and its exit status is the test's.
test_eval_() {
	eval "$1"
}

# A body whose &&-chain is broken would hide every failure but the last
# command's.  As git's test-lib does, run the body once behind a command
# that fails with 117: an unbroken chain stops there at once, so only a
# broken one can end with another status.  Such a body is a bug in the
# test, reported under the test's title.
test_chain_ok_() {
	test "$( (test_eval_ "(exit 117) && $1
echo chain-\$?") 2>/dev/null </dev/null)" = chain-117
}

# test_expect_success TITLE BODY: runs BODY and reports ok or not ok, with
# the body's output as TAP comments.  Titles that start with "setup" mark
# what prepares later tests (tools/meta-check.sh lets those pass).
test_expect_success() {
	test_count=$((test_count + 1))
	if ! test_chain_ok_ "$2"; then
		echo "not ok $test_count - $1"
		echo "# BUG in the test: broken &&-chain in '$1':"
		printf '%s\n' "$2" | sed 's/^/#	/'
		test_failed=$((test_failed + 1))
		test_bugs=$((test_bugs + 1))
		return 0
	fi
	if (test_eval_ "$2") >"$TRASH/.out" 2>&1 </dev/null; then
		echo "ok $test_count - $1"
	else
		echo "not ok $test_count - $1"
		sed 's/^/# /' "$TRASH/.out"
		# prove shows a script's standard error, not its comments: what
		# failed is then seen in a run that keeps only prove's output
		{ echo "# $TEST_NAME: not ok $test_count - $1"
		  tail -n 40 "$TRASH/.out" | sed 's/^/#   /'; } >&2
		# ... and again at the end of make check (a log that keeps
		# only its end, as CI's, still says what failed)
		if [ -n "${MJ_TEST_FAILURES:-}" ]; then
			{ echo "$TEST_NAME: not ok $test_count - $1"
			  tail -n 60 "$TRASH/.out" | sed 's/^/    /'
			} >>"$MJ_TEST_FAILURES"
		fi
		test_failed=$((test_failed + 1))
	fi
}

# test_skip TITLE REASON
test_skip() {
	test_count=$((test_count + 1))
	echo "ok $test_count - $1 # SKIP $2"
}

test_done() {
	echo "1..$test_count"
	if [ "$test_bugs" -gt 0 ]; then
		echo "# $test_bugs test(s) with a broken &&-chain: a bug in the test script" >&2
	fi
	[ "$test_failed" -eq 0 ]
	exit $?
}

mj() {
	"$MJOURNAL" "$@"
}

# test_expect_code N COMMAND...: the command exits with status N.
test_expect_code() {
	_tl_want=$1
	shift
	"$@"
	_tl_got=$?
	if [ "$_tl_got" != "$_tl_want" ]; then
		echo "expected exit $_tl_want, got $_tl_got: $*" >&2
		return 1
	fi
}

# test_must_fail COMMAND...: the command fails as a program does (exit 1 to
# 125); success, a crash (a signal) or a missing command is a failure.
# test_expect_code_in "0 1" COMMAND...: the exit status is one of those.
test_expect_code_in() {
	_tl_want=$1
	shift
	"$@"
	_tl_got=$?
	case " $_tl_want " in
	*" $_tl_got "*) return 0 ;;
	esac
	echo "expected exit in {$_tl_want}, got $_tl_got: $*" >&2
	return 1
}

test_must_fail() {
	"$@"
	_tl_got=$?
	if [ "$_tl_got" -eq 0 ]; then
		echo "test_must_fail: command succeeded: $*" >&2
		return 1
	elif [ "$_tl_got" -gt 125 ]; then
		echo "test_must_fail: died or not found (exit $_tl_got): $*" >&2
		return 1
	fi
	return 0
}

# test_cmp EXPECTED ACTUAL: the files are the same; the diff otherwise.
test_cmp() {
	if [ ! -f "$1" ] || [ ! -f "$2" ]; then
		echo "test_cmp: no such file: $([ -f "$1" ] || echo "$1") $([ -f "$2" ] || echo "$2")" >&2
		return 1
	fi
	diff -u "$1" "$2"
}

# test_grep [!] PATTERN FILE...: like grep -e, quiet, but shows the files
# when it fails; with "!", the _tl_pattern must be in none of them.  A missing
# file fails.
test_grep() {
	_tl_negate=
	if [ "$1" = "!" ]; then
		_tl_negate=1
		shift
	fi
	if [ $# -lt 2 ]; then
		echo "test_grep: want [!] PATTERN FILE..., got: $*" >&2
		return 1
	fi
	_tl_pattern=$1
	shift
	for _tl_f in "$@"; do
		if [ ! -f "$_tl_f" ]; then
			echo "test_grep: no such file: $_tl_f" >&2
			return 1
		fi
	done
	if grep -q -e "$_tl_pattern" "$@"; then
		[ -z "$_tl_negate" ] && return 0
		echo "'$_tl_pattern' found:" >&2
		grep -n -e "$_tl_pattern" "$@" | sed 's/^/| /' >&2
	else
		[ -n "$_tl_negate" ] && return 0
		echo "'$_tl_pattern' not found in:" >&2
		for _tl_f in "$@"; do
			echo "| $_tl_f" >&2
			sed 's/^/| /' "$_tl_f" >&2
		done
	fi
	return 1
}

test_no_grep() {
	test_grep ! "$@"
}

# test_line_count OP N FILE: the file has OP N _tl_lines (OP as for test(1):
# = -lt -ge ...).
test_line_count() {
	if [ $# -ne 3 ] || [ ! -f "$3" ]; then
		echo "test_line_count: want OP N FILE, got: $*" >&2
		return 1
	fi
	_tl_lines=$(wc -l <"$3")
	if ! test "$_tl_lines" "$1" "$2"; then
		echo "test_line_count: $3 has $_tl_lines lines, want $1 $2:" >&2
		sed 's/^/| /' "$3" >&2
		return 1
	fi
}

# test_file_not_empty FILE
test_file_not_empty() {
	if [ ! -s "$1" ]; then
		echo "'$1' is missing or empty" >&2
		return 1
	fi
}

# test_path_is_missing PATH: fails, saying so, when PATH exists.
test_path_is_missing() {
	if [ -e "$1" ] || [ -L "$1" ]; then
		echo "'$1' should not exist" >&2
		return 1
	fi
}

# terminal_start COLUMNS ROWS PROGRAM: starts PROGRAM in a real terminal, a
# tmux pane of that size, in a tmux server of its own: a server is never
# reused, so one that is still ending cannot take the next command.
# terminal TMUX-COMMAND...: that command, to the terminal started last.
terminal_start() {
	_tl_n=$(($(cat "$TRASH/.terminals" 2>/dev/null || echo 0) + 1)) &&
	echo "$_tl_n" >"$TRASH/.terminals" &&
	tmux -L "mj-$TEST_NAME-${TRASH##*.}-$_tl_n" -f /dev/null \
		new-session -d -x "$1" -y "$2" "$3"
}
terminal() {
	tmux -L "mj-$TEST_NAME-${TRASH##*.}-$(cat "$TRASH/.terminals")" "$@"
}

# wait_until SECONDS COMMAND...: runs COMMAND every tenth of a second until
# it succeeds; fails, showing the terminal's screen, after SECONDS
wait_until() {
	_tl_left=$(($1 * 10))
	shift
	while ! "$@"; do
		_tl_left=$((_tl_left - 1))
		if [ "$_tl_left" -le 0 ]; then
			echo "waited in vain for: $*" >&2
			terminal capture-pane -p >&2
			return 1
		fi
		sleep 0.1
	done
}

# screen_settled: the terminal shows the same twice, a fifth of a second
# apart (tmux draws what a program wrote a little after it wrote it)
screen_settled() {
	terminal capture-pane -p >"$TRASH/.screen1" &&
	sleep 0.2 &&
	terminal capture-pane -p >"$TRASH/.screen2" &&
	cmp -s "$TRASH/.screen1" "$TRASH/.screen2"
}

# screen_shows PATTERN: the terminal's screen has a line matching PATTERN
screen_shows() {
	terminal capture-pane -p | grep -q "$1"
}

# in_terminal COLUMNS ROWS COMMAND: runs COMMAND (a shell command line) in
# a real terminal of that size, and writes what the screen shows once it
# has finished to the file "screen".
in_terminal() {
	cat >"$TRASH/terminal.sh" <<-SCRIPT
	#!/bin/sh
	$3
	echo done >"$TRASH/terminal.done"
	exec sleep 3600
	SCRIPT
	chmod +x "$TRASH/terminal.sh" && rm -f "$TRASH/terminal.done" &&
	terminal_start "$1" "$2" "$TRASH/terminal.sh" &&
	wait_until 60 test -s "$TRASH/terminal.done" &&
	wait_until 60 screen_settled &&
	terminal capture-pane -p >screen &&
	terminal kill-server
}

# fits COLUMNS: no line of the file "screen" (what in_terminal wrote) is
# wider than COLUMNS characters (not bytes)
fits() {
	python3 -c '
import sys
bad = [l for l in open("screen", encoding="utf-8").read().split("\n")
       if len(l) > int(sys.argv[1])]
for l in bad:
    print("too wide: " + l)
sys.exit(1 if bad else 0)' "$1"
}

# hold_lock JOURNAL: another process holds the journal's lock from now
# until release_lock, however slow the machine is
hold_lock() {
	mkdir -p "$1/.mjournal" &&
	: >"$TRASH/holding" &&
	{ flock "$1/.mjournal/lock" sh -c "while [ -f \"$TRASH/holding\" ]; do sleep 0.1; done" & } &&
	_tl_i=0 &&
	while flock -n "$1/.mjournal/lock" true; do
		_tl_i=$((_tl_i + 1)) && [ $_tl_i -lt 600 ] || return 1
		sleep 0.1
	done
}
release_lock() {
	rm -f "$TRASH/holding" && wait
}

# A journal with one relationship, sam-with-alex, started 2026-01-12.
make_journal() {
	mj init "${1:-journal}" >/dev/null &&
	(cd "${1:-journal}" &&
	 mj new sam-with-alex --mentor 'Alex Doe <alex@example.org>' \
		--mentee 'Sam Roe <sam@example.org>' --started 2026-01-12 \
		--ends 2026-07-12 >/dev/null)
}

# write_editor NAME TEXT: an editor script that appends TEXT to the note.
write_editor() {
	cat >"$TRASH/$1" <<SCRIPT
#!/bin/sh
printf '%s\n' "$2" >>"\$1"
SCRIPT
	chmod +x "$TRASH/$1"
}

# sign_agreement SLUG DATE [GOAL]: the agreement signed, with a goal.
sign_agreement() {
	sed -i -e "s/^signed-mentor = *.*/signed-mentor = $2/" \
	       -e "s/^signed-mentee = *.*/signed-mentee = $2/" \
	       -e "s/^; goal = .*/goal = ${3:-Lead my first project}/" \
	       "$1/agreement.ini"
}
