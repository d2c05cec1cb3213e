#!/bin/sh
# Memory bounded by the largest relationship, not by the journal: status,
# check, commit, programme, hours, log, actions, agenda and report take
# the relationships one at a time (mj_journal_visit), so a journal of many large relationships needs
# little more memory than one of them.  Each command's peak resident
# memory over a journal of 120 large relationships (8 notes of some 300
# actions each) stays under its peak over the largest one alone plus 48
# times that relationship's bytes on disk; a command holding every note
# at once needs several times that.  Not timed: only memory is measured.
. "$(dirname "$0")/lib.sh"

if [ -n "${MJ_SANITIZED:-}" ]; then
	# under the sanitizers memory is theirs (shadow memory, red zones,
	# freed memory held back): measured by the plain run only
	test_skip 'memory bounded by the largest relationship' \
		'under the sanitizers, memory is theirs'
	test_done
fi

MANY=120
# gen (the benchmark's programmes, tests/bench/gen.c) with 300 items a note
cc -O2 -o "$TRASH/gen" "$PROJECT_DIR/tests/bench/gen.c" &&
	"$TRASH/gen" "$TRASH/many" $MANY 8 300 >"$TRASH/today" &&
	"$TRASH/gen" "$TRASH/one" 1 8 300 >/dev/null ||
	echo "# the journals were not generated"
export MJOURNAL_TODAY="$(cat "$TRASH/today")"

# peak JOURNAL COMMAND...: the command's peak resident memory, in KiB
# (programme: over the journal folder, from outside it)
peak() {
	_dir=$1
	shift
	if [ "$1" = programme ]; then
		/usr/bin/time -f %M -o "$TRASH/peak" "$MJOURNAL" "$@" \
			"$TRASH/$_dir" >/dev/null 2>&1
	else
		/usr/bin/time -f %M -o "$TRASH/peak" "$MJOURNAL" -C "$_dir" \
			"$@" >/dev/null 2>&1
	fi
	tail -n 1 "$TRASH/peak"
}

# within WHAT ONE MANY: MANY (KiB) is within ONE plus 48 times the largest
# relationship's bytes; says both when not
within() {
	_rel_kib=$(du -sk "$TRASH/one/rel-00000" | cut -f1)
	_bound=$(($2 + 48 * _rel_kib))
	echo "$1: $3 KiB over $MANY relationships, $2 KiB over one ($_rel_kib KiB of files); bound $_bound KiB"
	test "$3" -le "$_bound"
}

# bounded WHAT ARGS...: ARGS (a command) within its bound, from no cache
# (every note parsed and the cache written), from the cache, and with the
# cache off
bounded() {
	_what=$1
	shift
	rm -rf many/.mjournal/cache one/.mjournal/cache &&
	within "$_what, no cache yet" "$(peak one "$@")" "$(peak many "$@")" &&
	sleep 2.1 && peak one "$@" >/dev/null && peak many "$@" >/dev/null &&
	within "$_what, from the cache" "$(peak one "$@")" "$(peak many "$@")" &&
	MJOURNAL_CACHE=off within "$_what, cache off" "$(MJOURNAL_CACHE=off peak one "$@")" \
		"$(MJOURNAL_CACHE=off peak many "$@")"
}

test_expect_success 'setup: both journals in git, the notes old enough to cache' '
	printf "%s\n" --- "date: $MJOURNAL_TODAY" "stage: finishing" --- \
		>many/rel-00077/$MJOURNAL_TODAY-late.md &&
	for j in many one; do
		git -C $j init -q && git -C $j add -A &&
		git -C $j commit -q -m programme || return 1
	done &&
	test "$(ls many | grep -c "^rel-")" = $MANY
'

test_expect_success 'status: bounded by the largest relationship' '
	bounded status status &&
	mj -C many status >out &&
	test_grep "^rel-00118 " out
'

test_expect_success 'check: bounded by the largest relationship' '
	bounded check check &&
	test_expect_code 1 mj -C many check >out 2>err &&
	test_grep "^rel-00077/$MJOURNAL_TODAY-late.md:3:.*finishing" out &&
	test_grep "in $MANY relationships" err
'

test_expect_success 'check --staged (the pre-commit hook): bounded too' '
	within "check --staged" "$(peak one check --staged)" \
		"$(peak many check --staged)" &&
	test_expect_code 1 mj -C many check --staged >out 2>err &&
	test_grep "^rel-00077/$MJOURNAL_TODAY-late.md:3:.*finishing" out
'

test_expect_success 'commit of a new note: bounded too' '
	for j in many one; do
		printf "%s\n" --- "date: $MJOURNAL_TODAY" "stage: enabling" \
			"attendance: held" "duration: 1h" --- "## Feedback" "- kept" \
			>$j/rel-00000/$MJOURNAL_TODAY-new.md || return 1
	done &&
	rm -rf many/.mjournal/cache one/.mjournal/cache &&
	within "commit" "$(peak one commit --no-verify -m "A new note")" \
		"$(peak many commit --no-verify -m "A new note")" &&
	git -C many log -1 --format=%s >subject &&
	echo "A new note" >expect &&
	test_cmp expect subject &&
	git -C many ls-files --error-unmatch "rel-00000/$MJOURNAL_TODAY-new.md"
'

test_expect_success 'programme over the journal folder: bounded too' '
	within "programme" "$(peak one programme --format json)" \
		"$(peak many programme --format json)" &&
	mj programme "$TRASH/many" --format json >prog.json &&
	test "$(jq ".relationships | length" prog.json)" = $MANY
'

test_expect_success 'hours: bounded too, every relationship a row' '
	bounded hours hours &&
	mj -C many hours --format csv >out &&
	test "$(grep -c "^rel-" out)" = $MANY &&
	grep "^rel-" out | cut -d, -f1 >names &&
	sort names >sorted && test_cmp sorted names
'

test_expect_success 'actions --open: bounded too, only what is shown kept' '
	bounded actions actions --open &&
	mj -C many actions --open --format json >many.json &&
	mj -C one actions --open --format json >one.json &&
	test "$(jq "[.[] | select(.state != \"open\")] | length" many.json)" = 0 &&
	jq "[.[] | select(.slug == \"rel-00000\")]" many.json >first.json &&
	jq . one.json >expect &&
	test_cmp expect first.json &&
	test "$(jq length one.json)" -gt 0
'

test_expect_success 'agenda: bounded too, the same items as one by one' '
	bounded agenda agenda &&
	mj -C many agenda --format json >many.json &&
	mj -C one agenda --format json >one.json &&
	jq "[.items[] | select(.slug == \"rel-00000\")]" many.json >first.json &&
	jq ".items" one.json >expect &&
	test_cmp expect first.json &&
	test "$(jq ".items | length" one.json)" -gt 0 &&
	test "$(jq "[.items[].slug] | unique | length" many.json)" -gt 100
'

test_expect_success 'report: bounded too, every relationship a row and a page' '
	bounded report report &&
	test "$(grep -c "<tr id=\"rel-" many/.mjournal/report/index.html)" = $MANY &&
	test "$(ls many/.mjournal/report | grep -c "^rel-.*\.html$")" = $MANY &&
	test_grep "Session 8 of relationship 119" many/.mjournal/report/rel-00119.html
'

# the index of the report grows with the journal (a row and a timeline a
# relationship, some 1.5 KB here): its rows wait in a file, not in memory
test_expect_success 'report: the index is not held in memory, however many relationships' '
	"$TRASH/gen" "$TRASH/narrow" 300 3 1 >/dev/null &&
	"$TRASH/gen" "$TRASH/wide" 3000 3 1 >/dev/null &&
	narrow=$(peak narrow report) && wide=$(peak wide report) &&
	size=$(wc -c <wide/.mjournal/report/index.html) &&
	echo "report: $wide KiB over 3000 relationships, $narrow KiB over 300; the index $size bytes" &&
	test "$size" -gt 4000000 &&
	test "$wide" -le $((narrow + 6144)) &&
	grep -o "<tr id=\"rel-[0-9]*\"" wide/.mjournal/report/index.html >rows &&
	test "$(wc -l <rows)" = 3000 &&
	sort rows >sorted && test_cmp sorted rows &&
	test_grep "</html>" wide/.mjournal/report/index.html &&
	ls -a wide/.mjournal/report >left &&
	test_grep ! mjournal-tmp left
'

test_expect_success 'log: bounded too, the relationships in name order' '
	bounded log log &&
	mj -C many log >out &&
	grep "^rel-" out | cut -d: -f1 >names &&
	test "$(wc -l <names)" = $MANY &&
	sort names >sorted && test_cmp sorted names &&
	test_grep "^  $MJOURNAL_TODAY  ?  .*$MJOURNAL_TODAY-late.md" out
'

test_done
