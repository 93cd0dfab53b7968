/*
 * cap.h - capabilities and capability spaces.
 *
 * A capability space is a fixed array of slots per task.  Every capability
 * that was derived or copied from another is linked as its child in one
 * derivation tree, so that revoke can find everything derived from a cap
 * wherever it went (seL4's MDB, as a plain tree).  Pure C: it knows nothing
 * of tasks or hardware; whoever owns a space learns of changes through
 * cs->changed, which every mutation sets (cs->io_changed: those that move
 * an IoPorts or Iopl cap), and of every cap that leaves a
 * slot through cap_gone_hook (docs/lifecycle.md).
 */
#ifndef KERNEL_CAP_H
#define KERNEL_CAP_H

#include <stdint.h>
#include "abi/errno.h"
#include "iocap/iobitmap.h"
#include "iocap/ioports.h"

#define CSPACE_SLOTS 32

/*
 * The types before CAP_ENDPOINT name no object and get no notice when they
 * go (kernel/object/lifecycle.c: kobj_ref, gone[]), so deleting one keeps
 * no copy of it (kernel/object/cspace.c: cap_delete): IoPorts and Iopl,
 * the caps granted and revoked most.
 */
enum cap_type {
	CAP_NULL = 0,
	CAP_IOPORTS,     /* IoPorts(base, count, rights): opens the TSS bitmap */
	CAP_IOPL,        /* lets the holder run with EFLAGS.IOPL = 3 */
	CAP_ENDPOINT,    /* a rendezvous point for messages (kernel/object/ipc.c) */
	CAP_NOTIFY,      /* a word of event bits (kernel/object/notify.c) */
	CAP_REPLY,       /* the one-shot right to answer one call */
	CAP_IRQ,         /* interrupt lines (kernel/object/irq.c) */
	CAP_KLOG,        /* may read the kernel log (kernel/debug/log.c) */
	CAP_UNTYPED,     /* RAM to retype (kernel/object/untyped.c) */
	CAP_FRAME,       /* RAM pages to map (kernel/object/frame.c) */
	CAP_MMIO,        /* device memory to map, uncached (kernel/object/frame.c) */
	CAP_DMABUF,      /* a Frame a device may reach, pinned while DMA uses it (kernel/dma/dmabuf.c) */
	CAP_DMACHAN,     /* the right to drive DMA engines: a mask (kernel/dma/dmachan.c) */
	CAP_PCICFG,      /* PCI configuration space of some functions (kernel/object/pcicfg.c) */
	CAP_TYPE_COUNT
};

struct cspace;

/* The types that name RAM or device memory by a struct capmem, and may be mapped. */
static inline int cap_is_mappable(enum cap_type t)
{
	return t == CAP_FRAME || t == CAP_MMIO || t == CAP_DMABUF;
}

/* Endpoint and notification caps name a kernel object, with a badge and rights. */
struct capobj {
	void *obj;
	uint32_t badge;
	uint32_t rights;
};

/* A reply cap answers the call identified by (tid, cookie), if that call still waits. */
struct capreply {
	int tid;
	uint32_t cookie;
};

/*
 * Untyped, Frame, Mmio and DmaBuffer caps: obj is the struct untyped or
 * struct memframe (kernel/mm/memobj.h; 0 for Mmio), base and npages the physical
 * range this cap covers (a minted Frame or Mmio cap covers part of its
 * parent's), rights MEM_R | MEM_W.
 */
struct capmem {
	void *obj;
	uint32_t base;
	/* Packed so that struct cap stays as small as the other types need: every cap copy moves it. */
	uint32_t npages : 30, rights : 2;
};

/* PciCfg caps: functions first..first+count-1 (bus << 8 | dev << 3 | fn), rights PCICFG_R | PCICFG_W. */
struct cappci {
	uint32_t first, count, rights;
};

struct cap {
	enum cap_type type;
	union {                              /* by type; cap_insert_child copies it */
		struct ioports io;
		struct capobj obj;
		uint32_t irq_mask;
		struct capreply reply;
		struct capmem mem;
		uint32_t dma_mask;           /* DmaChan: the engines (abi/dma.h DMA_x) */
		struct cappci pci;
	};
	struct cspace *space;                /* the space whose slot this is */
	uint8_t given;                       /* put here by the task's parent: a restart keeps it */
	uint8_t slot_no;                     /* its index in space->slot, which a copy keeps, as space */
	struct cap *parent, *first_child, *next_sibling, *prev_sibling;
};

/* cspace.io_changed's bits: a grant is taken lazily, a loss on every CPU at once (docs/smp.md, R1-R6). */
#define CS_IO_GREW   1
#define CS_IO_SHRANK 2

struct cspace {
	struct cap slot[CSPACE_SLOTS];
	int changed;                         /* set by every mutation of this space (never cleared here) */
	int io_changed;                      /* CS_IO_x: an IoPorts or Iopl cap came or went; caps_commit clears it */
	struct iobitmap_window io_window;    /* the bitmap bytes those IoPorts caps cover; caps_commit empties it */
	uint32_t id;                         /* its bit in cspace_io_dirty (the task's index) */
	uint32_t io_slots;                   /* a bit per slot holding an IoPorts cap: what a rebuild reads */
};

/*
 * The spaces whose io_changed is set, a bit per id: a commit visits only
 * those, not the whole task table.  A bit may outlive its space (the
 * commit checks io_changed), never the other way round.
 */
_Static_assert(CSPACE_SLOTS <= 32, "io_slots has a bit per slot");
#define CSPACE_IDS 64
extern uint32_t cspace_io_dirty[CSPACE_IDS / 32];
/* Some bit of cspace_io_dirty is set: a commit after other caps moved looks at no word. */
extern int cspace_io_pending;

/* how (CS_IO_x) happened to cs's I/O caps; window: the bitmap bytes it may have changed. */
void cspace_io_mark(struct cspace *cs, int how, struct iobitmap_window window);

void cspace_init(struct cspace *cs);
/*
 * 0 and *out, or -E_BADSLOT (no such slot) / -E_EMPTY (nothing there).
 * Inline, as its -E_EMPTY: every decode and every cap a message carries
 * runs it, mostly more than once.
 */
static inline int cap_lookup(struct cspace *cs, uint32_t slot, struct cap **out)
{
	if (slot >= CSPACE_SLOTS)
		return -E_BADSLOT;
	if (cs->slot[slot].type == CAP_NULL)
		return -E_EMPTY;
	*out = &cs->slot[slot];
	return 0;
}

/* -E_BADSLOT, or -E_FULL when the slot is occupied. */
static inline int cap_empty_slot(struct cspace *cs, uint32_t slot, struct cap **out)
{
	if (slot >= CSPACE_SLOTS)
		return -E_BADSLOT;
	if (cs->slot[slot].type != CAP_NULL)
		return -E_FULL;
	*out = &cs->slot[slot];
	return 0;
}

/* Which slot of its space c is (the slot number ring 3 names it by). */
static inline uint32_t cap_slot_of(const struct cap *c)
{
	return c->slot_no;
}

/*
 * Whoever owns the objects that caps name (the kernel) counts references
 * through this hook: +1 when a cap naming one appears, -1 when it goes.
 * Moves do not count.  Null in the host tests.
 */
extern void (*cap_ref_hook)(const struct cap *c, int delta);
/*
 * Every cap that leaves a slot - deleted, revoked, moved to another slot
 * (cap_transfer, IPC), or dropped with its space - is reported here once
 * the slot is empty: val is the cap as it was, from and slot where it was.
 * Whatever that cap enabled for the task holding it must end now
 * (kernel/object/lifecycle.c).  Called before cap_ref_hook's -1.  Not for
 * the types before CAP_ENDPOINT (IoPorts, Iopl): what they enable ends in
 * caps_commit, which every cap call ends with.  Null in the host tests of
 * this file alone.
 */
extern void (*cap_gone_hook)(const struct cap *val, struct cspace *from, uint32_t slot);

/* Creates a root capability (no parent) with val's type and value. */
void cap_install_root(struct cap *dst, const struct cap *val);
/* dst (empty) becomes a child of src with val's type and value. */
void cap_insert_child(struct cap *src, struct cap *dst, const struct cap *val);
/* Moves a capability to an empty slot, keeping its place in the tree. */
void cap_move(struct cap *src, struct cap *dst);
/*
 * cap_move, and dst is marked given: the space's owner starts every
 * incarnation with it (a supervisor setting up its child).
 */
void cap_give(struct cap *src, struct cap *dst);
/* Removes one capability; its children move up to its parent. */
void cap_delete(struct cap *c);
/* Deletes everything derived from c, at any depth; c itself stays. */
void cap_revoke(struct cap *c);
/* Drops every capability of a space (a task ends). */
void cspace_clear(struct cspace *cs);
/*
 * Drops every capability not marked given (a task restarts): what the
 * previous incarnation made, copied or received itself.  Given caps it
 * deleted or moved away stay gone: a restart never adds authority.
 */
void cspace_reset(struct cspace *cs);

#endif
