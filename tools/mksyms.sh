#!/bin/sh
# mksyms.sh KERNEL.elf > ksyms.S
# Emits the kernel's text symbols, sorted by address, as the .ksyms table
# that panic.c searches for backtraces.
set -e
nm -n "$1" | awk '
$2 ~ /^[tT]$/ { addr[n] = $1; name[n] = $3; n++ }
END {
	print "\t.section .ksyms, \"a\""
	print "\t.globl ksym_count, ksym_table, ksym_names"
	print "\t.align 4"
	print "ksym_count: .long " n
	print "ksym_table:"
	off = 0
	for (i = 0; i < n; i++) { print "\t.long 0x" addr[i] ", " off; off += length(name[i]) + 1 }
	print "ksym_names:"
	for (i = 0; i < n; i++) print "\t.asciz \"" name[i] "\""
}'
