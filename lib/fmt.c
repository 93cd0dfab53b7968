/*
 * fmt.c - printf-style formatting shared by the kernel log, the user
 * runtime and the host tests.  It knows only what the project prints:
 * integers in decimal/hex, strings, characters, pointers.
 */
#include <stdint.h>

#include "lib/fmt.h"
#include "lib/string.h"

struct spec {
	int width;
	char pad;
	int left;
};

static int emit_str(fmt_put_fn put, void *arg, const char *s, size_t len, const struct spec *sp)
{
	int n = 0;
	int fill = sp->width > (int)len ? sp->width - (int)len : 0;
	if (!sp->left)
		for (; fill > 0; fill--, n++)
			put(sp->pad, arg);
	for (size_t i = 0; i < len; i++, n++)
		put(s[i], arg);
	for (; fill > 0; fill--, n++)
		put(' ', arg);
	return n;
}

static int emit_num(fmt_put_fn put, void *arg, uint64_t v, int neg, unsigned base,
		    int upper, struct spec *sp)
{
	char buf[24];
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	int i = (int)sizeof(buf);
	do {
		buf[--i] = digits[v % base];
		v /= base;
	} while (v);
	if (neg) {
		if (sp->pad == '0' && sp->width > 0) {
			put('-', arg);
			sp->width--;
			return 1 + emit_str(put, arg, buf + i, sizeof(buf) - (size_t)i, sp);
		}
		buf[--i] = '-';
	}
	return emit_str(put, arg, buf + i, sizeof(buf) - (size_t)i, sp);
}

int fmt_vformat(fmt_put_fn put, void *arg, const char *fmt, va_list ap)
{
	int n = 0;
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put(*fmt, arg);
			n++;
			continue;
		}
		struct spec sp = { 0, ' ', 0 };
		fmt++;
		for (;; fmt++) {
			if (*fmt == '0') sp.pad = '0';
			else if (*fmt == '-') sp.left = 1;
			else break;
		}
		while (*fmt >= '0' && *fmt <= '9')
			sp.width = sp.width * 10 + (*fmt++ - '0');
		int longs = 0;
		while (*fmt == 'l') {
			longs++;
			fmt++;
		}
		if (sp.left)
			sp.pad = ' ';
		switch (*fmt) {
		case 'd':
		case 'i': {
			int64_t v = longs >= 2 ? va_arg(ap, long long) : longs ? va_arg(ap, long) : va_arg(ap, int);
			n += emit_num(put, arg, v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v, v < 0, 10, 0, &sp);
			break;
		}
		case 'u':
		case 'x':
		case 'X': {
			uint64_t v = longs >= 2 ? va_arg(ap, unsigned long long)
				   : longs ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int);
			n += emit_num(put, arg, v, 0, *fmt == 'u' ? 10 : 16, *fmt == 'X', &sp);
			break;
		}
		case 'p':
			put('0', arg);
			put('x', arg);
			sp.width = 8;
			sp.pad = '0';
			n += 2 + emit_num(put, arg, (uintptr_t)va_arg(ap, void *), 0, 16, 0, &sp);
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			n += emit_str(put, arg, s, strlen(s), &sp);
			break;
		}
		case 'c': {
			char c = (char)va_arg(ap, int);
			n += emit_str(put, arg, &c, 1, &sp);
			break;
		}
		case '%':
			put('%', arg);
			n++;
			break;
		case '\0':
			return n;
		default:
			put('%', arg);
			put(*fmt, arg);
			n += 2;
			break;
		}
	}
	return n;
}

struct sbuf {
	char *buf;
	size_t size, len;
};

static void sbuf_put(char c, void *arg)
{
	struct sbuf *b = arg;
	if (b->len + 1 < b->size)
		b->buf[b->len] = c;
	b->len++;
}

int fmt_vsnprintf(char *buf, size_t n, const char *fmt, va_list ap)
{
	struct sbuf b = { buf, n, 0 };
	int r = fmt_vformat(sbuf_put, &b, fmt, ap);
	if (n)
		buf[b.len < n ? b.len : n - 1] = '\0';
	return r;
}

int fmt_snprintf(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = fmt_vsnprintf(buf, n, fmt, ap);
	va_end(ap);
	return r;
}
