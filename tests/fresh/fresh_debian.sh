#!/bin/bash
# fresh_debian.sh - proves the README's quick start on a pristine Debian 12:
# a minbase debootstrap tree with only git and make added, the commit under
# test cloned into it, and the README's commands run in a chroot exactly as
# written.  Two fresh copies, one for each command being the first a new
# user types:
#   A: `make test` (must pass the first time), then `make run`;
#   B: `make run` (must reach the shell the first time).
# `make run` is driven on a terminal by run_shell.py: it types `help` and
# `ports` on the serial console and checks the shell's answers.
#
#   fresh_debian.sh <repo> <work dir>      (as root; `make test-fresh`)
#
# The mirror comes from this machine's apt configuration at run time.  The
# base tree is cached in $FRESH_CACHE (a tarball, rebuilt when the mirror
# changes), and so are the downloaded .deb files, so later runs download
# nothing; each copy still installs every package itself.
set -euo pipefail
repo=$(cd "$1" && pwd)
work=$2
here=$(cd "$(dirname "$0")" && pwd)
cache=${FRESH_CACHE:-/var/cache/portcullis-fresh}
limit=${FRESH_TIMEOUT:-1800}

[ "$(id -u)" -eq 0 ] || { echo "test-fresh: needs root (debootstrap, chroot, mounts)"; exit 1; }
sh "$repo/tools/deps.sh" debootstrap

sha=$(git -C "$repo" rev-parse HEAD)
[ -z "$(git -C "$repo" status --porcelain --untracked-files=no)" ] ||
	echo "test-fresh: testing commit ${sha:0:12}; uncommitted changes are not part of it"

# This machine's Debian 12 archives, as its apt knows them.
sites() { apt-get indextargets --format '$(SITE) $(CODENAME)' "Identifier: Packages" | sort -u; }
[ -n "$(sites)" ] || apt-get update -q >/dev/null
mirror=$(sites | awk '$2 == "bookworm" { print $1; exit }')
[ -n "$mirror" ] || { echo "test-fresh: apt on this machine knows no bookworm archive"; exit 1; }

now() { date +%s; }
phase() { echo "test-fresh: $*"; }

roots=()
# Everything mounted under a tree goes, deepest first; a tree is deleted
# only when nothing is mounted under it any more, so the host's /dev or
# /sys can never go with it.  Anything still running in a tree (QEMU after
# a timeout or a Ctrl-C) is killed first.
cleanup() {
	local r p m
	for r in "${roots[@]}"; do
		for p in /proc/[0-9]*; do
			[ "$(readlink "$p/root" 2>/dev/null)" = "$r" ] && kill -9 "${p#/proc/}" 2>/dev/null
		done
		sleep 0.2
		for m in $(awk -v r="$r/" 'index($2, r) == 1 { print $2 }' /proc/mounts | sort -r); do
			umount "$m" 2>/dev/null || umount -l "$m"
		done
		if grep -q " $r/" /proc/mounts; then
			echo "test-fresh: still mounted under $r; left in place"
		else
			rm -rf "$r"
		fi
	done
	roots=()
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# Long steps run in the background and are waited for: bash runs a trap
# only between commands, and `wait` is one it can leave at once (timeout
# puts its child in a process group of its own, out of reach of a Ctrl-C).
waitfor() { "$@" & wait $!; }

mkdir -p "$cache/debs"
base="$cache/debian12-minbase.tar"
if [ ! -f "$base" ] || [ "$(cat "$base.mirror" 2>/dev/null)" != "$mirror" ]; then
	t=$(now)
	phase "debootstrap bookworm (minbase) from $mirror"
	rm -rf "$cache/tree"
	roots+=("$cache/tree")
	waitfor debootstrap --variant=minbase bookworm "$cache/tree" "$mirror" > "$cache/debootstrap.log" 2>&1 ||
		{ tail -20 "$cache/debootstrap.log"; exit 1; }
	tar -C "$cache/tree" -cf "$base.tmp" . && mv "$base.tmp" "$base"
	echo "$mirror" > "$base.mirror"
	cleanup
	phase "base tree cached in $base ($(( $(now) - t )) s)"
fi

# A fresh copy of the base with the commit under test cloned into /root.
newroot() {
	local r=$1
	rm -rf "$r"; mkdir -p "$r"
	roots+=("$r")
	tar -C "$r" -xf "$base"
	cp /etc/resolv.conf "$r/etc/resolv.conf"
	sites | awk '$2 ~ /^bookworm/ { print "deb " $1 " " $2 " main" }' > "$r/etc/apt/sources.list"
	# apt keeps what it downloads in the shared cache; it still installs all.
	mkdir -p "$r/var/cache/apt/archives"
	mount -t proc proc "$r/proc"
	mount --bind /sys "$r/sys"
	mount --bind /dev "$r/dev"
	mount --bind /dev/pts "$r/dev/pts"
	mount --bind "$cache/debs" "$r/var/cache/apt/archives"
	git clone -q --no-hardlinks "$repo" "$r/root/portcullis"
	git -C "$r/root/portcullis" checkout -q "$sha"
	waitfor bash -c "inroot '$r' 'apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends git make >/dev/null'"
}
# A login-like environment: nothing of this machine's but the tree.
inroot() {
	local r=$1; shift
	chroot "$r" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		/bin/bash -c "cd /root/portcullis 2>/dev/null; $*"
}
export -f inroot

mkdir -p "$work"
work=$(cd "$work" && pwd)
log="$work/logs"; mkdir -p "$log"

t=$(now)
newroot "$work/root-a"
phase "copy A: base, clone of ${sha:0:12}, git and make ($(( $(now) - t )) s)"
t=$(now)
if ! waitfor timeout "$limit" bash -c "inroot '$work/root-a' 'make test'" > "$log/a-make-test.log" 2>&1; then
	tail -30 "$log/a-make-test.log"
	echo "test-fresh: FAILED: make test on a fresh Debian 12 did not pass the first time (log: $log/a-make-test.log)"
	exit 1
fi
test_s=$(( $(now) - t ))
phase "copy A: make test passed ($test_s s): $(grep -E '^make test:' "$log/a-make-test.log")"
t=$(now)
waitfor python3 "$here/run_shell.py" "$log/a-make-run.txt" 300 bash -c "inroot '$work/root-a' 'make run'" ||
	{ echo "test-fresh: FAILED: make run after make test (transcript: $log/a-make-run.txt)"; exit 1; }
phase "copy A: make run reached the shell ($(( $(now) - t )) s)"
cleanup

t=$(now)
newroot "$work/root-b"
phase "copy B: base, clone, git and make ($(( $(now) - t )) s)"
t=$(now)
waitfor python3 "$here/run_shell.py" "$log/b-make-run.txt" "$limit" bash -c "inroot '$work/root-b' 'make run'" ||
	{ tail -c 3000 "$log/b-make-run.txt"; echo; echo "test-fresh: FAILED: make run as the first command did not reach the shell (transcript: $log/b-make-run.txt)"; exit 1; }
run_s=$(( $(now) - t ))
phase "copy B: make run as the first command reached the shell ($run_s s, with the packages and the build)"
cleanup
echo "fresh Debian 12: make test passed first time ($test_s s); make run reached the shell (first command: $run_s s)"
