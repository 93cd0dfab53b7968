/*
 * ports.h - the port-access figures: one `in` four ways, a denied `in`
 * trapped to a supervisor and resumed, and granting and revoking a range
 * (ports.c).
 */
#ifndef USER_BENCH_PORTS_H
#define USER_BENCH_PORTS_H

#include "user/bench/harness.h"

/* bench's slots: from init (ROOT_SLOT_IOPORTS, ROOT_SLOT_IOPL, ROOT_SLOT_IRQ). */
#define BENCH_SLOT_ALL  0   /* IoPorts(0x0000-0xFFFF) */
#define BENCH_SLOT_IOPL 1   /* Iopl */
#define BENCH_SLOT_IRQ  2   /* Irq(every line but 0 and 2): the disk figures' driver gets line 14 */
#define BENCH_SLOT_DMA  ROOT_SLOT_DMA   /* DmaChan, if the kernel found a bus master: the DMA disk figures */

/* The range the grant and revoke figures hand out (ports.c, revoke.c): COM2, which no driver holds. */
#define BENCH_COM2_BASE  0x2F8
#define BENCH_COM2_COUNT 8

/* Prints the figures; 0 if one could not be measured. */
int ports_figures(const struct bench_cfg *c);
/*
 * grant_revoke as name: its holder suspended (holder_cpu < 0) or spinning
 * on holder_cpu; with ipis, the IPIs per operation too.
 */
int ports_grant_figure(const struct bench_cfg *c, const char *name, int holder_cpu, int ipis);
/* grant_revoke_extent_<n>: grant_revoke over n ports (1, 8, 64, 512); 0 on a failure. */
int ports_grant_extent_figures(const struct bench_cfg *c);
/* `bench trapper ...`: the child whose denied `in`s bench supervises. */
int ports_trapper(int argc, char **argv);

#endif
