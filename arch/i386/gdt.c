/*
 * gdt.c - per-CPU GDT, TSS and sysenter MSRs.
 *
 * Each CPU gets its own GDT so its TSS descriptor and per-CPU segment
 * (%fs base = its struct cpu, kernel/smp/cpu.h) can differ; the code/data
 * descriptors are the same flat 4 GiB segments everywhere.
 */
#include "cpu.h"
#include "x86.h"
#include "kernel/lib.h"
#include "kernel/smp/cpu.h"

extern char sysenter_entry[];

/* percpu_self() reads %fs:0, and %fs is based at the struct cpu. */
_Static_assert(offsetof(struct cpu, self) == 0, "struct cpu must open with its self word");

static uint64_t seg_desc(uint32_t base, uint32_t limit, uint8_t access, uint8_t flags)
{
	uint64_t d = 0;
	d |= limit & 0xFFFFu;
	d |= (uint64_t)(base & 0xFFFFFFu) << 16;
	d |= (uint64_t)access << 40;
	d |= (uint64_t)((limit >> 16) & 0xFu) << 48;
	d |= (uint64_t)(flags & 0xFu) << 52;
	d |= (uint64_t)((base >> 24) & 0xFFu) << 56;
	return d;
}

/* Access bytes: present | DPL | type.  Flags 0xC: 4 KiB granularity, 32-bit. */
#define ACC_KCODE 0x9A
#define ACC_KDATA 0x92
#define ACC_UCODE 0xFA
#define ACC_UDATA 0xF2
#define ACC_TSS   0x89   /* available 32-bit TSS */

void arch_cpu_init(struct cpu *c)
{
	struct cpu_arch *a = &c->arch;
	KASSERT(c->self == c && c == &cpus[c->id]);   /* cpu_init's generic half first */
	a->gdt[GDT_NULL] = 0;
	a->gdt[GDT_KCODE] = seg_desc(0, 0xFFFFF, ACC_KCODE, 0xC);
	a->gdt[GDT_KDATA] = seg_desc(0, 0xFFFFF, ACC_KDATA, 0xC);
	a->gdt[GDT_UCODE] = seg_desc(0, 0xFFFFF, ACC_UCODE, 0xC);
	a->gdt[GDT_UDATA] = seg_desc(0, 0xFFFFF, ACC_UDATA, 0xC);
	a->gdt[GDT_TSS] = seg_desc((uint32_t)&a->tss, TSS_LIMIT, ACC_TSS, 0x0);
	/* The whole struct cpu: entry.S reads its generic fields through %fs too. */
	a->gdt[GDT_PERCPU] = seg_desc((uint32_t)c, sizeof(*c) - 1, ACC_KDATA, 0x4);

	memset(&a->tss, 0, sizeof(a->tss));
	a->tss.hw.ss0 = SEL_KDATA;
	/* No port access for ring 3 until iocap grants some: bitmap beyond limit. */
	a->tss.hw.iomap_base = IOMAP_NONE;
	memset(a->tss.iobitmap, 0xFF, sizeof(a->tss.iobitmap));
	a->tss.iobitmap_end = 0xFF;
	memset(a->tss.iobitmap2, 0xFF, sizeof(a->tss.iobitmap2));
	a->tss.iobitmap2_end = 0xFF;
	memset(a->tss.shared, 0xFF, sizeof(a->tss.shared));
	a->tss.shared_end = 0xFF;
	/* Both own areas; only io[0] ever loads the shared one (task_io_switch_in). */
	iotss_init(&a->io[0], a->tss.iobitmap, a->tss.shared);
	iotss_init(&a->io[1], a->tss.iobitmap2, a->tss.shared);
	a->io_last = 0;

	lgdt(a->gdt, sizeof(a->gdt));
	/*
	 * %ds and %es hold the flat user selector in the kernel from here on,
	 * as entry.S assumes: a sysenter return does not reload them, so a
	 * context that started here (the idle loop) and then returns to
	 * ring 3 by sysexit must not hand ring 3 the kernel's selector.
	 */
	load_segments(SEL_KCODE, SEL_KDATA, SEL_UDATA, SEL_PERCPU);
	ltr(SEL_TSS);
	/*
	 * No LDT: a null LDTR makes every LDT selector #GP.  The boot loader
	 * leaves LDTR as it found it (after reset: base 0, limit 0xFFFF), and
	 * the CPU would then read descriptors for a ring-3 selector with the
	 * TI bit from linear address 0 up; anything mapped there would become
	 * segments and gates.
	 */
	lldt(0);

	wrmsr(MSR_SYSENTER_CS, SEL_KCODE);
	wrmsr(MSR_SYSENTER_ESP, (uint32_t)&a->sysenter_esp0);
	wrmsr(MSR_SYSENTER_EIP, (uint32_t)sysenter_entry);
}
