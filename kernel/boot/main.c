/*
 * main.c - boot: bring up this CPU (GDT/TSS/IDT), memory, paging, the boot
 * modules, the PIC and timer, then start the root task "init" with the
 * kernel command line's arguments and hand the CPU to the scheduler.
 */
#include "arch/i386/arch.h"
#include "kernel/smp/cpu.h"
#include "kernel/proc/fpu.h"
#include "abi/syscalls.h"
#include "abi/ipc.h"
#include "kernel/debug/bench.h"
#include "kernel/debug/invariants.h"
#include "kernel/debug/log.h"
#include "kernel/object/ipc.h"
#include "kernel/object/lifecycle.h"
#include "kernel/mm/kmem.h"
#include "kernel/lib.h"
#include "kernel/boot/module.h"
#include "kernel/boot/multiboot.h"
#include "kernel/debug/panic.h"
#include "kernel/proc/reap.h"
#include "kernel/proc/sched.h"
#include "kernel/proc/spawn.h"
#include "kernel/proc/task.h"
#include "kernel/object/taskio.h"
#include "kernel/object/cap.h"
#include "kernel/object/kports.h"
#include "kernel/object/pcicfg.h"
#include "kernel/object/untyped.h"
#include "kernel/dma/dmachan.h"
#include "kernel/dma/dmaaudit.h"
#include "kernel/boot/cmdline.h"
#include "kernel/mm/vm.h"
#include "kernel/smp/smp.h"
#include "kernel/smp/request.h"
#include "kernel/smp/lock.h"

#define PORTCULLIS_VERSION "0.1"

/* The command line's first word is the kernel's path; the rest goes to init. */
static const char *init_args(const struct multiboot_info *mbi)
{
	if (!(mbi->flags & MBI_FLAG_CMDLINE))
		return "";
	const char *p = (const char *)mbi->cmdline;
	while (*p && *p != ' ')
		p++;
	while (*p == ' ')
		p++;
	return p;
}

/*
 * The root task starts holding everything: the whole I/O space (less the
 * ports the kernel owns, kernel/object/kports.h), PCI configuration, IOPL,
 * every interrupt line the kernel does not keep, and the kernel log
 * (ROOT_SLOT_*).  It hands out derived pieces; nobody else starts with
 * anything.
 */
static void root_caps(struct task *root)
{
	struct ioports all;
	if (ioports_make(0, IOPORTS_SPACE, IOR_ALL, &all))
		panic("root_caps: cannot describe the I/O space");
	struct cap val = { .type = CAP_IOPORTS, .io = all };
	cap_install_root(&root->cs.slot[ROOT_SLOT_IOPORTS], &val);
	val = (struct cap){ .type = CAP_IOPL };
	cap_install_root(&root->cs.slot[ROOT_SLOT_IOPL], &val);
	val = (struct cap){ .type = CAP_IRQ, .irq_mask = IRQ_ALL_MASK };
	cap_install_root(&root->cs.slot[ROOT_SLOT_IRQ], &val);
	val = (struct cap){ .type = CAP_KLOG };
	cap_install_root(&root->cs.slot[ROOT_SLOT_KLOG], &val);
	val = pcicfg_root_cap();
	cap_install_root(&root->cs.slot[ROOT_SLOT_PCICFG], &val);
	caps_commit();
}

void kmain(uint32_t magic, const struct multiboot_info *mbi)
{
	const char *missing;
	char args[128];

	arch_console_init();
	kprintf("\nPortcullis %s (i386) booting\n", PORTCULLIS_VERSION);
	if (magic != MULTIBOOT_BOOTLOADER_MAGIC)
		panic("not started by a Multiboot loader (magic 0x%08x)", magic);
	if (!arch_cpu_check(&missing))
		panic("this CPU lacks %s", missing);

	cpu_init(&cpus[0], 0);
	/*
	 * The big lock from the first moment this CPU's struct exists, as at
	 * every kernel entry: boot is a kernel path like any other (the other
	 * CPUs start in smp_start, and the first way out to ring 3 drops it).
	 */
	kernel_lock();
	fpu_init_cpu(&cpus[0]);
	arch_idt_init();
	arch_idt_load();
	/* First: whatever the boot finds (an IDE bus master) adds to the fixed ports. */
	kports_boot();

	uint32_t mem_top = kmem_init(mbi);
	kprintf("memory: %u KiB free of %u KiB mapped\n", kframes.nfree * 4, mem_top / 1024);
	uint32_t ut_base, ut_pages, pci_base, low_base = 0, low_pages = KMEM_LOW_PAGES;
	if (kmem_take_low(low_pages, &low_base))
		low_pages = 0;
	if (!kmem_split(mbi, &ut_base, &ut_pages, &pci_base))
		panic("the firmware's memory map puts RAM inside the Mmio ranges");
	kprintf("memory: kernel keeps %u KiB, untyped %u KiB at 0x%08x, Mmio from 0x%08x\n",
		kframes.nfree * 4, ut_pages * 4, ut_base, pci_base);
	kprintf("memory: ISA DMA untyped %u KiB at 0x%08x\n", low_pages * 4, low_base);
	dma_audit_boot(ut_base, ut_pages, low_base, low_pages);   /* paging off, the pool untouched since the split */
	smp_tables_init();
	vm_init(mem_top);
	modules_init(mbi);
	strlcpy(args, init_args(mbi), sizeof(args));

	/* "kpanic" proves the panic report works (tests/boot/qemu_panic_test.sh). */
	if (cmdline_has(args, "kpanic"))
		panic_selftest();
	iobitmap_eager = cmdline_has(args, "iobitmap=eager");
	bench_boot = cmdline_has(args, "bench");
	smp_no_ioapic = cmdline_has(args, "noioapic");
	if (bench_boot)
		kprintf("bench: booted for benchmarks: io_in, bench_gate and bench_port_in answer\n");

	/* The fuzz configuration: the last calls are kept, the state is checked (docs/fuzz.md). */
	invariants_boot(args);
	cap_ref_hook = kobj_ref;
	cap_gone_hook = cap_gone;
	caps_commit_hook = com1_owner_update;
	task_exit_hook = bench_task_exit;
	io_request_hook = task_io_request;
	arch_pic_init();
	sched_init_cpu();

	struct task *init;
	int r = spawn_module(0, "init", args, 0, &init);
	if (r)
		panic("cannot start the root task from module \"init\" (error %d)", r);
	root_caps(init);
	untyped_boot(init, ut_base, ut_pages, pci_base);
	untyped_boot_low(init, low_base, low_pages);
	dma_boot(init);
	caps_commit();          /* the ports dma_boot found are the kernel's: closed in init's bitmap too */
	kprintf("root task init started (tid %d, args \"%s\")\n", init->tid, args);

	arch_timer_init(TIMER_HZ);
	smp_start(TIMER_HZ);
	sched_start();
}
