#!/bin/sh
# mjournal check: every rule, golden files, JSON, --strict, --staged, hook.
. "$(dirname "$0")/lib.sh"
# a copy: the corpus must not be read as part of this project's repository
cp -R "$PROJECT_DIR/tests/corpus" "$TRASH/corpus"
CORPUS=$TRASH/corpus

test_expect_success 'the rules corpus gives the expected diagnostics (exit 1)' '
	test_expect_code 1 mj -C "$CORPUS/rules" check >out 2>err &&
	test_cmp "$CORPUS/rules.expected" out &&
	test_grep "errors, .* warnings in 20 relationships" err
'

test_expect_success 'every rule of the specification is triggered by the corpus' '
	for rule in agreement-missing agreement-syntax agreement-field note-name \
		note-front-matter note-date stage-order stage-skipped \
		agreement-unsigned duration-missing closing-incomplete \
		after-closure feedback-missing no-shows quiet term-over \
		action-overdue conflict-markers note-encoding action-syntax \
		journal-config relationship-name; do
		test_grep "\[$rule\]$" out || return 1
	done
'

test_expect_success 'diagnostics are sorted by file and line, in GCC form' '
	grep -v "^Bad Name" out | sed "s/: .*//" | awk -F: "{ printf \"%s %05d\\n\", \$1, \$2 }" >keys &&
	sort keys >sorted &&
	test_cmp sorted keys &&
	test_file_not_empty out &&
	{ grep -Ev "^[^:]+(:[0-9]+(:[0-9]+)?)?: (error|warning|info): .* \[[a-z-]+\]$" out >odd || test $? = 1; } &&
	test ! -s odd
'

test_expect_success '--format json gives the same diagnostics as objects' '
	test_expect_code 1 mj -C "$CORPUS/rules" check --format json >json &&
	test_cmp "$CORPUS/rules.expected.json" json &&
	python3 -c "
import json, sys
d = json.load(open(\"json\"))
assert len(d) == $(wc -l <out), len(d)
for x in d:
    assert set(x) == {\"file\", \"line\", \"column\", \"level\", \"rule\", \"message\"}, x
print(\"ok\")
" >py && test_grep ok py
'

test_expect_success 'a valid journal has nothing to say (exit 0)' '
	mj -C "$CORPUS/valid" check >out 2>err &&
	test ! -s out && test ! -s err &&
	mj -C "$CORPUS/valid" check --format json >json &&
	echo "[]" >expect &&
	test_cmp expect json
'

test_expect_success 'the sample programme passes check: warnings where the story has them' '
	MJOURNAL_TODAY=2026-11-23 mj -C "$SAMPLE_DIR" check >out &&
	test_cmp "$CORPUS/sample-program.expected" out
'

test_expect_success '--strict fails on warnings; SLUG limits the check' '
	MJOURNAL_TODAY=2026-11-23 test_expect_code 1 mj -C "$SAMPLE_DIR" check --strict >out &&
	MJOURNAL_TODAY=2026-11-23 mj -C "$SAMPLE_DIR" check --strict sam-with-alex tom-with-alex >out &&
	test_grep "^sam-with-alex/" out &&
	test_no_grep "lee-with-nina" out &&
	test_expect_code 1 mj -C "$CORPUS/rules" check quiet stage-order >out &&
	cut -d/ -f1 out | sort -u >slugs &&
	printf "quiet\nstage-order\n" >expect &&
	test_cmp expect slugs
'

test_expect_success 'unknown slugs and formats are usage errors (exit 2)' '
	test_expect_code 2 mj -C "$CORPUS/valid" check nobody 2>err &&
	test_grep "no relationship .nobody." err &&
	test_expect_code 2 mj -C "$CORPUS/valid" check ../rules 2>err &&
	test_expect_code 2 mj -C "$CORPUS/valid" check --format xml 2>err &&
	test_grep "unknown --format" err
'

test_expect_success 'setup a journal in git' '
	cp -R "$CORPUS/valid" journal &&
	git -C journal init -q &&
	cp "$PROJECT_DIR/templates/gitignore" journal/.gitignore &&
	git -C journal add -A &&
	git -C journal commit -q -m "valid journal" &&
	git -C journal ls-files >files &&
	test_no_grep private files
'

test_expect_success 'a private note forced into git is an error (private-tracked)' '
	git -C journal add -f one/2026-02-16-thoughts.private.md &&
	test_expect_code 1 mj -C journal check >out &&
	test_grep "^one/2026-02-16-thoughts.private.md: error: .*\[private-tracked\]$" out &&
	git -C journal commit -q -m "oops" &&
	git -C journal rm -q --cached one/2026-02-16-thoughts.private.md &&
	test_expect_code 1 mj -C journal check >out &&
	test_grep "private-tracked" out &&
	git -C journal commit -q -m "untrack" &&
	mj -C journal check
'

test_expect_success 'a note over 4 MiB is not read: file-too-large' '
	cp -R journal big &&
	{ printf -- "---\ndate: 2026-02-20\nstage: enabling\n---\n" && head -c 5000000 /dev/zero | tr "\0" "x"; } >big/one/2026-02-20.md &&
	test_expect_code 1 mj -C big check >out &&
	test_grep "^one/2026-02-20.md: error: is larger than 4 MiB" out
'

test_expect_success 'symbolic links are never followed' '
	ln -s /etc/passwd big/one/2026-02-21.md &&
	ln -s /etc big/etc-link &&
	ln -s ../../valid/one/agreement.ini big/group/2026-02-22.md &&
	test_expect_code 1 mj -C big check >out &&
	test_grep "^one/2026-02-21.md: error: is a symbolic link" out &&
	test_grep "^etc-link: error: is a symbolic link" out &&
	test_grep "^group/2026-02-22.md: error: is a symbolic link" out &&
	test_no_grep "root:" out
'

test_expect_success 'check --staged reads the index, not the work tree' '
	cat >journal/one/2026-02-27.md <<-\EOF &&
	---
	date: 2026-02-27
	stage: enabling
	attendance: held
	duration: 1h
	---
	## Feedback
	Fine.
	EOF
	git -C journal add one/2026-02-27.md &&
	mj -C journal check --staged &&
	sed -i "s/stage: enabling/stage: nonsense/" journal/one/2026-02-27.md &&
	mj -C journal check --staged &&
	test_expect_code 1 mj -C journal check >out &&
	test_grep "unknown stage" out &&
	git -C journal add one/2026-02-27.md &&
	test_expect_code 1 mj -C journal check --staged >out &&
	test_grep "^one/2026-02-27.md:3:8: error: unknown stage .nonsense." out
'

test_expect_success 'hook install makes plain git commits run check --staged' '
	mj -C journal hook install >out &&
	test_grep "Installed" out &&
	test -x journal/.git/hooks/pre-commit &&
	test_expect_code 1 git -C journal commit -q -m "broken note" 2>err &&
	test_grep "unknown stage" err &&
	sed -i "s/stage: nonsense/stage: enabling/" journal/one/2026-02-27.md &&
	git -C journal add one/2026-02-27.md &&
	git -C journal commit -q -m "good note" &&
	git -C journal log -1 --format=%s >msg &&
	echo "good note" >expect &&
	test_cmp expect msg
'

test_expect_success 'hook install refuses to clobber a hook that is not its own' '
	printf "#!/bin/sh\necho mine\n" >journal/.git/hooks/pre-commit &&
	test_expect_code 2 mj -C journal hook install 2>err &&
	test_grep "already exists" err &&
	test_grep "echo mine" journal/.git/hooks/pre-commit &&
	mj -C journal hook install --force >out &&
	test_grep "Kept the old hook" out &&
	test_grep "echo mine" journal/.git/hooks/pre-commit.before-mjournal &&
	test_grep "check --staged" journal/.git/hooks/pre-commit &&
	mj -C journal hook install >out
'

test_expect_success 'check works on a journal in a subfolder of a repository' '
	git init -q mono &&
	cp -R "$CORPUS/valid" mono/mentoring &&
	cp "$PROJECT_DIR/templates/gitignore" mono/mentoring/.gitignore &&
	git -C mono add -A && git -C mono commit -q -m all &&
	mj -C mono/mentoring check &&
	mj -C mono/mentoring check --staged &&
	mj -C mono/mentoring/one check one &&
	printf -- "---\ndate: 2026-02-30\n---\n" >mono/mentoring/one/2026-02-20.md &&
	test_expect_code 1 mj -C mono/mentoring/one check one >out &&
	test_grep "^one/2026-02-20.md:2:7: error: date .2026-02-30. is not a real date" out
'

test_expect_success 'files as real editors save them read as their writers meant' '
	test_expect_code 1 mj -C "$CORPUS/editors" check >out 2>err &&
	test_cmp "$CORPUS/editors.expected" out &&
	test_grep "2 errors, 8 warnings in 3 relationships" err
'

test_expect_success 'check and check --format json say the same of every corpus journal' '
	for j in "$CORPUS/rules" "$CORPUS/valid" "$CORPUS/editors" "$SAMPLE_DIR"; do
		test_expect_code_in "0 1" mj -C "$j" check --strict >text 2>/dev/null &&
		test_expect_code_in "0 1" mj -C "$j" check --strict --format json >json &&
		python3 - <<-\EOF || return 1
		import json, re
		text = [l for l in open("text", encoding="utf-8", errors="replace").read().splitlines() if l]
		objs = json.load(open("json"))
		assert len(text) == len(objs), (len(text), len(objs))
		def key(d):
		    where = d["file"] + (":%d" % d["line"] if d["line"] else "")
		    return "%s: %s: %s [%s]" % (where if not d["column"] else where + ":%d" % d["column"],
		                               d["level"], d["message"], d["rule"])
		assert [key(o) for o in objs] == text, [(key(o), t) for o, t in zip(objs, text) if key(o) != t][:3]
		EOF
	done
'

test_done
