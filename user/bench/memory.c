/*
 * memory.c - the memory figures (docs/bench.md, "Memory"), each at several
 * sizes so that a cost shows how it grows with its work:
 *
 *   mem_map_unmap_<n>   mem_map + mem_unmap of one Frame cap of n pages
 *   mem_protect         mem_protect of a mapped page, read-only <-> read-write
 *   mem_retype_<n>      mem_retype of an n-page Frame + cap_delete of it
 *                       (carved, zeroed, and returned to its Untyped)
 *   mem_cycle_<n>       all of it: retype, map, unmap, delete; what Linux's
 *                       mmap(MAP_POPULATE) + munmap of n pages does
 *   mem_revoke_<k>      cap_mint of a Frame, mem_map of the child cap into
 *                       k spaces, cap_revoke of the Frame (every mapping goes)
 *   shootdown_live_<k>  the same, each space live on a CPU of its own
 *                       (8-CPU boot, smp.c); shootdown_parked_<k>: the
 *                       same spaces, all but bench's suspended
 *
 * Every frame is carved from a 64-page Untyped of bench's own (the pool),
 * so that it goes back each time: the pool's count of pages carved must be
 * 0 after every figure.  Page tables come from bench's Untyped: the first
 * map at MEM_VA, in the check before the figure, makes the one it needs,
 * and no timed operation makes another.
 */
#include "user/bench/memory.h"
#include "user/bench/smp.h"
#include "user/lib/ulib.h"

#define SLOT_POOL  16   /* the Untyped every frame is carved from */
#define SLOT_FRAME 17
#define SLOT_CHILD 18   /* mem_revoke: the child cap that is mapped, then revoked */
#define POOL_PAGES 64
#define POOL_ALIGN 32   /* pages: one word of the kernel's carved-page bitmap */
#define SLOT_PAD   19   /* the pages below the pool while it is carved */
#define MAX_SPACES 4              /* mem_revoke */
#define SHOOT_SPACES SMP_SHOOT_CPUS  /* shootdown_*: bench's and one per other CPU */
#define MEM_VA     ((void *)0x80000000u)   /* 4 MiB aligned: every size fits one page table */
#define PAGE       4096u
#define RW         (MEM_R | MEM_W)
#define MAP_FLAGS  (RW | MAP_PT(BENCH_SLOT_UNTYPED))

static unsigned pages;          /* the frame size of the figure being timed */
static unsigned rights = RW;    /* mem_protect: the rights the page has now */
static int spaces[SHOOT_SPACES];  /* mem_revoke, shootdown_*: the spaces (0: bench's own) */
static unsigned nspaces;
static long errors;             /* every call's result, or-ed: 0 if all succeeded */

static void op_map_unmap(void)
{
	errors |= sys_mem_map(SLOT_FRAME, 0, MEM_VA, MAP_FLAGS);
	errors |= sys_mem_unmap(SLOT_FRAME, 0, MEM_VA);
}

static void op_protect(void)
{
	rights ^= MEM_W;
	errors |= sys_mem_protect(SLOT_FRAME, 0, MEM_VA, rights);
}

static void op_retype(void)
{
	errors |= sys_mem_retype(SLOT_POOL, SLOT_FRAME, MEM_FRAME, pages);
	errors |= sys_cap_delete(SLOT_FRAME);
}

static void op_cycle(void)
{
	errors |= sys_mem_retype(SLOT_POOL, SLOT_FRAME, MEM_FRAME, pages);
	errors |= sys_mem_map(SLOT_FRAME, 0, MEM_VA, MAP_FLAGS);
	errors |= sys_mem_unmap(SLOT_FRAME, 0, MEM_VA);
	errors |= sys_cap_delete(SLOT_FRAME);
}

static void op_revoke(void)
{
	errors |= sys_cap_mint(SLOT_FRAME, SLOT_CHILD, 0, RW);
	for (unsigned i = 0; i < nspaces; i++)
		errors |= sys_mem_map(SLOT_CHILD, spaces[i], MEM_VA, MAP_FLAGS);
	errors |= sys_cap_revoke(SLOT_FRAME);
}

static int fail(const char *what, long r)
{
	printf("bench: memory: %s: %s\n", what, r ? strerror(r) : "a step did not take effect");
	return 0;
}

static int info(unsigned slot, struct capinfo *ci)
{
	*ci = (struct capinfo){ .type = -1 };
	return sys_cap_info(slot, ci) == 0;
}

/* The pool has every page back: nothing carved from it is alive. */
static int pool_empty(const char *after)
{
	struct capinfo ci;
	if (info(SLOT_POOL, &ci) && ci.type == CAPT_UNTYPED && ci.badge == 0)
		return 1;
	printf("bench: memory: after %s the pool has %u pages carved, not 0\n", after, ci.badge);
	return 0;
}

/* slot holds a Frame of n pages through which `maps` mappings were made. */
static int frame_is(unsigned slot, unsigned n, unsigned maps)
{
	struct capinfo ci;
	return info(slot, &ci) && ci.type == CAPT_FRAME && ci.count == n && ci.object == maps;
}

/* Times op and prints it as name_<n>, with its IPIs if ipis, if it made no error. */
static int timed(const struct bench_cfg *c, const char *name, unsigned n, bench_op op, int ipis)
{
	char full[40];
	struct bench_stats s;
	fmt_snprintf(full, sizeof(full), "%s_%u", name, n);
	errors = 0;
	bench_measure(c, op, 1, &s);
	uint32_t ipis100 = ipis ? bench_ipis_per_op(op) : 0;
	if (errors)
		return fail(full, errors);
	if (ipis)
		bench_print_ipis(c, full, &s, ipis100);
	else
		bench_print(c, full, &s);
	return 1;
}

/*
 * One map step by step: the frame's pages are there, zeroed, writable,
 * and counted as one mapping; gone from the count after the unmap.
 */
static int map_checked(unsigned n)
{
	volatile uint32_t *last = (volatile uint32_t *)((char *)MEM_VA + (n - 1) * PAGE);
	long r = sys_mem_map(SLOT_FRAME, 0, MEM_VA, MAP_FLAGS);
	if (r)
		return fail("mem_map", r);
	int ok = frame_is(SLOT_FRAME, n, 1) && *last == 0;
	*last = 0xB0A710AD;
	ok &= *last == 0xB0A710AD;
	r = sys_mem_unmap(SLOT_FRAME, 0, MEM_VA);
	if (r || !ok || !frame_is(SLOT_FRAME, n, 0))
		return fail("mem_map, then mem_unmap, checked", r);
	return 1;
}

static long new_frame(unsigned n)
{
	long r = sys_mem_retype(SLOT_POOL, SLOT_FRAME, MEM_FRAME, n);
	return r ? r : frame_is(SLOT_FRAME, n, 0) ? 0 : -E_STATE;
}

/* mem_map_unmap_<n>: one frame of n pages, mapped and unmapped again. */
static int map_figure(const struct bench_cfg *c, unsigned n)
{
	long r = new_frame(n);
	if (r)
		return fail("mem_retype", r);
	int ok = map_checked(n) && timed(c, "mem_map_unmap", n, op_map_unmap, 0);
	ok &= frame_is(SLOT_FRAME, n, 0);
	return (sys_cap_delete(SLOT_FRAME) == 0) & ok & pool_empty("mem_map_unmap");
}

static int protect_figure(const struct bench_cfg *c)
{
	struct bench_stats s;
	long r = new_frame(1);
	if (!r)
		r = sys_mem_map(SLOT_FRAME, 0, MEM_VA, MAP_FLAGS);
	if (r)
		return fail("mem_protect's mapping", r);
	rights = RW;
	errors = 0;
	bench_measure(c, op_protect, 1, &s);
	if (!errors)
		bench_print(c, "mem_protect", &s);
	int ok = !errors && frame_is(SLOT_FRAME, 1, 1);
	ok &= sys_mem_unmap(SLOT_FRAME, 0, MEM_VA) == 0;
	ok &= sys_cap_delete(SLOT_FRAME) == 0;
	return (ok || fail("mem_protect", errors)) & pool_empty("mem_protect");
}

/* One retype and delete step by step: the pool counts the pages, then has them back. */
static int carve_checked(unsigned n)
{
	struct capinfo ci;
	long r = new_frame(n);
	int ok = !r && info(SLOT_POOL, &ci) && ci.badge == n;
	ok &= sys_cap_delete(SLOT_FRAME) == 0;
	if (!ok || !pool_empty("one retype and delete"))
		return fail("mem_retype, then cap_delete, checked", r);
	return 1;
}

/* mem_retype_<n> or mem_cycle_<n>: each begins and ends with an empty pool. */
static int carve_figure(const struct bench_cfg *c, const char *name, unsigned n, bench_op op)
{
	pages = n;
	return carve_checked(n) && timed(c, name, n, op, 0) && pool_empty(name);
}

/*
 * The revoke's n targets: bench itself, then suspended children ("bench
 * grantee"), or, if live, children spinning each on CPU i.
 */
static int start_spaces(unsigned n, int live)
{
	spaces[0] = 0;
	for (unsigned i = 1; i < n; i++) {
		spaces[i] = live ? smp_spawn_on("spinner", (int)i, SMP_RUNNING)
				 : spawn_flags("bench", "grantee", SPAWN_SUSPENDED);
		if (spaces[i] < 0)
			return fail("spawn a target space", spaces[i]);
	}
	return 1;
}

static void stop_spaces(unsigned n)
{
	for (unsigned i = 1; i < n; i++)
		smp_stop(spaces[i]);
}

/*
 * name_<k> (mem_revoke, shootdown_*): checked once (k mappings through the
 * child cap, none left and the child cap gone after the revoke), then timed.
 */
static int revoke_figure(const struct bench_cfg *c, const char *name, unsigned k, int ipis)
{
	struct capinfo ci;
	nspaces = k;
	errors = sys_cap_mint(SLOT_FRAME, SLOT_CHILD, 0, RW);
	for (unsigned i = 0; i < k; i++)
		errors |= sys_mem_map(SLOT_CHILD, spaces[i], MEM_VA, MAP_FLAGS);
	int ok = !errors && frame_is(SLOT_CHILD, 1, k);
	ok &= sys_cap_revoke(SLOT_FRAME) == 0 && info(SLOT_CHILD, &ci) && ci.type == CAPT_NULL;
	ok &= frame_is(SLOT_FRAME, 1, 0);
	if (!ok)
		return fail("mem_revoke, checked", errors);
	return timed(c, name, k, op_revoke, ipis) && frame_is(SLOT_FRAME, 1, 0);
}

static int revoke_figures(const struct bench_cfg *c)
{
	long r = new_frame(1);
	if (r)
		return fail("mem_revoke's frame", r);
	int ok = start_spaces(MAX_SPACES, 0);
	for (unsigned k = 1; ok && k <= MAX_SPACES; k *= 2)
		ok = revoke_figure(c, "mem_revoke", k, 0);
	stop_spaces(MAX_SPACES);
	ok &= sys_cap_delete(SLOT_FRAME) == 0;
	return ok & pool_empty("mem_revoke");
}

/*
 * shootdown_live_<k>, then shootdown_parked_<k> (k = 1, 2, 4, 8): a frame
 * mapped in k spaces, bench's (on CPU 0) and k - 1 children on CPUs
 * 1..k-1, spinning (live: each unmap waits for that CPU's ack) or
 * suspended (parked: the same work without the IPIs).
 */
static int shootdown_figures(const struct bench_cfg *c)
{
	static const char *const names[] = { "shootdown_parked", "shootdown_live" };
	long r = new_frame(1);
	if (r)
		return fail("the shootdown's frame", r);
	int ok = 1;
	for (int live = 1; ok && live >= 0; live--) {
		ok = start_spaces(SHOOT_SPACES, live);
		for (unsigned k = 1; ok && k <= SHOOT_SPACES; k *= 2)
			ok = revoke_figure(c, names[live], k, 1);
		stop_spaces(SHOOT_SPACES);
	}
	ok &= sys_cap_delete(SLOT_FRAME) == 0;
	return ok & pool_empty("shootdown");
}

/*
 * The pool, starting a word of the kernel's bitmap of carved pages (32
 * pages): where bench's Untyped starts follows the size of every boot
 * module (kernel/mm/kmem.c gives it half the free frames), and a carve
 * that crosses a word of that bitmap costs more, so an unaligned pool
 * made mem_retype_16 move by 83 with the size of an unrelated program.
 * A pad carved first, and given back once the pool is carved, fixes it.
 */
static long carve_pool(void)
{
	struct capinfo ci;
	if (!info(BENCH_SLOT_UNTYPED, &ci) || ci.type != CAPT_UNTYPED)
		return -E_TYPE;
	unsigned pad = (POOL_ALIGN - ci.base / PAGE % POOL_ALIGN) % POOL_ALIGN;
	long r = pad ? sys_mem_retype(BENCH_SLOT_UNTYPED, SLOT_PAD, MEM_UNTYPED, pad) : 0;
	if (!r)
		r = sys_mem_retype(BENCH_SLOT_UNTYPED, SLOT_POOL, MEM_UNTYPED, POOL_PAGES);
	if (pad)
		r = r ? r : sys_cap_delete(SLOT_PAD);
	if (!r && (!info(SLOT_POOL, &ci) || ci.base / PAGE % POOL_ALIGN)) {
		printf("bench: memory: the pool starts at 0x%x, not at a multiple of %u pages\n", ci.base,
		       POOL_ALIGN);
		r = -E_RANGE;
	}
	return r;
}

/* figures(c) with the pool carved from bench's Untyped, and given back after. */
static int with_pool(const struct bench_cfg *c, int (*figures)(const struct bench_cfg *))
{
	long r = carve_pool();
	if (r)
		return fail("carve the pool from bench's Untyped", r);
	int ok = pool_empty("carving the pool") && figures(c);
	return (sys_cap_delete(SLOT_POOL) == 0) & ok;
}

int memory_shootdown_figures(const struct bench_cfg *c)
{
	return with_pool(c, shootdown_figures);
}

static int all_figures(const struct bench_cfg *c)
{
	static const unsigned sizes[] = { 1, 4, 16, 64 };
	int ok = 1;
	for (unsigned i = 0; ok && i < ARRAY_SIZE(sizes); i++)
		ok = map_figure(c, sizes[i]);
	ok = ok && protect_figure(c);
	for (unsigned i = 0; ok && i < ARRAY_SIZE(sizes); i++)
		ok = carve_figure(c, "mem_retype", sizes[i], op_retype);
	for (unsigned i = 0; ok && i < ARRAY_SIZE(sizes); i++)
		ok = carve_figure(c, "mem_cycle", sizes[i], op_cycle);
	return ok && revoke_figures(c);
}

int memory_figures(const struct bench_cfg *c)
{
	return with_pool(c, all_figures);
}
