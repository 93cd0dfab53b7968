/*
 * log.c - the kernel log.  Every byte goes to the debug console (port
 * 0xE9, never given away) and into a ring that a holder of the KLog cap
 * reads (the console driver, which prints it with everything else).  COM1
 * gets the bytes directly only while the kernel owns it: once any task but
 * the root holds COM1's ports, the kernel stops touching them ("a port has
 * one owner"); a panic takes COM1 back, as nothing else will run.
 */
#include "arch/i386/arch.h"
#include "kernel/abi/ipc.h"
#include "kernel/cap.h"
#include "kernel/ipc.h"
#include "kernel/lib.h"
#include "kernel/log.h"
#include "kernel/sched.h"
#include "kernel/syscall.h"
#include "kernel/task.h"
#include "kernel/taskio.h"
#include "kernel/uaccess.h"

#define KLOG_SIZE 16384u   /* a power of two */

static char ring[KLOG_SIZE];
static uint32_t head;              /* bytes ever logged */
static uint32_t tail;              /* bytes the reader has taken */
static uint32_t signalled;         /* head when the reader was last signalled */
static int com1_given;
static struct notification *reader_ntf;
static int reader_tid;
static uint32_t reader_badge;

int klog_news;

static void log_putc(char c)
{
	ring[head++ & (KLOG_SIZE - 1)] = c;
	klog_news = reader_ntf != 0;
	arch_console_putc_debug(c);
	if (!com1_given)
		arch_console_putc_com1(c);
}

static void log_put(char c, void *arg)
{
	(void)arg;
	log_putc(c);
}

void kputs_raw(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		log_putc(s[i]);
}

void kprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fmt_vformat(log_put, 0, fmt, ap);
	va_end(ap);
}

static void debug_put(char c, void *arg)
{
	(void)arg;
	arch_console_putc_debug(c);
}

void kprintf_debug(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fmt_vformat(debug_put, 0, fmt, ap);
	va_end(ap);
}

void log_com1_owner(const char *driver)
{
	int given = driver != 0;
	if (given == com1_given)
		return;
	/* Set first: the new owner prints this line from the ring, the kernel must not too. */
	com1_given = given;
	if (given)
		kprintf("log: COM1 now belongs to %s; the kernel log goes on through it\n", driver);
	else
		kprintf("log: COM1 is the kernel's again\n");
}

void log_reader_drop(void)
{
	notification_hold(&reader_ntf, 0);
	reader_tid = 0;
}

int log_reader_tid(void)
{
	return reader_tid;
}

struct notification *log_reader_ntf(void)
{
	return reader_ntf;
}

void log_panic_mode(void)
{
	com1_given = 0;
}

/* Called on the way out of every trap: signalling from inside kprintf could reenter IPC. */
void log_signal_reader(void)
{
	klog_news = 0;
	if (reader_ntf && signalled != head) {
		signalled = head;
		notification_signal(reader_ntf, reader_badge);
	}
}

static int decode_klog(uint32_t slot)
{
	struct cap *c;
	int r = cap_lookup(&current()->cs, slot, &c);
	if (!r && c->type != CAP_KLOG)
		r = -E_TYPE;
	return r;
}

/* klog_read(klog slot, buf, len): bytes logged since the last read; older ones lost are skipped. */
SYSCALL(klog_read)
{
	int r = decode_klog(a0);
	if (r)
		return user_error((enum pc_error)-r);
	if (a2 && !user_range_ok(a1, a2))
		return user_error(E_FAULT);
	if (head - tail > KLOG_SIZE)
		tail = head - KLOG_SIZE;
	uint32_t n = head - tail < a2 ? head - tail : a2;
	for (uint32_t done = 0; done < n;) {
		uint32_t at = (tail + done) & (KLOG_SIZE - 1);
		uint32_t chunk = KLOG_SIZE - at < n - done ? KLOG_SIZE - at : n - done;
		if (copyout(&current()->as, uptr(a1 + done), &ring[at], chunk))
			return user_error(E_FAULT);
		done += chunk;
	}
	tail += n;
	return (long)n;
}

/* klog_bind(klog slot, notification slot): signal it (its badge) when there is more to read. */
SYSCALL(klog_bind)
{
	struct notification *n;
	uint32_t badge;
	int r = decode_klog(a0);
	if (!r)
		r = notification_decode_signal(current(), a1, &n, &badge);
	if (r)
		return user_error((enum pc_error)-r);
	notification_hold(&reader_ntf, n);
	reader_badge = badge ? badge : 1;
	/*
	 * While the kernel printed on COM1 itself, the reader has seen everything
	 * so far; a restarted reader resumes where its predecessor stopped.
	 */
	if (!com1_given)
		tail = head;
	signalled = tail - 1;    /* whatever is left is news to the new reader */
	klog_news = 1;
	reader_tid = current()->tid;
	com1_owner_update();
	return 0;
}
