/*
 * cnode.c - the calls on a task's capability space itself, whatever the
 * caps' types (seL4's CNode operations): copy, mint (a badge or fewer
 * rights; an Irq cap's sub-mask), delete, revoke, transfer to a child,
 * inspect, and a new endpoint or notification in an empty slot.  Each
 * decodes fully (slot numbers, types, rights, target task) before
 * touching anything; the kernel/object/cspace.c operations it then calls
 * cannot fail, and caps_commit() makes the change real (bitmaps, IOPL)
 * before the call returns.  What a cap's leaving ends is
 * kernel/object/lifecycle.c; a type's own calls are in its file
 * (endpoint.c, notification.c, irq.c, ioport.c, kernel/debug/log.c).
 */
#include "kernel/object/cap.h"
#include "kernel/object/cnode.h"
#include "kernel/object/decode.h"
#include "abi/ipc.h"
#include "kernel/object/ipc.h"
#include "kernel/object/frame.h"
#include "kernel/dma/dmachan.h"
#include "kernel/object/pcicfg.h"
#include "kernel/lib.h"
#include "kernel/proc/sched.h"
#include "kernel/proc/task.h"
#include "kernel/object/taskio.h"
#include "kernel/mm/uaccess.h"

/* Decodes (held source slot, empty destination slot) in the caller's space. */
long cnode_decode_pair(uint32_t src_slot, uint32_t dst_slot, struct cap **src, struct cap **dst)
{
	long r = cap_decode(src_slot, CAP_NULL, 0, src);
	return r ? r : cap_decode_empty(&current()->cs, dst_slot, dst);
}

long kobj_create(uint32_t dst_slot, enum cap_type type)
{
	struct cap *dst;
	long r = cap_decode_empty(&current()->cs, dst_slot, &dst);
	if (r)
		return r;
	struct task *me = current();
	if (!kobj_may_create(type, me, me == task_root()))
		return user_error(E_NOMEM);
	void *obj = type == CAP_ENDPOINT ? (void *)endpoint_alloc(me->tid)
					 : (void *)notification_alloc(me->tid);
	struct cap val = { .type = type };
	val.obj = (struct capobj){ obj, 0, type == CAP_ENDPOINT ? EPR_ALL : NTR_ALL };
	cap_install_root(dst, &val);
	return 0;
}

static void cap_describe(const struct cap *c, struct capinfo *info)
{
	static const int abi_type[CAP_TYPE_COUNT] = {
		[CAP_NULL] = CAPT_NULL, [CAP_IOPORTS] = CAPT_IOPORTS, [CAP_IOPL] = CAPT_IOPL,
		[CAP_ENDPOINT] = CAPT_ENDPOINT, [CAP_NOTIFY] = CAPT_NOTIFY,
		[CAP_REPLY] = CAPT_REPLY, [CAP_IRQ] = CAPT_IRQ, [CAP_KLOG] = CAPT_KLOG,
		[CAP_UNTYPED] = CAPT_UNTYPED, [CAP_FRAME] = CAPT_FRAME, [CAP_MMIO] = CAPT_MMIO,
		[CAP_DMABUF] = CAPT_DMABUF, [CAP_DMACHAN] = CAPT_DMACHAN,
		[CAP_PCICFG] = CAPT_PCICFG,
	};
	*info = (struct capinfo){ .type = abi_type[c->type] };
	switch (c->type) {
	case CAP_IOPORTS:
		info->base = c->io.base;
		info->count = c->io.count;
		info->rights = c->io.rights;
		break;
	case CAP_IRQ:
		info->base = c->irq_mask;
		break;
	case CAP_UNTYPED:
	case CAP_FRAME:
	case CAP_MMIO:
	case CAP_DMABUF:
		memcap_describe(c, info);
		break;
	case CAP_DMACHAN:
		info->base = c->dma_mask;
		break;
	case CAP_PCICFG:
		pcicfg_describe(c, info);
		break;
	case CAP_ENDPOINT:
	case CAP_NOTIFY:
		info->rights = c->obj.rights;
		info->badge = c->obj.badge;
		info->object = (unsigned)(c->type == CAP_ENDPOINT ? endpoint_index(c->obj.obj)
								  : notification_index(c->obj.obj));
		break;
	default:
		break;
	}
}

static long info_of(struct task *t, uint32_t slot, uptr_t ubuf)
{
	struct capinfo info;
	/* A query, not a use: an empty slot is an answer (CAPT_NULL), not a refusal. */
	if (slot >= CSPACE_SLOTS)
		return user_refuse(E_BADSLOT, "no such slot");
	cap_describe(&t->cs.slot[slot], &info);
	if (copyout(&current()->as, ubuf, &info, sizeof(info)))
		return user_error(E_FAULT);
	return 0;
}

SYSCALL(cap_info)
{
	return info_of(current(), a->slot, a->info);
}

/* cap_inspect(tid, slot, info): a descendant's caps, for supervisors and the shell. */
SYSCALL(cap_inspect)
{
	struct task *t = task_lookup(a->tid);
	if (!t)
		return user_error(E_SRCH);
	if (!task_is_descendant(t, current()))
		return user_error(E_PERM);
	return info_of(t, a->slot, a->info);
}

SYSCALL(cap_copy)
{
	struct cap *src, *dst;
	long r = cnode_decode_pair(a->src, a->dst, &src, &dst);
	if (r)
		return r;
	if (src->type == CAP_REPLY)
		return user_error(E_PERM);   /* one-shot: it may move, never multiply */
	cap_insert_child(src, dst, src);
	caps_commit();
	return 0;
}

/*
 * cap_mint(src, dst, value, rights): a child cap with fewer rights and, from
 * an unbadged endpoint or notification cap, a badge (value); from an Irq
 * cap, the sub-mask of lines value; from a Frame, Mmio or DmaBuffer cap,
 * the pages MEM_SUB(first, n) of its range (value 0: all of it); from a
 * DmaChan cap, the sub-mask of engines value; from a PciCfg cap, the
 * functions PCICFG_SUB(first, n) (value 0: all of them).  A badge cannot be changed once set,
 * so a server can trust it to name the client it gave the cap to.
 */
SYSCALL(cap_mint)
{
	struct cap *src, *dst;
	long r = cap_decode(a->src, CAP_NULL, 0, &src);
	if (!r)
		r = cap_decode_empty(&current()->cs, a->dst, &dst);
	if (r)
		return r;
	struct cap val = *src;
	if (src->type == CAP_IRQ) {
		if (!a->value || (a->value & ~src->irq_mask))
			return user_error(E_PERM);
		val.irq_mask = a->value;
	} else if (src->type == CAP_ENDPOINT || src->type == CAP_NOTIFY) {
		if (a->rights & ~src->obj.rights)
			return user_error(E_PERM);
		if (a->value && src->obj.badge)
			return user_error(E_PERM);
		val.obj.rights = a->rights;
		if (a->value)
			val.obj.badge = a->value;
	} else if (cap_is_mappable(src->type)) {
		if ((r = memcap_mint(src, a->value, a->rights, &val)))
			return user_error((enum pc_error)r);
	} else if (src->type == CAP_DMACHAN) {
		if (!a->value || (a->value & ~src->dma_mask))
			return user_refuse(E_PERM, "a DmaChan names a non-empty subset of its parent's engines");
		val.dma_mask = a->value;
	} else if (src->type == CAP_PCICFG) {
		if ((r = pcicfg_mint(src, a->value, a->rights, &val)))
			return ERR(r);
	} else
		return user_error(E_TYPE);
	cap_insert_child(src, dst, &val);
	return 0;
}

/*
 * cap_delete and cap_revoke: op on the cap held in slot, made real before
 * the call returns.  A mapping is a child of the cap it was made through
 * (docs/memory.md), so a revoked Frame, Mmio or DmaBuffer cap loses its
 * own mappings too; a deleted one left its slot (CAP_NULL now) and
 * cap_gone removed them already.  A revoked DmaBuffer or DmaChan cap also
 * stops the DMA it enabled (docs/dma.md), as its deletion would.
 */
static inline long held_cap_op(uint32_t slot, void (*op)(struct cap *c))
{
	struct cap *c;
	long r = cap_decode(slot, CAP_NULL, 0, &c);
	if (r)
		return r;
	op(c);
	/* Frame, Mmio, DmaBuffer, DmaChan (and PciCfg) are the last types: one compare for the others. */
	if (c->type >= CAP_FRAME) {
		if (cap_is_mappable(c->type))
			memcap_gone(c->space, slot);
		if (op == cap_revoke && (c->type == CAP_DMABUF || c->type == CAP_DMACHAN))
			dma_cap_revoked(c);
	}
	caps_commit();
	return 0;
}

SYSCALL(cap_delete)
{
	return held_cap_op(a->slot, cap_delete);
}

SYSCALL(cap_revoke)
{
	return held_cap_op(a->slot, cap_revoke);
}

/* Moves a capability into a child's space; the child keeps it across restarts (cap_give). */
SYSCALL(cap_transfer)
{
	struct cap *src, *dst;
	struct task *to = task_lookup(a->tid);
	long r = cap_decode(a->src, CAP_NULL, 0, &src);
	if (r)
		return r;
	if (!to)
		return user_error(E_SRCH);
	if (to->parent != current() || to->state == TASK_ZOMBIE)
		return user_error(E_CHILD);
	r = cap_decode_empty(&to->cs, a->dst, &dst);
	if (r)
		return r;
	cap_give(src, dst);
	caps_commit();
	return 0;
}
