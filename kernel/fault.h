/*
 * fault.h - containment of ring-3 CPU exceptions.
 */
#ifndef KERNEL_FAULT_H
#define KERNEL_FAULT_H

#include <stdint.h>

struct trapframe;

const char *fault_name(uint32_t vector);
/* Reports the fault in one FAULT line and ends the current task. */
void user_fault(struct trapframe *tf) __attribute__((noreturn));

#endif
