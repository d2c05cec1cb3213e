#!/usr/bin/env python3
"""fixed-lines.py SRC_DIR - the fixed text of each line mjournal prints whole.

For each call of printf, puts, fputs, fprintf and mj_cli_print in SRC_DIR's
C files, the lines its literals spell (adjacent literals joined, split at
\\n, conversions such as %s left out, a tab counted as 8 columns) that are
wider than 80 columns: FILE:LINE: N columns: TEXT.  Nothing printed: every
line fits.  Messages and sentences that a terminal wraps between words
(mj_cli_error, mj_cli_hint, mj_cli_tell) are not lines of this kind.
"""
import glob, os, re, sys
CALL = re.compile(r"\b(printf|puts|fputs|fprintf|mj_cli_print)\s*\(")
LIT = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
SPEC = re.compile(r"%[-+ #0]*(\*|\d+)?(\.(\*|\d+))?(zu|zd|ld|lu|lld|llu|hh?d|[sdicuxXfgp%])")
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.c"))):
    src = open(path, encoding="utf-8").read()
    for m in CALL.finditer(src):
        depth, i = 1, m.end()
        while i < len(src) and depth:
            c = src[i]
            if c == '"':
                i += 1
                while src[i] != '"':
                    i += 2 if src[i] == "\\" else 1
            elif c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
            i += 1
        text = "".join(LIT.findall(src[m.end():i]))
        for line in text.split("\\n"):
            shown = SPEC.sub("", line.replace('\\"', '"').replace("\\t", "        "))
            if len(shown) > 80:
                print("%s:%d: %d columns: %s" % (os.path.basename(path),
                      src.count("\n", 0, m.start()) + 1, len(shown), shown))
