/*
 * drvtests_ata.c - the ATA driver (drivers/ata) on the disk the Makefile
 * attaches as primary master (build/disk.img, recreated by `make
 * test-boot`).  Each test starts its own driver the way the root task will
 * (user/lib/slots.h): ports, the interrupt line and the service endpoint in
 * its slots, and keeps two badged send caps to be two clients.
 */
#include "user/lib/ipc.h"
#include "user/lib/proto.h"
#include "user/lib/slots.h"
#include "user/usertests/drvtests_ata.h"

#define SLOT_ALL     0        /* from init: IoPorts(all) */
#define SLOT_IRQ_ALL 2        /* from init: Irq(all lines but 0 and 2) */
#define S_SCRATCH    20       /* our slots for these tests */
#define S_EP         21
#define S_A          22       /* client A: send only, badged */
#define S_B          23       /* client B */
#define BADGE_A      0xA1
#define BADGE_B      0xB2

#define SECTOR 512
#define CHUNKS (SECTOR / BLK_CHUNK)
#define SIGNATURE "PORTCULLIS-DISK sectors="

static const struct ioports primary[] = { { 0x1F0, 8, IOR_ALL }, { 0x3F6, 1, IOR_ALL } };
static const struct ioports secondary[] = { { 0x170, 8, IOR_ALL }, { 0x376, 1, IOR_ALL } };
/* The fourth legacy IDE channel: nothing decodes it in QEMU's pc. */
static const struct ioports no_channel[] = { { 0x168, 8, IOR_ALL }, { 0x36E, 1, IOR_ALL } };

/* ---- starting and stopping a driver ---- */

static long give(int tid, unsigned child_slot)
{
	return sys_cap_transfer(S_SCRATCH, tid, child_slot);
}

static void drop_slots(void)
{
	sys_cap_delete(S_SCRATCH);
	sys_cap_delete(S_EP);
	sys_cap_delete(S_A);
	sys_cap_delete(S_B);
}

/* Starts ata with exactly ports[0..1] and one interrupt line; returns its tid or -E_x. */
static int ata_start(const char *args, const struct ioports *ports, unsigned line)
{
	int tid = spawn_flags("ata", args, SPAWN_SUSPENDED);
	if (tid < 0)
		return tid;
	long r = 0;
	for (unsigned i = 0; !r && i < 2; i++) {
		r = cap_derive(SLOT_ALL, S_SCRATCH, ports[i].base, ports[i].count, ports[i].rights);
		if (!r)
			r = give(tid, SLOT_PORTS(i));
	}
	if (!r)
		r = sys_cap_mint(SLOT_IRQ_ALL, S_SCRATCH, 1u << line, 0);
	if (!r)
		r = give(tid, SLOT_IRQ(0));
	if (!r)
		r = sys_ep_create(S_EP);
	if (!r)
		r = sys_cap_mint(S_EP, S_A, BADGE_A, EPR_SEND);
	if (!r)
		r = sys_cap_mint(S_EP, S_B, BADGE_B, EPR_SEND);
	/* Moved, not copied: when the driver dies its endpoint has no receiver and calls fail. */
	if (!r)
		r = sys_cap_transfer(S_EP, tid, SLOT_SERVICE);
	if (!r)
		r = sys_resume(tid);
	if (r) {
		struct exitinfo e;
		printf("# starting ata: %s\n", strerror(r));
		sys_kill(tid);
		sys_wait(tid, &e);
		drop_slots();
		return (int)r;
	}
	return tid;
}

static void ata_stop(int tid)
{
	struct exitinfo e;
	sys_kill(tid);
	sys_wait(tid, &e);
	drop_slots();
}

/* Runs body against a fresh driver and stops the driver whatever body found. */
static int with_ata(const char *args, const struct ioports *ports, unsigned line, int (*body)(void))
{
	int tid = ata_start(args, ports, line);
	CHECK(tid > 0);
	int r = body();
	ata_stop(tid);
	return r;
}

/* ---- the client side of the protocol ---- */

/* A call; the reply's status label as -E_x, or the IPC error. */
static long blk(unsigned slot, unsigned label, unsigned w0, unsigned w1, unsigned words, struct ipc_msg *m)
{
	m->tag = IPC_TAG(label, words, 0);
	m->w0 = w0;
	m->w1 = w1;
	long r = ipc_call(slot, m);
	return r < 0 ? r : -(long)IPC_TAG_LABEL(m->tag);
}

static long blk_info(unsigned slot, unsigned *sectors)
{
	struct ipc_msg m;
	long r = blk(slot, BLK_INFO, 0, 0, 2, &m);
	*sectors = m.w0;
	return r ? r : m.w1 == SECTOR ? 0 : -E_INVAL;
}

static long read_chunk(unsigned slot, unsigned lba, unsigned c, uint8_t *buf)
{
	struct ipc_msg m;
	long r = blk(slot, BLK_READ, lba, c, 2, &m);
	if (!r && IPC_TAG_WORDS(m.tag) != 2 + BLK_CHUNK / 4)
		r = -E_INVAL;
	if (!r)
		memcpy(buf + c * BLK_CHUNK, &utcb()->mr[2], BLK_CHUNK);
	return r;
}

static long read_sector(unsigned slot, unsigned lba, uint8_t *buf)
{
	long r = 0;
	for (unsigned c = 0; !r && c < CHUNKS; c++)
		r = read_chunk(slot, lba, c, buf);
	return r;
}

static long write_chunk(unsigned slot, unsigned lba, unsigned c, const uint8_t *buf)
{
	struct ipc_msg m;
	memcpy(&utcb()->mr[2], buf + (c % CHUNKS) * BLK_CHUNK, BLK_CHUNK);
	return blk(slot, BLK_WRITE, lba, c, 2 + BLK_CHUNK / 4, &m);
}

static long write_sector(unsigned slot, unsigned lba, const uint8_t *buf)
{
	long r = 0;
	for (unsigned c = 0; !r && c < CHUNKS; c++)
		r = write_chunk(slot, lba, c, buf);
	return r;
}

struct blk_stats { unsigned irqs, polled, commands, hits, errors, stale; };

static long blk_stats(struct blk_stats *s)
{
	struct ipc_msg m;
	long r = blk(S_A, BLK_STATS, 0, 0, 2, &m);
	const unsigned *mr = utcb()->mr;
	*s = (struct blk_stats){ m.w0, m.w1, mr[2], mr[3], mr[4], mr[5] };
	if (!r)
		printf("# ata: %u commands, %u finished by interrupt, %u by polling, %u cache hits, %u failed, %u stale interrupts\n",
		       s->commands, s->irqs, s->polled, s->hits, s->errors, s->stale);
	return r;
}

/* ---- data ---- */

static unsigned seed;

static unsigned run_seed(void)
{
	if (!seed) {
		seed = (unsigned)sys_uptime() * 2654435761u ^ (unsigned)sys_getpid() << 16 ^ 0x5EED;
		printf("# ata: pattern seed 0x%08x\n", seed);
	}
	return seed;
}

/* Bytes that depend on the sector, the run and who wrote them. */
static void pattern(uint8_t *buf, unsigned lba, unsigned who)
{
	unsigned x = run_seed() ^ (lba * 0x9E3779B1u) ^ (who * 0x85EBCA6Bu);
	for (unsigned i = 0; i < SECTOR; i++) {
		x = x * 1103515245u + 12345u;
		buf[i] = (uint8_t)(x >> 16);
	}
}

static unsigned checksum(const uint8_t *buf)
{
	unsigned a = 1, b = 0;
	for (unsigned i = 0; i < SECTOR; i++) {
		a = (a + buf[i]) % 65521;
		b = (b + a) % 65521;
	}
	return b << 16 | a;
}

static uint8_t want[SECTOR], got[SECTOR], other[SECTOR];

/* ---- tests ---- */

static int identify_body(void)
{
	unsigned sectors;
	CHECK_EQ(blk_info(S_A, &sectors), 0);
	CHECK_EQ(read_sector(S_A, 0, got), 0);
	got[SECTOR - 1] = 0;
	CHECK(memcmp(got, SIGNATURE, sizeof(SIGNATURE) - 1) == 0);
	unsigned stated = atou((const char *)got + sizeof(SIGNATURE) - 1);
	printf("# disk: BLK_INFO says %u sectors, sector 0 says %u\n", sectors, stated);
	CHECK_EQ(sectors, stated);
	CHECK(sectors > 100);
	return 0;
}

int t_ata_identify_and_signature(void)
{
	return with_ata("", primary, 14, identify_body);
}

static int read_back_body(void)
{
	unsigned sectors;
	struct blk_stats s0, s1;
	CHECK_EQ(blk_info(S_A, &sectors), 0);
	unsigned lbas[] = { 1, 100, sectors - 1 };
	for (unsigned i = 0; i < ARRAY_SIZE(lbas); i++) {
		pattern(want, lbas[i], 0);
		CHECK_EQ(write_sector(S_A, lbas[i], want), 0);
	}
	/* The cache holds only the last sector written: these come from the disk. */
	for (unsigned i = 0; i < ARRAY_SIZE(lbas); i++) {
		pattern(want, lbas[i], 0);
		memset(got, 0, sizeof(got));
		CHECK_EQ(read_sector(S_A, lbas[i], got), 0);
		printf("# lba %u: wrote checksum 0x%08x, read 0x%08x\n", lbas[i], checksum(want), checksum(got));
		CHECK_EQ(checksum(got), checksum(want));
		CHECK(memcmp(got, want, SECTOR) == 0);
	}
	/* One sector in 16 chunks: one disk read. */
	CHECK_EQ(blk_stats(&s0), 0);
	CHECK_EQ(read_sector(S_A, 1, got), 0);
	CHECK_EQ(blk_stats(&s1), 0);
	CHECK_EQ(s1.commands - s0.commands, 1);
	CHECK_EQ(s1.hits - s0.hits, CHUNKS - 1);
	/* Every command (IDENTIFY, 3 x WRITE + FLUSH, 4 READs) ended with its interrupt. */
	CHECK(s1.irqs > 0);
	CHECK_EQ(s1.commands, 1 + 3 * 2 + 4);
	CHECK_EQ(s1.irqs, s1.commands);
	CHECK_EQ(s1.polled, 0);
	CHECK_EQ(s1.errors, 0);
	return 0;
}

int t_ata_write_read_back(void)
{
	return with_ata("", primary, 14, read_back_body);
}

static int bad_requests_body(void)
{
	struct ipc_msg m;
	unsigned sectors;
	struct blk_stats s;
	CHECK_EQ(blk_info(S_A, &sectors), 0);
	CHECK_EQ(blk(S_A, BLK_READ, sectors, 0, 2, &m), -E_RANGE);
	CHECK_EQ(blk(S_A, BLK_READ, 0xFFFFFFFFu, 0, 2, &m), -E_RANGE);
	CHECK_EQ(blk(S_A, BLK_READ, 0, CHUNKS, 2, &m), -E_RANGE);
	CHECK_EQ(blk(S_A, BLK_READ, 0, 0xFFFFFFFFu, 2, &m), -E_RANGE);
	pattern(other, 0, 9);
	CHECK_EQ(write_chunk(S_A, sectors, 0, other), -E_RANGE);
	CHECK_EQ(write_chunk(S_A, 5, CHUNKS, other), -E_RANGE);
	CHECK_EQ(blk(S_A, BLK_WRITE, 5, 0, 2, &m), -E_INVAL);    /* no data words */
	CHECK_EQ(blk(S_A, BLK_INFO + 0xFF, 0, 0, 2, &m), -E_INVAL);
	/* A sector with a chunk missing is refused whole: the disk keeps the old one. */
	pattern(want, 5, 1);
	CHECK_EQ(write_sector(S_A, 5, want), 0);
	for (unsigned c = 0; c < CHUNKS; c++)
		if (c != 7)
			CHECK_EQ(write_chunk(S_A, 5, c, other), c == CHUNKS - 1 ? -E_STATE : 0);
	CHECK_EQ(read_sector(S_A, 5, got), 0);
	CHECK(memcmp(got, want, SECTOR) == 0);
	CHECK_EQ(blk_info(S_A, &sectors), 0);
	CHECK_EQ(blk_stats(&s), 0);
	CHECK_EQ(s.errors, 0);       /* none of that reached the drive */
	return 0;
}

int t_ata_bad_requests(void)
{
	return with_ata("", primary, 14, bad_requests_body);
}

/* Chunks of A and B alternate; each lands in its writer's sector only. */
static int interleave(unsigned lba_a, unsigned lba_b)
{
	pattern(want, lba_a, BADGE_A);
	pattern(other, lba_b, BADGE_B);
	for (unsigned c = 0; c < CHUNKS; c++) {
		CHECK_EQ(write_chunk(S_A, lba_a, c, want), 0);
		CHECK_EQ(write_chunk(S_B, lba_b, c, other), 0);
	}
	return 0;
}

static int two_clients_body(void)
{
	CHECK_EQ(interleave(10, 11), 0);
	CHECK_EQ(read_sector(S_A, 10, got), 0);
	CHECK(memcmp(got, want, SECTOR) == 0);
	CHECK_EQ(read_sector(S_B, 11, got), 0);
	CHECK(memcmp(got, other, SECTOR) == 0);
	/* The same sector: B's chunk 15 comes last, so B's sector is what stays, whole. */
	CHECK_EQ(interleave(12, 12), 0);
	CHECK_EQ(read_sector(S_A, 12, got), 0);
	printf("# lba 12 after A and B: checksum 0x%08x (A 0x%08x, B 0x%08x)\n", checksum(got),
	       checksum(want), checksum(other));
	CHECK(memcmp(got, other, SECTOR) == 0);
	return 0;
}

int t_ata_two_clients_dont_mix(void)
{
	return with_ata("", primary, 14, two_clients_body);
}

/* Given a line the drive never raises, the driver falls back to polling. */
static int polling_body(void)
{
	unsigned sectors;
	struct blk_stats s;
	CHECK_EQ(blk_info(S_A, &sectors), 0);
	pattern(want, 2, 3);
	CHECK_EQ(write_sector(S_A, 2, want), 0);
	CHECK_EQ(read_sector(S_A, 3, got), 0);      /* another sector, so 2 comes from the disk */
	CHECK_EQ(read_sector(S_A, 2, got), 0);
	CHECK(memcmp(got, want, SECTOR) == 0);
	CHECK_EQ(blk_stats(&s), 0);
	CHECK_EQ(s.irqs, 0);
	CHECK_EQ(s.polled, s.commands);
	CHECK_EQ(s.errors, 0);
	return 0;
}

int t_ata_polls_without_interrupt(void)
{
	return with_ata("", primary, 5, polling_body);
}

/* No drive: every request fails with E_NOENT, promptly. */
static int absent_body(void)
{
	struct ipc_msg m;
	unsigned sectors;
	struct blk_stats s;
	CHECK_EQ(blk_info(S_A, &sectors), -E_NOENT);
	CHECK_EQ(blk(S_A, BLK_READ, 0, 0, 2, &m), -E_NOENT);
	CHECK_EQ(write_chunk(S_B, 0, 0, want), -E_NOENT);
	CHECK_EQ(write_chunk(S_B, 0, CHUNKS - 1, want), -E_NOENT);
	CHECK_EQ(blk_stats(&s), 0);
	CHECK_EQ(s.errors, 0);
	return 0;
}

static int absent_case(const char *what, const char *args, const struct ioports *ports, unsigned line)
{
	unsigned t0 = (unsigned)sys_uptime();
	int r = with_ata(args, ports, line, absent_body);
	unsigned ticks = (unsigned)sys_uptime() - t0;
	printf("# %s: %s in %u ticks\n", what, r ? "FAILED" : "every request refused", ticks);
	/* The driver's own limit is 5 s per reset and 3 s per command. */
	CHECK(ticks < 10 * TIMER_HZ);
	return r;
}

/* A control port where nothing answers: the drive seems busy forever after its reset. */
static const struct ioports stuck_busy[] = { { 0x1F0, 8, IOR_ALL }, { 0x36E, 1, IOR_ALL } };

int t_ata_absent_devices(void)
{
	CHECK_EQ(absent_case("no controller at 0x168 (floating bus)", "", no_channel, 10), 0);
	CHECK_EQ(absent_case("primary slave (not attached)", "slave", primary, 14), 0);
	CHECK_EQ(absent_case("secondary master (QEMU's CD-ROM)", "", secondary, 15), 0);
	CHECK_EQ(absent_case("alternate status stuck at 0xff (busy)", "", stuck_busy, 14), 0);
	return 0;
}
