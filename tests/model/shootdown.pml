/* shootdown.pml - the TLB shootdown protocol of docs/smp.md ("The shootdown
 * and revoke protocols", S1-S7) as a Promela model, so that spin can check
 * every interleaving: after unmap returns no CPU uses the old translation,
 * the frame is not reused before every ack, and nothing deadlocks (spin's
 * invalid end states).  tests/model/model.mk runs it in `make test`.
 *
 * CPU 0 runs the unmapper; CPUs 1..NCPU-1 run threads of the one address
 * space and read the page.  A CPU's TLB is one bit (it caches the page's
 * translation); loading CR3 empties it.  The live-CPU set, the big ticket
 * lock and the per-CPU IPI flag are the kernel's variables of the same name.
 *
 * Mutants (each must make spin find an error; make check-model-mutants):
 *   -DNO_ACK_WAIT      the unmapper returns without waiting for the acks
 *   -DNO_SPIN_SERVICE  a CPU spinning on the lock does not serve IPIs
 *   -DLATE_LIVE        a CPU joins the live set after loading CR3
 */

#ifndef NCPU
#define NCPU 3
#endif
#define TICKETS 4               /* ticket values wrap; > NCPU suffices */

/* the page table entry and the frame behind it */
bool pte_present = 1;
bool frame_reused;              /* handed out again by the frame allocator */
bool unmap_returned;            /* the unmapping system call has returned */

/* the address space's live-CPU set (space->live_cpus) */
bool live[NCPU];
/* per-CPU state: the cached translation, and a pending shootdown IPI
 * (cpu->tlb_req; the target clears it, which is its ack) */
bool tlb[NCPU];
bool ipi[NCPU];

/* the big kernel lock: a ticket lock */
byte next_ticket;
byte now_serving;

/* An IPI is delivered only at an instruction boundary with interrupts on:
 * in user mode, while idle, and while spinning on the lock.  The handler
 * flushes, then acks (S6). */
inline serve_ipi(me) {
	atomic { ipi[me] -> tlb[me] = 0; ipi[me] = 0 }
}

/* S1: take a ticket, spin until served; the spinner takes IPIs. */
inline lock_acquire(me, t) {
	atomic { t = next_ticket; next_ticket = (next_ticket + 1) % TICKETS }
	do
	:: now_serving == t -> break
#ifndef NO_SPIN_SERVICE
	:: serve_ipi(me)
#endif
	od
}

inline lock_release() {
	now_serving = (now_serving + 1) % TICKETS
}

/* One use of the page through this CPU's MMU: a TLB hit, or a walk of the
 * page table that fills the TLB; a not-present entry faults. */
inline access(me) {
	atomic {
		if
		:: tlb[me] ->
			assert(!unmap_returned);        /* no stale translation */
			assert(!frame_reused)
		:: !tlb[me] && pte_present ->
			tlb[me] = 1;
			assert(!unmap_returned);
			assert(!frame_reused)
		:: !tlb[me] && !pte_present -> skip  /* page fault */
		fi
	}
}

proctype reader(byte me)
{
	bool running;           /* CR3 holds the space's directory */
	bool joining;           /* LATE_LIVE: CR3 loaded, live bit not yet set */
	byte t;
end_idle:
	do
	:: !running ->
		/* S2: switch in: join the live set, then load CR3 (which
		 * empties the TLB).  From the CR3 load on, the MMU may walk
		 * the page table at any time, speculatively too. */
#ifndef LATE_LIVE
		live[me] = 1;
		tlb[me] = 0;
#else
		tlb[me] = 0;
		joining = 1;
#endif
		running = 1
#ifdef LATE_LIVE
	:: joining -> live[me] = 1; joining = 0
#endif
	:: running -> access(me)
	:: atomic { running && !tlb[me] && pte_present -> tlb[me] = 1 }
	:: running && !joining ->
		/* S3: switch away: load the kernel-only directory first, then
		 * leave the live set. */
		tlb[me] = 0;
		live[me] = 0;
		running = 0
	:: running ->
		/* a system call: the big lock, with IPIs served while spinning */
		lock_acquire(me, t);
		lock_release()
	:: serve_ipi(me)
	od
}

proctype unmapper()
{
	byte t;
	byte c;
	lock_acquire(0, t);
	/* S4: clear the entry, flush locally (CPU 0 does not run the space,
	 * so its TLB holds nothing to flush). */
	pte_present = 0;
	tlb[0] = 0;
	/* S5: IPI every other CPU in the live set */
	c = 1;
	do
	:: c < NCPU ->
		if
		:: live[c] -> ipi[c] = 1
		:: else -> skip
		fi;
		c++
	:: else -> break
	od;
#ifndef NO_ACK_WAIT
	/* S6: wait for every ack (the lock holder has interrupts off and
	 * serves nothing itself; it is never the target of one). */
	c = 1;
	do
	:: c < NCPU -> (ipi[c] == 0); c++
	:: else -> break
	od;
#endif
	/* S7: only now may the frame go back to the allocator; return. */
	lock_release();
	unmap_returned = 1;
	frame_reused = 1
}

init {
	byte i;
	atomic {
		i = 1;
		do
		:: i < NCPU -> run reader(i); i++
		:: else -> break
		od;
		run unmapper()
	}
}
