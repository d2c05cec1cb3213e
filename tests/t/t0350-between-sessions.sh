#!/bin/sh
# Between sessions: actions carried into the next note and ticked there
# once, edit, a note reopened rather than doubled, next: and the agenda
# (text, JSON, an iCalendar feed read by a real parser), extend and reopen.
. "$(dirname "$0")/lib.sh"

# tick PATTERN: an editor that fails unless the note holds the carried
# action PATTERN, then ticks it and writes feedback
editor_script() {
	cat >"$TRASH/$1" &&
	chmod +x "$TRASH/$1"
}

test_expect_success 'setup: a signed relationship' '
	make_journal &&
	sign_agreement journal/sam-with-alex 2026-01-19 &&
	git -C journal commit -qam "signed"
'

test_expect_success 'first meeting: two actions agreed' '
	editor_script agree <<-\EOF &&
	#!/bin/sh
	sed -i "/^<!-- - \[ \] Owner/a - [ ] Sam: write the plan (due 2026-02-10)\n- [ ] Alex: introduce Sam to Priya (due 2026-02-01)" "$1"
	EOF
	(cd journal && MJOURNAL_TODAY=2026-01-19 EDITOR="$TRASH/agree" mj note sam-with-alex --stage negotiating) >out &&
	test_grep "Committed sam-with-alex/2026-01-19.md (negotiating)" out
'

test_expect_success 'the next note carries the open actions; ticked there, they are done' '
	editor_script tick <<-\EOF &&
	#!/bin/sh
	grep -qx -- "- \[ \] Sam: write the plan (due 2026-02-10)" "$1" || exit 1
	grep -qx -- "- \[ \] Alex: introduce Sam to Priya (due 2026-02-01)" "$1" || exit 1
	sed -i "s/^- \[ \] Alex: introduce/- [x] Alex: introduce/" "$1"
	printf "\n- To the mentor: good questions.\n" >>"$1"
	EOF
	(cd journal && MJOURNAL_TODAY=2026-02-02 EDITOR="$TRASH/tick" mj note sam-with-alex) >out &&
	test_grep "Committed sam-with-alex/2026-02-02.md (enabling)" out &&
	MJOURNAL_TODAY=2026-02-02 mj -C journal actions >actions &&
	test_line_count = 3 actions &&
	test_grep "^done .*Alex .*introduce Sam to Priya .*sam-with-alex/2026-02-02.md:" actions &&
	test_grep "^open .*Sam .*write the plan .*sam-with-alex/2026-02-02.md:" actions &&
	MJOURNAL_TODAY=2026-02-02 mj -C journal actions --format json >json &&
	/usr/bin/python3 - <<-\PY
	import json
	rows = json.load(open("json"))
	assert len(rows) == 2, rows
	for r in rows:
	    assert r["first_file"] == "sam-with-alex/2026-01-19.md", r
	    assert r["file"] == "sam-with-alex/2026-02-02.md", r
	    assert r["mentions"] == 2, r
	PY
'

test_expect_success 'an overdue action is warned about once, where it was last written' '
	MJOURNAL_TODAY=2026-02-12 mj -C journal check >out &&
	test_grep "2026-02-02.md:[0-9]*:1: warning: open action was due 2026-02-10" out &&
	test_grep ! "2026-01-19.md.*action-overdue" out &&
	grep -c "action-overdue" out >count && test "$(cat count)" = 1 &&
	MJOURNAL_TODAY=2026-02-12 mj -C journal status --format json >json &&
	test_grep "\"open_actions\": 1," json &&
	test_grep "\"overdue_actions\": 1," json
'

test_expect_success 'actions --done ticks it in the latest note and commits' '
	cp journal/sam-with-alex/2026-01-19.md old.md &&
	test_expect_code 1 mj -C journal actions --done "no such thing" 2>err &&
	test_grep "no open action matches .no such thing." err &&
	MJOURNAL_TODAY=2026-02-12 mj -C journal actions --done "WRITE THE" >out &&
	test_grep "Marked done in sam-with-alex/2026-02-02.md: Sam: write the plan" out &&
	git -C journal log -1 --format=%s >subject &&
	test_grep "^sam-with-alex: action done: write the plan$" subject &&
	git -C journal show --name-only --format= HEAD >files &&
	test_line_count = 1 files &&
	grep -qx -- "- \[x\] Sam: write the plan (due 2026-02-10)" journal/sam-with-alex/2026-02-02.md &&
	test_cmp old.md journal/sam-with-alex/2026-01-19.md &&
	test -z "$(git -C journal status --porcelain)" &&
	MJOURNAL_TODAY=2026-02-12 mj -C journal actions --open >out &&
	test_grep "No actions match." out
'

test_expect_success 'actions --drop adds a line to the latest note when it lacks the action' '
	printf -- "---\ndate: 2026-02-09\nstage: enabling\nattendance: held\nduration: 1h\n---\n## Actions\n- [ ] Sam: ask for a rotation\n- [ ] Sam: book the room\n\n## Feedback\n- ok\n" >journal/sam-with-alex/2026-02-09.md &&
	printf -- "---\ndate: 2026-02-11\nstage: enabling\nattendance: held\nduration: 1h\n---\n## Feedback\n- ok\n" >journal/sam-with-alex/2026-02-11.md &&
	MJOURNAL_TODAY=2026-02-12 mj -C journal commit >/dev/null &&
	cp journal/sam-with-alex/2026-02-11.md before.md &&
	test_expect_code 2 mj -C journal actions --drop "sam" 2>err &&
	test_grep "mjournal: .sam. names 2 open actions; say which with more of its words:" err &&
	test_grep "2026-02-09.md:8: Sam: ask for a rotation" err &&
	test_grep "2026-02-09.md:9: Sam: book the room" err &&
	test_cmp before.md journal/sam-with-alex/2026-02-11.md &&
	MJOURNAL_TODAY=2026-02-12 mj -C journal actions --drop "rotation" >out &&
	test_grep "Marked dropped in sam-with-alex/2026-02-11.md" out &&
	grep -qx -- "- \[-\] Sam: ask for a rotation" journal/sam-with-alex/2026-02-11.md &&
	test_grep "^## Actions$" journal/sam-with-alex/2026-02-11.md &&
	MJOURNAL_TODAY=2026-02-12 mj -C journal check sam-with-alex >out &&
	test_grep ! "error" out
'

test_expect_success 'the closing note lists the goals; closure needs no old note edited' '
	editor_script closing <<-\EOF &&
	#!/bin/sh
	grep -qx -- "- Lead my first project -->" "$1" || exit 1
	grep -qx -- "- \[ \] Sam: book the room" "$1" || exit 1
	sed -i "s/^- \[ \] Sam: book the room$/- [-] Sam: book the room (not needed after all)/" "$1"
	sed -i "/^## Outcomes/a Goal met: Sam led the project." "$1"
	sed -i "/^## Learning/a Both of us: plan early." "$1"
	sed -i "/^## Feedback/a - To the mentor: thank you." "$1"
	EOF
	(cd journal && MJOURNAL_TODAY=2026-02-16 EDITOR="$TRASH/closing" mj note sam-with-alex --stage closing) >out &&
	test_grep "(closing)" out &&
	MJOURNAL_TODAY=2026-02-16 mj -C journal close sam-with-alex >out &&
	test_grep "Closed sam-with-alex" out &&
	git -C journal log --format=%s -- sam-with-alex/2026-01-19.md >history &&
	test_line_count = 1 history &&
	grep -c "write the plan" journal/sam-with-alex/summary.md >count &&
	test "$(cat count)" = 1 &&
	test_grep "write the plan (due 2026-02-10), written 2026-01-19, last seen 2026-02-02" journal/sam-with-alex/summary.md
'

test_expect_success 'reopen undoes the close, committed, the tag removed' '
	git -C journal tag -l >tags && test_grep "sam-with-alex/closed" tags &&
	cp journal/sam-with-alex/agreement.ini closed.ini &&
	MJOURNAL_TODAY=2026-02-20 mj -C journal reopen sam-with-alex >out &&
	test_grep "Reopened sam-with-alex" out &&
	git -C journal tag -l >tags && test_grep ! "closed" tags &&
	git -C journal log -1 --format=%s >subject &&
	test_grep "^sam-with-alex: reopen$" subject &&
	test_grep "^status = active$" journal/sam-with-alex/agreement.ini &&
	test_grep "^closed =$" journal/sam-with-alex/agreement.ini &&
	git -C journal diff HEAD~1 --stat >stat &&
	test_grep "1 file changed, 3 insertions(+), 2 deletions(-)" stat &&
	test_grep "^reopened = 2026-02-20$" journal/sam-with-alex/agreement.ini &&
	test_must_fail mj -C journal reopen sam-with-alex 2>err &&
	test_grep "active already" err
'

test_expect_success 'extend sets ends in place and commits; status shows ENDS' '
	sed -i "s/^ends = 2026-07-12$/ends = 2026-07-12 # end of the first term/" journal/sam-with-alex/agreement.ini &&
	git -C journal commit -qam "a comment" &&
	cp journal/sam-with-alex/agreement.ini before.ini &&
	test_must_fail mj -C journal extend sam-with-alex --ends 2026-06-01 2>err &&
	test_grep "not after the term.s end (2026-07-12)" err &&
	MJOURNAL_TODAY=2026-02-20 mj -C journal extend sam-with-alex --ends 2026-12-31 >out &&
	test_grep "Extended sam-with-alex: ends 2026-12-31 (was 2026-07-12)" out &&
	git -C journal log -1 --format=%s >subject &&
	test_grep "^sam-with-alex: extend term to 2026-12-31$" subject &&
	sed "s/^ends = 2026-07-12 #/ends = 2026-12-31 #/" before.ini >expect &&
	test_cmp expect journal/sam-with-alex/agreement.ini &&
	MJOURNAL_TODAY=2026-02-20 mj -C journal status >status &&
	test_grep "ENDS" status &&
	test_grep "in 44w" status &&
	MJOURNAL_TODAY=2026-02-20 mj -C journal status --format json >json &&
	test_grep "\"ends\": \"2026-12-31\"" json
'

test_expect_success 'note opens its uncommitted note again instead of making another' '
	editor_script broken <<-\EOF &&
	#!/bin/sh
	sed -i "s/^stage: .*/stage: bogus/" "$1"
	EOF
	editor_script mend <<-\EOF &&
	#!/bin/sh
	sed -i "s/^stage: .*/stage: enabling/" "$1"
	printf "\n## Feedback\n- To the mentee: well done.\n" >>"$1"
	EOF
	(cd journal && MJOURNAL_TODAY=2026-02-23 EDITOR="$TRASH/broken" test_expect_code 1 mj note sam-with-alex) >out &&
	test_grep "kept but not committed" out &&
	(cd journal && MJOURNAL_TODAY=2026-02-23 EDITOR="$TRASH/mend" mj note sam-with-alex) >out &&
	test_grep "sam-with-alex/2026-02-23.md is not committed yet: opening it again" out &&
	test_grep "Committed sam-with-alex/2026-02-23.md (enabling)" out &&
	ls journal/sam-with-alex/2026-02-23* >made &&
	test_line_count = 1 made &&
	(cd journal && MJOURNAL_TODAY=2026-02-23 EDITOR="$TRASH/broken" test_expect_code 1 mj note sam-with-alex) >out &&
	(cd journal && MJOURNAL_TODAY=2026-02-23 EDITOR="$TRASH/mend" mj note sam-with-alex --new) >out &&
	test_grep ! "opening it again" out &&
	test_grep "Committed sam-with-alex/2026-02-23-3.md" out &&
	ls journal/sam-with-alex/2026-02-23* >made &&
	test_line_count = 3 made &&
	rm journal/sam-with-alex/2026-02-23-enabling.md &&
	git -C journal rm -q sam-with-alex/2026-02-23-3.md &&
	git -C journal commit -qm "one note a day is enough" &&
	test -z "$(git -C journal status --porcelain)"
'

test_expect_success 'edit opens the latest note, or the one named, then commits it' '
	write_editor more "- To the mentor: one more thing." &&
	(cd journal && MJOURNAL_TODAY=2026-02-24 EDITOR="$TRASH/more" mj edit sam-with-alex) >out &&
	test_grep "Committed sam-with-alex/2026-02-23.md (enabling)" out &&
	git -C journal log -1 --format=%s >subject &&
	test_grep "^sam-with-alex: edit session 2026-02-23$" subject &&
	(cd journal && EDITOR="$TRASH/more" mj edit sam-with-alex 2026-02-02) >out &&
	test_grep "Committed sam-with-alex/2026-02-02.md" out &&
	(cd journal && EDITOR="$TRASH/more" mj edit sam-with-alex sam-with-alex/2026-02-09.md) >out &&
	test_grep "Committed sam-with-alex/2026-02-09.md" out &&
	(cd journal && EDITOR=true mj edit sam-with-alex 2026-02-09.md) >out &&
	test_grep "as it was committed: nothing to commit" out &&
	test_expect_code 2 mj -C journal edit sam-with-alex 2025-01-01 2>err &&
	test_grep "has no note .2025-01-01." err &&
	test -z "$(git -C journal status --porcelain)"
'

test_expect_success 'next: is the day NEXT shows, until a session is held after it' '
	printf -- "---\ndate: 2026-03-02\nstage: enabling\nattendance: held\nduration: 1h\nnext: 2026-03-30\n---\n## Feedback\n- ok\n## Actions\n- [ ] Sam: present the plan (due 2026-03-20)\n" >journal/sam-with-alex/2026-03-02.md &&
	printf -- "---\ndate: 2026-03-03\nstage: enabling\nattendance: held\nduration: 1h\n---\n## Actions\n- [ ] Sam: SECRETWORD (due 2026-03-25)\n" >journal/sam-with-alex/2026-03-03.private.md &&
	MJOURNAL_TODAY=2026-03-02 mj -C journal commit >/dev/null &&
	MJOURNAL_TODAY=2026-03-20 mj -C journal status --format json >json &&
	test_grep "\"next_due\": \"2026-03-30\"" json &&
	test_grep "\"next_planned\": true" json &&
	test_grep "\"overdue\": false" json &&
	MJOURNAL_TODAY=2026-03-20 mj -C journal check >out &&
	test_grep ! "quiet" out
'

test_expect_success 'agenda: four weeks at 80 columns, every item in JSON' '
	MJOURNAL_TODAY=2026-03-20 COLUMNS=80 mj -C journal agenda >out &&
	test_grep "^Agenda 2026-03-20 to 2026-04-17$" out &&
	test_grep "2026-03-20 *today *sam-with-alex *action: Sam: present the plan" out &&
	test_grep "2026-03-30 *in 10d *sam-with-alex *meeting (agreed)" out &&
	test_grep ! "2026-12-31" out &&
	test_grep ! "SECRETWORD" out &&
	awk "length > 80 { print; bad = 1 } END { exit bad }" out &&
	MJOURNAL_TODAY=2026-03-20 mj -C journal agenda --days 400 >out &&
	test_grep "2026-12-31 .*term ends" out &&
	MJOURNAL_TODAY=2026-03-20 mj -C journal agenda --format json >json &&
	/usr/bin/python3 - <<-\PY
	import json
	doc = json.load(open("json"))
	kinds = [i["kind"] for i in doc["items"]]
	assert kinds == ["action", "meeting", "review", "term-end"], kinds
	assert doc["items"][1]["planned"] is True
	PY
'

test_expect_success 'agenda --format ics: a real parser reads it; UIDs stay, days move' '
	MJOURNAL_TODAY=2026-03-20 mj -C journal agenda --format ics >one.ics &&
	test_grep ! "SECRETWORD" one.ics &&
	sed -i "s/^next: 2026-03-30$/next: 2026-04-02/" journal/sam-with-alex/2026-03-02.md &&
	MJOURNAL_TODAY=2026-03-20 mj -C journal agenda --format ics >two.ics &&
	/usr/bin/python3 - <<-\PY
	import datetime
	from icalendar import Calendar
	def events(name):
	    cal = Calendar.from_ical(open(name, "rb").read())
	    assert str(cal["VERSION"]) == "2.0"
	    out = {}
	    for ev in cal.walk("VEVENT"):
	        start = ev.decoded("DTSTART")
	        assert type(start) is datetime.date, start  # all-day
	        assert ev.decoded("DTEND") == start + datetime.timedelta(days=1)
	        out[str(ev["UID"])] = (start, str(ev["SUMMARY"]))
	    return out
	one, two = events("one.ics"), events("two.ics")
	assert len(one) == 4, one
	assert set(one) == set(two), (one, two)
	meeting = [u for u in one if "meeting" in one[u][1]][0]
	assert one[meeting][0] == datetime.date(2026, 3, 30)
	assert two[meeting][0] == datetime.date(2026, 4, 2)
	assert len(set(one)) == len(one)
	PY
'

test_done
