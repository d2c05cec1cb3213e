#!/bin/sh
# mjournal new: start a relationship.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	mj init journal >/dev/null
'

test_expect_success 'new writes the agreement and commits it' '
	(cd journal && mj new sam-with-alex --mentor "Alex Doe <alex@example.org>" \
		--mentee "Sam Roe <sam@example.org>" --started 2026-01-12 >../out) &&
	test_grep "Started sam-with-alex" out &&
	git -C journal log -1 --format=%s >msg &&
	echo "sam-with-alex: start relationship" >expect &&
	test_cmp expect msg &&
	git -C journal show --name-only --format= HEAD >files &&
	echo sam-with-alex/agreement.ini >expect &&
	test_cmp expect files &&
	test -z "$(git -C journal status --porcelain)" &&
	git -C journal fsck --strict
'

test_expect_success 'the agreement has the parties and the defaults' '
	a=journal/sam-with-alex/agreement.ini &&
	test_grep "^mentor = Alex Doe <alex@example.org>$" $a &&
	test_grep "^mentee = Sam Roe <sam@example.org>$" $a &&
	test_grep "^type = one-to-one$" $a &&
	test_grep "^started = 2026-01-12$" $a &&
	test_grep "^ends = 2026-07-12$" $a &&
	test_grep "^cadence = 14d$" $a &&
	test_grep "^status = active$" $a &&
	test_grep "^review = 2026-04-12$" $a
'

test_expect_success 'a new relationship passes check (quiet: no session yet)' '
	mj -C journal check >out &&
	echo "sam-with-alex/agreement.ini:12:1: warning: no session held in the 48 days since it started (cadence 14d): the relationship is overdue; meet, or talk about ending [quiet]" >expect &&
	test_cmp expect out &&
	MJOURNAL_TODAY=2026-01-20 mj -C journal check >out &&
	test ! -s out
'

test_expect_success 'started defaults to today, and options are honoured' '
	mj -C journal new kim-with-alex --mentor "Alex Doe <alex@example.org>" \
		--mentee "Kim Lee <kim@example.org>" --type reverse \
		--ends 2026-12-01 --cadence 3w >/dev/null &&
	a=journal/kim-with-alex/agreement.ini &&
	test_grep "^started = 2026-03-01$" $a &&
	test_grep "^ends = 2026-12-01$" $a &&
	test_grep "^cadence = 3w$" $a &&
	test_grep "^type = reverse$" $a
'

test_expect_success 'several mentees make a group' '
	mj -C journal new data-circle --mentor "Alex Doe <alex@example.org>" \
		--mentee "Kim Lee <kim@example.org>" --mentee "Jo Park <jo@example.org>" \
		>/dev/null &&
	a=journal/data-circle/agreement.ini &&
	test_grep "^type = group$" $a &&
	grep "^mentee = " $a >mentees &&
	printf "mentee = Kim Lee <kim@example.org>\nmentee = Jo Park <jo@example.org>\n" >expect &&
	test_cmp expect mentees &&
	test_expect_code 2 mj -C journal new pair --mentor "A <a@x>" --mentee "B <b@x>" \
		--mentee "C <c@x>" --type one-to-one 2>err &&
	test_grep "group" err &&
	test ! -e journal/pair
'

test_expect_success 'an existing relationship is refused and left alone' '
	cp journal/sam-with-alex/agreement.ini before &&
	test_expect_code 2 mj -C journal new sam-with-alex --mentor "X <x@x>" \
		--mentee "Y <y@y>" 2>err &&
	test_grep "already exists" err &&
	test_cmp before journal/sam-with-alex/agreement.ini
'

test_expect_success 'invalid slugs are refused with exit 2' '
	for slug in ../escape a/b Sam "sam alex" -sam "" templates .hidden \
		sam_alex "$(printf "s%.0s" $(seq 1 64))" "sаm"; do
		test_expect_code 2 mj -C journal new --mentor "X <x@x>" \
			--mentee "Y <y@y>" -- "$slug" 2>err &&
		test_grep "not a valid relationship name" err || return 1
	done &&
	test ! -e escape && test ! -e journal/a &&
	git -C journal status --porcelain >st && test ! -s st
'

test_expect_success 'bad dates, types, cadences and people are refused' '
	n() { test_expect_code 2 mj -C journal new ok-slug --mentor "X <x@x>" "$@"; } &&
	n --mentee "Y <y@y>" --started 2026-02-30 2>err && test_grep "not a real date" err &&
	n --mentee "Y <y@y>" --started 2026-03-01 --ends 2026-02-01 2>err &&
	test_grep ".ends. must come after .started." err &&
	n --mentee "Y <y@y>" --type coaching 2>err && test_grep "unknown --type" err &&
	n --mentee "Y <y@y>" --cadence often 2>err && test_grep "cadence" err &&
	n --mentee "$(printf "Y <y@y>\tx")" 2>err && test_grep "may not hold" err &&
	n 2>err && test_grep "new needs --mentee PERSON" err &&
	test ! -e journal/ok-slug
'

test_expect_success 'new outside a journal fails with exit 2' '
	mkdir out-there &&
	(cd out-there && test_expect_code 2 mj new x --mentor "X <x@x>" \
		--mentee "Y <y@y>" 2>../err) &&
	test_grep "not inside a journal" err
'

test_expect_success 'the journal may override the agreement template' '
	mkdir -p journal/templates &&
	printf "[relationship]\nmentor = {{mentor}}\n{{mentees}}\nstarted = {{started}}\nends = {{ends}}\ncadence = {{cadence}}\n; ours\n" \
		>journal/templates/agreement.ini &&
	mj -C journal new own-template --mentor "X <x@x>" --mentee "Y <y@y>" >/dev/null &&
	test_grep "^; ours$" journal/own-template/agreement.ini &&
	mj -C journal check own-template
'

test_expect_success 'with autocommit = false nothing is committed' '
	mj init quiet >/dev/null &&
	sed -i "s/^autocommit = true/autocommit = false/" quiet/mjournal.ini &&
	git -C quiet commit -qam "no autocommit" &&
	mj -C quiet new x-y --mentor "X <x@x>" --mentee "Y <y@y>" >/dev/null &&
	test -f quiet/x-y/agreement.ini &&
	git -C quiet log -1 --format=%s >msg &&
	echo "no autocommit" >expect &&
	test_cmp expect msg
'

test_done
