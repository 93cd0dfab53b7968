/*
 * x86.h - the inline-assembly primitives the rest of the kernel is allowed
 * to use.  Every instruction the kernel needs that C cannot express lives
 * here (or in the .S files next to it), so kernel/ and iocap/ stay pure C.
 */
#ifndef ARCH_I386_X86_H
#define ARCH_I386_X86_H

#include <stdint.h>

/* A port number is its own type so it cannot be mixed up with a value. */
typedef struct { uint16_t nr; } ioport_t;
#define IOPORT(n) ((ioport_t){ (uint16_t)(n) })

/*
 * in<s>/out<s> for one operand width: the suffix names the instruction and
 * the register operand's size, so the byte and word pairs (inb/outb,
 * inw/outw) are spelled once.
 */
#define X86_PORT_IO(sfx, type)							\
	static inline type in##sfx(ioport_t p)					\
	{									\
		type v;								\
		__asm__ volatile("in" #sfx " %w1, %" #sfx "0" : "=a"(v) : "Nd"(p.nr)); \
		return v;							\
	}									\
	static inline void out##sfx(ioport_t p, type v)				\
	{									\
		__asm__ volatile("out" #sfx " %" #sfx "0, %w1" : : "a"(v), "Nd"(p.nr)); \
	}
X86_PORT_IO(b, uint8_t)
X86_PORT_IO(w, uint16_t)
#undef X86_PORT_IO

/* The dword pair: %k names a register's 32-bit form (%l would be a label). */
static inline uint32_t inl(ioport_t p)
{
	uint32_t v;
	__asm__ volatile("inl %w1, %k0" : "=a"(v) : "Nd"(p.nr));
	return v;
}
static inline void outl(ioport_t p, uint32_t v)
{
	__asm__ volatile("outl %k0, %w1" : : "a"(v), "Nd"(p.nr));
}

static inline void cli(void) { __asm__ volatile("cli" ::: "memory"); }
static inline void sti(void) { __asm__ volatile("sti" ::: "memory"); }
/* sti's one-instruction shadow makes "sti; hlt" race-free against wakeups. */
static inline void sti_hlt(void) { __asm__ volatile("sti; hlt" ::: "memory"); }
/* In every spin loop: a hyperthread or a round-robin vCPU (QEMU -icount) gives way. */
static inline void cpu_relax(void) { __asm__ volatile("pause" ::: "memory"); }
static inline void hlt(void) { __asm__ volatile("hlt" ::: "memory"); }

static inline uint32_t read_eflags(void)
{
	uint32_t f;
	__asm__ volatile("pushfl; popl %0" : "=r"(f));
	return f;
}

static inline uint32_t read_cr0(void) { uint32_t v; __asm__ volatile("mov %%cr0,%0" : "=r"(v)); return v; }
static inline uint32_t read_cr2(void) { uint32_t v; __asm__ volatile("mov %%cr2,%0" : "=r"(v)); return v; }
static inline uint32_t read_cr3(void) { uint32_t v; __asm__ volatile("mov %%cr3,%0" : "=r"(v)); return v; }
static inline uint32_t read_cr4(void) { uint32_t v; __asm__ volatile("mov %%cr4,%0" : "=r"(v)); return v; }
static inline void write_cr0(uint32_t v) { __asm__ volatile("mov %0,%%cr0" : : "r"(v) : "memory"); }
static inline void write_cr3(uint32_t v) { __asm__ volatile("mov %0,%%cr3" : : "r"(v) : "memory"); }
static inline void write_cr4(uint32_t v) { __asm__ volatile("mov %0,%%cr4" : : "r"(v) : "memory"); }

static inline void clts(void) { __asm__ volatile("clts" ::: "memory"); }

/* The FPU register file to or from 512 (fxsave, 16-aligned) or 108 (fnsave) bytes at p. */
static inline void fninit(void) { __asm__ volatile("fninit" ::: "memory"); }
static inline void fxsave(void *p) { __asm__ volatile("fxsave (%0)" : : "r"(p) : "memory"); }
static inline void fxrstor(const void *p) { __asm__ volatile("fxrstor (%0)" : : "r"(p) : "memory"); }
static inline void fnsave(void *p) { __asm__ volatile("fnsave (%0)" : : "r"(p) : "memory"); }
static inline void frstor(const void *p) { __asm__ volatile("frstor (%0)" : : "r"(p) : "memory"); }

static inline void invlpg(uint32_t va)
{
	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

static inline uint32_t read_ebp(void)
{
	uint32_t v;
	__asm__ volatile("movl %%ebp,%0" : "=r"(v));
	return v;
}

static inline void wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;
	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static inline void cpuid(uint32_t leaf, uint32_t *a, uint32_t *b, uint32_t *c, uint32_t *d)
{
	__asm__ volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(0));
}

struct dtr { uint16_t limit; uint32_t base; } __attribute__((packed));

static inline void lgdt(const void *base, uint16_t size)
{
	struct dtr d = { (uint16_t)(size - 1), (uint32_t)(uintptr_t)base };
	__asm__ volatile("lgdt %0" : : "m"(d));
}

static inline void lidt(const void *base, uint16_t size)
{
	struct dtr d = { (uint16_t)(size - 1), (uint32_t)(uintptr_t)base };
	__asm__ volatile("lidt %0" : : "m"(d));
}

static inline void ltr(uint16_t sel) { __asm__ volatile("ltr %0" : : "r"(sel)); }
static inline void lldt(uint16_t sel) { __asm__ volatile("lldt %0" : : "r"(sel)); }

/*
 * Reload every segment register after a new GDT: CS needs a far jump.  ss
 * is the kernel's stack segment; ds, es and gs get ds (the kernel runs on
 * the flat user data selector there, entry.S says why).
 */
static inline void load_segments(uint16_t cs, uint16_t ss, uint16_t ds, uint16_t fs)
{
	__asm__ volatile("pushl %0\n\t"
			 "pushl $1f\n\t"
			 "lret\n"
			 "1:\n\t"
			 "movw %w1, %%ss\n\tmovw %w2, %%ds\n\tmovw %w2, %%es\n\t"
			 "movw %w3, %%fs\n\tmovw %w2, %%gs"
			 : : "r"((uint32_t)cs), "r"(ss), "r"(ds), "r"(fs) : "memory");
}

/* Per-CPU data is reached through %fs, whose base is that CPU's struct cpu. */
static inline void *percpu_self(void)
{
	void *p;
	__asm__ volatile("movl %%fs:0, %0" : "=r"(p));
	return p;
}

#endif
