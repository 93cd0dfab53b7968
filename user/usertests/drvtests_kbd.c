/*
 * drvtests_kbd.c - drivers/ps2kbd, started the way the root task will
 * start it from the manifest: IoPorts 0x60 and 0x64 in SLOT_PORTS(0..1),
 * IRQ 1 in SLOT_IRQ(0), a service endpoint in SLOT_SERVICE and, in
 * SLOT_CONSOLE, a badged send cap to an endpoint this test receives on:
 * the test plays the console.  usertests holds IoPorts(all) in slot 0 and
 * Irq(all) in slot 2 (from init).
 */
#include "user/lib/msgbytes.h"
#include "user/lib/proto.h"
#include "user/lib/slots.h"
#include "user/usertests/drvtests_kbd.h"
#include "user/usertests/ipctests.h"

#define SLOT_ALL  0
#define SLOT_IRQS 2
#define KBD_SLOTS 20        /* usertests' slots for one driver: 20..22, a second 23..25 */
#define CONS_BADGE 0x6B62u
#define SVC_BADGE  0x7573u

struct kbd_run {
	int tid;
	unsigned cons;          /* the console endpoint we receive on (all rights) */
	unsigned svc;           /* a badged send cap to the driver's endpoint */
	unsigned scratch;
};

static const struct ioports kbd_ports[] = { { 0x60, 1, IOR_ALL }, { 0x64, 1, IOR_ALL } };

/* Makes an endpoint in slot mine, and a badged send-only copy of it for the child. */
static long give_endpoint(int tid, unsigned mine, unsigned scratch, unsigned badge, unsigned dst)
{
	long r = sys_ep_create(mine);
	if (!r)
		r = sys_cap_mint(mine, scratch, badge, EPR_SEND);
	if (!r)
		r = sys_cap_transfer(scratch, tid, dst);
	return r;
}

static long grant(struct kbd_run *k, const struct ioports *ports, int nports)
{
	int tid = k->tid;
	unsigned scratch = k->scratch;
	long r = 0;
	for (int i = 0; !r && i < nports; i++) {
		r = cap_derive(SLOT_ALL, scratch, ports[i].base, ports[i].count, ports[i].rights);
		if (!r)
			r = sys_cap_transfer(scratch, tid, SLOT_PORTS(i));
	}
	if (!r)
		r = sys_cap_mint(SLOT_IRQS, scratch, 1u << 1, 0);
	if (!r)
		r = sys_cap_transfer(scratch, tid, SLOT_IRQ(0));
	if (!r)
		r = give_endpoint(tid, k->cons, scratch, CONS_BADGE, SLOT_CONSOLE);
	/* The service endpoint goes whole to the driver; we keep the badged send cap. */
	if (!r)
		r = sys_ep_create(scratch);
	if (!r)
		r = sys_cap_mint(scratch, k->svc, SVC_BADGE, EPR_SEND);
	if (!r)
		r = sys_cap_transfer(scratch, tid, SLOT_SERVICE);
	return r;
}

static void forget(struct kbd_run *k)
{
	sys_cap_delete(k->cons);
	sys_cap_delete(k->svc);
	sys_cap_delete(k->scratch);
}

/* Starts ps2kbd with ports[]; n selects the slots (0 or 1). 0, or an error with nothing left over. */
static long start_kbd(struct kbd_run *k, int n, const struct ioports *ports, int nports)
{
	unsigned base = KBD_SLOTS + 3u * (unsigned)n;
	*k = (struct kbd_run){ spawn_flags("ps2kbd", "", SPAWN_SUSPENDED), base, base + 1, base + 2 };
	if (k->tid < 0)
		return k->tid;
	long r = grant(k, ports, nports);
	if (!r)
		r = sys_resume(k->tid);
	if (r) {
		struct exitinfo e;
		printf("# starting ps2kbd: %s\n", strerror(r));
		sys_kill(k->tid);
		sys_wait(k->tid, &e);
		forget(k);
	}
	return r;
}

static int stop_kbd(struct kbd_run *k, struct exitinfo *e)
{
	sys_kill(k->tid);
	int r = (int)sys_wait(k->tid, e);
	forget(k);
	return r == k->tid ? 0 : -1;
}

struct kbd_stats {
	unsigned irqs, delivered, bytes, dropped;
};

/* Answered only once the driver serves, so it also waits for its start-up. */
static long kbd_stats(const struct kbd_run *k, struct kbd_stats *s)
{
	struct ipc_msg m = ipc_msg(KBD_STATS, 0, 0);
	long r = ipc_call(k->svc, &m);
	if (!r && IPC_TAG_LABEL(m.tag))
		r = -(long)IPC_TAG_LABEL(m.tag);
	if (!r && IPC_TAG_WORDS(m.tag) != 4)
		r = -E_INVAL;
	if (!r)
		*s = (struct kbd_stats){ m.w0, m.w1, utcb()->mr[2], utcb()->mr[3] };
	return r;
}

int t_kbd_needs_its_ports(void)
{
	static const struct ioports wrong[][2] = {
		{ { 0x60, 1, IOR_ALL }, { 0x65, 1, IOR_ALL } },    /* not 0x64 */
		{ { 0x64, 1, IOR_ALL }, { 0x60, 1, IOR_ALL } },    /* the wrong way round */
		{ { 0x60, 1, IOR_READ }, { 0x64, 1, IOR_ALL } },   /* cannot write 0x60 */
	};
	struct kbd_run k;
	struct exitinfo e;
	for (unsigned i = 0; i < ARRAY_SIZE(wrong); i++) {
		CHECK_EQ(start_kbd(&k, 0, wrong[i], 2), 0);
		CHECK_EQ(sys_wait(k.tid, &e), k.tid);
		forget(&k);
		CHECK_EQ(e.fault_vector, -1);         /* it noticed, rather than faulting */
		CHECK_EQ(e.code, 1);
	}
	CHECK_EQ(start_kbd(&k, 0, kbd_ports, 1), 0);  /* 0x64 missing altogether */
	CHECK_EQ(sys_wait(k.tid, &e), k.tid);
	forget(&k);
	CHECK_EQ(e.fault_vector, -1);
	CHECK_EQ(e.code, 1);
	return 0;
}

int t_kbd_answers_stats(void)
{
	struct kbd_run k;
	struct kbd_stats s;
	struct exitinfo e;
	CHECK_EQ(start_kbd(&k, 0, kbd_ports, 2), 0);
	CHECK_EQ(kbd_stats(&k, &s), 0);
	printf("# ps2kbd: %u interrupts, %u scan code bytes with nobody typing\n", s.irqs, s.bytes);
	CHECK_EQ(s.delivered, 0);
	CHECK_EQ(s.dropped, 0);
	struct ipc_msg m = ipc_msg(KBD_STATS + 1, 0, 0);
	CHECK_EQ(ipc_call(k.svc, &m), 0);
	CHECK_EQ(IPC_TAG_LABEL(m.tag), E_INVAL);
	m = ipc_msg(CONS_INPUT, 3, 0);             /* a console message sent the wrong way */
	CHECK_EQ(ipc_call(k.svc, &m), 0);
	CHECK_EQ(IPC_TAG_LABEL(m.tag), E_INVAL);
	CHECK_EQ(kbd_stats(&k, &s), 0);            /* still serving */
	CHECK_EQ(stop_kbd(&k, &e), 0);
	CHECK_EQ(e.killed_by, sys_getpid());
	return 0;
}

/* IRQ 1 has one driver: a second one gives up before touching the controller. */
int t_kbd_irq_taken_refused(void)
{
	struct kbd_run a, b;
	struct kbd_stats s;
	struct exitinfo e;
	CHECK_EQ(start_kbd(&a, 0, kbd_ports, 2), 0);
	CHECK_EQ(kbd_stats(&a, &s), 0);
	CHECK_EQ(start_kbd(&b, 1, kbd_ports, 2), 0);
	CHECK_EQ(sys_wait(b.tid, &e), b.tid);
	forget(&b);
	CHECK_EQ(e.fault_vector, -1);
	CHECK_EQ(e.code, 1);
	CHECK_EQ(kbd_stats(&a, &s), 0);
	CHECK_EQ(stop_kbd(&a, &e), 0);
	return 0;
}

/*
 * Restarted, the driver takes IRQ 1 again and serves (issue 11: its own
 * notification from the first incarnation was still in SLOT_FREE, so the
 * second one's ntf_create failed E_FULL and it exited "another driver
 * holds it").
 */
int t_kbd_restart_takes_irq_again(void)
{
	struct kbd_run k;
	struct kbd_stats s;
	struct taskinfo ti;
	struct exitinfo e;
	ipc_fresh();                               /* run among the IPC tests: free their slots */
	CHECK_EQ(start_kbd(&k, 0, kbd_ports, 2), 0);
	CHECK_EQ(kbd_stats(&k, &s), 0);
	for (unsigned round = 1; round <= 2; round++) {
		CHECK_EQ(sys_restart(k.tid), 0);       /* it serves: waiting in recv now */
		CHECK_EQ(kbd_stats(&k, &s), 0);        /* the new incarnation serves */
		CHECK_EQ(sys_taskinfo(k.tid, &ti), 0);
		CHECK_EQ(ti.restarts, round);
		CHECK(ti.state != TS_ZOMBIE);
	}
	CHECK_EQ(stop_kbd(&k, &e), 0);
	CHECK_EQ(e.killed_by, sys_getpid());       /* killed by us, not exited */
	return 0;
}

/*
 * What tests/boot/kbd_test.sh types with QEMU's sendkey once it sees the
 * ready line: shift-h e l l o comma spc shift-w o r l d shift-1 ret, then
 * caps_lock a caps_lock b tab up kp_8 backspace ctrl-d kp_enter.  Up is
 * E0 48 and must vanish; keypad 8 is 48.
 */
static const char typed_text[] = "Hello, World!\nAb\t8\b\004\n";

int t_kbd_typed_text(void)
{
	struct kbd_run k;
	struct kbd_stats before, after;
	struct exitinfo e;
	char got[64];
	unsigned len = 0, messages = 0, largest = 0, want = sizeof(typed_text) - 1;
	CHECK_EQ(start_kbd(&k, 0, kbd_ports, 2), 0);
	CHECK_EQ(kbd_stats(&k, &before), 0);
	printf("# kbd: ready\n");
	struct ipc_msg m;
	while (len < want) {
		CHECK_EQ(ipc_recv(k.cons, &m), 0);
		CHECK_EQ(IPC_TAG_LABEL(m.tag), CONS_INPUT);
		CHECK_EQ(m.badge, CONS_BADGE);
		unsigned n = msg_get_bytes(&m, got + len, sizeof(got) - len);
		CHECK(n > 0 && n == m.w0);
		len += n;
		largest = n > largest ? n : largest;
		/*
		 * The first answer takes 240 ms: the keys typed meanwhile come
		 * in one message, not one each.  At one byte per 30 ms that is
		 * about 8 bytes, "ell": half the keyboard's 16-byte queue.
		 */
		if (messages++ == 0)
			sys_sleep(TIMER_HZ * 24 / 100);
		m = ipc_msg(0, 0, 0);
		CHECK_EQ(ipc_reply(&m), 0);
	}
	CHECK_EQ(kbd_stats(&k, &after), 0);
	printf("# kbd: %u characters in %u messages (largest %u); %u interrupts, %u scan code bytes\n",
	       len, messages, largest, after.irqs - before.irqs, after.bytes - before.bytes);
	CHECK_EQ(stop_kbd(&k, &e), 0);
	CHECK_EQ(len, want);
	for (unsigned i = 0; i < want; i++)
		if (got[i] != typed_text[i]) {
			printf("# kbd: character %u is 0x%02x, expected 0x%02x\n", i,
			       (unsigned char)got[i], (unsigned char)typed_text[i]);
			return 1;
		}
	CHECK(after.irqs - before.irqs >= messages);   /* each message came from an interrupt */
	CHECK(after.bytes - before.bytes > want);    /* a make and a break per key at least */
	CHECK_EQ(after.delivered, want);
	CHECK_EQ(after.dropped, 0);
	CHECK(largest >= 2);
	return 0;
}

/* No i8042: the driver gives up within its bounded waits, and a waiting client hears of it. */
int t_kbd_no_controller(void)
{
	struct kbd_run k;
	struct kbd_stats s;
	struct exitinfo e;
	long t0 = sys_uptime();
	CHECK_EQ(start_kbd(&k, 0, kbd_ports, 2), 0);
	CHECK_EQ(kbd_stats(&k, &s), -E_DEAD);
	CHECK_EQ(sys_wait(k.tid, &e), k.tid);
	long ticks = sys_uptime() - t0;
	forget(&k);
	printf("# kbd: the driver gave up after %ld ms\n", ticks * 1000 / TIMER_HZ);
	CHECK_EQ(e.fault_vector, -1);
	CHECK_EQ(e.code, 2);
	CHECK(ticks < 2 * TIMER_HZ);       /* one 200 ms wait, and a generous margin */
	return 0;
}
