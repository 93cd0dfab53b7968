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
void irq_slot_gone(int tid, uint32_t slot, int is_ntf);
/*
 * How many bound lines each task slot's task owns ((tid - 1) % 64, as
 * task_lookup): a cap leaving a task that binds no line ends no binding,
 * and every notification cap that moves or goes asks.
 */
#define IRQ_TASK_SLOTS 64
extern uint8_t irq_lines_owned[IRQ_TASK_SLOTS];
static inline uint8_t *irq_lines_owned_by(int tid)
{
	return &irq_lines_owned[(uint32_t)(tid - 1) % IRQ_TASK_SLOTS];
}
static inline void irq_cap_gone(int tid, uint32_t slot)
{
	if (*irq_lines_owned_by(tid))
		irq_slot_gone(tid, slot, 0);
}
static inline void irq_ntf_gone(int tid, uint32_t slot)
{
	if (*irq_lines_owned_by(tid))
		irq_slot_gone(tid, slot, 1);
}
/* A task restarts: the lines it bound are unbound (masked) until the new incarnation binds them. */
void irq_task_reset(int tid);
/* The notification line is bound to (0: none), the binder's tid and the slots it named (the invariant checker). */
struct notification;
struct notification *irq_binding(int line, int *owner_tid, uint32_t *irq_slot, uint32_t *ntf_slot);
/* Interrupts seen on line (for the shell and tests). */
uint32_t irq_count(int line);

#endif
