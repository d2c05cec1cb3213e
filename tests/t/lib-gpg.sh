# The encrypted hub's tests: people with GPG keys made here (no passphrase,
# a throwaway GNUPGHOME each, under $TRASH/gpg-NAME), and the search of
# every byte a hub holds.  Source after lib.sh; a script sets MARKER (a
# word every note holds) and its journal is in $TRASH/alex.

# as PERSON COMMAND...: the command with PERSON's keyring
as() {
	(GNUPGHOME="$TRASH/gpg-$1" && export GNUPGHOME && shift && "$@")
}

# fpr EMAIL: the fingerprint of that key (in its owner's keyring)
fpr() {
	as "${1%%@*}" gpg --batch --with-colons --list-keys "$1" |
		awk -F: '/^fpr/ { print $10; exit }'
}

# make_keys NAME:FULL-NAME...: a keyring for each, with a key of its own
# for NAME@example.org, never expiring
make_keys() {
	for who in "$@"; do
		h=${who%%:*} name=${who#*:} &&
		mkdir -m 700 "$TRASH/gpg-$h" &&
		as $h gpg --batch --quiet --passphrase "" --quick-gen-key \
			"$name <$h@example.org>" default default never 2>/dev/null || return 1
	done
}

# share_keys NAME...: each of them knows the others' public keys
share_keys() {
	for h in "$@"; do
		as $h gpg --batch --quiet --export $h@example.org >"$TRASH/$h.pub" &&
		for other in "$@"; do
			as $other gpg --batch --quiet --import "$TRASH/$h.pub" 2>/dev/null || return 1
		done || return 1
	done
}

# kill_agents NAME...: the gpg agents the keyrings started
kill_agents() {
	for h in "$@"; do
		GNUPGHOME="$TRASH/gpg-$h" gpgconf --kill gpg-agent 2>/dev/null
	done
}

# marked_journal: the sample programme in $TRASH/alex with $MARKER in
# every note, committed, and an empty bare hub, $TRASH/hub.git
marked_journal() {
	cp -R "$SAMPLE_DIR" "$TRASH/alex" &&
	for n in "$TRASH"/alex/*/20*.md; do
		echo "$MARKER" >>"$n" || return 1
	done &&
	git -C "$TRASH/alex" init -q &&
	git -C "$TRASH/alex" add -A &&
	git -C "$TRASH/alex" commit -q -m "The programme" &&
	git init -q --bare "$TRASH/hub.git"
}

# secrets FILE: what no hub may hold, one a line: each relationship's
# folder, each person's name and e-mail address in the agreements, the
# marker every note holds, the committer
secrets() {
	{
		for d in "$TRASH"/alex/*/; do basename "$d"; done
		sed -n "s/^ *ment[a-z]* *= *\(.*\) <\(.*\)>.*/\1\n\2/p" "$TRASH"/alex/*/agreement.ini
		echo "$MARKER"
		echo "Alex Doe"
		echo "alex@example.org"
		echo "The programme"
	} | awk "length(\$0) >= 6" | sort -u >"$1"
}

# hub_bytes HUB OUT: every byte the hub holds, its git objects unpacked
# and inflated: the files as they are, then every object's content
hub_bytes() {
	rm -rf "$TRASH/unpacked" &&
	git init -q --bare "$TRASH/unpacked" &&
	for p in "$1"/objects/pack/*.pack; do
		[ -f "$p" ] || continue
		git -C "$TRASH/unpacked" unpack-objects -q <"$p" || return 1
	done &&
	cp -R "$1/objects/." "$TRASH/unpacked/objects/" &&
	{
		find "$1" -type f -exec cat {} + &&
		git -C "$TRASH/unpacked" cat-file --batch-all-objects --batch
	} >"$2" &&
	test -s "$2"
}

# nothing_readable HUB: no secret in any byte of the hub
nothing_readable() {
	secrets "$TRASH/secrets" &&
	test_line_count -ge 20 "$TRASH/secrets" &&
	hub_bytes "$1" "$TRASH/bytes" &&
	if grep -a -F -n -f "$TRASH/secrets" "$TRASH/bytes" | head -5 >"$TRASH/found" &&
	   test -s "$TRASH/found"; then
		echo "the hub holds:" && cat "$TRASH/found" && return 1
	fi
}

# hub_key_ids HUB: the key id each reader's copy of the manifest's key
# names, one a line (0000000000000000 where it is hidden)
hub_key_ids() {
	for b in $(git -C "$1" ls-tree master | awk '{ print $3 }'); do
		git -C "$1" cat-file blob "$b" | as alex gpg --list-packets 2>/dev/null |
			sed -n "s/^:pubkey enc packet: .*keyid \([0-9A-F]*\).*/\1/p"
	done
}

# hub_s2k_counts HUB: the passphrase iteration count of each file on the
# hub encrypted with a passphrase (git-remote-gcrypt's packs), one a line
hub_s2k_counts() {
	for b in $(git -C "$1" ls-tree master | awk '{ print $3 }'); do
		git -C "$1" cat-file blob "$b" |
			as alex gpg --batch --passphrase wrong --list-packets 2>/dev/null |
			sed -n "s/^	salt [0-9A-F]*, count \([0-9]*\).*/\1/p"
	done
}
