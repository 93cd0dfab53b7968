/*
 * fuzzsup.c - the fuzzer's supervisor and its ticker.  It gives each
 * worker its capabilities (user/fuzz/fuzz.h, WS_*), answers their faults,
 * restarts a worker that has not reported for FZ_STALL ticks, starts a new
 * one when one ends, prints a progress line every FZ_PROGRESS ticks and,
 * after `calls=` calls, the totals; then it exits and init powers off.
 * It waits in ipc_recv on its own endpoint: reports arrive as messages,
 * child events (supervise_bind) and the ticker's beats as bits of its
 * bound notification.
 *
 * Two pumps per shared endpoint keep the workers' IPC moving: one always
 * receives (and answers calls, and faults sent there), one sends
 * whenever a receiver takes its last message (and yields between two);
 * so a worker's send, call or receive on WS_EP_A/B completes within a
 * round of the run queue, even when every other worker waits too.
 */
#include "abi/dma.h"
#include "abi/ipc.h"
#include "user/fuzz/fuzz.h"
#include "user/fuzz/fuzzops.h"
#include "user/lib/ipc.h"
#include "user/lib/ulib.h"

#define SS_PROGRESS 8       /* reports come here */
#define SS_EP_A     9
#define SS_EP_B     10
#define SS_NTF      11
#define SS_SELF     12      /* bound: child events and ticks */
#define SS_EVENTS   13      /* SS_SELF, signal only, badge EV_CHILD: supervise_bind */
#define SS_SCRATCH  14
#define SS_SHARED   15      /* the frame every worker holds a copy of (WS_FRAME) */
#define SS_POOL     16      /* 16..16+MAX_WORKERS-1: worker i's memory comes from here */
#define EV_CHILD    1u
#define EV_TICK     2u

#define MAX_WORKERS  8
#define FZ_STALL     TIMER_HZ
#define FZ_PROGRESS  (2 * TIMER_HZ)
#define SPAWN_GIVEUP (10 * TIMER_HZ)  /* this long without a task slot: the table leaks */
#define POOL_PAGES   (FZ_BUDGET + 8)  /* a worker's budget and what else it may be given */
#define VGA_TEXT     MEM_SUB(0x18, 8) /* 0xB8000-0xBFFFF in the legacy Mmio window */

struct worker {
	int tid;                /* 0: not running */
	unsigned gen;           /* incarnations started by spawn */
	unsigned heard;         /* uptime of the last report */
};

static struct worker workers[MAX_WORKERS];
static unsigned nworkers = 4, seed = 1;
static unsigned target = 100000, total;
static unsigned faults, restarts, stalls, respawns, spawn_fails;
static int ticker;
#define NPUMPS 4
static int pumps[NPUMPS];
static char ku_arg[40] = "";
static int have_memory;     /* init gave us the root memory caps */

static long give(int tid, long made, unsigned dst)
{
	long r = made ? made : sys_cap_transfer(SS_SCRATCH, tid, dst);
	if (made == 0 && r)
		sys_cap_delete(SS_SCRATCH);
	return r;
}

/*
 * A worker's memory: an Untyped budget carved from its own pool, a copy
 * of the shared frame, the VGA text buffer as Mmio.  The pool is revoked
 * first: whatever the last incarnation carved, wherever it went since
 * (another worker, a child), comes back, so the pool never runs dry.
 */
static long give_memory(int tid, unsigned i)
{
	if (!have_memory)
		return 0;
	sys_cap_revoke(SS_POOL + i);
	long r = give(tid, sys_mem_retype(SS_POOL + i, SS_SCRATCH, MEM_UNTYPED, FZ_BUDGET), WS_UNTYPED);
	if (!r) r = give(tid, sys_mem_retype(SS_POOL + i, SS_SCRATCH, MEM_DMABUF, FZ_DMA_PAGES), WS_DMABUF);
	if (!r) r = give(tid, sys_cap_copy(SS_SHARED, SS_SCRATCH), WS_FRAME);
	if (!r) r = give(tid, sys_cap_mint(ROOT_SLOT_MMIO_LEGACY, SS_SCRATCH, VGA_TEXT, MEM_R | MEM_W), WS_MMIO);
	return r;
}

/*
 * Every few seconds the shared frame is revoked under the workers: every
 * copy goes, with every mapping made through one, in every space; the
 * workers alive get a fresh copy where theirs was (if that slot is free).
 */
static void reshare(void)
{
	if (!have_memory)
		return;
	sys_cap_revoke(SS_SHARED);
	for (unsigned i = 0; i < nworkers; i++)
		if (workers[i].tid)
			give(workers[i].tid, sys_cap_copy(SS_SHARED, SS_SCRATCH), WS_FRAME);
}

/*
 * One DMA engine per worker, in turn, when the kernel found any: no worker
 * holds the ports to give its drive a command, so a transfer it starts
 * moves no data; it stays in flight until dma_stop, a revoke of the pool
 * its buffer came from, or the worker's end stops it (docs/dma.md).
 */
static long give_dma(int tid, unsigned i)
{
	struct capinfo ci;
	unsigned engines[DMA_ENGINES], n = 0;
	if (sys_cap_info(ROOT_SLOT_DMA, &ci) || ci.type != CAPT_DMACHAN)
		return 0;
	for (unsigned e = 0; e < DMA_ENGINES; e++)
		if (ci.base & (1u << e))
			engines[n++] = 1u << e;
	return n ? give(tid, sys_cap_mint(ROOT_SLOT_DMA, SS_SCRATCH, engines[i % n], 0), WS_DMACHAN) : 0;
}

static long start_worker(unsigned i)
{
	static const unsigned irq_lines[] = { 3, 5, 9, 10 };
	char args[64];
	struct worker *w = &workers[i];
	fmt_snprintf(args, sizeof(args), "worker %u %u %u ku=%s", i, seed, w->gen, ku_arg);
	int tid = spawn_flags("fuzz", args, SPAWN_SUSPENDED);
	if (tid < 0)
		return tid;
	long r = give(tid, sys_cap_mint(SS_PROGRESS, SS_SCRATCH, i + 1, EPR_SEND), WS_PROGRESS);
	if (!r) r = give(tid, sys_cap_copy(SS_EP_A, SS_SCRATCH), WS_EP_A);
	if (!r) r = give(tid, sys_cap_copy(SS_EP_B, SS_SCRATCH), WS_EP_B);
	if (!r) r = give(tid, sys_cap_copy(SS_NTF, SS_SCRATCH), WS_NTF);
	if (!r) r = give(tid, cap_derive(ROOT_SLOT_IOPORTS, SS_SCRATCH, FZ_PORT_BASE, FZ_PORT_COUNT, IOR_ALL), WS_PORTS);
	if (!r) r = give(tid, sys_cap_copy(ROOT_SLOT_IOPL, SS_SCRATCH), WS_IOPL);
	if (!r) r = give(tid, sys_cap_mint(ROOT_SLOT_IRQ, SS_SCRATCH, 1u << irq_lines[i % 4], 0), WS_IRQ);
	if (!r) r = give(tid, sys_cap_copy(ROOT_SLOT_KLOG, SS_SCRATCH), WS_KLOG);
	if (!r) r = give(tid, sys_cap_mint(ROOT_SLOT_PCICFG, SS_SCRATCH, PCICFG_SUB(FZ_PCI_FN, FZ_PCI_COUNT),
					   PCICFG_R | PCICFG_W), WS_PCICFG);
	if (!r) r = give_memory(tid, i);
	if (!r) r = give_dma(tid, i);
	if (!r) r = sys_resume(tid);
	if (r) {
		printf("FUZZ FAIL setup: cannot give worker %u its caps: %s\n", i, strerror(r));
		exit(3);
	}
	w->tid = tid;
	w->gen++;
	w->heard = (unsigned)sys_uptime();
	return 0;
}

static void start_ticker(void)
{
	int tid = spawn_flags("fuzz", "ticker", SPAWN_SUSPENDED);
	long r = tid < 0 ? tid : give(tid, sys_cap_mint(SS_SELF, SS_SCRATCH, EV_TICK, NTR_SIGNAL), 0);
	if (!r)
		r = sys_resume(tid);
	if (r) {
		printf("FUZZ FAIL setup: cannot start the ticker: %s\n", strerror(r));
		exit(3);
	}
	ticker = tid;
}

/* Pump i: endpoint A or B (i / 2), receiving (even i) or sending (odd). */
static void start_pump(int i)
{
	char args[24];
	fmt_snprintf(args, sizeof(args), "pump %d", i % 2);
	int tid = spawn_flags("fuzz", args, SPAWN_SUSPENDED);
	long r = tid < 0 ? tid : give(tid, sys_cap_copy(i < 2 ? SS_EP_A : SS_EP_B, SS_SCRATCH), 0);
	if (!r)
		r = give(tid, sys_cap_copy(SS_NTF, SS_SCRATCH), 1);
	if (!r)
		r = sys_resume(tid);
	if (r) {
		printf("FUZZ FAIL setup: cannot start pump %d: %s\n", i, strerror(r));
		exit(3);
	}
	pumps[i] = tid;
}

static struct worker *worker_of(int tid)
{
	for (unsigned i = 0; i < nworkers; i++)
		if (workers[i].tid == tid)
			return &workers[i];
	return 0;
}

static void child_events(void)
{
	struct supmsg m;
	while (sys_supervise(&m, SUP_POLL) == 0) {
		if (m.kind == SUP_FAULT) {
			/* Defect 10: a killed worker's children would be left to init. */
			int resumable = m.io_op != IOOP_NONE || m.vector == 3;
			unsigned a = resumable && (seed + faults) % 64 ? FA_RESUME : FA_RESTART;
			if (!ku(10) && (faults % 16) == 15)
				a = FA_KILL;
			faults++;
			restarts += a == FA_RESTART;
			sys_fault_reply(m.tid, a | ((faults % 64) ? FA_QUIET : 0));
			continue;
		}
		struct exitinfo e;
		sys_wait(m.tid, &e);
		struct worker *w = worker_of(m.tid);
		if (w)
			w->tid = 0;
		if (m.tid == ticker)
			start_ticker();
		for (int i = 0; i < NPUMPS; i++)
			if (m.tid == pumps[i])
				start_pump(i);
	}
}

static void print_progress(unsigned now)
{
	printf("FUZZ progress t=%u.%02us calls=%u faults=%u restarts=%u stalls=%u respawns=%u\n",
	       now / TIMER_HZ, now % TIMER_HZ, total, faults, restarts, stalls, respawns);
}

static void tick(void)
{
	static unsigned last_print;
	unsigned now = (unsigned)sys_uptime();
	int short_of_slots = 0;
	for (unsigned i = 0; i < nworkers; i++) {
		struct worker *w = &workers[i];
		if (!w->tid) {
			long r = start_worker(i);
			short_of_slots |= r == -E_AGAIN;
			respawns += r == 0;
			continue;
		}
		if (now - w->heard > FZ_STALL) {
			/* Blocked for good (a receive nobody answers, a long sleep): a fresh start. */
			stalls++;
			w->heard = now;
			if (!ku(10) && stalls % 8 == 7)
				sys_kill(w->tid);
			else
				sys_restart(w->tid);
		}
	}
	spawn_fails = short_of_slots ? spawn_fails + 1 : 0;
	if (spawn_fails * FZ_TICK >= SPAWN_GIVEUP) {
		/* init, this supervisor, the ticker, the pumps; each worker and its children. */
		printf("FUZZ FAIL task-table: no free task slot for a worker for %u ticks; "
		       "the fuzzer itself holds at most %u tasks\n", spawn_fails * FZ_TICK,
		       3 + NPUMPS + nworkers * (1 + KIDS_MAX));
		exit(4);
	}
	if (now - last_print >= FZ_PROGRESS) {
		last_print = now;
		print_progress(now);
		reshare();
	}
}

static void finish(void)
{
	print_progress((unsigned)sys_uptime());
	printf("FUZZ done seed=%u calls=%u faults=%u restarts=%u stalls=%u respawns=%u\n", seed,
	       total, faults, restarts, stalls, respawns);
	exit(0);
}

/* The shared frame and one pool per worker, if init gave us memory. */
static long setup_memory(void)
{
	struct capinfo ci;
	if (sys_cap_info(ROOT_SLOT_UNTYPED, &ci) || ci.type != CAPT_UNTYPED)
		return 0;
	have_memory = 1;
	long r = sys_mem_retype(ROOT_SLOT_UNTYPED, SS_SHARED, MEM_FRAME, 2);
	for (unsigned i = 0; !r && i < nworkers; i++)
		r = sys_mem_retype(ROOT_SLOT_UNTYPED, SS_POOL + i, MEM_UNTYPED, POOL_PAGES);
	return r;
}

static void setup(void)
{
	long r = sys_ep_create(SS_PROGRESS);
	if (!r) r = sys_ep_create(SS_EP_A);
	if (!r) r = sys_ep_create(SS_EP_B);
	if (!r) r = sys_ntf_create(SS_NTF);
	if (!r) r = sys_ntf_create(SS_SELF);
	if (!r) r = sys_cap_mint(SS_SELF, SS_EVENTS, EV_CHILD, NTR_SIGNAL);
	if (!r) r = sys_supervise_bind(SS_EVENTS);
	if (!r) r = sys_ntf_bind(SS_SELF);
	if (!r) r = setup_memory();
	if (r) {
		printf("FUZZ FAIL setup: %s\n", strerror(r));
		exit(3);
	}
	/* Reports carry no caps: a worker's stray cap would fill our slots. */
	utcb()->recv_slot[0] = utcb()->recv_slot[1] = IPC_NO_SLOT;
}

int fuzz_supervisor(int argc, char **argv)
{
	const char *v;
	if ((v = arg_value(argc, argv, "seed")))
		seed = atou(v);
	if ((v = arg_value(argc, argv, "calls")))
		target = atou(v);
	if ((v = arg_value(argc, argv, "tasks")) && atou(v) >= 1 && atou(v) <= MAX_WORKERS)
		nworkers = atou(v);
	if ((v = arg_value(argc, argv, "ku")))
		strlcpy(ku_arg, v, sizeof(ku_arg));
	ku_parse(ku_arg);
	printf("FUZZ start seed=%u calls=%u tasks=%u ku=%s\n", seed, target, nworkers,
	       ku_arg[0] ? ku_arg : "none");
#define X(n, what) if (ku(n)) printf("FUZZ known-unfixed %d left out: %s\n", n, what);
	KNOWN_UNFIXED_LIST(X)
#undef X
	setup();
	start_ticker();
	for (int i = 0; i < NPUMPS; i++)
		start_pump(i);
	for (unsigned i = 0; i < nworkers; i++)
		if (start_worker(i)) {
			printf("FUZZ FAIL setup: cannot start worker %u\n", i);
			return 3;
		}
	for (;;) {
		struct ipc_msg m = { 0, 0, 0, 0 };
		if (ipc_recv(SS_PROGRESS, &m))
			continue;
		unsigned label = IPC_TAG_LABEL(m.tag);
		if (label == IPC_LABEL_NOTIFY) {
			if (m.badge & EV_CHILD)
				child_events();
			if (m.badge & EV_TICK)
				tick();
			continue;
		}
		if (label != FZ_LABEL_PROGRESS || !m.badge || m.badge > nworkers || m.w0 > 4 * FZ_REPORT)
			continue;
		workers[m.badge - 1].heard = (unsigned)sys_uptime();
		total += m.w0;
		if (total >= target)
			finish();
	}
}

int fuzz_pump(int sending)
{
	struct ipc_msg m;
	utcb()->recv_slot[0] = 5;
	utcb()->recv_slot[1] = IPC_NO_SLOT;
	for (unsigned n = 0;; n++) {
		if (sending) {
			m = (struct ipc_msg){ IPC_TAG(n & 7, 2, 0), n, 0, 0 };
			ipc_send(0, &m);
			sys_ntf_signal(1);
			sys_yield();
			continue;
		}
		if (ipc_recv(0, &m)) {
			sys_sleep(1);
			continue;
		}
		sys_cap_delete(5);           /* a cap sent along: taken, then dropped */
		unsigned label = IPC_TAG_LABEL(m.tag) == IPC_LABEL_FAULT ? (n % 3 ? FA_KILL : FA_RESTART) | FA_QUIET
									: 0;
		m = (struct ipc_msg){ IPC_TAG(label, 2, 0), n, 0, 0 };
		ipc_reply(&m);               /* E_DEAD unless it was a call */
	}
}

int fuzz_ticker(void)
{
	for (;;) {
		sys_sleep(FZ_TICK);
		sys_ntf_signal(0);
	}
}
