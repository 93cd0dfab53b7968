#!/bin/sh
# toolchain.sh - prints the toolchain settings the Makefile includes as
# build/toolchain.mk.  They name files that tools/deps.sh installs (the
# 32-bit libgcc from gcc-multilib, Check's flags from pkg-config), so the
# Makefile must not compute them while it parses: it includes this file's
# output, and make builds that output (after deps.sh) and restarts itself
# before it builds anything else.  Fails, saying what is missing, rather
# than let the link fail later on an undefined libgcc helper.
set -eu
if command -v i686-linux-gnu-gcc >/dev/null 2>&1; then
	cc32="i686-linux-gnu-gcc"
else
	cc32="gcc -m32"
fi
libgcc=$($cc32 -print-libgcc-file-name 2>/dev/null || true)
# Without gcc-multilib, gcc -m32 prints the bare name "libgcc.a".
case "$libgcc" in
/*) [ -f "$libgcc" ] || libgcc="" ;;
*) libgcc="" ;;
esac
if [ -z "$libgcc" ]; then
	echo "toolchain: '$cc32' has no 32-bit libgcc (install gcc-multilib)" >&2
	exit 1
fi
if ! pkg-config --exists check 2>/dev/null; then
	echo "toolchain: pkg-config finds no Check (install check and pkg-config)" >&2
	exit 1
fi
echo "# made by tools/toolchain.sh; delete it to probe again"
echo "CC32 := $cc32"
echo "LIBGCC := $libgcc"
echo "CHECK_CFLAGS := $(pkg-config --cflags check)"
echo "CHECK_LIBS := $(pkg-config --libs check)"
