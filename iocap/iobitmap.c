/*
 * iobitmap.c - builds the TSS I/O permission bitmap from IoPorts caps and
 * applies the CPU's rule to it.  Whole bytes are cleared at once inside a
 * range (a full-space grant is 8192 stores, not 65536), with the ragged
 * first and last bytes done bit by bit; the unit tests check every port at
 * every width against the per-port model in ioports.c.
 */
#include "iocap/iobitmap.h"
#include "lib/string.h"

static bool bit_set(const uint8_t *bm, uint32_t port)
{
	return (bm[port / 8] >> (port % 8)) & 1;
}

/* Opens ports [lo, hi) (hi exclusive, lo < hi <= 0x10000). */
static void open_range(uint8_t *bm, uint32_t lo, uint32_t hi)
{
	uint32_t p = lo;
	for (; p < hi && p % 8 != 0; p++)
		bm[p / 8] &= (uint8_t)~(1u << (p % 8));
	if (p + 8 <= hi) {
		memset(bm + p / 8, 0, (hi - p) / 8);
		p += (hi - p) / 8 * 8;
	}
	for (; p < hi; p++)
		bm[p / 8] &= (uint8_t)~(1u << (p % 8));
}

/* [*lo, *hi) joined with [lo_byte, hi_byte); an empty span (lo >= hi) becomes the new one. */
static void span_join(uint32_t *lo, uint32_t *hi, uint32_t lo_byte, uint32_t hi_byte)
{
	if (*lo >= *hi) {
		*lo = lo_byte;
		*hi = hi_byte;
		return;
	}
	if (lo_byte < *lo)
		*lo = lo_byte;
	if (hi_byte > *hi)
		*hi = hi_byte;
}

static void extent_add(struct iobitmap_extent *e, uint32_t lo_byte, uint32_t hi_byte)
{
	span_join(&e->lo, &e->hi, lo_byte, hi_byte);
}

void iobitmap_build(uint8_t bm[IOBITMAP_BYTES], const struct ioports *caps, int n,
		    struct iobitmap_extent *ext)
{
	memset(bm, 0xFF, IOBITMAP_BYTES);
	*ext = (struct iobitmap_extent){ 0, 0 };
	for (int i = 0; i < n; i++) {
		uint32_t lo, hi;
		if (!iobitmap_cap_opens(&caps[i], &lo, &hi))
			continue;
		open_range(bm, lo, hi);
		/* Every opened port clears a bit, so these bytes all differ from 0xFF. */
		extent_add(ext, lo / 8, (hi - 1) / 8 + 1);
	}
}

void iobitmap_build_task(uint8_t bm[IOBITMAP_BYTES], const struct ioports *caps, int n,
			 const struct ioowned_byte *owned, int nowned, struct iobitmap_extent *ext)
{
	iobitmap_build(bm, caps, n, ext);
	/* Outside the extent every byte is 0xFF already. */
	for (int i = 0; i < nowned && owned[i].index < ext->hi; i++)   /* in index order */
		if (owned[i].index >= ext->lo)
			bm[owned[i].index] |= owned[i].mask;
	/* Closing may have turned the extent's edge bytes back to 0xFF: the extent stays tight. */
	while (ext->lo < ext->hi && bm[ext->lo] == 0xFF)
		ext->lo++;
	while (ext->hi > ext->lo && bm[ext->hi - 1] == 0xFF)
		ext->hi--;
	if (ext->lo == ext->hi)
		*ext = (struct iobitmap_extent){ 0, 0 };
}


/* *ext made tight again after bytes inside lo..hi (joined with it) changed. */
static inline void extent_retighten(const uint8_t *bm, uint32_t lo, uint32_t hi, struct iobitmap_extent *ext)
{
	/*
	 * Outside the window nothing changed, so the new extent lies inside
	 * the old one joined with the window; its edges move in past 0xFF bytes
	 * only (a tight old edge outside the window stops them at once).
	 */
	if (!iobitmap_extent_empty(ext)) {
		if (ext->lo < lo)
			lo = ext->lo;
		if (ext->hi > hi)
			hi = ext->hi;
	}
	while (lo < hi && bm[lo] == 0xFF)
		lo++;
	while (hi > lo && bm[hi - 1] == 0xFF)
		hi--;
	*ext = lo < hi ? (struct iobitmap_extent){ lo, hi } : (struct iobitmap_extent){ 0, 0 };
}

/* The bytes [lo, hi) as caps and owned make them, into out (out[lo..hi-1] only). */
static void build_window(uint8_t *out, uint32_t lo, uint32_t hi, const struct ioports *caps, int n,
			 const uint8_t *owned)
{
	memset(out + lo, 0xFF, hi - lo);
	for (int i = 0; i < n; i++) {
		const struct ioports *c = &caps[i];
		uint32_t plo = c->base;
		uint32_t phi = c->count > IOPORTS_SPACE - plo ? IOPORTS_SPACE : plo + c->count;
		if ((c->rights & IOR_ALL) != IOR_ALL)
			continue;
		/* Only the part inside the window: a whole-space cap costs the window, not 8 KiB. */
		if (plo < lo * 8)
			plo = lo * 8;
		if (phi > hi * 8)
			phi = hi * 8;
		if (plo < phi)
			open_range(out, plo, phi);
	}
	/* The owned ports as a bit each, laid out like the bitmap: closed byte for byte. */
	for (uint32_t i = lo; i < hi; i++)
		out[i] |= owned[i];
}

bool iobitmap_update(uint8_t bm[IOBITMAP_BYTES], uint8_t scratch[IOBITMAP_BYTES],
		     const struct ioports *caps, int n, const uint8_t owned[IOOWNED_BITS_BYTES],
		     struct iobitmap_window w, struct iobitmap_extent *ext)
{
	if (w.hi > IOBITMAP_BYTES)
		w.hi = IOBITMAP_BYTES;
	if (w.lo >= w.hi)
		return false;
	build_window(scratch, w.lo, w.hi, caps, n, owned);
	if (!memcmp(scratch + w.lo, bm + w.lo, w.hi - w.lo))
		return false;
	memcpy(bm + w.lo, scratch + w.lo, w.hi - w.lo);
	extent_retighten(bm, w.lo, w.hi, ext);
	return true;
}

bool iobitmap_close(uint8_t bm[IOBITMAP_BYTES], struct iobitmap_window w,
		    struct iobitmap_extent *ext)
{
	/* Outside the extent every byte is 0xFF already. */
	uint32_t lo = w.lo > ext->lo ? w.lo : ext->lo, hi = w.hi < ext->hi ? w.hi : ext->hi;
	bool changed = false;
	for (uint32_t i = lo; i < hi; i++)
		if (bm[i] != 0xFF) {
			bm[i] = 0xFF;
			changed = true;
		}
	if (!changed)
		return false;
	/* The window held the whole extent (a holder's last ports went): nothing left to walk. */
	if (lo == ext->lo && hi == ext->hi)
		*ext = (struct iobitmap_extent){ 0, 0 };
	else
		extent_retighten(bm, lo, hi, ext);
	return true;
}

bool iobitmap_allows(const uint8_t bm[IOBITMAP_BYTES], uint32_t port, uint32_t width)
{
	/* port first: with port < 0x10000, port + width cannot wrap. */
	if (port >= IOPORTS_SPACE || (width != 1 && width != 2 && width != 4))
		return false;
	for (uint32_t p = port; p < port + width; p++)
		if (p >= IOPORTS_SPACE || bit_set(bm, p))   /* the tail byte is all ones */
			return false;
	return true;
}

void iobitmap_load(uint8_t tss[IOBITMAP_BYTES], struct iobitmap_extent *loaded,
		   const uint8_t next[IOBITMAP_BYTES], const struct iobitmap_extent *next_ext)
{
	/* The old extent minus the new one is at most two runs; they go back to "deny". */
	if (!iobitmap_extent_empty(loaded)) {
		uint32_t below = loaded->hi < next_ext->lo ? loaded->hi : next_ext->lo;
		uint32_t above = loaded->lo > next_ext->hi ? loaded->lo : next_ext->hi;
		if (loaded->lo < below)
			memset(tss + loaded->lo, 0xFF, below - loaded->lo);
		if (above < loaded->hi)
			memset(tss + above, 0xFF, loaded->hi - above);
	}
	if (!iobitmap_extent_empty(next_ext))
		memcpy(tss + next_ext->lo, next + next_ext->lo, next_ext->hi - next_ext->lo);
	*loaded = *next_ext;
}
