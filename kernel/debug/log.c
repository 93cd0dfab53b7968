/*
 * log.c - the kernel log.  Every byte goes to the debug console (port
 * 0xE9, never given away) and into a ring that a holder of the KLog cap
 * reads (the console driver, which prints it with everything else).  COM1
 * gets the bytes directly only while the kernel owns it: once any task but
 * the root holds COM1's ports, the kernel stops touching them ("a port has
 * one owner"); a panic takes COM1 back, as nothing else will run.  When
 * the owner goes (killed, or left stopped by its supervisor), the kernel
 * takes COM1 back, prints there what the owner never printed (the reason
 * it is gone is usually in it) and says so: the console never vanishes
 * silently.  The log asks who owns COM1 (com1_owner_update) after every
 * cap change, through caps_commit_hook: the I/O state below knows nothing
 * of the log.
 */
#include "arch/i386/arch.h"
#include "iocap/iobitmap.h"
#include "abi/ipc.h"
#include "kernel/object/cap.h"
#include "kernel/object/ipc.h"
#include "kernel/lib.h"
#include "kernel/debug/log.h"
#include "kernel/proc/sched.h"
#include "kernel/object/decode.h"
#include "kernel/proc/task.h"
#include "kernel/object/taskio.h"
#include "kernel/mm/uaccess.h"

#define KLOG_SIZE 16384u   /* a power of two */

static char ring[KLOG_SIZE];
static uint32_t head;              /* bytes ever logged */
static uint32_t tail;              /* bytes the reader has taken */
static uint32_t signalled;         /* head when the reader was last signalled */
static int com1_given;
static char com1_owner[TASK_NAME];
static struct notification *reader_ntf;
int klog_reader_tid;
static uint32_t reader_badge;
static uint32_t reader_klog_slot, reader_ntf_slot;   /* the caps klog_bind named */

static void log_putc(char c)
{
	ring[head++ & (KLOG_SIZE - 1)] = c;
	if (reader_ntf)
		current()->work |= TW_LOG;   /* news for the reader, signalled on the way out */
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
	if (given) {
		strlcpy(com1_owner, driver, sizeof(com1_owner));
		kprintf("log: COM1 now belongs to %s; the kernel log goes on through it\n", driver);
		return;
	}
	/*
	 * A reader still bound goes on reading from tail; only an orphaned ring
	 * is replayed.  tail stays: klog_read by another KLog holder still gets
	 * these bytes, and a new reader starts at head (klog_bind).
	 */
	if (!reader_ntf)
		for (uint32_t i = head - tail > KLOG_SIZE ? head - KLOG_SIZE : tail; i != head; i++)
			arch_console_putc_com1(ring[i & (KLOG_SIZE - 1)]);
	kprintf("log: %s, which printed the kernel log on COM1, has gone: COM1 is the kernel's again\n",
		com1_owner);
}

void log_reader_drop(void)
{
	notification_hold(&reader_ntf, 0);
	klog_reader_tid = 0;
}


/*
 * The KLog cap made t the reader: without it, t reads no more and COM1 may
 * go back to the kernel.  The notification cap only told the kernel where
 * to signal: without it the signals stop, but t stays the reader (a
 * restarted console drops its old caps and binds again without a gap in
 * what it prints).
 */
void klog_reader_cap_gone(uint32_t slot, int is_ntf)
{
	if (!is_ntf && slot == reader_klog_slot)
		log_reader_drop();
	else if (is_ntf && reader_ntf && slot == reader_ntf_slot)
		notification_hold(&reader_ntf, 0);
}

struct notification *log_reader_ntf(uint32_t *klog_slot, uint32_t *ntf_slot)
{
	*klog_slot = reader_klog_slot;
	*ntf_slot = reader_ntf_slot;
	return reader_ntf;
}

/* The whole I/O space: a root-like task (the test suite), never a device's driver. */
static int holds_every_port(const struct task *t)
{
	for (int i = 0; i < CSPACE_SLOTS; i++)
		if (t->cs.slot[i].type == CAP_IOPORTS && t->cs.slot[i].io.count == IOPORTS_SPACE)
			return 1;
	return 0;
}

/*
 * The kernel prints on COM1 only until the console driver takes it over:
 * the task that reads the kernel log (klog_bind) while holding COM1's
 * ports.  Merely holding the ports or the KLog cap is not enough: the
 * reader promises to print what it reads.  A task holding the whole I/O
 * space (the test suite) is root-like, never a device's driver.
 */
void com1_owner_update(void)
{
	const struct task *t = task_lookup(log_reader_tid());
	/* A reader that lost its KLog cap (revoked, or it exited) reads no more. */
	if (log_reader_tid() && (!t || t->state == TASK_ZOMBIE || !task_holds(t, CAP_KLOG))) {
		log_reader_drop();
		t = 0;
	}
	int owns = t && t != task_root() && t->state != TASK_ZOMBIE && t->io.bm &&
		   !iobitmap_extent_empty(&t->io.ext) &&
		   iobitmap_allows(t->io.bm, ARCH_CONSOLE_PORT, 1) && task_holds(t, CAP_KLOG) &&
		   !holds_every_port(t);
	log_com1_owner(owns ? t->name : 0);
}

void log_panic_mode(void)
{
	com1_given = 0;
}

void log_panic_message(char *buf, size_t n, const char *fmt, va_list ap)
{
	fmt_vsnprintf(buf, n, fmt, ap);
	log_panic_mode();
}

/* Called on the way out (TW_LOG): signalling from inside kprintf could reenter IPC. */
void log_signal_reader(void)
{
	if (reader_ntf && signalled != head) {
		signalled = head;
		notification_signal(reader_ntf, reader_badge);
	}
}

/* klog_read(klog slot, buf, len): bytes logged since the last read; older ones lost are skipped. */
SYSCALL(klog_read)
{
	struct cap *c;
	long r = cap_decode(a->slot, CAP_KLOG, 0, &c);
	if (r)
		return r;
	if (a->len && !user_range_ok(a->buf.addr, a->len))
		return user_error(E_FAULT);
	if (head - tail > KLOG_SIZE)
		tail = head - KLOG_SIZE;
	uint32_t n = head - tail < a->len ? head - tail : a->len;
	for (uint32_t done = 0; done < n;) {
		uint32_t at = (tail + done) & (KLOG_SIZE - 1);
		uint32_t chunk = KLOG_SIZE - at < n - done ? KLOG_SIZE - at : n - done;
		if (copyout(&current()->as, uptr(a->buf.addr + done), &ring[at], chunk))
			return user_error(E_FAULT);
		done += chunk;
	}
	tail += n;
	return (long)n;
}

/* klog_bind(klog slot, notification slot): signal it (its badge) when there is more to read. */
SYSCALL(klog_bind)
{
	struct cap *klog, *ntf;
	long r = cap_decode(a->slot, CAP_KLOG, 0, &klog);
	if (!r)
		r = cap_decode(a->ntf_slot, CAP_NOTIFY, NTR_SIGNAL, &ntf);
	if (r)
		return r;
	notification_hold(&reader_ntf, ntf->obj.obj);
	reader_badge = ntf->obj.badge ? ntf->obj.badge : 1;
	/*
	 * While the kernel printed on COM1 itself, the reader has seen everything
	 * so far; a restarted reader resumes where its predecessor stopped.
	 */
	if (!com1_given)
		tail = head;
	signalled = tail - 1;    /* whatever is left is news to the new reader */
	current()->work |= TW_LOG;
	klog_reader_tid = current()->tid;
	reader_klog_slot = a->slot;
	reader_ntf_slot = a->ntf_slot;
	com1_owner_update();
	return 0;
}
