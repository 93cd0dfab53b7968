/*
 * iobitmap.h - a task's TSS I/O permission bitmap, built as the union of the
 * IoPorts caps it holds, and the CPU's rule for reading it.  Pure C; the
 * kernel owns where the bitmap lives and when it is loaded.
 *
 * Hardware semantics (SDM vol. 1, 19.5.2): one bit per port, bit SET means
 * DENIED.  An access of width w at port p is allowed only if the bits of
 * ports p..p+w-1 are all clear.  The CPU reads the two bytes at p/8 for every
 * check, so the TSS must hold one more byte, all ones, after the 8192 bitmap
 * bytes and inside the TSS limit; that byte (IOBITMAP_TAIL) is what makes a
 * word or dword access reaching past port 0xFFFF trap.  It is the kernel's to
 * place; it is not part of the arrays here.
 */
#ifndef IOCAP_IOBITMAP_H
#define IOCAP_IOBITMAP_H

#include <stdbool.h>
#include <stdint.h>

#include "iocap/ioowned.h"
#include "iocap/ioports.h"

#define IOBITMAP_BYTES 8192u   /* 65536 ports / 8 */
#define IOBITMAP_TAIL  0xFFu   /* the byte the TSS must hold after the bitmap */

/*
 * The bytes [lo, hi) of a built bitmap that differ from 0xFF; every byte
 * outside is 0xFF.  Empty (lo == hi == 0) when the caps open nothing.  The
 * kernel copies only this extent into the TSS and later puts 0xFF back over
 * only this extent, so tasks without ports cost nothing at a switch.
 */
struct iobitmap_extent {
	uint32_t lo;
	uint32_t hi;
};

static inline bool iobitmap_extent_empty(const struct iobitmap_extent *e)
{
	return e->lo >= e->hi;
}

/*
 * The ports [*lo, *hi) cap c opens in a bitmap: false if none (a
 * one-direction cap, or count 0).  A bad count is clamped to the space (as
 * ioports.c does), so it never reaches past the map.
 */
static inline bool iobitmap_cap_opens(const struct ioports *c, uint32_t *lo, uint32_t *hi)
{
	*lo = c->base;
	*hi = c->count > IOPORTS_SPACE - *lo ? IOPORTS_SPACE : *lo + c->count;
	return (c->rights & IOR_ALL) == IOR_ALL && *lo < *hi;
}

/*
 * Builds bm from caps[0..n-1]: all ports denied, then every port held with
 * IOR_ALL opened (see ioports.h for why a one-direction cap opens nothing).
 * *ext is set to the tight extent of the bytes that are not 0xFF.
 */
void iobitmap_build(uint8_t bm[IOBITMAP_BYTES], const struct ioports *caps, int n,
		    struct iobitmap_extent *ext);

/*
 * iobitmap_build, then every owned port closed again (owned[0..nowned-1]:
 * ioowned_bytes, the bytes holding one) and *ext made tight once more:
 * the bitmap a task really gets.  The kernel builds every task's bitmap
 * with this, so even a cap that covers an owned port (the root's whole
 * I/O space, or a copy of it) never opens one; cap_derive refusing such a
 * range is the first line, this is the second.  It costs a pass over the
 * few owned bytes, whatever the caps.
 */
void iobitmap_build_task(uint8_t bm[IOBITMAP_BYTES], const struct ioports *caps, int n,
			 const struct ioowned_byte *owned, int nowned, struct iobitmap_extent *ext);

/*
 * The bytes [lo, hi) of a bitmap that a change of caps may have touched:
 * what a grant or revoke costs is the window, not the 8 KiB, whatever
 * else the task holds.  Empty when lo >= hi.
 */
struct iobitmap_window {
	uint32_t lo;
	uint32_t hi;
};

#define IOBITMAP_WINDOW_NONE ((struct iobitmap_window){ IOBITMAP_BYTES, 0 })
#define IOBITMAP_WINDOW_ALL  ((struct iobitmap_window){ 0, IOBITMAP_BYTES })

/*
 * w joined with the bytes of ports base..base+count-1 (clamped to the
 * space; count 0 adds nothing).  Inline: every IoPorts cap that comes or
 * goes adds its ports, once per holder a revoke reaches.
 */
static inline void iobitmap_window_add(struct iobitmap_window *w, uint32_t base, uint32_t count)
{
	if (base >= IOPORTS_SPACE || count == 0)
		return;
	uint32_t lo = base / 8, hi = count > IOPORTS_SPACE - base ? IOPORTS_SPACE : base + count;
	hi = (hi - 1) / 8 + 1;
	if (w->lo >= w->hi) {
		w->lo = lo;
		w->hi = hi;
		return;
	}
	if (lo < w->lo)
		w->lo = lo;
	if (hi > w->hi)
		w->hi = hi;
}

/*
 * Brings the window w of bm (built by iobitmap_build_task from an earlier
 * set of caps, *ext its extent) up to date with caps[0..n-1] and the
 * owned ports (owned: ioowned_bits, a bit per port),
 * when only caps inside w came or went: the bytes of w are rebuilt in
 * scratch and compared, and only if one differs are they copied and *ext
 * made tight again.  True if bm changed.  Afterwards bm and *ext are what
 * iobitmap_build_task would make from caps, provided every byte outside w
 * was already; the cost follows the window and the caps, and a change
 * covered by another cap (a supervisor's copy of ports it holds anyway)
 * changes nothing.
 */
bool iobitmap_update(uint8_t bm[IOBITMAP_BYTES], uint8_t scratch[IOBITMAP_BYTES],
		     const struct ioports *caps, int n, const uint8_t owned[IOOWNED_BITS_BYTES],
		     struct iobitmap_window w, struct iobitmap_extent *ext);

/* Whether cap c covers a port of the window's bytes (then it may decide one of their bits). */
static inline bool iobitmap_window_meets(struct iobitmap_window w, const struct ioports *c)
{
	uint32_t lo = w.lo * 8, hi = w.hi * 8;
	if (c->count == 0 || c->base >= hi)
		return false;
	return c->base >= lo || c->count > lo - c->base;   /* no sum: a corrupt count cannot wrap */
}

/*
 * iobitmap_update's answer when no cap the task still holds meets the
 * window (iobitmap_window_meets), the common revoke: the window is all
 * deny, so only its bytes inside *ext are written, none built or
 * compared.  Same contract and result as iobitmap_update.
 */
bool iobitmap_close(uint8_t bm[IOBITMAP_BYTES], struct iobitmap_window w,
		    struct iobitmap_extent *ext);

/*
 * The CPU's decision for an access of width 1, 2 or 4 at port: every bit
 * clear.  Bits past port 0xFFFF are the tail byte and count as set, so an
 * access whose last byte is past 0xFFFF is denied; port > 0xFFFF or another
 * width is false as well.
 */
bool iobitmap_allows(const uint8_t bm[IOBITMAP_BYTES], uint32_t port, uint32_t width);

/*
 * Switches a loaded bitmap (the TSS's) to the built bitmap next/next_ext:
 * 0xFF over the part of *loaded that next_ext does not cover, then next's
 * extent copied, then *loaded = *next_ext.  Precondition: every tss byte
 * outside *loaded is 0xFF (true from an all-0xFF start with *loaded empty,
 * and kept by every call).  Afterwards tss equals next in all 8192 bytes:
 * switching from a large grant to a small one leaks no port, and between
 * two tasks without ports no byte is written.
 */
void iobitmap_load(uint8_t tss[IOBITMAP_BYTES], struct iobitmap_extent *loaded,
		   const uint8_t next[IOBITMAP_BYTES], const struct iobitmap_extent *next_ext);

#endif
