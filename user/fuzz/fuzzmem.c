/*
 * fuzzmem.c - the fuzzer's memory operations (issue 13, docs/memory.md):
 * retype, mint, map, unmap and protect with the worker's Untyped, Frame
 * and Mmio caps (WS_UNTYPED, WS_FRAME, WS_MMIO) or whatever its slots
 * hold, into its own space or a child's, at addresses inside, at the
 * edges of and outside user space; and now and then a touch of what it
 * mapped, through the kernel (write()) or the processor.  The raw-call
 * generator shapes the four memory calls with the same generators.
 */
#include "user/fuzz/fuzzops.h"
#include "user/lib/ulib.h"

#define PAGE       4096u
#define FZ_MAP_VA  0x60000000u    /* a region with no page table until one is paid for */
#define FZ_STACK_VA 0xBFC00000u   /* the stack's region: its page table exists */
#define FZ_MAP_PAGES 64u

/* A slot that is mostly one of the memory caps, else any. */
static uint32_t mem_slot(struct rng *r)
{
	switch (rng_below(r, 6)) {
	case 0: return WS_FRAME;
	case 1: return WS_MMIO;
	case 2: return WS_UNTYPED;
	case 3: return WS_FIRST_FREE + rng_below(r, 32 - WS_FIRST_FREE);
	case 4: return rng_below(r, 32);
	default: return gen_slot(r);
	}
}

uint32_t gen_va(struct rng *r)
{
	uint32_t k = rng_below(r, FZ_MAP_PAGES);
	switch (rng_below(r, 12)) {
	case 0: case 1: case 2: return FZ_MAP_VA + k * PAGE;
	case 3: case 4: case 5: return FZ_STACK_VA + k * PAGE;
	case 6: return FZ_MAP_VA + k * PAGE + 1 + rng_below(r, PAGE - 1);   /* unaligned */
	case 7: return 0x40000000u + k * PAGE;            /* text and data: mapped at spawn */
	case 8: return 0xC0000000u - PAGE * (1 + rng_below(r, 12));   /* stack, UTCB, guard */
	case 9: return rng_chance(r, 1, 2) ? 0x00100000u : 0xFEE00000u;   /* kernel, LAPIC */
	case 10: return 0xFFFFF000u - k * PAGE;           /* kernel half, wrapping */
	default: return rng_next(r);
	}
}

uint32_t gen_map_flags(struct rng *r)
{
	uint32_t rights = rng_chance(r, 7, 8) ? 1 + rng_below(r, 3) : rng_below(r, 256);
	uint32_t pt = rng_chance(r, 1, 2) ? WS_UNTYPED : rng_chance(r, 1, 2) ? 0xFFu : rng_below(r, 256);
	uint32_t f = rights | MAP_PT(pt);
	return rng_chance(r, 15, 16) ? f : f | (rng_next(r) & 0xFFFF0000u);
}

/* Our own space mostly; a child's, or anyone's, sometimes. */
static uint32_t mem_tid(struct rng *r)
{
	return rng_chance(r, 2, 3) ? 0 : gen_tid(r);
}

void fz_mem_shape(uint32_t nr, uint32_t *a)
{
	struct rng *r = &fz_rng;
	a[0] = mem_slot(r);
	switch (nr) {
	case SYS_mem_retype:
		if (rng_chance(r, 3, 4))
			a[0] = WS_UNTYPED;
		a[1] = rng_chance(r, 7, 8) ? WS_FIRST_FREE + rng_below(r, 32 - WS_FIRST_FREE) : gen_slot(r);
		a[2] = rng_chance(r, 7, 8) ? MEM_FRAME + rng_below(r, 2) * (MEM_UNTYPED - MEM_FRAME)
					   : gen_word(r);
		a[3] = rng_chance(r, 7, 8) ? 1 + rng_below(r, 4) : gen_len(r);
		break;
	case SYS_mem_map:
		if (rng_chance(r, 1, 2))      /* where retypes land */
			a[0] = WS_FIRST_FREE + rng_below(r, 32 - WS_FIRST_FREE);
		a[1] = mem_tid(r);
		a[2] = gen_va(r);
		a[3] = gen_map_flags(r);
		break;
	default:        /* unmap, protect */
		a[1] = mem_tid(r);
		a[2] = gen_va(r);
		a[3] = rng_chance(r, 7, 8) ? 1 + rng_below(r, 3) : gen_word(r);
	}
}

/* The last page we mapped writable ourselves, to touch: 0 if none. */
static uint32_t touch_va;
/* The last mapping we made in our own space, and through which slot. */
static uint32_t last_va, last_slot;

static void touch(void)
{
	if (!touch_va)
		return;
	if (rng_chance(&fz_rng, 15, 16)) {
		/* The kernel writes it (copyout): E_FAULT if it is gone or read-only now. */
		fz_call(SYS_cap_info, WS_FRAME, touch_va, 0, 0);
		return;
	}
	/* The processor: a fault here (someone revoked it meanwhile) restarts us. */
	*(volatile uint32_t *)(uintptr_t)touch_va += 1;
}

void op_mem(void)
{
	struct rng *r = &fz_rng;
	uint32_t a[4];
	uint32_t nr;
	switch (rng_below(r, 10)) {
	case 0: case 1: nr = SYS_mem_retype; break;
	case 2: case 3: case 4: nr = SYS_mem_map; break;
	case 5: nr = SYS_mem_unmap; break;
	case 6: nr = SYS_mem_protect; break;
	case 7:
		fz_call(SYS_cap_mint, mem_slot(r), WS_FIRST_FREE + rng_below(r, 32 - WS_FIRST_FREE),
			rng_chance(r, 1, 2) ? MEM_SUB(rng_below(r, 10), rng_below(r, 10)) : gen_word(r),
			rng_below(r, 8));
		return;
	default:
		touch();
		return;
	}
	fz_mem_shape(nr, a);
	/* Half the unmaps and protects name a mapping we made: they get past the lookup. */
	if ((nr == SYS_mem_unmap || nr == SYS_mem_protect) && last_va && rng_chance(r, 1, 2)) {
		a[0] = last_slot;
		a[1] = 0;
		a[2] = last_va;
	}
	long res = fz_call(nr, a[0], a[1], a[2], a[3]);
	if (res == 0 && nr == SYS_mem_map && a[1] == 0) {
		last_slot = a[0];
		last_va = a[2];
	}
	if (res == 0 && a[1] == 0 && (nr == SYS_mem_map || nr == SYS_mem_protect) &&
	    (a[3] & (MEM_R | MEM_W)) == (MEM_R | MEM_W))
		touch_va = a[2];
	else if (res == 0 && a[1] == 0 && a[2] == touch_va)
		touch_va = 0;                  /* unmapped, or protected read-only */
}
