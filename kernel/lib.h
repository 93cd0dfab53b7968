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

/*
 * Preconditions and invariants, checked (docs/architecture.md, "Invariants"):
 *
 * KASSERT(c) is in every kernel, the one make test and make bench boot:
 * for paths no benchmark times (boot, spawn, exit, restart, faults,
 * binding, freeing).
 *
 * KASSERT_HOT(c) is for the paths the benchmarks time (switch, block and
 * wake, the endpoint queues, cap operations), where every instruction
 * shows in a figure.  It is compiled in only with KASSERT_HOT_ON (make
 * HOT_ASSERTS=1; `make test-asserts`, part of make test, builds that
 * kernel and runs the usertests and the fuzzer on it; the host unit tests
 * always have it).  Elsewhere c is still compiled, never evaluated, so it
 * cannot rot.
 */
#define KASSERT(c) do { if (!(c)) panic("assertion failed: %s at %s:%d", #c, __FILE__, __LINE__); } while (0)
#ifdef KASSERT_HOT_ON
#define KASSERT_HOT(c) KASSERT(c)
#else
#define KASSERT_HOT(c) do { (void)sizeof(!(c)); } while (0)
#endif

#endif
