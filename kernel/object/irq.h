/*
 * irq.h - interrupt lines as capabilities: a task holding Irq(line) binds
 * the line to a notification; each interrupt masks the line and signals
 * it, and the driver's irq_ack unmasks it once the device is serviced.
 */
#ifndef KERNEL_IRQ_H
#define KERNEL_IRQ_H

#include <stdint.h>

struct task;

/* An interrupt on a line the kernel does not handle itself. */
void irq_deliver(int line);
/*
 * t's Irq cap in slot left it (deleted, revoked, moved): the lines it bound
 * with that cap are unbound and masked; likewise for the notification cap
 * the binding signals through (irq_ntf_gone).
 */
void irq_cap_gone(const struct task *t, uint32_t slot);
void irq_ntf_gone(const struct task *t, uint32_t slot);
/* A task restarts: the lines it bound are unbound (masked) until the new incarnation binds them. */
void irq_task_reset(int tid);
/* The notification line is bound to (0: none), the binder's tid and the slots it named (the invariant checker). */
struct notification;
struct notification *irq_binding(int line, int *owner_tid, uint32_t *irq_slot, uint32_t *ntf_slot);
/* Interrupts seen on line (for the shell and tests). */
uint32_t irq_count(int line);

#endif
