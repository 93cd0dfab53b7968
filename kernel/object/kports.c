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
uint8_t kports_bits[IOOWNED_BITS_BYTES];
struct ioowned_byte kports_bytes[IOOWNED_MAX_BYTES];
int kports_nbytes;
uint32_t kports_gen;

/* The two faster forms of the registry, after every change. */
static void derive_forms(void)
{
	ioowned_bits(&kports, kports_bits);
	kports_nbytes = ioowned_bytes(kports_bits, kports_bytes, IOOWNED_MAX_BYTES);
	/* The fixed table and the bus masters fill about 20 of the 64 bytes. */
	KASSERT(kports_nbytes >= 0);
	kports_gen++;
}

void kports_boot(void)
{
	ioowned_init(&kports);
	derive_forms();
}

int kports_add(uint32_t first, uint32_t last, const char *what)
{
	int r = ioowned_add(&kports, first, last, what);
	if (r)
		return r;
	derive_forms();
	kprintf("ports: 0x%x-0x%x (%s) are the kernel's\n", first, last, what);
	/* A cap that covered these ports (the root's whole space) must stop opening them. */
	for (int i = 0; i < MAX_TASKS; i++)
		if (tasks[i].state != TASK_FREE)
			cspace_io_mark(&tasks[i].cs, CS_IO_SHRANK, IOBITMAP_WINDOW_ALL);
	return 0;
}
