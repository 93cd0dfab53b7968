/*
 * syscalls.h - the one list of system calls.  It generates the numbers
 * here, the kernel's dispatch table (kernel/syscall.c) and the user stubs
 * (user/lib/syscall.c); nothing else spells out a number.
 *
 * Both gates (int 0x80 and sysenter) take eax = number and up to four
 * arguments in ebx, esi, edi, ebp, and return eax (a negative value is
 * -E_x from abi/errno.h).  sysenter also clobbers ecx and edx.
 *
 * X(name, number of arguments, argument list of the user stub)
 */
#ifndef KERNEL_ABI_SYSCALLS_H
#define KERNEL_ABI_SYSCALLS_H

#define SYSCALL_LIST(X)                                                              \
	X(null,     0, (void))                                                       \
	X(exit,     1, (int code))                                                   \
	X(write,    2, (const void *buf, unsigned len))                              \
	X(yield,    0, (void))                                                       \
	X(getpid,   0, (void))                                                       \
	X(spawn,    4, (const char *name, unsigned name_len, const char *args, unsigned args_len)) \
	X(wait,     2, (int tid, struct exitinfo *info))                             \
	X(kill,     1, (int tid))                                                    \
	X(sleep,    1, (unsigned ticks))                                             \
	X(uptime,   0, (void))                                                       \
	X(taskinfo, 2, (int tid, struct taskinfo *info))                             \
	X(shutdown, 1, (int code))

#ifndef __ASSEMBLER__
enum syscall_nr {
#define X(name, nargs, proto) SYS_##name,
	SYSCALL_LIST(X)
#undef X
	SYS_COUNT
};

/* What wait() reports about a finished task. */
struct exitinfo {
	int code;            /* exit() argument; -1 if killed */
	int fault_vector;    /* CPU exception that killed it, or -1 */
	unsigned fault_eip;
	unsigned fault_addr; /* CR2 for page faults */
	int killed_by;       /* tid of the task that killed it, or 0 */
};

enum task_state_abi { TS_FREE, TS_RUNNABLE, TS_RUNNING, TS_BLOCKED, TS_ZOMBIE };

struct taskinfo {
	int tid;
	int parent;
	int state;
	unsigned ticks;      /* timer ticks spent running */
	char name[16];
};

#endif /* __ASSEMBLER__ */

#define TIMER_HZ 100

#endif
