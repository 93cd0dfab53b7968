#ifndef USER_USERTESTS_IOTESTS_H
#define USER_USERTESTS_IOTESTS_H
#include "user/usertests/ut.h"

#define CSPACE_SLOTS_ABI 32

int t_io_exhaustive_sweep(void);
int t_io_revoke_takes_effect(void);
int t_io_delete_takes_effect(void);
int t_io_switch_does_not_leak(void);
int t_iopl_needs_the_cap(void);
int t_iopl_cap_grants_and_revokes(void);
int t_iopl_holder_gets_if_back(void);
int t_iopl_revoke_reaches_cli_spinner(void);
int t_cap_bad_slots(void);
int t_cap_derive_narrows(void);
#endif
