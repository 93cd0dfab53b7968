/*
 * ports.c - the port-access figures (docs/bench.md).  Every `in` is
 * `inb $BENCH_PORT, %al`, the same instruction in ring 0 and ring 3.
 *
 *   port_in_ring0          the kernel runs it in a loop (bench_port_in)
 *   port_in_ring3_iopb     bench runs it, allowed by its TSS bitmap (IOPL 0)
 *   port_in_ring3_iopl     bench runs it with IOPL 3 (its Iopl cap switched on)
 *   port_in_ring3_syscall  bench asks the kernel for it (io_in, seL4/MINIX style)
 *   gp_trap_to_supervisor  a child holding no ports runs it: #GP, fault
 *                          message to bench, FA_RESUME, back in the child
 *   grant_revoke           cap_derive + cap_transfer to a child + cap_revoke
 */
#include "arch/i386/user/uarch.h"
#include "user/bench/ports.h"
#include "user/lib/ulib.h"

#define SLOT_MID     12   /* grant_revoke: the intermediate cap that is revoked */
#define SLOT_SCRATCH 13
#define SLOT_EMPTY   14   /* never filled: the E_EMPTY check */
#define SLOT_BAD     99   /* past every capability space */
#define COM2_BASE    0x2F8
#define COM2_COUNT   8

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
	int ok = cap_derive(BENCH_SLOT_ALL, SLOT_SCRATCH, COM2_BASE, COM2_COUNT, rights) == 0;
	if (rights & IOR_READ) {
		ok &= refused("io_in(COM2, 0x80, 1)", sys_io_in(SLOT_SCRATCH, BENCH_PORT, 1), E_PERM);
		ok &= refused("io_in(COM2, 0x2ff, 2)", sys_io_in(SLOT_SCRATCH, 0x2FF, 2), E_PERM);
		ok &= sys_io_in(SLOT_SCRATCH, COM2_BASE, 2) >= 0;
	} else {
		ok &= refused("io_in(COM2 write-only, 0x2f8, 1)", sys_io_in(SLOT_SCRATCH, COM2_BASE, 1),
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

/* `bench trapper`: holds no ports, so each `in` traps; bench resumes it past the `in`. */
int ports_trapper(int argc, char **argv)
{
	struct bench_cfg c;
	bench_config(&c, argc, argv);
	bench_figure(&c, "gp_trap_to_supervisor", op_in, 1);
	return 0;
}

/*
 * bench supervises the trapper and answers every trap at once with
 * FA_RESUME | FA_QUIET (no log line).  One timed operation is one round
 * trip: the child's #GP, the decode, the message, bench's supervise()
 * returning, its fault_reply(), its next supervise() blocking, and the
 * child back in ring 3 after the `in`.
 */
static int trap_figure(const struct bench_cfg *c)
{
	char cfg[96], args[128];
	struct supmsg m;
	struct exitinfo e = { .code = -1 };
	unsigned traps = 0, strange = 0;
	bench_config_args(c, cfg, sizeof(cfg));
	fmt_snprintf(args, sizeof(args), "trapper %s", cfg);
	int tid = spawn_flags("bench", args, SPAWN_SUSPENDED);
	long r = tid < 0 ? tid : sys_resume(tid);
	if (r) {
		printf("bench: cannot start the trapper: %s\n", strerror(r));
		return 0;
	}
	while (sys_supervise(&m, 0) == 0 && !(m.kind == SUP_EXIT && m.tid == tid)) {
		if (m.kind != SUP_FAULT)
			continue;
		int expected = m.tid == tid && m.io_op == IOOP_IN && m.port == BENCH_PORT && m.width == 1;
		traps += expected;
		strange += !expected;
		sys_fault_reply(m.tid, expected ? FA_RESUME | FA_QUIET : FA_KILL);
	}
	sys_wait(tid, &e);
	/* At least one trap per timed batch, or the `in` was not denied. */
	if (e.code != 0 || e.fault_vector >= 0 || strange || traps <= c->batches) {
		printf("bench: gp_trap_to_supervisor failed: exit %d, vector %d, %u traps, %u strange faults\n",
		       e.code, e.fault_vector, traps, strange);
		return 0;
	}
	return 1;
}

static int grantee;
static long grant_errors;

/* One grant and its revocation, as a supervisor hands a driver COM2 and takes it back. */
static void op_grant_revoke(void)
{
	grant_errors |= sys_cap_derive(SLOT_MID, SLOT_SCRATCH, CAP_BASE_RIGHTS(COM2_BASE, IOR_ALL),
				       COM2_COUNT);
	grant_errors |= sys_cap_transfer(SLOT_SCRATCH, grantee, 0);
	grant_errors |= sys_cap_revoke(SLOT_MID);
}

/* The grantee's slot 0: what the last grant or revoke left there. */
static int grantee_holds_com2(void)
{
	struct capinfo info;
	return sys_cap_inspect(grantee, 0, &info) == 0 && info.type == CAPT_IOPORTS &&
	       info.base == COM2_BASE && info.count == COM2_COUNT;
}

static int grantee_empty(void)
{
	struct capinfo info;
	return sys_cap_inspect(grantee, 0, &info) == 0 && info.type == CAPT_NULL;
}

/*
 * bench keeps IoPorts(COM2) in SLOT_MID (a supervisor's intermediate cap)
 * and, per operation, derives a copy, moves it into slot 0 of a suspended
 * child, and revokes everything derived from SLOT_MID, which empties the
 * child's slot again.  Checked once step by step, then timed.
 */
static int grant_figure(const struct bench_cfg *c)
{
	struct exitinfo e;
	grant_errors = 0;
	grantee = spawn_flags("bench", "grantee", SPAWN_SUSPENDED);
	long r = grantee < 0 ? grantee : cap_derive(BENCH_SLOT_ALL, SLOT_MID, COM2_BASE, COM2_COUNT, IOR_ALL);
	if (!r)
		r = sys_cap_derive(SLOT_MID, SLOT_SCRATCH, CAP_BASE_RIGHTS(COM2_BASE, IOR_ALL), COM2_COUNT);
	if (!r)
		r = sys_cap_transfer(SLOT_SCRATCH, grantee, 0);
	int ok = !r && grantee_holds_com2();
	ok = ok && sys_cap_revoke(SLOT_MID) == 0 && grantee_empty();
	if (ok) {
		struct bench_stats s;
		bench_measure(c, op_grant_revoke, 1, &s);
		ok = !grant_errors && grantee_empty();
		if (ok)
			bench_print(c, "grant_revoke", &s);
	}
	if (!ok)
		printf("bench: grant_revoke failed (%s)\n", r ? strerror(r) : "a step did not take effect");
	if (grantee > 0 && !sys_kill(grantee))
		sys_wait(grantee, &e);
	sys_cap_delete(SLOT_MID);
	return ok;
}

int ports_figures(const struct bench_cfg *c)
{
	int ok = refusals_ok();
	ok = ok && ring0_figure(c);
	ok = ok && ring3_figures(c);
	ok = ok && trap_figure(c);
	ok = ok && grant_figure(c);
	return ok;
}
