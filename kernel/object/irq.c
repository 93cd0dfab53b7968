/*
 * irq.c - delivering interrupts to ring-3 drivers.  The line stays masked
 * from the interrupt until the driver acknowledges it, so a driver that is
 * slow, stopped or restarting costs nothing but its own device's latency
 * (Iris: "re-register after handling").  The kernel keeps line 0 (timer)
 * and 2 (cascade); spurious IRQ 7/15 never get here (kernel/api/trap.c).
 */
#include "arch/i386/arch.h"
#include "abi/ipc.h"
#include "kernel/object/cap.h"
#include "kernel/object/ipc.h"
#include "kernel/object/irq.h"
#include "kernel/lib.h"
#include "kernel/proc/sched.h"
#include "kernel/object/decode.h"
#include "kernel/proc/task.h"
#include "kernel/smp/cpu.h"

struct irq_line {
	struct notification *ntf;    /* holds a reference while bound */
	uint32_t badge;
	int owner_tid;
	/* The owner's slots irq_bind named: the binding ends when either cap leaves. */
	uint32_t irq_slot, ntf_slot;
	uint32_t count;
	int warned;
	uint32_t cpu;                /* where its interrupts go (irq_route): CPU 0 unless the binder chose */
};

static struct irq_line lines[IRQ_LINES];
/*
 * The lines bound now (ntf set): a cap that leaves a slot asks only these
 * whether the binding was made with it, not all IRQ_LINES, since every
 * notification cap that moves asks.
 */
static uint32_t bound;
_Static_assert(IRQ_LINES <= 32, "bound is one word");

uint8_t irq_lines_owned[IRQ_TASK_SLOTS];
_Static_assert(IRQ_TASK_SLOTS == MAX_TASKS, "irq.h counts lines per task slot");

static void unbind(int line)
{
	struct irq_line *l = &lines[line];
	KASSERT(l->ntf != 0 && *irq_lines_owned_by(l->owner_tid) > 0);   /* only a bound line is unbound */
	arch_irq_mask(line);
	notification_hold(&l->ntf, 0);
	bound &= ~(1u << line);
	(*irq_lines_owned_by(l->owner_tid))--;
	l->owner_tid = 0;
	/* A route is the binding's: the next binder starts on CPU 0. */
	if (l->cpu) {
		arch_irq_route(line, cpus[0].apic_id);
		l->cpu = 0;
	}
}

void irq_deliver(int line)
{
	struct irq_line *l = &lines[line];
	KASSERT(line >= 0 && line < IRQ_LINES && arch_irqs_disabled());
	arch_irq_mask(line);
	l->count++;
	this_cpu()->counts.irqs++;
	if (l->ntf) {
		notification_signal(l->ntf, l->badge);
		return;
	}
	/* Nobody owns the line: it stays masked rather than storm. */
	if (!l->warned++)
		kprintf("irq %d: no driver bound, masked\n", line);
}

struct notification *irq_binding(int line, int *owner_tid, uint32_t *irq_slot, uint32_t *ntf_slot)
{
	*owner_tid = lines[line].owner_tid;
	*irq_slot = lines[line].irq_slot;
	*ntf_slot = lines[line].ntf_slot;
	return lines[line].ntf;
}

uint32_t irq_count(int line)
{
	return line >= 0 && line < IRQ_LINES ? lines[line].count : 0;
}

/* The lines tid bound with the cap in slot, as the Irq cap (is_ntf 0) or the notification (1). */
void irq_slot_gone(int tid, uint32_t slot, int is_ntf)
{
	for (uint32_t m = bound; m; m &= m - 1) {
		int line = __builtin_ctz(m);
		const struct irq_line *l = &lines[line];
		if (l->owner_tid == tid && (is_ntf ? l->ntf_slot : l->irq_slot) == slot)
			unbind(line);
	}
}

void irq_task_reset(int tid)
{
	for (int line = 0; line < IRQ_LINES; line++)
		if (lines[line].ntf && lines[line].owner_tid == tid)
			unbind(line);
}

/* The one line an Irq cap in slot names; a cap over several lines cannot be bound. */
static long decode_line(uint32_t slot, int *line)
{
	struct cap *c;
	long r = cap_decode(slot, CAP_IRQ, 0, &c);
	if (r)
		return r;
	if (!c->irq_mask || (c->irq_mask & (c->irq_mask - 1)))
		return user_refuse(E_INVAL, "the Irq cap names more than one line");
	*line = __builtin_ctz(c->irq_mask);
	return 0;
}

/* irq_bind(irq slot, notification slot): interrupts on the line signal it with its badge. */
SYSCALL(irq_bind)
{
	struct cap *ntf;
	int line;
	long r = decode_line(a->irq_slot, &line);
	if (!r)
		r = cap_decode(a->ntf_slot, CAP_NOTIFY, NTR_SIGNAL, &ntf);
	if (r)
		return r;
	struct notification *n = ntf->obj.obj;
	uint32_t badge = ntf->obj.badge;
	struct irq_line *l = &lines[line];
	if (l->ntf && l->owner_tid != current()->tid && task_lookup(l->owner_tid))
		return user_error(E_FULL);
	if (l->ntf)
		unbind(line);
	notification_hold(&l->ntf, n);
	bound |= 1u << line;
	l->badge = badge ? badge : 1u << line;
	l->owner_tid = current()->tid;
	(*irq_lines_owned_by(l->owner_tid))++;
	l->irq_slot = a->irq_slot;
	l->ntf_slot = a->ntf_slot;
	KASSERT(l->ntf == n && l->owner_tid);
	arch_irq_unmask(line);
	return 0;
}

/* irq_ack(irq slot): the device is serviced; let the line interrupt again. */
SYSCALL(irq_ack)
{
	int line;
	long r = decode_line(a->irq_slot, &line);
	if (r)
		return r;
	if (!lines[line].ntf || lines[line].owner_tid != current()->tid)
		return user_error(E_STATE);
	arch_irq_unmask(line);
	return 0;
}

/*
 * irq_route(irq slot, cpu): the line the caller bound goes to CPU cpu (-1:
 * CPU 0).  A masked line stays masked; an interrupt already taken on the
 * old CPU is acknowledged there, at its own local APIC.
 */
SYSCALL(irq_route)
{
	int line;
	long r = decode_line(a->irq_slot, &line);
	if (r)
		return r;
	if (a->cpu < -1 || a->cpu >= (int)ncpus_online)
		return user_error(E_INVAL);
	struct irq_line *l = &lines[line];
	if (!l->ntf || l->owner_tid != current()->tid)
		return user_error(E_STATE);
	uint32_t cpu = a->cpu < 0 ? 0 : (uint32_t)a->cpu;
	if (!arch_irq_steerable(line))
		return cpu ? user_refuse(E_RANGE, "no IOAPIC: the line reaches CPU 0 only") : 0;
	l->cpu = cpu;
	arch_irq_route(line, cpus[cpu].apic_id);
	return 0;
}
