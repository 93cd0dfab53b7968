/*
 * pcicfg.h - the PciCfg capability: PCI configuration space through the
 * kernel (pci_cfg_read, pci_cfg_write; abi/syscalls.h), so that 0xCF8-0xCFF
 * stay the kernel's and no driver can set bus-master enable or move a BAR
 * (iocap/pciguard.h).  What cnode.c needs of the type: mint and describe.
 */
#ifndef KERNEL_PCICFG_H
#define KERNEL_PCICFG_H

#include <stdint.h>

#include "abi/syscalls.h"
#include "iocap/pcireg.h"
#include "kernel/object/cap.h"

/* Configuration mechanism #1 (arch_pci_cfg_read/write): the one accessor every kernel walk uses. */
extern const struct pci_access pcicfg_hw;

/* The root task's cap: every function, both rights. */
struct cap pcicfg_root_cap(void);
/* cap_mint on a PciCfg cap: PCICFG_SUB(first, n) of src's functions (0: all), fewer rights; 0 or -E_PERM. */
int pcicfg_mint(const struct cap *src, uint32_t value, uint32_t rights, struct cap *val);
void pcicfg_describe(const struct cap *c, struct capinfo *info);

#endif
