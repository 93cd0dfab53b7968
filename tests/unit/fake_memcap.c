/*
 * fake_memcap.c - kernel/object/frame.c's lifetime hooks for the host
 * tests that link kernel/object/lifecycle.c without the memory objects:
 * those tests make no Untyped, Frame or Mmio cap, so either hook being
 * called is a failure.
 */
#include "kernel/object/frame.h"
#include "tests/unit/unit.h"

void memcap_gone(struct cspace *cs, uint32_t slot)
{
	(void)cs;
	ck_abort_msg("memcap_gone(slot %u) in a test without memory caps", slot);
}

void memcap_ref(const struct cap *c, int delta)
{
	(void)c;
	ck_abort_msg("memcap_ref(%d) in a test without memory caps", delta);
}
