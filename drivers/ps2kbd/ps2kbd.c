/*
 * ps2kbd.c - the PS/2 keyboard driver.  It holds ports 0x60 and 0x64
 * (SLOT_PORTS(0), SLOT_PORTS(1)) and IRQ 1 (SLOT_IRQ(0)); what is typed
 * goes to the console (SLOT_CONSOLE) as CONS_INPUT messages, as many
 * characters per message as the controller had ready.  Its own endpoint
 * (SLOT_SERVICE) answers KBD_STATS.  docs/drivers.md, "ps2kbd".
 *
 * Exit codes: 1 wrong grants or IRQ 1 taken, 2 no PS/2 controller,
 * 3 its endpoint failed.  A supervisor restarting it for 2 gains nothing.
 */
#include "user/lib/i386/uarch.h"
#include "drivers/ps2kbd/i8042.h"
#include "drivers/ps2kbd/scancode.h"
#include "user/lib/console.h"
#include "user/lib/msgbytes.h"
#include "user/lib/proto.h"
#include "user/lib/slots.h"
#include "user/lib/ulib.h"

#define SLOT_NTF  SLOT_FREE
#define SLOT_KIRQ SLOT_IRQ(0)
/* A controller whose status sticks at "full" must not keep us reading forever. */
#define DRAIN_MAX 256

static struct kbd_state kbd;
static struct {
	unsigned irqs, bytes, delivered, dropped;
} st;
static int console_warned;

static int holds_port(unsigned slot, unsigned port)
{
	struct capinfo ci;
	return sys_cap_info(slot, &ci) == 0 && ci.type == CAPT_IOPORTS && ci.base <= port &&
	       port - ci.base < ci.count && (ci.rights & IOR_ALL) == IOR_ALL;
}

/* Gives a missing SLOT_SERVICE an endpoint: the driver then serves no one but still waits there. */
static long service_endpoint(void)
{
	struct capinfo ci;
	long r = sys_cap_info(SLOT_SERVICE, &ci);
	if (r)
		return r;
	if (ci.type == CAPT_NULL)
		return sys_ep_create(SLOT_SERVICE);
	return ci.type == CAPT_ENDPOINT && (ci.rights & EPR_RECV) ? 0 : -E_TYPE;
}

static void deliver(const char *buf, unsigned n)
{
	struct ipc_msg m = { 0, 0, 0, 0 };
	msg_put_bytes(&m, CONS_INPUT, buf, n);
	long r = ipc_call(SLOT_CONSOLE, &m);
	if (!r && IPC_TAG_LABEL(m.tag) != 0)
		r = -(long)IPC_TAG_LABEL(m.tag);
	if (!r) {
		st.delivered += n;
		return;
	}
	st.dropped += n;
	if (!console_warned++)
		printf("ps2kbd: the console did not take input (%s); dropping it\n", strerror(r));
}

/* Characters from what the controller holds, up to buf's size; 1 if it may hold more. */
static int collect(char *buf, unsigned size, unsigned *n)
{
	*n = 0;
	for (int i = 0; i < DRAIN_MAX; i++) {
		uint8_t status = u_inb(I8042_STATUS);
		if (!(status & ST_OUT_FULL))
			return 0;
		uint8_t code = u_inb(I8042_DATA);
		if (status & ST_AUX)
			continue;
		st.bytes++;
		int c = kbd_translate(&kbd, code);
		if (c != KBD_NONE)
			buf[(*n)++] = (char)c;
		if (*n == size)
			return 1;
	}
	return 1;
}

/*
 * The line is unmasked as soon as the controller is drained, before the
 * console is called: keys typed while the console is busy raise a new
 * notification instead of waiting in the keyboard's small buffer.
 */
static void interrupt(void)
{
	char buf[PROTO_BYTES];
	unsigned n;
	int more = collect(buf, sizeof(buf), &n);
	sys_irq_ack(SLOT_KIRQ);
	for (;;) {
		if (n)
			deliver(buf, n);
		if (!more)
			return;
		more = collect(buf, sizeof(buf), &n);
	}
}

__attribute__((noreturn)) static void serve(void)
{
	struct ipc_msg m = { 0, 0, 0, 0 };
	for (;;) {
		long r = ipc_reply_recv(SLOT_SERVICE, &m);
		if (r) {
			printf("ps2kbd: receive failed: %s\n", strerror(r));
			exit(3);
		}
		unsigned label = IPC_TAG_LABEL(m.tag);
		if (label == IPC_LABEL_NOTIFY) {
			st.irqs++;
			interrupt();
			m = (struct ipc_msg){ 0, 0, 0, 0 };    /* nothing to answer */
		} else if (label == KBD_STATS) {
			m = ipc_msg(0, st.irqs, st.delivered);
			m.tag = IPC_TAG(0, 4, 0);
			utcb()->mr[2] = st.bytes;
			utcb()->mr[3] = st.dropped;
		} else {
			m = ipc_msg(E_INVAL, 0, 0);
		}
	}
}

int main(void)
{
	/* Our console cap is where keys go; what we have to say goes to the kernel log. */
	console_use_log();
	if (!holds_port(SLOT_PORTS(0), I8042_DATA) || !holds_port(SLOT_PORTS(1), I8042_STATUS)) {
		printf("ps2kbd: needs IoPorts 0x60 in slot %d and 0x64 in slot %d\n", SLOT_PORTS(0),
		       SLOT_PORTS(1));
		return 1;
	}
	long r = service_endpoint();
	if (r) {
		printf("ps2kbd: slot %d is no endpoint to serve on: %s\n", SLOT_SERVICE, strerror(r));
		return 1;
	}
	/* The line first: a second driver for the same keyboard stops before touching it. */
	r = sys_ntf_create(SLOT_NTF);
	if (!r)
		r = sys_irq_bind(SLOT_KIRQ, SLOT_NTF);
	if (!r)
		r = sys_ntf_bind(SLOT_NTF);
	if (r) {
		printf("ps2kbd: cannot take IRQ 1 (slot %d): %s\n", SLOT_KIRQ,
		       r == -E_FULL ? "another driver holds it" : strerror(r));
		return 1;
	}
	uint8_t config = 0;
	enum i8042_result res = i8042_init(&config);
	if (res == I8042_NO_CONTROLLER) {
		printf("ps2kbd: %s; exiting\n", i8042_result_text(res));
		return 2;
	}
	if (res != I8042_OK)
		printf("ps2kbd: %s; serving anyway: a keyboard that answers later still types\n",
		       i8042_result_text(res));
	kbd_reset(&kbd);
	printf("ps2kbd: i8042 config 0x%02x: IRQ 1, scan code set 1 (translated), US layout\n",
	       config);
	serve();
}
