/*
 * ipc.h - IPC for user programs: messages, endpoints, notifications
 * (docs/ipc.md; the ABI is abi/ipc.h).  Every call returns 0 or
 * -E_x, and fills *m with what came back.
 */
#ifndef USER_LIB_IPC_H
#define USER_LIB_IPC_H

#include "abi/fault.h"
#include "abi/ipc.h"
#include "abi/syscalls.h"
#include "user/lib/i386/uarch.h"

struct ipc_msg {
	unsigned tag;     /* IPC_TAG(label, words, caps) */
	unsigned w0, w1;  /* words 0 and 1; words 2.. are utcb()->mr[2..] */
	unsigned badge;   /* out: the badge of the sender's cap */
};

/* Every IPC call: m goes out in the message registers and comes back from them. */
static inline long ipc_sys(unsigned nr, unsigned slot, struct ipc_msg *m)
{
	unsigned badge = slot;
	long r = u_ipc_sysenter(nr, &badge, &m->tag, &m->w0, &m->w1);
	m->badge = badge;
	return r;
}

static inline struct utcb *utcb(void)
{
	return (struct utcb *)UTCB_ADDR;
}

static inline struct ipc_msg ipc_msg(unsigned label, unsigned w0, unsigned w1)
{
	return (struct ipc_msg){ IPC_TAG(label, 2, 0), w0, w1, 0 };
}

static inline long ipc_call(unsigned slot, struct ipc_msg *m)
{
	return ipc_sys(SYS_ipc_call, slot, m);
}

static inline long ipc_send(unsigned slot, struct ipc_msg *m)
{
	return ipc_sys(SYS_ipc_send, slot, m);
}

/* (A receive sends nothing, but the registers go in all the same: zeros, not stale words.) */
static inline long ipc_recv(unsigned slot, struct ipc_msg *m)
{
	*m = (struct ipc_msg){ 0, 0, 0, 0 };
	return ipc_sys(SYS_ipc_recv, slot, m);
}

static inline long ipc_reply(struct ipc_msg *m)
{
	return ipc_sys(SYS_ipc_reply, 0, m);
}

static inline long ipc_reply_recv(unsigned slot, struct ipc_msg *m)
{
	return ipc_sys(SYS_ipc_reply_recv, slot, m);
}

/*
 * A fault message (label IPC_LABEL_FAULT: a child's fault, sent to the
 * endpoint fault_ep named) as the struct supervise() fills: its words are
 * the struct's (abi/fault.h), two from the registers and the rest from the
 * UTCB, so call it before the UTCB is used again.  The name is left empty.
 */
static inline void fault_msg_decode(const struct ipc_msg *m, struct supmsg *f)
{
	const unsigned *mr = utcb()->mr;
	/* Word by word: a loop and a cleared struct would cost the supervisor's round trip. */
	_Static_assert(FAULT_MSG_WORDS == 8, "fault_msg_decode copies words 0-7");
	*f = (struct supmsg){ .kind = SUP_FAULT,
			      .word = { m->w0, m->w1, mr[2], mr[3], mr[4], mr[5], mr[6], mr[7] } };
}

/* Blocks until bits are signalled; *bits gets them (and they are cleared). */
static inline long ntf_wait(unsigned slot, unsigned *bits)
{
	struct ipc_msg m = { 0, 0, 0, 0 };
	long r = ipc_sys(SYS_ntf_wait, slot, &m);
	*bits = m.badge;
	return r;
}

static inline long ntf_poll(unsigned slot, unsigned *bits)
{
	struct ipc_msg m = { 0, 0, 0, 0 };
	long r = ipc_sys(SYS_ntf_poll, slot, &m);
	*bits = m.badge;
	return r;
}

#endif
