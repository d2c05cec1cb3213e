#!/bin/sh
# The man page, the completion and make install.
. "$(dirname "$0")/lib.sh"

# the commands mjournal --help lists
commands() {
	mj --help | sed -n "s/^    \([a-z][a-z]*\)  *[A-Z].*/\1/p"
}

# the long options (and -C) in a command's help
options_of() {
	mj help "$1" | sed -n "s/^    \(-[a-zA-Z], \)\{0,1\}\(--*[a-zA-Z-]*\).*/\2/p"
}

# the man page's section for a command: its heading up to the next one
man_section() {
	sed -n "/^## .*\*\*$1\*\*/,/^#/p" "$PROJECT_DIR/docs/mjournal.1.md"
}

test_expect_success 'the man page documents every command, option and rule' '
	man_src="$PROJECT_DIR/docs/mjournal.1.md" &&
	commands >commands &&
	test_line_count -ge 16 commands &&
	while read c; do
		man_section $c >section &&
		test_file_not_empty section || { echo "no $c in the man page"; return 1; }
		options_of $c >opts &&
		test_line_count -ge 2 opts || return 1
		while read o; do
			case $o in -C|--help) continue ;; esac
			grep -q -- "\*\*$o\*\*" section ||
				{ echo "$c: no $o in the man page"; return 1; }
		done <opts || return 1
	done <commands &&
	sed -n "s/^#define MJ_RULE_[A-Z_]* \"\(.*\)\"$/\1/p" "$PROJECT_DIR/include/mj_diag.h" >rules &&
	test $(wc -l <rules) -ge 25 &&
	while read r; do
		grep -q "^## \*\*$r\*\*" "$man_src" || { echo "no rule $r in the man page"; return 1; }
		grep -q "| \`$r\` |" "$PROJECT_DIR/README.md" || { echo "no rule $r in the README"; return 1; }
	done <rules
'

test_expect_success 'help fits 80 columns; help CMD is CMD --help' '
	commands >commands &&
	test_line_count -ge 16 commands &&
	mj --help >all &&
	while read c; do
		mj help $c >help-$c &&
		mj $c --help >dash-$c &&
		test_cmp help-$c dash-$c &&
		cat help-$c >>all || return 1
	done <commands &&
	awk "length(\$0) > 80 { print; bad = 1 } END { exit bad }" all &&
	test_line_count -ge 150 all
'

test_expect_success 'plain make never installs packages; demo, check and deps do' '
	make -n -C "$PROJECT_DIR" all >all-plan &&
	test_grep ! "install-deps" all-plan &&
	for target in demo check deps; do
		make -n -C "$PROJECT_DIR" $target >plan &&
		test_grep "install-deps.sh" plan || return 1
	done &&
	mj --version >v &&
	test_grep "^mjournal " v
'

test_expect_success 'make install puts the binary, the man page and the completion in DESTDIR' '
	make -s -C "$PROJECT_DIR" install DESTDIR="$TRASH/root" PREFIX=/usr >/dev/null &&
	test -x root/usr/bin/mjournal &&
	test -f root/usr/share/man/man1/mjournal.1 &&
	test -f root/usr/share/bash-completion/completions/mjournal &&
	test -f root/usr/share/zsh/vendor-completions/_mjournal &&
	test -f root/usr/share/fish/vendor_completions.d/mjournal.fish &&
	head -n 1 root/usr/share/man/man1/mjournal.1 >th &&
	test_grep "^\.TH MJOURNAL 1" th &&
	MANWIDTH=80 man -l root/usr/share/man/man1/mjournal.1 >page 2>/dev/null &&
	test_grep "closing-incomplete" page &&
	mj --version >want &&
	test_grep "^mjournal " want &&
	root/usr/bin/mjournal --version >v &&
	test_cmp want v
'

# Completes the words given (the last the one being typed) in bash, as
# bash-completion does, through completions/mjournal.bash.
bash_complete() {
	cat >complete.bash <<-EOF &&
	. /usr/share/bash-completion/bash_completion
	. "$PROJECT_DIR/completions/mjournal.bash"
	mjournal() { "$MJOURNAL" "\$@"; }
	COMP_WORDS=("\$@"); COMP_CWORD=\$((\$# - 1))
	COMP_LINE="\$*"; COMP_POINT=\${#COMP_LINE}
	_mjournal
	[ \${#COMPREPLY[@]} -eq 0 ] || printf "%s\n" "\${COMPREPLY[@]}"
	EOF
	bash complete.bash "$@"
}

test_expect_success 'setup: a journal to complete in' '
	cp -R "$SAMPLE_DIR" journal &&
	git -C journal init -q &&
	git -C journal add -A &&
	git -C journal commit -qm "the sample programme" &&
	test_grep "^status = closed" journal/tom-with-alex/agreement.ini
'

test_expect_success 'bash completes commands, options and relationships' '
	cd journal &&
	bash_complete mjournal "" | sort >../completed &&
	cd .. &&
	commands | sort >commands &&
	test_line_count -ge 16 commands &&
	test_cmp commands completed &&
	cd journal &&
	bash_complete mjournal st >../out &&
	bash_complete mjournal note sa >>../out &&
	bash_complete mjournal close --e >>../out &&
	bash_complete mjournal note sam-with-alex --stage en >>../out &&
	bash_complete mjournal help sta >>../out &&
	cd .. &&
	cat >expect <<-\EOF &&
	status
	sam-with-alex
	--early
	enabling
	status
	EOF
	test_cmp expect out
'

test_expect_success 'bash completion offers every option of every command' '
	commands >commands &&
	test_line_count -ge 16 commands &&
	while read c; do
		options_of $c | sort >want &&
		test_line_count -ge 2 want &&
		(cd journal && bash_complete mjournal $c -) | sort >got &&
		test_cmp want got || return 1
	done <commands
'

test_expect_success 'bash completes option values by their kind' '
	cd journal &&
	bash_complete mjournal actions --owner "" >../owners &&
	bash_complete mjournal note sam-with-alex --date "" >../dates &&
	bash_complete mjournal close "" >../closable &&
	bash_complete mjournal log "" >../slugs &&
	bash_complete mjournal new x --type "" >../types &&
	bash_complete mjournal summary sam-with-alex -o agr >../files &&
	bash_complete mjournal summary sam-with-alex -o sam-with-alex/ag >>../files &&
	bash_complete mjournal -C sam >../dirs &&
	bash_complete mjournal hours --format=c >../format &&
	cd .. &&
	test_grep "^Sam\\\\ Roe$" owners &&
	test_grep "^Alex\\\\ Doe$" owners &&
	test_grep ! "^-" owners &&
	echo "$MJOURNAL_TODAY" >expect &&
	test_cmp expect dates &&
	test_grep "^tom-with-alex$" slugs &&
	test_grep ! "^tom-with-alex$" closable &&
	test_grep "^sam-with-alex$" closable &&
	test_grep "^1:1$" types &&
	echo sam-with-alex/agreement.ini >expect &&
	test_cmp expect files &&
	echo sam-with-alex >expect &&
	test_cmp expect dirs &&
	echo --format=csv >expect &&
	test_cmp expect format
'

test_expect_success 'new --type 1:1 is the one-to-one status shows' '
	mj -C journal new kim-with-lee --mentor "Lee Martin <lee@example.org>" \
		--mentee "Kim Lee <kim@example.org>" --type 1:1 >/dev/null &&
	test_grep "^type = one-to-one$" journal/kim-with-lee/agreement.ini &&
	mj -C journal status kim-with-lee >status &&
	test_grep "kim-with-lee .* 1:1 " status
'

test_expect_success 'zsh completion asks mjournal for its words' '
	cat >complete.zsh <<-EOF &&
	mjournal() { "$MJOURNAL" "\$@"; }
	compadd() { [ "\$1" = -- ] && shift; printf "%s\n" "\$@"; }
	_files() { echo "(files \$*)"; }
	source "$PROJECT_DIR/completions/_mjournal"
	words=(mjournal note sam-with-alex --stage cl); CURRENT=5; _mjournal
	words=(mjournal close ""); CURRENT=3; _mjournal
	words=(mjournal summary x -o ""); CURRENT=5; _mjournal
	words=(mjournal actions --owner ""); CURRENT=4; _mjournal
	EOF
	(cd journal && zsh -f ../complete.zsh) >out &&
	test_grep "^closing$" out &&
	test_grep "^sam-with-alex$" out &&
	test_grep ! "^tom-with-alex$" out &&
	test_grep "^(files )$" out &&
	test_grep "^Sam Roe$" out
'

test_expect_success 'fish completion asks mjournal for its words' '
	cat >complete.fish <<-EOF &&
	function mjournal; "$MJOURNAL" \$argv; end
	source "$PROJECT_DIR/completions/mjournal.fish"
	complete --do-complete "mjournal note sam-with-alex --stage cl"
	complete --do-complete "mjournal close "
	complete --do-complete "mjournal actions --owner Sa"
	complete --do-complete "mjournal summary x -o sam-with-alex/ag"
	EOF
	(cd journal && HOME="$TRASH" fish --no-config ../complete.fish) >out &&
	test_grep "^closing" out &&
	test_grep "^sam-with-alex" out &&
	test_grep ! "^tom-with-alex" out &&
	test_grep "^Sam Roe" out &&
	test_grep "^sam-with-alex/agreement.ini" out
'

test_done
