/*
 * test_iocap_iodecode.c - the #GP instruction decoder: every opcode form
 * under every ordered combination of the prefixes 66, 67, rep (F3/F2) and a
 * segment override; cuts at every byte (on exactly-sized heap buffers, so a
 * sanitizer sees any read past avail); the 15-byte limit; lock; every
 * non-I/O opcode.  Then what a skip does to EAX and EIP for every form and
 * prefix combination, and the name the fault log gives any other #GP's
 * instruction (the same prefix scan, the same limits).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iocap/iodecode.h"
#include "iocap/ioports.h"
#include "abi/errno.h"

#define EDX 0xDEAD03F8u   /* any DX form must report 0x03f8 */
#define IMM 0x5A

struct form {
	uint8_t opc;
	enum io_op op;
	bool imm;    /* port is an imm8 byte after the opcode */
	bool wide;   /* 16/32-bit operand form (odd opcode) */
};

static const struct form forms[] = {
	{ 0xE4, IO_IN, true, false },   { 0xE5, IO_IN, true, true },
	{ 0xEC, IO_IN, false, false },  { 0xED, IO_IN, false, true },
	{ 0xE6, IO_OUT, true, false },  { 0xE7, IO_OUT, true, true },
	{ 0xEE, IO_OUT, false, false }, { 0xEF, IO_OUT, false, true },
	{ 0x6C, IO_INS, false, false }, { 0x6D, IO_INS, false, true },
	{ 0x6E, IO_OUTS, false, false }, { 0x6F, IO_OUTS, false, true },
	{ 0xFA, IO_CLI, false, false }, { 0xFB, IO_STI, false, false },
};
#define NFORMS ((int)(sizeof(forms) / sizeof(forms[0])))

static const uint8_t segs[] = { 0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65 };

/* ---- prefix combinations ---- */

struct combo {
	uint8_t bytes[4];
	int n;
	bool opsize, addr16, rep;
	uint8_t seg;
};

/* 65 orders of subsets of {66, 67, rep, seg}, times 2 reps and 6 segments. */
#define MAXCOMBOS 1024
static struct combo combos[MAXCOMBOS];
static int ncombos;

enum { P66, P67, PREP, PSEG };

static void add_combo(const int *kinds, int len)
{
	bool has_rep = false, has_seg = false;
	for (int i = 0; i < len; i++) {
		has_rep |= kinds[i] == PREP;
		has_seg |= kinds[i] == PSEG;
	}
	for (int r = 0; r < (has_rep ? 2 : 1); r++)
		for (int s = 0; s < (has_seg ? 6 : 1); s++) {
			struct combo *c = &combos[ncombos++];
			ck_assert_int_le(ncombos, MAXCOMBOS);
			*c = (struct combo){ .n = len };
			for (int i = 0; i < len; i++) {
				switch (kinds[i]) {
				case P66: c->bytes[i] = 0x66; c->opsize = true; break;
				case P67: c->bytes[i] = 0x67; c->addr16 = true; break;
				case PREP: c->bytes[i] = r ? 0xF2 : 0xF3; c->rep = true; break;
				case PSEG: c->bytes[i] = segs[s]; c->seg = segs[s]; break;
				}
			}
		}
}

static void make_combos(void)
{
	ncombos = 0;
	for (int len = 0; len <= 4; len++) {
		int total = 1;
		for (int i = 0; i < len; i++)
			total *= 4;
		for (int code = 0; code < total; code++) {
			int kinds[4], used = 0, x = code;
			bool distinct = true;
			for (int i = 0; i < len; i++, x /= 4) {
				kinds[i] = x % 4;
				distinct &= !(used & (1 << kinds[i]));
				used |= 1 << kinds[i];
			}
			if (distinct)
				add_combo(kinds, len);
		}
	}
}

/* prefixes + opcode [+ imm8]; returns the instruction's length. */
static int encode(const struct combo *c, const struct form *f, uint8_t *buf)
{
	int n = 0;
	memcpy(buf, c->bytes, (size_t)c->n);
	n = c->n;
	buf[n++] = f->opc;
	if (f->imm)
		buf[n++] = IMM;
	return n;
}

static struct io_insn expected(const struct combo *c, const struct form *f, int len)
{
	struct io_insn e = { .op = f->op, .length = (uint8_t)len };
	bool string = f->op == IO_INS || f->op == IO_OUTS;
	if (f->op == IO_CLI || f->op == IO_STI)
		return e;
	e.width = !f->wide ? 1 : c->opsize ? 2 : 4;
	e.port = f->imm ? IMM : (uint16_t)(EDX & 0xFFFF);
	e.port_in_dx = !f->imm;
	e.rep = string && c->rep;
	e.addr16 = string && c->addr16;
	e.seg_override = f->op == IO_OUTS ? c->seg : 0;
	return e;
}

static bool insn_eq(const struct io_insn *a, const struct io_insn *b)
{
	return a->op == b->op && a->port == b->port && a->port_in_dx == b->port_in_dx &&
	       a->width == b->width && a->rep == b->rep && a->addr16 == b->addr16 &&
	       a->seg_override == b->seg_override && a->length == b->length;
}

static const char *hex(const uint8_t *b, int n)
{
	static char s[3 * 32 + 1];
	s[0] = '\0';
	for (int i = 0; i < n && i < 32; i++)
		sprintf(s + 3 * i, "%02x ", b[i]);
	return s;
}

static const char *show(const struct io_insn *d)
{
	static char s[128];
	snprintf(s, sizeof(s), "op %s port 0x%x dx %d width %u rep %d a16 %d seg 0x%x len %u",
		 io_op_name(d->op), d->port, d->port_in_dx, d->width, d->rep, d->addr16,
		 d->seg_override, d->length);
	return s;
}

/* Decodes b[0..avail-1] from a heap copy of exactly avail bytes. */
static int decode_exact(const uint8_t *b, size_t avail, struct io_insn *out)
{
	uint8_t *copy = malloc(avail ? avail : 1);
	ck_assert_ptr_nonnull(copy);
	memcpy(copy, b, avail);
	int r = io_decode(copy, avail, EDX, out);
	free(copy);
	return r;
}

static bool is_none(const struct io_insn *d)
{
	struct io_insn z = { .op = IO_NONE };
	return insn_eq(d, &z);
}

#define EAX0 0x12345678u
#define EIP0 0x40001000u

/* EAX after skipping d: an `in` reads all ones in its low width bytes, nothing else moves. */
static uint32_t skipped_eax(const struct io_insn *d)
{
	if (d->op != IO_IN)
		return EAX0;
	return d->width == 1 ? (EAX0 | 0xFFu) : d->width == 2 ? (EAX0 | 0xFFFFu) : 0xFFFFFFFFu;
}

/* ---- tests ---- */

START_TEST(decode_every_form_without_prefixes)
{
	static const struct combo none = { .n = 0 };
	for (int i = 0; i < NFORMS; i++) {
		uint8_t buf[16];
		int len = encode(&none, &forms[i], buf);
		struct io_insn d, e = expected(&none, &forms[i], len);
		ck_assert_int_eq(decode_exact(buf, (size_t)len, &d), 0);
		ck_assert_msg(insn_eq(&d, &e), "%s: got %s", hex(buf, len), show(&d));
	}
	/* Spot checks of the expectations themselves. */
	struct io_insn d;
	ck_assert_int_eq(io_decode((const uint8_t[]){ 0xED }, 1, EDX, &d), 0);
	ck_assert_uint_eq(d.width, 4);
	ck_assert_uint_eq(d.port, 0x3F8);
	ck_assert_int_eq(io_decode((const uint8_t[]){ 0xE6, 0x80 }, 2, EDX, &d), 0);
	ck_assert_uint_eq(d.width, 1);
	ck_assert_uint_eq(d.port, 0x80);
	ck_assert_uint_eq(d.length, 2);
}
END_TEST

/* ... and what skipping it does: EIP past every prefix and the imm8, never into the bytes after. */
START_TEST(decode_and_skip_every_form_with_every_prefix_combination)
{
	make_combos();
	for (int c = 0; c < ncombos; c++)
		for (int i = 0; i < NFORMS; i++) {
			uint8_t buf[32];
			int len = encode(&combos[c], &forms[i], buf);
			memset(buf + len, 0xCC, 8);   /* trailing bytes must be ignored */
			struct io_insn d, e = expected(&combos[c], &forms[i], len);
			if (io_decode(buf, (size_t)len + 8, EDX, &d) != 0)
				ck_abort_msg("%s: refused", hex(buf, len));
			if (!insn_eq(&d, &e))
				ck_abort_msg("%s: got %s", hex(buf, len), show(&d));
			uint32_t eax = EAX0, eip = EIP0;
			io_skip(&d, &eax, &eip);
			if (eip != EIP0 + (uint32_t)len)
				ck_abort_msg("%s: eip +%u, want +%d", hex(buf, len), eip - EIP0, len);
			if (eax != skipped_eax(&d))
				ck_abort_msg("%s: eax 0x%08x", hex(buf, len), eax);
		}
}
END_TEST

/*
 * The generator itself: a subset of k kinds has k! orders, each made twice
 * if it holds rep (F3/F2) and six times if it holds a segment.  Counted
 * independently here, so a generator that skipped orders would show.
 */
START_TEST(prefix_generator_makes_every_ordered_subset)
{
	make_combos();
	int want = 0;
	for (int mask = 0; mask < 16; mask++) {
		int k = __builtin_popcount(mask), orders = 1;
		for (int i = 2; i <= k; i++)
			orders *= i;
		want += orders * ((mask & (1 << PREP)) ? 2 : 1) * ((mask & (1 << PSEG)) ? 6 : 1);
	}
	ck_assert_int_eq(ncombos, want);
}
END_TEST

START_TEST(decode_truncated_at_every_cut_point)
{
	make_combos();
	for (int c = 0; c < ncombos; c++)
		for (int i = 0; i < NFORMS; i++) {
			uint8_t buf[32];
			int len = encode(&combos[c], &forms[i], buf);
			struct io_insn d;
			for (int avail = 0; avail < len; avail++) {
				if (decode_exact(buf, (size_t)avail, &d) != -E_INVAL)
					ck_abort_msg("%s cut at %d: accepted", hex(buf, len), avail);
				if (!is_none(&d))
					ck_abort_msg("%s cut at %d: result not cleared", hex(buf, len), avail);
			}
			if (decode_exact(buf, (size_t)len, &d) != 0)
				ck_abort_msg("%s whole: refused", hex(buf, len));
		}
}
END_TEST

START_TEST(decode_zero_bytes_reads_nothing)
{
	struct io_insn d;
	ck_assert_int_eq(io_decode(NULL, 0, EDX, &d), -E_INVAL);
	ck_assert(is_none(&d));
}
END_TEST

START_TEST(decode_repeated_prefixes)
{
	struct io_insn d;
	ck_assert_int_eq(io_decode((const uint8_t[]){ 0x66, 0x66, 0x66, 0xED }, 4, EDX, &d), 0);
	ck_assert_uint_eq(d.width, 2);
	ck_assert_uint_eq(d.length, 4);
	ck_assert_int_eq(io_decode((const uint8_t[]){ 0xF3, 0xF2, 0xF3, 0x6C }, 4, EDX, &d), 0);
	ck_assert(d.rep);
	ck_assert_uint_eq(d.width, 1);
	ck_assert_int_eq(io_decode((const uint8_t[]){ 0x67, 0x66, 0x67, 0x6F }, 4, EDX, &d), 0);
	ck_assert(d.addr16);
	ck_assert_uint_eq(d.width, 2);
	ck_assert(!d.rep);
}
END_TEST

START_TEST(decode_fifteen_byte_limit)
{
	uint8_t buf[32];
	struct io_insn d;
	/* 14 prefixes + opcode = 15 bytes: fine. */
	memset(buf, 0x66, sizeof(buf));
	buf[14] = 0xEC;
	ck_assert_int_eq(io_decode(buf, sizeof(buf), EDX, &d), 0);
	ck_assert_uint_eq(d.length, 15);
	/* 15 prefixes + opcode = 16 bytes. */
	buf[14] = 0x66;
	buf[15] = 0xEC;
	ck_assert_int_eq(io_decode(buf, sizeof(buf), EDX, &d), -E_INVAL);
	ck_assert(is_none(&d));
	/* 13 prefixes + opcode + imm8 = 15 bytes: fine. */
	memset(buf, 0x3E, sizeof(buf));
	buf[13] = 0xE5;
	buf[14] = 0x71;
	ck_assert_int_eq(io_decode(buf, sizeof(buf), EDX, &d), 0);
	ck_assert_uint_eq(d.length, 15);
	ck_assert_uint_eq(d.port, 0x71);
	/* 14 prefixes + opcode + imm8 = 16 bytes. */
	memset(buf, 0x3E, sizeof(buf));
	buf[14] = 0xE5;
	buf[15] = 0x71;
	ck_assert_int_eq(io_decode(buf, sizeof(buf), EDX, &d), -E_INVAL);
	/* Nothing but prefixes. */
	memset(buf, 0xF3, sizeof(buf));
	ck_assert_int_eq(io_decode(buf, sizeof(buf), EDX, &d), -E_INVAL);
	ck_assert_int_eq(decode_exact(buf, 15, &d), -E_INVAL);
}
END_TEST

START_TEST(decode_last_segment_override_wins)
{
	struct io_insn d;
	ck_assert_int_eq(io_decode((const uint8_t[]){ 0x2E, 0x26, 0x6E }, 3, EDX, &d), 0);
	ck_assert_uint_eq(d.seg_override, 0x26);
	ck_assert_int_eq(io_decode((const uint8_t[]){ 0x26, 0xF3, 0x65, 0x6F }, 4, EDX, &d), 0);
	ck_assert_uint_eq(d.seg_override, 0x65);
	ck_assert(d.rep);
}
END_TEST

START_TEST(decode_segment_override_is_reported_for_outs_only)
{
	struct io_insn d;
	ck_assert_int_eq(io_decode((const uint8_t[]){ 0x2E, 0x6C }, 2, EDX, &d), 0);
	ck_assert_uint_eq(d.seg_override, 0);   /* ins writes ES:EDI whatever the prefix */
	ck_assert_int_eq(io_decode((const uint8_t[]){ 0x2E, 0xEE }, 2, EDX, &d), 0);
	ck_assert_uint_eq(d.seg_override, 0);
	ck_assert_int_eq(io_decode((const uint8_t[]){ 0x2E, 0x6E }, 2, EDX, &d), 0);
	ck_assert_uint_eq(d.seg_override, 0x2E);
}
END_TEST

START_TEST(decode_rep_and_addr16_only_on_string_forms)
{
	struct io_insn d;
	ck_assert_int_eq(io_decode((const uint8_t[]){ 0xF3, 0x67, 0xEC }, 3, EDX, &d), 0);
	ck_assert(!d.rep);
	ck_assert(!d.addr16);
	ck_assert_int_eq(io_decode((const uint8_t[]){ 0xF3, 0x67, 0xFA }, 3, EDX, &d), 0);
	ck_assert(!d.rep);
	ck_assert_uint_eq(d.length, 3);
	ck_assert_int_eq(io_decode((const uint8_t[]){ 0xF3, 0x67, 0x6C }, 3, EDX, &d), 0);
	ck_assert(d.rep);
	ck_assert(d.addr16);
}
END_TEST

START_TEST(decode_lock_prefix_is_rejected)
{
	for (int i = 0; i < NFORMS; i++)
		for (int pos = 0; pos <= 3; pos++) {
			/* F0 at position pos among 66 67 F3. */
			uint8_t pre[] = { 0x66, 0x67, 0xF3 }, buf[8];
			int n = 0;
			for (int k = 0; k < 3; k++) {
				if (k == pos)
					buf[n++] = 0xF0;
				buf[n++] = pre[k];
			}
			if (pos == 3)
				buf[n++] = 0xF0;
			buf[n++] = forms[i].opc;
			buf[n++] = IMM;
			struct io_insn d;
			if (io_decode(buf, (size_t)n, EDX, &d) != -E_INVAL || !is_none(&d))
				ck_abort_msg("%s: lock accepted", hex(buf, n));
		}
}
END_TEST

static bool is_prefix(uint8_t b)
{
	static const uint8_t p[] = { 0x66, 0x67, 0xF2, 0xF3, 0xF0, 0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65 };
	return memchr(p, b, sizeof(p)) != NULL;
}

static bool is_form(uint8_t b)
{
	for (int i = 0; i < NFORMS; i++)
		if (forms[i].opc == b)
			return true;
	return false;
}

START_TEST(decode_every_non_io_opcode_is_rejected)
{
	int accepted = 0;
	for (int b = 0; b < 256; b++) {
		if (is_prefix((uint8_t)b))
			continue;
		for (int with66 = 0; with66 < 2; with66++) {
			uint8_t buf[8] = { 0x66, (uint8_t)b, 0xEC, 0xEC, 0xEC, 0xEC, 0xEC, 0xEC };
			const uint8_t *code = with66 ? buf : buf + 1;
			struct io_insn d;
			int r = io_decode(code, 7, EDX, &d);
			if (is_form((uint8_t)b)) {
				accepted++;
				ck_assert_msg(r == 0, "opcode 0x%02x refused", b);
			} else if (r != -E_INVAL || !is_none(&d)) {
				ck_abort_msg("opcode 0x%02x (66: %d) accepted as %s", b, with66, show(&d));
			}
		}
	}
	ck_assert_int_eq(accepted, 2 * NFORMS);
}
END_TEST

START_TEST(decode_privileged_but_not_io_is_rejected)
{
	/* hlt, popf, iret, int 0x80, lgdt, in via 0F escape, wrmsr */
	static const uint8_t seqs[][3] = {
		{ 0xF4 }, { 0x9D }, { 0xCF }, { 0xCD, 0x80 }, { 0x0F, 0x01, 0x10 }, { 0x0F, 0xEC },
		{ 0x0F, 0x30 },
	};
	for (size_t i = 0; i < sizeof(seqs) / sizeof(seqs[0]); i++) {
		struct io_insn d;
		ck_assert_int_eq(io_decode(seqs[i], 3, EDX, &d), -E_INVAL);
	}
}
END_TEST

START_TEST(decode_port_comes_from_imm8_or_low_16_bits_of_edx)
{
	struct io_insn d;
	ck_assert_int_eq(io_decode((const uint8_t[]){ 0xE4, 0xFF }, 2, 0x12345678u, &d), 0);
	ck_assert_uint_eq(d.port, 0xFF);
	ck_assert(!d.port_in_dx);
	ck_assert_int_eq(io_decode((const uint8_t[]){ 0xEC }, 1, 0xFFFF1234u, &d), 0);
	ck_assert_uint_eq(d.port, 0x1234);
	ck_assert(d.port_in_dx);
	ck_assert_int_eq(io_decode((const uint8_t[]){ 0x6F }, 1, 0x0001FFFFu, &d), 0);
	ck_assert_uint_eq(d.port, 0xFFFF);
	ck_assert_int_eq(io_decode((const uint8_t[]){ 0xFB }, 1, 0x0001FFFFu, &d), 0);
	ck_assert_uint_eq(d.port, 0);
	ck_assert(!d.port_in_dx);
}
END_TEST

START_TEST(io_op_name_names_every_op)
{
	ck_assert_str_eq(io_op_name(IO_NONE), "none");
	ck_assert_str_eq(io_op_name(IO_IN), "in");
	ck_assert_str_eq(io_op_name(IO_OUT), "out");
	ck_assert_str_eq(io_op_name(IO_INS), "ins");
	ck_assert_str_eq(io_op_name(IO_OUTS), "outs");
	ck_assert_str_eq(io_op_name(IO_CLI), "cli");
	ck_assert_str_eq(io_op_name(IO_STI), "sti");
	ck_assert_str_eq(io_op_name((enum io_op)99), "?");
}
END_TEST

START_TEST(io_insn_rights_follow_the_direction)
{
	for (int i = 0; i < NFORMS; i++) {
		struct io_insn d = { .op = forms[i].op };
		uint32_t want = (forms[i].op == IO_IN || forms[i].op == IO_INS) ? IOR_READ
			      : (forms[i].op == IO_OUT || forms[i].op == IO_OUTS) ? IOR_WRITE : 0;
		ck_assert_uint_eq(io_insn_rights(&d), want);
	}
	struct io_insn none = { .op = IO_NONE };
	ck_assert_uint_eq(io_insn_rights(&none), 0);
}
END_TEST

/* ---- io_skip: resuming past a trapped access ---- */

START_TEST(skip_widths_and_string_forms)
{
	struct io_insn d;
	uint32_t eax, eip;
	/* in al, dx / in ax, dx (66) / in eax, dx: the rest of EAX is kept, as the CPU keeps it. */
	static const struct { uint8_t b[3]; size_t n; uint32_t eax; } ins[] = {
		{ { 0xEC }, 1, 0x123456FFu }, { { 0x66, 0xED }, 2, 0x1234FFFFu },
		{ { 0xED }, 1, 0xFFFFFFFFu }, { { 0xE4, 0x60 }, 2, 0x123456FFu },
		{ { 0x66, 0xE5, 0x60 }, 3, 0x1234FFFFu }, { { 0x66, 0xEC }, 2, 0x123456FFu },
	};
	for (size_t i = 0; i < sizeof(ins) / sizeof(ins[0]); i++) {
		eax = EAX0, eip = EIP0;
		ck_assert_int_eq(io_decode(ins[i].b, ins[i].n, EDX, &d), 0);
		io_skip(&d, &eax, &eip);
		ck_assert_uint_eq(eax, ins[i].eax);
		ck_assert_uint_eq(eip, EIP0 + ins[i].n);
	}
	/* rep insd with a segment override and 67: moves nothing, one instruction skipped. */
	eax = EAX0, eip = EIP0;
	ck_assert_int_eq(io_decode((const uint8_t[]){ 0xF3, 0x67, 0x2E, 0x6D }, 4, EDX, &d), 0);
	ck_assert(d.rep && d.addr16);
	io_skip(&d, &eax, &eip);
	ck_assert_uint_eq(eax, EAX0);
	ck_assert_uint_eq(eip, EIP0 + 4);
	/* rep outsw with an override: the same. */
	eax = EAX0, eip = EIP0;
	ck_assert_int_eq(io_decode((const uint8_t[]){ 0x64, 0x66, 0xF2, 0x6F }, 4, EDX, &d), 0);
	io_skip(&d, &eax, &eip);
	ck_assert_uint_eq(eax, EAX0);
	ck_assert_uint_eq(eip, EIP0 + 4);
	/* cli, sti: one byte, after any prefixes. */
	eax = EAX0, eip = EIP0;
	ck_assert_int_eq(io_decode((const uint8_t[]){ 0x66, 0x3E, 0xFA }, 3, EDX, &d), 0);
	io_skip(&d, &eax, &eip);
	ck_assert_uint_eq(eax, EAX0);
	ck_assert_uint_eq(eip, EIP0 + 3);
}
END_TEST

START_TEST(skip_at_the_fifteen_byte_limit)
{
	uint8_t buf[32];
	struct io_insn d;
	uint32_t eax = EAX0, eip = EIP0;
	/* 13 prefixes (66 among them) + in ax, imm8 = 15 bytes. */
	memset(buf, 0x3E, sizeof(buf));
	buf[5] = 0x66;
	buf[13] = 0xE5;
	buf[14] = 0x71;
	ck_assert_int_eq(io_decode(buf, sizeof(buf), EDX, &d), 0);
	io_skip(&d, &eax, &eip);
	ck_assert_uint_eq(eip, EIP0 + 15);
	ck_assert_uint_eq(eax, 0x1234FFFFu);
	/* One prefix more is not an instruction: nothing to skip. */
	memset(buf, 0x3E, sizeof(buf));
	buf[14] = 0xE5;
	buf[15] = 0x71;
	eax = EAX0, eip = EIP0;
	ck_assert_int_eq(io_decode(buf, sizeof(buf), EDX, &d), -E_INVAL);
	io_skip(&d, &eax, &eip);
	ck_assert_uint_eq(eip, EIP0);
	ck_assert_uint_eq(eax, EAX0);
}
END_TEST

/* The kernel resumes an int3 with the cleared result (IO_NONE): nothing moves. */
START_TEST(skip_of_nothing_moves_nothing)
{
	struct io_insn none = { .op = IO_NONE };
	uint32_t eax = EAX0, eip = EIP0;
	io_skip(&none, &eax, &eip);
	ck_assert_uint_eq(eax, EAX0);
	ck_assert_uint_eq(eip, EIP0);
}
END_TEST

/* ---- gp_insn_name: any other #GP's instruction, for the fault log ---- */

/* gp_insn_name of a heap copy of exactly avail bytes. */
static const char *gp_name_exact(const uint8_t *b, size_t avail)
{
	uint8_t *copy = malloc(avail ? avail : 1);
	ck_assert_ptr_nonnull(copy);
	memcpy(copy, b, avail);
	const char *name = gp_insn_name(copy, avail);
	free(copy);
	return name;
}

START_TEST(gp_names_after_any_prefixes)
{
	static const struct { uint8_t b[6]; size_t n; const char *name; } cases[] = {
		{ { 0xF4 }, 1, "hlt" },
		{ { 0x66, 0xF3, 0x2E, 0x67, 0xF4 }, 5, "hlt" },
		{ { 0xCD, 0x80 }, 2, "int" },
		{ { 0x65, 0xCD, 0x03 }, 3, "int" },
		{ { 0xCF }, 1, "iret" },
		{ { 0x66, 0xCF }, 2, "iret" },
		{ { 0x0F, 0x01, 0x10 }, 3, "system instruction" },
		{ { 0x3E, 0x0F, 0x22, 0xD8 }, 4, "system instruction" },
		{ { 0x8E, 0xD8 }, 2, "protected access" },     /* mov ds, ax */
		{ { 0x9D }, 1, "protected access" },
		{ { 0x66, 0x26 }, 2, "protected access" },     /* cut after the prefixes */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ck_assert_str_eq(gp_name_exact(cases[i].b, cases[i].n), cases[i].name);
	ck_assert_str_eq(gp_insn_name(NULL, 0), "unreadable instruction");
}
END_TEST

START_TEST(gp_names_within_avail_and_fifteen_bytes)
{
	uint8_t buf[32];
	/* 14 prefixes + hlt = 15 bytes: named, at every cut only what is there is read. */
	memset(buf, 0xF3, sizeof(buf));
	buf[14] = 0xF4;
	ck_assert_str_eq(gp_name_exact(buf, 15), "hlt");
	for (size_t avail = 1; avail < 15; avail++)
		ck_assert_str_eq(gp_name_exact(buf, avail), "protected access");
	/* 15 prefixes + hlt is 16 bytes, no instruction: not read past the 15th. */
	memset(buf, 0x66, sizeof(buf));
	buf[15] = 0xF4;
	ck_assert_str_eq(gp_name_exact(buf, 16), "protected access");
	ck_assert_str_eq(gp_name_exact(buf, 15), "protected access");
}
END_TEST

Suite *iocap_iodecode_suite(void)
{
	Suite *s = suite_create("iocap_iodecode");
	TCase *f = tcase_create("forms");
	tcase_add_test(f, decode_every_form_without_prefixes);
	tcase_add_test(f, prefix_generator_makes_every_ordered_subset);
	tcase_add_test(f, decode_and_skip_every_form_with_every_prefix_combination);
	tcase_add_test(f, decode_repeated_prefixes);
	tcase_add_test(f, decode_last_segment_override_wins);
	tcase_add_test(f, decode_segment_override_is_reported_for_outs_only);
	tcase_add_test(f, decode_rep_and_addr16_only_on_string_forms);
	tcase_add_test(f, decode_port_comes_from_imm8_or_low_16_bits_of_edx);
	suite_add_tcase(s, f);

	TCase *bad = tcase_create("refused");
	tcase_set_timeout(bad, 30);
	tcase_add_test(bad, decode_truncated_at_every_cut_point);
	tcase_add_test(bad, decode_zero_bytes_reads_nothing);
	tcase_add_test(bad, decode_fifteen_byte_limit);
	tcase_add_test(bad, decode_lock_prefix_is_rejected);
	tcase_add_test(bad, decode_every_non_io_opcode_is_rejected);
	tcase_add_test(bad, decode_privileged_but_not_io_is_rejected);
	suite_add_tcase(s, bad);

	TCase *sk = tcase_create("skip");
	tcase_set_timeout(sk, 30);
	tcase_add_test(sk, skip_widths_and_string_forms);
	tcase_add_test(sk, skip_at_the_fifteen_byte_limit);
	tcase_add_test(sk, skip_of_nothing_moves_nothing);
	suite_add_tcase(s, sk);

	TCase *n = tcase_create("names");
	tcase_add_test(n, gp_names_after_any_prefixes);
	tcase_add_test(n, gp_names_within_avail_and_fifteen_bytes);
	tcase_add_test(n, io_op_name_names_every_op);
	tcase_add_test(n, io_insn_rights_follow_the_direction);
	suite_add_tcase(s, n);
	return s;
}
