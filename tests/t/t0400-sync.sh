#!/bin/sh
# mjournal sync, pull and push with real remotes: a bare repository over a
# path, and an ssh remote served by a real sshd on 127.0.0.1.
. "$(dirname "$0")/lib.sh"
export MJOURNAL_TODAY=2026-11-23

# edit FILE OLD NEW: replace a heading line, as a person would in an editor
edit() {
	sed -i "s/^$2\$/$3/" "$1"
}

test_expect_success 'setup: a journal and a bare remote' '
	git init -q --bare remote.git &&
	cp -R "$SAMPLE_DIR" alex &&
	git -C alex init -q &&
	git -C alex add -A && git -C alex commit -q -m "The programme" &&
	git -C alex remote add origin "$TRASH/remote.git"
'

test_expect_success 'the first sync pushes and sets the upstream' '
	mj -C alex sync >out &&
	test_grep "origin has no branch main yet" out &&
	test_grep "Pushed main to origin (now its upstream)" out &&
	git -C alex rev-parse --abbrev-ref main@{upstream} >up &&
	echo origin/main >expect &&
	test_cmp expect up &&
	git -C remote.git log --format=%s main >log &&
	echo "The programme" >expect &&
	test_cmp expect log
'

test_expect_success 'a clone made with git clone is used by mjournal' '
	git clone -q remote.git sam &&
	mj -C sam check >/dev/null &&
	mj -C sam status >out &&
	test_grep "Everything is committed" out &&
	mj -C sam sync >out &&
	test_grep "Already up to date with origin/main" out
'

test_expect_success 'two clones write different notes and sync both ways' '
	EDITOR=true mj -C sam note sam-with-alex --no-edit --attendance held --duration 60m --date 2026-11-23 --title "From Sam" >/dev/null &&
	EDITOR=true mj -C alex note jo-with-maria --no-edit --attendance held --duration 60m --date 2026-11-23 --title "From Alex" >/dev/null &&
	mj -C sam sync >out &&
	test_grep "Pushed main" out &&
	mj -C alex sync >out &&
	test_grep "Merged origin/main: both sides had written" out &&
	test_grep "Pushed main" out &&
	mj -C sam sync >out &&
	test_grep "Brought in origin/main (fast-forward)" out &&
	test -f sam/jo-with-maria/2026-11-23-from-alex.md &&
	test -f alex/sam-with-alex/2026-11-23-from-sam.md &&
	git -C alex rev-parse HEAD >a && git -C sam rev-parse HEAD >b &&
	test_cmp a b &&
	git -C alex log -1 --format=%P >parents &&
	test $(wc -w <parents) -eq 2
'

test_expect_success 'both edit the same line: the conflict is named, nothing is lost' '
	edit sam/sam-with-alex/2026-11-09.md "# Getting ready to close" "# Ready to close, says Sam" &&
	mj -C sam commit >/dev/null && mj -C sam sync >/dev/null &&
	edit alex/sam-with-alex/2026-11-09.md "# Getting ready to close" "# Close soon, says Alex" &&
	mj -C alex commit >/dev/null &&
	test_expect_code 1 mj -C alex sync >out &&
	test_grep "^Conflict: both sides wrote" out &&
	test_grep "^  both edited: sam-with-alex/2026-11-09.md$" out &&
	test_grep "^<<<<<<< main$" alex/sam-with-alex/2026-11-09.md &&
	test_grep "^>>>>>>> origin/main [0-9a-f]\{7\}$" alex/sam-with-alex/2026-11-09.md &&
	test_grep "Ready to close, says Sam" alex/sam-with-alex/2026-11-09.md &&
	test_grep "Close soon, says Alex" alex/sam-with-alex/2026-11-09.md &&
	test_grep "^<<<<<<< " alex/sam-with-alex/2026-11-09.md &&
	test -f alex/.git/MERGE_HEAD &&
	test_expect_code 1 mj -C alex check >out &&
	test_grep "2026-11-09.md:7:1: error: merge conflict markers" out &&
	test_expect_code 1 mj -C alex commit 2>err &&
	test_grep "conflict markers" err &&
	git -C remote.git log -1 --format=%s main >remote &&
	test_grep "sam-with-alex: edit session 2026-11-09" remote
'

test_expect_success 'plain git can see the unfinished merge; mjournal commit finishes it' '
	git -C alex status >st &&
	test_grep "You have unmerged paths" st &&
	sed -i -e "/^<<<<<<< /d" -e "/^=======\$/d" -e "/^>>>>>>> /d" \
		-e "s/^# Close soon, says Alex\$//" alex/sam-with-alex/2026-11-09.md &&
	mj -C alex commit >out &&
	test ! -f alex/.git/MERGE_HEAD &&
	git -C alex log -1 --format=%P >parents &&
	test $(wc -w <parents) -eq 2 &&
	mj -C alex sync >out &&
	test_grep "Pushed main" out &&
	mj -C sam sync >/dev/null &&
	test_grep "Ready to close, says Sam" sam/sam-with-alex/2026-11-09.md &&
	git -C sam status --porcelain >st && test ! -s st
'

test_expect_success 'a conflict can also be finished with plain git' '
	edit sam/jo-with-maria/2026-11-02.md "# Shadowing the platform on-call" "# On-call, by Sam" &&
	mj -C sam commit >/dev/null && mj -C sam sync >/dev/null &&
	edit alex/jo-with-maria/2026-11-02.md "# Shadowing the platform on-call" "# On-call, by Alex" &&
	mj -C alex commit >/dev/null &&
	test_expect_code 1 mj -C alex pull >out &&
	git -C alex checkout -q --theirs jo-with-maria/2026-11-02.md &&
	git -C alex add jo-with-maria/2026-11-02.md &&
	git -C alex commit -q --no-edit &&
	mj -C alex check jo-with-maria &&
	mj -C alex push >out &&
	test_grep "Pushed main to origin" out
'

test_expect_success 'sync refuses to merge over uncommitted work' '
	echo "unsaved thought" >>alex/sam-with-alex/2026-11-09.md &&
	test_expect_code 1 mj -C alex sync 2>err &&
	test_grep "not committed" err &&
	test_grep "modified    sam-with-alex/2026-11-09.md" err &&
	test_grep "unsaved thought" alex/sam-with-alex/2026-11-09.md &&
	mj -C alex commit >/dev/null
'

test_expect_success 'push is refused when the remote moved on; sync then works' '
	EDITOR=true mj -C sam note helen-with-ravi --no-edit --attendance held --duration 60m --date 2026-11-23 >/dev/null &&
	mj -C sam sync >/dev/null &&
	EDITOR=true mj -C alex note data-circle --no-edit --attendance held --duration 60m --date 2026-11-23 >/dev/null &&
	test_expect_code 2 mj -C alex push 2>err &&
	test_grep "mjournal sync" err &&
	mj -C alex sync >out &&
	test_grep "Merged" out
'

test_expect_success 'private notes appear in no commit of any repository' '
	echo "doubts" >alex/sam-with-alex/2026-11-23-doubts.private.md &&
	echo "doubts" >sam/sam-with-alex/2026-11-23-mine.private.md &&
	mj -C alex commit >/dev/null &&
	mj -C alex sync >/dev/null &&
	mj -C sam sync >/dev/null &&
	for r in alex sam remote.git; do
		git -C $r log --all --name-only --format= >names &&
		test_no_grep "private" names || return 1
	done
'

test_expect_success 'git fsck passes on every repository' '
	git -C alex fsck --strict &&
	git -C sam fsck --strict &&
	git -C remote.git fsck --strict &&
	git -C remote.git log --format=%s main >log &&
	test_grep "^Merge origin/main: sync the journal$" log
'

test_expect_success 'errors: no remote, unknown remote' '
	mj init lonely >/dev/null &&
	test_expect_code 2 mj -C lonely sync 2>err &&
	test_grep "no remote" err &&
	test_expect_code 2 mj -C alex sync nowhere 2>err &&
	test_grep "no remote .nowhere." err
'

test_expect_success 'a relative remote is read from the top of the work tree, as git reads it' '
	git init -q --bare hub.git &&
	git clone -q remote.git rel &&
	git -C rel remote add hub ../hub.git &&
	(cd rel/sam-with-alex && "$MJOURNAL" push hub) >out &&
	test_grep "Pushed main to hub" out &&
	git -C hub.git rev-parse main >hub && git -C rel rev-parse main >here &&
	test_cmp here hub &&
	EDITOR=true mj -C rel note sam-with-alex --no-edit --attendance held --duration 60m --date 2026-11-23 --title "From a folder" >/dev/null &&
	git -C rel remote set-url origin ../hub.git &&
	(cd rel/sam-with-alex && "$MJOURNAL" sync) >out &&
	test_grep "Already up to date with origin/main" out &&
	test_grep "Pushed main to origin" out &&
	git -C hub.git ls-tree -r --name-only main >files &&
	test_grep "^sam-with-alex/2026-11-23-from-a-folder.md$" files
'

test_expect_success 'a hub whose HEAD names a branch it lacks names the pushed one after the first push' '
	git -c init.defaultBranch=master init -q --bare debian.git &&
	git -C alex remote add debian ../debian.git &&
	mj -C alex push debian >out &&
	test_grep "Pushed main to debian" out &&
	test_grep "debian.s HEAD named no branch: it names main now" out &&
	git -C debian.git symbolic-ref HEAD >head &&
	echo refs/heads/main >expect &&
	test_cmp expect head &&
	git clone -q debian.git viadebian &&
	test -f viadebian/sam-with-alex/agreement.ini &&
	mj -C alex push debian >out &&
	test_grep "debian already has main: nothing to push" out &&
	test_grep ! "HEAD" out
'

test_expect_success 'a hub whose HEAD names another branch that exists is left alone' '
	git init -q --bare chosen.git &&
	git -C alex push -q "$TRASH/chosen.git" main:refs/heads/trunk &&
	git -C chosen.git symbolic-ref HEAD refs/heads/trunk &&
	git -C alex remote add chosen "$TRASH/chosen.git" &&
	git -C alex commit -q --allow-empty -m "Moved on" &&
	mj -C alex push chosen >out &&
	test_grep "Pushed main to chosen" out &&
	test_grep ! "HEAD" out &&
	git -C chosen.git symbolic-ref HEAD >head &&
	echo refs/heads/trunk >expect &&
	test_cmp expect head &&
	git -C alex reset -q --hard HEAD~1
'

# tags NAME: the tags of repository NAME, into the file tags
tags() {
	git -C "$1" tag -l >tags
}

test_expect_success 'close, sync, reopen, sync: the closed tag leaves the hub, and no fetch brings it back' '
	mj -C alex sync >/dev/null && mj -C sam sync >/dev/null &&
	mj -C alex close lee-with-nina --early --reason "moved away" >out &&
	mj -C alex sync >out &&
	tags remote.git && test_grep "^lee-with-nina/closed$" tags &&
	mj -C sam sync >out &&
	tags sam && test_grep "^lee-with-nina/closed$" tags &&
	mj -C alex reopen lee-with-nina >out &&
	test_grep "tag removed" out &&
	mj -C alex sync >out &&
	tags remote.git && test_grep ! "lee-with-nina/closed" tags &&
	tags alex && test_grep ! "lee-with-nina/closed" tags &&
	mj -C alex sync >out &&
	tags alex && test_grep ! "lee-with-nina/closed" tags
'

test_expect_success 'the other clone that syncs afterwards loses the tag too, and never gives it back' '
	mj -C sam sync >out &&
	test_grep "Removed the tag lee-with-nina/closed: lee-with-nina was reopened" out &&
	tags sam && test_grep ! "lee-with-nina/closed" tags &&
	tags remote.git && test_grep ! "lee-with-nina/closed" tags &&
	mj -C alex sync >out &&
	tags alex && test_grep ! "lee-with-nina/closed" tags
'

test_expect_success 'closed again after the reopening: a new tag, pushed, in every clone' '
	mj -C sam close lee-with-nina --early --reason "moved away again" >out &&
	test_grep "tagged lee-with-nina/closed" out &&
	mj -C sam sync >out &&
	tags remote.git && test_grep "^lee-with-nina/closed$" tags &&
	git -C remote.git tag -n1 -l lee-with-nina/closed >tag &&
	test_grep "moved away again" tag &&
	mj -C alex sync >out &&
	git -C alex tag -n1 -l lee-with-nina/closed >tag &&
	test_grep "moved away again" tag
'

test_expect_success 'reopened and closed again before any sync: the new tag replaces the old everywhere' '
	mj -C alex reopen lee-with-nina >out &&
	mj -C alex close lee-with-nina --early --reason "third time" >out &&
	mj -C alex sync >out &&
	git -C remote.git tag -n1 -l lee-with-nina/closed >tag &&
	test_grep "third time" tag &&
	mj -C sam sync >out &&
	git -C sam tag -n1 -l lee-with-nina/closed >tag &&
	test_grep "third time" tag
'

test_expect_success 'a push that only adds a tag says so, not "Pushed main"' '
	git -C remote.git tag -d lee-with-nina/closed >/dev/null &&
	mj -C alex push >out &&
	test_grep "^Updated 1 tag on origin (it had main already)$" out &&
	test_grep ! "Pushed" out &&
	tags remote.git && test_grep "^lee-with-nina/closed$" tags
'

if command -v tmux >/dev/null 2>&1; then
test_expect_success 'progress is shown on a terminal, and only there' '
	git init -q --bare shown.git &&
	git -C alex remote add shown "$TRASH/shown.git" &&
	in_terminal 100 20 "cd \"$TRASH/alex\" && \"$MJOURNAL\" push shown" &&
	test_grep "Sending: 100% ([0-9]*/[0-9]* objects)" screen &&
	git init -q --bare quiet.git && git -C alex remote add quiet "$TRASH/quiet.git" &&
	mj -C alex push quiet >out 2>err &&
	test_no_grep "Sending" err
'
fi

# ---- ssh: a real sshd on 127.0.0.1 with throwaway keys ----
SSHD=$(command -v sshd || echo /usr/sbin/sshd)
ssh_ready=
if [ -x "$SSHD" ] && command -v ssh-keygen >/dev/null; then
	port=$((20000 + $$ % 20000))
	mkdir -p "$TRASH/sshd" "$HOME/.ssh" &&
	ssh-keygen -q -t ed25519 -N "" -f "$TRASH/sshd/host_key" &&
	ssh-keygen -q -t ed25519 -N "" -f "$HOME/.ssh/id_ed25519" &&
	cp "$HOME/.ssh/id_ed25519.pub" "$TRASH/sshd/authorized_keys" &&
	chmod 600 "$TRASH/sshd/authorized_keys" &&
	cat >"$TRASH/sshd/config" <<-CFG &&
	Port $port
	ListenAddress 127.0.0.1
	HostKey $TRASH/sshd/host_key
	AuthorizedKeysFile $TRASH/sshd/authorized_keys
	PidFile $TRASH/sshd/pid
	StrictModes no
	UsePAM no
	PasswordAuthentication no
	KbdInteractiveAuthentication no
	PermitRootLogin prohibit-password
	CFG
	[ "$(id -u)" != 0 ] || mkdir -p /run/sshd
	"$SSHD" -f "$TRASH/sshd/config" -E "$TRASH/sshd/log" 2>"$TRASH/sshd/err" &&
	for i in $(seq 1 50); do
		[ -s "$TRASH/sshd/pid" ] && break
		sleep 0.1
	done
	if [ -s "$TRASH/sshd/pid" ]; then
		ssh_ready=yes
		trap 'kill $(cat "$TRASH/sshd/pid") 2>/dev/null; cd / && rm -rf "$TRASH"' EXIT
		printf "[127.0.0.1]:%s %s\n" "$port" "$(cut -d" " -f1,2 "$TRASH/sshd/host_key.pub")" \
			>"$HOME/.ssh/known_hosts"
	fi
fi

if [ -n "$ssh_ready" ]; then
user=$(id -un)
test_expect_success 'an ssh remote: sync both ways through a real sshd' '
	git init -q --bare ssh-remote.git &&
	git -C alex remote add server "ssh://$user@127.0.0.1:$port$TRASH/ssh-remote.git" &&
	unset SSH_AUTH_SOCK &&
	if ! mj -C alex push server >out 2>err; then cat err "$TRASH/sshd/log"; false; fi &&
	test_grep "Pushed main to server" out &&
	git -C ssh-remote.git log -1 --format=%s main >remote &&
	git -C alex log -1 --format=%s >local &&
	test_cmp local remote &&
	git clone -q ssh-remote.git over-ssh &&
	git -C over-ssh remote set-url origin "ssh://$user@127.0.0.1:$port$TRASH/ssh-remote.git" &&
	EDITOR=true mj -C over-ssh note omar-with-lena --no-edit --attendance held --duration 60m --date 2026-11-23 >/dev/null &&
	mj -C over-ssh sync >out &&
	test_grep "Pushed main to origin" out &&
	mj -C alex pull server >out &&
	test_grep "Brought in server/main (fast-forward)" out &&
	git -C ssh-remote.git fsck --strict
'

if command -v ssh-agent >/dev/null && command -v ssh-add >/dev/null; then
test_expect_success 'an ssh remote through ssh-agent, with no key file on disk' '
	mv "$HOME/.ssh/id_ed25519" "$TRASH/agent-key" &&
	mv "$HOME/.ssh/id_ed25519.pub" "$TRASH/agent-key.pub" &&
	eval "$(ssh-agent -s)" >/dev/null &&
	{
		# the agent ends whatever happens (a failing mjournal too)
		ssh-add -q "$TRASH/agent-key" 2>/dev/null &&
		EDITOR=true mj -C alex note tom-with-alex --no-edit --attendance held --duration 60m --date 2026-11-23 >/dev/null &&
		mj -C alex sync server >out 2>err
		rc=$?
		ssh-agent -k >/dev/null 2>&1
	} &&
	mv "$TRASH/agent-key" "$HOME/.ssh/id_ed25519" &&
	mv "$TRASH/agent-key.pub" "$HOME/.ssh/id_ed25519.pub" &&
	if [ $rc -ne 0 ]; then cat err; false; fi &&
	test_grep "Pushed main to server" out
'
fi

test_expect_success 'an ssh remote without an accepted key: a clear error' '
	mv "$HOME/.ssh/id_ed25519" "$HOME/.ssh/moved" &&
	test_expect_code 2 mj -C alex sync server 2>err &&
	test_grep "cannot fetch from .server." err &&
	mv "$HOME/.ssh/moved" "$HOME/.ssh/id_ed25519"
'
else
test_skip 'an ssh remote: sync both ways through a real sshd' "sshd cannot run here: $(cat "$TRASH/sshd/err" 2>/dev/null)"
fi

test_done
