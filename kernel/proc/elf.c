/*
 * elf.c - validates an ELF32 image field by field, checking every offset
 * and size for overflow before using it (the image comes from a boot
 * module today, and from a less trusted place later).
 */
#include "abi/errno.h"
#include "kernel/proc/elf.h"
#include "kernel/lib.h"

struct ehdr {
	uint8_t ident[16];
	uint16_t type, machine;
	uint32_t version, entry, phoff, shoff, flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct phdr {
	uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

#define PT_LOAD 1
#define PF_X 1
#define PF_W 2

static int in_file(uint32_t off, uint32_t len, uint32_t size)
{
	return off <= size && len <= size - off;
}

static int check_header(const struct ehdr *h, uint32_t size)
{
	static const uint8_t magic[7] = { 0x7F, 'E', 'L', 'F', 1 /* 32-bit */, 1 /* LSB */, 1 };
	if (size < sizeof(*h) || memcmp(h->ident, magic, sizeof(magic)))
		return 0;
	if (h->type != 2 /* ET_EXEC */ || h->machine != 3 /* EM_386 */ || h->version != 1)
		return 0;
	if (h->phentsize != sizeof(struct phdr) || h->phnum == 0)
		return 0;
	return in_file(h->phoff, (uint32_t)h->phnum * sizeof(struct phdr), size);
}

static int check_seg(const struct phdr *ph, uint32_t size, uint32_t lo, uint32_t hi)
{
	if (ph->filesz > ph->memsz || !in_file(ph->offset, ph->filesz, size))
		return 0;
	if (ph->memsz == 0 || ph->vaddr < lo || ph->vaddr >= hi)
		return 0;
	return ph->memsz <= hi - ph->vaddr;
}

static int overlaps(const struct elf_seg *a, const struct elf_seg *b)
{
	return a->vaddr < b->vaddr + b->memsz && b->vaddr < a->vaddr + a->memsz;
}

int elf_parse(const void *img, uint32_t size, uint32_t lo, uint32_t hi, struct elf_info *out)
{
	const struct ehdr *h = img;
	if (!check_header(h, size))
		return -E_NOEXEC;
	out->entry = h->entry;
	out->nseg = 0;
	int entry_ok = 0;
	for (uint32_t i = 0; i < h->phnum; i++) {
		struct phdr ph;
		memcpy(&ph, (const char *)img + h->phoff + i * sizeof(ph), sizeof(ph));
		/* An empty PT_LOAD (a program without data) loads nothing. */
		if (ph.type != PT_LOAD || (ph.memsz == 0 && ph.filesz == 0))
			continue;
		if (out->nseg == ELF_MAX_SEGS || !check_seg(&ph, size, lo, hi))
			return -E_NOEXEC;
		struct elf_seg *s = &out->seg[out->nseg];
		*s = (struct elf_seg){ ph.vaddr, ph.memsz, ph.offset, ph.filesz,
				       !!(ph.flags & PF_W), !!(ph.flags & PF_X) };
		for (int j = 0; j < out->nseg; j++)
			if (overlaps(s, &out->seg[j]))
				return -E_NOEXEC;
		if (s->exec && h->entry >= s->vaddr && h->entry - s->vaddr < s->memsz)
			entry_ok = 1;
		out->nseg++;
	}
	return entry_ok ? 0 : -E_NOEXEC;
}
