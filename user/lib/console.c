/*
 * console.c - the client side of the console service (user/lib/console.h).
 */
#include "user/lib/ipc.h"
#include "user/lib/console.h"
#include "user/lib/msgbytes.h"
#include "user/lib/proto.h"
#include "user/lib/slots.h"
#include "user/lib/ulib.h"

/* A restarting driver is back within a few ticks; give up after about two seconds. */
#define RETRIES 200

static int have_console = -1;
static int console_gone;          /* it was there, and stopped answering for good */

static int console_present(void)
{
	if (have_console < 0) {
		struct capinfo ci;
		have_console = sys_cap_info(SLOT_CONSOLE, &ci) == 0 && ci.type == CAPT_ENDPOINT;
	}
	return have_console;
}

void console_use_log(void)
{
	have_console = 0;
}

long console_call(struct ipc_msg *m)
{
	struct ipc_msg saved = *m;
	unsigned mr[IPC_WORDS];
	memcpy(mr, utcb()->mr, sizeof(mr));
	long r = ipc_call(SLOT_CONSOLE, m);
	/* A test's injected fault happens once; the retry is an ordinary write. */
	if (IPC_TAG_LABEL(saved.tag) == CONS_WRITE)
		saved.w0 &= ~CONS_CRASH;
	for (int i = 0; r == -E_DEAD && i < RETRIES; i++) {
		sys_sleep(1);
		*m = saved;
		memcpy(utcb()->mr, mr, sizeof(mr));
		r = ipc_call(SLOT_CONSOLE, m);
	}
	return r;
}

long console_write(const void *buf, unsigned n)
{
	return console_write_flags(buf, n, 0);
}

long console_write_flags(const void *buf, unsigned n, unsigned flags)
{
	const char *p = buf;
	if (!console_present())
		return sys_write(buf, n);
	for (unsigned done = 0; done < n;) {
		struct ipc_msg m;
		unsigned k = msg_put_bytes(&m, CONS_WRITE, p + done, n - done);
		m.w0 |= flags;
		if (done + k < n)
			m.w0 |= CONS_MORE;
		long r = console_call(&m);
		if (r < 0 || IPC_TAG_LABEL(m.tag) != 0) {
			/* The console is gone for good: the kernel log still reaches the screen. */
			have_console = 0;
			console_gone = r == -E_DEAD;
			long w = sys_write(p + done, n - done);
			return w < 0 ? w : (long)n;
		}
		done += k;
	}
	return (long)n;
}

long console_read(char *buf, unsigned max)
{
	if (!console_present())
		return console_gone ? -E_DEAD : -E_NOENT;
	struct ipc_msg m = ipc_msg(CONS_READ, max < PROTO_BYTES ? max : PROTO_BYTES, 0);
	long r = console_call(&m);
	if (r < 0)
		return r;
	if (IPC_TAG_LABEL(m.tag) != 0)
		return -(long)IPC_TAG_LABEL(m.tag);
	return (long)msg_get_bytes(&m, buf, max);
}
