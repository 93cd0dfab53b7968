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
/*
 * The exhaustive sweep's record (ioprobe sweep): record_sweep_trap is the
 * fault_fn that notes each trapped `in` (quietly resumed); sweep_trapped
 * asks whether port at width trapped, sweep_traps how many did, and
 * sweep_bad_messages how many faults were not an `in` of a known width.
 */
void sweep_reset(void);
unsigned record_sweep_trap(const struct supmsg *m, void *ctx);
int sweep_trapped(unsigned port, unsigned width);
unsigned sweep_traps(void);
unsigned sweep_bad_messages(void);

int t_io_exhaustive_sweep(void);
int t_io_revoke_takes_effect(void);
int t_io_delete_takes_effect(void);
int t_io_revoke_keeps_the_other_ports(void);
int t_io_switch_does_not_leak(void);
int t_iopl_needs_the_cap(void);
int t_iopl_cap_grants_and_revokes(void);
int t_iopl_holder_gets_if_back(void);
int t_iopl_revoke_reaches_cli_spinner(void);
int t_cap_bad_slots(void);
int t_cap_derive_narrows(void);
#endif
