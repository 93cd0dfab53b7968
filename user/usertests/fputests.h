#ifndef USER_USERTESTS_FPUTESTS_H
#define USER_USERTESTS_FPUTESTS_H
#include "user/usertests/ut.h"

int t_fpu_not_shared(void);
int t_fpu_values_survive_switches(void);
int t_fpu_error_is_a_fault(void);
#endif
