/*
 * supervise.h - a task's faults and exit as events for its supervisor
 * (faultstop.c: the stop and the one way a fault is asked; supervise.c:
 * the system calls).
 */
#ifndef KERNEL_SUPERVISE_H
#define KERNEL_SUPERVISE_H
#include <stdint.h>
struct task;
/*
 * Hands t->fault (already filled in) to t's supervisor, as a call on t's
 * fault endpoint when it has one, else for supervise() to report, and waits
 * for the answer.  Returns what t does next (supervise_decision): FA_KILL,
 * FA_RESUME or FA_RESTART, possibly with FA_QUIET, and always an answer
 * fault_answer_check() accepts.  FA_KILL at once when nobody supervises t.
 */
uint32_t fault_ask(struct task *t);
/* fault_ask's supervise() face: 1 if t is now stopped and must block until supervise_release(). */
int supervise_stop(struct task *t);
/*
 * The next event among me's children for supervise(), and *child its task:
 * a fault not yet reported (now FAULT_SEEN), whose message is child->fault
 * itself, or a zombie, whose SUP_EXIT message is written into *exit_msg.
 * 0 when there is none; *children counts me's children either way.
 */
struct supmsg;
const struct supmsg *supervise_next_event(struct task *me, struct supmsg *exit_msg,
					  struct task **child, int *children);
/*
 * fault_reply's checks and effect: 0, -E_CHILD, -E_STATE (nothing to answer),
 * or fault_answer_check's -E_INVAL.
 */
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
