#!/bin/sh
# deps.sh - installs the Debian packages the build and tests need, once.
# As root it runs apt-get; otherwise it prints the exact command and fails.
# Arguments name more packages that one target alone needs (make bench-linux:
# cpio gnuplot-nox).
PKGS="gcc gcc-multilib binutils make qemu-system-x86 bochs bochsbios vgabios bochs-term \
check pkg-config grub-pc-bin grub-common xorriso mtools gdb util-linux python3 spin $*"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps: missing Debian packages:$missing"
if [ "$(id -u)" -ne 0 ]; then
	echo "deps: run as root:  apt-get install -y$missing"
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q && apt-get install -y -q --no-install-recommends $missing
