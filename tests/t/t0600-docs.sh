#!/bin/sh
# The man page, the completion and make install.
. "$(dirname "$0")/lib.sh"

test_expect_success 'the man page documents every command and every rule' '
	man_src="$PROJECT_DIR/docs/mjournal.1.md" &&
	mj --help | sed -n "s/^    \([a-z]*\) .*/\1/p" >commands &&
	test $(wc -l <commands) -ge 15 &&
	while read c; do
		grep -q "^## .*\*\*$c[* ]" "$man_src" || { echo "no $c in the man page"; return 1; }
	done <commands &&
	sed -n "s/^#define MJ_RULE_[A-Z_]* \"\(.*\)\"$/\1/p" "$PROJECT_DIR/include/mj_diag.h" >rules &&
	test $(wc -l <rules) -ge 25 &&
	while read r; do
		grep -q "^## \*\*$r\*\*" "$man_src" || { echo "no rule $r in the man page"; return 1; }
		grep -q "| \`$r\` |" "$PROJECT_DIR/README.md" || { echo "no rule $r in the README"; return 1; }
	done <rules
'

test_expect_success 'make install puts the binary, the man page and the completion in DESTDIR' '
	make -s -C "$PROJECT_DIR" install DESTDIR="$TRASH/root" PREFIX=/usr >/dev/null &&
	test -x root/usr/bin/mjournal &&
	test -f root/usr/share/man/man1/mjournal.1 &&
	test -f root/usr/share/bash-completion/completions/mjournal &&
	head -n 1 root/usr/share/man/man1/mjournal.1 >th &&
	test_grep "^\.TH MJOURNAL 1" th &&
	MANWIDTH=80 man -l root/usr/share/man/man1/mjournal.1 >page 2>/dev/null &&
	test_grep "closing-incomplete" page &&
	mj --version >want &&
	test_grep "^mjournal " want &&
	root/usr/bin/mjournal --version >v &&
	test_cmp want v
'

test_expect_success 'bash completion: commands, slugs and options' '
	cp -R "$SAMPLE_DIR" journal &&
	cat >complete.sh <<-EOF &&
	. "$PROJECT_DIR/completions/mjournal.bash"
	cd "$TRASH/journal"
	complete_words() { COMP_WORDS=("\$@"); COMP_CWORD=\$((\${#COMP_WORDS[@]} - 1)); _mjournal; printf "%s\n" "\${COMPREPLY[@]}"; }
	echo "[commands]"; complete_words mjournal st
	echo "[slugs]"; complete_words mjournal note sa
	echo "[options]"; complete_words mjournal close --e
	echo "[stages]"; complete_words mjournal note sam-with-alex --stage en
	EOF
	echo "echo \"[all]\"; complete_words mjournal \"\"" >>complete.sh &&
	bash complete.sh >out &&
	mj --help | sed -n "s/^    \([a-z]*\) .*/\1/p" | sort >commands &&
	test_line_count -ge 15 commands &&
	sed -n "/^\[all\]/,\$p" out | grep "^[a-z]" | sort >completed &&
	test_cmp commands completed &&
	sed -i "/^\[all\]/,\$d" out &&
	cat >expect <<-\EOF &&
	[commands]
	status
	[slugs]
	sam-with-alex
	[options]
	--early
	[stages]
	enabling
	EOF
	test_cmp expect out
'

test_done
