/*
 * shell.h - the shell's commands (user/shell/cmd_*.c) and the service
 * slots they talk to.
 */
#ifndef USER_SHELL_SHELL_H
#define USER_SHELL_SHELL_H

#include "user/lib/ipc.h"

struct shell {
	int rtc, block, pci, floppy;   /* service slots, -1 if the manifest gave none */
};
extern struct shell sh;

/* A command takes min..max words after its name; others get its usage line. */
struct command {
	const char *name;
	const char *usage;       /* the words after the name, "" if none */
	const char *help;
	int min, max;
	void (*fn)(int argc, char **argv);
};

/* ipc_call on slot; a non-zero reply label comes back as -E_x. */
long svc_call(int slot, struct ipc_msg *m);
/*
 * argv[i] as a number up to max (args_number); -1 after saying on the
 * console why it is refused, e.g. "kill: 'abc' is not a task id".
 */
int shell_number(char **argv, int i, unsigned max, const char *what, unsigned *out);

void cmd_ps(int argc, char **argv);
void cmd_caps(int argc, char **argv);
void cmd_ports(int argc, char **argv);
void cmd_date(int argc, char **argv);
void cmd_lspci(int argc, char **argv);
void cmd_disk(int argc, char **argv);
void cmd_floppy(int argc, char **argv);
void cmd_kill(int argc, char **argv);
void cmd_restart(int argc, char **argv);
void cmd_rogue(int argc, char **argv);
void cmd_count(int argc, char **argv);

#endif
