/*
 * ata.c - the block service (BLK_* in user/lib/proto.h) on one ATA drive.
 *
 * Started with the slot convention of user/lib/slots.h: the command block
 * (8 ports) in SLOT_PORTS(0), the control port in SLOT_PORTS(1), the
 * channel's interrupt line in SLOT_IRQ(0), the service endpoint in
 * SLOT_SERVICE.  Argument "slave" drives the channel's second drive.
 *
 * One request at a time, each served to the end, disk command included,
 * before the next is received: requests that arrive meanwhile wait in the
 * endpoint's queue in the kernel, in arrival order.  A 512-byte sector
 * moves as 16 messages, so the last sector read stays cached (16 chunk
 * reads, one disk read), and each client (badge) fills its own write
 * buffer, written to the disk when chunk 15 arrives.  docs/drivers.md has
 * the rest.
 */
#include "drivers/ata/atadev.h"
#include "user/lib/ipc.h"
#include "user/lib/proto.h"
#include "user/lib/slots.h"
#include "user/lib/ulib.h"

#define CHUNKS      (ATA_SECTOR / BLK_CHUNK)
#define CHUNK_WORDS (BLK_CHUNK / 4)
#define ALL_CHUNKS  ((1u << CHUNKS) - 1)
#define WRITERS     8          /* clients that may have a sector half written at once */
#define SLOT_NTF    SLOT_FREE

static struct ata_dev dev;

/* The last sector read or written; it is always what the disk holds. */
static struct {
	int valid;
	uint32_t lba;
	unsigned hits;
	uint8_t data[ATA_SECTOR];
} cache;

/* A client's sector being written: which chunks have come. */
struct wbuf {
	int used;
	unsigned badge;
	uint32_t lba;
	unsigned have;
	unsigned last_use;
	uint8_t data[ATA_SECTOR];
};
static struct wbuf wbufs[WRITERS];
static unsigned use_clock;

/*
 * The badge's buffer, restarted if it held another sector.  With more than
 * WRITERS clients writing at once, the one idle longest loses its partial
 * sector; its chunk 15 then fails with E_STATE rather than write a mix.
 */
static struct wbuf *wbuf_for(unsigned badge, uint32_t lba)
{
	struct wbuf *w = 0, *victim = &wbufs[0];
	for (int i = 0; i < WRITERS && !w; i++) {
		if (wbufs[i].used && wbufs[i].badge == badge)
			w = &wbufs[i];
		else if (!wbufs[i].used || (victim->used && wbufs[i].last_use < victim->last_use))
			victim = &wbufs[i];
	}
	if (!w) {
		w = victim;
		w->used = 1;
		w->badge = badge;
		w->have = 0;
	}
	if (w->lba != lba)
		w->have = 0;
	w->lba = lba;
	w->last_use = ++use_clock;
	return w;
}

static unsigned validate(const struct ipc_msg *m)
{
	if (!dev.present)
		return E_NOENT;
	if (m->w0 >= dev.sectors || m->w1 >= CHUNKS)
		return E_RANGE;
	return 0;
}

static unsigned blk_read(struct ipc_msg *m)
{
	unsigned status = validate(m);
	if (status)
		return status;
	if (cache.valid && cache.lba == m->w0) {
		cache.hits++;
	} else {
		cache.valid = 0;
		long r = ata_read(&dev, m->w0, cache.data);
		if (r < 0)
			return (unsigned)-r;
		cache.valid = 1;
		cache.lba = m->w0;
	}
	memcpy(&utcb()->mr[IPC_REG_WORDS], cache.data + m->w1 * BLK_CHUNK, BLK_CHUNK);
	m->tag = IPC_TAG(0, IPC_REG_WORDS + CHUNK_WORDS, 0);
	return 0;
}

static unsigned blk_write(struct ipc_msg *m, unsigned words)
{
	if (words < IPC_REG_WORDS + CHUNK_WORDS)
		return E_INVAL;        /* the chunk is not all there */
	unsigned status = validate(m);
	if (status)
		return status;
	struct wbuf *w = wbuf_for(m->badge, m->w0);
	memcpy(w->data + m->w1 * BLK_CHUNK, &utcb()->mr[IPC_REG_WORDS], BLK_CHUNK);
	w->have |= 1u << m->w1;
	if (m->w1 != CHUNKS - 1)
		return 0;
	w->used = 0;
	if (w->have != ALL_CHUNKS)
		return E_STATE;
	if (cache.valid && cache.lba == w->lba)
		cache.valid = 0;
	long r = ata_write(&dev, w->lba, w->data);
	if (r < 0)
		return (unsigned)-r;
	memcpy(cache.data, w->data, ATA_SECTOR);
	cache.lba = w->lba;
	cache.valid = 1;
	return 0;
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
	unsigned label = IPC_TAG_LABEL(m->tag), words = IPC_TAG_WORDS(m->tag);
	m->tag = IPC_TAG(0, 2, 0);
	switch (label) {
	case BLK_INFO:
		status = dev.present ? 0 : E_NOENT;
		m->w0 = dev.present ? dev.sectors : 0;
		m->w1 = ATA_SECTOR;
		break;
	case BLK_READ:  status = blk_read(m); break;
	case BLK_WRITE: status = blk_write(m, words); break;
	case BLK_STATS: status = blk_stats(m); break;
	default:        status = E_INVAL; break;
	}
	if (status)
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
	/* Clients may not leave capabilities in our slots. */
	utcb()->recv_slot[0] = utcb()->recv_slot[1] = IPC_NO_SLOT;
	start(argc, argv);
	for (;;) {
		long r = ipc_reply_recv(SLOT_SERVICE, &m);
		if (r < 0) {
			printf("ata: cannot receive on slot %u: %s\n", SLOT_SERVICE, strerror(r));
			return 1;
		}
		if (IPC_TAG_LABEL(m.tag) == IPC_LABEL_NOTIFY)
			ata_stray_irq(&dev);
		else
			serve(&m);
	}
}
