#!/bin/sh
# import: spreadsheets as LibreOffice and Excel save them (separators, line
# ends, extra columns, date cells, stray quotes), read or named.
. "$(dirname "$0")/lib.sh"
export MJOURNAL_TODAY=2026-01-01
# a copy: the corpus must not be read as part of this project's repository
cp -R "$PROJECT_DIR/tests/corpus/spreadsheets" "$TRASH/sheets"
cp "$PROJECT_DIR/tests/corpus/spreadsheets.expected" "$TRASH/sheets.expected"

# the journal's files and HEAD, to show that nothing changed
snapshot() {
	{ git -C journal rev-parse HEAD &&
	  git -C journal status --porcelain --untracked-files=all; } >"$1"
}

test_expect_success 'setup: a journal' '
	mj init journal >/dev/null
'

test_expect_success 'a quoted header cell with a leading space is read, not a crash' '
	printf "\"slug\",\" mentor\",\"mentee \"\r\n\"ana-with-joe\",\"Joe <j@example.org>\",\"Ana <a@example.org>\"\r\n" >spaced.csv &&
	mj -C journal import ../spaced.csv --dry-run >out 2>err &&
	test_grep "^would start ana-with-joe: Joe <j@example.org> with Ana <a@example.org> " out &&
	test_line_count = 0 err
'

test_expect_success 'semicolons, tabs and the sep= line are read as the separator' '
	printf "slug;mentor;mentee;ends\r\nlena-with-ola;Nordmann, Ola <o@example.org>;\"Lena <l@example.org>; Kim <k@example.org>\";2026-07-01\r\n" >semi.csv &&
	printf "slug\tmentor\tmentee\nrui-with-eva\tEva Horn <e@example.org>\t Rui, Sousa <r@example.org>\n" >tabs.csv &&
	printf "sep=;\r\nslug;mentor;mentee\r\nsam-with-alex;Alex, Doe <a@example.org>;Sam <s@example.org>\r\n" >sep.csv &&
	mj -C journal import ../semi.csv --dry-run >out &&
	test_grep "^would start lena-with-ola: Nordmann, Ola <o@example.org> with Lena <l@example.org>, Kim <k@example.org> (group, 2026-01-01 to 2026-07-01, " out &&
	mj -C journal import ../tabs.csv --dry-run >out &&
	test_grep "^would start rui-with-eva: Eva Horn <e@example.org> with Rui, Sousa <r@example.org> (one-to-one" out &&
	mj -C journal import ../sep.csv --dry-run >out &&
	test_grep "^would start sam-with-alex: Alex, Doe <a@example.org> with Sam <s@example.org> " out &&
	mj -C journal import ../sep.csv >out &&
	git -C journal show HEAD:sam-with-alex/agreement.ini >agreement &&
	test_grep "^mentor = Alex, Doe <a@example.org>$" agreement &&
	test_grep "^mentee = Sam <s@example.org>$" agreement
'

test_expect_success 'columns import does not read are ignored with a note naming them' '
	printf "Slug,Mentor,Mentee,Department,,Matched by,,\r\n" >extra.csv &&
	printf "nia-with-tom,Tom <t@example.org>,Nia <n@example.org>,Engineering,,Priya,,\r\n" >>extra.csv &&
	printf "lu-with-tom,Tom <t@example.org>,Lu <l@example.org>,Design,x,Priya,,\r\n" >>extra.csv &&
	mj -C journal import ../extra.csv --dry-run >out 2>err &&
	test_grep "^../extra.csv:1: info: ignoring the columns .Department., column 5 (no name) and .Matched by.: mjournal reads slug, mentor, mentee" err &&
	test_line_count = 1 err &&
	test_grep "^2 relationships; nothing written" out
'

test_expect_success 'empty header cells beside the table are ignored, without a word' '
	printf "slug,mentor,mentee,,,\r\nzoe-with-ian,Ian <i@example.org>,Zoe <z@example.org>,,,\r\n,,,,,\r\n" >empty.csv &&
	mj -C journal import ../empty.csv --dry-run >out 2>err &&
	test_line_count = 0 err &&
	test_grep "^1 relationship; nothing written" out
'

test_expect_success 'a value right of the table is still a row that does not line up' '
	printf "slug,mentor,mentee\nbo-with-kim,Lee, Kim <k@example.org>,Bo <b@example.org>\n" >shifted.csv &&
	test_expect_code 1 mj -C journal import ../shifted.csv 2>err &&
	test_grep "^../shifted.csv:2: error: 4 fields, but the header names 3 columns (a name with a comma needs quotes)$" err &&
	printf "slug;mentor;mentee\nbo-with-kim;Kim <k@example.org>;Bo <b@example.org>;Li <l@example.org>\n" >shifted.csv &&
	test_expect_code 1 mj -C journal import ../shifted.csv 2>err &&
	test_grep "^../shifted.csv:2: error: 4 fields, but the header names 3 columns (a name with a .;. needs quotes)$" err
'

test_expect_success 'a misspelt column is an error that names the column it resembles' '
	printf "slug,mentor,mentee,cadance\nkit-with-eve,Eve <e@example.org>,Kit <k@example.org>,1w\n" >typo.csv &&
	test_expect_code 1 mj -C journal import ../typo.csv 2>err &&
	test_grep "^../typo.csv:1: error: unknown column .cadance.: did you mean .cadence.?" err
'

test_expect_success 'CR-only (Excel for Mac) and CRLF files name the right line' '
	printf "slug,mentor,mentee,cadence\rbo-with-kim,Kim <k@example.org>,Bo <b@example.org>,2w\rli-with-kim,Kim <k@example.org>,Li <l@example.org>,weekly\r" >mac.csv &&
	test_expect_code 1 mj -C journal import ../mac.csv 2>err &&
	test_grep "^../mac.csv:3: error: .cadence. must be Nd or Nw, like 14d or 2w, not .weekly.$" err &&
	printf "slug,mentor,mentee\rbo-with-kim,Kim <k@example.org>,Bo <b@example.org>\rli-with-kim,Jos\351 <j@example.org>,Li <l@example.org>\r" >latin.csv &&
	test_expect_code 1 mj -C journal import ../latin.csv 2>err &&
	test_grep "^../latin.csv:3: error: line 3 is not UTF-8 (byte 0xE9" err &&
	printf "slug,mentor,mentee,type,notes\r\nfay-with-gus,Gus <g@example.org>,Fay <f@example.org>,,\"two\r\nlines\"\r\n\r\nhal-with-gus,Gus <g@example.org>,Hal <h@example.org>,mentoring,\r\n" >win.csv &&
	test_expect_code 1 mj -C journal import ../win.csv 2>err &&
	test_grep "^../win.csv:5: error: .type. must be one-to-one" err &&
	printf "slug,mentor,mentee\r\"x\ry\",A <a@example.org>,\"open\r" >open.csv &&
	test_expect_code 1 mj -C journal import ../open.csv 2>err &&
	test_grep "^../open.csv:3: error: a quoted field is never closed: a .\". is missing (the cell in the .mentee. column starts with one)$" err
'

test_expect_success 'date cells with the time 00:00 are the day; another time is named' '
	printf "slug,mentor,mentee,started,ends,review\n" >times.csv &&
	printf "ann-with-raj,Raj <r@example.org>,Ann <a@example.org>,2026-01-05 00:00:00,2026-06-30T00:00,2026-03-31 00:00\n" >>times.csv &&
	mj -C journal import ../times.csv --dry-run >out &&
	test_grep "^would start ann-with-raj: .* (one-to-one, 2026-01-05 to 2026-06-30, every 14d)$" out &&
	printf "cat-with-raj,Raj <r@example.org>,Cat <c@example.org>,2026-01-05 09:30:00,2026-06-30,\n" >>times.csv &&
	printf "dan-with-raj,Raj <r@example.org>,Dan <d@example.org>,2026-01-05 25:00,2026-06-30,\n" >>times.csv &&
	test_expect_code 1 mj -C journal import ../times.csv 2>err &&
	test_grep "^../times.csv:3: error: .started. is a date with a time of day, .2026-01-05 09:30:00.: give the day alone" err &&
	test_grep "^../times.csv:4: error: .started. is not a real date in the form YYYY-MM-DD: .2026-01-05 25:00.$" err
'

test_expect_success 'a stray quote is named as what it is, with its column' '
	printf "slug,mentor,mentee\nsean-with-ann,Ann <a@example.org>,Sean O\"Brien <s@example.org>\n" >quote.csv &&
	test_expect_code 1 mj -C journal import ../quote.csv 2>err &&
	test_grep "^../quote.csv:2: error: a quote inside an unquoted cell (in the .mentee. column)" err &&
	test_no_grep "never closed" err &&
	printf "slug,mentor,mentee\nsean-with-ann,Ann <a@example.org>,\"Sean \"O\"Brien\"\n" >quote.csv &&
	test_expect_code 1 mj -C journal import ../quote.csv 2>err &&
	test_grep "^../quote.csv:2: error: text after the quote that closes a quoted cell (in the .mentee. column)" err
'

test_expect_success 'a date that cannot be read is one error, not its consequences' '
	printf "slug,mentor,mentee,started,ends,review\ndan-with-eve,Eve <e@example.org>,Dan <d@example.org>,05/01/2026,2025-12-01,2025-11-01\n" >date.csv &&
	printf "bad slug,Eve <e@example.org>,Kay <k@example.org>,2026-13-01,,\n" >>date.csv &&
	test_expect_code 1 mj -C journal import ../date.csv 2>err &&
	test_grep "^../date.csv:2: error: .started. is not a real date in the form YYYY-MM-DD: .05/01/2026.$" err &&
	test_grep "^../date.csv:3: error: .started. is not a real date" err &&
	test_grep "^../date.csv:3: error: .bad slug. is not a valid relationship name" err &&
	test_no_grep "must come after\|must fall inside" err &&
	test_grep "nothing imported: 3 problems" err
'

test_expect_success 'the spreadsheet corpus: what import says of each, as golden' '
	mj init fresh >/dev/null &&
	for f in "$TRASH"/sheets/*.csv; do
		name=$(basename "$f") &&
		code=0 &&
		{ mj -C fresh import "../sheets/$name" --dry-run >out 2>err ||
		  code=$?; } &&
		{ echo "== $name (exit $code)" && cat out err; } >>said || return 1
	done &&
	test_cmp "$TRASH/sheets.expected" said
'

test_done
