/*
 * irqroute.c - steering an interrupt line to a chosen CPU (irq_route,
 * docs/smp.md "Interrupt routing"): the RTC's periodic interrupt on IRQ 8
 * taken by usertests pinned to CPU 1, counted where it arrives
 * (cpu_info's irqs).  Nothing else is routed to CPU 1, so its count grows
 * only by the line under test.
 */
#include "user/usertests/ipctests.h"

#define BURST 8     /* interrupts taken per burst */

long bind_line8(void)
{
	long r = sys_ntf_create(S_NTF);
	if (!r)
		r = sys_cap_mint(S_IRQ, S_A, LINE8, 0);
	if (!r)
		r = sys_irq_bind(S_A, S_NTF);
	return r;
}

unsigned periodic_on(void)
{
	cmos_read(0x0C);
	unsigned b = cmos_read(0x0B);
	cmos_write(0x0B, b | 0x40);
	return b;
}

/* Each CPU's device-interrupt count, for up to four CPUs. */
static int irq_counts(unsigned *counts, int n)
{
	struct cpuinfo ci;
	for (int cpu = 0; cpu < n && cpu < 4; cpu++) {
		if (sys_cpu_info(cpu, &ci) < 0)
			return -1;
		counts[cpu] = ci.irqs;
	}
	return 0;
}

/*
 * With the RTC's interrupt off: takes whatever interrupt is still on its
 * way (one kept while the line was masked comes again at irq_ack) until
 * none comes, so the next burst's counts and bits are its own.
 */
static int rtc_quiet(unsigned irq_slot)
{
	for (int i = 0; i < 4; i++) {
		sys_sleep(2);
		if (!polled(S_NTF))
			return 0;
		if (sys_irq_ack(irq_slot))
			return -1;
	}
	return -1;
}

/*
 * BURST periodic RTC interrupts on the line bound with irq_slot, each
 * waited for, serviced and acknowledged; got[cpu]: how many each CPU took
 * meanwhile.  -1 if one never came.
 */
static int rtc_burst(unsigned irq_slot, int ncpus, unsigned *got)
{
	unsigned before[4], after[4];
	int r = 0;
	if (irq_counts(before, ncpus))
		return -1;
	unsigned b = periodic_on();
	for (int i = 0; i < BURST && !r; i++) {
		if (poll_bits(S_NTF) != LINE8)
			r = -1;
		cmos_read(0x0C);
		if (sys_irq_ack(irq_slot))
			r = -1;
	}
	cmos_write(0x0B, b & ~0x40u);
	cmos_read(0x0C);
	if (rtc_quiet(irq_slot) || irq_counts(after, ncpus))
		return -1;
	for (int cpu = 0; cpu < ncpus && cpu < 4; cpu++)
		got[cpu] = after[cpu] - before[cpu];
	return r;
}

/*
 * An interrupt that comes while its line is masked (the driver has not
 * acknowledged the last one yet) is delivered at irq_ack, as an 8259
 * keeps it in IRR: the IOAPIC drops an edge at a masked pin, so the
 * kernel masks edge-triggered lines lazily (docs/smp.md, "Masking").  The
 * RTC's periodic interrupt is off before the ack: only the kept edge can
 * signal afterwards.
 */
int t_irq_kept_while_masked(void)
{
	ipc_fresh();
	CHECK_EQ(bind_line8(), 0);
	unsigned b = periodic_on();
	unsigned first = poll_bits(S_NTF);          /* the line is masked from here */
	cmos_read(0x0C);                            /* serviced: the next period raises it again */
	sys_sleep(3);
	cmos_write(0x0B, b & ~0x40u);               /* no interrupt after this one */
	unsigned while_masked = polled(S_NTF);
	long acked = sys_irq_ack(S_A);
	unsigned kept = poll_bits(S_NTF);
	cmos_read(0x0C);
	CHECK_EQ(first, LINE8);
	CHECK_EQ(while_masked, 0);
	CHECK_EQ(acked, 0);
	CHECK_EQ(kept, LINE8);
	CHECK_EQ(sys_cap_delete(S_A), 0);
	return 0;
}

/* ipcpeer irqroute with a copy of the Irq cap in irq_slot: its irq_route's result. */
static int irqroute_peer(unsigned irq_slot)
{
	int tid = peer_start("irqroute", irq_slot, 0, GIVE_COPY);
	return tid < 0 ? tid : peer_exit(tid);
}

/* Every refusal, on any number of CPUs; CPU 0 and -1 are always accepted once bound. */
int t_irq_route_errors(void)
{
	struct cpuinfo ci;
	int n = (int)sys_cpu_info(-1, &ci);
	CHECK(n >= 1);
	ipc_fresh();
	CHECK_EQ(sys_ntf_create(S_NTF), 0);
	CHECK_EQ(sys_ep_create(S_EP), 0);
	CHECK_EQ(sys_cap_mint(S_IRQ, S_A, LINE8, 0), 0);
	CHECK_EQ(sys_irq_route(S_A, 0), -E_STATE);            /* not bound yet */
	CHECK_EQ(sys_irq_bind(S_A, S_NTF), 0);
	CHECK_EQ(sys_irq_route(S_IRQ, 0), -E_INVAL);          /* several lines */
	CHECK_EQ(sys_irq_route(S_EP, 0), -E_TYPE);
	CHECK_EQ(sys_irq_route(S_NTF, 0), -E_TYPE);
	CHECK_EQ(sys_irq_route(S_D, 0), -E_EMPTY);
	CHECK_EQ(sys_irq_route(32, 0), -E_BADSLOT);
	CHECK_EQ(sys_irq_route(S_A, n), -E_INVAL);            /* not online */
	CHECK_EQ(sys_irq_route(S_A, 8), -E_INVAL);
	CHECK_EQ(sys_irq_route(S_A, -2), -E_INVAL);
	CHECK_EQ(sys_irq_route(S_A, 0), 0);
	CHECK_EQ(sys_irq_route(S_A, -1), 0);
	/* Another cap to the line steers it too, in the binder's hands (as irq_ack acknowledges it). */
	CHECK_EQ(sys_cap_mint(S_IRQ, S_B, LINE8, 0), 0);
	CHECK_EQ(sys_irq_route(S_B, 0), 0);
	CHECK_EQ(irqroute_peer(S_B), PEER_ERR + E_STATE);      /* not the binder */
	CHECK_EQ(sys_cap_delete(S_A), 0);
	CHECK_EQ(sys_irq_route(S_B, 0), -E_STATE);            /* the binding ended */
	CHECK_EQ(sys_cap_delete(S_B), 0);
	return 0;
}

/*
 * Pinned to CPU 1 with IRQ 8 routed there, usertests still gets every
 * interrupt and CPU 1 takes them; routed back (-1), CPU 0 does; and a
 * route ends with its binding.
 */
static int routed_bursts(int n)
{
	unsigned got[4];
	CHECK_EQ(bind_line8(), 0);
	CHECK_EQ(sys_task_affinity(0, 1), 0);
	long routed = sys_irq_route(S_A, 1);
	if (routed == -E_RANGE)
		return ut_skip("the 8259s deliver (noioapic): CPU 0 only");
	CHECK_EQ(routed, 0);
	int r = rtc_burst(S_A, n, got);
	if (!r)
		printf("# routed to cpu1: cpu0 took %u, cpu1 %u of %u\n", got[0], got[1], BURST);
	CHECK_EQ(r, 0);
	CHECK(got[1] >= BURST);
	CHECK_EQ(sys_irq_route(S_A, -1), 0);
	CHECK_EQ(rtc_burst(S_A, n, got), 0);
	CHECK(got[0] >= BURST);
	CHECK_EQ(got[1], 0);
	/* A new binding starts on CPU 0, whatever the last one chose. */
	CHECK_EQ(sys_irq_route(S_A, 1), 0);
	CHECK_EQ(sys_cap_delete(S_A), 0);
	CHECK_EQ(sys_cap_mint(S_IRQ, S_A, LINE8, 0), 0);
	CHECK_EQ(sys_irq_bind(S_A, S_NTF), 0);
	CHECK_EQ(rtc_burst(S_A, n, got), 0);
	CHECK(got[0] >= BURST);
	CHECK_EQ(got[1], 0);
	return 0;
}

int t_irq_route_to_cpu1(void)
{
	struct cpuinfo ci;
	int n = (int)sys_cpu_info(-1, &ci);
	CHECK(n >= 1);
	if (n < 2)
		return ut_skip("1 CPU");
	ipc_fresh();
	int r = routed_bursts(n);
	/* Unpinned and unbound whatever failed, so the tests after run as before. */
	CHECK_EQ(sys_task_affinity(0, -1), 0);
	ipc_fresh();
	return r;
}
