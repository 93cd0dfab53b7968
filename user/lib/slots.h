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
#define SLOT_FREE      21          /* 21..27 are the program's own */
/*
 * Memory (docs/drivers.md, "Device memory"): an Mmio cap per `mmio=`
 * range, read and write, and for a task with any, a small Untyped budget
 * that pays for the page tables its mappings need (mem_map's MAP_PT).
 */
#define SLOT_MMIO(i)   (28 + (i))  /* Mmio caps in `mmio=` order; up to 2 */
#define SLOT_UNTYPED   30          /* Untyped: MMIO_PT_PAGES pages for page tables */
#define MMIO_PT_PAGES  2           /* one page table per range: each fits one 4 MiB region */

#endif
