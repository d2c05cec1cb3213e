#!/bin/sh
# A hub that cannot read the journal: remotes encrypted in
# git-remote-gcrypt's format, with GPG keys made here (no passphrase, a
# throwaway GNUPGHOME for each person).  mjournal to mjournal, mjournal to
# plain git with git-remote-gcrypt and back, over a bare hub on a path and
# a real https server; every byte the hubs hold is searched for what the
# journal says; a removed reader cannot read what is pushed after; and
# every way to send the journal in plain text is refused.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/lib-gpg.sh"
. "$TEST_DIR/lib-http.sh"
export MJOURNAL_TODAY=2026-11-30
MARKER=Zq7secretMarker
trap 'kill_agents alex sam kim old none; stop_http; kill_terminals; cd / && rm -rf "$TRASH"' EXIT

test_expect_success 'setup: three people with GPG keys, a journal with a marker in every note' '
	make_keys "alex:Alex Doe" "sam:Sam Roe" "kim:Kim Lee" &&
	share_keys alex sam kim &&
	marked_journal
'

test_expect_success 'remote add --encrypted: a gcrypt:: URL, readers by fingerprint, remembered' '
	as alex mj -C alex remote add --encrypted origin "$TRASH/hub.git" \
		--to alex@example.org --to sam@example.org >out &&
	test_grep "Added the encrypted remote origin" out &&
	git -C alex remote get-url origin >url &&
	echo "gcrypt::$TRASH/hub.git" >expect &&
	test_cmp expect url &&
	git -C alex config remote.origin.gcrypt-participants >parts &&
	echo "$(fpr alex@example.org) $(fpr sam@example.org)" >expect &&
	test_cmp expect parts &&
	git -C alex config --bool remote.origin.gcrypt-publish-participants >publish &&
	echo true >expect &&
	test_cmp expect publish &&
	git -C alex config mjournal.origin.encrypted >mark &&
	echo "$TRASH/hub.git" >expect &&
	test_cmp expect mark &&
	test -x alex/.git/hooks/pre-push
'

test_expect_success 'remote keys lists who can read: fingerprint and name' '
	as alex mj -C alex remote keys origin >keys &&
	printf "%s  Alex Doe <alex@example.org>\n%s  Sam Roe <sam@example.org>\n" \
		$(fpr alex@example.org) $(fpr sam@example.org) >expect &&
	test_cmp expect keys
'

test_expect_success 'a key not in the keyring, or no key: refused at add' '
	test_must_fail as alex mj -C alex remote add --encrypted other "$TRASH/o.git" \
		--to nobody@example.org 2>err &&
	test_grep "nobody@example.org. is not in your keyring" err &&
	test_must_fail as alex mj -C alex remote add --encrypted other "$TRASH/o.git" 2>err &&
	test_grep "name who may read" err &&
	test_must_fail as sam mj -C alex remote add --encrypted other "$TRASH/o.git" \
		--to kim@example.org 2>err &&
	test_grep "none of these keys is yours" err &&
	test_must_fail git -C alex remote get-url other
'

test_expect_success 'sync pushes to the encrypted hub; the hub holds nothing readable' '
	as alex mj -C alex sync >out &&
	test_grep "Pushed main to origin (now its upstream)" out &&
	git -C hub.git log --all --format="%an <%ae> %s" >log &&
	test_line_count -ge 1 log &&
	test_grep ! "Alex" log &&
	nothing_readable hub.git
'

test_expect_success 'each pack is encrypted under its random key with a small iteration count' '
	hub_s2k_counts hub.git >counts &&
	test_line_count -ge 1 counts &&
	sort -u counts >distinct &&
	echo 65536 >expect &&
	test_cmp expect distinct
'

test_expect_success 'a count of the user.s own in gcrypt.gpg-args is kept' '
	git -C alex config gcrypt.gpg-args "--s2k-count 1048576" &&
	echo "A line. $MARKER" >>alex/jo-with-maria/2026-11-02.md &&
	as alex mj -C alex commit -m "A line" >/dev/null &&
	as alex mj -C alex sync >out &&
	git -C alex config --unset gcrypt.gpg-args &&
	test_grep "Pushed main to origin" out &&
	hub_s2k_counts hub.git >counts &&
	grep -c "^1048576\$" counts >n &&
	echo 1 >expect &&
	test_cmp expect n
'

test_expect_success 'setup: the same search finds the journal on a plain hub (so it can fail)' '
	git init -q --bare plain.git &&
	git -C alex push -q "$TRASH/plain.git" main 2>/dev/null &&
	test_must_fail nothing_readable plain.git >found &&
	test_grep "$MARKER" found
'

test_expect_success 'plain git with git-remote-gcrypt clones it; mjournal syncs both ways' '
	as sam git clone -q -b main "gcrypt::$TRASH/hub.git" sam 2>/dev/null &&
	test -f sam/sam-with-alex/agreement.ini &&
	as sam mj -C sam remote keys origin --add alex@example.org --add sam@example.org >out &&
	test_grep "Sam Roe" out &&
	git -C sam config --bool remote.origin.gcrypt-publish-participants >publish &&
	echo true >expect &&
	test_cmp expect publish &&
	test -x sam/.git/hooks/pre-push &&
	git -C sam config mjournal.origin.encrypted >mark &&
	echo "$TRASH/hub.git" >expect &&
	test_cmp expect mark &&
	EDITOR=true as sam mj -C sam note sam-with-alex --no-edit --attendance held \
		--duration 60m --date 2026-11-23 --title "From Sam" >/dev/null &&
	echo "$MARKER" >>sam/sam-with-alex/2026-11-23-from-sam.md &&
	as sam mj -C sam commit -m "A marker" >/dev/null &&
	EDITOR=true as alex mj -C alex note jo-with-maria --no-edit --attendance held \
		--duration 60m --date 2026-11-23 --title "From Alex" >/dev/null &&
	echo "$MARKER" >>alex/jo-with-maria/2026-11-23-from-alex.md &&
	as alex mj -C alex commit -m "A marker" >/dev/null &&
	as sam mj -C sam sync >out &&
	test_grep "Pushed main to origin" out &&
	as alex mj -C alex sync >out &&
	test_grep "Merged origin/main: both sides had written" out &&
	test_grep "Pushed main to origin" out &&
	as sam mj -C sam sync >out &&
	test_grep "Brought in origin/main (fast-forward)" out &&
	git -C alex rev-parse HEAD >a && git -C sam rev-parse HEAD >b &&
	test_cmp a b &&
	test -f sam/jo-with-maria/2026-11-23-from-alex.md &&
	nothing_readable hub.git
'

test_expect_success 'a commit pushed with plain git push through gcrypt comes in' '
	echo "A line from plain git. $MARKER" >>sam/sam-with-alex/2026-11-23-from-sam.md &&
	git -C sam commit -q -am "Plain git writes" &&
	as sam git -C sam push -q origin main 2>/dev/null &&
	as alex mj -C alex pull >out &&
	test_grep "Brought in origin/main (fast-forward)" out &&
	test_grep "A line from plain git" alex/sam-with-alex/2026-11-23-from-sam.md
'

test_expect_success 'a closed tag goes to the hub, encrypted, and comes back' '
	as alex mj -C alex close lee-with-nina --early --reason "moved away" >/dev/null &&
	git -C alex tag -l "*/closed" >tags &&
	test_line_count = 1 tags &&
	as alex mj -C alex push >out &&
	test_grep "to origin" out &&
	as sam mj -C sam sync >/dev/null &&
	git -C sam tag -l "*/closed" >sam-tags &&
	test_cmp tags sam-tags &&
	nothing_readable hub.git
'

test_expect_success 'a push never replaces what another clone pushed' '
	EDITOR=true as sam mj -C sam note helen-with-ravi --no-edit --attendance held \
		--duration 60m --date 2026-11-23 --title "Sam again" >/dev/null &&
	as sam mj -C sam push >/dev/null &&
	git -C hub.git rev-parse master >before &&
	EDITOR=true as alex mj -C alex note omar-with-lena --no-edit --attendance held \
		--duration 60m --date 2026-11-23 --title "Alex again" >/dev/null &&
	test_must_fail as alex mj -C alex push >out 2>err &&
	test_grep "run mjournal sync" err &&
	git -C hub.git rev-parse master >after &&
	test_cmp before after &&
	as alex mj -C alex sync >out &&
	test_grep "Merged origin/main" out &&
	as sam mj -C sam sync >/dev/null &&
	test -f sam/omar-with-lena/2026-11-23-alex-again.md &&
	test -f alex/helen-with-ravi/2026-11-23-sam-again.md
'

test_expect_success 'programme reads the encrypted hub with a reader'"'"'s key, and not without one' '
	as sam mj programme "gcrypt::$TRASH/hub.git" --format json >prog.json &&
	test_grep "helen-with-ravi" prog.json &&
	test_grep "lee-with-nina" prog.json &&
	mkdir -m 700 "$TRASH/gpg-none" &&
	test_must_fail as none mj programme "gcrypt::$TRASH/hub.git" >out 2>err &&
	test_grep "cannot fetch from the encrypted remote" err &&
	test_grep ! "helen-with-ravi" out
'

# hub_mark TITLE: the hub's refs kept (hub-refs), a new note committed
hub_mark() {
	git -C "$TRASH/hub.git" for-each-ref >"$TRASH/hub-refs" &&
	EDITOR=true as alex mj -C "$TRASH/alex" note helen-with-ravi --no-edit \
		--attendance held --duration 30m --date 2026-11-24 --title "$1" >/dev/null &&
	as alex mj -C "$TRASH/alex" commit -m "$1" >/dev/null
}

test_expect_success 'fail closed: a plain URL for the encrypted remote' '
	hub_mark "Fail one" &&
	git -C alex remote set-url origin "$TRASH/hub.git" &&
	test_must_fail as alex mj -C alex push 2>err &&
	test_grep "nothing was pushed: the remote .origin. is encrypted" err &&
	test_grep "plain text" err &&
	git -C alex remote set-url origin "gcrypt::$TRASH/hub.git" &&
	git -C alex remote set-url --push origin "$TRASH/hub.git" &&
	test_must_fail as alex mj -C alex push 2>err &&
	test_grep "plain text" err &&
	git -C alex config --unset remote.origin.pushurl &&
	git -C alex config "url.$TRASH/hub.git.insteadOf" "gcrypt::$TRASH/hub.git" &&
	test_must_fail as alex mj -C alex sync 2>err &&
	test_grep "plain text" err &&
	git -C alex config --unset "url.$TRASH/hub.git.insteadOf" &&
	git -C hub.git for-each-ref >now &&
	test_cmp hub-refs now
'

test_expect_success 'fail closed: the name is not given back to a plain URL' '
	git -C alex remote remove origin &&
	test_must_fail mj -C alex remote add origin "$TRASH/hub.git" 2>err &&
	test_grep "was encrypted" err &&
	test_must_fail mj -C alex remote add other "file://$TRASH/hub.git/" 2>err &&
	test_grep "the hub of the encrypted remote .origin." err &&
	test_must_fail git -C alex remote get-url other &&
	test_must_fail git -C alex remote get-url origin &&
	git -C alex remote add origin "$TRASH/hub.git" &&
	test_must_fail as alex mj -C alex push 2>err &&
	test_grep "plain text" err &&
	git -C alex remote set-url origin "gcrypt::$TRASH/hub.git" &&
	git -C alex config remote.origin.gcrypt-participants "$(fpr alex@example.org) $(fpr sam@example.org)" &&
	git -C alex config branch.main.remote origin &&
	git -C alex config branch.main.merge refs/heads/main &&
	git -C hub.git for-each-ref >now &&
	test_cmp hub-refs now
'

test_expect_success 'fail closed: a reader whose key is not in the keyring, or expired' '
	parts=$(git -C alex config remote.origin.gcrypt-participants) &&
	git -C alex config remote.origin.gcrypt-participants "$parts 0123456789ABCDEF0123456789ABCDEF01234567" &&
	test_must_fail as alex mj -C alex push 2>err &&
	test_grep "0123456789ABCDEF0123456789ABCDEF01234567 of the encrypted remote .origin. is not in your keyring" err &&
	test_grep "nothing was pushed" err &&
	mkdir -m 700 "$TRASH/gpg-old" &&
	as old gpg --batch --quiet --passphrase "" --faked-system-time 20200101T000000 \
		--quick-gen-key "Old Key <old@example.org>" default default 1d 2>/dev/null &&
	as old gpg --batch --quiet --export old@example.org | as alex gpg --batch --quiet --import 2>/dev/null &&
	git -C alex config remote.origin.gcrypt-participants "$parts $(fpr old@example.org)" &&
	test_must_fail as alex mj -C alex push 2>err &&
	test_grep "Old Key <old@example.org>) of the encrypted remote .origin. is expired" err &&
	test_must_fail as alex mj -C alex remote keys origin --add old@example.org 2>err &&
	test_grep "expired" err &&
	git -C alex config remote.origin.gcrypt-participants "$parts" &&
	git -C hub.git for-each-ref >now &&
	test_cmp hub-refs now
'

test_expect_success 'fail closed: git, git-remote-gcrypt or gpg not installed' '
	mkdir nogit nohelper nogpg &&
	for t in git gpg gpg-agent sh cat; do
		ln -s "$(command -v $t)" nohelper/$t || return 1
	done &&
	for t in git git-remote-gcrypt sh cat; do
		ln -s "$(command -v $t)" nogpg/$t || return 1
	done &&
	test_must_fail env PATH="$TRASH/nogit" GNUPGHOME="$TRASH/gpg-alex" "$MJOURNAL" -C alex push 2>err &&
	test_grep "git is not installed" err &&
	test_must_fail env PATH="$TRASH/nohelper" GNUPGHOME="$TRASH/gpg-alex" "$MJOURNAL" -C alex push 2>err &&
	test_grep "git-remote-gcrypt is not installed" err &&
	test_must_fail env PATH="$TRASH/nogpg" GNUPGHOME="$TRASH/gpg-alex" "$MJOURNAL" -C alex push 2>err &&
	test_grep "gpg is not installed" err &&
	git -C hub.git for-each-ref >now &&
	test_cmp hub-refs now
'

test_expect_success 'fail closed: git push past mjournal, by URL or another name, is refused by the hook' '
	test_must_fail git -C alex push "$TRASH/hub.git" main 2>err &&
	test_grep "plain text to .*hub.git, and mjournal knows .origin. there as an encrypted remote" err &&
	git -C alex remote add plainly "$TRASH/hub.git/" &&
	test_must_fail git -C alex push plainly main 2>err &&
	test_grep "mjournal knows .origin. there as an encrypted remote" err &&
	test_must_fail as alex mj -C alex push plainly 2>err &&
	test_grep "nothing was pushed: the remote .plainly. reaches .*hub.git/ in plain text, the hub of the encrypted remote .origin." err &&
	git -C alex remote set-url plainly "file://$TRASH/hub.git" &&
	test_must_fail as alex mj -C alex sync plainly 2>err &&
	test_grep "the hub of the encrypted remote .origin." err &&
	git -C alex remote remove plainly &&
	git -C hub.git for-each-ref >now &&
	test_cmp hub-refs now &&
	git -C hub.git log --all --format=%s >subjects &&
	test_grep ! "Fail one" subjects
'

test_expect_success 'after all that, the same remote syncs again' '
	as alex mj -C alex sync >out &&
	test_grep "Pushed main to origin" out &&
	nothing_readable hub.git
'

test_expect_success 'a remote set up by hand, readers unpublished: mjournal publishes them' '
	test_must_fail git -C alex config remote.origin.gcrypt-publish-participants &&
	hub_key_ids hub.git >ids &&
	test_line_count = 2 ids &&
	test_grep ! "^0000000000000000$" ids &&
	echo "$(as alex gpg --batch --with-colons --list-keys alex@example.org sam@example.org |
		awk -F: "/^sub/ { print \$5 }" | sort)" >expect &&
	sort ids >got &&
	test_cmp expect got
'

test_expect_success 'a removed reader cannot read what is pushed after the removal' '
	as alex mj -C alex remote keys origin --add kim@example.org >out &&
	test_grep "Kim Lee" out &&
	EDITOR=true as alex mj -C alex note jo-with-maria --no-edit --attendance held \
		--duration 60m --date 2026-11-25 --title "For Kim" >/dev/null &&
	as alex mj -C alex push >/dev/null &&
	as kim git clone -q -b main "gcrypt::$TRASH/hub.git" kim 2>/dev/null &&
	test -f kim/sam-with-alex/agreement.ini &&
	as alex mj -C alex remote keys origin --remove kim@example.org >out &&
	test_grep ! "Kim Lee" out &&
	EDITOR=true as alex mj -C alex note priya-with-dev --no-edit --attendance held \
		--duration 60m --date 2026-11-25 --title "After Kim" >/dev/null &&
	as alex mj -C alex push >out &&
	test_grep "Pushed main" out &&
	test_must_fail as kim git -C kim pull -q 2>err &&
	test_path_is_missing kim/priya-with-dev/2026-11-25-after-kim.md &&
	test_expect_code 128 as kim git clone -q -b main "gcrypt::$TRASH/hub.git" kim2 2>err &&
	test_grep "Failed to decrypt manifest" err &&
	as sam mj -C sam sync >/dev/null &&
	test -f sam/priya-with-dev/2026-11-25-after-kim.md
'

test_expect_success 'killed at each run of gpg during an encrypted push: the hub stays readable' '
	mkdir killer &&
	cat >killer/gpg <<-EOF &&
	#!/bin/sh
	n=\$(( \$(cat "$TRASH/gpg-count") + 1 ))
	echo \$n >"$TRASH/gpg-count"
	if [ \$n -eq "\$KILL_AT" ]; then
		kill -9 "\$(cat "$TRASH/mj.pid")" 2>/dev/null
		kill -9 -- -\$(ps -o pgid= \$\$ | tr -d " ")
	fi
	exec $(command -v gpg) "\$@"
	EOF
	chmod +x killer/gpg &&
	# mjournal writing the hub itself (two or three runs of gpg), then
	# git-remote-gcrypt writing it (more than three)
	for helper in 0 1; do
	k=1 &&
	while :; do
		EDITOR=true as alex mj -C alex note tom-with-alex --no-edit --attendance held \
			--duration 30m --date 2026-11-27 --title "Kill $helper $k" >/dev/null &&
		echo 0 >gpg-count || return 1
		GNUPGHOME="$TRASH/gpg-alex" KILL_AT=$k PATH="$TRASH/killer:$PATH" \
			MJOURNAL_GCRYPT_HELPER=$helper \
			"$MJOURNAL" -C alex push >push.out 2>&1 &
		echo $! >mj.pid &&
		wait $! ;
		rc=$? &&
		as sam git -C sam pull -q >out 2>&1 &&
		git -C hub.git fsck >>out 2>&1 &&
		as alex mj -C alex sync >>out 2>&1 &&
		as sam git -C sam pull -q >>out 2>&1 &&
		test -f "sam/tom-with-alex/2026-11-27-kill-$helper-$k.md" || {
			echo "killed at gpg run $k:"; cat push.out out; return 1; }
		test $rc -ne 0 || break
		k=$((k + 1)) &&
		test $k -lt 40 || return 1
	done &&
	test $k -gt $((2 + helper)) || return 1
	done
'

start_http || echo "# the https server did not start"
HTTPS="https://127.0.0.1:$HTTPS_PORT/enc.git"

test_expect_success 'an https hub: mjournal pushes, plain git clones, and nothing is readable' '
	make_served_repo enc.git &&
	printf "https://sam:secret@127.0.0.1:%s\n" $HTTPS_PORT >"$TRASH/creds" &&
	git config --global credential.helper "store --file=$TRASH/creds" &&
	git config --global http.sslCAInfo "$TRASH/tls/ca.pem" &&
	as alex mj -C alex remote add --encrypted web "$HTTPS" --to alex@example.org \
		--to sam@example.org >/dev/null &&
	as alex mj -C alex sync web >out &&
	test_grep "Pushed main to web" out &&
	as sam git clone -q -b main "gcrypt::$HTTPS" samweb 2>/dev/null &&
	git -C alex rev-parse HEAD >a && git -C samweb rev-parse HEAD >b &&
	test_cmp a b &&
	as sam mj -C samweb remote keys origin --add alex@example.org --add sam@example.org >/dev/null &&
	EDITOR=true as sam mj -C samweb note data-circle --no-edit --attendance held \
		--duration 60m --date 2026-11-26 --title "Over https" >/dev/null &&
	as sam mj -C samweb sync >out &&
	test_grep "Pushed main to origin" out &&
	as alex mj -C alex pull web >out &&
	test_grep "Brought in web/main" out &&
	test -f alex/data-circle/2026-11-26-over-https.md &&
	nothing_readable "$TRASH/srv/enc.git" &&
	test_must_fail git -C alex push "$HTTPS" main 2>err &&
	test_grep "encrypted remote" err
'

test_done
