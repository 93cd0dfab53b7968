/*
 * kports.c - the kernel-owned ports (kports.h): one registry, which the
 * grants (kernel/object/ioport.c), every bitmap (kernel/object/taskio.c)
 * and the invariant checker read.  Why these ports: docs/dma.md, "Owned
 * registers and PCI configuration".
 */
#include "kernel/object/kports.h"
#include "kernel/lib.h"
#include "kernel/proc/task.h"

struct ioowned kports;

void kports_boot(void)
{
	ioowned_init(&kports);
}

int kports_add(uint32_t first, uint32_t last, const char *what)
{
	int r = ioowned_add(&kports, first, last, what);
	if (r)
		return r;
	kprintf("ports: 0x%x-0x%x (%s) are the kernel's\n", first, last, what);
	/* A cap that covered these ports (the root's whole space) must stop opening them. */
	for (int i = 0; i < MAX_TASKS; i++)
		if (tasks[i].state != TASK_FREE)
			tasks[i].cs.io_changed |= CS_IO_SHRANK;
	return 0;
}
