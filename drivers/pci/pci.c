/*
 * pci.c - the PCI bus (docs/drivers.md, "pci"), read through the kernel:
 * ports 0xCF8-0xCFF are the kernel's, and this driver holds a PciCfg cap
 * (pci_cfg_read; docs/dma.md, "Owned registers and PCI configuration"),
 * so no driver can set bus-master enable or move a BAR.
 *
 * At start it lists every function of bus 0 and of every bus a bridge
 * leads to (iocap/pciwalk.h, the walk the kernel's boot scan makes: a few
 * dozen reads, where probing buses 0-255 took 8,192 system calls and
 * finished long after the shell's first prompt), and then serves the list.
 * Reading a device's configuration space takes a cap that names the
 * device: the badge is PCI_BADGE_ALL for whoever holds the bus (the root
 * task) or index + 1 for one device; PCI_DEVICE_CAP mints the latter.
 *
 * Slots (user/lib/slots.h): SLOT_SERVICE (unbadged, all rights: the
 * device caps are minted from it), SLOT_PCICFG (the manifest's `pcicfg`).
 */
#include "drivers/pci/pcicfg.h"
#include "iocap/pciwalk.h"
#include "user/lib/ipc.h"
#include "user/lib/proto.h"
#include "user/lib/slots.h"
#include "user/lib/ulib.h"

#define SLOT_MINT   SLOT_FREE     /* a device cap on its way to a caller */
#define MAX_FUNCS   64

struct pci_func {
	uint8_t bus, dev, fn, header;
	uint32_t id;       /* vendor | device << 16 */
	uint32_t class;    /* class << 24 | subclass << 16 | prog-if << 8 | revision */
};

static struct pci_func funcs[MAX_FUNCS];
static unsigned nfuncs, dropped;

/* A dword of a function's configuration space; all ones (nothing there) if the kernel says no. */
static uint32_t cfg_read(unsigned bus, unsigned dev, unsigned fn, unsigned offset)
{
	unsigned v;
	if (sys_pci_cfg_read(SLOT_PCICFG, PCICFG_ADDR(bus, dev, fn, offset), 4, &v))
		return 0xFFFFFFFFu;
	return v;
}

/* The cap is there and answers: the root task gave this driver PCI configuration. */
static int have_pcicfg(void)
{
	unsigned v;
	return sys_pci_cfg_read(SLOT_PCICFG, PCICFG_ADDR(0, 0, 0, 0), 4, &v) == 0;
}

static void add(unsigned bus, unsigned dev, unsigned fn, uint32_t id, uint32_t header)
{
	if (nfuncs == MAX_FUNCS) {
		dropped++;
		return;
	}
	struct pci_func *f = &funcs[nfuncs++];
	*f = (struct pci_func){ (uint8_t)bus, (uint8_t)dev, (uint8_t)fn,
				(uint8_t)(header >> 16), id,
				cfg_read(bus, dev, fn, 0x08) };
}

/* The walk's accessor: configuration reads through the kernel, all ones if refused. */
static uint32_t walk_read(uint32_t addr, unsigned width)
{
	unsigned v;
	return sys_pci_cfg_read(SLOT_PCICFG, addr, width, &v) ? 0xFFFFFFFFu : v;
}

static void walk_found(void *ctx, uint32_t fn, uint32_t id, uint32_t header)
{
	(void)ctx;
	add(fn >> 8, fn >> 3 & 0x1Fu, fn & 7u, id, header);
}

static void scan(void)
{
	static const struct pci_access through_kernel = { walk_read, 0 };   /* the walk only reads */
	pci_walk(&through_kernel, walk_found, 0);
	if (dropped)
		printf("pci: %u functions past the first %d are not served\n", dropped, MAX_FUNCS);
}

static void list(void)
{
	for (unsigned i = 0; i < nfuncs; i++) {
		const struct pci_func *f = &funcs[i];
		printf("pci: %u: %02x:%02x.%x %04x:%04x class %02x.%02x.%02x\n", i, f->bus, f->dev,
		       f->fn, f->id & 0xFFFF, f->id >> 16, f->class >> 24, (f->class >> 16) & 0xFF,
		       (f->class >> 8) & 0xFF);
	}
}

static void get(unsigned index, struct ipc_msg *m)
{
	if (index >= nfuncs) {
		*m = ipc_msg(E_RANGE, 0, 0);
		return;
	}
	const struct pci_func *f = &funcs[index];
	*m = ipc_msg(0, (unsigned)f->bus << 16 | (unsigned)f->dev << 8 | f->fn, f->id);
	m->tag = IPC_TAG(0, 4, 0);
	utcb()->mr[2] = f->class;
	utcb()->mr[3] = f->header;
}

static void cfg_read_req(unsigned badge, unsigned index, unsigned offset, struct ipc_msg *m)
{
	unsigned status = pci_check_cfg_read(badge, index, nfuncs, offset);
	*m = ipc_msg(status, 0, 0);
	if (!status)
		m->w0 = cfg_read(funcs[index].bus, funcs[index].dev, funcs[index].fn, offset);
}

/* The cap moves out with the reply; one left from a caller that named no slot is dropped first. */
static void device_cap(unsigned badge, unsigned index, struct ipc_msg *m)
{
	unsigned status = pci_check_device_cap(badge, index, nfuncs);
	sys_cap_delete(SLOT_MINT);
	if (!status)
		status = (unsigned)-sys_cap_mint(SLOT_SERVICE, SLOT_MINT, pci_device_badge(index),
						 EPR_SEND);
	*m = ipc_msg(status, 0, 0);
	if (!status) {
		m->tag = IPC_TAG(0, 0, 1);
		utcb()->send_cap[0] = SLOT_MINT | IPC_CAP_MOVE;
	}
}

static void serve(struct ipc_msg *m)
{
	unsigned badge = m->badge, w0 = m->w0, w1 = m->w1;
	switch (IPC_TAG_LABEL(m->tag)) {
	case PCI_COUNT:
		*m = ipc_msg(0, nfuncs, 0);
		break;
	case PCI_GET:
		get(w0, m);
		break;
	case PCI_CFG_READ:
		cfg_read_req(badge, w0, w1, m);
		break;
	case PCI_DEVICE_CAP:
		device_cap(badge, w0, m);
		break;
	default:
		*m = ipc_msg(E_NOSYS, 0, 0);
		break;
	}
}

int main(void)
{
	struct ipc_msg m;
	if (have_pcicfg()) {
		scan();
		printf("pci: %u functions\n", nfuncs);
		list();
	} else {
		printf("pci: no PciCfg cap in slot %d; serving an empty bus\n", SLOT_PCICFG);
	}
	long r = ipc_recv(SLOT_SERVICE, &m);
	for (;;) {
		if (r) {
			printf("pci: receive failed: %s\n", strerror(r));
			return 2;
		}
		serve(&m);
		r = ipc_reply_recv(SLOT_SERVICE, &m);
	}
}
