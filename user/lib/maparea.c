/*
 * maparea.c - the mapping area's pages (user/lib/umem.h): where a program
 * maps a shared buffer or device memory.  A bit per page, first fit: the
 * area is one page table's 4 MiB, so mapping there costs at most one page
 * table, paid once.
 */
#include "user/lib/umem.h"

static unsigned char taken[MAP_AREA_PAGES / 8];

static int is_taken(unsigned i)
{
	return taken[i / 8] >> (i % 8) & 1;
}

static void mark(unsigned first, unsigned n, int on)
{
	for (unsigned i = first; i < first + n; i++)
		taken[i / 8] = (unsigned char)(on ? taken[i / 8] | 1u << (i % 8)
						  : taken[i / 8] & ~(1u << (i % 8)));
}

void *map_area_take(unsigned npages)
{
	unsigned run = 0;
	if (!npages || npages > MAP_AREA_PAGES)
		return 0;
	for (unsigned i = 0; i < MAP_AREA_PAGES; i++) {
		run = is_taken(i) ? 0 : run + 1;
		if (run == npages) {
			mark(i + 1 - npages, npages, 1);
			return (void *)(MAP_AREA_BASE + (i + 1 - npages) * PAGE_SIZE);
		}
	}
	return 0;
}

void map_area_give_back(void *va, unsigned npages)
{
	unsigned first = ((unsigned)(size_t)va - MAP_AREA_BASE) / PAGE_SIZE;
	if ((size_t)va < MAP_AREA_BASE || first >= MAP_AREA_PAGES || npages > MAP_AREA_PAGES - first)
		return;
	mark(first, npages, 0);
}
