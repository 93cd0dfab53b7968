/*
 * frame.c - Frame, Mmio and DmaBuffer caps: mem_map, mem_unmap and mem_protect, and
 * what a memory cap's leaving ends (docs/memory.md).  Each call decodes
 * everything first - the cap, the flags and rights, the va, the target
 * space, the entries already there, the page tables it must carve and
 * the record it needs - and then invokes, which cannot fail: the page
 * tables are carved and installed before any entry is written.  Every
 * mapping is recorded in the mapping database (kernel/mm/mapdb.h) under
 * the cap it was made through, which removes it when that cap leaves its
 * slot (memcap_gone).
 */
#include "abi/syscalls.h"
#include "kernel/object/decode.h"
#include "kernel/object/frame.h"
#include "kernel/lib.h"
#include "kernel/mm/mapdb.h"
#include "kernel/mm/memobj.h"
#include "kernel/mm/memrange.h"
#include "kernel/mm/vm.h"
#include "kernel/proc/task.h"

/* A memory cap's rights as page rights; Mmio is never cached. */
static unsigned vm_rights(uint32_t mem_rights, enum cap_type type)
{
	return VM_USER | ((mem_rights & MEM_W) ? VM_WRITE : 0) | (type == CAP_MMIO ? VM_UNCACHED : 0);
}

/* The space a memory call reaches: tid 0 the caller's own, else the caller's or a descendant's. */
static long decode_target(int tid, struct aspace **as)
{
	struct task *me = current();
	if (tid == 0) {
		*as = &me->as;
		return 0;
	}
	struct task *t = task_lookup(tid);
	if (!t || t->state == TASK_ZOMBIE || !t->as.pgdir)
		return user_error(E_SRCH);
	if (!task_is_descendant(t, me))
		return user_error(E_PERM);
	*as = &t->as;
	return 0;
}

/* The Frame or Mmio cap in slot. */
static long decode_memcap(uint32_t slot, struct cap **c)
{
	long r = cap_decode(slot, CAP_NULL, 0, c);
	if (r)
		return r;
	if (!cap_is_mappable((*c)->type))
		return user_refuse(E_TYPE, "not a Frame, Mmio or DmaBuffer cap");
	return 0;
}

/*
 * The Untyped that pays for `tables` page tables (MAP_PT(slot) in flags):
 * none needed, none named; else an Untyped cap with room for them.
 */
static long decode_table_budget(uint32_t flags, uint32_t tables, struct untyped **ut)
{
	*ut = 0;
	if (tables == 0)
		return 0;
	if (MAP_PT_SLOT(flags) == MAP_PT_SLOT(MAP_PT_NONE))
		return user_refuse(E_NOMEM, "a page table is needed and MAP_PT_NONE pays for none");
	struct cap *u;
	long r = cap_decode(MAP_PT_SLOT(flags), CAP_UNTYPED, 0, &u);
	if (r)
		return r;
	*ut = u->mem.obj;
	/* One carve per table: any free page will do, and each returns on its own. */
	if (ut_free_pages(*ut) < tables)
		return user_refuse(E_NOMEM, "the Untyped cannot pay for the page tables");
	return 0;
}

SYSCALL(mem_map)
{
	struct cap *c;
	struct aspace *as;
	struct untyped *ut;
	uint32_t va = a->va.addr, flags = a->flags;
	long r = decode_memcap(a->slot, &c);
	if (r)
		return r;
	if (flags & ~(MEM_R | MEM_W | MAP_PT(0xFF)))
		return user_refuse(E_INVAL, "unknown flags");
	if ((r = memr_rights(MAP_RIGHTS(flags), c->mem.rights)))
		return user_refuse(r, "rights: MEM_R needed, and no more than the cap's");
	if ((r = memr_user_range(va, c->mem.npages)))
		return user_refuse(r, "va: page-aligned, in user space, not wrapping");
	if ((r = decode_target(a->tid, &as)))
		return r;
	if (!vm_range_free(as, va, c->mem.npages))
		return user_error(E_MAPPED);
	uint32_t tables = vm_tables_needed(as, va, c->mem.npages);
	if ((r = decode_table_budget(flags, tables, &ut)))
		return r;
	if (!mapdb_room(&current()->cs))
		return user_refuse(E_NOMEM, "the mapping database (pool or the caller's quota) is full");

	/* Invoke: tables first, so that every entry below has its table. */
	for (uint32_t k = 0; k < c->mem.npages && tables; k += 1) {
		uint32_t p = va + k * MEM_PAGE;
		if (vm_tables_needed(as, p, 1)) {
			uint32_t pt = ut_carve(ut, 1);
			memset((void *)pt, 0, MEM_PAGE);
			vm_table_install(as, p, pt);
			tables--;
		}
	}
	vm_map_range(as, va, c->mem.base, c->mem.npages, vm_rights(MAP_RIGHTS(flags), c->type));
	struct mapping m = { .src = &current()->cs, .slot = a->slot, .target = as, .va = va,
			     .pa = c->mem.base, .npages = c->mem.npages, .rights = MAP_RIGHTS(flags),
			     .vmflags = vm_rights(MAP_RIGHTS(flags), c->type) };
	mapdb_add(&m);
	return 0;
}

/*
 * mem_unmap (protect 0) and mem_protect: the record that (slot, tid, va)
 * names - the mapping made through that cap at va - and for protect the
 * new rights, decoded; then the change.
 */
static long change_mapping(uint32_t slot, int tid, uint32_t va, int protect, uint32_t rights)
{
	struct cap *c;
	struct aspace *as;
	long r = decode_memcap(slot, &c);
	if (r)
		return r;
	if ((r = memr_user_range(va, 1)))
		return user_refuse(r, "va: page-aligned, in user space");
	if ((r = decode_target(tid, &as)))
		return r;
	struct mapping *m = mapdb_find(&current()->cs, slot, as, va);
	if (!m)
		return user_refuse(E_NOTMAPPED, "no mapping made through this cap at va");
	if (protect && (r = memr_rights(rights, c->mem.rights)))
		return user_refuse(r, "rights: MEM_R needed, and no more than the cap's");

	if (!protect) {
		vm_unmap_range(m->target, m->va, m->npages);
		mapdb_remove(m);
		return 0;
	}
	m->rights = rights;
	m->vmflags = vm_rights(rights, c->type);
	vm_protect_range(m->target, m->va, m->npages, m->vmflags);
	return 0;
}

SYSCALL(mem_unmap)
{
	return change_mapping(a->slot, a->tid, a->va.addr, 0, 0);
}

SYSCALL(mem_protect)
{
	return change_mapping(a->slot, a->tid, a->va.addr, 1, a->rights);
}

static void unmap_record(const struct mapping *m)
{
	vm_unmap_range(m->target, m->va, m->npages);
}

void memcap_gone(struct cspace *cs, uint32_t slot)
{
	mapdb_take_source(cs, slot, unmap_record);
}

void memcap_ref(const struct cap *c, int delta)
{
	/* kobj_ref calls this for the types that name an object: Untyped, Frame, DmaBuffer. */
	if (c->type == CAP_UNTYPED)
		ut_ref(c->mem.obj, delta);
	else
		mf_ref(c->mem.obj, delta);
}

void memcap_describe(const struct cap *c, struct capinfo *info)
{
	info->base = c->mem.base;
	info->count = c->mem.npages;
	info->rights = c->mem.rights;
	if (c->type == CAP_UNTYPED)
		info->badge = ut_outstanding(c->mem.obj);
	else
		info->object = mapdb_count_source(c->space, cap_slot_of(c));
}

int memcap_mint(const struct cap *src, uint32_t value, uint32_t rights, struct cap *val)
{
	uint32_t first, n;
	if (!cap_is_mappable(src->type))
		return E_TYPE;
	if ((rights & 0xFFFFu) & ~src->mem.rights)
		return E_PERM;
	int r = memr_sub(value, rights & 0xFFFF0000u, src->mem.npages, &first, &n);
	if (r)
		return r;
	*val = *src;
	val->mem.base = src->mem.base + first * MEM_PAGE;
	val->mem.npages = n;
	val->mem.rights = rights & (MEM_R | MEM_W);
	return 0;
}
