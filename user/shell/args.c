/*
 * args.c - strict command-line words and numbers (args.h).  `kill abc`
 * once killed task 0's lookalike and `caps -1` listed every task: a word
 * that is not wholly a number is refused, never read as its digits.
 */
#include "user/shell/args.h"

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int args_split(char *line, char **argv, int max)
{
	int argc = 0;
	for (char *p = line; *p;) {
		while (is_space(*p))
			*p++ = 0;
		if (!*p)
			break;
		if (argc == max)
			return -1;
		argv[argc++] = p;
		while (*p && !is_space(*p))
			p++;
	}
	return argc;
}

static int digit(char c, unsigned base)
{
	int d = c >= '0' && c <= '9' ? c - '0'
	      : c >= 'a' && c <= 'f' ? c - 'a' + 10
	      : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 99;
	return d < (int)base ? d : -1;
}

int args_number(const char *word, unsigned max, unsigned *out)
{
	unsigned base = 10, v = 0;
	const char *p = word;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	if (!*p)
		return -1;
	for (; *p; p++) {
		int d = digit(*p, base);
		if (d < 0 || v > (max - (unsigned)d) / base)
			return -1;
		v = v * base + (unsigned)d;
	}
	*out = v;
	return 0;
}
