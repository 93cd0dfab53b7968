/*
 * lifecycle.h - what ends when a capability leaves its slot (kernel/object/lifecycle.c).
 */
#ifndef KERNEL_LIFECYCLE_H
#define KERNEL_LIFECYCLE_H

#include <stdint.h>

struct cap;
struct cspace;

/* cap_gone_hook: val left slot of from; what it enabled for its holder ends now. */
void cap_gone(const struct cap *val, struct cspace *from, uint32_t slot);
/* cap_ref_hook: +1 when a cap naming an object appears, -1 when it goes; by type. */
void kobj_ref(const struct cap *c, int delta);

#endif
