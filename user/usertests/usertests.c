/*
 * usertests.c - the ring-3 test suite, in the style of xv6's usertests:
 * one function per property, each returning 0 on success, reported as TAP
 * ("ok N - name" / "not ok N - name").  init runs it when the kernel
 * command line says "test" and powers off with the result; `test kbd`
 * and `test nokbd` run only a keyboard test that needs a machine of its
 * own.
 */
#include "arch/i386/mmu.h"
#include "user/lib/i386/uarch.h"
#include "user/lib/ulib.h"
#include "user/usertests/drvtests.h"
#include "user/usertests/drvtests_ata.h"
#include "user/usertests/drvtests_kbd.h"
#include "user/usertests/dmaports.h"
#include "user/usertests/fputests.h"
#include "user/usertests/iotests.h"
#include "user/usertests/ipctests.h"
#include "user/usertests/traptests.h"
#include "user/usertests/lifecycle.h"
#include "user/usertests/memheap.h"
#include "user/usertests/memsmoke.h"
#include "user/usertests/memtests.h"
#include "user/usertests/dmacanary.h"
#include "user/usertests/dmaide.h"
#include "user/usertests/dmaisa.h"
#include "user/usertests/smptests.h"

/* ---- both gates ---- */

static int t_getpid_both_gates(void)
{
	long a = syscall_int80(SYS_getpid, 0, 0, 0, 0);
	long b = syscall_sysenter(SYS_getpid, 0, 0, 0, 0);
	CHECK(a > 0);
	CHECK_EQ(a, b);
	CHECK_EQ(a, sys_getpid());
	return 0;
}

static int t_null_many_times(void)
{
	for (int i = 0; i < 2000; i++) {
		CHECK_EQ(syscall_int80(SYS_null, 1, 2, 3, 4), 0);
		CHECK_EQ(syscall_sysenter(SYS_null, 1, 2, 3, 4), 0);
	}
	return 0;
}

static int t_bad_syscall_numbers(void)
{
	static const uint32_t bad[] = { SYS_COUNT, SYS_COUNT + 1, 255, 0x7FFFFFFFu, 0x80000000u,
					0xFFFFFFFFu };
	for (unsigned i = 0; i < ARRAY_SIZE(bad); i++) {
		CHECK_EQ(syscall_int80(bad[i], 0, 0, 0, 0), -E_NOSYS);
		CHECK_EQ(syscall_sysenter(bad[i], 0, 0, 0, 0), -E_NOSYS);
	}
	return 0;
}

/*
 * The benchmarks' calls (kernel/debug/bench.c) answer only a kernel booted with
 * `bench`: here every one is E_PERM, even with good arguments and the
 * IoPorts(all) cap in slot 0.  bench checks their other refusals.
 */
static int t_bench_calls_need_bench_boot(void)
{
	CHECK_EQ(sys_bench_gate(BENCH_GATE_SYSENTER), -E_PERM);
	CHECK_EQ(syscall_int80(SYS_bench_gate, BENCH_GATE_INT80, 0, 0, 0), -E_PERM);
	CHECK_EQ(sys_bench_gate(BENCH_GATE_OFF), -E_PERM);
	CHECK_EQ(sys_bench_port_in(1, 1), -E_PERM);
	CHECK_EQ(sys_bench_ipi(2), -E_PERM);
	CHECK_EQ(sys_io_in(0, BENCH_PORT, 1), -E_PERM);
	/* Both gates still real: a null call through each returns 0. */
	CHECK_EQ(syscall_int80(SYS_null, 0, 0, 0, 0), 0);
	CHECK_EQ(syscall_sysenter(SYS_null, 0, 0, 0, 0), 0);
	return 0;
}

/* The kernel must not return to ring 3 with IOPL raised: no Iopl capability yet. */
static int t_iopl_is_zero(void)
{
	CHECK_EQ(u_eflags() & 0x3000u, 0);
	sys_yield();
	CHECK_EQ(u_eflags() & 0x3000u, 0);
	syscall_int80(SYS_null, 0, 0, 0, 0);
	CHECK_EQ(u_eflags() & 0x3000u, 0);
	return 0;
}

/* ---- user pointers ---- */

static int t_write_ok(void)
{
	static const char msg[] = "# write through both gates\n";
	CHECK_EQ(syscall_int80(SYS_write, (uint32_t)msg, sizeof(msg) - 1, 0, 0), (long)sizeof(msg) - 1);
	CHECK_EQ(syscall_sysenter(SYS_write, (uint32_t)msg, sizeof(msg) - 1, 0, 0), (long)sizeof(msg) - 1);
	CHECK_EQ(sys_write(msg, 0), 0);
	return 0;
}

static int t_write_bad_pointers(void)
{
	static const struct { uint32_t addr, len; } bad[] = {
		{ 0, 16 },                       /* null */
		{ 0x00100000u, 16 },             /* kernel text */
		{ 0x3FFFFFF8u, 16 },             /* straddles the start of user space */
		{ 0x80000000u, 16 },             /* unmapped user address */
		{ 0xBFFFFFF0u, 0x20 },           /* runs past the end of user space */
		{ 0xC0000000u, 1 },              /* first byte above user space */
		{ 0xFFFFFFF0u, 0x20 },           /* wraps around 4 GiB */
		{ USER_BASE, 0xFFFFFFFFu },      /* huge length */
	};
	for (unsigned i = 0; i < ARRAY_SIZE(bad); i++) {
		CHECK_EQ(syscall_int80(SYS_write, bad[i].addr, bad[i].len, 0, 0), -E_FAULT);
		CHECK_EQ(syscall_sysenter(SYS_write, bad[i].addr, bad[i].len, 0, 0), -E_FAULT);
	}
	return 0;
}

/* A buffer that starts mapped and runs into the stack guard page. */
static int t_write_into_guard_page(void)
{
	uint32_t guard_end = USER_STACK_TOP - USER_STACK_PAGES * 4096u;
	CHECK_EQ(sys_write((const void *)(guard_end - 8), 16), -E_FAULT);
	return 0;
}

static int t_copyout_bad_pointers(void)
{
	CHECK_EQ(sys_taskinfo(0, 0), -E_FAULT);
	CHECK_EQ(sys_taskinfo(0, (struct taskinfo *)0x00100000u), -E_FAULT);
	/* Our own text is mapped read-only: the kernel must not write it either. */
	CHECK_EQ(sys_taskinfo(0, (struct taskinfo *)(uintptr_t)t_copyout_bad_pointers), -E_FAULT);
	CHECK_EQ(sys_taskinfo(0, (struct taskinfo *)0xBFFFFFF0u), -E_FAULT);
	struct taskinfo ti;
	CHECK_EQ(sys_taskinfo(0, &ti), 0);
	CHECK_EQ(ti.tid, sys_getpid());
	CHECK(streq(ti.name, "usertests"));
	return 0;
}

static int t_wait_bad_pointer_keeps_child(void)
{
	int tid = spawn("fault", "exit42");
	CHECK(tid > 0);
	CHECK_EQ(sys_wait(tid, (struct exitinfo *)0x00100000u), -E_FAULT);
	struct exitinfo e;
	CHECK_EQ(sys_wait(tid, &e), tid);
	CHECK_EQ(e.code, 42);
	return 0;
}

static int t_spawn_errors(void)
{
	CHECK_EQ(spawn("no-such-module", ""), -E_NOENT);
	struct spawn_req bad_name = { (const char *)0x00100000u, 4, "", 0, 0 };
	struct spawn_req bad_args = { "hello", 5, (const char *)0, 3, 0 };
	struct spawn_req too_long = { "hello", 100000, "", 0, 0 };
	struct spawn_req nul_inside = { "hel\0lo", 6, "", 0, 0 };
	struct spawn_req bad_flags = { "hello", 5, "", 0, 0x80 };
	CHECK_EQ(sys_spawn(&bad_name), -E_FAULT);
	CHECK_EQ(sys_spawn(&bad_args), -E_FAULT);
	CHECK_EQ(sys_spawn(&too_long), -E_RANGE);
	CHECK_EQ(sys_spawn(&nul_inside), -E_INVAL);
	CHECK_EQ(sys_spawn(&bad_flags), -E_INVAL);
	CHECK_EQ(sys_spawn((const struct spawn_req *)0xBFFFFFFCu), -E_FAULT);
	return 0;
}

/* ---- tasks ---- */

static int t_exit_code(void)
{
	struct exitinfo e;
	CHECK(run_child("fault", "exit42", &e) > 0);
	CHECK_EQ(e.code, 42);
	CHECK_EQ(e.fault_vector, -1);
	CHECK_EQ(e.killed_by, 0);
	return 0;
}

static int t_task_errors(void)
{
	struct exitinfo e;
	CHECK_EQ(sys_kill(0), -E_SRCH);
	CHECK_EQ(sys_kill(-5), -E_SRCH);
	CHECK_EQ(sys_kill(1), -E_PERM);          /* init: not our child */
	CHECK_EQ(sys_wait(1, &e), -E_CHILD);
	CHECK_EQ(sys_wait(-1, &e), -E_CHILD);    /* no children right now */
	CHECK_EQ(sys_wait(0x7FFFFFFF, &e), -E_SRCH);
	CHECK_EQ(sys_shutdown(0), -E_PERM);
	CHECK_EQ(sys_sleep(0xFFFFFFFFu), -E_RANGE);
	return 0;
}

static int t_stale_tid(void)
{
	struct exitinfo e;
	struct taskinfo ti;
	int tid = run_child("hello", "stale", &e);
	CHECK(tid > 0);
	CHECK_EQ(sys_taskinfo(tid, &ti), -E_SRCH);
	CHECK_EQ(sys_kill(tid), -E_SRCH);
	CHECK_EQ(sys_wait(tid, &e), -E_SRCH);
	return 0;
}

/* More spawns than task slots: every slot and frame must come back. */
static int t_slots_recycled(void)
{
	for (int i = 0; i < 100; i++) {
		struct exitinfo e;
		int tid = spawn("fault", "exit42");
		CHECK(tid > 0);
		CHECK_EQ(sys_wait(tid, &e), tid);
		CHECK_EQ(e.code, 42);
	}
	return 0;
}

/* ---- preemption ---- */

static int t_preempt_spinner(void)
{
	struct taskinfo ti;
	struct exitinfo e;
	int tid = spawn("spin", "");
	CHECK(tid > 0);
	/* The spinner never enters the kernel: we only get back here by preemption. */
	CHECK_EQ(sys_sleep(5), 0);
	CHECK_EQ(sys_taskinfo(tid, &ti), 0);
	CHECK(ti.ticks > 0);
	CHECK_EQ(ti.state == TS_RUNNABLE || ti.state == TS_RUNNING, 1);
	CHECK_EQ(sys_kill(tid), 0);
	CHECK_EQ(sys_wait(tid, &e), tid);
	CHECK_EQ(e.killed_by, sys_getpid());
	CHECK_EQ(e.fault_vector, -1);
	return 0;
}

static int t_preempt_two_spinners_share(void)
{
	struct taskinfo a, b;
	struct exitinfo e;
	int ta = spawn("spin", ""), tb = spawn("spin", "");
	CHECK(ta > 0 && tb > 0);
	/* Busy in ring 3 ourselves too: three CPU-bound tasks. */
	unsigned until = (unsigned)sys_uptime() + 12;
	while ((unsigned)sys_uptime() < until)
		;
	CHECK_EQ(sys_taskinfo(ta, &a), 0);
	CHECK_EQ(sys_taskinfo(tb, &b), 0);
	printf("# spinner ticks: %u and %u\n", a.ticks, b.ticks);
	CHECK(a.ticks >= 2 && b.ticks >= 2);
	sys_kill(ta);
	sys_kill(tb);
	CHECK_EQ(sys_wait(ta, &e), ta);
	CHECK_EQ(sys_wait(tb, &e), tb);
	return 0;
}

static int t_uptime_advances(void)
{
	long t0 = sys_uptime();
	CHECK_EQ(sys_sleep(2), 0);
	CHECK(sys_uptime() >= t0 + 2);
	return 0;
}

/* ---- ring-3 faults are contained ---- */

static int bystander;

static int expect_fault(const char *kind, int vector, uint32_t addr, int check_addr)
{
	struct exitinfo e;
	int tid = run_child("fault", kind, &e);
	CHECK(tid > 0);
	CHECK_EQ(e.fault_vector, vector);
	CHECK_EQ(e.code, -1);
	if (check_addr)
		CHECK_EQ(e.fault_addr, addr);
	return 0;
}

static int t_bystander_start(void)
{
	bystander = spawn("spin", "ticker");
	CHECK(bystander > 0);
	return 0;
}

static int t_fault_null_read(void)       { return expect_fault("pf_read", 14, 0, 1); }
static int t_fault_write_kernel(void)    { return expect_fault("pf_write_kernel", 14, 0x00100000u, 1); }
static int t_fault_unmapped(void)        { return expect_fault("pf_unmapped", 14, 0x80000000u, 1); }
static int t_fault_write_text(void)      { return expect_fault("pf_write_text", 14, 0, 0); }
static int t_fault_jump_kernel(void)     { return expect_fault("jump_kernel", 14, 0x00100000u, 1); }
static int t_fault_hlt(void)             { return expect_fault("hlt", 13, 0, 0); }
static int t_fault_cli(void)             { return expect_fault("cli", 13, 0, 0); }
static int t_fault_inb(void)             { return expect_fault("inb", 13, 0, 0); }
static int t_fault_div0(void)            { return expect_fault("div0", 0, 0, 0); }
static int t_fault_ud2(void)             { return expect_fault("ud2", 6, 0, 0); }
static int t_fault_stack_overflow(void)  { return expect_fault("stack_overflow", 14, 0, 0); }
static int t_fault_sysexit_to_kernel(void)
{
	return expect_fault("sysenter_kernel_eip", 14, 0x00100000u, 1);
}

static int t_bystander_survived(void)
{
	struct taskinfo ti;
	struct exitinfo e;
	CHECK_EQ(sys_taskinfo(bystander, &ti), 0);
	CHECK(ti.state != TS_ZOMBIE);
	CHECK_EQ(sys_kill(bystander), 0);
	CHECK_EQ(sys_wait(bystander, &e), bystander);
	CHECK_EQ(e.killed_by, sys_getpid());
	return 0;
}

/*
 * A restart applies at the task's next system call exit; a task that makes
 * only leaf calls (the frameless sysenter path) must still get it there,
 * since nothing else would apply it.
 */
static int t_leaf_calls_take_restart(void)
{
	struct taskinfo ti;
	struct exitinfo e;
	int tid = spawn_flags("spin", "leaf", SPAWN_SUSPENDED);
	CHECK(tid > 0);
	CHECK_EQ(sys_resume(tid), 0);
	sys_sleep(2);
	CHECK_EQ(sys_restart(tid), 0);
	int restarted = 0;
	for (int t = 0; t < 2 * TIMER_HZ && !restarted; t++) {
		CHECK_EQ(sys_taskinfo(tid, &ti), 0);
		restarted = ti.restarts == 1;
		sys_sleep(1);
	}
	CHECK_EQ(sys_kill(tid), 0);
	CHECK_EQ(sys_wait(tid, &e), tid);
	CHECK(restarted);
	return 0;
}

/* A null or code selector in %ds/%es at sysenter: the kernel reloads them, both paths. */
static int t_sysenter_with_bad_data_segments(void)
{
	static const unsigned sels[] = { 0, SEL_UCODE, SEL_UDATA };
	for (unsigned i = 0; i < ARRAY_SIZE(sels); i++) {
		unsigned ds = 0xDEAD;
		CHECK_EQ(u_sysenter_segs(SYS_getpid, sels[i], &ds), sys_getpid());   /* leaf */
		CHECK_EQ(ds, SEL_UDATA);
		ds = 0xDEAD;
		CHECK_EQ(u_sysenter_segs(SYS_yield, sels[i], &ds), 0);               /* full frame */
		CHECK_EQ(ds, SEL_UDATA);
	}
	return 0;
}

/*
 * The same through int 0x80, with a call that writes to ring 3 (the
 * kernel's copies use %es): the trap entry must reload %es as well as
 * %ds, or the kernel copies through the selector ring 3 chose.
 */
static int t_int80_with_bad_data_segments(void)
{
	static const unsigned sels[] = { 0, SEL_UCODE, SEL_UDATA };
	for (unsigned i = 0; i < ARRAY_SIZE(sels); i++) {
		struct taskinfo ti;
		memset(&ti, 0, sizeof(ti));
		CHECK_EQ(u_int80_segs(SYS_taskinfo, sels[i], (unsigned)sys_getpid(), (unsigned)(uintptr_t)&ti), 0);
		CHECK_EQ(ti.tid, sys_getpid());
	}
	return 0;
}

/*
 * int 0x80 yields made with a null %es, on the CPU where a ticker (spin
 * ticker: sleeps a tick at a time, by sysenter) wakes every tick: each
 * wake-up switches to the ticker inside one of these calls, and the ticker
 * leaves by sysexit with the %es that call's entry left in the kernel.
 * The entry reloads it, so that is the flat one; the assert build checks
 * at the sysexit (user-segments, kernel/debug/invariants.c).
 */
static int t_int80_yield_with_bad_data_segments(void)
{
	struct exitinfo e;
	int tid = spawn_flags("spin", "ticker", SPAWN_SUSPENDED);
	CHECK(tid > 0);
	long pinned = sys_task_affinity(tid, 0), me = sys_task_affinity(0, 0);
	long resumed = sys_resume(tid);
	long bad = 0;
	unsigned until = (unsigned)sys_uptime() + 4;
	while (pinned == 0 && me == 0 && resumed == 0 && (unsigned)sys_uptime() < until)
		bad |= u_int80_segs(SYS_yield, 0, 0, 0);
	CHECK_EQ(sys_task_affinity(0, -1), 0);
	CHECK_EQ(sys_kill(tid), 0);
	CHECK_EQ(sys_wait(tid, &e), tid);
	CHECK_EQ(pinned, 0);
	CHECK_EQ(me, 0);
	CHECK_EQ(resumed, 0);
	CHECK_EQ(bad, 0);
	return 0;
}

static const struct ut_case cases[] = {
	UT(t_getpid_both_gates),
	UT(t_null_many_times),
	UT(t_bad_syscall_numbers),
	UT(t_sysenter_with_bad_data_segments),
	UT(t_int80_with_bad_data_segments),
	UT(t_int80_yield_with_bad_data_segments),
	UT(t_segments_after_idle_wakeup),
	UT(t_leaf_calls_take_restart),
	UT(t_iopl_is_zero),
	UT(t_bench_calls_need_bench_boot),
	UT(t_write_ok),
	UT(t_write_bad_pointers),
	UT(t_write_into_guard_page),
	UT(t_copyout_bad_pointers),
	UT(t_wait_bad_pointer_keeps_child),
	UT(t_spawn_errors),
	UT(t_exit_code),
	UT(t_task_errors),
	UT(t_stale_tid),
	UT(t_slots_recycled),
	UT(t_preempt_spinner),
	UT(t_preempt_two_spinners_share),
	UT(t_uptime_advances),
	UT(t_bystander_start),
	UT(t_fault_null_read),
	UT(t_fault_write_kernel),
	UT(t_fault_unmapped),
	UT(t_fault_write_text),
	UT(t_fault_jump_kernel),
	UT(t_fault_hlt),
	UT(t_fault_cli),
	UT(t_fault_inb),
	UT(t_fault_div0),
	UT(t_fault_ud2),
	UT(t_fault_stack_overflow),
	UT(t_fault_sysexit_to_kernel),
	UT(t_iret_vm86_is_a_fault),
	UT(t_iret_bad_selectors_fault),
	UT(t_iret_odd_flags_harmless),
	UT(t_sysenter_returns_df_clear),
	UT(t_fpu_not_shared),
	UT(t_fpu_values_survive_switches),
	UT(t_fpu_error_is_a_fault),
	UT(t_bystander_survived),
	UT(t_mem_core_smoke),
	UT(t_mem_core_mmio_smoke),
	/*
	 * Until usertests first calls supervise() (the last of these does), a
	 * driver that faults is killed and its callers get E_DEAD, not a hang.
	 */
	UT(t_rtc_date_and_update_interrupts),
	UT(t_pci_lists_the_piix),
	UT(t_pci_cfg_read_needs_the_device_cap),
	UT(t_rtc_port_outside_grant_traps),
	UT(t_cap_bad_slots),
	UT(t_cap_derive_narrows),
	UT(t_iopl_needs_the_cap),
	UT(t_iopl_cap_grants_and_revokes),
	UT(t_iopl_holder_gets_if_back),
	UT(t_iopl_revoke_reaches_cli_spinner),
	UT(t_io_revoke_takes_effect),
	UT(t_io_delete_takes_effect),
	UT(t_io_revoke_keeps_the_other_ports),
	UT(t_io_switch_does_not_leak),
	UT(t_io_exhaustive_sweep),
	UT(t_dmaports_out_traps),
	UT(t_dmaports_bm_out_traps),
	UT(t_dmaports_derive_refused),
	UT(t_dmaports_bm_derive_refused),
	UT(t_dmaports_pci_writes_refused),
	UT(t_dmaports_pcicfg_cap),
	UT(t_dmaports_sweep_real_grants),
	UT(t_dmaports_bus_masters_off),
	UT(t_dmaports_bme_clear_refused),
	UT(t_dmaports_bridge_window_bytes_refused),
	UT(t_dmaports_msi_refused),
	UT(t_malloc_grows_by_retype_and_map),
	UT(t_malloc_without_budget_returns_null),
	UT(t_shbuf_shared_by_two_tasks),
	UT(t_ata_identify_and_signature),
	UT(t_ata_write_read_back),
	UT(t_ata_bad_requests),
	UT(t_ata_two_clients_dont_mix),
	UT(t_ata_many_sectors_one_request),
	UT(t_ata_polls_without_interrupt),
	UT(t_ata_absent_devices),
	UT(t_ata_dma_round_trip),
	UT(t_ata_pio_without_dma_chan),
	UT(t_kbd_needs_its_ports),
	UT(t_kbd_answers_stats),
	UT(t_kbd_irq_taken_refused),
	UT(t_ipc_create_and_info),
	UT(t_ipc_mint_only_narrows),
	UT(t_ipc_call_round_trip),
	UT(t_ipc_badges_tell_clients_apart),
	UT(t_ipc_pinned_peers_stay_on_their_cpus),
	UT(t_ipc_reply_recv_1000_calls),
	UT(t_ipc_send_blocks_until_received),
	UT(t_ipc_grant_ioports_and_revoke),
	UT(t_ipc_cap_move_and_recv_slots),
	UT(t_ipc_fresh_task_accepts_no_caps),
	UT(t_ipc_reply_carries_cap),
	UT(t_ipc_queued_sender_caps),
	UT(t_ipc_grant_needs_right),
	UT(t_ipc_reply_save_out_of_order),
	UT(t_ipc_reply_cap_moves),
	UT(t_ipc_reply_moves_its_receive_cap),
	UT(t_ipc_unused_reply_fails_call),
	UT(t_ipc_errors),
	UT(t_ipc_server_dies_holding_call),
	UT(t_ipc_no_receiver_fails_at_once),
	UT(t_ipc_killed_server_fails_queue),
	UT(t_ipc_receiver_outlives_other_caps),
	UT(t_ipc_kill_blocked_tasks),
	UT(t_ipc_kill_keeps_queue_order),
	UT(t_ipc_kill_before_first_run),
	UT(t_ipc_restart_keeps_queued_clients),
	UT(t_restart_starts_clean),
	UT(t_fault_restart_starts_clean),
	UT(t_rtc_restart_keeps_interrupts),
	UT(t_kbd_restart_takes_irq_again),
	UT(t_ntf_signal_wait_poll),
	UT(t_ntf_wait_blocks_until_signal),
	UT(t_ntf_bound_to_recv),
	UT(t_ntf_binding_ends),
	UT(t_ntf_second_waiter_refused),
	UT(t_ntf_revoked_cap_wakes_waiter),
	UT(t_ntf_supervise_bind_ends),
	UT(t_irq_caps),
	UT(t_irq_rtc_delivery),
	UT(t_irq_kept_while_masked),
	UT(t_irq_route_errors),
	UT(t_irq_route_to_cpu1),
	UT(t_klog_read),
	UT(t_klog_console_handover),
	UT(t_ipc_pools_run_out),
	UT(t_ipc_objects_recycled),
	UT(t_klog_bind_signals),
	UT(t_faultep_resume),
	UT(t_faultep_restart_queue_kill),
	UT(t_faultep_dead_endpoint),
	UT(t_faultep_errors),
	UT(t_restart_fault_stopped_supervised),
	UT(t_restart_fault_stopped_faultep),
	UT(t_service_left_stopped_fails_callers),
	UT(t_fault_reply_after_kill),
	UT(t_fault_answers_checked_supervised),
	UT(t_fault_answers_checked_faultep),
	UT(t_exit_after_killing_faulted_child),
	UT(t_orphans_dont_fill_task_table),
	UT(t_life_irq_delete),
	UT(t_life_irq_revoke),
	UT(t_life_irq_move),
	UT(t_life_irq_ipc_move),
	UT(t_irq_moved_cap_keeps_no_binding),
	UT(t_life_ntf_bound_delete),
	UT(t_life_ntf_bound_revoke),
	UT(t_life_ntf_bound_move),
	UT(t_life_ntf_bound_ipc_move),
	UT(t_ntf_revoked_cap_keeps_no_binding),
	UT(t_life_ntf_waiter_revoke),
	UT(t_life_ntf_signal_delete),
	UT(t_life_ntf_signal_revoke),
	UT(t_life_ntf_signal_move),
	UT(t_life_ntf_signal_ipc_move),
	UT(t_life_ntf_signal_klog_delete),
	UT(t_life_ntf_signal_supervise_delete),
	UT(t_ipc_revoked_receiver_gets_nothing),
	UT(t_ipc_revoked_receiver_gets_no_cap),
	UT(t_ipc_revoked_server_in_fast_reply_recv),
	UT(t_life_ep_sender_revoke),
	UT(t_life_faultep_delete),
	UT(t_life_faultep_revoke),
	UT(t_life_faultep_move),
	UT(t_life_faultep_ipc_move),
	UT(t_life_faultep_queued_revoke),
	UT(t_faultep_zombie_refused_no_leak),
	UT(t_life_klog_delete),
	UT(t_life_klog_revoke),
	UT(t_life_klog_move),
	UT(t_life_klog_ipc_move),
	UT(t_life_reply_move),
	UT(t_life_reply_revoke),
	UT(t_life_ioports_move),
	UT(t_life_ioports_ipc_move),
	UT(t_life_iopl_delete),
	UT(t_life_iopl_move),
	UT(t_life_iopl_ipc_move),
	UT(t_kobj_quota_per_task),
	UT(t_mem_root_caps_cover_no_ram),
	UT(t_mem_kernel_devices_ungrantable),
	UT(t_mem_mmio_window_maps),
	UT(t_mem_map_outside_user_range),
	UT(t_mem_map_unaligned),
	UT(t_mem_map_over_mapped),
	UT(t_mem_rights_bounded_by_cap),
	UT(t_mem_readonly_write_faults),
	UT(t_mem_protect_down_faults),
	UT(t_mem_revoke_unmaps_three),
	UT(t_mem_delete_unmaps),
	UT(t_mem_move_unmaps),
	UT(t_mem_map_foreign_space),
	UT(t_mem_returns_to_untyped),
	UT(t_mem_quota_exhausted),
	UT(t_mem_objects_quota_per_task),
	UT(t_mem_frame_not_retyped),
	UT(t_mem_page_tables_charged),
	UT(t_mem_exit_restart_return_memory),
	UT(t_mem_revoke_untyped_reclaims),
	UT(t_mem_child_death_keeps_frame),
	UT(t_mem_sub_range_maps_its_pages),
	UT(t_mem_unmap_nothing),
	UT(t_mem_forged_arguments),
	/* Issue 15: DMA through the IDE bus master's secondary channel (docs/dma.md). */
	UT(t_dma_buffer_is_a_pinned_frame),
	UT(t_dma_chan_mint_narrows),
	UT(t_dma_refuses_bad_requests),
	UT(t_dma_second_start_busy),
	UT(t_dma_overrun_refused_with_drive_armed),
	UT(t_dma_ide_round_trip),
	UT(t_dma_buffer_gone_stops_engine),
	UT(t_dma_chan_gone_stops_engine),
	UT(t_dma_driver_death_stops_engine),
	UT(t_dma_audit_checks_its_arguments),
	UT(t_dmaisa_valid_request_on_idle_channel),
	UT(t_dmaisa_outside_buffer_refused),
	UT(t_dmaisa_bad_mode_refused),
	UT(t_dmaisa_bad_channel_refused),
	UT(t_dmaisa_word_channel_needs_words),
	UT(t_dmaisa_readonly_buffer_not_written),
	UT(t_dmaisa_busy_channel_refused),
	UT(t_dmaisa_buffer_gone_in_flight_stops),
	UT(t_dmaisa_unreachable_memory_refused),
	UT(t_dmaisa_top_of_low_memory),
	UT(t_dmaisa_floppy_round_trip),
	UT(t_dma_restart_ends_transfer),
	/* Issue 14: on one CPU each of these reports itself skipped (TAP # SKIP). */
	UT(t_smp_affinity_errors),
	UT(t_smp_move_while_running),
	UT(t_smp_kill_on_other_cpu),
	UT(t_smp_restart_on_other_cpu),
	UT(t_smp_ipc_across_cpus),
	UT(t_smp_io_revoke_across_cpus),
	UT(t_smp_io_delete_mid_then_revoke),
	UT(t_smp_io_move_mid_then_revoke),
	UT(t_smp_io_lose_after_moving_cpus),
	UT(t_smp_iopl_revoke_across_cpus),
	UT(t_smp_unmap_across_cpus),
	UT(t_smp_frame_reuse_across_cpus),
	UT(t_smp_protect_across_cpus),
	UT(t_smp_shootdown_only_where_live),
};

/* Suites that need a machine of their own: a boot each (tests/boot/kbd_test.sh, Makefile). */
static const struct ut_case kbd_cases[] = {
	UT(t_kbd_typed_text),        /* `kbd`: the host types through QEMU's monitor */
};
static const struct ut_case nokbd_cases[] = {
	UT(t_kbd_no_controller),     /* `nokbd`: QEMU with i8042=off */
};

/* Whether name starts with one of the comma-separated prefixes in list. */
static int chosen(const char *name, const char *list)
{
	for (const char *p = list; *p;) {
		const char *s = name;
		while (*p && *p != ',' && *s == *p)
			s++, p++;
		if (!*p || *p == ',')
			return 1;
		while (*p && *p != ',')
			p++;
		if (*p == ',')
			p++;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (arg_has(argc, argv, "kbd"))
		return ut_run(kbd_cases, ARRAY_SIZE(kbd_cases));
	if (arg_has(argc, argv, "nokbd"))
		return ut_run(nokbd_cases, ARRAY_SIZE(nokbd_cases));
	/* only=P1,P2: just the cases whose names start with one of these (while working on them). */
	const char *only = arg_value(argc, argv, "only");
	if (only) {
		static struct ut_case some[ARRAY_SIZE(cases)];
		unsigned n = 0;
		for (unsigned i = 0; i < ARRAY_SIZE(cases); i++)
			if (chosen(cases[i].name, only))
				some[n++] = cases[i];
		return ut_run(some, n);
	}
	return ut_run(cases, ARRAY_SIZE(cases));
}
