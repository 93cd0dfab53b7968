/*
 * frame.h - what the rest of the kernel asks of memory caps
 * (kernel/object/frame.c): their lifetime, dispatched by type from
 * kernel/object/lifecycle.c, and their description for cap_info.
 */
#ifndef KERNEL_OBJECT_FRAME_H
#define KERNEL_OBJECT_FRAME_H

#include <stdint.h>

struct cap;
struct cspace;
struct capinfo;

/* A Frame or Mmio cap left slot of cs: every mapping made through it goes, in every space. */
void memcap_gone(struct cspace *cs, uint32_t slot);
/* cap_ref_hook for Untyped and Frame caps: the object lives while caps name it. */
void memcap_ref(const struct cap *c, int delta);
/* cap_info's fields for an Untyped, Frame or Mmio cap c. */
void memcap_describe(const struct cap *c, struct capinfo *info);
/*
 * cap_mint on a Frame or Mmio cap: *val is src narrowed to value's pages
 * and rights (whose high half is first's, MEM_SUB_RIGHTS); 0 or E_x.
 */
int memcap_mint(const struct cap *src, uint32_t value, uint32_t rights, struct cap *val);

#endif
