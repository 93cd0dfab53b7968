/*
 * test_iocap_iobitmap.c - the TSS I/O bitmap: exact bytes for known grants,
 * the tight extent, the CPU rule at byte, word and top-of-space edges, an
 * exhaustive comparison with the per-port model (every port, widths 1/2/4,
 * several cap sets), and switching loaded bitmaps without leaks.
 */
#include <check.h>
#include <string.h>

#include "iocap/iobitmap.h"

static struct ioports cap(uint32_t base, uint32_t count, uint32_t rights)
{
	struct ioports c;
	ck_assert_int_eq(ioports_make(base, count, rights, &c), 0);
	return c;
}

static uint8_t bm[IOBITMAP_BYTES];
static struct iobitmap_extent ext;

static void build(const struct ioports *caps, int n)
{
	iobitmap_build(bm, caps, n, &ext);
}

/* Index of the first byte of b not equal to v, or -1. */
static int first_not(const uint8_t *b, uint32_t lo, uint32_t hi, uint8_t v)
{
	for (uint32_t i = lo; i < hi; i++)
		if (b[i] != v)
			return (int)i;
	return -1;
}

/* ---- build: exact contents ---- */

START_TEST(build_empty_set_denies_everything)
{
	memset(bm, 0, sizeof(bm));
	build(NULL, 0);
	ck_assert_int_eq(first_not(bm, 0, IOBITMAP_BYTES, 0xFF), -1);
	ck_assert(iobitmap_extent_empty(&ext));
	ck_assert_uint_eq(ext.lo, 0);
	ck_assert_uint_eq(ext.hi, 0);
}
END_TEST

START_TEST(build_full_space_opens_everything)
{
	struct ioports all = cap(0, 0x10000, IOR_ALL);
	build(&all, 1);
	ck_assert_int_eq(first_not(bm, 0, IOBITMAP_BYTES, 0x00), -1);
	ck_assert_uint_eq(ext.lo, 0);
	ck_assert_uint_eq(ext.hi, IOBITMAP_BYTES);
}
END_TEST

START_TEST(build_single_port_0)
{
	struct ioports c = cap(0, 1, IOR_ALL);
	build(&c, 1);
	ck_assert_uint_eq(bm[0], 0xFE);
	ck_assert_int_eq(first_not(bm, 1, IOBITMAP_BYTES, 0xFF), -1);
	ck_assert_uint_eq(ext.lo, 0);
	ck_assert_uint_eq(ext.hi, 1);
}
END_TEST

START_TEST(build_single_port_ffff)
{
	struct ioports c = cap(0xFFFF, 1, IOR_ALL);
	build(&c, 1);
	ck_assert_uint_eq(bm[IOBITMAP_BYTES - 1], 0x7F);
	ck_assert_int_eq(first_not(bm, 0, IOBITMAP_BYTES - 1, 0xFF), -1);
	ck_assert_uint_eq(ext.lo, IOBITMAP_BYTES - 1);
	ck_assert_uint_eq(ext.hi, IOBITMAP_BYTES);
}
END_TEST

/* 0x2f9..0x305: ragged on both sides of two whole bytes. */
START_TEST(build_range_with_odd_edges_sets_exact_bytes)
{
	struct ioports c = cap(0x2F9, 13, IOR_ALL);
	build(&c, 1);
	ck_assert_uint_eq(bm[0x2F8 / 8], 0x01);   /* 0x2f8 denied, 0x2f9-0x2ff open */
	ck_assert_uint_eq(bm[0x300 / 8], 0xC0);   /* 0x300-0x305 open, 0x306-7 denied */
	ck_assert_int_eq(first_not(bm, 0, 0x2F8 / 8, 0xFF), -1);
	ck_assert_int_eq(first_not(bm, 0x308 / 8, IOBITMAP_BYTES, 0xFF), -1);
	ck_assert_uint_eq(ext.lo, 0x2F8 / 8);
	ck_assert_uint_eq(ext.hi, 0x300 / 8 + 1);
}
END_TEST

START_TEST(build_range_inside_one_byte)
{
	struct ioports c = cap(0x3FA, 3, IOR_ALL);   /* bits 2..4 of byte 0x7f */
	build(&c, 1);
	ck_assert_uint_eq(bm[0x3F8 / 8], 0xE3);
	ck_assert_uint_eq(ext.lo, 0x7F);
	ck_assert_uint_eq(ext.hi, 0x80);
}
END_TEST

START_TEST(build_one_direction_caps_open_nothing)
{
	struct ioports s[] = { cap(0x60, 1, IOR_READ), cap(0x64, 1, IOR_WRITE),
			       cap(0x70, 2, IOR_READ), cap(0x70, 2, IOR_WRITE) };
	build(s, 4);
	ck_assert_int_eq(first_not(bm, 0, IOBITMAP_BYTES, 0xFF), -1);
	ck_assert(iobitmap_extent_empty(&ext));
}
END_TEST

START_TEST(build_overwrites_what_was_there)
{
	struct ioports c = cap(0x60, 1, IOR_ALL);
	memset(bm, 0x00, sizeof(bm));
	ext = (struct iobitmap_extent){ 5, 7 };
	build(&c, 1);
	ck_assert_uint_eq(bm[0x60 / 8], 0xFE);
	ck_assert_int_eq(first_not(bm, 0x60 / 8 + 1, IOBITMAP_BYTES, 0xFF), -1);
	ck_assert_int_eq(first_not(bm, 0, 0x60 / 8, 0xFF), -1);
	ck_assert_uint_eq(ext.lo, 0x60 / 8);
	ck_assert_uint_eq(ext.hi, 0x60 / 8 + 1);
}
END_TEST

/*
 * A cap value that did not come from ioports_make (a corrupted slot) must
 * not open ports past 0xFFFF or write past the bitmap: counts are clamped.
 */
START_TEST(build_clamps_a_corrupt_count_to_the_port_space)
{
	struct ioports bad[] = { { 0xFFFF, 0xFFFFFFFFu, IOR_ALL }, { 0xFFF0, 0x20, IOR_ALL } };
	build(bad, 2);
	ck_assert_uint_eq(bm[IOBITMAP_BYTES - 2], 0x00);
	ck_assert_uint_eq(bm[IOBITMAP_BYTES - 1], 0x00);
	ck_assert_int_eq(first_not(bm, 0, IOBITMAP_BYTES - 2, 0xFF), -1);
	ck_assert_uint_eq(ext.lo, IOBITMAP_BYTES - 2);
	ck_assert_uint_eq(ext.hi, IOBITMAP_BYTES);
	ck_assert(ioports_covers(&bad[0], 0xFFFF, 1));
	ck_assert(!ioports_covers(&bad[0], 0xFFFF, 2));
	ck_assert(!ioports_covers(&bad[0], 0x0, 1));
	ck_assert(ioports_set_allows(bad, 2, 0xFFF0, 4));
	ck_assert(!ioports_set_allows(bad, 2, 0xFFEF, 1));
	char buf[32];
	ioports_format(buf, sizeof(buf), bad, 2);
	ck_assert_str_eq(buf, "0xfff0-0xffff");
}
END_TEST

/* ---- the CPU rule at edges ---- */

START_TEST(allows_word_straddling_grant_edge_is_denied)
{
	struct ioports c = cap(0x3F8, 8, IOR_ALL);
	build(&c, 1);
	ck_assert(iobitmap_allows(bm, 0x3F8, 1));
	ck_assert(iobitmap_allows(bm, 0x3FF, 1));
	ck_assert(!iobitmap_allows(bm, 0x3F7, 1));
	ck_assert(!iobitmap_allows(bm, 0x400, 1));
	ck_assert(!iobitmap_allows(bm, 0x3F7, 2));   /* first byte outside */
	ck_assert(iobitmap_allows(bm, 0x3FE, 2));
	ck_assert(!iobitmap_allows(bm, 0x3FF, 2));   /* last byte outside */
	ck_assert(iobitmap_allows(bm, 0x3FC, 4));
	ck_assert(!iobitmap_allows(bm, 0x3FD, 4));
	ck_assert(!iobitmap_allows(bm, 0x3F5, 4));
}
END_TEST

/* A grant ending mid-byte: the CPU reads two bytes, so must we. */
START_TEST(allows_access_crossing_a_byte_boundary)
{
	struct ioports c = cap(0x3FE, 4, IOR_ALL);   /* 0x3fe-0x401 across bytes 0x7f/0x80 */
	build(&c, 1);
	ck_assert(iobitmap_allows(bm, 0x3FF, 2));
	ck_assert(iobitmap_allows(bm, 0x3FE, 4));
	ck_assert(!iobitmap_allows(bm, 0x3FF, 4));
	ck_assert(!iobitmap_allows(bm, 0x3FD, 2));
}
END_TEST

START_TEST(allows_ports_fff8_to_ffff_at_every_width)
{
	struct ioports c = cap(0xFFF8, 8, IOR_ALL);
	build(&c, 1);
	for (uint32_t p = 0xFFF0; p <= 0x10003; p++) {
		bool in = p >= 0xFFF8 && p <= 0xFFFF;
		ck_assert_msg(iobitmap_allows(bm, p, 1) == in, "byte at 0x%x", p);
		ck_assert_msg(iobitmap_allows(bm, p, 2) == (in && p <= 0xFFFE), "word at 0x%x", p);
		ck_assert_msg(iobitmap_allows(bm, p, 4) == (in && p <= 0xFFFC), "dword at 0x%x", p);
	}
}
END_TEST

START_TEST(allows_past_ffff_is_denied_even_with_full_space)
{
	struct ioports all = cap(0, 0x10000, IOR_ALL);
	build(&all, 1);
	ck_assert(iobitmap_allows(bm, 0xFFFF, 1));
	ck_assert(!iobitmap_allows(bm, 0xFFFF, 2));
	ck_assert(!iobitmap_allows(bm, 0xFFFD, 4));
	ck_assert(!iobitmap_allows(bm, 0x10000, 1));
	ck_assert(!iobitmap_allows(bm, 0xFFFFFFFFu, 4));   /* port + width wraps */
	ck_assert(!iobitmap_allows(bm, 0xFFFFFFFEu, 2));
}
END_TEST

START_TEST(allows_rejects_widths_other_than_1_2_4)
{
	struct ioports all = cap(0, 0x10000, IOR_ALL);
	build(&all, 1);
	static const uint32_t bad[] = { 0, 3, 5, 8, 0xFFFFFFFFu };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(!iobitmap_allows(bm, 0x100, bad[i]), "width %u", bad[i]);
}
END_TEST

/* ---- cap sets for the exhaustive tests ---- */

#define MAXCAPS 40

struct capset {
	const char *name;
	int n;
	struct ioports caps[MAXCAPS];
};

/* A cap value written directly, as a static initialiser (no checks). */
#define C(base, count, rights) { (base), (count), (rights) }

enum {
	SET_EMPTY, SET_FULL, SET_PORT0, SET_PORTFFFF, SET_TOP8, SET_TOP3, SET_ODD,
	SET_OVERLAP, SET_ADJACENT, SET_SUB, SET_RIGHTS, SET_PC, SET_THIRDS, SET_PIECES,
	NSETS
};

static struct capset sets[NSETS] = {
	[SET_EMPTY] = { "empty", 0, { { 0, 0, 0 } } },
	[SET_FULL] = { "full space", 1, { C(0, 0x10000, IOR_ALL) } },
	[SET_PORT0] = { "port 0", 1, { C(0, 1, IOR_ALL) } },
	[SET_PORTFFFF] = { "port 0xffff", 1, { C(0xFFFF, 1, IOR_ALL) } },
	[SET_TOP8] = { "0xfff8-0xffff", 1, { C(0xFFF8, 8, IOR_ALL) } },
	[SET_TOP3] = { "0xfffd-0xffff", 1, { C(0xFFFD, 3, IOR_ALL) } },
	[SET_ODD] = { "odd edges", 3, { C(0x2F9, 13, IOR_ALL), C(0x3F7, 3, IOR_ALL),
					C(0x1F1, 1, IOR_ALL) } },
	[SET_OVERLAP] = { "overlapping", 3, { C(0x60, 0x10, IOR_ALL), C(0x68, 0x10, IOR_ALL),
					      C(0x6C, 2, IOR_ALL) } },
	[SET_ADJACENT] = { "adjacent", 5, { C(0x3F8, 8, IOR_ALL), C(0x400, 1, IOR_ALL),
					    C(0x401, 7, IOR_ALL), C(0x1F3, 2, IOR_ALL),
					    C(0x1F5, 3, IOR_ALL) } },
	[SET_SUB] = { "sub-ranges", 3, { C(0x100, 0x100, IOR_ALL), C(0x120, 4, IOR_ALL),
					 C(0x1FF, 1, IOR_ALL) } },
	[SET_RIGHTS] = { "mixed rights", 5, { C(0x60, 1, IOR_READ), C(0x61, 1, IOR_ALL),
					      C(0x62, 1, IOR_WRITE), C(0x70, 8, IOR_READ),
					      C(0x74, 2, IOR_ALL) } },
	[SET_PC] = { "typical PC", 6, { C(0x20, 2, IOR_ALL), C(0xA0, 2, IOR_ALL),
					C(0x40, 4, IOR_ALL), C(0x60, 1, IOR_ALL),
					C(0x64, 1, IOR_ALL), C(0xCF8, 8, IOR_ALL) } },
	[SET_THIRDS] = { "every third port", MAXCAPS, { { 0, 0, 0 } } },   /* fill_sets() */
	[SET_PIECES] = { "whole space in pieces", 4, { C(0, 0x4001, IOR_ALL),
						       C(0x4001, 0x3FFF, IOR_ALL),
						       C(0x8000, 0x7FFF, IOR_ALL),
						       C(0xFFFF, 1, IOR_ALL) } },
};

/* Single ports with gaps of two, so no byte is all open or all closed. */
static void fill_sets(void)
{
	for (int k = 0; k < MAXCAPS; k++)
		sets[SET_THIRDS].caps[k] = (struct ioports)C(0x8003 + 3 * k, 1, IOR_ALL);
}

/* The model agrees with the bitmap for every port and width (plus past the end). */
START_TEST(bitmap_matches_model_every_port_and_width)
{
	fill_sets();
	const struct capset *s = &sets[_i];
	build(s->caps, s->n);
	static const uint32_t widths[] = { 1, 2, 4 };
	for (uint32_t port = 0; port <= 0x10004; port++)
		for (int w = 0; w < 3; w++) {
			bool cpu = iobitmap_allows(bm, port, widths[w]);
			bool model = ioports_set_allows(s->caps, s->n, port, widths[w]);
			if (cpu != model)
				ck_abort_msg("set \"%s\": port 0x%x width %u: bitmap %d, model %d",
					     s->name, port, widths[w], cpu, model);
		}
}
END_TEST

/* The extent is exactly the span of the bytes that differ from 0xFF. */
START_TEST(extent_is_tight_span_of_changed_bytes)
{
	fill_sets();
	const struct capset *s = &sets[_i];
	build(s->caps, s->n);
	int lo = -1, hi = -1;
	for (int i = 0; i < (int)IOBITMAP_BYTES; i++)
		if (bm[i] != 0xFF) {
			if (lo < 0)
				lo = i;
			hi = i + 1;
		}
	if (lo < 0) {
		ck_assert_msg(iobitmap_extent_empty(&ext), "set \"%s\"", s->name);
		ck_assert_uint_eq(ext.lo, 0);
		ck_assert_uint_eq(ext.hi, 0);
	} else {
		ck_assert_msg(ext.lo == (uint32_t)lo && ext.hi == (uint32_t)hi,
			      "set \"%s\": extent [%u,%u), want [%d,%d)",
			      s->name, ext.lo, ext.hi, lo, hi);
	}
}
END_TEST

/* ---- iobitmap_load ---- */

static uint8_t tss[IOBITMAP_BYTES];
static struct iobitmap_extent loaded;

static void tss_reset(void)
{
	memset(tss, 0xFF, sizeof(tss));
	loaded = (struct iobitmap_extent){ 0, 0 };
}

/* Loads set i and checks that the TSS now equals its bitmap in every byte. */
static void load_and_check(int i)
{
	uint8_t next[IOBITMAP_BYTES];
	struct iobitmap_extent e;
	iobitmap_build(next, sets[i].caps, sets[i].n, &e);
	iobitmap_load(tss, &loaded, next, &e);
	ck_assert_msg(memcmp(tss, next, IOBITMAP_BYTES) == 0, "after loading \"%s\"", sets[i].name);
	ck_assert(loaded.lo == e.lo && loaded.hi == e.hi);
}

START_TEST(load_large_grant_then_small_leaks_nothing)
{
	fill_sets();
	tss_reset();
	load_and_check(SET_FULL);
	load_and_check(SET_PORT0);
	load_and_check(SET_EMPTY);
	ck_assert_int_eq(first_not(tss, 0, IOBITMAP_BYTES, 0xFF), -1);
}
END_TEST

START_TEST(load_every_pair_of_sets_in_both_orders)
{
	fill_sets();
	for (int a = 0; a < NSETS; a++)
		for (int b = 0; b < NSETS; b++) {
			tss_reset();
			load_and_check(a);
			load_and_check(b);
		}
}
END_TEST

/* Switching between two tasks without ports writes no byte at all. */
START_TEST(load_empty_to_empty_touches_nothing)
{
	uint8_t next[IOBITMAP_BYTES];
	struct iobitmap_extent e;
	iobitmap_build(next, NULL, 0, &e);
	memset(tss, 0x5A, sizeof(tss));   /* any write would show */
	loaded = (struct iobitmap_extent){ 0, 0 };
	iobitmap_load(tss, &loaded, next, &e);
	ck_assert_int_eq(first_not(tss, 0, IOBITMAP_BYTES, 0x5A), -1);
}
END_TEST

/* Only bytes inside the old or the new extent are written. */
START_TEST(load_writes_only_inside_the_two_extents)
{
	fill_sets();
	uint8_t a[IOBITMAP_BYTES], b[IOBITMAP_BYTES];
	struct iobitmap_extent ea, eb;
	iobitmap_build(a, sets[SET_ODD].caps, sets[SET_ODD].n, &ea);
	iobitmap_build(b, sets[SET_TOP8].caps, sets[SET_TOP8].n, &eb);
	memcpy(tss, a, sizeof(tss));
	for (uint32_t i = 0; i < IOBITMAP_BYTES; i++)
		if (!(i >= ea.lo && i < ea.hi))
			tss[i] = 0x5A;
	loaded = ea;
	iobitmap_load(tss, &loaded, b, &eb);
	for (uint32_t i = 0; i < IOBITMAP_BYTES; i++) {
		bool inside = (i >= ea.lo && i < ea.hi) || (i >= eb.lo && i < eb.hi);
		if (!inside && tss[i] != 0x5A)
			ck_abort_msg("byte %u outside both extents was written", i);
		if (inside && tss[i] != b[i])
			ck_abort_msg("byte %u inside an extent is 0x%x, want 0x%x", i, tss[i], b[i]);
	}
}
END_TEST

/* ---- update: a window rebuilt equals a whole build ---- */

static uint8_t scratch[IOBITMAP_BYTES], want[IOBITMAP_BYTES];

static uint8_t owned_bits[IOOWNED_BITS_BYTES];
static int closes;      /* check_update's cases that iobitmap_close could take */

/* The kernel's owned ports, as kernel/object/kports.c makes them at boot: as bytes (and owned_bits). */
static int owned_bytes(struct ioowned_byte *out)
{
	static struct ioowned o;
	ioowned_init(&o);
	ck_assert_int_eq(ioowned_add(&o, 0xC000, 0xC000, "bm0"), 0);
	ioowned_bits(&o, owned_bits);
	int n = ioowned_bytes(owned_bits, out, IOOWNED_MAX_BYTES);
	ck_assert_int_ge(n, 1);
	return n;
}

/* caps without caps[k] into out; their number. */
static int without(const struct capset *s, int k, struct ioports *out)
{
	int n = 0;
	for (int i = 0; i < s->n; i++)
		if (i != k)
			out[n++] = s->caps[i];
	return n;
}

/*
 * from -> to differ by the cap c: bm built from `from`, updated over c's
 * window with `to`, equals bm built from `to`, extent included; the
 * answer says whether a byte changed.
 */
static void check_update(const struct ioports *from, int nfrom, const struct ioports *to, int nto,
			 struct ioports c, const char *what)
{
	struct ioowned_byte ob[IOOWNED_MAX_BYTES];
	int no = owned_bytes(ob);
	struct iobitmap_extent e, ewant;
	iobitmap_build_task(bm, from, nfrom, ob, no, &e);
	iobitmap_build_task(want, to, nto, ob, no, &ewant);
	int differs = memcmp(bm, want, IOBITMAP_BYTES) != 0;
	struct iobitmap_window w = IOBITMAP_WINDOW_NONE;
	iobitmap_window_add(&w, c.base, c.count);
	memset(scratch, 0x5A, sizeof(scratch));   /* whatever an earlier update left */
	/* Where no cap of `to` meets the window, the kernel closes it instead: the same answer. */
	bool met = false;
	for (int i = 0; i < nto; i++)
		met |= iobitmap_window_meets(w, &to[i]);
	if (!met) {
		static uint8_t closed[IOBITMAP_BYTES];
		struct iobitmap_extent ec = e;
		memcpy(closed, bm, IOBITMAP_BYTES);
		bool cchanged = iobitmap_close(closed, w, &ec);
		ck_assert_msg(cchanged == differs, "%s: close changed %d, bitmaps differ %d", what, cchanged,
			      differs);
		ck_assert_msg(memcmp(closed, want, IOBITMAP_BYTES) == 0, "%s: closed bitmap", what);
		ck_assert_msg(ec.lo == ewant.lo && ec.hi == ewant.hi, "%s: closed extent %u-%u, want %u-%u",
			      what, ec.lo, ec.hi, ewant.lo, ewant.hi);
		closes++;
	}
	bool changed = iobitmap_update(bm, scratch, to, nto, owned_bits, w, &e);
	ck_assert_msg(changed == differs, "%s: changed %d, bitmaps differ %d", what, changed, differs);
	ck_assert_msg(memcmp(bm, want, IOBITMAP_BYTES) == 0, "%s: bitmap", what);
	ck_assert_msg(e.lo == ewant.lo && e.hi == ewant.hi, "%s: extent %u-%u, want %u-%u", what, e.lo,
		      e.hi, ewant.lo, ewant.hi);
}

/* Each cap of each set taken away and given back, one at a time. */
START_TEST(update_each_cap_removed_and_added)
{
	fill_sets();
	const struct capset *s = &sets[_i];
	struct ioports less[MAXCAPS];
	for (int k = 0; k < s->n; k++) {
		int n = without(s, k, less);
		check_update(s->caps, s->n, less, n, s->caps[k], s->name);
		check_update(less, n, s->caps, s->n, s->caps[k], s->name);
	}
}
END_TEST

/* Every set with COM2 granted on top and taken back, as grant_revoke does. */
START_TEST(update_grant_then_revoke_on_each_set)
{
	fill_sets();
	const struct capset *s = &sets[_i];
	struct ioports more[MAXCAPS + 1];
	memcpy(more, s->caps, sizeof(s->caps[0]) * (size_t)s->n);
	struct ioports com2 = cap(0x2F8, 8, IOR_ALL);
	more[s->n] = com2;
	check_update(s->caps, s->n, more, s->n + 1, com2, s->name);
	check_update(more, s->n + 1, s->caps, s->n, com2, s->name);
}
END_TEST

/* iobitmap_window_meets: a cap meets a window when it covers a port of one of its bytes. */
START_TEST(window_meets_by_byte_and_survives_a_corrupt_count)
{
	struct iobitmap_window w = IOBITMAP_WINDOW_NONE;
	iobitmap_window_add(&w, 0x2F8, 8);                        /* byte 0x5F */
	struct ioports in = cap(0x2FC, 1, IOR_ALL), same_byte = cap(0x2F8, 1, IOR_READ);
	struct ioports below = cap(0x2F0, 8, IOR_ALL), above = cap(0x300, 8, IOR_ALL);
	struct ioports across = cap(0x2F0, 9, IOR_ALL), none = { .base = 0x2F8, .count = 0, .rights = IOR_ALL };
	struct ioports corrupt = { .base = 0x2F0, .count = 0xFFFFFFFFu, .rights = IOR_ALL };
	ck_assert(iobitmap_window_meets(w, &in));
	ck_assert(iobitmap_window_meets(w, &same_byte));
	ck_assert(!iobitmap_window_meets(w, &below));
	ck_assert(!iobitmap_window_meets(w, &above));
	ck_assert(iobitmap_window_meets(w, &across));
	ck_assert(!iobitmap_window_meets(w, &none));
	ck_assert(iobitmap_window_meets(w, &corrupt));
}
END_TEST

/* The close path was taken by some of the cases above (the sets hold disjoint caps too). */
START_TEST(update_cases_took_the_close_path)
{
	closes = 0;
	for (int i = 0; i < NSETS; i++) {
		fill_sets();
		const struct capset *s = &sets[i];
		struct ioports less[MAXCAPS];
		for (int k = 0; k < s->n; k++) {
			int n = without(s, k, less);
			check_update(s->caps, s->n, less, n, s->caps[k], s->name);
		}
	}
	ck_assert_int_gt(closes, 0);
}
END_TEST

/* A grant of ports the holder has anyway changes nothing: no byte, no new version. */
START_TEST(update_covered_change_changes_nothing)
{
	struct ioports all = cap(0, 0x10000, IOR_ALL), two[2] = { all, cap(0x2F8, 8, IOR_ALL) };
	struct ioowned_byte ob[IOOWNED_MAX_BYTES];
	int no = owned_bytes(ob);
	iobitmap_build_task(bm, &all, 1, ob, no, &ext);
	struct iobitmap_extent before = ext;
	struct iobitmap_window w = IOBITMAP_WINDOW_NONE;
	iobitmap_window_add(&w, 0x2F8, 8);
	ck_assert(!iobitmap_update(bm, scratch, two, 2, owned_bits, w, &ext));
	ck_assert(!iobitmap_update(bm, scratch, &all, 1, owned_bits, w, &ext));
	ck_assert_uint_eq(ext.lo, before.lo);
	ck_assert_uint_eq(ext.hi, before.hi);
}
END_TEST

/* The window: byte bounds of the ports, clamped, joined; empty and zero counts add nothing. */
START_TEST(window_add_bytes_and_clamps)
{
	struct iobitmap_window w = IOBITMAP_WINDOW_NONE;
	iobitmap_window_add(&w, 0x2F9, 0);
	ck_assert_uint_ge(w.lo, w.hi);
	iobitmap_window_add(&w, 0x2F9, 13);
	ck_assert_uint_eq(w.lo, 0x5F);
	ck_assert_uint_eq(w.hi, 0x61);   /* ports 0x2f9-0x305 */
	iobitmap_window_add(&w, 0xFFFF, 0xFFFFFFFFu);
	ck_assert_uint_eq(w.lo, 0x5F);
	ck_assert_uint_eq(w.hi, IOBITMAP_BYTES);
	iobitmap_window_add(&w, 0x10000, 1);
	ck_assert_uint_eq(w.hi, IOBITMAP_BYTES);
	iobitmap_window_add(&w, 0, 1);
	ck_assert_uint_eq(w.lo, 0);
}
END_TEST

Suite *iocap_iobitmap_suite(void)
{
	Suite *s = suite_create("iocap_iobitmap");
	TCase *b = tcase_create("build");
	tcase_add_test(b, build_empty_set_denies_everything);
	tcase_add_test(b, build_full_space_opens_everything);
	tcase_add_test(b, build_single_port_0);
	tcase_add_test(b, build_single_port_ffff);
	tcase_add_test(b, build_range_with_odd_edges_sets_exact_bytes);
	tcase_add_test(b, build_range_inside_one_byte);
	tcase_add_test(b, build_one_direction_caps_open_nothing);
	tcase_add_test(b, build_overwrites_what_was_there);
	tcase_add_test(b, build_clamps_a_corrupt_count_to_the_port_space);
	tcase_add_loop_test(b, extent_is_tight_span_of_changed_bytes, 0, NSETS);
	suite_add_tcase(s, b);

	TCase *a = tcase_create("allows");
	tcase_add_test(a, allows_word_straddling_grant_edge_is_denied);
	tcase_add_test(a, allows_access_crossing_a_byte_boundary);
	tcase_add_test(a, allows_ports_fff8_to_ffff_at_every_width);
	tcase_add_test(a, allows_past_ffff_is_denied_even_with_full_space);
	tcase_add_test(a, allows_rejects_widths_other_than_1_2_4);
	suite_add_tcase(s, a);

	/* 65541 ports x 3 widths per set, against a model that scans every cap. */
	TCase *x = tcase_create("exhaustive");
	tcase_set_timeout(x, 60);
	tcase_add_loop_test(x, bitmap_matches_model_every_port_and_width, 0, NSETS);
	suite_add_tcase(s, x);

	TCase *l = tcase_create("load");
	tcase_set_timeout(l, 60);
	tcase_add_test(l, load_large_grant_then_small_leaks_nothing);
	tcase_add_test(l, load_every_pair_of_sets_in_both_orders);
	tcase_add_test(l, load_empty_to_empty_touches_nothing);
	tcase_add_test(l, load_writes_only_inside_the_two_extents);
	suite_add_tcase(s, l);

	TCase *u = tcase_create("update");
	tcase_set_timeout(u, 60);
	tcase_add_loop_test(u, update_each_cap_removed_and_added, 0, NSETS);
	tcase_add_loop_test(u, update_grant_then_revoke_on_each_set, 0, NSETS);
	tcase_add_test(u, update_covered_change_changes_nothing);
	tcase_add_test(u, window_meets_by_byte_and_survives_a_corrupt_count);
	tcase_add_test(u, update_cases_took_the_close_path);
	tcase_add_test(u, window_add_bytes_and_clamps);
	suite_add_tcase(s, u);
	return s;
}
