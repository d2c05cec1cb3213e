#!/bin/sh
# programme: figures a manager can trust.  Every relationship folder is a
# row (one without an agreement too); a journal given twice (the same
# folder spelt two ways, one repository by file:// and by git://, a
# folder and its own git) is counted once; the median is the
# statisticians' one; a source that cannot be read is named and the
# rest reported; a remote out of reach is read from its cached copy,
# with the day it was fetched, in every format.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/lib-http.sh"
export MJOURNAL_TODAY=2026-11-23
export XDG_CACHE_HOME="$TRASH/cache"
trap 'stop_daemon; cd / && rm -rf "$TRASH"' EXIT
mkdir -p "$TRASH/srv"
start_daemon || echo "# git daemon did not start"

# held DIR DATE [STAGE]: a held session of an hour in the relationship
# folder DIR
held() {
	printf -- "---\ndate: %s\nstage: %s\nattendance: held\nduration: 1h\n---\n## Feedback\n- fine\n" \
		"$2" "${3:-enabling}" >"$1/$2.md"
}

test_expect_success 'setup: a journal in git, on a bare hub and served by git daemon' '
	mj init p1 --name "First cohort" >/dev/null &&
	(cd p1 && mj new ana-with-bo --mentor "Bo Lind <bo@example.org>" \
		--mentee "Ana Ruiz <ana@example.org>" --started 2026-09-01 >/dev/null &&
	 sign_agreement ana-with-bo 2026-09-01 "Grow" &&
	 held ana-with-bo 2026-09-01 negotiating && held ana-with-bo 2026-09-15 &&
	 held ana-with-bo 2026-10-13 && mj commit >/dev/null) &&
	git clone -q --bare p1 "$TRASH/srv/p1.git" &&
	git -C "$TRASH/srv/p1.git" config daemon.export true
'

test_expect_success 'the median of gaps 14 and 28 is 21, not the lower middle' '
	mj programme p1 --format json >m.json &&
	test_grep "\"median_days_between_sessions\": 21,$" m.json &&
	mj programme p1 >m.txt &&
	test_grep "median days between sessions: 21$" m.txt &&
	held p1/ana-with-bo 2026-10-20 &&
	mj programme p1 --format json >m.json &&
	test_grep "\"median_days_between_sessions\": 14,$" m.json &&
	held p1/ana-with-bo 2026-10-23 &&
	mj programme p1 >m.txt &&
	test_grep "median days between sessions: 10.5$" m.txt &&
	rm p1/ana-with-bo/2026-10-20.md p1/ana-with-bo/2026-10-23.md
'

test_expect_success 'a folder without agreement.ini is a row, with its errors' '
	mkdir p1/cy-with-di && held p1/cy-with-di 2026-10-01 &&
	mj programme p1 >t.txt &&
	test_grep "^Programme of 1 journal, 2026-11-23: 2 relationships$" t.txt &&
	test_grep "^First cohort  *cy-with-di .* none .*[1-9]E no-agreement$" t.txt &&
	mj programme p1 --format json >t.json &&
	test_grep "\"no_agreement\": true" t.json &&
	test_grep "\"none\": 1" t.json &&
	mj programme p1 --format csv >t.csv &&
	test_grep "^First cohort,cy-with-di,,,.*,none,,,,1,0,1,2026-10-01" t.csv &&
	{ mj -C p1 status >s.txt 2>&1 || :; } && test_grep cy-with-di s.txt &&
	rm -r p1/cy-with-di
'

test_expect_success 'one journal given twice is counted once, and named' '
	mj programme p1 p1/ "$TRASH/p1" >t.txt 2>err &&
	test_grep "^Programme of 1 journal, 2026-11-23: 1 relationship$" t.txt &&
	test $(grep -c "ana-with-bo" t.txt) = 1 &&
	test_grep "'"'"'p1/'"'"' is the journal of '"'"'p1'"'"' again: counted once" err &&
	mj programme p1 "file://$TRASH/srv/p1.git" "git://127.0.0.1:$DAEMON_PORT/p1.git" \
		--format json >t.json 2>err &&
	test $(grep -c "\"slug\": \"ana-with-bo\"" t.json) = 1 &&
	test_grep "\"same_as\": \"p1\"" t.json &&
	test $(grep -c "counted once" err) = 2 &&
	mj programme "git://127.0.0.1:$DAEMON_PORT/p1.git/" "git://127.0.0.1:$DAEMON_PORT/p1" \
		--format csv >t.csv 2>err &&
	test $(grep -c "^First cohort,ana-with-bo," t.csv) = 1
'

test_expect_success 'a source that cannot be read is named; the rest is reported, exit 1' '
	cp -R p1 p2 && sed -i "s/^name = .*/name = Second cohort/" p2/mjournal.ini &&
	git -C p2 commit -q -am second &&
	test_expect_code 1 mj programme p1 "git://127.0.0.1:$DAEMON_PORT/nope.git" p2 >t.txt 2>err &&
	test_grep "^Programme of 2 journals" t.txt &&
	test_grep "^First cohort  *ana-with-bo" t.txt &&
	test_grep "^Second cohort  *ana-with-bo" t.txt &&
	test_grep "^Not read: .*git://127.0.0.1:$DAEMON_PORT/nope.git" t.txt &&
	test_grep "^mjournal: .*git://127.0.0.1:$DAEMON_PORT/nope.git" err &&
	test_expect_code 1 mj programme p1 nowhere --format json >t.json 2>err &&
	test_grep "\"error\": \"'"'"'nowhere'"'"' is not a journal folder or a git remote\"" t.json &&
	test_expect_code 2 mj programme nowhere 2>err >t.txt &&
	test ! -s t.txt
'

test_expect_success 'text at 80 columns: the journal kept when slugs repeat, a legend, mentors as numbers sort' '
	COLUMNS=80 mj programme p1 p2 >w.txt 2>/dev/null &&
	test_grep "^JOURNAL  *RELATIONSHIP " w.txt &&
	test_grep "^First cohort  *ana-with-bo " w.txt &&
	test_grep "^Second cohort  *ana-with-bo " w.txt &&
	! awk "length > 80" w.txt | grep . &&
	test_grep "^MET sessions held/missed; HOURS of held sessions" w.txt &&
	COLUMNS=80 mj programme p1 >w.txt &&
	test_grep ! "^JOURNAL" w.txt &&
	mj init p3 --name "Third cohort" >/dev/null &&
	(cd p3 && for m in 10 2 100 1; do
		mj new pair-$m --mentor "Mentor $m <m$m@example.org>" \
			--mentee "Mentee $m <e$m@example.org>" --started 2026-09-01 >/dev/null || exit 1
	done) &&
	mj programme p3 >m.txt &&
	sed -n "/^Hours per mentor$/,\$p" m.txt >mentors &&
	printf "Hours per mentor\nMENTOR      HOURS\nMentor 1        0\nMentor 2        0\nMentor 10       0\nMentor 100      0\n" >expect &&
	test_cmp expect mentors
'

test_expect_success 'a remote out of reach: its cached copy, with the day it was fetched, in every format' '
	git clone -q --bare p1 hub.git &&
	mj programme "file://$TRASH/hub.git" >before.txt &&
	mv hub.git hub-away.git &&
	fetched=$(date +%Y-%m-%d) &&
	mj programme "file://$TRASH/hub.git" >t.txt 2>err &&
	test_grep "^First cohort  *ana-with-bo .*from-copy$" t.txt &&
	test_grep "^From its copy fetched $fetched, as it cannot be reached: file://$TRASH/hub.git$" t.txt &&
	test_grep "cannot reach .file://$TRASH/hub.git." err &&
	mj programme "file://$TRASH/hub.git" --format json >t.json 2>/dev/null &&
	test_grep "\"fetched\": \"$fetched\"" t.json &&
	mj programme "file://$TRASH/hub.git" --format csv >t.csv 2>/dev/null &&
	test_grep "^First cohort,ana-with-bo,.*,$fetched" t.csv &&
	mj programme "file://$TRASH/hub.git" -o site >/dev/null 2>&1 &&
	test_grep "cannot be reached; shown as its copy fetched on $fetched" site/index.html &&
	test_expect_code 2 mj programme "file://$TRASH/never.git" 2>err &&
	mv hub-away.git hub.git &&
	mj programme "file://$TRASH/hub.git" >t.txt 2>err &&
	test_grep ! "From its copy" t.txt && test ! -s err
'

test_expect_success 'the site: sessions per month on one scale with its scale drawn; stage bands with edges' '
	cp -R "$SAMPLE_DIR" sp && mj programme sp -o spsite >/dev/null 2>&1 &&
	python3 - spsite/index.html <<-\EOF &&
	import re, sys
	html = open(sys.argv[1]).read()
	start = html.index("id=\"months-d\"")
	chart = html[start:html.index("</svg>", start)]
	per = []
	for cls, h, n in re.findall(r"<rect class=\"(held|moved)\" [^>]*height=\"([0-9.]+)\"><title>[^:]*: (\d+)", chart):
	    if int(n):
	        per.append(float(h) / int(n))
	assert per and max(per) - min(per) <= 0.1, "more than one scale: %s" % per
	assert ">2 missed</text>" in chart and ">7 held</text>" in chart and ">0</text>" in chart, chart
	EOF
	test_grep "@media (forced-colors: active)" spsite/style.css &&
	(cd sp && mj report -o ../rsite >/dev/null 2>&1) &&
	page=$(grep -l "band-negotiating" rsite/*.html | head -n 1) && test -n "$page" &&
	bands=$(grep -o "<rect class=\"band-[a-z-]*\"" "$page" | wc -l) &&
	edges=$(grep -o "<line class=\"band-edge\"" "$page" | wc -l) &&
	test "$bands" -gt 1 && test "$edges" -gt 0
'

test_expect_success 'a programme of 1,000 relationships: the table first, row ids, the terms summed up by month, short names' '
	mj init big --name "Large cohort" >/dev/null &&
	i=0 && while [ $i -lt 1000 ]; do
		d=big/pair-$i-with-someone-who-has-a-very-long-name-indeed &&
		mkdir $d &&
		printf "[relationship]\nmentor = Mentor %d <m%d@example.org>\nmentee = Mentee %d <e%d@example.org>\ntype = one-to-one\nstarted = 2026-0%d-01\nends = 2027-0%d-01\ncadence = 14d\nstatus = active\n[goals]\ngoal = Grow\n" \
			$((i % 300)) $((i % 300)) $i $i $((i % 9 + 1)) $((i % 9 + 1)) >$d/agreement.ini &&
		printf -- "---\ndate: 2026-10-0%d\nstage: negotiating\nattendance: held\nduration: 1h\n---\n## Goals\n- Grow\n" $((i % 9 + 1)) >$d/2026-10-01.md || return 1
		i=$((i + 1))
	done &&
	mj programme big -o bigsite >/dev/null 2>&1 &&
	python3 - bigsite/index.html <<-\EOF &&
	import re, sys
	html = open(sys.argv[1]).read()
	assert html.index("<table class=\"relationships\"") < html.index("<svg"), "a chart before the table"
	ids = re.findall(r"<tr id=\"([^\"]+)\"", html)
	assert len(ids) == 1000 and len(set(ids)) == 1000, "row ids: %d, %d distinct" % (len(ids), len(set(ids)))
	assert "href=\"#letter-p\"" in html and "id=\"letter-p\"" in html
	assert "<title id=\"terms-t\">How many terms end each month</title>" in html
	desc = re.search(r"<desc id=\"terms-d\">([^<]*)</desc>", html).group(1)
	assert len(desc) < 400 and desc.startswith("1000 relationships"), desc
	assert "aria-labelledby=\"terms-t\" aria-describedby=\"terms-d\"" in html
	assert re.search(r"<details>\s*<summary>300 mentors", html), "hours per mentor not collapsed"
	assert "very-long-name-indeed</text>" not in html
	EOF
	CHROMIUM=$(command -v chromium || command -v chromium-browser || true) &&
	if [ -n "$CHROMIUM" ] && [ -d "$PROJECT_DIR/build/node/node_modules/axe-core" ]; then
		{ BROWSER_QUICK=1 node "$PROJECT_DIR/tests/browser/report.cjs" \
			"$PROJECT_DIR/build/node/node_modules" \
			"$TRASH/bigsite" "$CHROMIUM" index.html >browser.out 2>&1 ||
		  { cat browser.out; false; }; }
	fi
'

test_done
