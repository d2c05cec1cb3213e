#!/bin/sh
# Killed from outside: mjournal killed while the editor is open, and a git
# lock left behind by a process that died.  (t0810 kills at each of
# mjournal's own fault points.)
. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/lib-crash.sh"
export MJOURNAL_TODAY=2026-11-23

test_expect_success 'setup: the sample programme in git' '
	cp -R "$SAMPLE_DIR" base &&
	git -C base init -q && git -C base add -A && git -C base commit -q -m programme
'

test_expect_success 'killed from the editor: the note is kept, the next run works' '
	rm -rf e && cp -R base e &&
	cat >"$TRASH/killer" <<-\EOS &&
	#!/bin/sh
	printf "\nHalf a thought, then the power went.\n" >>"$1"
	# the editor runs under sh, under mjournal: kill mjournal
	kill -9 $(ps -o ppid= -p $PPID)
	sleep 1
	EOS
	chmod +x "$TRASH/killer" &&
	(cd e && EDITOR="$TRASH/killer" "$MJOURNAL" note sam-with-alex --date 2026-11-23 \
		--stage enabling >/dev/null 2>&1 || echo $? >../rc) &&
	echo 137 >expect && test_cmp expect rc &&
	test_grep "Half a thought" e/sam-with-alex/2026-11-23.md &&
	sound e &&
	mj -C e commit >out &&
	test_grep "add session 2026-11-23" out
'

test_expect_success 'a stale git lock left by a crash is named clearly' '
	rm -rf l && cp -R base l &&
	: >l/.git/index.lock &&
	echo more >>l/jo-with-maria/2026-11-02.md &&
	test_expect_code 2 mj -C l commit 2>err &&
	test_grep "index.lock" err &&
	rm l/.git/index.lock &&
	mj -C l commit >/dev/null
'

test_expect_success 'import killed from outside at random moments: all or nothing, the rerun completes it' '
	printf "slug,mentor,mentee\nnew-one,A <a@example.org>,B <b@example.org>\nnew-two,C <c@example.org>,D <d@example.org>\nnew-three,E <e@example.org>,F <f@example.org>\n" >three.csv &&
	rm -rf m && cp -R base m &&
	t0=$(date +%s%N) && (cd m && "$MJOURNAL" import ../three.csv >/dev/null) &&
	span=$(( ($(date +%s%N) - t0) / 1000000 * 12 / 10 + 1 )) &&
	state=811 && round=1 &&
	while [ $round -le 15 ]; do
		state=$(((state * 1103515245 + 12345) % 2147483648)) &&
		delay=$((state / 65536 % span)) &&
		rm -rf k && cp -R base k &&
		{ (cd k && exec "$MJOURNAL" import ../three.csv >/dev/null 2>&1) & pid=$!; } &&
		sleep "$(printf "%d.%03d" $((delay / 1000)) $((delay % 1000)))" &&
		{ kill -9 $pid 2>/dev/null; wait $pid; true; } &&
		ls k >dirs &&
		if git -C k log --format=%s | grep -q "^import"; then
			git -C k show --name-only --format= HEAD >files && test_line_count = 3 files
		fi &&
		sound k &&
		(cd k && "$MJOURNAL" import ../three.csv >../out 2>../err) &&
		git -C k log --format=%s | grep -c "^import 3 relationships" >n && echo 1 >one && test_cmp one n &&
		test -z "$(git -C k status --porcelain)" && test ! -e k/.mjournal/start ||
		{ echo "after a kill at ${delay} ms (round $round)"; cat err; return 1; }
		round=$((round + 1))
	done
'

test_done
