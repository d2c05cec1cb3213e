#!/usr/bin/env python3
"""soak.py - three people, one journal, a hub, random rounds (see soak.sh).

Each round one person does one thing a mentor or a mentee does in a week:
writes a line of their own into a shared note, writes a new note, renames
a relationship, closes or reopens one, leaves an editor open on a note
while syncing, or syncs.  A conflict is mended as a careful person would:
every note keeps both sides' lines, anything else takes the other side's
version.  Every line written carries a unique mark, so after each sync
this checks that the hub holds every line the person committed and the
person holds every line the hub held: nothing anyone committed is lost.
Prints the seed; a failure says the round, the person and what is wrong.
"""
import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import time

PEOPLE = ["alex", "sam", "kim"]
# one person renames, one closes and reopens: two people renaming one
# folder two ways is a conflict nobody can mend without talking
RENAMES = ("jo-with-maria", "jo-park-with-maria")
CLOSES = "helen-with-ravi"
MARK = re.compile(r"soak-[a-z]+-[0-9]+")


class SoakFailure(Exception):
    pass


class Soak:
    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        self.work = args.work
        self.committed = {p: set() for p in PEOPLE}
        self.counts = {}
        self.round = 0
        self.log = []

    # ---- running things ----

    def run(self, cmd, cwd=None, env=None, check=False, quiet=False):
        e = dict(os.environ)
        if env:
            e.update(env)
        r = subprocess.run(cmd, cwd=cwd, env=e, capture_output=True,
                           text=True, errors="replace")
        if not quiet:
            self.log.append("$ %s (in %s) -> %d\n%s%s" % (
                " ".join(cmd), cwd or ".", r.returncode, r.stdout,
                r.stderr))
            self.log = self.log[-40:]
        if check and r.returncode != 0:
            raise SoakFailure("%s failed (%d)" % (" ".join(cmd), r.returncode))
        return r

    def mj(self, person, *words, env=None):
        return self.run([self.args.mjournal] + list(words),
                        cwd=self.clone(person), env=env)

    def git(self, person, *words, check=True):
        return self.run(["git"] + list(words), cwd=self.clone(person),
                        check=check)

    def clone(self, person):
        return os.path.join(self.work, person)

    def count(self, what):
        self.counts[what] = self.counts.get(what, 0) + 1

    # ---- what the journal holds ----

    def marks_in(self, git_dir, ref):
        r = self.run(["git", "--git-dir", git_dir, "grep", "-h", "-o", "-E",
                      MARK.pattern, ref], quiet=True)
        return set(r.stdout.split())

    def head_marks(self, person):
        return self.marks_in(os.path.join(self.clone(person), ".git"), "HEAD")

    def hub_marks(self):
        r = self.run(["git", "--git-dir", self.args.hub_dir, "rev-parse",
                      "--verify", "-q", "refs/heads/main"], quiet=True)
        return self.marks_in(self.args.hub_dir, "main") if r.returncode == 0 \
            else set()

    def relationships(self, person):
        top = self.clone(person)
        return sorted(d for d in os.listdir(top)
                      if os.path.isfile(os.path.join(top, d, "agreement.ini")))

    def notes(self, person, slug):
        folder = os.path.join(self.clone(person), slug)
        return sorted(n for n in os.listdir(folder)
                      if re.match(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}.*\.md$", n)
                      and not n.endswith(".private.md"))

    def open_relationships(self, person):
        out = []
        for slug in self.relationships(person):
            path = os.path.join(self.clone(person), slug, "agreement.ini")
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read()
            if not re.search(r"^[ \t]*closed[ \t]*=[ \t]*\S", text, re.M):
                out.append(slug)
        return out

    def mark(self, person):
        return "soak-%s-%d" % (person, self.round)

    def remember(self, person, mark):
        """mark is committed when HEAD holds it."""
        if mark in self.head_marks(person):
            self.committed[person].add(mark)
            return True
        return False

    def clean(self, person):
        r = self.git(person, "status", "--porcelain")
        return r.stdout.strip() == ""

    def put_back(self, person, why):
        """An action mjournal refused: its files are put back as HEAD has
        them, so the next sync is not refused for uncommitted work."""
        self.count("refused: " + why)
        if not os.path.exists(os.path.join(self.clone(person), ".git",
                                           "MERGE_HEAD")):
            self.git(person, "checkout", "-q", "--", ".", check=False)
            self.git(person, "clean", "-qfd", check=False)

    # ---- what people do ----

    def pick_note(self, person):
        """A note of an open relationship, at random: (slug, name), or
        None when there is none."""
        slugs = self.open_relationships(person)
        if not slugs:
            return None
        slug = self.rng.choice(slugs)
        notes = self.notes(person, slug)
        if not notes:
            return None
        return slug, self.rng.choice(notes)

    def own_line(self, person):
        picked = self.pick_note(person)
        if not picked:
            return
        note = os.path.join(self.clone(person), *picked)
        with open(note, encoding="utf-8", errors="replace") as f:
            lines = f.read().split("\n")
        heads = [i for i, l in enumerate(lines) if l.startswith("## ")]
        at = self.rng.choice(heads) + 1 if heads else len(lines)
        m = self.mark(person)
        lines.insert(at, "%s: a line of mine (%s)." % (person.title(), m))
        with open(note, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        r = self.mj(person, "commit")
        if r.returncode == 0 and self.remember(person, m):
            self.count("own line")
        else:
            self.put_back(person, "own line")

    def new_note(self, person):
        slugs = self.open_relationships(person)
        if not slugs:
            return
        slug = self.rng.choice(slugs)
        m = self.mark(person)
        r = self.mj(person, "note", slug, "--no-edit", "--title", m,
                    "--attendance", "held", "--duration", "30m")
        if r.returncode == 0 and self.remember(person, m):
            self.count("new note")
        else:
            self.put_back(person, "new note")

    def rename(self, person):
        person = "alex"
        have = self.relationships(person)
        old, new = RENAMES if RENAMES[0] in have else RENAMES[::-1]
        if old not in have or new in have:
            return
        if self.has_rename is None:
            self.has_rename = self.run([self.args.mjournal, "help",
                                        "rename"]).returncode == 0
        if self.has_rename:
            r = self.mj(person, "rename", old, new)
        else:
            r = self.git(person, "mv", old, new, check=False)
            if r.returncode == 0:
                r = self.mj(person, "commit", "-m",
                            "Rename %s to %s" % (old, new))
        if r.returncode == 0 and os.path.isdir(
                os.path.join(self.clone(person), new)) and self.clean(person):
            self.count("rename")
        else:
            self.put_back(person, "rename")

    def close_or_reopen(self, person):
        person = "sam"
        if CLOSES not in self.relationships(person):
            return
        if CLOSES in self.open_relationships(person):
            r = self.mj(person, "close", CLOSES, "--early", "--reason",
                        "a soak round")
            what = "close"
        else:
            r = self.mj(person, "reopen", CLOSES)
            what = "reopen"
        if r.returncode == 0:
            self.count(what)
        else:
            self.put_back(person, what)

    def edit_during_sync(self, person):
        """An editor open on a note (one that keeps no swap file and saves
        the buffer it read) while its owner syncs in another terminal."""
        picked = self.pick_note(person)
        if not picked:
            return
        slug, name = picked
        gate = os.path.join(self.work, "gate")
        for f in ("open", "save"):
            if os.path.exists(os.path.join(gate, f)):
                os.unlink(os.path.join(gate, f))
        m = self.mark(person)
        env = dict(os.environ, EDITOR=self.editor, SOAK_GATE=gate,
                   SOAK_LINE="%s: written while syncing (%s)." %
                   (person.title(), m))
        edit = subprocess.Popen([self.args.mjournal, "edit", slug, name],
                                cwd=self.clone(person), env=env,
                                stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True,
                                errors="replace")
        for _ in range(400):
            if os.path.exists(os.path.join(gate, "open")) or \
                    edit.poll() is not None:
                break
            time.sleep(0.025)
        synced = self.sync(person, check_after=False)
        open(os.path.join(gate, "save"), "w").close()
        out, _ = edit.communicate(timeout=120)
        self.log.append("$ mjournal edit %s -> %d\n%s" %
                        (slug, edit.returncode, out))
        if synced:  # the edit's own line came after the push
            self.check_synced(person)
        if edit.returncode != 0 and "between <<<<<<< and >>>>>>>" in out:
            self.mend(person)
            self.count("edit during sync: mended")
        elif edit.returncode == 0:
            self.count("edit during sync")
        if not self.remember(person, m):
            self.put_back(person, "edit during sync")

    def mend(self, person):
        """Keeps both sides of every note's conflict; the other side's
        version of anything else; then commits the merge."""
        r = self.git(person, "diff", "--name-only", "--diff-filter=U")
        conflicted = r.stdout.split()
        if not conflicted:  # an edit's own markers, no merge under way
            conflicted = [p for p in self.git(
                person, "diff", "--name-only").stdout.split()]
        for path in conflicted:
            full = os.path.join(self.clone(person), path)
            if not os.path.exists(full):
                self.git(person, "rm", "-q", "--", path, check=False)
                continue
            if path.endswith(".md"):
                with open(full, encoding="utf-8", errors="replace") as f:
                    text = f.read()
                text = re.sub(r"^(<<<<<<<|=======|>>>>>>>|\|\|\|\|\|\|\|)"
                              r"( .*)?\n", "", text, flags=re.M)
                with open(full, "w", encoding="utf-8") as f:
                    f.write(text)
            else:
                self.git(person, "checkout", "-q", "--theirs", "--", path,
                         check=False)
            self.git(person, "add", "--", path, check=False)
        r = self.mj(person, "commit")
        if r.returncode != 0:
            raise SoakFailure("%s could not commit the mended merge:\n%s%s"
                              % (person, r.stdout, r.stderr))

    def sync(self, person, check_after=True):
        before = self.hub_marks()
        r = self.mj(person, "sync")
        if r.returncode == 1 and "onflict" in r.stdout + r.stderr:
            self.count("sync: conflict")
            self.mend(person)
            r = self.mj(person, "sync")
        if r.returncode != 0:
            raise SoakFailure("%s cannot sync:\n%s%s" %
                              (person, r.stdout, r.stderr))
        self.count("sync")
        self.hub_before = before
        if check_after:
            self.check_synced(person)
        return True

    # ---- what must hold ----

    def check_synced(self, person):
        hub = self.hub_marks()
        mine = self.head_marks(person)
        lost = self.committed[person] - hub
        if lost:
            raise SoakFailure("the hub lacks what %s committed: %s" %
                              (person, " ".join(sorted(lost))))
        missing = self.hub_before - mine
        if missing:
            raise SoakFailure("%s lacks what the hub held before the sync: "
                              "%s" % (person, " ".join(sorted(missing))))

    def check_sound(self):
        r = self.run(["git", "--git-dir", self.args.hub_dir, "log", "-p",
                      "--format=", "main"])
        for line in r.stdout.split("\n"):
            if re.match(r"^\+(<<<<<<<|>>>>>>>)( |$)", line):
                raise SoakFailure("a commit on the hub holds a conflict "
                                  "marker: %s" % line)
        for git_dir in [self.args.hub_dir] + [
                os.path.join(self.clone(p), ".git") for p in PEOPLE]:
            r = self.run(["git", "--git-dir", git_dir, "fsck", "--strict"])
            if r.returncode != 0:
                raise SoakFailure("git fsck --strict fails in %s:\n%s" %
                                  (git_dir, r.stderr))

    # ---- the soak ----

    def setup(self):
        shutil.rmtree(self.work, ignore_errors=True)
        os.makedirs(os.path.join(self.work, "gate"))
        alex = self.clone("alex")
        shutil.copytree(self.args.sample, alex)
        self.run(["git", "init", "-q", "-b", "main"], cwd=alex, check=True)
        self.run(["git", "add", "-A"], cwd=alex, check=True)
        self.run(["git", "commit", "-q", "-m", "The programme"], cwd=alex,
                 check=True)
        self.run(["git", "remote", "add", "origin", self.args.hub],
                 cwd=alex, check=True)
        if self.mj("alex", "sync").returncode != 0:
            raise SoakFailure("the first sync failed")
        for p in PEOPLE[1:]:
            self.run(["git", "clone", "-q", "-b", "main", self.args.hub,
                      self.clone(p)], check=True)
        self.editor = os.path.join(self.work, "editor")
        with open(self.editor, "w") as f:
            f.write('#!/bin/sh\n'
                    'cat "$1" >"$SOAK_GATE/buffer"\n'
                    ': >"$SOAK_GATE/open"\n'
                    'i=0\n'
                    'while ! test -f "$SOAK_GATE/save" && test $i -lt 2400; do\n'
                    '\tsleep 0.025; i=$((i + 1))\n'
                    'done\n'
                    '{ cat "$SOAK_GATE/buffer"; printf "%s\\n" "$SOAK_LINE"; } >"$1"\n')
        os.chmod(self.editor, 0o755)
        self.has_rename = None
        self.hub_before = set()

    def soak(self):
        actions = [(self.own_line, 30), (self.new_note, 8),
                   (self.rename, 4), (self.close_or_reopen, 4),
                   (self.edit_during_sync, 10), (self.sync, 44)]
        funcs = [a for a, _ in actions]
        weights = [w for _, w in actions]
        for self.round in range(1, self.args.rounds + 1):
            person = self.rng.choice(PEOPLE)
            action = self.rng.choices(funcs, weights)[0]
            action(person)
            self.check_sound()
        # at the end each syncs twice: everybody has everything
        for p in PEOPLE + PEOPLE:
            self.sync(p)
        every = set().union(*self.committed.values())
        for p in PEOPLE:
            missing = every - self.head_marks(p)
            if missing:
                raise SoakFailure("after the last syncs %s lacks: %s" %
                                  (p, " ".join(sorted(missing))))
        self.check_sound()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mjournal", required=True)
    ap.add_argument("--sample", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--hub", required=True)
    ap.add_argument("--hub-dir", required=True)
    ap.add_argument("--rounds", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--summary", help="a file for the figures of a pass")
    args = ap.parse_args()
    s = Soak(args)
    print("soak: seed %d, %d rounds" % (args.seed, args.rounds))
    try:
        s.setup()
        s.soak()
    except SoakFailure as e:
        print("soak: FAILED in round %d (seed %d): %s" %
              (s.round, args.seed, e))
        print("soak: the last commands:")
        for entry in s.log[-12:]:
            print(entry)
        return 1
    every = sum(len(v) for v in s.committed.values())
    lines = ["soak: seed %d, %d rounds, %d lines committed and found "
             "everywhere" % (args.seed, args.rounds, every)]
    lines += ["  %-28s %d" % (k, s.counts[k]) for k in sorted(s.counts)]
    print("\n".join(lines))
    if args.summary:
        with open(args.summary, "w") as f:
            f.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
