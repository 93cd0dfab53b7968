/*
 * sys_cap.c - capability system calls.  Each decodes fully (slot numbers,
 * types, ranges, rights, target task) before touching anything; the
 * cspace.c operations it then calls cannot fail.  caps_commit() makes the
 * change real (bitmaps, IOPL) before the call returns.
 */
#include "kernel/object/cap.h"
#include "kernel/object/ipc.h"
#include "kernel/lib.h"
#include "kernel/proc/sched.h"
#include "kernel/api/syscall.h"
#include "kernel/proc/task.h"
#include "kernel/object/taskio.h"
#include "kernel/mm/uaccess.h"

/* Decodes (held source slot, empty destination slot) in the caller's space. */
static long src_and_empty(uint32_t src_slot, uint32_t dst_slot, struct cap **src, struct cap **dst)
{
	long r = cap_decode(src_slot, CAP_NULL, 0, src);
	return r ? r : cap_decode_empty(&current()->cs, dst_slot, dst);
}

static void cap_describe(const struct cap *c, struct capinfo *info)
{
	static const int abi_type[CAP_TYPE_COUNT] = {
		[CAP_NULL] = CAPT_NULL, [CAP_IOPORTS] = CAPT_IOPORTS, [CAP_IOPL] = CAPT_IOPL,
		[CAP_ENDPOINT] = CAPT_ENDPOINT, [CAP_NOTIFY] = CAPT_NOTIFY,
		[CAP_REPLY] = CAPT_REPLY, [CAP_IRQ] = CAPT_IRQ, [CAP_KLOG] = CAPT_KLOG,
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

/* cap_derive(src, dst, base | rights << 16, count): a sub-range, fewer rights. */
SYSCALL(cap_derive)
{
	struct cap *src, *dst;
	struct ioports io;
	long r = src_and_empty(a->src, a->dst, &src, &dst);
	if (!r)
		r = cap_check(src, CAP_IOPORTS, 0);
	if (r)
		return r;
	r = ioports_derive(&src->io, a->base_rights & 0xFFFF, a->count, a->base_rights >> 16, &io);
	if (r)
		return user_error((enum pc_error)-r);
	struct cap val = { .type = CAP_IOPORTS, .io = io };
	cap_insert_child(src, dst, &val);
	caps_commit();
	return 0;
}

SYSCALL(cap_copy)
{
	struct cap *src, *dst;
	long r = src_and_empty(a->src, a->dst, &src, &dst);
	if (r)
		return r;
	if (src->type == CAP_REPLY)
		return user_error(E_PERM);   /* one-shot: it may move, never multiply */
	cap_insert_child(src, dst, src);
	caps_commit();
	return 0;
}

SYSCALL(cap_delete)
{
	struct cap *c;
	long r = cap_decode(a->slot, CAP_NULL, 0, &c);
	if (r)
		return r;
	cap_delete(c);
	caps_commit();
	return 0;
}

SYSCALL(cap_revoke)
{
	struct cap *c;
	long r = cap_decode(a->slot, CAP_NULL, 0, &c);
	if (r)
		return r;
	cap_revoke(c);
	caps_commit();
	return 0;
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

/* iopl(slot, on): with an Iopl cap in slot, run with IOPL 3 (or back to 0). */
SYSCALL(iopl)
{
	struct cap *c;
	long r = cap_decode(a->slot, CAP_IOPL, 0, &c);
	if (r)
		return r;
	if (a->enable != 0 && a->enable != 1)
		return user_error(E_INVAL);
	current()->iopl_on = a->enable;
	task_io_refresh(current());
	return 0;
}
