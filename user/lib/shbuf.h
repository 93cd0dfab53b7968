/*
 * shbuf.h - a shared buffer: one Frame (or DmaBuffer) mapped in two tasks.  Its maker
 * retypes the frame from its Untyped and maps it (shbuf_create), then
 * hands a child cap of it, with the rights it chooses, to the other task:
 * into a slot of a child task (shbuf_give) or with an IPC call
 * (shbuf_call).  The other side maps what it got (shbuf_attach).  The
 * maker's cap is the parent of every cap it gave, so cap_revoke on it
 * takes the buffer back from everyone (their mappings go with their caps).
 * Both map in the mapping area (user/lib/umem.h); its page table, if not
 * there yet, is paid from the Untyped each side names.  Calls return 0 or
 * -E_x, and on failure leave nothing behind.
 */
#ifndef USER_LIB_SHBUF_H
#define USER_LIB_SHBUF_H

#include "user/lib/ipc.h"

struct shbuf {
	unsigned slot;     /* the Frame cap */
	void *va;          /* where it is mapped in this task */
	unsigned pages;
	unsigned rights;   /* MEM_R | MEM_W as mapped */
};

/* npages of zeroed RAM from the Untyped in untyped, cap in the empty slot, mapped read-write. */
long shbuf_create(struct shbuf *b, unsigned untyped, unsigned slot, unsigned npages);
/* The same, of another mem_retype type: MEM_DMABUF, a buffer a device may reach too (docs/dma.md). */
long shbuf_create_as(struct shbuf *b, unsigned untyped, unsigned slot, unsigned npages, unsigned type);
/* A cap to b with rights (a subset of MEM_R | MEM_W) in the empty slot dst: the parent keeps b's. */
long shbuf_share(const struct shbuf *b, unsigned dst, unsigned rights);
/* shbuf_share through scratch, then moved into slot dst of task tid (a descendant). */
long shbuf_give(const struct shbuf *b, unsigned scratch, unsigned rights, int tid, unsigned dst);
/*
 * shbuf_share through scratch, then ipc_call on ep with *m and that cap
 * moved as the message's first cap (the endpoint cap needs EPR_GRANT).
 * The reply is in *m; the scratch slot is empty afterwards.
 */
long shbuf_call(const struct shbuf *b, unsigned scratch, unsigned rights, unsigned ep,
		struct ipc_msg *m);
/* Maps the Frame (or DmaBuffer) cap in slot (received, or given) with all its rights: b describes it. */
long shbuf_attach(struct shbuf *b, unsigned slot, unsigned untyped);
/* Unmaps b and deletes its cap: the slot is empty again (caps given from it stay; cap_revoke first to take them back). */
void shbuf_destroy(struct shbuf *b);

#endif
