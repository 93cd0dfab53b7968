/*
 * test_isarange.c - kernel/dma/isarange.c, the checks and register
 * program of an ISA 8237 transfer: every request the kernel must refuse
 * (outside the buffer, wrapping, above 16 MiB, across a 64 KiB or 128 KiB
 * boundary, decrement, autoinit on an unpinned buffer, odd word
 * transfers, bad channel and mode) and the order of the port writes (the
 * channel masked first and unmasked last, the flip-flop cleared before
 * each byte pair).
 */
#include <stdint.h>

#include "kernel/dma/isarange.h"
#include "tests/unit/unit.h"

/* A 16 KiB buffer at 2 MiB + 48 KiB: its last page ends at a 64 KiB boundary. */
static struct isa_xfer ok(unsigned chan)
{
	return (struct isa_xfer){ .chan = chan, .to_device = 0, .mode = DMA_ISA_SINGLE,
				  .buf_pa = 0x20C000, .buf_len = 0x4000, .offset = 0, .len = 512, .pinned = 1 };
}

START_TEST(test_valid)
{
	struct isa_xfer x = ok(2);
	ck_assert_int_eq(isa_check(&x), 0);
	x.offset = 0x4000 - 512;
	ck_assert_int_eq(isa_check(&x), 0);
	x.offset = 0, x.len = 0x4000;
	ck_assert_int_eq(isa_check(&x), 0);
	x.mode = DMA_ISA_DEMAND | DMA_ISA_AUTOINIT;
	ck_assert_int_eq(isa_check(&x), 0);
	x.mode = DMA_ISA_BLOCK, x.to_device = 1;
	ck_assert_int_eq(isa_check(&x), 0);
	for (unsigned c = 0; c < 8; c++) {
		x = ok(c);
		ck_assert_int_eq(isa_check(&x), (c == 4 ? E_INVAL : 0));
	}
}
END_TEST

START_TEST(test_outside_buffer)
{
	struct isa_xfer x = ok(2);
	x.offset = 0x4000;
	ck_assert_int_eq(isa_check(&x), E_RANGE);
	x.offset = 0x4000 - 511;
	ck_assert_int_eq(isa_check(&x), E_RANGE);
	x.offset = 0, x.len = 0x4001;
	ck_assert_int_eq(isa_check(&x), E_RANGE);
	x.offset = 0x200, x.len = 0xFFFFFE00u;        /* offset + len wraps to 0 */
	ck_assert_int_eq(isa_check(&x), E_RANGE);
	x.offset = 0xFFFFFFFFu, x.len = 2;
	ck_assert_int_eq(isa_check(&x), E_RANGE);
	x.offset = 0, x.len = 0;
	ck_assert_int_eq(isa_check(&x), E_INVAL);
}
END_TEST

START_TEST(test_16mib)
{
	struct isa_xfer x = ok(2);
	x.buf_pa = ISA_DMA_LIMIT - 0x4000;
	ck_assert_int_eq(isa_check(&x), 0);
	x.offset = 0x4000 - 512;
	ck_assert_int_eq(isa_check(&x), 0);
	x.buf_pa = ISA_DMA_LIMIT;
	x.offset = 0;
	ck_assert_int_eq(isa_check(&x), E_RANGE);
	x.buf_pa = 0x4000000;
	ck_assert_int_eq(isa_check(&x), E_RANGE);
	x.buf_pa = ISA_DMA_LIMIT - 0x1000, x.buf_len = 0x2000, x.offset = 0x800, x.len = 0x1000;
	ck_assert_int_eq(isa_check(&x), E_RANGE);    /* starts below, ends above */
	x.buf_pa = 0xFFFFF000u, x.buf_len = 0x1000, x.offset = 0, x.len = 0x1000;
	ck_assert_int_eq(isa_check(&x), E_RANGE);    /* the buffer's end wraps */
}
END_TEST

START_TEST(test_crossing)
{
	/* 8-bit channels: one 64 KiB page. */
	struct isa_xfer x = ok(2);
	x.buf_pa = 0x20F000, x.buf_len = 0x2000, x.offset = 0xF00, x.len = 0x100;
	ck_assert_int_eq(isa_check(&x), 0);          /* ends exactly at 0x210000 */
	x.len = 0x101;
	ck_assert_int_eq(isa_check(&x), E_RANGE);
	x.offset = 0x1000, x.len = 0x1000;
	ck_assert_int_eq(isa_check(&x), 0);          /* starts exactly at 0x210000 */
	x.buf_pa = 0x200000, x.buf_len = 0x11000, x.offset = 0, x.len = 0x10000;
	ck_assert_int_eq(isa_check(&x), 0);          /* the whole 64 KiB */
	x.len = 0x10001;
	ck_assert_int_eq(isa_check(&x), E_RANGE);
	/* 16-bit channels: one 128 KiB page, even offsets and lengths. */
	x = ok(5);
	x.buf_pa = 0x200000, x.buf_len = 0x21000, x.offset = 0x10000 - 0x100, x.len = 0x200;
	ck_assert_int_eq(isa_check(&x), 0);          /* crosses 64 KiB: fine for words */
	x.offset = 0x20000 - 0x100;
	ck_assert_int_eq(isa_check(&x), E_RANGE);    /* crosses 128 KiB */
	x.offset = 0, x.len = 0x20000;
	ck_assert_int_eq(isa_check(&x), 0);
	x.buf_pa = 0x210000, x.len = 0x200;
	ck_assert_int_eq(isa_check(&x), 0);
	x.offset = 0x10000 - 0x100;
	ck_assert_int_eq(isa_check(&x), E_RANGE);    /* 0x21FF00 + 0x200 crosses 0x220000 */
}
END_TEST

START_TEST(test_words)
{
	struct isa_xfer x = ok(6);
	x.len = 511;
	ck_assert_int_eq(isa_check(&x), E_INVAL);
	x.len = 512, x.offset = 1;
	ck_assert_int_eq(isa_check(&x), E_INVAL);
	x.offset = 1, x.buf_pa += 1;                 /* odd buffer, odd offset: an even address */
	ck_assert_int_eq(isa_check(&x), 0);
	x = ok(2);
	x.len = 511, x.offset = 1;
	ck_assert_int_eq(isa_check(&x), 0);          /* bytes may be odd */
}
END_TEST

START_TEST(test_modes)
{
	struct isa_xfer x = ok(2);
	x.mode = DMA_ISA_SINGLE | DMA_ISA_DECREMENT;
	ck_assert_int_eq(isa_check(&x), E_INVAL);
	x.mode = 3;                                  /* the 8237's cascade mode */
	ck_assert_int_eq(isa_check(&x), E_INVAL);
	x.mode = 3 | DMA_ISA_AUTOINIT;
	ck_assert_int_eq(isa_check(&x), E_INVAL);
	x.mode = DMA_ISA_DEMAND;
	ck_assert_int_eq(isa_check(&x), 0);
	x.mode = DMA_ISA_SINGLE | 0x40;
	ck_assert_int_eq(isa_check(&x), E_INVAL);
	x.mode = DMA_ISA_SINGLE | 0x80000000u;
	ck_assert_int_eq(isa_check(&x), E_INVAL);
	x.mode = DMA_ISA_SINGLE | DMA_ISA_AUTOINIT;
	x.pinned = 0;
	ck_assert_int_eq(isa_check(&x), E_INVAL);
	x.mode = DMA_ISA_SINGLE;
	ck_assert_int_eq(isa_check(&x), 0);
	x.chan = 8;
	ck_assert_int_eq(isa_check(&x), E_INVAL);
	x.chan = 0xFFFFFFFFu;
	ck_assert_int_eq(isa_check(&x), E_INVAL);
}
END_TEST

static int index_of(const struct isa_out *o, unsigned n, uint16_t port, unsigned from)
{
	for (unsigned i = from; i < n; i++)
		if (o[i].port == port)
			return (int)i;
	return -1;
}

START_TEST(test_program_channel2)
{
	struct isa_xfer x = ok(2);
	x.offset = 0x1000, x.len = 0x200;               /* pa 0x20D000 */
	struct isa_out o[ISA_PROG_MAX];
	unsigned n = isa_program(&x, o);
	ck_assert_uint_le(n, ISA_PROG_MAX);
	/* Masked first, unmasked last, nothing else touches the mask. */
	ck_assert_uint_eq(o[0].port, 0x0A);
	ck_assert_uint_eq(o[0].val, 0x04 | 2);
	ck_assert_uint_eq(o[n - 1].port, 0x0A);
	ck_assert_uint_eq(o[n - 1].val, 2);
	ck_assert_int_eq(index_of(o, n - 1, 0x0A, 1), -1);
	/* Mode: single, write to memory (device to memory), channel 2, no autoinit or decrement. */
	int m = index_of(o, n, 0x0B, 0);
	ck_assert_int_ge(m, 0);
	ck_assert_uint_eq(o[m].val, 0x40 | 0x04 | 2);
	/* Flip-flop cleared before the address pair and before the count pair. */
	int ff = index_of(o, n, 0x0C, 0), a = index_of(o, n, 0x04, 0);
	ck_assert_int_ge(ff, 0);
	ck_assert_int_lt(ff, a);
	ck_assert_uint_eq(o[a].val, 0x00);
	ck_assert_uint_eq(o[a + 1].port, 0x04);
	ck_assert_uint_eq(o[a + 1].val, 0xD0);
	int ff2 = index_of(o, n, 0x0C, ff + 1), c = index_of(o, n, 0x05, 0);
	ck_assert_int_ge(ff2, 0);
	ck_assert_int_lt(ff2, c);
	ck_assert_int_gt(ff2, a + 1);
	ck_assert_uint_eq(o[c].val, 0xFF);            /* count - 1 = 0x1FF */
	ck_assert_uint_eq(o[c + 1].port, 0x05);
	ck_assert_uint_eq(o[c + 1].val, 0x01);
	int p = index_of(o, n, 0x81, 0);
	ck_assert_int_ge(p, 0);
	ck_assert_uint_eq(o[p].val, 0x20);
}
END_TEST

START_TEST(test_program_words)
{
	struct isa_xfer x = ok(5);
	x.to_device = 1, x.mode = DMA_ISA_BLOCK | DMA_ISA_AUTOINIT;
	x.buf_pa = 0x230000, x.buf_len = 0x10000, x.offset = 0x400, x.len = 0x800;
	struct isa_out o[ISA_PROG_MAX];
	unsigned n = isa_program(&x, o);
	ck_assert_uint_eq(o[0].port, 0xD4);
	ck_assert_uint_eq(o[0].val, 0x04 | 1);
	ck_assert_uint_eq(o[n - 1].port, 0xD4);
	ck_assert_uint_eq(o[n - 1].val, 1);
	int m = index_of(o, n, 0xD6, 0);
	ck_assert_uint_eq(o[m].val, 0x80 | 0x10 | 0x08 | 1);
	ck_assert_int_lt(index_of(o, n, 0xD8, 0), index_of(o, n, 0xC4, 0));
	int a = index_of(o, n, 0xC4, 0);
	/* Word address: (0x230400 >> 1) & 0xFFFF = 0x8200; page 0x22 (bit 0 unused). */
	ck_assert_uint_eq(o[a].val, 0x00);
	ck_assert_uint_eq(o[a + 1].val, 0x82);
	int c = index_of(o, n, 0xC6, 0);
	ck_assert_uint_eq(o[c].val, 0xFF);            /* 0x400 words - 1 */
	ck_assert_uint_eq(o[c + 1].val, 0x03);
	ck_assert_uint_eq(o[index_of(o, n, 0x8B, 0)].val, 0x22);
}
END_TEST

START_TEST(test_stop_and_status)
{
	struct isa_out m = isa_mask(2);
	ck_assert_uint_eq(m.port, 0x0A);
	ck_assert_uint_eq(m.val, 0x06);
	m = isa_mask(7);
	ck_assert_uint_eq(m.port, 0xD4);
	ck_assert_uint_eq(m.val, 0x07);
	ck_assert_uint_eq(isa_status_port(2), 0x08);
	ck_assert_uint_eq(isa_status_port(6), 0xD0);
	ck_assert_uint_eq(isa_status_bits(2, 0x04), DMA_ISA_ST_TC);
	ck_assert_uint_eq(isa_status_bits(2, 0x40), DMA_ISA_ST_REQ);
	ck_assert_uint_eq(isa_status_bits(2, 0xBB), 0);
	ck_assert_uint_eq(isa_status_bits(6, 0x44), DMA_ISA_ST_TC | DMA_ISA_ST_REQ);
}
END_TEST

Suite *unit_suite(void)
{
	Suite *s = suite_create("isarange");
	TCase *tc = tcase_create("isarange");
	tcase_add_test(tc, test_valid);
	tcase_add_test(tc, test_outside_buffer);
	tcase_add_test(tc, test_16mib);
	tcase_add_test(tc, test_crossing);
	tcase_add_test(tc, test_words);
	tcase_add_test(tc, test_modes);
	tcase_add_test(tc, test_program_channel2);
	tcase_add_test(tc, test_program_words);
	tcase_add_test(tc, test_stop_and_status);
	suite_add_tcase(s, tc);
	return s;
}
