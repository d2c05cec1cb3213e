#!/bin/sh
# Installs what mjournal needs from Debian's packages, only where missing.
#   install-deps.sh build   the libraries and tools to build mjournal
#   install-deps.sh deb     also what builds and checks the Debian
#                           package (make deb: debhelper, lintian)
#   install-deps.sh check   also what the test suite runs against (the
#                           package's build included)
# Runs apt-get as root (or through sudo); says what to install otherwise.
set -eu

build_pkgs="make gcc pkg-config libgit2-dev libcmark-dev cmark libinih-dev libyaml-dev libjansson-dev libssl-dev libical-dev libcsv-dev zlib1g-dev"
deb_pkgs="build-essential dpkg-dev debhelper lintian"
check_pkgs="$deb_pkgs git git-remote-gcrypt gnupg jq less time vim perl python3 python3-icalendar man-db bash-completion zsh fish nginx-light fcgiwrap apache2-utils openssl libcmocka-dev tmux openssh-server openssh-client clang libclang-rt-dev chromium fonts-dejavu-core"

want=$build_pkgs
[ "${1:-build}" = deb ] && want="$build_pkgs $deb_pkgs"
[ "${1:-build}" = check ] && want="$build_pkgs $check_pkgs"

missing=
for p in $want; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case $st in
	*" installed") ;;
	*) missing="$missing $p" ;;
	esac
done
# node and npm: Debian's, unless the machine has them from elsewhere
if [ "${1:-build}" = check ] && ! command -v npm >/dev/null 2>&1; then
	missing="$missing nodejs npm"
fi

# the browser test's JavaScript, from the npm registry, pinned: axe-core
# audits the report, puppeteer-core drives Debian's chromium (it never
# downloads a browser)
node_modules() {
	[ "${1:-build}" = check ] || return 0
	project=$(cd "$(dirname "$0")/.." && pwd)
	[ -f "$project/build/node/node_modules/axe-core/axe.min.js" ] &&
		[ -d "$project/build/node/node_modules/puppeteer-core" ] && return 0
	echo "mjournal: installing axe-core and puppeteer-core for the browser test" >&2
	mkdir -p "$project/build/node" &&
	PUPPETEER_SKIP_DOWNLOAD=1 npm install --prefix "$project/build/node" \
		--no-audit --no-fund --no-save --loglevel=error \
		axe-core@4.10.2 puppeteer-core@21.11.0 >&2
}

if [ -z "$missing" ]; then
	node_modules "${1:-build}"
	exit 0
fi

echo "mjournal: installing missing packages:$missing" >&2
if [ "$(id -u)" = 0 ]; then
	sudo=
elif command -v sudo >/dev/null 2>&1; then
	sudo=sudo
else
	echo "mjournal: run as root: apt-get install$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >&2
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >&2
node_modules "${1:-build}"
