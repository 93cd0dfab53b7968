/*
 * smpmem.c - TLB shootdown (issue 14, docs/smp.md S1-S7), attacked: a
 * reader (or writer) pinned to CPU 1 uses a page in a tight loop, counting
 * each use in a page it shares with us (user/progs/smpprobe.c), while
 * usertests, pinned to CPU 0, unmaps the page, lowers its rights, or
 * deletes the frame and carves it again.  QEMU's invlpg flushes only the
 * vCPU that runs it, so a missing shootdown leaves CPU 1 a translation
 * that still works.  After the call returns, the next use must fault (to
 * us, its supervisor), no use may be counted past the one already
 * started, and what we write into the page afterwards must never be seen.
 * Then: the shootdown IPIs go only to the CPUs running the space, counted
 * with cpu_info.  A page fault cannot be resumed, so each round has a new
 * child.
 */
#include "user/usertests/smptests.h"

#define ROUNDS   20
#define MAX_CPUS 8

static void *va(unsigned a)
{
	return (void *)(uintptr_t)a;
}

static volatile unsigned *own_data(void)
{
	return (volatile unsigned *)(uintptr_t)SMP_OWN_D;
}

static unsigned frame_base(unsigned slot)
{
	struct capinfo ci;
	return sys_cap_info(slot, &ci) == 0 ? ci.base : 0;
}

/* A new frame in SMP_DATA, mapped read-write at SMP_OWN_D, holding SMP_MAGIC. */
static int data_page(void)
{
	CHECK_EQ(sys_mem_retype(SMP_BUDGET, SMP_DATA, MEM_FRAME, 1), 0);
	CHECK_EQ(sys_mem_map(SMP_DATA, 0, va(SMP_OWN_D), MEM_R | MEM_W | MAP_PT_NONE), 0);
	own_data()[0] = SMP_MAGIC;
	return 0;
}

/* smpprobe role on CPU 1 with the data page mapped at SMP_KID_D with rights, running. */
static int user_of_page(const char *role, unsigned rights)
{
	char args[64];
	fmt_snprintf(args, sizeof(args), "%s %x %x %x", role, SMP_KID_C, SMP_KID_D, SMP_MAGIC);
	int tid = smp_child("smpprobe", args, 1);
	CHECK(tid > 0);
	CHECK_EQ(sys_mem_map(SMP_DATA, tid, va(SMP_KID_D), rights | MAP_PT_NONE), 0);
	CHECK_EQ(sys_resume(tid), 0);
	return tid;
}

/* tid's next use faulted at SMP_KID_D (write: on a present page); none after c0 but one. */
static int faulted(int tid, volatile unsigned *c, unsigned c0, int write, unsigned round,
		   unsigned *late)
{
	struct supmsg m;
	if (smp_event(tid, &m)) {
		printf("# round %u: no fault; %u uses after the call returned, %u reads saw 0x%x\n",
		       round, c[0] - c0, c[2], c[1]);
		return 1;
	}
	unsigned c1 = c[0];
	CHECK_EQ(m.kind, SUP_FAULT);
	CHECK_EQ(m.vector, 14);
	CHECK_EQ(m.addr, SMP_KID_D);
	CHECK_EQ(m.err & 3u, write ? 3u : 0u);
	if (c1 > c0 + 1 || c[2]) {
		printf("# round %u: %u uses after the call returned; %u reads saw 0x%x\n", round,
		       c1 > c0 + 1 ? c1 - c0 - 1 : 0, c[2], c[1]);
		(*late)++;
	}
	return smp_end(tid);
}

/*
 * reuse 0: unmap from the reader, then write SMP_NEW through our mapping.
 * reuse 1: delete the frame (its mappings go with it), carve a frame again
 * from the same budget (the same page, zeroed, once the shootdown is
 * done), write SMP_NEW into it.
 */
static int reader_rounds(int reuse)
{
	unsigned late = 0, on_cpu1 = 0, same = 0;
	for (unsigned i = 0; i < ROUNDS; i++) {
		volatile unsigned *c = smp_counter();
		CHECK_EQ(data_page(), 0);
		int tid = user_of_page("read", MEM_R);
		CHECK(tid > 0);
		CHECK_EQ(smp_progress(tid, c, 2), 0);
		on_cpu1 += smp_on_cpu(tid, 1);
		unsigned c0, base = frame_base(SMP_DATA);
		if (!reuse) {
			CHECK_EQ(sys_mem_unmap(SMP_DATA, tid, va(SMP_KID_D)), 0);
			c0 = c[0];
		} else {
			CHECK_EQ(sys_cap_delete(SMP_DATA), 0);
			c0 = c[0];
			CHECK_EQ(data_page(), 0);
			same += frame_base(SMP_DATA) == base;
		}
		own_data()[0] = SMP_NEW;
		CHECK_EQ(faulted(tid, c, c0, 0, i, &late), 0);
		CHECK_EQ(sys_cap_delete(SMP_DATA), 0);
	}
	printf("# %u rounds: the reader ran on CPU 1 before %u; %u with late or stale reads",
	       ROUNDS, on_cpu1, late);
	printf(reuse ? "; the same frame came back %u times\n" : "\n", same);
	CHECK_EQ(late, 0);
	CHECK(on_cpu1 > 0);
	if (reuse)
		CHECK(same > 0);
	return 0;
}

static int unmap_rounds(void)  { return reader_rounds(0); }
static int reuse_rounds(void)  { return reader_rounds(1); }

int t_smp_unmap_across_cpus(void)       { return smp_run(unmap_rounds); }
int t_smp_frame_reuse_across_cpus(void) { return smp_run(reuse_rounds); }

/* Rights down: the writer's next write faults, and no write lands after protect returned. */
static int protect_rounds(void)
{
	unsigned late = 0, on_cpu1 = 0;
	CHECK_EQ(data_page(), 0);
	for (unsigned i = 0; i < ROUNDS; i++) {
		volatile unsigned *c = smp_counter();
		int tid = user_of_page("write", MEM_R | MEM_W);
		CHECK(tid > 0);
		CHECK_EQ(smp_progress(tid, c, 2), 0);
		on_cpu1 += smp_on_cpu(tid, 1);
		CHECK_EQ(sys_mem_protect(SMP_DATA, tid, va(SMP_KID_D), MEM_R), 0);
		unsigned c0 = c[0];
		own_data()[0] = SMP_NEW;
		CHECK_EQ(faulted(tid, c, c0, 1, i, &late), 0);
		if (own_data()[0] != SMP_NEW) {
			printf("# round %u: 0x%x written after protect returned\n", i, own_data()[0]);
			late++;
		}
	}
	printf("# %u rounds: the writer ran on CPU 1 before %u; %u with late writes\n", ROUNDS,
	       on_cpu1, late);
	CHECK_EQ(late, 0);
	CHECK(on_cpu1 > 0);
	return 0;
}

int t_smp_protect_across_cpus(void) { return smp_run(protect_rounds); }

/* ---- the shootdown's targets ---- */

struct counts {
	unsigned tlb[MAX_CPUS];       /* requests each CPU served */
	unsigned shootdowns[MAX_CPUS];
};

static void counts_now(struct counts *s)
{
	struct cpuinfo ci = { 0 };
	for (unsigned i = 0; i < smp_cpus() && i < MAX_CPUS; i++) {
		s->tlb[i] = sys_cpu_info((int)i, &ci) > 0 ? ci.tlb_requests : ~0u;
		s->shootdowns[i] = ci.shootdowns;
	}
}

/*
 * Maps the data page into tid (0: ours) and unmaps it; *d gets what each
 * CPU's counters did meanwhile.
 */
static int unmap_counted(int tid, struct counts *d)
{
	struct counts a, b;
	unsigned at = tid ? SMP_KID_D : SMP_OWN_D;
	CHECK_EQ(sys_mem_map(SMP_DATA, tid, va(at), MEM_R | MAP_PT_NONE), 0);
	counts_now(&a);
	CHECK_EQ(sys_mem_unmap(SMP_DATA, tid, va(at)), 0);
	counts_now(&b);
	for (unsigned i = 0; i < MAX_CPUS; i++) {
		d->tlb[i] = b.tlb[i] - a.tlb[i];
		d->shootdowns[i] = b.shootdowns[i] - a.shootdowns[i];
	}
	return 0;
}

/* Requests served by CPU only (-1: none at all); shootdowns started on CPU 0 only, as many. */
static int only(const struct counts *d, int cpu)
{
	for (unsigned i = 0; i < smp_cpus() && i < MAX_CPUS; i++) {
		CHECK_EQ(d->tlb[i], (int)i == cpu ? 1 : 0);
		CHECK_EQ(d->shootdowns[i], i == 0 && cpu >= 0 ? 1 : 0);
	}
	return 0;
}

/*
 * A space live on no other CPU: ours (usertests runs on CPU 0 only), a
 * child that never ran, a child that ran on CPU 1 and is blocked now.  A
 * space live on CPU k alone (a spinner pinned there): one request, to k.
 * The spinner may be switched out for a moment (another task ran there at
 * a tick): then no request at all, and the round is tried again.
 */
static int shootdown_targets(void)
{
	struct counts d;
	CHECK_EQ(data_page(), 0);
	CHECK_EQ(sys_mem_unmap(SMP_DATA, 0, va(SMP_OWN_D)), 0);
	CHECK_EQ(unmap_counted(0, &d), 0);
	CHECK_EQ(only(&d, -1), 0);
	int idle = peer_spawn_prog("spin", "");
	CHECK(idle > 0);
	CHECK_EQ(unmap_counted(idle, &d), 0);
	CHECK_EQ(only(&d, -1), 0);
	CHECK_EQ(sys_ep_create(S_EP), 0);
	int srv = smp_child("ipcpeer", "serve", 1);
	CHECK(srv > 0);
	CHECK_EQ(peer_give(srv, S_EP, 0, EPR_RECV, 0), 0);
	CHECK_EQ(sys_resume(srv), 0);
	CHECK_EQ(peer_blocked(srv), 0);
	CHECK_EQ(unmap_counted(srv, &d), 0);
	CHECK_EQ(only(&d, -1), 0);
	for (unsigned k = 1; k < smp_cpus(); k++) {
		int spin = smp_child("spin", "", (int)k);
		CHECK(spin > 0);
		CHECK_EQ(sys_resume(spin), 0);
		unsigned tries = 0;
		do {
			CHECK_EQ(smp_wait_on_cpu(spin, (int)k), 0);
			CHECK_EQ(unmap_counted(spin, &d), 0);
		} while (d.tlb[k] == 0 && d.shootdowns[0] == 0 && ++tries < 5);
		printf("# space live on CPU %u: CPU %u served %u requests (%u tries before)\n", k, k,
		       d.tlb[k], tries);
		CHECK_EQ(only(&d, (int)k), 0);
		CHECK_EQ(smp_end(spin), 0);
	}
	return 0;
}

int t_smp_shootdown_only_where_live(void) { return smp_run(shootdown_targets); }
