/*
 * lib.h - the kernel's freestanding C library: memory/string helpers,
 * formatted output (fmt.c), the log and panic.  Pure C; also compiled on
 * the host for the unit tests.
 */
#ifndef KERNEL_LIB_H
#define KERNEL_LIB_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
size_t strlcpy(char *d, const char *s, size_t n);

/* fmt.c: %d %i %u %x %X %p %s %c %%, with width, '0' and '-' flags, l/ll ignored/handled. */
typedef void (*fmt_put_fn)(char c, void *arg);
int fmt_vformat(fmt_put_fn put, void *arg, const char *fmt, va_list ap);
int fmt_snprintf(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int fmt_vsnprintf(char *buf, size_t n, const char *fmt, va_list ap);

void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void kputs_raw(const char *s, size_t n);
/* Developer detail that would clutter the console: debug port 0xE9 only. */
void kprintf_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

#define KASSERT(c) do { if (!(c)) panic("assertion failed: %s at %s:%d", #c, __FILE__, __LINE__); } while (0)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
