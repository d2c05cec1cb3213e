#!/bin/sh
# Fail closed on the way out: whatever a journal, a remote or a spreadsheet
# cell holds is neutralised at the one place each kind of output passes.
# A CSV cell a spreadsheet would evaluate gets a leading ', the calendar
# feed holds no control byte, a URL is shown without its user name and
# password, and a terminal sees control characters only made visible.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/lib-http.sh"
export MJOURNAL_TODAY=2026-03-01
export XDG_CACHE_HOME="$TRASH/cache"
trap 'stop_daemon; stop_http; kill_terminals; cd / && rm -rf "$TRASH"' EXIT
# a git server, and https with a private authority, for remotes with a
# password in their URL
mkdir -p "$TRASH/srv"
start_daemon || echo "# git daemon did not start"
start_http || echo "# the https server did not start"

ESC=$(printf '\033') BEL=$(printf '\007') C1=$(printf '\302\233')
OSC52="${ESC}]52;c;cHduZWQ=${BEL}"
# every kind at once: erase the screen, ring, write the clipboard, C1 CSI
PAYLOAD="${ESC}[2J${BEL}${OSC52}${C1}31m"
SECRET_URL="https://user:s3cret@127.0.0.1:1/x.git"

# no_raw_bytes FILE...: not one raw ESC, BEL or C1 control (U+0080 to
# U+009F, as UTF-8) in the files; the bytes around the first one otherwise
no_raw_bytes() {
	for _f in "$@"; do
		od -An -v -tx1 "$_f" | tr -s " \n" "\n\n" | sed "/^$/d" >"$_f.hex" ||
			return 1
		if grep -qx -e 1b -e 07 "$_f.hex" ||
		   grep -A1 -x c2 "$_f.hex" | grep -qx "[89][0-9a-f]"; then
			echo "a raw control byte reached $_f:" >&2
			od -c "$_f" | grep -m3 -e "033" -e "007" -e "302" >&2
			return 1
		fi
	done
}

# cells FILE: the CSV FILE's rows as Python reads them, one repr a line
cells() {
	python3 -c '
import csv, sys
for row in csv.reader(open(sys.argv[1], newline="")):
    print(repr(row))' "$1"
}

test_expect_success 'setup: a journal whose files hold terminal controls' '
	make_journal &&
	sign_agreement journal/sam-with-alex 2026-01-19 &&
	git config -f journal/sam-with-alex/agreement.ini relationship.mentor \
		"Eve${PAYLOAD} Doe <eve@example.org>" &&
	git config -f journal/mjournal.ini journal.name "The ${PAYLOAD} programme" &&
	cat >"journal/sam-with-alex/2026-01-26.md" <<-EOF &&
	---
	date: 2026-01-26
	stage: negotiating
	attendance: held
	duration: 1h
	---
	# evil ${PAYLOAD} title
	## Actions
	- [ ] Sam: send ${PAYLOAD} the plan (due 2026-03-09)
	- [ ] Sam: call &#27;]52;c;cHduZWQ=&#7; Kim (due 2026-03-10)
	- [ ] Sam: ring ${OSC52} Lee
	## Feedback
	- fine
	EOF
	git -C journal add -A &&
	git -C journal commit -qm "hostile text" &&
	mj init other >/dev/null &&
	(cd other && mj new kim-with-lee --mentor "Lee Park <lee@example.org>" \
		--mentee "Kim Ode <kim@example.org>" --started 2026-01-12 >/dev/null) &&
	git config -f other/kim-with-lee/agreement.ini relationship.ends \
		"2026-07-12${PAYLOAD}" &&
	git -C other commit -qam "hostile end of term"
'

test_expect_success 'every reading command: not one raw control byte on stdout or stderr' '
	for cmd in "status" "log" "actions" "agenda" "agenda --format ics" \
		"hours" "hours --format csv" "check" "summary sam-with-alex" \
		"programme ." "programme . --format csv"; do
		test_expect_code_in "0 1" mj -C journal $cmd >out 2>err &&
		no_raw_bytes out err || { echo "in: mjournal $cmd"; return 1; }
	done &&
	mj -C journal log >out &&
	test_grep "evil ^\[\[2J^G^\[\]52;c;cHduZWQ=^G\\\\x9b31m title" out
'

test_expect_success 'actions --done and --drop: the action shown, never sent, in the commit too' '
	test_expect_code 2 mj -C journal actions --done "Sam" >out 2>err &&
	test_grep "names 3 open actions" err &&
	test_grep "send ^\[\[2J^G^\[\]52;c;cHduZWQ=^G\\\\x9b31m the plan" err &&
	mj -C journal actions --done "call" >out 2>err &&
	test_grep "^Marked done in sam-with-alex/2026-01-26.md: Sam: call ^\[\]52;c;cHduZWQ=^G Kim" out &&
	git -C journal log -1 --format=%B >message &&
	test_grep "action done: call ^\[\]52;c;cHduZWQ=^G Kim" message &&
	mj -C journal actions --drop "ring" >>out 2>>err &&
	test_grep "^Marked dropped in .*: Sam: ring ^\[\]52" out &&
	git -C journal log -1 --format=%B >>message &&
	no_raw_bytes out err message
'

test_expect_success 'programme: the names in its figures shown, never sent' '
	mj programme journal >out 2>err &&
	test_grep "^Eve^\[\[2J^G^\[\]52;c;cHduZWQ=^G\\\\x9b31m Doe  *1$" out &&
	no_raw_bytes out err
'

test_expect_success 'import: errors and --dry-run quote the cells shown, never sent' '
	cat >bad.csv <<-EOF &&
	slug,mentor,mentee,started
	bad${ESC}[2J,Lee <lee@example.org>,Kim <kim@example.org>,2026-01-12
	kim-with-lee,Lee${BEL} <lee@example.org>,Kim <kim@example.org>,2026-01-12
	ana-with-bo,Bo <bo@example.org>,Ana <ana@example.org>,2026-13-01${OSC52}
	EOF
	test_must_fail mj -C journal import "$TRASH/bad.csv" >out 2>err &&
	test_grep "bad.csv:2: error: .bad^\[\[2J. is not a valid relationship name" err &&
	test_grep "bad.csv:3: error: .mentor. may not hold .*: .Lee^G <lee@example.org>." err &&
	test_grep "bad.csv:4: error: .started. is not a real date .*2026-13-01^\[\]52;c;cHduZWQ=^G" err &&
	printf "slug,mentor,mentee\nkim-with-lee,Lee${C1}2J <lee@example.org>,Kim <kim@example.org>\n" >good.csv &&
	mj -C journal import "$TRASH/good.csv" --dry-run >>out 2>>err &&
	test_grep "^would start kim-with-lee: Lee\\\\x9b2J <lee@example.org> with Kim" out &&
	no_raw_bytes out err
'

test_expect_success 'extend, completion and hints: journal text shown, or left out' '
	mj -C other extend kim-with-lee --ends 2026-09-30 >out 2>err &&
	test_grep "(was 2026-07-12^\[\[2J^G^\[\]52;c;cHduZWQ=^G\\\\x9b31m)$" out &&
	(cd journal && mj __complete -- actions --owner "" >../complete) &&
	test_grep "^:words$" complete &&
	test_grep "^Sam Roe$" complete &&
	test_grep ! "^Eve" complete &&
	mj init "hooked${OSC52}" >/dev/null &&
	printf "#!/bin/sh\nexit 0\n" >"hooked${OSC52}/.git/hooks/pre-commit" &&
	test_must_fail mj -C "hooked${OSC52}" hook install >>out 2>>err &&
	test_grep "^hint: add the line .mjournal -C .*hooked^\[\]52;c;cHduZWQ=^G check --staged" err &&
	no_raw_bytes out err complete
'

test_expect_success 'errors: remote paths and what libgit2 says of them, shown, never sent' '
	test_must_fail mj programme "file://$TRASH/gone${PAYLOAD}.git" >out 2>err &&
	test_grep "^mjournal: cannot fetch from .file://.*/gone^\[\[2J^G^\[\]52;c;cHduZWQ=^G\\\\x9b31m.git" err &&
	git -C journal remote add origin "file://$TRASH/gone${OSC52}.git" &&
	test_must_fail mj -C journal pull >>out 2>>err &&
	test_grep "^mjournal: cannot fetch from .origin.: .*gone^\[\]52;c;cHduZWQ=^G.git" err &&
	no_raw_bytes out err
'

test_expect_success 'agenda --format ics: no control byte in the feed' '
	mj -C journal agenda --format ics >feed.ics &&
	no_raw_bytes feed.ics &&
	python3 - <<-\PY
	import re
	data = open("feed.ics", "rb").read().replace(b"\r\n ", b"")
	bad = re.search(rb"[\x00-\x08\x0a-\x1f\x7f]|\xc2[\x80-\x9f]", data.replace(b"\r\n", b""))
	assert not bad, data[max(0, bad.start() - 40):bad.end() + 20]
	lines = data.decode().split("\r\n")
	assert "X-WR-CALNAME:The [2J]52;c;cHduZWQ=31m programme" in lines, lines
	assert "SUMMARY:sam-with-alex: Sam: send [2J]52\\;c\\;cHduZWQ=31m the plan" in lines, lines
	PY
'

test_expect_success 'setup: a journal whose cells a spreadsheet would evaluate' '
	mj init sheet --name "$(printf "=cmd|\047 /C calc\047!A0")" >/dev/null &&
	for who in a-eq b-plus c-minus d-at e-tab; do
		(cd sheet && mj new $who --mentor "Alex Doe <alex@example.org>" \
			--mentee "Sam Roe <sam@example.org>" --started 2026-01-12 \
			--ends 2026-07-12 >/dev/null) || return 1
	done &&
	git config -f sheet/a-eq/agreement.ini relationship.mentor \
		"=HYPERLINK(\"http://x\",\"y\")" &&
	sed -i "s/^mentor = .*/mentor = +1 Plus <p@x>/" sheet/b-plus/agreement.ini &&
	sed -i -e "s/^mentor = .*/mentor = -1 Minus <m@x>/" \
		-e "s/^mentee = .*/mentee = @SUM(A1) <s@x>/" sheet/c-minus/agreement.ini &&
	sed -i "s/^mentor = .*/mentor = @SUM(1+1)*cmd <a@x>/" sheet/d-at/agreement.ini &&
	sed -i "s/^mentor = .*/mentor = \"\tTab <t@x>\"/" sheet/e-tab/agreement.ini &&
	printf -- "---\ndate: 2026-01-26\nstage: negotiating\nattendance: held\nduration: 1h30m\n---\n# met\n" \
		>sheet/b-plus/2026-01-26.md &&
	git -C sheet add -A && git -C sheet commit -qm "cells"
'

test_expect_success 'programme --format csv: formulas get a leading quote, figures stay figures' '
	mj programme sheet --format csv >prog.csv &&
	python3 - <<-\PY
	import csv
	data = open("prog.csv", "rb").read()
	rows = list(csv.DictReader(open("prog.csv", newline="")))
	by = {r["slug"]: r for r in rows}
	q = "\x27"
	want = {"a-eq": q + "=HYPERLINK(\"http://x\",\"y\")", "b-plus": q + "+1 Plus",
	        "c-minus": q + "-1 Minus", "d-at": q + "@SUM(1+1)*cmd", "e-tab": q + "^ITab"}
	for slug, mentor in want.items():
	    assert by[slug]["mentor"] == mentor, (slug, by[slug]["mentor"])
	    assert by[slug]["journal"] == q + "=cmd|" + q + " /C calc" + q + "!A0", by[slug]
	assert by["c-minus"]["mentees"] == q + "@SUM(A1)", by["c-minus"]
	# not one cell a spreadsheet would evaluate, and each one quoted
	for r in rows:
	    for cell in r.values():
	        assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), cell
	assert b",\"\x27+1 Plus\"," in data and b",\"\x27=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"," in data
	# what mjournal worked out, as it wrote it
	b = by["b-plus"]
	assert (b["held"], b["missed"], b["hours"]) == ("1", "0", "1.5"), b
	assert (b["started"], b["ends"], b["closed"], b["last_held"]) == \
	       ("2026-01-12", "2026-07-12", "", "2026-01-26"), b
	assert b["overdue"] in ("true", "false"), b
	assert b",1,0,1.5,2026-01-26," in data
	PY
'

test_expect_success 'hours --format csv: the same writer (RFC 4180 line ends), figures as they are' '
	mj -C sheet hours --format csv >hours.csv &&
	python3 - <<-\PY
	import csv
	data = open("hours.csv", "rb").read()
	rows = list(csv.reader(open("hours.csv", newline="")))
	assert data.count(b"\r\n") == data.count(b"\n") == len(rows) == 3, data
	assert rows[0] == ["relationship", "type", "sessions", "mentees", "hours"], rows
	assert rows[1] == ["b-plus", "one-to-one", "1", "1", "1.5"], rows
	assert rows[2] == ["total", "", "1", "1", "1.5"], rows
	for r in rows:
	    for cell in r:
	        assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), cell
	PY
'

test_expect_success 'a URL password is never shown: errors, hints, programme in any format' '
	for format in text json csv; do
		test_must_fail mj programme "$SECRET_URL" --format $format >out 2>err &&
		test_grep "^mjournal: cannot fetch from .https://127.0.0.1:1/x.git.: " err &&
		test_grep ! s3cret out err || return 1
	done &&
	test_must_fail mj programme "file://user:s3cret@localhost$TRASH/nowhere.git" >out 2>err &&
	test_grep "failed to resolve path .file://localhost$TRASH/nowhere.git." err &&
	test_must_fail mj -C sheet push "$SECRET_URL" >>out 2>>err &&
	test_grep "^mjournal: no remote .https://127.0.0.1:1/x.git.; see git remote -v" err &&
	git -C sheet remote add origin "$SECRET_URL" &&
	test_must_fail mj -C sheet sync >>out 2>>err &&
	test_grep "^mjournal: cannot fetch from .origin.: failed to connect" err &&
	test_grep ! s3cret out err
'

test_expect_success 'setup: the journal on the git and https servers' '
	git clone -q --bare sheet srv/sheet.git &&
	git clone -q --bare sheet srv/https.git
'

test_expect_success 'programme reads a remote with a password: the URL shown without it' '
	url="git://user:s3cret@127.0.0.1:$DAEMON_PORT/sheet.git" &&
	mj programme "$url" --format json >prog.json 2>err &&
	test_grep "\"source\": \"git://127.0.0.1:$DAEMON_PORT/sheet.git\"" prog.json &&
	mj programme "$url" --format csv >prog.csv 2>>err &&
	mj programme "$url" -o site >prog.txt 2>>err &&
	test_grep "^Programme of 1 journal" prog.txt &&
	test_grep ! s3cret prog.json prog.csv prog.txt err site/*
'

test_expect_success 'https: certificate and credential messages name the URL without the password' '
	url="https://user:s3cret@127.0.0.1:$HTTPS_PORT/https.git" &&
	test_must_fail mj programme "$url" >out 2>err &&
	test_grep "certificate of 127.0.0.1 is not trusted.*(or http.https://127.0.0.1:$HTTPS_PORT/https.git.sslCAInfo)" err &&
	git config --global http.sslCAInfo "$TRASH/tls/ca.pem" &&
	test_must_fail mj programme "$url" >>out 2>>err &&
	test_grep "authentication failed for https://127.0.0.1:$HTTPS_PORT/https.git; the password is forgotten" err &&
	test_grep ! s3cret out err
'

test_done
