/*
 * cspace.c - slots and the derivation tree.  Each operation here cannot
 * fail: callers (kernel/object/cnode.c and the other handlers) decode and check everything first.
 */
#include "abi/errno.h"
#include "kernel/object/cap.h"
#include "kernel/lib.h"

void cspace_init(struct cspace *cs)
{
	memset(cs, 0, sizeof(*cs));
	for (int i = 0; i < CSPACE_SLOTS; i++) {
		cs->slot[i].space = cs;
		cs->slot[i].slot_no = (uint8_t)i;
	}
}

void (*cap_ref_hook)(const struct cap *c, int delta);
void (*cap_gone_hook)(const struct cap *val, struct cspace *from, uint32_t slot);

/*
 * A space changed; the I/O bitmap and IOPL are rebuilt from it
 * (caps_commit) only when the cap that came or went was IoPorts or Iopl.
 * A KLog cap marks its space too: it rebuilds nothing there, but tells
 * the commit to ask who prints on COM1 (caps_commit_hook).  A table, not a
 * test: it runs on every cap that moves or goes.
 */
static const uint8_t shapes_io[CAP_TYPE_COUNT] = { [CAP_IOPORTS] = 0xFF, [CAP_IOPL] = 0xFF,
						   [CAP_KLOG] = 0xFF };

/*
 * how: CS_IO_GREW (a cap came) or CS_IO_SHRANK (one went): only a shrink
 * needs other CPUs told.  The window is where the bitmap may differ now:
 * the commit rebuilds only those bytes (iobitmap_update).
 */
static inline void touch(struct cspace *space, const struct cap *val, int how)
{
	space->changed = 1;
	if (!(shapes_io[val->type] & how))
		return;
	space->io_changed |= how;
	cspace_io_dirty[space->id / 32 % (CSPACE_IDS / 32)] |= 1u << (space->id % 32);
	cspace_io_pending = 1;
	if (val->type == CAP_IOPORTS)
		iobitmap_window_add(&space->io_window, val->io.base, val->io.count);
}

uint32_t cspace_io_dirty[CSPACE_IDS / 32];
int cspace_io_pending;

/*
 * c's bit in its space's io_slots, as c's type now says.  Only an IoPorts
 * cap has the bit, so a slot that held none and holds none keeps it clear:
 * the callers skip this unless one of the two is IoPorts.
 */
static void io_slot_update(struct cap *c)
{
	uint32_t bit = 1u << cap_slot_of(c);
	if (c->type == CAP_IOPORTS)
		c->space->io_slots |= bit;
	else
		c->space->io_slots &= ~bit;
}

void cspace_io_mark(struct cspace *cs, int how, struct iobitmap_window window)
{
	cs->io_changed |= how;
	cspace_io_dirty[cs->id / 32 % (CSPACE_IDS / 32)] |= 1u << (cs->id % 32);
	cspace_io_pending = 1;
	iobitmap_window_add(&cs->io_window, window.lo * 8, (window.hi - window.lo) * 8);
}

/*
 * The one way a cap leaves its slot (move and delete both end here): empty
 * it, then tell.  *val holds what the slot held, kept by the caller: a
 * delete's copy, or a move's new slot (one copy of the cap either way).
 */
static void vacate(struct cap *c, const struct cap *val)
{
	c->type = CAP_NULL;
	c->given = 0;
	c->parent = c->first_child = c->next_sibling = c->prev_sibling = 0;
	if (val->type == CAP_IOPORTS)
		io_slot_update(c);
	touch(c->space, val, CS_IO_SHRANK);
	if (cap_gone_hook && val->type >= CAP_ENDPOINT)
		cap_gone_hook(val, c->space, cap_slot_of(c));
}

static void set_value(struct cap *dst, const struct cap *val)
{
	struct cspace *space = dst->space;
	/* A cap goes only into an empty slot (decode checked it: E_FULL), and is a real type. */
	KASSERT_HOT(dst->type == CAP_NULL);
	KASSERT_HOT(val->type > CAP_NULL && val->type < CAP_TYPE_COUNT);
	uint8_t no = dst->slot_no;
	memset(dst, 0, sizeof(*dst));
	dst->slot_no = no;
	dst->type = val->type;
	switch (val->type) {
	case CAP_IOPORTS:
		dst->io = val->io;
		touch(space, val, CS_IO_GREW);
		break;
	case CAP_IOPL: touch(space, val, CS_IO_GREW); break;
	case CAP_ENDPOINT:
	case CAP_NOTIFY: dst->obj = val->obj; break;
	case CAP_REPLY: dst->reply = val->reply; break;
	case CAP_IRQ: dst->irq_mask = val->irq_mask; break;
	case CAP_UNTYPED:
	case CAP_FRAME:
	case CAP_MMIO:
	case CAP_DMABUF: dst->mem = val->mem; break;
	case CAP_DMACHAN: dst->dma_mask = val->dma_mask; break;
	case CAP_PCICFG: dst->pci = val->pci; break;
	default: break;
	}
	dst->space = space;
	if (dst->type == CAP_IOPORTS)
		io_slot_update(dst);
	space->changed = 1;
	if (cap_ref_hook)
		cap_ref_hook(dst, +1);
}

void cap_install_root(struct cap *dst, const struct cap *val)
{
	set_value(dst, val);
}

static void link_child(struct cap *parent, struct cap *c)
{
	KASSERT_HOT(parent->type != CAP_NULL && parent != c && !c->parent);
	c->parent = parent;
	c->prev_sibling = 0;
	c->next_sibling = parent->first_child;
	if (parent->first_child)
		parent->first_child->prev_sibling = c;
	parent->first_child = c;
}

static void unlink(struct cap *c)
{
	if (c->prev_sibling)
		c->prev_sibling->next_sibling = c->next_sibling;
	else if (c->parent)
		c->parent->first_child = c->next_sibling;
	if (c->next_sibling)
		c->next_sibling->prev_sibling = c->prev_sibling;
	c->parent = c->next_sibling = c->prev_sibling = 0;
}

void cap_insert_child(struct cap *src, struct cap *dst, const struct cap *val)
{
	set_value(dst, val);
	link_child(src, dst);
}

void cap_move(struct cap *src, struct cap *dst)
{
	struct cspace *dst_space = dst->space;
	uint8_t dst_no = dst->slot_no;
	KASSERT_HOT(src->type != CAP_NULL && dst->type == CAP_NULL);
	*dst = *src;
	dst->space = dst_space;
	dst->slot_no = dst_no;
	if (src->prev_sibling)
		src->prev_sibling->next_sibling = dst;
	else if (src->parent)
		src->parent->first_child = dst;
	if (src->next_sibling)
		src->next_sibling->prev_sibling = dst;
	for (struct cap *c = dst->first_child; c; c = c->next_sibling)
		c->parent = dst;
	dst->given = 0;
	if (dst->type == CAP_IOPORTS)
		io_slot_update(dst);
	touch(dst->space, dst, CS_IO_GREW);
	vacate(src, dst);
}

void cap_give(struct cap *src, struct cap *dst)
{
	cap_move(src, dst);
	dst->given = 1;
}

void cap_delete(struct cap *c)
{
	struct cap *parent = c->parent;
	KASSERT_HOT(c->type != CAP_NULL);
	unlink(c);
	/* Children outlive a deleted cap: whoever revokes above still reaches them. */
	while (c->first_child) {
		struct cap *child = c->first_child;
		unlink(child);
		if (parent)
			link_child(parent, child);
	}
	if (c->type < CAP_ENDPOINT) {
		/* No object, no notice (cap.h): the slot empties as it is, with no copy kept. */
		touch(c->space, c, CS_IO_SHRANK);
		c->type = CAP_NULL;
		c->given = 0;
		io_slot_update(c);
		return;
	}
	struct cap val = *c;
	vacate(c, &val);
	if (cap_ref_hook)
		cap_ref_hook(&val, -1);
}

/* Deletes leaves first, so no recursion and no stack depth to worry about. */
void cap_revoke(struct cap *c)
{
	KASSERT_HOT(c->type != CAP_NULL);
	while (c->first_child) {
		struct cap *leaf = c->first_child;
		while (leaf->first_child)
			leaf = leaf->first_child;
		cap_delete(leaf);
	}
}

void cspace_clear(struct cspace *cs)
{
	for (int i = 0; i < CSPACE_SLOTS; i++)
		if (cs->slot[i].type != CAP_NULL)
			cap_delete(&cs->slot[i]);
}

void cspace_reset(struct cspace *cs)
{
	for (int i = 0; i < CSPACE_SLOTS; i++)
		if (cs->slot[i].type != CAP_NULL && !cs->slot[i].given)
			cap_delete(&cs->slot[i]);
}
