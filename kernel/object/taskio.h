/*
 * taskio.h - a task's I/O privileges as its capabilities imply them: the
 * bitmap that is the union of its IoPorts caps, and IOPL 3 when it holds an
 * Iopl cap and has switched it on.
 */
#ifndef KERNEL_TASKIO_H
#define KERNEL_TASKIO_H

#include <stdbool.h>
#include <stddef.h>

#include "kernel/smp/cpu.h"
#include "iocap/iotss.h"
#include "kernel/lib.h"
#include "kernel/proc/task.h"

/* After any capability operation: rebuild every space that changed, and
 * reload this CPU's TSS if the running task's bitmap changed. */
void caps_commit(void);
/* A CPU's reload request (kernel/smp/ipi.h's io_request_hook). */
void task_io_request(struct cpu *c, struct trapframe *tf);
/* TW_IOSYNC: IOPL in t's frame as its capabilities say now. */
void task_io_sync_frame(struct task *t, struct trapframe *tf);
/*
 * t holds ports but c's TSS does not give them (an older version, or
 * switched off): a grant made while t ran on c, or a revoke's reload
 * pending.  A #GP then reloads and retries instead of reporting.
 */
int task_io_stale(struct cpu *c, const struct task *t);
/* Rebuilds one task's whole bitmap and IOPL from its capabilities. */
void task_io_refresh(struct task *t);
/* IOPL in t's frame as its caps and its iopl switch say; 1 if it lost IOPL. */
int task_iopl_sync(struct task *t);
/* "0x2f8-0x2ff,0x3f8-0x3ff" or "none". */
void task_io_holds(const struct task *t, char *buf, size_t n);
/* Boot option "iobitmap=eager": copy all 8 KiB on every switch (for measuring; eager views). */
extern int iobitmap_eager;

/*
 * On every switch to t: loads t's bitmap into this CPU's TSS, or shuts
 * ports off.  The TSS has two own bitmaps (arch/i386/cpu.h): t's goes to
 * the one that holds it already, else to the one not used last, so two
 * holders taking turns each keep theirs and a switch between them is a
 * compare, whatever their grants span.  A whole-space holder's shared
 * bitmap is io[0]'s alone, so one record says which generation it holds.
 */
void task_io_switch_holder(struct cpu_arch *a, const struct iobm_view *v);

static inline void task_io_switch_in(struct cpu *c, struct task *t)
{
	struct cpu_arch *a = &c->arch;
	const struct iobm_view *v = &t->io;
	KASSERT_HOT(v->bm != 0);      /* task_alloc gave it one (task_io_refresh) */
	/*
	 * Inline only what switches meet most: no ports, the shared area as it
	 * is, and two holders taking turns (the area not used last is next's,
	 * at its version; an eager view is never trusted).
	 */
	if (iobitmap_extent_empty(&v->ext)) {
		arch_io_bitmap_enable(a, IOTSS_OFF);
		return;
	}
	if (v->shared_gen == a->io[0].shared_gen) {
		arch_io_bitmap_enable(a, IOTSS_SHARED);
		return;
	}
	uint32_t k = a->io_last ^ 1;
	if (__builtin_expect(a->io[k].version != v->version || v->eager, 0)) {
		task_io_switch_holder(a, v);
		return;
	}
	a->io_last = k;
	arch_io_bitmap_enable(a, k ? IOTSS_OWN2 : IOTSS_OWN);
}

/*
 * Called at the end of a caps_commit that saw an IoPorts, Iopl or KLog cap
 * come or go, as it may have moved COM1's ports or the KLog cap (a cap of
 * another type cannot): the log's question who prints on COM1
 * (kernel/debug/log.c:com1_owner_update).  Set at boot (kmain), before the
 * first commit: the log asks the I/O state, never the other way round.
 */
extern void (*caps_commit_hook)(void);

/* Whether t holds a cap of this type in any slot. */
static inline int task_holds(const struct task *t, enum cap_type type)
{
	for (int i = 0; i < CSPACE_SLOTS; i++)
		if (t->cs.slot[i].type == type)
			return 1;
	return 0;
}

#endif
