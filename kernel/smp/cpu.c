/*
 * cpu.c - every CPU's struct cpu, and bringing one up (its generic half,
 * then the architecture's).  kernel/smp/smp.c starts the other CPUs.
 */
#include "kernel/smp/cpu.h"

struct cpu cpus[MAX_CPUS];
volatile uint32_t ncpus_online = 1;

void cpu_init(struct cpu *c, uint32_t id)
{
	c->self = c;
	c->id = id;
	c->id_bit = 1u << id;
	arch_cpu_init(c);
}
