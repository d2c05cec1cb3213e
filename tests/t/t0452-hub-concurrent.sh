#!/bin/sh
# Two clones push to one encrypted hub at the same moment: git-remote-gcrypt
# replaces the hub's manifest with what each push read before it, so the
# second of two crossing pushes would drop the first one's commits.  Each
# push lands only while the hub is as it was read; the other brings the
# first one's commits in and pushes again, as sync does.  Outcomes are
# asserted, never timings: both notes of every round are on the hub, and a
# third reader's fresh clone (plain git with git-remote-gcrypt) reads all.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/lib-gpg.sh"
export MJOURNAL_TODAY=2026-11-30
trap 'kill_agents alex sam kim; cd / && rm -rf "$TRASH"' EXIT

# note_in WHO SLUG TITLE: a held session note, committed
note_in() {
	EDITOR=true as "$1" "$MJOURNAL" -C "$TRASH/$1" note "$2" --no-edit \
		--attendance held --duration 30m --date 2026-11-24 --title "$3" >/dev/null &&
	as "$1" "$MJOURNAL" -C "$TRASH/$1" commit -m "$3" >/dev/null
}

test_expect_success 'setup: three readers, a journal on an encrypted hub, a second clone' '
	make_keys "alex:Alex Doe" "sam:Sam Roe" "kim:Kim Lee" &&
	share_keys alex sam kim &&
	cp -R "$SAMPLE_DIR" alex &&
	git -C alex init -q &&
	git -C alex add -A && git -C alex commit -q -m "The programme" &&
	git init -q --bare hub.git &&
	as alex mj -C alex remote add --encrypted origin "$TRASH/hub.git" \
		--to alex@example.org --to sam@example.org --to kim@example.org >/dev/null &&
	as alex mj -C alex sync >/dev/null &&
	as sam git clone -q -b main "gcrypt::$TRASH/hub.git" sam 2>/dev/null &&
	as sam mj -C sam remote keys origin --add alex@example.org \
		--add sam@example.org --add kim@example.org >/dev/null
'

test_expect_success 'two syncs at once, three times: both clones end up in the hub' '
	for round in 1 2 3; do
		note_in alex jo-with-maria "Alex round $round" &&
		note_in sam helen-with-ravi "Sam round $round" || return 1
		( as alex "$MJOURNAL" -C alex sync >alex.out 2>&1; echo $? >alex.rc ) &
		( as sam "$MJOURNAL" -C sam sync >sam.out 2>&1; echo $? >sam.rc ) &
		wait
		echo 0 >expect &&
		test_cmp expect alex.rc && test_cmp expect sam.rc || {
			echo "round $round:"; cat alex.out sam.out; return 1; }
		git -C hub.git fsck 2>&1 &&
		rm -rf kim &&
		as kim git clone -q -b main "gcrypt::$TRASH/hub.git" kim 2>/dev/null &&
		test -f kim/jo-with-maria/2026-11-24-alex-round-$round.md &&
		test -f kim/helen-with-ravi/2026-11-24-sam-round-$round.md || {
			echo "round $round: the hub lost a push"; cat alex.out sam.out
			return 1; }
	done
'

# The crossing made certain, when git-remote-gcrypt pushes: the hub's own
# hook, on alex's push, lets sam's whole sync land first, after
# mjournal's lease was checked and before the hub moves its branch; the
# hub then refuses alex's push (its branch is no longer what that push
# expected), and alex's sync brings sam's note in and pushes again.
test_expect_success 'a push the hub refuses as another landed under it: sync pushes again' '
	note_in alex jo-with-maria "Alex crossed" &&
	note_in sam helen-with-ravi "Sam crossed" &&
	cat >hub.git/hooks/pre-receive <<-EOF &&
	#!/bin/sh
	cat >/dev/null
	[ -e "$TRASH/crossed" ] && exit 0
	: >"$TRASH/crossed"
	unset GIT_DIR GIT_QUARANTINE_PATH GIT_OBJECT_DIRECTORY \\
		GIT_ALTERNATE_OBJECT_DIRECTORIES GIT_PUSH_OPTION_COUNT
	GNUPGHOME="$TRASH/gpg-sam" "$MJOURNAL" -C "$TRASH/sam" sync \\
		>"$TRASH/sam.out" 2>&1
	echo \$? >"$TRASH/sam.rc"
	exit 0
	EOF
	chmod +x hub.git/hooks/pre-receive &&
	if ! as alex env MJOURNAL_GCRYPT_HELPER=1 "$MJOURNAL" -C alex sync \
		>alex.out 2>&1; then
		cat alex.out sam.out; false
	fi &&
	rm hub.git/hooks/pre-receive &&
	echo 0 >expect && test_cmp expect sam.rc &&
	grep "moved while this sync pushed" alex.out &&
	rm -rf kim &&
	as kim git clone -q -b main "gcrypt::$TRASH/hub.git" kim 2>/dev/null &&
	test -f kim/jo-with-maria/2026-11-24-alex-crossed.md &&
	test -f kim/helen-with-ravi/2026-11-24-sam-crossed.md
'

# The same crossing when mjournal writes the hub itself (no hook of the
# hub's runs then): alex's gpg, asked to seal alex's manifest, lets sam's
# whole sync land first; alex's push then finds the hub's branch moved
# and writes nothing, and alex's sync brings sam's note in and pushes
# again.
test_expect_success 'a push mjournal writes, another landed under it: sync pushes again' '
	as alex mj -C alex sync >/dev/null &&
	as sam mj -C sam sync >/dev/null &&
	note_in alex jo-with-maria "Alex crossed again" &&
	note_in sam helen-with-ravi "Sam crossed again" &&
	rm -f crossed &&
	cat >alex-gpg <<-EOF &&
	#!/bin/sh
	case " \$* " in *" -se "*)
		if ! [ -e "$TRASH/crossed" ]; then
			: >"$TRASH/crossed"
			GNUPGHOME="$TRASH/gpg-sam" "$MJOURNAL" -C "$TRASH/sam" sync \\
				>"$TRASH/sam.out" 2>&1
			echo \$? >"$TRASH/sam.rc"
		fi
	esac
	exec gpg "\$@"
	EOF
	chmod +x alex-gpg &&
	git -C alex config gpg.program "$TRASH/alex-gpg" &&
	if ! as alex "$MJOURNAL" -C alex sync >alex.out 2>&1; then
		cat alex.out sam.out; false
	fi &&
	git -C alex config --unset gpg.program &&
	test -e crossed &&
	echo 0 >expect && test_cmp expect sam.rc &&
	grep "moved while this sync pushed" alex.out &&
	rm -rf kim &&
	as kim git clone -q -b main "gcrypt::$TRASH/hub.git" kim 2>/dev/null &&
	test -f kim/jo-with-maria/2026-11-24-alex-crossed-again.md &&
	test -f kim/helen-with-ravi/2026-11-24-sam-crossed-again.md
'

test_expect_success 'the two clones and the hub agree' '
	as alex mj -C alex sync >/dev/null &&
	as sam mj -C sam sync >/dev/null &&
	git -C alex rev-parse HEAD >a && git -C sam rev-parse HEAD >b &&
	test_cmp a b &&
	as kim git -C kim pull -q 2>/dev/null &&
	git -C kim rev-parse HEAD >k &&
	test_cmp a k &&
	test -f sam/jo-with-maria/2026-11-24-alex-crossed.md &&
	test -f alex/helen-with-ravi/2026-11-24-sam-crossed.md
'

test_done
