/*
 * pcicfg.c - the PciCfg capability's calls.  Configuration mechanism #1's
 * ports are the kernel's (kernel/object/kports.h): a driver that held
 * them could set a device's bus-master enable or move its BARs, and then
 * aim the device's DMA anywhere.  So configuration goes through here: each
 * access is checked for shape (iocap/pciguard.h), authority (the function
 * inside the cap, the right) and, for a write, the DMA rule, all before
 * the hardware is written (the rule reads the function first); docs/dma.md,
 * "Owned registers and PCI configuration".
 */
#include "kernel/object/pcicfg.h"
#include "arch/i386/arch.h"
#include "iocap/pciguard.h"
#include "kernel/lib.h"
#include "kernel/mm/uaccess.h"
#include "kernel/object/decode.h"

const struct pci_access pcicfg_hw = { arch_pci_cfg_read, arch_pci_cfg_write };

struct cap pcicfg_root_cap(void)
{
	return (struct cap){ .type = CAP_PCICFG,
			     .pci = { 0, PCICFG_FUNCS, PCICFG_R | PCICFG_W } };
}

int pcicfg_mint(const struct cap *src, uint32_t value, uint32_t rights, struct cap *val)
{
	uint32_t first = src->pci.first, count = src->pci.count;
	if (value) {
		first = value >> 16;
		count = value & 0xFFFFu;
		/* Inside src's functions: src->pci.first + src->pci.count <= 0x10000, no wrap. */
		if (count == 0 || first < src->pci.first ||
		    first + count > src->pci.first + src->pci.count)
			return -E_PERM;
	}
	if (rights == 0 || (rights & ~src->pci.rights))
		return -E_PERM;
	*val = *src;
	val->pci = (struct cappci){ first, count, rights };
	return 0;
}

void pcicfg_describe(const struct cap *c, struct capinfo *info)
{
	info->base = c->pci.first;
	info->count = c->pci.count;
	info->rights = c->pci.rights;
}

/* Everything but the DMA rule: the cap, the access's shape, the function, the right. */
static long decode_access(uint32_t slot, uint32_t addr, uint32_t width, uint32_t right)
{
	struct cap *c;
	long r = cap_decode(slot, CAP_PCICFG, 0, &c);
	if (r)
		return r;
	if ((r = pciguard_access(addr, width)))
		return ERR(r);
	uint32_t fn = pciguard_fn(addr);
	if (fn < c->pci.first || fn - c->pci.first >= c->pci.count)
		return user_refuse(E_PERM, "a function outside the cap");
	if (!(c->pci.rights & right))
		return user_refuse(E_PERM, "the cap lacks the right");
	return 0;
}

/* pci_cfg_read(slot, addr, width, value): the register into *value. */
SYSCALL(pci_cfg_read)
{
	long r = decode_access(a->slot, a->addr, a->width, PCICFG_R);
	if (r)
		return r;
	if (!user_writable(&current()->as, a->value, sizeof(uint32_t)))
		return user_error(E_FAULT);
	uint32_t v = arch_pci_cfg_read(a->addr, a->width);
	if (copyout(&current()->as, a->value, &v, sizeof(v)))
		return user_error(E_FAULT);
	return 0;
}

/*
 * pci_cfg_write(slot, addr, width, value): the low width bytes of value,
 * unless the DMA rule says no.  The rule depends on the function as it is
 * (bus-master enable, where its MSI capabilities lie), so the kernel reads
 * that first, under the same big kernel lock as the write.
 */
SYSCALL(pci_cfg_write)
{
	struct pciguard_now now;
	long r = decode_access(a->slot, a->addr, a->width, PCICFG_W);
	if (r)
		return r;
	uint32_t v = a->width == 4 ? a->value : a->value & ((1u << (8 * a->width)) - 1);
	pciguard_now_read(&pcicfg_hw, pciguard_fn(a->addr), &now);
	if ((r = pciguard_write(a->addr, a->width, v, &now)))
		return user_refuse((enum pc_error)-r,
				   "bus-master enable, a BAR, a bridge window, a ROM BAR or an MSI");
	arch_pci_cfg_write(a->addr, a->width, v);
	return 0;
}
