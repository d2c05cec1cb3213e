#!/bin/sh
# mjournal init, --version, --help and finding the journal.
. "$(dirname "$0")/lib.sh"

test_expect_success 'init makes a git repository with a first commit' '
	mj init journal >out &&
	test_grep "Started the journal" out &&
	test -f journal/mjournal.ini &&
	test -d journal/.git &&
	git -C journal log --format=%s >log &&
	echo "Start the journal" >expect &&
	test_cmp expect log &&
	git -C journal ls-files >files &&
	printf ".gitignore\nmjournal.ini\n" >expect &&
	test_cmp expect files &&
	git -C journal fsck --strict &&
	test -z "$(git -C journal status --porcelain)"
'

test_expect_success 'the first commit is authored by the git identity' '
	git -C journal log --format="%an <%ae>|%cn" >who &&
	echo "Alex Doe <alex@example.org>|Alex Doe" >expect &&
	test_cmp expect who
'

test_expect_success 'mjournal.ini names the journal and its owner' '
	test_grep "^name = journal$" journal/mjournal.ini &&
	test_grep "^owner = Alex Doe <alex@example.org>$" journal/mjournal.ini &&
	test_grep "^autocommit = true$" journal/mjournal.ini
'

test_expect_success '.gitignore keeps private notes and the cache out of git' '
	test_grep "^\*\.private\.md$" journal/.gitignore &&
	test_grep "^\.mjournal/$" journal/.gitignore &&
	echo secret >journal/x.private.md &&
	git -C journal status --porcelain >st &&
	test ! -s st &&
	rm journal/x.private.md
'

test_expect_success 'init refuses a folder that is already a journal' '
	test_expect_code 2 mj init journal 2>err &&
	test_grep "already a journal" err
'

test_expect_success 'init refuses a folder inside a journal' '
	mkdir journal/sub &&
	test_expect_code 2 mj init journal/sub 2>err &&
	test_grep "inside the journal" err &&
	test ! -e journal/sub/mjournal.ini
'

test_expect_success 'init inside a repository makes a journal folder, not a repository' '
	git init -q big &&
	echo code >big/code.c &&
	git -C big add code.c &&
	git -C big commit -q -m code &&
	echo staged >big/other.txt &&
	git -C big add other.txt &&
	mj init big/mentoring --name "Team mentoring" >/dev/null &&
	test ! -e big/mentoring/.git &&
	git -C big show --stat --format=%s HEAD >show &&
	test_grep "Start the journal" show &&
	test_grep "mentoring/mjournal.ini" show &&
	test_no_grep "other.txt" show &&
	git -C big diff --cached --name-only >staged &&
	echo other.txt >expect &&
	test_cmp expect staged &&
	test_grep "^name = Team mentoring$" big/mentoring/mjournal.ini
'

test_expect_success 'init keeps an existing .gitignore and adds its lines' '
	mkdir keep &&
	echo "*.log" >keep/.gitignore &&
	mj init keep >/dev/null &&
	head -n 1 keep/.gitignore >first &&
	echo "*.log" >expect &&
	test_cmp expect first &&
	test_grep "private.md" keep/.gitignore
'

test_expect_success 'a failed init leaves the files as they were' '
	git init -q locked &&
	echo "*.log" >locked/.gitignore &&
	cp locked/.gitignore ignore.before &&
	: >locked/.git/index.lock &&
	test_expect_code 2 mj init locked 2>err &&
	test_grep "index.lock" err &&
	test ! -e locked/mjournal.ini &&
	test_cmp ignore.before locked/.gitignore &&
	rm locked/.git/index.lock &&
	mj init locked >/dev/null &&
	test_grep "private" locked/.gitignore
'

test_expect_success 'init without any identity fails and writes nothing' '
	(
		unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL &&
		HOME=$TRASH/nobody && mkdir -p "$HOME" && export HOME &&
		test_expect_code 2 mj init lonely 2>err &&
		test_grep "no owner" err &&
		test ! -e lonely/mjournal.ini
	)
'

test_expect_success 'init with --owner needs no git identity' '
	(
		unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL &&
		HOME=$TRASH/nobody && export HOME &&
		mj init --owner "Kim Lee <kim@example.org>" owned >/dev/null &&
		git -C owned log --format="%an <%ae>" >who &&
		echo "Kim Lee <kim@example.org>" >expect &&
		test_cmp expect who
	)
'

test_expect_success 'commands outside a journal say so and exit 2' '
	mkdir elsewhere &&
	(cd elsewhere && test_expect_code 2 mj log 2>../err) &&
	test_grep "not inside a journal" err
'

test_expect_success 'the journal is found from a folder below its root, and with -C' '
	mkdir -p journal/deep/er &&
	(cd journal/deep/er && mj log >../../../log) &&
	test_grep "no relationships yet" log &&
	mj -C journal log >log2 &&
	test_cmp log log2 &&
	mj log -C journal >log3 &&
	test_cmp log log3
'

test_expect_success '--version and --help' '
	mj --version >v &&
	test_grep "^mjournal [0-9]" v &&
	mj --help >h &&
	for c in init new note log check hook; do test_grep "^    $c " h; done &&
	mj note --help >nh &&
	test_grep "usage: mjournal note SLUG" nh &&
	test_grep "[-][-]no-edit" nh
'

test_expect_success 'unknown commands and options are usage errors' '
	test_expect_code 2 mj frobnicate 2>err &&
	test_grep "not a command" err &&
	test_expect_code 2 mj -C journal log --bogus 2>err &&
	test_grep "usage: mjournal log" err
'

test_done
