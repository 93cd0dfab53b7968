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
 * Data moves through each client's buffer, a Frame or a DmaBuffer it sent
 * with BLK_ATTACH and the driver mapped (user/lib/shbuf.h).  With a
 * DmaChan for its channel in SLOT_DMA (manifest `dma=ide0`) the driver
 * moves sectors by READ DMA / WRITE DMA through the bus master the kernel
 * programs (docs/dma.md): straight into a client's DmaBuffer, or through
 * its own DmaBuffer (SLOT_BOUNCE) and a copy for a Frame.  Without one,
 * or when the kernel found no bus master, PIO goes straight between the
 * drive and the client's page.  The driver
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
#define SLOT_BOUNCE  (SLOT_BUF0 + BLK_CLIENTS + 1)   /* our DmaBuffer, for clients whose buffer is a Frame */
#define PAGE         4096u
#define BOUNCE_PAGES 16u                /* 128 sectors per DMA command through it */
#define BOUNCE_SECTORS (BOUNCE_PAGES * PAGE / ATA_SECTOR)
#define DMA_SECTORS_MAX 256u            /* READ DMA's count: 0 means 256 */

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
	int dmabuf;          /* its buffer is a DmaBuffer: the drive reaches it directly */
	struct shbuf buf;
};
static struct shbuf bounce;   /* mapped only when dev.dma_ok */
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
	if (ci.type != CAPT_FRAME && ci.type != CAPT_DMABUF)
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
	*c = (struct client){ 1, m->badge, ++use_clock, ci.type == CAPT_DMABUF, b };
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

/*
 * n sectors at lba between the drive and out (the client's buffer, its
 * cap in slot) by DMA: straight into a DmaBuffer, or through ours and a
 * copy for a Frame.  0 or E_x.
 */
static unsigned dma_move(int write, uint32_t lba, unsigned n, uint8_t *out, const struct client *c)
{
	unsigned most = c->dmabuf ? DMA_SECTORS_MAX : BOUNCE_SECTORS;
	for (unsigned done = 0; done < n;) {
		unsigned k = n - done < most ? n - done : most;
		uint8_t *p = out + done * ATA_SECTOR;
		struct dma_req req = { .dir = write ? DMA_TO_DEVICE : DMA_FROM_DEVICE, .nseg = 1 };
		req.seg[0] = c->dmabuf ? (struct dma_seg){ c->buf.slot, done * ATA_SECTOR, k * ATA_SECTOR }
				       : (struct dma_seg){ bounce.slot, 0, k * ATA_SECTOR };
		if (write && !c->dmabuf)
			memcpy(bounce.va, p, k * ATA_SECTOR);
		long r = ata_dma(&dev, write, lba + done, k, &req);
		if (r)
			return (unsigned)-r;
		if (!write && !c->dmabuf)
			memcpy(p, bounce.va, k * ATA_SECTOR);
		done += k;
	}
	return 0;
}

/* A read by DMA; the last sector becomes the cache, as a PIO read leaves it. */
static unsigned dma_read(const struct ipc_msg *m, struct client *c)
{
	uint8_t *out = c->buf.va;
	if (m->w1 == 1 && cache.valid && cache.lba == m->w0) {
		cache.hits++;
		memcpy(out, cache.data, ATA_SECTOR);
		return 0;
	}
	cache.valid = 0;
	unsigned status = dma_move(0, m->w0, m->w1, out, c);
	if (!status) {
		memcpy(cache.data, out + (m->w1 - 1) * ATA_SECTOR, ATA_SECTOR);
		cache.lba = m->w0 + m->w1 - 1;
		cache.valid = 1;
	}
	return status;
}

static unsigned blk_read(struct ipc_msg *m)
{
	struct client *c;
	unsigned status = validate(m, &c);
	if (!status && dev.dma_ok)
		return dma_read(m, c);
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
	if (dev.dma_ok)
		return dma_move(1, m->w0, m->w1, c->buf.va, c);
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
	u->mr[6] = dev.st.dma;
	m->tag = IPC_TAG(0, 7, 0);
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

/*
 * DMA when init gave a DmaChan naming this channel's bus master (manifest
 * `dma=ide0`) and our Untyped pays for the bounce buffer; else PIO, as
 * without the engine at all.
 */
static void use_dma(void)
{
	struct capinfo ci;
	unsigned engine = dev.base == 0x1F0 ? DMA_IDE0 : dev.base == 0x170 ? DMA_IDE1 : 0;
	if (sys_cap_info(SLOT_DMA, &ci) || ci.type != CAPT_DMACHAN || !engine || ci.base != engine)
		return;
	long r = sys_mem_retype(SLOT_UNTYPED, SLOT_BOUNCE, MEM_DMABUF, BOUNCE_PAGES);
	if (!r && (r = shbuf_attach(&bounce, SLOT_BOUNCE, SLOT_UNTYPED)))
		sys_cap_delete(SLOT_BOUNCE);
	if (r) {
		printf("ata: no DMA buffer (%s): PIO\n", strerror(r));
		return;
	}
	dev.dma_slot = SLOT_DMA;
	dev.dma_ok = 1;
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
	use_dma();
	printf("ata: 0x%x %s: \"%s\", %u sectors (%u KiB), interrupt %s, %s\n", dev.base,
	       dev.slave ? "slave" : "master", dev.model, dev.sectors, dev.sectors / 2,
	       dev.st.irqs ? "seen" : "not seen (polling)", dev.dma_ok ? "DMA" : "PIO");
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
