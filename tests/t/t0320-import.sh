#!/bin/sh
# import: relationships started from a spreadsheet, all or nothing.
. "$(dirname "$0")/lib.sh"
export MJOURNAL_TODAY=2026-11-30

# the journal's files and HEAD, to show that nothing changed
snapshot() {
	{ git -C journal rev-parse HEAD &&
	  git -C journal status --porcelain --untracked-files=all &&
	  (cd journal && find . -path ./.git -prune -o -path ./.mjournal -prune -o -print | LC_ALL=C sort); } >"$1"
}

test_expect_success 'setup: a journal' '
	mj init journal >/dev/null
'

test_expect_success 'a spreadsheet as spreadsheets write it: BOM, CRLF, quotes, groups' '
	printf "\357\273\277Slug,Mentor,Mentee,Mentee,Type,Model,Started,Ends,Cadence,Review\r\n" >pairs.csv &&
	printf "sam-with-alex,\"Doe, Alex <alex@example.org>\",Sam Roe <sam@example.org>,,,,2026-12-01,2027-06-01,2w,\r\n" >>pairs.csv &&
	printf "data-circle,Kim Lee <kim@example.org>,\"Ana Ruiz <ana@example.org>; Wei Chen <wei@example.org>\",Bo Li <bo@example.org>,group,sponsorship,2026-12-07,2027-05-31,14d,2027-03-01\r\n" >>pairs.csv &&
	printf "\r\n,,,,,,,,,\r\n" >>pairs.csv &&
	printf "\"quote \"\"q\"\" pair\",\"Q <q@example.org>\",\"R <r@example.org>\",,,,,,,\r\n" >>pairs.csv &&
	sed -i "s/^\"quote \"\"q\"\" pair\"/q-pair/" pairs.csv &&
	snapshot before &&
	mj -C journal import ../pairs.csv --dry-run >out &&
	test_grep "^would start sam-with-alex: Doe, Alex <alex@example.org> with Sam Roe <sam@example.org> (one-to-one, 2026-12-01 to 2027-06-01, every 2w)$" out &&
	test_grep "^would start data-circle: Kim Lee <kim@example.org> with Ana Ruiz <ana@example.org>, Wei Chen <wei@example.org>, Bo Li <bo@example.org> (group, " out &&
	test_grep "^3 relationships; nothing written" out &&
	snapshot after && test_cmp before after &&
	mj -C journal import ../pairs.csv >out &&
	test_grep "^Imported 3 relationships from ../pairs.csv: sam-with-alex data-circle q-pair$" out &&
	git -C journal log -1 --format=%s >subject &&
	test_grep "^import 3 relationships from pairs.csv$" subject &&
	git -C journal show --name-only --format= HEAD >files &&
	printf "%s\n" data-circle/agreement.ini q-pair/agreement.ini sam-with-alex/agreement.ini >expect &&
	test_cmp expect files &&
	test_grep "^mentor = Doe, Alex <alex@example.org>$" journal/sam-with-alex/agreement.ini &&
	test_grep "^cadence = 2w$" journal/sam-with-alex/agreement.ini &&
	test_grep "^mentee = Wei Chen <wei@example.org>$" journal/data-circle/agreement.ini &&
	test_grep "^mentee = Bo Li <bo@example.org>$" journal/data-circle/agreement.ini &&
	test_grep "^model = sponsorship$" journal/data-circle/agreement.ini &&
	test_grep "^review = 2027-03-01$" journal/data-circle/agreement.ini &&
	test_grep "^started = 2026-11-30$" journal/q-pair/agreement.ini &&
	mj -C journal check >out &&
	mj -C journal status --format json >json &&
	test_grep "\"slug\": \"data-circle\"" json
'

test_expect_success 'every problem is named by line; nothing is written' '
	cat >bad.csv <<-\EOF &&
	slug,mentor,mentee,started,ends
	bad slug,A <a@example.org>,B <b@example.org>,,
	ok-one,A <a@example.org>,,2026-13-01,
	sam-with-alex,A <a@example.org>,B <b@example.org>,,
	new-one,A <a@example.org>,B <b@example.org>,2026-12-01,2026-11-01
	two,A <a@example.org>,B <b@example.org>,,
	two,A <a@example.org>,B <b@example.org>,,
	"a, b",A,B,C,D,E
	EOF
	snapshot before &&
	test_expect_code 1 mj -C journal import ../bad.csv 2>err &&
	test_grep "^../bad.csv:2: error: .bad slug. is not a valid relationship name" err &&
	test_grep "^../bad.csv:3: error: .started. is not a real date in the form YYYY-MM-DD: .2026-13-01.$" err &&
	test_grep "^../bad.csv:3: error: .mentee. is missing" err &&
	test_grep "^../bad.csv:4: error: .sam-with-alex. exists already in the journal$" err &&
	test_grep "^../bad.csv:5: error: .ends. must come after .started." err &&
	test_grep "^../bad.csv:7: error: .two. is also on line 6$" err &&
	test_grep "^../bad.csv:8: error: 6 fields, but the header names 5 columns" err &&
	test_grep "^mjournal: nothing imported: 7 problems in ../bad.csv" err &&
	snapshot after && test_cmp before after
'

test_expect_success 'a header it cannot read, an open quote, a file that is not UTF-8' '
	printf "slug,mentor,colour\nx,A <a@example.org>,red\n" >h.csv &&
	test_expect_code 1 mj -C journal import ../h.csv 2>err &&
	test_grep "h.csv:1: info: ignoring the column .colour." err &&
	test_grep "h.csv:1: error: no column .mentee." err &&
	printf "slug,mentor,mentee\nx,\"A <a@example.org>,B\n" >q.csv &&
	test_expect_code 1 mj -C journal import ../q.csv 2>err &&
	test_grep "q.csv:2: error: a quoted field is never closed" err &&
	printf "slug,mentor,mentee\nx,Jos\351 <j@example.org>,B <b@example.org>\n" >l.csv &&
	test_expect_code 1 mj -C journal import ../l.csv 2>err &&
	test_grep "l.csv:2: error: line 2 is not UTF-8 (byte 0xE9: Windows-1252 or Latin-1?); save it as UTF-8" err &&
	test_path_is_missing journal/x
'

test_expect_success 'a commit that fails leaves the journal as it was' '
	printf "slug,mentor,mentee\nlate-one,A <a@example.org>,B <b@example.org>\nlate-two,A <a@example.org>,B <b@example.org>\n" >late.csv &&
	snapshot before &&
	: >journal/.git/index.lock &&
	test_must_fail env MJOURNAL_LOCK_WAIT=0 "$MJOURNAL" -C journal import ../late.csv 2>err &&
	rm journal/.git/index.lock &&
	test_grep "nothing imported; the journal is as it was" err &&
	snapshot after && test_cmp before after &&
	mj -C journal import ../late.csv >out &&
	test_grep "Imported 2 relationships" out
'

test_done
