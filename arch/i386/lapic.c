/*
 * lapic.c - each CPU's local APIC (xAPIC, memory-mapped at the address the
 * firmware's tables give, inside the kernel's uncached device page,
 * kernel/mm/layout.h): enabling it, end of interrupt, interprocessor
 * interrupts, and the per-CPU timer.  The timer is calibrated once against
 * the PIT, since the APIC's bus clock is the machine's to choose (QEMU
 * 1 GHz, Bochs its own ticks).
 */
#include "arch/i386/arch.h"
#include "arch/i386/mmu.h"
#include "arch/i386/x86.h"
#include "kernel/lib.h"
#include "kernel/mm/layout.h"

#define LAPIC_ID        0x020
#define LAPIC_EOI       0x0B0
#define LAPIC_SVR       0x0F0
#define LAPIC_ESR       0x280
#define LAPIC_ICR_LO    0x300
#define LAPIC_ICR_HI    0x310
#define LAPIC_LVT_TIMER 0x320
#define LAPIC_LVT_LINT0 0x350
#define LAPIC_LVT_LINT1 0x360
#define LAPIC_LVT_ERROR 0x370
#define LAPIC_TIMER_INIT 0x380
#define LAPIC_TIMER_CUR 0x390
#define LAPIC_TIMER_DIV 0x3E0

#define SVR_ENABLE      (1u << 8)
#define LVT_MASKED      (1u << 16)
#define LVT_PERIODIC    (1u << 17)
#define LVT_EXTINT      (7u << 8)
#define LVT_NMI         (4u << 8)
#define ICR_PENDING     (1u << 12)
#define ICR_ASSERT      (1u << 14)
#define ICR_LEVEL       (1u << 15)
#define ICR_INIT        (5u << 8)
#define ICR_STARTUP     (6u << 8)
#define ICR_NMI         (4u << 8)
#define TIMER_DIV_16    0x3u

#define CPUID_APIC      (1u << 9)
#define MSR_APIC_BASE   0x1B
#define APIC_BASE_ENABLE (1u << 11)

static volatile uint32_t *lapic;
static uint32_t timer_count;
static uint32_t boot_id;         /* the boot CPU's APIC id: the one that keeps the PIC */     /* initial count for the tick, from the calibration */

static uint32_t rd(uint32_t reg) { return lapic[reg / 4]; }
static void wr(uint32_t reg, uint32_t v) { lapic[reg / 4] = v; }

int arch_lapic_present(void)
{
	return lapic != 0;
}

int arch_lapic_init(uint32_t phys)
{
	uint32_t a, b, c, d;
	cpuid(1, &a, &b, &c, &d);
	if (!(d & CPUID_APIC) || phys < KERNEL_DEVICE_BASE || (phys & 0xFFF))
		return -1;
	/* The MSR may have it off (a firmware that booted in PIC mode): on, at the tables' address. */
	uint64_t base = rdmsr(MSR_APIC_BASE);
	if ((uint32_t)(base & 0xFFFFF000u) != phys)
		return -1;
	wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
	lapic = (volatile uint32_t *)phys;
	boot_id = arch_lapic_id();
	arch_lapic_init_cpu();
	return 0;
}

/*
 * This CPU's APIC on, its spurious vector set, errors and the timer
 * masked.  The boot CPU takes the 8259s' INTR on LINT0 as ExtINT and NMI
 * on LINT1 (the MP specification's virtual wire mode, 3.6.2.2), whatever
 * the firmware left there; an AP masks both, so the PIC interrupts only
 * the boot CPU.
 */
void arch_lapic_init_cpu(void)
{
	int boot = arch_lapic_id() == arch_lapic_boot_id();
	wr(LAPIC_SVR, SVR_ENABLE | T_LAPIC_SPURIOUS);
	wr(LAPIC_LVT_TIMER, LVT_MASKED);
	wr(LAPIC_LVT_ERROR, LVT_MASKED);
	wr(LAPIC_ESR, 0);
	wr(LAPIC_LVT_LINT0, boot ? LVT_EXTINT : LVT_MASKED);
	wr(LAPIC_LVT_LINT1, boot ? LVT_NMI : LVT_MASKED);
	wr(LAPIC_EOI, 0);
}

uint32_t arch_lapic_boot_id(void)
{
	return boot_id;
}

uint32_t arch_lapic_id(void)
{
	return rd(LAPIC_ID) >> 24;
}

void arch_lapic_eoi(void)
{
	wr(LAPIC_EOI, 0);
}

void arch_lapic_extint(int on)
{
	wr(LAPIC_LVT_LINT0, on ? LVT_EXTINT : LVT_MASKED);
}

/* An ICR write, then the wait until the APIC has sent it (the ICR is one per CPU). */
static void icr_send(uint32_t apic_id, uint32_t lo)
{
	wr(LAPIC_ICR_HI, apic_id << 24);
	wr(LAPIC_ICR_LO, lo);
	while (rd(LAPIC_ICR_LO) & ICR_PENDING)
		cpu_relax();
}

void arch_ipi_send(uint32_t apic_id, int vector)
{
	KASSERT(vector >= 0x20 && vector < 0x100);
	icr_send(apic_id, (uint32_t)vector);
}

void arch_ipi_nmi(uint32_t apic_id)
{
	icr_send(apic_id, ICR_NMI);
}

void arch_ipi_init(uint32_t apic_id)
{
	icr_send(apic_id, ICR_INIT | ICR_LEVEL | ICR_ASSERT);
	arch_delay_us(200);
	icr_send(apic_id, ICR_INIT | ICR_LEVEL);   /* deassert: older APICs want it */
}

void arch_ipi_startup(uint32_t apic_id, uint32_t page)
{
	KASSERT(page < 0x100000 && !(page & 0xFFF));
	icr_send(apic_id, ICR_STARTUP | (page >> 12));
}

/*
 * Counts the APIC timer down (divide by 16) across 10 ms of the PIT; the
 * tick's count is the share of one period.  On the boot CPU, before the
 * APs start: every CPU's timer runs on the same bus clock.
 */
void arch_lapic_timer_calibrate(unsigned hz)
{
	wr(LAPIC_TIMER_DIV, TIMER_DIV_16);
	wr(LAPIC_LVT_TIMER, LVT_MASKED);
	wr(LAPIC_TIMER_INIT, 0xFFFFFFFFu);
	arch_delay_us(10000);
	uint32_t gone = 0xFFFFFFFFu - rd(LAPIC_TIMER_CUR);
	wr(LAPIC_TIMER_INIT, 0);
	timer_count = gone / 10 * 1000 / hz;
	if (!timer_count)
		timer_count = 1;
	kprintf("lapic: timer %u counts per %u ms tick (%u per ms)\n", timer_count, 1000 / hz, gone / 10);
}

/* This CPU's periodic tick at the calibrated rate (arch_lapic_timer_calibrate first). */
void arch_lapic_timer_start(void)
{
	KASSERT(timer_count);
	wr(LAPIC_TIMER_DIV, TIMER_DIV_16);
	wr(LAPIC_LVT_TIMER, LVT_PERIODIC | T_LAPIC_TIMER);
	wr(LAPIC_TIMER_INIT, timer_count);
}
