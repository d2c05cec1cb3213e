#!/bin/sh
# import --split: a journal per pair or per mentor, each its own git
# repository made as init makes one, ready to push to its own hub.
. "$(dirname "$0")/lib.sh"
export MJOURNAL_TODAY=2026-11-30

test_expect_success 'setup: a spreadsheet of four pairs and three mentors' '
	cat >pairs.csv <<-\EOF &&
	slug,mentor,mentee,ends
	sam-with-alex,Alex Doe <alex@example.org>,Sam Roe <sam@example.org>,2027-05-31
	tom-with-alex,  alex doe <ALEX@example.org> ,Tom Poe <tom@example.org>,2027-05-31
	jo-with-zoe,Zoë Ünal <zoe@example.org>,Jo Moe <jo@example.org>,2027-05-31
	kim-with-alex,Alex Doe <other.alex@example.org>,Kim Ode <kim@example.org>,2027-05-31
	EOF
	git init -q outer
'

# every journal under $1: its own repository, as git and mjournal read it
journals_ok() {
	for j in "$1"/*; do
		test "$(git -C "$j" rev-parse --show-toplevel)" = "$(cd "$j" && pwd -P)" &&
		git -C "$j" fsck --strict --no-progress 2>fsck.err &&
		test_must_be_empty_file fsck.err &&
		git -C "$j" log --format=%s >subjects &&
		test_grep "^Start the journal$" subjects &&
		test_grep "^import 1 relationship from pairs.csv$\|^import 2 relationships from pairs.csv$" subjects &&
		test -z "$(git -C "$j" status --porcelain)" &&
		mj -C "$j" status >status.out &&
		test_grep "Everything is committed" status.out &&
		mj -C "$j" check >/dev/null || return 1
	done
}

test_must_be_empty_file() {
	test -f "$1" && ! test -s "$1" || { cat "$1"; false; }
}

test_expect_success 'by pair: one journal each, each its own repository, then what to do next' '
	mj import pairs.csv --split "outer/by pair" >out &&
	test_grep "^Imported 4 relationships from pairs.csv into 4 journals in outer/by pair:$" out &&
	test_grep "^  jo-with-zoe: jo-with-zoe$" out &&
	test_grep "^Next: in each, git remote add origin URL (its own hub), then mjournal sync$" out &&
	ls "outer/by pair" >folders &&
	printf "%s\n" jo-with-zoe kim-with-alex sam-with-alex tom-with-alex >expect &&
	test_cmp expect folders &&
	journals_ok "outer/by pair" &&
	mj -C "outer/by pair/jo-with-zoe" status >st &&
	test_grep "^jo-with-zoe  *Zoë Ünal / Jo Moe " st &&
	test_grep "^name = jo-with-zoe$" "outer/by pair/jo-with-zoe/mjournal.ini" &&
	test_grep "^owner = Zoë Ünal <zoe@example.org>$" "outer/by pair/jo-with-zoe/mjournal.ini" &&
	ls "outer/by pair/sam-with-alex" >files &&
	printf "%s\n" mjournal.ini sam-with-alex >expect &&
	test_cmp expect files
'

test_expect_success 'by mentor: a journal per mentor, named with spaces and letters beyond ASCII' '
	mj import pairs.csv --split "split é" --by mentor >out &&
	test_grep "^Imported 4 relationships from pairs.csv into 3 journals in split é:$" out &&
	test_grep "^  Alex Doe: sam-with-alex tom-with-alex$" out &&
	test_grep "^  Zoë Ünal: jo-with-zoe$" out &&
	test_grep "^  Alex Doe 2: kim-with-alex$" out &&
	ls "split é" >folders &&
	printf "%s\n" "Alex Doe" "Alex Doe 2" "Zoë Ünal" >expect &&
	test_cmp expect folders &&
	journals_ok "split é" &&
	test_grep "^name = Zoë Ünal$" "split é/Zoë Ünal/mjournal.ini" &&
	mj -C "split é/Alex Doe" status >st &&
	test_grep "^sam-with-alex " st && test_grep "^tom-with-alex " st &&
	test_grep ! "kim-with-alex\|jo-with-zoe" st
'

# every byte a journal's repository holds, unpacked
all_of() {
	git -C "$1" log --all -p --format="%H %s" &&
	git -C "$1" cat-file --batch-all-objects --batch
}

test_expect_success "a pair's notes are in its own journal only" '
	mj -C "outer/by pair/sam-with-alex" note sam-with-alex --no-edit \
		--title "Marker SAMONLY" >/dev/null &&
	mj -C "split é/Alex Doe" note tom-with-alex --no-edit \
		--title "Marker TOMONLY" >/dev/null &&
	all_of "outer/by pair/sam-with-alex" >sam.all &&
	test_grep "SAMONLY" sam.all &&
	for j in "outer/by pair"/* "split é"/*; do
		case $j in */sam-with-alex) continue ;; esac
		all_of "$j" >other.all &&
		test_grep ! "SAMONLY" other.all &&
		grep -r "SAMONLY" "$j" && return 1
		:
	done &&
	for j in "outer/by pair/jo-with-zoe" "split é/Zoë Ünal" "split é/Alex Doe 2"; do
		all_of "$j" >other.all &&
		test_grep ! "TOMONLY\|Tom Poe\|tom@example.org" other.all || return 1
	done &&
	all_of "split é/Alex Doe 2" >kim.all &&
	test_grep ! "Sam Roe\|Jo Moe" kim.all
'

test_expect_success 'ready for its own hub: a remote added, then sync' '
	git init -q --bare hub.git &&
	git -C "split é/Zoë Ünal" remote add origin "$TRASH/hub.git" &&
	mj -C "split é/Zoë Ünal" sync >/dev/null 2>&1 &&
	git -C hub.git log --format=%s main >hub.log &&
	test_grep "^import 1 relationship from pairs.csv$" hub.log &&
	git clone -q hub.git clone &&
	test -f clone/jo-with-zoe/agreement.ini
'

# the target's files, to show nothing changed
listing() {
	find "$1" -printf "%p %s %T@\n" | LC_ALL=C sort
}

test_expect_success 'run again: every folder there is refused by name, nothing written' '
	listing "split é" >before &&
	test_expect_code 1 mj import pairs.csv --split "split é" --by mentor >out 2>err &&
	test_grep "^mjournal: .split é/Alex Doe. is there already and is not an empty folder$" err &&
	test_grep "^mjournal: .split é/Zoë Ünal. is there already and is not an empty folder$" err &&
	test_grep "^mjournal: .split é/Alex Doe 2. is there already and is not an empty folder$" err &&
	test_grep "nothing imported: mjournal never writes over a folder" err &&
	test_grep ! "Imported" out &&
	listing "split é" >after &&
	test_cmp before after
'

test_expect_success 'one folder there: refused by name; an empty one is used' '
	mkdir -p two/sam-with-alex two/jo-with-zoe &&
	echo mine >two/sam-with-alex/notes.txt &&
	test_expect_code 1 mj import pairs.csv --split two >out 2>err &&
	test_grep "^mjournal: .two/sam-with-alex. is there already" err &&
	test_grep ! "jo-with-zoe" err &&
	ls two >folders &&
	printf "%s\n" jo-with-zoe sam-with-alex >expect &&
	test_cmp expect folders &&
	ls two/jo-with-zoe >empty && test_must_be_empty_file empty &&
	echo mine >expect && test_cmp expect two/sam-with-alex/notes.txt &&
	rm two/sam-with-alex/notes.txt &&
	mj import pairs.csv --split two >out &&
	journals_ok two
'

test_expect_success '--dry-run shows the journals and writes nothing' '
	mj import pairs.csv --split dry --by mentor --dry-run >out &&
	test_grep "^would make 3 journals in dry:$" out &&
	test_grep "^  Alex Doe 2: kim-with-alex$" out &&
	test_grep "nothing written (--dry-run)" out &&
	test_path_is_missing dry
'

test_expect_success 'not inside a journal; a bad row imports nothing; --by alone' '
	mj init j >/dev/null &&
	test_expect_code 1 mj -C j import ../pairs.csv --split sub 2>err &&
	test_grep "a journal cannot hold another" err &&
	test_path_is_missing j/sub &&
	printf "slug,mentor,mentee\nok-pair,A <a@example.org>,B <b@example.org>\nBad Slug,A <a@example.org>,C <c@example.org>\n" >bad.csv &&
	test_expect_code 1 mj import bad.csv --split bad 2>err &&
	test_grep "bad.csv:3: error: .Bad Slug. is not a valid relationship name" err &&
	test_path_is_missing bad &&
	test_expect_code 2 mj -C j import ../pairs.csv --by mentor 2>err &&
	test_grep "^mjournal: --by needs --split DIR" err
'

test_expect_success 'killed half way: the journals made stay, and the rerun names each' '
	MJOURNAL_FAULT_LIST=$TRASH/points mj import pairs.csv --split counted >/dev/null &&
	total=$(wc -l <points) && test "$total" -gt 4 &&
	{ MJOURNAL_FAULT_AT=$((total / 2)) mj import pairs.csv --split killed >/dev/null 2>&1; test $? -eq 137; } &&
	ls killed >made && test_line_count -lt 4 made && test_line_count -gt 0 made &&
	test_expect_code 1 mj import pairs.csv --split killed 2>err &&
	while read -r f; do
		test_grep "^mjournal: .killed/$f. is there already" err || return 1
	done <made
'

test_done
