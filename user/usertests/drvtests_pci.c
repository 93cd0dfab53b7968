/*
 * drvtests_pci.c - the pci driver (drivers/pci) on QEMU's pc machine
 * (i440FX host bridge, PIIX3 ISA bridge and IDE), started with a PciCfg
 * cap as the manifest's `pcicfg` gives: the list, and reads of
 * configuration space allowed by the badge of the caller's cap.
 */
#include "user/lib/proto.h"
#include "user/usertests/drvstart.h"
#include "user/usertests/drvtests.h"

#define ID(vendor, device) ((vendor) | (device) << 16)
#define ID_I440FX ID(0x8086u, 0x1237u)
#define ID_PIIX3  ID(0x8086u, 0x7000u)
#define ID_IDE    ID(0x8086u, 0x7010u)

static const struct drv_spec pci_spec = { "pci", 0, 0, 0, PCI_BADGE_ALL, 1 };

struct fn {
	unsigned loc, id, class, header;
};

static int get(unsigned index, struct fn *f)
{
	struct ipc_msg m;
	CHECK_EQ(drv_call(DRV_CLIENT, PCI_GET, index, 0, &m), 0);
	CHECK_EQ(IPC_TAG_WORDS(m.tag), 4);
	*f = (struct fn){ m.w0, m.w1, utcb()->mr[2], utcb()->mr[3] };
	return 0;
}

static int count(unsigned *n)
{
	struct ipc_msg m;
	CHECK_EQ(drv_call(DRV_CLIENT, PCI_COUNT, 0, 0, &m), 0);
	*n = m.w0;
	return 0;
}

/* The index of the first function with this id, or -1. */
static int find(unsigned id, struct fn *f)
{
	unsigned n;
	if (count(&n))
		return -1;
	for (unsigned i = 0; i < n; i++)
		if (get(i, f) == 0 && f->id == id)
			return (int)i;
	return -1;
}

static int lists_the_piix(void)
{
	struct fn f, ide;
	struct ipc_msg m;
	unsigned n;
	CHECK_EQ(count(&n), 0);
	for (unsigned i = 0; i < n; i++) {
		CHECK_EQ(get(i, &f), 0);
		printf("# pci %u: %02x:%02x.%x %04x:%04x class %02x.%02x.%02x header %02x\n", i,
		       f.loc >> 16, (f.loc >> 8) & 0xFF, f.loc & 0xFF, f.id & 0xFFFF, f.id >> 16,
		       f.class >> 24, (f.class >> 16) & 0xFF, (f.class >> 8) & 0xFF, f.header);
	}
	CHECK(n >= 3);
	CHECK_EQ(get(0, &f), 0);
	CHECK_EQ(f.id, ID_I440FX);
	CHECK_EQ(f.loc, 0);
	CHECK_EQ(f.class >> 16, 0x0600);          /* host bridge */
	CHECK(find(ID_PIIX3, &f) > 0);
	CHECK_EQ(f.class >> 16, 0x0601);          /* ISA bridge */
	CHECK_EQ(f.header & 0x80, 0x80);          /* PIIX3 is multi-function */
	CHECK(find(ID_IDE, &ide) > 0);
	CHECK_EQ(ide.class >> 24, 0x01);          /* mass storage */
	CHECK_EQ(ide.loc >> 8, f.loc >> 8);       /* a function of the PIIX3 */
	CHECK_EQ(drv_call(DRV_CLIENT, PCI_GET, n, 0, &m), -E_RANGE);
	CHECK_EQ(drv_call(DRV_CLIENT, PCI_GET, 0xFFFFFFFFu, 0, &m), -E_RANGE);
	CHECK_EQ(drv_call(DRV_CLIENT, 0x4FF, 0, 0, &m), -E_NOSYS);
	return 0;
}

int t_pci_lists_the_piix(void)
{
	return drv_run(&pci_spec, lists_the_piix);
}

static long cfg_read(unsigned slot, unsigned index, unsigned offset, unsigned *v)
{
	struct ipc_msg m;
	long r = drv_call(slot, PCI_CFG_READ, index, offset, &m);
	*v = m.w0;
	return r;
}

/* PCI_DEVICE_CAP(index) into recv_slot; returns the status, *caps how many came. */
static long device_cap(unsigned from, unsigned index, unsigned recv_slot, unsigned *caps)
{
	struct ipc_msg m;
	utcb()->recv_slot[0] = recv_slot;
	utcb()->recv_slot[1] = IPC_NO_SLOT;
	long r = drv_call(from, PCI_DEVICE_CAP, index, 0, &m);
	utcb()->recv_slot[0] = IPC_NO_SLOT;
	*caps = IPC_TAG_CAPS(m.tag);
	return r;
}

static int cfg_read_by_badge(void)
{
	struct fn ide, first;
	struct capinfo ci;
	unsigned v, caps, n;
	CHECK_EQ(count(&n), 0);
	int i = find(ID_IDE, &ide);
	CHECK(i > 0);
	/* The all-devices cap reads anything inside the space, nothing outside. */
	CHECK_EQ(cfg_read(DRV_CLIENT, (unsigned)i, 0, &v), 0);
	CHECK_EQ(v, ID_IDE);
	CHECK_EQ(cfg_read(DRV_CLIENT, (unsigned)i, 8, &v), 0);
	CHECK_EQ(v, ide.class);
	CHECK_EQ(cfg_read(DRV_CLIENT, (unsigned)i, 2, &v), -E_INVAL);
	CHECK_EQ(cfg_read(DRV_CLIENT, (unsigned)i, 256, &v), -E_INVAL);
	CHECK_EQ(cfg_read(DRV_CLIENT, n, 0, &v), -E_RANGE);
	CHECK_EQ(device_cap(DRV_CLIENT, n, DRV_RECV, &caps), -E_RANGE);

	/* A cap for the IDE function: send-only, badge index + 1, good for that function only. */
	CHECK_EQ(device_cap(DRV_CLIENT, (unsigned)i, DRV_RECV, &caps), 0);
	CHECK_EQ(caps, 1);
	CHECK_EQ(sys_cap_info(DRV_RECV, &ci), 0);
	CHECK_EQ(ci.type, CAPT_ENDPOINT);
	CHECK_EQ(ci.badge, (unsigned)i + 1);
	CHECK_EQ(ci.rights, EPR_SEND);
	CHECK_EQ(cfg_read(DRV_RECV, (unsigned)i, 0, &v), 0);
	CHECK_EQ(v, ID_IDE);
	CHECK_EQ(cfg_read(DRV_RECV, (unsigned)i, 256, &v), -E_INVAL);
	CHECK_EQ(cfg_read(DRV_RECV, 0, 0, &v), -E_PERM);
	CHECK_EQ(cfg_read(DRV_RECV, (unsigned)i - 1, 0, &v), -E_PERM);
	CHECK_EQ(cfg_read(DRV_RECV, n, 0, &v), -E_PERM);
	CHECK_EQ(device_cap(DRV_RECV, (unsigned)i, DRV_SCRATCH, &caps), -E_PERM);
	CHECK_EQ(caps, 0);

	/* A caller that names no slot gets no cap; the driver is not left holding it. */
	CHECK_EQ(sys_cap_delete(DRV_RECV), 0);
	CHECK_EQ(device_cap(DRV_CLIENT, 0, IPC_NO_SLOT, &caps), 0);
	CHECK_EQ(caps, 0);
	CHECK_EQ(device_cap(DRV_CLIENT, 0, DRV_RECV, &caps), 0);
	CHECK_EQ(caps, 1);
	CHECK_EQ(get(0, &first), 0);
	CHECK_EQ(cfg_read(DRV_RECV, 0, 0, &v), 0);
	CHECK_EQ(v, first.id);
	CHECK_EQ(cfg_read(DRV_RECV, (unsigned)i, 0, &v), -E_PERM);
	return 0;
}

int t_pci_cfg_read_needs_the_device_cap(void)
{
	return drv_run(&pci_spec, cfg_read_by_badge);
}
