/*
 * fuzzops.h - what workers and children share: the counted calls, the
 * raw-call generator, and the children a task keeps track of.
 */
#ifndef USER_FUZZ_FUZZOPS_H
#define USER_FUZZ_FUZZOPS_H

#include "user/fuzz/fuzz.h"
#include "user/lib/ipc.h"

/* A worker's children and what they were started to do. */
enum kid_mode { KM_EXIT, KM_UD2, KM_SPIN, KM_BLOCK, KM_CALLS, KM_PF, KM_IO, KM_GARBAGE,
		KM_COUNT, KM_UNKNOWN = KM_COUNT };
#define KIDS_MAX 4
struct kid {
	int tid;               /* 0: free entry */
	int mode;
	int killed;            /* a kill succeeded: it is or will be a zombie */
};
extern struct kid kids[KIDS_MAX];
extern int fz_is_worker;

/*
 * Where every "good" pointer points: the UTCB page.  Guard pages lie on
 * both sides, so whatever the kernel writes there for a generated length
 * stays there (or is refused), and the fuzzer's own variables are safe;
 * the IPC operations rewrite the UTCB's cap slots before each call.
 */
#define FZ_BUF 4096u
#define fz_buf ((uint8_t *)UTCB_ADDR)

/* Counted IPC (user/lib/ipc.h's ipc_sys). */
long fz_ipc(uint32_t nr, uint32_t slot, struct ipc_msg *m);
/* One system call of any number with generated arguments; filters what KNOWN_UNFIXED leaves out. */
void fz_raw_call(void);
/* dma_start on WS_DMACHAN, perhaps a cap operation on WS_DMABUF meanwhile, perhaps dma_stop. */
void fz_dma_op(void);
/* A tid worth trying: self, a child, a stale one, init, nonsense. */
uint32_t gen_tid(struct rng *r);
/* Calls counted since the last fz_flush_counts. */
uint32_t fz_pending_calls(void);
/* Prints the counts so far as FZC lines (the host adds them up) and clears them. */
unsigned fz_flush_counts(const char *who);
/* Scrubs the UTCB's cap slots of moves KNOWN_UNFIXED forbids and of the lifeline. */
void fz_utcb_sanitize(void);
/* Slots a worker keeps (WS_PROGRESS..WS_NTF): never deleted, moved or given away. */
int fz_lifeline(uint32_t slot);
/* Whether cap slot holds a cap of this ABI type (cap_info, not counted). */
int slot_holds(uint32_t slot, int type);

/* Memory (fuzzmem.c): one operation; the raw generator's arguments for the mem_* calls. */
void op_mem(void);
void fz_mem_shape(uint32_t nr, uint32_t *a);
uint32_t gen_va(struct rng *r);
uint32_t gen_map_flags(struct rng *r);

/* Children (fuzzwork.c). */
struct kid *kid_find(int tid);
void kid_forget(int tid);
int kid_may_fault(const struct kid *k);
/* Defect 8's filter: a child that cannot be a zombie yet (it never ends by itself, nobody killed it). */
int kid_surely_alive(const struct kid *k);
/* Children in the table. */
int kids_alive(void);
/* Answers children's faults and reaps the exited ones (supervise with SUP_POLL). */
void kids_events(void);
void kid_handle_event(const struct supmsg *m);

#endif
