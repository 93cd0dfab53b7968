/*
 * request.c - a CPU serving what others asked of it (request.h): the
 * target's half of the shootdown and revoke protocols (docs/smp.md, S6
 * and R5), reached from the service IPI (kernel/smp/ipi.c) and from the
 * big lock's spin (kernel/smp/lock.c).
 */
#include "arch/i386/arch.h"
#include "arch/i386/pgtable.h"
#include "kernel/smp/request.h"

void (*io_request_hook)(struct cpu *c, struct trapframe *tf);
volatile int smp_stopping;

void smp_serve_requests(struct cpu *c, struct trapframe *tf)
{
	if (__atomic_load_n(&c->tlb_req.pending, __ATOMIC_ACQUIRE)) {
		/* A space switched away from since needs nothing: its CR3 load dropped the entries. */
		if (c->pgdir_loaded == c->tlb_req.pgdir)
			arch_tlb_flush_range(c->tlb_req.pgdir, c->tlb_req.va, c->tlb_req.npages);
		c->counts.tlb_requests++;
		__atomic_store_n(&c->tlb_req.pending, 0, __ATOMIC_RELEASE);
	}
	if (__atomic_load_n(&c->io_req, __ATOMIC_ACQUIRE)) {
		io_request_hook(c, tf);
		c->counts.io_requests++;
		__atomic_store_n(&c->io_req, 0, __ATOMIC_RELEASE);
	}
	while (smp_stopping)
		arch_halt_forever();
}

