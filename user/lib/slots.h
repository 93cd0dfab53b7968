/*
 * slots.h - where a task started by the root task from the manifest
 * (drivers.conf, docs/manifest.md) finds its capabilities.  A convention
 * between init and the programs it starts; the kernel knows nothing of it.
 */
#ifndef USER_LIB_SLOTS_H
#define USER_LIB_SLOTS_H

#define SLOT_CONSOLE   0   /* console endpoint: send, badged per task (not in the console itself) */
#define SLOT_SERVICE   1   /* the endpoint of the service this task provides (all rights) */
#define SLOT_KLOG      2   /* KLog, if the manifest says `klog` */
#define SLOT_ROOT      3   /* the root task's service endpoint (send, badged) */
#define SLOT_USE(i)    (4 + (i))   /* services in `uses=` order, console excepted; up to 4 */
#define SLOT_PORTS(i)  (8 + (i))   /* IoPorts caps in `ports=` order; up to 8 */
#define SLOT_IRQ(i)    (16 + (i))  /* Irq caps (one line each) in `irq=` order; up to 4 */
#define SLOT_INTR      20   /* the console only: signals init when Ctrl-C is typed (proto.h ROOT_BIT_INTR) */
/*
 * Slot 20 holds one cap that only some tasks have, so a manifest line may
 * ask for one of them: the console's SLOT_INTR, `dma=` or `pcicfg`.
 */
#define SLOT_DMA       20   /* a task with `dma=`: a DmaChan naming those engines (docs/dma.md) */
#define SLOT_PCICFG    20   /* PciCfg (every function), if the manifest says `pcicfg` */
#define SLOT_FREE      21          /* 21..25 are the program's own */
/*
 * Memory: the program's budget, an Untyped cap that init carves for it
 * (the same slot as the root task's ROOT_SLOT_UNTYPED, so a program given
 * copies of the root's slots finds its memory there too), which pays for
 * malloc (user/lib/heap.c), shared buffers (user/lib/shbuf.h) and the
 * page tables its mappings need (mem_map's MAP_PT); the slots malloc keeps
 * its frames in; and an Mmio cap per `mmio=` range, read and write
 * (docs/drivers.md, "Device memory").  A program without an Untyped here
 * has no heap: malloc returns 0.
 */
#define SLOT_MMIO(i)   (26 + (i))  /* Mmio caps in `mmio=` order; up to 2 */
#define SLOT_UNTYPED   28
#define SLOT_HEAP(i)   (29 + (i))  /* the heap's frames, one cap each */
#define SLOT_HEAP_COUNT 3

#endif
