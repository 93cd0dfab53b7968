/*
 * switchcurve.c - how a task switch grows with what the tasks hold and how
 * many take turns (issue 16: "bitmap switch vs extent size and word
 * layout; yield vs runnable tasks"; docs/bench.md).  Every figure is one
 * yield, as switch_noports is, through pingpong_run:
 *
 *   switch_runnable_<n>     n yielders holding no ports take turns (2, 4, 8)
 *   switch_extent_<n>       two yielders holding n ports each, disjoint, each
 *                           range starting a 32-port word of the bitmap
 *                           (1, 8, 16, 32, 64, 256, 4096)
 *   switch_layout_straddle  two yielders holding 16 ports each, every range
 *                           across the boundary of two 32-port words
 *   switch_grants_64_unaligned  two yielders holding 64 ports each from bit 16
 *                           of a word: three words each
 *   switch_pair_<a>_<b>     two yielders holding exactly the ports= that
 *                           drivers.conf grants drivers a and b, for every
 *                           pair of drivers it gives ports to
 *
 * The driver pairs come from the boot's own manifest, read with init's
 * parser, so a changed drivers.conf changes the figures with it.  The
 * ranges of the extent figures lie where no driver and no port the kernel
 * owns are (iocap/ioowned.h), so cap_derive grants every one.
 */
#include "user/bench/pingpong.h"
#include "user/bench/switchcurve.h"
#include "user/init/manifest.h"
#include "user/lib/ulib.h"

#define EXTENT_A 0x1000u   /* the measurer's ports start here, */
#define EXTENT_B 0x3000u   /* the partner's here: disjoint up to 8192 ports each */
#define STRADDLE 24u       /* 16 ports from bit 24 of a word run on into the next */

static const int runnable[] = { 2, 4, 8 };
static const uint32_t extents[] = { 1, 8, 16, 32, 64, 256, 4096 };

static struct pingpong_side one_range(uint32_t base, uint32_t count)
{
	return (struct pingpong_side){ { { base, count, IOR_ALL } }, 1 };
}

static int runnable_figures(const struct bench_cfg *c, uint32_t solo)
{
	static const struct pingpong_side none[PINGPONG_MAX_TASKS];
	char name[48];
	int ok = 1;
	for (unsigned i = 0; ok && i < ARRAY_SIZE(runnable); i++) {
		fmt_snprintf(name, sizeof(name), "switch_runnable_%d", runnable[i]);
		ok = pingpong_run(c, name, none, runnable[i], solo, 0);
	}
	return ok;
}

static int extent_figures(const struct bench_cfg *c, uint32_t solo)
{
	char name[48];
	int ok = 1;
	for (unsigned i = 0; ok && i < ARRAY_SIZE(extents); i++) {
		struct pingpong_side s[2] = { one_range(EXTENT_A, extents[i]),
					      one_range(EXTENT_B, extents[i]) };
		fmt_snprintf(name, sizeof(name), "switch_extent_%u", extents[i]);
		ok = pingpong_run(c, name, s, 2, solo, 0);
	}
	struct pingpong_side s[2] = { one_range(EXTENT_A + STRADDLE, 16),
				      one_range(EXTENT_B + STRADDLE, 16) };
	ok = ok && pingpong_run(c, "switch_layout_straddle", s, 2, solo, 0);
	struct pingpong_side u[2] = { one_range(EXTENT_A + 16, 64), one_range(EXTENT_B + 16, 64) };
	return ok && pingpong_run(c, "switch_grants_64_unaligned", u, 2, solo, 0);
}

static struct manifest man;
static char conf[4096];

/* A manifest task's ports= as a yielder's caps. */
static struct pingpong_side driver_side(const struct manifest_entry *e)
{
	struct pingpong_side s = { .n = e->nports };
	for (int i = 0; i < e->nports; i++)
		s.ports[i] = (struct ioports){ e->ports[i].base, e->ports[i].count, IOR_ALL };
	return s;
}

/* Every pair of drivers.conf's tasks that both hold ports, in file order. */
static int pair_figures(const struct bench_cfg *c, uint32_t solo)
{
	struct manifest_error err;
	char name[48];
	long len = sys_module_read("drivers.conf", 12, conf, sizeof(conf));
	if (len < 0) {
		printf("bench: switch_pair: drivers.conf: %s\n", strerror(len));
		return 0;
	}
	if (manifest_parse(conf, (size_t)len, &man, &err)) {
		printf("bench: switch_pair: drivers.conf:%d:%d: %s\n", err.line, err.col, err.msg);
		return 0;
	}
	int ok = 1, pairs = 0;
	for (int a = 0; ok && a < man.n; a++)
		for (int b = a + 1; ok && b < man.n; b++) {
			if (!man.e[a].nports || !man.e[b].nports)
				continue;
			struct pingpong_side s[2] = { driver_side(&man.e[a]), driver_side(&man.e[b]) };
			fmt_snprintf(name, sizeof(name), "switch_pair_%s_%s", man.e[a].name, man.e[b].name);
			ok = pingpong_run(c, name, s, 2, solo, 0);
			pairs++;
		}
	if (ok && !pairs)
		printf("bench: switch_pair: drivers.conf gives no two drivers ports\n");
	return ok && pairs;
}

int switchcurve_figures(const struct bench_cfg *c)
{
	uint32_t solo = pingpong_solo(c);
	return runnable_figures(c, solo) && extent_figures(c, solo) && pair_figures(c, solo);
}
