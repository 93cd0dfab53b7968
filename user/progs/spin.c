/*
 * spin.c - CPU-bound helpers for scheduling tests and the demo.
 *   spin              loop forever without a system call (only preemption
 *                     lets anyone else run)
 *   spin count X N    print "X i" N times, busy-waiting between lines
 *   spin ticker       sleep one tick at a time forever
 *   spin leaf         call uptime forever: only sysenter leaf calls, which
 *                     never build a trap frame
 */
#include "user/lib/ulib.h"

static volatile unsigned sink;

static void busy(unsigned ticks)
{
	unsigned until = (unsigned)sys_uptime() + ticks;
	while ((unsigned)sys_uptime() < until)
		sink++;
}

int main(int argc, char **argv)
{
	if (argc >= 4 && streq(argv[1], "count")) {
		int n = 0;
		for (const char *p = argv[3]; *p; p++)
			n = n * 10 + (*p - '0');
		for (int i = 1; i <= n; i++) {
			printf("spin %s: %d of %d\n", argv[2], i, n);
			busy(3);
		}
		return 0;
	}
	if (argc >= 2 && streq(argv[1], "ticker"))
		for (;;)
			sys_sleep(1);
	if (argc >= 2 && streq(argv[1], "leaf"))
		for (;;)
			sink += (unsigned)sys_uptime();
	for (;;)
		sink++;
}
