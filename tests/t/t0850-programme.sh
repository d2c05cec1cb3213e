#!/bin/sh
# programme: figures across journals, folders and remotes (a bare
# repository through file://, another over https), the same as status and
# hours give for each journal, and not one word of any note.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/lib-http.sh"
export MJOURNAL_TODAY=2026-11-23
export XDG_CACHE_HOME="$TRASH/cache"
trap 'stop_http; cd / && rm -rf "$TRASH"' EXIT
start_http || echo "# the https server did not start"

# plant PREFIX FILE: a word no output may show, in every kind of text
PLANTED="PLANTBODY PLANTTITLE PLANTGOAL PLANTFEEDBACK PLANTLEARNING PLANTOUTCOME PLANTACTION PLANTNEXT PLANTTERMS PLANTPRIVATE PLANTHIDDEN PLANTREASON"

test_expect_success 'setup: three journals with words planted in every kind of text' '
	cp -R "$SAMPLE_DIR" one &&
	# a title, the body, each section and an action of a held session
	cat >>one/sam-with-alex/2026-11-09.md <<-\EOF &&

	PLANTBODY words of the session.

	## Outcomes
	PLANTOUTCOME reached.
	EOF
	sed -i -e "s/^# .*/# PLANTTITLE session/" \
	       -e "/^## Actions/a - [ ] Sam: PLANTACTION the thing (due 2026-12-01)" \
	       -e "/^## Feedback/a - To the mentor: PLANTFEEDBACK." \
	       -e "/^## Learning/a PLANTLEARNING." one/sam-with-alex/2026-11-09.md &&
	printf "\n## Next\nPLANTNEXT\n" >>one/jo-with-maria/2026-11-02.md &&
	sed -i -e "/^\[goals\]/a goal = PLANTGOAL" \
	       -e "s/^confidentiality = .*/confidentiality = PLANTTERMS/" one/sam-with-alex/agreement.ini &&
	printf -- "---\ndate: 2026-11-20\nstage: enabling\nattendance: held\nduration: 1h\n---\n# PLANTPRIVATE\n## Feedback\n- PLANTPRIVATE\n" >one/sam-with-alex/2026-11-20.private.md &&
	printf -- "---\ndate: 2026-11-21\nstage: enabling\nattendance: held\nduration: 1h\nprivate: true\ntitle: PLANTHIDDEN\n---\n## Feedback\n- PLANTHIDDEN\n" >one/jo-with-maria/2026-11-21-aside.md &&
	git -C one init -q && git -C one add -A && git -C one commit -q -m one &&
	mj init two --name "Second cohort" >/dev/null &&
	(cd two && mj new kim-with-lee --mentor "Lee Park <lee@example.org>" \
		--mentee "Kim Ode <kim@example.org>" --started 2026-09-01 >/dev/null &&
	 sign_agreement kim-with-lee 2026-09-08 "PLANTGOAL" &&
	 printf -- "---\ndate: 2026-09-08\nstage: negotiating\nattendance: held\nduration: 45m\n---\n# PLANTTITLE\n## Goals\nPLANTGOAL\n" >kim-with-lee/2026-09-08.md &&
	 printf -- "---\ndate: 2026-09-22\nstage: enabling\nattendance: held\nduration: 1h30m\n---\n## Feedback\n- PLANTFEEDBACK\n## Actions\n- [x] Kim: PLANTACTION\n" >kim-with-lee/2026-09-22.md &&
	 printf -- "---\ndate: 2026-10-06\nstage: enabling\nattendance: no-show\n---\nPLANTBODY\n" >kim-with-lee/2026-10-06.md &&
	 mj commit >/dev/null &&
	 mj close kim-with-lee --early --reason "PLANTREASON" >/dev/null) &&
	git clone -q --bare two two.git &&
	make_served_repo three.git &&
	cp -R "$SAMPLE_DIR" three && rm -rf three/data-circle three/tom-with-alex &&
	sed -i "s/^name = .*/name = Third cohort/" three/mjournal.ini &&
	git -C three init -q && git -C three add -A && git -C three commit -q -m three &&
	git config --global http.sslCAInfo "$TRASH/tls/ca.pem" &&
	printf "https://sam:secret@127.0.0.1:%s\n" $HTTPS_PORT >"$TRASH/creds" &&
	git config --global credential.helper "store --file=$TRASH/creds" &&
	git -C three push -q "https://127.0.0.1:$HTTPS_PORT/three.git" HEAD:main &&
	git -C one status --porcelain >before && test ! -s before
'

SOURCES="one file://$TRASH/two.git https://127.0.0.1:\$HTTPS_PORT/three.git"

test_expect_success 'a folder and two remotes: the figures status and hours give' '
	eval mj programme $SOURCES --format json >prog.json &&
	mj -C one status --all --format json >one.json &&
	mj -C two status --all --format json >two.json &&
	mj -C three status --all --format json >three.json &&
	mj -C one hours --format json >one-hours.json &&
	mj -C two hours --format json >two-hours.json &&
	mj -C three hours --format json >three-hours.json &&
	python3 - <<-\PY
	import json
	prog = json.load(open("prog.json"))
	assert [s["journal"] for s in prog["sources"]] == [
	    "Northwind data team mentoring 2026", "Second cohort", "Third cohort"], prog["sources"]
	rows = {(r["journal"], r["slug"]): r for r in prog["relationships"]}
	total = 0.0
	for name, status, hours in (("Northwind data team mentoring 2026", "one.json", "one-hours.json"),
	                            ("Second cohort", "two.json", "two-hours.json"),
	                            ("Third cohort", "three.json", "three-hours.json")):
	    st = json.load(open(status))
	    hrs = {r["slug"]: r for r in json.load(open(hours))["relationships"]}
	    for s in st["relationships"]:
	        r = rows[(name, s["slug"])]
	        # the private notes of "one" are never read: they hold one held
	        # hour each, which status counts as their owners own
	        private = 1 if s["slug"] in ("sam-with-alex", "jo-with-maria") and name.startswith("North") else 0
	        assert r["held"] == s["held"] - private, (r, s)
	        assert r["missed"] == s["missed"], (r, s)
	        assert abs(r["hours"] - (s["hours"] - private)) < 0.01, (r, s)
	        in_hours = hrs[s["slug"]]["hours"] if s["slug"] in hrs else 0
	        assert abs(r["hours"] - (in_hours - private)) < 0.01, (r, in_hours)
	        assert r["stage"] == s["stage"] and r["status"] == s["status"], (r, s)
	        assert r["open_actions"] == s["open_actions"] or s["slug"] == "sam-with-alex", (r, s)
	        assert r["ends"] == s["ends"], (r, s)
	        if not private:
	            assert r["next_due"] == (s["next_due"] if s["status"] == "active" else None), (r, s)
	        total += r["hours"]
	    assert sum(1 for k in rows if k[0] == name) == len(st["relationships"])
	f = prog["figures"]
	assert abs(f["hours"] - total) < 0.01, (f["hours"], total)
	assert f["relationships"] == len(rows)
	assert f["by_status"]["ended-early"] == 3, f["by_status"]
	assert f["share_ended_early"] == 0.75, f
	assert f["share_closed_complete"] == 1.0, f
	assert sum(m["held"] for m in f["months"]) == f["held"]
	kim = rows[("Second cohort", "kim-with-lee")]
	assert (kim["held"], kim["missed"], kim["hours"]) == (2, 1, 2.25), kim
	assert f["median_days_between_sessions"] > 0
	PY
'

# every file of a folder, with its size and time
listing() {
	find "$1" -path "$1/.git/objects" -prune -o -printf "%p %s %T@\n" | LC_ALL=C sort
}

test_expect_success 'text and CSV say the same; nothing is written into the sources' '
	listing one >before && listing two.git >>before &&
	eval mj programme $SOURCES >prog.txt &&
	test_grep "^Programme of 3 journals, 2026-11-23: 15 relationships$" prog.txt &&
	test_grep "^Second cohort  *kim-with-lee  *Lee Park / Kim Ode  *enabling  *ended-early  *2/1  *2.25 " prog.txt &&
	test_grep "ended early, of those ended: 3 of 4 (75%)" prog.txt &&
	eval mj programme $SOURCES --format csv >prog.csv &&
	python3 - <<-\PY &&
	import csv, json
	rows = list(csv.DictReader(open("prog.csv", newline="")))
	prog = json.load(open("prog.json"))["relationships"]
	assert len(rows) == len(prog) == 15
	for c, j in zip(rows, prog):
	    assert c["slug"] == j["slug"] and int(c["held"]) == j["held"], (c, j)
	    assert float(c["hours"]) == j["hours"] and c["mentees"] == "; ".join(j["mentees"])
	PY
	listing one >after && listing two.git >>after &&
	test_cmp before after &&
	for d in "$XDG_CACHE_HOME"/mjournal/programme/*.git; do
		test "$(git -C "$d" rev-parse --is-bare-repository)" = true || return 1
	done &&
	ls -d "$XDG_CACHE_HOME"/mjournal/programme/*.git >copies &&
	test_line_count = 2 copies
'

test_expect_success 'the programme site: its figures, its charts in words' '
	eval mj programme $SOURCES -o site >/dev/null 2>err &&
	test_grep "open site/index.html" err &&
	test -f site/index.html && test -f site/style.css &&
	test_grep "<li><strong>60.25</strong> hours of mentoring</li>" site/index.html &&
	test_grep "<title id=\"months-t\">Sessions per month</title>" site/index.html &&
	test_grep "<desc id=\"terms-d\">From .*kim-with-lee: ended-early from 2026-09-01 to" site/index.html &&
	test_grep "<th scope=\"row\">kim-with-lee</th><td data-label=\"Journal\">Second cohort</td>" site/index.html &&
	grep "<script" site/index.html >scripts &&
	test_grep "^<script>$" scripts && test_line_count = 1 scripts
'

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$CHROMIUM" ]; then
test_expect_success 'the programme site in Chromium: axe-core, phone, A4 print' '
	{ node "$PROJECT_DIR/tests/browser/report.cjs" "$PROJECT_DIR/build/node/node_modules" \
		"$TRASH/site" "$CHROMIUM" index.html >browser.out 2>&1 ||
	  { cat browser.out; false; }; } &&
	test_grep "^1 pages audited, 0 problems$" browser.out
'
else
test_skip 'the programme site in Chromium' 'chromium is not installed'
fi

test_expect_success 'not one planted word in any output' '
	eval mj programme $SOURCES --format csv >>prog.txt &&
	cat prog.json site/index.html >>prog.txt &&
	for w in $PLANTED; do
		grep -c "$w" one/*/* two/*/* three/*/* 2>/dev/null | grep -qv ":0$" ||
		{ echo "$w was never planted"; return 1; }
		test_grep ! "$w" prog.txt || return 1
	done
'

test_expect_success 'a source that is no journal, a remote that is not there' '
	mkdir empty &&
	test_expect_code 2 mj programme empty 2>err &&
	test_grep "not a journal folder or a git remote" err &&
	test_expect_code 2 mj programme "file://$TRASH/nowhere.git" 2>err &&
	test_grep "mjournal:" err
'

test_expect_success 'a folder whose git holds a private note: private-tracked, as from a remote' '
	mj init four --name "Fourth cohort" >/dev/null &&
	(cd four && mj new ana-with-bo --mentor "Bo Lind <bo@example.org>" \
		--mentee "Ana Ruiz <ana@example.org>" --started 2026-09-01 >/dev/null) &&
	printf -- "---\ndate: 2026-10-01\nstage: preparing\nattendance: held\nduration: 1h\n---\n# PLANTPRIVATE\n" \
		>four/ana-with-bo/2026-10-01.private.md &&
	git -C four add -f ana-with-bo/2026-10-01.private.md &&
	git -C four commit -q -m "a private note, forced in" &&
	listing four >before &&
	mj programme four --format json >four.json &&
	test_grep "\"private_tracked\": 1" four.json &&
	mj programme four >four.txt &&
	test_grep "^Fourth cohort  *ana-with-bo .*private-tracked" four.txt &&
	test_grep ! PLANTPRIVATE four.json four.txt &&
	listing four >after &&
	test_cmp before after &&
	git -C four rm -q --cached ana-with-bo/2026-10-01.private.md &&
	git -C four commit -q -m "out of git again" &&
	mj programme four --format json >four.json &&
	test_grep "\"private_tracked\": 0" four.json &&
	mj programme four >four.txt &&
	test_grep ! "^Fourth cohort  *ana-with-bo .*private-tracked" four.txt
'

test_done
