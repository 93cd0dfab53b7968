/*
 * ioports.c - IoPorts capability values: making and deriving them with
 * every check done before anything is written, asking whether a set of them
 * covers an access, and printing a set for the log.  Port arithmetic is done
 * in 32 bits with exclusive ends (0x10000 is a valid end), so no sum below
 * can wrap.
 */
#include "iocap/ioports.h"
#include "abi/errno.h"

/*
 * The exclusive end of c's range, clamped to the port space so that a
 * corrupted value (count near 2^32) cannot wrap and look small.
 */
static uint32_t cap_end(const struct ioports *c)
{
	if (c->count > IOPORTS_SPACE - c->base)
		return IOPORTS_SPACE;
	return c->base + c->count;
}

static bool width_ok(uint32_t width)
{
	return width == 1 || width == 2 || width == 4;
}

/* port..port+width-1 inside the port space (width already checked). */
static bool access_in_space(uint32_t port, uint32_t width)
{
	return port < IOPORTS_SPACE && width <= IOPORTS_SPACE - port;
}

int ioports_make(uint32_t base, uint32_t count, uint32_t rights, struct ioports *out)
{
	/* base < 0x10000 first, so 0x10000 - base cannot wrap. */
	if (count == 0 || base >= IOPORTS_SPACE || count > IOPORTS_SPACE - base)
		return -E_RANGE;
	if (rights == 0 || (rights & ~IOR_ALL) != 0)
		return -E_INVAL;
	*out = (struct ioports){ .base = (uint16_t)base, .count = count, .rights = rights };
	return 0;
}

int ioports_derive(const struct ioports *parent, uint32_t base, uint32_t count,
		   uint32_t rights, struct ioports *child)
{
	struct ioports c;
	int err = ioports_make(base, count, rights, &c);
	if (err)
		return err;
	/* c is well formed, so base + count cannot wrap. */
	if (base < parent->base || base + count > cap_end(parent))
		return -E_PERM;
	if ((rights & ~parent->rights) != 0)
		return -E_PERM;
	*child = c;
	return 0;
}

bool ioports_covers(const struct ioports *c, uint32_t port, uint32_t width)
{
	if (!width_ok(width) || !access_in_space(port, width))
		return false;
	return port >= c->base && port + width <= cap_end(c);
}

/* Some cap with all of `rights` holds this one port. */
static bool port_permitted(const struct ioports *caps, int n, uint32_t port, uint32_t rights)
{
	for (int i = 0; i < n; i++)
		if ((caps[i].rights & rights) == rights && ioports_covers(&caps[i], port, 1))
			return true;
	return false;
}

bool ioports_set_permits(const struct ioports *caps, int n, uint32_t port,
			 uint32_t width, uint32_t rights)
{
	if (!width_ok(width) || !access_in_space(port, width))
		return false;
	for (uint32_t p = port; p < port + width; p++)
		if (!port_permitted(caps, n, p, rights))
			return false;
	return true;
}

bool ioports_set_allows(const struct ioports *caps, int n, uint32_t port, uint32_t width)
{
	return ioports_set_permits(caps, n, port, width, IOR_ALL);
}

/* ---- formatting ---- */

/* An output cursor with snprintf semantics: counts everything, stores what fits. */
struct out {
	char *buf;
	size_t n;
	size_t len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->n)
		o->buf[o->len] = c;
	o->len++;
}

static void put_str(struct out *o, const char *s)
{
	while (*s)
		put(o, *s++);
}

static void put_hex(struct out *o, uint32_t v)
{
	static const char digits[] = "0123456789abcdef";
	int shift = 28;
	put_str(o, "0x");
	while (shift > 0 && (v >> shift) == 0)
		shift -= 4;
	for (; shift >= 0; shift -= 4)
		put(o, digits[(v >> shift) & 0xF]);
}

/*
 * The lowest port >= from held by any cap, or IOPORTS_SPACE if none.  One
 * pass per merged range keeps format free of sorting and scratch memory; a
 * task holds a handful of caps, so the quadratic cost does not matter.
 */
static uint32_t next_start(const struct ioports *set, int count, uint32_t from)
{
	uint32_t best = IOPORTS_SPACE;
	for (int i = 0; i < count; i++) {
		uint32_t lo = set[i].base, hi = cap_end(&set[i]);
		if (hi > from && hi > lo) {
			uint32_t s = lo > from ? lo : from;
			if (s < best)
				best = s;
		}
	}
	return best;
}

/* Extends the exclusive end `end` over every cap that overlaps or touches it. */
static uint32_t merged_end(const struct ioports *set, int count, uint32_t end)
{
	bool grew = true;
	while (grew) {
		grew = false;
		for (int i = 0; i < count; i++) {
			uint32_t hi = cap_end(&set[i]);
			if (set[i].base <= end && hi > end) {
				end = hi;
				grew = true;
			}
		}
	}
	return end;
}

int ioports_format(char *buf, size_t n, const struct ioports *set, int count)
{
	struct out o = { buf, n, 0 };
	uint32_t from = 0;
	while (from < IOPORTS_SPACE) {
		uint32_t start = next_start(set, count, from);
		if (start >= IOPORTS_SPACE)
			break;
		uint32_t end = merged_end(set, count, start + 1);
		if (o.len > 0)
			put(&o, ',');
		put_hex(&o, start);
		if (end - 1 != start) {
			put(&o, '-');
			put_hex(&o, end - 1);
		}
		from = end;
	}
	if (o.len == 0)
		put_str(&o, "none");
	if (n > 0)
		o.buf[o.len < n ? o.len : n - 1] = '\0';
	return (int)o.len;
}
