/*
 * fuzzops.c - calls with generated arguments.  Every system call of
 * SYSCALL_LIST is reachable: a number the generator knows nothing about
 * gets a mix of slot, tid, pointer, length and word arguments, so a call
 * added to the list is fuzzed without a change here.  The few calls below
 * get arguments shaped to get past their first check more often, and the
 * operations KNOWN_UNFIXED leaves out are filtered here.
 */
#include "user/lib/i386/uarch.h"
#include "abi/dma.h"
#include "abi/ipc.h"
#include "user/fuzz/fuzzops.h"
#include "user/lib/ulib.h"

static uint32_t counts[SYS_COUNT + 1][E_COUNT + 1];
static uint32_t pending;

uint32_t fz_pending_calls(void)
{
	return pending;
}

void fz_count(uint32_t nr, long result)
{
	uint32_t n = nr < SYS_COUNT ? nr : SYS_COUNT;
	uint32_t e = result >= 0 ? 0 : (uint32_t)-result < E_COUNT ? (uint32_t)-result : E_COUNT;
	counts[n][e]++;
	pending++;
}

long fz_call(uint32_t nr, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
	long r = rng_chance(&fz_rng, 1, 4) ? syscall_sysenter(nr, a0, a1, a2, a3)
					   : syscall_int80(nr, a0, a1, a2, a3);
	fz_count(nr, r);
	return r;
}

long fz_ipc(uint32_t nr, uint32_t slot, struct ipc_msg *m)
{
	long r = ipc_sys(nr, slot, m);
	fz_count(nr, r);
	return r;
}

/* "FZC who nr.err=count ..." (numbers: the host names them from the ABI headers). */
unsigned fz_flush_counts(const char *who)
{
	char line[512];
	unsigned total = 0;
	int len = fmt_snprintf(line, sizeof(line), "FZC %s", who);
	for (uint32_t n = 0; n <= SYS_COUNT; n++)
		for (uint32_t e = 0; e <= E_COUNT; e++) {
			if (!counts[n][e])
				continue;
			total += counts[n][e];
			if (len > (int)sizeof(line) - 24) {
				line[len++] = '\n';
				sys_write(line, (unsigned)len);
				len = fmt_snprintf(line, sizeof(line), "FZC %s", who);
			}
			len += fmt_snprintf(line + len, sizeof(line) - (size_t)len, " %u.%u=%u", n, e,
					    counts[n][e]);
			counts[n][e] = 0;
		}
	line[len++] = '\n';
	sys_write(line, (unsigned)len);
	pending = 0;
	return total;
}

int slot_holds(uint32_t slot, int type)
{
	struct capinfo ci;
	return sys_cap_info(slot & ~IPC_CAP_MOVE, &ci) == 0 && ci.type == type;
}

uint32_t gen_tid(struct rng *r)
{
	int me = (int)sys_getpid();
	switch (rng_below(r, 10)) {
	case 0: case 1: case 2: {
		const struct kid *k = &kids[rng_below(r, KIDS_MAX)];
		return k->tid ? (uint32_t)k->tid : (uint32_t)me;
	}
	case 3: return (uint32_t)me;
	case 4: return 1;                                  /* init */
	case 5: return (uint32_t)me + 64 * (1 + rng_below(r, 3));   /* my slot, another generation */
	case 6: return 2 + rng_below(r, 64);               /* somebody */
	case 7: return 0;
	case 8: return 0xFFFFFFFFu;                        /* -1 */
	default: return gen_word(r);
	}
}

/*
 * The worker's lifeline (its report endpoint) and the pumped objects stay
 * in their slots: a worker that lost them would only stall.  Their copies
 * elsewhere are fair game.
 */
int fz_lifeline(uint32_t slot)
{
	return fz_is_worker && (slot & ~IPC_CAP_MOVE) <= WS_NTF;
}

static uint32_t not_lifeline(uint32_t slot)
{
	return fz_lifeline(slot) ? WS_FIRST_FREE : slot;
}

void fz_utcb_sanitize(void)
{
	struct utcb *u = utcb();
	for (int i = 0; i < IPC_CAPS; i++) {
		uint32_t s = u->send_cap[i];
		if (!(s & IPC_CAP_MOVE))
			continue;
		if (fz_lifeline(s) ||
		    (ku(2) && slot_holds(s, CAPT_IRQ)))
			u->send_cap[i] = s & ~IPC_CAP_MOVE;
	}
}

static uint32_t gen_any(struct rng *r)
{
	switch (rng_below(r, 5)) {
	case 0: return gen_slot(r);
	case 1: return gen_tid(r);
	case 2: return gen_ptr(r, (uint32_t)fz_buf, FZ_BUF);
	case 3: return gen_len(r);
	default: return gen_word(r);
	}
}

/*
 * A dma_req at the end of the UTCB page: mostly the shape dma_start
 * checks (a direction, IDE's mode 0, 1-8 segments of the worker's buffer
 * at even offsets and lengths), now and then any word in any field.
 */
static uint32_t gen_dma_req(struct rng *r)
{
	struct dma_req *q = (struct dma_req *)(fz_buf + FZ_BUF - sizeof(struct dma_req));
	q->dir = rng_chance(r, 7, 8) ? DMA_TO_DEVICE + rng_below(r, 2) : gen_word(r);
	q->mode = rng_chance(r, 7, 8) ? 0 : gen_word(r);
	q->nseg = rng_chance(r, 7, 8) ? 1 + rng_below(r, DMA_MAX_SEGS) : gen_word(r);
	for (unsigned i = 0; i < DMA_MAX_SEGS; i++) {
		struct dma_seg *s = &q->seg[i];
		s->buf_slot = rng_chance(r, 3, 4) ? WS_DMABUF : gen_slot(r);
		s->offset = rng_chance(r, 3, 4) ? rng_below(r, FZ_DMA_PAGES * 4096) & ~1u : gen_len(r);
		s->len = rng_chance(r, 3, 4) ? 2 * (1 + rng_below(r, 2048)) : gen_len(r);
	}
	return (uint32_t)q;
}

/*
 * DMA on the worker's own engine: a start (mostly well formed); now and
 * then its buffer's cap copied, revoked or deleted while the transfer may
 * be in flight; then mostly a stop.  A transfer left running meets the
 * next start (E_BUSY), a revoke of the pool, or the worker's end.
 */
void fz_dma_op(void)
{
	struct rng *r = &fz_rng;
	fz_call(SYS_dma_start, WS_DMACHAN, gen_dma_req(r), 0, 0);
	switch (rng_below(r, 8)) {
	case 0: fz_call(SYS_cap_copy, WS_DMABUF, WS_FIRST_FREE + rng_below(r, 32 - WS_FIRST_FREE), 0, 0); break;
	case 1: fz_call(SYS_cap_revoke, WS_DMABUF, 0, 0, 0); break;
	case 2: fz_call(SYS_cap_delete, rng_chance(r, 3, 4) ? WS_DMABUF : WS_DMACHAN, 0, 0, 0); break;
	default: break;
	}
	if (rng_chance(r, 3, 4))
		fz_call(SYS_dma_stop, WS_DMACHAN, 0, 0, 0);
	/* The kernel's canaries after it (the invariant checker looks too, every 64 calls). */
	if (rng_chance(r, 1, 4))
		fz_call(SYS_dma_audit, WS_DMACHAN, (uint32_t)(fz_buf + FZ_BUF - sizeof(struct dma_audit)), 0, 0);
}

static const char printable[] = "\nfuzz: a write with a generated length\n";

/* The call's arguments, shaped for what it decodes; 0 = leave this call out. */
static int shape(uint32_t nr, uint32_t *a)
{
	struct rng *r = &fz_rng;
	int me = (int)sys_getpid();
	struct kid *k;
	switch (nr) {
	case SYS_exit:
	case SYS_spawn:
		return 0;                 /* the worker's own operations do these (fuzzwork.c) */
	case SYS_write:
		a[0] = rng_chance(r, 3, 4) ? (uint32_t)printable : gen_ptr(r, (uint32_t)printable, 8);
		a[1] = rng_chance(r, 3, 4) ? rng_below(r, sizeof(printable)) : gen_len(r);
		/* A good pointer with a long length prints the fuzzer's memory: keep the log readable. */
		if (a[1] > sizeof(printable) && a[1] < 0x10000)
			a[1] = 0;
		return 1;
	case SYS_sleep:
		a[0] = rng_chance(r, 511, 512) ? rng_below(r, 4) : gen_word(r);
		return 1;
	case SYS_kill:
	case SYS_fault_reply:
		a[0] = gen_tid(r);
		k = kid_find((int)a[0]);
		/* Defect 7: a kill of a child stopped on a fault (then fault_reply or exit) panics. */
		if (ku(7) && nr == SYS_kill && k && kid_may_fault(k))
			return 0;
		/* Defect 10: a worker that kills itself leaves its children to init. */
		if (ku(10) && nr == SYS_kill && (int)a[0] == me)
			return 0;
		return 1;
	case SYS_fault_ep:
		a[0] = gen_tid(r);
		a[1] = rng_chance(r, 1, 4) ? FAULT_EP_NONE : gen_slot(r);
		k = kid_find((int)a[0]);
		/* Defect 8: fault_ep on a zombie child leaks the endpoint. */
		if (ku(8) && k && !kid_surely_alive(k))
			return 0;
		return 1;
	case SYS_ntf_bind:
		a[0] = gen_slot(r);
		return !ku(3) || a[0] == IPC_NO_SLOT;   /* defect 3 */
	case SYS_cap_delete:
		a[0] = not_lifeline(gen_slot(r));
		return 1;
	case SYS_cap_revoke:         /* a lifeline may be revoked: only what was derived from it goes */
		a[0] = gen_slot(r);
		return !(ku(4) && slot_holds(a[0], CAPT_ENDPOINT));   /* defect 4 */
	case SYS_cap_transfer:
		a[0] = not_lifeline(gen_slot(r));
		a[1] = gen_tid(r);
		a[2] = gen_slot(r);
		return !(ku(2) && slot_holds(a[0], CAPT_IRQ));        /* defect 2 */
	/*
	 * Calls that can wait for good are shaped so that they seldom do (a
	 * stalled worker is restarted after a second, and loses the calls it
	 * has not reported; at thousands of calls a second, one in a thousand
	 * is already most of the time): supervise polls, wait only where
	 * nothing is alive to wait for, sleeps are short, receives go to the
	 * pumped endpoints.
	 */
	case SYS_supervise:
		a[0] = rng_chance(r, 3, 4) ? (uint32_t)fz_buf : gen_ptr(r, (uint32_t)fz_buf, FZ_BUF);
		a[1] = rng_chance(r, 511, 512) ? SUP_POLL | (gen_word(r) & ~1u) : gen_word(r);
		return 1;
	case SYS_wait:
		a[0] = rng_chance(r, 1, 2) ? 0xFFFFFFFFu : gen_tid(r);
		a[1] = gen_ptr(r, (uint32_t)fz_buf, FZ_BUF);
		k = kid_find((int)a[0]);
		return !(k || (a[0] == 0xFFFFFFFFu && kids_alive()));
	case SYS_ntf_wait:
		a[0] = rng_chance(r, 1023, 1024) ? WS_NTF : gen_slot(r);
		return 1;
	case SYS_ipc_recv:
	case SYS_ipc_send:
	case SYS_ipc_call:
	case SYS_ipc_reply:
	case SYS_ipc_reply_recv:
		fz_utcb_sanitize();
		/* Mostly the shared endpoints, which the supervisor's pumps keep moving. */
		a[0] = rng_chance(r, 1023, 1024) ? WS_EP_A + rng_below(r, 2) : gen_slot(r);
		a[1] = rng_chance(r, 3, 4) ? IPC_TAG(rng_below(r, 8), rng_below(r, 30), rng_below(r, 4))
					   : gen_word(r);
		a[2] = gen_word(r);
		a[3] = gen_word(r);
		return 1;
	case SYS_dma_start:
	case SYS_dma_stop:
		a[0] = rng_chance(r, 3, 4) ? WS_DMACHAN : gen_slot(r);
		if (nr == SYS_dma_start)
			a[1] = rng_chance(r, 7, 8) ? gen_dma_req(r) : gen_ptr(r, (uint32_t)fz_buf, FZ_BUF);
		return 1;
	case SYS_dma_audit:
		a[0] = rng_chance(r, 3, 4) ? WS_DMACHAN : gen_slot(r);
		a[1] = gen_ptr(r, (uint32_t)fz_buf, FZ_BUF);
		return 1;
	case SYS_pci_cfg_read:
	case SYS_pci_cfg_write:
		/* Mostly the worker's own functions, any offset and width: the write rule is what is tried. */
		a[0] = rng_chance(r, 3, 4) ? WS_PCICFG : gen_slot(r);
		a[1] = rng_chance(r, 3, 4) ? (FZ_PCI_FN + rng_below(r, FZ_PCI_COUNT)) << 8 | rng_below(r, 256)
					   : gen_word(r);
		a[2] = rng_chance(r, 7, 8) ? 1u << rng_below(r, 3) : gen_word(r);
		a[3] = nr == SYS_pci_cfg_write || rng_chance(r, 1, 4) ? gen_word(r)
								       : gen_ptr(r, (uint32_t)fz_buf, FZ_BUF);
		return 1;
	case SYS_mem_retype:
	case SYS_mem_map:
	case SYS_mem_unmap:
	case SYS_mem_protect:
		if (rng_chance(r, 1, 4))
			for (int i = 0; i < 4; i++)
				a[i] = gen_any(r);
		else
			fz_mem_shape(nr, a);
		return 1;
	default:
		for (int i = 0; i < 4; i++)
			a[i] = gen_any(r);
		return 1;
	}
}

void fz_raw_call(void)
{
	uint32_t a[4] = { 0, 0, 0, 0 };
	uint32_t nr = rng_chance(&fz_rng, 1, 50) ? SYS_COUNT + rng_below(&fz_rng, 4)
						: rng_below(&fz_rng, SYS_COUNT);
	if (nr < SYS_COUNT && !shape(nr, a))
		return;
	if (nr >= SYS_COUNT)
		for (int i = 0; i < 4; i++)
			a[i] = gen_any(&fz_rng);
	/* A supervise or wait that lands on our buffer may tell of or reap a child. */
	if (nr == SYS_supervise || nr == SYS_wait)
		memset(fz_buf, 0, sizeof(struct supmsg));
	long r = fz_call(nr, a[0], a[1], a[2], a[3]);
	if (nr == SYS_supervise && r == 0 && a[0] == (uint32_t)fz_buf)
		kid_handle_event((const struct supmsg *)fz_buf);
	if (nr == SYS_wait && r > 0)
		kid_forget((int)r);
	struct kid *k = nr == SYS_kill && r == 0 ? kid_find((int)a[0]) : 0;
	if (k)
		k->killed = 1;
}
