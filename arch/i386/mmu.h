/*
 * mmu.h - i386 segment selectors, descriptor and page-table bits.
 *
 * The GDT order is fixed by SYSENTER/SYSEXIT: the kernel data segment must
 * follow the kernel code segment, and user code/data must sit 16/24 bytes
 * above it (SDM vol. 2B, SYSEXIT).  Constants only; no code.
 */
#ifndef ARCH_I386_MMU_H
#define ARCH_I386_MMU_H

#define GDT_NULL     0
#define GDT_KCODE    1
#define GDT_KDATA    2
#define GDT_UCODE    3
#define GDT_UDATA    4
#define GDT_TSS      5
#define GDT_PERCPU   6
#define GDT_ENTRIES  7

#define SEL_KCODE    (GDT_KCODE << 3)
#define SEL_KDATA    (GDT_KDATA << 3)
#define SEL_UCODE    ((GDT_UCODE << 3) | 3)
#define SEL_UDATA    ((GDT_UDATA << 3) | 3)
#define SEL_TSS      (GDT_TSS << 3)
#define SEL_PERCPU   (GDT_PERCPU << 3)

#define PAGE_SIZE    4096u
#define PAGE_SHIFT   12
#define BIGPAGE_SIZE (4u << 20)

#define PTE_P    0x001u
#define PTE_W    0x002u
#define PTE_U    0x004u
#define PTE_PWT  0x008u   /* write-through */
#define PTE_PCD  0x010u   /* cache disabled: with PWT, uncached whatever the MTRRs say (SDM 11.5.2.1) */
#define PTE_PS   0x080u   /* 4 MiB page in a PDE (needs CR4.PSE) */
#define PTE_G    0x100u   /* global: survives CR3 reloads (needs CR4.PGE) */
#define PTE_AVL_CAPMAP 0x200u   /* software (bit 9, ignored by the CPU): mapped from a cap */
#define PTE_ADDR 0xFFFFF000u

#define CR0_PE   0x00000001u
#define CR0_MP   0x00000002u   /* WAIT/FWAIT trap (#NM) too while TS is set */
#define CR0_EM   0x00000004u   /* no FPU: every FPU instruction is #NM */
#define CR0_TS   0x00000008u   /* task switched: the next FPU instruction is #NM */
#define CR0_NE   0x00000020u   /* x87 errors are #MF, not IRQ 13 */
#define CR0_WP   0x00010000u
#define CR0_PG   0x80000000u
#define CR4_PSE  0x00000010u
#define CR4_PGE  0x00000080u

#define EFLAGS_CF    0x00000001u
#define EFLAGS_FIXED 0x00000002u   /* bit 1: reserved, always set */
#define EFLAGS_TF    0x00000100u
#define EFLAGS_IF    0x00000200u
#define EFLAGS_DF    0x00000400u
#define EFLAGS_IOPL  0x00003000u
#define EFLAGS_NT    0x00004000u
#define EFLAGS_VM    0x00020000u
#define EFLAGS_AC    0x00040000u

#define MSR_SYSENTER_CS  0x174
#define MSR_SYSENTER_ESP 0x175
#define MSR_SYSENTER_EIP 0x176

/* Trap numbers that are not hardware vectors. */
#define T_NMI      2
#define T_IRQ0     32
#define T_SYSCALL  0x80
/*
 * The local APIC's vectors (arch/i386/lapic.c): above the PIC's 32-47, in
 * a higher priority class than any IRQ; the spurious vector's low four
 * bits must be set on older APICs.
 */
#define T_LAPIC_TIMER  0x40   /* this CPU's own tick */
#define T_IPI_RESCHED  0x41   /* run the scheduler: a task for this CPU, a kill, a move */
#define T_IPI_SERVICE  0x42   /* serve this CPU's shootdown and I/O revoke requests (docs/smp.md) */
#define T_LAPIC_SPURIOUS 0xFF
#define T_SYSENTER 0x1000   /* frame built by the sysenter entry, never a vector */

#endif
