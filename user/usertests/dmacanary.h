/*
 * dmacanary.h - the canaries the DMA tests check after every case
 * (user/usertests/dmacanary.c, docs/dma.md "Canaries"): Frames of
 * another task (ipcpeer keep) lying just below and above the test's
 * buffer, and the kernel's own canaries through dma_audit.
 */
#ifndef USER_USERTESTS_DMACANARY_H
#define USER_USERTESTS_DMACANARY_H

/*
 * Makes an endpoint in ep_slot, starts ipcpeer keep serving it, and
 * moves the Frame caps in lo and hi (unmapped first by the caller, or
 * never mapped) into the keeper's slots: from then on only the keeper
 * holds them.  Its tid, or a failing check's 0 / -E_x.
 */
int keeper_start(unsigned ep_slot, unsigned lo, unsigned hi);
/*
 * The keeper on ep_slot still holds `pages` Frames and none of their
 * words changed, and dma_audit (through the root's DmaChan) finds every
 * kernel canary whole: 0, else 1 with a TAP diagnostic.
 */
int dma_canaries_whole(unsigned ep_slot, unsigned pages);
/* dma_audit through the root's DmaChan reports nothing changed: 0, else 1. */
int kernel_canaries_whole(void);

/*
 * A filler Untyped carved first into slot filler, so that first fit puts
 * a buffer of mem_retype type and `pages` pages (slot buf) at the low
 * Untyped's very end, whatever others hold in it: one byte past it is
 * the kernel's canary page above the region.  Tries the largest filler
 * first.  0, else 1 with a diagnostic (nothing left behind).
 */
int carve_at_top(unsigned filler, unsigned buf, unsigned type, unsigned pages);

int t_dma_audit_checks_its_arguments(void);

#endif
