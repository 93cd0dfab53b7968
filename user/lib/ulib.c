/*
 * ulib.c - the user runtime's C part: program start, buffered formatted
 * output (one write per line, so lines from different tasks do not mix),
 * and small helpers.
 */
#include "user/lib/ulib.h"

int main(int argc, char **argv);
void ustart(int argc, char **argv) __attribute__((noreturn));

void ustart(int argc, char **argv)
{
	exit(main(argc, argv));
}

void exit(int code)
{
	sys_exit(code);
	for (;;)
		;
}

struct outbuf {
	char buf[256];
	unsigned len;
};

static void out_flush(struct outbuf *o)
{
	if (o->len)
		sys_write(o->buf, o->len);
	o->len = 0;
}

static void out_put(char c, void *arg)
{
	struct outbuf *o = arg;
	o->buf[o->len++] = c;
	if (c == '\n' || o->len == sizeof(o->buf))
		out_flush(o);
}

int printf(const char *fmt, ...)
{
	struct outbuf o = { .len = 0 };
	va_list ap;
	va_start(ap, fmt);
	int n = fmt_vformat(out_put, &o, fmt, ap);
	va_end(ap);
	out_flush(&o);
	return n;
}

int puts(const char *s)
{
	return printf("%s\n", s);
}

const char *strerror(long err)
{
	static const char *const text[E_COUNT] = {
#define X(name, val, txt) [name] = txt,
		ERROR_LIST(X)
#undef X
	};
	if (err < 0)
		err = -err;
	return err < E_COUNT ? text[err] : "unknown error";
}

int spawn_flags(const char *name, const char *args, unsigned flags)
{
	struct spawn_req req = { name, strlen(name), args, strlen(args), flags };
	return (int)sys_spawn(&req);
}

int spawn(const char *name, const char *args)
{
	return spawn_flags(name, args, 0);
}

long cap_derive(unsigned src, unsigned dst, unsigned base, unsigned count, unsigned rights)
{
	return sys_cap_derive(src, dst, CAP_BASE_RIGHTS(base, rights), count);
}

int streq(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}
