/*
 * cnode.h - the decoding steps that the calls of several cap types share
 * (kernel/object/cnode.c).
 */
#ifndef KERNEL_CNODE_H
#define KERNEL_CNODE_H

#include <stdint.h>
#include "kernel/object/cap.h"

/* Decodes (held source slot, empty destination slot) in the caller's space: cap_copy, cap_derive. */
long cnode_decode_pair(uint32_t src_slot, uint32_t dst_slot, struct cap **src, struct cap **dst);
/*
 * A new endpoint or notification (type) in the caller's empty dst_slot,
 * within its quota of the pool: ep_create, ntf_create.  0 or -E_x.
 */
long kobj_create(uint32_t dst_slot, enum cap_type type);

#endif
