#!/bin/sh
# What is not committed, from one walk: status and commit compare the
# folders the journal's loader listed with git's index themselves.  Every
# case here is compared with what git status says of the same files.
. "$(dirname "$0")/lib.sh"
export MJOURNAL_TODAY=2026-11-23

# changes DIR: "kind path" for each change mjournal status lists
changes() {
	mj -C "$1" status >status.out &&
	grep -q -E "^(Not committed:|Everything is committed)" status.out &&
	sed -n "/^Not committed:/,\$p" status.out | sed 1d |
		sed -e "s/^  *//" -e "s/  (private: never committed)//" -e "s/  */ /"
}

# git_paths REPO: each path git status names (untracked files one by one,
# ignored files left out)
git_paths() {
	git -C "$1" status --porcelain -uall |
		sed -e "s/^...//" -e "s/^\"//" -e "s/\"$//" | sort -u
}

test_expect_success 'setup: a journal with a note, a sub-folder and a template' '
	make_journal &&
	sign_agreement journal/sam-with-alex 2026-01-19 &&
	mkdir journal/sam-with-alex/attachments journal/templates &&
	echo plan >journal/sam-with-alex/attachments/plan.txt &&
	echo "# mine" >journal/templates/enabling.md &&
	printf -- "---\ndate: 2026-01-19\nstage: negotiating\nattendance: held\nduration: 1h\n---\n" >journal/sam-with-alex/2026-01-19.md &&
	printf -- "---\ndate: 2026-02-02\nstage: enabling\nattendance: held\nduration: 1h\n---\n" >journal/sam-with-alex/2026-02-02.md &&
	echo old >journal/sam-with-alex/attachments/old.txt &&
	printf "build/\n*.log\n" >>journal/.gitignore &&
	mkdir journal/build && echo kept >journal/build/kept.txt &&
	git -C journal add -A && git -C journal add -f build/kept.txt &&
	git -C journal commit -qm start &&
	changes journal >out && test ! -s out &&
	test_grep "Everything is committed" status.out
'

test_expect_success 'every kind of change, as git status sees it' '
	j=journal &&
	echo more >>$j/sam-with-alex/2026-02-02.md &&
	rm $j/sam-with-alex/attachments/old.txt &&
	echo new >$j/sam-with-alex/attachments/new.txt &&
	mkdir -p $j/sam-with-alex/attachments/deep/er && echo x >$j/sam-with-alex/attachments/deep/er/x.txt &&
	echo "# changed" >>$j/templates/enabling.md &&
	echo changed >>$j/build/kept.txt &&
	echo noise >$j/build/other.txt && echo noise >$j/sam-with-alex/run.log &&
	printf -- "---\ndate: 2026-11-20\nstage: enabling\n---\nmine\n" >$j/sam-with-alex/2026-11-20-me.private.md &&
	mkdir $j/newcomer && echo "[relationship]" >$j/newcomer/agreement.ini &&
	mkdir $j/sam-with-alex/empty &&
	cat >expect <<-\EOF &&
	modified build/kept.txt
	new newcomer/agreement.ini
	modified sam-with-alex/2026-02-02.md
	private sam-with-alex/2026-11-20-me.private.md
	new sam-with-alex/attachments/deep/er/x.txt
	new sam-with-alex/attachments/new.txt
	deleted sam-with-alex/attachments/old.txt
	modified templates/enabling.md
	EOF
	changes $j >actual &&
	test_cmp expect actual &&
	git_paths $j >git.paths &&
	grep -v "^private " actual | cut -d" " -f2 >ours.paths &&
	test_cmp git.paths ours.paths
'

test_expect_success 'what git add and git rm --cached staged is seen' '
	j=journal &&
	git -C $j add sam-with-alex/attachments/new.txt templates/enabling.md &&
	echo again >>$j/templates/enabling.md &&
	git -C $j rm -q --cached sam-with-alex/2026-01-19.md &&
	echo staged >$j/sam-with-alex/staged.txt && git -C $j add sam-with-alex/staged.txt &&
	rm $j/sam-with-alex/staged.txt &&
	changes $j >actual &&
	test_grep "^new sam-with-alex/2026-01-19.md$" actual &&
	test_grep "^new sam-with-alex/attachments/new.txt$" actual &&
	test_grep "^modified templates/enabling.md$" actual &&
	test_grep "^new sam-with-alex/staged.txt$" actual &&
	git_paths $j >git.paths &&
	grep -v "^private " actual | cut -d" " -f2 >ours.paths &&
	test_cmp git.paths ours.paths
'

test_expect_success 'commit takes every change status listed; git then has nothing left' '
	mj -C journal commit --no-verify >out &&
	test_grep "^Committed" out &&
	git -C journal status --porcelain >st &&
	test ! -s st &&
	changes journal >actual &&
	echo "private sam-with-alex/2026-11-20-me.private.md" >expect &&
	test_cmp expect actual
'

test_expect_success 'a mode change, a link for a file, a file touched but unchanged' '
	j=journal &&
	chmod +x $j/sam-with-alex/attachments/plan.txt &&
	rm $j/templates/enabling.md && ln -s ../sam-with-alex/attachments/plan.txt $j/templates/enabling.md &&
	touch -d "2001-01-01" $j/sam-with-alex/2026-02-02.md &&
	changes $j >actual &&
	cat >expect <<-\EOF &&
	private sam-with-alex/2026-11-20-me.private.md
	modified sam-with-alex/attachments/plan.txt
	typechange templates/enabling.md
	EOF
	test_cmp expect actual &&
	git_paths $j >git.paths &&
	grep -v "^private " actual | cut -d" " -f2 >ours.paths &&
	test_cmp git.paths ours.paths &&
	git -C journal diff-files --name-only >stale &&
	test_grep ! "2026-02-02.md" stale
'

test_expect_success 'an edit that keeps the size and the modification time is seen' '
	j=journal &&
	git -C $j checkout -q -- . &&
	f=$j/sam-with-alex/attachments/plan.txt &&
	echo "aaaa" >$f && git -C $j add -A && git -C $j commit -qm same-size &&
	touch -r $f stamp && echo "bbbb" >$f && touch -r stamp $f &&
	changes $j >actual &&
	test_grep "^modified sam-with-alex/attachments/plan.txt$" actual &&
	git -C $j checkout -q -- .
'

test_expect_success 'git filters count: a CRLF file under core.autocrlf, touched, is unchanged' '
	j=journal &&
	git -C $j config core.autocrlf true &&
	printf "one\r\ntwo\r\n" >$j/sam-with-alex/attachments/crlf.txt &&
	git -C $j add sam-with-alex/attachments/crlf.txt 2>/dev/null &&
	git -C $j commit -qm crlf &&
	git -C $j cat-file -p HEAD:sam-with-alex/attachments/crlf.txt >blob &&
	printf "one\ntwo\n" >expect.blob && test_cmp expect.blob blob &&
	touch -d "2001-01-01" $j/sam-with-alex/attachments/crlf.txt &&
	changes $j >actual &&
	test_grep ! "crlf.txt" actual &&
	printf "one\r\nthree\r\n" >$j/sam-with-alex/attachments/crlf.txt &&
	changes $j >actual &&
	test_grep "^modified sam-with-alex/attachments/crlf.txt$" actual &&
	git -C $j checkout -q -- . && git -C $j config --unset core.autocrlf
'

test_expect_success 'a journal in a folder of a larger repository: only its own changes' '
	git init -q big && mkdir big/other &&
	(cd big && mj init mentoring >/dev/null) &&
	echo outside >big/other/file.txt && echo top >big/top.txt &&
	git -C big add -A && git -C big commit -qm start &&
	echo more >>big/other/file.txt && echo new >big/other/new.txt &&
	echo note >big/mentoring/loose.txt &&
	changes big/mentoring >actual &&
	echo "new loose.txt" >expect &&
	test_cmp expect actual
'

test_expect_success 'a private note git was given: git rm --cached, then commit takes it out of git' '
	j=journal &&
	p=sam-with-alex/2026-11-20-me.private.md &&
	git -C $j rm -rq newcomer && git -C $j commit -qm tidy &&
	git -C $j add -f $p && git -C $j commit -qm oops &&
	test_expect_code 1 mj -C $j check >out 2>/dev/null &&
	test_grep "private-tracked" out &&
	git -C $j rm -q --cached $p &&
	changes $j >actual &&
	test_grep "^deleted $p$" actual &&
	mj -C $j commit >out &&
	test_grep "^Committed" out &&
	git -C $j ls-tree -r --name-only HEAD >tree &&
	test_grep ! "private" tree &&
	test -f $j/$p &&
	mj -C $j check >out 2>/dev/null &&
	test_grep ! "private-tracked" out
'

test_expect_success 'what git has is remembered, checked, and rebuilt when damaged' '
	j=journal &&
	echo change >>$j/sam-with-alex/attachments/plan.txt &&
	changes $j >expect &&
	test_grep "^modified sam-with-alex/attachments/plan.txt$" expect &&
	MJOURNAL_TRACE=1 mj -C $j status 2>trace >/dev/null &&
	test_grep "git index remembered" trace &&
	for f in index head; do
		size=$(stat -c %s $j/.mjournal/$f) &&
		printf "XXXX" | dd of=$j/.mjournal/$f bs=1 seek=$((size - 6)) conv=notrunc 2>/dev/null || return 1
	done &&
	MJOURNAL_TRACE=1 mj -C $j status 2>trace >/dev/null &&
	test_grep ! "git index remembered" trace &&
	changes $j >actual &&
	test_cmp expect actual &&
	git -C $j add sam-with-alex/attachments/plan.txt &&
	changes $j >actual &&
	test_grep "^modified sam-with-alex/attachments/plan.txt$" actual &&
	git -C $j commit -qm plan &&
	changes $j >actual &&
	test_grep ! "plan.txt" actual &&
	MJOURNAL_CACHE=off mj -C $j status >off &&
	mj -C $j status >on &&
	test_cmp off on
'

# head_memo DIR: HEAD's files as mjournal remembers them, as ls-tree says
head_memo() {
	tr "\\000" "\\n" <"$1/.mjournal/head" | sed 1d | sort
}

test_expect_success 'HEAD moved by commits: its files brought up to date, as a full read has them' '
	j=journal &&
	mj -C $j status >/dev/null &&
	mkdir -p $j/sam-with-alex/attachments/new/deeper &&
	echo a >$j/sam-with-alex/attachments/new/a.txt &&
	echo b >$j/sam-with-alex/attachments/new/deeper/b.txt &&
	echo more >>$j/templates/enabling.md &&
	git -C $j rm -rq sam-with-alex/attachments/deep &&
	chmod +x $j/sam-with-alex/attachments/new.txt &&
	git -C $j add -A && git -C $j commit -qm moved &&
	MJOURNAL_TRACE=1 mj -C $j status 2>trace >/dev/null &&
	test_grep "brought up to date" trace &&
	git -C $j ls-tree -r HEAD | sed -e "s/ blob / /" -e "s/	/ /" | sort >expect &&
	head_memo $j >actual &&
	test_cmp expect actual &&
	test_grep "deeper/b.txt" actual &&
	test_grep ! "deep/er" actual &&
	rm $j/.mjournal/head $j/.mjournal/index &&
	mj -C $j status >/dev/null &&
	head_memo $j >full &&
	test_cmp expect full
'

test_expect_success 'files git was told not to look at: assume-unchanged, skip-worktree, core.fileMode' '
	j=journal &&
	git -C $j checkout -q -- . &&
	git -C $j update-index --assume-unchanged sam-with-alex/attachments/plan.txt &&
	git -C $j update-index --skip-worktree templates/enabling.md &&
	echo edited >>$j/sam-with-alex/attachments/plan.txt &&
	rm $j/templates/enabling.md &&
	git -C $j config core.fileMode false &&
	chmod +x $j/sam-with-alex/2026-02-02.md &&
	git_paths $j >git.paths &&
	test ! -s git.paths &&
	changes $j >actual &&
	echo "private sam-with-alex/2026-11-20-me.private.md" >expect &&
	test_cmp expect actual &&
	mj -C $j commit --no-verify >out &&
	test_grep "Nothing to commit" out &&
	git -C $j update-index --no-assume-unchanged sam-with-alex/attachments/plan.txt &&
	git -C $j update-index --no-skip-worktree templates/enabling.md &&
	git -C $j config core.fileMode true &&
	changes $j >actual &&
	cat >expect <<-\EOF &&
	modified sam-with-alex/2026-02-02.md
	private sam-with-alex/2026-11-20-me.private.md
	modified sam-with-alex/attachments/plan.txt
	deleted templates/enabling.md
	EOF
	test_cmp expect actual &&
	git -C $j checkout -q -- . && chmod -x $j/sam-with-alex/2026-02-02.md
'

test_expect_success 'a split index: refused, saying what makes it readable; then it works' '
	j=journal &&
	echo "split" >>$j/sam-with-alex/attachments/plan.txt &&
	git -C $j update-index --split-index &&
	for c in status check commit; do
		test_expect_code 2 mj -C $j $c >out 2>err &&
		test_grep "the git index: it is split" err &&
		test_grep "git update-index --no-split-index" err || return 1
	done &&
	git -C $j update-index --no-split-index &&
	changes $j >actual &&
	test_grep "^modified sam-with-alex/attachments/plan.txt$" actual &&
	mj -C $j commit --no-verify >out &&
	test_grep "^Committed" out &&
	git -C $j status --porcelain >st &&
	test ! -s st
'

test_expect_success 'another repository inside the journal is not walked' '
	git init -q journal/sam-with-alex/attachments/vendored &&
	echo x >journal/sam-with-alex/attachments/vendored/x.txt &&
	changes journal >actual &&
	test_grep ! "vendored" actual
'

test_done
