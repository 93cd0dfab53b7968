/*
 * ipi.c - the requests one CPU makes of another (ipi.h) and their
 * service.  A request's data is written before its pending word, and the
 * pending word before the IPI (x86 keeps stores in order, and the APIC's
 * ICR write is a store), so a target that sees the word sees the data.
 */
#include "arch/i386/arch.h"
#include "arch/i386/mmu.h"
#include "arch/i386/pgtable.h"
#include "kernel/lib.h"
#include "kernel/smp/ipi.h"
#include "kernel/smp/lock.h"
#include "kernel/smp/request.h"


void smp_ipi(struct cpu *to, int vector)
{
	struct cpu *c = this_cpu();
	KASSERT_HOT(to != c && to->online);
	c->counts.ipi_sent++;
	arch_ipi_send(to->apic_id, vector);
}

/*
 * Spins before a target still silent gets an NMI.  The service IPI waits
 * while a CPU runs with interrupts off, and ring 3 may: an Iopl holder
 * after `cli`.  Without the NMI, such a task could hold every revoke of
 * its own IOPL, and with it the big lock, for as long as it likes.
 */
#define ACK_SPINS_BEFORE_NMI 100000u

/* Until every target has cleared its word (word(cpu) says which). */
static void wait_acks(uint32_t targets, volatile uint32_t *(*word)(struct cpu *))
{
	for (uint32_t i = 0; i < MAX_CPUS; i++) {
		if (!(targets & (1u << i)))
			continue;
		for (uint32_t spins = 0; *word(&cpus[i]); spins++) {
			if (spins == ACK_SPINS_BEFORE_NMI) {
				this_cpu()->counts.nmi_sent++;
				arch_ipi_nmi(cpus[i].apic_id);
			}
			arch_cpu_relax();
		}
	}
}

static volatile uint32_t *tlb_word(struct cpu *c) { return &c->tlb_req.pending; }
static volatile uint32_t *io_word(struct cpu *c) { return &c->io_req; }

void smp_tlb_shootdown(uint32_t targets, uint32_t pgdir, uint32_t va, uint32_t npages)
{
	struct cpu *c = this_cpu();
	KASSERT(kernel_lock_held() && !(targets & (1u << c->id)));
	c->counts.shootdowns++;
	for (uint32_t i = 0; i < MAX_CPUS; i++) {
		if (!(targets & (1u << i)))
			continue;
		struct cpu *to = &cpus[i];
		KASSERT(!to->tlb_req.pending);       /* only the lock's holder asks */
		to->tlb_req.pgdir = pgdir;
		to->tlb_req.va = va;
		to->tlb_req.npages = npages;
		__atomic_store_n(&to->tlb_req.pending, 1, __ATOMIC_RELEASE);
		smp_ipi(to, T_IPI_SERVICE);
	}
	wait_acks(targets, tlb_word);
}

void smp_io_revoke(uint32_t targets)
{
	struct cpu *c = this_cpu();
	KASSERT(kernel_lock_held() && !(targets & (1u << c->id)));
	for (uint32_t i = 0; i < MAX_CPUS; i++) {
		if (!(targets & (1u << i)))
			continue;
		struct cpu *to = &cpus[i];
		arch_io_bitmap_enable(&to->arch, IOTSS_OFF);     /* R2: from now on its checks fail */
		__atomic_store_n(&to->io_req, 1, __ATOMIC_RELEASE);
		smp_ipi(to, T_IPI_SERVICE);
	}
	wait_acks(targets, io_word);
}

void smp_ipi_service(struct trapframe *tf)
{
	struct cpu *c = this_cpu();
	c->counts.ipi_received++;
	smp_serve_requests(c, tf_from_user(tf) ? tf : 0);
	arch_lapic_eoi();
}

/*
 * Only ring 3 is served here: the kernel, which an NMI may interrupt
 * anywhere, serves its requests itself (the lock's spin, the service IPI
 * after its iret), and serving them again inside it could tear a TSS
 * reload in half.
 */
void smp_nmi(struct trapframe *tf)
{
	struct cpu *c = this_cpu();
	c->counts.nmi_received++;
	if (tf_from_user(tf))
		smp_serve_requests(c, tf);
}

void smp_stop_others(void)
{
	struct cpu *c = this_cpu();
	smp_stopping = 1;
	for (uint32_t i = 0; i < MAX_CPUS; i++)
		if (cpus[i].online && &cpus[i] != c)
			arch_ipi_send(cpus[i].apic_id, T_IPI_SERVICE);
}
