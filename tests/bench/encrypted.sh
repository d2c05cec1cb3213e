#!/bin/sh
# The speed of an encrypted hub: mjournal sync of the sample programme to
# a bare hub through git-remote-gcrypt, against a plain sync of the same
# journal to a bare hub, each the median of several runs, every run with
# one new note committed before it; then the size of what one note's sync
# uploads to the encrypted hub against the whole journal's first push.
# Target: an encrypted sync within 3 x a plain one.
# Usage: encrypted.sh BUILD_DIR MJOURNAL (as run.sh)
set -eu
build=$1
mj=$2
here=$(cd "$(dirname "$0")" && pwd)
runs=${BENCH_RUNS:-5}
dir=$build/encrypted

for tool in git git-remote-gcrypt gpg; do
	if ! command -v $tool >/dev/null 2>&1; then
		echo "encrypted hub: $tool is not installed (Debian: apt install git git-remote-gcrypt gnupg)"
		exit 1
	fi
done
cc -O2 -o "$build/measure" "$here/measure.c"
export GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.org
export GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.org
export LANG=C TZ=UTC NO_COLOR=1 MJOURNAL_TODAY=2026-11-23 EDITOR=true
export GNUPGHOME=$dir/gnupg

# every run starts afresh: git-remote-gcrypt repacks the hub after 25 packs
if [ -d "$GNUPGHOME" ]; then
	gpgconf --kill gpg-agent 2>/dev/null || :
fi
rm -rf "$dir"
mkdir -p "$dir"
mkdir -m 700 "$GNUPGHOME"
trap 'gpgconf --kill gpg-agent 2>/dev/null || :' EXIT
gpg --batch --quiet --passphrase "" --quick-gen-key \
	"Bench <bench@example.org>" default default never 2>/dev/null

for kind in plain encrypted; do
	cp -R "$here/../../sample-program" "$dir/$kind"
	git -C "$dir/$kind" init -q -b main
	git -C "$dir/$kind" add -A
	git -C "$dir/$kind" commit -q -m "The programme"
	git init -q --bare "$dir/$kind.git"
done
"$mj" -C "$dir/plain" remote add origin "$dir/plain.git" >/dev/null
"$mj" -C "$dir/encrypted" remote add --encrypted origin "$dir/encrypted.git" \
	--to bench@example.org >/dev/null
"$mj" -C "$dir/plain" sync >/dev/null
"$mj" -C "$dir/encrypted" sync >/dev/null

# the hub's encrypted files (git-remote-gcrypt's packs and manifest), one
# "NAME SIZE" a line
hub_files() {
	git -C "$dir/encrypted.git" ls-tree -l refs/heads/master |
		awk '{ print $5, $4 }' | LC_ALL=C sort
}
manifest=91bd0c092128cf2e60e1a608c31e92caf1f9c1595f83f2890ef17c0e4881aa0a
whole=$(hub_files | awk -v m=$manifest '$1 != m { s += $2 } END { print s + 0 }')

# a new held session in the first relationship, committed: untimed,
# before each run
cat >"$dir/new-note.sh" <<'SCRIPT'
#!/bin/sh
set -e
n=$(cat "$1/.bench-n" 2>/dev/null || echo 0); n=$((n + 1)); echo $n >"$1/.bench-n"
rel=$(cd "$1" && ls -d */ | head -n 1)
"$2" -C "$1" note "${rel%/}" --no-edit --attendance held --duration 1h \
	--title "bench $n" >/dev/null
"$2" -C "$1" commit -m "bench $n" >/dev/null
SCRIPT
chmod +x "$dir/new-note.sh"
printf '.bench-n\n' >>"$dir/plain/.git/info/exclude"
printf '.bench-n\n' >>"$dir/encrypted/.git/info/exclude"

m() { "$build/measure" "$runs" --strict "$@"; }
set -- $(m --before "'$dir/new-note.sh' '$dir/plain' '$mj'" "$mj" -C "$dir/plain" sync)
plain_ms=$1
set -- $(m --before "'$dir/new-note.sh' '$dir/encrypted' '$mj'" "$mj" -C "$dir/encrypted" sync)
enc_ms=$1
set -- $(m "$mj" -C "$dir/plain" sync); plain_idle_ms=$1
set -- $(m "$mj" -C "$dir/encrypted" sync); enc_idle_ms=$1

# what one more note's sync uploads: the files it adds to the hub
hub_files >"$dir/before"
"$dir/new-note.sh" "$dir/encrypted" "$mj"
"$mj" -C "$dir/encrypted" sync >/dev/null
hub_files >"$dir/after"
one=$(LC_ALL=C comm -13 "$dir/before" "$dir/after" |
	awk -v m=$manifest '$1 != m { s += $2 } END { print s + 0 }')
manifest_bytes=$(awk -v m=$manifest '$1 == m { print $2 }' "$dir/after")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
verdict() { awk -v r="$1" -v t="$2" 'BEGIN { print (r <= t ? "met" : "NOT MET") }'; }
t_sync=$(ratio "$enc_ms" "$plain_ms")
t_idle=$(ratio "$enc_idle_ms" "$plain_idle_ms")
t_pack=$(awk -v a="$one" -v b="$whole" 'BEGIN { printf "%.3f", a / b }')

printf '%-8s %-36s %10s %10s\n' sample figure ms ratio
printf '%-8s %-36s %10s %10s\n' sample "sync, one new note, plain hub" "$plain_ms" -
printf '%-8s %-36s %10s %10s\n' sample "sync, one new note, encrypted hub" "$enc_ms" "${t_sync}x"
printf '%-8s %-36s %10s %10s\n' sample "sync, nothing new, plain hub" "$plain_idle_ms" -
printf '%-8s %-36s %10s %10s\n' sample "sync, nothing new, encrypted hub" "$enc_idle_ms" "${t_idle}x"
echo
echo "Encrypted hub, bytes uploaded (packs, encrypted):"
echo "  the whole journal (first push):      $whole"
echo "  one new note's sync:                 $one (${t_pack} of the whole; the manifest, rewritten each push: $manifest_bytes)"
echo
echo "Targets (sample programme):"
echo "  encrypted sync <= 3x a plain sync:   $t_sync  $(verdict "$t_sync" 3)"
echo "  one note's upload < the whole's:     $t_pack  $(verdict "$t_pack" 0.999)"
