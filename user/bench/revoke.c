/*
 * revoke.c - how a port revoke grows with the holders it reaches
 * (issue 16: "a revoke reaching N holders <= N x 300 + a constant").
 *
 *   revoke_holders_<n>   cap_revoke of an intermediate IoPorts(COM2) cap
 *                        whose n copies are held by n suspended children
 *                        (n = 1, 2, 4, 8)
 *
 * The grants are made before each revoke and are not timed: the TSC is read
 * right before and after the one cap_revoke, and an empty pair of reads is
 * taken off.  Under -icount that is the revoke's own instructions: the
 * derivation walk, n slots emptied, n bitmap windows rebuilt, the commit.
 */
#include "user/lib/i386/uarch.h"
#include "user/bench/ports.h"
#include "user/bench/revoke.h"
#include "user/bench/smp.h"
#include "user/lib/ulib.h"

#define SLOT_MID     12   /* the intermediate cap, revoked */
#define SLOT_SCRATCH 13
#define MAX_HOLDERS  8
#define REVOKES      8    /* per batch */

static int holders[MAX_HOLDERS];

/* A copy of COM2 from SLOT_MID in slot 0 of each of the first n holders. */
static long grant_all(int n)
{
	long r = 0;
	for (int i = 0; !r && i < n; i++) {
		r = sys_cap_derive(SLOT_MID, SLOT_SCRATCH, CAP_BASE_RIGHTS(BENCH_COM2_BASE, IOR_ALL), BENCH_COM2_COUNT);
		if (!r)
			r = sys_cap_transfer(SLOT_SCRATCH, holders[i], 0);
	}
	return r;
}

/* How many of the first n holders hold a cap in slot 0 now. */
static int holding(int n)
{
	int k = 0;
	for (int i = 0; i < n; i++) {
		struct capinfo info;
		k += sys_cap_inspect(holders[i], 0, &info) == 0 && info.type == CAPT_IOPORTS;
	}
	return k;
}

/* Instructions (or cycles) between two TSC reads with nothing between them. */
static uint32_t empty_pair(void)
{
	uint64_t t0 = u_rdtsc();
	return (uint32_t)(u_rdtsc() - t0);
}

/* One batch: REVOKES revokes reaching n holders each, the mean of their timed parts; 0 on error. */
static uint32_t batch(int n, uint32_t pair, long *err)
{
	uint64_t sum = 0;
	for (int k = 0; k < REVOKES; k++) {
		*err |= grant_all(n);
		bench_mark();
		uint64_t t0 = u_rdtsc();
		*err |= sys_cap_revoke(SLOT_MID);
		uint64_t t = u_rdtsc() - t0;
		bench_mark();
		sum += t > pair ? t - pair : 0;
	}
	return (uint32_t)((sum + REVOKES / 2) / REVOKES);
}

static int figure(const struct bench_cfg *c, int n, uint32_t pair)
{
	uint32_t v[BENCH_MAX_BATCHES];
	unsigned nb = bench_clamp_batches(c->batches);
	long err = 0;
	char name[32];
	batch(n, pair, &err);                    /* warm-up */
	for (unsigned i = 0; i < nb; i++)
		v[i] = batch(n, pair, &err);
	/* Checked, not assumed: every grant landed, and the revoke emptied every holder. */
	int ok = !err && grant_all(n) == 0 && holding(n) == n && sys_cap_revoke(SLOT_MID) == 0 &&
		 holding(n) == 0;
	fmt_snprintf(name, sizeof(name), "revoke_holders_%d", n);
	if (!ok) {
		printf("bench: %s failed (%s)\n", name, err ? strerror(err) : "a grant or revoke did not take");
		return 0;
	}
	struct bench_stats s;
	bench_summarise(v, nb, &s);
	bench_print(c, name, &s);
	return 1;
}

int revoke_figures(const struct bench_cfg *c)
{
	int ok = cap_derive(BENCH_SLOT_ALL, SLOT_MID, BENCH_COM2_BASE, BENCH_COM2_COUNT, IOR_ALL) == 0;
	for (int i = 0; i < MAX_HOLDERS; i++) {
		holders[i] = spawn_flags("bench", "grantee", SPAWN_SUSPENDED);
		ok = ok && holders[i] > 0;
	}
	uint32_t pair = empty_pair();
	for (int n = 1; ok && n <= MAX_HOLDERS; n *= 2)
		ok = figure(c, n, pair);
	for (int i = 0; i < MAX_HOLDERS; i++)
		if (holders[i] > 0)
			smp_stop(holders[i]);
	sys_cap_delete(SLOT_MID);
	if (!ok)
		printf("bench: revoke_holders failed\n");
	return ok;
}
