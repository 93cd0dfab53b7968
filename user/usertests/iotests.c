/*
 * iotests.c - I/O capability properties, checked from ring 3: usertests
 * grants ports to an ioprobe child, supervises it, and records every trap
 * the child takes (port and width come from the kernel's fault message).
 * usertests holds IoPorts(all) in slot 0 and Iopl in slot 1 (from init).
 */
#include "user/usertests/iotests.h"

#define SLOT_ALL  0
#define SLOT_IOPL 1
#define FREE_SLOT (ROOT_SLOT_PCICFG + 1)   /* usertests' scratch slots start here */

/* ---- helpers ---- */

/* Spawns ioprobe suspended and gives it derived copies of ranges[]. */
int start_probe(const char *args, const struct ioports *ranges, int n)
{
	int tid = spawn_granted("ioprobe", args, SLOT_ALL, FREE_SLOT, ranges, n);
	if (tid < 0)
		printf("# starting ioprobe %s: %s\n", args, strerror(tid));
	return tid;
}

/* Supervises tid, already running, until it exits; each fault goes to on_fault for an answer. */
static int supervise_running(int tid, fault_fn on_fault, void *ctx, struct exitinfo *e)
{
	struct supmsg m;
	while (sys_supervise(&m, 0) == 0) {
		if (m.kind == SUP_EXIT && m.tid == tid)
			return sys_wait(tid, e) == tid ? 0 : -1;
		if (m.kind == SUP_FAULT)
			sys_fault_reply(m.tid, on_fault(&m, ctx));
	}
	return -1;
}

/* Resumes tid (spawned suspended) and supervises it until it exits. */
int supervise_until_exit(int tid, fault_fn on_fault, void *ctx, struct exitinfo *e)
{
	if (sys_resume(tid))
		return -1;
	return supervise_running(tid, on_fault, ctx, e);
}

/* ---- exhaustive sweep ---- */

static uint8_t trapped[3][IOPORTS_SPACE / 8];
static unsigned trap_count, bad_messages;

static int width_index(unsigned w)
{
	return w == 1 ? 0 : w == 2 ? 1 : w == 4 ? 2 : -1;
}

void sweep_reset(void)
{
	memset(trapped, 0, sizeof(trapped));
	trap_count = bad_messages = 0;
}

int sweep_trapped(unsigned port, unsigned width)
{
	return (trapped[width_index(width)][port / 8] >> (port % 8)) & 1;
}

unsigned sweep_traps(void)
{
	return trap_count;
}

unsigned sweep_bad_messages(void)
{
	return bad_messages;
}

unsigned record_sweep_trap(const struct supmsg *m, void *ctx)
{
	(void)ctx;
	int wi = width_index(m->width);
	if (m->io_op != IOOP_IN || wi < 0 || m->port > 0xFFFF) {
		bad_messages++;
		return FA_KILL;
	}
	trapped[wi][m->port / 8] |= (uint8_t)(1u << (m->port % 8));
	trap_count++;
	return FA_RESUME | FA_QUIET;
}

/* Edges on odd ports, adjacent caps, a single port, and the top of the space. */
static const struct ioports sweep_grants[] = {
	{ 0x0101, 6, IOR_ALL },    /* 0x101-0x106 */
	{ 0x02F9, 6, IOR_ALL },    /* 0x2f9-0x2fe */
	{ 0x0500, 8, IOR_ALL },    /* 0x500-0x507 */
	{ 0x0508, 4, IOR_ALL },    /* 0x508-0x50b: adjacent, a word may span both */
	{ 0x1234, 0x34, IOR_ALL }, /* 0x1234-0x1267 */
	{ 0x8001, 1, IOR_ALL },    /* a single odd port */
	{ 0xFFF9, 7, IOR_ALL },    /* 0xfff9-0xffff */
};

int t_io_exhaustive_sweep(void)
{
	struct exitinfo e;
	int n = (int)ARRAY_SIZE(sweep_grants);
	unsigned checked = 0, disagree = 0, allowed = 0;
	sweep_reset();
	int tid = start_probe("sweep", sweep_grants, n);
	CHECK(tid > 0);
	CHECK_EQ(supervise_until_exit(tid, record_sweep_trap, 0, &e), 0);
	CHECK_EQ(e.code, 0);
	CHECK_EQ(bad_messages, 0);
	for (unsigned w = 1; w <= 4; w *= 2) {
		for (unsigned p = 0; p < IOPORTS_SPACE; p++) {
			int was_trapped = sweep_trapped(p, w);
			int model = ioports_set_allows(sweep_grants, n, p, w);
			checked++;
			allowed += model;
			if (was_trapped == model) {
				if (disagree < 5)
					printf("# port 0x%04x width %u: %s, the model says %s\n", p, w,
					       was_trapped ? "trapped" : "allowed", model ? "allow" : "deny");
				disagree++;
			}
		}
	}
	printf("# sweep: %u port x width checks, %u allowed, %u trapped, %u disagreements\n",
	       checked, allowed, trap_count, disagree);
	CHECK_EQ(checked, 3 * IOPORTS_SPACE);
	CHECK_EQ(trap_count, checked - allowed);
	CHECK_EQ(disagree, 0);
	return 0;
}

/* ---- revocation ---- */

struct script {
	char events[8];
	int n;
	unsigned port;
	int tid;
};

#define MID_SLOT  10     /* usertests' intermediate cap: revoking it revokes the child's */
#define GIVE_SLOT 11

static long grant_via_mid(int tid, unsigned port)
{
	long r = cap_derive(MID_SLOT, GIVE_SLOT, port, 1, IOR_ALL);
	return r ? r : sys_cap_transfer(GIVE_SLOT, tid, 0);
}

static unsigned revoke_script_fault(const struct supmsg *m, void *ctx)
{
	struct script *s = ctx;
	if (s->n >= (int)sizeof(s->events) - 1)
		return FA_KILL;
	if (m->vector == 3) {
		s->events[s->n++] = 'B';
		/* First breakpoint: revoke.  Second: grant again. */
		if (s->n == 1)
			sys_cap_revoke(MID_SLOT);
		else
			grant_via_mid(s->tid, s->port);
		return FA_RESUME;
	}
	s->events[s->n++] = m->io_op == IOOP_IN && m->port == s->port ? 'T' : '?';
	return FA_RESUME;
}

int t_io_revoke_takes_effect(void)
{
	struct script s = { .port = 0x2F9 };
	struct exitinfo e;
	CHECK_EQ(cap_derive(SLOT_ALL, MID_SLOT, 0x2F8, 8, IOR_ALL), 0);
	s.tid = spawn_flags("ioprobe", "script 2f9", SPAWN_SUSPENDED);
	CHECK(s.tid > 0);
	CHECK_EQ(grant_via_mid(s.tid, s.port), 0);
	CHECK_EQ(supervise_until_exit(s.tid, revoke_script_fault, &s, &e), 0);
	sys_cap_delete(MID_SLOT);
	s.events[s.n] = '\0';
	printf("# events: %s (B = breakpoint, T = trapped in)\n", s.events);
	/* in ok; B (revoke); in traps; B (grant again); in ok */
	CHECK(streq(s.events, "BTB"));
	CHECK_EQ(e.code, 0);
	return 0;
}

static unsigned count_fault(const struct supmsg *m, void *ctx)
{
	unsigned *n = ctx;
	(*n)++;
	return m->io_op != IOOP_NONE ? FA_RESUME : FA_KILL;
}

int t_io_delete_takes_effect(void)
{
	static const struct ioports one = { 0x2FA, 1, IOR_ALL };
	unsigned faults = 0;
	struct exitinfo e;
	int tid = start_probe("delete 2fa", &one, 1);
	CHECK(tid > 0);
	CHECK_EQ(supervise_until_exit(tid, count_fault, &faults, &e), 0);
	CHECK_EQ(e.code, 0);
	CHECK_EQ(faults, 1);     /* only the access after the delete */
	return 0;
}

/*
 * A revoke keeps what the holder's other caps open: three grants far apart
 * (their bitmap spans more words than the switch lists by extent), one
 * deleted; only its port traps afterwards.  The bitmap is closed without a
 * rebuild then (iobitmap_close), and the view's word list must still come
 * from the caps left.
 */
static unsigned keep_fault(const struct supmsg *m, void *ctx)
{
	unsigned *bad = ctx;
	if (m->io_op == IOOP_IN && m->port == 0x2FA)
		bad[0]++;
	else
		bad[1]++;
	return m->io_op != IOOP_NONE ? FA_RESUME : FA_KILL;
}

int t_io_revoke_keeps_the_other_ports(void)
{
	static const struct ioports three[] = { { 0x2FA, 1, IOR_ALL }, { 0x100, 1, IOR_ALL },
						{ 0x3E8, 1, IOR_ALL } };
	unsigned faults[2] = { 0, 0 };
	struct exitinfo e;
	int tid = start_probe("keep 2fa 100 3e8", three, 3);
	CHECK(tid > 0);
	CHECK_EQ(supervise_until_exit(tid, keep_fault, faults, &e), 0);
	CHECK_EQ(e.code, 0);
	CHECK_EQ(faults[0], 1);     /* the deleted cap's port, after the delete */
	CHECK_EQ(faults[1], 0);     /* nothing else: the other two stay open */
	return 0;
}

/* ---- a wide grant switched out for a narrow one, then for none ---- */

struct leak_ctx {
	int wide, narrow, none;
	unsigned wide_faults, narrow_own, narrow_other, none_faults, other;
};

static unsigned leak_fault(const struct supmsg *m, void *ctx)
{
	struct leak_ctx *c = ctx;
	if (m->tid == c->wide)
		c->wide_faults++;
	else if (m->tid == c->narrow && m->port >= 0x2F8 && m->port <= 0x2FF)
		c->narrow_own++;
	else if (m->tid == c->narrow)
		c->narrow_other++;
	else if (m->tid == c->none)
		c->none_faults++;
	else
		c->other++;
	return m->io_op != IOOP_NONE ? FA_RESUME | FA_QUIET : FA_KILL;
}

int t_io_switch_does_not_leak(void)
{
	static const struct ioports wide = { 0x100, 0x200, IOR_ALL };    /* 0x100-0x2ff */
	static const struct ioports narrow = { 0x2F8, 8, IOR_ALL };
	struct leak_ctx c = { 0 };
	struct supmsg m;
	int rounds = 40, left = 3;
	/* The wide holder touches its ports and yields; the others try the same ports. */
	c.wide = start_probe("probe 28 100 180 1ff 2f8", &wide, 1);
	c.narrow = start_probe("probe 28 100 180 1ff 2f8", &narrow, 1);
	c.none = start_probe("probe 28 100 180 1ff 2f8", 0, 0);
	CHECK(c.wide > 0 && c.narrow > 0 && c.none > 0);
	CHECK_EQ(sys_resume(c.wide), 0);
	CHECK_EQ(sys_resume(c.narrow), 0);
	CHECK_EQ(sys_resume(c.none), 0);
	while (left && sys_supervise(&m, 0) == 0) {
		struct exitinfo e;
		if (m.kind == SUP_EXIT) {
			CHECK_EQ(sys_wait(m.tid, &e), m.tid);
			CHECK_EQ(e.code, 0);
			left--;
		} else {
			sys_fault_reply(m.tid, leak_fault(&m, &c));
		}
	}
	printf("# wide %u, narrow own %u, narrow other %u, none %u\n", c.wide_faults, c.narrow_own,
	       c.narrow_other, c.none_faults);
	CHECK_EQ(c.wide_faults, 0);
	CHECK_EQ(c.narrow_own, 0);
	CHECK_EQ(c.narrow_other, 3 * rounds);
	CHECK_EQ(c.none_faults, 4 * rounds);
	CHECK_EQ(c.other, 0);
	return 0;
}

/* ---- IOPL ---- */

int t_iopl_needs_the_cap(void)
{
	struct exitinfo e;
	unsigned faults = 0;
	int tid = start_probe("noiopl", 0, 0);
	CHECK(tid > 0);
	CHECK_EQ(supervise_until_exit(tid, count_fault, &faults, &e), 0);
	CHECK_EQ(e.code, 0);
	CHECK_EQ(faults, 0);
	CHECK_EQ(sys_iopl(SLOT_ALL, 1), -E_TYPE);
	CHECK_EQ(sys_iopl(SLOT_IOPL, 7), -E_INVAL);
	return 0;
}

struct iopl_ctx {
	int bps, cli_traps, other;
};

static unsigned iopl_fault(const struct supmsg *m, void *ctx)
{
	struct iopl_ctx *c = ctx;
	if (m->vector == 3) {
		c->bps++;
		sys_cap_revoke(SLOT_IOPL);     /* takes the child's copy away */
		return FA_RESUME;
	}
	if (m->io_op == IOOP_CLI) {
		c->cli_traps++;
		return FA_RESUME;
	}
	c->other++;
	return FA_KILL;
}

int t_iopl_cap_grants_and_revokes(void)
{
	struct iopl_ctx c = { 0 };
	struct exitinfo e;
	int tid = spawn_flags("ioprobe", "iopl 0", SPAWN_SUSPENDED);
	CHECK(tid > 0);
	CHECK_EQ(sys_cap_copy(SLOT_IOPL, FREE_SLOT), 0);
	CHECK_EQ(sys_cap_transfer(FREE_SLOT, tid, 0), 0);
	CHECK_EQ(supervise_until_exit(tid, iopl_fault, &c, &e), 0);
	printf("# breakpoints %d, cli traps %d, other %d, exit %d\n", c.bps, c.cli_traps, c.other,
	       e.code);
	CHECK_EQ(e.code, 0);
	CHECK_EQ(c.bps, 1);
	CHECK_EQ(c.cli_traps, 1);
	CHECK_EQ(c.other, 0);
	return 0;
}

/*
 * An Iopl holder may run with IF clear in ring 3 (cli), but every way back
 * from the kernel sets it again: system calls through both gates, and a
 * fault its supervisor resumes (here an int3).  ioprobe ifset reports
 * each way that left IF clear.
 */
static unsigned resume_breakpoints(const struct supmsg *m, void *ctx)
{
	(void)ctx;
	return m->vector == 3 ? FA_RESUME : FA_KILL;
}

int t_iopl_holder_gets_if_back(void)
{
	struct exitinfo e;
	int tid = spawn_flags("ioprobe", "ifset 0", SPAWN_SUSPENDED);
	CHECK(tid > 0);
	CHECK_EQ(sys_cap_copy(SLOT_IOPL, FREE_SLOT), 0);
	CHECK_EQ(sys_cap_transfer(FREE_SLOT, tid, 0), 0);
	CHECK_EQ(supervise_until_exit(tid, resume_breakpoints, 0, &e), 0);
	CHECK_EQ(e.fault_vector, -1);
	CHECK_EQ(e.code, 0);
	return 0;
}

/*
 * An Iopl holder running on another CPU with interrupts off for good
 * (ioprobe clispin: cli in a loop, no system call) takes no interrupt,
 * not even the service IPI of a revoke: the revoker falls back to an NMI
 * (kernel/smp/ipi.c).  The revoke returns (a kernel without the NMI hangs
 * here), exactly one NMI was sent, and the holder's next cli traps, since
 * the NMI's handler dropped IOPL from the frame it returns through.
 */
static unsigned kill_at_cli(const struct supmsg *m, void *ctx)
{
	struct iopl_ctx *c = ctx;
	if (m->io_op == IOOP_CLI)
		c->cli_traps++;
	else
		c->other++;
	return FA_KILL;
}

int t_iopl_revoke_reaches_cli_spinner(void)
{
	struct cpuinfo before, after;
	struct taskinfo ti = { 0 };
	struct iopl_ctx c = { 0 };
	struct exitinfo e;
	if (sys_cpu_info(-1, &before) < 2)
		return ut_skip("1 CPU");
	/* A supervisor from now on: the cli fault must stop the child, not end it. */
	struct supmsg m;
	sys_supervise(&m, SUP_POLL);
	int tid = spawn_flags("ioprobe", "clispin 0", SPAWN_SUSPENDED);
	CHECK(tid > 0);
	CHECK_EQ(sys_cap_copy(SLOT_IOPL, FREE_SLOT), 0);
	CHECK_EQ(sys_cap_transfer(FREE_SLOT, tid, 0), 0);
	CHECK_EQ(sys_task_affinity(0, 0), 0);
	CHECK_EQ(sys_task_affinity(tid, 1), 0);
	CHECK_EQ(sys_resume(tid), 0);
	for (int i = 0; i < 300 && !(sys_taskinfo(tid, &ti) == 0 && ti.iopl && ti.cpu == 1); i++)
		sys_sleep(1);
	CHECK(ti.iopl && ti.cpu == 1);
	sys_sleep(2);                           /* in its cli loop by now, interrupts off */
	CHECK(sys_cpu_info(0, &before) >= 2);
	CHECK_EQ(sys_cap_revoke(SLOT_IOPL), 0);
	CHECK(sys_cpu_info(0, &after) >= 2);
	CHECK_EQ(after.nmi_sent - before.nmi_sent, 1);
	CHECK_EQ(supervise_running(tid, kill_at_cli, &c, &e), 0);
	CHECK_EQ(sys_task_affinity(0, -1), 0);
	printf("# cli traps %d, other faults %d, NMIs sent %u\n", c.cli_traps, c.other,
	       after.nmi_sent - before.nmi_sent);
	CHECK_EQ(c.cli_traps, 1);
	CHECK_EQ(c.other, 0);
	return 0;
}

/* ---- malformed capability calls ---- */

int t_cap_bad_slots(void)
{
	struct capinfo ci;
	CHECK_EQ(sys_cap_info(CSPACE_SLOTS_ABI, &ci), -E_BADSLOT);
	CHECK_EQ(sys_cap_info(0xFFFFFFFFu, &ci), -E_BADSLOT);
	CHECK_EQ(sys_cap_info(SLOT_ALL, (struct capinfo *)0x00100000u), -E_FAULT);
	CHECK_EQ(sys_cap_info(FREE_SLOT + 20, &ci), 0);
	CHECK_EQ(ci.type, CAPT_NULL);
	CHECK_EQ(sys_cap_delete(FREE_SLOT + 20), -E_EMPTY);
	CHECK_EQ(sys_cap_revoke(12345), -E_BADSLOT);
	CHECK_EQ(cap_derive(FREE_SLOT + 20, FREE_SLOT, 0, 1, IOR_ALL), -E_EMPTY);
	CHECK_EQ(cap_derive(SLOT_ALL, SLOT_IOPL, 0, 1, IOR_ALL), -E_FULL);
	CHECK_EQ(cap_derive(SLOT_IOPL, FREE_SLOT, 0, 1, IOR_ALL), -E_TYPE);
	CHECK_EQ(cap_derive(SLOT_ALL, FREE_SLOT, 0xFFFF, 2, IOR_ALL), -E_RANGE);
	CHECK_EQ(cap_derive(SLOT_ALL, FREE_SLOT, 0, 0, IOR_ALL), -E_RANGE);
	CHECK_EQ(sys_cap_transfer(SLOT_ALL, 1, 0), -E_CHILD);
	CHECK_EQ(sys_cap_transfer(SLOT_ALL, 0x7FFFFFFF, 0), -E_SRCH);
	CHECK_EQ(sys_cap_info(SLOT_ALL, &ci), 0);
	CHECK_EQ(ci.type, CAPT_IOPORTS);
	CHECK_EQ(ci.base, 0);
	CHECK_EQ(ci.count, IOPORTS_SPACE);
	return 0;
}

int t_cap_derive_narrows(void)
{
	struct capinfo ci;
	CHECK_EQ(cap_derive(SLOT_ALL, FREE_SLOT, 0x2F8, 8, IOR_ALL), 0);
	CHECK_EQ(cap_derive(FREE_SLOT, FREE_SLOT + 1, 0x2F8, 9, IOR_ALL), -E_PERM);
	CHECK_EQ(cap_derive(FREE_SLOT, FREE_SLOT + 1, 0x2F7, 2, IOR_ALL), -E_PERM);
	CHECK_EQ(cap_derive(FREE_SLOT, FREE_SLOT + 1, 0x2FA, 2, IOR_READ), 0);
	CHECK_EQ(cap_derive(FREE_SLOT + 1, FREE_SLOT + 2, 0x2FA, 2, IOR_ALL), -E_PERM);
	CHECK_EQ(sys_cap_info(FREE_SLOT + 1, &ci), 0);
	CHECK_EQ(ci.base, 0x2FA);
	CHECK_EQ(ci.count, 2);
	CHECK_EQ(ci.rights, IOR_READ);
	/* Recursive revoke from the top of this little tree empties both. */
	CHECK_EQ(sys_cap_revoke(FREE_SLOT), 0);
	CHECK_EQ(sys_cap_info(FREE_SLOT + 1, &ci), 0);
	CHECK_EQ(ci.type, CAPT_NULL);
	CHECK_EQ(sys_cap_delete(FREE_SLOT), 0);
	return 0;
}
