/*
 * iodecode.h - decodes the instruction at a ring-3 #GP when it is one of the
 * IOPL-sensitive ones: in, out, ins, outs, cli, sti.  The kernel reads up to
 * IO_INSN_MAX bytes at the faulting EIP (copyin) and passes them here; the
 * result names the access for the report to the supervisor, and io_skip()
 * says what resuming past it does to the task's EAX and EIP.  Any other
 * #GP's instruction gets a name for the log (gp_insn_name).  The kernel
 * only copies the bytes in and the registers out (kernel/proc/fault.c).
 *
 * Assumptions, all true of Portcullis ring 3: the code segment is 32-bit
 * (default operand and address size 32) and the task is not in virtual-8086
 * mode (eflags_sanitize clears VM).
 *
 * Prefix decisions:
 * - 66 (operand size) makes the 16/32-bit forms 16-bit; no effect on the
 *   byte forms or on cli/sti.
 * - 67 (address size) is recorded in addr16: ins/outs then use DI/SI/CX
 *   instead of EDI/ESI/ECX.  It changes nothing for the other forms.
 * - F3 and F2 both make ins/outs repeat (rep): neither tests ZF on these
 *   instructions, and processors treat F2 as a plain repeat there.  On the
 *   other forms they are ignored, as by the CPU, and rep stays false.
 * - 26 2E 36 3E 64 65 (segment override) only change outs, whose source is
 *   DS:ESI; ins always writes ES:EDI.  The last one wins, as on real CPUs,
 *   and seg_override is that byte for outs and 0 for everything else.
 * - F0 (lock) with any of these instructions is #UD on the CPU, raised at
 *   decode time before the I/O permission check, so such an instruction can
 *   never be the cause of a #GP.  It is rejected (-E_INVAL) so that the
 *   kernel never serves an access the hardware would refuse.
 * - Prefixes may repeat and come in any order; the whole instruction,
 *   prefixes included, is at most 15 bytes (longer is #GP on the CPU for
 *   another reason, and -E_INVAL here).
 */
#ifndef IOCAP_IODECODE_H
#define IOCAP_IODECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define IO_INSN_MAX 15   /* the architectural limit on an instruction's length */

enum io_op {
	IO_NONE,   /* only in a result that came with -E_INVAL */
	IO_IN,     /* E4 E5 EC ED */
	IO_OUT,    /* E6 E7 EE EF */
	IO_INS,    /* 6C 6D */
	IO_OUTS,   /* 6E 6F */
	IO_CLI,    /* FA */
	IO_STI,    /* FB */
};

struct io_insn {
	enum io_op op;
	uint16_t port;        /* imm8, or EDX & 0xFFFF; 0 for cli/sti */
	bool port_in_dx;      /* the port came from DX */
	uint8_t width;        /* 1, 2 or 4 bytes per access; 0 for cli/sti */
	bool rep;             /* ins/outs with F3 or F2: repeats (E)CX times */
	bool addr16;          /* ins/outs with 67: DI/SI/CX, not EDI/ESI/ECX */
	uint8_t seg_override; /* outs only: the segment prefix byte, else 0 */
	uint8_t length;       /* bytes including prefixes: EIP += length skips it */
};

/*
 * Decodes code[0..avail-1] (avail may exceed the instruction).  edx is the
 * faulting task's EDX, for the DX forms.  0 and *out filled, or -E_INVAL
 * when the bytes are not one of the instructions above, carry a lock
 * prefix, are longer than 15 bytes, or end (avail) before the instruction
 * does; *out is then zeroed with op IO_NONE.
 */
int io_decode(const uint8_t *code, size_t avail, uint32_t edx, struct io_insn *out);

/*
 * Resumes past the decoded access as if its port were absent: `in` reads
 * all ones (an undriven ISA bus) into the low width bytes of *eax, the rest
 * of EAX kept as the CPU keeps it; `out` writes nowhere; ins/outs move
 * nothing and leave their registers (ESI, EDI, ECX, rep or not) alone;
 * cli/sti change nothing.  *eip moves past the instruction, prefixes and
 * imm8 included.  eax and eip are the faulting task's saved registers.
 */
void io_skip(const struct io_insn *in, uint32_t *eax, uint32_t *eip);

/*
 * For the log of a #GP that is not an I/O access: what the instruction in
 * code[0..avail-1] is after its prefixes ("hlt", "int", "iret", "system
 * instruction" for any 0F opcode, else "protected access"), or
 * "unreadable instruction" when avail is 0.
 */
const char *gp_insn_name(const uint8_t *code, size_t avail);

/* "in", "out", "ins", "outs", "cli", "sti"; "none" for IO_NONE, "?" otherwise. */
const char *io_op_name(enum io_op op);

/*
 * The IoPorts right an access needs: IOR_READ for in/ins, IOR_WRITE for
 * out/outs; 0 for cli/sti (those need the Iopl cap, not a port).
 */
uint32_t io_insn_rights(const struct io_insn *insn);

#endif
