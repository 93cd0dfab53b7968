/*
 * fault.c - does one forbidden thing in ring 3, named by its argument, so
 * that tests and the demo can check the kernel contains it.
 */
#include "arch/i386/user/uarch.h"
#include "user/lib/ulib.h"

#define KERNEL_TEXT 0x00100000u

static volatile int zero;
static volatile int never = -1;

/* The volatile frame keeps gcc from turning the recursion into a loop. */
static int __attribute__((noinline)) recurse(int depth)
{
	volatile char frame[512];
	frame[0] = (char)depth;
	if (depth == never)
		return 0;
	return recurse(depth + 1) + frame[0];
}

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";
	if (streq(what, "pf_read"))
		return *(volatile int *)0;
	if (streq(what, "pf_write_kernel"))
		*(volatile int *)KERNEL_TEXT = 1;
	else if (streq(what, "pf_unmapped"))
		*(volatile int *)0x80000000u = 1;
	else if (streq(what, "pf_write_text"))
		*(volatile int *)(uintptr_t)main = 1;
	else if (streq(what, "jump_kernel"))
		u_jump(KERNEL_TEXT);
	else if (streq(what, "hlt"))
		u_hlt();
	else if (streq(what, "cli"))
		u_cli();
	else if (streq(what, "inb"))
		return u_inb(0x60);
	else if (streq(what, "div0"))
		return u_div(1, zero);
	else if (streq(what, "ud2"))
		u_ud2();
	else if (streq(what, "stack_overflow"))
		return recurse(0);
	else if (streq(what, "sysenter_kernel_eip"))
		u_sysenter_to(KERNEL_TEXT, 0xBFFFF000u);
	else if (streq(what, "exit42"))
		return 42;
	else {
		printf("fault: unknown fault '%s'\n", what);
		return 2;
	}
	printf("fault: %s did not fault\n", what);
	return 3;
}
