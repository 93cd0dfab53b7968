/*
 * log.c - the kernel log.  Every line goes to the architecture's console
 * (debug port 0xE9 and, while the kernel owns it, COM1).
 */
#include "arch/i386/arch.h"
#include "kernel/lib.h"

static void log_put(char c, void *arg)
{
	(void)arg;
	arch_console_putc(c);
}

void kputs_raw(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		arch_console_putc(s[i]);
}

void kprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fmt_vformat(log_put, 0, fmt, ap);
	va_end(ap);
}

static void debug_put(char c, void *arg)
{
	(void)arg;
	arch_console_putc_debug(c);
}

void kprintf_debug(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fmt_vformat(debug_put, 0, fmt, ap);
	va_end(ap);
}
