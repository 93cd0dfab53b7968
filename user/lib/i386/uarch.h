/*
 * uarch.h - the raw instructions ring-3 programs (tests, drivers, the
 * benchmarks) need to execute on purpose: port I/O, the time stamp counter,
 * and the privileged ones that must fault.
 * Kept in arch/i386 like every other piece of inline assembly.
 */
#ifndef ARCH_I386_USER_UARCH_H
#define ARCH_I386_USER_UARCH_H

#include <stdint.h>

static inline void u_hlt(void) { __asm__ volatile("hlt"); }
static inline void u_cli(void) { __asm__ volatile("cli"); }
static inline void u_ud2(void) { __asm__ volatile("ud2"); }
/* A spin loop's hint; QEMU's round-robin TCG also hands the turn to the next vCPU on it. */
static inline void u_pause(void) { __asm__ volatile("pause" ::: "memory"); }
/*
 * Not serialising (no cpuid or lfence: the former exits to the hypervisor
 * under KVM, the latter is SSE2), so a benchmark times batches long enough
 * for the skew not to matter.  Ring 3 may execute it because the kernel
 * never sets CR4.TSD.
 */
static inline uint64_t u_rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static inline uint8_t u_inb(uint16_t port)
{
	uint8_t v;
	__asm__ volatile("inb %w1, %b0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint16_t u_inw(uint16_t port)
{
	uint16_t v;
	__asm__ volatile("inw %w1, %w0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint32_t u_inl(uint16_t port)
{
	uint32_t v;
	__asm__ volatile("inl %w1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

/* in with the width chosen at run time (the exhaustive sweep). */
static inline uint32_t u_in(uint16_t port, unsigned width)
{
	return width == 1 ? u_inb(port) : width == 2 ? u_inw(port) : u_inl(port);
}

static inline void u_outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %b0, %w1" : : "a"(v), "Nd"(port));
}

static inline void u_outw(uint16_t port, uint16_t v)
{
	__asm__ volatile("outw %w0, %w1" : : "a"(v), "Nd"(port));
}

static inline void u_outl(uint16_t port, uint32_t v)
{
	__asm__ volatile("outl %0, %w1" : : "a"(v), "Nd"(port));
}

/* out with the width chosen at run time (the kernel-owned port attacks). */
static inline void u_out(uint16_t port, unsigned width, uint32_t v)
{
	if (width == 1)
		u_outb(port, (uint8_t)v);
	else if (width == 2)
		u_outw(port, (uint16_t)v);
	else
		u_outl(port, v);
}

static inline void u_sti(void) { __asm__ volatile("sti"); }
static inline void u_int3(void) { __asm__ volatile("int3" ::: "memory"); }

/* rep insb: count bytes from port into buf. */
static inline void u_rep_insb(uint16_t port, void *buf, uint32_t count)
{
	__asm__ volatile("rep insb" : "+D"(buf), "+c"(count) : "d"(port) : "memory");
}

/* rep insw / rep outsw: count 16-bit words between port and buf (ATA data). */
static inline void u_rep_insw(uint16_t port, void *buf, uint32_t count)
{
	__asm__ volatile("rep insw" : "+D"(buf), "+c"(count) : "d"(port) : "memory");
}

static inline void u_rep_outsw(uint16_t port, const void *buf, uint32_t count)
{
	__asm__ volatile("rep outsw" : "+S"(buf), "+c"(count) : "d"(port) : "memory");
}

static inline void u_rep_insl(uint16_t port, void *buf, uint32_t count)
{
	__asm__ volatile("rep insl" : "+D"(buf), "+c"(count) : "d"(port) : "memory");
}

static inline void u_rep_outsb(uint16_t port, const void *buf, uint32_t count)
{
	__asm__ volatile("rep outsb" : "+S"(buf), "+c"(count) : "d"(port) : "memory");
}

static inline void u_rep_outsl(uint16_t port, const void *buf, uint32_t count)
{
	__asm__ volatile("rep outsl" : "+S"(buf), "+c"(count) : "d"(port) : "memory");
}

/* Tries to raise IOPL with popf: at CPL 3 the CPU silently keeps it. */
static inline void u_popf_iopl3(void)
{
	__asm__ volatile("pushfl; orl $0x3000, (%%esp); popfl" ::: "memory", "cc");
}

static inline int u_div(int a, int b)
{
	int q;
	__asm__ volatile("cltd; idivl %2" : "=a"(q) : "a"(a), "r"(b) : "edx");
	return q;
}

static inline void u_jump(uint32_t addr)
{
	__asm__ volatile("jmp *%0" : : "r"(addr));
}

/* popf with these bits added (NT, AC, ...): what ring 3 may change itself. */
static inline void u_popf_or(uint32_t bits)
{
	__asm__ volatile("pushfl; orl %0, (%%esp); popfl" : : "r"(bits) : "memory", "cc");
}

static inline uint32_t u_eflags(void)
{
	uint32_t f;
	__asm__ volatile("pushfl; popl %0" : "=r"(f));
	return f;
}

/* SYSENTER with a chosen return eip/esp: the kernel must not care. */
static inline void u_sysenter_to(uint32_t eip, uint32_t esp)
{
	__asm__ volatile("sysenter" : : "a"(0), "d"(eip), "c"(esp) : "memory");
}

/*
 * The benchmarks' raw crossings (bench_gate, kernel/debug/bench.c): each loads
 * eax with a call number (nr: SYS_null), as any system call does, and
 * crosses.  With the gate open it comes straight back; shut, it is that call.
 * (nr is a parameter so this header needs no Portcullis header: the Linux
 * benchmark includes it too.)
 */
static inline void u_sysenter_raw(uint32_t nr)
{
	uint32_t eax = nr;
	__asm__ volatile("movl %%esp, %%ecx\n\tmovl $1f, %%edx\n\tsysenter\n1:"
			 : "+a"(eax) : : "ecx", "edx", "memory");
}

/* A call without arguments made with sel in %ds and %es; *ds_after: %ds afterwards (syscall.S). */
long u_sysenter_segs(unsigned nr, unsigned sel, unsigned *ds_after);
/* An int 0x80 call with two arguments made with sel in %ds and %es (syscall.S). */
long u_int80_segs(unsigned nr, unsigned sel, unsigned a0, unsigned a1);

/*
 * The data segment registers as the kernel's last way out left them.  %ds
 * and %es are then made the flat user data segment again (copied from %ss,
 * which every way back to ring 3 loads), in the same asm, before anything
 * reads memory through them: a kernel that handed back a selector ring 3
 * may not use (one the next iret nulls) is then reported by the test that
 * found it, not by a fault.
 */
struct u_segs {
	uint16_t ds, es, fs, gs;
};

static inline struct u_segs u_segs_take(void)
{
	uint16_t ds, es, fs, gs, ss;
	__asm__ volatile("movw %%ds, %w0\n\tmovw %%es, %w1\n\tmovw %%fs, %w2\n\tmovw %%gs, %w3\n\t"
			 "movw %%ss, %w4\n\tmovw %w4, %%ds\n\tmovw %w4, %%es"
			 : "=&r"(ds), "=&r"(es), "=&r"(fs), "=&r"(gs), "=&r"(ss) : : "memory");
	return (struct u_segs){ ds, es, fs, gs };
}

static inline void u_int80_raw(uint32_t nr)
{
	uint32_t eax = nr;
	__asm__ volatile("int $0x80" : "+a"(eax) : : "memory");
}

/*
 * The x87 (and MMX) registers, for the tests of per-task FPU state.  The
 * programs are built without x87 code (-mno-80387), so only these touch it.
 */
struct u_fpenv {                 /* fnstenv, 32-bit protected mode: 28 bytes */
	uint32_t cw, sw, tw, fip, fcs_fop, fdp, fds;
};

static inline void u_fninit(void) { __asm__ volatile("fninit" ::: "memory"); }
static inline void u_fild(int32_t v) { __asm__ volatile("fildl %0" : : "m"(v) : "memory"); }
static inline int32_t u_fistp(void)
{
	int32_t v;
	__asm__ volatile("fistpl %0" : "=m"(v) : : "memory");
	return v;
}
static inline void u_fnstenv(struct u_fpenv *e)
{
	__asm__ volatile("fnstenv %0" : "=m"(*e) : : "memory");
}
static inline void u_fldcw(uint16_t cw) { __asm__ volatile("fldcw %0" : : "m"(cw) : "memory"); }
/* 1 / by on the x87 stack (by = 0: a zero-divide exception). */
static inline void u_fld1_fidiv(int32_t by)
{
	__asm__ volatile("fld1; fidivl %0" : : "m"(by) : "memory");
}
static inline void u_fnop(void) { __asm__ volatile("fnop" ::: "memory"); }
static inline void u_fwait(void) { __asm__ volatile("fwait" ::: "memory"); }
static inline void u_mmx_put(uint32_t v) { __asm__ volatile("movd %0, %%mm1" : : "r"(v)); }
static inline uint32_t u_mmx_get(void)
{
	uint32_t v;
	__asm__ volatile("movd %%mm1, %0" : "=r"(v));
	return v;
}
static inline void u_emms(void) { __asm__ volatile("emms" ::: "memory"); }

/*
 * The IPC system calls' register convention (docs/ipc.md): eax the call,
 * ebx the slot in and the badge out, esi the tag, edi and ebp words 0 and
 * 1, both ways; sysenter takes the return esp in ecx and eip in edx.  Inline,
 * so a call costs no stub frame (four saves, loads and stores through a
 * pointer): ebp cannot be an operand, so it is saved here and word 1 goes
 * through ecx.
 */
static inline long u_ipc_sysenter(unsigned nr, unsigned *slot_badge, unsigned *tag, unsigned *w0,
				  unsigned *w1)
{
	long r = (long)nr;
	__asm__ volatile("pushl %%ebp\n\t"
			 "movl %%ecx, %%ebp\n\t"
			 "movl %%esp, %%ecx\n\t"
			 "movl $1f, %%edx\n\t"
			 "sysenter\n"
			 "1:\tmovl %%ebp, %%ecx\n\t"
			 "popl %%ebp"
			 : "+a"(r), "+b"(*slot_badge), "+S"(*tag), "+D"(*w0), "+c"(*w1)
			 :
			 : "edx", "memory", "cc");
	return r;
}

#endif
