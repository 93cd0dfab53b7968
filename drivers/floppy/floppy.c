/*
 * floppy.c - the floppy service: the block protocol (BLK_* in
 * user/lib/proto.h) on the first drive of the floppy controller, with
 * every sector moved by ISA DMA channel 2.
 *
 * Started with the slot convention of user/lib/slots.h: the FDC's ports
 * 0x3F0-0x3F5 in SLOT_PORTS(0) and 0x3F7 in SLOT_PORTS(1), IRQ 6 in
 * SLOT_IRQ(0), the DmaChan naming channel 2 in SLOT_DMA and, because its
 * manifest line names an ISA channel, a budget below 16 MiB in
 * SLOT_UNTYPED (user/init/system.c).  Its first act is to carve its DMA
 * buffer from that budget (MEM_DMA_ISA: the kernel places it inside one
 * 64 KiB block, so one track never crosses the 8237's 64 KiB pages).
 *
 * The driver never names a physical address: it asks the kernel to run
 * channel 2 over (its DmaBuffer, offset 0, n sectors) and to stop it once
 * the controller has answered; the kernel checks and programs the 8237.
 * Data goes between the DMA buffer and the client's buffer (a Frame sent
 * with BLK_ATTACH, as the ata driver takes it) by copying, so a client's
 * memory is never a DMA target.  One client buffer at a time: attaching
 * another replaces it, and the old client gets E_STATE until it attaches
 * again.  One request at a time, served to the end.
 */
#include "drivers/floppy/fdc.h"
#include "user/lib/ipc.h"
#include "user/lib/proto.h"
#include "user/lib/shbuf.h"
#include "user/lib/slots.h"
#include "user/lib/ulib.h"

#define SLOT_NTF    SLOT_FREE
#define SLOT_DMABUF (SLOT_FREE + 1)
#define SLOT_CLIENT (SLOT_FREE + 2)   /* this and the next: the client's buffer and the spare */
#define DMA_PAGES   3                 /* one track: 18 x 512 bytes = 9 KiB */

static struct fdc fdc = { .base = 0x3F0, .ccr = 0x3F7, .cyl = -1 };
static struct shbuf dmabuf = { .slot = SLOT_DMABUF };
static struct shbuf client = { .slot = SLOT_CLIENT };
static unsigned spare = SLOT_CLIENT + 1;   /* the empty slot a cap arrives in */
static unsigned client_badge;
static int have_dma, have_client;
static unsigned dma_errors;

/* One command's data through channel 2: the kernel checks and programs it, the FDC moves it. */
static int transfer(uint32_t lba, unsigned n, int write)
{
	struct dma_req req = { .dir = write ? DMA_TO_DEVICE : DMA_FROM_DEVICE, .mode = DMA_ISA_SINGLE,
			       .nseg = 1, .seg = { { SLOT_DMABUF, 0, n * FDC_SECTOR } } };
	long r = sys_dma_start(SLOT_DMA, &req);
	if (r) {
		dma_errors++;
		return (int)r;
	}
	int e = fdc_rw(&fdc, lba, n, write);
	long st = sys_dma_stop(SLOT_DMA);
	/* The controller answered before the count ran out: some bytes never moved. */
	if (!e && st >= 0 && !(st & DMA_ISA_ST_TC))
		e = -E_STATE;
	return e;
}

/* Checks n sectors at lba for the badge's buffer: 0 or E_x. */
static unsigned validate(const struct ipc_msg *m)
{
	if (!fdc.present || !have_dma)
		return E_NOENT;
	if (!have_client || m->badge != client_badge)
		return E_STATE;
	unsigned max = client.pages * (4096 / FDC_SECTOR);
	if (!m->w1 || m->w1 > max || m->w0 >= FDC_SECTORS || m->w1 > FDC_SECTORS - m->w0)
		return E_RANGE;
	return 0;
}

/* Reads or writes a run of sectors a track at a time, copying through the DMA buffer. */
static unsigned blk_rw(const struct ipc_msg *m, int write)
{
	unsigned status = validate(m);
	uint8_t *data = client.va;
	for (unsigned done = 0, n; !status && done < m->w1; done += n) {
		uint32_t lba = m->w0 + done;
		n = fdc_track_left(lba);
		if (n > m->w1 - done)
			n = m->w1 - done;
		if (write)
			memcpy(dmabuf.va, data + done * FDC_SECTOR, n * FDC_SECTOR);
		int r = transfer(lba, n, write);
		if (r)
			status = (unsigned)-r;
		else if (!write)
			memcpy(data + done * FDC_SECTOR, dmabuf.va, n * FDC_SECTOR);
	}
	return status;
}

static unsigned blk_attach(struct ipc_msg *m)
{
	if (IPC_TAG_CAPS(m->tag) != 1)
		return E_INVAL;
	/* Mapped with the rights the cap has: a buffer the driver cannot write is refused after. */
	struct shbuf b;
	long r = shbuf_attach(&b, spare, SLOT_UNTYPED);
	if (r)
		return r == -E_EMPTY ? E_INVAL : (unsigned)-r;
	if (b.rights != (MEM_R | MEM_W)) {
		shbuf_destroy(&b);
		return E_PERM;
	}
	/* The cap stays where it arrived; the old buffer's slot, emptied, is the next spare. */
	unsigned freed = client.slot;
	if (have_client)
		shbuf_destroy(&client);
	client = b;
	spare = freed;
	have_client = 1;
	client_badge = m->badge;
	m->w0 = client.pages * (4096 / FDC_SECTOR);
	return 0;
}

static unsigned blk_stats(struct ipc_msg *m)
{
	struct utcb *u = utcb();
	m->w0 = fdc.st_count.irqs;
	m->w1 = 0;
	u->mr[2] = fdc.st_count.commands;
	u->mr[3] = 0;
	u->mr[4] = fdc.st_count.errors + dma_errors;
	u->mr[5] = fdc.st_count.resets;
	m->tag = IPC_TAG(0, 6, 0);
	return 0;
}

static void serve(struct ipc_msg *m)
{
	unsigned status, label = IPC_TAG_LABEL(m->tag);
	switch (label) {
	case BLK_INFO:
		status = fdc.present && have_dma ? 0 : E_NOENT;
		m->w0 = status ? 0 : FDC_SECTORS;
		m->w1 = FDC_SECTOR;
		break;
	case BLK_READ:   status = blk_rw(m, 0); break;
	case BLK_WRITE:  status = blk_rw(m, 1); break;
	case BLK_STATS:  status = blk_stats(m); break;
	case BLK_ATTACH: status = blk_attach(m); break;
	default:         status = E_INVAL; break;
	}
	if (label != BLK_STATS || status)
		m->tag = IPC_TAG(status, 2, 0);
}

/* The DMA buffer first, while the low budget has the most room for one whole 64 KiB block. */
static long make_dma_buffer(void)
{
	long r = sys_mem_retype(SLOT_UNTYPED, SLOT_DMABUF, MEM_DMABUF | MEM_DMA_ISA, DMA_PAGES);
	if (!r)
		r = shbuf_attach(&dmabuf, SLOT_DMABUF, SLOT_UNTYPED);
	return r;
}

static long bind_irq(void)
{
	long r = sys_ntf_create(SLOT_NTF);
	if (!r)
		r = sys_irq_bind(SLOT_IRQ(0), SLOT_NTF);
	if (!r)
		r = sys_ntf_bind(SLOT_NTF);
	if (!r) {
		fdc.irq_slot = SLOT_IRQ(0);
		fdc.ntf_slot = SLOT_NTF;
		fdc.irq_bound = 1;
	}
	return r;
}

static void start(void)
{
	long r = make_dma_buffer();
	if (r) {
		printf("floppy: no DMA buffer below 16 MiB (%s): every request will fail\n", strerror(r));
		return;
	}
	have_dma = 1;
	r = bind_irq();
	if (r) {
		printf("floppy: no interrupt (%s): every request will fail\n", strerror(r));
		return;
	}
	r = fdc_init(&fdc);
	if (r)
		printf("floppy: no controller or drive (%s)\n", strerror(r));
	else
		printf("floppy: 1.44 MB drive A, %u sectors, ISA DMA channel 2\n", FDC_SECTORS);
}

/* The next request, or an interrupt between requests; only a BLK_ATTACH keeps the cap that comes. */
static long receive(struct ipc_msg *m)
{
	utcb()->recv_slot[0] = spare;
	utcb()->recv_slot[1] = IPC_NO_SLOT;
	return ipc_reply_recv(SLOT_SERVICE, m);
}

int main(void)
{
	struct ipc_msg m = { 0 };
	long r;
	start();
	while ((r = receive(&m)) >= 0) {
		if (IPC_TAG_LABEL(m.tag) == IPC_LABEL_NOTIFY)
			fdc_stray_irq(&fdc);
		else
			serve(&m);
		sys_cap_delete(spare);
	}
	printf("floppy: cannot receive on slot %u: %s\n", SLOT_SERVICE, strerror(r));
	return 1;
}
