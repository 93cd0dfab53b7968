/* ut.c - runs the table of test cases and prints TAP. */
#include "user/usertests/ut.h"

int run_child(const char *name, const char *args, struct exitinfo *e)
{
	int tid = spawn(name, args);
	if (tid < 0)
		return tid;
	return (int)sys_wait(tid, e) == tid ? tid : -1;
}

int ut_run(const struct ut_case *cases, unsigned n)
{
	unsigned failed = 0;
	printf("1..%u\n", n);
	for (unsigned i = 0; i < n; i++) {
		int r = cases[i].fn();
		printf("%sok %u - %s%s\n", r && r != UT_SKIP ? "not " : "", i + 1, cases[i].name,
		       r == UT_SKIP ? " # SKIP" : "");
		failed += r && r != UT_SKIP;
	}
	printf("# usertests: %u of %u passed\n", n - failed, n);
	return failed ? 1 : 0;
}
