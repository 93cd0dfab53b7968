/*
 * fault.h - the fault channel's contract: the message a supervisor gets
 * about a child that faulted or exited, and the answers a fault takes
 * (docs/supervision.md).  It exists so that the kernel, which writes the
 * message, and ring 3, which reads it, share one definition.
 *
 * The message reaches the supervisor through one of two faces:
 * - supervise(msg, flags) copies a struct supmsg out whole;
 * - a fault endpoint (fault_ep) receives word[0..FAULT_MSG_WORDS-1] as an
 *   IPC message with label IPC_LABEL_FAULT (abi/ipc.h): word 0 and 1 in the
 *   registers of message words 0 and 1, words 2.. in UTCB mr[2..].  The
 *   name does not travel that way.
 * The kernel fills the struct once, from the trap; either face copies its
 * words as they are, and user/lib/ipc.h:fault_msg_decode copies them back.
 * Nobody packs or unpacks a field: the layout below is the wire format,
 * which the asserts at the end hold to.
 *
 * The answer is fault_reply(tid, answer), or the label of the reply to the
 * fault message: one of enum fault_action, optionally | FA_QUIET.
 * fault_answer_check() below is the one rule for both.
 */
#ifndef ABI_FAULT_H
#define ABI_FAULT_H

#include <stddef.h>

#include "abi/errno.h"
#include "abi/ipc.h"

enum sup_kind { SUP_FAULT = 1, SUP_EXIT = 2 };
#define SUP_POLL 1u          /* supervise(msg, SUP_POLL): E_AGAIN instead of blocking */

/* The I/O instruction behind a #GP (iocap/iodecode.h's enum io_op, kernel/api/abi_pairs.c). */
enum io_op_abi { IOOP_NONE, IOOP_IN, IOOP_OUT, IOOP_INS, IOOP_OUTS, IOOP_CLI, IOOP_STI };

#define FAULT_MSG_WORDS 8
#define IPC_FAULT_WORDS FAULT_MSG_WORDS   /* the word count in a fault message's tag */

struct supmsg {
	int kind;                          /* SUP_FAULT or SUP_EXIT */
	union {
		struct {
			int tid;                   /* word 0 */
			/* word 1, low byte first */
			signed char vector;        /* CPU exception; SUP_EXIT: the one that ended it, or -1 */
			unsigned char io_op;       /* IOOP_NONE unless the #GP was an I/O instruction */
			unsigned char width;       /* bytes per access: 1, 2 or 4 */
			unsigned char rep;         /* ins/outs with a rep prefix */
			unsigned eip, addr, err;   /* words 2-4: addr is a page fault's address */
			unsigned port;             /* word 5 */
			unsigned faults;           /* word 6: faults so far, over all incarnations */
			unsigned restarts;         /* word 7: incarnations so far */
		};
		unsigned word[FAULT_MSG_WORDS];
	};
	char name[16];                     /* supervise() only: the task's name, NUL-padded */
};

enum fault_action { FA_KILL = 1, FA_RESUME = 2, FA_RESTART = 3 };
#define FA_QUIET 0x100u      /* do not log this fault (the exhaustive sweep) */

/*
 * fault_ep(tid, ep_slot): the child's faults go to the endpoint as messages
 * instead (docs/ipc.md, "Fault messages"); FAULT_EP_NONE undoes it.
 */
#define FAULT_EP_NONE 0xFFFFFFFFu

/*
 * Whether the fault f takes answer: 0, or -E_INVAL when the answer is no
 * action (FA_QUIET is the only other bit allowed), or resumes a fault the
 * kernel cannot skip.  Resuming re-runs the faulting instruction, so only
 * an I/O instruction (skipped as if its port were absent) and int3 (EIP is
 * already past it) can be resumed.  The kernel refuses with this for both
 * faces (fault_reply, and the reply on a fault endpoint); a supervisor may
 * ask it first.
 */
static inline int fault_answer_check(const struct supmsg *f, unsigned answer)
{
	unsigned action = answer & ~FA_QUIET;
	if (action != FA_KILL && action != FA_RESUME && action != FA_RESTART)
		return -E_INVAL;
	if (action == FA_RESUME && f->io_op == IOOP_NONE && f->vector != 3)
		return -E_INVAL;
	return 0;
}

/* The layout is the wire format: each field sits in the word its comment names. */
#define FAULT_WORD_AT(field, w, byte) \
	(offsetof(struct supmsg, field) == offsetof(struct supmsg, word) + 4 * (w) + (byte))
_Static_assert(sizeof(unsigned) == 4 && sizeof(int) == 4, "fault message words");
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "word 1 is vector | io_op << 8 | ...");
_Static_assert(FAULT_WORD_AT(tid, 0, 0) && FAULT_WORD_AT(vector, 1, 0) &&
	       FAULT_WORD_AT(io_op, 1, 1) && FAULT_WORD_AT(width, 1, 2) &&
	       FAULT_WORD_AT(rep, 1, 3) && FAULT_WORD_AT(eip, 2, 0) && FAULT_WORD_AT(addr, 3, 0) &&
	       FAULT_WORD_AT(err, 4, 0) && FAULT_WORD_AT(port, 5, 0) &&
	       FAULT_WORD_AT(faults, 6, 0) && FAULT_WORD_AT(restarts, 7, 0),
	       "struct supmsg: a field outside its word");
_Static_assert(offsetof(struct supmsg, name) ==
	       offsetof(struct supmsg, word) + sizeof(unsigned) * FAULT_MSG_WORDS,
	       "struct supmsg: the words are the message, nothing between them");
/* Words 0 and 1 travel in registers, the rest in the UTCB, which has room. */
_Static_assert(FAULT_MSG_WORDS > IPC_REG_WORDS && FAULT_MSG_WORDS <= IPC_WORDS,
	       "fault message words");
/* FA_QUIET is a flag beside the action, never part of one. */
_Static_assert(((FA_KILL | FA_RESUME | FA_RESTART) & FA_QUIET) == 0, "FA_QUIET");
#undef FAULT_WORD_AT

#endif
