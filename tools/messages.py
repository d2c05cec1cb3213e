#!/usr/bin/env python3
"""messages.py SRC_DIR - every message mjournal can print, from its source.

Prints one line per message: FILE:LINE:KIND:FORMAT, where KIND says how it
reaches the user:
  error  mj_cli_error: "mjournal: <message>"
  hint   mj_cli_hint: "hint: <message>"
  git    mjg_fail_own, git_error_set, auth_failure: a git failure
         mjournal words itself
  gitwhy mjg_fail: mjournal's words, then ": " and libgit2's reason
  usage  fail() in command.c: a mistake in the arguments, then the usage
  diag   mj_diags_add: "FILE:LINE:COL: error: <message> [rule]"
FORMAT is the printf format, its adjacent literals joined, escapes kept as
written.  Calls whose format is not a literal are left out (they pass on a
message listed at its source).
"""
import glob
import os
import re
import sys

# function -> (kind, index of the format among its arguments)
CALLS = {
    "mj_cli_error": ("error", 0),
    "mj_cli_hint": ("hint", 0),
    "mjg_fail_own": ("git", 0),
    "mjg_fail": ("gitwhy", 0),
    "git_error_set": ("git", 1),
    "auth_failure": ("git", 0),
    "fail": ("usage", 1),
    "mj_diags_add": ("diag", 6),
}
CALL = re.compile(r"\b(" + "|".join(CALLS) + r")\s*\(")
LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def arguments(src, start):
    """The top-level arguments of the call whose "(" ends at start."""
    args, depth, i, arg_start = [], 1, start, start
    while i < len(src) and depth:
        c = src[i]
        if c == '"' or c == "'":
            i += 1
            while i < len(src) and src[i] != c:
                i += 2 if src[i] == "\\" else 1
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if not depth:
                args.append(src[arg_start:i])
        elif c == "," and depth == 1:
            args.append(src[arg_start:i])
            arg_start = i + 1
        i += 1
    return args


def string_macros(dirs):
    """NAME -> text of every #define NAME "literal" ... in dirs' files."""
    found = {}
    for d in dirs:
        for path in glob.glob(os.path.join(d, "*.[ch]")):
            with open(path, encoding="utf-8") as f:
                text = f.read()
            for m in re.finditer(r'#define\s+(\w+)\s+((?:"(?:[^"\\\n]|\\.)*"\s*(?:\\\n\s*)?)+)',
                                 text):
                found[m.group(1)] = "".join(LITERAL.findall(m.group(2)))
    return found


def format_text(arg, macros):
    """The format a literal argument spells, its macros put in."""
    return "".join(macros.get(tok, "") if not tok.startswith('"') else
                   "".join(LITERAL.findall(tok))
                   for tok in re.findall(r'"(?:[^"\\\n]|\\.)*"|\w+', arg))


def messages(src_dir):
    macros = string_macros([src_dir, os.path.join(src_dir, "..", "include")])
    for path in sorted(glob.glob(os.path.join(src_dir, "*.c"))):
        name = os.path.basename(path)
        with open(path, encoding="utf-8") as f:
            src = f.read()
        # comments out, lengths kept, so that line numbers stay
        src = re.sub(r"/\*.*?\*/",
                     lambda m: re.sub(r"[^\n]", " ", m.group(0)), src,
                     flags=re.S)
        for m in CALL.finditer(src):
            func = m.group(1)
            if func == "fail" and name != "command.c":
                continue
            kind, index = CALLS[func]
            args = arguments(src, m.end())
            if len(args) <= index:
                continue  # the definition or a declaration
            fmt = args[index].strip()
            if not fmt.startswith('"'):
                continue
            line = src.count("\n", 0, m.start()) + 1
            yield name, line, kind, format_text(fmt, macros)


if __name__ == "__main__":
    for name, line, kind, fmt in messages(sys.argv[1]):
        print(f"{name}:{line}:{kind}:{fmt}")
