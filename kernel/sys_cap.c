/*
 * sys_cap.c - capability system calls.  Each decodes fully (slot numbers,
 * types, ranges, rights, target task) before touching anything; the
 * cspace.c operations it then calls cannot fail.  caps_commit() makes the
 * change real (bitmaps, IOPL) before the call returns.
 */
#include "kernel/cap.h"
#include "kernel/lib.h"
#include "kernel/sched.h"
#include "kernel/syscall.h"
#include "kernel/task.h"
#include "kernel/taskio.h"
#include "kernel/uaccess.h"

static struct cspace *my_space(void)
{
	return &current()->cs;
}

/* Decodes (held source slot, empty destination slot) in the caller's space. */
static int src_and_empty(uint32_t src_slot, uint32_t dst_slot, struct cap **src, struct cap **dst)
{
	int r = cap_lookup(my_space(), src_slot, src);
	return r ? r : cap_empty_slot(my_space(), dst_slot, dst);
}

SYSCALL(cap_info)
{
	struct cap *c;
	struct capinfo info = { 0 };
	int r = cap_lookup(my_space(), a0, &c);
	if (r == -E_EMPTY)
		info.type = CAPT_NULL;
	else if (r)
		return user_error((enum pc_error)-r);
	else {
		info.type = c->type == CAP_IOPORTS ? CAPT_IOPORTS : CAPT_IOPL;
		info.base = c->io.base;
		info.count = c->io.count;
		info.rights = c->io.rights;
	}
	if (copyout(&current()->as, uptr(a1), &info, sizeof(info)))
		return user_error(E_FAULT);
	return 0;
}

/* cap_derive(src, dst, base | rights << 16, count): a sub-range, fewer rights. */
SYSCALL(cap_derive)
{
	struct cap *src, *dst;
	struct ioports io;
	int r = src_and_empty(a0, a1, &src, &dst);
	if (r)
		return user_error((enum pc_error)-r);
	if (src->type != CAP_IOPORTS)
		return user_error(E_TYPE);
	r = ioports_derive(&src->io, a2 & 0xFFFF, a3, a2 >> 16, &io);
	if (r)
		return user_error((enum pc_error)-r);
	cap_insert_child(src, dst, CAP_IOPORTS, &io);
	caps_commit();
	return 0;
}

SYSCALL(cap_copy)
{
	struct cap *src, *dst;
	int r = src_and_empty(a0, a1, &src, &dst);
	if (r)
		return user_error((enum pc_error)-r);
	cap_insert_child(src, dst, src->type, src->type == CAP_IOPORTS ? &src->io : 0);
	caps_commit();
	return 0;
}

SYSCALL(cap_delete)
{
	struct cap *c;
	int r = cap_lookup(my_space(), a0, &c);
	if (r)
		return user_error((enum pc_error)-r);
	cap_delete(c);
	caps_commit();
	return 0;
}

SYSCALL(cap_revoke)
{
	struct cap *c;
	int r = cap_lookup(my_space(), a0, &c);
	if (r)
		return user_error((enum pc_error)-r);
	cap_revoke(c);
	caps_commit();
	return 0;
}

/* Moves a capability into a child's space (IPC transfer comes later). */
SYSCALL(cap_transfer)
{
	struct cap *src, *dst;
	struct task *to = task_lookup((int)a1);
	int r = cap_lookup(my_space(), a0, &src);
	if (r)
		return user_error((enum pc_error)-r);
	if (!to)
		return user_error(E_SRCH);
	if (to->parent != current() || to->state == TASK_ZOMBIE)
		return user_error(E_CHILD);
	r = cap_empty_slot(&to->cs, a2, &dst);
	if (r)
		return user_error((enum pc_error)-r);
	cap_move(src, dst);
	caps_commit();
	return 0;
}

/* iopl(slot, on): with an Iopl cap in slot, run with IOPL 3 (or back to 0). */
SYSCALL(iopl)
{
	struct cap *c;
	int r = cap_lookup(my_space(), a0, &c);
	if (r)
		return user_error((enum pc_error)-r);
	if (c->type != CAP_IOPL)
		return user_error(E_TYPE);
	if (a1 > 1)
		return user_error(E_INVAL);
	current()->iopl_on = (int)a1;
	task_io_refresh(current());
	return 0;
}
