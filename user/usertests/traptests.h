#ifndef USER_USERTESTS_TRAPTESTS_H
#define USER_USERTESTS_TRAPTESTS_H
#include "user/usertests/ut.h"

int t_iret_vm86_is_a_fault(void);
int t_iret_bad_selectors_fault(void);
int t_iret_odd_flags_harmless(void);
int t_sysenter_returns_df_clear(void);
#endif
