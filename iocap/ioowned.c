/*
 * ioowned.c - the registry of kernel-owned ports (ioowned.h): the fixed
 * table, additions found at boot, and the question every grant and every
 * bitmap asks of it.  A handful of ranges, so a plain scan answers.
 */
#include "iocap/ioowned.h"
#include "abi/errno.h"

static const struct ioowned_range fixed[] = {
#define X(first, last, what) { first, last, what },
	IOOWNED_FIXED(X)
#undef X
};

_Static_assert(sizeof(fixed) / sizeof(fixed[0]) <= IOOWNED_MAX, "IOOWNED_MAX too small");

void ioowned_init(struct ioowned *o)
{
	o->n = 0;
	for (unsigned i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		o->r[o->n++] = fixed[i];
}

int ioowned_add(struct ioowned *o, uint32_t first, uint32_t last, const char *what)
{
	if (last < first || last >= IOPORTS_SPACE)
		return -E_RANGE;
	if (o->n == IOOWNED_MAX)
		return -E_NOMEM;
	o->r[o->n++] = (struct ioowned_range){ (uint16_t)first, (uint16_t)last, what };
	return 0;
}

const struct ioowned_range *ioowned_first(const struct ioowned *o, uint32_t base, uint32_t count,
					  uint32_t *port)
{
	const struct ioowned_range *best = 0;
	uint32_t best_port = IOPORTS_SPACE;
	if (count == 0 || base >= IOPORTS_SPACE)
		return 0;
	/* Exclusive end in 32 bits, clamped: base + count may pass 0x10000 or wrap. */
	uint32_t end = count > IOPORTS_SPACE - base ? IOPORTS_SPACE : base + count;
	for (int i = 0; i < o->n; i++) {
		const struct ioowned_range *r = &o->r[i];
		if (r->first >= end || r->last < base)
			continue;
		uint32_t p = r->first > base ? r->first : base;
		if (p < best_port) {
			best_port = p;
			best = r;
		}
	}
	if (best && port)
		*port = best_port;
	return best;
}

bool ioowned_touches(const struct ioowned *o, uint32_t port, uint32_t width)
{
	return ioowned_first(o, port, width, 0) != 0;
}

void ioowned_bits(const struct ioowned *o, uint8_t bits[IOOWNED_BITS_BYTES])
{
	for (uint32_t i = 0; i < IOOWNED_BITS_BYTES; i++)
		bits[i] = 0;
	for (int i = 0; i < o->n; i++)
		for (uint32_t p = o->r[i].first; p <= o->r[i].last; p++)
			bits[p / 8] |= (uint8_t)(1u << (p % 8));
}

bool ioowned_bits_touch(const uint8_t bits[IOOWNED_BITS_BYTES], uint32_t base, uint32_t count)
{
	if (base >= IOPORTS_SPACE)
		return false;
	uint32_t end = count > IOPORTS_SPACE - base ? IOPORTS_SPACE : base + count;
	/* Whole bytes where the range covers them, single bits at its ragged ends. */
	for (uint32_t p = base; p < end;) {
		if (p % 8 == 0 && end - p >= 8) {
			if (bits[p / 8])
				return true;
			p += 8;
		} else {
			if ((bits[p / 8] >> (p % 8)) & 1)
				return true;
			p++;
		}
	}
	return false;
}

int ioowned_bytes(const uint8_t bits[IOOWNED_BITS_BYTES], struct ioowned_byte *out, int max)
{
	int n = 0;
	for (uint32_t i = 0; i < IOOWNED_BITS_BYTES; i++) {
		if (!bits[i])
			continue;
		if (n == max)
			return -E_NOMEM;
		out[n++] = (struct ioowned_byte){ (uint16_t)i, bits[i] };
	}
	return n;
}

bool ioowned_allows(const struct ioowned *o, const struct ioports *caps, int n, uint32_t port,
		    uint32_t width)
{
	return ioports_set_allows(caps, n, port, width) && !ioowned_touches(o, port, width);
}
