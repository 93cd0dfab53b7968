/*
 * ulib.c - the user runtime's C part: program start, buffered formatted
 * output (one write per line, so lines from different tasks do not mix),
 * and small helpers.
 */
#include "user/lib/ulib.h"
#include "user/lib/ipc.h"
#include "user/lib/console.h"
#include "user/lib/slots.h"

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
		console_write(o->buf, o->len);
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

/*
 * No cap_derive may name a port the kernel owns (docs/dma.md), so the
 * whole space, which holds them, is passed on as a copy of a whole-space
 * cap: the same authority, since no bitmap opens an owned port.
 */
static long grant_one(unsigned src, unsigned dst, const struct ioports *g)
{
	struct capinfo ci;
	if (g->base == 0 && g->count == IOPORTS_SPACE && sys_cap_info(src, &ci) == 0 &&
	    ci.type == CAPT_IOPORTS && ci.count == IOPORTS_SPACE && ci.rights == g->rights)
		return sys_cap_copy(src, dst);
	return cap_derive(src, dst, g->base, g->count, g->rights);
}

int spawn_granted(const char *name, const char *args, unsigned src, unsigned scratch,
		  const struct ioports *grants, int n)
{
	int tid = spawn_flags(name, args, SPAWN_SUSPENDED);
	for (int i = 0; tid > 0 && i < n; i++) {
		long r = grant_one(src, scratch, &grants[i]);
		if (!r)
			r = sys_cap_transfer(scratch, tid, (unsigned)i);
		if (r) {
			sys_kill(tid);
			return (int)r;
		}
	}
	return tid;
}

int streq(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

unsigned atou(const char *s)
{
	unsigned v = 0;
	for (; *s >= '0' && *s <= '9'; s++)
		v = v * 10 + (unsigned)(*s - '0');
	return v;
}

unsigned xtou(const char *s)
{
	unsigned v = 0;
	for (; *s; s++)
		v = v * 16 + (unsigned)(*s <= '9' ? *s - '0' : (*s | 0x20) - 'a' + 10);
	return v;
}

int arg_has(int argc, char **argv, const char *word)
{
	for (int i = 1; i < argc; i++)
		if (streq(argv[i], word))
			return 1;
	return 0;
}

const char *arg_value(int argc, char **argv, const char *key)
{
	size_t n = strlen(key);
	for (int i = 1; i < argc; i++)
		if (!memcmp(argv[i], key, n) && argv[i][n] == '=')
			return argv[i] + n + 1;
	return 0;
}

int service_slot(int argc, char **argv, const char *service)
{
	const char *list = arg_value(argc, argv, "uses");
	size_t n = strlen(service);
	for (int i = 0; list && *list; i++) {
		if (!memcmp(list, service, n) && (list[n] == ',' || list[n] == '\0'))
			return SLOT_USE(i);
		while (*list && *list != ',')
			list++;
		if (*list == ',')
			list++;
	}
	return -1;
}

