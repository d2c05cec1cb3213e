#!/bin/sh
# mjournal writes an encrypted hub on this machine itself, in
# git-remote-gcrypt's format: what it writes plain git with the helper
# reads, it encrypts each push with two runs of gpg (the pack, the
# manifest) and decrypts nothing it wrote itself, it never trusts a
# manifest no participant signed, and it leaves the helper what it does
# not do (a hub due for repacking).
. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/lib-gpg.sh"
export MJOURNAL_TODAY=2026-11-30
MARKER=zq-in-process-marker
trap 'kill_agents alex sam kim mallory; cd / && rm -rf "$TRASH"' EXIT

# note_in WHO SLUG TITLE: a held session note with the marker, committed
note_in() {
	EDITOR=true as "$1" "$MJOURNAL" -C "$TRASH/$1" note "$2" --no-edit \
		--attendance held --duration 30m --date 2026-11-24 --title "$3" >/dev/null &&
	echo "$MARKER" >>"$TRASH/$1/$2/2026-11-24-$(echo "$3" | tr "A-Z " "a-z-").md" &&
	as "$1" "$MJOURNAL" -C "$TRASH/$1" commit -m "$3" >/dev/null
}

# the files on the hub's branch, one name a line
hub_files() {
	git -C hub.git ls-tree --name-only master
}

test_expect_success 'setup: readers, a journal on an encrypted hub that keeps a reflog' '
	make_keys "alex:Alex Doe" "sam:Sam Roe" "kim:Kim Lee" "mallory:Mal Ory" &&
	share_keys alex sam kim mallory &&
	marked_journal &&
	git -C hub.git config core.logAllRefUpdates always &&
	as alex mj -C alex remote add --encrypted origin "$TRASH/hub.git" \
		--to alex@example.org --to sam@example.org --to kim@example.org >/dev/null &&
	as alex mj -C alex sync >/dev/null &&
	cat >log-gpg <<-EOF &&
	#!/bin/sh
	echo "\$*" >>"$TRASH/gpg.log"
	exec gpg "\$@"
	EOF
	chmod +x log-gpg
'

test_expect_success 'a push after a push: gpg run twice (pack, manifest), nothing decrypted' '
	note_in alex jo-with-maria "First here" &&
	as alex mj -C alex sync >/dev/null &&
	note_in alex jo-with-maria "Second here" &&
	rm -f gpg.log &&
	git -C alex config gpg.program "$TRASH/log-gpg" &&
	as alex mj -C alex sync >out &&
	git -C alex config --unset gpg.program &&
	test_grep "Pushed main to origin" out &&
	grep -c -- " -c\$" gpg.log >n && echo 1 >expect && test_cmp expect n &&
	grep -c -- " -se " gpg.log >n && test_cmp expect n &&
	test_line_count = 2 gpg.log &&
	nothing_readable hub.git
'

test_expect_success 'the hub is as the helper writes it: one commit of no one, packs and the manifest' '
	git -C hub.git log --format="%an <%ae> %at %P|%s" master >log &&
	echo "root <root@localhost> 1356994801 |Initial commit" >expect &&
	test_cmp expect log &&
	hub_files >files &&
	test_line_count -ge 3 files &&
	{ grep -v -E "^[0-9a-f]{64}\$" files >odd || :; } &&
	! test -s odd &&
	for f in $(cat files); do
		git -C hub.git cat-file blob "master:$f" >blob &&
		if [ "$f" != 91bd0c092128cf2e60e1a608c31e92caf1f9c1595f83f2890ef17c0e4881aa0a ]; then
			sha256sum blob | cut -d" " -f1 >sum && echo "$f" >want &&
			test_cmp want sum || return 1
		fi
	done &&
	hub_s2k_counts hub.git | sort -u >counts &&
	echo 65536 >expect && test_cmp expect counts
'

test_expect_success 'plain git with git-remote-gcrypt reads it, pushes back, and mjournal reads that' '
	as kim git clone -q -b main "gcrypt::$TRASH/hub.git" kim 2>/dev/null &&
	test -f kim/jo-with-maria/2026-11-24-second-here.md &&
	as sam git clone -q -b main "gcrypt::$TRASH/hub.git" sam 2>/dev/null &&
	as sam mj -C sam remote keys origin --add alex@example.org \
		--add sam@example.org --add kim@example.org >/dev/null &&
	note_in sam helen-with-ravi "From sam" &&
	as sam git -C sam push -q origin main 2>/dev/null &&
	# plain git.s own push logs its pusher on the hub: not mjournal.s
	rm -rf hub.git/logs &&
	note_in alex jo-with-maria "After sam" &&
	as alex mj -C alex sync >out &&
	test -f alex/helen-with-ravi/2026-11-24-from-sam.md &&
	as kim git -C kim pull -q 2>/dev/null &&
	test -f kim/jo-with-maria/2026-11-24-after-sam.md &&
	test -f kim/helen-with-ravi/2026-11-24-from-sam.md &&
	nothing_readable hub.git
'

test_expect_success 'a manifest no participant signed is never trusted: nothing is pushed' '
	as mallory gpg --batch --quiet --import "$TRASH/alex.pub" 2>/dev/null &&
	printf "repo :id:mallory\n" |
		as mallory gpg --batch --quiet --trust-model=always --compress-algo none \
			-se -r alex@example.org -u mallory@example.org >forged &&
	blob=$(git -C hub.git hash-object -w --stdin <forged) &&
	tree=$(printf "100644 blob %s\t91bd0c092128cf2e60e1a608c31e92caf1f9c1595f83f2890ef17c0e4881aa0a\n" "$blob" |
		git -C hub.git mktree) &&
	forged=$(echo Initial commit | GIT_AUTHOR_NAME=root GIT_AUTHOR_EMAIL=root@localhost \
		GIT_COMMITTER_NAME=root GIT_COMMITTER_EMAIL=root@localhost \
		git -C hub.git commit-tree "$tree") &&
	good=$(git -C hub.git rev-parse master) &&
	git -C hub.git update-ref refs/heads/master "$forged" &&
	note_in alex jo-with-maria "Not to mallory" &&
	test_must_fail as alex mj -C alex push >out 2>&1 &&
	git -C hub.git rev-parse master >now &&
	echo "$forged" >expect && test_cmp expect now &&
	git -C hub.git update-ref refs/heads/master "$good" &&
	rm -rf hub.git/logs &&
	as alex mj -C alex sync >out &&
	test_grep "Pushed main to origin" out
'

test_expect_success 'past 25 packs the helper repacks the hub; mjournal pushes on' '
	n=0 &&
	while [ $n -lt 27 ]; do
		n=$((n + 1)) &&
		note_in alex jo-with-maria "Pack $n" &&
		as alex mj -C alex sync >out 2>&1 || { cat out; return 1; }
		hub_files >files &&
		test $(wc -l <files) -le 28 || return 1
	done &&
	test $(wc -l <files) -lt 27 &&
	rm -rf kim &&
	as kim git clone -q -b main "gcrypt::$TRASH/hub.git" kim 2>/dev/null &&
	test -f kim/jo-with-maria/2026-11-24-pack-27.md &&
	test -f kim/helen-with-ravi/2026-11-24-from-sam.md &&
	nothing_readable hub.git
'

test_done
