/*
 * shell.c - the console shell: reads a line from the console service,
 * runs one command, prints through the console.  It holds no ports and no
 * privileges: every answer comes from a service over IPC (rtc, block,
 * pci, and the root task for capabilities and supervision), or from
 * taskinfo, which anyone may read.
 *
 * Ctrl-C at the prompt reads as an empty line.  While a command runs it
 * is not the shell's to see (the shell may be blocked in a call): the
 * console tells init, which restarts the shell (docs/drivers.md,
 * "Ctrl-C").  A restarted shell starts at the prompt, without its banner.
 */
#include "user/lib/console.h"
#include "user/lib/ipc.h"
#include "user/lib/msgbytes.h"
#include "user/lib/proto.h"
#include "user/lib/slots.h"
#include "user/lib/ulib.h"
#include "user/shell/args.h"
#include "user/shell/shell.h"

/* The console's line discipline keeps at most 127 bytes of a line. */
#define LINE_MAX 128
#define MAX_WORDS 8

struct shell sh;

/* A call to a service; the reply's status label becomes -E_x. */
long svc_call(int slot, struct ipc_msg *m)
{
	if (slot < 0)
		return -E_NOENT;
	long r = ipc_call((unsigned)slot, m);
	if (!r && IPC_TAG_LABEL(m->tag))
		r = -(long)IPC_TAG_LABEL(m->tag);
	return r;
}

int shell_number(char **argv, int i, unsigned max, const char *what, unsigned *out)
{
	if (args_number(argv[i], max, out) == 0)
		return 0;
	printf("%s: '%s' is not %s (0..%u)\n", argv[0], argv[i], what, max);
	return -1;
}

static void cmd_help(int argc, char **argv);

static const struct command commands[] = {
	{ "help", "", "this list", 0, 0, cmd_help },
	{ "ps", "", "every task: tid, parent, state, restarts, I/O faults; stopped ones and why", 0, 0, cmd_ps },
	{ "caps", "[tid]", "the capabilities of one task, or of all", 0, 1, cmd_caps },
	{ "ports", "", "every task's I/O ports, IRQ lines and device memory", 0, 0, cmd_ports },
	{ "date", "", "the date and time from the rtc driver", 0, 0, cmd_date },
	{ "lspci", "", "the PCI functions the pci driver found", 0, 0, cmd_lspci },
	{ "disk", "test", "write, read back and checksum sectors (ata)", 1, 1, cmd_disk },
	{ "floppy", "test", "write, read back and checksum sectors (floppy, ISA DMA)", 1, 1, cmd_floppy },
	{ "kill", "<tid>", "stop a task (init leaves it stopped)", 1, 1, cmd_kill },
	{ "restart", "<driver>", "a fresh incarnation, same grants", 1, 1, cmd_restart },
	{ "rogue", "[<ports> [<access>...]]", "a driver with wrong ports: watch them trapped", 0, 6, cmd_rogue },
	{ "count", "<n> [restart|crash <k>]", "n lines; every k, the console restarts", 1, 3, cmd_count },
};

static void usage(const struct command *c)
{
	printf("usage: %s%s%s\n", c->name, c->usage[0] ? " " : "", c->usage);
}

static void cmd_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	for (unsigned i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		printf("  %-8s %s%s%s\n", commands[i].name, commands[i].usage,
		       commands[i].usage[0] ? ": " : "", commands[i].help);
	printf("  Ctrl-C ends the command that runs; Ctrl-U forgets the line\n");
}

static void run_line(char *line)
{
	char *argv[MAX_WORDS];
	int argc = args_split(line, argv, MAX_WORDS);
	if (!argc)
		return;
	for (unsigned i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		const struct command *c = &commands[i];
		if (!streq(argv[0], c->name))
			continue;
		if (argc < 0 || argc - 1 < c->min || argc - 1 > c->max)
			usage(c);
		else
			c->fn(argc, argv);
		return;
	}
	printf("%s: unknown command (try help)\n", argv[0]);
}

/*
 * One whole line, however many messages it takes (a CONS_READ answer holds
 * PROTO_BYTES): 0 and the line without its '\n', 1 if it was too long
 * (the rest is read and dropped), or -E_x from the console.
 */
static long read_line(char *line, unsigned size)
{
	char chunk[PROTO_BYTES + 1];
	unsigned len = 0;
	int too_long = 0;
	for (;;) {
		long n = console_read(chunk, PROTO_BYTES);
		if (n < 0)
			return n;
		int end = n > 0 && chunk[n - 1] == '\n';
		unsigned take = (unsigned)n - (unsigned)end;
		if (len + take >= size) {
			too_long = 1;
		} else {
			memcpy(line + len, chunk, take);
			len += take;
		}
		if (end)
			break;
	}
	line[len] = 0;
	return too_long;
}

int main(int argc, char **argv)
{
	char line[LINE_MAX];
	struct taskinfo ti;
	sh.rtc = service_slot(argc, argv, "rtc");
	sh.block = service_slot(argc, argv, "block");
	sh.pci = service_slot(argc, argv, "pci");
	sh.floppy = service_slot(argc, argv, "floppy");
	if (sys_taskinfo(0, &ti) || ti.restarts == 0)
		printf("Portcullis shell: type help\n");
	long last = 0;
	for (;;) {
		if (!last)
			console_write("$ ", 2);
		long r = read_line(line, sizeof(line));
		if (r < 0) {
			/* Said once: a console left stopped by its supervisor may come back later. */
			if (r != last)
				printf("shell: no console input: %s\n", strerror(r));
			last = r;
			sys_sleep(TIMER_HZ);
			continue;
		}
		last = 0;
		if (r)
			printf("shell: line too long (at most %u characters): ignored\n", LINE_MAX - 1);
		else
			run_line(line);
	}
}
