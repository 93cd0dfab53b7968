/*
 * test_iocap_main.c - the host runner for the iocap/ unit tests (Check).
 * One runner for every suite so that `make test-iocap` prints one
 * summary line; exits non-zero if any check failed.  CK_VERBOSITY=verbose
 * names every test, CK_RUN_CASE/CK_RUN_SUITE pick one case or suite.
 */
#include <check.h>
#include <stdlib.h>

/* Each defined in test_iocap_<module>.c. */
Suite *iocap_ioports_suite(void);
Suite *iocap_iobitmap_suite(void);
Suite *iocap_iodecode_suite(void);
Suite *iocap_iopl_suite(void);
Suite *iocap_iotss_suite(void);
Suite *iocap_ioowned_suite(void);
Suite *iocap_pciguard_suite(void);
Suite *iocap_pcicap_suite(void);

int main(void)
{
	SRunner *sr = srunner_create(iocap_ioports_suite());
	srunner_add_suite(sr, iocap_iobitmap_suite());
	srunner_add_suite(sr, iocap_iodecode_suite());
	srunner_add_suite(sr, iocap_iopl_suite());
	srunner_add_suite(sr, iocap_iotss_suite());
	srunner_add_suite(sr, iocap_ioowned_suite());
	srunner_add_suite(sr, iocap_pciguard_suite());
	srunner_add_suite(sr, iocap_pcicap_suite());
	srunner_run_all(sr, CK_ENV);   /* CK_VERBOSITY=verbose lists every test */
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
