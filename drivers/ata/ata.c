/*
 * ata.c - the block service (BLK_* in user/lib/proto.h) on one ATA drive.
 *
 * Started with the slot convention of user/lib/slots.h: the command block
 * (8 ports) in SLOT_PORTS(0), the control port in SLOT_PORTS(1), the
 * channel's interrupt line in SLOT_IRQ(0), the service endpoint in
 * SLOT_SERVICE, an Untyped in SLOT_UNTYPED to pay the page table its
 * clients' buffers are mapped with.  Argument "slave" drives the channel's
 * second drive.
 *
 * Data moves through each client's buffer, a Frame it sent with
 * BLK_ATTACH and the driver mapped (user/lib/shbuf.h): PIO goes straight
 * between the drive and that page, one request per n sectors.  The driver
 * keeps BLK_CLIENTS buffers, by badge; attaching one more drops the one
 * used least recently (its client gets E_STATE and attaches again).  A cap
 * arrives in a spare empty slot, which becomes the client's; the slot it
 * leaves is the next spare, so no cap is ever copied.
 *
 * One request at a time, each served to the end, disk commands included,
 * before the next is received: requests that arrive meanwhile wait in the
 * endpoint's queue in the kernel, in arrival order.  The last sector read
 * stays cached (a copy the driver owns: the buffer is the client's to
 * change), so reading it again costs no disk command.  docs/drivers.md
 * has the rest.
 */
#include "drivers/ata/atadev.h"
#include "user/lib/ipc.h"
#include "user/lib/proto.h"
#include "user/lib/shbuf.h"
#include "user/lib/slots.h"
#include "user/lib/ulib.h"

#define SLOT_NTF     SLOT_FREE
#define SLOT_BUF0    (SLOT_FREE + 1)   /* BLK_CLIENTS + 1 slots: the clients' Frames and the spare */
#define PAGE         4096u

static struct ata_dev dev;

/* The last sector read; always what the disk holds. */
static struct {
	int valid;
	uint32_t lba;
	unsigned hits;
	uint8_t data[ATA_SECTOR];
} cache;

struct client {
	int used;
	unsigned badge;
	unsigned last_use;
	struct shbuf buf;
};
static struct client clients[BLK_CLIENTS];
static unsigned spare = SLOT_BUF0 + BLK_CLIENTS;   /* the empty slot a cap arrives in */
static unsigned use_clock;

static struct client *client_of(unsigned badge)
{
	for (int i = 0; i < BLK_CLIENTS; i++)
		if (clients[i].used && clients[i].badge == badge)
			return &clients[i];
	return 0;
}

/* The badge's entry, or the one unused or used least recently, emptied. */
static struct client *client_place(unsigned badge)
{
	struct client *c = client_of(badge), *victim = &clients[0];
	for (int i = 0; i < BLK_CLIENTS && !c; i++)
		if (!clients[i].used || (victim->used && clients[i].last_use < victim->last_use))
			victim = &clients[i];
	return c ? c : victim;
}

/* The Frame in the spare slot becomes the badge's buffer. */
static unsigned blk_attach(struct ipc_msg *m)
{
	struct capinfo ci;
	if (IPC_TAG_CAPS(m->tag) != 1 || sys_cap_info(spare, &ci) || ci.type == CAPT_NULL)
		return E_INVAL;
	if (ci.type != CAPT_FRAME)
		return E_TYPE;
	if ((ci.rights & (MEM_R | MEM_W)) != (MEM_R | MEM_W))
		return E_PERM;
	struct client *c = client_place(m->badge);
	struct shbuf b;
	long r = shbuf_attach(&b, spare, SLOT_UNTYPED);
	if (r)
		return (unsigned)-r;
	/* Every entry names a slot, empty while the entry is unused: it becomes the spare. */
	unsigned freed = c->buf.slot;
	if (c->used)
		shbuf_destroy(&c->buf);
	*c = (struct client){ 1, m->badge, ++use_clock, b };
	spare = freed;
	m->w0 = b.pages * (PAGE / ATA_SECTOR);
	return 0;
}

/* Checks a read or write of w1 sectors at w0 for this client: 0, or E_x. */
static unsigned validate(const struct ipc_msg *m, struct client **cp)
{
	*cp = 0;
	if (!dev.present)
		return E_NOENT;
	struct client *c = client_of(m->badge);
	if (!c)
		return E_STATE;
	unsigned max = c->buf.pages * (PAGE / ATA_SECTOR);
	if (!m->w1 || m->w1 > max || m->w0 >= dev.sectors || m->w1 > dev.sectors - m->w0)
		return E_RANGE;
	c->last_use = ++use_clock;
	*cp = c;
	return 0;
}

static unsigned blk_read(struct ipc_msg *m)
{
	struct client *c;
	unsigned status = validate(m, &c);
	uint8_t *out = c ? c->buf.va : 0;
	for (unsigned i = 0; !status && i < m->w1; i++, out += ATA_SECTOR) {
		uint32_t lba = m->w0 + i;
		long r = 0;
		if (cache.valid && cache.lba == lba) {
			cache.hits++;
		} else if (i + 1 < m->w1) {
			r = ata_read(&dev, lba, out);      /* straight into the client's buffer */
			if (!r)
				continue;
		} else {
			cache.valid = 0;
			r = ata_read(&dev, lba, cache.data);
			cache.valid = !r;
			cache.lba = lba;
		}
		if (r)
			status = (unsigned)-r;
		else
			memcpy(out, cache.data, ATA_SECTOR);
	}
	return status;
}

static unsigned blk_write(struct ipc_msg *m)
{
	struct client *c;
	unsigned status = validate(m, &c);
	if (status)
		return status;
	if (cache.valid && cache.lba - m->w0 < m->w1)
		cache.valid = 0;
	long r = ata_write(&dev, m->w0, m->w1, c->buf.va);
	return r < 0 ? (unsigned)-r : 0;
}

static unsigned blk_stats(struct ipc_msg *m)
{
	struct utcb *u = utcb();
	m->w0 = dev.st.irqs;
	m->w1 = dev.st.polled;
	u->mr[2] = dev.st.commands;
	u->mr[3] = cache.hits;
	u->mr[4] = dev.st.errors;
	u->mr[5] = dev.st.stale;
	m->tag = IPC_TAG(0, 6, 0);
	return 0;
}

/* Answers one request in place: m becomes the reply. */
static void serve(struct ipc_msg *m)
{
	unsigned status;
	unsigned label = IPC_TAG_LABEL(m->tag);
	switch (label) {
	case BLK_INFO:
		status = dev.present ? 0 : E_NOENT;
		m->w0 = dev.present ? dev.sectors : 0;
		m->w1 = ATA_SECTOR;
		break;
	case BLK_READ:   status = blk_read(m); break;
	case BLK_WRITE:  status = blk_write(m); break;
	case BLK_STATS:  status = blk_stats(m); break;
	case BLK_ATTACH: status = blk_attach(m); break;
	default:         status = E_INVAL; break;
	}
	if (label != BLK_STATS || status)
		m->tag = IPC_TAG(status, 2, 0);
}

/* The ports from slots.h: 8 ports, then 1; with every right, so they are in the bitmap. */
static int port_cap(unsigned slot, unsigned count, uint16_t *base)
{
	struct capinfo ci;
	if (sys_cap_info(slot, &ci) || ci.type != CAPT_IOPORTS || ci.count != count || ci.rights != IOR_ALL)
		return -1;
	*base = (uint16_t)ci.base;
	return 0;
}

static void bind_irq(void)
{
	struct capinfo ci;
	long r = sys_cap_info(SLOT_IRQ(0), &ci);
	if (!r && ci.type != CAPT_IRQ)
		r = -E_TYPE;
	if (!r)
		r = sys_ntf_create(SLOT_NTF);
	if (!r)
		r = sys_irq_bind(SLOT_IRQ(0), SLOT_NTF);
	if (!r)
		r = sys_ntf_bind(SLOT_NTF);
	if (r) {
		printf("ata: no interrupt (%s): polling only\n", strerror(r));
		return;
	}
	dev.irq_slot = SLOT_IRQ(0);
	dev.ntf_slot = SLOT_NTF;
	dev.irq_bound = 1;
}

static void start(int argc, char **argv)
{
	dev.slave = arg_has(argc, argv, "slave");
	if (port_cap(SLOT_PORTS(0), 8, &dev.base) || port_cap(SLOT_PORTS(1), 1, &dev.ctrl)) {
		printf("ata: needs 8 command ports and 1 control port in slots %u and %u; every request will fail\n",
		       SLOT_PORTS(0), SLOT_PORTS(1));
		return;
	}
	bind_irq();
	if (ata_probe(&dev) < 0)
		return;
	printf("ata: 0x%x %s: \"%s\", %u sectors (%u KiB), interrupt %s\n", dev.base,
	       dev.slave ? "slave" : "master", dev.model, dev.sectors, dev.sectors / 2,
	       dev.st.irqs ? "seen" : "not seen (polling)");
}

int main(int argc, char **argv)
{
	struct ipc_msg m = { 0 };
	for (unsigned i = 0; i < BLK_CLIENTS; i++)
		clients[i].buf.slot = SLOT_BUF0 + i;
	start(argc, argv);
	for (;;) {
		/* Only a BLK_ATTACH keeps the cap that comes; any other is dropped. */
		utcb()->recv_slot[0] = spare;
		utcb()->recv_slot[1] = IPC_NO_SLOT;
		long r = ipc_reply_recv(SLOT_SERVICE, &m);
		if (r < 0) {
			printf("ata: cannot receive on slot %u: %s\n", SLOT_SERVICE, strerror(r));
			return 1;
		}
		if (IPC_TAG_LABEL(m.tag) == IPC_LABEL_NOTIFY)
			ata_stray_irq(&dev);
		else
			serve(&m);
		sys_cap_delete(spare);
	}
}
