/*
 * uaccess.h - user pointers.  A user address is a uptr_t, a one-member
 * struct that C will not let anyone dereference; the only way through it
 * is copyin/copyout, which check the range (with overflow) and then every
 * page's user/write permission in the target address space.
 */
#ifndef KERNEL_UACCESS_H
#define KERNEL_UACCESS_H

#include <stdint.h>

typedef struct {
	uint32_t addr;
} uptr_t;

static inline uptr_t uptr(uint32_t a)
{
	return (uptr_t){ a };
}

struct aspace;

/* 1 if [addr, addr+len) lies inside user space without wrapping. */
int user_range_ok(uint32_t addr, uint32_t len);
/* 0, or -E_FAULT if any byte is outside user space or not mapped so. */
int copyin(const struct aspace *as, void *dst, uptr_t src, uint32_t len);
int copyout(const struct aspace *as, uptr_t dst, const void *src, uint32_t len);
/*
 * 1 if a copyout of len bytes to dst would succeed now: the check a call
 * makes before it blocks, so that a bad buffer is refused at once, without
 * copying anything.
 */
int user_writable(const struct aspace *as, uptr_t dst, uint32_t len);

#endif
