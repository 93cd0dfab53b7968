/*
 * cmd_devices.c - shell commands that use the device services: date
 * (rtc), lspci (pci), disk test (block, the ata driver), floppy test
 * (floppy, the floppy driver: ISA DMA).
 */
#include "user/lib/proto.h"
#include "user/lib/shbuf.h"
#include "user/lib/slots.h"
#include "user/lib/ulib.h"
#include "user/shell/shell.h"

void cmd_date(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	struct ipc_msg m = ipc_msg(RTC_GET, 0, 0);
	long r = svc_call(sh.rtc, &m);
	if (r) {
		printf("date: rtc: %s\n", strerror(r));
		return;
	}
	printf("%04u-%02u-%02u %02u:%02u:%02u\n", m.w0 >> 16, (m.w0 >> 8) & 0xFF, m.w0 & 0xFF,
	       m.w1 >> 16, (m.w1 >> 8) & 0xFF, m.w1 & 0xFF);
}

void cmd_lspci(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	struct ipc_msg m = ipc_msg(PCI_COUNT, 0, 0);
	long r = svc_call(sh.pci, &m);
	if (r) {
		printf("lspci: pci: %s\n", strerror(r));
		return;
	}
	unsigned n = m.w0;
	for (unsigned i = 0; i < n; i++) {
		m = ipc_msg(PCI_GET, i, 0);
		if (svc_call(sh.pci, &m))
			continue;
		unsigned cls = utcb()->mr[2];
		printf("%02x:%02x.%u %04x:%04x class %02x%02x rev %02x\n", m.w0 >> 16,
		       (m.w0 >> 8) & 0xFF, m.w0 & 0xFF, m.w1 & 0xFFFF, m.w1 >> 16, cls >> 24,
		       (cls >> 16) & 0xFF, cls & 0xFF);
	}
}

#define DISK_SECTORS 8       /* one page: the shared buffer */
#define DISK_FIRST   64
#define SLOT_DISKBUF SLOT_FREE  /* the buffer's Frame while `disk test` runs */

static unsigned pattern(unsigned seed, unsigned lba, unsigned i)
{
	unsigned x = seed ^ (lba * 2654435761u) ^ (i * 40503u);
	return x ^ (x >> 13);
}

/* *sum: an FNV-1a hash of the buffer's words; *bad: words that differ from the pattern. */
static void sum_words(const unsigned *w, unsigned seed, unsigned *sum, unsigned *bad)
{
	for (unsigned i = 0; i < DISK_SECTORS * 128; i++) {
		*bad += w[i] != pattern(seed, DISK_FIRST + i / 128, i % 128);
		*sum = (*sum ^ w[i]) * 16777619u;
	}
}

/*
 * Writes DISK_SECTORS sectors in one request and reads them back in
 * another, through a buffer shared with the block service in slot svc
 * (user/lib/shbuf.h), made from the shell's Untyped (SLOT_UNTYPED) and
 * gone when done.
 */
static long disk_round(int svc, unsigned seed, unsigned *wsum, unsigned *rsum, unsigned *bad)
{
	struct shbuf b;
	/* A DmaBuffer: with DMA the drive reaches it directly; without, it is a Frame to the driver. */
	long r = shbuf_create_as(&b, SLOT_UNTYPED, SLOT_DISKBUF, 1, MEM_DMABUF);
	if (r)
		return r;
	struct ipc_msg m = ipc_msg(BLK_ATTACH, 0, 0);
	r = shbuf_call(&b, SLOT_DISKBUF + 1, MEM_R | MEM_W, (unsigned)svc, &m);
	if (!r && IPC_TAG_LABEL(m.tag))
		r = -(long)IPC_TAG_LABEL(m.tag);
	unsigned *w = b.va;
	for (unsigned i = 0; !r && i < DISK_SECTORS * 128; i++)
		w[i] = pattern(seed, DISK_FIRST + i / 128, i % 128);
	if (!r)
		sum_words(w, seed, wsum, bad);
	m = ipc_msg(BLK_WRITE, DISK_FIRST, DISK_SECTORS);
	r = r ? r : svc_call(svc, &m);
	if (!r)
		memset(w, 0, DISK_SECTORS * 512);
	m = ipc_msg(BLK_READ, DISK_FIRST, DISK_SECTORS);
	r = r ? r : svc_call(svc, &m);
	if (!r)
		sum_words(w, seed, rsum, bad);
	shbuf_destroy(&b);
	return r;
}

/* The block service's counts of disk commands and of those that moved data by DMA (BLK_STATS). */
static long disk_counts(unsigned *commands, unsigned *dma)
{
	struct ipc_msg m = ipc_msg(BLK_STATS, 0, 0);
	long r = svc_call(sh.block, &m);
	*commands = utcb()->mr[2];
	*dma = IPC_TAG_WORDS(m.tag) > 6 ? utcb()->mr[6] : 0;
	return r;
}

/* `disk test`, `floppy test`: 1 if the word is there, else the usage line. */
static int test_word(int argc, char **argv)
{
	if (argc >= 2 && streq(argv[1], "test"))
		return 1;
	printf("usage: %s test\n", argv[0]);
	return 0;
}

void cmd_disk(int argc, char **argv)
{
	if (!test_word(argc, argv))
		return;
	struct ipc_msg m = ipc_msg(BLK_INFO, 0, 0);
	long r = svc_call(sh.block, &m);
	if (r) {
		printf("disk: block: %s\n", strerror(r));
		return;
	}
	printf("disk: %u sectors of %u bytes\n", m.w0, m.w1);
	unsigned seed = (unsigned)sys_uptime() * 7919u + 1;
	unsigned wsum = 2166136261u, rsum = 2166136261u, bad = 0, cmd0, dma0, cmd1, dma1;
	r = disk_counts(&cmd0, &dma0);
	r = r ? r : disk_round(sh.block, seed, &wsum, &rsum, &bad);
	r = r ? r : disk_counts(&cmd1, &dma1);
	if (r) {
		printf("disk: %s\n", strerror(r));
		return;
	}
	printf("disk: wrote and read back sectors %u-%u: checksum 0x%08x / 0x%08x, %u words differ: %s\n",
	       DISK_FIRST, DISK_FIRST + DISK_SECTORS - 1, wsum, rsum, bad,
	       wsum == rsum && !bad ? "OK" : "MISMATCH");
	printf("disk: %u of its %u disk commands moved data by DMA%s\n", dma1 - dma0, cmd1 - cmd0,
	       dma1 == dma0 ? " (PIO: the driver has no DMA engine)" : "");
}

/* `disk test` on the floppy service: every sector through ISA DMA channel 2. */
void cmd_floppy(int argc, char **argv)
{
	struct ipc_msg m = ipc_msg(BLK_INFO, 0, 0);
	unsigned wsum = 2166136261u, rsum = 2166136261u, bad = 0;
	long r = test_word(argc, argv) ? svc_call(sh.floppy, &m) : 1;
	if (r == 1)
		return;
	if (!r)
		printf("floppy: %u sectors of %u bytes\n", m.w0, m.w1);
	r = r ? r : disk_round(sh.floppy, (unsigned)sys_uptime() * 104729u + 3, &wsum, &rsum, &bad);
	if (r)
		printf("floppy: %s\n", strerror(r));
	else
		printf("floppy: wrote and read back sectors %u-%u: checksum 0x%08x / 0x%08x, %u words differ: %s\n",
		       DISK_FIRST, DISK_FIRST + DISK_SECTORS - 1, wsum, rsum, bad,
		       wsum == rsum && !bad ? "OK" : "MISMATCH");
}
