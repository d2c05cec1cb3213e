#!/bin/sh
# mjournal log: the timeline of sessions, on the sample programme.
. "$(dirname "$0")/lib.sh"
export MJOURNAL_TODAY=2026-11-23

test_expect_success 'log of one relationship' '
	mj -C "$SAMPLE_DIR" log lee-with-nina >out &&
	cat >expect <<-\EOF &&
	lee-with-nina: Nina Okafor with Lee Martin (peer, ended-early)
	  2026-03-09  negotiating  held      45m    Peers, one goal
	  2026-03-23  enabling     held      45m    The first fortnight of the log
	  2026-04-06  enabling     no-show          Lee did not come
	  2026-04-20  enabling     no-show          Lee did not come again
	  2026-05-11  closing      held      30m    An honest conversation
	EOF
	test_cmp expect out
'

test_expect_success 'log of a group lists every mentee; reflections have no attendance' '
	mj -C "$SAMPLE_DIR" log data-circle >out &&
	head -n 1 out >first &&
	echo "data-circle: Alex Doe with Kim Lee, Wei Chen and Ana Costa (group, active)" >expect &&
	test_cmp expect first &&
	mj -C "$SAMPLE_DIR" log priya-with-dev >out &&
	test_grep "2026-11-16  preparing    -                Why Priya, why me" out
'

test_expect_success 'log of the whole journal shows every relationship in name order' '
	mj -C "$SAMPLE_DIR" log >out &&
	grep -v "^ " out | grep -v "^$" | cut -d: -f1 >slugs &&
	printf "%s\n" data-circle helen-with-ravi jo-with-maria lee-with-nina \
		omar-with-lena priya-with-dev sam-with-alex tom-with-alex >expect &&
	test_cmp expect slugs
'

test_expect_success 'notes are in date order; same-day notes in the cycle order' '
	cp -R "$SAMPLE_DIR" copy &&
	cat >copy/sam-with-alex/2026-06-15-a.md <<-\EOF &&
	---
	date: 2026-06-15
	stage: preparing
	---
	# A last thought before the meeting
	EOF
	mj -C copy log sam-with-alex >out &&
	sed -n "3,4p" out >two &&
	cat >expect <<-\EOF &&
	  2026-06-15  preparing    -                A last thought before the meeting
	  2026-06-15  negotiating  held      60m    First meeting: what Sam wants
	EOF
	test_cmp expect two
'

test_expect_success 'private notes are marked in the log' '
	cat >copy/sam-with-alex/2026-11-10-thoughts.private.md <<-\EOF &&
	---
	date: 2026-11-10
	stage: enabling
	---
	# My doubts
	EOF
	mj -C copy log sam-with-alex >out &&
	test_grep "My doubts (private)" out
'

test_expect_success 'log of an unknown relationship fails with exit 2' '
	test_expect_code 2 mj -C "$SAMPLE_DIR" log nobody 2>err &&
	test_grep "no relationship .nobody." err
'

test_done
