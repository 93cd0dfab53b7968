/*
 * crt0.S - ring-3 entry.  The kernel leaves %esp at [0][argc][argv], so
 * ustart(argc, argv) is entered as if called; %ebp = 0 ends backtraces.
 */
	.text
	.globl _start
_start:
	xorl %ebp, %ebp
	jmp ustart
