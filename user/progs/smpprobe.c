/*
 * smpprobe.c - the other side of usertests' SMP tests
 * (user/usertests/smpio.c, smpmem.c): a loop pinned to one CPU that uses a
 * port, IOPL or a page as fast as it can, while usertests takes it away
 * from another CPU.  Each loop bumps a counter in a page its parent shares
 * with it (C, mapped at the address it is given), after each use, so the
 * parent can tell how many uses came after its call returned: none may
 * (one use may be done and not yet counted).  The use that comes after
 * traps to the parent, which supervises it.
 *   smpprobe ports P C        in P; C[0]++ forever (the IoPorts cap in slot 0)
 *   smpprobe lose P C HOW     the same until C[1] == 1; then its IoPorts cap
 *                             (slot 0) leaves by HOW (delete, or move: to a
 *                             suspended child of its own, which it ends);
 *                             C[2] = 1 (or 40 + what failed); waits for
 *                             C[1] == 2 without a port access; in P (must
 *                             trap: the parent resumes it); exits 0
 *   smpprobe iopl C           cli; popf with IF; C[0]++ forever; and each
 *                             time C[3] changes (a new Iopl cap in slot 0),
 *                             iopl(0, 1) first (C[2]++ if refused)
 *   smpprobe read C D MAGIC   reads the word at D; if not MAGIC, C[1] = what
 *                             it read and C[2]++; C[0]++ forever
 *   smpprobe write C D        D[0] = C[0] + 1; C[0]++ forever
 * Addresses, ports and MAGIC are hex without 0x.
 */
#include "user/lib/i386/uarch.h"
#include "user/lib/i386/uflags.h"
#include "user/lib/ulib.h"

static volatile unsigned *word_at(const char *hex)
{
	return (volatile unsigned *)(uintptr_t)xtou(hex);
}

static _Noreturn void ports(uint16_t port, volatile unsigned *c)
{
	for (;;) {
		u_inb(port);
		c[0]++;
	}
}

/* Slot 0 leaves this task's space; 0, or what failed. */
static int lose_slot0(const char *how)
{
	if (streq(how, "delete"))
		return sys_cap_delete(0) ? 40 : 0;
	if (streq(how, "move")) {
		struct exitinfo e;
		int sink = spawn_flags("hello", "sink", SPAWN_SUSPENDED);
		if (sink < 0)
			return 41;
		long r = sys_cap_transfer(0, sink, 0);
		sys_kill(sink);
		sys_wait(sink, &e);
		return r ? 42 : 0;
	}
	return 43;
}

static int lose(uint16_t port, volatile unsigned *c, const char *how)
{
	while (c[1] != 1) {
		u_inb(port);
		c[0]++;
	}
	int r = lose_slot0(how);
	c[2] = r ? (unsigned)r : 1;
	while (c[1] != 2)
		;
	u_inb(port);          /* traps: the parent resumes it */
	return 0;
}

/* Not whenever IOPL is found 0: after a revoke, the next cli must come, and trap. */
static _Noreturn void iopl(volatile unsigned *c)
{
	unsigned gen = 0;
	for (;;) {
		if (c[3] != gen) {
			gen = c[3];
			if (sys_iopl(0, 1) != 0)
				c[2]++;
		}
		u_cli();              /* traps once IOPL is gone */
		u_popf_or(U_EFL_IF);  /* never traps: at IOPL 0 popf keeps IF */
		c[0]++;
	}
}

static _Noreturn void reader(volatile unsigned *c, volatile unsigned *d, unsigned magic)
{
	for (;;) {
		unsigned v = d[0];
		if (v != magic) {
			c[1] = v;
			c[2]++;
		}
		c[0]++;
	}
}

static _Noreturn void writer(volatile unsigned *c, volatile unsigned *d)
{
	for (;;) {
		d[0] = c[0] + 1;
		c[0]++;
	}
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	if (streq(mode, "ports") && argc > 3)
		ports((uint16_t)xtou(argv[2]), word_at(argv[3]));
	if (streq(mode, "lose") && argc > 4)
		return lose((uint16_t)xtou(argv[2]), word_at(argv[3]), argv[4]);
	if (streq(mode, "iopl") && argc > 2)
		iopl(word_at(argv[2]));
	if (streq(mode, "read") && argc > 4)
		reader(word_at(argv[2]), word_at(argv[3]), xtou(argv[4]));
	if (streq(mode, "write") && argc > 3)
		writer(word_at(argv[2]), word_at(argv[3]));
	printf("smpprobe: bad arguments\n");
	return 2;
}
