/*
 * memuser.c - a program that uses the user runtime's memory (user/lib/
 * heap.c, shbuf.c) for the usertests (memheap.c); its exit code is 0, or
 * the line of the first check that failed.
 *   memuser heap      malloc past two growths, every byte checked, all freed
 *                     and allocated again without growing
 *   memuser nobudget  no Untyped in SLOT_UNTYPED: malloc returns 0
 *   memuser shbuf     maps the Frame in SLOT_FREE, finds MEMUSER_MAGIC in its
 *                     first word, writes MEMUSER_ANSWER in its second
 */
#include "user/lib/shbuf.h"
#include "user/lib/slots.h"
#include "user/lib/ulib.h"
#include "user/lib/umem.h"
#include "user/usertests/memheap.h"

#define TRY(c) do { if (!(c)) { printf("memuser: line %d: %s\n", __LINE__, #c); return __LINE__; } } while (0)

#define BLOCKS 64
#define BLOCK  4000       /* BLOCKS * BLOCK: past HEAP_CHUNK_MIN and its double (48 pages) */

static int heap(void)
{
	unsigned char *p[BLOCKS];
	struct capinfo ci;
	for (unsigned i = 0; i < BLOCKS; i++) {
		p[i] = malloc(BLOCK);
		TRY(p[i] != 0);
		TRY((unsigned)(size_t)p[i] >= HEAP_BASE && (unsigned)(size_t)p[i] < HEAP_END);
		memset(p[i], (int)i, BLOCK);
	}
	/* Three frames: 16 pages, then 32, then 64 (64 blocks need about 63 pages). */
	for (unsigned i = 0; i < 3; i++) {
		TRY(sys_cap_info(SLOT_HEAP(i), &ci) == 0);
		TRY(ci.type == CAPT_FRAME);
		TRY(ci.count == (HEAP_CHUNK_MIN / PAGE_SIZE) << i);
		TRY(ci.object == 1);          /* mapped once, at the heap's top */
	}
	for (unsigned i = 0; i < BLOCKS; i++)
		for (unsigned j = 0; j < BLOCK; j++)
			TRY(p[i][j] == (unsigned char)i);
	for (unsigned i = 0; i < BLOCKS; i++)
		free(p[i]);
	/* All of it again, from the memory already there: no fourth frame. */
	unsigned char *big = calloc(BLOCKS, BLOCK);
	TRY(big != 0);
	for (unsigned j = 0; j < BLOCKS * BLOCK; j++)
		TRY(big[j] == 0);
	/* More than the three frames hold: 3 slots, all used, so the heap cannot grow again. */
	TRY(realloc(big, 3 * BLOCKS * BLOCK) == 0);
	TRY(big[0] == 0);         /* and the block is as it was */
	return 0;
}

static int shbuf(void)
{
	struct shbuf b;
	TRY(shbuf_attach(&b, SLOT_FREE, SLOT_UNTYPED) == 0);
	unsigned *w = b.va;
	TRY(w[0] == MEMUSER_MAGIC);
	w[1] = MEMUSER_ANSWER;
	return 0;
}

int main(int argc, char **argv)
{
	if (arg_has(argc, argv, "heap"))
		return heap();
	if (arg_has(argc, argv, "nobudget"))
		return malloc(16) == 0 && calloc(1, 1) == 0 ? 0 : __LINE__;
	if (arg_has(argc, argv, "shbuf"))
		return shbuf();
	return 1;
}
