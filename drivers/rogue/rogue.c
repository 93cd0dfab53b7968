/*
 * rogue.c - a driver that touches ports it was not granted: the
 * wrong-ports experiment (docs/iocap.md, "The rogue driver").
 *
 * Its grant is the IoPorts caps in its slots 0..7 (init gives COM2
 * 0x2f8-0x2ff unless the user chose other ports); its accesses are its
 * arguments (drivers/rogue/access.h; ACCESS_DEFAULT without any).  Every
 * incarnation first reads its own ports, which must work (a restart keeps
 * the grant), then makes the accesses in order, starting after the one
 * that trapped its previous incarnation, and says what each one should
 * do: one its grant covers must go through, any other must trap, and its
 * supervisor restarts it.  After the last one it says how they went and
 * exits (0 if every access did what its grant predicts).
 *   rogue [<access>...]   the experiment
 *   rogue stubborn        repeats one denied access forever (inb 0x64)
 */
#include "user/lib/i386/uarch.h"
#include "drivers/rogue/access.h"
#include "user/lib/ulib.h"

#define MAX_GRANTS 8

static struct access_grant grant[MAX_GRANTS];
static int ngrants;

static void read_grant(void)
{
	for (unsigned slot = 0; slot < MAX_GRANTS; slot++) {
		struct capinfo ci;
		if (sys_cap_info(slot, &ci) == 0 && ci.type == CAPT_IOPORTS)
			grant[ngrants++] = (struct access_grant){ ci.base, ci.count };
	}
}

/* Reads (at most 8 of) each granted range, and a word and a dword where they fit. */
static void read_own_ports(unsigned incarnation)
{
	char held[96] = "";
	unsigned sum = 0, len = 0;
	for (int i = 0; i < ngrants; i++) {
		const struct access_grant *g = &grant[i];
		for (uint32_t p = g->base; p < g->base + g->count && p < g->base + 8; p++)
			sum += u_inb((uint16_t)p);
		if (g->count >= 2)
			sum += u_inw((uint16_t)g->base);
		if (g->count >= 8)
			sum += u_inl((uint16_t)(g->base + 4));
		if (len < sizeof(held))
			len += (unsigned)fmt_snprintf(held + len, sizeof(held) - len, "%s0x%x-0x%x",
						      i ? "," : "", g->base, g->base + g->count - 1);
	}
	printf("rogue[%u]: read its own ports %s (sum 0x%x)\n", incarnation, ngrants ? held : "(none)",
	       sum);
}

static const struct {
	uint32_t first, last;
	const char *what;
} devices[] = {
	{ 0x20, 0x21, "the PIC" },           { 0x60, 0x60, "the keyboard controller" },
	{ 0x64, 0x64, "the keyboard controller" }, { 0x70, 0x71, "the CMOS" },
	{ 0xa0, 0xa1, "the slave PIC" },     { 0x1f0, 0x1f7, "ATA" },
	{ 0x2f8, 0x2ff, "COM2" },            { 0x3f8, 0x3ff, "COM1" },
	{ 0xcf8, 0xcff, "PCI configuration" }, { 0xfff8, 0xffff, "the end of the I/O space" },
};

/* Where the access falls, seen from the grant: "one below 0x2f8-0x2ff", "straddles ...". */
static void describe(const struct access *a, char *buf, unsigned n)
{
	uint32_t last = a->port + a->width - 1;
	const char *dev = "";
	for (unsigned i = 0; i < sizeof(devices) / sizeof(devices[0]); i++)
		if (a->port >= devices[i].first && a->port <= devices[i].last)
			dev = devices[i].what;
	if (a->op == ACC_CLI || a->op == ACC_STI) {
		fmt_snprintf(buf, n, "needs IOPL, which it does not hold");
		return;
	}
	for (int i = 0; i < ngrants; i++) {
		const struct access_grant *g = &grant[i];
		uint32_t end = g->base + g->count - 1;
		const char *rel = access_allowed(a, g, 1) ? "inside"
				: a->port <= end && last > end ? "straddles the last port of"
				: a->port < g->base && last >= g->base ? "straddles the first port of"
				: last + 1 == g->base ? "just below"
				: a->port == end + 1 ? "just past" : 0;
		if (rel) {
			fmt_snprintf(buf, n, "%s 0x%x-0x%x%s%s", rel, g->base, end, *dev ? ", " : "", dev);
			return;
		}
	}
	fmt_snprintf(buf, n, "outside its grant%s%s", *dev ? ": " : "", dev);
}

static void make(const struct access *a)
{
	uint8_t buf[16] = { 0 };
	switch (a->op) {
	case ACC_IN: u_in((uint16_t)a->port, a->width); break;
	case ACC_OUT:
		if (a->width == 1)
			u_outb((uint16_t)a->port, 0);
		else if (a->width == 2)
			u_outw((uint16_t)a->port, 0);
		else
			u_outl((uint16_t)a->port, 0);
		break;
	case ACC_INS:
		if (a->width == 1)
			u_rep_insb((uint16_t)a->port, buf, 4);
		else if (a->width == 2)
			u_rep_insw((uint16_t)a->port, buf, 2);
		else
			u_rep_insl((uint16_t)a->port, buf, 1);
		break;
	case ACC_OUTS:
		if (a->width == 1)
			u_rep_outsb((uint16_t)a->port, buf, 4);
		else if (a->width == 2)
			u_rep_outsw((uint16_t)a->port, buf, 2);
		else
			u_rep_outsl((uint16_t)a->port, buf, 1);
		break;
	case ACC_CLI: u_cli(); break;
	case ACC_STI: u_sti(); break;
	}
}

/* Runs the accesses after the first `trapped` denied ones; returns the exit code. */
static int experiment(const struct access *acc, int n, unsigned trapped)
{
	unsigned surprises = 0;
	char where[64];
	int start = 0;
	/* Earlier incarnations got as far as their trapped accesses. */
	for (unsigned t = 0; t < trapped && start < n; start++)
		t += !access_allowed(&acc[start], grant, ngrants);
	for (int i = start; i < n; i++) {
		int allowed = access_allowed(&acc[i], grant, ngrants);
		describe(&acc[i], where, sizeof(where));
		if (acc[i].op == ACC_CLI || acc[i].op == ACC_STI)
			printf("rogue: %s (%s): must trap\n", access_name(&acc[i]), where);
		else
			printf("rogue: %s 0x%x (%s): %s\n", access_name(&acc[i]), acc[i].port, where,
			       allowed ? "allowed" : "must trap");
		make(&acc[i]);
		if (!allowed) {
			printf("rogue: step %d was NOT trapped\n", i);
			surprises++;
		}
	}
	printf("rogue: all %u denied accesses were trapped%s; exiting\n", trapped,
	       surprises ? ", but some were NOT" : "");
	return surprises ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct access acc[ACCESS_MAX];
	struct taskinfo ti;
	char words[256] = "";
	int n;
	sys_taskinfo(0, &ti);
	read_grant();
	read_own_ports(ti.restarts);
	if (argc > 1 && streq(argv[1], "stubborn")) {
		access_parse_list("inb:0x64", acc, &n);
		printf("rogue: inb 0x64 (the keyboard controller), again and again\n");
		make(&acc[0]);
		return 1;
	}
	for (int i = 1, len = 0; i < argc && len < (int)sizeof(words); i++)
		len += fmt_snprintf(words + len, sizeof(words) - (unsigned)len, "%s ", argv[i]);
	int bad = access_parse_list(argc > 1 ? words : ACCESS_DEFAULT, acc, &n);
	if (bad) {
		printf("rogue: access %d is not <in|out|ins|outs><b|w|l>:<port>, cli or sti\n", bad);
		return 2;
	}
	return experiment(acc, n, ti.restarts);
}
