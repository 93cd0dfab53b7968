/*
 * ipc.h - kernel objects for communication: endpoints (rendezvous message
 * passing with one-shot replies, kernel/object/ipc.c) and notifications (a word
 * of event bits, kernel/object/notify.c).  Both come from fixed pools and live
 * while some capability names them (cap_ref_hook counts).
 */
#ifndef KERNEL_IPC_H
#define KERNEL_IPC_H

#include <stdint.h>

#include "kernel/object/cap.h"
#include "kernel/object/kobj.h"

struct task;

/* ---- endpoints (kernel/object/ipc.c) ---- */
struct endpoint *endpoint_alloc(int owner);
int endpoint_index(const struct endpoint *ep);
/* Live objects of the pool that tid made, and free entries: for kobj_may_create. */
void endpoint_pool_use(int tid, int *mine, int *free);
/* Whether t may make one more object of type (CAP_ENDPOINT or CAP_NOTIFY) now. */
int kobj_may_create(enum cap_type type, const struct task *t, int is_root);
/* Pool entry i < MAX_ENDPOINTS, free or not (the invariant checker walks the pools). */
struct endpoint *endpoint_at(int i);
/* -E_INVAL / -E_PERM / -E_BADSLOT / -E_EMPTY for a message t may not send. */
int ipc_check_msg(const struct task *t, uint32_t tag, int may_grant);
/* m into to: the words past the registers, the caps (when m->grant), the registers; not eax. */
void ipc_deliver(struct task *from, const struct ipc_kmsg *m, struct task *to);
/*
 * ipc_check_msg for a reply on r, and for the answer to a fault call
 * fault_answer_check's -E_INVAL: refused before the reply cap is used, so
 * the fault still waits for a good answer.
 */
int ipc_check_reply(const struct task *t, const struct capreply *r, uint32_t tag);
/* The operations; each returns what the system call returns.  May block. */
long ipc_send(struct task *me, struct endpoint *ep, const struct ipc_kmsg *m, uint32_t rights,
	      int call);
long ipc_recv(struct task *me, struct endpoint *ep);
long ipc_reply(struct task *me, const struct capreply *r, const struct ipc_kmsg *m);
/* A blocked IPC or notification call of t returns result. */
void ipc_wake(struct task *t, long result);
/* Drops t's implicit reply cap, failing that call. */
void ipc_drop_reply(struct task *t);
/* Fails the call (tid, cookie) with E_DEAD if it is still waiting for a reply. */
void reply_discard(const struct capreply *r);
/* A blocked task is killed or diverted: take it off any queue it is on. */
void ipc_cancel(struct task *t);
/* A task exits or restarts: the call it was answering fails, its binding goes. */
void ipc_task_reset(struct task *t);
/*
 * ep gains or loses a reference (delta), a receiving one if recv.  Caps
 * count through kobj_ref (kernel/object/lifecycle.c); the kernel's own fault
 * endpoint reference (fault_ep) counts here directly.
 */
void endpoint_ref(struct endpoint *ep, int recv, int delta);
/* t's endpoint cap in slot went: if t is queued with it, it leaves the queue (E_EMPTY). */
void endpoint_cap_gone(struct task *t, const struct endpoint *ep, uint32_t slot);
/* t's fault call, if queued on an endpoint, fails (E_DEAD): its fault endpoint went. */
void ipc_fault_call_cancel(struct task *t);

/* For the fast path (kernel/api/fastpath.c): the pieces it puts together itself. */
/*
 * t's fault (t->fault, already filled) as a call on its fault endpoint
 * (t->fault_cap), made by the kernel: blocks until the reply, whose label
 * (checked by ipc_check_reply) lands in t->fault_action.  0, or -E_DEAD if
 * nobody can or will answer.  t->fault_call is set while the call is
 * outstanding; the caller (kernel/proc/faultstop.c:fault_ask) clears it.
 */
long ipc_fault_call(struct task *t);
/* The queues and waiting_caller: kernel/object/epqueue.h.  Inline: the fast path takes one per call. */
extern uint32_t ipc_cookie_seq;
static inline uint32_t ipc_new_cookie(void)
{
	return ++ipc_cookie_seq;
}

/* ---- notifications (kernel/object/notify.c) ---- */
struct notification *notification_alloc(int owner);
int notification_index(const struct notification *n);
void notification_pool_use(int tid, int *mine, int *free);
/* t's notification cap in slot went: the binding, wait or supervise_bind made with it end. */
void notification_cap_gone(struct task *t, uint32_t slot);
struct notification *notification_at(int i);
void notification_ref(struct notification *n, int delta);
/* Sets bits and wakes whoever takes them.  Safe from IRQ delivery, not from inside IPC. */
void notification_signal(struct notification *n, uint32_t bits);
/* Hands n's bits to t as a notification message (recv's registers) and clears them. */
void notification_take(struct notification *n, struct task *t);
void notification_cancel_wait(struct task *t);
/* A kernel event source (IRQ line, log, supervisor) now signals n: it holds a reference. */
void notification_hold(struct notification **held, struct notification *n);
void notification_unbind(struct task *t);

#endif
