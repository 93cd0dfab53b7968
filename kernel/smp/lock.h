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
	volatile int owner;          /* CPU id of the holder, -1: none (for KASSERTs and panics) */
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
	KASSERT_HOT(big_lock.owner != (int)c->id);   /* never a second ticket for the holder */
	uint32_t ticket = __atomic_fetch_add(&big_lock.next, 1, __ATOMIC_ACQUIRE);
	c->counts.lock_taken++;
	if (__atomic_load_n(&big_lock.serving, __ATOMIC_ACQUIRE) != ticket)
		kernel_lock_wait(c, ticket);
	big_lock.owner = (int)c->id;
}
/* Drops one level; the lock goes at the last (the idle loop; entry.S does the same at trapret). */
void kernel_unlock(void);

static inline int kernel_lock_held(void)
{
	return big_lock.owner == (int)this_cpu()->id && this_cpu()->lock_depth > 0;
}

#endif
