/*
 * sys_task.c - system calls that create, inspect, wait for and end tasks.
 * Each validates every argument (ranges, then user memory, then authority)
 * before it changes anything.
 */
#include "kernel/lib.h"
#include "kernel/boot/module.h"
#include "kernel/proc/sched.h"
#include "kernel/proc/reap.h"
#include "kernel/proc/spawn.h"
#include "kernel/object/decode.h"
#include "kernel/proc/task.h"
#include "kernel/mm/uaccess.h"


SYSCALL(exit)
{
	task_exit(a->code, -1, 0, 0);
}

SYSCALL(getpid)
{
	return current()->tid;
}

static int copyin_string(char *dst, uint32_t cap, uint32_t src, uint32_t len)
{
	if (len >= cap)
		return -E_RANGE;
	if (copyin(&current()->as, dst, uptr(src), len))
		return -E_FAULT;
	dst[len] = '\0';
	if (strlen(dst) != len)
		return -E_INVAL;
	return 0;
}

SYSCALL(spawn)
{
	struct spawn_req req;
	char name[MODULE_NAME];
	char args[TASK_ARGS];
	if (copyin(&current()->as, &req, a->req, sizeof(req)))
		return user_error(E_FAULT);
	if (req.flags & ~SPAWN_SUSPENDED)
		return user_error(E_INVAL);
	int r = copyin_string(name, sizeof(name), (uint32_t)req.name, req.name_len);
	if (!r)
		r = copyin_string(args, sizeof(args), (uint32_t)req.args, req.args_len);
	if (r)
		return user_error((enum pc_error)-r);
	struct task *t;
	r = spawn_module(current(), name, args, req.flags, &t);
	if (r)
		return user_error((enum pc_error)-r);
	return t->tid;
}

/* Lets a child spawned with SPAWN_SUSPENDED run (after its caps are in place). */
SYSCALL(resume)
{
	struct task *t = task_lookup(a->tid);
	if (!t)
		return user_error(E_SRCH);
	if (t->parent != current())
		return user_error(E_CHILD);
	if (t->state != TASK_BLOCKED || t->blocked_on != BLOCK_SUSPENDED)
		return user_error(E_STATE);
	sched_make_runnable(t);
	return 0;
}

static int is_waitable(const struct task *me, int tid)
{
	if (tid == -1) {
		for (int i = 0; i < MAX_TASKS; i++)
			if (tasks[i].state != TASK_FREE && tasks[i].parent == me)
				return 1;
		return 0;
	}
	struct task *t = task_lookup(tid);
	return t && t->parent == me;
}

static struct task *zombie_child(const struct task *me, int tid)
{
	for (int i = 0; i < MAX_TASKS; i++) {
		struct task *t = &tasks[i];
		if (t->state == TASK_ZOMBIE && t->parent == me && (tid == -1 || t->tid == tid))
			return t;
	}
	return 0;
}

/* wait(tid or -1 for any child, info): the reaped child's tid. */
SYSCALL(wait)
{
	struct task *me = current();
	int tid = a->tid;
	struct exitinfo info = { 0 };
	if (tid != -1 && !task_lookup(tid))
		return user_error(E_SRCH);
	if (!is_waitable(me, tid))
		return user_error(E_CHILD);
	/* Probe the result buffer before blocking, so a bad pointer costs nothing. */
	if (copyout(&me->as, a->info, &info, sizeof(info)))
		return user_error(E_FAULT);
	struct task *z;
	while (!(z = zombie_child(me, tid))) {
		if (task_interrupted(me))
			return -E_SRCH;
		me->wait_for = tid;
		sched_block(BLOCK_WAIT);
	}
	int ztid = z->tid;
	task_reap(z, &info);
	if (copyout(&me->as, a->info, &info, sizeof(info)))
		return user_error(E_FAULT);
	return ztid;
}

SYSCALL(kill)
{
	struct task *t = task_lookup(a->tid);
	if (!t)
		return user_error(E_SRCH);
	int r = task_kill(current(), t);
	return r ? user_error((enum pc_error)-r) : 0;
}

SYSCALL(taskinfo)
{
	struct taskinfo info;
	struct task *t = a->tid == 0 ? current() : task_lookup(a->tid);
	/* By table slot, so ps can list every task without knowing tids. */
	if (a->tid & TASKINFO_BY_SLOT)
		t = (a->tid & ~TASKINFO_BY_SLOT) < MAX_TASKS ? &tasks[a->tid & ~TASKINFO_BY_SLOT] : 0;
	if (t && t->state == TASK_FREE)
		t = 0;
	if (!t)
		return user_error(E_SRCH);
	task_get_info(t, &info);
	struct cpu *on = sched_task_cpu(t);
	info.cpu = on ? (int)on->id : -1;
	info.pin = t->pin - 1;
	if (copyout(&current()->as, a->info, &info, sizeof(info)))
		return user_error(E_FAULT);
	return 0;
}

/*
 * restart(tid): a fresh incarnation of a descendant, with the same tid and
 * capabilities, at its next system call exit, so a server between requests
 * (in recv) restarts at once and one in mid-request finishes it first.  A
 * task stopped at a fault restarts at once, whether its fault went to
 * supervise() or to a fault endpoint; the fault is withdrawn.
 */
SYSCALL(restart)
{
	struct task *t = task_lookup(a->tid);
	if (!t)
		return user_error(E_SRCH);
	if (!task_is_descendant(t, current()) || t == current())
		return user_error(E_PERM);
	if (t->state == TASK_ZOMBIE || t->kthread ||
	    (t->state == TASK_BLOCKED && t->blocked_on == BLOCK_SUSPENDED))
		return user_error(E_STATE);
	t->work |= TW_RESTART;
	task_interrupt(t);
	return 0;
}

/* module_read(name, name_len, buf, len): a whole boot module (e.g. the manifest); its size. */
SYSCALL(module_read)
{
	char name[32];
	if (a->name_len == 0 || a->name_len >= sizeof(name))
		return user_error(E_INVAL);
	if (copyin(&current()->as, name, a->name, a->name_len))
		return user_error(E_FAULT);
	name[a->name_len] = 0;
	const struct module *m = module_find(name);
	if (!m)
		return user_error(E_NOENT);
	if (m->size > a->len)
		return user_error(E_RANGE);
	if (copyout(&current()->as, a->buf, m->start, m->size))
		return user_error(E_FAULT);
	return (long)m->size;
}

/* task_affinity(tid, cpu): abi/syscalls.h. */
SYSCALL(task_affinity)
{
	struct task *me = current();
	struct task *t = a->tid == 0 ? me : task_lookup(a->tid);
	if (!t)
		return user_error(E_SRCH);
	if (a->cpu < -1 || a->cpu >= (int)ncpus_online)
		return user_error(E_INVAL);
	if (t != me && !task_is_descendant(t, me))
		return user_error(E_PERM);
	if (t->state == TASK_ZOMBIE || t->kthread)
		return user_error(E_STATE);
	sched_set_affinity(t, a->cpu);
	return 0;
}

/* cpu_info(cpu, info): abi/syscalls.h. */
SYSCALL(cpu_info)
{
	struct cpu *c = a->cpu == -1 ? this_cpu() : 0;
	if (a->cpu >= 0 && a->cpu < (int)ncpus_online)
		c = &cpus[a->cpu];
	if (!c)
		return user_error(E_INVAL);
	struct cpuinfo info = {
		.id = c->id, .apic_id = c->apic_id,
		.current = c->current == c->idle ? 0 : c->current->tid,
		.ipi_sent = c->counts.ipi_sent, .ipi_received = c->counts.ipi_received,
		.tlb_requests = c->counts.tlb_requests, .io_requests = c->counts.io_requests,
		.shootdowns = c->counts.shootdowns,
		.nmi_sent = c->counts.nmi_sent, .nmi_received = c->counts.nmi_received,
		.lock_taken = c->counts.lock_taken, .lock_waited = c->counts.lock_waited,
		.lock_spins = c->counts.lock_spins,
		.irqs = c->counts.irqs,
	};
	if (copyout(&current()->as, a->info, &info, sizeof(info)))
		return user_error(E_FAULT);
	return (long)ncpus_online;
}
