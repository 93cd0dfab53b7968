/*
 * ipcsize.c - how an IPC round trip grows with what the message carries
 * (issue 16: "IPC vs words and caps"; docs/bench.md).  The same round trip
 * as ipc_call_reply, to a twin of its server (`bench ipcecho`) that
 * answers each call with the shape it came in:
 *
 *   ipc_words_<n>  n message words each way (0, 2, 3, 4, 6, 8): words 0
 *                  and 1 travel in registers, the rest in the UTCB
 *   ipc_caps_<n>   two words and n notification caps each way (1, 2): moved
 *                  with the call, moved back with the reply
 *
 * The words sit in bench's UTCB before the timing starts and come back
 * unchanged, so the op is the same for every n: only the tag differs, and
 * the curve is the kernel's cost per word or cap.  Each figure's shape is
 * checked first with one call whose answer must hold every word
 * complemented and every cap back in its slot.
 */
#include "user/bench/crossing.h"
#include "user/bench/ipcsize.h"
#include "user/bench/smp.h"
#include "user/lib/ipc.h"
#include "user/lib/ulib.h"

#define EP_SLOT     CROSSING_EP_SLOT
#define CAP_SLOT    20   /* bench's notifications, IPC_CAPS of them, moved out and back */
#define SERVER_CAPS 2    /* where the server receives them, and sends them back from */
#define ECHO_MASK   IPC_TAG(0, 31, 3)   /* the reply's tag: the call's words and caps, label 0 */

static const unsigned word_counts[] = { 0, 2, 3, 4, 6, 8 };
static const unsigned cap_counts[] = { 1, 2 };

static unsigned op_tag;   /* the shape op_shaped_call sends */

static void op_shaped_call(void)
{
	struct ipc_msg m = { op_tag, 0, 0, 0 };
	ipc_call(EP_SLOT, &m);
}

/*
 * `bench ipcecho`: the server.  Its first call is the check, answered with
 * every word complemented; every later one is echoed as it came, from the
 * same kind of reply_recv loop as crossing_server's.
 */
int ipcsize_server(void)
{
	struct utcb *u = utcb();
	struct ipc_msg m;
	for (unsigned i = 0; i < IPC_CAPS; i++) {
		u->recv_slot[i] = SERVER_CAPS + i;
		u->send_cap[i] = (SERVER_CAPS + i) | IPC_CAP_MOVE;
	}
	long r = ipc_recv(CROSSING_SERVER_SLOT, &m);
	m.w0 = ~m.w0;
	m.w1 = ~m.w1;
	for (unsigned i = IPC_REG_WORDS; i < IPC_TAG_WORDS(m.tag) && i < IPC_WORDS; i++)
		u->mr[i] = ~u->mr[i];
	for (;;) {
		if (r)
			return 1;
		m.tag &= ECHO_MASK;
		r = ipc_reply_recv(CROSSING_SERVER_SLOT, &m);
	}
}

static unsigned pattern(unsigned i)
{
	return 0x5A000000u | i * 0x01010101u;
}

static int holds_notification(unsigned slot)
{
	struct capinfo info;
	return sys_cap_info(slot, &info) == 0 && info.type == CAPT_NOTIFY;
}

/* The check call: words words and caps caps went there and came back. */
static int shape_ok(const char *name, unsigned words, unsigned caps)
{
	struct utcb *u = utcb();
	struct ipc_msg m = { IPC_TAG(1, words, caps), pattern(0), pattern(1), 0 };
	for (unsigned i = IPC_REG_WORDS; i < words; i++)
		u->mr[i] = pattern(i);
	long r = ipc_call(EP_SLOT, &m);
	int ok = !r && m.tag == IPC_TAG(0, words, caps);
	unsigned got[IPC_WORDS] = { m.w0, m.w1 };
	for (unsigned i = IPC_REG_WORDS; i < words; i++)
		got[i] = u->mr[i];
	for (unsigned i = 0; i < words; i++)
		ok &= got[i] == ~pattern(i);
	for (unsigned i = 0; i < caps; i++)
		ok &= holds_notification(CAP_SLOT + i);
	if (!ok)
		printf("bench: %s: the check call returned %s with tag 0x%x, want 0x%x and every word "
		       "complemented, every cap back\n", name, strerror(r), m.tag, IPC_TAG(0, words, caps));
	return ok;
}

/* One figure with its own server: checked once, then timed. */
static int shape_figure(const struct bench_cfg *c, const char *name, unsigned words, unsigned caps)
{
	int server = crossing_start_server("ipcecho", -1);
	if (server < 0)
		return 0;
	int ok = shape_ok(name, words, caps);
	if (ok) {
		op_tag = IPC_TAG(1, words, caps);
		bench_figure(c, name, op_shaped_call, 1);
		/* Checked after the timing too: no timed call lost a cap. */
		for (unsigned i = 0; i < caps; i++)
			ok &= holds_notification(CAP_SLOT + i);
		if (!ok)
			printf("bench: %s: a cap did not come back\n", name);
	}
	smp_stop(server);
	sys_cap_delete(EP_SLOT);
	return ok;
}

/* bench's notifications to move, and the UTCB naming them; undone by caps_done. */
static int caps_ready(void)
{
	struct utcb *u = utcb();
	for (unsigned i = 0; i < IPC_CAPS; i++) {
		long r = sys_ntf_create(CAP_SLOT + i);
		if (r) {
			printf("bench: ipc_caps: ntf_create: %s\n", strerror(r));
			return 0;
		}
		u->send_cap[i] = (CAP_SLOT + i) | IPC_CAP_MOVE;
		u->recv_slot[i] = CAP_SLOT + i;
	}
	return 1;
}

static void caps_done(void)
{
	struct utcb *u = utcb();
	for (unsigned i = 0; i < IPC_CAPS; i++) {
		u->send_cap[i] = 0;
		u->recv_slot[i] = IPC_NO_SLOT;
		sys_cap_delete(CAP_SLOT + i);
	}
}

int ipcsize_figures(const struct bench_cfg *c)
{
	char name[32];
	int ok = 1;
	for (unsigned i = 0; ok && i < ARRAY_SIZE(word_counts); i++) {
		fmt_snprintf(name, sizeof(name), "ipc_words_%u", word_counts[i]);
		ok = shape_figure(c, name, word_counts[i], 0);
	}
	ok = ok && caps_ready();
	for (unsigned i = 0; ok && i < ARRAY_SIZE(cap_counts); i++) {
		fmt_snprintf(name, sizeof(name), "ipc_caps_%u", cap_counts[i]);
		ok = shape_figure(c, name, IPC_REG_WORDS, cap_counts[i]);
	}
	caps_done();
	return ok;
}
