#!/bin/sh
# Front matter as the tools people keep notes in write it (Hugo, Jekyll,
# Eleventy, Obsidian, Dendron): what is read, what is ignored, and what is
# named.  tests/corpus/front-matter holds one relationship per habit, with
# golden diagnostics (front-matter.expected) and log (front-matter.log.expected).
. "$(dirname "$0")/lib.sh"
# a copy: the corpus must not be read as part of this project's repository
cp -R "$PROJECT_DIR/tests/corpus/front-matter" "$TRASH/fm"
FM=$TRASH/fm
EXPECTED=$PROJECT_DIR/tests/corpus/front-matter.expected
LOG_EXPECTED=$PROJECT_DIR/tests/corpus/front-matter.log.expected

# expected_for SLUG: the golden diagnostics and log of one relationship
expected_for() {
	{ grep "^$1/" "$EXPECTED" || test $? = 1; } >expected &&
	awk -v slug="$1:" '$1 == slug { on = 1 } /^$/ { on = 0 } on' \
		"$LOG_EXPECTED" >log.expected
}

# check_as_golden SLUG: check and log of SLUG are the golden ones
check_as_golden() {
	expected_for "$1" &&
	test_expect_code_in "0 1" mj -C "$FM" check "$1" >out 2>/dev/null &&
	test_cmp expected out &&
	mj -C "$FM" log "$1" >log &&
	test_cmp log.expected log
}

test_expect_success 'the corpus gives the golden diagnostics and log' '
	test_expect_code 1 mj -C "$FM" check >out 2>err &&
	test_cmp "$EXPECTED" out &&
	test_grep "4 errors, 6 warnings in 6 relationships" err &&
	mj -C "$FM" log >log &&
	test_cmp "$LOG_EXPECTED" log &&
	test_expect_code 1 mj -C "$FM" check --format json >json &&
	python3 -c "
import json, sys
d = json.load(open(\"json\"))
assert len(d) == $(wc -l <out), len(d)
"
'

test_expect_success 'other tools nested keys are ignored; one of ours nested is named' '
	check_as_golden nested-keys &&
	test_grep "^nested-keys/2026-02-09.md:3:1: error: .stage. holds a mapping; write one plain value, as mjournal.s own keys take \[note-front-matter\]$" out &&
	test_line_count = 1 out &&
	test_grep "^  2026-01-05  preparing .*Before we start$" log &&
	test_grep "^  2026-01-26  enabling     held      45m    The first release$" log
'

test_expect_success 'keys are matched without regard to case, allow-keys too' '
	check_as_golden keys-by-case &&
	test_line_count = 0 out &&
	mj -C "$FM" check --strict keys-by-case &&
	test_grep "^  2026-01-12  negotiating  held      60m    Agreeing the goals$" log &&
	cp -R "$FM" fm2 &&
	printf "%s\n" "---" "date: 2026-01-26" "Stage: enabling" "Attendance: held" \
		"Duration: 45m" "State: calm" "---" "## Feedback" "- good" \
		>fm2/keys-by-case/2026-01-26.md &&
	mj -C fm2 check keys-by-case >out 2>&1 &&
	test_grep "2026-01-26.md:6:1: warning: unknown key .State. is not used; did you mean .stage.?" out &&
	printf "[notes]\nallow-keys = state\n" >>fm2/mjournal.ini &&
	mj -C fm2 check --strict keys-by-case >out 2>&1 &&
	test_grep ! "State" out
'

test_expect_success 'only a likely misspelling of our keys is warned of' '
	check_as_golden tool-keys &&
	test_line_count = 0 out &&
	mj -C "$FM" check --strict tool-keys &&
	check_as_golden misspelt-keys &&
	test_line_count = 5 out &&
	test_grep "2026-01-05.md:5:1: warning: unknown key .atendance. is not used; did you mean .attendance.? \[note-front-matter\]$" out &&
	test_grep ! "unknown key .\(type\|name\|time\)." out &&
	test_must_fail mj -C "$FM" check --strict misspelt-keys
'

test_expect_success 'TOML and JSON front matter are named, and a private key in them kept' '
	check_as_golden toml-json &&
	test_grep "^toml-json/2026-01-05.md:1:1: error: mjournal reads YAML front matter; this is TOML (between .+++. lines): write it between .---. lines as .key: value. lines \[note-front-matter\]$" out &&
	test_grep "^toml-json/2026-01-12.md:1:1: error: mjournal reads YAML front matter; this is JSON" out &&
	test_grep ! "no front matter" out &&
	make_journal &&
	cp "$FM/toml-json/2026-01-05.md" journal/sam-with-alex/2026-01-19.md &&
	cp "$FM/toml-json/2026-01-12.md" journal/sam-with-alex/2026-01-26.md &&
	mj -C journal status >status &&
	test_grep "private *sam-with-alex/2026-01-19.md" status &&
	mj -C journal commit --no-verify -m "notes" >out &&
	git -C journal ls-tree -r --name-only HEAD >tree &&
	test_grep "^sam-with-alex/2026-01-26.md$" tree &&
	test_grep ! "2026-01-19" tree
'

test_expect_success 'null, quoted and folded values as YAML means them; no impossible time' '
	check_as_golden yaml-values &&
	test_line_count = 1 out &&
	test_grep "^yaml-values/2026-01-26.md:2:7: error: date .2026-01-26T25:99:00. is not a real date" out &&
	test_grep "^  2026-01-05  preparing    -                ~$" log &&
	test_grep "^  2026-01-12  negotiating  held      60m    Agreeing the goals of the release$" log &&
	test_grep ! "\^J" log &&
	test_grep ! "(private)" log
'

test_expect_success 'another tool nested 30,000 deep is refused at once, an alias bomb skipped' '
	{ printf -- "---\ndate: 2026-02-02\nstage: enabling\nmenu: " &&
	  head -c 30000 /dev/zero | tr "\000" "[" &&
	  head -c 30000 /dev/zero | tr "\000" "]" &&
	  printf "\n---\n"; } >journal/sam-with-alex/2026-02-02.md &&
	test_must_fail mj -C journal check sam-with-alex >out &&
	test_grep "2026-02-02.md:4:39: error: .menu. nests deeper than 32 levels \[note-front-matter\]" out &&
	printf -- "---\ndate: 2026-02-02\nstage: enabling\nattendance: held\nduration: 1h\na: &a [x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b]\n---\n## Feedback\n- fine\n" \
		>journal/sam-with-alex/2026-02-02.md &&
	test_expect_code_in "0 1" mj -C journal check sam-with-alex >out 2>&1 &&
	test_grep "2026-01-19.md:1:1: error: mjournal reads YAML" out &&
	test_grep ! "2026-02-02.md:.*note-front-matter" out
'

test_done
