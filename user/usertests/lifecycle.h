/*
 * lifecycle.h - the lifecycle rule's tests (user/usertests/lifecycle.c),
 * one per cell of the table in docs/lifecycle.md.
 */
#ifndef USER_USERTESTS_LIFECYCLE_H
#define USER_USERTESTS_LIFECYCLE_H

int t_life_irq_delete(void);
int t_life_irq_revoke(void);
int t_life_irq_move(void);
int t_life_irq_ipc_move(void);
int t_irq_moved_cap_keeps_no_binding(void);
int t_life_ntf_bound_delete(void);
int t_life_ntf_bound_revoke(void);
int t_life_ntf_bound_move(void);
int t_life_ntf_bound_ipc_move(void);
int t_ntf_revoked_cap_keeps_no_binding(void);
int t_life_ntf_waiter_revoke(void);
int t_life_ntf_signal_delete(void);
int t_life_ntf_signal_revoke(void);
int t_life_ntf_signal_move(void);
int t_life_ntf_signal_ipc_move(void);
int t_life_ntf_signal_klog_delete(void);
int t_life_ntf_signal_supervise_delete(void);
int t_ipc_revoked_receiver_gets_nothing(void);
int t_ipc_revoked_receiver_gets_no_cap(void);
int t_ipc_revoked_server_in_fast_reply_recv(void);
int t_life_ep_sender_revoke(void);
int t_life_faultep_delete(void);
int t_life_faultep_revoke(void);
int t_life_faultep_move(void);
int t_life_faultep_ipc_move(void);
int t_life_faultep_queued_revoke(void);
int t_faultep_zombie_refused_no_leak(void);
int t_life_klog_delete(void);
int t_life_klog_revoke(void);
int t_life_klog_move(void);
int t_life_klog_ipc_move(void);
int t_life_reply_move(void);
int t_life_reply_revoke(void);
int t_life_ioports_move(void);
int t_life_ioports_ipc_move(void);
int t_life_iopl_delete(void);
int t_life_iopl_move(void);
int t_life_iopl_ipc_move(void);
int t_kobj_quota_per_task(void);

#endif
