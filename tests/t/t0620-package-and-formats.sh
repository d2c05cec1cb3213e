#!/bin/sh
# The Debian package (make deb), --version, summaries as whole man pages
# and HTML pages, and completion that never offers what the line holds.
. "$(dirname "$0")/lib.sh"

VERSION=$(sed -n 's/^VERSION = //p' "$PROJECT_DIR/Makefile")

test_expect_success 'setup: a journal' '
	test -n "$VERSION" &&
	cp -R "$SAMPLE_DIR" journal &&
	git -C journal init -q &&
	git -C journal add -A &&
	git -C journal commit -qm "the sample programme"
'

# is the project a git checkout of its own (not a copy inside another one)?
in_checkout() {
	_top=$(git -C "$PROJECT_DIR" rev-parse --show-toplevel 2>/dev/null) &&
	test "$(cd "$_top" && pwd -P)" = "$(cd "$PROJECT_DIR" && pwd -P)"
}

test_expect_success '--version names the version and the commit git describe names' '
	mj --version >v &&
	if in_checkout; then
		echo "mjournal $VERSION (commit $(git -C "$PROJECT_DIR" describe --always --dirty))" >expect
	else
		echo "mjournal $VERSION" >expect
	fi &&
	test_cmp expect v
'

test_expect_success 'summary --format man is a whole man page: .TH, and man -l shows sections' '
	mj -C journal summary sam-with-alex --format man >summary.7 &&
	head -n 1 summary.7 >th &&
	printf "%s\n" ".TH \"SAM\\-WITH\\-ALEX\" \"7\" \"2026\\-03\\-01\" \"mjournal $VERSION\" \"Mentoring summaries\"" >expect &&
	test_cmp expect th &&
	MANWIDTH=80 man --warnings -l summary.7 >shown 2>warnings &&
	test ! -s warnings &&
	head -n 1 shown >header &&
	test_grep "^SAM-WITH-ALEX(7) .*Mentoring summaries.* SAM-WITH-ALEX(7)$" header &&
	test_grep "^sam-with-alex: summary$" shown &&
	test_grep "^   Goals$" shown &&
	test_grep "^   Sessions$" shown &&
	test_grep "^       . Mentor: Alex Doe$" shown &&
	test_grep "^       . Mentee: Sam Roe$" shown &&
	test_grep "^mjournal $VERSION .*2026-03-01 .*SAM-WITH-ALEX(7)$" shown &&
	awk "length(\$0) > 80 { print; bad = 1 } END { exit bad }" shown
'

test_expect_success 'summary --format html is a whole page with the report stylesheet inside' '
	mj -C journal summary sam-with-alex --format html -o ../page.html &&
	head -n 1 page.html >first &&
	echo "<!DOCTYPE html>" >expect &&
	test_cmp expect first &&
	tail -n 1 page.html >last &&
	echo "</html>" >expect &&
	test_cmp expect last &&
	test_grep "^<html lang=\"en\">$" page.html &&
	test_grep "^<meta charset=\"utf-8\">$" page.html &&
	test_grep "^<title>sam-with-alex: summary</title>$" page.html &&
	test_grep "^<h1>sam-with-alex: summary</h1>$" page.html &&
	mj -C journal report -o ../report >/dev/null &&
	sed -n "/^<style>$/,/^<\/style>$/p" page.html | sed "1d;\$d" >css &&
	test_cmp report/style.css css
'

test_expect_success 'summary --format html takes the journal stylesheet, and nothing in it ends the style early' '
	mkdir -p journal/templates &&
	printf "%s\n" "h1 { color: teal; }" \
		"/* </style><script>alert(1)</script> */" >journal/templates/report.css &&
	mj -C journal summary sam-with-alex --format html >page.html &&
	test_grep "^h1 { color: teal; }$" page.html &&
	test_grep ! "<script" page.html &&
	grep -c "</style>" page.html >count &&
	echo 1 >expect &&
	test_cmp expect count &&
	rm -r journal/templates
'

# Completes the words given (the last the one being typed) as bash does:
# bash-completion loaded, the function complete -p names for mjournal
# called with COMP_WORDS and COMP_CWORD set.
bash_complete() {
	cat >complete.bash <<-EOF &&
	. /usr/share/bash-completion/bash_completion
	. "$PROJECT_DIR/completions/mjournal.bash"
	mjournal() { "$MJOURNAL" "\$@"; }
	spec=\$(complete -p mjournal) || exit 1
	func=\${spec#*-F }; func=\${func%% *}
	COMP_WORDS=("\$@"); COMP_CWORD=\$((\$# - 1))
	COMP_LINE="\$*"; COMP_POINT=\${#COMP_LINE}
	"\$func" mjournal "\${COMP_WORDS[COMP_CWORD]}" "\${COMP_WORDS[COMP_CWORD-1]}"
	[ \${#COMPREPLY[@]} -eq 0 ] || printf "%s\n" "\${COMPREPLY[@]}"
	EOF
	bash complete.bash "$@"
}

test_expect_success 'bash completion never offers a relationship already on the line' '
	cd journal &&
	bash_complete mjournal status "" >../all &&
	bash_complete mjournal status sam-with-alex "" >../after-one &&
	bash_complete mjournal check sam-with-alex tom-with-alex "" >../after-two &&
	bash_complete mjournal status sam-with-alex sa >../prefix &&
	bash_complete mjournal note sam-with-alex --stage enabling --st >../option &&
	cd .. &&
	test_grep "^sam-with-alex$" all &&
	test_grep "^tom-with-alex$" all &&
	grep -v "^sam-with-alex$" all >expect &&
	test_cmp expect after-one &&
	grep -v "^sam-with-alex$" all | grep -v "^tom-with-alex$" >expect &&
	test_cmp expect after-two &&
	test ! -s prefix &&
	test ! -s option
'

test_expect_success 'bash completes the dates and note files of edit' '
	cd journal &&
	bash_complete mjournal edit sam-with-alex 2026-06 >../june &&
	bash_complete mjournal edit sam-with-alex 2026-06-01- >../file &&
	bash_complete mjournal edit tom-with-alex "" >../tom &&
	bash_complete mjournal edit sam-with-alex 2026-06-01 "" >../third &&
	cd .. &&
	cat >expect <<-\EOF &&
	2026-06-01
	2026-06-01-preparing.md
	2026-06-15
	2026-06-15-first-meeting.md
	2026-06-29
	2026-06-29.md
	EOF
	sort june >got &&
	test_cmp expect got &&
	echo 2026-06-01-preparing.md >expect &&
	test_cmp expect file &&
	test_grep "^2026-07-06-closing.md$" tom &&
	test_grep "^2026-07-06$" tom &&
	test_grep ! "^sam-with-alex" tom &&
	test ! -s third
'

test_expect_success 'zsh and fish completion do the same' '
	cat >complete.zsh <<-EOF &&
	mjournal() { "$MJOURNAL" "\$@"; }
	compadd() { [ "\$1" = -- ] && shift; printf "%s\n" "\$@"; }
	source "$PROJECT_DIR/completions/_mjournal"
	words=(mjournal status sam-with-alex ""); CURRENT=4; _mjournal
	echo "==="
	words=(mjournal edit sam-with-alex 2026-06-0); CURRENT=4; _mjournal
	EOF
	(cd journal && zsh -f ../complete.zsh) >zsh.out &&
	sed -n "/^===$/q;p" zsh.out >zsh.status &&
	sed "1,/^===$/d" zsh.out | sort >zsh.edit &&
	test_grep "^tom-with-alex$" zsh.status &&
	test_grep ! "^sam-with-alex$" zsh.status &&
	printf "%s\n" 2026-06-01 2026-06-01-preparing.md >expect &&
	test_cmp expect zsh.edit &&
	cat >complete.fish <<-EOF &&
	function mjournal; "$MJOURNAL" \$argv; end
	source "$PROJECT_DIR/completions/mjournal.fish"
	complete --do-complete "mjournal status sam-with-alex "
	echo "==="
	complete --do-complete "mjournal edit sam-with-alex 2026-06-0"
	EOF
	(cd journal && HOME="$TRASH" fish --no-config ../complete.fish) >fish.out &&
	sed -n "/^===$/q;p" fish.out >fish.status &&
	sed "1,/^===$/d" fish.out | sort >fish.edit &&
	test_grep "^tom-with-alex" fish.status &&
	test_grep ! "^sam-with-alex" fish.status &&
	test_cmp expect fish.edit
'

# the packages that hold the libraries a binary is linked with, and
# libical, which mjournal loads only for the agenda's calendar feed
runtime_packages() {
	{ objdump -p "$1" | sed -n "s/^ *NEEDED *//p"; echo libical.so.3; } |
	while read -r lib; do
		dpkg -S "*/$lib" | sed -n "1s/:.*//p"
	done | sort -u
}

# dpkg-buildpackage, debhelper and lintian: check-deps installs them
if ! { command -v dpkg-buildpackage && command -v dh && command -v lintian; } >/dev/null 2>&1; then
	"$PROJECT_DIR/tools/install-deps.sh" deb >/dev/null 2>&1 || true
fi
if ! { command -v dpkg-buildpackage && command -v dh && command -v lintian; } >/dev/null 2>&1; then
	test_skip "make deb: a package built outside git, lintian-clean, installing the binary, man page and completions" \
		"dpkg-buildpackage, debhelper or lintian is missing and could not be installed (tools/install-deps.sh deb)"
	test_done
fi

test_expect_success 'make deb outside git: a lintian-clean package, the version alone' '
	mj --version >built &&
	test_grep "^mjournal $VERSION" built &&
	mkdir tarball &&
	tar -C "$PROJECT_DIR" --exclude=./.git --exclude=./build --exclude=./dist \
		--exclude=./mjournal --exclude=./COMMIT --exclude=./tests/artifacts --exclude=.mjournal \
		-cf - . | tar -xf - -C tarball &&
	{ tarball/tools/deb.sh work dist 2>deb.log || { tail -30 deb.log; false; }; } &&
	test_grep "lintian" deb.log &&
	ls dist/mjournal_${VERSION}_*.deb >debs &&
	test_line_count = 1 debs &&
	dpkg-deb -x "$(cat debs)" root &&
	root/usr/bin/mjournal --version >v &&
	echo "mjournal $VERSION" >expect &&
	test_cmp expect v
'

test_expect_success 'the package holds the binary, the man page and the completions where Debian keeps them' '
	dpkg-deb -c "$(cat debs)" | sed -n "s,^-.* \./,/,p" | sort >files &&
	sort >expect <<-\EOF &&
	/usr/bin/mjournal
	/usr/share/bash-completion/completions/mjournal
	/usr/share/doc/mjournal/changelog.gz
	/usr/share/doc/mjournal/copyright
	/usr/share/fish/vendor_completions.d/mjournal.fish
	/usr/share/man/man1/mjournal.1.gz
	/usr/share/zsh/vendor-completions/_mjournal
	EOF
	test_cmp expect files &&
	MANWIDTH=80 man --warnings -l root/usr/share/man/man1/mjournal.1.gz >page 2>warnings &&
	test ! -s warnings &&
	test_grep "closing-incomplete" page &&
	gzip -dc root/usr/share/man/man1/mjournal.1.gz >mjournal.1 &&
	test_grep "f\[CR\]" mjournal.1 &&
	test_grep ! "f\[C\]" mjournal.1 &&
	XDG_DATA_DIRS="$TRASH/root/usr/share" bash -c \
		". /usr/share/bash-completion/bash_completion &&
		 { _comp_load mjournal 2>/dev/null || __load_completion mjournal; } &&
		 complete -p mjournal" >spec &&
	echo "complete -F _mjournal mjournal" >expect &&
	test_cmp expect spec &&
	zsh -f -c "print -l \$fpath" >fpath &&
	test_grep "^/usr/share/zsh/vendor-completions$" fpath &&
	HOME="$TRASH" fish -c "printf \"%s\n\" \$fish_complete_path" >fishpath &&
	test_grep "^/usr/share/fish/vendor_completions.d$" fishpath
'

test_expect_success 'the package depends on exactly the libraries the binary uses' '
	dpkg-deb -f "$(cat debs)" Depends | tr "," "\n" |
		sed "s/^ *//; s/ .*//" | sort -u >depends &&
	runtime_packages root/usr/bin/mjournal >needed &&
	test_line_count -ge 8 needed &&
	test_cmp needed depends
'

test_expect_success 'the packaged mjournal reads the sample programme as the built one does' '
	for c in status "log sam-with-alex" "summary sam-with-alex --format man" \
		"agenda --format ics"; do
		mj -C journal $c >want 2>&1
		root/usr/bin/mjournal -C journal $c >got 2>&1
		test_cmp want got || return 1
	done &&
	test_grep "^BEGIN:VCALENDAR" got &&
	root/usr/bin/mjournal -C journal summary sam-with-alex --format man >got &&
	test_grep "^\.TH \"SAM" got
'

test_done
