/*
 * system.c - the root task's normal job: start every task the manifest
 * (drivers.conf) names with exactly the capabilities it lists, supervise
 * them, and answer the shell's questions (user/lib/proto.h, ROOT_*).
 *
 * Supervision policy: a task that faults (any fault, I/O faults included)
 * is restarted with the same grants; after more than `restarts=` failures
 * within QUICK_TICKS of each other it is killed, left stopped and
 * reported.  A task that exits is reported and left stopped.  Faults come
 * as messages on the root endpoint (fault_ep), answered in the reply;
 * exits through supervise(), which the bound notification announces.
 * Stopped tasks are remembered with why, for the shell's ps (ROOT_STOPPED).
 *
 * Ctrl-C: the console signals init's notification (badge ROOT_BIT_INTR,
 * its SLOT_INTR) and init restarts the manifest's `admin` tasks (the
 * shell): a command blocked in a call, or looping, ends, whatever it was
 * waiting for.
 *
 * A drivers.conf that does not parse is reported with its line and column,
 * and the system comes up from FALLBACK instead (the console and the shell
 * only), so the error is on the screen and the shell is there to look.
 *
 * Nobody is stranded (docs/supervision.md): init keeps only a send right
 * to each service's endpoint, so once its provider is gone a call fails
 * E_DEAD instead of waiting for a receiver that will never come; the
 * admin task (the shell) is started again whenever it ends; the shell
 * may not kill the console it reads from; and a console that is gone
 * (left stopped after its faults) is replaced by a new one, with a new
 * endpoint, and a new shell on it.
 */
#include "user/init/manifest.h"
#include "user/init/rogue.h"
#include "user/init/system.h"
#include "user/lib/ipc.h"
#include "user/lib/msgbytes.h"
#include "user/lib/proto.h"
#include "user/lib/slots.h"
#include "user/lib/ulib.h"

/* init's own slots beyond ROOT_SLOT_*. */
#define ROOT_EP     (ROOT_SLOT_PCICFG + 1)   /* the root service endpoint */
#define ROOT_NTF    (ROOT_EP + 1)    /* bound to init: child events */
#define ROOT_NTF_S  (ROOT_EP + 2)    /* badged, for supervise_bind */
#define SCRATCH     (ROOT_EP + 3)
#define SVC_EP(i)   (ROOT_EP + 4 + (i))   /* endpoint of the service entry i provides (below ROOT_SLOT_UNTYPED) */
#define QUICK_TICKS (10 * TIMER_HZ)  /* failures further apart are not "quick" */
#define MAX_EXTRA   4                /* programs started on request (rogue) */
#define COMEBACKS   5                /* quick new starts of the shell before init gives up */
#define BUDGET_PAGES 64              /* each program's Untyped (SLOT_UNTYPED): 256 KiB */
/* The manifest's dma= bits are the DmaChan values' (abi/dma.h); these are the ISA channels. */
#define ISA_ENGINES  (0x3FFu & ~(DMA_IDE0 | DMA_IDE1))

struct child {
	int tid;
	const char *name;
	int entry;                       /* its manifest line, or -1 (a rogue) */
	int restarts_allowed;
	unsigned fails;                  /* quick failures in a row */
	unsigned last_fail;              /* uptime of the last one */
	int stopped;
	char why[48];                    /* once stopped: why */
	unsigned comebacks;              /* quick new starts in a row (the shell) */
};

/* What runs when drivers.conf is broken: enough to read the error and look around. */
static const char FALLBACK[] =
	"uart16550 ports=0x3f8-0x3ff irq=4 provides=console klog\n"
	"shell uses=console admin\n";

static struct manifest man;
static struct child kids[MANIFEST_MAX_ENTRIES + MAX_EXTRA];
static int nkids;
static char conf[4096];
static unsigned conf_len;
static char conf_error[96];          /* drivers.conf's error, if FALLBACK runs instead */

static long give(unsigned src, int tid, unsigned dst, long r)
{
	if (!r)
		r = sys_cap_transfer(src, tid, dst);
	return r;
}

/*
 * A badged cap to the endpoint in ep_slot, into slot dst of tid: send, and
 * grant, so a client can pass the service a cap (the block service's
 * shared buffer, user/lib/proto.h); a service takes caps only into slots
 * it names.
 */
static long give_client(unsigned ep_slot, unsigned badge, int tid, unsigned dst)
{
	return give(SCRATCH, tid, dst, sys_cap_mint(ep_slot, SCRATCH, badge, EPR_SEND | EPR_GRANT));
}

/*
 * The service's endpoint goes to its provider, which then holds the only
 * receive right: init keeps an unbadged send (and grant) cap to mint
 * clients' caps from.  Were init to keep the receive right it never uses, a call
 * to a provider that has died would wait for ever (the kernel fails a
 * call with E_DEAD only when no receive right is left).
 */
static long give_service(int idx, int tid)
{
	long r = sys_cap_mint(SVC_EP(idx), SCRATCH, 0, EPR_SEND | EPR_GRANT);
	if (!r)
		r = sys_cap_transfer(SVC_EP(idx), tid, SLOT_SERVICE);
	if (!r)
		r = sys_cap_copy(SCRATCH, SVC_EP(idx));
	sys_cap_delete(SCRATCH);
	return r;
}

/*
 * An Mmio cap for base..base + pages, minted from whichever of init's
 * Mmio caps holds it (the legacy window or the PCI one), into SCRATCH.
 * A range in neither (RAM, a kernel page), or of more pages than one cap
 * can name (0xFFFF), is refused: E_RANGE.
 */
static long mint_mmio(const struct manifest_mmio *r)
{
	static const unsigned roots[] = { ROOT_SLOT_MMIO_LEGACY, ROOT_SLOT_MMIO_PCI };
	for (unsigned i = 0; i < sizeof(roots) / sizeof(roots[0]); i++) {
		struct capinfo ci;
		if (sys_cap_info(roots[i], &ci) || ci.type != CAPT_MMIO || r->base < ci.base)
			continue;
		unsigned first = (r->base - ci.base) / MANIFEST_PAGE;
		if (first >= ci.count || r->pages > ci.count - first)
			continue;
		if (r->pages > 0xFFFF)   /* more than MEM_SUB can name in one cap */
			return -E_RANGE;
		return sys_cap_mint(roots[i], SCRATCH, MEM_SUB(first, r->pages),
				    MEM_SUB_RIGHTS(first, MEM_R | MEM_W));
	}
	return -E_RANGE;
}

/* mmio=: the ranges, and the Untyped their mappings' page tables come from. */
static long grant_memory(const struct manifest_entry *e, int tid)
{
	long r = 0;
	for (int i = 0; !r && i < e->nmmio; i++)
		r = give(SCRATCH, tid, SLOT_MMIO(i), mint_mmio(&e->mmio[i]));
	/*
	 * Its memory budget (malloc, shared buffers, the page tables its
	 * mappings need), where the machine has memory to give; below 16 MiB
	 * for a driver of an ISA DMA channel, whose buffers must lie there
	 * (docs/dma.md, "ISA 8237 and the floppy").
	 */
	unsigned from = e->dma_mask & ISA_ENGINES ? ROOT_SLOT_UNTYPED_LOW : ROOT_SLOT_UNTYPED;
	if (!r && sys_mem_retype(from, SCRATCH, MEM_UNTYPED, BUDGET_PAGES) == 0)
		r = give(SCRATCH, tid, SLOT_UNTYPED, 0);
	return r;
}

static long grant_entry(const struct manifest_entry *e, int idx, int tid)
{
	long r = 0;
	int console = manifest_find_provider(&man, "console");
	if (e->provides[0])
		r = give_service(idx, tid);
	if (!r && console >= 0 && console != idx)
		r = give_client(SVC_EP(console), (unsigned)idx + 1, tid, SLOT_CONSOLE);
	if (!r && e->klog)
		r = give(SCRATCH, tid, SLOT_KLOG, sys_cap_copy(ROOT_SLOT_KLOG, SCRATCH));
	if (!r && idx == console)
		r = give(SCRATCH, tid, SLOT_INTR,
			 sys_cap_mint(ROOT_NTF, SCRATCH, ROOT_BIT_INTR, NTR_SIGNAL));
	if (!r)
		r = give_client(ROOT_EP, (unsigned)idx + 1, tid, SLOT_ROOT);
	for (int i = 0, k = 0; !r && i < e->nuses; i++) {
		int p = manifest_find_provider(&man, e->uses[i]);
		if (p != console)
			r = give_client(SVC_EP(p), (unsigned)idx + 1, tid, SLOT_USE(k++));
	}
	if (!r && e->pcicfg)
		r = give(SCRATCH, tid, SLOT_PCICFG, sys_cap_copy(ROOT_SLOT_PCICFG, SCRATCH));
	for (int i = 0; !r && i < e->nports; i++)
		r = give(SCRATCH, tid, SLOT_PORTS(i),
			 cap_derive(ROOT_SLOT_IOPORTS, SCRATCH, e->ports[i].base, e->ports[i].count,
				    IOR_ALL));
	for (int line = 0, i = 0; !r && line < 16; line++)
		if (e->irq_mask & (1u << line))
			r = give(SCRATCH, tid, SLOT_IRQ(i++),
				 sys_cap_mint(ROOT_SLOT_IRQ, SCRATCH, 1u << line, 0));
	/* An engine the kernel did not find is no reason not to start: the driver falls back (docs/dma.md). */
	if (!r && e->dma_mask) {
		long d = give(SCRATCH, tid, SLOT_DMA, sys_cap_mint(ROOT_SLOT_DMA, SCRATCH, e->dma_mask, 0));
		if (d) {
			sys_cap_delete(SCRATCH);
			printf("init: %s: no DMA engine 0x%x (%s)\n", e->name, e->dma_mask, strerror(d));
		}
	}
	return r ? r : grant_memory(e, tid);
}

/*
 * The program's arguments, plus `uses=a,b` naming the services in its
 * SLOT_USE(0), SLOT_USE(1)... (service_slot() in ulib reads it back).
 */
static void entry_args(const struct manifest_entry *e, char *buf, unsigned n)
{
	int at = fmt_snprintf(buf, n, "%s", e->args);
	const char *sep = at ? " uses=" : "uses=";
	for (int i = 0; i < e->nuses && at < (int)n; i++) {
		if (streq(e->uses[i], "console"))
			continue;
		at += fmt_snprintf(buf + at, n - (unsigned)at, "%s%s", sep, e->uses[i]);
		sep = ",";
	}
}

/* Starts manifest line idx into kids[] slot k (a new one if k is 0). */
static int start_entry(int idx, struct child *k)
{
	const struct manifest_entry *e = &man.e[idx];
	char args[128];
	entry_args(e, args, sizeof(args));
	int tid = spawn_flags(e->name, args, SPAWN_SUSPENDED);
	long r = tid < 0 ? tid : grant_entry(e, idx, tid);
	if (!r)
		r = sys_fault_ep(tid, ROOT_EP);
	if (!r)
		r = sys_resume(tid);
	if (r) {
		printf("init: cannot start %s: %s\n", e->name, strerror(r));
		if (tid > 0)
			sys_kill(tid);
		return (int)r;
	}
	if (!k)
		k = &kids[nkids++];
	*k = (struct child){ .tid = tid, .name = e->name, .entry = idx,
			     .restarts_allowed = e->restarts, .comebacks = k->comebacks };
	return tid;
}

static struct child *kid_by_tid(int tid)
{
	for (int i = 0; i < nkids; i++)
		if (kids[i].tid == tid)
			return &kids[i];
	return 0;
}

static struct child *kid_by_name(const char *name)
{
	for (int i = 0; i < nkids; i++)
		if (streq(kids[i].name, name) && !kids[i].stopped)
			return &kids[i];
	return 0;
}

/* k is left stopped, and why (shown by ps). */
static void __attribute__((format(printf, 2, 3))) stop(struct child *k, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fmt_vsnprintf(k->why, sizeof(k->why), fmt, ap);
	va_end(ap);
	k->stopped = 1;
}

/* The answer to a child's fault, by the policy above. */
static unsigned on_fault(const struct supmsg *m)
{
	struct child *k = kid_by_tid(m->tid);
	unsigned now = (unsigned)sys_uptime();
	if (!k)
		return FA_KILL;
	k->fails = now - k->last_fail <= QUICK_TICKS && k->fails ? k->fails + 1 : 1;
	k->last_fail = now;
	if ((int)k->fails > k->restarts_allowed) {
		printf("init: %s failed %u times in a row: left stopped\n", k->name, k->fails);
		stop(k, "failed %u times in a row (vector %d)", k->fails, m->vector);
		return FA_KILL;
	}
	printf("init: %s faulted (vector %d at 0x%08x): restart %u of %d\n", k->name, m->vector,
	       m->eip, k->fails, k->restarts_allowed);
	return FA_RESTART;
}

/* Whether k, which has ended, may start again: not after COMEBACKS quick ends in a row. */
static int comeback_allowed(struct child *k)
{
	unsigned now = (unsigned)sys_uptime();
	k->comebacks = now - k->last_fail <= QUICK_TICKS ? k->comebacks + 1 : 1;
	k->last_fail = now;
	if (k->comebacks <= COMEBACKS)
		return 1;
	printf("init: %s ended %u times in a row: left stopped\n", k->name, k->comebacks);
	return 0;
}

/*
 * The shell (the admin line of the manifest) ended, however: start a new
 * one, so that a user who killed it, or whose shell crashed, gets one
 * back.
 */
static void shell_comeback(struct child *k)
{
	if (!comeback_allowed(k))
		return;
	printf("init: %s ended: starting a new one\n", k->name);
	unsigned last = k->last_fail, n = k->comebacks;
	if (start_entry(k->entry, k) > 0) {
		k->last_fail = last;
		k->comebacks = n;
	}
}

/*
 * The console ended: its endpoint has no receiver left, for good.  A new
 * console gets a new endpoint; every task's console cap (all minted from
 * ours) is revoked and replaced by one to the new endpoint; the shells,
 * which gave up on the old console, are killed and come back on the new
 * one (shell_comeback).  Until then the kernel prints its log on COM1.
 */
static void console_comeback(struct child *k)
{
	int console = k->entry;
	if (!comeback_allowed(k))
		return;
	printf("init: the console (%s) has gone: starting a new one, and a new shell\n", k->name);
	unsigned last = k->last_fail, n = k->comebacks;
	sys_cap_revoke(SVC_EP(console));
	sys_cap_delete(SVC_EP(console));
	if (sys_ep_create(SVC_EP(console)) || start_entry(console, k) < 0)
		return;
	k->last_fail = last;
	k->comebacks = n;
	for (int i = 0; i < nkids; i++) {
		struct child *c = &kids[i];
		if (c == k || c->stopped || c->entry < 0)
			continue;
		if (man.e[c->entry].admin)
			sys_kill(c->tid);
		else
			give_client(SVC_EP(console), (unsigned)c->entry + 1, c->tid, SLOT_CONSOLE);
	}
}

static void child_events(void)
{
	struct supmsg m;
	while (sys_supervise(&m, SUP_POLL) == 0) {
		if (m.kind == SUP_FAULT) {     /* a child without a fault endpoint */
			sys_fault_reply(m.tid, on_fault(&m));
			continue;
		}
		struct exitinfo e;
		struct child *k = kid_by_tid(m.tid);
		sys_wait(m.tid, &e);
		if (k && k->entry >= 0 && man.e[k->entry].admin) {
			shell_comeback(k);
			continue;
		}
		if (k && k->entry >= 0 && k->entry == manifest_find_provider(&man, "console")) {
			console_comeback(k);
			continue;
		}
		if (k && !k->stopped) {
			printf("init: %s exited (code %d): left stopped\n", k->name, e.code);
			if (e.fault_vector >= 0)
				stop(k, "killed by exception %d", e.fault_vector);
			else if (e.killed_by)
				stop(k, "killed by task %d", e.killed_by);
			else
				stop(k, "exited with code %d", e.code);
		}
	}
}

/* ROOT_CAPS: what a task holds, slot by slot (cap_inspect works for descendants only). */
static void root_caps(struct ipc_msg *m)
{
	struct capinfo ci;
	long r = sys_cap_inspect((int)m->w0, m->w1, &ci);
	if (r) {
		*m = ipc_msg((unsigned)-r, 0, 0);
		return;
	}
	*m = (struct ipc_msg){ IPC_TAG(0, 7, 0), (unsigned)ci.type, ci.base, 0 };
	utcb()->mr[2] = ci.count;
	utcb()->mr[3] = ci.rights;
	utcb()->mr[4] = ci.badge;
	utcb()->mr[5] = ci.object;
	utcb()->mr[6] = 0;
}

/* A place for one more rogue: a stopped one's is reused, the manifest's never are. */
static struct child *extra_place(void)
{
	for (int i = 0; i < nkids; i++)
		if (kids[i].entry < 0 && kids[i].stopped)
			return &kids[i];
	return nkids < (int)(sizeof(kids) / sizeof(kids[0])) ? &kids[nkids++] : 0;
}

/* A rogue with the words' ports and accesses (user/init/rogue.h), restarted after each trap. */
static unsigned root_start(const char *words)
{
	struct rogue_req req;
	long r = rogue_request(words, conf, conf_len, &req);
	if (r)
		return (unsigned)-r;
	struct child *k = extra_place();
	if (!k)
		return E_AGAIN;
	int tid = rogue_spawn(&req, ROOT_SLOT_IOPORTS, SCRATCH);
	if (tid < 0)
		return (unsigned)-tid;
	r = sys_fault_ep(tid, ROOT_EP);
	if (!r)
		r = sys_resume(tid);
	if (r) {
		sys_kill(tid);
		return (unsigned)-r;
	}
	*k = (struct child){ .tid = tid, .name = "rogue", .entry = -1,
			     .restarts_allowed = (int)req.denied };
	return 0;
}

/* ROOT_STOPPED: the i-th stopped task, "name (tid N): why". */
static void root_stopped(struct ipc_msg *m)
{
	char line[PROTO_BYTES];
	unsigned i = m->w0;
	for (int k = 0; k < nkids; k++)
		if (kids[k].stopped && i-- == 0) {
			int n = fmt_snprintf(line, sizeof(line), "%s (tid %d): %s", kids[k].name,
					     kids[k].tid, kids[k].why);
			msg_put_bytes(m, 0, line, (unsigned)n < sizeof(line) ? (unsigned)n : sizeof(line));
			return;
		}
	*m = ipc_msg(E_SRCH, 0, 0);
}

/* Ctrl-C on the console: the foreground (the admin tasks) starts again. */
static void interrupt(void)
{
	for (int i = 0; i < nkids; i++)
		if (kids[i].entry >= 0 && man.e[kids[i].entry].admin && !kids[i].stopped)
			sys_restart(kids[i].tid);
}

/* The badge is the sender's manifest line + 1 (grant_entry): is that line `admin`? */
static int from_admin(const struct ipc_msg *m)
{
	return m->badge >= 1 && m->badge <= (unsigned)man.n && man.e[m->badge - 1].admin;
}

/* Requests from the shell; every answer is a status label. */
static void on_request(struct ipc_msg *m)
{
	char name[PROTO_BYTES + 1];
	unsigned n;
	struct child *k;
	unsigned label = IPC_TAG_LABEL(m->tag);
	if (label != ROOT_CAPS && label != ROOT_STOPPED && !from_admin(m)) {
		*m = ipc_msg(E_PERM, 0, 0);
		return;
	}
	switch (label) {
	case ROOT_CAPS:
		root_caps(m);
		return;
	case ROOT_RESTART:
		n = msg_get_bytes(m, name, PROTO_BYTES);
		name[n] = 0;
		k = kid_by_name(name);
		*m = ipc_msg(k ? (unsigned)-sys_restart(k->tid) : E_SRCH, 0, 0);
		if (k)
			k->fails = 0;
		return;
	case ROOT_KILL:
		k = kid_by_tid((int)m->w0);
		/* The shell's only way in and out; nothing could start another one. */
		if (k && k->entry >= 0 && k->entry == manifest_find_provider(&man, "console")) {
			printf("init: %s is the console: not killing it (restart it instead)\n",
			       k->name);
			*m = ipc_msg(E_PERM, 0, 0);
			return;
		}
		n = (unsigned)-sys_kill((int)m->w0);
		if (k && !n && !k->stopped)
			stop(k, "killed on request (kill %d)", k->tid);
		*m = ipc_msg(n, 0, 0);
		return;
	case ROOT_START:
		n = msg_get_bytes(m, name, PROTO_BYTES);
		name[n] = 0;
		*m = ipc_msg(root_start(name), 0, 0);
		return;
	case ROOT_STOPPED:
		root_stopped(m);
		return;
	default:
		*m = ipc_msg(E_NOSYS, 0, 0);
	}
}

/*
 * drivers.conf, or FALLBACK with the reason in conf_error; -1 only if
 * there is no drivers.conf at all (init then runs the demo).
 */
static int load_manifest(void)
{
	struct manifest_error err;
	long n = sys_module_read("drivers.conf", 12, conf, sizeof(conf));
	if (n < 0) {
		printf("init: no manifest (drivers.conf): %s\n", strerror(n));
		return -1;
	}
	conf_len = (unsigned)n;
	if (manifest_parse(conf, conf_len, &man, &err) == 0)
		return 0;
	fmt_snprintf(conf_error, sizeof(conf_error), "drivers.conf:%d:%d: %s", err.line, err.col,
		     err.msg);
	printf("init: %s\n", conf_error);
	conf_len = sizeof(FALLBACK) - 1;
	memcpy(conf, FALLBACK, conf_len);
	return manifest_parse(conf, conf_len, &man, &err) ? -1 : 0;
}

static long setup_root(void)
{
	long r = sys_ep_create(ROOT_EP);
	if (!r)
		r = sys_ntf_create(ROOT_NTF);
	if (!r)
		r = sys_cap_mint(ROOT_NTF, ROOT_NTF_S, ROOT_BIT_CHILD, NTR_SIGNAL);
	if (!r)
		r = sys_ntf_bind(ROOT_NTF);
	if (!r)
		r = sys_supervise_bind(ROOT_NTF_S);
	for (int i = 0; !r && i < man.n; i++)
		if (man.e[i].provides[0])
			r = sys_ep_create(SVC_EP(i));
	return r;
}

int run_system(void)
{
	if (load_manifest())
		return 1;
	long r = setup_root();
	if (r) {
		printf("init: cannot set up: %s\n", strerror(r));
		return 1;
	}
	/* The console first, so that everybody's first line already has somewhere to go. */
	int console = manifest_find_provider(&man, "console");
	if (console >= 0)
		start_entry(console, 0);
	for (int i = 0; i < man.n; i++)
		if (i != console)
			start_entry(i, 0);
	if (conf_error[0])
		printf("init: %s\ninit: drivers.conf is broken: started only the console and the shell; "
		       "fix it (make check-manifest) and reboot\n", conf_error);
	else
		printf("init: %d tasks started from drivers.conf\n", nkids);
	struct ipc_msg m;
	int reply = 0;
	for (;;) {
		r = reply ? ipc_reply_recv(ROOT_EP, &m) : ipc_recv(ROOT_EP, &m);
		reply = 0;
		if (r < 0)
			continue;
		if (IPC_TAG_LABEL(m.tag) == IPC_LABEL_NOTIFY) {
			if (m.badge & ROOT_BIT_INTR)
				interrupt();
			child_events();
			continue;
		}
		if (IPC_TAG_LABEL(m.tag) == IPC_LABEL_FAULT) {
			struct supmsg f;
			fault_msg_decode(&m, &f);
			m = ipc_msg(on_fault(&f), 0, 0);
			reply = 1;
			continue;
		}
		on_request(&m);
		reply = 1;
	}
}
