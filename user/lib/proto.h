/*
 * proto.h - the message protocols of the system's services, one label
 * range per service.  Replies carry a status label: 0, or an E_x code
 * (abi/errno.h) the client passes on as -E_x.
 *
 * Bytes travel packed little-endian in w1 and utcb mr[2..23]: up to
 * PROTO_BYTES (92) per message, the count in w0 (user/lib/msgbytes.c).
 */
#ifndef USER_LIB_PROTO_H
#define USER_LIB_PROTO_H

#include "abi/ipc.h"

#define PROTO_BYTES (4 + 4 * (IPC_WORDS - IPC_REG_WORDS))   /* 92 */

/* console (drivers/uart16550) */
enum {
	CONS_WRITE = 0x100,  /* w0 = n | CONS_MORE, bytes: written to the UART before the reply */
	CONS_READ,           /* w0 = max; reply when a line is complete: w0 = n, bytes */
	CONS_INPUT,          /* w0 = n, bytes: typed input (from ps2kbd) */
	CONS_WATCH,          /* w0 = 0 or CONS_WATCH_REPLAY; reply when output is there: w0 = n, bytes */
};

/*
 * CONS_WATCH: a mirror of the console's output (drivers/vga).  The console
 * keeps its last CONS_MIRROR_BYTES of output and answers the one watcher
 * with what it has not seen yet, the moment there is some: a reply, which
 * never blocks the console.  CONS_WATCH_REPLAY starts again from the oldest
 * byte kept (a watcher that has just started redraws the screen).  A
 * watcher too slow to keep up loses the oldest bytes, never the console's
 * time.
 */
#define CONS_WATCH_REPLAY 1u
#define CONS_MIRROR_BYTES 4096u

/* CONS_WRITE: more of the same write follows; the kernel log waits, so lines stay whole. */
#define CONS_MORE 0x10000u
/*
 * CONS_WRITE, for the supervision tests: send half of these bytes, then
 * fault while holding the call.  The supervisor restarts the driver, the
 * client sees E_DEAD and sends the write again: nothing is lost, the half
 * line shows twice.
 */
#define CONS_CRASH 0x20000u

/* rtc (drivers/rtc) */
enum {
	RTC_GET = 0x200,     /* reply: w0 = year<<16 | month<<8 | day, w1 = hour<<16 | min<<8 | sec */
	RTC_STATS,           /* reply: w0 = update interrupts seen, w1 = RTC_GETs read from the chip */
};

/*
 * block (drivers/ata).  Sectors move through the client's buffer: a Frame
 * it shares with the driver (user/lib/shbuf.h), sent once with BLK_ATTACH
 * (the client's endpoint cap needs EPR_GRANT) and kept by the driver for
 * that badge; requests name sectors, the data is in the buffer, from its
 * start.  A client whose buffer the driver dropped (BLK_CLIENTS others
 * attached since) gets E_STATE and attaches again.
 */
#define BLK_CLIENTS 4
enum {
	BLK_INFO = 0x300,    /* reply: w0 = sectors, w1 = 512 */
	BLK_READ,            /* w0 = lba, w1 = n (1.. the buffer's sectors): into the buffer */
	BLK_WRITE,           /* w0 = lba, w1 = n: from the buffer; on the medium before the reply */
	BLK_STATS,           /* reply: w0 = commands finished by their interrupt, w1 = by polling, mr[2] = disk commands, mr[3] = cache hits, mr[4] = failed commands, mr[5] = stale interrupts, mr[6] = commands whose data moved by DMA */
	BLK_ATTACH,          /* 1 cap: a Frame or DmaBuffer, read-write: the caller's buffer from now on; reply: w0 = sectors it holds */
};

/*
 * pci (drivers/pci).  The badge of the caller's cap says which devices'
 * configuration space it may read: PCI_BADGE_ALL every device, index + 1
 * only that one (a cap from PCI_DEVICE_CAP).
 */
#define PCI_BADGE_ALL 0xFFFFu
enum {
	PCI_COUNT = 0x400,   /* reply: w0 = functions found */
	PCI_GET,             /* w0 = index; reply: w0 = bus<<16|dev<<8|fn, w1 = vendor|device<<16, mr[2] = class<<24|subclass<<16|progif<<8|rev, mr[3] = header type (bit 7: multi-function) */
	PCI_CFG_READ,        /* w0 = index, w1 = register offset (dword aligned, < 256); reply: w0 = value */
	PCI_DEVICE_CAP,      /* w0 = index (PCI_BADGE_ALL callers only); reply: 1 cap, send-only, badge index + 1, into recv_slot[0] */
};

/* root (user/init): the shell's window onto the supervisor */
enum {
	ROOT_CAPS = 0x500,   /* w0 = tid, w1 = slot; reply: w0 = type, w1 = base/mask, mr[2] = count, mr[3] = rights, mr[4] = badge */
	ROOT_RESTART,        /* bytes = task name: restart it with the same grants */
	ROOT_KILL,           /* w0 = tid */
	ROOT_START,          /* bytes = "[<ports> [<access>...]]": start a rogue (drivers/rogue) under supervision */
	ROOT_STOPPED,        /* w0 = i; reply: bytes = the i-th task init left stopped, and why; E_SRCH past the last */
};

/* init's notification badge bits (a console's SLOT_INTR signals ROOT_BIT_INTR) */
#define ROOT_BIT_CHILD 1u    /* supervise(): a child exited or faulted */
#define ROOT_BIT_INTR  2u    /* Ctrl-C was typed: restart the foreground (the admin tasks) */

/* keyboard (drivers/ps2kbd): its own endpoint only answers questions; typing goes out as CONS_INPUT */
enum {
	KBD_STATS = 0x600,   /* reply: w0 = interrupts, w1 = characters the console took, mr[2] = scan code bytes, mr[3] = characters dropped */
};

#endif
