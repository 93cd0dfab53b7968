/*
 * dmauser.c - a driver that starts a DMA transfer and never ends it, for
 * the usertests of the in-flight rule (user/usertests/dmaide.c): its
 * death must stop the engine.  Slot 0: a DmaChan; slot 1: a DmaBuffer
 * (its parent gives both).  Exits with the error if dma_start fails.
 */
#include "user/lib/ulib.h"

int main(int argc, char **argv)
{
	struct dma_req r = { .dir = DMA_FROM_DEVICE, .nseg = 1 };
	r.seg[0] = (struct dma_seg){ 1, 0, 512 };
	if (argc < 2 || !streq(argv[1], "start"))
		return 1;
	long e = sys_dma_start(0, &r);
	if (e)
		return (int)-e;
	for (;;)
		sys_sleep(TIMER_HZ);
}
