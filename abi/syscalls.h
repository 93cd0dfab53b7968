/*
 * syscalls.h - the one list of system calls.  It generates the numbers
 * here, the kernel's dispatch and leaf tables (kernel/api/syscall.c), the
 * handlers' named arguments (kernel/object/sysargs.h), the count the
 * kernel's assembly uses (SYS_COUNT in build/gen/asm-offsets.h, from
 * arch/i386/asm-offsets.c), the user stubs (user/lib/i386/syscall.S)
 * and their prototypes (user/lib/ulib.h);
 * nothing else spells out a number or a parameter.
 *
 * Both gates (int 0x80 and sysenter) take eax = number and up to four
 * arguments in ebx, esi, edi, ebp, and return eax (a negative value is
 * -E_x from abi/errno.h).  sysenter also clobbers ecx and edx.
 *
 * X(name, number of arguments, path, parameters)
 *
 * parameters are (type, name) pairs in register order (ebx, esi, edi,
 * ebp), () for none: the user stub's C parameters (user/lib/ulib.h) and
 * the kernel handler's named arguments (kernel/object/sysargs.h, where a
 * pointer becomes a user address the kernel cannot dereference) both come
 * from them.  The number of arguments says how many pairs there are (the
 * preprocessor refuses a line where they differ) and shapes the user stub
 * in assembly, where the pairs are not read.
 *
 * path is how the sysenter gate runs the call (arch/i386/entry.S):
 *   leaf  as a plain C call, without a trap frame.  Only for a call that
 *         cannot block, schedule, wake a task or use its own trap frame
 *         (the frame is built only if the task's work word asks for the
 *         way out's work, kernel/api/exit.c); the cheapest path,
 *         for calls made in loops (null, getpid, taskinfo, io_in, ...).
 *   full  with the whole trap frame, like every call through int 0x80.
 * The path is the kernel's business, not the caller's: a call may move
 * from full to leaf without any user program noticing.
 */
#ifndef KERNEL_ABI_SYSCALLS_H
#define KERNEL_ABI_SYSCALLS_H

#define SYSCALL_LIST(X)                                                                                             \
	X(null,           0, leaf, ())                                                                              \
	X(exit,           1, full, ((int, code)))                                                                   \
	X(write,          2, full, ((const void *, buf), (unsigned, len)))                                          \
	X(yield,          0, full, ())                                                                              \
	X(getpid,         0, leaf, ())                                                                              \
	X(spawn,          1, full, ((const struct spawn_req *, req)))                                               \
	X(wait,           2, full, ((int, tid), (struct exitinfo *, info)))                                         \
	X(kill,           1, full, ((int, tid)))                                                                    \
	X(sleep,          1, full, ((unsigned, ticks)))                                                             \
	X(uptime,         0, leaf, ())                                                                              \
	X(taskinfo,       2, leaf, ((int, tid), (struct taskinfo *, info)))                                         \
	X(shutdown,       1, full, ((int, code)))                                                                   \
	X(resume,         1, full, ((int, tid)))                                                                    \
	X(cap_info,       2, leaf, ((unsigned, slot), (struct capinfo *, info)))                                    \
	X(cap_derive,     4, full, ((unsigned, src), (unsigned, dst), (unsigned, base_rights), (unsigned, count)))  \
	X(cap_copy,       2, full, ((unsigned, src), (unsigned, dst)))                                              \
	X(cap_delete,     1, full, ((unsigned, slot)))                                                              \
	X(cap_revoke,     1, full, ((unsigned, slot)))                                                              \
	X(cap_transfer,   3, full, ((unsigned, src), (int, tid), (unsigned, dst)))                                  \
	X(iopl,           2, full, ((unsigned, slot), (int, enable)))                                               \
	X(supervise,      2, full, ((struct supmsg *, msg), (unsigned, flags)))                                     \
	X(fault_reply,    2, full, ((int, tid), (unsigned, action)))                                                \
	X(ep_create,      1, full, ((unsigned, dst)))                                                               \
	X(ntf_create,     1, full, ((unsigned, dst)))                                                               \
	X(cap_mint,       4, full, ((unsigned, src), (unsigned, dst), (unsigned, value), (unsigned, rights)))       \
	X(ipc_send,       4, full, ((unsigned, slot), (unsigned, tag), (unsigned, w0), (unsigned, w1)))             \
	X(ipc_call,       4, full, ((unsigned, slot), (unsigned, tag), (unsigned, w0), (unsigned, w1)))             \
	X(ipc_recv,       1, full, ((unsigned, slot)))                                                              \
	X(ipc_reply,      4, full, ((unsigned, unused), (unsigned, tag), (unsigned, w0), (unsigned, w1)))           \
	X(ipc_reply_recv, 4, full, ((unsigned, slot), (unsigned, tag), (unsigned, w0), (unsigned, w1)))             \
	X(reply_save,     1, full, ((unsigned, dst)))                                                               \
	X(ntf_signal,     1, full, ((unsigned, slot)))                                                              \
	X(ntf_wait,       1, full, ((unsigned, slot)))                                                              \
	X(ntf_poll,       1, full, ((unsigned, slot)))                                                              \
	X(ntf_bind,       1, full, ((unsigned, slot)))                                                              \
	X(irq_bind,       2, full, ((unsigned, irq_slot), (unsigned, ntf_slot)))                                    \
	X(irq_ack,        1, full, ((unsigned, irq_slot)))                                                          \
	X(klog_read,      3, full, ((unsigned, slot), (void *, buf), (unsigned, len)))                              \
	X(klog_bind,      2, full, ((unsigned, slot), (unsigned, ntf_slot)))                                        \
	X(cap_inspect,    3, leaf, ((int, tid), (unsigned, slot), (struct capinfo *, info)))                        \
	X(supervise_bind, 1, full, ((unsigned, ntf_slot)))                                                          \
	X(restart,        1, full, ((int, tid)))                                                                    \
	X(module_read,    4, full, ((const char *, name), (unsigned, name_len), (void *, buf), (unsigned, len)))    \
	X(io_in,          3, leaf, ((unsigned, slot), (unsigned, port), (unsigned, width)))                         \
	X(bench_gate,     1, full, ((unsigned, which)))                                                             \
	X(bench_port_in,  2, leaf, ((unsigned, count), (unsigned, with_in)))                                        \
	X(fault_ep,       2, full, ((int, tid), (unsigned, ep_slot)))                                               \
	X(mem_retype,     4, full, ((unsigned, src), (unsigned, dst), (unsigned, type), (unsigned, npages)))        \
	X(mem_map,        4, full, ((unsigned, slot), (int, tid), (void *, va), (unsigned, flags)))                 \
	X(mem_unmap,      3, full, ((unsigned, slot), (int, tid), (void *, va)))                                    \
	X(mem_protect,    4, full, ((unsigned, slot), (int, tid), (void *, va), (unsigned, rights)))        \
	X(task_affinity,  2, full, ((int, tid), (int, cpu)))                                                        \
	X(cpu_info,       2, leaf, ((int, cpu), (struct cpuinfo *, info)))                                          \
	X(irq_route,      2, full, ((unsigned, irq_slot), (int, cpu)))                                              \
	X(bench_ipi,      1, full, ((unsigned, targets)))                                                           \
	X(dma_start,      2, full, ((unsigned, chan_slot), (const struct dma_req *, req)))                          \
	X(dma_stop,       1, full, ((unsigned, chan_slot)))                                                         \
	X(pci_cfg_read,   4, full, ((unsigned, slot), (unsigned, addr), (unsigned, width), (unsigned *, value)))    \
	X(pci_cfg_write,  4, full, ((unsigned, slot), (unsigned, addr), (unsigned, width), (unsigned, value)))    \
	X(dma_audit,      2, leaf, ((unsigned, chan_slot), (struct dma_audit *, out)))

/*
 * SYSARGS_EACH(n, M, sep, parameters): M(i, type, name) for each of a
 * call's n parameters, i counting from 0, with sep() between two.  The
 * helpers below it exist because a macro's arguments are split at commas
 * before they are expanded: each unwraps one level of parentheses first.
 */
#define SYSARGS_EACH(n, M, sep, params) SYSARGS_APPLY(SYSARGS_EACH_##n, M, sep, SYSARGS_OPEN params)
#define SYSARGS_EACH_0(M, sep, none)
#define SYSARGS_EACH_1(M, sep, p0) SYSARGS_ONE(M, 0, p0)
#define SYSARGS_EACH_2(M, sep, p0, p1) SYSARGS_EACH_1(M, sep, p0) sep() SYSARGS_ONE(M, 1, p1)
#define SYSARGS_EACH_3(M, sep, p0, p1, p2) SYSARGS_EACH_2(M, sep, p0, p1) sep() SYSARGS_ONE(M, 2, p2)
#define SYSARGS_EACH_4(M, sep, p0, p1, p2, p3) \
	SYSARGS_EACH_3(M, sep, p0, p1, p2) sep() SYSARGS_ONE(M, 3, p3)
#define SYSARGS_OPEN(...) __VA_ARGS__
#define SYSARGS_APPLY(f, ...) f(__VA_ARGS__)
#define SYSARGS_ONE(M, i, p) SYSARGS_ONE_(M, i, SYSARGS_OPEN p)
#define SYSARGS_ONE_(M, ...) M(__VA_ARGS__)
#define SYSARGS_COMMA() ,
#define SYSARGS_NOTHING()

/* The user stub's C parameter list: "type name, ..." or "void". */
#define SYSARGS_PARAMS(n, params) SYSARGS_VOID_##n SYSARGS_EACH(n, SYSARGS_DECL, SYSARGS_COMMA, params)
#define SYSARGS_DECL(i, type, name) type name
#define SYSARGS_VOID_0 void
#define SYSARGS_VOID_1
#define SYSARGS_VOID_2
#define SYSARGS_VOID_3
#define SYSARGS_VOID_4

/* The int 0x80 gate's vector (the kernel's T_SYSCALL; kernel/api/abi_pairs.c ties them). */
#define SYSCALL_VECTOR 0x80

#ifndef __ASSEMBLER__
/* supervise, fault_reply and fault_ep speak the fault channel's contract. */
#include "abi/fault.h"
/* dma_start's request, the DmaChan values and the DmaBuffer flags. */
#include "abi/dma.h"

enum syscall_nr {
#define X(name, nargs, path, params) SYS_##name,
	SYSCALL_LIST(X)
#undef X
	SYS_COUNT
};

/* What wait() reports about a finished task. */
struct exitinfo {
	int code;            /* exit() argument; -1 if killed */
	int fault_vector;    /* CPU exception that killed it, or -1 */
	unsigned fault_eip;
	unsigned fault_addr; /* CR2 for page faults */
	int killed_by;       /* tid of the task that killed it, or 0 */
};

/* spawn: a boot module by name; SPAWN_SUSPENDED waits for resume(tid). */
struct spawn_req {
	const char *name;
	unsigned name_len;
	const char *args;
	unsigned args_len;
	unsigned flags;
};
#define SPAWN_SUSPENDED 1u

/* Where the root task finds its initial capabilities. */
#define ROOT_SLOT_IOPORTS 0     /* IoPorts(0x0000-0xFFFF) */
#define ROOT_SLOT_IOPL    1     /* Iopl */
#define ROOT_SLOT_IRQ     2     /* Irq(every line but 0 and 2) */
#define ROOT_SLOT_KLOG    3     /* KLog: may read the kernel log */
#define ROOT_SLOT_DMA     4     /* DmaChan: every DMA engine the kernel found (abi/dma.h) */
#define ROOT_SLOT_PCICFG  5     /* PciCfg: every PCI function's configuration space */
/*
 * Memory (docs/memory.md).  Untyped: the free RAM the kernel does not keep
 * for itself, from the Multiboot map (the largest region; the others are
 * not handed out).  Mmio: the device memory below 1 MiB (the VGA window
 * and the ROMs, 0xA0000-0xFFFFF) and the PCI window from the end of RAM
 * to 0xFEC00000; never RAM, never what the kernel uses (the IOAPIC, HPET,
 * local APIC and firmware above 0xFEC00000).
 */
#define ROOT_SLOT_UNTYPED     28
#define ROOT_SLOT_MMIO_LEGACY 29
#define ROOT_SLOT_MMIO_PCI    30
/*
 * A second Untyped below 16 MiB, 64 KiB-aligned (docs/dma.md, "ISA 8237
 * and the floppy"): the 8237 drives 24 address lines, and the big Untyped
 * lies high, so ISA DMA buffers are carved from this one.
 */
#define ROOT_SLOT_UNTYPED_LOW 31

/* cap_info, cap_inspect */
enum cap_type_abi { CAPT_NULL, CAPT_IOPORTS, CAPT_IOPL, CAPT_ENDPOINT, CAPT_NOTIFY, CAPT_REPLY,
		    CAPT_IRQ, CAPT_KLOG, CAPT_UNTYPED, CAPT_FRAME, CAPT_MMIO, CAPT_DMABUF, CAPT_DMACHAN,
		    CAPT_PCICFG };
struct capinfo {
	int type;
	unsigned base, count;  /* IoPorts: the range; Irq: base = the mask of lines;
				  Untyped/Frame/Mmio/DmaBuffer: physical base and pages;
				  DmaChan: base = the mask of engines (DMA_x);
				  PciCfg: the first function (PCICFG_FN) and how many */
	unsigned rights;       /* IoPorts: 1 read, 2 write; endpoint/notification: EPR_x/NTR_x;
				  Frame/Mmio: MEM_R, MEM_W; PciCfg: PCICFG_R, PCICFG_W */
	unsigned badge;        /* endpoint/notification; Untyped: pages carved and not yet returned */
	unsigned object;       /* endpoint/notification: which one (an index);
				  Frame/Mmio: mappings made through this cap */
};

/*
 * Memory capabilities (docs/memory.md).  mem_retype(src, dst, type,
 * npages) carves npages from the Untyped in src into a new cap in dst:
 * MEM_FRAME (zeroed RAM, rights MEM_R | MEM_W) or a smaller MEM_UNTYPED
 * (a budget to give a child).  mem_map(slot, tid, va, flags) maps the
 * whole range of the Frame or Mmio cap in slot at va in tid's space (0:
 * the caller's own; else a descendant of the caller), with the rights in
 * flags (a subset of the cap's; MEM_R is required); a page table the
 * mapping needs is carved from the Untyped named by MAP_PT(slot) in flags
 * (MAP_PT_NONE: none, and E_NOMEM if one is needed).  mem_unmap and
 * mem_protect name the mapping by the cap it was made through and its va.
 * Mmio is always mapped uncached.  cap_mint(src, dst, value, rights) on a
 * Frame or Mmio cap makes a child with fewer rights and, with value =
 * MEM_SUB(first, n), only pages [first, first + n) of its range (value 0:
 * the whole range); cap_copy shares it.
 */
enum mem_type { MEM_UNTYPED = 1, MEM_FRAME = 2, MEM_DMABUF = 3 };
#define MEM_R 1u
#define MEM_W 2u
#define MAP_PT(slot)   (((unsigned)(slot) & 0xFFu) << 8)
#define MAP_PT_NONE    MAP_PT(0xFF)
#define MAP_RIGHTS(flags) ((flags) & 3u)
#define MAP_PT_SLOT(flags) (((flags) >> 8) & 0xFFu)
#define MEM_SUB(first, n) (((unsigned)(first) << 16) | ((unsigned)(n) & 0xFFFFu))
/*
 * An Mmio cap can span more than 0xFFFF pages (ROOT_SLOT_MMIO_PCI: the
 * PCI window, where BARs sit near its top), more than MEM_SUB's 16 bits
 * of first name: cap_mint's rights carry first's high 16 bits,
 * cap_mint(src, dst, MEM_SUB(first, n), MEM_SUB_RIGHTS(first, rights)).
 * With a first below 0x10000 it is rights alone.
 */
#define MEM_SUB_RIGHTS(first, rights) (((unsigned)(rights) & 0xFFFFu) | ((unsigned)(first) & 0xFFFF0000u))
/* cap_derive packs base and rights into one argument. */
#define CAP_BASE_RIGHTS(base, rights) (((unsigned)(base) & 0xFFFFu) | ((unsigned)(rights) << 16))

/*
 * PCI configuration space (docs/dma.md, "Owned registers and PCI
 * configuration").  Ports 0xCF8-0xCFF are the kernel's; a PciCfg cap
 * names functions first..first+count-1 (a function is PCICFG_FN(bus, dev,
 * fn), 0..0xFFFF; ROOT_SLOT_PCICFG: all of them) and the rights PCICFG_R,
 * PCICFG_W.  pci_cfg_read(slot, addr, width, &value) stores the register
 * of width 1, 2 or 4 at addr = PCICFG_ADDR(bus, dev, fn, offset) in value
 * (all ones for an absent function, as the hardware answers);
 * pci_cfg_write(slot, addr, width, value) writes it.  Refused: a width
 * other than 1, 2, 4 or an offset not a multiple of it (E_INVAL), addr
 * past 0xFFFFFF (E_RANGE), a function outside the cap or a missing right
 * (E_PERM), and (E_PERM) any write that would let a device reach memory
 * the kernel did not check: one that sets COMMAND's bus-master enable (bit
 * 2 of offset 0x04, whatever the write's width), or touches a byte of the
 * BARs (0x10-0x27), the expansion ROM BAR (0x30-0x33) or a bridge's ROM
 * BAR (0x38-0x3B).  cap_mint(src, dst, PCICFG_SUB(first, n), rights)
 * narrows to functions [first, first + n) of the cap's and fewer rights
 * (value 0: the same functions).
 */
#define PCICFG_FN(bus, dev, fn) (((unsigned)(bus) & 0xFFu) << 8 | ((unsigned)(dev) & 0x1Fu) << 3 | ((unsigned)(fn) & 7u))
#define PCICFG_ADDR(bus, dev, fn, offset) (PCICFG_FN(bus, dev, fn) << 8 | ((unsigned)(offset) & 0xFFu))
#define PCICFG_FUNCS 0x10000u
#define PCICFG_R 1u
#define PCICFG_W 2u
#define PCICFG_SUB(first, n) (((unsigned)(first) & 0xFFFFu) << 16 | ((unsigned)(n) & 0xFFFFu))

/* taskinfo(TASKINFO_BY_SLOT | i, info): the task in table slot i (E_SRCH if none). */
#define TASKINFO_BY_SLOT 0x40000000u
#define TASKINFO_SLOTS   64

enum task_state_abi { TS_FREE, TS_RUNNABLE, TS_RUNNING, TS_BLOCKED, TS_ZOMBIE };

struct taskinfo {
	int tid;
	int parent;
	int state;
	unsigned ticks;      /* timer ticks spent running */
	unsigned restarts;   /* times the supervisor restarted it */
	unsigned iofaults;   /* trapped I/O instructions */
	int iopl;            /* running with IOPL 3 */
	char name[16];
	int cpu;             /* the CPU running it now, or -1 */
	int pin;             /* the CPU it is pinned to (task_affinity), or -1: any */
};

/*
 * task_affinity(tid, cpu): tid (0: the caller; else itself or a
 * descendant) runs only on CPU cpu from now on, or on any with cpu -1.
 * A task running elsewhere moves at once.  E_INVAL for a CPU that is not
 * online, E_PERM for another's task, E_STATE for a task that has ended.
 *
 * cpu_info(cpu, info): what CPU cpu (-1: the caller's) has done, for the
 * tests and benchmarks of the SMP protocols (docs/smp.md); returns the
 * number of CPUs online.  Counters only grow.
 */
struct cpuinfo {
	unsigned id;
	unsigned apic_id;
	int current;             /* tid running there, 0: idle */
	unsigned ipi_sent, ipi_received;
	unsigned tlb_requests;   /* shootdown requests it served */
	unsigned io_requests;    /* port/IOPL reload requests it served */
	unsigned shootdowns;     /* shootdowns it started that had another CPU to tell */
	unsigned nmi_sent;       /* NMIs it sent to a CPU running ring 3 with interrupts off */
	unsigned nmi_received;
	unsigned lock_taken;     /* big kernel lock acquisitions */
	unsigned lock_waited;    /* ... that found it held by another CPU */
	unsigned lock_spins;     /* turns of the wait loop, all told */
	unsigned irqs;           /* device interrupts taken here (not the timer's) */
};

/*
 * irq_route(irq slot, cpu): the interrupts of the line the caller bound
 * with the Irq cap in irq slot arrive at CPU cpu from now on (-1: back to
 * CPU 0, where every line starts and returns when its binding ends).
 * E_INVAL for a CPU not online, E_STATE if the caller has not bound the
 * line, E_RANGE if the machine cannot steer it (no IOAPIC: every line
 * reaches CPU 0 through the 8259s).  docs/smp.md, "Interrupt routing".
 */

#endif /* __ASSEMBLER__ */

/*
 * Benchmark help (kernel/debug/bench.c, docs/bench.md): io_in, bench_gate,
 * bench_port_in and bench_ipi answer only a kernel booted with the word
 * `bench`; any other boot gets E_PERM.
 *
 * bench_gate(which) points one system call gate at a stub that returns at
 * once (sysenter: sysexit; int 0x80: iret), so a benchmark can time the bare
 * crossing; the other gate still works, and shuts it with
 * bench_gate(BENCH_GATE_OFF).  BENCH_PORT is the port every port_in figure
 * reads: the POST-code port, which QEMU emulates as a dummy device; reading
 * it does nothing.
 */
#define BENCH_GATE_OFF      0
#define BENCH_GATE_SYSENTER 1
#define BENCH_GATE_INT80    2
#define BENCH_PORT          0x80
#define BENCH_PORT_IN_MAX   65536   /* bench_port_in: most `in`s per call */

#define TIMER_HZ 100

#endif
