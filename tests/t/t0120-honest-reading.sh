#!/bin/sh
# What people write in their editors is what mjournal reads: git-config
# habits in INI files, other editors' front matter, Windows encodings,
# private notes by front matter, and notes recorded without an editor.
. "$(dirname "$0")/lib.sh"
export MJOURNAL_TODAY=2026-03-01

test_expect_success 'setup: a journal with a signed relationship' '
	make_journal &&
	sign_agreement journal/sam-with-alex 2026-01-19 &&
	git -C journal commit -qam "signed"
'

test_expect_success 'an agreement written as git config is read as meant' '
	cat >journal/sam-with-alex/agreement.ini <<-\EOF &&
	[Relationship]
		Mentor = Alex Doe <alex@example.org>
		mentee = Sam Roe <sam@example.org>
		started = "2026-01-12"
		ends = 2026-07-12
		cadence = 14d # every other week
		type = One-to-One
	[goals]
		goal = "Ship release #3"
	[terms]
		review = 2026-04-12
		signed-mentor = 2026-01-19
		signed-mentee = 2026-01-19
	EOF
	mj -C journal check sam-with-alex >out 2>&1 &&
	test_grep ! "agreement-" out &&
	mj -C journal status --format json >json &&
	test_grep "\"mentor\": \"Alex Doe <alex@example.org>\"" json &&
	mj -C journal summary sam-with-alex >summary &&
	test_grep "Ship release .#3" summary
'

test_expect_success 'an indented mjournal.ini is read key by key' '
	printf "[journal]\n\tname = Tabbed\n\towner = Alex Doe <alex@example.org>\n" >journal/mjournal.ini &&
	mj -C journal status >out &&
	test_grep "^Tabbed, 2026-03-01$" out
'

test_expect_success 'an indented line that could continue a value says so' '
	cp journal/sam-with-alex/agreement.ini good.ini &&
	printf "[goals]\ngoal = keep the ratio\n  of effort\n  speed = quality\n" >>journal/sam-with-alex/agreement.ini &&
	mj -C journal check sam-with-alex >out 2>&1 &&
	test_grep "agreement.ini:17:1: warning: unknown key .speed. in \[goals\] is not used; this indented line reads as a key, not as more of the value on line 16" out &&
	mj -C journal summary sam-with-alex >summary &&
	test_grep "keep the ratio of effort" summary &&
	cp good.ini journal/sam-with-alex/agreement.ini
'

test_expect_success 'a file name that is not UTF-8 is escaped, in JSON as in text' '
	printf "x" >"journal/sam-with-alex/Jos\351.md" &&
	test_must_fail mj -C journal check --format json >json 2>err &&
	python3 -c "import json,sys; json.load(open(sys.argv[1], encoding=\"utf-8\"))" json &&
	test_grep "\"file\": \"sam-with-alex/Jos\\\\\\\\351.md\"" json &&
	test_must_fail mj -C journal check >out &&
	test_grep "^sam-with-alex/Jos.351.md: error: .Jos.351.md. is not a note name" out &&
	rm "journal/sam-with-alex/Jos\351.md"
'

test_expect_success 'Windows encodings are named, never misread' '
	cp journal/sam-with-alex/agreement.ini good.ini &&
	printf "[relationship]\nmentor = Jos\351 Roe <j@example.org>\n" >journal/sam-with-alex/agreement.ini &&
	test_must_fail mj -C journal check >out &&
	test_grep "agreement.ini:2:1: error: line 2 is not UTF-8 (byte 0xE9: Windows-1252 or Latin-1?); save it as UTF-8 \[file-encoding\]" out &&
	test_must_fail mj -C journal check --format json >json &&
	test_grep "\"rule\": \"file-encoding\"" json &&
	mj -C journal status --format json >json &&
	test_grep "\"sam-with-alex\"" json &&
	printf "\377\376[\000r\000]\000" >journal/sam-with-alex/agreement.ini &&
	test_must_fail mj -C journal check sam-with-alex >out &&
	test_grep "is UTF-16 (what Windows Notepad calls \"Unicode\"); save it as UTF-8" out &&
	test_grep ! "NUL" out &&
	cp good.ini journal/sam-with-alex/agreement.ini
'

test_expect_success 'a byte-order mark, CRLF and CR-only line endings are read as meant' '
	cp journal/sam-with-alex/agreement.ini good.ini &&
	{ printf "\357\273\277"; sed "s/\$/\r/" good.ini; } >journal/sam-with-alex/agreement.ini &&
	mj -C journal check sam-with-alex >out 2>&1 &&
	test_grep ! "agreement-" out &&
	tr "\n" "\r" <good.ini >journal/sam-with-alex/agreement.ini &&
	mj -C journal check sam-with-alex >out 2>&1 &&
	test_grep ! "agreement-" out &&
	test_grep ! "bytes long" out &&
	printf "\357\273\277---\r\ndate: 2026-01-26\r\nstage: negotiating\r\nattendance: held\r\nduration: 1h\r\n---\r\n## Feedback\r\n- ok\r\n" \
		>journal/sam-with-alex/2026-01-26.md &&
	printf -- "---\rdate: 2026-01-27\rstage: negotiating\rattendance: held\rduration: 1h\r---\r## Feedback\r- ok\r" \
		>journal/sam-with-alex/2026-01-27.md &&
	mj -C journal check sam-with-alex >out 2>&1 &&
	test_grep ! ": error:" out &&
	mj -C journal log sam-with-alex >log &&
	test_grep "2026-01-26  negotiating  held" log &&
	test_grep "2026-01-27  negotiating  held" log &&
	rm journal/sam-with-alex/2026-01-26.md journal/sam-with-alex/2026-01-27.md &&
	cp good.ini journal/sam-with-alex/agreement.ini
'

test_expect_success 'front matter as other editors write it' '
	cat >journal/sam-with-alex/2026-01-19.md <<-\EOF &&
	---
	date: 2026-01-19T10:00:00+01:00
	stage: Negotiating
	attendance: Held
	duration: 1h30m
	---
	# Agreeing the goals
	## Feedback
	- good
	EOF
	cat >journal/sam-with-alex/2026-02-02.md <<-\EOF &&
	---
	date: 2026-02-02 14:00:00 +0100
	stage: enabling
	attendance: held
	duration: 45 minutes
	---
	## Feedback
	- fine
	EOF
	mj -C journal check sam-with-alex >out 2>&1 &&
	test_grep ! ": error:" out &&
	mj -C journal hours --format csv >hours &&
	test_grep "^sam-with-alex,one-to-one,2,1,2.25.$" hours
'

test_expect_success 'other editors, their properties, and what people get wrong' '
	cat >journal/sam-with-alex/2026-02-09.md <<-\EOF &&
	---
	date: 2026-02-09
	stage: enabling
	attendance: no-show
	duration: 60m
	title: ~
	tags: [mentoring]
	aliases: [week 4]
	cssclasses: wide
	layout: post
	draft: false
	state: tired
	absent: [Benn Ito]
	---
	# The heading is the title
	## Feedback
	- none
	EOF
	mj -C journal check sam-with-alex >out 2>&1 &&
	test_grep "2026-02-09.md:5:1: warning: a session that did not happen (no-show) lasts no time" out &&
	test_grep "absent names .Benn Ito., who is not a mentee" out &&
	test_grep "unknown key .state. is not used; did you mean .stage.?" out &&
	test_grep ! "unknown key .tags." out &&
	test_grep ! "unknown key .layout." out &&
	printf "[notes]\nallow-keys = state, energy\n" >>journal/mjournal.ini &&
	mj -C journal check sam-with-alex >out 2>&1 &&
	test_grep ! "unknown key .state." out &&
	mj -C journal log sam-with-alex >log &&
	test_grep "no-show .*The heading is the title" log &&
	printf -- "---\ndate: 2026-02-10\nstage: enabling\ntitle: Session 7: plan review\n---\n" \
		>journal/sam-with-alex/2026-02-10.md &&
	test_must_fail mj -C journal check sam-with-alex >out 2>&1 &&
	test_grep "needs quotes, like title: \"Session 7: plan review\"" out &&
	rm journal/sam-with-alex/2026-02-10.md journal/sam-with-alex/2026-02-09.md
'

test_expect_success 'a section that holds only the template comment is not there' '
	cat >journal/sam-with-alex/2026-02-23.md <<-\EOF &&
	---
	date: 2026-02-23
	stage: enabling
	attendance: held
	duration: 1h
	---
	## Feedback
	<!-- What worked, what to change; both ways. -->

	## Learning
	-
	EOF
	mj -C journal check sam-with-alex >out 2>&1 &&
	test_grep "2026-02-23.md:.*no .## Feedback. section" out &&
	mj -C journal summary sam-with-alex >summary &&
	test_grep ! "^\*2026-02-23" summary &&
	rm journal/sam-with-alex/2026-02-23.md
'

test_expect_success 'private: true is as private as the name, for git too' '
	cat >journal/sam-with-alex/2026-02-16.md <<-\EOF &&
	---
	date: 2026-02-16
	stage: enabling
	attendance: held
	duration: 1h
	private: True
	---
	my doubts about the project
	EOF
	mj -C journal status >out &&
	test_grep "private .*sam-with-alex/2026-02-16.md" out &&
	mj -C journal commit >out &&
	git -C journal ls-files >files &&
	test_grep "2026-01-19.md" files &&
	test_grep ! "2026-02-16.md" files &&
	git -C journal log -p >log &&
	test_grep ! "my doubts" log &&
	mj -C journal summary sam-with-alex >summary &&
	test_grep ! "my doubts" summary &&
	git -C journal add -f sam-with-alex/2026-02-16.md &&
	test_must_fail mj -C journal check >out &&
	test_grep "2026-02-16.md.*private-tracked" out &&
	git -C journal rm -q --cached sam-with-alex/2026-02-16.md
'

test_expect_success 'note --no-edit records only what it is told' '
	test_expect_code 2 mj -C journal note sam-with-alex --no-edit --stage enabling 2>err &&
	test_grep "no-edit writes only what it is told" err &&
	test_path_is_missing journal/sam-with-alex/2026-03-01.md &&
	mj -C journal hours --format csv >before &&
	mj -C journal note sam-with-alex --no-edit --attendance no-show >out &&
	test_grep "^Committed sam-with-alex/2026-03-01.md (enabling)$" out &&
	test_grep "^attendance: no-show$" journal/sam-with-alex/2026-03-01.md &&
	test_grep ! "^duration:" journal/sam-with-alex/2026-03-01.md &&
	mj -C journal hours --format csv >after &&
	test_cmp before after &&
	test_expect_code 2 mj -C journal note sam-with-alex --no-edit --attendance no-show --duration 1h 2>err &&
	test_grep "duration goes with a held session" err
'

test_expect_success 'note reports the stage the note holds' '
	write_editor to-closing "" &&
	cat >"$TRASH/to-closing" <<-\EOF &&
	#!/bin/sh
	sed -i "s/^stage: .*/stage: closing/" "$1"
	printf "## Outcomes\n- shipped\n## Learning\n- ask early\n" >>"$1"
	EOF
	chmod +x "$TRASH/to-closing" &&
	EDITOR="$TRASH/to-closing" mj -C journal note sam-with-alex --date 2026-03-01 \
		--attendance held --duration 1h >out &&
	test_grep "(closing)$" out
'

test_done
