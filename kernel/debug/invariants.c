/*
 * invariants.c - checks the whole kernel state against what the rest of
 * the kernel assumes, so a fuzzer finds a broken invariant when it breaks
 * rather than when something later trips over it:
 *
 *   io-bitmap     each task's I/O bitmap is the union of its IoPorts caps;
 *                 IOPL 3 only with an Iopl cap
 *   cap-tree      the derivation tree's links agree both ways, every cap
 *                 belongs to the space it is in, a child has its parent's
 *                 type (and an IoPorts child lies inside its parent)
 *   dead-caps     a zombie or free task holds no cap
 *   queues        no task is on two queues; the run queue holds exactly
 *                 the runnable tasks; blocked senders, receivers and
 *                 waiters are on the queue they say
 *   irq-binding, ntf-binding, recv-right, fault-ep
 *                 every binding is backed by a cap its task still holds:
 *                 an IRQ line by the binder's Irq cap, a bound notification
 *                 by the task's cap to it, a queued receiver by its receive
 *                 right; a fault endpoint belongs to a live task
 *   refcounts     an endpoint's and a notification's counts equal the caps
 *                 and kernel bindings that name it
 *   reply         a caller waiting for its reply can be answered: exactly
 *                 one reply right (implicit or a Reply cap) names its call
 *   supervision   a task stopped on a fault has a pending fault
 *   task-tree     a live task's nchildren counts its children, a zombie has
 *                 none; every task's parent is in the table
 *   frames        free frames + frames owned by address spaces = the free
 *                 frames at boot
 *   mapdb         every mapping record names a Frame or Mmio cap its source
 *                 still holds and a live space, and every page of it is
 *                 mapped there with its rights; every page a cap mapped
 *                 (VM_CAPMAP) has a record
 *   dma-canaries  the kernel's DMA canary pages hold their pattern and
 *                 the image's code and read-only data their boot checksum
 *                 (kernel/dma/dmaaudit.c)
 *   user-segments (the assert build, arch/i386/entry.S at each sysexit)
 *                 %ds and %es hold the flat user selector
 *   untyped       each Untyped's live count is the frames, smaller
 *                 Untypeds and page tables carved from it and alive, and
 *                 its used count their pages; each object's refs count
 *                 the caps naming it; every frame lies inside its Untyped
 *
 * Only debug builds have it; it runs when the kernel was booted with
 * `invariants=N` (every N system calls) or `fuzz` (every 64); io-bitmap
 * and frames, which cost the most, on every EXPENSIVE_EVERY-th check.  It reads
 * the other subsystems' state through small accessors and changes nothing.
 */
#include "arch/i386/arch.h"
#include "arch/i386/trapframe.h"
#include "iocap/iobitmap.h"
#include "iocap/iopl.h"
#include "abi/ipc.h"
#include "kernel/boot/cmdline.h"
#include "kernel/api/syscall.h"
#include "kernel/debug/invariants.h"
#include "kernel/object/ipc.h"
#include "kernel/object/irq.h"
#include "kernel/dma/dmaaudit.h"
#include "kernel/object/kports.h"
#include "kernel/mm/kmem.h"
#include "kernel/mm/mapdb.h"
#include "kernel/mm/memobj.h"
#include "kernel/lib.h"
#include "kernel/debug/log.h"
#include "kernel/proc/sched.h"
#include "kernel/smp/lock.h"
#include "kernel/object/decode.h"
#include "kernel/debug/sysring.h"
#include "kernel/proc/task.h"
#include "kernel/mm/vm.h"

#ifdef DEBUG

#define FUZZ_DEFAULT_EVERY 64u

static uint32_t every;          /* check every this many system calls; 0 = never */
static uint32_t frames_at_boot; /* free frames before the first task */

/* syscall_entry_hook: the call goes into the ring (kernel/debug/sysring.c), and is counted. */
static void debugchk_syscall_slow(const struct trapframe *tf)
{
	sysring_record(tf);
	invariants_syscall();
}

void invariants_boot(const char *args)
{
	frames_at_boot = kframes.nfree;
	long n = cmdline_number(args, "invariants");
	int fuzz = cmdline_has(args, "fuzz");
	every = n >= 0 ? (uint32_t)n : fuzz ? FUZZ_DEFAULT_EVERY : 0;
	debugchk_on = fuzz || every;
	syscall_entry_hook = debugchk_syscall_slow;
	uerr_quiet = fuzz;
	if (debugchk_on)
		kprintf("debug: recording the last %u system calls; invariant check every %u calls%s\n",
			SYSRING_SIZE, every, every ? "" : " (off)");
}

static uint32_t calls, checks;

static void __attribute__((noreturn, format(printf, 2, 3))) violated(const char *inv,
								       const char *fmt, ...)
{
	va_list ap;
	char buf[160];
	va_start(ap, fmt);
	log_panic_message(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	kprintf("\n*** INVARIANT VIOLATED: %s: %s\n", inv, buf);
	kprintf("after %u checks that passed, at system call %u\n", checks, calls);
	kprintf("tasks (tid name state/blocked parent children):\n");
	for (int i = 0; i < MAX_TASKS; i++)
		if (tasks[i].state != TASK_FREE)
			kprintf("  %d %s %d/%d %d %d\n", tasks[i].tid, tasks[i].name, tasks[i].state,
				tasks[i].blocked_on, tasks[i].parent ? tasks[i].parent->tid : 0,
				tasks[i].nchildren);
	sysring_print();
	kprintf("INVARIANT CHECK FAILED: system halted\n");
	arch_shutdown(0x7e);
}

static int live(const struct task *t)
{
	return t->state != TASK_FREE && t->state != TASK_ZOMBIE;
}

/* ---- capabilities ---- */

static int holds_cap(const struct task *t, int (*match)(const struct cap *, const void *),
		     const void *what)
{
	for (int i = 0; i < CSPACE_SLOTS; i++)
		if (t->cs.slot[i].type != CAP_NULL && match(&t->cs.slot[i], what))
			return 1;
	return 0;
}

static void check_io(const struct task *t)
{
	static uint8_t scratch[IOBITMAP_BYTES];
	struct ioports ports[CSPACE_SLOTS];
	struct iobitmap_extent ext;
	int n = 0, iopl = 0;
	uint32_t io_slots = 0;
	for (int i = 0; i < CSPACE_SLOTS; i++) {
		if (t->cs.slot[i].type == CAP_IOPORTS) {
			ports[n++] = t->cs.slot[i].io;
			io_slots |= 1u << i;
		}
		iopl |= t->cs.slot[i].type == CAP_IOPL;
	}
	if (io_slots != t->cs.io_slots)
		violated("io-bitmap", "task %s (tid %d): io_slots 0x%x, IoPorts caps in 0x%x", t->name,
			 t->tid, t->cs.io_slots, io_slots);
	iobitmap_build_task(scratch, ports, n, kports_bytes, kports_nbytes, &ext);
	if (!t->io.bm || memcmp(scratch, t->io.bm, IOBITMAP_BYTES) || ext.lo != t->io.ext.lo ||
	    ext.hi != t->io.ext.hi)
		violated("io-bitmap", "task %s (tid %d): bitmap is not the union of its %d IoPorts caps",
			 t->name, t->tid, n);
	/* The TSS's shared area stands for this bitmap: they must be the same bytes. */
	if (t->io.shared_gen && (t->io.shared_gen != kports_gen ||
				 memcmp(t->io.bm, kports_bits, IOBITMAP_BYTES)))
		violated("io-bitmap", "task %s (tid %d): its bitmap is not every port but the kernel's",
			 t->name, t->tid);
	for (int i = 0; t->io.bm && i < kports.n; i++)
		for (uint32_t p = kports.r[i].first; p <= kports.r[i].last; p++)
			if (iobitmap_allows(t->io.bm, p, 1))
				violated("io-bitmap", "task %s (tid %d) may reach port 0x%x, %s", t->name,
					 t->tid, p, kports.r[i].what);
	if (t->iopl_on && !iopl)
		violated("io-bitmap", "task %s (tid %d) runs with IOPL 3 without an Iopl cap", t->name,
			 t->tid);
	uint32_t fl = task_user_frame(t)->eflags;
	if ((fl & EFL_IOPL) && !t->iopl_on)
		violated("io-bitmap", "task %s (tid %d): its saved EFLAGS 0x%08x have IOPL %u", t->name,
			 t->tid, fl, (fl & EFL_IOPL) >> 12);
}

static void check_cap(const struct task *t, const struct cap *c, int slot)
{
	const char *who = t->name;
	if (c->space != &t->cs)
		violated("cap-tree", "%s slot %d: the cap names another space", who, slot);
	if (c->type == CAP_NULL) {
		if (c->parent || c->first_child || c->next_sibling || c->prev_sibling)
			violated("cap-tree", "%s slot %d: an empty slot is linked into the tree", who, slot);
		return;
	}
	if (c->type >= CAP_TYPE_COUNT)
		violated("cap-tree", "%s slot %d: type %d", who, slot, c->type);
	if (c->prev_sibling ? c->prev_sibling->next_sibling != c
			    : c->parent && c->parent->first_child != c)
		violated("cap-tree", "%s slot %d: its left neighbour does not lead back to it", who, slot);
	if (c->next_sibling && (c->next_sibling->prev_sibling != c || c->next_sibling->parent != c->parent))
		violated("cap-tree", "%s slot %d: its right neighbour does not lead back to it", who, slot);
	if (c->first_child && (c->first_child->parent != c || c->first_child->prev_sibling))
		violated("cap-tree", "%s slot %d: its first child does not name it", who, slot);
	const struct cap *p = c->parent;
	if (!p)
		return;
	if (c->type == CAP_IOPORTS &&
	    (c->io.base < p->io.base || c->io.base + c->io.count > p->io.base + p->io.count ||
	     (c->io.rights & ~p->io.rights)))
		violated("cap-tree", "%s slot %d: IoPorts(0x%x, %u) is not inside its parent's range",
			 who, slot, c->io.base, c->io.count);
	if (p->type == CAP_UNTYPED && (c->type == CAP_UNTYPED || c->type == CAP_FRAME || c->type == CAP_DMABUF)) {
		/* Carved by mem_retype (or a copy of the Untyped): inside the parent's range. */
		if (c->mem.base < p->mem.base || c->mem.npages > p->mem.npages ||
		    c->mem.base - p->mem.base > (p->mem.npages - c->mem.npages) * MEM_PAGE)
			violated("cap-tree", "%s slot %d: carved outside its Untyped", who, slot);
		return;
	}
	if (p->type != c->type)
		violated("cap-tree", "%s slot %d: type %d under a parent of type %d", who, slot, c->type,
			 p->type);
	if (cap_is_mappable(c->type) &&
	    (c->mem.base < p->mem.base || c->mem.npages > p->mem.npages ||
	     c->mem.base - p->mem.base > (p->mem.npages - c->mem.npages) * MEM_PAGE ||
	     (c->mem.rights & ~p->mem.rights) || (c->type != CAP_MMIO && c->mem.obj != p->mem.obj)))
		violated("cap-tree", "%s slot %d: a memory cap wider than its parent", who, slot);
	if ((c->type == CAP_ENDPOINT || c->type == CAP_NOTIFY) && c->obj.obj != p->obj.obj)
		violated("cap-tree", "%s slot %d: names another object than its parent", who, slot);
	/* Every chain of parents ends: at most every slot of every space above it. */
	int depth = 0;
	for (; p && depth <= MAX_TASKS * CSPACE_SLOTS; p = p->parent)
		depth++;
	if (p)
		violated("cap-tree", "%s slot %d: a cycle in its parents", who, slot);
}

/*
 * The two costly checks (a bitmap rebuilt, every page table walked) run
 * on every EXPENSIVE_EVERY-th check, each time for the whole table, so the
 * checker costs the fuzzer about as much as the calls it checks.
 */
#define EXPENSIVE_EVERY 8u
static int full;

static int expensive_now(void)
{
	return full || checks % EXPENSIVE_EVERY == 0;
}

static void check_caps(void)
{
	int expensive = expensive_now();
	for (int i = 0; i < MAX_TASKS; i++) {
		const struct task *t = &tasks[i];
		if (t->state == TASK_FREE)
			continue;
		for (int s = 0; s < CSPACE_SLOTS; s++) {
			check_cap(t, &t->cs.slot[s], s);
			if (!live(t) && t->cs.slot[s].type != CAP_NULL)
				violated("dead-caps", "zombie %s (tid %d) still holds a cap in slot %d",
					 t->name, t->tid, s);
		}
		if (live(t) && expensive)
			check_io(t);
	}
}

/* ---- queues ---- */

static void check_queues(void)
{
	static uint8_t on_queue[MAX_TASKS];
	memset(on_queue, 0, sizeof(on_queue));
	int n = 0;
	for (struct task *t = sched_queue_first(); t; t = t->rq_next) {
		if (t < tasks || t >= tasks + MAX_TASKS || ++n > MAX_TASKS)
			violated("queues", "the run queue holds a stranger or loops");
		if (on_queue[t - tasks]++)
			violated("queues", "%s (tid %d) is on the run queue twice", t->name, t->tid);
		if (t->state != TASK_RUNNABLE)
			violated("queues", "%s (tid %d) is on the run queue in state %d", t->name, t->tid,
				 t->state);
	}
	for (int e = 0; e < MAX_ENDPOINTS; e++) {
		struct endpoint *ep = endpoint_at(e);
		if (!ep->refs && (ep->head || ep->tail))
			violated("queues", "free endpoint %d has a queue", e);
		const struct task *prev = 0;
		n = 0;
		for (struct task *t = ep->head; t; prev = t, t = t->ipc_next) {
			if (t < tasks || t >= tasks + MAX_TASKS || ++n > MAX_TASKS)
				violated("queues", "endpoint %d's queue holds a stranger or loops", e);
			if (on_queue[t - tasks]++)
				violated("queues", "%s (tid %d) is on endpoint %d's queue and another",
					 t->name, t->tid, e);
			int want = ep->kind == EPQ_SEND ? BLOCK_SEND : BLOCK_RECV;
			if (t->state != TASK_BLOCKED || (int)t->blocked_on != want || t->ipc_ep != ep ||
			    t->ipc_prev != prev)
				violated("queues", "%s (tid %d) on endpoint %d's queue: state %d/%d",
					 t->name, t->tid, e, t->state, t->blocked_on);
		}
		if (ep->tail != prev)
			violated("queues", "endpoint %d's tail is not its last task", e);
	}
	for (int i = 0; i < MAX_NOTIFICATIONS; i++) {
		struct notification *nt = notification_at(i);
		struct task *t = nt->waiter;
		if (!t)
			continue;
		if (on_queue[t - tasks]++)
			violated("queues", "%s (tid %d) waits on notification %d and is queued elsewhere",
				 t->name, t->tid, i);
		if (t->state != TASK_BLOCKED || t->blocked_on != BLOCK_NOTIFY || t->ntf_waiting != nt)
			violated("queues", "%s (tid %d) waits on notification %d in state %d/%d", t->name,
				 t->tid, i, t->state, t->blocked_on);
	}
	for (int i = 0; i < MAX_TASKS; i++) {
		const struct task *t = &tasks[i];
		int queued = t->state == TASK_RUNNABLE ||
			     (t->state == TASK_BLOCKED &&
			      (t->blocked_on == BLOCK_SEND || t->blocked_on == BLOCK_RECV ||
			       t->blocked_on == BLOCK_NOTIFY));
		if (t->state != TASK_FREE && queued && !on_queue[i])
			violated("queues", "%s (tid %d) in state %d/%d is on no queue", t->name, t->tid,
				 t->state, t->blocked_on);
		if (t->state == TASK_RUNNING && !sched_task_cpu(t))
			violated("queues", "%s (tid %d) is running but current on no CPU", t->name, t->tid);
	}
}

/* ---- bindings and reference counts ---- */

static int names_obj(const struct cap *c, const void *obj)
{
	return (c->type == CAP_ENDPOINT || c->type == CAP_NOTIFY) && c->obj.obj == obj;
}

static int may_receive(const struct cap *c, const void *ep)
{
	return c->type == CAP_ENDPOINT && c->obj.obj == ep && (c->obj.rights & EPR_RECV);
}

/* The cap in t's slot is of type and, for an object type, names obj. */
static int slot_holds(const struct task *t, uint32_t slot, enum cap_type type, const void *obj)
{
	if (slot >= CSPACE_SLOTS || t->cs.slot[slot].type != type)
		return 0;
	return obj ? names_obj(&t->cs.slot[slot], obj) : 1;
}

/*
 * Every binding ends with the cap it was made with (docs/lifecycle.md), so
 * each one must still be backed by exactly that cap, in the slot it named.
 */
static void check_bindings(void)
{
	uint8_t owned[IRQ_TASK_SLOTS] = { 0 };   /* indexed as irq_lines_owned_by */
	for (int line = 0; line < IRQ_LINES; line++) {
		int tid;
		uint32_t irq_slot, ntf_slot;
		struct notification *n = irq_binding(line, &tid, &irq_slot, &ntf_slot);
		if (!n)
			continue;
		owned[irq_lines_owned_by(tid) - irq_lines_owned]++;
		const struct task *t = task_lookup(tid);
		if (!t || !live(t) || !slot_holds(t, irq_slot, CAP_IRQ, 0) ||
		    !(t->cs.slot[irq_slot].irq_mask & (1u << line)) || !slot_holds(t, ntf_slot, CAP_NOTIFY, n))
			violated("irq-binding", "IRQ %d is bound for tid %d (%s) without its Irq cap (slot %u) "
				 "and notification cap (slot %u)", line, tid, t ? t->name : "gone", irq_slot, ntf_slot);
	}
	/* The filter every Irq and notification cap that goes passes (irq.h): exact, or a binding outlives its cap. */
	for (int i = 0; i < IRQ_TASK_SLOTS; i++)
		if (irq_lines_owned[i] != owned[i])
			violated("irq-binding", "task slot %d counts %u bound lines, the lines say %u", i,
				 irq_lines_owned[i], owned[i]);
	uint32_t klog_slot, rntf_slot;
	struct notification *rn = log_reader_ntf(&klog_slot, &rntf_slot);
	const struct task *reader = task_lookup(log_reader_tid());
	if (log_reader_tid() && (!reader || !live(reader) || !slot_holds(reader, klog_slot, CAP_KLOG, 0) ||
				 (rn && !slot_holds(reader, rntf_slot, CAP_NOTIFY, rn))))
		violated("klog-binding", "the log reader (tid %d) lacks the KLog cap (slot %u) or the "
			 "notification cap (slot %u) it bound with", log_reader_tid(), klog_slot, rntf_slot);
	for (int i = 0; i < MAX_TASKS; i++) {
		const struct task *t = &tasks[i];
		if (t->state == TASK_FREE)
			continue;
		if (t->ntf_bound && (t->ntf_bound->bound != t ||
				     !slot_holds(t, t->ntf_bound_slot, CAP_NOTIFY, t->ntf_bound)))
			violated("ntf-binding", "%s (tid %d) is bound to notification %d without its cap in slot %u",
				 t->name, t->tid, notification_index(t->ntf_bound), t->ntf_bound_slot);
		if (t->sup_ntf && live(t) && !slot_holds(t, t->sup_ntf_slot, CAP_NOTIFY, t->sup_ntf))
			violated("sup-binding", "%s (tid %d) is signalled of child events through notification %d "
				 "without its cap in slot %u", t->name, t->tid, notification_index(t->sup_ntf),
				 t->sup_ntf_slot);
		if (t->state == TASK_BLOCKED && t->blocked_on == BLOCK_RECV && t->ipc_ep &&
		    !holds_cap(t, may_receive, t->ipc_ep))
			violated("recv-right", "%s (tid %d) waits to receive on endpoint %d without the right",
				 t->name, t->tid, endpoint_index(t->ipc_ep));
		if (t->fault_cap.type != CAP_NULL && !live(t))
			violated("fault-ep", "zombie %s (tid %d) keeps a fault endpoint (endpoint %d)",
				 t->name, t->tid, endpoint_index(t->fault_cap.obj.obj));
		if (t->fault_cap.type != CAP_NULL && live(t) && t->parent && live(t->parent) &&
		    !slot_holds(t->parent, t->fault_src_slot, CAP_ENDPOINT, t->fault_cap.obj.obj))
			violated("fault-ep", "%s (tid %d) sends its faults to endpoint %d, but its supervisor's "
				 "slot %u no longer holds that cap", t->name, t->tid,
				 endpoint_index(t->fault_cap.obj.obj), t->fault_src_slot);
	}
	for (int i = 0; i < MAX_NOTIFICATIONS; i++) {
		const struct notification *n = notification_at(i);
		if (n->bound && n->bound->ntf_bound != n)
			violated("ntf-binding", "notification %d names %s as bound, which is not", i,
				 n->bound->name);
	}
}

static void count_refs(const struct cap *c, int *ep_refs, int *ep_recv, int *ntf_refs)
{
	if (c->type == CAP_ENDPOINT) {
		int e = endpoint_index(c->obj.obj);
		ep_refs[e]++;
		ep_recv[e] += (c->obj.rights & EPR_RECV) != 0;
	} else if (c->type == CAP_NOTIFY)
		ntf_refs[notification_index(c->obj.obj)]++;
}

static void check_refcounts(void)
{
	static int ep_refs[MAX_ENDPOINTS], ep_recv[MAX_ENDPOINTS], ntf_refs[MAX_NOTIFICATIONS];
	memset(ep_refs, 0, sizeof(ep_refs));
	memset(ep_recv, 0, sizeof(ep_recv));
	memset(ntf_refs, 0, sizeof(ntf_refs));
	for (int i = 0; i < MAX_TASKS; i++) {
		const struct task *t = &tasks[i];
		if (t->state == TASK_FREE)
			continue;
		for (int s = 0; s < CSPACE_SLOTS; s++)
			count_refs(&t->cs.slot[s], ep_refs, ep_recv, ntf_refs);
		count_refs(&t->fault_cap, ep_refs, ep_recv, ntf_refs);
		if (t->sup_ntf)
			ntf_refs[notification_index(t->sup_ntf)]++;
	}
	for (int line = 0; line < IRQ_LINES; line++) {
		int tid;
		uint32_t irq_slot, ntf_slot;
		struct notification *n = irq_binding(line, &tid, &irq_slot, &ntf_slot);
		if (n)
			ntf_refs[notification_index(n)]++;
	}
	uint32_t klog_slot, rntf_slot;
	struct notification *rn = log_reader_ntf(&klog_slot, &rntf_slot);
	if (rn)
		ntf_refs[notification_index(rn)]++;
	for (int e = 0; e < MAX_ENDPOINTS; e++) {
		const struct endpoint *ep = endpoint_at(e);
		if (ep->refs != ep_refs[e] || ep->recv_refs != ep_recv[e])
			violated("refcounts", "endpoint %d counts %d refs (%d receive), caps and bindings %d (%d)",
				 e, ep->refs, ep->recv_refs, ep_refs[e], ep_recv[e]);
	}
	for (int i = 0; i < MAX_NOTIFICATIONS; i++)
		if (notification_at(i)->refs != ntf_refs[i])
			violated("refcounts", "notification %d counts %d refs, caps and bindings %d", i,
				 notification_at(i)->refs, ntf_refs[i]);
}

/* ---- calls, supervision, the task tree, memory ---- */

static int answers(const struct capreply *r, const struct task *caller)
{
	return r->tid == caller->tid && r->cookie == caller->call_cookie;
}

static void check_replies(void)
{
	for (int i = 0; i < MAX_TASKS; i++) {
		const struct task *c = &tasks[i];
		if (c->state != TASK_BLOCKED || c->blocked_on != BLOCK_REPLY)
			continue;
		int rights = 0;
		for (int j = 0; j < MAX_TASKS; j++) {
			const struct task *t = &tasks[j];
			if (!live(t))
				continue;
			rights += answers(&t->reply, c);
			for (int s = 0; s < CSPACE_SLOTS; s++)
				rights += t->cs.slot[s].type == CAP_REPLY && answers(&t->cs.slot[s].reply, c);
		}
		if (rights != 1)
			violated("reply", "%s (tid %d) waits for a reply that %d rights can give", c->name,
				 c->tid, rights);
	}
}

static void check_tasks(void)
{
	int expensive = expensive_now();
	uint32_t owned = 0;
	for (int i = 0; i < MAX_TASKS; i++) {
		const struct task *t = &tasks[i];
		if (t->state == TASK_FREE)
			continue;
		int kids = 0;
		for (int j = 0; j < MAX_TASKS; j++)
			kids += tasks[j].state != TASK_FREE && tasks[j].parent == t;
		/* A zombie's children went to the root task; its own count is no longer read. */
		if (live(t) ? kids != t->nchildren : kids != 0)
			violated("task-tree", "%s (tid %d) counts %d children, has %d", t->name, t->tid,
				 t->nchildren, kids);
		if (t->parent && t->parent->state == TASK_FREE)
			violated("task-tree", "%s (tid %d) has a freed parent", t->name, t->tid);
		/* The fault stop is one state, set exactly while blocked on it (kernel/proc/faultstop.c). */
		if ((t->state == TASK_BLOCKED && t->blocked_on == BLOCK_FAULT) != (t->fault_stop != FAULT_NONE))
			violated("supervision", "%s (tid %d): fault-stop state %d while %s", t->name, t->tid,
				 (int)t->fault_stop, t->blocked_on == BLOCK_FAULT ? "stopped at a fault" : "not stopped");
		if (t->state == TASK_BLOCKED && t->blocked_on == BLOCK_FAULT && t->parent &&
		    t->parent->state == TASK_ZOMBIE)
			violated("supervision", "%s (tid %d) waits for a dead supervisor", t->name, t->tid);
		if (t->as.pgdir && expensive)
			owned += aspace_frames(&t->as);
		if (t->state == TASK_ZOMBIE && t->as.pgdir)
			violated("frames", "zombie %s (tid %d) keeps its address space", t->name, t->tid);
	}
	if (expensive && kframes.nfree + owned != frames_at_boot)
		violated("frames", "%u free + %u in address spaces, %u free at boot", kframes.nfree, owned,
			 frames_at_boot);
}

/* ---- memory: the mapping database and the Untyped counts ---- */

static const struct task *task_of_cspace(const void *cs)
{
	for (int i = 0; i < MAX_TASKS; i++)
		if (&tasks[i].cs == cs && live(&tasks[i]))
			return &tasks[i];
	return 0;
}

static const struct task *task_of_aspace(const void *as)
{
	for (int i = 0; i < MAX_TASKS; i++)
		if (&tasks[i].as == as && tasks[i].state != TASK_FREE && tasks[i].as.pgdir)
			return &tasks[i];
	return 0;
}

static void check_record(const struct mapping *m)
{
	const struct task *src = task_of_cspace(m->src), *dst = task_of_aspace(m->target);
	if (!src || m->slot >= CSPACE_SLOTS)
		violated("mapdb", "a record names a dead source space");
	const struct cap *c = &src->cs.slot[m->slot];
	if (!cap_is_mappable(c->type) || c->mem.base != m->pa || c->mem.npages != m->npages)
		violated("mapdb", "%s slot %u: a record outlives its cap or names another range", src->name,
			 m->slot);
	if (!dst)
		violated("mapdb", "%s slot %u: a record into a dead space", src->name, m->slot);
	for (uint32_t k = 0; k < m->npages; k++) {
		uint32_t pa;
		unsigned rights;
		if (!vm_lookup(&dst->as, m->va + k * MEM_PAGE, &pa, &rights) || pa != m->pa + k * MEM_PAGE ||
		    rights != (m->vmflags | VM_CAPMAP))
			violated("mapdb", "%s: page 0x%08x of a mapping from %s slot %u is not as recorded",
				 dst->name, m->va + k * MEM_PAGE, src->name, m->slot);
	}
}

static void check_mappings(void)
{
	for (uint32_t i = 0; i < MAPDB_RECORDS; i++)
		if (mapdb_at(i)->src)
			check_record(mapdb_at(i));
	/* Each record's pages are cap-mapped (above) and records never overlap: equal counts close it. */
	for (int i = 0; i < MAX_TASKS; i++) {
		const struct task *t = &tasks[i];
		if (t->state == TASK_FREE || !t->as.pgdir)
			continue;
		uint32_t recorded = 0;
		for (uint32_t j = 0; j < MAPDB_RECORDS; j++)
			if (mapdb_at(j)->src && mapdb_at(j)->target == &t->as)
				recorded += mapdb_at(j)->npages;
		if (vm_capmapped_pages(&t->as) != recorded)
			violated("mapdb", "%s (tid %d): %u pages mapped from caps, %u recorded", t->name, t->tid,
				 vm_capmapped_pages(&t->as), recorded);
	}
}

/* Caps in every space naming obj (an Untyped or a Frame). */
static uint32_t caps_naming(const void *obj)
{
	uint32_t n = 0;
	for (int i = 0; i < MAX_TASKS; i++)
		for (int s = 0; s < CSPACE_SLOTS; s++) {
			const struct cap *c = &tasks[i].cs.slot[s];
			n += (c->type == CAP_UNTYPED || c->type == CAP_FRAME || c->type == CAP_DMABUF) &&
			     c->mem.obj == obj;
		}
	return n;
}

struct table_count {
	const struct untyped *u;
	uint32_t n;
};

static void count_table(uint32_t pt_pa, void *arg)
{
	struct table_count *tc = arg;
	tc->n += ut_owning(pt_pa) == tc->u;
}

static void check_untypeds(void)
{
	for (int i = 0; i < MEM_FRAMES; i++) {
		const struct memframe *f = &memframes[i];
		if (!f->ut)
			continue;
		if (f->refs != caps_naming(f) || f->refs == 0)
			violated("untyped", "frame 0x%08x: %u refs, %u caps", f->base, f->refs, caps_naming(f));
		if (!f->ut->npages || f->base < f->ut->base ||
		    (f->base - f->ut->base) / MEM_PAGE + f->npages > f->ut->npages)
			violated("untyped", "frame 0x%08x lies outside its Untyped", f->base);
	}
	for (int i = 0; i < MEM_UNTYPEDS; i++) {
		const struct untyped *u = &untypeds[i];
		if (!u->npages)
			continue;
		uint32_t live = 0, used = 0, kids = 0;
		for (int j = 0; j < MEM_FRAMES; j++)
			if (memframes[j].ut == u) {
				live++;
				used += memframes[j].npages;
			}
		for (int j = 0; j < MEM_UNTYPEDS; j++)
			if (untypeds[j].npages && untypeds[j].parent == u) {
				live++;
				kids++;
				used += untypeds[j].npages;
			}
		struct table_count tc = { u, 0 };
		for (int j = 0; j < MAX_TASKS; j++)
			if (tasks[j].state != TASK_FREE && tasks[j].as.pgdir)
				vm_each_table(&tasks[j].as, count_table, &tc);
		live += tc.n;
		used += tc.n;
		if (live != u->live || used != u->used || kids != u->kids || u->used > u->npages)
			violated("untyped", "Untyped 0x%08x: live %u, %u objects alive, used %u, %u pages alive, of %u",
				 u->base, u->live, live, u->used, used, u->npages);
		if (u->refs != caps_naming(u) || (u->refs == 0 && u->live == 0))
			violated("untyped", "Untyped 0x%08x: %u refs, %u caps", u->base, u->refs, caps_naming(u));
	}
}

/* Each task's quota counts are its live objects, and the pools' counts their used entries. */
static void check_memobj_counts(void)
{
	int free_ut = 0, free_fr = 0;
	for (int i = 0; i < MEM_UNTYPEDS; i++)
		free_ut += !untypeds[i].npages;
	for (int i = 0; i < MEM_FRAMES; i++)
		free_fr += !memframes[i].ut;
	if (!memobj_available(free_ut, free_fr) || memobj_available(free_ut + 1, 0) ||
	    memobj_available(0, free_fr + 1))
		violated("untyped", "the pools' counts are not their %d and %d free entries", free_ut, free_fr);
	for (int t = 0; t < MAX_TASKS; t++) {
		const struct task *k = &tasks[t];
		if (k->state == TASK_FREE)
			continue;
		uint32_t ut = 0, fr = 0;
		for (int i = 0; i < MEM_UNTYPEDS; i++)
			ut += untypeds[i].npages && untypeds[i].owner == k->tid;
		for (int i = 0; i < MEM_FRAMES; i++)
			fr += memframes[i].ut && memframes[i].owner == k->tid;
		if (ut != k->mem_made[MEMOBJ_UNTYPED] || fr != k->mem_made[MEMOBJ_FRAME])
			violated("untyped", "%s (tid %d) counts %u Untypeds and %u Frames, made %u and %u alive",
				 k->name, k->tid, k->mem_made[MEMOBJ_UNTYPED], k->mem_made[MEMOBJ_FRAME], ut, fr);
	}
}

/* ---- CPUs: the lock, the live sets, the requests (docs/smp.md) ---- */

static void check_cpus(void)
{
	struct cpu *me = this_cpu();
	if (big_lock.serving != me->lock_ticket || me->lock_depth != 1)
		violated("smp", "cpu%u checks without the big lock (serving %u, its ticket %u, depth %u)",
			 me->id, big_lock.serving, me->lock_ticket, me->lock_depth);
	const struct cpu *other = kernel_lock_other_holder(me);
	if (other)
		violated("smp", "cpu%u and cpu%u both hold the big lock (ticket %u)", me->id, other->id,
			 big_lock.serving);
	for (uint32_t i = 0; i < ncpus_online; i++) {
		const struct cpu *c = &cpus[i];
		/* Requests live only inside one initiator's call, which has returned. */
		if (c->tlb_req.pending || c->io_req)
			violated("smp", "cpu%u has a request pending outside any shootdown or revoke", i);
		if (c->space_loaded && !(c->space_loaded->live_cpus & (1u << i)))
			violated("smp", "cpu%u has a space loaded that does not list it as live", i);
		if (c->current != c->idle && c->current->state != TASK_RUNNING)
			violated("smp", "cpu%u runs %s (tid %d) in state %d", i, c->current->name,
				 c->current->tid, c->current->state);
		/* The shared area whole-space holders run on: every port but the kernel's. */
		if (c->arch.tss.iobitmap_end != 0xFF || c->arch.tss.iobitmap2_end != 0xFF ||
		    c->arch.tss.shared_end != 0xFF || c->arch.io[1].shared_gen != IOTSS_NO_GEN ||
		    (c->arch.io[0].shared_gen == kports_gen &&
		     memcmp(c->arch.tss.shared, kports_bits, IOBITMAP_BYTES)))
			violated("io-bitmap", "cpu%u: its TSS's shared bitmap or a tail byte is wrong", i);
	}
	for (int k = 0; k < MAX_TASKS; k++) {
		const struct task *t = &tasks[k];
		if (t->state == TASK_FREE || t->kthread)
			continue;
		uint32_t loaded = 0;
		for (uint32_t i = 0; i < ncpus_online; i++)
			loaded |= (uint32_t)(cpus[i].space_loaded == &t->as) << i;
		/* Exact: a CPU in the set has the space in CR3, and the other way round. */
		if (t->as.live_cpus != loaded)
			violated("smp", "%s (tid %d): live set 0x%x, loaded on 0x%x", t->name, t->tid,
				 t->as.live_cpus, loaded);
		if (t->pin && (uint32_t)(t->pin - 1) >= ncpus_online)
			violated("smp", "%s (tid %d) pinned to cpu%d, which is not online", t->name, t->tid,
				 t->pin - 1);
	}
}

/* No device wrote where an escaped DMA would land first. */
static void check_dma_canaries(void)
{
	struct dma_audit r;
	dma_audit_check(&r);
	if (r.bad_words)
		violated("dma-canaries", "%u words changed in %u pages and the image, the first at 0x%08x",
			 r.bad_words, r.pages, r.first_bad);
}

void invariants_check(void)
{
	check_cpus();
	check_dma_canaries();
	check_caps();
	check_queues();
	check_bindings();
	check_refcounts();
	check_replies();
	check_tasks();
	if (expensive_now()) {
		check_mappings();
		check_untypeds();
		check_memobj_counts();
	}
	checks++;
}

void invariants_syscall(void)
{
	if (++calls % (every ? every : 0xFFFFFFFFu) == 0)
		invariants_check();
}

void invariants_final(void)
{
	if (!every)
		return;
	full = 1;                       /* the last one is complete */
	invariants_check();
	kprintf("invariants: %u checks over %u system calls, 0 violations\n", checks, calls);
	for (uint32_t i = 0; i < ncpus_online; i++) {
		const struct cpu_counts *k = &cpus[i].counts;
		kprintf("smp: cpu%u: big lock taken %u times, %u waited (%u spins); IPIs %u sent, %u received; "
			"%u shootdowns, %u TLB and %u I/O requests served; NMIs %u sent\n", i, k->lock_taken,
			k->lock_waited, k->lock_spins, k->ipi_sent, k->ipi_received, k->shootdowns,
			k->tlb_requests, k->io_requests, k->nmi_sent);
	}
}

void invariants_user_segments(uint32_t ds, uint32_t es, uint32_t want)
{
	struct cpu *c = this_cpu();
	if (!c->lock_depth)             /* sysexit_path runs after trapret let it go */
		kernel_lock();
	violated("user-segments", "cpu%u: %s (tid %d) leaves by sysexit with ds 0x%x es 0x%x, not 0x%x",
		 c->id, c->current->name, c->current->tid, ds, es, want);
}

#else /* !DEBUG: no checker, no ring */

void invariants_user_segments(uint32_t ds, uint32_t es, uint32_t want)
{
	panic("user-segments: leaving by sysexit with ds 0x%x es 0x%x, not 0x%x", ds, es, want);
}

void invariants_boot(const char *args)
{
	(void)args;
}

#endif /* DEBUG */
