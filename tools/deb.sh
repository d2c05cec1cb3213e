#!/bin/sh
# make deb: the Debian package.
#
#   tools/deb.sh WORK DIST
#
# Copies the project's files (in a checkout, those git has or would add,
# as they are on disk; everything but build/ and dist/ otherwise)
# into WORK/mjournal-VERSION, with the commit mjournal --version will name
# in COMMIT, runs dpkg-buildpackage -us -uc -b there, checks the result
# with lintian (an error or a warning fails), and copies the .deb files
# into DIST.  The project's own tree and build are never touched:
# dpkg-buildpackage starts by cleaning the tree it builds in.
set -eu
# the package is built as Debian builds it: nothing from a make that
# called this one (make check SAN=1 passes SAN=1 down, in MAKEFLAGS and
# in the environment)
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES SAN
project=$(cd "$(dirname "$0")/.." && pwd -P)
work=$1
dist=$2
version=$(sed -n 's/^VERSION = //p' "$project/Makefile")
changelog=$(dpkg-parsechangelog -l "$project/debian/changelog" -S Version)
if [ "$changelog" != "$version" ]; then
	echo "make deb: debian/changelog says $changelog, the Makefile $version;" \
		"add a changelog entry (dch -v $version)" >&2
	exit 1
fi

mkdir -p "$work" "$dist"
work=$(cd "$work" && pwd -P)
dist=$(cd "$dist" && pwd -P)
src=$work/mjournal-$version
rm -rf "$src" "$work"/mjournal_* "$work"/mjournal-dbgsym_*
mkdir -p "$src"
cd "$project"
if top=$(git rev-parse --show-toplevel 2>/dev/null) &&
	[ "$(cd "$top" && pwd -P)" = "$project" ]; then
	# the files git has or would add, as they are on disk (a file
	# deleted but not yet committed is left out)
	git ls-files -z --cached --others --exclude-standard | tar --null --files-from=- --ignore-failed-read \
		-cf - 2>/dev/null | tar -xf - -C "$src"
else
	tar --exclude=./build --exclude=./dist --exclude=./mjournal -cf - . |
		tar -xf - -C "$src"
fi
tools/commit.sh >"$src/COMMIT"

echo "make deb: dpkg-buildpackage -us -uc -b in $src" >&2
(cd "$src" && dpkg-buildpackage -us -uc -b) >"$work/build.log" 2>&1 || {
	tail -n 40 "$work/build.log" >&2
	echo "make deb: dpkg-buildpackage failed; the whole log is $work/build.log" >&2
	exit 1
}
changes=$(ls "$work"/mjournal_"$version"_*.changes)
echo "make deb: lintian $changes" >&2
lintian --fail-on error,warning --info "$changes" >&2 || {
	echo "make deb: lintian found errors or warnings" >&2
	exit 1
}
cp "$work"/mjournal_"$version"_*.deb "$dist"/
ls "$work"/mjournal-dbgsym_"$version"_*.deb >/dev/null 2>&1 &&
	cp "$work"/mjournal-dbgsym_"$version"_*.deb "$dist"/
for deb in "$dist"/mjournal_"$version"_*.deb; do
	echo "make deb: $deb (install it with: apt install ./${deb#"$project"/})" >&2
done
