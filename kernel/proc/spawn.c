/*
 * spawn.c - builds a task from an ELF boot module: a fresh address space,
 * its PT_LOAD segments, a stack with argc/argv, and a kernel stack that
 * "returns" into ring 3 at the entry point.  Checks come first (module,
 * ELF), then allocation; any failure undoes everything.
 */
#include "arch/i386/arch.h"
#include "arch/i386/trapframe.h"
#include "iocap/iopl.h"
#include "abi/errno.h"
#include "kernel/proc/elf.h"
#include "kernel/lib.h"
#include "kernel/boot/module.h"
#include "kernel/proc/sched.h"
#include "abi/ipc.h"
#include "kernel/object/ipc.h"
#include "kernel/object/irq.h"
#include "kernel/dma/dmachan.h"
#include "kernel/proc/spawn.h"
#include "kernel/proc/task.h"
#include "kernel/object/taskio.h"
#include "kernel/mm/uaccess.h"

#define MAX_ARGS 16
#define STACK_LOW (USER_STACK_TOP - USER_STACK_PAGES * 4096u)
/*
 * Below the stack: an unmapped guard page (overflow faults), the UTCB page,
 * and another guard page; the program image ends there.
 */
#define IMAGE_END (UTCB_ADDR - 4096u)
_Static_assert(UTCB_ADDR + 4096u < STACK_LOW, "the UTCB needs a guard page above it");

/* Writes into the new space ignoring page write rights (text is read-only). */
static int load_bytes(struct aspace *as, uint32_t va, const char *src, uint32_t len)
{
	while (len) {
		uint32_t chunk = 4096u - (va & 4095u);
		if (chunk > len)
			chunk = len;
		char *k = vm_user_page(as, va, 0);
		if (!k)
			return -E_FAULT;
		memcpy(k, src, chunk);
		va += chunk;
		src += chunk;
		len -= chunk;
	}
	return 0;
}

static int load_image(struct aspace *as, const struct module *m, const struct elf_info *ei)
{
	for (int i = 0; i < ei->nseg; i++) {
		const struct elf_seg *s = &ei->seg[i];
		int r = vm_alloc_user(as, s->vaddr, s->memsz, s->writable ? VM_WRITE : 0);
		if (!r)
			r = load_bytes(as, s->vaddr, (const char *)m->start + s->offset, s->filesz);
		if (r)
			return r;
	}
	int r = vm_alloc_user(as, UTCB_ADDR, sizeof(struct utcb), VM_WRITE);
	return r ? r : vm_alloc_user(as, STACK_LOW, USER_STACK_TOP - STACK_LOW, VM_WRITE);
}

/*
 * Stack at entry, from %esp up: a zero return address, argc, argv, then
 * the argv array and the strings, so crt0 can jump straight into C.
 */
static int build_stack(struct aspace *as, const char *name, const char *args, uint32_t *esp)
{
	char strings[256];
	uint32_t argv[MAX_ARGS + 1];
	uint32_t argc = 0, len = 0;
	uint32_t base = USER_STACK_TOP - sizeof(strings);

	len = strlcpy(strings, name, sizeof(strings)) + 1;
	argv[argc++] = base;
	for (const char *p = args; *p && argc < MAX_ARGS;) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		argv[argc++] = base + len;
		while (*p && *p != ' ' && len < sizeof(strings) - 1)
			strings[len++] = *p++;
		if (len >= sizeof(strings) - 1)
			return -E_RANGE;
		strings[len++] = '\0';
	}
	argv[argc] = 0;

	uint32_t sp = base - (argc + 1) * 4;
	uint32_t argv_at = sp;
	uint32_t frame[3] = { 0, argc, argv_at };
	sp -= sizeof(frame);
	int r = load_bytes(as, base, strings, len);
	if (!r)
		r = load_bytes(as, argv_at, (const char *)argv, (argc + 1) * 4);
	if (!r)
		r = load_bytes(as, sp, (const char *)frame, sizeof(frame));
	*esp = sp;
	return r;
}

static int build_image(struct task *t, uint32_t *entry, uint32_t *esp)
{
	struct elf_info ei;
	if (elf_parse(t->mod->start, t->mod->size, USER_BASE, IMAGE_END, &ei))
		return -E_NOEXEC;
	int r = aspace_create(&t->as);
	if (!r)
		r = load_image(&t->as, t->mod, &ei);
	if (!r)
		r = build_stack(&t->as, t->name, t->args, esp);
	/* The kernel reaches the UTCB through its own identity mapping of the frame. */
	t->utcb = r ? 0 : vm_user_page(&t->as, UTCB_ADDR, 1);
	/* Caps go only where the receiver asked; a zeroed page would name slot 0. */
	if (t->utcb)
		t->utcb->recv_slot[0] = t->utcb->recv_slot[1] = IPC_NO_SLOT;
	*entry = ei.entry;
	return r;
}

int spawn_module(struct task *parent, const char *name, const char *args, unsigned flags,
		 struct task **out)
{
	const struct module *m = module_find(name);
	struct elf_info ei;
	if (!m)
		return -E_NOENT;
	/* Checked before anything is allocated; build_image checks again. */
	if (elf_parse(m->start, m->size, USER_BASE, IMAGE_END, &ei))
		return -E_NOEXEC;
	struct task *t = task_alloc(name, parent);
	if (!t)
		return -E_AGAIN;
	task_io_refresh(t);             /* no caps yet: the empty bitmap it switches to */
	uint32_t entry, esp;
	t->mod = m;
	strlcpy(t->args, args, sizeof(t->args));
	int r = build_image(t, &entry, &esp);
	if (r) {
		task_free(t);
		return r;
	}
	t->ksp = arch_task_stack_init(t->kstack_top, entry, esp);
	if (flags & SPAWN_SUSPENDED)
		t->blocked_on = BLOCK_SUSPENDED;
	else
		sched_make_runnable(t);
	*out = t;
	return 0;
}

/*
 * A fresh incarnation of the current task in place: same tid, new memory
 * from the same module, and the capabilities its parent gave it (so the
 * same ports) but nothing the previous incarnation made or received: it
 * starts as clean as its first run, with no binding left over, and
 * whatever a program does at start-up succeeds again (cspace_reset).
 */
int spawn_restart(struct task *t, struct trapframe *tf)
{
	uint32_t entry, esp;
	/* In place: t runs, on its own kernel stack and address space. */
	KASSERT(t == current() && t->state == TASK_RUNNING);
	t->work &= ~(uint32_t)TW_RESTART;
	fpu_forget(this_cpu(), t);
	ipc_task_reset(t);
	dma_space_reset(&t->cs);
	cspace_reset(&t->cs);
	irq_task_reset(t->tid);
	caps_commit();
	sched_load_space(0);
	aspace_destroy(&t->as);
	int r = build_image(t, &entry, &esp);
	if (r)
		return r;
	sched_load_space(&t->as);
	arch_user_frame_init(tf, entry, esp, eflags_sanitize(0, t->iopl_on));
	t->restarts++;
	return 0;
}
