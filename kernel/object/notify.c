/*
 * notify.c - notifications: a word of event bits that signalling ORs into
 * and waiting takes, so the signaller never blocks (IRQs, the kernel log,
 * "something changed" between tasks).  One task may wait on a
 * notification directly, or bind it, and then its recv on any endpoint
 * also returns when bits arrive, with label IPC_LABEL_NOTIFY: a driver
 * serves clients and its interrupt from one loop.
 */
#include "arch/i386/trapframe.h"
#include "abi/errno.h"
#include "abi/ipc.h"
#include "kernel/object/ipc.h"
#include "kernel/lib.h"
#include "kernel/proc/sched.h"
#include "kernel/proc/task.h"

static struct notification notifications[MAX_NOTIFICATIONS];

struct notification *notification_alloc(int owner)
{
	for (int i = 0; i < MAX_NOTIFICATIONS; i++)
		if (!notifications[i].refs) {
			/* Its last cap went: notification_ref cancelled the wait and the binding. */
			KASSERT(!notifications[i].waiter && !notifications[i].bound);
			notifications[i] = (struct notification){ .owner = owner };
			return &notifications[i];
		}
	return 0;
}

void notification_pool_use(int tid, int *mine, int *free)
{
	*mine = *free = 0;
	for (int i = 0; i < MAX_NOTIFICATIONS; i++) {
		*free += !notifications[i].refs;
		*mine += notifications[i].refs && notifications[i].owner == tid;
	}
}

int notification_index(const struct notification *n)
{
	return (int)(n - notifications);
}

struct notification *notification_at(int i)
{
	return &notifications[i];
}

void notification_take(struct notification *n, struct task *t)
{
	struct trapframe *tf = task_user_frame(t);
	tf->ebx = n->word;
	tf->esi = IPC_TAG(IPC_LABEL_NOTIFY, 0, 0);
	tf->edi = tf->ebp = 0;
	n->word = 0;
}

void notification_signal(struct notification *n, uint32_t bits)
{
	n->word |= bits;
	struct task *t = n->waiter;
	if (t) {
		KASSERT_HOT(t->ntf_waiting == n && t->state == TASK_BLOCKED &&
			    t->blocked_on == BLOCK_NOTIFY);
		n->waiter = 0;
		t->ntf_waiting = 0;
		notification_take(n, t);
		ipc_wake(t, 0);
		return;
	}
	t = n->bound;
	if (t && t->state == TASK_BLOCKED && t->blocked_on == BLOCK_RECV) {
		ipc_cancel(t);             /* off the endpoint's queue */
		notification_take(n, t);
		ipc_wake(t, 0);
	}
}

void notification_cancel_wait(struct task *t)
{
	if (t->ntf_waiting) {
		KASSERT(t->ntf_waiting->waiter == t);   /* a waiter and its notification name each other */
		t->ntf_waiting->waiter = 0;
		t->ntf_waiting = 0;
	}
}

void notification_unbind(struct task *t)
{
	if (t->ntf_bound) {
		KASSERT(t->ntf_bound->bound == t);
		t->ntf_bound->bound = 0;
		t->ntf_bound = 0;
	}
}

void notification_ref(struct notification *n, int delta)
{
	n->refs += delta;
	KASSERT(n->refs >= 0);
	if (n->refs)
		return;
	/* The last cap is gone: nobody can signal it any more. */
	if (n->waiter) {
		struct task *t = n->waiter;
		notification_cancel_wait(t);
		ipc_wake(t, -E_DEAD);
	}
	if (n->bound)
		notification_unbind(n->bound);
}

/*
 * What a notification cap enabled for its holder ends with it, even while
 * other caps keep the object alive: the binding ntf_bind made with it, a
 * wait on it (which returns E_EMPTY, as ntf_wait on the empty slot would),
 * and supervise_bind's signalling.  (IRQ lines and the log reader that
 * signal through it: kernel/object/irq.c, kernel/debug/log.c.)
 */
void notification_cap_gone(struct task *t, uint32_t slot)
{
	if (t->ntf_bound && t->ntf_bound_slot == slot)
		notification_unbind(t);
	/* ntf_wait's slot is in the waiter's saved ebx until the bits come. */
	if (t->ntf_waiting && task_user_frame(t)->ebx == slot) {
		notification_cancel_wait(t);
		ipc_wake(t, -E_EMPTY);
	}
	if (t->sup_ntf && t->sup_ntf_slot == slot)
		notification_hold(&t->sup_ntf, 0);
}

void notification_hold(struct notification **held, struct notification *n)
{
	if (n)
		notification_ref(n, +1);
	if (*held)
		notification_ref(*held, -1);
	*held = n;
}
