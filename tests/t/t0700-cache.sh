#!/bin/sh
# The cache of parsed notes can never make check or status say something
# the files do not: edits within the same second and size, swapped files,
# a cut or damaged cache, a cache from another version.
. "$(dirname "$0")/lib.sh"
export MJOURNAL_TODAY=2026-11-23

# age FILE...: as if written an hour ago; the change time, which touch
# sets to now, must be a few seconds old too before the cache keeps a note
age() {
	touch -d "@$(( $(date +%s) - 3600 ))" "$@" && sleep 3
}

# piece SLUG: the piece of the cache that holds the relationship's notes
piece() {
	grep -l -F "$1/" journal/.mjournal/cache/*
}

# trace ARGS: runs mjournal and prints only its trace line
trace() {
	MJOURNAL_TRACE=1 mj "$@" 2>&1 >/dev/null | grep "trace:"
}

test_expect_success 'setup: a journal whose notes are old enough to cache' '
	cp -R "$SAMPLE_DIR" journal &&
	find journal -type f -exec touch -d "@$(( $(date +%s) - 3600 ))" {} + &&
	sleep 3 &&
	MJOURNAL_CACHE=off mj -C journal check >expect.check 2>/dev/null &&
	MJOURNAL_CACHE=off mj -C journal status --format json >expect.status
'

test_expect_success 'a full read writes the cache; what it says does not change' '
	trace -C journal check >tr &&
	test_grep "8 relationships, 0 notes from the cache, 45 read and parsed, cache rewritten" tr &&
	ls journal/.mjournal/cache >pieces &&
	test_line_count -gt 3 pieces &&
	mj -C journal check >out 2>/dev/null &&
	test_cmp expect.check out &&
	cp -R journal/.mjournal/cache cache.first &&
	mj -C journal check >out 2>/dev/null &&
	test_cmp expect.check out &&
	diff -r cache.first journal/.mjournal/cache &&
	mj -C journal status --format json >out &&
	test_cmp expect.status out
'

test_expect_success 'the cache is used: unchanged notes are not read again' '
	trace -C journal check >tr &&
	test_grep "45 notes from the cache, 0 read and parsed, cache kept" tr &&
	trace -C journal status >tr &&
	test_grep "45 notes from the cache, 0 read and parsed, cache kept" tr &&
	trace -C journal check sam-with-alex >tr &&
	test_grep "1 relationships, 12 notes from the cache, 0 read" tr
'

test_expect_success 'an edit of the same size, with the same modification time, is seen' '
	f=journal/sam-with-alex/2026-11-09.md &&
	stamp=$(stat -c %Y "$f") &&
	sed -i "s/^stage: enabling$/stage: enablinx/" "$f" &&
	touch -d "@$stamp" "$f" &&
	trace -C journal check >tr &&
	test_grep "44 notes from the cache, 1 read and parsed" tr &&
	test_expect_code 1 mj -C journal check >out 2>/dev/null &&
	test_grep "2026-11-09.md:3:8: error: unknown stage .enablinx." out &&
	sed -i "s/^stage: enablinx$/stage: enabling/" "$f" &&
	touch -d "@$stamp" "$f" &&
	mj -C journal check >out 2>/dev/null &&
	test_cmp expect.check out
'

test_expect_success 'agreements come from the cache; one edited, same size and time, is read again' '
	trace -C journal status >tr &&
	test_grep "cache kept (0 pieces written), 8 agreements from the cache" tr &&
	f=journal/tom-with-alex/agreement.ini &&
	stamp=$(stat -c %Y "$f") &&
	sed -i "s/^cadence = 3w$/cadence = 3x/" "$f" &&
	touch -d "@$stamp" "$f" &&
	trace -C journal check >tr &&
	test_grep "7 agreements from the cache" tr &&
	test_expect_code 1 mj -C journal check >out 2>/dev/null &&
	test_grep "tom-with-alex/agreement.ini:.*cadence.*3x" out &&
	sed -i "s/^cadence = 3x$/cadence = 3w/" "$f" &&
	touch -d "@$stamp" "$f" &&
	mj -C journal check >out 2>/dev/null &&
	test_cmp expect.check out &&
	MJOURNAL_CACHE=off mj -C journal status --format json >out &&
	test_cmp expect.status out &&
	mj -C journal status --format json >out &&
	test_cmp expect.status out
'

test_expect_success 'what the parse of an agreement said comes back from the cache' '
	cp -R journal warned &&
	printf "mood = fine\nnot a line\n" >>warned/jo-with-maria/agreement.ini &&
	age warned/jo-with-maria/agreement.ini &&
	test_expect_code 1 env MJOURNAL_CACHE=off "$MJOURNAL" -C warned check >expect 2>&1 &&
	test_grep "unknown key .mood." expect &&
	test_expect_code 1 mj -C warned check >out 2>&1 &&
	test_cmp expect out &&
	trace -C warned check >tr &&
	test_grep "8 agreements from the cache" tr &&
	test_expect_code 1 mj -C warned check >out 2>&1 &&
	test_cmp expect out
'

test_expect_success 'two notes swapped (same sizes, same times) are seen' '
	a=journal/helen-with-ravi/2026-10-20.md &&
	b=journal/helen-with-ravi/2026-11-10.md &&
	mj -C journal log helen-with-ravi >before &&
	mv "$a" swap && mv "$b" "$a" && mv swap "$b" &&
	age "$a" "$b" &&
	test_expect_code 1 mj -C journal check helen-with-ravi >out 2>/dev/null &&
	test_grep "date 2026-11-10 differs from the file name.s 2026-10-20" out &&
	mv "$a" swap && mv "$b" "$a" && mv swap "$b" &&
	mj -C journal log helen-with-ravi >after &&
	test_cmp before after
'

test_expect_success 'a cut piece of the cache is ignored and rebuilt, silently' '
	age journal/helen-with-ravi/*.md &&
	mj -C journal check >/dev/null 2>&1 &&
	f=$(piece sam-with-alex) &&
	size=$(stat -c %s $f) &&
	truncate -s $((size / 2)) $f &&
	mj -C journal check >out 2>err &&
	test_cmp expect.check out &&
	test_no_grep cache err &&
	test $(stat -c %s $f) -eq $size &&
	trace -C journal check >tr &&
	test_grep "45 notes from the cache, 0 read and parsed, cache kept" tr
'

test_expect_success 'a damaged piece: its notes are read again, the others come from the cache' '
	f=$(piece sam-with-alex) &&
	size=$(stat -c %s $f) &&
	printf "XXXXXXXX" | dd of=$f bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null &&
	trace -C journal check >tr &&
	test_grep "cache rewritten (1 pieces written)" tr &&
	test_grep ! " 0 notes from the cache" tr &&
	test_grep ! " 0 read and parsed" tr &&
	trace -C journal check >tr &&
	test_grep "45 notes from the cache, 0 read and parsed, cache kept" tr &&
	mj -C journal check >out 2>/dev/null &&
	test_cmp expect.check out &&
	mj -C journal status --format json >out &&
	test_cmp expect.status out
'

test_expect_success 'a cache of another note format, an old one-file cache, or none at all' '
	for f in journal/.mjournal/cache/*; do
		printf "\\377" | dd of=$f bs=1 seek=8 conv=notrunc 2>/dev/null || return 1
	done &&
	trace -C journal check >tr &&
	test_grep "0 notes from the cache, 45 read and parsed, cache rewritten" tr &&
	mj -C journal check >out 2>/dev/null &&
	test_cmp expect.check out &&
	rm -r journal/.mjournal/cache &&
	echo "not a cache" >journal/.mjournal/cache &&
	trace -C journal check >tr &&
	test_grep "0 notes from the cache, 45 read and parsed, cache rewritten" tr &&
	test -d journal/.mjournal/cache &&
	mj -C journal check >out 2>/dev/null &&
	test_cmp expect.check out &&
	rm -rf journal/.mjournal &&
	mj -C journal check >out 2>/dev/null &&
	test_cmp expect.check out
'

test_expect_success 'one changed note rewrites only its piece' '
	mj -C journal check >/dev/null 2>&1 &&
	f=$(piece sam-with-alex) &&
	echo >>journal/sam-with-alex/2026-11-09.md &&
	age journal/sam-with-alex/2026-11-09.md &&
	cp -R journal/.mjournal/cache before.pieces &&
	trace -C journal check >tr &&
	test_grep "44 notes from the cache, 1 read and parsed, cache rewritten (1 pieces written)" tr &&
	{ diff -r before.pieces journal/.mjournal/cache >diff.out || true; } &&
	test_grep "$(basename $f) differ" diff.out &&
	test_line_count = 1 diff.out
'

test_expect_success 'notes changed in the last seconds are not cached' '
	rm -rf journal/.mjournal &&
	touch journal/sam-with-alex/2026-11-09.md &&
	trace -C journal log >tr &&
	test_grep "0 notes from the cache, 45 read and parsed, cache rewritten" tr &&
	trace -C journal check >tr &&
	test_grep "44 notes from the cache, 1 read and parsed" tr
'

test_expect_success 'a new, a removed and a renamed note are seen' '
	age journal/sam-with-alex/2026-11-09.md &&
	mj -C journal check >/dev/null 2>&1 &&
	printf -- "---\ndate: 2026-11-20\nstage: dancing\n---\n" >journal/sam-with-alex/2026-11-20.md &&
	age journal/sam-with-alex/2026-11-20.md &&
	test_expect_code 1 mj -C journal check >out 2>/dev/null &&
	test_grep "2026-11-20.md:3:8: error: unknown stage" out &&
	mv journal/sam-with-alex/2026-11-20.md journal/sam-with-alex/2026-11-21.md &&
	test_expect_code 1 mj -C journal check >out 2>/dev/null &&
	test_grep "2026-11-21.md:2:1: error: date 2026-11-20 differs" out &&
	rm journal/sam-with-alex/2026-11-21.md &&
	mj -C journal check >out 2>/dev/null &&
	test_cmp expect.check out
'

test_expect_success 'texts come back whole after a light read rewrote the cache' '
	rm -rf journal/.mjournal &&
	mj -C journal check >/dev/null 2>&1 &&
	touch -d "@$(( $(date +%s) - 1800 ))" journal/data-circle/2026-11-16.md &&
	mj -C journal status >/dev/null &&
	MJOURNAL_CACHE=off mj -C journal log >expect.log &&
	mj -C journal log >out &&
	test_grep "data-circle" expect.log &&
	test_cmp expect.log out &&
	MJOURNAL_CACHE=off mj -C journal actions --format json >expect.actions &&
	mj -C journal actions --format json >out &&
	test_cmp expect.actions out
'

test_expect_success 'a removed note and a removed relationship leave the cache' '
	age $(find journal -name "*.md") &&
	rm -rf journal/.mjournal &&
	mj -C journal check >/dev/null 2>&1 &&
	grep -q -F "sam-with-alex/2026-11-09.md" "$(piece sam-with-alex)" &&
	test_file_not_empty "$(piece lee-with-nina)" &&
	mv journal/sam-with-alex/2026-11-09.md keep.md &&
	mv journal/lee-with-nina lee-with-nina.kept &&
	trace -C journal check >tr &&
	test_grep "cache rewritten" tr &&
	! grep -q -F "sam-with-alex/2026-11-09.md" "$(piece sam-with-alex)" &&
	{ ! grep -l -F "lee-with-nina/" journal/.mjournal/cache/*; } &&
	trace -C journal check >tr &&
	test_grep "cache kept" tr &&
	mv keep.md journal/sam-with-alex/2026-11-09.md &&
	mv lee-with-nina.kept journal/lee-with-nina &&
	mj -C journal check >out 2>/dev/null &&
	test_cmp expect.check out
'

test_expect_success 'with several threads and with one, the same answers' '
	MJOURNAL_THREADS=1 mj -C journal check >one 2>/dev/null &&
	MJOURNAL_THREADS=7 mj -C journal check >seven 2>/dev/null &&
	test_cmp one seven &&
	test_file_not_empty one &&
	test_cmp expect.check one
'

test_expect_success 'the cache stays out of git' '
	git -C journal init -q && git -C journal add -A &&
	test_file_not_empty "$(piece sam-with-alex)" &&
	git -C journal ls-files >files &&
	test_grep "agreement.ini" files &&
	test_no_grep "^.mjournal" files
'

test_done
