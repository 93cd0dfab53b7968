#ifndef KERNEL_SUPERVISE_H
#define KERNEL_SUPERVISE_H
#include <stdint.h>
struct task;
/*
 * Hands t->fault (already filled in) to t's supervisor and waits for its
 * answer: FA_KILL, FA_RESUME or FA_RESTART, possibly with FA_QUIET.
 * FA_KILL at once when nobody supervises t.
 */
uint32_t supervise_fault(struct task *t);
/* supervise_fault's first half: 1 if t is now stopped and must block until supervise_release(). */
int supervise_stop(struct task *t);
/* The next event among me's children for supervise(): a fault not yet reported, or a zombie. */
struct supmsg;
struct task *supervise_next_event(struct task *me, struct supmsg *msg, int *children);
/* fault_reply's checks and effect: 0, -E_CHILD, -E_STATE (nothing to answer), -E_INVAL. */
int supervise_answer(const struct task *me, struct task *t, uint32_t answer);
/*
 * What a fault waiting for an answer comes to: a kill wins over a restart,
 * a restart over the answer, and failed (no answer possible) kills.
 */
uint32_t supervise_decision(const struct task *t, long failed);
/* Wakes t, stopped at a fault for supervise(), with this answer. */
void supervise_release(struct task *t, uint32_t action);
/* A child of sup faulted or exited: wake or signal it. */
void supervisor_notify(struct task *sup);
/* t's faults go to supervise() again (it exits, or its supervisor does). */
void fault_ep_drop(struct task *t);

#endif
