#!/bin/sh
# Every command of the command table, and every error path a test can
# reach, over journal text, file names, spreadsheet cells, remote names
# and URLs, programme sources and arguments that hold terminal controls:
# ESC sequences (SGR, OSC 52 clipboard writes, OSC 0 titles), BEL, C1
# controls (U+009B as UTF-8 and the raw byte 0x9b), DEL and CR, also as
# CommonMark entities (&#27; &#x9b;) that decode to them.  Not one of
# those bytes reaches standard output or standard error raw; documents
# written to standard output keep their own rules (JSON escapes, CSV and
# the calendar feed end lines with CRLF and hold no other control).  A
# command in the table that no test here runs fails the last test.
. "$(dirname "$0")/lib.sh"
export MJOURNAL_TODAY=2026-03-01
export XDG_CACHE_HOME="$TRASH/cache"

ESC=$(printf '\033') BEL=$(printf '\007') CR=$(printf '\015')
DEL=$(printf '\177') C1=$(printf '\302\233') RAW=$(printf '\233')
OSC52="${ESC}]52;c;cHduZWQ=${BEL}" TITLE="${ESC}]0;title${BEL}"
# every kind at once; PN for values that may hold no ';' and no CR
P="${ESC}[31m${OSC52}${TITLE}${BEL}${C1}2J${RAW}${DEL}${CR}"
PU="${ESC}[31m${OSC52}${TITLE}${BEL}${C1}2J${DEL}${CR}" # valid UTF-8
PN="${ESC}[31m${ESC}]0${BEL}${C1}2J${DEL}"
# entities a CommonMark reader decodes to controls
ENT='&#27;[31m &#x1b;]52;c;cHduZWQ=&#7; &#x9b;2J &#155;H &#127; &#13;'
J="$TRASH/jour${TITLE}nal"
REL=sam-with-alex

# clean FILE [text|json|csv|ics]: no C0 control but newline and tab, no
# DEL, no C1 control (U+0080 to U+009F as UTF-8, or a raw byte 0x80 to
# 0x9F outside a UTF-8 character); CSV and the feed may end lines with
# CRLF; JSON must parse.  The bytes around the first one otherwise.
clean() {
	python3 - "$@" <<-\EOF
	import json, re, sys
	name, kind = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "text")
	data = open(name, "rb").read()
	if kind in ("csv", "ics"):
	    data = data.replace(b"\r\n", b"\n")
	bad = re.search(rb"[\x00-\x08\x0b-\x1f\x7f]", data)
	text = data.decode("utf-8", "surrogateescape")
	c1 = re.search("[\x80-\x9f\udc80-\udc9f]", text)
	if bad:
	    where = data[max(0, bad.start() - 40):bad.end() + 20]
	elif c1:
	    where = text[max(0, c1.start() - 40):c1.end() + 20].encode("utf-8", "surrogateescape")
	if bad or c1:
	    sys.exit("%s: a control byte reached the output: %r" % (name, where))
	if kind == "json" and data:
	    json.loads(data)
	EOF
}

# run KIND COMMAND ARGS...: mjournal COMMAND ARGS (here), which may
# succeed or fail but not crash; its standard output clean as KIND, its
# standard error as text; the command noted as exercised
run() {
	_kind=$1
	shift
	echo "$1" >>"$TRASH/exercised"
	"$MJOURNAL" "$@" >"$TRASH/out" 2>"$TRASH/err"
	_rc=$?
	if [ -n "${T0842_LOG:-}" ]; then
		{ echo "== $_rc: mjournal $*"; cat "$TRASH/out" "$TRASH/err"; } >>"$T0842_LOG"
	fi
	if [ $_rc -gt 125 ]; then
		echo "mjournal $* died (exit $_rc)" >&2
		cat "$TRASH/err" >&2
		return 1
	fi
	clean "$TRASH/out" "$_kind" && clean "$TRASH/err" || {
		echo "in: mjournal $*" | od -c | head -3 >&2
		return 1
	}
}

# shows PATTERN [out]: the last run's standard error (or output) holds
# PATTERN, the controls visible
shows() {
	test_grep "$1" "$TRASH/${2:-err}"
}

test_expect_success 'setup: a journal at a path, with names, notes, files and remotes that hold controls' '
	mj init "$J" --name "The ${PN} programme" >/dev/null &&
	cd "$J" &&
	mj new "$REL" --mentor "Alex Doe <alex@example.org>" >/dev/null \
		--mentee "Sam Roe <sam@example.org>" --started 2026-01-12 --ends 2026-07-12 &&
	mj new kim-with-lee --mentor "Lee Park <lee@example.org>" >/dev/null \
		--mentee "Kim Ode <kim@example.org>" --started 2026-01-12 --ends 2026-07-12 &&
	sign_agreement "$REL" 2026-01-19 "Lead ${PU} my project" &&
	sign_agreement kim-with-lee 2026-01-19 &&
	sed -i -e "s/^mentor = .*/mentor = Eve${PU} Doe <eve@example.org>/" \
		-e "s/^mentee = .*/mentee = Sam${C1}2J Roe <sam@example.org>/" \
		-e "s/^model = .*/model = dev${PU}/" "$REL/agreement.ini" &&
	sed -i -e "s/^ends = .*/ends = 2026-07-12${PU}/" \
		-e "s/^type = .*/type = one${PU}/" \
		-e "s/^cadence = .*/cadence = 2w${PN}/" kim-with-lee/agreement.ini &&
	cat >"$REL/2026-01-26.md" <<-EOF &&
	---
	date: 2026-01-26
	stage: negotiating
	attendance: held
	duration: 1h
	title: "front \\e[31m\\e]52;c;cHduZWQ=\\a \\x9b2J \\x7f \\r \\u009bH matter"
	absent: ["Kim\\e[31m"]
	---
	# evil ${PU} title
	## Actions
	- [ ] Sam: send ${PU} the plan (due 2026-02-09)
	- [ ] Sam: call ${ENT} Kim (due 2026-03-10)
	- [ ] Kim${BEL}: ring ${OSC52} Lee
	## Feedback
	- ${OSC52} fine ${ENT}
	EOF
	cat >"$REL/2026-02-09.md" <<-EOF &&
	---
	date: 2026-02-09
	stage: neg${PN}otiating
	attendance: he${PN}ld
	duration: 1${PN}h
	mood: ${PU}
	---
	# second ${ENT}
	EOF
	printf -- "---\ndate: 2026-02-16\nstage: enabling\n---\n# raw ${RAW} byte\n" \
		>"$REL/2026-02-16.md" &&
	printf "not a note\n" >"$REL/2026-02-02-${ESC}[31m${BEL}.md" &&
	mkdir "evil${PN}slug" && printf "[relationship]\nmentor = x\n" >"evil${PN}slug/agreement.ini" &&
	git add -A && git commit -qm "hostile text" &&
	printf "x" >"$REL/new-${ESC}[2J${CR}${RAW}.md" &&
	git init -q --bare "$TRASH/hub${PN}.git" &&
	git remote add origin "$TRASH/hub${PN}.git" &&
	git config "remote.ev${PU}il.url" "$TRASH/gone${P}.git" &&
	git config "remote.ev${PU}il.fetch" "+refs/heads/*:refs/remotes/evil/*"
'

test_expect_success 'init and new: the path, the name, the people, shown' '
	run text init "$TRASH/other${PN}" --name "The ${PN} programme" &&
	shows "^Started the journal .The ^\[\[31m^\[\]0^G.x9b2J^? programme. in .*other^\[\[31m" out &&
	run text init "$TRASH/other${PN}" &&
	cd "$TRASH/other${PN}" &&
	run text new "bad${P}" --mentor "A <a@x>" --mentee "B <b@x>" &&
	run text new ok-slug --mentor "Eve${P} <e@x>" --mentee "B <b@x>" &&
	shows "may not hold .*Eve^\[\[31m" &&
	run text new ok-slug --mentor "Eve <e@x>" --mentee "B <b@x>" --type "one${P}" &&
	run text new ok-slug --mentor "Eve <e@x>" --mentee "B <b@x>" \
		--started "2026-01-1${P}" &&
	run text new ok-slug --mentor "Eve <e@x>" --mentee "B <b@x>" &&
	shows "^Started ok-slug" out
'

test_expect_success 'help, unknown commands, options and arguments: quoted, shown' '
	cd "$J" &&
	run text help && run text help status &&
	run text help "stat${PN}us" && shows "^mjournal: .stat^\[\[31m^\[\]0^G.x9b2J^?us. is not a command" &&
	run text "${P}x" &&
	run text status "--for${P}mat" && shows "unknown option .--for^\[\[31m" &&
	run text status --format "js${P}on" && shows "unknown --format .js^\[\[31m" &&
	run text summary "no${P}such" && shows "no^\[\[31m" &&
	run text hours --since "2026${P}" && shows "2026^\[\[31m"
'

test_expect_success 'reading commands over the journal: log, check, status, agenda, actions, hours' '
	cd "$J" &&
	run text log && shows "front ^\[\[31m^\[\]52;c;cHduZWQ=^G .x9b2J ^? ^M .x9bH matter" out &&
	run text log "$REL" && run text log "no${P}pe" &&
	run text check && shows "2026-02-02-^\[\[31m^G.md" out &&
	run text check --strict && run text check "$REL" && run text check --staged &&
	run json check --format json &&
	run text status &&
	shows "^  bad name    sam-with-alex/new-^\[\[2J^M.x9b.md  (never committed: a control character in its name)$" out &&
	test_grep ! "private.*new-" "$TRASH/out" &&
	run text status --all && run json status --format json &&
	python3 -c "import json, sys; d = json.load(open(sys.argv[1])); assert d[\"bad_names\"] == [\"sam-with-alex/new-\x1b[2J\r\ufffd.md\"] and d[\"private\"] == [], d" "$TRASH/out" &&
	run text agenda && run text agenda --days 365 &&
	run ics agenda --format ics && run json agenda --format json &&
	run text actions && shows "call ^\[\[31m ^\[\]52;c;cHduZWQ=^G .x9b2J .x9bH ^? ^M Kim" out &&
	run text actions --owner "Kim${P}" && run json actions --format json &&
	run text hours && run csv hours --format csv && run text hours --format md &&
	run json hours --format json &&
	run text summary "$REL" && run text summary "$REL" --format html &&
	run text summary "$REL" --format man && run text summary "$REL" --format latex &&
	run text summary "$REL" --include-private --format md &&
	run text summary kim-with-lee &&
	run text summary "evil${PN}slug" &&
	run text summary "$REL" -o "$TRASH/out${P}/s.md" && shows "out^\[\[31m"
'

test_expect_success 'completion offers no name with a control in it' '
	cd "$J" &&
	run text __complete -- actions --owner "" &&
	shows "^Kim Ode$" out && test_grep ! "^Eve\\|^Sam" "$TRASH/out" &&
	run text __complete -- summary "" &&
	run text __complete -- "" &&
	run text __complete -- edit "$REL" ""
'

test_expect_success 'writing commands: note, edit, commit, actions --done and --drop' '
	cd "$J" &&
	write_editor typist "Words ${PU} typed" &&
	EDITOR=$TRASH/typist run text note "$REL" --date 2026-02-23 --stage enabling \
		--title "we ${PN} met" &&
	EDITOR=$TRASH/typist run text note "$REL" --date 2026-02-23 --stage negotiating &&
	shows "2026-02-23.md" out &&
	EDITOR=$TRASH/typist run text note "no${P}pe" &&
	EDITOR=$TRASH/typist run text edit "$REL" 2026-02-23 &&
	shows "2026-02-23.md" out &&
	EDITOR=$TRASH/typist run text edit "$REL" "2026-02-2${P}" &&
	EDITOR=false run text edit "$REL" &&
	run text actions --done "Sa${P}m" && shows "no open action matches .Sa^\[\[31m" &&
	run text actions --done "Sam" && shows "send ^\[\[31m" &&
	run text actions --done "call" && shows "Marked done .*call ^\[\[31m" out &&
	run text actions --drop "ring" &&
	printf "more\n" >>"$REL/2026-01-26.md" &&
	run text commit -m "evil ${P} message" &&
	printf "more\n" >>"$REL/2026-01-26.md" &&
	run text commit --no-verify -m "evil ${P} message" &&
	shows "^Committed: evil ^\[\[31m^\[\]52;c;cHduZWQ=^G" out
'

test_expect_success 'terms: close refused and done, extend, reopen' '
	cd "$J" &&
	run text close kim-with-lee &&
	run text close kim-with-lee --early --reason "why ${P}" &&
	run text close "$REL" --early --reason "why ${PN}" --date 2026-02-28 &&
	run text reopen "$REL" &&
	run text extend kim-with-lee --ends 2026-09-30 &&
	run text extend "$REL" --ends "2026-09-3${P}" &&
	run text reopen "no${P}pe" &&
	run text rename "no${P}pe" kim-with-lee && shows "no^\[\[31m" &&
	run text rename kim-with-lee "bad${P}" && shows "bad^\[\[31m"
'

test_expect_success 'import: the cells, the file name and the rows, shown' '
	cd "$J" &&
	printf "slug,mentor,mentee,started,${PU}\nbad${PU},Lee <lee@example.org>,Kim <kim@example.org>,2026-01-12,\nana-with-bo,Bo${PU} <bo@example.org>,Ana <ana@example.org>,2026-13-01${PU},\n" >"$TRASH/in${PN}.csv" &&
	run text import "$TRASH/in${PN}.csv" && shows "in^\[\[31m^\[\]0^G.x9b2J^?.csv:1" &&
	run text import "$TRASH/in${PN}.csv" --dry-run &&
	printf "slug,mentor,mentee,started\nbad${P},Lee <lee@example.org>,Kim <kim@example.org>,2026-01-12\n" >"$TRASH/raw.csv" &&
	run text import "$TRASH/raw.csv" &&
	printf "slug,mentor,mentee\nana-with-bo,Bo${C1}2J <bo@example.org>,Ana <ana@example.org>\n" >"$TRASH/good.csv" &&
	run text import "$TRASH/good.csv" --dry-run &&
	run text import "$TRASH/good.csv" && shows "^Imported 1 relationship" out &&
	run text import "$TRASH/missing${P}.csv"
'

test_expect_success 'sharing: remote names, remote paths, what libgit2 says of them' '
	cd "$J" &&
	run text push && run text pull && run text sync &&
	git clone -q "$TRASH/hub${PN}.git" "$TRASH/peer" &&
	printf "x\n" >"$TRASH/peer/$REL/peer-${P}.md" &&
	printf "theirs\n" >>"$TRASH/peer/$REL/2026-02-02-${ESC}[31m${BEL}.md" &&
	git -C "$TRASH/peer" add -A && git -C "$TRASH/peer" commit -qm "peer ${P}" &&
	git -C "$TRASH/peer" push -q &&
	run text sync && shows "brings a file named .sam-with-alex/2026-02-02-^\[\[31m^G.md., a name mjournal never writes" err &&
	git -C "$TRASH/peer" reset -q --hard HEAD~1 &&
	printf "x\n" >"$TRASH/peer/$REL/peer-plain.md" &&
	printf "theirs\n" >"$TRASH/peer/$REL/2026-02-02-plain.md" &&
	git -C "$TRASH/peer" add -A && git -C "$TRASH/peer" commit -qm "peer ${P}" &&
	git -C "$TRASH/peer" push -q -f &&
	run text sync && shows "^Brought in origin/main" out &&
	printf "theirs again\n" >>"$TRASH/peer/$REL/2026-02-02-plain.md" &&
	git -C "$TRASH/peer" commit -qam "peer again ${P}" && git -C "$TRASH/peer" push -q &&
	printf "mine\n" >>"$REL/2026-02-02-plain.md" &&
	git commit -qam "mine" &&
	run text sync && shows "^Conflict" out &&
	run text status && run text check && run text commit &&
	git merge --abort &&
	git remote add gone "file://$TRASH/gone${P}.git" &&
	run text pull gone && shows "gone^\[\[31m^\[\]52;c;cHduZWQ=^G" &&
	run text push gone &&
	run text sync "ev${PU}il" && shows "ev^\[\[31m" &&
	run text pull "ev${PU}il" && run text push "ev${PU}il" &&
	run text sync "no${P}remote" && shows "no^\[\[31m" &&
	run text push "$TRASH/gone${P}.git" &&
	run text pull "file://$TRASH/gone${P}.git" &&
	run text remote keys "ev${PU}il" && shows "ev^\[\[31m" &&
	run text remote keys gone &&
	run text remote add --encrypted "ev${PU}il" "$TRASH/hub${P}.git" --to "k${P}" &&
	run text remote add --encrypted enc "$TRASH/hub${P}.git" --to "k${P}" &&
	run text remote check-push "ev${PU}il" "$TRASH/hub${P}.git" </dev/null
'

test_expect_success 'the report, the hook, and a journal found through a path that holds controls' '
	cd "$J" &&
	run text report && shows "jour^\[\]0;title^Gnal" out &&
	for page in .mjournal/report/*; do
		clean "$page" || return 1
	done &&
	test_grep "Eve^\[\[31m" .mjournal/report/index.html &&
	run text report -o "$TRASH/site${P}" &&
	run text hook install &&
	run text hook install &&
	cd "$TRASH" &&
	run text -C "$J" status &&
	run text -C "$TRASH/no${P}where" status &&
	run text status
'

test_expect_success 'programme: sources, names and figures, in every format' '
	run text programme "$J" && shows "Eve^\[\[31m" out &&
	run json programme "$J" --format json &&
	run csv programme "$J" --format csv &&
	run text programme "$J" -o "$TRASH/prog${PN}" &&
	for page in "$TRASH/prog${PN}"/*; do
		clean "$page" || return 1
	done &&
	run text programme "$TRASH/not${P}here" &&
	run text programme "file://$TRASH/gone${P}.git" &&
	run text programme "file://$TRASH/hub${PN}.git" && shows "Eve^\[\[31m" out &&
	run json programme "file://$TRASH/hub${PN}.git" --format json
'

test_expect_success 'an action is written into another note as its note has it, never decoded' '
	make_journal ents &&
	sign_agreement ents/sam-with-alex 2026-01-19 &&
	cat >ents/sam-with-alex/2026-01-26.md <<-\EOF &&
	---
	date: 2026-01-26
	stage: negotiating
	attendance: held
	duration: 1h
	---
	# Goals agreed
	## Actions
	- [ ] Sam: call &#27;]52;c;cHduZWQ=&#7; Kim &#x9b;2J
	  today (due 2026-03-10)
	- [ ] Sam: read *the* &#27;[31mbook &#13; (due 2026-03-12)
	## Feedback
	- fine
	EOF
	printf -- "---\ndate: 2026-02-09\nstage: enabling\nattendance: held\nduration: 1h\n---\n# Met\n## Feedback\n- fine\n" \
		>ents/sam-with-alex/2026-02-09.md &&
	git -C ents add -A && git -C ents commit -qm "two sessions" &&
	cd ents &&
	run text actions --done call &&
	shows "^Marked done in sam-with-alex/2026-02-09.md: Sam: call ^\[\]52;c;cHduZWQ=^G Kim .x9b2J today" out &&
	grep -Fqx -e "- [x] Sam: call &#27;]52;c;cHduZWQ=&#7; Kim &#x9b;2J today (due 2026-03-10)" \
		sam-with-alex/2026-02-09.md &&
	clean sam-with-alex/2026-02-09.md &&
	git show HEAD:sam-with-alex/2026-02-09.md >committed &&
	clean committed &&
	write_editor writer "Words." &&
	EDITOR=$TRASH/writer run text note sam-with-alex --date 2026-02-23 --stage enabling &&
	shows "^Committed sam-with-alex/2026-02-23.md" out &&
	grep -Fqx -e "- [ ] Sam: read *the* &#27;[31mbook &#13; (due 2026-03-12)" \
		sam-with-alex/2026-02-23.md &&
	test_grep ! "Sam: call" sam-with-alex/2026-02-23.md &&
	clean sam-with-alex/2026-02-23.md &&
	run text actions &&
	shows "read the ^\[\[31mbook  " out &&
	# a CR alone ends a line for CommonMark: the box ticked is the one
	# on the line it numbered
	printf -- "---\ndate: 2026-02-24\nstage: enabling\nattendance: held\nduration: 1h\n---\n# Met\n## Actions\n- [ ] Kim: first${CR}part\n- [ ] Sam: ring Bo\n## Feedback\n- fine\n" \
		>sam-with-alex/2026-02-24.md &&
	git add sam-with-alex/2026-02-24.md && git commit -qm "a CR" &&
	run text actions --done "ring Bo" &&
	shows "^Marked done in sam-with-alex/2026-02-24.md: Sam: ring Bo" out &&
	grep -q "^- \[ \] Kim: first${CR}part$" sam-with-alex/2026-02-24.md &&
	grep -q "^- \[x\] Sam: ring Bo$" sam-with-alex/2026-02-24.md
'

test_expect_success 'on a terminal: the only controls are the colours mjournal composes' '
	cd "$J" &&
	for cmd in check status actions log; do
		echo "$cmd" >>"$TRASH/exercised" &&
		NO_COLOR= TERM=xterm MJOURNAL_PAGER=cat python3 - "$MJOURNAL" "$cmd" \
			>"$TRASH/screen" <<-\PY || return 1
		import os, pty, sys
		pid, fd = pty.fork()
		if pid == 0:
		    os.execv(sys.argv[1], sys.argv[1:])
		out = b""
		while True:
		    try:
		        chunk = os.read(fd, 65536)
		    except OSError:
		        break
		    if not chunk:
		        break
		    out += chunk
		os.waitpid(pid, 0)
		sys.stdout.buffer.write(out)
		PY
		python3 - "$TRASH/screen" "$cmd" <<-\PY || return 1
		import re, sys
		data = open(sys.argv[1], "rb").read().replace(b"\r\n", b"\n")
		colours = rb"\x1b\[(?:0|1;31|1;33|1;36|31|33|2)m"
		assert re.search(colours, data) or sys.argv[2] == "log", data[:400]
		rest = re.sub(colours, b"", data)
		bad = re.search(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]", rest)
		assert not bad, rest[max(0, bad.start() - 60):bad.end() + 20]
		assert b"^[[31m" in rest, rest[:400]
		PY
	done
'

test_expect_success 'every command in the table was run here' '
	mj help >help &&
	sed -n "/^commands:/,/^$/s/^    \([a-z_][a-z_]*\) .*/\1/p" help >listed &&
	test_line_count -ge 20 listed &&
	grep -o "&mj_cmd_[a-z_]*" "$PROJECT_DIR/src/main.c" | sed "s/&mj_cmd_//" >table &&
	test_line_count -ge 20 table &&
	sed "s/^_*//" "$TRASH/exercised" | sort -u >ran &&
	cat listed table | sort -u >all &&
	comm -23 all ran >missed &&
	: >none &&
	test_cmp none missed
'

test_done
