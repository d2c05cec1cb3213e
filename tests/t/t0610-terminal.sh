#!/bin/sh
# What a person sees in a terminal: the pager, tables measured in display
# columns, actions at 80 columns, and messages that say what is wrong.
. "$(dirname "$0")/lib.sh"

# a pager that records what it was given, to "paged" (and shows it)
write_pager() {
	cat >"$TRASH/$1" <<-SCRIPT
	#!/bin/sh
	echo "pager $1 LESS=\$LESS" >"$TRASH/paged"
	cat >>"$TRASH/paged"
	SCRIPT
	chmod +x "$TRASH/$1"
}

# runs a command line in an 80-column terminal, with a UTF-8 locale
term() {
	rm -f "$TRASH/paged" &&
	in_terminal 80 40 "cd \"$TRASH/journal\" && export LANG=C.UTF-8 LC_ALL=C.UTF-8 && $1"
}

test_expect_success 'setup: the sample programme in git' '
	cp -R "$SAMPLE_DIR" journal &&
	git -C journal init -q &&
	git -C journal add -A &&
	git -C journal commit -qm "the sample programme" &&
	write_pager pager-env &&
	write_pager pager-config &&
	write_pager pager-mjournal
'

test_expect_success 'log, summary and check go through PAGER on a terminal' '
	term "PAGER=\"$TRASH/pager-env\" \"$MJOURNAL\" log sam-with-alex" &&
	head -n 1 paged >first &&
	echo "pager pager-env LESS=FRX" >expect &&
	test_cmp expect first &&
	test_grep "^sam-with-alex" paged &&
	test_grep "2026-10-26" paged &&
	term "PAGER=\"$TRASH/pager-env\" \"$MJOURNAL\" summary sam-with-alex" &&
	test_grep "^# sam-with-alex: summary" paged &&
	printf "not a date\n" >journal/sam-with-alex/2026-13-01.md &&
	term "PAGER=\"$TRASH/pager-env\" \"$MJOURNAL\" check" &&
	test_grep "2026-13-01.md" paged &&
	rm journal/sam-with-alex/2026-13-01.md
'

test_expect_success 'MJOURNAL_PAGER, then core.pager, then PAGER; cat means none' '
	git -C journal config core.pager "$TRASH/pager-config" &&
	term "PAGER=\"$TRASH/pager-env\" \"$MJOURNAL\" log" &&
	test_grep "^pager pager-config" paged &&
	term "MJOURNAL_PAGER=\"$TRASH/pager-mjournal\" \"$MJOURNAL\" log" &&
	test_grep "^pager pager-mjournal" paged &&
	term "MJOURNAL_PAGER=cat \"$MJOURNAL\" log" &&
	test_path_is_missing paged &&
	test_grep "^sam-with-alex" screen &&
	git -C journal config --unset core.pager
'

test_expect_success 'no pager when the output is not a terminal' '
	PAGER="$TRASH/pager-env" mj -C journal log >out &&
	test_path_is_missing paged &&
	test_grep "^sam-with-alex" out &&
	term "LESS=X PAGER=\"$TRASH/pager-env\" \"$MJOURNAL\" log | cat" &&
	test_path_is_missing paged
'

test_expect_success 'actions at 80 columns: every file:line whole, no line too long' '
	mj -C journal actions --format json >json &&
	python3 -c "import json,sys; [print(\"%s:%d\" % (a[\"file\"], a[\"line\"])) for a in json.load(open(\"json\"))]" >places &&
	test_line_count -ge 10 places &&
	in_terminal 80 150 "cd \"$TRASH/journal\" && export LANG=C.UTF-8 LC_ALL=C.UTF-8 && \"$MJOURNAL\" actions" &&
	mkdir -p "$PROJECT_DIR/tests/artifacts" &&
	cp screen "$PROJECT_DIR/tests/artifacts/actions-80-columns.txt" &&
	test_grep "^STATE" screen &&
	while read place; do
		grep -q -- " $place\$" screen || { echo "cut: $place"; return 1; }
	done <places &&
	awk "length(\$0) > 80 { print; bad = 1 } END { exit bad }" screen &&
	test_grep "  chair the pipeline review$" screen
'

test_expect_success 'status measures names in display columns' '
	sed -i "s/^mentor = .*/mentor = 王小明 <wang@example.org>/" \
		journal/sam-with-alex/agreement.ini &&
	sed -i "s/^mentor = .*/mentor = José Ñúñez <jose@example.org>/" \
		journal/jo-with-maria/agreement.ini &&
	in_terminal 160 30 "cd \"$TRASH/journal\" && export LANG=C.UTF-8 LC_ALL=C.UTF-8 && \"$MJOURNAL\" status" &&
	sed -n "/^RELATIONSHIP/,/^\$/p" screen | grep -v "^\$" >table &&
	test_grep "王小明" table &&
	python3 - <<-\EOF
	import re, unicodedata
	def cols(s):
	    return sum(2 if unicodedata.east_asian_width(c) in "WF" else
	               0 if unicodedata.combining(c) else 1 for c in s)
	def starts(l):
	    return [cols(l[:m.start()]) for m in re.finditer(r"\S+(?: \S+)*", l)]
	lines = [l.rstrip("\n") for l in open("table", encoding="utf-8")]
	head = starts(lines[0])
	assert len(lines) >= 7, lines
	for l in lines[1:]:
	    # TYPE and STAGE start under their headers, whatever the names
	    assert starts(l)[2:4] == head[2:4], (l, starts(l), head)
	print("aligned")
	EOF
'

test_expect_success 'status says so when no relationship is active' '
	mkdir ended &&
	cp -R "$SAMPLE_DIR/mjournal.ini" "$SAMPLE_DIR/tom-with-alex" ended/ &&
	mj -C ended status >out &&
	test_grep "^No active relationships\.$" out &&
	test_grep ! "^RELATIONSHIP" out &&
	test_grep "1 ended (tom-with-alex)" out
'

test_expect_success 'every error starts with mjournal:, with a reason and a guess' '
	test_expect_code 2 mj stauts 2>err &&
	test_grep "^mjournal: .stauts. is not a command; did you mean .status.?$" err &&
	test_expect_code 2 mj -C journal note sam-with-alex --titel x 2>err &&
	test_grep "^mjournal: unknown option .--titel.; did you mean .--title.?$" err &&
	test_expect_code 2 mj -C journal summary 2>err &&
	test_grep "^mjournal: summary needs a relationship" err &&
	test_expect_code 2 mj -C journal log a b 2>err &&
	test_grep "^mjournal: too many arguments: .b." err &&
	test_expect_code 2 mj -C journal status --format yaml 2>err &&
	test_grep "^mjournal: unknown --format .yaml.; use text or json$" err &&
	test_expect_code 2 mj help nope 2>err &&
	test_grep "^mjournal: .nope. is not a command" err &&
	for c in init new note log check status actions hours commit close summary report hook sync; do
		test_expect_code 2 mj -C journal $c --no-such-option 2>err &&
		head -n 1 err >first &&
		test_grep "^mjournal: unknown option .--no-such-option." first || return 1
	done
'

test_done
