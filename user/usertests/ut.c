/* ut.c - runs the table of test cases and prints TAP. */
#include "user/usertests/ut.h"

int run_child(const char *name, const char *args, struct exitinfo *e)
{
	int tid = spawn(name, args);
	if (tid < 0)
		return tid;
	return (int)sys_wait(tid, e) == tid ? tid : -1;
}

static const char *skip_why;

int ut_skip(const char *why)
{
	skip_why = why;
	return UT_SKIP;
}

int ut_run(const struct ut_case *cases, unsigned n)
{
	unsigned failed = 0, skipped = 0;
	printf("1..%u\n", n);
	for (unsigned i = 0; i < n; i++) {
		skip_why = 0;
		int r = cases[i].fn();
		if (r == UT_SKIP && skip_why) {
			printf("ok %u - %s # SKIP %s\n", i + 1, cases[i].name, skip_why);
			skipped++;
			continue;
		}
		printf("%sok %u - %s\n", r ? "not " : "", i + 1, cases[i].name);
		failed += r != 0;
	}
	printf("# usertests: %u of %u passed, %u skipped\n", n - failed - skipped, n, skipped);
	return failed ? 1 : 0;
}
