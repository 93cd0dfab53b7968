/*
 * usercopy.c - copyin/copyout.  The kernel runs with interrupts off and
 * translates each user page through the page tables instead of touching
 * user addresses directly, so a bad pointer is an error code and never a
 * kernel page fault (no fixup tables needed).
 */
#include "abi/errno.h"
#include "kernel/lib.h"
#include "kernel/mm/uaccess.h"
#include "kernel/mm/vm.h"

#define PAGE 4096u

int user_range_ok(uint32_t addr, uint32_t len)
{
	if (addr < USER_BASE || addr >= USER_END)
		return 0;
	return len <= USER_END - addr;
}

static int copy_user(const struct aspace *as, uint32_t uaddr, char *kbuf, uint32_t len, int out)
{
	if (len == 0)
		return 0;
	if (!user_range_ok(uaddr, len))
		return -E_FAULT;
	while (len) {
		uint32_t chunk = PAGE - (uaddr & (PAGE - 1));
		if (chunk > len)
			chunk = len;
		char *k = vm_user_page(as, uaddr, out);
		if (!k)
			return -E_FAULT;
		if (out)
			memcpy(k, kbuf, chunk);
		else
			memcpy(kbuf, k, chunk);
		uaddr += chunk;
		kbuf += chunk;
		len -= chunk;
	}
	return 0;
}

int user_writable(const struct aspace *as, uptr_t dst, uint32_t len)
{
	if (len == 0)
		return 1;
	if (!user_range_ok(dst.addr, len))
		return 0;
	/* Every page the range touches; the range check rules out wrapping. */
	for (uint32_t p = dst.addr & ~(PAGE - 1); p < dst.addr + len; p += PAGE)
		if (!vm_user_page(as, p, 1))
			return 0;
	return 1;
}

int copyin(const struct aspace *as, void *dst, uptr_t src, uint32_t len)
{
	return copy_user(as, src.addr, dst, len, 0);
}

int copyout(const struct aspace *as, uptr_t dst, const void *src, uint32_t len)
{
	return copy_user(as, dst.addr, (char *)src, len, 1);
}
