#!/bin/sh
# mjournal summary and report: cmark's renderers, safe HTML, private notes
# left out, and the report opened in a real browser.
. "$(dirname "$0")/lib.sh"
export MJOURNAL_TODAY=2026-11-23
GOLDEN=$PROJECT_DIR/tests/golden
ARTIFACTS=$PROJECT_DIR/tests/artifacts

# the HTML page holds the report stylesheet (t0620 checks it is the
# report's): its golden file holds the page without it
test_expect_success 'summary in each format matches its golden file' '
	for f in md html man latex xml; do
		mj -C "$SAMPLE_DIR" summary tom-with-alex --format $f >whole.$f &&
		sed "/^<style>$/,/^<\/style>$/d" whole.$f >out.$f &&
		test_cmp "$GOLDEN/summary-tom-with-alex.$f" out.$f || return 1
	done &&
	mj -C "$SAMPLE_DIR" summary lee-with-nina >out &&
	test_cmp "$GOLDEN/summary-lee-with-nina.md" out
'

test_expect_success 'the sample closed relationship carries the summary mjournal writes' '
	mj -C "$SAMPLE_DIR" summary tom-with-alex >out &&
	test_cmp "$SAMPLE_DIR/tom-with-alex/summary.md" out
'

test_expect_success 'summary -o writes a file; bad formats are usage errors' '
	mj -C "$SAMPLE_DIR" summary data-circle -o "$TRASH/dc.html" --format html &&
	test_grep "<h1>data-circle: summary</h1>" dc.html &&
	test_grep "Kim Lee, Wei Chen, Ana Costa" dc.html &&
	test_expect_code 2 mj -C "$SAMPLE_DIR" summary data-circle --format pdf 2>err &&
	test_expect_code 2 mj -C "$SAMPLE_DIR" summary nobody 2>err
'

test_expect_success 'setup: a journal with a hostile note and a private one' '
	cp -R "$SAMPLE_DIR" journal &&
	cat >journal/sam-with-alex/2026-11-16.md <<-\EOF &&
	---
	date: 2026-11-16
	stage: enabling
	attendance: held
	duration: 60m
	title: <script>alert("title")</script>
	---
	# <img src=x onerror=alert(1)> heading

	## Feedback
	- <script>alert("feedback")</script>
	- [a link](javascript:alert(1)) and <a href="javascript:alert(2)">raw</a>
	- <div onclick="alert(3)" onmouseover=alert(4)>raw block</div>
	- ![a pixel](http://mjournal-pixel.test/p.png?who=sam) and ![](http://mjournal-pixel.test/bare.png)

	<iframe src="https://example.org"></iframe>

	## Learning
	![img](javascript:alert(5)) <svg onload=alert(6)>
	EOF
	cat >journal/sam-with-alex/2026-11-16-doubts.private.md <<-\EOF
	---
	date: 2026-11-16
	stage: enabling
	---
	## Learning
	CONFIDENTIAL-DOUBT-42
	EOF
'

# Fails when an HTML file holds a script, an event attribute or a
# javascript: URL anywhere, as a browser would read it.
assert_safe_html() {
	python3 - "$@" <<-\EOF
	import sys
	from html.parser import HTMLParser
	class Check(HTMLParser):
	    def handle_starttag(self, tag, attrs):
	        assert tag not in ("script", "iframe", "object", "embed"), (tag, attrs)
	        for name, value in attrs:
	            assert not name.lower().startswith("on"), (tag, name)
	            assert "javascript:" not in (value or "").lower(), (tag, name, value)
	for path in sys.argv[1:]:
	    text = open(path, encoding="utf-8").read()
	    assert "<script" not in text.lower(), path
	    Check().feed(text)
	print("safe")
	EOF
}

test_expect_success 'nothing a note holds can run in a browser: summary' '
	mj -C journal summary sam-with-alex --format html >s.html &&
	test_grep "&lt;script&gt;" s.html &&
	assert_safe_html s.html &&
	test_no_grep "<img" s.html &&
	test_grep "<a href=\"http://mjournal-pixel.test/p.png?who=sam\">a pixel</a>" s.html &&
	test_grep "<a href=\"http://mjournal-pixel.test/bare.png\">http://mjournal-pixel.test/bare.png</a>" s.html
'

test_expect_success 'nothing a note holds can run in a browser: report' '
	mj -C journal report -o "$TRASH/site" >out &&
	test_grep "open $TRASH/site/index.html" out &&
	assert_safe_html site/*.html &&
	test_grep "&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;" site/sam-with-alex.html
'

test_expect_success 'private notes are left out of summaries and the report' '
	mj -C journal summary sam-with-alex >s.md &&
	test_no_grep CONFIDENTIAL s.md &&
	test_no_grep CONFIDENTIAL site/sam-with-alex.html &&
	mj -C journal summary sam-with-alex --include-private >s.md &&
	test_grep CONFIDENTIAL-DOUBT-42 s.md
'

test_expect_success 'the report: every relationship, a timeline each, no external assets' '
	for s in data-circle helen-with-ravi jo-with-maria lee-with-nina \
		omar-with-lena priya-with-dev sam-with-alex tom-with-alex; do
		test -f site/$s.html &&
		test_grep "href=\"$s.html\"" site/index.html &&
		test_grep "<svg class=\"timeline\"" site/$s.html || return 1
	done &&
	test -f site/style.css &&
	! grep -l -E "src=\"(https?:)?//" site/*.html &&
	! grep -l -E "<link [^>]*href=\"(https?:)?//" site/*.html &&
	! grep -l "<img" site/*.html &&
	test_grep "<a href=\"http://mjournal-pixel.test/p.png?who=sam\">a pixel</a>" site/sam-with-alex.html &&
	test_grep "<circle class=\"missed\"" site/lee-with-nina.html &&
	test_grep "<rect class=\"band-closing\"" site/tom-with-alex.html
'

test_expect_success 'by default the report goes where git never looks' '
	git -C journal init -q && git -C journal add -A && git -C journal commit -q -m j &&
	mj -C journal report >out &&
	test -f journal/.mjournal/report/index.html &&
	test -z "$(git -C journal status --porcelain)"
'

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$CHROMIUM" ]; then
browse() {
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking --disable-component-update \
		--disable-sync --user-data-dir="$TRASH/chromium" --hide-scrollbars "$@" 2>/dev/null
}

test_expect_success 'the report in a real browser: DOM, desktop and phone screenshots' '
	mkdir -p "$ARTIFACTS" &&
	browse --dump-dom "file://$TRASH/site/index.html" >index.dom &&
	python3 - <<-\EOF &&
	from html.parser import HTMLParser
	class Dom(HTMLParser):
	    rows, svgs, links = [], 0, set()
	    def handle_starttag(self, tag, attrs):
	        a = dict(attrs)
	        if tag == "tr" and "id" in a: self.rows.append(a["id"])
	        if tag == "svg" and a.get("class") == "spark": self.svgs += 1
	        if tag == "a": self.links.add(a.get("href"))
	d = Dom(); d.feed(open("index.dom").read())
	want = ["data-circle", "helen-with-ravi", "jo-with-maria", "lee-with-nina",
	        "omar-with-lena", "priya-with-dev", "sam-with-alex", "tom-with-alex"]
	assert d.rows == want, d.rows
	assert d.svgs == len(want), d.svgs
	assert all(s + ".html" in d.links for s in want)
	print("index ok")
	EOF
	browse --dump-dom "file://$TRASH/site/sam-with-alex.html" >sam.dom &&
	test_grep "<svg class=\"timeline\"" sam.dom &&
	test_grep "<circle class=\"held\"" sam.dom &&
	test_no_grep "<script" sam.dom &&
	browse --window-size=1280,900 --screenshot="$ARTIFACTS/report-index-desktop.png" \
		"file://$TRASH/site/index.html" &&
	browse --window-size=390,844 --screenshot="$ARTIFACTS/report-index-phone.png" \
		"file://$TRASH/site/index.html" &&
	browse --window-size=1280,900 --screenshot="$ARTIFACTS/report-relationship-desktop.png" \
		"file://$TRASH/site/sam-with-alex.html" &&
	browse --window-size=390,844 --screenshot="$ARTIFACTS/report-relationship-phone.png" \
		"file://$TRASH/site/sam-with-alex.html" &&
	for f in index-desktop index-phone relationship-desktop relationship-phone; do
		test -s "$ARTIFACTS/report-$f.png" &&
		head -c 8 "$ARTIFACTS/report-$f.png" | od -An -c | grep -q "P   N   G" || return 1
	done
'

# Every request the browser makes goes through a proxy that writes down
# what it was asked for: opening the pages asks for nothing (a note's
# image on a server would tell that server who reads the page, and
# when); Chromium's own calls home are not the page's.
test_expect_success 'the report in a real browser loads nothing from anywhere' '
	cat >proxy.py <<-\EOF &&
	import http.server, sys
	class Log(http.server.BaseHTTPRequestHandler):
	    def do_GET(self):
	        with open("asked", "a") as f: f.write(self.path + "\n")
	        self.send_response(404); self.end_headers()
	    do_CONNECT = do_GET
	    def log_message(self, *a): pass
	s = http.server.HTTPServer(("127.0.0.1", 0), Log)
	open("proxy.port", "w").write(str(s.server_address[1]))
	s.serve_forever()
	EOF
	rm -f asked proxy.port &&
	{ timeout 120 python3 proxy.py & echo $! >proxy.pid; } &&
	for i in $(seq 100); do test -s proxy.port && break; sleep 0.1; done &&
	port=$(cat proxy.port) &&
	{ browse --proxy-server="http://127.0.0.1:$port" --virtual-time-budget=3000 \
		--dump-dom "file://$TRASH/site/sam-with-alex.html" >pixel.dom || :; } &&
	kill $(cat proxy.pid) &&
	test_grep "a pixel" pixel.dom &&
	touch asked &&
	{ grep -v -E "^(https?://)?[a-z0-9.]*\.google(apis)?\.com[:/]" asked >page-asked || :; } &&
	if test -s page-asked; then cat page-asked; false; fi
'

test_expect_success 'the report for everyone: axe-core (WCAG 2.1 AA), phone cards, A4 print' '
	{ node "$PROJECT_DIR/tests/browser/report.cjs" "$PROJECT_DIR/build/node/node_modules" \
		"$TRASH/site" "$CHROMIUM" index.html sam-with-alex.html tom-with-alex.html \
		>browser.out 2>&1 || { cat browser.out; false; }; } &&
	test_grep "^3 pages audited, 0 problems$" browser.out
'
else
test_skip 'the report in a real browser' 'chromium is not installed'
fi

test_expect_success 'the timeline says in words what it shows, renegotiation included' '
	test_grep "<desc id=\"timeline-sam-with-alex-d\">From 2026-06-01 to 2026-12-18. Stages: preparing from 2026-06-01, negotiating from 2026-06-15, enabling from 2026-06-29, negotiating from 2026-09-14, enabling from 2026-09-28. Sessions: [0-9]* held, 0 no-show, 1 moved or cancelled. Today is 2026-11-23.</desc>" site/sam-with-alex.html &&
	test_grep "<rect class=\"band-negotiating\" x=\"[0-9.]*\" y=\"20\"" site/sam-with-alex.html &&
	test_grep "aria-labelledby=\"timeline-sam-with-alex-t\" aria-describedby=\"timeline-sam-with-alex-d\"" site/sam-with-alex.html &&
	test_grep "<caption>Sessions per month</caption>" site/index.html &&
	test_grep "<li><strong>[0-9.]*</strong> hours of mentoring</li>" site/index.html &&
	test_grep "<td data-label=\"Stage\">closing</td><td data-label=\"Health\"><span class=\"badge health-ended\">closed</span>" site/index.html
'


test_done
