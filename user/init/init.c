/*
 * init.c - the root task.  The kernel starts it first, with the kernel
 * command line's arguments; it starts everything else and reaps orphans.
 *   (no args)  the demo: programs running side by side, faults contained
 *   test       the ring-3 test suite; powers off with its result
 */
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

static int run_tests(void)
{
	struct exitinfo e;
	int r = run_and_wait("usertests", "", &e);
	int ok = r > 0 && e.fault_vector < 0 && e.code == 0;
	printf("init: usertests %s\n", ok ? "PASSED" : "FAILED");
	sys_shutdown(ok ? 0 : 1);
	return 1;
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

int main(int argc, char **argv)
{
	printf("init: root task running as tid %d\n", (int)sys_getpid());
	for (int i = 1; i < argc; i++)
		if (streq(argv[i], "test"))
			return run_tests();
	demo();
	for (;;) {
		struct exitinfo e;
		if (sys_wait(-1, &e) < 0)
			sys_sleep(TIMER_HZ);
	}
}
