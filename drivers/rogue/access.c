/*
 * access.c - the rogue's port accesses as words (access.h).
 */
#include "drivers/rogue/access.h"

static const char *const op_names[] = { "in", "out", "ins", "outs", "cli", "sti" };

static int prefix(const char *p, const char *end, const char *lit, const char **after)
{
	for (; *lit; lit++, p++)
		if (p == end || *p != *lit)
			return 0;
	*after = p;
	return 1;
}

static int number(const char *p, const char *end, uint32_t *v)
{
	unsigned base = 10;
	*v = 0;
	if (end - p > 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	if (p == end)
		return -1;
	for (; p < end; p++) {
		int d = *p >= '0' && *p <= '9' ? *p - '0'
		      : *p >= 'a' && *p <= 'f' ? *p - 'a' + 10
		      : *p >= 'A' && *p <= 'F' ? *p - 'A' + 10 : 99;
		if (d >= (int)base || *v > 0xFFFFu)
			return -1;
		*v = *v * base + (uint32_t)d;
	}
	return 0;
}

int access_parse(const char *word, const char *end, struct access *a)
{
	const char *p;
	if (prefix(word, end, "cli", &p) && p == end) {
		*a = (struct access){ ACC_CLI, 0, 0 };
		return 0;
	}
	if (prefix(word, end, "sti", &p) && p == end) {
		*a = (struct access){ ACC_STI, 0, 0 };
		return 0;
	}
	/* Longest first: "ins" before "in", "outs" before "out". */
	static const enum access_op order[] = { ACC_INS, ACC_OUTS, ACC_IN, ACC_OUT };
	for (unsigned i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		if (!prefix(word, end, op_names[order[i]], &p) || p == end)
			continue;
		unsigned width = *p == 'b' ? 1 : *p == 'w' ? 2 : *p == 'l' ? 4 : 0;
		uint32_t port;
		if (!width || p + 1 == end || p[1] != ':' || number(p + 2, end, &port) ||
		    port > 0xFFFFu)
			return -1;
		*a = (struct access){ order[i], width, port };
		return 0;
	}
	return -1;
}

int access_parse_list(const char *text, struct access *a, int *n)
{
	*n = 0;
	for (const char *p = text; *p;) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		const char *end = p;
		while (*end && *end != ' ')
			end++;
		if (*n == ACCESS_MAX)
			return ACCESS_MAX + 1;
		if (access_parse(p, end, &a[*n]))
			return *n + 1;
		++*n;
		p = end;
	}
	return 0;
}

int access_allowed(const struct access *a, const struct access_grant *g, int ngrants)
{
	if (a->op == ACC_CLI || a->op == ACC_STI)
		return 0;
	for (uint32_t port = a->port; port < a->port + a->width; port++) {
		int in = 0;
		for (int i = 0; i < ngrants && !in; i++)
			in = port >= g[i].base && port - g[i].base < g[i].count;
		if (!in)
			return 0;
	}
	return 1;
}

const char *access_name(const struct access *a)
{
	static const char *const sized[4][3] = {
		{ "inb", "inw", "inl" }, { "outb", "outw", "outl" },
		{ "insb", "insw", "insl" }, { "outsb", "outsw", "outsl" },
	};
	if (a->op == ACC_CLI || a->op == ACC_STI)
		return op_names[a->op];
	return sized[a->op][a->width == 1 ? 0 : a->width == 2 ? 1 : 2];
}
