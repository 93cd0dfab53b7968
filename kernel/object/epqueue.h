/*
 * epqueue.h - an endpoint's queue of blocked senders or receivers (one
 * kind at a time), and the caller a reply cap names.  Inline: the IPC fast
 * path (kernel/api/fastpath.c) runs these on every message.
 */
#ifndef KERNEL_EPQUEUE_H
#define KERNEL_EPQUEUE_H

#include "kernel/object/kobj.h"
#include "kernel/lib.h"
#include "kernel/proc/task.h"

static inline void ep_enqueue(struct endpoint *ep, struct task *t, enum epq_kind kind)
{
	KASSERT(ep->kind == EPQ_IDLE || ep->kind == kind);
	/* One queue at a time: not another endpoint's, not the run queue. */
	KASSERT_HOT(t->ipc_ep == 0 && t->state != TASK_RUNNABLE);
	ep->kind = kind;
	t->ipc_ep = ep;
	t->ipc_next = 0;
	t->ipc_prev = ep->tail;
	if (ep->tail)
		ep->tail->ipc_next = t;
	else
		ep->head = t;
	ep->tail = t;
}

static inline void ep_remove(struct endpoint *ep, struct task *t)
{
	KASSERT_HOT(t->ipc_ep == ep);
	if (t->ipc_prev)
		t->ipc_prev->ipc_next = t->ipc_next;
	else
		ep->head = t->ipc_next;
	if (t->ipc_next)
		t->ipc_next->ipc_prev = t->ipc_prev;
	else
		ep->tail = t->ipc_prev;
	t->ipc_ep = 0;
	t->ipc_next = t->ipc_prev = 0;
	if (!ep->head)
		ep->kind = EPQ_IDLE;
}

/* ep_remove for the head, whose ipc_prev is 0: the IPC fast path's dequeue. */
static inline struct task *ep_pop(struct endpoint *ep)
{
	struct task *t = ep->head, *next = t->ipc_next;
	KASSERT_HOT(t->ipc_ep == ep && t->ipc_prev == 0);
	ep->head = next;
	if (next) {
		next->ipc_prev = 0;
	} else {
		ep->tail = 0;
		ep->kind = EPQ_IDLE;
	}
	t->ipc_ep = 0;
	t->ipc_next = 0;
	return t;
}

/* The task blocked in the call that r answers, or 0 (gone, woken, or a later call). */
static inline struct task *waiting_caller(const struct capreply *r)
{
	/*
	 * task_lookup's slot, without its other tests: a blocked task is not
	 * free, and the slot's tid (never 0 for a task that runs) is the one
	 * compare that a tid 0 or a slot's later task fails.
	 */
	struct task *t = &tasks[(uint32_t)(r->tid - 1) % MAX_TASKS];
	if (t->tid != r->tid || t->state != TASK_BLOCKED || t->blocked_on != BLOCK_REPLY ||
	    t->call_cookie != r->cookie)
		return 0;
	return t;
}

#endif
