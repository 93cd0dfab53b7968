/*
 * ioports.h - IoPorts capability values: a range of x86 I/O ports and the
 * rights a holder has on them.  Pure C (no kernel, no asm): the kernel keeps
 * these in capability slots, iobitmap.c turns a task's set of them into its
 * TSS I/O permission bitmap, and the host unit tests check both.
 *
 * Rights and the bitmap.  The CPU's bitmap has one bit per port and cannot
 * tell `in` from `out`, so it can only express "both" or "neither".  The rule
 * is therefore: a port is open in the bitmap only if the task holds a cap
 * covering it with IOR_READ and IOR_WRITE (IOR_ALL).  A cap with only one of
 * the rights leaves the bitmap closed; every access to its ports traps (#GP)
 * and is reported to the supervisor like any denied access: the kernel does
 * not carry out the permitted direction for the task.  Opening the bitmap
 * for a read-only cap would let the holder write, which is the one thing
 * the cap says it may not do.
 */
#ifndef IOCAP_IOPORTS_H
#define IOCAP_IOPORTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define IOPORTS_SPACE 0x10000u   /* ports 0x0000..0xFFFF */

#define IOR_READ  1u             /* in, ins */
#define IOR_WRITE 2u             /* out, outs */
#define IOR_ALL   (IOR_READ | IOR_WRITE)

/*
 * Invariant of every value made by ioports_make/ioports_derive:
 * 1 <= count <= 0x10000, base + count <= 0x10000, rights a non-empty subset
 * of IOR_ALL.  count is 32 bits because the whole space (0x10000 ports) does
 * not fit in 16.
 */
struct ioports {
	uint16_t base;
	uint32_t count;
	uint32_t rights;
};

/*
 * Makes a cap for ports base..base+count-1.  Checks, in this order: the range
 * (count 0, base past 0xFFFF, base + count past 0x10000, including unsigned
 * wrap) -> -E_RANGE; rights empty or with unknown bits -> -E_INVAL.  *out is
 * written only on success.
 */
int ioports_make(uint32_t base, uint32_t count, uint32_t rights, struct ioports *out);

/*
 * Derives a child cap from parent: the same checks as ioports_make
 * (-E_RANGE, -E_INVAL), then authority: the range must lie inside the
 * parent's (equal is fine) and the rights must be a subset of the parent's,
 * else -E_PERM.  *child is written only on success; child may equal parent.
 */
int ioports_derive(const struct ioports *parent, uint32_t base, uint32_t count,
		   uint32_t rights, struct ioports *child);

/*
 * True if every byte port..port+width-1 lies inside c's range.  width must
 * be 1, 2 or 4 (an operand size); anything else, or an access whose last
 * byte is past 0xFFFF, is false.  Rights are not looked at.
 */
bool ioports_covers(const struct ioports *c, uint32_t port, uint32_t width);

/*
 * True if every byte port..port+width-1 is covered by some cap in
 * caps[0..n-1] whose rights include all of `rights` (different bytes may
 * come from different, e.g. adjacent, caps).  Same width/end rules as
 * ioports_covers.  With rights = IOR_ALL it is ioports_set_allows(), the
 * bitmap's model; the unit tests also ask it one direction at a time
 * (io_insn_rights() in iodecode.h names the right an access needs), which
 * no kernel path does today.
 */
bool ioports_set_permits(const struct ioports *caps, int n, uint32_t port,
			 uint32_t width, uint32_t rights);

/*
 * The model of the bitmap: ioports_set_permits(caps, n, port, width,
 * IOR_ALL).  iobitmap_allows() on the bitmap built from the same caps must
 * agree with it for every port and width (the unit tests check all of them;
 * the ring-3 sweep checks the real CPU against it).
 */
bool ioports_set_allows(const struct ioports *caps, int n, uint32_t port, uint32_t width);

/*
 * Writes the ports held by set[0..count-1] (all caps, whatever their
 * rights) as sorted, merged ranges "0x2f8-0x2ff,0x3f8-0x3ff", a single port
 * as "0x60", or "none" when the set is empty; for log lines like
 * "holds=0x60,0x64".  snprintf rules: at most n-1 characters plus a NUL
 * (nothing when n is 0), and the return value is the full length, so a
 * result >= n means the text was cut.  A buffer of IOPORTS_FORMAT_LEN(count)
 * bytes is never cut.  Needs no scratch memory and does not modify set.
 */
#define IOPORTS_FORMAT_LEN(count) ((size_t)(count) * 14 + 5)
int ioports_format(char *buf, size_t n, const struct ioports *set, int count);

#endif
