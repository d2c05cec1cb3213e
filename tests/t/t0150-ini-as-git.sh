#!/bin/sh
# INI values as git reads them: git config itself is the judge of what an
# agreement.ini value is, and of what import, new, extend, reopen and init
# write.
. "$(dirname "$0")/lib.sh"
export MJOURNAL_TODAY=2026-03-01

# git_values KEY FILE: every value of KEY as git config reads it, each
# ended by NUL.
git_values() {
	git config -f "$2" -z --get-all "$1"
}

# mj_people SLUG: mentor, then each mentee, as mjournal reads them, each
# ended by NUL.
mj_people() {
	mj -C journal status --all --format json >people.json &&
	jq -j --arg s "$1" '.relationships[] | select(.slug == $s) |
		(.mentor, .mentees[]) | ., "\u0000"' people.json
}

test_expect_success 'setup: a journal with a group relationship' '
	mj init journal >/dev/null &&
	mj -C journal new circle --mentor "Kim Lee <kim@example.org>" \
		--mentee "A <a@example.org>" --mentee "B <b@example.org>" \
		--started 2026-01-12 --ends 2026-07-12 >/dev/null
'

test_expect_success 'values are read as git config reads them' '
	ini=journal/circle/agreement.ini &&
	{ sed -n "1,/^\[relationship\]/p" $ini &&
	  cat <<-\EOF &&
	mentor = "Doe, Alex" <alex@example.org>
	mentee = "Say \"no\" to scope creep"
	mentee = O'\''Neil '\''single'\'' quotes
	mentee = tab\there, new\nline, back\\slash, bs\bx
	mentee = cut # a comment
	mentee = cut ; a comment
	mentee =    lead and trail   
	mentee = inner   spaces   kept
	mentee = "  quoted lead" and after 
	mentee = "" x
	mentee = " " x
	mentee = part"ly"quoted "a # b ; c" d ; e
	mentee = Zoë Ångström
	mentee = continued \
	  on the next line
	mentee = continued\
	glued
	mentee = "a quote open \
	over a line"
	EOF
	  sed -n "/^type =/,\$p" $ini; } >new.ini &&
	cp new.ini $ini &&
	mj -C journal check circle >out 2>&1 &&
	test_grep ! "agreement-" out &&
	{ git_values relationship.mentor $ini &&
	  git_values relationship.mentee $ini; } >expect &&
	test $(tr -cd "\000" <expect | wc -c) -eq 16 &&
	mj_people circle >actual &&
	test_cmp expect actual &&
	test_grep "Doe, Alex <alex@example.org>" actual &&
	test_grep "Say \"no\" to scope creep" actual
'

test_expect_success 'a value git config refuses is refused, with its line' '
	ini=journal/circle/agreement.ini &&
	cp $ini good.ini &&
	sed -i "s/^mentor = .*/mentor = \"Doe, Alex <alex@example.org>/" $ini &&
	test_expect_code 128 git config -f $ini --get relationship.mentor &&
	test_must_fail mj -C journal check circle >out 2>&1 &&
	line=$(grep -n "^mentor" $ini | cut -d: -f1) &&
	test_grep "circle/agreement.ini:$line:10: error: line $line: a .\". is never closed" out &&
	cp good.ini $ini &&
	sed -i "s/^mentor = .*/mentor = Doe \\\\q Alex/" $ini &&
	test_expect_code 128 git config -f $ini --get relationship.mentor &&
	test_must_fail mj -C journal check circle >out 2>&1 &&
	test_grep "circle/agreement.ini:$line:14: error: line $line: .\\\\q. is no escape git config knows" out &&
	cp good.ini $ini
'

test_expect_success 'a comment glued to the text is read as git reads it, and named' '
	ini=journal/circle/agreement.ini &&
	cp $ini good.ini &&
	sed -i "s/^mentor = .*/mentor = Alex#1 <alex@example.org>/" $ini &&
	git config -f $ini --get relationship.mentor >expect &&
	echo Alex >expect.mj && test_cmp expect.mj expect &&
	mj -C journal check circle >out 2>&1 &&
	test_grep "warning: the .#. starts a comment, as git config reads it: the value is .Alex.; put the value in double quotes" out &&
	cp good.ini $ini
'

test_expect_success 'import writes what --dry-run shows, and git reads the same' '
	cat >people.csv <<-\EOF &&
	slug,mentor,mentee
	quoted,"""Doe, Alex"" <alex@example.org>",Sam Roe # Team 3 <sam@example.org>
	hostile,"  Kim \ Li ; x <kim@example.org> ","Zoë ""Z"" O'\''Neil # \\ <zoe@example.org>; Ann;B # 2"
	EOF
	mj -C journal import ../people.csv --dry-run >dry &&
	mj -C journal import ../people.csv >/dev/null &&
	for slug in quoted hostile; do
		git_values relationship.mentor journal/$slug/agreement.ini >expect &&
		git_values relationship.mentee journal/$slug/agreement.ini >>expect &&
		mj_people $slug >actual &&
		test_cmp expect actual &&
		{ printf "would start %s: " $slug &&
		  jq -j --arg s $slug ".relationships[] | select(.slug == \$s) |
			.mentor + \" with \" + (.mentees | join(\", \")) + \" (\"" \
			people.json &&
		  echo; } >shown &&
		grep "^would start $slug: " dry | sed "s/(.*/(/" >dry.$slug &&
		test_cmp shown dry.$slug || return 1
	done &&
	test_grep "^would start quoted: \"Doe, Alex\" <alex@example.org> with Sam Roe # Team 3 <sam@example.org> (" dry &&
	test_grep "^mentor = \\\\\"Doe, Alex\\\\\" <alex@example.org>$" journal/quoted/agreement.ini
'

test_expect_success 'new, extend and reopen write so that git reads the same' '
	mj -C journal new pair --mentor " \"Ed\" \\ Wu ; #1 " \
		--mentee "Lu <lu@example.org>" --started 2026-01-12 \
		--ends 2026-07-12 >/dev/null &&
	ini=journal/pair/agreement.ini &&
	printf " \"Ed\" \\\\ Wu ; #1 " >expect &&
	git config -f $ini --get relationship.mentor | tr -d "\n" >actual &&
	test_cmp expect actual &&
	mj_people pair | tr "\000" "\n" | head -n 1 | tr -d "\n" >actual &&
	test_cmp expect actual &&
	sed -i -e "s/^ends = .*/ends = \"2026-07-12\" ; until \"July\" \\\\/" \
	       -e "s/^status = .*/status = closed # by hand/" \
	       -e "s/^closed =.*/closed = 2026-02-27;glued/" $ini &&
	git -C journal commit -qam "closed by hand" &&
	git config -f $ini --list >before &&
	mj -C journal reopen pair >/dev/null &&
	mj -C journal extend pair --ends 2026-12-31 >/dev/null &&
	git config -f $ini --list >after &&
	test "$(git config -f $ini --get relationship.ends)" = 2026-12-31 &&
	test "$(git config -f $ini --get relationship.status)" = active &&
	test "$(git config -f $ini --get relationship.closed)" = "" &&
	test "$(git config -f $ini --get relationship.reopened)" = 2026-03-01 &&
	grep -v "^relationship\.\(ends\|status\|closed\|reopened\)=" before >expect &&
	grep -v "^relationship\.\(ends\|status\|closed\|reopened\)=" after >actual &&
	test_cmp expect actual &&
	test_grep "^ends = 2026-12-31 ; until \"July\" \\\\$" $ini &&
	mj -C journal check pair >out 2>&1 &&
	test_grep ! ": error:" out
'

test_expect_success 'init writes the name and owner so that git reads them as given' '
	mj init other --name "Team #3 \"north\"; \\ x" \
		--owner "Ann Lee <ann@example.org> ; lead" >/dev/null &&
	printf "%s\n" "Team #3 \"north\"; \\ x" >expect &&
	git config -f other/mjournal.ini --get journal.name >actual &&
	test_cmp expect actual &&
	echo "Ann Lee <ann@example.org> ; lead" >expect &&
	git config -f other/mjournal.ini --get journal.owner >actual &&
	test_cmp expect actual &&
	mj -C other status >out &&
	test_grep "^Team #3 \"north\"; \\\\ x, 2026-03-01$" out
'

test_done
