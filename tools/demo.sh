#!/bin/sh
# make demo: mjournal on the sample programme.  Read-only commands run on
# sample-program/ itself; anything that writes runs on a copy in a
# temporary folder, so the project's own repository never changes.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
mj=${MJOURNAL:-$here/mjournal}
sample=$here/sample-program

if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then bold='\033[1m' plain='\033[0m'
else bold= plain=; fi
step() {
	printf "\n${bold}\$ mjournal %s${plain}\n" "$*"
}

# read-only: no cache is left in the project's own sample-program/
export MJOURNAL_CACHE=off
step status
"$mj" -C "$sample" status
step log lee-with-nina
"$mj" -C "$sample" log lee-with-nina
step check
"$mj" -C "$sample" check || true
step hours --since 2026-09-01
"$mj" -C "$sample" hours --since 2026-09-01
step report -o build/demo-report
"$mj" -C "$sample" report -o "$here/build/demo-report"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mjournal-demo.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cp -R "$sample" "$tmp/journal"
cd "$tmp/journal"
git init -q -b main .
export GIT_AUTHOR_NAME="${GIT_AUTHOR_NAME:-Alex Doe}"
export GIT_AUTHOR_EMAIL="${GIT_AUTHOR_EMAIL:-alex@example.org}"
export GIT_COMMITTER_NAME="${GIT_COMMITTER_NAME:-$GIT_AUTHOR_NAME}"
export GIT_COMMITTER_EMAIL="${GIT_COMMITTER_EMAIL:-$GIT_AUTHOR_EMAIL}"
git add -A && git commit -q -m "The sample programme"

unset MJOURNAL_CACHE
printf '\nIn a copy of the sample programme (%s):\n' "$tmp/journal"
step new kai-with-sam --mentor "'Sam Roe <sam@example.org>'" --mentee "'Kai Wong <kai@example.org>'"
"$mj" new kai-with-sam --mentor 'Sam Roe <sam@example.org>' \
	--mentee 'Kai Wong <kai@example.org>'
cat >"$tmp/editor" <<'SH'
#!/bin/sh
cat >>"$1" <<'NOTE'
Kai wants to learn how the team decides what to build. Sam was mentored
this year and wants to pass it on.
NOTE
SH
chmod +x "$tmp/editor"
step note kai-with-sam --title "Before the first meeting"
EDITOR="$tmp/editor" "$mj" note kai-with-sam --title "Before the first meeting"
step log kai-with-sam
"$mj" log kai-with-sam
step close jo-with-maria --early --reason "'Jo moved to another team'"
"$mj" close jo-with-maria --early --reason 'Jo moved to another team'
printf '\n$ git log --oneline -4\n'
git log --oneline -4
printf '\nThe report of the sample programme: open %s\n' \
	"$here/build/demo-report/index.html"

