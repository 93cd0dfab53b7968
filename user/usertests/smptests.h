/*
 * smptests.h - the SMP properties of issue 14 (docs/smp.md), attacked from
 * ring 3 with real parallel CPUs (QEMU runs each vCPU in a thread of its
 * own): a task pinned to one CPU uses a port, IOPL or a page while
 * usertests, on another, takes it away, and counts every use that came
 * after the call returned (user/progs/smpprobe.c).  smpio.c has the ports
 * and IOPL, smpmem.c the pages and the shootdown's targets, smpsched.c
 * kill, restart, IPC and affinity; smputil.c the common part.  On one CPU
 * each test reports itself skipped.
 *
 * Slots: 22-27 and 9 (ipc_fresh() empties them).  Our counter page is
 * mapped at SMP_OWN_C, the page under test at SMP_OWN_D; a child's at
 * SMP_KID_C and SMP_KID_D (both in the stack's region, whose page table
 * exists).
 */
#ifndef USER_USERTESTS_SMPTESTS_H
#define USER_USERTESTS_SMPTESTS_H

#include "user/usertests/ipctests.h"

#define SMP_BUDGET 22      /* this test's Untyped */
#define SMP_CNT    23      /* the counter page */
#define SMP_DATA   24      /* the page under test */
#define SMP_MID    25      /* the cap usertests revokes */
#define SMP_ABOVE  26      /* the cap above it */
#define SMP_GIVE   27      /* hands a cap to a child */

#define SMP_PAGE   4096u
#define SMP_OWN_C  0xBFC00000u
#define SMP_OWN_D  0xBFC01000u
#define SMP_KID_C  0xBFC00000u
#define SMP_KID_D  0xBFC01000u
#define SMP_PORT   0x2F9u        /* no device (iotests' range) */
#define SMP_MAGIC  0x5EE1F00Du
#define SMP_NEW    0x0BADC0DEu   /* what usertests writes after the call returned */

/*
 * Runs body on a machine with at least 2 CPUs (else: skipped), with
 * usertests pinned to CPU 0, a fresh budget, the counter page made and
 * mapped; afterwards, whatever body returned, unpins, ends every child and
 * deletes every cap it made.
 */
int smp_run(int (*body)(void));
/* CPUs online. */
unsigned smp_cpus(void);
/* The counter page, zeroed. */
volatile unsigned *smp_counter(void);
/*
 * prog with args (%x: SMP_KID_C), suspended, pinned to cpu, the counter
 * page mapped read-write at SMP_KID_C; a peer ipc_fresh() ends.
 */
int smp_child(const char *prog, const char *args, int cpu);
/* Whether tid runs on cpu right now. */
int smp_on_cpu(int tid, int cpu);
/* Waits (5 s at most) until tid runs on cpu; 0 or -1. */
int smp_wait_on_cpu(int tid, int cpu);
/* Waits until c[0] has grown by n, with no event about tid; 0 or -1. */
int smp_progress(int tid, volatile unsigned *c, unsigned n);
/* The next supervise() event about tid (5 s at most); 0 or -1. */
int smp_event(int tid, struct supmsg *m);
/* Kills tid (stopped at a fault or running) and reaps it; 0 or -1. */
int smp_end(int tid);

int t_smp_io_revoke_across_cpus(void);
int t_smp_io_delete_mid_then_revoke(void);
int t_smp_io_move_mid_then_revoke(void);
int t_smp_io_lose_after_moving_cpus(void);
int t_smp_iopl_revoke_across_cpus(void);
int t_smp_unmap_across_cpus(void);
int t_smp_frame_reuse_across_cpus(void);
int t_smp_protect_across_cpus(void);
int t_smp_shootdown_only_where_live(void);
int t_smp_kill_on_other_cpu(void);
int t_smp_restart_on_other_cpu(void);
int t_smp_ipc_across_cpus(void);
int t_smp_affinity_errors(void);
int t_smp_move_while_running(void);

#endif
