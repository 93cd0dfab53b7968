/*
 * kobj.h - the data of the kernel objects that endpoint and notification
 * caps name (their pools, queues and words), apart from the operations in
 * kernel/object/ipc.h: the endpoint queues (kernel/object/epqueue.h), which the
 * IPC code and the fast path both run, need the objects but none of the
 * operations.
 */
#ifndef KERNEL_KOBJ_H
#define KERNEL_KOBJ_H

#include <stdint.h>

#define MAX_ENDPOINTS     64
#define MAX_NOTIFICATIONS 64
/*
 * The pools are shared, and no task may empty one for the others
 * (docs/lifecycle.md): a task has at most KOBJ_TASK_QUOTA live objects of
 * each kind that it made, wherever their caps went, and the last
 * KOBJ_ROOT_RESERVE free entries of each pool are the root task's.
 */
#define KOBJ_TASK_QUOTA   16
#define KOBJ_ROOT_RESERVE 8

struct task;

/* Queued tasks are all senders or all receivers (never both: they would have met). */
enum epq_kind { EPQ_IDLE, EPQ_SEND, EPQ_RECV };

struct endpoint {
	int refs;                    /* caps naming it; 0 = free */
	int owner;                   /* tid of the task that made it (its quota) */
	int recv_refs;               /* ... of them with the right to receive */
	enum epq_kind kind;
	struct task *head, *tail;
};

struct notification {
	int refs;
	int owner;                   /* tid of the task that made it (its quota) */
	uint32_t word;               /* bits signalled and not yet taken */
	struct task *waiter;         /* blocked in ntf_wait */
	struct task *bound;          /* gets the bits through recv instead */
};

/* A message in flight: the registers' part, the sender cap's badge, and whether caps may go. */
struct ipc_kmsg {
	uint32_t tag, w0, w1, badge;
	int grant;
};

#endif
