/*
 * cmdline.c - words of the kernel command line (kernel/boot/cmdline.h).  Pure:
 * it runs on the host in tests/unit/test_cmdline.c.
 */
#include "kernel/boot/cmdline.h"
#include "kernel/lib.h"

/*
 * Whether p starts with the n characters of w.  Not memcmp: that may read
 * all n bytes of p, past the end of a shorter command line (ASan found
 * it in the host test); this stops at the first difference, the NUL too.
 */
static int starts_with(const char *p, const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != w[i])
			return 0;
	return 1;
}

static const char *next_word(const char *p)
{
	while (*p && *p != ' ')
		p++;
	while (*p == ' ')
		p++;
	return p;
}

int cmdline_has(const char *args, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = args; *p; p = next_word(p))
		if (starts_with(p, word, n) && (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

long cmdline_number(const char *args, const char *key)
{
	size_t n = strlen(key);
	for (const char *p = args; *p; p = next_word(p)) {
		if (!starts_with(p, key, n) || p[n] != '=')
			continue;
		long v = 0;
		for (p += n + 1; *p >= '0' && *p <= '9'; p++)
			v = v * 10 + (*p - '0');
		return v;
	}
	return -1;
}
