/*
 * ports.c - the port-access figures (docs/bench.md).  Every `in` is
 * `inb $BENCH_PORT, %al`, the same instruction in ring 0 and ring 3.
 *
 *   port_in_ring0          the kernel runs it in a loop (bench_port_in)
 *   port_in_ring3_iopb     bench runs it, allowed by its TSS bitmap (IOPL 0)
 *   port_in_ring3_iopl     bench runs it with IOPL 3 (its Iopl cap switched on)
 *   port_in_ring3_syscall  bench asks the kernel for it (io_in, seL4/MINIX style)
 *   gp_trap_to_supervisor  a child holding no ports runs it: #GP, fault
 *                          message to bench's endpoint, FA_RESUME in the
 *                          reply, back in the child
 *   gp_trap_supervise      the same through supervise() and fault_reply()
 *   grant_revoke           cap_derive + cap_transfer to a child + cap_revoke
 *   grant_revoke_extent_<n>  the same for n ports (1, 8, 64, 512)
 */
#include "user/lib/i386/uarch.h"
#include "user/bench/ports.h"
#include "user/bench/smp.h"
#include "user/lib/ipc.h"
#include "user/lib/ulib.h"

#define SLOT_MID     12   /* grant_revoke: the intermediate cap that is revoked */
#define SLOT_SCRATCH 13
#define SLOT_EMPTY   14   /* never filled: the E_EMPTY check */
#define SLOT_BAD     99   /* past every capability space */
#define SLOT_FAULT_EP 15  /* gp_trap_to_supervisor: the trapper's fault endpoint */

static void op_in(void)
{
	u_inb(BENCH_PORT);
}

static void op_io_in(void)
{
	sys_io_in(BENCH_SLOT_ALL, BENCH_PORT, 1);
}

/* One refusal check: got must be -want. */
static int refused(const char *call, long got, long want)
{
	if (got == -want)
		return 1;
	printf("bench: %s returned %ld, want %s\n", call, got, strerror(-want));
	return 0;
}

/* io_in through a COM2 cap with the given rights: both the range and the right matter. */
static int narrow_io_in_refused(unsigned rights)
{
	int ok = cap_derive(BENCH_SLOT_ALL, SLOT_SCRATCH, BENCH_COM2_BASE, BENCH_COM2_COUNT, rights) == 0;
	if (rights & IOR_READ) {
		ok &= refused("io_in(COM2, 0x80, 1)", sys_io_in(SLOT_SCRATCH, BENCH_PORT, 1), E_PERM);
		ok &= refused("io_in(COM2, 0x2ff, 2)", sys_io_in(SLOT_SCRATCH, 0x2FF, 2), E_PERM);
		ok &= sys_io_in(SLOT_SCRATCH, BENCH_COM2_BASE, 2) >= 0;
	} else {
		ok &= refused("io_in(COM2 write-only, 0x2f8, 1)", sys_io_in(SLOT_SCRATCH, BENCH_COM2_BASE, 1),
			      E_PERM);
	}
	return (sys_cap_delete(SLOT_SCRATCH) == 0) & ok;
}

/*
 * The bench calls refuse what they must (in a bench boot; usertests checks
 * that any other boot gets E_PERM).  Any surprise fails the run.
 */
static int refusals_ok(void)
{
	long v = sys_io_in(BENCH_SLOT_ALL, BENCH_PORT, 1);
	int ok = v >= 0 && v <= 0xFF;
	ok &= refused("io_in(bad slot)", sys_io_in(SLOT_BAD, BENCH_PORT, 1), E_BADSLOT);
	ok &= refused("io_in(empty slot)", sys_io_in(SLOT_EMPTY, BENCH_PORT, 1), E_EMPTY);
	ok &= refused("io_in(Iopl cap)", sys_io_in(BENCH_SLOT_IOPL, BENCH_PORT, 1), E_TYPE);
	ok &= refused("io_in(width 0)", sys_io_in(BENCH_SLOT_ALL, BENCH_PORT, 0), E_INVAL);
	ok &= refused("io_in(width 3)", sys_io_in(BENCH_SLOT_ALL, BENCH_PORT, 3), E_INVAL);
	ok &= refused("io_in(width 4)", sys_io_in(BENCH_SLOT_ALL, BENCH_PORT, 4), E_INVAL);
	ok &= refused("io_in(port 0x10000)", sys_io_in(BENCH_SLOT_ALL, 0x10000, 1), E_RANGE);
	ok &= narrow_io_in_refused(IOR_ALL) & narrow_io_in_refused(IOR_WRITE);
	ok &= refused("bench_port_in(0)", sys_bench_port_in(0, 1), E_RANGE);
	ok &= refused("bench_port_in(max + 1)", sys_bench_port_in(BENCH_PORT_IN_MAX + 1, 1), E_RANGE);
	ok &= refused("bench_port_in(1, 2)", sys_bench_port_in(1, 2), E_INVAL);
	ok &= refused("bench_gate(3)", sys_bench_gate(3), E_INVAL);
	if (ok)
		printf("bench: io_in, bench_port_in and bench_gate refuse bad arguments\n");
	return ok;
}

/*
 * The kernel times count `in`s and the same loop without them, in ring 0
 * with interrupts off; one batch's value is the difference per `in`.
 * A warm-up batch first, as for every figure.
 */
static int ring0_figure(const struct bench_cfg *c)
{
	uint32_t v[BENCH_MAX_BATCHES];
	struct bench_stats s;
	unsigned count = c->iters < BENCH_PORT_IN_MAX ? c->iters : BENCH_PORT_IN_MAX;
	for (unsigned i = 0; i <= c->batches; i++) {
		long with = sys_bench_port_in(count, 1), without = sys_bench_port_in(count, 0);
		if (with < 0 || without < 0) {
			printf("bench: bench_port_in: %s\n", strerror(with < 0 ? with : without));
			return 0;
		}
		if (i)
			v[i - 1] = with > without ? (uint32_t)(with - without + count / 2) / count : 0;
	}
	bench_summarise(v, c->batches, &s);
	bench_print(c, "port_in_ring0", &s);
	return 1;
}

static unsigned iopl_bits(void)
{
	return (u_eflags() >> 12) & 3;
}

/* The same `in` from ring 3: by the bitmap (IOPL 0), then with IOPL 3. */
static int ring3_figures(const struct bench_cfg *c)
{
	if (iopl_bits() != 0) {
		printf("bench: running with IOPL %u, not 0\n", iopl_bits());
		return 0;
	}
	bench_figure(c, "port_in_ring3_iopb", op_in, 1);
	long r = sys_iopl(BENCH_SLOT_IOPL, 1);
	if (r || iopl_bits() != 3) {
		printf("bench: iopl(on): %s, IOPL %u\n", strerror(r), iopl_bits());
		return 0;
	}
	bench_figure(c, "port_in_ring3_iopl", op_in, 1);
	r = sys_iopl(BENCH_SLOT_IOPL, 0);
	if (r || iopl_bits() != 0) {
		printf("bench: iopl(off): %s, IOPL %u\n", strerror(r), iopl_bits());
		return 0;
	}
	bench_figure(c, "port_in_ring3_syscall", op_io_in, 1);
	return 1;
}

/*
 * `bench trapper name=N ...`: holds no ports, so each `in` traps and its
 * supervisor resumes it past the `in`.  Times the figure N, then ends with
 * a breakpoint, which tells the supervisor that the timed traps are over.
 */
int ports_trapper(int argc, char **argv)
{
	struct bench_cfg c;
	const char *name = arg_value(argc, argv, "name");
	if (!name)
		return 2;
	bench_config(&c, argc, argv);
	bench_figure(&c, name, op_in, 1);
	u_int3();
	return 0;
}

/* What a trap must be: the trapper's `in` on BENCH_PORT, or its closing breakpoint. */
static int trap_kind(const struct supmsg *m, int tid)
{
	if (m->tid != tid)
		return 0;
	if (m->vector == 13 && m->io_op == IOOP_IN && m->port == BENCH_PORT && m->width == 1)
		return 1;
	return m->vector == 3 ? 3 : 0;
}

static int start_trapper(const struct bench_cfg *c, const char *name, unsigned ep)
{
	char cfg[96], args[160];
	bench_config_args(c, cfg, sizeof(cfg));
	fmt_snprintf(args, sizeof(args), "trapper name=%s %s", name, cfg);
	int tid = spawn_flags("bench", args, SPAWN_SUSPENDED);
	long r = tid < 0 ? tid : ep == FAULT_EP_NONE ? 0 : sys_fault_ep(tid, ep);
	if (!r)
		r = sys_resume(tid);
	if (r) {
		printf("bench: cannot start the trapper: %s\n", strerror(r));
		if (tid > 0)
			sys_kill(tid);
		return -1;
	}
	return tid;
}

/* Every timed batch took at least one trap, and the trapper ended well. */
static int trapper_done(const struct bench_cfg *c, const char *name, int tid, unsigned traps,
			unsigned strange)
{
	struct exitinfo e = { .code = -1 };
	sys_wait(tid, &e);
	if (e.code != 0 || e.fault_vector >= 0 || strange || traps <= c->batches) {
		printf("bench: %s failed: exit %d, vector %d, %u traps, %u strange faults\n", name,
		       e.code, e.fault_vector, traps, strange);
		return 0;
	}
	return 1;
}

/*
 * gp_trap_to_supervisor: the trapper's faults come to bench as messages on
 * an endpoint (fault_ep), and bench answers each with FA_RESUME | FA_QUIET
 * (no log line) in the reply of its next ipc_reply_recv.  One timed
 * operation is one round trip: the child's #GP, the decode, the message,
 * bench's ipc_reply_recv returning, the reply, bench blocking again, and
 * the child back in ring 3 after the `in`.
 */
static int trap_figure_ep(const struct bench_cfg *c)
{
	const char *name = "gp_trap_to_supervisor";
	struct ipc_msg m;
	struct supmsg f;
	unsigned traps = 0, strange = 0;
	long r = sys_ep_create(SLOT_FAULT_EP);
	int tid = r ? -1 : start_trapper(c, name, SLOT_FAULT_EP);
	if (tid < 0) {
		sys_cap_delete(SLOT_FAULT_EP);
		return 0;
	}
	r = ipc_recv(SLOT_FAULT_EP, &m);
	while (!r && IPC_TAG_LABEL(m.tag) == IPC_LABEL_FAULT) {
		fault_msg_decode(&m, &f);
		int kind = trap_kind(&f, tid);
		traps += kind == 1;
		strange += kind == 0;
		if (kind == 3) {
			m = ipc_msg(FA_RESUME | FA_QUIET, 0, 0);
			r = ipc_reply(&m);
			break;
		}
		m = ipc_msg(kind ? FA_RESUME | FA_QUIET : FA_KILL, 0, 0);
		r = ipc_reply_recv(SLOT_FAULT_EP, &m);
	}
	if (r)
		printf("bench: %s: %s\n", name, strerror(r));
	sys_cap_delete(SLOT_FAULT_EP);
	return trapper_done(c, name, tid, traps, strange + (r != 0));
}

/*
 * gp_trap_supervise: the same round trip through supervise() and
 * fault_reply(), two system calls per trap instead of one.
 */
static int trap_figure_supervise(const struct bench_cfg *c)
{
	const char *name = "gp_trap_supervise";
	struct supmsg m;
	unsigned traps = 0, strange = 0;
	int tid = start_trapper(c, name, FAULT_EP_NONE);
	if (tid < 0)
		return 0;
	while (sys_supervise(&m, 0) == 0 && !(m.kind == SUP_EXIT && m.tid == tid)) {
		if (m.kind != SUP_FAULT)
			continue;
		int kind = trap_kind(&m, tid);
		traps += kind == 1;
		strange += kind == 0;
		sys_fault_reply(m.tid, kind ? FA_RESUME | FA_QUIET : FA_KILL);
	}
	return trapper_done(c, name, tid, traps, strange);
}

static int grantee;
static long grant_errors;

/*
 * One grant and its revocation, as a supervisor hands a driver a range and
 * takes it back.  One op per range, with the range in its instructions, so
 * that each figure times the same code as grant_revoke's and nothing else.
 */
#define GRANT_REVOKE_OP(op, base, count)                                                        \
	static void op(void)                                                                    \
	{                                                                                       \
		grant_errors |= sys_cap_derive(SLOT_MID, SLOT_SCRATCH, CAP_BASE_RIGHTS(base, IOR_ALL), \
					       count);                                          \
		grant_errors |= sys_cap_transfer(SLOT_SCRATCH, grantee, 0);                     \
		grant_errors |= sys_cap_revoke(SLOT_MID);                                       \
	}

GRANT_REVOKE_OP(op_grant_revoke, BENCH_COM2_BASE, BENCH_COM2_COUNT)

/*
 * grant_revoke_extent_<n>: the same op over n ports from EXTENT_BASE, which
 * starts a 32-port word and lies clear of every driver and every port the
 * kernel owns (iocap/ioowned.h) for n up to 512.
 */
#define EXTENT_BASE 0x1000
GRANT_REVOKE_OP(op_grant_revoke_1, EXTENT_BASE, 1)
GRANT_REVOKE_OP(op_grant_revoke_8, EXTENT_BASE, 8)
GRANT_REVOKE_OP(op_grant_revoke_64, EXTENT_BASE, 64)
GRANT_REVOKE_OP(op_grant_revoke_512, EXTENT_BASE, 512)

struct grant_shape {
	const char *name;
	bench_op op;
	uint32_t base, count;
};

static const struct grant_shape grant_com2 = { "grant_revoke", op_grant_revoke, BENCH_COM2_BASE,
					       BENCH_COM2_COUNT };
static const struct grant_shape grant_extents[] = {
	{ "grant_revoke_extent_1", op_grant_revoke_1, EXTENT_BASE, 1 },
	{ "grant_revoke_extent_8", op_grant_revoke_8, EXTENT_BASE, 8 },
	{ "grant_revoke_extent_64", op_grant_revoke_64, EXTENT_BASE, 64 },
	{ "grant_revoke_extent_512", op_grant_revoke_512, EXTENT_BASE, 512 },
};

/* The grantee's slot 0: what the last grant or revoke left there. */
static int grantee_holds(const struct grant_shape *g)
{
	struct capinfo info;
	return sys_cap_inspect(grantee, 0, &info) == 0 && info.type == CAPT_IOPORTS &&
	       info.base == g->base && info.count == g->count;
}

static int grantee_empty(void)
{
	struct capinfo info;
	return sys_cap_inspect(grantee, 0, &info) == 0 && info.type == CAPT_NULL;
}

/*
 * bench keeps IoPorts(COM2) in SLOT_MID (a supervisor's intermediate cap)
 * and, per operation, derives a copy, moves it into slot 0 of a child,
 * and revokes everything derived from SLOT_MID, which empties the
 * child's slot again.  Checked once step by step, then timed.  The child
 * is suspended (holder_cpu < 0), or spins on holder_cpu, where the revoke
 * must reach it before it returns (docs/smp.md, R1-R6).  g names the
 * range (COM2, or an extent) and the op that grants it.
 */
static int grant_figure(const struct bench_cfg *c, const struct grant_shape *g, const char *name,
			int holder_cpu, int ipis)
{
	grant_errors = 0;
	grantee = holder_cpu < 0 ? spawn_flags("bench", "grantee", SPAWN_SUSPENDED)
				 : smp_spawn_on("spinner", holder_cpu, SMP_RUNNING);
	long r = grantee < 0 ? grantee : cap_derive(BENCH_SLOT_ALL, SLOT_MID, g->base, g->count, IOR_ALL);
	if (!r)
		r = sys_cap_derive(SLOT_MID, SLOT_SCRATCH, CAP_BASE_RIGHTS(g->base, IOR_ALL), g->count);
	if (!r)
		r = sys_cap_transfer(SLOT_SCRATCH, grantee, 0);
	int ok = !r && grantee_holds(g);
	ok = ok && sys_cap_revoke(SLOT_MID) == 0 && grantee_empty();
	if (ok) {
		struct bench_stats s;
		bench_measure(c, g->op, 1, &s);
		uint32_t ipis100 = ipis ? bench_ipis_per_op(g->op) : 0;
		ok = !grant_errors && grantee_empty();
		if (ok && ipis)
			bench_print_ipis(c, name, &s, ipis100);
		else if (ok)
			bench_print(c, name, &s);
	}
	if (!ok)
		printf("bench: %s failed (%s)\n", name, r ? strerror(r) : "a step did not take effect");
	smp_stop(grantee);
	sys_cap_delete(SLOT_MID);
	return ok;
}

int ports_grant_figure(const struct bench_cfg *c, const char *name, int holder_cpu, int ipis)
{
	return grant_figure(c, &grant_com2, name, holder_cpu, ipis);
}

int ports_grant_extent_figures(const struct bench_cfg *c)
{
	int ok = 1;
	for (unsigned i = 0; ok && i < ARRAY_SIZE(grant_extents); i++)
		ok = grant_figure(c, &grant_extents[i], grant_extents[i].name, -1, 0);
	return ok;
}

int ports_figures(const struct bench_cfg *c)
{
	int ok = refusals_ok();
	ok = ok && ring0_figure(c);
	ok = ok && ring3_figures(c);
	ok = ok && trap_figure_ep(c);
	ok = ok && trap_figure_supervise(c);
	ok = ok && ports_grant_figure(c, "grant_revoke", -1, 0);
	return ok;
}
