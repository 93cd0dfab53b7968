/*
 * ipcpeer.h - what usertests' IPC tests ask of ipcpeer (user/progs/ipcpeer.c):
 * the request labels its server loop understands, and where it keeps caps.
 */
#ifndef USER_PROGS_IPCPEER_H
#define USER_PROGS_IPCPEER_H

enum peer_op {
	OP_PING = 1,   /* w0 = sender's badge, w1 = request w0, mr2 = calls served, mr3 = errors */
	OP_ECHO,       /* same words back, each one complemented; label OP_ECHO */
	OP_EXIT,       /* answers like OP_PING, then exits 0 */
	OP_DIE,        /* exits without answering */
	OP_HOLD,       /* never answers: sleeps until killed */
	OP_FAULT,      /* writes to address 0 while holding the call */
	OP_DROP,       /* no answer: the next receive drops the implicit reply */
	OP_SAVEDROP,   /* reply_save, then deletes the saved reply cap unused */
	OP_SAVE,       /* reply_save; the answer comes after OP_SECOND's (label 2) */
	OP_SECOND,     /* answered at once (label 1), then the saved call is */
	OP_CAPS,       /* w0 = caps delivered, mr2/mr3 = type/badge of RECV0, mr4 = slots in use */
	OP_TOUCH,      /* (sent, not called) inb port w0, then int3 for the supervisor */
	OP_GIVE,       /* answers with a new notification cap, moved (label = ntf_create result) */
	OP_ANSWER,     /* sends label 3, w1 = request w0 on the reply cap in RECV0; w0 = its result */
	OP_WHERE,      /* w0 = the CPU it answers from (cpu_info), ~0 if it cannot tell */
	OP_CANARY,     /* (keep) w0 = words of its canary Frames changed since it filled them, w1 = pages checked */
	OP_GIVEEP,     /* answers moving its own receive cap along: its next receive fails */
};

#define PEER_RECV0 8      /* the serving peer's receive slots */
#define PEER_RECV1 9
#define PEER_SAVED 10     /* its saved reply cap */
#define PEER_SCRATCH 11

/*
 * ipcpeer keep: the Frames given in slots PEER_KEEP0 .. PEER_KEEP0 +
 * PEER_KEEP_MAX - 1 (any of them) are mapped from PEER_KEEP_VA on, in
 * the stack's region (its page table exists), and filled with
 * peer_keep_word of their physical address.
 */
#define PEER_KEEP0    1
#define PEER_KEEP_MAX 4
#define PEER_KEEP_VA  0xBFC00000u

/* Word i of the kept Frame at physical address pa: tagged with the address, so a copy elsewhere differs. */
static inline unsigned peer_keep_word(unsigned pa, unsigned i)
{
	unsigned x = (pa + 4u * i) ^ 0x6b656570u;   /* "keep" */
	x ^= x >> 16;
	x *= 0x7feb352du;
	return x ^ (x >> 15);
}

/* A peer that fails a call exits with PEER_ERR + E_x. */
#define PEER_ERR 100

#endif
