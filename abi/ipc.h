/*
 * ipc.h - the IPC ABI shared by the kernel and user/: message tags, the
 * per-task message buffer (UTCB), object rights and the reserved labels.
 * docs/ipc.md explains the model; this file is the contract.
 *
 * Registers (eax = system call number on entry, result on return):
 *   ebx  endpoint/notification slot in; badge of the sender out
 *   esi  tag (label, word count, cap count) in and out
 *   edi  message word 0 in and out
 *   ebp  message word 1 in and out
 * Words 2..IPC_WORDS-1 travel in the UTCB (mr[2..]); mr[0] and mr[1] are
 * not used, so the common short message never touches memory.
 */
#ifndef KERNEL_ABI_IPC_H
#define KERNEL_ABI_IPC_H

#define IPC_REG_WORDS 2
#define IPC_WORDS     24      /* words a message can carry in all (the tag field holds 31) */
#define IPC_CAPS      2       /* capabilities a message can carry */

/*
 * tag = label << 8 | caps << 5 | words.  The label is the message's
 * meaning (a request code, or a reply status); the kernel only reserves
 * the labels below.
 */
#define IPC_TAG(label, words, caps) \
	(((unsigned)(label) << 8) | (((unsigned)(caps) & 3u) << 5) | ((unsigned)(words) & 31u))
#define IPC_TAG_LABEL(t) ((unsigned)(t) >> 8)
#define IPC_TAG_CAPS(t)  (((unsigned)(t) >> 5) & 3u)
#define IPC_TAG_WORDS(t) ((unsigned)(t) & 31u)

/* recv returned because the caller's bound notification was signalled: badge = its bits. */
#define IPC_LABEL_NOTIFY 0xFFFFFFu

/*
 * A fault, sent by the kernel for a child whose faults go to this endpoint
 * (fault_ep); badge = that endpoint cap's badge.  Its words and the answer
 * (the reply's label) are abi/fault.h's.  No task can send this label.
 */
#define IPC_LABEL_FAULT  0xFFFFFEu

/* The UTCB: one page, mapped read-write at UTCB_ADDR in every task. */
#define UTCB_ADDR 0xBFFF6000u
#define IPC_CAP_MOVE  0x80000000u   /* send_cap[i]: move instead of copy */
#define IPC_NO_SLOT   0xFFFFFFFFu   /* recv_slot[i]: accept no cap here */
struct utcb {
	unsigned mr[IPC_WORDS];           /* message words 2.. (0 and 1 are in registers) */
	unsigned send_cap[IPC_CAPS];      /* slots of the caps to send, | IPC_CAP_MOVE */
	unsigned recv_slot[IPC_CAPS];     /* empty slots for received caps */
};

/* Endpoint cap rights. */
#define EPR_SEND  1u
#define EPR_RECV  2u
#define EPR_GRANT 4u      /* may send capabilities through it */
#define EPR_ALL   7u
/* Notification cap rights. */
#define NTR_SIGNAL 1u
#define NTR_WAIT   2u
#define NTR_ALL    3u

/* Irq caps: a mask of lines.  Line 0 (the timer) and 2 (the cascade) are the kernel's. */
#define IRQ_LINES       16
#define IRQ_KERNEL_MASK 0x0005u
#define IRQ_ALL_MASK    (0xFFFFu & ~IRQ_KERNEL_MASK)

#endif
