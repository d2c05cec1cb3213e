#!/bin/sh
# An edit open while sync brings in the other side's lines: the editor
# (one that keeps no swap file) saves its old buffer when it exits, and
# edit merges that with what is committed now instead of committing the
# stale buffer over the other side's words.
. "$(dirname "$0")/lib.sh"
export MJOURNAL_TODAY=2026-11-23

note=sam-with-alex/2026-11-09.md
export TRASH # the editor below finds its files there

test_expect_success 'setup: two clones of one journal, an editor that keeps its buffer' '
	git init -q --bare hub.git &&
	cp -R "$SAMPLE_DIR" alex &&
	git -C alex init -q &&
	git -C alex add -A && git -C alex commit -q -m "The programme" &&
	git -C alex remote add origin "$TRASH/hub.git" &&
	mj -C alex sync >/dev/null &&
	git clone -q hub.git sam &&
	# reads the file when it opens, waits until told to save, then
	# writes its buffer (with the line given) over the file, as nano
	# or a GUI editor does
	cat >slow-editor <<-\EOF &&
	#!/bin/sh
	cat "$1" >"$TRASH/buffer"
	: >"$TRASH/editor-open"
	while ! test -f "$TRASH/save"; do sleep 0.05; done
	rm -f "$TRASH/save" "$TRASH/editor-open"
	if test -n "$EDIT_LINE"; then
		{ cat "$TRASH/buffer"; printf "%s\n" "$EDIT_LINE"; } >"$1"
	elif test -n "$EDIT_SED"; then
		sed "$EDIT_SED" "$TRASH/buffer" >"$1"
	else
		cat "$TRASH/buffer" >"$1"
	fi
	EOF
	chmod +x slow-editor
'

# start_edit CLONE: mjournal edit in the background, until the editor is open
start_edit() {
	rm -f "$TRASH/save" "$TRASH/editor-open" &&
	(cd "$1" && EDITOR="$TRASH/slow-editor" "$MJOURNAL" edit sam-with-alex \
		2026-11-09 >"$TRASH/edit.out" 2>&1; echo $? >"$TRASH/edit.rc") &
	for i in $(seq 200); do
		test -f "$TRASH/editor-open" && return 0
		sleep 0.05
	done
	return 1
}

# finish_edit: the editor saves and exits; edit's exit status
finish_edit() {
	: >"$TRASH/save" &&
	wait &&
	return $(cat "$TRASH/edit.rc")
}

test_expect_success 'a line added underneath is kept with the edit' '
	sed -i "/^## Goals/a Alex: the line from the other side." alex/$note &&
	mj -C alex commit >/dev/null && mj -C alex sync >/dev/null &&
	EDIT_LINE="Sam: my own line." && export EDIT_LINE &&
	start_edit sam &&
	mj -C sam sync >sync.out &&
	test_grep "the line from the other side" sam/$note &&
	finish_edit &&
	unset EDIT_LINE &&
	test_grep "merged with them" edit.out &&
	git -C sam show HEAD:$note >committed &&
	test_grep "^Alex: the line from the other side.$" committed &&
	test_grep "^Sam: my own line.$" committed &&
	git -C sam status --porcelain >st && test_line_count = 0 st &&
	mj -C sam sync >/dev/null && mj -C alex sync >/dev/null &&
	test_grep "^Alex: the line from the other side.$" alex/$note &&
	test_grep "^Sam: my own line.$" alex/$note
'

test_expect_success 'an editor that saves without a change removes nothing' '
	sed -i "/^## Feedback/a Alex: a second line from the other side." alex/$note &&
	mj -C alex commit >/dev/null && mj -C alex sync >/dev/null &&
	start_edit sam &&
	mj -C sam sync >/dev/null &&
	finish_edit &&
	git -C sam show HEAD:$note >committed &&
	test_grep "^Alex: a second line from the other side.$" committed &&
	test_grep "^Alex: a second line from the other side.$" sam/$note &&
	git -C sam status --porcelain >st && test_line_count = 0 st
'

test_expect_success 'the same lines changed on both sides: both kept, nothing committed' '
	sed -i "s/^# .*/# Alex renamed this session/" alex/$note &&
	mj -C alex commit >/dev/null && mj -C alex sync >/dev/null &&
	EDIT_SED="s/^# .*/# Sam renamed it too/" && export EDIT_SED &&
	start_edit sam &&
	mj -C sam sync >/dev/null &&
	test_expect_code 1 finish_edit &&
	unset EDIT_SED &&
	test_grep "you changed the same lines" edit.out &&
	test_grep "^# Alex renamed this session$" sam/$note &&
	test_grep "^# Sam renamed it too$" sam/$note &&
	test_grep "^<<<<<<< your edit$" sam/$note &&
	test_grep "^>>>>>>> the journal now$" sam/$note &&
	git -C sam show HEAD:$note >committed &&
	test_grep "^# Alex renamed this session$" committed &&
	test_grep ! "Sam renamed it too" committed &&
	test_must_fail mj -C sam commit >out 2>&1 &&
	test_grep "conflict" out
'

test_expect_success 'mended by hand, it commits and shares' '
	sed -i "/^<<<<<<< /,/^=======\$/d; /^>>>>>>> /d" sam/$note &&
	test_grep "^# Alex renamed this session$" sam/$note &&
	test_grep ! "^# Sam renamed it too$" sam/$note &&
	mj -C sam commit >/dev/null &&
	mj -C sam sync >/dev/null &&
	git -C sam fsck --strict 2>/dev/null >/dev/null
'

test_expect_success 'a note deleted underneath is kept as the editor saved it, not committed' '
	git -C alex rm -q $note && git -C alex commit -qm "alex: that session is gone" &&
	mj -C alex sync >/dev/null &&
	EDIT_LINE="Sam: written while it was being deleted." && export EDIT_LINE &&
	start_edit sam &&
	mj -C sam sync >/dev/null &&
	test_path_is_missing sam/$note &&
	test_expect_code 1 finish_edit &&
	unset EDIT_LINE &&
	test_grep "was deleted in the journal while it was open" edit.out &&
	test_grep "^Sam: written while it was being deleted.$" sam/$note &&
	git -C sam ls-tree HEAD -- $note >tracked &&
	test_line_count = 0 tracked
'

test_done
