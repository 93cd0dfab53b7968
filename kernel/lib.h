/*
 * lib.h - what every kernel file may use: the freestanding helpers of
 * lib/ (memory, strings, formatting), the log's kprintf and panic
 * (kernel/debug/), and KASSERT.
 */
#ifndef KERNEL_LIB_H
#define KERNEL_LIB_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/fmt.h"
#include "lib/string.h"

void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void kputs_raw(const char *s, size_t n);
/* Developer detail that would clutter the console: debug port 0xE9 only. */
void kprintf_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

#define KASSERT(c) do { if (!(c)) panic("assertion failed: %s at %s:%d", #c, __FILE__, __LINE__); } while (0)

#endif
