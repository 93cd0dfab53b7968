#ifndef KERNEL_PANIC_H
#define KERNEL_PANIC_H
struct trapframe;
void panic_trap(const struct trapframe *tf, const char *what) __attribute__((noreturn));
/* Takes a deliberate ring-0 page fault at address 0. */
void panic_selftest(void) __attribute__((noreturn));
#endif
