/*
 * ioport.c - the calls of the I/O capabilities: an IoPorts cap's sub-range
 * with fewer rights (cap_derive), and IOPL switched on or off with an Iopl
 * cap (iopl).  The ports themselves are opened by holding the cap: the
 * task's TSS bitmap is the union of its IoPorts caps, rebuilt by
 * caps_commit (kernel/object/taskio.c, iocap/).
 */
#include "kernel/object/cap.h"
#include "kernel/object/cnode.h"
#include "kernel/object/decode.h"
#include "kernel/object/kports.h"
#include "kernel/lib.h"
#include "kernel/proc/sched.h"
#include "kernel/proc/task.h"
#include "kernel/object/taskio.h"

/*
 * cap_derive(src, dst, base | rights << 16, count): a sub-range, fewer
 * rights, and no port the kernel owns.  A copy of a whole-space cap
 * (cap_copy) is still allowed: the bitmap never opens an owned port
 * whatever the cap covers, so it gives nothing the root does not have.
 */
SYSCALL(cap_derive)
{
	struct cap *src, *dst;
	struct ioports io;
	long r = cnode_decode_pair(a->src, a->dst, &src, &dst);
	if (!r)
		r = cap_check(src, CAP_IOPORTS, 0);
	if (r)
		return r;
	r = ioports_derive(&src->io, a->base_rights & 0xFFFF, a->count, a->base_rights >> 16, &io);
	if (r)
		return user_error((enum pc_error)-r);
	/* Authority the root never had to give: its whole-space cap excludes these (kports.h). */
	if (kports_touch(io.base, io.count))
		return user_refuse(E_PERM, "the range holds a kernel-owned port");
	struct cap val = { .type = CAP_IOPORTS, .io = io };
	cap_insert_child(src, dst, &val);
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
	task_iopl_sync(current());
	return 0;
}
