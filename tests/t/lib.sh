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
unset VISUAL EDITOR GIT_DIR GIT_WORK_TREE MJOURNAL_FAULT_AT CDPATH

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
trap 'cd / && rm -rf "$TRASH"' EXIT
cd "$TRASH" || exit 1

# the tests read a copy of the sample programme: mjournal keeps a cache in
# a journal it reads, and the project's own tree must not change
cp -R "$SAMPLE_DIR" "$TRASH/sample-program"
SAMPLE_DIR=$TRASH/sample-program

test_count=0
test_failed=0

# test_expect_success TITLE BODY: runs BODY (in a subshell, set -e) and
# reports ok or not ok with the commands' output.
test_expect_success() {
	test_count=$((test_count + 1))
	if (set -e; eval "$2") >"$TRASH/.out" 2>&1 </dev/null; then
		echo "ok $test_count - $1"
	else
		echo "not ok $test_count - $1"
		sed 's/^/# /' "$TRASH/.out"
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
	[ "$test_failed" -eq 0 ]
	exit $?
}

mj() {
	"$MJOURNAL" "$@"
}

# test_expect_code N COMMAND...: the command exits with status N.
test_expect_code() {
	want=$1
	shift
	set +e
	"$@"
	got=$?
	set -e
	if [ "$got" != "$want" ]; then
		echo "expected exit $want, got $got: $*" >&2
		return 1
	fi
}

# test_cmp EXPECTED ACTUAL
test_cmp() {
	diff -u "$1" "$2"
}

# test_grep PATTERN FILE: like grep, but shows the file when it fails.
test_grep() {
	if ! grep -q -e "$1" "$2"; then
		echo "'$1' not found in $2:" >&2
		cat "$2" >&2
		return 1
	fi
}

test_no_grep() {
	if grep -q -e "$1" "$2"; then
		echo "'$1' found in $2:" >&2
		cat "$2" >&2
		return 1
	fi
}

# in_terminal COLUMNS ROWS COMMAND: runs COMMAND (a shell command line) in
# a real terminal, a tmux pane of that size, and writes what the screen
# shows once it has finished to the file "screen".
in_terminal() {
	cat >"$TRASH/terminal.sh" <<-SCRIPT
	#!/bin/sh
	$3
	echo done >"$TRASH/terminal.done"
	sleep 30
	SCRIPT
	chmod +x "$TRASH/terminal.sh" && rm -f "$TRASH/terminal.done" &&
	tmux -L "mj-$TEST_NAME" -f /dev/null new-session -d -x "$1" -y "$2" \
		"$TRASH/terminal.sh" &&
	i=0 && while [ ! -f "$TRASH/terminal.done" ] && [ $i -lt 200 ]; do
		sleep 0.1; i=$((i + 1))
	done &&
	tmux -L "mj-$TEST_NAME" capture-pane -p >screen &&
	tmux -L "mj-$TEST_NAME" kill-server
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
