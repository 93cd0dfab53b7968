/*
 * segreturn.c - the segment registers a task gets back from a system call
 * that the idle loop resumed.  A sysenter call's way out (sysexit) does
 * not reload %ds or %es (arch/i386/entry.S): the task gets what the
 * kernel ran on, which is the flat user data selector only if every kernel
 * context, the idle loop's included, runs on it.  Until 5e75498 the idle
 * loop kept the kernel's selector from boot; a task it switched to left by
 * sysexit with it, the next iret to ring 3 nulled it (a ring-3 %ds may not
 * hold a ring-0 segment), and the task took a #GP at its next memory
 * access (a supervised server stopped; smp_ipc_across_cpus hung in Bochs).
 */
#include "arch/i386/mmu.h"
#include "user/lib/i386/uarch.h"
#include "user/usertests/ipctests.h"

#define WAKES 16     /* blocking waits, each ended by one RTC interrupt */

/* Whether s is what a task starts with (arch/i386/machine.c builds its first frame so). */
static int flat(struct u_segs s)
{
	return s.ds == SEL_UDATA && s.es == SEL_UDATA && s.fs == SEL_UDATA && s.gs == SEL_UDATA;
}

/*
 * WAKES times: ntf_wait (a sysenter call that blocks) until the RTC's
 * periodic interrupt, then the segment registers at once.  usertests is
 * pinned to the CPU IRQ 8 is routed to and nothing else runs there
 * meanwhile, so that CPU idles; the interrupt comes inside the idle loop,
 * which it does not reschedule (no tick asked for it), so the idle loop's
 * own schedule() switches to usertests.  Returns how many wake-ups gave
 * back anything else (*bad: the first such), or -1.
 */
static int wait_and_look(struct u_segs *bad)
{
	int nbad = 0;
	if (poll_bits(S_NTF) != LINE8)         /* the line works: the waits below cannot hang */
		return -1;
	for (int i = 0; i < WAKES; i++) {
		cmos_read(0x0C);                 /* serviced: the next period raises it again */
		if (sys_irq_ack(S_A))
			return -1;
		long r = sys_ntf_wait(S_NTF);
		struct u_segs s = u_segs_take();
		if (r)
			return -1;
		if (!flat(s) && nbad++ == 0)
			*bad = s;
	}
	return nbad;
}

/*
 * The last CPU, the one that ran least before: the old idle loop kept the
 * kernel's selector only until its own schedule() first switched to a task
 * (the next context it resumed ran on the flat one), so boot had already
 * mended CPU 0's, while an AP's lasted until an interrupt like this one.
 * First, before the tests that might have given it the chance.
 */
static int idle_cpu(void)
{
	struct cpuinfo ci;
	int n = (int)sys_cpu_info(-1, &ci);
	return n > 1 ? n - 1 : 0;
}

int t_segments_after_idle_wakeup(void)
{
	struct u_segs start = u_segs_take(), bad = { 0, 0, 0, 0 };
	int cpu = idle_cpu();
	CHECK(flat(start));
	ipc_fresh();
	CHECK_EQ(bind_line8(), 0);
	long routed = sys_irq_route(S_A, cpu);
	if (routed == -E_RANGE)                  /* the 8259s deliver (noioapic): to CPU 0 only */
		cpu = 0;
	long pinned = sys_task_affinity(0, cpu);
	unsigned b = periodic_on();
	int nbad = (routed == 0 || routed == -E_RANGE) && pinned == 0 ? wait_and_look(&bad) : -1;
	cmos_write(0x0B, b & ~0x40u);
	cmos_read(0x0C);
	long unpinned = sys_task_affinity(0, -1);
	long deleted = sys_cap_delete(S_A);       /* its route ends with its binding */
	if (nbad > 0)
		printf("# cpu %d: %d of %d wake-ups came back with ds %x es %x fs %x gs %x (the first)\n",
		       cpu, nbad, WAKES, bad.ds, bad.es, bad.fs, bad.gs);
	CHECK(routed == 0 || routed == -E_RANGE);
	CHECK_EQ(pinned, 0);
	CHECK_EQ(nbad, 0);
	CHECK_EQ(unpinned, 0);
	CHECK_EQ(deleted, 0);
	return 0;
}
