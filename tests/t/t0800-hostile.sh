#!/bin/sh
# Hostile input: each gets a clear error or diagnostic (exit 1 or 2), and
# no command crashes, hangs, or changes a file.
. "$(dirname "$0")/lib.sh"
export MJOURNAL_TODAY=2026-11-23

cc -O2 -o measure "$PROJECT_DIR/tests/bench/measure.c" || exit 1

# A checksum of every file of the journal but mjournal's own cache.
tree_sum() {
	(cd "$1" && find . -path ./.mjournal -prune -o -path ./.git -prune -o \
		\( -type f -o -type l \) -print | LC_ALL=C sort |
		while read -r f; do
			if [ -L "$f" ]; then echo "$f -> $(readlink "$f")"; else cksum "$f"; fi
		done)
}

# every_command DIR: each reading command finishes, cleanly, in time
every_command() {
	for cmd in "check" "status" "status --all" "log" "actions" "hours" \
		"check --format json" "status --format json" "report -o $TRASH/site"; do
		timeout 60 "$MJOURNAL" -C "$1" $cmd >cmd.out 2>&1
		rc=$?
		if [ $rc -gt 2 ]; then
			echo "mjournal $cmd: exit $rc" >&2
			tail -5 cmd.out >&2
			return 1
		fi
	done
}

# hostile NAME SETUP EXPECTED: a journal made by SETUP (run inside it) must
# make check report EXPECTED (a grep pattern), and no command may crash,
# hang or change a file.
hostile() {
	rm -rf "h-$1" && cp -R "$SAMPLE_DIR" "h-$1" &&
	(cd "h-$1" && eval "$2") &&
	tree_sum "h-$1" >before &&
	{ timeout 60 "$MJOURNAL" -C "h-$1" check --strict >check.out 2>&1; echo $? >rc; } &&
	if [ "$(cat rc)" != 1 ] && [ "$(cat rc)" != 2 ]; then
		echo "check: exit $(cat rc)"; cat check.out; return 1
	fi &&
	test_grep "$3" check.out &&
	every_command "h-$1" &&
	tree_sum "h-$1" >after &&
	test_cmp before after
}

test_expect_success 'a 100 MB note is refused by size, in little memory' '
	hostile huge "yes mentoring | head -c 104857600 >sam-with-alex/2026-11-10.md" \
		"2026-11-10.md: error: is larger than 4 MiB and is not read.*\[file-too-large\]" &&
	./measure 1 "$MJOURNAL" -C h-huge check >m &&
	kib=$(cut -d" " -f2 m) &&
	test "$kib" -lt 65536
'

test_expect_success 'NUL bytes in a note and in an agreement' '
	hostile nul "printf -- \"---\\ndate: 2026-11-10\\n\\000stage: enabling\\n---\\n\" >sam-with-alex/2026-11-10.md &&
		printf \"\\000\\000\\000\" >>jo-with-maria/agreement.ini" \
		"2026-11-10.md:3:1: error: line 3 holds a NUL byte" &&
	test_grep "jo-with-maria/agreement.ini:.*NUL byte" check.out
'

test_expect_success 'invalid UTF-8' '
	hostile utf8 "printf -- \"---\\ndate: 2026-11-10\\nstage: enabling\\n---\\n\\300\\257 \\355\\240\\200\\n\" >sam-with-alex/2026-11-10.md" \
		"2026-11-10.md:5:1: error: line 5 is not UTF-8 (byte 0xC0"
'

test_expect_success '50,000 levels of > and of nested lists' '
	hostile deep "{ printf -- \"---\\ndate: 2026-11-10\\nstage: enabling\\nattendance: held\\nduration: 1h\\n---\\n\";
		head -c 50000 /dev/zero | tr \"\\000\" \">\"; echo \" - [ ] deep (due 2026-01-01)\";
		for i in \$(seq 1 3000); do printf -- \"- \"; done; echo \"[ ] nested\"; } >sam-with-alex/2026-11-10.md" \
		"2026-11-10.md:.*\[feedback-missing\]"
'

test_expect_success 'a YAML alias bomb and deep flow nesting in front matter' '
	hostile yaml "printf -- \"---\\ndate: 2026-11-10\\na: &a [x,x,x,x,x,x,x,x,x,x]\\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\\nabsent: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\\n---\\n\" >sam-with-alex/2026-11-10.md &&
		{ printf -- \"---\\nabsent: \"; head -c 200000 /dev/zero | tr \"\\000\" \"[\"; printf \"\\n---\\n\"; } >sam-with-alex/2026-11-11.md &&
		{ printf -- \"---\\n\"; head -c 2000000 /dev/zero | tr \"\\000\" a; printf \": 1\\n---\\n\"; } >sam-with-alex/2026-11-12.md" \
		"2026-11-10.md:.*error: .*alias.*\[note-front-matter\]" &&
	test_grep "2026-11-11.md:2:.*error: .*\[note-front-matter\]" check.out &&
	test_grep "2026-11-12.md:2:1: error: front matter is larger than 64 KiB" check.out
'

test_expect_success 'garbage agreements and journal settings' '
	hostile garbage "cp /bin/true jo-with-maria/agreement.ini &&
		head -c 3000 /dev/zero | tr \"\\000\" \"\\377\" >helen-with-ravi/agreement.ini &&
		printf \"[relationship\\n===\\n[[[\\n\" >data-circle/agreement.ini &&
		printf \"\\377\\376garbage\\n\" >mjournal.ini" \
		"jo-with-maria/agreement.ini:.*error" &&
	test_grep "helen-with-ravi/agreement.ini:.*error" check.out &&
	test_grep "data-circle/agreement.ini:1:1: error" check.out &&
	test_grep "mjournal.ini:1:1: error: is UTF-16 .*file-encoding" check.out &&
	test_grep "jo-with-maria/agreement.ini:.*NUL byte.*file-encoding" check.out &&
	test_grep "helen-with-ravi/agreement.ini:1:1: error: line 1 is not UTF-8 (byte 0xFF" check.out
'

test_expect_success 'symbolic links out of the journal are never followed' '
	hostile links "ln -s /etc/passwd sam-with-alex/2026-11-10.md &&
		ln -s /etc etc-relationship &&
		rm jo-with-maria/agreement.ini && ln -s /etc/passwd jo-with-maria/agreement.ini &&
		ln -s /etc/shadow data-circle/2026-11-20.md" \
		"sam-with-alex/2026-11-10.md: error: is a symbolic link" &&
	test_grep "^etc-relationship: error: is a symbolic link" check.out &&
	test_grep "^jo-with-maria/agreement.ini: error: is a symbolic link" check.out &&
	test_no_grep "root:" check.out &&
	test_no_grep "root:" site/*.html
'

test_expect_success 'a FIFO and a folder named like notes do not hang or crash' '
	hostile fifo "mkfifo sam-with-alex/2026-11-10.md && mkdir sam-with-alex/2026-11-11.md &&
		printf -- \"---\\ndate: x\\n---\\n\" >sam-with-alex/2026-11-12.md" \
		"2026-11-10.md: error: is not a regular file (a FIFO, a device or a socket) and is not read; move it out of the journal \[not-a-file\]"
'

test_expect_success 'notes with absurd dates' '
	hostile dates "for d in 0000-01-01 9999-12-31 2026-02-29 2026-13-01; do
			printf -- \"---\\ndate: \$d\\nstage: enabling\\n---\\n\" >sam-with-alex/\$d-x.md; done &&
		printf -- \"---\\ndate: 2026-11-10\\nstage: enabling\\nduration: 99999999h\\nattendance: held\\n---\\n\" >sam-with-alex/2026-11-10.md" \
		"0000-01-01-x.md: error: .*not a note name" &&
	test_grep "9999-12-31-x.md:2:1: error: dated 9999-12-31, in the future" check.out &&
	test_grep "2026-02-29-x.md: error: .*not a note name" check.out &&
	test_grep "2026-11-10.md:4:11: error: duration .99999999h. is not" check.out
'

test_expect_success 'hostile slugs and arguments are refused and change nothing' '
	cp -R "$SAMPLE_DIR" args && tree_sum args >before &&
	for slug in .. ../x /etc "sam with alex" "sаm-with-alex" "sam/../../x" "-rf" \
		"$(head -c 300 /dev/zero | tr "\0" a)" "sam%00x" "SAM" "ſam"; do
		for cmd in "note" "close" "summary" "log" "status"; do
			timeout 20 "$MJOURNAL" -C args $cmd -- "$slug" >out 2>&1
			rc=$?
			[ $rc = 2 ] || { echo "$cmd \"$slug\": exit $rc"; cat out; return 1; }
		done
		timeout 20 "$MJOURNAL" -C args new --mentor "A <a@x>" --mentee "B <b@x>" -- "$slug" >out 2>&1
		[ $? = 2 ] || { echo "new \"$slug\""; cat out; return 1; }
	done &&
	for d in 9999-99-99 0000-00-00 2026-02-30 tomorrow 20260101 "" "2026-11-23 extra"; do
		timeout 20 "$MJOURNAL" -C args note sam-with-alex --no-edit --attendance held --duration 60m --date "$d" >out 2>&1
		[ $? = 2 ] || { echo "note --date \"$d\""; cat out; return 1; }
		timeout 20 "$MJOURNAL" -C args hours --since "$d" >out 2>&1
		[ $? = 2 ] || { echo "hours --since \"$d\""; cat out; return 1; }
		timeout 20 "$MJOURNAL" -C args close sam-with-alex --date "$d" >out 2>&1
		[ $? = 2 ] || { echo "close --date \"$d\""; cat out; return 1; }
	done &&
	MJOURNAL_TODAY=not-a-date test_expect_code 2 mj -C args check 2>err &&
	test_grep "MJOURNAL_TODAY" err &&
	tree_sum args >after &&
	test_cmp before after
'

test_done
