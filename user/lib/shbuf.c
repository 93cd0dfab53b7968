/*
 * shbuf.c - shared buffers (shbuf.h): a Frame cap, its mapping in the
 * mapping area, and the ways to hand it to another task.
 */
#include "user/lib/shbuf.h"
#include "user/lib/ulib.h"
#include "user/lib/umem.h"

/* Maps the Frame in b->slot at a free place of the mapping area. */
static long map(struct shbuf *b, unsigned untyped)
{
	b->va = map_area_take(b->pages);
	if (!b->va)
		return -E_NOMEM;
	long r = sys_mem_map(b->slot, 0, b->va, b->rights | MAP_PT(untyped));
	if (r) {
		map_area_give_back(b->va, b->pages);
		b->va = 0;
	}
	return r;
}

long shbuf_create(struct shbuf *b, unsigned untyped, unsigned slot, unsigned npages)
{
	return shbuf_create_as(b, untyped, slot, npages, MEM_FRAME);
}

long shbuf_create_as(struct shbuf *b, unsigned untyped, unsigned slot, unsigned npages, unsigned type)
{
	*b = (struct shbuf){ slot, 0, npages, MEM_R | MEM_W };
	long r = sys_mem_retype(untyped, slot, type, npages);
	if (!r && (r = map(b, untyped)))
		sys_cap_delete(slot);
	return r;
}

long shbuf_share(const struct shbuf *b, unsigned dst, unsigned rights)
{
	return sys_cap_mint(b->slot, dst, 0, rights);
}

long shbuf_give(const struct shbuf *b, unsigned scratch, unsigned rights, int tid, unsigned dst)
{
	long r = shbuf_share(b, scratch, rights);
	if (!r && (r = sys_cap_transfer(scratch, tid, dst)))
		sys_cap_delete(scratch);
	return r;
}

long shbuf_call(const struct shbuf *b, unsigned scratch, unsigned rights, unsigned ep,
		struct ipc_msg *m)
{
	long r = shbuf_share(b, scratch, rights);
	if (r)
		return r;
	utcb()->send_cap[0] = scratch | IPC_CAP_MOVE;
	m->tag = IPC_TAG(IPC_TAG_LABEL(m->tag), IPC_TAG_WORDS(m->tag), 1);
	r = ipc_call(ep, m);
	/* Not moved if the call failed before the transfer. */
	sys_cap_delete(scratch);
	return r;
}

long shbuf_attach(struct shbuf *b, unsigned slot, unsigned untyped)
{
	struct capinfo ci;
	long r = sys_cap_info(slot, &ci);
	if (r)
		return r;
	if (ci.type != CAPT_FRAME && ci.type != CAPT_DMABUF)
		return -E_TYPE;
	*b = (struct shbuf){ slot, 0, ci.count, ci.rights & (MEM_R | MEM_W) };
	return map(b, untyped);
}

void shbuf_destroy(struct shbuf *b)
{
	if (b->va) {
		sys_mem_unmap(b->slot, 0, b->va);
		map_area_give_back(b->va, b->pages);
	}
	sys_cap_delete(b->slot);
	*b = (struct shbuf){ 0, 0, 0, 0 };
}
