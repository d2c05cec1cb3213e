#!/bin/sh
# Every message mjournal can print, listed from its source
# (tools/messages.py: the calls of mj_cli_error, mj_cli_hint, mjg_fail,
# mjg_fail_own, git_error_set, the argument parser's fail and
# mj_diags_add), is a sentence in git's tone that says what to do; and
# on a terminal a message is wrapped between words, never past its width.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: every message, listed from the source' '
	python3 "$PROJECT_DIR/tools/messages.py" "$PROJECT_DIR/src" >messages &&
	test_line_count -gt 300 messages &&
	test_grep ":error:no relationship .%s. in this journal; did you mean .%s.?$" messages &&
	test_grep ":hint:the candidates are:$" messages &&
	test_grep ":git:repository .%s. not found; check the address$" messages &&
	test_grep ":usage:%s .%s. is not a real date: give YYYY-MM-DD, today" messages &&
	test_grep ":diag:front matter is not closed; add a line" messages &&
	test_grep "agreement.ini cannot be edited in place" messages
'

# the words of each message (its longest piece between two %) that are
# not in the binary's strings: the list must be the binary's
not_in_binary() {
	strings -n 4 "$MJOURNAL" >strings &&
	python3 - messages strings <<-\EOF
	import re, sys
	spec = re.compile(r"%[-+ #0]*(\*|\d+)?(\.(\*|\d+))?(zu|zd|ld|lu|lld|llu|hh?d|[sdicuxXfgp%])")
	have = open(sys.argv[2], encoding="utf-8", errors="replace").read()
	for line in open(sys.argv[1]):
	    fmt = line.rstrip("\n").split(":", 3)[3]
	    text = fmt.encode().decode("unicode_escape")
	    piece = max(spec.split(text)[::5], key=len)
	    if len(piece) >= 8 and piece not in have:
	        print(line, end="")
	EOF
}

# check-messages.py LIST: each message against the house rules; prints
# the ones that break one, with why
cat >check-messages.py <<\EOF
import re
import sys

SPEC = re.compile(r"%[-+ #0]*(\*|\d+)?(\.(\*|\d+))?"
                  r"(zu|zd|ld|lu|lld|llu|hh?d|[sdicuxXfgp%])")
# what to do: an imperative, at the start of a clause
VERBS = ("run|use|give|add|remove|name|fix|check|move|try|set|write|put|see|"
         "say|commit|edit|rename|keep|delete|join|wrap|start|make|take|ask|"
         "install|pick|choose|undo|resolve|finish|close|sign|open|bring|drop|"
         "change|type|mark|tick|unset|wait|leave|shorten|split|merge|sync|"
         "pull|push|reopen|extend|import|init|new|agree|fill|talk|meet|end|"
         "swap|mjournal|git|rm|mv|cd")
TO_DO = re.compile(r"(^|[;:,(]\s*|\bor\s|\bthen\s|\band\s|\bto\s|\bmust\s)"
                   r"(" + VERBS + r")\b")

lines = [l.rstrip("\n").split(":", 3) for l in open(sys.argv[1])]
for i, (name, line, kind, fmt) in enumerate(lines):
    text, why = fmt.strip(), []
    # git's tone: lower case, no full stop
    if re.match(r"[A-Z][a-z]", text):
        why.append("starts with a capital")
    if text.endswith(".") and not text.endswith(".."):
        why.append("ends with a full stop")
    # a terminal wraps a message between words: none is too long for
    # 50 columns after "mjournal: "
    if any(len(w) > 40 for w in SPEC.sub("", fmt).split()):
        why.append("holds a word that cannot be wrapped")
    # says what to do: in its words, or in the hint the source gives next
    # (within a few lines), or by listing the words it knows; or it passes
    # on a reason or advice made elsewhere (the system, libgit2, a message
    # listed at its own source); or it introduces a list (what follows
    # ends with a hint); or memory ran out (nothing to do but try again).  The argument parser's
    # mistakes are always followed by the usage and a hint; libgit2's
    # reason follows mjg_fail's words.
    after = [l for l in lines[i + 1:i + 3]
             if l[0] == name and 0 < int(l[1]) - int(line) <= 14]
    if kind in ("error", "git", "diag") and not (
            text in ("%s", "%s: %s") or
            re.search(r"(: |\()%s\)?$", text) or
            re.search(r"[:;] %s$", text) or
            "did you mean" in text or text.endswith(":") or
            "(known: " in text or "out of memory" in text or
            TO_DO.search(text) or
            (after and after[0][2] == "hint")):
        why.append("says not what to do")
    if why:
        print("%s:%s: %s: %s" % (name, line, ", ".join(why), fmt))
EOF

test_expect_success 'each message of the binary: lower case, no full stop, says what to do' '
	not_in_binary >missing &&
	test_line_count = 0 missing &&
	cat >wrong <<-\EOF &&
	x.c:1:error:Cannot read the file.
	x.c:2:error:the journal is broken
	x.c:3:hint:run mjournal check
	x.c:9:error:the journal is broken
	x.c:20:git:cannot read %s: %s
	x.c:21:diag:Front matter is broken
	EOF
	python3 check-messages.py wrong >bad &&
	test_grep "^x.c:1: starts with a capital, ends with a full stop, says not what to do" bad &&
	test_grep ! "^x.c:2:" bad &&
	test_grep "^x.c:9: says not what to do" bad &&
	test_grep ! "^x.c:20:" bad &&
	test_grep "^x.c:21: starts with a capital, says not what to do" bad &&
	python3 check-messages.py messages >bad &&
	test_line_count = 0 bad
'

test_expect_success 'a mistake in the arguments: the usage, then a hint' '
	mj init journal >/dev/null &&
	test_expect_code 2 mj -C journal status --bogus 2>err &&
	test_grep "^usage: mjournal status" err &&
	test_grep "^hint: mjournal help status shows every option$" err
'

# the lines of the screen with text, each within $1 columns
fits() {
	awk -v w="$1" 'length($0) > w { print "too wide: " $0; bad = 1 }
		END { exit bad }' screen
}

test_expect_success 'on a terminal of 50 and 80 columns, messages wrap between words' '
	for cols in 50 80; do
		in_terminal $cols 20 "cd \"$TRASH/journal\" && \"$MJOURNAL\" summary nobody-at-all; \"$MJOURNAL\" note nobody --date someday" &&
		fits $cols &&
		test_grep "^mjournal: no relationship .nobody-at-all. in this" screen &&
		test_grep "^hint: " screen &&
		test_grep "^ \{10\}[a-z(]" screen &&
		tr "\n" " " <screen >joined &&
		test_grep "give YYYY-MM-DD, *today, *yesterday, *a *weekday *(mon) *or *-3d" joined ||
		return 1
	done &&
	in_terminal 50 20 "cd \"$TRASH/journal\" && \"$MJOURNAL\" summary nobody-at-all" &&
	test_grep "^hint: mjournal status lists them; mjournal new$" screen &&
	test_grep "^hint: starts one$" screen
'

test_expect_success 'into a pipe or a file a message stays one line, for grep' '
	test_expect_code 2 mj -C journal note nobody --date someday 2>err &&
	test_grep "^mjournal: --date .someday. is not a real date: give YYYY-MM-DD, today, yesterday, a weekday (mon) or -3d$" err
'

test_done
