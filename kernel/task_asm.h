/*
 * task_asm.h - what the sysenter entry (arch/i386/entry.S) needs of the
 * kernel's C types: offsets in struct task (kernel/task.c checks them) and
 * two system call numbers (kernel/syscall.c checks them).
 */
#ifndef KERNEL_TASK_ASM_H
#define KERNEL_TASK_ASM_H

#define TASK_KILLED_BY       52
#define TASK_RESTART_PENDING 56

/* The two calls the sysenter gate hands to the IPC fast path (kernel/syscall.c checks). */
#define SYSNR_IPC_CALL       26
#define SYSNR_IPC_REPLY_RECV 29

#endif
