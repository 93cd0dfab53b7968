/*
 * elf.h - ELF32 i386 executable parsing and validation.  Pure C: it reads
 * an image in memory and says where each loadable segment goes; loading is
 * spawn.c's job.  Unit-tested on the host with malformed images.
 */
#ifndef KERNEL_ELF_H
#define KERNEL_ELF_H

#include <stdint.h>

#define ELF_MAX_SEGS 8

struct elf_seg {
	uint32_t vaddr, memsz;
	uint32_t offset, filesz;
	int writable;
	int exec;
};

struct elf_info {
	uint32_t entry;
	int nseg;
	struct elf_seg seg[ELF_MAX_SEGS];
};

/*
 * 0, or -E_NOEXEC if the image is not a well-formed ELF32 i386 executable
 * whose PT_LOAD segments all lie inside [lo, hi), do not overlap, and whose
 * entry point is in an executable segment.
 */
int elf_parse(const void *img, uint32_t size, uint32_t lo, uint32_t hi, struct elf_info *out);

#endif
