/*
 * ipctests.h - IPC, notification, interrupt and kernel-log properties,
 * checked from ring 3 against ipcpeer (user/progs/ipcpeer.c).  usertests
 * holds copies of the root caps from init: IoPorts(all) in slot 0, Iopl
 * in 1, Irq in 2, KLog in 3, DmaChan in 4, PciCfg in 5 and the memory caps
 * in 28-31 (ROOT_SLOT_*); iotests use slots 6-8 and 10-11, these tests 9
 * and 12-27.
 */
#ifndef USER_USERTESTS_IPCTESTS_H
#define USER_USERTESTS_IPCTESTS_H

#include "user/lib/ipc.h"
#include "user/progs/ipcpeer.h"
#include "user/usertests/ut.h"

#define S_ALL   0
#define S_IRQ   2
#define S_KLOG  3
#define S_EP    12    /* the endpoint under test: every right */
#define S_SEND  13    /* usertests' own send cap to it (badged, with grant) */
#define S_SEND2 14
#define S_NTF   15
#define S_A     16    /* caps a test makes and checks */
#define S_B     17
#define S_C     18
#define S_D     19
#define S_EP2   20
#define S_GOT   21    /* where replies may put caps */
#define S_TMP   9     /* hands caps to a child (31 is ROOT_SLOT_UNTYPED_LOW) */

/* Empties slots 9 and 12-27 (28-31: the root memory caps), kills and reaps every peer an earlier test left behind. */
void ipc_fresh(void);
/* ipcpeer with args, suspended (resume it once its caps are in place). */
int peer_spawn(const char *args);
/* Another program as a peer: suspended, and cleared up by ipc_fresh() like one. */
int peer_spawn_prog(const char *prog, const char *args);
/* Mints (badge, rights) from src, or copies it (rights ~0u), into the child's slot dst. */
long peer_give(int tid, unsigned src, unsigned badge, unsigned rights, unsigned dst);
#define GIVE_COPY (~0u)
/* ipcpeer with args and one cap (as peer_give makes it) in its slot 0, resumed. */
int peer_start(const char *args, unsigned src, unsigned badge, unsigned rights);
/* The bits ntf_poll takes from slot, or POLL_FAILED | E_x. */
unsigned polled(unsigned slot);
#define POLL_FAILED 0xBAD00000u
/* Reaps tid once it has exited (-1 if it has not within two seconds). */
int peer_reap(int tid, struct exitinfo *e);
/* Its exit code once it has exited, or PEER_STUCK. */
int peer_exit(int tid);
#define PEER_STUCK 0x7FFFFFFF
int peer_kill(int tid, struct exitinfo *e);
/* Waits until tid is blocked, i.e. in the one blocking call its role makes. */
int peer_blocked(int tid);
/* IRQ 8, the rtc's line: the interrupt tests' line. */
#define LINE8 (1u << 8)
/* ipcpeer irqbind with a copy of the Irq cap in irq_slot and S_NTF's signal right: its irq_bind's result, or -1. */
int irqbind_peer(unsigned irq_slot);
/* The CMOS registers (the RTC's periodic interrupt drives IRQ 8 in the interrupt tests). */
unsigned cmos_read(unsigned reg);
void cmos_write(unsigned reg, unsigned v);
/* A fresh S_NTF signalled by IRQ 8 through an Irq(8) cap in S_A: 0, or the first refusal. */
long bind_line8(void);
/* The RTC's periodic interrupt (1,024 Hz) on, any old flag cleared; register B as it was. */
unsigned periodic_on(void);
/* The bits a notification gets within a second (0 if none): a lost interrupt fails a test, never hangs it. */
unsigned poll_bits(unsigned slot);
/* Waits until tid has exited, without reaping it. */
int peer_zombie(int tid);
/* 0 if tid is still blocked a little later (nothing woke it). */
int stays_blocked(int tid);
/* ipcpeer serving S_EP (made here, kept); usertests calls through S_SEND (badge). */
int server_start(const char *args, unsigned badge);
/* Calls ep with op and the two words; returns the call's result, *m the answer. */
long call_op(unsigned ep, unsigned op, unsigned w0, unsigned w1, struct ipc_msg *m);
/* ipcpeer calling op (w0) through a cap minted from S_EP with badge; after E_DEAD, retry. */
int client_start(unsigned op, unsigned w0, unsigned retry, unsigned badge);
/* The type of the cap in one of our slots (CAPT_x). */
int slot_type(unsigned slot);
/* Ends a server with OP_EXIT; 0 if it answered and exited 0. */
int server_stop(int tid);

int t_restart_starts_clean(void);
int t_fault_restart_starts_clean(void);

int t_faultep_resume(void);
int t_faultep_restart_queue_kill(void);
int t_faultep_dead_endpoint(void);
int t_faultep_errors(void);

int t_restart_fault_stopped_supervised(void);
int t_restart_fault_stopped_faultep(void);
int t_fault_reply_after_kill(void);
int t_fault_answers_checked_supervised(void);
int t_fault_answers_checked_faultep(void);
int t_exit_after_killing_faulted_child(void);
int t_orphans_dont_fill_task_table(void);
int t_service_left_stopped_fails_callers(void);

int t_ipc_create_and_info(void);
int t_ipc_mint_only_narrows(void);
int t_ipc_call_round_trip(void);
int t_ipc_badges_tell_clients_apart(void);
int t_ipc_pinned_peers_stay_on_their_cpus(void);
int t_ipc_reply_recv_1000_calls(void);
int t_ipc_send_blocks_until_received(void);
int t_ipc_grant_ioports_and_revoke(void);
int t_ipc_cap_move_and_recv_slots(void);
int t_ipc_fresh_task_accepts_no_caps(void);
int t_ipc_reply_carries_cap(void);
int t_ipc_queued_sender_caps(void);
int t_ipc_grant_needs_right(void);
int t_ipc_reply_save_out_of_order(void);
int t_ipc_reply_cap_moves(void);
int t_ipc_reply_moves_its_receive_cap(void);
int t_ipc_unused_reply_fails_call(void);
int t_ipc_errors(void);

int t_ipc_server_dies_holding_call(void);
int t_ipc_no_receiver_fails_at_once(void);
int t_ipc_killed_server_fails_queue(void);
int t_ipc_receiver_outlives_other_caps(void);
int t_ipc_kill_blocked_tasks(void);
int t_ipc_kill_keeps_queue_order(void);
int t_ipc_kill_before_first_run(void);
int t_ipc_restart_keeps_queued_clients(void);

int t_ntf_signal_wait_poll(void);
int t_ntf_wait_blocks_until_signal(void);
int t_ntf_bound_to_recv(void);
int t_ntf_binding_ends(void);
int t_ntf_second_waiter_refused(void);
int t_ntf_revoked_cap_wakes_waiter(void);
int t_ntf_supervise_bind_ends(void);
int t_irq_caps(void);
int t_irq_rtc_delivery(void);
int t_irq_route_errors(void);
int t_irq_kept_while_masked(void);
int t_irq_route_to_cpu1(void);
int t_segments_after_idle_wakeup(void);
int t_klog_read(void);
int t_klog_console_handover(void);
int t_ipc_pools_run_out(void);
int t_ipc_objects_recycled(void);
int t_klog_bind_signals(void);

#endif
