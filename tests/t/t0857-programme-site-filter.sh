#!/bin/sh
# The programme site: without JavaScript every row has an id and the
# letters lead to them; with it, a box that keeps only the relationships
# holding what is typed, and the hours per mentor sorted by pressing a
# heading (numbers as numbers).  The page's one script is mjournal's own.
. "$(dirname "$0")/lib.sh"
export MJOURNAL_TODAY=2026-11-23

# held SLUG DATE DURATION: a held session in the journal's folder SLUG
held() {
	printf -- "---\ndate: %s\nstage: negotiating\nattendance: held\nduration: %s\n---\n## Feedback\n- fine\n" \
		"$2" "$3" >"cohort/$1/$2.md"
}

test_expect_success 'setup: 24 pairs of 12 mentors, imported, with sessions held' '
	mj init cohort --name "Cohort" >/dev/null &&
	echo "slug,mentor,mentee,started,ends" >pairs.csv &&
	i=1 && while [ $i -le 24 ]; do
		m=$(( (i - 1) % 12 + 1 )) &&
		l=$(printf "%s" abcdefghijklmnopqrstuvwx | cut -c $i) &&
		echo "$l$i-pair,Mentor $m <m$m@example.org>,Mentee $i <e$i@example.org>,2026-09-01,2027-03-01" >>pairs.csv || return 1
		i=$((i + 1))
	done &&
	mj -C cohort import ../pairs.csv >/dev/null &&
	held a1-pair 2026-10-01 9h30m && held c3-pair 2026-10-01 10h &&
	held j10-pair 2026-10-01 2h && held b2-pair 2026-10-01 45m &&
	mj -C cohort commit --no-verify -m "sessions" >/dev/null &&
	mj programme cohort -o site >/dev/null 2>&1
'

test_expect_success 'the one script is the one mjournal carries, with nothing of a journal in it' '
	grep -c "<script" site/index.html >n && echo 1 >one && test_cmp one n &&
	python3 - site/index.html "$PROJECT_DIR/templates/programme.js" <<-\EOF
	import re, sys
	html = open(sys.argv[1], encoding="utf-8").read()
	ours = open(sys.argv[2], encoding="utf-8").read()
	scripts = re.findall(r"<script>\n(.*?)</script>", html, re.S)
	assert scripts == [ours], "the script is not the one mjournal carries"
	assert "</" not in ours and "Mentor" not in ours and "pair" not in ours
	assert html.index("</main>") < html.index("<script>"), "the script before the page"
	EOF
'

test_expect_success 'without JavaScript: every row an id, the letters, the mentors in name order said' '
	python3 - site/index.html <<-\EOF
	import re, sys
	html = open(sys.argv[1], encoding="utf-8").read()
	ids = re.findall(r"<tr id=\"([^\"]+)\"", html)
	assert len(ids) == 24 == len(set(ids)), ids
	for letter in "abx":
	    assert "href=\"#letter-%s\"" % letter in html and "id=\"letter-%s\"" % letter in html
	table = re.search(r"<table class=\"months mentors sortable\">.*?</table>", html, re.S).group(0)
	assert "<th scope=\"col\" aria-sort=\"ascending\">Mentor</th><th scope=\"col\">Hours</th>" in table
	names = re.findall(r"<tr><th scope=\"row\">([^<]*)</th>", table)
	assert names == ["Mentor %d" % m for m in range(1, 13)], names
	assert "<th scope=\"row\">Mentor 1</th><td class=\"num\" data-sort=\"570\">9.5</td>" in table
	assert "<th scope=\"row\">Mentor 10</th><td class=\"num\" data-sort=\"120\">2</td>" in table
	EOF
'

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$CHROMIUM" ] && [ -d "$PROJECT_DIR/build/node/node_modules/axe-core" ]; then
test_expect_success 'in Chromium: typed into, sorted by mouse and keyboard, read back, audited' '
	{ node "$PROJECT_DIR/tests/browser/report.cjs" "$PROJECT_DIR/build/node/node_modules" \
		"$TRASH/site" "$CHROMIUM" index.html >browser.out 2>&1 ||
	  { cat browser.out; false; }; } &&
	test_grep "^1 pages audited, 0 problems$" browser.out
'

test_expect_success 'in Chromium: the checks see a page without its filter and sorting' '
	sed -e "/^<script>$/,/^<\/script>$/d" site/index.html >plain.html &&
	cp plain.html site/index.html &&
	test_expect_code 1 node "$PROJECT_DIR/tests/browser/report.cjs" \
		"$PROJECT_DIR/build/node/node_modules" "$TRASH/site" "$CHROMIUM" \
		index.html >browser.out 2>&1 &&
	test_grep "no filter box over the relationships" browser.out &&
	test_grep "the hours per mentor have 0 heading buttons" browser.out
'
else
test_skip 'in Chromium' 'chromium or the npm packages are not installed'
fi

test_done
