/*
 * ntftests.c - notifications (signal, wait, poll, binding to recv) and
 * interrupt lines as caps, with a real interrupt: the RTC's periodic one
 * on IRQ 8, which nothing else uses.
 */
#include "user/lib/i386/uarch.h"
#include "user/usertests/ipctests.h"

#define WATCHDOG 0x80000000u     /* the badge of a peer that signals if the awaited bits never come */

int t_ntf_signal_wait_poll(void)
{
	unsigned bits = 99;
	ipc_fresh();
	CHECK_EQ(sys_ntf_create(S_NTF), 0);
	CHECK_EQ(sys_cap_mint(S_NTF, S_A, 0x1, NTR_SIGNAL), 0);
	CHECK_EQ(sys_cap_mint(S_NTF, S_B, 0x2, NTR_SIGNAL), 0);
	CHECK_EQ(sys_cap_mint(S_NTF, S_C, 0x10, NTR_SIGNAL), 0);
	CHECK_EQ(sys_cap_mint(S_NTF, S_D, 0, NTR_WAIT), 0);
	CHECK_EQ(polled(S_NTF), 0);
	CHECK_EQ(sys_ntf_signal(S_C), 0);
	CHECK_EQ(ntf_wait(S_NTF, &bits), 0);
	CHECK_EQ(bits, 0x10);
	CHECK_EQ(sys_ntf_signal(S_A), 0);
	CHECK_EQ(sys_ntf_signal(S_B), 0);
	CHECK_EQ(sys_ntf_signal(S_C), 0);
	CHECK_EQ(sys_ntf_signal(S_A), 0);
	CHECK_EQ(ntf_wait(S_D, &bits), 0);
	CHECK_EQ(bits, 0x13);
	CHECK_EQ(polled(S_NTF), 0);
	CHECK_EQ(sys_ntf_signal(S_NTF), 0);         /* unbadged: bit 0 */
	CHECK_EQ(polled(S_D), 1);
	CHECK_EQ(ntf_wait(S_A, &bits), -E_PERM);
	CHECK_EQ(ntf_poll(S_A, &bits), -E_PERM);
	CHECK_EQ(sys_ntf_bind(S_A), -E_PERM);
	CHECK_EQ(sys_ntf_signal(S_D), -E_PERM);
	return 0;
}

int t_ntf_wait_blocks_until_signal(void)
{
	unsigned bits;
	ipc_fresh();
	CHECK_EQ(sys_ntf_create(S_NTF), 0);
	long t0 = sys_uptime();
	int sig = peer_start("signal delay=3", S_NTF, 0x80, NTR_SIGNAL);
	CHECK(sig > 0);
	CHECK_EQ(ntf_wait(S_NTF, &bits), 0);
	CHECK(sys_uptime() - t0 >= 3);
	CHECK_EQ(bits, 0x80);
	CHECK_EQ(peer_exit(sig), 0);
	return 0;
}

static int recv_notify(unsigned expect_bits)
{
	struct ipc_msg m = ipc_msg(0, 0, 0);
	CHECK_EQ(ipc_recv(S_EP, &m), 0);
	CHECK_EQ(m.tag, IPC_TAG(IPC_LABEL_NOTIFY, 0, 0));
	CHECK_EQ(m.badge, expect_bits);
	return 0;
}

static int recv_ping(unsigned badge, unsigned w0)
{
	struct ipc_msg m = ipc_msg(0, 0, 0);
	int c = client_start(OP_PING, w0, 0, badge);
	CHECK(c > 0);
	CHECK_EQ(ipc_recv(S_EP, &m), 0);
	CHECK_EQ(IPC_TAG_LABEL(m.tag), OP_PING);
	CHECK_EQ(m.badge, badge);
	m = ipc_msg(0, 0, w0);
	CHECK_EQ(ipc_reply(&m), 0);
	CHECK_EQ(peer_exit(c), 0);
	return 0;
}

int t_ntf_bound_to_recv(void)
{
	struct exitinfo e;
	ipc_fresh();
	CHECK_EQ(sys_ep_create(S_EP), 0);
	CHECK_EQ(sys_ntf_create(S_NTF), 0);
	CHECK_EQ(sys_cap_mint(S_NTF, S_A, 4, NTR_SIGNAL), 0);
	CHECK_EQ(sys_ntf_bind(S_NTF), 0);
	CHECK_EQ(sys_ntf_signal(S_A), 0);
	CHECK_EQ(recv_notify(4), 0);                /* pending bits: at once */
	int sig = peer_start("signal delay=2", S_NTF, 8, NTR_SIGNAL);
	CHECK(sig > 0);
	CHECK_EQ(recv_notify(8), 0);                /* blocked in recv, woken by the signal */
	CHECK_EQ(peer_reap(sig, &e), 0);
	CHECK_EQ(recv_ping(21, 7), 0);              /* messages still come through */
	/* Unbound, pending bits no longer preempt a message; they wait in the word. */
	CHECK_EQ(sys_ntf_bind(IPC_NO_SLOT), 0);
	CHECK_EQ(sys_ntf_signal(S_A), 0);
	CHECK_EQ(recv_ping(22, 8), 0);
	CHECK_EQ(polled(S_NTF), 4);
	return 0;
}

/* A binding ends with the bound task, and with the notification's last cap. */
int t_ntf_binding_ends(void)
{
	ipc_fresh();
	CHECK_EQ(sys_ep_create(S_EP), 0);
	CHECK_EQ(sys_ntf_create(S_NTF), 0);
	int b = peer_start("bind", S_NTF, 0, NTR_WAIT);
	CHECK(b > 0);
	CHECK_EQ(peer_exit(b), 0);
	CHECK_EQ(sys_ntf_bind(S_NTF), 0);
	CHECK_EQ(sys_cap_delete(S_NTF), 0);
	CHECK_EQ(sys_ntf_create(S_NTF), 0);         /* likely the same object again, unbound */
	CHECK_EQ(sys_ntf_signal(S_NTF), 0);
	CHECK_EQ(recv_ping(23, 9), 0);
	CHECK_EQ(polled(S_NTF), 1);
	return 0;
}

int t_ntf_second_waiter_refused(void)
{
	unsigned bits;
	ipc_fresh();
	CHECK_EQ(sys_ntf_create(S_NTF), 0);
	int w = peer_start("wait", S_NTF, 0, NTR_WAIT);
	CHECK(w > 0);
	CHECK_EQ(peer_blocked(w), 0);
	CHECK_EQ(ntf_wait(S_NTF, &bits), -E_STATE);
	CHECK_EQ(sys_ntf_bind(S_NTF), -E_STATE);
	CHECK_EQ(sys_cap_mint(S_NTF, S_A, 0x20, NTR_SIGNAL), 0);
	CHECK_EQ(sys_ntf_signal(S_A), 0);
	CHECK_EQ(peer_exit(w), 0x20);
	/* Bound to us, it cannot be waited on by another task either. */
	CHECK_EQ(sys_ntf_bind(S_NTF), 0);
	w = peer_start("wait", S_NTF, 0, NTR_WAIT);
	CHECK(w > 0);
	CHECK_EQ(peer_exit(w), PEER_ERR + E_STATE);
	CHECK_EQ(sys_ntf_bind(IPC_NO_SLOT), 0);
	return 0;
}

/* The waiter's own cap goes (ours still names the object): its wait ends at once. */
int t_ntf_revoked_cap_wakes_waiter(void)
{
	ipc_fresh();
	CHECK_EQ(sys_ntf_create(S_NTF), 0);
	int w = peer_start("wait", S_NTF, 0, NTR_WAIT);
	CHECK(w > 0);
	CHECK_EQ(peer_blocked(w), 0);
	CHECK_EQ(sys_cap_revoke(S_NTF), 0);
	CHECK_EQ(peer_exit(w), PEER_ERR + E_EMPTY);
	return 0;
}

/* supervise_bind's reference goes when the supervisor exits: the pool gets the object back. */
int t_ntf_supervise_bind_ends(void)
{
	struct capinfo ci;
	ipc_fresh();
	int sup = peer_spawn("supbind");
	CHECK(sup > 0);
	CHECK_EQ(sys_resume(sup), 0);
	CHECK_EQ(peer_exit(sup), 0);
	CHECK_EQ(sys_ntf_create(S_NTF), 0);
	CHECK_EQ(sys_cap_info(S_NTF, &ci), 0);
	CHECK_EQ(ci.object, 0);                     /* the one the peer had */
	return 0;
}

/* ---- interrupts ---- */

int irqbind_peer(unsigned irq_slot)
{
	struct exitinfo e;
	int p = peer_spawn("irqbind");
	long r = p < 0 ? p : peer_give(p, irq_slot, 0, GIVE_COPY, 0);
	if (!r)
		r = peer_give(p, S_NTF, 0, NTR_SIGNAL, 1);
	if (!r)
		r = sys_resume(p);
	if (r || peer_reap(p, &e))
		return -1;
	return e.code;
}

int t_irq_caps(void)
{
	struct capinfo ci;
	ipc_fresh();
	CHECK_EQ(sys_ntf_create(S_NTF), 0);
	CHECK_EQ(sys_ep_create(S_EP), 0);
	CHECK_EQ(sys_irq_bind(S_IRQ, S_NTF), -E_INVAL);          /* several lines */
	CHECK_EQ(sys_cap_mint(S_IRQ, S_A, LINE8, 0), 0);
	CHECK_EQ(sys_cap_info(S_A, &ci), 0);
	CHECK_EQ(ci.type, CAPT_IRQ);
	CHECK_EQ(ci.base, LINE8);
	CHECK_EQ(sys_cap_mint(S_IRQ, S_B, 1u << 0, 0), -E_PERM);  /* the timer */
	CHECK_EQ(sys_cap_mint(S_IRQ, S_B, 1u << 2, 0), -E_PERM);  /* the cascade */
	CHECK_EQ(sys_cap_mint(S_IRQ, S_B, 0, 0), -E_PERM);
	CHECK_EQ(sys_cap_mint(S_A, S_B, 3u << 8, 0), -E_PERM);
	CHECK_EQ(sys_irq_bind(S_A, S_EP), -E_TYPE);
	CHECK_EQ(sys_irq_bind(S_EP, S_NTF), -E_TYPE);
	CHECK_EQ(sys_irq_bind(S_A, S_D), -E_EMPTY);
	CHECK_EQ(sys_irq_bind(S_A, 32), -E_BADSLOT);
	CHECK_EQ(sys_cap_mint(S_NTF, S_C, 0, NTR_WAIT), 0);
	CHECK_EQ(sys_irq_bind(S_A, S_C), -E_PERM);               /* may not signal */
	CHECK_EQ(sys_irq_ack(S_A), -E_STATE);                     /* not bound yet */
	CHECK_EQ(sys_irq_bind(S_A, S_NTF), 0);
	CHECK_EQ(sys_irq_ack(S_A), 0);
	CHECK_EQ(sys_cap_mint(S_IRQ, S_B, 1u << 9, 0), 0);
	CHECK_EQ(sys_irq_ack(S_B), -E_STATE);                     /* a line nobody bound */
	CHECK_EQ(irqbind_peer(S_A), PEER_ERR + E_FULL);           /* one holder at a time */
	CHECK_EQ(sys_cap_delete(S_A), 0);                         /* ends our binding */
	CHECK_EQ(sys_cap_mint(S_IRQ, S_A, LINE8, 0), 0);
	CHECK_EQ(irqbind_peer(S_A), 0);
	CHECK_EQ(sys_irq_bind(S_A, S_NTF), 0);                    /* its exit ended its binding */
	CHECK_EQ(sys_cap_delete(S_A), 0);
	return 0;
}

/* ---- the RTC's periodic interrupt ---- */

unsigned cmos_read(unsigned reg)
{
	u_outb(0x70, (uint8_t)reg);
	return u_inb(0x71);
}

void cmos_write(unsigned reg, unsigned v)
{
	u_outb(0x70, (uint8_t)reg);
	u_outb(0x71, (uint8_t)v);
}

unsigned poll_bits(unsigned slot)
{
	unsigned bits = 0;
	for (int t = 0; t < TIMER_HZ && !(bits = polled(slot)); t++)
		sys_sleep(1);
	return bits;
}

int t_irq_rtc_delivery(void)
{
	unsigned bits;
	struct exitinfo e;
	ipc_fresh();
	CHECK_EQ(sys_ntf_create(S_NTF), 0);
	CHECK_EQ(sys_cap_mint(S_IRQ, S_A, LINE8, 0), 0);
	CHECK_EQ(sys_irq_bind(S_A, S_NTF), 0);
	cmos_read(0x0C);
	unsigned b = cmos_read(0x0B);
	cmos_write(0x0B, b | 0x40);                 /* periodic interrupt on (1024 Hz) */
	CHECK_EQ(poll_bits(S_NTF), LINE8);          /* unbadged: the line's bit */
	cmos_read(0x0C);                            /* the device is serviced... */
	sys_sleep(3);
	CHECK_EQ(polled(S_NTF), 0); /* ...but the line stays masked until irq_ack */
	int dog = peer_start("signal delay=100", S_NTF, WATCHDOG, NTR_SIGNAL);
	CHECK(dog > 0);
	CHECK_EQ(sys_irq_ack(S_A), 0);
	CHECK_EQ(ntf_wait(S_NTF, &bits), 0);
	cmos_write(0x0B, b & ~0x40u);
	cmos_read(0x0C);
	CHECK_EQ(bits, LINE8);
	CHECK_EQ(sys_cap_delete(S_A), 0);           /* unbinds and masks the line */
	CHECK_EQ(peer_kill(dog, &e), 0);
	return 0;
}
