/*
 * bench.c - the benchmarks, run in ring 3 (docs/bench.md).  init starts it
 * with IoPorts(all) in slot 0, Iopl in slot 1, its Untyped in slot 28
 * (ROOT_SLOT_UNTYPED), and the boot's arguments:
 *   bench accel=A [batches=N] [iters=N] [iobitmap=eager] [smp] [probe]
 * It prints a banner, then one BENCH line per figure (harness.h), and
 * exits 0 only if every figure was measured.  "probe" stops after the
 * banner: bench/run.sh boots that to see whether an accelerator works.
 * With iobitmap=eager (the kernel reads the same word) only the figures
 * that compare the two bitmap schemes run; with smp (a boot with several
 * CPUs), only the SMP figures (smp.c).
 *   bench yielder ...    one half of a ping-pong pair (pingpong.c)
 *   bench ipcserver      the server of the IPC round trip (crossing.c)
 *   bench ipcecho        the server of the words and caps curves (ipcsize.c)
 *   bench trapper ...    the child whose denied `in`s bench supervises (ports.c)
 *   bench grantee        never runs: grant_revoke's target (ports.c), and a
 *                        space mem_revoke maps into (memory.c)
 *   bench spinner        spins on its CPU: a holder or a space that is live (smp.c)
 */
#include "user/bench/crossing.h"
#include "user/bench/disk.h"
#include "user/bench/harness.h"
#include "user/bench/ipcsize.h"
#include "user/bench/memory.h"
#include "user/bench/pingpong.h"
#include "user/bench/ports.h"
#include "user/bench/revoke.h"
#include "user/bench/smp.h"
#include "user/bench/switchcurve.h"
#include "user/lib/ulib.h"

int main(int argc, char **argv)
{
	struct bench_cfg c;
	if (arg_has(argc, argv, "yielder"))
		return pingpong_yielder(argc, argv);
	if (arg_has(argc, argv, "ipcserver"))
		return crossing_server();
	if (arg_has(argc, argv, "ipcecho"))
		return ipcsize_server();
	if (arg_has(argc, argv, "trapper"))
		return ports_trapper(argc, argv);
	if (arg_has(argc, argv, "grantee"))
		return 0;
	if (arg_has(argc, argv, "spinner"))
		smp_spinner();
	int eager = arg_has(argc, argv, "iobitmap=eager");
	int smp = arg_has(argc, argv, "smp");
	bench_config(&c, argc, argv);
	printf("bench: Portcullis benchmarks accel=%s unit=%s batches=%u iters=%u iobitmap=%s%s\n",
	       c.accel, c.unit, c.batches, c.iters, eager ? "eager" : "extent", smp ? " smp" : "");
	if (arg_has(argc, argv, "probe"))
		return 0;
	bench_calibrate(&c);
	/* Every boot measures its own loop to take off, but the first boot reports it. */
	bench_loop_overhead(&c, !eager && !smp);
	int ok;
	if (smp) {
		ok = smp_figures(&c);
	} else {
		ok = eager || (crossing_figures(&c) && ports_figures(&c) && revoke_figures(&c) &&
			       memory_figures(&c));
		ok &= pingpong_figures(&c, eager);
		/* The curves after every older figure: those keep the kernel state they were measured in. */
		ok &= eager || (ipcsize_figures(&c) && ports_grant_extent_figures(&c) &&
				switchcurve_figures(&c));
		ok &= eager || disk_figures(&c);
	}
	printf("bench: %s\n", ok ? "done" : "FAILED");
	return ok ? 0 : 1;
}
