/*
 * taskio.c - keeps each task's I/O bitmap equal to the union of its
 * IoPorts capabilities, less the ports the kernel owns
 * (kernel/object/kports.h), and loads it into the CPU's TSS at switch time.
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
#include "kernel/object/kports.h"
#include "kernel/object/taskio.h"
#include "kernel/smp/ipi.h"

int iobitmap_eager;

static uint8_t bitmaps[MAX_TASKS][IOBITMAP_BYTES];
static uint32_t version_seq;

/* Only the slots io_slots names: a holder of one grant reads one slot, not 32. */
static int collect_ports(const struct task *t, struct ioports *out)
{
	int n = 0;
	for (uint32_t m = t->cs.io_slots; m; m &= m - 1)
		out[n++] = t->cs.slot[__builtin_ctz(m)].io;
	return n;
}

/*
 * A cap over the whole space with both rights makes the bitmap every port
 * but the kernel's (the owned bytes are closed whenever a cap covers one),
 * the same for every such holder: the TSS's shared area serves them all.
 */
static uint32_t shared_gen_of(const struct ioports *ports, int n)
{
	for (int i = 0; i < n; i++)
		if (ports[i].base == 0 && ports[i].count >= IOPORTS_SPACE &&
		    (ports[i].rights & IOR_ALL) == IOR_ALL)
			return kports_gen;
	return 0;
}

/*
 * A version no TSS holds.  The version alone says whose bitmap a TSS
 * holds (iocap/iotss.h), so when the counter wraps, after 2^32 rebuilds, a
 * copy a CPU kept from long ago could match again: every CPU forgets its
 * copy then, and reloads at its next switch or #GP (task_io_stale).
 */
static uint32_t fresh_version(void)
{
	if (++version_seq == 0) {
		version_seq = 1;
		for (uint32_t i = 0; i < MAX_CPUS; i++)
			cpus[i].arch.io[0].version = cpus[i].arch.io[1].version = 0;
	}
	return version_seq;
}

/*
 * t's view of its bitmap, just rebuilt: a fresh version, its open words
 * (iotss_view_init), and the shared area if it is every port.
 */
static inline void view_update(struct task *t, const struct ioports *ports, int n,
			       struct iobitmap_extent ext)
{
	iotss_view_init(&t->io, fresh_version(), bitmaps[t - tasks], ext, ports, n);
	/*
	 * iobitmap=eager measures the plain copy: no sharing then, and no word
	 * lists.  (A shared view lists no words anyway: its cap spans 2048.)
	 */
	t->io.shared_gen = iobitmap_eager ? 0 : shared_gen_of(ports, n);
	if (iobitmap_eager)
		iotss_view_eager(&t->io);
}

/* task_io_switch_in for a holder of its own ports, or of a shared area to write first. */
void task_io_switch_holder(struct cpu_arch *a, const struct iobm_view *v)
{
	if (v->shared_gen) {
		arch_io_bitmap_enable(a, iotss_switch(&a->io[0], v));
		return;
	}
	uint32_t k = a->io[1].version == v->version ? 1 : a->io[0].version == v->version ? 0 : !a->io_last;
	enum iotss_mode m = iotss_switch(&a->io[k], v);   /* IOTSS_OWN: v holds ports, none shared */
	KASSERT_HOT(m == IOTSS_OWN);
	a->io_last = k;
	arch_io_bitmap_enable(a, k ? IOTSS_OWN2 : m);
}

/* IOPL as t's caps allow it now; 1 if that took it away. */
int task_iopl_sync(struct task *t)
{
	int lost = t->iopl_on && !task_holds(t, CAP_IOPL);
	if (lost)
		t->iopl_on = 0;
	/* The only place ring 3's IOPL comes from: the frame it returns through. */
	if (t->state != TASK_ZOMBIE && !t->kthread && t->kstack_top) {
		struct trapframe *tf = task_user_frame(t);
		tf->eflags = eflags_sanitize(tf->eflags, t->iopl_on);
	}
	return lost;
}

void task_io_refresh(struct task *t)
{
	struct ioports ports[CSPACE_SLOTS];
	int n = collect_ports(t, ports);
	struct iobitmap_extent ext;
	/* The owned pass stops at the extent: over a spawn's empty bitmap (its one caller) it is free. */
	iobitmap_build_task(bitmaps[t - tasks], ports, n, kports_bytes, kports_nbytes, &ext);
	view_update(t, ports, n, ext);
	t->cs.io_window = IOBITMAP_WINDOW_NONE;
	task_iopl_sync(t);
}

/* Whether one of the caps a task still holds meets w: if none does, w is all deny (iobitmap_close). */
static int window_held(const struct ioports *ports, int n, struct iobitmap_window w)
{
	for (int i = 0; i < n; i++)
		if (iobitmap_window_meets(w, &ports[i]))
			return 1;
	return 0;
}

/*
 * After a commit: only the bytes the caps that came or went cover
 * (cs.io_window) are rebuilt, so a grant or revoke costs its own ports,
 * not the 8 KiB a whole-space holder's bitmap spans.  A new version only
 * if a byte changed: a cap covered by another one the task holds (a
 * supervisor's intermediate copy) changes nothing, and nobody reloads.
 * 1 if the bitmap or IOPL changed.
 */
static int task_io_update(struct task *t)
{
	static uint8_t scratch[IOBITMAP_BYTES];     /* under the big lock */
	struct iobitmap_window w = t->cs.io_window;
	int changed = 0;
	t->cs.io_window = IOBITMAP_WINDOW_NONE;
	if (w.lo >= w.hi)
		return t->iopl_on && task_iopl_sync(t);
	/* The view lists the words of the caps left (iotss_view_init): the caps, either way. */
	struct ioports ports[CSPACE_SLOTS];
	int n = collect_ports(t, ports);
	struct iobitmap_extent ext = t->io.ext;
	if (!window_held(ports, n, w)) {
		/* The common revoke: what went covered ports no cap left covers. */
		if (iobitmap_close(bitmaps[t - tasks], w, &ext)) {
			view_update(t, ports, n, ext);
			changed = 1;
		}
	} else {
		if (iobitmap_update(bitmaps[t - tasks], scratch, ports, n, kports_bits, w, &ext)) {
			view_update(t, ports, n, ext);
			changed = 1;
		}
	}
	/* Without IOPL on, the frame has none to take away (it is only ever set with iopl_on). */
	return (t->iopl_on && task_iopl_sync(t)) | changed;
}

void (*caps_commit_hook)(void);

/* The other CPUs running t now (under the big lock, their current is exact). */
static uint32_t running_elsewhere(const struct task *t, const struct cpu *c)
{
	uint32_t mask = 0;
	for (uint32_t i = 0; i < ncpus_online; i++)
		if (cpus[i].current == t && &cpus[i] != c)
			mask |= 1u << i;
	return mask;
}

/*
 * A loss (CS_IO_SHRANK) must stop on every CPU before the call returns:
 * the CPUs running the task reload at once (smp_io_revoke, docs/smp.md
 * R1-R6); a gain waits for the next switch, or for the #GP it would raise
 * (task_io_stale).
 */
/* One space a commit visits: 1 if the other CPUs running it must reload. */
static int commit_one(struct cpu *c, struct task *t)
{
	int how = t->cs.io_changed;
	t->cs.io_changed = 0;
	if (!how || t->state == TASK_FREE || !task_io_update(t))   /* R1: a fresh version, if anything changed */
		return 0;
	if (t == c->current)
		task_io_switch_in(c, t);            /* R3 */
	return how & CS_IO_SHRANK;
}

void caps_commit(void)
{
	if (!cspace_io_pending)
		return;
	cspace_io_pending = 0;
	struct cpu *c = this_cpu();
	uint32_t revoke = 0, visited = 0;
	KASSERT_HOT(arch_irqs_disabled());      /* every space's bitmap and this CPU's TSS */
	_Static_assert(MAX_TASKS <= CSPACE_IDS, "a task's space id is its index");
	/* Only the spaces an IoPorts or Iopl cap came to or left, not the task table. */
	for (uint32_t w = 0; w < CSPACE_IDS / 32; w++)
		while (cspace_io_dirty[w]) {
			uint32_t b = (uint32_t)__builtin_ctz(cspace_io_dirty[w]);
			cspace_io_dirty[w] &= ~(1u << b);
			struct task *t = &tasks[w * 32 + b];
			visited = 1;
			/* A task not running runs nowhere: no CPU to look for. */
			if (commit_one(c, t) && t->state == TASK_RUNNING)
				revoke |= running_elsewhere(t, c);
		}
	/* A space marked while the loop ran, in a word it had passed, waits for the next commit. */
	for (uint32_t w = 0; w < CSPACE_IDS / 32; w++)
		cspace_io_pending |= cspace_io_dirty[w] != 0;
	if (revoke)
		smp_io_revoke(revoke);              /* R2, R4 */
	/* Only an IoPorts, Iopl or KLog cap that came or went can change who prints on COM1. */
	if (visited)
		caps_commit_hook();
}

/*
 * R5, on a CPU asked to reload (kernel/smp/ipi.c): its TSS from the
 * running task's capabilities, and IOPL in the frame it returns through:
 * tf when the IPI came from ring 3, else on the task's way out.
 */
void task_io_request(struct cpu *c, struct trapframe *tf)
{
	struct task *t = c->current;
	if (t->kthread) {
		arch_io_bitmap_enable(&c->arch, IOTSS_OFF);
		return;
	}
	task_io_switch_in(c, t);
	if (tf)
		tf->eflags = eflags_sanitize(tf->eflags, t->iopl_on);
	else
		t->work |= TW_IOSYNC;
}

void task_io_sync_frame(struct task *t, struct trapframe *tf)
{
	tf->eflags = eflags_sanitize(tf->eflags, t->iopl_on);
}

int task_io_stale(struct cpu *c, const struct task *t)
{
	if (iobitmap_extent_empty(&t->io.ext))
		return 0;
	enum iotss_mode mode = arch_io_bitmap_mode(&c->arch);
	/* The question iotss_switch answers, asked of what this CPU holds now. */
	if (t->io.shared_gen)
		return mode != IOTSS_SHARED || c->arch.io[0].shared_gen != t->io.shared_gen;
	if (mode == IOTSS_OWN || mode == IOTSS_OWN2)
		return c->arch.io[mode == IOTSS_OWN2].version != t->io.version;
	return 1;
}

void task_io_holds(const struct task *t, char *buf, size_t n)
{
	struct ioports ports[CSPACE_SLOTS];
	ioports_format(buf, n, ports, collect_ports(t, ports));
}
