/*
 * task_asm.h - what the sysenter leaf path (arch/i386/entry.S) reads of
 * struct task, as offsets; kernel/task.c checks them against the struct.
 */
#ifndef KERNEL_TASK_ASM_H
#define KERNEL_TASK_ASM_H

#define TASK_KILLED_BY       52
#define TASK_RESTART_PENDING 56

#endif
