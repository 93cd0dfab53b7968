/*
 * lock.h - the big kernel lock (seL4's choice: the kernel is short
 * non-preemptible paths, so one lock costs little and proves much).  Every
 * entry takes it (kernel_lock: traps and interrupts in C, both system call
 * gates), every way back to ring 3 or to the idle loop drops it
 * (arch/i386/entry.S at trapret, kernel_unlock in the idle loop), and it
 * is held across task switches.  A ticket lock: CPUs get it in the order
 * they asked, and a waiter serves its own shootdown and revoke requests
 * while it spins, since the holder may be waiting for exactly those acks
 * (docs/smp.md, S1).
 */
#ifndef KERNEL_SMP_LOCK_H
#define KERNEL_SMP_LOCK_H

#include <stdint.h>
#include "kernel/lib.h"
#include "kernel/smp/cpu.h"

struct ticket_lock {
	volatile uint32_t next;      /* the next ticket to hand out */
	volatile uint32_t serving;   /* the ticket that holds the lock */
};

extern struct ticket_lock big_lock;

void kernel_lock_wait(struct cpu *c, uint32_t ticket);

/*
 * Takes the lock unless this CPU already holds it (a trap nested in the
 * kernel).  Inline: every kernel entry runs it, and uncontended it is a
 * locked xadd and a compare.
 */
static inline void kernel_lock(void)
{
	struct cpu *c = this_cpu();           /* interrupts off: every entry gate clears IF */
	if (c->lock_depth++)
		return;
	uint32_t ticket = __atomic_fetch_add(&big_lock.next, 1, __ATOMIC_ACQUIRE);
	c->lock_ticket = ticket;
	c->counts.lock_taken++;
	if (__atomic_load_n(&big_lock.serving, __ATOMIC_ACQUIRE) != ticket)
		kernel_lock_wait(c, ticket);
}
/*
 * Another CPU inside the kernel whose ticket is the one served, or 0: a
 * second holder, which tickets rule out (entry.S's assert-build check and
 * the invariant checker ask it).
 */
const struct cpu *kernel_lock_other_holder(const struct cpu *me);
/* Drops one level; the lock goes at the last (the idle loop; entry.S does the same at trapret). */
void kernel_unlock(void);

/*
 * Who holds the lock is the ticket being served: a CPU that is inside the
 * kernel (depth > 0) holds it exactly when that is its own ticket (it waits
 * while it is not).  No owner word, so taking and dropping the lock store
 * nothing but the ticket (docs/smp.md).
 */
static inline int kernel_lock_held(void)
{
	const struct cpu *c = this_cpu();
	return c->lock_depth > 0 && big_lock.serving == c->lock_ticket;
}

#endif
