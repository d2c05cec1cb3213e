#!/bin/sh
# The commit mjournal --version names, printed on one line:
#  - in a git checkout of this project, git describe --always --dirty;
#  - else the first line of COMMIT beside the Makefile (make deb writes one
#    in the copy of the project it builds the package from);
#  - else nothing: a build from a tarball says its version alone.
# Only letters, digits and ". _ + -" are kept.  Never fails.
cd "$(dirname "$0")/.." || exit 0
here=$(pwd -P)
{
	if command -v git >/dev/null 2>&1 &&
		top=$(git rev-parse --show-toplevel 2>/dev/null) &&
		[ "$(cd "$top" && pwd -P)" = "$here" ]; then
		git describe --always --dirty 2>/dev/null
	elif [ -f COMMIT ]; then
		head -n 1 COMMIT
	fi
} | head -n 1 | tr -cd 'A-Za-z0-9._+-'
exit 0
