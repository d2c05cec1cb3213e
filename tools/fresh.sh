#!/bin/sh
# make fresh: the README's two commands, "make demo" and "make check", on
# a fresh minimal Debian (bookworm, or FRESH_SUITE=trixie) with nothing of
# the project's installed; then the Debian package built there (make
# deb), installed with apt and run (tools/fresh-package.sh).
#
# Builds a root with mmdebstrap (minbase, plus git, make and ca-certificates
# only), clones the project's committed HEAD into it, and runs both commands
# there through chroot with a clean environment, so a build or test
# dependency that the project forgot to install fails here instead of
# hiding behind a machine that happens to have it.  The root is unmounted
# and removed afterwards, whatever happens.  Needs root (as CI has).
# FRESH_SUITE=trixie for Debian 13, FRESH_SAN=1 to run the suite under the
# sanitizers too (make check SAN=1), FRESH_KEEP=1 to keep the root for
# debugging.  CI=true reaches the build: warnings are errors there too.
set -eu
project=$(cd "$(dirname "$0")/.." && pwd)
suite=${FRESH_SUITE:-bookworm}

if [ "$(id -u)" != 0 ]; then
	echo "make fresh: needs root (mmdebstrap and chroot)" >&2
	exit 1
fi
if ! command -v mmdebstrap >/dev/null 2>&1; then
	echo "make fresh: installing mmdebstrap" >&2
	DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		--no-install-recommends mmdebstrap >&2
fi

root=$(mktemp -d "${TMPDIR:-/tmp}/mjournal-fresh.XXXXXX")
mounted=
cleanup() {
	status=$?
	for m in $mounted; do
		umount -l "$root/$m" 2>/dev/null || true
	done
	if [ -n "${FRESH_KEEP:-}" ]; then
		echo "make fresh: the root is kept in $root" >&2
	else
		# never follow a mount that is still there into the host
		if ! grep -q " $root/" /proc/mounts; then
			rm -rf "$root"
		else
			echo "make fresh: $root still has mounts; not removed" >&2
		fi
	fi
	exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "make fresh: a minimal $suite root in $root" >&2
mmdebstrap --quiet --variant=minbase --include=git,make,ca-certificates \
	"$suite" "$root" >&2

echo "make fresh: cloning the project's HEAD" >&2
git clone -q --no-hardlinks "$project" "$root/home/mjournal"
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true

for m in proc sys dev dev/pts dev/shm; do
	mkdir -p "$root/$m"
	case $m in
	proc) mount -t proc proc "$root/proc" ;;
	sys) mount -t sysfs sys "$root/sys" ;;
	dev) mount --bind /dev "$root/dev" ;;
	dev/pts) mount -t devpts -o newinstance,ptmxmode=0666 devpts "$root/dev/pts" ;;
	dev/shm) mount -t tmpfs shm "$root/dev/shm" ;;
	esac
	mounted="$m $mounted"
done

# what this machine's network needs reaches the root too: an authority
# its TLS is signed by (npm reads NODE_EXTRA_CA_CERTS) and its proxies
pass=
if [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && [ -r "$NODE_EXTRA_CA_CERTS" ]; then
	cp "$NODE_EXTRA_CA_CERTS" "$root/etc/mjournal-extra-ca.pem"
	pass="NODE_EXTRA_CA_CERTS=/etc/mjournal-extra-ca.pem"
fi
for v in CI http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY; do
	eval "val=\${$v:-}"
	[ -n "$val" ] && pass="$pass $v=$val"
done

san=
[ -n "${FRESH_SAN:-}" ] && san='&& make check SAN=1'
echo "make fresh: make demo && make check $san in the fresh root" >&2
# shellcheck disable=SC2086
chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 $pass \
	PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
	sh -c "cd /home/mjournal && make demo >/tmp/demo.log 2>&1 ||
		{ tail -40 /tmp/demo.log; echo 'make fresh: make demo failed'; exit 1; }
	       echo 'make fresh: make demo passed' &&
	       make check $san &&
	       tools/fresh-package.sh"
echo "make fresh: both commands passed on a fresh $suite, and the package"
