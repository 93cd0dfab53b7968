/*
 * request.h - the target's side of what one CPU asks of another
 * (kernel/smp/ipi.h has the asking side): serving this CPU's pending
 * shootdown and I/O reload, wherever it notices them.
 */
#ifndef KERNEL_SMP_REQUEST_H
#define KERNEL_SMP_REQUEST_H

#include "arch/i386/trapframe.h"
#include "kernel/smp/cpu.h"

/*
 * Serves c's pending requests (c is this CPU), each acked by clearing its
 * word once done.  tf: the frame of the ring-3 code the IPI interrupted,
 * whose EFLAGS.IOPL a revoke may clear, or 0 in the kernel (the task's way
 * out fixes it then: TW_IOSYNC).  A CPU told to stop (smp_stopping, a
 * panic elsewhere) stops here.
 */
void smp_serve_requests(struct cpu *c, struct trapframe *tf);

/* The I/O half of a request, which knows tasks (kernel/object/taskio.c); set at boot. */
extern void (*io_request_hook)(struct cpu *c, struct trapframe *tf);

/* Set by a panicking CPU (smp_stop_others). */
extern volatile int smp_stopping;

#endif
