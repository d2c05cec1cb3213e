#!/bin/sh
# Where am I: inside a relationship's folder, at any depth, a command that
# needs a relationship takes that one, as git takes the repository from
# the current folder; a misspelt relationship gets a "did you mean", as a
# misspelt command does.
. "$(dirname "$0")/lib.sh"
export MJOURNAL_TODAY=2026-11-23 EDITOR=true

test_expect_success 'setup: the sample programme in git' '
	cp -R "$SAMPLE_DIR" journal &&
	git -C journal init -q &&
	git -C journal add -A &&
	git -C journal commit -q -m "The programme" &&
	mkdir -p journal/sam-with-alex/drafts/old
'

test_expect_success 'note, summary and log inside the folder, at any depth' '
	(cd journal/sam-with-alex &&
	 mj note --no-edit --attendance held --duration 45m --title "by folder") >out &&
	test_grep "^Committed sam-with-alex/2026-11-23-by-folder.md" out &&
	git -C journal log -1 --format=%s >title &&
	test_grep "^sam-with-alex: add session 2026-11-23" title &&
	(cd journal/sam-with-alex/drafts/old && mj summary) >summary &&
	test_grep "^# sam-with-alex: summary" summary &&
	(cd journal/sam-with-alex/drafts && mj summary lee-with-nina) >other &&
	test_grep "^# lee-with-nina: summary" other
'

test_expect_success 'edit inside the folder: the latest note, or the one a date names' '
	(cd journal/sam-with-alex/drafts && mj edit) >out &&
	test_grep "2026-11-23-by-folder.md is as it was committed" out &&
	(cd journal/sam-with-alex && mj edit 2026-11-23) >out &&
	test_grep "2026-11-23-by-folder.md is as it was committed" out &&
	(cd journal/sam-with-alex && mj edit 2026-11-09.md) >out &&
	test_grep "sam-with-alex/2026-11-09.md" out
'

test_expect_success 'extend, close and reopen inside the folder' '
	(cd journal/lee-with-nina && mj reopen) >out &&
	test_grep "^Reopened lee-with-nina" out &&
	(cd journal/lee-with-nina && mj extend --ends 2027-06-30) >out &&
	test_grep "^ends *= *2027-06-30" journal/lee-with-nina/agreement.ini &&
	(cd journal/lee-with-nina/ && mj close --early --reason "moved away") >out &&
	git -C journal tag -l "lee-with-nina/closed" >tags &&
	test_grep "^lee-with-nina/closed$" tags
'

test_expect_success 'rename NEW inside the folder renames that relationship' '
	(cd journal/tom-with-alex && mj rename tom-roe-with-alex) >out &&
	test_grep "^Renamed tom-with-alex to tom-roe-with-alex" out &&
	test -d journal/tom-roe-with-alex
'

test_expect_success 'at the root, or in templates/, nothing is taken: the command asks' '
	(cd journal && test_expect_code 2 mj note --no-edit) 2>err &&
	test_grep "note needs a relationship: SLUG, the name of its folder (or run it inside that folder)" err &&
	mkdir -p journal/templates &&
	(cd journal/templates && test_expect_code 2 mj summary) 2>err &&
	test_grep "summary needs a relationship" err
'

test_expect_success 'status, check and log keep meaning the whole journal inside a folder' '
	(cd journal/sam-with-alex && mj status) >status &&
	test_grep "^jo-with-maria" status &&
	test_grep "^sam-with-alex" status &&
	(cd journal/sam-with-alex && mj log) >log &&
	test_grep "^priya-with-dev" log
'

test_expect_success 'a misspelt relationship: did you mean, for every command that takes one' '
	for cmd in note summary log status check close "extend --ends 2027-01-01" \
		   reopen edit; do
		test_expect_code 2 mj -C journal $cmd sam-with-alx 2>err &&
		test_grep "no relationship .sam-with-alx. in this journal; did you mean .sam-with-alex.?" err ||
		return 1
	done &&
	test_expect_code 2 mj -C journal rename sam-wiht-alex sam-roe 2>err &&
	test_grep "did you mean .sam-with-alex.?" err &&
	test_expect_code 2 mj -C journal summary zzz 2>err &&
	test_grep "no relationship .zzz. in this journal$" err &&
	test_grep "^hint: mjournal status lists them" err
'

test_done
