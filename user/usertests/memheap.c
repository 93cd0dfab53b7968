/*
 * memheap.c - the user runtime's memory seen from outside: a child given
 * an Untyped grows its heap by retype + map (user/progs/memuser.c checks
 * the inside), a child given none gets no heap, and a buffer one task
 * makes is read and written by another.  Whatever the children carved
 * goes back when they end: usertests' Untyped count is where it started,
 * whatever else carved from it still lives.
 */
#include "user/lib/shbuf.h"
#include "user/lib/slots.h"
#include "user/usertests/memheap.h"
#include "user/usertests/ut.h"

#define S_SCRATCH 26
#define S_BUF     27
#define BUDGET    128      /* pages: the heap's 112 and its page table */

/* Pages usertests' Untyped has carved and not got back. */
static unsigned carved(void)
{
	struct capinfo ci;
	if (sys_cap_info(ROOT_SLOT_UNTYPED, &ci) || ci.type != CAPT_UNTYPED)
		return ~0u;
	return ci.badge;
}

/* Runs memuser with args, an Untyped of budget pages (none if 0), and the
 * Frame in frame_slot (if not 0) in its SLOT_FREE; its exit code, or -1. */
static int memuser(const char *args, unsigned budget, const struct shbuf *b)
{
	struct exitinfo e;
	int tid = spawn_flags("memuser", args, SPAWN_SUSPENDED);
	long r = tid < 0 ? tid : 0;
	if (!r && budget)
		r = sys_mem_retype(ROOT_SLOT_UNTYPED, S_SCRATCH, MEM_UNTYPED, budget);
	if (!r && budget)
		r = sys_cap_transfer(S_SCRATCH, tid, SLOT_UNTYPED);
	if (!r && b)
		r = shbuf_give(b, S_SCRATCH, MEM_R | MEM_W, tid, SLOT_FREE);
	if (!r)
		r = sys_resume(tid);
	if (r) {
		printf("# memuser %s: %s\n", args, strerror(r));
		sys_cap_delete(S_SCRATCH);
		if (tid > 0) {
			sys_kill(tid);
			sys_wait(tid, &e);
		}
		return -1;
	}
	if (sys_wait(tid, &e) != tid || e.fault_vector >= 0)
		return -1;
	return e.code;
}

int t_malloc_grows_by_retype_and_map(void)
{
	unsigned before = carved();
	CHECK(before != ~0u);
	CHECK_EQ(memuser("heap", BUDGET, 0), 0);
	CHECK_EQ(carved(), before);
	return 0;
}

int t_malloc_without_budget_returns_null(void)
{
	CHECK_EQ(memuser("nobudget", 0, 0), 0);
	return 0;
}

int t_shbuf_shared_by_two_tasks(void)
{
	struct shbuf b;
	CHECK_EQ(shbuf_create(&b, ROOT_SLOT_UNTYPED, S_BUF, 1), 0);
	unsigned *w = b.va;
	CHECK_EQ(w[0], 0);             /* a new frame is zeroed */
	w[0] = MEMUSER_MAGIC;
	CHECK_EQ(memuser("shbuf", 4, &b), 0);
	CHECK_EQ(w[1], MEMUSER_ANSWER);
	shbuf_destroy(&b);
	struct capinfo ci;
	CHECK_EQ(sys_cap_info(S_BUF, &ci), 0);
	CHECK_EQ(ci.type, CAPT_NULL);
	/* The heap test checks the count (pages come back the moment their object dies). */
	return 0;
}
