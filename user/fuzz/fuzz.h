/*
 * fuzz.h - the ring-3 system call fuzzer (docs/fuzz.md).  One program,
 * five roles by its first argument:
 *   (none)   the supervisor, started by init for `fuzz seed=S calls=N`:
 *            starts the workers, answers their faults, restarts them when
 *            they stall, counts, and ends the run (fuzzsup.c)
 *   worker   calls every system call with boundary and random arguments,
 *            talks to the other workers with caps, spawns, supervises and
 *            kills children, plays EFLAGS games (fuzzwork.c, fuzzops.c)
 *   child    a worker's child: exits, faults, spins, blocks (fuzzchild.c)
 *   ticker   signals the supervisor every FZ_TICK ticks (fuzzsup.c)
 *   pump     keeps a shared endpoint moving (fuzzsup.c)
 * Every random choice comes from a per-task xorshift generator seeded from
 * (seed, worker index, incarnation), so a seed names a run (fuzzrand.c).
 */
#ifndef USER_FUZZ_FUZZ_H
#define USER_FUZZ_FUZZ_H

#include <stdint.h>
#include "abi/errno.h"
#include "abi/syscalls.h"

/*
 * Known, still-unfixed defects (issue 11).  Each entry names an operation
 * that triggers one; the fuzzer leaves it out when the run's `ku=` list
 * (boot argument, from KNOWN_UNFIXED in tests/fuzz/fuzz.mk) names its
 * number, so `make test` stays green until the fix is merged.  Delete the
 * number from KNOWN_UNFIXED once the fix is in; `make fuzz KNOWN_UNFIXED=`
 * runs with nothing left out.
 */
#define KNOWN_UNFIXED_LIST(X)                                                             \
	X(1, "iret/popf with EFLAGS.VM=1: QEMU enters vm86 from ring 3, the kernel panics")   \
	X(2, "moving an Irq cap (cap_transfer or IPC_CAP_MOVE) keeps the old binding")       \
	X(3, "ntf_bind, then losing the cap, keeps the binding")                             \
	X(4, "revoking an endpoint cap leaves a queued receiver receiving")                  \
	X(7, "kill of a child stopped on a fault, then fault_reply or exit: kernel panic")   \
	X(8, "fault_ep on a zombie child leaks an endpoint reference")                       \
	X(10, "children left blocked or suspended when their parent ends fill the table")

#define KU_MAX 32
extern uint32_t fz_ku;           /* bit n set: leave out what triggers defect n */
static inline int ku(int n)
{
	return (fz_ku >> n) & 1;
}
void ku_parse(const char *list);  /* "1,2,7" */

/* The worker's capabilities, as the supervisor gives them. */
#define WS_PROGRESS 0    /* the supervisor's endpoint: send only, badge = worker index + 1 */
#define WS_EP_A     1    /* endpoints all workers share (all rights) */
#define WS_EP_B     2
#define WS_NTF      3    /* a notification all workers share */
#define WS_PORTS    4    /* IoPorts(FZ_PORT_BASE, FZ_PORT_COUNT): ports nothing uses */
#define WS_IOPL     5
#define WS_IRQ      6    /* Irq(one line no device drives) */
#define WS_KLOG     7
#define WS_UNTYPED  8    /* a budget of FZ_BUDGET pages (page tables come from it too) */
#define WS_FRAME    9    /* a copy of the frame all workers share */
#define WS_MMIO     10   /* Mmio(the VGA text buffer, 0xB8000, 8 pages) */
#define WS_PCICFG   11   /* PciCfg(FZ_PCI_FN..+FZ_PCI_COUNT-1), read and write: functions nothing answers */
#define WS_DMACHAN  12   /* DmaChan of one engine the kernel found (worker i: the (i mod n)-th), if any */
#define WS_DMABUF   13   /* a DmaBuffer of FZ_DMA_PAGES from the worker's pool */
#define WS_FIRST_FREE 14

#define FZ_PORT_BASE  0x2E0u    /* COM4 and COM2: absent from this machine */
#define FZ_PORT_COUNT 32u
/* Bus 255, device 31: no function there on QEMU or Bochs, so a write that passes the kernel's rule lands nowhere. */
#define FZ_PCI_FN     PCICFG_FN(255, 31, 0)
#define FZ_PCI_COUNT  8u
#define FZ_DMA_PAGES  2u
#define FZ_BUDGET     32u       /* pages of a worker's Untyped */
#define FZ_TICK       10u       /* ticks between the ticker's signals */
#define FZ_REPORT     128u      /* calls between a worker's reports */
#define FZ_LABEL_PROGRESS 0x46u /* a worker's report: w0 = calls since the last */

/* ---- the generator (fuzzrand.c) ---- */
struct rng {
	uint32_t s;
};
void rng_seed(struct rng *r, uint32_t seed, uint32_t stream, uint32_t incarnation);
uint32_t rng_next(struct rng *r);
/* Uniform in [0, n); 0 when n is 0. */
uint32_t rng_below(struct rng *r, uint32_t n);
/* 1 with probability num/den. */
int rng_chance(struct rng *r, uint32_t num, uint32_t den);

/* Boundary-biased arguments (fuzzrand.c). */
uint32_t gen_slot(struct rng *r);
uint32_t gen_len(struct rng *r);
uint32_t gen_word(struct rng *r);
/* A user address: a good buffer, or one in/near unmapped, kernel, guard, read-only or page-crossing ranges. */
uint32_t gen_ptr(struct rng *r, uint32_t good, uint32_t good_len);

/* ---- counting (fuzzwork.c) ---- */
/* A counted system call: int 0x80 or sysenter, as the generator picks. */
long fz_call(uint32_t nr, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3);
void fz_count(uint32_t nr, long result);
extern struct rng fz_rng;

/* ---- the roles ---- */
int fuzz_supervisor(int argc, char **argv);
int fuzz_worker(int argc, char **argv);
int fuzz_child(int argc, char **argv);
int fuzz_ticker(void);
int fuzz_pump(int sending);

#endif
