/*
 * crossing.h - null system calls and the IPC round trip (crossing.c).
 */
#ifndef USER_BENCH_CROSSING_H
#define USER_BENCH_CROSSING_H

#include "user/bench/harness.h"

#define CROSSING_EP_SLOT     10   /* bench's endpoint to the round trips' server */
#define CROSSING_SERVER_SLOT 1    /* where the server finds its copy */

/* Prints the figures; 0 if one could not be measured. */
int crossing_figures(const struct bench_cfg *c);
/*
 * SMP boots (smp.c): the null calls and the round trip again, the server
 * on CPU 0 with bench, then on CPU 1, named <figure>[_cross]_smp<ncpus>.
 */
int crossing_smp_figures(const struct bench_cfg *c, unsigned ncpus);
/*
 * `bench <role>` (ipcserver, ipcecho), pinned to cpu (-1: anywhere), with
 * a copy of a new endpoint in CROSSING_EP_SLOT; its tid, or -E_x.  The
 * caller stops it (smp_stop) and deletes CROSSING_EP_SLOT.
 */
int crossing_start_server(const char *role, int cpu);
/* `bench ipcserver`: the other end of ipc_call_reply. */
int crossing_server(void);

#endif
