/*
 * smpio.c - port and IOPL revocation across CPUs (issue 14, docs/smp.md
 * R1-R6), attacked: a holder pinned to CPU 1 uses its port (or cli with
 * IOPL 3) in a tight loop, counting each use in a page it shares with us
 * (user/progs/smpprobe.c), while usertests, pinned to CPU 0, takes the cap
 * away.  Right after the call returns we read the count: the holder may
 * finish (and count) at most the one use it had started, and its next use
 * traps to us, its supervisor.  A kernel that leaves the bitmap or IOPL
 * live on CPU 1 until its next switch fails with uses counted after the
 * revoke, or no trap at all.  Many rounds on one holder: each round gives
 * a fresh cap and resumes the trapped access (skipped, docs/supervision.md).
 */
#include "user/usertests/smptests.h"

#define SLOT_ALL    0     /* usertests' IoPorts(all) */
#define SLOT_IOPL   1     /* and its Iopl cap */
#define PORT_ROUNDS 50
#define MID_ROUNDS  20
#define IOPL_ROUNDS 30

enum how { BY_REVOKE, BY_DELETE_MID, BY_MOVE_MID };

struct tally {
	unsigned late;        /* rounds with a use counted after the call returned */
	unsigned on_cpu1;     /* rounds where the holder ran on CPU 1 just before it */
};

static unsigned io_requests(unsigned cpu)
{
	struct cpuinfo ci;
	return sys_cpu_info((int)cpu, &ci) > 0 ? ci.io_requests : 0;
}

/* After the revoking call returned (c0 counted then): tid traps on its next use, none came before. */
static int trapped(int tid, volatile unsigned *c, unsigned c0, unsigned io_op, unsigned round,
		   struct tally *t)
{
	struct supmsg m;
	if (smp_event(tid, &m)) {
		printf("# round %u: no trap; %u uses after the revoke returned\n", round, c[0] - c0);
		return 1;
	}
	unsigned c1 = c[0];
	CHECK_EQ(m.kind, SUP_FAULT);
	CHECK_EQ(m.vector, 13);
	CHECK_EQ(m.io_op, io_op);
	if (io_op == IOOP_IN)
		CHECK_EQ(m.port, SMP_PORT);
	if (c1 > c0 + 1) {
		printf("# round %u: %u uses after the revoke returned\n", round, c1 - c0 - 1);
		t->late++;
	}
	return 0;
}

/* A fresh IoPorts(SMP_PORT) from SMP_MID in the holder's slot 0. */
static long give_port(int tid)
{
	long r = cap_derive(SMP_MID, SMP_GIVE, SMP_PORT, 1, IOR_ALL);
	return r ? r : sys_cap_transfer(SMP_GIVE, tid, 0);
}

/*
 * One round: the holder gets the port and uses it; then it loses it by
 * how: SMP_MID revoked; or SMP_MID deleted (the holder's cap outlives it,
 * still usable) and SMP_ABOVE revoked; or SMP_MID moved into the holder's
 * own slot 1 and SMP_ABOVE revoked.  Revoking from above must reach the
 * holder's cap whatever happened to the cap between.
 */
static int port_round(int tid, volatile unsigned *c, enum how how, unsigned i, struct tally *t)
{
	unsigned victim = how == BY_REVOKE ? SMP_MID : SMP_ABOVE;
	if (how != BY_REVOKE)
		CHECK_EQ(cap_derive(SMP_ABOVE, SMP_MID, SMP_PORT - 1, 8, IOR_ALL), 0);
	CHECK_EQ(give_port(tid), 0);
	CHECK_EQ(i == 0 ? sys_resume(tid) : sys_fault_reply(tid, FA_RESUME | FA_QUIET), 0);
	CHECK_EQ(smp_progress(tid, c, 2), 0);
	if (how == BY_DELETE_MID)
		CHECK_EQ(sys_cap_delete(SMP_MID), 0);
	if (how == BY_MOVE_MID)
		CHECK_EQ(sys_cap_transfer(SMP_MID, tid, 1), 0);
	if (how != BY_REVOKE)
		CHECK_EQ(smp_progress(tid, c, 2), 0);       /* still its port */
	t->on_cpu1 += smp_on_cpu(tid, 1);
	CHECK_EQ(sys_cap_revoke(victim), 0);
	unsigned c0 = c[0];
	return trapped(tid, c, c0, IOOP_IN, i, t);
}

static int port_rounds(enum how how, unsigned rounds)
{
	struct tally t = { 0, 0 };
	char args[48];
	volatile unsigned *c = smp_counter();
	fmt_snprintf(args, sizeof(args), "ports %x %x", SMP_PORT, SMP_KID_C);
	int tid = smp_child("smpprobe", args, 1);
	CHECK(tid > 0);
	CHECK_EQ(cap_derive(SLOT_ALL, SMP_ABOVE, SMP_PORT - 1, 8, IOR_ALL), 0);
	if (how == BY_REVOKE)
		CHECK_EQ(cap_derive(SMP_ABOVE, SMP_MID, SMP_PORT - 1, 8, IOR_ALL), 0);
	unsigned served = io_requests(1);
	for (unsigned i = 0; i < rounds; i++)
		if (port_round(tid, c, how, i, &t)) {
			printf("# round %u failed\n", i);
			return 1;
		}
	served = io_requests(1) - served;
	CHECK_EQ(smp_end(tid), 0);
	printf("# %u rounds: the holder ran on CPU 1 before %u of them; CPU 1 served %u I/O "
	       "reloads; %u rounds with late uses\n", rounds, t.on_cpu1, served, t.late);
	CHECK_EQ(t.late, 0);
	CHECK(t.on_cpu1 > 0);
	CHECK(served > 0);
	return 0;
}

static int io_revoke(void)     { return port_rounds(BY_REVOKE, PORT_ROUNDS); }
static int io_delete_mid(void) { return port_rounds(BY_DELETE_MID, MID_ROUNDS); }
static int io_move_mid(void)   { return port_rounds(BY_MOVE_MID, MID_ROUNDS); }

int t_smp_io_revoke_across_cpus(void)     { return smp_run(io_revoke); }
int t_smp_io_delete_mid_then_revoke(void) { return smp_run(io_delete_mid); }
int t_smp_io_move_mid_then_revoke(void)   { return smp_run(io_move_mid); }

/* Waits until the word is not 0; its value, or 0 after five seconds. */
static unsigned awaited(volatile unsigned *w)
{
	unsigned until = (unsigned)sys_uptime() + 5 * TIMER_HZ;
	while (!*w && (unsigned)sys_uptime() <= until)
		sys_yield();
	return *w;
}

/*
 * The holder itself drops its port (delete, or move) while on CPU 1,
 * having used it on CPU 0 first: back on CPU 0, whose TSS still holds its
 * bitmap from then, its next access must trap.  Moving between CPUs with
 * the port, it never traps (a grant reloads lazily on each).
 */
static int lose_after_move(const char *how)
{
	struct supmsg m;
	char args[48];
	volatile unsigned *c = smp_counter();
	CHECK_EQ(sys_task_affinity(0, -1), 0);       /* the holder takes CPU 0, then CPU 1 */
	fmt_snprintf(args, sizeof(args), "lose %x %x %s", SMP_PORT, SMP_KID_C, how);
	int tid = smp_child("smpprobe", args, 0);
	CHECK(tid > 0);
	CHECK_EQ(cap_derive(SLOT_ALL, SMP_GIVE, SMP_PORT, 1, IOR_ALL), 0);
	CHECK_EQ(sys_cap_transfer(SMP_GIVE, tid, 0), 0);
	CHECK_EQ(sys_resume(tid), 0);
	CHECK_EQ(smp_wait_on_cpu(tid, 0), 0);
	CHECK_EQ(smp_progress(tid, c, 100), 0);
	CHECK_EQ(sys_task_affinity(tid, 1), 0);
	CHECK_EQ(smp_wait_on_cpu(tid, 1), 0);
	CHECK_EQ(smp_progress(tid, c, 100), 0);
	c[1] = 1;
	CHECK_EQ(awaited(&c[2]), 1);                 /* the cap left, on CPU 1 */
	CHECK_EQ(sys_task_affinity(tid, 0), 0);
	CHECK_EQ(smp_wait_on_cpu(tid, 0), 0);
	c[1] = 2;
	CHECK_EQ(smp_event(tid, &m), 0);
	CHECK_EQ(m.kind, SUP_FAULT);
	CHECK_EQ(m.io_op, IOOP_IN);
	CHECK_EQ(m.port, SMP_PORT);
	CHECK_EQ(sys_fault_reply(tid, FA_RESUME | FA_QUIET), 0);
	CHECK_EQ(peer_exit(tid), 0);
	return 0;
}

static int lose_both(void)
{
	return lose_after_move("delete") || lose_after_move("move");
}

int t_smp_io_lose_after_moving_cpus(void) { return smp_run(lose_both); }

/*
 * IOPL lives in CPU 1's EFLAGS while the holder runs there: only an IPI
 * can clear it, before the revoke returns.  Each round gives a fresh copy
 * of SMP_MID (our copy of the Iopl cap) and tells the holder to raise IOPL
 * again (C[3]); the revoke of SMP_MID takes it; the next cli traps.
 */
static int iopl_revoke(void)
{
	struct tally t = { 0, 0 };
	char args[32];
	volatile unsigned *c = smp_counter();
	fmt_snprintf(args, sizeof(args), "iopl %x", SMP_KID_C);
	int tid = smp_child("smpprobe", args, 1);
	CHECK(tid > 0);
	CHECK_EQ(sys_cap_copy(SLOT_IOPL, SMP_MID), 0);
	unsigned served = io_requests(1);
	for (unsigned i = 0; i < IOPL_ROUNDS; i++) {
		CHECK_EQ(sys_cap_copy(SMP_MID, SMP_GIVE), 0);
		CHECK_EQ(sys_cap_transfer(SMP_GIVE, tid, 0), 0);
		c[3] = i + 1;
		CHECK_EQ(i == 0 ? sys_resume(tid) : sys_fault_reply(tid, FA_RESUME | FA_QUIET), 0);
		CHECK_EQ(smp_progress(tid, c, 2), 0);
		t.on_cpu1 += smp_on_cpu(tid, 1);
		CHECK_EQ(sys_cap_revoke(SMP_MID), 0);
		unsigned c0 = c[0];
		CHECK_EQ(trapped(tid, c, c0, IOOP_CLI, i, &t), 0);
	}
	served = io_requests(1) - served;
	CHECK_EQ(smp_end(tid), 0);
	printf("# %u rounds: the holder ran on CPU 1 before %u of them; CPU 1 served %u I/O "
	       "reloads; %u rounds with late uses; iopl refused %u times\n", IOPL_ROUNDS, t.on_cpu1,
	       served, t.late, c[2]);
	CHECK_EQ(c[2], 0);
	CHECK_EQ(t.late, 0);
	CHECK(t.on_cpu1 > 0);
	CHECK(served > 0);
	return 0;
}

int t_smp_iopl_revoke_across_cpus(void) { return smp_run(iopl_revoke); }
