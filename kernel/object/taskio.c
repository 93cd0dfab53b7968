/*
 * taskio.c - keeps each task's I/O bitmap equal to the union of its
 * IoPorts capabilities and loads it into the CPU's TSS at switch time.
 *
 * The switch itself is iocap/iotss.c (host-tested); docs/iocap.md has the
 * scheme.  Every rebuild takes a fresh version, so no CPU reuses a copy made
 * before a revoke.
 */
#include "kernel/smp/cpu.h"
#include "arch/i386/trapframe.h"
#include "iocap/iobitmap.h"
#include "iocap/iopl.h"
#include "arch/i386/arch.h"
#include "kernel/lib.h"
#include "kernel/proc/task.h"
#include "kernel/object/taskio.h"

int iobitmap_eager;

static uint8_t bitmaps[MAX_TASKS][IOBITMAP_BYTES];
static uint32_t version_seq;

static int collect_ports(const struct task *t, struct ioports *out)
{
	int n = 0;
	for (int i = 0; i < CSPACE_SLOTS; i++)
		if (t->cs.slot[i].type == CAP_IOPORTS)
			out[n++] = t->cs.slot[i].io;
	return n;
}

void task_io_refresh(struct task *t)
{
	struct ioports ports[CSPACE_SLOTS];
	int n = collect_ports(t, ports);
	struct iobitmap_extent ext;
	iobitmap_build(bitmaps[t - tasks], ports, n, &ext);
	iotss_view_init(&t->io, t, ++version_seq, bitmaps[t - tasks], ext);
	if (t->iopl_on && !task_holds(t, CAP_IOPL))
		t->iopl_on = 0;
	/* The only place ring 3's IOPL comes from: the frame it returns through. */
	if (t->state != TASK_ZOMBIE && !t->kthread && t->kstack_top) {
		struct trapframe *tf = task_user_frame(t);
		tf->eflags = eflags_sanitize(tf->eflags, t->iopl_on);
	}
}

void (*caps_commit_hook)(void);

void caps_commit(void)
{
	struct cpu *c = this_cpu();
	KASSERT_HOT(arch_irqs_disabled());      /* every space's bitmap and this CPU's TSS */
	for (int i = 0; i < MAX_TASKS; i++) {
		struct task *t = &tasks[i];
		/*
		 * Only IoPorts and Iopl caps shape the bitmap and IOPL: any other
		 * change leaves them.  The flag first: most tasks have none.
		 */
		if (!t->cs.io_changed || t->state == TASK_FREE)
			continue;
		t->cs.io_changed = 0;
		task_io_refresh(t);
		if (t == c->current)
			task_io_switch_in(c, t);
	}
	caps_commit_hook();
}

void task_io_holds(const struct task *t, char *buf, size_t n)
{
	struct ioports ports[CSPACE_SLOTS];
	ioports_format(buf, n, ports, collect_ports(t, ports));
}

