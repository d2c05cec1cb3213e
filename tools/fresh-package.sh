#!/bin/sh
# make fresh, after the two commands, inside the fresh root: the Debian
# package as a user gets it.  make deb builds it (lintian-clean), apt
# installs ./dist/mjournal_*.deb with what it depends on, and the
# installed /usr/bin/mjournal runs make demo's script over the sample
# programme; --version names the commit of this checkout, man finds the
# man page, and bash-completion loads the completion from where Debian
# keeps it.  Installs a package: meant for a throwaway root (needs root).
set -eu
cd "$(dirname "$0")/.."
log=${TMPDIR:-/tmp}/mjournal-fresh-package.log
step() {
	echo "make fresh: $*" >&2
}
fail() {
	tail -n 40 "$log" >&2
	echo "make fresh: $* failed" >&2
	exit 1
}

step "make deb"
make deb >"$log" 2>&1 || fail "make deb"
step "apt install ./dist/mjournal_*.deb"
DEBIAN_FRONTEND=noninteractive apt-get install -y -q ./dist/mjournal_*.deb \
	>"$log" 2>&1 || fail "apt install"

step "the installed mjournal"
want="mjournal $(sed -n 's/^VERSION = //p' Makefile) (commit $(git describe --always --dirty))"
got=$(/usr/bin/mjournal --version)
if [ "$got" != "$want" ]; then
	echo "make fresh: /usr/bin/mjournal --version says '$got', not '$want'" >&2
	exit 1
fi
MJOURNAL=/usr/bin/mjournal tools/demo.sh >"$log" 2>&1 ||
	fail "make demo's script with the installed mjournal"
[ "$(man -w mjournal)" = /usr/share/man/man1/mjournal.1.gz ] ||
	fail "man -w mjournal"
# bash-completion 2.12 names its loader _comp_load; 2.11, __load_completion
spec=$(bash -c '. /usr/share/bash-completion/bash_completion &&
	{ _comp_load mjournal 2>/dev/null || __load_completion mjournal; } &&
	complete -p mjournal')
[ "$spec" = "complete -F _mjournal mjournal" ] ||
	fail "bash-completion loading the completion"
step "the package built, installed and ran: $got"
