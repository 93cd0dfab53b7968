/*
 * vga.c - the VGA text console: the console's output, mirrored on the
 * screen, with the hardware cursor after the last character.
 *
 * Holds the text buffer as device memory (SLOT_MMIO(0): 0xB8000-0xBFFFF,
 * the manifest's mmio=), an Untyped budget for the page table its mapping
 * needs (SLOT_UNTYPED), and the CRTC's index and data ports 0x3D4-0x3D5
 * (SLOT_PORTS(0)), for the cursor; nothing else.  It maps the buffer into
 * its own space (mem_map, tid 0) and writes it directly: no system call per
 * character.
 *
 * The output comes from the console service (drivers/uart16550) as a
 * watcher (CONS_WATCH, user/lib/proto.h): vga asks, the console replies
 * with what was sent since.  The console never waits for vga, so a vga
 * that faults or hangs cannot stall it; init restarts a vga that faults,
 * and the new one asks with CONS_WATCH_REPLAY and redraws the console's
 * last 4 KiB.
 */
#include "drivers/vga/vgatext.h"
#include "user/lib/console.h"
#include "user/lib/i386/uarch.h"
#include "user/lib/msgbytes.h"
#include "user/lib/proto.h"
#include "user/lib/slots.h"
#include "user/lib/ulib.h"

#define TEXT_PHYS  0xB8000u       /* colour text mode's buffer */
#define TEXT_VA    0xB0000000u    /* where vga maps its Mmio cap: a 4 MiB region of its own */
#define CRTC_INDEX 0x3D4
#define CRTC_DATA  0x3D5
#define CRTC_CURSOR_HI 0x0E
#define CRTC_CURSOR_LO 0x0F

static struct vgatext screen;
static uint16_t *text;            /* the mapped text buffer */

static void crtc_out(uint8_t reg, uint8_t v)
{
	u_outb(CRTC_INDEX, reg);
	u_outb(CRTC_DATA, v);
}

/* The rows that changed go to the text buffer, then the cursor follows. */
static void show(void)
{
	unsigned lo = screen.dirty_lo, hi = screen.dirty_hi;
	if (lo < hi)
		memcpy(text + lo * VGA_COLS, screen.cell + lo * VGA_COLS,
		       (hi - lo) * VGA_COLS * sizeof(uint16_t));
	vgatext_clean(&screen);
	unsigned at = vgatext_cursor(&screen);
	crtc_out(CRTC_CURSOR_HI, (uint8_t)(at >> 8));
	crtc_out(CRTC_CURSOR_LO, (uint8_t)at);
}

/* Maps the Mmio cap and finds the text buffer in it; 0 or -E_x. */
static long map_text(void)
{
	struct capinfo ci;
	long r = sys_cap_info(SLOT_MMIO(0), &ci);
	if (r)
		return r;
	if (ci.type != CAPT_MMIO || ci.base > TEXT_PHYS ||
	    (TEXT_PHYS - ci.base) / 4096 + 1 > ci.count)
		return -E_TYPE;
	r = sys_mem_map(SLOT_MMIO(0), 0, (void *)TEXT_VA, MEM_R | MEM_W | MAP_PT(SLOT_UNTYPED));
	if (r)
		return r;
	text = (uint16_t *)(TEXT_VA + (TEXT_PHYS - ci.base));
	return 0;
}

int main(void)
{
	long r = map_text();
	if (r) {
		printf("vga: cannot map the text buffer: %s\n", strerror(r));
		return 1;
	}
	vgatext_init(&screen);
	show();
	printf("vga: text buffer 0x%x mapped at 0x%x; mirroring the console\n", TEXT_PHYS,
	       (unsigned)TEXT_VA);
	unsigned flags = CONS_WATCH_REPLAY;
	for (;;) {
		char buf[PROTO_BYTES];
		struct ipc_msg m = ipc_msg(CONS_WATCH, flags, 0);
		r = console_call(&m);
		if (r < 0 || IPC_TAG_LABEL(m.tag) != 0) {
			/* No console for now (a new one is coming, or a second watcher): ask again later. */
			flags = CONS_WATCH_REPLAY;
			sys_sleep(TIMER_HZ / 10);
			continue;
		}
		/* A replay is the console's whole recent output: drawn on a clean screen. */
		if (flags & CONS_WATCH_REPLAY)
			vgatext_init(&screen);
		flags = 0;
		vgatext_write(&screen, buf, msg_get_bytes(&m, buf, sizeof(buf)));
		show();
	}
}
