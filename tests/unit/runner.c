/*
 * runner.c - main() of every unit-test binary.  The print mode comes from
 * CK_VERBOSITY (unit.mk sets "normal", which prints Check's summary line
 * and every failure).  Check forks per test, so one crash or sanitizer
 * abort is reported as that test's error and the others still run.
 */
#include <stdlib.h>

#include "tests/unit/unit.h"

int main(void)
{
	SRunner *sr = srunner_create(unit_suite());
	srunner_run_all(sr, CK_ENV);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
