#!/bin/sh
# make fuzz: builds the libFuzzer harnesses and runs each (every
# tests/fuzz/fuzz_*.c) for FUZZ_SECONDS (default 600) on a seed corpus made
# from sample-program/ and the check corpus, or written here.  Findings
# (crash-*, leak-*, timeout-*, oom-*) are kept in build/fuzz/findings/HARNESS/;
# each one found becomes a regression test.
# Usage: run.sh BUILD_DIR SECONDS [HARNESS...]; FUZZ_WORK=DIR keeps the
# corpus, findings and logs there instead of in BUILD_DIR.
set -eu
bin=$1
build=${FUZZ_WORK:-$1}
seconds=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
project=$(cd "$here/../.." && pwd)
harnesses=${*:-$(cd "$here" && ls fuzz_*.c | sed 's/^fuzz_//; s/\.c$//')}

seeds() {
	dir=$build/corpus/$1
	[ -d "$dir" ] && return
	mkdir -p "$dir"
	case $1 in
	agreement|agreement_edit)
		find "$project/sample-program" "$project/tests/corpus" -name agreement.ini |
		while read -r f; do cp "$f" "$dir/$(echo "$f" | cksum | cut -d' ' -f1)"; done ;;
	front_matter|note)
		find "$project/sample-program" "$project/tests/corpus" -name '*.md' |
		while read -r f; do cp "$f" "$dir/$(echo "$f" | cksum | cut -d' ' -f1)"; done ;;
	validate|summary)
		for rel in "$project"/sample-program/*/ "$project"/tests/corpus/*/*/; do
			[ -f "$rel/agreement.ini" ] || continue
			{ cat "$rel/agreement.ini"
			  for n in "$rel"/*.md; do
				[ -f "$n" ] && [ "$(basename "$n")" != summary.md ] || continue
				printf '\n%%%%%%%%\n'; cat "$n"
			  done; } >"$dir/$(echo "$rel" | cksum | cut -d' ' -f1)"
		done ;;
	csv) # rows at 0x01, fields at NUL: a header and a row as import reads
		printf 'slug\000mentor\000mentee\001sam-with-alex\000Alex Doe\000Sam Roe; Kim Li' \
			>"$dir/rows"
		printf 'a, b\000"quoted"\000 lead\000trail \001\000\001x' >"$dir/hard" ;;
	import) # spreadsheets as their tools save them
		for f in "$project"/tests/corpus/spreadsheets/*.csv; do
			cp "$f" "$dir/$(basename "$f")"
		done ;;
	pack) # packs as git sends them: the sample programme's, and one
	      # holding a note and its change (a delta)
		tmp=$(mktemp -d)
		cp -R "$project/sample-program" "$tmp/j"
		(cd "$tmp/j" && git init -q && git add -A &&
		 git -c user.name=f -c user.email=f@x commit -q -m p &&
		 git rev-list --objects --all | cut -d' ' -f1 |
			git pack-objects -q --stdout >"$dir/sample" &&
		 echo more >>sam-with-alex/2026-11-09.md &&
		 git -c user.name=f -c user.email=f@x commit -q -a -m q &&
		 git rev-list --objects HEAD~1..HEAD | cut -d' ' -f1 |
			git pack-objects -q --stdout >"$dir/change" &&
		 git rev-list --objects --all | cut -d' ' -f1 |
			git pack-objects -q --stdout >"$dir/deltas")
		rm -rf "$tmp" ;;
	ini_value) # values as written after "key =", and as they are
		printf '"Doe, Alex" <alex@example.org> ; who' >"$dir/quotes"
		printf '"Say \\"no\\" to \\\\ scope\\tcreep" # x' >"$dir/escapes"
		printf 'cont \\\n  inued %s #3' "'single'" >"$dir/continued"
		printf ' lead; Zo\303\253 "a # b"\nnext = 1' >"$dir/plain" ;;
	manifest) # a hub's manifest as git-remote-gcrypt writes it, after
	          # the byte that picks the ref to move
		printf '\0011111111111111111111111111111111111111111 refs/heads/main\n2222222222222222222222222222222222222222 refs/tags/a/closed\npack :SHA256:%s abc+/=\n\nrepo :id:Xy\nextn comment\n' \
			"$(printf '%064d' 0 | tr 0 a)" >"$dir/helper"
		printf '\201\n\n\nrepo :id:empty\n\n' >"$dir/empty" ;;
	start) # mentor, cadence, type, model, then mentees, at NUL
		printf 'Alex Doe <alex@example.org>\00014d\000one-to-one\000developmental\000Sam Roe <sam@example.org>' \
			>"$dir/plain"
		printf 'Ann # Lee\000\000\000\000"Sam" Roe\000Kim Li' >"$dir/quotes" ;;
	esac
}

status=0
for h in $harnesses; do
	seeds "$h"
	mkdir -p "$build/findings/$h"
	echo "fuzz_$h: $seconds s"
	if ! "$bin/fuzz_$h" -max_total_time="$seconds" -timeout=10 \
		-rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
		-artifact_prefix="$build/findings/$h/" "$build/corpus/$h" \
		>"$build/fuzz_$h.log" 2>&1; then
		echo "fuzz_$h: FOUND a problem, see $build/fuzz_$h.log" >&2
		status=1
	fi
	grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "$build/fuzz_$h.log" |
		sed "s/^/  /"
done
exit $status
