/*
 * lifecycle.c - the lifecycle rule, in one place: whatever a capability
 * enabled stops when that capability leaves its slot - deleted, revoked,
 * moved by cap_transfer or in a message, or dropped with its task - before
 * the call that moved it returns.  kernel/object/cspace.c reports every cap that
 * leaves a slot here (cap_gone_hook); each type says what its holder loses.
 * docs/lifecycle.md has the table, with the test of each cell.
 *
 * A binding remembers the slot of the cap it was made with, and ends with
 * that cap, not with whichever cap of the type goes first: a task holding
 * two caps to one endpoint keeps receiving on the one it still holds.  The
 * port bitmap and IOPL are different: they are the union of what the
 * holder's caps allow, rebuilt by caps_commit() (every call that changes a
 * cspace makes it before returning) when the space's io_changed flag says an
 * IoPorts or Iopl cap came or went (no other cap shapes them).
 *
 * Both lifetime hooks of kernel/object/cspace.c dispatch by type here: cap_gone
 * (what the holder loses) and kobj_ref (what the object keeps alive).
 */
#include <stddef.h>

#include "abi/ipc.h"
#include "kernel/object/cap.h"
#include "kernel/object/ipc.h"
#include "kernel/object/frame.h"
#include "kernel/object/irq.h"
#include "kernel/object/lifecycle.h"
#include "kernel/debug/log.h"
#include "kernel/dma/dmachan.h"
#include "kernel/lib.h"
#include "kernel/proc/supervise.h"
#include "kernel/proc/task.h"

static struct task *holder_of(struct cspace *cs)
{
	return (struct task *)((char *)cs - offsetof(struct task, cs));
}

/* A place in an endpoint's queue, and the fault endpoints that fault_ep named with the cap. */
static void endpoint_gone(struct task *t, const struct cap *val, uint32_t slot)
{
	endpoint_cap_gone(t, val->obj.obj, slot);
	for (int i = 0; i < MAX_TASKS; i++) {
		struct task *c = &tasks[i];
		if (c->state != TASK_FREE && c->parent == t && c->fault_cap.type == CAP_ENDPOINT &&
		    c->fault_src_slot == slot)
			fault_ep_drop(c);
	}
}

/* Wait right: ntf_bind, ntf_wait; signal right: the kernel sources pointed at it. */
static void notification_gone(struct task *t, const struct cap *val, uint32_t slot)
{
	(void)val;
	notification_cap_gone(t, slot);
	irq_ntf_gone(t->tid, slot);
	klog_cap_gone(t->tid, slot, 1);
}

static void irq_gone(struct task *t, const struct cap *val, uint32_t slot)
{
	(void)val;
	irq_cap_gone(t->tid, slot);
}

static void klog_gone(struct task *t, const struct cap *val, uint32_t slot)
{
	(void)val;
	klog_cap_gone(t->tid, slot, 0);
}

/* Frame and Mmio: every mapping made through the cap, in every space (the mapping database). */
static void memcap_gone_of(struct task *t, const struct cap *val, uint32_t slot)
{
	(void)val;
	memcap_gone(&t->cs, slot);
}

/* DmaBuffer: its mappings, and the transfer it is the last cap of a buffer of (docs/dma.md). */
static void dmabuf_gone(struct task *t, const struct cap *val, uint32_t slot)
{
	dma_cap_gone(val, &t->cs, slot);
	memcap_gone(&t->cs, slot);
}

/* DmaChan: the transfer started through it. */
static void dmachan_gone(struct task *t, const struct cap *val, uint32_t slot)
{
	dma_cap_gone(val, &t->cs, slot);
}

/*
 * IoPorts and Iopl: caps_commit() rebuilds the bitmap and IOPL from the
 * caps left.  Reply: the right to answer travels with the cap; a reply cap
 * that goes for good fails its call through kobj_ref instead.
 */
static void (*const gone[CAP_TYPE_COUNT])(struct task *, const struct cap *, uint32_t) = {
	[CAP_ENDPOINT] = endpoint_gone,
	[CAP_NOTIFY] = notification_gone,
	[CAP_IRQ] = irq_gone,
	[CAP_KLOG] = klog_gone,
	[CAP_FRAME] = memcap_gone_of,
	[CAP_MMIO] = memcap_gone_of,
	[CAP_DMABUF] = dmabuf_gone,
	[CAP_DMACHAN] = dmachan_gone,
};

/*
 * The other half of an object's lifetime, also by type: it lives while
 * caps name it (cap_ref_hook), and an unused reply cap fails its call
 * when it goes for good.  A switch, not a table like gone[]: it runs on
 * every cap copy and delete, and the types without an object (IoPorts,
 * Iopl, Irq, KLog) fall through it at no cost.
 */
void kobj_ref(const struct cap *c, int delta)
{
	KASSERT_HOT(delta == 1 || delta == -1);   /* one cap appears or goes (kernel/object/cap.h) */
	/* IoPorts and Iopl, the caps granted and revoked most, name no object: one compare. */
	if (c->type < CAP_ENDPOINT)
		return;
	switch (c->type) {
	case CAP_ENDPOINT:
		endpoint_ref(c->obj.obj, (c->obj.rights & EPR_RECV) != 0, delta);
		break;
	case CAP_NOTIFY:
		notification_ref(c->obj.obj, delta);
		break;
	case CAP_REPLY:
		if (delta < 0)
			reply_discard(&c->reply);
		break;
	case CAP_UNTYPED:
	case CAP_FRAME:
	case CAP_DMABUF:
		memcap_ref(c, delta);
		break;
	default:
		break;
	}
}

void cap_gone(const struct cap *val, struct cspace *from, uint32_t slot)
{
	_Static_assert(CAP_IOPORTS < CAP_ENDPOINT && CAP_IOPL < CAP_ENDPOINT, "cap.h: no notice below");
	if (gone[val->type])
		gone[val->type](holder_of(from), val, slot);
}
