/*
 * ipi.h - what one CPU asks of another: run the scheduler, flush a range
 * of a space's TLB entries, reload the running task's I/O state.  The
 * shootdown and the revoke are the protocols of docs/smp.md (S4-S7,
 * R2-R5), model-checked in tests/model/: the initiator holds the big
 * lock, writes each target's request, sends the IPI, and waits until
 * every target has cleared its request.  A target serves its requests in
 * the IPI's handler, or while it spins on the big lock (kernel_lock), or
 * on its way out of the idle loop.
 */
#ifndef KERNEL_SMP_IPI_H
#define KERNEL_SMP_IPI_H

#include <stdint.h>
#include "arch/i386/trapframe.h"
#include "kernel/smp/cpu.h"

/* Sends vector to CPU to (another online CPU) and counts it. */
void smp_ipi(struct cpu *to, int vector);

/*
 * Every CPU in targets (a mask of CPU ids, never this one's) flushes
 * [va, va + npages pages) of the space whose directory is pgdir, if it
 * still has it loaded; returns when all have.
 */
void smp_tlb_shootdown(uint32_t targets, uint32_t pgdir, uint32_t va, uint32_t npages);

/*
 * Every CPU in targets loses its TSS's port access at once (iomap_base
 * past the limit), then reloads its running task's I/O state from its
 * capabilities, IOPL included; returns when all have.
 */
void smp_io_revoke(uint32_t targets);

/* The service IPI's handler (entry.S), without the big lock: its holder may be waiting for us. */
void smp_ipi_service(struct trapframe *tf);

/* An NMI's handler (entry.S): serves requests when it interrupted ring 3. */
void smp_nmi(struct trapframe *tf);

/* Panic: the other CPUs stop where they are (spinning, in ring 3 or idle). */
void smp_stop_others(void);

#endif
