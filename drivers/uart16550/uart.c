/*
 * uart.c - the 16550 UART on COM1 as the console service: writes from
 * every program and the kernel log go out, typed input comes back a line
 * at a time (echo, backspace), from the UART's receiver and from the
 * keyboard driver (CONS_INPUT).  Receiving is interrupt-driven (IRQ 4);
 * sending is polled, each byte waiting for the transmitter with a bound,
 * and a CONS_WRITE is answered only once its bytes are in the UART, so a
 * client that sees the call fail (the driver died) can send it again
 * without anything lost.
 *
 * Ctrl-C (from either) drops what was typed and signals init (SLOT_INTR),
 * which restarts the foreground task, the shell: the console only says
 * that it was typed, init decides what it means.
 *
 * Everything sent is also kept in a ring for the one watcher (CONS_WATCH,
 * user/lib/proto.h: drivers/vga mirrors the console on the screen), who
 * is answered by a reply, never waited for: a watcher that is slow,
 * stuck or dead costs the console nothing.
 *
 * Holds: COM1's ports (SLOT_PORTS(0)), IRQ 4 (SLOT_IRQ(0)), the console
 * endpoint (SLOT_SERVICE), the kernel log (SLOT_KLOG) and init's
 * interrupt notification (SLOT_INTR).
 */
#include "user/lib/i386/uarch.h"
#include "drivers/uart16550/linedisc.h"
#include "lib/fmt.h"
#include "user/lib/ipc.h"
#include "user/lib/msgbytes.h"
#include "user/lib/proto.h"
#include "user/lib/slots.h"
#include "user/lib/ulib.h"

#define COM1 0x3F8
#define REG_DATA 0
#define REG_IER  1
#define REG_FCR  2
#define REG_LCR  3
#define REG_MCR  4
#define REG_LSR  5
#define REG_SCR  7
#define LSR_DR   0x01
#define LSR_THRE 0x20

#define NTF       SLOT_FREE         /* unbadged: bound to us for recv */
#define NTF_IRQ   (SLOT_FREE + 1)   /* badge BIT_IRQ: the interrupt signals it */
#define NTF_KLOG  (SLOT_FREE + 2)   /* badge BIT_KLOG: the kernel log signals it */
#define WATCHER   (SLOT_FREE + 3)   /* saved reply cap of a pending CONS_WATCH */
#define READER    (SLOT_FREE + 4)   /* saved reply cap of a pending CONS_READ */
#define BIT_IRQ   1u
#define BIT_KLOG  2u

/* A byte takes 87 us at 115200 baud; this bound is far beyond that. */
#define TX_SPIN 200000

static struct linedisc ld;
static unsigned interrupts_told;   /* Ctrl-Cs init has been signalled for */
static int reader_waiting;
static unsigned reader_badge;
static unsigned tx_dropped;
static unsigned tx_stuck;          /* bytes dropped since the last one sent */
static int at_line_start = 1;      /* the last byte sent was a newline */
static int client_mid_write;       /* a CONS_WRITE said CONS_MORE: its next part comes */
static unsigned line_owner;        /* badge of the client whose line is unfinished */
static char mirror[CONS_MIRROR_BYTES];  /* the last bytes sent, for the watcher */
static unsigned mirror_head;       /* bytes ever sent; mirror[i % size] holds byte i */
static unsigned watch_at;          /* the next byte the watcher has not had */
static int watcher_waiting;
static unsigned watcher_badge;
static char klog_line[256];        /* the kernel log's current line, not yet complete */
static unsigned klog_len;

static void reg_out(unsigned reg, uint8_t v)
{
	u_outb((uint16_t)(COM1 + reg), v);
}

static uint8_t reg_in(unsigned reg)
{
	return u_inb((uint16_t)(COM1 + reg));
}

/*
 * A transmitter that stops draining is said once per stall, in the kernel
 * log (which the debug port 0xE9 also gets): COM1 itself cannot say it.
 */
static void tx_stalled(uint8_t lsr)
{
	char line[96];
	if (tx_stuck++)
		return;
	int n = fmt_snprintf(line, sizeof(line), "uart16550: transmitter stuck (LSR 0x%x), %u bytes dropped so far\n",
			 lsr, tx_dropped);
	sys_write(line, (unsigned)n);
}

static void tx_byte(char c)
{
	uint8_t lsr = 0;
	for (int spin = 0; spin < TX_SPIN; spin++)
		if ((lsr = reg_in(REG_LSR)) & LSR_THRE) {
			reg_out(REG_DATA, (uint8_t)c);
			tx_stuck = 0;
			return;
		}
	tx_dropped++;
	tx_stalled(lsr);
}

static void tx(const char *p, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		if (p[i] == '\n')
			tx_byte('\r');
		tx_byte(p[i]);
		at_line_start = p[i] == '\n';
		mirror[mirror_head++ % CONS_MIRROR_BYTES] = p[i];
	}
}

/* Up to max bytes the watcher has not had, from the oldest still kept. */
static unsigned mirror_take(char *buf, unsigned max)
{
	unsigned n = 0;
	if (mirror_head - watch_at > CONS_MIRROR_BYTES)
		watch_at = mirror_head - CONS_MIRROR_BYTES;
	while (watch_at != mirror_head && n < max)
		buf[n++] = mirror[watch_at++ % CONS_MIRROR_BYTES];
	return n;
}

/*
 * New output and a waiting watcher: answer it (a dead one loses nothing
 * of ours).  The reply to the request just handled may have its words in
 * the UTCB already, which this message's would overwrite: they are kept.
 */
static void serve_watcher(void)
{
	char buf[PROTO_BYTES];
	unsigned mr[IPC_WORDS];
	struct ipc_msg m;
	if (!watcher_waiting || watch_at == mirror_head)
		return;
	memcpy(mr, utcb()->mr, sizeof(mr));
	msg_put_bytes(&m, 0, buf, mirror_take(buf, sizeof(buf)));
	ipc_send(WATCHER, &m);
	memcpy(utcb()->mr, mr, sizeof(mr));
	watcher_waiting = 0;
}

/* CONS_WATCH: answered now if there is output it has not had, else when there is. */
static int watch(struct ipc_msg *m)
{
	char buf[PROTO_BYTES];
	/* The same watcher asking again has given up its first call (it was restarted). */
	if (watcher_waiting && m->badge == watcher_badge) {
		sys_cap_delete(WATCHER);
		watcher_waiting = 0;
	}
	if (watcher_waiting) {
		*m = ipc_msg(E_STATE, 0, 0);
		return 1;
	}
	if (m->w0 & CONS_WATCH_REPLAY)
		watch_at = mirror_head > CONS_MIRROR_BYTES ? mirror_head - CONS_MIRROR_BYTES : 0;
	if (watch_at != mirror_head) {
		msg_put_bytes(m, 0, buf, mirror_take(buf, sizeof(buf)));
		return 1;
	}
	if (sys_reply_save(WATCHER) == 0) {
		watcher_waiting = 1;
		watcher_badge = m->badge;
	}
	return 0;
}

/* The scratch register keeps what is written to it only if a UART is there. */
static int uart_init(void)
{
	reg_out(REG_SCR, 0x5A);
	if (reg_in(REG_SCR) != 0x5A)
		return -1;
	reg_out(REG_IER, 0x00);
	reg_out(REG_LCR, 0x80);       /* divisor latch */
	reg_out(REG_DATA, 0x01);      /* 115200 baud */
	reg_out(REG_IER, 0x00);
	reg_out(REG_LCR, 0x03);       /* 8N1 */
	reg_out(REG_FCR, 0xC7);       /* FIFOs on, cleared, 14-byte trigger */
	reg_out(REG_MCR, 0x0B);       /* DTR, RTS, and OUT2, which gates the IRQ on a PC */
	reg_out(REG_IER, 0x01);       /* interrupt on received data */
	return 0;
}

static void echo(const char *p, unsigned n)
{
	tx(p, n);
}

/* A complete line waits and a reader waits: answer it. */
static void answer_reader(const char *buf, unsigned n)
{
	struct ipc_msg m;
	msg_put_bytes(&m, 0, buf, n);
	ipc_send(READER, &m);        /* a reader that died meanwhile loses nothing of ours */
	reader_waiting = 0;
}

static void serve_reader(void)
{
	char buf[PROTO_BYTES];
	if (reader_waiting && linedisc_ready(&ld))
		answer_reader(buf, linedisc_take(&ld, buf, sizeof(buf)));
}

/*
 * Typed input: edit it, act on a Ctrl-C, answer a reader a line is ready
 * for.  A Ctrl-C while somebody waits for a line (the shell at its
 * prompt) is an empty line to it: a fresh prompt is all it means there.
 * Otherwise the foreground is busy, perhaps blocked for good, and only
 * its supervisor can end that: init is told (SLOT_INTR), and restarts it.
 */
static void input(const char *p, unsigned n)
{
	linedisc_input(&ld, p, n, echo);
	if (ld.interrupts != interrupts_told) {
		interrupts_told = ld.interrupts;
		if (reader_waiting)
			answer_reader("\n", 1);
		else
			sys_ntf_signal(SLOT_INTR);   /* no cap (a test's console): nothing more */
	}
	serve_reader();
}

static void rx_drain(void)
{
	char c;
	for (int n = 0; n < 64 && (reg_in(REG_LSR) & LSR_DR); n++) {
		c = (char)reg_in(REG_DATA);
		input(&c, 1);
	}
}

/* A whole kernel log line, on a line of its own (a prompt waiting for input gets broken). */
static void klog_emit(void)
{
	if (!at_line_start)
		tx("\n", 1);
	line_owner = 0;
	tx(klog_line, klog_len);
	klog_len = 0;
}

/*
 * Kernel log lines go out whole and never inside a client's line: while a
 * client's write is unfinished the log waits in the kernel's ring.
 */
static void klog_drain(void)
{
	char buf[128];
	long n;
	if (client_mid_write)
		return;
	while ((n = sys_klog_read(SLOT_KLOG, buf, sizeof(buf))) > 0)
		for (long i = 0; i < n; i++) {
			klog_line[klog_len++] = buf[i];
			if (buf[i] == '\n' || klog_len == sizeof(klog_line))
				klog_emit();
		}
}

static void on_notify(unsigned bits)
{
	if (bits & BIT_IRQ) {
		rx_drain();
		sys_irq_ack(SLOT_IRQ(0));
	}
	if (bits & BIT_KLOG)
		klog_drain();
}

/* Handles one request; returns 1 if m now holds a reply to send. */
static int on_request(struct ipc_msg *m)
{
	char buf[PROTO_BYTES];
	unsigned n;
	int crash;
	switch (IPC_TAG_LABEL(m->tag)) {
	case CONS_WRITE:
		/* Another client's unfinished line (a prompt) ends here rather than mixing. */
		if (!at_line_start && m->badge != line_owner)
			tx("\n", 1);
		line_owner = m->badge;
		client_mid_write = (m->w0 & CONS_MORE) != 0;
		crash = (m->w0 & CONS_CRASH) != 0;
		m->w0 &= ~(CONS_MORE | CONS_CRASH);
		n = msg_get_bytes(m, buf, sizeof(buf));
		if (crash) {
			tx(buf, n / 2);
			*(volatile int *)0 = 0;      /* the fault the supervisor must survive */
		}
		tx(buf, n);
		if (!client_mid_write)
			klog_drain();
		*m = ipc_msg(0, n, 0);
		return 1;
	case CONS_INPUT:
		n = msg_get_bytes(m, buf, sizeof(buf));
		input(buf, n);
		*m = ipc_msg(0, n, 0);
		return 1;
	case CONS_READ:
		/*
		 * One reader at a time.  The same client asking again has given up
		 * its first read (it was restarted, e.g. by Ctrl-C): that one goes.
		 */
		if (reader_waiting && m->badge == reader_badge) {
			sys_cap_delete(READER);
			reader_waiting = 0;
		}
		if (reader_waiting) {
			*m = ipc_msg(E_STATE, 0, 0);
			return 1;
		}
		if (linedisc_ready(&ld)) {
			n = linedisc_take(&ld, buf, m->w0 < sizeof(buf) ? m->w0 : sizeof(buf));
			msg_put_bytes(m, 0, buf, n);
			return 1;
		}
		if (sys_reply_save(READER) == 0) {
			reader_waiting = 1;
			reader_badge = m->badge;
		}
		return 0;
	case CONS_WATCH:
		return watch(m);
	default:
		*m = ipc_msg(E_NOSYS, 0, 0);
		return 1;
	}
}

static long setup(void)
{
	long r = sys_ntf_create(NTF);
	if (!r)
		r = sys_cap_mint(NTF, NTF_IRQ, BIT_IRQ, NTR_SIGNAL);
	if (!r)
		r = sys_cap_mint(NTF, NTF_KLOG, BIT_KLOG, NTR_SIGNAL);
	if (!r)
		r = sys_ntf_bind(NTF);
	if (!r)
		r = sys_irq_bind(SLOT_IRQ(0), NTF_IRQ);
	if (!r)
		r = sys_klog_bind(SLOT_KLOG, NTF_KLOG);
	return r;
}

int main(void)
{
	if (uart_init()) {
		printf("uart16550: no UART at 0x%x; no console service\n", COM1);
		return 1;
	}
	long r = setup();
	if (r) {
		printf("uart16550: setup failed: %s\n", strerror(r));
		return 1;
	}
	linedisc_init(&ld);
	klog_drain();
	struct ipc_msg m;
	int reply = 0;
	for (;;) {
		r = reply ? ipc_reply_recv(SLOT_SERVICE, &m) : ipc_recv(SLOT_SERVICE, &m);
		reply = 0;
		if (r < 0)
			continue;
		if (IPC_TAG_LABEL(m.tag) == IPC_LABEL_NOTIFY)
			on_notify(m.badge);
		else
			reply = on_request(&m);
		serve_watcher();
	}
}
