/*
 * layout.h - the address-space layout, apart from the code that builds
 * it (kernel/mm/vm.c): the frame pool (kernel/mm/kmem.c) needs to know how far
 * the identity map reaches without depending on the address spaces, which
 * take their frames from it.
 */
#ifndef KERNEL_LAYOUT_H
#define KERNEL_LAYOUT_H

#define KERNEL_DIRECT_END 0x40000000u
#define USER_BASE         0x40000000u
#define USER_END          0xC0000000u
#define USER_STACK_TOP    USER_END
#define USER_STACK_PAGES  8

#endif
