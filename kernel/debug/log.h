/*
 * log.h - the kernel log's owners: who prints it on COM1, and who reads
 * the ring (kernel/debug/log.c).  kprintf and friends are in kernel/lib.h.
 */
#ifndef KERNEL_LOG_H
#define KERNEL_LOG_H

#include <stdarg.h>
#include <stddef.h>

/*
 * Whether the kernel may still print on COM1: after any cap change
 * (caps_commit_hook) and when the reader binds.
 */
void com1_owner_update(void);
/* driver holds COM1's ports now (0: nobody but the root; the kernel prints there itself). */
void log_com1_owner(const char *driver);
/* A panic: print on COM1 whoever holds it. */
void log_panic_mode(void);
/*
 * How every report that halts the system begins (panic, the invariant
 * checker): the message formatted into buf, then panic mode.
 */
void log_panic_message(char *buf, size_t n, const char *fmt, va_list ap);
/* Signal the log reader's notification if there is news; only on the way out (TW_LOG). */
void log_signal_reader(void);

/* Ends the reader's binding (it lost its KLog cap): its notification is released. */
void log_reader_drop(void);
/* The task bound as the log's reader (klog_bind), or 0. */
extern int klog_reader_tid;
static inline int log_reader_tid(void)
{
	return klog_reader_tid;
}
/*
 * The reader's KLog cap (is_ntf 0) or notification cap (1) in slot left
 * it: if klog_bind named that cap, it stops being the reader (KLog) or
 * being signalled (notification).
 */
void klog_reader_cap_gone(uint32_t slot, int is_ntf);
/* tid's cap in slot left it: only the reader's caps matter (inline: every notification cap that goes asks). */
static inline void klog_cap_gone(int tid, uint32_t slot, int is_ntf)
{
	if (klog_reader_tid && tid == klog_reader_tid)
		klog_reader_cap_gone(slot, is_ntf);
}
/* The notification the log reader bound (klog_bind), or 0, and the slots it named (the invariant checker). */
struct notification *log_reader_ntf(uint32_t *klog_slot, uint32_t *ntf_slot);

#endif
