#!/bin/sh
# Dates as people say them, for every date a user types (--date, --started,
# --ends, --review, --since, --until and edit's DATE): today, yesterday,
# a weekday (the last one before today), -3d, +2w, YYYY-MM-DD; and an edit
# whose day holds two notes lists them instead of opening one.
. "$(dirname "$0")/lib.sh"
# a Wednesday
export MJOURNAL_TODAY=2026-12-02

# note DATE TITLE: a held session written without an editor
note() {
	mj -C journal note sam-with-alex --no-edit --attendance held \
		--duration 1h --date "$1" --title "$2"
}

test_expect_success 'setup: a journal, a relationship started a month ago' '
	mj init journal >/dev/null &&
	mj -C journal new sam-with-alex --mentor "Alex Doe <alex@example.org>" \
		--mentee "Sam Roe <sam@example.org>" --started -30d \
		--ends +26w --review +8w >out &&
	test_grep "^started *= *2026-11-02" journal/sam-with-alex/agreement.ini &&
	test_grep "^ends *= *2027-06-02" journal/sam-with-alex/agreement.ini &&
	test_grep "^review *= *2027-01-27" journal/sam-with-alex/agreement.ini
'

test_expect_success 'note --date: yesterday, a weekday, -Nd, today, ISO' '
	note yesterday first >out &&
	test_grep "sam-with-alex/2026-12-01-first.md" out &&
	note mon second >out &&
	test_grep "sam-with-alex/2026-11-30-second.md" out &&
	note Wednesday third >out &&
	test_grep "sam-with-alex/2026-11-25-third.md" out &&
	note -9d fourth >out &&
	test_grep "sam-with-alex/2026-11-23-fourth.md" out &&
	note today fifth >out &&
	test_grep "sam-with-alex/2026-12-02-fifth.md" out &&
	note 2026-11-20 sixth >out &&
	test_grep "sam-with-alex/2026-11-20-sixth.md" out &&
	mj -C journal note sam-with-alex --no-edit --attendance held \
		--duration 1h --date=-1d --title seventh >out &&
	test_grep "sam-with-alex/2026-12-01-seventh.md" out
'

test_expect_success 'a date that is none of these: refused, naming the forms' '
	test_expect_code 2 note someday x 2>err &&
	test_grep "^mjournal: --date .someday. is not a real date: give YYYY-MM-DD, today, yesterday, a weekday (mon) or -3d$" err &&
	test_expect_code 2 note 2026-02-30 x 2>err &&
	test_grep "is not a real date" err &&
	test_expect_code 2 note mo x 2>err &&
	test_grep "is not a real date" err
'

test_expect_success 'hours --since and --until take them too' '
	mj -C journal hours --since mon --until yesterday >out &&
	test_grep "sam-with-alex" out &&
	mj -C journal hours --since mon --until yesterday --format json >json &&
	test_grep "\"since\": \"2026-11-30\"" json &&
	test_grep "\"until\": \"2026-12-01\"" json
'

test_expect_success 'edit SLUG DATE: a day with one note opens it, said as people say it' '
	write_editor marker "" &&
	EDITOR="$TRASH/marker" mj -C journal edit sam-with-alex mon >out &&
	test_grep "2026-11-30-second.md" out
'

test_expect_success 'edit SLUG DATE: two notes that day are listed, none opened' '
	cat >"$TRASH/opened" <<-\SCRIPT &&
	#!/bin/sh
	echo "$1" >>"$TRASH/editor-ran"
	SCRIPT
	chmod +x "$TRASH/opened" &&
	(export TRASH && EDITOR="$TRASH/opened" test_expect_code 2 \
		mj -C journal edit sam-with-alex 2026-12-01 >out 2>err) &&
	test_path_is_missing "$TRASH/editor-ran" &&
	cat >expect <<-\EOF &&
	mjournal: '"'"'2026-12-01'"'"' is ambiguous: sam-with-alex has 2 notes on 2026-12-01
	hint: the candidates are:
	hint:   2026-12-01-first.md
	hint:   2026-12-01-seventh.md
	hint: name one by its file: mjournal edit sam-with-alex 2026-12-01-seventh.md
	EOF
	test_cmp expect err &&
	(export TRASH && EDITOR="$TRASH/opened" test_expect_code 2 \
		mj -C journal edit sam-with-alex yesterday 2>err) &&
	test_grep "yesterday. is ambiguous: sam-with-alex has 2 notes on 2026-12-01" err &&
	test_path_is_missing "$TRASH/editor-ran"
'

test_expect_success 'extend --ends and close --date take them too' '
	mj -C journal extend sam-with-alex --ends +30w >out &&
	test_grep "^ends *= *2027-06-30" journal/sam-with-alex/agreement.ini &&
	mj -C journal close sam-with-alex --date today --early --reason moved >out &&
	test_grep "^closed *= *2026-12-02" journal/sam-with-alex/agreement.ini
'

test_done
