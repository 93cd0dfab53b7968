/*
 * fuzzrand.c - the fuzzer's deterministic generator and its argument
 * shapes.  xorshift32 (Marsaglia 2003): one word of state, no
 * multiplications on the hot path, reproducible from the seed alone.  The
 * seed goes through a murmur3 finaliser first so that neighbouring seeds,
 * workers and incarnations start far apart.  Pure C: host-tested
 * (tests/unit/test_fuzzrand.c).
 */
#include "user/fuzz/fuzz.h"
#include "abi/ipc.h"
#include "kernel/mm/vm.h"
#include "lib/mix32.h"

void rng_seed(struct rng *r, uint32_t seed, uint32_t stream, uint32_t incarnation)
{
	r->s = mix32(mix32(seed) ^ mix32(stream * 0x9E3779B9u + 1) ^ mix32(incarnation * 0x7F4A7C15u + 2));
	if (!r->s)
		r->s = 0x6D2B79F5u;
}

uint32_t rng_next(struct rng *r)
{
	uint32_t x = r->s;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return r->s = x;
}

uint32_t rng_below(struct rng *r, uint32_t n)
{
	return n ? rng_next(r) % n : 0;
}

int rng_chance(struct rng *r, uint32_t num, uint32_t den)
{
	return rng_below(r, den) < num;
}

/* Values where off-by-one and overflow checks live. */
static const uint32_t edges[] = {
	0, 1, 2, 0x7F, 0x80, 0xFF, 0x100, 0xFFF, 0x1000, 0x1001, 0xFFFF, 0x10000,
	0x7FFFFFFF, 0x80000000u, 0x80000001u, 0xFFFFFFFEu, 0xFFFFFFFFu, 0xFFFFF000u,
};

uint32_t gen_word(struct rng *r)
{
	switch (rng_below(r, 4)) {
	case 0: return edges[rng_below(r, sizeof(edges) / sizeof(edges[0]))];
	case 1: return rng_below(r, 64);
	case 2: return 1u << rng_below(r, 32);
	default: return rng_next(r);
	}
}

uint32_t gen_slot(struct rng *r)
{
	uint32_t p = rng_below(r, 100);
	if (p < 80)
		return rng_below(r, 32);
	if (p < 88)
		return 32 + rng_below(r, 8);
	if (p < 94)
		return IPC_CAP_MOVE | rng_below(r, 32);
	return gen_word(r);
}

uint32_t gen_len(struct rng *r)
{
	uint32_t p = rng_below(r, 100);
	if (p < 40)
		return rng_below(r, 64);
	if (p < 60)
		return rng_below(r, 4097);
	if (p < 70)
		return 0xFFFFFFFFu - rng_below(r, 4096);   /* near 2^32: the sum wraps */
	return gen_word(r);
}

uint32_t gen_ptr(struct rng *r, uint32_t good, uint32_t good_len)
{
	uint32_t k = rng_below(r, 16);
	switch (rng_below(r, 16)) {
	case 0: case 1: case 2: case 3: case 4:
		return good + rng_below(r, good_len ? good_len : 1);
	case 5: return 0;                                    /* null */
	case 6: return rng_below(r, 0x400000);               /* low kernel memory */
	case 7: return USER_BASE - 1 - k;                    /* crosses into user space from below */
	case 8: return USER_BASE + k;                        /* program text: read-only */
	case 9: return UTCB_ADDR + 4096 - 1 - k;             /* UTCB, crossing into its guard page */
	case 10: return UTCB_ADDR - 1 - k;                   /* guard page, crossing into the UTCB */
	case 11: return UTCB_ADDR - 4096 + rng_below(r, 4096); /* inside the guard below */
	case 12: return USER_END - 1 - k;                    /* stack top, crossing into the kernel */
	case 13: return USER_END + rng_below(r, 0x1000000);  /* above user space */
	case 14: return 0xFFFFFFFFu - k;                     /* wraps */
	default: return rng_next(r);
	}
}
