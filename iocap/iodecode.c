/*
 * iodecode.c - a decoder for exactly the IOPL-sensitive instructions and
 * their legal prefixes, nothing more, and what skipping one does to the
 * registers.  It also names the other instructions behind a ring-3 #GP for
 * the fault log, with the same prefix scan: the kernel's trap handler only
 * copies the bytes and applies the result.  The bytes come from ring 3 and
 * may be anything, so every read is checked against avail and against the
 * 15-byte limit before it happens.  The choices about prefixes are in
 * iodecode.h.
 */
#include "iocap/iodecode.h"
#include "iocap/ioports.h"
#include "abi/errno.h"

/* The prefixes that were seen, before the opcode. */
struct prefixes {
	bool opsize;   /* 66 */
	bool addr16;   /* 67 */
	bool rep;      /* F3 or F2 */
	bool lock;     /* F0 */
	uint8_t seg;   /* last of 26 2E 36 3E 64 65, or 0 */
};

/* Records b if it is a prefix; false means b is the opcode. */
static bool take_prefix(uint8_t b, struct prefixes *p)
{
	switch (b) {
	case 0x66: p->opsize = true; return true;
	case 0x67: p->addr16 = true; return true;
	case 0xF2: case 0xF3: p->rep = true; return true;
	case 0xF0: p->lock = true; return true;
	case 0x26: case 0x2E: case 0x36: case 0x3E: case 0x64: case 0x65:
		p->seg = b;
		return true;
	default:
		return false;
	}
}

/* The index of the byte after code's prefixes (recorded in *p): its opcode, if i < avail and i < 15. */
static size_t scan_prefixes(const uint8_t *code, size_t avail, struct prefixes *p)
{
	size_t i = 0;
	while (i < avail && i < IO_INSN_MAX && take_prefix(code[i], p))
		i++;
	return i;
}

/* Opcode -> operation; IO_NONE for anything that is not one of ours. */
static enum io_op opcode_op(uint8_t op)
{
	switch (op) {
	case 0xE4: case 0xE5: case 0xEC: case 0xED: return IO_IN;
	case 0xE6: case 0xE7: case 0xEE: case 0xEF: return IO_OUT;
	case 0x6C: case 0x6D: return IO_INS;
	case 0x6E: case 0x6F: return IO_OUTS;
	case 0xFA: return IO_CLI;
	case 0xFB: return IO_STI;
	default: return IO_NONE;
	}
}

/* Fills the operand fields of an I/O opcode; i is the index after it. */
static int decode_io(uint8_t opc, const struct prefixes *p, const uint8_t *code,
		     size_t avail, size_t i, uint32_t edx, struct io_insn *out)
{
	bool is_string = out->op == IO_INS || out->op == IO_OUTS;
	/* Even opcodes are the byte forms in all four groups. */
	out->width = (opc & 1) == 0 ? 1 : p->opsize ? 2 : 4;
	if (opc == 0xE4 || opc == 0xE5 || opc == 0xE6 || opc == 0xE7) {
		if (i >= avail || i + 1 > IO_INSN_MAX)
			return -E_INVAL;
		out->port = code[i++];
	} else {
		/* EC-EF and the string forms all take the port from DX. */
		out->port = (uint16_t)(edx & 0xFFFF);
		out->port_in_dx = true;
	}
	if (is_string) {
		out->rep = p->rep;
		out->addr16 = p->addr16;
	}
	if (out->op == IO_OUTS)
		out->seg_override = p->seg;
	out->length = (uint8_t)i;
	return 0;
}

int io_decode(const uint8_t *code, size_t avail, uint32_t edx, struct io_insn *out)
{
	struct prefixes p = { 0 };
	size_t i = scan_prefixes(code, avail, &p);
	*out = (struct io_insn){ .op = IO_NONE };
	/* Out of bytes, or 15 prefixes leaving no room for an opcode. */
	if (i >= avail || i >= IO_INSN_MAX)
		return -E_INVAL;
	uint8_t opc = code[i++];
	enum io_op op = opcode_op(opc);
	if (op == IO_NONE || p.lock)
		return -E_INVAL;
	out->op = op;
	if (op == IO_CLI || op == IO_STI) {
		out->length = (uint8_t)i;
		return 0;
	}
	int err = decode_io(opc, &p, code, avail, i, edx, out);
	if (err)
		*out = (struct io_insn){ .op = IO_NONE };
	return err;
}

void io_skip(const struct io_insn *in, uint32_t *eax, uint32_t *eip)
{
	if (in->op == IO_IN)
		*eax |= in->width == 4 ? 0xFFFFFFFFu : in->width == 2 ? 0xFFFFu : 0xFFu;
	*eip += in->length;
}

const char *gp_insn_name(const uint8_t *code, size_t avail)
{
	struct prefixes p = { 0 };
	size_t i = scan_prefixes(code, avail, &p);
	if (!avail)
		return "unreadable instruction";
	if (i >= avail || i >= IO_INSN_MAX)
		return "protected access";
	switch (code[i]) {
	case 0xF4: return "hlt";
	case 0xCD: return "int";
	case 0xCF: return "iret";
	case 0x0F: return "system instruction";
	default: return "protected access";
	}
}

const char *io_op_name(enum io_op op)
{
	switch (op) {
	case IO_NONE: return "none";
	case IO_IN: return "in";
	case IO_OUT: return "out";
	case IO_INS: return "ins";
	case IO_OUTS: return "outs";
	case IO_CLI: return "cli";
	case IO_STI: return "sti";
	}
	return "?";
}

uint32_t io_insn_rights(const struct io_insn *insn)
{
	switch (insn->op) {
	case IO_IN: case IO_INS: return IOR_READ;
	case IO_OUT: case IO_OUTS: return IOR_WRITE;
	default: return 0;
	}
}
