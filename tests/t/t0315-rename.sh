#!/bin/sh
# mjournal rename OLD NEW: the folder moved in one commit that git shows as
# renames, the closed tag following it, through a bare hub to a clone
# that plain git keeps.
. "$(dirname "$0")/lib.sh"
export MJOURNAL_TODAY=2026-11-23

test_expect_success 'setup: a journal on a hub, a clone of it made by git' '
	git init -q --bare hub.git &&
	cp -R "$SAMPLE_DIR" alex &&
	git -C alex init -q &&
	git -C alex add -A && git -C alex commit -q -m "The programme" &&
	git -C alex remote add origin ../hub.git &&
	mj -C alex close lee-with-nina --early --reason "moved away" >/dev/null &&
	mj -C alex sync >/dev/null &&
	git clone -q hub.git other
'

test_expect_success 'rename: one commit titled as a rename; git sees every file renamed' '
	echo "mine alone" >alex/sam-with-alex/2026-11-20.private.md &&
	git -C alex ls-files sam-with-alex >before &&
	mj -C alex rename sam-with-alex sam-roe-with-alex >out &&
	test_grep "^Renamed sam-with-alex to sam-roe-with-alex: 13 files moved$" out &&
	git -C alex log -1 --format=%s >title &&
	echo "Rename sam-with-alex to sam-roe-with-alex" >expect &&
	test_cmp expect title &&
	git -C alex diff -M --name-status HEAD~1 HEAD >changes &&
	test_line_count = 13 changes &&
	test_grep ! "^[ADM]" changes &&
	test_grep "^R100	sam-with-alex/agreement.ini	sam-roe-with-alex/agreement.ini$" changes &&
	git -C alex log --follow --format=%s -- sam-roe-with-alex/2026-11-09.md >log &&
	test_line_count = 2 log &&
	test ! -e alex/sam-with-alex &&
	test -f alex/sam-roe-with-alex/2026-11-20.private.md &&
	git -C alex ls-files >files &&
	test_grep ! "private" files &&
	git -C alex status --porcelain >status &&
	test ! -s status &&
	mj -C alex log sam-roe-with-alex >log &&
	test_grep "2026-11-09" log
'

test_expect_success 'a closed relationship: its tag follows it, on the hub too' '
	mj -C alex rename lee-with-nina lee-roe-with-nina >out &&
	test_grep "tag lee-roe-with-nina/closed" out &&
	git -C alex tag -l >tags &&
	test_grep "^lee-roe-with-nina/closed$" tags &&
	test_grep ! "^lee-with-nina/closed$" tags &&
	git -C alex tag -n9 -l lee-roe-with-nina/closed >tag &&
	test_grep "ended early on 2026-05-11" tag &&
	mj -C alex sync >out &&
	git -C hub.git tag -l >tags &&
	test_grep "^lee-roe-with-nina/closed$" tags &&
	test_grep ! "^lee-with-nina/closed$" tags &&
	test_expect_code 1 mj -C alex close lee-roe-with-nina --early --reason again 2>err &&
	test_grep "is already ended-early" err
'

test_expect_success 'the clone made by git pulls the rename and sees renames' '
	git -C other pull -q &&
	test -f other/sam-roe-with-alex/agreement.ini &&
	test ! -e other/sam-with-alex &&
	git -C other log -1 --stat -M --format=%s HEAD~1 >stat &&
	test_grep "sam-with-alex => sam-roe-with-alex" stat
'

test_expect_success 'refused: NEW exists, NEW not a name, OLD not committed, OLD unknown' '
	test_expect_code 2 mj -C alex rename jo-with-maria tom-with-alex 2>err &&
	test_grep "tom-with-alex exists already" err &&
	test_expect_code 2 mj -C alex rename jo-with-maria Jo_Maria 2>err &&
	test_grep "not a valid relationship name" err &&
	test_expect_code 2 mj -C alex rename jo-with-maria .mjournal 2>err &&
	test_grep "not a valid relationship name" err &&
	echo "; a thought" >>alex/jo-with-maria/agreement.ini &&
	test_expect_code 1 mj -C alex rename jo-with-maria jo-roe-with-maria 2>err &&
	test_grep "jo-with-maria has changes that are not committed" err &&
	test_grep "modified *jo-with-maria/agreement.ini" err &&
	test -d alex/jo-with-maria && test ! -e alex/jo-roe-with-maria &&
	git -C alex checkout -q -- jo-with-maria &&
	test_must_fail mj -C alex rename nobody-here someone 2>err &&
	test_grep "nobody-here" err &&
	git -C alex log -1 --format=%s >title &&
	test_grep "^Rename lee-with-nina to lee-roe-with-nina$" title
'

test_expect_success 'help, completion and the man page know rename' '
	mj help >help &&
	test_grep "^    rename " help &&
	(cd alex && mj __complete -- rename "") >words &&
	test_grep "^jo-with-maria$" words &&
	(cd alex && mj __complete -- rename jo-with-maria "") >words &&
	test_grep ! "^jo-with-maria$" words &&
	test_grep "^## \*\*rename\*\*" "$PROJECT_DIR/docs/mjournal.1.md"
'

test_done
