/*
 * memtests.c - memory as capabilities (issue 13, docs/memory.md), tested
 * the way an attacker would use it: every property a wrong kernel would
 * break is one function, and what happens in another task is seen in that
 * task (user/progs/memtouch.c), faulting to us as its supervisor.
 *
 * usertests holds copies of the root task's memory caps in their root
 * slots (28 Untyped, 29 and 30 Mmio; init gives them).  Each test carves
 * what it needs from a budget of its own (T_BUDGET, retyped from the root
 * Untyped) and ends with everything deleted, so the root Untyped's count
 * of pages carved comes back to where it was: a leak shows in the next
 * test too.  Our own mappings go in the free part of the stack's 4 MiB
 * region (OWN_VA), whose page table exists, so they need none.
 */
#include "user/lib/i386/uarch.h"
#include "user/usertests/ipctests.h"
#include "user/usertests/memtests.h"

#define S_UNTYPED  ROOT_SLOT_UNTYPED
#define S_MMIO_LO  ROOT_SLOT_MMIO_LEGACY
#define S_MMIO_PCI ROOT_SLOT_MMIO_PCI
#define T_BUDGET   22      /* this test's Untyped */
#define T_F        23      /* frames */
#define T_G        24
#define T_H        25
#define T_U        26      /* a smaller Untyped */
#define T_X        27
#define T_Y        T_H

#define PAGE       4096u
#define BUDGET     64u
#define OWN_VA     0xBFC00000u    /* ours: the stack's region, page table present */
#define KID_VA     0xBFC00000u    /* a child's: the same */
#define FRESH_VA   0x50000000u    /* a region with no page table, anyone's */
#define MAGIC      0xC0FFEE11u
#define PATIENCE   (2 * TIMER_HZ)
#define LAPIC      0xFEE00000u
#define IOAPIC     0xFEC00000u
#define RW         (MEM_R | MEM_W)

static unsigned root_before;

/*
 * Faults about another child that came while we waited for one: supervise()
 * reports a fault once, so a later sup_event() for that child finds it
 * here.  On several CPUs children fault in any order, and supervise()
 * reports them in task-slot order (t_mem_revoke_unmaps_three lost one
 * under -smp 4 when this dropped them).
 */
static struct supmsg kept[4];
static unsigned nkept;

static long info(unsigned slot, struct capinfo *ci)
{
	ci->type = CAPT_NULL;
	return sys_cap_info(slot, ci);
}

/* An Untyped's pages carved and not yet returned (its badge), or ~0u if slot holds none. */
static unsigned carved(unsigned slot)
{
	struct capinfo ci;
	return info(slot, &ci) == 0 && ci.type == CAPT_UNTYPED ? ci.badge : ~0u;
}

/* Mappings made through the Frame or Mmio cap in slot (its object), or ~0u. */
static unsigned mappings(unsigned slot)
{
	struct capinfo ci;
	return info(slot, &ci) == 0 && (ci.type == CAPT_FRAME || ci.type == CAPT_MMIO) ? ci.object : ~0u;
}

static volatile unsigned *at(unsigned va)
{
	return (volatile unsigned *)(uintptr_t)va;
}

static void *va_arg_(unsigned va)
{
	return (void *)(uintptr_t)va;
}

/* Every test starts here: no peers, our slots 12-27 and 31 empty, a fresh budget in T_BUDGET. */
static int mem_fresh(void)
{
	ipc_fresh();
	nkept = 0;
	root_before = carved(S_UNTYPED);
	CHECK(root_before != ~0u);
	CHECK_EQ(sys_mem_retype(S_UNTYPED, T_BUDGET, MEM_UNTYPED, BUDGET), 0);
	CHECK_EQ(carved(T_BUDGET), 0);
	return 0;
}

/* ... and ends here: with everything deleted, every page is back in the root Untyped. */
static int mem_balanced(void)
{
	ipc_fresh();
	CHECK_EQ(carved(S_UNTYPED), root_before);
	return 0;
}

static long frame(unsigned slot, unsigned npages)
{
	return sys_mem_retype(T_BUDGET, slot, MEM_FRAME, npages);
}

/* The next supervise() event about tid, within PATIENCE ticks (other exits are dropped); 0 or -1. */
static int sup_event(int tid, struct supmsg *m)
{
	for (unsigned i = 0; i < nkept; i++)
		if (kept[i].tid == tid) {
			*m = kept[i];
			kept[i] = kept[--nkept];
			return 0;
		}
	for (int t = 0; t < PATIENCE; t++) {
		long r = sys_supervise(m, SUP_POLL);
		if (r == 0 && m->tid == tid)
			return 0;
		if (r == 0 && m->kind == SUP_FAULT && nkept < ARRAY_SIZE(kept))
			kept[nkept++] = *m;
		if (r == -E_AGAIN)
			sys_sleep(1);
	}
	printf("# task %d: no supervise() event\n", tid);
	return -1;
}

/* tid stopped at a page fault at va (write: a write to a present page); then it is killed. */
static int faulted_at(int tid, unsigned va, int write)
{
	struct supmsg m;
	struct exitinfo e;
	CHECK_EQ(sup_event(tid, &m), 0);
	CHECK_EQ(m.kind, SUP_FAULT);
	CHECK_EQ(m.vector, 14);
	CHECK_EQ(m.addr, va);
	if (write)
		CHECK_EQ(m.err & 3u, 3u);       /* present, write */
	else
		CHECK_EQ(m.err & 1u, 0u);       /* not present */
	CHECK_EQ(sys_fault_reply(tid, FA_KILL | FA_QUIET), 0);
	CHECK_EQ(peer_reap(tid, &e), 0);
	CHECK_EQ(e.fault_vector, 14);
	return 0;
}

/* memtouch with args, suspended. */
static int touch(const char *fmt, unsigned a, unsigned b)
{
	char args[64];
	fmt_snprintf(args, sizeof(args), fmt, a, b);
	return peer_spawn_prog("memtouch", args);
}

/* A watcher of va for MAGIC, resumed; 0 once it has run a while without exiting. */
static int watching(int tid)
{
	struct taskinfo ti;
	CHECK_EQ(sys_resume(tid), 0);
	sys_sleep(3);
	CHECK_EQ(sys_taskinfo(tid, &ti), 0);
	CHECK(ti.state != TS_ZOMBIE);
	return 0;
}

/* ---- the root task's memory ---- */

/* CMOS: RAM above 16 MiB in 64 KiB units (0x34/0x35), 1-16 MiB in KiB (0x30/0x31). */
static unsigned cmos(unsigned reg)
{
	u_outb(0x70, (uint8_t)reg);
	return u_inb(0x71);
}

static unsigned ram_top(void)
{
	unsigned above16 = cmos(0x34) | cmos(0x35) << 8;
	unsigned above1 = cmos(0x30) | cmos(0x31) << 8;
	return above16 ? 0x1000000u + above16 * 0x10000u : 0x100000u + above1 * 1024u;
}

static int overlaps(unsigned base, unsigned pages, unsigned lo, unsigned hi)
{
	uint64_t end = (uint64_t)base + (uint64_t)pages * PAGE;
	return base < hi && end > lo;
}

/*
 * The root caps are what the ABI says, and RAM is never Mmio: the RAM
 * size the CMOS reports (not the kernel's word for it) lies outside both
 * Mmio ranges, and the Untyped inside it, above the kernel's image.
 */
int t_mem_root_caps_cover_no_ram(void)
{
	struct capinfo u, lo, pci;
	unsigned top = ram_top();
	printf("# RAM top (CMOS) 0x%x\n", top);
	CHECK(top >= 0x2000000u);
	CHECK_EQ(info(S_UNTYPED, &u), 0);
	CHECK_EQ(u.type, CAPT_UNTYPED);
	CHECK_EQ(info(S_MMIO_LO, &lo), 0);
	CHECK_EQ(lo.type, CAPT_MMIO);
	CHECK_EQ(info(S_MMIO_PCI, &pci), 0);
	CHECK_EQ(pci.type, CAPT_MMIO);
	printf("# untyped 0x%x+%u pages, mmio 0x%x+%u, 0x%x+%u\n", u.base, u.count, lo.base, lo.count,
	       pci.base, pci.count);
	CHECK(u.count > 0 && (u.base & (PAGE - 1)) == 0);
	CHECK(u.base > 0x100000u);                                  /* not the kernel's image */
	CHECK((uint64_t)u.base + (uint64_t)u.count * PAGE <= top);
	CHECK_EQ(lo.base, 0xA0000u);
	CHECK_EQ(lo.count, (0x100000u - 0xA0000u) / PAGE);
	CHECK_EQ(lo.rights, RW);
	CHECK(pci.count > 0 && pci.base >= top);
	CHECK((uint64_t)pci.base + (uint64_t)pci.count * PAGE <= IOAPIC);
	CHECK(!overlaps(lo.base, lo.count, 0, 0xA0000u) && !overlaps(lo.base, lo.count, 0x100000u, top));
	CHECK(!overlaps(pci.base, pci.count, 0, top));
	CHECK(!overlaps(u.base, u.count, lo.base, lo.base + lo.count * PAGE));
	return 0;
}

/*
 * The local APIC and the IOAPIC are the kernel's: no cap the root task
 * holds covers them (every memory cap derives from these), and a sub-range
 * cannot be minted past the end of a cap, nor wrap, to reach them.
 */
int t_mem_kernel_devices_ungrantable(void)
{
	static const unsigned slots[] = { S_UNTYPED, S_MMIO_LO, S_MMIO_PCI };
	struct capinfo ci;
	CHECK_EQ(mem_fresh(), 0);
	for (unsigned i = 0; i < ARRAY_SIZE(slots); i++) {
		CHECK_EQ(info(slots[i], &ci), 0);
		CHECK(!overlaps(ci.base, ci.count, IOAPIC, 0xFFFFFFFFu));
		CHECK(!overlaps(ci.base, ci.count, LAPIC, LAPIC + PAGE));
	}
	/* Past the end of the legacy window is RAM (0x100000): no sub-range reaches it, nor wraps. */
	CHECK_EQ(sys_cap_mint(S_MMIO_LO, T_X, MEM_SUB(96, 1), RW), -E_RANGE);
	CHECK_EQ(sys_cap_mint(S_MMIO_LO, T_X, MEM_SUB(95, 2), RW), -E_RANGE);
	CHECK_EQ(sys_cap_mint(S_MMIO_LO, T_X, MEM_SUB(0, 97), RW), -E_RANGE);
	CHECK_EQ(sys_cap_mint(S_MMIO_LO, T_X, MEM_SUB(0xFFFF, 0xFFFF), RW), -E_RANGE);
	CHECK_EQ(sys_cap_mint(S_MMIO_LO, T_X, 0, RW | 4), -E_PERM);
	CHECK_EQ(slot_type(T_X), CAPT_NULL);
	/* Inside is fine: the last page. */
	CHECK_EQ(sys_cap_mint(S_MMIO_LO, T_X, MEM_SUB(95, 1), MEM_R), 0);
	CHECK_EQ(info(T_X, &ci), 0);
	CHECK_EQ(ci.type, CAPT_MMIO);
	CHECK_EQ(ci.base, 0xFF000u);
	CHECK_EQ(ci.count, 1);
	CHECK_EQ(ci.rights, MEM_R);
	/*
	 * The PCI window has more pages than MEM_SUB can name (16 bits each):
	 * where it can, the end; always, that a sub-range stays below the IOAPIC.
	 */
	CHECK_EQ(info(S_MMIO_PCI, &ci), 0);
	unsigned n = ci.count;
	if (n <= 0xFFFFu)
		CHECK_EQ(sys_cap_mint(S_MMIO_PCI, T_Y, MEM_SUB(n - 1, 2), RW), -E_RANGE);
	unsigned first = n > 0xFFFFu ? 0xFFFFu - 16 : n - 16;
	CHECK_EQ(sys_cap_mint(S_MMIO_PCI, T_Y, MEM_SUB(first, 16), RW), 0);
	CHECK_EQ(info(T_Y, &ci), 0);
	CHECK(ci.base + 16 * PAGE <= IOAPIC);
	/* Device memory is not RAM to carve from. */
	CHECK_EQ(sys_mem_retype(S_MMIO_LO, T_F, MEM_FRAME, 1), -E_TYPE);
	CHECK_EQ(sys_mem_retype(S_MMIO_PCI, T_F, MEM_UNTYPED, 1), -E_TYPE);
	return mem_balanced();
}

/* A window of the legacy Mmio (the VGA text buffer) maps, reads, and leaves no RAM behind. */
int t_mem_mmio_window_maps(void)
{
	struct capinfo ci;
	CHECK_EQ(mem_fresh(), 0);
	CHECK_EQ(sys_cap_mint(S_MMIO_LO, T_X, MEM_SUB(0x18, 8), MEM_R), 0);
	CHECK_EQ(info(T_X, &ci), 0);
	CHECK_EQ(ci.base, 0xB8000u);
	CHECK_EQ(ci.count, 8);
	CHECK_EQ(sys_mem_map(T_X, 0, va_arg_(OWN_VA), RW | MAP_PT_NONE), -E_PERM);
	CHECK_EQ(sys_mem_map(T_X, 0, va_arg_(OWN_VA), MEM_R | MAP_PT_NONE), 0);
	CHECK_EQ(mappings(T_X), 1);
	(void)*at(OWN_VA + 7 * PAGE);
	CHECK_EQ(sys_write(va_arg_(OWN_VA), 2), -E_FAULT);       /* the kernel never reads device memory */
	CHECK_EQ(sys_mem_unmap(T_X, 0, va_arg_(OWN_VA)), 0);
	CHECK_EQ(mappings(T_X), 0);
	CHECK_EQ(sys_cap_delete(T_X), 0);
	return mem_balanced();
}

/* ---- what a mapping may not be ---- */

/* A kernel address, the kernel half, below user space, past USER_END or wrapping: E_RANGE. */
int t_mem_map_outside_user_range(void)
{
	static const unsigned bad[] = { 0, 0x00100000u, 0x3FFFF000u, USER_END, 0xFEE00000u, 0xFFFFF000u };
	CHECK_EQ(mem_fresh(), 0);
	CHECK_EQ(frame(T_F, 2), 0);
	for (unsigned i = 0; i < ARRAY_SIZE(bad); i++) {
		CHECK_EQ(sys_mem_map(T_F, 0, va_arg_(bad[i]), RW | MAP_PT(T_BUDGET)), -E_RANGE);
		CHECK_EQ(syscall_int80(SYS_mem_map, T_F, 0, bad[i], MEM_R | MAP_PT_NONE), -E_RANGE);
		CHECK_EQ(sys_mem_unmap(T_F, 0, va_arg_(bad[i])), -E_RANGE);
		CHECK_EQ(sys_mem_protect(T_F, 0, va_arg_(bad[i]), MEM_R), -E_RANGE);
	}
	/* Two pages from the last user page: the second would be the kernel's. */
	CHECK_EQ(sys_mem_map(T_F, 0, va_arg_(USER_END - PAGE), MEM_R | MAP_PT(T_BUDGET)), -E_RANGE);
	CHECK_EQ(sys_mem_map(T_F, 0, va_arg_(USER_BASE - PAGE), MEM_R | MAP_PT(T_BUDGET)), -E_RANGE);
	CHECK_EQ(mappings(T_F), 0);
	CHECK_EQ(carved(T_BUDGET), 2);          /* and no page table was made for any of them */
	return mem_balanced();
}

int t_mem_map_unaligned(void)
{
	static const unsigned off[] = { 1, 2, 4, 0x800, 0xFFF };
	CHECK_EQ(mem_fresh(), 0);
	CHECK_EQ(frame(T_F, 1), 0);
	for (unsigned i = 0; i < ARRAY_SIZE(off); i++) {
		CHECK_EQ(sys_mem_map(T_F, 0, va_arg_(OWN_VA + off[i]), MEM_R | MAP_PT_NONE), -E_INVAL);
		CHECK_EQ(sys_mem_unmap(T_F, 0, va_arg_(OWN_VA + off[i])), -E_INVAL);
		CHECK_EQ(sys_mem_protect(T_F, 0, va_arg_(OWN_VA + off[i]), MEM_R), -E_INVAL);
	}
	CHECK_EQ(mappings(T_F), 0);
	return mem_balanced();
}

/*
 * A va that holds anything - our text, stack, UTCB, another mapping - is
 * E_MAPPED, and a refused multi-page map leaves none of its pages behind.
 */
int t_mem_map_over_mapped(void)
{
	CHECK_EQ(mem_fresh(), 0);
	CHECK_EQ(frame(T_F, 1), 0);
	CHECK_EQ(frame(T_G, 2), 0);
	CHECK_EQ(sys_mem_map(T_F, 0, va_arg_(USER_BASE), MEM_R | MAP_PT_NONE), -E_MAPPED);
	CHECK_EQ(sys_mem_map(T_F, 0, va_arg_(USER_STACK_TOP - PAGE), MEM_R | MAP_PT_NONE), -E_MAPPED);
	CHECK_EQ(sys_mem_map(T_F, 0, va_arg_(UTCB_ADDR), MEM_R | MAP_PT_NONE), -E_MAPPED);
	/* The first page free, the second the UTCB. */
	CHECK_EQ(sys_mem_map(T_G, 0, va_arg_(UTCB_ADDR - PAGE), MEM_R | MAP_PT_NONE), -E_MAPPED);
	CHECK_EQ(mappings(T_G), 0);
	CHECK_EQ(sys_mem_map(T_F, 0, va_arg_(UTCB_ADDR - PAGE), MEM_R | MAP_PT_NONE), 0);
	CHECK_EQ(sys_mem_map(T_F, 0, va_arg_(OWN_VA), MEM_R | MAP_PT_NONE), 0);   /* twice: fine */
	CHECK_EQ(mappings(T_F), 2);
	/* Its first page wants a page table: refused before one is made. */
	CHECK_EQ(sys_mem_map(T_G, 0, va_arg_(OWN_VA - PAGE), MEM_R | MAP_PT(T_BUDGET)), -E_MAPPED);
	CHECK_EQ(carved(T_BUDGET), 3);
	CHECK_EQ(sys_mem_map(T_F, 0, va_arg_(OWN_VA), MEM_R | MAP_PT_NONE), -E_MAPPED);
	CHECK_EQ(sys_cap_delete(T_F), 0);
	/* The UTCB is still ours, and the pages the delete unmapped are free again. */
	utcb()->mr[5] = MAGIC;
	CHECK_EQ(utcb()->mr[5], MAGIC);
	CHECK_EQ(sys_mem_map(T_G, 0, va_arg_(UTCB_ADDR - 2 * PAGE), MEM_R | MAP_PT_NONE), 0);
	CHECK_EQ(sys_mem_map(T_G, 0, va_arg_(OWN_VA), MEM_R | MAP_PT_NONE), 0);
	CHECK_EQ(sys_cap_delete(T_G), 0);
	return mem_balanced();
}

/* ---- rights ---- */

/*
 * A mapping carries at most the cap's rights, a derived cap has at most
 * its parent's, and MEM_R is required; protect moves within the cap's
 * rights, up as well as down.
 */
int t_mem_rights_bounded_by_cap(void)
{
	struct capinfo ci;
	CHECK_EQ(mem_fresh(), 0);
	CHECK_EQ(frame(T_F, 1), 0);
	CHECK_EQ(info(T_F, &ci), 0);
	CHECK_EQ(ci.type, CAPT_FRAME);
	CHECK_EQ(ci.rights, RW);
	CHECK_EQ(ci.count, 1);
	CHECK_EQ(sys_cap_mint(T_F, T_G, 0, MEM_R), 0);
	CHECK_EQ(sys_cap_mint(T_G, T_H, 0, RW), -E_PERM);
	CHECK_EQ(sys_cap_mint(T_F, T_H, 0, RW | 4), -E_PERM);
	CHECK_EQ(sys_cap_mint(T_F, T_H, MEM_SUB(0, 2), MEM_R), -E_RANGE);
	CHECK_EQ(sys_mem_map(T_G, 0, va_arg_(OWN_VA), RW | MAP_PT_NONE), -E_PERM);
	CHECK_EQ(sys_mem_map(T_F, 0, va_arg_(OWN_VA), MEM_W | MAP_PT_NONE), -E_INVAL);
	CHECK_EQ(sys_mem_map(T_F, 0, va_arg_(OWN_VA), MAP_PT_NONE), -E_INVAL);
	CHECK_EQ(mappings(T_G), 0);
	CHECK_EQ(sys_mem_map(T_G, 0, va_arg_(OWN_VA), MEM_R | MAP_PT_NONE), 0);
	CHECK_EQ(sys_mem_protect(T_G, 0, va_arg_(OWN_VA), RW), -E_PERM);
	CHECK_EQ(sys_mem_protect(T_G, 0, va_arg_(OWN_VA), MEM_W), -E_INVAL);
	CHECK_EQ(sys_mem_protect(T_G, 0, va_arg_(OWN_VA), 0), -E_INVAL);
	CHECK_EQ(sys_mem_protect(T_G, 0, va_arg_(OWN_VA), MEM_R | 0x80), -E_INVAL);
	CHECK_EQ(sys_mem_protect(T_G, 0, va_arg_(OWN_VA), MEM_R), 0);
	CHECK_EQ(sys_mem_unmap(T_G, 0, va_arg_(OWN_VA)), 0);
	/* Through the full cap: read-only, then up to read-write, and the write lands. */
	CHECK_EQ(sys_mem_map(T_F, 0, va_arg_(OWN_VA), MEM_R | MAP_PT_NONE), 0);
	CHECK_EQ(*at(OWN_VA), 0);                                        /* zeroed at retype */
	CHECK_EQ(sys_mem_protect(T_F, 0, va_arg_(OWN_VA), RW), 0);
	*at(OWN_VA) = MAGIC;
	CHECK_EQ(*at(OWN_VA), MAGIC);
	CHECK_EQ(sys_mem_protect(T_F, 0, va_arg_(OWN_VA), MEM_R), 0);
	CHECK_EQ(*at(OWN_VA), MAGIC);
	CHECK_EQ(sys_cap_delete(T_G), 0);
	CHECK_EQ(sys_cap_delete(T_F), 0);
	return mem_balanced();
}

/* A write through a read-only mapping faults (#PF, write to a present page), told to us. */
int t_mem_readonly_write_faults(void)
{
	CHECK_EQ(mem_fresh(), 0);
	CHECK_EQ(frame(T_F, 1), 0);
	int tid = touch("write %x", KID_VA, 0);
	CHECK(tid > 0);
	CHECK_EQ(sys_mem_map(T_F, tid, va_arg_(KID_VA), MEM_R | MAP_PT_NONE), 0);
	CHECK_EQ(mappings(T_F), 1);
	CHECK_EQ(sys_resume(tid), 0);
	CHECK_EQ(faulted_at(tid, KID_VA, 1), 0);
	CHECK_EQ(mappings(T_F), 0);           /* its space died: the record with it */
	return mem_balanced();
}

/* protect down takes effect in the task mapped: its next write faults. */
int t_mem_protect_down_faults(void)
{
	CHECK_EQ(mem_fresh(), 0);
	CHECK_EQ(frame(T_F, 1), 0);
	int tid = touch("write %x", KID_VA, 0);
	CHECK(tid > 0);
	CHECK_EQ(sys_mem_map(T_F, tid, va_arg_(KID_VA), RW | MAP_PT_NONE), 0);
	CHECK_EQ(sys_mem_protect(T_F, tid, va_arg_(KID_VA), MEM_R), 0);
	CHECK_EQ(sys_resume(tid), 0);
	CHECK_EQ(faulted_at(tid, KID_VA, 1), 0);
	return mem_balanced();
}

/* ---- the cap goes, the mappings go ---- */

/*
 * A frame three tasks hold copies of and map themselves: revoking the
 * cap the copies came from unmaps it in all three before the call
 * returns, and each one's next read faults.  A mapping is a child of its
 * cap (docs/memory.md), so our own mapping through the revoked cap goes
 * too; the cap itself stays and maps again.
 */
int t_mem_revoke_unmaps_three(void)
{
	int kid[3];
	CHECK_EQ(mem_fresh(), 0);
	CHECK_EQ(frame(T_F, 1), 0);
	CHECK_EQ(sys_mem_map(T_F, 0, va_arg_(OWN_VA), RW | MAP_PT_NONE), 0);
	*at(OWN_VA) = MAGIC;
	for (int i = 0; i < 3; i++) {
		kid[i] = touch("watch %x %x map", KID_VA, MAGIC);
		CHECK(kid[i] > 0);
		CHECK_EQ(peer_give(kid[i], T_F, 0, MEM_R, 0), 0);
		CHECK_EQ(watching(kid[i]), 0);
	}
	CHECK_EQ(sys_cap_revoke(T_F), 0);
	CHECK_EQ(sys_write(va_arg_(OWN_VA), 4), -E_FAULT);
	CHECK_EQ(mappings(T_F), 0);
	for (int i = 0; i < 3; i++)
		CHECK_EQ(faulted_at(kid[i], KID_VA, 0), 0);
	CHECK_EQ(sys_mem_map(T_F, 0, va_arg_(OWN_VA), MEM_R | MAP_PT_NONE), 0);
	CHECK_EQ(*at(OWN_VA), MAGIC);
	CHECK_EQ(sys_cap_delete(T_F), 0);
	return mem_balanced();
}

/* Deleting the cap a mapping came from unmaps it in the task it was made in. */
int t_mem_delete_unmaps(void)
{
	CHECK_EQ(mem_fresh(), 0);
	CHECK_EQ(frame(T_F, 1), 0);
	CHECK_EQ(sys_cap_copy(T_F, T_G), 0);
	CHECK_EQ(sys_mem_map(T_G, 0, va_arg_(OWN_VA), RW | MAP_PT_NONE), 0);
	*at(OWN_VA) = MAGIC;
	int tid = touch("watch %x %x", KID_VA, MAGIC);
	CHECK(tid > 0);
	CHECK_EQ(sys_mem_map(T_G, tid, va_arg_(KID_VA), MEM_R | MAP_PT_NONE), 0);
	CHECK_EQ(mappings(T_G), 2);
	CHECK_EQ(watching(tid), 0);
	CHECK_EQ(sys_cap_delete(T_G), 0);
	CHECK_EQ(faulted_at(tid, KID_VA, 0), 0);
	/* Ours went too: the va takes a new mapping. */
	CHECK_EQ(sys_mem_map(T_F, 0, va_arg_(OWN_VA), MEM_R | MAP_PT_NONE), 0);
	CHECK_EQ(*at(OWN_VA), MAGIC);          /* the frame itself lives on in T_F */
	CHECK_EQ(sys_cap_delete(T_F), 0);
	return mem_balanced();
}

/*
 * Moving a frame cap (cap_transfer) moves no mapping: what it mapped, in
 * a child and in our own space, is unmapped, and the new holder's cap has
 * made none.
 */
int t_mem_move_unmaps(void)
{
	struct capinfo ci;
	CHECK_EQ(mem_fresh(), 0);
	CHECK_EQ(frame(T_F, 1), 0);
	CHECK_EQ(frame(T_G, 1), 0);
	CHECK_EQ(sys_mem_map(T_F, 0, va_arg_(OWN_VA), RW | MAP_PT_NONE), 0);
	*at(OWN_VA) = MAGIC;
	int watcher = touch("watch %x %x", KID_VA, MAGIC);
	int holder = touch("watch %x %x", KID_VA, 0);
	CHECK(watcher > 0 && holder > 0);
	CHECK_EQ(sys_mem_map(T_F, watcher, va_arg_(KID_VA), MEM_R | MAP_PT_NONE), 0);
	CHECK_EQ(watching(watcher), 0);
	CHECK_EQ(sys_cap_transfer(T_F, holder, 5), 0);
	CHECK_EQ(faulted_at(watcher, KID_VA, 0), 0);
	CHECK_EQ(sys_cap_inspect(holder, 5, &ci), 0);
	CHECK_EQ(ci.type, CAPT_FRAME);
	CHECK_EQ(ci.object, 0);
	CHECK_EQ(sys_mem_map(T_G, 0, va_arg_(OWN_VA), MEM_R | MAP_PT_NONE), 0);   /* ours is free */
	CHECK_EQ(*at(OWN_VA), 0);
	CHECK_EQ(sys_cap_delete(T_G), 0);
	return mem_balanced();
}

/* ---- who may map where ---- */

/*
 * Only into our own space or a descendant's: not init's (our parent), not
 * a sibling's, not our parent's from a child; a task that is gone or never
 * was is E_SRCH.
 */
int t_mem_map_foreign_space(void)
{
	struct exitinfo e;
	CHECK_EQ(mem_fresh(), 0);
	CHECK_EQ(frame(T_F, 1), 0);
	CHECK_EQ(sys_mem_map(T_F, 1, va_arg_(KID_VA), MEM_R | MAP_PT_NONE), -E_PERM);
	int me = (int)sys_getpid();
	int kid = touch("mapinto %u", (unsigned)me, 0);
	CHECK(kid > 0);
	CHECK_EQ(peer_give(kid, T_F, 0, GIVE_COPY, 0), 0);
	CHECK_EQ(sys_resume(kid), 0);
	CHECK_EQ(peer_exit(kid), E_PERM);
	int a = touch("mapinto 1", 0, 0);
	CHECK(a > 0);
	CHECK_EQ(peer_give(a, T_F, 0, GIVE_COPY, 0), 0);
	CHECK_EQ(sys_resume(a), 0);
	CHECK_EQ(peer_exit(a), E_PERM);
	/* Sibling: b maps into c, both our children. */
	int c = touch("watch %x 0", KID_VA, 0);
	CHECK(c > 0);
	int b = touch("mapinto %u", (unsigned)c, 0);
	CHECK(b > 0);
	CHECK_EQ(peer_give(b, T_F, 0, GIVE_COPY, 0), 0);
	CHECK_EQ(sys_resume(b), 0);
	CHECK_EQ(peer_exit(b), E_PERM);
	/* A child into itself, by its tid: allowed. */
	int s = touch("mapinto 0", 0, 0);
	CHECK(s > 0);
	CHECK_EQ(peer_give(s, T_F, 0, GIVE_COPY, 0), 0);
	CHECK_EQ(sys_resume(s), 0);
	CHECK_EQ(peer_exit(s), 0);
	/* Gone, never were. */
	CHECK_EQ(peer_kill(c, &e), 0);
	CHECK_EQ(sys_mem_map(T_F, c, va_arg_(KID_VA), MEM_R | MAP_PT_NONE), -E_SRCH);
	CHECK_EQ(sys_mem_map(T_F, 0x7FFFFFFF, va_arg_(KID_VA), MEM_R | MAP_PT_NONE), -E_SRCH);
	CHECK_EQ(sys_mem_map(T_F, -5, va_arg_(KID_VA), MEM_R | MAP_PT_NONE), -E_SRCH);
	CHECK_EQ(sys_mem_unmap(T_F, c, va_arg_(KID_VA)), -E_SRCH);
	CHECK_EQ(sys_mem_protect(T_F, 1, va_arg_(KID_VA), MEM_R), -E_PERM);
	CHECK_EQ(mappings(T_F), 0);
	return mem_balanced();
}

/* ---- where the memory goes and comes back ---- */

/*
 * Frames come out of their Untyped and go back when their caps and
 * mappings are gone: the counts balance, and the pages come back zeroed.
 */
int t_mem_returns_to_untyped(void)
{
	struct capinfo f, g;
	CHECK_EQ(mem_fresh(), 0);
	CHECK_EQ(carved(S_UNTYPED), root_before + BUDGET);
	CHECK_EQ(frame(T_F, 3), 0);
	CHECK_EQ(carved(T_BUDGET), 3);
	CHECK_EQ(frame(T_G, 2), 0);
	CHECK_EQ(carved(T_BUDGET), 5);
	CHECK_EQ(info(T_F, &f), 0);
	CHECK_EQ(info(T_G, &g), 0);
	CHECK(!overlaps(f.base, f.count, g.base, g.base + g.count * PAGE));
	CHECK_EQ(sys_mem_map(T_F, 0, va_arg_(OWN_VA), RW | MAP_PT_NONE), 0);
	for (unsigned i = 0; i < 3 * PAGE / 4; i += 97)
		at(OWN_VA)[i] = MAGIC ^ i;
	CHECK_EQ(sys_mem_unmap(T_F, 0, va_arg_(OWN_VA)), 0);
	CHECK_EQ(sys_cap_delete(T_F), 0);
	CHECK_EQ(carved(T_BUDGET), 2);          /* T_F's pages are back at once, though T_G lives */
	CHECK_EQ(sys_cap_delete(T_G), 0);
	CHECK_EQ(carved(T_BUDGET), 0);
	/* The same pages again: zeroed. */
	CHECK_EQ(frame(T_F, 3), 0);
	CHECK_EQ(info(T_F, &g), 0);
	CHECK_EQ(g.base, f.base);
	CHECK_EQ(sys_mem_map(T_F, 0, va_arg_(OWN_VA), MEM_R | MAP_PT_NONE), 0);
	for (unsigned i = 0; i < 3 * PAGE / 4; i += 97)
		CHECK_EQ(at(OWN_VA)[i], 0);
	CHECK_EQ(sys_cap_delete(T_F), 0);
	CHECK_EQ(carved(T_BUDGET), 0);
	/* A frame's copies keep it: it returns with the last. */
	CHECK_EQ(frame(T_F, 1), 0);
	CHECK_EQ(sys_cap_copy(T_F, T_G), 0);
	CHECK_EQ(sys_cap_delete(T_F), 0);
	CHECK_EQ(carved(T_BUDGET), 1);
	CHECK_EQ(sys_cap_delete(T_G), 0);
	CHECK_EQ(carved(T_BUDGET), 0);
	CHECK_EQ(sys_cap_delete(T_BUDGET), 0);
	CHECK_EQ(carved(S_UNTYPED), root_before);
	return mem_balanced();
}

/*
 * A budget cannot be overdrawn: a smaller Untyped is a quota its holder
 * cannot exceed, the refusal is E_NOMEM, and the refused calls leak
 * nothing (the counts are where they were, and all of it comes back).
 */
int t_mem_quota_exhausted(void)
{
	CHECK_EQ(mem_fresh(), 0);
	CHECK_EQ(sys_mem_retype(T_BUDGET, T_U, MEM_UNTYPED, 4), 0);
	CHECK_EQ(carved(T_BUDGET), 4);
	CHECK_EQ(sys_mem_retype(T_U, T_F, MEM_FRAME, 3), 0);
	CHECK_EQ(sys_mem_retype(T_U, T_G, MEM_FRAME, 2), -E_NOMEM);
	CHECK_EQ(sys_mem_retype(T_U, T_G, MEM_UNTYPED, 2), -E_NOMEM);
	CHECK_EQ(sys_mem_retype(T_U, T_G, MEM_FRAME, 1), 0);
	CHECK_EQ(carved(T_U), 4);
	CHECK_EQ(sys_mem_retype(T_U, T_H, MEM_FRAME, 1), -E_NOMEM);
	CHECK_EQ(slot_type(T_H), CAPT_NULL);
	CHECK_EQ(carved(T_U), 4);
	/* A map that needs a page table the budget cannot pay for: refused, nothing mapped. */
	CHECK_EQ(sys_mem_map(T_F, 0, va_arg_(FRESH_VA), MEM_R | MAP_PT(T_U)), -E_NOMEM);
	CHECK_EQ(mappings(T_F), 0);
	CHECK_EQ(carved(T_U), 4);
	CHECK_EQ(sys_mem_map(T_F, 0, va_arg_(FRESH_VA), MEM_R | MAP_PT(T_U)), -E_NOMEM);
	/* The parent budget is not drawn on either. */
	CHECK_EQ(carved(T_BUDGET), 4);
	/* More than the root Untyped has left, at once: refused, and nothing carved. */
	struct capinfo root;
	CHECK_EQ(info(S_UNTYPED, &root), 0);
	long r = sys_mem_retype(S_UNTYPED, T_H, MEM_FRAME, root.count - root.badge + 1);
	CHECK(r == -E_NOMEM || r == -E_RANGE);
	CHECK_EQ(carved(S_UNTYPED), root.badge);
	CHECK_EQ(slot_type(T_H), CAPT_NULL);
	CHECK_EQ(sys_cap_delete(T_F), 0);
	CHECK_EQ(sys_cap_delete(T_G), 0);
	CHECK_EQ(carved(T_U), 0);
	CHECK_EQ(sys_cap_delete(T_U), 0);
	CHECK_EQ(carved(T_BUDGET), 0);
	return mem_balanced();
}

/* A Frame (or anything but an Untyped) is never carved again: E_TYPE. */
int t_mem_frame_not_retyped(void)
{
	CHECK_EQ(mem_fresh(), 0);
	CHECK_EQ(frame(T_F, 2), 0);
	CHECK_EQ(sys_mem_retype(T_F, T_G, MEM_FRAME, 1), -E_TYPE);
	CHECK_EQ(sys_mem_retype(T_F, T_G, MEM_UNTYPED, 1), -E_TYPE);
	CHECK_EQ(sys_cap_copy(T_F, T_H), 0);
	CHECK_EQ(sys_mem_retype(T_H, T_G, MEM_FRAME, 1), -E_TYPE);
	CHECK_EQ(sys_mem_retype(S_ALL, T_G, MEM_FRAME, 1), -E_TYPE);        /* IoPorts */
	CHECK_EQ(sys_mem_retype(S_KLOG, T_G, MEM_FRAME, 1), -E_TYPE);
	CHECK_EQ(sys_ep_create(T_X), 0);
	CHECK_EQ(sys_mem_retype(T_X, T_G, MEM_FRAME, 1), -E_TYPE);
	CHECK_EQ(slot_type(T_G), CAPT_NULL);
	CHECK_EQ(carved(T_BUDGET), 2);
	return mem_balanced();
}

/*
 * Page tables are paid by the Untyped a mapping names (MAP_PT): none
 * named where one is needed is E_NOMEM; one named is charged a page, kept
 * while the space lives and returned when it dies.
 */
int t_mem_page_tables_charged(void)
{
	CHECK_EQ(mem_fresh(), 0);
	CHECK_EQ(frame(T_F, 1), 0);
	CHECK_EQ(frame(T_G, 1), 0);
	CHECK_EQ(sys_mem_map(T_F, 0, va_arg_(FRESH_VA), MEM_R | MAP_PT_NONE), -E_NOMEM);
	int tid = touch("watch %x 0", FRESH_VA, 0);
	CHECK(tid > 0);
	CHECK_EQ(sys_mem_map(T_F, tid, va_arg_(FRESH_VA), MEM_R | MAP_PT_NONE), -E_NOMEM);
	CHECK_EQ(mappings(T_F), 0);
	CHECK_EQ(sys_mem_map(T_F, tid, va_arg_(FRESH_VA), MEM_R | MAP_PT(T_G)), -E_TYPE);
	CHECK_EQ(sys_mem_map(T_F, tid, va_arg_(FRESH_VA), MEM_R | MAP_PT(T_H)), -E_EMPTY);
	CHECK_EQ(sys_mem_map(T_F, tid, va_arg_(FRESH_VA), MEM_R | MAP_PT(40)), -E_BADSLOT);
	CHECK_EQ(carved(T_BUDGET), 2);
	CHECK_EQ(sys_mem_map(T_F, tid, va_arg_(FRESH_VA), MEM_R | MAP_PT(T_BUDGET)), 0);
	CHECK_EQ(carved(T_BUDGET), 3);                                     /* the page table */
	/* The same region again needs none. */
	CHECK_EQ(sys_mem_map(T_G, tid, va_arg_(FRESH_VA + PAGE), MEM_R | MAP_PT_NONE), 0);
	CHECK_EQ(carved(T_BUDGET), 3);
	CHECK_EQ(watching(tid), 0);                                        /* it reads 0 there */
	CHECK_EQ(sys_mem_unmap(T_F, tid, va_arg_(FRESH_VA)), 0);
	CHECK_EQ(sys_mem_unmap(T_G, tid, va_arg_(FRESH_VA + PAGE)), 0);
	CHECK_EQ(carved(T_BUDGET), 3);                                     /* kept with the space */
	CHECK_EQ(faulted_at(tid, FRESH_VA, 0), 0);
	CHECK_EQ(sys_cap_delete(T_F), 0);
	CHECK_EQ(sys_cap_delete(T_G), 0);
	CHECK_EQ(carved(T_BUDGET), 0);                                     /* the space died */
	return mem_balanced();
}

/*
 * The Frame pool is shared, and no task empties it for the others
 * (docs/lifecycle.md): the frames a task made count against it wherever
 * their caps went, and past MEM_TASK_QUOTA it gets E_NOMEM while the pool
 * still has room - a child with a budget of its own still carves, and
 * once the holders are gone with our frames we carve again.
 */
#define MEM_QUOTA 32       /* kernel/mm/memobj.h MEM_TASK_QUOTA */
int t_mem_objects_quota_per_task(void)
{
	struct exitinfo e;
	unsigned made = 0;
	long r = 0;
	CHECK_EQ(mem_fresh(), 0);
	int holder[2] = { peer_spawn("idle"), peer_spawn("idle") };
	CHECK(holder[0] > 0 && holder[1] > 0);
	for (unsigned i = 0; i < 2 * 31 && !(r = frame(S_TMP, 1)); i++) {      /* 31 slots each */
		made++;
		CHECK_EQ(sys_cap_transfer(S_TMP, holder[i / 31], i % 31), 0);   /* moved away: still ours */
	}
	printf("# %u frames made, then %ld\n", made, r);
	CHECK_EQ(r, -E_NOMEM);
	CHECK(made <= MEM_QUOTA && made >= MEM_QUOTA / 2);
	CHECK_EQ(slot_type(S_TMP), CAPT_NULL);
	CHECK_EQ(carved(T_BUDGET), made);                 /* the refusal carved nothing */
	/* Another task still carves: 4 pages are 3 frames and their page table. */
	CHECK_EQ(sys_mem_retype(T_BUDGET, T_U, MEM_UNTYPED, 4), 0);
	int kid = touch("hog", 0, 0);
	CHECK(kid > 0);
	CHECK_EQ(sys_cap_transfer(T_U, kid, 0), 0);
	CHECK_EQ(sys_resume(kid), 0);
	CHECK_EQ(peer_exit(kid), 3);
	/* Our frames go with their holders, and with them our quota comes back. */
	CHECK_EQ(peer_kill(holder[0], &e), 0);
	CHECK_EQ(peer_kill(holder[1], &e), 0);
	CHECK_EQ(frame(T_F, 1), 0);
	CHECK_EQ(sys_cap_delete(T_F), 0);
	CHECK_EQ(carved(T_BUDGET), 0);
	return mem_balanced();
}

/*
 * A task that ends or is restarted drops its mappings and returns its
 * memory: a child carving its whole budget (frames and page tables),
 * restarted, gets as much again; once it is gone, all of it is back.
 */
int t_mem_exit_restart_return_memory(void)
{
	CHECK_EQ(mem_fresh(), 0);
	CHECK_EQ(sys_mem_retype(T_BUDGET, T_U, MEM_UNTYPED, 16), 0);
	int once = touch("hog", 0, 0);
	CHECK(once > 0);
	CHECK_EQ(sys_cap_transfer(T_U, once, 0), 0);
	CHECK_EQ(sys_resume(once), 0);
	int got = peer_exit(once);
	CHECK_EQ(got, 15);                      /* 16 pages: 15 frames and their page table */
	CHECK_EQ(carved(T_BUDGET), 0);
	CHECK_EQ(sys_mem_retype(T_BUDGET, T_U, MEM_UNTYPED, 16), 0);
	int hold = touch("hog hold", 0, 0);
	CHECK(hold > 0);
	CHECK_EQ(sys_cap_transfer(T_U, hold, 0), 0);
	CHECK_EQ(sys_resume(hold), 0);
	struct capinfo ci;
	int full = 0;
	for (int t = 0; t < PATIENCE && !full; t++) {
		sys_sleep(1);
		full = sys_cap_inspect(hold, 0, &ci) == 0 && ci.badge == 16;
	}
	CHECK(full);
	/* A mapping we made in it goes with the restart too. */
	CHECK_EQ(frame(T_F, 1), 0);
	CHECK_EQ(sys_mem_map(T_F, hold, va_arg_(KID_VA), MEM_R | MAP_PT_NONE), 0);
	CHECK_EQ(mappings(T_F), 1);
	CHECK_EQ(sys_restart(hold), 0);
	CHECK_EQ(peer_exit(hold), got);
	CHECK_EQ(mappings(T_F), 0);
	CHECK_EQ(sys_cap_delete(T_F), 0);
	CHECK_EQ(carved(T_BUDGET), 0);
	return mem_balanced();
}

/*
 * Revoking an Untyped takes back everything carved through it, wherever
 * it went: a frame a child holds and maps faults there, a smaller budget
 * goes, and the Untyped is whole again.
 */
int t_mem_revoke_untyped_reclaims(void)
{
	CHECK_EQ(mem_fresh(), 0);
	CHECK_EQ(sys_mem_retype(T_BUDGET, T_U, MEM_UNTYPED, 8), 0);
	CHECK_EQ(sys_mem_retype(T_U, T_F, MEM_FRAME, 1), 0);
	CHECK_EQ(sys_mem_retype(T_U, T_G, MEM_UNTYPED, 2), 0);
	CHECK_EQ(sys_mem_retype(T_G, T_H, MEM_FRAME, 1), 0);
	int tid = touch("watch %x 0 map", KID_VA, 0);
	CHECK(tid > 0);
	CHECK_EQ(peer_give(tid, T_F, 0, GIVE_COPY, 0), 0);
	CHECK_EQ(watching(tid), 0);
	CHECK_EQ(carved(T_U), 3);
	CHECK_EQ(sys_cap_revoke(T_U), 0);
	CHECK_EQ(faulted_at(tid, KID_VA, 0), 0);
	CHECK_EQ(slot_type(T_F), CAPT_NULL);
	CHECK_EQ(slot_type(T_G), CAPT_NULL);
	CHECK_EQ(slot_type(T_H), CAPT_NULL);
	CHECK_EQ(carved(T_U), 0);
	CHECK_EQ(sys_mem_retype(T_U, T_F, MEM_FRAME, 8), 0);     /* all of it */
	return mem_balanced();
}

/*
 * A task's death frees the pages its address space owns, never a frame a
 * cap mapped there: the frame we still hold keeps its contents while new
 * tasks (whose pages are zeroed as they are allocated) come and go.
 */
int t_mem_child_death_keeps_frame(void)
{
	struct exitinfo e;
	CHECK_EQ(mem_fresh(), 0);
	CHECK_EQ(frame(T_F, 2), 0);
	CHECK_EQ(sys_mem_map(T_F, 0, va_arg_(OWN_VA), RW | MAP_PT_NONE), 0);
	for (unsigned i = 0; i < 2 * PAGE / 4; i += 61)
		at(OWN_VA)[i] = MAGIC ^ i;
	for (int round = 0; round < 4; round++) {
		int tid = touch("watch %x %x", KID_VA, MAGIC);
		CHECK(tid > 0);
		CHECK_EQ(sys_mem_map(T_F, tid, va_arg_(KID_VA), MEM_R | MAP_PT_NONE), 0);
		CHECK_EQ(watching(tid), 0);
		CHECK_EQ(peer_kill(tid, &e), 0);
		CHECK(run_child("hello", "fill", &e) > 0);
		CHECK(run_child("fault", "exit42", &e) > 0);
	}
	for (unsigned i = 0; i < 2 * PAGE / 4; i += 61)
		CHECK_EQ(at(OWN_VA)[i], MAGIC ^ i);
	CHECK_EQ(mappings(T_F), 1);
	return mem_balanced();
}

/* A minted sub-range maps exactly its pages of the frame. */
int t_mem_sub_range_maps_its_pages(void)
{
	struct capinfo f, sub;
	CHECK_EQ(mem_fresh(), 0);
	CHECK_EQ(frame(T_F, 3), 0);
	CHECK_EQ(sys_cap_mint(T_F, T_G, MEM_SUB(1, 1), RW), 0);
	CHECK_EQ(info(T_F, &f), 0);
	CHECK_EQ(info(T_G, &sub), 0);
	CHECK_EQ(sub.type, CAPT_FRAME);
	CHECK_EQ(sub.base, f.base + PAGE);
	CHECK_EQ(sub.count, 1);
	CHECK_EQ(sys_cap_mint(T_G, T_H, MEM_SUB(1, 1), MEM_R), -E_RANGE);    /* past its one page */
	CHECK_EQ(sys_mem_map(T_F, 0, va_arg_(OWN_VA), RW | MAP_PT_NONE), 0);
	CHECK_EQ(sys_mem_map(T_G, 0, va_arg_(OWN_VA + 4 * PAGE), RW | MAP_PT_NONE), 0);
	*at(OWN_VA + 4 * PAGE) = MAGIC;
	*at(OWN_VA + 4 * PAGE + PAGE - 4) = ~MAGIC;
	CHECK_EQ(*at(OWN_VA), 0);
	CHECK_EQ(*at(OWN_VA + PAGE), MAGIC);
	CHECK_EQ(*at(OWN_VA + 2 * PAGE - 4), ~MAGIC);
	CHECK_EQ(*at(OWN_VA + 2 * PAGE), 0);
	/* Only one page: the next is not ours. */
	CHECK_EQ(sys_write(va_arg_(OWN_VA + 5 * PAGE), 4), -E_FAULT);
	/* Revoking the frame takes the sub-range and its mapping. */
	CHECK_EQ(sys_cap_revoke(T_F), 0);
	CHECK_EQ(slot_type(T_G), CAPT_NULL);
	CHECK_EQ(sys_write(va_arg_(OWN_VA + 4 * PAGE), 4), -E_FAULT);
	CHECK_EQ(sys_cap_delete(T_F), 0);
	return mem_balanced();
}

/* unmap and protect where the cap made no mapping: E_NOTMAPPED, and nothing else is touched. */
int t_mem_unmap_nothing(void)
{
	CHECK_EQ(mem_fresh(), 0);
	CHECK_EQ(frame(T_F, 1), 0);
	CHECK_EQ(frame(T_G, 1), 0);
	CHECK_EQ(sys_mem_unmap(T_F, 0, va_arg_(OWN_VA)), -E_NOTMAPPED);
	CHECK_EQ(sys_mem_protect(T_F, 0, va_arg_(OWN_VA), MEM_R), -E_NOTMAPPED);
	CHECK_EQ(sys_mem_unmap(T_F, 0, va_arg_(USER_BASE)), -E_NOTMAPPED);        /* our text */
	CHECK_EQ(sys_mem_unmap(T_F, 0, va_arg_(UTCB_ADDR)), -E_NOTMAPPED);
	CHECK_EQ(sys_mem_protect(T_F, 0, va_arg_(USER_STACK_TOP - PAGE), RW), -E_NOTMAPPED);
	CHECK_EQ(sys_mem_map(T_G, 0, va_arg_(OWN_VA), RW | MAP_PT_NONE), 0);
	*at(OWN_VA) = MAGIC;
	CHECK_EQ(sys_mem_unmap(T_F, 0, va_arg_(OWN_VA)), -E_NOTMAPPED);          /* T_G's */
	CHECK_EQ(sys_mem_protect(T_F, 0, va_arg_(OWN_VA), MEM_R), -E_NOTMAPPED);
	CHECK_EQ(sys_cap_copy(T_G, T_H), 0);
	CHECK_EQ(sys_mem_unmap(T_H, 0, va_arg_(OWN_VA)), -E_NOTMAPPED);          /* a copy's neither */
	*at(OWN_VA) = MAGIC + 1;                                                 /* still writable */
	CHECK_EQ(sys_mem_unmap(T_G, 0, va_arg_(OWN_VA)), 0);
	CHECK_EQ(sys_mem_unmap(T_G, 0, va_arg_(OWN_VA)), -E_NOTMAPPED);
	CHECK_EQ(sys_mem_unmap(T_G, 0, va_arg_(OWN_VA + PAGE)), -E_NOTMAPPED);
	return mem_balanced();
}

/* ---- forged arguments: a clear error each, never a panic ---- */

int t_mem_forged_arguments(void)
{
	static const unsigned bad_slots[] = { 32, 33, 0xFF, 0x80000000u | 28, 0xFFFFFFFFu };
	CHECK_EQ(mem_fresh(), 0);
	CHECK_EQ(frame(T_F, 1), 0);
	for (unsigned i = 0; i < ARRAY_SIZE(bad_slots); i++) {
		unsigned s = bad_slots[i];
		CHECK_EQ(sys_mem_retype(s, T_G, MEM_FRAME, 1), -E_BADSLOT);
		CHECK_EQ(sys_mem_retype(T_BUDGET, s, MEM_FRAME, 1), -E_BADSLOT);
		CHECK_EQ(sys_mem_map(s, 0, va_arg_(OWN_VA), MEM_R | MAP_PT_NONE), -E_BADSLOT);
		CHECK_EQ(sys_mem_unmap(s, 0, va_arg_(OWN_VA)), -E_BADSLOT);
		CHECK_EQ(sys_mem_protect(s, 0, va_arg_(OWN_VA), MEM_R), -E_BADSLOT);
	}
	CHECK_EQ(sys_mem_retype(T_G, T_H, MEM_FRAME, 1), -E_EMPTY);
	CHECK_EQ(sys_mem_map(T_G, 0, va_arg_(OWN_VA), MEM_R | MAP_PT_NONE), -E_EMPTY);
	CHECK_EQ(sys_mem_retype(T_BUDGET, T_F, MEM_FRAME, 1), -E_FULL);
	CHECK_EQ(sys_mem_retype(T_BUDGET, S_ALL, MEM_FRAME, 1), -E_FULL);
	/* 3 was here until issue 15 made it MEM_DMABUF (docs/dma.md); 0x102 is MEM_DMA_ISA on a Frame. */
	static const unsigned bad_types[] = { 0, 5, 4, 0x101, 0x102, 0x80000002u, 0xFFFFFFFFu };
	for (unsigned i = 0; i < ARRAY_SIZE(bad_types); i++)
		CHECK_EQ(sys_mem_retype(T_BUDGET, T_G, bad_types[i], 1), -E_INVAL);
	static const unsigned bad_n[] = { 0, 0x100000u, 0x80000000u, 0xFFFFFFFFu };   /* 4 GiB or more */
	for (unsigned i = 0; i < ARRAY_SIZE(bad_n); i++)
		CHECK_EQ(sys_mem_retype(T_BUDGET, T_G, MEM_FRAME, bad_n[i]), -E_RANGE);
	CHECK_EQ(slot_type(T_G), CAPT_NULL);
	CHECK_EQ(carved(T_BUDGET), 1);
	/* Flags: stray bits beside the rights and the page-table slot. */
	static const unsigned bad_flags[] = { MEM_R | 4, MEM_R | 0x80, MEM_R | MAP_PT_NONE | 0x10000,
					      MEM_R | 0x80000000u, 0xFFFFFFFFu };
	for (unsigned i = 0; i < ARRAY_SIZE(bad_flags); i++)
		CHECK_EQ(sys_mem_map(T_F, 0, va_arg_(OWN_VA), bad_flags[i]), -E_INVAL);
	/* Wrong types where a Frame or Mmio is wanted. */
	CHECK_EQ(sys_mem_map(T_BUDGET, 0, va_arg_(OWN_VA), MEM_R | MAP_PT_NONE), -E_TYPE);
	CHECK_EQ(sys_mem_map(S_ALL, 0, va_arg_(OWN_VA), MEM_R | MAP_PT_NONE), -E_TYPE);
	CHECK_EQ(sys_mem_unmap(S_KLOG, 0, va_arg_(OWN_VA)), -E_TYPE);
	CHECK_EQ(sys_mem_protect(T_BUDGET, 0, va_arg_(OWN_VA), MEM_R), -E_TYPE);
	CHECK_EQ(mappings(T_F), 0);
	/* The same through the other gate. */
	CHECK_EQ(syscall_sysenter(SYS_mem_retype, T_BUDGET, T_G, 0, 1), -E_INVAL);
	CHECK_EQ(syscall_sysenter(SYS_mem_map, T_F, 0, OWN_VA + 1, MEM_R | MAP_PT_NONE), -E_INVAL);
	CHECK_EQ(syscall_int80(SYS_mem_unmap, 0xFFFFFFFFu, 0, OWN_VA, 0), -E_BADSLOT);
	CHECK_EQ(sys_mem_map(T_F, 0, va_arg_(OWN_VA), MEM_R | MAP_PT_NONE), 0);
	CHECK_EQ(syscall_int80(SYS_mem_protect, T_F, 0, OWN_VA, 0xFFFFFFFFu), -E_INVAL);
	CHECK_EQ(syscall_sysenter(SYS_mem_protect, T_F, 0, OWN_VA, MEM_R | 0x100), -E_INVAL);
	CHECK_EQ(sys_mem_unmap(T_F, 0, va_arg_(OWN_VA)), 0);
	return mem_balanced();
}
