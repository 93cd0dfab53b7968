/*
 * cmd_tasks.c - shell commands about tasks and their capabilities: ps,
 * caps, ports, kill, restart, rogue.  Capabilities of other tasks are the
 * root task's to show (cap_inspect works only on descendants), so caps
 * and ports ask it (ROOT_CAPS).
 */
#include "user/lib/console.h"
#include "user/lib/msgbytes.h"
#include "user/lib/proto.h"
#include "user/lib/slots.h"
#include "user/lib/ulib.h"
#include "user/shell/shell.h"

static const char *const state_names[] = { "free", "ready", "run", "blocked", "zombie" };

void cmd_ps(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("  tid parent state    ticks restarts iofaults name\n");
	for (unsigned i = 0; i < TASKINFO_SLOTS; i++) {
		struct taskinfo ti;
		if (sys_taskinfo((int)(TASKINFO_BY_SLOT | i), &ti))
			continue;
		printf("%5d %6d %-7s %6u %8u %8u %s%s\n", ti.tid, ti.parent,
		       (unsigned)ti.state < 5 ? state_names[ti.state] : "?", ti.ticks, ti.restarts,
		       ti.iofaults, ti.name, ti.iopl ? " (iopl)" : "");
	}
}

/*
 * One capability of task tid in slot, via the root task; 0 or -E_x.  The
 * words are copied out of the UTCB at once: the next printf is itself a
 * message and reuses it.
 */
static long cap_of(int tid, unsigned slot, struct ipc_msg *m, unsigned mr[8])
{
	*m = ipc_msg(ROOT_CAPS, (unsigned)tid, slot);
	long r = svc_call(SLOT_ROOT, m);
	memcpy(mr, utcb()->mr, 8 * sizeof(unsigned));
	return r;
}

static void print_cap(unsigned slot, const struct ipc_msg *m, const unsigned *mr)
{
	switch (m->w0) {
	case CAPT_IOPORTS:
		printf("    %2u IoPorts 0x%04x-0x%04x%s\n", slot, m->w1, m->w1 + mr[2] - 1,
		       mr[3] == 3 ? "" : mr[3] == 1 ? " (in only)" : " (out only)");
		break;
	case CAPT_IOPL: printf("    %2u Iopl\n", slot); break;
	case CAPT_IRQ: printf("    %2u Irq mask 0x%04x\n", slot, m->w1); break;
	case CAPT_KLOG: printf("    %2u KLog\n", slot); break;
	case CAPT_REPLY: printf("    %2u Reply\n", slot); break;
	case CAPT_ENDPOINT:
	case CAPT_NOTIFY:
		printf("    %2u %s #%u badge %u rights %u\n", slot,
		       m->w0 == CAPT_ENDPOINT ? "Endpoint" : "Notification", mr[5], mr[4], mr[3]);
		break;
	default: break;
	}
}

/* Calls show(tid, slot, m) for each capability of each task (or just tid). */
typedef void show_fn(const struct taskinfo *ti, unsigned slot, const struct ipc_msg *m,
		     const unsigned *mr);

static void each_cap(int only, show_fn *show)
{
	for (unsigned i = 0; i < TASKINFO_SLOTS; i++) {
		struct taskinfo ti;
		if (sys_taskinfo((int)(TASKINFO_BY_SLOT | i), &ti) || (only && ti.tid != only))
			continue;
		for (unsigned s = 0; s < 32; s++) {
			struct ipc_msg m;
			unsigned mr[8];
			if (cap_of(ti.tid, s, &m, mr) == 0 && m.w0 != CAPT_NULL)
				show(&ti, s, &m, mr);
		}
	}
}

static int last_tid;

static void show_cap(const struct taskinfo *ti, unsigned slot, const struct ipc_msg *m,
		     const unsigned *mr)
{
	if (ti->tid != last_tid)
		printf("  %s (tid %d):\n", ti->name, ti->tid);
	last_tid = ti->tid;
	print_cap(slot, m, mr);
}

void cmd_caps(int argc, char **argv)
{
	last_tid = 0;
	each_cap(argc > 1 ? (int)atou(argv[1]) : 0, show_cap);
}

static void show_port(const struct taskinfo *ti, unsigned slot, const struct ipc_msg *m,
		      const unsigned *mr)
{
	if (m->w0 != CAPT_IOPORTS && m->w0 != CAPT_IRQ && m->w0 != CAPT_IOPL)
		return;
	printf("  %-10s tid %-4d ", ti->name, ti->tid);
	if (m->w0 == CAPT_IOPORTS)
		printf("ports 0x%04x-0x%04x\n", m->w1, m->w1 + mr[2] - 1);
	else if (m->w0 == CAPT_IOPL)
		printf("IOPL (all ports, cli/sti)\n");
	else
		printf("irq mask 0x%04x\n", m->w1);
	(void)slot;
}

void cmd_ports(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	each_cap(0, show_port);
}

static void report(const char *what, long r)
{
	if (r)
		printf("%s: %s\n", what, strerror(r));
	else
		printf("%s: done\n", what);
}

void cmd_kill(int argc, char **argv)
{
	if (argc < 2) {
		printf("usage: kill <tid>\n");
		return;
	}
	struct ipc_msg m = ipc_msg(ROOT_KILL, atou(argv[1]), 0);
	report("kill", svc_call(SLOT_ROOT, &m));
}

static long by_name(unsigned label, const char *name)
{
	struct ipc_msg m;
	msg_put_bytes(&m, label, name, strlen(name));
	return svc_call(SLOT_ROOT, &m);
}

void cmd_restart(int argc, char **argv)
{
	if (argc < 2) {
		printf("usage: restart <driver>\n");
		return;
	}
	report("restart", by_name(ROOT_RESTART, argv[1]));
}

void cmd_rogue(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	report("rogue", by_name(ROOT_START, "rogue"));
}

/*
 * count <n> [restart|crash <k>]: numbered lines, and every k lines the
 * console driver is restarted under them (between two requests), or made
 * to fault in the middle of writing one.  Every line must still come out,
 * in order: the proof that no byte is lost across a restart.
 */
void cmd_count(int argc, char **argv)
{
	char line[48];
	unsigned n = argc > 1 ? atou(argv[1]) : 10;
	int crash = argc > 3 && streq(argv[2], "crash");
	unsigned every = argc > 3 && (crash || streq(argv[2], "restart")) ? atou(argv[3]) : 0;
	unsigned restarts = 0;
	for (unsigned i = 1; i <= n; i++) {
		int now = every && i % every == 0 && i < n;
		unsigned len = (unsigned)fmt_snprintf(line, sizeof(line), "count %u of %u\n", i, n);
		console_write_flags(line, len, now && crash ? CONS_CRASH : 0);
		if (now && (crash || by_name(ROOT_RESTART, "uart16550") == 0))
			restarts++;
	}
	printf("count: %u lines, console driver %s %u times\n", n, crash ? "crashed" : "restarted",
	       restarts);
}
