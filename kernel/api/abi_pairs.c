/*
 * abi_pairs.c - compile-time ties between the kernel's own enums and
 * limits and their twins in the ABI that user programs compile against
 * (abi/).  The kernel hands several of them across as plain casts
 * (taskinfo's state, a fault's I/O operation, cap_info's type), so a value
 * added or reordered on one side only must stop the build, not reach ring 3
 * as a wrong answer.  No code: only _Static_asserts.
 *
 * The offsets the assembly uses need no assert: they are generated from
 * the structures (arch/i386/asm-offsets.c); the trap frame's push order is
 * checked beside it (arch/i386/trapframe.h).
 */
#include "arch/i386/mmu.h"
#include "iocap/iodecode.h"
#include "abi/ipc.h"
#include "abi/syscalls.h"
#include "kernel/object/cap.h"
#include "kernel/proc/task.h"

/* Two enumerators of different enums have the same value (a plain == would be -Wenum-compare). */
#define SAME(k, abi) ((int)(k) == (int)(abi))

/* cap_info and cap_inspect report enum cap_type as enum cap_type_abi (kernel/object/cnode.c). */
_Static_assert(SAME(CAP_NULL, CAPT_NULL) && SAME(CAP_IOPORTS, CAPT_IOPORTS) &&
	       SAME(CAP_IOPL, CAPT_IOPL) && SAME(CAP_ENDPOINT, CAPT_ENDPOINT) &&
	       SAME(CAP_NOTIFY, CAPT_NOTIFY) && SAME(CAP_REPLY, CAPT_REPLY) &&
	       SAME(CAP_IRQ, CAPT_IRQ) && SAME(CAP_KLOG, CAPT_KLOG) &&
	       SAME(CAP_UNTYPED, CAPT_UNTYPED) && SAME(CAP_FRAME, CAPT_FRAME) && SAME(CAP_MMIO, CAPT_MMIO) &&
	       SAME(CAP_DMABUF, CAPT_DMABUF) && SAME(CAP_DMACHAN, CAPT_DMACHAN) &&
	       SAME(CAP_PCICFG, CAPT_PCICFG),
	       "enum cap_type and enum cap_type_abi");
_Static_assert(CAP_TYPE_COUNT == CAPT_PCICFG + 1, "a capability type the ABI cannot name");

/* taskinfo copies enum task_state into info->state (task.c:task_get_info). */
_Static_assert(SAME(TASK_FREE, TS_FREE) && SAME(TASK_RUNNABLE, TS_RUNNABLE) &&
	       SAME(TASK_RUNNING, TS_RUNNING) && SAME(TASK_BLOCKED, TS_BLOCKED) &&
	       SAME(TASK_ZOMBIE, TS_ZOMBIE), "enum task_state and enum task_state_abi");

/* A fault's I/O instruction goes out as its enum io_op (fault.c:fill_message, abi/fault.h). */
_Static_assert(SAME(IO_NONE, IOOP_NONE) && SAME(IO_IN, IOOP_IN) && SAME(IO_OUT, IOOP_OUT) &&
	       SAME(IO_INS, IOOP_INS) && SAME(IO_OUTS, IOOP_OUTS) && SAME(IO_CLI, IOOP_CLI) &&
	       SAME(IO_STI, IOOP_STI), "enum io_op and enum io_op_abi");
/* The fault message carries the operation, the width and rep in one byte each (word 1). */
_Static_assert(IO_STI <= 0xFF && IOOP_STI <= 0xFF, "io_op in struct supmsg");
_Static_assert(sizeof(((struct supmsg *)0)->io_op) == 1 && sizeof(((struct io_insn *)0)->width) == 1,
	       "io_op and width in struct supmsg");
/* Its vector is a signed byte: a ring-3 exception is 0-31 (trap.c), an exit without one -1. */
_Static_assert(sizeof(((struct supmsg *)0)->vector) == 1, "vector in struct supmsg");

/* taskinfo(TASKINFO_BY_SLOT | i) walks the task table: the ABI's count is the table's. */
_Static_assert(TASKINFO_SLOTS == MAX_TASKS, "TASKINFO_SLOTS and MAX_TASKS");

/* The root task's initial capabilities (main.c) are slots of its space. */
_Static_assert(ROOT_SLOT_IOPORTS < CSPACE_SLOTS && ROOT_SLOT_IOPL < CSPACE_SLOTS &&
	       ROOT_SLOT_IRQ < CSPACE_SLOTS && ROOT_SLOT_KLOG < CSPACE_SLOTS, "ROOT_SLOT_x");

/* User programs enter the int 0x80 gate by the ABI's number, the IDT sets it by the kernel's. */
_Static_assert(SYSCALL_VECTOR == T_SYSCALL, "SYSCALL_VECTOR and T_SYSCALL");
