/*
 * init.c - the root task.  The kernel starts it first, with the kernel
 * command line's arguments; it starts everything else and reaps orphans.
 *   (no args)  the system: the drivers and shell of drivers.conf (system.c)
 *   demo       programs running side by side, faults contained
 *   test       the ring-3 test suite (with init's other arguments, e.g.
 *              `test kbd`: only the keyboard test); powers off with its result
 *   rogue      the wrong-ports scenario (drivers/rogue), then powers off;
 *              `rogue <ports> <access>...`: the user's own experiment
 *   bench      the benchmarks (user/bench) with init's other arguments,
 *              then powers off
 *   fuzz       the system call fuzzer (user/fuzz) with init's other
 *              arguments (seed=, calls=, ...; docs/fuzz.md); powers off with its result
 * In every mode init reaps the orphans the kernel hands it: the children
 * of a task that ended, killed with it (docs/supervision.md).
 *
 * init holds the whole I/O space (slot ROOT_SLOT_IOPORTS) and IOPL
 * (ROOT_SLOT_IOPL) and hands each child only what it needs.
 */
#include "user/init/rogue.h"
#include "user/init/system.h"
#include "user/lib/ulib.h"

static int run_and_wait(const char *name, const char *args, struct exitinfo *info)
{
	int tid = spawn(name, args);
	if (tid < 0) {
		printf("init: cannot start %s: %s\n", name, strerror(tid));
		return tid;
	}
	return (int)sys_wait(tid, info);
}

static void report(const char *what, const struct exitinfo *e)
{
	if (e->fault_vector >= 0)
		printf("init: %-22s -> killed by CPU exception %d at eip 0x%08x\n", what,
		       e->fault_vector, e->fault_eip);
	else if (e->killed_by)
		printf("init: %-22s -> killed by task %d\n", what, e->killed_by);
	else
		printf("init: %-22s -> exited with code %d\n", what, e->code);
}

#define SCRATCH_SLOT 8

/*
 * The supervision policy: restart a faulting driver with the same grants,
 * until it has faulted max_faults times; then kill it and leave it stopped.
 */
static void supervise(int tid, unsigned max_faults)
{
	struct supmsg m;
	while (sys_supervise(&m, 0) == 0) {
		struct exitinfo e;
		if (m.kind == SUP_EXIT && m.tid == tid) {
			sys_wait(tid, &e);
			report(m.name, &e);
			return;
		}
		if (m.kind == SUP_EXIT) {      /* an orphan */
			sys_wait(m.tid, &e);
			continue;
		}
		if (m.kind != SUP_FAULT)
			continue;
		int give_up = m.faults >= max_faults;
		printf("init: supervisor: %s fault %u of %u (vector %d) -> %s\n", m.name, m.faults,
		       max_faults, m.vector, give_up ? "kill, leave stopped" : "restart");
		sys_fault_reply(m.tid, give_up ? FA_KILL : FA_RESTART);
	}
}

/* The rogue with req's ports and accesses, restarted after each trap; 0 if it ran. */
static int rogue_once(const struct rogue_req *req, unsigned max_faults)
{
	int tid = rogue_spawn(req, ROOT_SLOT_IOPORTS, SCRATCH_SLOT);
	long r = tid < 0 ? tid : sys_resume(tid);
	if (r) {
		printf("init: cannot start rogue: %s\n", strerror(r));
		if (tid > 0)
			sys_kill(tid);
		return -1;
	}
	supervise(tid, max_faults);
	return 0;
}

/*
 * `rogue`: the checked scenario (tests/boot/rogue_test.sh): the default
 * accesses with COM2, then a stubborn rogue given up after 3 faults.
 * `rogue <ports> <access>...`: the user's experiment, once.
 */
static int run_rogue(int argc, char **argv, int at)
{
	struct rogue_req req;
	char words[160] = "";
	for (int i = at + 1, len = 0; i < argc && len < (int)sizeof(words); i++)
		len += fmt_snprintf(words + len, sizeof(words) - (unsigned)len, "%s ", argv[i]);
	if (rogue_request(words, "", 0, &req)) {
		sys_shutdown(2);
		return 2;
	}
	char held[96];
	unsigned len = 0;
	for (int i = 0; i < req.grant.nports && len < sizeof(held); i++)
		len += (unsigned)fmt_snprintf(held + len, sizeof(held) - len, "%s0x%x-0x%x", i ? "," : "",
					      req.grant.ports[i].base,
					      req.grant.ports[i].base + req.grant.ports[i].count - 1);
	printf("init: rogue scenario: rogue holds only %s; accesses: %s\n", held,
	       req.args[0] ? req.args : ACCESS_DEFAULT);
	/*
	 * Supervise before the first rogue runs: a child that faults before
	 * init first waits in supervise() would otherwise die of it, not stop.
	 */
	struct supmsg none;
	sys_supervise(&none, SUP_POLL);
	int bad = rogue_once(&req, req.denied + 2);
	if (!words[0] && !bad) {
		printf("init: rogue scenario: a stubborn rogue, given up after 3 faults\n");
		fmt_snprintf(req.args, sizeof(req.args), "stubborn");
		bad = rogue_once(&req, 3);
	}
	printf("init: rogue scenario done; the system is still up\n");
	sys_shutdown(bad ? 2 : 0);
	return 0;
}

/* A copy of init's cap in slot into tid's same slot. */
/* Root slots 0 .. last, as a mask for run_to_power_off. */
#define ROOT_SLOTS(last) ((2u << (last)) - 1)

static long give_root_cap(int tid, unsigned slot)
{
	long r = sys_cap_copy(slot, SCRATCH_SLOT);
	return r ? r : sys_cap_transfer(SCRATCH_SLOT, tid, slot);
}

/*
 * Runs a program that hands out caps itself (usertests, bench, fuzz): it
 * gets copies of the root caps in the slots of the mask `slots` (bit n:
 * slot n; ROOT_SLOT_*: IoPorts(all), Iopl, Irq, KLog, DmaChan, PciCfg) and
 * of the memory caps (ROOT_SLOT_UNTYPED .. ROOT_SLOT_UNTYPED_LOW, shared:
 * docs/memory.md),
 * where the machine has them.  Powers off with its result.
 */
static int run_to_power_off(const char *name, const char *args, unsigned slots)
{
	struct exitinfo e;
	int tid = spawn_flags(name, args, SPAWN_SUSPENDED);
	long r = tid < 0 ? tid : 0;
	for (unsigned slot = 0; !r && slot <= ROOT_SLOT_PCICFG; slot++)
		if ((slots & (1u << slot)) && (r = give_root_cap(tid, slot)) == -E_EMPTY)
			r = 0;   /* no DMA engine found: no DmaChan */
	for (unsigned slot = ROOT_SLOT_UNTYPED; !r && slot <= ROOT_SLOT_UNTYPED_LOW; slot++)
		if ((r = give_root_cap(tid, slot)) == -E_EMPTY)
			r = 0;
	if (!r)
		r = sys_resume(tid);
	if (r)
		printf("init: cannot start %s: %s\n", name, strerror(r));
	else    /* orphans (children of tasks that ended) are ours to reap meanwhile */
		while ((r = sys_wait(-1, &e)) > 0 && r != tid)
			;
	int ok = r > 0 && e.fault_vector < 0 && e.code == 0;
	if (r > 0)
		report(name, &e);
	printf("init: %s %s\n", name, ok ? "PASSED" : "FAILED");
	sys_shutdown(ok ? 0 : 1);
	return 1;
}

/*
 * Runs name with init's arguments except the word that chose it: bench
 * gets accel=..., iobitmap=eager, ...; usertests gets e.g. kbd (one suite).
 */
static int run_with_args(int argc, char **argv, const char *name, const char *word,
			 unsigned slots)
{
	char args[128] = "";
	size_t len = 0;
	for (int i = 1; i < argc; i++)
		if (!streq(argv[i], word) && len < sizeof(args))
			len += (size_t)fmt_snprintf(args + len, sizeof(args) - len, "%s ", argv[i]);
	return run_to_power_off(name, args, slots);
}

static void demo(void)
{
	static const char *const faults[] = {
		"pf_read", "pf_write_kernel", "jump_kernel", "hlt", "cli", "div0", "ud2",
	};
	struct exitinfo e;

	printf("init: demo: two counters share the CPU (preemptive round robin)\n");
	int a = spawn("spin", "count A 3");
	int b = spawn("spin", "count B 3");
	sys_wait(a, &e);
	sys_wait(b, &e);
	printf("init: demo: ring-3 faults kill only the faulting task\n");
	for (unsigned i = 0; i < sizeof(faults) / sizeof(faults[0]); i++) {
		run_and_wait("fault", faults[i], &e);
		report(faults[i], &e);
	}
	run_and_wait("hello", "from the demo", &e);
	report("hello", &e);
	printf("init: demo done; the system stays up (QEMU: Ctrl-A X to quit)\n");
}

/* The demo, then reap orphans forever: the root task never ends. */
static void __attribute__((noreturn)) run_demo(void)
{
	demo();
	for (;;) {
		struct exitinfo e;
		if (sys_wait(-1, &e) < 0)
			sys_sleep(TIMER_HZ);
	}
}

int main(int argc, char **argv)
{
	printf("init: root task running as tid %d\n", (int)sys_getpid());
	for (int i = 1; i < argc; i++)
		if (streq(argv[i], "test"))
			return run_with_args(argc, argv, "usertests", "test", ROOT_SLOTS(ROOT_SLOT_PCICFG));
		else if (streq(argv[i], "bench"))   /* the disk figures drive the bus master too */
			return run_with_args(argc, argv, "bench", "bench",
					     ROOT_SLOTS(ROOT_SLOT_IRQ) | 1u << ROOT_SLOT_DMA | 1u << ROOT_SLOT_PCICFG);
		else if (streq(argv[i], "fuzz"))
			return run_with_args(argc, argv, "fuzz", "fuzz", ROOT_SLOTS(ROOT_SLOT_PCICFG));
		else if (streq(argv[i], "rogue"))
			return run_rogue(argc, argv, i);
		else if (streq(argv[i], "demo"))
			run_demo();
	if (run_system() == 0)
		return 0;
	printf("init: falling back to the demo\n");
	run_demo();
}
