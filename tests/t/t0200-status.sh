#!/bin/sh
# mjournal status, actions and hours.
. "$(dirname "$0")/lib.sh"
export MJOURNAL_TODAY=2026-11-23

test_expect_success 'status on the sample programme, most urgent first' '
	mj -C "$SAMPLE_DIR" status >out &&
	sed -n "3p" out >header &&
	test_grep "^RELATIONSHIP  *PEOPLE  *TYPE  *STAGE  *MET  *LAST  *NEXT  *ENDS  *ACTIONS  *CHECK  *HOURS$" header &&
	sed -n "4,9p" out | cut -d" " -f1 >order &&
	printf "%s\n" sam-with-alex helen-with-ravi jo-with-maria data-circle \
		omar-with-lena priya-with-dev >expect &&
	test_cmp expect order &&
	test_grep "^sam-with-alex  *Alex Doe / Sam Roe  *1:1  *enabling  *10/0  *14d  *today  *in 25d  *3  *ok  *10$" out &&
	test_grep "^jo-with-maria  .*  today  *in 13w  " out &&
	test_grep "^data-circle  *Alex Doe / Kim Lee +2  *group " out &&
	test_grep "^2 ended (lee-with-nina, tom-with-alex): mjournal status --all shows them$" out
'

test_expect_success 'status --all shows ended relationships' '
	mj -C "$SAMPLE_DIR" status --all >out &&
	test_grep "^lee-with-nina  .*  ended-early  *3/2 " out &&
	test_grep "^tom-with-alex  .*  closed  *9/0 " out &&
	test_no_grep "status --all shows them" out
'

test_expect_success 'status --format json has the fields of the specification' '
	mj -C "$SAMPLE_DIR" status --format json >json &&
	python3 - <<-\EOF
	import json
	d = json.load(open("json"))
	assert d["journal"] == "Northwind data team mentoring 2026"
	assert d["today"] == "2026-11-23"
	r = {x["slug"]: x for x in d["relationships"]}
	assert len(r) == 8
	sam = r["sam-with-alex"]
	for k in ["slug", "mentor", "mentees", "type", "status", "stage", "held",
	          "missed", "last_met", "next_due", "overdue", "open_actions",
	          "overdue_actions", "errors", "warnings", "hours"]:
	    assert k in sam, k
	assert sam["held"] == 10 and sam["missed"] == 0 and sam["hours"] == 10
	assert sam["last_met"] == "2026-11-09" and sam["next_due"] == "2026-11-23"
	assert sam["overdue"] is False
	lee = r["lee-with-nina"]
	assert lee["missed"] == 2 and lee["held"] == 3 and lee["hours"] == 2
	assert lee["status"] == "ended-early" and lee["warnings"] == 1
	assert r["data-circle"]["mentees"] == ["Kim Lee <kim@example.org>",
	    "Wei Chen <wei@example.org>", "Ana Costa <ana@example.org>"]
	assert r["priya-with-dev"]["last_met"] is None
	assert d["uncommitted"] == [] or isinstance(d["uncommitted"], list)
	EOF
'

test_expect_success 'a day after next_due the relationship is overdue' '
	MJOURNAL_TODAY=2026-11-24 mj -C "$SAMPLE_DIR" status --format json >json &&
	python3 -c "
import json
r = {x[\"slug\"]: x for x in json.load(open(\"json\"))[\"relationships\"]}
assert r[\"sam-with-alex\"][\"overdue\"] is True
assert r[\"helen-with-ravi\"][\"overdue\"] is False
" &&
	MJOURNAL_TODAY=2026-11-24 mj -C "$SAMPLE_DIR" status >out &&
	test_grep "^sam-with-alex .* 1d late " out
'

test_expect_success 'setup a journal in git with changes' '
	cp -R "$SAMPLE_DIR" journal &&
	git -C journal init -q &&
	git -C journal add -A && git -C journal commit -q -m sample &&
	mj -C journal status >out &&
	test_grep "^Everything is committed.$" out &&
	cat >journal/sam-with-alex/2026-11-23.md <<-\EOF &&
	---
	date: 2026-11-23
	stage: enabling
	attendance: no-show
	---
	# Sam did not come
	EOF
	echo "private thoughts" >journal/sam-with-alex/2026-11-23-doubts.private.md &&
	echo "more" >>journal/jo-with-maria/2026-11-02.md &&
	rm journal/priya-with-dev/2026-11-16-preparing.md &&
	mkdir journal/new-one &&
	cp journal/sam-with-alex/agreement.ini journal/new-one/ &&
	echo "x" >journal/new-one/2026-11-20-x.private.md
'

test_expect_success 'status names uncommitted, untracked and private files' '
	mj -C journal status >out &&
	sed -n "/^Not committed:/,\$p" out >changes &&
	cat >expect <<-\EOF &&
	Not committed:
	  modified    jo-with-maria/2026-11-02.md
	  new         new-one/2026-11-20-x.private.md  (private: never committed)
	  new         new-one/agreement.ini
	  deleted     priya-with-dev/2026-11-16-preparing.md
	  private     sam-with-alex/2026-11-23-doubts.private.md  (private: never committed)
	  new         sam-with-alex/2026-11-23.md
	EOF
	sed -i "s/^  new         new-one\/2026-11-20-x.private.md/  private     new-one\/2026-11-20-x.private.md/" expect &&
	test_cmp expect changes &&
	mj -C journal status --format json >json &&
	python3 -c "
import json
d = json.load(open(\"json\"))
assert \"sam-with-alex/2026-11-23.md\" in d[\"uncommitted\"]
assert not any(p.endswith(\".private.md\") for p in d[\"uncommitted\"]), d
assert sorted(d[\"private\"]) == [\"new-one/2026-11-20-x.private.md\", \"sam-with-alex/2026-11-23-doubts.private.md\"]
"
'

test_expect_success 'a no-show counts as missed, not as hours' '
	mj -C journal status sam-with-alex --format json >json &&
	python3 -c "
import json
s = json.load(open(\"json\"))[\"relationships\"][0]
assert s[\"held\"] == 10 and s[\"missed\"] == 1 and s[\"hours\"] == 10, s
"
'

test_expect_success 'status still shows the rest when files are broken' '
	printf "garbage\n[relationship\n" >journal/omar-with-lena/agreement.ini &&
	printf -- "---\ndate: nonsense\n---\n" >journal/jo-with-maria/2026-11-20.md &&
	mj -C journal status >out &&
	test_grep "^omar-with-lena .* [0-9]E" out &&
	test_grep "^jo-with-maria .* [0-9]E" out &&
	test_grep "^helen-with-ravi .* ok " out &&
	sed -n "4p" out >first &&
	test_grep "E" first
'

test_expect_success 'status of an empty journal' '
	mj init empty >/dev/null &&
	mj -C empty status >out &&
	test_grep "No relationships yet" out &&
	test_grep "Everything is committed" out &&
	mj -C empty status --format json >json &&
	python3 -c "import json; d = json.load(open(\"json\")); assert d[\"relationships\"] == []"
'

test_expect_success 'actions: overdue first, filters, JSON' '
	MJOURNAL_TODAY=2026-11-28 mj -C "$SAMPLE_DIR" actions --open >out &&
	sed -n "2,4p" out | cut -c1-19 >first &&
	cat >expect <<-\EOF &&
	overdue  2026-11-26
	overdue  2026-11-27
	overdue  2026-11-27
	EOF
	test_cmp expect first &&
	MJOURNAL_TODAY=2026-11-28 mj -C "$SAMPLE_DIR" actions --overdue >out &&
	test $(wc -l <out) -eq 4 &&
	mj -C "$SAMPLE_DIR" actions --owner sam >out &&
	test_no_grep "Alex" out &&
	test_grep "chair the pipeline review" out &&
	test_grep "^done " out &&
	mj -C "$SAMPLE_DIR" actions --owner "Sam Roe" --open >out2 &&
	mj -C "$SAMPLE_DIR" actions --owner Sam --open >out3 &&
	test_cmp out2 out3 &&
	mj -C "$SAMPLE_DIR" actions --format json >json &&
	python3 - <<-\EOF
	import json
	rows = json.load(open("json"))
	for r in rows:
	    assert set(r) >= {"slug", "file", "line", "state", "owner", "due", "text"}
	dropped = [r for r in rows if r["state"] == "dropped"]
	assert len(dropped) == 3, dropped
	chair = [r for r in rows if r["text"] == "chair the pipeline review"][0]
	assert chair == {"slug": "sam-with-alex", "file": "sam-with-alex/2026-10-12.md",
	                 "line": 16, "state": "open", "owner": "Sam", "due": "2026-11-26",
	                 "text": "chair the pipeline review", "overdue": False,
	                 "first_file": "sam-with-alex/2026-10-12.md", "first_line": 16,
	                 "mentions": 1}, chair
	EOF
'

test_expect_success 'hours per relationship and in total, held sessions only' '
	mj -C "$SAMPLE_DIR" hours >out &&
	test_grep "^data-circle  *group  *6  *3  *8.5$" out &&
	test_grep "^lee-with-nina  *peer  *3  *1  *2$" out &&
	test_grep "^jo-with-maria  *one-to-one  *4  *1  *3.75$" out &&
	test_grep "^total  *38  *9  *37.25$" out
'

test_expect_success 'hours --since and --until include both ends' '
	mj -C "$SAMPLE_DIR" hours --since 2026-11-02 --until 2026-11-16 --format csv >crlf &&
	test_grep "^relationship,type,sessions,mentees,hours.$" crlf &&
	tr -d "\r" <crlf >out &&
	cat >expect <<-\EOF &&
	relationship,type,sessions,mentees,hours
	data-circle,group,2,3,2.5
	helen-with-ravi,reverse,1,1,0.75
	jo-with-maria,one-to-one,1,1,1
	omar-with-lena,one-to-one,2,1,1.5
	sam-with-alex,one-to-one,1,1,1
	total,,7,7,6.75
	EOF
	test_cmp expect out &&
	mj -C "$SAMPLE_DIR" hours --since 2026-11-03 --until 2026-11-15 --format csv >crlf &&
	tr -d "\r" <crlf >out &&
	test_grep "^total,,2,2,1.75$" out
'

test_expect_success 'hours counts a group mentee absent from every session as no mentee' '
	mj -C "$SAMPLE_DIR" hours --since 2026-11-02 --until 2026-11-02 --format json >json &&
	python3 -c "
import json
d = json.load(open(\"json\"))
r = {x[\"slug\"]: x for x in d[\"relationships\"]}
assert r[\"data-circle\"][\"mentees\"] == 1, r   # only Wei came on 2 November
assert d[\"total_hours\"] == 2.5 and d[\"total_sessions\"] == 3, d
assert d[\"since\"] == \"2026-11-02\" and d[\"until\"] == \"2026-11-02\"
"
'

test_expect_success 'hours as a Markdown table; notes count whether committed or not' '
	mj -C journal hours --format md >out &&
	head -n 2 out >head &&
	printf "| Relationship | Type | Sessions | Mentees | Hours |\n|---|---|---:|---:|---:|\n" >expect &&
	test_cmp expect head &&
	test_grep "^| \*\*total\*\* | " out &&
	test_expect_code 2 mj -C journal hours --format pdf 2>err &&
	test_expect_code 2 mj -C journal hours --since 2026-02-30 2>err &&
	test_expect_code 2 mj -C journal hours --since 2026-03-01 --until 2026-02-01 2>err
'

if command -v tmux >/dev/null 2>&1; then
test_expect_success 'status in a real 80-column terminal: aligned, the name whole, the rest cut only with an ellipsis' '
	cp -R "$SAMPLE_DIR" long &&
	mkdir long/a-relationship-with-a-really-quite-long-name &&
	sed -e "s/^mentor = .*/mentor = Maximiliane Wolkenstein-Rodenegg <max@example.org>/" \
	    -e "s/^mentee = .*/mentee = Bartholomew Featherstonehaugh <bart@example.org>/" \
	    long/sam-with-alex/agreement.ini >long/a-relationship-with-a-really-quite-long-name/agreement.ini &&
	in_terminal 80 30 "export LANG=C.UTF-8 LC_ALL=C.UTF-8 MJOURNAL_TODAY=2026-11-23 NO_COLOR=1
		\"$MJOURNAL\" -C \"$TRASH/long\" status" &&
	mkdir -p "$PROJECT_DIR/tests/artifacts" &&
	cp screen "$PROJECT_DIR/tests/artifacts/status-80-columns.txt" &&
	test_grep "^RELATIONSHIP" screen &&
	grep "^a-relationship" screen >row &&
	test_grep "^a-relationship-with-a-really-quite-long-name " row &&
	sed -n "/^RELATIONSHIP/,/^$/p" screen | grep -v "^$" >table &&
	python3 - <<-\EOF
	import re
	lines = [l.rstrip("\n") for l in open("table", encoding="utf-8")]
	cells = lambda l: [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+(?: \S+)*", l)]
	head = cells(lines[0])
	assert len(lines) == 8, lines
	for l in lines[1:]:
	    assert len(l) <= 80, l
	    row = cells(l)
	    assert len(row) == len(head), (l, row)
	    for (hs, he, h), (s, e, text) in zip(head, row):
	        # left-aligned cells start under their header, right-aligned end there
	        assert s == hs or e == he, (h, text, l)
	        # a cut word always ends in the ellipsis
	        assert "…" not in text or text.endswith("…"), text
	print("aligned")
	EOF
'
else
test_skip 'status in a real 80-column terminal' 'tmux is not installed'
fi

test_done
