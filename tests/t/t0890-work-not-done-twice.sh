#!/bin/sh
# Speed without a timed test: what a command does not need, it does not
# load or build.  The calendar library (libical, with ICU) is loaded only
# by the agenda's calendar feed; a report keeps the pages built from the
# same inputs and builds again every page whose note, agreement, day or
# privacy changed; a programme reads another journal's cache and never
# writes it.
. "$(dirname "$0")/lib.sh"
export MJOURNAL_TODAY=2026-11-23

# loads_ical COMMAND...: the dynamic loader opened libical for COMMAND
loads_ical() {
	LD_DEBUG=files "$MJOURNAL" "$@" 2>&1 >/dev/null | grep -q "file=libical\.so"
}

# page_id FILE: the file's inode and change time, which a rewrite changes
page_id() {
	stat -c "%i %Z.%z" "$1"
}

test_expect_success 'help, --version and status start without libical; agenda --format ics loads it' '
	cp -R "$SAMPLE_DIR" j &&
	! loads_ical --version &&
	! loads_ical help &&
	! loads_ical -C j status &&
	! loads_ical -C j agenda &&
	loads_ical -C j agenda --format ics &&
	mj -C j agenda --format ics >ics &&
	test_grep "^BEGIN:VCALENDAR" ics &&
	objdump -p "$MJOURNAL" | sed -n "s/^ *NEEDED *//p" >needed &&
	test_grep ! "libical" needed
'

test_expect_success 'a report built again keeps the pages whose inputs did not change' '
	cp -R "$SAMPLE_DIR" r &&
	sleep 3 &&
	mj -C r report >/dev/null &&
	test_grep "<meta name=\"mjournal-inputs\" content=\"[0-9a-f]\{16\}\">" \
		r/.mjournal/report/sam-with-alex.html &&
	cp -R r/.mjournal/report first &&
	for p in r/.mjournal/report/*-with-*.html; do page_id "$p"; done >before &&
	mj -C r report >out &&
	test_grep "^Wrote 9 pages (8 unchanged, kept): open " out &&
	for p in r/.mjournal/report/*-with-*.html; do page_id "$p"; done >after &&
	test_cmp before after &&
	MJOURNAL_CACHE=off mj -C r report -o "$TRASH/fresh" >/dev/null &&
	for p in first/*.html; do
		sed "/mjournal-inputs/d" "$p" >a &&
		sed "/mjournal-inputs/d" "fresh/${p##*/}" >b &&
		test_cmp a b || return 1
	done
'

test_expect_success 'a changed note, agreement, day or privacy: that page is built again' '
	page=r/.mjournal/report/sam-with-alex.html &&
	other=r/.mjournal/report/jo-with-maria.html &&
	page_id "$other" >other.before &&
	printf "\n## Learning\n- marker one, just written\n" >>r/sam-with-alex/2026-11-09.md &&
	mj -C r report >/dev/null &&
	test_grep "marker one, just written" "$page" &&
	test_grep ! "mjournal-inputs" "$page" &&
	sleep 3 &&
	mj -C r report >/dev/null &&
	test_grep "mjournal-inputs" "$page" &&
	page_id "$page" >id1 &&
	sed -i "s/^goal = Lead my first project end to end$/goal = Lead a marker two project/" \
		r/sam-with-alex/agreement.ini &&
	sleep 3 &&
	mj -C r report >/dev/null &&
	test_grep "Lead a marker two project" "$page" &&
	page_id "$page" >id2 &&
	! test_cmp id1 id2 >/dev/null &&
	MJOURNAL_TODAY=2026-11-24 mj -C r report >/dev/null &&
	test_grep "Made by mjournal on 2026-11-24" "$page" &&
	mv r/sam-with-alex/2026-11-09.md r/sam-with-alex/2026-11-09.private.md &&
	sleep 3 &&
	mj -C r report >/dev/null &&
	test_grep ! "marker one" "$page" &&
	page_id "$other" >other.after &&
	! test_cmp other.before other.after >/dev/null
'

test_expect_success 'a page whose fingerprint was taken out, or a link put in its place, is not kept' '
	page=r/.mjournal/report/sam-with-alex.html &&
	sed -i "/mjournal-inputs/d" "$page" &&
	mj -C r report >/dev/null &&
	test_grep "mjournal-inputs" "$page" &&
	printf "<html><head>\n" >elsewhere.html &&
	sed -n "/mjournal-inputs/p" "$page" >>elsewhere.html &&
	printf "</head>\n" >>elsewhere.html &&
	rm "$page" && ln -s "$TRASH/elsewhere.html" "$page" &&
	test_expect_code 2 mj -C r report >out 2>err &&
	test -h "$page" &&
	test_grep "sam-with-alex.html" err
'

test_expect_success 'the index, written in parts, is left as it is when the same; never written through a link' '
	rm -f r/.mjournal/report/sam-with-alex.html &&
	index=r/.mjournal/report/index.html &&
	mj -C r report >/dev/null &&
	ls -li --time-style=full-iso "$index" >before &&
	mj -C r report >/dev/null &&
	ls -li --time-style=full-iso "$index" >after &&
	test_cmp before after &&
	MJOURNAL_TODAY=2026-11-26 mj -C r report >/dev/null &&
	test_grep "as of 2026-11-26" "$index" &&
	test_grep "</html>" "$index" &&
	ls -li --time-style=full-iso "$index" >changed &&
	! test_cmp before changed >/dev/null &&
	echo outside >outside.html &&
	rm "$index" && ln -s "$TRASH/outside.html" "$index" &&
	test_expect_code 2 mj -C r report >out 2>err &&
	test -h "$index" &&
	echo outside >expect &&
	test_cmp expect outside.html &&
	test_grep "index.html" err &&
	ls -a r/.mjournal/report >left &&
	test_grep ! mjournal-tmp left
'

test_expect_success 'programme over a journal folder reads its cache and never writes it' '
	cp -R "$SAMPLE_DIR" p &&
	sleep 3 &&
	mj -C p status >/dev/null &&
	ls -l --time-style=full-iso p/.mjournal/cache >cache.before &&
	MJOURNAL_TRACE=1 mj programme p -o site >out 2>trace &&
	test_grep "notes from the cache" trace &&
	test_grep ! " 0 notes from the cache" trace &&
	ls -l --time-style=full-iso p/.mjournal/cache >cache.after &&
	test_cmp cache.before cache.after &&
	MJOURNAL_CACHE=off mj programme p -o site2 >/dev/null &&
	test_cmp site/index.html site2/index.html &&
	printf "\n- [ ] Marker three by 2026-12-01\n" >>p/sam-with-alex/2026-11-09.md &&
	mj programme p --format json >with-cache.json &&
	MJOURNAL_CACHE=off mj programme p --format json >without.json &&
	test_cmp without.json with-cache.json
'

test_done
