#!/bin/sh
# make bench: mjournal's speed and memory on synthetic programmes, each
# figure the median of several runs (with the fastest and slowest), each
# compared with a baseline measured in the same run on the same files:
# git status --porcelain, cmark rendering every note, git add -A && git
# commit.  Sizes: 100x30 and 1000x30; BENCH_LARGE=1 adds 5000x30 and
# BENCH_HUGE=1 20000x30 (generated on demand, some minutes and 10 GB);
# BENCH_SIZES="100x30" measures only the sizes it names.
# Prints every target of the README's Performance section as met or not.
# Usage: run.sh BUILD_DIR MJOURNAL
set -eu
build=$1
mj=$2
here=$(cd "$(dirname "$0")" && pwd)
runs=${BENCH_RUNS:-5}
sizes=${BENCH_SIZES:-"100x30 1000x30"}
[ -n "${BENCH_LARGE:-}" ] && sizes="$sizes 5000x30"
[ -n "${BENCH_HUGE:-}" ] && sizes="$sizes 20000x30"

cc -O2 -o "$build/gen" "$here/gen.c"
cc -O2 -o "$build/measure" "$here/measure.c"
export GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.org
export GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.org
export LANG=C TZ=UTC NO_COLOR=1

# m ARGS: measure's figures (median ms, peak KiB, fastest ms, slowest ms)
m() { "$build/measure" "$runs" "$@"; }
# a new session note in the programme's first relationship, for commits;
# it waits first until the note before it is old enough to be cached, as
# between a user's commits (so each commit stores the one before)
cat >"$build/new-note.sh" <<'SCRIPT'
#!/bin/sh
sleep 2.1
rel=$(ls -d */ | head -n 1); n=$(cat .bench-n 2>/dev/null || echo 0); n=$((n + 1)); echo $n >.bench-n
printf -- '---\ndate: %s\nstage: enabling\nattendance: held\nduration: 1h\n---\n## Feedback\n- note %s\n' \
	"$MJOURNAL_TODAY" $n >"${rel}$MJOURNAL_TODAY-bench-$n.md"
SCRIPT
chmod +x "$build/new-note.sh"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
verdict() { awk -v r="$1" -v t="$2" 'BEGIN { print (r <= t ? "met" : "NOT MET") }'; }
mib() { echo $(( $1 / 1024 )); }
# row SIZE FIGURE MS KIB RATIO [FASTEST SLOWEST]
row() {
	range=-
	[ $# -ge 7 ] && range="$6-$7"
	printf '%-9s %-30s %9s %13s %9s %14s\n' "$1" "$2" "$3" "$4" "$5" "$range"
}

echo "Starting a command that needs neither git nor a journal:"
set -- $("$build/measure" 101 "$mj" --version); v_ms=$1 v_lo=$3 v_hi=$4
set -- $("$build/measure" 101 "$mj" help); h_ms=$1 h_lo=$3 h_hi=$4
set -- $("$build/measure" 101 true); true_ms=$1
printf '  --version %s ms (%s-%s), help %s ms (%s-%s); an empty program %s ms\n\n' \
	"$v_ms" "$v_lo" "$v_hi" "$h_ms" "$h_lo" "$h_hi" "$true_ms"

row size figure "ms" "peak KiB" ratio "fastest-slowest"
for size in $sizes; do
	n=${size%x*}
	k=${size#*x}
	dir=$build/programme-$size
	if [ ! -f "$dir/.today" ] || ! git -C "$dir" rev-parse -q --verify generated >/dev/null; then
		rm -rf "$dir"
		"$build/gen" "$dir" "$n" "$k" >"$build/today-$size"
		(cd "$dir" && git init -q && git add -A && git commit -q -m programme &&
		 git tag generated && printf '.today\n.bench-n\n' >>.git/info/exclude)
		find "$dir" -name '*.md' ! -name '*.private.md' -print0 |
			xargs -0 cat >"$build/all-$size.md"
		cp "$build/today-$size" "$dir/.today"
	fi
	# every run starts from the programme as generated: the notes earlier
	# runs committed are gone (the caches stay, as a user's would)
	git -C "$dir" reset -q --hard generated
	git -C "$dir" clean -qfd
	rm -f "$dir/.bench-n"
	# git at its best: an index written after every file (none racily
	# clean, so git status need not read any file again)
	sleep 1.1
	git -C "$dir" update-index -q --really-refresh
	git -C "$dir" status --porcelain >/dev/null
	export MJOURNAL_TODAY
	MJOURNAL_TODAY=$(cat "$dir/.today")
	cd "$dir"
	git status --porcelain >/dev/null    # warm the file system cache
	"$mj" status >/dev/null
	# the report and the programme's site once, as the day's first run
	"$mj" report >/dev/null
	"$mj" programme . -o "$build/site-$size" >/dev/null 2>&1
	set -- $(m git status --porcelain); git_ms=$1 git_lo=$3 git_hi=$4
	set -- $(m cmark "$build/all-$size.md"); cmark_ms=$1 cmark_lo=$3 cmark_hi=$4
	set -- $(m "$mj" status); status_ms=$1 status_kb=$2 status_lo=$3 status_hi=$4
	set -- $(m "$mj" check); check_ms=$1 check_kb=$2 check_lo=$3 check_hi=$4
	set -- $(m --before "rm -rf '$dir/.mjournal/cache'" "$mj" check); cold_ms=$1 cold_kb=$2 cold_lo=$3 cold_hi=$4
	"$mj" status >/dev/null    # the cache again
	set -- $(m "$mj" report); report_ms=$1 report_kb=$2 report_lo=$3 report_hi=$4
	set -- $(m "$mj" programme . -o "$build/site-$size" 2>"$build/programme.err"); prog_ms=$1 prog_kb=$2 prog_lo=$3 prog_hi=$4
	set -- $(m --strict --before "$build/new-note.sh" sh -c "git add -A && git commit -q -m bench"); gitc_ms=$1 gitc_lo=$3 gitc_hi=$4
	set -- $(m --strict --before "$build/new-note.sh" "$mj" commit); commit_ms=$1 commit_kb=$2 commit_lo=$3 commit_hi=$4
	# every file touched (copied, restored): the first commit refreshes
	# git's index, the next one finds nothing to hash
	find . -path ./.git -prune -o -type f -exec touch {} +
	"$build/new-note.sh" && set -- $("$build/measure" 1 --strict "$mj" commit); stale_ms=$1
	set -- $(m --strict --before "$build/new-note.sh" "$mj" commit); after_ms=$1 after_lo=$3 after_hi=$4
	cd - >/dev/null
	row "$size" "git status --porcelain" "$git_ms" - - "$git_lo" "$git_hi"
	row "$size" "cmark, every shared note" "$cmark_ms" - - "$cmark_lo" "$cmark_hi"
	row "$size" "git add -A && git commit" "$gitc_ms" - - "$gitc_lo" "$gitc_hi"
	row "$size" "status (warm)" "$status_ms" "$status_kb" "$(ratio "$status_ms" "$git_ms")x git" "$status_lo" "$status_hi"
	row "$size" "check (warm)" "$check_ms" "$check_kb" "$(ratio "$check_ms" "$git_ms")x git" "$check_lo" "$check_hi"
	row "$size" "check (no cache)" "$cold_ms" "$cold_kb" "$(ratio "$cold_ms" "$cmark_ms")x cmark" "$cold_lo" "$cold_hi"
	row "$size" "report (warm)" "$report_ms" "$report_kb" - "$report_lo" "$report_hi"
	row "$size" "programme -o (warm)" "$prog_ms" "$prog_kb" - "$prog_lo" "$prog_hi"
	row "$size" "commit, one note" "$commit_ms" "$commit_kb" "$(ratio "$commit_ms" "$gitc_ms")x git" "$commit_lo" "$commit_hi"
	row "$size" "commit, stale index (first)" "$stale_ms" - "$(ratio "$stale_ms" "$gitc_ms")x git"
	row "$size" "commit after the refresh" "$after_ms" - "$(ratio "$after_ms" "$gitc_ms")x git" "$after_lo" "$after_hi"
	peak=$(printf '%s\n' "$status_kb" "$check_kb" "$cold_kb" "$report_kb" "$prog_kb" "$commit_kb" | sort -n | tail -1)
	eval "status_$n=$status_ms check_$n=$check_ms cold_$n=$cold_ms report_$n=$report_ms prog_$n=$prog_ms commit_$n=$commit_ms"
	eval "peak_$n=$peak peaks_$n='status $(mib "$status_kb"), check $(mib "$check_kb"), no cache $(mib "$cold_kb"), report $(mib "$report_kb"), programme $(mib "$prog_kb"), commit $(mib "$commit_kb")'"
	if [ "$size" = 1000x30 ]; then
		t_status=$(ratio "$status_ms" "$git_ms")
		t_check=$(ratio "$check_ms" "$git_ms")
		t_cold=$(ratio "$cold_ms" "$cmark_ms")
		t_commit=$(ratio "$commit_ms" "$gitc_ms")
		t_after=$(ratio "$after_ms" "$gitc_ms")
		t_range="status $(ratio "$status_lo" "$git_hi")-$(ratio "$status_hi" "$git_lo"), check $(ratio "$check_lo" "$git_hi")-$(ratio "$check_hi" "$git_lo"), no cache $(ratio "$cold_lo" "$cmark_hi")-$(ratio "$cold_hi" "$cmark_lo"), commit $(ratio "$commit_lo" "$gitc_hi")-$(ratio "$commit_hi" "$gitc_lo")"
	fi
done

# a summary quoting a Learning section of 400 KB of nested emphasis: with
# the nesting bounded, as fast as cmark's HTML renderer on the note (cmark's
# own CommonMark renderer takes tens of seconds on it: quadratic)
nested=$build/nested
rm -rf "$nested"
cp -R "$here/../../sample-program" "$nested"
note=$nested/sam-with-alex/2026-11-09.md
{ echo
  yes "*a **b " | head -n 29000 | tr -d '\n'
  printf 'deepest'
  yes " b** a*" | head -n 29000 | tr -d '\n'
  echo; } >>"$note"
export MJOURNAL_TODAY=2026-11-23
set -- $(m cmark "$note"); nested_cmark_ms=$1
set -- $(m "$mj" -C "$nested" summary sam-with-alex); nested_ms=$1 nested_kb=$2
row "note" "cmark -t html, 400 KB nested" "$nested_cmark_ms" - -
row "note" "summary, 400 KB nested" "$nested_ms" "$nested_kb" "$(ratio "$nested_ms" "$nested_cmark_ms")x cmark"

[ -n "${report_1000:-}" ] || exit 0
echo
echo "Targets (the ratio of medians; in brackets the widest range the runs allow):"
echo "  --version and help start in < 5 ms:        $v_ms, $h_ms ms  $(verdict "$v_ms" 5) $(verdict "$h_ms" 5)"
echo "  at 1000x30 ($t_range)"
echo "  status (warm) <= 1.2x git status:          $t_status  $(verdict "$t_status" 1.2)"
echo "  check (warm) <= 1.2x git status:           $t_check  $(verdict "$t_check" 1.2)"
echo "  check (no cache) <= 0.4x cmark:            $t_cold  $(verdict "$t_cold" 0.4)"
echo "  commit of one note <= 1.5x git:            $t_commit  $(verdict "$t_commit" 1.5)"
echo "  commit after a refresh <= 1.5x git:        $t_after  $(verdict "$t_after" 1.5)"
echo "  report (warm) <= 1000 ms:                  $report_1000  $(verdict "$report_1000" 1000)"
echo "  programme -o (warm) <= 1000 ms:            $prog_1000  $(verdict "$prog_1000" 1000)"
echo "  peak memory <= 48 MiB:                     $(mib "$peak_1000") MiB  $(verdict "$(mib "$peak_1000")" 48) ($peaks_1000)"
# growth BIG: each command's time from 1000 to BIG relationships, against
# linear (BIG / 1000), and its peak memory against its bound
growth() {
	big=$1 bound=$2
	linear=$((big / 1000))
	echo "  from 1000x30 to ${big}x30, each within 1.1x linear ($linear):"
	for c in status check cold report prog commit; do
		eval "a=\$${c}_1000 b=\$${c}_$big"
		g=$(ratio "$b" "$a")
		echo "    $c: $g  $(verdict "$(ratio "$g" "$linear")" 1.1)"
	done
	echo "  peak memory at ${big}x30 <= $bound MiB:       $(mib "$(eval echo \$peak_$big)") MiB  $(verdict "$(mib "$(eval echo \$peak_$big)")" "$bound") ($(eval echo \"\$peaks_$big\"))"
}
[ -n "${BENCH_LARGE:-}" ] && growth 5000 64
[ -n "${BENCH_HUGE:-}" ] && growth 20000 80
# the encrypted hub's figures, from their own script
if [ -x "$here/encrypted.sh" ]; then
	echo
	"$here/encrypted.sh" "$build" "$mj"
fi
