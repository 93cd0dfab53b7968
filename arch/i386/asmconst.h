/*
 * asmconst.h - the markers of arch/i386/asm-offsets.c and
 * user/lib/i386/asm-offsets.c.  Each ASM_CONST leaves one line
 *     .ascii "->NAME value"
 * in the compiler's assembly output (%c prints the bare constant, without
 * the immediate's '$'); tools/asm-offsets.sh turns those lines into a
 * header.  The "i" constraint makes a value that is not a compile-time
 * constant an error, not a wrong number.  A NAME that is itself a macro
 * would arrive expanded; tools/asm-offsets.sh refuses that marker.
 */
#ifndef ARCH_I386_ASMCONST_H
#define ARCH_I386_ASMCONST_H

#include <stddef.h>

#define ASM_CONST(name, value) \
	__asm__ volatile("\n.ascii \"->" #name " %c0\"" : : "i"(value))
#define ASM_OFFSET(name, type, field) ASM_CONST(name, offsetof(type, field))

#endif
