/*
 * log.h - the kernel log's owners: who prints it on COM1, and who reads
 * the ring (kernel/log.c).  kprintf and friends are in kernel/lib.h.
 */
#ifndef KERNEL_LOG_H
#define KERNEL_LOG_H

/* driver holds COM1's ports now (0: nobody but the root; the kernel prints there itself). */
void log_com1_owner(const char *driver);
/* A panic: print on COM1 whoever holds it. */
void log_panic_mode(void);
/* Signal the log reader's notification if there is news; only at a trap's exit. */
void log_signal_reader(void);
/* There is news for the reader: the way out of a trap must call log_signal_reader. */
extern int klog_news;

/* Ends the reader's binding (it lost its KLog cap): its notification is released. */
void log_reader_drop(void);
/* The task bound as the log's reader (klog_bind), or 0. */
int log_reader_tid(void);
/* The notification the log reader bound (klog_bind), or 0: the invariant checker counts it. */
struct notification *log_reader_ntf(void);

#endif
