/*
 * task.c - the task table: allocation, freeing, lookup by tid and the
 * tree of parents, the data below everything else about tasks (spawn
 * builds a task's I/O state, kernel/object/taskio.c).  How a task ends
 * (exit, kill, reaping), which touches every subsystem, is
 * kernel/proc/reap.c, above them all.
 */
#include "kernel/lib.h"
#include "kernel/proc/task.h"

struct task tasks[MAX_TASKS];
static uint8_t kstacks[MAX_TASKS][KSTACK_SIZE] __attribute__((aligned(16)));
static uint32_t generation[MAX_TASKS];
static struct task *root;

struct task *task_alloc(const char *name, struct task *parent)
{
	for (int i = 0; i < MAX_TASKS; i++) {
		struct task *t = &tasks[i];
		if (t->state != TASK_FREE)
			continue;
		/* A child is made by its running parent (or is the root task). */
		KASSERT(!parent || parent->state == TASK_RUNNING);
		*t = (struct task){ 0 };
		t->tid = (int)(generation[i] * MAX_TASKS + (uint32_t)i + 1);
		t->state = TASK_BLOCKED;        /* not runnable until fully built */
		t->parent = parent;
		if (parent)
			parent->nchildren++;
		t->kstack_top = (uint32_t)(kstacks[i] + KSTACK_SIZE);
		strlcpy(t->name, name, sizeof(t->name));
		cspace_init(&t->cs);
		t->cs.id = (uint32_t)i;
		if (!root)
			root = t;
		return t;
	}
	return 0;
}

/* Only for a task that never ran (spawn failed part-way). */
void task_free(struct task *t)
{
	KASSERT(t->state == TASK_BLOCKED && t->blocked_on == BLOCK_NONE);
	if (t->as.pgdir)
		aspace_destroy(&t->as);
	if (t == root)
		root = 0;
	task_slot_free(t);
}

/* The slot, free again under a new generation, so that t's tid names nobody from now on. */
void task_slot_free(struct task *t)
{
	generation[t - tasks]++;
	if (t->parent) {
		KASSERT(t->parent->nchildren > 0);
		t->parent->nchildren--;
	}
	t->state = TASK_FREE;
}

struct task *task_root(void)
{
	return root;
}

void task_get_info(const struct task *t, struct taskinfo *info)
{
	*info = (struct taskinfo){ 0 };
	info->tid = t->tid;
	info->parent = t->parent ? t->parent->tid : 0;
	info->state = (int)t->state;
	info->ticks = t->ticks;
	info->restarts = t->restarts;
	info->iofaults = t->iofaults;
	info->iopl = t->iopl_on;
	strlcpy(info->name, t->name, sizeof(info->name));
}

int task_is_descendant(const struct task *t, const struct task *anc)
{
	while (t && t != anc)
		t = t->parent;
	return t != 0;
}
