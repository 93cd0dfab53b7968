/*
 * errno.h - the closed set of errors a system call can return, as -E_x in
 * eax.  Shared by the kernel and user/.  ERROR_LIST is the one list: the
 * kernel's refusal log takes the names from it (kernel/api/syscall.c) and
 * user/'s strerror() the texts (user/lib/ulib.c).
 */
#ifndef KERNEL_ABI_ERRNO_H
#define KERNEL_ABI_ERRNO_H

#define ERROR_LIST(X) \
	X(E_OK,     0, "ok")                                   \
	X(E_NOSYS,  1, "no such system call")                  \
	X(E_FAULT,  2, "bad user address")                     \
	X(E_INVAL,  3, "invalid argument")                     \
	X(E_NOENT,  4, "no such module")                       \
	X(E_NOMEM,  5, "out of memory")                        \
	X(E_PERM,   6, "not permitted")                        \
	X(E_SRCH,   7, "no such task")                         \
	X(E_CHILD,  8, "not a child of the caller")            \
	X(E_RANGE,  9, "value out of range")                   \
	X(E_NOEXEC, 10, "not a valid ELF32 i386 executable")   \
	X(E_AGAIN,  11, "no free task slot")                   \
	X(E_BADSLOT, 12, "no such capability slot")            \
	X(E_EMPTY,  13, "capability slot is empty")            \
	X(E_FULL,   14, "capability slot is occupied")         \
	X(E_TYPE,   15, "wrong capability type")               \
	X(E_STATE,  16, "task is not in the required state")    \
	X(E_DEAD,   17, "the other side is gone")              \
	X(E_MAPPED, 18, "virtual address already mapped")      \
	X(E_NOTMAPPED, 19, "nothing mapped there")              \
	X(E_BUSY,   20, "the engine is busy")

enum pc_error {
#define X(name, val, text) name = val,
	ERROR_LIST(X)
#undef X
	E_COUNT
};

#endif
