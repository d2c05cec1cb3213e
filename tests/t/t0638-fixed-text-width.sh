#!/bin/sh
# Every line of fixed text within 80 columns: the templates (what a user
# reads in an editor of 80 columns), the lines mjournal prints whole
# (tools/fixed-lines.py, from the source), the hooks it installs, and the
# "Not committed" section of status on a terminal of 80 and 50 columns.
. "$(dirname "$0")/lib.sh"
export MJOURNAL_TODAY=2026-11-23

# the lines of the files named, each within $1 columns (characters)
within() {
	_w=$1 && shift &&
	python3 - "$_w" "$@" <<-\EOF
	import sys
	width, bad = int(sys.argv[1]), 0
	for name in sys.argv[2:]:
	    for n, line in enumerate(open(name, encoding="utf-8"), 1):
	        line = line.rstrip("\n").replace("\t", " " * 8)
	        if len(line) > width:
	            print("%s:%d: %d columns: %s" % (name, n, len(line), line))
	            bad = 1
	sys.exit(bad)
	EOF
}

test_expect_success 'the templates, and what a journal gets from them: within 80 columns' '
	templates=$(ls "$PROJECT_DIR"/templates/* | grep -v "\.css$") &&
	test -n "$templates" &&
	within 80 $templates &&
	# the stylesheet: its comments
	grep "/\*" "$PROJECT_DIR/templates/report.css" >css-comments &&
	within 80 css-comments &&
	make_journal &&
	for stage in preparing negotiating enabling closing follow-up; do
		# kept, committed or not (the stages are out of order)
		(cd journal && mj note sam-with-alex --no-edit --new \
			--date 2026-11-20 --stage $stage --title "A $stage" \
			--attendance held --duration 30m >/dev/null 2>&1)
		test -f journal/sam-with-alex/2026-11-20-a-$stage.md || return 1
	done &&
	files=$(cd journal && git ls-files -co --exclude-standard | sed "s|^|journal/|") &&
	test $(echo "$files" | grep -c "\.md$") -ge 5 &&
	within 80 $files journal/.gitignore
'

test_expect_success 'the lines mjournal prints whole: within 80 columns' '
	# the source read is the binary'"'"'s: a line it prints whole is in it
	strings -n 8 "$MJOURNAL" >strings &&
	test_grep "^Not committed:" strings &&
	python3 "$PROJECT_DIR/tools/fixed-lines.py" "$PROJECT_DIR/src" >wide &&
	test_line_count = 0 wide &&
	# the check itself finds a line too wide
	mkdir src &&
	cat >src/x.c <<-\EOF &&
	void f(void)
	{
		printf("%s: a line of fixed text that goes on and on, well past the "
		       "eightieth column of a terminal\n", x);
	}
	EOF
	python3 "$PROJECT_DIR/tools/fixed-lines.py" src >wide &&
	test_grep "^x.c:3: 88 columns: : a line of fixed text" wide
'

test_expect_success 'the hooks mjournal installs: within 80 columns' '
	git -C journal init -q &&
	mj -C journal hook install >out &&
	test_grep "Installed" out &&
	grep "^#" journal/.git/hooks/pre-commit >comments &&
	test_line_count -gt 1 comments &&
	within 80 comments
'

test_expect_success 'setup: changes of every kind status names' '
	cp -R "$SAMPLE_DIR" sample &&
	git -C sample init -q &&
	git -C sample add -A &&
	git -C sample commit -q -m "The programme" &&
	echo more >>sample/sam-with-alex/2026-11-09.md &&
	printf -- "---\ndate: 2026-11-21\nstage: enabling\n---\n# Doubts\n" \
		>sample/sam-with-alex/2026-11-21.private.md &&
	: >"$(printf "sample/sam-with-alex/bad\033name.md")"
'

for cols in 80 50; do
	test_expect_success "status at $cols columns: the Not committed lines fit" '
		in_terminal '$cols' 60 "cd \"$TRASH/sample\" && LANG=C.UTF-8 LC_ALL=C.UTF-8 MJOURNAL_PAGER=cat \"$MJOURNAL\" status" &&
		sed -n "/^Not committed:/,\$p" screen | sed "/^\$/d" >section &&
		within '$cols' section &&
		tr -s "\n " "  " <section >joined &&
		test_grep "private *sam-with-alex/2026-11-21.private.md (private: never committed)" joined &&
		test_grep "(never committed: a control character in its name)" joined
	'
done

test_done
