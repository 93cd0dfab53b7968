/*
 * ioprobe.c - executes port accesses on request, for the I/O capability
 * tests in usertests (which supervises it and records every trap).
 *   ioprobe sweep             in on all 65,536 ports x widths 1, 2, 4
 *   ioprobe probe N P...      N rounds of: inb on each port P, then yield
 *   ioprobe script P          inb P; int3; inb P; int3; inb P
 *   ioprobe delete P          inb P; cap_delete(0); inb P
 *   ioprobe keep P Q R        inb P, Q, R; cap_delete(0) (P's); inb Q, R
 *                             (must not trap); inb P
 *   ioprobe iopl S            iopl(S, 1); cli/sti/inb 0x80; int3; cli
 *   ioprobe noiopl            every way to raise IOPL without the cap
 *   ioprobe clispin S         iopl(S, 1); then cli forever: no system call, no interrupt
 *   ioprobe ifset S           iopl(S, 1); then with IF clear: system calls
 *                             through both gates, and an int3 for the
 *                             supervisor to resume; each must come back
 *                             with IF set (exit 40 + a bit per one that did not)
 *   ioprobe lose P HOW        inb P; its IoPorts cap (slot 0) leaves by HOW;
 *                             inb P (must trap: the supervisor resumes it)
 *   ioprobe out P.W.V...      for each: out of width W, value V, to port P
 *                             (the kernel-owned port attacks, usertests/dmaports.c)
 *   ioprobe ioplose HOW       iopl(0, 1); its Iopl cap (slot 0) leaves by
 *                             HOW; IOPL must be 0 at once, and cli trap
 * HOW: delete; move (cap_transfer to a suspended child of its own); ipc
 * (moved in a call on the endpoint in slot 1, to a server that keeps it).
 * Ports are hex.  Exit code 0 = everything it could check itself was right.
 */
#include "user/lib/i386/uarch.h"
#include "user/lib/i386/uflags.h"
#include "user/lib/ipc.h"
#include "user/lib/ulib.h"
#include "user/progs/ipcpeer.h"

static unsigned iopl_bits(void)
{
	return (u_eflags() >> 12) & 3;
}

static int sweep(void)
{
	for (unsigned w = 1; w <= 4; w *= 2)
		for (unsigned p = 0; p < 0x10000; p++)
			u_in((uint16_t)p, w);
	return 0;
}

/* The hex number at *s up to the next '.' or the end; *s moves past the '.'. */
static unsigned hex_field(char **s)
{
	char *p = *s;
	while (*p && *p != '.')
		p++;
	char c = *p;
	*p = '\0';
	unsigned v = xtou(*s);
	*s = c ? p + 1 : p;
	return v;
}

/* One argument per access (argv is short: the kernel passes at most 16 words). */
static int out_each(int argc, char **argv)
{
	for (int i = 2; i < argc; i++) {
		char *s = argv[i];
		uint16_t port = (uint16_t)hex_field(&s);
		unsigned width = hex_field(&s), v = hex_field(&s);
		if (width != 1 && width != 2 && width != 4)
			return 60;
		u_out(port, width, v);
	}
	return 0;
}

static int probe(int argc, char **argv)
{
	unsigned rounds = xtou(argv[2]);
	for (unsigned r = 0; r < rounds; r++) {
		for (int i = 3; i < argc; i++)
			u_inb((uint16_t)xtou(argv[i]));
		sys_yield();
	}
	return 0;
}

static int iopl(unsigned slot)
{
	if (sys_iopl(slot, 1) != 0 || iopl_bits() != 3)
		return 10;
	u_cli();
	u_sti();
	u_inb(0x80);
	sys_yield();
	if (iopl_bits() != 3)
		return 11;
	u_int3();             /* the supervisor revokes the Iopl cap here */
	if (iopl_bits() != 0)
		return 12;
	u_cli();              /* must trap now */
	return 0;
}

/*
 * Runs with interrupts off for good, as an Iopl holder may: the CPU it
 * runs on takes no interrupt, not even the IPI that revokes its IOPL
 * (kernel/smp/ipi.c falls back to an NMI).  Once IOPL is gone, the next
 * cli traps: that is the only way out.
 */
static int clispin(unsigned slot)
{
	if (sys_iopl(slot, 1) != 0 || iopl_bits() != 3)
		return 30;
	for (;;)
		u_cli();
}

static int noiopl(void)
{
	u_popf_iopl3();
	if (iopl_bits() != 0)
		return 20;
	if (sys_iopl(0, 1) != -E_EMPTY || sys_iopl(99, 1) != -E_BADSLOT)
		return 21;
	syscall_int80(SYS_null, 0, 0, 0, 0);
	sys_yield();
	return iopl_bits() != 0 ? 22 : 0;
}

static int ifset(unsigned slot)
{
	static const struct { unsigned via, nr; } ways[] = {
		{ U_VIA_INT80, SYS_null }, { U_VIA_INT80, SYS_yield },
		{ U_VIA_SYSENTER, SYS_null }, { U_VIA_SYSENTER, SYS_yield }, { U_VIA_INT3, 0 },
	};
	if (sys_iopl(slot, 1) != 0)
		return 10;
	u_cli();
	int cleared = !(u_eflags() & U_EFL_IF);
	u_sti();
	if (!cleared)
		return 11;
	unsigned bad = 0;
	for (unsigned i = 0; i < ARRAY_SIZE(ways); i++)
		if (!(u_flags_across(ways[i].via, ways[i].nr, U_EFL_IF, 0) & U_EFL_IF))
			bad |= 1u << i;
	if (bad)
		printf("ioprobe: IF stayed clear across ways 0x%x (int80 null, int80 yield, "
		       "sysenter null, sysenter yield, int3)\n", bad);
	return bad ? 40 + (int)bad : 0;
}

/* The cap in slot 0 leaves this task's space; 0, or an exit code that says what failed. */
static int lose_slot0(const char *how, int *sink)
{
	*sink = 0;
	if (streq(how, "delete"))
		return sys_cap_delete(0) ? 40 : 0;
	if (streq(how, "move")) {
		*sink = spawn_flags("ipcpeer", "idle", SPAWN_SUSPENDED);
		return *sink < 0 || sys_cap_transfer(0, *sink, 0) ? 41 : 0;
	}
	if (streq(how, "ipc")) {
		struct ipc_msg m = { IPC_TAG(OP_CAPS, 2, 1), 0, 0, 0 };
		utcb()->send_cap[0] = 0 | IPC_CAP_MOVE;
		return ipc_call(1, &m) || m.w0 != 1 ? 42 : 0;
	}
	return 43;
}

/* The suspended child that took a moved cap goes (it never ran). */
static void end_sink(int sink)
{
	struct exitinfo e;
	if (sink > 0 && sys_kill(sink) == 0)
		sys_wait(sink, &e);
}

static int lose_ports(uint16_t port, const char *how)
{
	int sink;
	u_inb(port);
	int r = lose_slot0(how, &sink);
	if (!r)
		u_inb(port);          /* traps now: the supervisor counts it */
	end_sink(sink);
	return r;
}

static int lose_iopl(const char *how)
{
	int sink;
	if (sys_iopl(0, 1) != 0 || iopl_bits() != 3)
		return 50;
	int r = lose_slot0(how, &sink);
	if (!r && iopl_bits() != 0)
		r = 51;
	if (!r)
		u_cli();              /* traps now: the supervisor counts it */
	end_sink(sink);
	return r;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	if (streq(mode, "sweep"))
		return sweep();
	if (streq(mode, "probe") && argc > 2)
		return probe(argc, argv);
	if (streq(mode, "out") && argc > 2)
		return out_each(argc, argv);
	if (streq(mode, "script") && argc > 2) {
		uint16_t p = (uint16_t)xtou(argv[2]);
		u_inb(p);
		u_int3();
		u_inb(p);
		u_int3();
		u_inb(p);
		return 0;
	}
	if (streq(mode, "delete") && argc > 2) {
		uint16_t p = (uint16_t)xtou(argv[2]);
		u_inb(p);
		if (sys_cap_delete(0) != 0)
			return 30;
		u_inb(p);
		return 0;
	}
	if (streq(mode, "keep") && argc > 4) {
		uint16_t p = (uint16_t)xtou(argv[2]), q = (uint16_t)xtou(argv[3]);
		uint16_t r = (uint16_t)xtou(argv[4]);
		u_inb(p);
		u_inb(q);
		u_inb(r);
		if (sys_cap_delete(0) != 0)
			return 30;
		u_inb(q);
		u_inb(r);
		u_inb(p);
		return 0;
	}
	if (streq(mode, "iopl") && argc > 2)
		return iopl(xtou(argv[2]));
	if (streq(mode, "clispin") && argc > 2)
		return clispin(xtou(argv[2]));
	if (streq(mode, "noiopl"))
		return noiopl();
	if (streq(mode, "ifset") && argc > 2)
		return ifset(xtou(argv[2]));
	if (streq(mode, "lose") && argc > 3)
		return lose_ports((uint16_t)xtou(argv[2]), argv[3]);
	if (streq(mode, "ioplose") && argc > 2)
		return lose_iopl(argv[2]);
	printf("ioprobe: bad arguments\n");
	return 2;
}
