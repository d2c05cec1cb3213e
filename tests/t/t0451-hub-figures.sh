#!/bin/sh
# Managers without keys: a journal on an encrypted hub publishes, beside
# its encrypted history, the figures programme --format json gives of it,
# encrypted to the programme's key its mjournal.ini names ([programme]
# key).  The programme office's keyring holds that key alone: programme
# gcrypt::URL shows it the figures a reader of the journal sees, and not a
# word of any note; the hub still holds nothing readable.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/lib-gpg.sh"
export MJOURNAL_TODAY=2026-11-30
MARKER=Zq7secretMarker
trap 'kill_agents alex sam office none; cd / && rm -rf "$TRASH"' EXIT
HUB="gcrypt::$TRASH/hub.git"

# record OUT: the figures on the hub, decrypted with the programme's key
record() {
	git -C "$TRASH/hub.git" cat-file blob refs/mjournal/figures:figures.gpg >"$TRASH/record.gpg" &&
	as office gpg --batch --quiet --decrypt "$TRASH/record.gpg" >"$1" 2>/dev/null
}

test_expect_success 'setup: a pair with GPG keys, a programme office with its own, a journal on an encrypted hub' '
	make_keys "alex:Alex Doe" "sam:Sam Roe" "office:Programme Office" &&
	mkdir -m 700 "$TRASH/gpg-none" &&
	as alex gpg --batch --quiet --export alex@example.org >alex.pub &&
	as sam gpg --batch --quiet --export sam@example.org >sam.pub &&
	as office gpg --batch --quiet --export office@example.org >office.pub &&
	as alex gpg --batch --quiet --import sam.pub office.pub 2>/dev/null &&
	as sam gpg --batch --quiet --import alex.pub 2>/dev/null &&
	as office gpg --batch --with-colons --list-keys | grep -c "^pub" >n &&
	echo 1 >expect && test_cmp expect n &&
	marked_journal &&
	as alex mj -C alex remote add --encrypted origin "$TRASH/hub.git" \
		--to alex@example.org --to sam@example.org >/dev/null
'

test_expect_success 'a journal that names no programme key publishes no figures' '
	as alex mj -C alex sync >out &&
	test_grep "Pushed main to origin" out &&
	test_grep ! "figures" out &&
	test_must_fail git -C hub.git rev-parse -q --verify refs/mjournal/figures &&
	test_must_fail as office mj programme "$HUB" >out 2>err &&
	test_grep "none of the keys that may read it is in your keyring, and it holds no figures for a programme" err &&
	test_grep "\[programme\] key" err &&
	test_grep ! "Failed to decrypt" err
'

test_expect_success '[programme] key: each sync sends the figures, encrypted to that key alone' '
	printf "\n[programme]\nkey = %s\n" "$(fpr office@example.org)" >>alex/mjournal.ini &&
	as alex mj -C alex commit -m "Figures for the programme office" >/dev/null &&
	as alex mj -C alex check >/dev/null &&
	as alex mj -C alex sync >out &&
	test_grep "Pushed main to origin" out &&
	test_grep "Sent origin the figures for the programme, encrypted to its key" out &&
	git -C hub.git cat-file -p refs/mjournal/figures >commit &&
	test_grep "^author root <root@localhost> 1356994801 -0400" commit &&
	git -C hub.git ls-tree --name-only refs/mjournal/figures >files &&
	echo figures.gpg >expect && test_cmp expect files &&
	record record.json &&
	test_must_fail as alex gpg --batch --decrypt record.gpg >/dev/null 2>&1 &&
	test_must_fail as sam gpg --batch --decrypt record.gpg >/dev/null 2>&1
'

test_expect_success 'the record is what programme --format json says of the journal, and nothing else' '
	as sam mj programme "$HUB" --format json >reader.json &&
	test_cmp reader.json record.json &&
	test_grep "sam-with-alex" record.json &&
	test_grep ! "$MARKER" record.json &&
	python3 - <<-\PY
	import json
	def keys(v, at=""):
	    if isinstance(v, dict):
	        out = set()
	        for k, x in v.items():
	            # the figures keyed by stage, status, mentor: values, not fields
	            if at.endswith(("by_stage", "by_status", "hours_per_mentor")):
	                k = "*"
	            out |= {at + "/" + k} | keys(x, at + "/" + k)
	        return out
	    if isinstance(v, list):
	        return set().union(*[keys(x, at + "[]") for x in v]) if v else set()
	    return set()
	def strings(v):
	    if isinstance(v, dict):
	        return set(v) | set().union(*[strings(x) for x in v.values()] or [set()])
	    if isinstance(v, list):
	        return set().union(*[strings(x) for x in v] or [set()])
	    return {v} if isinstance(v, str) else set()
	rec = json.load(open("record.json"))
	prog = json.load(open("reader.json"))
	assert keys(rec) == keys(prog), keys(rec) ^ keys(prog)
	assert strings(rec) <= strings(prog), strings(rec) - strings(prog)
	PY
'

test_expect_success 'the hub still holds nothing readable, figures and all' '
	git -C hub.git rev-parse -q --verify refs/heads/master >/dev/null &&
	git -C hub.git rev-parse -q --verify refs/mjournal/figures >/dev/null &&
	nothing_readable hub.git
'

test_expect_success 'programme with the programme key alone: the figures a reader sees, no word of a note' '
	as office mj programme "$HUB" --format json >office.json &&
	python3 - <<-\PY &&
	import json
	office = json.load(open("office.json"))
	reader = json.load(open("reader.json"))
	assert office["relationships"] == reader["relationships"]
	assert office["figures"] == reader["figures"], (office["figures"], reader["figures"])
	assert office["sources"] == reader["sources"], office["sources"]
	PY
	as office mj programme "$HUB" >office.txt &&
	test_grep "^Programme of 1 journal, 2026-11-30: 8 relationships$" office.txt &&
	test_grep "From the figures its last push left (of 2026-11-30; encrypted journal)" office.txt &&
	test_grep "tom-with-alex" office.txt &&
	test_grep "median days between sessions" office.txt &&
	test_grep ! "$MARKER" office.txt &&
	as office mj programme "$HUB" --format csv >office.csv &&
	test_grep "^\"\?Northwind" office.csv
'

test_expect_success 'beside another journal, the figures add up as for any two journals' '
	cp -R "$SAMPLE_DIR" two &&
	sed -i "s/^name = .*/name = Second cohort/" two/mjournal.ini &&
	as office mj programme "$HUB" two --format json >office2.json &&
	as sam mj programme "$HUB" two --format json >reader2.json &&
	python3 - <<-\PY
	import json
	office = json.load(open("office2.json"))
	reader = json.load(open("reader2.json"))
	assert office["relationships"] == reader["relationships"]
	of, rf = office["figures"], reader["figures"]
	for k in rf:
	    if k != "median_days_between_sessions":
	        assert of[k] == rf[k], (k, of[k], rf[k])
	assert of["relationships"] == 16
	PY
'

test_expect_success 'with neither key: a message naming the key needed, nothing shown' '
	test_must_fail as none mj programme "$HUB" >out 2>err &&
	test_grep "cannot fetch from the encrypted remote .*: this keyring holds neither a key that may read its journal nor the programme.s key" err &&
	test_grep "the secret key whose fingerprint the journal.s mjournal.ini names (\[programme\] key)" err &&
	test_grep ! "^gcrypt: " err &&
	test_grep ! "Failed to decrypt" err &&
	test_grep ! "sam-with-alex" out
'

test_expect_success 'a new note: the next sync sends figures that count it' '
	EDITOR=true as alex mj -C alex note priya-with-dev --no-edit --attendance held \
		--duration 60m --date 2026-11-25 --title "First meeting" >/dev/null &&
	echo "$MARKER" >>alex/priya-with-dev/2026-11-25-first-meeting.md &&
	as alex mj -C alex commit -m "A note" >/dev/null &&
	as alex mj -C alex sync >out &&
	test_grep "Sent origin the figures" out &&
	as office mj programme "$HUB" --format json >office.json &&
	python3 -c "
import json
rows = {r[\"slug\"]: r for r in json.load(open(\"office.json\"))[\"relationships\"]}
assert rows[\"priya-with-dev\"][\"held\"] == 1, rows[\"priya-with-dev\"]
" &&
	record record.json &&
	test_grep ! "$MARKER" record.json &&
	nothing_readable hub.git
'

test_expect_success 'the programme key not in the keyring: the journal is pushed, its figures not, and the message names the key' '
	as sam git clone -q -b main "$HUB" sam 2>/dev/null &&
	as sam mj -C sam remote keys origin --add alex@example.org --add sam@example.org >/dev/null &&
	git -C hub.git rev-parse refs/mjournal/figures >before &&
	EDITOR=true as sam mj -C sam note sam-with-alex --no-edit --attendance held \
		--duration 60m --date 2026-11-26 --title "From Sam" >/dev/null &&
	test_expect_code 2 as sam mj -C sam sync >out 2>err &&
	test_grep "Pushed main to origin" out &&
	test_grep "no figures were sent for the programme: its key $(fpr office@example.org) (\[programme\] key in mjournal.ini) is not in your keyring" err &&
	git -C hub.git rev-parse refs/mjournal/figures >after &&
	test_cmp before after &&
	as sam gpg --batch --quiet --import office.pub 2>/dev/null &&
	as sam mj -C sam push >out &&
	test_grep "Sent origin the figures" out &&
	as office mj programme "$HUB" --format json >office.json &&
	test_grep "\"held\": 11" office.json
'

test_expect_success 'figures not encrypted, or not mjournal'"'"'s, are not read' '
	echo "{\"today\": \"2026-11-30\"}" >plain.json &&
	blob=$(git -C hub.git hash-object -w --stdin <plain.json) &&
	printf "100644 blob %s\tfigures.gpg\n" $blob >tree &&
	tree=$(git -C hub.git mktree <tree) &&
	commit=$(echo x | git -C hub.git commit-tree $tree) &&
	git -C hub.git update-ref refs/mjournal/figures $commit &&
	test_must_fail as office mj programme "$HUB" >out 2>err &&
	test_grep "is not encrypted, so not figures mjournal wrote" err &&
	as office gpg --batch --quiet --trust-model always -r office@example.org \
		--encrypt <plain.json >odd.gpg &&
	blob=$(git -C hub.git hash-object -w --stdin <odd.gpg) &&
	printf "100644 blob %s\tfigures.gpg\n" $blob >tree &&
	tree=$(git -C hub.git mktree <tree) &&
	commit=$(echo x | git -C hub.git commit-tree $tree) &&
	git -C hub.git update-ref refs/mjournal/figures $commit &&
	test_must_fail as office mj programme "$HUB" >out 2>err &&
	test_grep "its figures for the programme are not figures mjournal wrote" err &&
	as alex mj -C alex sync >/dev/null &&
	as office mj programme "$HUB" >out &&
	test_grep "Programme of 1 journal" out
'

test_done
