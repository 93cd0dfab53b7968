/*
 * ut.h - a tiny TAP harness for ring-3 tests: CHECK macros report the
 * first failing line as a TAP diagnostic and make the test return 1.
 */
#ifndef USER_USERTESTS_UT_H
#define USER_USERTESTS_UT_H

#include "kernel/mm/vm.h"
#include "user/lib/ulib.h"

struct ut_case {
	const char *name;
	int (*fn)(void);
};

#define UT(f) { #f + 2, f }
/* What a test returns when the machine cannot show its property (one CPU): TAP's "ok ... # SKIP". */
#define UT_SKIP 2

#define CHECK(c) do { \
	if (!(c)) { printf("# %s:%d: check failed: %s\n", __FILE__, __LINE__, #c); return 1; } \
} while (0)

#define CHECK_EQ(a, b) do { \
	long _a = (long)(a), _b = (long)(b); \
	if (_a != _b) { \
		printf("# %s:%d: %s == %ld, expected %s == %ld\n", __FILE__, __LINE__, #a, _a, #b, _b); \
		return 1; \
	} \
} while (0)

int ut_run(const struct ut_case *cases, unsigned n);
int run_child(const char *name, const char *args, struct exitinfo *e);

#endif
