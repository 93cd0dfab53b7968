/* iorevoke.pml - the port and IOPL revoke protocols of docs/smp.md ("The
 * shootdown and revoke protocols", R1-R6) as a Promela model, so that spin
 * can check every interleaving: after the revoking call returns, no CPU
 * completes an in/out through the revoked port or a cli under the cleared
 * IOPL, and nothing deadlocks (spin's invalid end states).
 * tests/model/model.mk runs it in `make test`.
 *
 * CPU 0 runs the revoker; CPUs 1..NCPU-1 each have a thread of the holder
 * task H that they switch in and out.  An I/O instruction is two steps:
 * the check (the CPU reads iomap_base and the bitmap, or EFLAGS.IOPL) and
 * the access; an interrupt comes only between instructions, never between
 * the two, which is what the IPI's ack waits out.
 *
 * Mutants (each must make spin find an error; make check-model-mutants):
 *   -DNO_ACK_WAIT      the revoker returns without waiting for the acks
 *   -DNO_PORT_ACK_WAIT the same, in the port revoke only
 *   -DNO_IOPL_ACK_WAIT the same, in the IOPL revoke only
 *   -DNO_SPIN_SERVICE  a CPU spinning on the lock does not serve IPIs
 */

#ifndef NCPU
#define NCPU 3
#endif
#define TICKETS 4

/* the holder task H: its capabilities, and the CPUs whose TSS holds its
 * bitmap (task->io_loaded, a live-CPU set for the bitmap) */
bool port_cap = 1;
bool iopl_cap = 1;
bool io_loaded[NCPU];
bool port_returned;             /* the port revoke has returned */
bool iopl_returned;             /* the IOPL revoke has returned */

/* per-CPU: the TSS lets the port through (iomap_base inside the limit and
 * the bit clear), the running thread's EFLAGS.IOPL is 3, a pending revoke
 * IPI (cpu->io_req; clearing it is the ack), an I/O instruction between its
 * check and its access (1: in/out, 2: cli) */
bool tss_ok[NCPU];
bool iopl[NCPU];
bool ipi[NCPU];
byte inflight[NCPU];

byte next_ticket;
byte now_serving;

/* R5: the handler reloads the bitmap state and IOPL from the capabilities
 * (both already dropped), then acks.  Only at an instruction boundary. */
inline serve_ipi(me) {
	atomic {
		ipi[me] && inflight[me] == 0 ->
		tss_ok[me] = tss_ok[me] && port_cap;
		iopl[me] = iopl[me] && iopl_cap;
		ipi[me] = 0
	}
}

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

proctype holder(byte me)
{
	bool running;
	byte t;
end_idle:
	do
	:: !running && inflight[me] == 0 ->
		/* switch H in, under the lock: join io_loaded, then load the
		 * bitmap (iomap_base inside the limit) and the thread's IOPL,
		 * both as the capabilities say now */
		lock_acquire(me, t);
		io_loaded[me] = 1;
		tss_ok[me] = port_cap;
		iopl[me] = iopl_cap;
		running = 1;
		lock_release()
	:: running && inflight[me] == 0 ->
		/* switch H out: iomap_base past the limit, then leave io_loaded */
		lock_acquire(me, t);
		tss_ok[me] = 0;
		iopl[me] = 0;
		io_loaded[me] = 0;
		running = 0;
		lock_release()
	:: atomic {
		/* in/out: the check passes (a denied one traps: #GP, no access) */
		running && inflight[me] == 0 && tss_ok[me] -> inflight[me] = 1 }
	:: atomic {
		/* cli: the IOPL check passes (IOPL < 3 traps: #GP) */
		running && inflight[me] == 0 && iopl[me] -> inflight[me] = 2 }
	:: inflight[me] == 1 ->
		atomic { assert(!port_returned); inflight[me] = 0 }
	:: inflight[me] == 2 ->
		atomic { assert(!iopl_returned); inflight[me] = 0 }
	:: serve_ipi(me)
	od
}

inline wait_acks(c) {
	c = 1;
	do
	:: c < NCPU -> (ipi[c] == 0); c++
	:: else -> break
	od
}

proctype revoker()
{
	byte t;
	byte c;
	/* R1-R4: revoke the port range */
	lock_acquire(0, t);
	port_cap = 0;
	c = 1;
	do
	:: c < NCPU ->
		if
		:: io_loaded[c] -> tss_ok[c] = 0; ipi[c] = 1
		:: else -> skip
		fi;
		c++
	:: else -> break
	od;
#if !defined(NO_ACK_WAIT) && !defined(NO_PORT_ACK_WAIT)
	wait_acks(c);
#endif
	lock_release();
	port_returned = 1;

	/* R6: revoke IOPL: it lives in the running thread's EFLAGS, which
	 * only its own CPU can change: always the IPI */
	lock_acquire(0, t);
	iopl_cap = 0;
	c = 1;
	do
	:: c < NCPU ->
		if
		:: io_loaded[c] -> ipi[c] = 1
		:: else -> skip
		fi;
		c++
	:: else -> break
	od;
#if !defined(NO_ACK_WAIT) && !defined(NO_IOPL_ACK_WAIT)
	wait_acks(c);
#endif
	lock_release();
	iopl_returned = 1
}

init {
	byte i;
	atomic {
		i = 1;
		do
		:: i < NCPU -> run holder(i); i++
		:: else -> break
		od;
		run revoker()
	}
}
