# lib-crash.sh - what t0810 and t0811 check after mjournal was killed.

# Every note and agreement of a journal with its checksum.
notes_sum() {
	(cd "$1" && find . -path ./.git -prune -o -path ./.mjournal -prune -o \
		-type f \( -name "*.md" -o -name "*.ini" \) -print | LC_ALL=C sort |
		xargs cksum)
}

# sound DIR: what must hold after any crash
sound() {
	git -C "$1" fsck --strict >/dev/null 2>&1 || { echo "fsck failed in $1"; git -C "$1" fsck --strict; return 1; }
	"$MJOURNAL" -C "$1" check >/dev/null 2>&1
	sound_rc=$?
	[ $sound_rc -le 1 ] || { echo "check after the crash: exit $sound_rc"; "$MJOURNAL" -C "$1" check; return 1; }
	"$MJOURNAL" -C "$1" status >/dev/null 2>&1 || { echo "status after the crash failed"; return 1; }
}
