#!/bin/sh
# Links and locks: mjournal never reads or writes through a symbolic link
# that came from the journal (a collaborator commits it with plain git:
# git add -f, ln -s), and its locks fail closed with messages that name
# the file: a lock that is a link or a folder is refused, one a killed
# mjournal left is taken over, and git's own old locks are named with
# what to do.
. "$(dirname "$0")/lib.sh"
export MJOURNAL_TODAY=2026-03-01

# collaborate NAME COMMANDS: a collaborator's clone of the journal runs
# COMMANDS, commits everything they made with plain git (git add -f -A)
# and pushes it to a remote of its own; NAME is then a fresh clone of
# that remote, as another mentor gets it.
collaborate() {
	rm -rf "$1.git" "$1-theirs" "$1" &&
	git clone -q --bare journal "$1.git" &&
	git clone -q "$1.git" "$1-theirs" &&
	(cd "$1-theirs" && eval "$2" && git add -f -A &&
	 git commit -q -m "$1 from a collaborator" && git push -q origin main) &&
	git clone -q "$1.git" "$1"
}

# empty DIR: DIR holds nothing (what mjournal must never write through)
empty() {
	ls -A "$1" >listing &&
	if [ -s listing ]; then
		echo "written outside the journal, in $1:"; cat listing; return 1
	fi
}

# copy NAME: a copy of the journal of its own, for one test
copy() {
	rm -rf "$1" && cp -R journal "$1"
}

# touch_note DIR TEXT: a change to commit in the journal DIR
touch_note() {
	printf -- "---\ndate: 2026-02-02\nstage: preparing\n---\n%s\n" "$2" \
		>"$1/sam-with-alex/2026-02-02.md"
}

# the PID of a process that has ended
dead_pid() {
	sh -c "exit 0" & _pid=$! && wait $_pid && echo $_pid
}

test_expect_success 'setup: a journal in git, and folders outside it' '
	make_journal journal &&
	printf -- "---\ndate: 2026-01-20\nstage: preparing\n---\nFirst thoughts.\n" \
		>journal/sam-with-alex/2026-01-20.md &&
	mj -C journal commit >/dev/null &&
	mkdir outside-report outside-cache outside-dot outside-templates &&
	printf -- "---\ndate: {{date}}\nstage: preparing\n---\nMARKER-FROM-OUTSIDE\n" \
		>outside-template.md &&
	cp outside-template.md outside-templates/preparing.md
'

test_expect_success 'setup: a clone where .mjournal/report and .mjournal/cache are links' '
	collaborate links "mkdir .mjournal &&
		ln -s \"$TRASH/outside-report\" .mjournal/report &&
		ln -s \"$TRASH/outside-cache\" .mjournal/cache" &&
	test -L links/.mjournal/report
'

test_expect_success 'report never writes through a committed .mjournal/report link' '
	test_expect_code 2 mj -C links report >out 2>err &&
	test_grep "^mjournal: .mjournal/report is a symbolic link, and mjournal never reads or writes through a link inside a journal: remove it (rm .mjournal/report) and run the command again" err &&
	test_grep "^hint: .*git rm -r --cached .mjournal" err &&
	empty outside-report &&
	test -L links/.mjournal/report
'

test_expect_success 'the cache is never written through a .mjournal/cache link, nor in its place' '
	# notes are cached once they are a few seconds old
	sleep 3 &&
	mj -C links status >out &&
	mj -C links status >out &&
	test_grep "sam-with-alex" out &&
	empty outside-cache &&
	test -L links/.mjournal/cache &&
	test -z "$(git -C links status --porcelain .mjournal)"
'

test_expect_success 'check reports the links and the tracked .mjournal/ files' '
	test_expect_code 1 mj -C links check >out 2>err &&
	test_grep "^\.mjournal/report: error: is a symbolic link; mjournal never reads or writes through it.*\[symlink\]$" out &&
	test_grep "^\.mjournal/cache: error: is a symbolic link.*\[symlink\]$" out &&
	test_grep "^\.mjournal/report: error: is mjournal.s own .* git rm -r --cached \.mjournal, then git commit \[mjournal-tracked\]$" out &&
	test_grep "^\.mjournal/cache: error: .*\[mjournal-tracked\]$" out &&
	test_expect_code 1 mj -C links check --format json >json &&
	test_grep "\"rule\": \"mjournal-tracked\"" json
'

test_expect_success 'a tracked file under .mjournal/ is reported, staged or committed' '
	collaborate owncache "mkdir -p .mjournal && echo not-a-memo >.mjournal/private" &&
	test_expect_code 1 mj -C owncache check >out &&
	test_grep "^\.mjournal/private: error: is mjournal.s own.*\[mjournal-tracked\]$" out &&
	test_expect_code 1 mj -C owncache check --staged >out &&
	test_grep "^\.mjournal/private: error: .*\[mjournal-tracked\]$" out &&
	git -C owncache rm -q -r --cached .mjournal &&
	git -C owncache commit -q -m "out of git" &&
	mj -C owncache check >out &&
	test_grep ! "mjournal-tracked" out
'

test_expect_success 'a clone whose .mjournal is a link: nothing is written outside' '
	collaborate dot "ln -s \"$TRASH/outside-dot\" .mjournal" &&
	test -L dot/.mjournal &&
	for cmd in "status" "log" "actions" "check --format json"; do
		test_expect_code_in "0 1" mj -C dot $cmd >out 2>&1 || return 1
	done &&
	test_expect_code 1 mj -C dot check >out &&
	test_grep "^\.mjournal: error: is a symbolic link.*\[symlink\]$" out &&
	test_grep "^\.mjournal: error: .*\[mjournal-tracked\]$" out &&
	test_expect_code 2 mj -C dot note sam-with-alex --no-edit --stage preparing >out 2>err &&
	test_grep "^mjournal: \.mjournal is a symbolic link, and mjournal never reads or writes through a link inside a journal: remove it (rm \.mjournal)" err &&
	test_expect_code 2 mj -C dot commit >out 2>err &&
	test_grep "^mjournal: \.mjournal is a symbolic link" err &&
	test_expect_code 2 mj -C dot report >out 2>err &&
	test_grep "^mjournal: \.mjournal is a symbolic link" err &&
	empty outside-dot
'

test_expect_success 'a template that is a link is neither read nor committed' '
	collaborate tmpl "mkdir templates &&
		ln -s \"$TRASH/outside-template.md\" templates/preparing.md" &&
	test_expect_code 2 mj -C tmpl note sam-with-alex --no-edit --stage preparing >out 2>err &&
	test_grep "^mjournal: templates/preparing.md is a symbolic link, and mjournal never reads or writes through a link" err &&
	test_grep "^hint: put the template itself there" err &&
	ls tmpl/sam-with-alex >notes &&
	test_grep ! "2026-03-01" notes &&
	test_expect_code 1 mj -C tmpl check >out &&
	test_grep "^templates/preparing.md: error: is a symbolic link.*\[symlink\]$" out &&
	git -C tmpl log -p --all >history &&
	test_grep ! "MARKER-FROM-OUTSIDE" history
'

test_expect_success 'a templates folder that is a link is never followed' '
	collaborate tdir "ln -s \"$TRASH/outside-templates\" templates" &&
	test_expect_code 2 mj -C tdir note sam-with-alex --no-edit --stage preparing >out 2>err &&
	test_grep "^mjournal: templates is a symbolic link" err &&
	test_expect_code 1 mj -C tdir check >out &&
	test_grep "^templates: error: is a symbolic link.*\[symlink\]$" out &&
	git -C tdir log -p --all >history &&
	test_grep ! "MARKER-FROM-OUTSIDE" history &&
	! grep -r "MARKER-FROM-OUTSIDE" tdir/sam-with-alex
'

test_expect_success 'a committed .mjournal/lock link is refused, named, never followed' '
	collaborate lock "mkdir .mjournal && ln -s \"$TRASH/outside-lock\" .mjournal/lock" &&
	touch_note lock "a change" &&
	test_expect_code 2 mj -C lock commit >out 2>err &&
	test_grep "^mjournal: \.mjournal/lock is a symbolic link, and mjournal never reads or writes through a link inside a journal: remove it (rm \.mjournal/lock) and run the command again" err &&
	test_path_is_missing outside-lock &&
	rm lock/.mjournal/lock &&
	test_expect_code 1 mj -C lock commit >out 2>err &&
	test_grep "^\.mjournal/lock: error: .*git rm -r --cached \.mjournal, then git commit \[mjournal-tracked\]$" err &&
	git -C lock rm -q -r --cached .mjournal &&
	git -C lock commit -q -m "mjournal.s own files out of git" &&
	mj -C lock commit >out &&
	test_grep "^Committed" out &&
	test -f lock/.mjournal/lock
'

test_expect_success 'a folder at .mjournal/lock is refused and named' '
	copy j-dir &&
	rm -rf j-dir/.mjournal/lock && mkdir -p j-dir/.mjournal/lock &&
	touch_note j-dir "a change" &&
	test_expect_code 2 mj -C j-dir commit >out 2>err &&
	test_grep "^mjournal: \.mjournal/lock is a folder where mjournal expects a file: move it out of the way" err &&
	rmdir j-dir/.mjournal/lock &&
	mj -C j-dir commit >out &&
	test_grep "^Committed" out
'

test_expect_success 'the journal lock says who holds it; one a killed run left is taken over' '
	copy j-left &&
	dead=$(dead_pid) &&
	printf "mjournal %s somewhere\n" $dead >j-left/.mjournal/lock &&
	touch_note j-left "again" &&
	mj -C j-left commit >out 2>err &&
	test_grep "^Committed" out &&
	test_grep "^mjournal: \.mjournal/lock was left by mjournal (PID $dead on somewhere), which ended without releasing it: taken over" err &&
	test ! -s j-left/.mjournal/lock &&
	mj -C j-left commit >out 2>err &&
	test_grep ! "taken over" err
'

test_expect_success 'git.s index lock a killed mjournal left is taken over, with a message' '
	copy j-index &&
	dead=$(dead_pid) &&
	printf "mjournal %s\n" $dead >j-index/.git/index.lock &&
	touch_note j-index "once more" &&
	mj -C j-index commit >out 2>err &&
	test_grep "^Committed" out &&
	test_grep "^mjournal: \.git/index\.lock was left by mjournal (PID $dead), which ended without releasing it: taken over" err &&
	test_path_is_missing j-index/.git/index.lock
'

test_expect_success 'another machine.s lock is never taken over: its holder is named' '
	copy j-host &&
	dead=$(dead_pid) &&
	printf "mjournal %s elsewhere.example\n" $dead >j-host/.git/index.lock &&
	touch_note j-host "from elsewhere" &&
	test_expect_code 2 env MJOURNAL_LOCK_WAIT=1 "$MJOURNAL" -C j-host commit >out 2>err &&
	test_grep "^mjournal: git.s index is busy: mjournal (PID $dead on elsewhere.example) held \.git/index\.lock for 1 seconds" err &&
	test -f j-host/.git/index.lock &&
	rm j-host/.git/index.lock
'

test_expect_success 'an old git index lock is named with the file to remove, never removed' '
	copy j-old &&
	touch_note j-old "an old lock" &&
	: >j-old/.git/index.lock &&
	touch -d "2 hours ago" j-old/.git/index.lock &&
	test_expect_code 2 mj -C j-old commit >out 2>err &&
	test_grep "^mjournal: git.s index is locked (\.git/index\.lock) and has been for a long time: if no git command is running, remove \.git/index\.lock and try again" err &&
	test -f j-old/.git/index.lock &&
	rm j-old/.git/index.lock
'

test_expect_success 'git.s branch lock is waited for, then named with what to do' '
	copy j-branch &&
	touch_note j-branch "on a locked branch" &&
	: >j-branch/.git/refs/heads/main.lock &&
	test_expect_code 2 env MJOURNAL_LOCK_WAIT=1 "$MJOURNAL" -C j-branch commit >out 2>err &&
	test_grep "^mjournal: the branch main is busy: another git command (.*) held \.git/refs/heads/main\.lock for 1 seconds; try again" err &&
	touch -d "2 hours ago" j-branch/.git/refs/heads/main.lock &&
	test_expect_code 2 mj -C j-branch commit >out 2>err &&
	test_grep "^mjournal: the branch main is locked (\.git/refs/heads/main\.lock) and has been for a long time: if no git command is running, remove \.git/refs/heads/main\.lock and try again" err &&
	test -f j-branch/.git/refs/heads/main.lock &&
	rm j-branch/.git/refs/heads/main.lock &&
	mj -C j-branch commit >out &&
	test_grep "^Committed" out &&
	git -C j-branch fsck --strict
'

test_done
