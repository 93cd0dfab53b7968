/*
 * task.h - tasks: one address space and one thread each (there is no
 * thread object apart from the task).  The table is static; a tid names a slot and
 * a generation, so a stale tid is detected instead of reaching whoever
 * reuses the slot.
 */
#ifndef KERNEL_TASK_H
#define KERNEL_TASK_H

#include <stdint.h>
#include "iocap/iotss.h"
#include "abi/syscalls.h"
#include "kernel/object/cap.h"
#include "kernel/mm/vm.h"
#include "arch/i386/trapframe.h"

#define MAX_TASKS    64
#define KSTACK_SIZE  8192
#define TASK_NAME    16

enum task_state { TASK_FREE, TASK_RUNNABLE, TASK_RUNNING, TASK_BLOCKED, TASK_ZOMBIE };
#define TASK_ARGS    200

enum block_reason {
	BLOCK_NONE, BLOCK_SLEEP, BLOCK_WAIT,
	BLOCK_SUSPENDED,             /* spawned with SPAWN_SUSPENDED */
	BLOCK_SUPERVISE,             /* in supervise(), waiting for a child event */
	BLOCK_FAULT,                 /* stopped on a fault, waiting for fault_reply */
	BLOCK_SEND,                  /* queued on an endpoint with a message (send or call) */
	BLOCK_RECV,                  /* queued on an endpoint for a message */
	BLOCK_REPLY,                 /* called; waits for the reply */
	BLOCK_NOTIFY,                /* in ntf_wait */
};

enum fault_stop {
	FAULT_NONE,
	FAULT_WAITING,               /* stopped; supervise() has not reported it yet */
	FAULT_SEEN,                  /* reported; fault_reply() may answer it */
};

struct module;
struct endpoint;
struct notification;
struct utcb;

/*
 * The bits of task.work, the work a task does before it returns to ring 3
 * (Linux's _TIF_* flags).  TW_KILL and TW_RESTART belong to the task and
 * wait for it wherever it is.  TW_LOG and TW_RESCHED belong to the CPU:
 * they are set on its current task and schedule() hands them to the next
 * one, so only a running task ever holds them.  Later remote requests
 * (a kill or bitmap reload from another CPU) become bits here too.
 */
enum {
	TW_LOG = 1u << 0,            /* the kernel logged: signal the log reader */
	TW_RESCHED = 1u << 1,        /* the timer asks for a reschedule */
	TW_KILL = 1u << 2,           /* die (killed_by says who asked) */
	TW_RESTART = 1u << 3,        /* restart(tid): a fresh incarnation at the next syscall exit */
	TW_IOSYNC = 1u << 4,         /* another CPU revoked: IOPL in the frame as the caps say (kernel/smp/ipi.h) */
};
#define TW_CPU (TW_LOG | TW_RESCHED)

struct task {
	uint32_t ksp;                /* saved by arch_switch; 0: none, it resumes through its trap frame (sched_context) */
	uintptr_t kstack_top;        /* the user frame is just below (host tests: a pointer) */
	struct aspace as;
	enum task_state state;
	enum block_reason blocked_on;
	int tid;
	uint32_t mem_made[2];        /* live Untypeds and Frames it made (kernel/mm/memobj.h's quota) */
	int kthread;                 /* ring-0 thread (the idle task) */
	struct task *parent;
	int nchildren;               /* tasks whose parent this is, zombies included */
	struct task *rq_next;
	int pin;                     /* runs only on CPU pin - 1; 0: on any (sched_set_affinity) */
	uint64_t wake_tick;
	int wait_for;                /* tid waited for */
	/*
	 * Work pending on the way back to ring 3 (TW_x): the one word every
	 * return path tests (kernel/api/exit.c).  Set by whoever asks for the work,
	 * cleared by the handler that does it.
	 */
	uint32_t work;
	int killed_by;               /* tid of the killer (TW_KILL set), for exitinfo */
	uint32_t ticks;
	struct exitinfo exit;
	char name[TASK_NAME];

	/* What it was started from, so the supervisor can restart it. */
	const struct module *mod;
	char args[TASK_ARGS];
	uint32_t restarts;
	int fpu_used;                /* has FPU state of its own (kernel/proc/fpu.c) */

	/* Capabilities and the I/O state they imply (kernel/object/taskio.c). */
	struct cspace cs;
	/* Union of IoPorts caps (bit set = denied), its extent, and a version
	 * that changes whenever it does; owner is the task itself. */
	struct iobm_view io;
	int iopl_on;                 /* runs with EFLAGS.IOPL = 3 */
	uint32_t iofaults;

	/* IPC (kernel/object/ipc.c, kernel/object/notify.c). */
	struct utcb *utcb;           /* kernel view of the task's UTCB page */
	struct endpoint *ipc_ep;     /* endpoint queued on (BLOCK_SEND/BLOCK_RECV) */
	struct task *ipc_next, *ipc_prev;
	uint32_t ipc_badge;          /* queued sender: badge of the cap it used */
	uint32_t ipc_rights;         /* ... and that cap's rights */
	int ipc_call;                /* queued sender is calling: it wants a reply */
	long ipc_result;             /* what a woken IPC call returns */
	uint32_t call_cookie;        /* BLOCK_REPLY: identifies the call */
	struct capreply reply;       /* the implicit reply cap; tid 0 = none */
	struct notification *ntf_bound;
	struct notification *ntf_waiting;
	/*
	 * The slot of the cap ntf_bind was given: the binding ends with it
	 * (kernel/object/lifecycle.c).  A task blocked in a call needs no such field:
	 * the slot it called with stays in its saved ebx until it is woken.
	 */
	uint32_t ntf_bound_slot;

	/* Supervision (kernel/proc/supervise.c). */
	int supervising;             /* has called supervise(): children's faults stop */
	/*
	 * Where a fault stopped for supervise() stands.  Not FAULT_NONE exactly
	 * while the task is blocked on BLOCK_FAULT: whoever wakes it (an answer,
	 * a kill, a restart) sets FAULT_NONE in the same step (supervise_release).
	 */
	enum fault_stop fault_stop;
	uint32_t fault_action;
	uint32_t faults;
	struct supmsg fault;
	struct notification *sup_ntf; /* signalled on each child event (supervise_bind) */
	uint32_t sup_badge;
	uint32_t sup_ntf_slot;       /* the slot of the cap supervise_bind used */
	/* fault_ep: faults go there as messages (send right, the cap's badge), not to supervise(). */
	struct cap fault_cap;        /* CAP_NULL: none; not in any cspace */
	uint32_t fault_src_slot;     /* the parent's slot fault_ep named: the binding ends with it */
	int fault_call;              /* blocked in that fault message's call */
};

extern struct task tasks[MAX_TASKS];

struct task *task_alloc(const char *name, struct task *parent);
void task_free(struct task *t);
/* The live task with this tid, or 0 (a stale tid names nobody). */
static inline struct task *task_lookup(int tid)
{
	if (tid <= 0)
		return 0;
	struct task *t = &tasks[(uint32_t)(tid - 1) % MAX_TASKS];
	if (t->state == TASK_FREE || t->tid != tid)
		return 0;
	return t;
}
/* t is anc or below it in the tree of parents. */
int task_is_descendant(const struct task *t, const struct task *anc);
/* Whether a blocking call should give up now: t is being killed or restarted. */
static inline int task_interrupted(const struct task *t)
{
	return (t->work & (TW_KILL | TW_RESTART)) != 0;
}
struct task *task_root(void);
/* Frees t's slot under a new generation (task_free; task_reap, kernel/proc/reap.c). */
void task_slot_free(struct task *t);
void task_get_info(const struct task *t, struct taskinfo *info);

/* The ring-3 registers saved at the top of t's kernel stack. */
static inline struct trapframe *task_user_frame(const struct task *t)
{
	return (struct trapframe *)(t->kstack_top - sizeof(struct trapframe));
}

#endif
