#!/bin/sh
# make bench: mjournal's speed and memory on synthetic programmes, each
# figure the median of several runs, and each compared with a baseline
# measured in the same run on the same files: git status --porcelain, and
# cmark rendering every note.  Sizes: 100x30 and 1000x30; BENCH_LARGE=1
# adds 5000x30.  Usage: run.sh BUILD_DIR MJOURNAL
set -eu
build=$1
mj=$2
here=$(cd "$(dirname "$0")" && pwd)
runs=${BENCH_RUNS:-5}
sizes="100x30 1000x30"
[ -n "${BENCH_LARGE:-}" ] && sizes="$sizes 5000x30"

cc -O2 -o "$build/gen" "$here/gen.c"
cc -O2 -o "$build/measure" "$here/measure.c"
export GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.org
export GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.org
export LANG=C TZ=UTC NO_COLOR=1

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

printf '%-8s %-28s %10s %10s %8s\n' size figure "ms" "peak KiB" ratio
for size in $sizes; do
	n=${size%x*}
	k=${size#*x}
	dir=$build/programme-$size
	if [ ! -f "$dir/.today" ] || ! git -C "$dir" rev-parse -q --verify generated >/dev/null; then
		rm -rf "$dir"
		"$build/gen" "$dir" "$n" "$k" >"$build/today-$size"
		(cd "$dir" && git init -q && git add -A && git commit -q -m programme &&
		 git tag generated && printf '.today\n.bench-n\n' >>.git/info/exclude)
		find "$dir" -name '*.md' -print0 | xargs -0 cat >"$build/all-$size.md"
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
	set -- $(m git status --porcelain); git_ms=$1
	set -- $(m cmark "$build/all-$size.md"); cmark_ms=$1
	set -- $(m "$mj" status); status_ms=$1 status_kb=$2
	set -- $(m "$mj" check); check_ms=$1 check_kb=$2
	set -- $(m --before "rm -rf '$dir/.mjournal/cache'" "$mj" check); cold_ms=$1 cold_kb=$2
	set -- $(m --strict --before "$build/new-note.sh" sh -c "git add -A && git commit -q -m bench"); gitc_ms=$1
	set -- $(m --strict --before "$build/new-note.sh" "$mj" commit); commit_ms=$1 commit_kb=$2
	# every file touched (copied, restored): the first commit refreshes
	# git's index, the next one finds nothing to hash
	find . -path ./.git -prune -o -type f -exec touch {} +
	"$build/new-note.sh" && set -- $("$build/measure" 1 --strict "$mj" commit); stale_ms=$1
	set -- $(m --strict --before "$build/new-note.sh" "$mj" commit); after_ms=$1
	cd - >/dev/null
	printf '%-8s %-28s %10s %10s %8s\n' "$size" "git status --porcelain" "$git_ms" - -
	printf '%-8s %-28s %10s %10s %8s\n' "$size" "cmark, every note" "$cmark_ms" - -
	printf '%-8s %-28s %10s %10s %8s\n' "$size" "mjournal status (warm)" "$status_ms" "$status_kb" "$(ratio "$status_ms" "$git_ms")x git"
	printf '%-8s %-28s %10s %10s %8s\n' "$size" "mjournal check (warm)" "$check_ms" "$check_kb" "$(ratio "$check_ms" "$git_ms")x git"
	printf '%-8s %-28s %10s %10s %8s\n' "$size" "mjournal check (no cache)" "$cold_ms" "$cold_kb" "$(ratio "$cold_ms" "$cmark_ms")x cmark"
	printf '%-8s %-28s %10s %10s %8s\n' "$size" "git add -A && git commit" "$gitc_ms" - -
	printf '%-8s %-28s %10s %10s %8s\n' "$size" "mjournal commit, one note" "$commit_ms" "$commit_kb" "$(ratio "$commit_ms" "$gitc_ms")x git"
	printf '%-8s %-28s %10s %10s %8s\n' "$size" "commit, stale index (first)" "$stale_ms" - "$(ratio "$stale_ms" "$gitc_ms")x git"
	printf '%-8s %-28s %10s %10s %8s\n' "$size" "commit after the refresh" "$after_ms" - "$(ratio "$after_ms" "$gitc_ms")x git"
	eval "status_$n=$status_ms check_$n=$check_ms cold_$n=$cold_ms kb_$n=$cold_kb"
	if [ "$size" = 1000x30 ]; then
		t_status=$(ratio "$status_ms" "$git_ms")
		t_check=$(ratio "$check_ms" "$git_ms")
		t_cold=$(ratio "$cold_ms" "$cmark_ms")
		t_commit=$(ratio "$commit_ms" "$gitc_ms")
		t_after=$(ratio "$after_ms" "$gitc_ms")
		t_kb=$(( $(echo "$status_kb $check_kb $cold_kb" | tr ' ' '\n' | sort -n | tail -1) / 1024 ))
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
printf '%-8s %-28s %10s %10s %8s\n' "note" "cmark -t html, 400 KB nested" "$nested_cmark_ms" - -
printf '%-8s %-28s %10s %10s %8s\n' "note" "summary, 400 KB nested" "$nested_ms" "$nested_kb" "$(ratio "$nested_ms" "$nested_cmark_ms")x cmark"

echo
echo "Targets at 1000x30:"
echo "  status (warm) <= 1.5x git status:    $t_status  $(verdict "$t_status" 1.5)"
echo "  check (warm) <= 1.5x git status:     $t_check  $(verdict "$t_check" 1.5)"
echo "  check (no cache) <= 0.5x cmark:      $t_cold  $(verdict "$t_cold" 0.5)"
echo "  commit of one note <= 2x git:        $t_commit  $(verdict "$t_commit" 2)"
echo "  commit after a refresh <= 2x git:    $t_after  $(verdict "$t_after" 2)"
echo "  peak RSS <= 64 MiB:                  ${t_kb} MiB  $(verdict "$t_kb" 64)"
if [ -n "${BENCH_LARGE:-}" ]; then
	echo "Growth from 1000x30 to 5000x30 (linear is 5, target <= 5.2):"
	echo "  status $(ratio "$status_5000" "$status_1000")  check $(ratio "$check_5000" "$check_1000")  no cache $(ratio "$cold_5000" "$cold_1000")  memory $(ratio "$kb_5000" "$kb_1000")"
fi
