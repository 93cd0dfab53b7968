#ifndef USER_USERTESTS_IOTESTS_H
#define USER_USERTESTS_IOTESTS_H
#include "user/usertests/ut.h"

#define CSPACE_SLOTS_ABI 32

/* Spawns ioprobe with args, suspended, holding derived copies of ranges[] (a whole space: a copy). */
int start_probe(const char *args, const struct ioports *ranges, int n);
/* A supervisor's answer to one fault of the probe. */
typedef unsigned (*fault_fn)(const struct supmsg *m, void *ctx);
/* Resumes tid (spawned suspended) and supervises it until it exits; 0 and *e, or -1. */
int supervise_until_exit(int tid, fault_fn on_fault, void *ctx, struct exitinfo *e);

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
