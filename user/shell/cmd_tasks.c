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

/*
 * The running tasks from taskinfo, then the ones init left stopped, which
 * are gone from the task table: only init knows them and why (ROOT_STOPPED).
 */
void cmd_ps(int argc, char **argv)
{
	char why[PROTO_BYTES + 1];
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
	for (unsigned i = 0;; i++) {
		struct ipc_msg m = ipc_msg(ROOT_STOPPED, i, 0);
		if (svc_call(SLOT_ROOT, &m))
			break;
		unsigned n = msg_get_bytes(&m, why, PROTO_BYTES);
		why[n] = 0;
		printf("%s  stopped: %s\n", i ? "" : "\n", why);
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

_Static_assert(PCICFG_R == MEM_R && PCICFG_W == MEM_W, "mem_rights names PciCfg rights too");

static const char *mem_rights(unsigned rights)
{
	return rights == (MEM_R | MEM_W) ? "rw" : rights == MEM_R ? "r-" : rights == MEM_W ? "-w" : "--";
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
	case CAPT_MMIO:
	case CAPT_FRAME:
		printf("    %2u %s 0x%08x-0x%08x %s, %u pages, %u mappings\n", slot,
		       m->w0 == CAPT_MMIO ? "Mmio" : "Frame", m->w1, m->w1 + mr[2] * 4096 - 1,
		       mem_rights(mr[3]), mr[2], mr[5]);
		break;
	case CAPT_UNTYPED:
		printf("    %2u Untyped 0x%08x-0x%08x, %u pages, %u carved\n", slot, m->w1,
		       m->w1 + mr[2] * 4096 - 1, mr[2], mr[4]);
		break;
	case CAPT_PCICFG:
		printf("    %2u PciCfg functions 0x%04x-0x%04x %s\n", slot, m->w1, m->w1 + mr[2] - 1,
		       mem_rights(mr[3]));
		break;
	default: break;
	}
}

/* Calls show(tid, slot, m) for each capability of each task (or just tid). */
typedef void show_fn(const struct taskinfo *ti, unsigned slot, const struct ipc_msg *m,
		     const unsigned *mr);

/* Returns how many tasks it looked at. */
static unsigned each_cap(int only, show_fn *show)
{
	unsigned seen = 0;
	for (unsigned i = 0; i < TASKINFO_SLOTS; i++) {
		struct taskinfo ti;
		if (sys_taskinfo((int)(TASKINFO_BY_SLOT | i), &ti) || (only && ti.tid != only))
			continue;
		seen++;
		for (unsigned s = 0; s < 32; s++) {
			struct ipc_msg m;
			unsigned mr[8];
			if (cap_of(ti.tid, s, &m, mr) == 0 && m.w0 != CAPT_NULL)
				show(&ti, s, &m, mr);
		}
	}
	return seen;
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

#define TID_MAX 0x7FFFFFFFu

void cmd_caps(int argc, char **argv)
{
	unsigned tid = 0;
	if (argc > 1 && (shell_number(argv, 1, TID_MAX, "a task id", &tid) || tid == 0)) {
		if (tid == 0)
			printf("caps: '%s' is not a task id (1..%u)\n", argv[1], TID_MAX);
		return;
	}
	last_tid = 0;
	if (!each_cap((int)tid, show_cap))
		printf("caps: no task %u\n", tid);
}

static void show_port(const struct taskinfo *ti, unsigned slot, const struct ipc_msg *m,
		      const unsigned *mr)
{
	if (m->w0 != CAPT_IOPORTS && m->w0 != CAPT_IRQ && m->w0 != CAPT_IOPL &&
	    m->w0 != CAPT_MMIO && m->w0 != CAPT_FRAME && m->w0 != CAPT_PCICFG)
		return;
	printf("  %-10s tid %-4d ", ti->name, ti->tid);
	if (m->w0 == CAPT_IOPORTS)
		printf("ports 0x%04x-0x%04x\n", m->w1, m->w1 + mr[2] - 1);
	else if (m->w0 == CAPT_IOPL)
		printf("IOPL (all ports, cli/sti)\n");
	else if (m->w0 == CAPT_PCICFG)    /* PCICFG_R, PCICFG_W are MEM_R, MEM_W's bits */
		printf("pcicfg 0x%04x-0x%04x %s\n", m->w1, m->w1 + mr[2] - 1, mem_rights(mr[3]));
	else if (m->w0 == CAPT_MMIO || m->w0 == CAPT_FRAME)
		printf("%s 0x%08x-0x%08x %s\n", m->w0 == CAPT_MMIO ? "mmio " : "frame", m->w1,
		       m->w1 + mr[2] * 4096 - 1, mem_rights(mr[3]));
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
	unsigned tid;
	(void)argc;
	if (shell_number(argv, 1, TID_MAX, "a task id", &tid))
		return;
	struct ipc_msg m = ipc_msg(ROOT_KILL, tid, 0);
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
	(void)argc;
	report("restart", by_name(ROOT_RESTART, argv[1]));
}

/*
 * rogue [<ports> [<access>...]]: the words go to init as they are, which
 * checks them (ports like the manifest's ports=, accesses as
 * drivers/rogue/access.h reads them) and says what is wrong.
 */
void cmd_rogue(int argc, char **argv)
{
	char req[PROTO_BYTES + 1];
	unsigned len = 0;
	for (int i = 1; i < argc; i++) {
		unsigned n = strlen(argv[i]);
		if (len + n + 1 > PROTO_BYTES) {
			printf("rogue: arguments too long (at most %u characters)\n", PROTO_BYTES);
			return;
		}
		memcpy(req + len, argv[i], n);
		len += n;
		req[len++] = ' ';
	}
	struct ipc_msg m;
	msg_put_bytes(&m, ROOT_START, req, len);
	report("rogue", svc_call(SLOT_ROOT, &m));
}

/*
 * count <n> [restart|crash <k>]: numbered lines, and every k lines the
 * console driver is restarted under them (between two requests), or made
 * to fault in the middle of writing one.  Every line must still come out,
 * in order: the proof that no byte is lost across a restart.
 */
#define COUNT_MAX 10000000u

void cmd_count(int argc, char **argv)
{
	char line[48];
	unsigned n, every = 0, restarts = 0;
	int crash = argc == 4 && streq(argv[2], "crash");
	if (argc == 3 || (argc == 4 && !crash && !streq(argv[2], "restart"))) {
		printf("usage: count <n> [restart|crash <k>]\n");
		return;
	}
	if (shell_number(argv, 1, COUNT_MAX, "a count", &n) ||
	    (argc == 4 && shell_number(argv, 3, COUNT_MAX, "a count", &every)))
		return;
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
