/*
 * args.h - reading a shell command line strictly: words, and numbers that
 * are numbers.  Pure C (no library): compiled into the shell and natively
 * for the host unit tests (tests/unit/test_shellargs.c).
 */
#ifndef USER_SHELL_ARGS_H
#define USER_SHELL_ARGS_H

/*
 * Splits line in place into words (spaces, tabs, newlines between them).
 * Returns how many, or -1 if there are more than max (argv then holds the
 * first max).
 */
int args_split(char *line, char **argv, int max);

/*
 * A whole word as a number: decimal, or hex after 0x; no sign, no other
 * character, at most max.  0 and *out, or -1 (*out untouched).
 */
int args_number(const char *word, unsigned max, unsigned *out);

#endif
