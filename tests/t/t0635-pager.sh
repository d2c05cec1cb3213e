#!/bin/sh
# Output that can be long (actions, log, agenda, check) is paged as git
# pages it: on a terminal only, through MJOURNAL_PAGER, core.pager, PAGER
# or less; standard error too when it is the same terminal, so that
# check's count comes after its diagnostics; never with --no-pager; and
# the command's exit status survives the pager, a pager quit early
# included.
. "$(dirname "$0")/lib.sh"
export MJOURNAL_TODAY=2026-11-23

# a pager that records what it was given, to "paged"
write_pager() {
	cat >"$TRASH/$1" <<-SCRIPT
	#!/bin/sh
	cat >"$TRASH/paged"
	SCRIPT
	chmod +x "$TRASH/$1"
}

# runs a command line in a terminal of 80 columns, its exit status to
# "status"
term() {
	rm -f "$TRASH/paged" "$TRASH/status" &&
	in_terminal 80 40 "cd \"$TRASH/journal\" && export LANG=C.UTF-8 LC_ALL=C.UTF-8 && $1; echo \$? >\"$TRASH/status\""
}

test_expect_success 'setup: the sample programme in git, a pager' '
	cp -R "$SAMPLE_DIR" journal &&
	git -C journal init -q &&
	git -C journal add -A &&
	git -C journal commit -qm "the sample programme" &&
	write_pager pager
'

test_expect_success 'actions and agenda go through the pager on a terminal' '
	term "PAGER=\"$TRASH/pager\" \"$MJOURNAL\" actions" &&
	test_grep "^STATE " paged &&
	test_grep "sam-with-alex/2026-10-12.md:16" paged &&
	term "PAGER=\"$TRASH/pager\" \"$MJOURNAL\" agenda" &&
	test_grep "^Agenda 2026-11-23" paged &&
	test_grep "^DATE " paged &&
	term "PAGER=\"$TRASH/pager\" \"$MJOURNAL\" actions --owner Sam" &&
	test_grep "chair the pipeline review" paged
'

test_expect_success 'check on a terminal: the diagnostics, then the count, both paged' '
	printf "not a note\n" >journal/sam-with-alex/2026-13-01.md &&
	term "PAGER=\"$TRASH/pager\" \"$MJOURNAL\" check" &&
	echo 1 >expect &&
	test_cmp expect status &&
	test_grep "2026-13-01.md" paged &&
	tail -n 1 paged >last &&
	test_grep "^[0-9]* errors\{0,1\}, [0-9]* warnings\{0,1\} in 8 relationships$" last &&
	test_grep ! "errors\{0,1\}, " screen &&
	rm journal/sam-with-alex/2026-13-01.md
'

test_expect_success 'check with standard error elsewhere: only standard output is paged' '
	printf "not a note\n" >journal/sam-with-alex/2026-13-01.md &&
	term "PAGER=\"$TRASH/pager\" \"$MJOURNAL\" check 2>\"$TRASH/err\"" &&
	test_grep "2026-13-01.md" paged &&
	test_grep ! "errors\{0,1\}, " paged &&
	test_grep "errors\{0,1\}, .* in 8 relationships$" err &&
	rm journal/sam-with-alex/2026-13-01.md
'

test_expect_success 'a pager quit before the end: no error, the status is the command'"'"'s' '
	# far more than a pipe holds: the pager is gone before it is written
	for i in $(seq 1 1500); do
		echo "not a note" >journal/sam-with-alex/2026-13-$i.md || return 1
	done &&
	term "MJOURNAL_PAGER=true \"$MJOURNAL\" check" &&
	echo 1 >expect &&
	test_cmp expect status &&
	test_grep ! "mjournal:" screen &&
	term "MJOURNAL_PAGER=true \"$MJOURNAL\" log" &&
	echo 0 >expect &&
	test_cmp expect status &&
	test_grep ! "mjournal:" screen &&
	rm journal/sam-with-alex/2026-13-*.md
'

test_expect_success '--no-pager, cat or an empty pager: none; nor into a pipe' '
	term "PAGER=\"$TRASH/pager\" \"$MJOURNAL\" --no-pager actions" &&
	test_path_is_missing paged &&
	test_grep "tom-with-alex/2026-03-23.md:15$" screen &&
	echo 0 >expect &&
	test_cmp expect status &&
	term "MJOURNAL_PAGER= \"$MJOURNAL\" agenda" &&
	test_grep "^Agenda" screen &&
	term "PAGER=cat \"$MJOURNAL\" agenda" &&
	test_grep "^Agenda" screen &&
	term "PAGER=\"$TRASH/pager\" \"$MJOURNAL\" agenda | cat" &&
	test_path_is_missing paged &&
	test_grep "^Agenda" screen &&
	mj -C journal --no-pager log sam-with-alex >out &&
	test_grep "^sam-with-alex" out
'

test_expect_success '--no-pager is in mjournal --help and completed' '
	mj --help >out &&
	test_grep "^usage: mjournal \[-C DIR\] \[--no-pager\]" out &&
	(cd journal && mj __complete -- --no) >words &&
	test_grep "^--no-pager$" words &&
	(cd journal && mj __complete -- --no-pager act) >words &&
	test_grep "^actions$" words
'

test_expect_success 'less for real, at 80x20: the first screen, overdue first; q ends it' '
	rm -f status &&
	terminal_start 80 20 "sh -c \"cd \\\"$TRASH/journal\\\" && unset LESS LV PAGER && LANG=C.UTF-8 LC_ALL=C.UTF-8 \\\"$MJOURNAL\\\" actions; echo \\\$? >\\\"$TRASH/status\\\"; exec sleep 3600\"" &&
	wait_until 60 screen_shows "^STATE " &&
	terminal capture-pane -p >screen &&
	head -n 1 screen >first &&
	test_grep "^STATE  *DUE  *OWNER" first &&
	test_grep "^open  .*chair the pipeline review" screen &&
	test_path_is_missing status &&
	terminal send-keys q &&
	wait_until 60 test -f status &&
	echo 0 >expect &&
	test_cmp expect status &&
	terminal kill-server
'

test_done
