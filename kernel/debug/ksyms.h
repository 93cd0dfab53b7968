/*
 * ksyms.h - the kernel's own symbol table, generated from the first link by
 * tools/mksyms.sh and linked into .ksyms, for symbolic backtraces.
 */
#ifndef KERNEL_KSYMS_H
#define KERNEL_KSYMS_H

#include <stdint.h>

struct ksym {
	uint32_t addr;
	uint32_t name;   /* offset into ksym_names */
};

extern const uint32_t ksym_count;
extern const struct ksym ksym_table[];
extern const char ksym_names[];

/* Name of the function containing addr and the offset into it, or 0. */
const char *ksym_lookup(uint32_t addr, uint32_t *offset);

#endif
