/*
 * fmt.h - printf-style formatting (lib/fmt.c) into any sink: the kernel's
 * log and the user runtime's console both format with it.
 * %d %i %u %x %X %p %s %c %%, with width, '0' and '-' flags; l/ll accepted.
 */
#ifndef LIB_FMT_H
#define LIB_FMT_H

#include <stdarg.h>
#include <stddef.h>

typedef void (*fmt_put_fn)(char c, void *arg);
int fmt_vformat(fmt_put_fn put, void *arg, const char *fmt, va_list ap);
int fmt_snprintf(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int fmt_vsnprintf(char *buf, size_t n, const char *fmt, va_list ap);

#endif
