/*
 * ipcpeer.c - the other side of usertests' IPC tests.  usertests starts it
 * suspended, puts the caps it needs into its slots, and resumes it.
 *   ipcpeer serve [ep=S] [recv=none|fresh]   serves the ops of ipcpeer.h on
 *                         the endpoint in slot S (0); received caps go to
 *                         PEER_RECV0/1, nowhere (none), or wherever a fresh
 *                         UTCB says (fresh: recv_slot never written)
 *   ipcpeer client op=N w0=N [retry=N] [cap=S]   calls slot 0 (moving the cap
 *                         in slot S along); after E_DEAD, calls again with op retry
 *   ipcpeer recvonce [delay=T] [caps=1]   sleeps T ticks, receives once on slot 0
 *                         (caps=1: a cap may come, into PEER_RECV0); exits
 *                         with w0 | caps received << 8
 *   ipcpeer answer w0=N          answers the call whose reply cap is in slot 0
 *                                (label 3, w1 = N)
 *   ipcpeer create               ep_create, then ntf_create: exits 0 if both worked
 *   ipcpeer hog                  ep_create until refused; sends (count, error) on
 *                                slot 0 and keeps them until killed
 *   ipcpeer wait                 ntf_wait on slot 0: exits with the bits
 *   ipcpeer signal [delay=T]     sleeps T ticks, then ntf_signal on slot 0
 *   ipcpeer irqbind              irq_bind(slot 0, slot 1)
 *   ipcpeer irqroute             irq_route(slot 0, CPU 0)
 *   ipcpeer bind                 ntf_bind(slot 0), then exits
 *   ipcpeer idle                 exits at once
 *   ipcpeer keep                 another task's memory for the DMA tests: maps
 *                         the Frames given in slots PEER_KEEP0.. (ipcpeer.h),
 *                         fills them with a pattern tagged by their physical
 *                         address, then serves slot 0 like serve; OP_CANARY
 *                         answers how many of their words changed
 *   ipcpeer owncaps [fault]      makes caps of its own, then waits on slot 0
 *                         (or faults); restarted, exits with how it started
 *                         (owncaps() below)
 * Exit codes: PEER_ERR + E_x when a call fails; otherwise as each role says.
 */
#include "user/lib/i386/uarch.h"
#include "user/lib/ipc.h"
#include "user/lib/ulib.h"
#include "user/progs/ipcpeer.h"

#define FOREVER (100u * TIMER_HZ * 60)

static unsigned served, errors, saved_w0;

/* keep: the physical address of each kept Frame (0: none in that slot), mapped at PEER_KEEP_VA + i pages. */
static unsigned kept_pa[PEER_KEEP_MAX];

static unsigned num(int argc, char **argv, const char *key, unsigned dflt)
{
	const char *v = arg_value(argc, argv, key);
	return v ? atou(v) : dflt;
}

static int slot_info(unsigned slot, struct capinfo *ci)
{
	if (sys_cap_info(slot, ci))
		ci->type = -1;
	return ci->type;
}

static int fail_code(long r)
{
	return (int)(PEER_ERR - r);
}

static struct ipc_msg ping(const struct ipc_msg *req)
{
	utcb()->mr[2] = served;
	utcb()->mr[3] = errors;
	return (struct ipc_msg){ IPC_TAG(0, 4, 0), req->badge, req->w0, 0 };
}

static struct ipc_msg caps_report(const struct ipc_msg *req)
{
	struct capinfo ci;
	unsigned used = 0;
	for (unsigned s = 0; s < 32; s++)
		used += slot_info(s, &ci) != CAPT_NULL;
	utcb()->mr[2] = (unsigned)slot_info(PEER_RECV0, &ci);
	utcb()->mr[3] = ci.type == CAPT_IOPORTS ? ci.base : ci.badge;
	utcb()->mr[4] = used;
	return (struct ipc_msg){ IPC_TAG(0, 5, 0), IPC_TAG_CAPS(req->tag), req->w0, 0 };
}

/* The saved call is answered after the one that came second (OP_SECOND). */
static void answer_both(const struct ipc_msg *req)
{
	struct ipc_msg second = { IPC_TAG(1, 2, 0), 0, req->w0, 0 };
	struct ipc_msg first = { IPC_TAG(2, 2, 0), 0, saved_w0, 0 };
	struct capinfo ci;
	errors += ipc_reply(&second) != 0;
	errors += ipc_send(PEER_SAVED, &first) != 0;
	errors += slot_info(PEER_SAVED, &ci) != CAPT_NULL;    /* used up */
}

static volatile unsigned *kept_word(unsigned k, unsigned i)
{
	return (volatile unsigned *)(uintptr_t)(PEER_KEEP_VA + k * 4096u + 4u * i);
}

/* keep: maps each Frame it was given and fills it; 0 or the failing call's error. */
static long keep_fill(void)
{
	struct capinfo ci;
	for (unsigned k = 0; k < PEER_KEEP_MAX; k++) {
		if (slot_info(PEER_KEEP0 + k, &ci) != CAPT_FRAME)
			continue;
		long r = sys_mem_map(PEER_KEEP0 + k, 0, (void *)(uintptr_t)(PEER_KEEP_VA + k * 4096u),
				     MEM_R | MEM_W | MAP_PT_NONE);
		if (r)
			return r;
		kept_pa[k] = ci.base;
		for (unsigned i = 0; i < 1024; i++)
			*kept_word(k, i) = peer_keep_word(ci.base, i);
	}
	return 0;
}

/* OP_CANARY: changed words in the kept Frames still held (a revoked one is not read: it is unmapped). */
static struct ipc_msg keep_report(void)
{
	struct capinfo ci;
	unsigned bad = 0, pages = 0;
	for (unsigned k = 0; k < PEER_KEEP_MAX; k++) {
		if (!kept_pa[k] || slot_info(PEER_KEEP0 + k, &ci) != CAPT_FRAME || ci.base != kept_pa[k])
			continue;
		for (unsigned i = 0; i < 1024; i++)
			bad += *kept_word(k, i) != peer_keep_word(kept_pa[k], i);
		pages++;
	}
	return (struct ipc_msg){ IPC_TAG(OP_CANARY, 2, 0), bad, pages, 0 };
}

static unsigned serve_ep;      /* the slot serve receives on */

/* Turns the request in *m into its answer; 0: nothing to answer now. */
static int handle(struct ipc_msg *m)
{
	const struct ipc_msg req = *m;
	unsigned words = IPC_TAG_WORDS(req.tag);
	served++;
	switch (IPC_TAG_LABEL(req.tag)) {
	case OP_ECHO:
		for (unsigned i = IPC_REG_WORDS; i < words && i < IPC_WORDS; i++)
			utcb()->mr[i] = ~utcb()->mr[i];
		*m = (struct ipc_msg){ IPC_TAG(OP_ECHO, words, 0), ~req.w0, ~req.w1, 0 };
		return 1;
	case OP_EXIT:
		*m = ping(&req);
		ipc_reply(m);
		exit(0);
	case OP_DIE:
		exit(0);
	case OP_HOLD:
		for (;;)
			sys_sleep(FOREVER);
	case OP_FAULT:
		*(volatile unsigned *)0 = 1;
		return 0;
	case OP_DROP:
		return 0;
	case OP_SAVEDROP:
		errors += sys_reply_save(PEER_SAVED) != 0;
		errors += sys_cap_delete(PEER_SAVED) != 0;
		return 0;
	case OP_SAVE:
		errors += sys_reply_save(PEER_SAVED) != 0;
		errors += sys_cap_copy(PEER_SAVED, PEER_SCRATCH) != -E_PERM;   /* one-shot */
		saved_w0 = req.w0;
		return 0;
	case OP_SECOND:
		answer_both(&req);
		return 0;
	case OP_CAPS:
		*m = caps_report(&req);
		return 1;
	case OP_TOUCH:
		u_inb((uint16_t)req.w0);     /* a trap here reaches the supervisor first */
		u_int3();
		return 0;
	case OP_GIVE: {
		long r = sys_ntf_create(PEER_SCRATCH);
		utcb()->send_cap[0] = PEER_SCRATCH | IPC_CAP_MOVE;
		*m = (struct ipc_msg){ IPC_TAG((unsigned)-r, 2, 1), 0, req.w0, 0 };
		return 1;
	}
	case OP_CANARY:
		*m = keep_report();
		return 1;
	case OP_GIVEEP:
		utcb()->send_cap[0] = serve_ep | IPC_CAP_MOVE;
		*m = (struct ipc_msg){ IPC_TAG(OP_GIVEEP, 2, 1), 0, req.w0, 0 };
		return 1;
	case OP_WHERE: {
		struct cpuinfo ci;
		long r = sys_cpu_info(-1, &ci);
		*m = (struct ipc_msg){ IPC_TAG(OP_WHERE, 2, 0), r < 0 ? ~0u : ci.id, 0, 0 };
		return 1;
	}
	case OP_ANSWER: {
		struct ipc_msg a = { IPC_TAG(3, 2, 0), 0, req.w0, 0 };
		long r = ipc_send(PEER_RECV0, &a);
		*m = (struct ipc_msg){ IPC_TAG(0, 2, 0), (unsigned)r, req.w0, 0 };
		return 1;
	}
	default:
		*m = ping(&req);
		return 1;
	}
}

static int serve(int argc, char **argv)
{
	unsigned ep = serve_ep = num(argc, argv, "ep", 0);
	const char *recv = arg_value(argc, argv, "recv");
	if (!recv || !streq(recv, "fresh")) {
		int none = recv && streq(recv, "none");
		utcb()->recv_slot[0] = none ? IPC_NO_SLOT : PEER_RECV0;
		utcb()->recv_slot[1] = none ? IPC_NO_SLOT : PEER_RECV1;
	}
	struct ipc_msg m;
	long r = ipc_recv(ep, &m);
	while (r == 0)
		r = handle(&m) ? ipc_reply_recv(ep, &m) : ipc_recv(ep, &m);
	return fail_code(r);
}

static int client(int argc, char **argv)
{
	unsigned w0 = num(argc, argv, "w0", 0), retry = num(argc, argv, "retry", 0);
	const char *cap = arg_value(argc, argv, "cap");
	struct ipc_msg m = ipc_msg(num(argc, argv, "op", OP_PING), w0, 0);
	if (cap) {
		utcb()->send_cap[0] = atou(cap) | IPC_CAP_MOVE;
		m.tag = IPC_TAG(IPC_TAG_LABEL(m.tag), 2, 1);
	}
	long r = ipc_call(0, &m);
	if (r == -E_DEAD && retry) {
		m = ipc_msg(retry, w0, 0);
		r = ipc_call(0, &m);
	}
	if (r)
		return fail_code(r);
	return m.w1 == w0 ? (int)IPC_TAG_LABEL(m.tag) : 99;
}

static int recvonce(int argc, char **argv)
{
	struct ipc_msg m;
	sys_sleep(num(argc, argv, "delay", 0));
	utcb()->recv_slot[0] = utcb()->recv_slot[1] = IPC_NO_SLOT;
	if (num(argc, argv, "caps", 0))
		utcb()->recv_slot[0] = PEER_RECV0;
	long r = ipc_recv(0, &m);
	return r ? fail_code(r) : (int)(m.w0 | IPC_TAG_CAPS(m.tag) << 8);
}

/*
 * The first incarnation fills PEER_RECV0 (a notification, bound) and
 * PEER_RECV1 (an endpoint) itself, then waits on slot 0 or faults.  A
 * restarted one exits with 0 if it starts clean: the cap its parent gave
 * in slot 0 still there (+1 if not), its own slots empty (+2, +4), and a
 * fresh notification can be made and bound (+8).
 */
static int owncaps(int argc, char **argv)
{
	struct taskinfo ti;
	struct capinfo ci;
	struct ipc_msg m;
	long r = sys_taskinfo(0, &ti);
	if (r)
		return fail_code(r);
	if (ti.restarts) {
		int code = slot_info(0, &ci) == CAPT_ENDPOINT ? 0 : 1;
		code += slot_info(PEER_RECV0, &ci) != CAPT_NULL ? 2 : 0;
		code += slot_info(PEER_RECV1, &ci) != CAPT_NULL ? 4 : 0;
		if (!(code & 2) && (sys_ntf_create(PEER_RECV0) || sys_ntf_bind(PEER_RECV0)))
			code += 8;
		return code;
	}
	if ((r = sys_ntf_create(PEER_RECV0)) || (r = sys_ntf_bind(PEER_RECV0)) ||
	    (r = sys_ep_create(PEER_RECV1)))
		return fail_code(r);
	if (arg_has(argc, argv, "fault"))
		*(volatile unsigned *)0 = 1;
	r = ipc_recv(0, &m);
	return fail_code(r ? r : -E_STATE);
}

int main(int argc, char **argv)
{
	const char *role = argc > 1 ? argv[1] : "";
	unsigned bits;
	long r;
	if (streq(role, "serve"))
		return serve(argc, argv);
	if (streq(role, "client"))
		return client(argc, argv);
	if (streq(role, "keep"))
		return (r = keep_fill()) ? fail_code(r) : serve(argc, argv);
	if (streq(role, "recvonce"))
		return recvonce(argc, argv);
	if (streq(role, "wait"))
		return (r = ntf_wait(0, &bits)) ? fail_code(r) : (int)bits;
	if (streq(role, "signal")) {
		sys_sleep(num(argc, argv, "delay", 0));
		return (r = sys_ntf_signal(0)) ? fail_code(r) : 0;
	}
	if (streq(role, "irqbind"))
		return (r = sys_irq_bind(0, 1)) ? fail_code(r) : 0;
	if (streq(role, "irqroute"))
		return (r = sys_irq_route(0, 0)) ? fail_code(r) : 0;
	if (streq(role, "bind"))
		return (r = sys_ntf_bind(0)) ? fail_code(r) : 0;
	/* A supervisor that binds a notification, drops its cap and exits. */
	if (streq(role, "supbind")) {
		if ((r = sys_ntf_create(PEER_SCRATCH)) || (r = sys_supervise_bind(PEER_SCRATCH)))
			return fail_code(r);
		return (r = sys_cap_delete(PEER_SCRATCH)) ? fail_code(r) : 0;
	}
	if (streq(role, "idle"))
		return 0;
	if (streq(role, "owncaps"))
		return owncaps(argc, argv);
	if (streq(role, "answer")) {
		struct ipc_msg a = { IPC_TAG(3, 2, 0), 0, num(argc, argv, "w0", 0), 0 };
		return (r = ipc_send(0, &a)) ? fail_code(r) : 0;
	}
	/* Makes endpoints until refused, sends (how many, the error) on slot 0, keeps them. */
	if (streq(role, "hog")) {
		unsigned n = 0;
		while (n < 31 && !(r = sys_ep_create(1 + n)))
			n++;
		struct ipc_msg m = { IPC_TAG(0, 2, 0), n, (unsigned)-r, 0 };
		ipc_send(0, &m);
		for (;;)
			sys_sleep(FOREVER);
	}
	if (streq(role, "create")) {
		if ((r = sys_ep_create(PEER_SCRATCH)) || (r = sys_ntf_create(PEER_RECV0)))
			return fail_code(r);
		return 0;
	}
	/* The console's promise: read the kernel log (KLog in slot 0) and print it. */
	if (streq(role, "klogreader")) {
		r = sys_ntf_create(PEER_SCRATCH);
		return r || (r = sys_klog_bind(0, PEER_SCRATCH)) ? fail_code(r) : 0;
	}
	printf("ipcpeer: bad arguments\n");
	return 2;
}
