/*
 * fuzzwork.c - a fuzzer worker: forever, one operation chosen at random
 * (weights below), every system call counted by number and result; every
 * FZ_REPORT calls the counts go to the log (FZC lines) and their number
 * to the supervisor, which takes silence for a stall.
 */
#include "user/lib/i386/uarch.h"
#include "abi/ipc.h"
#include "user/fuzz/fuzzgames.h"
#include "user/fuzz/fuzzops.h"
#include "user/lib/ulib.h"

struct rng fz_rng;
struct kid kids[KIDS_MAX];
int fz_is_worker;
static unsigned windex;
static char who[16];

/* ---- children ---- */

struct kid *kid_find(int tid)
{
	for (int i = 0; i < KIDS_MAX; i++)
		if (kids[i].tid && kids[i].tid == tid)
			return &kids[i];
	return 0;
}

void kid_forget(int tid)
{
	struct kid *k = kid_find(tid);
	if (k)
		k->tid = 0;
}

int kid_may_fault(const struct kid *k)
{
	return k->mode == KM_UD2 || k->mode == KM_PF || k->mode == KM_IO || k->mode == KM_GARBAGE ||
	       k->mode == KM_UNKNOWN;
}

int kid_surely_alive(const struct kid *k)
{
	return k->tid && !k->killed && (k->mode == KM_SPIN || k->mode == KM_BLOCK);
}

static unsigned fault_action(int io)
{
	static const unsigned acts[] = { FA_KILL, FA_RESUME, FA_RESTART, 0, 7 };
	unsigned a = io && rng_chance(&fz_rng, 1, 2) ? FA_RESUME : acts[rng_below(&fz_rng, 5)];
	return a | (rng_chance(&fz_rng, 7, 8) ? FA_QUIET : 0);
}

void kid_handle_event(const struct supmsg *m)
{
	if (m->kind == SUP_FAULT) {
		/* A refused answer (resume of a ud2, a bad action) would leave it stopped: kill then. */
		if (fz_call(SYS_fault_reply, (uint32_t)m->tid, fault_action(m->io_op != IOOP_NONE), 0,
			    0) < 0)
			fz_call(SYS_fault_reply, (uint32_t)m->tid, FA_KILL | FA_QUIET, 0, 0);
	} else if (m->kind == SUP_EXIT) {
		struct exitinfo e;
		if (fz_call(SYS_wait, (uint32_t)m->tid, (uint32_t)&e, 0, 0) > 0)
			kid_forget(m->tid);
	}
}

void kids_events(void)
{
	struct supmsg m;
	for (int n = 0; n < 16 && fz_call(SYS_supervise, (uint32_t)&m, SUP_POLL, 0, 0) == 0; n++)
		kid_handle_event(&m);
	/* A fault told to a raw supervise elsewhere in memory still wants its answer. */
	for (int i = 0; i < KIDS_MAX; i++)
		if (kids[i].tid && kid_may_fault(&kids[i]) && rng_chance(&fz_rng, 1, 4))
			fz_call(SYS_fault_reply, (uint32_t)kids[i].tid, FA_KILL | FA_QUIET, 0, 0);
}

/*
 * A child's mode survives our restart in its slot KID_MARK_SLOT: a
 * signal-only copy of the shared notification badged KID_MARK | mode.
 * Without it a restarted worker could not tell a child that spins from
 * one that may fault, and (defect 7 left out) could never end it.
 */
#define KID_MARK_SLOT 31u
#define KID_MARK      0x4B00u

static void kid_mark(int tid, int mode)
{
	for (uint32_t s = WS_FIRST_FREE; s < 32; s++)
		if (!slot_holds(s, CAPT_NOTIFY) && sys_cap_mint(WS_NTF, s, KID_MARK | (unsigned)mode,
								NTR_SIGNAL) == 0) {
			if (sys_cap_transfer(s, tid, KID_MARK_SLOT))
				sys_cap_delete(s);
			return;
		}
}

/*
 * After a restart the children are still ours: their modes from their
 * marks.  A kill the last incarnation made may not have ended one yet, so
 * none is taken to be surely alive (defect 8's filter).
 */
static void kids_adopt(int me)
{
	struct taskinfo ti;
	struct capinfo ci;
	int n = 0;
	for (unsigned i = 0; i < TASKINFO_SLOTS && n < KIDS_MAX; i++) {
		if (sys_taskinfo((int)(TASKINFO_BY_SLOT | i), &ti) || ti.parent != me)
			continue;
		int mode = KM_UNKNOWN;
		if (sys_cap_inspect(ti.tid, KID_MARK_SLOT, &ci) == 0 && ci.type == CAPT_NOTIFY &&
		    (ci.badge & 0xFF00u) == KID_MARK && (ci.badge & 0xFFu) < KM_COUNT)
			mode = (int)(ci.badge & 0xFFu);
		kids[n++] = (struct kid){ ti.tid, mode, 1 };
	}
}

int kids_alive(void)
{
	int n = 0;
	for (int i = 0; i < KIDS_MAX; i++)
		n += kids[i].tid != 0;
	return n;
}

static void op_spawn(void)
{
	struct kid *slot = 0;
	for (int i = 0; i < KIDS_MAX && !slot; i++)
		if (!kids[i].tid)
			slot = &kids[i];
	if (!slot) {
		kids_events();
		return;
	}
	int mode = (int)rng_below(&fz_rng, KM_COUNT);
	if (ku(7) && mode == KM_GARBAGE)   /* may spin forever: only a kill ends it */
		mode = KM_SPIN;
	char args[48];
	fmt_snprintf(args, sizeof(args), "child %d %u ku=%x", mode, rng_next(&fz_rng), fz_ku);
	/* Not quite right requests too: bad flags, names that are not programs. */
	static const char *const names[] = { "fuzz", "fuzz", "fuzz", "fuzz", "nosuch", "drivers.conf", "" };
	const char *name = names[rng_below(&fz_rng, sizeof(names) / sizeof(names[0]))];
	unsigned flags = rng_chance(&fz_rng, 3, 4) ? SPAWN_SUSPENDED
						     : rng_chance(&fz_rng, 1, 8) ? gen_word(&fz_rng) : 0;
	struct spawn_req req = { name, strlen(name), args, strlen(args), flags };
	long tid = fz_call(SYS_spawn, (uint32_t)&req, 0, 0, 0);
	if (tid <= 0)
		return;
	*slot = (struct kid){ (int)tid, mode, 0 };
	if (!(flags & SPAWN_SUSPENDED))
		return;
	kid_mark((int)tid, mode);
	/* Something to hold: a copy or a move of one of ours. */
	uint32_t src = WS_EP_A + rng_below(&fz_rng, 31);
	if (!fz_lifeline(src) && !(ku(2) && slot_holds(src, CAPT_IRQ)))
		fz_call(SYS_cap_transfer, src, (uint32_t)tid, rng_below(&fz_rng, 4), 0);
	fz_call(SYS_resume, (uint32_t)tid, 0, 0, 0);
}

/* Ends a child: a kill where that is safe, else an answer to its fault; then reaps. */
static void op_dispose(void)
{
	kids_events();
	struct kid *k = &kids[rng_below(&fz_rng, KIDS_MAX)];
	if (!k->tid)
		return;
	if (ku(7) && kid_may_fault(k))
		return;
	/* A killed child ends at once, and so does the wait; a zombie is E_SRCH to kill. */
	struct exitinfo e;
	long r = fz_call(SYS_kill, (uint32_t)k->tid, 0, 0, 0);
	if ((r == 0 || r == -E_SRCH) && fz_call(SYS_wait, (uint32_t)k->tid, (uint32_t)&e, 0, 0) != 0)
		kid_forget(k->tid);
}

static void op_child(void)
{
	struct kid *k = &kids[rng_below(&fz_rng, KIDS_MAX)];
	uint32_t tid = k->tid ? (uint32_t)k->tid : gen_tid(&fz_rng);
	switch (rng_below(&fz_rng, 8)) {
	case 0: case 1: op_spawn(); break;
	case 2: op_dispose(); break;
	case 3: kids_events(); break;
	case 4:
		if (!(ku(8) && !kid_surely_alive(k)))
			fz_call(SYS_fault_ep, tid, rng_chance(&fz_rng, 1, 3) ? FAULT_EP_NONE
				: WS_EP_A + rng_below(&fz_rng, 2), 0, 0);
		break;
	case 5: fz_call(SYS_restart, tid, 0, 0, 0); break;
	case 6: fz_call(SYS_resume, tid, 0, 0, 0); break;
	default: {
		struct capinfo ci;
		fz_call(SYS_cap_inspect, tid, gen_slot(&fz_rng), (uint32_t)&ci, 0);
	}
	}
}

/* ---- IPC between the workers ---- */

static void fill_utcb(void)
{
	struct utcb *u = utcb();
	for (int i = 2; i < IPC_WORDS; i++)
		u->mr[i] = rng_next(&fz_rng);
	for (int i = 0; i < IPC_CAPS; i++) {
		u->send_cap[i] = gen_slot(&fz_rng);
		u->recv_slot[i] = rng_chance(&fz_rng, 1, 4) ? IPC_NO_SLOT
			: rng_chance(&fz_rng, 7, 8) ? WS_FIRST_FREE + rng_below(&fz_rng, 32 - WS_FIRST_FREE)
			: gen_slot(&fz_rng);
	}
	fz_utcb_sanitize();
}

/*
 * Another cap to a pumped endpoint (a copy received or made), if slot s
 * holds one: receiving there is as safe as on WS_EP_A/B, and the copy can
 * be revoked under a waiting receiver by whoever it came from.
 */
static int pumped_copy(uint32_t s)
{
	struct capinfo ci, a, b;
	return sys_cap_info(s, &ci) == 0 && ci.type == CAPT_ENDPOINT &&
	       sys_cap_info(WS_EP_A, &a) == 0 && sys_cap_info(WS_EP_B, &b) == 0 &&
	       (ci.object == a.object || ci.object == b.object);
}

static void op_ipc(void)
{
	static const uint32_t ops[] = { SYS_ipc_send, SYS_ipc_call, SYS_ipc_recv, SYS_ipc_recv,
					SYS_ipc_reply, SYS_ipc_reply_recv };
	uint32_t nr = ops[rng_below(&fz_rng, sizeof(ops) / sizeof(ops[0]))];
	/* Mostly the pumped endpoints: a receive on one of our own would wait for good. */
	uint32_t slot = rng_chance(&fz_rng, 1023, 1024) ? WS_EP_A + rng_below(&fz_rng, 2) : gen_slot(&fz_rng);
	uint32_t other = WS_FIRST_FREE + rng_below(&fz_rng, 32 - WS_FIRST_FREE);
	if (rng_chance(&fz_rng, 1, 4) && pumped_copy(other))
		slot = other;
	fill_utcb();
	struct ipc_msg m = { IPC_TAG(rng_below(&fz_rng, 16), rng_below(&fz_rng, 26), rng_below(&fz_rng, 3)),
			     rng_next(&fz_rng), rng_next(&fz_rng), 0 };
	long r = fz_ipc(nr, slot, &m);
	if (r || (nr != SYS_ipc_recv && nr != SYS_ipc_reply_recv))
		return;
	/* A fault message from a child whose faults come here: its answer is the reply's label. */
	if (IPC_TAG_LABEL(m.tag) == IPC_LABEL_FAULT) {
		struct ipc_msg a = { IPC_TAG(fault_action(1), 0, 0), 0, 0, 0 };
		fz_ipc(SYS_ipc_reply, 0, &a);
	} else if (rng_chance(&fz_rng, 1, 4))
		fz_call(SYS_reply_save, WS_FIRST_FREE + rng_below(&fz_rng, 32 - WS_FIRST_FREE), 0, 0, 0);
}

/* ---- capabilities ---- */

static uint32_t free_slot(void)
{
	return WS_FIRST_FREE + rng_below(&fz_rng, 32 - WS_FIRST_FREE);
}

static void op_caps(void)
{
	uint32_t src = rng_chance(&fz_rng, 1, 2) ? rng_below(&fz_rng, 32) : gen_slot(&fz_rng);
	uint32_t dst = rng_chance(&fz_rng, 7, 8) ? free_slot() : gen_slot(&fz_rng);
	switch (rng_below(&fz_rng, 9)) {
	case 0: fz_call(SYS_ep_create, dst, 0, 0, 0); break;
	case 1: fz_call(SYS_ntf_create, dst, 0, 0, 0); break;
	case 2: fz_call(SYS_cap_copy, src, dst, 0, 0); break;
	case 3:
		fz_call(SYS_cap_mint, src, dst, rng_chance(&fz_rng, 1, 2) ? 0 : gen_word(&fz_rng),
			rng_below(&fz_rng, 8));
		break;
	case 4:
		fz_call(SYS_cap_derive, rng_chance(&fz_rng, 3, 4) ? WS_PORTS : src, dst,
			CAP_BASE_RIGHTS(FZ_PORT_BASE - 2 + rng_below(&fz_rng, FZ_PORT_COUNT + 4),
					rng_below(&fz_rng, 4)),
			rng_chance(&fz_rng, 3, 4) ? rng_below(&fz_rng, 36) : gen_len(&fz_rng));
		break;
	case 5:
		if (!fz_lifeline(src))
			fz_call(SYS_cap_delete, src, 0, 0, 0);
		break;
	case 6:
		if (!(ku(4) && slot_holds(src, CAPT_ENDPOINT)))
			fz_call(SYS_cap_revoke, src, 0, 0, 0);
		break;
	case 7: {
		struct capinfo ci;
		fz_call(SYS_cap_info, src, rng_chance(&fz_rng, 3, 4) ? (uint32_t)&ci
				: gen_ptr(&fz_rng, (uint32_t)&ci, sizeof(ci)), 0, 0);
		break;
	}
	default: {
		const struct kid *k = &kids[rng_below(&fz_rng, KIDS_MAX)];
		if (k->tid && !fz_lifeline(src) && !(ku(2) && slot_holds(src, CAPT_IRQ)))
			fz_call(SYS_cap_transfer, src, (uint32_t)k->tid, rng_below(&fz_rng, 34), 0);
	}
	}
}

/* ---- notifications, interrupts, the log ---- */

static void op_events(void)
{
	uint32_t ntf = rng_chance(&fz_rng, 1, 2) ? WS_NTF : rng_below(&fz_rng, 32);
	struct ipc_msg m = { 0, 0, 0, 0 };
	switch (rng_below(&fz_rng, 10)) {
	case 0: case 1: fz_call(SYS_ntf_signal, ntf, 0, 0, 0); break;
	case 2: fz_ipc(SYS_ntf_poll, ntf, &m); break;
	case 3: fz_ipc(SYS_ntf_wait, rng_chance(&fz_rng, 1023, 1024) ? WS_NTF : ntf, &m); break;
	case 4:
		if (!ku(3))
			fz_call(SYS_ntf_bind, rng_chance(&fz_rng, 1, 3) ? IPC_NO_SLOT : ntf, 0, 0, 0);
		break;
	case 5: fz_call(SYS_irq_bind, rng_chance(&fz_rng, 3, 4) ? WS_IRQ : gen_slot(&fz_rng), ntf, 0, 0); break;
	case 6: fz_call(SYS_irq_ack, rng_chance(&fz_rng, 3, 4) ? WS_IRQ : gen_slot(&fz_rng), 0, 0, 0); break;
	case 7:
		fz_call(SYS_klog_read, rng_chance(&fz_rng, 3, 4) ? WS_KLOG : gen_slot(&fz_rng),
			gen_ptr(&fz_rng, (uint32_t)fz_buf, FZ_BUF), gen_len(&fz_rng), 0);
		break;
	case 8: fz_call(SYS_klog_bind, WS_KLOG, rng_chance(&fz_rng, 1, 4) ? IPC_NO_SLOT : ntf, 0, 0); break;
	default: fz_call(SYS_supervise_bind, ntf, 0, 0, 0);
	}
}

/* ---- the processor: ports, IOPL, flags ---- */

static uint16_t gen_port(int iopl3)
{
	uint32_t p = rng_below(&fz_rng, 10);
	if (p < 5 || iopl3)       /* with IOPL 3 every port is open: only the fuzzer's own */
		return (uint16_t)(FZ_PORT_BASE + rng_below(&fz_rng, FZ_PORT_COUNT - 3));
	if (p < 8)                /* the edges of the grant, where a width can straddle */
		return (uint16_t)(rng_chance(&fz_rng, 1, 2) ? FZ_PORT_BASE - 1 - rng_below(&fz_rng, 3)
				: FZ_PORT_BASE + FZ_PORT_COUNT - 3 + rng_below(&fz_rng, 6));
	return (uint16_t)rng_next(&fz_rng);
}

static void op_io(void)
{
	int iopl3 = (u_eflags() & FL_IOPL) == FL_IOPL;
	uint16_t port = gen_port(iopl3);
	uint32_t width = 1u << rng_below(&fz_rng, 3);
	switch (rng_below(&fz_rng, 12)) {
	case 0: case 1: case 2: (void)u_in(port, width); break;
	case 3: case 4:
		if (width == 1) u_outb(port, (uint8_t)rng_next(&fz_rng));
		else if (width == 2) u_outw(port, (uint16_t)rng_next(&fz_rng));
		else u_outl(port, rng_next(&fz_rng));
		break;
	case 5: u_rep_insb(port, fz_buf, rng_below(&fz_rng, 16)); break;
	case 6: u_rep_outsw(port, fz_buf, rng_below(&fz_rng, 8)); break;
	case 7: u_cli(); break;
	case 8: u_sti(); break;
	case 9: u_int3(); break;
	case 10: u_popf_iopl3(); break;
	default: fz_call(SYS_iopl, rng_chance(&fz_rng, 3, 4) ? WS_IOPL : gen_slot(&fz_rng),
			 rng_chance(&fz_rng, 7, 8) ? rng_below(&fz_rng, 2) : gen_word(&fz_rng), 0, 0);
	}
}

/* A system call made with odd EFLAGS, loaded with popf or an iret frame. */
static void op_flags(void)
{
	static const uint32_t bits[] = { FL_CF, FL_IF, FL_DF, FL_IOPL, FL_NT, FL_RF, FL_AC, FL_VIF,
					 FL_VIP, FL_ID, FL_VM, FL_TF };
	uint32_t fl = 0x2 | FL_IF;
	for (unsigned i = 0; i < sizeof(bits) / sizeof(bits[0]); i++)
		/* TF (a #DB) and VM (vm86: the task is killed) end the worker: rarely. */
		if (rng_chance(&fz_rng, 1, bits[i] == FL_TF ? 256 : bits[i] == FL_VM ? 64 : 3))
			fl ^= bits[i];
	if (ku(1))                 /* defect 1 */
		fl &= ~FL_VM;
	static const uint32_t calls[] = { SYS_null, SYS_getpid, SYS_yield, SYS_uptime, SYS_ntf_signal };
	struct fz_flags_req q = { fl, rng_below(&fz_rng, 2), rng_below(&fz_rng, 2),
				  calls[rng_below(&fz_rng, sizeof(calls) / sizeof(calls[0]))],
				  WS_NTF, 0, 0, 0, 0, 0, 0 };
	/* A vm86 frame's cs is a paragraph: 0 or anything, as often as ours. */
	if ((fl & FL_VM) && rng_chance(&fz_rng, 1, 2))
		q.cs = 0x10000u | (rng_chance(&fz_rng, 1, 2) ? 0 : rng_next(&fz_rng) & 0xFFFFu);
	/*
	 * Now and then any call with two generated words, but not those the raw
	 * generator has to shape (fuzzops.c): they could end the worker, trip
	 * a KNOWN_UNFIXED defect, or wait for good.
	 */
	static const uint32_t shaped[] = { SYS_exit, SYS_spawn, SYS_kill, SYS_fault_ep, SYS_ntf_bind,
		SYS_cap_revoke, SYS_cap_transfer, SYS_cap_delete, SYS_sleep, SYS_wait, SYS_supervise,
		SYS_ntf_wait, SYS_ipc_send, SYS_ipc_call, SYS_ipc_recv, SYS_ipc_reply_recv };
	if (rng_chance(&fz_rng, 1, 4)) {
		q.nr = rng_below(&fz_rng, SYS_COUNT);
		for (unsigned i = 0; i < sizeof(shaped) / sizeof(shaped[0]); i++)
			if (q.nr == shaped[i])
				q.nr = SYS_null;
		q.a0 = gen_word(&fz_rng);
		q.a1 = gen_word(&fz_rng);
	}
	fz_flags_call(&q);
	fz_count(q.nr, q.ret);
}

/* ---- the loop ---- */

static void report(void)
{
	unsigned n = fz_flush_counts(who);
	struct ipc_msg m = { IPC_TAG(FZ_LABEL_PROGRESS, 2, 0), n, 0, 0 };
	ipc_send(WS_PROGRESS, &m);
}

/* Leaves only with no children (defect 10: they would be left to init). */
static void op_exit(void)
{
	if (ku(10) && kids_alive())
		return;
	report();
	exit((int)rng_below(&fz_rng, 3));
}

int fuzz_worker(int argc, char **argv)
{
	struct taskinfo ti;
	if (argc < 5)
		return 2;
	windex = atou(argv[2]);
	ku_parse(arg_value(argc, argv, "ku"));
	fz_is_worker = 1;
	sys_taskinfo(0, &ti);
	rng_seed(&fz_rng, atou(argv[3]), windex + 1, atou(argv[4]) * 1024 + ti.restarts);
	fmt_snprintf(who, sizeof(who), "w%u", windex);
	kids_adopt(ti.tid);
	for (;;) {
		uint32_t p = rng_below(&fz_rng, 1000);
		if (p < 360) fz_raw_call();
		else if (p < 380) fz_dma_op();
		else if (p < 420) op_mem();
		else if (p < 570) op_ipc();
		else if (p < 690) op_caps();
		else if (p < 790) op_child();
		else if (p < 860) op_events();
		else if (p < 930) op_io();
		else if (p < 999) op_flags();
		else if (rng_chance(&fz_rng, 1, 2)) op_exit();
		else if (rng_chance(&fz_rng, 1, 4)) u_ud2();
		/* Every call counts, the report's own excepted. */
		if (fz_pending_calls() >= FZ_REPORT)
			report();
	}
}
