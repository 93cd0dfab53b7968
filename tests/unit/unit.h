/*
 * unit.h - what every host unit-test file shares.  Each tests/unit/test_<module>.c
 * defines unit_suite(); runner.c runs it.  One test function per property.
 */
#ifndef TESTS_UNIT_UNIT_H
#define TESTS_UNIT_UNIT_H

#include <check.h>

Suite *unit_suite(void);

#endif
