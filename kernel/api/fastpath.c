/*
 * fastpath.c - the IPC fast path: ipc_call and ipc_reply_recv in their
 * common case, a message to a partner that already waits.  The message goes straight into the partner's saved registers
 * (and UTCB), and the CPU goes straight to the partner: no run queue, no
 * schedule(), and no kernel call chain kept for the side that blocks.
 * That side keeps no context (ksp 0) and leaves through its trap frame
 * when it runs again, whichever path wakes it: the fast path resumes it
 * directly, the slow path through a context built then (sched_context).
 *
 * entry.S calls syscall_fastpath for every system call with a trap frame
 * (both gates), holding the big lock.  It completes the call and leaves
 * for ring 3 itself, or, for anything unusual (a message the slow path
 * would refuse, no partner waiting, work pending on the caller's way out such as a
 * reschedule or log news, a task being killed or restarted, bad
 * arguments), returns untouched, and entry.S goes on to syscall_slowpath
 * (kernel/api/syscall.c), where kernel/object/endpoint.c does the general,
 * checked work (seL4's fastpath.c and c_handle_syscall).  Returning, not
 * calling the slow path, lets this file be compiled without a frame
 * pointer (Makefile: CFLAGS_fastpath.c) and ebp be one more register,
 * while the slow path's call chain starts clean for backtraces.
 */
#include "arch/i386/arch.h"
#include "arch/i386/trapframe.h"
#include "abi/ipc.h"
#include "kernel/object/epqueue.h"
#include "kernel/object/ipc.h"
#include "kernel/api/exit.h"
#include "kernel/api/syscall.h"
#include "kernel/proc/sched.h"
#include "kernel/proc/task.h"
#include "kernel/smp/lock.h"

/* An endpoint cap in slot with every right in rights, or 0. */
static struct cap *endpoint_cap(struct task *t, uint32_t slot, uint32_t rights)
{
	if (slot >= CSPACE_SLOTS)
		return 0;
	struct cap *c = &t->cs.slot[slot];
	if (c->type != CAP_ENDPOINT || (c->obj.rights & rights) != rights)
		return 0;
	return c;
}

/*
 * The three shapes of message the fast path carries, each compiled into its
 * own copy of the path (syscall_fastpath), so that the common one pays
 * nothing for the others: words in registers only; words past them too,
 * UTCB to UTCB; and caps, delivered by ipc_deliver as the slow path
 * delivers them, after ipc_check_msg found them sendable.
 */
enum msg_kind { MSG_REGS, MSG_WORDS, MSG_CAPS };

/*
 * A message of that kind the fast path may carry: not a kernel label, and
 * (for words) the low byte, which holds words, caps and bit 7 that no tag
 * uses, is the word count, so one compare keeps out caps, too many words
 * and that bit (the slow path judges them).  Caps: ipc_check_msg's checks,
 * and the receive cap of a reply_recv (keep) is not moved away, as the
 * slow path would then refuse the receive.
 */
static int fast_message(const struct task *me, uint32_t tag, enum msg_kind kind, int may_grant,
			uint32_t keep)
{
	/* The kernel's labels (fault, notify) are the top ones: one compare keeps both out. */
	_Static_assert(IPC_LABEL_FAULT + 1 == IPC_LABEL_NOTIFY && IPC_LABEL_NOTIFY == 0xFFFFFFu,
		       "kernel labels");
	_Static_assert(IPC_TAG(0, 31, 3) == 0x7F && IPC_WORDS < 32, "tag layout");
	if (kind != MSG_CAPS)
		return (uint8_t)tag <= IPC_WORDS && tag < IPC_TAG(IPC_LABEL_FAULT, 0, 0);
	if (ipc_check_msg(me, tag, may_grant))
		return 0;
	if (keep == IPC_NO_SLOT)               /* a call: it keeps no receive cap (folded there) */
		return 1;
	for (uint32_t i = 0; i < IPC_TAG_CAPS(tag); i++)
		if (me->utcb->send_cap[i] == (keep | IPC_CAP_MOVE))
			return 0;
	return 1;
}

/* The registers, UTCB words and caps a receiver finds: what ipc_deliver writes for this message. */
static inline __attribute__((always_inline)) void deliver(const struct trapframe *from,
							   uint32_t badge, struct task *me,
							   struct task *to, const enum msg_kind kind)
{
	struct trapframe *tf = task_user_frame(to);
	if (kind == MSG_CAPS) {
		struct ipc_kmsg m = { from->esi, from->edi, from->ebp, badge, 1 };
		ipc_deliver(me, &m, to);
		tf->eax = 0;
		return;
	}
	if (kind == MSG_WORDS)
		for (uint32_t i = IPC_REG_WORDS; i < (uint8_t)from->esi; i++)
			to->utcb->mr[i] = me->utcb->mr[i];
	tf->eax = 0;
	tf->ebx = badge;
	tf->esi = from->esi;
	tf->edi = from->edi;
	tf->ebp = from->ebp;
}

/*
 * me blocks without a call chain (ksp 0: sched_context builds one if the
 * slow path wakes it); to is made current.  The caller then leaves for to.
 */
static inline void switch_prepare(struct task *me, enum block_reason why, struct task *to)
{
	struct cpu *c = this_cpu();
	me->state = TASK_BLOCKED;
	me->blocked_on = why;
	me->ksp = 0;
	to->blocked_on = BLOCK_NONE;
	sched_enter(c, to);
}

/* ... and to runs from its trap frame.  Never returns. */
static void __attribute__((noreturn)) switch_to(struct task *me, enum block_reason why,
						 struct task *to)
{
	switch_prepare(me, why, to);
	KASSERT_HOT(this_cpu()->lock_depth == 1);
	arch_leave_syscall(task_user_frame(to));
}

/*
 * ... and to, which waits for the answer to a fault, runs from its kernel
 * context: its call chain in kernel/proc/fault.c carries the answer out.
 */
static void __attribute__((noreturn)) switch_to_kernel(struct task *me, enum block_reason why,
							struct task *to)
{
	uint32_t abandoned;
	KASSERT_HOT(to->ksp != 0);
	to->ipc_result = 0;
	switch_prepare(me, why, to);
	arch_switch(&abandoned, to->ksp);
	__builtin_unreachable();
}

/* The answer to a fault is an action, not registers (as in ipc_reply); then me receives. */
static void __attribute__((noreturn, noinline)) answer_fault(struct task *me, uint32_t tag,
							     struct endpoint *ep, struct task *caller)
{
	caller->fault_action = IPC_TAG_LABEL(tag);
	ep_enqueue(ep, me, EPQ_RECV);
	switch_to_kernel(me, BLOCK_RECV, caller);
}

static int may_switch(const struct task *me)
{
	return me->work == 0;
}

/*
 * to may run where me runs now: both unpinned, or pinned to the same CPU
 * (task_affinity).  Otherwise the slow path queues to and wakes its CPU: a
 * direct switch would run it where it must not run.  (An unpinned task
 * and one pinned here take the slow path too, needlessly but rarely.)
 */
static int runs_here(const struct task *me, const struct task *to)
{
	return to->pin == me->pin;
}

static inline __attribute__((always_inline)) void fastpath_call(struct trapframe *tf,
								 const enum msg_kind kind)
{
	struct task *me = current();
	struct cap *c = endpoint_cap(me, tf->ebx, EPR_SEND);
	if (!c || !may_switch(me) ||
	    !fast_message(me, tf->esi, kind, (c->obj.rights & EPR_GRANT) != 0, IPC_NO_SLOT))
		return;
	struct endpoint *ep = c->obj.obj;
	if (ep->kind != EPQ_RECV || task_interrupted(ep->head) || !runs_here(me, ep->head))
		return;
	struct task *rx = ep_pop(ep);
	deliver(tf, c->obj.badge, me, rx, kind);
	me->call_cookie = ipc_new_cookie();
	rx->reply = (struct capreply){ me->tid, me->call_cookie };
	switch_to(me, BLOCK_REPLY, rx);
}

static inline __attribute__((always_inline)) void fastpath_reply_recv(struct trapframe *tf,
								       const enum msg_kind kind)
{
	struct task *me = current();
	struct cap *c = endpoint_cap(me, tf->ebx, EPR_RECV);
	if (!c || !me->reply.tid || !may_switch(me) || !fast_message(me, tf->esi, kind, 1, tf->ebx))
		return;
	struct endpoint *ep = c->obj.obj;
	/* A sender already waits, or bits are pending: receiving would not block. */
	if (ep->kind == EPQ_SEND || (me->ntf_bound && me->ntf_bound->word))
		return;
	struct task *caller = waiting_caller(&me->reply);
	/* An answer a fault does not take is refused on the slow path (ipc_check_reply). */
	if (!caller || task_interrupted(caller) || !runs_here(me, caller) ||
	    (caller->fault_call &&
	     (kind == MSG_CAPS || fault_answer_check(&caller->fault, IPC_TAG_LABEL(tf->esi)))))
		return;
	me->reply.tid = 0;
	if (caller->fault_call)
		answer_fault(me, tf->esi, ep, caller);
	deliver(tf, 0, me, caller, kind);
	ep_enqueue(ep, me, EPQ_RECV);
	switch_to(me, BLOCK_RECV, caller);
}

/*
 * yield, when the run queue is empty or its first task may run here, and
 * me may stay (sched_rotate): schedule() without the call chain.  me
 * keeps no context, as a task blocking in IPC does, and its result is 0.
 * The task that runs next may have blocked anywhere in the kernel: it
 * resumes from its context (arch_switch), unless it keeps none (it too
 * blocked or yielded in a fast path) and no work waits, when it leaves
 * straight through its trap frame, as task_resume_run would have it.
 */
static void fastpath_yield(struct trapframe *tf)
{
	struct task *me = current();
	if (!may_switch(me))
		return;
	struct cpu *c = this_cpu();
	struct task *next = sched_rotate(c, me);
	if (!next)
		return;
	if (next == me) {
		tf->eax = 0;
		arch_leave_syscall(tf);
	}
	me->ipc_result = 0;
	me->ksp = 0;
	sched_enter(c, next);
	if (next->ksp == 0 && next->work == 0) {
		struct trapframe *to = task_user_frame(next);
		to->eax = (uint32_t)next->ipc_result;
		KASSERT_HOT(c->lock_depth == 1);
		arch_leave_syscall(to);
	}
	uint32_t abandoned;
	arch_switch(&abandoned, sched_context(next));
	__builtin_unreachable();
}

/*
 * The choice, made once for both gates; returns only when it declines.
 * flatten: the fast path and what it calls in this file and in headers
 * are compiled into this one function, so the choice and the switch cost
 * no call (answer_fault, the rare fault answer, stays out on purpose).
 */
__attribute__((flatten)) void syscall_fastpath(struct trapframe *tf)
{
	debugchk_syscall(tf);
	/* The tag's low byte (tf->esi): words, caps and an unused bit (fast_message). */
#define BY_SHAPE(path)                                                                       \
	((uint8_t)tf->esi <= IPC_REG_WORDS ? path(tf, MSG_REGS) :                           \
	 (uint8_t)tf->esi <= IPC_WORDS     ? path(tf, MSG_WORDS) : path(tf, MSG_CAPS))
	if (tf->eax == SYS_ipc_call) {
		BY_SHAPE(fastpath_call);
	} else if (tf->eax == SYS_ipc_reply_recv) {
		BY_SHAPE(fastpath_reply_recv);
	} else if (tf->eax == SYS_yield) {
		fastpath_yield(tf);
	}
#undef BY_SHAPE
}
