/*
 * test_iocap_iotss.c - the per-CPU TSS bitmap switch the kernel runs at every
 * task switch: after any sequence of switches, rebuilds (revokes) and slot
 * reuse, the TSS equals the running holder's bitmap byte for byte; tasks
 * without ports leave it untouched; a current copy is not rewritten and a
 * stale one (older version, same owner) always is.  A view lists the few
 * words its bitmap opens, a switch between two such views touches only
 * their words, and whatever path a switch took, the TSS's record of what
 * it holds covers every byte that is not 0xFF.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "iocap/iotss.h"

#define NTASKS 6

struct ftask {
	uint8_t bm[IOBITMAP_BYTES] __attribute__((aligned(4)));
	struct iobm_view v;
};

static uint8_t tss[IOBITMAP_BYTES] __attribute__((aligned(4)));
static uint8_t shared[IOBITMAP_BYTES] __attribute__((aligned(4)));
static struct iotss s;
static struct ftask tasks[NTASKS];
static uint32_t version_seq;

static void setup(void)
{
	memset(tss, 0xFF, sizeof(tss));
	memset(shared, 0xA5, sizeof(shared));   /* written before its first use */
	iotss_init(&s, tss, shared);
	version_seq = 0;
	memset(tasks, 0, sizeof(tasks));
}

/* Rebuilds t from n caps, as the kernel does after any capability change. */
static void grant(struct ftask *t, const struct ioports *caps, int n)
{
	struct iobitmap_extent ext;
	iobitmap_build(t->bm, caps, n, &ext);
	iotss_view_init(&t->v, ++version_seq, t->bm, ext, caps, n);
}

static struct ioports cap(uint32_t base, uint32_t count)
{
	struct ioports c;
	ck_assert_int_eq(ioports_make(base, count, IOR_ALL, &c), 0);
	return c;
}

static void grant1(struct ftask *t, uint32_t base, uint32_t count)
{
	struct ioports c = cap(base, count);
	grant(t, &c, 1);
}

/*
 * One switch; eager as the kernel's iobitmap=eager makes a view (never
 * trusted as current, copied whole), for this switch only.
 */
static enum iotss_mode switch_to(const struct iobm_view *v, bool eager)
{
	if (!eager)
		return iotss_switch(&s, v);
	struct iobm_view e = *v;
	iotss_view_eager(&e);
	return iotss_switch(&s, &e);
}

static void assert_tss_is(const uint8_t *want)
{
	for (uint32_t i = 0; i < IOBITMAP_BYTES; i++)
		if (tss[i] != want[i])
			ck_abort_msg("tss byte %u is 0x%02x, want 0x%02x", i, tss[i], want[i]);
}

/*
 * What the TSS records it holds (a list of words, or an extent) covers
 * every byte that is not 0xFF: the next switch restores only that.
 */
static void assert_record_covers_tss(void)
{
	static uint8_t covered[IOBITMAP_BYTES];
	memset(covered, 0, sizeof(covered));
	if (s.nopen == IOTSS_MANY) {
		ck_assert_uint_le(s.loaded.hi, IOBITMAP_BYTES);
		if (s.loaded.lo < s.loaded.hi)
			memset(covered + s.loaded.lo, 1, s.loaded.hi - s.loaded.lo);
	} else {
		ck_assert_uint_le(s.nopen, IOTSS_WORDS);
		for (uint32_t i = 0; i < s.nopen; i++) {
			ck_assert_uint_lt(s.open[i], IOBITMAP_BYTES / 4);
			memset(covered + s.open[i] * 4u, 1, 4);
		}
	}
	for (uint32_t i = 0; i < IOBITMAP_BYTES; i++)
		if (!covered[i] && tss[i] != 0xFF)
			ck_abort_msg("tss byte %u is 0x%02x outside what the TSS records (%u open)", i, tss[i],
				     s.nopen);
}

/* The 32-bit words of bm that are not all-deny, counted the slow way. */
static uint32_t open_words(const uint8_t *bm, uint32_t *out, uint32_t max)
{
	uint32_t n = 0;
	for (uint32_t w = 0; w < IOBITMAP_BYTES / 4; w++) {
		uint32_t v;
		memcpy(&v, bm + w * 4, 4);
		if (v != 0xFFFFFFFFu && n++ < max)
			out[n - 1] = w;
	}
	return n;
}

/*
 * v lists every open word of bm, each once (a word of the extent that is
 * all-deny may be on the list too); or says IOTSS_MANY, which it may only
 * when the extent spans more than IOTSS_WORDS words.
 */
static void assert_view_lists(const struct iobm_view *v)
{
	uint32_t open[IOTSS_WORDS];
	uint32_t n = open_words(v->bm, open, IOTSS_WORDS);
	if (iobitmap_extent_empty(&v->ext)) {
		ck_assert_uint_eq(v->nwords, 0);
		return;
	}
	uint32_t first = v->ext.lo / 4, last = (v->ext.hi - 1) / 4;
	if (v->nwords == IOTSS_MANY) {
		ck_assert_uint_ge(last - first, IOTSS_WORDS);
		return;
	}
	ck_assert_uint_ge(v->nwords, 1);
	ck_assert_uint_le(v->nwords, IOTSS_WORDS);
	ck_assert_uint_le(n, v->nwords);
	for (uint32_t i = 0; i < v->nwords; i++) {
		ck_assert_uint_ge(v->words[i], first);
		ck_assert_uint_le(v->words[i], last);
		for (uint32_t j = 0; j < i; j++)
			ck_assert_uint_ne(v->words[i], v->words[j]);
	}
	for (uint32_t k = 0; k < n; k++) {
		uint32_t i = 0;
		while (i < v->nwords && v->words[i] != open[k])
			i++;
		ck_assert_msg(i < v->nwords, "open word %u is not on the list", open[k]);
	}
}

START_TEST(no_ports_writes_nothing)
{
	grant(&tasks[0], 0, 0);
	ck_assert(!switch_to(&tasks[0].v, false));
	ck_assert(!switch_to(&tasks[0].v, true));
	ck_assert_uint_eq(s.loads, 0);
	uint8_t ff[IOBITMAP_BYTES];
	memset(ff, 0xFF, sizeof(ff));
	assert_tss_is(ff);
}
END_TEST

START_TEST(holder_then_none_then_holder_loads_once)
{
	grant1(&tasks[0], 0x2F8, 8);
	grant(&tasks[1], 0, 0);
	ck_assert(switch_to(&tasks[0].v, false));
	assert_tss_is(tasks[0].bm);
	ck_assert(!switch_to(&tasks[1].v, false));
	ck_assert(switch_to(&tasks[0].v, false));
	ck_assert_uint_eq(s.loads, 1);
	assert_tss_is(tasks[0].bm);
}
END_TEST

START_TEST(revoke_is_never_served_from_a_stale_copy)
{
	grant1(&tasks[0], 0x60, 5);
	ck_assert(switch_to(&tasks[0].v, false));
	/* Same owner, narrower grant (a revoke): the old copy must not survive. */
	grant1(&tasks[0], 0x60, 1);
	ck_assert(switch_to(&tasks[0].v, false));
	ck_assert_uint_eq(s.loads, 2);
	assert_tss_is(tasks[0].bm);
	ck_assert(!iobitmap_allows(tss, 0x64, 1));
	/* Everything revoked: no ports at all, and the TSS is not consulted. */
	grant(&tasks[0], 0, 0);
	ck_assert(!switch_to(&tasks[0].v, false));
}
END_TEST

START_TEST(wide_to_narrow_leaks_nothing)
{
	grant1(&tasks[0], 0, IOPORTS_SPACE);
	grant1(&tasks[1], 0xFFFF, 1);
	ck_assert(switch_to(&tasks[0].v, false));
	ck_assert(switch_to(&tasks[1].v, false));
	assert_tss_is(tasks[1].bm);
	ck_assert(!iobitmap_allows(tss, 0, 1));
	ck_assert(iobitmap_allows(tss, 0xFFFF, 1));
}
END_TEST

START_TEST(eager_then_lazy_restores_everything)
{
	grant1(&tasks[0], 0, IOPORTS_SPACE);
	grant1(&tasks[1], 0x1F0, 8);
	ck_assert(switch_to(&tasks[0].v, true));
	assert_tss_is(tasks[0].bm);
	ck_assert(switch_to(&tasks[1].v, false));
	assert_tss_is(tasks[1].bm);
	/* Eager never trusts the version record: each switch is a full copy. */
	ck_assert(switch_to(&tasks[1].v, true));
	ck_assert(switch_to(&tasks[1].v, true));
	ck_assert_uint_eq(s.loads, 4);
	assert_tss_is(tasks[1].bm);
}
END_TEST

/*
 * The kernel's #GP path asks whether the TSS lags the task (its
 * version, kernel/object/taskio.c:task_io_stale) and, if so, reloads and
 * retries.  An eager copy that recorded no version looked stale
 * for ever: a task that touched a port it did not hold under
 * iobitmap=eager retried the instruction without end.
 */
START_TEST(eager_copy_records_its_holder)
{
	grant1(&tasks[1], 0x1F0, 8);
	ck_assert(switch_to(&tasks[1].v, true));
	ck_assert_uint_eq(s.version, tasks[1].v.version);
}
END_TEST

/*
 * The one-word short path: grants that fit a 32-bit word of the bitmap and
 * grants that straddle two, at every port offset near the start of the
 * space, alternating with one-word holders near and far and a wide one.
 */
START_TEST(word_sized_grants_at_every_offset)
{
	static const uint32_t counts[] = { 1, 7, 8, 9, 24, 31, 32, 33, 40, 64, 65 };
	static const int order[] = { 0, 1, 0, 3, 0, 2 };
	grant1(&tasks[1], 0x2F8, 8);
	grant1(&tasks[2], 0x100, 0x300);
	grant1(&tasks[3], 0x8, 4);
	for (uint32_t base = 0; base < 0x140; base++)
		for (unsigned i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
			grant1(&tasks[0], base, counts[i]);
			for (unsigned k = 0; k < sizeof(order) / sizeof(order[0]); k++) {
				struct ftask *t = &tasks[order[k]];
				ck_assert(switch_to(&t->v, false));
				assert_tss_is(t->bm);
				assert_record_covers_tss();
			}
		}
}
END_TEST

/* t holds the ports of drivers.conf's ATA driver: two blocks, words 15 and 31. */
static void grant_ata(struct ftask *t)
{
	struct ioports c[2] = { cap(0x1F0, 8), cap(0x3F6, 1) };
	grant(t, c, 2);
}

/* ... and the floppy's: 0x3F0-0x3F5 and 0x3F7, both in word 31. */
static void grant_fdc(struct ftask *t)
{
	struct ioports c[2] = { cap(0x3F0, 6), cap(0x3F7, 1) };
	grant(t, c, 2);
}

static void assert_words(const struct iobm_view *v, uint32_t n, uint32_t w0, uint32_t w1, uint32_t w2)
{
	const uint32_t want[3] = { w0, w1, w2 };
	ck_assert_uint_eq(v->nwords, n);
	for (uint32_t i = 0; i < n && i < 3; i++)
		ck_assert_uint_eq(v->words[i], want[i]);
}

/* The words a view lists: found once when the bitmap is built, not at the switch. */
START_TEST(view_lists_the_open_words)
{
	grant_ata(&tasks[0]);
	assert_words(&tasks[0].v, 2, 15, 31, 0);
	grant_fdc(&tasks[0]);
	assert_words(&tasks[0].v, 1, 31, 0, 0);
	grant1(&tasks[0], 0x1000, 64);                  /* aligned: two words */
	assert_words(&tasks[0].v, 2, 128, 129, 0);
	grant1(&tasks[0], 0x1010, 64);                  /* unaligned: three */
	assert_words(&tasks[0].v, 3, 128, 129, 130);
	grant1(&tasks[0], 0x1000, 4 * 32);              /* four */
	ck_assert_uint_eq(tasks[0].v.nwords, 4);
	grant1(&tasks[0], 0x1000, 4 * 32 + 1);          /* five: the extent path */
	ck_assert_uint_eq(tasks[0].v.nwords, IOTSS_MANY);
	grant1(&tasks[0], 0xFFFF, 1);
	assert_words(&tasks[0].v, 1, IOBITMAP_BYTES / 4 - 1, 0, 0);
	/* Words 128 and 130 open, 129 not: an extent of three words is listed whole. */
	struct ioports gap[2] = { cap(0x1000, 1), cap(0x1040, 1) };
	grant(&tasks[0], gap, 2);
	assert_words(&tasks[0].v, 3, 128, 129, 130);
	assert_view_lists(&tasks[0].v);
	/* Five words apart: the caps' words, not the extent's. */
	struct ioports gap5[2] = { cap(0x1000, 1), cap(0x10A0, 1) };
	grant(&tasks[0], gap5, 2);
	assert_words(&tasks[0].v, 2, 128, 133, 0);
	/* A word two caps share is listed once. */
	struct ioports twice[2] = { cap(0x2F8, 8), cap(0x2FC, 2) };
	grant(&tasks[0], twice, 2);
	assert_words(&tasks[0].v, 1, 23, 0, 0);
	/* Two ports at the ends of the space: two words, however far apart. */
	struct ioports far[2] = { cap(0, 1), cap(0xFFFF, 1) };
	grant(&tasks[0], far, 2);
	assert_words(&tasks[0].v, 2, 0, IOBITMAP_BYTES / 4 - 1, 0);
	/* Five blocks of one port: five words, the extent path. */
	struct ioports five[5] = { cap(0x100, 1), cap(0x200, 1), cap(0x300, 1), cap(0x400, 1), cap(0x500, 1) };
	grant(&tasks[0], five, 5);
	ck_assert_uint_eq(tasks[0].v.nwords, IOTSS_MANY);
	/* The whole space: one cap over 2048 words. */
	grant1(&tasks[0], 0, IOPORTS_SPACE);
	ck_assert_uint_eq(tasks[0].v.nwords, IOTSS_MANY);
	grant(&tasks[0], 0, 0);
	ck_assert_uint_eq(tasks[0].v.nwords, 0);
	/* A cap that opens nothing lists nothing either. */
	struct ioports ro;
	ck_assert_int_eq(ioports_make(0x60, 1, IOR_READ, &ro), 0);
	grant(&tasks[0], &ro, 1);
	ck_assert_uint_eq(tasks[0].v.nwords, 0);
}
END_TEST

/*
 * Between two views that list their words, a switch writes only those
 * words: a byte outside both (here 0x5A, a value no switch writes) stays
 * as it was, where the extent path rewrote everything between ATA's two
 * blocks.  The TSS still equals each holder's bitmap everywhere else.
 */
START_TEST(word_lists_touch_only_their_words)
{
	static const uint32_t poison = 80;              /* word 20: between ATA's words 15 and 31 */
	grant_ata(&tasks[0]);
	grant_fdc(&tasks[1]);
	grant1(&tasks[2], 0x1010, 64);
	grant1(&tasks[3], 0x2F8, 8);
	static const int order[] = { 1, 0, 2, 0, 3, 1, 2, 1, 0 };
	ck_assert(switch_to(&tasks[0].v, false));
	tss[poison] = 0x5A;
	for (unsigned k = 0; k < sizeof(order) / sizeof(order[0]); k++) {
		struct ftask *t = &tasks[order[k]];
		uint32_t loads = s.loads;
		ck_assert(switch_to(&t->v, false));
		ck_assert_uint_eq(s.loads, loads + 1);
		ck_assert_uint_eq(tss[poison], 0x5A);
		tss[poison] = 0xFF;
		assert_tss_is(t->bm);
		assert_record_covers_tss();
		ck_assert_uint_eq(s.nopen, t->v.nwords);
		tss[poison] = 0x5A;
	}
}
END_TEST

/*
 * iotss_load, called on its own after the switch moved words: it must put
 * the listed words back to deny, since it knows no extent that covers
 * them.
 */
START_TEST(load_restores_the_listed_words)
{
	grant_ata(&tasks[0]);
	grant_fdc(&tasks[1]);
	grant1(&tasks[2], 0x1000, 0x200);             /* an extent */
	ck_assert(switch_to(&tasks[1].v, false));
	ck_assert(switch_to(&tasks[0].v, false));     /* the switch's own lists, no extent */
	ck_assert_uint_eq(s.nopen, 2);
	ck_assert_int_eq(iotss_load(&s, &tasks[2].v), IOTSS_OWN);
	assert_tss_is(tasks[2].bm);
	assert_record_covers_tss();
	ck_assert_int_eq(iotss_load(&s, &tasks[1].v), IOTSS_OWN);
	assert_tss_is(tasks[1].bm);
	assert_record_covers_tss();
}
END_TEST

/* t holds the whole space, a bitmap of generation gen that every such holder shares. */
static void grant_whole(struct ftask *t, uint32_t gen)
{
	grant1(t, 0, IOPORTS_SPACE);
	t->v.shared_gen = gen;
}

static void assert_shared_is(const uint8_t *want)
{
	ck_assert_msg(memcmp(shared, want, IOBITMAP_BYTES) == 0, "the shared area");
}

/*
 * Whole-space holders run on the shared area: written once per
 * generation, never the TSS's own bitmap, which keeps its holder's copy.
 */
START_TEST(whole_space_holders_share_one_area)
{
	uint8_t ff[IOBITMAP_BYTES];
	memset(ff, 0xFF, sizeof(ff));
	grant_whole(&tasks[0], 1);
	grant_whole(&tasks[2], 1);
	grant1(&tasks[1], 0x2F8, 8);
	ck_assert_int_eq(switch_to(&tasks[0].v, false), IOTSS_SHARED);
	assert_shared_is(tasks[0].bm);
	assert_tss_is(ff);
	ck_assert_uint_eq(s.loads, 1);
	ck_assert_int_eq(switch_to(&tasks[1].v, false), IOTSS_OWN);
	assert_tss_is(tasks[1].bm);
	ck_assert_int_eq(switch_to(&tasks[2].v, false), IOTSS_SHARED);
	ck_assert_int_eq(switch_to(&tasks[0].v, false), IOTSS_SHARED);
	ck_assert_int_eq(switch_to(&tasks[1].v, false), IOTSS_OWN);
	ck_assert_uint_eq(s.loads, 2);      /* the shared area once, tasks[1]'s bitmap once */
	assert_tss_is(tasks[1].bm);
	/* A new generation (the kernel owns a port more): written again, once. */
	grant_whole(&tasks[0], 2);
	tasks[0].bm[0] = 0x01;
	ck_assert_int_eq(switch_to(&tasks[0].v, false), IOTSS_SHARED);
	assert_shared_is(tasks[0].bm);
	ck_assert_uint_eq(s.loads, 3);
	/* The view says shared, eager or not (the kernel shares nothing under iobitmap=eager). */
	ck_assert_int_eq(switch_to(&tasks[0].v, true), IOTSS_SHARED);
	ck_assert_uint_eq(s.loads, 3);
}
END_TEST

/*
 * Every kind of view after every other, lazily and eagerly: no ports, one
 * word, word lists of two to four words (two blocks far apart, aligned and
 * unaligned 64-port grants), more words than a list holds (five blocks, a
 * wide grant), the whole space shared and not shared.  After each switch
 * the TSS (or the shared area) is the holder's bitmap and the TSS's record
 * covers every byte that is not 0xFF.
 */
START_TEST(transitions_between_every_kind_of_view)
{
	enum { KINDS = 11 };
	static struct ftask kinds[KINDS];
	memset(kinds, 0, sizeof(kinds));
	struct ioports far[2] = { cap(0x40, 4), cap(0x8000, 2) };
	struct ioports five[5] = { cap(0x100, 1), cap(0x200, 1), cap(0x300, 1), cap(0x400, 1), cap(0x500, 1) };
	grant(&kinds[0], 0, 0);
	grant1(&kinds[1], 0x2F8, 8);
	grant_ata(&kinds[2]);
	grant1(&kinds[3], 0x1000, 64);
	grant1(&kinds[4], 0x1010, 64);
	grant1(&kinds[5], 0x1008, 4 * 32 - 16);      /* four words */
	grant1(&kinds[6], 0x1000, 0x200);             /* sixteen: the extent path */
	grant(&kinds[7], five, 5);                     /* five blocks: the extent path */
	grant_whole(&kinds[8], 1);
	grant1(&kinds[9], 0, IOPORTS_SPACE);           /* the whole space, own (an eager kernel's) */
	grant(&kinds[10], far, 2);                     /* two words at opposite ends */
	for (int eager = 0; eager < 4; eager++)
		for (int a = 0; a < KINDS; a++)
			for (int b = 0; b < KINDS; b++) {
				const struct ftask *seq[3] = { &kinds[a], &kinds[b], &kinds[a] };
				for (int k = 0; k < 3; k++) {
					/* eager: 1 never, 2 on the second switch, 3 always */
					bool e = eager == 3 || (eager == 2 && k == 1);
					enum iotss_mode m = switch_to(&seq[k]->v, e);
					if (m == IOTSS_OFF) {
						ck_assert(iobitmap_extent_empty(&seq[k]->v.ext));
					} else if (m == IOTSS_SHARED) {
						ck_assert_uint_ne(seq[k]->v.shared_gen, 0);
						assert_shared_is(seq[k]->bm);
					} else {
						ck_assert_uint_eq(seq[k]->v.shared_gen, 0);
						assert_tss_is(seq[k]->bm);
					}
					assert_record_covers_tss();
				}
			}
}
END_TEST

/* A random cap set: up to 4 ranges, biased to byte edges and the top of the space; 1 in 8 the whole space, shared. */
static void random_grant(struct ftask *t)
{
	struct ioports caps[4];
	if (rand() % 8 == 0) {
		grant_whole(t, 1);
		return;
	}
	/* 1 in 4: a real driver's two blocks, or one block of up to 64 ports, word-sized or not. */
	switch (rand() % 16) {
	case 0:
		grant_ata(t);
		return;
	case 1:
		grant_fdc(t);
		return;
	case 2:
	case 3: {
		uint32_t base = 0x40 + (uint32_t)(rand() % 0x400);
		caps[0] = cap(base, 1 + (uint32_t)(rand() % 64));
		caps[1] = cap(base + 0x400 + (uint32_t)(rand() % 0x400), 1 + (uint32_t)(rand() % 64));
		grant(t, caps, 1 + rand() % 2);
		return;
	}
	default:
		break;
	}
	int n = rand() % 5;
	for (int i = 0; i < n; i++) {
		uint32_t base;
		switch (rand() % 4) {
		case 0: base = 0xFFF8 + (uint32_t)(rand() % 8); break;
		case 1: base = ((uint32_t)rand() % 0x2000) * 8 - (uint32_t)(rand() % 2); break;
		default: base = (uint32_t)rand() % IOPORTS_SPACE; break;
		}
		base %= IOPORTS_SPACE;
		uint32_t room = IOPORTS_SPACE - base;
		uint32_t count = 1 + (uint32_t)rand() % (rand() % 8 ? 40 : room);
		if (count > room)
			count = room;
		caps[i] = cap(base, count);
	}
	grant(t, caps, n);
}

/* The property the hardware relies on, over thousands of mixed events. */
START_TEST(random_switches_match_the_running_holder)
{
	srand(0x10b17 + (unsigned)_i);
	for (int i = 0; i < NTASKS; i++)
		random_grant(&tasks[i]);
	for (int step = 0; step < 3000; step++) {
		struct ftask *t = &tasks[rand() % NTASKS];
		if (rand() % 5 == 0) {
			random_grant(t);            /* derive, revoke, delete or respawn */
			assert_view_lists(&t->v);
		}
		bool eager = rand() % 17 == 0;
		uint32_t loads = s.loads;
		uint32_t version = s.version;
		enum iotss_mode mode = switch_to(&t->v, eager);
		ck_assert_int_eq(mode != IOTSS_OFF, !iobitmap_extent_empty(&t->v.ext));
		ck_assert_int_eq(mode == IOTSS_SHARED, t->v.shared_gen != 0);
		if (mode == IOTSS_OFF)
			continue;
		if (mode == IOTSS_SHARED) {
			assert_shared_is(t->bm);
			assert_record_covers_tss();
			continue;
		}
		assert_tss_is(t->bm);
		assert_record_covers_tss();
		if (!eager && version == t->v.version)
			ck_assert_uint_eq(s.loads, loads);   /* current copy: one store only */
	}
}
END_TEST

Suite *iocap_iotss_suite(void)
{
	Suite *s = suite_create("iocap_iotss");
	TCase *tc = tcase_create("switch");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, no_ports_writes_nothing);
	tcase_add_test(tc, holder_then_none_then_holder_loads_once);
	tcase_add_test(tc, revoke_is_never_served_from_a_stale_copy);
	tcase_add_test(tc, wide_to_narrow_leaks_nothing);
	tcase_add_test(tc, eager_then_lazy_restores_everything);
	tcase_add_test(tc, eager_copy_records_its_holder);
	tcase_add_test(tc, word_sized_grants_at_every_offset);
	tcase_add_test(tc, whole_space_holders_share_one_area);
	tcase_add_test(tc, view_lists_the_open_words);
	tcase_add_test(tc, word_lists_touch_only_their_words);
	tcase_add_test(tc, load_restores_the_listed_words);
	tcase_add_test(tc, transitions_between_every_kind_of_view);
	tcase_add_loop_test(tc, random_switches_match_the_running_holder, 0, 4);
	suite_add_tcase(s, tc);
	return s;
}
