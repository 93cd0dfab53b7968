/*
 * fuzzchild.c - what a worker's child does (its mode, enum kid_mode):
 * end at once, fault in one of several ways, spin, block for good, or make
 * a few dozen generated calls.  A child spawns nothing, so the task table
 * holds at most a few per worker.
 */
#include "user/lib/i386/uarch.h"
#include "abi/ipc.h"
#include "kernel/mm/vm.h"
#include "user/fuzz/fuzzops.h"
#include "user/lib/ulib.h"

/* Bytes to run: whatever the generator says, on the stack (no NX on this MMU). */
static void garbage(void)
{
	uint8_t code[32];
	for (unsigned i = 0; i < sizeof(code); i++)
		code[i] = (uint8_t)rng_next(&fz_rng);
	u_jump((uint32_t)code);
}

int fuzz_child(int argc, char **argv)
{
	if (argc < 4)
		return 2;
	int mode = (int)atou(argv[2]);
	struct taskinfo ti;
	sys_taskinfo(0, &ti);
	rng_seed(&fz_rng, atou(argv[3]), 0xC41Du, ti.restarts);
	const char *k = arg_value(argc, argv, "ku");
	/* The worker passes its list in hex. */
	for (fz_ku = 0; k && *k; k++)
		fz_ku = fz_ku * 16 + (uint32_t)(*k <= '9' ? *k - '0' : (*k | 0x20) - 'a' + 10);
	struct ipc_msg m = { 0, 0, 0, 0 };
	switch (mode) {
	case KM_EXIT:
		return (int)rng_below(&fz_rng, 256);
	case KM_UD2:
		u_ud2();
		return 0;
	case KM_SPIN:                /* alive and busy, without taking the CPU from the workers */
		for (;;)
			sys_sleep(1 + rng_below(&fz_rng, 4));
	case KM_BLOCK:
		ipc_recv(rng_below(&fz_rng, 4), &m);
		for (;;)
			sys_sleep(100 * TIMER_HZ * 60);
	case KM_CALLS:
		for (int i = 0; i < 64; i++)
			fz_raw_call();
		fz_flush_counts("child");
		return 0;
	case KM_PF:
		*(volatile uint32_t *)(rng_chance(&fz_rng, 1, 2) ? 0u : 0x100000u + rng_below(&fz_rng, 4096)) = 1;
		return 0;
	case KM_IO:
		for (int i = 0; i < 3; i++)
			(void)u_inb((uint16_t)(0x3F8 + rng_below(&fz_rng, 64)));
		return 0;
	case KM_GARBAGE:
		garbage();
		return 0;
	}
	return 1;
}
