/*
 * access.h - the rogue driver's experiment: which port accesses it makes,
 * written as words (`inb:0x2f7`, `outw:0x300`, `insb:0x1f0`, `cli`), and
 * whether its grant allows each one.  Pure C with no library: compiled
 * into the rogue, into init (which checks a user's words before starting
 * a rogue) and natively for the host unit tests (tests/unit/test_access.c).
 */
#ifndef DRIVERS_ROGUE_ACCESS_H
#define DRIVERS_ROGUE_ACCESS_H

#include <stdint.h>

enum access_op { ACC_IN, ACC_OUT, ACC_INS, ACC_OUTS, ACC_CLI, ACC_STI };

struct access {
	enum access_op op;
	unsigned width;          /* 1, 2 or 4; 0 for cli/sti */
	uint32_t port;           /* 0 for cli/sti */
};

/* A granted range: ports base..base+count-1. */
struct access_grant {
	uint32_t base, count;
};

/*
 * The built-in scenario (docs/iocap.md): for a grant of COM2 0x2f8-0x2ff,
 * one below, one past, a word straddling its last port, the keyboard
 * controller, the PIC mask, the end of the I/O space, rep ins from ATA,
 * and cli.
 */
#define ACCESS_DEFAULT "inb:0x2f7 outb:0x300 inw:0x2ff inb:0x64 outb:0x21 inl:0xfffe insb:0x1f0 cli"
#define ACCESS_MAX 16

/*
 * One word: <in|out|ins|outs><b|w|l>:<port> (port decimal or 0x hex, at
 * most 0xffff: `inl:0xfffe` runs past the end, as a CPU allows) or cli or sti, the word ending at a
 * space, a NUL or end.  0 and *a, or -1.
 */
int access_parse(const char *word, const char *end, struct access *a);
/*
 * Every word of text (space-separated, up to ACCESS_MAX): 0 and *n, or
 * the 1-based index of the first bad word (or ACCESS_MAX + 1 if too many).
 */
int access_parse_list(const char *text, struct access *a, int *n);
/* Whether the grant lets it run without a trap: every port it covers is granted (cli/sti never). */
int access_allowed(const struct access *a, const struct access_grant *g, int ngrants);
/* The mnemonic: "inb", "outsw", "cli"... */
const char *access_name(const struct access *a);

#endif
