#!/bin/sh
# A shared journal is other people's input: what its files hold (titles,
# names, action texts, file names) reaches the terminal with every control
# character made visible, in every command.
. "$(dirname "$0")/lib.sh"
export MJOURNAL_TODAY=2026-03-01

ESC=$(printf '\033') BEL=$(printf '\007') CR=$(printf '\015')
CSI=$(printf '\302\233') OSC=$(printf '\302\235')

# no_controls FILE [json]: no C0 control but newline, tab and a CR that
# ends a line (CSV's CRLF), no DEL, and (unless JSON, which escapes by its
# own rules) no C1 control
no_controls() {
	python3 - "$@" <<-\EOF
	import re, sys
	data = open(sys.argv[1], "rb").read()
	bad = re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\r(?!\n)", data)
	if not bad and len(sys.argv) < 3:
	    bad = re.search(rb"\xc2[\x80-\x9f]", data)
	if bad:
	    start = max(0, bad.start() - 40)
	    sys.exit("a control byte reached the output: %r" % data[start:bad.end() + 20])
	EOF
}

test_expect_success 'setup: a journal whose files hold control characters' '
	make_journal &&
	sign_agreement journal/sam-with-alex 2026-01-19 &&
	git config -f journal/sam-with-alex/agreement.ini relationship.mentor \
		"Eve ${ESC}]0;pwned${BEL}Doe <eve@example.org>" &&
	sed -i -e "s/^mentee = .*/mentee = Sam${CSI}2J Roe <sam@example.org>/" \
		journal/sam-with-alex/agreement.ini &&
	sed -i "s/^name = .*/name = The ${ESC}[2J programme/" journal/mjournal.ini &&
	cat >"journal/sam-with-alex/2026-01-26.md" <<-EOF &&
	---
	date: 2026-01-26
	stage: negotiating
	attendance: held
	duration: 1h
	absent: [Kim]
	---
	# evil ${ESC}]0;pwned${BEL} ${ESC}[2J title
	## Actions
	- [ ] Sam${BEL}: send ${OSC}8;;http://x${ESC}\\\\ the plan (due 2026-02-09)
	## Feedback
	- ${ESC}]52;c;cHduZWQ=${BEL} fine
	EOF
	printf "not a note\n" >"journal/sam-with-alex/2026-02-02-${ESC}[31mred.md" &&
	git -C journal add -A &&
	git -C journal commit -qm "hostile text" &&
	printf "x" >"journal/sam-with-alex/new-${ESC}[2J${CR}.md"
'

test_expect_success 'every command shows the controls, never sends them' '
	for cmd in "status" "status --all" "log" "actions" "hours" \
		"hours --format csv" "hours --format md" "check" "check --strict" \
		"summary sam-with-alex" "summary sam-with-alex --format html" \
		"summary sam-with-alex --format man" \
		"summary sam-with-alex --include-private --format latex"; do
		test_expect_code_in "0 1" mj -C journal $cmd >out 2>&1 &&
		no_controls out || { echo "in: mjournal $cmd"; return 1; }
	done &&
	mj -C journal log >out &&
	test_grep "evil ^\\[\\]0;pwned^G ^\\[\\[2J title" out &&
	test_grep "Eve ^\[\]0;pwned^GDoe with Sam.x9b2J Roe" out &&
	mj -C journal actions >out &&
	test_grep "Sam^G" out &&
	mj -C journal status >out &&
	test_grep "The ^\[\[2J programme" out &&
	test_grep "new-^\[\[2J^M.md" out &&
	test_must_fail mj -C journal check >out &&
	test_grep "2026-02-02-^\[\[31mred.md" out
'

test_expect_success 'JSON escapes them by its own rules' '
	for cmd in "status --format json" "actions --format json" \
		"check --format json" "hours --format json"; do
		test_expect_code_in "0 1" mj -C journal $cmd >out 2>&1 &&
		no_controls out json || { echo "in: mjournal $cmd"; return 1; }
	done &&
	mj -C journal actions --format json >out &&
	test_grep "Sam\\\\u0007" out
'

test_expect_success 'what commit and sync print is shown the same way' '
	printf "more\n" >>journal/sam-with-alex/2026-01-26.md &&
	mj -C journal commit --no-verify -m "evil ${ESC}[2J message" >out 2>&1 &&
	no_controls out &&
	test_grep "Committed: evil ^\[\[2J message" out &&
	printf "more\n" >>"journal/sam-with-alex/new-${ESC}[2J${CR}.md" &&
	git init -q --bare remote.git &&
	git -C journal remote add origin "$TRASH/remote.git" &&
	mj -C journal status >out 2>&1 &&
	no_controls out &&
	test_grep "new-^\[\[2J^M.md" out &&
	mj -C journal sync >out 2>&1 &&
	no_controls out &&
	test_grep "Pushed main to origin" out &&
	git -C remote.git ls-tree -r --name-only main >files &&
	test_grep "2026-01-26.md" files &&
	test_grep ! "new-" files
'

test_done
