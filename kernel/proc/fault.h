/*
 * fault.h - containment of ring-3 CPU exceptions.
 */
#ifndef KERNEL_FAULT_H
#define KERNEL_FAULT_H

#include <stdint.h>

struct trapframe;

const char *fault_name(uint32_t vector);
/*
 * Reports a ring-3 fault to the task's supervisor and carries out its
 * answer, with one FAULT or IOFAULT line: returns when the task is resumed
 * or restarted, else ends it.
 */
void user_fault(struct trapframe *tf);
/* Ends the current task, found in virtual-8086 mode (any trap with EFLAGS.VM), with a FAULT line. */
void vm86_fault(struct trapframe *tf) __attribute__((noreturn));

#endif
