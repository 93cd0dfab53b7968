/*
 * prd.c - builds and checks the IDE bus master's PRD table
 * (kernel/dma/prd.h).  The engine fetches each descriptor when it gets
 * to it (Bochs reads them one by one as it goes), so the table lives in
 * kernel memory and is written only here, after every rule held: a
 * descriptor the driver could reach would be checked and then rewritten.
 */
#include "kernel/dma/prd.h"
#include "abi/errno.h"

#define LINE 0x10000u   /* the engine's count is 16 bits and its address may not carry past it */

int prd_build(struct prd *t, unsigned max, const struct dma_span *s, unsigned n)
{
	unsigned k = 0;
	if (n == 0)
		return -E_INVAL;
	for (unsigned i = 0; i < n; i++) {
		uint32_t pa = s[i].pa, len = s[i].len;
		if (len == 0 || (len & 1) || (pa & 1))
			return -E_INVAL;
		if (pa + len < pa)
			return -E_RANGE;
		while (len) {
			uint32_t room = LINE - (pa & (LINE - 1));
			uint32_t bytes = len < room ? len : room;
			if (k == max)
				return -E_RANGE;
			if (t)
				t[k] = (struct prd){ pa, bytes & 0xFFFFu };
			k++;
			pa += bytes;
			len -= bytes;
		}
	}
	if (t)
		t[k - 1].count |= PRD_EOT;
	return (int)k;
}

int prd_valid(const struct prd *t, unsigned n)
{
	if (n == 0 || n > PRD_MAX)
		return 0;
	for (unsigned i = 0; i < n; i++) {
		uint32_t bytes = (t[i].count & 0xFFFFu) ? (t[i].count & 0xFFFFu) : LINE;
		int last = i == n - 1;
		if ((t[i].addr & 1) || (bytes & 1) || (t[i].count & ~(0xFFFFu | PRD_EOT)))
			return 0;
		if ((t[i].addr & (LINE - 1)) + bytes > LINE)
			return 0;
		if (!(t[i].count & PRD_EOT) != !last)
			return 0;
	}
	return 1;
}
