/* pcicfg.c - the pci driver's access rules (pcicfg.h). */
#include "drivers/pci/pcicfg.h"
#include "abi/errno.h"
#include "user/lib/proto.h"

unsigned pci_check_cfg_read(unsigned badge, unsigned index, unsigned count, unsigned offset)
{
	/* Badge 0 (an unbadged cap) names no device, whatever index wraps to. */
	if (badge != PCI_BADGE_ALL && (badge == 0 || badge != pci_device_badge(index)))
		return E_PERM;
	if (index >= count)
		return E_RANGE;
	if ((offset & 3) || offset >= PCI_CFG_SPACE)
		return E_INVAL;
	return 0;
}

unsigned pci_check_device_cap(unsigned badge, unsigned index, unsigned count)
{
	if (badge != PCI_BADGE_ALL)
		return E_PERM;
	return index < count ? 0 : E_RANGE;
}
