/*
 * console.c - the kernel's own output: the debug console (port 0xE9, QEMU
 * -debugcon and Bochs port_e9_hack) and, polled, COM1.  COM1 is the
 * kernel's only until the console driver takes the kernel log over while
 * holding COM1 (kernel/object/taskio.c:com1_owner_update); the 0xE9 log is never
 * given away.  COM1 is ARCH_CONSOLE_PORT in arch.h.
 */
#include "arch/i386/arch.h"
#include "arch/i386/x86.h"

#define COM1 ARCH_CONSOLE_PORT

static int serial_ok;

void arch_console_init(void)
{
	outb(IOPORT(COM1 + 1), 0x00);   /* no interrupts */
	outb(IOPORT(COM1 + 3), 0x80);   /* DLAB */
	outb(IOPORT(COM1 + 0), 0x01);   /* 115200 baud */
	outb(IOPORT(COM1 + 1), 0x00);
	outb(IOPORT(COM1 + 3), 0x03);   /* 8N1 */
	outb(IOPORT(COM1 + 2), 0xC7);   /* FIFO on */
	outb(IOPORT(COM1 + 4), 0x03);
	/* A missing UART reads back 0xFF; then we only use 0xE9. */
	serial_ok = inb(IOPORT(COM1 + 5)) != 0xFF;
}

void arch_console_putc_debug(char c)
{
	outb(IOPORT(0xE9), (uint8_t)c);
}

void arch_console_putc_com1(char c)
{
	if (!serial_ok)
		return;
	if (c == '\n')
		arch_console_putc_serial('\r');
	arch_console_putc_serial(c);
}

void arch_console_putc(char c)
{
	arch_console_putc_debug(c);
	arch_console_putc_com1(c);
}

void arch_console_putc_serial(char c)
{
	for (int spin = 0; spin < 100000; spin++)
		if (inb(IOPORT(COM1 + 5)) & 0x20)
			break;
	outb(IOPORT(COM1), (uint8_t)c);
}
