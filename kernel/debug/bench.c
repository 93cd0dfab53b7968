/*
 * bench.c - system calls that exist for the benchmarks (docs/bench.md) and
 * nothing else.  Each answers only a kernel booted with the word `bench`
 * on its command line (init's bench mode); any other boot gets E_PERM, so
 * no driver can come to rely on them.
 *
 *   bench_gate(which)          one gate returns at once: raw_sysenter, raw_int80
 *   bench_port_in(count, in)   count x `in` BENCH_PORT in ring 0: port_in_ring0
 *   io_in(slot, port, width)   port_in_ring3_syscall
 *   bench_ipi(targets)         one IPI round trip to other CPUs: ipi_*
 */
#include "arch/i386/arch.h"
#include "kernel/debug/bench.h"
#include "kernel/object/cap.h"
#include "kernel/proc/sched.h"
#include "kernel/object/decode.h"
#include "kernel/object/kports.h"
#include "kernel/proc/task.h"
#include "kernel/smp/ipi.h"

int bench_boot;
static struct task *gate_owner;   /* who opened a raw gate; 0 = both gates real */

/*
 * bench_gate(BENCH_GATE_SYSENTER | BENCH_GATE_INT80 | BENCH_GATE_OFF): that
 * gate of this CPU goes straight back to ring 3 (sysexit or iret) without
 * entering the kernel; the other gate stays real, and is the way to call
 * bench_gate(BENCH_GATE_OFF).  Meanwhile that gate does nothing for anyone:
 * one task may hold it open (E_STATE for others), and it shuts when that
 * task ends.
 */
SYSCALL(bench_gate)
{
	if (!bench_boot)
		return user_error(E_PERM);
	if (a->which != BENCH_GATE_OFF && a->which != BENCH_GATE_SYSENTER &&
	    a->which != BENCH_GATE_INT80)
		return user_error(E_INVAL);
	if (gate_owner && gate_owner != current())
		return user_error(E_STATE);
	gate_owner = a->which == BENCH_GATE_OFF ? 0 : current();
	arch_bench_gate(a->which);
	return 0;
}

void bench_task_exit(struct task *t)
{
	if (t != gate_owner)
		return;
	gate_owner = 0;
	arch_bench_gate(BENCH_GATE_OFF);
}

/*
 * bench_port_in(count, with_in): runs `in` on BENCH_PORT count times in
 * ring 0 (with_in 1) or the same loop without it (0), and returns the TSC
 * delta, at most LONG_MAX.
 */
SYSCALL(bench_port_in)
{
	if (!bench_boot)
		return user_error(E_PERM);
	if (a->count < 1 || a->count > BENCH_PORT_IN_MAX)
		return user_error(E_RANGE);
	if (a->with_in > 1)
		return user_error(E_INVAL);
	uint32_t t = arch_bench_in_loop(a->count, (int)a->with_in);
	return t > 0x7FFFFFFFu ? 0x7FFFFFFF : (long)t;
}

/*
 * io_in(slot, port, width): one `in` done by the kernel for a task that
 * holds an IoPorts cap covering the port with the read right: the
 * seL4/MINIX way of giving drivers ports.  Built only for comparison
 * (port_in_ring3_syscall); Portcullis drivers use `in` themselves, through
 * the TSS bitmap.  Widths 1 and 2 only: a 32-bit value could not be told
 * from an error in eax.
 */
SYSCALL(io_in)
{
	struct cap *c;
	if (!bench_boot)
		return user_error(E_PERM);
	long r = cap_decode(a->slot, CAP_IOPORTS, 0, &c);
	if (r)
		return r;
	if (a->width != 1 && a->width != 2)
		return user_error(E_INVAL);
	if (a->port >= IOPORTS_SPACE)
		return user_error(E_RANGE);
	if (!(c->io.rights & IOR_READ) || !ioports_covers(&c->io, a->port, a->width))
		return user_error(E_PERM);
	if (kports_touch_access(a->port, a->width))
		return user_refuse(E_PERM, "a kernel-owned port");
	return (long)arch_port_in((uint16_t)a->port, a->width);
}

/*
 * bench_ipi(targets): every CPU in targets (a mask of online CPUs, not the
 * caller's) gets the service IPI and acks it, as in a shootdown: it is
 * one, of no page in no space (kernel/smp/ipi.c, docs/smp.md S5-S6), so
 * the figure is the protocol's own floor and the counters call it a
 * shootdown.  Returns the TSC delta from the first request to the last
 * ack, at most LONG_MAX.
 */
SYSCALL(bench_ipi)
{
	if (!bench_boot)
		return user_error(E_PERM);
	uint32_t online = (uint32_t)((1ull << ncpus_online) - 1);
	if (!a->targets || (a->targets & ~online))
		return user_error(E_RANGE);
	if (a->targets & (1u << this_cpu()->id))
		return user_error(E_INVAL);
	uint32_t t = arch_bench_tsc();
	smp_tlb_shootdown(a->targets, 0, 0, 0);
	t = arch_bench_tsc() - t;
	return t > 0x7FFFFFFFu ? 0x7FFFFFFF : (long)t;
}
