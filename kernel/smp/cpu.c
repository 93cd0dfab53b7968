/*
 * cpu.c - every CPU's struct cpu, and bringing one up.  One CPU runs today;
 * the array is sized for SMP (issue 14), which starts the others here.
 */
#include "kernel/smp/cpu.h"

struct cpu cpus[MAX_CPUS];

void cpu_init(struct cpu *c, uint32_t id)
{
	c->self = c;
	c->id = id;
	arch_cpu_init(c);
}
