/*
 * cmd_devices.c - shell commands that use the device services: date
 * (rtc), lspci (pci), disk test (block, the ata driver).
 */
#include "user/lib/proto.h"
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

#define DISK_SECTORS 8
#define DISK_FIRST   64

static unsigned pattern(unsigned seed, unsigned lba, unsigned i)
{
	unsigned x = seed ^ (lba * 2654435761u) ^ (i * 40503u);
	return x ^ (x >> 13);
}

/*
 * Writes or reads one sector as 16 chunks.  *sum is an FNV-1a hash of what
 * went or came; *bad counts words read back that differ from the pattern.
 */
static long sector_io(int write, unsigned lba, unsigned seed, unsigned *sum, unsigned *bad)
{
	for (unsigned c = 0; c < 512 / BLK_CHUNK; c++) {
		struct ipc_msg m = { IPC_TAG(write ? BLK_WRITE : BLK_READ, 2 + BLK_CHUNK / 4, 0), lba,
				     c, 0 };
		for (unsigned w = 0; write && w < BLK_CHUNK / 4; w++)
			utcb()->mr[2 + w] = pattern(seed, lba, c * 8 + w);
		long r = svc_call(sh.block, &m);
		if (r)
			return r;
		for (unsigned w = 0; w < BLK_CHUNK / 4; w++) {
			unsigned want = pattern(seed, lba, c * 8 + w);
			unsigned v = write ? want : utcb()->mr[2 + w];
			*bad += v != want;
			*sum = (*sum ^ v) * 16777619u;
		}
	}
	return 0;
}

void cmd_disk(int argc, char **argv)
{
	if (argc < 2 || !streq(argv[1], "test")) {
		printf("usage: disk test\n");
		return;
	}
	struct ipc_msg m = ipc_msg(BLK_INFO, 0, 0);
	long r = svc_call(sh.block, &m);
	if (r) {
		printf("disk: block: %s\n", strerror(r));
		return;
	}
	printf("disk: %u sectors of %u bytes\n", m.w0, m.w1);
	unsigned seed = (unsigned)sys_uptime() * 7919u + 1;
	unsigned wsum = 2166136261u, rsum = 2166136261u, bad = 0;
	for (unsigned s = 0; !r && s < DISK_SECTORS; s++)
		r = sector_io(1, DISK_FIRST + s, seed, &wsum, &bad);
	for (unsigned s = 0; !r && s < DISK_SECTORS; s++)
		r = sector_io(0, DISK_FIRST + s, seed, &rsum, &bad);
	if (r) {
		printf("disk: %s\n", strerror(r));
		return;
	}
	printf("disk: wrote and read back sectors %u-%u: checksum 0x%08x / 0x%08x, %u words differ: %s\n",
	       DISK_FIRST, DISK_FIRST + DISK_SECTORS - 1, wsum, rsum, bad,
	       wsum == rsum && !bad ? "OK" : "MISMATCH");
}
