/*
 * shell.c - the console shell: reads a line from the console service,
 * runs one command, prints through the console.  It holds no ports and no
 * privileges: every answer comes from a service over IPC (rtc, block,
 * pci, and the root task for capabilities and supervision), or from
 * taskinfo, which anyone may read.
 */
#include "user/lib/console.h"
#include "user/lib/ipc.h"
#include "user/lib/msgbytes.h"
#include "user/lib/proto.h"
#include "user/lib/slots.h"
#include "user/lib/ulib.h"
#include "user/shell/shell.h"

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

static void cmd_help(int argc, char **argv);

static const struct command commands[] = {
	{ "help", "this list", cmd_help },
	{ "ps", "every task: tid, parent, state, restarts, I/O faults", cmd_ps },
	{ "caps", "caps [tid]: the capabilities of one task, or of all", cmd_caps },
	{ "ports", "every task's I/O ports and IRQ lines", cmd_ports },
	{ "date", "the date and time from the rtc driver", cmd_date },
	{ "lspci", "the PCI functions the pci driver found", cmd_lspci },
	{ "disk", "disk test: write, read back and checksum sectors (ata)", cmd_disk },
	{ "kill", "kill <tid>", cmd_kill },
	{ "restart", "restart <driver>: a fresh incarnation, same grants", cmd_restart },
	{ "rogue", "start the rogue driver: watch its wrong ports get trapped", cmd_rogue },
	{ "count", "count <n> [restart|crash <k>]: n lines; the console restarts", cmd_count },
};

static void cmd_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	for (unsigned i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		printf("  %-8s %s\n", commands[i].name, commands[i].help);
}

/* Splits line in place into at most max words. */
static int split(char *line, char **argv, int max)
{
	int argc = 0;
	for (char *p = line; *p && argc < max;) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			*p++ = 0;
		if (!*p)
			break;
		argv[argc++] = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n')
			p++;
	}
	return argc;
}

static void run_line(char *line)
{
	char *argv[8];
	int argc = split(line, argv, 8);
	if (!argc)
		return;
	for (unsigned i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (streq(argv[0], commands[i].name)) {
			commands[i].fn(argc, argv);
			return;
		}
	printf("%s: unknown command (try help)\n", argv[0]);
}

int main(int argc, char **argv)
{
	char line[PROTO_BYTES + 1];
	sh.rtc = service_slot(argc, argv, "rtc");
	sh.block = service_slot(argc, argv, "block");
	sh.pci = service_slot(argc, argv, "pci");
	printf("Portcullis shell: type help\n");
	long last = 0;
	for (;;) {
		if (!last)
			console_write("$ ", 2);
		long n = console_read(line, PROTO_BYTES);
		if (n < 0) {
			/* Said once: a console left stopped by its supervisor may come back later. */
			if (n != last)
				printf("shell: no console input: %s\n", strerror(n));
			last = n;
			sys_sleep(TIMER_HZ);
			continue;
		}
		last = 0;
		line[n] = 0;
		run_line(line);
	}
}
