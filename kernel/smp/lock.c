/*
 * lock.c - the big kernel lock's ticket protocol (lock.h): the wait and
 * the C release.  The take is inline (lock.h; entry.S's sysenter leaf
 * path has the same steps in assembly), and the release at trapret is
 * assembly (kernel_unlock_asm): it must run after the last C of a way
 * out, on the stack it leaves from.
 */
#include "arch/i386/arch.h"
#include "kernel/lib.h"
#include "kernel/smp/request.h"
#include "kernel/smp/lock.h"

struct ticket_lock big_lock = { 0, 0 };

/* The ticket was not yet served: wait for it, serving this CPU's requests (S1). */
void kernel_lock_wait(struct cpu *c, uint32_t ticket)
{
	c->counts.lock_waited++;
	while (__atomic_load_n(&big_lock.serving, __ATOMIC_ACQUIRE) != ticket) {
		c->counts.lock_spins++;
		smp_serve_requests(c, 0);
		arch_cpu_relax();
	}
}

void kernel_unlock(void)
{
	struct cpu *c = this_cpu();
	KASSERT(kernel_lock_held());
	if (--c->lock_depth)
		return;
	__atomic_store_n(&big_lock.serving, big_lock.serving + 1, __ATOMIC_RELEASE);
}

/* entry.S: a way out dropped a lock this CPU did not hold (a kernel bug). */
void lock_underflow_panic(const uint32_t *sp);
void lock_underflow_panic(const uint32_t *sp)
{
	/* sp: the trap frame the way out was leaving through. */
	panic("big lock: released on a way out that never took it (trap %u at 0x%08x, cs 0x%x)",
	      sp[12], sp[14], sp[15]);
}

/*
 * entry.S and leaf.S, the assert build: this CPU's ticket from ring 3 came
 * up; no other CPU inside the kernel may have the ticket being served
 * (a CPU leaving clears its depth before it serves the next ticket).
 */
void lock_check_sole_holder(void);
void lock_check_sole_holder(void)
{
	const struct cpu *me = this_cpu(), *other = kernel_lock_other_holder(me);
	if (other)
		panic("big lock: cpu%u took it on an entry from ring 3 while cpu%u held it (ticket %u)",
		      me->id, other->id, big_lock.serving);
}

const struct cpu *kernel_lock_other_holder(const struct cpu *me)
{
	for (uint32_t i = 0; i < ncpus_online; i++) {
		const struct cpu *c = &cpus[i];
		if (c != me && c->lock_depth > 0 && c->lock_ticket == big_lock.serving)
			return c;
	}
	return 0;
}
