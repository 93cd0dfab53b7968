/*
 * memtouch.c - the other side of usertests' memory tests
 * (user/usertests/memtests.c): a task whose memory someone else mapped,
 * protected or revoked, so that a wrong kernel shows as a fault (or as no
 * fault) in a task that is not the test's.
 *   memtouch write VA            writes the word at VA; exits 0 if that did
 *                                not fault
 *   memtouch watch VA MAGIC [map]  (map: first maps the frame in slot 0 at
 *                                VA, read-only); then reads VA every tick
 *                                and exits 3 if it ever holds anything but
 *                                MAGIC (hex)
 *   memtouch mapinto TID         mem_map of the frame in slot 0 into task
 *                                TID: exits with the error number (0: mapped)
 *   memtouch hog [hold]          carves 1-page frames from the Untyped in
 *                                slot 0 and maps each, writable, from
 *                                HOG_VA on (page tables from slot 0 too),
 *                                until refused; exits with how many it got
 *                                (200 + E_x if the refusal was not E_NOMEM);
 *                                hold: the first incarnation then sleeps
 *                                until restarted or killed
 * Addresses are hex without 0x.  Exit codes: PEER_ERR + E_x when a call
 * that must work fails.
 */
#include "user/lib/ulib.h"
#include "user/progs/ipcpeer.h"

#define HOG_VA 0x60000000u

static volatile unsigned *word_at(const char *hex)
{
	return (volatile unsigned *)(uintptr_t)xtou(hex);
}

static int watch(int argc, char **argv)
{
	volatile unsigned *p = word_at(argv[2]);
	unsigned magic = xtou(argv[3]);
	if (arg_has(argc, argv, "map")) {
		long r = sys_mem_map(0, 0, (void *)p, MEM_R | MAP_PT_NONE);
		if (r)
			return (int)(PEER_ERR - r);
	}
	for (;;) {
		if (*p != magic)
			return 3;
		sys_sleep(1);
	}
}

static int hog(int argc, char **argv)
{
	struct taskinfo ti;
	unsigned n = 0;
	long r = 0;
	for (unsigned slot = 1; slot < 32; slot++) {
		r = sys_mem_retype(0, slot, MEM_FRAME, 1);
		if (!r)
			r = sys_mem_map(slot, 0, (void *)(uintptr_t)(HOG_VA + n * 4096u),
					MEM_R | MEM_W | MAP_PT(0));
		if (r)
			break;
		*(volatile unsigned *)(uintptr_t)(HOG_VA + n * 4096u) = slot;
		n++;
	}
	if (r != -E_NOMEM)
		return 200 + (int)-r;
	if (arg_has(argc, argv, "hold") && sys_taskinfo(0, &ti) == 0 && ti.restarts == 0)
		for (;;)
			sys_sleep(100 * TIMER_HZ);
	return (int)n;
}

int main(int argc, char **argv)
{
	const char *role = argc > 1 ? argv[1] : "";
	if (streq(role, "write") && argc > 2) {
		*word_at(argv[2]) = 0x5A5A5A5Au;
		return 0;
	}
	if (streq(role, "watch") && argc > 3)
		return watch(argc, argv);
	if (streq(role, "mapinto") && argc > 2)
		return (int)-sys_mem_map(0, (int)atou(argv[2]), (void *)0xBFC00000u, MEM_R | MAP_PT_NONE);
	if (streq(role, "hog"))
		return hog(argc, argv);
	printf("memtouch: bad arguments\n");
	return 2;
}
