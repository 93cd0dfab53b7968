/*
 * irq.h - interrupt lines as capabilities: a task holding Irq(line) binds
 * the line to a notification; each interrupt masks the line and signals
 * it, and the driver's irq_ack unmasks it once the device is serviced.
 */
#ifndef KERNEL_IRQ_H
#define KERNEL_IRQ_H

#include <stdint.h>

struct cap;

/* An interrupt on a line the kernel does not handle itself. */
void irq_deliver(int line);
/* An Irq cap is deleted: its holder's bindings on those lines end. */
void irq_cap_gone(const struct cap *c);
/* The notification line is bound to (0: none) and the binder's tid (the invariant checker). */
struct notification;
struct notification *irq_binding(int line, int *owner_tid);
/* Interrupts seen on line (for the shell and tests). */
uint32_t irq_count(int line);

#endif
