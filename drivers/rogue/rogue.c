/*
 * rogue.c - a driver that touches ports it was not granted.
 *
 * It is granted only COM2 (0x2F8-0x2FF, cap slot 0).  Every incarnation
 * first reads its own ports (which must work, restarts keep the grant), then
 * performs the denied access numbered by its restart count; its supervisor
 * restarts it after each trap.  When every step has been trapped it exits.
 *   rogue            the scenario above
 *   rogue stubborn   repeats one denied access forever (supervisor gives up)
 */
#include "arch/i386/user/uarch.h"
#include "user/lib/ulib.h"

#define COM2 0x2F8

static void read_own_ports(unsigned incarnation)
{
	unsigned sum = 0;
	for (unsigned p = COM2; p < COM2 + 8; p++)
		sum += u_inb((uint16_t)p);
	sum += u_inw(COM2);           /* word and dword accesses inside the grant */
	sum += u_inl(COM2 + 4);
	printf("rogue[%u]: read its own ports 0x2f8-0x2ff (sum 0x%x)\n", incarnation, sum);
}

static void step(unsigned n)
{
	uint8_t buf[4];
	switch (n) {
	case 0: printf("rogue: inb 0x2f7 (one below the grant)\n"); u_inb(0x2F7); break;
	case 1: printf("rogue: outb 0x300 (one past the grant)\n"); u_outb(0x300, 0); break;
	case 2: printf("rogue: inw 0x2ff (straddles the last port)\n"); u_inw(0x2FF); break;
	case 3: printf("rogue: inb 0x64 (keyboard controller)\n"); u_inb(0x64); break;
	case 4: printf("rogue: outb 0x21 (PIC mask)\n"); u_outb(0x21, 0xFF); break;
	case 5: printf("rogue: inl 0xfffe (end of the I/O space)\n"); u_inl(0xFFFE); break;
	case 6: printf("rogue: rep insb from 0x1f0 (ATA data)\n"); u_rep_insb(0x1F0, buf, 4); break;
	case 7: printf("rogue: cli\n"); u_cli(); break;
	default: break;
	}
}

#define STEPS 8

int main(int argc, char **argv)
{
	struct taskinfo ti;
	sys_taskinfo(0, &ti);
	read_own_ports(ti.restarts);
	if (argc > 1 && streq(argv[1], "stubborn")) {
		step(3);
		return 1;
	}
	if (ti.restarts < STEPS) {
		step(ti.restarts);
		printf("rogue: step %u was NOT trapped\n", ti.restarts);
		return 1;
	}
	printf("rogue: all %d denied accesses were trapped; exiting\n", STEPS);
	return 0;
}
