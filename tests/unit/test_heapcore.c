/*
 * test_heapcore.c - user/lib/heapcore.c, malloc's core: random
 * alloc/free/realloc against a model (every live block's bytes, checked on
 * the way out), the heap's own walk after every step, growth only on
 * demand, refusals of bad pointers and double frees, and the heap whole
 * again once everything is freed.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tests/unit/unit.h"
#include "user/lib/heapcore.h"

#define ARENA   (1u << 20)
#define LIVE    128

static _Alignas(16) unsigned char arena[ARENA];
static size_t arena_limit;      /* the callback makes memory up to here */
static unsigned grows;
static size_t grow_step;         /* the callback's granule, like a page */

static size_t grow_cb(struct heap *h, size_t want)
{
	size_t got = (want + grow_step - 1) / grow_step * grow_step;
	size_t used = h->top - (uintptr_t)arena;
	if (used + got > arena_limit)
		return 0;
	grows++;
	return got;
}

static struct heap h;

static void fresh(size_t limit, size_t step)
{
	arena_limit = limit;
	grow_step = step;
	grows = 0;
	heap_init(&h, (uintptr_t)arena, (uintptr_t)arena + ARENA, grow_cb, 0);
}

struct live {
	unsigned char *p;
	size_t n;
	unsigned char fill;
};

static void check_heap(void)
{
	struct heap_stats s;
	ck_assert_int_eq(heap_check(&h, &s), 0);
	ck_assert_uint_eq(s.used_bytes + s.free_bytes, h.top - h.base);
}

static void check_contents(const struct live *l)
{
	size_t i = 0;
	while (i < l->n && l->p[i] == (unsigned char)(l->fill + i))
		i++;
	ck_assert_msg(i == l->n, "block %p byte %zu changed", (void *)l->p, i);
}

/* No two live blocks overlap, and each lies inside the heap. */
static void check_disjoint(const struct live *v, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		ck_assert((uintptr_t)v[i].p >= h.base && (uintptr_t)v[i].p + v[i].n <= h.top);
		ck_assert_uint_eq((uintptr_t)v[i].p % HEAP_ALIGN, 0);
		ck_assert_uint_ge(heap_usable(&h, v[i].p), v[i].n);
		for (unsigned j = i + 1; j < n; j++)
			ck_assert(v[i].p + heap_usable(&h, v[i].p) <= v[j].p ||
				  v[j].p + heap_usable(&h, v[j].p) <= v[i].p);
	}
}

static size_t random_size(void)
{
	switch (rand() % 4) {
	case 0: return (size_t)(rand() % 16);
	case 1: return (size_t)(rand() % 256);
	case 2: return (size_t)(rand() % 4096);
	default: return (size_t)(rand() % 12000);
	}
}

static void fill(struct live *l)
{
	l->fill = (unsigned char)rand();
	for (size_t i = 0; i < l->n; i++)
		l->p[i] = (unsigned char)(l->fill + i);
}

START_TEST(test_random_against_model)
{
	struct live v[LIVE];
	unsigned n = 0;
	srand(0x5EED + (unsigned)_i);
	fresh(ARENA, 4096);
	for (int step = 0; step < 2000; step++) {
		int op = rand() % 8;
		if (n && (op < 3 || n == LIVE)) {          /* free one */
			unsigned k = (unsigned)rand() % n;
			check_contents(&v[k]);
			ck_assert_int_eq(heap_free(&h, v[k].p), 0);
			v[k] = v[--n];
		} else if (n && op == 3) {                 /* realloc one */
			unsigned k = (unsigned)rand() % n;
			size_t to = random_size();
			check_contents(&v[k]);
			unsigned char *q = heap_realloc(&h, v[k].p, to);
			if (!q) {                              /* out of room: the old block stays */
				check_contents(&v[k]);
				continue;
			}
			size_t keep = to < v[k].n ? to : v[k].n;
			v[k].p = q;
			v[k].n = keep;
			check_contents(&v[k]);
			v[k].n = to;
			fill(&v[k]);
		} else {                                   /* allocate */
			struct live l = { 0, random_size(), 0 };
			l.p = op == 4 ? heap_calloc(&h, 1, l.n) : heap_alloc(&h, l.n);
			if (!l.p)
				continue;
			for (size_t i = 0; op == 4 && i < l.n; i++)
				ck_assert_uint_eq(l.p[i], 0);
			fill(&l);
			v[n++] = l;
		}
		check_heap();
		if (step % 64 == 0)
			check_disjoint(v, n);
	}
	check_disjoint(v, n);
	while (n) {
		check_contents(&v[n - 1]);
		ck_assert_int_eq(heap_free(&h, v[--n].p), 0);
	}
	/* Everything freed: one free block, the whole heap. */
	struct heap_stats s;
	ck_assert_int_eq(heap_check(&h, &s), 0);
	ck_assert_uint_eq(s.used_blocks, 0);
	ck_assert_uint_eq(s.free_blocks, 1);
	ck_assert_uint_eq(s.free_bytes, h.top - h.base);
}
END_TEST

START_TEST(test_grows_only_when_needed)
{
	fresh(ARENA, 4096);
	ck_assert_uint_eq(h.top, h.base);
	void *a = heap_alloc(&h, 100);
	ck_assert_ptr_nonnull(a);
	ck_assert_uint_eq(grows, 1);
	ck_assert_uint_eq(h.top - h.base, 4096);
	/* Fits in what the first growth made. */
	void *b = heap_alloc(&h, 1000);
	ck_assert_uint_eq(grows, 1);
	/* Needs more: only the part the free block at the top lacks is asked for. */
	void *c = heap_alloc(&h, 5000);
	ck_assert_ptr_nonnull(c);
	ck_assert_uint_eq(grows, 2);
	ck_assert_uint_eq(h.top - h.base, 8192);
	heap_free(&h, a);
	heap_free(&h, b);
	heap_free(&h, c);
	void *d = heap_alloc(&h, 8000);     /* the merged blocks hold it */
	ck_assert_ptr_nonnull(d);
	ck_assert_uint_eq(grows, 2);
	check_heap();
}
END_TEST

START_TEST(test_out_of_memory)
{
	fresh(16384, 4096);
	void *a = heap_alloc(&h, 12000);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_null(heap_alloc(&h, 8000));
	ck_assert_ptr_null(heap_alloc(&h, SIZE_MAX));
	ck_assert_ptr_null(heap_alloc(&h, SIZE_MAX - 8));
	ck_assert_ptr_null(heap_calloc(&h, SIZE_MAX / 2, 4));
	ck_assert_ptr_null(heap_calloc(&h, 65536, 65536));
	/* realloc that cannot grow leaves the block as it was. */
	memset(a, 0x5A, 12000);
	ck_assert_ptr_null(heap_realloc(&h, a, 100000));
	for (int i = 0; i < 12000; i++)
		ck_assert_uint_eq(((unsigned char *)a)[i], 0x5A);
	check_heap();
	/* A heap with no callback never grows. */
	heap_init(&h, (uintptr_t)arena, (uintptr_t)arena + ARENA, 0, 0);
	ck_assert_ptr_null(heap_alloc(&h, 1));
	/* Nor past its end, whatever the callback could do. */
	fresh(ARENA, 4096);
	h.end = h.base + 8192;
	ck_assert_ptr_null(heap_alloc(&h, 10000));
	ck_assert_ptr_nonnull(heap_alloc(&h, 6000));
}
END_TEST

START_TEST(test_bad_pointers_refused)
{
	fresh(ARENA, 4096);
	char *a = heap_alloc(&h, 64), *b = heap_alloc(&h, 64);
	ck_assert_int_eq(heap_free(&h, 0), 0);
	ck_assert_int_eq(heap_free(&h, a + 1), -1);
	ck_assert_int_eq(heap_free(&h, a + HEAP_ALIGN), -1);
	ck_assert_int_eq(heap_free(&h, arena + ARENA - 64), -1);
	ck_assert_int_eq(heap_free(&h, (void *)&h), -1);
	ck_assert_int_eq(heap_free(&h, a), 0);
	ck_assert_int_eq(heap_free(&h, a), -1);     /* double free */
	ck_assert_ptr_null(heap_realloc(&h, a, 10));
	ck_assert_uint_eq(heap_usable(&h, a), 0);
	check_heap();
	ck_assert_int_eq(heap_free(&h, b), 0);
	ck_assert_int_eq(heap_free(&h, b), -1);
	check_heap();
}
END_TEST

START_TEST(test_realloc_in_place)
{
	fresh(ARENA, 4096);
	char *a = heap_alloc(&h, 100);
	char *b = heap_alloc(&h, 100);
	ck_assert_ptr_eq(heap_realloc(&h, a, 40), a);       /* shrinks in place */
	ck_assert_int_eq(heap_free(&h, b), 0);
	memset(a, 7, 40);
	ck_assert_ptr_eq(heap_realloc(&h, a, 1000), a);     /* takes the free block after it */
	for (int i = 0; i < 40; i++)
		ck_assert_uint_eq(a[i], 7);
	ck_assert_ptr_nonnull(heap_realloc(&h, 0, 10));
	check_heap();
}
END_TEST

START_TEST(test_zero_and_alignment)
{
	fresh(ARENA, 4096);
	void *a = heap_alloc(&h, 0), *b = heap_alloc(&h, 0);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_ne(a, b);
	for (size_t n = 1; n < 100; n++) {
		void *p = heap_alloc(&h, n);
		ck_assert_uint_eq((uintptr_t)p % HEAP_ALIGN, 0);
	}
	check_heap();
}
END_TEST

Suite *unit_suite(void)
{
	Suite *s = suite_create("heapcore");
	TCase *tc = tcase_create("heapcore");
	tcase_set_timeout(tc, 30);    /* the random runs check every byte, under the sanitizers */
	tcase_add_loop_test(tc, test_random_against_model, 0, 4);
	tcase_add_test(tc, test_grows_only_when_needed);
	tcase_add_test(tc, test_out_of_memory);
	tcase_add_test(tc, test_bad_pointers_refused);
	tcase_add_test(tc, test_realloc_in_place);
	tcase_add_test(tc, test_zero_and_alignment);
	suite_add_tcase(s, tc);
	return s;
}
